"""Folders, zip archives, gzip and the promise that every file is accounted for."""

from __future__ import annotations

import gzip
import os
import zipfile
from pathlib import Path

import pytest

from runcare.activities import ImportBudget, UnreadableFileError, import_paths
from runcare.activities.containers import folder_entries
from runcare.activities.limits import MAX_NESTING
from tests.builders import NOW, START, gpx_run, zip_bytes


def test_it_reads_a_folder_and_lists_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "a.gpx").write_bytes(gpx_run())
    (tmp_path / "runs" / "b.gpx").write_bytes(gpx_run(START.replace(day=2)))
    (tmp_path / "runs" / "empty.fit").write_bytes(b"")
    (tmp_path / "runs" / "notes.txt").write_text("felt good")
    result = import_paths([tmp_path / "runs"], now=NOW)
    assert [a.start.day for a in result.activities] == [1, 2]
    reasons = {Path(s.source).name: s.reason for s in result.skipped}
    assert reasons == {
        "empty.fit": "the file is empty",
        "notes.txt": "not an activity file (no FIT, GPX or TCX content found)",
    }


def test_it_names_archive_members_with_a_bang(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(zip_bytes({"runs/a.gpx": gpx_run()}))
    result = import_paths([archive], now=NOW)
    assert [a.source for a in result.activities] == [f"{archive}!runs/a.gpx"]


def test_it_opens_zips_inside_zips_like_a_garmin_export(tmp_path: Path) -> None:
    inner = zip_bytes({"UploadedFiles/run.gpx": gpx_run()})
    archive = tmp_path / "garmin.zip"
    archive.write_bytes(zip_bytes({"DI_CONNECT/uploads/part1.zip": inner}))
    result = import_paths([archive], now=NOW)
    assert len(result.activities) == 1
    assert result.activities[0].source.endswith("part1.zip!UploadedFiles/run.gpx")


def test_it_refuses_archives_nested_too_deep(tmp_path: Path) -> None:
    data = zip_bytes({"run.gpx": gpx_run()})
    for level in range(MAX_NESTING + 1):
        data = zip_bytes({f"level{level}.zip": data})
    archive = tmp_path / "deep.zip"
    archive.write_bytes(data)
    result = import_paths([archive], now=NOW)
    assert result.activities == ()
    assert "nested more than" in result.skipped[0].reason


def test_it_refuses_a_zip_with_path_traversal(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_bytes({"../../etc/run.gpx": gpx_run(), "ok.gpx": gpx_run()}))
    result = import_paths([archive], now=NOW)
    assert result.activities == ()
    assert result.skipped[0].source == str(archive)
    assert "points outside the archive" in result.skipped[0].reason


def test_it_refuses_a_zip_bomb_without_inflating_it(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(zip_bytes({"zeros.gpx": b"\0" * (64 * 1024**2)}))
    assert archive.stat().st_size < 200_000
    result = import_paths([archive], now=NOW)
    assert result.activities == ()
    assert "zip bomb" in result.skipped[0].reason


def test_it_reports_a_truncated_zip(tmp_path: Path) -> None:
    data = zip_bytes({"a.gpx": gpx_run(), "b.gpx": gpx_run(START.replace(day=3))})
    archive = tmp_path / "cut.zip"
    archive.write_bytes(data[: len(data) // 2])
    result = import_paths([archive], now=NOW)
    assert result.activities == ()
    assert result.skipped[0].reason == "not a readable zip archive (damaged or truncated)"


def test_it_reads_gzip_and_reports_broken_gzip(tmp_path: Path) -> None:
    (tmp_path / "good.gpx.gz").write_bytes(gzip.compress(gpx_run()))
    (tmp_path / "bad.gpx.gz").write_bytes(gzip.compress(gpx_run())[:60])
    result = import_paths([tmp_path], now=NOW)
    assert [Path(a.source).name for a in result.activities] == ["good.gpx.gz"]
    assert [(Path(s.source).name, s.reason) for s in result.skipped] == [
        ("bad.gpx.gz", "damaged gzip data (truncated or corrupt)")
    ]


def test_it_reads_a_file_by_its_content_not_its_name(tmp_path: Path) -> None:
    (tmp_path / "actually-gpx.fit").write_bytes(gpx_run())
    result = import_paths([tmp_path / "actually-gpx.fit"], now=NOW)
    assert len(result.activities) == 1
    assert result.activities[0].kind == "gpx"


def test_it_reports_a_path_that_does_not_exist(tmp_path: Path) -> None:
    result = import_paths([tmp_path / "nope.fit"], now=NOW)
    assert result.skipped[0].reason == "no such file or folder"


def test_it_reports_a_file_that_vanished_before_it_was_read(tmp_path: Path) -> None:
    (tmp_path / "gone.gpx").write_bytes(gpx_run())
    entries = folder_entries(tmp_path, str(tmp_path), ImportBudget())
    (tmp_path / "gone.gpx").unlink()
    with pytest.raises(UnreadableFileError, match=r"^cannot be read: No such file"):
        entries[0].read()


def test_it_reports_progress_up_to_the_total(tmp_path: Path) -> None:
    for day in range(1, 6):
        (tmp_path / f"{day}.gpx").write_bytes(gpx_run(START.replace(day=day)))
    seen: list[tuple[int, int]] = []
    import_paths([tmp_path], now=NOW, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (5, 5)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_it_keeps_a_stored_zip_member_readable(tmp_path: Path) -> None:
    archive = tmp_path / "stored.zip"
    archive.write_bytes(zip_bytes({"a.gpx": gpx_run()}, compression=zipfile.ZIP_STORED))
    assert len(import_paths([archive], now=NOW).activities) == 1


def test_it_lists_pipes_and_broken_links_in_a_folder_without_waiting(tmp_path: Path) -> None:
    (tmp_path / "run.gpx").write_bytes(gpx_run())
    os.mkfifo(tmp_path / "pipe.fit")
    (tmp_path / "gone.fit").symlink_to(tmp_path / "nowhere.fit")
    (tmp_path / "loop.fit").symlink_to(tmp_path / "loop.fit")
    result = import_paths([tmp_path], now=NOW)
    assert len(result.activities) == 1
    reasons = {Path(s.source).name: s.reason for s in result.skipped}
    assert reasons["pipe.fit"] == "not a regular file (a pipe, socket or device)"
    assert reasons["gone.fit"] == "a link to a file that does not exist"
    assert reasons["loop.fit"].startswith("cannot be read: Too many levels")


def test_it_skips_a_pipe_given_by_name_without_opening_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.zip")
    result = import_paths([tmp_path / "pipe.zip"], now=NOW)
    assert [s.reason for s in result.skipped] == ["not a regular file (a pipe, socket or device)"]


def test_it_lists_a_linked_folder_it_does_not_follow(tmp_path: Path) -> None:
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "a.gpx").write_bytes(gpx_run())
    (tmp_path / "runs" / "again").symlink_to(tmp_path / "runs")
    result = import_paths([tmp_path / "runs"], now=NOW)
    assert len(result.activities) == 1
    assert [Path(s.source).name for s in result.skipped] == ["again"]
    assert "not followed" in result.skipped[0].reason


def test_it_lists_a_folder_it_may_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.gpx").write_bytes(gpx_run())
    (tmp_path / "b.gpx").write_bytes(gpx_run(START.replace(day=2)))
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        # Tests may run as root, for whom chmod 000 locks nothing.
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = import_paths([tmp_path], now=NOW)
    assert len(result.activities) == 1
    assert [(s.source, s.reason) for s in result.skipped] == [
        (f"{tmp_path}/locked", "the folder cannot be read: Permission denied")
    ]
