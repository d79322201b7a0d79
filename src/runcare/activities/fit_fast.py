"""A fast, summary-only walk over a FIT file: it decodes the few messages that carry an
activity's totals and steps over everything else by size.

A FIT file is a header, a stream of records and a CRC. A record starts with a one-byte
header: a *definition* (bit 6) tells which fields a local message type (0-15) carries and
how big they are; a *data* message is then laid out as its local type's latest definition
says, so its size is known without reading it. A *compressed-timestamp* header (bit 7)
packs a local type 0-3 and five bits of time into the same byte. Several FIT files may be
chained one after the other in one file.

Speed comes from a table of 256 entries, one per possible header byte, holding how many
bytes to step over for a message nobody asked for; such a message costs one table look-up.
Only definitions and the wanted messages (file_id, session, activity, device_info,
timestamp_correlation) go through Python-level decoding.
"""

from __future__ import annotations

import functools
import math
import struct
from dataclasses import dataclass, field

import numpy as np

FIT_MAGIC = b".FIT"
# Timestamps below this are seconds since the device was switched on, not since the epoch.
MIN_ABSOLUTE_FIT_TIME = 0x1000_0000

# Global message numbers and the fields read from each: {field number: name}.
WANTED_FIELDS: dict[int, dict[int, str]] = {
    0: {0: "type", 1: "manufacturer", 2: "product", 3: "serial_number", 4: "time_created"}
    | {8: "product_name"},
    18: {
        253: "timestamp",
        2: "start_time",
        5: "sport",
        6: "sub_sport",
        7: "total_elapsed_time",
        8: "total_timer_time",
        9: "total_distance",
        16: "avg_heart_rate",
        17: "max_heart_rate",
        22: "total_ascent",
        3: "start_position_lat",
    },
    23: {0: "device_index", 2: "manufacturer", 4: "product", 27: "product_name"},
    34: {253: "timestamp", 1: "num_sessions", 5: "local_timestamp"},
    162: {253: "timestamp", 1: "system_timestamp"},
}
FILE_ID, SESSION, DEVICE_INFO, ACTIVITY, TIMESTAMP_CORRELATION = 0, 18, 23, 34, 162

# Base type number (low 5 bits of the base type byte) -> struct code and "invalid" value.
_BASE_TYPES: dict[int, tuple[str, int | float | None]] = {
    0x00: ("B", 0xFF),  # enum
    0x01: ("b", 0x7F),  # sint8
    0x02: ("B", 0xFF),  # uint8
    0x03: ("h", 0x7FFF),  # sint16
    0x04: ("H", 0xFFFF),  # uint16
    0x05: ("i", 0x7FFF_FFFF),  # sint32
    0x06: ("I", 0xFFFF_FFFF),  # uint32
    0x0A: ("B", 0),  # uint8z
    0x0B: ("H", 0),  # uint16z
    0x0C: ("I", 0),  # uint32z
    0x0D: ("B", 0xFF),  # byte
    0x0E: ("q", 0x7FFF_FFFF_FFFF_FFFF),  # sint64
    0x0F: ("Q", 0xFFFF_FFFF_FFFF_FFFF),  # uint64
    0x10: ("Q", 0),  # uint64z
}
_STRING = 0x07

DEFINITION_CUT_OFF = "a message definition is cut off"
MESSAGE_CUT_OFF = "a message is cut off"
PAST_THE_END = "a message runs past the end of the data"
CUT_OFF = frozenset({DEFINITION_CUT_OFF, MESSAGE_CUT_OFF, PAST_THE_END})

Value = int | str
Message = dict[str, Value]


class FitFormatError(Exception):
    """The bytes are not a FIT file at all (the reason is for a person)."""


@dataclass(frozen=True, slots=True)
class FitHeader:
    header_size: int
    data_size: int
    header_crc_ok: bool


@dataclass(slots=True)
class FitScan:
    """What the walk found. Messages hold valid values only: a missing key means invalid."""

    file_ids: list[Message] = field(default_factory=list)
    sessions: list[Message] = field(default_factory=list)
    activities: list[Message] = field(default_factory=list)
    devices: list[Message] = field(default_factory=list)
    correlations: list[Message] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # True when every record of every chained file was read up to its CRC.
    complete: bool = True

    @property
    def file_type(self) -> int | None:
        types = [int(f["type"]) for f in self.file_ids if "type" in f]
        return types[0] if types else None


@dataclass(frozen=True, slots=True)
class _Definition:
    global_num: int
    size: int
    # (name, offset within the message, struct format, invalid value) of wanted fields.
    fields: tuple[tuple[str, int, str, int | float | None], ...]


