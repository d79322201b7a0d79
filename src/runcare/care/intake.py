"""The intake's fixed choices: when it hurts. Keys are stored with every intake."""

from __future__ import annotations

from collections.abc import Iterable

# Ordered along a run and the day after it, the order the pain-monitoring model asks in.
TIMINGS: dict[str, str] = {
    "during_runs": "During runs",
    "after_runs": "After runs",
    "next_morning": "The next morning",
    "at_rest": "At rest",
    "at_night": "At night",
}


def validate_timing(values: Iterable[str]) -> tuple[str, ...]:
    """The known timing keys in their fixed order; raises ``ValueError`` for an unknown one."""
    chosen = set(values)
    unknown = sorted(chosen - set(TIMINGS))
    if unknown:
        raise ValueError(f"Unknown pain timing: {', '.join(unknown)}.")
    return tuple(key for key in TIMINGS if key in chosen)
