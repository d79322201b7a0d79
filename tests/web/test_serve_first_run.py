"""``runcare serve`` on a first run: a port in use, the demo kept off the network, and what to
do on an empty database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from runcare.cli.django_env import SetupError
from runcare.cli.serve_cmd import check_port_is_free, refuse_demo_accounts_on_a_network
from runcare.web.demo import DEMO_PASSWORD
from tests.web.conftest import make_user
from tests.web.test_serve import free_port, get, read_until

ROOT = Path(__file__).resolve().parents[2]


def runcare(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(RUNCARE_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "runcare.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_it_says_the_port_is_taken_and_names_the_option(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = runcare(["serve", "--port", str(port)], tmp_path)
    line = one_line_error(done)
    assert f"port {port}" in line
    assert "already in use" in line
    assert f"--port {port + 1}" in line
    assert "running at" not in done.stdout


def test_it_finds_a_free_port_free() -> None:
    check_port_is_free("127.0.0.1", free_port())


def test_it_names_an_address_this_machine_does_not_have() -> None:
    # 192.0.2.0/24 is reserved for documentation: no machine has it.
    with pytest.raises(SetupError, match=r"cannot listen on 192\.0\.2\.1"):
        check_port_is_free("192.0.2.1", free_port())


def test_it_names_a_host_it_cannot_find() -> None:
    with pytest.raises(SetupError, match="--host: cannot find the address"):
        check_port_is_free("no-such-host.invalid", free_port())


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])  # noqa: S104
def test_it_refuses_to_add_the_demo_on_an_address_others_reach(tmp_path: Path, host: str) -> None:
    done = runcare(["serve", "--demo", "--host", host, "--port", str(free_port())], tmp_path)
    line = one_line_error(done)
    assert "--demo" in line
    assert "--host 127.0.0.1" in line
    assert not (tmp_path / "runcare.sqlite3").exists() or "password:" not in done.stdout


@pytest.mark.django_db
def test_it_refuses_a_database_with_demo_accounts_on_the_network() -> None:
    mia = make_user("mia", "runner")
    mia.set_password(DEMO_PASSWORD)
    mia.save()
    with pytest.raises(SetupError, match=r"demo accounts \(mia\).*--host 127\.0\.0\.1"):
        refuse_demo_accounts_on_a_network("0.0.0.0")  # noqa: S104
    refuse_demo_accounts_on_a_network("127.0.0.1")
    refuse_demo_accounts_on_a_network("localhost")


@pytest.mark.django_db
def test_it_serves_a_demo_name_whose_password_was_changed() -> None:
    make_user("therapist", "therapist")  # a real person who chose that name
    refuse_demo_accounts_on_a_network("0.0.0.0")  # noqa: S104


def test_it_tells_how_to_create_the_first_therapist(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(RUNCARE_DATA_DIR=str(tmp_path), PYTHONUNBUFFERED="1")
    port = free_port()
    command = [sys.executable, "-m", "runcare.cli.main", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        output = read_until(process, "runcare serve --demo", timeout_s=60)
        assert "runcare add-therapist USERNAME" in output
        assert str(tmp_path / "runcare.sqlite3") in output
        assert get(f"http://127.0.0.1:{port}/accounts/login/") == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_make_run_keeps_the_demo_apart_and_passes_the_port() -> None:
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "run", "PORT=8080"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    joined = done.stdout.replace("\\\n", " ")
    serve = next(line for line in joined.splitlines() if "runcare serve" in line)
    assert "--port 8080" in serve
    assert f"RUNCARE_DATA_DIR={ROOT}/.runcare-demo/clinic" in serve
    assert "-u DATABASE_URL" in serve
