"""Questions: a runner asks from her portal; her therapist reads them in her inbox and adds
her own. A runner sees only her own questions; another therapist sees none of them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runcare.web.accounts.decorators import runner_page, therapist_required
from runcare.web.accounts.models import User
from runcare.web.posts.forms import AskForm, OwnQuestionForm
from runcare.web.posts.models import Question, Series


@runner_page
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    runner = request.user
    assert isinstance(runner, User)
    # Nobody to answer: the page says so rather than keeping a question no one reads.
    therapist = runner.therapist
    form = AskForm(request.POST or None) if therapist is not None else None
    if therapist is not None and form is not None and request.method == "POST" and form.is_valid():
        question: Question = form.save(commit=False)
        question.asker = runner
        question.therapist = therapist
        question.asked_at = timezone.now()
        question.save()
        messages.success(request, "Your question was sent to your therapist.")
        return redirect("posts:ask")
    mine = Question.objects.filter(asker=runner).prefetch_related("posts__series")
    return render(request, "posts/ask.html", {"form": form, "questions": mine})


@therapist_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    questions = Question.objects.filter(therapist=request.user.pk).select_related("asker")
    context = {
        "questions": questions.prefetch_related("posts__series"),
        "form": OwnQuestionForm(),
        "series": Series.objects.filter(therapist=request.user.pk),
    }
    return render(request, "posts/inbox.html", context)


@therapist_required
@require_http_methods(["POST"])
def question_new(request: HttpRequest) -> HttpResponse:
    form = OwnQuestionForm(request.POST)
    if form.is_valid():
        question: Question = form.save(commit=False)
        assert isinstance(request.user, User)
        question.therapist = request.user
        question.asked_at = timezone.now()
        question.save()
        messages.success(request, "Your question is in the inbox.")
    else:
        messages.error(request, "Write the question first.")
    return redirect("posts:inbox")


@runner_page
@require_POST
def question_name(request: HttpRequest, question_id: int) -> HttpResponse:
    """She may change her mind about her name at any time; a published answer follows at once."""
    question = get_object_or_404(Question, pk=question_id, asker=request.user.pk)
    question.may_publish_name = request.POST.get("may_publish_name") == "yes"
    question.save(update_fields=["may_publish_name"])
    if question.may_publish_name:
        messages.success(request, "Your name may be published with the answer.")
    else:
        messages.success(request, "Your name will not be published: it says “A runner asks”.")
    return redirect("posts:ask")
