"""The one recursion behind EWMA ACWR and fitness/fatigue: an exponentially weighted mean.

    E_t = E_(t-1) + a * (L_t - E_(t-1))   (equivalently a * L_t + (1 - a) * E_(t-1))

A plain loop over days: the recursion is inherently sequential, and on ten years of days it
takes well under a millisecond, so a vectorised trick would buy nothing worth its opacity.
"""

from __future__ import annotations

import numpy as np

from runcare.load.series import FloatArray


def exponential_mean(load: FloatArray, a: float, before: float) -> FloatArray:
    """E_t for every day, given the smoothing factor ``a`` (0 < a <= 1) and E before day 0.

    ``before`` is the seed: 0 for fitness/fatigue, the first day's load for EWMA ACWR
    (which makes E_0 equal that load).
    """
    if not 0 < a <= 1:
        raise ValueError(f"smoothing factor must be in (0, 1], got {a}")
    out = np.empty(len(load))
    value = before
    for i, x in enumerate(load.tolist()):
        value += a * (x - value)
        out[i] = value
    return out
