"""A post from Markdown: library links, credited figures, and what stops it being published."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.credits import Credit
from runcare.posts import (
    KINDS,
    LinkRef,
    LinkTarget,
    MappingLibrary,
    PictureTarget,
    parse_link,
    render_post,
)
from runcare.posts.links import MAX_INNER_CHARS

HIP_CREDIT = Credit(
    title="Hip flexors from the front",
    author="runcare",
    source_url="https://example.org/pictures/hip-flexors",
    license="CC BY-SA 4.0",
    license_url="https://creativecommons.org/licenses/by-sa/4.0/",
)
COMMONS_CREDIT = Credit(
    title="Psoas major muscle",
    author="Anatomist A.",
    source_url="https://commons.wikimedia.org/wiki/File:Psoas_major_muscle.png",
    license="CC BY-SA 2.1 JP",
)
LIBRARY = MappingLibrary(
    {
        ("muscle", "psoas_major"): LinkTarget("Psoas major", "/body/muscles/psoas_major/"),
        ("exercise", "kneeling-hip-flexor"): LinkTarget(
            "Kneeling hip flexor stretch", "/exercises/kneeling-hip-flexor/"
        ),
        ("picture", "hip-flexors"): PictureTarget(
            "pictures/hip-flexors.png", "The hip flexors, seen from the front", HIP_CREDIT
        ),
        ("commons", "File:Psoas major muscle.png"): PictureTarget(
            "pictures/psoas.png", "The psoas major", COMMONS_CREDIT
        ),
        ("picture", "no-licence"): PictureTarget(
            "pictures/x.png", "x", Credit(title="X", author="Me", source_url="own", license="")
        ),
        ("picture", "no-credit"): PictureTarget("pictures/y.png", "y", None),
    }
)


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<div>{html}</div>")


def messages(text: str) -> list[str]:
    return [problem.message for problem in render_post(text, LIBRARY).problems]


def test_it_links_a_muscle_and_an_exercise_by_their_library_names() -> None:
    post = render_post(
        "Your [[muscle:psoas_major]] and [[exercise:kneeling-hip-flexor|this stretch]].", LIBRARY
    )
    links = tree(post.html).findall(".//a")
    assert [(a.get("href"), a.text) for a in links] == [
        ("/body/muscles/psoas_major/", "Psoas major"),
        ("/exercises/kneeling-hip-flexor/", "this stretch"),
    ]
    assert post.publishable and post.problems == ()


def test_it_shows_a_picture_in_a_figure_with_its_full_credit_line_and_caption() -> None:
    post = render_post("Look:\n\n[[picture:hip-flexors|Where it pulls]]\n\nThat's it.", LIBRARY)
    root = tree(post.html)
    (figure,) = root.findall(".//figure")
    assert figure.getparent() is root  # a block of its own, not inside a paragraph
    img = figure.find("img")
    assert img is not None
    assert (img.get("src"), img.get("alt")) == (
        "pictures/hip-flexors.png",
        "The hip flexors, seen from the front",
    )
    (caption,) = figure.find_class("figure-caption")
    assert caption.text_content() == "Where it pulls"
    (credit,) = figure.find_class("credit")
    assert credit.text_content() == "“Hip flexors from the front” by runcare, CC BY-SA 4.0"
    hrefs = [a.get("href") for a in credit.findall("a")]
    assert hrefs == [HIP_CREDIT.source_url, HIP_CREDIT.license_url]
    assert [(f.key, f.caption, f.credit) for f in post.figures] == [
        ("hip-flexors", "Where it pulls", HIP_CREDIT)
    ]
    assert post.publishable


def test_a_commons_file_is_credited_from_the_library_record_via_commons() -> None:
    post = render_post("[[commons:File:Psoas major muscle.png]]", LIBRARY)
    (credit,) = tree(post.html).find_class("credit")
    assert credit.text_content() == (
        "“Psoas major muscle” by Anatomist A., via Wikimedia Commons, CC BY-SA 2.1 JP"
    )
    assert post.publishable


@pytest.mark.parametrize(
    ("written", "missing"),
    [
        ("[[picture:no-licence]]", ("licence",)),
        ("[[picture:no-credit]]", ("title", "author", "source", "licence")),
    ],
)
def test_a_picture_with_an_incomplete_credit_is_not_shown_and_blocks_publishing(
    written: str, missing: tuple[str, ...]
) -> None:
    post = render_post(f"Before.\n\n{written}\n", LIBRARY)
    assert not post.publishable
    (problem,) = post.problems
    assert problem.written == written
    assert problem.missing == missing
    assert written.split(":")[1].rstrip("]") in problem.message
    assert all(word in problem.message for word in missing)
    root = tree(post.html)
    assert root.findall(".//img") == [] and root.findall(".//figure") == []
    assert root.find_class("figure-uncredited")
    assert post.figures == ()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[picture:nowhere]]", "no picture named “nowhere”"),
        ("[[commons:File:Unknown.jpg]]", "“File:Unknown.jpg” is not in the picture library"),
        ("[[muscle:heart]]", "no muscle named “heart”"),
        ("[[exercise:handstand|Handstand]]", "no exercise named “handstand”"),
        ("[[organ:liver]]", "“organ” is not a kind of link"),
        ("![a hip](https://example.org/hip.png)", "has no credit"),
        ("Text [[picture:hip-flexors]] in a sentence.", "a paragraph of its own"),
        ("# Title [[picture:hip-flexors]]", "a paragraph of its own"),
    ],
)
def test_each_thing_that_cannot_be_published_is_named(text: str, words: str) -> None:
    post = render_post(text, LIBRARY)
    assert not post.publishable
    assert any(words in message for message in messages(text)), messages(text)
    assert tree(post.html).findall(".//img") == []


def test_an_unknown_link_keeps_its_words_visible() -> None:
    post = render_post("See [[muscle:heart|the heart]].", LIBRARY)
    assert tree(post.html).text_content().strip() == "See the heart."


def test_a_raw_image_is_left_out_whatever_its_address() -> None:
    post = render_post("![x](pictures/hip-flexors.png)", LIBRARY)
    assert "<img" not in post.html
    assert post.problems[0].written == "![](pictures/hip-flexors.png)"


def test_pictures_on_consecutive_lines_are_figures_one_after_the_other() -> None:
    post = render_post(
        "[[picture:hip-flexors]]\n[[commons:File:Psoas major muscle.png|Deeper]]", LIBRARY
    )
    root = tree(post.html)
    assert [f.getparent() for f in root.findall(".//figure")] == [root, root]
    assert [f.key for f in post.figures] == ["hip-flexors", "File:Psoas major muscle.png"]
    assert root.findall(".//p") == []


def test_a_picture_in_a_list_item_is_a_figure_in_the_item() -> None:
    post = render_post("- [[picture:hip-flexors]]\n- text", LIBRARY)
    (figure,) = tree(post.html).findall(".//figure")
    assert figure.getparent().tag == "li"
    assert post.publishable


def test_the_syntax_inside_code_or_escaped_stays_as_written() -> None:
    post = render_post("`[[muscle:heart]]` and \\[[muscle:heart]]\n\n    [[picture:x]]", LIBRARY)
    assert post.publishable
    text = tree(post.html).text_content()
    assert text.count("[[muscle:heart]]") == 2 and "[[picture:x]]" in text


def test_one_problem_used_twice_is_reported_once() -> None:
    assert len(messages("[[picture:nowhere]]\n\n[[picture:nowhere]]")) == 1


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("muscle:psoas_major", LinkRef("muscle", "psoas_major")),
        (" Muscle : psoas_major | the psoas ", LinkRef("muscle", "psoas_major", "the psoas")),
        ("commons:File:A (b), c.jpg", LinkRef("commons", "File:A (b), c.jpg")),
        ("picture:hips|", LinkRef("picture", "hips")),
        ("picture:hips|a|b", LinkRef("picture", "hips", "a|b")),
        ("no colon", None),
        (":key", None),
        ("muscle:", None),
        ("muscle:  |words", None),
        ("mus cle:key", None),
        ("http://example.org", LinkRef("http", "//example.org")),  # an unknown kind, reported
    ],
)
def test_it_reads_the_short_syntax(inner: str, expected: LinkRef | None) -> None:
    assert parse_link(inner) == expected


def test_a_heading_in_the_text_sits_under_the_posts_own_title() -> None:
    html = render_post("# Why\n\ntext\n\n## Then\n\n###### Deep", LIBRARY).html
    assert [e.tag for e in tree(html) if e.tag.startswith("h")] == ["h2", "h3", "h6"]


@pytest.mark.parametrize("src", ["javascript:alert(1)", " data:image/png;base64,AA", ""])
def test_a_picture_without_a_usable_address_is_a_problem(src: str) -> None:
    library = MappingLibrary({("picture", "p"): PictureTarget(src, "alt", HIP_CREDIT)})
    post = render_post("[[picture:p]]", library)
    assert "no usable address" in post.problems[0].message
    assert "<figure" not in post.html


def test_overlong_text_in_brackets_stays_text() -> None:
    inner = "commons:File:" + "x" * (MAX_INNER_CHARS - 13)
    assert parse_link(inner) is not None and parse_link(inner + "x") is None
    post = render_post(f"[[{inner}x]]", LIBRARY)
    assert post.publishable and "[[commons:File:xxx" in post.html


keys = st.text(
    st.characters(blacklist_characters="[]|\n\r", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=200,
).filter(lambda key: key.strip() == key and key)
words = st.text(
    st.characters(blacklist_characters="]\n\r", blacklist_categories=("Cs",)), max_size=150
)


@given(st.sampled_from(KINDS), keys, words.filter(lambda w: w.strip() == w))
def test_the_written_form_reads_back_the_same(kind: str, key: str, label: str) -> None:
    ref = LinkRef(kind, key, label)
    assert parse_link(ref.written[2:-2]) == ref


@given(st.text())
def test_any_text_renders_without_raising(text: str) -> None:
    post = render_post(text, LIBRARY)
    assert isinstance(post.html, str)
    assert post.publishable == (post.problems == ())
