"""The short syntax that links a post to the library: ``[[kind:key]]`` or ``[[kind:key|words]]``.

Kinds (``KINDS``):

- ``muscle`` and ``exercise`` become a link to the library's page (``words`` replace its name);
- ``picture`` (a picture from the therapist's library, by its short name) and ``commons`` (a
  Wikimedia Commons file, ``[[commons:File:Name.jpg]]``, credited from the record the credit
  builder stored in the library) become a figure with its credit line; ``words`` are a caption.

What the library answers is the caller's business (``Library``): the core receives resolved
targets only, so it never reaches a database or the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from runcare.credits import Credit

LINK_KINDS = ("muscle", "exercise")
FIGURE_KINDS = ("picture", "commons")
KINDS = LINK_KINDS + FIGURE_KINDS

# The longest text between ``[[`` and ``]]``: a Commons file name is at most 240 bytes, and a
# caption is a line, not an essay. The bound keeps the search for ``]]`` linear in the post.
MAX_INNER_CHARS = 400

# A key is one line of text; these characters would make the syntax ambiguous.
_FORBIDDEN_IN_KEY = ("[", "]", "|", "\n", "\r")


@dataclass(frozen=True)
class LinkRef:
    """One ``[[kind:key|words]]`` as written; ``words`` is empty when none were given."""

    kind: str
    key: str
    words: str = ""

    @property
    def is_figure(self) -> bool:
        return self.kind in FIGURE_KINDS

    @property
    def written(self) -> str:
        """The syntax as a person would type it again, for messages."""
        words = f"|{self.words}" if self.words else ""
        return f"[[{self.kind}:{self.key}{words}]]"


@dataclass(frozen=True)
class LinkTarget:
    """A library page a muscle or exercise link goes to."""

    title: str
    url: str


@dataclass(frozen=True)
class PictureTarget:
    """A picture the library holds: its image address, the words a screen reader speaks and its
    credit. ``credit`` is ``None`` when none has been recorded; an incomplete credit is passed
    as it is, and the renderer says what is missing."""

    src: str
    alt: str
    credit: Credit | None


class Library(Protocol):
    """What the caller supplies to ``render_post``.

    ``resolve("muscle", "psoas_major")`` returns a ``LinkTarget``, ``resolve("picture",
    "hip-flexors")`` or ``resolve("commons", "File:Psoas major muscle.png")`` a
    ``PictureTarget``, and ``None`` when the library knows no such name.
    """

    def resolve(self, kind: str, key: str) -> LinkTarget | PictureTarget | None: ...


@dataclass(frozen=True)
class MappingLibrary:
    """A library held in a dict keyed by ``(kind, key)``: for tests, the static site and any
    caller that has already loaded what a post may link to."""

    targets: dict[tuple[str, str], LinkTarget | PictureTarget]

    def resolve(self, kind: str, key: str) -> LinkTarget | PictureTarget | None:
        return self.targets.get((kind, key))


def parse_link(inner: str) -> LinkRef | None:
    """The text between ``[[`` and ``]]`` as a ``LinkRef``; ``None`` when it is not the syntax
    (no ``kind:`` in front, an empty key), so that the text stays as it was written.

    The kind is not checked here: an unknown kind is a problem the renderer reports.
    """
    head, bar, words = inner.partition("|")
    kind, colon, key = head.partition(":")
    kind, key = kind.strip().lower(), key.strip()
    if len(inner) > MAX_INNER_CHARS or not colon or not kind or not key or not kind.isalpha():
        return None
    if any(char in key for char in _FORBIDDEN_IN_KEY) or "\n" in words:
        return None
    return LinkRef(kind=kind, key=key, words=words.strip() if bar else "")
