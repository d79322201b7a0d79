"""Home stretches in the database: the library (the shipped exercises, seeded from the data
file, and each therapist's own), every version of a client's program, and each time the
runner did it.

A program is never edited in place: every change is a new ``ProgramVersion``, so the history
stays and a logged session names the exact version that was done.
"""

from __future__ import annotations

import uuid

from django.db import models

from runcare.exercises import SIDES, Dose, Exercise, dose_from
from runcare.web.accounts.models import User


class LibraryExercise(models.Model):
    """An exercise of the library: shipped (``therapist`` is empty, ``key`` the data file's)
    or a therapist's own, which only she sees and prescribes."""

    key = models.SlugField(max_length=80)
    therapist = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="own_exercises"
    )
    name = models.CharField(max_length=120)
    technique = models.CharField(max_length=40)
    steps = models.JSONField(default=list)
    cautions = models.JSONField(default=list)
    muscles = models.JSONField(default=list, blank=True)
    # A key of the shipped figures; a therapist's own exercise has none.
    figure = models.CharField(max_length=80, blank=True)
    limb = models.CharField(max_length=8, default="leg")
    hold_cue = models.CharField(max_length=160)
    side = models.CharField(max_length=8, choices=[(s, s) for s in SIDES])
    sets = models.PositiveSmallIntegerField()
    reps = models.PositiveSmallIntegerField()
    hold_s = models.FloatField()
    relax_s = models.FloatField()
    rest_s = models.FloatField()
    times_per_day = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(therapist__isnull=True),
                name="shipped_exercise_key_unique",
            ),
            models.UniqueConstraint(fields=["therapist", "key"], name="own_exercise_key_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_shipped(self) -> bool:
        return self.therapist_id is None

    @property
    def dose(self) -> Dose:
        return dose_from(
            {
                "side": self.side,
                "sets": self.sets,
                "reps": self.reps,
                "hold_s": self.hold_s,
                "relax_s": self.relax_s,
                "rest_s": self.rest_s,
                "times_per_day": self.times_per_day,
            },
            self.name,
        )

    def as_core(self) -> Exercise:
        """The core's exercise, which the schedule and the dose words are computed from."""
        return Exercise(
            key=self.key,
            name=self.name,
            technique=self.technique,
            steps=tuple(self.steps),
            cautions=tuple(self.cautions),
            muscles=tuple(self.muscles),
            figure=self.figure,
            sources=(),
            limb=self.limb,
            hold_cue=self.hold_cue,
            dose=self.dose,
        )


class ProgramVersion(models.Model):
    """One version of a client's home program. ``items`` is a list of
    ``{"exercise": <LibraryExercise pk>, "side": ..., "sets": ..., ...}``: the full dose, the
    library's default with the therapist's overrides applied when she saved it."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="stretch_programs")
    therapist = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    items = models.JSONField(default=list)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["runner", "number"], name="program_version_unique")
        ]

    def __str__(self) -> str:
        return f"home program v{self.number} of {self.runner}"


class StretchSession(models.Model):
    """The runner did the whole program once. ``client_id`` is made by the browser, so an
    entry sent again after a lost connection is recognised, never counted twice."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="stretch_sessions")
    version = models.ForeignKey(ProgramVersion, on_delete=models.CASCADE, related_name="sessions")
    client_id = models.UUIDField(default=uuid.uuid4)
    done_at = models.DateTimeField()
    received_at = models.DateTimeField()
    pain_0_10 = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-done_at"]
        constraints = [
            models.UniqueConstraint(fields=["runner", "client_id"], name="stretch_session_once"),
            models.CheckConstraint(name="stretch_pain_0_10", condition=models.Q(pain_0_10__lte=10)),
        ]
