"""The credit record every picture carries, drawn by the project or uploaded by a therapist."""

from __future__ import annotations

from dataclasses import dataclass


class CreditError(ValueError):
    """A credit that cannot be built or shown; the message is meant for a person."""


@dataclass(frozen=True)
class Credit:
    """Title, author, source and licence of one picture (TASL), plus whether it was changed.

    ``author_url`` and ``license_url`` are ``None`` when there is no link to give;
    ``source_url`` is the page that describes the picture (for Wikimedia Commons the file
    page, never the image file itself). ``modified_from`` names what a modified picture was
    made from, when it is not the source itself.
    """

    title: str
    author: str
    source_url: str
    license: str
    author_url: str | None = None
    license_url: str | None = None
    modified: bool = False
    modified_from: str | None = None


# A credit is complete when a reader can tell what it is, who made it, where it comes from
# and under which terms: the four parts of TASL. Links to the author and licence are welcome
# but public-domain works often have neither.
_REQUIRED = ("title", "author", "source_url", "license")


def missing_fields(credit: Credit) -> tuple[str, ...]:
    """The names of the TASL fields that are empty; an empty tuple means the credit is complete."""
    return tuple(name for name in _REQUIRED if not str(getattr(credit, name) or "").strip())
