"""A series' Atom feed from the core builder (``runcare.posts.atom``), and the ids its entries
keep wherever they are published (this app's feed and the static site's)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from runcare.posts.atom import Entry, Feed, atom_feed, tag_uri
from runcare.web.posts.models import Post, Series
from runcare.web.posts.rendering import render_for_public

_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*$")


def authority() -> str:
    """The site's domain for ``tag:`` ids: the first of ``ALLOWED_HOSTS`` (required in
    production), so ids stay the same when the server's address or scheme changes."""
    for host in settings.ALLOWED_HOSTS:
        name = str(host).lstrip(".").lower()
        if _HOST.match(name):
            return name
    return "localhost"


def series_id(series: Series) -> str:
    return tag_uri(authority(), series.created_at.date(), f"series/{series.slug}")


def entry_id(series: Series, post: Post) -> str:
    # The number, not the title or address: those may still be corrected after publishing.
    return tag_uri(authority(), series.created_at.date(), f"series/{series.slug}/{post.number}")


def series_feed(request: HttpRequest, series: Series, posts: Sequence[Post]) -> bytes:
    """The feed of ``posts`` (the published ones), every link absolute."""
    absolute = request.build_absolute_uri
    entries = []
    for post in posts:
        assert post.published_at is not None
        entries.append(
            Entry(
                id=entry_id(series, post),
                title=f"{post.of_planned}: {post.title}",
                link=absolute(post.get_absolute_url()),
                published=post.published_at,
                updated=max(post.published_at, post.updated_at),
                content_html=render_for_public(request, post, absolute_links=True).html,
            )
        )
    feed = Feed(
        id=series_id(series),
        title=series.title,
        author=series.byline,
        self_link=absolute(reverse("read:feed", args=[series.slug])),
        alternate_link=absolute(series.get_absolute_url()),
        entries=tuple(entries),
        subtitle=series.description,
    )
    return atom_feed(feed)
