"""``{% painmap scores %}``: the read-only pain map for any page that shows an intake."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.safestring import SafeString, mark_safe

from runcare.body.painmap import render_painmap
from runcare.body.regions import REGIONS

register = template.Library()


@register.simple_tag
def painmap(scores: Mapping[str, object] | None, id_prefix: str = "painmap") -> SafeString:
    """Draw a stored ``pain_0_10`` map read-only; regions a later release retired are skipped."""
    known = {k: int(str(v)) for k, v in (scores or {}).items() if k in REGIONS}
    return mark_safe(render_painmap(known, editable=False, id_prefix=id_prefix))  # noqa: S308 - built from escaped, validated parts
