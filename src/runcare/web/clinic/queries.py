"""What the therapist's client list and client page show, loaded in a bounded number of queries.

The list is three queries whatever the number of clients: the clients with their last upload
date, their latest intakes, and all their activities at once (``load_reports``). The load
model itself then takes well under a millisecond a client.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from runcare.activities.model import RUNNING_SPORTS
from runcare.care.redflags import CLIENT_OUTCOMES, OUTCOMES, QUESTIONS_BY_KEY, SOURCE, screen
from runcare.load import Level, LoadReport
from runcare.report.summary import RED_FLAG_REMINDER, RED_FLAG_REMINDER_ABOUT_A_CLIENT
from runcare.web.accounts.models import Role, User
from runcare.web.clinic.models import Intake, RedFlagLevel
from runcare.web.exercises.models import ProgramVersion, StretchSession
from runcare.web.training.presenting import LEVEL_RANK
from runcare.web.training.queries import load_reports

# Most urgent first; a client never screened comes before one screened clear.
RED_FLAG_RANK: dict[str | None, int] = {
    RedFlagLevel.URGENT: 0,
    RedFlagLevel.REFER: 1,
    None: 2,
    RedFlagLevel.NONE: 3,
}


@dataclass(frozen=True)
class ClientRow:
    runner: User
    intake: Intake | None
    report: LoadReport
    last_upload_at: datetime | None
    last_run_at: datetime | None = None
    # Home-stretch sessions logged in the last 7 days; None without a home program.
    stretched_7d: int | None = None

    @property
    def red_flag_level(self) -> str | None:
        return self.intake.red_flag_level if self.intake else None

    @property
    def has_red_flag(self) -> bool:
        return self.red_flag_level in {RedFlagLevel.URGENT, RedFlagLevel.REFER}

    @property
    def level(self) -> Level:
        return self.report.verdict.level

    @property
    def worst_pain_0_10(self) -> int | None:
        return self.intake.worst_pain_0_10 if self.intake else None


def latest_intake(runner: User) -> Intake | None:
    return Intake.objects.filter(runner=runner, is_latest=True).select_related("entered_by").first()


def _stretch_count(since: datetime) -> Coalesce:
    """Sessions since ``since``, as a subquery: the list stays one query for its clients."""
    sessions = (
        StretchSession.objects.filter(runner=OuterRef("pk"), done_at__gte=since)
        .order_by()
        .values("runner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sessions, output_field=IntegerField()), 0)


def client_rows(therapist: User, now: datetime) -> list[ClientRow]:
    """One row per current client of ``therapist`` (not archived, nobody else's), by name."""
    clients = list(
        User.objects.filter(therapist=therapist, role=Role.RUNNER, archived_at__isnull=True)
        .annotate(
            last_upload_at=Max("uploads__created_at"),
            # The runs the verdict counts, not a walk or a ride.
            last_run_at=Max(
                "activities__start", filter=Q(activities__sport__in=sorted(RUNNING_SPORTS))
            ),
        )
        .annotate(
            has_program=Exists(ProgramVersion.objects.filter(runner=OuterRef("pk"))),
            stretched_7d=_stretch_count(now - timedelta(days=7)),
        )
        .order_by("display_name", "username")
    )
    intakes = {
        intake.runner_id: intake
        for intake in Intake.objects.filter(runner__in=clients, is_latest=True)
    }
    reports = load_reports(clients, now)
    return [
        ClientRow(
            runner=client,
            intake=intakes.get(client.pk),
            report=reports[client.pk],
            last_upload_at=client.last_upload_at,
            last_run_at=client.last_run_at,
            stretched_7d=(client.stretched_7d if client.has_program else None),
        )
        for client in clients
    ]


@dataclass(frozen=True)
class Column:
    """A sortable column. ``key`` gives the value to sort by (``None`` sorts last either way);
    ``descending`` says whether the first click shows the highest value first."""

    label: str
    key: Callable[[ClientRow], Any]
    descending: bool = False


COLUMNS: dict[str, Column] = {
    "name": Column("Name", lambda row: row.runner.name.casefold()),
    "red_flag": Column(
        "Red flag", lambda row: -RED_FLAG_RANK.get(row.red_flag_level, 2), descending=True
    ),
    "verdict": Column("Training load", lambda row: -LEVEL_RANK[row.level], descending=True),
    "pain": Column("Worst pain (0-10)", lambda row: row.worst_pain_0_10, descending=True),
    "run": Column("Last run", lambda row: row.last_run_at, descending=True),
    "upload": Column("Last upload", lambda row: row.last_upload_at, descending=True),
    "stretches": Column("Stretched (7 days)", lambda row: row.stretched_7d, descending=True),
}
DEFAULT_SORT = "red_flag"


def parse_sort(raw: str | None) -> tuple[str, bool]:
    """``?sort=`` as (column, reversed): ``pain`` or ``-pain``; anything else is the default."""
    text = raw or DEFAULT_SORT
    flipped = text.startswith("-")
    name = text.removeprefix("-")
    if name not in COLUMNS:
        return DEFAULT_SORT, False
    return name, flipped


def sort_rows(rows: Sequence[ClientRow], name: str, flipped: bool) -> list[ClientRow]:
    """Rows sorted by column ``name``; ties go by red flag, then training load, then name."""
    column = COLUMNS[name]
    descending = column.descending != flipped
    by_name = sorted(rows, key=lambda row: row.runner.name.casefold())
    ties = sorted(
        by_name,
        key=lambda row: (RED_FLAG_RANK.get(row.red_flag_level, 2), LEVEL_RANK[row.level]),
    )
    known = [row for row in ties if column.key(row) is not None]
    missing = [row for row in ties if column.key(row) is None]
    return sorted(known, key=column.key, reverse=descending) + missing


def red_flag_context(intake: Intake | None) -> dict[str, Any]:
    """The stored outcome of the latest intake, and the questions answered "yes"."""
    # Both wordings: the runner reads "you", her therapist reads about the client.
    common = {
        "redflag_source": SOURCE,
        "red_flag_reminder": RED_FLAG_REMINDER,
        "client_red_flag_reminder": RED_FLAG_REMINDER_ABOUT_A_CLIENT,
    }
    if intake is None:
        return {"red_flag": False, "outcome": None, "client_outcome": None, "flagged": (), **common}
    answers = {k: bool(v) for k, v in intake.red_flags.items() if k in QUESTIONS_BY_KEY}
    return {
        "red_flag": intake.red_flag_level != RedFlagLevel.NONE,
        "outcome": OUTCOMES.get(intake.red_flag_level),  # type: ignore[call-overload]
        "client_outcome": CLIENT_OUTCOMES.get(intake.red_flag_level),  # type: ignore[call-overload]
        "flagged": screen(answers).flagged,
        **common,
    }
