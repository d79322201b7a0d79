"""Health data on disk is readable by its owner only.

Every runcare process runs with a umask of 077 (set by the command line and by the WSGI
entry), so what it creates is 0600 (files) or 0700 (folders). An install made before that,
or copied with other modes, is tightened when a command starts, with one line in the log.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings

PRIVATE_UMASK = 0o077
OPEN_TO_OTHERS = stat.S_IRWXG | stat.S_IRWXO

logger = logging.getLogger("runcare")


def _walk(root: Path, skip: frozenset[Path]) -> Iterator[Path]:
    """``root`` and everything below it, without following links or entering ``skip``."""
    if root in skip or root.is_symlink() or not root.exists():
        return
    yield root
    if not root.is_dir():
        return
    for folder, folders, files in os.walk(root, followlinks=False):
        base = Path(folder)
        folders[:] = [name for name in folders if base / name not in skip]
        for name in (*folders, *files):
            path = base / name
            if not path.is_symlink():
                yield path


def tighten(roots: Iterable[Path], skip: Iterable[Path] = ()) -> list[Path]:
    """Take group and other permissions off everything under ``roots``; the changed paths."""
    skipped = frozenset(Path(path) for path in skip)
    changed = []
    for root in dict.fromkeys(Path(r) for r in roots):
        for path in _walk(root, skipped):
            try:
                mode = path.lstat().st_mode
                if mode & OPEN_TO_OTHERS:
                    path.chmod(stat.S_IMODE(mode) & ~OPEN_TO_OTHERS)
                    changed.append(path)
            except OSError as exc:
                logger.warning("runcare: could not make %s private: %s", path, exc.strerror)
    return changed


def _install_paths() -> list[Path]:
    roots = [Path(settings.DATA_DIR), Path(settings.UPLOAD_DIR)]
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = Path(database["NAME"])
        # The write-ahead log holds recent writes in clear, as the database does.
        roots += [name, *(name.with_name(name.name + end) for end in ("-wal", "-shm"))]
    return roots


def tighten_install() -> None:
    """Make the data folder, the upload folder and a SQLite database private, logging once."""
    # Collected CSS and scripts are public by nature; a web server may need to read them.
    skip = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    changed = tighten(_install_paths(), skip)
    if changed:
        logger.warning(
            "runcare: %d files and folders of the data and upload folders were readable by "
            "other users; they are now readable by their owner only (first: %s)",
            len(changed),
            changed[0],
        )
