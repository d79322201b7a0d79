"""The credit line's three forms: text for print, Markdown and HTML for screens."""

from __future__ import annotations

import pytest

from runcare.credits import (
    Credit,
    CreditError,
    credit_html,
    credit_markdown,
    credit_text,
    figure_html,
    missing_fields,
)

SEED = Credit(
    title="Anterior Hip Muscles 2",
    author="Beth ohara",
    author_url="https://commons.wikimedia.org/wiki/User:Beth_ohara",
    source_url="https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG",
    license="CC BY-SA 3.0",
    license_url="https://creativecommons.org/licenses/by-sa/3.0",
)


def test_the_print_form_writes_every_link_out() -> None:
    assert credit_text(SEED) == (
        '"Anterior Hip Muscles 2" by Beth ohara '
        "(https://commons.wikimedia.org/wiki/User:Beth_ohara), via Wikimedia Commons, "
        "https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG, "
        "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0)"
    )


def test_the_markdown_form_links_title_author_and_licence() -> None:
    assert credit_markdown(SEED) == (
        '"[Anterior Hip Muscles 2](https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG)"'
        " by [Beth ohara](https://commons.wikimedia.org/wiki/User:Beth_ohara), "
        "via Wikimedia Commons, "
        "[CC BY-SA 3.0](https://creativecommons.org/licenses/by-sa/3.0)"
    )


def test_a_modified_picture_says_so_and_from_what() -> None:
    changed = Credit(**{**SEED.__dict__, "modified": True, "modified_from": "the original colours"})
    for line in (credit_text(changed), credit_markdown(changed), credit_html(changed)):
        assert line.endswith(", modified from the original colours")
    plain = Credit(**{**SEED.__dict__, "modified": True})
    assert credit_text(plain).endswith("/by-sa/3.0), modified")


def test_only_web_addresses_become_links() -> None:
    odd = Credit(
        title="t", author="a", author_url="javascript:alert(1)", source_url="data:x", license="CC0"
    )
    assert "href" not in credit_html(odd)
    assert "](" not in credit_markdown(odd)


def test_markdown_links_survive_spaces_and_parentheses() -> None:
    odd = Credit(title="t", author="a", source_url="https://x.org/File:A (1).png", license="CC0")
    assert "[t](https://x.org/File:A%20%281%29.png)" in credit_markdown(odd)


def test_missing_fields_names_blank_tasl_parts_only() -> None:
    assert missing_fields(SEED) == ()
    blank = Credit(title=" ", author="", source_url="s", license="l")
    assert missing_fields(blank) == ("title", "author")


def test_only_a_commons_source_says_via_wikimedia_commons() -> None:
    own = Credit(title="Hip", author="runcare", source_url="https://example.org/hip", license="CC0")
    for line in (credit_text(own), credit_markdown(own), credit_html(own)):
        assert "Wikimedia" not in line
    mobile = Credit(**{**SEED.__dict__, "source_url": "https://commons.m.wikimedia.org/wiki/F"})
    assert ", via Wikimedia Commons, " in credit_text(mobile)


def test_the_core_figure_carries_the_credit_and_escapes_what_it_is_given() -> None:
    html = figure_html(SEED, 'a "b" <c>', url="/x.png?a=1&b=2", caption="<i>")
    assert html.startswith('<figure class="credited"><img src="/x.png?a=1&amp;b=2" alt="a &quot;b')
    assert "&lt;i&gt;" in html and "<figcaption>" in html and credit_html(SEED) in html


def test_the_core_figure_refuses_an_incomplete_credit_by_name() -> None:
    blank = Credit(title="t", author="", source_url="s", license="")
    with pytest.raises(CreditError, match="lacks: author, licence"):
        figure_html(blank, "alt", url="/x.png")


def test_a_source_in_words_is_written_out_online_too() -> None:
    own = Credit(title="Stretch", author="Ana", source_url="own photo", license="CC BY 4.0")
    assert credit_html(own) == (
        '“Stretch” by Ana, <span class="credit-source">own photo</span>, CC BY 4.0'
    )
    assert credit_markdown(own) == '"Stretch" by Ana, own photo, CC BY 4.0'
    linked = Credit(title="T", author="A", source_url="https://x.org/f", license="CC0")
    assert "credit-source" not in credit_html(linked)
