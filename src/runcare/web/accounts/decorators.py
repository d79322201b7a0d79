"""Access rules for views, written once."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect

from runcare.web.accounts.models import Role, User

# Any response: a page, a redirect, or a file (FileResponse is no HttpResponse).
View = Callable[..., HttpResponseBase]


def therapist_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not getattr(request.user, "is_therapist", False):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def runner_page(view: View) -> View:
    """A runner's own page. A therapist who opens one (a link a runner sent her, an old
    bookmark) is sent to her own start page rather than a dead end; anyone else gets 404."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if getattr(request.user, "is_therapist", False):
            messages.info(request, "That page is a runner's own page. Here are your clients.")
            return redirect("home")
        if not getattr(request.user, "is_runner", False):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def visible_runner(request: HttpRequest, runner_id: int) -> User:
    """The runner ``runner_id`` if the logged-in user may see them; 404 otherwise.

    A stranger gets the same 404 as a missing id, so ids reveal nothing.
    """
    viewer = request.user
    runner = get_object_or_404(User, pk=runner_id, role=Role.RUNNER)
    if not isinstance(viewer, User) or not viewer.can_see(runner):
        raise Http404
    return runner
