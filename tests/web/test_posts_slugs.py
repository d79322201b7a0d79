"""A new post's web address: made from any title, never one the series already has."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from runcare.web.posts.services import free_slug

SLUG = re.compile(r"^[-a-z0-9_]+$")


@given(st.lists(st.text(max_size=120), max_size=12))
def test_every_title_gets_an_address_of_its_own(titles: list[str]) -> None:
    taken: set[str] = set()
    for title in titles:
        slug = free_slug(title, taken)
        assert SLUG.match(slug), slug
        assert len(slug) <= 80
        assert slug not in taken
        taken.add(slug)


def test_it_numbers_a_title_used_before() -> None:
    assert free_slug("Why the hips?", set()) == "why-the-hips"
    assert free_slug("Why the hips?", {"why-the-hips"}) == "why-the-hips-2"
    assert free_slug("Why the hips?", {"why-the-hips", "why-the-hips-2"}) == "why-the-hips-3"
    assert free_slug("???", set()) == "post"
