"""The therapist puts a client's home stretches in the order they are done: move up, move
down, each a new version, with plain forms."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from runcare.web.exercises.handout import handout_html
from runcare.web.exercises.models import LibraryExercise, ProgramVersion
from runcare.web.exercises.queries import current_version, program_view
from runcare.web.exercises.services import moved
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

KEYS = ["kneeling-hip-flexor", "standing-quad", "figure-4-piriformis"]


def names(keys: list[str]) -> list[str]:
    return [LibraryExercise.objects.get(therapist=None, key=key).name for key in keys]


@pytest.fixture
def program(personas: Personas) -> ProgramVersion:
    therapist = client_for(personas.therapist)
    for key in KEYS:
        exercise = LibraryExercise.objects.get(therapist=None, key=key)
        url = reverse("exercises:item_add", args=[personas.runner.pk])
        assert therapist.post(url, {"exercise": exercise.pk}).status_code == 302
    current = current_version(personas.runner)
    assert current is not None
    return current


def move(client: Client, runner_id: int, index: int, direction: str, version: int) -> Any:
    url = reverse("exercises:item_move", args=[runner_id, index])
    return client.post(url, {"direction": direction, "version": str(version)}, follow=True)


def order(personas: Personas) -> list[str]:
    current = current_version(personas.runner)
    assert current is not None
    return [item.exercise.name for item in program_view(current).items]


def in_page_order(html: str, wanted: list[str]) -> bool:
    positions = [html.index(name) for name in wanted]
    return positions == sorted(positions)


def test_it_moves_an_exercise_up_and_down_each_time_a_new_version(
    personas: Personas, program: ProgramVersion
) -> None:
    therapist = client_for(personas.therapist)
    first, second, third = names(KEYS)
    page = move(therapist, personas.runner.pk, 2, "up", program.number)
    assert "Moved." in page.content.decode()
    assert order(personas) == [first, third, second]
    move(therapist, personas.runner.pk, 0, "down", program.number + 1)
    assert order(personas) == [third, first, second]
    latest = current_version(personas.runner)
    assert latest is not None
    assert latest.number == program.number + 2
    # The doses travel with their exercises, and the earlier versions are kept as they were.
    before = {item["exercise"]: item for item in program.items}
    assert all(before[item["exercise"]] == item for item in latest.items)
    assert ProgramVersion.objects.get(pk=program.pk).items == program.items


def test_the_runner_the_timer_and_the_handout_follow_the_new_order(
    personas: Personas, program: ProgramVersion
) -> None:
    first, second, third = names(KEYS)
    move(client_for(personas.therapist), personas.runner.pk, 2, "up", program.number)
    runner_page = client_for(personas.runner).get(reverse("exercises:my_program"))
    html = runner_page.content.decode()
    assert in_page_order(html[html.index("<h1") :], [first, third, second])
    current = current_version(personas.runner)
    assert current is not None
    schedule = program_view(current).schedule_json
    announced = [p["exercise"] for p in schedule["phases"] if p.get("exercise")]
    assert list(dict.fromkeys(announced)) == [KEYS[0], KEYS[2], KEYS[1]]
    handout = handout_html(personas.runner, program_view(current), timezone.now())
    assert in_page_order(handout, [first, third, second])


def test_it_offers_no_move_up_for_the_first_and_no_move_down_for_the_last(
    personas: Personas, program: ProgramVersion
) -> None:
    page = client_for(personas.therapist).get(
        reverse("exercises:program_detail", args=[personas.runner.pk])
    )
    html = page.content.decode()
    assert html.count("Move up<") == len(KEYS) - 1
    assert html.count("Move down<") == len(KEYS) - 1
    assert "<script>" not in html and "onclick" not in html and "style=" not in html
    # The first exercise's section holds a "Move down" and no "Move up".
    first = html[html.index(f"1. {names(KEYS)[0]}") : html.index(f"2. {names(KEYS)[1]}")]
    assert "Move down" in first and "Move up" not in first


def test_it_moves_nothing_from_a_page_of_an_older_version(
    personas: Personas, program: ProgramVersion
) -> None:
    therapist = client_for(personas.therapist)
    page = move(therapist, personas.runner.pk, 1, "up", program.number - 1)
    assert "changed since this page was opened" in page.content.decode()
    assert order(personas) == names(KEYS)
    assert ProgramVersion.objects.filter(runner=personas.runner).count() == program.number


@pytest.mark.parametrize(("index", "direction"), [(0, "up"), (2, "down")])
def test_it_saves_no_version_for_a_move_past_either_end(
    personas: Personas, program: ProgramVersion, index: int, direction: str
) -> None:
    page = move(client_for(personas.therapist), personas.runner.pk, index, direction, 3)
    assert "Nothing moved" in page.content.decode()
    assert ProgramVersion.objects.filter(runner=personas.runner).count() == program.number


@pytest.mark.parametrize(("index", "direction"), [(3, "up"), (99, "down"), (1, "sideways")])
def test_it_answers_404_for_no_such_exercise_or_direction(
    personas: Personas, program: ProgramVersion, index: int, direction: str
) -> None:
    url = reverse("exercises:item_move", args=[personas.runner.pk, index])
    data = {"direction": direction, "version": str(program.number)}
    assert client_for(personas.therapist).post(url, data).status_code == 404


def test_it_is_a_post_only_action(personas: Personas, program: ProgramVersion) -> None:
    url = reverse("exercises:item_move", args=[personas.runner.pk, 1])
    assert client_for(personas.therapist).get(url).status_code == 405


def test_three_personas_only_her_therapist_moves(
    personas: Personas, program: ProgramVersion
) -> None:
    url = reverse("exercises:item_move", args=[personas.runner.pk, 1])
    data = {"direction": "up", "version": str(program.number)}
    for outsider in (personas.runner, personas.stranger, personas.other_therapist):
        assert client_for(outsider).post(url, data).status_code == 404, outsider
    assert Client().post(url, data).status_code == 302  # to the login page
    assert order(personas) == names(KEYS)
    assert client_for(personas.therapist).post(url, data).status_code == 302
    first, second, third = names(KEYS)
    assert order(personas) == [second, first, third]


@given(st.lists(st.integers(), max_size=8), st.integers(-2, 9), st.sampled_from([-1, 1]))
def test_a_move_is_a_swap_that_the_opposite_move_undoes(
    items: list[int], index: int, step: int
) -> None:
    result = moved(items, index, step)
    assert sorted(result) == sorted(items)
    if 0 <= index < len(items) and 0 <= index + step < len(items):
        assert result[index + step] == items[index]
        assert moved(result, index + step, -step) == items
    else:
        assert result == items
