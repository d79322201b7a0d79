"""Everything runcare holds about a runner as one zip: from the page and the command line,
read back and checked against the database."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from runcare.cli.main import main
from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment
from runcare.web.care.models import AuditEvent, DoctorVisit, SessionNote, SessionPlan
from runcare.web.clinic.models import Intake
from runcare.web.exercises.models import StretchSession
from runcare.web.posts.models import Question
from runcare.web.rights.export import zip_name
from runcare.web.training.models import ActivityRecord, Upload
from tests.web.conftest import Personas, client_for
from tests.web.rights_helpers import History, full_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(personas: Personas) -> History:
    personas.runner.email = "rita@example.org"
    personas.runner.save()
    return full_history(personas.runner)


def kinds(runner: User) -> list[tuple[str, QuerySet[Any]]]:
    return [
        ("activities", ActivityRecord.objects.filter(runner=runner)),
        ("uploads", Upload.objects.filter(runner=runner)),
        ("intakes", Intake.objects.filter(runner=runner)),
        ("doctor_visits", DoctorVisit.objects.filter(runner=runner)),
        ("session_plans", SessionPlan.objects.filter(runner=runner)),
        ("session_notes", SessionNote.objects.filter(runner=runner)),
        ("audit_events", AuditEvent.objects.filter(runner=runner)),
        ("appointments", Appointment.objects.filter(runner=runner)),
        ("questions", Question.objects.filter(asker=runner)),
    ]


def download(client: Client, runner_id: int) -> zipfile.ZipFile:
    response = client.post(reverse("rights:export", args=[runner_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def kind(archive: zipfile.ZipFile, name: str) -> list[dict[str, Any]]:
    data = json.loads(archive.read(f"{name}.json"))
    assert (data["format"], data["version"], data["kind"]) == ("runcare-export", 1, name)
    records: list[dict[str, Any]] = data["records"]
    return records


def test_it_exports_every_record_of_the_runner_as_the_database_holds_it(
    history: History, runner_client: Client
) -> None:
    runner = history.runner
    before = {name: sorted(rows.values_list("pk", flat=True)) for name, rows in kinds(runner)}
    archive = download(runner_client, runner.pk)
    [account] = kind(archive, "account")
    assert (account["username"], account["email"]) == ("rita_runner", "rita@example.org")
    assert "password" not in account
    assert account["therapist"]["name"] == runner.therapist.name  # type: ignore[union-attr]
    for name, ids in before.items():
        assert ids, name
        assert sorted(r["id"] for r in kind(archive, name)) == ids, name
    for record in kind(archive, "activities"):
        stored = ActivityRecord.objects.get(pk=record["id"])
        assert record["runner_id"] == runner.pk
        assert record["distance_m"] == stored.distance_m
        assert record["sport"] == stored.sport
        assert record["start"] == stored.start.isoformat()
    intakes = {r["version"]: r for r in kind(archive, "intakes")}
    assert set(intakes) == {1, 2}
    assert intakes[2]["pain_0_10"] == {"buttock_left": 6}
    [session] = kind(archive, "stretch_sessions")
    assert session["client_id"] == str(StretchSession.objects.get(runner=runner).client_id)
    appointments = kind(archive, "appointments")
    assert sorted(a["status"] for a in appointments) == ["booked", "cancelled"]
    assert all(a["uid"] for a in appointments)
    [note] = kind(archive, "session_notes")
    assert note["signed_at"] is not None
    assert [a["text"] for a in note["addenda"]] == ["Later: zebrafinch felt better"]


def test_it_puts_the_uploaded_files_in_as_they_were_sent(
    history: History, therapist_client: Client
) -> None:
    archive = download(therapist_client, history.runner.pk)
    manifest = json.loads(archive.read("runcare-export.json"))
    assert manifest["format"] == "runcare-export"
    assert manifest["version"] == 1
    assert manifest["runner"]["username"] == "rita_runner"
    files = {Path(name).name.split("-", 1)[1]: name for name in manifest["files"]}
    assert set(files) == set(history.sent)
    for sent_name, data in history.sent.items():
        assert archive.read(files[sent_name]) == data
    assert (
        manifest["counts"]["activities"]
        == ActivityRecord.objects.filter(runner=history.runner).count()
    )
    assert sorted(archive.namelist()) == sorted(
        [f"{k}.json" for k in manifest["counts"]] + manifest["files"] + ["runcare-export.json"]
    )


def test_it_records_who_downloaded_the_data(history: History, therapist_client: Client) -> None:
    download(therapist_client, history.runner.pk)
    event = AuditEvent.objects.filter(what="all data (download)").get()
    assert (event.actor, event.runner) == (history.runner.therapist, history.runner)


def test_it_exports_only_for_the_runner_and_her_therapist(personas: Personas) -> None:
    url = reverse("rights:export", args=[personas.runner.pk])
    for user in (personas.runner, personas.therapist):
        assert client_for(user).get(url).status_code == 200
    for user in (personas.other_therapist, personas.stranger):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).post(url).status_code == 404
    assert Client().post(url).status_code == 302


def test_it_exports_a_runner_without_any_record(personas: Personas, runner_client: Client) -> None:
    archive = download(runner_client, personas.runner.pk)
    assert kind(archive, "activities") == []
    assert json.loads(archive.read("runcare-export.json"))["files"] == []


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("run.gpx", "files/7/0000-run.gpx"),
        ("../../etc/passwd", "files/7/0000-_.._etc_passwd"),
        ("a\\b\x00c.fit", "files/7/0000-a_b_c.fit"),
        ("..", "files/7/0000-file"),
    ],
)
def test_it_names_files_in_the_zip_safely(sent: str, expected: str) -> None:
    upload = Upload(pk=7, file_names=[sent])
    assert zip_name(upload, "0000.gpx") == expected


def test_it_writes_the_same_zip_from_the_command_line(
    history: History, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rita.zip"
    assert main(["export-client", "rita_runner", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Wrote" in capsys.readouterr().out
    with zipfile.ZipFile(out) as archive:
        ids = {r["id"] for r in kind(archive, "activities")}
        assert ids == set(
            ActivityRecord.objects.filter(runner=history.runner).values_list("pk", flat=True)
        )
        manifest = json.loads(archive.read("runcare-export.json"))
        assert len(manifest["files"]) == len(history.sent)
    assert [p.name for p in tmp_path.iterdir()] == ["rita.zip"]


@pytest.mark.parametrize(
    ("name", "message"),
    [("nobody", "no runner is called 'nobody'"), ("thea_therapist", "no runner is called")],
)
def test_it_names_a_missing_runner_on_the_command_line(
    personas: Personas,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    message: str,
) -> None:
    assert main(["export-client", name, str(tmp_path / "x.zip")]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_it_never_overwrites_a_file_from_the_command_line(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "old.zip"
    out.write_bytes(b"keep me")
    assert main(["export-client", "rita_runner", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    assert out.read_bytes() == b"keep me"
