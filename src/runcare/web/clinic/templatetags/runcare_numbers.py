"""Numbers on pages as people write them (the rule lives in runcare.report.numbers)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from runcare.report.numbers import trimmed

register = template.Library()


@register.filter(name="amount")
def amount(value: Decimal | float | None) -> str:
    """3.0 -> "3", 2.5 -> "2.5"; empty for ``None``."""
    return "" if value is None else trimmed(value)


@register.filter(name="years")
def years(value: Decimal | float | None) -> str:
    """3.0 -> "3 years", 1 -> "1 year", 0.5 -> "0.5 years"; empty for ``None``."""
    if value is None:
        return ""
    text = trimmed(value)
    return f"{text} year" if text == "1" else f"{text} years"
