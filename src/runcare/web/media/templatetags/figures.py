"""``{% load figures %}{% figure picture %}``: every picture on every page, with its credit."""

from __future__ import annotations

from typing import cast

from django import template
from django.utils.safestring import SafeString

from runcare.credits.svgids import IdSuffixes
from runcare.web.media.figures import Showable, render_figure

register = template.Library()

_IDS_KEY = "runcare.figure_ids"


def page_ids(context: template.Context) -> IdSuffixes:
    """The drawings shown so far on the page being rendered.

    Kept in the bottom layer of the render context: every template of one page (the page,
    what it extends, what it includes, also ``only`` includes, which copy the context) shares
    that layer, while each page rendered starts a new one.
    """
    shared = cast("dict[str, object]", context.render_context.dicts[0])
    ids = shared.get(_IDS_KEY)
    if not isinstance(ids, IdSuffixes):
        ids = IdSuffixes()
        shared[_IDS_KEY] = ids
    return ids


@register.simple_tag(takes_context=True)
def figure(context: template.Context, picture: Showable | None) -> SafeString:
    """Show ``picture`` (see ``runcare.web.media.figures``) with its TASL credit line."""
    return render_figure(picture, page_ids(context))
