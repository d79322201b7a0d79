"""Numbers and dates as a runner reads them, in English, independent of the machine's locale."""

from __future__ import annotations

from datetime import date

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_text(day: date) -> str:
    """'Sunday 19 May'."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def number_text(value: float) -> str:
    """One decimal at most, none when it is .0: 18.0 -> '18', 12.46 -> '12.5'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def km_text(distance_m: float) -> str:
    """'18 km', '12.5 km'."""
    return f"{number_text(distance_m / 1000.0)} km"


def pct_text(pct: float) -> str:
    """Whole percent unless that would hide the decimal: 50.0 -> '50 %', 10.4 -> '10.4 %'."""
    whole = f"{pct:.0f}"
    return f"{whole} %" if abs(pct - round(pct)) < 0.05 else f"{pct:.1f} %"


def amount_text(value: float, unit: str) -> str:
    """A load in its unit: '42 km', '310 min', '420 TRIMP'."""
    return f"{number_text(value)} {unit}"


def days_ago_text(days: int) -> str:
    """How long ago, as said aloud: 0 -> 'today', 1 -> 'yesterday', 18 -> 'only 18 days ago'."""
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"only {days} days ago"
