"""Every main page at 360 px in headless Chromium: nothing scrolls sideways, no "-0", the
pain map's patches are big enough to tap, forms are laid out alike. Screenshots are kept in
test-artifacts/ for a person to look at."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from runcare.web import demo
from runcare.web.accounts.models import User
from runcare.web.posts.demo import SERIES_SLUG
from runcare.web.posts.models import Series
from tests.web.phone import PHONE, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEGATIVE_ZERO = re.compile(r"(?<![\w.\-])-0(?:\.0+)?(?![\d.])")
# WCAG 2.5.5 and the platforms' guidelines: a touch target at least 44 CSS px.
TAP_PX = 44
WIDER_THAN_THE_PAGE = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
               && getComputedStyle(e).position !== 'absolute')
  .map(e => e.tagName + '.' + e.className)"""


def check_page(page: Any, url: str, shot: Path) -> str:
    page.goto(url)
    page.wait_for_load_state()
    page.screenshot(path=str(shot), full_page=True)
    assert no_horizontal_scroll(page), url
    assert page.evaluate(WIDER_THAN_THE_PAGE) == [], url
    text = str(page.locator("body").inner_text())
    assert not NEGATIVE_ZERO.search(text), (url, NEGATIVE_ZERO.findall(text))
    return text


def therapist_pages() -> list[str]:
    mia = User.objects.get(username=demo.TOO_MUCH)
    jonas = User.objects.get(username=demo.RED_FLAG)
    series = Series.objects.get(slug=SERIES_SLUG)
    first = series.posts.get(number=1)
    return [
        reverse("clinic:client_list"),
        reverse("clinic:client_detail", args=[mia.pk]),
        reverse("clinic:client_detail", args=[jonas.pk]),
        reverse("accounts:invite"),
        reverse("care:template_list"),
        reverse("training:activity_list", args=[mia.pk]),
        reverse("posts:inbox"),
        reverse("posts:series_list"),
        reverse("posts:series_detail", args=[series.pk]),
        reverse("posts:post_edit", args=[first.pk]),
        first.get_absolute_url(),
        series.get_absolute_url(),
        "/no/such/page/",
    ]


RUNNER_PAGES = [
    reverse("training:dashboard"),
    reverse("clinic:intake"),
    reverse("training:upload"),
    reverse("care:my_sessions"),
    reverse("accounts:settings"),
    reverse("body:index"),
    reverse("posts:ask"),
]


def test_every_main_page_fits_a_phone(browser: Any, live_server: Any, artifacts_dir: Path) -> None:
    demo.seed_demo(timezone.now())
    for username, urls in ((demo.THERAPIST, therapist_pages()), (demo.TOO_MUCH, RUNNER_PAGES)):
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        try:
            log_in(page, live_server.url, username)
            for index, url in enumerate(urls):
                check_page(
                    page, live_server.url + url, artifacts_dir / f"phone-{username}-{index}.png"
                )
        finally:
            context.close()


def test_the_pain_map_patches_are_big_enough_to_tap(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, demo.TOO_MUCH)
        check_page(
            page, live_server.url + reverse("clinic:intake"), artifacts_dir / "intake-360.png"
        )
        patches = page.locator(".painmap-region")
        assert patches.count() == 16
        for index in range(patches.count()):
            box = patches.nth(index).bounding_box()
            assert box is not None
            assert max(box["width"], box["height"]) >= TAP_PX, (
                patches.nth(index).get_attribute("data-region"),
                box,
            )
        # A tap on the smallest patch marks it.
        knee = page.locator('.painmap-region[data-region="knee_left"]')
        knee.click()
        assert page.locator("#id_pain_knee_left").input_value() == "1"
    finally:
        context.close()


def test_the_client_list_reads_well_on_a_phone(
    browser: Any, live_server: Any, artifacts_dir: Path
) -> None:
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, demo.THERAPIST)
        text = check_page(
            page, live_server.url + reverse("clinic:client_list"), artifacts_dir / "clients.png"
        )
        assert "Last run" in text
        assert page.locator(".badge", has_text=re.compile(r"^None$")).count() == 0
        # Every value in a card sits beside its label, inside the card.
        for card in page.locator("tbody tr").all():
            box = card.bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= PHONE["width"]
    finally:
        context.close()


def test_forms_are_laid_out_alike(browser: Any, live_server: Any, artifacts_dir: Path) -> None:
    demo.seed_demo(timezone.now())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, demo.THERAPIST)
        check_page(page, live_server.url + reverse("accounts:invite"), artifacts_dir / "invite.png")
        labels = page.locator("main form label")
        assert labels.count() >= 2
        for index in range(labels.count()):
            label = labels.nth(index)
            assert not label.inner_text().strip().endswith(":")
            field = page.locator(f"#{label.get_attribute('for')}")
            label_box, field_box = label.bounding_box(), field.bounding_box()
            assert label_box is not None and field_box is not None
            assert label_box["y"] + label_box["height"] <= field_box["y"] + 1  # label above
            assert field_box["width"] >= 0.9 * page.locator("main form").bounding_box()["width"]
    finally:
        context.close()
