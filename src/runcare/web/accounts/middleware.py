"""Each request in the zone of the person making it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from runcare.web.accounts.models import User


class UserTimeZoneMiddleware:
    """Activate the logged-in person's own zone (their setting, else the clinic's).

    Times on the pages ("sent 2 Dec, 07:14") and "today" (the intake's date bound) are then
    theirs, not the server's. Anonymous requests keep the clinic's zone. The zone is reset
    after each response, so a thread never carries one person's zone into the next request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, User) and user.is_authenticated:
            timezone.activate(user.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
