"""Strava's ``activities.csv`` for the demo export, in the column layout Strava writes.

Strava repeats ``Elapsed Time``, ``Distance`` and ``Max Heart Rate``: first in the athlete's
display units (km), later in SI units (m). The demo writes both, so the importer's reading
by position is exercised on every ``make run``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

from runcare.activities.model import Sport
from runcare.demo.history import PlannedActivity

HEADER = (
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Max Heart Rate", "Average Heart Rate",
)  # fmt: skip
TYPES = {Sport.RUNNING: "Run", Sport.WALKING: "Walk", Sport.CYCLING: "Ride"}
# A heart rate peak this much above the steady target is typical of a hill or a finish.
MAX_HR_ABOVE_TARGET_BPM = 12


@dataclass(frozen=True, slots=True)
class StravaRow:
    strava_id: int
    activity: PlannedActivity
    title: str
    filename: str
    ascent_m: float


def activities_csv(rows: Sequence[StravaRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(_cells(row))
    return buffer.getvalue().encode("utf-8")


def _cells(row: StravaRow) -> list[str]:
    a = row.activity
    start_utc = a.start.astimezone(UTC)
    # Strava's English export: "Nov 15, 2026, 7:12:03 AM", in UTC, no leading zero on hours.
    date_text = start_utc.strftime("%b %d, %Y, ") + start_utc.strftime("%I:%M:%S %p").lstrip("0")
    max_hr = a.target_hr_bpm + MAX_HR_ABOVE_TARGET_BPM
    speed = a.distance_m / a.moving_s
    return [
        str(row.strava_id), date_text, row.title, TYPES.get(a.sport, "Workout"), "",
        f"{a.elapsed_s:.0f}", f"{a.distance_m / 1000:.2f}", f"{max_hr:.1f}", "", "false",
        "", "", row.filename, "", "",
        f"{a.elapsed_s:.1f}", f"{a.moving_s:.1f}", f"{a.distance_m:.1f}", f"{speed * 1.3:.3f}",
        f"{speed:.3f}", f"{row.ascent_m:.1f}", f"{max_hr:.1f}", f"{a.target_hr_bpm:.1f}",
    ]  # fmt: skip
