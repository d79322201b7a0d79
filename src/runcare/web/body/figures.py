"""The project's own drawings as figures for ``{% figure %}``, credited with a link to their
page in the app (the drawing's "file page": what it is, where it lives, its licence)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from runcare.body.drawings import Drawing, drawings
from runcare.credits import Credit
from runcare.web.media.figures import Figure


def drawing_credit(request: HttpRequest, drawing: Drawing) -> Credit:
    page = request.build_absolute_uri(reverse("body:figure", args=[drawing.key]))
    return drawing.credit(source_url=page)


def drawing_figure(request: HttpRequest, drawing: Drawing) -> Figure:
    """A drawing with a file, ready for ``{% figure %}``; the pain map is drawn by its own tag."""
    return Figure(credit=drawing_credit(request, drawing), alt=drawing.alt, svg=drawing.svg)


def painmap_credit(request: HttpRequest) -> Credit:
    return drawing_credit(request, drawings()["painmap"])
