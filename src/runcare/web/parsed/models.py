"""One row per distinct file a runner uploaded: what the reader made of it."""

from __future__ import annotations

from django.db import models

from runcare.web.accounts.models import User
from runcare.web.training.models import Upload


class ParsedFile(models.Model):
    """A ``runcare.activities.parsecache`` entry of one runner's file.

    Kept per runner, never shared between runners, and tied to the upload that first held
    the file: deleting that upload or the runner forgets what the file held.
    """

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="parsed_files")
    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="parsed_files")
    # The SHA-256 of the file's bytes and the reader kind ("<64 hex digits>.gpx").
    key = models.CharField(max_length=80)
    # The entry as parsecache.dump writes it (JSON text, with the version that wrote it).
    entry = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["runner", "key"], name="parsed_file_once_per_runner")
        ]

    def __str__(self) -> str:
        return f"{self.key[:12]} of runner {self.runner_id}"
