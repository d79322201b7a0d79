"""The "Forgot your password?" form cannot flood a mailbox, tells nobody who has an account,
and never slows a login down."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from runcare.web.accounts.models import LoginAttempt, ResetRequest, User, reset_key
from runcare.web.accounts.throttle import ADDRESS_LIMIT_FACTOR, RESET_WINDOW, _window_wait_s
from tests.web.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db

LIMIT = 3
HOME = "198.51.100.4"
ELSEWHERE = "203.0.113.9"


@pytest.fixture(autouse=True)
def limits(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PASSWORD_RESETS_PER_HOUR = LIMIT


@pytest.fixture
def rita(personas: Personas) -> User:
    personas.runner.email = "rita@example.org"
    personas.runner.set_password(PASSWORD)
    personas.runner.save()
    return personas.runner


def ask(email: str, address: str = HOME) -> Any:
    return Client().post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def age_all(seconds: float) -> None:
    ResetRequest.objects.update(at=timezone.now() - timedelta(seconds=seconds))


def visible_text(response: Any) -> str:
    """The page without its CSRF token and without the address typed, which differ anyway."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'value="[^"]*@[^"]*"', "", html)


def test_it_sends_the_limit_of_mails_for_an_address_then_asks_to_wait(rita: User) -> None:
    answers = [ask("rita@example.org", address=f"192.0.2.{n}") for n in range(LIMIT + 2)]
    assert [a.status_code for a in answers] == [302] * LIMIT + [429, 429]
    assert len(mail.outbox) == LIMIT
    refused = answers[-1]
    assert "Please wait 60 minutes" in refused.content.decode()
    assert 3500 <= int(refused["Retry-After"]) <= 3600
    # A refused request is not counted, so waiting an hour is enough.
    assert ResetRequest.objects.count() == LIMIT


def test_it_counts_every_spelling_of_an_address_together(rita: User) -> None:
    for spelling in ("rita@example.org", "RITA@example.org", " Rita@Example.ORG "):
        assert ask(spelling).status_code == 302
    assert ask("rita@EXAMPLE.org").status_code == 429
    assert len(mail.outbox) == LIMIT


def test_it_answers_the_same_whether_or_not_an_account_has_the_address(rita: User) -> None:
    def sequence(email: str, address: str) -> list[tuple[int, str, str]]:
        answers = [ask(email, address) for _ in range(LIMIT + 1)]
        return [(a.status_code, a.get("Location", ""), visible_text(a)) for a in answers]

    known = sequence("rita@example.org", HOME)
    unknown = sequence("nobody@example.org", ELSEWHERE)
    assert known == unknown
    assert [status for status, _, _ in known] == [302] * LIMIT + [429]
    assert len(mail.outbox) == LIMIT  # all of them to Rita, none to nobody


def test_it_limits_one_client_address_whatever_is_typed(rita: User) -> None:
    budget = LIMIT * ADDRESS_LIMIT_FACTOR
    for n in range(budget):
        assert ask(f"guess{n}@example.org").status_code == 302
    assert ask("rita@example.org").status_code == 429
    assert mail.outbox == []
    # Somebody else, elsewhere, is not slowed down by it.
    assert ask("rita@example.org", address=ELSEWHERE).status_code == 302
    assert len(mail.outbox) == 1


def test_it_lets_a_request_through_again_once_an_hour_has_passed(rita: User) -> None:
    for _ in range(LIMIT):
        ask("rita@example.org")
    assert ask("rita@example.org").status_code == 429
    age_all(RESET_WINDOW.total_seconds() - 60)
    refused = ask("rita@example.org")
    assert refused.status_code == 429
    assert "Please wait 60 seconds" in refused.content.decode()
    age_all(RESET_WINDOW.total_seconds() + 1)
    assert ask("rita@example.org").status_code == 302
    assert len(mail.outbox) == LIMIT + 1


def test_it_never_slows_a_login_down(rita: User) -> None:
    for _ in range(LIMIT * ADDRESS_LIMIT_FACTOR + 5):
        ask("rita@example.org", address=HOME)
    assert ask("rita@example.org", address=HOME).status_code == 429
    assert not LoginAttempt.objects.exists()
    browser = Client()
    logged_in = browser.post(
        reverse("accounts:login"),
        {"username": rita.username, "password": PASSWORD},
        REMOTE_ADDR=HOME,
    )
    assert logged_in.status_code == 302
    assert browser.get(reverse("accounts:settings")).status_code == 200


def test_it_does_not_count_a_malformed_address(rita: User) -> None:
    for _ in range(LIMIT + 1):
        page = ask("not an address")
        assert page.status_code == 200
        assert "email" in page.context["form"].errors
    assert not ResetRequest.objects.exists()
    assert ask("rita@example.org").status_code == 302


def test_it_stores_a_digest_never_the_address(rita: User) -> None:
    ask("Rita@Example.org")
    [row] = ResetRequest.objects.all()
    assert "rita" not in row.email_key.casefold()
    assert row.email_key == reset_key("rita@example.org")
    assert row.ip_address == HOME


def test_it_forgets_requests_older_than_a_day(rita: User) -> None:
    ask("rita@example.org")
    age_all(timedelta(days=1, seconds=1).total_seconds())
    ask("someone@example.org")
    assert ResetRequest.objects.count() == 1
    assert ResetRequest.objects.get().email_key == reset_key("someone@example.org")


def test_it_leaves_the_therapists_button_unthrottled(rita: User, personas: Personas) -> None:
    for _ in range(LIMIT):
        ask("rita@example.org")
    browser = Client()
    browser.force_login(personas.therapist)
    response = browser.post(reverse("accounts:send_reset", args=[rita.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == LIMIT + 1


START = datetime(2026, 3, 1, tzinfo=UTC)


@given(
    st.lists(st.integers(min_value=0, max_value=4 * 3600), max_size=40).map(sorted),
    st.integers(min_value=1, max_value=5),
)
def test_it_never_lets_more_than_the_limit_through_in_any_hour(
    offsets_s: list[int], limit: int
) -> None:
    accepted: list[datetime] = []
    for offset_s in offsets_s:
        now = START + timedelta(seconds=offset_s)
        in_window = [t for t in accepted if t > now - RESET_WINDOW]
        wait_s = _window_wait_s(in_window, limit, now)
        # Refused exactly when the limit was reached within the hour, and only as long.
        assert (wait_s > 0) == (len(in_window) >= limit)
        if wait_s == 0:
            accepted.append(now)
        else:
            assert _window_wait_s(in_window, limit, now + timedelta(seconds=wait_s)) == 0
    for first in accepted:
        assert sum(first <= t < first + RESET_WINDOW for t in accepted) <= limit
