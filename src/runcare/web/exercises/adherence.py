"""Did the runner do the home program? Sessions done against prescribed, per week, with the
pain they reported after it, and their streak of days in a row.

Days are the runner's calendar days (their time zone). A week counts as prescribed only from
the day the first program was saved: nobody is behind on a program they did not have yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean

from runcare.web.accounts.models import User
from runcare.web.exercises.models import ProgramVersion, StretchSession
from runcare.web.exercises.queries import program_view


@dataclass(frozen=True)
class Week:
    start: date
    done: int
    prescribed: int
    pain_mean_0_10: float | None

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)


def _session_days(runner: User, since: date) -> list[tuple[date, int | None]]:
    zone = runner.zone
    rows = StretchSession.objects.filter(runner=runner).values_list("done_at", "pain_0_10")
    days = [(done_at.astimezone(zone).date(), pain) for done_at, pain in rows]
    return [(day, pain) for day, pain in days if day >= since]


def weekly_adherence(runner: User, today: date, weeks: int = 4) -> list[Week]:
    """The last ``weeks`` weeks (Monday to Sunday), newest first; empty without a program."""
    versions = list(ProgramVersion.objects.filter(runner=runner).order_by("number"))
    if not versions:
        return []
    first_day = versions[0].created_at.astimezone(runner.zone).date()
    per_day = program_view(versions[-1]).times_per_day
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=n) for n in range(weeks)]
    sessions = _session_days(runner, starts[-1])
    rows = []
    for start in starts:
        if start + timedelta(days=6) < first_day:
            break
        days_due = sum(1 for n in range(7) if first_day <= start + timedelta(days=n) <= today)
        in_week = [(d, p) for d, p in sessions if start <= d <= start + timedelta(days=6)]
        pains = [p for _, p in in_week if p is not None]
        rows.append(
            Week(
                start,
                len(in_week),
                days_due * per_day,
                round(float(mean(pains)), 1) if pains else None,
            )
        )
    return rows


def streak_days(runner: User, today: date) -> int:
    """Days in a row with at least one session, up to today (or yesterday: today is not
    over yet, so a streak is not broken before the evening)."""
    days = {
        done_at.astimezone(runner.zone).date()
        for done_at in StretchSession.objects.filter(
            runner=runner, done_at__date__gte=today - timedelta(days=400)
        ).values_list("done_at", flat=True)
    }
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
