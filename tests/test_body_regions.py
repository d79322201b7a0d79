"""Body regions and the pain-map drawing: keys, sides, validation, rendering."""

from __future__ import annotations

import re
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from runcare.body import MUSCLE_NAMES, REGIONS, PainMapError, muscles_for, validate_scores
from runcare.body.painmap import INK, RAMP, render_painmap
from runcare.body.regions import FIGURE_WIDTH, centre, mirror_path, path_points, region_pairs

REQUIRED_AREAS = [
    "lower_back",
    "buttock",
    "hip_front",
    "hip_outer",
    "thigh_front",
    "thigh_outer",
    "thigh_back",
    "knee",
]


@pytest.mark.parametrize("area", REQUIRED_AREAS)
@pytest.mark.parametrize("side", ["left", "right"])
def test_it_has_every_region_the_intake_needs_on_both_sides(area: str, side: str) -> None:
    region = REGIONS[f"{area}_{side}"]
    assert region.side == side
    assert region.label.startswith(side.capitalize() + " ")
    assert region.view in ("front", "back")


def test_it_keys_regions_with_short_stable_strings() -> None:
    for key, region in REGIONS.items():
        assert region.key == key
        assert re.fullmatch(r"[a-z_]{3,24}", key)


def test_it_names_the_it_band_and_the_groin_in_plain_words() -> None:
    assert REGIONS["thigh_outer_left"].label == "Left outer thigh (IT band)"
    assert REGIONS["hip_front_right"].label == "Right front of hip / groin"


def test_it_only_lists_muscles_from_the_evidence_table() -> None:
    for region in REGIONS.values():
        assert set(region.muscles) <= set(MUSCLE_NAMES)


def test_it_lists_hip_flexors_as_possibly_involved_in_the_front_of_the_hip() -> None:
    names = REGIONS["hip_front_left"].muscle_names
    assert {"psoas major", "iliacus", "rectus femoris", "sartorius"} <= set(names)


def test_it_collects_possible_muscles_only_where_it_hurts() -> None:
    assert muscles_for({"buttock_left": 4, "knee_left": 0}) == (
        "piriformis",
        "gluteus medius",
        "gluteus maximus",
        "hamstrings",
    )
    assert muscles_for({}) == ()


def test_it_draws_the_runners_left_on_the_right_of_the_front_view() -> None:
    # Front view faces the viewer: the runner's left appears on the right half.
    front_left = REGIONS["knee_left"]
    back_left = REGIONS["buttock_left"]
    assert centre(front_left)[0] > FIGURE_WIDTH / 2
    assert centre(back_left)[0] < FIGURE_WIDTH / 2
    assert centre(REGIONS["knee_right"])[0] < FIGURE_WIDTH / 2


def test_it_mirrors_each_pair_exactly() -> None:
    for left, right in region_pairs():
        assert mirror_path(left.shape) == right.shape
        assert left.view == right.view


def test_it_keeps_every_shape_inside_the_figure() -> None:
    for region in REGIONS.values():
        for x, y in path_points(region.shape):
            assert 0 <= x <= FIGURE_WIDTH
            assert 0 <= y <= 440


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({}, {}),
        ({"knee_left": 0}, {"knee_left": 0}),
        ({"knee_left": 10}, {"knee_left": 10}),
        ({"knee_left": "7"}, {"knee_left": 7}),
        ({"knee_left": 4.0}, {"knee_left": 4}),
        ({"knee_left": None}, {}),
    ],
)
def test_it_accepts_whole_scores_from_0_to_10(
    scores: dict[str, object], expected: dict[str, int]
) -> None:
    assert validate_scores(scores) == expected


@pytest.mark.parametrize("bad", [-1, 11, 2.5, "high", "", True, [3]])
def test_it_refuses_a_score_outside_0_to_10_with_a_clear_message(bad: object) -> None:
    with pytest.raises(PainMapError, match="left buttock must be a whole number from 0 to 10"):
        validate_scores({"buttock_left": bad})


def test_it_refuses_an_unknown_region() -> None:
    with pytest.raises(PainMapError, match="Unknown body region 'elbow_left'") as caught:
        validate_scores({"elbow_left": 2})
    assert caught.value.region == "elbow_left"


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)  # noqa: S314 - our own output, no entities


def region_paths(figure: ET.Element) -> list[ET.Element]:
    return [el for el in figure.iter() if el.get("data-region")]


def test_it_renders_front_and_back_as_well_formed_markup() -> None:
    html = render_painmap({"buttock_left": 3}, editable=False)
    figure = parse(html)
    texts = {el.text for el in figure.iter() if el.get("class") == "painmap-title"}
    assert texts == {"Front", "Back"}
    assert len(region_paths(figure)) == len(REGIONS)


def test_it_says_in_a_visible_caption_that_the_front_view_is_mirrored() -> None:
    html = render_painmap({}, editable=False)
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S)
    assert caption is not None
    assert "left side is on the right of the picture" in caption.group(1)


def test_it_makes_every_region_a_labelled_button_when_editable() -> None:
    figure = parse(render_painmap({"buttock_left": 6}, editable=True))
    for path in region_paths(figure):
        assert path.get("tabindex") == "0"
        assert path.get("role") == "button"
        assert path.get("data-input") == "id_pain_" + str(path.get("data-region"))
    buttock = next(p for p in region_paths(figure) if p.get("data-region") == "buttock_left")
    assert buttock.get("aria-label") == "Left buttock, pain 6 of 10"
    assert buttock.get("fill") == RAMP[6]


def test_it_renders_read_only_without_buttons_and_with_a_written_summary() -> None:
    html = render_painmap({"knee_right": 2, "buttock_left": 8}, editable=False)
    figure = parse(html)
    assert all(p.get("role") == "img" for p in region_paths(figure))
    assert 'role="button"' not in html
    assert "Left buttock: <strong>8 of 10</strong>" in html
    assert html.index("Left buttock") < html.index("Right knee: ")


def test_it_says_so_when_no_pain_is_marked() -> None:
    assert "No pain marked." in render_painmap({"knee_left": 0}, editable=False)


def test_it_writes_the_score_on_patches_above_zero_only() -> None:
    figure = parse(render_painmap({"knee_left": 9, "knee_right": 0}, editable=False))
    scores = [el for el in figure.iter() if el.get("class") == "painmap-score"]
    assert sorted(el.text or "" for el in scores if el.text) == ["9"]


def test_it_uses_a_ramp_from_light_to_dark_with_readable_numbers() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lums = [luminance(c) for c in RAMP]
    assert lums == sorted(lums, reverse=True)
    for colour, ink in zip(RAMP, INK, strict=True):
        light, dark = sorted([luminance(colour), luminance(ink)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_it_refuses_to_draw_an_invalid_map() -> None:
    with pytest.raises(PainMapError):
        render_painmap({"knee_left": 12}, editable=False)


@pytest.mark.parametrize("module", ["runcare.body", "runcare.care"])
def test_it_keeps_django_out_of_the_body_and_care_core(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
