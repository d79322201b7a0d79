"""``runcare credit``: the documented formats, saved replies, and clear errors offline."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from runcare.cli.main import main

REPLIES = Path(__file__).parent / "data" / "commons"
SEED_V1 = str(REPLIES / "anterior_hip_muscles_2.v1.json")
SEED_V2 = str(REPLIES / "anterior_hip_muscles_2.v2.json")
SEED_PAGE = "https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG"
KEYS = [
    "title",
    "author",
    "author_url",
    "source_url",
    "license",
    "license_url",
    "modified",
    "text",
    "html",
    "markdown",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["credit", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_the_print_form_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "File:Anterior Hip Muscles 2.PNG", "--response", SEED_V2)
    assert code == 0 and err == ""
    assert out == (
        '"Anterior Hip Muscles 2" by Beth ohara '
        "(https://commons.wikimedia.org/wiki/User:Beth_ohara), via Wikimedia Commons, "
        f"{SEED_PAGE}, CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0)\n"
    )


def test_it_prints_exactly_the_documented_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SEED_PAGE, "--response", SEED_V1, "--format", "json", "--modified")
    assert code == 0
    assert out.startswith('{"title":"Anterior Hip Muscles 2","author":"Beth ohara",')
    data = json.loads(out)
    assert list(data) == KEYS
    assert data["modified"] is True
    assert data["source_url"] == SEED_PAGE
    assert data["text"].endswith(", modified")
    assert data["markdown"].startswith(f'"[Anterior Hip Muscles 2]({SEED_PAGE})"')
    assert f'<a href="{SEED_PAGE}" rel="noopener">Anterior Hip Muscles 2</a>' in data["html"]


def test_unknown_values_are_null_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    reply = str(REPLIES / "public_domain.v1.json")
    code, out, _ = run(capsys, "Gray432.png", "--response", reply, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["license"] == "Public domain" and data["license_url"] is None


@pytest.mark.parametrize(("fmt", "start"), [("markdown", '"[Anterior'), ("html", "“<a ")])
def test_it_prints_the_online_forms(
    capsys: pytest.CaptureFixture[str], fmt: str, start: str
) -> None:
    code, out, _ = run(capsys, "Anterior_Hip_Muscles_2.PNG", "--response", SEED_V2, "--format", fmt)
    assert code == 0 and out.startswith(start)


def test_offline_without_a_saved_reply_is_a_clear_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    code, out, err = run(capsys, "File:Anterior Hip Muscles 2.PNG")
    assert code == 2 and out == ""
    assert "could not reach Wikimedia Commons" in err and "--response FILE" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "reply", "reason"),
    [
        ("Brand logo.png", "nonfree.v2.json", "marked non-free"),
        ("No such picture.png", "missing.v2.json", "no file named"),
        ("Some other file.png", "anterior_hip_muscles_2.v2.json", "not File:Some other file.png"),
        ("https://example.org/x.png", "cc0.v2.json", "not Wikimedia Commons"),
        ("Anterior Hip Muscles 2.PNG", "does-not-exist.json", "cannot read"),
    ],
)
def test_it_refuses_with_a_reason_and_exit_2(
    capsys: pytest.CaptureFixture[str], name: str, reply: str, reason: str
) -> None:
    code, out, err = run(capsys, name, "--response", str(REPLIES / reply))
    assert code == 2 and out == ""
    assert reason in err and err.startswith("runcare credit: ")


def test_a_credit_without_an_author_is_printed_with_a_warning_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    reply = str(REPLIES / "no_author.v2.json")
    code, out, err = run(capsys, "Hip joint diagram.svg", "--response", reply)
    assert code == 1
    assert out.startswith('"Hip joint diagram", via Wikimedia Commons, https://commons.')
    assert "gives no author" in err
