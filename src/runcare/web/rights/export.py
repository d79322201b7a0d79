"""Everything runcare holds about one runner, as one zip (GDPR articles 15 and 20).

The zip holds ``runcare-export.json`` (what the archive is, when it was made, which files
it holds), one JSON file per kind of record, and the uploaded files as they were sent.
Every JSON file starts with ``{"format": "runcare-export", "version": 1, "kind": ...}``;
the shape is documented in docs/data-rights.md, and ``VERSION`` grows when it changes in a
way a reader would notice.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any
from uuid import UUID

from django.db import models

from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment
from runcare.web.calendars.models import CalendarFeed
from runcare.web.care.models import AuditEvent, DoctorVisit, SessionNote, SessionPlan
from runcare.web.clinic.models import Intake
from runcare.web.exercises.models import ProgramVersion, StretchSession
from runcare.web.plan.models import PainReport, PlanChange, RunSettingsRow
from runcare.web.posts.models import Question
from runcare.web.summaries.models import RunnerSummary
from runcare.web.training.activities import stored_folder
from runcare.web.training.models import ActivityRecord, Upload

FORMAT = "runcare-export"
VERSION = 1
MANIFEST = "runcare-export.json"
ACCOUNT_FIELDS = (
    "id",
    "username",
    "display_name",
    "first_name",
    "last_name",
    "email",
    "role",
    "time_zone",
    "date_joined",
    "last_login",
    "archived_at",
)
# The models that hold a runner's data, by the kind (file) they are exported as. A new model
# that points to a runner belongs here, or in NOT_EXPORTED with the reason; a test checks.
EXPORTED: dict[type[models.Model], str] = {
    User: "account",
    ActivityRecord: "activities",
    Upload: "uploads",
    Intake: "intakes",
    DoctorVisit: "doctor_visits",
    SessionPlan: "session_plans",
    SessionNote: "session_notes",
    AuditEvent: "audit_events",
    RunSettingsRow: "run_settings",
    PainReport: "pain_reports",
    PlanChange: "plan_changes",
    ProgramVersion: "stretch_programs",
    StretchSession: "stretch_sessions",
    Appointment: "appointments",
    CalendarFeed: "calendar_feeds",
    Question: "questions",
    RunnerSummary: "summary",
}
NOT_EXPORTED: dict[str, str] = {
    "accounts.Invitation": "how the account was created; erased with it",
    "care.ProtocolTemplate": "a therapist's own templates, about nobody",
    "care.Addendum": "exported inside its session note",
    "media.Picture": "a therapist's own picture library",
    "rights.ErasureRequest": "exported in account.json as erasure_requested_at",
    "rights.Erasure": "the line that an erasure happened; names nobody",
    "exercises.LibraryExercise": "a therapist's own home-stretch exercises, about nobody",
    "parsed.ParsedFile": (
        "what each uploaded file held, kept to skip parsing it again; the files and the "
        "activities read from them are exported, and it is erased with them"
    ),
    "booking.BookingSettings": "a therapist's own booking settings, about nobody",
    "booking.OpeningHours": "a therapist's own opening hours, about nobody",
    "posts.Series": "a therapist's own series of posts; a runner's question is in questions.json",
}
# Characters never kept in a file name inside the zip: separators and control characters.
UNSAFE_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")
NAME_MAX = 150


@dataclass
class ExportSummary:
    """How many records of each kind, and the uploaded files, the zip holds."""

    counts: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def plain(value: Any) -> Any:
    """A stored value as JSON: times in ISO 8601 (UTC), decimals as numbers, UUIDs as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, UUID):
        return str(value)
    return value


