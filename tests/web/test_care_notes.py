"""Session notes: SOAP with pain before and after, steps as given, signing locks, addenda,
the audit log, and the runner's view of the signed plan for home."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.web.care.models import Addendum, AuditEvent, NoteLockedError, SessionNote
from runcare.web.care.services import StaleNoteError, sign_note, update_note
from tests.web.care_helpers import note_for, plan_for
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db

OTHERS = ["runner_client", "stranger_client", "other_therapist_client"]


def note_post(note: SessionNote, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": note.version,
        "session_on": "2020-05-04",
        "subjective": "Left hip sore after the long run.",
        "objective": "Tender left hip flexors.",
        "assessment": "Tight after a long-run jump.",
        "plan_home": "Kneeling hip-flexor stretch, 3 x 30 s a day.",
        "plan_run_time": "Keep the long run at 14 km this week.",
        "plan_next_session": "In two weeks.",
        "pain_before_hip_front_left": "5",
        "pain_after_hip_front_left": "2",
        "step_0_done": "on",
        "step_0_minutes": "7",
        "step_4_done": "on",
        "step_4_hold_s": "4",
        "step_4_hold_max_s": "6",
        "step_4_reps": "6",
        "step_4_sets": "1",
        "step_4_resistance": "light",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("care:note_detail", "get"),
        ("care:note_edit", "get"),
        ("care:note_edit", "post"),
        ("care:note_sign", "post"),
        ("care:addendum_add", "post"),
    ],
)
def test_it_keeps_a_note_to_the_runners_therapist(
    personas: Personas, request: pytest.FixtureRequest, who: str, name: str, method: str
) -> None:
    note = note_for(personas.runner)
    client = request.getfixturevalue(who)
    response = getattr(client, method)(reverse(name, args=[note.pk]), {"version": 1, "text": "x"})
    assert response.status_code == 404
    note.refresh_from_db()
    assert (note.version, note.signed_at) == (1, None)
    assert not Addendum.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["view", "update", "sign"]).exists()


def test_it_starts_one_note_per_plan_with_every_step_to_check_off(
    personas: Personas, therapist_client: Client
) -> None:
    plan = plan_for(personas.runner)
    url = reverse("care:note_start", args=[plan.pk])
    first = therapist_client.post(url)
    second = therapist_client.post(url)
    note = SessionNote.objects.get()
    assert first.url == second.url == reverse("care:note_edit", args=[note.pk])
    assert [g["done"] for g in note.given] == [False] * len(plan.steps)
    assert [g["step"]["technique"] for g in note.given] == [s["technique"] for s in plan.steps]


def test_it_records_the_soap_note_with_doses_given_and_pain_before_and_after(
    personas: Personas, therapist_client: Client
) -> None:
    note = note_for(personas.runner)
    form = therapist_client.get(reverse("care:note_edit", args=[note.pk])).content.decode()
    assert "Planned: hold 3-5 s, 5 reps per side" in form
    response = therapist_client.post(reverse("care:note_edit", args=[note.pk]), note_post(note))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.version == 2
    assert note.subjective.startswith("Left hip sore")
    assert note.pain_before == {"hip_front_left": 5}
    assert note.pain_after == {"hip_front_left": 2}
    assert note.given[0] == {"done": True, "step": {**note.given[0]["step"], "minutes": 7.0}}
    given = note.given[4]["step"]
    assert (given["hold_s"], given["hold_max_s"], given["reps"], given["resistance"]) == (
        4.0,
        6.0,
        6,
        "light",
    )
    assert [g["done"] for g in note.given].count(True) == 2
    detail = therapist_client.get(reverse("care:note_detail", args=[note.pk])).content.decode()
    assert "Draft: not signed" in detail
    assert "hold 4-6 s, 6 reps per side, 1 set, light resistance" in detail


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"step_4_minutes": "5", "step_4_hold_s": "0"}, "Hold (s) must be more than 0"),
        ({"step_4_hold_s": "9"}, "The longest hold needs a shortest hold"),
        ({"pain_after_hip_front_left": "11"}, "Select a valid choice"),
        ({"session_on": "2999-01-01"}, "can&#x27;t be in the future"),
        ({"session_on": ""}, "This field is required"),
    ],
)
def test_it_refuses_a_bad_note_and_saves_nothing(
    personas: Personas, therapist_client: Client, changes: dict[str, str], message: str
) -> None:
    note = note_for(personas.runner)
    url = reverse("care:note_edit", args=[note.pk])
    response = therapist_client.post(url, note_post(note, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    note.refresh_from_db()
    assert note.version == 1 and note.subjective == ""


def test_it_locks_a_signed_note_and_takes_dated_addenda(
    personas: Personas, therapist_client: Client
) -> None:
    note = note_for(personas.runner)
    therapist_client.post(reverse("care:note_edit", args=[note.pk]), note_post(note))
    note.refresh_from_db()
    therapist_client.post(reverse("care:note_sign", args=[note.pk]), {"version": note.version})
    note.refresh_from_db()
    assert note.is_signed and note.signed_by == personas.therapist

    edit = reverse("care:note_edit", args=[note.pk])
    assert therapist_client.get(edit).url == reverse("care:note_detail", args=[note.pk])
    therapist_client.post(edit, note_post(note, subjective="Changed later."))
    note.refresh_from_db()
    assert note.subjective.startswith("Left hip sore")

    add = reverse("care:addendum_add", args=[note.pk])
    assert (
        "Write what you add"
        in therapist_client.post(add, {"text": "  "}, follow=True).content.decode()
    )
    therapist_client.post(add, {"text": "Runner called: pain 1/10 next day."})
    addendum = Addendum.objects.get()
    assert addendum.author == personas.therapist and addendum.author_name == "Thea Therapist"
    html = therapist_client.get(reverse("care:note_detail", args=[note.pk])).content.decode()
    assert "Runner called: pain 1/10 next day." in html
    assert "Signed" in html and "Edit the note" not in html

    plan_step = reverse("care:plan_step_remove", args=[note.plan_id, 0])
    steps = list(note.plan.steps)
    therapist_client.post(plan_step)
    note.plan.refresh_from_db()
    assert note.plan.steps == steps


def test_it_closes_the_plan_once_its_note_is_started(
    personas: Personas, therapist_client: Client
) -> None:
    note = note_for(personas.runner)
    steps = list(note.plan.steps)
    response = therapist_client.post(
        reverse("care:plan_step_remove", args=[note.plan_id, 0]), follow=True
    )
    assert "record what you did in the note" in response.content.decode()
    note.plan.refresh_from_db()
    assert note.plan.steps == steps
    page = therapist_client.get(reverse("care:plan_detail", args=[note.plan_id])).content.decode()
    assert "Add a step" not in page and "Continue the session note" in page


def test_it_takes_no_addendum_before_signing(personas: Personas, therapist_client: Client) -> None:
    note = note_for(personas.runner)
    therapist_client.post(reverse("care:addendum_add", args=[note.pk]), {"text": "Early."})
    assert not Addendum.objects.exists()


def test_it_refuses_an_edit_or_signature_made_on_a_stale_page(personas: Personas) -> None:
    note = note_for(personas.runner)
    therapist = personas.therapist
    now = timezone.now()
    update_note(note, therapist, 1, {"subjective": "First."}, now)
    with pytest.raises(StaleNoteError):
        update_note(note, therapist, 1, {"subjective": "Second, from an old page."}, now)
    with pytest.raises(StaleNoteError):
        sign_note(note, therapist, 1, now)
    sign_note(note, therapist, 2, now)
    with pytest.raises(NoteLockedError):
        update_note(note, therapist, 2, {"subjective": "After."}, now)
    with pytest.raises(NoteLockedError):
        sign_note(note, therapist, 2, now)
    note.refresh_from_db()
    assert note.subjective == "First."


def test_it_refuses_to_save_a_signed_note_by_any_route(personas: Personas) -> None:
    note = note_for(personas.runner)
    sign_note(note, personas.therapist, 1, timezone.now())
    stale = SessionNote.objects.get(pk=note.pk)
    stale.assessment = "Quietly changed."
    with pytest.raises(NoteLockedError):
        stale.save()
    assert SessionNote.objects.get(pk=note.pk).assessment == ""


def test_it_logs_every_view_and_change_and_shows_the_log(
    personas: Personas, therapist_client: Client
) -> None:
    note = note_for(personas.runner)
    therapist_client.get(reverse("care:note_detail", args=[note.pk]))
    therapist_client.get(reverse("care:note_edit", args=[note.pk]))
    therapist_client.post(reverse("care:note_edit", args=[note.pk]), note_post(note))
    therapist_client.post(reverse("care:note_sign", args=[note.pk]), {"version": 2})
    therapist_client.post(reverse("care:addendum_add", args=[note.pk]), {"text": "Later."})
    actions = list(
        AuditEvent.objects.filter(what="session note")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "view", "view", "update", "sign", "addendum"]
    assert set(AuditEvent.objects.values_list("therapist", flat=True)) == {personas.therapist.pk}

    page = therapist_client.get(reverse("care:audit_log"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-action="view"') == 2
    assert "Signed session note" in html and "Rita Runner" in html
    only = therapist_client.get(reverse("care:audit_log") + f"?client={personas.runner.pk}")
    assert only.status_code == 200


@pytest.mark.parametrize("who", OTHERS)
def test_it_shows_the_audit_log_to_therapists_only_and_their_clients_only(
    personas: Personas, request: pytest.FixtureRequest, who: str
) -> None:
    note = note_for(personas.runner)
    client = request.getfixturevalue(who)
    response = client.get(reverse("care:audit_log"))
    if who == "other_therapist_client":
        assert response.status_code == 200
        assert "Rita Runner" not in response.content.decode()
        filtered = client.get(reverse("care:audit_log") + f"?client={personas.runner.pk}")
        assert filtered.status_code == 404
    else:
        assert response.status_code == 404
    assert note.pk


def test_it_shows_the_runner_only_the_signed_plan_for_home(
    personas: Personas, runner_client: Client, stranger_client: Client, therapist_client: Client
) -> None:
    note = note_for(personas.runner)
    therapist_client.post(reverse("care:note_edit", args=[note.pk]), note_post(note))
    mine = reverse("care:my_sessions")
    draft = runner_client.get(mine).content.decode()
    assert "Kneeling hip-flexor stretch" not in draft
    therapist_client.post(reverse("care:note_sign", args=[note.pk]), {"version": 2})
    html = runner_client.get(mine).content.decode()
    assert "Kneeling hip-flexor stretch, 3 x 30 s a day." in html
    assert "Keep the long run at 14 km this week." in html
    assert "Tight after a long-run jump." not in html  # the assessment stays clinical
    assert "Tender left hip flexors." not in html
    assert "Kneeling" not in stranger_client.get(mine).content.decode()
    assert therapist_client.get(mine)["Location"] == reverse("home")  # not her page
    assert AuditEvent.objects.filter(actor=personas.runner, action="view").count() == 1
