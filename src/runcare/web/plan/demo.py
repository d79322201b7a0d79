"""The demo runner's run plan: settings and a few weeks of pain after her runs.

The pain is logged on the days she ran, around the long run that was too much too soon
(``runcare.demo.history``): low before it, above 5 on the day of the spike itself, then
settling over the short runs after it. Each entry goes through ``record_pain`` at the time
it would have been logged (the evening of the run, the next morning), so the plan changes it
caused are stored as they would have been and the history tells what happened: the run after
the painful day stepped back, progression held while the pain settled, and allowed again
once it was 0-2.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from runcare.plan import RunSettings, done_from_spikes
from runcare.web.accounts.models import User
from runcare.web.plan.models import PainReport, PlanChange, RunSettingsRow
from runcare.web.plan.services import record_pain, save_settings
from runcare.web.training.queries import load_report, runner_zone

REGION = "hip_front_left"
# (during, after, next morning) for the two runs before the spike, the spike, and the
# runs after it: sore after the long run, settling since.
BEFORE_SPIKE = ((2, 2, 1), (2, 2, 1))
SPIKE_DAY = (6, 5, 4)
AFTER_SPIKE = ((4, 3, 3), (3, 2, 2), (2, 2, 1))
SETTINGS_DAYS_AGO = 28
EVENING = time(19, 0)
MORNING = time(8, 0)


def seed_run_plan(runner: User, now: datetime, *, new_history: bool = False) -> bool:
    """Run settings (three runs a week) and the pain log above; nothing if settings exist.

    ``new_history``: her runs were just imported again, ending today, so the old log no
    longer sits on her run days: it is replaced, with the changes it made.
    """
    if new_history:
        PainReport.objects.filter(runner=runner).delete()
        PlanChange.objects.filter(runner=runner).delete()
        RunSettingsRow.objects.filter(runner=runner).delete()
    if RunSettingsRow.objects.filter(runner=runner).exists():
        return False
    # The demo's one upload, made just now, stands for the uploads of the weeks before: its
    # change ("There is a running plan now") would otherwise come after the weeks of changes
    # below, which it made possible.
    PlanChange.objects.filter(runner=runner, created_at__gte=now).delete()
    save_settings(
        runner, RunSettings(3, frozenset({1, 3, 6})), now - timedelta(days=SETTINGS_DAYS_AGO)
    )
    for day, (during, after, morning) in _pain_days(runner, now):
        evening_at = min(now, _at(runner, day, EVENING))
        record_pain(
            runner,
            {"day": day, "region": REGION, "during_0_10": during, "after_0_10": after},
            evening_at,
        )
        morning_at = _at(runner, day + timedelta(days=1), MORNING)
        if morning_at <= now:
            record_pain(
                runner, {"day": day, "region": REGION, "next_morning_0_10": morning}, morning_at
            )
    return PainReport.objects.filter(runner=runner).exists()


def _pain_days(runner: User, now: datetime) -> list[tuple[date, tuple[int, int, int]]]:
    """Her run days around the latest spike, each with its pain; none without a spike."""
    runs = done_from_spikes(load_report(runner, now).runs)
    spikes = [i for i, run in enumerate(runs) if run.spike_pct is not None]
    if not spikes:
        return []
    at = spikes[-1]
    before = [run.day for run in runs[max(0, at - len(BEFORE_SPIKE)) : at]]
    after = [run.day for run in runs[at + 1 : at + 1 + len(AFTER_SPIKE)]]
    return [
        *zip(before, BEFORE_SPIKE[-len(before) :] if before else (), strict=True),
        (runs[at].day, SPIKE_DAY),
        *zip(after, AFTER_SPIKE, strict=False),
    ]


def _at(runner: User, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=runner_zone(runner))
