"""The demo runner: a seeded plan of 20 weeks of training, and the tracks it leaves behind.

The story, told relative to ``end`` (the last day of the history):

* Mia runs around Schlachtensee in Berlin-Zehlendorf (an approximately 5.2 km lakeside
  loop) three to five times a week: easy runs of 5-10 km, now and then a faster tempo
  run, and a long run on Sundays that grows by about 400 m a week, with an easier week
  every fourth week. She rides her bike and goes for walks as cross-training.
* For the first five weeks her phone (the Strava app) records her runs and walks; then she
  gets a watch. Its first run is recorded twice: she started the phone too, to be sure.
* On the Sunday 7 to 13 days before ``end`` she joins a friend's marathon training for a
  long run about 40 % longer than anything in the previous 30 days: the "too much too soon"
  spike. Her hips and lower back are sore afterwards: two rest days, then only short, slow
  runs and a walk, and she asks her massage therapist why it hurts.

Everything is drawn from one ``random.Random(seed)``; nothing reads the clock. The plan is
laid out by weekday relative to ``end``, so moving ``end`` by whole weeks moves every
activity by the same number of days in local time.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo

from runcare.activities.model import Sport
from runcare.activities.track import EARTH_RADIUS_M, haversine_m

HOME_TZ = ZoneInfo("Europe/Berlin")
WEEKS = 20
# The phone records the first weeks; from this week on the watch does.
WATCH_FROM_WEEK = 5
# The spike falls on the Sunday of the second-to-last week (7-13 days before ``end``).
SPIKE_WEEK = WEEKS - 2
REST_DAYS_AFTER_SPIKE = 2
SAMPLE_STEP_S = 5
RUNNER_MAX_HR_BPM = 188
SUNDAY = 6


class Role(StrEnum):
    """What a planned activity is for in the runner's week."""

    EASY = "easy"
    TEMPO = "tempo"
    LONG = "long"
    SPIKE = "spike"
    SORE = "sore"  # short, slow runs while the hips and lower back hurt after the spike
    WALK = "walk"
    RIDE = "ride"


class Recorder(StrEnum):
    """The device that recorded an activity; it decides the file format and folder."""

    WATCH = "watch"  # FIT files copied off the watch
    PHONE = "phone"  # the Strava app: GPX in the Strava export
    BIKE_COMPUTER = "bike_computer"  # TCX uploaded to Strava


@dataclass(frozen=True, slots=True)
class Route:
    """A loop approximated by an ellipse; demo geometry, not a surveyed path.

    ``bearing_deg`` is the direction of the major axis, clockwise from north.
    """

    name: str
    centre_lat_deg: float
    centre_lon_deg: float
    semi_major_m: float
    semi_minor_m: float
    bearing_deg: float
    base_alt_m: float
    relief_m: float


LAKE_LOOP = Route(
    name="Schlachtensee loop, Berlin",
    centre_lat_deg=52.4406,
    centre_lon_deg=13.2147,
    semi_major_m=1250.0,
    semi_minor_m=230.0,
    bearing_deg=65.0,
    base_alt_m=36.0,
    relief_m=5.0,
)
FOREST_LOOP = Route(
    name="Grunewald and Havelchaussee loop, Berlin",
    centre_lat_deg=52.4700,
    centre_lon_deg=13.2100,
    semi_major_m=3200.0,
    semi_minor_m=1800.0,
    bearing_deg=20.0,
    base_alt_m=45.0,
    relief_m=18.0,
)
ROUTES = {"lake": LAKE_LOOP, "forest": FOREST_LOOP}


@dataclass(frozen=True, slots=True)
class PlannedActivity:
    """One activity as it happened.

    ``start`` is in the runner's zone (Europe/Berlin). ``moving_s`` is a whole number of
    sample steps; ``elapsed_s`` adds the drink stop of a long run. ``track_seed`` drives
    the noise of its track, so each activity's track is reproducible on its own.
    """

    start: datetime
    sport: Sport
    role: Role
    distance_m: float
    moving_s: float
    elapsed_s: float
    target_hr_bpm: int
    route: str
    recorders: tuple[Recorder, ...]
    track_seed: int

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def pause_s(self) -> float:
        return self.elapsed_s - self.moving_s

    @property
    def pace_s_per_km(self) -> float:
        return self.moving_s / (self.distance_m / 1000.0)


