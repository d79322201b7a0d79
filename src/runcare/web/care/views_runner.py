"""A runner's own view of their sessions: the signed notes' plan for home and running.

A session note is the therapist's clinical record. The runner sees only what she wrote
for them to do (home stretches, run time, next session), and only once the note is signed:
never a draft, never her findings or assessment.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runcare.web.accounts.decorators import runner_page
from runcare.web.care import audit
from runcare.web.care.models import AuditAction
from runcare.web.care.queries import signed_notes_of, viewer


@never_cache
@runner_page
@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    runner = viewer(request)
    if not runner.is_runner:
        raise Http404
    notes = signed_notes_of(runner)
    if notes:
        audit.record(runner, runner, AuditAction.VIEW, "home plans", None, now=timezone.now())
    return render(request, "care/my_sessions.html", {"notes": notes})
