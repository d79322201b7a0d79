"""Write activities as Garmin FIT files, for demo data and for the FIT reader's tests.

A FIT file is a 12- or 14-byte header, a stream of records and a 2-byte CRC. A record is
either a *definition* (which fields a local message type carries, in which sizes) or a
*data* message laid out as its local type's latest definition says. Field numbers, base
types and scales below are those of the FIT profile (file_id 0, session 18, lap 19,
record 20, event 21, device_info 23, activity 34, timestamp_correlation 162,
field_description 206, developer_data_id 207).

The keyword options exist to build the awkward files real devices write: compressed
timestamp headers, developer fields, a clock that counts from power-on, no summary
messages, another file type.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from runcare.activities.model import Sport

# Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z.
FIT_EPOCH_UNIX_S = 631_065_600
# 2**31 semicircles make 180 degrees.
SEMICIRCLES_PER_DEG = 2**31 / 180
PROFILE_VERSION = 2132
FILE_TYPE_ACTIVITY = 4

ENUM, SINT8, UINT8, STRING, BYTE = 0x00, 0x01, 0x02, 0x07, 0x0D
SINT16, UINT16, SINT32, UINT32, UINT32Z = 0x83, 0x84, 0x85, 0x86, 0x8C
_FORMATS = {
    ENUM: "B",
    SINT8: "b",
    UINT8: "B",
    BYTE: "B",
    SINT16: "h",
    UINT16: "H",
    SINT32: "i",
    UINT32: "I",
    UINT32Z: "I",
}
# The value that means "not recorded" for each base type.
INVALID = {
    ENUM: 0xFF,
    SINT8: 0x7F,
    UINT8: 0xFF,
    BYTE: 0xFF,
    SINT16: 0x7FFF,
    UINT16: 0xFFFF,
    SINT32: 0x7FFF_FFFF,
    UINT32: 0xFFFF_FFFF,
    UINT32Z: 0,
}

# FIT sport and sub_sport numbers for each of our sports.
FIT_SPORTS: dict[Sport, tuple[int, int]] = {
    Sport.RUNNING: (1, 0),
    Sport.TRAIL_RUNNING: (1, 3),
    Sport.TREADMILL_RUNNING: (1, 1),
    Sport.WALKING: (11, 0),
    Sport.HIKING: (17, 0),
    Sport.CYCLING: (2, 0),
    Sport.SWIMMING: (5, 0),
    Sport.OTHER: (0, 0),
}

FILE_ID, SESSION, LAP, RECORD, EVENT, DEVICE_INFO, ACTIVITY = 0, 18, 19, 20, 21, 23, 34
TIMESTAMP_CORRELATION, FIELD_DESCRIPTION, DEVELOPER_DATA_ID = 162, 206, 207
TIMESTAMP = 253

# (field number, base type, value); None is written as the base type's invalid value,
# str as a NUL-terminated string, bytes as a byte array.
Field = tuple[int, int, int | str | bytes | None]


@dataclass(frozen=True, slots=True)
class FitRecord:
    """One track sample (FIT record message); ``distance_m`` is cumulative."""

    time: datetime
    lat_deg: float | None = None
    lon_deg: float | None = None
    alt_m: float | None = None
    hr_bpm: int | None = None
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class FitSession:
    """One session: its device totals and its samples. Times are timezone-aware."""

    start: datetime
    sport: Sport
    elapsed_s: float
    moving_s: float
    distance_m: float
    ascent_m: float | None = None
    avg_hr_bpm: int | None = None
    max_hr_bpm: int | None = None
    records: tuple[FitRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class RelativeClock:
    """A device without a set clock: timestamps count seconds from ``power_on``.

    FIT reads a date_time below 0x10000000 as such a count. The flags say which hints a
    reader gets to place the file in time: a timestamp_correlation message (exact), an
    absolute file_id.time_created, an absolute activity timestamp.
    """

    power_on: datetime
    correlation: bool = False
    absolute_time_created: bool = False
    absolute_activity: bool = False


def fit_time(moment: datetime) -> int:
    """Whole seconds since the FIT epoch (UTC)."""
    return int(moment.timestamp()) - FIT_EPOCH_UNIX_S


def semicircles(deg: float | None) -> int | None:
    return None if deg is None else round(deg * SEMICIRCLES_PER_DEG)


def scaled(value: float | None, scale: float, offset: float = 0.0) -> int | None:
    """A physical value as FIT stores it: (value + offset) * scale, rounded."""
    return None if value is None else round((value + offset) * scale)


def crc16(data: bytes, crc: int = 0) -> int:
    """The FIT CRC-16 (polynomial 0xA001, nibble-wise as the FIT SDK computes it)."""
    for byte in data:
        for nibble in (byte & 0x0F, byte >> 4):
            tmp = _CRC_TABLE[crc & 0x0F]
            crc = (crc >> 4) & 0x0FFF
            crc ^= tmp ^ _CRC_TABLE[nibble]
    return crc


_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def _field_bytes(base: int, value: int | str | bytes | None) -> bytes:
    if isinstance(value, str):
        return value.encode() + b"\0"
    if isinstance(value, bytes):
        return value
    fmt = "<" + _FORMATS[base]
    return struct.pack(fmt, INVALID[base] if value is None else value)


class FitWriter:
    """Accumulates messages, writing a definition whenever a local type's layout changes."""

    def __init__(self) -> None:
        self.body = bytearray()
        self._layouts: dict[int, object] = {}
        # The last full timestamp written: compressed headers count from it.
        self.last_time: int | None = None

    def message(
        self,
        global_num: int,
        fields: Sequence[Field],
        *,
        local: int = 0,
        dev_fields: Sequence[tuple[int, int, bytes]] = (),
        compressed_time: int | None = None,
    ) -> None:
        """Write one data message (and its definition if needed).

        ``dev_fields`` are (field number, developer data index, raw value bytes);
        ``compressed_time`` (a FIT time within 31 s after the last one written) is carried
        in a compressed-timestamp header, which only local types 0-3 can have.
        """
        raw = [(num, base, _field_bytes(base, value)) for num, base, value in fields]
        layout = (
            global_num,
            tuple((num, len(data), base) for num, base, data in raw),
            tuple((num, len(data), index) for num, index, data in dev_fields),
        )
        if self._layouts.get(local) != layout:
            self.definition(local, global_num, layout[1], layout[2])
            self._layouts[local] = layout
        if compressed_time is None:
            self.body.append(local)
        else:
            self.body.append(0x80 | (local << 5) | (compressed_time & 0x1F))
            self.last_time = compressed_time
        for num, base, data in raw:
            self.body += data
            if num == TIMESTAMP and base == UINT32:
                self.last_time = struct.unpack("<I", data)[0]
        for _, _, data in dev_fields:
            self.body += data

    def definition(
        self,
        local: int,
        global_num: int,
        fields: Sequence[tuple[int, int, int]],
        dev_fields: Sequence[tuple[int, int, int]] = (),
    ) -> None:
        header = 0x40 | (0x20 if dev_fields else 0) | local
        # Reserved byte, architecture 0 (little-endian), global number, field count.
        self.body += struct.pack("<BBBHB", header, 0, 0, global_num, len(fields))
        for field in fields:
            self.body += bytes(field)
        if dev_fields:
            self.body.append(len(dev_fields))
            for field in dev_fields:
                self.body += bytes(field)

    def file(self, *, header_size: int = 14) -> bytes:
        header = struct.pack("<BBHI4s", header_size, 0x20, PROFILE_VERSION, len(self.body), b".FIT")
        if header_size == 14:
            header += struct.pack("<H", crc16(header))
        data = header + bytes(self.body)
        return data + struct.pack("<H", crc16(data))


