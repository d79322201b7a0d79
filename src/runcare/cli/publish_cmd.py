"""``runcare publish DIR [--therapist USERNAME] [--base-url URL]``: the published posts as a
static site (pages, feeds, pictures, relative links) that any web host can serve."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from runcare.cli.django_env import database_errors, migrate, setup_django

PROG = "runcare publish"


def add_parser(sub: Any, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="write the published posts as a static web site into a folder",
        description=(
            "Write a therapist's published posts as a static site into DIR: an index, a page "
            "per series and per post (with previous and next), an Atom feed per series, the "
            "pictures the posts show with their credits, and a stylesheet. Every link is "
            "relative, so the folder works from any web host and opened from the disk. DIR "
            "must be empty, new, or an earlier export (which is replaced)."
        ),
    )
    parser.add_argument("out", type=Path, metavar="DIR", help="the folder to write")
    parser.add_argument(
        "--therapist",
        metavar="USERNAME",
        help="whose posts (needed when more than one therapist has published posts)",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="the address the site will have (https://.../), for absolute links in the feeds",
    )


def _base_url(text: str | None) -> str | None:
    if text is None:
        return None
    if not text.startswith(("https://", "http://")):
        raise ValueError(f"--base-url: {text!r} is not a web address (https://...)")
    return text if text.endswith("/") else text + "/"


def run(args: argparse.Namespace) -> int:
    try:
        base_url = _base_url(args.base_url)
    except ValueError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    setup_django()
    migrate()
    from runcare.posts.site import SiteError, write_static_site  # noqa: PLC0415
    from runcare.web.posts.static_site import build_site  # noqa: PLC0415

    with database_errors():
        therapist = _therapist(args.therapist)
        if therapist is None:
            return 2
        site = build_site(therapist, base_url)
    try:
        written = write_static_site(args.out, site)
    except SiteError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{PROG}: cannot write to {args.out} ({exc.strerror})", file=sys.stderr)
        return 2
    print(
        f"Wrote {written.pages} pages, {written.feeds} feed(s) and {written.pictures} "
        f"picture(s) to {args.out}; open {args.out / 'index.html'}"
    )
    return 0


def _therapist(username: str | None) -> Any:
    from runcare.web.accounts.models import Role, User  # noqa: PLC0415
    from runcare.web.posts.models import State  # noqa: PLC0415

    if username is not None:
        found = User.objects.filter(username=username, role=Role.THERAPIST).first()
        if found is None:
            print(f"{PROG}: no therapist is called {username!r}", file=sys.stderr)
        return found
    writers = User.objects.filter(series__posts__state=State.PUBLISHED).distinct()
    names = sorted(writers.values_list("username", flat=True))
    if len(names) == 1:
        return writers.get()
    if not names:
        print(f"{PROG}: no post is published yet", file=sys.stderr)
    else:
        print(
            f"{PROG}: several therapists have published posts ({', '.join(names)}); "
            "choose one with --therapist",
            file=sys.stderr,
        )
    return None
