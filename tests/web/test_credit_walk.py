"""Every picture on every page carries its credit.

The demo clinic is seeded; then each persona (nobody, who also opens an invitation and a
password-reset link; the therapist; each demo runner) follows every link from its start
pages, and every URL pattern of the app is opened with every id and key the data offers.
On each HTML page:

* a ``<figure>`` is a chart (``data-chart``: drawn from data, with a caption saying what it
  shows) or a picture with a complete credit line: title, author, licence, and a source
  (linked from the title, or written out);
* an ``<img>`` sits inside such a credited figure;
* an ``<svg>`` sits inside a credited or chart figure, or is hidden from readers as
  decoration (``aria-hidden="true"``);
* no picture was refused for an incomplete credit.

A URL pattern no persona could open fails the test too, unless it is listed in
``NOT_PAGES`` with the reason, so a new page cannot escape the walk.
"""

from __future__ import annotations

import io
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice, product
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from lxml import html as lxml_html
from PIL import Image

from runcare.body import catalogue
from runcare.body.drawings import drawings
from runcare.exercises.library import library as exercise_library
from runcare.web import demo
from runcare.web.accounts.models import Invitation, User

pytestmark = pytest.mark.django_db

make_token = default_token_generator.make_token

# Named URL patterns that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {
    # A calendar file for phone apps at a secret address (only a hash is stored, so no walk
    # can build one); tests/web/test_calendar_feed.py opens it.
    "calendars:feed": "an .ics file at a secret address, not a page",
    "read:picture": (
        "an image file of a published post, not a page; the demo's posts show the project's "
        "drawings, and tests/web/test_posts_public.py fetches a library picture through it"
    ),
}
MAX_PAGES_PER_PERSONA = 400
SENT_TO_LOGIN = 0
MAX_URLS_PER_PATTERN = 60
PICTURE_TAGS = ("img", "svg", "picture", "canvas", "object", "embed", "video")
CREDIT_LINE = re.compile(r"^“(?P<title>.+?)” by (?P<author>.+?), (?P<license>.+)$", re.S)