def row(instance: models.Model, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """Every stored column of ``instance`` by its column name (a link as ``<name>_id``)."""
    skipped = set(exclude)
    return {
        f.attname: plain(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.attname not in skipped
    }


def account_record(runner: User) -> dict[str, Any]:
    therapist = runner.therapist
    return {
        **{name: plain(getattr(runner, name)) for name in ACCOUNT_FIELDS},
        "therapist": None
        if therapist is None
        else {"id": therapist.pk, "name": therapist.name, "email": therapist.email},
        "erasure_requested_at": plain(
            getattr(getattr(runner, "erasure_request", None), "requested_at", None)
        ),
    }


def note_record(note: SessionNote) -> dict[str, Any]:
    return {**row(note), "addenda": [row(a) for a in note.addenda.all()]}


def records_by_kind(runner: User) -> dict[str, list[dict[str, Any]]]:
    """Each kind of record about ``runner``, oldest first, as the JSON the zip holds."""
    return {
        "account": [account_record(runner)],
        "activities": [
            row(r) for r in ActivityRecord.objects.filter(runner=runner).order_by("start", "pk")
        ],
        "uploads": [row(u) for u in Upload.objects.filter(runner=runner).order_by("pk")],
        "intakes": [row(i) for i in Intake.objects.filter(runner=runner).order_by("version", "pk")],
        "doctor_visits": [row(v) for v in DoctorVisit.objects.filter(runner=runner).order_by("pk")],
        "session_plans": [row(p) for p in SessionPlan.objects.filter(runner=runner).order_by("pk")],
        "session_notes": [
            note_record(n)
            for n in SessionNote.objects.filter(runner=runner)
            .prefetch_related("addenda")
            .order_by("pk")
        ],
        "audit_events": [
            row(e) for e in AuditEvent.objects.filter(runner=runner).order_by("at", "pk")
        ],
        "run_settings": [row(r) for r in RunSettingsRow.objects.filter(runner=runner)],
        "pain_reports": [
            row(p) for p in PainReport.objects.filter(runner=runner).order_by("day", "pk")
        ],
        "plan_changes": [
            row(c) for c in PlanChange.objects.filter(runner=runner).order_by("created_at", "pk")
        ],
        "stretch_programs": [
            row(v) for v in ProgramVersion.objects.filter(runner=runner).order_by("number")
        ],
        "stretch_sessions": [
            row(s) for s in StretchSession.objects.filter(runner=runner).order_by("done_at", "pk")
        ],
        # Cancelled ones too: the runner's calendar may still hold them.
        "appointments": [
            row(a) for a in Appointment.objects.filter(runner=runner).order_by("start_utc", "pk")
        ],
        # That a link exists and since when; never its secret (only a hash is kept anyway).
        "calendar_feeds": [
            row(f, exclude=["token_sha256"]) for f in CalendarFeed.objects.filter(person=runner)
        ],
        "questions": [
            row(q) for q in Question.objects.filter(asker=runner).order_by("asked_at", "pk")
        ],
        "summary": [row(s) for s in RunnerSummary.objects.filter(runner=runner)],
    }


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode()


def _header(kind: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "kind": kind}


def write_export(runner: User, out: IO[bytes], *, now: datetime) -> ExportSummary:
    """Write ``runner``'s zip to ``out`` (a file opened for writing in binary)."""
    summary = ExportSummary()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, records in records_by_kind(runner).items():
            archive.writestr(f"{kind}.json", _dump({**_header(kind), "records": records}))
            summary.counts[kind] = len(records)
        for upload in Upload.objects.filter(runner=runner).order_by("pk"):
            summary.files.extend(_write_files(archive, upload))
        manifest = {
            **_header("manifest"),
            "exported_at": now.isoformat(),
            "runner": {"id": runner.pk, "username": runner.username, "name": runner.name},
            "counts": summary.counts,
            "files": summary.files,
        }
        archive.writestr(MANIFEST, _dump(manifest))
    return summary


def _write_files(archive: zipfile.ZipFile, upload: Upload) -> list[str]:
    """Add the upload's stored files under ``files/<upload id>/`` with their sent names."""
    folder = stored_folder(upload)
    if folder is None or not folder.is_dir():
        return []
    written = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        name = zip_name(upload, path.name)
        archive.write(path, name)
        written.append(name)
    return written


def zip_name(upload: Upload, stored_name: str) -> str:
    """``files/<upload id>/<index>-<name it was sent with>``, made safe for any unzipper."""
    index_text = stored_name.split(".", 1)[0]
    index = int(index_text) if index_text.isdigit() else -1
    names = upload.file_names or []
    sent = names[index] if 0 <= index < len(names) else stored_name
    safe = UNSAFE_NAME.sub("_", sent).strip(" .") or "file"
    return f"files/{upload.pk}/{index_text}-{safe[-NAME_MAX:]}"
