"""The static export opened from a folder in headless Chromium: every page reached from the
index, every link and picture resolves, nothing fetched from the network, no console error
(a Content-Security-Policy violation is one), no sideways scrolling on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree

from runcare.posts.site import write_static_site
from tests.posts_sample import sample_site

PHONE = {"width": 360, "height": 740}

LINKS_AND_PICTURES = """() => ({
    links: [...document.querySelectorAll('a[href], link[href]')].map(e => e.href),
    images: [...document.images].map(i => i.src),
})"""

# Lazy pictures below the fold would not load on their own; decode() fails for a broken one.
LOAD_PICTURES = """async () => Promise.all([...document.images].map(async img => {
    img.loading = 'eager';
    try { await img.decode(); return [img.src, img.naturalWidth]; }
    catch (error) { return [img.src, 0]; }
}))"""


def local_path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def test_every_page_link_and_picture_of_the_export_resolves_from_a_folder(
    browser: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    out = tmp_path / "site"
    written = write_static_site(out, sample_site(tmp_path))
    page = browser.new_page(viewport=PHONE)
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith("file://") else foreign.append(r.url))

    to_visit, seen, external, pictures = [(out / "index.html").as_uri()], set(), set(), {}
    wide: list[str] = []
    while to_visit:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        found = page.evaluate(LINKS_AND_PICTURES)
        pictures.update(dict(page.evaluate(LOAD_PICTURES)))
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"):
            wide.append(url)
        for link in found["links"]:
            target = link.split("#", 1)[0]
            if not target.startswith("file://"):
                external.add(target)
                continue
            assert local_path(target).is_file(), f"{url} links to a missing {target}"
            if target.endswith(".html"):
                to_visit.append(target)
            elif target.endswith(".atom"):
                etree.parse(str(local_path(target)))  # a feed that parses
    page.goto((out / "hips-15.html").as_uri())
    page.screenshot(path=str(artifacts_dir / "posts-site-phone.png"), full_page=True)
    page.close()

    pages_written = {name for name in written.files if name.endswith(".html")}
    assert {local_path(url).name for url in seen} == pages_written  # every page is reachable
    assert pictures and all(width > 0 for width in pictures.values()), pictures
    assert {local_path(src).name for src in pictures} == {"front-of-hip.svg", "stretch.png"}
    assert external == {"https://opensource.org/license/mit", "https://example.org/hips"}
    assert errors == [] and foreign == [] and wide == []
