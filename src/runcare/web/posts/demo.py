"""The demo clinic's Q&A series: four published posts in the product's own words, one of them
the answer to Mia's question with the hip-flexor drawing and its credit, and one question
from Lena still waiting in the inbox.

Idempotent: the series, each post (by number) and each question are created once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from runcare.web.accounts.models import User
from runcare.web.posts.models import Post, Question, Series, State
from runcare.web.posts.rendering import render_for_editor
from runcare.web.posts.services import keep_pictures

SERIES_SLUG = "runners-ask"
HIPS_QUESTION = "Why do my hips and lower back hurt after I run?"
WAITING_QUESTION = "Should I stretch before a run, after it, or both?"


@dataclass(frozen=True)
class DemoPost:
    number: int
    title: str
    slug: str
    body: str
    days_ago: int
    answers: str = ""


HIPS = f"""\
> {HIPS_QUESTION}

Thank you for asking: it is one of the questions we hear most. First the most important part:
**if the pain is there at night or at rest, keeps getting worse over weeks, or comes with
numbness, weakness, fever or changes in your bladder or bowel, see a doctor first.** Nothing
here is a diagnosis.

[[picture:anterior_hip|The hip flexors at the front of the hip.]]

The muscles that lift your thigh as you run are the hip flexors: [[muscle:psoas_major]] and
[[muscle:iliacus]] (together called iliopsoas), [[muscle:rectus_femoris]] and
[[muscle:sartorius]]. Psoas major starts at the lumbar spine, so a common explanation is that
hip flexors that are tired and tight after running pull on the lower back. That is a way of
understanding the pain, not a finding about you.

Two things are worth checking together:

1. **Your training.** Was one of your recent runs much longer than the longest run of the month
   before it? [Post #2](/read/{SERIES_SLUG}/the-longest-run-rule/) explains why that matters.
2. **What your body tells you after a session.** We look at where it hurts on the pain map and
   treat the muscles involved; the home stretches in post #3 keep it going between sessions.
"""

SPIKE = """\
A large study of 5,205 runners who recorded their runs with a watch (Frandsen et al., British
Journal of Sports Medicine, 2025) compared each run with the longest run of the 30 days before
it. Runs more than 10 % longer than that came with more injuries; week-to-week changes in
total distance did not show the same link.

So the rule runcare checks first is simple: **keep each run within 10 % of your longest run of
the last 30 days.** Upload your watch files and your dashboard shows every run against it.

The often-quoted "10 % more per week" rule, on the other hand, did not prevent injuries when
it was tested (Buist et al., 2008).
"""

STRETCH = """\
Between sessions, a gentle stretch of the front of the hip helps many runners feel looser.
One of the stretches in your home program:

- [[exercise:kneeling-hip-flexor]]: kneel on one knee, tuck the pelvis under and move forward
  until you feel the stretch at the front of the hip of the kneeling leg.

Hold it calmly, breathe, and never push into pain. If a stretch makes the pain worse, stop and
tell us at your next session. Your own program, with a timer that counts the holds for you, is
under *Home stretches* when you log in.
"""

CREDITS = """\
Every picture in this series stands with its credit line under it: the title, the author,
where it comes from, and its licence. That is Creative Commons' recommended form, called TASL
(Title, Author, Source, Licence).

[[picture:posterior_hip|The muscles at the back of the hip and the lower back.]]

The drawings in these posts are runcare's own, shared under the MIT License. A picture from
Wikimedia Commons gets its credit from the file's page, and a post with a picture whose credit
is incomplete cannot be published until it is fixed.
"""

POSTS = (
    DemoPost(1, HIPS_QUESTION, "why-hips-and-lower-back-hurt", HIPS, 3, answers=HIPS_QUESTION),
    DemoPost(2, "Too much too soon: the longest-run rule", "the-longest-run-rule", SPIKE, 2),
    DemoPost(3, "A stretch for the front of the hip", "a-stretch-for-the-hip", STRETCH, 1),
    DemoPost(4, "How every picture here is credited", "how-pictures-are-credited", CREDITS, 0),
)


def seed_posts(therapist: User, asker: User, waiting: User, now: datetime) -> Series:
    """The series and its posts for ``therapist``; ``asker`` sent the question post #1
    answers, ``waiting`` the one still in the inbox."""
    series, _ = Series.objects.get_or_create(
        slug=SERIES_SLUG,
        defaults={
            "therapist": therapist,
            "title": "Runners ask: 31 answers in 31 days",
            "planned_posts": 31,
            "clinic_name": "Hanna Berg, sports massage",
            "description": "Questions from the runners we treat, answered one a day.",
        },
    )
    asked = _question(therapist, asker, HIPS_QUESTION, now - timedelta(days=5))
    _question(therapist, waiting, WAITING_QUESTION, now - timedelta(hours=20))
    for spec in POSTS:
        if not series.posts.filter(number=spec.number).exists():
            _post(series, spec, asked if spec.answers else None, now)
    return series


def _question(therapist: User, asker: User, text: str, at: datetime) -> Question:
    found = Question.objects.filter(asker=asker, text=text).first()
    return found or Question.objects.create(
        therapist=therapist, asker=asker, text=text, asked_at=at
    )


def _post(series: Series, spec: DemoPost, question: Question | None, now: datetime) -> None:
    published = now - timedelta(days=spec.days_ago)
    rendered = render_for_editor(None, series.therapist, spec.body)
    if rendered.problems:  # the demo must show what it teaches: only credited pictures
        raise ValueError(f"demo post #{spec.number}: {'; '.join(rendered.problems)}")
    post = Post.objects.create(
        series=series,
        number=spec.number,
        title=spec.title,
        slug=spec.slug,
        body=spec.body,
        question=question,
        planned_at=published,
        state=State.PUBLISHED,
        published_at=published,
    )
    keep_pictures(post, rendered)
