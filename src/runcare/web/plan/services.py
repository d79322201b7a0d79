"""Load a runner's settings, pain and runs, hand them to ``runcare.plan``, store what changed.

This module queries and stores; ``runcare.plan`` computes. The plan itself is never stored:
it is computed afresh on every page from the stored runs, settings and pain, so a new
activity changes it at once. What is stored is each change and its cause, so the runner and
the therapist can read why the plan moved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from runcare.body.regions import REGIONS
from runcare.load import LoadReport
from runcare.plan import PainEntry, Plan, RunSettings, build_plan, done_from_spikes, plan_changes
from runcare.plan.progress import TREND_DAYS, Progress, Trend, build_progress, pain_trend
from runcare.report.progress_chart import CAPTION, progress_chart, week_title
from runcare.web.accounts.models import User
from runcare.web.care.models import SessionNote
from runcare.web.clinic.models import Intake, RedFlagLevel
from runcare.web.clinic.services import record_intake
from runcare.web.plan.models import PainReport, PlanChange, RunSettingsRow
from runcare.web.summaries.services import mark_changed
from runcare.web.training.queries import load_report, runner_today

PAIN_FIELDS = ("during_0_10", "after_0_10", "next_morning_0_10")
# How long "what changed" stays on the runner's page after a change.
RECENT_CHANGE_DAYS = 7


def run_settings(runner: User) -> RunSettings:
    row = RunSettingsRow.objects.filter(runner=runner).first()
    return RunSettings() if row is None else row.settings()


def pain_entries(runner: User) -> list[PainEntry]:
    return [row.entry() for row in PainReport.objects.filter(runner=runner)]


def has_red_flag(runner: User) -> bool:
    latest = Intake.objects.filter(runner=runner, is_latest=True).only("red_flag_level").first()
    return latest is not None and latest.red_flag_level != RedFlagLevel.NONE


def current_plan(runner: User, now: datetime, report: LoadReport | None = None) -> Plan:
    """The runner's plan as of today in their zone; ``report`` saves reading the runs again."""
    report = report or load_report(runner, now)
    return build_plan(
        done_from_spikes(report.runs),
        run_settings(runner),
        as_of=runner_today(runner, now),
        pain=pain_entries(runner),
        red_flag=has_red_flag(runner),
    )


def _record_change(
    runner: User, old: Plan, new: Plan, cause: str, now: datetime
) -> PlanChange | None:
    changes = plan_changes(old, new)
    if not changes:
        return None
    return PlanChange.objects.create(
        runner=runner,
        created_at=now,
        as_of=new.as_of,
        cause=cause,
        changes=[change.text for change in changes],
    )


@contextmanager
def recording_changes(runner: User, cause: str, now: datetime) -> Iterator[None]:
    """Store what the plan changed by, and ``cause``, around the writes inside the block.

    For writes the plan app does not make itself (an upload's new runs): the plan is
    computed before and after, and a change is stored only when there is one.
    """
    old = current_plan(runner, now)
    yield
    _record_change(runner, old, current_plan(runner, now), cause, now)


def upload_cause(runs_added: int) -> str:
    return f"{runs_added} new {'activity' if runs_added == 1 else 'activities'} uploaded"


@transaction.atomic
def record_pain(runner: User, data: Mapping[str, Any], now: datetime) -> PlanChange | None:
    """Add or complete the runner's pain for a day and region, re-plan, store what changed.

    Fields left empty keep what was recorded before (the next morning adds to the same row).
    """
    old = current_plan(runner, now)
    # Locks the runner's row: two saves at once cannot both miss the other's row.
    User.objects.select_for_update().filter(pk=runner.pk).first()
    report, _ = PainReport.objects.get_or_create(
        runner=runner,
        day=data["day"],
        region=data.get("region", ""),
        defaults={"created_at": now, "updated_at": now},
    )
    for name in PAIN_FIELDS:
        if data.get(name) is not None:
            setattr(report, name, data[name])
    report.updated_at = now
    report.entry()  # the core's checks, for a caller that skipped the form
    report.save()
    mark_changed(runner.pk)  # the pain trend of the client list
    return _record_change(runner, old, current_plan(runner, now), "pain after a run", now)


