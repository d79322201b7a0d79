"""``{% painmap scores %}``: the read-only pain map for any page that shows an intake."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.template import Context
from django.utils.safestring import SafeString, mark_safe

from runcare.body.painmap import render_painmap
from runcare.body.regions import REGIONS
from runcare.web.body.figures import painmap_credit

register = template.Library()


@register.simple_tag(takes_context=True)
def painmap(
    context: Context, scores: Mapping[str, object] | None, id_prefix: str = "painmap"
) -> SafeString:
    """Draw a stored ``pain_0_10`` map read-only, with the drawing's credit; regions a later
    release retired are skipped."""
    known = {k: int(str(v)) for k, v in (scores or {}).items() if k in REGIONS}
    credit = painmap_credit(context["request"])
    return mark_safe(render_painmap(known, editable=False, id_prefix=id_prefix, credit=credit))  # noqa: S308 - built from escaped, validated parts
