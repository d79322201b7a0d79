"""Pages get their styles and scripts: the site's static files are served."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.parametrize("path", ["runcare/site.css", "runcare/painmap.js", "runcare/upload.js"])
def test_it_serves_the_sites_static_files(path: str) -> None:
    response = Client().get(f"/static/{path}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_it_links_the_stylesheet_from_the_login_page(db: None) -> None:
    html = Client().get("/accounts/login/").content.decode()
    assert 'href="/static/runcare/site.css"' in html
