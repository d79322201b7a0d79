"""The library a therapist prescribes from: the shipped exercises and her own, which she
adds, changes and deletes (only while no client was ever prescribed it)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from runcare.web.accounts.decorators import therapist_required
from runcare.web.care.queries import viewer
from runcare.web.exercises.forms import OwnExerciseForm
from runcare.web.exercises.models import LibraryExercise
from runcare.web.exercises.queries import library_for
from runcare.web.exercises.services import (
    clients_prescribed,
    create_own_exercise,
    delete_own_exercise,
    dose_values,
    update_own_exercise,
)


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


def _own(request: HttpRequest, exercise_id: int) -> LibraryExercise:
    """The logged-in therapist's own exercise; a shipped one or another's is 404."""
    return get_object_or_404(LibraryExercise, pk=exercise_id, therapist=viewer(request))


def _initial(exercise: LibraryExercise) -> dict[str, object]:
    return {
        "name": exercise.name,
        "technique": exercise.technique,
        "steps": "\n".join(exercise.steps),
        "cautions": "\n".join(exercise.cautions),
        "hold_cue": exercise.hold_cue,
        "limb": exercise.limb,
        **dose_values(exercise.dose),
    }


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def exercise_edit(request: HttpRequest, exercise_id: int) -> HttpResponse:
    exercise = _own(request, exercise_id)
    form = OwnExerciseForm(request.POST or None, initial=_initial(exercise))
    if request.method == "POST" and form.is_valid() and form.cleaned_data.get("dose"):
        update_own_exercise(exercise, form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['name'].strip()} is saved.")
        return redirect("exercises:library_list")
    context = {"form": form, "exercise": exercise, "clients": clients_prescribed(exercise)}
    return render(request, "exercises/exercise_edit.html", context)


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def exercise_delete(request: HttpRequest, exercise_id: int) -> HttpResponse:
    exercise = _own(request, exercise_id)
    if request.method == "POST":
        name = exercise.name
        if not delete_own_exercise(exercise):
            messages.success(request, f"{name} is deleted from your library.")
            return redirect("exercises:library_list")
    context = {"exercise": exercise, "clients": clients_prescribed(exercise)}
    status = 409 if request.method == "POST" else 200
    return render(request, "exercises/exercise_delete.html", context, status=status)
