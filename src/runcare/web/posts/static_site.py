"""A therapist's published posts as the plain data of the core's static site writer
(``runcare.posts.site``): each post rendered with a library whose pictures are files of the
site (``pictures/NAME``), and exactly the pictures the posts show, none other of hers."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from django.urls import reverse

from runcare.body.drawings import Drawing, drawings
from runcare.posts.site import Site, SitePicture, SitePost, SiteSeries
from runcare.posts.sitemodel import picture_path
from runcare.web.accounts.models import User
from runcare.web.media.models import Picture
from runcare.web.posts.feeds import entry_id, series_id
from runcare.web.posts.library import Addresses, PostLibrary
from runcare.web.posts.models import Post, Series, State
from runcare.web.posts.rendering import render_with


def _picture_name(picture: Picture) -> str:
    return f"picture-{picture.pk}{PurePosixPath(picture.image.name).suffix.lower()}"


def _drawing_name(drawing: Drawing) -> str:
    return f"{drawing.key}.svg"


# The drawings' credit names their place in the source (there is no app page to link to);
# links to the app's pages are dropped by the writer, their words kept.
SITE_ADDRESSES = Addresses(
    picture=lambda picture: picture_path(_picture_name(picture)),
    drawing=lambda drawing: picture_path(_drawing_name(drawing)),
    drawing_page=lambda drawing: None,
    page=lambda name, args: reverse(name, args=args),
)


def _files(library: PostLibrary) -> dict[str, SitePicture]:
    """Every picture a post could show, by its address in the site."""
    files = {
        picture_path(_drawing_name(d)): SitePicture(_drawing_name(d), data=d.svg.encode())
        for d in drawings().values()
        if d.svg
    }
    for picture in library.pictures:
        name = _picture_name(picture)
        files[picture_path(name)] = SitePicture(name, source_path=Path(picture.image.path))
    return files


def _post(series: Series, post: Post, library: PostLibrary, shown: set[str]) -> SitePost:
    rendered = render_with(post.body, library)
    shown.update(rendered.figure_srcs)
    assert post.published_at is not None
    return SitePost(
        number=post.number,
        title=post.title,
        html=rendered.html,
        published=post.published_at,
        entry_id=entry_id(series, post),
        updated=max(post.published_at, post.updated_at),
        asked_by=post.question.public_asker if post.question else "",
        app_url=post.get_absolute_url(),
    )


def build_site(therapist: User, base_url: str | None = None) -> Site:
    """Every published post of ``therapist``'s series, as the writer's ``Site``."""
    library = PostLibrary(therapist.pk, SITE_ADDRESSES)
    shown: set[str] = set()
    all_series = list(Series.objects.filter(therapist=therapist).order_by("created_at", "pk"))
    site_series = []
    for series in all_series:
        posts = series.posts.filter(state=State.PUBLISHED).select_related("question__asker")
        site_series.append(
            SiteSeries(
                slug=series.slug,
                title=series.title,
                feed_id=series_id(series),
                posts=tuple(_post(series, post, library, shown) for post in posts),
                planned_count=series.planned_posts,
                description=series.description,
            )
        )
    files = _files(library)
    clinic = next((s.clinic_name.strip() for s in all_series if s.clinic_name.strip()), "")
    return Site(
        clinic_name=clinic or therapist.name,
        series=tuple(site_series),
        pictures=tuple(files[src] for src in sorted(shown) if src in files),
        base_url=base_url,
    )