def parse_header(data: bytes, at: int = 0) -> FitHeader:
    """The header at ``at``; FitFormatError when there is none."""
    if len(data) - at < 12 or data[at + 8 : at + 12] != FIT_MAGIC:
        raise FitFormatError("not a FIT file")
    header_size = data[at]
    if header_size < 12 or len(data) - at < header_size:
        raise FitFormatError("not a FIT file: its header is damaged")
    data_size = struct.unpack_from("<I", data, at + 4)[0]
    header_crc_ok = True
    if header_size >= 14:
        stored = struct.unpack_from("<H", data, at + 12)[0]
        # Zero means "not computed", which the FIT protocol allows.
        header_crc_ok = stored in (0, crc16(data[at : at + 12]))
    return FitHeader(header_size, data_size, header_crc_ok)


def scan(data: bytes) -> FitScan:
    """Walk every chained FIT file in ``data`` (FitFormatError if the first has no header)."""
    result = FitScan()
    at = 0
    header = parse_header(data)
    while True:
        if not header.header_crc_ok:
            result.problems.append("the FIT header's CRC does not match; the file may be damaged")
        end = _scan_file(data, at, header, result)
        if result.file_type not in (None, 4) or end is None:
            return result
        try:
            header = parse_header(data, end)
        except FitFormatError:
            return result
        at = end


def _scan_file(data: bytes, at: int, header: FitHeader, result: FitScan) -> int | None:
    """Scan one FIT file; the offset just after its CRC, or None if it ended early."""
    start = at + header.header_size
    stated_end = start + header.data_size
    # A data size of 0 is what a device writes while still recording; a larger size than
    # the bytes at hand means the copy was cut short. Either way read what is there.
    available_end = len(data) - 2 if header.data_size == 0 else min(stated_end, len(data))
    stopped_at, problem = _walk(data, start, available_end, result)
    truncated = header.data_size == 0 or stated_end + 2 > len(data)
    if problem is not None and not (truncated and problem in CUT_OFF):
        result.problems.append(f"{problem} (at byte {stopped_at}); the rest was not read")
    if truncated:
        # A message cut off at the very end is the same story as the short file: say it once.
        result.problems.append("the file ends early; it may have been cut off while copying")
    if truncated or problem is not None:
        result.complete = False
        return None
    stored_crc = struct.unpack_from("<H", data, stated_end)[0]
    if stored_crc != 0 and stored_crc != crc16(data[at:stated_end]):
        result.problems.append("the file's CRC does not match; the file may be damaged")
    return stated_end + 2


def _walk(data: bytes, pos: int, end: int, result: FitScan) -> tuple[int, str | None]:
    """Read records from ``pos`` to ``end``: where it stopped, and why if before ``end``."""
    # skip[header byte] = bytes to step over, or 0 when the header needs a closer look.
    skip = [0] * 256
    definitions: list[_Definition | None] = [None] * 16
    while pos < end:
        step = skip[data[pos]]
        if step:
            pos += step
            continue
        record_header = data[pos]
        if record_header & 0x80 == 0 and record_header & 0x40:
            parsed = _read_definition(data, pos, end)
            if parsed is None:
                return pos, DEFINITION_CUT_OFF
            local, new_definition, size = parsed
            definitions[local] = new_definition
            _update_skip(skip, local, new_definition)
            pos += size
            continue
        definition: _Definition | None
        if record_header & 0x80:
            definition = definitions[(record_header >> 5) & 0x03]
        elif record_header & 0x30 == 0:
            definition = definitions[record_header & 0x0F]
        else:
            definition = None
        if definition is None:
            return pos, "a message has no definition; the file may be damaged"
        if pos + 1 + definition.size > end:
            return pos, MESSAGE_CUT_OFF
        _keep(result, definition.global_num, _decode(data, pos + 1, definition))
        pos += 1 + definition.size
    if pos > end:
        # A skipped message ran past the stated end: the sizes and the data disagree.
        return end, PAST_THE_END
    return pos, None


def _update_skip(skip: list[int], local: int, definition: _Definition) -> None:
    step = 0 if definition.global_num in WANTED_FIELDS else 1 + definition.size
    skip[local] = step
    if local < 4:
        compressed = 0x80 | (local << 5)
        skip[compressed : compressed + 32] = [step] * 32


