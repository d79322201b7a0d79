"""The editor: the text beside its preview, and a post with a picture lacking a complete credit
that can be saved as a draft but never scheduled or published (the page says which picture and
what is missing). Only the series' own therapist opens any of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from runcare.web.posts.models import Post, Question, State
from tests.web.conftest import Personas
from tests.web.posts_helpers import HIP_FIGURE, T0, add_picture, make_post, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def post(personas: Personas) -> Post:
    return make_post(make_series(personas.therapist), body="A first draft.")


def form_data(post: Post, body: str, **fields: str) -> dict[str, str]:
    data = {
        "number": str(post.number),
        "title": post.title,
        "slug": post.slug,
        "question": "",
        "planned_at": "",
        "body": body,
    }
    return {**data, **fields}


EDITOR_ACTIONS = ["post_edit", "post_preview", "post_schedule", "post_publish", "post_unschedule"]


@pytest.mark.parametrize("name", EDITOR_ACTIONS)
@pytest.mark.parametrize("who", ["runner_client", "stranger_client", "other_therapist_client"])
def test_nobody_but_her_opens_or_changes_her_post(
    post: Post, name: str, who: str, request: pytest.FixtureRequest
) -> None:
    client: Client = request.getfixturevalue(who)
    url = reverse(f"posts:{name}", args=[post.pk])
    # A therapist's GET of a POST-only action is 405 for any id, so it tells nothing either.
    assert client.get(url).status_code in ((404,) if name == "post_edit" else (404, 405))
    assert client.post(url, form_data(post, "Hacked.")).status_code == 404
    post.refresh_from_db()
    assert (post.body, post.state) == ("A first draft.", State.DRAFT)


@pytest.mark.parametrize("name", ["series_detail", "series_edit", "post_new"])
def test_nobody_but_her_opens_her_series(
    post: Post, name: str, other_therapist_client: Client, runner_client: Client
) -> None:
    url = reverse(f"posts:{name}", args=[post.series.pk])
    assert other_therapist_client.get(url).status_code == 404
    assert runner_client.get(url).status_code == 404


def test_it_shows_the_text_rendered_with_the_drawing_and_its_credit(
    post: Post, therapist_client: Client
) -> None:
    response = therapist_client.post(
        reverse("posts:post_edit", args=[post.pk]),
        form_data(post, f"Hips.\n\n{HIP_FIGURE}\n\n[[muscle:psoas_major]] lifts the thigh."),
    )
    assert response.status_code == 302
    page = therapist_client.get(reverse("posts:post_edit", args=[post.pk])).content.decode()
    tree = lxml_html.fromstring(page)
    figure = tree.xpath("//article[@data-preview-target]//figure[@class='credited']")[0]
    assert figure.xpath(".//img/@src") == [reverse("body:figure_file", args=["anterior_hip"])]
    credit = " ".join(figure.xpath(".//span[@class='credit']")[0].text_content().split())
    assert credit.startswith("“Muscles at the front of the hip” by runcare contributors")
    assert "MIT License" in credit
    link = tree.xpath("//article[@data-preview-target]//a[@class='library-link']")[0]
    assert link.get("href") == reverse("body:muscle", args=["psoas_major"])
    assert "No problems" in page


def test_the_editor_explains_the_syntax_on_the_page(post: Post, therapist_client: Client) -> None:
    page = therapist_client.get(reverse("posts:post_edit", args=[post.pk])).content.decode()
    assert "docs/posts.md" not in page
    help_text = page.split("data-syntax-help>")[1].split("</details>")[0]
    examples = ("[[muscle:psoas_major]]", "[[exercise:kneeling-hip-flexor]]", "[[picture:NAME]]")
    for example in examples:
        assert f"<code>{example}</code>" in help_text


def test_the_preview_answers_with_the_html_and_the_problems(
    post: Post, therapist_client: Client
) -> None:
    response = therapist_client.post(
        reverse("posts:post_preview", args=[post.pk]),
        {"body": "**Bold** [[picture:nothing-here]] <script>alert(1)</script>"},
    )
    assert response.status_code == 200
    answer = response.json()
    assert "<strong>Bold</strong>" in answer["html"]
    assert "<script" not in answer["html"]
    assert any("nothing-here" in problem for problem in answer["problems"])
    post.refresh_from_db()
    assert post.body == "A first draft."  # a preview saves nothing


def test_the_preview_needs_the_csrf_token(post: Post, personas: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.therapist)
    response = client.post(reverse("posts:post_preview", args=[post.pk]), {"body": "x"})
    assert response.status_code == 403


def test_her_own_picture_is_shown_from_her_library(
    personas: Personas, post: Post, therapist_client: Client
) -> None:
    picture = add_picture(personas.therapist)
    detail = therapist_client.get(reverse("media:picture_detail", args=[picture.pk]))
    assert 'value="[[picture:hip-stretch]]"' in detail.content.decode()
    body = "Stretch:\n\n[[picture:hip-stretch]]\n"
    therapist_client.post(reverse("posts:post_edit", args=[post.pk]), form_data(post, body))
    assert list(post.pictures.all()) == [picture]
    page = therapist_client.get(reverse("posts:post_edit", args=[post.pk])).content.decode()
    assert f'src="{reverse("media:picture_file", args=[picture.pk])}"' in page


def test_another_therapists_picture_is_not_in_her_library(
    personas: Personas, post: Post, therapist_client: Client
) -> None:
    add_picture(personas.other_therapist, title="Olga only")
    answer = therapist_client.post(
        reverse("posts:post_preview", args=[post.pk]), {"body": "[[picture:olga-only]]"}
    ).json()
    assert answer["problems"]
    assert "<img" not in answer["html"]


@pytest.mark.parametrize("action", ["post_schedule", "post_publish"])
def test_a_picture_without_its_licence_stops_scheduling_and_publishing(
    personas: Personas, post: Post, therapist_client: Client, action: str
) -> None:
    add_picture(personas.therapist, title="Lunge", license="")
    body = "Try this:\n\n[[picture:lunge]]\n"
    data = form_data(post, body, planned_at="2026-03-20T07:00")
    response = therapist_client.post(reverse(f"posts:{action}", args=[post.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "[[picture:lunge]]" in page
    assert "its credit lacks licence" in page
    post.refresh_from_db()
    assert post.state == State.DRAFT
    assert post.body == body.strip()  # her text is kept


def test_an_image_by_its_address_stops_publishing(post: Post, therapist_client: Client) -> None:
    data = form_data(post, "![hips](https://example.org/hips.jpg)")
    response = therapist_client.post(reverse("posts:post_publish", args=[post.pk]), data)
    assert response.status_code == 400
    assert "has no credit" in response.content.decode()
    post.refresh_from_db()
    assert post.state == State.DRAFT


def test_she_schedules_a_post_at_her_local_time(
    personas: Personas, post: Post, therapist_client: Client
) -> None:
    personas.therapist.time_zone = "Europe/Berlin"
    personas.therapist.save()
    data = form_data(post, f"Hips.\n\n{HIP_FIGURE}\n", planned_at="2026-03-20T08:00")
    response = therapist_client.post(reverse("posts:post_schedule", args=[post.pk]), data)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.planned_at is not None
    assert post.planned_at.isoformat() == "2026-03-20T07:00:00+00:00"


def test_scheduling_needs_a_time(post: Post, therapist_client: Client) -> None:
    response = therapist_client.post(
        reverse("posts:post_schedule", args=[post.pk]), form_data(post, "Hips.")
    )
    assert response.status_code == 400
    assert "Give the time" in response.content.decode()
    post.refresh_from_db()
    assert post.state == State.DRAFT


def test_she_publishes_now_and_takes_a_schedule_back(post: Post, therapist_client: Client) -> None:
    data = form_data(post, "Hips.", planned_at="2026-03-20T08:00")
    therapist_client.post(reverse("posts:post_schedule", args=[post.pk]), data)
    therapist_client.post(reverse("posts:post_unschedule", args=[post.pk]))
    post.refresh_from_db()
    assert post.state == State.DRAFT
    therapist_client.post(reverse("posts:post_publish", args=[post.pk]), data)
    post.refresh_from_db()
    assert post.state == State.PUBLISHED
    assert post.published_at is not None
    # A published post cannot be taken back to a draft by the schedule's button.
    therapist_client.post(reverse("posts:post_unschedule", args=[post.pk]))
    post.refresh_from_db()
    assert post.state == State.PUBLISHED


def test_a_published_post_keeps_its_address_and_number_and_refuses_text_with_problems(
    personas: Personas, therapist_client: Client
) -> None:
    post = make_post(make_series(personas.therapist), state=State.PUBLISHED, body="Live.")
    data = form_data(post, "Live, edited.", slug="a-new-address", number="7")
    response = therapist_client.post(reverse("posts:post_edit", args=[post.pk]), data)
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.body, post.slug, post.number) == ("Live, edited.", "post-1", 1)
    bad = form_data(post, "Live.\n\n[[picture:missing-one]]\n")
    response = therapist_client.post(reverse("posts:post_edit", args=[post.pk]), bad)
    assert response.status_code == 400
    post.refresh_from_db()
    assert post.body == "Live, edited."


def test_numbers_and_addresses_are_unique_within_a_series(
    personas: Personas, therapist_client: Client
) -> None:
    series = make_series(personas.therapist)
    make_post(series, 1)
    second = make_post(series, 2)
    data = form_data(second, "x", number="1", slug="post-1")
    response = therapist_client.post(reverse("posts:post_edit", args=[second.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "already has a post #1" in page
    assert "Another post of the series has this address" in page


def test_answering_a_question_starts_a_post_that_quotes_it(
    personas: Personas, therapist_client: Client
) -> None:
    series = make_series(personas.therapist)
    question = Question.objects.create(
        therapist=personas.therapist, asker=personas.runner, text="Why the hips?", asked_at=T0
    )
    url = reverse("posts:post_new", args=[series.pk]) + f"?question={question.pk}"
    page = therapist_client.get(url).content.decode()
    assert 'value="Why the hips?"' in page
    response = therapist_client.post(
        url, {"number": "15", "title": "Why the hips?", "question": str(question.pk)}
    )
    post = Post.objects.get()
    assert response.headers["Location"] == reverse("posts:post_edit", args=[post.pk])
    assert (post.number, post.slug, post.question) == (15, "why-the-hips", question)
    assert post.body.startswith("> Why the hips?")


def test_another_therapists_question_cannot_be_attached(
    personas: Personas, therapist_client: Client
) -> None:
    series = make_series(personas.therapist)
    theirs = Question.objects.create(
        therapist=personas.other_therapist, asker=personas.stranger, text="Knees?", asked_at=T0
    )
    response = therapist_client.post(
        reverse("posts:post_new", args=[series.pk]),
        {"number": "1", "title": "Knees", "question": str(theirs.pk)},
    )
    assert response.status_code == 200
    assert Post.objects.count() == 0
