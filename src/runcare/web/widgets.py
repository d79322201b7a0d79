"""Form widgets whose rendering must not follow the page's language."""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` with its value always written ``YYYY-MM-DD``.

    A browser's date input reads and sends ISO dates only; the language's form (``22/11/2026``
    under ``en-gb``) is discarded as invalid, so the saved answer would silently vanish the
    next time the form is sent. Every date input of the app uses this widget.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)
