"""The models and the committed migrations agree, and the migrations apply from scratch."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_it_has_a_migration_for_every_model_change() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_info:  # makemigrations --check exits 1 when one is missing
        pytest.fail(f"a model change has no migration: {out.getvalue()} ({exit_info})")
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_it_lists_every_migration_as_applied() -> None:
    out = StringIO()
    call_command("showmigrations", "accounts", "clinic", "training", stdout=out)
    lines = [line.strip() for line in out.getvalue().splitlines() if line.startswith(" ")]
    assert lines
    assert all(line.startswith("[X]") for line in lines), out.getvalue()
