"""``{% figure %}``: every picture is shown with its TASL credit, or not at all."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.template import Context, Template
from django.test import override_settings
from lxml import html as lxml_html

from runcare.credits import Credit, CreditError
from runcare.web.media.figures import Figure

CREDIT = Credit(
    title="Anterior Hip Muscles 2",
    author="Beth ohara",
    author_url="https://commons.wikimedia.org/wiki/User:Beth_ohara",
    source_url="https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG",
    license="CC BY-SA 3.0",
    license_url="https://creativecommons.org/licenses/by-sa/3.0",
)


def render(picture: object) -> str:
    return Template("{% load figures %}{% figure picture %}").render(Context({"picture": picture}))


def test_it_shows_an_image_with_alt_text_and_the_credit_line_under_it() -> None:
    page = lxml_html.fragment_fromstring(
        render(Figure(credit=CREDIT, alt="Muscles at the front of the hip", url="/p/1.png"))
    )
    assert page.tag == "figure" and page.get("class") == "credited"
    img = page.find("img")
    assert img is not None
    assert img.get("src") == "/p/1.png"
    assert img.get("alt") == "Muscles at the front of the hip"
    caption = page.find("figcaption")
    assert caption is not None
    links = {a.text_content(): a.get("href") for a in caption.iter("a")}
    assert links == {
        "Anterior Hip Muscles 2": CREDIT.source_url,
        "Beth ohara": CREDIT.author_url,
        "CC BY-SA 3.0": CREDIT.license_url,
    }
    assert caption.text_content() == (
        "“Anterior Hip Muscles 2” by Beth ohara, via Wikimedia Commons, CC BY-SA 3.0"
    )


def test_it_inlines_the_projects_own_drawing_and_names_it_for_screen_readers() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'
    out = render(Figure(credit=CREDIT, alt="The hip flexors", svg=svg, caption="Fig. 1"))
    page = lxml_html.fragment_fromstring(out)
    art = page.find("span")
    assert art is not None
    assert art.get("role") == "img" and art.get("aria-label") == "The hip flexors"
    assert svg in out
    assert page.find("img") is None
    assert page.find("figcaption").text_content().startswith("Fig. 1 ")  # type: ignore[union-attr]


def test_it_escapes_alt_text_captions_and_every_credit_value() -> None:
    evil = Credit(
        title='<script>alert("t")</script>',
        author="<b>A</b>",
        author_url="javascript:alert(1)",
        source_url='https://example.org/"onmouseover="x',
        license="CC0",
    )
    out = render(Figure(credit=evil, alt='"><script>', url="/p.png", caption="<i>c</i>"))
    assert "<script" not in out and "<b>" not in out and "<i>" not in out
    assert "javascript:" not in out
    assert '"onmouseover' not in out


@dataclass
class UploadedLike:
    """Anything with .credit, .alt and .url is shown: a model row works the same way."""

    credit: Credit
    alt: str
    url: str


def test_it_accepts_any_object_with_credit_alt_and_url() -> None:
    out = render(UploadedLike(credit=CREDIT, alt="mine", url="/media/pictures/3/"))
    assert 'src="/media/pictures/3/"' in out and "figcaption" in out


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"author": ""}, "author"),
        ({"license": "  "}, "licence"),
        ({"source_url": ""}, "source"),
        ({"title": "", "author": ""}, "title, author"),
    ],
)
def test_it_refuses_to_show_a_picture_whose_credit_is_incomplete(
    change: dict[str, str], missing: str
) -> None:
    fields = {**CREDIT.__dict__, **change}
    out = render(Figure(credit=Credit(**fields), alt="x", url="/secret.png"))
    assert "/secret.png" not in out and "<img" not in out and "<figure" not in out
    assert 'class="figure-uncredited"' in out
    assert f"(missing: {missing})" in out


def test_it_shows_the_notice_for_a_picture_without_any_credit() -> None:
    out = render(object())
    assert 'class="figure-uncredited"' in out
    assert "title, author, source, licence" in out


@override_settings(DEBUG=True)
def test_it_raises_while_developing_so_an_uncredited_figure_is_noticed() -> None:
    with pytest.raises(CreditError, match="author"):
        incomplete = Credit(title="t", author="", source_url="s", license="l")
        render(Figure(credit=incomplete, alt="", url="/x"))


def test_a_figure_needs_either_an_image_or_a_drawing() -> None:
    with pytest.raises(CreditError, match="url"):
        render(Figure(credit=CREDIT, alt="nothing"))
