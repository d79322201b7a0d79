"""The verdict: not_enough_data, too_much_too_soon, caution, ok, checked in that order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from runcare.activities.model import Activity, Sport
from runcare.load.report import build_report
from runcare.load.spike import RunSpike, SpikeBand
from runcare.load.verdict import Level, Reason, Verdict, VerdictInputs, decide
from runcare.load.weekly import WeekTotal

UTC_ZONE = ZoneInfo("UTC")
AS_OF = date(2024, 5, 19)  # a Sunday


def run(day: date, km: float, hour: int = 7) -> Activity:
    return Activity(
        start=datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
        sport=Sport.RUNNING,
        source=f"{day}-{hour}.fit",
        kind="fit",
        utc_offset_s=0,
        distance_m=km * 1000.0,
        duration_s=km * 360.0,
    )


def steady(days: int, as_of: date = AS_OF, km: float = 8.0) -> list[Activity]:
    """The same run every Monday, Wednesday, Friday and Sunday for ``days`` up to ``as_of``."""
    back = (as_of - timedelta(days=i) for i in range(days))
    return [run(day, km) for day in back if day.weekday() in (0, 2, 4, 6)]


def verdict(runs: list[Activity], as_of: date = AS_OF, **kwargs: int) -> Verdict:
    return build_report(runs, as_of=as_of, tz=UTC_ZONE, **kwargs).verdict


def codes(v: Verdict) -> list[str]:
    return [r.code for r in v.reasons]


# --- whole histories --------------------------------------------------------------------


def test_it_says_ok_for_a_steady_history() -> None:
    result = verdict(steady(90))
    assert result.level is Level.OK
    assert codes(result) == ["no_spike"]
    assert result.reasons[0].text == (
        "None of your runs in the last 14 days was more than 10 % longer than the longest "
        "run of the 30 days before it."
    )


def test_it_says_too_much_too_soon_for_a_spike_and_words_it_plainly() -> None:
    runs = [*steady(60, AS_OF - timedelta(days=1), km=10.0), run(AS_OF - timedelta(days=9), 12)]
    runs.append(run(AS_OF, 18))
    result = verdict(runs)
    assert result.level is Level.TOO_MUCH_TOO_SOON
    spike = result.reasons[-1]
    assert spike.code == "single_run_spike"
    assert spike.text == (
        "Your 18 km run on Sunday 19 May was 50 % longer than any run in the 30 days before "
        "it (12 km)."
    )
    assert spike.source == "Frandsen et al. 2025, BJSM"
    assert spike.values["band"] == "moderate"
    assert spike.values["hazard_ratio"] == 1.52
    assert spike.values["spike_pct"] == pytest.approx(50.0)
    # The 12 km run nine days ago was itself a 20 % spike over 10 km: both are reasons.
    assert codes(result) == ["single_run_spike", "single_run_spike"]


@pytest.mark.parametrize(
    ("days_ago", "window_days", "level"),
    [
        (0, 14, Level.TOO_MUCH_TOO_SOON),
        (13, 14, Level.TOO_MUCH_TOO_SOON),  # the window includes the as-of date: 14 days
        (14, 14, Level.OK),
        (14, 21, Level.TOO_MUCH_TOO_SOON),
        (20, 21, Level.TOO_MUCH_TOO_SOON),
        (3, 1, Level.OK),
    ],
)
def test_it_looks_for_spikes_only_in_the_recent_window(
    days_ago: int, window_days: int, level: Level
) -> None:
    runs = [*steady(90, km=8.0), run(AS_OF - timedelta(days=days_ago), 9.5, hour=19)]
    assert verdict(runs, window_days=window_days).level is level


def test_it_says_not_enough_data_for_a_short_history_even_with_a_spike() -> None:
    runs = [*steady(20, km=5.0), run(AS_OF, 20.0, hour=19)]
    result = verdict(runs)
    assert result.level is Level.NOT_ENOUGH_DATA
    assert codes(result) == ["short_history"]
    assert result.reasons[0].values["days_of_history"] == 18
    assert "18 days ago" in result.reasons[0].text


@pytest.mark.parametrize(
    ("first_days_ago", "words"),
    [
        (0, "Your first run was today (Sunday 19 May);"),
        (1, "Your first run was yesterday (Saturday 18 May);"),
        (2, "Your first run was only 2 days ago (Friday 17 May);"),
    ],
)
def test_it_says_how_long_ago_the_first_run_was_in_plain_words(
    first_days_ago: int, words: str
) -> None:
    (reason,) = verdict([run(AS_OF - timedelta(days=first_days_ago), 8)]).reasons
    assert reason.text.startswith(words)


@pytest.mark.parametrize(("first_days_ago", "enough"), [(29, False), (30, True), (31, True)])
def test_it_needs_30_days_between_the_first_run_and_as_of(
    first_days_ago: int, enough: bool
) -> None:
    runs = [run(AS_OF - timedelta(days=first_days_ago), 8), run(AS_OF, 8)]
    assert (verdict(runs).level is not Level.NOT_ENOUGH_DATA) is enough


def test_it_says_not_enough_data_without_any_run() -> None:
    walk = Activity(
        start=datetime(2024, 3, 1, 7, tzinfo=UTC), sport=Sport.WALKING, source="w", kind="fit"
    )
    result = verdict([walk])
    assert result.level is Level.NOT_ENOUGH_DATA
    assert codes(result) == ["short_history"]
    assert result.reasons[0].values["first_run_day"] is None


def test_it_treats_a_return_after_a_long_gap_as_no_baseline_not_a_spike() -> None:
    # Six weeks off: nothing in the 30 days before the comeback run to compare it with.
    before_gap = steady(40, AS_OF - timedelta(days=45), km=6.0)
    report = build_report([*before_gap, run(AS_OF, 12)], as_of=AS_OF, tz=UTC_ZONE)
    assert report.runs[-1].band is SpikeBand.NO_BASELINE
    assert report.verdict.level is Level.CAUTION
    (reason,) = report.verdict.reasons
    assert reason.code == "no_baseline"
    assert reason.text == (
        "Your 12 km run on Sunday 19 May had no run in the 30 days before it: nothing to "
        "compare it with; after a break, start shorter than before it."
    )
    assert reason.values["day"] == "2024-05-19"
    assert reason.values["runs_without_baseline"] == 1


@pytest.mark.parametrize(
    "recent",
    [
        [run(AS_OF, 12)],
        [run(AS_OF, 3)],  # shorter than before the break: still nothing to compare it with
        [run(AS_OF - timedelta(days=3), 12), run(AS_OF, 6)],  # the second one was compared
    ],
)
def test_it_never_says_ok_about_a_run_it_could_not_compare(recent: list[Activity]) -> None:
    before_gap = steady(40, AS_OF - timedelta(days=45), km=6.0)
    result = verdict([*before_gap, *recent])
    assert result.level is Level.CAUTION
    assert codes(result)[0] == "no_baseline"
    assert "after a break, start shorter than before it" in result.reasons[0].text


def test_it_counts_every_comeback_run_of_a_long_window() -> None:
    # Three breaks of more than 30 days inside a 100-day window: three runs back from one.
    runs = [run(AS_OF - timedelta(days=90), 5), run(AS_OF - timedelta(days=50), 6)]
    runs += [run(AS_OF - timedelta(days=d), 5) for d in range(140, 120, -3)]
    result = verdict([*runs, run(AS_OF - timedelta(days=10), 5)], window_days=100)
    (reason,) = [r for r in result.reasons if r.code == "no_baseline"]
    assert reason.values["runs_without_baseline"] == 3
    assert reason.values["day"] == (AS_OF - timedelta(days=90)).isoformat()
    assert reason.text.startswith("3 runs in the last 100 days, the first on Monday 19 Feb")


def test_it_says_a_run_without_distance_could_not_be_compared() -> None:
    treadmill = Activity(
        start=datetime(2024, 5, 18, 7, tzinfo=UTC),
        sport=Sport.RUNNING,
        source="treadmill.fit",
        kind="fit",
        utc_offset_s=0,
        duration_s=1800.0,
    )
    result = verdict([*steady(60), treadmill])
    assert result.level is Level.CAUTION
    (reason,) = result.reasons
    assert reason.code == "no_baseline"
    assert reason.values["runs_without_distance"] == 1
    assert reason.text == (
        "1 run in the last 14 days recorded no distance, so it could not be compared with "
        "the longest run of the 30 days before."
    )


@pytest.mark.parametrize(
    ("last_run", "words"),
    [
        (AS_OF - timedelta(days=14), "Your last run was on Sunday 5 May 2024."),
        (date(2017, 3, 5), "Your last run was on Sunday 5 March 2017."),
    ],
)
def test_it_says_not_enough_data_without_a_recent_run(last_run: date, words: str) -> None:
    runs = [*steady(90, last_run), run(last_run, 30)]
    result = verdict(runs)
    assert result.level is Level.NOT_ENOUGH_DATA
    (reason,) = result.reasons
    assert reason.code == "no_recent_runs"
    assert reason.text == (
        f"You have no runs in the last 14 days, so there is nothing recent to judge. {words}"
    )
    assert reason.values == {"window_days": 14, "last_run_day": last_run.isoformat()}


def test_it_judges_a_lone_run_of_long_ago_as_not_enough_data() -> None:
    result = verdict([run(date(2017, 6, 4), 10)], as_of=date(2026, 12, 2))
    assert result.level is Level.NOT_ENOUGH_DATA
    assert codes(result) == ["no_recent_runs"]


def test_it_compares_across_a_short_gap() -> None:
    # Twelve days off, then a run longer than any before the gap: still a spike.
    before_gap = steady(40, AS_OF - timedelta(days=12), km=6.0)
    result = verdict([*before_gap, run(AS_OF, 8)])
    assert result.level is Level.TOO_MUCH_TOO_SOON


def test_it_says_caution_when_only_run_frequency_rises() -> None:
    # Two 10 km runs a week, then six in the last seven days: no run longer than before.
    runs = [run(AS_OF - timedelta(days=d), 10) for d in range(35, 6, -1) if d % 4 == 0]
    runs += [run(AS_OF - timedelta(days=d), 10) for d in range(6)]
    result = verdict(runs)
    assert result.level is Level.CAUTION
    assert "acwr_high" in codes(result)
    reason = next(r for r in result.reasons if r.code == "acwr_high")
    assert "weaker evidence" in reason.text


# --- the rule on its own inputs ----------------------------------------------------------


def week(start: date, load: float, change: float | None) -> WeekTotal:
    return WeekTotal(start, load * 1000, load * 360, 3, load, True, change)


def inputs(**overrides: object) -> VerdictInputs:
    base: dict[str, object] = {
        "as_of": AS_OF,
        "first_day": AS_OF - timedelta(days=60),
        "runs": (spike_run(3, 0, SpikeBand.NONE),),
        "weeks": (),
        "acwr_uncoupled": 1.0,
        "monotony": 1.0,
    }
    base.update(overrides)
    return VerdictInputs(**base)  # type: ignore[arg-type]


def spike_run(days_ago: int, pct: float, band: SpikeBand) -> RunSpike:
    day = AS_OF - timedelta(days=days_ago)
    distance = 10_000 * (1 + pct / 100)
    return RunSpike(run(day, distance / 1000), day, distance, 10_000.0, pct, band)


@pytest.mark.parametrize(
    ("overrides", "level", "reason_codes"),
    [
        ({}, Level.OK, ["no_spike"]),
        ({"acwr_uncoupled": 1.5}, Level.OK, ["no_spike"]),  # "> 1.5": 1.5 itself is not high
        ({"acwr_uncoupled": 1.51}, Level.CAUTION, ["acwr_high"]),
        ({"acwr_uncoupled": None}, Level.OK, ["no_spike"]),
        ({"monotony": 2.0}, Level.OK, ["no_spike"]),
        ({"monotony": 2.01}, Level.CAUTION, ["monotony_high"]),
        ({"monotony": None}, Level.OK, ["no_spike"]),
        (
            {"weeks": (week(date(2024, 5, 6), 30, None), week(date(2024, 5, 13), 39, 30.0))},
            Level.OK,
            ["no_spike"],
        ),
        (
            {"weeks": (week(date(2024, 5, 6), 30, None), week(date(2024, 5, 13), 40, 33.3))},
            Level.CAUTION,
            ["weekly_jump"],
        ),
        (
            {"acwr_uncoupled": 2.0, "monotony": 3.0},
            Level.CAUTION,
            ["acwr_high", "monotony_high"],
        ),
        (
            {"runs": (spike_run(2, 20, SpikeBand.SMALL),), "acwr_uncoupled": 2.0},
            Level.TOO_MUCH_TOO_SOON,
            ["single_run_spike"],
        ),
        ({"runs": (spike_run(2, 5, SpikeBand.NONE),)}, Level.OK, ["no_spike"]),
        (
            {"runs": (spike_run(2, 50, SpikeBand.MODERATE),), "first_day": AS_OF},
            Level.NOT_ENOUGH_DATA,
            ["short_history"],
        ),
        ({"runs": ()}, Level.NOT_ENOUGH_DATA, ["no_recent_runs"]),
        (
            {"runs": (spike_run(20, 50, SpikeBand.MODERATE),), "acwr_uncoupled": 2.0},
            Level.NOT_ENOUGH_DATA,
            ["no_recent_runs"],
        ),
        (
            {"runs": (spike_run(2, 0, SpikeBand.NO_BASELINE),), "acwr_uncoupled": 2.0},
            Level.CAUTION,
            ["no_baseline", "acwr_high"],
        ),
        (
            {
                "runs": (
                    spike_run(5, 0, SpikeBand.NO_BASELINE),
                    spike_run(2, 40, SpikeBand.MODERATE),
                )
            },
            Level.TOO_MUCH_TOO_SOON,
            ["single_run_spike"],
        ),
    ],
)
def test_it_checks_the_levels_in_order(
    overrides: dict[str, object], level: Level, reason_codes: list[str]
) -> None:
    result = decide(inputs(**overrides))
    assert result.level is level
    assert codes(result) == reason_codes


def test_it_words_the_weekly_jump_with_both_weeks() -> None:
    weeks = (week(date(2024, 5, 6), 30, None), week(date(2024, 5, 13), 42, 40.0))
    (reason,) = decide(inputs(weeks=weeks)).reasons
    assert reason.text == (
        "Your week starting Monday 13 May was 40 % more than the week before (42 km against "
        "30 km), a weaker warning sign than a single long run."
    )
    assert reason.source == "Nielsen et al. 2014, JOSPT"


def test_it_uses_the_last_full_week_not_the_current_one() -> None:
    # As of Wednesday 22 May the week of 20 May is still running; 13 May is the last full one.
    weeks = (
        week(date(2024, 5, 6), 30, None),
        week(date(2024, 5, 13), 31, 3.3),
        week(date(2024, 5, 20), 60, None),
    )
    result = decide(inputs(as_of=date(2024, 5, 22), weeks=weeks))
    assert result.level is Level.OK


def test_it_gives_every_reason_a_code_text_source_and_values() -> None:
    result = decide(inputs(acwr_uncoupled=1.8, monotony=2.5))
    for reason in result.reasons:
        assert isinstance(reason, Reason)
        assert reason.code and reason.source and reason.values
        assert reason.text.endswith(".")


def test_it_rejects_an_empty_window() -> None:
    with pytest.raises(ValueError, match="window_days"):
        decide(inputs(window_days=0))
