"""The audit log: who viewed or changed which client's plans and notes, and when."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runcare.web.accounts.decorators import therapist_required, visible_runner
from runcare.web.care.audit import events_for
from runcare.web.care.queries import viewer


@never_cache
@therapist_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("client", "")
    runner = visible_runner(request, int(raw)) if raw.isdigit() else None
    events = events_for(viewer(request), runner)
    return render(request, "care/audit_log.html", {"events": events, "runner": runner})
