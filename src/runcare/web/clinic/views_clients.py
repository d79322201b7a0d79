"""The therapist's clients: the list (sortable, red flags first) and one client's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runcare.web.accounts.decorators import therapist_required, visible_runner
from runcare.web.accounts.models import User
from runcare.web.care.history import session_context
from runcare.web.clinic.client_list import (
    LEVEL_FILTERS,
    Filters,
    client_page,
    parse_page,
    parse_sort,
    sort_headers,
)
from runcare.web.clinic.explaining import explanation_context
from runcare.web.clinic.queries import red_flag_context
from runcare.web.clinic.services import history
from runcare.web.plan.services import plan_context
from runcare.web.rights.models import clients_set_aside, erasures_by
from runcare.web.training.presenting import load_context
from runcare.web.training.queries import page_report, recent_uploads


@therapist_required
@require_GET
def client_list(request: HttpRequest) -> HttpResponse:
    therapist = request.user
    assert isinstance(therapist, User)
    archived, erasure_requests = clients_set_aside(therapist)
    if request.GET.get("archived"):
        context = {"clients": archived, "erasures": erasures_by(therapist)}
        return render(request, "clinic/client_list_archived.html", context)
    sort, flipped = parse_sort(request.GET.get("sort"))
    filters = Filters.from_query(request.GET)
    found = client_page(
        therapist,
        timezone.now(),
        filters=filters,
        sort=sort,
        flipped=flipped,
        page=parse_page(request.GET.get("page")),
    )
    context = {
        "page": found,
        "rows": found.rows,
        "filters": filters,
        "level_filters": LEVEL_FILTERS,
        "headers": sort_headers(sort, flipped),
        "archived_count": len(archived),
        "erasure_requests": erasure_requests,
    }
    return render(request, "clinic/client_list.html", context)


@never_cache
@therapist_required
@require_GET
def client_detail(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    versions = history(runner)
    latest = versions[0] if versions else None
    now = timezone.now()
    report = page_report(runner, now)
    context = {
        "runner": runner,
        "intake": latest,
        "versions": versions,
        "uploads": recent_uploads(runner),
        **red_flag_context(latest),
        **load_context(report),
        **plan_context(runner, now, report),
        **explanation_context(request, runner, latest, now, report),
        **session_context(request, runner),
    }
    return render(request, "clinic/client_detail.html", context)
