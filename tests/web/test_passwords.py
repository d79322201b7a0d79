"""Changing a password, resetting it by e-mail, and the therapist's reset link."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import reverse

from runcare.web.accounts.models import User
from tests.web.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a quiet lake at dawn 42"  # noqa: S105 - a test fixture


def reset_link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", body)
    assert match, body
    return match[1]


def ask_for_reset(email: str) -> str:
    response = Client().post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    [message] = mail.outbox
    return reset_link(message.body)


def choose_password(link: str, password: str = NEW_PASSWORD) -> Client:
    browser = Client()
    opened = browser.get(link)
    # Django moves the token into the session and the form to an address without it.
    assert opened.status_code == 302
    form_url = opened.url
    page = browser.get(form_url)
    assert page.context["validlink"] is True
    saved = browser.post(form_url, {"new_password1": password, "new_password2": password})
    assert saved.status_code == 302, saved.context["form"].errors
    return browser


def logs_in(username: str, password: str) -> bool:
    return Client().login(username=username, password=password)


@pytest.fixture
def runner_with_email(personas: Personas) -> User:
    personas.runner.email = "rita@example.org"
    personas.runner.save()
    return personas.runner


def test_it_lets_anyone_logged_in_change_their_password(personas: Personas) -> None:
    for user in (personas.therapist, personas.runner):
        browser = Client()
        browser.force_login(user)
        response = browser.post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
        assert response.status_code == 302
        assert logs_in(user.username, NEW_PASSWORD)
        assert not logs_in(user.username, PASSWORD)


def test_it_refuses_a_change_without_the_old_password(personas: Personas) -> None:
    browser = Client()
    browser.force_login(personas.runner)
    response = browser.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong one", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    assert logs_in(personas.runner.username, PASSWORD)


def test_it_refuses_a_weak_new_password(personas: Personas) -> None:
    browser = Client()
    browser.force_login(personas.runner)
    response = browser.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors


def test_it_resets_a_password_from_the_emailed_link(runner_with_email: User) -> None:
    link = ask_for_reset("RITA@example.org")
    assert mail.outbox[0].to == ["rita@example.org"]
    assert runner_with_email.username in mail.outbox[0].body
    choose_password(link)
    assert logs_in(runner_with_email.username, NEW_PASSWORD)
    assert not logs_in(runner_with_email.username, PASSWORD)


def test_it_lets_a_reset_link_work_only_once(runner_with_email: User) -> None:
    link = ask_for_reset(runner_with_email.email)
    choose_password(link)
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    assert "no longer works" in again.content.decode()
    assert logs_in(runner_with_email.username, NEW_PASSWORD)


def test_it_refuses_a_reset_link_once_it_has_expired(
    runner_with_email: User, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = ask_for_reset(runner_with_email.email)
    later = datetime.now() + timedelta(hours=24, minutes=1)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    response = Client().get(link, follow=True)
    assert response.context["validlink"] is False
    assert logs_in(runner_with_email.username, PASSWORD)


def test_it_accepts_a_reset_link_within_its_time(
    runner_with_email: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = ask_for_reset(runner_with_email.email)
    later = datetime.now() + timedelta(hours=23)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    choose_password(link)
    assert logs_in(runner_with_email.username, NEW_PASSWORD)


def test_it_says_the_same_for_an_address_nobody_has(personas: Personas) -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_it_links_the_login_page_to_the_reset_form(db: None) -> None:
    page = Client().get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in page


def test_it_lets_a_therapist_email_her_client_a_reset_link(
    runner_with_email: User, therapist_client: Client
) -> None:
    response = therapist_client.post(reverse("accounts:send_reset", args=[runner_with_email.pk]))
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["rita@example.org"]
    # The therapist never sees the link: it would let her into her client's account.
    page = therapist_client.get(response.url).content.decode()
    link = reset_link(message.body)
    assert link not in page
    assert "on its way to rita@example.org" in page
    choose_password(link)
    assert logs_in(runner_with_email.username, NEW_PASSWORD)


def test_it_says_when_a_client_has_no_address(personas: Personas, therapist_client: Client) -> None:
    response = therapist_client.post(
        reverse("accounts:send_reset", args=[personas.runner.pk]), follow=True
    )
    assert "has no e-mail address" in response.content.decode()
    assert mail.outbox == []


def test_it_says_when_the_mail_cannot_be_sent(
    runner_with_email: User, therapist_client: Client, settings: object
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # type: ignore[attr-defined]
    response = therapist_client.post(
        reverse("accounts:send_reset", args=[runner_with_email.pk]), follow=True
    )
    assert "could not be sent" in response.content.decode()


def test_it_sends_reset_links_only_for_the_therapists_own_clients(
    personas: Personas, runner_with_email: User
) -> None:
    for user in (personas.runner, personas.other_therapist, personas.stranger):
        browser = Client()
        browser.force_login(user)
        response = browser.post(reverse("accounts:send_reset", args=[runner_with_email.pk]))
        assert response.status_code == 404
    assert mail.outbox == []


def test_it_only_sends_a_reset_link_on_post(
    runner_with_email: User, therapist_client: Client
) -> None:
    response = therapist_client.get(reverse("accounts:send_reset", args=[runner_with_email.pk]))
    assert response.status_code == 405
    assert mail.outbox == []
