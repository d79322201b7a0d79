"""`runcare serve` keeps the app up: a killed worker is started again and finishes the import
it was running, and idle connections do not stop a page from answering. Real processes on a
free loopback port; every loop is bounded by a deadline and everything is stopped after."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from tests.builders import START, gpx_run, zip_bytes
from tests.web.test_serve import PROC, children_of, free_port, get

T = TypeVar("T")
RUNS = 600
RUNCARE = [sys.executable, "-m", "runcare.cli.main"]

pytestmark = pytest.mark.skipif(not PROC.is_dir(), reason="reads child processes from /proc")


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    data_dir: Path
    log: Path

    def stderr(self) -> str:
        return self.log.read_text(errors="replace")

    def child(self, word: str) -> int:
        for pid in children_of(self.process.pid):
            if word in (PROC / str(pid) / "cmdline").read_bytes().decode(errors="replace"):
                return pid
        raise AssertionError(f"no {word} child; log: {self.stderr()}")


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNCARE_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(RUNCARE_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1")
    return env


def wait_for(what: str, check: Callable[[], T | None], timeout_s: float) -> T:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def start(tmp_path: Path, stack: ExitStack, **extra_env: str) -> Served:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*RUNCARE, "serve", "--port", str(port)],
            env={**environment(tmp_path / "data"), **extra_env},
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    stack.callback(stop, process)
    server = Served(process, port, tmp_path / "data", log)
    wait_for("the start", lambda: "running at" in server.stderr(), 90)
    assert get(f"http://127.0.0.1:{port}/accounts/login/") == 200
    return server


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with ExitStack() as stack:
        yield start(tmp_path, stack)


QUEUE_UPLOAD = """
from pathlib import Path
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from runcare.web.accounts.models import Role, User
from runcare.web.training.services import store_upload
from runcare.web.training.tasks import enqueue_import
t = User.objects.create_user("thea", password="x" * 12, role=Role.THERAPIST)
r = User.objects.create_user("rita", password="x" * 12, role=Role.RUNNER, therapist=t)
data = Path({zip_path!r}).read_bytes()
upload = store_upload(r, r, [SimpleUploadedFile("export.zip", data)], timezone.now())
enqueue_import(upload)
print("upload", upload.pk)
"""


def query(data_dir: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(data_dir / "runcare.sqlite3", timeout=10)) as db:
        return db.execute(sql, params).fetchall()


def test_it_restarts_a_killed_worker_which_finishes_the_import(
    served: Served, tmp_path: Path
) -> None:
    runs = {
        f"runs/{day}.gpx": gpx_run(START + timedelta(days=day), distance_m=8000.0)
        for day in range(RUNS)
    }
    zip_path = tmp_path / "export.zip"
    zip_path.write_bytes(zip_bytes(runs))
    queued = subprocess.run(
        [*RUNCARE, "manage", "shell", "-c", QUEUE_UPLOAD.format(zip_path=str(zip_path))],
        env=environment(served.data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    upload_id = int(queued.stdout.split()[-1])
    worker = served.child("runcare.cli.main\x00worker")

    def importing() -> bool:
        rows = query(
            served.data_dir, "SELECT status, files_done FROM training_upload WHERE id=?", upload_id
        )
        return rows[0][0] == "running" and int(rows[0][1]) > 0  # type: ignore[call-overload]

    wait_for("the import to start", importing, 60)
    os.kill(worker, signal.SIGKILL)

    def finished() -> str | None:
        rows = query(served.data_dir, "SELECT status FROM training_upload WHERE id=?", upload_id)
        status = str(rows[0][0])
        return status if status in {"done", "failed"} else None

    assert wait_for("the import to finish", finished, 120) == "done", served.stderr()
    log = served.stderr()
    assert "the worker stopped (killed by SIGKILL); starting it again in 1 s" in log, log
    assert f"(upload {upload_id}) was interrupted when its worker stopped" in log, log
    [(count, distinct)] = query(
        served.data_dir,
        "SELECT COUNT(*), COUNT(DISTINCT start) FROM training_activityrecord",
    )
    assert count == distinct == RUNS
    [(added,)] = query(
        served.data_dir, "SELECT activities_added FROM training_upload WHERE id=?", upload_id
    )
    assert added == RUNS
    assert served.child("runcare.cli.main\x00worker") != worker
    assert served.process.poll() is None


def idle_connections(port: int, count: int, stack: ExitStack) -> None:
    for index in range(count):
        sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
        if index % 2:
            # A slowloris: a request begun and never finished.
            sock.sendall(b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")


def test_it_answers_a_page_within_a_second_while_ten_connections_idle(served: Served) -> None:
    with ExitStack() as stack:
        idle_connections(served.port, 10, stack)
        time.sleep(0.5)  # let the server take them all first
        for _ in range(3):
            started = time.monotonic()
            status = get(f"http://127.0.0.1:{served.port}/accounts/login/", timeout_s=0)
            assert status == 200
            assert time.monotonic() - started < 1.0
    assert served.process.poll() is None


def test_it_starts_a_killed_web_server_again(served: Served) -> None:
    gunicorn = served.child("gunicorn\x00runcare.web.wsgi")
    os.kill(gunicorn, signal.SIGKILL)
    wait_for("a new web server", lambda: "the web server stopped" in served.stderr(), 10)
    assert get(f"http://127.0.0.1:{served.port}/accounts/login/", timeout_s=30) == 200
    assert served.child("gunicorn\x00runcare.web.wsgi") != gunicorn
    assert served.process.poll() is None


def login_form(port: int) -> tuple[str, str]:
    """The CSRF cookie and the form's token, as a browser has them before it posts."""
    url = f"http://127.0.0.1:{port}/accounts/login/"
    with urllib.request.urlopen(url, timeout=10) as page:
        cookie = page.headers["Set-Cookie"].split(";", 1)[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert token is not None
    return cookie, token.group(1)


def test_it_receives_a_request_slower_than_the_worker_timeout(tmp_path: Path) -> None:
    # The worker timeout cut to 2 s (gunicorn reads GUNICORN_CMD_ARGS), and a login form
    # sent over 6 s: a worker that could not tell the master it is alive while reading it
    # would be killed mid-request, as an upload over a slow link was at the 30 s default.
    with ExitStack() as stack:
        server = start(tmp_path, stack, GUNICORN_CMD_ARGS="--timeout 2")
        cookie, token = login_form(server.port)
        body = f"csrfmiddlewaretoken={token}&username=nobody&password=wrong-password".encode()
        sock = stack.enter_context(socket.create_connection(("127.0.0.1", server.port), 30))
        sock.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Cookie: {cookie}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        )
        started = time.monotonic()
        for index in range(len(body)):
            sock.sendall(body[index : index + 1])
            time.sleep(6.0 / len(body))
        assert time.monotonic() - started > 5.0
        answer = sock.recv(100)
        # The whole form arrived and was judged: a wrong password, shown again with its error.
        assert answer.startswith(b"HTTP/1.1 200"), answer
        assert "WORKER TIMEOUT" not in server.stderr()
