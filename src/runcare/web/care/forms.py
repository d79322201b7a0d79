"""Forms of the care pages. They shape input; the step and pain-map rules are the core's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django import forms

from runcare.body.regions import PAIN_MAX, PAIN_MIN, REGIONS, PainMapError, region_pairs
from runcare.body.regions import validate_scores as validate_pain
from runcare.care.protocols import (
    AREAS,
    MUSCLES,
    POSITIONS,
    RESISTANCES,
    SIDES,
    ProtocolError,
    Step,
    step_from_dict,
    step_to_dict,
)
from runcare.care.techniques import DOSE_FIELDS, TECHNIQUES
from runcare.web.care.models import ProtocolTemplate
from runcare.web.care.presenting import StepView, step_view
from runcare.web.widgets import IsoDateInput

TEXT_LIMIT = 5000
SCORE_CHOICES = [("", "-"), *((str(s), str(s)) for s in range(PAIN_MIN, PAIN_MAX + 1))]
DOSE_LABELS = {
    "minutes": "Minutes",
    "hold_s": "Hold (s)",
    "hold_max_s": "Hold up to (s)",
    "reps": "Reps per side",
    "sets": "Sets",
    "resistance": "Resistance",
}


def _dose_field(name: str) -> forms.Field:
    label = DOSE_LABELS[name]
    if name == "resistance":
        choices = [("", "-"), *RESISTANCES.items()]
        return forms.ChoiceField(label=label, required=False, choices=choices)
    if name in ("reps", "sets"):
        return forms.IntegerField(label=label, required=False)
    return forms.FloatField(
        label=label, required=False, widget=forms.NumberInput(attrs={"step": "0.5"})
    )


class StepForm(forms.Form):
    """One step of a template or plan; ``clean`` hands it to the core's ``step_from_dict``."""

    technique = forms.ChoiceField(
        choices=[(k, t.name) for k, t in TECHNIQUES.items()], label="Technique"
    )
    regions = forms.MultipleChoiceField(
        label="Body areas",
        required=False,
        choices=list(AREAS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    muscles = forms.MultipleChoiceField(
        label="Muscles",
        required=False,
        choices=list(MUSCLES.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    side = forms.ChoiceField(choices=list(SIDES.items()), label="Side")
    position = forms.ChoiceField(choices=list(POSITIONS.items()), label="Position")
    notes = forms.CharField(
        label="Notes", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in DOSE_FIELDS:
            self.fields[name] = _dose_field(name)

    @classmethod
    def initial_for(cls, stored: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in stored.items() if k != "focus"}

    def dose_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in DOSE_FIELDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            data["step"] = step_from_dict(
                {key: data.get(key) for key in (*StepForm.base_fields, *DOSE_FIELDS)}
            )
        except ProtocolError as error:
            self.add_error(error.field if error.field in self.fields else None, str(error))
        return data

    def stored(self) -> dict[str, Any]:
        step: Step = self.cleaned_data["step"]
        return step_to_dict(step)


class TemplateNameForm(forms.ModelForm[ProtocolTemplate]):
    class Meta:
        model = ProtocolTemplate
        fields = ["name"]


class PlanForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=ProtocolTemplate.objects.none(), label="Template", empty_label=None
    )

    def __init__(self, *args: Any, templates: Sequence[ProtocolTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ProtocolTemplate.objects.filter(pk__in=[t.pk for t in templates])


class DoctorVisitForm(forms.Form):
    seen_on = forms.DateField(
        label="Seen by a doctor on",
        widget=IsoDateInput(),
    )
    note = forms.CharField(
        label="Your note",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the client says the doctor found or advised, in your words.",
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_seen_on(self) -> date:
        seen: date = self.cleaned_data["seen_on"]
        if seen > self.today:
            raise forms.ValidationError("The date can't be in the future.")
        return seen


def _text(label: str, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class NoteForm(forms.Form):
    """A SOAP note: pain before and after per region, and the plan's steps as given."""

    session_on = forms.DateField(label="Session date", widget=IsoDateInput())
    subjective = _text("Subjective: the runner's words", 4)
    objective = _text("Objective: what you found", 4)
    assessment = _text(
        "Assessment: in your own words", 3, "Describe, don't diagnose: no diagnosis codes."
    )
    plan_home = _text("Plan: home stretches", 2)
    plan_run_time = _text("Plan: run time", 2)
    plan_next_session = _text("Plan: next session", 2)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, given: Sequence[Mapping[str, Any]], today: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.given = list(given)
        for moment in ("before", "after"):
            for key, region in REGIONS.items():
                self.fields[pain_name(moment, key)] = forms.TypedChoiceField(
                    label=f"{region.label} ({moment})",
                    required=False,
                    choices=SCORE_CHOICES,
                    coerce=int,
                    empty_value=None,
                )
        for index, item in enumerate(self.given):
            self._add_step_fields(index, item["step"])

    def _add_step_fields(self, index: int, step: Mapping[str, Any]) -> None:
        self.fields[f"step_{index}_done"] = forms.BooleanField(label="Done", required=False)
        for name in TECHNIQUES[step["technique"]].dose_fields:
            self.fields[f"step_{index}_{name}"] = _dose_field(name)

    def pain_rows(self, moment: str) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (
                left.area[0].upper() + left.area[1:],
                self[pain_name(moment, left.key)],
                self[pain_name(moment, right.key)],
            )
            for left, right in region_pairs()
        ]

    @property
    def pain_rows_before(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return self.pain_rows("before")

    @property
    def pain_rows_after(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return self.pain_rows("after")

    def step_rows(self) -> list[tuple[int, StepView, forms.BoundField, list[forms.BoundField]]]:
        """(index, the planned step in words, its "done" box, its dose inputs) per step."""
        rows = []
        for index, item in enumerate(self.given):
            names = TECHNIQUES[item["step"]["technique"]].dose_fields
            doses = [self[f"step_{index}_{name}"] for name in names]
            rows.append((index, step_view(index, item["step"]), self[f"step_{index}_done"], doses))
        return rows

    def clean_session_on(self) -> date:
        day: date = self.cleaned_data["session_on"]
        if day > self.today:
            raise forms.ValidationError("The date can't be in the future.")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for moment in ("before", "after"):
            raw = {key: data.get(pain_name(moment, key)) for key in REGIONS}
            try:
                data[f"pain_{moment}"] = validate_pain(raw)
            except PainMapError as error:
                self.add_error(None, str(error))
        data["given"] = [self._given(index, item, data) for index, item in enumerate(self.given)]
        return data

    def _given(
        self, index: int, item: Mapping[str, Any], data: Mapping[str, Any]
    ) -> dict[str, Any]:
        step = dict(item["step"])
        for name in TECHNIQUES[step["technique"]].dose_fields:
            step[name] = data.get(f"step_{index}_{name}")
            if step[name] in (None, ""):
                step.pop(name)
        try:
            checked = step_to_dict(step_from_dict(step))
        except ProtocolError as error:
            self.add_error(
                f"step_{index}_{error.field}" if error.field in DOSE_FIELDS else None,
                f"Step {index + 1}: {error}",
            )
            checked = dict(item["step"])
        return {"done": bool(data.get(f"step_{index}_done")), "step": checked}

    def changes(self) -> dict[str, Any]:
        names = (
            "session_on",
            "subjective",
            "objective",
            "assessment",
            "plan_home",
            "plan_run_time",
            "plan_next_session",
            "pain_before",
            "pain_after",
            "given",
        )
        return {name: self.cleaned_data[name] for name in names}


def pain_name(moment: str, region_key: str) -> str:
    return f"pain_{moment}_{region_key}"


def note_initial(note: Any) -> dict[str, Any]:
    """The form's starting values from a stored note."""
    initial: dict[str, Any] = {
        name: getattr(note, name)
        for name in (
            "session_on",
            "subjective",
            "objective",
            "assessment",
            "plan_home",
            "plan_run_time",
            "plan_next_session",
            "version",
        )
    }
    for moment, scores in (("before", note.pain_before), ("after", note.pain_after)):
        for key, score in scores.items():
            initial[pain_name(moment, key)] = str(score)
    for index, item in enumerate(note.given):
        initial[f"step_{index}_done"] = item["done"]
        for name in DOSE_FIELDS:
            if name in item["step"]:
                initial[f"step_{index}_{name}"] = item["step"][name]
    return initial


class SignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write what you add to the note."},
    )
