"""The load model: "Am I running too much too soon?" from a runner's own activities.

Framework-free: plain activities and an as-of date in, frozen dataclasses out. The
single-run spike (Frandsen et al. 2025) makes the verdict; weekly change, ACWR, fitness /
fatigue and monotony are context. See docs/load-model.md for every definition.
"""

from runcare.load.daily import DailyMetrics, DayRow
from runcare.load.report import LoadReport, build_report, report_to_json_dict
from runcare.load.series import MEASURES, HeartRateProfile, LoadMeasure
from runcare.load.verdict import Level, Reason, Verdict

__all__ = [
    "MEASURES",
    "DailyMetrics",
    "DayRow",
    "HeartRateProfile",
    "Level",
    "LoadMeasure",
    "LoadReport",
    "Reason",
    "Verdict",
    "build_report",
    "report_to_json_dict",
]
