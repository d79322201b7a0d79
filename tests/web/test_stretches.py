"""Home stretches on the web: the seeded library, prescribing with history, the runner's
page with the timer's schedule, logging a session once, and who may see what."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.exercises import build_schedule, library, single
from runcare.web.exercises.adherence import streak_days, weekly_adherence
from runcare.web.exercises.models import LibraryExercise, ProgramVersion, StretchSession
from runcare.web.exercises.services import record_session, save_version, seed_library
from tests.web.conftest import Personas, client_for, make_user

pytestmark = pytest.mark.django_db

KEY = "kneeling-hip-flexor"


def shipped(key: str = KEY) -> LibraryExercise:
    return LibraryExercise.objects.get(therapist=None, key=key)


def prescribe(personas: Personas, **dose: object) -> ProgramVersion:
    client = client_for(personas.therapist)
    data = {"exercise": shipped().pk, **{k: str(v) for k, v in dose.items()}}
    response = client.post(reverse("exercises:item_add", args=[personas.runner.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    version = ProgramVersion.objects.filter(runner=personas.runner).first()
    assert version is not None
    return version


def test_migrate_seeds_every_shipped_exercise_and_seeding_again_changes_nothing() -> None:
    keys = set(LibraryExercise.objects.filter(therapist=None).values_list("key", flat=True))
    assert keys == set(library().exercises)
    assert seed_library() == 0
    row = shipped()
    row.hold_s = 99
    row.save()
    assert seed_library() == 1
    assert shipped().hold_s == library().exercises[KEY].dose.hold_s


def test_a_therapist_overrides_a_dose_and_every_change_is_a_new_version(
    personas: Personas,
) -> None:
    first = prescribe(personas, sets=3, hold_s=45)
    assert first.number == 1
    assert first.items[0]["sets"] == 3 and first.items[0]["hold_s"] == 45
    default = library().exercises[KEY].dose
    assert first.items[0]["reps"] == default.reps  # not overridden: the library's
    client = client_for(personas.therapist)
    url = reverse("exercises:notes_edit", args=[personas.runner.pk])
    assert client.post(url, {"notes": "Slowly, breathe out."}).status_code == 302
    remove = reverse("exercises:item_remove", args=[personas.runner.pk, 0])
    assert client.post(remove).status_code == 302
    versions = list(ProgramVersion.objects.filter(runner=personas.runner).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[1].notes == "Slowly, breathe out." and len(versions[1].items) == 1
    assert versions[2].items == [] and versions[2].notes == "Slowly, breathe out."


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("sets", "0", "Sets"), ("hold_s", "301", "Hold"), ("side", "up", "side")],
)
def test_a_bad_dose_is_refused_with_a_message_and_nothing_saved(
    personas: Personas, field: str, value: str, words: str
) -> None:
    client = client_for(personas.therapist)
    url = reverse("exercises:item_add", args=[personas.runner.pk])
    response = client.post(url, {"exercise": shipped().pk, field: value})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not ProgramVersion.objects.exists()


def test_the_runner_page_carries_the_core_schedule_and_the_dose_in_words(
    personas: Personas,
) -> None:
    prescribe(personas, sets=1, reps=2)
    response = client_for(personas.runner).get(reverse("exercises:my_program"))
    html = response.content.decode()
    assert response.status_code == 200
    start = html.index('id="stretch-schedule"')
    payload = html[html.index(">", start) + 1 : html.index("</script>", start)]
    exercise = library().exercises[KEY]
    from runcare.exercises import Program, ProgramItem, dose_from

    dose = dose_from({"sets": 1, "reps": 2}, "d", exercise.dose)
    expected = build_schedule(Program("x", (ProgramItem(exercise, dose),))).as_json()
    assert json.loads(payload) == expected
    assert "stretches.js" in html
    assert "<script>" not in html  # the strict CSP forbids inline scripts
    assert exercise.name in html
    assert "figcaption" in html  # the figure with its credit line
    assert (
        response.headers["Cache-Control"].startswith("max-age=0")
        or "no-store" in (response.headers["Cache-Control"])
    )


def log(client: Client, version: int, entry_id: str, pain: object = None) -> tuple[int, dict]:
    body = {"id": entry_id, "version": version, "pain_0_10": pain}
    response = client.post(
        reverse("exercises:session_log"), json.dumps(body), content_type="application/json"
    )
    is_json = response.headers.get("Content-Type") == "application/json"
    return response.status_code, response.json() if is_json else {}


def test_a_session_sent_twice_is_counted_once(personas: Personas) -> None:
    version = prescribe(personas)
    client = client_for(personas.runner)
    entry = str(uuid.uuid4())
    assert log(client, version.number, entry, 3) == (201, {"id": entry, "created": True})
    assert log(client, version.number, entry, 3) == (200, {"id": entry, "created": False})
    assert StretchSession.objects.get().pain_0_10 == 3


@pytest.mark.parametrize(
    ("entry_id", "pain", "version"),
    [("not-a-uuid", None, 1), (str(uuid.uuid4()), 11, 1), (str(uuid.uuid4()), -1, 1)],
)
def test_a_bad_entry_gets_400_and_nothing_is_saved(
    personas: Personas, entry_id: str, pain: object, version: int
) -> None:
    prescribe(personas)
    status, body = log(client_for(personas.runner), version, entry_id, pain)
    assert status == 400 and "error" in body
    assert not StretchSession.objects.exists()


def test_a_session_for_someone_elses_program_is_404(personas: Personas) -> None:
    prescribe(personas)
    status, _ = log(client_for(personas.stranger), 1, str(uuid.uuid4()))
    assert status == 404
    assert not StretchSession.objects.exists()


def test_garbage_body_is_a_clear_400(personas: Personas) -> None:
    response = client_for(personas.runner).post(
        reverse("exercises:session_log"), b"\xff{", content_type="application/json"
    )
    assert response.status_code == 400


THERAPIST_URLS = [
    ("exercises:program_detail", "get"),
    ("exercises:item_add", "get"),
    ("exercises:notes_edit", "post"),
    ("exercises:item_remove", "post"),
    ("exercises:item_edit", "get"),
    ("exercises:handout_pdf", "get"),
]


@pytest.mark.parametrize(("name", "method"), THERAPIST_URLS)
def test_three_personas_on_the_therapist_pages(personas: Personas, name: str, method: str) -> None:
    version = prescribe(personas)
    indexed = name in {"exercises:item_remove", "exercises:item_edit"}
    args = [personas.runner.pk] + ([0] if indexed else [])
    url = reverse(name, args=args)
    ok = getattr(client_for(personas.therapist), method)(url)
    assert ok.status_code in (200, 302)
    # The runner downloads her own handout; every other page is her therapist's alone.
    outsiders = [personas.stranger, personas.other_therapist]
    if name != "exercises:handout_pdf":
        outsiders.append(personas.runner)
    for user in outsiders:
        response = getattr(client_for(user), method)(url)
        assert response.status_code == 404, (user, name)
    assert ProgramVersion.objects.filter(runner=personas.runner).count() == (
        version.number + (1 if method == "post" else 0)
    )
    assert Client().get(url).status_code == 302  # to the login page


def test_the_runner_sees_only_her_own_program(personas: Personas) -> None:
    prescribe(personas)
    url = reverse("exercises:my_program")
    mine = client_for(personas.runner).get(url).content.decode()
    other = client_for(personas.stranger).get(url).content.decode()
    name = library().exercises[KEY].name
    assert name in mine and name not in other
    assert "No home stretches yet" in other
    therapist = client_for(personas.therapist).get(url)
    assert therapist.status_code == 302


def test_library_pages_are_for_therapists_and_her_own_exercise_stays_hers(
    personas: Personas,
) -> None:
    client = client_for(personas.therapist)
    data = {
        "name": "Wall calf stretch",
        "technique": "static_stretch",
        "steps": "Face a wall.\nStep back.",
        "cautions": "",
        "hold_cue": "Lean into the wall",
        "limb": "leg",
        "side": "both",
        "sets": "1",
        "reps": "2",
        "hold_s": "30",
        "relax_s": "5",
        "rest_s": "0",
        "times_per_day": "1",
    }
    assert client.post(reverse("exercises:exercise_new"), data).status_code == 302
    own = LibraryExercise.objects.get(therapist=personas.therapist)
    assert own.steps == ["Face a wall.", "Step back."]
    assert "Wall calf stretch" in client.get(reverse("exercises:library_list")).content.decode()
    other = client_for(personas.other_therapist)
    assert "Wall calf stretch" not in other.get(reverse("exercises:library_list")).content.decode()
    # She cannot prescribe another therapist's exercise.
    url = reverse("exercises:item_add", args=[personas.stranger.pk])
    assert other.post(url, {"exercise": own.pk}).status_code == 200
    assert not ProgramVersion.objects.exists()
    for user in (personas.runner, personas.stranger):
        assert client_for(user).get(reverse("exercises:library_list")).status_code == 404


def test_an_own_exercise_plays_in_the_timer(personas: Personas) -> None:
    own = LibraryExercise.objects.create(
        therapist=personas.therapist,
        key="calf",
        name="Calf",
        technique="static_stretch",
        steps=["Lean."],
        cautions=[],
        limb="leg",
        hold_cue="Lean",
        side="none",
        sets=1,
        reps=1,
        hold_s=10,
        relax_s=0,
        rest_s=0,
        times_per_day=2,
    )
    save_version(personas.runner, personas.therapist, [{"exercise": own.pk}], "", timezone.now())
    html = client_for(personas.runner).get(reverse("exercises:my_program")).content.decode()
    assert '"total_s": 15.0' in html  # 5 s to get ready and one 10 s hold


def test_weekly_adherence_counts_sessions_against_prescribed(personas: Personas) -> None:
    runner = personas.runner
    wednesday = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    version = save_version(
        runner,
        personas.therapist,
        [{"exercise": shipped().pk, "times_per_day": 2}],
        "",
        wednesday,
    )
    for day, pain in ((0, 4), (1, None), (1, 2), (6, 1)):
        at = wednesday + timedelta(days=day)
        record_session(runner, version, uuid.uuid4(), pain_0_10=pain, finished_at=at, now=at)
    today = date(2026, 3, 10)  # the next Tuesday
    weeks = weekly_adherence(runner, today)
    assert [(w.start, w.done, w.prescribed, w.pain_mean_0_10) for w in weeks] == [
        (date(2026, 3, 9), 1, 4, 1.0),  # Mon 9 and Tue 10: 2 days x 2
        (date(2026, 3, 2), 3, 10, 3.0),  # from Wed 4 to Sun 8: 5 days x 2
    ]
    assert streak_days(runner, date(2026, 3, 10)) == 1  # Tue 10 has none yet; Mon 9 counts
    assert streak_days(runner, date(2026, 3, 6)) == 2  # Wed 4 and Thu 5
    assert streak_days(runner, date(2026, 3, 8)) == 0


def test_client_page_shows_adherence_and_the_prescribe_link(personas: Personas) -> None:
    version = prescribe(personas)
    record_session(
        personas.runner, version, uuid.uuid4(), pain_0_10=5, finished_at=None, now=timezone.now()
    )
    html = (
        client_for(personas.therapist)
        .get(reverse("clinic:client_detail", args=[personas.runner.pk]))
        .content.decode()
    )
    assert "Prescribe home stretches" in html
    assert "5.0/10" in html
    assert "1 / " in html


def test_a_late_entry_keeps_its_time_but_a_wrong_clock_does_not(personas: Personas) -> None:
    version = prescribe(personas)
    now = timezone.now()
    two_days = now - timedelta(days=2)
    s1, _ = record_session(
        personas.runner, version, uuid.uuid4(), pain_0_10=None, finished_at=two_days, now=now
    )
    s2, _ = record_session(
        personas.runner,
        version,
        uuid.uuid4(),
        pain_0_10=None,
        finished_at=now + timedelta(days=3),
        now=now,
    )
    s3, _ = record_session(
        personas.runner,
        version,
        uuid.uuid4(),
        pain_0_10=None,
        finished_at=now - timedelta(days=90),
        now=now,
    )
    assert s1.done_at == two_days and s2.done_at == now and s3.done_at == now


def test_single_exercise_schedule_is_not_recomputed_here() -> None:
    # The page's schedule is the core's: the same program gives the same JSON.
    exercise = library().exercises[KEY]
    assert build_schedule(single(exercise)).total_s > 0


def test_the_client_list_shows_sessions_of_the_last_week(personas: Personas) -> None:
    version = prescribe(personas)
    now = timezone.now()
    for days in (1, 2, 9):  # the one 9 days ago is outside the last 7 days
        at = now - timedelta(days=days)
        record_session(
            personas.runner, version, uuid.uuid4(), pain_0_10=None, finished_at=at, now=now
        )
    other = make_user("nora_runner", "runner", personas.therapist)
    html = client_for(personas.therapist).get(reverse("clinic:client_list")).content.decode()
    rows = {
        name: html[html.index(f'data-client="{name}"') :].split("</tr>")[0]
        for name in (personas.runner.username, other.username)
    }
    cell = rows[personas.runner.username].split('class="col-stretches')[1]
    assert ">2</a>" in cell
    assert "No program" in rows[other.username]


def test_a_therapist_changes_the_dose_of_an_exercise_in_the_program(personas: Personas) -> None:
    prescribe(personas, sets=1)
    client = client_for(personas.therapist)
    url = reverse("exercises:item_edit", args=[personas.runner.pk, 0])
    page = client.get(url).content.decode()
    assert 'name="hold_s"' in page
    dose = {
        "side": "left",
        "sets": "2",
        "reps": "4",
        "hold_s": "20",
        "relax_s": "3",
        "rest_s": "10",
        "times_per_day": "2",
    }
    assert client.post(url, {**dose, "reps": "31"}).status_code == 200  # over the limit
    assert ProgramVersion.objects.count() == 1
    assert client.post(url, dose).status_code == 302
    item = ProgramVersion.objects.get(number=2).items[0]
    assert (item["side"], item["sets"], item["reps"], item["hold_s"]) == ("left", 2, 4, 20.0)
    missing = reverse("exercises:item_edit", args=[personas.runner.pk, 1])
    assert client.get(missing).status_code == 404


def test_opening_a_clients_program_is_in_her_audit_log(personas: Personas) -> None:
    from runcare.web.care.models import AuditEvent

    version = prescribe(personas)
    client_for(personas.therapist).get(
        reverse("exercises:program_detail", args=[personas.runner.pk])
    )
    event = AuditEvent.objects.get(what="home program")
    assert (event.actor, event.runner, event.object_id) == (
        personas.therapist,
        personas.runner,
        version.pk,
    )


def test_the_runner_finds_home_stretches_from_her_dashboard(personas: Personas) -> None:
    html = client_for(personas.runner).get(reverse("training:dashboard")).content.decode()
    assert html.count(f'href="{reverse("exercises:my_program")}"') == 2  # menu and dashboard
