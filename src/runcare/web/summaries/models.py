"""The stored summary of each runner: a cache of ``runcare.report.runner_summary.summarize``.

A row is fresh when it was computed by this version of the computation, from the runner's
latest data (``computed_version == data_version``) and for the runner's today
(``fresh_until`` is still ahead). Everything else about it is in ``services``.
"""

from __future__ import annotations

from django.db import models

from runcare.load import Level
from runcare.plan.progress import Trend
from runcare.web.accounts.models import User


class RunnerSummary(models.Model):
    runner = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="summary"
    )
    # Raised in the transaction of every change to what the summary reads; a computation
    # records the value it read before reading the data, so an older one never overwrites.
    data_version = models.PositiveIntegerField(default=0)
    computed_version = models.PositiveIntegerField(null=True)  # None: never computed
    version = models.PositiveSmallIntegerField(default=0)  # SUMMARY_VERSION that wrote it
    computed_at = models.DateTimeField(null=True)
    as_of = models.DateField(null=True)
    # The runner's next local midnight after ``as_of``, in UTC: from then on the row is stale.
    fresh_until = models.DateTimeField(null=True)

    level = models.CharField(max_length=20, default=Level.NOT_ENOUGH_DATA.value)
    level_rank = models.PositiveSmallIntegerField(default=2)
    label = models.CharField(max_length=60, blank=True)
    reasons = models.JSONField(default=list)
    latest_spike_day = models.DateField(null=True)
    latest_spike_pct = models.FloatField(null=True)
    latest_spike_m = models.FloatField(null=True)
    last_run_at = models.DateTimeField(null=True)
    weekly_m = models.JSONField(default=list)
    weekly_change_pct = models.FloatField(null=True)
    pain_trend = models.CharField(max_length=10, default=Trend.UNKNOWN.value)

    # Copied from the runner's other rows so that the list sorts and filters in one query.
    red_flag_level = models.CharField(max_length=8, null=True)  # None: never asked
    red_flag_rank = models.PositiveSmallIntegerField(default=2)
    worst_pain_0_10 = models.PositiveSmallIntegerField(null=True)
    last_upload_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["fresh_until"], name="summary_fresh_until")]

    def __str__(self) -> str:
        return f"summary of runner {self.runner_id} as of {self.as_of}"
