"""The static site writer: its pages, links, feeds and pictures, and the folders it refuses."""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from runcare.posts.atom import ATOM_NS
from runcare.posts.site import (
    MARKER,
    SiteError,
    SitePicture,
    write_static_site,
)
from tests.posts_sample import CLINIC, post, sample_site

CREDIT_LINE = re.compile(r"^“(?P<title>.+?)” by (?P<author>.+?), (?P<license>.+)$", re.S)


def page(out: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / name).read_text(encoding="utf-8"))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    write_static_site(folder, sample_site(tmp_path))
    return folder


def test_it_writes_index_series_posts_feeds_pictures_and_css(out: Path) -> None:
    names = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert names == {
        "index.html",
        "site.css",
        MARKER,
        "hips.html",
        "hips-01.html",
        "hips-02.html",
        "hips-15.html",
        "hips.atom",
        "back.html",
        "back-01.html",
        "back.atom",
        "pictures/front-of-hip.svg",
        "pictures/stretch.png",
    }


def test_the_index_names_the_clinic_and_only_series_with_published_posts(out: Path) -> None:
    index = page(out, "index.html")
    assert index.findtext(".//h1") == CLINIC
    assert [a.get("href") for a in index.findall(".//main//a")] == ["hips.html", "back.html"]


def test_the_index_says_how_many_posts_each_series_has_and_what_it_is_about(out: Path) -> None:
    index = page(out, "index.html")
    items = [" ".join(" ".join(li.itertext()).split()) for li in index.iter("li")]
    assert items == [
        "31 questions about hips 3 of 31 posts A runner's question, answered each day.",
        "Back questions 1 post",
    ]


def test_a_series_page_lists_its_posts_in_order_as_n_of_m(out: Path) -> None:
    items = page(out, "hips.html").findall(".//ol[@class='posts']/li")
    assert [li.find("span").text for li in items] == ["#1 of 31", "#2 of 31", "#15 of 31"]
    assert [li.find("a").get("href") for li in items] == [
        "hips-01.html",
        "hips-02.html",
        "hips-15.html",
    ]
    assert page(out, "back-01.html").find_class("post-meta")[0].text.startswith("#1 · ")


@pytest.mark.parametrize(
    ("name", "previous", "following"),
    [
        ("hips-01.html", None, "hips-02.html"),
        ("hips-02.html", "hips-01.html", "hips-15.html"),
        ("hips-15.html", "hips-02.html", None),
        ("back-01.html", None, None),
    ],
)
def test_each_post_links_its_previous_and_next(
    out: Path, name: str, previous: str | None, following: str | None
) -> None:
    root = page(out, name)
    prev_links = [a.get("href") for a in root.findall(".//a[@rel='prev']")]
    next_links = [a.get("href") for a in root.findall(".//a[@rel='next']")]
    assert prev_links == ([previous] if previous else [])
    assert next_links == ([following] if following else [])


def test_the_answer_shows_its_figure_with_the_credit_line_and_licence(out: Path) -> None:
    root = page(out, "hips-15.html")
    assert root.findtext(".//p[@class='post-meta']") == "#15 of 31 · 16 November 2026"
    assert root.findtext(".//p[@class='post-asker']") == "A runner asks"
    assert page(out, "hips-01.html").find_class("post-asker") == []  # no question, no line
    (figure,) = root.findall(".//figure")
    assert figure.find("img").get("src") == "pictures/front-of-hip.svg"
    (credit,) = figure.find_class("credit")
    line = CREDIT_LINE.match(credit.text_content())
    assert line and line["title"] == "Muscles at the front of the hip"
    assert line["license"].endswith("MIT License")


def test_links_to_app_pages_become_words_and_the_others_stay(out: Path) -> None:
    article = page(out, "hips-15.html").find(".//article")
    hrefs = [a.get("href") for a in article.findall(".//a")]
    assert "hips-01.html" in hrefs and "https://example.org/hips" in hrefs
    assert not [h for h in hrefs if h.startswith("/")]
    text = article.text_content()
    assert "The Psoas major runs" in text and "Try the Kneeling hip flexor stretch" in text


def test_a_link_to_another_posts_app_address_leads_to_its_page(tmp_path: Path) -> None:
    site = sample_site(tmp_path)
    hips = site.series[0]
    target = hips.posts[-1]
    source = post(
        "hips",
        99,
        "Links",
        "See [that answer](/read/hips/that/#why), not [this one](/read/hips/gone/).",
    )
    posts = (*hips.posts[:-1], replace(target, app_url="/read/hips/that/"), source)
    folder = tmp_path / "linked"
    write_static_site(folder, replace(site, series=(replace(hips, posts=posts), *site.series[1:])))
    article = page(folder, "hips-99.html").find(".//article")
    hrefs = [a.get("href") for a in article.findall(".//a")]
    assert f"hips-{target.number:02d}.html#why" in hrefs
    assert not [h for h in hrefs if h.startswith("/")]
    assert "not this one" in article.text_content()


def test_no_page_holds_script_inline_style_or_an_absolute_local_link(out: Path) -> None:
    for path in out.glob("*.html"):
        root = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        assert root.findall(".//script") == [] and root.findall(".//style") == [], path
        assert root.xpath("//@style") == [] and root.xpath("//@*[starts-with(name(), 'on')]") == []
        for url in root.xpath("//@href | //@src"):
            assert not url.startswith(("/", "file:")), (path, url)
        csp = root.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
        assert "default-src 'none'" in csp and "script-src" not in csp


