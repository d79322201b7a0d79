"""The explanation on the runner's dashboard and, word for word, on their therapist's page.

This module turns the stored intake into the core's plain data, hands it with the load
verdict to ``runcare.care.explain.explain`` and numbers the sources for the template
``clinic/_explanation.html``. The rules live in the core; nothing here decides what to say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from runcare.body.drawings import Drawing, drawings
from runcare.care.explain import (
    Explanation,
    Finding,
    IntakeAnswers,
    Muscle,
    Statement,
    explain,
)
from runcare.care.explain_rules import HIP_FLEXORS
from runcare.care.intake import TIMINGS
from runcare.care.redflags import OUTCOMES, QUESTIONS_BY_KEY, RANK, ScreenResult, screen
from runcare.load import LoadReport
from runcare.web.accounts.models import User
from runcare.web.body.figures import drawing_figure
from runcare.web.clinic.models import Intake
from runcare.web.training.queries import load_report, runner_today


@dataclass(frozen=True)
class Shown:
    """A statement as the page shows it: ``refs`` number its sources in the list below it."""

    subject: str
    text: str
    refs: tuple[int, ...]


def screen_stored(intake: Intake) -> ScreenResult:
    """The screen of the stored answers, never milder than the level stored with them.

    The stored level came from the same screen when the intake was saved; should the
    questions change later, an answer that once raised a flag still keeps it raised.
    """
    answers = {k: bool(v) for k, v in intake.red_flags.items() if k in QUESTIONS_BY_KEY}
    result = screen(answers)
    stored = OUTCOMES.get(intake.red_flag_level)  # type: ignore[call-overload]
    if stored is None or RANK[stored.level] <= RANK[result.level]:
        return result
    return ScreenResult(stored.level, result.flagged, stored.headline, stored.message)


def answers_of(intake: Intake) -> IntakeAnswers:
    return IntakeAnswers(
        pain_0_10={str(k): int(v) for k, v in intake.pain_0_10.items()},
        timing=tuple(t for t in intake.timing if t in TIMINGS),
        pain_since=intake.pain_since,
    )


def explanation_for(
    runner: User, intake: Intake | None, now: datetime, report: LoadReport | None = None
) -> Explanation | None:
    """The runner's explanation as of today in their zone; ``None`` without an intake.

    ``report`` is the runner's load report when the caller already has it; otherwise it is
    loaded, and only when the screen is clear (a red flag needs no verdict).
    """
    if intake is None:
        return None
    screened = screen_stored(intake)
    verdict = None
    if not screened.stops_advice:
        verdict = (report or load_report(runner, now)).verdict
    return explain(answers_of(intake), screened, verdict, as_of=runner_today(runner, now))


def explanation_context(
    request: HttpRequest,
    runner: User,
    intake: Intake | None,
    now: datetime,
    report: LoadReport | None = None,
) -> dict[str, Any]:
    """The context of ``clinic/_explanation.html``."""
    explanation = explanation_for(runner, intake, now, report)
    if explanation is None:
        return {"explanation": None}
    return {"explanation": explanation, "explained": present(request, explanation)}


def present(request: HttpRequest, explanation: Explanation) -> dict[str, Any]:
    """The template's view of ``explanation``: numbered sources, muscle links, one drawing
    per finding (each drawing once), credited through the figure component."""
    numbers = {source: n for n, source in enumerate(explanation.sources, start=1)}

    def shown(said: tuple[Statement, ...]) -> list[Shown]:
        return [Shown(s.subject, s.text, tuple(numbers[x] for x in s.sources)) for s in said]

    training = explanation.training
    drawn: set[str] = set()
    findings = []
    for finding in explanation.findings:
        drawing = drawing_for(finding, drawn)
        if drawing is not None:
            drawn.add(drawing.key)
        findings.append(
            {
                "finding": finding,
                "muscles": [muscle_link(m) for m in finding.muscles],
                "statements": shown(finding.statements),
                "figure": drawing_figure(request, drawing) if drawing else None,
                "more_url": more_about(finding),
            }
        )
    return {
        "intro": shown(explanation.intro),
        "findings": findings,
        "training": shown(training.statements) if training else [],
        "helps": shown(explanation.helps),
        "see_a_doctor_if": shown(explanation.see_a_doctor_if),
        "sources": list(enumerate(explanation.sources, start=1)),
    }


def muscle_link(muscle: Muscle) -> dict[str, str]:
    """The muscle with the address of its page."""
    url = reverse("body:muscle", args=[muscle.key])
    return {"key": muscle.key, "name": muscle.name, "plain_name": muscle.plain_name, "url": url}


def drawing_for(finding: Finding, shown: set[str]) -> Drawing | None:
    """The drawing that labels most of the finding's muscles and was not shown above it.

    Ties go to the drawing listed first in the drawings' data file.
    """
    keys = {m.key for m in finding.muscles}
    best: Drawing | None = None
    overlap = 0
    for drawing in drawings().values():
        count = len(keys & set(drawing.muscles))
        if drawing.svg and drawing.key not in shown and count > overlap:
            best, overlap = drawing, count
    return best


def more_about(finding: Finding) -> str | None:
    """The hip flexors' own page when the finding is about all of them."""
    if set(HIP_FLEXORS) <= {m.key for m in finding.muscles}:
        return reverse("body:hip_flexors")
    return None
