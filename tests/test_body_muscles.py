"""The muscle data the product ships: every fact sourced, every key known, one region table."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.body import AREAS, MUSCLE_NAMES, REGIONS, muscle_keys_for, muscles_for, regions_of
from runcare.body.muscles import (
    FACT_FIELDS,
    MuscleDataError,
    catalogue,
    check_regions,
    parse_catalogue,
)

STABLE_KEYS = {
    "psoas_major",
    "iliacus",
    "rectus_femoris",
    "sartorius",
    "piriformis",
    "tfl_it_band",
    "gluteus_medius",
    "quadratus_lumborum",
    "gluteus_maximus",
    "hamstrings",
    "hip_adductors",
    "erector_spinae",
}


def _raw() -> dict[str, object]:
    text = resources.files("runcare.body").joinpath("muscles.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def test_it_ships_every_muscle_under_its_stable_key() -> None:
    assert set(catalogue().muscles) == STABLE_KEYS
    assert set(MUSCLE_NAMES) == STABLE_KEYS


def test_it_gives_every_fact_of_every_muscle_a_known_source() -> None:
    # Read the raw file, not the loader, so this test fails even if the loader were lenient.
    raw = _raw()
    sources = raw["sources"]
    assert isinstance(sources, dict)
    muscles = raw["muscles"]
    assert isinstance(muscles, dict)
    for key, muscle in muscles.items():
        for field in FACT_FIELDS:
            fact = muscle[field]
            assert fact["text"].strip(), (key, field)
            assert fact["sources"], (key, field)
            assert set(fact["sources"]) <= set(sources), (key, field)


def test_it_gives_every_source_a_title_a_publisher_and_an_https_link() -> None:
    for source in catalogue().sources.values():
        assert source.title and source.publisher
        assert re.fullmatch(r"https://[^\s]+", source.url)


def test_it_uses_every_source_it_lists() -> None:
    data = catalogue()
    cited = {key for m in data.muscles.values() for _, fact in m.facts() for key in fact.sources}
    cited |= {key for g in data.groups.values() for key in g.summary.sources}
    assert cited == set(data.sources)


def test_it_relates_every_muscle_to_at_least_one_known_area() -> None:
    for muscle in catalogue().muscles.values():
        assert muscle.regions
        assert set(muscle.regions) <= set(AREAS)


def test_it_builds_the_pain_map_table_from_the_data_file() -> None:
    for region in REGIONS.values():
        area = region.key.rsplit("_", 1)[0]
        expected = tuple(k for k, m in catalogue().muscles.items() if area in m.regions)
        assert region.muscles == expected


def test_it_finds_both_sides_of_each_area_a_muscle_relates_to() -> None:
    keys = {r.key for r in regions_of("hamstrings")}
    assert keys == {"thigh_back_left", "thigh_back_right", "buttock_left", "buttock_right"}


def test_it_collects_muscle_keys_in_order_and_skips_unknown_regions() -> None:
    keys = muscle_keys_for({"thigh_back_left": 3, "buttock_right": 2, "nowhere": 9})
    assert keys == ("hamstrings", "piriformis", "gluteus_medius", "gluteus_maximus")


def test_it_explains_iliopsoas_as_psoas_major_and_iliacus() -> None:
    group = catalogue().groups["iliopsoas"]
    assert group.members == ("psoas_major", "iliacus")
    assert "psoas major and iliacus" in group.summary.text.lower()


def test_it_keeps_the_hip_flexors_pull_as_an_explanation_not_a_fact() -> None:
    group = catalogue().groups["hip_flexors"]
    assert group.members == ("psoas_major", "iliacus", "rectus_femoris", "sartorius")
    assert group.common_explanation is not None
    # The claim must never appear among the sourced facts.
    for muscle in catalogue().muscles.values():
        for _, fact in muscle.facts():
            assert "pull on the lower spine" not in fact.text


GOOD_SOURCE = '[sources.s]\ntitle = "T"\npublisher = "P"\nurl = "https://example.org/"\n'


def _muscle(**override: str) -> str:
    fields = {f: '{ text = "x", sources = ["s"] }' for f in FACT_FIELDS}
    fields |= {"name": '"m"', "plain_name": '"m"', "regions": '["knee"]'}
    fields |= override
    body = "\n".join(f"{k} = {v}" for k, v in fields.items() if v)
    return f"{GOOD_SOURCE}[muscles.m]\n{body}\n"


def test_it_reads_a_minimal_good_file() -> None:
    data = parse_catalogue(_muscle())
    assert data.muscles["m"].origin.sources == ("s",)
    check_regions(data, AREAS)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"origin": '{ text = "x" }'}, "muscles.m.origin has no source"),
        ({"nerve": '{ text = "x", sources = [] }'}, "muscles.m.nerve.sources must not be empty"),
        ({"action": '{ text = "x", sources = ["nope"] }'}, "unknown source 'nope'"),
        ({"running": '{ text = " ", sources = ["s"] }'}, "muscles.m.running.text"),
        ({"insertion": ""}, "muscles.m.insertion must be a table"),
        ({"origin": '"just text"'}, "muscles.m.origin must be a table"),
        ({"colour": '"red"'}, "unknown field(s): colour"),
        ({"regions": "[]"}, "muscles.m.regions must not be empty"),
        ({"regions": '["knee", "knee"]'}, "repeats a key"),
        ({"name": ""}, "muscles.m.name"),
    ],
)
def test_it_refuses_a_fact_without_a_proper_source_or_field(
    override: dict[str, str], message: str
) -> None:
    with pytest.raises(MuscleDataError, match=re.escape(message)):
        parse_catalogue(_muscle(**override))


def test_it_refuses_an_unknown_region_key() -> None:
    data = parse_catalogue(_muscle(regions='["elbow"]'))
    with pytest.raises(MuscleDataError, match="unknown pain-map area 'elbow'"):
        check_regions(data, AREAS)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('[sources.s]\ntitle = "T"\npublisher = "P"\nurl = "http://x.org/"\n', "https://"),
        ('[sources.s]\ntitle = "T"\nurl = "https://x.org/"\n', "sources.s.publisher"),
        ('[sources.s]\ntitle = ""\npublisher = "P"\nurl = "https://x.org/"\n', "sources.s.title"),
    ],
)
def test_it_refuses_an_incomplete_source(source: str, message: str) -> None:
    text = _muscle().replace(GOOD_SOURCE, source)
    with pytest.raises(MuscleDataError, match=re.escape(message)):
        parse_catalogue(text)


def test_it_refuses_a_group_naming_an_unknown_muscle() -> None:
    text = _muscle() + (
        '[groups.g]\nname = "g"\nmembers = ["m", "ghost"]\n'
        'summary = { text = "x", sources = ["s"] }\n'
    )
    with pytest.raises(MuscleDataError, match="unknown muscle 'ghost'"):
        parse_catalogue(text)


def test_it_refuses_text_that_is_not_toml() -> None:
    with pytest.raises(MuscleDataError, match="not valid TOML"):
        parse_catalogue("[muscles\n")


@given(
    st.dictionaries(
        st.sampled_from([*REGIONS, "retired_region"]), st.integers(min_value=0, max_value=10)
    )
)
def test_it_lists_each_possible_muscle_once_and_only_where_it_hurts(scores: dict[str, int]) -> None:
    keys = muscle_keys_for(scores)
    assert len(keys) == len(set(keys))
    expected = {m for k, v in scores.items() if v > 0 and k in REGIONS for m in REGIONS[k].muscles}
    assert set(keys) == expected
    assert muscles_for(scores) == tuple(MUSCLE_NAMES[k] for k in keys)
