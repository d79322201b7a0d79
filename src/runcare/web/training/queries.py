"""Load a runner's stored activities and hand them to the load model.

This module queries; ``runcare.load.build_report`` computes. Views call these functions and
only render what they return.

Time zone: a runner's "today" and the zone for files without a UTC offset is the runner's
own ``time_zone`` (set on their settings page), else the site's ``TIME_ZONE``
(``RUNCARE_TIME_ZONE``, default UTC), read in one place, ``runner_zone``. Activities that
carry their own UTC offset (FIT files) are placed on their local day whatever the zone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from runcare.activities import Activity
from runcare.activities.model import RUNNING_SPORTS
from runcare.load import LoadReport, build_report
from runcare.report.charts import CHART_DAYS
from runcare.web.accounts.models import User
from runcare.web.training.convert import ACTIVITY_COLUMNS, activities_from, row_to_activity
from runcare.web.training.models import ActivityRecord, Upload

RECENT_UPLOADS = 5


def runner_zone(runner: User) -> ZoneInfo:
    """The zone in which ``runner``'s days are counted: their own setting, else the app's."""
    return runner.zone


def runner_today(runner: User, now: datetime) -> date:
    """``now`` as a calendar day in the runner's zone: the report's as-of date."""
    return now.astimezone(runner_zone(runner)).date()


def report_from(runner: User, activities: Iterable[Activity], now: datetime) -> LoadReport:
    return build_report(activities, as_of=runner_today(runner, now), tz=runner_zone(runner))


def load_report(runner: User, now: datetime) -> LoadReport:
    """The runner's load report as of today in their zone (one query).

    Rows come as tuples, not model instances: ten years of runs read about twice as fast.
    """
    records = ActivityRecord.objects.filter(runner=runner).order_by("start")
    return report_from(runner, activities_from(records), now)


# A page charts the last CHART_DAYS days. Every number on it looks back at most 30 days from
# a charted day, except the fitness line, a 42-day exponential average: after two years its
# start is forgotten to within exp(-730/42) (3e-8) of its value. So a page reads that much.
PAGE_HISTORY_DAYS = CHART_DAYS + 2 * 365
# Local days differ from UTC ones by at most 14 hours: a day's margin on each side.
ZONE_MARGIN = timedelta(days=1)


def page_report(runner: User, now: datetime) -> LoadReport:
    """The load report a page shows (the verdict, the charts, the plan), read from the last
    ``PAGE_HISTORY_DAYS`` days only, however long the runner's history.

    The runner's first activity and first run are read too: they date the history (a
    "short history" verdict, the settling of fitness), so those stay exactly the whole
    history's. ``tests/web/test_page_report.py`` compares it with ``load_report``.
    """
    today = runner_today(runner, now)
    since = datetime.combine(today - timedelta(days=PAGE_HISTORY_DAYS), time(0), tzinfo=UTC)
    records = ActivityRecord.objects.filter(runner=runner)
    older = records.filter(start__lt=since - ZONE_MARGIN)
    # The first activity may be the first run too: each is counted once.
    anchors = dict.fromkeys(
        [
            *_first_activities(older),
            *_first_activities(older.filter(sport__in=sorted(RUNNING_SPORTS))),
        ]
    )
    recent = activities_from(records.filter(start__gte=since - ZONE_MARGIN).order_by("start"))
    return report_from(runner, [*anchors, *recent], now)


def _first_activities(records: QuerySet[ActivityRecord]) -> list[Activity]:
    """The earliest of ``records``, with any that may fall on the same or an earlier local
    day (another UTC offset moves a day by at most a day)."""
    first = records.order_by("start").values_list("start", flat=True).first()
    if first is None:
        return []
    return list(
        activities_from(records.filter(start__lte=first + 2 * ZONE_MARGIN).order_by("start"))
    )


def load_reports(runners: Iterable[User], now: datetime) -> dict[int, LoadReport]:
    """Load reports for many runners, keyed by runner id, from one query for all of them.

    The load model takes well under a millisecond a runner; reading and converting the rows
    is the cost, so it is done in a single pass, never a query a runner.
    """
    by_id = {runner.pk: runner for runner in runners}
    activities: dict[int, list[Activity]] = defaultdict(list)
    records = ActivityRecord.objects.filter(runner_id__in=by_id).order_by("runner_id", "start")
    for row in records.values_list("runner_id", *ACTIVITY_COLUMNS).iterator(chunk_size=2000):
        activities[row[0]].append(row_to_activity(row[1:]))
    return {pk: report_from(runner, activities[pk], now) for pk, runner in by_id.items()}


def recent_uploads(runner: User, limit: int = RECENT_UPLOADS) -> list[Upload]:
    return list(Upload.objects.filter(runner=runner).order_by("-created_at")[:limit])


def activity_count(runner: User) -> int:
    return ActivityRecord.objects.filter(runner=runner).count()
