"""The GPX and TCX readers write out the common cases of a point (a time ending in "Z",
plain numbers, a plain heart rate) for speed. Each must answer exactly as the general
functions do: here every point is also read the plain way, with ``xml_datetime`` and
``xml_float`` for every value, and the two activities must be equal, notes and all.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from runcare.activities import gpx, tcx
from runcare.activities.model import Activity, UnreadableFileError
from runcare.activities.safexml import local_name, xml_datetime, xml_float
from runcare.activities.track import TrackPoint

# Texts a reviewer tries first: the common forms, and everything near them.
TIMES = st.sampled_from(
    [
        "2024-02-12T07:27:02Z",
        "2024-02-12T07:27:07.250Z",
        "2024-02-12T07:27:12z",
        " 2024-02-12T07:27:17Z ",
        "2024-02-12T08:27:22+01:00",
        "2024-02-12T07:27:27+00:00",
        "2024-02-12T07:27:32",
        "2024-02-12 07:27:37Z",
        "2024-02-12T07:27:42ZZ",
        "Z",
        "",
        "yesterday",
        "0001-01-01T00:00:00+01:00",
    ]
)
NUMBERS = st.one_of(
    st.sampled_from(
        ["12.5", " 12.5 ", "1e2", "1_000", "nan", "-inf", "inf", "", "x", "-0.0", "0", "300"]
    ),
    st.floats(-400, 400, allow_nan=False).map(repr),
)


def _element(tag: str, text: str | None) -> str:
    return "" if text is None else f"<{tag}>{text}</{tag}>"


@st.composite
def gpx_points(draw: st.DrawFn) -> str:
    lat = draw(st.one_of(NUMBERS, st.floats(52.0, 52.01).map(repr)))
    lon = draw(st.one_of(NUMBERS, st.floats(13.0, 13.01).map(repr)))
    ele = draw(st.none() | NUMBERS)
    time = draw(st.none() | TIMES)
    hr = draw(st.none() | NUMBERS)
    hr_name = draw(st.sampled_from(["gpxtpx:hr", "gpxtpx:HR", "heartrate"]))
    twice = draw(st.booleans())  # a second <time>: the last one counts
    extensions = (
        ""
        if hr is None
        else f"<extensions><gpxtpx:TrackPointExtension><{hr_name}>{hr}</{hr_name}>"
        "</gpxtpx:TrackPointExtension></extensions>"
    )
    children = _element("ele", ele) + _element("time", time) + extensions
    if twice and time is not None:
        children += _element("time", draw(TIMES))
    return f'<trkpt lat="{lat}" lon="{lon}">{children}</trkpt>'


def plain_gpx_points(segment: etree._Element, collected: gpx._Collected) -> list[TrackPoint]:  # noqa: C901 - the reference, kept plain
    """Every value through the general functions (_number, _time, _extension_hr's rule)."""
    points = []
    for element in segment.iter("{*}trkpt"):
        lat_text, lon_text = element.get("lat"), element.get("lon")
        try:
            lat: float | None = float(lat_text)  # type: ignore[arg-type]
            lon: float | None = float(lon_text)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            lat = gpx._number(lat_text, collected, -90.0, 90.0)
            lon = gpx._number(lon_text, collected, -180.0, 180.0)
        if lat is None or lon is None:
            lat = lon = None
        elif not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            collected.unreadable_values += 1
            lat = lon = None
        time = alt = hr = None
        for child in element:
            name = local_name(child.tag)
            if name == "time":
                time = gpx._time(child.text, collected)
            elif name == "ele":
                alt = gpx._number(child.text, collected)
            elif name == "extensions":
                hr = None
                for below in child.iterdescendants():
                    if local_name(below.tag).lower() in gpx.HR_NAMES:
                        hr = gpx._number(below.text, collected, 0.0, 300.0)
                        if hr is not None:
                            break
        collected.point_count += 1
        collected.untimed_points += time is None
        points.append(TrackPoint(time, lat, lon, alt, hr))
    return points


def _read(reader: object, data: bytes) -> list[Activity] | str:
    try:
        return reader.read(data, "drawn")  # type: ignore[attr-defined, no-any-return]
    except UnreadableFileError as exc:
        return str(exc)


@settings(max_examples=200, deadline=None)
@given(st.lists(gpx_points(), min_size=1, max_size=12))
def test_gpx_fast_path_reads_every_point_as_the_plain_functions_do(points: list[str]) -> None:
    data = (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><type>running</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()
    fast = _read(gpx, data)
    with mock.patch.object(gpx, "_segment_points", plain_gpx_points):
        plain = _read(gpx, data)
    assert fast == plain


@st.composite
def tcx_points(draw: st.DrawFn) -> str:
    time = draw(st.none() | TIMES)
    lat = draw(st.none() | NUMBERS | st.floats(52.0, 52.01).map(repr))
    lon = draw(st.none() | NUMBERS | st.floats(13.0, 13.01).map(repr))
    alt, distance, hr = (draw(st.none() | NUMBERS) for _ in range(3))
    position = (
        ""
        if lat is None and lon is None
        else "<Position>"
        + _element("LatitudeDegrees", lat)
        + _element("LongitudeDegrees", lon)
        + "</Position>"
    )
    heart = "" if hr is None else f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>"
    return (
        "<Trackpoint>"
        + _element("Time", time)
        + position
        + _element("AltitudeMeters", alt)
        + _element("DistanceMeters", distance)
        + heart
        + "</Trackpoint>"
    )


def plain_tcx_points(track: etree._Element) -> tuple[TrackPoint, ...]:  # noqa: C901, PLR0912 - the reference, kept plain
    points = []
    for element in track.iter("{*}Trackpoint"):
        time = lat = lon = alt = hr = distance = None
        for child in element:
            name = local_name(child.tag)
            if name == "Time":
                moment = xml_datetime(child.text)
                time = moment.utc if moment else None
            elif name == "Position":
                lat = lon = None
                for part in child:
                    if local_name(part.tag) == "LatitudeDegrees":
                        lat = xml_float(part.text, -90.0, 90.0)
                    elif local_name(part.tag) == "LongitudeDegrees":
                        lon = xml_float(part.text, -180.0, 180.0)
                if lat is None or lon is None:
                    lat = lon = None
            elif name == "AltitudeMeters":
                alt = xml_float(child.text)
            elif name == "DistanceMeters":
                distance = xml_float(child.text, 0.0)
            elif name == "HeartRateBpm":
                hr = None
                for part in child:
                    if local_name(part.tag) == "Value":
                        hr = xml_float(part.text, 0.0, 300.0) or None
                        break
        points.append(TrackPoint(time, lat, lon, alt, hr, distance))
    return tuple(points)


@settings(max_examples=200, deadline=None)
@given(st.lists(tcx_points(), min_size=1, max_size=12))
def test_tcx_fast_path_reads_every_point_as_the_plain_functions_do(points: list[str]) -> None:
    data = (
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">'
        "<Id>2024-02-12T07:27:02Z</Id>"
        '<Lap StartTime="2024-02-12T07:27:02Z">'
        f"<Track>{''.join(points)}</Track></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    ).encode()
    fast = _read(tcx, data)
    with mock.patch.object(tcx, "_track_points", plain_tcx_points):
        plain = _read(tcx, data)
    assert fast == plain
