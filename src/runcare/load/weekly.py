"""Weekly totals on ISO weeks (Monday to Sunday) and week-over-week change (EVIDENCE 1.3).

Context only: Nielsen et al. (JOSPT 2014) found no overall effect of weekly progression, and
the "10 % rule" is folklore (Buist et al., AJSM 2008), so a weekly jump is never the verdict.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from runcare.load.series import DailySeries

SOURCE = "Nielsen et al. 2014, JOSPT"


@dataclass(frozen=True, slots=True)
class WeekTotal:
    """One ISO week of counted activities.

    ``load`` is the week's total in the series' load unit. ``complete`` is False when the
    week starts before the series' first day or ends after the as-of date. ``change_pct``
    is the load change over the week before, in %; ``None`` unless both weeks are complete
    and the week before had load (a change from nothing is not a percentage).
    """

    week_start: date
    distance_m: float
    duration_s: float
    runs: int
    load: float
    complete: bool
    change_pct: float | None


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def change_pct(before: float, after: float) -> float | None:
    """Change from ``before`` to ``after`` in %; ``None`` when ``before`` is 0."""
    return None if before == 0 else 100.0 * (after / before - 1.0)


def weekly_totals(series: DailySeries) -> tuple[WeekTotal, ...]:
    """One total per ISO week from the first day's week to the as-of date's week."""
    if series.first_day is None:
        return ()
    first_monday = week_start(series.first_day)
    n_weeks = (week_start(series.as_of) - first_monday).days // 7 + 1
    offset = (series.first_day - first_monday).days
    week_of_day = (np.arange(len(series.load)) + offset) // 7
    load = np.bincount(week_of_day, weights=series.load, minlength=n_weeks)
    entry_week = (series.entry_index + offset) // 7
    distance = np.nan_to_num(series.entry_distance_m)  # unknown counts as 0
    duration = np.nan_to_num(series.entry_active_s)
    distance_m = np.bincount(entry_week, weights=distance, minlength=n_weeks)
    duration_s = np.bincount(entry_week, weights=duration, minlength=n_weeks)
    runs = np.bincount(entry_week, minlength=n_weeks)
    complete = [True] * n_weeks
    complete[0] = offset == 0
    complete[-1] = complete[-1] and series.as_of.weekday() == 6
    weeks = []
    for i in range(n_weeks):
        comparable = i > 0 and complete[i] and complete[i - 1]
        weeks.append(
            WeekTotal(
                week_start=first_monday + timedelta(weeks=i),
                distance_m=float(distance_m[i]),
                duration_s=float(duration_s[i]),
                runs=int(runs[i]),
                load=float(load[i]),
                complete=complete[i],
                change_pct=change_pct(float(load[i - 1]), float(load[i])) if comparable else None,
            )
        )
    return tuple(weeks)


def last_full_weeks(
    weeks: tuple[WeekTotal, ...], as_of: date
) -> tuple[WeekTotal, WeekTotal] | None:
    """The week before the latest complete week ending on or before ``as_of``, and that week.

    ``None`` unless both are complete weeks of the series.
    """
    last_sunday = as_of - timedelta(days=(as_of.weekday() + 1) % 7)
    wanted = week_start(last_sunday)
    for before, week in itertools.pairwise(weeks):
        if week.week_start == wanted:
            return (before, week) if before.complete and week.complete else None
    return None
