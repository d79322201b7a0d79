"""A therapist archives a client (hidden from her list, every record kept) and brings them back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from runcare.web.training.models import ActivityRecord
from tests.web.conftest import PASSWORD, Personas, client_for
from tests.web.helpers import add_intake, add_runs, steady_runs, today

pytestmark = pytest.mark.django_db


def listed(client: Client, query: str = "") -> str:
    return client.get(reverse("clinic:client_list") + query).content.decode()


def test_it_hides_an_archived_client_from_the_list_and_keeps_her_records(
    personas: Personas, therapist_client: Client
) -> None:
    runner = personas.runner
    add_runs(runner, steady_runs(today()))
    add_intake(runner)
    assert 'data-client="rita_runner"' in listed(therapist_client)
    response = therapist_client.post(reverse("accounts:archive", args=[runner.pk]))
    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.archived_at is not None
    assert 'data-client="rita_runner"' not in listed(therapist_client)
    archived = listed(therapist_client, "?archived=1")
    assert 'data-client="rita_runner"' in archived
    assert "Archived clients (1)" in listed(therapist_client)
    assert ActivityRecord.objects.filter(runner=runner).exists()
    assert runner.intakes.exists()
    # Her page still opens, so she can be found and put back.
    page = therapist_client.get(reverse("clinic:client_detail", args=[runner.pk]))
    assert page.status_code == 200
    assert "Put back on my list" in page.content.decode()


def test_it_puts_a_client_back_on_the_list(personas: Personas, therapist_client: Client) -> None:
    runner = personas.runner
    therapist_client.post(reverse("accounts:archive", args=[runner.pk]))
    therapist_client.post(reverse("accounts:reactivate", args=[runner.pk]))
    runner.refresh_from_db()
    assert runner.archived_at is None
    assert 'data-client="rita_runner"' in listed(therapist_client)
    assert 'data-client="rita_runner"' not in listed(therapist_client, "?archived=1")


def test_it_lets_an_archived_runner_still_log_in_and_see_her_data(personas: Personas) -> None:
    client_for(personas.therapist).post(reverse("accounts:archive", args=[personas.runner.pk]))
    browser = Client()
    assert browser.login(username="rita_runner", password=PASSWORD)
    assert browser.get(reverse("training:dashboard")).status_code == 200


def test_it_lets_only_her_therapist_archive_a_client(personas: Personas) -> None:
    for user in (personas.runner, personas.other_therapist, personas.stranger):
        for name in ("accounts:archive", "accounts:reactivate"):
            response = client_for(user).post(reverse(name, args=[personas.runner.pk]))
            assert response.status_code == 404
    personas.runner.refresh_from_db()
    assert personas.runner.archived_at is None


def test_it_archives_only_on_post(personas: Personas, therapist_client: Client) -> None:
    response = therapist_client.get(reverse("accounts:archive", args=[personas.runner.pk]))
    assert response.status_code == 405
    personas.runner.refresh_from_db()
    assert personas.runner.archived_at is None


def test_it_shows_another_therapists_archived_clients_to_nobody_else(
    personas: Personas, therapist_client: Client
) -> None:
    client_for(personas.other_therapist).post(
        reverse("accounts:archive", args=[personas.stranger.pk])
    )
    assert "sam_stranger" not in listed(therapist_client, "?archived=1")
    assert "sam_stranger" in listed(client_for(personas.other_therapist), "?archived=1")
