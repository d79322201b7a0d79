from __future__ import annotations

from typing import Any

from django import forms

from runcare.web.accounts.models import User
from runcare.web.rights.erase import confirms


class EraseForm(forms.Form):
    """The therapist types the client's name, so that nobody is erased by a slip."""

    typed_name = forms.CharField(label="The client's name", max_length=200)

    def __init__(self, *args: Any, runner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.runner = runner

    def clean_typed_name(self) -> str:
        typed: str = self.cleaned_data["typed_name"]
        if not confirms(self.runner, typed):
            raise forms.ValidationError(
                f"That is not the client's name. Type “{self.runner.name}” to erase them."
            )
        return typed
