"""Questions: a runner asks from her portal, her therapist reads them in her inbox and adds her
own; nobody else sees them, and a name is published only when the runner agreed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from runcare.web.accounts.models import Role
from runcare.web.posts.models import Question, State
from tests.web.conftest import Personas, client_for, make_user
from tests.web.posts_helpers import T0, make_post, make_series

pytestmark = pytest.mark.django_db


def test_it_sends_a_runners_question_to_her_therapist_unnamed_by_default(
    personas: Personas, runner_client: Client
) -> None:
    response = runner_client.post(
        reverse("posts:ask"), {"text": "  Why do my hips\nhurt after I run?  "}
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.therapist == personas.therapist
    assert question.asker == personas.runner
    assert question.text == "Why do my hips hurt after I run?"
    assert question.may_publish_name is False
    assert question.public_asker == "A runner asks"


def test_it_names_the_runner_only_when_she_agreed(
    personas: Personas, runner_client: Client
) -> None:
    runner_client.post(reverse("posts:ask"), {"text": "Hips?", "may_publish_name": "on"})
    question = Question.objects.get()
    assert question.public_asker == f"{personas.runner.name} asks"


def test_it_refuses_an_empty_question(runner_client: Client) -> None:
    response = runner_client.post(reverse("posts:ask"), {"text": "   "})
    assert response.status_code == 200
    assert Question.objects.count() == 0
    assert "Write your question" in response.content.decode()


def test_a_runner_without_a_therapist_is_told_there_is_no_one_to_ask(db: None) -> None:
    alone = make_user("alone_runner", Role.RUNNER)
    client = client_for(alone)
    response = client.post(reverse("posts:ask"), {"text": "Anyone?"})
    assert response.status_code == 200
    assert "no therapist yet" in response.content.decode()
    assert Question.objects.count() == 0


def test_a_runner_sees_only_her_own_questions(
    personas: Personas, runner_client: Client, stranger_client: Client
) -> None:
    stranger_client.post(reverse("posts:ask"), {"text": "The stranger's own question"})
    runner_client.post(reverse("posts:ask"), {"text": "Rita's own question"})
    page = runner_client.get(reverse("posts:ask")).content.decode()
    assert "Rita&#x27;s own question" in page
    assert "stranger" not in page


def test_the_inbox_holds_her_clients_questions_only(
    personas: Personas,
    runner_client: Client,
    stranger_client: Client,
    therapist_client: Client,
    other_therapist_client: Client,
) -> None:
    runner_client.post(reverse("posts:ask"), {"text": "Rita asks about hips"})
    stranger_client.post(reverse("posts:ask"), {"text": "Sam asks about knees"})
    mine = therapist_client.get(reverse("posts:inbox")).content.decode()
    assert "Rita asks about hips" in mine
    assert "Sam asks about knees" not in mine
    other = other_therapist_client.get(reverse("posts:inbox")).content.decode()
    assert "Sam asks about knees" in other
    assert "Rita asks about hips" not in other


@pytest.mark.parametrize("name", ["posts:inbox", "posts:series_list", "posts:series_new"])
def test_runners_cannot_open_the_therapists_pages(runner_client: Client, name: str) -> None:
    assert runner_client.get(reverse(name)).status_code == 404


def test_a_therapist_adds_her_own_question(personas: Personas, therapist_client: Client) -> None:
    response = therapist_client.post(
        reverse("posts:question_new"), {"text": "What is a trigger point?"}
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.therapist, question.asker) == (personas.therapist, None)
    assert question.public_asker == ""


def test_a_runner_sees_the_published_answer_but_not_a_draft(
    personas: Personas, runner_client: Client
) -> None:
    question = Question.objects.create(
        therapist=personas.therapist, asker=personas.runner, text="Hips?", asked_at=T0
    )
    series = make_series(personas.therapist)
    make_post(series, 1, question=question)
    assert "Answered in" not in runner_client.get(reverse("posts:ask")).content.decode()
    make_post(series, 2, state=State.PUBLISHED, question=question)
    page = runner_client.get(reverse("posts:ask")).content.decode()
    assert "Answered in Runners ask, #2 of 31" in page
    assert "#1 of 31" not in page


def test_the_inbox_tells_a_waiting_question_from_an_answered_one(
    personas: Personas, therapist_client: Client
) -> None:
    waiting = Question.objects.create(therapist=personas.therapist, text="Ice?", asked_at=T0)
    answered = Question.objects.create(therapist=personas.therapist, text="Hips?", asked_at=T0)
    series = make_series(personas.therapist)
    make_post(series, 1, state=State.PUBLISHED, question=answered)
    page = therapist_client.get(reverse("posts:inbox")).content.decode()
    items = page.split('<ul class="question-list">')[1].split("</li>")
    (ice,) = [item for item in items if "Ice?" in item]
    (hips,) = [item for item in items if "Hips?" in item]
    assert "Waiting for an answer" in ice and "Answer it in “Runners ask”" in ice
    assert "Waiting for an answer" not in hips and "Answered in Runners ask, #1 of 31" in hips
    assert "Answer it again in “Runners ask”" in hips
    assert f"?question={waiting.pk}" in ice


def test_she_withdraws_her_name_and_the_published_answer_follows(
    personas: Personas, runner_client: Client, stranger_client: Client
) -> None:
    question = Question.objects.create(
        therapist=personas.therapist,
        asker=personas.runner,
        text="Hips?",
        may_publish_name=True,
        asked_at=T0,
    )
    post = make_post(make_series(personas.therapist), state=State.PUBLISHED, question=question)
    assert f"{personas.runner.name} asks" in Client().get(post.get_absolute_url()).content.decode()
    url = reverse("posts:question_name", args=[question.pk])
    # Nobody else can change it.
    assert stranger_client.post(url, {"may_publish_name": "yes"}).status_code == 404
    assert client_for(personas.therapist).post(url, {"may_publish_name": "no"}).status_code == 302
    question.refresh_from_db()
    assert question.may_publish_name is True  # the therapist was sent to her own pages
    assert runner_client.post(url, {"may_publish_name": "no"}).status_code == 302
    question.refresh_from_db()
    assert question.may_publish_name is False
    page = Client().get(post.get_absolute_url()).content.decode()
    assert "A runner asks" in page and personas.runner.name not in page
