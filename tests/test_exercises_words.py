"""A dose in words, as the program page and the handout print it."""

from __future__ import annotations

import pytest

from runcare.exercises import Dose, describe_dose, library


@pytest.mark.parametrize(
    ("dose", "technique", "words"),
    [
        (
            Dose("both", 1, 2, 30, 5, 0, 1),
            "static_stretch",
            "Hold 30 s, relax 5 s; twice each side. Once a day.",
        ),
        (
            Dose("left", 2, 3, 30, 0, 20, 2),
            "static_stretch",
            "Hold 30 s; 3 times, left side only; 2 sets, 20 s rest between. Twice a day.",
        ),
        (
            Dose("right", 3, 1, 45, 5, 0, 3),
            "static_stretch",
            "Hold 45 s, relax 5 s; once, right side only; 3 sets. 3 times a day.",
        ),
        (
            Dose("both", 1, 3, 5, 10, 0, 1),
            "pnf_contract_relax",
            "Push 5 s, then relax into the stretch 10 s; 3 times each side. Once a day.",
        ),
        (
            Dose("none", 1, 10, 1.5, 2, 0, 1),
            "active_isolated_stretch",
            "Hold 1.5 s at the end of the movement, back to the start in 2 s; 10 times. "
            "Once a day.",
        ),
    ],
)
def test_it_says_the_dose_in_words(dose: Dose, technique: str, words: str) -> None:
    assert describe_dose(dose, technique) == words


def test_it_describes_every_shipped_exercise() -> None:
    for exercise in library().exercises.values():
        words = describe_dose(exercise.dose, exercise.technique)
        assert f"{exercise.dose.hold_s:g} s" in words and words.endswith("a day.")
