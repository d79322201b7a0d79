"""Small activity documents built in the tests, so each test shows its own input."""

from __future__ import annotations

import io
import math
import struct
import zipfile
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
# When the tests' imports run: a start after it (and a day) is a wrong clock.
NOW = datetime(2027, 1, 1, tzinfo=UTC)
# One degree of latitude on the mean-radius sphere, in metres.
M_PER_DEG_LAT = 6_371_008.8 * math.pi / 180


def gpx_run(
    start: datetime = START,
    *,
    distance_m: float = 5000.0,
    step_s: int = 5,
    speed_m_s: float = 3.0,
    activity_type: str = "running",
) -> bytes:
    """A straight northward run at constant speed: its length is known exactly."""
    points = []
    n = max(1, round(distance_m / (speed_m_s * step_s)))
    step_m = distance_m / n  # so that the track is exactly distance_m long
    for i in range(n + 1):
        lat = 46.0 + (i * step_m) / M_PER_DEG_LAT
        t = (start + timedelta(seconds=i * step_s)).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(f'<trkpt lat="{lat:.9f}" lon="14.5"><ele>300</ele><time>{t}</time></trkpt>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>{activity_type}</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def zip_bytes(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


Edits = list[tuple[int, bytes]]


def edits_of(data: bytes) -> st.SearchStrategy[Edits]:
    """A few overwrites at random places of ``data``, for garbling a valid file."""
    return st.lists(
        st.tuples(st.integers(0, len(data) - 1), st.binary(min_size=0, max_size=4)),
        min_size=1,
        max_size=6,
    )


def garble(data: bytes, edits: Edits) -> bytes:
    garbled = bytearray(data)
    for position, replacement in edits:
        # Overwrite as many bytes as the replacement holds; an empty one deletes a byte.
        garbled[position : position + max(1, len(replacement))] = replacement
    return bytes(garbled)


def repeated_member_zip(names: Iterable[str], data: bytes) -> bytes:
    """A zip whose members all hold ``data``, deflated once: archives of thousands of large
    members are built in milliseconds and never held unpacked."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = deflater.compress(data) + deflater.flush()
    crc = zlib.crc32(data)
    # version 2.0, no flags, deflate, 1980-01-01 00:00, CRC, sizes.
    common = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(body), len(data))
    out = io.BytesIO()
    central = io.BytesIO()
    count = 0
    for name in names:
        encoded = name.encode()
        offset = out.tell()
        out.write(b"PK\x03\x04" + common + struct.pack("<HH", len(encoded), 0) + encoded + body)
        central.write(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + common
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )
        count += 1
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()
