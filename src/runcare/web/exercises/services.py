"""Changing home stretches: seeding the shipped library, saving a new program version,
logging a completed session. Each is one transaction, so nothing is ever half-saved."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify

from runcare.exercises import DOSE_FIELDS, Dose, Exercise, library
from runcare.web.accounts.models import User
from runcare.web.exercises.models import LibraryExercise, ProgramVersion, StretchSession

# A completion the browser kept offline may arrive days later; older or future times are
# taken as the time it arrived (a wrong phone clock must not move it out of its week).
OFFLINE_KEEP = timedelta(days=14)

T = TypeVar("T")


def _fields(exercise: Exercise) -> dict[str, Any]:
    return {
        "name": exercise.name,
        "technique": exercise.technique,
        "steps": list(exercise.steps),
        "cautions": list(exercise.cautions),
        "muscles": list(exercise.muscles),
        "figure": exercise.figure,
        "limb": exercise.limb,
        "hold_cue": exercise.hold_cue,
        **dose_values(exercise.dose),
    }


def dose_values(dose: Dose) -> dict[str, Any]:
    return {name: getattr(dose, name) for name in DOSE_FIELDS}


def seed_library(using: str = "default") -> int:
    """Bring the shipped exercises in the database up to the data file; safe to run again.

    Returns how many rows were created or changed. Keys never change, so programs that
    name an exercise keep naming it.
    """
    changed = 0
    rows = LibraryExercise.objects.using(using)
    with transaction.atomic(using=using):
        for exercise in library().exercises.values():
            fields = _fields(exercise)
            row = rows.filter(therapist=None, key=exercise.key).first()
            if row is None:
                rows.create(therapist=None, key=exercise.key, **fields)
                changed += 1
            elif any(getattr(row, name) != value for name, value in fields.items()):
                rows.filter(pk=row.pk).update(**fields)
                changed += 1
    return changed


def moved(items: Sequence[T], index: int, step: int) -> list[T]:
    """``items`` with the one at ``index`` swapped with its neighbour ``step`` (-1 or 1)
    away; unchanged when there is no neighbour on that side."""
    other = index + step
    result = list(items)
    if 0 <= index < len(result) and 0 <= other < len(result):
        result[index], result[other] = result[other], result[index]
    return result


def item_of(exercise: LibraryExercise, dose: Dose) -> dict[str, Any]:
    return {"exercise": exercise.pk, **dose_values(dose)}


@transaction.atomic
def save_version(
    runner: User,
    therapist: User,
    items: Sequence[Mapping[str, Any]],
    notes: str,
    now: datetime,
) -> ProgramVersion:
    """A new current version of the runner's program; the older ones stay as history."""
    # Lock the runner's row so two saves at once get consecutive numbers.
    User.objects.select_for_update().filter(pk=runner.pk).first()
    last = ProgramVersion.objects.filter(runner=runner).order_by("-number").first()
    return ProgramVersion.objects.create(
        runner=runner,
        therapist=therapist,
        number=(last.number + 1) if last else 1,
        created_at=now,
        items=[dict(item) for item in items],
        notes=notes,
    )


def _done_at(finished_at: datetime | None, now: datetime) -> datetime:
    if finished_at is None or not now - OFFLINE_KEEP <= finished_at <= now:
        return now
    return finished_at


def record_session(
    runner: User,
    version: ProgramVersion,
    client_id: uuid.UUID,
    *,
    pain_0_10: int | None,
    finished_at: datetime | None,
    now: datetime,
) -> tuple[StretchSession, bool]:
    """Log one completed session; the same ``client_id`` again returns the first entry.

    Returns ``(session, created)``.
    """
    existing = StretchSession.objects.filter(runner=runner, client_id=client_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            session = StretchSession.objects.create(
                runner=runner,
                version=version,
                client_id=client_id,
                done_at=_done_at(finished_at, now),
                received_at=now,
                pain_0_10=pain_0_10,
            )
    except IntegrityError:
        # The same entry arrived twice at once; the other request saved it.
        return StretchSession.objects.get(runner=runner, client_id=client_id), False
    return session, True


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _own_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``OwnExerciseForm``'s cleaned data, as the row stores them."""
    return {
        "name": data["name"].strip(),
        "technique": data["technique"],
        "steps": _lines(data["steps"]),
        "cautions": _lines(data.get("cautions", "")),
        "limb": data["limb"],
        "hold_cue": data["hold_cue"].strip(),
        **dose_values(data["dose"]),
    }


@transaction.atomic
def create_own_exercise(therapist: User, data: Mapping[str, Any]) -> LibraryExercise:
    """A therapist's own exercise; its key is made from the name, unique in her library."""
    base = slugify(data["name"])[:70] or "exercise"
    key, n = base, 1
    while LibraryExercise.objects.filter(therapist=therapist, key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return LibraryExercise.objects.create(
        therapist=therapist, key=key, muscles=[], figure="", **_own_fields(data)
    )


def update_own_exercise(exercise: LibraryExercise, data: Mapping[str, Any]) -> None:
    """Change a therapist's own exercise. Its key and id stay, so every program that holds
    it shows the new text; each program keeps the dose it was prescribed with."""
    assert not exercise.is_shipped
    LibraryExercise.objects.filter(pk=exercise.pk).update(**_own_fields(data))


def clients_prescribed(exercise: LibraryExercise) -> list[User]:
    """The runners whose home program holds ``exercise`` now or in an earlier version."""
    versions = ProgramVersion.objects.filter(
        Q(therapist=exercise.therapist_id) | Q(runner__therapist=exercise.therapist_id)
    )
    # Items are JSON, and SQLite cannot search inside a JSON list: read them.
    runner_ids = {
        runner_id
        for runner_id, items in versions.values_list("runner", "items")
        if any(item.get("exercise") == exercise.pk for item in items)
    }
    return list(User.objects.filter(pk__in=runner_ids).order_by("pk"))


@transaction.atomic
def delete_own_exercise(exercise: LibraryExercise) -> list[User]:
    """Delete an own exercise nobody was ever prescribed; returns the clients who were (and
    then deletes nothing): a program's history must keep showing what was prescribed."""
    assert not exercise.is_shipped
    LibraryExercise.objects.select_for_update().filter(pk=exercise.pk).first()
    clients = clients_prescribed(exercise)
    if not clients:
        exercise.delete()
    return clients
