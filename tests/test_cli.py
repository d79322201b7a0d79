"""The command line: help for every command, the documented JSON, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from runcare.cli.main import COMMANDS, main
from tests.builders import gpx_run

ACTIVITY_KEYS = [
    "start",
    "utc_offset_s",
    "sport",
    "distance_m",
    "duration_s",
    "moving_s",
    "ascent_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "source",
]
DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_it_has_help_and_docs_for_every_command(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert len(capsys.readouterr().out) > 200
    assert f"runcare {command}" in DOCS.read_text()


def test_it_prints_the_documented_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "run.gpx").write_bytes(gpx_run())
    (tmp_path / "bad.fit").write_bytes(b"garbage that is not a FIT file")
    assert main(["import", str(tmp_path), "--json"]) == 0
    text = capsys.readouterr().out
    assert text.startswith('{"activities":[{"start":"2024-05-01T06:30:00Z","utc_offset_s":null,')
    assert text.endswith(
        '"merged":[],"skipped_more":[],'
        '"counts":{"read":2,"activities":1,"merged":0,"skipped":1},"stopped":null}\n'
    )
    out = json.loads(text)
    assert list(out) == ["activities", "skipped", "merged", "skipped_more", "counts", "stopped"]
    [activity] = out["activities"]
    assert list(activity) == ACTIVITY_KEYS
    assert activity["start"] == "2024-05-01T06:30:00Z"
    assert activity["sport"] == "running"
    assert activity["utc_offset_s"] is None
    assert activity["source"] == f"{tmp_path}/run.gpx"
    [skipped] = out["skipped"]
    assert list(skipped) == ["source", "reason"]
    assert skipped["source"] == f"{tmp_path}/bad.fit"


def test_it_exits_non_zero_when_nothing_could_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "missing.fit")]) == 1
    out = capsys.readouterr().out
    assert "No activities found." in out
    assert "no such file or folder" in out


def test_it_prints_a_table_of_what_was_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "run.gpx").write_bytes(gpx_run())
    assert main(["import", str(tmp_path), "--tz", "UTC"]) == 0
    out = capsys.readouterr().out
    assert "start times in UTC" in out
    assert "2024-05-01 06:30" in out
    assert "1 activity from 2024-05-01 to 2024-05-01; 0 files skipped." in out


def test_it_runs_as_an_installed_command_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "x.tcx"
    bad.write_bytes(b"\x00\x01\x02")
    done = subprocess.run(
        [sys.executable, "-m", "runcare.cli.main", "import", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "x.tcx" in done.stdout


def test_it_prints_a_file_name_that_is_not_utf8_as_valid_json(tmp_path: Path) -> None:
    # A Latin-1 name on a UTF-8 system: Python keeps the byte 0xE9 as a lone surrogate.
    (tmp_path / os.fsdecode(b"caf\xe9.gpx")).write_bytes(gpx_run())
    done = subprocess.run(
        [sys.executable, "-m", "runcare.cli.main", "import", str(tmp_path), "--json"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [activity] = json.loads(done.stdout.decode("utf-8"))["activities"]
    assert activity["source"] == f"{tmp_path}/caf\\xe9.gpx"


def test_it_refuses_to_write_the_demo_into_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    assert main(["demo-data", str(tmp_path), "--end", "2024-06-30"]) == 1
    assert (
        capsys.readouterr().err
        == f"runcare demo-data: {tmp_path} is not empty; give a new or empty folder\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_it_says_when_the_demo_folder_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("not a folder")
    assert main(["demo-data", str(tmp_path / "file" / "demo"), "--end", "2024-06-30"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"runcare demo-data: cannot write to {tmp_path}/file/demo: ")
    assert "Traceback" not in err
