"""The terminal stretch timer, driven by a fake clock and scripted keys."""

from __future__ import annotations

import io
import os
import termios

import pytest
from rich.console import Console

from runcare.cli.stretch_term import (
    TerminalKeys,
    big_digits,
    countdown_text,
    key_meaning,
    phase_line,
    play_lines,
    play_live,
)
from runcare.cli.stretch_timer import BACK, PAUSE, QUIT, SKIP, Frame, play
from runcare.exercises import Phase, Schedule, build_schedule, library, parse_program
from tests.stretch_fakes import FakeTime


def _schedule() -> Schedule:
    # get_ready 0-5, hold 5-35, relax 35-40, hold 40-70, relax 70-75 (no sides)
    program = parse_program(
        {"exercises": [{"exercise": "kneeling-hip-flexor", "side": "none", "reps": 2}]},
        library(),
    )
    return build_schedule(program)


def _run(
    fake: FakeTime, schedule: Schedule | None = None
) -> tuple[bool, list[tuple[float, int]], list[Frame]]:
    schedule = schedule or _schedule()
    starts: list[tuple[float, int]] = []
    frames: list[Frame] = []

    def on_phase(phase: Phase) -> None:
        starts.append((fake.now_s, schedule.phases.index(phase)))

    done = play(schedule, fake.clock, fake.keys, frames.append, on_phase)
    return done, starts, frames


def test_it_plays_every_phase_on_time_to_the_end() -> None:
    fake = FakeTime()
    done, starts, frames = _run(fake)
    assert done
    assert starts == [(0.0, 0), (5.0, 1), (35.0, 2), (40.0, 3), (70.0, 4)]
    assert fake.now_s == pytest.approx(75.0)
    assert frames[0].remaining_s == 5.0 and not frames[0].paused
    assert all(0 < f.remaining_s <= f.phase.duration_s for f in frames)
    assert frames[0].program_left_s == 75.0


def test_it_shows_what_is_left_of_the_program_by_the_clock() -> None:
    fake = FakeTime()
    shown: list[tuple[float, float]] = []

    def show(frame: Frame) -> None:
        shown.append((fake.now_s, frame.program_left_s))

    assert play(_schedule(), fake.clock, fake.keys, show, lambda _phase: None)
    assert len(shown) > 250
    assert all(left == pytest.approx(75.0 - at) for at, left in shown)


def test_it_does_not_drift_when_the_machine_wakes_late() -> None:
    fake = FakeTime(late_s=0.05)
    done, starts, _ = _run(fake)
    assert done
    for (at_s, index), phase in zip(starts, _schedule().phases, strict=True):
        assert phase.start_s <= at_s < phase.start_s + 0.06, index


def test_it_pauses_and_resumes_where_it_was() -> None:
    fake = FakeTime([(6.0, PAUSE), (16.0, PAUSE)])
    done, starts, frames = _run(fake)
    assert done
    assert [s for s, _ in starts] == [0.0, 5.0, 45.0, 50.0, 80.0]
    paused = [f for f in frames if f.paused]
    assert paused and all(f.remaining_s == pytest.approx(29.0) for f in paused)
    assert fake.now_s == pytest.approx(85.0)


def test_it_skips_to_the_next_phase() -> None:
    fake = FakeTime([(1.0, SKIP), (2.0, SKIP)])
    _, starts, _ = _run(fake)
    assert starts[:4] == [(0.0, 0), (1.0, 1), (2.0, 2), (7.0, 3)]


def test_skipping_the_last_phase_ends_the_program() -> None:
    fake = FakeTime([(71.0, SKIP)])
    done, starts, _ = _run(fake)
    assert done and starts[-1] == (70.0, 4)
    assert fake.now_s == 71.0


def test_back_early_in_a_phase_goes_to_the_one_before() -> None:
    fake = FakeTime([(6.0, BACK)])
    _, starts, _ = _run(fake)
    assert starts[:4] == [(0.0, 0), (5.0, 1), (6.0, 0), (11.0, 1)]


