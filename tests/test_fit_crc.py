"""The fast FIT CRC agrees with the plain byte-by-byte definition at every size."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities.fit_fast import _crc_python, crc16


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=0, max_size=70_000))
def test_it_matches_the_byte_by_byte_crc(data: bytes) -> None:
    assert crc16(data) == _crc_python(data)


def test_it_matches_at_the_chunk_boundaries() -> None:
    for size in (1023, 1024, 1025, 4095, 4096, 30_001, 491_520, 491_521):
        data = bytes((i * 7919) & 0xFF for i in range(size))
        assert crc16(data) == _crc_python(data), size


def test_it_gives_the_known_check_value() -> None:
    # CRC-16/ARC (the FIT CRC) of the ASCII digits 1 to 9 is 0xBB3D by definition.
    assert crc16(b"123456789") == 0xBB3D
    assert crc16(b"123456789" * 200) == _crc_python(b"123456789" * 200)
