"""No script, event handler, style or dangerous link from a post reaches a reader: a table of
injection attempts through Markdown, through the library syntax, through what a library answers
and straight into the sanitiser, then random text."""

from __future__ import annotations

import re

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.credits import Credit
from runcare.posts import LinkTarget, MappingLibrary, PictureTarget, clean_html, render_post
from runcare.posts.sanitize import TAGS

CREDIT = Credit(title="T", author="A", source_url="https://example.org/t", license="CC0")
LIBRARY = MappingLibrary(
    {
        ("muscle", "psoas_major"): LinkTarget("Psoas major", "/muscles/psoas_major/"),
        ("picture", "hips"): PictureTarget("pictures/hips.png", "Hips", CREDIT),
    }
)

# What a browser does before reading a scheme (URL standard): strip C0 controls and spaces
# at both ends, drop tabs and newlines anywhere.
_URL_NOISE_ENDS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_URL_NOISE_INSIDE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster"}


def unsafe_parts(html: str) -> list[str]:
    """Everything in ``html`` that could run code or restyle the page, as a browser reads it."""
    found: list[str] = []
    root = lxml.html.fromstring(f"<div>{html}</div>")
    for element in root.iter():
        if not isinstance(element.tag, str):
            found.append(f"a {element!r} node")  # a comment or processing instruction
            continue
        if element is not root and element.tag not in TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name.lower() == "style":
                found.append(f"{name}= on <{element.tag}>")
            if name.lower() in URL_ATTRIBUTES:
                url = _URL_NOISE_INSIDE.sub("", _URL_NOISE_ENDS.sub("", value))
                scheme = _SCHEME.match(url)
                if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                    found.append(f"{name}={value!r}")
    return found


MARKDOWN_ATTEMPTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](java&#10;script:alert(1))",
    "[x](%20javascript:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](\x01javascript:alert(1))",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "[x](file:///etc/passwd)",
    '[x](https://example.org "title\\" onmouseover=\\"alert(1)")',
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{display:none}</style>",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    '<div <script>alert(1)</script>">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "[[muscle:psoas_major|<script>alert(1)</script>]]",
    "[[muscle:psoas_major|<img src=x onerror=alert(1)>]]",
    "[[muscle:<svg onload=alert(1)>]]",
    "[[picture:hips|<a href=javascript:alert(1)>caption</a>]]",
    '[[picture:hips|" onmouseover="alert(1)]]',
    "[[javascript:alert(1)]]",
    "[[muscle:psoas_major|x](javascript:alert(1))]]",
    "**<b onclick=alert(1)>bold</b>**",
    "```html\n<script>alert(1)</script>\n```",
    "> <img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("attempt", MARKDOWN_ATTEMPTS)
def test_no_injection_through_markdown_reaches_the_html(attempt: str) -> None:
    html = render_post(attempt, LIBRARY).html
    assert unsafe_parts(html) == []
    assert "<script" not in html.lower()


HOSTILE_LIBRARY = MappingLibrary(
    {
        ("muscle", "a"): LinkTarget('<b onclick="x">A</b>', "javascript:alert(1)"),
        ("muscle", "b"): LinkTarget("B", " JAVASCRIPT:alert(1)"),
        ("picture", "p"): PictureTarget(
            'javascript:alert(1)" onerror="alert(1)',
            '"><script>alert(1)</script>',
            Credit(
                title="<script>alert(1)</script>",
                author='<img src=x onerror="alert(1)">',
                author_url="javascript:alert(1)",
                source_url="data:text/html,<script>alert(1)</script>",
                license="<style>x</style>",
                license_url="vbscript:msgbox(1)",
            ),
        ),
    }
)


def test_what_a_library_answers_cannot_inject_either() -> None:
    post = render_post("[[muscle:a]] [[muscle:b]]\n\n[[picture:p|cap]]", HOSTILE_LIBRARY)
    assert unsafe_parts(post.html) == []
    assert "<script" not in post.html.lower()


RAW_ATTEMPTS = [
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="jAvAsCrIpT&colon;alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><a xlink:href="javascript:alert(1)">x</a></math>',
    "<style>@import 'https://evil.example/x.css'</style>",
    '<p style="color:red">x</p>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<details open ontoggle="alert(1)">',
    '<p class="figure-uncredited credit">x</p>',
    "<video><source onerror=alert(1)></video>",
    '<a href="https://ok.example" target="_blank" onclick="alert(1)">ok</a>',
]


@pytest.mark.parametrize("attempt", RAW_ATTEMPTS)
def test_the_sanitiser_removes_every_way_in(attempt: str) -> None:
    assert unsafe_parts(clean_html(attempt)) == []


def test_the_sanitiser_keeps_the_figure_markup_and_safe_links() -> None:
    html = (
        '<figure class="credited"><img src="pictures/a.png" alt="a"><figcaption>'
        '<span class="credit"><a href="https://example.org">T</a></span></figcaption></figure>'
        '<p class="evil">x</p>'
    )
    cleaned = lxml.html.fromstring(f"<div>{clean_html(html)}</div>")
    assert cleaned.find(".//figure").get("class") == "credited"
    assert cleaned.find(".//img").get("src") == "pictures/a.png"
    assert cleaned.find(".//a").get("href") == "https://example.org"
    assert cleaned.find(".//a").get("rel") == "noopener noreferrer"
    assert not cleaned.find(".//p").get("class")
    assert clean_html('<p class="credit evil">x</p>') in ("<p>x</p>", '<p class="">x</p>')


@pytest.mark.parametrize("attempt", [a for a in RAW_ATTEMPTS if "class=" not in a])
def test_the_check_itself_sees_each_attempt_before_cleaning(attempt: str) -> None:
    assert unsafe_parts(attempt) != []


PIECES = st.sampled_from(
    [
        "<",
        ">",
        "<script>",
        "</script>",
        "javascript:",
        "&#x6A;",
        "&#10;",
        "\t",
        "[",
        "]",
        "(",
        ")",
        "![",
        "[[",
        "]]",
        "|",
        "muscle:",
        "picture:",
        "hips",
        "psoas_major",
        '"',
        "'",
        " onerror=",
        "<img src=x",
        "<svg",
        " style=",
        "\n\n",
        "`",
        "data:",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join)


@given(HOSTILE_TEXT)
def test_no_mixture_of_pieces_gets_through_markdown(text: str) -> None:
    assert unsafe_parts(render_post(text, LIBRARY).html) == []


@given(st.one_of(HOSTILE_TEXT, st.text()))
def test_no_mixture_of_pieces_gets_through_the_sanitiser(text: str) -> None:
    assert unsafe_parts(clean_html(text)) == []