def test_back_later_in_a_phase_restarts_it_and_back_at_the_start_stays() -> None:
    fake = FakeTime([(1.0, BACK), (20.0, BACK)])
    _, starts, _ = _run(fake)
    assert starts[:4] == [(0.0, 0), (1.0, 0), (6.0, 1), (20.0, 1)]


def test_it_stops_when_asked_to_quit() -> None:
    fake = FakeTime([(12.5, QUIT)])
    done, starts, _ = _run(fake)
    assert not done
    assert fake.now_s == 12.5 and len(starts) == 2


def test_it_ends_at_once_on_an_empty_schedule() -> None:
    fake = FakeTime()
    assert _run(fake, Schedule(0.0, ()))[0]
    assert fake.waits == 0


def test_it_draws_the_full_screen_countdown_with_a_bell_per_phase() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=70, height=24)
    fake = FakeTime([(41.0, QUIT)])
    names = {"kneeling-hip-flexor": "Kneeling hip-flexor stretch"}
    done = play_live(_schedule(), names, console, fake.clock, fake.keys, bell=True)
    text = out.getvalue()
    assert not done
    assert text.count("\a") == 4  # get ready, hold, relax, hold
    for word in (
        "Kneeling hip-flexor stretch",
        "GET READY",
        "HOLD",
        "RELAX",
        "phase 4 of 5, 35 s left",
    ):
        assert word in text
    assert big_digits("30").split("\n")[0] in text
    assert "\x1b[?1049h" in text and "\x1b[?1049l" in text  # the screen is given back


def test_it_keeps_quiet_without_sound() -> None:
    out = io.StringIO()
    fake = FakeTime()
    console = Console(file=out, force_terminal=True, width=70, height=24)
    assert play_live(_schedule(), {}, console, fake.clock, fake.keys, bell=False)
    assert "\a" not in out.getvalue()


def test_it_prints_each_phase_as_it_starts_when_not_a_terminal() -> None:
    out = io.StringIO()
    fake = FakeTime()
    assert play_lines(_schedule(), out, fake.clock, fake.keys)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("00:00  GET READY    Kneeling hip-flexor stretch.")
    assert lines[1] == phase_line(_schedule().phases[1])
    assert lines[1].startswith("00:05  HOLD ")
    assert lines[-1] == "Done."
    assert len(lines) == 6


@pytest.mark.parametrize(
    ("data", "meaning"),
    [
        (b" ", PAUSE),
        (b"p", PAUSE),
        (b"P", PAUSE),
        (b"n", SKIP),
        (b"\x1b[C", SKIP),
        (b"\x1bOC", SKIP),
        (b"b", BACK),
        (b"\x1b[D", BACK),
        (b"q", QUIT),
        (b"\x1b", QUIT),
        (b"x", None),
        (b"\x1b[A", None),
        (b"nn", None),
    ],
)
def test_it_knows_the_keys(data: bytes, meaning: str | None) -> None:
    assert key_meaning(data) == meaning


@pytest.mark.parametrize(
    ("remaining_s", "shown"),
    [
        (5.0, "5"),
        (4.01, "5"),
        (4.0, "4"),
        (0.2, "1"),
        (0.0, "0"),
        (-0.1, "0"),
        (59.5, "1:00"),
        (61.0, "1:01"),
        (600.0, "10:00"),
    ],
)
def test_it_counts_down_in_whole_seconds(remaining_s: float, shown: str) -> None:
    assert countdown_text(remaining_s) == shown


def test_it_reads_keys_from_a_terminal_and_gives_it_back_as_it_was() -> None:
    master, slave = os.openpty()
    try:
        before = termios.tcgetattr(slave)
        with os.fdopen(os.dup(slave), "r") as stream, TerminalKeys(stream) as keys:
            assert not termios.tcgetattr(slave)[3] & termios.ICANON
            os.write(master, b"\x1b[C")
            assert keys(1.0) == SKIP
            os.write(master, b"q")
            assert keys(1.0) == QUIT
            assert keys(0.0) is None
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)
