"""Import files, folders and archives into one de-duplicated list of activities.

Every file found is accounted for: it yields activities or a ``Skipped`` entry with a reason
a person understands. Files are read one at a time; nothing here ever raises for bad input.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePosixPath

from runcare.activities.budget import BudgetSpentError, ImportBudget
from runcare.activities.containers import (
    NOT_A_FILE,
    ArchiveRefusedError,
    Entry,
    file_entry,
    folder_entries,
    open_zip,
    printable_path,
    zip_entries,
)
from runcare.activities.decode import decode
from runcare.activities.dedupe import merge_duplicates
from runcare.activities.limits import EARLIEST_START, MAX_AHEAD, MAX_NESTING
from runcare.activities.model import Activity, ImportResult, Skipped, Sport, UnreadableFileError
from runcare.activities.parsecache import ParseCache
from runcare.activities.strava import BadRow, StravaRow, activity_from_row, parse_activities_csv

ProgressCallback = Callable[[int, int], None]
"""Called with (files done, files known so far); the total grows as archives are opened."""

STRAVA_INDEX = "activities.csv"


def import_paths(
    paths: Sequence[Path | str],
    *,
    now: datetime,
    progress: ProgressCallback | None = None,
    budget: ImportBudget | None = None,
    cache: ParseCache | None = None,
) -> ImportResult:
    """Import everything under ``paths`` (files, folders, zip archives, Strava exports).

    ``now`` is when the import runs: an activity starting more than a day after it, or
    before 1980, has a wrong clock and is skipped. ``budget`` bounds what every archive and
    gzip file together may unpack (``None``: the limits of ``limits.py``); once it is spent
    the import stops, and ``ImportResult.stopped`` names the limit. ``cache`` keeps what
    each file held by its content (``parsecache``); the result is the same with or without.
    """
    run = _ImportRun(progress, budget or ImportBudget(), now, cache)
    try:
        for path in paths:
            run.add_path(Path(path))
    except BudgetSpentError as exc:
        run.stop(str(exc))
    activities, merged = merge_duplicates(run.activities)
    return ImportResult(tuple(activities), tuple(run.skipped), tuple(merged), run.stopped)


def implausible_start(activity: Activity, now: datetime) -> str | None:
    """Why the activity's start cannot be right (a device clock unset or wrong), or ``None``."""
    if activity.start < EARLIEST_START:
        return (
            f"starts on {activity.start:%Y-%m-%d}, before {EARLIEST_START:%Y}: the clock was wrong"
        )
    if activity.start > now + MAX_AHEAD:
        return (
            f"starts on {activity.start:%Y-%m-%d %H:%M} UTC, more than a day from now: "
            "the clock was wrong"
        )
    return None


