"""The per-day table of context metrics, stored as columns and read as rows.

Columns, because every metric is computed as a numpy array over days and a chart plots
columns; rows on demand, because a person (or the JSON) reads one day at a time. Building
ten years of frozen row objects up front would cost more than computing every metric.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import overload

import numpy as np
import numpy.typing as npt

from runcare.load.acwr import acwr_coupled, acwr_ewma, acwr_uncoupled
from runcare.load.fitness import fitness_fatigue
from runcare.load.monotony import monotony, strain
from runcare.load.series import DailySeries, FloatArray


@dataclass(frozen=True, slots=True)
class DayRow:
    """One calendar day. Every ratio is ``None`` where its definition leaves it undefined.

    ``load`` and the fitness numbers are in the series' load unit; ``fitness_reliable`` is
    False during the first 125 days, while the zero seed still drags fitness down.
    """

    day: date
    load: float
    acwr_coupled: float | None
    acwr_uncoupled: float | None
    acwr_ewma: float | None
    fitness: float
    fatigue: float
    form: float
    fitness_reliable: bool
    monotony: float | None
    strain: float | None


OPTIONAL_COLUMNS = ("acwr_coupled", "acwr_uncoupled", "acwr_ewma", "monotony", "strain")


@dataclass(frozen=True, eq=False)
class DailyMetrics(Sequence[DayRow]):
    """Every day's metrics, first day to as-of date; indexing gives a ``DayRow``.

    The columns are read-only arrays aligned with the days; NaN marks an undefined ratio
    (``None`` in a ``DayRow``).
    """

    first_day: date | None
    load: FloatArray
    acwr_coupled: FloatArray
    acwr_uncoupled: FloatArray
    acwr_ewma: FloatArray
    fitness: FloatArray
    fatigue: FloatArray
    form: FloatArray
    fitness_reliable: npt.NDArray[np.bool_]
    monotony: FloatArray
    strain: FloatArray

    def __len__(self) -> int:
        return len(self.load)

    @overload
    def __getitem__(self, i: int) -> DayRow: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[DayRow, ...]: ...

    def __getitem__(self, i: int | slice) -> DayRow | tuple[DayRow, ...]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return DayRow(
            day=self.day(i),
            load=float(self.load[i]),
            acwr_coupled=_optional(self.acwr_coupled[i]),
            acwr_uncoupled=_optional(self.acwr_uncoupled[i]),
            acwr_ewma=_optional(self.acwr_ewma[i]),
            fitness=float(self.fitness[i]),
            fatigue=float(self.fatigue[i]),
            form=float(self.form[i]),
            fitness_reliable=bool(self.fitness_reliable[i]),
            monotony=_optional(self.monotony[i]),
            strain=_optional(self.strain[i]),
        )

    def __iter__(self) -> Iterator[DayRow]:
        return (self[i] for i in range(len(self)))

    def day(self, i: int) -> date:
        """The date of row ``i``."""
        if self.first_day is None:
            raise IndexError(i)
        return self.first_day + timedelta(days=i % len(self))


def _optional(value: np.float64) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def daily_metrics(series: DailySeries) -> DailyMetrics:
    """ACWR (three forms), fitness / fatigue / form, monotony and strain for every day."""
    load = series.load
    fit = fitness_fatigue(load)
    mono = monotony(load)
    columns = {
        "acwr_coupled": acwr_coupled(load),
        "acwr_uncoupled": acwr_uncoupled(load),
        "acwr_ewma": acwr_ewma(load),
        "fitness": fit.fitness,
        "fatigue": fit.fatigue,
        "form": fit.form,
        "monotony": mono,
        "strain": strain(load, mono),
    }
    for column in (*columns.values(), fit.reliable):
        column.flags.writeable = False
    return DailyMetrics(
        first_day=series.first_day, load=load, fitness_reliable=fit.reliable, **columns
    )
