"""How fast, and how lean, is the activity importer?

Three measurements, each with both sides reading the same bytes from memory:

1. FIT: ``runcare.activities.fit.read`` (a walk that decodes the summary messages only)
   against the peer, a full decode with fitdecode: every frame of ``fitdecode.FitReader``,
   keeping the session messages' ``start_time`` and ``total_distance``. Target: 50x.
2. GPX: ``runcare.activities.gpx.read`` against ``gpxpy.parse`` + ``length_2d()`` +
   ``get_time_bounds()``. Target: 3x.
3. Memory: the peak resident memory of a separate ``runcare import --json`` process over a
   2,000-file history (FIT, GPX and TCX; Strava exports with their activities.csv), and
   its wall time. Target: under 300 MB.

The real device files come from ``../shared/samples`` when it exists; the generated ones
from the demo writer and the FIT encoder. Every answer of ours is checked against the
peer's (same start times, distances within 0.5 %); a disagreement makes the script exit 1.
A missed speed or memory target is printed as "below target" and is not an error.

    .venv/bin/python benchmarks/import_speed.py [--quick] [--samples DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import fitdecode
import gpxpy
import gpxpy.gpx
from tcxreader.tcxreader import TCXReader

from runcare.activities import fit, gpx, tcx
from runcare.activities.fit_fast import MIN_ABSOLUTE_FIT_TIME, FitFormatError, scan
from runcare.activities.model import Sport, UnreadableFileError
from runcare.activities.safexml import parse, xml_datetime
from runcare.activities.track import EARTH_RADIUS_M
from runcare.demo.fit_encode import FitRecord, FitSession, encode_activity
from runcare.demo.generate import STRAVA_DIR, WATCH_DIR, write_demo_history
from runcare.demo.gpx_write import gpx_bytes
from runcare.demo.history import TrackSample
from runcare.demo.tcx_write import tcx_bytes

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLES = REPO.parent / "shared" / "samples"
FIT_SAMPLE_DIRS = ("python-fitparse", "fitdecode")
GPX_SAMPLE_DIRS = ("gpxpy",)
TCX_SAMPLE_DIRS = ("tcxreader",)

FIT_TARGET = 50.0
GPX_TARGET = 6.0
# TCX is timed against the floor, a bare lxml parse and walk: ours may take at most 3 times
# as long, so the peer's time over ours is at least 1/3.
TCX_TARGET = 1 / 3
MEMORY_TARGET_MB = 300.0
# Answers agree when distances differ by at most this fraction...
DISTANCE_TOLERANCE = 0.005
# ...or by at most this many metres: on a track a few dozen metres long, our 2 m jitter
# rule (a point under 2 m from the last counted one is not counted yet) moves the total by
# more than 0.5 %, and gpxpy has no such rule.
DISTANCE_SLACK_M = 5.0

# Each demo history spans 20 weeks; copy k ends 20 * k weeks before the first, so no two
# copies overlap and the duplicate rule has nothing to merge between them.
DEMO_END = date(2024, 6, 30)
DEMO_WEEKS = 20
DEMO_SEED = 7
FILES_PER_HISTORY = 96  # about; the exact count depends on the seed
LONG_RUN_S = 3 * 3600
MARATHON_M = 42_195.0
LONG_DIR = "long-runs"

LIBRARIES = ("runcare", "fitdecode", "gpxpy", "tcxreader", "lxml", "numpy")
KIB_PER_MB = 1024

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Mode:
    ours_repeats: int
    peer_repeats: int
    long_fit_files: int
    export_files: int
    # Real device files larger than this are left out (None: all of them).
    max_sample_bytes: int | None = None


FULL = Mode(ours_repeats=5, peer_repeats=2, long_fit_files=3, export_files=2000)
QUICK = Mode(
    ours_repeats=2, peer_repeats=1, long_fit_files=1, export_files=200, max_sample_bytes=300_000
)


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class FileSet:
    label: str
    files: tuple[Sample, ...]
    # None: shown for information; the target is not about the path this set takes.
    target: float | None
    # Sets of one group (the real device files, split by path) also get a total row.
    group: str | None = None


@dataclass(slots=True)
class Checks:
    compared: int = 0
    slack_used: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- FIT: the two sides

FitAnswer = list[tuple[object, float | None]]


def ours_fit(sample: Sample) -> FitAnswer:
    try:
        found = fit.read(sample.data, sample.name)
    except UnreadableFileError:
        return []
    return [(a.start, a.distance_m) for a in found]


def peer_fit(sample: Sample) -> FitAnswer:
    """Every frame decoded by fitdecode with its default settings (CRCs checked, as ours)."""
    sessions: FitAnswer = []
    with warnings.catch_warnings():
        # fitdecode warns about odd field sizes in some real files; the table matters here.
        warnings.simplefilter("ignore")
        try:
            with fitdecode.FitReader(sample.data) as reader:
                for frame in reader:
                    if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                        start = frame.get_value("start_time", fallback=None)
                        distance = frame.get_value("total_distance", fallback=None)
                        sessions.append((start, distance))
        except fitdecode.FitError:
            pass  # a damaged file: the sessions before the damage still count
    return sessions


def compare_fit(name: str, ours: FitAnswer, peer: FitAnswer, checks: Checks) -> None:
    # Only sessions that both can place in time are comparable: fitdecode leaves device-time
    # stamps (seconds since power-on) as plain numbers, which we place or refuse.
    if not peer or not all(isinstance(start, datetime) for start, _ in peer):
        return
    checks.compared += 1
    if [start for start, _ in ours] != [start for start, _ in peer]:
        checks.disagreements.append(f"{name}: sessions {ours} vs fitdecode {peer}")
        return
    for (_, ours_m), (_, peer_m) in zip(ours, peer, strict=True):
        compare_distance(name, ours_m, _number(peer_m), checks)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def compare_distance(name: str, ours_m: float | None, peer_m: float | None, checks: Checks) -> None:
    if ours_m is None or peer_m is None:
        if ours_m != peer_m:
            checks.disagreements.append(f"{name}: distance {ours_m} vs peer {peer_m}")
        return
    difference = abs(ours_m - peer_m)
    if difference <= DISTANCE_TOLERANCE * abs(peer_m):
        return
    if difference <= DISTANCE_SLACK_M:
        checks.slack_used.append(f"{name} ({ours_m:.1f} m vs {peer_m:.1f} m)")
        return
    checks.disagreements.append(f"{name}: distance {ours_m:.1f} m vs peer {peer_m:.1f} m")


# ---------------------------------------------------------------- GPX: the two sides

GpxAnswer = tuple[datetime | None, float | None]


def ours_gpx(sample: Sample) -> GpxAnswer:
    try:
        activity = gpx.read(sample.data, sample.name)[0]
    except UnreadableFileError:
        return None, None
    return activity.start, activity.distance_m


def peer_gpx(sample: Sample) -> GpxAnswer:
    try:
        parsed = gpxpy.parse(sample.data)
    except gpxpy.gpx.GPXException:
        return None, None
    start = parsed.get_time_bounds().start_time
    distance = parsed.length_2d()
    if start is None:
        return None, None
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)  # times without a zone are UTC, on both sides
    return start, float(distance)


def compare_gpx(name: str, ours: GpxAnswer, peer: GpxAnswer, checks: Checks) -> None:
    if ours[0] is None and peer[0] is None:
        return  # neither sees a dated track: routes, waypoints, points without times
    checks.compared += 1
    if ours[0] != peer[0]:
        checks.disagreements.append(f"{name}: start {ours[0]} vs gpxpy {peer[0]}")
        return
    compare_distance(name, ours[1], peer[1], checks)


# ---------------------------------------------------------------- TCX: ours and two peers

TcxAnswer = tuple[datetime | None, float | None]


def ours_tcx(sample: Sample) -> TcxAnswer:
    try:
        activity = tcx.read(sample.data, sample.name)[0]
    except UnreadableFileError:
        return None, None
    return activity.start, activity.distance_m


def bare_tcx(sample: Sample) -> TcxAnswer:
    """The floor: the same safe lxml parse, then every element of every lap visited and its
    text taken, keeping the first lap's start and the laps' distances."""
    try:
        root = parse(sample.data)
    except UnreadableFileError:
        return None, None
    start: datetime | None = None
    distance_m: float | None = None
    texts: list[str | None] = []
    for lap in root.iter("{*}Lap"):
        if start is None:
            moment = xml_datetime(lap.get("StartTime"))
            start = moment.utc if moment else None
        for child in lap:
            if child.tag.endswith("}DistanceMeters") and child.text:
                distance_m = (distance_m or 0.0) + float(child.text)
        texts.extend(element.text for element in lap.iter())
    return start, distance_m


def peer_tcx(sample: Sample) -> TcxAnswer:
    """tcxreader, which reads from a path: each file is written to a scratch folder first
    (outside the timing), so the page cache serves it."""
    try:
        exercise = TCXReader().read(str(_on_disk(sample)), only_gps=False)
    except Exception:  # a peer that cannot read a file answers nothing
        return None, None
    start = exercise.start_time
    if start is not None and start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    return start, float(exercise.distance) if exercise.distance else None


_TCX_SCRATCH = Path(tempfile.mkdtemp(prefix="runcare-bench-tcx-"))


def _on_disk(sample: Sample) -> Path:
    path = _TCX_SCRATCH / f"{hashlib.sha256(sample.data).hexdigest()}.tcx"
    if not path.exists():
        path.write_bytes(sample.data)
    return path


def compare_tcx(name: str, ours: TcxAnswer, peer: TcxAnswer, checks: Checks) -> None:
    if ours[1] is None and peer[1] is None:
        return
    checks.compared += 1
    compare_distance(name, ours[1], peer[1], checks)


def long_tcx(start: datetime) -> bytes:
    samples = loop_track(start, LONG_RUN_S, pace_s_per_km=330.0)
    return tcx_bytes(samples, sport="Running")


# ---------------------------------------------------------------- generated files


def loop_track(start: datetime, duration_s: int, pace_s_per_km: float) -> list[TrackSample]:
    """A run sampled every second around a 2.5 km loop, with a little GPS wander."""
    rng = random.Random(int(start.timestamp()))
    radius_m = 2500 / (2 * math.pi)
    lat0_deg, lon0_deg = 52.52, 13.40
    m_per_deg_lat = math.radians(1) * EARTH_RADIUS_M
    m_per_deg_lon = m_per_deg_lat * math.cos(math.radians(lat0_deg))
    speed_m_s = 1000 / pace_s_per_km
    east_err_m = north_err_m = 0.0
    samples = []
    for second in range(duration_s + 1):
        along_m = second * speed_m_s
        angle = along_m / radius_m
        east_err_m = 0.95 * east_err_m + rng.gauss(0.0, 0.15)
        north_err_m = 0.95 * north_err_m + rng.gauss(0.0, 0.15)
        samples.append(
            TrackSample(
                time=start + timedelta(seconds=second),
                lat_deg=lat0_deg + (radius_m * math.cos(angle) + north_err_m) / m_per_deg_lat,
                lon_deg=lon0_deg + (radius_m * math.sin(angle) + east_err_m) / m_per_deg_lon,
                alt_m=40 + 8 * math.sin(2 * angle),
                hr_bpm=round(135 + 10 * second / 3600 + rng.gauss(0.0, 1.0)),
                distance_m=along_m,
            )
        )
    return samples


def long_fit(start: datetime, variant: int) -> bytes:
    """Three hours of 1 s records (10,801): plain, compressed timestamps, developer field."""
    samples = loop_track(start, LONG_RUN_S, pace_s_per_km=330)
    hrs = [s.hr_bpm for s in samples]
    session = FitSession(
        start=start,
        sport=Sport.RUNNING,
        elapsed_s=LONG_RUN_S,
        moving_s=LONG_RUN_S,
        distance_m=samples[-1].distance_m,
        avg_hr_bpm=round(sum(hrs) / len(hrs)),
        max_hr_bpm=max(hrs),
        records=tuple(
            FitRecord(s.time, s.lat_deg, s.lon_deg, s.alt_m, s.hr_bpm, s.distance_m)
            for s in samples
        ),
    )
    return encode_activity(
        [session],
        utc_offset_s=7200,
        compressed_timestamps=variant == 1,
        developer_field=variant == 2,
    )


def marathon_gpx(start: datetime) -> bytes:
    """A marathon in 3 h 31 min as Strava exports it, one point a second."""
    pace_s_per_km = 300.0
    samples = loop_track(start, round(MARATHON_M / 1000 * pace_s_per_km), pace_s_per_km)
    return gpx_bytes(samples, name="Marathon", activity_type="running")


def write_history(out_dir: Path, copy: int) -> tuple[int, int]:
    """One copy of the demo history, shifted back in time: (files written, activities)."""
    end = DEMO_END - timedelta(weeks=DEMO_WEEKS * copy)
    manifest = write_demo_history(out_dir, end=end, seed=DEMO_SEED + copy)
    return len(manifest.files), manifest.activity_count


def write_long_file(path: Path, variant: int) -> None:
    # Long runs on days before any demo history, so none of them is a duplicate.
    start = datetime(2010, 5, 2 + variant, 7, 0, tzinfo=UTC)
    if path.suffix == ".tcx":
        path.write_bytes(long_tcx(start.replace(month=6)))
    else:
        path.write_bytes(marathon_gpx(start) if variant < 0 else long_fit(start, variant))


@dataclass(frozen=True, slots=True)
class Export:
    folders: tuple[Path, ...]
    files: int
    activities: int

    @property
    def long_runs(self) -> Path:
        return self.folders[-1]


def build_export(root: Path, mode: Mode) -> Export:
    """Demo histories until there are ``mode.export_files`` files, plus the long runs."""
    long_dir = root / LONG_DIR
    long_dir.mkdir(parents=True)
    copies = max(1, math.ceil(mode.export_files / FILES_PER_HISTORY))
    with ProcessPoolExecutor() as pool:
        long_jobs = [
            pool.submit(write_long_file, long_dir / f"long-run-{v}.fit", v)
            for v in range(mode.long_fit_files)
        ]
        long_jobs.append(pool.submit(write_long_file, long_dir / "marathon.gpx", -1))
        long_jobs.append(pool.submit(write_long_file, long_dir / "three-hours.tcx", 0))
        jobs = [pool.submit(write_history, root / f"history-{k:02d}", k) for k in range(copies)]
        files, activities = _totals(jobs)
        while files + len(long_jobs) < mode.export_files:
            more = write_history(root / f"history-{copies:02d}", copies)
            files, activities = files + more[0], activities + more[1]
            copies += 1
        for job in long_jobs:
            job.result()
    folders = (*(root / f"history-{k:02d}" for k in range(copies)), long_dir)
    return Export(folders, files + len(long_jobs), activities + len(long_jobs))


def _totals(jobs: Sequence[Future[tuple[int, int]]]) -> tuple[int, int]:
    results = [job.result() for job in jobs]
    return sum(r[0] for r in results), sum(r[1] for r in results)


def read_samples(folder: Path, pattern: str) -> tuple[Sample, ...]:
    return tuple(Sample(p.name, p.read_bytes()) for p in sorted(folder.glob(pattern)))


def device_samples(
    samples_dir: Path | None, folders: Sequence[str], pattern: str, mode: Mode
) -> tuple[Sample, ...]:
    if samples_dir is None:
        return ()
    found = [s for folder in folders for s in read_samples(samples_dir / folder, pattern)]
    limit = mode.max_sample_bytes
    return tuple(s for s in found if limit is None or len(s.data) <= limit)


def fit_path(sample: Sample) -> str:
    """Which path our reader takes: the session walk, a full decode, or a quick refusal.

    It decodes in full when there is no session message, and when the sessions carry
    device-time stamps and only the records can place them.
    """
    try:
        found = scan(sample.data)
    except FitFormatError:
        return "other"
    if found.file_type not in (None, fit.FILE_TYPE_ACTIVITY):
        return "other"
    stamps = [s.get(key) for s in found.sessions for key in ("start_time", "timestamp")]
    relative = any(isinstance(t, int) and t < MIN_ABSOLUTE_FIT_TIME for t in stamps)
    if not found.sessions or (relative and fit.device_clock(found) is None):
        return "decode"
    return "session"


def fit_sets(samples_dir: Path | None, export: Export, mode: Mode) -> list[FileSet]:
    device = device_samples(samples_dir, FIT_SAMPLE_DIRS, "*.fit", mode)
    paths = [fit_path(s) for s in device]

    def taking(path: str) -> tuple[Sample, ...]:
        return tuple(s for s, p in zip(device, paths, strict=True) if p == path)

    long_runs = read_samples(export.long_runs, "*.fit")
    return [
        FileSet("device files: session walk", taking("session"), FIT_TARGET, "device"),
        FileSet("device files: full decode (fallback)", taking("decode"), None, "device"),
        FileSet("device files: not activities, refused", taking("other"), None, "device"),
        FileSet(
            "demo watch files (5 s records)", demo_files(export, WATCH_DIR, "*.fit"), FIT_TARGET
        ),
        FileSet("3-hour runs (1 s records)", long_runs, FIT_TARGET),
    ]


def gpx_sets(samples_dir: Path | None, export: Export, mode: Mode) -> list[FileSet]:
    device = device_samples(samples_dir, GPX_SAMPLE_DIRS, "*.gpx", mode)
    return [
        FileSet("gpxpy's test files", device, GPX_TARGET),
        FileSet(
            "demo Strava files (5 s points)", demo_files(export, STRAVA_DIR, "*.gpx"), GPX_TARGET
        ),
        FileSet("marathon (1 s points)", read_samples(export.long_runs, "*.gpx"), GPX_TARGET),
    ]


def tcx_sets(samples_dir: Path | None, export: Export, mode: Mode) -> list[FileSet]:
    device = device_samples(samples_dir, TCX_SAMPLE_DIRS, "*.tcx", mode)
    return [
        FileSet("tcxreader's test files", device, TCX_TARGET),
        FileSet(
            "demo Strava files (5 s points)", demo_files(export, STRAVA_DIR, "*.tcx"), TCX_TARGET
        ),
        FileSet("3-hour run (1 s points)", read_samples(export.long_runs, "*.tcx"), TCX_TARGET),
    ]


def demo_files(export: Export, folder: Path, pattern: str) -> tuple[Sample, ...]:
    return read_samples(export.folders[0] / folder, pattern)


# ---------------------------------------------------------------- timing


def run_side(
    reader: Callable[[Sample], T], files: Sequence[Sample], repeats: int
) -> tuple[float, list[T]]:
    """The best total time of ``repeats`` passes over ``files``, and the last pass's answers.

    CPU time of this process, not wall time: on a machine shared with other work, wall time
    mostly measures waiting for a core. Every side runs in this process, so it is fair.
    """
    best = math.inf
    answers: list[T] = []
    for _ in range(repeats):
        started = time.process_time()
        answers = [reader(sample) for sample in files]
        best = min(best, time.process_time() - started)
    return best, answers


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    files: int
    ours_s: float
    peer_s: float
    target: float | None
    group: str | None = None

    @property
    def ratio(self) -> float:
        return self.peer_s / self.ours_s

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "(no target)"
        if self.ratio >= self.target:
            return f"target >= {self.target:.3g}x: met"
        return f"below target (>= {self.target:.3g}x)"


def measure(
    sets: Sequence[FileSet],
    sides: tuple[Callable[[Sample], T], Callable[[Sample], T]],
    compare: Callable[[str, T, T, Checks], None],
    mode: Mode,
) -> tuple[list[Row], Checks]:
    ours, peer = sides
    rows: list[Row] = []
    checks = Checks()
    for file_set in sets:
        if not file_set.files:
            continue
        ours_s, ours_answers = run_side(ours, file_set.files, mode.ours_repeats)
        peer_s, peer_answers = run_side(peer, file_set.files, mode.peer_repeats)
        for sample, mine, theirs in zip(file_set.files, ours_answers, peer_answers, strict=True):
            compare(sample.name, mine, theirs, checks)
        rows.append(
            Row(
                file_set.label, len(file_set.files), ours_s, peer_s, file_set.target, file_set.group
            )
        )
    return with_totals(rows), checks


def with_totals(rows: list[Row]) -> list[Row]:
    """``rows``, each group of two or more followed by its total."""
    out: list[Row] = []
    for index, row in enumerate(rows):
        out.append(row)
        next_group = rows[index + 1].group if index + 1 < len(rows) else None
        if row.group is None or next_group == row.group:
            continue
        members = [r for r in rows if r.group == row.group]
        if len(members) > 1:
            ours_s, peer_s = sum(r.ours_s for r in members), sum(r.peer_s for r in members)
            files = sum(r.files for r in members)
            out.append(Row(f"all {row.group} files", files, ours_s, peer_s, None))
    return out


def print_table(title: str, rows: Sequence[Row], checks: Checks) -> None:
    print(f"\n{title}")
    print(f"{'file set':44} {'files':>5} {'ours (ms)':>10} {'peer (ms)':>10} {'ratio':>8}")
    for row in rows:
        print(
            f"{row.label:44} {row.files:5d} {row.ours_s * 1000:10.1f} {row.peer_s * 1000:10.1f}"
            f" {row.ratio:7.1f}x  {row.verdict}"
        )
    print(
        f"answers: {checks.compared} files compared; start times equal and distances within "
        f"{DISTANCE_TOLERANCE:.1%}: {checks.compared - len(checks.disagreements)}"
    )
    if checks.slack_used:
        print(f"  within {DISTANCE_SLACK_M:g} m but not {DISTANCE_TOLERANCE:.1%} (short tracks):")
        for line in checks.slack_used:
            print(f"    {line}")
    for line in checks.disagreements:
        print(f"  DISAGREE {line}")


# ---------------------------------------------------------------- memory


@dataclass(frozen=True, slots=True)
class ImportRun:
    exit_code: int
    peak_rss_mb: float
    wall_s: float
    activities: int
    skipped: int


# Runs a command with stdout to a file; prints its exit code, peak RSS (KiB) and wall time.
# A forked child's peak RSS starts at its parent's size (Linux carries the high-water mark
# across fork and exec), so the import is started from this small process rather than from
# the benchmark, which holds every sample file and both parsers by then.
MEASURE = """
import os, subprocess, sys, time
started = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    child = subprocess.Popen(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, time.perf_counter() - started)
"""


def run_import(folders: Sequence[Path], out_file: Path) -> ImportRun:
    """``runcare import --json`` in a separate process: its own peak RSS and wall time."""
    command = [sys.executable, "-m", "runcare.cli.main", "import", "--json", *map(str, folders)]
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(out_file), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    exit_code, max_rss_kib, wall_s = measured.stdout.split()
    result = json.loads(out_file.read_bytes() or b"{}")
    return ImportRun(
        exit_code=int(exit_code),
        peak_rss_mb=int(max_rss_kib) / KIB_PER_MB,  # ru_maxrss is in KiB on Linux
        wall_s=float(wall_s),
        activities=len(result.get("activities", [])),
        skipped=len(result.get("skipped", [])),
    )


@dataclass(frozen=True, slots=True)
class ExportSize:
    kinds: Counter[str]
    total_mb: float
    largest_mb: float


def export_size(export: Export) -> ExportSize:
    kinds: Counter[str] = Counter()
    sizes = []
    for folder in export.folders:
        for path in folder.rglob("*"):
            if path.is_file():
                kinds[path.suffix.lstrip(".")] += 1
                sizes.append(path.stat().st_size)
    return ExportSize(kinds, sum(sizes) / 1e6, max(sizes) / 1e6)


def memory_section(export: Export, scratch: Path) -> list[str]:
    """Print the import's peak memory and wall time; the disagreements found, if any."""
    size = export_size(export)
    # The same command on one small file: the interpreter and its libraries alone.
    one_file = next((export.folders[0] / WATCH_DIR).glob("*.fit"))
    baseline = run_import([one_file], scratch / "one.json")
    run = run_import(export.folders, scratch / "import.json")
    listed = ", ".join(f"{size.kinds[kind]} {kind.upper()}" for kind in ("fit", "gpx", "tcx"))
    print("\nMemory: runcare import --json in a separate process")
    print(
        f"export: {export.files} activity files ({listed}), {size.total_mb:.0f} MB "
        f"(largest {size.largest_mb:.1f} MB), in"
    )
    print(f"  {len(export.folders) - 1} shifted copies of the 20-week demo history (a watch")
    print(f"  folder and a Strava export with activities.csv each) and {LONG_DIR}/")
    print(
        f"imported: {run.activities} activities, {run.skipped} skipped, exit code {run.exit_code}"
    )
    verdict = "met" if run.peak_rss_mb < MEMORY_TARGET_MB else "below target"
    print(f"peak RSS: {run.peak_rss_mb:.0f} MB (target < {MEMORY_TARGET_MB:g} MB: {verdict})")
    print(f"  the same command on one file: {baseline.peak_rss_mb:.0f} MB")
    print(f"wall time: {run.wall_s:.1f} s ({export.files / run.wall_s:.0f} files/s)")
    problems = []
    if run.exit_code != 0 or run.skipped or run.activities != export.activities:
        problems.append(
            f"import of the export: {run.activities} activities, {run.skipped} skipped, exit "
            f"{run.exit_code}; expected {export.activities} activities, none skipped"
        )
    for line in problems:
        print(f"  DISAGREE {line}")
    return problems


