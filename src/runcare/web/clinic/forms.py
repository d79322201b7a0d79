"""The intake form: what hurts, where and when, about the running, and the red-flag screen.

The form only shapes input; the rules (regions, 0-10 scores, timing keys, the screen) live
in the core and are called from here and again by the service.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from runcare.body.regions import (
    PAIN_MAX,
    PAIN_MIN,
    REGIONS,
    PainMapError,
    region_pairs,
    validate_scores,
)
from runcare.care.intake import TIMINGS
from runcare.care.redflags import QUESTIONS
from runcare.report.numbers import trimmed
from runcare.web.widgets import IsoDateInput

QUESTION_PLACEHOLDER = "Why do my hips and lower back hurt after I run?"
YES_NO = [("yes", "Yes"), ("no", "No")]
SCORE_CHOICES = [(score, str(score)) for score in range(PAIN_MIN, PAIN_MAX + 1)]


def pain_field_name(region_key: str) -> str:
    return f"pain_{region_key}"


def flag_field_name(question_key: str) -> str:
    return f"flag_{question_key}"


class AmountField(forms.DecimalField):
    """A quantity a person typed: shown again as "3", not as the stored "3.0"."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | float) and not isinstance(value, bool):
            return trimmed(value, self.decimal_places or 0)
        return value


class IntakeForm(forms.Form):
    """One intake. ``today`` bounds the "since when" date (the clock is a parameter)."""

    question = forms.CharField(
        label="Your question, in your own words",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": QUESTION_PLACEHOLDER}),
    )
    timing = forms.MultipleChoiceField(
        label="When does it hurt?",
        required=False,
        choices=list(TIMINGS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    pain_since = forms.DateField(
        label="Since when has it hurt?",
        required=False,
        widget=IsoDateInput(),
        help_text="A rough date is fine.",
    )
    years_running = AmountField(
        label="Years running",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(99),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    usual_weekly_km = AmountField(
        label="Usual distance per week (km)",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "1", "inputmode": "decimal"}),
    )
    goal_race = forms.CharField(
        label="Goal race, if any",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "e.g. city half marathon in May"}),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["pain_since"].widget.attrs["max"] = today.isoformat()
        for key, region in REGIONS.items():
            self.fields[pain_field_name(key)] = forms.IntegerField(
                label=region.label,
                required=False,
                initial=0,
                widget=forms.Select(choices=SCORE_CHOICES, attrs={"data-region": key}),
                error_messages={
                    "invalid": f"Pain for {region.label.lower()} must be a whole number "
                    f"from {PAIN_MIN} to {PAIN_MAX}."
                },
            )
        for question in QUESTIONS:
            self.fields[flag_field_name(question.key)] = forms.ChoiceField(
                label=question.text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Please answer yes or no."},
            )

    def pain_rows(self) -> list[tuple[str, tuple[forms.BoundField, forms.BoundField]]]:
        """(area, (left input, right input)) per body area: the layout of the score table."""
        return [
            (
                left.area[0].upper() + left.area[1:],
                (self[pain_field_name(left.key)], self[pain_field_name(right.key)]),
            )
            for left, right in region_pairs()
        ]

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[flag_field_name(q.key)] for q in QUESTIONS]

    def clean_pain_since(self) -> date | None:
        since: date | None = self.cleaned_data.get("pain_since")
        if since is not None and since > self.today:
            raise forms.ValidationError("The date can't be in the future.")
        return since

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = {key: data.get(pain_field_name(key)) for key in REGIONS}
        if all(pain_field_name(key) not in self.errors for key in REGIONS):
            try:
                data["pain_0_10"] = validate_scores(
                    {key: 0 if score is None else score for key, score in raw.items()}
                )
            except PainMapError as error:
                field = pain_field_name(error.region) if error.region else None
                self.add_error(field, str(error))
        data["red_flags"] = {
            q.key: data.get(flag_field_name(q.key)) == "yes"
            for q in QUESTIONS
            if flag_field_name(q.key) in data
        }
        return data

    def answers(self) -> dict[str, Any]:
        """The cleaned intake in the shape ``services.record_intake`` takes."""
        data = self.cleaned_data
        return {
            "question": data["question"],
            "pain_0_10": data["pain_0_10"],
            "timing": data["timing"],
            "pain_since": data["pain_since"],
            "years_running": data["years_running"],
            "usual_weekly_km": data["usual_weekly_km"],
            "goal_race": data["goal_race"],
            "red_flags": data["red_flags"],
        }
