"""Uploaded files, the import jobs that read them, and the runner's activities."""

from __future__ import annotations

from django.db import models

from runcare.web.accounts.models import User


class UploadStatus(models.TextChoices):
    QUEUED = "queued", "Waiting"
    RUNNING = "running", "Importing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Upload(models.Model):
    """One upload form submission (watch files or a whole export) and its import's progress."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="uploads_made"
    )
    created_at = models.DateTimeField()
    original_name = models.CharField(max_length=255)
    # Relative to settings.UPLOAD_DIR: a folder holding the submitted files under made-up names.
    stored_path = models.CharField(max_length=500)
    # The names the files had on the runner's computer, in stored order; shown, never a path.
    file_names = models.JSONField(default=list)
    size_bytes = models.BigIntegerField()
    status = models.CharField(
        max_length=8, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    files_done = models.PositiveIntegerField(default=0)
    files_total = models.PositiveIntegerField(default=0)
    activities_added = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    # The first few skipped files ({"source", "reason"}), then the rest counted by reason
    # ({"reason", "count"}), so that an archive of thousands of junk files stays a small row.
    skipped = models.JSONField(default=list)
    skipped_more = models.JSONField(default=list)
    skipped_total = models.PositiveIntegerField(default=0)
    # Set when a limit stopped the import early: which limit, and where.
    stopped = models.TextField(blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class ActivityRecord(models.Model):
    """A stored ``runcare.activities.Activity`` of one runner (same fields, same units)."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activities")
    upload = models.ForeignKey(
        Upload, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    start = models.DateTimeField(db_index=True)
    utc_offset_s = models.IntegerField(null=True, blank=True)
    sport = models.CharField(max_length=24)
    kind = models.CharField(max_length=16)
    duration_s = models.FloatField(null=True, blank=True)
    moving_s = models.FloatField(null=True, blank=True)
    distance_m = models.FloatField(null=True, blank=True)
    ascent_m = models.FloatField(null=True, blank=True)
    avg_hr_bpm = models.FloatField(null=True, blank=True)
    max_hr_bpm = models.FloatField(null=True, blank=True)
    device = models.CharField(max_length=120, blank=True)
    has_track = models.BooleanField(default=False)
    source = models.CharField(max_length=1000)
    notes = models.JSONField(default=list)

    class Meta:
        ordering = ["runner", "start"]
        indexes = [models.Index(fields=["runner", "start"])]
