"""Body knowledge: a page per muscle, the hip flexors, and each drawing's own page.

Public, like a reference book: they hold no one's data, and a credit's source link must
open for anyone who reads a printed handout. Not cached, because the header names the
person logged in.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from runcare.body import Muscle, catalogue, regions_of
from runcare.body.drawings import Drawing, drawings, drawings_of
from runcare.body.muscles import FACT_LABELS, Catalogue
from runcare.exercises.figures import figure_of
from runcare.exercises.library import library as exercise_library
from runcare.web.body.figures import drawing_figure
from runcare.web.media.figures import Figure


def _muscle(data: Catalogue, key: str) -> Muscle:
    muscle = data.muscles.get(key)
    if muscle is None:
        raise Http404
    return muscle


def _areas(muscle: Muscle) -> list[str]:
    """Area names, each once (both sides of an area are listed together)."""
    names: dict[str, None] = {}
    for region in regions_of(muscle.key):
        names.setdefault(region.area, None)
    return list(names)


@never_cache
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    data = catalogue()
    context = {
        "muscles": data.muscles.values(),
        "figures": [drawing_figure(request, d) for d in drawings().values() if d.svg],
    }
    return render(request, "body/index.html", context)


@never_cache
@require_GET
def muscle(request: HttpRequest, key: str) -> HttpResponse:
    data = catalogue()
    found = _muscle(data, key)
    facts = [
        {"label": FACT_LABELS[name], "text": fact.text, "sources": data.sources_of(fact)}
        for name, fact in found.facts()
    ]
    context = {
        "muscle": found,
        "facts": facts,
        "areas": _areas(found),
        "groups": data.groups_of(found.key),
        "figures": [drawing_figure(request, d) for d in drawings_of(found.key) if d.svg],
    }
    return render(request, "body/muscle.html", context)


@never_cache
@require_GET
def hip_flexors(request: HttpRequest) -> HttpResponse:
    data = catalogue()
    group = data.groups["hip_flexors"]
    iliopsoas = data.groups["iliopsoas"]
    context = {
        "group": group,
        "summary_sources": data.sources_of(group.summary),
        "running_sources": data.sources_of(group.running) if group.running else (),
        "iliopsoas": iliopsoas,
        "iliopsoas_sources": data.sources_of(iliopsoas.summary),
        "members": [data.muscles[k] for k in group.members],
        "figure": drawing_figure(request, drawings()["anterior_hip"]),
    }
    return render(request, "body/hip_flexors.html", context)


def _drawing(key: str) -> Drawing:
    found = drawings().get(key)
    if found is None:
        raise Http404
    return found


@never_cache
@require_GET
def figure(request: HttpRequest, key: str) -> HttpResponse:
    drawing = _drawing(key)
    context = {
        "drawing": drawing,
        "figure": drawing_figure(request, drawing) if drawing.svg else None,
        "muscles": [catalogue().muscles[k] for k in drawing.muscles],
    }
    return render(request, "body/figure.html", context)


@require_GET
def figure_file(request: HttpRequest, key: str) -> HttpResponse:
    """A drawing as an SVG file, for pages and posts that show it as an image."""
    drawing = _drawing(key)
    if not drawing.svg:
        raise Http404
    response = HttpResponse(drawing.svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@never_cache
@require_GET
def exercise(request: HttpRequest, key: str) -> HttpResponse:
    """A shipped home stretch, for the links of the therapist's posts."""
    found = exercise_library().exercises.get(key)
    if found is None:
        raise Http404
    drawing = figure_of(found)
    context = {
        "exercise": found,
        "figure": Figure(credit=drawing.credit(), alt=drawing.alt, svg=drawing.svg),
        "muscles": [catalogue().muscles[k] for k in found.muscles if k in catalogue().muscles],
    }
    return render(request, "body/exercise.html", context)
