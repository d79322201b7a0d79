"""The guided timer's phase schedule, computed once from the doses; front ends only play it.

For each exercise: a get-ready phase, then for each set, each side, each rep a hold (the
contraction, for contract-relax) and a relax phase; a switch-side phase between sides and a
rest between sets. A phase of zero seconds (no relax, no rest) is left out. Every phase
carries the cue a front end speaks or prints when it starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from runcare.exercises.dose import Dose
from runcare.exercises.library import Exercise
from runcare.exercises.program import Program

PHASES: tuple[str, ...] = ("get_ready", "hold", "relax", "switch_side", "rest")
# Long enough to get down on the floor or find the band; the same for every exercise.
GET_READY_S = 5.0
SWITCH_SIDE_S = 5.0

# What the relax cue says depends on what the relax phase is for.
_RELAX_CUES = {
    "pnf_contract_relax": "And relax; let it sink into the stretch.",
    "hold_relax": "And relax; let it sink into the stretch.",
    "active_isolated_stretch": "And back to the start.",
}


@dataclass(frozen=True)
class Phase:
    """One step of the timer. ``side`` is "left", "right" or ``None`` (no side); ``rep`` is
    ``None`` outside a hold or relax phase. Times in seconds from the program's start."""

    start_s: float
    duration_s: float
    phase: str
    exercise: str
    side: str | None
    set: int
    rep: int | None
    cue: str

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


@dataclass(frozen=True)
class Schedule:
    total_s: float
    phases: tuple[Phase, ...]

    def as_json(self) -> dict[str, Any]:
        """The shape ``runcare stretch --json`` prints and the browser timer plays."""
        return {
            "total_s": self.total_s,
            "phases": [
                {
                    "start_s": p.start_s,
                    "duration_s": p.duration_s,
                    "phase": p.phase,
                    "exercise": p.exercise,
                    "side": p.side,
                    "set": p.set,
                    "rep": p.rep,
                    "cue": p.cue,
                }
                for p in self.phases
            ],
        }


# (phase, duration_s, side, set, rep, cue) before the start times are laid end to end.
_Step = tuple[str, float, str | None, int, int | None, str]


def _side_words(exercise: Exercise, side: str | None) -> str:
    return f"{side.capitalize()} {exercise.limb}. " if side else ""


def _seconds(value: float) -> str:
    return f"{value:g} second" + ("" if value == 1 else "s")


def _get_ready(exercise: Exercise, dose: Dose) -> _Step:
    each = " each side" if dose.side == "both" else ""
    times = "once" if dose.reps == 1 else f"{dose.reps} times"
    sets = f"{dose.sets} sets of {dose.reps}" if dose.sets > 1 else times.capitalize()
    first = dose.sides[0]
    start = f"Get ready, {first} {exercise.limb} first." if first else "Get ready."
    cue = f"{exercise.name}. {sets}, {_seconds(dose.hold_s)}{each}. {start}"
    return ("get_ready", GET_READY_S, dose.sides[0], 1, None, cue)


def _reps(exercise: Exercise, dose: Dose, side: str | None, set_no: int) -> Iterator[_Step]:
    relax = _RELAX_CUES.get(exercise.technique, "And relax.")
    for rep in range(1, dose.reps + 1):
        cue = f"{_side_words(exercise, side)}{rep} of {dose.reps}. {exercise.hold_cue}... hold."
        yield ("hold", dose.hold_s, side, set_no, rep, cue)
        if dose.relax_s > 0:
            yield ("relax", dose.relax_s, side, set_no, rep, relax)


def _set(exercise: Exercise, dose: Dose, set_no: int) -> Iterator[_Step]:
    for index, side in enumerate(dose.sides):
        if index > 0:
            cue = f"Switch to the {side} {exercise.limb}."
            yield ("switch_side", SWITCH_SIDE_S, side, set_no, None, cue)
        yield from _reps(exercise, dose, side, set_no)


def _steps(exercise: Exercise, dose: Dose) -> Iterator[_Step]:
    yield _get_ready(exercise, dose)
    for set_no in range(1, dose.sets + 1):
        if set_no > 1 and dose.rest_s > 0:
            cue = f"Rest, {_seconds(dose.rest_s)}. Next: set {set_no} of {dose.sets}."
            yield ("rest", dose.rest_s, dose.sides[0], set_no, None, cue)
        yield from _set(exercise, dose, set_no)


def build_schedule(program: Program) -> Schedule:
    """The program's phases laid end to end; ``total_s`` is the end of the last one."""
    phases: list[Phase] = []
    start_s = 0.0
    for item in program.items:
        for kind, duration_s, side, set_no, rep, cue in _steps(item.exercise, item.dose):
            phases.append(
                Phase(start_s, duration_s, kind, item.exercise.key, side, set_no, rep, cue)
            )
            start_s += duration_s
    return Schedule(start_s, tuple(phases))
