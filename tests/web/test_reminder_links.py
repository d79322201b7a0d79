"""Links in the reminder mail from the site's public address (RUNCARE_SITE_URL), the
address's validation, and ``runcare send-reminders`` on a database that was never migrated."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from runcare.web.calendars.reminders import send_reminders
from runcare.web.env import ConfigError, env_site_url
from tests.web.calendar_helpers import appointment
from tests.web.conftest import Personas
from tests.web.test_config_errors import assert_one_line_naming, run

NOW = datetime(2031, 6, 2, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def locmem_mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def rita(personas: Personas) -> Personas:
    personas.runner.email = "rita@example.org"
    personas.runner.save()
    return personas


@pytest.mark.django_db
@pytest.mark.parametrize(
    "site", ["https://care.example.org", "https://clinic.example.org/runcare", "http://[::1]:8000"]
)
def test_with_the_site_address_the_mail_links_the_appointment_and_its_file(
    rita: Personas, settings: Any, site: str
) -> None:
    settings.SITE_URL = site
    booked = appointment(rita.runner, NOW + timedelta(hours=3), NOW)
    send_reminders(NOW, timedelta(hours=24))
    (reminder,) = mail.outbox
    lines = reminder.body.splitlines()
    # Each address on a line of its own, whole.
    assert f"{site}/booking/appointments/{booked.pk}/" in lines
    assert f"{site}/calendar/appointments/{booked.pk}.ics" in lines


@pytest.mark.django_db
def test_without_it_the_mail_has_no_link(rita: Personas, settings: Any) -> None:
    settings.SITE_URL = ""
    appointment(rita.runner, NOW + timedelta(hours=3), NOW)
    send_reminders(NOW, timedelta(hours=24))
    (reminder,) = mail.outbox
    assert "http" not in reminder.body and "open runcare" in reminder.body


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("", ""),
        ("  ", ""),
        ("https://care.example.org", "https://care.example.org"),
        ("https://care.example.org/", "https://care.example.org"),
        ("https://example.org/clinic/runcare/", "https://example.org/clinic/runcare"),
        ("http://localhost:8000", "http://localhost:8000"),
    ],
)
def test_it_reads_a_site_address(monkeypatch: pytest.MonkeyPatch, raw: str, read: str) -> None:
    monkeypatch.setenv("RUNCARE_SITE_URL", raw)
    assert env_site_url("RUNCARE_SITE_URL") == read


@pytest.mark.parametrize(
    "raw",
    [
        "care.example.org",
        "ftp://care.example.org",
        "https://",
        "javascript:alert(1)",
        "https://admin:secret@care.example.org",
        "https://care.example.org/?next=/evil",
        "https://care.example.org/#top",
        "https://care.example.org:99999",
    ],
)
def test_it_refuses_anything_but_an_address(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("RUNCARE_SITE_URL", raw)
    with pytest.raises(ConfigError, match="RUNCARE_SITE_URL"):
        env_site_url("RUNCARE_SITE_URL")


def test_a_malformed_site_address_stops_the_command_naming_it(tmp_path: Path) -> None:
    done = run(["send-reminders"], tmp_path, RUNCARE_SITE_URL="care.example.org")
    assert_one_line_naming(done, "RUNCARE_SITE_URL")


def test_on_a_database_never_migrated_it_says_to_migrate(tmp_path: Path) -> None:
    database = tmp_path / "fresh.sqlite3"
    done = run(["send-reminders"], tmp_path, DATABASE_URL=f"sqlite:///{database}")
    line = assert_one_line_naming(done, "DATABASE_URL")
    assert "runcare manage migrate" in line
    assert done.stdout == ""
    # It created no tables behind the upgrader's back.
    with sqlite3.connect(database) as opened:
        assert opened.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)


def test_after_migrating_it_runs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    assert run(["manage", "migrate"], tmp_path, DATABASE_URL=url).returncode == 0
    done = run(["send-reminders"], tmp_path, DATABASE_URL=url)
    assert done.returncode == 0, done.stderr
    assert "Sent 0 reminders." in done.stdout
