"""The verdict: "Am I running too much too soon?" (EVIDENCE 1.5, our rule built on 1.2).

Levels are checked in this order, and the first that applies is the answer:

1. ``not_enough_data``: fewer than 30 days between the first run and the as-of date (code
   ``short_history``), or no run in the recent window (default the last 14 days, the as-of
   date included; code ``no_recent_runs``): there is nothing recent to judge;
2. ``too_much_too_soon``: a run in the recent window was more than 10 % longer than the
   longest run of its previous 30 days;
3. ``caution``: no such spike, but a run in the window could not be compared (no run with a
   distance in the 30 days before it, or no distance of its own; code ``no_baseline``), or a
   context signal is high: uncoupled ACWR > 1.5 on the as-of date, the last full ISO week
   > 30 % over the week before, or monotony > 2.0 on the as-of date. The signals are worded
   as weaker evidence;
4. ``ok``: every run in the window was compared with its baseline and none of the above
   holds. "OK" is never said about a run that could not be compared.

Every reason carries a stable code, one plain sentence, a short citation and its numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from runcare.load import acwr, monotony, spike, weekly
from runcare.load.spike import RunSpike, SpikeBand
from runcare.load.weekly import WeekTotal
from runcare.load.wording import amount_text, day_text, days_ago_text, km_text, pct_text

MIN_HISTORY_DAYS = 30
DEFAULT_WINDOW_DAYS = 14
ACWR_HIGH = 1.5
WEEKLY_JUMP_PCT = 30.0
MONOTONY_HIGH = 2.0
RUNCARE_SOURCE = "runcare convention"

Value = float | int | str | None


class Level(StrEnum):
    NOT_ENOUGH_DATA = "not_enough_data"
    TOO_MUCH_TOO_SOON = "too_much_too_soon"
    CAUTION = "caution"
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the verdict is what it is: ``code`` is stable, ``text`` is for people."""

    code: str
    text: str
    source: str
    values: dict[str, Value] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Verdict:
    level: Level
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class VerdictInputs:
    """What the rule looks at, all computed on the daily series up to ``as_of``.

    ``first_day`` is the first run's local day (``None``: no run at all). The ratios are the
    as-of date's values, ``None`` where undefined. ``unit`` is the load measure's unit.
    """

    as_of: date
    first_day: date | None
    runs: Sequence[RunSpike]
    weeks: Sequence[WeekTotal]
    acwr_uncoupled: float | None
    monotony: float | None
    unit: str = "km"
    window_days: int = DEFAULT_WINDOW_DAYS


def decide(inputs: VerdictInputs) -> Verdict:
    """The verdict for ``inputs.as_of``."""
    if inputs.window_days < 1:
        raise ValueError("window_days must be at least 1")
    short = _short_history(inputs) or _no_recent_runs(inputs)
    if short is not None:
        return Verdict(Level.NOT_ENOUGH_DATA, (short,))
    spikes = _spikes(inputs)
    if spikes:
        return Verdict(Level.TOO_MUCH_TOO_SOON, spikes)
    cautions = tuple(
        r
        for r in (
            _no_baseline(inputs),
            _acwr_high(inputs),
            _weekly_jump(inputs),
            _monotony_high(inputs),
        )
        if r is not None
    )
    if cautions:
        return Verdict(Level.CAUTION, cautions)
    return Verdict(Level.OK, (_no_spike(inputs),))


def _short_history(inputs: VerdictInputs) -> Reason | None:
    if inputs.first_day is None:
        return Reason(
            "short_history",
            f"There are no runs on or before {day_text(inputs.as_of)} to look at yet.",
            RUNCARE_SOURCE,
            {"days_of_history": 0, "needed_days": MIN_HISTORY_DAYS, "first_run_day": None},
        )
    days = (inputs.as_of - inputs.first_day).days
    if days >= MIN_HISTORY_DAYS:
        return None
    return Reason(
        "short_history",
        f"Your first run was {days_ago_text(days)} ({day_text(inputs.first_day)}); "
        f"a fair comparison needs at least {MIN_HISTORY_DAYS} days of runs.",
        RUNCARE_SOURCE,
        {
            "days_of_history": days,
            "needed_days": MIN_HISTORY_DAYS,
            "first_run_day": inputs.first_day.isoformat(),
        },
    )


def _no_recent_runs(inputs: VerdictInputs) -> Reason | None:
    if _recent_runs(inputs):
        return None
    last = max((r.day for r in inputs.runs), default=None)
    when = "" if last is None else f" Your last run was on {day_text(last)} {last.year}."
    return Reason(
        "no_recent_runs",
        f"You have no runs in the last {inputs.window_days} days, so there is nothing "
        f"recent to judge.{when}",
        RUNCARE_SOURCE,
        {
            "window_days": inputs.window_days,
            "last_run_day": None if last is None else last.isoformat(),
        },
    )


def _recent_runs(inputs: VerdictInputs) -> list[RunSpike]:
    """The runs of the verdict's window: the last ``window_days`` days, as-of date included."""
    since = inputs.as_of - timedelta(days=inputs.window_days - 1)
    return [r for r in inputs.runs if r.day >= since]


def _spikes(inputs: VerdictInputs) -> tuple[Reason, ...]:
    reasons = (_spike_reason(r) for r in _recent_runs(inputs) if r.is_spike)
    return tuple(r for r in reasons if r is not None)


