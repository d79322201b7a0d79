"""Sources are links: web addresses and DOIs in a cited source open it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from runcare.web.clinic.templatetags.runcare_sources import source_links
from tests.web.conftest import Personas
from tests.web.helpers import add_intake, add_runs, spiky_runs, today


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Frandsen et al. 2025;59(17):1203-1210, doi:10.1136/bjsports-2024-109380 (runners)",
            '<a href="https://doi.org/10.1136/bjsports-2024-109380">'
            "doi:10.1136/bjsports-2024-109380</a> (runners)",
        ),
        ("see doi:10.1016/x.", '<a href="https://doi.org/10.1016/x">doi:10.1016/x</a>.'),
        (
            "NICE NG59, https://www.nice.org.uk/guidance/ng59",
            '<a href="https://www.nice.org.uk/guidance/ng59" rel="nofollow">',
        ),
        ("runcare convention", "runcare convention"),
        ("<script>alert(1)</script> doi:10.1/<b>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
)
def test_it_links_addresses_and_dois(text: str, expected: str) -> None:
    html = str(source_links(text))
    assert expected in html
    assert "<script>" not in html
    assert "<b>" not in html


def test_the_explanation_links_its_sources(personas: Personas, runner_client: Client) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    add_intake(personas.runner, pain={"hip_front_left": 4})
    html = runner_client.get(reverse("training:dashboard")).content.decode()
    sources = html[html.index('class="explanation-sources') :]
    sources = sources[: sources.index("</ol>")]
    assert 'href="https://doi.org/10.1136/bjsports-2024-109380"' in sources
    assert 'href="https://www.nice.org.uk/guidance/ng59"' in sources
