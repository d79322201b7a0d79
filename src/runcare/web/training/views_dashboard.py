"""The runner's own page: red flags first, then "Am I running too much too soon?"."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runcare.web.accounts.decorators import runner_page
from runcare.web.accounts.models import User
from runcare.web.clinic.explaining import explanation_context
from runcare.web.clinic.queries import latest_intake, red_flag_context
from runcare.web.plan.services import plan_context
from runcare.web.training.presenting import load_context
from runcare.web.training.queries import activity_count, page_report, recent_uploads


@never_cache
@runner_page
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    runner = request.user
    if not isinstance(runner, User) or not runner.is_runner:
        raise Http404
    intake = latest_intake(runner)
    flags = red_flag_context(intake)
    context = {
        "runner": runner,
        "intake": intake,
        "uploads": recent_uploads(runner),
        "activity_count": activity_count(runner),
        **flags,
    }
    now = timezone.now()
    report = None
    # A red flag stops all training advice: the report is not even computed.
    if not flags["red_flag"]:
        report = page_report(runner, now)
        context.update(load_context(report))
        context.update(plan_context(runner, now, report))
    context.update(explanation_context(request, runner, intake, now, report))
    return render(request, "training/dashboard.html", context)
