"""Reading a runner's files for a command, through the parsed-file cache unless told not to."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_cache_dir
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from runcare.activities import ImportResult, ProgressCallback, import_paths
from runcare.activities.filecache import FolderCache

# Above this many files a progress bar is worth its flicker.
PROGRESS_MIN_FILES = 20


def add_cache_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file again, neither reading nor writing the parsed-file cache",
    )


def cache_folder() -> Path:
    """The user's cache folder for runcare (``~/.cache/runcare`` on Linux, or under
    ``$XDG_CACHE_HOME``)."""
    return Path(user_cache_dir("runcare", appauthor=False))


def read_history(paths: Sequence[Path], err: Console, *, use_cache: bool) -> ImportResult:
    """Everything under ``paths``, as ``runcare import`` reads it, with a progress bar on
    ``err`` and a warning there if the cache cannot be used."""
    with progress_bar(err) as on_progress, _cache(err, use_cache) as cache:
        return import_paths(paths, now=datetime.now(UTC), progress=on_progress, cache=cache)


@contextmanager
def _cache(err: Console, use_cache: bool) -> Iterator[FolderCache | None]:
    if not use_cache:
        yield None
        return

    def warn(message: str) -> None:
        err.print(f"runcare: warning: {message}", markup=False, highlight=False, soft_wrap=True)

    with FolderCache(cache_folder(), warn) as cache:
        yield cache


@contextmanager
def progress_bar(console: Console) -> Iterator[ProgressCallback]:
    """A progress callback that shows a bar once there are many files on a terminal."""
    if not console.is_terminal:
        yield lambda done, total: None
        return
    progress = Progress(
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("import", total=None)
    started = False

    def update(done: int, total: int) -> None:
        nonlocal started
        if not started and total >= PROGRESS_MIN_FILES:
            progress.start()
            started = True
        progress.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if started:
            progress.stop()
