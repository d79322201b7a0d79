"""The web benchmark runs on a tiny clinic and prints the documented JSON; its figures are
never asserted here (docs/performance.md records them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "benchmarks" / "web_scale.py"
KEYS = {"db", "clients", "page", "median_ms", "min_ms", "max_ms", "queries"}


def test_it_prints_one_json_object_with_a_row_per_size_page_and_database() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--clients", "3", "1", "--repeats", "2", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(done.stdout)["results"]
    databases = (
        ["sqlite", "postgresql"] if os.environ.get("RUNCARE_TEST_POSTGRES_URL") else ["sqlite"]
    )
    expected = [
        (db, clients, page)
        for db in databases
        for clients in (1, 3)
        for page in ("client_list", "client_detail", "dashboard")
    ]
    assert [(r["db"], r["clients"], r["page"]) for r in results] == expected
    for row in results:
        assert set(row) == KEYS
        assert 0 < row["min_ms"] <= row["median_ms"] <= row["max_ms"]
        assert 0 < row["queries"] <= 40
    lists = [r for r in results if r["page"] == "client_list"]
    # The list reads stored summaries: the same queries for 1 client or 3.
    assert len({r["queries"] for r in lists}) == 1
    assert lists[0]["queries"] <= 10
