"""A post's first words, for a summary: no markup, no credit lines, never longer than asked."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.credits import Credit
from runcare.posts import MappingLibrary, PictureTarget, excerpt, render_post

CREDIT = Credit(title="Hips", author="runcare", source_url="https://example.org/h", license="CC0")
LIBRARY = MappingLibrary({("picture", "hips"): PictureTarget("pictures/h.png", "Hips", CREDIT)})


def test_it_keeps_the_words_and_leaves_out_figures_and_their_credits() -> None:
    text = "# Why\n\nIt *hurts*.\n\n[[picture:hips|Look]]\n\n- one\n- two"
    html = render_post(text, LIBRARY).html
    assert excerpt(html) == "Why It hurts. one two"


@pytest.mark.parametrize(
    ("text", "max_chars", "expected"),
    [
        ("Hips and the lower back", 12, "Hips and…"),
        ("Hips and the lower back", 23, "Hips and the lower back"),
        ("Hips, and the lower back", 8, "Hips…"),
        ("Iliopsoas", 5, "Ilio…"),
        ("", 10, ""),
    ],
)
def test_it_cuts_at_a_word(text: str, max_chars: int, expected: str) -> None:
    assert excerpt(f"<p>{text}</p>" if text else "", max_chars) == expected


def test_it_needs_room_for_a_character() -> None:
    with pytest.raises(ValueError, match="at least one"):
        excerpt("<p>x</p>", 0)


@given(st.text(), st.integers(min_value=1, max_value=300))
def test_it_is_never_longer_than_asked(text: str, max_chars: int) -> None:
    html = render_post(text, LIBRARY).html
    summary, whole = excerpt(html, max_chars), excerpt(html, 10**6)
    assert len(summary) <= max_chars
    assert "\n" not in summary
    assert whole.startswith(summary.removesuffix("…"))
