"""The run settings form and the pain-after-a-run form; the rules are the core's."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from runcare.body.regions import REGIONS
from runcare.care.redflags import QUESTIONS
from runcare.plan import PlanError, RunSettings
from runcare.plan.model import MAX_WEEKLY_RISE_PCT, WEEKDAY_KEYS
from runcare.web.widgets import IsoDateInput

WEEKDAY_CHOICES = [(str(i), key.capitalize()) for i, key in enumerate(WEEKDAY_KEYS)]
PAIN_CHOICES = [("", "—")] + [(str(i), str(i)) for i in range(11)]


class RunSettingsForm(forms.Form):
    runs_per_week = forms.IntegerField(label="Runs per week", min_value=1, max_value=7)
    weekdays = forms.MultipleChoiceField(
        label="Days you can run", choices=WEEKDAY_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    weekly_goal_km = forms.DecimalField(
        label="Weekly goal (km, optional)",
        required=False,
        min_value=0.1,
        max_value=500,
        decimal_places=1,
    )
    weekly_rise_pct = forms.FloatField(
        label="Weekly rise at most (%)", min_value=0, max_value=MAX_WEEKLY_RISE_PCT
    )
    run_walk = forms.BooleanField(
        label="Run/walk intervals (coming back after a break)", required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        goal = data.get("weekly_goal_km")
        try:
            data["settings"] = RunSettings(
                runs_per_week=data["runs_per_week"],
                weekdays=frozenset(int(d) for d in data["weekdays"]),
                weekly_goal_m=None if goal is None else float(goal) * 1000.0,
                weekly_rise_pct=data["weekly_rise_pct"],
                run_walk=data["run_walk"],
            )
        except PlanError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


def region_choices() -> list[tuple[str, str]]:
    regions = sorted(REGIONS.values(), key=lambda r: r.label)
    return [("", "Anywhere / not sure")] + [(r.key, r.label) for r in regions]


class PainForm(forms.Form):
    day = forms.DateField(label="Day of the run", widget=IsoDateInput())
    region = forms.ChoiceField(label="Where it hurt", choices=region_choices, required=False)
    during_0_10 = forms.TypedChoiceField(
        label="Pain during the run (0-10)",
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    after_0_10 = forms.TypedChoiceField(
        label="Pain right after (0-10)",
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    next_morning_0_10 = forms.TypedChoiceField(
        label="Pain the next morning (0-10)",
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for question in QUESTIONS:
            self.fields[f"flag_{question.key}"] = forms.BooleanField(
                label=question.text, required=False
            )

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day > self.today:
            raise forms.ValidationError("The day of the run cannot be after today.")
        return day

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        values = [data.get(name) for name in ("during_0_10", "after_0_10", "next_morning_0_10")]
        if (
            not self.errors
            and all(v is None for v in values)
            and not any(self.red_flags().values())
        ):
            raise forms.ValidationError("Give at least one pain score (0 means no pain).")
        return data

    def red_flags(self) -> dict[str, bool]:
        return {q.key: bool(self.cleaned_data.get(f"flag_{q.key}")) for q in QUESTIONS}

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[f"flag_{q.key}"] for q in QUESTIONS]
