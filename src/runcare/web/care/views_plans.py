"""Planning a session for a client, the printable plan, and the doctor's-visit record that
lifts a red flag's block on planning."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runcare.care.plans import PlanningBlockedError
from runcare.care.protocols import ProtocolError
from runcare.web.accounts.decorators import therapist_required, visible_runner
from runcare.web.care import audit
from runcare.web.care.forms import DoctorVisitForm, PlanForm
from runcare.web.care.models import AuditAction, SessionNote
from runcare.web.care.presenting import pain_list, step_views
from runcare.web.care.queries import findings_for, viewer, visible_plan
from runcare.web.care.services import create_plan, record_doctor_visit, start_note, templates_of
from runcare.web.clinic.queries import red_flag_context
from runcare.web.training.queries import runner_today


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    therapist = viewer(request)
    now = timezone.now()
    found = findings_for(runner, now)
    templates = templates_of(therapist, now)
    form = PlanForm(request.POST or None, templates=templates)
    if request.method == "POST" and form.is_valid():
        try:
            plan = create_plan(
                runner, therapist, form.cleaned_data["template"], found.findings, now=now
            )
        except (PlanningBlockedError, ProtocolError) as error:
            messages.error(request, str(error))
        else:
            return redirect("care:plan_detail", pk=plan.pk)
    context = {
        "runner": runner,
        "form": form,
        "found": found,
        "pain": pain_list(found.findings.pain_0_10),
        **red_flag_context(found.intake),
    }
    return render(request, "care/plan_new.html", context)


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def doctor_visit(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    now = timezone.now()
    form = DoctorVisitForm(request.POST or None, today=runner_today(runner, now))
    if request.method == "POST" and form.is_valid():
        record_doctor_visit(
            runner, viewer(request), form.cleaned_data["seen_on"], form.cleaned_data["note"], now
        )
        messages.success(request, "Recorded. You can plan a session now.")
        return redirect("care:plan_new", runner_id=runner.pk)
    found = findings_for(runner, now)
    context = {"runner": runner, "form": form, "found": found, **red_flag_context(found.intake)}
    return render(request, "care/doctor_visit.html", context)


@never_cache
@therapist_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    audit.record(
        viewer(request), plan.runner, AuditAction.VIEW, "session plan", plan.pk, now=timezone.now()
    )
    note = SessionNote.objects.filter(plan=plan).first()
    context = {
        "plan": plan,
        "runner": plan.runner,
        "steps": step_views(plan.steps),
        "painful": [(label, score) for label, score in pain_list(dict(plan.painful))],
        "note": note,
        "locked": note is not None,
        "kind": "plan",
    }
    return render(request, "care/plan_detail.html", context)


@never_cache
@therapist_required
@require_POST
def note_start(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    now = timezone.now()
    found = findings_for(plan.runner, now)
    note = start_note(
        plan, viewer(request), found.findings.pain_0_10, runner_today(plan.runner, now), now
    )
    return redirect("care:note_edit", pk=note.pk)
