"""Credits for Wikimedia Commons files, from API replies written in the API's shape."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.credits import CreditError, credit_text, missing_fields
from runcare.credits.commons import (
    api_query_url,
    credit_for,
    credit_from_reply,
    fetch_reply,
    file_title,
    urllib_fetcher,
)
from runcare.credits.htmltext import strip_html

REPLIES = Path(__file__).parent / "data" / "commons"
SEED_PAGE = "https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG"


def reply(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REPLIES / name).read_text())
    return data


SEED = "File:Anterior Hip Muscles 2.PNG"


@pytest.mark.parametrize(
    ("pasted", "title"),
    [
        ("File:Anterior Hip Muscles 2.PNG", SEED),
        ("Anterior Hip Muscles 2.PNG", SEED),
        ("  file:Anterior_Hip_Muscles_2.PNG \n", SEED),
        ("Image:Anterior Hip Muscles 2.PNG", SEED),
        ("File:Anterior%20Hip%20Muscles%202.PNG", SEED),
        ("anterior Hip Muscles 2.PNG", SEED),
        (SEED_PAGE, SEED),
        ("https://commons.wikimedia.org/wiki/File:Anterior%20Hip%20Muscles%202.PNG", SEED),
        ("http://commons.m.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG?uselang=de", SEED),
        ("https://en.wikipedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG", SEED),
        ("https://de.wikipedia.org/wiki/Datei:Anterior_Hip_Muscles_2.PNG", SEED),
        ("https://fr.wikipedia.org/wiki/Fichier:Anterior_Hip_Muscles_2.PNG", SEED),
        ("https://en.wikipedia.org/wiki/Iliopsoas#/media/File:Anterior_Hip_Muscles_2.PNG", SEED),
        ("https://commons.wikimedia.org/w/index.php?title=File:Anterior_Hip_Muscles_2.PNG", SEED),
        ("https://upload.wikimedia.org/wikipedia/commons/e/e2/Anterior_Hip_Muscles_2.PNG", SEED),
        (
            "https://upload.wikimedia.org/wikipedia/commons/thumb/e/e2/"
            "Anterior_Hip_Muscles_2.PNG/640px-Anterior_Hip_Muscles_2.PNG",
            SEED,
        ),
        (
            "https://ru.wikipedia.org/wiki/%D0%A4%D0%B0%D0%B9%D0%BB:M%C3%BAsculo_psoas.svg",
            "File:Músculo psoas.svg",
        ),
        (
            "https://upload.wikimedia.org/wikipedia/commons/thumb/1/1a/Psoas_(muscle).svg/"
            "lossless-page1-220px-Psoas_(muscle).svg.png",
            "File:Psoas (muscle).svg",
        ),
    ],
)
def test_it_reads_every_way_a_person_names_a_file(pasted: str, title: str) -> None:
    assert file_title(pasted) == title


@pytest.mark.parametrize(
    ("pasted", "reason"),
    [
        ("", "not a Commons file name"),
        ("File:", "not a Commons file name"),
        ("https://example.org/wiki/File:X.png", "not Wikimedia Commons"),
        ("https://en.wikipedia.org/wiki/Iliopsoas", "not a file page"),
        ("https://commons.wikimedia.org/", "not a file page"),
        ("https://upload.wikimedia.org/", "names no file"),
        ("File:A|B.png", "not a Commons file name"),
    ],
)
def test_it_says_why_a_name_cannot_be_read(pasted: str, reason: str) -> None:
    with pytest.raises(CreditError, match=reason):
        file_title(pasted)


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_it_credits_the_seed_file_from_either_formatversion(version: str) -> None:
    credit = credit_from_reply(reply(f"anterior_hip_muscles_2.{version}.json"))
    assert credit.title == "Anterior Hip Muscles 2"
    assert credit.author == "Beth ohara"
    assert credit.author_url == "https://commons.wikimedia.org/wiki/User:Beth_ohara"
    # The source is the file's page, never the image file.
    assert credit.source_url == SEED_PAGE
    assert credit.license == "CC BY-SA 3.0"
    assert credit.license_url == "https://creativecommons.org/licenses/by-sa/3.0"
    assert credit.modified is False
    assert missing_fields(credit) == ()


def test_it_strips_html_from_the_artist_and_keeps_the_first_link() -> None:
    credit = credit_from_reply(reply("artist_html.v1.json"))
    assert credit.author == "Jane & Joe Example (portfolio)"
    assert credit.author_url == "https://commons.wikimedia.org/wiki/User:Jane_Example"
    assert "alert" not in credit_text(credit)


def test_it_prefers_the_attribution_the_author_asked_for() -> None:
    credit = credit_from_reply(reply("attribution.v2.json"))
    assert credit.author == "Anatomy drawings by Dr. A. Example, 2019"
    assert credit.author_url == "https://anatomy.example.org/"
    assert credit.title == "Psoas major, lateral view"


def test_a_file_page_without_an_author_gives_an_incomplete_credit() -> None:
    credit = credit_from_reply(reply("no_author.v2.json"))
    assert credit.author == "" and credit.author_url is None
    assert missing_fields(credit) == ("author",)


def test_public_domain_still_says_so() -> None:
    credit = credit_from_reply(reply("public_domain.v1.json"))
    assert credit.license == "Public domain"
    assert credit.license_url is None
    assert credit.author == "Henry Vandyke Carter"
    assert credit_text(credit).endswith("File:Gray432.png, Public domain")


def test_cc0_still_says_so() -> None:
    credit = credit_from_reply(reply("cc0.v2.json"))
    assert credit.license == "CC0"
    assert credit.license_url == "http://creativecommons.org/publicdomain/zero/1.0/deed.en"
    assert credit.author == "Sam Sample" and credit.author_url is None


def test_it_refuses_a_non_free_file_with_a_reason() -> None:
    with pytest.raises(CreditError, match=r"File:Brand logo\.png is marked non-free"):
        credit_from_reply(reply("nonfree.v2.json"))


@pytest.mark.parametrize("name", ["missing.v1.json", "missing.v2.json"])
def test_it_says_when_there_is_no_such_file(name: str) -> None:
    with pytest.raises(CreditError, match=r"no file named File:No such picture\.png"):
        credit_from_reply(reply(name))


def test_it_marks_the_credit_modified_when_told() -> None:
    credit = credit_from_reply(reply("cc0.v2.json"), modified=True, modified_from="cropped")
    assert credit.modified and credit.modified_from == "cropped"
    assert credit_text(credit).endswith(", modified from cropped")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>", "not JSON"),
        (b"[]", "not a JSON object"),
        (b'{"batchcomplete": true}', "names no file"),
        (b'{"query": {"pages": []}}', "names no file"),
        (b'{"error": {"code": "badvalue", "info": "Unrecognized value"}}', "Unrecognized value"),
        (b'{"query": {"pages": [{"title": "File:X.png", "ns": 6}]}}', "no file information"),
        (
            b'{"query": {"pages": [{"title": "File:<x>", "invalid": true, '
            b'"invalidreason": "bad char"}]}}',
            "not a valid file name: bad char",
        ),
    ],
)
def test_a_reply_it_cannot_use_is_a_clear_error(body: bytes, reason: str) -> None:
    with pytest.raises(CreditError, match=reason):
        credit_from_reply(fetch_reply("File:X.png", lambda url: body))


def test_it_asks_commons_once_for_url_and_extmetadata() -> None:
    asked: list[str] = []
    seed = (REPLIES / "anterior_hip_muscles_2.v2.json").read_bytes()

    def fetcher(url: str) -> bytes:
        asked.append(url)
        return seed

    credit = credit_for(SEED_PAGE, fetcher=fetcher, modified=True)
    assert credit.modified and credit.source_url == SEED_PAGE
    assert len(asked) == 1
    parts = urlsplit(asked[0])
    assert parts.netloc == "commons.wikimedia.org" and parts.path == "/w/api.php"
    assert parse_qs(parts.query) == {
        "action": ["query"],
        "prop": ["imageinfo"],
        "iiprop": ["url|extmetadata"],
        "titles": [SEED],
        "format": ["json"],
        "formatversion": ["2"],
    }


@pytest.mark.parametrize(
    "error",
    [urllib.error.URLError("Name or service not known"), TimeoutError("timed out")],
)
def test_offline_is_a_clear_error(error: Exception) -> None:
    def fetcher(url: str) -> bytes:
        raise error

    with pytest.raises(CreditError, match="could not reach Wikimedia Commons"):
        fetch_reply(SEED, fetcher)


def test_the_default_fetcher_names_runcare_and_waits_ten_seconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}

    class Response:
        def __enter__(self) -> Response:
            return self

        def __exit__(self, *args: object) -> None:
            return None

        def read(self, limit: int) -> bytes:
            return b"{}"

    def fake_urlopen(request: urllib.request.Request, timeout: float) -> Response:
        seen["agent"] = request.get_header("User-agent")
        seen["timeout"] = timeout
        seen["url"] = request.full_url
        return Response()

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    assert urllib_fetcher(api_query_url(SEED)) == b"{}"
    assert seen["agent"].startswith("runcare/")
    assert seen["timeout"] == 10
    assert seen["url"].startswith("https://commons.wikimedia.org/w/api.php?")


@pytest.mark.parametrize(
    ("value", "text", "link"),
    [
        ("Plain name", "Plain name", None),
        ("<b>Bold</b>  and\n<i>it</i>", "Bold and it", None),
        ('<a href="/wiki/User:X">X</a>', "X", "https://commons.wikimedia.org/wiki/User:X"),
        (
            '<a href="javascript:alert(1)">X</a> <a href="https://y.org">Y</a>',
            "X Y",
            "https://y.org",
        ),
        ("Tom &amp; Jerry &lt;b&gt;", "Tom & Jerry", None),
        ("a < b > c", "a < b > c", None),
        ("<style>p{}</style>Name<script>x()</script>", "Name", None),
        ("Line<br>break", "Line break", None),
    ],
)
def test_strip_html_table(value: str, text: str, link: str | None) -> None:
    assert strip_html(value) == (text, link)


_TAGLIKE = re.compile(r"<[A-Za-z/!?][^<>]*>")
_html_bits = st.sampled_from(
    ["<a href='https://x.org'>", "</a>", "<b>", "</b>", "<br/>", "&lt;", "&gt;", "&amp;", "<",
     ">", "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>", "&#x3c;i&#x3e;", "\"", "'",
     "<!DOCTYPE", "<?xml", "<a href=", " ", "\n"]
)  # fmt: skip


@given(st.lists(st.one_of(_html_bits, st.text(max_size=8)), max_size=30).map("".join))
def test_stripping_never_crashes_and_never_leaves_a_tag(value: str) -> None:
    text, link = strip_html(value)
    assert _TAGLIKE.search(text) is None
    assert text == text.strip() and "\n" not in text
    assert link is None or link.startswith(("https://", "http://"))


_name_bits = st.sampled_from(
    ["https://", "http://", "upload.wikimedia.org/", "commons.wikimedia.org/wiki/", "File:",
     "Datei:", "thumb/", "/", "%", "%2", "%E2%82", "#/media/", "?title=", "[", "]", "_", " ",
     "de.wikipedia.org", ".png", "px-"]
)  # fmt: skip


@given(st.lists(st.one_of(_name_bits, st.text(max_size=6)), max_size=12).map("".join))
def test_reading_a_pasted_name_never_crashes(pasted: str) -> None:
    try:
        title = file_title(pasted)
    except CreditError as exc:
        assert str(exc)
    else:
        assert title.startswith("File:") and len(title) > len("File:")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)
_keys = st.sampled_from(
    ["query", "pages", "imageinfo", "extmetadata", "title", "missing", "invalid", "error",
     "descriptionurl", "Artist", "NonFree", "value", "LicenseShortName", "-1"]
)  # fmt: skip
_reply_like = st.recursive(
    _json,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(_keys, _reply_like, max_size=3))
def test_a_reply_of_any_shape_gives_a_credit_or_a_credit_error(reply: dict[str, Any]) -> None:
    try:
        credit = credit_from_reply(reply)
    except CreditError as exc:
        assert str(exc)
    else:
        assert isinstance(credit.source_url, str) and credit.source_url
