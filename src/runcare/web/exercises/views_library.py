"""The library a therapist prescribes from: the shipped exercises and her own."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from runcare.web.accounts.decorators import therapist_required
from runcare.web.care.queries import viewer
from runcare.web.exercises.forms import OwnExerciseForm
from runcare.web.exercises.queries import library_for
from runcare.web.exercises.services import create_own_exercise


@never_cache
@therapist_required
@require_GET
def library_list(request: HttpRequest) -> HttpResponse:
    exercises = library_for(viewer(request))
    return render(request, "exercises/library_list.html", {"exercises": exercises})


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def exercise_new(request: HttpRequest) -> HttpResponse:
    form = OwnExerciseForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data.get("dose"):
        exercise = create_own_exercise(viewer(request), form.cleaned_data)
        messages.success(request, f"{exercise.name} is in your library.")
        return redirect("exercises:library_list")
    return render(request, "exercises/exercise_new.html", {"form": form})
