"""Write the demo runner's history as the folder a user would have on their laptop.

Layout (relative to the output folder):

* ``watch/GARMIN/Activity/YYYY-MM-DD-HH-MM-SS.fit``: runs and walks copied off the watch
  (local start time in the name), the majority of the files;
* ``strava-export/activities/<id>.gpx``: what the phone's Strava app recorded (the first
  five weeks, and the phone's copy of the watch's first run);
* ``strava-export/activities/<id>.tcx``: rides uploaded from the bike computer;
* ``strava-export/activities.csv``: Strava's index of those uploads, which the importer
  joins to the files.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from runcare.activities.model import Sport
from runcare.demo.fit_encode import FitRecord, FitSession, encode_activity
from runcare.demo.gpx_write import gpx_bytes
from runcare.demo.history import (
    DemoHistory,
    PlannedActivity,
    Recorder,
    TrackSample,
    plan_history,
    track_of,
)
from runcare.demo.strava_csv import StravaRow, activities_csv
from runcare.demo.tcx_write import tcx_bytes

WATCH_DIR = Path("watch/GARMIN/Activity")
STRAVA_DIR = Path("strava-export/activities")
STRAVA_INDEX = Path("strava-export/activities.csv")
# Strava activity ids are large and grow with time; the first one here is made up.
FIRST_STRAVA_ID = 12_004_000_000
# Hysteresis for ascent, so barometer noise of a few tenths of a metre does not add up.
ASCENT_STEP_M = 2.0
GPX_TYPES = {Sport.RUNNING: "running", Sport.WALKING: "walking", Sport.CYCLING: "cycling"}
GPX_WORDS = {Sport.RUNNING: "Run", Sport.WALKING: "Walk", Sport.CYCLING: "Ride"}
# Rough energy use of a 62 kg runner, for the Calories a TCX lap must carry.
KCAL_PER_KM = {Sport.RUNNING: 62.0, Sport.WALKING: 55.0, Sport.CYCLING: 25.0}


@dataclass(frozen=True, slots=True)
class DemoFile:
    """One file written: ``path`` is relative to the output folder; ``activity_index``
    points into ``plan_history(end, seed=seed).activities``."""

    path: Path
    kind: str
    recorder: Recorder
    activity_index: int


@dataclass(frozen=True, slots=True)
class DemoManifest:
    """What ``write_demo_history`` wrote. Paths are relative to ``root``."""

    root: Path
    end: date
    seed: int
    files: tuple[DemoFile, ...]
    activity_count: int
    spike_file: Path
    duplicate_pair: tuple[Path, Path]

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self.root / f.path for f in self.files)


def write_demo_history(out_dir: Path, *, end: date, seed: int = 7) -> DemoManifest:
    """Write the demo runner's 20 weeks ending on ``end`` into ``out_dir``.

    Files already in ``out_dir`` with other names are left alone; ours are overwritten.
    The same ``end`` and ``seed`` always give byte-identical files.
    """
    history = plan_history(end, seed=seed)
    strava_ids = _strava_ids(history, seed)
    written: list[DemoFile] = []
    strava_rows: list[StravaRow] = []
    for index, activity in enumerate(history.activities):
        for recorder in activity.recorders:
            demo_file = _demo_file(activity, index, recorder, strava_ids[index])
            samples = track_of(activity, recorder)
            target = out_dir / demo_file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_encode(activity, recorder, samples))
            written.append(demo_file)
            if demo_file.path.parent == STRAVA_DIR:
                strava_rows.append(
                    StravaRow(
                        strava_ids[index],
                        activity,
                        strava_title(activity),
                        demo_file.path.relative_to(STRAVA_DIR.parent).as_posix(),
                        ascent_m([s.alt_m for s in samples]),
                    )
                )
    if strava_rows:
        (out_dir / STRAVA_INDEX).write_bytes(activities_csv(strava_rows))
    return _manifest(out_dir, history, written)


def _strava_ids(history: DemoHistory, seed: int) -> list[int]:
    rng = random.Random(seed)
    ids: list[int] = []
    current = FIRST_STRAVA_ID
    for _ in history.activities:
        # Other athletes upload in between, so consecutive ids of one athlete are far apart.
        current += rng.randint(20_000_000, 60_000_000)
        ids.append(current)
    return ids


def _demo_file(
    activity: PlannedActivity, index: int, recorder: Recorder, strava_id: int
) -> DemoFile:
    if recorder is Recorder.WATCH:
        name = activity.start.strftime("%Y-%m-%d-%H-%M-%S") + ".fit"
        return DemoFile(WATCH_DIR / name, "fit", recorder, index)
    kind = "tcx" if recorder is Recorder.BIKE_COMPUTER else "gpx"
    return DemoFile(STRAVA_DIR / f"{strava_id}.{kind}", kind, recorder, index)


def _encode(activity: PlannedActivity, recorder: Recorder, samples: Sequence[TrackSample]) -> bytes:
    if recorder is Recorder.WATCH:
        return _fit_bytes(activity, samples)
    if recorder is Recorder.BIKE_COMPUTER:
        return tcx_bytes(
            samples,
            sport="Biking",
            lap_distance_m=5000.0,
            kcal_per_km=KCAL_PER_KM[activity.sport],
        )
    return gpx_bytes(samples, name=strava_title(activity), activity_type=GPX_TYPES[activity.sport])


def _fit_bytes(activity: PlannedActivity, samples: Sequence[TrackSample]) -> bytes:
    hrs = [s.hr_bpm for s in samples]
    session = FitSession(
        start=samples[0].time,
        sport=activity.sport,
        elapsed_s=activity.elapsed_s,
        moving_s=activity.moving_s,
        distance_m=activity.distance_m,
        ascent_m=ascent_m([s.alt_m for s in samples]),
        avg_hr_bpm=round(sum(hrs) / len(hrs)),
        max_hr_bpm=max(hrs),
        records=tuple(
            FitRecord(
                time=s.time,
                lat_deg=s.lat_deg,
                lon_deg=s.lon_deg,
                alt_m=s.alt_m,
                hr_bpm=s.hr_bpm,
                distance_m=s.distance_m,
            )
            for s in samples
        ),
    )
    offset = activity.start.utcoffset()
    utc_offset_s = int(offset.total_seconds()) if offset is not None else None
    return encode_activity([session], utc_offset_s=utc_offset_s)


def strava_title(activity: PlannedActivity) -> str:
    """Strava's default name from the local start hour: "Morning Run", "Evening Walk"."""
    hour = activity.start.hour
    if hour < 11:
        part = "Morning"
    elif hour < 14:
        part = "Lunch"
    elif hour < 18:
        part = "Afternoon"
    elif hour < 21:
        part = "Evening"
    else:
        part = "Night"
    return f"{part} {GPX_WORDS[activity.sport]}"


def ascent_m(alts_m: Sequence[float]) -> float:
    """Total climb in metres, counting a rise only once it reaches ``ASCENT_STEP_M``."""
    total = 0.0
    reference = alts_m[0]
    for alt in alts_m[1:]:
        if alt >= reference + ASCENT_STEP_M:
            total += alt - reference
            reference = alt
        elif alt <= reference - ASCENT_STEP_M:
            reference = alt
    return total


def _manifest(out_dir: Path, history: DemoHistory, written: list[DemoFile]) -> DemoManifest:
    def path_of(index: int, recorder: Recorder) -> Path:
        return next(f.path for f in written if f.activity_index == index and f.recorder is recorder)

    duplicate = history.duplicate_index
    return DemoManifest(
        root=out_dir,
        end=history.end,
        seed=history.seed,
        files=tuple(written),
        activity_count=len(history.activities),
        spike_file=path_of(history.spike_index, history.spike.recorders[0]),
        duplicate_pair=(path_of(duplicate, Recorder.WATCH), path_of(duplicate, Recorder.PHONE)),
    )
