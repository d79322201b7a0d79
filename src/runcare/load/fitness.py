"""Fitness, fatigue and form: Banister's impulse-response as a performance management chart.

    CTL_t = CTL_(t-1) + a * (L_t - CTL_(t-1)),  a = 1 - exp(-1 / tau)

tau = 42 days for fitness (CTL) and 7 days for fatigue (ATL), both seeded 0 before the first
day (GoldenCheetah's convention). Form on day t is CTL_(t-1) - ATL_(t-1), yesterday's
balance, as TrainingPeaks shows it, so a hard session today does not lower today's form.
Other tools use a = 2 / (N + 1) (Runalyze) or a = 1 / tau; their numbers differ from ours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runcare.load.series import FloatArray
from runcare.load.smoothing import exponential_mean

FITNESS_TAU_DAYS = 42.0
FATIGUE_TAU_DAYS = 7.0
# Seeded at 0, fitness has reached 1 - exp(-3) = 95 % of where steady training would take
# it only after three time constants, 3 x 42 = 126 days; before that it reads low.
RELIABLE_AFTER_DAYS = 126
SOURCE = "Banister impulse-response model (Banister et al. 1975)"


def decay_factor(tau_days: float) -> float:
    """a = 1 - exp(-1 / tau): the exact one-day step of a continuous exponential decay."""
    return 1.0 - math.exp(-1.0 / tau_days)


def impulse_response(load: FloatArray, tau_days: float) -> FloatArray:
    """The exponentially weighted load for each day, seeded 0, in the load's unit."""
    return exponential_mean(load, decay_factor(tau_days), 0.0)


@dataclass(frozen=True, eq=False)
class FitnessSeries:
    """Per-day fitness (CTL), fatigue (ATL) and form (CTL - ATL of the day before).

    ``reliable[i]`` is False for the first ``RELIABLE_AFTER_DAYS - 1`` days, while the zero
    seed still weighs on fitness.
    """

    fitness: FloatArray
    fatigue: FloatArray
    form: FloatArray
    reliable: npt.NDArray[np.bool_]


def fitness_fatigue(load: FloatArray) -> FitnessSeries:
    """Fitness, fatigue and form for every day of a daily load series."""
    fitness = impulse_response(load, FITNESS_TAU_DAYS)
    fatigue = impulse_response(load, FATIGUE_TAU_DAYS)
    # Day 0's form is the seeds' balance, 0 - 0.
    form = np.concatenate(([0.0], (fitness - fatigue)[:-1])) if len(load) else np.zeros(0)
    reliable = np.arange(len(load)) >= RELIABLE_AFTER_DAYS - 1
    return FitnessSeries(fitness, fatigue, form, reliable)
