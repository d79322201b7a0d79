"""Sentences the plan repeats: kept in one place so the CLI and the pages say the same."""

from __future__ import annotations

from datetime import timedelta

from runcare.load.spike import CITATION, WINDOW_DAYS
from runcare.plan.model import DoneRun

WEEKLY_SOURCES = (
    "Nielsen et al. 2014, J Orthop Sports Phys Ther 44(10):739-747; "
    "Buist et al. 2008, Am J Sports Med 36(1):33-39"
)


def km(distance_m: float) -> str:
    return f"{distance_m / 1000:.1f}"


def rise_note(rise_pct: float) -> str:
    return (
        f"Weekly totals rise by at most {rise_pct:g} % a week. This is a convention: the "
        f"evidence for weekly caps is weak ({WEEKLY_SOURCES}). The 110 % cap on single runs "
        f"comes from {CITATION}."
    )


def spike_note(run: DoneRun) -> str:
    until = run.day + timedelta(days=WINDOW_DAYS)
    return (
        f"Your {km(run.distance_m)} km run on {run.day:%d %b} was a spike "
        f"(+{run.spike_pct or 0:.0f} % over the longest run of the 30 days before). Until "
        f"{until:%d %b} the caps count it as {km(run.counts_as_m)} km, the run it exceeded, "
        "so it does not license an even longer run."
    )
