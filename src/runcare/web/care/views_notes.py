"""A session note: read it, edit it until it is signed, sign it, add dated addenda."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runcare.web.accounts.decorators import therapist_required
from runcare.web.care import audit
from runcare.web.care.forms import AddendumForm, NoteForm, SignForm, note_initial
from runcare.web.care.models import AuditAction, NoteLockedError, SessionNote
from runcare.web.care.presenting import pain_list, step_view
from runcare.web.care.queries import viewer, visible_note
from runcare.web.care.services import StaleNoteError, add_addendum, sign_note, update_note
from runcare.web.training.queries import runner_today


@never_cache
@therapist_required
@require_GET
def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = visible_note(request, pk)
    audit.record(
        viewer(request), note.runner, AuditAction.VIEW, "session note", note.pk, now=timezone.now()
    )
    return render(request, "care/note_detail.html", _note_context(note))


def _note_context(note: SessionNote) -> dict[str, object]:
    return {
        "note": note,
        "runner": note.runner,
        "given": [
            (item["done"], step_view(index, item["step"])) for index, item in enumerate(note.given)
        ],
        "pain_before": pain_list(note.pain_before),
        "pain_after": pain_list(note.pain_after),
        "addenda": list(note.addenda.all()),
        "sign_form": SignForm(initial={"version": note.version}),
        "addendum_form": AddendumForm(),
    }


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = visible_note(request, pk)
    user = viewer(request)
    now = timezone.now()
    if note.is_signed:
        messages.error(request, "This note is signed; add an addendum instead.")
        return redirect("care:note_detail", pk=note.pk)
    form = NoteForm(
        request.POST or None,
        initial=note_initial(note),
        given=note.given,
        today=runner_today(note.runner, now),
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_note(note, user, form.cleaned_data["version"], form.changes(), now)
        except (NoteLockedError, StaleNoteError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Note saved. Sign it when it is complete.")
        return redirect("care:note_detail", pk=note.pk)
    if request.method == "GET":
        audit.record(user, note.runner, AuditAction.VIEW, "session note", note.pk, now=now)
    return render(
        request, "care/note_form.html", {"note": note, "runner": note.runner, "form": form}
    )


@never_cache
@therapist_required
@require_POST
def note_sign(request: HttpRequest, pk: int) -> HttpResponse:
    note = visible_note(request, pk)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Reload the note and sign again.")
        return redirect("care:note_detail", pk=note.pk)
    try:
        sign_note(note, viewer(request), form.cleaned_data["version"], timezone.now())
    except (NoteLockedError, StaleNoteError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Signed. The note is locked; later changes are addenda.")
    return redirect("care:note_detail", pk=note.pk)


@never_cache
@therapist_required
@require_POST
def addendum_add(request: HttpRequest, pk: int) -> HttpResponse:
    note = visible_note(request, pk)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            add_addendum(note, viewer(request), form.cleaned_data["text"], timezone.now())
        except StaleNoteError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Addendum added.")
    else:
        messages.error(
            request, "; ".join(str(e) for e in form.errors.get("text", ["Write the addendum."]))
        )
    return redirect("care:note_detail", pk=note.pk)
