"""The home-stretch library, read from the ``exercises.toml`` the product ships.

Keys are stored with every program, so they never change. Each exercise names its technique
(a key of ``runcare.care.techniques``), the muscles it stretches (keys of the body's muscle
data), its figure (a key of ``figures/figures.toml``) and the sources its default dose follows.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from runcare.care.techniques import TECHNIQUES
from runcare.exercises.dose import Dose, DoseError, dose_from

KEY_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The word a spoken cue uses for a side: "Left leg." or "Left side."
LIMBS: tuple[str, ...] = ("leg", "side")

_TEXT = ("name", "technique", "figure", "limb", "hold_cue")
_LISTS = ("steps", "cautions", "muscles", "sources")
_FIELDS = frozenset({*_TEXT, *_LISTS, "dose"})


class ExerciseDataError(ValueError):
    """The library's data breaks its rules; the message names the exercise and field."""


@dataclass(frozen=True)
class DoseSource:
    """A reference a default dose follows; ``url`` is empty for a book."""

    key: str
    citation: str
    url: str


@dataclass(frozen=True)
class Exercise:
    """One home stretch. ``hold_cue`` is what the spoken cue says to do during a hold."""

    key: str
    name: str
    technique: str
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    muscles: tuple[str, ...]
    figure: str
    sources: tuple[str, ...]
    limb: str
    hold_cue: str
    dose: Dose


@dataclass(frozen=True)
class Library:
    sources: Mapping[str, DoseSource]
    exercises: Mapping[str, Exercise]

    def sources_of(self, exercise: Exercise) -> tuple[DoseSource, ...]:
        return tuple(self.sources[key] for key in exercise.sources)


def _table(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ExerciseDataError(f"{where} must be a table.")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ExerciseDataError(f"{where} must be non-empty text.")
    return value.strip()


def _texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ExerciseDataError(f"{where} must be a non-empty list of text.")
    return tuple(_text(item, f"{where}[{i}]") for i, item in enumerate(value))


def _source(key: str, value: object) -> DoseSource:
    table = _table(value, f"sources.{key}")
    unknown = sorted(set(table) - {"citation", "url"})
    if unknown:
        raise ExerciseDataError(f"sources.{key} has unknown field(s): {', '.join(unknown)}.")
    url = table.get("url", "")
    if not isinstance(url, str) or (url and not url.startswith("https://")):
        raise ExerciseDataError(f"sources.{key}.url must be an https:// address.")
    return DoseSource(key, _text(table.get("citation"), f"sources.{key}.citation"), url)


def _checked(key: str, table: Mapping[str, object], sources: Collection[str]) -> None:
    where = f"exercises.{key}"
    if not KEY_PATTERN.fullmatch(key):
        raise ExerciseDataError(f"{where}: a key is lower-case words joined by hyphens.")
    unknown = sorted(set(table) - _FIELDS)
    if unknown:
        raise ExerciseDataError(f"{where} has unknown field(s): {', '.join(unknown)}.")
    if table.get("technique") not in TECHNIQUES:
        raise ExerciseDataError(f"{where}.technique is not a known technique.")
    if table.get("limb") not in LIMBS:
        raise ExerciseDataError(f"{where}.limb must be one of {', '.join(LIMBS)}.")
    for name in _texts(table.get("sources"), f"{where}.sources"):
        if name not in sources:
            raise ExerciseDataError(f"{where}.sources names an unknown source {name!r}.")


def _exercise(key: str, value: object, sources: Collection[str]) -> Exercise:
    where = f"exercises.{key}"
    table = _table(value, where)
    _checked(key, table, sources)
    try:
        dose = dose_from(_table(table.get("dose"), f"{where}.dose"), f"{where}.dose")
    except DoseError as error:
        raise ExerciseDataError(str(error)) from error
    text = {name: _text(table.get(name), f"{where}.{name}") for name in _TEXT}
    lists = {name: _texts(table.get(name), f"{where}.{name}") for name in _LISTS}
    return Exercise(
        key=key,
        name=text["name"],
        technique=text["technique"],
        steps=lists["steps"],
        cautions=lists["cautions"],
        muscles=lists["muscles"],
        figure=text["figure"],
        sources=lists["sources"],
        limb=text["limb"],
        hold_cue=text["hold_cue"],
        dose=dose,
    )


def parse_library(text: str) -> Library:
    """Read and check the data file's text; raises ``ExerciseDataError`` on the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ExerciseDataError(f"The exercise data is not valid TOML: {error}.") from error
    if set(data) != {"sources", "exercises"}:
        raise ExerciseDataError("The exercise data holds a [sources] and an [exercises] table.")
    sources = {k: _source(k, v) for k, v in _table(data["sources"], "sources").items()}
    exercises = {
        k: _exercise(k, v, sources) for k, v in _table(data["exercises"], "exercises").items()
    }
    return Library(MappingProxyType(sources), MappingProxyType(exercises))


def check_references(
    library: Library, *, muscles: Collection[str], figures: Collection[str]
) -> None:
    """Raise ``ExerciseDataError`` if an exercise names a muscle or figure not in the sets."""
    for exercise in library.exercises.values():
        for muscle in exercise.muscles:
            if muscle not in muscles:
                raise ExerciseDataError(
                    f"exercises.{exercise.key}.muscles names an unknown muscle {muscle!r}."
                )
        if exercise.figure not in figures:
            raise ExerciseDataError(
                f"exercises.{exercise.key}.figure names an unknown figure {exercise.figure!r}."
            )


@cache
def library() -> Library:
    """The shipped library, read once."""
    text = resources.files("runcare.exercises").joinpath("exercises.toml").read_text("utf-8")
    return parse_library(text)
