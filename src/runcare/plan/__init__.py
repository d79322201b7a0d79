"""The run plan: the runs of the next weeks from the history, the settings and pain.

Framework-free: done runs, settings, pain entries and an as-of date in, a frozen ``Plan``
out. See docs/run-plan.md for every rule and its source.
"""

from runcare.plan.build import build_plan, done_from_spikes, done_runs
from runcare.plan.diff import plan_changes
from runcare.plan.jsonio import plan_to_json_dict
from runcare.plan.model import (
    Change,
    DoneRun,
    PainEntry,
    PainLevel,
    Plan,
    PlanError,
    PlannedRun,
    PlanWeek,
    RunSettings,
    Status,
    parse_weekdays,
)

__all__ = [
    "Change",
    "DoneRun",
    "PainEntry",
    "PainLevel",
    "Plan",
    "PlanError",
    "PlanWeek",
    "PlannedRun",
    "RunSettings",
    "Status",
    "build_plan",
    "done_from_spikes",
    "done_runs",
    "parse_weekdays",
    "plan_changes",
    "plan_to_json_dict",
]
