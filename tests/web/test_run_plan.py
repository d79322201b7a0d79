"""The run plan on the web: settings, pain after runs, the plan page, dashboard and client page."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from runcare.web.accounts.models import Role
from runcare.web.clinic.models import Intake
from runcare.web.plan.models import PainReport, PlanChange, RunSettingsRow
from runcare.web.training.queries import load_report
from tests.web.conftest import Personas, make_user
from tests.web.helpers import add_intake, add_runs, spiky_runs, steady_runs, today

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("runplan:settings")
PAIN_URL = reverse("runplan:pain")


def plan_url(personas: Personas) -> str:
    return reverse("runplan:plan", args=[personas.runner.pk])


def planned(html: str) -> list[tuple[str, int]]:
    """(day, distance in m) of each planned run on a page, from its data attributes."""
    runs = []
    for chunk in html.split('class="plan-run" data-day="')[1:]:
        day, _, rest = chunk.partition('"')
        distance = rest.split('data-distance-m="', 1)[1].partition('"')[0]
        runs.append((day, int(distance)))
    return runs


@pytest.fixture
def trained(personas: Personas) -> Personas:
    add_runs(personas.runner, steady_runs(today()))
    add_intake(personas.runner)
    return personas


# --- who sees what ---------------------------------------------------------------------


def test_the_plan_page_is_the_runners_and_her_therapists_only(
    trained: Personas,
    runner_client: Client,
    therapist_client: Client,
    stranger_client: Client,
    other_therapist_client: Client,
) -> None:
    url = plan_url(trained)
    mine = runner_client.get(url)
    assert mine.status_code == 200 and planned(mine.content.decode())
    assert "no-store" in mine["Cache-Control"]
    hers = therapist_client.get(url)
    assert hers.status_code == 200
    assert "Rita Runner\u2019s run plan" in hers.content.decode()
    assert stranger_client.get(url).status_code == 404
    assert other_therapist_client.get(url).status_code == 404
    assert reverse("runplan:plan", args=[trained.therapist.pk]) != url
    assert (
        runner_client.get(reverse("runplan:plan", args=[trained.therapist.pk])).status_code == 404
    )


def test_anonymous_visitors_are_asked_to_log_in(client: Client, trained: Personas) -> None:
    for url in (SETTINGS_URL, PAIN_URL, plan_url(trained)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("url", [SETTINGS_URL, PAIN_URL])
def test_a_therapist_is_sent_to_her_own_start_page(therapist_client: Client, url: str) -> None:
    response = therapist_client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_a_runner_only_ever_writes_their_own_pain(
    trained: Personas, stranger_client: Client
) -> None:
    stranger_client.post(PAIN_URL, {"day": today().isoformat(), "during_0_10": "8"})
    assert not PainReport.objects.filter(runner=trained.runner).exists()
    assert PainReport.objects.filter(runner=trained.stranger).count() == 1


# --- the plan on the pages -------------------------------------------------------------


def test_the_dashboard_and_the_client_page_show_the_plan_and_progress(
    trained: Personas, runner_client: Client, therapist_client: Client
) -> None:
    dashboard = runner_client.get(reverse("training:dashboard")).content.decode()
    assert "Your next runs" in dashboard and planned(dashboard)
    assert 'class="chart"' in dashboard and "Progress: pain and distance" in dashboard
    detail = therapist_client.get(
        reverse("clinic:client_detail", args=[trained.runner.pk])
    ).content.decode()
    assert planned(detail) == planned(dashboard)
    assert "Progress: pain and distance" in detail


def test_a_red_flag_in_the_intake_means_no_plan(
    personas: Personas, runner_client: Client, therapist_client: Client
) -> None:
    add_runs(personas.runner, steady_runs(today()))
    add_intake(personas.runner, flags=["worsening"])
    page = runner_client.get(plan_url(personas)).content.decode()
    assert "see a doctor first" in page and not planned(page)
    detail = therapist_client.get(reverse("clinic:client_detail", args=[personas.runner.pk]))
    assert not planned(detail.content.decode())


def test_without_runs_the_plan_says_there_is_not_enough_data(
    personas: Personas, runner_client: Client
) -> None:
    page = runner_client.get(plan_url(personas)).content.decode()
    assert "No runs with a distance yet" in page


# --- pain after a run ------------------------------------------------------------------


def test_a_painful_run_steps_the_next_run_back_and_says_why(
    trained: Personas, runner_client: Client
) -> None:
    before = planned(runner_client.get(plan_url(trained)).content.decode())
    response = runner_client.post(
        PAIN_URL,
        {
            "day": today().isoformat(),
            "region": "hip_front_left",
            "during_0_10": "7",
            "after_0_10": "4",
        },
        follow=True,
    )
    page = response.content.decode()
    after = planned(page)
    assert after[0][0] == before[0][0] and after[0][1] < before[0][1]
    assert "What changed" in page and "shorter" in page and "above 5" in page
    assert "Achilles" in page
    change = PlanChange.objects.get(runner=trained.runner)
    assert change.cause == "pain after a run"


def test_the_next_morning_completes_the_same_entry(
    trained: Personas, runner_client: Client
) -> None:
    day = (today() - timedelta(days=1)).isoformat()
    runner_client.post(PAIN_URL, {"day": day, "during_0_10": "2", "after_0_10": "1"})
    runner_client.post(PAIN_URL, {"day": day, "next_morning_0_10": "3"})
    row = PainReport.objects.get(runner=trained.runner)
    assert (row.during_0_10, row.after_0_10, row.next_morning_0_10) == (2, 1, 3)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"day": "2020-13-40", "during_0_10": "3"}, "Enter a valid date"),
        ({"during_0_10": "3"}, "This field is required"),
        ({"day": "{tomorrow}", "during_0_10": "3"}, "cannot be after today"),
        ({"day": "{today}", "during_0_10": "11"}, "Select a valid choice"),
        ({"day": "{today}", "region": "elbow", "during_0_10": "3"}, "Select a valid choice"),
        ({"day": "{today}"}, "at least one pain score"),
    ],
)
def test_bad_pain_input_is_refused_and_nothing_is_saved(
    trained: Personas, runner_client: Client, data: dict[str, str], message: str
) -> None:
    filled = {
        k: v.format(today=today().isoformat(), tomorrow=(today() + timedelta(days=1)).isoformat())
        for k, v in data.items()
    }
    response = runner_client.post(PAIN_URL, filled)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PainReport.objects.exists() and not PlanChange.objects.exists()


def test_a_red_flag_answer_sends_the_runner_to_see_a_doctor_first(
    trained: Personas, runner_client: Client
) -> None:
    response = runner_client.post(
        PAIN_URL, {"day": today().isoformat(), "during_0_10": "3", "flag_night_rest_pain": "on"}
    )
    latest = Intake.objects.get(runner=trained.runner, is_latest=True)
    assert response["Location"] == reverse("clinic:intake_result", args=[latest.pk])
    assert latest.red_flag_level == "refer" and latest.pain_0_10 == {"hip_front_left": 4}
    page = runner_client.get(response["Location"]).content.decode()
    assert "See a doctor first" in page
    assert not planned(runner_client.get(plan_url(trained)).content.decode())


# --- settings ----------------------------------------------------------------------------


def test_settings_change_the_run_days(trained: Personas, runner_client: Client) -> None:
    response = runner_client.post(
        SETTINGS_URL,
        {
            "runs_per_week": "2",
            "weekdays": ["0", "4"],
            "weekly_rise_pct": "5",
            "weekly_goal_km": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    row = RunSettingsRow.objects.get(runner=trained.runner)
    assert row.weekdays == [0, 4] and row.runs_per_week == 2
    days = [date.fromisoformat(day) for day, _ in planned(response.content.decode())]
    assert days and {day.weekday() for day in days} == {0, 4}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"runs_per_week": "0", "weekdays": ["0"], "weekly_rise_pct": "10"},
            "greater than or equal to 1",
        ),
        ({"runs_per_week": "3", "weekly_rise_pct": "10"}, "This field is required"),
        (
            {"runs_per_week": "3", "weekdays": ["9"], "weekly_rise_pct": "10"},
            "Select a valid choice",
        ),
        (
            {"runs_per_week": "3", "weekdays": ["0"], "weekly_rise_pct": "45"},
            "less than or equal to 30",
        ),
    ],
)
def test_bad_settings_are_refused(
    trained: Personas, runner_client: Client, data: dict[str, object], message: str
) -> None:
    response = runner_client.post(SETTINGS_URL, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not RunSettingsRow.objects.exists()


# --- the therapist's list ------------------------------------------------------------------


def test_the_client_list_shows_the_pain_trend_without_a_query_per_client(
    personas: Personas, therapist_client: Client
) -> None:
    def count_queries() -> int:
        # The first view brings the new clients' stored summaries up to date (a write each).
        therapist_client.get(reverse("clinic:client_list"))
        with CaptureQueriesContext(connection) as queries:
            html = therapist_client.get(reverse("clinic:client_list")).content.decode()
        assert 'data-trend="' in html
        return len(queries)

    add_runs(personas.runner, spiky_runs(today()))
    PainReport.objects.create(
        runner=personas.runner,
        day=today() - timedelta(days=20),
        during_0_10=6,
        created_at=_now(),
        updated_at=_now(),
    )
    PainReport.objects.create(
        runner=personas.runner,
        day=today() - timedelta(days=2),
        during_0_10=2,
        created_at=_now(),
        updated_at=_now(),
    )
    one = count_queries()
    html = therapist_client.get(reverse("clinic:client_list")).content.decode()
    assert 'data-trend="better"' in html
    for n in range(4):
        extra = make_user(f"extra_{n}", Role.RUNNER, personas.therapist)
        add_runs(extra, steady_runs(today()))
        PainReport.objects.create(
            runner=extra, day=today(), during_0_10=n, created_at=_now(), updated_at=_now()
        )
    assert count_queries() == one


def _now() -> datetime:
    return timezone.now()


# --- the demo ------------------------------------------------------------------------------


def test_the_demo_runner_has_settings_pain_and_a_plan_that_moved() -> None:
    from runcare.web import demo
    from runcare.web.accounts.models import User
    from runcare.web.plan.services import plan_context

    now = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
    demo.seed_demo(now)
    mia = User.objects.get(username=demo.TOO_MUCH)
    assert RunSettingsRow.objects.get(runner=mia).weekdays == [1, 3, 6]
    assert PainReport.objects.filter(runner=mia).count() == 6
    assert PlanChange.objects.filter(runner=mia, cause="pain after a run").exists()
    context = plan_context(mia, now, load_report(mia, now))
    assert context["plan"].status == "plan" and context["plan"].runs
    assert any(week.pain_0_10 for week in context["progress"].weeks)
    counts = (PainReport.objects.count(), PlanChange.objects.count())
    demo.seed_demo(now + timedelta(hours=1))
    assert (PainReport.objects.count(), PlanChange.objects.count()) == counts
