"""Scheduled posts publish themselves at their time (``runcare publish-due``, clock passed in),
once, even when two runs race, and not while a picture lacks its credit. A runner's erasure
takes her questions; a published answer stays, without her name."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from runcare.cli.main import main
from runcare.web.media.models import Picture
from runcare.web.posts.models import Post, Question, State
from runcare.web.posts.services import publish, publish_due
from runcare.web.rights.erase import erase_runner
from tests.web.conftest import Personas
from tests.web.posts_helpers import HIP_FIGURE, T0, add_picture, make_post, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"


def test_nothing_is_published_before_its_time(personas: Personas) -> None:
    post = make_post(make_series(personas.therapist), state=State.SCHEDULED, planned_at=T0)
    assert publish_due(T0 - timedelta(seconds=1)).published == []
    post.refresh_from_db()
    assert (post.state, post.published_at) == (State.SCHEDULED, None)


def test_a_due_post_is_published_at_the_run_that_finds_it(personas: Personas) -> None:
    series = make_series(personas.therapist)
    due = make_post(series, 1, f"Hips.\n\n{HIP_FIGURE}\n", State.SCHEDULED, planned_at=T0)
    later = make_post(series, 2, state=State.SCHEDULED, planned_at=T0 + timedelta(days=1))
    draft = make_post(series, 3)
    run_at = T0 + timedelta(minutes=5)
    assert [p.pk for p in publish_due(run_at).published] == [due.pk]
    for post in (due, later, draft):
        post.refresh_from_db()
    assert (due.state, due.published_at) == (State.PUBLISHED, run_at)
    assert (later.state, draft.state) == (State.SCHEDULED, State.DRAFT)
    assert Client().get(due.get_absolute_url()).status_code == 200


def test_a_second_run_publishes_nothing_twice(personas: Personas) -> None:
    post = make_post(make_series(personas.therapist), state=State.SCHEDULED, planned_at=T0)
    assert len(publish_due(T0).published) == 1
    assert publish_due(T0 + timedelta(minutes=5)).published == []
    post.refresh_from_db()
    assert post.published_at == T0


def test_publish_now_after_the_command_keeps_the_first_time(personas: Personas) -> None:
    post = make_post(make_series(personas.therapist), state=State.SCHEDULED, planned_at=T0)
    publish_due(T0)
    assert publish(post, T0 + timedelta(hours=1)) is False
    assert post.published_at == T0


def test_a_post_taken_back_meanwhile_stays_a_draft(personas: Personas) -> None:
    """The run read the post as scheduled; the therapist took it back before the UPDATE."""
    post = make_post(make_series(personas.therapist), state=State.SCHEDULED, planned_at=T0)
    Post.objects.filter(pk=post.pk).update(state=State.DRAFT)
    changed = Post.objects.filter(pk=post.pk, state=State.SCHEDULED).update(
        state=State.PUBLISHED, published_at=T0
    )
    assert changed == 0
    assert publish_due(T0).published == []


def test_a_picture_whose_credit_was_emptied_holds_the_post_back(personas: Personas) -> None:
    picture = add_picture(personas.therapist, title="Lunge")
    post = make_post(
        make_series(personas.therapist),
        body="[[picture:lunge]]",
        state=State.SCHEDULED,
        planned_at=T0,
    )
    Picture.objects.filter(pk=picture.pk).update(author="")
    result = publish_due(T0)
    assert result.published == []
    [(held, problems)] = result.held
    assert held.pk == post.pk
    assert "[[picture:lunge]]" in problems[0] and "author" in problems[0]
    post.refresh_from_db()
    assert post.state == State.SCHEDULED


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_publish_each_post_once(personas: Personas) -> None:
    series = make_series(personas.therapist)
    for number in range(1, 6):
        make_post(series, number, state=State.SCHEDULED, planned_at=T0)
    counts: list[int] = []
    start = threading.Barrier(2)

    def run() -> None:
        try:
            start.wait()
            counts.append(len(publish_due(T0).published))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 5
    assert Post.objects.filter(state=State.PUBLISHED).count() == 5


def test_the_command_publishes_at_the_time_given(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    post = make_post(make_series(personas.therapist), state=State.SCHEDULED, planned_at=T0)
    assert main(["publish-due", "--now", "2026-03-15T06:59:00+00:00"]) == 0
    assert "nothing to publish" in capsys.readouterr().out
    assert main(["publish-due", "--now", "2026-03-15T08:00:00+01:00"]) == 0
    assert "published Runners ask #1 of 31: Post number 1" in capsys.readouterr().out
    post.refresh_from_db()
    assert post.published_at == T0


def test_the_command_names_a_held_post_and_exits_1(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    make_post(
        make_series(personas.therapist),
        body="[[picture:gone]]",
        state=State.SCHEDULED,
        planned_at=T0,
    )
    assert main(["publish-due", "--now", "2026-03-16T00:00:00+00:00", "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not published, Runners ask #1 of 31" in captured.err
    assert "[[picture:gone]]" in captured.err


@pytest.mark.parametrize("when", ["tomorrow", "2026-03-15T07:00"])
def test_the_command_refuses_a_time_without_its_offset(
    when: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["publish-due", "--now", when])
    assert exit_info.value.code == 2
    assert "--now" in capsys.readouterr().err


def test_erasing_a_runner_takes_her_question_and_leaves_the_answer_unnamed(
    personas: Personas,
) -> None:
    question = Question.objects.create(
        therapist=personas.therapist,
        asker=personas.runner,
        text="Why do my hips hurt?",
        may_publish_name=True,
        asked_at=T0,
    )
    post = make_post(make_series(personas.therapist), state=State.PUBLISHED, question=question)
    assert personas.runner.name in Client().get(post.get_absolute_url()).content.decode()
    erase_runner(personas.runner, personas.therapist, now=T0)
    assert not Question.objects.exists()
    post.refresh_from_db()
    assert (post.question, post.state) == (None, State.PUBLISHED)
    page = Client().get(post.get_absolute_url()).content.decode()
    assert personas.runner.name not in page
    assert reverse("read:post", args=[post.series.slug, post.slug]) == post.get_absolute_url()
