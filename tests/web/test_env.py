"""Settings read from the environment: a malformed value stops the start, naming the variable."""

from __future__ import annotations

import pytest

from runcare.web.env import ConfigError, env_choice, env_int


@pytest.mark.parametrize("value", ["prod", "Production", "production "])
def test_it_refuses_an_environment_name_it_does_not_know(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("RUNCARE_ENV", value)
    with pytest.raises(ConfigError, match="RUNCARE_ENV"):
        env_choice("RUNCARE_ENV", ("development", "production"), "development")


def test_it_reads_a_known_environment_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNCARE_ENV", "production")
    assert env_choice("RUNCARE_ENV", ("development", "production"), "development") == "production"


@pytest.mark.parametrize("value", ["0", "-5"])
def test_it_refuses_a_number_below_the_minimum(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("RUNCARE_LOGIN_ATTEMPTS", value)
    with pytest.raises(ConfigError, match="RUNCARE_LOGIN_ATTEMPTS must be at least 1"):
        env_int("RUNCARE_LOGIN_ATTEMPTS", 5, minimum=1)
