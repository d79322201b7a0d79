"""Editing the steps of a template or of a plan: add, change, remove, move.

The same four actions serve both; ``kind`` (from the URL) says which, and each kind has its
own owner check and service call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from runcare.care.protocols import ProtocolError
from runcare.web.accounts.decorators import therapist_required
from runcare.web.care import audit
from runcare.web.care.forms import StepForm
from runcare.web.care.models import AuditAction
from runcare.web.care.queries import own_template, viewer, visible_plan
from runcare.web.care.services import (
    PlanLockedError,
    StepList,
    change_plan_steps,
    change_template_steps,
    move,
    put,
    remove,
)

Change = Callable[[StepList], StepList]


@dataclass(frozen=True)
class Steps:
    title: str
    steps: StepList
    back: str
    apply: Callable[[Change], None]


def _steps(request: HttpRequest, kind: str, pk: int) -> Steps:
    now = timezone.now()
    if kind == "template":
        template = own_template(request, pk)
        return Steps(
            template.name,
            list(template.steps),
            reverse("care:template_detail", args=[pk]),
            lambda change: change_template_steps(template, change, now),
        )
    if kind == "plan":
        plan = visible_plan(request, pk)
        user = viewer(request)
        return Steps(
            f"Session plan for {plan.runner.name}",
            list(plan.steps),
            reverse("care:plan_detail", args=[pk]),
            lambda change: change_plan_steps(plan, user, change, now),
        )
    raise Http404


def _apply(request: HttpRequest, target: Steps, change: Change, done: str) -> bool:
    try:
        target.apply(change)
    except (ProtocolError, PlanLockedError) as error:
        messages.error(request, str(error))
        return False
    messages.success(request, done)
    return True


def _form_page(
    request: HttpRequest, kind: str, pk: int, index: int | None, initial: dict[str, Any]
) -> HttpResponse:
    target = _steps(request, kind, pk)
    if kind == "plan" and request.method == "GET":
        plan = visible_plan(request, pk)
        audit.record(
            viewer(request), plan.runner, AuditAction.VIEW, "session plan", pk, now=timezone.now()
        )
    form = StepForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        verb = "added" if index is None else "changed"
        if _apply(request, target, put(index, form.stored()), f"Step {verb}."):
            return redirect(target.back)
    context = {"form": form, "target": target, "index": index}
    return render(request, "care/step_form.html", context)


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def step_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _form_page(request, kind, pk, None, {"side": "both", "position": "prone"})


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, kind: str, pk: int, index: int) -> HttpResponse:
    steps = _steps(request, kind, pk).steps
    if not 0 <= index < len(steps):
        raise Http404
    return _form_page(request, kind, pk, index, StepForm.initial_for(steps[index]))


@never_cache
@therapist_required
@require_POST
def step_remove(request: HttpRequest, kind: str, pk: int, index: int) -> HttpResponse:
    target = _steps(request, kind, pk)
    _apply(request, target, remove(index), "Step removed.")
    return redirect(target.back)


@never_cache
@therapist_required
@require_POST
def step_move(request: HttpRequest, kind: str, pk: int, index: int) -> HttpResponse:
    target = _steps(request, kind, pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, "Move a step up or down.")
    else:
        _apply(request, target, move(index, offset), "Step moved.")
    return redirect(target.back)
