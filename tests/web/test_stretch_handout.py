"""The handout PDF of a home program: its text extracted and checked (every exercise, its
dose in words, every picture's credit, the cautions, the therapist's notes and contact),
and who may download it."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from runcare.exercises import describe_dose, dose_from, figure_of, library
from runcare.web.exercises.models import LibraryExercise
from runcare.web.exercises.services import save_version
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

KEYS = ("kneeling-hip-flexor", "figure-4-piriformis")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def prescribed(personas: Personas) -> Personas:
    personas.therapist.email = "thea@example.org"
    personas.therapist.save()
    rows = {r.key: r for r in LibraryExercise.objects.filter(therapist=None, key__in=KEYS)}
    items = [
        {"exercise": rows[KEYS[0]].pk, "hold_s": 45, "sets": 2},
        {"exercise": rows[KEYS[1]].pk},
    ]
    save_version(personas.runner, personas.therapist, items, "Slow breaths out.", timezone.now())
    return personas


def pdf_text(body: bytes) -> str:
    reader = PdfReader(io.BytesIO(body))
    return flat(" ".join(page.extract_text() or "" for page in reader.pages))


def test_the_handout_holds_every_exercise_dose_credit_caution_and_note(
    prescribed: Personas,
) -> None:
    url = reverse("exercises:handout_pdf", args=[prescribed.runner.pk])
    response = client_for(prescribed.runner).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")
    text = pdf_text(body)
    first = library().exercises[KEYS[0]]
    overridden = dose_from({"hold_s": 45, "sets": 2}, "d", first.dose)
    assert flat(describe_dose(overridden, first.technique)) in text
    for key in KEYS:
        exercise = library().exercises[key]
        assert exercise.name in text
        assert flat(exercise.cautions[0]) in text
        credit = figure_of(exercise).credit()
        for part in (credit.title, credit.author, credit.license):
            assert flat(part) in text, (key, part)
    second = library().exercises[KEYS[1]]
    assert flat(describe_dose(second.dose, second.technique)) in text
    assert "Slow breaths out." in text
    assert "Thea Therapist" in text and "thea@example.org" in text


def test_three_personas_on_the_handout(prescribed: Personas) -> None:
    url = reverse("exercises:handout_pdf", args=[prescribed.runner.pk])
    assert client_for(prescribed.therapist).get(url).status_code == 200
    for user in (prescribed.stranger, prescribed.other_therapist):
        assert client_for(user).get(url).status_code == 404
    other = reverse("exercises:handout_pdf", args=[prescribed.stranger.pk])
    assert client_for(prescribed.runner).get(other).status_code == 404


def test_no_program_no_handout(personas: Personas) -> None:
    url = reverse("exercises:handout_pdf", args=[personas.runner.pk])
    assert client_for(personas.therapist).get(url).status_code == 404


def test_the_handout_prints_the_next_booked_appointment(prescribed: Personas) -> None:
    from datetime import UTC, datetime

    from runcare.web.booking.models import Appointment, Status

    url = reverse("exercises:handout_pdf", args=[prescribed.runner.pk])
    assert "Next appointment" not in pdf_text(client_for(prescribed.runner).get(url).content)
    when = datetime(2036, 12, 9, 16, 30, tzinfo=UTC)
    fields = {
        "therapist": prescribed.therapist,
        "runner": prescribed.runner,
        "booked_by": prescribed.therapist,
        "created_at": timezone.now(),
        "updated_at": timezone.now(),
    }
    # A cancelled one is never printed; the booked one is.
    Appointment.objects.create(
        start_utc=when.replace(day=2),
        end_utc=when.replace(day=2, hour=17),
        status=Status.CANCELLED,
        **fields,
    )
    assert "Next appointment" not in pdf_text(client_for(prescribed.runner).get(url).content)
    Appointment.objects.create(start_utc=when, end_utc=when.replace(hour=17, minute=30), **fields)
    text = pdf_text(client_for(prescribed.runner).get(url).content)
    assert "Next appointment" in text and "9 December 2036" in text
    assert "2 December 2036" not in text
