"""A runner's imported activities, for her and her therapist: list, correct, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from runcare.web.accounts.decorators import visible_runner
from runcare.web.training.activities import (
    UploadBusyError,
    activity_row,
    activity_rows,
    correct_sport,
    delete_activity,
    delete_upload,
)
from runcare.web.training.forms_activities import SportForm
from runcare.web.training.models import ActivityRecord, Upload


@login_required
@require_GET
def activity_list(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = visible_runner(request, runner_id)
    rows = activity_rows(runner)
    return render(request, "training/activity_list.html", {"runner": runner, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    record = _visible_activity(request, activity_id)
    form = SportForm(request.POST or None, initial={"sport": record.sport})
    if request.method == "POST" and form.is_valid():
        correct_sport(record, form.cleaned_data["sport"])
        messages.success(request, "The sport is corrected; the training check counts it so.")
        return redirect("training:activity_list", record.runner_id)
    context = {"row": activity_row(record, record.runner), "runner": record.runner, "form": form}
    return render(request, "training/activity_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, activity_id: int) -> HttpResponse:
    record = _visible_activity(request, activity_id)
    if request.method == "POST":
        delete_activity(record)
        messages.success(request, "The activity is deleted.")
        return redirect("training:activity_list", record.runner_id)
    context = {"row": activity_row(record, record.runner), "runner": record.runner}
    return render(request, "training/activity_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload_delete(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = get_object_or_404(Upload.objects.select_related("runner"), pk=upload_id)
    runner = visible_runner(request, upload.runner_id)
    error = ""
    if request.method == "POST":
        try:
            count = delete_upload(upload)
        except UploadBusyError as exc:
            error = str(exc)
        else:
            noun = "activity" if count == 1 else "activities"
            messages.success(
                request, f"The upload “{upload.original_name}” and its {count} {noun} are deleted."
            )
            return redirect("training:activity_list", runner.pk)
    context = {
        "upload": upload,
        "runner": runner,
        "activity_count": upload.activities.count(),
        "error": error,
    }
    return render(request, "training/upload_delete.html", context, status=409 if error else 200)


def _visible_activity(request: HttpRequest, activity_id: int) -> ActivityRecord:
    record = get_object_or_404(ActivityRecord.objects.select_related("runner"), pk=activity_id)
    # The same 404 as a missing activity for anyone who may not see this runner.
    visible_runner(request, record.runner_id)
    return record
