"""``{% load stretches %}{% stretch_adherence runner %}``: the home-program adherence box a
client page includes, so the page's own view needs no change."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from runcare.web.accounts.models import User
from runcare.web.exercises.adherence import streak_days, weekly_adherence
from runcare.web.exercises.queries import current_version
from runcare.web.training.queries import runner_today

register = template.Library()


@register.inclusion_tag("exercises/_adherence.html")
def stretch_adherence(runner: User) -> dict[str, Any]:
    today = runner_today(runner, timezone.now())
    return {
        "runner": runner,
        "current": current_version(runner),
        "weeks": weekly_adherence(runner, today),
        "streak": streak_days(runner, today),
    }
