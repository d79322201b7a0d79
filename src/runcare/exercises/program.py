"""A home program: exercises of the library in order, each with its dose.

A program file is JSON: ``{"name": "...", "exercises": [{"exercise": "kneeling-hip-flexor",
"side": "both", "sets": 2, "reps": 3, "hold_s": 30, "relax_s": 5, "rest_s": 20}]}``; a dose
field left out takes the exercise's default. Every problem is a ``ProgramError`` whose
message names the field (``exercises[0].sets``), so a person can fix the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from runcare.exercises.dose import Dose, DoseError, dose_from
from runcare.exercises.library import Exercise, Library

MAX_EXERCISES = 50
MAX_NAME_CHARS = 200


class ProgramError(ValueError):
    """The program cannot be used; the message names the field at fault."""


@dataclass(frozen=True)
class ProgramItem:
    exercise: Exercise
    dose: Dose


@dataclass(frozen=True)
class Program:
    name: str
    items: tuple[ProgramItem, ...]


def single(exercise: Exercise) -> Program:
    """The program of one exercise at its default dose."""
    return Program(exercise.name, (ProgramItem(exercise, exercise.dose),))


def _item(value: object, where: str, library: Library) -> ProgramItem:
    if not isinstance(value, dict):
        raise ProgramError(f'{where} must be an object with an "exercise" key.')
    key = value.get("exercise")
    if not isinstance(key, str):
        raise ProgramError(f"{where}.exercise must be the key of a library exercise.")
    exercise = library.exercises.get(key)
    if exercise is None:
        raise ProgramError(
            f"{where}.exercise {key!r} is not in the library (see 'runcare stretch --list')."
        )
    fields = {name: v for name, v in value.items() if name != "exercise"}
    try:
        return ProgramItem(exercise, dose_from(fields, where, exercise.dose))
    except DoseError as error:
        raise ProgramError(str(error)) from error


def _name(data: Mapping[str, object]) -> str:
    name = data.get("name", "")
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
        raise ProgramError(f"name must be text of at most {MAX_NAME_CHARS} characters.")
    return name.strip()


def parse_program(data: object, library: Library) -> Program:
    """A program from decoded JSON; raises ``ProgramError`` naming the first bad field."""
    if not isinstance(data, dict):
        raise ProgramError('A program is a JSON object with "name" and "exercises".')
    unknown = sorted(set(data) - {"name", "exercises"})
    if unknown:
        raise ProgramError(f"unknown field(s): {', '.join(unknown)}.")
    items = data.get("exercises")
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_EXERCISES:
        raise ProgramError(f"exercises must be a list of 1 to {MAX_EXERCISES} exercises.")
    parsed = tuple(_item(v, f"exercises[{i}]", library) for i, v in enumerate(items))
    return Program(_name(data) or "Home program", parsed)


def read_program(text: str, library: Library) -> Program:
    """A program from a file's text; raises ``ProgramError`` for bad JSON or a bad field."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ProgramError(f"not valid JSON: {error}.") from error
    return parse_program(data, library)
