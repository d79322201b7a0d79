"""Date inputs: the page's language never changes how a date is written into a form."""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

import runcare.web
from runcare.web.clinic.forms import IntakeForm
from runcare.web.clinic.services import record_intake
from runcare.web.widgets import IsoDateInput
from tests.web.conftest import Personas
from tests.web.test_intake import NOW, answers

DATE_INPUT = re.compile(r'<input type="date"[^>]*>')


def _all_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(runcare.web.__path__, "runcare.web."):
        if not module.name.split(".")[-1].startswith(("migrations", "wsgi")):
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[forms.BaseForm]] = [forms.Form, forms.ModelForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("runcare.web."):
                found.append(sub)
    return found


def test_it_writes_every_date_input_of_the_app_as_yyyy_mm_dd() -> None:
    date_fields = [
        (form.__name__, name, field)
        for form in _all_form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
    assert "IntakeForm" in {form_name for form_name, _, _ in date_fields}
    with translation.override("en-gb"):
        for form_name, name, field in date_fields:
            html = field.widget.render(name, date(2026, 11, 22))
            assert 'type="date"' in html, (form_name, name)
            assert 'value="2026-11-22"' in html, (form_name, name)


def test_it_offers_one_widget_that_does_it() -> None:
    with translation.override("en-gb"):
        html = IsoDateInput().render("day", date(2026, 11, 22))
    assert html == '<input type="date" name="day" value="2026-11-22">'


@pytest.mark.parametrize("language", ["en-gb", "en-us", "de"])
def test_it_writes_a_date_as_yyyy_mm_dd_in_any_language(language: str) -> None:
    form = IntakeForm(initial={"pain_since": date(2026, 11, 22)}, today=date(2026, 12, 1))
    with translation.override(language):
        html = str(form["pain_since"])
    assert 'value="2026-11-22"' in html
    assert 'type="date"' in html


@pytest.mark.django_db
def test_it_prefills_the_saved_date_in_the_form_the_browser_reads(
    personas: Personas, runner_client: Client
) -> None:
    record_intake(
        personas.runner, personas.runner, {**answers(), "pain_since": date(2025, 11, 22)}, NOW
    )
    html = runner_client.get(reverse("clinic:intake")).content.decode()
    [field] = [tag for tag in DATE_INPUT.findall(html) if 'name="pain_since"' in tag]
    assert 'value="2025-11-22"' in field
    assert "22/11/2025" not in html
