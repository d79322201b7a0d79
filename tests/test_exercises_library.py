"""The home-stretch library the product ships, and the rules its data file is held to."""

from __future__ import annotations

import pytest

from runcare.body import catalogue
from runcare.care.techniques import TECHNIQUES
from runcare.credits import figure_html, missing_fields
from runcare.exercises import SIDES, ExerciseDataError, figure_of, figures, library, parse_library
from runcare.exercises.library import KEY_PATTERN, check_references

REQUIRED = {
    "resisted-hip-flexor-face-down",
    "resisted-hip-flexor-face-up",
    "kneeling-hip-flexor",
    "standing-quad",
    "figure-4-piriformis",
    "knee-to-opposite-shoulder",
    "standing-itb-tfl",
    "lying-hamstring",
    "ql-side-stretch",
    "ais-hamstring",
    "ais-hip-flexor",
    "ais-glute",
}

GOOD = """
[sources.s]
citation = "A book"

[exercises.one-stretch]
name = "One"
technique = "static_stretch"
muscles = ["hamstrings"]
figure = "one"
sources = ["s"]
limb = "leg"
hold_cue = "Reach"
steps = ["Do it."]
cautions = ["Gently."]

[exercises.one-stretch.dose]
side = "both"
sets = 1
reps = 2
hold_s = 30
relax_s = 5
rest_s = 0
times_per_day = 1
"""


def test_it_ships_the_stretches_of_the_seed_and_their_alternatives() -> None:
    assert set(library().exercises) >= REQUIRED


def test_it_checks_every_shipped_exercise_against_its_schema() -> None:
    lib = library()
    muscles = catalogue().muscles
    for key, exercise in lib.exercises.items():
        assert KEY_PATTERN.fullmatch(key) and exercise.key == key
        assert exercise.technique in TECHNIQUES
        assert exercise.steps and all(step.endswith(".") for step in exercise.steps)
        assert exercise.cautions and exercise.hold_cue and exercise.figure
        assert exercise.muscles and set(exercise.muscles) <= set(muscles)
        assert exercise.dose.side in SIDES
        assert lib.sources_of(exercise)


def test_it_records_the_home_resisted_stretch_as_contract_relax_not_ais() -> None:
    exercises = library().exercises
    for key in ("resisted-hip-flexor-face-down", "resisted-hip-flexor-face-up"):
        assert exercises[key].technique == "pnf_contract_relax"
        assert 3 <= exercises[key].dose.hold_s <= 10
        assert "psoas_major" in exercises[key].muscles


def test_it_doses_active_isolated_stretches_as_ais_proper() -> None:
    ais = [e for e in library().exercises.values() if e.technique == "active_isolated_stretch"]
    assert len(ais) >= 2
    for exercise in ais:
        assert 1.5 <= exercise.dose.hold_s <= 2
        assert 8 <= exercise.dose.reps <= 10
        assert exercise.key.startswith("ais-")


def test_it_reads_a_good_file() -> None:
    lib = parse_library(GOOD)
    exercise = lib.exercises["one-stretch"]
    assert exercise.steps == ("Do it.",)
    assert exercise.dose.sides == ("left", "right")
    assert exercise.dose.hold_s == 30.0 and exercise.dose.reps == 2
    assert lib.sources_of(exercise)[0].citation == "A book"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (('technique = "static_stretch"', 'technique = "ais"'), "one-stretch.technique"),
        (('limb = "leg"', 'limb = "arm"'), "one-stretch.limb"),
        (('sources = ["s"]', 'sources = ["x"]'), "one-stretch.sources"),
        (('steps = ["Do it."]', "steps = []"), "one-stretch.steps"),
        (('name = "One"', 'name = " "'), "one-stretch.name"),
        (("sets = 1", "sets = 0"), "one-stretch.dose.sets"),
        (("reps = 2", "reps = 2.5"), "one-stretch.dose.reps"),
        (("hold_s = 30", "hold_s = -1"), "one-stretch.dose.hold_s"),
        (('side = "both"', 'side = "up"'), "one-stretch.dose.side"),
        (("times_per_day = 1", ""), "times_per_day"),
        (("rest_s = 0", "rest_s = 0\nspeed = 1"), "speed"),
        (('cautions = ["Gently."]', 'cautions = ["Gently."]\ncolour = "red"'), "colour"),
        (("exercises.one-stretch]", "exercises.One_Stretch]"), "One_Stretch"),
    ],
)
def test_it_names_the_field_of_a_bad_file(change: tuple[str, str], named: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(ExerciseDataError, match=named.replace(".", r"\.")):
        parse_library(GOOD.replace(old, new, 1))


def test_it_refuses_a_file_that_is_not_toml() -> None:
    with pytest.raises(ExerciseDataError, match="not valid TOML"):
        parse_library("[exercises")


def test_it_refuses_an_unknown_muscle_or_figure() -> None:
    lib = parse_library(GOOD)
    check_references(lib, muscles={"hamstrings"}, figures={"one"})
    with pytest.raises(ExerciseDataError, match="unknown muscle 'hamstrings'"):
        check_references(lib, muscles={"piriformis"}, figures={"one"})
    with pytest.raises(ExerciseDataError, match="unknown figure 'one'"):
        check_references(lib, muscles={"hamstrings"}, figures={"two"})


def test_every_exercise_has_a_credited_figure_of_its_own_drawing() -> None:
    lib = library()
    check_references(lib, muscles=catalogue().muscles, figures=figures())
    for exercise in lib.exercises.values():
        drawing = figure_of(exercise)
        assert drawing.svg and drawing.svg.startswith("<svg ")
        assert f'id="rc-ex-{drawing.key}-title"' in drawing.svg  # ids unique on a page
        assert "<script" not in drawing.svg and "style=" not in drawing.svg
        assert drawing.alt.endswith(".") and len(drawing.alt) > 40
        assert set(drawing.muscles) <= set(exercise.muscles)
        credit = drawing.credit(f"https://example.org/stretches/{exercise.key}/")
        assert not missing_fields(credit)
        html = figure_html(credit, drawing.alt, svg=drawing.svg)
        assert "MIT License" in html and drawing.title in html
