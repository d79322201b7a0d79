"""A load report as the template context of ``training/_load_report.html``.

The runner's dashboard and the therapist's client page show the same verdict and charts,
in the same words as the command line's HTML report (``runcare.report``): the charts and
their captions come from ``runcare.report.charts``, the labels and headline from
``runcare.report.summary``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from runcare.load import Level, LoadReport
from runcare.report import charts
from runcare.report.html import LEVEL_CLASS
from runcare.report.summary import headline, recent_spikes, verdict_label

# Most worrying first: the order a therapist reads her list in.
LEVEL_RANK = {
    Level.TOO_MUCH_TOO_SOON: 0,
    Level.CAUTION: 1,
    Level.NOT_ENOUGH_DATA: 2,
    Level.OK: 3,
}


@dataclass(frozen=True)
class Figure:
    key: str
    heading: str
    svg: SafeString
    caption: str


CHARTS = (
    ("spikes", "Each run against its 30-day longest", charts.spikes_chart),
    ("weekly", "Weekly distance", charts.weekly_chart),
    ("acwr", "Acute:chronic workload ratio", charts.acwr_chart),
    ("fitness", "Fitness, fatigue and form", charts.fitness_chart),
)
CAPTIONS = {
    "spikes": charts.SPIKES_CAPTION,
    "weekly": charts.WEEKLY_CAPTION,
    "acwr": charts.ACWR_CAVEAT,
    "fitness": charts.FITNESS_CAPTION,
}


def figures(report: LoadReport) -> list[Figure]:
    """The four charts, in the order of the HTML report: the spike rule first."""
    return [
        # The SVG is built by runcare.report.svg from escaped text and numbers only.
        Figure(key, heading, mark_safe(draw(report)), CAPTIONS[key])  # noqa: S308
        for key, heading, draw in CHARTS
    ]


def level_badge(report: LoadReport) -> dict[str, str]:
    """The verdict as a badge: its short label (the reason's where it says more)."""
    return {"label": verdict_label(report), "css": f"badge-{LEVEL_CLASS[report.verdict.level]}"}


def load_context(report: LoadReport) -> dict[str, Any]:
    level = report.verdict.level
    return {
        "report": report,
        "level": level.value,
        "level_label": verdict_label(report),
        "level_css": LEVEL_CLASS[level],
        "headline": headline(report),
        "reasons": report.verdict.reasons,
        "spikes": [
            {
                "day": run.day,
                "km": (run.distance_m or 0.0) / 1000.0,
                "baseline_km": (run.longest_prev_30d_m or 0.0) / 1000.0,
                "pct": run.spike_pct or 0.0,
            }
            for run in recent_spikes(report)
        ],
        "figures": figures(report),
    }
