"""The booking pages: opening hours, picking a time, one appointment, moving and
cancelling; three personas on each, and the next session on the dashboard and client page."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.web.accounts.models import User
from runcare.web.booking import services
from runcare.web.booking.models import Appointment, BookingSettings, OpeningHours, Status
from tests.web.care_helpers import note_for
from tests.web.conftest import Personas, client_for
from tests.web.helpers import add_intake

ZONE = "Europe/Berlin"


@pytest.fixture
def opened(personas: Personas) -> Personas:
    """Open every day 00:00-23:45 in Berlin, so free times exist whatever the real clock."""
    for person in (personas.therapist, personas.runner):
        person.time_zone = ZONE
        person.save(update_fields=["time_zone"])
    BookingSettings.objects.create(
        therapist=personas.therapist, session_lengths_min=[30, 60], cutoff_h=24
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            therapist=personas.therapist, weekday=weekday, start=time(0), end=time(23, 45)
        )
    return personas


def free_start(runner: User, by: User, *, after_h: float = 0) -> datetime:
    now = timezone.now()
    offer = services.offer(runner, by, 60, now)
    return next(s.start_utc for s in offer.slots if s.start_utc >= now + timedelta(hours=after_h))


def post_slot(client: Client, runner: User, start: datetime, length: int = 60, **extra: str):
    url = reverse("booking:book", args=[runner.pk])
    return client.post(url, {"start": start.isoformat(), "length": str(length), **extra})


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- opening hours --------------------------------------------------------------------


def test_it_saves_the_therapists_hours_lengths_and_cutoff(personas: Personas) -> None:
    client = client_for(personas.therapist)
    form = {f"day_{d}": "" for d in range(7)}
    form.update(
        {"day_0": "9:00-12:00, 13:00-17:00", "day_3": "8-11", "lengths": "45, 30", "cutoff_h": "12"}
    )
    response = client.post(reverse("booking:hours"), form)
    assert response.status_code == 302
    rows = OpeningHours.objects.filter(therapist=personas.therapist)
    assert sorted((r.weekday, r.start, r.end) for r in rows) == [
        (0, time(9), time(12)),
        (0, time(13), time(17)),
        (3, time(8), time(11)),
    ]
    row = BookingSettings.objects.get(therapist=personas.therapist)
    assert (row.lengths(), row.cutoff_h, row.runners_may_book) == ([30, 45], 12, False)
    page = text(client.get(reverse("booking:hours")))
    assert 'value="09:00-12:00, 13:00-17:00"' in page and 'value="30, 45"' in page


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("day_1", "17:00-9:00", "before they start"),
        ("day_1", "9:00-25:00", "not a time of day"),
        ("day_1", "nine to five", "not a time of day"),
        ("lengths", "0", "not a session length"),
        ("lengths", "", "required"),
    ],
)
def test_bad_hours_are_refused_with_the_reason_and_nothing_changes(
    opened: Personas, field: str, value: str, said: str
) -> None:
    form = {f"day_{d}": "9-17" for d in range(7)} | {"lengths": "60", "cutoff_h": "24"}
    form[field] = value
    response = client_for(opened.therapist).post(reverse("booking:hours"), form)
    assert response.status_code == 200
    assert said in text(response)
    assert OpeningHours.objects.filter(therapist=opened.therapist).count() == 7
    assert OpeningHours.objects.filter(start=time(9)).count() == 0


@pytest.mark.parametrize("name", ["booking:hours", "booking:diary"])
def test_therapist_pages_are_hers_alone(personas: Personas, name: str) -> None:
    assert client_for(personas.therapist).get(reverse(name)).status_code == 200
    assert client_for(personas.runner).get(reverse(name)).status_code == 404
    assert Client().get(reverse(name)).status_code == 302


def test_my_appointments_is_a_runners_own_page(opened: Personas) -> None:
    start = free_start(opened.runner, opened.runner, after_h=25)
    services.book(opened.runner, start, 60, opened.runner, now=timezone.now())
    mine = text(client_for(opened.runner).get(reverse("booking:mine")))
    assert "Book your next session" in mine
    assert reverse("booking:appointment", args=[Appointment.objects.get().pk]) in mine
    assert "with Thea Therapist" in mine
    other = text(client_for(opened.stranger).get(reverse("booking:mine")))
    assert "No session booked" in other and "Thea Therapist" not in other
    assert client_for(opened.therapist).get(reverse("booking:mine")).status_code == 302


# --- booking ----------------------------------------------------------------------------


def test_the_book_page_opens_for_the_runner_and_her_therapist_only(opened: Personas) -> None:
    url = reverse("booking:book", args=[opened.runner.pk])
    assert "Book your next session" in text(client_for(opened.runner).get(url))
    her_page = text(client_for(opened.therapist).get(url + "?length=30&week=1"))
    assert "Book a session for Rita Runner" in her_page
    assert "Another time within your hours" in her_page
    assert 'value="30" selected' in her_page
    for outsider in (opened.stranger, opened.other_therapist):
        assert client_for(outsider).get(url).status_code == 404
        assert (
            post_slot(
                client_for(outsider),
                opened.runner,
                free_start(opened.runner, opened.therapist, after_h=30),
            ).status_code
            == 404
        )
    assert not Appointment.objects.exists()


def test_the_runner_books_a_free_slot_and_sees_it_on_her_dashboard(opened: Personas) -> None:
    runner_client = client_for(opened.runner)
    start = free_start(opened.runner, opened.runner)
    page = text(runner_client.get(reverse("booking:book", args=[opened.runner.pk])))
    local = timezone.localtime(start, timezone=opened.runner.zone)
    assert f">{local:%H:%M}</button>" in page
    response = post_slot(runner_client, opened.runner, start)
    appointment = Appointment.objects.get()
    assert response["Location"] == reverse("booking:appointment", args=[appointment.pk])
    assert (appointment.start_utc, appointment.booked_by) == (start, opened.runner)
    dashboard = text(runner_client.get(reverse("training:dashboard")))
    assert "data-next-appointment" in dashboard
    assert f"{local:%H:%M}" in dashboard
    client_page = text(
        client_for(opened.therapist).get(reverse("clinic:client_detail", args=[opened.runner.pk]))
    )
    assert "data-next-appointment" in client_page and "Book next session" in client_page


@pytest.mark.parametrize("runners_may_book", [True, False])
def test_the_runners_next_session_box_links_her_appointments_calendar_and_ask(
    opened: Personas, runners_may_book: bool
) -> None:
    BookingSettings.objects.filter(therapist=opened.therapist).update(
        runners_may_book=runners_may_book
    )
    dashboard = text(client_for(opened.runner).get(reverse("training:dashboard")))
    links = dashboard.split("data-runner-links>")[1].split("</p>")[0]
    for name in ("booking:mine", "calendars:page", "posts:ask"):
        assert f'href="{reverse(name)}"' in links
    assert ("Book your next session" in dashboard) is runners_may_book
    client_page = text(
        client_for(opened.therapist).get(reverse("clinic:client_detail", args=[opened.runner.pk]))
    )
    assert "data-runner-links" not in client_page


def test_a_taken_slot_is_refused_with_a_clear_message(opened: Personas) -> None:
    start = free_start(opened.runner, opened.runner)
    services.book(opened.runner, start, 60, opened.therapist, now=timezone.now())
    response = client_for(opened.runner).post(
        reverse("booking:book", args=[opened.runner.pk]),
        {"start": start.isoformat(), "length": "60"},
    )
    assert response.status_code == 200
    assert "That time was just taken" in text(response)
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize("posted", [{}, {"start": "soon", "length": "60"}, {"length": "60"}])
def test_a_post_without_a_time_says_so(opened: Personas, posted: dict[str, str]) -> None:
    url = reverse("booking:book", args=[opened.runner.pk])
    response = client_for(opened.runner).post(url, posted)
    assert response.status_code == 200
    assert "Choose a time from the list" in text(response)
    assert not Appointment.objects.exists()


def test_runners_cannot_book_when_she_books_herself(opened: Personas) -> None:
    BookingSettings.objects.filter(therapist=opened.therapist).update(runners_may_book=False)
    url = reverse("booking:book", args=[opened.runner.pk])
    assert "books sessions herself" in text(client_for(opened.runner).get(url))
    response = post_slot(
        client_for(opened.runner), opened.runner, free_start(opened.runner, opened.runner)
    )
    assert "ask her" in text(response)
    assert not Appointment.objects.exists()
    dashboard = text(client_for(opened.runner).get(reverse("training:dashboard")))
    assert "Book your next session" not in dashboard


def test_the_therapist_books_her_own_time_from_a_session_note(opened: Personas) -> None:
    note = note_for(opened.runner)
    therapist_client = client_for(opened.therapist)
    note_page = text(therapist_client.get(reverse("care:note_detail", args=[note.pk])))
    url = reverse("booking:book", args=[opened.runner.pk])
    assert f"{url}?note={note.pk}" in note_page
    day = timezone.localdate(timezone.now(), timezone=opened.therapist.zone) + timedelta(days=3)
    response = therapist_client.post(
        url, {"day": day.isoformat(), "at": "10:07", "length": "30", "note": str(note.pk)}
    )
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert appointment.session_note == note
    assert (
        timezone.localtime(appointment.start_utc, opened.therapist.zone).strftime("%H:%M")
        == "10:07"
    )
    assert appointment.length_min == 30


def test_a_note_of_another_runner_cannot_be_attached(opened: Personas) -> None:
    other_note = note_for(opened.stranger)
    url = reverse("booking:book", args=[opened.runner.pk]) + f"?note={other_note.pk}"
    assert client_for(opened.therapist).get(url).status_code == 404


def test_her_own_time_outside_hours_is_refused(opened: Personas) -> None:
    day = timezone.localdate(timezone.now(), timezone=opened.therapist.zone) + timedelta(days=3)
    response = client_for(opened.therapist).post(
        reverse("booking:book", args=[opened.runner.pk]),
        {"day": day.isoformat(), "at": "23:30", "length": "60"},
    )
    assert "outside the opening hours" in text(response)
    assert not Appointment.objects.exists()


# --- one appointment: see, move, cancel --------------------------------------------------


@pytest.fixture
def booked(opened: Personas) -> Appointment:
    start = free_start(opened.runner, opened.runner, after_h=48)
    return services.book(opened.runner, start, 60, opened.runner, now=timezone.now())


@pytest.mark.parametrize("name", ["booking:appointment", "booking:move"])
def test_an_appointment_is_seen_by_its_runner_and_therapist_only(
    opened: Personas, booked: Appointment, name: str
) -> None:
    url = reverse(name, args=[booked.pk])
    assert client_for(opened.runner).get(url).status_code == 200
    assert client_for(opened.therapist).get(url).status_code == 200
    assert client_for(opened.stranger).get(url).status_code == 404
    assert client_for(opened.other_therapist).get(url).status_code == 404


def test_strangers_cannot_cancel(opened: Personas, booked: Appointment) -> None:
    url = reverse("booking:cancel", args=[booked.pk])
    assert client_for(opened.stranger).post(url).status_code == 404
    assert client_for(opened.other_therapist).post(url).status_code == 404
    assert client_for(opened.runner).get(url).status_code == 405
    booked.refresh_from_db()
    assert booked.is_booked


def test_the_runner_moves_and_cancels_before_the_cutoff(
    opened: Personas, booked: Appointment
) -> None:
    runner_client = client_for(opened.runner)
    page = text(runner_client.get(reverse("booking:appointment", args=[booked.pk])))
    assert "Cancel the appointment" in page and "until 24 hours" in page
    assert reverse("calendars:appointment", args=[booked.pk]) in page
    new_start = booked.start_utc + timedelta(hours=2)
    response = runner_client.post(
        reverse("booking:move", args=[booked.pk]),
        {"start": new_start.isoformat(), "length": "60"},
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert (booked.start_utc, booked.sequence) == (new_start, 1)
    runner_client.post(reverse("booking:cancel", args=[booked.pk]))
    booked.refresh_from_db()
    assert (booked.status, booked.sequence) == (Status.CANCELLED, 2)
    page = text(runner_client.get(reverse("booking:appointment", args=[booked.pk])))
    assert "Cancelled" in page and "Cancel the appointment" not in page


def test_inside_the_cutoff_the_runner_is_told_to_call_but_she_may_change_it(
    opened: Personas,
) -> None:
    soon = free_start(opened.runner, opened.therapist, after_h=2)
    appointment = services.book(opened.runner, soon, 60, opened.therapist, now=timezone.now())
    runner_client = client_for(opened.runner)
    page = text(runner_client.get(reverse("booking:appointment", args=[appointment.pk])))
    assert "please call Thea Therapist" in page and "Cancel the appointment" not in page
    moved = runner_client.get(reverse("booking:move", args=[appointment.pk]))
    assert moved.status_code == 302
    refused = runner_client.post(reverse("booking:cancel", args=[appointment.pk]), follow=True)
    assert "please call your therapist" in text(refused)
    appointment.refresh_from_db()
    assert appointment.is_booked
    client_for(opened.therapist).post(reverse("booking:cancel", args=[appointment.pk]))
    appointment.refresh_from_db()
    assert appointment.status == Status.CANCELLED


@pytest.mark.parametrize("who", ["runner", "therapist"])
def test_an_appointment_that_is_over_offers_no_change_and_no_call(
    opened: Personas, who: str
) -> None:
    start = timezone.now() - timedelta(days=3)
    past = Appointment.objects.create(
        therapist=opened.therapist,
        runner=opened.runner,
        start_utc=start,
        end_utc=start + timedelta(minutes=60),
        booked_by=opened.therapist,
        created_at=start - timedelta(days=7),
        updated_at=start - timedelta(days=7),
    )
    viewer = client_for(getattr(opened, who))
    page = text(viewer.get(reverse("booking:appointment", args=[past.pk])))
    assert "This appointment is over." in page and ">Over<" in page
    assert "Cancel the appointment" not in page and "please call" not in page
    assert ">booked<" not in page
    assert viewer.get(reverse("booking:move", args=[past.pk])).status_code == 302


@pytest.mark.parametrize("who", ["runner", "therapist"])
@pytest.mark.parametrize("action", ["cancel", "move"])
@pytest.mark.parametrize("begun_h", [72.0, 0.5])
def test_a_direct_post_cannot_change_an_appointment_that_has_begun(
    opened: Personas, who: str, action: str, begun_h: float
) -> None:
    """The page hides the buttons; the service must refuse too, for both sides, whether the
    session is over or still under way."""
    start = timezone.now() - timedelta(hours=begun_h)
    past = Appointment.objects.create(
        therapist=opened.therapist,
        runner=opened.runner,
        start_utc=start,
        end_utc=start + timedelta(minutes=60),
        booked_by=opened.therapist,
        created_at=start - timedelta(days=7),
        updated_at=start - timedelta(days=7),
    )
    viewer = client_for(getattr(opened, who))
    if action == "cancel":
        response = viewer.post(reverse("booking:cancel", args=[past.pk]), follow=True)
    else:
        target = free_start(opened.runner, opened.therapist, after_h=48)
        response = viewer.post(
            reverse("booking:move", args=[past.pk]),
            {"start": target.isoformat(), "length": "60"},
            follow=True,
        )
    assert response.status_code == 200
    page = text(response)
    assert "can no longer be moved or cancelled" in page and "please call" not in page
    past.refresh_from_db()
    assert past.is_booked and past.start_utc == start and past.sequence == 0
    with pytest.raises(services.BookingRefusedError):
        services.cancel(past, getattr(opened, who), timezone.now())


def test_the_diary_lists_her_upcoming_appointments(opened: Personas, booked: Appointment) -> None:
    diary = text(client_for(opened.therapist).get(reverse("booking:diary")))
    assert reverse("booking:appointment", args=[booked.pk]) in diary and "Rita Runner" in diary
    other = text(client_for(opened.other_therapist).get(reverse("booking:diary")))
    assert "Rita Runner" not in other and "no opening hours" in other


def test_the_diary_links_each_runner_to_her_client_page(
    opened: Personas, booked: Appointment
) -> None:
    client_page = reverse("clinic:client_detail", args=[opened.runner.pk])
    diary = text(client_for(opened.therapist).get(reverse("booking:diary")))
    assert f'<a href="{client_page}">Rita Runner</a>' in diary
    mine = text(client_for(opened.runner).get(reverse("booking:mine")))
    assert client_page not in mine


def test_the_time_picker_has_a_way_back_for_each_viewer(
    opened: Personas, booked: Appointment
) -> None:
    def back(viewer: User, url: str) -> str:
        return text(client_for(viewer).get(url)).split("data-back>")[1].split("</p>")[0]

    book_url = reverse("booking:book", args=[opened.runner.pk])
    client_page = reverse("clinic:client_detail", args=[opened.runner.pk])
    assert f'<a href="{client_page}">Back to Rita Runner</a>' in back(opened.therapist, book_url)
    assert reverse("booking:mine") in back(opened.runner, book_url)
    move_url = reverse("booking:move", args=[booked.pk])
    for viewer in (opened.runner, opened.therapist):
        assert reverse("booking:appointment", args=[booked.pk]) in back(viewer, move_url)


def test_an_empty_diary_points_to_the_client_list(opened: Personas) -> None:
    diary = text(client_for(opened.therapist).get(reverse("booking:diary")))
    link = f'<a href="{reverse("clinic:client_list")}">your clients</a>'
    assert "No appointments booked." in diary and link in diary


def test_an_open_red_flag_is_shown_first_on_the_book_page(opened: Personas) -> None:
    url = reverse("booking:book", args=[opened.runner.pk])
    assert "data-red-flag" not in text(client_for(opened.runner).get(url))
    add_intake(opened.runner, flags=["night_rest_pain"], now=timezone.now())
    for viewer in (opened.runner, opened.therapist):
        page = text(client_for(viewer).get(url))
        assert page.index('data-red-flag="refer"') < page.index("<h1>")


def test_an_appointment_with_a_former_therapist_is_closed_to_both(
    opened: Personas, booked: Appointment
) -> None:
    opened.runner.therapist = opened.other_therapist
    opened.runner.save(update_fields=["therapist"])
    for viewer in (opened.runner, opened.therapist, opened.other_therapist):
        url = reverse("booking:appointment", args=[booked.pk])
        assert client_for(viewer).get(url).status_code == 404
        cancel_url = reverse("booking:cancel", args=[booked.pk])
        assert client_for(viewer).post(cancel_url).status_code == 404
    booked.refresh_from_db()
    assert booked.is_booked
