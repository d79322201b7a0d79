"""The pages a person sees when a page is missing or the server fails.

The 404 page offers a way on that fits the reader: a logged-in person goes to their start
page; a reader of a public series (logged out, under ``/read/``) goes back to that series'
index when it has one to show, anyone else to the home page.

Django's own 500 view renders ``500.html`` without a request context, which is right: the
failure may be the database or a context processor. This view adds one more fallback: if
even that template cannot be rendered (a missing static manifest, a broken template), a
plain page is sent rather than nothing.
"""

from __future__ import annotations

import logging

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader

from runcare.web.posts.models import Series, State

logger = logging.getLogger(__name__)

PLAIN_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong'
    "</title></head><body><h1>Something went wrong on our side</h1><p>Wait a minute and try "
    'again. <a href="/">Go to your start page</a></p></body></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        page = loader.get_template("500.html").render()
    except Exception:  # the error page must not fail in turn
        logger.exception("the 500 page could not be rendered")
        page = PLAIN_PAGE
    return HttpResponseServerError(page)


def _public_series(path: str) -> Series | None:
    """The series a ``/read/<slug>/...`` address belongs to, if it has a published post."""
    parts = path.strip("/").split("/")
    if len(parts) < 2 or parts[0] != "read":
        return None
    return (
        Series.objects.filter(slug=parts[1], posts__state=State.PUBLISHED)
        .select_related("therapist")
        .first()
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    series = None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        try:
            series = _public_series(request.path)
        except Exception:  # a missing page must not turn into a failing one
            logger.exception("the series of a missing public page could not be read")
    context = {"public_series": series}
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request))
