"""Every file read is an activity, a merged copy, or skipped with a reason; and implausible
dates are skipped."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities import Sport, import_paths
from runcare.cli.main import main
from runcare.demo.fit_encode import FitSession, encode_activity
from tests.builders import NOW, START, gpx_run


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def copies(tmp_path: Path) -> Path:
    run_fit = encode_activity([FitSession(START.replace(day=3), Sport.RUNNING, 1800, 1790, 5000)])
    write(tmp_path / "runs" / "a.gpx", gpx_run())
    write(tmp_path / "backup" / "a.gpx", gpx_run())  # a copy of the same track
    write(tmp_path / "watch" / "r.fit", run_fit)
    write(tmp_path / "usb" / "r.fit", run_fit)  # the same FIT file in two folders
    write(tmp_path / "watch" / "id.fit", encode_activity([]))  # a file id and nothing else
    ride = FitSession(START + timedelta(seconds=20), Sport.CYCLING, 4000, 3900, 32_000)
    write(tmp_path / "watch" / "ride.fit", encode_activity([ride]))
    write(tmp_path / "notes.txt", b"felt good")
    return tmp_path


def test_it_accounts_for_every_file_of_a_folder_with_copies(copies: Path) -> None:
    result = import_paths([copies], now=NOW)
    files = sum(1 for path in copies.rglob("*") if path.is_file())
    assert result.records_read == files == 7
    assert sorted(
        (Path(m.source).parent.name, Path(m.kept).parent.name) for m in result.merged
    ) == [
        ("runs", "backup"),
        ("watch", "usb"),
    ]
    assert {a.sport for a in result.activities} == {Sport.RUNNING, Sport.CYCLING}
    assert len(result.activities) == 3  # the run twice kept once, the FIT run, the ride
    assert sorted(Path(s.source).name for s in result.skipped) == ["id.fit", "notes.txt"]


def test_it_lists_merged_copies_in_the_json_of_import_and_check(
    copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(copies), "--json"])
    imported = json.loads(capsys.readouterr().out)
    main(["check", str(copies), "--json", "--as-of", "2024-05-10", "--tz", "UTC"])
    checked = json.loads(capsys.readouterr().out)
    for data in (imported, checked):
        assert data["counts"] == {"read": 7, "activities": 3, "merged": 2, "skipped": 2}
        merged = {m["source"]: m for m in data["merged"]}
        assert merged[f"{copies}/runs/a.gpx"] == {
            "source": f"{copies}/runs/a.gpx",
            "kept": f"{copies}/backup/a.gpx",
            "why": "same start (within 60 s) and distance (within 2%)",
        }


def test_it_shows_the_merged_count_in_the_terminal(
    copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(copies)])
    assert "7 read: 3 activities, 2 copies of an activity merged into it, 2 skipped." in (
        capsys.readouterr().out
    )


KINDS = ["run-1", "run-2", "run-3", "ride-1", "junk", "empty", "old", "future"]


def file_of(kind: str) -> bytes:
    if kind.startswith("run-"):
        return gpx_run(START.replace(day=int(kind[-1])))
    if kind == "ride-1":
        return gpx_run(START, distance_m=20_000.0, speed_m_s=8.0, activity_type="cycling")
    if kind == "old":
        return gpx_run(datetime(1901, 12, 13, 20, 45, tzinfo=UTC))
    if kind == "future":
        return gpx_run(NOW + timedelta(days=3))
    return b"" if kind == "empty" else b"not an activity"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(KINDS), max_size=10))
def test_it_makes_activities_merged_and_skipped_add_up_to_the_files(kinds: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for index, kind in enumerate(kinds):
            write(Path(folder) / f"{index:02d}-{kind}.gpx", file_of(kind))
        result = import_paths([folder], now=NOW)
    assert len(result.activities) + len(result.merged) + len(result.skipped) == len(kinds)
    distinct = {kind for kind in kinds if kind.startswith(("run-", "ride-"))}
    assert len(result.activities) == len(distinct)


@pytest.mark.parametrize(
    ("start", "kept"),
    [
        (datetime(1901, 12, 13, 20, 45, 52, tzinfo=UTC), False),  # a 32-bit clock's zero
        (datetime(1979, 12, 31, 23, 0, tzinfo=UTC), False),
        (datetime(1980, 1, 1, 0, 0, tzinfo=UTC), True),
        (NOW + timedelta(hours=23), True),
        (NOW + timedelta(days=1, minutes=1), False),
    ],
)
def test_it_skips_an_activity_whose_start_cannot_be_right(
    tmp_path: Path, start: datetime, kept: bool
) -> None:
    path = write(tmp_path / "track.gpx", gpx_run(start))
    result = import_paths([path], now=NOW)
    assert len(result.activities) == int(kept)
    if not kept:
        [skipped] = result.skipped
        assert skipped.source == str(path)
        assert f"starts on {start:%Y-%m-%d}" in skipped.reason
        assert skipped.reason.endswith("the clock was wrong")


def test_it_judges_the_future_by_the_now_it_is_given(tmp_path: Path) -> None:
    path = write(tmp_path / "track.gpx", gpx_run(START))
    assert import_paths([path], now=START - timedelta(days=2)).activities == ()
    assert len(import_paths([path], now=START).activities) == 1
