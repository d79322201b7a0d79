"""Strava bulk export: activities.csv joined to activities/, columns read by position."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from runcare.activities import Sport, import_paths
from runcare.activities.strava import parse_activities_csv, parse_strava_date
from tests.builders import NOW, START, gpx_run, zip_bytes

# The real export's header: Distance, Elapsed Time and Max Heart Rate appear twice, first in
# the athlete's display units (km here), then in SI units (metres, seconds).
HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
    "Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Filename,"
    "Elapsed Time,Moving Time,Distance,Max Speed,Elevation Gain,Max Heart Rate,"
    "Average Heart Rate\n"
)


def row(date: str, kind: str, filename: str, km: str, metres: str, *, hr: str = "171.0") -> str:
    return (
        f'1,"{date}",Morning,{kind},,3600,{km},{hr},40,false,{filename},'
        f"3600.0,3540.0,{metres},4.1,85.0,{hr},148.0\n"
    )


def write_export(folder: Path, rows: list[str], files: dict[str, bytes]) -> None:
    (folder / "activities").mkdir(parents=True)
    (folder / "activities.csv").write_text(HEADER + "".join(rows))
    for name, data in files.items():
        (folder / name).write_bytes(data)


def test_it_takes_si_units_from_the_later_repeated_columns(tmp_path: Path) -> None:
    write_export(tmp_path, [row("May 1, 2024, 6:30:00 AM", "Run", "", "10.01", "10012.5")], {})
    [activity] = import_paths([tmp_path], now=NOW).activities
    assert activity.distance_m == 10012.5
    assert activity.duration_s == 3600.0
    assert activity.moving_s == 3540.0
    assert activity.max_hr_bpm == 171.0
    assert activity.avg_hr_bpm == 148.0
    assert activity.ascent_m == 85.0


def test_it_reads_activity_date_as_utc(tmp_path: Path) -> None:
    write_export(tmp_path, [row("May 1, 2024, 6:30:00 PM", "Run", "", "10", "10000")], {})
    [activity] = import_paths([tmp_path], now=NOW).activities
    assert activity.start == datetime(2024, 5, 1, 18, 30, tzinfo=UTC)


def test_it_imports_a_row_whose_file_is_missing_from_the_row(tmp_path: Path) -> None:
    write_export(
        tmp_path,
        [row("May 1, 2024, 6:30:00 AM", "Run", "activities/123.fit.gz", "10", "10000.0")],
        {},
    )
    result = import_paths([tmp_path], now=NOW)
    [activity] = result.activities
    assert activity.kind == "strava_csv"
    assert activity.source == f"{tmp_path}/activities.csv#L2"
    assert "activities/123.fit.gz is not in the export" in activity.notes[0]
    assert result.skipped == ()


def test_it_joins_a_row_to_its_file_and_takes_the_athletes_sport(tmp_path: Path) -> None:
    walk = gzip.compress(gpx_run(activity_type="unknown"))
    write_export(
        tmp_path,
        [row("May 1, 2024, 6:30:00 AM", "Walk", "activities/9.gpx.gz", "5", "5000")],
        {"activities/9.gpx.gz": walk},
    )
    result = import_paths([tmp_path], now=NOW)
    [activity] = result.activities
    assert activity.kind == "gpx"
    assert activity.sport is Sport.WALKING
    assert activity.source == f"{tmp_path}/activities/9.gpx.gz"
    assert result.skipped == ()


def test_it_falls_back_to_the_row_when_the_file_is_broken(tmp_path: Path) -> None:
    write_export(
        tmp_path,
        [row("May 1, 2024, 6:30:00 AM", "Run", "activities/7.gpx", "8", "8000")],
        {"activities/7.gpx": b"<gpx><trk><trkseg><trkpt lat="},
    )
    result = import_paths([tmp_path], now=NOW)
    [activity] = result.activities
    assert activity.kind == "strava_csv"
    assert activity.distance_m == 8000
    [skipped] = result.skipped
    assert skipped.source.endswith("activities/7.gpx")
    assert skipped.reason.endswith("summary taken from the CSV")


def test_it_reads_the_export_as_a_zip_and_skips_a_bad_date(tmp_path: Path) -> None:
    csv = (
        HEADER
        + row("someday", "Run", "", "1", "1000")
        + row("May 2, 2024, 7:00:00 AM", "Run", "activities/1.gpx", "5", "5000")
    )
    archive = tmp_path / "export_123.zip"
    archive.write_bytes(
        zip_bytes(
            {
                "activities.csv": csv.encode(),
                "activities/1.gpx": gpx_run(START.replace(day=2, hour=7, minute=0)),
            }
        )
    )
    result = import_paths([archive], now=NOW)
    assert [a.source for a in result.activities] == [f"{archive}!activities/1.gpx"]
    [skipped] = result.skipped
    assert skipped.source == f"{archive}!activities.csv#L2"
    assert "'someday'" in skipped.reason


def test_it_keeps_a_run_once_when_the_export_and_the_watch_file_overlap(tmp_path: Path) -> None:
    export = tmp_path / "export"
    write_export(export, [row("May 1, 2024, 6:30:00 AM", "Run", "", "5", "5000")], {})
    (tmp_path / "watch.gpx").write_bytes(gpx_run())
    result = import_paths([export, tmp_path / "watch.gpx"], now=NOW)
    [activity] = result.activities
    assert activity.kind == "gpx"
    assert result.duplicates_dropped == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jun 14, 2019, 5:08:59 PM", datetime(2019, 6, 14, 17, 8, 59, tzinfo=UTC)),
        ("Jan 1, 2020, 12:00:00 AM", datetime(2020, 1, 1, 0, 0, tzinfo=UTC)),
        ("2021-03-04 05:06:07", datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)),
    ],
)
def test_it_parses_strava_dates(text: str, expected: datetime) -> None:
    assert parse_strava_date(text) == expected


def test_it_takes_a_lone_distance_column_as_kilometres() -> None:
    data = b'Activity Date,Activity Type,Distance\n"May 1, 2024, 6:30:00 AM",Run,10.5\n'
    [parsed] = parse_activities_csv(data)
    assert getattr(parsed, "distance_m", None) == 10500.0


@pytest.mark.parametrize("cell", ["NaN", "inf", "-Infinity", "-5", "1e999", "fast"])
def test_it_leaves_out_a_number_that_is_no_measurement(cell: str) -> None:
    data = f'Activity Date,Activity Type,Distance\n"May 1, 2024, 6:30:00 AM",Run,{cell}\n'
    [parsed] = parse_activities_csv(data.encode())
    assert getattr(parsed, "distance_m", "no row") is None


def test_it_finds_exports_at_any_depth_of_a_zip(tmp_path: Path) -> None:
    members = {}
    for day, folder in ((1, "Downloads/export_1"), (2, "Downloads/old/export_2")):
        date = f"May {day}, 2024, 6:30:00 AM"
        csv = HEADER + row(date, "Walk", "activities/1.gpx", "5", "5000")
        csv += row(
            date.replace("6:30:00 AM", "6:00:00 PM"), "Ride", "activities/gone.fit", "20", "20000"
        )
        members[f"{folder}/activities.csv"] = csv.encode()
        members[f"{folder}/activities/1.gpx"] = gpx_run(START.replace(day=day))
    archive = tmp_path / "backup.zip"
    archive.write_bytes(zip_bytes(members))
    result = import_paths([archive], now=NOW)
    assert [(a.start.day, a.sport, a.kind) for a in result.activities] == [
        (1, Sport.WALKING, "gpx"),
        (1, Sport.CYCLING, "strava_csv"),
        (2, Sport.WALKING, "gpx"),
        (2, Sport.CYCLING, "strava_csv"),
    ]
    assert result.skipped == ()


def test_it_reads_a_csv_saved_again_by_a_spreadsheet_with_semicolons(tmp_path: Path) -> None:
    header = HEADER.replace(",", ";")
    cells = ["1", "May 1, 2024, 6:30:00 AM", "Morning", "Run", "", "3600", "10,01", "171"]
    cells += ["40", "false", "", "3600", "3540", "10012,5", "4,1", "85", "171", "148"]
    data = "\ufeff" + (header + ";".join(cells) + "\n").replace("\n", "\r\n")
    [parsed] = parse_activities_csv(data.encode())
    assert getattr(parsed, "distance_m", None) == 10012.5
    assert getattr(parsed, "moving_s", None) == 3540.0
