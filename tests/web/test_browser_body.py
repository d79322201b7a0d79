"""A runner on a 360 px phone reads about the hip flexors: the figure fits, its labels are
readable, its credit line shows, and the muscle pages link from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def smallest_label_px(page: Any) -> float:
    return float(
        page.evaluate(
            "Math.min(...[...document.querySelectorAll('figure.credited svg text')]"
            ".map(t => t.getBoundingClientRect().height))"
        )
    )


def test_a_runner_reads_the_hip_flexors_and_a_muscle_on_a_phone(
    browser: Any, live_server: Any, personas: Personas, artifacts_dir: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("User name").fill(personas.runner.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()

        page.get_by_role("link", name="Muscles", exact=True).click()
        page.get_by_role("link", name="The hip flexors and iliopsoas").click()
        page.wait_for_load_state()
        figure = page.locator("figure.credited")
        assert figure.count() == 1
        box = figure.bounding_box()
        assert box is not None and box["width"] <= PHONE["width"]
        credit = figure.locator(".credit")
        assert credit.is_visible()
        assert "runcare contributors" in credit.inner_text()
        # Labels stay readable when the drawing shrinks to the phone's width.
        assert smallest_label_px(page) >= 9.5
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "body-hip-flexors-360.png"), full_page=True)

        page.get_by_role("link", name="Psoas major").first.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == "Psoas major"
        assert page.locator(".fact-sources a").count() >= 6
        assert no_horizontal_scroll(page)

        credit_link = page.locator("figure.credited .credit a").first
        credit_link.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Muscles at the front of the hip"
        )
        assert page.get_by_text("MIT License").first.is_visible()
    finally:
        context.close()
