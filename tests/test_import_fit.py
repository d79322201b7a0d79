"""FIT: one activity per session from the device's totals; records when there is no session;
device-time clocks placed or refused; damage noted; nothing but UnreadableFileError escapes."""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcare.activities.fit import RELATIVE_TIME, read
from runcare.activities.fit_fast import crc16
from runcare.activities.model import Activity, Sport, UnreadableFileError
from runcare.demo import fit_encode
from runcare.demo.fit_encode import (
    FitRecord,
    FitSession,
    FitWriter,
    RelativeClock,
    encode_activity,
    fit_time,
)

T0 = datetime(2024, 5, 4, 7, 30, tzinfo=UTC)


def _records(count: int = 40, step_s: int = 5, start: datetime = T0) -> tuple[FitRecord, ...]:
    # 3 m/s northwards (1e-4 degrees of latitude is about 11.1 m), climbing 0.2 m a sample.
    return tuple(
        FitRecord(
            time=start + timedelta(seconds=i * step_s),
            lat_deg=48.1 + i * 1.35e-4,
            lon_deg=11.5,
            alt_m=520 + i * 0.2,
            hr_bpm=140 + i % 10,
            distance_m=i * 15.0,
        )
        for i in range(count)
    )


RUN = FitSession(T0, Sport.TRAIL_RUNNING, 200, 195, 585, 8, 144, 149, _records())
RIDE = FitSession(T0 + timedelta(minutes=5), Sport.CYCLING, 600, 590, 5000)


def only(data: bytes) -> Activity:
    activities = read(data, "watch.fit")
    assert len(activities) == 1
    return activities[0]


def refused(data: bytes) -> str:
    with pytest.raises(UnreadableFileError) as caught:
        read(data, "watch.fit")
    return str(caught.value)


def with_crc(body: bytes) -> bytes:
    """Recompute the file CRC after a test has edited the bytes on purpose."""
    return body + struct.pack("<H", crc16(body))


# ---------------------------------------------------------------- sessions


def test_it_reads_the_session_totals() -> None:
    activity = only(encode_activity([RUN], utc_offset_s=7200))
    assert activity.start == T0
    assert activity.sport is Sport.TRAIL_RUNNING
    assert activity.kind == "fit"
    assert activity.source == "watch.fit"
    assert activity.duration_s == 200
    assert activity.moving_s == 195
    assert activity.distance_m == 585
    assert activity.ascent_m == 8
    assert (activity.avg_hr_bpm, activity.max_hr_bpm) == (144, 149)
    assert activity.utc_offset_s == 7200
    assert activity.device == "runcare demo"
    assert activity.notes == ()


def test_it_takes_the_devices_distance_not_the_tracks() -> None:
    # The records add up to 585 m; the device's own total wins even when it differs.
    session = FitSession(T0, Sport.RUNNING, 200, 195, 612.5, records=_records())
    assert only(encode_activity([session])).distance_m == 612.5


def test_it_has_a_track_when_the_session_has_a_start_position() -> None:
    assert only(encode_activity([RUN])).has_track is False  # the encoder writes none
    writer = FitWriter()
    writer.message(0, [(0, fit_encode.ENUM, 4)])
    session: list[fit_encode.Field] = [(2, fit_encode.UINT32, fit_time(T0))]
    writer.message(18, [*session, (3, fit_encode.SINT32, 573855353)])
    assert only(writer.file()).has_track is True


def test_it_reads_one_activity_per_session() -> None:
    activities = read(encode_activity([RUN, RIDE]), "multisport.fit")
    assert [a.sport for a in activities] == [Sport.TRAIL_RUNNING, Sport.CYCLING]
    assert [a.start for a in activities] == [RUN.start, RIDE.start]
    assert [a.distance_m for a in activities] == [585, 5000]


def test_it_reads_unrecorded_values_as_none() -> None:
    ride = only(encode_activity([RIDE]))
    assert (ride.ascent_m, ride.avg_hr_bpm, ride.max_hr_bpm) == (None, None, None)


def test_it_leaves_the_offset_unknown_when_the_file_has_no_local_time() -> None:
    assert only(encode_activity([RUN])).utc_offset_s is None


@pytest.mark.parametrize("sport", list(Sport))
def test_it_maps_every_sport_through_fit_and_back(sport: Sport) -> None:
    assert only(encode_activity([FitSession(T0, sport, 60, 60, 100)])).sport is sport


