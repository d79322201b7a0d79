"""The demo clinic's past session: one signed note, so a client's history is not empty."""

from __future__ import annotations

from datetime import datetime, timedelta

from runcare.web.accounts.models import User
from runcare.web.care.models import SessionNote
from runcare.web.care.queries import findings_for
from runcare.web.care.services import (
    create_plan,
    sign_note,
    start_note,
    templates_of,
    update_note,
)
from runcare.web.training.queries import runner_today

DAYS_AGO = 7


def seed_past_session(runner: User, therapist: User, now: datetime) -> bool:
    """A session a week before ``now``, planned from the default template and signed.

    Does nothing (and returns False) if the runner already has a session note.
    """
    if SessionNote.objects.filter(runner=runner).exists():
        return False
    then = now - timedelta(days=DAYS_AGO)
    found = findings_for(runner, then)
    template = templates_of(therapist, then)[0]
    plan = create_plan(runner, therapist, template, found.findings, now=then)
    note = start_note(plan, therapist, found.findings.pain_0_10, runner_today(runner, then), then)
    given = [{"done": True, "step": item["step"]} for item in note.given]
    after = {key: max(0, score - 2) for key, score in note.pain_before.items()}
    update_note(note, therapist, note.version, _soap(given, after), then)
    sign_note(note, therapist, note.version + 1, then + timedelta(minutes=20))
    return True


def _soap(given: list[dict[str, object]], pain_after: dict[str, int]) -> dict[str, object]:
    return {
        "subjective": "Front of the left hip and the low back ache after long runs, "
        "worst the next morning. Ran a much longer long run than usual ten days ago.",
        "objective": "Left hip flexors tender and short on the left compared with the right; "
        "tender points around the left piriformis; IT band tight on both sides.",
        "assessment": "Hip flexors and buttock muscles working hard after a jump in the long "
        "run. Eased with treatment.",
        "plan_home": "Kneeling hip-flexor stretch, 3 x 30 s each side, once a day. "
        "Glute bridge, 2 x 10.",
        "plan_run_time": "Keep the long run within 10 % of the longest of the last month "
        "for the next three weeks.",
        "plan_next_session": "In two weeks.",
        "given": given,
        "pain_after": pain_after,
    }
