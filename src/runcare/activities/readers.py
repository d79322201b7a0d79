"""The registry of file readers, keyed by a short stable kind, and content sniffing.

A reader takes the file's bytes and the name to report it under, and returns the
activities it holds, or raises UnreadableFileError with a reason a person understands.
Adding a format means adding one module with a ``read`` function and one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from runcare.activities.model import Activity

Reader = Callable[[bytes, str], list[Activity]]

EXTENSIONS = {".fit": "fit", ".gpx": "gpx", ".tcx": "tcx"}


def sniff_kind(head: bytes) -> str | None:
    """Tell the format from the first bytes, so a wrongly named file is still read right."""
    if len(head) >= 12 and head[8:12] == b".FIT":
        return "fit"
    text = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not text.startswith(b"<"):
        return None
    if b"<gpx" in text:
        return "gpx"
    if b"<trainingcenterdatabase" in text:
        return "tcx"
    return None


# Modules are imported on first use so that a reader's dependencies load only when needed.
READER_MODULES = {
    "fit": "runcare.activities.fit",
    "gpx": "runcare.activities.gpx",
    "tcx": "runcare.activities.tcx",
}


def get_reader(kind: str) -> Reader:
    """The ``read`` function of the module registered for ``kind`` (KeyError if none)."""
    module = importlib.import_module(READER_MODULES[kind])
    reader: Reader = module.read
    return reader