@pytest.mark.parametrize(
    ("sport", "sub_sport", "expected"),
    [
        (1, 2, Sport.RUNNING),  # street
        (1, 4, Sport.RUNNING),  # track
        (1, 45, Sport.TREADMILL_RUNNING),  # indoor running
        (2, 6, Sport.CYCLING),  # indoor cycling is still cycling
        (11, 27, Sport.WALKING),  # indoor walking
        (16, 0, Sport.HIKING),  # mountaineering
        (10, 20, Sport.OTHER),  # strength training
    ],
)
def test_it_maps_sub_sports(sport: int, sub_sport: int, expected: Sport) -> None:
    writer = FitWriter()
    writer.message(0, [(0, fit_encode.ENUM, 4)])
    start: fit_encode.Field = (2, fit_encode.UINT32, fit_time(T0))
    writer.message(18, [start, (5, fit_encode.ENUM, sport), (6, fit_encode.ENUM, sub_sport)])
    assert only(writer.file()).sport is expected


def test_it_counts_a_session_without_a_sport_as_other_and_says_so() -> None:
    writer = FitWriter()
    writer.message(0, [(0, fit_encode.ENUM, 4)])
    writer.message(18, [(2, fit_encode.UINT32, fit_time(T0))])
    activity = only(writer.file())
    assert activity.sport is Sport.OTHER
    assert "does not say which sport" in activity.notes[0]


@pytest.mark.parametrize(
    ("manufacturer", "product", "name", "expected"),
    [
        (1, 2691, None, "Garmin Forerunner 935"),  # the profile's garmin_product 2691
        (1, 9999, None, "garmin product 9999"),
        (32, 31, "ELEMNT BOLT", "Wahoo ELEMNT BOLT"),
        (294, 1, "COROS PACE 2", "COROS PACE 2"),  # the maker is already in the name
        (999, 5, None, "manufacturer 999"),
        (255, None, None, None),  # a development build says nothing useful
    ],
)
def test_it_names_the_device(
    manufacturer: int, product: int | None, name: str | None, expected: str | None
) -> None:
    data = encode_activity([RUN], manufacturer=manufacturer, product=product, product_name=name)
    assert only(data).device == expected


# ---------------------------------------------------------------- encodings


def test_it_reads_compressed_timestamps_and_developer_fields_like_plain_files() -> None:
    plain = only(encode_activity([RUN, RIDE][:1]))
    tricky = encode_activity([RUN], compressed_timestamps=True, developer_field=True)
    assert only(tricky) == plain


def test_it_sizes_compressed_records_with_developer_fields_in_the_record_fallback() -> None:
    plain = only(encode_activity([RUN], summary=False))
    tricky = only(encode_activity([RUN], summary=False, compressed_timestamps=True))
    assert tricky == plain
    assert tricky.duration_s == 39 * 5


def test_it_reads_the_older_12_byte_header() -> None:
    assert only(encode_activity([RUN], header_size=12)).distance_m == 585


def test_it_reads_every_file_of_a_chain() -> None:
    # The FIT protocol allows several files one after the other ("chained FIT files").
    chained = encode_activity([RUN]) + encode_activity([RIDE])
    assert [a.sport for a in read(chained, "chained.fit")] == [Sport.TRAIL_RUNNING, Sport.CYCLING]


def test_it_reads_big_endian_messages() -> None:
    writer = FitWriter()
    writer.message(0, [(0, fit_encode.ENUM, 4)])
    # A definition with architecture 1: the session's numbers are stored big-endian.
    writer.body += struct.pack(">BBBHB", 0x41, 0, 1, 18, 2) + bytes([2, 4, 0x86, 9, 4, 0x86])
    writer.body += b"\x01" + struct.pack(">II", fit_time(T0), 123_456)
    activity = only(writer.file())
    assert (activity.start, activity.distance_m) == (T0, 1234.56)


# ---------------------------------------------------------------- no session


def test_it_computes_a_summary_from_records_when_there_is_no_session() -> None:
    activity = only(encode_activity([RUN], summary=False))
    assert activity.start == T0
    # The device's cumulative distance: 39 steps of 15 m.
    assert activity.distance_m == 585
    assert activity.duration_s == 39 * 5
    assert activity.max_hr_bpm == 149
    assert activity.has_track is True
    assert activity.notes[0] == "no session summary in the file; computed from 40 track points"


def test_it_says_the_sport_is_unknown_without_a_session() -> None:
    activity = only(encode_activity([RUN], summary=False))
    assert activity.sport is Sport.OTHER
    assert any("does not say which sport" in note for note in activity.notes)


