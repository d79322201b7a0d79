"""The run plan's plain records: settings, pain entries, done and planned runs, the plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A convention, not evidence: see docs/run-plan.md (Nielsen 2014, Buist 2008).
DEFAULT_WEEKLY_RISE_PCT = 10.0
MAX_WEEKLY_RISE_PCT = 30.0
MAX_WEEKS = 12


class PlanError(ValueError):
    """Settings or pain entries that cannot be planned with; the message names the field."""


class Status(StrEnum):
    PLAN = "plan"
    NOT_ENOUGH_DATA = "not_enough_data"
    SEE_A_DOCTOR = "see_a_doctor"


class PainLevel(StrEnum):
    """What the latest pain entry allows (pain-monitoring model, Silbernagel et al. 2007)."""

    NONE_RECORDED = "none_recorded"
    ALLOW = "allow"
    HOLD = "hold"
    STEP_BACK = "step_back"


@dataclass(frozen=True, slots=True)
class RunSettings:
    """How the runner can run.

    ``weekdays`` are 0 (Monday) to 6 (Sunday); ``weekly_goal_m`` is ``None`` for no goal
    (the weekly total then keeps rising by ``weekly_rise_pct`` per week); ``run_walk`` asks
    for run/walk intervals, for a runner coming back.
    """

    runs_per_week: int = 3
    weekdays: frozenset[int] = frozenset({1, 3, 5})
    weekly_goal_m: float | None = None
    weekly_rise_pct: float = DEFAULT_WEEKLY_RISE_PCT
    run_walk: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.runs_per_week <= 7:
            raise PlanError("runs_per_week must be between 1 and 7")
        if not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays):
            raise PlanError("weekdays must name at least one day, Monday (0) to Sunday (6)")
        if self.weekly_goal_m is not None and not 0 < self.weekly_goal_m <= 500_000:
            raise PlanError("weekly_goal_m must be more than 0 and at most 500 km")
        if not 0 <= self.weekly_rise_pct <= MAX_WEEKLY_RISE_PCT:
            raise PlanError(f"weekly_rise_pct must be between 0 and {MAX_WEEKLY_RISE_PCT:g}")


def parse_weekdays(text: str) -> frozenset[int]:
    """``"mon,wed,sat"`` -> {0, 2, 5}; PlanError naming the unknown day."""
    days = set()
    for part in text.split(","):
        key = part.strip().lower()[:3]
        if key not in WEEKDAY_KEYS:
            raise PlanError(f"days: {part.strip()!r} is not a weekday (use mon,tue,...,sun)")
        days.add(WEEKDAY_KEYS.index(key))
    return frozenset(days)


@dataclass(frozen=True, slots=True)
class PainEntry:
    """Pain on the 0-10 scale around one run day; ``None`` where not (yet) recorded.

    ``next_morning_0_10`` is the morning after ``day``. ``region`` is a body region key,
    empty for "anywhere".
    """

    day: date
    during_0_10: int | None = None
    after_0_10: int | None = None
    next_morning_0_10: int | None = None
    region: str = ""

    def __post_init__(self) -> None:
        for name in ("during_0_10", "after_0_10", "next_morning_0_10"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not 0 <= value <= 10):
                raise PlanError(f"{name} must be a whole number from 0 to 10")

    @property
    def worst_0_10(self) -> int | None:
        values = [
            v for v in (self.during_0_10, self.after_0_10, self.next_morning_0_10) if v is not None
        ]
        return max(values, default=None)


@dataclass(frozen=True, slots=True)
class DoneRun:
    """A run already done: its day, distance, and the baseline it was compared with.

    ``counts_as_m`` is what the run adds to later caps: its distance, or for a spike the
    longest run of the 30 days before it (the baseline it exceeded).
    """

    day: date
    distance_m: float
    counts_as_m: float
    spike_pct: float | None = None


@dataclass(frozen=True, slots=True)
class PlannedRun:
    """One planned run; ``distance_m`` never exceeds ``cap_m``. ``intervals`` is the
    run/walk pattern, empty for a continuous run."""

    day: date
    distance_m: float
    cap_m: float
    why: str
    intervals: str = ""


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """A 7-day block of the plan, starting ``week_start`` (the first is the day after as-of)."""

    week_start: date
    distance_m: float


@dataclass(frozen=True, slots=True)
class Plan:
    as_of: date
    status: Status
    runs: tuple[PlannedRun, ...]
    weeks: tuple[PlanWeek, ...]
    notes: tuple[str, ...]
    pain_level: PainLevel = PainLevel.NONE_RECORDED


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two plans, in words (``text``) and numbers."""

    day: date
    old_m: float | None
    new_m: float | None
    text: str
