"""Calendars on the web: one appointment as a file, the private feed, the Calendar page.
Every file is parsed back with the icalendar library."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from runcare.web.booking.models import Appointment, Status
from runcare.web.calendars.models import CalendarFeed, hash_token
from runcare.web.calendars.views import NEW_LINK_KEY
from runcare.web.rights.erase import erase_runner
from runcare.web.rights.export import records_by_kind
from tests.web.calendar_helpers import appointment
from tests.web.conftest import Personas, client_for, make_user

pytestmark = pytest.mark.django_db

PAGE = reverse("calendars:page")


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    # Password hashing is not under test here; Argon2 would make every persona slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def soon(days: int = 3, hour: int = 9) -> datetime:
    day = timezone.now().date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


@pytest.fixture
def booked(personas: Personas) -> Appointment:
    return appointment(personas.runner, soon(), timezone.now())


def file_url(item: Appointment) -> str:
    return reverse("calendars:appointment", args=[item.pk])


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def new_feed_url(client: Client) -> str:
    """Make a link as a person would, and read it from the page shown once."""
    response = client.post(reverse("calendars:new_link"), follow=True)
    assert response.status_code == 200
    link = response.context["link"]
    assert link and "/calendar/feed/" in link
    return str(link).split("testserver", 1)[1]


# --- one appointment as a file ---------------------------------------------------------


def test_the_runner_downloads_her_appointment(booked: Appointment, runner_client: Client) -> None:
    response = runner_client.get(file_url(booked))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="massage-session-')
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{booked.uid}@runcare"
    assert event.decoded("DTSTART") == booked.start_utc
    assert event.decoded("DTEND") == booked.end_utc
    assert str(event["SUMMARY"]) == "Massage session with Thea Therapist"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_her_therapist_downloads_it_with_the_clients_name(
    booked: Appointment, therapist_client: Client
) -> None:
    response = therapist_client.get(file_url(booked))
    assert response.status_code == 200
    (event,) = events(response.content)
    assert str(event["SUMMARY"]) == "Massage session: Rita Runner"


@pytest.mark.parametrize("who", ["stranger", "other_therapist"])
def test_anyone_else_gets_404(booked: Appointment, personas: Personas, who: str) -> None:
    client = client_for(getattr(personas, who))
    assert client.get(file_url(booked)).status_code == 404


def test_a_missing_appointment_is_the_same_404(runner_client: Client) -> None:
    assert runner_client.get(reverse("calendars:appointment", args=[999999])).status_code == 404


def test_nobody_logged_in_is_sent_to_log_in(booked: Appointment, client: Client) -> None:
    response = client.get(file_url(booked))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_moved_appointment_keeps_its_uid_with_a_higher_sequence(
    booked: Appointment, runner_client: Client
) -> None:
    (before,) = events(runner_client.get(file_url(booked)).content)
    Appointment.objects.filter(pk=booked.pk).update(
        start_utc=booked.start_utc + timedelta(days=1),
        end_utc=booked.end_utc + timedelta(days=1),
        sequence=1,
        updated_at=timezone.now(),
    )
    (after,) = events(runner_client.get(file_url(booked)).content)
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == booked.start_utc + timedelta(days=1)


def test_files_are_not_kept_by_shared_caches(booked: Appointment, runner_client: Client) -> None:
    response = runner_client.get(file_url(booked))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


# --- the private feed ------------------------------------------------------------------


def test_the_runners_feed_holds_her_appointments_only(
    personas: Personas, booked: Appointment, runner_client: Client
) -> None:
    other_runner = make_user("ruth_runner", "runner", personas.therapist)
    appointment(other_runner, soon(4), timezone.now())
    appointment(personas.stranger, soon(4), timezone.now())
    url = new_feed_url(runner_client)
    response = Client().get(url)  # a calendar app: no login, no cookies
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert "METHOD" not in calendar
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{booked.uid}@runcare"
    assert str(event["SUMMARY"]) == "Massage session with Thea Therapist"


def test_the_therapists_feed_holds_all_hers_with_client_names_only(
    personas: Personas, booked: Appointment, therapist_client: Client
) -> None:
    other_runner = make_user("ruth_runner", "runner", personas.therapist)
    appointment(other_runner, soon(4), timezone.now())
    appointment(personas.stranger, soon(5), timezone.now())
    data = Client().get(new_feed_url(therapist_client)).content
    summaries = sorted(str(e["SUMMARY"]) for e in events(data))
    assert summaries == ["Massage session: Rita Runner", "Massage session: Ruth Runner"]
    assert b"Sam Stranger" not in data


def test_a_cancelled_appointment_stays_in_the_feed_as_cancelled_for_a_while(
    personas: Personas, booked: Appointment, runner_client: Client
) -> None:
    url = new_feed_url(runner_client)
    now = timezone.now()
    Appointment.objects.filter(pk=booked.pk).update(
        status=Status.CANCELLED, cancelled_at=now, updated_at=now, sequence=1
    )
    (event,) = events(Client().get(url).content)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    long_ago = now - timedelta(days=31)
    Appointment.objects.filter(pk=booked.pk).update(cancelled_at=long_ago, updated_at=long_ago)
    assert events(Client().get(url).content) == []


def test_the_feed_is_private_and_leaks_no_referrer(
    booked: Appointment, runner_client: Client
) -> None:
    response = Client().get(new_feed_url(runner_client))
    cache = response["Cache-Control"]
    assert "private" in cache and "no-store" in cache
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_site_sends_same_origin_referrers(runner_client: Client) -> None:
    assert runner_client.get(PAGE)["Referrer-Policy"] == "same-origin"


def test_a_calendar_app_may_ask_with_head_first(booked: Appointment, runner_client: Client) -> None:
    url = new_feed_url(runner_client)
    assert Client().head(url).status_code == 200
    assert Client().post(url).status_code == 405


def test_the_feed_reads_the_database_the_same_few_times_however_many_appointments(
    personas: Personas, therapist_client: Client, django_assert_max_num_queries: Any
) -> None:
    url = new_feed_url(therapist_client)
    runners = [make_user(f"runner_{n}", "runner", personas.therapist) for n in range(20)]
    for n, runner in enumerate(runners):
        appointment(runner, soon(1 + n % 10, 8 + n % 9), timezone.now())
    with django_assert_max_num_queries(2):
        data = Client().get(url).content
    assert len(events(data)) == 20


def test_a_new_link_revokes_the_old_one(booked: Appointment, runner_client: Client) -> None:
    old = new_feed_url(runner_client)
    new = new_feed_url(runner_client)
    assert old != new
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert CalendarFeed.objects.count() == 1


def test_a_deactivated_account_s_feed_stops(
    personas: Personas, booked: Appointment, runner_client: Client
) -> None:
    url = new_feed_url(runner_client)
    personas.runner.is_active = False
    personas.runner.save()
    assert Client().get(url).status_code == 404


def test_turning_the_link_off_stops_it(booked: Appointment, runner_client: Client) -> None:
    url = new_feed_url(runner_client)
    response = runner_client.post(reverse("calendars:stop_link"), follow=True)
    assert "stopped working" in response.content.decode()
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize(
    "token",
    ["", "x", "a" * 43, "../../etc/passwd", "%00", "A" * 5000],
)
def test_a_wrong_or_odd_token_gets_404(booked: Appointment, client: Client, token: str) -> None:
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404


def test_only_a_hash_of_the_secret_is_stored(runner_client: Client) -> None:
    url = new_feed_url(runner_client)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 43
    feed = CalendarFeed.objects.get()
    assert feed.token_sha256 == hash_token(token)
    assert token not in json.dumps(list(CalendarFeed.objects.values()), default=str)


def test_the_link_is_shown_once(runner_client: Client) -> None:
    url = new_feed_url(runner_client)
    again = runner_client.get(PAGE)
    assert again.context["link"] is None
    assert url not in again.content.decode()
    assert "Make a new link" in again.content.decode()
    assert NEW_LINK_KEY not in runner_client.session


def test_the_page_shows_the_link_with_a_copy_button_and_webcal(runner_client: Client) -> None:
    page = runner_client.post(reverse("calendars:new_link"), follow=True).content.decode()
    assert 'data-copy="feed-link"' in page
    assert 'href="webcal://testserver/calendar/feed/' in page
    assert "runcare/copy.js" in page


@pytest.mark.parametrize("who", ["runner", "therapist", "stranger"])
def test_each_person_has_a_feed_of_their_own(personas: Personas, who: str) -> None:
    client = client_for(getattr(personas, who))
    token = new_feed_url(client).rsplit("/", 1)[1].removesuffix(".ics")
    assert CalendarFeed.objects.get(token_sha256=hash_token(token)).person == getattr(personas, who)


def test_making_a_link_needs_a_post_and_a_login(client: Client, runner_client: Client) -> None:
    assert runner_client.get(reverse("calendars:new_link")).status_code == 405
    response = client.post(reverse("calendars:new_link"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CalendarFeed.objects.exists()


# --- data rights -----------------------------------------------------------------------


def test_the_export_says_a_link_exists_without_its_secret(personas: Personas) -> None:
    feed, token = CalendarFeed.issue(personas.runner, timezone.now())
    (record,) = records_by_kind(personas.runner)["calendar_feeds"]
    assert record["id"] == feed.pk and record["person_id"] == personas.runner.pk
    assert "token_sha256" not in record
    assert token not in json.dumps(record) and feed.token_sha256 not in json.dumps(record)


def test_erasure_removes_the_link_and_the_feed_stops(
    personas: Personas, booked: Appointment, runner_client: Client
) -> None:
    url = new_feed_url(runner_client)
    erase_runner(personas.runner, personas.therapist, now=timezone.now())
    assert not CalendarFeed.objects.filter(person_id=booked.runner_id).exists()
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "name"), [("runner", "booking:mine"), ("therapist", "booking:diary")]
)
def test_the_page_links_to_the_appointments_each_can_download(
    personas: Personas, who: str, name: str
) -> None:
    page = client_for(getattr(personas, who)).get(reverse("calendars:page")).content.decode()
    assert f'<a href="{reverse(name)}" data-appointments-link>your appointments</a>' in page


def test_the_export_zip_from_the_page_holds_the_feed(personas: Personas) -> None:
    CalendarFeed.issue(personas.runner, timezone.now())
    response = client_for(personas.runner).post(reverse("rights:export", args=[personas.runner.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("calendar_feeds.json"))
    assert data["kind"] == "calendar_feeds" and len(data["records"]) == 1


@pytest.mark.parametrize("who", ["runner", "therapist"])
def test_the_appointment_page_offers_its_file_and_the_calendar(
    booked: Appointment, personas: Personas, who: str
) -> None:
    page = client_for(getattr(personas, who)).get(reverse("booking:appointment", args=[booked.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{file_url(booked)}"' in html and f'href="{PAGE}"' in html
