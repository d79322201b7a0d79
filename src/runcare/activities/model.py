"""Plain records for what an activity file holds; no I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Sport(StrEnum):
    """The small, fixed vocabulary every importer maps its own sport names onto."""

    RUNNING = "running"
    TRAIL_RUNNING = "trail_running"
    TREADMILL_RUNNING = "treadmill_running"
    WALKING = "walking"
    HIKING = "hiking"
    CYCLING = "cycling"
    SWIMMING = "swimming"
    OTHER = "other"

    @property
    def is_running(self) -> bool:
        return self in RUNNING_SPORTS


RUNNING_SPORTS = frozenset({Sport.RUNNING, Sport.TRAIL_RUNNING, Sport.TREADMILL_RUNNING})


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded activity, summarised.

    Every optional number is ``None`` when the source did not say and it could not be
    derived (for example no heart-rate strap, or a treadmill file with no distance).
    ``start`` is always timezone-aware UTC; ``utc_offset_s`` is the local offset the file
    itself recorded, ``None`` when it recorded none.
    """

    start: datetime
    sport: Sport
    source: str
    kind: str
    utc_offset_s: int | None = None
    duration_s: float | None = None
    moving_s: float | None = None
    distance_m: float | None = None
    ascent_m: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    device: str | None = None
    has_track: bool = False
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError("Activity.start must be timezone-aware")

    @property
    def richness(self) -> int:
        """How much this record tells; the richer of two duplicates is kept."""
        values = (
            self.utc_offset_s,
            self.duration_s,
            self.moving_s,
            self.distance_m,
            self.ascent_m,
            self.avg_hr_bpm,
            self.max_hr_bpm,
            self.device,
        )
        known = sum(value is not None for value in values)
        # A device file with a track beats a summary row with the same numbers.
        return known + (3 if self.has_track else 0) + KIND_RANK.get(self.kind, 0)


# Ties between equally complete duplicates go to the format closest to the device.
KIND_RANK = {"fit": 2, "tcx": 1, "gpx": 1, "strava_csv": 0}


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or archive member) that was not imported, and why, in plain words."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Merged:
    """A record of the same activity as one kept (``kept`` is that one's source), and why.

    It adds no activity of its own; listing it keeps every file read accounted for.
    """

    source: str
    kept: str
    why: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import read: every record read is an activity, merged, or skipped.

    ``stopped`` is ``None`` when everything was read; otherwise it names the limit that
    stopped the import, and the lists hold what was read before it.
    """

    activities: tuple[Activity, ...]
    skipped: tuple[Skipped, ...]
    merged: tuple[Merged, ...] = ()
    stopped: str | None = None

    @property
    def duplicates_dropped(self) -> int:
        return len(self.merged)

    @property
    def records_read(self) -> int:
        """Activities, merged records and skipped files together: everything accounted for."""
        return len(self.activities) + len(self.merged) + len(self.skipped)


class UnreadableFileError(Exception):
    """Raised by a reader when a file holds nothing it can import.

    The message is shown to a person as the reason the file was skipped.
    """
