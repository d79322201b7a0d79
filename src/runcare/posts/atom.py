"""An Atom feed (RFC 4287) for one series of posts, from plain data.

The caller passes finished posts (their page address and their HTML); the feed never decides
what is published. Content is sanitised again here, so a feed cannot carry what a page could not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote

from lxml import etree

from runcare.posts.sanitize import clean_html

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"

# Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF):
# a title pasted from elsewhere may carry one, and lxml would refuse the whole feed.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# RFC 4151: a domain name (or an e-mail address) that the feed's owner held on the date.
_AUTHORITY = re.compile(r"^(?:[^@\s]+@)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*$")

# RFC 4151's "specific" part: URI pchars, "/" and "?"; anything else is percent-encoded.
_TAG_SPECIFIC_SAFE = "/?:@!$&'()*+,;=-._~"


def tag_uri(authority: str, day: date, specific: str) -> str:
    """A ``tag:`` URI (RFC 4151), an id that stays the same when the site moves:
    ``tag_uri("clinic.example", date(2026, 12, 1), "hips/15")`` ->
    ``tag:clinic.example,2026-12-01:hips/15``. Raises ``ValueError`` for a malformed authority.
    """
    authority = authority.strip().lower()
    if not _AUTHORITY.match(authority):
        raise ValueError(f"a tag URI needs a domain name or an e-mail address, not {authority!r}")
    return f"tag:{authority},{day.isoformat()}:{quote(specific, safe=_TAG_SPECIFIC_SAFE)}"


@dataclass(frozen=True)
class Entry:
    """One post in the feed. ``content_html`` is the post's HTML (sanitised again here);
    ``summary`` is plain text; either may be empty. Times are timezone-aware."""

    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    content_html: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Feed:
    """A series as a feed. ``self_link`` is the feed's own address, ``alternate_link`` the
    series page; both may be relative to the feed. ``updated`` ``None`` means the newest
    entry's ``updated`` (an empty feed must then give one)."""

    id: str
    title: str
    author: str
    self_link: str
    alternate_link: str
    entries: tuple[Entry, ...]
    subtitle: str = ""
    updated: datetime | None = None


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _time(moment: datetime) -> str:
    """RFC 3339 in UTC, to the second."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"feed times must be timezone-aware, not {moment.isoformat()}")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ordered(entries: tuple[Entry, ...]) -> list[Entry]:
    ids = [entry.id for entry in entries]
    if len(set(ids)) != len(ids):
        raise ValueError("two entries of one feed share an id")
    # Newest first, as readers and most validators expect; the id breaks ties stably.
    by_id = sorted(entries, key=lambda entry: entry.id)
    return sorted(by_id, key=lambda entry: entry.published, reverse=True)


def _add(parent: etree._Element, name: str, text: str = "", **attributes: str) -> None:
    child = etree.SubElement(parent, f"{{{ATOM_NS}}}{name}", attrib=attributes)
    if text:
        child.text = _text(text)


def _required(value: str, what: str) -> None:
    if not _text(value).strip():
        raise ValueError(f"an Atom feed needs {what}")


def _entry(root: etree._Element, entry: Entry) -> None:
    _required(entry.id, "an id for every entry")
    element = etree.SubElement(root, f"{{{ATOM_NS}}}entry")
    _add(element, "id", entry.id)
    _add(element, "title", entry.title, type="text")
    _add(element, "link", rel="alternate", type="text/html", href=_text(entry.link))
    _add(element, "published", _time(entry.published))
    _add(element, "updated", _time(entry.updated))
    if entry.summary:
        _add(element, "summary", entry.summary, type="text")
    if entry.content_html:
        _add(element, "content", clean_html(entry.content_html), type="html")


def atom_feed(feed: Feed) -> bytes:
    """The feed document as UTF-8 XML, entries newest first. Raises ``ValueError`` for a naive
    time, a missing id or author, two entries with one id, or an empty feed without ``updated``.
    """
    if feed.updated is None and not feed.entries:
        raise ValueError("an empty feed needs its own 'updated' time")
    _required(feed.id, "an id")
    _required(feed.author, "an author's name")
    updated = feed.updated or max(entry.updated for entry in feed.entries)
    # The default namespace has the key None in lxml; its stubs only know string prefixes.
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})  # type: ignore[dict-item]
    _add(root, "id", feed.id)
    _add(root, "title", feed.title, type="text")
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle, type="text")
    _add(root, "updated", _time(updated))
    author = etree.SubElement(root, f"{{{ATOM_NS}}}author")
    _add(author, "name", feed.author)
    _add(root, "link", rel="self", type=MEDIA_TYPE, href=_text(feed.self_link))
    _add(root, "link", rel="alternate", type="text/html", href=_text(feed.alternate_link))
    for entry in _ordered(feed.entries):
        _entry(root, entry)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
