"""A clinic's published posts as a static site any web host (or a folder on a laptop) can serve.

All pages sit in one folder with relative links, so the site works from any address and from
``file://``: ``index.html``, ``SERIES.html`` (the series and its posts), ``SERIES-NN.html``
(one post, with previous and next), ``SERIES.atom`` (the feed), ``site.css`` and
``pictures/NAME``. A post's HTML refers to its pictures as ``pictures/NAME`` (render it with a
library whose ``PictureTarget.src`` is ``picture_path(NAME)``). No script and no inline style.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from importlib.resources import files
from pathlib import Path, PurePosixPath

from runcare.posts.atom import Entry, Feed, atom_feed
from runcare.posts.sanitize import clean_html
from runcare.posts.sitehtml import PageContext, index_page, post_page, series_page
from runcare.posts.sitelinks import local_only
from runcare.posts.sitemodel import (
    PICTURES_DIR,
    Site,
    SiteError,
    SitePicture,
    SitePost,
    SiteSeries,
    WrittenSite,
    feed_name,
    picture_path,
    post_page_name,
    series_page_name,
)

MARKER = ".runcare-site.json"  # names the files an earlier export wrote, so only those go

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PICTURE_NAME = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.(?:png|jpe?g|webp|gif|svg)$"
)


def _check(site: Site) -> None:
    names = ["index.html", "site.css"]
    for series in site.series:
        if not _SLUG.match(series.slug):
            raise SiteError(f"series name {series.slug!r}: use lower-case letters, digits, '-'")
        numbers = [post.number for post in series.posts]
        if len(set(numbers)) != len(numbers) or any(number < 1 for number in numbers):
            raise SiteError(f"series {series.slug!r}: post numbers must be distinct, from 1")
        names += [series_page_name(series), feed_name(series)]
        names += [post_page_name(series, post) for post in series.posts]
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        raise SiteError(f"two things would be written to one file: {', '.join(doubled)}")
    pictures = [picture.name for picture in site.pictures]
    for picture in site.pictures:
        if not _PICTURE_NAME.match(picture.name):
            raise SiteError(f"picture name {picture.name!r} is not a plain image file name")
        if (picture.data is None) == (picture.source_path is None):
            raise SiteError(f"picture {picture.name!r} needs its bytes or a file, not both")
    if len(set(pictures)) != len(pictures):
        raise SiteError("two pictures share one name")


def _earlier_files(out_dir: Path) -> list[str]:
    """The files an earlier export wrote; raises ``SiteError`` for a folder that holds
    something else, which is never overwritten."""
    if out_dir.exists() and not out_dir.is_dir():
        raise SiteError(f"{out_dir} is a file, not a folder")
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return []
    marker = out_dir / MARKER
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise SiteError(
            f"{out_dir} is not empty and is not an earlier export of posts: "
            "choose an empty or new folder"
        ) from None
    return [str(name) for name in listed if isinstance(name, str)]


def _remove_earlier(out_dir: Path, names: list[str]) -> None:
    root = out_dir.resolve()
    for name in names:
        path = (out_dir / name).resolve()
        # A marker edited by hand must not make the export delete outside its folder.
        if path.parent in (root, root / PICTURES_DIR) and path.is_file():
            path.unlink()
    pictures = out_dir / PICTURES_DIR
    if pictures.is_dir() and not any(pictures.iterdir()):
        pictures.rmdir()


def _ordered(series: SiteSeries) -> tuple[SitePost, ...]:
    return tuple(sorted(series.posts, key=lambda post: post.number))


def _feed(site: Site, series: SiteSeries) -> bytes:
    base = site.base_url or ""
    entries = tuple(
        Entry(
            id=post.entry_id,
            title=post.title,
            link=base + post_page_name(series, post),
            published=post.published,
            updated=post.updated or post.published,
            content_html=post.html,
            summary=post.summary,
        )
        for post in series.posts
    )
    feed = Feed(
        id=series.feed_id,
        title=series.title,
        author=site.clinic_name,
        self_link=base + feed_name(series),
        alternate_link=base + series_page_name(series),
        entries=entries,
        subtitle=series.description,
    )
    return atom_feed(feed)


class _Writer:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: list[str] = []

    def write(self, name: str, data: bytes | str) -> None:
        path = self.out_dir / PurePosixPath(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        self.files.append(name)

    def copy(self, name: str, source: Path) -> None:
        path = self.out_dir / PurePosixPath(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(source, path)
        except OSError as error:
            raise SiteError(f"picture {source} could not be copied: {error.strerror}") from None
        self.files.append(name)


def _post_html(
    html: str, pages: frozenset[str], pictures: frozenset[str], mapped: dict[str, str]
) -> str:
    """The body as the site shows it: sanitised again, links to pages the site does not hold
    turned into plain words, and every picture checked to be in the site."""
    body, missing = local_only(clean_html(html), pages, pictures, mapped)
    if missing:
        raise SiteError(f"a post shows pictures the site does not hold: {', '.join(missing)}")
    return body


def _pages(site: Site) -> dict[str, str]:
    pages = {"index.html"}
    for series in site.series:
        pages.add(series_page_name(series))
        pages.update(post_page_name(series, post) for post in series.posts)
    pictures = frozenset(picture_path(picture.name) for picture in site.pictures)
    context = PageContext(site.clinic_name, frozenset(pages), pictures)
    # A post's link to another post by its app address leads to that post's page here.
    mapped = {
        post.app_url: post_page_name(series, post)
        for series in site.series
        for post in series.posts
        if post.app_url
    }
    written = {"index.html": index_page(context, site.series)}
    for series in site.series:
        posts = _ordered(series)
        written[series_page_name(series)] = series_page(context, series, posts)
        for index, post in enumerate(posts):
            body = _post_html(post.html, context.pages, pictures, mapped)
            before = posts[index - 1] if index else None
            after = posts[index + 1] if index + 1 < len(posts) else None
            written[post_page_name(series, post)] = post_page(
                context, series, post, body, (before, after)
            )
    return written


def write_static_site(out_dir: Path, site: Site) -> WrittenSite:
    """Write ``site`` into ``out_dir`` (made when missing). An earlier export there is
    replaced (only the files it wrote are removed); a folder holding anything else is
    refused with ``SiteError``, as is a site whose names clash or whose posts show a picture
    it does not hold. A series with no published post is left out. Nothing depends on the
    clock: the same site gives the same files.
    """
    site = replace(site, series=tuple(series for series in site.series if series.posts))
    _check(site)
    pages = _pages(site)  # everything is built before the folder is touched
    earlier = _earlier_files(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_earlier(out_dir, earlier)
    writer = _Writer(out_dir)
    writer.write("site.css", files("runcare.posts").joinpath("site.css").read_bytes())
    for name, html in pages.items():
        writer.write(name, html)
    for series in site.series:
        writer.write(feed_name(series), _feed(site, series))
    for picture in site.pictures:
        if picture.data is not None:
            writer.write(picture_path(picture.name), picture.data)
        elif picture.source_path is not None:
            writer.copy(picture_path(picture.name), picture.source_path)
    listed = sorted([*writer.files, MARKER])
    writer.write(MARKER, json.dumps({"files": listed}, indent=1) + "\n")
    return WrittenSite(len(pages), len(site.series), len(site.pictures), tuple(writer.files))


__all__ = [
    "MARKER",
    "PICTURES_DIR",
    "Site",
    "SiteError",
    "SitePicture",
    "SitePost",
    "SiteSeries",
    "WrittenSite",
    "picture_path",
    "write_static_site",
]
