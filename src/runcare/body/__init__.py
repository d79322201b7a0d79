"""The body: regions a runner marks on the pain map, the muscles that may be involved, and
the drawing itself. Framework-free; nothing here is a diagnosis."""

from runcare.body.muscles import (
    Catalogue,
    Fact,
    Group,
    Muscle,
    MuscleDataError,
    Source,
    catalogue,
)
from runcare.body.painmap import render_painmap
from runcare.body.regions import (
    AREAS,
    MUSCLE_NAMES,
    REGIONS,
    PainMapError,
    Region,
    muscle_keys_for,
    muscles_for,
    region_pairs,
    regions_of,
    validate_scores,
)

__all__ = [
    "AREAS",
    "MUSCLE_NAMES",
    "REGIONS",
    "Catalogue",
    "Fact",
    "Group",
    "Muscle",
    "MuscleDataError",
    "PainMapError",
    "Region",
    "Source",
    "catalogue",
    "muscle_keys_for",
    "muscles_for",
    "region_pairs",
    "regions_of",
    "render_painmap",
    "validate_scores",
]
