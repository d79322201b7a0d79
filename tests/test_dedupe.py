"""The same activity seen twice is kept once, the richer record winning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runcare.activities import Activity, Sport
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
        (act(0, None), act(10, None), True),
        (act(0, None), act(0, None, sport=Sport.CYCLING), False),
        (act(0, 0.0), act(0, 0.0), True),  # two treadmill files without distance
    ],
)
def test_it_decides_what_is_the_same_activity(a: Activity, b: Activity, same: bool) -> None:
    assert is_same_activity(a, b) is same
    assert is_same_activity(b, a) is same


def test_it_keeps_the_richer_record_and_notes_the_other() -> None:
    fit = act(5, 10_050, "fit", avg_hr_bpm=150.0, has_track=True)
    csv = act(0, 10_000, "strava_csv", utc_offset_s=7200)
    kept, dropped = merge_duplicates([csv, fit])
    assert dropped == 1
    [only] = kept
    assert only.kind == "fit"
    assert only.utc_offset_s == 7200  # borrowed from the twin that knew it
    assert only.notes == (f"also found in {csv.source}",)


def test_it_keeps_back_to_back_runs_apart() -> None:
    kept, dropped = merge_duplicates([act(0, 5_000), act(1800, 5_000), act(3600, 5_000)])
    assert dropped == 0
    assert len(kept) == 3


def test_it_folds_three_copies_into_one() -> None:
    kept, dropped = merge_duplicates([act(0), act(20, kind="gpx"), act(40, kind="tcx")])
    assert (len(kept), dropped) == (1, 2)
    assert kept[0].kind == "fit"
