"""A therapist looks after her clients' accounts: a reset link, archive and reactivate."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from runcare.web.accounts.decorators import therapist_required, visible_runner
from runcare.web.accounts.passwords import send_reset_link


@therapist_required
@require_POST
def send_reset(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    if not runner.email:
        messages.error(request, f"{runner.name} has no e-mail address, so no link can be sent.")
    elif send_reset_link(request, runner):
        messages.success(
            request, f"A link to choose a new password is on its way to {runner.email}."
        )
    else:
        messages.error(request, "The e-mail could not be sent. Please try again later.")
    return redirect("clinic:client_detail", runner.pk)


@therapist_required
@require_POST
def archive(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    if runner.archived_at is None:
        runner.archived_at = timezone.now()
        runner.save(update_fields=["archived_at"])
    messages.success(
        request,
        f"{runner.name} is archived: hidden from your list, every record kept. "
        "Find them under “Archived”.",
    )
    return redirect("clinic:client_detail", runner.pk)


@therapist_required
@require_POST
def reactivate(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    runner.archived_at = None
    runner.save(update_fields=["archived_at"])
    messages.success(request, f"{runner.name} is back on your list.")
    return redirect("clinic:client_detail", runner.pk)
