"""Session plans: the template fitted to the findings; an open red flag blocks planning."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.body.regions import REGIONS
from runcare.care.plans import Findings, PlanningBlockedError, build_plan, fit_step
from runcare.care.protocols import ProtocolError, Step, Template, default_template


@pytest.mark.parametrize(
    ("level", "doctor_seen", "blocked"),
    [
        ("urgent", False, True),
        ("refer", False, True),
        ("urgent", True, False),
        ("refer", True, False),
        ("none", False, False),
        (None, False, False),
    ],
)
def test_it_blocks_planning_on_an_open_red_flag(
    level: str | None, doctor_seen: bool, blocked: bool
) -> None:
    findings = Findings({"buttock_left": 3}, red_flag_level=level, doctor_seen=doctor_seen)
    assert findings.red_flag_open is blocked
    if blocked:
        with pytest.raises(PlanningBlockedError, match="doctor"):
            build_plan(default_template(), findings)
    else:
        assert build_plan(default_template(), findings).steps


def step(*, regions: tuple[str, ...] = (), muscles: tuple[str, ...] = (), side: str = "both"):
    return Step("kneading", regions=regions, muscles=muscles, side=side)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("target", "pain", "focus", "side"),
    [
        # An area scored on one side sides the step to it.
        (step(regions=("buttock",)), {"buttock_left": 3}, ("buttock_left",), "left"),
        (step(regions=("buttock",)), {"buttock_right": 1}, ("buttock_right",), "right"),
        # Both sides painful: both, worst first.
        (
            step(regions=("buttock",)),
            {"buttock_left": 2, "buttock_right": 6},
            ("buttock_right", "buttock_left"),
            "both",
        ),
        # A muscle the pain map relates to a painful region counts too.
        (step(muscles=("psoas_major",)), {"lower_back_right": 4}, ("lower_back_right",), "right"),
        # A score of 0 is not pain.
        (step(regions=("buttock",)), {"buttock_left": 0}, (), "both"),
        # Pain elsewhere leaves the step as it was.
        (step(regions=("buttock",), side="left"), {"knee_right": 5}, (), "left"),
        # A midline step keeps "none" even when it meets pain.
        (
            step(regions=("lower_back",), side="none"),
            {"lower_back_left": 5},
            ("lower_back_left",),
            "none",
        ),
        # Unknown region keys in an old pain map are ignored, not an error.
        (step(regions=("buttock",)), {"elbow_left": 5}, (), "both"),
    ],
)
def test_it_fits_a_step_to_the_pain(
    target: Step, pain: dict[str, int], focus: tuple[str, ...], side: str
) -> None:
    planned = fit_step(target, Findings(pain).painful)
    assert planned.focus == focus
    assert planned.step.side == side


def test_it_puts_painful_steps_first_in_template_order_and_keeps_the_rest() -> None:
    template = default_template()
    pain = {"thigh_outer_right": 4}
    plan = build_plan(template, Findings(pain, load_level="ok", load_headline="All fine."))
    techniques = [p.step.technique for p in plan.steps]
    assert techniques[0] == "friction"
    assert plan.steps[0].step.side == "right"
    rest = [s.technique for s in template.steps if s.technique != "friction"]
    assert techniques[1:] == rest
    assert all(p.step.side == "both" for p in plan.steps[1:])
    assert plan.painful == (("thigh_outer_right", 4),)
    assert (plan.load_level, plan.load_headline) == ("ok", "All fine.")
    assert plan.template_name == template.name


def test_it_plans_the_whole_template_in_order_when_nothing_hurts() -> None:
    template = default_template()
    plan = build_plan(template, Findings({}))
    assert tuple(p.step for p in plan.steps) == template.steps
    assert plan.painful == ()


def test_it_refuses_an_empty_template() -> None:
    with pytest.raises(ProtocolError, match="no steps"):
        build_plan(Template("Empty", ()), Findings({}))


pain_maps = st.dictionaries(st.sampled_from(sorted(REGIONS)), st.integers(0, 10), max_size=8)


@given(pain_maps)
def test_it_keeps_every_step_once_and_moves_only_sides_and_order(pain: dict[str, int]) -> None:
    template = default_template()
    plan = build_plan(template, Findings(pain))
    stripped = [replace(p.step, side="both") for p in plan.steps]
    assert sorted(map(repr, stripped)) == sorted(map(repr, template.steps))
    met = [bool(p.focus) for p in plan.steps]
    assert met == sorted(met, reverse=True)  # every step that meets pain comes first
    for planned in plan.steps:
        sides = {REGIONS[key].side for key in planned.focus}
        expected = sides.pop() if len(sides) == 1 else "both"
        assert planned.step.side == expected
        assert all(pain[key] > 0 for key in planned.focus)
