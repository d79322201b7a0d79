"""Strava's bulk export: ``activities.csv`` joined to the files under ``activities/``.

Strava repeats some column names: the first ``Distance``, ``Elapsed Time`` and
``Max Heart Rate`` are in the athlete's display units, the later ones in SI units. Columns
are therefore found by position, taking the last occurrence of a repeated name.
``Activity Date`` is in UTC.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from runcare.activities.model import Activity, Sport, UnreadableFileError

SPORTS = {
    "run": Sport.RUNNING,
    "trail run": Sport.TRAIL_RUNNING,
    "virtual run": Sport.TREADMILL_RUNNING,
    "walk": Sport.WALKING,
    "hike": Sport.HIKING,
    "ride": Sport.CYCLING,
    "virtual ride": Sport.CYCLING,
    "e-bike ride": Sport.CYCLING,
    "gravel ride": Sport.CYCLING,
    "mountain bike ride": Sport.CYCLING,
    "swim": Sport.SWIMMING,
}

DATE_FORMATS = (
    "%b %d, %Y, %I:%M:%S %p",  # the English export: "Jun 14, 2019, 5:08:59 PM"
    "%b %d, %Y %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%d %b %Y, %H:%M:%S",
    "%d.%m.%Y, %H:%M:%S",
)


@dataclass(frozen=True, slots=True)
class StravaRow:
    line: int
    start: datetime
    sport: Sport
    filename: str | None
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    ascent_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reason: str


def parse_activities_csv(data: bytes) -> list[StravaRow | BadRow]:
    """Every data row of ``activities.csv``, parsed or with the reason it could not be."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError("activities.csv is not UTF-8 text") from exc
    delimiter = _delimiter(text.partition("\n")[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header or "Activity Date" not in header:
        raise UnreadableFileError("activities.csv has no 'Activity Date' column")
    columns = _Columns(header, decimal_comma=delimiter == ";")
    rows: list[StravaRow | BadRow] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        line = reader.line_num
        try:
            rows.append(columns.parse(cells, line))
        except ValueError as exc:
            rows.append(BadRow(line, str(exc)))
    return rows


def _delimiter(header_line: str) -> str:
    # Strava writes commas; a spreadsheet saving the file again in a European locale writes
    # semicolons, and then a comma in a number is its decimal mark.
    return ";" if header_line.count(";") > header_line.count(",") else ","


class _Columns:
    def __init__(self, header: Sequence[str], *, decimal_comma: bool = False) -> None:
        self.decimal_comma = decimal_comma
        self.first: dict[str, int] = {}
        self.last: dict[str, int] = {}
        for index, name in enumerate(header):
            self.first.setdefault(name.strip(), index)
            self.last[name.strip()] = index

    def _cell(self, cells: Sequence[str], name: str, *, si: bool = True) -> str | None:
        index = (self.last if si else self.first).get(name)
        if index is None or index >= len(cells):
            return None
        value = cells[index].strip()
        return value or None

    def _number(self, cells: Sequence[str], name: str) -> float | None:
        value = self._cell(cells, name)
        if value is None:
            return None
        if self.decimal_comma and "," in value:
            value = value.replace(".", "").replace(",", ".")
        try:
            # Otherwise a comma groups thousands, as in Strava's display units: "1,234.5".
            number = float(value.replace(",", ""))
        except ValueError:
            return None
        # "NaN", "inf" and negatives parse as floats but are no distance, time or heart rate.
        return number if math.isfinite(number) and number >= 0 else None

    def _distance_m(self, cells: Sequence[str]) -> float | None:
        value = self._number(cells, "Distance")
        if value is not None and self.first.get("Distance") == self.last.get("Distance"):
            # A lone Distance column is the display-unit one; Strava's default unit is km.
            return value * 1000.0
        return value

    def parse(self, cells: Sequence[str], line: int) -> StravaRow:
        raw_date = self._cell(cells, "Activity Date")
        if raw_date is None:
            raise ValueError("the row has no activity date")
        kind = (self._cell(cells, "Activity Type") or "").lower()
        return StravaRow(
            line=line,
            start=parse_strava_date(raw_date),
            sport=SPORTS.get(kind, Sport.OTHER),
            filename=self._cell(cells, "Filename"),
            elapsed_s=self._number(cells, "Elapsed Time"),
            moving_s=self._number(cells, "Moving Time"),
            distance_m=self._distance_m(cells),
            ascent_m=self._number(cells, "Elevation Gain"),
            avg_hr_bpm=self._number(cells, "Average Heart Rate"),
            max_hr_bpm=self._number(cells, "Max Heart Rate"),
        )


def parse_strava_date(value: str) -> datetime:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise ValueError(f"the activity date {value!r} is in a format runcare does not know")


def activity_from_row(row: StravaRow, source: str, note: str | None = None) -> Activity:
    return Activity(
        start=row.start,
        sport=row.sport,
        source=source,
        kind="strava_csv",
        duration_s=row.elapsed_s,
        moving_s=row.moving_s,
        distance_m=row.distance_m,
        ascent_m=row.ascent_m,
        avg_hr_bpm=row.avg_hr_bpm,
        max_hr_bpm=row.max_hr_bpm,
        notes=(note,) if note else (),
    )
