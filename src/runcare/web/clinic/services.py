"""Storing intakes. The rules come from the core; this module only loads and saves rows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction

from runcare.body.regions import validate_scores
from runcare.care.intake import validate_timing
from runcare.care.redflags import screen
from runcare.web.accounts.models import User
from runcare.web.clinic.forms import pain_field_name
from runcare.web.clinic.models import Intake
from runcare.web.summaries.services import note_intake


class IntakeError(ValueError):
    """An intake that cannot be stored, for a caller that skipped the form."""


@transaction.atomic
def record_intake(runner: User, entered_by: User, data: Mapping[str, Any], now: datetime) -> Intake:
    """Add the runner's next intake version and make it the latest.

    ``data`` holds the form's ``answers()``. Scores, timing and red flags are checked again by
    the core rules, so a caller that bypasses the form cannot store a map the form would
    refuse; ``red_flag_level`` always comes from ``screen``, never from ``data``.
    """
    if not runner.is_runner:
        raise IntakeError("An intake belongs to a runner.")
    if not entered_by.can_see(runner):
        raise IntakeError("Only the runner or their own therapist can enter an intake.")
    red_flags = {str(k): bool(v) for k, v in data.get("red_flags", {}).items()}
    try:
        pain = validate_scores(data.get("pain_0_10", {}))
        timing = validate_timing(data.get("timing", ()))
        result = screen(red_flags)
    except ValueError as error:
        raise IntakeError(str(error)) from error
    # Lock the runner's row so two submissions at once cannot take the same version.
    User.objects.select_for_update().filter(pk=runner.pk).first()
    Intake.objects.filter(runner=runner, is_latest=True).update(is_latest=False)
    intake = Intake.objects.create(
        runner=runner,
        version=Intake.next_version(runner),
        is_latest=True,
        created_at=now,
        entered_by=entered_by,
        question=data.get("question", ""),
        pain_0_10=pain,
        timing=list(timing),
        pain_since=data.get("pain_since"),
        years_running=data.get("years_running"),
        usual_weekly_km=data.get("usual_weekly_km"),
        goal_race=data.get("goal_race", ""),
        red_flags=red_flags,
        red_flag_level=result.level,
    )
    note_intake(intake)  # the client list shows its red flag and worst pain
    return intake


def history(runner: User) -> list[Intake]:
    """Every version of the runner's intake, newest first."""
    return list(
        Intake.objects.filter(runner=runner).select_related("entered_by").order_by("-version")
    )


def initial_from(intake: Intake | None) -> dict[str, Any]:
    """Form defaults carried over from the last version. Red flags are asked afresh."""
    if intake is None:
        return {}
    initial: dict[str, Any] = {
        "timing": list(intake.timing),
        "pain_since": intake.pain_since,
        "years_running": intake.years_running,
        "usual_weekly_km": intake.usual_weekly_km,
        "goal_race": intake.goal_race,
    }
    for key, score in intake.pain_0_10.items():
        initial[pain_field_name(key)] = score
    return initial
