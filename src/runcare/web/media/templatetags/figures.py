"""``{% load figures %}{% figure picture %}``: every picture on every page, with its credit."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from runcare.web.media.figures import Showable, render_figure

register = template.Library()


@register.simple_tag
def figure(picture: Showable | None) -> SafeString:
    """Show ``picture`` (see ``runcare.web.media.figures``) with its TASL credit line."""
    return render_figure(picture)
