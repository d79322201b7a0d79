"""The therapist builds a client's home program: add an exercise (with her dose), remove
one, move one up or down, write her notes. Every change saves a new version; the runner
sees the newest."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runcare.web.accounts.decorators import therapist_required, visible_runner
from runcare.web.accounts.models import User
from runcare.web.care import audit
from runcare.web.care.models import AuditAction
from runcare.web.care.queries import viewer
from runcare.web.exercises.forms import AddItemForm, EditItemForm, NotesForm
from runcare.web.exercises.models import ProgramVersion
from runcare.web.exercises.queries import current_version, library_for, program_view
from runcare.web.exercises.services import dose_values, item_of, moved, save_version


def _context(runner: User, current: ProgramVersion | None) -> dict[str, object]:
    return {
        "runner": runner,
        "current": program_view(current) if current else None,
        "history": ProgramVersion.objects.filter(runner=runner).select_related("therapist"),
    }


@never_cache
@therapist_required
@require_GET
def program_detail(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    current = current_version(runner)
    if current is not None:
        pk = current.pk
        audit.record(
            viewer(request), runner, AuditAction.VIEW, "home program", pk, now=timezone.now()
        )
    context = {
        **_context(runner, current),
        "add_form": AddItemForm(library=library_for(viewer(request))),
        "notes_form": NotesForm(initial={"notes": current.notes if current else ""}),
    }
    return render(request, "exercises/program_detail.html", context)


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    form = AddItemForm(request.POST or None, library=library_for(viewer(request)))
    if request.method == "POST" and form.is_valid() and form.cleaned_data.get("dose"):
        current = current_version(runner)
        items = [
            *(current.items if current else []),
            item_of(form.cleaned_data["exercise"], form.cleaned_data["dose"]),
        ]
        notes = current.notes if current else ""
        save_version(runner, viewer(request), items, notes, timezone.now())
        messages.success(request, f"Added {form.cleaned_data['exercise'].name}.")
        return redirect("exercises:program_detail", runner_id=runner.pk)
    return render(request, "exercises/item_add.html", {"runner": runner, "form": form})


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, runner_id: int, index: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    current = current_version(runner)
    view = program_view(current) if current else None
    item = next((i for i in view.items if i.index == index), None) if view else None
    if current is None or item is None:
        raise Http404
    initial = dose_values(item.dose)
    form = EditItemForm(request.POST or None, default=item.dose, initial=initial)
    if request.method == "POST" and form.is_valid() and form.cleaned_data.get("dose"):
        items = list(current.items)
        items[index] = item_of(item.exercise, form.cleaned_data["dose"])
        save_version(runner, viewer(request), items, current.notes, timezone.now())
        messages.success(request, f"New dose for {item.exercise.name} saved.")
        return redirect("exercises:program_detail", runner_id=runner.pk)
    context = {"runner": runner, "form": form, "item": item}
    return render(request, "exercises/item_edit.html", context)


@never_cache
@therapist_required
@require_POST
def item_remove(request: HttpRequest, runner_id: int, index: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    current = current_version(runner)
    if current is None or not 0 <= index < len(current.items):
        raise Http404
    items = [item for i, item in enumerate(current.items) if i != index]
    save_version(runner, viewer(request), items, current.notes, timezone.now())
    messages.success(request, "Removed. The earlier version is kept in the history.")
    return redirect("exercises:program_detail", runner_id=runner.pk)


MOVES = {"up": -1, "down": 1}


@never_cache
@therapist_required
@require_POST
def item_move(request: HttpRequest, runner_id: int, index: int) -> HttpResponse:
    """Swap an exercise with the one above or below it; the runner does them in this order."""
    runner = visible_runner(request, runner_id)
    current = current_version(runner)
    step = MOVES.get(str(request.POST.get("direction", "")))
    if current is None or step is None or not 0 <= index < len(current.items):
        raise Http404
    # The page names the version it showed: a move made on an older page would move
    # whichever exercise sits at that place now.
    if request.POST.get("version") != str(current.number):
        messages.error(request, "The program changed since this page was opened. Nothing moved.")
        return redirect("exercises:program_detail", runner_id=runner.pk)
    items = moved(current.items, index, step)
    if items == current.items:
        messages.info(request, "It is already there. Nothing moved.")
    else:
        save_version(runner, viewer(request), items, current.notes, timezone.now())
        messages.success(request, "Moved. The earlier order is kept in the history.")
    return redirect("exercises:program_detail", runner_id=runner.pk)


@never_cache
@therapist_required
@require_POST
def notes_edit(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    form = NotesForm(request.POST)
    current = current_version(runner)
    if not form.is_valid():
        context = {**_context(runner, current), "notes_form": form, "add_form": None}
        return render(request, "exercises/program_detail.html", context, status=400)
    items = current.items if current else []
    save_version(runner, viewer(request), items, form.cleaned_data["notes"], timezone.now())
    messages.success(request, "Notes saved.")
    return redirect("exercises:program_detail", runner_id=runner.pk)
