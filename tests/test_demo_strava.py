"""The demo's Strava export: an activities.csv that the importer joins to its files."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from runcare.activities import import_paths
from runcare.demo.generate import STRAVA_DIR, STRAVA_INDEX, write_demo_history
from runcare.demo.strava_csv import HEADER
from tests.builders import NOW


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    write_demo_history(out, end=date(2026, 11, 24))
    return out


def test_it_writes_one_row_per_strava_file_with_strava_repeated_columns(demo: Path) -> None:
    with (demo / STRAVA_INDEX).open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == HEADER
    assert rows[0].count("Distance") == 2
    files = sorted(p.name for p in (demo / STRAVA_DIR).iterdir())
    assert sorted(Path(row[12]).name for row in rows[1:]) == files


def test_it_joins_every_row_to_its_file_when_imported(demo: Path) -> None:
    result = import_paths([demo / "strava-export"], now=NOW)
    assert result.skipped == ()
    assert not any("#L" in a.source for a in result.activities)  # no row stood alone
    with (demo / STRAVA_INDEX).open(newline="") as handle:
        assert len(result.activities) == sum(1 for _ in handle) - 1
