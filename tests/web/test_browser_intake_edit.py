"""Editing an intake in a real browser keeps every earlier answer, the date included.

The page is in British English; a date input written 22/11/2025 was discarded by the
browser, so the next version silently lost "Since when has it hurt?".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from runcare.care.redflags import QUESTIONS
from runcare.web.accounts.models import Role, User
from runcare.web.clinic.models import Intake
from runcare.web.clinic.services import record_intake
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EARLIER = {
    "question": "Why does my left hip ache after long runs?",
    "pain_0_10": {"buttock_left": 6, "hip_front_right": 4},
    "timing": ["after_runs", "next_morning"],
    "pain_since": date(2025, 11, 22),
    "years_running": Decimal("3.5"),
    "usual_weekly_km": Decimal("42"),
    "goal_race": "Spring half marathon",
    "red_flags": {q.key: False for q in QUESTIONS},
}


@pytest.fixture
def runner(transactional_db: None) -> User:
    therapist = User.objects.create_user(
        username="thea", password=PASSWORD, role=Role.THERAPIST, display_name="Thea"
    )
    runner = User.objects.create_user(
        username="rita", password=PASSWORD, role=Role.RUNNER, therapist=therapist,
        display_name="Rita",
    )  # fmt: skip
    record_intake(runner, runner, EARLIER, timezone.now())
    return runner


def test_it_keeps_every_earlier_answer_when_an_intake_is_edited(
    browser: Any, live_server: Any, runner: User
) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 780}, locale="en-GB")
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", "rita")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/training/")
        page.goto(f"{live_server.url}/clinic/intake/")
        # What the browser itself holds, not what the HTML said: an ISO value survives.
        assert page.locator("input[name=pain_since]").input_value() == "2025-11-22"
        # Only the warning signs are asked afresh; one more pain score is the edit.
        for question in QUESTIONS:
            page.check(f"input[name=flag_{question.key}][value=no]")
        page.select_option("select[name=pain_knee_left]", "2")
        page.click("form.intake-form button[type=submit]")
        page.wait_for_url("**/clinic/intake/*/")
    finally:
        page.close()
    earlier, latest = Intake.objects.filter(runner=runner).order_by("version")
    assert latest.version == earlier.version + 1
    assert latest.pain_since == date(2025, 11, 22)
    marked = {key: score for key, score in latest.pain_0_10.items() if score}
    assert marked == {"buttock_left": 6, "hip_front_right": 4, "knee_left": 2}
    assert sorted(latest.timing) == ["after_runs", "next_morning"]
    assert latest.years_running == Decimal("3.5")
    assert latest.usual_weekly_km == Decimal("42")
    assert latest.goal_race == "Spring half marathon"