def test_each_series_has_its_feed_with_relative_links(out: Path) -> None:
    feed = etree.parse(str(out / "hips.atom")).getroot()
    ns = {"a": ATOM_NS}
    links = [e.get("href") for e in feed.findall("a:entry/a:link", ns)]
    assert links == ["hips-15.html", "hips-02.html", "hips-01.html"]
    assert feed.find("a:link[@rel='self']", ns).get("href") == "hips.atom"
    assert feed.findtext("a:author/a:name", namespaces=ns) == CLINIC
    content = feed.findtext("a:entry/a:content", namespaces=ns) or ""
    assert "front-of-hip.svg" in content


def test_a_base_address_makes_the_feed_links_absolute(tmp_path: Path) -> None:
    site = replace(sample_site(tmp_path), base_url="https://clinic.example/posts/")
    write_static_site(tmp_path / "site", site)
    feed = etree.parse(str(tmp_path / "site" / "back.atom")).getroot()
    hrefs = [e.get("href") for e in feed.iter(f"{{{ATOM_NS}}}link")]
    assert hrefs == [
        "https://clinic.example/posts/back.atom",
        "https://clinic.example/posts/back.html",
        "https://clinic.example/posts/back-01.html",
    ]


def test_writing_the_same_site_twice_gives_the_same_files(tmp_path: Path, out: Path) -> None:
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write_static_site(out, sample_site(tmp_path))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_earlier_export_is_replaced_and_only_its_own_files_go(tmp_path: Path, out: Path) -> None:
    (out / "notes.txt").write_text("mine")
    site = sample_site(tmp_path)
    fewer = replace(site, series=site.series[1:], pictures=())
    written = write_static_site(out, fewer)
    assert not (out / "hips.html").exists() and not (out / "pictures").exists()
    assert (out / "back-01.html").is_file() and (out / "notes.txt").read_text() == "mine"
    assert json.loads((out / MARKER).read_text())["files"] == sorted(written.files)


def test_a_marker_cannot_make_it_delete_outside_the_folder(tmp_path: Path, out: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep")
    (out / MARKER).write_text(json.dumps({"files": ["../precious.txt", "index.html"]}))
    write_static_site(out, sample_site(tmp_path))
    assert outside.read_text() == "keep"


def test_it_refuses_a_folder_that_holds_something_else(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"work")
    with pytest.raises(SiteError, match="not empty and is not an earlier export"):
        write_static_site(folder, sample_site(tmp_path))
    assert [p.name for p in folder.iterdir()] == ["thesis.docx"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(SiteError, match="is a file"):
        write_static_site(tmp_path / "file", sample_site(tmp_path))


def test_an_empty_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert write_static_site(tmp_path / "empty", sample_site(tmp_path)).pages == 7


def test_a_post_showing_a_picture_the_site_lacks_is_refused_before_writing(
    tmp_path: Path,
) -> None:
    site = sample_site(tmp_path)
    bare = replace(site, pictures=site.pictures[:1])
    with pytest.raises(SiteError, match=r"pictures/stretch\.png"):
        write_static_site(tmp_path / "new", bare)
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda s: replace(s, series=(replace(s.series[0], slug="../up"),)), "series name"),
        (lambda s: replace(s, series=(replace(s.series[0], slug="index"),)), "one file"),
        (
            lambda s: replace(
                s, series=(replace(s.series[0], posts=s.series[0].posts + s.series[0].posts[:1]),)
            ),
            "distinct",
        ),
        (lambda s: replace(s, pictures=(SitePicture("../../x.png", data=b"x"),)), "picture name"),
        (lambda s: replace(s, pictures=(SitePicture("a.exe", data=b"x"),)), "picture name"),
        (lambda s: replace(s, pictures=(SitePicture("a.png"),)), "bytes or a file"),
        (lambda s: replace(s, pictures=s.pictures + s.pictures[:1]), "share one name"),
        (
            lambda s: replace(
                s, pictures=(s.pictures[0], SitePicture("stretch.png", source_path=Path("/nope")))
            ),
            "could not be copied",
        ),
    ],
)
def test_what_cannot_be_written_is_refused_with_a_reason(
    tmp_path: Path, change: object, words: str
) -> None:
    site = change(sample_site(tmp_path))  # type: ignore[operator]
    with pytest.raises(SiteError, match=words):
        write_static_site(tmp_path / "out", site)


def test_a_post_number_of_at_least_one(tmp_path: Path) -> None:
    site = sample_site(tmp_path)
    zero = post("hips", 0, "Zero", "x")
    bad = replace(site, series=(replace(site.series[0], posts=(zero,)),))
    with pytest.raises(SiteError, match="from 1"):
        write_static_site(tmp_path / "out", bad)


printable = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=60,
).filter(lambda words: words.strip() == words and words)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(clinic=printable, series_title=printable, post_title=printable)
def test_any_names_are_shown_exactly_as_typed(
    clinic: str, series_title: str, post_title: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        site = sample_site(base)
        hips = site.series[0]
        first = replace(hips.posts[1], title=post_title)
        site = replace(
            site,
            clinic_name=clinic,
            series=(replace(hips, title=series_title, posts=(first,)),),
            pictures=(),
        )
        write_static_site(base / "out", site)
        post_page = page(base / "out", "hips-01.html")
        assert post_page.findtext(".//h1") == post_title
        assert post_page.findtext(".//a[@class='clinic']") == clinic
        assert post_page.find(".//link[@type='application/atom+xml']").get("title") == series_title
        feed = etree.parse(str(base / "out" / "hips.atom")).getroot()
        assert feed.findtext(f"{{{ATOM_NS}}}title") == series_title


def test_a_clinic_with_nothing_published_gets_an_index_that_says_so(tmp_path: Path) -> None:
    site = replace(sample_site(tmp_path), series=(), pictures=())
    written = write_static_site(tmp_path / "out", site)
    assert (written.pages, written.feeds) == (1, 0)
    assert "Nothing is published yet." in page(tmp_path / "out", "index.html").text_content()
