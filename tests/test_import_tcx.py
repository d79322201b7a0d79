"""TCX: one activity per <Activity>, the device's lap totals preferred over the track."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities.model import Activity, Sport, UnreadableFileError
from runcare.activities.tcx import COURSE_ONLY, EMPTY_LAPS, NO_ACTIVITY, NO_LAPS, read
from tests.builders import M_PER_DEG_LAT, START, Edits, edits_of, garble

NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def tcx(activities: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TrainingCenterDatabase xmlns="{NS}"><Activities>{activities}</Activities>'
        "</TrainingCenterDatabase>"
    ).encode()


def activity(laps: str, *, sport: str = "Running", device: str = "Forerunner 965") -> str:
    creator = f"<Creator><Name>{device}</Name></Creator>" if device else ""
    return f'<Activity Sport="{sport}"><Id>{_iso(START)}</Id>{laps}{creator}</Activity>'


def lap(
    start_s: float,
    *,
    total_s: float | None = None,
    distance_m: float | None = None,
    avg_hr: int | None = None,
    max_hr: int | None = None,
    track: str = "",
) -> str:
    parts = []
    if total_s is not None:
        parts.append(f"<TotalTimeSeconds>{total_s}</TotalTimeSeconds>")
    if distance_m is not None:
        parts.append(f"<DistanceMeters>{distance_m}</DistanceMeters>")
    if avg_hr is not None:
        parts.append(f"<AverageHeartRateBpm><Value>{avg_hr}</Value></AverageHeartRateBpm>")
    if max_hr is not None:
        parts.append(f"<MaximumHeartRateBpm><Value>{max_hr}</Value></MaximumHeartRateBpm>")
    if track:
        parts.append(f"<Track>{track}</Track>")
    started = _iso(START + timedelta(seconds=start_s))
    return f'<Lap StartTime="{started}">{"".join(parts)}</Lap>'


def tp(
    seconds: float,
    north_m: float | None = None,
    *,
    distance_m: float | None = None,
    alt_m: float | None = None,
    hr: int | None = None,
) -> str:
    parts = [f"<Time>{_iso(START + timedelta(seconds=seconds))}</Time>"]
    if north_m is not None:
        lat = 46.0 + north_m / M_PER_DEG_LAT
        parts.append(
            f"<Position><LatitudeDegrees>{lat:.8f}</LatitudeDegrees>"
            "<LongitudeDegrees>14.5</LongitudeDegrees></Position>"
        )
    if alt_m is not None:
        parts.append(f"<AltitudeMeters>{alt_m}</AltitudeMeters>")
    if distance_m is not None:
        parts.append(f"<DistanceMeters>{distance_m}</DistanceMeters>")
    if hr is not None:
        parts.append(f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>")
    return f"<Trackpoint>{''.join(parts)}</Trackpoint>"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def only(activities: list[Activity]) -> Activity:
    assert len(activities) == 1
    return activities[0]


def two_lap_run() -> bytes:
    # Lap 1: 10 min, 2.4 km at 150 bpm; lap 2: 5 min, 1.1 km at 165 bpm.
    first = lap(0, total_s=600, distance_m=2400, avg_hr=150, max_hr=160)
    second = lap(600, total_s=300, distance_m=1100, avg_hr=165, max_hr=178)
    return tcx(activity(first + second))


# --- lap totals ----------------------------------------------------------------------


def test_it_sums_the_laps() -> None:
    run = only(read(two_lap_run(), "run.tcx"))
    assert run.start == START
    assert run.kind == "tcx"
    assert run.sport is Sport.RUNNING
    assert run.distance_m == 3500.0
    assert run.moving_s == 900.0
    assert run.duration_s == 900.0
    assert run.device == "Forerunner 965"


def test_it_weights_lap_heart_rate_by_lap_time() -> None:
    run = only(read(two_lap_run(), "run.tcx"))
    # (150 * 600 + 165 * 300) / 900, not the plain mean of the two laps (157.5).
    assert run.avg_hr_bpm == pytest.approx(155.0)
    assert run.max_hr_bpm == 178.0


def test_it_prefers_the_lap_distance_over_the_track() -> None:
    # The positions span 1000 m but the device measured 1020 m (wheel or foot pod).
    track = "".join(tp(4 * i, 10 * i) for i in range(101))
    run = only(read(tcx(activity(lap(0, total_s=400, distance_m=1020, track=track))), "r.tcx"))
    assert run.distance_m == 1020.0
    assert run.has_track


def test_it_falls_back_to_the_track_when_laps_lack_totals() -> None:
    track = "".join(tp(4 * i, 10 * i, hr=140 + i % 3) for i in range(101))
    run = only(read(tcx(activity(lap(0, track=track))), "r.tcx"))
    assert run.distance_m == pytest.approx(1000.0, abs=0.5)
    assert run.moving_s == 400.0
    assert run.max_hr_bpm == 142.0


def test_it_uses_the_trackpoints_cumulative_distance_without_positions() -> None:
    # A treadmill file: DistanceMeters on every trackpoint, no Position.
    track = "".join(tp(5 * i, distance_m=12.5 * i) for i in range(81))
    run = only(read(tcx(activity(lap(0, track=track))), "treadmill.tcx"))
    assert run.distance_m == pytest.approx(1000.0)
    assert not run.has_track


def test_it_adds_up_ascent_from_altitude() -> None:
    track = "".join(tp(4 * i, 10 * i, alt_m=500 + 2 * i) for i in range(11))
    run = only(read(tcx(activity(lap(0, total_s=40, distance_m=100, track=track))), "r.tcx"))
    assert run.ascent_m == pytest.approx(20.0)


def test_it_counts_elapsed_time_to_the_end_of_the_last_lap() -> None:
    # A pause of 5 min between the laps: elapsed 20 min, timer 15 min.
    first = lap(0, total_s=600, distance_m=2400)
    second = lap(900, total_s=300, distance_m=1100)
    run = only(read(tcx(activity(first + second)), "r.tcx"))
    assert run.duration_s == 1200.0
    assert run.moving_s == 900.0


def test_it_keeps_each_track_as_a_segment() -> None:
    # Garmin starts a new <Track> after a pause; 500 m each, 3 km apart: 1 km in all.
    near = "".join(tp(4 * i, 10 * i) for i in range(51))
    far = "".join(tp(600 + 4 * i, 3000 + 10 * i) for i in range(51))
    laps = f'<Lap StartTime="{_iso(START)}"><Track>{near}</Track><Track>{far}</Track></Lap>'
    run = only(read(tcx(activity(laps)), "r.tcx"))
    assert run.distance_m == pytest.approx(1000.0, abs=1.0)


def test_it_reads_one_activity_per_activity_element() -> None:
    ride = activity(lap(0, total_s=3600, distance_m=30000), sport="Biking")
    run = activity(lap(4000, total_s=1800, distance_m=5000), sport="Running")
    activities = read(tcx(ride + run), "brick.tcx")
    assert [a.sport for a in activities] == [Sport.CYCLING, Sport.RUNNING]
    assert activities[1].start == START + timedelta(seconds=4000)


@pytest.mark.parametrize(
    ("label", "sport"),
    [("Running", Sport.RUNNING), ("Biking", Sport.CYCLING), ("Other", Sport.OTHER)],
)
def test_it_maps_the_sport_attribute(label: str, sport: Sport) -> None:
    run = only(read(tcx(activity(lap(0, total_s=60), sport=label)), "r.tcx"))
    assert run.sport is sport
    assert run.notes == ()


def test_it_notes_an_unknown_sport() -> None:
    run = only(read(tcx(activity(lap(0, total_s=60), sport="Rowing")), "r.tcx"))
    assert run.sport is Sport.OTHER
    assert run.notes


def test_it_starts_at_the_id_when_laps_have_no_start_time() -> None:
    laps = "<Lap><TotalTimeSeconds>60</TotalTimeSeconds></Lap>"
    run = only(read(tcx(activity(laps)), "r.tcx"))
    assert run.start == START


def test_it_keeps_a_local_offset_written_in_the_start_time() -> None:
    laps = (
        '<Lap StartTime="2024-05-01T08:30:00+02:00"><TotalTimeSeconds>60</TotalTimeSeconds></Lap>'
    )
    run = only(read(tcx(activity(laps)), "r.tcx"))
    assert run.start == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert run.utc_offset_s == 7200


def test_it_leaves_the_device_empty_without_a_creator() -> None:
    run = only(read(tcx(activity(lap(0, total_s=60), device="")), "r.tcx"))
    assert run.device is None


# --- refused -------------------------------------------------------------------------


def test_it_refuses_an_activity_without_laps() -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read(tcx(activity("")), "r.tcx")
    assert str(caught.value) == NO_LAPS


def test_it_refuses_empty_laps() -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read(tcx(activity(lap(0) + lap(60, total_s=0))), "r.tcx")
    assert str(caught.value) == EMPTY_LAPS


def test_it_refuses_a_file_without_activities() -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read(tcx(""), "r.tcx")
    assert str(caught.value) == NO_ACTIVITY


def test_it_refuses_a_course_only_file() -> None:
    document = (
        f'<TrainingCenterDatabase xmlns="{NS}"><Courses><Course><Name>Loop</Name>'
        f"<Track>{tp(0, 0)}</Track></Course></Courses></TrainingCenterDatabase>"
    ).encode()
    with pytest.raises(UnreadableFileError) as caught:
        read(document, "course.tcx")
    assert str(caught.value) == COURSE_ONLY


def test_it_keeps_the_readable_activities_of_a_file() -> None:
    activities = read(tcx(activity("") + activity(lap(0, total_s=60))), "r.tcx")
    assert len(activities) == 1


def test_it_refuses_xml_that_is_not_tcx() -> None:
    with pytest.raises(UnreadableFileError, match="not a TCX file"):
        read(b"<gpx/>", "r.tcx")


# --- garbage in ----------------------------------------------------------------------

VALID = tcx(
    activity(
        lap(
            0,
            total_s=44,
            distance_m=110,
            avg_hr=150,
            max_hr=155,
            track="".join(
                tp(4 * i, 10 * i, distance_m=10 * i, alt_m=300 + i, hr=150) for i in range(12)
            ),
        )
    )
)


def _read_or_refuse(data: bytes) -> None:
    try:
        activities = read(data, "fuzz.tcx")
    except UnreadableFileError as exc:
        assert str(exc)
        return
    for found in activities:
        assert found.start.utcoffset() == timedelta(0)


@settings(max_examples=300, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(VALID)))
def test_it_reads_or_refuses_a_truncated_tcx(cut: int) -> None:
    _read_or_refuse(VALID[:cut])


@settings(max_examples=300, deadline=None)
@given(edits=edits_of(VALID))
def test_it_reads_or_refuses_a_garbled_tcx(edits: Edits) -> None:
    _read_or_refuse(garble(VALID, edits))


# --- the real files ------------------------------------------------------------------


@pytest.mark.samples
def test_it_reads_or_refuses_every_sample_tcx(samples_dir: Path) -> None:
    files = sorted((samples_dir / "tcxreader").glob("*.tcx"))
    assert files, "the tcxreader sample folder holds no .tcx files"
    for path in files:
        try:
            activities = read(path.read_bytes(), path.name)
        except UnreadableFileError:
            continue
        assert activities, path.name


@pytest.mark.samples
def test_it_reads_the_garmin_skiing_sample_from_its_laps(samples_dir: Path) -> None:
    """Expected values read off the file's two <Lap> elements (a vivoactive HR, Sport="Other"):

    lap 1 starts 2020-12-26T15:14:21Z, 2160.432 s, 5000.0 m, avg 144, max 172 bpm;
    lap 2 starts 15:50:22Z, 240.828 s, 692.01 m, avg 131, max 148 bpm.
    """
    path = samples_dir / "tcxreader" / "cross-country-skiing_activity_1.tcx"
    ski = only(read(path.read_bytes(), path.name))
    assert ski.start == datetime(2020, 12, 26, 15, 14, 21, tzinfo=UTC)
    assert ski.sport is Sport.OTHER
    assert ski.distance_m == pytest.approx(5000.0 + 692.01)
    assert ski.moving_s == pytest.approx(2160.432 + 240.828)
    assert ski.avg_hr_bpm == pytest.approx((144 * 2160.432 + 131 * 240.828) / 2401.26)
    assert ski.max_hr_bpm == 172.0
    # Lap 2 ends at 15:50:22 + 240.828 s, after the last trackpoint (15:54:22).
    assert ski.duration_s == pytest.approx(36 * 60 + 1 + 240.828)
    assert ski.device == "vívoactive HR"


@pytest.mark.samples
def test_it_ignores_the_barometer_settling_in_the_skiing_sample(samples_dir: Path) -> None:
    """The altitude climbs from 1258 m to about 2255 m in the first eight seconds (points
    1 s apart) while the watch's barometer settles. After that the loop's own climbs, read
    off the AltitudeMeters values, are about 2257 -> 2275, 2256 -> 2266, 2261 -> 2338 and a
    few of 3-5 m: roughly 110 m. With the settling counted it would be over 1,000 m."""
    path = samples_dir / "tcxreader" / "cross-country-skiing_activity_1.tcx"
    ski = only(read(path.read_bytes(), path.name))
    assert ski.ascent_m is not None
    assert 80.0 < ski.ascent_m < 150.0


@pytest.mark.samples
def test_it_reads_the_mapmyride_sample_without_heart_rate(samples_dir: Path) -> None:
    """One lap: StartTime 2022-11-12T15:58:25+00:00, 3111.0 s, 15350.42196864 m, Sport
    Biking, no heart rate and no <Creator>; the first six trackpoints have no position."""
    path = samples_dir / "tcxreader" / "mapmyride_biking.tcx"
    ride = only(read(path.read_bytes(), path.name))
    assert ride.start == datetime(2022, 11, 12, 15, 58, 25, tzinfo=UTC)
    assert ride.utc_offset_s is None  # "+00:00" is how MapMyRide writes UTC, not a place
    assert ride.sport is Sport.CYCLING
    assert ride.distance_m == pytest.approx(15350.42196864)
    assert ride.moving_s == 3111.0
    assert ride.avg_hr_bpm is None
    assert ride.max_hr_bpm is None
    assert ride.device is None
    assert ride.has_track


@pytest.mark.samples
def test_it_reads_the_paddling_sample_without_altitude(samples_dir: Path) -> None:
    """Two laps, 966.796 s + 145.539 s and 1000.0 m + 157.51 m; no AltitudeMeters at all."""
    path = samples_dir / "tcxreader" / "sup_activity_1.tcx"
    sup = only(read(path.read_bytes(), path.name))
    assert sup.distance_m == pytest.approx(1157.51)
    assert sup.moving_s == pytest.approx(1112.335)
    assert sup.ascent_m is None
    assert sup.avg_hr_bpm == pytest.approx((88 * 966.796 + 87 * 145.539) / 1112.335)
