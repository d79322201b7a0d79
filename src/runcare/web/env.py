"""Typed readers for settings from environment variables. A bad value fails at start-up,
loudly and with the variable's name, rather than half-working later."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from platformdirs import user_data_path


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable."""


TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ConfigError(f"{name} must be set")
    return value


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices``; a typo ("prod", "Production") must not quietly pick the default."""
    value = env_str(name, default)
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_site_url(name: str) -> str:
    """The site's public address (``https://care.example.org``, optionally with a path), for
    links in mails that are read away from any request; empty when unset.

    Only a scheme, a host and a path: a link that carries a password, a query or a fragment
    would be copied into every mail, so it is refused rather than passed on.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    parsed = urlparse(raw)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        raise ConfigError(f"{name} must be an address like https://care.example.org, not {raw!r}")
    if parsed.username or parsed.password or parsed.query or parsed.fragment:
        raise ConfigError(
            f"{name} must hold only a scheme, a host and a path (no login, ? or #), not {raw!r}"
        )
    try:
        parsed.port  # noqa: B018 - reading it validates it
    except ValueError as exc:
        raise ConfigError(f"{name} has a port that is not a number from 0 to 65535") from exc
    # Links are the address plus an absolute path ("/booking/..."): no slash at the end.
    return raw.rstrip("/")


def database_from_url(url: str) -> dict[str, Any]:
    """Django DATABASES entry for ``postgres://user:pw@host:port/name`` or ``sqlite:///path``."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as other tools read them.
        path = unquote(parsed.path)[1:]
        if not path:
            raise ConfigError("DATABASE_URL sqlite:/// needs a file path")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ConfigError("DATABASE_URL for PostgreSQL needs a database name")
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        try:
            port = parsed.port
        except ValueError as exc:
            raise ConfigError(
                "DATABASE_URL has a port that is not a number from 0 to 65535"
            ) from exc
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ConfigError(f"DATABASE_URL scheme {parsed.scheme!r} is not supported (sqlite, postgres)")


def data_dir() -> Path:
    """Where the embedded database, uploads and the local secret key live."""
    configured = os.environ.get("RUNCARE_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    return user_data_path("runcare", appauthor=False)
