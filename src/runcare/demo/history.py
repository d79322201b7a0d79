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
from dataclasses import dataclass, replace
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
LONG_RUN_NOISE_KM = 0.1
EASIER_WEEK_FACTOR = 0.8
SPIKE_FACTOR = (1.38, 1.45)


def plan_history(end: date, *, seed: int = 7) -> DemoHistory:
    """The demo runner's 20 weeks ending on ``end`` (inclusive), drawn from ``seed``."""
    rng = random.Random(seed)
    first_day = end - timedelta(days=WEEKS * 7 - 1)
    weeks = [[first_day + timedelta(days=7 * w + n) for n in range(7)] for w in range(WEEKS)]
    spike_day = next(d for d in weeks[SPIKE_WEEK] if d.weekday() == SUNDAY)
    planned: list[PlannedActivity] = []
    for week, days in enumerate(weeks):
        context = _WeekContext(week, days, spike_day, tuple(planned))
        planned.extend(_plan_week(rng, context))
    planned.sort(key=lambda a: a.start)
    planned = _record_first_watch_run_twice(planned)
    spike = next(i for i, a in enumerate(planned) if a.role is Role.SPIKE)
    duplicate = next(i for i, a in enumerate(planned) if len(a.recorders) > 1)
    return DemoHistory(end, seed, tuple(planned), spike, duplicate)


def story(history: DemoHistory) -> str:
    """The demo runner's story in a few plain sentences, with this history's dates."""
    spike = history.spike
    baseline_km = _longest_before_km(history.activities, spike.day)
    first_watch = history.duplicate.day
    return (
        "Mia, a recreational runner, runs around Schlachtensee in Berlin three to five times "
        "a week. "
        f"Her phone recorded her runs from {history.first_day:%d %b %Y}; her new watch took "
        f"over on {first_watch:%d %b %Y} (that first run was recorded by both). "
        f"On {spike.day:%A %d %b %Y} she ran {spike.distance_m / 1000:.1f} km with a friend, "
        f"{spike.distance_m / (baseline_km * 1000) - 1:.0%} more than her longest run of the "
        f"30 days before ({baseline_km:.1f} km). Her hips and lower back have been sore since."
    )


@dataclass(frozen=True, slots=True)
class _WeekContext:
    week: int
    days: list[date]
    spike_day: date
    earlier: tuple[PlannedActivity, ...]

    @property
    def long_day(self) -> date:
        # The history opens with a long run, so no run in it lacks a longer one before it.
        if self.week == 0:
            return self.days[0]
        return next(d for d in self.days if d.weekday() == SUNDAY)

    @property
    def is_last(self) -> bool:
        return self.week == WEEKS - 1

    def is_after_spike(self, day: date) -> bool:
        return day > self.spike_day

    def training_days(self) -> list[date]:
        """Days left for short runs and cross-training: not the long-run day, not rest days."""
        rest = {self.spike_day + timedelta(days=n) for n in range(1, REST_DAYS_AFTER_SPIKE + 1)}
        return [d for d in self.days if d != self.long_day and d not in rest]


def _plan_week(rng: random.Random, context: _WeekContext) -> list[PlannedActivity]:
    week_plan: list[tuple[date, Role, float | None]] = []
    if not context.is_last:
        week_plan.append((context.long_day, *_long_run(rng, context)))
    free = context.training_days()
    runs = 3 if context.is_last else rng.choice((2, 3, 3, 4))
    run_days = sorted(rng.sample(free, min(runs, len(free))))
    for index, day in enumerate(run_days):
        week_plan.append((day, _short_run_role(rng, context, index, day), None))
    week_plan.extend(_cross_training(rng, context, [d for d in free if d not in run_days]))
    return [_draw(rng, context.week, day, role, km) for day, role, km in week_plan]


def _long_run(rng: random.Random, context: _WeekContext) -> tuple[Role, float]:
    if context.week == SPIKE_WEEK:
        baseline_km = _longest_before_km(context.earlier, context.spike_day)
        return Role.SPIKE, baseline_km * rng.uniform(*SPIKE_FACTOR)
    trend_km = FIRST_LONG_RUN_KM + LONG_RUN_STEP_KM * context.week
    if context.week % 4 == 3:
        trend_km *= EASIER_WEEK_FACTOR
    return Role.LONG, trend_km + rng.uniform(-LONG_RUN_NOISE_KM, LONG_RUN_NOISE_KM)


def _longest_before_km(earlier: Sequence[PlannedActivity], day: date) -> float:
    """The longest run of the 30 days before ``day`` (the spike rule's baseline), in km."""
    recent = [a.distance_m for a in earlier if a.sport.is_running and 0 < (day - a.day).days <= 30]
    return max(recent) / 1000.0


def _short_run_role(rng: random.Random, context: _WeekContext, index: int, day: date) -> Role:
    if context.is_after_spike(day):
        return Role.SORE
    if context.week >= WATCH_FROM_WEEK and index == 0 and rng.random() < 0.6:
        return Role.TEMPO
    return Role.EASY


