"""Every page: no caching once logged in, a Content-Security-Policy without inline script or
style, and no Referer to other sites. The walk covers every page of the URL map that takes
no id, or a runner's, an upload's or an intake's id, and every page linked from those, so a
new page is checked too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

import runcare.web
from runcare.body.painmap import INK, RAMP
from runcare.web.headers import CONTENT_SECURITY_POLICY
from tests.web.conftest import Personas, client_for
from tests.web.helpers import add_intake, add_runs, add_upload, steady_runs, today

TAG = re.compile(r"<[a-zA-Z][^>]*>")
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)


def patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(name, route) of every named page, namespaces joined as ``reverse`` wants them."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from patterns(entry, space)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", str(entry.pattern)


def walk(client: Client, ids: dict[str, int]) -> Iterator[tuple[str, Any]]:
    for name, route in patterns(get_resolver()):
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if not all(p in ids for p in params):
            continue
        try:
            url = reverse(name, kwargs={p: ids[p] for p in params})
        except NoReverseMatch:
            continue
        yield url, client.get(url)


@pytest.fixture
def ids(personas: Personas) -> dict[str, int]:
    now = timezone.now()
    add_runs(personas.runner, steady_runs(today(), weeks=2))
    upload = add_upload(personas.runner, now)
    intake = add_intake(personas.runner, now=now)
    return {"runner_id": personas.runner.pk, "upload_id": upload.pk, "intake_id": intake.pk}


HREF = re.compile(r'href="(/[^"#?]*)')
NOT_PAGES = ("/static/", "/accounts/logout/")
MAX_PAGES = 400


def crawl(client: Client, start: list[str]) -> Iterator[tuple[str, Any]]:
    """Every page reachable by links from ``start``: pages added later are checked too."""
    todo, seen = list(start), set(start)
    while todo and len(seen) <= MAX_PAGES:
        url = todo.pop()
        response = client.get(url)
        yield url, response
        if response.status_code != 200 or "html" not in response.headers.get("Content-Type", ""):
            continue
        for link in HREF.findall(response.content.decode()):
            if link not in seen and not link.startswith(NOT_PAGES):
                seen.add(link)
                todo.append(link)


def pages_seen_by(client: Client, ids: dict[str, int]) -> list[tuple[str, Any]]:
    found = dict(walk(client, ids))
    for url, response in crawl(client, ["/", *found]):
        found.setdefault(url, response)
    seen = [(url, r) for url, r in found.items() if r.status_code == 200]
    assert len(seen) >= 4, "the walk should reach the main pages"
    return seen


def assert_nothing_inline(url: str, html: str) -> None:
    assert not INLINE_SCRIPT.search(html), url
    assert "<style" not in html.lower(), url
    for tag in TAG.findall(html):
        assert not INLINE_HANDLER.search(tag), (url, tag)
        assert not STYLE_ATTRIBUTE.search(tag), (url, tag)


@pytest.mark.parametrize("who", ["therapist", "runner"])
def test_it_guards_every_page_a_logged_in_person_sees(
    personas: Personas, ids: dict[str, int], who: str
) -> None:
    client = client_for(getattr(personas, who))
    for url, response in pages_seen_by(client, ids):
        # Not cached: a shared computer's back button must not show it after logout.
        assert "no-store" in response.headers.get("Cache-Control", ""), url
        assert response.headers.get("Content-Security-Policy") == CONTENT_SECURITY_POLICY, url
        assert response.headers.get("Referrer-Policy") == "same-origin", url
        if "html" in response.headers.get("Content-Type", ""):
            assert_nothing_inline(url, response.content.decode())


def test_it_allows_no_inline_script_or_style() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    for name in ("script-src", "style-src", "default-src"):
        assert directives[name] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert directives["frame-ancestors"] == "'none'"


def test_it_has_nothing_inline_in_the_invitation_link_shown(therapist_client: Client) -> None:
    response = therapist_client.post(
        "/accounts/invite/", {"email": "new@example.org", "display_name": "New Runner"}
    )
    html = response.content.decode()
    assert 'class="copy"' in html
    assert_nothing_inline("/accounts/invite/", html)


def test_it_sends_the_policy_to_visitors_not_logged_in_too(db: None) -> None:
    pages = [(url, r) for url, r in crawl(Client(), ["/accounts/login/"]) if r.status_code == 200]
    assert len(pages) >= 2  # the login form and at least the password reset it links to
    for url, response in pages:
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url
        assert response.headers["Referrer-Policy"] == "same-origin", url
        assert_nothing_inline(url, response.content.decode())


def test_it_stops_caching_from_the_login_itself(personas: Personas) -> None:
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": personas.runner.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert "no-store" in response.headers["Cache-Control"]


def test_it_colours_the_pain_legend_from_the_stylesheet_with_the_ramp() -> None:
    css = (Path(runcare.web.__file__).parent / "static/runcare/site.css").read_text()
    for score, colour in enumerate(RAMP):
        rule = f".painmap-score-{score} {{ background: {colour}; color: {INK[score]}; }}"
        assert rule in css
