"""From one file's bytes to activities: unwrap gzip, tell the format, call its reader."""

from __future__ import annotations

import gzip
import io
import zlib

from runcare.activities.budget import ImportBudget
from runcare.activities.limits import MAX_COMPRESSION_RATIO, MAX_FILE_BYTES, RATIO_CHECK_MIN_BYTES
from runcare.activities.model import Activity, UnreadableFileError
from runcare.activities.parsecache import ParseCache, Parsed, content_key, unplaced
from runcare.activities.readers import EXTENSIONS, get_reader, sniff_kind

GZIP_MAGIC = b"\x1f\x8b"


def activity_extension(name: str) -> str | None:
    """The reader kind a file name promises (``run.fit.gz`` -> ``fit``), if any."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for ext, kind in EXTENSIONS.items():
        if lower.endswith(ext):
            return kind
    return None


def gunzip(data: bytes, budget: ImportBudget) -> bytes:
    """The unpacked bytes, charged to the import's ``budget``."""
    limit = min(MAX_FILE_BYTES, max(RATIO_CHECK_MIN_BYTES, len(data) * MAX_COMPRESSION_RATIO))
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            return budget.read(handle, limit, "the unpacked file")
    except (OSError, EOFError, zlib.error) as exc:
        raise UnreadableFileError("damaged gzip data (truncated or corrupt)") from exc


def decode(
    data: bytes,
    name: str,
    source: str,
    budget: ImportBudget,
    cache: ParseCache | None = None,
) -> list[Activity]:
    """Read one file's activities; raise UnreadableFileError with a plain reason otherwise.

    Unpacking a gzip file is charged to ``budget`` (``BudgetSpentError`` when spent), also
    when the unpacked bytes are then found in ``cache``: the budget bounds what is inflated.
    """
    if not data:
        raise UnreadableFileError("the file is empty")
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, budget)
        if not data:
            raise UnreadableFileError("the file is empty once unpacked")
    # Content wins over the name: a GPX saved as .fit is still read as GPX.
    kind = sniff_kind(data[:4096]) or activity_extension(name)
    if kind is None:
        raise UnreadableFileError("not an activity file (no FIT, GPX or TCX content found)")
    if cache is None:
        return get_reader(kind)(data, source)
    return _cached_read(data, kind, source, cache)


def _cached_read(data: bytes, kind: str, source: str, cache: ParseCache) -> list[Activity]:
    key = content_key(data, kind)
    kept = cache.get(key)
    if kept is None:
        try:
            found = get_reader(kind)(data, source)
        except UnreadableFileError as exc:
            cache.put(key, Parsed(unreadable=str(exc)))
            raise
        # Anything else a reader raises is a bug met on this file: not kept, so a fixed
        # reader gets to read it again.
        fresh = unplaced(found, source)
        if fresh is not None:
            cache.put(key, fresh)
        return found
    if kept.unreadable is not None:
        raise UnreadableFileError(kept.unreadable)
    return kept.placed(source)
