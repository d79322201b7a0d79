"""The intake: pain map, timing, running, red-flag screen, versions, and who may see what."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.body.regions import REGIONS
from runcare.care.redflags import QUESTIONS
from runcare.web.clinic.forms import QUESTION_PLACEHOLDER
from runcare.web.clinic.models import Intake
from runcare.web.clinic.services import IntakeError, record_intake
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def post_data(flags: dict[str, str] | None = None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {f"pain_{key}": "0" for key in REGIONS}
    data.update({f"flag_{q.key}": "no" for q in QUESTIONS})
    data.update(
        {
            "question": "Why do my hips ache after long runs?",
            "pain_buttock_left": "6",
            "pain_hip_front_right": "4",
            "timing": ["after_runs", "next_morning"],
            "pain_since": "2026-01-10",
            "years_running": "3.5",
            "usual_weekly_km": "42",
            "goal_race": "Spring half marathon",
        }
    )
    for key, answer in (flags or {}).items():
        data[f"flag_{key}"] = answer
    data.update(overrides)
    return data


def answers(**flags: bool) -> dict[str, Any]:
    return {
        "question": "",
        "pain_0_10": {"knee_left": 3},
        "timing": ["during_runs"],
        "pain_since": None,
        "years_running": None,
        "usual_weekly_km": None,
        "goal_race": "",
        "red_flags": {q.key: flags.get(q.key, False) for q in QUESTIONS},
    }


def saved(personas: Personas, **flags: bool) -> Intake:
    return record_intake(personas.runner, personas.runner, answers(**flags), NOW)


# --- who may see what -------------------------------------------------------------------


def test_it_shows_the_runner_their_own_intake_form(runner_client: Client) -> None:
    response = runner_client.get(reverse("clinic:intake"))
    assert response.status_code == 200
    assert "What hurts?" in response.content.decode()


def test_it_gives_a_therapist_no_intake_of_her_own(therapist_client: Client) -> None:
    response = therapist_client.get(reverse("clinic:intake"))
    assert (response.status_code, response["Location"]) == (302, reverse("home"))


def test_it_sends_an_anonymous_visitor_to_the_login(client: Client, personas: Personas) -> None:
    response = client.get(reverse("clinic:intake"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_lets_a_therapist_open_her_clients_intake(
    personas: Personas, therapist_client: Client
) -> None:
    url = reverse("clinic:intake_for", args=[personas.runner.pk])
    response = therapist_client.get(url)
    assert response.status_code == 200
    assert "Intake for Rita Runner" in response.content.decode()


@pytest.mark.parametrize("who", ["other_therapist_client", "stranger_client", "runner_client"])
def test_it_hides_the_on_behalf_form_from_everyone_else(
    who: str, personas: Personas, request: pytest.FixtureRequest
) -> None:
    client: Client = request.getfixturevalue(who)
    url = reverse("clinic:intake_for", args=[personas.runner.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, post_data()).status_code == 404
    assert not Intake.objects.exists()


def test_it_gives_the_same_404_for_a_missing_runner(therapist_client: Client) -> None:
    url = reverse("clinic:intake_for", args=[99999])
    assert therapist_client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("runner_client", 200),
        ("therapist_client", 200),
        ("stranger_client", 404),
        ("other_therapist_client", 404),
    ],
)
def test_it_shows_a_saved_intake_only_to_the_runner_and_her_therapist(
    who: str, status: int, personas: Personas, request: pytest.FixtureRequest
) -> None:
    intake = saved(personas)
    client: Client = request.getfixturevalue(who)
    assert client.get(reverse("clinic:intake_result", args=[intake.pk])).status_code == status


def test_it_keeps_the_strangers_intakes_out_of_the_runners_history(
    personas: Personas, runner_client: Client
) -> None:
    record_intake(personas.stranger, personas.stranger, answers(both_legs=True), NOW)
    page = runner_client.get(reverse("clinic:intake")).content.decode()
    assert "No answers saved yet." in page


# --- filling it in ----------------------------------------------------------------------


def test_it_lets_a_runner_fill_in_the_intake(personas: Personas, runner_client: Client) -> None:
    response = runner_client.post(reverse("clinic:intake"), post_data())
    intake = Intake.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("clinic:intake_result", args=[intake.pk])
    assert intake.runner == personas.runner
    assert intake.entered_by == personas.runner
    assert intake.pain_0_10["buttock_left"] == 6
    assert intake.pain_0_10["hip_front_right"] == 4
    assert intake.worst_pain_0_10 == 6
    assert intake.timing == ["after_runs", "next_morning"]
    assert intake.pain_since == date(2026, 1, 10)
    assert str(intake.usual_weekly_km) == "42.0"
    assert intake.goal_race == "Spring half marathon"
    assert intake.red_flag_level == "none"
    assert intake.red_flags == {q.key: False for q in QUESTIONS}
    assert (intake.version, intake.is_latest) == (1, True)


def test_it_lets_a_therapist_fill_it_in_for_her_client(
    personas: Personas, therapist_client: Client
) -> None:
    url = reverse("clinic:intake_for", args=[personas.runner.pk])
    response = therapist_client.post(url, post_data())
    intake = Intake.objects.get()
    assert response.status_code == 302
    assert intake.runner == personas.runner
    assert intake.entered_by == personas.therapist


def test_it_shows_a_clear_result_without_red_flags(
    personas: Personas, runner_client: Client
) -> None:
    runner_client.post(reverse("clinic:intake"), post_data())
    page = runner_client.get(reverse("clinic:intake_result", args=[Intake.objects.get().pk]))
    html = page.content.decode()
    assert 'role="alert"' not in html
    assert "No warning signs in your answers" in html
    assert "Left buttock: <strong>6 of 10</strong>" in html
    assert "Muscles that may be involved" in html
    assert "piriformis" in html
    assert "not a diagnosis" in html


def test_it_asks_the_question_in_the_runners_words_with_a_placeholder(
    runner_client: Client,
) -> None:
    html = runner_client.get(reverse("clinic:intake")).content.decode()
    assert f'placeholder="{QUESTION_PLACEHOLDER}"' in html
    assert QUESTION_PLACEHOLDER == "Why do my hips and lower back hurt after I run?"


def test_it_works_without_javascript_every_input_is_in_the_page(runner_client: Client) -> None:
    html = runner_client.get(reverse("clinic:intake")).content.decode()
    for key, region in REGIONS.items():
        assert f'<select name="pain_{key}"' in html
        assert f'for="id_pain_{key}">{region.label}</label>' in html
    for question in QUESTIONS:
        assert f'name="flag_{question.key}" value="yes"' in html
        assert f'name="flag_{question.key}" value="no"' in html
    for timing in ["during_runs", "after_runs", "next_morning", "at_rest", "at_night"]:
        assert f'value="{timing}"' in html
    for name in ["question", "pain_since", "years_running", "usual_weekly_km", "goal_race"]:
        assert f'name="{name}"' in html
        assert f'for="id_{name}"' in html


def test_it_draws_the_editable_pain_map_with_keyboard_buttons(runner_client: Client) -> None:
    html = runner_client.get(reverse("clinic:intake")).content.decode()
    assert 'role="button"' in html
    assert 'aria-label="Left buttock, pain 0 of 10"' in html
    assert "painmap.js" in html
    assert "left side is on the right of the picture" in html


def test_it_prefills_a_new_version_from_the_last_one_but_asks_red_flags_again(
    personas: Personas, runner_client: Client
) -> None:
    saved(personas)
    html = runner_client.get(reverse("clinic:intake")).content.decode()
    assert 'aria-label="Left knee, pain 3 of 10"' in html
    assert 'value="during_runs" id="id_timing_0" checked' in html
    assert "checked" not in html.split('name="flag_', 1)[1].split(">", 1)[0]


# --- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["11", "-1", "2.5", "lots"])
def test_it_refuses_a_score_outside_0_to_10_with_a_clear_message(
    bad: str, runner_client: Client
) -> None:
    response = runner_client.post(reverse("clinic:intake"), post_data(pain_knee_left=bad))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pain for left knee must be a whole number from 0 to 10." in html
    assert "Please check your answers" in html
    assert not Intake.objects.exists()


def test_it_keeps_what_was_typed_when_it_refuses(runner_client: Client) -> None:
    response = runner_client.post(
        reverse("clinic:intake"), post_data(pain_knee_left="12", goal_race="Autumn 10k")
    )
    html = response.content.decode()
    assert 'value="Autumn 10k"' in html
    assert 'aria-label="Left buttock, pain 6 of 10"' in html


def test_it_insists_on_an_answer_to_every_red_flag_question(runner_client: Client) -> None:
    data = post_data()
    del data["flag_saddle_numbness"]
    html = runner_client.post(reverse("clinic:intake"), data).content.decode()
    assert "Please answer yes or no." in html
    assert not Intake.objects.exists()


def test_it_refuses_a_date_in_the_future(runner_client: Client) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = runner_client.post(
        reverse("clinic:intake"), post_data(pain_since=tomorrow)
    ).content.decode()
    assert "The date can&#x27;t be in the future." in html
    assert not Intake.objects.exists()


def test_it_refuses_an_unknown_timing(runner_client: Client) -> None:
    runner_client.post(reverse("clinic:intake"), post_data(timing=["on_sundays"]))
    assert not Intake.objects.exists()


def test_it_refuses_a_bad_map_even_when_the_form_is_bypassed(personas: Personas) -> None:
    data = answers()
    data["pain_0_10"] = {"knee_left": 14}
    with pytest.raises(IntakeError, match="whole number from 0 to 10"):
        record_intake(personas.runner, personas.runner, data, NOW)


def test_it_refuses_an_intake_entered_by_a_stranger(personas: Personas) -> None:
    with pytest.raises(IntakeError):
        record_intake(personas.runner, personas.other_therapist, answers(), NOW)


# --- red flags --------------------------------------------------------------------------


def test_it_stops_everything_for_an_urgent_red_flag(
    personas: Personas, runner_client: Client
) -> None:
    response = runner_client.post(
        reverse("clinic:intake"), post_data({"bladder_bowel": "yes"}), follow=True
    )
    html = response.content.decode()
    intake = Intake.objects.get()
    assert intake.red_flag_level == "urgent"
    main = html.split('<main id="main"', 1)[1]
    alert = main.index('role="alert"')
    assert alert < main.index("<h2") < main.index("Where it hurts")
    assert "See a doctor today" in main[: alert + 600]
    assert "emergency department today" in html
    assert "new trouble passing urine" in html
    assert "Muscles that may be involved" not in html
    assert "piriformis" not in html


@pytest.mark.parametrize("key", ["cancer_history", "night_rest_pain", "age_new_pain"])
def test_it_refers_to_a_doctor_first_for_the_other_red_flags(
    key: str, runner_client: Client
) -> None:
    response = runner_client.post(reverse("clinic:intake"), post_data({key: "yes"}), follow=True)
    html = response.content.decode()
    assert Intake.objects.get().red_flag_level == "refer"
    assert 'role="alert"' in html
    assert "alert-refer" in html
    assert "See a doctor first" in html
    assert "before any treatment or more running advice" in html
    assert "Muscles that may be involved" not in html


def test_it_lets_urgent_win_when_both_kinds_are_yes(runner_client: Client) -> None:
    runner_client.post(
        reverse("clinic:intake"), post_data({"weight_loss": "yes", "both_legs": "yes"})
    )
    assert Intake.objects.get().red_flag_level == "urgent"


def test_it_shows_the_therapist_what_her_client_was_told(
    personas: Personas, therapist_client: Client
) -> None:
    intake = saved(personas, saddle_numbness=True)
    html = therapist_client.get(reverse("clinic:intake_result", args=[intake.pk])).content
    text = html.decode()
    assert "Rita Runner: See a doctor today" in text
    assert "What runcare told Rita Runner" in text


def test_it_flags_the_client_through_the_latest_intake(personas: Personas) -> None:
    saved(personas)
    saved(personas, fever_unwell=True)
    latest = Intake.objects.latest_per_runner().get(runner=personas.runner)
    assert latest.red_flag_level == "refer"


def test_it_never_takes_the_red_flag_level_from_the_caller(personas: Personas) -> None:
    data = answers(both_legs=True)
    data["red_flag_level"] = "none"
    assert record_intake(personas.runner, personas.runner, data, NOW).red_flag_level == "urgent"


# --- versions ---------------------------------------------------------------------------


def test_it_adds_a_version_per_submission_and_keeps_the_old_ones(
    personas: Personas, runner_client: Client, therapist_client: Client
) -> None:
    runner_client.post(reverse("clinic:intake"), post_data())
    therapist_client.post(
        reverse("clinic:intake_for", args=[personas.runner.pk]),
        post_data(pain_buttock_left="2"),
    )
    runner_client.post(reverse("clinic:intake"), post_data({"trauma": "yes"}))
    versions = list(Intake.objects.filter(runner=personas.runner).order_by("version"))
    assert [v.version for v in versions] == [1, 2, 3]
    assert [v.is_latest for v in versions] == [False, False, True]
    assert versions[0].pain_0_10["buttock_left"] == 6
    assert versions[1].pain_0_10["buttock_left"] == 2
    assert versions[1].entered_by == personas.therapist


def test_it_lists_the_history_on_the_intake_page(
    personas: Personas, runner_client: Client, therapist_client: Client
) -> None:
    first = saved(personas)
    second = saved(personas, worsening=True)
    for client, url in [
        (runner_client, reverse("clinic:intake")),
        (therapist_client, reverse("clinic:intake_for", args=[personas.runner.pk])),
    ]:
        html = client.get(url).content.decode()
        assert reverse("clinic:intake_result", args=[first.pk]) in html
        assert reverse("clinic:intake_result", args=[second.pk]) in html
        assert html.index("Version 2") < html.index("Version 1")
        assert "See a doctor first" in html


def test_it_marks_an_older_version_as_superseded(personas: Personas, runner_client: Client) -> None:
    first = saved(personas)
    saved(personas)
    html = runner_client.get(reverse("clinic:intake_result", args=[first.pk])).content.decode()
    assert "Version 1 of 2" in html
    assert "There are newer answers." in html
