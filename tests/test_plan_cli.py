"""`runcare plan`: the next weeks' runs from the runner's files, in JSON and on the terminal."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runcare.cli.main import main
from tests.builders import gpx_run

DAY0 = datetime(2024, 4, 20, 6, 0, tzinfo=UTC)  # as-of 2024-05-20 is a Monday


@pytest.fixture
def history(tmp_path: Path) -> Path:
    folder = tmp_path / "runs"
    folder.mkdir()
    for offset in range(0, 30, 3):  # 8 km every third day, the last on 18 May
        start = DAY0 + timedelta(days=offset + 1)
        (folder / f"run-{offset:02d}.gpx").write_bytes(gpx_run(start, distance_m=8000.0))
    return folder


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["plan", *args, "--as-of", "2024-05-20", "--tz", "UTC", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_it_prints_the_documented_json(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys, str(history), "--days", "tue,thu,sat", "--weeks", "2")
    assert set(data) == {"as_of", "status", "runs", "weeks", "notes"}
    assert data["as_of"] == "2024-05-20"
    assert data["status"] == "plan"
    first = data["runs"][0]
    assert set(first) == {"day", "distance_m", "cap_m", "why"}
    assert first["day"] == "2024-05-21"
    assert first["cap_m"] == pytest.approx(8800.0, abs=1)
    assert all(run["distance_m"] <= run["cap_m"] for run in data["runs"])
    assert [w["week_start"] for w in data["weeks"]] == ["2024-05-21", "2024-05-28"]
    assert any("Nielsen" in note for note in data["notes"])


def test_a_painful_run_steps_the_next_run_back(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calm = plan_json(capsys, str(history))
    pain = tmp_path / "pain.json"
    pain.write_text(json.dumps([{"day": "2024-05-18", "during_0_10": 7, "after_0_10": 4}]))
    painful = plan_json(capsys, str(history), "--pain", str(pain))
    assert painful["runs"][0]["distance_m"] < calm["runs"][0]["distance_m"]
    assert "Stepped back" in painful["runs"][0]["why"]
    assert any("Achilles" in note for note in painful["notes"])


def test_without_recent_runs_there_is_not_enough_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "old.gpx").write_bytes(gpx_run(DAY0 - timedelta(days=60)))
    data = plan_json(capsys, str(tmp_path))
    assert data["status"] == "not_enough_data"
    assert data["runs"] == [] and data["notes"]


def test_it_prints_the_plan_on_the_terminal(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(history), "--as-of", "2024-05-20", "--tz", "UTC"]) == 0
    out = capsys.readouterr().out
    assert "Tue 21 May" in out and "cap 8.8 km" in out


@pytest.mark.parametrize(
    ("args", "pain", "message"),
    [
        (["--days", "mon,funday"], None, "--days: 'funday'"),
        (["--runs-per-week", "9"], None, "--runs-per-week"),
        (["--weeks", "0"], None, "--weeks"),
        (["--rise-pct", "80"], None, "--rise-pct"),
        (["--tz", "Mars/Olympus"], None, "time zone"),
        ([], "not json", "--pain"),
        ([], '{"day": "2024-05-20"}', "JSON list"),
        ([], '[{"day": "20 May"}]', "pain entry 1: day"),
        ([], '[{"day": "2024-05-20", "during_0_10": 11}]', "during_0_10"),
        ([], '[{"day": "2024-05-20", "after_0_10": "3"}]', "after_0_10"),
        ([], '[{"day": "2024-05-20", "knee": 3}]', "unknown field 'knee'"),
    ],
)
def test_bad_input_names_the_field_and_exits_2(
    history: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    args: list[str],
    pain: str | None,
    message: str,
) -> None:
    extra = []
    if pain is not None:
        (tmp_path / "pain.json").write_text(pain)
        extra = ["--pain", str(tmp_path / "pain.json")]
    assert main(["plan", str(history), "--as-of", "2024-05-20", *args, *extra]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
