"""On a phone: the demo therapist books a client's next session from the client page, the
runner sees it on her dashboard, and the runner books a free slot herself from the portal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment
from tests.web.phone import PHONE, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_therapist_books_the_next_session_and_the_runner_books_one_herself(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    demo.seed_demo(timezone.now())
    lena = User.objects.get(username=demo.FINE)
    # Lena's next session is to be booked here: the demo's one is taken away.
    Appointment.objects.filter(runner=lena, start_utc__gt=timezone.now()).delete()
    therapist_context = browser.new_context(viewport=PHONE)
    runner_context = browser.new_context(viewport=PHONE)
    try:
        page = therapist_context.new_page()
        log_in(page, live_server.url, demo.THERAPIST)
        page.goto(live_server.url + reverse("clinic:client_detail", args=[lena.pk]))
        assert "No session booked" in page.locator(".next-session").inner_text()
        page.get_by_role("link", name="Book next session").click()
        page.wait_for_load_state()
        page.get_by_label("Session length").select_option("60")
        page.get_by_role("button", name="Show times").click()
        page.wait_for_load_state()
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "booking-slots-360.png"), full_page=True)
        slot = page.locator("button.slot").first
        chosen = slot.inner_text()
        slot.click()
        page.wait_for_load_state()
        assert "Booked." in page.locator(".messages").inner_text()
        assert chosen in page.locator("dl.facts").inner_text()
        assert no_horizontal_scroll(page)
        page.get_by_role("link", name="Appointments", exact=True).click()
        page.get_by_role("link", name="Opening hours and booking settings").click()
        page.wait_for_load_state()
        assert page.get_by_label("Monday").input_value() == "09:00-12:00, 13:00-18:00"
        assert no_horizontal_scroll(page)
        booked = Appointment.objects.get(runner=lena, start_utc__gt=timezone.now())
        assert (booked.length_min, booked.booked_by) == (60, User.objects.get(username="therapist"))

        mine = runner_context.new_page()
        log_in(mine, live_server.url, demo.FINE)
        mine.goto(live_server.url + reverse("training:dashboard"))
        next_line = mine.locator("[data-next-appointment]").inner_text()
        assert chosen in next_line and "with Hanna Berg" in next_line
        assert no_horizontal_scroll(mine)

        mine.get_by_role("link", name="Book your next session").click()
        mine.wait_for_load_state()
        assert no_horizontal_scroll(mine)
        mine.get_by_role("link", name="Week 3").click()
        mine.wait_for_load_state()
        mine.locator("button.slot").first.click()
        mine.wait_for_load_state()
        assert "Booked." in mine.locator(".messages").inner_text()
        mine.get_by_role("link", name="My appointments", exact=True).click()
        mine.wait_for_load_state()
        assert mine.locator("li.appointment-row").count() == 2
        assert no_horizontal_scroll(mine)
        mine.screenshot(path=str(artifacts_dir / "booking-mine-360.png"), full_page=True)
        assert Appointment.objects.filter(runner=lena, booked_by=lena).count() == 1
    finally:
        therapist_context.close()
        runner_context.close()
