"""A few plain words from the start of a rendered post: for a feed's summary, a list of posts
or a link preview, where the markup and the pictures' credit lines do not belong."""

from __future__ import annotations

import re

import lxml.html

_SPACE = re.compile(r"\s+")


def excerpt(html: str, max_chars: int = 200) -> str:
    """The text of ``html`` without its figures, on one line, cut at a word boundary to at
    most ``max_chars`` characters (an ellipsis then ends it). Empty for a post without text."""
    if max_chars < 1:
        raise ValueError("an excerpt needs room for at least one character")
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for figure in root.findall(".//figure"):
        figure.drop_tree()
    # Block ends become spaces, so that a heading and the next paragraph do not run together.
    for element in root.iter():
        if element is not root and element.tag in {"p", "li", "h2", "h3", "h4", "h5", "h6", "br"}:
            element.tail = " " + (element.tail or "")
    text = _SPACE.sub(" ", root.text_content()).strip()
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    if " " in cut and not text[max_chars - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