class _ImportRun:
    def __init__(
        self,
        progress: ProgressCallback | None,
        budget: ImportBudget,
        now: datetime,
        cache: ParseCache | None,
    ) -> None:
        self.activities: list[Activity] = []
        self.skipped: list[Skipped] = []
        self.stopped: str | None = None
        self.done = 0
        self.total = 0
        self.budget = budget
        self.now = now
        self.cache = cache
        # The innermost file being read: where a spent budget stops the import.
        self.reading = ""
        self._progress = progress

    def add_path(self, path: Path) -> None:
        display = printable_path(str(path))
        self.reading = display
        if path.is_dir():
            self._walk(folder_entries(path, display, self.budget), depth=0)
        elif not path.exists():
            self._skip(display, "no such file or folder")
        elif not path.is_file():
            # Checked before the zip test below, which would open a named pipe and wait.
            self._skip(display, NOT_A_FILE)
        elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
            self.budget.add_input(path.stat().st_size)
            self._open_archive(display, lambda: open_zip(path), depth=0)
        else:
            self._walk([file_entry(path, display, self.budget)], depth=0)

    def stop(self, limit: str) -> None:
        self._skip(self.reading, f"not read: {limit}")
        self.stopped = (
            f"The import stopped at {self.reading}: {limit}. Everything listed was read "
            "before it; the files after it were not read."
        )

    def _open_archive(
        self, display: str, opener: Callable[[], zipfile.ZipFile], depth: int
    ) -> None:
        if depth > MAX_NESTING:
            self._skip(display, f"refused: archives nested more than {MAX_NESTING} deep")
            return
        try:
            archive = opener()
            entries = zip_entries(archive, display, self.budget)
        except (UnreadableFileError, ArchiveRefusedError) as exc:
            self._skip(display, str(exc))
            return
        with archive:
            self._walk(entries, depth)

    def _walk(self, entries: list[Entry], depth: int) -> None:
        self.total += len(entries)
        self._tick(0)
        remaining = self._import_strava(entries)
        for entry in remaining:
            self.reading = entry.source
            if entry.name.lower().endswith(".zip"):
                self._nested_archive(entry, depth)
            else:
                self._import_file(entry)
            self._tick(1)

    def _nested_archive(self, entry: Entry, depth: int) -> None:
        try:
            data = entry.read()
        except UnreadableFileError as exc:
            self._skip(entry.source, str(exc))
            return
        self._open_archive(entry.source, lambda: open_zip(io.BytesIO(data)), depth + 1)

    def _import_file(self, entry: Entry) -> list[Activity]:
        try:
            found = decode(entry.read(), entry.name, entry.source, self.budget, self.cache)
        except UnreadableFileError as exc:
            self._skip(entry.source, str(exc))
            return []
        except BudgetSpentError:
            raise
        except Exception as exc:  # the promise is: no traceback for bad input
            self._skip(entry.source, f"could not be read (unexpected {type(exc).__name__})")
            return []
        return self._add(found)

    def _add(self, found: list[Activity]) -> list[Activity]:
        """Keep the activities whose start is plausible; return them."""
        added = []
        for activity in found:
            reason = implausible_start(activity, self.now)
            if reason is None:
                added.append(activity)
            else:
                self._skip(activity.source, reason)
        self.activities.extend(added)
        return added

    def _import_strava(self, entries: list[Entry]) -> list[Entry]:
        """Import every Strava export found among ``entries``; return the entries left to read."""
        by_name = {entry.name: entry for entry in entries}
        used: set[str] = set()
        for index in _strava_indexes(entries):
            used |= self._import_strava_export(index, by_name)
        return [e for e in entries if e.name not in used] if used else entries

    def _import_strava_export(self, index: Entry, by_name: dict[str, Entry]) -> set[str]:
        """Import one export's rows and their files; return the entry names it used."""
        base = PurePosixPath(index.name).parent
        used = {index.name}
        try:
            rows = parse_activities_csv(index.read())
        except UnreadableFileError as exc:
            self._skip(index.source, str(exc))
            return used
        for row in rows:
            if isinstance(row, BadRow):
                self._skip(f"{index.source}#L{row.line}", row.reason)
                continue
            member = by_name.get(str(base / row.filename)) if row.filename else None
            if member is not None:
                used.add(member.name)
                self._tick(1)
            self._import_strava_row(row, member, index.source)
        self._tick(1)
        return used

    def _import_strava_row(self, row: StravaRow, member: Entry | None, index_source: str) -> None:
        source = f"{index_source}#L{row.line}"
        if member is None:
            note = "imported from activities.csv alone"
            if row.filename:
                note += f"; its file {row.filename} is not in the export"
            self._add([activity_from_row(row, source, note)])
            return
        before = len(self.skipped)
        found = self._import_file(member)
        if found:
            self.activities[-len(found) :] = [_with_strava_sport(a, row.sport) for a in found]
            return
        reason = self.skipped[before].reason if len(self.skipped) > before else "no activity"
        self.skipped[before:] = [Skipped(member.source, f"{reason}; summary taken from the CSV")]
        self._add([activity_from_row(row, source, f"file unreadable: {reason}")])

    def _skip(self, source: str, reason: str) -> None:
        self.skipped.append(Skipped(source, reason))

    def _tick(self, step: int) -> None:
        self.done += step
        if self._progress is not None:
            self._progress(self.done, self.total)


def _strava_indexes(entries: list[Entry]) -> list[Entry]:
    # At any depth: an export is often unpacked into a folder of its own, or zipped again
    # with the folders above it, and one folder may hold several exports.
    return [e for e in entries if PurePosixPath(e.name).name == STRAVA_INDEX]


def _with_strava_sport(activity: Activity, csv_sport: Sport) -> Activity:
    # The athlete's own choice on Strava beats a device's generic sport, but a device's more
    # specific running kind (trail, treadmill) beats a plain "Run".
    if csv_sport is Sport.OTHER or (csv_sport.is_running and activity.sport.is_running):
        return activity
    return replace(activity, sport=csv_sport)
