"""The HTML report in a real browser: no console errors, readable on a phone, no network."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from runcare.cli.main import main
from tests.test_check_cli import steady, write_history

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def report_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    write_history(tmp_path, {**steady(120), 121: 16.0})
    report = tmp_path / "report.html"
    assert main(["check", str(tmp_path), "--as-of", "2024-08-05", "--html", str(report)]) == 0
    capsys.readouterr()
    return report


def test_it_opens_without_errors_and_shows_the_verdict_first(
    browser: Any, report_file: Path, artifacts_dir: Path
) -> None:
    page = browser.new_page(viewport=PHONE)
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report_file.as_uri())
    assert problems == []
    assert requests == [report_file.as_uri()]  # nothing fetched beyond the file itself
    verdict = page.locator("#verdict")
    assert "Too much too soon" in verdict.inner_text()
    assert verdict.bounding_box()["y"] < PHONE["height"]  # above the fold on a phone
    assert page.locator("svg.chart").count() == 4
    # Nothing wider than the phone: no sideways scrolling of the page itself.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(artifacts_dir / "check-report-phone.png"), full_page=True)
    page.close()


# The page's 16 px margins leave a chart 328 px of a 360 px phone.
SMALLEST_TEXT_PX = 8.5


def test_it_draws_chart_text_a_phone_can_read_inside_the_chart(
    browser: Any, report_file: Path
) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(report_file.as_uri())
    texts = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg.chart')).flatMap(svg => {
            const box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            return Array.from(svg.querySelectorAll('text')).map(t => {
                const r = t.getBoundingClientRect();
                return {text: t.textContent, box: [r.left, r.right, r.top, r.bottom],
                        px: parseFloat(getComputedStyle(t).fontSize) * scale,
                        inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5};
            });
        })"""
    )
    page.close()
    assert texts
    assert [t["text"] for t in texts if t["px"] < SMALLEST_TEXT_PX] == []
    assert [t["text"] for t in texts if not t["inside"]] == []
    clashes = [(a["text"], b["text"]) for a, b in itertools.combinations(texts, 2) if overlap(a, b)]
    assert clashes == []


def overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two text boxes share more than a pixel each way (line boxes touch at rest)."""
    (al, ar, at, ab), (bl, br, bt, bb) = a["box"], b["box"]
    return min(ar, br) - max(al, bl) > 1 and min(ab, bb) - max(at, bt) > 1


def test_it_prints_to_pdf(browser: Any, report_file: Path, artifacts_dir: Path) -> None:
    page = browser.new_page()
    page.goto(report_file.as_uri())
    pdf = page.pdf(path=str(artifacts_dir / "check-report.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()
