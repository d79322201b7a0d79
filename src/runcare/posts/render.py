"""A post from Markdown to safe HTML, its figures, and the problems that stop it being published.

markdown-it-py (CommonMark, raw HTML off) parses the text; the library syntax of
``runcare.posts.links`` is an inline rule of that parser, so ``[[...]]`` inside code stays code.
A picture stands in a ``<figure>`` with its TASL credit line from ``runcare.credits.figure_html``,
the same markup as every other page. The result goes through ``clean_html`` last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from runcare.credits import Credit, figure_html, missing_words
from runcare.credits.figure import uncredited_notice
from runcare.posts.links import (
    FIGURE_KINDS,
    KINDS,
    LINK_KINDS,
    MAX_INNER_CHARS,
    Library,
    LinkRef,
    LinkTarget,
    PictureTarget,
    parse_link,
)
from runcare.posts.sanitize import clean_html, usable_address

_ENV_KEY = "runcare_post"


@dataclass(frozen=True)
class Problem:
    """Something that stops a post being published, in words for its writer.

    ``written`` is the piece of the text it is about (``[[picture:hips]]``, an image address);
    ``missing`` lists the missing credit parts (``source``, ``licence``) when that is the reason.
    """

    written: str
    message: str
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostFigure:
    """A picture the post shows, with the credit printed under it."""

    kind: str
    key: str
    src: str
    alt: str
    credit: Credit
    caption: str


@dataclass(frozen=True)
class RenderedPost:
    """The sanitised HTML, the figures in the order they appear, and the problems (empty when
    the post may be published)."""

    html: str
    figures: tuple[PostFigure, ...]
    problems: tuple[Problem, ...]

    @property
    def publishable(self) -> bool:
        return not self.problems


@dataclass
class _Collected:
    library: Library
    figures: list[PostFigure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, problem: Problem) -> None:
        if problem not in self.problems:  # one picture used twice is one thing to fix
            self.problems.append(problem)


def _link_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not state.src.startswith("[[", start):
        return False
    end = state.src.find("]]", start + 2, min(state.posMax, start + 4 + MAX_INNER_CHARS))
    if end < 0:
        return False
    ref = parse_link(state.src[start + 2 : end])
    if ref is None:
        return False
    if not silent:
        token = state.push("runcare_link", "", 0)
        token.meta = {"ref": ref, "block": False}
    state.pos = end + 2
    return True


def _blank(token: Token) -> bool:
    return token.type in ("softbreak", "hardbreak") or (
        token.type == "text" and not token.content.strip()
    )


def _is_figure(token: Token) -> bool:
    return token.type == "runcare_link" and token.meta["ref"].is_figure


def _lift_figures(state: StateCore) -> None:
    """A paragraph holding only pictures becomes those figures: a ``<figure>`` may not stand
    inside a ``<p>``, and a browser would break the paragraph open to place it."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        children = token.children or []
        if token.type != "inline" or index == 0 or tokens[index - 1].type != "paragraph_open":
            continue
        figures = [child for child in children if _is_figure(child)]
        if not figures or not all(_is_figure(c) or _blank(c) for c in children):
            continue
        tokens[index - 1].hidden = True
        tokens[index + 1].hidden = True
        for child in figures:
            child.meta["block"] = True
        token.children = figures


def _demote_headings(state: StateCore) -> None:
    """A post is shown under its title, the page's only ``<h1>``: a ``#`` heading in the text
    becomes ``<h2>``, and so on down to ``<h6>``, so that the page's outline holds."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1:]) + 1, 6)}"


def _render_link(ref: LinkRef, collected: _Collected) -> str:
    target = collected.library.resolve(ref.kind, ref.key)
    if isinstance(target, LinkTarget):
        words = ref.words or target.title
        return f'<a href="{escape(target.url)}" class="library-link">{escape(words)}</a>'
    collected.problem(Problem(ref.written, f"The library has no {ref.kind} named “{ref.key}”."))
    return f'<span class="link-unknown">{escape(ref.words or ref.key)}</span>'


def _missing_picture(ref: LinkRef) -> str:
    if ref.kind == "commons":
        return (
            f"The Commons file “{ref.key}” is not in the picture library yet: add it there "
            "(Fill from Commons) so that its credit is recorded."
        )
    return f"The picture library has no picture named “{ref.key}”."


def _render_figure(ref: LinkRef, collected: _Collected) -> str:
    target = collected.library.resolve(ref.kind, ref.key)
    if not isinstance(target, PictureTarget):
        collected.problem(Problem(ref.written, _missing_picture(ref)))
        return (
            '<p class="figure-missing" role="note">A picture is missing here '
            f"({escape(ref.written)}).</p>"
        )
    if not usable_address(target.src):
        collected.problem(Problem(ref.written, f"The picture “{ref.key}” has no usable address."))
        return ""
    missing = missing_words(target.credit)
    if target.credit is None or missing:
        message = f"The picture “{ref.key}” cannot be published: its credit lacks "
        collected.problem(Problem(ref.written, message + ", ".join(missing) + ".", tuple(missing)))
        return uncredited_notice(missing)
    collected.figures.append(
        PostFigure(ref.kind, ref.key, target.src, target.alt, target.credit, ref.words)
    )
    return figure_html(target.credit, target.alt, url=target.src, caption=ref.words) + "\n"


def _render_ref(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    collected: _Collected = env[_ENV_KEY]
    ref: LinkRef = tokens[idx].meta["ref"]
    if ref.kind not in KINDS:
        kinds = ", ".join(KINDS)
        collected.problem(Problem(ref.written, f"“{ref.kind}” is not a kind of link ({kinds})."))
        return escape(ref.written)
    if ref.kind in LINK_KINDS:
        return _render_link(ref, collected)
    assert ref.kind in FIGURE_KINDS
    if not tokens[idx].meta["block"]:
        collected.problem(
            Problem(
                ref.written,
                "A picture stands in a paragraph of its own: put a blank line before and after it.",
            )
        )
        return ""
    return _render_figure(ref, collected)


def _render_image(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    collected: _Collected = env[_ENV_KEY]
    src = str(tokens[idx].attrGet("src") or "")
    collected.problem(
        Problem(
            f"![]({src})",
            "An image added by its address has no credit: add it to the picture library and "
            "write [[picture:NAME]] instead.",
        )
    )
    return ""


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.inline.ruler.before("link", "runcare_link", _link_rule)
    md.core.ruler.after("inline", "runcare_figures", _lift_figures)
    md.core.ruler.push("runcare_headings", _demote_headings)
    md.add_render_rule("runcare_link", _render_ref)
    md.add_render_rule("image", _render_image)
    return md


_MD = _parser()


def render_post(markdown_text: str, library: Library) -> RenderedPost:
    """``markdown_text`` as sanitised HTML with the library's links and credited figures.

    Never raises for what a writer types: an unknown name, a picture with an incomplete credit,
    a raw image or a picture inside a sentence each become a ``Problem`` (and a visible note or
    nothing in the HTML), and the post is not ``publishable`` until they are fixed.
    """
    collected = _Collected(library)
    html = _MD.render(markdown_text, {_ENV_KEY: collected})
    return RenderedPost(clean_html(html), tuple(collected.figures), tuple(collected.problems))
