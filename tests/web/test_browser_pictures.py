"""A therapist adds a Commons picture on her phone: fill the credit, upload, see it credited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import PASSWORD, Personas
from tests.web.test_pictures import SEED_PAGE, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.fixture(autouse=True)
def commons_answers(settings: Any, tmp_path: Path) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.COMMONS_FETCHER = "tests.web.test_pictures.seed_fetcher"


def test_she_fills_the_credit_from_commons_and_uploads_at_360_px(
    browser: Any,
    live_server: Any,
    personas: Personas,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    picture_file = tmp_path / "hip.png"
    picture_file.write_bytes(image_bytes(size=(800, 600)))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("User name").fill(personas.therapist.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()

        page.get_by_role("link", name="Pictures").click()
        page.get_by_role("link", name="Add a picture").click()
        page.get_by_label("Wikimedia Commons file name or address").fill(
            "https://upload.wikimedia.org/wikipedia/commons/e/e2/Anterior_Hip_Muscles_2.PNG"
        )
        page.get_by_role("button", name="Fill from Commons").click()
        page.wait_for_load_state()
        assert page.get_by_label("Author", exact=True).input_value() == "Beth ohara"
        assert page.get_by_label("Source", exact=True).input_value() == SEED_PAGE
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "picture-new-360.png"), full_page=True)

        page.get_by_label("Picture (PNG, JPEG or WebP)").set_input_files(str(picture_file))
        page.get_by_label("Description for people who cannot see it").fill("The hip flexors")
        page.get_by_role("button", name="Upload").click()
        page.wait_for_load_state()

        figure = page.locator("figure.credited")
        assert figure.count() == 1
        image = figure.locator("img")
        assert image.get_attribute("alt") == "The hip flexors"
        # The picture really loads (natural width > 0) and fits the phone's width.
        assert page.evaluate("document.querySelector('figure.credited img').naturalWidth") == 800
        box = image.bounding_box()
        assert box is not None and box["width"] <= PHONE["width"]
        caption = figure.locator("figcaption").inner_text()
        assert "Anterior Hip Muscles 2" in caption and "CC BY-SA 3.0" in caption
        assert figure.get_by_role("link", name="Anterior Hip Muscles 2").get_attribute("href") == (
            SEED_PAGE
        )
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / "picture-detail-360.png"), full_page=True)
    finally:
        context.close()
