"""The page a person sees when the server fails.

Django's own 500 view renders ``500.html`` without a request context, which is right: the
failure may be the database or a context processor. This view adds one more fallback: if
even that template cannot be rendered (a missing static manifest, a broken template), a
plain page is sent rather than nothing.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

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