@dataclass(frozen=True, slots=True)
class DemoHistory:
    end: date
    seed: int
    activities: tuple[PlannedActivity, ...]
    spike_index: int
    duplicate_index: int

    @property
    def first_day(self) -> date:
        return self.end - timedelta(days=WEEKS * 7 - 1)

    @property
    def spike(self) -> PlannedActivity:
        return self.activities[self.spike_index]

    @property
    def duplicate(self) -> PlannedActivity:
        return self.activities[self.duplicate_index]


@dataclass(frozen=True, slots=True)
class _Kind:
    """How an activity of one role is drawn: distance, pace and effort ranges."""

    sport: Sport
    distance_km: tuple[float, float]
    pace_s_per_km: tuple[float, float]
    target_hr_bpm: tuple[int, int]
    route: str = "lake"


KINDS = {
    Role.EASY: _Kind(Sport.RUNNING, (5.0, 9.0), (330.0, 375.0), (140, 150)),
    Role.TEMPO: _Kind(Sport.RUNNING, (6.0, 8.0), (300.0, 320.0), (160, 168)),
    Role.SORE: _Kind(Sport.RUNNING, (5.0, 6.0), (375.0, 390.0), (138, 146)),
    Role.LONG: _Kind(Sport.RUNNING, (0.0, 0.0), (350.0, 375.0), (145, 152)),
    Role.SPIKE: _Kind(Sport.RUNNING, (0.0, 0.0), (365.0, 380.0), (150, 156)),
    Role.WALK: _Kind(Sport.WALKING, (3.5, 6.0), (630.0, 720.0), (95, 108)),
    # A ride's "pace" is seconds per km too: 22-27 km/h.
    Role.RIDE: _Kind(Sport.CYCLING, (20.0, 32.0), (133.0, 164.0), (120, 135), "forest"),
}
FIRST_LONG_RUN_KM = 11.0
LONG_RUN_STEP_KM = 0.4
# Noise on the long run is kept below what would make a week-to-week spike over 10 %.
LONG_RUN_NOISE_KM = 0.2
EASIER_WEEK_FACTOR = 0.8
SPIKE_FACTOR = (1.38, 1.45)
# Easy runs stay under the first long run, so the spike is the history's only one.
EASY_SHARE_OF_FIRST_LONG = 0.85


def plan_history(end: date, *, seed: int = 7) -> DemoHistory:
    """The demo runner's 20 weeks ending on ``end`` (inclusive), drawn from ``seed``."""
    rng = random.Random(seed)
    first_day = end - timedelta(days=WEEKS * 7 - 1)
    planned: list[PlannedActivity] = []
    for week in range(WEEKS):
        days = [first_day + timedelta(days=7 * week + offset) for offset in range(7)]
        planned.extend(_plan_week(rng, week, days, planned))
    planned.sort(key=lambda a: a.start)
    spike = next(i for i, a in enumerate(planned) if a.role is Role.SPIKE)
    duplicate = next(i for i, a in enumerate(planned) if len(a.recorders) > 1)
    return DemoHistory(end, seed, tuple(planned), spike, duplicate)


def _plan_week(
    rng: random.Random, week: int, days: list[date], earlier: Sequence[PlannedActivity]
) -> list[PlannedActivity]:
    long_day = days[0] if week == 0 else next(d for d in days if d.weekday() == SUNDAY)
    spike_day = _spike_day(earlier) if week == WEEKS - 1 else None
    rest = _rest_days(spike_day)
    week_plan: list[tuple[date, Role, float | None]] = []
    if week < WEEKS - 1:
        week_plan.append((long_day, *_long_run(rng, week, earlier)))
    free = [d for d in days if d != long_day and d not in rest and d > days[0] - timedelta(1)]
    if week == 0:
        free = [d for d in free if d > long_day]
    runs = 3 if week == WEEKS - 1 else rng.choice((2, 3, 3, 4))
    run_days = sorted(rng.sample(free, min(runs, len(free))))
    for index, day in enumerate(run_days):
        week_plan.append((day, _short_run_role(rng, week, index, spike_day, day), None))
    week_plan.extend(_cross_training(rng, week, [d for d in free if d not in run_days]))
    return [_draw(rng, week, day, role, km, earlier) for day, role, km in week_plan]


def _spike_day(earlier: Sequence[PlannedActivity]) -> date | None:
    return next((a.day for a in earlier if a.role is Role.SPIKE), None)


def _rest_days(spike_day: date | None) -> set[date]:
    if spike_day is None:
        return set()
    return {spike_day + timedelta(days=n) for n in range(1, REST_DAYS_AFTER_SPIKE + 1)}


