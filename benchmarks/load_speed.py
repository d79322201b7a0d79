"""How fast is the load model on ten years of daily running?

Times ``runcare.load.build_report`` on ten years of synthetic history (a run on most days)
and, as the named peer, a naive pure-Python implementation that walks the days one by one
and re-sums every window from lists. Prints both times and their ratio, and checks that the
two agree on the last day so the comparison is like for like.

    .venv/bin/python benchmarks/load_speed.py
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from runcare.activities.model import Activity, Sport
from runcare.load import build_report, report_to_json_dict
from runcare.load.daily import daily_metrics
from runcare.load.series import daily_series

YEARS = 10
AS_OF = date(2024, 12, 31)
REPEATS = 7


def synthetic_history(seed: int = 7) -> list[Activity]:
    """A run on about six days in seven, 4-25 km, with a long run most Sundays."""
    rng = random.Random(seed)
    first = AS_OF - timedelta(days=365 * YEARS)
    runs = []
    for i in range((AS_OF - first).days + 1):
        day = first + timedelta(days=i)
        if rng.random() < 1 / 7:
            continue
        km = rng.uniform(18, 25) if day.weekday() == 6 else rng.uniform(4, 14)
        runs.append(
            Activity(
                start=datetime(day.year, day.month, day.day, 6, tzinfo=UTC),
                sport=Sport.RUNNING,
                source=f"{day}.fit",
                kind="fit",
                utc_offset_s=0,
                distance_m=km * 1000,
                duration_s=km * 330,
            )
        )
    return runs


def naive_report(runs: list[Activity], as_of: date) -> dict[str, float | None]:
    """The peer: every metric per day in plain Python, windows re-summed from lists."""
    per_day: dict[date, float] = defaultdict(float)
    longest: dict[date, float] = defaultdict(float)
    for run in runs:
        day = (run.start + timedelta(seconds=run.utc_offset_s or 0)).date()
        per_day[day] += (run.distance_m or 0) / 1000
        longest[day] = max(longest[day], run.distance_m or 0)
    first = min(per_day)
    days = [first + timedelta(days=i) for i in range((as_of - first).days + 1)]
    load = [per_day.get(d, 0.0) for d in days]
    acute = chronic = load[0]
    ctl = atl = 0.0
    out: dict[str, float | None] = {}
    for t, day in enumerate(days):
        acute = 0.25 * load[t] + 0.75 * acute
        chronic = (2 / 29) * load[t] + (27 / 29) * chronic
        form = ctl - atl
        ctl += (1 - math.exp(-1 / 42)) * (load[t] - ctl)
        atl += (1 - math.exp(-1 / 7)) * (load[t] - atl)
        last7 = load[max(0, t - 6) : t + 1]
        c28 = sum(load[max(0, t - 27) : t + 1]) / 28
        c21 = sum(load[max(0, t - 27) : max(0, t - 6)]) / 21
        mean = sum(last7) / 7
        sd = math.sqrt(sum((x - mean) ** 2 for x in last7) / 7)
        baseline = max(longest.get(day - timedelta(days=k), 0.0) for k in range(1, 31))
        out = {
            "coupled": (sum(last7) / 7) / c28 if t >= 27 and c28 else None,
            "uncoupled": (sum(last7) / 7) / c21 if t >= 27 and c21 else None,
            "ewma": acute / chronic if t >= 27 and chronic else None,
            "fitness": ctl,
            "form": form,
            "monotony": min(mean / sd, 10) if sd else (10.0 if mean else None),
            "spike_pct": 100 * (longest[day] / baseline - 1) if baseline and longest[day] else None,
        }
    weeks: dict[date, float] = defaultdict(float)
    for day, value in zip(days, load, strict=True):
        weeks[day - timedelta(days=day.weekday())] += value
    return out


def best_of(fn: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    runs = synthetic_history()
    tz = ZoneInfo("UTC")
    report = build_report(runs, as_of=AS_OF, tz=tz)
    peer = naive_report(runs, AS_OF)
    today = report.days[-1]
    for name, ours in (
        ("coupled", today.acwr_coupled),
        ("uncoupled", today.acwr_uncoupled),
        ("ewma", today.acwr_ewma),
        ("fitness", today.fitness),
        ("form", today.form),
        ("monotony", today.monotony),
    ):
        theirs = peer[name]
        assert ours is not None and theirs is not None, name
        assert math.isclose(ours, theirs, rel_tol=1e-9), (name, ours, theirs)

    ours_s = best_of(lambda: build_report(runs, as_of=AS_OF, tz=tz), REPEATS)
    peer_s = best_of(lambda: naive_report(runs, AS_OF), REPEATS)
    series = daily_series(runs, as_of=AS_OF, tz=tz)
    metrics_s = best_of(lambda: daily_metrics(series), REPEATS)
    json_s = best_of(lambda: report_to_json_dict(report), REPEATS)
    print(f"history: {len(report.days)} days, {len(runs)} runs, {len(report.weeks)} weeks")
    print(f"runcare.load.build_report:   {ours_s * 1000:8.1f} ms (best of {REPEATS})")
    print(f"  of which per-day metrics:  {metrics_s * 1000:8.1f} ms (ACWR x3, fitness, monotony)")
    print(f"report_to_json_dict:         {json_s * 1000:8.1f} ms")
    print(f"naive pure-Python per-day:   {peer_s * 1000:8.1f} ms (best of {REPEATS})")
    print(f"ratio (naive / build_report): {peer_s / ours_s:7.1f}x")


if __name__ == "__main__":
    main()
