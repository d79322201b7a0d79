"""On a 360 px phone in headless Chromium, the therapist reorders a client's stretches with
the Move buttons, changes and deletes her own exercise, and pages through the audit log;
nothing scrolls sideways and nothing breaks the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from runcare.web.accounts.models import Role, User
from runcare.web.care.models import AuditAction, AuditEvent
from runcare.web.exercises.models import LibraryExercise
from runcare.web.exercises.queries import current_version, program_view
from runcare.web.exercises.services import item_of, save_version
from tests.web.conftest import PASSWORD, make_user
from tests.web.phone import PHONE, no_horizontal_scroll, page_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEYS = ["kneeling-hip-flexor", "standing-quad", "figure-4-piriformis"]
TAP_PX = 44


@pytest.fixture
def therapist_phone(browser: Any, live_server: Any) -> Iterator[tuple[Any, User]]:
    therapist = make_user("thea_therapist", Role.THERAPIST)
    runner = make_user("rita_runner", Role.RUNNER, therapist)
    rows = [LibraryExercise.objects.get(therapist=None, key=key) for key in KEYS]
    save_version(runner, therapist, [item_of(r, r.dose) for r in rows], "", timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = page_errors(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill("thea_therapist")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    yield page, runner
    context.close()
    assert errors == []


def order(runner: User) -> list[str]:
    current = current_version(runner)
    assert current is not None
    return [item.exercise.key for item in program_view(current).items]


def test_it_moves_a_stretch_down_and_up_on_a_phone(
    therapist_phone: tuple[Any, User], live_server: Any
) -> None:
    page, runner = therapist_phone
    page.goto(f"{live_server.url}/stretches/clients/{runner.pk}/")
    assert no_horizontal_scroll(page)
    first_name = LibraryExercise.objects.get(therapist=None, key=KEYS[0]).name
    button = page.get_by_role("button", name=f"Move down: {first_name}")
    box = button.bounding_box()
    assert box is not None and box["height"] >= TAP_PX
    button.click()
    page.wait_for_load_state()
    assert "Moved." in page.locator("body").inner_text()
    assert order(runner) == [KEYS[1], KEYS[0], KEYS[2]]
    page.get_by_role("button", name=f"Move up: {first_name}").click()
    page.wait_for_load_state()
    assert order(runner) == KEYS
    assert no_horizontal_scroll(page)


def test_it_changes_and_deletes_her_own_exercise_on_a_phone(
    therapist_phone: tuple[Any, User], live_server: Any
) -> None:
    page, runner = therapist_phone
    own = LibraryExercise.objects.create(
        therapist=runner.therapist,
        key="wall-calf",
        name="Wall calf stretch",
        technique="static_stretch",
        steps=["Face a wall."],
        cautions=[],
        limb="leg",
        hold_cue="Lean",
        side="both",
        sets=1,
        reps=2,
        hold_s=30,
        relax_s=5,
        rest_s=0,
        times_per_day=1,
    )
    page.goto(f"{live_server.url}/stretches/library/")
    page.get_by_role("link", name="Change Wall calf stretch").click()
    page.wait_for_load_state()
    assert no_horizontal_scroll(page)
    page.get_by_label("Name").fill("Calf at the wall")
    page.get_by_role("button", name="Save the changes").click()
    page.wait_for_load_state()
    own.refresh_from_db()
    assert own.name == "Calf at the wall"
    page.get_by_role("link", name="Delete Calf at the wall …").click()
    page.wait_for_load_state()
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Delete Calf at the wall").click()
    page.wait_for_load_state()
    assert "is deleted from your library" in page.locator("body").inner_text()
    assert not LibraryExercise.objects.filter(pk=own.pk).exists()


def test_it_pages_through_the_audit_log_on_a_phone(
    therapist_phone: tuple[Any, User], live_server: Any
) -> None:
    page, runner = therapist_phone
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            at=now - timedelta(minutes=n),
            actor=runner.therapist,
            actor_name="Thea Therapist",
            runner=runner,
            runner_name=runner.name,
            therapist_id=runner.therapist_id,
            action=AuditAction.VIEW,
            what="session note",
            object_id=n,
        )
        for n in range(1, 251)
    )
    page.goto(f"{live_server.url}/care/audit/")
    assert no_horizontal_scroll(page)
    older = page.get_by_role("link", name="Older")
    box = older.bounding_box()
    assert box is not None and box["height"] >= TAP_PX
    page.get_by_role("link", name="3", exact=True).click()
    page.wait_for_load_state()
    assert "Entries 201 to 250 of 250." in page.locator("body").inner_text()
    assert page.locator("tbody tr").count() == 50
    assert no_horizontal_scroll(page)
