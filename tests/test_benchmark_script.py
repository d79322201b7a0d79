"""The import benchmark runs and reports; its figures are never asserted here.

Speed goals live in benchmarks/import_speed.py, which prints ratios against named peers;
these tests only check that the quick run works, with and without the real device files.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "benchmarks" / "import_speed.py"
RATIO = r"\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+x\s"


def run_quick(samples: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--samples", str(samples)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def ratio_line(output: str, label: str) -> bool:
    return re.search("^" + re.escape(label) + RATIO, output, re.MULTILINE) is not None


@pytest.mark.samples
def test_it_prints_ratios_for_real_and_generated_files(samples_dir: Path) -> None:
    output = run_quick(samples_dir)
    assert "machine:" in output
    for label in (
        "device files: session walk",
        "demo watch files (5 s records)",
        "3-hour runs (1 s records)",
        "gpxpy's test files",
        "demo Strava files (5 s points)",
        "marathon (1 s points)",
        "tcxreader's test files",
        "3-hour run (1 s points)",
    ):
        assert ratio_line(output, label), label
    assert "TCX: runcare tcx.read vs a bare lxml parse and walk" in output
    assert "TCX: runcare tcx.read vs tcxreader" in output
    assert re.search(r"^peak RSS: \d+ MB", output, re.MULTILINE)
    assert re.search(r"^wall time: [\d.]+ s", output, re.MULTILINE)
    assert "0 disagreements" in output


def test_it_still_runs_without_the_shared_samples(tmp_path: Path) -> None:
    output = run_quick(tmp_path / "absent")
    assert "not found at" in output
    assert not ratio_line(output, "device files: session walk")
    assert ratio_line(output, "3-hour runs (1 s records)")
    assert ratio_line(output, "marathon (1 s points)")
    assert ratio_line(output, "3-hour run (1 s points)")
    assert not ratio_line(output, "tcxreader's test files")
    assert "0 disagreements" in output


def test_it_times_the_parsed_file_cache_on_a_small_history() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "history_cache.py"), "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for label in (
        "--no-cache",
        "first (empty cache)",
        "second (cache filled)",
        "same export again",
    ):
        assert re.search("^" + re.escape(label) + r"\s+[\d.]+\s", done.stdout, re.MULTILINE), label
    assert re.search(r"^re-upload, cpu: [\d.]+ s", done.stdout, re.MULTILINE)
    assert "0 problems" in done.stdout
