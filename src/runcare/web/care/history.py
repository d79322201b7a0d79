"""A client's session history for the client page (``clinic/_sessions.html``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from runcare.web.accounts.models import User
from runcare.web.care import audit
from runcare.web.care.models import AuditAction
from runcare.web.care.queries import session_history, viewer


def session_context(request: HttpRequest, runner: User) -> dict[str, Any]:
    """The runner's plans and notes, newest first; showing them is logged like any view."""
    sessions = session_history(runner)
    if sessions:
        audit.record(
            viewer(request), runner, AuditAction.VIEW, "session history", None, now=timezone.now()
        )
    return {"sessions": sessions}
