"""A post's text rendered by the core (``runcare.posts.render_post``) with the therapist's
library, for the editor, for the public pages, and for the checks before publishing."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from runcare.posts import render_post
from runcare.web.accounts.models import User
from runcare.web.media.models import Picture
from runcare.web.posts.library import Addresses, PostLibrary, app_addresses
from runcare.web.posts.models import Post


@dataclass(frozen=True)
class Rendered:
    """The sanitised HTML, the problems in words (empty: it may be published), and the
    library pictures it shows."""

    html: str
    problems: tuple[str, ...]
    picture_ids: tuple[int, ...]
    figure_srcs: tuple[str, ...] = ()


def render_with(body: str, library: PostLibrary) -> Rendered:
    rendered = render_post(body, library)
    srcs = tuple(figure.src for figure in rendered.figures)
    return Rendered(
        html=rendered.html,
        problems=tuple(f"{p.written}: {p.message}" for p in rendered.problems),
        picture_ids=library.picture_ids(set(srcs)),
        figure_srcs=srcs,
    )


def _own_file(picture: Picture) -> str:
    return reverse("media:picture_file", args=[picture.pk])


def editor_addresses(request: HttpRequest | None) -> Addresses:
    absolute = request.build_absolute_uri if request is not None else str
    return app_addresses(_own_file, absolute)


def render_for_editor(request: HttpRequest | None, therapist: User, body: str) -> Rendered:
    """As the therapist sees it: her pictures from her own file addresses."""
    return render_with(body, PostLibrary(therapist.pk, editor_addresses(request)))


def public_addresses(
    request: HttpRequest | None, post: Post, *, absolute_links: bool = False
) -> Addresses:
    def picture(p: Picture) -> str:
        return reverse("read:picture", args=[post.series.slug, post.slug, p.pk])

    absolute = request.build_absolute_uri if request is not None else str
    return app_addresses(picture, absolute, absolute_links=absolute_links)


def render_for_public(
    request: HttpRequest | None, post: Post, *, absolute_links: bool = False
) -> Rendered:
    """As a reader sees it: her pictures from the published post's own picture addresses
    (full addresses with ``absolute_links``, for the feed)."""
    addresses = public_addresses(request, post, absolute_links=absolute_links)
    library = PostLibrary(post.series.therapist_id, addresses)
    return render_with(post.body, library)
