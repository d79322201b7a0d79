"""The runs of the next weeks, each with a distance, its cap and a reason.

Rules (docs/run-plan.md):
- No planned run is longer than 110 % of the longest run, done or planned, of the 30 days
  before its day (the single-run spike, Frandsen et al. 2025). A done run that was itself a
  spike counts as the baseline it exceeded until it is more than 30 days old, so a spike
  never licenses a longer run.
- Weekly totals rise by at most ``weekly_rise_pct`` a week (a convention: the evidence for
  weekly caps is weak, Nielsen et al. 2014, Buist et al. 2008), up to the weekly goal.
- The latest pain entry (``runcare.plan.pain``) allows progression (0-2), holds it (3-5:
  no block rises above the last 7 days) or steps back (above 5, or a next morning above
  the lowest of the 7 days before): the next run only is shorter than it would have been,
  at most 80 % of its held length, and progression is held for the rest of the plan. The
  plan is re-made with every entry, so it rises again once an entry of 0-2 comes in or the
  pain is more than 7 days old.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from runcare.activities.model import Activity
from runcare.load.series import daily_series
from runcare.load.spike import WINDOW_DAYS, RunSpike, run_spikes
from runcare.plan.model import (
    DoneRun,
    PainEntry,
    PainLevel,
    Plan,
    PlanError,
    PlannedRun,
    PlanWeek,
    RunSettings,
    Status,
)
from runcare.plan.pain import EXTRAPOLATION_NOTE, pain_level
from runcare.plan.words import km, rise_note, spike_note

CAP_RATIO = 1.10
# A step back: the next run at most 80 % of what it would be with progression held (so
# shorter than planned without the pain too); the runs after it are held, not shortened.
STEP_BACK_FACTOR = 0.8
# Distances are rounded down to this, so rounding never pushes a run over its cap.
ROUND_M = 100.0
# Run/walk patterns for a returning runner, one per week; continuous after the last.
RUN_WALK = ("run 4 min, walk 1 min", "run 6 min, walk 1 min", "run 8 min, walk 1 min")
SEE_A_DOCTOR = (
    "See a doctor first: an answer in your health questions needs a doctor's opinion before "
    "any running plan."
)


def done_runs(activities: Iterable[Activity], *, as_of: date, tz: ZoneInfo) -> tuple[DoneRun, ...]:
    """The runs up to ``as_of`` with a known distance, each with what it counts as in caps."""
    return done_from_spikes(run_spikes(daily_series(activities, as_of=as_of, tz=tz)))


def done_from_spikes(spikes: Iterable[RunSpike]) -> tuple[DoneRun, ...]:
    """``done_runs`` from runs already compared with their baseline (a ``LoadReport.runs``)."""
    done = []
    for spike in spikes:
        if spike.distance_m is None:
            continue
        counts = spike.distance_m
        if spike.is_spike and spike.longest_prev_30d_m is not None:
            counts = spike.longest_prev_30d_m
        pct = spike.spike_pct if spike.is_spike else None
        done.append(DoneRun(spike.day, spike.distance_m, counts, pct))
    return tuple(done)


def build_plan(
    done: Sequence[DoneRun],
    settings: RunSettings,
    *,
    as_of: date,
    weeks: int = 2,
    pain: Iterable[PainEntry] = (),
    red_flag: bool = False,
) -> Plan:
    """The plan for the ``weeks`` 7-day blocks after ``as_of``.

    ``red_flag`` (a red flag in the latest intake) means no plan: status ``see_a_doctor``.
    No run in the 30 days up to ``as_of`` means nothing to build on: ``not_enough_data``.
    """
    if not 1 <= weeks <= 12:
        raise PlanError("weeks must be between 1 and 12")
    if red_flag:
        return Plan(as_of, Status.SEE_A_DOCTOR, (), (), (SEE_A_DOCTOR,))
    done = [run for run in done if run.day <= as_of]
    if not any(run.day > as_of - timedelta(days=WINDOW_DAYS) for run in done):
        return Plan(as_of, Status.NOT_ENOUGH_DATA, (), (), (_nothing_recent(done),))
    level, pain_why = pain_level(pain, as_of)
    blocks = _run_days(as_of, settings, weeks)
    base_m = _recent_week_m(done, as_of)
    schedule = partial(_schedule, done, blocks=blocks, base_m=base_m, settings=settings)
    limit = None
    if level is PainLevel.STEP_BACK:
        held = schedule(level=PainLevel.HOLD, first_limit_m=None, pain_why="")
        limit = _round_down(STEP_BACK_FACTOR * held[0].distance_m) if held else None
    runs = schedule(level=level, first_limit_m=limit, pain_why=pain_why)
    if not runs:
        return Plan(as_of, Status.NOT_ENOUGH_DATA, (), (), (_nothing_recent(done),))
    return Plan(
        as_of=as_of,
        status=Status.PLAN,
        runs=tuple(runs),
        weeks=_weeks(runs, as_of, weeks),
        notes=_notes(done, settings, as_of=as_of, level=level, pain_why=pain_why),
        pain_level=level,
    )


def _nothing_recent(done: Sequence[DoneRun]) -> str:
    if not done:
        return "No runs with a distance yet: a plan needs at least one recent run."
    return (
        f"No run in the {WINDOW_DAYS} days before the next run day: nothing to compare it "
        "with. After a break, start shorter than before it, with run/walk intervals "
        "(e.g. run 4 min, walk 1 min), and plan again after a few runs."
    )


def _run_days(as_of: date, settings: RunSettings, weeks: int) -> list[list[date]]:
    """The run days of each 7-day block: ``runs_per_week`` of the allowed weekdays, spread."""
    allowed = sorted(settings.weekdays)
    count = min(settings.runs_per_week, len(allowed))
    # Spread evenly over the allowed days, e.g. 2 of mon,tue,thu,sat -> mon, thu.
    chosen = {allowed[(i * len(allowed)) // count] for i in range(count)}
    blocks = []
    for block in range(weeks):
        start = as_of + timedelta(days=1 + 7 * block)
        days = [start + timedelta(days=i) for i in range(7)]
        blocks.append([d for d in days if d.weekday() in chosen])
    return blocks


def _recent_week_m(done: Sequence[DoneRun], as_of: date) -> float:
    """The last 7 days' distance (a spike at its baseline); after a quiet week, the 30-day
    average week instead."""
    last_7 = sum(r.counts_as_m for r in done if r.day > as_of - timedelta(days=7))
    if last_7 > 0:
        return last_7
    last_30 = sum(r.counts_as_m for r in done if r.day > as_of - timedelta(days=WINDOW_DAYS))
    return last_30 * 7 / WINDOW_DAYS


@dataclass(frozen=True, slots=True)
class _Counted:
    """A run as the 30-day window sees it: the day, what it counts as, how to name it."""

    day: date
    counts_as_m: float
    label: str


def _counted(done: Sequence[DoneRun]) -> list[_Counted]:
    return [_Counted(r.day, r.counts_as_m, _label(r)) for r in done]


def _label(run: DoneRun) -> str:
    if run.spike_pct is None:
        return f"the run of {run.day:%d %b}"
    return f"the {km(run.distance_m)} km spike of {run.day:%d %b}, counted as the run it exceeded"


def _baseline(window: Sequence[_Counted], day: date) -> _Counted | None:
    start = day - timedelta(days=WINDOW_DAYS)
    inside = [c for c in window if start <= c.day < day]
    return max(inside, key=lambda c: (c.counts_as_m, c.day), default=None)


def _schedule(
    done: Sequence[DoneRun],
    *,
    blocks: Sequence[Sequence[date]],
    base_m: float,
    settings: RunSettings,
    level: PainLevel,
    first_limit_m: float | None,
    pain_why: str,
) -> list[PlannedRun]:
    rise = 1 + settings.weekly_rise_pct / 100
    # Pain of 3-5, or a step back, holds progression in every block: the plan cannot know
    # when the pain settles, and re-plans with the next entry.
    held = level in (PainLevel.HOLD, PainLevel.STEP_BACK)
    # Only runs of the 30 days before the first run day can be a baseline: years of history
    # are not labelled and scanned for every planned day.
    first_day = min((day for days in blocks for day in days), default=None)
    window = _counted(
        [
            r
            for r in done
            if first_day is not None and r.day >= first_day - timedelta(days=WINDOW_DAYS)
        ]
    )
    runs: list[PlannedRun] = []
    for index, days in enumerate(blocks):
        target_m = base_m if held else base_m * rise ** (index + 1)
        if settings.weekly_goal_m is not None:
            target_m = min(target_m, settings.weekly_goal_m)
        for day in days:
            baseline = _baseline(window, day)
            if baseline is None:  # no run in its 30 days: nothing to compare it with
                continue
            cap_m = CAP_RATIO * baseline.counts_as_m
            distance_m = _round_down(min(target_m / len(days), cap_m))
            if not runs and first_limit_m is not None:
                distance_m = min(distance_m, first_limit_m)
            why = _why(
                index,
                target_m=target_m,
                count=len(days),
                distance_m=distance_m,
                cap_m=cap_m,
                baseline=baseline,
            )
            if not runs and level is not PainLevel.NONE_RECORDED:
                why = f"{_pain_word(level)} because {pain_why}. {why}"
            pattern = _intervals(settings, index, level)
            runs.append(PlannedRun(day, distance_m, cap_m, why, pattern))
            window.append(_Counted(day, distance_m, f"the planned run of {day:%d %b}"))
    return runs


def _round_down(distance_m: float) -> float:
    rounded = math.floor(distance_m / ROUND_M) * ROUND_M
    return rounded if rounded > 0 else max(0.0, math.floor(distance_m))


def _pain_effect(level: PainLevel) -> str:
    if level is PainLevel.STEP_BACK:
        return (
            "So the next run is shorter, and the weeks after it stay at the last 7 days "
            "until the pain settles (0-2). "
        )
    if level is PainLevel.HOLD:
        return "So the weeks stay at the last 7 days until the pain settles (0-2). "
    return ""


def _pain_word(level: PainLevel) -> str:
    return {
        PainLevel.STEP_BACK: "Stepped back",
        PainLevel.HOLD: "Progression held",
    }.get(level, "Progression allowed")


def _why(
    index: int, *, target_m: float, count: int, distance_m: float, cap_m: float, baseline: _Counted
) -> str:
    capped = distance_m >= _round_down(cap_m) and target_m / count > cap_m
    text = (
        f"Week {index + 1}: {km(target_m)} km over {count} run{'s' if count > 1 else ''}. "
        f"Cap {km(cap_m)} km: 110 % of the longest run of the 30 days before "
        f"({baseline.label}: {km(baseline.counts_as_m)} km)."
    )
    return text + (" Shortened to the cap." if capped else "")


def _intervals(settings: RunSettings, index: int, level: PainLevel) -> str:
    if not settings.run_walk:
        return ""
    step = 0 if level is PainLevel.STEP_BACK else index
    return RUN_WALK[step] if step < len(RUN_WALK) else ""


def _weeks(runs: Sequence[PlannedRun], as_of: date, weeks: int) -> tuple[PlanWeek, ...]:
    starts = [as_of + timedelta(days=1 + 7 * i) for i in range(weeks)]
    return tuple(
        PlanWeek(
            start, sum(r.distance_m for r in runs if start <= r.day < start + timedelta(days=7))
        )
        for start in starts
    )


def _notes(
    done: Sequence[DoneRun],
    settings: RunSettings,
    *,
    as_of: date,
    level: PainLevel,
    pain_why: str,
) -> tuple[str, ...]:
    notes = [rise_note(settings.weekly_rise_pct)]
    notes += [
        spike_note(r)
        for r in done
        if r.spike_pct is not None and r.day > as_of - timedelta(days=WINDOW_DAYS)
    ]
    if level is not PainLevel.NONE_RECORDED:
        notes.append(f"Latest pain: {pain_why}. {_pain_effect(level)}{EXTRAPOLATION_NOTE}")
    if len(settings.weekdays) < settings.runs_per_week:
        notes.append(
            f"You asked for {settings.runs_per_week} runs a week but can run on "
            f"{len(settings.weekdays)} days: the plan uses those days."
        )
    if settings.run_walk:
        notes.append(
            "Run/walk: the intervals lengthen each week and are dropped after three weeks."
        )
    return tuple(notes)
