"""Plain text and the first link from the small HTML snippets Wikimedia Commons returns."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

# Anything that still looks like a tag after parsing (for example ``&lt;b&gt;`` turned back
# into ``<b>``) is removed too: a credit line is plain text.
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_SPACE = re.compile(r"\s+")
_HIDDEN = {"script", "style", "template"}


class _TextAndLink(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.parts: list[str] = []
        self.link: str | None = None
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden_depth += 1
        elif tag == "a" and self.link is None:
            href = dict(attrs).get("href")
            url = urljoin(self.base_url, href.strip()) if href else ""
            if url.lower().startswith(("https://", "http://")):
                self.link = url
        elif tag in {"br", "p", "div", "li"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def _untag(text: str) -> str:
    while True:
        cleaner = _TAG.sub("", text)
        if cleaner == text:
            return cleaner
        text = cleaner


COMMONS = "https://commons.wikimedia.org/"


def strip_html(value: str, base_url: str = COMMONS) -> tuple[str, str | None]:
    """``value`` as one line of plain text, and the address of its first web link (or None).

    Relative and protocol-relative links (``//commons...``, ``/wiki/User:...``) are made
    absolute against ``base_url``.
    """
    parser = _TextAndLink(base_url)
    try:
        parser.feed(value)
        parser.close()
        text = "".join(parser.parts)
    except (AssertionError, ValueError):
        # The standard parser gives up on a few malformed declarations; the text survives.
        text, parser.link = value, None
    return _SPACE.sub(" ", _untag(text)).strip(), parser.link
