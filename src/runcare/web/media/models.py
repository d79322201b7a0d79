"""A therapist's own pictures, each with the credit it must carry to be shown."""

from __future__ import annotations

import uuid
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from runcare.credits import Credit, missing_fields

_FIELD_FOR = {
    "title": "title",
    "author": "author",
    "source_url": "source_url",
    "license": "license",
}


class PictureStorage(FileSystemStorage):
    """Kept with the other uploads, outside anything served over HTTP; read through a view.

    The folder is read from the settings on every use, so that it follows ``UPLOAD_DIR``.
    """

    @property
    def base_location(self) -> str:
        return str(Path(settings.UPLOAD_DIR) / "pictures")

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())


def picture_storage() -> Storage:
    return PictureStorage()


def picture_path(instance: Picture, filename: str) -> str:
    # A random name: the original one can carry a client's name.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"{instance.owner_id}/{uuid.uuid4().hex}{suffix}"


class Picture(models.Model):
    """One picture in a therapist's library; ``credit`` is what the figure shows under it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pictures"
    )
    image = models.FileField(storage=picture_storage, upload_to=picture_path, max_length=200)
    content_type = models.CharField(max_length=40)
    width_px = models.PositiveIntegerField()
    height_px = models.PositiveIntegerField()
    alt = models.CharField(
        "Description for people who cannot see it",
        max_length=300,
        help_text="What the picture shows, in one sentence (read aloud by screen readers).",
    )
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=300)
    author_url = models.URLField("Author's page", max_length=500, blank=True)
    source_url = models.CharField(
        "Source",
        max_length=500,
        help_text="The page that describes the picture (for Commons, its file page); "
        "for your own photo, your website or “own photo”.",
    )
    license = models.CharField("Licence", max_length=200)
    license_url = models.URLField("Licence link", max_length=500, blank=True)
    modified = models.BooleanField("I changed the picture (cropped, labelled...)", default=False)
    modified_from = models.CharField(
        "Changed from", max_length=300, blank=True, help_text="Optional: what it was made from."
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created", "-pk")

    def __str__(self) -> str:
        return self.title

    @property
    def credit(self) -> Credit:
        return Credit(
            title=self.title.strip(),
            author=self.author.strip(),
            author_url=self.author_url or None,
            source_url=self.source_url.strip(),
            license=self.license.strip(),
            license_url=self.license_url or None,
            modified=self.modified,
            modified_from=self.modified_from.strip() or None,
        )

    @property
    def url(self) -> str:
        return reverse("media:picture_file", args=[self.pk])

    @property
    def post_name(self) -> str:
        """The name a post shows it by, ``[[picture:hip-stretch]]``: the title as a web
        address (its number when the title has no letters or digits)."""
        return slugify(self.title) or str(self.pk)

    def clean(self) -> None:
        errors: dict[str, Any] = {
            _FIELD_FOR[name]: "The credit line needs this." for name in missing_fields(self.credit)
        }
        if self.modified_from.strip() and not self.modified:
            errors["modified"] = "Tick this when the picture was changed from something."
        if self.source_url.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
            errors["source_url"] = "Give a web address (https://...) or a few words."
        if errors:
            raise ValidationError(errors)
