"""Keep each runner's stored summary equal to what ``summarize`` says today.

Every change to what a summary reads (an import, a deleted activity or upload, a corrected
sport, a new intake, pain after a run, a new time zone) calls ``mark_changed`` in its own
transaction: the row's ``data_version`` goes up, which makes it stale at once, and a job is
queued to recompute it. A row also goes stale at the runner's midnight, since a verdict's
window moves with the date. Stale rows are recomputed by that job, by ``refresh_stale``
(``runcare refresh-summaries``, from cron) or on the first read that finds them.

Two computations at once (two workers, two machines, a page and cron) cannot leave older
figures behind: each records the ``data_version`` it saw *before* reading the data, and a
write only lands if no computation from newer data (or a later day) has landed first.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone

from runcare.load import Level
from runcare.plan.model import PainEntry
from runcare.plan.progress import TREND_DAYS, Trend
from runcare.report.runner_summary import (
    SUMMARY_VERSION,
    RunnerSummary,
    reasons_from_json,
    reasons_to_json,
    summarize,
)
from runcare.web.accounts.models import Role, User
from runcare.web.clinic.models import Intake, RedFlagLevel
from runcare.web.plan.models import PainReport
from runcare.web.summaries.models import RunnerSummary as SummaryRow
from runcare.web.training.models import Upload
from runcare.web.training.presenting import LEVEL_RANK
from runcare.web.training.queries import load_reports

logger = logging.getLogger(__name__)

# Runners read and computed together: one query each for their activities, intakes, pain and
# uploads, and memory bounded by this many histories.
CHUNK = 100

# Most urgent first; a client never screened comes before one screened clear.
RED_FLAG_RANK: dict[str | None, int] = {
    RedFlagLevel.URGENT: 0,
    RedFlagLevel.REFER: 1,
    None: 2,
    RedFlagLevel.NONE: 3,
}


def stale_q(now: datetime, prefix: str = "") -> Q:
    """Rows that must be recomputed before they are shown as current.

    ``prefix`` is the path to the summary from the model queried (``"summary__"`` from
    ``User``); a runner without a row at all is stale too.
    """
    p = prefix
    missing = Q(**{f"{p[:-2]}__isnull": True}) if p else Q(pk__in=[])
    return (
        missing
        | Q(**{f"{p}computed_version__isnull": True})
        | ~Q(**{f"{p}version": SUMMARY_VERSION})
        | Q(**{f"{p}computed_version__lt": F(f"{p}data_version")})
        | Q(**{f"{p}fresh_until__lte": now})
    )


def is_stale(row: SummaryRow | None, now: datetime) -> bool:
    return (
        row is None
        or row.computed_version is None
        or row.version != SUMMARY_VERSION
        or row.computed_version < row.data_version
        or row.fresh_until is None
        or row.fresh_until <= now
    )


def mark_changed(runner_id: int, *, queue: bool = True) -> None:
    """Say that the runner's data changed: the stored summary is stale from this commit on.

    Call it inside the transaction that changes the data. ``queue`` also queues the job that
    recomputes it once the change is committed (the import job recomputes by itself).
    """
    SummaryRow.objects.bulk_create([SummaryRow(runner_id=runner_id)], ignore_conflicts=True)
    SummaryRow.objects.filter(runner_id=runner_id).update(data_version=F("data_version") + 1)
    if queue:
        # Imported here: the task module imports this one.
        from runcare.web.summaries.tasks import refresh_summary  # noqa: PLC0415

        transaction.on_commit(partial(refresh_summary.enqueue, runner_id))


def note_intake(intake: Intake) -> None:
    """Copy a new intake's red flag and worst pain into the stored row at once.

    They are copies, not computed: a red flag must lead the list from the moment it is
    recorded, even while the rest of a stale row waits for its recomputation.
    """
    mark_changed(intake.runner_id)
    SummaryRow.objects.filter(runner_id=intake.runner_id).update(
        red_flag_level=intake.red_flag_level,
        red_flag_rank=RED_FLAG_RANK[intake.red_flag_level],
        worst_pain_0_10=intake.worst_pain_0_10,
    )


def next_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of the day after ``day`` in ``zone``, as an aware datetime."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)


def refresh(runners: Sequence[User], now: datetime) -> int:
    """Recompute and store the summaries of ``runners`` as of ``now``; how many were written.

    A row a newer computation wrote meanwhile is left as it is (and not counted).
    """
    written = 0
    for start in range(0, len(runners), CHUNK):
        written += _refresh_chunk(runners[start : start + CHUNK], now)
    return written


def _refresh_chunk(runners: Sequence[User], now: datetime) -> int:
    ids = [runner.pk for runner in runners]
    SummaryRow.objects.bulk_create([SummaryRow(runner_id=pk) for pk in ids], ignore_conflicts=True)
    # Read before the data: what a change commits after this is newer than what we store.
    seen = dict(
        SummaryRow.objects.filter(runner_id__in=ids).values_list("runner_id", "data_version")
    )
    reports = load_reports(runners, now)
    pain = _pain_entries(ids, now)
    intakes = {i.runner_id: i for i in Intake.objects.filter(runner_id__in=ids, is_latest=True)}
    uploads = dict(
        Upload.objects.filter(runner_id__in=ids)
        .values("runner_id")
        .annotate(last=Max("created_at"))
        .values_list("runner_id", "last")
    )
    written = 0
    for runner in runners:
        summary = summarize(reports[runner.pk], pain[runner.pk])
        fields = row_fields(summary, runner.zone)
        fields.update(copied_fields(intakes.get(runner.pk), uploads.get(runner.pk)))
        written += _store(runner.pk, seen[runner.pk], summary.as_of, fields, now)
    return written


def _pain_entries(ids: Iterable[int], now: datetime) -> dict[int, list[PainEntry]]:
    # Two trend periods back from the earliest "today" any zone can have (UTC-12).
    since = now.date() - timedelta(days=2 * TREND_DAYS + 2)
    entries: dict[int, list[PainEntry]] = defaultdict(list)
    for row in PainReport.objects.filter(runner_id__in=ids, day__gte=since):
        entries[row.runner_id].append(row.entry())
    return entries


def _store(runner_id: int, seen: int, as_of: date, fields: dict[str, Any], now: datetime) -> int:
    """Write the row unless a computation from newer data, or of a later day, got there first."""
    not_newer = (
        Q(computed_version__isnull=True)
        | Q(version__lt=SUMMARY_VERSION)
        | Q(computed_version__lt=seen)
        | Q(computed_version=seen, as_of__lte=as_of)
    )
    return SummaryRow.objects.filter(
        not_newer, runner_id=runner_id, version__lte=SUMMARY_VERSION
    ).update(**fields, computed_version=seen, version=SUMMARY_VERSION, computed_at=now)


def row_fields(summary: RunnerSummary, zone: ZoneInfo) -> dict[str, Any]:
    """The columns that hold ``summary`` for a runner whose days are counted in ``zone``."""
    return {
        "as_of": summary.as_of,
        "fresh_until": next_midnight(summary.as_of, zone),
        "level": summary.level.value,
        "level_rank": LEVEL_RANK[summary.level],
        "label": summary.label,
        "reasons": reasons_to_json(summary.reasons),
        "latest_spike_day": summary.latest_spike_day,
        "latest_spike_pct": summary.latest_spike_pct,
        "latest_spike_m": summary.latest_spike_m,
        "last_run_at": summary.last_run_at,
        "weekly_m": list(summary.weekly_m),
        "weekly_change_pct": summary.weekly_change_pct,
        "pain_trend": summary.pain_trend.value,
    }


def copied_fields(intake: Intake | None, last_upload_at: datetime | None) -> dict[str, Any]:
    level = intake.red_flag_level if intake else None
    return {
        "red_flag_level": level,
        "red_flag_rank": RED_FLAG_RANK[level],
        "worst_pain_0_10": intake.worst_pain_0_10 if intake else None,
        "last_upload_at": last_upload_at,
    }


def summary_of(row: SummaryRow) -> RunnerSummary:
    """The core summary a stored row holds (for the tests that compare it with a fresh one)."""
    assert row.as_of is not None
    return RunnerSummary(
        as_of=row.as_of,
        level=Level(row.level),
        label=row.label,
        reasons=reasons_from_json(row.reasons),
        latest_spike_day=row.latest_spike_day,
        latest_spike_pct=row.latest_spike_pct,
        latest_spike_m=row.latest_spike_m,
        last_run_at=row.last_run_at,
        weekly_m=tuple(float(m) for m in row.weekly_m),
        weekly_change_pct=row.weekly_change_pct,
        pain_trend=Trend(row.pain_trend),
    )


def refresh_stale(
    now: datetime, runners: QuerySet[User] | None = None, limit: int | None = None
) -> int:
    """Recompute the stale summaries among ``runners`` (default: every runner); how many.

    ``limit`` caps how many are recomputed now; the rest stay stale, and say so.
    """
    people = runners if runners is not None else User.objects.filter(role=Role.RUNNER)
    stale = people.filter(stale_q(now, "summary__")).order_by("pk")
    if limit is not None:
        stale = stale[:limit]
    return refresh(list(stale), now)


def refresh_runner(runner_id: int, now: datetime | None = None) -> int:
    runner = User.objects.filter(pk=runner_id, role=Role.RUNNER).first()
    if runner is None:
        return 0
    return refresh([runner], now or timezone.now())


def fresh_summary(runner: User, now: datetime) -> SummaryRow:
    """The runner's stored summary, recomputed first if it is stale (a lazy read)."""
    row = SummaryRow.objects.filter(runner=runner).first()
    if is_stale(row, now):
        refresh([runner], now)
        row = SummaryRow.objects.get(runner=runner)
    assert row is not None
    return row
