"""Body knowledge pages: a page per muscle, the hip flexors, each drawing's own page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from runcare.body import catalogue
from runcare.web.clinic.models import Intake
from tests.web.conftest import Personas, client_for
from tests.web.test_intake import post_data

pytestmark = pytest.mark.django_db


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    if url.startswith("/body/"):
        # The header names whoever is logged in: never stored by a shared cache.
        assert "no-store" in response["Cache-Control"]
    return response.content.decode()


@pytest.mark.parametrize("key", sorted(catalogue().muscles))
def test_it_shows_every_fact_of_every_muscle_with_its_sources(client: Client, key: str) -> None:
    muscle = catalogue().muscles[key]
    html = _html(client, reverse("body:muscle", args=[key]))
    for _, fact in muscle.facts():
        text = fact.text.replace("'", "&#x27;").replace('"', "&quot;")
        assert text in html
        for source in catalogue().sources_of(fact):
            assert f'href="{source.url}"' in html


def test_it_names_the_regions_the_muscle_may_relate_to(client: Client) -> None:
    html = _html(client, reverse("body:muscle", args=["hamstrings"]))
    assert "buttock, back of thigh (either side)" in html


def test_it_shows_the_labelled_figure_on_the_pages_of_the_muscles_it_labels(
    client: Client,
) -> None:
    html = _html(client, reverse("body:muscle", args=["iliacus"]))
    assert html.count('<figure class="credited">') == 1
    assert "Muscles at the front of the hip" in html
    assert 'href="http://testserver/body/figures/anterior_hip/"' in html
    assert "runcare contributors" in html and "MIT License" in html
    # A muscle the figure does not label gets no figure.
    assert "<figure" not in _html(client, reverse("body:muscle", args=["hamstrings"]))


def test_it_answers_404_for_an_unknown_muscle_or_drawing(client: Client) -> None:
    assert client.get(reverse("body:muscle", args=["elbow"])).status_code == 404
    assert client.get(reverse("body:figure", args=["elbow"])).status_code == 404


def test_it_explains_the_hip_flexors_and_iliopsoas_with_the_figure(client: Client) -> None:
    html = _html(client, reverse("body:hip_flexors"))
    for key in ("psoas_major", "iliacus", "rectus_femoris", "sartorius"):
        assert f'href="{reverse("body:muscle", args=[key])}"' in html
    assert "Iliopsoas is the name for psoas major and iliacus together" in html
    assert '<figure class="credited">' in html


def test_it_presents_the_pull_on_the_spine_as_a_common_explanation_only(
    client: Client,
) -> None:
    html = _html(client, reverse("body:hip_flexors"))
    claim = catalogue().groups["hip_flexors"].common_explanation
    assert claim is not None
    before, _, after = html.partition(claim)
    assert after, "the explanation is shown"
    assert "A common explanation" in before
    assert "not an established finding" in after
    # Nowhere else: not on a muscle page as if it were a fact.
    assert claim not in _html(client, reverse("body:muscle", args=["psoas_major"]))


def test_it_shows_each_drawing_page_with_its_credit_and_licence(client: Client) -> None:
    html = _html(client, reverse("body:figure", args=["anterior_hip"]))
    assert "src/runcare/body/figures/anterior_hip.svg" in html
    assert 'href="https://opensource.org/license/mit"' in html
    painmap = _html(client, reverse("body:figure", args=["painmap"]))
    assert 'class="painmap"' in painmap
    assert re.search(r'<span class="credit">.*runcare contributors.*MIT License', painmap)


def test_it_lists_every_muscle_on_the_index_with_both_drawings(client: Client) -> None:
    html = _html(client, reverse("body:index"))
    for key in catalogue().muscles:
        assert f'href="{reverse("body:muscle", args=[key])}"' in html
    assert html.count('<figure class="credited">') == 2
    assert "Muscles at the back of the hip and the lower back" in html


def test_it_puts_the_muscles_in_the_navigation_for_both_roles(personas: Personas) -> None:
    for user in (personas.therapist, personas.runner):
        html = _html(client_for(user), reverse("body:index"))
        assert f'<a href="{reverse("body:index")}">Muscles</a>' in html


def test_it_links_the_intake_results_muscles_to_their_pages(
    personas: Personas,
) -> None:
    runner = client_for(personas.runner)
    data = post_data()
    data["pain_hip_front_left"] = "5"
    runner.post(reverse("clinic:intake"), data)
    html = _html(runner, reverse("clinic:intake_result", args=[Intake.objects.get().pk]))
    assert f'<a href="{reverse("body:muscle", args=["piriformis"])}">Piriformis</a>' in html
    assert f'<a href="{reverse("body:muscle", args=["psoas_major"])}">Psoas major</a>' in html
    assert f'href="{reverse("body:hip_flexors")}"' in html


def test_it_credits_the_pain_map_on_the_intake_pages(personas: Personas) -> None:
    runner = client_for(personas.runner)
    html = _html(runner, reverse("clinic:intake"))
    figure = html[html.index('<figure class="painmap"') : html.index("</figure>")]
    assert '<span class="credit">' in figure
    assert 'href="http://testserver/body/figures/painmap/"' in figure
