"""Opening hours and session lengths as typed on the settings page."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.booking import BookingError, Hours, format_ranges, parse_lengths, parse_ranges


@pytest.mark.parametrize(
    ("typed", "ranges"),
    [
        ("", []),
        ("   ", []),
        ("9:00-12:00", [(time(9), time(12))]),
        ("9-12, 13-17", [(time(9), time(12)), (time(13), time(17))]),
        ("13:00 - 17:30; 08.15-11h45", [(time(8, 15), time(11, 45)), (time(13), time(17, 30))]),
        ("9 to 17", [(time(9), time(17))]),
        ("9:00\u201317:00", [(time(9), time(17))]),
    ],
)
def test_it_reads_the_ways_people_write_hours(typed: str, ranges: list[tuple[time, time]]) -> None:
    assert parse_ranges(typed, 2) == [Hours(2, a, b) for a, b in ranges]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("9", "not a range"),
        ("9-12-15", "not a range"),
        ("24:00-25:00", "not a time of day"),
        ("9:60-10", "not a time of day"),
        ("noon-17", "not a time of day"),
        ("17-9", "before they start"),
        ("9-9", "before they start"),
    ],
)
def test_it_says_what_is_wrong_with_typed_hours(typed: str, said: str) -> None:
    with pytest.raises(BookingError, match=said):
        parse_ranges(typed, 0)


@pytest.mark.parametrize(
    ("typed", "lengths"), [("60", [60]), ("45, 30 60", [30, 45, 60]), ("30,30", [30])]
)
def test_it_reads_session_lengths(typed: str, lengths: list[int]) -> None:
    assert parse_lengths(typed) == lengths


@pytest.mark.parametrize("typed", ["", "0", "4", "241", "sixty", "-30", "1.5"])
def test_it_refuses_lengths_that_are_no_session(typed: str) -> None:
    with pytest.raises(BookingError):
        parse_lengths(typed)


QUARTERS = st.integers(0, 24 * 60 - 1).map(lambda m: time(m // 60, m % 60))


@given(st.lists(st.lists(QUARTERS, min_size=2, max_size=2, unique=True), max_size=5))
def test_written_hours_read_back_the_same(pairs: list[list[time]]) -> None:
    ranges = [Hours(4, *sorted(pair)) for pair in pairs]
    assert parse_ranges(format_ranges(ranges), 4) == sorted(ranges)
