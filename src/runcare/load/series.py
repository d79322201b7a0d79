"""Activities to one load value per local calendar day (EVIDENCE 1.1).

Every windowed metric in this package indexes days, never sessions: a gap of rest days then
stays a gap of zeros, and "the last 7 days" always means seven calendar days.

Load measures live in a registry keyed by short names (``MEASURES``). Each measure turns one
activity into a number, or ``None`` when the activity lacks what the measure needs (no
distance, no heart rate, no RPE); such an activity adds 0 to its day and is listed in
``DailySeries.unmeasured`` so a screen can say so rather than hide it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import TypeVar
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from runcare.activities.model import RUNNING_SPORTS, Activity, Sport

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
ArrayT = TypeVar("ArrayT", FloatArray, IntArray)

DEFAULT_MEASURE = "distance_km"
# The series never reaches further back than this before the as-of date: far longer than
# any recorded running life, and it bounds the work of every metric (and of each chart and
# table drawn from them) whatever dates a file claims.
MAX_HISTORY_DAYS = 50 * 366
MIN_DISTANCE_M = 1.0
MIN_ACTIVE_S = 1.0

# Banister's weighting constants, as published by Morton, Fitz-Clarke & Banister (1990).
TRIMP_B_MEN = 1.92
TRIMP_B_WOMEN = 1.67
TRIMP_A = 0.64


@dataclass(frozen=True, slots=True)
class HeartRateProfile:
    """The runner's own heart-rate anchors, needed by the TRIMP measure.

    ``trimp_b`` is Banister's exponent weighting: ``TRIMP_B_MEN`` (1.92, the default) or
    ``TRIMP_B_WOMEN`` (1.67).
    """

    resting_hr_bpm: float
    max_hr_bpm: float
    trimp_b: float = TRIMP_B_MEN

    def __post_init__(self) -> None:
        if not 0 < self.resting_hr_bpm < self.max_hr_bpm:
            raise ValueError("need 0 < resting_hr_bpm < max_hr_bpm")


@dataclass(frozen=True, slots=True)
class MeasureInputs:
    """What some measures need beyond the activity itself.

    ``hr`` is required by ``trimp``; ``rpe`` (session RPE on Borg's CR-10 scale, 0-10, per
    activity) by ``srpe``. ``None`` means not supplied, and every activity is then unmeasured
    by the measure that needs it.
    """

    hr: HeartRateProfile | None = None
    rpe: Mapping[Activity, float] | None = field(default=None, hash=False)


@dataclass(frozen=True, slots=True)
class LoadMeasure:
    """One way to turn an activity into a load number.

    ``of`` returns the activity's load in ``unit``, or ``None`` when it cannot be known.
    """

    name: str
    unit: str
    label: str
    of: Callable[[Activity, MeasureInputs], float | None]


def active_s(activity: Activity) -> float | None:
    """Seconds of activity: moving time when recorded, else elapsed time; ``None`` if neither.

    Moving time is preferred because a paused watch at a traffic light is not load. Under
    ``MIN_ACTIVE_S`` counts as not recorded: a watch started and stopped at once.
    """
    for seconds in (activity.moving_s, activity.duration_s):
        if seconds is not None and seconds >= MIN_ACTIVE_S:
            return seconds
    return None


def known_distance_m(activity: Activity) -> float | None:
    """Distance in metres, ``None`` when unknown; under ``MIN_DISTANCE_M`` counts as unknown.

    Treadmill files without a foot pod often carry 0 m, and a watch started and stopped at
    once records a few centimetres: missing values, not runs of no length. Treating them as
    runs would also make them absurd baselines for the spike rule.
    """
    if activity.distance_m is None or activity.distance_m < MIN_DISTANCE_M:
        return None
    return activity.distance_m


def _distance_km(activity: Activity, _: MeasureInputs) -> float | None:
    distance_m = known_distance_m(activity)
    return None if distance_m is None else distance_m / 1000.0


def _duration_min(activity: Activity, _: MeasureInputs) -> float | None:
    seconds = active_s(activity)
    return None if seconds is None else seconds / 60.0


def _trimp(activity: Activity, inputs: MeasureInputs) -> float | None:
    """Banister TRIMP: minutes x HRr x 0.64 x exp(b x HRr).

    HRr = (avg HR - resting) / (max - resting), clamped to 0..1 so that a strap glitch
    below resting or above max cannot produce negative or runaway load. Formula from
    Banister (1991) and Morton, Fitz-Clarke & Banister, J Appl Physiol 1990;69:1171-1177.
    """
    minutes = _duration_min(activity, inputs)
    if inputs.hr is None or activity.avg_hr_bpm is None or minutes is None:
        return None
    hr = inputs.hr
    reserve = (activity.avg_hr_bpm - hr.resting_hr_bpm) / (hr.max_hr_bpm - hr.resting_hr_bpm)
    reserve = min(1.0, max(0.0, reserve))
    return minutes * reserve * TRIMP_A * math.exp(hr.trimp_b * reserve)


def _srpe(activity: Activity, inputs: MeasureInputs) -> float | None:
    """Session RPE: CR-10 rating x minutes (Foster et al., J Strength Cond Res 2001;15:109-115)."""
    minutes = _duration_min(activity, inputs)
    if inputs.rpe is None or minutes is None:
        return None
    rpe = inputs.rpe.get(activity)
    if rpe is None:
        return None
    if not 0 <= rpe <= 10:
        raise ValueError(f"RPE must be on the 0-10 scale, got {rpe}")
    return rpe * minutes


MEASURES: Mapping[str, LoadMeasure] = MappingProxyType(
    {
        "distance_km": LoadMeasure("distance_km", "km", "distance", _distance_km),
        "duration_min": LoadMeasure("duration_min", "min", "duration", _duration_min),
        "trimp": LoadMeasure("trimp", "TRIMP", "heart-rate TRIMP", _trimp),
        "srpe": LoadMeasure("srpe", "AU", "session RPE", _srpe),
    }
)


def get_measure(name: str) -> LoadMeasure:
    """The registered measure called ``name``; ValueError naming the choices if unknown."""
    try:
        return MEASURES[name]
    except KeyError:
        choices = ", ".join(sorted(MEASURES))
        raise ValueError(f"unknown load measure {name!r}; choose one of {choices}") from None


def local_day(activity: Activity, tz: ZoneInfo) -> date:
    """The local calendar date the activity started on.

    The file's own UTC offset wins when it recorded one (it knows where the watch was);
    otherwise the runner's configured zone ``tz`` decides.
    """
    if activity.utc_offset_s is not None:
        return (activity.start + timedelta(seconds=activity.utc_offset_s)).date()
    return activity.start.astimezone(tz).date()


@dataclass(frozen=True, eq=False)
class DailySeries:
    """One load value per local calendar day, rest days 0.

    ``load[i]`` is the load of ``first_day + i`` days, in ``measure.unit``; the last entry
    is ``as_of``. ``first_day`` is the first activity day of any sport (a walk before the
    first run starts the series with a day of 0 load); it is ``None`` (and ``load`` empty)
    when no activity at all started on or before ``as_of``.

    ``activities`` are the counted activities in start order, and the ``entry_*`` fields run
    parallel to them so that metrics need not loop over activities: ``entry_day`` is each
    one's local day and ``entry_index`` its position in ``load``; ``entry_load``,
    ``entry_distance_m`` and ``entry_active_s`` are its load, known distance and active
    time, NaN where unknown.
    """

    first_day: date | None
    as_of: date
    measure: LoadMeasure
    load: FloatArray
    activities: tuple[Activity, ...]
    entry_day: tuple[date, ...]
    entry_index: IntArray
    entry_load: FloatArray
    entry_distance_m: FloatArray
    entry_active_s: FloatArray

    @property
    def unmeasured(self) -> tuple[Activity, ...]:
        """Counted activities the measure could not value; each added 0 to its day."""
        missing = np.isnan(self.entry_load).tolist()
        return tuple(a for a, m in zip(self.activities, missing, strict=True) if m)

    @property
    def first_counted_day(self) -> date | None:
        """The first day with a counted activity (the first run, by default)."""
        return min(self.entry_day, default=None)

    def days(self) -> list[date]:
        """Every day of the series, first to ``as_of``."""
        if self.first_day is None:
            return []
        return [self.first_day + timedelta(days=i) for i in range(len(self.load))]


def daily_series(
    activities: Iterable[Activity],
    *,
    as_of: date,
    tz: ZoneInfo,
    load: str = DEFAULT_MEASURE,
    sports: frozenset[Sport] = RUNNING_SPORTS,
    inputs: MeasureInputs | None = None,
) -> DailySeries:
    """The daily load series of the activities whose sport is in ``sports``.

    Days run from the first activity day (any sport: EVIDENCE 1.1's "first activity day")
    to ``as_of`` inclusive; only activities in ``sports`` add load. Activities after
    ``as_of`` are ignored, as the as-of date is "today" for every metric, and so are those
    more than ``MAX_HISTORY_DAYS`` before it.
    """
    measure = get_measure(load)
    inputs = inputs or MeasureInputs()
    earliest = history_start(as_of)
    items = [(day, a) for a in activities if earliest <= (day := local_day(a, tz)) <= as_of]
    first_day = min((day for day, _ in items), default=None)
    dated = sorted(((d, a) for d, a in items if a.sport in sports), key=lambda da: da[1].start)
    if first_day is None:
        no_floats = _readonly(np.zeros(0))
        no_ints = _readonly(np.zeros(0, dtype=np.int64))
        return DailySeries(
            None, as_of, measure, no_floats, (), (), no_ints, no_floats, no_floats, no_floats
        )
    index = np.array([(day - first_day).days for day, _ in dated], dtype=np.int64)
    # np.array turns None into NaN with a float dtype: unknown stays visible.
    entry_load = np.array([measure.of(a, inputs) for _, a in dated], dtype=np.float64)
    values = np.zeros((as_of - first_day).days + 1)
    np.add.at(values, index, np.nan_to_num(entry_load))
    return DailySeries(
        first_day=first_day,
        as_of=as_of,
        measure=measure,
        load=_readonly(values),
        activities=tuple(a for _, a in dated),
        entry_day=tuple(day for day, _ in dated),
        entry_index=_readonly(index),
        entry_load=_readonly(entry_load),
        entry_distance_m=_readonly(
            np.array([known_distance_m(a) for _, a in dated], dtype=np.float64)
        ),
        entry_active_s=_readonly(np.array([active_s(a) for _, a in dated], dtype=np.float64)),
    )


def history_start(as_of: date) -> date:
    """The earliest day a series as of ``as_of`` may start on."""
    if as_of.toordinal() <= MAX_HISTORY_DAYS:
        return date.min
    return as_of - timedelta(days=MAX_HISTORY_DAYS - 1)


def _readonly(values: ArrayT) -> ArrayT:
    values.flags.writeable = False
    return values
