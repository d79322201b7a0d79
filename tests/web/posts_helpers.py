"""Series, posts and library pictures for the tests of the Q&A series."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from django.core.files.base import ContentFile
from PIL import Image

from runcare.web.accounts.models import User
from runcare.web.media.models import Picture
from runcare.web.posts.models import Post, Question, Series, State

T0 = datetime(2026, 3, 15, 7, 0, tzinfo=UTC)
HIP_FIGURE = "[[picture:anterior_hip|The hip flexors.]]"


def make_series(therapist: User, slug: str = "runners-ask", planned: int = 31) -> Series:
    return Series.objects.create(
        therapist=therapist, title="Runners ask", slug=slug, planned_posts=planned
    )


def make_post(
    series: Series,
    number: int = 1,
    body: str = "Hips and backs.",
    state: str = State.DRAFT,
    *,
    planned_at: datetime | None = None,
    question: Question | None = None,
) -> Post:
    return Post.objects.create(
        series=series,
        number=number,
        title=f"Post number {number}",
        slug=f"post-{number}",
        body=body,
        state=state,
        planned_at=planned_at or (T0 if state != State.DRAFT else None),
        published_at=T0 if state == State.PUBLISHED else None,
        question=question,
    )


def add_picture(owner: User, title: str = "Hip stretch", **credit: str) -> Picture:
    """A picture in her library, saved without the model's checks so that a test can give it
    an incomplete credit (as an old row, or one edited in the database, could have)."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#2a6f97").save(buffer, format="PNG")
    fields = {
        "alt": "A runner stretching the front of the hip",
        "title": title,
        "author": "Thea Therapist",
        "source_url": "own photo",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        **credit,
    }
    picture = Picture(owner=owner, content_type="image/png", width_px=40, height_px=30, **fields)
    picture.image.save("stretch.png", ContentFile(buffer.getvalue()), save=False)
    picture.save()
    return picture
