"""The picture forms: upload with its credit, edit the credit, fill it from Commons."""

from __future__ import annotations

from typing import Any

from django import forms

from runcare.credits import Credit
from runcare.web.media.models import Picture
from runcare.web.media.services import PictureRefusedError, clean_picture

CREDIT_FIELDS = [
    "alt",
    "title",
    "author",
    "author_url",
    "source_url",
    "license",
    "license_url",
    "modified",
    "modified_from",
]


def _url_field(label: str) -> forms.URLField:
    return forms.URLField(
        label=label,
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )


class PictureEditForm(forms.ModelForm):  # type: ignore[type-arg]
    author_url = _url_field("Author's page")
    license_url = _url_field("Licence link")

    class Meta:
        model = Picture
        fields = CREDIT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_url"].widget.attrs["placeholder"] = (
            "https://commons.wikimedia.org/wiki/File:…"
        )


class PictureUploadForm(PictureEditForm):
    image = forms.FileField(
        label="Picture (PNG, JPEG or WebP)",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        error_messages={"required": "Choose the picture to upload."},
    )

    class Meta(PictureEditForm.Meta):
        fields = ["image", *CREDIT_FIELDS]

    def clean_image(self) -> Any:
        upload = self.cleaned_data["image"]
        try:
            self.clean_upload = clean_picture(upload.read())
        except PictureRefusedError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload

    def save(self, commit: bool = True) -> Picture:
        picture: Picture = super().save(commit=False)
        clean = self.clean_upload
        picture.content_type = clean.content_type
        picture.width_px, picture.height_px = clean.width_px, clean.height_px
        picture.image.save(f"picture{clean.suffix}", clean.content, save=False)
        if commit:
            picture.save()
        return picture


class CommonsForm(forms.Form):
    commons = forms.CharField(
        label="Wikimedia Commons file name or address",
        max_length=1000,
        widget=forms.TextInput(attrs={"placeholder": "File:Anterior Hip Muscles 2.PNG"}),
    )


def initial_from_credit(credit: Credit) -> dict[str, Any]:
    return {
        "title": credit.title,
        "author": credit.author,
        "author_url": credit.author_url or "",
        "source_url": credit.source_url,
        "license": credit.license,
        "license_url": credit.license_url or "",
        "modified": credit.modified,
    }
