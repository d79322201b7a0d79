"""The guided home-stretch timer in headless Chromium on a 360 px phone, with a fast clock
(?speed=): a whole program plays its cues in order and logs the session; a session finished
offline is kept on the phone and sent once the connection is back, never counted twice."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from runcare.exercises import build_schedule, library
from runcare.web.accounts.models import Role
from runcare.web.exercises.adherence import weekly_adherence
from runcare.web.exercises.models import LibraryExercise, StretchSession
from runcare.web.exercises.services import save_version
from runcare.web.training.queries import runner_today
from tests.web.conftest import PASSWORD, make_user
from tests.web.phone import page_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
KEY = "kneeling-hip-flexor"
SPEED = 400
# Every kind of phase: get ready, holds and relaxes on both sides, a switch and a rest.
DOSE = {"side": "both", "sets": 2, "reps": 2, "hold_s": 10, "relax_s": 5, "rest_s": 8}


def wait_for(predicate: Any, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return bool(predicate())


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[tuple[Any, Any]]:
    therapist = make_user("thea_therapist", Role.THERAPIST)
    runner = make_user("rita_runner", Role.RUNNER, therapist)
    row = LibraryExercise.objects.get(therapist=None, key=KEY)
    item = {"exercise": row.pk, **DOSE}
    save_version(runner, therapist, [item], "Breathe out.", timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = page_errors(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill("rita_runner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    yield page, context
    context.close()
    assert errors == []


def expected_cues() -> list[str]:
    from runcare.exercises import Program, ProgramItem, dose_from

    exercise = library().exercises[KEY]
    dose = dose_from(DOSE, "d", exercise.dose)
    schedule = build_schedule(Program("x", (ProgramItem(exercise, dose),)))
    return [phase.cue for phase in schedule.phases]


def play_to_the_end(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/stretches/mine/?speed={SPEED}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_role("button", name="Start").click()
    page.locator("#timer-done").wait_for(state="visible", timeout=20000)


def test_a_whole_program_plays_in_order_and_the_session_is_logged(
    phone: tuple[Any, Any], live_server: Any
) -> None:
    page, _ = phone
    page.goto(f"{live_server.url}/stretches/mine/")
    digits = page.locator("#timer-digits")
    # Readable at arm's length: the digits are far larger than the text around them.
    assert (
        page.evaluate(
            "parseFloat(getComputedStyle(document.getElementById('timer-digits')).fontSize)"
        )
        >= 80
    )
    assert digits.is_visible()
    play_to_the_end(page, live_server.url)
    cues = page.locator("#timer-cues li").all_inner_texts()
    assert cues == expected_cues()
    assert any(cue.startswith("Rest") for cue in cues)
    assert any(cue.startswith("Switch") for cue in cues)
    page.get_by_label("Pain now, 0 (none) to 10 (worst)").select_option("2")
    page.get_by_role("button", name="Log this session").click()
    assert wait_for(lambda: StretchSession.objects.count() == 1)
    assert StretchSession.objects.get().pain_0_10 == 2
    page.get_by_text("Logged. Thank you.").wait_for()


def test_pause_holds_the_clock_and_skip_moves_on(
    phone: tuple[Any, Any], live_server: Any, artifacts_dir: Path
) -> None:
    page, _ = phone
    page.goto(f"{live_server.url}/stretches/mine/?speed=1")
    page.get_by_role("button", name="Start").click()
    page.locator("#timer-start").scroll_into_view_if_needed()
    page.get_by_role("button", name="Pause").click()
    page.screenshot(path=str(artifacts_dir / "stretch-timer-360.png"), full_page=False)
    shown = page.locator("#timer-digits").inner_text()
    time.sleep(1.5)
    assert page.locator("#timer-digits").inner_text() == shown
    page.get_by_role("button", name="Resume").click()
    page.get_by_role("button", name="Skip").click()
    assert page.locator("#timer-cues li").count() == 2
    page.get_by_role("button", name="Back").click()
    cues = page.locator("#timer-cues li").all_inner_texts()
    assert cues[0] == cues[2]  # back to the get-ready phase


def test_a_session_finished_offline_is_sent_once_back_online(
    phone: tuple[Any, Any], live_server: Any
) -> None:
    page, context = phone
    play_to_the_end(page, live_server.url)
    context.set_offline(True)
    page.get_by_role("button", name="Log this session").click()
    page.locator("#timer-waiting").wait_for(state="visible")
    outbox = json.loads(page.evaluate("localStorage.getItem('runcare.stretches.outbox')"))
    assert len(outbox) == 1 and outbox[0]["pain_0_10"] is None
    assert StretchSession.objects.count() == 0
    context.set_offline(False)
    assert wait_for(lambda: StretchSession.objects.count() == 1)
    page.locator("#timer-waiting").wait_for(state="hidden")
    # The same entry sent again (a retry after a lost answer) is not counted twice.
    page.evaluate(
        "entry => localStorage.setItem('runcare.stretches.outbox', JSON.stringify([entry]))",
        outbox[0],
    )
    page.reload()
    assert wait_for(
        lambda: page.evaluate("localStorage.getItem('runcare.stretches.outbox')") == "[]"
    )
    assert StretchSession.objects.count() == 1
    assert str(StretchSession.objects.get().client_id) == outbox[0]["id"]


def test_the_therapist_pages_fit_a_phone(browser: Any, live_server: Any) -> None:
    therapist = make_user("thea_therapist", Role.THERAPIST)
    runner = make_user("rita_runner", Role.RUNNER, therapist)
    row = LibraryExercise.objects.get(therapist=None, key=KEY)
    save_version(runner, therapist, [{"exercise": row.pk, **DOSE}], "", timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill("thea_therapist")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    for path in ("", "add/", "items/0/"):
        page.goto(f"{live_server.url}/stretches/clients/{runner.pk}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    page.goto(f"{live_server.url}/clinic/clients/{runner.pk}/")
    page.get_by_role("link", name="Prescribe home stretches").click()
    page.get_by_role("heading", name="Home stretches for Rita Runner").wait_for()
    context.close()


def test_a_session_is_kept_when_the_runner_was_logged_out_meanwhile(
    phone: tuple[Any, Any], live_server: Any
) -> None:
    page, context = phone
    play_to_the_end(page, live_server.url)
    context.clear_cookies(name="sessionid")  # the login expired during the stretches
    page.get_by_role("button", name="Log this session").click()
    page.locator("#timer-waiting").wait_for(state="visible")
    time.sleep(0.5)
    outbox = json.loads(page.evaluate("localStorage.getItem('runcare.stretches.outbox')"))
    assert len(outbox) == 1
    assert StretchSession.objects.count() == 0
    assert "Log in again" in page.locator("#timer-status").inner_text()


def test_the_demo_runner_follows_her_program_prints_it_and_her_therapist_sees_it(
    browser: Any, live_server: Any
) -> None:
    from runcare.web import demo

    demo.seed_demo(timezone.now())
    mia = demo.User.objects.get(username=demo.TOO_MUCH)
    before = StretchSession.objects.filter(runner=mia).count()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(demo.TOO_MUCH)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Home stretches").first.click()
    page.wait_for_load_state()
    page.goto(page.url + "?speed=2000")
    page.get_by_role("button", name="Start").click()
    first_cue = page.locator("#timer-cues li").first.inner_text()
    assert first_cue.startswith("Kneeling hip-flexor stretch.")
    page.locator("#timer-done").wait_for(state="visible", timeout=30000)
    page.get_by_label("Pain now, 0 (none) to 10 (worst)").select_option("1")
    page.get_by_role("button", name="Log this session").click()
    assert wait_for(lambda: StretchSession.objects.filter(runner=mia).count() == before + 1)
    handout = page.get_by_role("link", name="Handout (PDF)").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{handout}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    context.close()

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(demo.THERAPIST)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/clinic/clients/{mia.pk}/")
    this_week = page.locator("section.stretch-adherence tbody tr").first.inner_text()
    week = weekly_adherence(mia, runner_today(mia, timezone.now()))[0]
    assert f"{week.done} / {week.prescribed}" in this_week
    # This week holds the session just logged, and its pain of 1 is in the mean.
    logged = StretchSession.objects.filter(runner=mia).order_by("-received_at").first()
    assert logged is not None and logged.pain_0_10 == 1
    assert week.done >= 1
    context.close()
