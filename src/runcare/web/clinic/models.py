"""Intakes: what hurts, where and when, and the red-flag screen. Versioned, never edited."""

from __future__ import annotations

from django.db import models
from django.db.models import Max

from runcare.web.accounts.models import User


class RedFlagLevel(models.TextChoices):
    NONE = "none", "No red flag"
    REFER = "refer", "See a doctor before treatment"
    URGENT = "urgent", "Urgent: see a doctor today"


class IntakeQuerySet(models.QuerySet["Intake"]):
    def latest_per_runner(self) -> IntakeQuerySet:
        return self.filter(is_latest=True)


class Intake(models.Model):
    """One answered intake. A new answer adds a version; earlier versions stay as they were.

    ``pain_0_10`` maps a body-region key (``runcare.body.regions``) to a 0-10 score;
    ``timing`` lists when it hurts; ``red_flags`` maps a question key
    (``runcare.care.redflags``) to the answer. ``red_flag_level`` is derived from the
    answers by the core screen when saved, never typed in.
    """

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="intakes")
    version = models.PositiveIntegerField()
    is_latest = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    entered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="intakes_entered"
    )
    question = models.TextField(blank=True)
    pain_0_10 = models.JSONField(default=dict)
    timing = models.JSONField(default=list)
    pain_since = models.DateField(null=True, blank=True)
    years_running = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    usual_weekly_km = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    goal_race = models.CharField(max_length=200, blank=True)
    red_flags = models.JSONField(default=dict)
    red_flag_level = models.CharField(
        max_length=8, choices=RedFlagLevel.choices, default=RedFlagLevel.NONE
    )

    objects = IntakeQuerySet.as_manager()

    class Meta:
        ordering = ["runner", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["runner", "version"], name="one_intake_per_version")
        ]

    @property
    def worst_pain_0_10(self) -> int | None:
        scores = [int(v) for v in self.pain_0_10.values()]
        return max(scores) if scores else None

    @classmethod
    def next_version(cls, runner: User) -> int:
        current = cls.objects.filter(runner=runner).aggregate(top=Max("version"))["top"]
        return (current or 0) + 1
