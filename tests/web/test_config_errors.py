"""A configuration mistake stops every web command with one line that names the setting,
exit status 2, never a traceback or an "internal error"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runcare.cli.serve_cmd import is_loopback

COMMANDS = {
    "serve": ["serve", "--port", "1"],
    "worker": ["worker", "--batch"],
    "manage": ["manage", "migrate"],
    "seed-demo": ["seed-demo"],
    "add-therapist": ["add-therapist", "hanna", "--password-stdin"],
}


def run(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("RUNCARE_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    clean.pop("SECRET_KEY", None)
    clean.update(RUNCARE_DATA_DIR=str(data_dir), **env)
    return subprocess.run(
        [sys.executable, "-m", "runcare.cli.main", *args],
        env=clean,
        input="a long enough password 123\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_one_line_naming(done: subprocess.CompletedProcess[str], setting: str) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"runcare: {setting}"), lines[0]
    assert "internal error" not in done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_it_names_a_malformed_database_url(tmp_path: Path, command: str) -> None:
    done = run(COMMANDS[command], tmp_path, DATABASE_URL="mysql://db.example.org/runcare")
    line = assert_one_line_naming(done, "DATABASE_URL")
    assert "'mysql' is not supported" in line


@pytest.mark.parametrize("command", ["serve", "worker", "manage"])
def test_it_names_a_database_it_cannot_reach(tmp_path: Path, command: str) -> None:
    # Port 1 on this machine: nothing listens there, so the refusal is immediate.
    url = "postgres://runcare@127.0.0.1:1/runcare?connect_timeout=3"
    line = assert_one_line_naming(
        run(COMMANDS[command], tmp_path, DATABASE_URL=url), "DATABASE_URL"
    )
    assert "cannot open the database" in line


def test_it_names_a_sqlite_file_it_cannot_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/no/such/folder/runcare.sqlite3"
    line = assert_one_line_naming(
        run(COMMANDS["worker"], tmp_path, DATABASE_URL=url), "DATABASE_URL"
    )
    assert "unable to open database file" in line


@pytest.mark.parametrize("command", ["serve", "worker", "add-therapist"])
def test_it_names_a_missing_secret_key_in_production(tmp_path: Path, command: str) -> None:
    done = run(COMMANDS[command], tmp_path, RUNCARE_ENV="production", ALLOWED_HOSTS="x.org")
    assert "must be set" in assert_one_line_naming(done, "SECRET_KEY")


@pytest.mark.parametrize("command", ["serve", "worker", "seed-demo"])
def test_it_names_a_data_folder_that_is_a_file(tmp_path: Path, command: str) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("")
    line = assert_one_line_naming(run(COMMANDS[command], not_a_folder), "RUNCARE_DATA_DIR")
    assert str(not_a_folder) in line


def test_it_names_a_data_folder_it_cannot_create(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    # A secret key from the environment: the folder is then first touched after start-up.
    done = run(COMMANDS["manage"], blocker / "data", SECRET_KEY="k" * 60)
    assert "cannot write to the folder" in assert_one_line_naming(done, "RUNCARE_DATA_DIR")


def test_it_names_an_upload_folder_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = run(COMMANDS["worker"], tmp_path / "data", RUNCARE_UPLOAD_DIR=str(blocker / "up"))
    assert_one_line_naming(done, "RUNCARE_UPLOAD_DIR")


@pytest.mark.parametrize(
    "host",
    ["0.0.0.0", "::", "192.168.1.20", "clinic.example.org"],  # noqa: S104
)
def test_it_refuses_debug_mode_on_an_address_others_reach(tmp_path: Path, host: str) -> None:
    done = run(["serve", "--host", host, "--port", "1"], tmp_path, RUNCARE_DEBUG="true")
    assert "--host 127.0.0.1" in assert_one_line_naming(done, "RUNCARE_DEBUG")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("0.0.0.0", False),  # noqa: S104
        ("::", False),
        ("10.0.0.1", False),
        ("example.org", False),
    ],
)
def test_it_knows_which_addresses_stay_on_this_machine(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