def test_it_refuses_a_file_with_no_session_and_no_timed_records() -> None:
    assert "no session summary and no timed track points" in refused(
        encode_activity([RIDE], summary=False)
    )


# ---------------------------------------------------------------- damage


def test_it_notes_a_wrong_file_crc_and_still_reads() -> None:
    data = bytearray(encode_activity([RUN]))
    data[-1] ^= 0xFF
    activity = only(bytes(data))
    assert activity.distance_m == 585
    assert activity.notes == ("the file's CRC does not match; the file may be damaged",)


def test_it_notes_damage_inside_a_record_through_the_crc() -> None:
    data = bytearray(encode_activity([RUN]))
    # A heart rate of the 20th record, changed without fixing the CRC.
    data[data.index(bytes([140 + 19 % 10]), len(data) // 2)] ^= 0x01
    activity = only(bytes(data))
    assert "CRC does not match" in activity.notes[0]


def test_it_notes_a_wrong_header_crc() -> None:
    data = bytearray(encode_activity([RUN]))
    data[12] ^= 0xFF
    # The file CRC covers the header too: recompute it so that only the header's is wrong.
    activity = only(with_crc(bytes(data[:-2])))
    assert activity.notes == ("the FIT header's CRC does not match; the file may be damaged",)


def test_it_reads_a_session_written_before_the_file_was_cut_off() -> None:
    data = encode_activity([RUN, RIDE])
    # Cut inside the second session's records: the first session is whole.
    cut = data[: data.rindex(b"\x05", 0, len(data) - 20) - 30]
    activities = read(cut, "cut.fit")
    assert activities[0].distance_m == 585
    assert "ends early" in activities[0].notes[-1]


def test_it_falls_back_to_records_when_the_file_is_cut_before_any_session() -> None:
    data = encode_activity([RUN])
    cut = data[: len(data) // 2]
    activity = only(cut)
    assert activity.start == T0
    assert activity.notes[0].startswith("no session summary in the file; computed from")
    assert any("ends early" in note for note in activity.notes)


def test_it_refuses_a_file_cut_before_any_activity_data() -> None:
    data = encode_activity([RUN])
    assert refused(data[:40]) == "truncated before any activity data"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a FIT file"),
        (b"hello, world, this is text", "not a FIT file"),
        (b"\x0e\x20\x00\x00\x00\x00\x00\x00.FI", "not a FIT file"),
        # A header size below 12 cannot hold the header itself.
        (b"\x05\x20\x00\x00\x00\x00\x00\x00.FIT\x00\x00", "not a FIT file: its header is damaged"),
    ],
)
def test_it_refuses_what_is_not_a_fit_file(data: bytes, reason: str) -> None:
    assert refused(data) == reason


@pytest.mark.parametrize(
    ("file_type", "reason"),
    [
        (2, "not an activity file: this FIT file holds settings (file type 2)"),
        (5, "not an activity file: this FIT file holds a workout (file type 5)"),
        (9, "not an activity file: this FIT file holds weight measurements (file type 9)"),
        (32, "not an activity file: this FIT file holds monitoring data (file type 32)"),
        (250, "not an activity file: this FIT file holds something other than an activity"),
    ],
)
def test_it_refuses_fit_files_that_are_not_activities(file_type: int, reason: str) -> None:
    assert refused(encode_activity([RUN], file_type=file_type)).startswith(reason)


# ---------------------------------------------------------------- device-time clocks

POWER_ON = T0 - timedelta(minutes=3)


def test_it_places_device_time_through_a_timestamp_correlation() -> None:
    clock = RelativeClock(POWER_ON, correlation=True)
    activity = only(encode_activity([RUN], relative_clock=clock))
    assert activity.start == T0
    assert "timestamp correlation" in activity.notes[-1]


def test_it_places_device_time_through_an_absolute_activity_timestamp() -> None:
    clock = RelativeClock(POWER_ON, absolute_activity=True)
    activities = read(encode_activity([RUN, RIDE], relative_clock=clock), "watch.fit")
    # The activity closes with the last session, which fixes the clock for both.
    assert [a.start for a in activities] == [RUN.start, RIDE.start]


def test_it_places_device_time_through_the_files_creation_time() -> None:
    clock = RelativeClock(POWER_ON, absolute_time_created=True)
    activity = only(encode_activity([RUN], relative_clock=clock))
    # The encoder creates the file as the first session starts.
    assert activity.start == T0
    assert "creation time" in activity.notes[-1]


def test_it_places_device_time_of_records_through_a_correlation() -> None:
    clock = RelativeClock(POWER_ON, correlation=True)
    activity = only(encode_activity([RUN], relative_clock=clock, summary=False))
    assert activity.start == T0


def test_it_places_device_time_through_a_later_absolute_record() -> None:
    writer = FitWriter()
    writer.message(0, [(0, fit_encode.ENUM, 4), (4, fit_encode.UINT32, 200)])
    for second in range(5):  # before the GPS fix: seconds since power-on
        writer.message(20, [(253, fit_encode.UINT32, 200 + second), (3, fit_encode.UINT8, 120)])
    for second in range(5, 10):  # after it: real time
        stamp = fit_time(T0 + timedelta(seconds=second))
        writer.message(20, [(253, fit_encode.UINT32, stamp), (3, fit_encode.UINT8, 120)])
    activity = only(writer.file())
    # 204 s after power-on is taken as the moment of the first absolute time (T0 + 5 s),
    # which is off by one sample interval: the first sample lands at T0 + 1 s.
    assert activity.start == T0 + timedelta(seconds=1)
    assert any("first absolute time" in note for note in activity.notes)


@pytest.mark.parametrize("summary", [True, False])
def test_it_refuses_device_time_it_cannot_place(summary: bool) -> None:
    data = encode_activity([RUN], relative_clock=RelativeClock(POWER_ON), summary=summary)
    assert refused(data) == RELATIVE_TIME


# ---------------------------------------------------------------- never another exception


VALID = encode_activity([RUN, RIDE], utc_offset_s=3600, developer_field=True)


def _read_or_refuse(data: bytes) -> None:
    try:
        activities = read(data, "fuzz.fit")
    except UnreadableFileError as error:
        assert str(error)
        return
    assert all(a.start.year > 1989 for a in activities)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(VALID)))
