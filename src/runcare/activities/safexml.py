"""Parse XML that came from outside (an upload, an export) without trusting it.

Activity files (GPX, TCX) never need a DTD or entities, and entities are how XML attacks
work: a few nested declarations expand to gigabytes ("billion laughs"), and an external
entity can read a local file or fetch a URL. So the parser resolves no entities, loads no
DTD, touches no network and keeps libxml2's size limits on (``huge_tree`` off), and a
document that declares entities is refused outright rather than parsed around.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from runcare.activities.model import UnreadableFileError

ENTITIES_REFUSED = "refused: the file declares XML entities, which an activity file never needs"

# "<!ENTITY" as it appears in the bytes of the encodings a document can start in; UTF-16
# is checked too so that re-encoding the file does not slip a declaration past the scan.
_ENTITY_MARKERS = tuple("<!ENTITY".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))


def parse(data: bytes) -> etree._Element:
    """The root element of ``data``, or UnreadableFileError with a short reason.

    ``data`` is the raw file: a byte-order mark and the encoding declaration are honoured.
    """
    if any(marker in data for marker in _ENTITY_MARKERS):
        raise UnreadableFileError(ENTITIES_REFUSED)
    if not data.strip():
        raise UnreadableFileError("the file is empty")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableFileError(_syntax_reason(exc)) from exc
    except ValueError as exc:  # lxml's own checks, e.g. an unsupported encoding name
        raise UnreadableFileError(f"not readable as XML ({exc})") from exc
    _refuse_declared_entities(root)
    return root


# Cached because readers call it for every child of every point, and a file uses only a
# handful of distinct tags; the bound keeps a hostile file with endless tags from growing it.
@lru_cache(maxsize=512)
def local_name(tag: object) -> str:
    """``{namespace}name`` -> ``name``; comments and other non-elements give ``""``."""
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1 :]


class TagCodes:
    """Small numbers for the children of a track point, looked up by their full tag.

    Readers test ``known.get(tag)`` in their hot loop and call ``code`` only for a tag not met
    yet, so a file's namespace (or none) costs one local-name lookup per tag, not per point.
    At most ``limit`` tags are remembered: a hostile file with endless tags stops growing it.
    With ``fold_case`` the local names are matched in lower case (watch makers' extensions
    spell heart rate every way).
    """

    def __init__(
        self,
        by_local_name: Mapping[str, int],
        other: int,
        *,
        fold_case: bool = False,
        limit: int = 512,
    ) -> None:
        self.known: dict[object, int] = {}
        self._fold_case = fold_case
        self._by_local_name = {
            (name.lower() if fold_case else name): code for name, code in by_local_name.items()
        }
        self._other = other
        self._limit = limit

    def code(self, tag: object) -> int:
        found = self.known.get(tag)
        if found is None:
            name = local_name(tag)
            found = self._by_local_name.get(name.lower() if self._fold_case else name, self._other)
            if len(self.known) < self._limit:
                self.known[tag] = found
        return found


def _parser() -> etree.XMLParser:
    # A fresh parser per document: lxml parsers must not be shared between threads, and
    # building one costs microseconds.
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _syntax_reason(exc: etree.XMLSyntaxError) -> str:
    message = str(exc.msg or "")
    if "entity" in message.lower() and "amplification" in message.lower():
        return ENTITIES_REFUSED
    line = exc.lineno if exc.lineno else (exc.position[0] if exc.position else None)
    return f"not well-formed XML (line {line})" if line else "not well-formed XML"


def _refuse_declared_entities(root: etree._Element) -> None:
    """Second line of defence for encodings the byte scan cannot see (UTF-32, EBCDIC...)."""
    dtd = root.getroottree().docinfo.internalDTD
    # lxml-stubs do not declare DTD.entities(), hence the ignore.
    if dtd is not None and dtd.entities():  # type: ignore[attr-defined]
        raise UnreadableFileError(ENTITIES_REFUSED)


class XmlTime(NamedTuple):
    """An ``xs:dateTime`` read from a file.

    ``utc`` is always timezone-aware UTC. ``offset_s`` is the local offset the text wrote,
    ``None`` when it wrote none or a zero one: exporters write ``Z`` or ``+00:00`` whatever
    the runner's local time was, so a zero offset says nothing about where they ran.
    ``zoned`` is False when the text had no zone at all and was taken as UTC.
    """

    # A NamedTuple rather than a frozen dataclass: one is built for every track point, and
    # a tuple is several times cheaper to create.
    utc: datetime
    offset_s: int | None
    zoned: bool


def xml_datetime(text: str | None) -> XmlTime | None:
    """The time in ``text``, or ``None`` when it is missing or not a date and time."""
    if not text:
        return None
    try:
        # upper(): a lower-case "z" is valid xs:dateTime but not ISO to Python 3.11.
        moment = datetime.fromisoformat(text.strip().upper())
        if moment.tzinfo is UTC:  # "Z", by far the most common
            return XmlTime(moment, None, True)
        offset = moment.utcoffset()
        if offset is None:
            return XmlTime(moment.replace(tzinfo=UTC), None, False)
        utc = moment.astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: an offset pushing year 1 below 1
        return None
    return XmlTime(utc, int(offset.total_seconds()) or None, True)


def xml_float(text: str | None, low: float = -math.inf, high: float = math.inf) -> float | None:
    """A finite number within [low, high] from ``text``, or ``None``.

    ``nan`` and ``inf`` parse as floats in Python but are never a measurement.
    """
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and low <= value <= high else None
