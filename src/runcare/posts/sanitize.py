"""The last step of every post's HTML, wherever it is shown (page, feed, static site): nh3 (the
Rust ``ammonia`` sanitiser) with an explicit allow-list. Markdown is parsed with raw HTML off, so
nothing a writer types should reach here as markup; this is the second lock on the door.
"""

from __future__ import annotations

import re

import nh3

# What Markdown produces, plus the figure and credit markup of ``runcare.credits.figure_html``.
TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "span",
        "strong",
        "ul",
    }
)

# ``class`` is not listed here: only the classes below survive (ALLOWED_CLASSES), so a post
# cannot borrow the look of the product's own warnings. ``rel`` is set by nh3 on every link.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "loading", "decoding"}),
    "ol": frozenset({"start"}),
    "p": frozenset({"role"}),
    "span": frozenset({"role", "aria-label"}),
}

ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    "a": frozenset({"library-link"}),
    "figure": frozenset({"credited"}),
    "p": frozenset({"figure-uncredited", "figure-missing"}),
    "span": frozenset({"credit", "credit-source", "figure-caption", "link-unknown"}),
}

# Relative addresses pass (a static site's ``pictures/x.png``, an app's ``/muscles/psoas``);
# any other scheme (javascript:, data:, vbscript:, file:) is dropped with its attribute.
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What a browser drops before reading an address: spaces and controls at the ends, tabs and
# line breaks anywhere (the URL standard), so that "java\tscript:" is seen as what it is.
_NOISE_ENDS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_NOISE_INSIDE = re.compile(r"[\t\n\r]")


def usable_address(url: str) -> bool:
    """Whether ``url`` is an address the sanitiser keeps: relative, or one of URL_SCHEMES."""
    cleaned = _NOISE_INSIDE.sub("", _NOISE_ENDS.sub("", url))
    scheme = _SCHEME.match(cleaned)
    return bool(cleaned) and (scheme is None or scheme.group(1).lower() in URL_SCHEMES)


_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=frozenset({"script", "style"}),
    attributes=ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """``html`` with every tag, attribute, class and URL scheme outside the allow-list removed
    (a ``<script>`` or ``<style>`` with its content). Safe to call again on its own output."""
    return _CLEANER.clean(html)
