"""Opening hours and session lengths as a person types them: "9:00-12:00, 13:00-17:00" for a
day, "30, 45, 60" for the lengths. One parser for the settings page and the demo."""

from __future__ import annotations

import re
from datetime import time

from runcare.booking.model import BookingError, Hours

# "9", "9:00", "09.30", "9h30": hours and optional minutes, the separators people use.
_CLOCK = re.compile(r"^\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*$")
_RANGE_DASHES = re.compile(r"\s*[-\u2013\u2014]\s*|\s+to\s+")
# Longer than any massage session; a typo of 600 is refused.
MAX_LENGTH_MIN = 240


def _clock(text: str) -> time:
    match = _CLOCK.match(text)
    if match is None:
        raise BookingError(f"{text.strip()!r} is not a time of day (write 9:00 or 13:30)")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise BookingError(f"{text.strip()!r} is not a time of day (write 9:00 or 13:30)")
    return time(hour, minute)


def parse_ranges(text: str, weekday: int) -> list[Hours]:
    """The ranges of one weekday from text such as ``9:00-12:00, 13:00-17:00``; empty text
    means closed that day. Raises ``BookingError`` with a reason a person can act on."""
    ranges: list[Hours] = []
    for part in (p for p in re.split(r"[,;\n]", text) if p.strip()):
        ends = _RANGE_DASHES.split(part.strip())
        if len(ends) != 2:
            raise BookingError(f"{part.strip()!r} is not a range (write 9:00-12:00)")
        ranges.append(Hours(weekday, _clock(ends[0]), _clock(ends[1])))
    return sorted(ranges)


def format_ranges(ranges: list[Hours] | tuple[Hours, ...]) -> str:
    return ", ".join(f"{h.start:%H:%M}-{h.end:%H:%M}" for h in sorted(ranges))


def parse_lengths(text: str) -> list[int]:
    """Session lengths in minutes from ``30, 45, 60``; at least one, each 5 to 240."""
    lengths: set[int] = set()
    for part in (p.strip() for p in re.split(r"[,;\s]+", text) if p.strip()):
        if not part.isdigit() or not 5 <= int(part) <= MAX_LENGTH_MIN:
            raise BookingError(
                f"{part!r} is not a session length (whole minutes, 5 to {MAX_LENGTH_MIN})"
            )
        lengths.add(int(part))
    if not lengths:
        raise BookingError("offer at least one session length, e.g. 60")
    return sorted(lengths)
