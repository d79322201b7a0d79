"""The explanation on the runner's dashboard, and the same words on her therapist's page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.web.clinic.explaining import explanation_for, screen_stored
from runcare.web.clinic.models import Intake
from tests.web.conftest import Personas, client_for
from tests.web.helpers import add_intake, add_runs, spiky_runs, today

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("training:dashboard")
HIP_AND_BACK = {"hip_front_left": 6, "lower_back_left": 4}


def client_page(personas: Personas) -> str:
    return reverse("clinic:client_detail", args=[personas.runner.pk])


def section(html: str) -> str:
    """The explanation's own section of a page, nested sections included."""
    start = html.index('<section class="explanation" id="explanation"')
    depth = 0
    for tag in re.finditer(r"<(/?)section\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start : start + tag.end()]
    raise AssertionError("the explanation section is not closed")


def body_of(html: str) -> str:
    """The explanation after its first line (which says whose page it is): the shared words."""
    part = section(html)
    return part[part.index("</p>", part.index("explanation-headline")) :]


def test_the_runner_reads_why_her_hips_and_back_may_hurt(
    personas: Personas, runner_client: Client
) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    add_intake(personas.runner, pain=HIP_AND_BACK)
    html = runner_client.get(DASHBOARD).content.decode()
    part = section(html)
    assert 'data-explanation="explanation"' in part
    assert 'data-rule="hip_front_and_low_back_with_running"' in part
    assert "Iliopsoas is the name for psoas major and iliacus together" in part
    assert "A common explanation, though not an established finding" in part
    assert "This is an explanation, not a diagnosis" in part
    # The training part quotes the verdict: the 18 km run five days ago.
    assert "Your 18 km run on" in part
    assert part.index("Exercise comes first") < part.index("Massage and stretching")
    assert "When to see a doctor" in part
    # Every reference points at a listed source.
    refs = set(re.findall(r'href="#explanation-source-(\d+)"', part))
    listed = set(re.findall(r'id="explanation-source-(\d+)"', part))
    assert refs
    assert refs <= listed
    assert 'href="https://www.nice.org.uk/guidance/ng59"' in part


def test_the_therapist_sees_what_her_client_sees(
    personas: Personas, runner_client: Client, therapist_client: Client
) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    add_intake(personas.runner, pain=HIP_AND_BACK)
    runner_sees = body_of(runner_client.get(DASHBOARD).content.decode())
    therapist_sees = body_of(therapist_client.get(client_page(personas)).content.decode())
    assert "Iliopsoas" in therapist_sees
    assert therapist_sees == runner_sees


@pytest.mark.parametrize("who", ["runner_client", "stranger_client", "other_therapist_client"])
def test_nobody_else_sees_the_clients_explanation(
    personas: Personas, request: pytest.FixtureRequest, who: str
) -> None:
    add_intake(personas.runner, pain=HIP_AND_BACK)
    assert request.getfixturevalue(who).get(client_page(personas)).status_code == 404


def test_another_runner_sees_only_their_own(personas: Personas, stranger_client: Client) -> None:
    add_intake(personas.runner, pain=HIP_AND_BACK)
    html = stranger_client.get(DASHBOARD).content.decode()
    assert 'data-explanation="no_intake"' in html
    assert "Iliopsoas" not in html


def test_the_other_therapist_cannot_see_it_on_her_own_page(
    personas: Personas, other_therapist_client: Client
) -> None:
    add_intake(personas.runner, pain=HIP_AND_BACK)
    response = other_therapist_client.get(DASHBOARD)
    assert response.status_code == 302  # to her own start page, with nothing of the runner's
    assert (
        "Iliopsoas"
        not in other_therapist_client.get(response["Location"], follow=True).content.decode()
    )


@pytest.mark.parametrize("flag", ["saddle_numbness", "cancer_history"])
def test_a_red_flag_leaves_nothing_but_see_a_doctor(
    personas: Personas, runner_client: Client, therapist_client: Client, flag: str
) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    add_intake(personas.runner, pain=HIP_AND_BACK, flags=[flag])
    headline = "See a doctor today" if flag == "saddle_numbness" else "See a doctor first"
    dashboard = runner_client.get(DASHBOARD).content.decode()
    for page in (dashboard, therapist_client.get(client_page(personas)).content.decode()):
        part = section(page)
        assert 'data-explanation="see_doctor"' in part
        assert headline in part
        for advice in ("Iliopsoas", "hip flexor", "usually helps", "training", "Exercise"):
            assert advice not in part
    # The runner's whole page gives no advice either.
    for advice in ("Iliopsoas", "What usually helps", "Exercise comes first", "18 km"):
        assert advice not in dashboard


def test_it_links_to_an_intake_when_there_is_none(
    personas: Personas, runner_client: Client, therapist_client: Client
) -> None:
    mine = section(runner_client.get(DASHBOARD).content.decode())
    assert 'data-explanation="no_intake"' in mine
    assert f'href="{reverse("clinic:intake")}"' in mine
    theirs = section(therapist_client.get(client_page(personas)).content.decode())
    assert f'href="{reverse("clinic:intake_for", args=[personas.runner.pk])}"' in theirs


def test_it_links_each_muscle_and_the_hip_flexors_page(
    personas: Personas, runner_client: Client
) -> None:
    add_intake(personas.runner, pain=HIP_AND_BACK)
    part = section(runner_client.get(DASHBOARD).content.decode())
    page = reverse("body:muscle", args=["psoas_major"])
    assert (
        f'<a href="{page}">psoas major</a>: the deep hip flexor that starts on the lower spine'
        in part
    )
    assert f'href="{reverse("body:hip_flexors")}"' in part


def test_it_shows_the_hip_flexor_drawing_with_its_credit(
    personas: Personas, runner_client: Client
) -> None:
    add_intake(personas.runner, pain=HIP_AND_BACK)
    part = section(runner_client.get(DASHBOARD).content.decode())
    assert part.count('<figure class="credited">') == 1
    figure = part[part.index('<figure class="credited">') :]
    assert "Muscles at the front of the hip" in figure
    assert reverse("body:figure", args=["anterior_hip"]) in figure
    assert "figure-uncredited" not in part


def test_it_draws_each_picture_once_and_the_back_for_the_buttock(
    personas: Personas, runner_client: Client
) -> None:
    add_intake(personas.runner, pain={"hip_front_left": 3, "buttock_right": 5, "knee_left": 2})
    part = section(runner_client.get(DASHBOARD).content.decode())
    assert part.count('<figure class="credited">') == 2
    assert part.count("Muscles at the front of the hip") == 1
    assert "Muscles at the back of the hip and the lower back" in part


def test_nothing_marked_still_shows_the_training_part(
    personas: Personas, runner_client: Client
) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    add_intake(personas.runner, pain={})
    part = section(runner_client.get(DASHBOARD).content.decode())
    assert 'data-explanation="nothing_marked"' in part
    assert "The training part" in part
    assert "Muscles that may be involved" not in part


def test_a_stored_red_flag_is_never_softened(personas: Personas) -> None:
    intake = add_intake(personas.runner, pain=HIP_AND_BACK, flags=["trauma"])
    # Answers the screen no longer knows, but a level stored when they were given.
    Intake.objects.filter(pk=intake.pk).update(red_flags={"old_question": True})
    intake.refresh_from_db()
    assert screen_stored(intake).level == "refer"
    explanation = explanation_for(personas.runner, intake, timezone.now())
    assert explanation is not None
    assert explanation.kind == "see_doctor"


@pytest.mark.parametrize("page", ["dashboard", "client"])
def test_the_pages_are_not_cached(personas: Personas, page: str) -> None:
    add_intake(personas.runner, pain=HIP_AND_BACK)
    if page == "dashboard":
        response = client_for(personas.runner).get(DASHBOARD)
    else:
        response = client_for(personas.therapist).get(client_page(personas))
    assert "no-store" in response["Cache-Control"]
