"""Booking pages: the therapist's hours and diary, picking a time, one appointment, moving
and cancelling. Each view checks who may see what and calls ``services``; the rules are
``runcare.booking``'s."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runcare.booking import Hours, Slot, format_ranges
from runcare.web.accounts.decorators import runner_page, therapist_required, visible_runner
from runcare.web.accounts.models import User
from runcare.web.booking import services
from runcare.web.booking.forms import BookingSettingsForm, OwnTimeForm, SlotForm
from runcare.web.booking.models import Appointment, OpeningHours
from runcare.web.care.models import SessionNote
from runcare.web.clinic.queries import latest_intake, red_flag_context

# The slot list shows one week at a time of the four weeks offered.
WEEKS_OFFERED = 4


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def hours(request: HttpRequest) -> HttpResponse:
    therapist = _user(request)
    row = services.read_settings(therapist)
    if request.method == "POST":
        form = BookingSettingsForm(request.POST)
        if form.is_valid():
            _save_settings(therapist, form.cleaned_data)
            messages.success(request, "Opening hours and booking settings saved.")
            return redirect("booking:diary")
    else:
        by_day: dict[int, list[Hours]] = defaultdict(list)
        for item in services.hours_of(therapist):
            by_day[item.weekday].append(item)
        form = BookingSettingsForm(
            initial={
                "lengths": ", ".join(str(m) for m in row.lengths()),
                "cutoff_h": row.cutoff_h,
                "runners_may_book": row.runners_may_book,
                **{f"day_{d}": format_ranges(by_day[d]) for d in range(7)},
            }
        )
    return render(request, "booking/hours.html", {"form": form, "zone": therapist.zone})


def _save_settings(therapist: User, data: dict[str, Any]) -> None:
    with transaction.atomic():
        row = services.settings_for(therapist)
        row.session_lengths_min = data["lengths"]
        row.cutoff_h = data["cutoff_h"]
        row.runners_may_book = data["runners_may_book"]
        row.save()
        OpeningHours.objects.filter(therapist=therapist).delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(therapist=therapist, weekday=h.weekday, start=h.start, end=h.end)
            for h in data["hours"]
        )


@never_cache
@therapist_required
@require_GET
def diary(request: HttpRequest) -> HttpResponse:
    therapist = _user(request)
    now = timezone.now()
    context = {
        "appointments": services.upcoming(now=now, therapist=therapist),
        "has_hours": OpeningHours.objects.filter(therapist=therapist).exists(),
    }
    return render(request, "booking/diary.html", context)


@never_cache
@runner_page
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    runner = _user(request)
    now = timezone.now()
    therapist = runner.therapist
    context = {
        "appointments": services.upcoming(now=now, runner=runner),
        "may_book": therapist is not None and services.read_settings(therapist).runners_may_book,
        "therapist": therapist,
    }
    return render(request, "booking/mine.html", context)


def _days(slots: list[Slot], first: date, last: date) -> list[tuple[date, list[datetime]]]:
    """The slots' local starts (the viewer's zone) grouped by day, from ``first`` to ``last``."""
    grouped: dict[date, list[datetime]] = defaultdict(list)
    for slot in slots:
        start = timezone.localtime(slot.start_utc)
        if first <= start.date() <= last:
            grouped[start.date()].append(start)
    return sorted(grouped.items())


def _week(request: HttpRequest) -> int:
    try:
        week = int(request.GET.get("week", "0"))
    except ValueError:
        week = 0
    return min(max(week, 0), WEEKS_OFFERED - 1)


def _length(request: HttpRequest) -> int | None:
    raw = request.GET.get("length", "") or request.POST.get("length", "")
    return int(raw) if raw.isdigit() else None


def _pick_context(
    request: HttpRequest, runner: User, offer: services.Offer, *, action: str, now: datetime
) -> dict[str, Any]:
    week = _week(request)
    first = timezone.localdate(now) + timedelta(days=7 * week)
    return {
        "runner": runner,
        "offer": offer,
        "days": _days(offer.slots, first, first + timedelta(days=6)),
        "week": week,
        "weeks": range(WEEKS_OFFERED),
        "action": action,
        "first_day": first,
        "last_day": first + timedelta(days=6),
    }


def _note_for(request: HttpRequest, runner: User, viewer: User) -> SessionNote | None:
    """The session note the booking starts from (``?note=``), the therapist's only."""
    raw = request.GET.get("note", "") or request.POST.get("note", "")
    if not raw.isdigit() or not viewer.is_therapist:
        return None
    return get_object_or_404(SessionNote, pk=int(raw), runner=runner)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    viewer = _user(request)
    if runner.therapist is None:
        raise Http404
    now = timezone.now()
    note = _note_for(request, runner, viewer)
    settings = services.read_settings(runner.therapist)
    own_form = OwnTimeForm(lengths=settings.lengths(), initial={"day": timezone.localdate(now)})
    if request.method == "POST":
        start = _chosen_start(request, viewer, own_form_lengths=settings.lengths())
        if isinstance(start, OwnTimeForm):
            own_form = start
        elif start is not None:
            try:
                appointment = services.book(
                    runner, start[0], start[1], viewer, now=now, session_note=note
                )
            except services.BookingRefusedError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, "Booked.")
                return redirect("booking:appointment", appointment_id=appointment.pk)
        else:
            messages.error(request, "Choose a time from the list.")
    offer = services.offer(runner, viewer, _length(request), now)
    context = _pick_context(request, runner, offer, action=request.path, now=now)
    intake = latest_intake(runner)
    # Red flags first: an open one is shown above the free times, to both of them.
    context.update({"intake": intake, **red_flag_context(intake)})
    context.update(
        {
            "title": f"Book a session for {runner.name}"
            if viewer.is_therapist
            else "Book your next session",
            "own_form": own_form if viewer.is_therapist else None,
            "note": note,
            "closed_to_runner": viewer.is_runner and not settings.runners_may_book,
        }
    )
    return render(request, "booking/pick.html", context)


