"""``runcare stretch``: the library list, the schedule as JSON, the timer, clear errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from runcare.cli import stretch_cmd
from runcare.cli.main import main
from runcare.exercises import build_schedule, library, single
from tests.stretch_fakes import FakeTime

PHASE_KEYS = ["start_s", "duration_s", "phase", "exercise", "side", "set", "rep", "cue"]


def test_it_lists_the_library_one_exercise_a_line_key_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stretch", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(library().exercises)
    assert lines[2].split(None, 1)[1] == library().exercises[lines[2].split()[0]].name


def test_it_prints_the_documented_json_for_an_exercise_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stretch", "kneeling-hip-flexor", "--json"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(
        '{"total_s":150.0,"phases":[{"start_s":0.0,"duration_s":5.0,"phase":"get_ready",'
        '"exercise":"kneeling-hip-flexor","side":"left","set":1,"rep":null,"cue":"'
    )
    data = json.loads(text)
    assert list(data) == ["total_s", "phases"]
    assert all(list(p) == PHASE_KEYS for p in data["phases"])
    expected = build_schedule(single(library().exercises["kneeling-hip-flexor"]))
    assert data == expected.as_json()


def test_it_reads_a_program_file_with_doses_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "program.json"
    path.write_text(
        json.dumps(
            {
                "name": "Evening",
                "exercises": [
                    {
                        "exercise": "kneeling-hip-flexor",
                        "side": "left",
                        "sets": 2,
                        "reps": 1,
                        "hold_s": 30,
                        "relax_s": 5,
                        "rest_s": 20,
                    },
                    {"exercise": "ais-glute", "side": "none", "reps": 2},
                ],
            }
        )
    )
    assert main(["stretch", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    phases = [(p["phase"], p["start_s"]) for p in data["phases"]]
    assert phases == [
        ("get_ready", 0.0),
        ("hold", 5.0),
        ("relax", 35.0),
        ("rest", 40.0),
        ("hold", 60.0),
        ("relax", 90.0),
        ("get_ready", 95.0),
        ("hold", 100.0),
        ("relax", 102.0),
        ("hold", 104.0),
        ("relax", 106.0),
    ]
    assert data["total_s"] == 108.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"exercises":[{"exercise":"ais-glute","reps":0}]}', "exercises[0].reps must be"),
        (b'{"exercises":[{"exercise":"splits"}]}', "exercises[0].exercise 'splits'"),
        (b'{"exercises":[{"exercise":"ais-glute","hold":3}]}', "unknown field(s): hold"),
        (b'{"exercises":', "not valid JSON"),
        (b"\xff\xfe\x00", "is not UTF-8 text"),
        (b"[]", "is a JSON object"),
    ],
)
def test_it_names_what_is_wrong_with_a_program_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "program.json"
    path.write_bytes(content)
    assert main(["stretch", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"runcare stretch: {path}: ")
    assert message in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("spec", ["no-such-stretch", "missing.json", "."])
def test_it_says_when_program_is_neither_key_nor_file(
    spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stretch", spec, "--json"]) == 2
    assert "neither an exercise key" in capsys.readouterr().err


def test_it_refuses_a_huge_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (stretch_cmd.MAX_PROGRAM_BYTES + 1))
    assert main(["stretch", str(path)]) == 2
    assert "too big" in capsys.readouterr().err


def test_it_asks_for_a_program(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stretch"]) == 2
    assert "--list" in capsys.readouterr().err


def test_it_prints_phases_as_they_happen_when_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakeTime()
    monkeypatch.setattr(stretch_cmd, "CLOCK", fake.clock)
    monkeypatch.setattr(stretch_cmd, "WAIT", fake.keys)
    assert main(["stretch", "ais-glute", "--no-sound"]) == 0
    captured = capsys.readouterr()
    assert "not a terminal" in captured.err
    lines = captured.out.splitlines()
    schedule = build_schedule(single(library().exercises["ais-glute"]))
    assert len(lines) == len(schedule.phases) + 1
    assert lines[-1] == "Done."
    assert fake.now_s == pytest.approx(schedule.total_s)


def _tmux(socket: str, *args: str) -> str:
    done = subprocess.run(
        ["tmux", "-L", socket, *args], check=False, capture_output=True, text=True
    )
    return done.stdout


def _screen_shows(socket: str, text: str, timeout_s: float = 10.0) -> str:
    deadline = time.monotonic() + timeout_s
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux(socket, "capture-pane", "-p", "-t", "stretch")
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared on the screen:\n{screen}")


@pytest.mark.parametrize(("stop_key", "status"), [("q", "0"), ("C-c", "130")])
def test_it_runs_full_screen_in_a_real_terminal_and_stops_cleanly(
    tmp_path: Path, stop_key: str, status: str
) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (the full-screen smoke test drives a real terminal)")
    # A tmux server of this test's own: parallel runs and the other case never share one.
    socket = f"runcare-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    done_file = tmp_path / "status"
    command = (
        f"{sys.executable} -m runcare.cli.main stretch ais-glute --no-sound; "
        f"echo $? > {done_file}; stty -a > {tmp_path / 'stty'}; sleep 30"
    )
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run(
        [
            "tmux",
            "-L",
            socket,
            "new-session",
            "-d",
            "-s",
            "stretch",
            "-x",
            "80",
            "-y",
            "24",
            command,
        ],
        check=True,
        env=env,
    )
    try:
        _screen_shows(socket, "GET READY")
        _tmux(socket, "send-keys", "-t", "stretch", "n")
        _screen_shows(socket, "HOLD")
        _tmux(socket, "send-keys", "-t", "stretch", "Space")
        _screen_shows(socket, "PAUSED")
        _tmux(socket, "send-keys", "-t", "stretch", stop_key)
        _screen_shows(socket, "Stopped.")
        deadline = time.monotonic() + 10
        while not done_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done_file.read_text().strip() == status
        settings = (tmp_path / "stty").read_text()
        # The terminal is given back: line editing and echo on again.
        assert re.search(r"(?<![-\w])icanon\b", settings)
        assert re.search(r"(?<![-\w])echo\b", settings)
    finally:
        _tmux(socket, "kill-server")
