"""Erasure: a therapist erases a client with everything of theirs after typing the name; a
runner asks for it. Nothing of hers is left in any table or in the upload folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.web.accounts.models import Role, User
from runcare.web.care.services import templates_of
from runcare.web.rights.models import Erasure, ErasureRequest
from tests.web.conftest import PASSWORD, Personas, client_for, make_user
from tests.web.rights_helpers import full_history

pytestmark = pytest.mark.django_db(transaction=True)

# Tables whose rows change for reasons of their own: SQLite's id counters, and the
# sessions of the people still logged in (compared by key below).
OWN_BOOKKEEPING = {"sqlite_sequence", "django_session"}


def every_row() -> dict[str, set[tuple[Any, ...]]]:
    """Every row of every table in the database, as text."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = {tuple(str(v) for v in row) for row in cursor.fetchall()}
    return tables


def session_keys() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_key FROM django_session")
        return {row[0] for row in cursor.fetchall()}


def upload_files() -> set[str]:
    root = Path(settings.UPLOAD_DIR)
    return {str(p.relative_to(root)) for p in root.rglob("*")} if root.exists() else set()


@pytest.fixture
def world(personas: Personas) -> Personas:
    """Another therapist's client with a full history too, and the templates in place."""
    full_history(personas.stranger, marker="otterbrook")
    templates_of(personas.therapist, timezone.now())
    return personas


def test_it_erases_a_client_and_leaves_no_row_and_no_file_of_hers(world: Personas) -> None:
    therapist_client = client_for(world.therapist)
    rows_before, files_before, sessions_before = every_row(), upload_files(), session_keys()
    erin = make_user("erin_runner", Role.RUNNER, world.therapist)
    erin.email = "erin@example.org"
    erin.save()
    full_history(erin, marker="kestrelmoor")
    erin_browser = Client()
    assert erin_browser.login(username="erin_runner", password=PASSWORD)
    erin_browser.post(reverse("rights:erasure_request"))
    assert therapist_client.get(reverse("clinic:client_detail", args=[erin.pk])).status_code == 200
    assert upload_files() > files_before
    response = therapist_client.post(
        reverse("rights:erase", args=[erin.pk]), {"typed_name": "  ERIN   runner "}
    )
    assert response.status_code == 302
    rows_after = every_row()
    erasure = Erasure.objects.get()
    assert (erasure.client_number, erasure.actor, erasure.therapist) == (
        erin.pk,
        world.therapist,
        world.therapist,
    )
    assert erasure.requested_by_client is True
    added = {t: rows_after[t] - rows_before.get(t, set()) for t in rows_after}
    removed = {t: rows_before[t] - rows_after.get(t, set()) for t in rows_before}
    assert {t: r for t, r in added.items() if r and t not in OWN_BOOKKEEPING} == {
        Erasure._meta.db_table: {next(iter(added[Erasure._meta.db_table]))}
    }
    assert {t: r for t, r in removed.items() if r and t not in OWN_BOOKKEEPING} == {}
    assert session_keys() == sessions_before
    text = repr(rows_after)
    for trace in ("erin_runner", "Erin Runner", "erin@example.org", "kestrelmoor"):
        assert trace not in text
    assert "otterbrook" in text  # the other runner's records are all there
    assert upload_files() == files_before
    assert not (Path(settings.UPLOAD_DIR) / str(erin.pk)).exists()
    listed = therapist_client.get(reverse("clinic:client_list") + "?archived=1")
    assert f"Client number {erin.pk}, erased" in listed.content.decode()
    other = client_for(world.other_therapist).get(reverse("clinic:client_list") + "?archived=1")
    assert "erased" not in other.content.decode()
    # Logged out everywhere: her browser is sent to the login page.
    assert erin_browser.get(reverse("training:dashboard")).status_code == 302


@pytest.mark.parametrize("typed", ["", "Rita", "Rita Runner!", "sam_stranger", "Sam Stranger"])
def test_it_erases_nobody_without_the_clients_name(world: Personas, typed: str) -> None:
    runner = world.runner
    response = client_for(world.therapist).post(
        reverse("rights:erase", args=[runner.pk]), {"typed_name": typed}
    )
    assert response.status_code == 400
    assert User.objects.filter(pk=runner.pk).exists()
    assert not Erasure.objects.exists()


def test_it_accepts_the_user_name_as_well(world: Personas) -> None:
    response = client_for(world.therapist).post(
        reverse("rights:erase", args=[world.runner.pk]), {"typed_name": "rita_runner"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=world.runner.pk).exists()


def test_it_lets_only_her_therapist_erase_a_client(world: Personas) -> None:
    url = reverse("rights:erase", args=[world.runner.pk])
    for user in (world.runner, world.other_therapist, world.stranger):
        browser = client_for(user)
        assert browser.get(url).status_code == 404
        assert browser.post(url, {"typed_name": "Rita Runner"}).status_code == 404
    assert User.objects.filter(pk=world.runner.pk).exists()


def test_it_lets_a_runner_ask_for_erasure_and_withdraw(world: Personas) -> None:
    runner_client = client_for(world.runner)
    therapist_client = client_for(world.therapist)
    runner_client.post(reverse("rights:erasure_request"))
    assert ErasureRequest.objects.filter(runner=world.runner).exists()
    listing = therapist_client.get(reverse("clinic:client_list")).content.decode()
    assert "Asked to have their account erased" in listing
    assert reverse("rights:erase", args=[world.runner.pk]) in listing
    other = client_for(world.other_therapist).get(reverse("clinic:client_list"))
    assert "Rita Runner" not in other.content.decode()
    runner_client.post(reverse("rights:withdraw_request"))
    assert not ErasureRequest.objects.exists()
    # Asking leaves the account as it is: the therapist decides and carries it out.
    assert User.objects.filter(pk=world.runner.pk).exists()


def test_it_keeps_the_erasure_request_page_for_runners(world: Personas) -> None:
    assert client_for(world.therapist).get(reverse("rights:erasure_request")).status_code == 404
    assert client_for(world.runner).get(reverse("rights:erasure_request")).status_code == 200
