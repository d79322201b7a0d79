"""A production configuration passes Django's deployment checks without a warning."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNCARE_", "DJANGO_"))}
    env.update(
        RUNCARE_ENV="production",
        RUNCARE_DATA_DIR=str(data_dir),
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="clinic.example.org",
        CSRF_TRUSTED_ORIGINS="https://clinic.example.org",
    )
    env.update(extra)
    return env


def manage(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runcare.cli.main", "manage", *args],
        env=production_env(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_check_deploy_in_production(tmp_path: Path) -> None:
    done = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_it_passes_behind_a_proxy_too(tmp_path: Path) -> None:
    done = manage(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING", RUNCARE_BEHIND_PROXY="true"
    )
    assert done.returncode == 0, done.stderr


def test_it_refuses_to_start_production_with_a_short_secret_key(tmp_path: Path) -> None:
    done = manage(tmp_path, "check", "--deploy", SECRET_KEY="too-short")  # noqa: S106
    assert done.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in done.stderr


def test_it_refuses_to_start_with_a_misspelt_environment_name(tmp_path: Path) -> None:
    # "prod" used to start quietly as development: local secret key, cookies without Secure.
    done = manage(tmp_path, "check", "--deploy", RUNCARE_ENV="prod")
    assert done.returncode != 0
    assert "RUNCARE_ENV must be one of development, production" in done.stderr
