"""The therapist's protocol templates: her list, one template, new, copy, rename, delete."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from runcare.care.protocols import ProtocolError
from runcare.web.accounts.decorators import therapist_required
from runcare.web.care.forms import TemplateNameForm
from runcare.web.care.presenting import step_views
from runcare.web.care.queries import own_template, viewer
from runcare.web.care.services import copy_default, copy_template, rename_template, templates_of


@never_cache
@therapist_required
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    templates = templates_of(viewer(request), timezone.now())
    return render(request, "care/template_list.html", {"templates": templates})


@never_cache
@therapist_required
@require_POST
def template_new(request: HttpRequest) -> HttpResponse:
    template = copy_default(viewer(request), timezone.now())
    messages.success(request, "A fresh copy of the default template is yours to edit.")
    return redirect("care:template_detail", pk=template.pk)


@never_cache
@therapist_required
@require_GET
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = own_template(request, pk)
    context = {
        "template": template,
        "steps": step_views(template.steps),
        "name_form": TemplateNameForm(instance=template),
        "kind": "template",
    }
    return render(request, "care/template_detail.html", context)


@never_cache
@therapist_required
@require_POST
def template_rename(request: HttpRequest, pk: int) -> HttpResponse:
    template = own_template(request, pk)
    form = TemplateNameForm(request.POST)
    if form.is_valid():
        try:
            rename_template(template, form.cleaned_data["name"], timezone.now())
        except ProtocolError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, "A template needs a name of 1-120 characters.")
    return redirect("care:template_detail", pk=template.pk)


@never_cache
@therapist_required
@require_POST
def template_copy(request: HttpRequest, pk: int) -> HttpResponse:
    copy = copy_template(own_template(request, pk), timezone.now())
    messages.success(request, f"Copied as “{copy.name}”.")
    return redirect("care:template_detail", pk=copy.pk)


@never_cache
@therapist_required
@require_POST
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = own_template(request, pk)
    name = template.name
    # Plans made from it keep their own copy of the steps and the template's name.
    template.delete()
    messages.success(request, f"Deleted “{name}”. Plans made from it are unchanged.")
    return redirect("care:template_list")
