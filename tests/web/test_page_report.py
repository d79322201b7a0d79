"""A page reads the last years of a runner's history only (``page_report``), and shows what
the whole history (``load_report``) would: the same verdict, runs, weeks, plan and charts."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, time, timedelta

import pytest

from runcare.load import LoadReport
from runcare.report.charts import CHART_DAYS
from runcare.web.accounts.models import User
from runcare.web.plan.services import current_plan
from runcare.web.training.models import ActivityRecord
from runcare.web.training.presenting import figures, load_context
from runcare.web.training.queries import PAGE_HISTORY_DAYS, load_report, page_report
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
TODAY = NOW.date()
EXACT = ("load", "acwr_coupled", "acwr_uncoupled", "monotony", "strain", "fitness_reliable")
SETTLED = ("fitness", "fatigue", "form", "acwr_ewma")


def add(
    runner: User, day: date, km: float | None, sport: str = "running", offset_h: int = 1
) -> None:
    ActivityRecord.objects.create(
        runner=runner,
        start=datetime.combine(day, time(6, 15), tzinfo=UTC),
        utc_offset_s=offset_h * 3600,
        sport=sport,
        kind="fit",
        duration_s=1800.0,
        distance_m=None if km is None else km * 1000.0,
        source=f"{day}-{sport}.fit",
    )


def years_of_runs(runner: User, first: date, last: date, seed: int = 3) -> None:
    rng = random.Random(seed)
    day = first
    while day <= last:
        if rng.random() < 0.6:
            km = rng.uniform(4.0, 12.0) * (1.5 if rng.random() < 0.03 else 1.0)
            add(runner, day, km, offset_h=rng.choice([-10, 0, 1, 13]))
        day += timedelta(days=1)


def assert_same_page(runner: User) -> tuple[LoadReport, LoadReport]:
    full, page = load_report(runner, NOW), page_report(runner, NOW)
    assert page.verdict == full.verdict
    since = TODAY - timedelta(days=CHART_DAYS + 30)
    assert [r for r in page.runs if r.day >= since] == [r for r in full.runs if r.day >= since]
    assert page.weeks[-12:] == full.weeks[-12:]
    # Form is fitness minus fatigue: near zero, its error is fitness's, not its own.
    scale = max((abs(row.fitness) for row in full.days[-CHART_DAYS:]), default=1.0) or 1.0
    for mine, whole in zip(page.days[-CHART_DAYS:], full.days[-CHART_DAYS:], strict=True):
        assert mine.day == whole.day
        for name in EXACT:
            assert getattr(mine, name) == getattr(whole, name), (mine.day, name)
        for name in SETTLED:
            a, b = getattr(mine, name), getattr(whole, name)
            assert (a is None) == (b is None), (mine.day, name)
            assert a is None or math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6 * scale), (
                mine.day,
                name,
            )
    assert figures(page) == figures(full)
    context, whole_context = load_context(page), load_context(full)
    for key in ("level", "level_label", "headline", "reasons", "spikes"):
        assert context[key] == whole_context[key], key
    assert current_plan(runner, NOW, page) == current_plan(runner, NOW, full)
    return page, full


def test_ten_years_read_as_the_last_years_look_the_same(personas: Personas) -> None:
    runner = personas.runner
    years_of_runs(runner, TODAY - timedelta(days=3652), TODAY)
    page, full = assert_same_page(runner)
    assert len(page.runs) < len(full.runs) / 3  # it did read less


def test_a_runner_back_after_years_off_is_not_new(personas: Personas) -> None:
    # The first runs, long ago, are outside what a page reads; the verdict must still know
    # the history is long (a run with no baseline: caution, not "short history").
    runner = personas.runner
    years_of_runs(runner, TODAY - timedelta(days=3000), TODAY - timedelta(days=2600))
    for back in (10, 6, 2):
        add(runner, TODAY - timedelta(days=back), 5.0)
    page, _ = assert_same_page(runner)
    assert page.verdict.reasons[0].code != "short_history"


def test_a_first_ride_long_ago_dates_the_history(personas: Personas) -> None:
    runner = personas.runner
    add(runner, TODAY - timedelta(days=PAGE_HISTORY_DAYS + 400), None, sport="cycling")
    add(runner, TODAY - timedelta(days=PAGE_HISTORY_DAYS + 200), 8.0)
    years_of_runs(runner, TODAY - timedelta(days=100), TODAY, seed=5)
    assert_same_page(runner)


@pytest.mark.parametrize("edge", [-2, -1, 0, 1, 2])
def test_runs_at_the_edge_of_what_a_page_reads(personas: Personas, edge: int) -> None:
    runner = personas.runner
    years_of_runs(
        runner, TODAY - timedelta(days=PAGE_HISTORY_DAYS + 60), TODAY - timedelta(days=20)
    )
    for offset_h in (-11, 0, 14):
        add(runner, TODAY - timedelta(days=PAGE_HISTORY_DAYS + edge), 9.0, offset_h=offset_h)
    assert_same_page(runner)


def test_a_short_history_is_read_whole(personas: Personas) -> None:
    runner = personas.runner
    years_of_runs(runner, TODAY - timedelta(days=20), TODAY)
    page, full = assert_same_page(runner)
    assert page.runs == full.runs
    assert page.verdict.reasons[0].code == "short_history"
