"""Sign-up in a real browser: the account takes the zone the browser runs in."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from runcare.web.accounts.models import Invitation, Role, User
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("zone", ["Asia/Kolkata", "America/Chicago"])
def test_it_signs_up_a_runner_in_the_browsers_time_zone(
    browser: Any, live_server: Any, zone: str
) -> None:
    therapist = User.objects.create_user(
        username="thea", password=PASSWORD, role=Role.THERAPIST, display_name="Thea"
    )
    _, token = Invitation.issue(therapist, "nia@example.org", now=timezone.now(), days=7)
    context = browser.new_context(timezone_id=zone, viewport={"width": 360, "height": 740})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{live_server.url}/accounts/join/{token}/")
        page.wait_for_load_state()
        hidden = page.locator("input[name=time_zone]")
        hidden.wait_for(state="attached")
        page.wait_for_function("document.querySelector('input[name=time_zone]').value !== ''")
        # Chromium may name a zone by an older alias (Asia/Calcutta); tzdata knows both.
        said = hidden.input_value()
        assert _same_zone(said, zone)
        page.fill("#id_username", "nia")
        page.fill("#id_password", PASSWORD)
        page.fill("#id_password_again", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/clinic/intake/")
    finally:
        context.close()
    assert problems == []  # the script ran under the page's Content-Security-Policy
    assert User.objects.get(username="nia").time_zone == said


def _same_zone(name: str, expected: str) -> bool:
    instants = [datetime(2026, month, 1, 12, tzinfo=UTC) for month in (1, 7)]
    return all(
        t.astimezone(ZoneInfo(name)).utcoffset() == t.astimezone(ZoneInfo(expected)).utcoffset()
        for t in instants
    )
