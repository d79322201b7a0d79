"""The booking settings form, and the forms that pick a time; the rules are the core's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

from runcare.booking import BookingError, Hours, parse_lengths, parse_ranges
from runcare.web.widgets import IsoDateInput

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class BookingSettingsForm(forms.Form):
    """One text field per weekday (``9:00-12:00, 13:00-17:00``; empty = closed)."""

    lengths = forms.CharField(
        label="Session lengths (minutes)", help_text="For example: 30, 45, 60", max_length=100
    )
    cutoff_h = forms.IntegerField(
        label="Changes allowed until (hours before the start)",
        min_value=0,
        max_value=24 * 14,
        help_text="Runners can book, move or cancel online until then; you can at any time.",
    )
    runners_may_book = forms.BooleanField(label="Runners may book themselves", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday, name in enumerate(DAY_NAMES):
            self.fields[f"day_{weekday}"] = forms.CharField(
                label=name, required=False, max_length=200
            )

    def day_fields(self) -> list[forms.BoundField]:
        return [self[f"day_{weekday}"] for weekday in range(7)]

    def clean_lengths(self) -> list[int]:
        try:
            return parse_lengths(self.cleaned_data["lengths"])
        except BookingError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        hours: list[Hours] = []
        for weekday in range(7):
            name = f"day_{weekday}"
            try:
                hours += parse_ranges(data.get(name) or "", weekday)
            except BookingError as exc:
                self.add_error(name, str(exc))
        data["hours"] = hours
        return data


class SlotForm(forms.Form):
    """A slot chosen from the list: its start (ISO 8601, UTC) and the session length."""

    start = forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z"])
    length = forms.IntegerField(min_value=1, max_value=24 * 60)

    def start_utc(self) -> datetime:
        start: datetime = self.cleaned_data["start"]
        return start.astimezone(UTC)


class OwnTimeForm(forms.Form):
    """A time the therapist chooses herself, in her own zone."""

    day = forms.DateField(label="Day", widget=IsoDateInput)
    at = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}))
    length = forms.TypedChoiceField(label="Length", coerce=int, choices=[])

    def __init__(self, *args: Any, lengths: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["length"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(str(m), f"{m} min") for m in lengths]

    def start_utc(self, zone: ZoneInfo) -> datetime:
        local = datetime.combine(self.cleaned_data["day"], self.cleaned_data["at"], tzinfo=zone)
        return local.astimezone(UTC)
