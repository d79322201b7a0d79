"""The therapist's clients: the list (sortable, red flags first) and one client's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runcare.web.accounts.decorators import therapist_required, visible_runner
from runcare.web.accounts.models import User
from runcare.web.care.history import session_context
from runcare.web.clinic.explaining import explanation_context
from runcare.web.clinic.queries import (
    COLUMNS,
    client_rows,
    parse_sort,
    red_flag_context,
    sort_rows,
)
from runcare.web.clinic.services import history
from runcare.web.plan.services import pain_trends, plan_context
from runcare.web.rights.models import clients_set_aside, erasures_by
from runcare.web.training.presenting import level_badge, load_context
from runcare.web.training.queries import load_report, recent_uploads


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
    now = timezone.now()
    rows = sort_rows(client_rows(therapist, now), sort, flipped)
    trends = pain_trends([row.runner for row in rows], now)
    context = {
        "rows": [(row, level_badge(row.report), trends[row.runner.pk]) for row in rows],
        "headers": sort_headers(sort, flipped),
        "archived_count": len(archived),
        "erasure_requests": erasure_requests,
    }
    return render(request, "clinic/client_list.html", context)


def sort_headers(current: str, flipped: bool) -> list[dict[str, Any]]:
    """Each column's label, the ``?sort=`` its header links to, and its ``aria-sort``."""
    headers = []
    for name, column in COLUMNS.items():
        is_current = name == current
        descending = column.descending != flipped
        headers.append(
            {
                "name": name,
                "label": column.label,
                "link": f"-{name}" if is_current and not flipped else name,
                "aria_sort": ("descending" if descending else "ascending") if is_current else "",
            }
        )
    return headers


@never_cache
@therapist_required
@require_GET
def client_detail(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    versions = history(runner)
    latest = versions[0] if versions else None
    now = timezone.now()
    report = load_report(runner, now)
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
