"""The command line's parsed-file cache: one SQLite file in a folder of the user's own.

A cache is a convenience, never a reason to fail: when the file cannot be opened, read or
written (damaged, a read-only folder, a full disk, locked by another process for too long)
the import carries on without it and ``warn`` is called once with the reason. A damaged
entry is dropped and the file parsed again.

The file and its folder are readable by their owner only (0600 and 0700): the entries are
summaries of someone's runs. Its size is bounded: past ``max_bytes`` the entries used
longest ago are removed when the cache is closed.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from runcare.activities.parsecache import Parsed, dump, load

CACHE_FILE = "parsed-files.sqlite3"
MAX_BYTES = 64 * 1024**2
# Eviction goes this far below the bound, so that it does not run again on every import.
EVICT_TO = 0.8
# Entries are committed in batches: one transaction per file would make a first import of
# thousands of files wait on thousands of disk syncs.
COMMIT_EVERY = 500
LOCK_WAIT_S = 2.0
# An entry's last use is rewritten only when it is older than this: eviction needs the order
# only roughly, and rewriting thousands of rows on every run would cost a write each time.
USED_AT_STEP_S = 24 * 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS parsed (
    key TEXT PRIMARY KEY,
    entry TEXT NOT NULL,
    size INTEGER NOT NULL,
    used_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS parsed_used_at ON parsed (used_at);
"""


class FolderCache:
    """A ``ParseCache`` kept in ``folder``; use it as a context manager (``close`` commits).

    ``clock`` gives the time entries are marked used at (seconds, any epoch that only grows);
    it is read once, when the cache is opened.
    """

    def __init__(
        self,
        folder: Path,
        warn: Callable[[str], None],
        *,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = folder / CACHE_FILE
        self.max_bytes = max_bytes
        self._warn = warn
        self._warned = False
        self._clock = clock
        self._now = clock()
        self._used: list[str] = []
        self._pending = 0
        self._db: sqlite3.Connection | None = None
        try:
            self._db = _open(folder, self.path)
        except (OSError, sqlite3.Error) as exc:
            self._fail("cannot be opened", exc)

    def get(self, key: str) -> Parsed | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT entry, used_at FROM parsed WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error as exc:
            self._fail("cannot be read", exc)
            return None
        if row is None:
            return None
        try:
            parsed = load(row[0])
        except ValueError as exc:
            self._warn_once(f"a damaged entry in the parsed-file cache was ignored ({exc})")
            return None
        if parsed is not None and self._now - row[1] > USED_AT_STEP_S:
            self._used.append(key)
        return parsed

    def put(self, key: str, parsed: Parsed) -> None:
        if self._db is None:
            return
        entry = dump(parsed)
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO parsed (key, entry, size, used_at) VALUES (?, ?, ?, ?)",
                (key, entry, len(key) + len(entry.encode()), self._now),
            )
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                self._commit()
        except sqlite3.Error as exc:
            self._fail("cannot be written", exc)

    def close(self) -> None:
        """Mark the entries read as used, evict past the bound, commit; never raises."""
        if self._db is None:
            return
        try:
            self._db.executemany(
                "UPDATE parsed SET used_at = ? WHERE key = ?", [(self._now, k) for k in self._used]
            )
            self._evict()
            self._commit()
        except sqlite3.Error as exc:
            self._fail("cannot be written", exc)
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> FolderCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _commit(self) -> None:
        assert self._db is not None
        self._db.commit()
        self._pending = 0

    def _evict(self) -> None:
        assert self._db is not None
        (total,) = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM parsed").fetchone()
        if total <= self.max_bytes:
            return
        excess = total - int(self.max_bytes * EVICT_TO)
        doomed = []
        for key, size in self._db.execute("SELECT key, size FROM parsed ORDER BY used_at, key"):
            if excess <= 0:
                break
            doomed.append((key,))
            excess -= size
        self._db.executemany("DELETE FROM parsed WHERE key = ?", doomed)

    def _fail(self, what: str, exc: Exception) -> None:
        """Stop using the cache for the rest of this import, saying so once."""
        self._warn_once(f"the parsed-file cache {self.path} {what} ({exc}); reading without it")
        if self._db is not None:
            try:
                self._db.rollback()
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def _warn_once(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn(message)


def _open(folder: Path, path: Path) -> sqlite3.Connection:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Created by hand first so that it is never, even for a moment, readable by others;
    # SQLite gives its journal the same mode as the file.
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    db = sqlite3.connect(path, timeout=LOCK_WAIT_S)
    try:
        db.executescript(_SCHEMA)
    except sqlite3.Error:
        db.close()
        raise
    return db
