"""Part headers of an upload that Django would drop or refuse, made readable before it parses.

Django's multipart parser skips a part whose headers are not UTF-8 (a file named in another
encoding vanished without a word) and refuses the whole request with a bare 400 when one
part's headers exceed 1 KB (a very long file name). ``PartHeaderFixer`` wraps the request
body and rewrites only the header block of each part: bytes that are not UTF-8 become
``%XX``, and a file name too long for the limit is cut in the middle. File contents pass
through untouched, a chunk at a time.
"""

from __future__ import annotations

import re
from typing import Protocol

from django.utils.http import parse_header_parameters

from runcare.web.training.convert import shorten

CHUNK_BYTES = 64 * 1024
# A header block longer than this is not a real one; it is passed on for Django to refuse.
SCAN_MAX_BYTES = 64 * 1024
# Django refuses part headers over 1,024 bytes (kept clear of, for the delimiter's line end).
HEADER_MAX_BYTES = 1000
# A name of this many characters (4 bytes each at worst) leaves room for the other headers.
NAME_MAX_CHARS = 180

_ESCAPED = re.compile("[\udc80-\udcff]")
_FILENAME = re.compile(r'(filename=")((?:[^"\\]|\\.)*)(")')


class Stream(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def boundary_of(content_type: str) -> bytes | None:
    """The multipart boundary of a ``Content-Type`` header, or ``None``."""
    kind, params = parse_header_parameters(content_type)
    boundary = params.get("boundary")
    if kind != "multipart/form-data" or not boundary:
        return None
    return boundary.encode("ascii", "ignore") or None


def fix_part_headers(block: bytes) -> bytes:
    """One part's header block with non-UTF-8 bytes as ``%XX``, and its file name cut in
    the middle when the block would be too long for Django."""
    lines = [_escaped(line) for line in block.split(b"\r\n")]
    fixed = "\r\n".join(lines).encode()
    if len(fixed) <= HEADER_MAX_BYTES:
        return fixed
    return "\r\n".join(_FILENAME.sub(_short_name, line) for line in lines).encode()


def _escaped(line: bytes) -> str:
    text = line.decode("utf-8", "surrogateescape")
    return _ESCAPED.sub(lambda found: f"%{ord(found[0]) - 0xDC00:02X}", text)


def _short_name(match: re.Match[str]) -> str:
    return match[1] + shorten(match[2], NAME_MAX_CHARS) + match[3]


class PartHeaderFixer:
    """A multipart body read through ``fix_part_headers``; everything else is unchanged."""

    def __init__(self, stream: Stream, boundary: bytes) -> None:
        self._stream = stream
        self._delimiter = b"--" + boundary
        self._raw = b""
        self._out = bytearray()
        self._eof = False

    def read(self, size: int = -1, /) -> bytes:
        while not self._eof and (size < 0 or len(self._out) < size):
            self._pull()
        if size < 0:
            size = len(self._out)
        data = bytes(self._out[:size])
        del self._out[:size]
        return data

    def readline(self, size: int = -1, /) -> bytes:
        while not self._eof and b"\n" not in self._out and (size < 0 or len(self._out) < size):
            self._pull()
        end = self._out.find(b"\n") + 1 or len(self._out)
        return self.read(end if size < 0 else min(end, size))

    def _pull(self) -> None:
        chunk = self._stream.read(CHUNK_BYTES)
        self._eof = not chunk
        self._raw += chunk
        while self._step():
            pass

    def _step(self) -> bool:
        """Move what is settled from ``_raw`` to ``_out``; ``True`` to look again."""
        at = self._raw.find(self._delimiter)
        if at < 0:
            # Keep a tail that may be the start of a delimiter split between two chunks.
            keep = 0 if self._eof else len(self._delimiter) - 1
            self._emit(max(0, len(self._raw) - keep))
            return False
        start = at + len(self._delimiter)
        end = self._raw.find(b"\r\n\r\n", start)
        if end < 0:
            if not self._eof and len(self._raw) - start < SCAN_MAX_BYTES:
                self._emit(at)  # wait for the rest of this header block
                return False
            self._emit(start)  # the closing delimiter, or no header at all
            return True
        self._out += self._raw[:start] + fix_part_headers(self._raw[start:end]) + b"\r\n\r\n"
        self._raw = self._raw[end + 4 :]
        return True

    def _emit(self, count: int) -> None:
        self._out += self._raw[:count]
        self._raw = self._raw[count:]
