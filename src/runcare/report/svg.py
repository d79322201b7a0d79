"""Tiny SVG chart primitives of our own: no JavaScript, no network, prints as drawn.

Charts are drawn in a fixed 480-unit-wide viewBox that scales to the page width: on a
360 px phone, with the page's margins, about 328 px, a scale of 0.68. Type is sized for
that: 15 units is about 10 px there, and no text is drawn smaller than ``MIN_FONT`` (13
units, about 9 px); a note that would need smaller type is left out (the tooltip and the
table beside the chart still carry it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH = 480
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 14, 46
FONT = 15
MIN_FONT = 13
# Average advance of a sans-serif character, as a share of the font size: words (legend)
# and signed percentages such as '+33%' (bar notes), whose '%' is wide.
CHAR_WIDTH = 0.58
NOTE_CHAR_WIDTH = 0.62


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    values: Sequence[float | None]
    color: str
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Zone:
    """A shaded horizontal band, e.g. an ACWR zone."""

    low: float
    high: float
    color: str
    label: str


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    color: str
    note: str = ""
    title: str = ""
    mark: float | None = None
    """A reference value drawn as a short dark line across the bar (e.g. a baseline)."""


# Tick steps are 1, 2, 2.5 or 5 times a power of ten.
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
# Axis values are kept within this magnitude so that every difference of two stays finite.
MAX_AXIS = 1e300
# A span narrower than this share of the values' magnitude cannot be told apart in floats:
# such a range is widened, so consecutive ticks always differ.
MIN_RELATIVE_SPAN = 1e-9
# The narrowest span of all, far above the smallest float, so a fifth of it is still normal.
TINY_SPAN = 1e-300
# A chart axis spans at least this much of its unit (km, minutes, a ratio): a line of
# 1e-20 km/day is nothing, drawn on a 0-1 axis, not a magnified 0-1e-20 one.
MIN_CHART_SPAN = 1.0


def nice_ticks(low: float, high: float, count: int = 5, min_span: float = 0.0) -> list[float]:
    """Round tick values covering [low, high], at most ``count + 2`` of them.

    The number of ticks is computed, not searched for, so any pair of floats returns at
    once. NaN and infinite ends are replaced (an axis of 0 to 1 when nothing is finite);
    ``high <= low`` or a span below ``min_span`` widens the range upwards.
    """
    min_span = min(min_span, MAX_AXIS) if min_span > 0 else 0.0  # NaN compares False
    low, high = _axis_range(low, high, min_span)
    count = max(count, 1)
    raw = (high - low) / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in NICE_STEPS if m * magnitude >= raw)
    first = math.floor(low / step)
    intervals = min(max(math.ceil(high / step) - first, 1), count + 1)
    return [_clean(float((first + i) * step)) for i in range(intervals + 1)]


def _axis_range(low: float, high: float, min_span: float) -> tuple[float, float]:
    finite = [_clamp(v) for v in (low, high) if math.isfinite(v)]
    if not finite:
        return 0.0, 1.0
    low, high = min(finite), max(finite)
    if high <= low:  # one value: an axis of at least one unit above it
        min_span = max(min_span, 1.0)
    span = max(min_span, MIN_RELATIVE_SPAN * max(abs(low), abs(high)), TINY_SPAN)
    if high - low < span:
        if low + span <= MAX_AXIS:
            high = low + span
        else:
            low = high - span
    return low, high


def _clamp(value: float) -> float:
    return max(min(value, MAX_AXIS), -MAX_AXIS)


def _clean(value: float) -> float:
    """``0.30000000000000004`` -> ``0.3``; twelve significant digits are plenty for an axis."""
    return float(f"{value:.12g}")


class _Frame:
    def __init__(self, y_low: float, y_high: float) -> None:
        self.ticks = nice_ticks(y_low, y_high, min_span=MIN_CHART_SPAN)
        self.y_low, self.y_high = self.ticks[0], self.ticks[-1]
        self.plot_w = WIDTH - LEFT - RIGHT
        self.plot_h = HEIGHT - TOP - BOTTOM

    def y(self, value: float) -> float:
        span = self.y_high - self.y_low or 1.0
        # Clamped like the axis, so a value near the float limit cannot overflow to inf.
        return TOP + self.plot_h * (1 - (_clamp(value) - self.y_low) / span)

    def x(self, index: float, count: int) -> float:
        return LEFT + self.plot_w * (index / max(count - 1, 1))

    def axes(self, y_label: str) -> list[str]:
        parts = []
        for tick in self.ticks:
            y = self.y(tick)
            parts.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                'class="grid"/>'
                f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(tick)}</text>'
            )
        mid = TOP + self.plot_h / 2
        parts.append(
            f'<text x="16" y="{mid:.1f}" transform="rotate(-90 16 {mid:.1f})" '
            f'text-anchor="middle" class="axis-label">{escape(y_label)}</text>'
        )
        return parts


def _fmt(value: float) -> str:
    if abs(value) < 1e5:
        return f"{value:g}"
    return f"{value:.0f}" if abs(value) < 1e9 else f"{value:.3g}"


def _svg(parts: list[str], title: str, description: str) -> str:
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" font-family="sans-serif">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + "".join(parts)
        + "</svg>"
    )


def _date_labels(days: Sequence[date], frame: _Frame, count: int = 5) -> list[str]:
    if not days:
        return []
    step = max(1, math.ceil(len(days) / count))
    parts = []
    for index in range(0, len(days), step):
        x = frame.x(index, len(days))
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 22}" text-anchor="middle">'
            f"{days[index]:%d %b}</text>"
        )
    return parts


def line_chart(
    days: Sequence[date],
    lines: Sequence[Line],
    *,
    y_label: str,
    title: str,
    zones: Sequence[Zone] = (),
    y_floor: float | None = 0.0,
) -> str:
    """Lines over calendar days; ``None`` values leave a gap (undefined, not zero)."""
    values = [v for line in lines for v in line.values if v is not None and math.isfinite(v)]
    values += [edge for zone in zones for edge in (zone.low, zone.high) if math.isfinite(edge)]
    low = min(values, default=0.0)
    if y_floor is not None:
        low = min(low, y_floor)
    frame = _Frame(low, max(values, default=1.0))
    parts = [_zone_rect(frame, zone) for zone in zones]
    parts += frame.axes(y_label)
    parts += _date_labels(days, frame)
    for line in lines:
        parts += _polylines(frame, line, len(days))
    # Drawn after the lines, with a white halo, so that no line runs through their words.
    parts += [_zone_label(frame, zone) for zone in zones]
    parts.append(_legend([(line.label, line.color, line.dashed) for line in lines]))
    return _svg(parts, title, f"{title}; {len(days)} days")


def _zone_rect(frame: _Frame, zone: Zone) -> str:
    top = frame.y(min(zone.high, frame.y_high))
    bottom = frame.y(max(zone.low, frame.y_low))
    if bottom <= top:
        return ""
    return (
        f'<rect x="{LEFT}" y="{top:.1f}" width="{frame.plot_w}" height="{bottom - top:.1f}" '
        f'fill="{zone.color}" opacity="0.35"><title>{escape(zone.label)}</title></rect>'
    )


def _zone_label(frame: _Frame, zone: Zone) -> str:
    top = frame.y(min(zone.high, frame.y_high))
    if frame.y(max(zone.low, frame.y_low)) <= top:
        return ""
    return (
        f'<text x="{LEFT + 4}" y="{top + MIN_FONT:.1f}" font-size="{MIN_FONT}" stroke="#fff" '
        f'stroke-width="4" stroke-linejoin="round" paint-order="stroke" class="zone-label">'
        f"{escape(zone.label)}</text>"
    )


def _polylines(frame: _Frame, line: Line, count: int) -> list[str]:
    runs: list[list[str]] = [[]]
    for index, value in enumerate(line.values):
        if value is None or not math.isfinite(value):
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(f"{frame.x(index, count):.1f},{frame.y(value):.1f}")
    dash = ' stroke-dasharray="5 4"' if line.dashed else ""
    return [
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{line.color}" '
        f'stroke-width="2"{dash}/>'
        for run in runs
        if run
    ]


def _legend(entries: Sequence[tuple[str, str, bool]]) -> str:
    parts = []
    x = 8.0
    y = HEIGHT - 6
    for label, color, dashed in entries:
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        parts.append(
            f'<line x1="{x:.1f}" x2="{x + 18:.1f}" y1="{y - 5}" y2="{y - 5}" stroke="{color}" '
            f'stroke-width="3"{dash}/><text x="{x + 22:.1f}" y="{y}">{escape(label)}</text>'
        )
        x += 34 + CHAR_WIDTH * FONT * len(label)
    return "".join(parts)


def bar_chart(bars: Sequence[Bar], *, y_label: str, title: str) -> str:
    """Vertical bars, each with an optional note above it (e.g. a change in %)."""
    heights = [bar.value for bar in bars if math.isfinite(bar.value)]
    frame = _Frame(0.0, _clamp(max(heights, default=1.0)) * 1.12)
    parts = frame.axes(y_label)
    slot = frame.plot_w / max(len(bars), 1)
    label_every = max(1, math.ceil(len(bars) / 6))  # six dates fit side by side
    for index, bar in enumerate(bars):
        x = LEFT + slot * index + slot * 0.15
        # A value that is not a number is drawn as no bar; its tooltip still says it.
        top = frame.y(bar.value if math.isfinite(bar.value) else frame.y_low)
        height = frame.y(frame.y_low) - top
        tooltip = escape(bar.title or f"{bar.label}: {bar.value:g}")
        parts.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{max(height, 0):.1f}" fill="{bar.color}"><title>{tooltip}</title></rect>'
        )
        center = x + slot * 0.35
        if bar.mark is not None and math.isfinite(bar.mark):
            mark_y = frame.y(bar.mark)
            parts.append(
                f'<line x1="{x - 1:.1f}" x2="{x + slot * 0.7 + 1:.1f}" y1="{mark_y:.1f}" '
                f'y2="{mark_y:.1f}" stroke="#1b1f24" stroke-width="2"/>'
            )
        # A note must fit above its own bar; where that needs unreadable type, leave it out.
        note_font = min(FONT, slot / (NOTE_CHAR_WIDTH * max(len(bar.note), 1)))
        if bar.note and note_font >= MIN_FONT:
            parts.append(
                f'<text x="{center:.1f}" y="{top - 4:.1f}" text-anchor="middle" '
                f'font-size="{note_font:.0f}" class="bar-note">{escape(bar.note)}</text>'
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{center:.1f}" y="{HEIGHT - BOTTOM + 22}" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
    return _svg(parts, title, f"{title}; {len(bars)} bars")
