"""The public pages: a series, a post with previous and next, the feed, a post's pictures.

No login. Only published posts exist here: a draft or a scheduled post is the same 404 as
a missing one, for everyone (its own author reads it in the editor's preview). The answers
may be cached for a few minutes; a logged-in reader still gets ``no-store`` from the
middleware, because the page header names them.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from runcare.web.media.models import Picture
from runcare.web.posts.feeds import series_feed
from runcare.web.posts.models import Post, Series, State
from runcare.web.posts.rendering import render_for_public

PUBLIC_MAX_AGE_S = 300


def _series(slug: str) -> Series:
    return get_object_or_404(Series.objects.select_related("therapist"), slug=slug)


def _published(series: Series) -> list[Post]:
    return list(
        series.posts.filter(state=State.PUBLISHED)
        .select_related("question__asker")
        .order_by("number", "pk")
    )


@cache_control(public=True, max_age=PUBLIC_MAX_AGE_S)
@require_GET
def public_series(request: HttpRequest, series_slug: str) -> HttpResponse:
    series = _series(series_slug)
    posts = _published(series)
    if not posts:
        raise Http404
    return render(request, "posts/public_series.html", {"series": series, "posts": posts})


@cache_control(public=True, max_age=PUBLIC_MAX_AGE_S)
@require_GET
def public_post(request: HttpRequest, series_slug: str, post_slug: str) -> HttpResponse:
    series = _series(series_slug)
    posts = _published(series)
    index = next((i for i, p in enumerate(posts) if p.slug == post_slug), None)
    if index is None:
        raise Http404
    post = posts[index]
    context = {
        "series": series,
        "post": post,
        "html": render_for_public(request, post).html,
        "previous": posts[index - 1] if index > 0 else None,
        "next": posts[index + 1] if index + 1 < len(posts) else None,
    }
    return render(request, "posts/public_post.html", context)


@cache_control(public=True, max_age=PUBLIC_MAX_AGE_S)
@require_GET
def feed(request: HttpRequest, series_slug: str) -> HttpResponse:
    series = _series(series_slug)
    posts = _published(series)
    if not posts:
        raise Http404
    xml = series_feed(request, series, posts)
    return HttpResponse(xml, content_type="application/atom+xml; charset=utf-8")


@cache_control(public=True, max_age=PUBLIC_MAX_AGE_S)
@require_GET
def public_picture(
    request: HttpRequest, series_slug: str, post_slug: str, picture_id: int
) -> FileResponse:
    """A library picture that a published post shows; any other picture stays private."""
    picture = get_object_or_404(
        Picture,
        pk=picture_id,
        posts__series__slug=series_slug,
        posts__slug=post_slug,
        posts__state=State.PUBLISHED,
    )
    try:
        handle = picture.image.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=picture.content_type)
    response["Content-Disposition"] = "inline"
    return response
