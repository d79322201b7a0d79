"""``runcare publish DIR``: the published posts as a static site, with exactly the pictures
they show (copied), the runner unnamed unless she agreed, and drafts left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from runcare.cli.main import main
from runcare.web.posts.demo import HIPS_QUESTION, seed_posts
from runcare.web.posts.models import Post, State
from tests.web.conftest import Personas
from tests.web.posts_helpers import add_picture, make_post, make_series

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def demo(personas: Personas) -> Personas:
    seed_posts(personas.therapist, personas.runner, personas.stranger, timezone.now())
    return personas


def page(path: Path) -> Any:
    return lxml_html.fromstring(path.read_bytes())


def test_it_writes_the_demo_series_with_its_figures_and_feed(
    demo: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert main(["publish", str(out)]) == 0
    assert "Wrote 6 pages, 1 feed(s) and 2 picture(s)" in capsys.readouterr().out
    assert sorted(p.name for p in (out / "pictures").iterdir()) == [
        "anterior_hip.svg",
        "posterior_hip.svg",
    ]
    first = page(out / "runners-ask-01.html")
    assert HIPS_QUESTION in first.text_content()
    assert "A runner asks" in first.text_content()
    assert demo.runner.name not in first.text_content()
    figure = first.xpath("//figure[@class='credited']")[0]
    assert figure.xpath(".//img/@src") == ["pictures/anterior_hip.svg"]
    credit = " ".join(figure.xpath("string(.//span[@class='credit'])").split())
    assert credit.startswith("“Muscles at the front of the hip” by runcare contributors")
    assert "MIT License" in credit
    # Links into the app's library are words in a folder of its own, never dead links.
    assert not [h for h in first.xpath("//a/@href") if h.startswith("/")]
    feed = etree.parse(str(out / "runners-ask.atom")).getroot()
    assert len(feed.findall(f"{ATOM}entry")) == 4


def test_the_link_to_post_2_leads_to_it_in_the_app_and_in_the_site(
    demo: Personas, tmp_path: Path, client: Any
) -> None:
    app_page = lxml_html.fromstring(
        client.get("/read/runners-ask/why-hips-and-lower-back-hurt/").content
    )
    hrefs = app_page.xpath("//article//a[normalize-space(.)='Post #2']/@href")
    assert hrefs == ["/read/runners-ask/the-longest-run-rule/"]
    second = client.get(hrefs[0])
    assert second.status_code == 200
    assert "the longest-run rule" in second.content.decode()
    out = tmp_path / "site"
    assert main(["publish", str(out)]) == 0
    first = page(out / "runners-ask-01.html")
    site_hrefs = first.xpath("//a[normalize-space(.)='Post #2']/@href")
    assert site_hrefs == ["runners-ask-02.html"]
    assert (out / site_hrefs[0]).is_file()


def test_only_the_pictures_posts_show_are_copied(demo: Personas, tmp_path: Path) -> None:
    shown = add_picture(demo.therapist, title="Lunge")
    add_picture(demo.therapist, title="A client's knee")
    series = make_series(demo.therapist, slug="more")
    make_post(series, 1, "Lunge:\n\n[[picture:lunge]]\n", State.PUBLISHED)
    make_post(series, 2, "[[picture:a-clients-knee]]", State.DRAFT)
    out = tmp_path / "site"
    assert main(["publish", str(out)]) == 0
    names = sorted(p.name for p in (out / "pictures").iterdir())
    assert names == ["anterior_hip.svg", f"picture-{shown.pk}.png", "posterior_hip.svg"]
    assert (out / "pictures" / f"picture-{shown.pk}.png").read_bytes().startswith(b"\x89PNG")
    assert not (out / "more-02.html").exists()


def test_it_refuses_a_folder_holding_something_else(
    demo: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "taxes.pdf").write_bytes(b"%PDF")
    assert main(["publish", str(out)]) == 2
    assert "not an earlier export" in capsys.readouterr().err
    assert (out / "taxes.pdf").exists()


def test_it_asks_whose_posts_when_two_therapists_published(
    demo: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_post(make_series(demo.other_therapist, slug="olga"), 1, "Hi.", State.PUBLISHED)
    assert main(["publish", str(tmp_path / "a")]) == 2
    assert "choose one with --therapist" in capsys.readouterr().err
    assert main(["publish", str(tmp_path / "b"), "--therapist", "olga_therapist"]) == 0
    assert (tmp_path / "b" / "olga-01.html").exists()
    assert not (tmp_path / "b" / "runners-ask.html").exists()


def test_it_says_when_nothing_is_published(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_post(make_series(personas.therapist), 1, "Draft.")
    assert main(["publish", str(tmp_path / "site")]) == 2
    assert "no post is published yet" in capsys.readouterr().err
    assert Post.objects.get().state == State.DRAFT


def test_it_refuses_a_base_url_that_is_not_one(
    demo: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["publish", str(tmp_path / "site"), "--base-url", "javascript:alert(1)"]) == 2
    assert "--base-url" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_the_feeds_links_are_absolute_under_the_base_url(demo: Personas, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert main(["publish", str(out), "--base-url", "https://clinic.example/posts"]) == 0
    feed = etree.parse(str(out / "runners-ask.atom")).getroot()
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert sorted(links) == [
        f"https://clinic.example/posts/runners-ask-0{n}.html" for n in range(1, 5)
    ]
    # The pages themselves keep relative links, so the folder still works from the disk.
    assert 'href="runners-ask.html"' in (out / "runners-ask-01.html").read_text()
