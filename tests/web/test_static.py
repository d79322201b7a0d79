"""Pages get their styles and scripts: the site's static files are served."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.parametrize("path", ["runcare/site.css", "runcare/painmap.js", "runcare/upload.js"])
def test_it_serves_the_sites_static_files(path: str) -> None:
    response = Client().get(f"/static/{path}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_it_links_the_stylesheet_from_the_login_page(db: None) -> None:
    html = Client().get("/accounts/login/").content.decode()
    assert 'href="/static/runcare/site.css"' in html


def contrast(colour_a: str, colour_b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(colour_a), luminance(colour_b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_it_draws_a_focus_ring_that_stands_out_from_the_white_page() -> None:
    css = (Path(settings.BASE_DIR) / "static" / "runcare" / "site.css").read_text()
    rule = re.search(r"^:focus-visible \{([^}]*)\}", css, re.MULTILINE)
    assert rule is not None
    colour = re.search(r"outline: *\d+px solid (#[0-9a-fA-F]{6})", rule[1])
    assert colour is not None
    # WCAG 1.4.11: a focus indicator needs 3:1 against what is around it.
    assert contrast(colour[1], "#ffffff") >= 3
