"""Health data on disk is readable by its owner only: new installs are made so, and an
existing install is tightened when a command starts, with one line in the log."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def runcare(data_dir: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNCARE_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["RUNCARE_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "runcare.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        # The usual umask of a login shell: runcare must not rely on it.
        preexec_fn=lambda: os.umask(umask),
    )


def test_it_creates_a_new_install_readable_by_its_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "runcare"
    done = runcare(data, "manage", "migrate")
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    assert mode(data / "runcare.sqlite3") == 0o600
    assert mode(data / "secret_key") == 0o600
    assert mode(data / "uploads") == 0o700
    # Nothing was open, so nothing was tightened and nothing said.
    assert "readable by their owner only" not in done.stderr


def test_it_tightens_an_existing_install_and_says_so_once(tmp_path: Path) -> None:
    data = tmp_path / "runcare"
    upload = data / "uploads" / "7" / "0123abcd"
    upload.mkdir(parents=True)
    stored = upload / "0000.fit"
    stored.write_bytes(b"fit")
    database = data / "runcare.sqlite3"
    database.write_bytes(b"")
    (data / "runcare.sqlite3-wal").write_bytes(b"")
    for path in (data, data / "uploads", data / "uploads" / "7", upload):
        path.chmod(0o755)
    for path in (stored, database, data / "runcare.sqlite3-wal"):
        path.chmod(0o644)

    done = runcare(data, "manage", "check")

    assert done.returncode == 0, done.stderr
    for folder in (data, data / "uploads", data / "uploads" / "7", upload):
        assert mode(folder) == 0o700, folder
    for file in (stored, database, data / "runcare.sqlite3-wal"):
        assert mode(file) == 0o600, file
    told = [line for line in done.stderr.splitlines() if "readable by their owner only" in line]
    assert len(told) == 1, done.stderr
    again = runcare(data, "manage", "check")
    assert "readable by their owner only" not in again.stderr


def test_it_leaves_a_symlinked_file_outside_the_install_alone(tmp_path: Path) -> None:
    outside = tmp_path / "shared.txt"
    outside.write_text("not ours")
    outside.chmod(0o644)
    data = tmp_path / "runcare"
    data.mkdir(mode=0o700)
    (data / "link").symlink_to(outside)
    done = runcare(data, "manage", "check")
    assert done.returncode == 0, done.stderr
    assert mode(outside) == 0o644


READ_UMASK_AT_EXIT = "import atexit, os\natexit.register(lambda: print(oct(os.umask(0))))\n"
ENTRIES = {
    # The command line sets it for itself and its children (gunicorn and the worker under
    # `runcare serve`); --help ends the run before any file is made.
    "cli": "import runcare.cli.main as m\nm.main(['worker', '--help'])\n",
    # The WSGI module sets it for a gunicorn started on its own (a systemd unit).
    "wsgi": "import runcare.web.wsgi\n",
}


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_it_runs_every_process_with_a_private_umask(tmp_path: Path, entry: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNCARE_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["RUNCARE_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", READ_UMASK_AT_EXIT + ENTRIES[entry]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert done.stdout.strip().splitlines()[-1] == "0o77", done.stdout + done.stderr