def test_it_reads_or_refuses_any_truncation(length: int) -> None:
    _read_or_refuse(VALID[:length])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_it_reads_or_refuses_garbled_bytes(changes: list[tuple[int, int]]) -> None:
    data = bytearray(VALID)
    for at, value in changes:
        data[at] = value
    _read_or_refuse(bytes(data))


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_it_reads_or_refuses_random_bytes_after_a_fit_header(tail: bytes) -> None:
    header = bytes([12, 0x20, 0, 0]) + struct.pack("<I", len(tail)) + b".FIT"
    _read_or_refuse(header + tail)


# ---------------------------------------------------------------- real device files


def _sample_files() -> list[str]:
    root = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
    return sorted(
        f"{p.parent.name}/{p.name}"
        for folder in ("python-fitparse", "fitdecode")
        for p in (root / folder).glob("*.fit")
    ) or ["(no samples)"]


def _fitdecode_sessions(data: bytes) -> list[dict[str, Any]]:
    """Sessions by a full, independent decode (errors end it, as in our reader)."""
    sessions = []
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        ) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
    except fitdecode.FitError:
        pass
    return sessions


# Files refused on purpose, and why that is right.
EXPECTED_REFUSALS = {
    # file_id.type says settings (2), workout (5), weight scale (9), monitoring (32).
    "Settings.fit": "holds settings",
    "Settings2.fit": "holds settings",
    "WorkoutCustomTargetValues.fit": "holds a workout",
    "WorkoutIndividualSteps.fit": "holds a workout",
    "WorkoutRepeatGreaterThanStep.fit": "holds a workout",
    "WorkoutRepeatSteps.fit": "holds a workout",
    "WeightScaleMultiUser.fit": "holds weight measurements",
    "WeightScaleSingleUser.fit": "holds weight measurements",
    "MonitoringFile.fit": "holds monitoring data",
    # Three records without a timestamp and no session: nothing to place in time.
    "DeveloperData.fit": "no timed track points",
    # A Forerunner 70 whose clock was never set: every timestamp counts from power-on
    # and there is no correlation message or absolute time. The activity's
    # local_timestamp is absolute but local, of unknown offset, and both files carry
    # the very same one, so it cannot be trusted to place them.
    "antfs-dump.63.fit": RELATIVE_TIME,
    "compressed-speed-distance.fit": RELATIVE_TIME,
}


