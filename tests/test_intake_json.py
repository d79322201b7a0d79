"""The intake file of `runcare explain`: its checks name the bad field; its schema agrees."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import jsonschema
import pytest

from runcare.body import REGIONS
from runcare.care import TIMINGS
from runcare.care.intake_json import IntakeFileError, json_schema, parse_intake, template
from runcare.care.redflags import QUESTIONS

AS_OF = date(2026, 6, 1)


def good() -> dict[str, Any]:
    return template(AS_OF)


def changed(path: str, value: object) -> dict[str, Any]:
    """The template with ``path`` (dotted) set to ``value``; ``...`` deletes it."""
    data = good()
    *parents, last = path.split(".")
    target = data
    for name in parents:
        target = target[name]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return data


def test_it_reads_its_own_template() -> None:
    parsed = parse_intake(good())
    assert parsed.answers.pain_0_10 == {
        "hip_front_left": 5,
        "hip_front_right": 2,
        "lower_back_left": 3,
    }
    assert parsed.answers.timing == ("after_runs", "next_morning")
    assert parsed.answers.pain_since == date(2026, 5, 11)
    assert parsed.red_flags == {q.key: False for q in QUESTIONS}
    assert parsed.question.startswith("Why do my hips")


def test_the_template_matches_the_schema() -> None:
    jsonschema.validate(good(), json_schema())


def test_the_schema_lists_the_cores_keys() -> None:
    props = json_schema()["properties"]
    assert props["pain_0_10"]["propertyNames"]["enum"] == list(REGIONS)
    assert props["timing"]["items"]["enum"] == list(TIMINGS)
    assert props["red_flags"]["required"] == [q.key for q in QUESTIONS]


BAD: list[tuple[str, object, str, str]] = [
    # (path changed, new value, field named, words in the message)
    ("pain_0_10", ..., "pain_0_10", "missing"),
    ("timing", ..., "timing", "missing"),
    ("red_flags", ..., "red_flags", "missing"),
    ("pain_0_10", [5], "pain_0_10", "JSON object"),
    ("pain_0_10.hip_front_left", 11, "pain_0_10.hip_front_left", "0 to 10"),
    ("pain_0_10.hip_front_left", -1, "pain_0_10.hip_front_left", "0 to 10"),
    ("pain_0_10.hip_front_left", 2.5, "pain_0_10.hip_front_left", "whole number"),
    ("pain_0_10.hip_front_left", "3", "pain_0_10.hip_front_left", "whole number"),
    ("pain_0_10.hip_front_left", True, "pain_0_10.hip_front_left", "whole number"),
    ("pain_0_10.hip_front_left", None, "pain_0_10.hip_front_left", "whole number"),
    ("pain_0_10.hip_frnt_left", 3, "pain_0_10.hip_frnt_left", "Unknown body region"),
    ("timing", "after_runs", "timing", "list of"),
    ("timing", ["after_run"], "timing", "Unknown pain timing: after_run"),
    ("timing", [1], "timing", "list of"),
    ("red_flags", [], "red_flags", "JSON object"),
    ("red_flags.trauma", ..., "red_flags.trauma", "missing; answer true or false"),
    ("red_flags.trauma", "no", "red_flags.trauma", "answer true or false"),
    ("red_flags.trauma", None, "red_flags.trauma", "answer true or false"),
    ("red_flags.trauma", 0, "red_flags.trauma", "answer true or false"),
    ("red_flags.tumour", False, "red_flags.tumour", "unknown warning-sign question"),
    ("pain_since", "1 May", "pain_since", "YYYY-MM-DD"),
    ("pain_since", 20260501, "pain_since", "YYYY-MM-DD"),
    ("question", 42, "question", "text"),
    ("timings", ["after_runs"], "timings", "unknown field"),
]


@pytest.mark.parametrize(("path", "value", "field", "words"), BAD)
def test_it_names_the_field_of_bad_input(path: str, value: object, field: str, words: str) -> None:
    with pytest.raises(IntakeFileError) as caught:
        parse_intake(changed(path, value))
    assert caught.value.field == field
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"{field}: ")


@pytest.mark.parametrize(("path", "value", "field", "words"), BAD)
def test_the_schema_refuses_what_the_checks_refuse(
    path: str, value: object, field: str, words: str
) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(changed(path, value), json_schema())


@pytest.mark.parametrize("data", [[], "intake", 3, None])
def test_it_wants_an_object_at_the_top(data: object) -> None:
    with pytest.raises(IntakeFileError, match="JSON object"):
        parse_intake(data)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("pain_since", None),
        ("pain_since", ...),
        ("question", ...),
        ("question", None),
        ("timing", []),
        ("pain_0_10", {}),
        ("pain_0_10.knee_right", 4.0),  # a whole number written with a decimal point
        ("timing", ["at_night", "after_runs", "after_runs"]),
    ],
)
def test_it_accepts_what_the_schema_accepts(path: str, value: object) -> None:
    data = changed(path, value)
    jsonschema.validate(copy.deepcopy(data), json_schema())
    parse_intake(data)


def test_it_keeps_the_timing_in_its_fixed_order_once() -> None:
    parsed = parse_intake(changed("timing", ["at_night", "after_runs", "after_runs"]))
    assert parsed.answers.timing == ("after_runs", "at_night")


@pytest.mark.parametrize("value", ["20260501", "2026-5-1", "2026-02-30", "2026-05-01T10:00"])
def test_it_wants_a_plain_calendar_date(value: str) -> None:
    with pytest.raises(IntakeFileError, match="pain_since"):
        parse_intake(changed("pain_since", value))
