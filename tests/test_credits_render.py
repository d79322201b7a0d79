"""The credit line's three forms: text for print, Markdown and HTML for screens."""

from __future__ import annotations

from runcare.credits import Credit, credit_html, credit_markdown, credit_text, missing_fields

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
        "(https://commons.wikimedia.org/wiki/User:Beth_ohara), "
        "https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG, "
        "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0)"
    )


def test_the_markdown_form_links_title_author_and_licence() -> None:
    assert credit_markdown(SEED) == (
        '"[Anterior Hip Muscles 2](https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG)"'
        " by [Beth ohara](https://commons.wikimedia.org/wiki/User:Beth_ohara), "
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
