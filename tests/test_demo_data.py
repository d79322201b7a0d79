"""The demo history: a believable runner, one spike, one duplicate, files others can read."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import fitdecode
import gpxpy
import pytest
from lxml import etree

from runcare.activities.track import haversine_m
from runcare.demo import generate, gpx_write, history, tcx_write
from runcare.demo.generate import DemoManifest, write_demo_history
from runcare.demo.history import (
    WEEKS,
    DemoHistory,
    PlannedActivity,
    Recorder,
    Role,
    plan_history,
    track_of,
)

END = date(2025, 5, 18)  # a Sunday; its 20 weeks cross the change to summer time
TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


@pytest.fixture(scope="module")
def plan() -> DemoHistory:
    return plan_history(END)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> DemoManifest:
    return write_demo_history(tmp_path_factory.mktemp("demo"), end=END)


def runs(activities: tuple[PlannedActivity, ...]) -> list[PlannedActivity]:
    return [a for a in activities if a.sport.is_running]


def spikes(activities: tuple[PlannedActivity, ...]) -> list[tuple[PlannedActivity, float]]:
    """Frandsen et al. 2025 on the plan: each run against the longest of the 30 days before
    its day (its own day excluded); a run with no run in that window has no baseline."""
    found = []
    for run in runs(activities):
        window = [r.distance_m for r in runs(activities) if 1 <= (run.day - r.day).days <= 30]
        if window:
            found.append((run, run.distance_m / max(window) - 1.0))
    return found


# --- the plan ------------------------------------------------------------------------------


def test_it_plans_the_same_history_for_the_same_seed(plan: DemoHistory) -> None:
    assert plan_history(END, seed=7) == plan
    assert plan_history(END, seed=8).activities != plan.activities


def test_it_moves_with_the_end_day(plan: DemoHistory) -> None:
    later = plan_history(END + timedelta(weeks=3))
    assert len(later.activities) == len(plan.activities)
    for a, b in zip(plan.activities, later.activities, strict=True):
        # Wall-clock time moves by whole days even across a change of the clocks.
        assert b.start.replace(tzinfo=None) - a.start.replace(tzinfo=None) == timedelta(weeks=3)
        assert (b.role, b.distance_m, b.moving_s) == (a.role, a.distance_m, a.moving_s)


@pytest.mark.parametrize("end", [END, date(2024, 12, 31), date(2025, 10, 29), date(2026, 2, 3)])
def test_it_spans_twenty_weeks_ending_on_the_end_day(end: date) -> None:
    planned = plan_history(end)
    first_day = end - timedelta(days=WEEKS * 7 - 1)
    assert all(first_day <= a.day <= end for a in planned.activities)
    assert planned.activities[0].day < first_day + timedelta(days=7)
    for week in range(WEEKS):
        monday_ish = first_day + timedelta(days=7 * week)
        in_week = [a for a in runs(planned.activities) if 0 <= (a.day - monday_ish).days < 7]
        assert 3 <= len(in_week) <= 5, (week, len(in_week))


def test_it_looks_like_a_recreational_runner(plan: DemoHistory) -> None:
    for run in runs(plan.activities):
        assert 300 <= run.pace_s_per_km <= 390, run
    easy = [a for a in plan.activities if a.role is Role.EASY]
    assert all(5000 <= a.distance_m <= 10000 for a in easy)
    longs = [a.distance_m for a in plan.activities if a.role is Role.LONG]
    assert longs[-1] > longs[0] * 1.4  # the long run grows over the weeks
    roles = {a.role for a in plan.activities}
    assert {Role.WALK, Role.RIDE, Role.TEMPO} <= roles
    assert all(a.start.tzinfo == history.HOME_TZ for a in plan.activities)
    assert {a.start.utcoffset() for a in plan.activities} == {
        timedelta(hours=1),
        timedelta(hours=2),
    }


@pytest.mark.parametrize("seed", [7, 1, 2024])
@pytest.mark.parametrize("end", [END, date(2025, 3, 31), date(2025, 11, 5)])
def test_it_has_one_spike_of_more_than_30_percent_in_the_last_three_weeks(
    end: date, seed: int
) -> None:
    plan = plan_history(end, seed=seed)
    over_10 = [(run, spike) for run, spike in spikes(plan.activities) if spike > 0.10]
    assert len(over_10) == 1, over_10
    run, spike = over_10[0]
    assert run == plan.spike
    assert spike > 0.30
    assert (end - run.day).days < 21
    # Within the verdict's default 14-day window, so `runcare check` flags it on the end day.
    assert (end - run.day).days < 14


def test_it_cuts_back_after_the_spike_because_it_hurts(plan: DemoHistory) -> None:
    after = [a for a in plan.activities if a.day > plan.spike.day]
    assert after
    assert all(a.day >= plan.spike.day + timedelta(days=3) for a in after)
    assert all(a.role in (Role.SORE, Role.WALK) for a in after)
    assert all(a.distance_m <= 6000 for a in runs(tuple(after)))


def test_it_plans_one_run_recorded_twice(plan: DemoHistory) -> None:
    twice = [a for a in plan.activities if len(a.recorders) > 1]
    assert twice == [plan.duplicate]
    assert plan.duplicate.recorders == (Recorder.WATCH, Recorder.PHONE)
    watch, phone = (track_of(plan.duplicate, r) for r in plan.duplicate.recorders)
    assert 0 < (watch[0].time - phone[0].time).total_seconds() <= 10
    assert watch[-1].distance_m == phone[-1].distance_m
    assert watch[-1].time == phone[-1].time


def test_it_records_a_track_point_every_five_seconds_with_gps_noise(plan: DemoHistory) -> None:
    track = track_of(plan.activities[1])
    gaps = {(b.time - a.time).total_seconds() for a, b in pairwise(track)}
    assert gaps == {5.0}
    assert track[0].time == plan.activities[1].start.astimezone(UTC)
    assert track[-1].distance_m == pytest.approx(plan.activities[1].distance_m)
    assert all(90 <= p.hr_bpm <= 188 for p in track[60:])
    watch, phone = (track_of(plan.duplicate, r) for r in plan.duplicate.recorders)
    apart_m = [
        haversine_m(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg)
        for a, b in zip(watch, phone[1:], strict=True)
    ]
    # Two receivers on one runner disagree by a few metres, not by none and not by tens.
    assert 0.5 < sum(apart_m) / len(apart_m) < 5.0


# --- the files -----------------------------------------------------------------------------


def test_it_writes_a_folder_a_user_would_have(written: DemoManifest) -> None:
    kinds = [f.kind for f in written.files]
    assert kinds.count("fit") > len(kinds) / 2
    assert kinds.count("gpx") >= 5
    assert kinds.count("tcx") >= 3
    for f in written.files:
        top = "watch" if f.kind == "fit" else "strava-export"
        assert f.path.parts[0] == top
        assert (written.root / f.path).is_file()
    assert written.activity_count == len(written.files) - 1  # the duplicate pair
    total_bytes = sum(p.stat().st_size for p in written.paths)
    assert total_bytes < 12_000_000


def test_it_names_the_spike_and_the_duplicate_files(written: DemoManifest) -> None:
    plan = plan_history(END)
    assert written.spike_file.suffix == ".fit"
    fit_path, gpx_path = written.duplicate_pair
    assert (fit_path.suffix, gpx_path.suffix) == (".fit", ".gpx")
    fit_start, fit_distance_m = read_fit(written.root / fit_path)
    gpx_start, gpx_distance_m = read_gpx(written.root / gpx_path)
    assert abs((fit_start - gpx_start).total_seconds()) <= 10
    assert gpx_distance_m == pytest.approx(fit_distance_m, rel=0.01)
    spike_start, spike_distance_m = read_fit(written.root / written.spike_file)
    assert spike_start == plan.spike.start
    assert spike_distance_m == pytest.approx(plan.spike.distance_m, rel=0.01)


def test_every_file_reads_back_with_an_independent_library(written: DemoManifest) -> None:
    plan = plan_history(END)
    readers = {"fit": read_fit, "gpx": read_gpx, "tcx": read_tcx}
    for f in written.files:
        start, distance_m = readers[f.kind](written.root / f.path)
        planned = plan.activities[f.activity_index]
        assert abs((start - planned.start).total_seconds()) <= 10, f.path
        assert distance_m == pytest.approx(planned.distance_m, rel=0.01), f.path


def test_it_writes_tcx_laps_with_the_required_totals(written: DemoManifest) -> None:
    tcx_file = next(f for f in written.files if f.kind == "tcx")
    root = etree.parse(str(written.root / tcx_file.path)).getroot()
    laps = root.findall(f".//{TCX}Lap")
    assert len(laps) >= 4  # auto-laps every 5 km on a ride of 20 km or more
    children = [etree.QName(c).localname for c in laps[0]]
    assert children[:4] == ["TotalTimeSeconds", "DistanceMeters", "MaximumSpeed", "Calories"]
    assert children.index("Intensity") < children.index("TriggerMethod") < children.index("Track")
    for lap in laps:
        assert float(lap.findtext(f"{TCX}TotalTimeSeconds") or 0) > 0
        assert lap.find(f"{TCX}AverageHeartRateBpm/{TCX}Value") is not None
        assert lap.findall(f".//{TCX}Trackpoint")


def test_it_writes_gpx_heart_rate_in_the_garmin_extension(written: DemoManifest) -> None:
    gpx_file = next(f for f in written.files if f.kind == "gpx")
    text = (written.root / gpx_file.path).read_text(encoding="utf-8")
    parsed = gpxpy.parse(text)
    point = parsed.tracks[0].segments[0].points[10]
    (extension,) = point.extensions
    assert extension.tag == f"{{{gpx_write.TPX_NS}}}TrackPointExtension"
    assert 60 < int(extension[0].text) < 200
    assert parsed.tracks[0].type in {"running", "walking"}


def test_it_writes_the_same_bytes_every_time_and_never_reads_the_clock(
    tmp_path: Path, written: DemoManifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in (history, generate, gpx_write, tcx_write):
        for name, frozen in (("datetime", _NoClockDateTime), ("date", _NoClockDate)):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, frozen)
    again = write_demo_history(tmp_path, end=END)
    assert [f.path for f in again.files] == [f.path for f in written.files]
    for f in again.files:
        assert (tmp_path / f.path).read_bytes() == (written.root / f.path).read_bytes(), f.path


class _NoClockDateTime(datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _NoClockDateTime:
        raise AssertionError("the demo generator read the clock")

    @classmethod
    def utcnow(cls) -> _NoClockDateTime:
        raise AssertionError("the demo generator read the clock")

    @classmethod
    def today(cls) -> _NoClockDateTime:
        raise AssertionError("the demo generator read the clock")


class _NoClockDate(date):
    @classmethod
    def today(cls) -> _NoClockDate:
        raise AssertionError("the demo generator read the clock")


# --- independent readers -------------------------------------------------------------------


def read_fit(path: Path) -> tuple[datetime, float]:
    """Start and distance from the FIT session message, read by fitdecode."""
    messages = list(_fit_messages(path))
    sessions = [m for m in messages if m.name == "session"]
    assert len(sessions) == 1
    start = sessions[0].get_value("start_time")
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    records = [m for m in messages if m.name == "record"]
    assert len(records) > 100
    assert records[-1].get_value("distance") == pytest.approx(
        sessions[0].get_value("total_distance"), rel=0.01
    )
    return start, float(sessions[0].get_value("total_distance"))


def _fit_messages(path: Path) -> Iterator[fitdecode.FitDataMessage]:
    with fitdecode.FitReader(io.BytesIO(path.read_bytes())) as fit:
        for frame in fit:
            if isinstance(frame, fitdecode.FitDataMessage):
                yield frame


def read_gpx(path: Path) -> tuple[datetime, float]:
    """Start and distance computed from positions by gpxpy."""
    parsed = gpxpy.parse(path.read_text(encoding="utf-8"))
    bounds = parsed.get_time_bounds()
    assert bounds.start_time is not None
    return bounds.start_time, float(parsed.length_2d())


def read_tcx(path: Path) -> tuple[datetime, float]:
    """Start (the activity Id) and the sum of the laps' DistanceMeters, read by lxml."""
    root = etree.parse(str(path)).getroot()
    activity = root.find(f"{TCX}Activities/{TCX}Activity")
    assert activity is not None
    start = datetime.fromisoformat(activity.findtext(f"{TCX}Id") or "")
    laps = activity.findall(f"{TCX}Lap")
    return start, sum(float(lap.findtext(f"{TCX}DistanceMeters") or "nan") for lap in laps)
