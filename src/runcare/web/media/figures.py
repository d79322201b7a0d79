"""The one way a page shows a picture: a ``<figure>`` with its credit line under it.

Anything with ``.credit`` (a ``runcare.credits.Credit``), ``.alt`` and either ``.url`` (an
uploaded or static image) or ``.svg`` (the markup of one of the project's own drawings) can
be shown; ``Figure`` is the plain record for pictures that are not model rows. An optional
``.caption`` is printed before the credit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from runcare.credits import Credit, CreditError, credit_html, missing_fields

log = logging.getLogger(__name__)

_FIELD_WORDS = {
    "title": "title",
    "author": "author",
    "source_url": "source",
    "license": "licence",
}


class Showable(Protocol):
    """What ``{% figure %}`` needs; ``url`` or ``svg`` is read with ``getattr``."""

    @property
    def credit(self) -> Credit: ...

    @property
    def alt(self) -> str: ...


@dataclass(frozen=True)
class Figure:
    """A picture to show: ``url`` for an image file, or ``svg`` for trusted inline markup.

    ``svg`` must come from the project's own drawing code (it is inserted unescaped);
    pictures uploaded by people are always shown through ``url``.
    """

    credit: Credit
    alt: str
    url: str | None = None
    svg: str | None = None
    caption: str = ""


def missing_words(credit: Credit | None) -> list[str]:
    """The missing TASL parts in the words a reader knows (``licence``, not ``license``)."""
    if credit is None:
        return list(_FIELD_WORDS.values())
    return [_FIELD_WORDS.get(name, name) for name in missing_fields(credit)]


def _notice(missing: list[str]) -> SafeString:
    log.warning("a picture was not shown: its credit lacks %s", ", ".join(missing))
    if settings.DEBUG:
        raise CreditError(f"a picture's credit lacks: {', '.join(missing)}")
    return format_html(
        '<p class="figure-uncredited" role="note">A picture is not shown here because its '
        "credit is incomplete (missing: {}).</p>",
        ", ".join(missing),
    )


def _art(picture: Showable) -> SafeString:
    svg = getattr(picture, "svg", None)
    if svg:
        # The drawing carries no alt attribute of its own: the wrapper names it for readers.
        return format_html(
            '<span class="figure-art" role="img" aria-label="{}">{}</span>',
            picture.alt,
            mark_safe(svg),  # noqa: S308 - only the project's own drawings come through .svg
        )
    url = getattr(picture, "url", None)
    if not url:
        raise CreditError("a figure needs an image address (url) or a drawing (svg)")
    return format_html('<img src="{}" alt="{}" loading="lazy" decoding="async">', url, picture.alt)


def render_figure(picture: Showable | None) -> SafeString:
    """The figure with its credit, or a visible notice when the credit is incomplete."""
    credit = getattr(picture, "credit", None)
    missing = missing_words(credit)
    if picture is None or credit is None or missing:
        return _notice(missing)
    caption = getattr(picture, "caption", "") or ""
    caption_html = (
        format_html('<span class="figure-caption">{}</span> ', caption) if caption else ""
    )
    return format_html(
        '<figure class="credited">{}<figcaption>{}<span class="credit">{}</span>'
        "</figcaption></figure>",
        _art(picture),
        caption_html,
        mark_safe(credit_html(credit)),  # noqa: S308 - credit_html escapes every value
    )
