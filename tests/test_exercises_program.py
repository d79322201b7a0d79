"""Program files: exercises of the library with their doses; a bad field is named."""

from __future__ import annotations

import json
from typing import Any

import pytest

from runcare.exercises import ProgramError, library, parse_program, read_program, single


def test_it_fills_a_dose_left_out_from_the_exercise_default() -> None:
    program = parse_program(
        {"name": " Evening ", "exercises": [{"exercise": "kneeling-hip-flexor", "sets": 2}]},
        library(),
    )
    default = library().exercises["kneeling-hip-flexor"].dose
    (item,) = program.items
    assert program.name == "Evening"
    assert item.dose.sets == 2
    assert (item.dose.reps, item.dose.hold_s, item.dose.side) == (
        default.reps,
        default.hold_s,
        default.side,
    )


def test_it_reads_the_documented_example() -> None:
    text = json.dumps(
        {
            "name": "After the long run",
            "exercises": [
                {
                    "exercise": "kneeling-hip-flexor",
                    "side": "left",
                    "sets": 2,
                    "reps": 3,
                    "hold_s": 30,
                    "relax_s": 5,
                    "rest_s": 20,
                },
                {"exercise": "ais-hamstring", "hold_s": 1.5},
            ],
        }
    )
    program = read_program(text, library())
    first, second = program.items
    assert first.dose.sides == ("left",) and first.dose.rest_s == 20.0
    assert second.exercise.key == "ais-hamstring" and second.dose.hold_s == 1.5


def test_it_names_a_program_without_a_name_after_its_kind() -> None:
    program = parse_program({"exercises": [{"exercise": "ql-side-stretch"}]}, library())
    assert program.name == "Home program"
    assert single(library().exercises["ql-side-stretch"]).name.startswith("Standing side")


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ([], "JSON object"),
        ({"exercises": []}, "exercises must be a list of 1 to 50"),
        ({"exercises": "kneeling-hip-flexor"}, "exercises must be a list"),
        ({"exercises": [{"exercise": "kneeling-hip-flexor"}] * 51}, "1 to 50"),
        ({"exercises": [{}]}, r"exercises\[0\]\.exercise"),
        ({"exercises": ["kneeling-hip-flexor"]}, r"exercises\[0\] must be an object"),
        ({"exercises": [{"exercise": "splits"}]}, r"exercises\[0\]\.exercise 'splits'"),
        ({"exercises": [{"exercise": "ais-glute", "sets": 0}]}, r"exercises\[0\]\.sets"),
        ({"exercises": [{"exercise": "ais-glute", "sets": True}]}, r"exercises\[0\]\.sets"),
        ({"exercises": [{"exercise": "ais-glute", "reps": "3"}]}, r"exercises\[0\]\.reps"),
        ({"exercises": [{"exercise": "ais-glute", "reps": 2.5}]}, r"exercises\[0\]\.reps"),
        ({"exercises": [{"exercise": "ais-glute", "hold_s": 0}]}, r"exercises\[0\]\.hold_s"),
        ({"exercises": [{"exercise": "ais-glute", "hold_s": 1e9}]}, r"exercises\[0\]\.hold_s"),
        ({"exercises": [{"exercise": "ais-glute", "relax_s": -1}]}, r"exercises\[0\]\.relax_s"),
        ({"exercises": [{"exercise": "ais-glute", "rest_s": None}]}, r"exercises\[0\]\.rest_s"),
        ({"exercises": [{"exercise": "ais-glute", "side": "up"}]}, r"exercises\[0\]\.side"),
        (
            {"exercises": [{"exercise": "ais-glute"}, {"exercise": "ais-glute", "hold": 2}]},
            r"exercises\[1\] has unknown field\(s\): hold",
        ),
        ({"exercises": [{"exercise": "ais-glute"}], "nmae": "x"}, r"unknown field\(s\): nmae"),
        ({"exercises": [{"exercise": "ais-glute"}], "name": 3}, "name must be text"),
    ],
)
def test_it_names_the_field_at_fault(data: Any, named: str) -> None:
    with pytest.raises(ProgramError, match=named):
        parse_program(data, library())


@pytest.mark.parametrize("text", ["", "{", '{"exercises": [', "[" * 100_000])
def test_it_says_when_the_file_is_not_json(text: str) -> None:
    with pytest.raises(ProgramError, match="not valid JSON"):
        read_program(text, library())


def test_it_refuses_infinite_seconds_from_lenient_json() -> None:
    text = '{"exercises": [{"exercise": "ais-glute", "rest_s": Infinity}]}'
    with pytest.raises(ProgramError, match=r"exercises\[0\]\.rest_s"):
        read_program(text, library())
