"""Training monotony and strain (Foster, Med Sci Sports Exerc 1998;30:1164-1168).

Over the last 7 calendar days, rest days included as zeros:

    monotony = mean / SD   (population SD, ddof 0)
    strain   = 7-day sum x monotony

A perfectly even week has SD 0; we score it 10 and never score any week above it, since no
week can be more monotonous than a perfectly even one. Undefined (NaN here, null in the
report) before 7 days of history and when the 7-day mean is 0.
Runalyze warns at 1.5 and 2.0; those thresholds are not validated for running injury.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from runcare.load.series import FloatArray

WINDOW_DAYS = 7
MONOTONY_CAP = 10.0
SOURCE = "Foster 1998, MSSE"


def monotony(load: FloatArray) -> FloatArray:
    """Foster's monotony for the 7 days ending on each day; NaN where undefined."""
    out = np.full(len(load), np.nan)
    if len(load) < WINDOW_DAYS:
        return out
    windows = sliding_window_view(load, WINDOW_DAYS)
    mean = windows.mean(axis=1)
    sd = windows.std(axis=1)
    ratio = np.full(len(mean), MONOTONY_CAP)
    with np.errstate(over="ignore"):
        np.divide(mean, sd, out=ratio, where=sd > 0)
    out[WINDOW_DAYS - 1 :] = np.where(mean > 0, np.minimum(ratio, MONOTONY_CAP), np.nan)
    return out


def strain(load: FloatArray, monotony_values: FloatArray | None = None) -> FloatArray:
    """Foster's strain (7-day sum x monotony) for each day, in load units; NaN where undefined."""
    if monotony_values is None:
        monotony_values = monotony(load)
    week_sum = np.full(len(load), np.nan)
    if len(load) >= WINDOW_DAYS:
        week_sum[WINDOW_DAYS - 1 :] = sliding_window_view(load, WINDOW_DAYS).sum(axis=1)
    return week_sum * monotony_values
