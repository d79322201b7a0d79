"""A post's body made fit for the static site: only links that lead somewhere stay links."""

from __future__ import annotations

from collections.abc import Mapping

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


def local_only(
    html: str,
    pages: frozenset[str],
    pictures: frozenset[str],
    mapped: Mapping[str, str] | None = None,
) -> tuple[str, list[str]]:
    """``html`` with every link to a page outside ``pages`` (and not on the web) turned into
    its words, and the image addresses that are not among ``pictures``. A link whose address
    (before any ``#``) is a key of ``mapped`` (an app address of a post the site holds) first
    becomes the site's page for it, its fragment kept."""
    if not html.strip():
        return html, []
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in list(container.iter("a")):
        href = link.get("href", "").strip()
        address, hash_, fragment = href.partition("#")
        if mapped and address in mapped:
            href = mapped[address] + hash_ + fragment
            link.set("href", href)
        if not _leads_somewhere(href, pages):
            link.drop_tag()
    missing = [img.get("src", "") for img in container.iter("img")]
    missing = [src for src in missing if src not in pictures]
    markup = lxml.html.tostring(container, encoding="unicode")
    return markup.removeprefix("<div>").removesuffix("</div>"), missing
