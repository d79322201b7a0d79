"""E-mail reminders: each booked appointment's reminder goes out exactly once, however often
and from however many places ``runcare send-reminders`` runs. Runs on SQLite and, with
DATABASE_URL set, on PostgreSQL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from icalendar import Calendar

from runcare.cli.main import main
from runcare.web.booking.models import Appointment, Status
from runcare.web.calendars.reminders import send_reminders
from tests.web.calendar_helpers import appointment
from tests.web.conftest import Personas, make_user

NOW = datetime(2031, 6, 2, 6, 0, tzinfo=UTC)
DAY = timedelta(hours=24)


@pytest.fixture(autouse=True)
def locmem_mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rita(personas: Personas) -> Personas:
    personas.runner.email = "rita@example.org"
    personas.runner.time_zone = "Europe/Berlin"
    personas.runner.save()
    personas.therapist.email = "thea@example.org"
    personas.therapist.save()
    return personas


@pytest.mark.django_db
def test_it_sends_one_reminder_with_the_time_in_the_runners_zone(rita: Personas) -> None:
    booked = appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    done = send_reminders(NOW, DAY)
    assert done.sent == [booked.pk]
    (message,) = mail.outbox
    assert message.to == ["rita@example.org"]
    assert message.reply_to == ["thea@example.org"]
    # 16:00 UTC is 18:00 in Berlin in June (CEST).
    assert "Monday 2 June at 18:00" in message.subject
    assert "Thea Therapist" in message.body and "CEST" in message.body
    booked.refresh_from_db()
    assert booked.reminder_sent_at == NOW


@pytest.mark.django_db
def test_the_attached_file_is_the_appointment(rita: Personas) -> None:
    booked = appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    send_reminders(NOW, DAY)
    ((name, content, mimetype),) = mail.outbox[0].attachments
    assert name == "massage-session.ics" and mimetype.startswith("text/calendar")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["UID"]) == f"{booked.uid}@runcare"
    assert event.decoded("DTSTART") == booked.start_utc


@pytest.mark.django_db
def test_running_twice_sends_one_mail(rita: Personas) -> None:
    appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    send_reminders(NOW, DAY)
    again = send_reminders(NOW + timedelta(minutes=5), DAY)
    assert again.sent == [] and len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hours_ahead", "sent"),
    [(-1, False), (0, False), (0.1, True), (23.9, True), (24, True), (24.1, False), (72, False)],
)
def test_only_appointments_starting_within_the_window(
    rita: Personas, hours_ahead: float, sent: bool
) -> None:
    appointment(rita.runner, NOW + timedelta(hours=hours_ahead), NOW - DAY)
    assert bool(send_reminders(NOW, DAY).sent) is sent


@pytest.mark.django_db
def test_a_cancelled_appointment_gets_none(rita: Personas) -> None:
    booked = appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    Appointment.objects.filter(pk=booked.pk).update(status=Status.CANCELLED, cancelled_at=NOW)
    assert send_reminders(NOW, DAY).sent == [] and mail.outbox == []


@pytest.mark.django_db
def test_a_deactivated_runner_gets_none(rita: Personas) -> None:
    appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    rita.runner.is_active = False
    rita.runner.save()
    assert send_reminders(NOW, DAY).sent == [] and mail.outbox == []


@pytest.mark.django_db
def test_a_moved_appointment_gets_a_reminder_of_its_new_time(rita: Personas) -> None:
    from runcare.web.booking.services import move
    from tests.web.booking_helpers import open_weekdays

    open_weekdays(rita.therapist)
    # Monday 2 June 2031: 10:00 in Berlin, then moved to 15:00 the same day.
    booked = appointment(rita.runner, NOW + timedelta(hours=2), NOW - DAY)
    send_reminders(NOW, DAY)
    move(booked, NOW + timedelta(hours=7), 60, rita.therapist, NOW + timedelta(minutes=1))
    again = send_reminders(NOW + timedelta(minutes=5), DAY)
    assert again.sent == [booked.pk]
    assert [m.subject.rsplit(" at ", 1)[1] for m in mail.outbox] == ["10:00", "15:00"]


@pytest.mark.django_db
def test_a_line_break_in_a_name_does_not_break_the_subject(rita: Personas) -> None:
    rita.therapist.display_name = "Thea\nBcc: everyone@example.org"
    rita.therapist.save()
    appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    assert len(send_reminders(NOW, DAY).sent) == 1
    (message,) = mail.outbox
    assert "\n" not in message.subject
    assert message.bcc == [] and message.message()["Bcc"] is None


@pytest.mark.django_db
def test_a_runner_without_an_address_is_listed_not_claimed(personas: Personas) -> None:
    booked = appointment(personas.runner, NOW + timedelta(hours=10), NOW)
    done = send_reminders(NOW, DAY)
    assert done.no_address == [booked.pk] and done.sent == [] and mail.outbox == []
    booked.refresh_from_db()
    assert booked.reminder_sent_at is None


@pytest.mark.django_db
def test_a_failed_send_is_released_for_the_next_run(
    rita: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    booked = appointment(rita.runner, NOW + timedelta(hours=10), NOW)

    def refuse(*args: object, **kwargs: object) -> int:
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    done = send_reminders(NOW, DAY)
    assert done.failed == [booked.pk] and done.sent == []
    booked.refresh_from_db()
    assert booked.reminder_sent_at is None
    monkeypatch.undo()
    locmem_settings_again = send_reminders(NOW + timedelta(minutes=5), DAY)
    assert locmem_settings_again.sent == [booked.pk] and len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_mail_server_that_stalls_fails_the_send_within_the_timeout(
    rita: Personas, settings: Any
) -> None:
    booked = appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts the connection and then never says a word
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    try:
        started = time.monotonic()
        done = send_reminders(NOW, DAY)
        assert time.monotonic() - started < 10
    finally:
        listener.close()
    assert done.failed == [booked.pk]
    booked.refresh_from_db()
    assert booked.reminder_sent_at is None


@pytest.mark.django_db
def test_a_dry_run_sends_and_claims_nothing(rita: Personas) -> None:
    booked = appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    done = send_reminders(NOW, DAY, dry_run=True)
    assert [a.pk for a in done.due] == [booked.pk] and mail.outbox == []
    booked.refresh_from_db()
    assert booked.reminder_sent_at is None


@pytest.mark.django_db
def test_the_mail_holds_no_health_data(rita: Personas) -> None:
    from tests.web.helpers import add_intake

    add_intake(rita.runner, pain={"hip_front_left": 8}, now=NOW)
    appointment(rita.runner, NOW + timedelta(hours=10), NOW)
    send_reminders(NOW, DAY)
    message = mail.outbox[0]
    text = " ".join(
        [message.subject, message.body, *(str(a[1]) for a in message.attachments)]
    ).lower()
    for word in ("pain", "hip", "hurt", "injur", "diagnos", "intake", "note", "8/10"):
        assert word not in text, word


# --- at the same moment, from several places --------------------------------------------


def _clients(personas: Personas, count: int) -> list[Appointment]:
    booked = []
    for n in range(count):
        runner = make_user(f"runner_{n}", "runner", personas.therapist)
        runner.email = f"runner{n}@example.org"
        runner.save()
        booked.append(appointment(runner, NOW + timedelta(hours=1 + n), NOW))
    return booked


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rounds", range(3))
def test_runs_from_several_threads_at_once_send_each_reminder_once(
    personas: Personas, rounds: int
) -> None:
    booked = _clients(personas, 6)
    start = threading.Barrier(4)
    sent: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            sent.extend(send_reminders(NOW, DAY).sent)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(sent) == sorted(a.pk for a in booked)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"runner{n}@example.org" for n in range(6)
    )
    assert rounds >= 0


def _database_url() -> str:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    user = params["USER"] or "postgres"
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    return f"postgres://{user}{password}@{params['HOST']}:{params['PORT']}/{params['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_runs_from_several_processes_at_once_send_each_reminder_once(
    personas: Personas, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    booked = []
    for n in range(5):
        runner = make_user(f"runner_{n}", "runner", personas.therapist)
        runner.email = f"runner{n}@example.org"
        runner.save()
        booked.append(appointment(runner, now + timedelta(hours=1 + n), now))
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "RUNCARE_DATA_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    command = [sys.executable, "-m", "runcare.cli.main", "send-reminders"]
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    printed = "".join(out for out, _ in outputs)
    for n in range(5):
        assert printed.count(f"To: runner{n}@example.org") == 1
    totals = sorted(int(out.rsplit("Sent ", 1)[1].split()[0]) for out, _ in outputs)
    assert sum(totals) == 5
    assert Appointment.objects.filter(reminder_sent_at__isnull=True).count() == 0


# --- the command -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_sends_and_says_how_many(
    rita: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    appointment(rita.runner, datetime.now(UTC) + timedelta(hours=3), NOW)
    assert main(["send-reminders"]) == 0
    assert "Sent 1 reminder." in capsys.readouterr().out
    assert len(mail.outbox) == 1
    assert main(["send-reminders"]) == 0
    assert "Sent 0 reminders." in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_dry_run_lists_what_is_due(
    rita: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    booked = appointment(rita.runner, datetime.now(UTC) + timedelta(hours=30), NOW)
    assert main(["send-reminders", "--before-h", "48", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"due: appointment {booked.pk}" in out and "none sent (dry run)" in out
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_send_exits_1(
    rita: Personas, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    appointment(rita.runner, datetime.now(UTC) + timedelta(hours=3), NOW)

    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError("no route to the mail server")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert main(["send-reminders"]) == 1
    assert "tried again next run" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-3", "169", "soon", "1.5"])
def test_a_bad_window_exits_2_naming_the_option(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["send-reminders", "--before-h", value])
    assert exited.value.code == 2
    assert "--before-h" in capsys.readouterr().err
