"""The run plan, booking, calendars and reminders together, on the demo clinic, through the
real pages: a demo runner logs a painful run and sees her plan change with the reason, the
demo therapist books her next session, both see it in their calendar feeds, and the
reminder arrives once however often (and from however many places at once) the reminder
command runs. Runs on SQLite and, with DATABASE_URL set, on PostgreSQL."""

from __future__ import annotations

import html
import math
import re
import threading
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from runcare.cli.main import main
from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment
from runcare.web.training.queries import runner_today
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://care.example.org"


@pytest.fixture(autouse=True)
def quick_local_mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = SITE


def first_planned_run(page: str) -> tuple[str, int, str]:
    """The day, distance and reason of the first run on a plan page."""
    found = re.search(
        r'<li class="plan-run" data-day="([0-9-]+)" data-distance-m="(\d+)">(.*?)</li>',
        page,
        re.S,
    )
    assert found is not None, "no planned run on the page"
    return found[1], int(found[2]), html.unescape(found[3])


def plan_changes(page: str) -> str:
    found = re.search(r'<div class="plan-changes" role="status">(.*?)</div>', page, re.S)
    assert found is not None, "the plan page says nothing changed"
    return html.unescape(re.sub(r"<[^>]+>", " ", found[1]))


def feed_events(person: User) -> list[Any]:
    """Make the person's calendar link on the Calendar page, then fetch it as a calendar app
    does: without logging in."""
    page = client_for(person).post(reverse("calendars:new_link"), follow=True)
    assert page.status_code == 200
    link = re.search(r'id="feed-link" class="copy" readonly value="([^"]+)"', page.text)
    assert link is not None, "the Calendar page shows no link"
    feed = Client().get(urlsplit(html.unescape(link[1])).path)
    assert feed.status_code == 200
    return list(Calendar.from_ical(feed.content).walk("VEVENT"))


def the_event(events: list[Any], booked: Appointment) -> Any:
    (event,) = (e for e in events if str(e["UID"]) == f"{booked.uid}@runcare")
    return event


def reminders_for(booked: Appointment) -> list[Any]:
    """The mails whose attached calendar file is this appointment."""
    found = []
    for message in mail.outbox:
        for _, content, _ in message.attachments:
            uids = {str(e["UID"]) for e in Calendar.from_ical(content).walk("VEVENT")}
            if f"{booked.uid}@runcare" in uids:
                found.append(message)
    return found


def send_reminders_command(before_h: int) -> int:
    return main(["send-reminders", "--before-h", str(before_h)])


def test_a_painful_run_a_booked_session_both_calendars_and_one_reminder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = timezone.now()
    demo.seed_demo(now)
    mia = User.objects.get(username=demo.TOO_MUCH)
    therapist = User.objects.get(username=demo.THERAPIST)
    runner_client, therapist_client = client_for(mia), client_for(therapist)

    # 1. A painful run: the next planned run steps back, and the page says why.
    plan_url = reverse("runplan:plan", args=[mia.pk])
    day_before, distance_before, _ = first_planned_run(runner_client.get(plan_url).text)
    assert distance_before > 0
    today = runner_today(mia, timezone.now())
    saved = runner_client.post(
        reverse("runplan:pain"),
        {"day": today.isoformat(), "region": "hip_front_left", "during_0_10": "7"},
        follow=True,
    )
    assert saved.redirect_chain[-1][0] == plan_url
    assert "Your plan changed" in saved.text
    day_after, distance_after, why = first_planned_run(saved.text)
    assert day_after == day_before
    assert distance_after < distance_before
    assert "Stepped back" in why
    changed = plan_changes(saved.text)
    assert "shorter" in changed and "above 5" in changed
    # Her therapist reads the same plan on her page.
    assert first_planned_run(therapist_client.get(plan_url).text)[1] == distance_after

    # 2. The therapist books Mia's next session on the booking page: the first free time.
    book_url = reverse("booking:book", args=[mia.pk])
    offered = therapist_client.get(book_url, {"length": "60"})
    assert offered.status_code == 200
    first_slot = re.search(
        r'<button type="submit" class="slot" name="start" value="([^"]+)"', offered.text
    )
    assert first_slot is not None, "no free time offered"
    start = datetime.fromisoformat(html.unescape(first_slot[1]))
    booked_page = therapist_client.post(
        book_url, {"start": start.isoformat(), "length": "60"}, follow=True
    )
    assert "Booked." in booked_page.text
    booked = Appointment.objects.get(runner=mia, start_utc=start)
    assert booked_page.redirect_chain[-1][0] == reverse("booking:appointment", args=[booked.pk])
    assert (booked.booked_by, booked.therapist, booked.length_min) == (therapist, therapist, 60)
    # It is her next session now, earlier than the one the demo had booked a week ahead.
    upcoming = Appointment.objects.filter(runner=mia, start_utc__gt=timezone.now())
    assert min(a.start_utc for a in upcoming) == booked.start_utc
    assert upcoming.count() == 2

    # 3. Both calendars: the same event, at the booked times, confirmed.
    for person in (mia, therapist):
        event = the_event(feed_events(person), booked)
        assert event.decoded("DTSTART") == booked.start_utc
        assert event.decoded("DTEND") == booked.start_utc + timedelta(minutes=60)
        assert str(event["STATUS"]) == "CONFIRMED"
        assert int(event["SEQUENCE"]) == 0

    # 4. Reminders: twice at the same moment, then three times more: one mail.
    before_h = math.ceil((booked.start_utc - timezone.now()) / timedelta(hours=1)) + 1
    assert before_h <= 7 * 24
    start_together = threading.Barrier(2)
    codes: list[int] = []
    errors: list[BaseException] = []

    def run_at_once() -> None:
        try:
            start_together.wait()
            codes.append(send_reminders_command(before_h))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run_at_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and codes == [0, 0]
    for _ in range(3):
        assert send_reminders_command(before_h) == 0
    (reminder,) = reminders_for(booked)
    assert reminder.to == ["mia@example.org"]
    assert "Hanna Berg" in reminder.subject
    local = booked.start_utc.astimezone(mia.zone)
    assert f"at {local:%H:%M}" in reminder.subject
    assert f"{SITE}/booking/appointments/{booked.pk}/" in reminder.body
    assert f"{SITE}/calendar/appointments/{booked.pk}.ics" in reminder.body
    booked.refresh_from_db()
    assert booked.reminder_sent_at is not None
    printed = capsys.readouterr().out
    assert printed.count("Sent ") == 5