@dataclass
class Walk:
    pages: dict[str, str] = field(default_factory=dict)  # url -> html, for every persona
    # pattern name -> every status it answered; SENT_TO_LOGIN for a redirect to log in
    statuses: dict[str, set[int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _pattern_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _is_html(response: object) -> bool:
    content_type = getattr(response, "headers", {}).get("Content-Type", "")
    return str(content_type).startswith("text/html")


def _links(page: str, base: str) -> Iterator[str]:
    tree = lxml_html.fromstring(page)
    for href in tree.xpath("//a/@href"):
        url, _ = urldefrag(str(href))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url:
            continue  # another site (sources, licences)
        if not url.startswith("/"):
            url = base.rsplit("/", 1)[0] + "/" + url
        if url.startswith("/static/"):
            continue
        yield url


def _open(client: Client, url: str, walk: Walk, who: str) -> list[str]:
    """Open one URL; returns the same-site links (or redirect) to follow from it."""
    response = client.get(url)
    name = _pattern_name(urlsplit(url).path)
    location = response.headers.get("Location", "")
    to_login = location.startswith(resolve_url(settings.LOGIN_URL))
    status = SENT_TO_LOGIN if to_login else response.status_code
    if name:
        walk.statuses.setdefault(name, set()).add(status)
    if response.status_code in (301, 302, 303):
        return [] if urlsplit(location).netloc else [location]
    if response.status_code != 200 or not _is_html(response):
        return []
    page = response.content.decode()
    walk.pages[f"{who} {url}"] = page
    return list(_links(page, url))


def _follow_links(client: Client, who: str, starts: list[str], walk: Walk) -> None:
    queue = deque(starts)
    seen = set(starts)
    while queue and len(seen) <= MAX_PAGES_PER_PERSONA:
        for link in _open(client, queue.popleft(), walk, who):
            if link not in seen:
                seen.add(link)
                queue.append(link)


def _patterns(
    resolver: URLResolver | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif entry.name:
            yield f"{prefix}{entry.name}", entry


def _model_pks(stem: str) -> list[object]:
    """The ids of the model named like ``stem`` ("plan" -> SessionPlan, "intake" -> Intake)."""
    if stem in {"runner", "client", "user", "therapist"}:
        return list(User.objects.values_list("pk", flat=True))
    for model in apps.get_models():
        if model._meta.model_name.endswith(stem.replace("_", "")):
            return list(model.objects.order_by("pk").values_list("pk", flat=True)[:50])
    return []


def _values_for(argument: str, route: str) -> list[object]:
    """Every value the data offers for a URL argument, found by its name, or for a bare
    ``pk`` by the path segment before it (``plans/<int:pk>/``)."""
    if argument == "key":
        return [*catalogue().muscles, *drawings(), *exercise_library().exercises]
    if argument.endswith("_slug"):  # series_slug -> Series.slug, post_slug -> Post.slug
        stem = argument.removesuffix("_slug")
        found = [m for m in apps.get_models() if m._meta.model_name == stem]
        return list(found[0].objects.order_by("pk").values_list("slug", flat=True)[:20])
    if argument == "index":
        return [0, 1]
    if argument == "pk":
        before = route.split(f"<int:{argument}>", maxsplit=1)[0].rstrip("/").rsplit("/", 1)[-1]
        return _model_pks(before.removesuffix("s"))
    return _model_pks(argument.removesuffix("_id"))


def _instances(name: str, pattern: URLPattern) -> Iterator[str]:
    route = str(pattern.pattern)
    arguments = list(pattern.pattern.converters)
    choices = [_values_for(argument, route) for argument in arguments]
    for values in islice(product(*choices), MAX_URLS_PER_PATTERN):
        try:
            yield reverse(name, kwargs=dict(zip(arguments, values, strict=True)))
        except NoReverseMatch:
            continue


def _add_picture(owner: User, source: str) -> None:
    """A credited picture in the therapist's library, so its pages show an ``<img>``."""
    from runcare.web.media.models import Picture

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#b23a48").save(buffer, format="PNG")
    picture = Picture(
        owner=owner,
        content_type="image/png",
        width_px=40,
        height_px=30,
        alt="A red rectangle standing in for a photo of a hip stretch",
        title="Hip stretch",
        author="Demo Therapist",
        source_url=source,
        license="CC BY 4.0",
        license_url="https://creativecommons.org/licenses/by/4.0/",
    )
    picture.image.save("stretch.png", ContentFile(buffer.getvalue()), save=False)
    picture.full_clean()
    picture.save()


def _add_program(runner: User, therapist: User) -> str:
    """A home program for the runner (the demo has none), so its pages and handout are walked;
    returns the handout's HTML, the markup the PDF is printed from."""
    from runcare.web.exercises.handout import handout_html
    from runcare.web.exercises.models import LibraryExercise
    from runcare.web.exercises.queries import current_version, program_view
    from runcare.web.exercises.services import item_of, save_version, seed_library

    seed_library()
    items = [item_of(row, row.dose) for row in LibraryExercise.objects.order_by("pk")[:3]]
    # One of her own, so its change and delete pages are walked.
    LibraryExercise.objects.create(
        therapist=therapist,
        key="wall-calf",
        name="Wall calf stretch",
        technique="static_stretch",
        steps=["Face a wall.", "Step back."],
        cautions=[],
        limb="leg",
        hold_cue="Lean into the wall",
        side="both",
        sets=1,
        reps=2,
        hold_s=30,
        relax_s=5,
        rest_s=0,
        times_per_day=1,
    )
    save_version(runner, therapist, items, "Three times a week.", timezone.now())
    current = current_version(runner)
    assert current is not None
    return handout_html(runner, program_view(current), timezone.now())


@pytest.fixture
def walk() -> Walk:
    demo.seed_demo(timezone.now())
    therapist = User.objects.get(username=demo.THERAPIST)
    # One found on Commons, and her own photo, whose source is given in words.
    _add_picture(therapist, "https://commons.wikimedia.org/wiki/File:Example.png")
    _add_picture(therapist, "own photo")
    runners = list(therapist.clients.all())
    # Links that arrive by e-mail: an invitation, and a password reset for a runner.
    _, token = Invitation.issue(therapist, "new@example.org", now=timezone.now(), days=7)
    e_mailed = [
        reverse("accounts:accept", args=[token]),
        reverse(
            "accounts:password_reset_confirm",
            args=[urlsafe_base64_encode(force_bytes(runners[0].pk)), make_token(runners[0])],
        ),
    ]
    personas: list[tuple[str, User | None]] = [("nobody", None), ("therapist", therapist)]
    personas += [(runner.username, runner) for runner in runners]
    done = Walk()
    done.pages["therapist handout.pdf (its HTML)"] = _add_program(runners[0], therapist)
    for who, user in personas:
        client = Client()
        if user is not None:
            client.force_login(user)
        starts = ["/", reverse("body:index")] + (e_mailed if user is None else [])
        _follow_links(client, who, starts, done)
        for name, pattern in _patterns():
            for url in _instances(name, pattern):
                if f"{who} {url}" not in done.pages:
                    _open(client, url, done, who)
    return done


def _classes(element: lxml_html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _credit_problem(figure: lxml_html.HtmlElement) -> str | None:
    credits = [e for e in figure.iter() if "credit" in _classes(e)]
    if not credits:
        return "a figure without a credit line"
    line = " ".join(credits[0].text_content().split())
    match = CREDIT_LINE.match(line)
    if not match:
        return f"a credit line without title, author or licence: {line!r}"
    license = re.sub(r", modified.*$", "", match["license"]).strip()
    if not (match["title"].strip() and match["author"].strip() and license):
        return f"an incomplete credit line: {line!r}"
    links = [a for a in credits[0].iter("a") if a.text_content().strip() == match["title"]]
    linked = bool(links) and re.match(r"https?://", links[0].get("href", "")) is not None
    in_words = any(e.text_content().strip() for e in credits[0].find_class("credit-source"))
    if not (linked or in_words):
        return f"a credit line without its source: {line!r}"
    return None


def _chart_problem(figure: lxml_html.HtmlElement) -> str | None:
    caption = figure.find(".//figcaption")
    if caption is None or not caption.text_content().strip():
        return "a chart without a caption saying what it shows"
    for svg in figure.iter("svg"):
        if svg.get("role") != "img" or svg.find("title") is None:
            return "a chart drawing without role=img and a title for screen readers"
    return None


def _figure_problem(figure: lxml_html.HtmlElement) -> str | None:
    if figure.get("data-chart") is not None:
        return _chart_problem(figure)
    return _credit_problem(figure)


def _page_problems(page: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    problems = [p for f in tree.iter("figure") if (p := _figure_problem(f))]
    for element in tree.iter(*PICTURE_TAGS):
        holders = [a for a in element.iterancestors() if a.tag in ("figure", *PICTURE_TAGS)]
        if any(a.tag != "figure" for a in holders):
            continue  # part of a picture already checked as a whole
        if holders:
            continue  # the figure around it was checked above
        if element.tag == "svg" and element.get("aria-hidden") == "true":
            continue  # decoration, hidden from readers
        problems.append(f"an <{element.tag}> outside any credited figure")
    for element in tree.xpath("//*[contains(@style, 'url(')] | //input[@type='image']"):
        problems.append(f"a picture in a <{element.tag}> style or image button, with no credit")
    if tree.find_class("figure-uncredited"):
        problems.append("a picture refused for an incomplete credit")
    return problems


def test_every_page_every_persona_sees_shows_every_picture_with_its_credit(walk: Walk) -> None:
    # One walk for the three checks: seeding the demo clinic and walking it takes a while.
    found = {
        f"{where}: {problem}"
        for where, page in walk.pages.items()
        for problem in _page_problems(page)
    }
    assert sorted(found) == []

    names = {name for name, _ in _patterns()}
    # Opened: a page (200), a POST-only action (405), or a view that only sends people on
    # (302, but not merely to the login page).
    opened = {name for name, seen in walk.statuses.items() if seen & {200, 302, 405}}
    assert sorted(names - opened - set(NOT_PAGES)) == [], "pages the walk could not open"
    assert not set(NOT_PAGES) - names, "an excuse for a URL that no longer exists"

    # Guard against a walk that passes because it saw nothing.
    assert len(walk.pages) > 100
    pages = "".join(walk.pages.values())
    assert pages.count('<figure class="painmap"') >= 2
    assert '<figure class="credited"><img' in pages
    assert '<span class="credit-source">own photo</span>' in pages
    assert "Muscles at the front of the hip" in pages
    assert "data-chart" in pages
    assert 'class="credit"' in walk.pages["therapist handout.pdf (its HTML)"]


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        ("<figure><img src='/x.png' alt=''></figure>", "without a credit line"),
        ("<p><img src='/x.png' alt=''></p>", "<img> outside any credited figure"),
        ("<svg role='img'><title>t</title></svg>", "<svg> outside any credited figure"),
        (
            "<figure><svg></svg><figcaption><span class='credit'>“T” by A, </span>"
            "</figcaption></figure>",
            "without title, author or licence",
        ),
        (
            "<figure><svg></svg><figcaption><span class='credit'>“T”, CC0</span>"
            "</figcaption></figure>",
            "without title, author or licence",
        ),
        (
            "<figure><svg></svg><figcaption><span class='credit'>“T” by A, CC0</span>"
            "</figcaption></figure>",
            "without its source",
        ),
        ("<figure data-chart><svg role='img'></svg></figure>", "without a caption"),
        ("<figure data-chart><svg></svg><figcaption>km</figcaption></figure>", "role=img"),
        ("<canvas></canvas>", "<canvas> outside any credited figure"),
        ("<div style=\"background: url('/x.png')\"></div>", "style or image button"),
        ("<p class='figure-uncredited'>A picture is not shown</p>", "refused"),
    ],
)
def test_the_checker_catches_each_kind_of_uncredited_picture(page: str, problem: str) -> None:
    problems = _page_problems(f"<html><body>{page}</body></html>")
    assert any(problem in p for p in problems), problems


def test_the_checker_accepts_a_credited_figure_a_chart_and_an_icon() -> None:
    page = (
        "<html><body><figure class='credited'><img src='/x.png' alt='a'><figcaption>"
        "<span class='credit'>“<a href='https://c.org/f'>T</a>” by A, "
        "<a href='https://l.org'>CC BY 4.0</a>, modified</span></figcaption></figure>"
        "<figure class='credited'><img src='/y.png' alt='b'><figcaption><span class='credit'>"
        "“Own” by B, <span class='credit-source'>own photo</span>, CC0</span>"
        "</figcaption></figure>"
        "<figure data-chart><svg role='img'><title>t</title></svg>"
        "<figcaption>Weekly km</figcaption></figure>"
        "<svg aria-hidden='true'></svg></body></html>"
    )
    assert _page_problems(page) == []
