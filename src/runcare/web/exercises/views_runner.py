"""The runner's home stretches: the current program with its guided timer, and the endpoint
the timer logs a finished session to (also replaying entries kept while offline)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from runcare.web.accounts.decorators import runner_page
from runcare.web.care.queries import viewer
from runcare.web.exercises.adherence import streak_days
from runcare.web.exercises.forms import SessionForm
from runcare.web.exercises.models import ProgramVersion
from runcare.web.exercises.queries import current_version, program_view
from runcare.web.exercises.services import record_session
from runcare.web.training.queries import runner_today


@never_cache
@runner_page
@require_GET
def my_program(request: HttpRequest) -> HttpResponse:
    runner = viewer(request)
    current = current_version(runner)
    view = program_view(current) if current else None
    schedule = view.schedule_json if view and view.items else None
    context = {
        "runner": runner,
        "current": view,
        "schedule": schedule,
        "minutes": max(1, round(schedule["total_s"] / 60)) if schedule else 0,
        "first_s": round(schedule["phases"][0]["duration_s"]) if schedule else 0,
        "pain_scale": range(11),
        "streak": streak_days(runner, runner_today(runner, timezone.now())),
    }
    return render(request, "exercises/my_program.html", context)


@never_cache
@runner_page
@require_POST
def session_log(request: HttpRequest) -> HttpResponse:
    runner = viewer(request)
    try:
        data = json.loads(request.body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return JsonResponse({"error": "The entry is not valid JSON."}, status=400)
    form = SessionForm(data if isinstance(data, dict) else {})
    if not form.is_valid():
        return JsonResponse({"error": form.errors.get_json_data()}, status=400)
    found = form.cleaned_data
    version = get_object_or_404(ProgramVersion, runner=runner, number=found["version"])
    session, created = record_session(
        runner,
        version,
        found["id"],
        pain_0_10=found["pain_0_10"],
        finished_at=found["finished_at"],
        now=timezone.now(),
    )
    body = {"id": str(session.client_id), "created": created}
    return JsonResponse(body, status=201 if created else 200)
