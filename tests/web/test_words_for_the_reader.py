"""Pages written to the person reading them: the therapist reads about her client, the runner
about herself; numbers and dates as people write them."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from runcare.care.redflags import CLIENT_OUTCOMES, OUTCOMES, QUESTIONS
from runcare.web.clinic.services import record_intake
from tests.web.conftest import Personas
from tests.web.helpers import add_intake, add_runs, today

SECOND_PERSON = re.compile(r"\b(you|your|yours)\b", re.IGNORECASE)


def red_flag_box(html: str) -> str:
    found = re.search(r'<section class="redflag-alert.*?</section>', html, re.DOTALL)
    assert found, "no red-flag box"
    return found.group(0)


def doctor_first_callout(html: str) -> str:
    found = re.search(r'id="explanation".*?<p class="callout">(.*?)</p>', html, re.DOTALL)
    assert found, "no doctor-first explanation"
    return found.group(1)


def test_the_therapist_reads_about_her_client_not_to_you(
    personas: Personas, therapist_client: Client, runner_client: Client
) -> None:
    add_intake(personas.runner, flags=[QUESTIONS[0].key])
    page = therapist_client.get(reverse("clinic:client_detail", args=[personas.runner.pk]))
    html = page.content.decode()
    box = red_flag_box(html)
    level = re.search(r'data-red-flag="(\w+)"', box)
    assert level
    assert escape(CLIENT_OUTCOMES[level.group(1)].message) in box  # type: ignore[index]
    assert personas.runner.name in box
    # The questions are quoted as she was asked them; every other word is about her.
    words = re.sub(r"<ul>.*?</ul>", " ", box, flags=re.DOTALL)
    assert not SECOND_PERSON.search(re.sub(r"<[^>]+>", " ", words)), words
    callout = doctor_first_callout(html)
    assert not SECOND_PERSON.search(re.sub(r"<[^>]+>", " ", callout)), callout
    # The runner herself still reads "you".
    mine = runner_client.get(reverse("training:dashboard")).content.decode()
    assert escape(OUTCOMES[level.group(1)].message) in red_flag_box(mine)  # type: ignore[index]
    assert escape(OUTCOMES[level.group(1)].message) in doctor_first_callout(mine)  # type: ignore[index]


def test_a_clear_screen_reads_about_the_client(
    personas: Personas, therapist_client: Client
) -> None:
    add_intake(personas.runner)
    html = therapist_client.get(
        reverse("clinic:client_detail", args=[personas.runner.pk])
    ).content.decode()
    clear = html[html.index('class="redflag-clear"') :]
    clear = clear[: clear.index("</p>", clear.index('class="source"'))]
    assert f"No warning signs in {personas.runner.name}\u2019s answers" in clear
    assert not SECOND_PERSON.search(re.sub(r"<[^>]+>", " ", clear)), clear


def test_the_client_page_starts_with_the_client_name(
    personas: Personas, therapist_client: Client
) -> None:
    add_intake(personas.runner, flags=[QUESTIONS[0].key])
    html = therapist_client.get(
        reverse("clinic:client_detail", args=[personas.runner.pk])
    ).content.decode()
    main = html[html.index('<main id="main"') :]
    assert main.index(f"<h1>{personas.runner.name}</h1>") < main.index("redflag-alert")


def test_the_client_list_shows_the_last_run_and_no_green_none(
    personas: Personas, therapist_client: Client
) -> None:
    add_intake(personas.runner)
    last = today() - timedelta(days=3)
    add_runs(personas.runner, [(last - timedelta(days=7), 8.0), (last, 10.0)])
    html = therapist_client.get(reverse("clinic:client_list")).content.decode()
    row = html[html.index('data-client="rita_runner"') :]
    row = row[: row.index("</tr>")]
    assert "No red flag" in row
    assert ">None<" not in row
    assert "badge-ok" not in row.split('data-label="Red flag"')[1].split("</td>")[0]
    assert f'data-label="Last run"><time datetime="{last:%Y-%m-%d}' in row


def test_the_client_list_sorts_by_the_last_run(
    personas: Personas, therapist_client: Client
) -> None:
    from tests.web.conftest import make_user

    early = make_user("ada_early", "runner", personas.therapist)
    add_runs(early, [(today() - timedelta(days=20), 5.0)])
    add_runs(personas.runner, [(today() - timedelta(days=2), 5.0)])
    html = therapist_client.get(reverse("clinic:client_list") + "?sort=run").content.decode()
    assert html.index('data-client="rita_runner"') < html.index('data-client="ada_early"')


def test_the_intake_shows_years_and_kilometres_as_people_write_them(
    personas: Personas, runner_client: Client
) -> None:
    data = {
        "question": "Why?",
        "pain_0_10": {"hip_front_left": 3},
        "timing": ["after_runs"],
        "red_flags": {q.key: False for q in QUESTIONS},
        "years_running": Decimal("3"),
        "usual_weekly_km": Decimal("30.0"),
    }
    intake = record_intake(personas.runner, personas.runner, data, timezone.now())
    html = runner_client.get(reverse("clinic:intake_result", args=[intake.pk])).content.decode()
    assert "3 years" in html
    assert "30 km" in html
    assert "3.0" not in html
    assert "30.0" not in html
