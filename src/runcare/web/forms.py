"""How every form on the site is laid out."""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """``{{ form }}`` and ``form.as_div`` lay each field out as the hand-written forms do:
    the label above the field without Django's "Label:" colon, the hint under the label."""

    field_template_name = "forms/field.html"