def _chosen_start(
    request: HttpRequest, viewer: User, *, own_form_lengths: list[int]
) -> tuple[datetime, int] | OwnTimeForm | None:
    """The start and length a POST chose: a listed slot, or (the therapist's) own time. An
    own-time form with errors is handed back to be shown."""
    if "at" in request.POST and viewer.is_therapist:
        form = OwnTimeForm(request.POST, lengths=own_form_lengths)
        if not form.is_valid():
            return form
        return form.start_utc(viewer.zone), form.cleaned_data["length"]
    slot = SlotForm(request.POST)
    if not slot.is_valid():
        return None
    return slot.start_utc(), slot.cleaned_data["length"]


def _visible_appointment(request: HttpRequest, appointment_id: int) -> Appointment:
    """The appointment if the viewer is its runner or its therapist; 404 for anyone else."""
    appointment = get_object_or_404(
        Appointment.objects.select_related("runner", "therapist"), pk=appointment_id
    )
    viewer = _user(request)
    if viewer.pk not in (appointment.runner_id, appointment.therapist_id):
        raise Http404
    # An appointment with a therapist the runner has since left is hers to see no more.
    if not viewer.can_see(appointment.runner) or (
        appointment.runner.therapist_id != appointment.therapist_id
    ):
        raise Http404
    return appointment


@never_cache
@login_required
@require_GET
def appointment_page(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = _visible_appointment(request, appointment_id)
    viewer = _user(request)
    now = timezone.now()
    context = {
        "appointment": appointment,
        "is_over": appointment.end_utc <= now,
        "has_begun": appointment.start_utc <= now,
        "can_change": services.can_change(appointment, viewer, now),
        "cutoff_h": services.read_settings(appointment.therapist).cutoff_h,
    }
    return render(request, "booking/appointment.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, appointment_id: int) -> HttpResponseBase:
    appointment = _visible_appointment(request, appointment_id)
    viewer = _user(request)
    now = timezone.now()
    why = services.why_not_change(appointment, viewer, now)
    if why is not None:
        messages.error(request, why.value)
        return redirect("booking:appointment", appointment_id=appointment.pk)
    if request.method == "POST":
        slot = SlotForm(request.POST)
        if slot.is_valid():
            try:
                services.move(
                    appointment, slot.start_utc(), slot.cleaned_data["length"], viewer, now
                )
            except services.BookingRefusedError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, "Moved.")
                return redirect("booking:appointment", appointment_id=appointment.pk)
        else:
            messages.error(request, "Choose a time from the list.")
    offer = services.offer(
        appointment.runner,
        viewer,
        _length(request) or appointment.length_min,
        now,
        leave_out=appointment.pk,
    )
    context = _pick_context(request, appointment.runner, offer, action=request.path, now=now)
    context.update({"title": "Move the appointment", "moving": appointment})
    return render(request, "booking/pick.html", context)


@never_cache
@login_required
@require_POST
def cancel(request: HttpRequest, appointment_id: int) -> HttpResponseBase:
    appointment = _visible_appointment(request, appointment_id)
    try:
        services.cancel(appointment, _user(request), timezone.now())
    except services.BookingRefusedError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Cancelled.")
    return redirect(reverse("booking:appointment", kwargs={"appointment_id": appointment.pk}))
