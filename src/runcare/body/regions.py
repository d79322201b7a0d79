"""The body regions a runner can mark on the pain map, keyed by short stable strings.

The keys are stored with every intake (``Intake.pain_0_10``), so they never change; a label
may. Each region carries the outline of its patch on our own front/back drawing, in the
coordinates of one figure (200 x 440, see ``runcare.body.painmap``). "Left" and "right" are
always the runner's own sides: on the front view the runner's left is on the right of the
picture, on the back view it is on the left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from runcare.body.muscles import catalogue, check_regions

Side = Literal["left", "right"]
View = Literal["front", "back"]

FIGURE_WIDTH = 200
FIGURE_HEIGHT = 440
PAIN_MIN = 0
PAIN_MAX = 10

# The muscles by key, from the shipped data file (``muscles.toml``), which also holds the
# region-to-muscle table. A region lists those that *may* be involved when it hurts: a
# starting point for the therapist's questions, never a diagnosis.
MUSCLE_NAMES: dict[str, str] = {key: m.name for key, m in catalogue().muscles.items()}


@dataclass(frozen=True)
class Region:
    """One patch of the pain map.

    ``shape`` is an SVG path (absolute M/L/C/Z commands only) in figure coordinates;
    ``muscles`` are keys of ``MUSCLE_NAMES`` that may be involved.
    """

    key: str
    area: str
    side: Side
    view: View
    shape: str
    muscles: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The runner-facing name, side first: "Left buttock"."""
        return f"{self.side.capitalize()} {self.area}"

    @property
    def muscle_names(self) -> tuple[str, ...]:
        return tuple(MUSCLE_NAMES[m] for m in self.muscles)


class PainMapError(ValueError):
    """A pain map that cannot be stored; the message is meant for the person who typed it."""

    def __init__(self, message: str, region: str | None = None) -> None:
        super().__init__(message)
        self.region = region


@dataclass(frozen=True)
class _Patch:
    """A region as drawn on the left half of the picture; the right half is its mirror."""

    area: str
    view: View
    shape: str
    slug: str


