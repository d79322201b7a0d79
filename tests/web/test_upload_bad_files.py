"""Bad uploads get a clear answer and lose nothing: empty files, very long and non-UTF-8
file names, and a full or read-only upload folder."""

from __future__ import annotations

import errno
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcare.web.training import multipart, services
from runcare.web.training.models import Upload
from runcare.web.training.multipart import PartHeaderFixer, fix_part_headers
from runcare.web.training.services import run_import
from tests.builders import START, gpx_run
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

BOUNDARY = "runcareTestBoundary7MA4YWxk"


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


def multipart_body(files: list[tuple[bytes, bytes]]) -> bytes:
    """A form body as a browser or curl sends it; names are raw bytes, as on the wire."""
    parts = [
        b"--" + BOUNDARY.encode() + b"\r\n"
        b'Content-Disposition: form-data; name="files"; filename="' + name + b'"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n"
        for name, data in files
    ]
    return b"".join(parts) + b"--" + BOUNDARY.encode() + b"--\r\n"


def post_raw(personas: Personas, files: list[tuple[bytes, bytes]]) -> Any:
    return client_for(personas.runner).generic(
        "POST",
        reverse("training:upload"),
        multipart_body(files),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def test_it_skips_an_empty_file_and_imports_the_rest(personas: Personas) -> None:
    response = client_for(personas.runner).post(
        reverse("training:upload"),
        {"files": [SimpleUploadedFile("empty.fit", b""), SimpleUploadedFile("run.gpx", gpx_run())]},
    )
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.file_names == ["empty.fit", "run.gpx"]
    run_import(upload.pk, lambda: START.replace(month=6))
    upload.refresh_from_db()
    assert (upload.status, upload.activities_added) == ("done", 1)
    assert upload.skipped == [{"source": "empty.fit", "reason": "the file is empty"}]


def test_it_keeps_a_shortened_name_for_a_ten_thousand_character_file_name(
    personas: Personas,
) -> None:
    name = "long-" + "x" * 10_000 + "-end.gpx"
    response = post_raw(personas, [(name.encode(), gpx_run())])
    assert response.status_code == 302
    upload = Upload.objects.get()
    [kept] = upload.file_names
    assert len(kept) <= 255
    assert kept.startswith("long-xxx") and kept.endswith("-end.gpx")
    assert "…" in kept
    run_import(upload.pk, lambda: START.replace(month=6))
    upload.refresh_from_db()
    assert upload.activities_added == 1


def test_it_keeps_a_file_whose_name_is_not_utf8_and_shows_it_escaped(
    personas: Personas,
) -> None:
    response = post_raw(personas, [(b"caf\xe9 run.gpx", gpx_run()), (b"ok.gpx", b"")])
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.file_names == ["caf%E9 run.gpx", "ok.gpx"]
    run_import(upload.pk, lambda: START.replace(month=6))
    page = client_for(personas.runner).get(reverse("training:upload_status", args=[upload.pk]))
    assert "caf%E9 run.gpx" in page.content.decode()
    upload.refresh_from_db()
    assert upload.activities_added == 1


def test_it_leaves_file_contents_alone_even_when_they_are_not_utf8(personas: Personas) -> None:
    data = b"\xff\xfe\r\n\r\nContent-Disposition: x\r\n\r\n\xe9" * 100
    post_raw(personas, [(b"caf\xe9.fit", data)])
    upload = Upload.objects.get()
    [stored] = (Path(services.upload_root()) / upload.stored_path).iterdir()
    assert stored.read_bytes() == data


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES])
def test_it_answers_503_and_keeps_nothing_when_the_upload_folder_cannot_take_it(
    personas: Personas, monkeypatch: pytest.MonkeyPatch, upload_dir: Path, error: int
) -> None:
    def fail_half_way(uploaded: UploadedFile, target: Path, budget: int) -> int:
        target.write_bytes(b"half of it")
        raise OSError(error, "simulated")

    monkeypatch.setattr(services, "_copy_capped", fail_half_way)
    response = client_for(personas.runner).post(
        reverse("training:upload"), {"files": [SimpleUploadedFile("run.gpx", gpx_run())]}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "600"
    assert "The server has no room to store this upload" in response.content.decode()
    assert not Upload.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert [p for p in upload_dir.rglob("*") if p.is_file()] == []


def test_it_answers_503_when_the_upload_folder_cannot_be_created(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(self: Path, *args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    response = client_for(personas.runner).post(
        reverse("training:upload"),
        {"files": [SimpleUploadedFile("run.gpx", gpx_run())]},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 503
    assert "no room" in response.json()["errors"][0]
    assert not Upload.objects.exists()


def test_it_rewrites_only_the_headers_it_must() -> None:
    fine = b'\r\nContent-Disposition: form-data; name="files"; filename="caf\xc3\xa9.gpx"'
    assert fix_part_headers(fine) == fine
    assert fix_part_headers(b'filename="a\xff.gpx"') == b'filename="a%FF.gpx"'


# The autouse fixtures of this module are not used by this pure test.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    contents=st.lists(st.binary(max_size=300), min_size=1, max_size=4),
    names=st.lists(st.binary(min_size=1, max_size=40), min_size=4, max_size=4),
    chunk=st.integers(1, 97),
    read_size=st.integers(1, 131),
)
def test_it_passes_every_file_through_unchanged_whatever_the_chunks(
    contents: list[bytes], names: list[bytes], chunk: int, read_size: int
) -> None:
    files = [
        (bytes(c for c in names[i] if c not in b'"\r\n'), data) for i, data in enumerate(contents)
    ]
    body = multipart_body(files)
    original = multipart.CHUNK_BYTES
    multipart.CHUNK_BYTES = chunk
    try:
        fixer = PartHeaderFixer(io.BytesIO(body), BOUNDARY.encode())
        out = b"".join(iter(lambda: fixer.read(read_size), b""))
    finally:
        multipart.CHUNK_BYTES = original
    for _, data in files:
        assert b"\r\n\r\n" + data + b"\r\n--" + BOUNDARY.encode() in out
    assert out.endswith(b"--" + BOUNDARY.encode() + b"--\r\n")
    out.decode("utf-8", "surrogateescape")  # never raises: a sanity check of the helper
    headers = [part.split(b"\r\n\r\n", 1)[0] for part in out.split(b"--" + BOUNDARY.encode())[1:-1]]
    for header in headers:
        header.decode("utf-8")  # every part header is now UTF-8


def test_it_answers_503_when_django_cannot_spool_the_upload_to_its_temporary_folder(
    personas: Personas, monkeypatch: pytest.MonkeyPatch, settings: Any, upload_dir: Path
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file goes through the temporary folder

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", disk_full)
    response = client_for(personas.runner).post(
        reverse("training:upload"), {"files": [SimpleUploadedFile("run.gpx", gpx_run())]}
    )
    assert response.status_code == 503
    assert "no room" in response.content.decode()
    assert not Upload.objects.exists()
    assert not upload_dir.exists() or not any(upload_dir.rglob("*"))


def test_it_still_fails_loudly_on_an_error_that_is_not_about_room(
    personas: Personas, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", broken)
    with pytest.raises(OSError, match="Input/output"):
        client_for(personas.runner).post(
            reverse("training:upload"), {"files": [SimpleUploadedFile("run.gpx", gpx_run())]}
        )
