"""The stored runner summary is a cache of the core's ``summarize``: equal to a fresh
computation, stale the moment the runner's data or day changes, and never overwritten by an
older computation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from runcare.plan.model import PainEntry
from runcare.report.runner_summary import SUMMARY_VERSION, summarize
from runcare.web import demo
from runcare.web.accounts.models import Role, User
from runcare.web.plan.models import PainReport
from runcare.web.plan.services import record_pain
from runcare.web.summaries import services
from runcare.web.summaries.models import RunnerSummary
from runcare.web.summaries.tasks import refresh_summary
from runcare.web.training.activities import correct_sport, delete_activity, delete_upload
from runcare.web.training.models import ActivityRecord
from runcare.web.training.queries import load_report
from tests.web.conftest import Personas, make_user
from tests.web.helpers import add_intake, add_runs, add_upload, spiky_runs, steady_runs

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def fresh(runner: User, now: datetime = NOW) -> Any:
    """What the core says today, from the runner's stored rows."""
    pain = [row.entry() for row in PainReport.objects.filter(runner=runner)]
    return summarize(load_report(runner, now), pain)


def stored(runner: User) -> Any:
    return services.summary_of(RunnerSummary.objects.get(runner=runner))


def refreshed(runner: User, now: datetime = NOW) -> RunnerSummary:
    services.refresh([runner], now)
    return RunnerSummary.objects.get(runner=runner)


def queued_refreshes(runner: User) -> int:
    return sum(
        1
        for job in DBTaskResult.objects.filter(task_path=refresh_summary.module_path)
        if job.args_kwargs["args"] == [runner.pk]
    )


def test_it_equals_a_fresh_computation_for_every_demo_runner() -> None:
    demo.seed_demo(NOW)
    runners = list(User.objects.filter(role=Role.RUNNER))
    assert len(runners) == 3
    for runner in runners:
        # The demo's import job stored them; nothing is recomputed here.
        row = RunnerSummary.objects.get(runner=runner)
        assert not services.is_stale(row, NOW), runner.username
        assert stored(runner) == fresh(runner), runner.username
    levels = {r.username: RunnerSummary.objects.get(runner=r).level for r in runners}
    assert levels[demo.TOO_MUCH] == "too_much_too_soon"
    assert levels[demo.FINE] == "ok"
    assert RunnerSummary.objects.get(runner__username=demo.RED_FLAG).red_flag_level == "refer"


run_day = st.integers(min_value=0, max_value=500)
run_km = st.one_of(st.none(), st.floats(min_value=0.5, max_value=45.0, allow_nan=False))
histories = st.lists(
    st.tuples(run_day, run_km, st.sampled_from(["running", "cycling"])), max_size=60
)
pains = st.lists(
    st.tuples(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=10)),
    max_size=12,
    unique_by=lambda p: p[0],
)


@hsettings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    history=histories, pain=pains, zone=st.sampled_from(["", "Pacific/Auckland", "America/Denver"])
)
def test_it_equals_a_fresh_computation_for_any_history(
    personas: Personas,
    history: list[tuple[int, float | None, str]],
    pain: list[tuple[int, int]],
    zone: str,
) -> None:
    runner = personas.runner
    with transaction.atomic():
        ActivityRecord.objects.filter(runner=runner).delete()
        PainReport.objects.filter(runner=runner).delete()
        User.objects.filter(pk=runner.pk).update(time_zone=zone)
        runner.refresh_from_db()
        ActivityRecord.objects.bulk_create(
            ActivityRecord(
                runner=runner,
                start=datetime.combine(NOW.date() - timedelta(days=day), time(6, 30), tzinfo=UTC)
                + timedelta(minutes=i),
                utc_offset_s=0,
                sport=sport,
                kind="gpx",
                duration_s=1800.0 + i,
                distance_m=None if km is None else km * 1000.0,
                source=f"run-{i}.gpx",
            )
            for i, (day, km, sport) in enumerate(history)
        )
        PainReport.objects.bulk_create(
            PainReport(
                runner=runner,
                day=NOW.date() - timedelta(days=age),
                after_0_10=score,
                created_at=NOW,
                updated_at=NOW,
            )
            for age, score in pain
        )
        services.mark_changed(runner.pk, queue=False)
    row = refreshed(runner)
    assert not services.is_stale(row, NOW)
    assert services.summary_of(row) == fresh(runner)


