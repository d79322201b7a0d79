"""Sources written as text become links a reader can follow."""

from __future__ import annotations

import re

from django import template
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# "doi:10.1136/bjsports-2024-109380": a DOI as papers cite it, without its https://doi.org/.
# It ends before trailing punctuation, so "doi:10.1/x." links "10.1/x".
DOI = re.compile(r"\bdoi:\s?(10\.\d{4,9}/[^\s,;<>\"]*[^\s,;<>\".)])", re.IGNORECASE)


@register.filter(name="source_links", needs_autoescape=True)
def source_links(text: object, autoescape: bool = True) -> SafeString:
    """``text`` escaped, with its web addresses and DOIs as links that open the source."""
    html = urlize(str(text), nofollow=True, autoescape=autoescape)
    linked = DOI.sub(lambda m: f'<a href="https://doi.org/{m.group(1)}">doi:{m.group(1)}</a>', html)
    return mark_safe(linked)  # noqa: S308 - urlize escaped the text; a DOI match has no markup
