"""A post's body made fit for the static site: only links that lead somewhere stay links."""

from __future__ import annotations

import lxml.html

_EXTERNAL = ("http://", "https://", "mailto:")


def _leads_somewhere(href: str, pages: frozenset[str]) -> bool:
    # A library page of the app (``/body/muscles/...``) is not part of the export and
    # would be a dead link from a folder; its words stay, the link goes.
    return (
        href.lower().startswith(_EXTERNAL)
        or href.startswith("#")
        or (href.split("#", 1)[0] in pages)
    )


def local_only(html: str, pages: frozenset[str], pictures: frozenset[str]) -> tuple[str, list[str]]:
    """``html`` with every link to a page outside ``pages`` (and not on the web) turned into
    its words, and the image addresses that are not among ``pictures``."""
    if not html.strip():
        return html, []
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in list(container.iter("a")):
        if not _leads_somewhere(link.get("href", "").strip(), pages):
            link.drop_tag()
    missing = [img.get("src", "") for img in container.iter("img")]
    missing = [src for src in missing if src not in pictures]
    markup = lxml.html.tostring(container, encoding="unicode")
    return markup.removeprefix("<div>").removesuffix("</div>"), missing
