"""The background job that recomputes one runner's stored summary after a change."""

from __future__ import annotations

from django_tasks import task

from runcare.web.summaries.services import refresh_runner


@task()
def refresh_summary(runner_id: int) -> None:
    # A runner erased meanwhile has nothing left to summarise: refresh_runner does nothing.
    refresh_runner(runner_id)
