"""The demo therapist turns Lena's question into a post on a 360 px phone: she writes it with
the hip-flexor drawing, watches the live preview find a picture without its credit, fixes it,
publishes; a reader without an account finds it on the public page with the figure and its
credit, and in the series' feed. No Content-Security-Policy violation anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from lxml import etree

from runcare.web import demo
from runcare.web.posts.demo import SERIES_SLUG, WAITING_QUESTION
from runcare.web.posts.models import Post, State
from tests.web.phone import PHONE, log_in, no_horizontal_scroll, page_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def phone(browser: Any, live_server: Any, settings: Any, tmp_path: Path) -> Iterator[Any]:
    settings.UPLOAD_DIR = tmp_path / "uploads"
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = page_errors(page)
    yield page
    context.close()
    assert errors == []


def test_the_demo_therapist_answers_a_question_and_publishes_it(
    phone: Any, live_server: Any, artifacts_dir: Path
) -> None:
    page = phone
    log_in(page, live_server.url, demo.THERAPIST)
    page.get_by_role("link", name="Q&A").click()
    item = page.locator(".question-list > li", has_text=WAITING_QUESTION)
    assert "A runner asks" in item.inner_text() or "published as" in item.inner_text()
    item.get_by_role("link", name="Answer it in").first.click()
    page.wait_for_load_state()
    assert page.get_by_label("Title").input_value() == WAITING_QUESTION
    page.get_by_role("button", name="Start writing").click()
    page.wait_for_load_state()

    text = page.get_by_label("Text (Markdown)")
    assert text.input_value().startswith(f"> {WAITING_QUESTION}")
    text.fill("After the run, while the muscles are warm.\n\n[[picture:not-in-the-library]]\n")
    preview = page.locator("[data-preview-target]")
    problems = page.locator("[data-preview-problems]")
    problems.get_by_text("not-in-the-library").wait_for()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / "post-editor-problem-360.png"), full_page=True)

    text.fill(
        "After the run, while the muscles are warm. **Gently.**\n\n"
        "[[picture:anterior_hip|The hip flexors.]]\n\n"
        "Start with [[exercise:kneeling-hip-flexor]].\n"
    )
    preview.locator("strong", has_text="Gently.").wait_for()
    problems.get_by_text("No problems").wait_for()
    caption = preview.locator("figure.credited figcaption").inner_text()
    assert "Muscles at the front of the hip" in caption and "MIT License" in caption
    assert (
        page.evaluate("document.querySelector('[data-preview-target] figure img').naturalWidth") > 0
    )
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / "post-editor-preview-360.png"), full_page=True)

    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    page.get_by_text("Published: anyone can read it now.").wait_for()
    post = Post.objects.get(title=WAITING_QUESTION)
    assert post.state == State.PUBLISHED

    # A reader without an account.
    reader = page.context.browser.new_context(viewport=PHONE)
    try:
        public = reader.new_page()
        public.goto(f"{live_server.url}/read/{SERIES_SLUG}/")
        public.get_by_role("link", name=f"#5 of 31: {WAITING_QUESTION}").click()
        public.wait_for_load_state()
        assert public.locator("h1").inner_text().endswith(WAITING_QUESTION)
        assert "A runner asks" in public.locator(".post-asker").inner_text()
        figure = public.locator(".post-body figure.credited")
        assert "MIT License" in figure.locator("figcaption").inner_text()
        assert public.evaluate("document.querySelector('.post-body figure img').naturalWidth") > 0
        assert public.locator("a[rel=prev]").inner_text().startswith("← #4 of 31")
        assert no_horizontal_scroll(public)
        public.screenshot(path=str(artifacts_dir / "post-public-360.png"), full_page=True)
        feed = public.request.get(f"{live_server.url}/read/{SERIES_SLUG}/feed.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        entries = etree.fromstring(feed.body()).findall(f"{ATOM}entry")
        assert entries[0].findtext(f"{ATOM}title") == f"#5 of 31: {WAITING_QUESTION}"
        assert "MIT License" in entries[0].findtext(f"{ATOM}content", "")
    finally:
        reader.close()
