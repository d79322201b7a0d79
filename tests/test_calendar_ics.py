"""Appointments as iCalendar files, parsed back with the icalendar library."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from runcare.calendar import (
    CANCELLED_KEPT,
    PAST_KEPT,
    PRODID,
    CalendarError,
    CalendarEvent,
    build_calendar,
    event_uid,
    select_for_feed,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 20, 9, 30, tzinfo=UTC)
UID = UUID("12345678-1234-5678-1234-567812345678")


def event(**changes: object) -> CalendarEvent:
    fields: dict[str, object] = {
        "uid": UID,
        "start_utc": datetime(2026, 3, 24, 15, 0, tzinfo=UTC),
        "end_utc": datetime(2026, 3, 24, 16, 0, tzinfo=UTC),
        "summary": "Massage session with Thea",
        "updated_utc": datetime(2026, 3, 18, 12, 0, tzinfo=UTC),
    }
    return CalendarEvent(**(fields | changes))  # type: ignore[arg-type]


def parsed(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def only_event(data: bytes) -> Calendar:
    (vevent,) = parsed(data).walk("VEVENT")
    return vevent


def test_it_writes_each_property_of_a_booked_appointment() -> None:
    data = build_calendar(
        [event(description="Booked in runcare.", location="Praxis Thea, Hauptstr. 1")],
        now=NOW,
        method="PUBLISH",
    )
    calendar = parsed(data)
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    vevent = only_event(data)
    assert str(vevent["UID"]) == "12345678-1234-5678-1234-567812345678@runcare"
    assert vevent.decoded("DTSTART") == datetime(2026, 3, 24, 15, 0, tzinfo=UTC)
    assert vevent.decoded("DTEND") == datetime(2026, 3, 24, 16, 0, tzinfo=UTC)
    assert vevent.decoded("DTSTAMP") == NOW
    assert vevent.decoded("LAST-MODIFIED") == datetime(2026, 3, 18, 12, 0, tzinfo=UTC)
    assert int(vevent["SEQUENCE"]) == 0
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["TRANSP"]) == "OPAQUE"
    assert str(vevent["SUMMARY"]) == "Massage session with Thea"
    assert str(vevent["DESCRIPTION"]) == "Booked in runcare."
    assert str(vevent["LOCATION"]) == "Praxis Thea, Hauptstr. 1"


def test_it_writes_times_in_utc_with_the_z_suffix() -> None:
    data = build_calendar([event()], now=NOW).decode()
    assert "DTSTART:20260324T150000Z" in data
    assert "DTEND:20260324T160000Z" in data
    assert "VTIMEZONE" not in data


@pytest.mark.parametrize(
    ("local_start", "utc_start"),
    [
        # The last Sunday of March: Berlin moves from UTC+1 to UTC+2 at 02:00.
        (datetime(2026, 3, 28, 10, 0, tzinfo=BERLIN), datetime(2026, 3, 28, 9, 0, tzinfo=UTC)),
        (datetime(2026, 3, 29, 10, 0, tzinfo=BERLIN), datetime(2026, 3, 29, 8, 0, tzinfo=UTC)),
        # The last Sunday of October: back to UTC+1.
        (datetime(2026, 10, 24, 10, 0, tzinfo=BERLIN), datetime(2026, 10, 24, 8, 0, tzinfo=UTC)),
        (datetime(2026, 10, 25, 10, 0, tzinfo=BERLIN), datetime(2026, 10, 25, 9, 0, tzinfo=UTC)),
    ],
)
def test_it_is_right_on_both_sides_of_a_clock_change(
    local_start: datetime, utc_start: datetime
) -> None:
    data = build_calendar(
        [event(start_utc=local_start, end_utc=local_start + timedelta(minutes=45))], now=NOW
    )
    vevent = only_event(data)
    assert vevent.decoded("DTSTART") == utc_start
    assert vevent.decoded("DTEND") == utc_start + timedelta(minutes=45)
    assert vevent.decoded("DTSTART").astimezone(BERLIN).hour == 10


def test_a_moved_appointment_keeps_its_uid_and_has_a_higher_sequence() -> None:
    before = only_event(build_calendar([event()], now=NOW))
    moved = event(
        start_utc=datetime(2026, 3, 25, 9, 0, tzinfo=UTC),
        end_utc=datetime(2026, 3, 25, 10, 0, tzinfo=UTC),
        sequence=1,
    )
    after = only_event(build_calendar([moved], now=NOW))
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == datetime(2026, 3, 25, 9, 0, tzinfo=UTC)


def test_a_cancelled_appointment_says_so() -> None:
    vevent = only_event(build_calendar([event(cancelled=True, sequence=2)], now=NOW))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["TRANSP"]) == "TRANSPARENT"
    assert int(vevent["SEQUENCE"]) == 2
    assert str(vevent["SUMMARY"]) == "Cancelled: Massage session with Thea"


def test_a_feed_has_no_method_a_name_and_a_refresh_interval() -> None:
    calendar = parsed(build_calendar([event()], now=NOW, name="runcare: Rita"))
    assert "METHOD" not in calendar
    assert str(calendar["NAME"]) == "runcare: Rita"
    assert str(calendar["X-WR-CALNAME"]) == "runcare: Rita"
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=1)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"


def test_a_feed_stamps_events_with_their_last_change_so_a_refetch_reads_the_same() -> None:
    first = build_calendar([event()], now=NOW)
    later = build_calendar([event()], now=NOW + timedelta(hours=5))
    assert first == later
    assert only_event(first).decoded("DTSTAMP") == datetime(2026, 3, 18, 12, 0, tzinfo=UTC)


def test_an_empty_feed_is_still_a_calendar() -> None:
    calendar = parsed(build_calendar([], now=NOW, name="runcare"))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["PRODID"]) == PRODID


def test_it_keeps_the_uid_form() -> None:
    uid = uuid4()
    assert event_uid(uid) == f"{uid}@runcare"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_utc": datetime(2026, 3, 24, 15, 0)}, "no time zone"),
        ({"end_utc": datetime(2026, 3, 24, 15, 0, tzinfo=UTC)}, "end after it starts"),
        ({"end_utc": datetime(2026, 3, 24, 14, 0, tzinfo=UTC)}, "end after it starts"),
        ({"sequence": -1}, "cannot be negative"),
        ({"updated_utc": datetime(2026, 3, 24, 15, 0)}, "no time zone"),
    ],
)
def test_it_refuses_an_event_it_cannot_write_rightly(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(CalendarError, match=message):
        event(**changes)


def test_it_refuses_a_method_it_does_not_write() -> None:
    with pytest.raises(ValueError, match="METHOD"):
        build_calendar([event()], now=NOW, method="REQUEST")


@given(
    summary=st.text(min_size=1, max_size=80),
    description=st.text(max_size=200),
    location=st.text(max_size=80),
)
def test_any_words_round_trip_and_cannot_add_properties(
    summary: str, description: str, location: str
) -> None:
    # A name with a line break and "STATUS:CANCELLED" in it must stay text, not a property.
    summary = summary.replace("\r", "")
    description = description.replace("\r", "")
    location = location.replace("\r", "")
    data = build_calendar(
        [event(summary=summary, description=description, location=location)], now=NOW
    )
    vevent = only_event(data)
    assert str(vevent["SUMMARY"]) == summary
    assert str(vevent.get("DESCRIPTION", "")) == description
    assert str(vevent.get("LOCATION", "")) == location
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert len(parsed(data).walk("VEVENT")) == 1


def test_a_line_break_in_a_name_does_not_inject_a_property() -> None:
    data = build_calendar(
        [event(summary="Thea\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nBEGIN:VEVENT")], now=NOW
    )
    (vevent,) = parsed(data).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_the_feed_keeps_recent_cancellations_and_recent_history_only() -> None:
    future = event(uid=uuid4())
    recently_cancelled = event(
        uid=uuid4(), cancelled=True, cancelled_utc=NOW - CANCELLED_KEPT + timedelta(hours=1)
    )
    long_cancelled = event(
        uid=uuid4(), cancelled=True, cancelled_utc=NOW - CANCELLED_KEPT - timedelta(hours=1)
    )
    start = NOW - PAST_KEPT - timedelta(hours=2)
    long_past = event(uid=uuid4(), start_utc=start, end_utc=start + timedelta(hours=1))
    start = NOW - PAST_KEPT + timedelta(hours=2)
    recent_past = event(uid=uuid4(), start_utc=start, end_utc=start + timedelta(hours=1))
    kept = select_for_feed(
        [future, recently_cancelled, long_cancelled, long_past, recent_past], NOW
    )
    assert {e.uid for e in kept} == {future.uid, recently_cancelled.uid, recent_past.uid}
    assert kept[0] is recent_past


def test_a_cancellation_without_its_time_counts_from_the_last_change() -> None:
    old = event(cancelled=True, updated_utc=NOW - CANCELLED_KEPT - timedelta(days=1))
    assert select_for_feed([old], NOW) == []


moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@st.composite
def feed_events(draw: st.DrawFn) -> CalendarEvent:
    start = draw(moments)
    cancelled = draw(st.booleans())
    return CalendarEvent(
        uid=uuid4(),
        start_utc=start,
        end_utc=start + timedelta(minutes=draw(st.sampled_from([30, 45, 60]))),
        summary="Massage session with Thea",
        cancelled=cancelled,
        updated_utc=draw(moments),
        cancelled_utc=draw(moments) if cancelled else None,
    )


@given(st.lists(feed_events(), max_size=30), moments)
def test_the_feed_rule_holds_for_any_events(events: list[CalendarEvent], now: datetime) -> None:
    kept = select_for_feed(events, now)
    kept_ids = {e.uid for e in kept}
    for e in events:
        if not e.cancelled and e.end_utc >= now:
            assert e.uid in kept_ids, "an appointment still to come is always in the feed"
        if e.cancelled and e.cancelled_utc is not None and e.cancelled_utc < now - CANCELLED_KEPT:
            assert e.uid not in kept_ids, "a cancellation older than the kept time is gone"
        if not e.cancelled and e.end_utc < now - PAST_KEPT:
            assert e.uid not in kept_ids, "history older than the kept time is gone"
    assert [e.start_utc for e in kept] == sorted(e.start_utc for e in kept)
    uids = [str(v["UID"]) for v in parsed(build_calendar(kept, now=now)).walk("VEVENT")]
    assert uids == [event_uid(e.uid) for e in kept]
