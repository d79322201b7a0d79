"""The therapist's posts, framework-free: Markdown with library links and credited figures
rendered to sanitised HTML (``render_post``), the Atom feed of a series and the static site."""

from runcare.posts.excerpt import excerpt
from runcare.posts.links import (
    KINDS,
    Library,
    LinkRef,
    LinkTarget,
    MappingLibrary,
    PictureTarget,
    parse_link,
)
from runcare.posts.render import PostFigure, Problem, RenderedPost, render_post
from runcare.posts.sanitize import clean_html

__all__ = [
    "KINDS",
    "Library",
    "LinkRef",
    "LinkTarget",
    "MappingLibrary",
    "PictureTarget",
    "PostFigure",
    "Problem",
    "RenderedPost",
    "clean_html",
    "excerpt",
    "parse_link",
    "render_post",
]
