"""Session plans: from a template and the findings, editable, printable; red flags block."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from runcare.web.care.models import AuditEvent, DoctorVisit, SessionPlan
from tests.web.care_helpers import plan_for, template_of
from tests.web.conftest import Personas
from tests.web.helpers import add_intake

pytestmark = pytest.mark.django_db

OTHERS = ["runner_client", "stranger_client", "other_therapist_client"]


def plan_new(personas: Personas) -> str:
    return reverse("care:plan_new", args=[personas.runner.pk])


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize("name", ["care:plan_new", "care:doctor_visit"])
def test_it_plans_only_for_the_runners_own_therapist(
    personas: Personas, request: pytest.FixtureRequest, who: str, name: str
) -> None:
    add_intake(personas.runner)
    client = request.getfixturevalue(who)
    url = reverse(name, args=[personas.runner.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"seen_on": "2020-01-01", "note": "x"}).status_code == 404
    assert not SessionPlan.objects.exists() and not DoctorVisit.objects.exists()


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize(
    ("name", "method", "extra"),
    [
        ("care:plan_detail", "get", []),
        ("care:plan_step_edit", "get", [0]),
        ("care:plan_step_add", "post", []),
        ("care:plan_step_remove", "post", [0]),
        ("care:plan_step_move", "post", [0]),
        ("care:note_start", "post", []),
    ],
)
def test_it_shows_a_plan_only_to_the_runners_therapist(
    personas: Personas,
    request: pytest.FixtureRequest,
    *,
    who: str,
    name: str,
    method: str,
    extra: list[int],
) -> None:
    plan = plan_for(personas.runner)
    before = list(plan.steps)
    client = request.getfixturevalue(who)
    assert getattr(client, method)(reverse(name, args=[plan.pk, *extra])).status_code == 404
    plan.refresh_from_db()
    assert plan.steps == before
    assert not AuditEvent.objects.exclude(action="create").exists()


def test_it_plans_painful_steps_first_on_the_painful_side(
    personas: Personas, therapist_client: Client
) -> None:
    add_intake(personas.runner, pain={"hip_front_left": 5})
    template = template_of(personas.therapist)
    page = therapist_client.get(plan_new(personas)).content.decode()
    assert "Left front of hip / groin 5/10" in page
    response = therapist_client.post(plan_new(personas), {"template": template.pk})
    plan = SessionPlan.objects.get(runner=personas.runner)
    assert response.url == reverse("care:plan_detail", args=[plan.pk])
    first = plan.steps[0]
    assert first["technique"] == "pnf_contract_relax"
    assert first["side"] == "left"
    assert first["focus"] == ["hip_front_left"]
    assert plan.painful == [["hip_front_left", 5]]
    assert plan.load_level == "not_enough_data"
    assert plan.template_name == template.name
    assert AuditEvent.objects.filter(action="create", what="session plan").count() == 1


def test_it_will_not_plan_from_another_therapists_template(
    personas: Personas, therapist_client: Client
) -> None:
    theirs = template_of(personas.other_therapist)
    response = therapist_client.post(plan_new(personas), {"template": theirs.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SessionPlan.objects.exists()


@pytest.mark.parametrize("flag", ["night_rest_pain", "bladder_bowel"])
def test_it_blocks_planning_on_an_open_red_flag_until_a_doctor_has_seen_the_client(
    personas: Personas, therapist_client: Client, flag: str
) -> None:
    add_intake(personas.runner, flags=[flag])
    template = template_of(personas.therapist)
    page = therapist_client.get(plan_new(personas)).content.decode()
    assert "Planning is blocked" in page
    response = therapist_client.post(plan_new(personas), {"template": template.pk}, follow=True)
    assert "see a doctor first" in response.content.decode()
    assert not SessionPlan.objects.exists()

    visit = reverse("care:doctor_visit", args=[personas.runner.pk])
    refused = therapist_client.post(visit, {"seen_on": "2999-01-01", "note": "Seen."})
    assert "can&#x27;t be in the future" in refused.content.decode()
    assert therapist_client.post(visit, {"seen_on": "", "note": ""}).status_code == 200
    assert not DoctorVisit.objects.exists()
    therapist_client.post(visit, {"seen_on": "2020-03-02", "note": "GP: no concern, may treat."})
    record = DoctorVisit.objects.get()
    assert record.recorded_by == personas.therapist
    assert str(record.seen_on) == "2020-03-02"
    therapist_client.post(plan_new(personas), {"template": template.pk})
    assert SessionPlan.objects.count() == 1

    # A newer intake with a warning sign blocks again.
    add_intake(personas.runner, flags=[flag])
    assert "Planning is blocked" in therapist_client.get(plan_new(personas)).content.decode()


def test_it_shows_a_printable_plan_and_logs_the_view(
    personas: Personas, therapist_client: Client
) -> None:
    plan = plan_for(personas.runner)
    response = therapist_client.get(reverse("care:plan_detail", args=[plan.pk]))
    html = response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert "runcare/care.css" in html and "data-print" in html
    assert "PNF contract-relax" in html and "hold 3-5 s, 5 reps per side" in html
    assert "Active isolated" not in html
    assert "<script>" not in html and "style=" not in html
    event = AuditEvent.objects.get(action="view")
    assert (event.actor, event.runner, event.object_id) == (
        personas.therapist,
        personas.runner,
        plan.pk,
    )


def test_it_edits_a_plan_and_logs_the_change(personas: Personas, therapist_client: Client) -> None:
    add_intake(personas.runner, pain={"buttock_right": 4})
    plan = plan_for(personas.runner)
    assert plan.steps[0]["focus"] == ["buttock_right"]
    url = reverse("care:plan_step_edit", args=[plan.pk, 0])
    data = {
        "technique": "compression",
        "regions": ["buttock"],
        "side": "right",
        "position": "prone",
        "minutes": "8",
    }
    therapist_client.post(url, data)
    plan.refresh_from_db()
    assert plan.steps[0]["minutes"] == 8.0
    assert plan.steps[0]["focus"] == ["buttock_right"]
    assert AuditEvent.objects.filter(action="update", what="session plan").count() == 1
    therapist_client.post(reverse("care:plan_step_remove", args=[plan.pk, 0]))
    plan.refresh_from_db()
    assert plan.steps[0]["technique"] != "compression" or plan.steps[0].get("minutes") != 8.0


def test_it_lists_the_clients_sessions_on_the_client_page(
    personas: Personas, therapist_client: Client
) -> None:
    url = reverse("clinic:client_detail", args=[personas.runner.pk])
    assert "No sessions yet." in therapist_client.get(url).content.decode()
    plan = plan_for(personas.runner)
    html = therapist_client.get(url).content.decode()
    assert reverse("care:plan_detail", args=[plan.pk]) in html
    assert reverse("care:plan_new", args=[personas.runner.pk]) in html
    assert AuditEvent.objects.filter(what="session history", runner=personas.runner).count() == 1