# ---------------------------------------------------------------- machine and main


def machine_lines() -> list[str]:
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(f"{name} {_version(name)}" for name in LIBRARIES)
    return [
        f"machine: {cpu}, {cores} cores, {platform.system()} {platform.release()}",
        f"python: {platform.python_implementation()} {platform.python_version()}",
        f"libraries: {versions}",
    ]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe(mode: Mode) -> str:
    limit = mode.max_sample_bytes
    files = "all device files" if limit is None else f"device files up to {limit // 1000} KB"
    return (
        f"method: best of {mode.ours_repeats} passes (ours) and {mode.peer_repeats} (peer) over "
        f"bytes in memory, CPU time; {files}; an export of at least {mode.export_files:,} files"
    )


def find_samples(folder: Path) -> Path | None:
    if folder.is_dir():
        print(f"real device files: {folder}")
        return folder
    print(f"real device files: not found at {folder} (../shared is absent); generated files only")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer files and repeats (~30 s)")
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES, help="real device files")
    args = parser.parse_args(argv)
    mode = QUICK if args.quick else FULL
    started = time.perf_counter()
    print("runcare import benchmark" + (" (quick)" if args.quick else ""))
    for line in machine_lines():
        print(line)
    print(describe(mode))
    samples_dir = find_samples(args.samples)
    with tempfile.TemporaryDirectory(prefix="runcare-bench-") as scratch:
        export = build_export(Path(scratch) / "export", mode)
        rows, fit_checks = measure(
            fit_sets(samples_dir, export, mode), (ours_fit, peer_fit), compare_fit, mode
        )
        print_table(
            "FIT: runcare fit.read (session summary) vs fitdecode (full decode)", rows, fit_checks
        )
        rows, gpx_checks = measure(
            gpx_sets(samples_dir, export, mode), (ours_gpx, peer_gpx), compare_gpx, mode
        )
        print_table(
            "GPX: runcare gpx.read vs gpxpy.parse + length_2d + time bounds", rows, gpx_checks
        )
        rows, tcx_checks = measure(
            tcx_sets(samples_dir, export, mode), (ours_tcx, bare_tcx), compare_tcx, mode
        )
        print_table(
            "TCX: runcare tcx.read vs a bare lxml parse and walk (goal: at most 3x its time)",
            rows,
            tcx_checks,
        )
        rows, tcxreader_checks = measure(
            [replace(s, target=None) for s in tcx_sets(samples_dir, export, mode)],
            (ours_tcx, peer_tcx),
            compare_tcx,
            mode,
        )
        print_table("TCX: runcare tcx.read vs tcxreader", rows, tcxreader_checks)
        problems = memory_section(export, Path(scratch))
    disagreements = (
        fit_checks.disagreements
        + gpx_checks.disagreements
        + tcx_checks.disagreements
        + tcxreader_checks.disagreements
        + problems
    )
    print(
        f"\nfinished in {time.perf_counter() - started:.0f} s; {len(disagreements)} disagreements"
    )
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
