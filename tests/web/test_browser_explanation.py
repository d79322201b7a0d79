"""The explanation at phone width: Mia reads why her hips may hurt, her therapist reads the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from runcare.web import demo
from tests.web.phone import PHONE, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def explanation_text(page: Any) -> str:
    section = page.locator("section#explanation")
    assert section.get_attribute("data-explanation") == "explanation"
    return " ".join((section.inner_text() or "").split())


def test_the_runner_and_her_therapist_read_the_same_explanation_at_360_px(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, demo.TOO_MUCH)
        mine = explanation_text(page)
        assert "Front of the hip and lower back, with running" in mine
        assert "Iliopsoas" in mine
        assert "Exercise comes first" in mine
        figure = page.locator("section#explanation figure.credited").first
        assert "Muscles at the front of the hip" in (figure.inner_text() or "")
        box = figure.bounding_box()
        assert box is not None
        assert box["width"] <= PHONE["width"]
        assert no_horizontal_scroll(page)
        page.locator("section#explanation").screenshot(
            path=str(artifacts_dir / "explanation-runner-360.png")
        )
        # A source reference jumps to its source.
        page.locator("section#explanation a.explanation-ref").first.click()
        assert page.url.endswith("#explanation-source-1")

        context.clear_cookies()
        log_in(page, live_server.url, demo.THERAPIST)
        page.get_by_role("link", name="Mia Schneider").click()
        page.wait_for_load_state()
        theirs = explanation_text(page)
        assert no_horizontal_scroll(page)
        # The first line says whose page it is; everything after it is the same.
        assert theirs.split("Iliopsoas", 1)[1] == mine.split("Iliopsoas", 1)[1]
    finally:
        context.close()
