"""One runner at a glance: what a therapist's client list shows, computed from the load report.

The web app stores this summary per runner so that a list of thousands of clients never
recomputes anyone's load; the stored row is only a cache of ``summarize`` (and is compared
with it in the tests). ``SUMMARY_VERSION`` changes whenever the computation or its shape
does, which makes every stored row out of date at once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from runcare.load.report import LoadReport
from runcare.load.verdict import Level, Value
from runcare.plan.model import PainEntry
from runcare.plan.progress import Trend, pain_trend
from runcare.report.summary import verdict_label

SUMMARY_VERSION = 1
# Weeks of distance kept for the trend: two months, enough to see a build-up or a break.
TREND_WEEKS = 8


@dataclass(frozen=True, slots=True)
class ReasonFigures:
    """A verdict reason by its stable code, with the numbers behind it (no wording)."""

    code: str
    values: Mapping[str, Value]


@dataclass(frozen=True, slots=True)
class RunnerSummary:
    """The runner's standing on ``as_of`` (a day in the runner's zone).

    ``latest_spike_*`` describe the most recent run more than 10 % longer than its 30-day
    longest (``None``: no spike ever). ``last_run_at`` is the start of the last counted run
    (UTC). ``weekly_m`` is the distance of the last ``TREND_WEEKS`` ISO weeks, oldest first,
    the current (unfinished) week last; ``weekly_change_pct`` is the load change of the last
    complete week over the week before (``None`` where undefined, as in the report).
    """

    as_of: date
    level: Level
    label: str
    reasons: tuple[ReasonFigures, ...]
    latest_spike_day: date | None
    latest_spike_pct: float | None
    latest_spike_m: float | None
    last_run_at: datetime | None
    weekly_m: tuple[float, ...]
    weekly_change_pct: float | None
    pain_trend: Trend


def _clean(value: Value) -> Value:
    # NaN is not a number a page or a JSON column can hold: it means "undefined", like None.
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def summarize(report: LoadReport, pain: Iterable[PainEntry] = ()) -> RunnerSummary:
    """The summary of ``report`` and the runner's pain after runs, as of ``report.as_of``."""
    spikes = [run for run in report.runs if run.is_spike]
    latest = spikes[-1] if spikes else None
    complete = [week for week in report.weeks if week.complete]
    return RunnerSummary(
        as_of=report.as_of,
        level=report.verdict.level,
        label=verdict_label(report),
        reasons=tuple(
            ReasonFigures(r.code, {k: _clean(v) for k, v in r.values.items()})
            for r in report.verdict.reasons
        ),
        latest_spike_day=latest.day if latest else None,
        latest_spike_pct=latest.spike_pct if latest else None,
        latest_spike_m=latest.distance_m if latest else None,
        last_run_at=report.runs[-1].activity.start if report.runs else None,
        weekly_m=tuple(week.distance_m for week in report.weeks[-TREND_WEEKS:]),
        weekly_change_pct=complete[-1].change_pct if complete else None,
        pain_trend=pain_trend(pain, report.as_of),
    )


def reasons_to_json(reasons: Iterable[ReasonFigures]) -> list[dict[str, Any]]:
    return [{"code": r.code, "values": dict(r.values)} for r in reasons]


def reasons_from_json(data: Iterable[Mapping[str, Any]]) -> tuple[ReasonFigures, ...]:
    return tuple(ReasonFigures(str(item["code"]), dict(item["values"])) for item in data)
