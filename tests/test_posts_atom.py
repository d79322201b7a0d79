"""The Atom feed of a series, parsed back and held to RFC 4287's required elements."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from runcare.posts.atom import ATOM_NS, Entry, Feed, atom_feed, tag_uri

NS = {"a": ATOM_NS}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")
DAY = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)


def entry(number: int, **changes: object) -> Entry:
    base = Entry(
        id=tag_uri("clinic.example", date(2026, 11, 1), f"hips/{number}"),
        title=f"Question {number}",
        link=f"hips-{number:02d}.html",
        published=DAY + timedelta(days=number),
        updated=DAY + timedelta(days=number, hours=1),
        content_html=f"<p>Answer {number}</p>",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


FEED = Feed(
    id="tag:clinic.example,2026-11-01:hips",
    title="31 questions about hips",
    author="Hip & Back Clinic",
    self_link="hips.atom",
    alternate_link="hips.html",
    entries=(entry(1), entry(3), entry(2)),
    subtitle="A runner's question a day",
)


def parse(feed: Feed) -> etree._Element:
    return etree.fromstring(atom_feed(feed))


def one(element: etree._Element, path: str) -> etree._Element:
    found = element.findall(path, NS)
    assert len(found) == 1, f"{path}: {len(found)} found"
    return found[0]


def test_the_feed_has_every_element_rfc_4287_requires() -> None:
    root = parse(FEED)
    assert root.tag == f"{{{ATOM_NS}}}feed"
    assert one(root, "a:id").text == FEED.id
    assert one(root, "a:title").text == FEED.title
    assert RFC3339.match(one(root, "a:updated").text or "")
    assert one(root, "a:author/a:name").text == "Hip & Back Clinic"
    links = {link.get("rel"): link for link in root.findall("a:link", NS)}
    assert links["self"].get("href") == "hips.atom"
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == "hips.html"
    assert one(root, "a:subtitle").text == FEED.subtitle


def test_each_entry_has_every_required_element() -> None:
    for element in parse(FEED).findall("a:entry", NS):
        assert one(element, "a:id").text
        assert one(element, "a:title").text
        for name in ("a:updated", "a:published"):
            assert RFC3339.match(one(element, name).text or "")
        assert one(element, "a:link[@rel='alternate']").get("href")
        assert one(element, "a:content").get("type") == "html"


def test_entries_come_newest_first_and_the_feed_is_as_new_as_its_newest() -> None:
    root = parse(FEED)
    titles = [e.findtext("a:title", namespaces=NS) for e in root.findall("a:entry", NS)]
    assert titles == ["Question 3", "Question 2", "Question 1"]
    assert one(root, "a:updated").text == "2026-11-04T08:00:00Z"


def test_times_are_written_in_utc() -> None:
    paris = timezone(timedelta(hours=1))
    moment = datetime(2026, 11, 5, 9, 30, 15, 999, tzinfo=paris)
    root = parse(replace(FEED, entries=(entry(1, published=moment, updated=moment),)))
    assert one(root, "a:entry/a:published").text == "2026-11-05T08:30:15Z"


def test_text_is_escaped_and_reads_back_exactly() -> None:
    title = 'Hips <b>&amp; "back" </b> & more'
    root = parse(replace(FEED, title=title, entries=(entry(1, title=title),)))
    assert one(root, "a:title").text == title
    assert one(root, "a:entry/a:title").text == title


def test_content_is_html_text_and_sanitised_again() -> None:
    hostile = '<p onclick="x()">Hi</p><script>alert(1)</script><a href="javascript:x()">l</a>'
    root = parse(replace(FEED, entries=(entry(1, content_html=hostile),)))
    content = one(root, "a:entry/a:content")
    assert len(content) == 0  # escaped HTML, not child elements
    html = lxml.html.fromstring(f"<div>{content.text}</div>")
    assert html.findall(".//script") == []
    assert html.find(".//p").text == "Hi" and html.find(".//p").get("onclick") is None
    assert html.find(".//a").get("href") is None


def test_a_summary_is_plain_text_and_content_may_be_absent() -> None:
    root = parse(replace(FEED, entries=(entry(1, content_html="", summary="In short: <rest>"),)))
    assert one(root, "a:entry/a:summary").text == "In short: <rest>"
    assert root.findall("a:entry/a:content", NS) == []


def test_characters_xml_cannot_hold_are_dropped_not_fatal() -> None:
    root = parse(replace(FEED, title="Hips\x00\x01\ufffe", entries=(entry(1, title="Q\x0b1"),)))
    assert one(root, "a:title").text == "Hips"
    assert one(root, "a:entry/a:title").text == "Q1"


def test_an_empty_series_needs_its_own_updated_time() -> None:
    with pytest.raises(ValueError, match="updated"):
        atom_feed(replace(FEED, entries=()))
    root = parse(replace(FEED, entries=(), updated=DAY))
    assert one(root, "a:updated").text == "2026-11-01T07:00:00Z"
    assert root.findall("a:entry", NS) == []


@pytest.mark.parametrize(
    ("feed", "words"),
    [
        (replace(FEED, entries=(entry(1, published=datetime(2026, 11, 1)),)), "timezone"),
        (replace(FEED, entries=(entry(1), entry(1))), "share an id"),
        (replace(FEED, author=" "), "author"),
        (replace(FEED, id=""), "an id"),
        (replace(FEED, entries=(entry(1, id=""),)), "every entry"),
    ],
)
def test_what_rfc_4287_forbids_is_refused(feed: Feed, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        atom_feed(feed)


def test_a_tag_uri_is_stable_and_escapes_its_specific_part() -> None:
    assert tag_uri("Clinic.Example", date(2026, 11, 1), "hips/15") == (
        "tag:clinic.example,2026-11-01:hips/15"
    )
    assert tag_uri("me@clinic.example", date(2026, 1, 2), "a b/é") == (
        "tag:me@clinic.example,2026-01-02:a%20b/%C3%A9"
    )
    for bad in ("", "not a domain", "-clinic.example", "http://clinic.example"):
        with pytest.raises(ValueError, match="domain name"):
            tag_uri(bad, date(2026, 1, 1), "x")


@given(st.text(), st.text())
def test_any_title_and_content_make_a_well_formed_feed(title: str, html: str) -> None:
    root = parse(replace(FEED, title=title, entries=(entry(1, title=title, content_html=html),)))
    assert len(root.findall("a:entry", NS)) == 1
