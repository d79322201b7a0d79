"""Error pages that look like the rest of the app, and a therapist on a runner's page."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from runcare.web.errors import server_error
from tests.web.conftest import Personas

RUNNER_PAGES = ["training:dashboard", "training:upload", "clinic:intake", "care:my_sessions"]


def test_it_shows_a_styled_404_with_the_navigation(runner_client: Client) -> None:
    response = runner_client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "This page is not here" in page
    assert 'href="/training/"' in page  # the runner's own navigation
    assert "runcare/site.css" in page


def test_it_shows_the_404_to_someone_not_logged_in(client: Client, db: None) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "This page is not here" in response.content.decode()


def test_a_stranger_gets_the_styled_404_for_another_runner(
    personas: Personas, stranger_client: Client
) -> None:
    url = reverse("clinic:client_detail", args=[personas.runner.pk])
    response = stranger_client.get(url)
    assert response.status_code == 404
    assert "This page is not here" in response.content.decode()
    assert personas.runner.name not in response.content.decode()


def test_it_renders_the_500_page_without_a_request_context(rf: RequestFactory) -> None:
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert 'href="/"' in page
    assert "runcare/site.css" in page


def test_it_still_answers_when_the_500_template_itself_fails(
    rf: RequestFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(name: str) -> None:
        raise RuntimeError("template storage is gone")

    monkeypatch.setattr("runcare.web.errors.loader.get_template", broken)
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_a_view_that_fails_gets_the_500_page(
    runner_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("runcare.web.training.views_dashboard.latest_intake", explode)
    runner_client.raise_request_exception = False
    response = runner_client.get(reverse("training:dashboard"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_a_refused_form_gets_a_styled_page(personas: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.therapist)
    response = client.post(reverse("accounts:invite"), {"email": "a@example.org"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Please try again" in page
    assert "nothing was saved" in page


@pytest.mark.parametrize("name", RUNNER_PAGES)
def test_a_therapist_on_a_runner_page_is_sent_to_her_clients(
    therapist_client: Client, name: str
) -> None:
    response = therapist_client.get(reverse(name), follow=True)
    assert response.redirect_chain[0] == (reverse("home"), 302)
    assert response.request["PATH_INFO"] == reverse("clinic:client_list")
    assert "a runner&#x27;s own page" in response.content.decode()


@pytest.mark.parametrize("name", RUNNER_PAGES)
def test_a_runner_page_still_asks_a_visitor_to_log_in(client: Client, name: str, db: None) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", RUNNER_PAGES)
def test_a_runner_page_still_opens_for_the_runner(runner_client: Client, name: str) -> None:
    assert runner_client.get(reverse(name)).status_code == 200


def test_a_logged_in_reader_is_offered_the_start_page(runner_client: Client) -> None:
    page = runner_client.get("/read/nothing-here/").content.decode()
    assert "Go to your start page" in page


def test_a_logged_out_reader_is_offered_the_home_page_not_a_start_page(
    client: Client, db: None
) -> None:
    for url in ("/no/such/page/", "/read/no-such-series/", "/read/no-such-series/post-1/"):
        response = client.get(url)
        assert response.status_code == 404
        page = response.content.decode()
        assert "start page" not in page, url
        assert "Go to the home page" in page and 'href="/"' in page, url
