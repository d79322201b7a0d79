"""The demo clinic's home program: prescribed after the past session, done on most days."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from runcare.web.accounts.models import User
from runcare.web.exercises.models import LibraryExercise, ProgramVersion
from runcare.web.exercises.services import (
    dose_values,
    record_session,
    save_version,
    seed_library,
)

DAYS_AGO = 7
# (days before now, pain after stretching): five sessions in the last week, pain easing.
DONE = ((6, 4), (5, 4), (4, 3), (2, None), (1, 2))
PROGRAM: tuple[tuple[str, dict[str, object]], ...] = (
    ("kneeling-hip-flexor", {"reps": 3, "hold_s": 30}),
    ("figure-4-piriformis", {}),
)
NOTES = "Slowly into each stretch and breathe out; stop if the front of the hip pinches."


def seed_home_program(runner: User, therapist: User, now: datetime) -> bool:
    """A program a week before ``now`` and five logged sessions since.

    Does nothing (and returns False) if the runner already has a home program.
    """
    if ProgramVersion.objects.filter(runner=runner).exists():
        return False
    seed_library()
    rows = {r.key: r for r in LibraryExercise.objects.filter(therapist=None)}
    items = []
    for key, dose in PROGRAM:
        row = rows[key]
        items.append({"exercise": row.pk, **dose_values(row.dose), **dose})
    then = now - timedelta(days=DAYS_AGO)
    version = save_version(runner, therapist, items, NOTES, then)
    for days, pain in DONE:
        at = now - timedelta(days=days)
        record_session(runner, version, uuid.uuid4(), pain_0_10=pain, finished_at=at, now=at)
    return True
