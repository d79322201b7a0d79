"""The explanation as plain JSON-ready data, matching ``explanation.schema.json``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from runcare.care.explain import DoctorFirst, Explanation, Finding, Statement, TrainingPart


def explanation_to_json_dict(explanation: Explanation) -> dict[str, Any]:
    """The shape documented in docs/cli.md (``runcare explain --json``)."""
    return {
        "as_of": explanation.as_of.isoformat(),
        "kind": explanation.kind,
        "headline": explanation.headline,
        "doctor_first": _doctor(explanation.doctor_first),
        "intro": _statements(explanation.intro),
        "findings": [_finding(f) for f in explanation.findings],
        "training": _training(explanation.training),
        "helps": _statements(explanation.helps),
        "see_a_doctor_if": _statements(explanation.see_a_doctor_if),
        "sources": list(explanation.sources),
    }


def _statements(statements: tuple[Statement, ...]) -> list[dict[str, Any]]:
    return [{"subject": s.subject, "text": s.text, "sources": list(s.sources)} for s in statements]


def _doctor(doctor: DoctorFirst | None) -> dict[str, Any] | None:
    if doctor is None:
        return None
    return {
        "level": doctor.level,
        "when": doctor.when,
        "headline": doctor.headline,
        "message": doctor.message,
        "flagged": [{"key": q.key, "text": q.text} for q in doctor.flagged],
        "source": doctor.source,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "title": finding.title,
        "regions": [
            {"key": r.key, "label": r.label, "pain_0_10": r.pain_0_10} for r in finding.regions
        ],
        "muscles": [
            {"key": m.key, "name": m.name, "plain_name": m.plain_name} for m in finding.muscles
        ],
        "statements": _statements(finding.statements),
    }


def _training(training: TrainingPart | None) -> dict[str, Any] | None:
    if training is None:
        return None
    return {
        "level": training.level,
        "codes": list(training.codes),
        "statements": _statements(training.statements),
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``explanation_to_json_dict`` (``explanation.schema.json``)."""
    text = resources.files("runcare.care").joinpath("explanation.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
