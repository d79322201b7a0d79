"""On phones, the demo clinic's week: Mia logs a painful run and reads why her next run is
shorter; her therapist sees the same on Mia's page and books her next session from it; Mia
finds it on her dashboard, and both calendar links (made on the Calendar page) hold it.
The reminder of the same story is in test_story_next_session.py (no browser reads mail)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment
from tests.web.phone import PHONE, log_in, no_horizontal_scroll
from tests.web.test_browser_run_plan import first_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def calendar_link(page: Any, base_url: str) -> str:
    """Make the person's private calendar link on the Calendar page, as she would."""
    page.goto(base_url + reverse("training:dashboard"))
    page.get_by_role("link", name="Calendar", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Make my calendar link").click()
    page.wait_for_load_state()
    assert no_horizontal_scroll(page)
    link: str = page.get_by_label("Your private calendar link").input_value()
    return link


def test_painful_run_plan_reason_booked_session_dashboard_and_calendars(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    demo.seed_demo(timezone.now())
    mia = User.objects.get(username=demo.TOO_MUCH)
    runner_context = browser.new_context(viewport=PHONE)
    therapist_context = browser.new_context(viewport=PHONE)
    calendar_app = browser.new_context()  # a calendar app: no login, only the link
    try:
        mine = runner_context.new_page()
        log_in(mine, live_server.url, demo.TOO_MUCH)
        mine.goto(live_server.url + reverse("training:dashboard"))
        day_before, distance_before = first_run(mine)
        mine.get_by_role("link", name="Log pain after a run").first.click()
        mine.wait_for_load_state()
        mine.get_by_label("Pain during the run (0-10)").select_option("7")
        mine.get_by_role("button", name="Save").click()
        mine.wait_for_load_state()
        assert "Your plan changed" in mine.locator(".messages").inner_text()
        assert first_run(mine)[0] == day_before and first_run(mine)[1] < distance_before
        reason = mine.locator(".plan-changes").inner_text()
        assert "shorter" in reason and "above 5" in reason
        assert no_horizontal_scroll(mine)

        hers = therapist_context.new_page()
        log_in(hers, live_server.url, demo.THERAPIST)
        hers.goto(live_server.url + reverse("clinic:client_detail", args=[mia.pk]))
        assert "Mia Schneider\u2019s run plan" in hers.locator("#plan-title").inner_text()
        assert "above 5" in hers.locator(".plan-changes").inner_text()
        assert first_run(hers) == first_run(mine)
        hers.get_by_role("link", name="Book next session").click()
        hers.wait_for_load_state()
        hers.get_by_label("Session length").select_option("60")
        hers.get_by_role("button", name="Show times").click()
        hers.wait_for_load_state()
        hers.locator("button.slot").first.click()
        hers.wait_for_load_state()
        assert "Booked." in hers.locator(".messages").inner_text()
        assert no_horizontal_scroll(hers)
        booked = Appointment.objects.filter(runner=mia).order_by("-created_at").first()
        assert booked is not None and booked.booked_by.username == demo.THERAPIST
        when = booked.start_utc.astimezone(mia.zone)
        shown = f"{when:%A} {when.day} {when:%B %Y}, {when:%H:%M}"

        mine.goto(live_server.url + reverse("training:dashboard"))
        next_line = mine.locator("[data-next-appointment]").inner_text()
        assert shown in next_line and "with Hanna Berg" in next_line
        assert no_horizontal_scroll(mine)
        mine.screenshot(path=str(artifacts_dir / "story-dashboard-360.png"), full_page=True)

        for page, summary in (
            (mine, "Massage session with Hanna Berg"),
            (hers, "Massage session: Mia Schneider"),
        ):
            answer = calendar_app.request.get(calendar_link(page, live_server.url))
            assert answer.status == 200
            events = Calendar.from_ical(answer.body()).walk("VEVENT")
            (event,) = (e for e in events if str(e["UID"]) == f"{booked.uid}@runcare")
            assert event.decoded("DTSTART") == booked.start_utc
            assert str(event["STATUS"]) == "CONFIRMED"
            assert str(event["SUMMARY"]) == summary
        mine.screenshot(path=str(artifacts_dir / "story-calendar-360.png"), full_page=True)
    finally:
        calendar_app.close()
        runner_context.close()
        therapist_context.close()