def _read_definition(data: bytes, pos: int, end: int) -> tuple[int, _Definition, int] | None:
    """(local type, definition, bytes taken) for the definition at ``pos``, or None if bad."""
    if pos + 6 > end:
        return None
    record_header = data[pos]
    big_endian = data[pos + 2] == 1
    global_num = struct.unpack_from(">H" if big_endian else "<H", data, pos + 3)[0]
    count = data[pos + 5]
    fields_at = pos + 6
    size = 6 + 3 * count
    if pos + size > end:
        return None
    dev_size = 0
    if record_header & 0x20:
        if pos + size + 1 > end:
            return None
        dev_count = data[pos + size]
        dev_at = pos + size + 1
        size += 1 + 3 * dev_count
        if pos + size > end:
            return None
        dev_size = sum(data[dev_at + 3 * i + 1] for i in range(dev_count))
    wanted = WANTED_FIELDS.get(global_num)
    message_size = 0
    decoded: list[tuple[str, int, str, int | float | None]] = []
    for i in range(count):
        number, field_size, base = data[fields_at + 3 * i : fields_at + 3 * i + 3]
        if wanted is not None and number in wanted:
            spec = _field_spec(field_size, base, big_endian)
            if spec is not None:
                decoded.append((wanted[number], message_size, *spec))
        message_size += field_size
    definition = _Definition(global_num, message_size + dev_size, tuple(decoded))
    return record_header & 0x0F, definition, size


def _field_spec(
    field_size: int, base: int, big_endian: bool
) -> tuple[str, int | float | None] | None:
    """Struct format and invalid value to read one field, or None if it cannot be read."""
    number = base & 0x1F
    if number == _STRING:
        return f"{field_size}s", None
    known = _BASE_TYPES.get(number)
    if known is None:
        return None
    code, invalid = known
    # An array field is read as its first element; a field smaller than its type is junk.
    if struct.calcsize(code) > field_size:
        return None
    return (">" if big_endian else "<") + code, invalid


def _decode(data: bytes, at: int, definition: _Definition) -> Message:
    message: Message = {}
    for name, offset, fmt, invalid in definition.fields:
        value = struct.unpack_from(fmt, data, at + offset)[0]
        if isinstance(value, bytes):
            text = value.split(b"\0", 1)[0].decode("utf-8", "replace").strip()
            if text:
                message[name] = text
        elif value != invalid:
            message[name] = value
    return message


def _keep(result: FitScan, global_num: int, message: Message) -> None:
    if global_num == SESSION:
        result.sessions.append(message)
    elif global_num == FILE_ID:
        result.file_ids.append(message)
    elif global_num == ACTIVITY:
        result.activities.append(message)
    elif global_num == DEVICE_INFO:
        result.devices.append(message)
    elif global_num == TIMESTAMP_CORRELATION:
        result.correlations.append(message)


def _crc_table() -> list[int]:
    """Byte-at-a-time table of the FIT CRC-16 (the reflected polynomial 0xA001)."""
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC_TABLE = _crc_table()
_CRC_TABLE_NP = np.array(_CRC_TABLE, dtype=np.uint16)
# Below this size a plain loop beats numpy's fixed cost per step.
_SMALL = 1_024
# numpy steps through a chunk's bytes one column at a time (a few microseconds each) and
# Python then folds the chunks' CRCs (about 0.1 microsecond each): a chunk of about
# sqrt(size / 30) bytes balances the two, so small files no longer pay for 256 steps.
_CHUNK_SIZES = (16, 32, 64, 128, 256)


def _crc_python(data: bytes, crc: int = 0) -> int:
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


@functools.cache
def _advance_tables(chunk: int) -> tuple[list[int], list[int]]:
    """Tables for moving a CRC past ``chunk`` zero bytes; the move is linear in the CRC."""
    zeros = bytes(chunk)
    bits = [_crc_python(zeros, 1 << i) for i in range(16)]

    def move(crc: int) -> int:
        out = 0
        for i in range(16):
            if crc >> i & 1:
                out ^= bits[i]
        return out

    return [move(b) for b in range(256)], [move(b << 8) for b in range(256)]


def _chunk_for(size: int) -> int:
    best = math.sqrt(size / 30)
    return next((c for c in _CHUNK_SIZES if c >= best), _CHUNK_SIZES[-1])


def crc16(data: bytes) -> int:
    """The FIT CRC-16 of ``data``.

    A byte-by-byte loop in Python would cost more than the whole walk, so larger inputs
    are cut into chunks whose CRCs numpy computes side by side; the CRC is linear, so the
    chunks' CRCs combine into the whole's. Leading zero bytes leave a CRC starting at 0
    unchanged, which lets the first chunk be padded at the front.
    """
    if len(data) < _SMALL:
        return _crc_python(data)
    chunk = _chunk_for(len(data))
    padded = bytes(-len(data) % chunk) + data
    columns = np.frombuffer(padded, dtype=np.uint8).reshape(-1, chunk).T.copy()
    crcs = np.zeros(columns.shape[1], dtype=np.uint16)
    table = _CRC_TABLE_NP
    for column in columns:
        crcs = (crcs >> 8) ^ table[(crcs ^ column) & 0xFF]
    crc = 0
    low, high = _advance_tables(chunk)
    for chunk_crc in crcs.tolist():
        crc = low[crc & 0xFF] ^ high[crc >> 8] ^ chunk_crc
    return crc
