"""A runner's run settings, pain after runs, and the record of how their plan changed.

The rules live in ``runcare.plan``: ``RunSettingsRow.settings()`` and ``PainReport.entry()``
build the core records, whose checks every form and the demo go through.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from runcare.plan import PainEntry, RunSettings
from runcare.plan.model import DEFAULT_WEEKLY_RISE_PCT, MAX_WEEKLY_RISE_PCT
from runcare.web.accounts.models import User

PAIN_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


class RunSettingsRow(models.Model):
    """How the runner can run. ``weekdays`` lists 0 (Monday) to 6 (Sunday)."""

    runner = models.OneToOneField(User, on_delete=models.CASCADE, related_name="run_settings")
    runs_per_week = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    weekdays = models.JSONField(default=list)
    weekly_goal_km = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    weekly_rise_pct = models.FloatField(
        default=DEFAULT_WEEKLY_RISE_PCT,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_WEEKLY_RISE_PCT)],
    )
    run_walk = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def settings(self) -> RunSettings:
        goal = None if self.weekly_goal_km is None else float(self.weekly_goal_km) * 1000.0
        return RunSettings(
            runs_per_week=self.runs_per_week,
            weekdays=frozenset(int(d) for d in self.weekdays),
            weekly_goal_m=goal,
            weekly_rise_pct=self.weekly_rise_pct,
            run_walk=self.run_walk,
        )


class PainReport(models.Model):
    """Pain around one run day, for one region ("" = anywhere), 0-10, each part optional.

    One row per runner, day and region: the runner records during and after right after the
    run, and comes back the next morning to add the morning's value to the same row.
    """

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="pain_reports")
    day = models.DateField()
    region = models.CharField(max_length=40, blank=True)
    during_0_10 = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PAIN_VALIDATORS
    )
    after_0_10 = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN_VALIDATORS)
    next_morning_0_10 = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PAIN_VALIDATORS
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["runner", "-day", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["runner", "day", "region"], name="one_pain_report_per_day_region"
            )
        ]

    def entry(self) -> PainEntry:
        return PainEntry(
            self.day, self.during_0_10, self.after_0_10, self.next_morning_0_10, self.region
        )


class PlanChange(models.Model):
    """What changed in a runner's plan when something new came in, and why, in words."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="plan_changes")
    created_at = models.DateTimeField()
    as_of = models.DateField()
    cause = models.CharField(max_length=80)
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["runner", "-created_at"]
