"""Option types shared by the commands: each says which form it expects when it refuses."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DATE_FORM = "YYYY-MM-DD"
LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


def iso_day(text: str) -> date:
    """A calendar day written ``YYYY-MM-DD``; argparse names the option in its message."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: expected {DATE_FORM}, e.g. 2026-05-31"
        ) from None


def system_zone_name(
    environ: Mapping[str, str] | None = None,
    localtime: Path = LOCALTIME,
    timezone_file: Path = TIMEZONE_FILE,
) -> str:
    """The machine's IANA time zone name, as the C library finds it; ``UTC`` if unknown.

    Looked for in order: ``$TZ`` (when it names a zone, e.g. ``Europe/Berlin``, not a POSIX
    rule such as ``CET-1``), the zone file ``/etc/localtime`` links to, ``/etc/timezone``.
    """
    env = os.environ if environ is None else environ
    candidates = [env.get("TZ", "").removeprefix(":"), _linked_zone(localtime)]
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    for name in candidates:
        if name and _is_zone(name):
            return name
    return "UTC"


def _linked_zone(localtime: Path) -> str:
    try:
        target = str(localtime.resolve(strict=True))
    except (OSError, RuntimeError):
        return ""
    _, found, name = target.partition("/zoneinfo/")
    return name if found else ""


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone(text: str) -> ZoneInfo:
    """An argparse type: an IANA time zone name such as ``Europe/Berlin``."""
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise argparse.ArgumentTypeError(
            f"unknown time zone {text!r} (try e.g. Europe/Berlin or UTC)"
        ) from exc
