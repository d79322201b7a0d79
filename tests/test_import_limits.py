"""One budget for the whole import: archive bombs stop early, in bounded memory.

Each archive is built here, small on disk, and would unpack to gigabytes. "Quickly" is
measured by the bytes actually inflated (counted by the budget), not by the clock, and
memory by tracemalloc's peak.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from runcare.activities import ImportBudget, Skipped, import_paths
from runcare.activities.limits import INFLATE_FLOOR_BYTES, MAX_COMPRESSION_RATIO
from runcare.cli.format import skipped_lines
from runcare.cli.main import main
from tests.builders import NOW, START, gpx_run, repeated_member_zip

MiB = 1024**2
T = TypeVar("T")


def packed(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def peak_bytes(work: Callable[[], T]) -> tuple[T, int]:
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def low_ratio_mib() -> bytes:
    """1 MiB that deflates about 120 times: under every per-file and per-archive check."""
    noise = random.Random(7).randbytes(8 * 1024)
    return noise + bytes(MiB - len(noise))


def nested_bomb() -> bytes:
    """A run, then 32 x 32 zips of 24 members of 1 MiB: 24 GiB once unpacked, ~0.5 MB packed."""
    inner = repeated_member_zip((f"part{i}.gpx" for i in range(24)), low_ratio_mib())
    middle = packed({f"day{i}.zip": inner for i in range(32)})
    return packed({"a-run.gpx": gpx_run(), **{f"month{i}.zip": middle for i in range(32)}})


def test_it_stops_nested_zips_once_the_whole_import_has_unpacked_its_budget(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "nested.zip"
    archive.write_bytes(nested_bomb())
    assert archive.stat().st_size < 1024**2
    budget = ImportBudget()
    result, peak = peak_bytes(lambda: import_paths([archive], now=NOW, budget=budget))
    assert budget.packed_bytes == archive.stat().st_size
    limit = max(INFLATE_FLOOR_BYTES, MAX_COMPRESSION_RATIO * archive.stat().st_size)
    assert budget.inflated_bytes <= limit < 24 * 1024**3 / 100
    assert result.stopped is not None
    assert "unpack to more than 200 times their packed size" in result.stopped
    assert "month" in result.stopped  # where it stopped
    # What was read before the stop is kept.
    assert [a.source for a in result.activities] == [f"{archive}!a-run.gpx"]
    assert result.skipped[-1].reason.startswith("not read: the files unpack to more than")
    assert peak < 64 * MiB


def test_it_refuses_sixty_zips_of_a_thousand_megabytes_of_zeros(tmp_path: Path) -> None:
    inner = repeated_member_zip((f"zeros{i}.fit" for i in range(1000)), bytes(1_000_000))
    archive = tmp_path / "sixty.zip"
    archive.write_bytes(packed({f"batch{i}.zip": inner for i in range(60)}))
    assert archive.stat().st_size < 2 * MiB
    budget = ImportBudget()
    result, peak = peak_bytes(lambda: import_paths([archive], now=NOW, budget=budget))
    # Each inner zip is read (about a megabyte) and refused from its directory alone.
    assert budget.inflated_bytes <= 60 * len(inner)
    assert len(result.skipped) == 60
    assert all("together expand over 200 times" in s.reason for s in result.skipped)
    assert peak < 64 * MiB


def test_it_refuses_two_thousand_members_of_one_mebibyte_each(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    archive.write_bytes(repeated_member_zip((f"f{i}.gpx" for i in range(2000)), bytes(MiB)))
    budget = ImportBudget()
    result = import_paths([archive], now=NOW, budget=budget)
    assert budget.inflated_bytes == 0
    [refused] = result.skipped
    assert refused.source == str(archive)
    assert "2,000 files together expand over 200 times" in refused.reason


def test_it_counts_gzip_files_against_the_same_budget(tmp_path: Path) -> None:
    # Each file passes gzip's own check (1 MiB at most); together they spend the budget.
    for i in range(100):
        (tmp_path / f"run{i:03d}.gpx.gz").write_bytes(gzip.compress(bytes(MiB)))
    budget = ImportBudget()
    result = import_paths([tmp_path], now=NOW, budget=budget)
    assert result.stopped is not None
    assert budget.inflated_bytes <= INFLATE_FLOOR_BYTES
    read = len(result.skipped)
    assert 60 <= read < 100
    assert result.skipped[-1].source == str(tmp_path / f"run{read - 1:03d}.gpx.gz")


def test_it_counts_members_of_every_nesting_level_together(tmp_path: Path) -> None:
    first = packed(
        {"run.gpx": gpx_run(), **{f"note{i}.txt": b"x" for i in range(39)}},
    )
    second = packed({f"later{i}.gpx": gpx_run(START.replace(day=2)) for i in range(40)})
    archive = tmp_path / "export.zip"
    archive.write_bytes(packed({"a.zip": first, "b.zip": second}))
    result = import_paths([archive], now=NOW, budget=ImportBudget(max_members=60))
    assert result.stopped is not None
    assert "more than 60 files together" in result.stopped
    assert [a.source for a in result.activities] == [f"{archive}!a.zip!run.gpx"]
    assert result.skipped[-1].source == f"{archive}!b.zip"


def test_it_imports_a_real_sized_export_within_the_budget(tmp_path: Path) -> None:
    runs = {f"run{day:02d}.gpx": gpx_run(START.replace(day=day)) for day in range(1, 29)}
    archive = tmp_path / "export.zip"
    archive.write_bytes(packed({"inner.zip": packed(runs)}))
    result = import_paths([archive], now=NOW)
    assert result.stopped is None
    assert len(result.activities) == 28


@pytest.fixture
def fifty_thousand(tmp_path: Path) -> Path:
    archive = tmp_path / "junk.zip"
    archive.write_bytes(repeated_member_zip((f"junk/{i:05d}.txt" for i in range(50_000)), b"x"))
    return archive


def test_it_reads_fifty_thousand_members_in_bounded_memory(fifty_thousand: Path) -> None:
    result, peak = peak_bytes(lambda: import_paths([fifty_thousand], now=NOW))
    assert result.stopped is None
    assert len(result.skipped) == 50_000
    assert peak < 200 * MiB


def test_it_keeps_the_terminal_and_json_answers_short_for_fifty_thousand_files(
    fifty_thousand: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(fifty_thousand)])
    out = capsys.readouterr().out
    assert out.count("\n") < 100
    assert "... and 49975 more" in out
    assert "50000 read: 0 activities" in out
    main(["import", str(fifty_thousand), "--json"])
    text = capsys.readouterr().out
    assert len(text) < 200_000
    data = json.loads(text)
    assert len(data["skipped"]) == 1000
    assert data["skipped_more"] == [
        {"reason": "not an activity file (no FIT, GPX or TCX content found)", "count": 49_000}
    ]
    assert data["counts"] == {"read": 50_000, "activities": 0, "merged": 0, "skipped": 50_000}


def test_it_says_the_import_stopped_in_the_terminal_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(100):
        (tmp_path / f"z{i:03d}.gpx.gz").write_bytes(gzip.compress(bytes(MiB)))
    (tmp_path / "a-run.gpx").write_bytes(gpx_run())
    assert main(["import", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "1 activity from 2024-05-01" in out
    assert "The import stopped at" in out


def test_it_charges_only_what_a_lying_header_lets_through(tmp_path: Path) -> None:
    data = bytearray(packed({"run.gpx": gpx_run(distance_m=20_000.0)}))
    # Claim a smaller size in both headers: the reader must not trust the difference.
    real = len(gpx_run(distance_m=20_000.0))
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(header) + offset
        data[at : at + 4] = (real // 2).to_bytes(4, "little")
    archive = tmp_path / "lying.zip"
    archive.write_bytes(bytes(data))
    budget = ImportBudget()
    result = import_paths([archive], now=NOW, budget=budget)
    assert result.activities == ()
    assert budget.inflated_bytes <= real // 2 + 1
    assert Path(result.skipped[0].source).name == "lying.zip!run.gpx"


def test_it_lists_a_screenful_of_skipped_lines_then_counts_by_reason() -> None:
    skipped = [Skipped(f"junk/{i}.txt", "not an activity file") for i in range(100)]
    lines = skipped_lines([*skipped, Skipped("empty.fit", "the file is empty")])
    assert lines[0] == "skipped junk/0.txt: not an activity file"
    assert lines[25:] == [
        "skipped 75 more: not an activity file",
        "skipped 1 more: the file is empty",
    ]
