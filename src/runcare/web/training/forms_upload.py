"""The upload form: one or more activity files, or a whole export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from runcare.web.training.services import UploadRefusedError, check_upload_size

ACCEPT = ".fit,.gpx,.tcx,.zip,.gz,.csv"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        # An empty file is stored and then skipped by the import with its reason, so that
        # one empty file does not refuse the others sent with it.
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not items:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        clean_one = super().clean
        return [clean_one(item, initial) for item in items]


class UploadForm(forms.Form):
    # The field's name is the upload's form and API field ("files"); it shadows only the
    # class-level annotation of ``BaseForm.files``, which Django sets per instance.
    files = MultipleFileField(  # type: ignore[assignment]
        label="Activity files or an export (.zip)",
        error_messages={"required": "Choose at least one file to upload."},
        widget=MultipleFileInput(attrs={"accept": ACCEPT, "aria-describedby": "files-help"}),
    )

    def clean_files(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["files"]
        try:
            check_upload_size(sum(f.size or 0 for f in files))
        except UploadRefusedError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return files
