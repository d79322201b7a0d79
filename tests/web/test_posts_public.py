"""The public pages of a series: no login, published posts only, the clinic's name, previous
and next, the Atom feed, and the pictures of published posts (no other picture of hers)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from lxml import etree
from lxml import html as lxml_html

from runcare.web.headers import CONTENT_SECURITY_POLICY
from runcare.web.posts.models import Post, Question, Series, State
from tests.web.conftest import Personas
from tests.web.posts_helpers import HIP_FIGURE, T0, add_picture, make_post, make_series
from tests.web.test_privacy_headers import assert_nothing_inline

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def series(personas: Personas) -> Series:
    series = make_series(personas.therapist, planned=31)
    make_post(series, 1, "The first answer.", State.PUBLISHED)
    make_post(series, 2, f"The second.\n\n{HIP_FIGURE}\n", State.PUBLISHED)
    make_post(series, 3, "Not yet.", State.SCHEDULED)
    make_post(series, 4, "Still a draft.", State.DRAFT)
    make_post(series, 5, "The fifth.", State.PUBLISHED)
    for post in series.posts.filter(state=State.PUBLISHED):
        Post.objects.filter(pk=post.pk).update(published_at=T0 + timedelta(days=post.number))
    return series


def post_url(series: Series, number: int) -> str:
    return reverse("read:post", args=[series.slug, f"post-{number}"])


def test_anyone_reads_a_published_post_with_its_figure_and_credit(series: Series) -> None:
    response = Client().get(post_url(series, 2))
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    assert "#2 of 31" in tree.findtext(".//h1/span")
    assert "by Thea Therapist" in tree.xpath("string(//p[@class='post-byline'])")
    figure = tree.xpath("//div[@class='post-body']/figure[@class='credited']")[0]
    credit = " ".join(figure.xpath("string(.//span[@class='credit'])").split())
    assert credit.startswith("“Muscles at the front of the hip” by runcare contributors")
    assert "MIT License" in credit
    src = figure.xpath(".//img/@src")[0]
    assert Client().get(src).headers["Content-Type"].startswith("image/svg+xml")


def test_previous_and_next_skip_what_is_not_published(series: Series) -> None:
    tree = lxml_html.fromstring(Client().get(post_url(series, 2)).content)
    assert tree.xpath("//a[@rel='prev']/@href") == [post_url(series, 1)]
    assert tree.xpath("//a[@rel='next']/@href") == [post_url(series, 5)]
    first = lxml_html.fromstring(Client().get(post_url(series, 1)).content)
    assert first.xpath("//a[@rel='prev']") == []


def test_the_series_index_lists_published_posts_only(series: Series) -> None:
    page = Client().get(reverse("read:series", args=[series.slug])).content.decode()
    assert "#1 of 31" in page and "#2 of 31" in page and "#5 of 31" in page
    assert "#3 of 31" not in page and "#4 of 31" not in page


@pytest.mark.parametrize("number", [3, 4])
@pytest.mark.parametrize(
    "who", [None, "runner_client", "other_therapist_client", "therapist_client"]
)
def test_drafts_and_scheduled_posts_are_not_public_for_anyone(
    series: Series, number: int, who: str | None, request: pytest.FixtureRequest
) -> None:
    client: Client = request.getfixturevalue(who) if who else Client()
    assert client.get(post_url(series, number)).status_code == 404


def test_a_series_without_published_posts_is_not_public(personas: Personas) -> None:
    series = make_series(personas.therapist, slug="empty-one")
    make_post(series, 1, "Draft.")
    assert Client().get(reverse("read:series", args=[series.slug])).status_code == 404
    assert Client().get(reverse("read:feed", args=[series.slug])).status_code == 404


def test_public_pages_may_be_cached_but_not_for_someone_logged_in(
    series: Series, runner_client: Client
) -> None:
    public = Client().get(post_url(series, 1)).headers["Cache-Control"]
    assert "public" in public and "no-store" not in public
    assert "no-store" in runner_client.get(post_url(series, 1)).headers["Cache-Control"]


def test_a_runners_name_is_published_only_when_she_agreed(
    personas: Personas, series: Series
) -> None:
    question = Question.objects.create(
        therapist=personas.therapist, asker=personas.runner, text="Hips?", asked_at=T0
    )
    Post.objects.filter(number=1).update(question=question)
    page = Client().get(post_url(series, 1)).content.decode()
    assert "A runner asks" in page
    assert personas.runner.name not in page
    Question.objects.filter(pk=question.pk).update(may_publish_name=True)
    page = Client().get(post_url(series, 1)).content.decode()
    assert f"{personas.runner.name} asks" in page


def test_the_feed_is_atom_with_the_published_posts(series: Series) -> None:
    response = Client().get(reverse("read:feed", args=[series.slug]))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/{*}name"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == [f"#{n} of 31: Post number {n}" for n in (5, 2, 1)]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id", "").startswith("tag:")
        assert entry.findtext(f"{ATOM}updated")
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("http://testserver/read/")
    content = entries[1].findtext(f"{ATOM}content")
    assert 'src="http://testserver/body/figures/anterior_hip.svg"' in content
    assert "MIT License" in content


def test_a_published_posts_own_picture_is_public_and_no_other(
    personas: Personas, series: Series, therapist_client: Client
) -> None:
    shown = add_picture(personas.therapist, title="Lunge")
    hidden = add_picture(personas.therapist, title="Private")
    draft = Post.objects.get(number=4)
    draft.pictures.set([hidden])
    post = Post.objects.get(number=1)
    post.body = "Lunge:\n\n[[picture:lunge]]\n"
    post.save()
    post.pictures.set([shown])
    page = Client().get(post_url(series, 1)).content.decode()
    url = reverse("read:picture", args=[series.slug, "post-1", shown.pk])
    assert f'src="{url}"' in page
    assert Client().get(url).headers["Content-Type"] == "image/png"
    for other in (
        reverse("read:picture", args=[series.slug, "post-1", hidden.pk]),
        reverse("read:picture", args=[series.slug, "post-4", hidden.pk]),
        reverse("media:picture_file", args=[shown.pk]),
    ):
        assert Client().get(other).status_code in (302, 404)


def test_the_public_pages_and_the_editor_have_nothing_inline(
    series: Series, therapist_client: Client
) -> None:
    for url in (post_url(series, 2), reverse("read:series", args=[series.slug])):
        response = Client().get(url)
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert_nothing_inline(url, response.content.decode())
    post = series.posts.get(number=2)
    editor = reverse("posts:post_edit", args=[post.pk])
    response = therapist_client.get(editor)
    assert "posts-editor.js" in response.content.decode()
    assert_nothing_inline(editor, response.content.decode())


def test_a_logged_out_reader_sees_the_clinic_name_as_the_header(series: Series) -> None:
    Series.objects.filter(pk=series.pk).update(clinic_name="Hanna Berg, sports massage")
    for url in (reverse("read:series", args=[series.slug]), post_url(series, 1)):
        tree = lxml_html.fromstring(Client().get(url).content)
        brand = tree.xpath("//header//a[@class='brand']")[0]
        assert brand.text_content() == "Hanna Berg, sports massage", url
        assert brand.get("href") == reverse("read:series", args=[series.slug])


def test_without_a_clinic_name_the_header_is_the_therapists_name(series: Series) -> None:
    tree = lxml_html.fromstring(Client().get(post_url(series, 1)).content)
    assert tree.xpath("//header//a[@class='brand']")[0].text_content() == series.therapist.name


def test_a_missing_post_of_a_series_leads_back_to_its_index(series: Series) -> None:
    response = Client().get(reverse("read:post", args=[series.slug, "no-such-post"]))
    assert response.status_code == 404
    page = response.content.decode()
    assert f'href="{reverse("read:series", args=[series.slug])}"' in page
    assert "Runners ask" in page and "start page" not in page
    unpublished = make_series(series.therapist, slug="not-yet")
    make_post(unpublished, 1, "Draft.", State.DRAFT)
    page = Client().get("/read/not-yet/post-1/").content.decode()
    assert "/read/not-yet/" not in page and "Go to the home page" in page
