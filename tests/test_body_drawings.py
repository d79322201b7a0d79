"""The project's own drawings: complete credits, files beside the data, known muscles."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from runcare.body import MUSCLE_NAMES
from runcare.body.drawings import (
    DrawingDataError,
    check_muscles,
    drawings,
    drawings_of,
    parse_drawings,
)
from runcare.credits import credit_text, missing_fields


def test_it_ships_the_front_and_back_hip_figures_and_the_pain_map() -> None:
    assert {"anterior_hip", "posterior_hip", "painmap"} <= set(drawings())


@pytest.mark.parametrize("key", sorted(drawings()))
def test_it_gives_every_drawing_a_complete_credit(key: str) -> None:
    drawing = drawings()[key]
    credit = drawing.credit()
    assert missing_fields(credit) == ()
    assert credit.author == "runcare contributors"
    assert credit.license == "MIT License"
    assert drawing.source in credit_text(credit)


def test_it_uses_the_repositorys_licence_for_its_drawings(
    pytestconfig: pytest.Config,
) -> None:
    licence = (pytestconfig.rootpath / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    for drawing in drawings().values():
        assert (pytestconfig.rootpath / drawing.source).is_file()


def test_it_links_the_credit_to_the_page_given() -> None:
    credit = drawings()["anterior_hip"].credit("https://clinic.example.org/body/figures/x/")
    assert credit.source_url == "https://clinic.example.org/body/figures/x/"


def test_it_labels_the_hip_flexors_and_tfl_on_the_anterior_figure() -> None:
    drawing = drawings()["anterior_hip"]
    assert set(drawing.muscles) == {
        "psoas_major",
        "iliacus",
        "rectus_femoris",
        "sartorius",
        "tfl_it_band",
    }
    assert drawing.svg is not None
    root = etree.fromstring(drawing.svg.encode())
    words = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for label in ("Psoas major", "Iliacus", "Rectus", "femoris", "Sartorius", "TFL"):
        assert label in words
    assert root.get("viewBox")
    # Nothing in our drawing may load anything from elsewhere or run script.
    assert not re.search(r"<script|href=\"(?!#)|url\(", drawing.svg)


def test_it_labels_the_back_of_the_hip_on_the_posterior_figure() -> None:
    drawing = drawings()["posterior_hip"]
    assert drawing.svg is not None
    root = etree.fromstring(drawing.svg.encode())
    words = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for label in ("Piriformis", "medius", "maximus", "Quadratus", "lumborum", "Erector"):
        assert label in words
    assert set(drawing.muscles) == {
        "piriformis",
        "gluteus_medius",
        "gluteus_maximus",
        "quadratus_lumborum",
        "erector_spinae",
    }


def test_it_names_only_known_muscles() -> None:
    check_muscles(drawings(), MUSCLE_NAMES)
    assert [d.key for d in drawings_of("psoas_major")] == ["anterior_hip"]
    assert drawings_of("hamstrings") == ()


GOOD = (
    '[figures.f]\ntitle = "T"\nalt = "A"\nsource = "s.svg"\nauthor = "Au"\n'
    'license = "MIT License"\nlicense_url = "https://opensource.org/license/mit"\n'
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('author = "Au"\n', ""), "figures.f.author"),
        (GOOD.replace('license = "MIT License"\n', 'license = ""\n'), "figures.f.license"),
        (GOOD.replace('alt = "A"\n', ""), "figures.f.alt"),
        (GOOD + 'colour = "red"\n', "unknown field(s): colour"),
        (GOOD + 'file = "missing.svg"\n', "'missing.svg' is not beside"),
        (GOOD + "muscles = [1]\n", "must be a list of muscle keys"),
        ("[figures\n", "not valid TOML"),
        ("[other]\n", "one [figures] table"),
    ],
)
def test_it_refuses_an_incomplete_or_broken_entry(text: str, message: str) -> None:
    with pytest.raises(DrawingDataError, match=re.escape(message)):
        parse_drawings(text)


def test_it_refuses_a_drawing_naming_an_unknown_muscle() -> None:
    found = parse_drawings(GOOD + 'muscles = ["elbow_flexor"]\n')
    with pytest.raises(DrawingDataError, match="unknown muscle 'elbow_flexor'"):
        check_muscles(found, MUSCLE_NAMES)
