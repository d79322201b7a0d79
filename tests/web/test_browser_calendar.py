"""On a phone: a runner makes her private calendar link, copies it with the button, and a
calendar app (a browser with no login) reads her appointment from it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar

from runcare.web.accounts.models import Role
from tests.web.calendar_helpers import appointment
from tests.web.conftest import PASSWORD, make_user
from tests.web.phone import PHONE, no_horizontal_scroll, page_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_runner_copies_her_calendar_link_and_a_calendar_app_reads_it(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    therapist = make_user("thea_therapist", Role.THERAPIST)
    runner = make_user("rita_runner", Role.RUNNER, therapist)
    now = timezone.now()
    booked = appointment(runner, now.replace(microsecond=0) + timedelta(days=2), now)
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    errors = page_errors(page)
    app = browser.new_context()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("User name").fill("rita_runner")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        page.get_by_role("link", name="Calendar", exact=True).click()
        page.wait_for_load_state()
        assert "no calendar link yet" in page.content()
        page.get_by_role("button", name="Make my calendar link").click()
        page.wait_for_load_state()
        link = page.get_by_label("Your private calendar link").input_value()
        assert link.startswith(f"{live_server.url}/calendar/feed/")
        page.get_by_role("button", name="Copy link").click()
        page.get_by_role("button", name="Copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == link
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "calendar-link-360.png"), full_page=True)

        answer = app.request.get(link)
        assert answer.status == 200
        (event,) = Calendar.from_ical(answer.body()).walk("VEVENT")
        assert str(event["UID"]) == f"{booked.uid}@runcare"
        assert str(event["SUMMARY"]) == "Massage session with Thea Therapist"

        # A new link: the old one stops at once.
        page.get_by_role("button", name="Make a new link").click()
        page.wait_for_load_state()
        assert page.get_by_label("Your private calendar link").input_value() != link
        assert app.request.get(link).status == 404
    finally:
        app.close()
        context.close()
    assert errors == []
