"""The demo clinic in headless Chromium at phone width: the therapist's path to a verdict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from runcare.web import demo
from tests.web.phone import PHONE, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_the_therapist_from_her_list_to_a_verdict_at_360_px(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, demo.THERAPIST)

        # Her list, red flags first.
        assert page.locator("h1").inner_text() == "Your clients"
        rows = page.locator("tbody tr")
        assert rows.count() == 3
        assert rows.first.get_attribute("data-client") == demo.RED_FLAG
        assert "See a doctor first" in rows.first.inner_text()
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "clients-360.png"), full_page=True)

        # The client who ran too much too soon: verdict and the four charts.
        page.get_by_role("link", name="Mia Schneider").click()
        page.wait_for_load_state()
        verdict = page.locator("section.verdict")
        assert verdict.get_attribute("data-level") == "too_much_too_soon"
        assert "Too much too soon" in (verdict.text_content() or "")
        assert page.locator("figure.load-figure svg").count() == 4
        for index in range(4):
            box = page.locator("figure.load-figure svg").nth(index).bounding_box()
            assert box is not None
            assert box["width"] <= PHONE["width"]
        assert page.locator("svg.painmap-svg, .painmap svg").count() >= 1
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "client-too-much-360.png"), full_page=True)

        # The red-flagged client's page opens with the referral.
        page.goto(f"{live_server.url}/clinic/clients/")
        page.get_by_role("link", name="Jonas Weber").click()
        page.wait_for_load_state()
        alert = page.get_by_role("alert")
        assert "See a doctor first" in alert.inner_text()
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "client-red-flag-360.png"), full_page=True)
    finally:
        context.close()


def test_it_shows_the_runner_her_own_verdict_at_360_px(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, demo.TOO_MUCH)
        assert page.locator("h1").inner_text() == "Am I running too much too soon?"
        assert page.locator("section.verdict").get_attribute("data-level") == "too_much_too_soon"
        assert page.locator("figure.load-figure svg").count() == 4
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "runner-dashboard-360.png"), full_page=True)
    finally:
        context.close()
