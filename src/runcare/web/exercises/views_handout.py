"""The handout: a client's current home program as a PDF, for her therapist and for the
runner themself."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runcare.web.accounts.decorators import visible_runner
from runcare.web.care import audit
from runcare.web.care.models import AuditAction
from runcare.web.care.queries import viewer
from runcare.web.exercises.handout import handout_pdf as make_pdf
from runcare.web.exercises.queries import current_version, program_view


@never_cache
@login_required
@require_GET
def handout_pdf(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    current = current_version(runner)
    if current is None:
        raise Http404
    now = timezone.now()
    audit.record(
        viewer(request), runner, AuditAction.VIEW, "home-stretch handout", current.pk, now=now
    )
    pdf = make_pdf(runner, program_view(current), now)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"home-stretches-{runner.username}-v{current.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