def _cross_training(
    rng: random.Random, context: _WeekContext, free: list[date]
) -> list[tuple[date, Role, float | None]]:
    chosen: list[tuple[date, Role, float | None]] = []
    # After the spike she walks but does not ride: sitting on a saddle hurts too.
    ride_days = [d for d in free if not context.is_after_spike(d)]
    if ride_days and rng.random() < 0.45:
        day = rng.choice(ride_days)
        free = [d for d in free if d != day]
        chosen.append((day, Role.RIDE, None))
    if free and rng.random() < (1.0 if context.is_last else 0.35):
        chosen.append((rng.choice(free), Role.WALK, None))
    return chosen


def _draw(
    rng: random.Random, week: int, day: date, role: Role, distance_km: float | None
) -> PlannedActivity:
    kind = KINDS[role]
    if distance_km is None:
        distance_km = rng.uniform(*kind.distance_km)
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
        recorders=_recorders(week, role),
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


def _recorders(week: int, role: Role) -> tuple[Recorder, ...]:
    if role is Role.RIDE:
        return (Recorder.BIKE_COMPUTER,)
    return (Recorder.PHONE,) if week < WATCH_FROM_WEEK else (Recorder.WATCH,)


def _record_first_watch_run_twice(planned: list[PlannedActivity]) -> list[PlannedActivity]:
    # Not yet trusting the new watch, she started the phone as well: one run, two files.
    first = next(
        i for i, a in enumerate(planned) if a.sport.is_running and Recorder.WATCH in a.recorders
    )
    twice = replace(planned[first], recorders=(Recorder.WATCH, Recorder.PHONE))
    return [*planned[:first], twice, *planned[first + 1 :]]


# --- tracks -------------------------------------------------------------------------------

ROUTE_VERTICES = 1440
# GPS error is correlated from fix to fix: an AR(1) walk whose spread settles near 1.4 m.
GPS_NOISE_CARRY = 0.9
GPS_NOISE_STEP_M = 0.6
BARO_NOISE_CARRY = 0.8
BARO_NOISE_STEP_M = 0.15
# Pace wanders a few per cent around the planned mean.
PACE_WANDER_CARRY = 0.95
PACE_WANDER_STEP = 0.01
# Heart rate follows effort with a lag of about 40 s and drifts up over long efforts.
HR_LAG_S = 40.0
HR_DRIFT_BPM_PER_H = 6.0
HR_START_BPM = 85.0
# The phone in the duplicate pair was started a few seconds before the watch.
PHONE_LEAD_S = SAMPLE_STEP_S


@dataclass(frozen=True, slots=True)
class TrackSample:
    """One recorded point. ``time`` is UTC; ``distance_m`` is cumulative along the path,
    as a watch reports it (the positions carry the GPS noise, the distance does not)."""

    time: datetime
    lat_deg: float
    lon_deg: float
    alt_m: float
    hr_bpm: int
    distance_m: float


@dataclass(frozen=True, slots=True)
class _Polyline:
    lat_deg: tuple[float, ...]
    lon_deg: tuple[float, ...]
    alt_m: tuple[float, ...]
    cum_m: tuple[float, ...]

    @property
    def length_m(self) -> float:
        return self.cum_m[-1]

    def at(self, along_m: float) -> tuple[float, float, float]:
        s = along_m % self.length_m
        i = min(bisect_right(self.cum_m, s) - 1, len(self.cum_m) - 2)
        leg = self.cum_m[i + 1] - self.cum_m[i]
        f = (s - self.cum_m[i]) / leg if leg > 0 else 0.0
        return (
            self.lat_deg[i] + f * (self.lat_deg[i + 1] - self.lat_deg[i]),
            self.lon_deg[i] + f * (self.lon_deg[i + 1] - self.lon_deg[i]),
            self.alt_m[i] + f * (self.alt_m[i + 1] - self.alt_m[i]),
        )


@cache
def _polyline(route: Route) -> _Polyline:
    beta = math.radians(route.bearing_deg)
    lats: list[float] = []
    lons: list[float] = []
    alts: list[float] = []
    for k in range(ROUTE_VERTICES + 1):  # the last vertex closes the loop
        theta = 2 * math.pi * k / ROUTE_VERTICES
        along = route.semi_major_m * math.cos(theta)
        across = route.semi_minor_m * math.sin(theta)
        east_m = along * math.sin(beta) + across * math.cos(beta)
        north_m = along * math.cos(beta) - across * math.sin(beta)
        lat, lon = _offset_deg(route.centre_lat_deg, route.centre_lon_deg, east_m, north_m)
        lats.append(lat)
        lons.append(lon)
        shape = 0.6 * math.sin(theta) + 0.4 * math.sin(3 * theta + 1.0)
        alts.append(route.base_alt_m + route.relief_m * shape)
    cum = [0.0]
    for k in range(1, len(lats)):
        cum.append(cum[-1] + haversine_m(lats[k - 1], lons[k - 1], lats[k], lons[k]))
    return _Polyline(tuple(lats), tuple(lons), tuple(alts), tuple(cum))


