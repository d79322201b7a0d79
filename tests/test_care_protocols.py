"""Protocol templates: the technique registry, step validation, the default session file."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.body.regions import MUSCLE_NAMES
from runcare.care.protocols import (
    AREAS,
    MUSCLES,
    POSITIONS,
    RESISTANCES,
    SIDES,
    Dose,
    ProtocolError,
    Step,
    Template,
    default_template,
    dose_text,
    step_from_dict,
    step_to_dict,
    template_from_toml,
    validate_template,
)
from runcare.care.techniques import DOSE_FIELDS, TECHNIQUES

REQUIRED_TECHNIQUES = {
    "compression",
    "trigger_point",
    "kneading",
    "friction",
    "pnf_contract_relax",
    "hold_relax",
    "active_isolated_stretch",
    "assisted_static_stretch",
}
REQUIRED_MUSCLES = {
    "psoas_major",
    "iliacus",
    "rectus_femoris",
    "sartorius",
    "piriformis",
    "tfl_it_band",
    "gluteus_medius",
    "quadratus_lumborum",
    "gluteus_maximus",
    "hamstrings",
    "hip_adductors",
    "erector_spinae",
}


def test_it_registers_the_techniques_of_the_session_and_its_alternatives() -> None:
    assert set(TECHNIQUES) >= REQUIRED_TECHNIQUES
    for key, technique in TECHNIQUES.items():
        assert technique.key == key
        assert technique.name and technique.summary.endswith(".")
        assert technique.dose_fields and set(technique.dose_fields) <= set(DOSE_FIELDS)


def test_it_keeps_resistance_to_the_resisted_techniques() -> None:
    resisted = {k for k, t in TECHNIQUES.items() if "resistance" in t.dose_fields}
    assert resisted == {"pnf_contract_relax", "hold_relax", "muscle_energy"}
    assert "minutes" not in TECHNIQUES["pnf_contract_relax"].dose_fields


def test_it_knows_every_target_muscle_and_the_pain_map_muscles() -> None:
    assert set(MUSCLES) == REQUIRED_MUSCLES | set(MUSCLE_NAMES)
    assert {"buttock", "thigh_back", "hip_front", "thigh_outer", "lower_back"} <= set(AREAS)


def good(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "technique": "pnf_contract_relax",
        "regions": ["hip_front"],
        "muscles": ["psoas_major"],
        "side": "both",
        "position": "prone",
        "hold_s": 3,
        "hold_max_s": 5,
        "reps": 5,
        "sets": 1,
        "resistance": "moderate",
        "notes": "",
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"technique": "ais"}, "technique", "Unknown technique"),
        ({"technique": ""}, "technique", "Unknown technique"),
        ({"regions": [], "muscles": []}, "regions", "at least one"),
        ({"regions": ["hip_front_left"]}, "regions", "Unknown body area"),
        ({"muscles": ["psoas"]}, "muscles", "Unknown muscle"),
        ({"muscles": ["psoas_major", "psoas_major"]}, "regions", "twice"),
        ({"regions": "hip_front"}, "regions", "list of keys"),
        ({"side": "middle"}, "side", "Side must be"),
        ({"position": "upside_down"}, "position", "Position must be"),
        ({"minutes": 5}, "minutes", "does not apply"),
        ({"hold_s": 0}, "hold_s", "more than 0"),
        ({"hold_s": -3}, "hold_s", "more than 0"),
        ({"hold_s": 301}, "hold_s", "at most 300"),
        ({"hold_s": float("nan")}, "hold_s", "more than 0"),
        ({"hold_s": "3"}, "hold_s", "must be a number"),
        ({"hold_s": True}, "hold_s", "must be a number"),
        ({"hold_s": 6, "hold_max_s": 5}, "hold_max_s", "longest hold"),
        ({"hold_s": None, "hold_max_s": 5}, "hold_max_s", "longest hold"),
        ({"reps": 0}, "reps", "at least 1"),
        ({"reps": 2.5}, "reps", "whole number"),
        ({"reps": 101}, "reps", "at most 100"),
        ({"sets": 21}, "sets", "at most 20"),
        ({"resistance": "hard"}, "resistance", "Resistance must be"),
        ({"notes": "x" * 1001}, "notes", "1000"),
        ({"colour": "red"}, "colour", "Unknown step field"),
        ({"notes": 5}, "notes", "must be text"),
    ],
)
def test_it_refuses_a_bad_step_naming_the_field(
    changes: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ProtocolError) as caught:
        step_from_dict(good(**changes), 2)
    assert words.lower() in str(caught.value).lower()
    assert caught.value.field == field
    assert caught.value.step == 2


@pytest.mark.parametrize(
    ("technique", "dose"),
    [
        ("compression", {"minutes": 5}),
        ("compression", {"minutes": 0.5}),
        ("kneading", {}),
        ("trigger_point", {"hold_s": 90, "reps": 3}),
        ("active_isolated_stretch", {"hold_s": 1.5, "hold_max_s": 2, "reps": 10, "sets": 1}),
        ("hold_relax", {"hold_s": 5, "resistance": "light"}),
        ("assisted_static_stretch", {"hold_s": 300, "reps": 1, "sets": 20}),
    ],
)
def test_it_accepts_the_doses_that_apply(technique: str, dose: dict[str, Any]) -> None:
    step = step_from_dict({"technique": technique, "muscles": ["hamstrings"], **dose})
    assert step.dose.as_dict() == {name: dose.get(name) for name in DOSE_FIELDS}


def test_it_treats_blank_dose_fields_as_not_set() -> None:
    step = step_from_dict({"technique": "kneading", "regions": ["buttock"], "minutes": ""})
    assert step.dose.is_empty()


steps = st.builds(
    lambda technique, areas, muscles, side, position, notes, dose: Step(
        technique=technique,
        regions=tuple(areas),
        muscles=tuple(muscles) if muscles or areas else ("hamstrings",),
        side=side,
        position=position,
        dose=Dose(**{k: v for k, v in dose.items() if k in TECHNIQUES[technique].dose_fields}),
        notes=notes,
    ),
    st.sampled_from(sorted(TECHNIQUES)),
    st.lists(st.sampled_from(sorted(AREAS)), unique=True, max_size=3),
    st.lists(st.sampled_from(sorted(MUSCLES)), unique=True, max_size=3),
    st.sampled_from(sorted(SIDES)),
    st.sampled_from(sorted(POSITIONS)),
    st.text(max_size=50).map(str.strip),
    st.fixed_dictionaries(
        {
            "minutes": st.none() | st.integers(1, 90),
            "hold_s": st.none() | st.floats(0.5, 300),
            "reps": st.none() | st.integers(1, 100),
            "sets": st.none() | st.integers(1, 20),
            "resistance": st.none() | st.sampled_from(sorted(RESISTANCES)),
        }
    ),
)


@given(steps)
def test_it_reads_back_every_stored_step_unchanged(step: Step) -> None:
    assert step_from_dict(step_to_dict(step)) == step


def test_it_names_the_step_that_is_wrong_in_a_template() -> None:
    ok = step_from_dict(good())
    bad = Step("kneading", regions=("buttock",), dose=Dose(reps=3))
    with pytest.raises(ProtocolError, match=r"^Step 2: Repetitions does not apply"):
        validate_template(Template("Mine", (ok, bad)))


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_it_needs_a_template_name(name: str) -> None:
    with pytest.raises(ProtocolError, match="name"):
        validate_template(Template(name, ()))


def test_it_reads_the_default_session_in_the_seed_order() -> None:
    template = default_template()
    assert [(s.technique, s.position) for s in template.steps] == [
        ("compression", "prone"),
        ("trigger_point", "prone"),
        ("kneading", "prone"),
        ("friction", "side_lying"),
        ("pnf_contract_relax", "prone"),
        ("pnf_contract_relax", "supine"),
        ("assisted_static_stretch", "supine"),
    ]
    assert "piriformis" in template.steps[1].muscles
    assert "tfl_it_band" in template.steps[3].muscles
    assert template.source


def test_it_records_the_resisted_hip_flexor_stretch_as_contract_relax_not_ais() -> None:
    resisted = [s for s in default_template().steps if "psoas_major" in s.muscles]
    assert [s.position for s in resisted] == ["prone", "supine"]
    for step in resisted:
        assert step.technique == "pnf_contract_relax"
        assert (step.dose.hold_s, step.dose.hold_max_s) == (3, 5)
        assert step.dose.reps is not None and step.dose.reps > 1
        assert step.dose.resistance is not None
        assert {"iliacus", "psoas_major"} <= set(step.muscles)
    assert all(s.technique != "active_isolated_stretch" for s in default_template().steps)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name = ", "not valid TOML"),
        ('name = "x"\nsteps = 3', "list"),
        ('name = "x"\n[[steps]]\ntechnique = "kneading"\n', "Step 1: Choose at least one"),
        ('name = ""\n', "name"),
    ],
)
def test_it_refuses_a_broken_template_file(text: str, words: str) -> None:
    with pytest.raises(ProtocolError, match=words):
        template_from_toml(text)


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (Dose(), "no dose set"),
        (Dose(minutes=5), "5 min"),
        (Dose(minutes=2.5), "2.5 min"),
        (Dose(hold_s=30, reps=1), "hold 30 s, 1 rep per side"),
        (Dose(hold_s=3, hold_max_s=3), "hold 3 s"),
        (
            Dose(hold_s=3, hold_max_s=5, reps=5, sets=2, resistance="moderate"),
            "hold 3-5 s, 5 reps per side, 2 sets, moderate resistance",
        ),
    ],
)
def test_it_words_a_dose(dose: Dose, text: str) -> None:
    assert dose_text(dose) == text
