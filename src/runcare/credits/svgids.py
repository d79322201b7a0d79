"""Element ids of an inline drawing, made unique for each time it is shown on one page.

The project's drawings carry ids (a ``<title>`` the ``<svg>`` is labelled by, an arrow
marker, a shape used twice). Inlined twice on one page (a stretch in the program and in the
timer, one exercise prescribed twice), the ids repeat: the document is invalid, and
``url(#...)``, ``href="#..."`` and ``aria-labelledby`` may point into the other copy, which
a hidden copy turns into a missing arrow or an unnamed picture. Each later copy gets its
ids suffixed, together with every reference to them inside it.

This reads the project's own SVG only (attributes in double quotes, as the drawings are
written), never a person's upload.
"""

from __future__ import annotations

import re

_ID = re.compile(r'(\sid=")([^"]+)(")')
_URL_REF = re.compile(r"(url\(#)([^)\s]+)(\))")
_HREF_REF = re.compile(r'(href="#)([^"]+)(")')
_ID_LISTS = re.compile(r'(\saria-(?:labelledby|describedby)=")([^"]*)(")')


def suffixed_ids(svg: str, suffix: str) -> str:
    """``svg`` with each of its ids, and each reference to one, ending in ``suffix``.

    References to ids the drawing does not define are left alone. An empty ``suffix``
    returns ``svg`` unchanged.
    """
    if not suffix:
        return svg
    own = {match[2] for match in _ID.finditer(svg)}
    if not own:
        return svg

    def one(match: re.Match[str]) -> str:
        name = match[2]
        return f"{match[1]}{name}{suffix if name in own else ''}{match[3]}"

    def several(match: re.Match[str]) -> str:
        names = " ".join(f"{n}{suffix}" if n in own else n for n in match[2].split())
        return f"{match[1]}{names}{match[3]}"

    for pattern in (_ID, _URL_REF, _HREF_REF):
        svg = pattern.sub(one, svg)
    return _ID_LISTS.sub(several, svg)


class IdSuffixes:
    """Hands out a suffix per occurrence of a drawing on one page: none the first time (so a
    drawing shown once keeps its ids), then ``-2``, ``-3`` ... Use one per page."""

    def __init__(self) -> None:
        self._shown: dict[str, int] = {}

    def next_for(self, svg: str) -> str:
        count = self._shown.get(svg, 0) + 1
        self._shown[svg] = count
        return "" if count == 1 else f"-{count}"