@transaction.atomic
def save_settings(runner: User, settings: RunSettings, now: datetime) -> PlanChange | None:
    old = current_plan(runner, now)
    goal = settings.weekly_goal_m
    RunSettingsRow.objects.update_or_create(
        runner=runner,
        defaults={
            "runs_per_week": settings.runs_per_week,
            "weekdays": sorted(settings.weekdays),
            "weekly_goal_km": None if goal is None else round(goal / 1000, 1),
            "weekly_rise_pct": settings.weekly_rise_pct,
            "run_walk": settings.run_walk,
        },
    )
    return _record_change(runner, old, current_plan(runner, now), "new run settings", now)


def recent_changes(runner: User, now: datetime) -> list[PlanChange]:
    since = now - timedelta(days=RECENT_CHANGE_DAYS)
    return list(PlanChange.objects.filter(runner=runner, created_at__gte=since)[:3])


def progress(runner: User, now: datetime, report: LoadReport) -> Progress:
    as_of = runner_today(runner, now)
    sessions = SessionNote.objects.filter(runner=runner).values_list("session_on", flat=True)
    changes = PlanChange.objects.filter(runner=runner).values_list("as_of", flat=True)
    return build_progress(
        done_from_spikes(report.runs),
        pain_entries(runner),
        as_of=as_of,
        session_days=list(sessions),
        plan_change_days=list(changes),
    )


def pain_trends(runners: Iterable[User], now: datetime) -> dict[int, Trend]:
    """Better, same or worse for many runners from one query, keyed by runner id."""
    by_id = {runner.pk: runner for runner in runners}
    since = now.date() - timedelta(days=2 * TREND_DAYS + 1)
    entries: dict[int, list[PainEntry]] = defaultdict(list)
    for row in PainReport.objects.filter(runner_id__in=by_id, day__gte=since):
        entries[row.runner_id].append(row.entry())
    return {pk: pain_trend(entries[pk], runner_today(runner, now)) for pk, runner in by_id.items()}


def record_red_flag(runner: User, answers: Mapping[str, bool], now: datetime) -> Intake:
    """A warning sign reported with pain after a run: a new version of the runner's health
    questions with these answers, everything else carried over, so every page (and the plan)
    sees it exactly as if it had been answered in the questions themselves."""
    latest = Intake.objects.filter(runner=runner, is_latest=True).first()
    data: dict[str, Any] = {"red_flags": dict(answers)}
    if latest is not None:
        data |= {
            "question": latest.question,
            "pain_0_10": latest.pain_0_10,
            "timing": latest.timing,
            "pain_since": latest.pain_since,
            "years_running": latest.years_running,
            "usual_weekly_km": latest.usual_weekly_km,
            "goal_race": latest.goal_race,
        }
    return record_intake(runner, runner, data, now)


def plan_context(runner: User, now: datetime, report: LoadReport) -> dict[str, Any]:
    """What the plan and progress templates show, for the runner's and the therapist's pages."""
    found = progress(runner, now, report)
    labels = {key: region.label for key, region in REGIONS.items()}
    plan = current_plan(runner, now, report)
    return {
        "plan": plan,
        "plan_runs": [
            {"run": run, "km": f"{run.distance_m / 1000:.1f}", "cap_km": f"{run.cap_m / 1000:.1f}"}
            for run in plan.runs
        ],
        "plan_changes": recent_changes(runner, now),
        "progress": found,
        "progress_svg": progress_chart(found, labels),
        "progress_rows": progress_rows(found, labels),
        "progress_caption": CAPTION,
    }


def progress_rows(found: Progress, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "week_start": week.week_start,
            "km": week.distance_m / 1000,
            "details": week_title(week, labels).partition(": ")[2],
        }
        for week in found.weeks
    ]
