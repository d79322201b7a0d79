"""What a file held, kept by its content, so that an unchanged file is never parsed twice.

The key is the SHA-256 of the bytes the reader would get (after gzip is unpacked) and the
reader kind chosen for them; nothing else changes what a reader returns: readers take no
options, write times in UTC and know nothing of the clock (the "no later than now" check
runs after them, on every import). A file that cannot be read is kept too, with its reason,
so a folder of junk is not re-examined either.

An entry records the version that wrote it (``CACHE_VERSION``); an entry from another
version is ignored and replaced. Bump ``READER_REVISION`` whenever a reader's output changes.

Activities are kept without their ``source`` (the same bytes can sit under many names) and
get the name they were found under back when they are read from the cache, so a cached
import gives exactly the answer a fresh one does.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from runcare import __version__
from runcare.activities.model import Activity, Sport

READER_REVISION = 1
CACHE_VERSION = f"{__version__}/{READER_REVISION}"

_FLOAT_FIELDS = ("duration_s", "moving_s", "distance_m", "ascent_m", "avg_hr_bpm", "max_hr_bpm")


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a reader made of one file: activities (``source`` left empty), or the reason it
    could not be read (``unreadable``, then ``activities`` is empty)."""

    activities: tuple[Activity, ...] = ()
    unreadable: str | None = None

    def placed(self, source: str) -> list[Activity]:
        """The activities as found under ``source``."""
        return [replace(activity, source=source) for activity in self.activities]


class ParseCache(Protocol):
    """Where parsed files are kept: a folder for the command line, the database for uploads.

    Neither method raises: a cache that cannot be read or written behaves as an empty one.
    """

    def get(self, key: str) -> Parsed | None: ...

    def put(self, key: str, parsed: Parsed) -> None: ...


def content_key(data: bytes, kind: str) -> str:
    """The key of ``data`` read as ``kind`` (``"gpx"``, ``"fit"``, ``"tcx"``)."""
    return f"{hashlib.sha256(data).hexdigest()}.{kind}"


def unplaced(activities: list[Activity], source: str) -> Parsed | None:
    """``activities`` read from ``source`` with the source taken out, or ``None`` when one
    of them names another source (then its answer depends on the name: not cacheable)."""
    if any(activity.source != source for activity in activities):
        return None
    return Parsed(activities=tuple(replace(a, source="") for a in activities))


def dump(parsed: Parsed) -> str:
    """The entry as JSON text, with the version that wrote it."""
    body: dict[str, Any] = {"version": CACHE_VERSION}
    if parsed.unreadable is not None:
        body["unreadable"] = parsed.unreadable
    else:
        body["activities"] = [_activity_to_dict(a) for a in parsed.activities]
    # Floats are written with repr, which reads back to the same float: no rounding here.
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def load(text: str | bytes) -> Parsed | None:
    """The entry in ``text``; ``None`` for another version. ``ValueError`` when damaged."""
    try:
        body = json.loads(text)
        if not isinstance(body, dict):
            raise ValueError("not an object")
        if body.get("version") != CACHE_VERSION:
            return None
        if "unreadable" in body:
            return Parsed(unreadable=_text(body["unreadable"]))
        return Parsed(activities=tuple(_activity_from_dict(item) for item in body["activities"]))
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise ValueError(f"damaged entry ({type(exc).__name__})") from exc


def _activity_to_dict(activity: Activity) -> dict[str, Any]:
    return {
        "start": activity.start.isoformat(),
        "sport": activity.sport.value,
        "kind": activity.kind,
        "utc_offset_s": activity.utc_offset_s,
        **{name: getattr(activity, name) for name in _FLOAT_FIELDS},
        "device": activity.device,
        "has_track": activity.has_track,
        "notes": list(activity.notes),
    }


def _activity_from_dict(item: dict[str, Any]) -> Activity:
    offset = item["utc_offset_s"]
    if offset is not None and type(offset) is not int:
        raise TypeError("utc_offset_s")
    device = item["device"]
    return Activity(
        start=datetime.fromisoformat(_text(item["start"])),
        sport=Sport(item["sport"]),
        source="",
        kind=_text(item["kind"]),
        utc_offset_s=offset,
        device=None if device is None else _text(device),
        has_track=bool(item["has_track"]),
        notes=tuple(_text(note) for note in item["notes"]),
        **{name: _float(item[name]) for name in _FLOAT_FIELDS},
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _float(value: object) -> float | None:
    if value is None:
        return None
    # bool is an int in Python but never a measurement.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("not a number")
    if not math.isfinite(value):
        raise TypeError("not finite")
    # JSON writes a float with its ".0" and an int without, so each comes back as it was.
    return value
