""" "Why do my hips and lower back hurt after I run?": the explanation's rules, by tables."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.body import MUSCLE_NAMES, REGIONS, catalogue
from runcare.care import TIMINGS
from runcare.care.explain import (
    Explanation,
    IntakeAnswers,
    area_of,
    citation,
    explain,
    pain_since,
    statements,
)
from runcare.care.explain_json import explanation_to_json_dict, json_schema
from runcare.care.explain_rules import RULES, SOURCES, TEXTS, TRAINING_INTROS, Rule
from runcare.care.redflags import QUESTIONS, Question, screen
from runcare.load.verdict import Level, Reason, Verdict

AS_OF = date(2026, 6, 1)
CLEAR = screen({})
HIP_AND_BACK = {"hip_front_left": 6, "lower_back_left": 4}
SPIKE = Verdict(
    Level.TOO_MUCH_TOO_SOON,
    (
        Reason(
            "single_run_spike",
            "Your 18 km run on Wednesday 27 May was 50 % longer than any run in the 30 days "
            "before it (12 km).",
            "Frandsen et al. 2025, BJSM",
        ),
    ),
)
OK = Verdict(Level.OK, (Reason("no_spike", "None of your runs was a step up.", "Frandsen"),))


def run(
    pain: dict[str, int],
    timing: tuple[str, ...] = ("after_runs",),
    flags: tuple[str, ...] = (),
    verdict: Verdict | None = None,
) -> Explanation:
    screened = screen(dict.fromkeys(flags, True))
    return explain(IntakeAnswers(pain, timing), screened, verdict, as_of=AS_OF)


def rules(explanation: Explanation) -> list[str]:
    return [f.rule for f in explanation.findings]


@pytest.mark.parametrize(
    ("pain", "timing", "expected"),
    [
        # The seed's question: front of hip and lower back after runs -> the hip flexors.
        (HIP_AND_BACK, ("after_runs",), ["hip_front_and_low_back_with_running"]),
        ({"hip_front_right": 3, "lower_back_left": 2}, ("during_runs",),
         ["hip_front_and_low_back_with_running"]),
        ({"hip_front_left": 5}, ("after_runs",), ["hip_front_with_running"]),
        ({"lower_back_right": 5}, ("after_runs",), ["low_back_with_running"]),
        ({"buttock_left": 2}, ("during_runs",), ["buttock_with_running"]),
        ({"hip_outer_left": 2}, ("after_runs",), ["outer_hip_with_running"]),
        ({"thigh_outer_left": 2}, ("after_runs",), ["outer_thigh_with_running"]),
        ({"thigh_front_left": 2}, ("after_runs",), ["front_thigh_with_running"]),
        # The next morning counts as running pain, and adds its own sentence.
        (HIP_AND_BACK, ("next_morning",),
         ["hip_front_and_low_back_with_running", "pain_next_morning"]),
        # Not with running: no running story, only the muscles under each area.
        (HIP_AND_BACK, ("at_rest",),
         ["pain_at_rest_or_night", "nearby_muscles", "nearby_muscles"]),
        ({"hip_front_left": 5}, (), ["nearby_muscles"]),
        # Two areas from different rows: each row once, worst area's rule in table order.
        ({"hip_front_left": 2, "buttock_right": 7}, ("after_runs",),
         ["hip_front_with_running", "buttock_with_running"]),
        # An area no row covers (the knee) keeps the region table's muscles.
        ({"knee_left": 3, "hip_front_left": 2}, ("after_runs",),
         ["hip_front_with_running", "nearby_muscles"]),
        # Zero scores are not marks.
        ({"hip_front_left": 0, "buttock_left": 3}, ("after_runs",), ["buttock_with_running"]),
        ({"hip_front_left": 1}, ("at_night", "after_runs"),
         ["hip_front_with_running", "pain_at_rest_or_night"]),
    ],
)  # fmt: skip
def test_it_applies_the_rules_table(
    pain: dict[str, int], timing: tuple[str, ...], expected: list[str]
) -> None:
    assert rules(run(pain, timing)) == expected


def test_it_names_the_hip_flexors_and_the_iliopsoas_for_the_seed_question() -> None:
    finding = run(HIP_AND_BACK).findings[0]
    assert [m.key for m in finding.muscles] == [
        "psoas_major",
        "iliacus",
        "rectus_femoris",
        "sartorius",
    ]
    words = " ".join(s.text for s in finding.statements)
    assert "Iliopsoas is the name for psoas major and iliacus together" in words
    assert "lesser trochanter" in words
    assert "A common explanation, though not an established finding" in words
    assert [s.subject for s in finding.statements[:3]] == [
        "The hip flexors",
        "Iliopsoas",
        "The hip flexors",
    ]
    # The anatomy carries the muscle data file's own sources, with their links.
    assert any("teachmeanatomy.info" in src for src in finding.statements[1].sources)
    assert all(m.plain_name for m in finding.muscles)
    assert [r.key for r in finding.regions] == ["hip_front_left", "lower_back_left"]


def test_it_lists_the_region_tables_muscles_for_an_area_without_a_row() -> None:
    knee = run({"knee_right": 4}).findings[0]
    assert knee.title == "Knee"
    assert [m.key for m in knee.muscles] == list(REGIONS["knee_right"].muscles)
    assert knee.muscles
    assert all(m.name in knee.statements[0].text for m in knee.muscles)
    where = [catalogue().muscles[m.key].where for m in knee.muscles]
    cited = {citation(s) for fact in where for s in catalogue().sources_of(fact)}
    assert set(knee.statements[0].sources) == cited


def test_it_says_when_the_table_has_no_muscle_for_an_area(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bare = dict(REGIONS, thigh_back_left=replace(REGIONS["thigh_back_left"], muscles=()))
    monkeypatch.setattr("runcare.care.explain.REGIONS", bare)
    finding = run({"thigh_back_left": 3}).findings[0]
    assert finding.muscles == ()
    assert "no entry for this area" in finding.statements[0].text


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.key)
def test_it_says_nothing_but_see_a_doctor_after_any_red_flag(question: Question) -> None:
    key = question.key
    explanation = run(HIP_AND_BACK, flags=(key,), verdict=SPIKE)
    assert explanation.kind == "see_doctor"
    assert explanation.findings == ()
    assert explanation.training is None
    assert explanation.helps == ()
    assert explanation.intro == ()
    assert explanation.see_a_doctor_if == ()
    assert explanation.statements == ()
    doctor = explanation.doctor_first
    assert doctor is not None
    assert doctor.flagged[0].key == key
    urgent = question.level == "urgent"
    assert doctor.when == ("today" if urgent else "before_advice")
    assert explanation.headline == ("See a doctor today" if urgent else "See a doctor first")


def test_it_puts_the_urgent_answer_first_when_both_kinds_are_flagged() -> None:
    explanation = run(HIP_AND_BACK, flags=("cancer_history", "both_legs"))
    assert explanation.doctor_first is not None
    assert explanation.doctor_first.when == "today"
    assert explanation.doctor_first.flagged[0].key == "both_legs"


def test_it_quotes_the_verdict_in_its_own_words() -> None:
    training = run(HIP_AND_BACK, verdict=SPIKE).training
    assert training is not None
    assert training.level == "too_much_too_soon"
    assert training.codes == ("single_run_spike",)
    assert training.statements[1].text == SPIKE.reasons[0].text
    assert training.statements[1].sources == ("Frandsen et al. 2025, BJSM",)


@pytest.mark.parametrize("level", list(Level))
def test_it_opens_every_verdict_level_with_its_own_sentence(level: Level) -> None:
    verdict = Verdict(level, (Reason("some_future_code", "Words of the verdict.", "src"),))
    training = run(HIP_AND_BACK, verdict=verdict).training
    assert training is not None
    assert training.statements[0].text == TRAINING_INTROS[level.value].text
    assert training.statements[1].text == "Words of the verdict."


def test_it_says_when_no_runs_were_given() -> None:
    training = run(HIP_AND_BACK).training
    assert training is not None
    assert training.level == "none"
    assert "No runs were given" in training.statements[0].text


@pytest.mark.parametrize(
    ("timing", "verdict", "expected"),
    [
        (("after_runs",), None, ["exercise_first", "hands_on_alongside", "pain_monitoring"]),
        (("after_runs",), SPIKE,
         ["exercise_first", "hands_on_alongside", "keep_within_spike_limit", "pain_monitoring"]),
        (("at_rest",), SPIKE, ["exercise_first", "hands_on_alongside", "keep_within_spike_limit"]),
        (("at_rest",), OK, ["exercise_first", "hands_on_alongside"]),
        ((), None, ["exercise_first", "hands_on_alongside"]),
    ],
)  # fmt: skip
def test_it_puts_exercise_first_in_what_helps(
    timing: tuple[str, ...], verdict: Verdict | None, expected: list[str]
) -> None:
    helps = run(HIP_AND_BACK, timing, verdict=verdict).helps
    assert [s.text for s in helps] == [TEXTS[key].text for key in expected]


def test_it_has_nothing_to_explain_without_pain_but_still_shows_the_training() -> None:
    explanation = run({"hip_front_left": 0}, verdict=SPIKE)
    assert explanation.kind == "nothing_marked"
    assert explanation.findings == ()
    assert explanation.helps == ()
    assert explanation.training is not None
    assert explanation.see_a_doctor_if


def test_it_always_says_when_to_see_a_doctor_and_that_it_is_no_diagnosis() -> None:
    explanation = run(HIP_AND_BACK)
    assert "not a diagnosis" in explanation.intro[0].text
    words = " ".join(s.text for s in explanation.see_a_doctor_if)
    assert "today" in words
    assert "bladder" in words


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (None, None),
        (date(2026, 6, 2), None),  # after the as-of date: not shown
        (date(2026, 6, 1), "less than a day"),
        (date(2026, 5, 31), "1 day"),
        (date(2026, 5, 19), "13 days"),
        (date(2026, 5, 18), "about 2 weeks"),
        (date(2026, 3, 1), "about 13 weeks"),
    ],
)
def test_it_says_how_long_the_pain_has_lasted(since: date | None, expected: str | None) -> None:
    said = pain_since(since, AS_OF)
    if expected is None:
        assert said == ()
    else:
        assert f"({expected})" in said[0].text
        assert said[0].sources == (SOURCES["intake"],)


# Names of conditions the product must never hand out, and phrasings that would diagnose.
DIAGNOSES = re.compile(
    r"tendinopathy|tendinitis|bursitis|syndrome|sciatica|arthritis|herniat|slipped disc|"
    r"fracture|strain(ed)? |impingement|you have [a-z]+ ?(injury|condition)|diagnosed|caused by",
    re.IGNORECASE,
)


RULE_TEXTS = sorted({key for rule in RULES for key in rule.texts} | set(TEXTS))


@pytest.mark.parametrize("key", RULE_TEXTS)
def test_no_sentence_names_a_disease_or_diagnoses(key: str) -> None:
    (said,) = statements((key,))
    assert said.sources
    assert not DIAGNOSES.search(said.text)


@pytest.mark.parametrize("key", ["muscle:nobody.running", "muscle:iliacus.nothing", "x:y.z"])
def test_it_refuses_a_text_key_the_data_does_not_have(key: str) -> None:
    with pytest.raises(KeyError):
        statements((key,))


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_sentence_has_known_sources(key: str) -> None:
    assert TEXTS[key].sources
    assert all(source in SOURCES for source in TEXTS[key].sources)


@pytest.mark.parametrize("row", RULES, ids=lambda r: r.key)
def test_every_rule_row_is_well_formed(row: Rule) -> None:
    assert all(s.text and s.sources for s in statements(row.texts))
    assert all(m in MUSCLE_NAMES for m in row.muscles)
    assert row.timing <= set(TIMINGS)
    areas = {area_of(key) for key in REGIONS}
    assert row.areas <= areas
    # A rule names only muscles the region table lists under one of its areas: one table.
    listed = {m for key, r in REGIONS.items() if area_of(key) in row.areas for m in r.muscles}
    assert set(row.muscles) <= listed


def test_rule_keys_are_unique() -> None:
    keys = [r.key for r in RULES]
    assert len(keys) == len(set(keys))


scores = st.dictionaries(st.sampled_from(sorted(REGIONS)), st.integers(0, 10), max_size=6)
timings = st.lists(st.sampled_from(sorted(TIMINGS)), unique=True).map(tuple)
flag_sets = st.lists(st.sampled_from([q.key for q in QUESTIONS]), unique=True, max_size=3)
verdicts = st.sampled_from([None, SPIKE, OK])


@given(scores, timings, flag_sets, verdicts)
def test_its_invariants_hold_for_any_intake(
    pain: dict[str, int], timing: tuple[str, ...], flags: list[str], verdict: Verdict | None
) -> None:
    explanation = run(pain, timing, tuple(flags), verdict)
    jsonschema.validate(explanation_to_json_dict(explanation), json_schema())
    if flags:
        assert explanation.kind == "see_doctor"
        assert explanation.statements == ()
        return
    assert all(s.sources and all(s.sources) for s in explanation.statements)
    marked = {area_of(k) for k, v in pain.items() if v > 0}
    explained = [area_of(r.key) for f in explanation.findings for r in f.regions]
    # Every marked area is explained, each by one finding only.
    assert set(explained) == marked
    by_area = [{area_of(r.key) for r in f.regions} for f in explanation.findings]
    assert sum(len(a) for a in by_area) == len(marked)
    assert (explanation.kind == "nothing_marked") == (not marked)


def test_the_docs_list_every_rule_and_source() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "explain.md").read_text()
    for row in RULES:
        assert f"`{row.key}`" in docs
    for key in SOURCES:
        assert f"`{key}`" in docs


def test_it_writes_the_day_the_pain_started_in_words() -> None:
    (said,) = pain_since(date(2026, 5, 10), AS_OF)
    assert said.text == "You have had this pain since Sunday 10 May 2026 (about 3 weeks)."
