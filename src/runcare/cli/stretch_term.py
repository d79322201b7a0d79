"""The stretch timer on a terminal: keys read raw from it, a full-screen countdown, the bell.

``play_live`` draws with rich on any ``Console`` (tests give one writing to a string) and
``play_lines`` prints one line per phase for output that is not a terminal.
"""

from __future__ import annotations

import math
import os
import select
import sys
import termios
import time
import tty
from collections.abc import Mapping
from types import TracebackType
from typing import IO, Any

from rich.align import Align
from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.text import Text

from runcare.cli.stretch_timer import BACK, PAUSE, QUIT, SKIP, Clock, Frame, KeySource, play
from runcare.exercises import Phase, Schedule

_KEYS: Mapping[bytes, str] = {
    b" ": PAUSE,
    b"p": PAUSE,
    b"n": SKIP,
    b"\x1b[C": SKIP,  # right arrow (normal and application cursor mode)
    b"\x1bOC": SKIP,
    b"b": BACK,
    b"\x1b[D": BACK,  # left arrow
    b"\x1bOD": BACK,
    b"q": QUIT,
    b"\x1b": QUIT,  # Esc on its own
}

LABELS: Mapping[str, str] = {
    "get_ready": "GET READY",
    "hold": "HOLD",
    "relax": "RELAX",
    "switch_side": "SWITCH SIDE",
    "rest": "REST",
}
_STYLES: Mapping[str, str] = {
    "get_ready": "bold yellow",
    "hold": "bold red",
    "relax": "bold green",
    "switch_side": "bold cyan",
    "rest": "bold blue",
}
HELP = "space/p pause   n/→ skip   b/← back   q quit"

# Digits five rows high, so the countdown reads from across the room.
_DIGITS: Mapping[str, tuple[str, ...]] = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" █ ", "██ ", " █ ", " █ ", "███"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": ("   ", " █ ", "   ", " █ ", "   "),
}


def key_meaning(data: bytes) -> str | None:
    """What the bytes of one key press mean (``PAUSE``...), ``None`` for any other key."""
    return _KEYS.get(data.lower() if len(data) == 1 else data)


def countdown_text(remaining_s: float) -> str:
    """Whole seconds left, rounded up (a phase shows 5 until it has fully begun its last
    second); minutes and seconds from one minute."""
    whole = max(0, math.ceil(remaining_s - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def big_digits(text: str) -> str:
    return "\n".join(" ".join(_DIGITS[c][row] for c in text) for row in range(5))


def _where(phase: Phase) -> str:
    parts = [f"{phase.side.capitalize()}" if phase.side else "", f"set {phase.set}"]
    if phase.rep is not None:
        parts.append(f"rep {phase.rep}")
    return " · ".join(p for p in parts if p)


def frame_view(frame: Frame, names: Mapping[str, str]) -> Panel:
    phase = frame.phase
    label = "PAUSED" if frame.paused else LABELS[phase.phase]
    body = Group(
        Text(names.get(phase.exercise, phase.exercise), style="bold", justify="center"),
        Text(label, style=_STYLES[phase.phase], justify="center"),
        Text(""),
        Align.center(Text(big_digits(countdown_text(frame.remaining_s)), no_wrap=True)),
        Text(""),
        Text(_where(phase), justify="center"),
        Text(phase.cue, justify="center"),
    )
    left = countdown_text(frame.program_left_s)
    subtitle = f"phase {frame.index + 1} of {frame.count}, {left} s left   {HELP}"
    if frame.program_left_s >= 60:
        subtitle = f"phase {frame.index + 1} of {frame.count}, {left} left   {HELP}"
    return Panel(body, title="runcare stretch", subtitle=subtitle)


def play_live(
    schedule: Schedule,
    names: Mapping[str, str],
    console: Console,
    clock: Clock,
    keys: KeySource,
    *,
    bell: bool,
) -> bool:
    """The full-screen countdown; ``False`` when the person quit."""
    with Live(console=console, screen=True, auto_refresh=False, transient=True) as live:

        def show(frame: Frame) -> None:
            live.update(frame_view(frame, names), refresh=True)

        def on_phase(_phase: Phase) -> None:
            if bell:
                console.bell()

        return play(schedule, clock, keys, show, on_phase)


def phase_line(phase: Phase) -> str:
    start = int(phase.start_s)
    return f"{start // 60:02d}:{start % 60:02d}  {LABELS[phase.phase]:<11}  {phase.cue}"


def play_lines(schedule: Schedule, out: IO[str], clock: Clock, wait: KeySource) -> bool:
    """Print each phase as it starts, in real time; ``wait`` only waits (no keys)."""

    def on_phase(phase: Phase) -> None:
        out.write(phase_line(phase) + "\n")
        out.flush()

    done = play(schedule, clock, wait, lambda _frame: None, on_phase)
    out.write("Done.\n")
    return done


def sleep_only(timeout_s: float) -> str | None:
    time.sleep(timeout_s)
    return None


class TerminalKeys:
    """Keys read one press at a time from a terminal, echo off; restores it on exit, also
    after Ctrl+C (which still interrupts: cbreak mode leaves signals on)."""

    def __init__(self, stream: IO[str] = sys.stdin) -> None:
        self._fd = stream.fileno()
        self._saved: list[Any] | None = None

    def __enter__(self) -> TerminalKeys:
        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._saved is not None:
            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)

    def __call__(self, timeout_s: float) -> str | None:
        ready, _, _ = select.select([self._fd], [], [], max(0.0, timeout_s))
        if not ready:
            return None
        return key_meaning(os.read(self._fd, 16))
