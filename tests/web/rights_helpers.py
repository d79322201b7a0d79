"""A runner with one of every record runcare keeps, made through the app's own services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from runcare.web.accounts.models import Invitation, LoginAttempt, ResetRequest, User
from runcare.web.booking.models import Appointment, Status
from runcare.web.calendars.models import CalendarFeed
from runcare.web.care import audit
from runcare.web.care.models import AuditAction, SessionNote
from runcare.web.care.services import add_addendum, record_doctor_visit, sign_note
from runcare.web.clinic.models import Intake
from runcare.web.exercises.models import ProgramVersion, StretchSession
from runcare.web.plan.models import PainReport, PlanChange, RunSettingsRow
from runcare.web.posts.models import Question
from runcare.web.training.models import Upload
from runcare.web.training.services import run_import, store_upload
from runcare.web.training.tasks import import_upload
from tests.builders import gpx_run
from tests.web.care_helpers import note_for
from tests.web.helpers import add_intake

# Words that appear only in this runner's records, so a leftover can be searched for.
MARKER = "zebrafinch"


@dataclass
class History:
    runner: User
    uploads: list[Upload]
    sent: dict[str, bytes]


def full_history(runner: User, marker: str = MARKER) -> History:
    """Uploads with files, activities, two intake versions, a doctor's visit, a signed note
    with an addendum, audit events, an invitation, a failed login, a reset request, an
    import job and a question for the therapist's series."""
    therapist = runner.therapist
    assert therapist is not None
    now = timezone.now()
    start = now - timedelta(days=3)
    sent = {
        f"{marker}-morning.gpx": gpx_run(start, distance_m=8000.0),
        f"{marker}-evening.gpx": gpx_run(start + timedelta(days=1), activity_type=""),
    }
    uploads = []
    for name, data in sent.items():
        upload = store_upload(runner, runner, [SimpleUploadedFile(name, data)], now)
        run_import(upload.pk, timezone.now)
        import_upload.enqueue(upload.pk)  # the job row a worker would have left
        uploads.append(upload)
    add_intake(runner, pain={"hip_front_left": 4}, now=now)
    intake = add_intake(runner, by=therapist, pain={"buttock_left": 6}, now=now)
    Intake.objects.filter(pk=intake.pk).update(question=f"Why, {marker}?")
    record_doctor_visit(runner, therapist, now.date(), f"Seen by Dr {marker}", now)
    note = note_for(runner)
    sign_note(note, therapist, note.version, now)
    add_addendum(note, therapist, f"Later: {marker} felt better", now)
    audit.record(runner, runner, AuditAction.VIEW, "session note", note.pk, now=now)
    invitation, _token = Invitation.issue(
        therapist, runner.email or f"{marker}@example.org", now=now, days=7
    )
    Invitation.objects.filter(pk=invitation.pk).update(used_at=now, runner=runner)
    LoginAttempt.record_failure(runner.username, "192.0.2.7", now=now)
    ResetRequest.record(runner.email or f"{marker}@example.org", "192.0.2.7", now=now)
    add_plan_and_stretches(runner, marker)
    add_appointments(runner, note)
    CalendarFeed.issue(runner, now)
    Question.objects.create(therapist=therapist, asker=runner, text=f"Why, {marker}?", asked_at=now)
    return History(runner=runner, uploads=uploads, sent=sent)


def add_plan_and_stretches(runner: User, marker: str) -> None:
    """Run settings, a pain report and a plan change; a home program and one session."""
    now = timezone.now()
    RunSettingsRow.objects.create(runner=runner, runs_per_week=3, weekdays=[0, 2, 4])
    PainReport.objects.create(
        runner=runner, day=now.date(), region="", after_0_10=3, created_at=now, updated_at=now
    )
    PlanChange.objects.create(runner=runner, created_at=now, as_of=now.date(), cause=marker)
    program = ProgramVersion.objects.create(
        runner=runner, therapist=runner.therapist, number=1, created_at=now, notes=marker
    )
    StretchSession.objects.create(runner=runner, version=program, done_at=now, received_at=now)


def add_appointments(runner: User, note: SessionNote) -> None:
    """A next appointment booked from the signed note, and a cancelled one."""
    now = timezone.now()
    for days, status in ((7, Status.BOOKED), (3, Status.CANCELLED)):
        start = now + timedelta(days=days)
        Appointment.objects.create(
            therapist=runner.therapist,
            runner=runner,
            start_utc=start,
            end_utc=start + timedelta(hours=1),
            status=status,
            booked_by=runner.therapist,
            created_at=now,
            updated_at=now,
            session_note=note,
        )
