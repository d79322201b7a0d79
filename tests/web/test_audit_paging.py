"""The audit log is read a hundred entries at a time, newest first, with every entry on
exactly one page; one client's log pages the same way."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.web.accounts.models import User
from runcare.web.care.models import AuditAction, AuditEvent
from runcare.web.care.views_audit import PER_PAGE
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def events(runner: User, count: int, *, start_id: int = 1, same_second: bool = False) -> None:
    """``count`` events of ``runner``; ``object_id`` numbers them, higher is newer."""

    def at(n: int) -> datetime:
        return NOW if same_second else NOW - timedelta(minutes=10_000 - n)

    AuditEvent.objects.bulk_create(
        AuditEvent(
            at=at(n),
            actor=runner.therapist,
            actor_name="Tess Therapist",
            runner=runner,
            runner_name=runner.name,
            therapist_id=runner.therapist_id,
            action=AuditAction.VIEW,
            what="session note",
            object_id=n,
        )
        for n in range(start_id, start_id + count)
    )


def numbers_on(response: Any) -> list[int]:
    return [int(n) for n in re.findall(r"session note #(\d+)", response.content.decode())]


def page_of(client: Client, page: object = None, runner: User | None = None) -> Any:
    query = {} if page is None else {"page": page}
    if runner is not None:
        query["client"] = runner.pk
    return client.get(reverse("care:audit_log"), query)


@pytest.mark.parametrize("same_second", [False, True])
def test_it_shows_every_entry_once_newest_first_a_hundred_a_page(
    personas: Personas, same_second: bool
) -> None:
    events(personas.runner, 250, same_second=same_second)
    client = client_for(personas.therapist)
    pages = [numbers_on(page_of(client, n)) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [PER_PAGE, PER_PAGE, 50]
    seen = [n for p in pages for n in p]
    if not same_second:
        assert seen == sorted(seen, reverse=True)
        assert seen[0] == 250
    assert sorted(seen) == list(range(1, 251))


def test_it_links_the_pages_and_says_where_the_reader_is(personas: Personas) -> None:
    events(personas.runner, 250)
    client = client_for(personas.therapist)
    first = page_of(client).content.decode()
    assert "Entries 1 to 100 of 250." in first
    assert f'href="{reverse("care:audit_log")}?page=2" rel="next">Older' in first
    assert 'aria-current="page">1<' in first
    assert "Newer" not in first
    last = page_of(client, 3).content.decode()
    assert "Entries 201 to 250 of 250." in last
    assert f'href="{reverse("care:audit_log")}?page=2" rel="prev"' in last
    assert "Older" not in last


def test_a_short_log_has_no_page_links(personas: Personas) -> None:
    events(personas.runner, 3)
    html = page_of(client_for(personas.therapist)).content.decode()
    assert numbers_on(page_of(client_for(personas.therapist))) == [3, 2, 1]
    assert 'class="pager"' not in html and "Entries" not in html


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("0", 1), ("-1", 1), ("99", 3)])
def test_a_page_number_that_is_not_one_gives_the_nearest_page(
    personas: Personas, asked: str, shown: int
) -> None:
    events(personas.runner, 250)
    response = page_of(client_for(personas.therapist), asked)
    assert response.status_code == 200
    assert response.context["page"].number == shown


def test_one_clients_log_pages_and_keeps_the_client_in_its_links(personas: Personas) -> None:
    second = User.objects.create_user(
        username="ada_runner", role="runner", therapist=personas.therapist, first_name="Ada"
    )
    events(personas.runner, 150)
    events(second, 30, start_id=1000)
    client = client_for(personas.therapist)
    first = page_of(client, runner=personas.runner)
    assert all(n < 1000 for n in numbers_on(first))
    html = first.content.decode()
    assert f"?client={personas.runner.pk}&amp;page=2" in html
    rest = numbers_on(page_of(client, 2, runner=personas.runner))
    assert len(rest) == 50 and all(n < 1000 for n in rest)
    everyone = numbers_on(page_of(client, 2))
    assert len(everyone) == 80


def test_three_personas_on_every_page(personas: Personas) -> None:
    events(personas.runner, 150)
    events(personas.stranger, 5, start_id=5000)
    for page in (1, 2):
        for outsider in (personas.runner, personas.stranger):
            assert page_of(client_for(outsider), page).status_code == 404
        other = client_for(personas.other_therapist)
        # His log has one page, which a page number past it shows: his clients' alone.
        assert numbers_on(page_of(other, page)) == [5004, 5003, 5002, 5001, 5000]
        assert page_of(other, page, runner=personas.runner).status_code == 404
        assert Client().get(reverse("care:audit_log"), {"page": page}).status_code == 302
    mine = numbers_on(page_of(client_for(personas.therapist), 2))
    assert len(mine) == 50 and all(n < 5000 for n in mine)