def test_it_goes_stale_at_the_runners_midnight_not_the_servers(personas: Personas) -> None:
    runner = personas.runner
    User.objects.filter(pk=runner.pk).update(time_zone="Pacific/Auckland")  # UTC+13 in March
    runner.refresh_from_db()
    add_runs(runner, steady_runs(date(2026, 3, 4)))
    assert services.refresh_stale(NOW) == 2  # hers, and the other therapist's client's (UTC)
    row = RunnerSummary.objects.get(runner=runner)  # 10:00 UTC is 23:00 in Auckland, 4 March
    assert row.as_of == date(2026, 3, 4)
    assert not services.is_stale(row, NOW + timedelta(minutes=59))
    assert services.is_stale(row, NOW + timedelta(hours=1))
    later = NOW + timedelta(hours=1)
    assert services.refresh_stale(later) == 1
    assert RunnerSummary.objects.get(runner=runner).as_of == date(2026, 3, 5)
    assert services.refresh_stale(later) == 0


def test_it_is_stale_once_the_computation_changes(personas: Personas) -> None:
    row = refreshed(personas.runner)
    assert not services.is_stale(row, NOW)
    RunnerSummary.objects.filter(pk=row.pk).update(version=SUMMARY_VERSION - 1)
    assert services.is_stale(RunnerSummary.objects.get(pk=row.pk), NOW)


def test_an_older_computation_never_overwrites_a_newer_one(personas: Personas) -> None:
    runner = personas.runner
    add_runs(runner, spiky_runs(NOW.date()))
    # A slow computation read the data before a change, and finishes after the one that
    # read it after the change: the later data must stay.
    services.mark_changed(runner.pk, queue=False)
    before = RunnerSummary.objects.get(runner=runner).data_version
    services.mark_changed(runner.pk, queue=False)
    services.refresh([runner], NOW)
    assert RunnerSummary.objects.get(runner=runner).computed_version == before + 1
    old = services.row_fields(fresh(runner), runner.zone) | {"level": "ok", "label": "stale"}
    assert services._store(runner.pk, before, NOW.date(), old, NOW) == 0
    assert RunnerSummary.objects.get(runner=runner).level == "too_much_too_soon"
    # From the same data, the later day wins and the earlier day loses.
    yesterday = NOW.date() - timedelta(days=1)
    assert services._store(runner.pk, before + 1, yesterday, old, NOW) == 0
    assert services._store(runner.pk, before + 1, NOW.date(), old, NOW) == 1


def test_every_change_marks_it_stale_and_queues_its_recomputation(
    personas: Personas, runner_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    runner = personas.runner
    upload = add_upload(runner, NOW)
    add_runs(runner, steady_runs(NOW.date()), upload=upload)
    refreshed(runner)
    changes = [
        lambda: correct_sport(ActivityRecord.objects.filter(runner=runner).first(), "cycling"),
        lambda: delete_activity(ActivityRecord.objects.filter(runner=runner).first()),
        lambda: add_intake(runner, pain={"knee_left": 4}),
        lambda: record_pain(runner, {"day": NOW.date(), "after_0_10": 3}, NOW),
        lambda: runner_client.post(
            reverse("accounts:settings"), {"display_name": "Rita", "time_zone": "Europe/Oslo"}
        ),
        lambda: delete_upload(upload),
    ]
    for number, change in enumerate(changes, start=1):
        with django_capture_on_commit_callbacks(execute=True):
            change()
        row = RunnerSummary.objects.get(runner=runner)
        assert services.is_stale(row, NOW), number
        assert queued_refreshes(runner) == number
        refreshed(runner)


def test_a_new_red_flag_leads_the_row_before_any_recomputation(personas: Personas) -> None:
    runner = personas.runner
    refreshed(runner)
    add_intake(runner, pain={"lower_back_left": 8}, flags=["night_rest_pain"])
    row = RunnerSummary.objects.get(runner=runner)
    assert services.is_stale(row, NOW)
    assert (row.red_flag_level, row.red_flag_rank, row.worst_pain_0_10) == ("refer", 1, 8)


def test_the_import_job_leaves_a_fresh_summary(personas: Personas) -> None:
    demo.seed_demo(NOW)
    mia = User.objects.get(username=demo.TOO_MUCH)
    row = RunnerSummary.objects.get(runner=mia)
    assert row.computed_version == row.data_version
    assert row.last_upload_at is not None


def test_a_runner_never_computed_is_stale(personas: Personas) -> None:
    make_user("new_nina", Role.RUNNER, personas.therapist)
    assert services.refresh_stale(NOW) == 3  # rita, sam and nina; not the therapists


def test_pain_entries_reach_the_trend(personas: Personas) -> None:
    runner = personas.runner
    for age, score in ((20, 7), (18, 6), (3, 2), (1, 1)):
        PainReport.objects.create(
            runner=runner,
            day=NOW.date() - timedelta(days=age),
            after_0_10=score,
            created_at=NOW,
            updated_at=NOW,
        )
    assert refreshed(runner).pain_trend == "better"
    entries = [PainEntry(day=NOW.date(), after_0_10=1)]
    assert summarize(load_report(runner, NOW), entries).pain_trend == "unknown"
