"""What changed between two plans, and why, in words (re-planning after new runs or pain)."""

from __future__ import annotations

from runcare.plan.model import Change, Plan, PlannedRun, Status
from runcare.plan.words import km

# Distances are rounded to 100 m: anything smaller is not a change a runner would see.
SAME_M = 1.0


def plan_changes(old: Plan, new: Plan) -> tuple[Change, ...]:
    """Each run added, removed or changed in length from ``old`` to ``new``, in day order.

    A change of status (e.g. to "see a doctor first") comes first, dated ``new.as_of``.
    """
    changes: list[Change] = []
    if old.status != new.status:
        changes.append(Change(new.as_of, None, None, status_change_text(old, new)))
    before = {run.day: run for run in old.runs}
    after = {run.day: run for run in new.runs}
    for day in sorted(before.keys() | after.keys()):
        change = _run_change(before.get(day), after.get(day))
        if change is not None:
            changes.append(change)
    return tuple(changes)


def status_change_text(old: Plan, new: Plan) -> str:
    """A change of status in words a runner reads, never the status code itself."""
    if new.status is Status.SEE_A_DOCTOR:
        # The note is the "see a doctor first" sentence itself.
        return f"No running plan for now. {new.notes[0] if new.notes else ''}".strip()
    if new.status is Status.NOT_ENOUGH_DATA:
        # The note says why: no runs yet, or none in the last 30 days.
        return f"No running plan for now. {new.notes[0] if new.notes else ''}".strip()
    if old.status is Status.SEE_A_DOCTOR:
        return (
            "There is a running plan again: the latest health questions have no warning "
            "sign that needs a doctor first. The runs are below."
        )
    return "There is a running plan now: your recent runs give it something to build on."


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
