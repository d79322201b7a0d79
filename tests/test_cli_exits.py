"""How the commands end: a clear message and the right status, never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

import pytest

from runcare.cli.argtypes import system_zone_name
from runcare.cli.main import main

RUNCARE = [sys.executable, "-m", "runcare.cli.main"]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RUNCARE_DEBUG"}}
    env.update(RUNCARE_DATA_DIR=str(data_dir), TZ="UTC")
    return env


@pytest.fixture(scope="module")
def old_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("old") / "history"
    assert main(["demo-data", str(folder), "--end", "2022-06-01", "--quiet"]) == 0
    return folder


def test_it_names_a_path_that_does_not_exist_and_exits_1(
    tmp_path: Path, old_history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nonexistent"
    assert main(["check", str(old_history), str(missing)]) == 1
    captured = capsys.readouterr()
    assert f"no such file or folder: {missing}" in captured.err
    assert captured.out == ""  # no verdict on the files that did exist


def test_it_exits_1_for_a_missing_path_from_a_shell(tmp_path: Path) -> None:
    done = subprocess.run(
        [*RUNCARE, "check", "/nonexistent"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "/nonexistent" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["check", "demo-data", "explain"])
@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "01/06/2026"])
def test_it_says_which_option_wants_a_date_and_in_which_form(
    command: str, value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    option = "--end" if command == "demo-data" else "--as-of"
    with pytest.raises(SystemExit) as exit_info:
        main([command, str(tmp_path), option, value])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: {value!r} is not a date: expected YYYY-MM-DD" in err
    assert "fromisoformat" not in err


def test_it_stops_quietly_when_the_reader_of_its_json_goes_away(
    tmp_path: Path, old_history: Path
) -> None:
    # Five years of days make a JSON far larger than a pipe's buffer: the writer must meet
    # the closed end, as in 'runcare check ... --json | head -c 10'.
    process = subprocess.Popen(
        [*RUNCARE, "check", str(old_history), "--json", "--as-of", "2027-06-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
    )
    stdout: IO[bytes] | None = process.stdout
    assert stdout is not None
    assert stdout.read(10) == b'{"as_of": '
    stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.decode() == ""


def test_it_stops_quietly_in_a_shell_pipe_to_head(tmp_path: Path, old_history: Path) -> None:
    command = " ".join([*RUNCARE, "check", str(old_history), "--json", "--as-of", "2027-06-01"])
    done = subprocess.run(
        ["/bin/sh", "-c", f"{command} | head -c 10"],
        capture_output=True,
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert done.stdout == b'{"as_of": '
    assert done.stderr == b""


class _ClosedPipe:
    """A stdout whose reader has gone: every write fails as a real closed pipe does."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_it_handles_a_closed_pipe_for_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    # demo-data prints one line, which meets the closed pipe in the dispatcher's hands.
    assert main(["demo-data", str(tmp_path / "d")]) == 1
    assert capsys.readouterr().err == ""


def test_it_migrates_a_fresh_database_before_the_worker_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [*RUNCARE, "worker", "--batch", "--quiet"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "no such table" not in done.stderr
    [database] = tmp_path.glob("*.sqlite3")
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "django_migrations" in tables
    assert any(name.startswith("django_tasks") for name in tables)


def _zoneinfo_link(tmp_path: Path, name: str) -> Path:
    target = tmp_path / "usr/share/zoneinfo" / name
    target.parent.mkdir(parents=True)
    target.write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(target)
    return link


@pytest.mark.parametrize(
    ("environ", "linked", "timezone_file", "expected"),
    [
        ({"TZ": "Europe/Berlin"}, "Asia/Tokyo", "America/Chicago", "Europe/Berlin"),
        ({"TZ": ":Europe/Berlin"}, None, None, "Europe/Berlin"),
        ({"TZ": "CET-1"}, "Asia/Tokyo", None, "Asia/Tokyo"),  # a POSIX rule names no zone
        ({}, "Asia/Tokyo", "America/Chicago", "Asia/Tokyo"),
        ({}, None, "America/Chicago\n", "America/Chicago"),
        ({}, None, "not/a zone", "UTC"),
        ({}, None, None, "UTC"),
    ],
)
def test_it_finds_the_machines_time_zone(
    tmp_path: Path,
    environ: dict[str, str],
    linked: str | None,
    timezone_file: str | None,
    expected: str,
) -> None:
    localtime = _zoneinfo_link(tmp_path, linked) if linked else tmp_path / "no-localtime"
    zone_file = tmp_path / "timezone"
    if timezone_file is not None:
        zone_file.write_text(timezone_file)
    assert system_zone_name(environ, localtime, zone_file) == expected


def test_it_takes_today_from_the_machines_zone_in_explain_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # 26 hours apart: "today" differs between the two at every moment.
    seen = {}
    for zone in ("Etc/GMT-14", "Etc/GMT+12"):
        monkeypatch.setenv("TZ", zone)
        expected = datetime.now(ZoneInfo(zone)).date() - timedelta(days=21)
        assert main(["explain", "--template"]) == 0
        seen[zone] = json.loads(capsys.readouterr().out)["pain_since"]
        assert seen[zone] == expected.isoformat()
    assert seen["Etc/GMT-14"] != seen["Etc/GMT+12"]
