"""In a real browser: after logging out, the back button does not bring a client's pain map
back, and no page of the app breaks its own Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest

from runcare.web.accounts.models import Role, User
from tests.web.conftest import PASSWORD
from tests.web.helpers import add_intake, add_runs, steady_runs, today

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db: None) -> tuple[User, User]:
    therapist = User.objects.create_user(
        username="thea", password=PASSWORD, role=Role.THERAPIST, display_name="Thea"
    )
    runner = User.objects.create_user(
        username="rita", password=PASSWORD, role=Role.RUNNER, therapist=therapist,
        display_name="Rita",
    )  # fmt: skip
    add_runs(runner, steady_runs(today()))
    return therapist, runner


def open_logged_in(browser: Any, live_server: Any, username: str) -> tuple[Any, list[str]]:
    page = browser.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page, violations


def test_it_shows_no_pain_map_on_the_back_button_after_logout(
    browser: Any, live_server: Any, people: tuple[User, User]
) -> None:
    _therapist, runner = people
    intake = add_intake(runner, pain={"hip_front_left": 7})
    page, _ = open_logged_in(browser, live_server, "thea")
    url = f"{live_server.url}/clinic/intake/{intake.pk}/"
    page.goto(url)
    assert page.locator("svg.painmap, .painmap").count() > 0
    page.click("text=Log out")
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    page.go_back()
    page.wait_for_load_state()
    # The page is fetched again (no-store), and the server sends a stranger to log in.
    assert "/accounts/login/" in page.url
    assert page.locator("svg.painmap, .painmap").count() == 0
    page.close()


@pytest.mark.parametrize(
    ("username", "paths"),
    [
        ("rita", ["/clinic/intake/", "/training/upload/", "/training/", "/accounts/settings/"]),
        ("thea", ["/clinic/clients/", "/accounts/invite/"]),
    ],
)
def test_it_runs_every_page_within_its_content_security_policy(
    browser: Any, live_server: Any, people: tuple[User, User], username: str, paths: list[str]
) -> None:
    page, violations = open_logged_in(browser, live_server, username)
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    if username == "thea":
        page.fill("#id_email", "new@example.org")
        page.click("text=Create invitation link")
        page.wait_for_load_state()
        page.click("input.copy")
        # copy.js (a static file, allowed) selected the whole link.
        selected = page.evaluate(
            "(() => { const i = document.querySelector('input.copy');"
            " return [i.selectionStart, i.selectionEnd, i.value.length]; })()"
        )
        assert selected[0] == 0 and selected[1] == selected[2] > 0
    assert violations == []
    page.close()
