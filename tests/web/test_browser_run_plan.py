"""On a phone: a runner logs a painful run and sees the next planned run step back, with why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from runcare.web import demo
from tests.web.phone import PHONE, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def first_run(page: Any) -> tuple[str, int]:
    run = page.locator("li.plan-run").first
    return run.get_attribute("data-day"), int(run.get_attribute("data-distance-m"))


def test_a_painful_run_steps_the_next_run_back_with_the_reason(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, demo.TOO_MUCH)
        page.goto(f"{live_server.url}/training/")
        assert page.locator("#plan-title").inner_text() == "Your next runs"
        day_before, distance_before = first_run(page)
        assert distance_before > 0
        assert page.locator("figure#chart-progress svg").count() == 1

        page.get_by_role("link", name="Log pain after a run").first.click()
        page.wait_for_load_state()
        assert no_horizontal_scroll(page)
        page.get_by_label("Where it hurt").select_option(label="Left front of hip / groin")
        page.get_by_label("Pain during the run (0-10)").select_option("7")
        page.get_by_label("Pain right after (0-10)").select_option("5")
        page.get_by_role("button", name="Save").click()
        page.wait_for_load_state()

        day_after, distance_after = first_run(page)
        assert day_after == day_before and distance_after < distance_before
        changed = page.locator(".plan-changes").inner_text()
        assert "shorter" in changed and "above 5" in changed
        assert "Stepped back" in page.locator("li.plan-run").first.inner_text()
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "plan-step-back-360.png"), full_page=True)
    finally:
        context.close()
