"""The four load charts, drawn from a ``LoadReport``; shared by the HTML report and the web app.

Each chart shows at most the last ``CHART_DAYS`` days (or ``CHART_WEEKS`` weeks) so that a
long history stays readable on a phone.
"""

from __future__ import annotations

from datetime import date, timedelta

from runcare.load.acwr import CRITIQUE
from runcare.load.daily import DayRow
from runcare.load.report import LoadReport
from runcare.load.spike import SpikeBand
from runcare.report.numbers import fixed
from runcare.report.svg import Bar, Line, Zone, bar_chart, line_chart

CHART_DAYS = 182
# Ten weeks leave each weekly bar room for its change ('+100%') in type a phone can read.
CHART_WEEKS = 10

# Colour-blind-safe (Okabe-Ito) colours, darkened where text sits on them.
BAND_COLOURS = {
    SpikeBand.NONE: "#4d8f6a",
    SpikeBand.NO_BASELINE: "#9aa4ad",
    SpikeBand.NO_DISTANCE: "#9aa4ad",
    SpikeBand.SMALL: "#e69f00",
    SpikeBand.MODERATE: "#d55e00",
    SpikeBand.LARGE: "#a4001d",
}
BLUE, ORANGE, GREY = "#0072b2", "#d55e00", "#555555"

ACWR_CAVEAT = (
    "ACWR zones come from team sports (Gabbett 2016), not running; in runners a single long "
    "run predicted injury better and ACWR did not (Frandsen et al. 2025). Critics argue it "
    f"behaves like a rescaled recent load ({CRITIQUE})."
)
FITNESS_CAVEAT = (
    "Fitness settles only after about 126 days of history; before that it is underestimated."
)

# What each chart shows, in the words both the HTML report and the web pages put under it.
SPIKES_CAPTION = (
    "Each run of the last 26 weeks; the dark line across a bar is the longest run of the 30 "
    "days before it. Bars are coloured by how much longer the run was: green up to 10 %, "
    "amber over 10 %, orange over 30 %, red over 100 %, grey when there was no earlier run "
    "to compare with (Frandsen et al. 2025)."
)
WEEKLY_CAPTION = (
    "Running distance per ISO week (Monday to Sunday) over the last 10 weeks, with the change "
    "on the week before. A pale bar is a week not over yet. Week-to-week change is weaker "
    "evidence (Nielsen et al. 2014); the '10 % rule' is folklore (Buist et al. 2008)."
)
FITNESS_CAPTION = (
    "Fitness (42-day) and fatigue (7-day) are exponentially weighted averages of daily load; "
    "form is yesterday's fitness minus yesterday's fatigue. " + FITNESS_CAVEAT
)


def _since(report: LoadReport) -> date:
    return report.as_of - timedelta(days=CHART_DAYS - 1)


def _chart_days(report: LoadReport) -> tuple[DayRow, ...]:
    """The last ``CHART_DAYS`` rows: the days end on the as-of date, so a slice is enough,
    and a history decades long costs no more to draw than half a year."""
    return report.days[-CHART_DAYS:]


def weekly_chart(report: LoadReport) -> str:
    weeks = report.weeks[-CHART_WEEKS:]
    bars = [
        Bar(
            label=f"{week.week_start:%d %b}",
            value=week.distance_m / 1000.0,
            color=BLUE if week.complete else "#7fb3d5",
            note="" if week.change_pct is None else f"{fixed(week.change_pct, sign=True)}%",
            title=(
                f"Week of {week.week_start:%d %b %Y}: {week.distance_m / 1000:.1f} km, "
                f"{week.runs} runs"
                + (
                    ""
                    if week.change_pct is None
                    else f", {fixed(week.change_pct, 1, sign=True)} % on the week before"
                )
                + ("" if week.complete else " (week not over yet)")
            ),
        )
        for week in weeks
    ]
    return bar_chart(bars, y_label="Distance per week (km)", title="Weekly running distance")


def spikes_chart(report: LoadReport) -> str:
    since = _since(report)
    runs = [run for run in report.runs if run.day >= since and run.distance_m is not None]
    bars = [
        Bar(
            label=f"{run.day:%d %b}",
            value=(run.distance_m or 0.0) / 1000.0,
            color=BAND_COLOURS[run.band],
            mark=None if run.longest_prev_30d_m is None else run.longest_prev_30d_m / 1000.0,
            title=(
                f"{run.day:%a %d %b %Y}: {(run.distance_m or 0) / 1000:.1f} km"
                + (
                    ""
                    if run.longest_prev_30d_m is None
                    else f"; longest of the 30 days before: {run.longest_prev_30d_m / 1000:.1f} km"
                )
                + ("" if run.spike_pct is None else f" ({fixed(run.spike_pct, sign=True)} %)")
                + f"; band: {run.band.value.replace('_', ' ')}"
            ),
        )
        for run in runs
    ]
    return bar_chart(bars, y_label="Run distance (km)", title="Each run against its 30-day longest")


def acwr_chart(report: LoadReport) -> str:
    days = _chart_days(report)
    values = [v for r in days for v in (r.acwr_uncoupled, r.acwr_coupled, r.acwr_ewma) if v]
    # The danger band ends a little above the highest ratio, so it never squashes the lines.
    top = max([2.0, *values]) * 1.05
    return line_chart(
        [row.day for row in days],
        [
            Line("uncoupled 7:21", [row.acwr_uncoupled for row in days], ORANGE),
            Line("coupled 7:28", [row.acwr_coupled for row in days], BLUE, dashed=True),
            Line("EWMA", [row.acwr_ewma for row in days], GREY),
        ],
        zones=[
            Zone(0.8, 1.3, "#b7e1c1", "0.8-1.3 'sweet spot'"),
            Zone(1.5, top, "#f6c1c9", "1.5+ 'danger zone'"),
        ],
        y_label="Acute:chronic ratio",
        title="Acute:chronic workload ratio (weaker evidence)",
    )


def fitness_chart(report: LoadReport) -> str:
    days = _chart_days(report)
    return line_chart(
        [row.day for row in days],
        [
            Line(f"fitness (42 d, {report.unit}/day)", [row.fitness for row in days], BLUE),
            Line("fatigue (7 d)", [row.fatigue for row in days], ORANGE),
            Line("form", [row.form for row in days], GREY, dashed=True),
        ],
        y_label=f"Load ({report.unit} per day)",
        title="Fitness, fatigue and form",
        y_floor=None,
    )
