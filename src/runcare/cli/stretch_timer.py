"""The terminal's stretch timer loop: plays a schedule against a clock and a key source.

Both are parameters, so tests drive the loop with a fake clock and scripted keys and never
sleep. The loop knows nothing of the screen: it hands a ``Frame`` to ``show`` whenever the
display should change and calls ``on_phase`` when a phase starts (the bell, a printed line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from runcare.exercises import Phase, Schedule

# Keys a source returns, by meaning; the terminal maps bytes (space, p, n, arrows...) to them.
PAUSE, SKIP, BACK, QUIT = "pause", "skip", "back", "quit"
# Within this many seconds of a phase's start, "back" goes to the phase before; later, it
# restarts the current phase (as a music player's back button does).
BACK_RESTART_S = 2.0
# How often the countdown is redrawn while nothing happens.
TICK_S = 0.25


class Clock(Protocol):
    def __call__(self) -> float:
        """Monotonic seconds."""
        ...


class KeySource(Protocol):
    def __call__(self, timeout_s: float) -> str | None:
        """Wait at most ``timeout_s`` for a key; its meaning (``PAUSE``...) or ``None``."""
        ...


@dataclass(frozen=True)
class Frame:
    """What the screen shows: the phase, the seconds left in it (rounded up for display by
    the front end), whether the timer is paused, and the phase's place in the schedule."""

    phase: Phase
    index: int
    count: int
    remaining_s: float
    paused: bool
    program_left_s: float  # what is left of the whole program, this phase's rest included


@dataclass
class _State:
    index: int
    started: float  # clock time the phase started, moved on by the length of any pause
    paused_at: float | None = None

    def elapsed(self, now: float) -> float:
        return (self.paused_at if self.paused_at is not None else now) - self.started


def _jump(state: _State, index: int, now: float) -> None:
    state.index = index
    state.started = now
    if state.paused_at is not None:
        state.paused_at = now


def _toggle_pause(state: _State, now: float) -> None:
    if state.paused_at is None:
        state.paused_at = now
    else:
        state.started += now - state.paused_at
        state.paused_at = None


def _back(state: _State, now: float) -> int:
    if state.elapsed(now) > BACK_RESTART_S or state.index == 0:
        return state.index
    return state.index - 1


def play(
    schedule: Schedule,
    clock: Clock,
    keys: KeySource,
    show: Callable[[Frame], None],
    on_phase: Callable[[Phase], None],
) -> bool:
    """Play the schedule to its end; ``False`` when the person quit first."""
    phases = schedule.phases
    if not phases:
        return True
    state = _State(0, clock())
    on_phase(phases[0])
    while True:
        now = clock()
        phase = phases[state.index]
        remaining_s = phase.duration_s - state.elapsed(now)
        if remaining_s <= 0 and state.paused_at is None:
            if state.index + 1 == len(phases):
                return True
            # Move on by the phase's own length, not to "now": late wake-ups never add up.
            state.started += phase.duration_s
            state.index += 1
            on_phase(phases[state.index])
            continue
        left_s = schedule.total_s - phase.end_s + remaining_s
        paused = state.paused_at is not None
        show(Frame(phase, state.index, len(phases), remaining_s, paused, left_s))
        wait_s = TICK_S if state.paused_at is not None else min(TICK_S, remaining_s)
        key = keys(wait_s)
        if key is None:
            continue
        now = clock()
        if key == QUIT:
            return False
        if key == PAUSE:
            _toggle_pause(state, now)
            continue
        target = state.index + 1 if key == SKIP else _back(state, now)
        if target >= len(phases):
            return True
        _jump(state, target, now)
        on_phase(phases[target])
