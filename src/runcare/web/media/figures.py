"""The one way a page shows a picture: a ``<figure>`` with its credit line under it.

Anything with ``.credit`` (a ``runcare.credits.Credit``), ``.alt`` and either ``.url`` (an
uploaded or static image) or ``.svg`` (the markup of one of the project's own drawings) can
be shown; ``Figure`` is the plain record for pictures that are not model rows. An optional
``.caption`` is printed before the credit. The markup itself comes from the core
(``runcare.credits.figure``), so handouts and reports print the same figure.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from runcare.credits import Credit, CreditError
from runcare.credits.figure import figure_html, missing_words, uncredited_notice
from runcare.credits.svgids import IdSuffixes

log = logging.getLogger(__name__)


class Showable(Protocol):
    """What ``{% figure %}`` needs; ``url``, ``svg`` and ``caption`` are read with ``getattr``."""

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


def _notice(missing: list[str]) -> SafeString:
    log.warning("a picture was not shown: its credit lacks %s", ", ".join(missing))
    if settings.DEBUG:
        raise CreditError(f"a picture's credit lacks: {', '.join(missing)}")
    return mark_safe(uncredited_notice(missing))  # noqa: S308 - escaped by the core


def render_figure(picture: Showable | None, ids: IdSuffixes | None = None) -> SafeString:
    """The figure with its credit, or a visible notice when the credit is incomplete.

    ``ids``: the page's count of drawings shown so far, so a drawing shown again gets ids
    of its own (see ``runcare.credits.svgids``).
    """
    credit = getattr(picture, "credit", None)
    missing = missing_words(credit)
    if picture is None or credit is None or missing:
        return _notice(missing)
    svg = getattr(picture, "svg", None)
    html = figure_html(
        credit,
        str(getattr(picture, "alt", "") or ""),
        url=getattr(picture, "url", None),
        svg=svg,
        caption=str(getattr(picture, "caption", "") or ""),
        id_suffix=ids.next_for(svg) if ids is not None and svg else "",
    )
    return mark_safe(html)  # noqa: S308 - every value escaped by the core; svg is our own
