"""The exercises' figures: the project's own drawings, credited like every picture.

They are read by the body's drawing reader from ``figures/figures.toml``, so a figure is a
``runcare.body.drawings.Drawing``: ``svg`` is its markup, ``credit(url)`` its TASL credit, ready
for ``runcare.credits.figure_html`` or the web app's ``{% figure %}`` tag.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

from runcare.body.drawings import Drawing, parse_drawings
from runcare.exercises.library import Exercise


@cache
def figures() -> Mapping[str, Drawing]:
    """The shipped figures, read once, keyed as the exercises' ``figure`` field names them."""
    text = (
        resources.files("runcare.exercises")
        .joinpath("figures", "figures.toml")
        .read_text(encoding="utf-8")
    )
    return parse_drawings(text, package="runcare.exercises")


def figure_of(exercise: Exercise) -> Drawing:
    """The exercise's figure; the library's tests guarantee every exercise has one."""
    return figures()[exercise.figure]
