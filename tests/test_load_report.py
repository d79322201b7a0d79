"""The load report and its JSON shape (validated against report.schema.json)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities.model import Activity, Sport
from runcare.load import HeartRateProfile, Level, build_report, report_to_json_dict
from runcare.load.report import json_schema

UTC_ZONE = ZoneInfo("UTC")
AS_OF = date(2024, 5, 19)


def run(day: date, km: float | None, hour: int = 6, sport: Sport = Sport.RUNNING) -> Activity:
    return Activity(
        start=datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
        sport=sport,
        source=f"runs/{day}.fit",
        kind="fit",
        utc_offset_s=0,
        distance_m=None if km is None else km * 1000.0,
        duration_s=None if km is None else km * 330.0,
        avg_hr_bpm=150.0,
    )


def history() -> list[Activity]:
    runs = [run(AS_OF - timedelta(days=d), 8 + d % 5) for d in range(60, 0, -3)]
    return [*runs, run(AS_OF, 18), run(AS_OF - timedelta(days=1), 5, sport=Sport.WALKING)]


def validate(document: dict[str, object]) -> None:
    jsonschema.validate(document, json_schema(), cls=jsonschema.Draft202012Validator)
    json.dumps(document, allow_nan=False)  # NaN would not be JSON


def test_it_ships_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_it_produces_the_documented_json_shape() -> None:
    document = report_to_json_dict(build_report(history(), as_of=AS_OF, tz=UTC_ZONE))
    validate(document)
    assert list(document) == [
        "as_of", "tz", "load", "verdict", "runs", "days", "weeks", "activities", "skipped",
    ]  # fmt: skip
    assert (document["as_of"], document["tz"], document["load"]) == (
        "2024-05-19",
        "UTC",
        "distance_km",
    )
    assert document["activities"] == document["skipped"] == []
    assert document["verdict"]["level"] == "too_much_too_soon"
    last = document["runs"][-1]
    assert last == {
        "start": "2024-05-19T06:00:00Z",
        "day": "2024-05-19",
        "sport": "running",
        "distance_m": 18000.0,
        "longest_prev_30d_m": 12000.0,
        "spike_pct": 50.0,
        "spike_band": "moderate",
        "source": "runs/2024-05-19.fit",
    }
    assert set(document["days"][-1]) == {
        "day", "load", "acwr_coupled", "acwr_uncoupled", "acwr_ewma",
        "fitness", "fatigue", "form", "monotony", "strain",
    }  # fmt: skip
    assert set(document["weeks"][-1]) == {
        "week_start", "distance_m", "duration_s", "runs", "change_pct",
    }  # fmt: skip


def test_it_leaves_the_walk_out_of_runs_and_load() -> None:
    report = build_report(history(), as_of=AS_OF, tz=UTC_ZONE)
    assert all(r.activity.sport is Sport.RUNNING for r in report.runs)
    assert report.days[-2].load == 0.0


def test_it_writes_null_for_undefined_numbers() -> None:
    runs = [run(AS_OF - timedelta(days=3), 5), run(AS_OF, 6)]
    document = report_to_json_dict(build_report(runs, as_of=AS_OF, tz=UTC_ZONE))
    validate(document)
    first = document["days"][0]
    assert first["acwr_coupled"] is first["acwr_uncoupled"] is first["acwr_ewma"] is None
    assert first["monotony"] is first["strain"] is None
    assert document["runs"][0]["spike_band"] == "no_baseline"
    assert document["runs"][0]["longest_prev_30d_m"] is None
    assert document["verdict"]["level"] == "not_enough_data"


def test_it_passes_the_callers_activities_and_skipped_through() -> None:
    report = build_report(history(), as_of=AS_OF, tz=UTC_ZONE)
    document = report_to_json_dict(
        report,
        activities=[{"source": "a.fit"}],
        skipped=[{"source": "b.txt", "reason": "not an activity file"}],
    )
    validate(document)
    assert document["skipped"] == [{"source": "b.txt", "reason": "not an activity file"}]


def test_it_reports_an_empty_history() -> None:
    report = build_report([], as_of=AS_OF, tz=ZoneInfo("Europe/Paris"))
    document = report_to_json_dict(report)
    validate(document)
    assert report.verdict.level is Level.NOT_ENOUGH_DATA
    assert (document["runs"], document["days"], document["weeks"]) == ([], [], [])
    assert document["tz"] == "Europe/Paris"


def test_it_uses_another_load_measure_for_the_series_but_distance_for_spikes() -> None:
    profile = HeartRateProfile(resting_hr_bpm=50, max_hr_bpm=190)
    report = build_report(history(), as_of=AS_OF, tz=UTC_ZONE, load="trimp", hr=profile)
    assert report.load == "trimp"
    assert report.days[-1].load > 50  # 99 minutes at HRr 0.71
    assert report.runs[-1].spike_pct == pytest.approx(50.0)
    validate(report_to_json_dict(report))


def test_it_lists_unmeasured_runs() -> None:
    treadmill = run(AS_OF - timedelta(days=2), None)
    report = build_report([*history(), treadmill], as_of=AS_OF, tz=UTC_ZONE)
    assert report.unmeasured == (treadmill,)
    assert report.runs[-2].band.value == "no_distance"
    document = report_to_json_dict(report)
    validate(document)
    # The documented JSON has five bands: a run without distance reads as no_baseline.
    assert document["runs"][-2]["spike_band"] == "no_baseline"
    assert document["runs"][-2]["distance_m"] is None


def test_it_rejects_an_unknown_measure() -> None:
    with pytest.raises(ValueError, match="unknown load measure"):
        build_report(history(), as_of=AS_OF, tz=UTC_ZONE, load="steps")


def test_it_returns_frozen_data() -> None:
    report = build_report(history(), as_of=AS_OF, tz=UTC_ZONE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.as_of = date(2020, 1, 1)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.days[0].load = 1.0  # type: ignore[misc]


def test_it_marks_fitness_reliable_only_after_126_days() -> None:
    runs = [run(AS_OF - timedelta(days=d), 8) for d in range(200, -1, -2)]
    report = build_report(runs, as_of=AS_OF, tz=UTC_ZONE)
    assert [d.fitness_reliable for d in report.days].index(True) == 125


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 120), st.one_of(st.none(), st.floats(0.0, 60.0))),
        max_size=40,
    ),
    st.sampled_from(["distance_km", "duration_min"]),
)
def test_it_always_matches_the_schema(runs: list[tuple[int, float | None]], load: str) -> None:
    activities = [run(AS_OF - timedelta(days=d), km, hour=i % 24) for i, (d, km) in enumerate(runs)]
    report = build_report(activities, as_of=AS_OF, tz=UTC_ZONE, load=load)
    validate(report_to_json_dict(report))
    assert len(report.days) == (0 if not runs else max(d for d, _ in runs) + 1)


def test_it_reads_the_day_columns_as_rows() -> None:
    report = build_report(history(), as_of=AS_OF, tz=UTC_ZONE)
    days = report.days
    assert days[-1].day == AS_OF
    assert days[-1] == days[len(days) - 1]
    assert days[0].day == AS_OF - timedelta(days=60)
    assert [row.day for row in days[-2:]] == [AS_OF - timedelta(days=1), AS_OF]
    assert sum(1 for _ in days) == len(days) == 61
    assert days[-1].load == days.load[-1] == 18.0
    with pytest.raises(IndexError):
        days[61]
    with pytest.raises(ValueError, match="read-only"):
        days.acwr_ewma[0] = 1.0


def test_it_starts_days_at_a_walk_but_counts_history_from_the_first_run() -> None:
    walk = dataclasses.replace(run(AS_OF - timedelta(days=40), 4), sport=Sport.WALKING)
    runs = [run(AS_OF - timedelta(days=d), 8) for d in (20, 10, 0)]
    report = build_report([walk, *runs], as_of=AS_OF, tz=UTC_ZONE)
    document = report_to_json_dict(report)
    validate(document)
    assert document["days"][0]["day"] == (AS_OF - timedelta(days=40)).isoformat()
    assert len(document["days"]) == 41
    # Only 20 days since the first run: not enough history, whatever the walk says.
    assert document["verdict"]["level"] == "not_enough_data"
    assert [r["sport"] for r in document["runs"]] == ["running"] * 3
