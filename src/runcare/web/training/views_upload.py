"""Upload activity files, then follow their import: one view per action.

The two upload views are exempt from the CSRF middleware only so that an oversized request
is refused from its announced length before its body is read; the token is then checked by
``csrf_protect`` before anything is stored.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from runcare.web.accounts.decorators import runner_page, therapist_required, visible_runner
from runcare.web.accounts.models import User
from runcare.web.training.forms_upload import UploadForm
from runcare.web.training.models import Upload, UploadStatus
from runcare.web.training.multipart import PartHeaderFixer, boundary_of
from runcare.web.training.services import (
    NO_ROOM_ERRNOS,
    NO_ROOM_MESSAGE,
    UploadRefusedError,
    UploadStorageError,
    format_bytes,
    store_upload,
    too_large_message,
)
from runcare.web.training.tasks import enqueue_import

logger = logging.getLogger(__name__)

# Room for the multipart envelope (boundaries, headers, the CSRF field) around the files.
ENVELOPE_BYTES = 1024**2
RECENT_UPLOADS = 10
# Seconds a client is asked to wait before trying again when the server has no room.
RETRY_AFTER_S = 600


@csrf_exempt
@runner_page
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    runner = _user(request)
    if not runner.is_runner:
        raise Http404
    return _upload_page(request, runner)


@csrf_exempt
@therapist_required
@require_http_methods(["GET", "POST"])
def upload_for_client(request: HttpRequest, runner_id: int) -> HttpResponse:
    return _upload_page(request, visible_runner(request, runner_id))


@login_required
@require_GET
def upload_status(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = _visible_upload(request, upload_id)
    return render(request, "training/upload_status.html", _status_context(upload))


@login_required
@require_GET
def upload_progress(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = _visible_upload(request, upload_id)
    response = JsonResponse(progress_payload(upload))
    response["Cache-Control"] = "no-store"
    return response


def progress_payload(upload: Upload) -> dict[str, Any]:
    return {
        "status": upload.status,
        "status_label": upload.get_status_display(),
        "files_done": upload.files_done,
        "files_total": upload.files_total,
        "activities_added": upload.activities_added,
        "duplicates": upload.duplicates,
        "skipped": upload.skipped,
        "skipped_more": upload.skipped_more,
        "skipped_total": upload.skipped_total,
        "stopped": upload.stopped,
        "error": upload.error,
    }


def _upload_page(request: HttpRequest, runner: User) -> HttpResponse:
    if request.method != "POST":
        return _form_response(request, runner, UploadForm())
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        refusal = "The upload could not be read. Please try again."
        return _form_response(request, runner, UploadForm(), status=400, refusal=refusal)
    if announced > settings.UPLOAD_MAX_BYTES + ENVELOPE_BYTES:
        refusal = too_large_message(announced)
        return _form_response(request, runner, UploadForm(), status=413, refusal=refusal)
    _read_part_headers_leniently(request)
    try:
        return _store(request, runner)
    except OSError as exc:
        # Django spools a large body to its temporary folder before the form is read.
        if exc.errno not in NO_ROOM_ERRNOS:
            raise
        logger.error("Cannot receive an upload: %s", exc)
        return _no_room(request, runner)


def _no_room(request: HttpRequest, runner: User) -> HttpResponse:
    response = _form_response(request, runner, UploadForm(), status=503, refusal=NO_ROOM_MESSAGE)
    response["Retry-After"] = str(RETRY_AFTER_S)
    return response


def _read_part_headers_leniently(request: HttpRequest) -> None:
    """Keep files whose names are not UTF-8 or very long, which Django would drop or refuse.

    Must run before the body is first read (the CSRF check of ``_store`` reads it).
    """
    boundary = boundary_of(request.META.get("CONTENT_TYPE", ""))
    if boundary is not None:
        request._stream = PartHeaderFixer(request._stream, boundary)  # type: ignore[assignment]


@csrf_protect
def _store(request: HttpRequest, runner: User) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                stored = store_upload(
                    runner, _user(request), form.cleaned_data["files"], timezone.now()
                )
                enqueue_import(stored)
        except UploadRefusedError as exc:
            form.add_error("files", str(exc))
        except UploadStorageError:
            return _no_room(request, runner)
        else:
            status_url = reverse("training:upload_status", args=[stored.pk])
            if _wants_json(request):
                return JsonResponse({"status_url": status_url}, status=201)
            return redirect(status_url)
    return _form_response(request, runner, form, status=400)


def _form_response(
    request: HttpRequest,
    runner: User,
    form: UploadForm,
    status: int = 200,
    refusal: str | None = None,
) -> HttpResponse:
    if _wants_json(request):
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        return JsonResponse({"errors": [refusal, *errors] if refusal else errors}, status=status)
    context = {
        "form": form,
        "refusal": refusal,
        "runner": runner,
        "for_client": runner.pk != request.user.pk,
        "max_bytes": settings.UPLOAD_MAX_BYTES,
        "limit_text": format_bytes(settings.UPLOAD_MAX_BYTES),
        "recent": runner.uploads.all()[:RECENT_UPLOADS],
    }
    return render(request, "training/upload.html", context, status=status)


def _status_context(upload: Upload) -> dict[str, Any]:
    skipped = upload.skipped or []
    return {
        "upload": upload,
        "runner": upload.runner,
        "in_progress": upload.status in {UploadStatus.QUEUED, UploadStatus.RUNNING},
        "size_text": format_bytes(upload.size_bytes),
        "skipped": skipped,
        "skipped_open": upload.skipped_total <= 20,
    }


def _visible_upload(request: HttpRequest, upload_id: int) -> Upload:
    upload = get_object_or_404(Upload.objects.select_related("runner"), pk=upload_id)
    # The same 404 as a missing upload for anyone who may not see this runner.
    visible_runner(request, upload.runner_id)
    return upload


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user
