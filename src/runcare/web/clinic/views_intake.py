"""The intake: a runner answers for themself, a therapist for her client, and the result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from runcare.body import Muscle, catalogue
from runcare.body.painmap import render_painmap
from runcare.body.regions import REGIONS, muscle_keys_for
from runcare.care.intake import TIMINGS
from runcare.care.redflags import OUTCOMES, QUESTIONS_BY_KEY, SOURCE, screen
from runcare.web.accounts.decorators import runner_page, therapist_required, visible_runner
from runcare.web.accounts.models import User
from runcare.web.body.figures import painmap_credit
from runcare.web.clinic.forms import IntakeForm, pain_field_name
from runcare.web.clinic.models import Intake
from runcare.web.clinic.services import history, initial_from, record_intake


def _viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


@runner_page
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    runner = _viewer(request)
    if not runner.is_runner:
        raise Http404
    return _intake_page(request, runner, entered_by=runner)


@therapist_required
@require_http_methods(["GET", "POST"])
def intake_for_client(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    return _intake_page(request, runner, entered_by=_viewer(request))


def _intake_page(request: HttpRequest, runner: User, *, entered_by: User) -> HttpResponse:
    now = timezone.now()
    versions = history(runner)
    latest = versions[0] if versions else None
    form = IntakeForm(
        request.POST or None, today=timezone.localdate(now), initial=initial_from(latest)
    )
    if request.method == "POST" and form.is_valid():
        saved = record_intake(runner, entered_by, form.answers(), now)
        return redirect("clinic:intake_result", intake_id=saved.pk)
    context = {
        "form": form,
        "runner": runner,
        "for_client": entered_by.pk != runner.pk,
        "painmap": mark_safe(  # noqa: S308 - built from escaped, validated parts
            render_painmap(_shown_scores(form), editable=True, credit=painmap_credit(request))
        ),
        "versions": versions,
    }
    return render(request, "clinic/intake_form.html", context)


def _shown_scores(form: IntakeForm) -> dict[str, int]:
    """The scores the drawing should show: what was posted if it is valid, else the defaults."""
    scores: dict[str, int] = {}
    for key in REGIONS:
        name = pain_field_name(key)
        raw = form.data.get(name) if form.is_bound else form.initial.get(name)
        try:
            score = int(raw) if raw not in (None, "") else 0
        except (TypeError, ValueError):
            score = 0
        scores[key] = score if 0 <= score <= 10 else 0
    return scores


@login_required
@require_GET
def intake_result(request: HttpRequest, intake_id: int) -> HttpResponse:
    viewer = _viewer(request)
    saved = get_object_or_404(Intake.objects.select_related("runner", "entered_by"), pk=intake_id)
    if not viewer.can_see(saved.runner):
        raise Http404
    # The stored level is what was recorded; the flagged questions are re-read from the
    # stored answers, skipping any key a later release may have retired.
    answers = {k: bool(v) for k, v in saved.red_flags.items() if k in QUESTIONS_BY_KEY}
    flagged = screen(answers).flagged
    stops_advice = saved.red_flag_level != "none"
    scores = {k: int(v) for k, v in saved.pain_0_10.items() if k in REGIONS}
    context = {
        "intake": saved,
        "runner": saved.runner,
        "viewer_is_runner": viewer.pk == saved.runner.pk,
        "outcome": OUTCOMES[saved.red_flag_level],  # type: ignore[index]
        "flagged": flagged,
        "stops_advice": stops_advice,
        "source": SOURCE,
        "timing": [TIMINGS[t] for t in saved.timing if t in TIMINGS],
        "muscles": () if stops_advice else _muscles(scores),
        "muscle_keys": () if stops_advice else muscle_keys_for(scores),
        "version_count": Intake.objects.filter(runner=saved.runner).count(),
    }
    return render(request, "clinic/intake_result.html", context)


def _muscles(scores: dict[str, int]) -> list[Muscle]:
    """The muscles that may be involved where it hurts, each linking to its page."""
    muscles = catalogue().muscles
    return [muscles[key] for key in muscle_keys_for(scores)]
