"""The forms of the Q&A series: a runner's question, the therapist's own, a series, a post."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.text import slugify

from runcare.web.accounts.models import User
from runcare.web.posts.models import Post, Question, Series, State

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"
SERIES_ADDRESS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def address_of(title: str) -> str:
    """A title as a series' address: ``Runners ask_2026`` -> ``runners-ask-2026``."""
    return re.sub(r"-{2,}", "-", slugify(title).replace("_", "-"))[:80].strip("-")


class LocalDateTimeInput(forms.DateTimeInput):
    """``<input type="datetime-local">``, its value always written as the browser sends it."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=LOCAL_MINUTE)


class AskForm(forms.ModelForm):  # type: ignore[type-arg]
    """A runner's question. Her name may be published only if she ticks the box."""

    class Meta:
        model = Question
        fields = ["text", "may_publish_name"]
        labels = {
            "text": "Your question",
            "may_publish_name": "My therapist may publish my name with the answer",
        }
        help_texts = {
            "text": "Your therapist may answer it in her series of posts.",
            "may_publish_name": "Leave it unticked and the answer says “A runner asks”.",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"text": {"required": "Write your question."}}

    def clean_text(self) -> str:
        text = " ".join(str(self.cleaned_data["text"]).split())
        if not text:
            raise forms.ValidationError("Write your question.")
        return text


class OwnQuestionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Question
        fields = ["text"]
        labels = {"text": "A question you want to answer"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class SeriesForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Series
        fields = ["title", "slug", "planned_posts", "clinic_name", "description"]
        labels = {"slug": "Web address"}
        help_texts = {"slug": "Lower-case letters, digits and dashes; empty: made from the title."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["planned_posts"].widget.attrs["min"] = 1

    def clean_slug(self) -> str:
        given = str(self.cleaned_data.get("slug") or "")
        slug = given or address_of(str(self.data.get("title", "")))
        if not slug:
            raise forms.ValidationError("Give the series a web address.")
        # The static site names its files after it, and accepts no other form.
        if not SERIES_ADDRESS.fullmatch(slug):
            raise forms.ValidationError(
                "Use lower-case letters and digits, words joined by single dashes."
            )
        taken = Series.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists()
        if taken:
            raise forms.ValidationError("Another series has this address; choose another.")
        return slug

    def clean_planned_posts(self) -> int:
        planned = int(self.cleaned_data["planned_posts"])
        if planned < 1:
            raise forms.ValidationError("A series plans at least one post.")
        return planned


class QuestionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.public_asker or 'Your question'}: {obj.text[:80]}"


class PostForm(forms.ModelForm):  # type: ignore[type-arg]
    """The editor. The series is given; numbers and addresses are unique within it."""

    question = QuestionChoiceField(
        queryset=Question.objects.none(), required=False, label="The question it answers"
    )
    planned_at = forms.DateTimeField(
        label="Publish at",
        required=False,
        input_formats=[LOCAL_MINUTE, "%Y-%m-%d %H:%M"],
        widget=LocalDateTimeInput(),
        help_text="Your local time. Needed to schedule the post.",
    )

    class Meta:
        model = Post
        fields = ["number", "title", "slug", "question", "planned_at", "body"]
        labels = {"slug": "Web address", "body": "Text (Markdown)"}
        help_texts = {"slug": "Empty: made from the title."}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 18, "data-preview-source": ""}),
        }

    def __init__(self, *args: Any, series: Series, therapist: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        if "slug" in self.fields:
            self.fields["slug"].required = False
        if self.instance.pk and self.instance.state == State.PUBLISHED:
            # Readers and feeds know it by its address and number (the feed's entry id).
            for name in ("slug", "number"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Kept once published: readers know it by this."
        self.fields["number"].widget.attrs["min"] = 1
        question = self.fields["question"]
        assert isinstance(question, QuestionChoiceField)
        question.queryset = Question.objects.filter(therapist=therapist).select_related("asker")

    def _siblings(self) -> Any:
        return Post.objects.filter(series=self.series).exclude(pk=self.instance.pk)

    def clean_number(self) -> int:
        number = int(self.cleaned_data["number"])
        if number < 1:
            raise forms.ValidationError("Posts are numbered from 1.")
        if self._siblings().filter(number=number).exists():
            raise forms.ValidationError(f"The series already has a post #{number}.")
        return number

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data.get("slug") or "") or slugify(str(self.data.get("title", "")))
        if not slug:
            raise forms.ValidationError("Give the post a web address.")
        if self._siblings().filter(slug=slug).exists():
            raise forms.ValidationError("Another post of the series has this address.")
        return slug[:80]


class NewPostForm(PostForm):
    """The first step: number, title and the question; the text is written in the editor."""

    planned_at = None  # type: ignore[assignment]  # set in the editor

    class Meta(PostForm.Meta):
        fields = ["number", "title", "question"]