def _spike_reason(run: RunSpike) -> Reason | None:
    distance, longest, pct = run.distance_m, run.longest_prev_30d_m, run.spike_pct
    if distance is None or longest is None or pct is None:
        return None  # a spike band always has all three; this keeps the types honest
    evidence = spike.BAND_EVIDENCE[run.band]
    return Reason(
        "single_run_spike",
        f"Your {km_text(distance)} run on {day_text(run.day)} was {pct_text(pct)} longer "
        f"than any run in the {spike.WINDOW_DAYS} days before it ({km_text(longest)}).",
        spike.SOURCE,
        {
            "day": run.day.isoformat(),
            "distance_m": distance,
            "longest_prev_30d_m": longest,
            "spike_pct": pct,
            "band": run.band.value,
            "hazard_ratio": evidence.hazard_ratio,
            "ci_low": evidence.ci_low,
            "ci_high": evidence.ci_high,
        },
    )


def _acwr_high(inputs: VerdictInputs) -> Reason | None:
    ratio = inputs.acwr_uncoupled
    if ratio is None or ratio <= ACWR_HIGH:
        return None
    return Reason(
        "acwr_high",
        f"Your last 7 days averaged {ratio:.2f} times the 21 days before them, above the "
        f"{ACWR_HIGH} that team-sport studies call risky; for runners this is weaker "
        "evidence than a single long run.",
        f"{acwr.SOURCE}; {acwr.UNCOUPLED_SOURCE}",
        {"acwr_uncoupled": ratio, "threshold": ACWR_HIGH},
    )


def _weekly_jump(inputs: VerdictInputs) -> Reason | None:
    pair = weekly.last_full_weeks(tuple(inputs.weeks), inputs.as_of)
    if pair is None:
        return None
    before, week = pair
    if week.change_pct is None or week.change_pct <= WEEKLY_JUMP_PCT:
        return None
    return Reason(
        "weekly_jump",
        f"Your week starting {day_text(week.week_start)} was {pct_text(week.change_pct)} "
        f"more than the week before ({amount_text(week.load, inputs.unit)} against "
        f"{amount_text(before.load, inputs.unit)}), a weaker warning sign than a single "
        "long run.",
        weekly.SOURCE,
        {
            "week_start": week.week_start.isoformat(),
            "load": week.load,
            "load_week_before": before.load,
            "change_pct": week.change_pct,
            "threshold_pct": WEEKLY_JUMP_PCT,
        },
    )


def _monotony_high(inputs: VerdictInputs) -> Reason | None:
    value = inputs.monotony
    if value is None or value <= MONOTONY_HIGH:
        return None
    return Reason(
        "monotony_high",
        f"Your last 7 days were very even (monotony {value:.2f}, above "
        f"{MONOTONY_HIGH}) with few easy or rest days; this is a weaker warning sign than a "
        "single long run.",
        monotony.SOURCE,
        {"monotony": value, "threshold": MONOTONY_HIGH},
    )


def _no_baseline(inputs: VerdictInputs) -> Reason | None:
    recent = _recent_runs(inputs)
    comebacks = [r for r in recent if r.band is SpikeBand.NO_BASELINE]
    undistanced = [r for r in recent if r.band is SpikeBand.NO_DISTANCE]
    if not comebacks and not undistanced:
        return None
    sentences = []
    if comebacks:
        sentences.append(_comeback_text(comebacks, inputs.window_days))
    if undistanced:
        sentences.append(
            f"{_runs_text(len(undistanced))} in the last {inputs.window_days} "
            f"days recorded no distance, so {'it' if len(undistanced) == 1 else 'they'} "
            f"could not be compared with the longest run of the {spike.WINDOW_DAYS} days before."
        )
    first = (comebacks or undistanced)[0]
    return Reason(
        "no_baseline",
        " ".join(sentences),
        spike.SOURCE,
        {
            "window_days": inputs.window_days,
            "runs_without_baseline": len(comebacks),
            "runs_without_distance": len(undistanced),
            "day": first.day.isoformat(),
            "distance_m": first.distance_m,
        },
    )


def _comeback_text(comebacks: Sequence[RunSpike], window_days: int) -> str:
    first = comebacks[0]
    # The sentence the rule asks for: a comeback has nothing to compare it with, and the
    # safe way back is a first run shorter than the runs before the break.
    if len(comebacks) == 1 and first.distance_m is not None:
        return (
            f"Your {km_text(first.distance_m)} run on {day_text(first.day)} had no run in the "
            f"{spike.WINDOW_DAYS} days before it: nothing to compare it with; after a break, "
            "start shorter than before it."
        )
    return (
        f"{_runs_text(len(comebacks))} in the last {window_days} days, the first on "
        f"{day_text(first.day)}, had no run in the {spike.WINDOW_DAYS} days before them: "
        "nothing to compare them with; after a break, start shorter than before it."
    )


def _no_spike(inputs: VerdictInputs) -> Reason:
    recent = _recent_runs(inputs)
    return Reason(
        "no_spike",
        f"None of your runs in the last {inputs.window_days} days was more than 10 % longer "
        f"than the longest run of the {spike.WINDOW_DAYS} days before it.",
        spike.SOURCE,
        {"window_days": inputs.window_days, "runs_in_window": len(recent)},
    )


def _runs_text(count: int) -> str:
    return "1 run" if count == 1 else f"{count} runs"
