"""The demo clinic: one therapist and three runners, imported through the upload job."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate

from runcare.activities import Activity, Sport
from runcare.load import build_report
from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.care.models import SessionNote
from runcare.web.clinic.models import Intake
from runcare.web.exercises.models import ProgramVersion, StretchSession
from runcare.web.training.models import ActivityRecord, Upload, UploadStatus
from runcare.web.training.queries import load_report

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def verdict(username: str, now: datetime = NOW) -> str:
    return load_report(User.objects.get(username=username), now).verdict.level.value


def test_it_creates_the_demo_clinic_and_is_idempotent() -> None:
    first = demo.seed_demo(NOW)
    assert sorted(first.created) == ["jonas", "lena", "mia", "therapist"]
    therapist = User.objects.get(username=demo.THERAPIST)
    assert therapist.is_therapist
    assert sorted(therapist.clients.values_list("username", flat=True)) == ["jonas", "lena", "mia"]
    for username in first.created:
        assert authenticate(username=username, password=demo.DEMO_PASSWORD) is not None

    # Every history came in through the upload job's services, and imported cleanly.
    uploads = Upload.objects.all()
    assert uploads.count() == 3
    assert {u.status for u in uploads} == {UploadStatus.DONE}
    assert all(u.activities_added > 50 for u in uploads)

    assert verdict(demo.TOO_MUCH) == "too_much_too_soon"
    assert verdict(demo.FINE) == "ok"
    flagged = Intake.objects.get(runner__username=demo.RED_FLAG, is_latest=True)
    assert flagged.red_flag_level == "refer"
    assert flagged.entered_by == therapist
    for username in (demo.TOO_MUCH, demo.FINE):
        assert Intake.objects.get(runner__username=username).red_flag_level == "none"

    # Mia has one signed session a week back, planned from the therapist's default copy.
    note = SessionNote.objects.get()
    assert note.runner.username == demo.TOO_MUCH
    assert note.is_signed and note.signed_by == therapist
    assert note.session_on == date(2026, 2, 25)
    assert all(item["done"] for item in note.given) and note.plan_home

    # Mia has a home program from that session and five logged stretch sessions since.
    program = ProgramVersion.objects.get()
    assert program.runner.username == demo.TOO_MUCH and len(program.items) == 2
    assert StretchSession.objects.filter(runner=program.runner).count() == 5

    counts = (User.objects.count(), ActivityRecord.objects.count(), Intake.objects.count())
    again = demo.seed_demo(NOW + timedelta(hours=2))
    assert again.created == []
    assert again.imported == []
    assert (User.objects.count(), ActivityRecord.objects.count(), Intake.objects.count()) == counts
    assert SessionNote.objects.count() == 1
    assert (ProgramVersion.objects.count(), StretchSession.objects.count()) == (1, 5)


def test_it_moves_a_stale_history_to_end_today_without_doubling_it() -> None:
    earlier = NOW - timedelta(days=21)
    demo.seed_demo(earlier)
    stale = ActivityRecord.objects.filter(runner__username=demo.TOO_MUCH).count()
    # Three weeks on, the old spike has left the 14-day window.
    assert verdict(demo.TOO_MUCH, NOW) != "too_much_too_soon"

    result = demo.seed_demo(NOW)
    assert sorted(result.imported) == ["jonas", "lena", "mia"]
    assert verdict(demo.TOO_MUCH) == "too_much_too_soon"
    assert verdict(demo.FINE) == "ok"
    assert Upload.objects.filter(runner__username=demo.TOO_MUCH).count() == 1
    fresh = ActivityRecord.objects.filter(runner__username=demo.TOO_MUCH).count()
    assert abs(fresh - stale) < 10
    assert Intake.objects.filter(runner__username=demo.TOO_MUCH).count() == 1


@pytest.mark.parametrize("end_offset", range(7))
def test_it_keeps_the_steady_runner_ok_on_every_weekday(end_offset: int) -> None:
    end = date(2026, 3, 2) + timedelta(days=end_offset)
    activities = [
        Activity(
            start=planned.start.astimezone(UTC),
            sport=Sport.RUNNING,
            source="steady",
            kind="gpx",
            distance_m=planned.distance_m,
            duration_s=planned.elapsed_s,
            moving_s=planned.moving_s,
        )
        for planned in demo.steady_plan(end - timedelta(days=1), seed=41)
    ]
    report = build_report(activities, as_of=end, tz=ZoneInfo("UTC"))
    assert report.verdict.level.value == "ok"
