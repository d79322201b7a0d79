"""The static site's pages as HTML strings: one layout, three kinds of page, no script and no
inline style (the Content-Security-Policy in each page forbids both)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from runcare.posts.sitemodel import (
    SitePost,
    SiteSeries,
    feed_name,
    post_page_name,
    series_page_name,
)

# Pictures and styles from the site's own folder only; nothing may run.
CSP = "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'"
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


@dataclass(frozen=True)
class PageContext:
    """What every page needs: the clinic's name, the pages and pictures the site holds."""

    clinic_name: str
    pages: frozenset[str]
    pictures: frozenset[str]


def day_words(moment: datetime) -> str:
    """``2 December 2026``: the same in every locale."""
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def number_words(series: SiteSeries, post: SitePost) -> str:
    """``#15 of 31``, or ``#15`` when the series has no planned total."""
    total = f" of {series.planned_count}" if series.planned_count else ""
    return f"#{post.number}{total}"


def _layout(
    context: PageContext,
    title: str,
    body: str,
    *,
    crumbs: Sequence[tuple[str, str]] = (),
    feed: SiteSeries | None = None,
) -> str:
    links = [f'<a href="{escape(href)}">{escape(words)}</a>' for href, words in crumbs]
    nav = f'<nav aria-label="Where you are">{" / ".join(links)}</nav>' if links else ""
    feed_head = feed_foot = ""
    if feed is not None:
        href, name = escape(feed_name(feed)), escape(feed.title)
        feed_head = (
            f'<link rel="alternate" type="application/atom+xml" href="{href}" title="{name}">'
        )
        feed_foot = (
            f'<p class="feed"><a href="{href}">Follow “{name}” in a feed reader (Atom)</a></p>'
        )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · {escape(context.clinic_name)}</title>\n"
        f'<link rel="stylesheet" href="site.css">\n{feed_head}\n</head>\n<body>\n'
        f'<header><a class="clinic" href="index.html">{escape(context.clinic_name)}</a>'
        f"{nav}</header>\n<main>\n{body}\n</main>\n<footer>{feed_foot}"
        f"<p>{escape(context.clinic_name)}</p></footer>\n</body>\n</html>\n"
    )


def _count_words(series: SiteSeries) -> str:
    """``1 post``, ``4 posts``, ``4 of 31 posts``: what a reader can open now, out of the
    total planned when there is one."""
    count = len(series.posts)
    of = f" of {series.planned_count}" if series.planned_count else ""
    return f"{count}{of} post{'' if count == 1 and not of else 's'}"


def index_page(context: PageContext, series: Sequence[SiteSeries]) -> str:
    items = "".join(
        f'<li><a href="{escape(series_page_name(one))}">{escape(one.title)}</a> '
        f'<span class="number">{_count_words(one)}</span>'
        + (f'<p class="series-meta">{escape(one.description)}</p>' if one.description else "")
        + "</li>"
        for one in series
    )
    body = f"<h1>{escape(context.clinic_name)}</h1>\n"
    body += f'<ul class="posts">{items}</ul>' if items else "<p>Nothing is published yet.</p>"
    return _layout(context, "Posts", body)


def series_page(context: PageContext, series: SiteSeries, posts: Sequence[SitePost]) -> str:
    items = "".join(
        f'<li><span class="number">{escape(number_words(series, post))}</span> '
        f'<a href="{escape(post_page_name(series, post))}">{escape(post.title)}</a> '
        f'<span class="series-meta">{day_words(post.published)}</span></li>'
        for post in posts
    )
    about = f'<p class="series-meta">{escape(series.description)}</p>' if series.description else ""
    body = f'<h1>{escape(series.title)}</h1>\n{about}\n<ol class="posts">{items}</ol>'
    return _layout(context, series.title, body, crumbs=[("index.html", "All series")], feed=series)


def _pager(series: SiteSeries, before: SitePost | None, after: SitePost | None) -> str:
    items = ""
    if before is not None:
        href = escape(post_page_name(series, before))
        items += (
            f'<li class="previous"><a href="{href}" rel="prev">← {escape(before.title)}</a></li>'
        )
    if after is not None:
        href = escape(post_page_name(series, after))
        items += f'<li class="next"><a href="{href}" rel="next">{escape(after.title)} →</a></li>'
    return f'<ul class="pager" aria-label="More in this series">{items}</ul>' if items else ""


def post_page(
    context: PageContext,
    series: SiteSeries,
    post: SitePost,
    body_html: str,
    neighbours: tuple[SitePost | None, SitePost | None],
) -> str:
    """One post; ``body_html`` is already sanitised and made fit for the site."""
    meta = f"{escape(number_words(series, post))} · {day_words(post.published)}"
    asker = f'<p class="post-asker">{escape(post.asked_by)}</p>\n' if post.asked_by else ""
    body = (
        f'<article class="post"><h1>{escape(post.title)}</h1>\n'
        f'<p class="post-meta">{meta}</p>\n{asker}{body_html}\n</article>\n'
        f"{_pager(series, *neighbours)}"
    )
    crumbs = [("index.html", "All series"), (series_page_name(series), series.title)]
    return _layout(context, post.title, body, crumbs=crumbs, feed=series)