@dataclass(frozen=True, slots=True)
class _Clock:
    """Turns moments into the integers this file writes for them."""

    relative: RelativeClock | None

    def __call__(self, moment: datetime, *, absolute: bool = False) -> int:
        if self.relative is None or absolute:
            return fit_time(moment)
        return int((moment - self.relative.power_on).total_seconds())


@dataclass(frozen=True, slots=True)
class _Device:
    manufacturer: int
    product: int | None
    serial_number: int
    name: str | None


@dataclass(frozen=True, slots=True)
class _Options:
    clock: _Clock
    summary: bool
    compressed: bool
    developer_field: bool


def encode_activity(
    sessions: Sequence[FitSession],
    *,
    utc_offset_s: int | None = None,
    manufacturer: int = 255,
    product_name: str | None = "runcare demo",
    serial_number: int = 1,
    product: int | None = None,
    file_type: int = FILE_TYPE_ACTIVITY,
    summary: bool = True,
    compressed_timestamps: bool = False,
    developer_field: bool = False,
    relative_clock: RelativeClock | None = None,
    header_size: int = 14,
) -> bytes:
    """A FIT activity file holding ``sessions`` in order, each followed by its lap and session.

    ``utc_offset_s`` is written as the activity's local_timestamp minus its timestamp
    (None writes no local_timestamp). ``summary=False`` leaves out lap, session and
    activity messages, as a watch that crashed mid-run does. ``compressed_timestamps``
    writes records with compressed-timestamp headers; ``developer_field`` adds a
    developer "power" field to every record; ``relative_clock`` writes device-time stamps.
    """
    options = _Options(_Clock(relative_clock), summary, compressed_timestamps, developer_field)
    clock = options.clock
    first = sessions[0].start if sessions else datetime(2024, 1, 1, tzinfo=UTC)
    writer = FitWriter()
    device = _Device(manufacturer, product, serial_number, product_name)
    _write_file_id(writer, clock, first, file_type, device)
    if product_name is not None:
        _write_device_info(writer, clock(first), device)
    if relative_clock is not None and relative_clock.correlation:
        writer.message(
            TIMESTAMP_CORRELATION,
            [(TIMESTAMP, UINT32, fit_time(first)), (1, UINT32, clock(first))],
            local=10,
        )
    if developer_field:
        _write_developer_description(writer)
    for index, session in enumerate(sessions):
        _write_session(writer, options, index, session)
    if summary and sessions:
        _write_activity(writer, clock, sessions, utc_offset_s)
    return writer.file(header_size=header_size)