def _offset_deg(
    lat_deg: float, lon_deg: float, east_m: float, north_m: float
) -> tuple[float, float]:
    dlat = math.degrees(north_m / EARTH_RADIUS_M)
    dlon = math.degrees(east_m / (EARTH_RADIUS_M * math.cos(math.radians(lat_deg))))
    return lat_deg + dlat, lon_deg + dlon


def track_of(
    activity: PlannedActivity, recorder: Recorder | None = None
) -> tuple[TrackSample, ...]:
    """The points ``recorder`` wrote for ``activity`` (default: its first recorder).

    The run itself (pace, heart rate) is the same for every recorder; each adds its own
    GPS noise. The phone of the duplicate pair was started ``PHONE_LEAD_S`` earlier, while
    she was still standing at the start.
    """
    index = activity.recorders.index(recorder or activity.recorders[0])
    run_rng = random.Random(activity.track_seed)
    steps = round(activity.moving_s / SAMPLE_STEP_S)
    distances = _cumulative_distances_m(run_rng, activity, steps)
    hrs = _heart_rates(run_rng, activity, distances)
    noise = _Noise(random.Random(activity.track_seed + 1 + index))
    line = _polyline(ROUTES[activity.route])
    start = activity.start.astimezone(UTC)
    samples: list[TrackSample] = []
    if index > 0:
        early = start - timedelta(seconds=PHONE_LEAD_S)
        samples.append(noise.sample(line, early, 0.0, hrs[0]))
    pause_at = steps // 2 if activity.pause_s > 0 else None
    for i in range(steps + 1):
        paused_s = activity.pause_s if pause_at is not None and i > pause_at else 0.0
        when = start + timedelta(seconds=i * SAMPLE_STEP_S + paused_s)
        samples.append(noise.sample(line, when, distances[i], hrs[i]))
        if i == pause_at:
            # The drink stop: standing still, then the resume point at the same place.
            resume = when + timedelta(seconds=activity.pause_s)
            samples.append(noise.sample(line, resume, distances[i], hrs[i] - 15))
    return tuple(samples)


def _cumulative_distances_m(
    rng: random.Random, activity: PlannedActivity, steps: int
) -> list[float]:
    factors: list[float] = []
    wander = 0.0
    for i in range(steps):
        wander = PACE_WANDER_CARRY * wander + rng.gauss(0.0, PACE_WANDER_STEP)
        factors.append(max(0.5, 1.0 + wander - _fade(activity.role, i / steps)))
    total = sum(factors)
    distances = [0.0]
    running = 0.0
    for factor in factors:
        running += factor
        distances.append(activity.distance_m * running / total)
    return distances


def _fade(role: Role, fraction: float) -> float:
    # The spike run's last third slows down markedly: she was not ready for that distance.
    if role is Role.SPIKE:
        return 0.12 * max(0.0, (fraction - 0.65) / 0.35)
    if role is Role.LONG:
        return 0.03 * max(0.0, (fraction - 0.7) / 0.3)
    return 0.0


def _heart_rates(
    rng: random.Random, activity: PlannedActivity, distances: Sequence[float]
) -> list[int]:
    carry = math.exp(-SAMPLE_STEP_S / HR_LAG_S)
    mean_speed = activity.distance_m / activity.moving_s
    hr = HR_START_BPM if activity.sport.is_running else HR_START_BPM - 10
    hrs = [round(hr)]
    for i in range(1, len(distances)):
        speed = (distances[i] - distances[i - 1]) / SAMPLE_STEP_S
        hours = i * SAMPLE_STEP_S / 3600.0
        drift = HR_DRIFT_BPM_PER_H * hours * (1.5 if activity.role is Role.SPIKE else 1.0)
        target = activity.target_hr_bpm + drift + 60.0 * (speed / mean_speed - 1.0)
        hr = target + (hr - target) * carry + rng.gauss(0.0, 0.8)
        hrs.append(round(min(hr, RUNNER_MAX_HR_BPM)))
    return hrs


class _Noise:
    """The recorder's GPS and barometer error, carried from one fix to the next."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._east_m = rng.gauss(0.0, 1.4)
        self._north_m = rng.gauss(0.0, 1.4)
        self._alt_m = rng.gauss(0.0, 0.3)

    def sample(
        self, line: _Polyline, when: datetime, distance_m: float, hr_bpm: int
    ) -> TrackSample:
        gauss = self._rng.gauss
        self._east_m = GPS_NOISE_CARRY * self._east_m + gauss(0.0, GPS_NOISE_STEP_M)
        self._north_m = GPS_NOISE_CARRY * self._north_m + gauss(0.0, GPS_NOISE_STEP_M)
        self._alt_m = BARO_NOISE_CARRY * self._alt_m + gauss(0.0, BARO_NOISE_STEP_M)
        lat, lon, alt = line.at(distance_m)
        lat, lon = _offset_deg(lat, lon, self._east_m, self._north_m)
        return TrackSample(when, lat, lon, alt + self._alt_m, hr_bpm, distance_m)
