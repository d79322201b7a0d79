"""The intake as a JSON file, for a runner on their own (``runcare explain INTAKE.json``).

The shape is described by ``intake.schema.json`` beside this module and in docs/cli.md. The
checks here give a message that names the field; the region, timing and red-flag rules are
the same core rules the web form calls.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Any

from runcare.body.regions import PAIN_MAX, PAIN_MIN, PainMapError, validate_scores
from runcare.care.explain import IntakeAnswers
from runcare.care.intake import TIMINGS, validate_timing
from runcare.care.redflags import QUESTIONS

FIELDS = ("question", "pain_0_10", "timing", "pain_since", "red_flags")
REQUIRED = ("pain_0_10", "timing", "red_flags")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class IntakeFileError(ValueError):
    """An intake file that cannot be used; ``field`` is the JSON path of the bad value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class IntakeFile:
    """A checked intake file: the answers the explanation reads, and the red-flag answers."""

    answers: IntakeAnswers
    red_flags: Mapping[str, bool] = field(hash=False)
    question: str = ""


def parse_intake(data: object) -> IntakeFile:
    """Check decoded JSON and return it as an ``IntakeFile``.

    Raises ``IntakeFileError`` naming the first bad field: a missing or unknown field, a
    score that is not a whole number from 0 to 10, an unknown region or timing, a red-flag
    question left out or answered with anything but true or false, a malformed date.
    """
    if not isinstance(data, dict):
        raise IntakeFileError("(top level)", "the intake must be a JSON object {...}")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise IntakeFileError(unknown[0], f"unknown field; the fields are {', '.join(FIELDS)}")
    for name in REQUIRED:
        if name not in data:
            raise IntakeFileError(name, "missing (see 'runcare explain --template')")
    answers = IntakeAnswers(
        pain_0_10=_pain(data["pain_0_10"]),
        timing=_timing(data["timing"]),
        pain_since=_day(data.get("pain_since")),
    )
    return IntakeFile(answers, _red_flags(data["red_flags"]), _question(data.get("question")))


def _object(value: object, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise IntakeFileError(name, "must be a JSON object {...}")
    return value


def _pain(value: object) -> dict[str, int]:
    scores = _object(value, "pain_0_10")
    for key, score in scores.items():
        # JSON whole numbers only: the web form's leniency for "3" typed in a box is not
        # wanted in a file, and true/false are not scores.
        whole = isinstance(score, int) or (isinstance(score, float) and score.is_integer())
        if isinstance(score, bool) or not whole:
            raise IntakeFileError(
                f"pain_0_10.{key}", f"must be a whole number from {PAIN_MIN} to {PAIN_MAX}"
            )
    try:
        return validate_scores(scores)
    except PainMapError as error:
        raise IntakeFileError(f"pain_0_10.{error.region}", str(error)) from error


def _timing(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise IntakeFileError("timing", f"must be a list of: {', '.join(TIMINGS)}")
    try:
        return validate_timing(value)
    except ValueError as error:
        raise IntakeFileError("timing", f"{error} Choose from: {', '.join(TIMINGS)}.") from error


def _red_flags(value: object) -> dict[str, bool]:
    answers = _object(value, "red_flags")
    known = {q.key for q in QUESTIONS}
    texts = {q.key: q.text for q in QUESTIONS}
    # The answers given are checked before the ones left out: a typo is the likelier fault.
    for key, answer in answers.items():
        if key not in known:
            raise IntakeFileError(f"red_flags.{key}", "unknown warning-sign question")
        if not isinstance(answer, bool):
            raise IntakeFileError(f"red_flags.{key}", f"answer true or false: {texts[key]}")
    for question in QUESTIONS:
        if question.key not in answers:
            raise IntakeFileError(
                f"red_flags.{question.key}", f"missing; answer true or false: {question.text}"
            )
    return {q.key: answers[q.key] for q in QUESTIONS}


def _day(value: object) -> date | None:
    if value is None:
        return None
    try:
        # Only the extended form: fromisoformat alone would also take 20260501.
        if not isinstance(value, str) or not DATE.fullmatch(value):
            raise TypeError
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise IntakeFileError("pain_since", "must be a date YYYY-MM-DD, or null") from None


def _question(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise IntakeFileError("question", "must be text")
    return value


def template(as_of: date) -> dict[str, Any]:
    """A filled-in intake to start from: hip and lower back pain after runs, no red flag.

    Every warning-sign question is answered ``false``: the runner must change any that is
    true for them (docs/cli.md lists the questions).
    """
    return {
        "question": "Why do my hips and lower back hurt after I run?",
        "pain_0_10": {"hip_front_left": 5, "hip_front_right": 2, "lower_back_left": 3},
        "timing": ["after_runs", "next_morning"],
        "pain_since": (as_of - timedelta(days=21)).isoformat(),
        "red_flags": {q.key: False for q in QUESTIONS},
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an intake file (``intake.schema.json``)."""
    text = resources.files("runcare.care").joinpath("intake.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