def _write_file_id(
    writer: FitWriter, clock: _Clock, created: datetime, file_type: int, device: _Device
) -> None:
    absolute = clock.relative is not None and clock.relative.absolute_time_created
    fields: list[Field] = [
        (0, ENUM, file_type),
        (1, UINT16, device.manufacturer),
        (2, UINT16, device.product),
        (3, UINT32Z, device.serial_number),
        (4, UINT32, clock(created, absolute=absolute)),
    ]
    if device.name is not None:
        fields.append((8, STRING, device.name))
    writer.message(FILE_ID, fields, local=0)


def _write_device_info(writer: FitWriter, time: int, device: _Device) -> None:
    fields: list[Field] = [
        (TIMESTAMP, UINT32, time),
        (0, UINT8, 0),  # device_index 0: the device that created the file
        (2, UINT16, device.manufacturer),
        (3, UINT32Z, device.serial_number),
        (4, UINT16, device.product),
        (27, STRING, device.name),
    ]
    writer.message(DEVICE_INFO, fields, local=1)


# A made-up developer application, for the developer-field option.
DEV_APP_ID = bytes(range(16))
DEV_FIELD_NUM = 0


def _write_developer_description(writer: FitWriter) -> None:
    writer.message(DEVELOPER_DATA_ID, [(1, BYTE, DEV_APP_ID), (3, UINT8, 0)], local=8)
    description: list[Field] = [
        (0, UINT8, 0),
        (1, UINT8, DEV_FIELD_NUM),
        (2, UINT8, UINT16),
        (3, STRING, "runcare_power"),
        (8, STRING, "watts"),
    ]
    writer.message(FIELD_DESCRIPTION, description, local=9)


