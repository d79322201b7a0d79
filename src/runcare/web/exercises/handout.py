"""The printable handout of a client's home program: the same exercise markup as the page
(``exercises/_program_items.html``), laid out as a PDF by WeasyPrint.

WeasyPrint is given the stylesheets itself and a URL fetcher that refuses everything, so a
handout never reaches the network or the file system whatever a page holds (the figures are
inline SVG).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from runcare.web.accounts.models import User
from runcare.web.booking.services import next_for
from runcare.web.exercises.queries import ProgramView

STYLESHEETS = ("runcare/handout.css",)


def next_appointment(runner: User, now: datetime) -> datetime | None:
    """The start of the runner's next booked appointment after ``now``, for the handout's
    footer; None when none is booked."""
    appointment = next_for(runner, now)
    return None if appointment is None else appointment.start_utc


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"the handout loads nothing from outside: {url}")


def _stylesheets() -> list[Any]:
    from weasyprint import CSS  # noqa: PLC0415 - loads Pango; only when a handout is made

    paths = [finders.find(name) for name in STYLESHEETS]
    return [CSS(filename=str(path), url_fetcher=_refuse) for path in paths if path]


def handout_html(runner: User, view: ProgramView, now: datetime) -> str:
    therapist = view.version.therapist or runner.therapist
    context = {
        "runner": runner,
        "current": view,
        "therapist": therapist,
        "next_appointment": next_appointment(runner, now),
        "printed_on": now,
    }
    return render_to_string("exercises/handout.html", context)


def handout_pdf(runner: User, view: ProgramView, now: datetime) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango; only when a handout is made

    html = HTML(string=handout_html(runner, view, now), url_fetcher=_refuse)
    pdf = html.write_pdf(stylesheets=_stylesheets())
    if pdf is None:  # only when writing to a target; here it is always bytes
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)
