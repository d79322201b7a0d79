"""The credit line in three forms: plain text (URLs written out, for print), Markdown and HTML
(links). Creative Commons recommends Title, Author, Source, Licence, and "modified" when it was.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from runcare.credits.model import Credit

_COMMONS_HOSTS = {"commons.wikimedia.org", "commons.m.wikimedia.org"}


def _via(credit: Credit) -> str:
    """Where the picture was found, as Wikimedia Commons asks its re-users to say."""
    try:
        host = urlsplit(credit.source_url).hostname
    except ValueError:
        return ""
    return ", via Wikimedia Commons" if host in _COMMONS_HOSTS else ""


def _modified_words(credit: Credit) -> str:
    if not credit.modified:
        return ""
    if credit.modified_from:
        return f", modified from {credit.modified_from}"
    return ", modified"


def credit_text(credit: Credit) -> str:
    """The print form: every link written out, so that it survives on paper."""
    license_part = credit.license
    if credit.license_url:
        license_part += f" ({credit.license_url})"
    author = credit.author
    if credit.author_url and author:
        author += f" ({credit.author_url})"
    by = f" by {author}" if author else ""
    return (
        f'"{credit.title}"{by}{_via(credit)}, {credit.source_url}, '
        f"{license_part}{_modified_words(credit)}"
    )


def _linkable(url: str | None) -> bool:
    """Only web addresses become links: a ``javascript:`` or ``data:`` value stays text."""
    return bool(url) and str(url).lower().startswith(("https://", "http://"))


def _source_words(credit: Credit) -> str:
    """A source that is not a web address ("own photo") is written out, since the title
    cannot link to it: the line keeps all four parts."""
    if not credit.source_url or _linkable(credit.source_url):
        return ""
    return f"{credit.source_url}, "


def _source_html(credit: Credit) -> str:
    words = _source_words(credit)
    if not words:
        return ""
    return f'<span class="credit-source">{escape(credit.source_url)}</span>, '


def _md_link(label: str, url: str | None) -> str:
    label = label.replace("[", r"\[").replace("]", r"\]")
    if not url or not _linkable(url):
        return label
    # A space or parenthesis would end the link early; percent-encoding keeps it whole.
    url = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{label}]({url})"


def credit_markdown(credit: Credit) -> str:
    """The online form in Markdown: title linked to its source, author and licence linked."""
    by = f" by {_md_link(credit.author, credit.author_url)}" if credit.author else ""
    return (
        f'"{_md_link(credit.title, credit.source_url)}"{by}{_via(credit)}, '
        f"{_source_words(credit)}"
        f"{_md_link(credit.license, credit.license_url)}{_modified_words(credit)}"
    )


def _html_link(label: str, url: str | None) -> str:
    if not url or not _linkable(url):
        return escape(label)
    return f'<a href="{escape(url)}" rel="noopener">{escape(label)}</a>'


def credit_html(credit: Credit) -> str:
    """The online form as an HTML fragment (escaped): title linked to its source."""
    by = f" by {_html_link(credit.author, credit.author_url)}" if credit.author else ""
    return (
        f"“{_html_link(credit.title, credit.source_url)}”{by}{_via(credit)}, "
        f"{_source_html(credit)}"
        f"{_html_link(credit.license, credit.license_url)}{escape(_modified_words(credit))}"
    )
