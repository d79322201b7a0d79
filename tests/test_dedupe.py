"""The same activity seen twice is kept once, the richer record winning, the copy listed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.activities import Activity, Merged, Sport
from runcare.activities.dedupe import is_same_activity, merge_duplicates

T0 = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)


def act(
    start_s: float = 0,
    distance_m: float | None = 10_000,
    kind: str = "fit",
    sport: Sport = Sport.RUNNING,
    **extra: object,
) -> Activity:
    return Activity(
        start=T0 + timedelta(seconds=start_s),
        sport=sport,
        source=f"{kind}-{start_s}-{distance_m}",
        kind=kind,
        distance_m=distance_m,
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (act(0), act(60), True),  # 60 s apart: the edge is included
        (act(0), act(61), False),
        (act(0, 10_000), act(0, 10_200), True),  # 2 % exactly
        (act(0, 10_000), act(0, 10_205), False),
        (act(0, 0.0), act(0, 0.0), True),  # two treadmill files with a zero distance
        # Without two distances, two durations decide (2 %, or 60 s for short ones).
        (act(0, None, duration_s=3600.0), act(10, None, duration_s=3660.0), True),
        (act(0, None, duration_s=3600.0), act(10, None, duration_s=3700.0), False),
        (act(0, None, duration_s=3600.0), act(0, 10_000, duration_s=3600.0), True),
        # Nothing to compare: never the same, however close the starts.
        (act(0, None), act(10, None), False),
        (act(0, None), act(0, 32_000, duration_s=4000.0, sport=Sport.CYCLING), False),
        (act(0, None, duration_s=600.0), act(0, 5_000), False),
        # Another sport is another activity; "other" is a sport the file did not name.
        (act(0), act(0, sport=Sport.CYCLING), False),
        (act(0), act(0, sport=Sport.WALKING), False),
        (act(0), act(0, sport=Sport.TRAIL_RUNNING), True),
        (act(0), act(0, sport=Sport.OTHER), True),
        (act(0, sport=Sport.CYCLING), act(0, sport=Sport.OTHER), True),
    ],
)
def test_it_decides_what_is_the_same_activity(a: Activity, b: Activity, same: bool) -> None:
    assert is_same_activity(a, b) is same
    assert is_same_activity(b, a) is same


def test_it_keeps_the_richer_record_and_notes_the_other() -> None:
    fit = act(5, 10_050, "fit", avg_hr_bpm=150.0, has_track=True)
    csv = act(0, 10_000, "strava_csv", utc_offset_s=7200)
    kept, merged = merge_duplicates([csv, fit])
    assert merged == [
        Merged(csv.source, fit.source, "same start (within 60 s) and distance (within 2%)")
    ]
    [only] = kept
    assert only.kind == "fit"
    assert only.utc_offset_s == 7200  # borrowed from the twin that knew it
    assert only.notes == (f"also found in {csv.source}",)


def test_it_keeps_back_to_back_runs_apart() -> None:
    kept, merged = merge_duplicates([act(0, 5_000), act(1800, 5_000), act(3600, 5_000)])
    assert merged == []
    assert len(kept) == 3


def test_it_folds_three_copies_into_one() -> None:
    kept, merged = merge_duplicates([act(0), act(20, kind="gpx"), act(40, kind="tcx")])
    assert (len(kept), len(merged)) == (1, 2)
    assert kept[0].kind == "fit"
    assert {m.kept for m in merged} == {kept[0].source}


def test_it_names_the_record_kept_in_the_end_when_a_richer_copy_comes_later() -> None:
    plain = act(0, kind="gpx")
    other = act(10, kind="gpx", sport=Sport.OTHER)
    rich = act(20, kind="fit", avg_hr_bpm=150.0, has_track=True)
    kept, merged = merge_duplicates([plain, other, rich])
    assert [a.source for a in kept] == [rich.source]
    assert sorted(m.source for m in merged) == sorted([plain.source, other.source])
    assert all(m.kept == rich.source for m in merged)


def test_it_keeps_a_record_without_distance_and_duration_apart_from_a_ride() -> None:
    # A FIT file holding only its file id, written as a ride began.
    file_id_only = act(0, None, kind="fit", sport=Sport.OTHER)
    ride = act(5, 32_000, kind="fit", sport=Sport.CYCLING, duration_s=4000.0)
    kept, merged = merge_duplicates([file_id_only, ride])
    assert merged == []
    assert len(kept) == 2


@given(
    st.lists(
        st.tuples(
            st.integers(0, 600),
            st.sampled_from([None, 5_000.0, 5_050.0, 10_000.0]),
            st.sampled_from([None, 1800.0, 1830.0]),
            st.sampled_from(list(Sport)),
        ),
        max_size=12,
    )
)
def test_it_accounts_for_every_record(
    records: list[tuple[int, float | None, float | None, Sport]],
) -> None:
    activities = [
        Activity(
            start=T0 + timedelta(seconds=start_s),
            sport=sport,
            source=f"file-{index}",
            kind="gpx",
            distance_m=distance_m,
            duration_s=duration_s,
        )
        for index, (start_s, distance_m, duration_s, sport) in enumerate(records)
    ]
    kept, merged = merge_duplicates(activities)
    assert len(kept) + len(merged) == len(activities)
    kept_sources = {a.source for a in kept}
    assert {m.kept for m in merged} <= kept_sources
    assert sorted([*kept_sources, *(m.source for m in merged)]) == sorted(
        a.source for a in activities
    )
    for m in merged:
        source = next(a for a in activities if a.source == m.source)
        assert source.distance_m is not None or source.duration_s is not None
