"""Free slots and the check of a chosen time: opening hours in the therapist's zone, the
cut-off, existing bookings, DST nights, days without hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.booking import (
    BookingError,
    Busy,
    Hours,
    Refusal,
    change_refusal,
    free_slots,
    may_change,
    merge_hours,
    opening_intervals,
    refusal,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 3 June 2024, 06:00 UTC (08:00 in Berlin).
NOW = datetime(2024, 6, 3, 6, 0, tzinfo=UTC)
WEEKDAYS_9_TO_17 = [Hours(d, time(9), time(17)) for d in range(5)]


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = BERLIN) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


def local(slot_start: datetime, zone: ZoneInfo = BERLIN) -> str:
    return slot_start.astimezone(zone).strftime("%a %H:%M")


def test_it_offers_hourly_slots_on_the_step_grid_from_opening_to_closing() -> None:
    slots = free_slots([Hours(0, time(9), time(12))], BERLIN, 60, [], NOW, horizon_days=0)
    assert [local(s.start_utc) for s in slots] == [
        "Mon 09:00", "Mon 09:15", "Mon 09:30", "Mon 09:45", "Mon 10:00",
        "Mon 10:15", "Mon 10:30", "Mon 10:45", "Mon 11:00",
    ]  # fmt: skip
    assert all(s.end_utc - s.start_utc == timedelta(minutes=60) for s in slots)


def test_it_offers_nothing_in_the_past_nor_inside_the_cutoff() -> None:
    now = at(date(2024, 6, 3), 10, 5)
    slots = free_slots([Hours(0, time(9), time(12))], BERLIN, 30, [], now, horizon_days=0)
    assert local(slots[0].start_utc) == "Mon 10:15"
    later = free_slots(
        [Hours(0, time(9), time(12))], BERLIN, 30, [], now, cutoff_h=1, horizon_days=0
    )
    assert local(later[0].start_utc) == "Mon 11:15"


def test_it_leaves_out_every_slot_touching_a_booking_but_allows_back_to_back() -> None:
    day = date(2024, 6, 3)
    busy = [Busy(at(day, 10), at(day, 11))]
    slots = free_slots([Hours(0, time(9), time(12))], BERLIN, 60, busy, NOW, horizon_days=0)
    assert [local(s.start_utc) for s in slots] == ["Mon 09:00", "Mon 11:00"]


def test_it_keeps_the_lunch_gap_and_joins_touching_ranges() -> None:
    hours = [Hours(0, time(9), time(12)), Hours(0, time(13), time(15))]
    slots = free_slots(hours, BERLIN, 120, [], NOW, step_min=60, horizon_days=0)
    assert [local(s.start_utc) for s in slots] == ["Mon 09:00", "Mon 10:00", "Mon 13:00"]
    joined = merge_hours([Hours(0, time(12), time(15)), Hours(0, time(9), time(12))])
    assert joined == (Hours(0, time(9), time(15)),)


def test_a_day_without_hours_has_no_slots() -> None:
    slots = free_slots([Hours(2, time(9), time(17))], BERLIN, 60, [], NOW, horizon_days=1)
    assert slots == []


def test_the_horizon_ends_the_offer() -> None:
    slots = free_slots(WEEKDAYS_9_TO_17, BERLIN, 60, [], NOW, step_min=60, horizon_days=6)
    last_day = NOW.date() + timedelta(days=6)
    assert max(s.start_utc.astimezone(BERLIN).date() for s in slots) <= last_day
    assert len({s.start_utc.astimezone(BERLIN).date() for s in slots}) == 5


def test_hours_are_read_in_the_therapists_zone() -> None:
    slots = free_slots([Hours(0, time(9), time(10))], NEW_YORK, 60, [], NOW, horizon_days=0)
    assert [s.start_utc for s in slots] == [datetime(2024, 6, 3, 13, 0, tzinfo=UTC)]


@pytest.mark.parametrize(
    ("day", "start", "end", "real_hours"),
    [
        # Berlin springs forward on 31 March 2024 at 02:00 -> 03:00: the night is an hour short.
        (date(2024, 3, 31), time(1), time(4), 2),
        # ... and falls back on 27 October 2024 at 03:00 -> 02:00: an hour longer.
        (date(2024, 10, 27), time(1), time(4), 4),
        (date(2024, 10, 27), time(9), time(17), 8),
        # Opening at 02:30, a time the clock skips: the later reading, 03:30, is taken.
        (date(2024, 3, 31), time(2, 30), time(5), 1.5),
        # Closing inside the repeated hour: at its first reading, so never past 02:30.
        (date(2024, 10, 27), time(1), time(2, 30), 1.5),
        # A range wholly inside the repeated hour cannot be held without leaving it: dropped.
        (date(2024, 10, 27), time(2), time(2, 45), 0),
    ],
)
def test_dst_nights_give_the_real_length_of_the_opening(
    day: date, start: time, end: time, real_hours: float
) -> None:
    intervals = opening_intervals([Hours(day.weekday(), start, end)], BERLIN, day, day)
    total = sum((i.end_utc - i.start_utc for i in intervals), timedelta())
    assert total == timedelta(hours=real_hours)


@pytest.mark.parametrize(
    ("start", "cutoff_h", "busy", "why"),
    [
        (at(date(2024, 6, 3), 7), 0, [], Refusal.PAST),
        (at(date(2024, 6, 3), 10), 24, [], Refusal.CUTOFF),
        (at(date(2024, 6, 4), 10), 24, [], None),
        (at(date(2024, 6, 4), 8, 30), 0, [], Refusal.CLOSED),
        (at(date(2024, 6, 4), 16, 30), 0, [], Refusal.CLOSED),  # ends after closing
        (at(date(2024, 6, 8), 10), 0, [], Refusal.CLOSED),  # a Saturday
        (at(date(2024, 6, 4), 10, 7), 0, [], None),  # off the grid is fine
        (
            at(date(2024, 6, 4), 10),
            0,
            [Busy(at(date(2024, 6, 4), 10, 30), at(date(2024, 6, 4), 11, 30))],
            Refusal.TAKEN,
        ),
        (
            at(date(2024, 6, 4), 10),
            0,
            [Busy(at(date(2024, 6, 4), 11), at(date(2024, 6, 4), 12))],
            None,
        ),
    ],
)
def test_a_chosen_time_is_refused_for_the_first_reason_that_applies(
    start: datetime, cutoff_h: int, busy: list[Busy], why: Refusal | None
) -> None:
    assert refusal(start, 60, WEEKDAYS_9_TO_17, BERLIN, busy, now=NOW, cutoff_h=cutoff_h) is why


def test_changes_are_allowed_up_to_the_cutoff_inclusive() -> None:
    start = NOW + timedelta(hours=24)
    assert may_change(start, NOW, 24)
    assert not may_change(start, NOW + timedelta(seconds=1), 24)
    assert may_change(start, NOW + timedelta(hours=23), 0)


@given(
    offset_s=st.integers(min_value=-10 * 86400, max_value=10 * 86400),
    cutoff_h=st.integers(min_value=0, max_value=72),
)
def test_an_appointment_that_has_begun_may_not_change_whatever_the_cutoff(
    offset_s: int, cutoff_h: int
) -> None:
    start = NOW + timedelta(seconds=offset_s)
    why = change_refusal(start, NOW, cutoff_h)
    if start <= NOW:
        assert why is Refusal.STARTED
    elif start - timedelta(hours=cutoff_h) < NOW:
        assert why is Refusal.TOO_LATE_TO_CHANGE
    else:
        assert why is None
    assert may_change(start, NOW, cutoff_h) is (why is None)


def test_a_zero_cutoff_still_refuses_the_start_itself_and_the_past() -> None:
    assert change_refusal(NOW, NOW, 0) is Refusal.STARTED
    assert change_refusal(NOW - timedelta(days=3), NOW, 0) is Refusal.STARTED
    assert change_refusal(NOW + timedelta(seconds=1), NOW, 0) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((7, time(9), time(10)), "weekday 7"),
        ((0, time(10), time(9)), "end"),
        ((0, time(10), time(10)), "end"),
    ],
)
def test_nonsense_hours_are_refused_with_a_reason(
    args: tuple[int, time, time], message: str
) -> None:
    with pytest.raises(BookingError, match=message):
        Hours(*args)


def test_a_zero_length_or_naive_clock_is_refused() -> None:
    with pytest.raises(BookingError, match="more than 0"):
        free_slots(WEEKDAYS_9_TO_17, BERLIN, 0, [], NOW)
    with pytest.raises(BookingError, match="aware"):
        free_slots(WEEKDAYS_9_TO_17, BERLIN, 60, [], NOW.replace(tzinfo=None))


# --- properties -------------------------------------------------------------------------

ZONES = st.sampled_from(
    [BERLIN, NEW_YORK, ZoneInfo("Australia/Lord_Howe"), ZoneInfo("UTC"), ZoneInfo("Asia/Kolkata")]
)
QUARTERS = st.integers(0, 95).map(lambda q: time(q // 4, q % 4 * 15))


@st.composite
def hours_lists(draw: st.DrawFn) -> list[Hours]:
    out = []
    for _ in range(draw(st.integers(0, 8))):
        a, b = sorted(draw(st.lists(QUARTERS, min_size=2, max_size=2, unique=True)))
        out.append(Hours(draw(st.integers(0, 6)), a, b))
    return out


# Around the DST changes of both hemispheres and an ordinary week.
NOWS = st.sampled_from(
    [
        datetime(2024, 3, 29, 8, tzinfo=UTC),
        datetime(2024, 10, 25, 22, tzinfo=UTC),
        datetime(2024, 4, 5, 12, tzinfo=UTC),
        datetime(2024, 11, 1, 3, 7, tzinfo=UTC),
        datetime(2024, 6, 3, 6, tzinfo=UTC),
    ]
)


@st.composite
def busy_lists(draw: st.DrawFn, now: datetime) -> list[Busy]:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        start = now + timedelta(minutes=draw(st.integers(-60, 5 * 24 * 60)))
        out.append(Busy(start, start + timedelta(minutes=draw(st.integers(5, 180)))))
    return out


def _inside_hours(instant: datetime, hours: list[Hours], zone: ZoneInfo, *, end: bool) -> bool:
    wall = instant.astimezone(zone)
    clock = wall.time().replace(tzinfo=None)
    return any(
        h.weekday == wall.weekday()
        and h.start <= clock
        and (clock <= h.end if end else clock < h.end)
        for h in hours
    )


@given(
    hours=hours_lists(),
    zone=ZONES,
    now=NOWS,
    data=st.data(),
)
def test_every_slot_is_free_in_hours_after_the_cutoff_and_checks_out(
    hours: list[Hours], zone: ZoneInfo, now: datetime, data: st.DataObject
) -> None:
    length_min = data.draw(st.sampled_from([30, 45, 60, 90]), label="length_min")
    cutoff_h = data.draw(st.sampled_from([0, 2, 24]), label="cutoff_h")
    busy = data.draw(busy_lists(now))
    slots = free_slots(
        hours, zone, length_min, busy, now, cutoff_h=cutoff_h, horizon_days=5, step_min=15
    )
    for slot in slots:
        assert slot.end_utc - slot.start_utc == timedelta(minutes=length_min)
        assert slot.start_utc >= now + timedelta(hours=cutoff_h)
        assert not any(b.overlaps(slot.start_utc, slot.end_utc) for b in busy)
        # Every instant of the slot (checked each 5 minutes) shows an opening time on the
        # therapist's clock, DST nights included.
        instants = [slot.start_utc + timedelta(minutes=m) for m in range(0, length_min, 5)]
        assert all(_inside_hours(t, hours, zone, end=False) for t in instants)
        assert _inside_hours(slot.end_utc, hours, zone, end=True)
        # The check of a chosen time agrees with the offer.
        assert (
            refusal(slot.start_utc, length_min, hours, zone, busy, now=now, cutoff_h=cutoff_h)
            is None
        )
    assert len(set(slots)) == len(slots)
    if not hours:
        assert slots == []


@given(hours=hours_lists(), zone=ZONES, now=NOWS)
def test_a_booked_slot_is_no_longer_offered(
    hours: list[Hours], zone: ZoneInfo, now: datetime
) -> None:
    slots = free_slots(hours, zone, 60, [], now, horizon_days=3)
    if slots:
        taken = slots[len(slots) // 2]
        busy = [Busy(taken.start_utc, taken.end_utc)]
        again = free_slots(hours, zone, 60, busy, now, horizon_days=3)
        assert all(not busy[0].overlaps(s.start_utc, s.end_utc) for s in again)
        assert refusal(taken.start_utc, 60, hours, zone, busy, now=now) is Refusal.TAKEN
