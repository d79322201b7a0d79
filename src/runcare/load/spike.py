"""The single-run spike (Frandsen et al. 2025): the headline of the load model.

Each run's distance is set against the longest single run of the previous 30 calendar days,
the run's own local day excluded (so two runs on one day never baseline each other):

    spike = distance / longest_in_previous_30_days - 1

No earlier run with a known distance in that window means no baseline, which is not a spike.
Distance is always the exposure here, whatever load measure the rest of the report uses,
because distance is what the study measured.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from runcare.activities.model import Activity
from runcare.load.series import DailySeries, FloatArray

SOURCE = "Frandsen et al. 2025, BJSM"
CITATION = "Frandsen et al. Br J Sports Med 2025;59(17):1203-1210. doi:10.1136/bjsports-2024-109380"
WINDOW_DAYS = 30
# Distances are floats: 11 km over 10 km must read as exactly 10 %, which is no spike.
# Boundaries are therefore compared with this tolerance on the percentage.
BOUNDARY_TOLERANCE_PCT = 1e-9


class SpikeBand(StrEnum):
    """Where a run falls against its 30-day baseline."""

    NO_DISTANCE = "no_distance"
    NO_BASELINE = "no_baseline"
    NONE = "none"
    SMALL = "small"
    MODERATE = "moderate"
    LARGE = "large"


@dataclass(frozen=True, slots=True)
class BandEvidence:
    """A band's lower bound (exclusive, % over baseline) and its hazard rate ratio.

    The reference group of the study is a regression or an increase of at most 10 %.
    """

    band: SpikeBand
    above_pct: float
    hazard_ratio: float
    ci_low: float
    ci_high: float


# Highest band first: a run belongs to the first band whose bound it exceeds.
BANDS: tuple[BandEvidence, ...] = (
    BandEvidence(SpikeBand.LARGE, 100.0, 2.28, 1.50, 3.48),
    BandEvidence(SpikeBand.MODERATE, 30.0, 1.52, 1.16, 2.00),
    BandEvidence(SpikeBand.SMALL, 10.0, 1.64, 1.31, 2.05),
)
BAND_EVIDENCE: Mapping[SpikeBand, BandEvidence] = MappingProxyType({b.band: b for b in BANDS})
SPIKE_BANDS = frozenset(BAND_EVIDENCE)


def spike_band(spike_pct: float | None) -> SpikeBand:
    """The band of a spike given in % over baseline; ``None`` (no baseline) -> NO_BASELINE."""
    if spike_pct is None:
        return SpikeBand.NO_BASELINE
    for evidence in BANDS:
        if spike_pct > evidence.above_pct + BOUNDARY_TOLERANCE_PCT:
            return evidence.band
    return SpikeBand.NONE


@dataclass(frozen=True, slots=True)
class RunSpike:
    """One run against its baseline.

    ``longest_prev_30d_m`` is ``None`` when no earlier run in the window had a distance;
    ``spike_pct`` (100 x (distance / longest - 1)) is ``None`` when either side is unknown.
    """

    activity: Activity
    day: date
    distance_m: float | None
    longest_prev_30d_m: float | None
    spike_pct: float | None
    band: SpikeBand

    @property
    def is_spike(self) -> bool:
        return self.band in SPIKE_BANDS


def longest_per_day_m(series: DailySeries) -> FloatArray:
    """Longest single run of each day of the series, in metres; 0 on days without one."""
    longest = np.zeros(len(series.load))
    known = ~np.isnan(series.entry_distance_m)
    np.maximum.at(longest, series.entry_index[known], series.entry_distance_m[known])
    return longest


def longest_previous_m(longest_m: FloatArray, window_days: int = WINDOW_DAYS) -> FloatArray:
    """For each day, the longest run of the ``window_days`` days before it (own day excluded).

    NaN where that window holds no run with a distance (the first day always).
    """
    # Pad the front so day i sees days i - window_days .. i - 1 in one window.
    padded = np.concatenate((np.zeros(window_days), longest_m[:-1] if len(longest_m) else []))
    previous = sliding_window_view(padded, window_days).max(axis=1)
    return np.where(previous > 0, previous, np.nan)


def spike_bands(distance_m: FloatArray, longest_m: FloatArray) -> list[SpikeBand]:
    """``spike_band`` for many runs at once; NaN distance -> NO_DISTANCE, NaN baseline ->
    NO_BASELINE."""
    with np.errstate(invalid="ignore"):
        pct = 100.0 * (distance_m / longest_m - 1.0)
    choices = [SpikeBand.NO_DISTANCE, SpikeBand.NO_BASELINE]
    conditions = [np.isnan(distance_m), np.isnan(longest_m)]
    for evidence in BANDS:
        choices.append(evidence.band)
        conditions.append(pct > evidence.above_pct + BOUNDARY_TOLERANCE_PCT)
    codes = np.select(conditions, range(len(choices)), default=len(choices))
    choices.append(SpikeBand.NONE)
    return [choices[code] for code in codes.tolist()]


def run_spikes(series: DailySeries) -> tuple[RunSpike, ...]:
    """Every counted activity of the series against its 30-day baseline, in start order."""
    if series.first_day is None:
        return ()
    distance = series.entry_distance_m
    longest = longest_previous_m(longest_per_day_m(series))[series.entry_index]
    with np.errstate(invalid="ignore"):
        pct = 100.0 * (distance / longest - 1.0)
    return tuple(
        RunSpike(
            activity,
            day,
            None if math.isnan(d) else d,
            None if math.isnan(b) else b,
            None if math.isnan(p) else p,
            band,
        )
        for activity, day, d, b, p, band in zip(
            series.activities,
            series.entry_day,
            distance.tolist(),
            longest.tolist(),
            pct.tolist(),
            spike_bands(distance, longest),
            strict=True,
        )
    )
