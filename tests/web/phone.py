"""What the browser tests of the demo clinic share: a phone-sized window, a check for sideways
scrolling, and logging in as a demo account."""

from __future__ import annotations

from typing import Any

from runcare.web import demo

PHONE = {"width": 360, "height": 740}


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def page_errors(page: Any) -> list[str]:
    """Start collecting the page's script errors and Content-Security-Policy violations.

    Returns the list the page fills as it goes; a test asserts it is empty at the end.
    """
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors
