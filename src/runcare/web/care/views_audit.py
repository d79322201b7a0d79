"""The audit log: who viewed or changed which client's plans and notes, and when."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runcare.web.accounts.decorators import therapist_required, visible_runner
from runcare.web.care.audit import events_for
from runcare.web.care.queries import viewer

PER_PAGE = 100


def nearest_page(raw: str | None, num_pages: int) -> int:
    """The page asked for, kept within 1..``num_pages``; 1 for anything not a number (an
    old bookmark past the end shows the oldest entries rather than an error)."""
    try:
        number = int(raw or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), num_pages)


@never_cache
@therapist_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("client", "")
    runner = visible_runner(request, int(raw)) if raw.isdigit() else None
    paginator = Paginator(events_for(viewer(request), runner), PER_PAGE)
    page = paginator.page(nearest_page(request.GET.get("page"), paginator.num_pages))
    context = {
        "page": page,
        "runner": runner,
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "ellipsis": Paginator.ELLIPSIS,
    }
    return render(request, "care/audit_log.html", context)
