"""``runcare credit NAME``: the credit line for a picture on Wikimedia Commons."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from runcare.credits import Credit, CreditError, credit_html, credit_markdown, credit_text
from runcare.credits import missing_fields as credit_missing
from runcare.credits.commons import (
    CommonsUnreachableError,
    credit_from_reply,
    fetch_reply,
    file_title,
    read_reply,
)

FORMATS = ("text", "markdown", "html", "json")


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="the credit line for a Wikimedia Commons picture (title, author, source, licence)",
        description=(
            "Build the credit line Creative Commons recommends (Title, Author, Source, "
            "Licence) for a file on Wikimedia Commons, from the file's own page data. NAME is "
            "a file name ('File:Anterior Hip Muscles 2.PNG', with or without 'File:'), a file "
            "page URL, or an upload.wikimedia.org image URL."
        ),
    )
    parser.add_argument("name", metavar="NAME", help="file name, file page URL or image URL")
    parser.add_argument(
        "--modified", action="store_true", help="say that you changed the picture (cropped...)"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (links written out, for print), markdown, html, or json (default: text)",
    )
    parser.add_argument(
        "--response",
        type=Path,
        metavar="FILE",
        help="read this saved API reply instead of asking Wikimedia Commons",
    )


def _reply(title: str, response: Path | None) -> dict[str, Any]:
    if response is None:
        return fetch_reply(title)
    try:
        reply = read_reply(response.read_bytes())
    except OSError as exc:
        raise CreditError(f"cannot read {response}: {exc.strerror or exc}") from exc
    _check_same_file(title, reply, response)
    return reply


def _check_same_file(title: str, reply: dict[str, Any], response: Path) -> None:
    """A saved reply about another file would credit the wrong picture."""
    pages = reply.get("query", {}).get("pages") if isinstance(reply.get("query"), dict) else None
    first = next(iter(pages.values() if isinstance(pages, dict) else pages or []), None)
    described = str(first.get("title", "")) if isinstance(first, dict) else ""
    if described and described.casefold() != title.casefold():
        raise CreditError(f"{response} describes {described}, not {title}")


def credit_json(credit: Credit) -> dict[str, Any]:
    """The JSON shape documented in docs/cli.md; unknown values are null."""
    return {
        "title": credit.title or None,
        "author": credit.author or None,
        "author_url": credit.author_url or None,
        "source_url": credit.source_url or None,
        "license": credit.license or None,
        "license_url": credit.license_url or None,
        "modified": credit.modified,
        "text": credit_text(credit),
        "html": credit_html(credit),
        "markdown": credit_markdown(credit),
    }


def _render(credit: Credit, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(credit_json(credit), ensure_ascii=False, separators=(",", ":"))
    render = {"text": credit_text, "markdown": credit_markdown, "html": credit_html}[fmt]
    return render(credit)


def run(args: argparse.Namespace) -> int:
    try:
        title = file_title(args.name)
        credit = credit_from_reply(_reply(title, args.response), modified=args.modified)
    except CommonsUnreachableError as exc:
        print(
            f"runcare credit: {exc} A saved API reply can be read with --response FILE.",
            file=sys.stderr,
        )
        return 2
    except CreditError as exc:
        print(f"runcare credit: {exc}", file=sys.stderr)
        return 2
    print(_render(credit, args.format))
    missing = credit_missing(credit)
    if missing:
        print(
            f"runcare credit: the file page gives no {', '.join(missing)}; find it on "
            f"{credit.source_url} and add it before using the picture",
            file=sys.stderr,
        )
        return 1
    return 0
