"""Builders for the care tests: a therapist's template, a plan and a note, made through the
services the views call."""

from __future__ import annotations

from django.utils import timezone

from runcare.web.accounts.models import User
from runcare.web.care.models import ProtocolTemplate, SessionNote, SessionPlan
from runcare.web.care.queries import findings_for
from runcare.web.care.services import create_plan, start_note, templates_of


def template_of(therapist: User) -> ProtocolTemplate:
    return templates_of(therapist, timezone.now())[0]


def plan_for(runner: User) -> SessionPlan:
    therapist = runner.therapist
    assert therapist is not None
    now = timezone.now()
    found = findings_for(runner, now)
    return create_plan(runner, therapist, template_of(therapist), found.findings, now=now)


def note_for(runner: User) -> SessionNote:
    plan = plan_for(runner)
    assert runner.therapist is not None
    return start_note(
        plan, runner.therapist, {"buttock_left": 3}, timezone.localdate(), timezone.now()
    )
