"""Questions from runners (and the therapist's own), series, and posts.

A post moves draft -> scheduled -> published (or back to draft before it is published).
Publishing is one conditional UPDATE (``services.publish_due``), so two machines running the
same command cannot publish a post twice.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from runcare.web.accounts.models import User
from runcare.web.media.models import Picture


class Question(models.Model):
    """A question in a therapist's inbox: sent by one of her runners, or written by her.

    A runner's name is shown to the public only when ``may_publish_name`` is set; it is off
    unless the runner ticked it.
    """

    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="inbox")
    # Empty for a question the therapist wrote herself.
    asker = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    text = models.TextField(max_length=2000)
    may_publish_name = models.BooleanField(default=False)
    asked_at = models.DateTimeField()

    class Meta:
        ordering = ("-asked_at", "-pk")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def public_asker(self) -> str:
        """Who asked, as a reader of the post sees it; empty for her own question."""
        if self.asker is None:
            return ""
        if self.may_publish_name:
            return f"{self.asker.name} asks"
        return "A runner asks"


class Series(models.Model):
    """A therapist's series of posts, e.g. "31 posts in 31 days"."""

    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="series")
    title = models.CharField(max_length=200)
    # Unique across the site: the public address is /read/<slug>/.
    slug = models.SlugField(max_length=80, unique=True)
    planned_posts = models.PositiveSmallIntegerField(
        "Planned number of posts", help_text="For “#15 of 31”."
    )
    clinic_name = models.CharField(
        "Clinic name",
        max_length=120,
        blank=True,
        help_text="Shown on the public pages; empty: your name.",
    )
    description = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title

    @property
    def byline(self) -> str:
        return self.clinic_name.strip() or self.therapist.name

    def get_absolute_url(self) -> str:
        return reverse("read:series", args=[self.slug])


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class Post(models.Model):
    """One post of a series, number ``number`` of the series' planned posts."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    body = models.TextField(blank=True, max_length=100_000)
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    planned_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The library pictures the body shows, kept on every save: the public may fetch these
    # files, and only these, once the post is published.
    pictures = models.ManyToManyField(Picture, blank=True, related_name="posts")

    class Meta:
        ordering = ("series", "number", "pk")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="post_number_unique"),
            models.UniqueConstraint(fields=["series", "slug"], name="post_slug_unique"),
            models.CheckConstraint(
                name="scheduled_post_has_time",
                condition=~models.Q(state="scheduled") | models.Q(planned_at__isnull=False),
            ),
            models.CheckConstraint(
                name="published_post_has_time",
                condition=~models.Q(state="published") | models.Q(published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.title}"

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def of_planned(self) -> str:
        return f"#{self.number} of {self.series.planned_posts}"

    def get_absolute_url(self) -> str:
        return reverse("read:post", args=[self.series.slug, self.slug])
