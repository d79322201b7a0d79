"""What a post may name and what reaches a reader: Commons files from her library, the
shipped stretches' pages, the drawings as files, a series' address, and no script or
dangerous link from a post on the public page or in the feed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from runcare.web.posts.forms import SERIES_ADDRESS, address_of
from runcare.web.posts.models import Series, State
from tests.web.conftest import Personas
from tests.web.posts_helpers import add_picture, make_post, make_series

pytestmark = pytest.mark.django_db
COMMONS_PAGE = "https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG"


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.mark.parametrize(
    "written",
    [
        "[[commons:File:Anterior Hip Muscles 2.PNG]]",
        "[[commons:File:Anterior_Hip_Muscles_2.PNG]]",
        "[[commons:file:anterior hip muscles 2.png]]",
    ],
)
def test_a_commons_file_from_her_library_is_credited_from_its_record(
    personas: Personas, therapist_client: Client, written: str
) -> None:
    add_picture(
        personas.therapist,
        title="Anterior Hip Muscles 2",
        author="Beth ohara",
        source_url=COMMONS_PAGE,
        license="CC BY-SA 3.0",
    )
    post = make_post(make_series(personas.therapist))
    answer = therapist_client.post(
        reverse("posts:post_preview", args=[post.pk]), {"body": written}
    ).json()
    assert answer["problems"] == []
    credit = lxml_html.fromstring(answer["html"]).xpath("string(//span[@class='credit'])")
    assert "“Anterior Hip Muscles 2” by Beth ohara" in credit
    assert "CC BY-SA 3.0" in credit


def test_a_commons_file_not_in_her_library_is_a_problem(
    personas: Personas, therapist_client: Client
) -> None:
    post = make_post(make_series(personas.therapist))
    answer = therapist_client.post(
        reverse("posts:post_preview", args=[post.pk]), {"body": "[[commons:File:Other.jpg]]"}
    ).json()
    assert "Fill from Commons" in answer["problems"][0]


def test_a_shipped_stretch_has_a_public_page_with_its_credited_figure() -> None:
    response = Client().get(reverse("body:exercise", args=["kneeling-hip-flexor"]))
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    assert tree.findtext(".//h1") == "Kneeling hip-flexor stretch"
    assert tree.xpath("string(//figure[@class='credited']//span[@class='credit'])")
    assert Client().get(reverse("body:exercise", args=["no-such-stretch"])).status_code == 404


def test_the_drawings_are_files_and_the_pain_map_is_not() -> None:
    response = Client().get(reverse("body:figure_file", args=["anterior_hip"]))
    assert response.headers["Content-Type"].startswith("image/svg+xml")
    assert etree.fromstring(response.content).tag == "{http://www.w3.org/2000/svg}svg"
    assert Client().get(reverse("body:figure_file", args=["painmap"])).status_code == 404
    assert Client().get(reverse("body:figure_file", args=["nothing"])).status_code == 404


ATTACKS = (
    "[click](javascript:alert(1))\n\n"
    "<script>alert(2)</script>\n\n"
    '<img src=x onerror="alert(3)">\n\n'
    "[[muscle:psoas_major|<b onmouseover=alert(4)>hover</b>]]\n\n"
    "[data](data:text/html;base64,PHNjcmlwdD4=)\n"
)


def test_nothing_harmful_from_a_post_reaches_a_reader(personas: Personas) -> None:
    series = make_series(personas.therapist)
    post = make_post(series, 1, ATTACKS, State.PUBLISHED)
    page = Client().get(post.get_absolute_url()).content.decode()
    feed = Client().get(reverse("read:feed", args=[series.slug])).content.decode()
    body = lxml_html.fromstring(page).xpath("//div[@class='post-body']")[0]
    content = etree.fromstring(feed.encode()).findtext(".//{*}content") or ""
    for html in (lxml_html.tostring(body, encoding="unicode"), content):
        tree = lxml_html.fragment_fromstring(html, create_parent="div")
        assert tree.xpath("//script") == []
        assert [a for e in tree.iter() for a in e.attrib if a.startswith("on")] == []
        hrefs = tree.xpath("//@href | //@src")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript", "data"))]


@pytest.mark.parametrize(
    ("title", "slug", "expected"),
    [
        ("Runners ask", "", "runners-ask"),
        ("Hip_flexors -- 2026", "", "hip-flexors-2026"),
        ("x", "runners-ask-2", "runners-ask-2"),
    ],
)
def test_a_series_address_fits_the_public_pages_and_the_static_site(
    therapist_client: Client, title: str, slug: str, expected: str
) -> None:
    data = {"title": title, "slug": slug, "planned_posts": "31"}
    response = therapist_client.post(reverse("posts:series_new"), data)
    assert response.status_code == 302
    assert Series.objects.get().slug == expected


@pytest.mark.parametrize("slug", ["Runners", "runners_ask", "runners--ask"])
def test_a_series_address_in_another_form_is_refused(therapist_client: Client, slug: str) -> None:
    data = {"title": "Runners ask", "slug": slug, "planned_posts": "31"}
    response = therapist_client.post(reverse("posts:series_new"), data)
    assert response.status_code == 200
    assert "single dashes" in response.content.decode()
    assert not Series.objects.exists()


def test_a_series_address_is_unique_across_therapists(
    personas: Personas, therapist_client: Client
) -> None:
    make_series(personas.other_therapist, slug="runners-ask")
    data = {"title": "Runners ask", "slug": "", "planned_posts": "31"}
    response = therapist_client.post(reverse("posts:series_new"), data)
    assert "Another series has this address" in response.content.decode()


@given(st.text(max_size=200))
def test_any_title_makes_an_address_the_site_accepts_or_none(title: str) -> None:
    address = address_of(title)
    assert address == "" or SERIES_ADDRESS.fullmatch(address)
    assert len(address) <= 80
