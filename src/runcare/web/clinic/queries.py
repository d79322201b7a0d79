"""What a client's page and a runner's dashboard read about the runner's health questions.

The client list has its own module, ``client_list``, which reads the stored summaries.
"""

from __future__ import annotations

from typing import Any

from runcare.care.redflags import CLIENT_OUTCOMES, OUTCOMES, QUESTIONS_BY_KEY, SOURCE, screen
from runcare.report.summary import RED_FLAG_REMINDER, RED_FLAG_REMINDER_ABOUT_A_CLIENT
from runcare.web.accounts.models import User
from runcare.web.clinic.models import Intake, RedFlagLevel


def latest_intake(runner: User) -> Intake | None:
    return Intake.objects.filter(runner=runner, is_latest=True).select_related("entered_by").first()


def red_flag_context(intake: Intake | None) -> dict[str, Any]:
    """The stored outcome of the latest intake, and the questions answered "yes"."""
    # Both wordings: the runner reads "you", her therapist reads about the client.
    common = {
        "redflag_source": SOURCE,
        "red_flag_reminder": RED_FLAG_REMINDER,
        "client_red_flag_reminder": RED_FLAG_REMINDER_ABOUT_A_CLIENT,
    }
    if intake is None:
        return {"red_flag": False, "outcome": None, "client_outcome": None, "flagged": (), **common}
    answers = {k: bool(v) for k, v in intake.red_flags.items() if k in QUESTIONS_BY_KEY}
    return {
        "red_flag": intake.red_flag_level != RedFlagLevel.NONE,
        "outcome": OUTCOMES.get(intake.red_flag_level),  # type: ignore[call-overload]
        "client_outcome": CLIENT_OUTCOMES.get(intake.red_flag_level),  # type: ignore[call-overload]
        "flagged": screen(answers).flagged,
        **common,
    }
