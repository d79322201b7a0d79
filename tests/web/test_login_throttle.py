"""The login throttle slows guessing down and never locks the clinic out: a correct password
from an address that has not failed is always accepted."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from runcare.web.accounts import throttle
from runcare.web.accounts.models import LoginAttempt
from runcare.web.accounts.throttle import Backoff, login_wait_s
from tests.web.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db

LIMIT = 5
OWN = "198.51.100.4"
ATTACKER = "203.0.113.9"
CLINIC = "192.0.2.50"


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOGIN_ATTEMPTS_PER_15_MIN = LIMIT


@pytest.fixture
def personas_fast(personas: Personas) -> Personas:
    for user in (personas.therapist, personas.runner):
        user.set_password(PASSWORD)
        user.save()
    return personas


def login(username: str, password: str, address: str, client: Client | None = None) -> Any:
    return (client or Client()).post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def failures(username: str, address: str, count: int, seconds_ago: float = 0.0) -> None:
    at = timezone.now() - timedelta(seconds=seconds_ago)
    LoginAttempt.objects.bulk_create(
        LoginAttempt(username=username, ip_address=address, at=at) for _ in range(count)
    )


def age_all(seconds: float) -> None:
    LoginAttempt.objects.update(at=timezone.now() - timedelta(seconds=seconds))


def test_it_accepts_the_runner_from_her_own_computer_while_someone_guesses_her_password(
    personas_fast: Personas,
) -> None:
    failures("rita_runner", ATTACKER, 50)
    assert login("rita_runner", PASSWORD, OWN).status_code == 302


def test_it_slows_down_guessing_one_name_from_one_address(personas_fast: Personas) -> None:
    for _ in range(LIMIT):
        assert login("rita_runner", "wrong", ATTACKER).status_code == 200
    slowed = login("rita_runner", "wrong", ATTACKER)
    assert slowed.status_code == 429
    assert 25 <= int(slowed["Retry-After"]) <= 30
    assert "Please wait 30 seconds" in slowed.content.decode()
    age_all(31)
    assert login("rita_runner", "wrong", ATTACKER).status_code == 200
    # One more failure: the next wait doubles.
    assert 55 <= int(login("rita_runner", "wrong", ATTACKER)["Retry-After"]) <= 60


def test_it_does_not_check_the_password_while_a_wait_runs(personas_fast: Personas) -> None:
    failures("rita_runner", ATTACKER, LIMIT)
    client = Client()
    response = login("rita_runner", PASSWORD, ATTACKER, client)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The same answer as for a wrong password: waiting tells nothing about the password.
    wrong = login("rita_runner", "wrong", ATTACKER)
    assert wrong.status_code == 429
    assert wrong.context["form"].non_field_errors() == response.context["form"].non_field_errors()


def test_it_lets_the_runner_in_from_the_same_computer_after_the_wait(
    personas_fast: Personas,
) -> None:
    failures("rita_runner", OWN, LIMIT, seconds_ago=31)
    assert login("rita_runner", PASSWORD, OWN).status_code == 302


def test_it_only_slows_a_clinic_behind_one_address_never_locks_it(
    personas_fast: Personas,
) -> None:
    for n in range(40):
        failures(f"guess{n}", CLINIC, 1, seconds_ago=0.5)
    slowed = login("thea_therapist", PASSWORD, CLINIC)
    assert slowed.status_code == 429
    assert int(slowed["Retry-After"]) <= 60
    age_all(61)
    assert login("thea_therapist", PASSWORD, CLINIC).status_code == 302


def test_it_does_not_slow_a_browser_that_logged_in_before(personas_fast: Personas) -> None:
    browser = Client()
    assert login("thea_therapist", PASSWORD, CLINIC, browser).status_code == 302
    browser.post(reverse("accounts:logout"))
    failures("someone_else", CLINIC, 60)
    assert login("thea_therapist", PASSWORD, CLINIC, browser).status_code == 302
    browser.post(reverse("accounts:logout"))
    # A browser that knows Thea does not make Rita known, nor does a new browser.
    assert login("rita_runner", PASSWORD, CLINIC, browser).status_code == 429
    assert login("thea_therapist", PASSWORD, CLINIC).status_code == 429


def test_it_ignores_a_forged_known_login_cookie(personas_fast: Personas) -> None:
    failures("someone_else", CLINIC, 60)
    browser = Client()
    browser.cookies[throttle.KNOWN_COOKIE] = "0123456789abcdef0123:forged:signature"
    assert login("thea_therapist", PASSWORD, CLINIC, browser).status_code == 429


def test_it_keeps_the_name_and_address_rule_for_a_known_browser(personas_fast: Personas) -> None:
    browser = Client()
    assert login("rita_runner", PASSWORD, OWN, browser).status_code == 302
    browser.post(reverse("accounts:logout"))
    failures("rita_runner", OWN, LIMIT)
    assert login("rita_runner", PASSWORD, OWN, browser).status_code == 429


def test_it_forgets_the_failures_of_a_name_and_address_after_the_right_password(
    personas_fast: Personas,
) -> None:
    failures("rita_runner", OWN, LIMIT - 1)
    failures("rita_runner", ATTACKER, 3)
    assert login("rita_runner", PASSWORD, OWN).status_code == 302
    assert not LoginAttempt.objects.filter(ip_address=OWN).exists()
    assert LoginAttempt.objects.filter(ip_address=ATTACKER).count() == 3


def test_it_purges_attempts_older_than_a_day(db: None) -> None:
    failures("old", ATTACKER, 3, seconds_ago=2 * 86400)
    failures("recent", ATTACKER, 2, seconds_ago=3600)
    assert login("someone", "wrong", ATTACKER).status_code == 200
    names = sorted(LoginAttempt.objects.values_list("username", flat=True))
    assert names == ["recent", "recent", "someone"]


@pytest.mark.parametrize(
    ("failures_n", "wait_s"),
    [(0, 0.0), (4, 0.0), (5, 30.0), (6, 60.0), (7, 120.0), (10, 900.0), (10**6, 900.0)],
)
def test_it_doubles_the_wait_up_to_its_cap(failures_n: int, wait_s: float) -> None:
    assert Backoff(limit=5, first_s=30.0, max_s=900.0).wait_s(failures_n) == wait_s


@pytest.mark.parametrize(
    ("wait_s", "text"), [(0.2, "1 seconds"), (30, "30 seconds"), (900, "15 minutes")]
)
def test_it_says_how_long_to_wait(wait_s: float, text: str) -> None:
    assert f"wait {text}" in throttle.wait_message(wait_s)


addresses = st.sampled_from([ATTACKER, CLINIC, "2001:db8::7", "192.0.2.1", None])
names = st.sampled_from(["rita_runner", "RITA_runner ", "thea_therapist", "x"])


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(names, addresses, st.floats(0, 86_000)), max_size=60),
    known=st.booleans(),
)
def test_it_never_makes_an_address_without_failures_wait(
    db: None, rows: list[tuple[str, str | None, float]], known: bool
) -> None:
    LoginAttempt.objects.all().delete()
    now = timezone.now()
    for name, address, seconds_ago in rows:
        LoginAttempt.record_failure(name, address, now=now - timedelta(seconds=seconds_ago))
    assert login_wait_s("rita_runner", OWN, now=now, limit=LIMIT, known=known) == 0.0


def test_it_waits_at_most_a_quarter_hour_whatever_the_failures(db: None) -> None:
    now: datetime = timezone.now()
    failures("rita_runner", ATTACKER, 500)
    wait_s = login_wait_s("rita_runner", ATTACKER, now=now, limit=LIMIT, known=False)
    # (Plus the moment between reading the clock and writing the rows.)
    assert 0 < wait_s <= 15 * 60 + 1
