"""Stored steps, notes and findings as the words the care pages show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runcare.body.regions import REGIONS
from runcare.care.protocols import POSITIONS, SIDES, Step, dose_text, step_from_dict
from runcare.care.techniques import TECHNIQUES


@dataclass(frozen=True)
class StepView:
    index: int
    key: str
    technique: str
    summary: str
    targets: str
    side: str
    position: str
    dose: str
    notes: str
    focus: tuple[str, ...]


def step_view(index: int, stored: Mapping[str, Any]) -> StepView:
    step: Step = step_from_dict({k: v for k, v in stored.items() if k != "focus"})
    return StepView(
        index=index,
        key=step.technique,
        technique=TECHNIQUES[step.technique].name,
        summary=TECHNIQUES[step.technique].summary,
        targets=", ".join(step.target_names),
        side=SIDES[step.side],
        position=POSITIONS[step.position],
        dose=dose_text(step.dose),
        notes=step.notes,
        focus=tuple(region_score_label(key) for key in stored.get("focus", ()) if key in REGIONS),
    )


def step_views(steps: Sequence[Mapping[str, Any]]) -> list[StepView]:
    return [step_view(index, stored) for index, stored in enumerate(steps)]


def region_score_label(key: str) -> str:
    return REGIONS[key].label


def pain_list(scores: Mapping[str, int]) -> list[tuple[str, int]]:
    """(region label, score) for every region scored above 0, worst first."""
    marked = [(REGIONS[k].label, int(v)) for k, v in scores.items() if k in REGIONS and v]
    return sorted(marked, key=lambda pair: -pair[1])
