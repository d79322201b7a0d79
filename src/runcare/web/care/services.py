"""Storing templates, plans, doctor's visits and notes. Rules come from the core; changes to a
client's plans and notes are written to the audit log here, in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F

from runcare.care.plans import Findings, build_plan
from runcare.care.protocols import (
    ProtocolError,
    Template,
    default_template,
    step_to_dict,
    steps_from_list,
    validate_template,
)
from runcare.web.accounts.models import User
from runcare.web.care import audit
from runcare.web.care.models import (
    Addendum,
    AuditAction,
    DoctorVisit,
    NoteLockedError,
    ProtocolTemplate,
    SessionNote,
    SessionPlan,
)

StepList = list[dict[str, Any]]


class StaleNoteError(Exception):
    """The note changed since the page was opened; the therapist should reload it."""


class PlanLockedError(Exception):
    """The plan's session note is signed, so the plan is part of a closed record."""


def copy_default(therapist: User, now: datetime) -> ProtocolTemplate:
    return _store_template(therapist, default_template(), now)


def _store_template(therapist: User, template: Template, now: datetime) -> ProtocolTemplate:
    template = validate_template(template)
    return ProtocolTemplate.objects.create(
        therapist=therapist,
        name=template.name,
        source=template.source,
        steps=[step_to_dict(s) for s in template.steps],
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def templates_of(therapist: User, now: datetime) -> list[ProtocolTemplate]:
    """The therapist's templates; her first visit gives her a copy of the default."""
    # Lock her row so two first visits at once cannot make two copies.
    User.objects.select_for_update().filter(pk=therapist.pk).first()
    if not ProtocolTemplate.objects.filter(therapist=therapist).exists():
        copy_default(therapist, now)
    return list(ProtocolTemplate.objects.filter(therapist=therapist))


def copy_template(original: ProtocolTemplate, now: datetime) -> ProtocolTemplate:
    name = f"Copy of {original.name}"[:120]
    return _store_template(original.therapist, replace(original.core(), name=name), now)


def rename_template(template: ProtocolTemplate, name: str, now: datetime) -> None:
    checked = validate_template(Template(name, (), template.source))
    ProtocolTemplate.objects.filter(pk=template.pk).update(name=checked.name, updated_at=now)


def change_template_steps(
    template: ProtocolTemplate, change: Callable[[StepList], StepList], now: datetime
) -> None:
    """Apply ``change`` to the stored steps under a row lock; the result is checked first."""
    with transaction.atomic():
        row = ProtocolTemplate.objects.select_for_update().get(pk=template.pk)
        steps = change(list(row.steps))
        validate_template(Template(row.name, steps_from_list(steps)))
        row.steps, row.updated_at = steps, now
        row.save(update_fields=["steps", "updated_at"])


def change_plan_steps(
    plan: SessionPlan, by: User, change: Callable[[StepList], StepList], now: datetime
) -> None:
    """The same for a plan, refused once its note is started; the change is audited.

    The note copies the plan's steps when it starts, so a later change to the plan would
    silently differ from the note: what was actually done is recorded in the note.
    """
    with transaction.atomic():
        row = SessionPlan.objects.select_for_update().get(pk=plan.pk)
        if SessionNote.objects.filter(plan=row).exists():
            raise PlanLockedError(
                "The session note for this plan is started: record what you did in the note."
            )
        steps = change(list(row.steps))
        validate_template(Template(row.template_name, steps_from_list(_bare(steps))))
        row.steps, row.updated_at = steps, now
        row.save(update_fields=["steps", "updated_at"])
        audit.record(by, row.runner, AuditAction.UPDATE, "session plan", row.pk, now=now)


def _bare(steps: StepList) -> StepList:
    return [{k: v for k, v in s.items() if k != "focus"} for s in steps]


def move(index: int, offset: int) -> Callable[[StepList], StepList]:
    def change(steps: StepList) -> StepList:
        target = index + offset
        if not (0 <= index < len(steps) and 0 <= target < len(steps)):
            raise ProtocolError("That step cannot move further.", "steps", index)
        steps[index], steps[target] = steps[target], steps[index]
        return steps

    return change


def remove(index: int) -> Callable[[StepList], StepList]:
    def change(steps: StepList) -> StepList:
        if not 0 <= index < len(steps):
            raise ProtocolError("That step is no longer there.", "steps", index)
        del steps[index]
        return steps

    return change


def put(index: int | None, step: dict[str, Any]) -> Callable[[StepList], StepList]:
    """Replace step ``index`` (keeping a plan step's focus), or add at the end for ``None``."""

    def change(steps: StepList) -> StepList:
        if index is None:
            return [*steps, step]
        if not 0 <= index < len(steps):
            raise ProtocolError("That step is no longer there.", "steps", index)
        focus = steps[index].get("focus")
        steps[index] = {**step, "focus": focus} if focus is not None else step
        return steps

    return change


def record_doctor_visit(
    runner: User, by: User, seen_on: date, note: str, now: datetime
) -> DoctorVisit:
    return DoctorVisit.objects.create(
        runner=runner, recorded_by=by, seen_on=seen_on, note=note.strip(), recorded_at=now
    )


@transaction.atomic
def create_plan(
    runner: User,
    by: User,
    template: ProtocolTemplate,
    findings: Findings,
    *,
    now: datetime,
) -> SessionPlan:
    """Fit ``template`` to ``findings`` and store it; raises ``PlanningBlockedError``."""
    plan = build_plan(template.core(), findings)
    stored = SessionPlan.objects.create(
        runner=runner,
        therapist=by,
        template=template,
        template_name=plan.template_name,
        steps=[{**step_to_dict(p.step), "focus": list(p.focus)} for p in plan.steps],
        painful=[list(pair) for pair in plan.painful],
        load_level=plan.load_level or "",
        load_headline=plan.load_headline or "",
        created_at=now,
        updated_at=now,
    )
    audit.record(by, runner, AuditAction.CREATE, "session plan", stored.pk, now=now)
    return stored


@transaction.atomic
def start_note(
    plan: SessionPlan, by: User, pain_before: Mapping[str, int], today: date, now: datetime
) -> SessionNote:
    """The plan's note, created on first use with every planned step not yet done."""
    SessionPlan.objects.select_for_update().filter(pk=plan.pk).first()
    existing = SessionNote.objects.filter(plan=plan).first()
    if existing is not None:
        return existing
    note = SessionNote.objects.create(
        plan=plan,
        runner=plan.runner,
        therapist=by,
        session_on=today,
        pain_before=dict(pain_before),
        given=[{"done": False, "step": s} for s in _bare(plan.steps)],
        created_at=now,
        updated_at=now,
    )
    audit.record(by, plan.runner, AuditAction.CREATE, "session note", note.pk, now=now)
    return note


NOTE_FIELDS = (
    "session_on",
    "subjective",
    "pain_before",
    "objective",
    "assessment",
    "plan_home",
    "plan_run_time",
    "plan_next_session",
    "given",
    "pain_after",
)


@transaction.atomic
def update_note(
    note: SessionNote, by: User, seen_version: int, changes: Mapping[str, Any], now: datetime
) -> None:
    """Save an edit made on version ``seen_version``; refused if signed or changed since.

    One conditional UPDATE decides: two edits, or an edit and a signature, racing on the
    same version cannot both win, on SQLite or PostgreSQL.
    """
    unknown = set(changes) - set(NOTE_FIELDS)
    if unknown:
        raise ValueError(f"not note fields: {sorted(unknown)}")
    steps_from_list([g["step"] for g in changes.get("given", note.given)])
    done = SessionNote.objects.filter(pk=note.pk, signed_at__isnull=True, version=seen_version)
    if not done.update(**changes, version=F("version") + 1, updated_at=now):
        _refusal(note.pk)
    audit.record(by, note.runner, AuditAction.UPDATE, "session note", note.pk, now=now)


@transaction.atomic
def sign_note(note: SessionNote, by: User, seen_version: int, now: datetime) -> None:
    """Sign the version the therapist read; from now on only addenda may follow."""
    done = SessionNote.objects.filter(pk=note.pk, signed_at__isnull=True, version=seen_version)
    if not done.update(signed_at=now, signed_by=by):
        _refusal(note.pk)
    audit.record(by, note.runner, AuditAction.SIGN, "session note", note.pk, now=now)


def _refusal(pk: int) -> None:
    if SessionNote.objects.filter(pk=pk, signed_at__isnull=False).exists():
        raise NoteLockedError("This note is signed; add an addendum instead.")
    raise StaleNoteError(
        "This note was changed since you opened it. Reload it to see the latest version."
    )


@transaction.atomic
def add_addendum(note: SessionNote, author: User, text: str, now: datetime) -> Addendum:
    """A dated addendum to a signed note (an unsigned note is simply edited)."""
    if not SessionNote.objects.filter(pk=note.pk, signed_at__isnull=False).exists():
        raise StaleNoteError("This note is not signed yet: edit it instead.")
    addendum = Addendum.objects.create(
        note=note, author=author, author_name=author.name, created_at=now, text=text.strip()
    )
    audit.record(author, note.runner, AuditAction.ADDENDUM, "session note", note.pk, now=now)
    return addendum
