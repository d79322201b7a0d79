from __future__ import annotations

from django import forms

from runcare.web.training.activities import SPORT_LABELS


class SportForm(forms.Form):
    sport = forms.ChoiceField(label="Sport", choices=list(SPORT_LABELS.items()))
