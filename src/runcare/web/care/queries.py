"""Loading what the care pages show, and the one ownership rule applied to plans and notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from runcare.care.plans import Findings
from runcare.report.summary import headline
from runcare.web.accounts.models import User
from runcare.web.care.models import DoctorVisit, ProtocolTemplate, SessionNote, SessionPlan
from runcare.web.clinic.models import Intake
from runcare.web.clinic.queries import latest_intake
from runcare.web.training.queries import load_report


def viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def own_template(request: HttpRequest, pk: int) -> ProtocolTemplate:
    """The logged-in therapist's template ``pk``; another's is a 404 like a missing one."""
    return get_object_or_404(ProtocolTemplate, pk=pk, therapist=viewer(request))


def visible_plan(request: HttpRequest, pk: int) -> SessionPlan:
    plan = get_object_or_404(SessionPlan.objects.select_related("runner", "therapist"), pk=pk)
    _check_therapist_of(request, plan.runner)
    return plan


def visible_note(request: HttpRequest, pk: int) -> SessionNote:
    note = get_object_or_404(
        SessionNote.objects.select_related("runner", "plan", "signed_by", "therapist"), pk=pk
    )
    _check_therapist_of(request, note.runner)
    return note


def _check_therapist_of(request: HttpRequest, runner: User) -> None:
    user = viewer(request)
    if not (user.is_therapist and user.can_see(runner)):
        raise Http404


def latest_doctor_visit(runner: User) -> DoctorVisit | None:
    return DoctorVisit.objects.filter(runner=runner).select_related("recorded_by").first()


@dataclass(frozen=True)
class ClientFindings:
    findings: Findings
    intake: Intake | None
    visit: DoctorVisit | None


def findings_for(runner: User, now: datetime) -> ClientFindings:
    """The latest pain map and red-flag screen, any doctor's visit since, and the verdict.

    A visit counts only if it was recorded after the latest intake: a newer intake with a
    red flag opens the question again.
    """
    intake = latest_intake(runner)
    visit = latest_doctor_visit(runner)
    seen = visit is not None and intake is not None and visit.recorded_at >= intake.created_at
    report = load_report(runner, now)
    findings = Findings(
        pain_0_10={str(k): int(v) for k, v in (intake.pain_0_10 if intake else {}).items()},
        red_flag_level=intake.red_flag_level if intake else None,
        doctor_seen=seen,
        load_level=report.verdict.level.value,
        load_headline=headline(report),
    )
    return ClientFindings(findings, intake, visit)


@dataclass(frozen=True)
class SessionRow:
    plan: SessionPlan
    note: SessionNote | None


def session_history(runner: User) -> list[SessionRow]:
    """The runner's plans, newest first, each with its note if one was started."""
    plans = list(SessionPlan.objects.filter(runner=runner).order_by("-created_at", "-pk"))
    notes = {n.plan_id: n for n in SessionNote.objects.filter(plan__in=plans)}
    return [SessionRow(plan, notes.get(plan.pk)) for plan in plans]


def signed_notes_of(runner: User) -> list[SessionNote]:
    return list(
        SessionNote.objects.filter(runner=runner, signed_at__isnull=False)
        .select_related("therapist")
        .order_by("-session_on", "-pk")
    )
