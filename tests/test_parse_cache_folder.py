"""The command line's cache folder: private, bounded, and never a reason to fail."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from runcare.activities import filecache
from runcare.activities.filecache import CACHE_FILE, FolderCache
from runcare.activities.parsecache import Parsed, dump

ENTRY = Parsed(unreadable="not an activity file")


class Clock:
    """Two days further on each time it is read."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 2 * 24 * 3600
        return self.now


def test_it_keeps_entries_between_runs(tmp_path: Path) -> None:
    warnings: list[str] = []
    with FolderCache(tmp_path / "c", warnings.append) as cache:
        cache.put("k", ENTRY)
    with FolderCache(tmp_path / "c", warnings.append) as cache:
        assert cache.get("k") == ENTRY
        assert cache.get("other") is None
    assert warnings == []


def test_it_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    with FolderCache(tmp_path / "c", print) as cache:
        cache.put("k", ENTRY)
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "c" / CACHE_FILE).stat().st_mode) == 0o600


def test_it_warns_once_and_carries_on_when_the_folder_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "c").write_text("a file where the folder should be")
    warnings: list[str] = []
    with FolderCache(tmp_path / "c", warnings.append) as cache:
        cache.put("k", ENTRY)
        assert cache.get("k") is None
        cache.put("j", ENTRY)
    assert len(warnings) == 1 and "cannot be opened" in warnings[0]


def test_it_warns_once_and_carries_on_when_the_file_is_damaged(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / CACHE_FILE).write_bytes(b"this is not a database at all" * 100)
    warnings: list[str] = []
    with FolderCache(tmp_path / "c", warnings.append) as cache:
        assert cache.get("k") is None
        cache.put("k", ENTRY)
        assert cache.get("k") is None
    assert len(warnings) == 1 and "reading without it" in warnings[0]


def test_it_ignores_a_damaged_entry_and_replaces_it(tmp_path: Path) -> None:
    with FolderCache(tmp_path, print) as cache:
        cache.put("k", ENTRY)
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        db.execute("UPDATE parsed SET entry = '{\"version\": 1'")
    warnings: list[str] = []
    with FolderCache(tmp_path, warnings.append) as cache:
        assert cache.get("k") is None
        cache.put("k", ENTRY)
        assert cache.get("k") == ENTRY
    assert len(warnings) == 1 and "damaged entry" in warnings[0]


def test_it_warns_once_when_it_cannot_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filecache, "LOCK_WAIT_S", 0.05)
    with FolderCache(tmp_path, print):
        pass
    other = sqlite3.connect(tmp_path / CACHE_FILE)
    other.execute("BEGIN EXCLUSIVE")  # another process writing, for longer than we wait
    warnings: list[str] = []
    try:
        with FolderCache(tmp_path, warnings.append) as cache:
            cache.put("k", ENTRY)
            cache.put("j", ENTRY)
            assert cache.get("k") is None
    finally:
        other.rollback()
        other.close()
    assert len(warnings) == 1


def test_it_evicts_the_entries_used_longest_ago(tmp_path: Path) -> None:
    clock = Clock()
    for key in ("a", "b", "c", "d"):
        with FolderCache(tmp_path, print, clock=clock) as cache:
            cache.put(key, ENTRY)
    with FolderCache(tmp_path, print, clock=clock) as cache:
        assert cache.get("a") == ENTRY  # now the most recently used
    size = len("a") + len(dump(ENTRY))
    with FolderCache(tmp_path, print, clock=clock, max_bytes=3 * size) as cache:
        pass
    with FolderCache(tmp_path, print, clock=clock) as cache:
        kept = {key for key in ("a", "b", "c", "d") if cache.get(key) is not None}
    assert "a" in kept and "b" not in kept
    assert len(kept) <= 2  # evicted down to 80 % of the bound


def test_it_does_not_rewrite_an_entry_used_the_same_day(tmp_path: Path) -> None:
    with FolderCache(tmp_path, print, clock=lambda: 1000.0) as cache:
        cache.put("k", ENTRY)
    with FolderCache(tmp_path, print, clock=lambda: 1000.0 + 3600) as cache:
        assert cache.get("k") == ENTRY
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        assert db.execute("SELECT used_at FROM parsed").fetchone() == (1000.0,)
    with FolderCache(tmp_path, print, clock=lambda: 1000.0 + 2 * 86400) as cache:
        assert cache.get("k") == ENTRY
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        assert db.execute("SELECT used_at FROM parsed").fetchone() == (1000.0 + 2 * 86400,)
