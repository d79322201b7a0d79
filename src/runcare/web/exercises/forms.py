"""Forms of the home-stretch pages: one per action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import slugify

from runcare.care.techniques import TECHNIQUES
from runcare.exercises import SIDES, Dose, DoseError, dose_from
from runcare.exercises.dose import LIMITS
from runcare.exercises.library import LIMBS
from runcare.web.exercises.models import LibraryExercise

SIDE_CHOICES = [
    ("both", "Both sides (left, then right)"),
    ("left", "Left only"),
    ("right", "Right only"),
    ("none", "No side"),
]
LABELS = {
    "sets": "Sets",
    "reps": "Repetitions",
    "hold_s": "Hold (seconds)",
    "relax_s": "Relax after each hold (seconds)",
    "rest_s": "Rest between sets (seconds)",
    "times_per_day": "Times a day",
}
assert [key for key, _ in SIDE_CHOICES] == list(SIDES)


def _number_field(name: str, *, required: bool) -> forms.Field:
    low, high, whole = LIMITS[name]
    if whole:
        return forms.IntegerField(
            label=LABELS[name], required=required, min_value=int(low), max_value=int(high)
        )
    return forms.FloatField(label=LABELS[name], required=required, min_value=low, max_value=high)


def _dose_fields(*, required: bool) -> dict[str, forms.Field]:
    side = forms.ChoiceField(
        label="Side",
        choices=([] if required else [("", "As in the library")]) + SIDE_CHOICES,
        required=required,
    )
    return {"side": side, **{name: _number_field(name, required=required) for name in LIMITS}}


class DoseChecked(forms.Form):
    """Checks the dose through the core's one rule (``dose_from``)."""

    def checked_dose(self, values: dict[str, Any], default: Dose | None) -> Dose | None:
        given = {k: v for k, v in values.items() if v not in (None, "")}
        try:
            return dose_from(given, "dose", default)
        except DoseError as error:
            self.add_error(None, str(error))
            return None


class AddItemForm(DoseChecked):
    """Add an exercise to a client's program; a dose field left empty takes the library's."""

    exercise = forms.ModelChoiceField(queryset=LibraryExercise.objects.none(), label="Exercise")

    def __init__(self, *args: Any, library: QuerySet[LibraryExercise], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = library  # type: ignore[attr-defined]
        self.fields.update(_dose_fields(required=False))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        exercise = data.get("exercise")
        if isinstance(exercise, LibraryExercise):
            values = {name: data.get(name) for name in ("side", *LIMITS)}
            data["dose"] = self.checked_dose(values, exercise.dose)
        return data


class EditItemForm(DoseChecked):
    """Change the dose of an exercise already in the program; every field is required."""

    def __init__(self, *args: Any, default: Dose, **kwargs: Any) -> None:
        self.default = default
        super().__init__(*args, **kwargs)
        self.fields.update(_dose_fields(required=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = {name: data.get(name) for name in ("side", *LIMITS)}
        if all(v not in (None, "") for v in values.values()):
            data["dose"] = self.checked_dose(values, self.default)
        return data


class NotesForm(forms.Form):
    notes = forms.CharField(
        label="Your notes for the client",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OwnExerciseForm(DoseChecked):
    """A therapist's own exercise for her library: shown without a figure."""

    name = forms.CharField(max_length=120)
    technique = forms.ChoiceField(choices=[(k, t.name) for k, t in TECHNIQUES.items()])
    steps = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), help_text="One step a line.", max_length=4000
    )
    cautions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One caution a line.",
        max_length=2000,
        required=False,
    )
    hold_cue = forms.CharField(
        max_length=160,
        label="What the timer says during each hold",
        help_text='For example "Lean forward from the hips".',
    )
    limb = forms.ChoiceField(choices=[(k, k) for k in LIMBS], label="The side is called a")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_dose_fields(required=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not slugify(data.get("name", "")):
            self.add_error("name", "Give the exercise a name with letters or digits.")
        values = {name: data.get(name) for name in ("side", *LIMITS)}
        if all(v not in (None, "") for v in values.values()):
            data["dose"] = self.checked_dose(values, None)
        return data


class SessionForm(forms.Form):
    """A completed session the browser sends (possibly much later, from its outbox)."""

    id = forms.UUIDField()
    version = forms.IntegerField(min_value=1)
    pain_0_10 = forms.IntegerField(min_value=0, max_value=10, required=False)
    finished_at = forms.DateTimeField(required=False)
