"""The demo therapist plans a session from the default template, records the note, signs it,
and finds it locked with room for an addendum; at phone width, in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.care.models import Addendum, SessionNote
from tests.web.phone import PHONE, log_in, no_horizontal_scroll, page_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser: Any, live_server: Any) -> Any:
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = page_errors(page)
    log_in(page, live_server.url, demo.THERAPIST)
    yield page
    context.close()
    assert errors == []


def test_it_plans_records_signs_and_locks_a_session(
    page: Any, live_server: Any, artifacts_dir: Path
) -> None:
    mia = User.objects.get(username=demo.TOO_MUCH)
    page.goto(f"{live_server.url}/clinic/clients/{mia.pk}/")
    sessions = page.locator("section.sessions")
    assert "signed" in sessions.inner_text()  # the demo's past session

    sessions.get_by_role("link", name="Plan a session").click()
    page.wait_for_load_state()
    assert "Left front of hip / groin 5/10" in page.locator("section.findings").inner_text()
    page.get_by_role("button", name="Plan the session").click()
    page.wait_for_url(re.compile(r"/care/plans/\d+/$"))
    # Mia's pain is all on the left: the steps that meet it come first, sided left.
    first = page.locator("li.step").first
    assert first.get_attribute("data-technique") == "compression"
    assert first.locator("[data-side]").inner_text() == "Left"
    assert "Left buttock" in first.locator(".step-focus").inner_text()
    resisted = page.locator('li.step[data-technique="pnf_contract_relax"]')
    assert resisted.count() == 2
    assert "hold 3-5 s, 5 reps per side" in resisted.first.locator("[data-dose]").inner_text()
    assert resisted.first.locator("[data-side]").inner_text() == "Left"
    assert page.locator("[data-print]").is_visible()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / "session-plan-360.png"), full_page=True)

    page.get_by_role("button", name="Start the session note").click()
    page.wait_for_url(re.compile(r"/care/notes/\d+/edit/$"))
    page.get_by_label("Subjective: the runner's words").fill("Hip still sore after Sunday.")
    page.get_by_label("Assessment: in your own words").fill("Hip flexors tight on the left.")
    page.get_by_label("Plan: home stretches").fill("Kneeling hip-flexor stretch daily.")
    page.locator("#id_step_0_done").check()
    page.locator("#id_step_0_minutes").fill("7")
    page.locator("#id_pain_after_hip_front_left").select_option("3")
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Save the note").click()
    page.wait_for_url(re.compile(r"/care/notes/\d+/$"))
    assert page.locator("[data-draft]").is_visible()

    page.get_by_role("button", name="Sign the note").click()
    page.wait_for_load_state()
    assert page.locator("[data-signed]").is_visible()
    assert page.get_by_role("link", name="Edit the note").count() == 0
    note = SessionNote.objects.filter(runner=mia).order_by("-pk").first()
    assert note is not None and note.is_signed
    assert note.given[0]["done"] is True and note.given[0]["step"]["minutes"] == 7
    assert note.pain_after == {"hip_front_left": 3}

    # The edit page itself refuses a signed note.
    page.goto(f"{live_server.url}/care/notes/{note.pk}/edit/")
    assert "add an addendum instead" in page.locator(".messages").inner_text()
    assert page.locator("textarea[name=subjective]").count() == 0

    page.get_by_label("Addendum").fill("Called two days later: pain 2/10.")
    page.get_by_role("button", name="Add the addendum").click()
    page.wait_for_load_state()
    assert "Called two days later: pain 2/10." in page.locator(".addenda").inner_text()
    assert Addendum.objects.get(note=note).author_name == "Hanna Berg"
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / "session-note-signed-360.png"), full_page=True)

    page.goto(f"{live_server.url}/care/audit/")
    assert page.locator("tr[data-action=sign]").count() == 2  # the demo's note and this one


def test_it_blocks_planning_for_the_red_flag_client(page: Any, live_server: Any) -> None:
    jonas = User.objects.get(username=demo.RED_FLAG)
    page.goto(f"{live_server.url}/care/clients/{jonas.pk}/plan/")
    assert "Planning is blocked" in page.locator(".planning-blocked").inner_text()
    assert page.get_by_role("button", name="Plan the session").count() == 0
