"""Checking uploaded pictures and filling credits from Wikimedia Commons."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.module_loading import import_string
from PIL import Image, ImageOps, UnidentifiedImageError

from runcare.credits import Credit
from runcare.credits.commons import Fetcher, credit_for

# Formats a browser shows everywhere; an SVG from outside could carry script, so none.
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000


class PictureRefusedError(ValueError):
    """An upload that is not a picture runcare keeps; the message is for the therapist."""


@dataclass(frozen=True)
class CleanPicture:
    content: ContentFile[bytes]
    content_type: str
    width_px: int
    height_px: int
    suffix: str


def max_bytes() -> int:
    return int(settings.PICTURE_MAX_BYTES)


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.verify()
        # verify() leaves the image unusable: open it again to read the pixels.
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PictureRefusedError("This file is not a picture runcare can read.") from exc
    except Image.DecompressionBombError as exc:
        raise PictureRefusedError("This picture is too large (too many pixels).") from exc
    if image.format not in FORMATS:
        raise PictureRefusedError("Upload a PNG, JPEG or WebP picture.")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise PictureRefusedError("This picture is too large (more than 40 megapixels).")
    return image


def clean_picture(data: bytes) -> CleanPicture:
    """Check an upload and store it afresh: turned upright, without its hidden metadata.

    Saving the pixels again drops EXIF data such as where and when a photo was taken.
    """
    if len(data) > max_bytes():
        raise PictureRefusedError(
            f"This picture is larger than {max_bytes() // 1024**2} MB; make it smaller first."
        )
    image = _open(data)
    kind = str(image.format)
    try:
        upright = ImageOps.exif_transpose(image)
        if kind == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, format=kind)
    except (OSError, ValueError, SyntaxError) as exc:
        raise PictureRefusedError("This picture is damaged and cannot be read.") from exc
    return CleanPicture(
        content=ContentFile(out.getvalue()),
        content_type=FORMATS[kind],
        width_px=upright.width,
        height_px=upright.height,
        suffix={"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}[kind],
    )


def commons_fetcher() -> Fetcher | None:
    """The function that asks Commons; ``COMMONS_FETCHER`` (a dotted path) replaces it."""
    path = settings.COMMONS_FETCHER
    return import_string(path) if path else None


def credit_from_commons(name: str) -> Credit:
    """The credit of a Commons file; raises ``CreditError`` with a message for a person."""
    return credit_for(name, fetcher=commons_fetcher())
