"""Response headers that keep health data out of caches and foreign scripts out of pages.

Django 5.2 has no Content-Security-Policy of its own, and runcare's policy is one fixed
string (no inline script or style anywhere, so no nonces), so this small middleware sets it
rather than a dependency. ``SECURE_REFERRER_POLICY`` in settings sends ``same-origin``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

# Everything from our own origin only: scripts and styles are static files, never inline
# (docs/architecture.md, "Pages"). ``data:`` images: the empty favicon of base.html.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)


class PrivacyHeadersMiddleware:
    """A CSP on every response; ``no-store`` on every response to a logged-in person, so a
    shared computer's back button or cache never shows a client's data after logout."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        already = "no-store" in response.headers.get("Cache-Control", "")
        if user is not None and user.is_authenticated and not already:
            add_never_cache_headers(response)
        return response
