"""Progress over time: pain per region week by week against weekly distance, with events.

Plain data in (done runs, pain entries, the days of sessions and plan changes), plain data
out. ``trend`` compares the last 14 days' pain with the 14 days before them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from runcare.plan.model import DoneRun, PainEntry

PROGRESS_WEEKS = 12
TREND_DAYS = 14
# A change of at least one point on the 0-10 scale, on average, counts as better or worse.
TREND_STEP_0_10 = 1.0


class Trend(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ProgressWeek:
    """One ISO week (Monday start). ``pain_0_10`` maps a region ("" for anywhere) to the
    worst pain recorded that week; a region without an entry that week is absent."""

    week_start: date
    distance_m: float
    pain_0_10: Mapping[str, int]
    sessions: int
    spikes: int
    plan_changes: int


@dataclass(frozen=True, slots=True)
class Progress:
    weeks: tuple[ProgressWeek, ...]
    regions: tuple[str, ...]
    trend: Trend


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def build_progress(
    done: Sequence[DoneRun],
    pain: Iterable[PainEntry],
    *,
    as_of: date,
    session_days: Iterable[date] = (),
    plan_change_days: Iterable[date] = (),
    weeks: int = PROGRESS_WEEKS,
) -> Progress:
    """The last ``weeks`` ISO weeks up to the one holding ``as_of``; later data is ignored."""
    entries = [e for e in pain if e.day <= as_of]
    last = monday(as_of)
    starts = [last - timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]
    sessions = _count_by_week(d for d in session_days if d <= as_of)
    changes = _count_by_week(d for d in plan_change_days if d <= as_of)
    spikes = _count_by_week(r.day for r in done if r.spike_pct is not None)
    # One pass over the runs, not one per week: years of history stay fast. Summed in the
    # same order as before, so the totals are the same to the last bit.
    shown = set(starts)
    distance_m: dict[date, float] = {}
    for run in done:
        week = monday(run.day)
        if week in shown:
            distance_m[week] = distance_m.get(week, 0) + run.distance_m
    rows = tuple(
        ProgressWeek(
            week_start=start,
            distance_m=distance_m.get(start, 0),
            pain_0_10=MappingProxyType(
                _worst_by_region(e for e in entries if monday(e.day) == start)
            ),
            sessions=sessions.get(start, 0),
            spikes=spikes.get(start, 0),
            plan_changes=changes.get(start, 0),
        )
        for start in starts
    )
    regions = tuple(sorted({region for row in rows for region in row.pain_0_10}))
    return Progress(rows, regions, pain_trend(entries, as_of))


def _count_by_week(days: Iterable[date]) -> dict[date, int]:
    counts: dict[date, int] = {}
    for day in days:
        counts[monday(day)] = counts.get(monday(day), 0) + 1
    return counts


def _worst_by_region(entries: Iterable[PainEntry]) -> dict[str, int]:
    worst: dict[str, int] = {}
    for entry in entries:
        value = entry.worst_0_10
        if value is not None:
            worst[entry.region] = max(value, worst.get(entry.region, 0))
    return worst


def pain_trend(entries: Iterable[PainEntry], as_of: date) -> Trend:
    """Better, same or worse: the mean worst pain of the entries of the last 14 days against
    the 14 days before; unknown when either period has no entry."""
    recent: list[int] = []
    before: list[int] = []
    for entry in entries:
        age_days = (as_of - entry.day).days
        value = entry.worst_0_10
        if value is None or age_days < 0:
            continue
        if age_days < TREND_DAYS:
            recent.append(value)
        elif age_days < 2 * TREND_DAYS:
            before.append(value)
    if not recent or not before:
        return Trend.UNKNOWN
    change = sum(recent) / len(recent) - sum(before) / len(before)
    if change <= -TREND_STEP_0_10:
        return Trend.BETTER
    if change >= TREND_STEP_0_10:
        return Trend.WORSE
    return Trend.SAME
