"""State changes of a post. Each takes the clock as ``now``.

Publishing is a conditional UPDATE (``state`` still what was read), so when two machines run
``runcare publish-due`` at once, or the therapist presses "Publish now" while the command
runs, a post is published once and keeps the first ``published_at``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.text import slugify

from runcare.web.media.models import Picture
from runcare.web.posts.models import Post, Series, State
from runcare.web.posts.rendering import Rendered, render_for_editor


def free_slug(title: str, taken: Collection[str]) -> str:
    """The title as a web address, with -2, -3... when ``taken`` already holds it."""
    base = (slugify(title) or "post")[:70].strip("-") or "post"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def unique_post_slug(series: Series, title: str) -> str:
    return free_slug(title, set(series.posts.values_list("slug", flat=True)))


def publish(post: Post, now: datetime) -> bool:
    """Publish a draft or scheduled post now; False if it was already published."""
    changed = (
        Post.objects.filter(pk=post.pk)
        .exclude(state=State.PUBLISHED)
        .update(state=State.PUBLISHED, published_at=now)
    )
    post.refresh_from_db()
    return changed == 1


def schedule(post: Post) -> bool:
    """A draft with a planned time becomes scheduled; False if it is published meanwhile."""
    if post.planned_at is None:
        raise ValueError("a post needs a planned time to be scheduled")
    changed = Post.objects.filter(pk=post.pk, state__in=[State.DRAFT, State.SCHEDULED]).update(
        state=State.SCHEDULED, planned_at=post.planned_at
    )
    post.refresh_from_db()
    return changed == 1


def back_to_draft(post: Post) -> bool:
    """A scheduled post is taken back; a published one stays published."""
    changed = Post.objects.filter(pk=post.pk, state=State.SCHEDULED).update(state=State.DRAFT)
    post.refresh_from_db()
    return changed == 1


@dataclass
class DueResult:
    """What one run of ``publish_due`` did: the posts it published, and those it held back
    with their problems (a picture whose credit was emptied after the post was scheduled)."""

    published: list[Post] = field(default_factory=list)
    held: list[tuple[Post, tuple[str, ...]]] = field(default_factory=list)


def publish_due(now: datetime) -> DueResult:
    """Publish every scheduled post whose time has come, checked again as it goes out."""
    result = DueResult()
    due = (
        Post.objects.filter(state=State.SCHEDULED, planned_at__lte=now)
        .select_related("series__therapist")
        .order_by("planned_at", "pk")
    )
    for post in due:
        problems = render_for_editor(None, post.series.therapist, post.body).problems
        if problems:
            result.held.append((post, problems))
            continue
        # Still scheduled and due when the row is written: another run, or "Publish now",
        # or "back to draft" in between, leaves it alone.
        changed = Post.objects.filter(
            pk=post.pk, state=State.SCHEDULED, planned_at__lte=now
        ).update(state=State.PUBLISHED, published_at=now)
        if changed == 1:
            result.published.append(post)
    return result


def keep_pictures(post: Post, rendered: Rendered) -> None:
    """Remember which of her library pictures the text shows (the public may fetch those)."""
    mine = Picture.objects.filter(pk__in=rendered.picture_ids, owner=post.series.therapist_id)
    post.pictures.set(mine)
