"""The pain map: our own front and back body drawing as inline SVG, one patch per region.

Plain strings out, so the web pages, the reports and the command line can all embed it.
Colours come from a sequential yellow-orange-red ramp (ColorBrewer YlOrRd), which stays
ordered by lightness for the common kinds of colour blindness; the score is also written
on every patch above 0, so colour is never the only cue.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape

from runcare.body.regions import (
    FIGURE_HEIGHT,
    FIGURE_WIDTH,
    PAIN_MAX,
    REGIONS,
    Region,
    View,
    centre,
    mirror_path,
    validate_scores,
)
from runcare.credits import Credit, credit_html

# Index = score. 0 is white so an unmarked patch reads as "nothing here".
RAMP: tuple[str, ...] = (
    "#ffffff",
    "#fff3b0",
    "#fee38b",
    "#fed06a",
    "#feb24c",
    "#fd8d3c",
    "#fc6a2f",
    "#f4511e",
    "#e31a1c",
    "#bd0026",
    "#800026",
)
# Text drawn on each colour: dark on the light end, white from 8 up (contrast >= 4.5:1).
INK: tuple[str, ...] = ("#1b1f24",) * 8 + ("#ffffff",) * 3
# A thin outline of the opposite colour keeps a number readable where it overflows its patch.
HALO: tuple[str, ...] = tuple("#ffffff" if ink != "#ffffff" else "#1b1f24" for ink in INK)

GAP = 10
TOP = 30
# The drawing only uses x 27-173 of each figure's 200 and ends at y 432: crop the margins so
# the figures are as large as possible on a phone.
CROP_X = 22
CROP_BOTTOM = 4
VIEWS: tuple[tuple[View, str, int], ...] = (
    ("front", "Front", 0),
    ("back", "Back", FIGURE_WIDTH + GAP),
)

# The outline, drawn once as a thick stroke and once as a fill on top, so only the
# silhouette's outer edge shows.
_LEG = (
    "M 56 222 L 98 222 L 98 236 C 96 270 92 300 92 325 C 92 360 90 390 90 420 "
    "L 92 432 L 72 432 L 74 420 C 72 390 68 360 68 325 C 66 296 56 262 56 222 Z"
)
_ARM = (
    "M 146 72 C 160 78 166 96 164 120 L 168 180 L 172 238 C 173 252 160 254 159 242 "
    "L 153 184 L 147 126 Z"
)
_TORSO = (
    "M 62 66 C 84 60 116 60 138 66 C 150 70 154 82 150 100 C 146 124 134 140 134 160 "
    "C 134 178 144 192 144 212 L 144 232 L 56 232 L 56 212 C 56 192 66 178 66 160 "
    "C 66 140 54 124 50 100 C 46 82 50 70 62 66 Z"
)
_SILHOUETTE = (
    '<ellipse cx="100" cy="32" rx="20" ry="24"/>'
    '<rect x="90" y="48" width="20" height="18"/>'
    f'<path d="{_TORSO}"/>'
    f'<path d="{_ARM}"/><path d="{mirror_path(_ARM)}"/>'
    f'<path d="{_LEG}"/><path d="{mirror_path(_LEG)}"/>'
)


def aria_label(region: Region, score: int) -> str:
    return f"{region.label}, pain {score} of {PAIN_MAX}"


def render_painmap(
    scores: Mapping[str, int],
    *,
    editable: bool,
    id_prefix: str = "painmap",
    input_prefix: str = "id_pain_",
    credit: Credit | None = None,
) -> str:
    """The whole pain map as an HTML ``<figure>`` holding an inline SVG.

    ``scores`` maps region keys to 0-10 (missing = 0; invalid input raises
    ``PainMapError``). ``editable`` makes every patch a keyboard-reachable button tied to
    the form input ``{input_prefix}{key}`` (``painmap.js`` does the rest); read-only adds a
    written list of the marked regions instead. ``credit`` is the drawing's credit line,
    printed at the end of the caption as every picture's is (``runcare.body.drawings``);
    without one the figure has no credit and pages must pass it.
    """
    clean = validate_scores(scores)
    # One drawing per view, side by side where there is room and one above the other on a
    # phone, where side by side the smallest patches (the knees) would be too small to tap.
    svgs = "".join(
        _view_svg(view, title, clean, editable=editable, id_prefix=id_prefix,
                  input_prefix=input_prefix)
        for view, title, _ in VIEWS
    )  # fmt: skip
    svg = f'<div class="painmap-views">{svgs}</div>'
    mode = "true" if editable else "false"
    return (
        f'<figure class="painmap" id="{escape(id_prefix)}" data-painmap="" '
        f'data-editable="{mode}">{svg}{_caption(editable, credit)}{_legend()}'
        + ("" if editable else _summary(clean))
        + "</figure>"
    )


def _view_svg(
    view: View,
    title: str,
    scores: Mapping[str, int],
    *,
    editable: bool,
    id_prefix: str,
    input_prefix: str,
) -> str:
    width = FIGURE_WIDTH - 2 * CROP_X
    height = TOP + FIGURE_HEIGHT - CROP_BOTTOM
    title_id = f"{escape(id_prefix)}-title-{view}"
    return (
        f'<svg class="painmap-svg painmap-svg-{view}" viewBox="{CROP_X} 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="{title_id}" '
        f"data-ramp='{json.dumps(RAMP)}' data-ink='{json.dumps(INK)}' "
        f"data-halo='{json.dumps(HALO)}'>"
        f'<title id="{title_id}">Pain map: {title.lower()} of the body</title>'
        + _view(view, title, 0, scores, editable=editable, input_prefix=input_prefix)
        + "</svg>"
    )


def _view(
    view: View,
    title: str,
    dx: int,
    scores: Mapping[str, int],
    *,
    editable: bool,
    input_prefix: str,
) -> str:
    left, right = ("R", "L") if view == "front" else ("L", "R")
    regions = [r for r in REGIONS.values() if r.view == view]
    return (
        f'<g class="painmap-view painmap-{view}" transform="translate({dx} {TOP})">'
        f'<text class="painmap-title" x="{FIGURE_WIDTH // 2}" y="-10" text-anchor="middle" '
        f'font-size="18" font-weight="700" fill="#1b1f24">{title}</text>'
        f'<g aria-hidden="true" font-size="14" font-weight="700" fill="#4a5560">'
        f'<text x="40" y="40" text-anchor="middle">{left}</text>'
        f'<text x="{FIGURE_WIDTH - 40}" y="40" text-anchor="middle">{right}</text></g>'
        f'<g aria-hidden="true" stroke="#5b6670" stroke-width="4" fill="#5b6670">{_SILHOUETTE}</g>'
        f'<g aria-hidden="true" fill="#e9edf1">{_SILHOUETTE}</g>'
        + (_SPINE if view == "back" else "")
        + "".join(_region(r, scores.get(r.key, 0), editable, input_prefix) for r in regions)
        + "</g>"
    )


_SPINE = (
    '<path aria-hidden="true" d="M 100 70 L 100 190" stroke="#aab4be" stroke-width="2" '
    'stroke-dasharray="4 4" fill="none"/>'
)


def _region(region: Region, score: int, editable: bool, input_prefix: str) -> str:
    label = escape(aria_label(region, score))
    if editable:
        extra = (
            f' tabindex="0" role="button" data-input="{escape(input_prefix + region.key)}"'
            f' aria-label="{label}"'
        )
    else:
        extra = f' role="img" aria-label="{label}"'
    x, y = centre(region)
    number = str(score) if score > 0 else ""
    return (
        f'<g class="painmap-patch">'
        f'<path class="painmap-region" d="{region.shape}" data-region="{region.key}" '
        f'data-score="{score}" fill="{RAMP[score]}" stroke="#3d4650" stroke-width="1.2"'
        f"{extra}><title>{escape(region.label)}</title></path>"
        f'<text class="painmap-score" x="{x:g}" y="{y + 5:g}" text-anchor="middle" '
        f'font-size="14" font-weight="700" fill="{INK[score]}" stroke="{HALO[score]}" '
        f'stroke-width="3" paint-order="stroke" stroke-linejoin="round" aria-hidden="true" '
        f'pointer-events="none">{number}</text></g>'
    )


def _credit_line(credit: Credit | None) -> str:
    return "" if credit is None else f' <span class="credit">{credit_html(credit)}</span>'


def _caption(editable: bool, credit: Credit | None) -> str:
    mirrored = (
        "The front view shows the person facing you, so their left side is on the right of "
        "the picture (marked L). On the back view their left is on the left."
    )
    if not editable:
        return f'<figcaption class="painmap-caption">{mirrored}{_credit_line(credit)}</figcaption>'
    how = (
        "Tap or click a region to raise its score by one (after 10 it goes back to 0). With a "
        "keyboard: Tab to a region, Enter or Space raises it, the arrow keys go up and down, "
        "0 clears it. The table of scores below always holds the same values."
    )
    return (
        f'<figcaption class="painmap-caption"><span>{mirrored}</span> '
        f'<span class="painmap-howto">{how}</span>{_credit_line(credit)}</figcaption>'
    )


def _legend() -> str:
    items = "".join(
        # Colours by class (site.css, .painmap-score-N), not a style attribute: the pages'
        # Content-Security-Policy allows no inline style.
        f'<li><span class="painmap-swatch painmap-score-{score}">{score}</span></li>'
        for score in range(len(RAMP))
    )
    return (
        '<div class="painmap-legend"><span class="painmap-legend-end">0 no pain</span>'
        f'<ol aria-hidden="true">{items}</ol>'
        f'<span class="painmap-legend-end">{PAIN_MAX} worst imaginable</span></div>'
    )


def _summary(scores: Mapping[str, int]) -> str:
    marked = sorted(
        ((REGIONS[key], score) for key, score in scores.items() if score > 0),
        key=lambda pair: (-pair[1], pair[0].label),
    )
    if not marked:
        return '<p class="painmap-summary">No pain marked.</p>'
    rows = "".join(
        f"<li>{escape(region.label)}: <strong>{score} of {PAIN_MAX}</strong></li>"
        for region, score in marked
    )
    return f'<ul class="painmap-summary">{rows}</ul>'
