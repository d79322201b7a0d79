"""The body: regions a runner marks on the pain map, the muscles that may be involved, and
the drawing itself. Framework-free; nothing here is a diagnosis."""

from runcare.body.painmap import render_painmap
from runcare.body.regions import (
    MUSCLE_NAMES,
    REGIONS,
    PainMapError,
    Region,
    muscles_for,
    region_pairs,
    validate_scores,
)

__all__ = [
    "MUSCLE_NAMES",
    "REGIONS",
    "PainMapError",
    "Region",
    "muscles_for",
    "region_pairs",
    "render_painmap",
    "validate_scores",
]
