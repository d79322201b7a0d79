"""The therapist's client list, read from the stored summaries: a page of 50 in a fixed number
of queries whatever the number of clients.

No activity is read here. Sorting, the search and the filters run in the database on the
summary columns; the stale summaries of the therapist's clients are recomputed first (up to
``INLINE_REFRESH_MAX`` of them), and any left stale are marked as such on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower, NullIf, Trim

from runcare.load import Level
from runcare.report.html import LEVEL_CLASS
from runcare.report.summary import LEVEL_LABELS
from runcare.web.accounts.models import Role, User
from runcare.web.clinic.models import RedFlagLevel
from runcare.web.exercises.models import ProgramVersion, StretchSession
from runcare.web.summaries.models import RunnerSummary
from runcare.web.summaries.services import is_stale, refresh_stale, stale_q

PAGE_SIZE = 50
# Stale summaries recomputed while the page waits (about 10 ms each for a year or two of
# runs); more than that are left to the queued jobs and to ``runcare refresh-summaries``.
INLINE_REFRESH_MAX = 100
SEARCH_MAX = 100


@dataclass(frozen=True)
class Column:
    """A sortable column: ``key`` is the value to sort by (an annotation or a summary
    column), and ``descending`` whether the first click shows the highest value first.
    Empty values sort last either way."""

    label: str
    key: Any
    descending: bool = False


def _urgency(rank: str) -> Any:
    # Ranks count from 0, the most urgent: the most urgent is the highest urgency.
    return F(rank) * -1


COLUMNS: dict[str, Column] = {
    "name": Column("Name", F("sort_name")),
    "red_flag": Column("Red flag", _urgency("summary__red_flag_rank"), descending=True),
    "verdict": Column("Training load", _urgency("summary__level_rank"), descending=True),
    "pain": Column("Worst pain (0-10)", F("summary__worst_pain_0_10"), descending=True),
    "run": Column("Last run", F("summary__last_run_at"), descending=True),
    "upload": Column("Last upload", F("summary__last_upload_at"), descending=True),
    "stretches": Column("Stretched (7 days)", F("stretched_7d"), descending=True),
}
DEFAULT_SORT = "red_flag"
# Ties: red flags, then the most worrying load, then by name (and id, so pages never overlap).
TIES = ("summary__red_flag_rank", "summary__level_rank", "sort_name", "pk")

LEVEL_FILTERS = {level.value: LEVEL_LABELS[level] for level in Level}
FLAGGED = (RedFlagLevel.URGENT, RedFlagLevel.REFER)


@dataclass(frozen=True)
class Filters:
    """What the therapist asked for: a name to search, a verdict level, red flags only,
    or clients who never uploaded."""

    search: str = ""
    level: str = ""
    red_flag: bool = False
    no_upload: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        level = query.get("level", "")
        return cls(
            search=query.get("q", "").strip()[:SEARCH_MAX],
            level=level if level in LEVEL_FILTERS else "",
            red_flag=query.get("flag") == "1",
            no_upload=query.get("no_upload") == "1",
        )

    @property
    def active(self) -> bool:
        return bool(self.search or self.level or self.red_flag or self.no_upload)

    def q(self) -> Q:
        found = Q()
        for word in self.search.split():
            found &= (
                Q(display_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(username__icontains=word)
            )
        if self.level:
            found &= Q(summary__level=self.level)
        if self.red_flag:
            found &= Q(summary__red_flag_level__in=FLAGGED)
        if self.no_upload:
            found &= Q(summary__last_upload_at__isnull=True)
        return found


@dataclass(frozen=True)
class ClientRow:
    runner: User
    summary: RunnerSummary
    # Home-stretch sessions logged in the last 7 days; None without a home program.
    stretched_7d: int | None
    # Not recomputed yet (more stale summaries than one page recomputes): said on the page.
    stale: bool

    @property
    def red_flag_level(self) -> str | None:
        return self.summary.red_flag_level

    @property
    def has_red_flag(self) -> bool:
        return self.red_flag_level in FLAGGED

    @property
    def level(self) -> Level:
        return Level(self.summary.level)

    @property
    def badge(self) -> dict[str, str]:
        if self.summary.computed_version is None:
            return {"label": "Not computed yet", "css": "badge-muted"}
        return {"label": self.summary.label, "css": f"badge-{LEVEL_CLASS[self.level]}"}

    @property
    def worst_pain_0_10(self) -> int | None:
        return self.summary.worst_pain_0_10

    @property
    def last_run_at(self) -> datetime | None:
        return self.summary.last_run_at

    @property
    def last_upload_at(self) -> datetime | None:
        return self.summary.last_upload_at

    @property
    def pain_trend(self) -> str:
        return self.summary.pain_trend


@dataclass(frozen=True)
class ClientPage:
    rows: list[ClientRow]
    number: int
    pages: int
    total: int  # clients matching the filters
    stale: int  # the therapist's clients whose summary is still out of date


def current_clients(therapist: User) -> QuerySet[User]:
    """``therapist``'s current clients: not archived, nobody else's."""
    return User.objects.filter(therapist=therapist, role=Role.RUNNER, archived_at__isnull=True)


def parse_sort(raw: str | None) -> tuple[str, bool]:
    """``?sort=`` as (column, reversed): ``pain`` or ``-pain``; anything else is the default."""
    text = raw or DEFAULT_SORT
    flipped = text.startswith("-")
    name = text.removeprefix("-")
    if name not in COLUMNS:
        return DEFAULT_SORT, False
    return name, flipped


def parse_page(raw: str | None) -> int:
    try:
        return max(1, int(raw or "1"))
    except ValueError:
        return 1


def _stretch_count(since: datetime) -> Coalesce:
    sessions = (
        StretchSession.objects.filter(runner=OuterRef("pk"), done_at__gte=since)
        .order_by()
        .values("runner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sessions, output_field=IntegerField()), 0)


def _annotated(clients: QuerySet[User], now: datetime) -> QuerySet[User]:
    full_name = NullIf(Trim(Concat("first_name", Value(" "), "last_name")), Value(""))
    return clients.annotate(
        sort_name=Lower(Coalesce(NullIf("display_name", Value("")), full_name, "username")),
        stretched_7d=Case(
            When(
                Exists(ProgramVersion.objects.filter(runner=OuterRef("pk"))),
                then=_stretch_count(now - timedelta(days=7)),
            ),
            default=None,
            output_field=IntegerField(),
        ),
    )


def _ordering(sort: str, flipped: bool) -> list[OrderBy]:
    column = COLUMNS[sort]
    descending = column.descending != flipped
    first = column.key
    primary = first.desc(nulls_last=True) if descending else first.asc(nulls_last=True)
    return [primary, *(F(name).asc(nulls_last=True) for name in TIES)]


def client_page(
    therapist: User, now: datetime, *, filters: Filters, sort: str, flipped: bool, page: int
) -> ClientPage:
    """One page of ``therapist``'s current clients, from their stored summaries."""
    clients = current_clients(therapist)
    refresh_stale(now, clients, limit=INLINE_REFRESH_MAX)
    counts = clients.aggregate(
        total=Count("pk", filter=filters.q()), stale=Count("pk", filter=stale_q(now, "summary__"))
    )
    pages = max(1, -(-counts["total"] // PAGE_SIZE))
    number = min(page, pages)
    start = (number - 1) * PAGE_SIZE
    found = (
        _annotated(clients.filter(filters.q()), now)
        .select_related("summary")
        .order_by(*_ordering(sort, flipped))[start : start + PAGE_SIZE]
    )
    rows = []
    for client in found:
        summary = getattr(client, "summary", None) or RunnerSummary(runner=client)
        stretched = getattr(client, "stretched_7d", None)  # the annotation above
        rows.append(ClientRow(client, summary, stretched, is_stale(summary, now)))
    return ClientPage(rows, number, pages, counts["total"], counts["stale"])


def sort_headers(current: str, flipped: bool) -> list[dict[str, Any]]:
    """Each column's label, the ``?sort=`` its header links to, and its ``aria-sort``."""
    headers = []
    for name, column in COLUMNS.items():
        is_current = name == current
        descending = column.descending != flipped
        headers.append(
            {
                "name": name,
                "label": column.label,
                "link": f"-{name}" if is_current and not flipped else name,
                "aria_sort": ("descending" if descending else "ascending") if is_current else "",
            }
        )
    return headers
