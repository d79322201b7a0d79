"""The demo FIT encoder writes files a real, independent decoder (fitdecode) accepts."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import fitdecode
import pytest

from runcare.activities.model import Sport
from runcare.demo.fit_encode import (
    FIT_SPORTS,
    FitRecord,
    FitSession,
    RelativeClock,
    crc16,
    encode_activity,
)

T0 = datetime(2024, 5, 4, 7, 30, tzinfo=UTC)


def _records(count: int = 40, step_s: int = 5) -> tuple[FitRecord, ...]:
    return tuple(
        FitRecord(
            time=T0 + timedelta(seconds=i * step_s),
            lat_deg=48.1 + i * 1e-4,
            lon_deg=11.5,
            alt_m=520 + i * 0.2,
            hr_bpm=140 + i % 10,
            distance_m=i * 15.0,
        )
        for i in range(count)
    )


RUN = FitSession(T0, Sport.TRAIL_RUNNING, 200, 195, 585, 8, 144, 149, _records())
RIDE = FitSession(T0 + timedelta(minutes=5), Sport.CYCLING, 600, 590, 5000)


def _decode(data: bytes) -> list[tuple[str, dict[str, Any]]]:
    """Every data message, with a CRC check: fitdecode raises if either CRC is wrong."""
    messages = []
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                messages.append((frame.name, {f.name: f.value for f in frame.fields}))
    return messages


def _named(messages: list[tuple[str, dict[str, Any]]], name: str) -> list[dict[str, Any]]:
    return [fields for message, fields in messages if message == name]


def test_it_writes_a_file_fitdecode_reads_with_both_crcs_checked() -> None:
    messages = _decode(encode_activity([RUN], utc_offset_s=3600))
    assert [name for name, _ in messages][:2] == ["file_id", "device_info"]
    file_id = _named(messages, "file_id")[0]
    assert file_id["type"] == "activity"
    assert file_id["time_created"] == T0
    assert file_id["serial_number"] == 1
    assert file_id["product_name"] == "runcare demo"


def test_it_writes_session_totals() -> None:
    session = _named(_decode(encode_activity([RUN])), "session")[0]
    assert session["start_time"] == T0
    assert (session["sport"], session["sub_sport"]) == ("running", "trail")
    assert session["total_elapsed_time"] == 200.0
    assert session["total_timer_time"] == 195.0
    assert session["total_distance"] == 585.0
    assert session["total_ascent"] == 8
    assert (session["avg_heart_rate"], session["max_heart_rate"]) == (144, 149)
    # The session ends when its elapsed time is up.
    assert session["timestamp"] == T0 + timedelta(seconds=200)


def test_it_writes_unknown_totals_as_invalid_values() -> None:
    session = _named(_decode(encode_activity([RIDE])), "session")[0]
    # fitdecode turns the invalid value (0xFFFF, 0xFF) back into None.
    assert session["total_ascent"] is None
    assert session["avg_heart_rate"] is None


def test_it_writes_one_session_and_lap_per_session_in_order() -> None:
    messages = _decode(encode_activity([RUN, RIDE]))
    sessions = _named(messages, "session")
    assert [s["sport"] for s in sessions] == ["running", "cycling"]
    assert len(_named(messages, "lap")) == 2
    activity = _named(messages, "activity")[0]
    assert activity["num_sessions"] == 2


def test_it_writes_records_with_positions_altitude_heart_rate_and_distance() -> None:
    records = _named(_decode(encode_activity([RUN])), "record")
    assert len(records) == len(RUN.records)
    last, expected = records[-1], RUN.records[-1]
    assert last["timestamp"] == expected.time
    # 2**31 semicircles are 180 degrees; rounding keeps well under a centimetre.
    assert last["position_lat"] * 180 / 2**31 == pytest.approx(expected.lat_deg, abs=1e-7)
    assert last["altitude"] == pytest.approx(expected.alt_m, abs=0.2)
    assert last["heart_rate"] == expected.hr_bpm
    assert last["distance"] == pytest.approx(expected.distance_m)


def test_it_records_the_utc_offset_as_local_minus_utc_timestamp() -> None:
    activity = _named(_decode(encode_activity([RUN], utc_offset_s=-4 * 3600)), "activity")[0]
    # fitdecode shows a local_date_time as if it were UTC, so the difference is the offset.
    assert (activity["local_timestamp"] - activity["timestamp"]).total_seconds() == -4 * 3600


def test_it_leaves_out_local_timestamp_without_an_offset() -> None:
    activity = _named(_decode(encode_activity([RUN])), "activity")[0]
    assert activity.get("local_timestamp") is None


@pytest.mark.parametrize(("sport", "names"), [
    (Sport.RUNNING, ("running", "generic")),
    (Sport.TRAIL_RUNNING, ("running", "trail")),
    (Sport.TREADMILL_RUNNING, ("running", "treadmill")),
    (Sport.WALKING, ("walking", "generic")),
    (Sport.HIKING, ("hiking", "generic")),
    (Sport.CYCLING, ("cycling", "generic")),
    (Sport.SWIMMING, ("swimming", "generic")),
    (Sport.OTHER, ("generic", "generic")),
])  # fmt: skip
def test_it_maps_each_sport_to_the_fit_profile_names(sport: Sport, names: tuple[str, str]) -> None:
    session = FitSession(T0, sport, 60, 60, 100)
    decoded = _named(_decode(encode_activity([session])), "session")[0]
    assert (decoded["sport"], decoded["sub_sport"]) == names
    assert sport in FIT_SPORTS


def test_it_writes_compressed_timestamps_that_decode_to_the_same_times() -> None:
    plain = _named(_decode(encode_activity([RUN])), "record")
    compressed_data = encode_activity([RUN], compressed_timestamps=True)
    compressed = _named(_decode(compressed_data), "record")
    assert [r["timestamp"] for r in compressed] == [r["timestamp"] for r in plain]
    # Four timestamp bytes fewer per record, less a second definition.
    assert len(compressed_data) < len(encode_activity([RUN]))


def test_it_falls_back_to_full_timestamps_across_gaps_of_32_seconds_or_more() -> None:
    sparse = FitSession(T0, Sport.RUNNING, 400, 400, 585, records=_records(count=10, step_s=40))
    records = _named(_decode(encode_activity([sparse], compressed_timestamps=True)), "record")
    assert [r["timestamp"] for r in records] == [r.time for r in sparse.records]


def test_it_writes_a_developer_field_fitdecode_names() -> None:
    records = _named(_decode(encode_activity([RUN], developer_field=True)), "record")
    assert records[0]["runcare_power"] == 150
    assert records[0]["heart_rate"] == RUN.records[0].hr_bpm


def test_it_writes_device_time_with_a_correlation() -> None:
    power_on = T0 - timedelta(seconds=100)
    clock = RelativeClock(power_on, correlation=True)
    messages = _decode(encode_activity([RUN], relative_clock=clock))
    # Below 0x10000000 fitdecode leaves a date_time as the raw count of seconds.
    assert _named(messages, "session")[0]["start_time"] == 100
    correlation = _named(messages, "timestamp_correlation")[0]
    assert correlation["timestamp"] == T0
    assert correlation["system_timestamp"] == 100


def test_it_can_leave_out_the_summary_messages() -> None:
    messages = _decode(encode_activity([RUN], summary=False))
    names = {name for name, _ in messages}
    assert "record" in names
    assert names.isdisjoint({"session", "lap", "activity"})


def test_it_can_write_another_file_type() -> None:
    file_id = _named(_decode(encode_activity([], file_type=2)), "file_id")[0]
    assert file_id["type"] == "settings"


def test_it_can_write_the_older_12_byte_header() -> None:
    data = encode_activity([RUN], header_size=12)
    assert data[0] == 12
    assert len(_named(_decode(data), "session")) == 1


def test_it_computes_the_fit_crc() -> None:
    # Any message followed by its own CRC (little-endian) checks to zero.
    data = b"runcare"
    assert crc16(data + crc16(data).to_bytes(2, "little")) == 0
    assert crc16(b"") == 0
