"""The runner's run settings, pain after a run, and the plan-and-progress page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from runcare.web.accounts.decorators import runner_page, visible_runner
from runcare.web.accounts.models import User
from runcare.web.plan import services
from runcare.web.plan.forms import PainForm, RunSettingsForm
from runcare.web.training.queries import load_report, runner_today


def _runner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@never_cache
@runner_page
@require_http_methods(["GET", "POST"])
def run_settings(request: HttpRequest) -> HttpResponse:
    runner = _runner(request)
    if request.method == "POST":
        form = RunSettingsForm(request.POST)
        if form.is_valid():
            services.save_settings(runner, form.cleaned_data["settings"], timezone.now())
            messages.success(request, "Run settings saved; your plan now follows them.")
            return redirect("runplan:plan", runner_id=runner.pk)
    else:
        current = services.run_settings(runner)
        goal = current.weekly_goal_m
        form = RunSettingsForm(
            initial={
                "runs_per_week": current.runs_per_week,
                "weekdays": [str(d) for d in sorted(current.weekdays)],
                "weekly_goal_km": None if goal is None else round(goal / 1000, 1),
                "weekly_rise_pct": current.weekly_rise_pct,
                "run_walk": current.run_walk,
            }
        )
    return render(request, "plan/settings.html", {"form": form})


@never_cache
@runner_page
@require_http_methods(["GET", "POST"])
def pain(request: HttpRequest) -> HttpResponse:
    runner = _runner(request)
    now = timezone.now()
    today = runner_today(runner, now)
    form = PainForm(request.POST or None, today=today, initial={"day": today})
    if request.method == "POST" and form.is_valid():
        answers = form.red_flags()
        if any(answers.values()):
            intake = services.record_red_flag(runner, answers, now)
            return redirect("clinic:intake_result", intake_id=intake.pk)
        change = services.record_pain(runner, form.cleaned_data, now)
        said = "Pain saved." + (" Your plan changed: see below." if change else "")
        messages.success(request, said)
        return redirect("runplan:plan", runner_id=runner.pk)
    return render(request, "plan/pain.html", {"form": form})


@never_cache
@login_required
@require_GET
def plan_page(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    now = timezone.now()
    report = load_report(runner, now)
    viewer = _runner(request)
    context = {
        "runner": runner,
        "viewer_is_runner": viewer.pk == runner.pk,
        **services.plan_context(runner, now, report),
    }
    return render(request, "plan/plan.html", context)
