"""The plain data a static site is written from, and where each thing lands in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

PICTURES_DIR = "pictures"


class SiteError(ValueError):
    """The site cannot be written; the message says why, for a person."""


@dataclass(frozen=True)
class SitePicture:
    """A picture file of the site: ``name`` under ``pictures/``, and its bytes or a path to
    copy them from (exactly one of the two)."""

    name: str
    data: bytes | None = None
    source_path: Path | None = None


@dataclass(frozen=True)
class SitePost:
    """A published post. ``html`` is its rendered body (``render_post(...).html``);
    ``entry_id`` its feed id (``tag_uri``), the same the web app's feed uses. ``asked_by`` is
    who asked, exactly as a reader may see it ("A runner asks"): the caller decides whether a
    name may be shown, the site prints only what it is given."""

    number: int
    title: str
    html: str
    published: datetime
    entry_id: str
    updated: datetime | None = None
    summary: str = ""
    asked_by: str = ""
    # Where the post lives in the app that wrote it (``/read/<series>/<post>/``): a link to
    # it from another post becomes a link to its page in the site instead of plain words.
    app_url: str = ""


@dataclass(frozen=True)
class SiteSeries:
    """A series and its published posts. ``planned_count`` is the M of "#N of M" (``None``
    when no total was planned); ``feed_id`` the feed's id (``tag_uri``)."""

    slug: str
    title: str
    feed_id: str
    posts: tuple[SitePost, ...]
    planned_count: int | None = None
    description: str = ""


@dataclass(frozen=True)
class Site:
    """What is published: the clinic's name, its series, the pictures their posts show.
    ``base_url`` (ending in ``/``) makes the feeds' links absolute; ``None`` keeps them
    relative to the feed."""

    clinic_name: str
    series: tuple[SiteSeries, ...]
    pictures: tuple[SitePicture, ...] = ()
    base_url: str | None = None


def picture_path(name: str) -> str:
    """The address a post's picture has inside the site, relative to every page."""
    return f"{PICTURES_DIR}/{name}"


def series_page_name(series: SiteSeries) -> str:
    return f"{series.slug}.html"


def feed_name(series: SiteSeries) -> str:
    return f"{series.slug}.atom"


def post_page_name(series: SiteSeries, post: SitePost) -> str:
    return f"{series.slug}-{post.number:02d}.html"


@dataclass(frozen=True)
class WrittenSite:
    """What was written: page, feed and picture counts and every file, relative to the folder."""

    pages: int
    feeds: int
    pictures: int
    files: tuple[str, ...]