# Drawn on the picture's left half. On the front view that half shows the runner's right
# side; on the back view it shows the runner's left.
_PATCHES: tuple[_Patch, ...] = (
    _Patch(
        "lower back",
        "back",
        "M 70 146 L 97 146 L 97 188 L 67 188 C 65 172 67 158 70 146 Z",
        "lower_back",
    ),
    _Patch(
        "buttock",
        "back",
        "M 60 194 L 97 194 L 97 236 C 88 244 68 243 59 234 C 57 222 57 206 60 194 Z",
        "buttock",
    ),
    _Patch(
        "back of thigh",
        "back",
        "M 60 248 L 96 248 L 92 312 L 70 312 C 65 292 61 270 60 248 Z",
        "thigh_back",
    ),
    _Patch(
        "front of hip / groin",
        "front",
        "M 69 190 L 81 191 L 97 216 L 97 234 L 87 233 C 80 222 74 212 69 203 Z",
        "hip_front",
    ),
    _Patch(
        "outer hip",
        "front",
        "M 57 196 L 66 190 L 68 208 L 68 236 L 57 236 C 55 222 55 208 57 196 Z",
        "hip_outer",
    ),
    _Patch(
        "front of thigh",
        "front",
        "M 73 242 L 96 242 L 92 308 L 77 308 C 75 288 74 264 73 242 Z",
        "thigh_front",
    ),
    _Patch(
        "outer thigh (IT band)",
        "front",
        "M 57 242 L 70 242 C 71 264 72 288 74 308 L 67 308 C 62 290 58 266 57 242 Z",
        "thigh_outer",
    ),
    _Patch(
        "knee",
        "front",
        "M 70 322 C 70 312 92 312 92 322 L 92 340 C 92 350 70 350 70 340 Z",
        "knee",
    ),
)

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def mirror_path(shape: str) -> str:
    """Flip a path left-right about the figure's centre line.

    Works because the paths use only absolute commands whose numbers come in (x, y) pairs.
    """
    count = 0

    def flip(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count % 2 == 0:
            return match.group(0)
        value = FIGURE_WIDTH - float(match.group(0))
        return f"{value:g}"

    return _NUMBER.sub(flip, shape)


AREAS: dict[str, str] = {patch.slug: patch.area for patch in _PATCHES}
"""Pain-map area key (a region without its side, as the muscle data names it) -> its name."""


def _muscles_by_area() -> dict[str, tuple[str, ...]]:
    data = catalogue()
    check_regions(data, AREAS)
    return {
        area: tuple(key for key, m in data.muscles.items() if area in m.regions) for area in AREAS
    }


def _regions() -> dict[str, Region]:
    found: dict[str, Region] = {}
    sides: tuple[Side, Side] = ("left", "right")
    muscles = _muscles_by_area()
    for patch in _PATCHES:
        for side in sides:
            drawn_on_left_half = (patch.view == "back") == (side == "left")
            shape = patch.shape if drawn_on_left_half else mirror_path(patch.shape)
            key = f"{patch.slug}_{side}"
            found[key] = Region(key, patch.area, side, patch.view, shape, muscles[patch.slug])
    return found


REGIONS: dict[str, Region] = _regions()


def region_pairs() -> tuple[tuple[Region, Region], ...]:
    """(left, right) per area, in drawing order: the layout of the score list."""
    return tuple(
        (REGIONS[f"{patch.slug}_left"], REGIONS[f"{patch.slug}_right"]) for patch in _PATCHES
    )


def path_points(shape: str) -> tuple[tuple[float, float], ...]:
    numbers = [float(n) for n in _NUMBER.findall(shape)]
    return tuple(zip(numbers[0::2], numbers[1::2], strict=True))


def centre(region: Region) -> tuple[float, float]:
    """The middle of the region's bounding box, where its score is written."""
    points = path_points(region.shape)
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def validate_scores(scores: Mapping[str, object]) -> dict[str, int]:
    """Check a pain map and return it as region key -> whole score 0-10.

    A region missing from ``scores`` was not marked; ``None`` counts as not marked too.
    Raises ``PainMapError`` naming the region for an unknown key or a score that is not a
    whole number from 0 to 10 (booleans and fractions included).
    """
    clean: dict[str, int] = {}
    for key, raw in scores.items():
        region = REGIONS.get(key)
        if region is None:
            raise PainMapError(f"Unknown body region {key!r}.", key)
        if raw is None:
            continue
        score = _whole_score(raw)
        if score is None or not PAIN_MIN <= score <= PAIN_MAX:
            raise PainMapError(
                f"Pain for {region.label.lower()} must be a whole number from "
                f"{PAIN_MIN} to {PAIN_MAX}.",
                key,
            )
        clean[key] = score
    return clean


def _whole_score(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    return None


def muscle_keys_for(scores: Mapping[str, int]) -> tuple[str, ...]:
    """Keys of the muscles that may be involved where the score is above 0, first seen first.

    Unknown region keys are skipped (a later release may retire one).
    """
    seen: dict[str, None] = {}
    for key, score in scores.items():
        if score > 0 and key in REGIONS:
            for muscle in REGIONS[key].muscles:
                seen.setdefault(muscle, None)
    return tuple(seen)


def muscles_for(scores: Mapping[str, int]) -> tuple[str, ...]:
    """Names of the muscles that may be involved where the score is above 0, first seen first."""
    return tuple(MUSCLE_NAMES[key] for key in muscle_keys_for(scores))


def regions_of(muscle_key: str) -> tuple[Region, ...]:
    """The pain-map regions (both sides) that list the muscle, in drawing order."""
    return tuple(r for r in REGIONS.values() if muscle_key in r.muscles)
