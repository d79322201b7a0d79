"""One client's page for the therapist: red flag on top, intake and pain map, load, links."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import Personas
from tests.web.helpers import add_intake, add_runs, add_upload, spiky_runs, steady_runs, today

pytestmark = pytest.mark.django_db


def url(personas: Personas) -> str:
    return reverse("clinic:client_detail", args=[personas.runner.pk])


def test_it_asks_anonymous_visitors_to_log_in(personas: Personas, client: Client) -> None:
    assert client.get(url(personas)).status_code == 302


@pytest.mark.parametrize("who", ["runner_client", "stranger_client", "other_therapist_client"])
def test_it_is_only_for_the_runners_own_therapist(
    personas: Personas, request: pytest.FixtureRequest, who: str
) -> None:
    add_intake(personas.runner)
    assert request.getfixturevalue(who).get(url(personas)).status_code == 404


def test_it_gives_the_same_404_for_a_missing_client(therapist_client: Client) -> None:
    assert therapist_client.get(reverse("clinic:client_detail", args=[999_999])).status_code == 404


def test_it_gives_404_for_another_therapists_client(
    personas: Personas, therapist_client: Client
) -> None:
    stranger = reverse("clinic:client_detail", args=[personas.stranger.pk])
    assert therapist_client.get(stranger).status_code == 404


def test_it_puts_the_red_flag_outcome_on_top(personas: Personas, therapist_client: Client) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    add_intake(personas.runner, by=personas.therapist, flags=["weight_loss", "trauma"])
    html = therapist_client.get(url(personas)).content.decode()
    assert 'role="alert"' in html
    # Her name, then the red flag before anything else about her.
    assert html.index("<h1") < html.index("See a doctor first") < html.index("What hurts")
    assert "Have you lost weight recently without trying to?" in html
    # The therapist still sees the load, marked as not shown to the runner.
    assert "For your records only" in html
    assert 'data-level="too_much_too_soon"' in html


def test_it_shows_the_latest_intake_with_its_pain_map_and_versions(
    personas: Personas, therapist_client: Client
) -> None:
    add_intake(personas.runner, pain={"buttock_left": 3})
    add_intake(personas.runner, by=personas.therapist, pain={"hip_front_right": 6})
    html = therapist_client.get(url(personas)).content.decode()
    assert "Version 2" in html
    assert "Worst pain: 6 of 10" in html
    assert 'class="painmap' in html
    assert "<svg" in html
    assert html.count("clinic/intake/") >= 2  # both versions link to their results
    assert 'data-red-flag="none"' in html


def test_it_shows_the_verdict_and_four_charts(personas: Personas, therapist_client: Client) -> None:
    add_runs(personas.runner, steady_runs(today()))
    response = therapist_client.get(url(personas))
    html = response.content.decode()
    assert response.context["level"] == "ok"
    assert "No: your recent runs stayed within 10 %" in html
    for key in ("spikes", "weekly", "acwr", "fitness"):
        assert f'id="chart-{key}"' in html


def test_it_links_to_an_intake_and_an_upload_for_the_client(
    personas: Personas, therapist_client: Client
) -> None:
    html = therapist_client.get(url(personas)).content.decode()
    assert reverse("clinic:intake_for", args=[personas.runner.pk]) in html
    assert reverse("training:upload_for", args=[personas.runner.pk]) in html
    assert "has not answered the warning-sign questions yet" in html


def test_it_lists_the_clients_recent_uploads(personas: Personas, therapist_client: Client) -> None:
    upload = add_upload(personas.runner, timezone.now(), name="rita-garmin.zip")
    add_upload(personas.stranger, timezone.now(), name="sam-strava.zip")
    html = therapist_client.get(url(personas)).content.decode()
    assert "rita-garmin.zip" in html
    assert reverse("training:upload_status", args=[upload.pk]) in html
    assert "sam-strava.zip" not in html


def test_it_is_reached_from_the_client_list(personas: Personas, therapist_client: Client) -> None:
    html = therapist_client.get(reverse("clinic:client_list")).content.decode()
    assert url(personas) in html
