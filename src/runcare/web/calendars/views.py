"""The Calendar page, its secret feed, and one appointment as a file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST, require_safe

from runcare.web.accounts.models import User
from runcare.web.booking.models import Appointment
from runcare.web.calendars.models import CalendarFeed
from runcare.web.calendars.services import appointment_ics, feed_ics

# The new link, kept in the session only from the POST that made it to the page that shows it.
NEW_LINK_KEY = "calendar_feed_token"
ICS_TYPE = "text/calendar; charset=utf-8"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _private(response: HttpResponse) -> HttpResponse:
    # Appointment times and names: never kept by a shared cache or proxy, never indexed.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    person = _user(request)
    token = request.session.pop(NEW_LINK_KEY, None)
    link = None
    if token:
        link = request.build_absolute_uri(reverse("calendars:feed", args=[token]))
    context = {
        "feed": CalendarFeed.objects.filter(person=person).first(),
        "link": link,
        "webcal": None if link is None else "webcal://" + link.split("://", 1)[1],
    }
    return render(request, "calendars/calendar.html", context)


@login_required
@require_POST
def new_link(request: HttpRequest) -> HttpResponse:
    _, token = CalendarFeed.issue(_user(request), timezone.now())
    request.session[NEW_LINK_KEY] = token
    messages.success(request, "Here is your new calendar link. Any older link stopped working.")
    return redirect("calendars:page")


@login_required
@require_POST
def stop_link(request: HttpRequest) -> HttpResponse:
    CalendarFeed.objects.filter(person=_user(request)).delete()
    messages.success(request, "Your calendar link stopped working. Calendars get no updates.")
    return redirect("calendars:page")


# GET and HEAD: some calendar apps ask with HEAD first whether the link is alive.
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: a phone's calendar app asks with the secret link alone."""
    found = CalendarFeed.find(token)
    if found is None:
        raise Http404
    response = HttpResponse(feed_ics(found.person, timezone.now()), content_type=ICS_TYPE)
    response["Content-Disposition"] = 'inline; filename="runcare.ics"'
    return _private(response)


@login_required
@require_GET
def appointment_file(request: HttpRequest, appointment_id: int) -> HttpResponse:
    viewer = _user(request)
    appointment = get_object_or_404(
        Appointment.objects.select_related("therapist", "runner"), pk=appointment_id
    )
    # Its runner and her therapist only; anyone else gets the 404 of a missing id.
    if viewer.pk not in (appointment.runner_id, appointment.therapist_id):
        raise Http404
    data = appointment_ics(appointment, viewer, timezone.now())
    response = HttpResponse(data, content_type=ICS_TYPE)
    day = appointment.start_utc.astimezone(viewer.zone)
    name = f"massage-session-{day:%Y-%m-%d}.ics"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return _private(response)
