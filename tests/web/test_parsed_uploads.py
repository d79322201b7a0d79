"""A file uploaded again is not parsed again: what it held is kept in the database, per
runner, and the import's result is the same as with a fresh parse."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from runcare.activities import decode
from runcare.activities.parsecache import load
from runcare.activities.readers import Reader
from runcare.web.accounts.models import User
from runcare.web.parsed.models import ParsedFile
from runcare.web.parsed.store import RunnerParseCache
from runcare.web.rights.erase import erase_runner
from runcare.web.training.activities import delete_upload
from runcare.web.training.models import Upload, UploadStatus
from runcare.web.training.services import run_import, store_upload
from tests.builders import START, gpx_run, zip_bytes
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def now() -> datetime:
    return NOW


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds of the files actually parsed."""
    found: list[str] = []
    real = decode.get_reader

    def counting(kind: str) -> Reader:
        found.append(kind)
        return real(kind)

    monkeypatch.setattr(decode, "get_reader", counting)
    return found


def export() -> dict[str, bytes]:
    runs = {f"runs/{day}.gpx": gpx_run(START + timedelta(days=day)) for day in (0, 2, 4)}
    return {"export.zip": zip_bytes({**runs, "notes.txt": b"no activity here"})}


def imported(runner: User, files: dict[str, bytes]) -> Upload:
    uploaded = [SimpleUploadedFile(name, data) for name, data in files.items()]
    upload = store_upload(runner, runner, uploaded, NOW)
    run_import(upload.pk, now)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE
    return upload


def outcome(upload: Upload) -> tuple[object, ...]:
    return (upload.activities_added, upload.duplicates, upload.skipped, upload.files_total)


def test_it_does_not_parse_a_reupload_and_gives_the_same_result(
    personas: Personas, reads: list[str]
) -> None:
    first = imported(personas.runner, export())
    assert reads == ["gpx", "gpx", "gpx"]  # notes.txt has no kind and never reaches a reader
    assert ParsedFile.objects.filter(runner=personas.runner).count() == 3
    again = imported(personas.runner, export())
    assert reads == ["gpx", "gpx", "gpx"]
    # The same as a fresh parse would give: nothing new, every run a copy, notes.txt skipped.
    assert outcome(again) == (0, 3, first.skipped, first.files_total)
    assert [s["reason"] for s in first.skipped] == [
        "not an activity file (no FIT, GPX or TCX content found)"
    ]


def test_it_gives_the_same_result_as_without_the_cache(
    personas: Personas, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    imported(personas.runner, export())
    cached = imported(personas.runner, export())
    monkeypatch.setattr(RunnerParseCache, "get", lambda self, key: None)
    fresh = imported(personas.runner, export())
    assert outcome(cached) == outcome(fresh)
    assert len(reads) == 6


def test_it_keeps_the_reason_a_file_cannot_be_read(personas: Personas, reads: list[str]) -> None:
    route = (
        b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="1" lon="2"/></rte></gpx>'
    )
    first = imported(personas.runner, {"route.gpx": route})
    again = imported(personas.runner, {"route.gpx": route})
    assert reads == ["gpx"]
    assert again.skipped == first.skipped and "only a route" in first.skipped[0]["reason"]


def test_it_never_shares_a_runners_files_with_another(personas: Personas, reads: list[str]) -> None:
    imported(personas.runner, export())
    imported(personas.stranger, export())
    assert len(reads) == 6
    assert ParsedFile.objects.filter(runner=personas.stranger).count() == 3


def test_it_forgets_the_files_of_a_deleted_upload(personas: Personas, reads: list[str]) -> None:
    first = imported(personas.runner, export())
    delete_upload(first)
    assert not ParsedFile.objects.exists()
    imported(personas.runner, export())
    assert len(reads) == 6


def test_it_forgets_the_files_of_an_erased_runner(personas: Personas) -> None:
    imported(personas.runner, export())
    erase_runner(personas.runner, personas.therapist, now=NOW)
    assert not ParsedFile.objects.exists()


def test_it_parses_again_past_a_damaged_or_old_entry(personas: Personas, reads: list[str]) -> None:
    imported(personas.runner, export())
    rows = list(ParsedFile.objects.order_by("pk"))
    rows[0].entry = "{damaged"
    rows[1].entry = rows[1].entry.replace('"version":"', '"version":"old-')
    ParsedFile.objects.bulk_update(rows[:2], ["entry"])
    again = imported(personas.runner, export())
    assert len(reads) == 5 and again.duplicates == 3
    assert all(load(row.entry) is not None for row in ParsedFile.objects.all())
