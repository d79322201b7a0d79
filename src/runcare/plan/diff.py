"""What changed between two plans, and why, in words (re-planning after new runs or pain)."""

from __future__ import annotations

from runcare.plan.model import Change, Plan, PlannedRun
from runcare.plan.words import km

# Distances are rounded to 100 m: anything smaller is not a change a runner would see.
SAME_M = 1.0


def plan_changes(old: Plan, new: Plan) -> tuple[Change, ...]:
    """Each run added, removed or changed in length from ``old`` to ``new``, in day order.

    A change of status (e.g. to "see a doctor first") comes first, dated ``new.as_of``.
    """
    changes: list[Change] = []
    if old.status != new.status:
        reason = new.notes[0] if new.notes else ""
        changes.append(
            Change(
                new.as_of,
                None,
                None,
                f"The plan is now {new.status.value.replace('_', ' ')}. {reason}".strip(),
            )
        )
    before = {run.day: run for run in old.runs}
    after = {run.day: run for run in new.runs}
    for day in sorted(before.keys() | after.keys()):
        change = _run_change(before.get(day), after.get(day))
        if change is not None:
            changes.append(change)
    return tuple(changes)


def _run_change(old: PlannedRun | None, new: PlannedRun | None) -> Change | None:
    if new is None and old is not None:
        return Change(
            old.day,
            old.distance_m,
            None,
            f"{old.day:%a %d %b}: run of {km(old.distance_m)} km dropped.",
        )
    if new is None:
        return None
    if old is None:
        return Change(
            new.day,
            None,
            new.distance_m,
            f"{new.day:%a %d %b}: {km(new.distance_m)} km added. {new.why}",
        )
    if abs(old.distance_m - new.distance_m) < SAME_M:
        return None
    direction = "shorter" if new.distance_m < old.distance_m else "longer"
    return Change(
        new.day,
        old.distance_m,
        new.distance_m,
        f"{new.day:%a %d %b}: {km(old.distance_m)} km -> {km(new.distance_m)} km "
        f"({direction}). {new.why}",
    )
