"""The load report: every metric of the load model for one runner up to an as-of date.

``build_report`` is the one entry point a CLI or web view calls; ``report_to_json_dict``
gives the JSON shape described by ``report.schema.json`` beside this module.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from runcare.activities.model import RUNNING_SPORTS, Activity, Sport
from runcare.load.daily import DailyMetrics, daily_metrics
from runcare.load.series import (
    DEFAULT_MEASURE,
    FloatArray,
    HeartRateProfile,
    MeasureInputs,
    daily_series,
)
from runcare.load.spike import RunSpike, SpikeBand, run_spikes
from runcare.load.verdict import DEFAULT_WINDOW_DAYS, Verdict, VerdictInputs, decide
from runcare.load.weekly import WeekTotal, weekly_totals


@dataclass(frozen=True, slots=True)
class LoadReport:
    """Everything the load model says about the counted activities up to ``as_of``.

    ``tz`` is the zone key used for activities whose file had no UTC offset. ``unmeasured``
    lists counted activities the load measure could not value (they count 0 that day).
    """

    as_of: date
    tz: str
    load: str
    unit: str
    verdict: Verdict
    runs: tuple[RunSpike, ...]
    days: DailyMetrics
    weeks: tuple[WeekTotal, ...]
    unmeasured: tuple[Activity, ...]


def build_report(
    activities: Iterable[Activity],
    *,
    as_of: date,
    tz: ZoneInfo,
    load: str = DEFAULT_MEASURE,
    window_days: int = DEFAULT_WINDOW_DAYS,
    sports: frozenset[Sport] = RUNNING_SPORTS,
    hr: HeartRateProfile | None = None,
    rpe: Mapping[Activity, float] | None = None,
) -> LoadReport:
    """The load report as of ``as_of`` (the as-of date plays "today"; nothing reads a clock).

    ``load`` names a measure of ``runcare.load.series.MEASURES``; ``hr`` is needed for
    ``trimp`` and ``rpe`` for ``srpe``. ``sports`` chooses what counts as load (running
    only by default). ``window_days`` is how far back a spike makes the verdict.
    """
    series = daily_series(
        activities,
        as_of=as_of,
        tz=tz,
        load=load,
        sports=sports,
        inputs=MeasureInputs(hr=hr, rpe=rpe),
    )
    runs = run_spikes(series)
    weeks = weekly_totals(series)
    days = daily_metrics(series)
    today = days[-1] if len(days) else None
    verdict = decide(
        VerdictInputs(
            as_of=as_of,
            first_day=series.first_counted_day,
            runs=runs,
            weeks=weeks,
            acwr_uncoupled=today.acwr_uncoupled if today else None,
            monotony=today.monotony if today else None,
            unit=series.measure.unit,
            window_days=window_days,
        )
    )
    return LoadReport(
        as_of=as_of,
        tz=tz.key,
        load=series.measure.name,
        unit=series.measure.unit,
        verdict=verdict,
        runs=runs,
        days=days,
        weeks=weeks,
        unmeasured=series.unmeasured,
    )


# Decimal places in the JSON: enough for any screen, few enough to read and diff.
RATIO_DP = 4
AMOUNT_DP = 3
METRES_DP = 1
PCT_DP = 1


def _round(value: float | None, places: int) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(value, places)


def _values_json(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _round(v, RATIO_DP) if isinstance(v, float) else v for k, v in values.items()}


def report_to_json_dict(
    report: LoadReport,
    *,
    activities: Sequence[Mapping[str, Any]] = (),
    skipped: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The report as plain JSON-ready data, matching ``report.schema.json``.

    Undefined numbers become ``null``. ``activities`` and ``skipped`` are passed through
    from the caller (the importer's listing), already JSON-ready.
    """
    return {
        "as_of": report.as_of.isoformat(),
        "tz": report.tz,
        "load": report.load,
        "verdict": {
            "level": report.verdict.level.value,
            "reasons": [
                {
                    "code": r.code,
                    "text": r.text,
                    "source": r.source,
                    "values": _values_json(r.values),
                }
                for r in report.verdict.reasons
            ],
        },
        "runs": [_run_json(run) for run in report.runs],
        "days": _days_json(report.days),
        "weeks": [_week_json(week) for week in report.weeks],
        "activities": [dict(a) for a in activities],
        "skipped": [dict(s) for s in skipped],
    }


# The documented JSON knows five bands: a run without a distance cannot be compared with
# anything, which the JSON says as no_baseline (with distance_m null).
JSON_BANDS = {SpikeBand.NO_DISTANCE: SpikeBand.NO_BASELINE}


def _run_json(run: RunSpike) -> dict[str, Any]:
    start = run.activity.start.astimezone(UTC).replace(tzinfo=None)
    return {
        "start": start.isoformat(timespec="seconds") + "Z",
        "day": run.day.isoformat(),
        "sport": run.activity.sport.value,
        "distance_m": _round(run.distance_m, METRES_DP),
        "longest_prev_30d_m": _round(run.longest_prev_30d_m, METRES_DP),
        "spike_pct": _round(run.spike_pct, PCT_DP),
        "spike_band": JSON_BANDS.get(run.band, run.band).value,
        "source": run.activity.source,
    }


def _days_json(days: DailyMetrics) -> list[dict[str, Any]]:
    # Column by column: rounding arrays at once keeps ten years of days fast to serialise.
    dates = [d.isoformat() for d in _dates(days)]
    columns: dict[str, list[Any]] = {"day": dates, "load": _rounded(days.load, AMOUNT_DP)}
    for name, places in (
        ("acwr_coupled", RATIO_DP),
        ("acwr_uncoupled", RATIO_DP),
        ("acwr_ewma", RATIO_DP),
        ("fitness", AMOUNT_DP),
        ("fatigue", AMOUNT_DP),
        ("form", AMOUNT_DP),
        ("monotony", RATIO_DP),
        ("strain", AMOUNT_DP),
    ):
        columns[name] = _rounded(getattr(days, name), places)
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _dates(days: DailyMetrics) -> list[date]:
    if days.first_day is None:
        return []
    first = days.first_day.toordinal()
    return [date.fromordinal(first + i) for i in range(len(days))]


def _rounded(values: FloatArray, places: int) -> list[float | None]:
    return [None if math.isnan(v) else v for v in np.round(values, places).tolist()]


def _week_json(week: WeekTotal) -> dict[str, Any]:
    return {
        "week_start": week.week_start.isoformat(),
        "distance_m": _round(week.distance_m, METRES_DP),
        "duration_s": _round(week.duration_s, METRES_DP),
        "runs": week.runs,
        "change_pct": _round(week.change_pct, PCT_DP),
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``report_to_json_dict``'s output, shipped beside it."""
    text = resources.files("runcare.load").joinpath("report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
