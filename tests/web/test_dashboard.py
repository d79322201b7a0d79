"""The runner's dashboard: red flags first, then the verdict, the charts and the uploads."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import Personas
from tests.web.helpers import add_intake, add_runs, add_upload, spiky_runs, steady_runs, today

pytestmark = pytest.mark.django_db

URL = reverse("training:dashboard")


def test_it_asks_anonymous_visitors_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_sends_a_therapist_to_her_own_start_page(therapist_client: Client) -> None:
    response = therapist_client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_it_shows_the_runner_only_their_own_data(
    personas: Personas, runner_client: Client, stranger_client: Client
) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    add_upload(personas.runner, timezone.now(), name="rita-watch.fit")
    add_upload(personas.stranger, timezone.now(), name="sam-export.zip")
    mine = runner_client.get(URL).content.decode()
    theirs = stranger_client.get(URL).content.decode()
    assert "rita-watch.fit" in mine
    assert "sam-export.zip" not in mine
    assert "rita-watch.fit" not in theirs
    assert 'data-level="too_much_too_soon"' in mine
    assert 'data-level="too_much_too_soon"' not in theirs


def test_it_shows_the_verdict_with_its_reasons_and_sources(
    personas: Personas, runner_client: Client
) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    response = runner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Too much too soon" in html
    assert "Yes: a recent run was a big step up." in html
    assert "Frandsen" in html
    assert response.context["level"] == "too_much_too_soon"


def test_it_says_ok_for_steady_training(personas: Personas, runner_client: Client) -> None:
    add_runs(personas.runner, steady_runs(today()))
    response = runner_client.get(URL)
    assert response.context["level"] == "ok"
    assert 'data-level="ok"' in response.content.decode()


def test_it_draws_the_four_charts(personas: Personas, runner_client: Client) -> None:
    add_runs(personas.runner, steady_runs(today()))
    html = runner_client.get(URL).content.decode()
    for key in ("spikes", "weekly", "acwr", "fitness"):
        assert f'id="chart-{key}"' in html
    # The four load charts and the progress chart (pain against weekly distance).
    assert html.count('<svg viewBox="0 0') == 5


def test_it_puts_a_red_flag_above_everything_and_gives_no_training_advice(
    personas: Personas, runner_client: Client
) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    add_intake(personas.runner, flags=["night_rest_pain"])
    response = runner_client.get(URL)
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "See a doctor first" in html
    assert html.index("See a doctor first") < html.index("<h1")
    assert "level" not in response.context
    assert "<svg" not in html
    assert "Too much too soon" not in html


def test_it_shows_an_urgent_red_flag(personas: Personas, runner_client: Client) -> None:
    add_intake(personas.runner, flags=["bladder_bowel"])
    html = runner_client.get(URL).content.decode()
    assert "See a doctor today" in html
    assert "alert-urgent" in html


def test_it_shows_a_clear_screen_and_the_training(
    personas: Personas, runner_client: Client
) -> None:
    add_runs(personas.runner, steady_runs(today()))
    add_intake(personas.runner)
    html = runner_client.get(URL).content.decode()
    assert 'data-red-flag="none"' in html
    assert 'role="alert"' not in html
    assert 'data-level="ok"' in html


def test_it_invites_a_new_runner_to_upload_and_answer(runner_client: Client) -> None:
    html = runner_client.get(URL).content.decode()
    assert "No runs yet" in html
    assert 'data-red-flag="unknown"' in html
    assert reverse("training:upload") in html
    assert reverse("clinic:intake") in html


def test_it_says_when_there_is_not_enough_history(
    personas: Personas, runner_client: Client
) -> None:
    add_runs(personas.runner, steady_runs(today(), weeks=2))
    response = runner_client.get(URL)
    assert response.context["level"] == "not_enough_data"
    assert "Not enough history yet to tell." in response.content.decode()


def test_it_links_to_upload_and_to_update_the_intake(
    personas: Personas, runner_client: Client
) -> None:
    add_intake(personas.runner)
    html = runner_client.get(URL).content.decode()
    assert f'href="{reverse("training:upload")}"' in html
    assert "Update what hurts" in html
