"""A therapist changes and deletes her own exercises; one a client was ever prescribed
stays, so the client's history keeps showing what was prescribed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.web.exercises.models import LibraryExercise, ProgramVersion
from runcare.web.exercises.queries import current_version, program_view
from runcare.web.exercises.services import item_of, save_version
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Wall calf stretch",
    "technique": "static_stretch",
    "steps": "Face a wall.\nStep back.",
    "cautions": "",
    "hold_cue": "Lean into the wall",
    "limb": "leg",
    "side": "both",
    "sets": "1",
    "reps": "2",
    "hold_s": "30",
    "relax_s": "5",
    "rest_s": "0",
    "times_per_day": "1",
}


@pytest.fixture
def own(personas: Personas) -> LibraryExercise:
    client = client_for(personas.therapist)
    assert client.post(reverse("exercises:exercise_new"), FORM).status_code == 302
    return LibraryExercise.objects.get(therapist=personas.therapist)


def edit(client: Client, exercise: LibraryExercise, **changes: str) -> Any:
    url = reverse("exercises:exercise_edit", args=[exercise.pk])
    return client.post(url, {**FORM, **changes})


def prescribe(personas: Personas, exercise: LibraryExercise) -> ProgramVersion:
    return save_version(
        personas.runner,
        personas.therapist,
        [item_of(exercise, exercise.dose)],
        "",
        timezone.now(),
    )


def test_it_shows_her_exercise_in_the_form_as_it_is(
    personas: Personas, own: LibraryExercise
) -> None:
    page = client_for(personas.therapist).get(reverse("exercises:exercise_edit", args=[own.pk]))
    form = page.context["form"]
    assert form["steps"].value() == "Face a wall.\nStep back."
    assert form["hold_s"].value() == 30.0
    assert form["side"].value() == "both"
    assert "No client has this exercise" in page.content.decode()


def test_it_saves_a_change_under_the_same_key(personas: Personas, own: LibraryExercise) -> None:
    response = edit(
        client_for(personas.therapist),
        own,
        name="Calf stretch at the wall",
        steps="Face a wall.\n\nStep back, heel down.\n",
        cautions="Not on a sore Achilles.",
        hold_s="45",
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name == "Calf stretch at the wall"
    assert own.steps == ["Face a wall.", "Step back, heel down."]
    assert own.cautions == ["Not on a sore Achilles."]
    assert own.hold_s == 45.0
    assert own.key == "wall-calf-stretch"
    assert LibraryExercise.objects.filter(therapist=personas.therapist).count() == 1


def test_a_prescribed_client_sees_the_new_text_with_her_own_dose(
    personas: Personas, own: LibraryExercise
) -> None:
    prescribe(personas, own)
    therapist = client_for(personas.therapist)
    page = therapist.get(reverse("exercises:exercise_edit", args=[own.pk])).content.decode()
    assert "1 client has this exercise" in page
    edit(therapist, own, name="Calf at the wall", hold_s="60")
    current = current_version(personas.runner)
    assert current is not None
    [item] = program_view(current).items
    assert item.exercise.name == "Calf at the wall"
    assert item.dose.hold_s == 30.0  # as prescribed, not the library's new default
    runner_page = client_for(personas.runner).get(reverse("exercises:my_program"))
    assert "Calf at the wall" in runner_page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "!!!", "a name with letters or digits"),
        ("hold_s", "-3", "greater than or equal"),
        ("steps", "", "required"),
    ],
)
def test_it_refuses_a_bad_change_and_keeps_the_exercise(
    personas: Personas, own: LibraryExercise, field: str, value: str, message: str
) -> None:
    response = edit(client_for(personas.therapist), own, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    kept = LibraryExercise.objects.get(pk=own.pk)
    assert (kept.name, kept.steps, kept.hold_s) == (own.name, own.steps, own.hold_s)


def test_it_deletes_an_exercise_nobody_was_prescribed(
    personas: Personas, own: LibraryExercise
) -> None:
    client = client_for(personas.therapist)
    url = reverse("exercises:exercise_delete", args=[own.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "No client was ever prescribed" in confirm.content.decode()
    assert client.post(url).status_code == 302
    assert not LibraryExercise.objects.filter(pk=own.pk).exists()
    assert LibraryExercise.objects.filter(therapist=None).exists()  # the shipped ones stay
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("still_in_program", [True, False])
def test_it_keeps_an_exercise_a_client_was_ever_prescribed(
    personas: Personas, own: LibraryExercise, still_in_program: bool
) -> None:
    prescribe(personas, own)
    if not still_in_program:
        save_version(personas.runner, personas.therapist, [], "", timezone.now())
    client = client_for(personas.therapist)
    url = reverse("exercises:exercise_delete", args=[own.pk])
    refused = client.post(url)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "cannot be deleted" in html and personas.runner.name in html
    assert f'<button type="submit">Delete {own.name}' not in html
    assert LibraryExercise.objects.filter(pk=own.pk).exists()
    first = ProgramVersion.objects.get(runner=personas.runner, number=1)
    assert [item.exercise.name for item in program_view(first).items] == [own.name]


def test_the_library_links_to_change_and_delete_her_own_only(
    personas: Personas, own: LibraryExercise
) -> None:
    html = client_for(personas.therapist).get(reverse("exercises:library_list")).content.decode()
    assert reverse("exercises:exercise_edit", args=[own.pk]) in html
    assert reverse("exercises:exercise_delete", args=[own.pk]) in html
    assert html.count("/delete/") == 1


@pytest.mark.parametrize("name", ["exercises:exercise_edit", "exercises:exercise_delete"])
def test_three_personas_only_she_changes_or_deletes_her_exercise(
    personas: Personas, own: LibraryExercise, name: str
) -> None:
    url = reverse(name, args=[own.pk])
    for outsider in (personas.runner, personas.stranger, personas.other_therapist):
        client = client_for(outsider)
        assert client.get(url).status_code == 404, outsider
        assert client.post(url, {**FORM, "name": "Taken over"}).status_code == 404, outsider
    assert Client().get(url).status_code == 302  # to the login page
    kept = LibraryExercise.objects.get(pk=own.pk)
    assert kept.name == FORM["name"]
    assert client_for(personas.therapist).get(url).status_code == 200


@pytest.mark.parametrize("name", ["exercises:exercise_edit", "exercises:exercise_delete"])
def test_a_shipped_exercise_can_be_neither_changed_nor_deleted(
    personas: Personas, name: str
) -> None:
    shipped = LibraryExercise.objects.filter(therapist=None).first()
    assert shipped is not None
    client = client_for(personas.therapist)
    url = reverse(name, args=[shipped.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, FORM).status_code == 404
    assert LibraryExercise.objects.get(pk=shipped.pk).name == shipped.name
