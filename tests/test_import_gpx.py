"""GPX 1.0 / 1.1: one activity per file, segments never bridged, sport from <type>, UTC."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import gpxpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities.gpx import NO_POINTS, NO_TIMES, ROUTE_ONLY, read, sport_from_label
from runcare.activities.model import Activity, Sport, UnreadableFileError
from runcare.activities.track import JITTER_M
from tests.builders import M_PER_DEG_LAT, START, Edits, edits_of, garble, gpx_run

NS_11 = "http://www.topografix.com/GPX/1/1"
NS_10 = "http://www.topografix.com/GPX/1/0"
GARMIN_TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


def gpx(body: str, *, namespace: str | None = NS_11, creator: str = "Forerunner 255") -> bytes:
    xmlns = f' xmlns="{namespace}"' if namespace else ""
    version = "1.0" if namespace == NS_10 else "1.1"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gpx version="{version}" creator="{creator}"{xmlns}'
        f' xmlns:gpxtpx="{GARMIN_TPX}">{body}</gpx>'
    ).encode()


def pt(
    north_m: float = 0.0,
    seconds: float | None = 0.0,
    *,
    east_m: float = 0.0,
    ele: float | None = None,
    extra: str = "",
    when: str | None = None,
) -> str:
    """A point ``north_m`` north and ``east_m`` east of 46 N 14.5 E, ``seconds`` after START."""
    lat = 46.0 + north_m / M_PER_DEG_LAT
    lon = 14.5 + east_m / (M_PER_DEG_LAT * math.cos(math.radians(46.0)))
    children = []
    if ele is not None:
        children.append(f"<ele>{ele}</ele>")
    if when is not None:
        children.append(f"<time>{when}</time>")
    elif seconds is not None:
        children.append(f"<time>{_iso(START + timedelta(seconds=seconds))}</time>")
    return f'<trkpt lat="{lat:.8f}" lon="{lon:.8f}">{"".join(children)}{extra}</trkpt>'


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def line(from_m: float, to_m: float, start_s: float = 0.0, *, east_m: float = 0.0) -> str:
    """Points every 10 m northward at 2.5 m/s (a jog) from ``from_m`` to ``to_m``."""
    steps = round((to_m - from_m) / 10)
    return "".join(pt(from_m + 10 * i, start_s + 4 * i, east_m=east_m) for i in range(steps + 1))


def only(activities: list[Activity]) -> Activity:
    assert len(activities) == 1
    return activities[0]


# --- what a GPX reads as -------------------------------------------------------------


def test_it_reads_a_straight_run_of_known_length() -> None:
    activity = only(read(gpx_run(distance_m=5000.0), "run.gpx"))
    assert activity.start == START
    assert activity.kind == "gpx"
    assert activity.source == "run.gpx"
    assert activity.sport is Sport.RUNNING
    assert activity.device == "tests"
    assert activity.has_track
    # The builder lays 333 equal steps along a meridian, 5000 m in all.
    assert activity.distance_m == pytest.approx(5000.0, abs=0.5)
    assert activity.duration_s == 333 * 5.0


@pytest.mark.parametrize("namespace", [NS_11, NS_10, None], ids=["1.1", "1.0", "no-namespace"])
def test_it_reads_gpx_10_11_and_no_namespace_alike(namespace: str | None) -> None:
    body = f"<trk><type>running</type><trkseg>{line(0, 1000)}</trkseg></trk>"
    activity = only(read(gpx(body, namespace=namespace), "run.gpx"))
    assert activity.start == START
    assert activity.distance_m == pytest.approx(1000.0, abs=0.5)
    assert activity.moving_s == 400.0
    assert activity.sport is Sport.RUNNING


def test_it_never_bridges_a_segment_break() -> None:
    # Two 1 km legs, the second starting 5 km east of the first: 2 km, not 7.
    first, second = line(0, 1000), line(0, 1000, 900, east_m=5000)
    body = f"<trk><trkseg>{first}</trkseg><trkseg>{second}</trkseg></trk>"
    activity = only(read(gpx(body), "run.gpx"))
    assert activity.distance_m == pytest.approx(2000.0, abs=1.0)
    assert activity.duration_s == 900 + 400


def test_it_reads_several_tracks_as_one_activity_without_bridging_them() -> None:
    first = f"<trk><trkseg>{line(0, 1000)}</trkseg></trk>"
    second = f"<trk><trkseg>{line(0, 500, 1200, east_m=3000)}</trkseg></trk>"
    activity = only(read(gpx(first + second), "run.gpx"))
    assert activity.distance_m == pytest.approx(1500.0, abs=1.0)
    assert activity.start == START
    assert any("2 tracks" in note for note in activity.notes)


def test_it_skips_empty_segments_and_tracks() -> None:
    body = f"<trk/><trk><trkseg/><trkseg>{line(0, 500)}</trkseg><trkseg/></trk>"
    activity = only(read(gpx(body), "run.gpx"))
    assert activity.distance_m == pytest.approx(500.0, abs=0.5)
    assert not any("tracks" in note for note in activity.notes)


def test_it_keeps_points_without_time_for_distance_and_dates_from_the_first_timed() -> None:
    untimed = "".join(pt(10 * i, None) for i in range(10))
    timed = "".join(pt(100 + 10 * i, 60 + 4 * i) for i in range(11))
    activity = only(read(gpx(f"<trk><trkseg>{untimed}{timed}</trkseg></trk>"), "run.gpx"))
    assert activity.start == START + timedelta(seconds=60)
    assert activity.distance_m == pytest.approx(200.0, abs=0.5)
    assert "10 of 21 track points have no time" in activity.notes


def test_it_reads_points_without_position_as_time_and_heart_rate_only() -> None:
    hr = (
        "<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{}</gpxtpx:hr>"
        "</gpxtpx:TrackPointExtension></extensions>"
    )
    points = "".join(
        f"<trkpt><time>{_iso(START + timedelta(seconds=5 * i))}</time>{hr.format(120 + i)}</trkpt>"
        for i in range(5)
    )
    activity = only(read(gpx(f"<trk><trkseg>{points}</trkseg></trk>"), "indoor.gpx"))
    assert activity.distance_m is None
    assert not activity.has_track
    assert activity.duration_s == 20.0
    assert activity.avg_hr_bpm == 122.0
    assert activity.max_hr_bpm == 124.0


@pytest.mark.parametrize(
    "extension",
    [
        "<gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension>",
        # Garmin Connect exports bind the same namespace to "ns3".
        f'<ns3:TrackPointExtension xmlns:ns3="{GARMIN_TPX}">'
        "<ns3:hr>150</ns3:hr></ns3:TrackPointExtension>",
        '<gpxdata:hr xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0">150</gpxdata:hr>',
        "<heartrate>150</heartrate>",
    ],
    ids=["garmin", "garmin-ns3", "cluetrust", "plain"],
)
def test_it_reads_heart_rate_from_extensions(extension: str) -> None:
    points = "".join(
        pt(10 * i, 4 * i, extra=f"<extensions>{extension}</extensions>") for i in range(3)
    )
    activity = only(read(gpx(f"<trk><trkseg>{points}</trkseg></trk>"), "run.gpx"))
    assert activity.avg_hr_bpm == 150.0
    assert activity.max_hr_bpm == 150.0


def test_it_adds_up_ascent_from_ele() -> None:
    climb = "".join(pt(10 * i, 4 * i, ele=300 + 2 * i) for i in range(21))
    activity = only(read(gpx(f"<trk><trkseg>{climb}</trkseg></trk>"), "hill.gpx"))
    assert activity.ascent_m == pytest.approx(40.0)


def test_it_converts_times_with_an_offset_to_utc_and_keeps_the_offset() -> None:
    points = pt(0, when="2024-05-01T08:30:00+02:00") + pt(10, when="2024-05-01T08:30:04+02:00")
    activity = only(read(gpx(f"<trk><trkseg>{points}</trkseg></trk>"), "run.gpx"))
    assert activity.start == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert activity.utc_offset_s == 7200
    assert activity.duration_s == 4.0


def test_it_takes_times_without_a_zone_as_utc_with_a_note() -> None:
    points = pt(0, when="2024-05-01T06:30:00") + pt(10, when="2024-05-01T06:30:04")
    activity = only(read(gpx(f"<trk><trkseg>{points}</trkseg></trk>"), "run.gpx"))
    assert activity.start == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert activity.utc_offset_s is None
    assert "times in the file carry no time zone and were taken as UTC" in activity.notes


def test_it_takes_the_device_from_creator() -> None:
    activity = only(read(gpx(f"<trk><trkseg>{line(0, 100)}</trkseg></trk>", creator=""), "x.gpx"))
    assert activity.device is None


def test_it_leaves_out_unreadable_values_with_a_note() -> None:
    points = (
        f'<trkpt lat="north" lon="14.5"><time>{_iso(START)}</time></trkpt>'
        f'<trkpt lat="46.0" lon="14.5"><ele>nan</ele><time>garbage</time></trkpt>' + pt(100, 40)
    )
    activity = only(read(gpx(f"<trk><trkseg>{points}</trkseg></trk>"), "x.gpx"))
    assert activity.start == START
    assert activity.distance_m == pytest.approx(100.0, abs=0.5)
    assert "3 unreadable values were left out" in activity.notes


# --- sport -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "sport"),
    [
        ("running", Sport.RUNNING),
        ("Run", Sport.RUNNING),
        ("run", Sport.RUNNING),
        ("9", Sport.RUNNING),  # Strava's code for Run
        ("trail_running", Sport.TRAIL_RUNNING),
        ("TrailRun", Sport.TRAIL_RUNNING),
        ("treadmill_running", Sport.TREADMILL_RUNNING),
        ("VirtualRun", Sport.TREADMILL_RUNNING),
        ("1", Sport.CYCLING),
        ("Ride", Sport.CYCLING),
        ("road_biking", Sport.CYCLING),
        ("10", Sport.WALKING),
        ("Walk", Sport.WALKING),
        ("hiking", Sport.HIKING),
        ("Swim", Sport.SWIMMING),
    ],
)
def test_it_maps_sport_labels(label: str, sport: Sport) -> None:
    assert sport_from_label(label) == (sport, None)


@pytest.mark.parametrize("label", [None, "brunch", "strides", "yoga", "42"])
def test_it_counts_unknown_or_missing_sports_as_other_with_a_note(label: str | None) -> None:
    sport, note = sport_from_label(label)
    assert sport is Sport.OTHER
    assert note


def test_it_reads_the_sport_from_the_track_type() -> None:
    body = f"<trk><type>9</type><trkseg>{line(0, 100)}</trkseg></trk>"
    assert only(read(gpx(body), "strava.gpx")).sport is Sport.RUNNING


def test_it_notes_a_file_that_names_no_sport() -> None:
    activity = only(read(gpx(f"<trk><trkseg>{line(0, 100)}</trkseg></trk>"), "x.gpx"))
    assert activity.sport is Sport.OTHER
    assert any("does not say which sport" in note for note in activity.notes)


# --- refused -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '<rte><rtept lat="46.0" lon="14.5"/><rtept lat="46.01" lon="14.5"/></rte>',
        f'<wpt lat="46.0" lon="14.5"><time>{_iso(START)}</time></wpt>',
        "<wpt lat='46.0' lon='14.5'/><trk><trkseg/></trk>",
    ],
    ids=["route", "waypoint", "waypoint-and-empty-track"],
)
def test_it_refuses_a_route_or_waypoints_only(body: str) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read(gpx(body), "plan.gpx")
    assert str(caught.value) == ROUTE_ONLY


def test_it_refuses_an_empty_gpx() -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read(gpx(""), "empty.gpx")
    assert str(caught.value) == NO_POINTS


def test_it_refuses_a_track_without_times() -> None:
    points = "".join(pt(10 * i, None) for i in range(5))
    with pytest.raises(UnreadableFileError) as caught:
        read(gpx(f"<trk><trkseg>{points}</trkseg></trk>"), "drawn.gpx")
    assert str(caught.value) == NO_TIMES


def test_it_refuses_xml_that_is_not_gpx() -> None:
    with pytest.raises(UnreadableFileError, match="not a GPX file"):
        read(b"<kml><Document/></kml>", "x.gpx")


def test_it_refuses_a_gpx_declaring_entities() -> None:
    document = b'<!DOCTYPE gpx [<!ENTITY e "x">]><gpx><trk><name>&e;</name></trk></gpx>'
    with pytest.raises(UnreadableFileError, match="entities"):
        read(document, "x.gpx")


# --- garbage in --------------------------------------------------------------------

VALID = gpx(
    "<trk><type>running</type><trkseg>"
    + "".join(
        pt(
            10 * i,
            4 * i,
            ele=300 + i,
            extra=f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{140 + i}</gpxtpx:hr>"
            "</gpxtpx:TrackPointExtension></extensions>",
        )
        for i in range(12)
    )
    + "</trkseg></trk>"
)


def _read_or_refuse(data: bytes) -> None:
    try:
        activities = read(data, "fuzz.gpx")
    except UnreadableFileError as exc:
        assert str(exc)
        return
    for activity in activities:
        assert activity.start.utcoffset() == timedelta(0)
        assert activity.distance_m is None or activity.distance_m >= 0


@settings(max_examples=300, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(VALID)))
def test_it_reads_or_refuses_a_truncated_gpx(cut: int) -> None:
    _read_or_refuse(VALID[:cut])


@settings(max_examples=300, deadline=None)
@given(edits=edits_of(VALID))
def test_it_reads_or_refuses_a_garbled_gpx(edits: Edits) -> None:
    _read_or_refuse(garble(VALID, edits))


# --- the real files ----------------------------------------------------------------


def _gpx_samples(samples_dir: Path) -> list[Path]:
    files = sorted((samples_dir / "gpxpy").glob("*.gpx"))
    assert files, "the gpxpy sample folder holds no .gpx files"
    return files


@pytest.mark.samples
def test_it_reads_or_refuses_every_sample_gpx(samples_dir: Path) -> None:
    read_count = 0
    for path in _gpx_samples(samples_dir):
        try:
            activities = read(path.read_bytes(), path.name)
        except UnreadableFileError:
            continue
        read_count += 1
        assert len(activities) == 1, path.name
    assert read_count >= 10


@pytest.mark.samples
def test_it_agrees_with_gpxpy_on_start_and_distance(samples_dir: Path) -> None:
    """Start: both take the first point with a time. Distance: gpxpy sums the same
    segments on a 6,378,137 m sphere, our mean radius is 0.11 % smaller, and our jitter guard
    leaves out hops under JITTER_M at a standstill; so within 0.5 %, or two jitter steps for
    files only a few metres long (two samples are 1.6 m and 86 m)."""
    compared = 0
    for path in _gpx_samples(samples_dir):
        data = path.read_bytes()
        try:
            activity = only(read(data, path.name))
        except UnreadableFileError:
            continue
        reference = gpxpy.parse(data.decode("utf-8-sig"))
        first = reference.get_time_bounds().start_time
        assert first is not None, path.name
        if first.tzinfo is None:  # gpxpy keeps zone-less times naive; we take them as UTC
            first = first.replace(tzinfo=UTC)
        assert activity.start == first, path.name
        expected_m = reference.length_2d()
        tolerance_m = max(0.005 * expected_m, 2 * JITTER_M)
        assert (activity.distance_m or 0.0) == pytest.approx(expected_m, abs=tolerance_m), path.name
        compared += 1
    assert compared >= 10


@pytest.mark.samples
def test_it_reads_the_korita_sample_as_one_outing(samples_dir: Path) -> None:
    # Four <trk>: one empty, one without times (358 points), two timed; GPSBabel's dump of
    # one day's outing. The start is the first timed point, 2010-10-03 09:36:30Z.
    path = samples_dir / "gpxpy" / "korita-zbevnica.gpx"
    activity = only(read(path.read_bytes(), path.name))
    assert activity.start == datetime(2010, 10, 3, 9, 36, 30, tzinfo=UTC)
    assert activity.device == "GPSBabel - http://www.gpsbabel.org"
    assert "358 of 871 track points have no time" in activity.notes
    assert any("3 tracks" in note for note in activity.notes)


@pytest.mark.samples
def test_it_keeps_the_offset_of_the_nike_sample(samples_dir: Path) -> None:
    # NikePlus writes local times with +01:00 and <type>run</type>.
    path = samples_dir / "gpxpy" / "track-with-less-sec-time.gpx"
    activity = only(read(path.read_bytes(), path.name))
    assert activity.start == datetime(2015, 12, 11, 14, 43, 13, tzinfo=UTC)
    assert activity.utc_offset_s == 3600
    assert activity.sport is Sport.RUNNING


@pytest.mark.samples
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("route.gpx", ROUTE_ONLY),
        ("unicode_with_bom.gpx", ROUTE_ONLY),
        ("default_schema_locations.gpx", NO_POINTS),
        ("track-with-extremes.gpx", NO_TIMES),
    ],
)
def test_it_refuses_sample_plans_with_a_reason(samples_dir: Path, name: str, reason: str) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read((samples_dir / "gpxpy" / name).read_bytes(), name)
    assert str(caught.value) == reason
