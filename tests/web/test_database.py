"""The web suite runs on SQLite and, where a server is given, on PostgreSQL too."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from runcare.web.env import database_from_url

PG_URL = os.environ.get("RUNCARE_TEST_POSTGRES_URL", "")


def test_it_talks_to_the_database_that_database_url_names() -> None:
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


def test_it_has_a_postgresql_server_to_run_the_web_tests_on() -> None:
    if not PG_URL:
        pytest.skip("set RUNCARE_TEST_POSTGRES_URL (see .ci/start-postgres) to test on PostgreSQL")
    import psycopg

    with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", connect_timeout=5) as conn:
        assert conn.execute("select 1").fetchone() == (1,)


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        (
            "sqlite:////var/lib/runcare/db.sqlite3",
            "django.db.backends.sqlite3",
            "/var/lib/runcare/db.sqlite3",
        ),
        ("postgres://u:p%40ss@db.local:5433/care", "django.db.backends.postgresql", "care"),
        ("postgresql://u@127.0.0.1/care?sslmode=require", "django.db.backends.postgresql", "care"),
    ],
)
def test_it_reads_database_urls(url: str, engine: str, name: str) -> None:
    config = database_from_url(url)
    assert (config["ENGINE"], config["NAME"]) == (engine, name)


def test_it_keeps_the_password_and_options_of_a_postgres_url() -> None:
    config = database_from_url("postgres://u:p%40ss@db.local:5433/care?sslmode=require")
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "u",
        "p@ss",
        "db.local",
        "5433",
    )
    assert config["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    "url",
    [
        "mysql://x/y",
        "postgres://host/",
        "sqlite:///",
        "postgres://h:54x2/db",
        "postgres://h:99999/db",
    ],
)
def test_it_refuses_a_database_url_it_cannot_use(url: str) -> None:
    from runcare.web.env import ConfigError

    with pytest.raises(ConfigError, match="DATABASE_URL"):
        database_from_url(url)
