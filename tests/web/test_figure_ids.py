"""Pages that show one drawing twice (a stretch in the program and in the timer, an
exercise prescribed twice, the handout) have no duplicate element ids."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from runcare.exercises import figures
from runcare.web.exercises.handout import handout_html
from runcare.web.exercises.models import LibraryExercise
from runcare.web.exercises.queries import current_version, program_view
from runcare.web.exercises.services import item_of, save_version
from runcare.web.media.figures import Figure
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

KEY = "kneeling-hip-flexor"


def duplicate_ids(page: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    counts = Counter(str(e.get("id")) for e in tree.iter() if e.get("id") is not None)
    return [name for name, count in counts.items() if count > 1]


def dangling_references(page: str) -> list[str]:
    """References inside each inline drawing to an id that is not in that drawing."""
    tree = lxml_html.fromstring(page)
    dangling: list[str] = []
    for svg in tree.iter("svg"):
        own = {e.get("id") for e in svg.iter() if e.get("id")}
        for element in svg.iter():
            for name, value in element.attrib.items():
                wanted = re.findall(r"url\(#([^)\s]+)\)", value)
                if name == "aria-labelledby":
                    wanted = value.split()
                elif name.endswith("href") and value.startswith("#"):
                    wanted = [value[1:]]
                dangling += [w for w in wanted if w not in own]
    return dangling


def prescribe_twice(personas: Personas) -> None:
    row = LibraryExercise.objects.get(therapist=None, key=KEY)
    items = [item_of(row, row.dose), item_of(row, row.dose)]
    save_version(personas.runner, personas.therapist, items, "", timezone.now())


def test_the_runners_page_shows_each_drawing_twice_with_unique_ids(personas: Personas) -> None:
    prescribe_twice(personas)
    page = client_for(personas.runner).get(reverse("exercises:my_program")).content.decode()
    drawing_id = f"rc-ex-{KEY}-title"
    # Twice in the list, twice in the timer.
    assert page.count(f'id="{drawing_id}') == 4
    assert duplicate_ids(page) == []
    assert dangling_references(page) == []


def test_the_therapists_program_page_has_unique_ids(personas: Personas) -> None:
    prescribe_twice(personas)
    url = reverse("exercises:program_detail", args=[personas.runner.pk])
    page = client_for(personas.therapist).get(url).content.decode()
    assert page.count(f'id="rc-ex-{KEY}-title') == 2
    assert duplicate_ids(page) == []
    assert dangling_references(page) == []


def test_the_handout_has_unique_ids(personas: Personas) -> None:
    prescribe_twice(personas)
    current = current_version(personas.runner)
    assert current is not None
    page = handout_html(personas.runner, program_view(current), timezone.now())
    assert page.count(f'id="rc-ex-{KEY}-title') == 2
    assert duplicate_ids(page) == []
    assert dangling_references(page) == []


def test_each_page_rendered_starts_counting_again() -> None:
    drawing = figures()[KEY]
    picture = Figure(credit=drawing.credit(), alt=drawing.alt, svg=drawing.svg)
    template = Template("{% load figures %}{% figure picture %}{% figure picture %}")
    first, second = (template.render(Context({"picture": picture})) for _ in range(2))
    assert first == second
    assert f'id="rc-ex-{KEY}-title"' in first
    assert f'id="rc-ex-{KEY}-title-2"' in first
