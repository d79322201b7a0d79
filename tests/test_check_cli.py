"""`runcare check`: the verdict from the runner's own files, in the terminal, JSON and HTML."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from runcare.cli.main import main
from runcare.load.report import json_schema
from tests.builders import gpx_run

DAY0 = datetime(2024, 4, 1, 6, 0, tzinfo=UTC)


def write_history(folder: Path, runs_km: dict[int, float]) -> None:
    """One GPX per run: ``runs_km`` maps a day offset from 1 April 2024 to a distance."""
    for offset, km in runs_km.items():
        start = DAY0 + timedelta(days=offset)
        (folder / f"run-{offset:03d}.gpx").write_bytes(gpx_run(start, distance_m=km * 1000))


def steady(days: int = 48, every: int = 3, km: float = 10.0) -> dict[int, float]:
    return {d: km for d in range(0, days, every)}


@pytest.fixture(autouse=True)
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --tz the machine's zone decides; these tests run on a machine set to UTC."""
    monkeypatch.setenv("TZ", "UTC")


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the command; the output comes back with panel borders and line wrapping undone."""
    code = main(["check", *args])
    out = capsys.readouterr().out
    if "--json" in args:
        return code, out
    return code, " ".join(out.replace("│", " ").split())


def test_it_says_too_much_too_soon_for_a_long_run_spike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_history(tmp_path, {**steady(), 49: 15.0})
    code, out = run_check(capsys, str(tmp_path), "--as-of", "2024-05-20")
    assert code == 0
    assert "Too much too soon" in out
    # The verdict's first sentence is the runner's own run, in plain words.
    first_line = out.split("╮", 1)[1].strip()
    assert first_line.startswith(
        "Your 15 km run on Monday 20 May was 50 % longer than any run in the 30 days "
        "before it (10 km)."
    )
    assert "Frandsen et al. 2025" in out


def test_it_says_ok_for_a_steady_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_history(tmp_path, steady(60))
    _, out = run_check(capsys, str(tmp_path), "--as-of", "2024-05-30")
    assert "OK" in out
    assert "No: your recent runs stayed within 10 %" in out


@pytest.mark.parametrize(
    ("runs_km", "as_of", "words"),
    [
        # Nothing since 17 May: an as-of date weeks later has no recent run to judge.
        (
            steady(48),
            "2024-07-01",
            ("No recent runs", "No run in the last 14 days, so there is nothing recent to judge."),
        ),
        # Back after seven weeks off with a long run: nothing to compare it with.
        (
            {**steady(30), 80: 16.0},
            "2024-06-21",
            (
                "Caution: after a break",
                "A recent run had nothing to compare it with: after a break, start shorter "
                "than before it.",
            ),
        ),
    ],
)
def test_it_does_not_reassure_about_runs_it_could_not_compare(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    runs_km: dict[int, float],
    as_of: str,
    words: tuple[str, str],
) -> None:
    title, headline = words
    write_history(tmp_path, runs_km)
    _, out = run_check(capsys, str(tmp_path), "--as-of", as_of)
    assert f"Am I running too much too soon? {title}" in out
    assert headline in out
    assert "stayed within 10 %" not in out
    assert " OK " not in out


def test_it_judges_the_old_demo_history_without_hanging_and_without_an_ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "old"
    assert main(["demo-data", str(history), "--end", "2022-06-01", "--quiet"]) == 0
    report = tmp_path / "r.html"
    code, out = run_check(capsys, str(history), "--as-of", "2027-06-01", "--html", str(report))
    assert code == 0
    assert "No recent runs" in out
    html = report.read_text()
    assert html.count("<svg") == 4
    assert html.count('class="grid"') <= 4 * 7
    assert "Your last run was on" in html


def test_it_says_not_enough_data_for_a_short_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_history(tmp_path, steady(20))
    _, out = run_check(capsys, str(tmp_path), "--as-of", "2024-04-21")
    assert "Not enough data" in out


def test_it_prints_json_that_matches_the_shipped_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_history(tmp_path, {**steady(), 49: 18.0})
    (tmp_path / "broken.fit").write_bytes(b"\x0e\x10")
    code, out = run_check(capsys, str(tmp_path), "--as-of", "2024-05-20", "--json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, json_schema())
    assert list(data) == [
        "as_of", "tz", "load", "verdict", "runs", "days", "weeks", "activities", "skipped",
        "merged", "skipped_more", "counts", "stopped",
    ]  # fmt: skip
    assert (data["as_of"], data["tz"], data["load"]) == ("2024-05-20", "UTC", "distance_km")
    assert data["verdict"]["level"] == "too_much_too_soon"
    spike = data["runs"][-1]
    assert spike["spike_band"] == "moderate"
    assert spike["spike_pct"] == pytest.approx(80.0, abs=0.5)
    assert len(data["days"]) == (datetime(2024, 5, 20) - datetime(2024, 4, 1)).days + 1
    assert len(data["activities"]) == 17
    assert [s["source"] for s in data["skipped"]] == [f"{tmp_path}/broken.fit"]


def test_it_writes_a_self_contained_html_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_history(tmp_path, {**steady(), 49: 15.0})
    report = tmp_path / "out" / "report.html"
    report.parent.mkdir()
    code, _ = run_check(capsys, str(tmp_path), "--as-of", "2024-05-20", "--html", str(report))
    assert code == 0
    html = report.read_text()
    assert html.index("see a doctor") < html.index("Too much too soon")
    assert "<script" not in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    assert html.count("<svg") == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
        (["--window-days", "0"], "--window-days must be at least 1"),
        (["--load", "trimp"], "--load trimp needs --resting-hr and --max-hr"),
        (["--load", "trimp", "--resting-hr", "190", "--max-hr", "60"], "resting"),
        (["--load", "srpe"], "--load srpe needs --rpe FILE"),
    ],
)
def test_it_refuses_bad_options_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    write_history(tmp_path, steady(10))
    assert main(["check", str(tmp_path), *args]) == 2
    assert message in capsys.readouterr().err


def test_it_uses_heart_rate_trimp_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_history(tmp_path, steady(40))
    code, out = run_check(
        capsys,
        str(tmp_path), "--as-of", "2024-05-10", "--load", "trimp",
        "--resting-hr", "50", "--max-hr", "190", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["load"] == "trimp"
    # The test files carry no heart rate, so every day's TRIMP load is 0, never invented.
    assert {day["load"] for day in data["days"]} == {0.0}


def test_it_reads_session_rpe_from_a_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = tmp_path / "runs"
    runs.mkdir()
    write_history(runs, {0: 10.0, 3: 10.0})
    rpe = tmp_path / "rpe.csv"
    rpe.write_text("day,rpe\n2024-04-01,5\n2024-04-04,7\n")
    code, out = run_check(
        capsys, str(runs), "--as-of", "2024-04-05", "--load", "srpe", "--rpe", str(rpe), "--json"
    )
    assert code == 0
    loads = {day["day"]: day["load"] for day in json.loads(out)["days"]}
    duration_min = 10_000 / 3.0 / 60  # the builder runs at 3 m/s
    assert loads["2024-04-01"] == pytest.approx(5 * duration_min, rel=0.01)
    assert loads["2024-04-04"] == pytest.approx(7 * duration_min, rel=0.01)
    assert loads["2024-04-02"] == 0.0


@pytest.mark.parametrize(
    ("machine", "expected"),
    [
        (("Asia/Tokyo", []), ("2024-05-20", "Asia/Tokyo")),  # 16:00 UTC is 01:00 there
        ((":Asia/Tokyo", []), ("2024-05-20", "Asia/Tokyo")),
        (("Asia/Tokyo", ["--tz", "UTC"]), ("2024-05-19", "UTC")),  # the option wins
        (("America/New_York", []), ("2024-05-19", "America/New_York")),
    ],
)
def test_it_counts_days_in_the_machines_zone_unless_told_otherwise(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    machine: tuple[str, list[str]],
    expected: tuple[str, str],
) -> None:
    machine_tz, option = machine
    day, tz = expected
    monkeypatch.setenv("TZ", machine_tz)
    late = datetime(2024, 5, 19, 16, 0, tzinfo=UTC)  # GPX times carry no local offset
    (tmp_path / "late.gpx").write_bytes(gpx_run(late, distance_m=5000))
    code, out = run_check(capsys, str(tmp_path), "--json", "--as-of", "2024-05-25", *option)
    document = json.loads(out)
    assert code == 0
    assert document["tz"] == tz
    assert [run["day"] for run in document["runs"]] == [day]