def _write_session(writer: FitWriter, options: _Options, index: int, session: FitSession) -> None:
    clock = options.clock
    start = clock(session.start)
    end = start + round(session.elapsed_s)
    # Timer start: event 0 (timer), event_type 0 (start); timer stop: event_type 4 (stop all).
    writer.message(EVENT, [(TIMESTAMP, UINT32, start), (0, ENUM, 0), (1, ENUM, 0)], local=2)
    layout = _record_layout(session.records)
    for number, record in enumerate(session.records):
        dev = []
        if options.developer_field:
            dev = [(DEV_FIELD_NUM, 0, struct.pack("<H", 150 + number % 100))]
        compressed = options.compressed
        _write_record(writer, clock(record.time), record, layout, compressed=compressed, dev=dev)
    writer.message(EVENT, [(TIMESTAMP, UINT32, end), (0, ENUM, 0), (1, ENUM, 4)], local=2)
    if options.summary:
        totals = _totals(session, start)
        writer.message(LAP, [(TIMESTAMP, UINT32, end), (254, UINT16, index), *totals], local=4)
        sport, sub_sport = FIT_SPORTS[session.sport]
        fields: list[Field] = [
            (TIMESTAMP, UINT32, end),
            (254, UINT16, index),
            (0, ENUM, 8),  # event: session
            (1, ENUM, 1),  # event_type: stop
            (2, UINT32, start),
            (5, ENUM, sport),
            (6, ENUM, sub_sport),
            (7, UINT32, scaled(session.elapsed_s, 1000)),
            (8, UINT32, scaled(session.moving_s, 1000)),
            (9, UINT32, scaled(session.distance_m, 100)),
            (22, UINT16, scaled(session.ascent_m, 1)),
            (16, UINT8, session.avg_hr_bpm),
            (17, UINT8, session.max_hr_bpm),
            (25, UINT16, index),  # first_lap_index: one lap per session here
            (26, UINT16, 1),
        ]
        writer.message(SESSION, fields, local=5)


def _totals(session: FitSession, start: int) -> list[Field]:
    """The lap fields that repeat the session's totals (lap and session numbers differ)."""
    sport, sub_sport = FIT_SPORTS[session.sport]
    return [
        (2, UINT32, start),
        (7, UINT32, scaled(session.elapsed_s, 1000)),
        (8, UINT32, scaled(session.moving_s, 1000)),
        (9, UINT32, scaled(session.distance_m, 100)),
        (21, UINT16, scaled(session.ascent_m, 1)),
        (15, UINT8, session.avg_hr_bpm),
        (16, UINT8, session.max_hr_bpm),
        (25, ENUM, sport),
        (39, ENUM, sub_sport),
    ]


def _record_layout(records: Sequence[FitRecord]) -> tuple[bool, bool, bool, bool]:
    """Which optional record fields any sample has: position, altitude, heart rate, distance."""
    return (
        any(r.lat_deg is not None and r.lon_deg is not None for r in records),
        any(r.alt_m is not None for r in records),
        any(r.hr_bpm is not None for r in records),
        any(r.distance_m is not None for r in records),
    )


def _write_record(
    writer: FitWriter,
    time: int,
    record: FitRecord,
    layout: tuple[bool, bool, bool, bool],
    *,
    compressed: bool,
    dev: Sequence[tuple[int, int, bytes]],
) -> None:
    has_position, has_alt, has_hr, has_distance = layout
    fields: list[Field] = []
    if has_position:
        fields += [
            (0, SINT32, semicircles(record.lat_deg)),
            (1, SINT32, semicircles(record.lon_deg)),
        ]
    if has_alt:
        fields.append((2, UINT16, scaled(record.alt_m, 5, 500)))
    if has_hr:
        fields.append((3, UINT8, record.hr_bpm))
    if has_distance:
        fields.append((5, UINT32, scaled(record.distance_m, 100)))
    last = writer.last_time
    # A compressed header carries 5 bits of time: usable within 31 s of the last stamp.
    if compressed and last is not None and 0 <= time - last < 32:
        writer.message(RECORD, fields, local=3, dev_fields=dev, compressed_time=time)
        return
    writer.message(RECORD, [(TIMESTAMP, UINT32, time), *fields], local=6, dev_fields=dev)


def _write_activity(
    writer: FitWriter, clock: _Clock, sessions: Sequence[FitSession], utc_offset_s: int | None
) -> None:
    last = sessions[-1]
    end_moment = last.start.timestamp() + last.elapsed_s
    end_dt = datetime.fromtimestamp(end_moment, tz=UTC)
    absolute = clock.relative is not None and clock.relative.absolute_activity
    end = clock(end_dt, absolute=absolute)
    fields: list[Field] = [
        (TIMESTAMP, UINT32, end),
        (0, UINT32, scaled(sum(s.moving_s for s in sessions), 1000)),
        (1, UINT16, len(sessions)),
        (2, ENUM, 0),  # type: manual
        (3, ENUM, 26),  # event: activity
        (4, ENUM, 1),  # event_type: stop
    ]
    if utc_offset_s is not None:
        # local_timestamp runs on the same clock as timestamp, so their difference holds.
        fields.append((5, UINT32, end + utc_offset_s))
    writer.message(ACTIVITY, fields, local=7)
