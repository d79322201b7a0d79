"""A file already parsed is taken from the cache, and the answer is exactly a fresh parse's."""

from __future__ import annotations

import gzip
import json
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.activities import Activity, ImportBudget, Sport, import_paths
from runcare.activities.jsonio import import_result_to_json
from runcare.activities.parsecache import (
    CACHE_VERSION,
    ParseCache,
    Parsed,
    content_key,
    dump,
    load,
)
from runcare.demo.generate import write_demo_history
from tests.builders import NOW, START, edits_of, garble, gpx_run, zip_bytes


class DictCache:
    """A ``ParseCache`` in memory that counts what it is asked."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}
        self.hits = 0
        self.puts = 0

    def get(self, key: str) -> Parsed | None:
        text = self.entries.get(key)
        parsed = None if text is None else load(text)
        self.hits += parsed is not None
        return parsed

    def put(self, key: str, parsed: Parsed) -> None:
        self.puts += 1
        self.entries[key] = dump(parsed)


def as_json(paths: list[Path], cache: ParseCache | None = None, **kw: object) -> object:
    return import_result_to_json(import_paths(paths, now=NOW, cache=cache, **kw))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_demo_history(folder, end=date(2026, 3, 1))
    return folder


def test_it_gives_the_same_json_fresh_filling_and_from_the_cache(demo: Path) -> None:
    cache = DictCache()
    fresh = as_json([demo])
    filling = as_json([demo], cache)
    files = sum(1 for path in demo.rglob("*") if path.is_file() and path.suffix != ".csv")
    assert cache.puts == files and cache.hits == 0
    cached = as_json([demo], cache)
    assert cache.hits == files and cache.puts == files  # nothing parsed the second time
    assert filling == fresh
    assert cached == fresh


def test_it_gives_the_same_json_for_the_real_device_files(samples_dir: Path) -> None:
    cache = DictCache()
    fresh = as_json([samples_dir])
    as_json([samples_dir], cache)
    assert cache.puts > 0
    assert as_json([samples_dir], cache) == fresh
    assert cache.hits == cache.puts


def test_it_gives_each_copy_its_own_source(tmp_path: Path) -> None:
    (tmp_path / "a.gpx").write_bytes(gpx_run())
    (tmp_path / "b.gpx").write_bytes(gpx_run())
    cache = DictCache()
    fresh = as_json([tmp_path])
    assert as_json([tmp_path], cache) == fresh
    assert cache.hits == 1 and cache.puts == 1  # the copy was found while reading the first
    assert as_json([tmp_path], cache) == fresh
    assert fresh["merged"][0]["source"].endswith("b.gpx")  # type: ignore[index]


def test_it_keeps_the_reason_a_file_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "route.gpx").write_bytes(
        b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="1" lon="2"/></rte></gpx>'
    )
    cache = DictCache()
    fresh = as_json([tmp_path])
    as_json([tmp_path], cache)
    assert as_json([tmp_path], cache) == fresh
    assert cache.hits == 1
    assert "only a route" in fresh["skipped"][0]["reason"]  # type: ignore[index]


def test_it_caches_members_of_zips_and_gzip_files_by_their_own_content(tmp_path: Path) -> None:
    run = gpx_run()
    later = gpx_run(START + timedelta(days=1))
    (tmp_path / "export.zip").write_bytes(
        zip_bytes({"runs/a.gpx": run, "b.gpx.gz": gzip.compress(later)})
    )
    (tmp_path / "c.gpx.gz").write_bytes(gzip.compress(later, mtime=0))
    cache = DictCache()
    fresh = as_json([tmp_path])
    as_json([tmp_path], cache)
    assert set(cache.entries) == {content_key(run, "gpx"), content_key(later, "gpx")}
    assert as_json([tmp_path], cache) == fresh


def test_it_still_charges_the_budget_for_what_is_unpacked(tmp_path: Path) -> None:
    members = {f"{i}.gpx": gpx_run(START + timedelta(days=i)) for i in range(6)}
    (tmp_path / "export.zip").write_bytes(zip_bytes(members))
    room = sum(len(data) for data in members.values()) // 2

    def tight() -> ImportBudget:
        return ImportBudget(ratio=0, floor_bytes=room)

    cache = DictCache()
    fresh = as_json([tmp_path], budget=tight())
    assert fresh["stopped"]  # type: ignore[index]
    as_json([tmp_path], cache, budget=tight())
    assert as_json([tmp_path], cache, budget=tight()) == fresh


def test_it_ignores_an_entry_of_another_version() -> None:
    text = dump(Parsed(unreadable="no")).replace(CACHE_VERSION, "0.0.0/0")
    assert load(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        "{",
        json.dumps({"version": CACHE_VERSION}),
        json.dumps({"version": CACHE_VERSION, "activities": [1]}),
    ],
)
def test_it_calls_a_damaged_entry_damaged(text: str) -> None:
    with pytest.raises(ValueError):
        load(text)


def test_it_tells_the_kind_apart_in_the_key() -> None:
    assert content_key(b"x", "gpx") != content_key(b"x", "tcx")


numbers = (
    st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**6), 10**6)
)
activities = st.builds(
    Activity,
    start=st.datetimes(
        min_value=datetime(1980, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    sport=st.sampled_from(Sport),
    source=st.just(""),
    kind=st.sampled_from(["fit", "gpx", "tcx"]),
    utc_offset_s=st.none() | st.integers(-14 * 3600, 14 * 3600),
    duration_s=numbers,
    moving_s=numbers,
    distance_m=numbers,
    ascent_m=numbers,
    avg_hr_bpm=numbers,
    max_hr_bpm=numbers,
    device=st.none() | st.text(),
    has_track=st.booleans(),
    notes=st.lists(st.text(), max_size=3).map(tuple),
)


@given(st.lists(activities, max_size=4).map(tuple))
def test_it_reads_back_every_activity_exactly(found: tuple[Activity, ...]) -> None:
    back = load(dump(Parsed(activities=found)))
    assert back == Parsed(activities=found)
    assert back is not None
    assert [type(a.distance_m) for a in back.activities] == [type(a.distance_m) for a in found]


@given(st.text())
def test_it_reads_back_every_reason_exactly(reason: str) -> None:
    assert load(dump(Parsed(unreadable=reason))) == Parsed(unreadable=reason)


RUN = gpx_run(distance_m=1200.0)


@given(st.lists(edits_of(RUN), min_size=1, max_size=3))
def test_it_answers_garbled_files_the_same_from_the_cache(
    edit_sets: list[list[tuple[int, bytes]]],
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for index, edits in enumerate(edit_sets):
            (folder / f"{index}.gpx").write_bytes(garble(RUN, edits))
        (folder / "copy.gpx").write_bytes(garble(RUN, edit_sets[0]))
        cache = DictCache()
        fresh = as_json([folder])
        assert as_json([folder], cache) == fresh
        kept = cache.puts
        assert as_json([folder], cache) == fresh
        assert cache.puts == kept  # the third import parsed nothing
