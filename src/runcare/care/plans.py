"""Session plans: a therapist's template fitted to one runner's findings.

The findings are the latest pain map (region key -> 0-10), the red-flag screen's level and
whether a doctor has seen the runner since, and the load verdict. The rule:

1. an open red flag (level ``refer`` or ``urgent`` with no doctor's visit recorded since)
   blocks planning: nothing but "see a doctor" (EVIDENCE.md section 4);
2. steps that work on a painful area, or on a muscle the pain map relates to a painful
   area, come first, in the template's order; the others follow in the template's order;
3. a painful step is sided to the painful side: one side if only that side hurts, both if
   both do. A step marked "none" (midline) keeps its side;
4. the load verdict travels beside the plan, unchanged: the plan does not judge training.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from runcare.body.regions import REGIONS
from runcare.care.protocols import ProtocolError, Step, StepSide, Template, validate_template

OPEN_LEVELS = frozenset({"refer", "urgent"})


class PlanningBlockedError(ValueError):
    """Planning refused: an open red flag. The message is for the therapist."""


@dataclass(frozen=True)
class Findings:
    """What the plan is fitted to.

    ``pain_0_10``: region key -> score (a missing region was not marked). ``red_flag_level``:
    ``none``/``refer``/``urgent``, or ``None`` if the runner was never screened.
    ``doctor_seen``: a doctor's visit has been recorded since that screen. ``load_level`` and
    ``load_headline``: the verdict's level key and sentence, ``None`` without a verdict.
    """

    pain_0_10: Mapping[str, int]
    red_flag_level: str | None = None
    doctor_seen: bool = False
    load_level: str | None = None
    load_headline: str | None = None

    @property
    def red_flag_open(self) -> bool:
        return self.red_flag_level in OPEN_LEVELS and not self.doctor_seen

    @property
    def painful(self) -> dict[str, int]:
        """Region key -> score for every region scored above 0, worst first."""
        marked = {k: v for k, v in self.pain_0_10.items() if k in REGIONS and v > 0}
        return dict(sorted(marked.items(), key=lambda item: -item[1]))


@dataclass(frozen=True)
class PlannedStep:
    """A template step fitted to the findings; ``focus`` lists the painful regions it meets."""

    step: Step
    focus: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionPlan:
    template_name: str
    steps: tuple[PlannedStep, ...]
    painful: tuple[tuple[str, int], ...]
    load_level: str | None
    load_headline: str | None


def build_plan(template: Template, findings: Findings) -> SessionPlan:
    """Fit ``template`` to ``findings`` (see the module's rule); raises ``PlanningBlockedError``."""
    if findings.red_flag_open:
        raise PlanningBlockedError(
            "An open red flag: the runner should see a doctor first. Record the doctor's "
            "visit before planning a session."
        )
    validate_template(template)
    if not template.steps:
        raise ProtocolError("This template has no steps yet.", "steps")
    planned = [fit_step(step, findings.painful) for step in template.steps]
    ordered = [p for p in planned if p.focus] + [p for p in planned if not p.focus]
    return SessionPlan(
        template_name=template.name,
        steps=tuple(ordered),
        painful=tuple(findings.painful.items()),
        load_level=findings.load_level,
        load_headline=findings.load_headline,
    )


def fit_step(step: Step, painful: Mapping[str, int]) -> PlannedStep:
    """``step`` with its focus (painful regions it meets) and its side fitted to them."""
    focus = tuple(key for key in painful if _meets(step, key))
    if not focus or step.side == "none":
        return PlannedStep(step, focus)
    return PlannedStep(replace(step, side=_side_of(focus)), focus)


def _meets(step: Step, region_key: str) -> bool:
    region = REGIONS[region_key]
    area = region_key.removesuffix(f"_{region.side}")
    return area in step.regions or any(m in step.muscles for m in region.muscles)


def _side_of(focus: tuple[str, ...]) -> StepSide:
    sides = {REGIONS[key].side for key in focus}
    if sides == {"left"}:
        return "left"
    if sides == {"right"}:
        return "right"
    return "both"
