"""The therapist's series: the list, a new series, one series with its posts, a new post."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from runcare.web.accounts.decorators import therapist_required
from runcare.web.accounts.models import User
from runcare.web.posts.forms import NewPostForm, SeriesForm
from runcare.web.posts.models import Post, Question, Series
from runcare.web.posts.services import unique_post_slug


def own_series(request: HttpRequest, series_id: int) -> Series:
    """Her own series, or the same 404 as a missing one."""
    return get_object_or_404(Series, pk=series_id, therapist=request.user.pk)


@therapist_required
@require_GET
def series_list(request: HttpRequest) -> HttpResponse:
    series = Series.objects.filter(therapist=request.user.pk).prefetch_related("posts")
    return render(request, "posts/series_list.html", {"series_list": series})


@therapist_required
@require_http_methods(["GET", "POST"])
def series_new(request: HttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        series: Series = form.save(commit=False)
        assert isinstance(request.user, User)
        series.therapist = request.user
        series.save()
        messages.success(request, f"The series “{series.title}” was created.")
        return redirect("posts:series_detail", series_id=series.pk)
    return render(request, "posts/series_form.html", {"form": form})


@therapist_required
@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, series_id: int) -> HttpResponse:
    series = own_series(request, series_id)
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The series was saved.")
        return redirect("posts:series_detail", series_id=series.pk)
    return render(request, "posts/series_form.html", {"form": form, "series": series})


@therapist_required
@require_GET
def series_detail(request: HttpRequest, series_id: int) -> HttpResponse:
    series = own_series(request, series_id)
    posts = list(series.posts.select_related("question"))
    context = {
        "series": series,
        "posts": posts,
        "any_published": any(post.is_published for post in posts),
    }
    return render(request, "posts/series_detail.html", context)


def _next_number(series: Series) -> int:
    highest = series.posts.aggregate(highest=Max("number"))["highest"]
    return int(highest or 0) + 1


@therapist_required
@require_http_methods(["GET", "POST"])
def post_new(request: HttpRequest, series_id: int) -> HttpResponse:
    series = own_series(request, series_id)
    therapist = request.user
    assert isinstance(therapist, User)
    question = _chosen_question(request, therapist)
    initial: dict[str, object] = {"number": _next_number(series), "question": question}
    if question is not None:
        initial["title"] = question.text[:200]
    form = NewPostForm(request.POST or None, initial=initial, series=series, therapist=therapist)
    if request.method == "POST" and form.is_valid():
        post: Post = form.save(commit=False)
        post.series = series
        post.slug = unique_post_slug(series, post.title)
        if post.question is not None:
            # The question opens the answer as a quote; she may change it like any text.
            post.body = f"> {post.question.text}\n\n"
        post.save()
        return redirect("posts:post_edit", post_id=post.pk)
    return render(request, "posts/post_new.html", {"form": form, "series": series})


def _chosen_question(request: HttpRequest, therapist: User) -> Question | None:
    """The inbox question the "Answer it" link names, if it is hers."""
    raw = request.GET.get("question", "")
    if not raw.isdigit():
        return None
    return Question.objects.filter(pk=int(raw), therapist=therapist).first()