def _long_run(
    rng: random.Random, week: int, earlier: Sequence[PlannedActivity]
) -> tuple[Role, float]:
    if week == SPIKE_WEEK:
        return Role.SPIKE, _longest_recent_km(earlier) * rng.uniform(*SPIKE_FACTOR)
    trend_km = FIRST_LONG_RUN_KM + LONG_RUN_STEP_KM * week
    if week % 4 == 3:
        trend_km *= EASIER_WEEK_FACTOR
    return Role.LONG, trend_km + rng.uniform(-LONG_RUN_NOISE_KM, LONG_RUN_NOISE_KM)


def _longest_recent_km(earlier: Sequence[PlannedActivity]) -> float:
    last_day = max(a.day for a in earlier)
    recent = [a.distance_m for a in earlier if a.sport.is_running and (last_day - a.day).days < 30]
    return max(recent) / 1000.0


def _short_run_role(
    rng: random.Random, week: int, index: int, spike_day: date | None, day: date
) -> Role:
    if spike_day is not None and day > spike_day:
        return Role.SORE
    if week >= WATCH_FROM_WEEK and index == 0 and rng.random() < 0.6:
        return Role.TEMPO
    return Role.EASY


def _cross_training(
    rng: random.Random, week: int, free: list[date]
) -> list[tuple[date, Role, float | None]]:
    chosen: list[tuple[date, Role, float | None]] = []
    wants = [(Role.RIDE, 0.45), (Role.WALK, 1.0 if week == WEEKS - 1 else 0.35)]
    for role, chance in wants:
        if free and rng.random() < chance:
            day = rng.choice(free)
            free = [d for d in free if d != day]
            chosen.append((day, role, None))
    return chosen


def _draw(
    rng: random.Random,
    week: int,
    day: date,
    role: Role,
    distance_km: float | None,
    earlier: Sequence[PlannedActivity],
) -> PlannedActivity:
    kind = KINDS[role]
    if distance_km is None:
        low, high = kind.distance_km
        if role is Role.EASY:
            high = min(high, FIRST_LONG_RUN_KM * EASY_SHARE_OF_FIRST_LONG)
        distance_km = rng.uniform(low, high)
    distance_m = round(distance_km * 1000.0, 1)
    steps = round(distance_km * rng.uniform(*kind.pace_s_per_km) / SAMPLE_STEP_S)
    moving_s = float(steps * SAMPLE_STEP_S)
    # Long runs have a drink stop at the fountain; the watch pauses through it.
    pause_s = float(rng.randint(70, 150)) if role in (Role.LONG, Role.SPIKE) else 0.0
    return PlannedActivity(
        start=datetime.combine(day, _start_time(rng, day, role), tzinfo=HOME_TZ),
        sport=kind.sport,
        role=role,
        distance_m=distance_m,
        moving_s=moving_s,
        elapsed_s=moving_s + pause_s,
        target_hr_bpm=rng.randint(*kind.target_hr_bpm),
        route=kind.route,
        recorders=_recorders(week, role, earlier),
        track_seed=rng.getrandbits(32),
    )


def _start_time(rng: random.Random, day: date, role: Role) -> time:
    if role is Role.SPIKE:
        minutes = 9 * 60  # the friend's group sets off at nine
    elif role is Role.RIDE or role is Role.WALK:
        minutes = rng.randint(10 * 60, 16 * 60)
    elif day.weekday() >= 5 or role is Role.LONG:
        minutes = rng.randint(8 * 60, 10 * 60)
    elif rng.random() < 0.5:
        minutes = rng.randint(6 * 60 + 15, 7 * 60 + 15)
    else:
        minutes = rng.randint(18 * 60, 19 * 60 + 30)
    return time(minutes // 60, minutes % 60, rng.randint(0, 59))


def _recorders(
    week: int, role: Role, earlier: Sequence[PlannedActivity]
) -> tuple[Recorder, ...]:
    if role is Role.RIDE:
        return (Recorder.BIKE_COMPUTER,)
    if week < WATCH_FROM_WEEK:
        return (Recorder.PHONE,)
    first_watch_run = role is not Role.WALK and not any(
        Recorder.WATCH in a.recorders and a.sport.is_running for a in earlier
    )
    return (Recorder.WATCH, Recorder.PHONE) if first_watch_run else (Recorder.WATCH,)
