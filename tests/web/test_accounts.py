"""Invitations, sign-up, login throttle, password hashing, session expiry."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.web.accounts.models import Invitation, LoginAttempt, Role, User
from tests.web.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db


def test_it_hashes_passwords_with_argon2(personas: Personas) -> None:
    assert personas.runner.password.startswith("argon2")


def test_it_expires_sessions_within_a_working_day() -> None:
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_it_lets_a_therapist_create_a_single_use_invitation(
    personas: Personas, therapist_client: Client
) -> None:
    response = therapist_client.post(
        reverse("accounts:invite"), {"email": "new@example.org", "display_name": "Nia"}
    )
    assert response.status_code == 200
    link = response.context["link"]
    [email] = mail.outbox
    assert email.to == ["new@example.org"]
    assert link in email.body
    assert response.context["emailed"] is True
    token = link.rstrip("/").rsplit("/", 1)[-1]
    browser = Client()
    opened = browser.get(link)
    # The token leaves the address bar at once: the form lives at a URL without it.
    assert opened.status_code == 302
    assert opened.url == reverse("accounts:join")
    assert token not in opened.url
    form_page = browser.get(opened.url)
    assert form_page.status_code == 200
    assert token not in form_page.content.decode()
    signup = browser.post(
        opened.url, {"username": "nia", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert signup.status_code == 302
    nia = User.objects.get(username="nia")
    assert (nia.role, nia.therapist) == (Role.RUNNER, personas.therapist)
    assert Invitation.objects.get(runner=nia).used_at is not None
    again = Client().get(reverse("accounts:accept", args=[token]))
    assert again.status_code == 404


def test_it_refuses_an_expired_invitation(personas: Personas) -> None:
    past = timezone.now() - timedelta(days=30)
    _, token = Invitation.issue(personas.therapist, "old@example.org", now=past, days=7)
    response = Client().get(reverse("accounts:accept", args=[token]))
    assert response.status_code == 404
    assert b"not valid" in response.content


def test_it_does_not_let_a_runner_invite(runner_client: Client) -> None:
    assert runner_client.get(reverse("accounts:invite")).status_code == 404


def test_it_stores_only_a_hash_of_the_invitation_token(personas: Personas) -> None:
    invitation, token = Invitation.issue(
        personas.therapist, "x@example.org", now=timezone.now(), days=7
    )
    assert token not in invitation.token_sha256
    assert len(invitation.token_sha256) == 64


def test_it_throttles_repeated_failed_logins(personas: Personas) -> None:
    client = Client()
    url = reverse("accounts:login")
    for _ in range(settings.LOGIN_ATTEMPTS_PER_15_MIN):
        response = client.post(url, {"username": "rita_runner", "password": "wrong"})
        assert response.status_code == 200
    blocked = client.post(url, {"username": "rita_runner", "password": PASSWORD})
    assert blocked.status_code == 429
    assert b"Too many failed attempts" in blocked.content
    assert "_auth_user_id" not in client.session
    LoginAttempt.objects.update(at=timezone.now() - timedelta(minutes=16))
    allowed = client.post(url, {"username": "rita_runner", "password": PASSWORD})
    assert allowed.status_code == 302


def test_it_sends_a_therapist_home_to_her_clients_and_a_runner_to_training(
    therapist_client: Client, runner_client: Client
) -> None:
    assert therapist_client.get("/").url == reverse("clinic:client_list")
    assert runner_client.get("/").url == reverse("training:dashboard")


def test_it_shows_the_link_when_the_email_cannot_be_sent(
    therapist_client: Client, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    response = therapist_client.post(reverse("accounts:invite"), {"email": "n@example.org"})
    assert response.context["emailed"] is False
    assert b"could not send an email" in response.content
    assert "/accounts/join/" in response.context["link"]


@pytest.mark.parametrize(
    "spelling", ["rita_runner ", " RITA_RUNNER", "\uff52\uff49\uff54\uff41_runner"]
)
def test_it_counts_every_spelling_of_a_name_against_one_throttle(
    personas: Personas, spelling: str
) -> None:
    client = Client()
    url = reverse("accounts:login")
    for _ in range(settings.LOGIN_ATTEMPTS_PER_15_MIN):
        client.post(url, {"username": "rita_runner", "password": "wrong"})
    # The login form strips and normalises the name, so these would reach Rita's account.
    blocked = Client().post(url, {"username": spelling, "password": PASSWORD})
    assert blocked.status_code == 429
    assert "_auth_user_id" not in blocked.client.session


def fail_login_from(address: str, username: str) -> int:
    response = Client().post(
        reverse("accounts:login"),
        {"username": username, "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"10.9.9.9, {address}",
    )
    return response.status_code


def test_it_throttles_by_the_address_the_proxy_saw(personas: Personas, settings: Any) -> None:
    settings.BEHIND_PROXY = True
    limit = settings.LOGIN_ATTEMPTS_PER_15_MIN * 4
    for n in range(limit):
        assert fail_login_from("203.0.113.7", f"guess{n}") == 200
    assert fail_login_from("203.0.113.7", "one_more") == 429
    # Everyone else comes through the same proxy and may still log in.
    rita = Client().post(
        reverse("accounts:login"),
        {"username": "rita_runner", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert rita.status_code == 302
    assert set(LoginAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_it_refuses_a_password_that_is_the_runners_email(personas: Personas) -> None:
    _, token = Invitation.issue(
        personas.therapist, "nia.okafor@example.org", now=timezone.now(), days=7
    )
    password = "nia.okafor@example.org"  # noqa: S105 - the weak password under test
    browser = Client()
    browser.get(reverse("accounts:accept", args=[token]))
    response = browser.post(
        reverse("accounts:join"),
        {"username": "nia", "password": password, "password_again": password},
    )
    assert response.status_code == 200
    assert "too similar" in response.content.decode()
    assert not User.objects.filter(username="nia").exists()


def test_it_refuses_the_join_form_without_an_opened_invitation(db: None) -> None:
    assert Client().get(reverse("accounts:join")).status_code == 404
    response = Client().post(
        reverse("accounts:join"),
        {"username": "eve", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response.status_code == 404
    assert not User.objects.filter(username="eve").exists()


def test_it_lets_an_invitation_be_used_once_even_from_two_browsers(personas: Personas) -> None:
    _, token = Invitation.issue(personas.therapist, "two@example.org", now=timezone.now(), days=7)
    first, second = Client(), Client()
    for browser in (first, second):
        browser.get(reverse("accounts:accept", args=[token]))
    data = {"password": PASSWORD, "password_again": PASSWORD}
    assert first.post(reverse("accounts:join"), {"username": "one", **data}).status_code == 302
    assert second.post(reverse("accounts:join"), {"username": "two", **data}).status_code == 404
    assert list(
        User.objects.filter(username__in=["one", "two"]).values_list("username", flat=True)
    ) == ["one"]
