"""The progress chart: weekly distance as bars, pain per region as lines, events marked.

Drawn in the same 480-unit viewBox and type sizes as the load charts (``runcare.report.svg``)
so it reads on a 360 px phone; every week carries a tooltip with all its numbers, and the
pages print the same numbers as a table beside it (a chart is not the only way to read it).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from runcare.plan.progress import Progress, ProgressWeek
from runcare.report import svg
from runcare.report.svg import BOTTOM, HEIGHT, LEFT, MIN_FONT, RIGHT, TOP, WIDTH

BAR_COLOUR = "#7fb3d5"
# Okabe-Ito colours for up to six regions; more regions reuse them dashed.
PAIN_COLOURS = ("#d55e00", "#009e73", "#cc79a7", "#e69f00", "#0072b2", "#555555")
MARKS = (
    ("sessions", "S", "session"),
    ("spikes", "!", "spike"),
    ("plan_changes", "P", "plan change"),
)
CAPTION = (
    "Bars: running distance per week (left axis, km). Lines: the worst pain of each week per "
    "region (0-10, right axis). Letters under a week: S a session with your therapist, ! a "
    "run more than 10 % longer than the longest of the 30 days before it, P a change of plan."
)


def progress_chart(progress: Progress, labels: Mapping[str, str] | None = None) -> str:
    """``labels`` names the regions (a region key -> "Left buttock"); "" is "anywhere"."""
    names = dict(labels or {})

    def label(region: str) -> str:
        return names.get(region, region.replace("_", " ")) if region else "anywhere"

    weeks = progress.weeks
    frame = svg._Frame(0.0, max((w.distance_m / 1000 for w in weeks), default=1.0) * 1.1)
    parts = frame.axes("Distance per week (km)")
    parts += _pain_axis(frame)
    slot = frame.plot_w / max(len(weeks), 1)
    for index, week in enumerate(weeks):
        parts += _week(frame, index, slot, week, names)
    for number, region in enumerate(progress.regions):
        parts.append(_pain_line(frame, slot, weeks, (region, label(region)), number))
    legend = [("distance", BAR_COLOUR, False)] + [
        (label(r), PAIN_COLOURS[i % 6], i >= 6) for i, r in enumerate(progress.regions)
    ]
    parts.append(svg._legend(legend[:4]))
    return svg._svg(parts, "Pain and weekly distance", f"{len(weeks)} weeks; {CAPTION}")


def _pain_y(frame: svg._Frame, pain_0_10: float) -> float:
    return TOP + frame.plot_h * (1 - pain_0_10 / 10)


def _pain_axis(frame: svg._Frame) -> list[str]:
    x = WIDTH - RIGHT + 2
    return [
        f'<text x="{x}" y="{_pain_y(frame, value) + 4:.1f}" font-size="{MIN_FONT}" '
        f'class="pain-tick">{value}</text>'
        for value in (0, 5, 10)
    ]


def _week(
    frame: svg._Frame, index: int, slot: float, week: ProgressWeek, names: Mapping[str, str]
) -> list[str]:
    x = LEFT + slot * index + slot * 0.15
    top = frame.y(week.distance_m / 1000)
    height = max(frame.y(frame.y_low) - top, 0)
    parts = [
        f'<rect x="{x:.1f}" y="{top:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}" '
        f'fill="{BAR_COLOUR}"><title>{escape(week_title(week, names))}</title></rect>'
    ]
    marks = "".join(letter for field, letter, _ in MARKS if getattr(week, field))
    if marks:
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="{MIN_FONT}" class="progress-mark">{escape(marks)}</text>'
        )
    if index % 3 == 0:  # twelve weeks: four dates fit a phone
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 32}" text-anchor="middle" '
            f'font-size="{MIN_FONT}">{week.week_start:%d %b}</text>'
        )
    return parts


def week_title(week: ProgressWeek, names: Mapping[str, str] | None = None) -> str:
    """Everything about one week in a sentence: the tooltip, and the table under the chart."""
    known = names or {}
    pain = ", ".join(
        f"{known.get(r, r.replace('_', ' ')) if r else 'anywhere'} {v}/10"
        for r, v in sorted(week.pain_0_10.items())
    )
    events = ", ".join(
        f"{getattr(week, field)} {word}{'s' if getattr(week, field) > 1 else ''}"
        for field, _, word in MARKS
        if getattr(week, field)
    )
    return (
        f"Week of {week.week_start:%d %b %Y}: {week.distance_m / 1000:.1f} km"
        + (f"; pain {pain}" if pain else "; no pain recorded")
        + (f"; {events}" if events else "")
    )


def _pain_line(
    frame: svg._Frame,
    slot: float,
    weeks: tuple[ProgressWeek, ...],
    region: tuple[str, str],
    number: int,
) -> str:
    key, name = region
    points = [
        f"{LEFT + slot * (i + 0.5):.1f},{_pain_y(frame, week.pain_0_10[key]):.1f}"
        for i, week in enumerate(weeks)
        if key in week.pain_0_10
    ]
    colour = PAIN_COLOURS[number % len(PAIN_COLOURS)]
    dash = ' stroke-dasharray="5 4"' if number >= len(PAIN_COLOURS) else ""
    dots = "".join(
        f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{colour}"/>'
        for p in points
    )
    return (
        f'<g class="pain-line"><title>pain, {escape(name)}</title>'
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="2"{dash}/>{dots}</g>'
    )
