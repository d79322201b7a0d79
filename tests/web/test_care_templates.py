"""Protocol templates in the clinic: each therapist edits her own copies of the default."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from runcare.care.protocols import default_template, step_to_dict
from runcare.web.care.models import ProtocolTemplate
from tests.web.care_helpers import template_of
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def test_it_gives_a_therapist_a_copy_of_the_default_on_her_first_visit(
    personas: Personas, therapist_client: Client
) -> None:
    response = therapist_client.get(reverse("care:template_list"))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    mine = ProtocolTemplate.objects.get(therapist=personas.therapist)
    assert mine.steps == [step_to_dict(s) for s in default_template().steps]
    assert "Runner&#x27;s hips and lower back" in response.content.decode()
    therapist_client.get(reverse("care:template_list"))
    assert ProtocolTemplate.objects.filter(therapist=personas.therapist).count() == 1


def test_it_makes_several_templates(personas: Personas, therapist_client: Client) -> None:
    first = template_of(personas.therapist)
    response = therapist_client.post(reverse("care:template_copy", args=[first.pk]))
    copy = ProtocolTemplate.objects.exclude(pk=first.pk).get()
    assert response.url == reverse("care:template_detail", args=[copy.pk])
    assert copy.name == f"Copy of {first.name}"
    therapist_client.post(reverse("care:template_new"))
    assert ProtocolTemplate.objects.filter(therapist=personas.therapist).count() == 3


@pytest.mark.parametrize("who", ["runner_client", "stranger_client", "other_therapist_client"])
@pytest.mark.parametrize(
    ("name", "method", "extra"),
    [
        ("care:template_detail", "get", []),
        ("care:template_step_edit", "get", [0]),
        ("care:template_step_add", "post", []),
        ("care:template_step_remove", "post", [0]),
        ("care:template_step_move", "post", [0]),
        ("care:template_rename", "post", []),
        ("care:template_copy", "post", []),
        ("care:template_delete", "post", []),
    ],
)
def test_it_keeps_a_template_to_its_therapist(
    personas: Personas,
    request: pytest.FixtureRequest,
    *,
    who: str,
    name: str,
    method: str,
    extra: list[int],
) -> None:
    template = template_of(personas.therapist)
    client = request.getfixturevalue(who)
    response = getattr(client, method)(reverse(name, args=[template.pk, *extra]))
    assert response.status_code == 404
    template.refresh_from_db()
    assert len(template.steps) == 7 and template.name == default_template().name


@pytest.mark.parametrize("who", ["runner_client", "stranger_client"])
def test_it_gives_runners_a_404_for_templates(request: pytest.FixtureRequest, who: str) -> None:
    client = request.getfixturevalue(who)
    assert client.get(reverse("care:template_list")).status_code == 404
    assert client.post(reverse("care:template_new")).status_code == 404
    assert not ProtocolTemplate.objects.exists()


def test_it_shows_another_therapist_only_her_own_templates(
    personas: Personas, other_therapist_client: Client
) -> None:
    mine = template_of(personas.therapist)
    therapist_client_copy = reverse("care:template_detail", args=[mine.pk])
    html = other_therapist_client.get(reverse("care:template_list")).content.decode()
    assert therapist_client_copy not in html
    assert ProtocolTemplate.objects.filter(therapist=personas.other_therapist).count() == 1


def step_post(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "technique": "hold_relax",
        "regions": ["hip_front"],
        "muscles": ["psoas_major", "iliacus"],
        "side": "both",
        "position": "supine",
        "hold_s": "5",
        "reps": "3",
        "resistance": "light",
        "notes": "Gentle.",
    }
    data.update(changes)
    return data


def test_it_adds_a_step_at_the_end(personas: Personas, therapist_client: Client) -> None:
    template = template_of(personas.therapist)
    url = reverse("care:template_step_add", args=[template.pk])
    assert therapist_client.get(url).status_code == 200
    response = therapist_client.post(url, step_post())
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.steps[-1] == {
        "technique": "hold_relax",
        "regions": ["hip_front"],
        "muscles": ["psoas_major", "iliacus"],
        "side": "both",
        "position": "supine",
        "hold_s": 5.0,
        "reps": 3,
        "resistance": "light",
        "notes": "Gentle.",
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": "5"}, "Minutes does not apply to PNF hold-relax."),
        ({"regions": [], "muscles": []}, "Choose at least one body area or muscle."),
        ({"hold_s": "0"}, "Hold (s) must be more than 0 and at most 300."),
        ({"hold_s": "6", "hold_max_s": "5"}, "The longest hold needs a shortest hold"),
        ({"reps": "2.5"}, "Enter a whole number."),
        ({"technique": "ais"}, "Select a valid choice."),
    ],
)
def test_it_refuses_a_bad_step_and_keeps_the_template(
    personas: Personas, therapist_client: Client, changes: dict[str, object], message: str
) -> None:
    template = template_of(personas.therapist)
    before = list(template.steps)
    response = therapist_client.post(
        reverse("care:template_step_add", args=[template.pk]), step_post(**changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    template.refresh_from_db()
    assert template.steps == before


def test_it_changes_a_dose(personas: Personas, therapist_client: Client) -> None:
    template = template_of(personas.therapist)
    url = reverse("care:template_step_edit", args=[template.pk, 4])
    page = therapist_client.get(url).content.decode()
    assert 'value="3"' in page  # the stored hold is filled in
    data = step_post(technique="pnf_contract_relax", hold_s="4", hold_max_s="6", reps="8")
    therapist_client.post(url, data)
    template.refresh_from_db()
    assert template.steps[4]["hold_max_s"] == 6.0
    assert template.steps[4]["reps"] == 8
    assert len(template.steps) == 7


@pytest.mark.parametrize(
    ("index", "direction", "order"),
    [
        (1, "up", ["trigger_point", "compression", "kneading"]),
        (0, "down", ["trigger_point", "compression", "kneading"]),
        (0, "up", ["compression", "trigger_point", "kneading"]),
        (6, "down", ["compression", "trigger_point", "kneading"]),
        (1, "sideways", ["compression", "trigger_point", "kneading"]),
    ],
)
def test_it_reorders_steps_within_bounds(
    personas: Personas, therapist_client: Client, index: int, direction: str, order: list[str]
) -> None:
    template = template_of(personas.therapist)
    therapist_client.post(
        reverse("care:template_step_move", args=[template.pk, index]), {"direction": direction}
    )
    template.refresh_from_db()
    assert [s["technique"] for s in template.steps[:3]] == order
    assert len(template.steps) == 7


def test_it_removes_a_step_and_ignores_a_missing_one(
    personas: Personas, therapist_client: Client
) -> None:
    template = template_of(personas.therapist)
    therapist_client.post(reverse("care:template_step_remove", args=[template.pk, 0]))
    template.refresh_from_db()
    assert template.steps[0]["technique"] == "trigger_point"
    response = therapist_client.post(
        reverse("care:template_step_remove", args=[template.pk, 50]), follow=True
    )
    assert "That step is no longer there." in response.content.decode()
    template.refresh_from_db()
    assert len(template.steps) == 6


def test_it_renames_but_not_to_nothing(personas: Personas, therapist_client: Client) -> None:
    template = template_of(personas.therapist)
    url = reverse("care:template_rename", args=[template.pk])
    therapist_client.post(url, {"name": "  Hip flexor focus  "})
    template.refresh_from_db()
    assert template.name == "Hip flexor focus"
    therapist_client.post(url, {"name": "   "})
    template.refresh_from_db()
    assert template.name == "Hip flexor focus"
