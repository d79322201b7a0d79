"""The pain-monitoring model (Silbernagel et al. 2007) applied to the latest pain entry.

Zones on the 0-10 scale: 0-2 safe (progression allowed), 3-5 acceptable (progression held),
above 5 too much (the next run steps back). Pain the next morning that is higher than the
settled morning also steps back: pain that has not settled overnight. The settled morning is
the lowest next-morning score of any entry (any region) in the 7 days before the latest day,
not the single morning before it: a lowest value can only go down when an entry is added, so
a painful day entered late never turns a step back into a hold (docs/run-plan.md). The study
was of Achilles pain; for hip or back pain this is an extrapolation, which every plan says.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from runcare.plan.model import PainEntry, PainLevel

SOURCE = "Silbernagel et al. 2007, Am J Sports Med 35(6):897-906"
EXTRAPOLATION_NOTE = (
    "The pain rules (0-2 go on, 3-5 hold, above 5 or worse the next morning step back) were "
    f"tested on Achilles pain ({SOURCE}); using them for hip or back pain is an extrapolation."
)
SAFE_MAX_0_10 = 2
ACCEPTABLE_MAX_0_10 = 5
# Pain older than this says nothing about the next run.
RECENT_DAYS = 7


def merge_by_day(entries: Iterable[PainEntry]) -> list[PainEntry]:
    """One entry per day, the worst value of each field over the regions, oldest first."""
    by_day: dict[date, list[PainEntry]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    return [_worst(day, group) for day, group in sorted(by_day.items())]


def _worst(day: date, group: list[PainEntry]) -> PainEntry:
    def top(name: str) -> int | None:
        values = [getattr(e, name) for e in group if getattr(e, name) is not None]
        return max(values, default=None)

    return PainEntry(day, top("during_0_10"), top("after_0_10"), top("next_morning_0_10"))


def pain_level(entries: Iterable[PainEntry], as_of: date) -> tuple[PainLevel, str]:
    """What the latest entry of the last ``RECENT_DAYS`` days allows, and why, in words.

    Entries after ``as_of`` are ignored (the clock is a parameter); an entry with no value
    at all counts as not recorded.
    """
    known = [e for e in entries if e.day <= as_of]
    merged = [e for e in merge_by_day(known) if e.worst_0_10 is not None]
    recent = [e for e in merged if e.day > as_of - timedelta(days=RECENT_DAYS)]
    if not recent:
        return PainLevel.NONE_RECORDED, "no pain recorded in the last 7 days"
    latest = recent[-1]
    worst = latest.worst_0_10 or 0
    if worst > ACCEPTABLE_MAX_0_10:
        return PainLevel.STEP_BACK, f"pain {worst}/10 on {latest.day:%a %d %b} is above 5"
    settled = settled_morning(known, latest.day)
    morning = latest.next_morning_0_10
    if morning is not None and settled is not None and morning > settled:
        return (
            PainLevel.STEP_BACK,
            f"pain the morning after {latest.day:%a %d %b} ({morning}/10) was higher than "
            f"the settled morning of the 7 days before ({settled}/10)",
        )
    if worst > SAFE_MAX_0_10:
        return PainLevel.HOLD, f"pain {worst}/10 on {latest.day:%a %d %b} (3-5: hold)"
    return PainLevel.ALLOW, f"pain {worst}/10 on {latest.day:%a %d %b} (0-2: go on)"


def settled_morning(entries: Iterable[PainEntry], day: date) -> int | None:
    """The lowest next-morning score of the ``RECENT_DAYS`` days before ``day``, any region.

    Each entry counts on its own, not merged by day: merging takes the worst region, and a
    worse region added to an earlier day would then raise the baseline and let a later
    morning that has not settled pass as settled.
    """
    start = day - timedelta(days=RECENT_DAYS)
    mornings = [
        e.next_morning_0_10
        for e in entries
        if start <= e.day < day and e.next_morning_0_10 is not None
    ]
    return min(mornings, default=None)
