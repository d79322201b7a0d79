"""Acute:chronic workload ratios, three forms (EVIDENCE 1.3). Context only, never the verdict.

* coupled 7:28: mean of the last 7 days / mean of the last 28 days (the acute days are
  inside the chronic window, so it can never exceed 4; Gabbett, BJSM 2016);
* uncoupled 7:21: mean of the last 7 days / mean of the 21 days before them
  (Lolli et al., BJSM 2019, on the spurious correlation coupling creates);
* EWMA (Williams et al., BJSM 2017): lambda = 2 / (N + 1), N = 7 acute and 28 chronic,
  both averages seeded with the first day's load.

All three are undefined (NaN here, null in the report) before 28 days of history, i.e. on
series days 0..26, and wherever the chronic value is 0. "Day" is a calendar day of the daily
series, today included in "the last 7 days".
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from runcare.load.series import FloatArray
from runcare.load.smoothing import exponential_mean

ACUTE_DAYS = 7
CHRONIC_DAYS = 28
MIN_HISTORY_DAYS = 28
SOURCE = "Gabbett 2016, BJSM"
UNCOUPLED_SOURCE = "Lolli et al. 2019, BJSM"
EWMA_SOURCE = "Williams et al. 2017, BJSM"
CRITIQUE = "Impellizzeri et al. 2021, Sports Med"


def trailing_mean(load: FloatArray, days: int) -> FloatArray:
    """Mean of the ``days`` days ending on each day (today included); NaN until that many."""
    out = np.full(len(load), np.nan)
    if len(load) >= days:
        # Window sums, not cumulative-sum differences: a run of rest days must give an
        # exact 0 (an undefined ratio), not a rounding residue that makes a huge one.
        out[days - 1 :] = sliding_window_view(load, days).sum(axis=1) / days
    return out


def _ratio(acute: FloatArray, chronic: FloatArray) -> FloatArray:
    out = np.full(len(acute), np.nan)
    defined = np.zeros(len(acute), dtype=bool)
    defined[MIN_HISTORY_DAYS - 1 :] = True
    defined &= chronic > 0
    with np.errstate(over="ignore"):
        np.divide(acute, chronic, out=out, where=defined)
    # A chronic load that has decayed to a denormal float would overflow the ratio; it is
    # "no chronic load" in any sense a runner would recognise.
    out[~np.isfinite(out)] = np.nan
    return out


def acwr_coupled(load: FloatArray) -> FloatArray:
    """Rolling 7:28 ratio for each day; NaN where undefined."""
    return _ratio(trailing_mean(load, ACUTE_DAYS), trailing_mean(load, CHRONIC_DAYS))


def acwr_uncoupled(load: FloatArray) -> FloatArray:
    """Rolling 7:21 ratio (chronic = the 21 days before the acute week); NaN where undefined."""
    chronic_days = CHRONIC_DAYS - ACUTE_DAYS
    chronic = np.full(len(load), np.nan)
    before_acute = trailing_mean(load, chronic_days)
    chronic[ACUTE_DAYS:] = before_acute[:-ACUTE_DAYS] if len(load) > ACUTE_DAYS else []
    return _ratio(trailing_mean(load, ACUTE_DAYS), chronic)


def ewma_lambda(n_days: int) -> float:
    """Williams et al.'s decay, lambda = 2 / (N + 1)."""
    return 2.0 / (n_days + 1)


def acwr_ewma(load: FloatArray) -> FloatArray:
    """EWMA acute (N = 7) over EWMA chronic (N = 28), seeded with day 0's load; NaN if undefined."""
    if len(load) == 0:
        return np.zeros(0)
    seed = float(load[0])
    acute = exponential_mean(load, ewma_lambda(ACUTE_DAYS), seed)
    chronic = exponential_mean(load, ewma_lambda(CHRONIC_DAYS), seed)
    return _ratio(acute, chronic)
