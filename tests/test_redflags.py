"""The red-flag screen: levels, combinations, and outcomes that never name a disease."""

from __future__ import annotations

import itertools

import pytest

from runcare.care.redflags import OUTCOMES, QUESTIONS, QUESTIONS_BY_KEY, SOURCE, screen

URGENT = ["bladder_bowel", "saddle_numbness", "both_legs", "sexual_function"]
REFER = [
    "cancer_history",
    "weight_loss",
    "fever_unwell",
    "night_rest_pain",
    "trauma",
    "age_new_pain",
    "worsening",
    "immune_or_iv_drugs",
]
# Words an outcome shown to a runner must never contain: the screen refers, never diagnoses.
DISEASE_WORDS = [
    "cancer",
    "tumour",
    "tumor",
    "malignan",
    "metasta",
    "syndrome",
    "cauda",
    "equina",
    "infection",
    "fracture",
    "osteoporo",
    "sciatica",
    "disc",
    "inflammatory",
    "arthritis",
    "spondyl",
    "diagnos",
]


def all_no() -> dict[str, bool]:
    return {q.key: False for q in QUESTIONS}


def test_it_asks_exactly_the_questions_of_the_evidence_brief() -> None:
    assert sorted(QUESTIONS_BY_KEY) == sorted(URGENT + REFER)


@pytest.mark.parametrize("key", URGENT)
def test_it_makes_each_nerve_warning_sign_urgent(key: str) -> None:
    result = screen({**all_no(), key: True})
    assert result.level == "urgent"
    assert [q.key for q in result.flagged] == [key]
    assert "today" in result.message
    assert "emergency department" in result.message
    assert result.stops_advice


@pytest.mark.parametrize("key", REFER)
def test_it_refers_each_other_warning_sign_to_a_doctor_first(key: str) -> None:
    result = screen({**all_no(), key: True})
    assert result.level == "refer"
    assert QUESTIONS_BY_KEY[key].level == "refer"
    assert "doctor" in result.message
    assert "before any treatment or more running advice" in result.message
    assert result.stops_advice


def test_it_finds_nothing_when_every_answer_is_no() -> None:
    result = screen(all_no())
    assert (result.level, result.flagged, result.stops_advice) == ("none", (), False)


def test_it_counts_a_missing_answer_as_no() -> None:
    assert screen({}).level == "none"
    assert screen({"trauma": False}).level == "none"


def test_it_refuses_an_unknown_question() -> None:
    with pytest.raises(ValueError, match="unknown red-flag question"):
        screen({"headache": True})


@pytest.mark.parametrize(("urgent", "refer"), list(itertools.product(URGENT, REFER[:3])))
def test_it_lets_urgent_win_over_refer_and_lists_urgent_first(urgent: str, refer: str) -> None:
    result = screen({refer: True, urgent: True})
    assert result.level == "urgent"
    assert [q.key for q in result.flagged] == [urgent, refer]


def test_it_lists_every_yes_when_several_apply() -> None:
    result = screen({"weight_loss": True, "worsening": True, "trauma": False})
    assert result.level == "refer"
    assert [q.key for q in result.flagged] == ["weight_loss", "worsening"]


def test_it_flags_everything_when_everything_is_yes() -> None:
    result = screen({q.key: True for q in QUESTIONS})
    assert result.level == "urgent"
    assert len(result.flagged) == len(QUESTIONS)


@pytest.mark.parametrize("level", ["none", "refer", "urgent"])
def test_it_never_names_a_disease_in_an_outcome(level: str) -> None:
    outcome = OUTCOMES[level]  # type: ignore[index]
    shown = f"{outcome.headline} {outcome.message}".lower()
    for word in DISEASE_WORDS:
        assert word not in shown, f"{word!r} in the {level} outcome"


def test_it_may_name_a_condition_in_a_question_but_never_in_the_result_message() -> None:
    result = screen({"cancer_history": True})
    assert "cancer" in result.flagged[0].text.lower()
    assert "cancer" not in (result.headline + result.message).lower()


def test_it_asks_in_plain_words_as_questions() -> None:
    for question in QUESTIONS:
        assert question.text.endswith("?")
        assert "you" in question.text.lower()


def test_it_cites_nice_ng59() -> None:
    assert "NG59" in SOURCE
    assert "nice.org.uk/guidance/ng59" in screen({}).source
