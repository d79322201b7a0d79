"""The demo clinic's diary: the therapist's opening hours, and for each demo runner a past
appointment and (unless a red flag sends them to a doctor first) a next one.

The next appointments are booked through ``services.book`` on the first free slot a week or
two ahead, so the demo takes the path a real booking takes; past ones are written as they
would have been booked then (a booking in the past is refused by design).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from runcare.web.accounts.models import User
from runcare.web.booking import services
from runcare.web.booking.models import Appointment, OpeningHours
from runcare.web.care.models import SessionNote
from runcare.web.clinic.models import Intake, RedFlagLevel

# Monday to Friday 9-12 and 13-18 (a lunch gap), Saturday morning.
HOURS = [
    *((d, time(9), time(12)) for d in range(5)),
    *((d, time(13), time(18)) for d in range(5)),
    (5, time(9), time(13)),
]
LENGTHS_MIN = [30, 45, 60]
SATURDAY = 5


def seed_hours(therapist: User) -> bool:
    """Opening hours and session lengths; nothing if she has hours already."""
    if OpeningHours.objects.filter(therapist=therapist).exists():
        return False
    row = services.settings_for(therapist)
    row.session_lengths_min = LENGTHS_MIN
    row.save()
    OpeningHours.objects.bulk_create(
        OpeningHours(therapist=therapist, weekday=d, start=s, end=e) for d, s, e in HOURS
    )
    return True


def _past_start(therapist: User, now: datetime, days_ago: int, hour: int) -> datetime:
    """``hour`` o'clock on a weekday about ``days_ago`` days back, in her zone."""
    day = (now - timedelta(days=days_ago)).astimezone(therapist.zone).date()
    while day.weekday() >= SATURDAY:
        day -= timedelta(days=1)
    return datetime.combine(day, time(hour), tzinfo=therapist.zone)


def seed_appointments(
    runner: User,
    therapist: User,
    now: datetime,
    *,
    days_ago: int,
    next_in_days: int,
    soon_within: timedelta | None = None,
) -> bool:
    """A past session ``days_ago`` days back and the next one on the first free hour from
    ``next_in_days`` days ahead (booked from the latest signed note, if any), and with
    ``soon_within`` one more that starts inside that window (``seed_soon``); nothing if the
    runner has appointments already."""
    if Appointment.objects.filter(runner=runner).exists():
        return False
    start = _past_start(therapist, now, days_ago, 10 + days_ago % 6)
    Appointment.objects.create(
        therapist=therapist,
        runner=runner,
        start_utc=start,
        end_utc=start + timedelta(minutes=60),
        booked_by=therapist,
        created_at=start - timedelta(days=14),
        updated_at=start - timedelta(days=14),
    )
    latest = Intake.objects.filter(runner=runner, is_latest=True).first()
    if latest is not None and latest.red_flag_level != RedFlagLevel.NONE:
        return True  # a doctor first: no next massage booked
    note = SessionNote.objects.filter(runner=runner, signed_at__isnull=False)
    after = now + timedelta(days=next_in_days)
    slots = services.offer(runner, therapist, 60, now).slots
    chosen = next((s for s in slots if s.start_utc >= after), None)
    if chosen is not None:
        services.book(
            runner,
            chosen.start_utc,
            60,
            therapist,
            now=now,
            session_note=note.order_by("signed_at").last(),
        )
    if soon_within is not None:
        seed_soon(runner, therapist, now, soon_within)
    return True


# A soon session starts at least this long after the seeding: time to open the demo and run
# ``runcare send-reminders`` before it begins.
SOON_LEAD = timedelta(hours=2)
# Outside her hours, a soon session still starts on a working day's hour: 9:00 to 17:00.
FIRST_HOUR, LAST_HOUR = 9, 17


def seed_soon(runner: User, therapist: User, now: datetime, within: timedelta) -> Appointment:
    """A session starting between ``SOON_LEAD`` and ``within`` after ``now``, so that
    ``runcare send-reminders`` (whose window is ``within``) has a reminder to send.

    The first free hour of her opening hours in that window, booked the way she books. At
    night before a Sunday no opening hour falls inside a day's window: then the first whole
    hour from 9:00 to 17:00 of her clock in the window, written as the past sessions are,
    outside her hours, as a therapist may arrange with a client by phone.
    """
    last = now + within - timedelta(minutes=1)
    slots = services.offer(runner, therapist, 60, now).slots
    chosen = next((s for s in slots if now + SOON_LEAD <= s.start_utc <= last), None)
    if chosen is not None:
        return services.book(runner, chosen.start_utc, 60, therapist, now=now)
    local = (now + SOON_LEAD).astimezone(therapist.zone)
    start = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    while not FIRST_HOUR <= start.hour <= LAST_HOUR:
        start += timedelta(hours=1)
    start = start.astimezone(UTC)
    return Appointment.objects.create(
        therapist=therapist,
        runner=runner,
        start_utc=start,
        end_utc=start + timedelta(minutes=60),
        booked_by=therapist,
        created_at=now,
        updated_at=now,
    )
