"""The demo runner's run plan: settings and a few weeks of pain after runs.

The pain goes through ``record_pain`` at the time it was logged, so the plan changes it
caused are stored as they would have been, and the progress chart has something to show.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from runcare.plan import RunSettings
from runcare.web.accounts.models import User
from runcare.web.plan.models import PainReport, RunSettingsRow
from runcare.web.plan.services import record_pain, save_settings
from runcare.web.training.queries import runner_today

REGION = "hip_front_left"
# (days ago, during, after, next morning): sore after the long run, settling since.
PAIN_LOG = (
    (24, 2, 3, 2),
    (17, 3, 3, 2),
    (13, 6, 5, 4),
    (10, 4, 3, 3),
    (6, 3, 2, 2),
    (3, 2, 2, 1),
)


def seed_run_plan(runner: User, now: datetime) -> bool:
    """Run settings (three runs a week) and the pain log above; nothing if settings exist."""
    if RunSettingsRow.objects.filter(runner=runner).exists():
        return False
    save_settings(runner, RunSettings(3, frozenset({1, 3, 6})), now - timedelta(days=28))
    for days_ago, during, after, morning in PAIN_LOG:
        logged = now - timedelta(days=days_ago)
        day = runner_today(runner, logged)
        record_pain(
            runner,
            {"day": day, "region": REGION, "during_0_10": during, "after_0_10": after},
            logged,
        )
        record_pain(
            runner,
            {"day": day, "region": REGION, "next_morning_0_10": morning},
            logged + timedelta(days=1),
        )
    return PainReport.objects.filter(runner=runner).exists()