@pytest.mark.samples
@pytest.mark.parametrize("name", _sample_files())
def test_it_reads_or_refuses_every_real_file(samples_dir: Path, name: str) -> None:
    data = (samples_dir / name).read_bytes()
    expected_refusal = EXPECTED_REFUSALS.get(Path(name).name)
    if expected_refusal is not None:
        assert expected_refusal in refused(data)
        return
    activities = read(data, name)
    assert activities
    assert all(a.start.year >= 2000 for a in activities)


@pytest.mark.samples
@pytest.mark.parametrize("name", _sample_files())
def test_it_agrees_with_a_full_fitdecode_decode(samples_dir: Path, name: str) -> None:
    data = (samples_dir / name).read_bytes()
    expected = [s for s in _fitdecode_sessions(data) if isinstance(s.get("start_time"), datetime)]
    if Path(name).name in EXPECTED_REFUSALS:
        # fitdecode finds no session with an absolute start in these either.
        assert not expected
        return
    activities = read(data, name)
    if not expected:
        # No session in the file: the summary came from its records, and says so.
        assert all(a.notes[0].startswith("no session summary in the file") for a in activities)
        return
    # Same sessions in the same order, same start, same distance to 0.5 %.
    assert len(activities) == len(expected)
    for activity, session in zip(activities, expected, strict=True):
        assert activity.start == session["start_time"]
        distance = session.get("total_distance")
        if distance is None:
            assert activity.distance_m is None
        else:
            assert activity.distance_m == pytest.approx(distance, rel=0.005)


@pytest.mark.samples
def test_it_reads_a_garmin_watch_file(samples_dir: Path) -> None:
    activity = only((samples_dir / "python-fitparse/garmin-fenix-5-run.fit").read_bytes())
    # fitdecode: session sport running, 157.56 m in 56.887 s; local time is UTC-7 (June,
    # US Pacific daylight time); file_id product 2697 is the fenix 5.
    assert activity.sport is Sport.RUNNING
    assert activity.distance_m == pytest.approx(157.56)
    assert activity.duration_s == pytest.approx(56.887)
    assert activity.utc_offset_s == -7 * 3600
    assert activity.device == "Garmin fenix 5"


@pytest.mark.samples
def test_it_reads_a_multisport_file_as_several_activities(samples_dir: Path) -> None:
    data = (samples_dir / "python-fitparse/activity-large-fenxi2-multisport.fit").read_bytes()
    activities = read(data, "multisport.fit")
    # fitdecode finds seven sessions, among them a run and transitions (sport 3: other).
    assert len(activities) == 7
    assert Sport.RUNNING in {a.sport for a in activities}


@pytest.mark.samples
def test_it_notes_a_real_file_with_a_bad_crc(samples_dir: Path) -> None:
    activity = only((samples_dir / "python-fitparse/activity-filecrc.fit").read_bytes())
    assert activity.notes == ("the file's CRC does not match; the file may be damaged",)


@pytest.mark.samples
def test_it_reads_a_real_file_cut_short(samples_dir: Path) -> None:
    activity = only((samples_dir / "python-fitparse/activity-unexpected-eof.fit").read_bytes())
    assert "ends early" in activity.notes[-1]


@pytest.mark.samples
def test_it_computes_a_crashed_recording_from_its_records(samples_dir: Path) -> None:
    # nick.fit (a SIGMA bike computer) has records, a sport message and no session.
    activity = only((samples_dir / "python-fitparse/nick.fit").read_bytes())
    assert activity.sport is Sport.CYCLING
    assert activity.notes[0] == "no session summary in the file; computed from 14391 track points"
    assert activity.distance_m is not None and activity.distance_m > 100_000


@pytest.mark.samples
def test_it_computes_the_same_crc_as_the_encoder(samples_dir: Path) -> None:
    # Two independent implementations (numpy chunks, nibble table) must agree.
    data = (samples_dir / "python-fitparse/garmin-edge-500-activity.fit").read_bytes()
    assert crc16(data) == fit_encode.crc16(data)


def test_it_notes_the_device_clock_only_on_sessions_it_placed() -> None:
    from runcare.activities.fit import DeviceClock, _session_notes

    clock = DeviceClock(1_000_000_000, "the file's creation time")
    relative = {"start_time": 5_000, "timestamp": 8_600}
    absolute = {"start_time": 1_100_000_000, "timestamp": 1_100_003_600}
    assert _session_notes(relative, clock, Sport.RUNNING) == [clock.note]
    assert _session_notes(absolute, clock, Sport.RUNNING) == []
    assert _session_notes(absolute, None, None) == [
        "the file does not say which sport this was; counted as other"
    ]
