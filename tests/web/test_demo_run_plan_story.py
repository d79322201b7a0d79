"""The demo runner's plan history tells what happened: pain on her run days, above 5 on the
day of the spike, the run after it stepped back, no status code in any sentence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runcare.plan import done_from_spikes
from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.plan.models import PainReport, PlanChange
from runcare.web.training.queries import load_report

pytestmark = pytest.mark.django_db


# A Wednesday and a Sunday: the spike falls 7 to 13 days before, on different weekdays.
@pytest.mark.parametrize(
    "now", [datetime(2026, 12, 2, 17, 0, tzinfo=UTC), datetime(2026, 3, 8, 9, 30, tzinfo=UTC)]
)
def test_the_demo_pain_log_and_plan_changes_tell_a_true_story(now: datetime) -> None:
    demo.seed_demo(now)
    check_story(now)


def test_a_new_day_moves_the_pain_log_with_the_history() -> None:
    first = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)
    demo.seed_demo(first)
    later = first + timedelta(days=4)
    demo.seed_demo(later)
    check_story(later)
    # Seeding again on the same day keeps what is there.
    kept = list(PainReport.objects.values_list("pk", flat=True))
    demo.seed_demo(later + timedelta(hours=1))
    assert list(PainReport.objects.values_list("pk", flat=True)) == kept


def check_story(now: datetime) -> None:
    mia = User.objects.get(username=demo.TOO_MUCH)
    runs = done_from_spikes(load_report(mia, now).runs)
    run_days = {run.day for run in runs}
    spike_day = [run.day for run in runs if run.spike_pct is not None][-1]

    reports = list(PainReport.objects.filter(runner=mia).order_by("day"))
    assert len(reports) >= 4
    assert {r.day for r in reports} <= run_days, "pain is logged after runs, on run days"
    worst = {r.day: max(r.during_0_10 or 0, r.after_0_10 or 0) for r in reports}
    assert [day for day, value in worst.items() if value > 5] == [spike_day]
    assert all(r.created_at <= now and r.updated_at <= now for r in reports)

    changes = list(PlanChange.objects.filter(runner=mia).order_by("created_at"))
    for change in changes:
        for text in change.changes:
            for code in ("plan is now", "not_enough_data", "see_a_doctor", "now plan"):
                assert code not in text
    # No upload's change after the weeks of changes it made possible.
    first_pain = min(c.created_at for c in changes if c.cause == "pain after a run")
    assert not [c for c in changes if "uploaded" in c.cause and c.created_at > first_pain]

    # The evening of the spike: the next run stepped back, no run made longer.
    spike_report = next(r for r in reports if r.day == spike_day)
    stepped = next(c for c in changes if c.created_at == spike_report.created_at)
    assert "(shorter)" in stepped.changes[0] and "Stepped back" in stepped.changes[0]
    assert not any("(longer)" in text for text in stepped.changes)
    # Only the next run steps back; the others lose only the weekly rise (held).
    assert not any("Stepped back" in text for text in stepped.changes[1:])
