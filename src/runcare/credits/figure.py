"""One picture with its credit line under it, as HTML: the markup every page, handout and
report uses (``<figure class="credited">``). The web app's ``{% figure %}`` tag calls it too.
"""

from __future__ import annotations

from html import escape

from runcare.credits.model import Credit, CreditError, missing_fields
from runcare.credits.render import credit_html
from runcare.credits.svgids import suffixed_ids

_FIELD_WORDS = {"title": "title", "author": "author", "source_url": "source", "license": "licence"}


def missing_words(credit: Credit | None) -> list[str]:
    """The missing TASL parts in a reader's words (``source``, ``licence``)."""
    if credit is None:
        return list(_FIELD_WORDS.values())
    return [_FIELD_WORDS.get(name, name) for name in missing_fields(credit)]


def uncredited_notice(missing: list[str]) -> str:
    """What stands in the place of a picture that may not be shown."""
    return (
        '<p class="figure-uncredited" role="note">A picture is not shown here because its '
        f"credit is incomplete (missing: {escape(', '.join(missing))}).</p>"
    )


def _art(alt: str, url: str | None, svg: str | None) -> str:
    if svg:
        # Inline drawings have no alt attribute of their own: the wrapper names them.
        return f'<span class="figure-art" role="img" aria-label="{escape(alt)}">{svg}</span>'
    if not url:
        raise CreditError("a figure needs an image address (url) or a drawing (svg)")
    return f'<img src="{escape(url)}" alt="{escape(alt)}" loading="lazy" decoding="async">'


def figure_html(
    credit: Credit,
    alt: str,
    *,
    url: str | None = None,
    svg: str | None = None,
    caption: str = "",
    id_suffix: str = "",
) -> str:
    """The figure: the image (``url``) or the project's own drawing (``svg``, trusted markup,
    inserted as it is), then a caption holding the TASL credit line.

    ``id_suffix`` (from ``svgids.IdSuffixes``, letters, digits and dashes) is appended to
    the drawing's element ids, so a drawing shown twice on one page has no duplicate ids.

    Raises ``CreditError`` naming what is missing when the credit is incomplete: such a
    picture is never shown.
    """
    missing = missing_words(credit)
    if missing:
        raise CreditError(f"a picture's credit lacks: {', '.join(missing)}")
    caption_html = f'<span class="figure-caption">{escape(caption)}</span> ' if caption else ""
    return (
        f'<figure class="credited">{_art(alt, url, svg and suffixed_ids(svg, id_suffix))}'
        f"<figcaption>{caption_html}"
        f'<span class="credit">{credit_html(credit)}</span></figcaption></figure>'
    )
