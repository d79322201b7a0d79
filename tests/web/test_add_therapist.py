"""`runcare add-therapist`: the first account of a clinic, from the command line."""

from __future__ import annotations

import io

import pytest

from runcare.cli.main import main
from runcare.web.accounts.models import Role, User


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    buffer = io.StringIO()
    monkeypatch.setattr("sys.stdin", buffer)
    return buffer


@pytest.mark.django_db
def test_it_creates_a_therapist_who_can_log_in(
    stdin: io.StringIO, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin.write("a long enough passphrase\n")
    stdin.seek(0)
    code = main(["add-therapist", "anna", "--name", "Anna K", "--password-stdin"])
    assert code == 0
    anna = User.objects.get(username="anna")
    assert (anna.role, anna.display_name) == (Role.THERAPIST, "Anna K")
    assert anna.check_password("a long enough passphrase")
    assert "created" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [("short", "too short"), ("password1234", "too common")],
)
def test_it_refuses_a_weak_password(
    stdin: io.StringIO, capsys: pytest.CaptureFixture[str], password: str, message: str
) -> None:
    stdin.write(password + "\n")
    stdin.seek(0)
    assert main(["add-therapist", "anna", "--password-stdin"]) == 2
    assert message in capsys.readouterr().err
    assert not User.objects.filter(username="anna").exists()


@pytest.mark.django_db
def test_it_refuses_a_taken_user_name(
    stdin: io.StringIO, capsys: pytest.CaptureFixture[str]
) -> None:
    User.objects.create_user(username="Anna", password="x" * 12, role=Role.THERAPIST)
    stdin.write("a long enough passphrase\n")
    stdin.seek(0)
    assert main(["add-therapist", "anna", "--password-stdin"]) == 2
    assert "is taken" in capsys.readouterr().err
