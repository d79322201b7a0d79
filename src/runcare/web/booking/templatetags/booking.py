"""``{% load booking %}{% next_session runner %}``: the next-session box the runner's
dashboard and the client page include, so their views need no change."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from runcare.web.accounts.models import User
from runcare.web.booking.services import next_for, read_settings

register = template.Library()


@register.inclusion_tag("booking/_next.html", takes_context=True)
def next_session(context: template.Context, runner: User) -> dict[str, Any]:
    viewer = context.get("user")
    for_runner = isinstance(viewer, User) and viewer.pk == runner.pk
    therapist = runner.therapist
    may_book = therapist is not None and (
        not for_runner or read_settings(therapist).runners_may_book
    )
    return {
        "runner": runner,
        "appointment": next_for(runner, timezone.now()),
        "for_runner": for_runner,
        "may_book": may_book,
        "has_therapist": therapist is not None,
    }
