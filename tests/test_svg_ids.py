"""A drawing shown several times on one page gets ids of its own each time, and every
reference inside a copy still points into that copy."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from runcare.body.drawings import drawings
from runcare.credits import figure_html
from runcare.credits.svgids import IdSuffixes, suffixed_ids
from runcare.exercises import figures

DRAWINGS = {
    **{f"body/{k}": d.svg for k, d in drawings().items() if d.svg},
    **{f"exercise/{k}": d.svg for k, d in figures().items() if d.svg},
}
XLINK = "{http://www.w3.org/1999/xlink}href"


def ids_of(tree: etree._Element) -> list[str]:
    return [str(e.get("id")) for e in tree.iter() if e.get("id") is not None]


def references(tree: etree._Element) -> list[str]:
    """Every id the markup points to: url(#..), href="#..", aria-labelledby/-describedby."""
    found: list[str] = []
    for element in tree.iter():
        for name, value in element.attrib.items():
            if name in {"href", XLINK} and value.startswith("#"):
                found.append(value[1:])
            elif name in {"aria-labelledby", "aria-describedby"}:
                found.extend(value.split())
            else:
                found.extend(re.findall(r"url\(#([^)\s]+)\)", value))
    return found


def copies(svg: str, count: int) -> list[etree._Element]:
    ids = IdSuffixes()
    return [etree.fromstring(suffixed_ids(svg, ids.next_for(svg))) for _ in range(count)]


def test_the_drawings_have_ids_to_collide() -> None:
    assert len(DRAWINGS) >= 10
    assert all(ids_of(etree.fromstring(svg)) for svg in DRAWINGS.values())


@pytest.mark.parametrize("key", sorted(DRAWINGS))
def test_three_copies_of_a_drawing_have_unique_ids_and_self_contained_references(
    key: str,
) -> None:
    svg = DRAWINGS[key]
    trees = copies(svg, 3)
    every_id = [i for tree in trees for i in ids_of(tree)]
    assert len(every_id) == len(set(every_id))
    for tree in trees:
        assert references(tree), "each drawing is labelled by its title"
        assert set(references(tree)) <= set(ids_of(tree))
    # The first copy is the drawing as it is: a drawing shown once keeps its ids.
    assert etree.tostring(trees[0]) == etree.tostring(etree.fromstring(svg))


def test_it_leaves_references_to_ids_the_drawing_does_not_define() -> None:
    svg = (
        '<svg aria-labelledby="t elsewhere"><title id="t">T</title>'
        '<path marker-end="url(#outside)"/><use href="#t"/><use href="#outside"/></svg>'
    )
    assert suffixed_ids(svg, "-2") == (
        '<svg aria-labelledby="t-2 elsewhere"><title id="t-2">T</title>'
        '<path marker-end="url(#outside)"/><use href="#t-2"/><use href="#outside"/></svg>'
    )


@pytest.mark.parametrize("svg", ["", "<svg><path d='M 0 0'/></svg>", '<svg data-id="x"/>'])
def test_markup_without_ids_is_unchanged(svg: str) -> None:
    assert suffixed_ids(svg, "-2") == svg


def test_the_suffixes_count_each_drawing_on_its_own() -> None:
    ids = IdSuffixes()
    a, b = "<svg id='a'/>", "<svg id='b'/>"
    assert [ids.next_for(s) for s in (a, b, a, a, b)] == ["", "", "-2", "-3", "-2"]


def test_the_figure_carries_the_suffixed_drawing() -> None:
    drawing = next(iter(figures().values()))
    html = figure_html(drawing.credit(), drawing.alt, svg=drawing.svg, id_suffix="-2")
    first_id = ids_of(etree.fromstring(drawing.svg))[0]
    assert f'id="{first_id}-2"' in html and f'id="{first_id}"' not in html


@given(
    st.lists(st.sampled_from(sorted(DRAWINGS)), min_size=1, max_size=8),
)
def test_any_page_of_drawings_has_unique_ids(keys: list[str]) -> None:
    ids = IdSuffixes()
    page = "".join(suffixed_ids(DRAWINGS[k], ids.next_for(DRAWINGS[k])) for k in keys)
    tree = etree.fromstring(f"<div>{page}</div>")
    every_id = ids_of(tree)
    assert len(every_id) == len(set(every_id))
    for svg in tree:
        assert set(references(svg)) <= set(ids_of(svg))
