"""The editor: the Markdown text beside its live preview, and the buttons that save it,
schedule it, publish it now or take it back to a draft.

Each button posts the whole form to its own view (``formaction``), so what is scheduled or
published is what is on the screen. A post whose text has problems (a picture without a
complete credit, a name the library does not know) is saved but not scheduled or published;
the page lists the problems.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from runcare.web.accounts.decorators import therapist_required
from runcare.web.accounts.models import User
from runcare.web.posts import services
from runcare.web.posts.forms import PostForm
from runcare.web.posts.models import Post, State
from runcare.web.posts.rendering import Rendered, render_for_editor


def own_post(request: HttpRequest, post_id: int) -> Post:
    """A post of one of her series, or the same 404 as a missing one."""
    return get_object_or_404(
        Post.objects.select_related("series", "question__asker"),
        pk=post_id,
        series__therapist=request.user.pk,
    )


def _form(request: HttpRequest, post: Post) -> PostForm:
    therapist = request.user
    assert isinstance(therapist, User)
    data = request.POST if request.method == "POST" else None
    return PostForm(data, instance=post, series=post.series, therapist=therapist)


def _page(request: HttpRequest, post: Post, form: PostForm, status: int = 200) -> HttpResponse:
    rendered = render_for_editor(request, post.series.therapist, form["body"].value() or "")
    context = {"post": post, "form": form, "rendered": rendered, "State": State}
    return render(request, "posts/post_edit.html", context, status=status)


def _save(request: HttpRequest, post: Post) -> tuple[PostForm, Rendered | None]:
    """Save the form when it is valid; returns it and the text's rendering (``None``: the
    form has errors). A published post is live, so text with problems is not saved into it."""
    form = _form(request, post)
    if not form.is_valid():
        return form, None
    rendered = render_for_editor(request, post.series.therapist, form.cleaned_data["body"])
    if post.is_published and rendered.problems:
        form.add_error("body", "This post is published: fix the problems listed to save it.")
        return form, None
    services.keep_pictures(form.save(), rendered)
    return form, rendered


@therapist_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = own_post(request, post_id)
    if request.method == "GET":
        return _page(request, post, _form(request, post))
    form, rendered = _save(request, post)
    if rendered is None:
        return _page(request, post, form, status=400)
    messages.success(request, "Saved.")
    return redirect("posts:post_edit", post_id=post.pk)


def _refusal(request: HttpRequest, post: Post, form: PostForm, what: str) -> HttpResponse:
    messages.error(request, f"Saved, but not {what}: the text has problems (listed below).")
    return _page(request, post, form, status=400)


@therapist_required
@require_POST
def post_schedule(request: HttpRequest, post_id: int) -> HttpResponse:
    post = own_post(request, post_id)
    form, rendered = _save(request, post)
    if rendered is None:
        return _page(request, post, form, status=400)
    if rendered.problems:
        return _refusal(request, post, form, "scheduled")
    if post.planned_at is None:
        form.add_error("planned_at", "Give the time it should be published.")
        return _page(request, post, form, status=400)
    if post.is_published:
        messages.info(request, "This post is already published.")
    elif services.schedule(post):
        messages.success(request, "Scheduled: it will be published at its time.")
    return redirect("posts:post_edit", post_id=post.pk)


@therapist_required
@require_POST
def post_publish(request: HttpRequest, post_id: int) -> HttpResponse:
    post = own_post(request, post_id)
    form, rendered = _save(request, post)
    if rendered is None:
        return _page(request, post, form, status=400)
    if rendered.problems:
        return _refusal(request, post, form, "published")
    if services.publish(post, timezone.now()):
        messages.success(request, "Published: anyone can read it now.")
    else:
        messages.info(request, "This post was already published.")
    return redirect("posts:post_edit", post_id=post.pk)


@therapist_required
@require_POST
def post_unschedule(request: HttpRequest, post_id: int) -> HttpResponse:
    post = own_post(request, post_id)
    if services.back_to_draft(post):
        messages.success(request, "It is a draft again and will not be published.")
    else:
        messages.info(request, "Only a scheduled post can go back to a draft.")
    return redirect("posts:post_edit", post_id=post.pk)


@therapist_required
@require_POST
def post_preview(request: HttpRequest, post_id: int) -> JsonResponse:
    """The text as readers would see it, for the editor's live preview (``posts-editor.js``)."""
    post = own_post(request, post_id)
    body = request.POST.get("body", "")[:100_000]
    rendered = render_for_editor(request, post.series.therapist, body)
    return JsonResponse({"html": rendered.html, "problems": list(rendered.problems)})
