"""A person's data: download it all, ask for erasure, and the therapist's erasure."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from runcare.web.accounts.decorators import therapist_required, visible_runner
from runcare.web.accounts.models import User
from runcare.web.care.audit import record
from runcare.web.care.models import AuditAction
from runcare.web.rights.erase import erase_runner
from runcare.web.rights.export import write_export
from runcare.web.rights.forms import EraseForm
from runcare.web.rights.models import ErasureRequest

# Kept in memory up to this size, then in a temporary file only its owner can read.
SPOOL_BYTES = 8 * 1024**2


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest, runner_id: int) -> HttpResponseBase:
    runner = visible_runner(request, runner_id)
    if request.method != "POST":
        return render(request, "rights/export.html", {"runner": runner})
    now = timezone.now()
    # Built whole before sending, so a failure is an error page, not a broken download.
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - FileResponse closes it
    write_export(runner, spool, now=now)
    spool.seek(0)
    record(_user(request), runner, AuditAction.VIEW, "all data (download)", None, now=now)
    name = f"runcare-{runner.username}-{now:%Y-%m-%d}.zip"
    return FileResponse(spool, as_attachment=True, filename=name, content_type="application/zip")


@therapist_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    form = EraseForm(request.POST or None, runner=runner)
    if request.method == "POST" and form.is_valid():
        erase_runner(runner, _user(request), now=timezone.now())
        messages.success(
            request, "The client's account is erased, with every record and file of theirs."
        )
        return redirect("clinic:client_list")
    requested = ErasureRequest.objects.filter(runner=runner).first()
    context = {"runner": runner, "form": form, "requested": requested}
    return render(request, "rights/erase.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def erasure_request(request: HttpRequest) -> HttpResponse:
    runner = _user(request)
    if not runner.is_runner:
        raise Http404
    if request.method == "POST":
        ErasureRequest.objects.get_or_create(
            runner=runner, defaults={"requested_at": timezone.now()}
        )
        messages.success(request, "Your therapist is asked to erase your account.")
        return redirect("rights:erasure_request")
    requested = ErasureRequest.objects.filter(runner=runner).first()
    return render(request, "rights/erasure_request.html", {"requested": requested})


@login_required
@require_POST
def withdraw_request(request: HttpRequest) -> HttpResponse:
    runner = _user(request)
    if not runner.is_runner:
        raise Http404
    ErasureRequest.objects.filter(runner=runner).delete()
    messages.success(request, "Your request is withdrawn; your account stays as it is.")
    return redirect("rights:erasure_request")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user
