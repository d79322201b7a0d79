"""The therapist's picture library: list, upload (with credits from Commons), edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from runcare.credits import CreditError, credit_html, credit_markdown, credit_text
from runcare.web.accounts.decorators import therapist_required
from runcare.web.media.forms import (
    CommonsForm,
    PictureEditForm,
    PictureUploadForm,
    initial_from_credit,
)
from runcare.web.media.models import Picture
from runcare.web.media.services import credit_from_commons


def _own(request: HttpRequest, picture_id: int) -> Picture:
    """Her own picture, or the same 404 as a missing one."""
    return get_object_or_404(Picture, pk=picture_id, owner=request.user)


@never_cache
@therapist_required
@require_GET
def picture_list(request: HttpRequest) -> HttpResponse:
    pictures = Picture.objects.filter(owner=request.user.pk)
    return render(request, "media/picture_list.html", {"pictures": pictures})


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def picture_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("action") == "fill":
        return _fill_from_commons(request)
    form = PictureUploadForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        with transaction.atomic():
            picture = form.save()
        messages.success(request, f"“{picture.title}” was added with its credit.")
        return redirect("media:picture_detail", picture_id=picture.pk)
    return render(request, "media/picture_form.html", {"form": form, "commons": CommonsForm()})


def _fill_from_commons(request: HttpRequest) -> HttpResponse:
    commons = CommonsForm(request.POST)
    initial = {}
    if commons.is_valid():
        try:
            credit = credit_from_commons(commons.cleaned_data["commons"])
        except CreditError as exc:
            commons.add_error("commons", str(exc)[:1].upper() + str(exc)[1:])
        else:
            initial = initial_from_credit(credit)
            messages.success(
                request, "The credit was filled from Wikimedia Commons: check it, then upload."
            )
    form = PictureUploadForm(initial=initial)
    return render(request, "media/picture_form.html", {"form": form, "commons": commons})


@never_cache
@therapist_required
@require_GET
def picture_detail(request: HttpRequest, picture_id: int) -> HttpResponse:
    picture = _own(request, picture_id)
    credit = picture.credit
    lines = {
        "text": credit_text(credit),
        "html": credit_html(credit),
        "markdown": credit_markdown(credit),
    }
    return render(request, "media/picture_detail.html", {"picture": picture, "lines": lines})


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def picture_edit(request: HttpRequest, picture_id: int) -> HttpResponse:
    picture = _own(request, picture_id)
    form = PictureEditForm(request.POST or None, instance=picture)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The credit was saved.")
        return redirect("media:picture_detail", picture_id=picture.pk)
    return render(request, "media/picture_edit.html", {"form": form, "picture": picture})


@never_cache
@therapist_required
@require_http_methods(["GET", "POST"])
def picture_delete(request: HttpRequest, picture_id: int) -> HttpResponse:
    picture = _own(request, picture_id)
    if request.method == "POST":
        title = picture.title
        with transaction.atomic():
            picture.delete()
            # The file goes once the row is gone for good.
            transaction.on_commit(lambda: picture.image.delete(save=False))
        messages.success(request, f"“{title}” was deleted.")
        return redirect("media:picture_list")
    return render(request, "media/picture_delete.html", {"picture": picture})


@never_cache
@therapist_required
@require_GET
def picture_file(request: HttpRequest, picture_id: int) -> FileResponse:
    picture = _own(request, picture_id)
    try:
        handle = picture.image.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=picture.content_type)
    response["Content-Disposition"] = "inline"
    return response
