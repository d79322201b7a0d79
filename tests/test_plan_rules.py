"""The run plan: the 110 % cap counting planned runs, spikes, weekly rise, pain, red flags."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.activities.model import Activity, Sport
from runcare.plan import (
    PainEntry,
    PainLevel,
    PlanError,
    RunSettings,
    Status,
    build_plan,
    done_runs,
    parse_weekdays,
    plan_changes,
    plan_to_json_dict,
)
from runcare.plan.build import CAP_RATIO
from runcare.plan.pain import pain_level

UTC_ZONE = ZoneInfo("UTC")
AS_OF = date(2024, 5, 23)  # a Thursday
MON_WED_SAT = RunSettings(3, frozenset({0, 2, 5}))


def run(day: date, km: float) -> Activity:
    return Activity(
        start=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        sport=Sport.RUNNING,
        source=f"{day}",
        kind="fit",
        utc_offset_s=0,
        distance_m=km * 1000.0,
    )


def history(km_by_days_ago: dict[int, float], as_of: date = AS_OF):
    acts = [run(as_of - timedelta(days=ago), km) for ago, km in km_by_days_ago.items()]
    return done_runs(acts, as_of=as_of, tz=UTC_ZONE)


STEADY = history({ago: 8.0 for ago in range(1, 29, 3)})


def plan(done=STEADY, setting=MON_WED_SAT, **kw):
    return build_plan(done, setting, as_of=kw.pop("as_of", AS_OF), **kw)


def test_it_plans_the_chosen_weekdays_after_the_as_of_day():
    result = plan(weeks=2)
    assert result.status is Status.PLAN
    assert [r.day.weekday() for r in result.runs] == [5, 0, 2, 5, 0, 2]
    assert result.runs[0].day == date(2024, 5, 25)
    assert [w.week_start for w in result.weeks] == [date(2024, 5, 24), date(2024, 5, 31)]


def test_it_caps_every_run_at_110_percent_of_the_longest_of_30_days():
    result = plan()
    assert result.runs[0].cap_m == pytest.approx(8800.0)
    assert all(r.distance_m <= r.cap_m for r in result.runs)


def test_it_spreads_fewer_runs_over_the_allowed_days():
    result = plan(setting=RunSettings(2, frozenset({0, 1, 3, 5})), weeks=1)
    # Two of mon, tue, thu, sat: every other one, mon and thu.
    assert sorted(r.day.weekday() for r in result.runs) == [0, 3]


@pytest.mark.parametrize(
    ("rise_pct", "week2_over_week1"),
    [(0.0, 1.0), (10.0, 1.1), (5.0, 1.05)],
)
def test_it_raises_the_weekly_total_by_at_most_the_rise(rise_pct, week2_over_week1):
    # Short runs with a long old one: the caps stay out of the way of the weekly rise.
    done = history({1: 4.0, 3: 4.0, 5: 4.0, 20: 20.0})
    result = plan(done, RunSettings(3, frozenset({0, 2, 5}), weekly_rise_pct=rise_pct))
    week1, week2 = (w.distance_m for w in result.weeks)
    assert week1 <= 12_000 * (1 + rise_pct / 100) + 1
    assert week2 <= week1 * week2_over_week1 + 300  # rounding down each run to 100 m


def test_it_stops_at_the_weekly_goal():
    done = history({1: 4.0, 3: 4.0, 5: 4.0, 20: 20.0})
    result = plan(done, RunSettings(3, frozenset({0, 2, 5}), weekly_goal_m=12_500), weeks=4)
    assert max(w.distance_m for w in result.weeks) <= 12_500


def test_after_a_spike_the_cap_is_the_baseline_it_exceeded():
    done = history({1: 12.0, 5: 8.0, 10: 8.0})
    result = plan(done)
    assert result.runs[0].cap_m == pytest.approx(8800.0)
    assert any("spike" in note for note in result.notes)
    assert "counted as the run it exceeded" in result.runs[0].why


def test_a_spike_older_than_30_days_no_longer_limits_the_cap():
    # The spike 31 days before the first planned day is out of its window.
    done = history({30: 12.0, 35: 8.0, 3: 9.0})
    result = plan(done)
    assert result.runs[0].cap_m == pytest.approx(9900.0)


def test_a_red_flag_means_no_plan():
    result = plan(red_flag=True)
    assert result.status is Status.SEE_A_DOCTOR
    assert result.runs == ()
    assert "see a doctor first" in result.notes[0].lower()


@pytest.mark.parametrize(
    "km_by_days_ago",
    # The last: a run 29 days ago is too old for the window of Saturday, the first run day.
    [{}, {30: 8.0}, {45: 10.0, 60: 10.0}, {29: 8.0}],
)
def test_without_a_run_in_30_days_there_is_not_enough_data(km_by_days_ago):
    result = plan(history(km_by_days_ago))
    assert result.status is Status.NOT_ENOUGH_DATA
    assert result.runs == ()
    assert result.notes


@pytest.mark.parametrize(
    ("entries", "level"),
    [
        ([], PainLevel.NONE_RECORDED),
        ([PainEntry(AS_OF - timedelta(days=9), 8, 8, 8)], PainLevel.NONE_RECORDED),
        ([PainEntry(AS_OF, 2, 1, 0)], PainLevel.ALLOW),
        ([PainEntry(AS_OF, 3, 1, 0)], PainLevel.HOLD),
        ([PainEntry(AS_OF, 5, 5, 5)], PainLevel.HOLD),
        ([PainEntry(AS_OF, 6, 1, 0)], PainLevel.STEP_BACK),
        ([PainEntry(AS_OF, 1, 6)], PainLevel.STEP_BACK),
        (
            [PainEntry(AS_OF - timedelta(days=2), 1, 1, 1), PainEntry(AS_OF, 1, 1, 2)],
            PainLevel.STEP_BACK,
        ),
        (
            [PainEntry(AS_OF - timedelta(days=2), 1, 1, 2), PainEntry(AS_OF, 1, 1, 2)],
            PainLevel.ALLOW,
        ),
        # Two regions on one day: the worst counts.
        (
            [PainEntry(AS_OF, 1, region="hip"), PainEntry(AS_OF, 7, region="back")],
            PainLevel.STEP_BACK,
        ),
        # An entry after the as-of day is not known yet.
        ([PainEntry(AS_OF + timedelta(days=1), 9)], PainLevel.NONE_RECORDED),
    ],
)
def test_the_pain_zones(entries, level):
    assert pain_level(entries, AS_OF)[0] is level


def test_a_step_back_makes_the_next_run_shorter_and_says_why():
    calm = plan()
    painful = plan(pain=[PainEntry(AS_OF - timedelta(days=1), 7, 4, 3)])
    assert painful.runs[0].distance_m < calm.runs[0].distance_m
    assert "Stepped back" in painful.runs[0].why
    assert any("Achilles" in note for note in painful.notes)
    changes = plan_changes(calm, painful)
    assert changes and changes[0].day == calm.runs[0].day
    assert "shorter" in changes[0].text and "above 5" in changes[0].text


def test_one_painful_day_steps_back_the_next_run_only_and_holds_the_rest():
    # Short runs with a long old one: the caps stay out of the way of the weekly totals.
    done = history({1: 4.0, 3: 4.0, 5: 4.0, 20: 20.0})
    calm = plan(done)
    painful = plan(done, pain=[PainEntry(AS_OF - timedelta(days=1), 7)])
    held = plan(done, pain=[PainEntry(AS_OF - timedelta(days=1), 4)])
    # The next run: 80 % of its held length (4.0 km), so shorter than planned either way.
    assert painful.runs[0].distance_m == 3200.0
    assert painful.runs[0].distance_m < held.runs[0].distance_m < calm.runs[0].distance_m
    # The runs after it are held at the last 7 days (12 km a week, 4 km a run), not cut.
    assert [r.distance_m for r in painful.runs[1:]] == [4000.0] * 5
    assert [r.distance_m for r in painful.runs[1:]] == [r.distance_m for r in held.runs[1:]]
    assert "Stepped back" not in painful.runs[1].why
    assert any("until the pain settles" in note for note in painful.notes)


def test_hold_keeps_every_week_at_the_last_seven_days():
    done = history({1: 4.0, 3: 4.0, 5: 4.0, 20: 20.0})
    held = plan(done, pain=[PainEntry(AS_OF - timedelta(days=1), 4)], weeks=3)
    assert [w.distance_m for w in held.weeks] == [12_000.0] * 3
    calm = plan(done, weeks=3)
    assert calm.weeks[2].distance_m > calm.weeks[0].distance_m > 12_000.0


def test_pain_that_settled_lets_the_plan_rise_again():
    done = history({1: 4.0, 3: 4.0, 5: 4.0, 20: 20.0})
    settled = [PainEntry(AS_OF - timedelta(days=5), 7), PainEntry(AS_OF - timedelta(days=1), 2)]
    calm = [r.distance_m for r in plan(done).runs]
    allowed = plan(done, pain=settled)
    assert [r.distance_m for r in allowed.runs] == calm
    assert "Progression allowed because pain 2/10" in allowed.runs[0].why
    # A week later the painful day is forgotten too.
    forgotten = plan(done, pain=[PainEntry(AS_OF - timedelta(days=8), 9)])
    assert [r.distance_m for r in forgotten.runs] == calm


def test_hold_keeps_the_week_at_the_last_seven_days():
    done = history({1: 4.0, 3: 4.0, 5: 4.0, 20: 20.0})
    held = plan(done, pain=[PainEntry(AS_OF - timedelta(days=1), 4)])
    assert held.weeks[0].distance_m <= 12_000
    assert "Progression held" in held.runs[0].why


def test_notes_say_the_weekly_cap_is_a_convention():
    assert any("Nielsen" in n and "Buist" in n for n in plan().notes)
    assert not any("Achilles" in n for n in plan().notes)  # only where the model is used


def test_run_walk_intervals_lengthen_and_restart_after_a_step_back():
    walk = RunSettings(3, frozenset({0, 2, 5}), run_walk=True)
    result = plan(setting=walk, weeks=4)
    assert result.runs[0].intervals == "run 4 min, walk 1 min"
    assert result.runs[3].intervals == "run 6 min, walk 1 min"
    assert result.runs[-1].intervals == ""
    stepped = plan(setting=walk, pain=[PainEntry(AS_OF, 8)], weeks=2)
    assert stepped.runs[3].intervals == "run 4 min, walk 1 min"


def test_the_json_shape():
    data = plan_to_json_dict(plan(weeks=1))
    assert set(data) == {"as_of", "status", "runs", "weeks", "notes"}
    assert data["status"] == "plan"
    assert set(data["runs"][0]) == {"day", "distance_m", "cap_m", "why"}
    assert data["weeks"][0]["week_start"] == "2024-05-24"


def test_the_diff_of_the_same_plan_is_empty():
    assert plan_changes(plan(), plan()) == ()


NOTHING_RECENT = history({45: 10.0})
STATUS_PLANS = {
    Status.PLAN: plan,
    Status.NOT_ENOUGH_DATA: lambda: plan(NOTHING_RECENT),
    Status.SEE_A_DOCTOR: lambda: plan(red_flag=True),
}


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (Status.PLAN, Status.SEE_A_DOCTOR, ["No running plan for now", "See a doctor first"]),
        (Status.NOT_ENOUGH_DATA, Status.SEE_A_DOCTOR, ["See a doctor first"]),
        (Status.PLAN, Status.NOT_ENOUGH_DATA, ["No running plan for now", "No run in the 30"]),
        (Status.SEE_A_DOCTOR, Status.NOT_ENOUGH_DATA, ["No running plan for now"]),
        (Status.NOT_ENOUGH_DATA, Status.PLAN, ["There is a running plan now"]),
        (Status.SEE_A_DOCTOR, Status.PLAN, ["There is a running plan again", "warning sign"]),
    ],
)
def test_a_status_change_is_worded_for_a_person(old, new, words):
    before, after = STATUS_PLANS[old](), STATUS_PLANS[new]()
    assert (before.status, after.status) == (old, new)
    first = plan_changes(before, after)[0]
    assert (first.day, first.old_m, first.new_m) == (AS_OF, None, None)
    for word in words:
        assert word in first.text
    # No status code leaks into the sentence, whatever the pair.
    for code in ("not_enough_data", "not enough data", "see_a_doctor", "now plan", "now see"):
        assert code not in first.text


def test_the_same_status_is_not_a_change():
    assert plan_changes(plan(red_flag=True), plan(red_flag=True)) == ()
    assert plan_changes(plan(NOTHING_RECENT), plan(NOTHING_RECENT)) == ()


def test_a_status_change_lists_the_runs_dropped_after_it():
    changes = plan_changes(plan(), plan(red_flag=True))
    assert all(c.new_m is None and "dropped" in c.text for c in changes[1:])
    assert len(changes) == 1 + len(plan().runs)


@pytest.mark.parametrize(
    ("text", "days"),
    [("mon,wed,sat", {0, 2, 5}), ("Sun", {6}), ("tue, thursday", {1, 3})],
)
def test_it_reads_weekdays(text, days):
    assert parse_weekdays(text) == frozenset(days)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: parse_weekdays("mon,funday"), "days"),
        (lambda: RunSettings(0), "runs_per_week"),
        (lambda: RunSettings(8), "runs_per_week"),
        (lambda: RunSettings(3, frozenset()), "weekdays"),
        (lambda: RunSettings(3, weekly_goal_m=-1), "weekly_goal_m"),
        (lambda: RunSettings(3, weekly_rise_pct=50), "weekly_rise_pct"),
        (lambda: PainEntry(AS_OF, 11), "during_0_10"),
        (lambda: PainEntry(AS_OF, None, -1), "after_0_10"),
        (lambda: plan(weeks=0), "weeks"),
    ],
)
def test_bad_settings_name_the_field(make, field):
    with pytest.raises(PlanError, match=field):
        make()


# --- properties ---------------------------------------------------------------------------

runs_st = st.dictionaries(st.integers(0, 60), st.floats(0.5, 40.0), min_size=1, max_size=25)
pain_st = st.lists(
    st.builds(
        PainEntry,
        st.integers(0, 10).map(lambda ago: AS_OF - timedelta(days=ago)),
        st.none() | st.integers(0, 10),
        st.none() | st.integers(0, 10),
        st.none() | st.integers(0, 10),
    ),
    max_size=4,
)
settings_st = st.builds(
    RunSettings,
    st.integers(1, 7),
    st.frozensets(st.integers(0, 6), min_size=1),
    st.none() | st.floats(1000, 100_000),
    st.floats(0, 30),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(runs_st, settings_st, pain_st, st.integers(1, 6))
def test_no_planned_run_breaks_the_110_percent_rule(km_by_days_ago, setting, pain, weeks):
    done = history(km_by_days_ago)
    result = build_plan(done, setting, as_of=AS_OF, weeks=weeks, pain=pain)
    raw = [(r.day, r.distance_m) for r in done] + [(r.day, r.distance_m) for r in result.runs]
    for planned in result.runs:
        window = [d for day, d in raw if planned.day - timedelta(days=30) <= day < planned.day]
        assert window, "every planned run has a baseline"
        assert planned.distance_m <= CAP_RATIO * max(window) + 1e-6
        assert planned.distance_m <= planned.cap_m + 1e-6


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 21), st.floats(1.0, 30.0), st.floats(1.12, 4.0), settings_st)
def test_after_a_spike_the_cap_uses_the_pre_spike_baseline(ago, base_km, ratio, setting):
    # One baseline run, then a spike; the first planned run's cap ignores the spike.
    done = history({ago + 1: base_km, ago: base_km * ratio})
    assert done[-1].spike_pct is not None
    result = build_plan(done, setting, as_of=AS_OF)
    assert result.runs[0].cap_m == pytest.approx(CAP_RATIO * base_km * 1000.0)


@settings(max_examples=150, deadline=None)
@given(runs_st, settings_st, pain_st, st.integers(0, 6), st.integers(6, 10))
def test_a_painful_day_never_makes_the_next_run_longer(km_by_days_ago, setting, pain, ago, worst):
    done = history(km_by_days_ago)
    before = build_plan(done, setting, as_of=AS_OF, pain=pain)
    painful = [*pain, PainEntry(AS_OF - timedelta(days=ago), worst)]
    after = build_plan(done, setting, as_of=AS_OF, pain=painful)
    assert len(after.runs) == len(before.runs)
    if before.runs:
        assert after.runs[0].distance_m <= before.runs[0].distance_m
    if ago == 0 and before.runs and after.pain_level is PainLevel.STEP_BACK:
        assert "Stepped back" in after.runs[0].why


@settings(max_examples=150, deadline=None)
@given(runs_st, settings_st, pain_st, st.integers(6, 10), st.sampled_from(["during", "after"]))
def test_the_next_run_after_a_painful_day_is_shorter_and_no_run_after_it_longer(
    km_by_days_ago, setting, pain, worst, part
):
    # The painful day is the latest entry: it decides the plan.
    done = history(km_by_days_ago)
    earlier = [e for e in pain if e.day < AS_OF]
    painful_day = PainEntry(AS_OF, worst) if part == "during" else PainEntry(AS_OF, None, worst)
    calm = build_plan(done, setting, as_of=AS_OF, weeks=3)
    before = build_plan(done, setting, as_of=AS_OF, weeks=3, pain=earlier)
    after = build_plan(done, setting, as_of=AS_OF, weeks=3, pain=[*earlier, painful_day])
    if not after.runs:  # nothing to build on: no plan with or without pain
        assert not calm.runs
        return
    assert after.pain_level is PainLevel.STEP_BACK
    nothing_planned = calm.runs[0].distance_m == 0 or before.runs[0].distance_m == 0
    if not nothing_planned:
        # Shorter than it was planned, with or without the earlier pain.
        assert after.runs[0].distance_m < calm.runs[0].distance_m
        if before.pain_level is not PainLevel.STEP_BACK:
            assert after.runs[0].distance_m < before.runs[0].distance_m
    # No run of the plan is longer than it was before the painful day.
    for new, old in zip(after.runs, before.runs, strict=True):
        assert new.distance_m <= old.distance_m + 1e-6
    # Held, not stepped back over and over: every later run at most its held length.
    held = build_plan(done, setting, as_of=AS_OF, weeks=3, pain=[*earlier, PainEntry(AS_OF, 4)])
    assert held.pain_level is PainLevel.HOLD
    for new, kept in zip(after.runs[1:], held.runs[1:], strict=True):
        assert new.distance_m <= kept.distance_m + 1e-6


def test_a_painful_day_entered_late_keeps_the_later_step_back():
    # Mornings 1 (five days ago) then 3 (yesterday): not settled, a step back. A day with
    # a next morning of 9 entered later, between them, must not turn it into a hold.
    done = history({1: 4.0, 3: 4.0, 5: 4.0, 20: 20.0})
    two = [
        PainEntry(AS_OF - timedelta(days=5), 1, 1, 1),
        PainEntry(AS_OF - timedelta(days=1), 1, 1, 3),
    ]
    three = [*two, PainEntry(AS_OF - timedelta(days=3), 7, 7, 9)]
    before = plan(done, pain=two)
    after = plan(done, pain=three)
    assert before.pain_level is after.pain_level is PainLevel.STEP_BACK
    assert after.runs[0].distance_m == before.runs[0].distance_m == 3200.0
    assert "settled morning of the 7 days before (1/10)" in after.runs[0].why


def test_a_worse_region_on_an_earlier_day_does_not_raise_the_settled_morning():
    earlier = AS_OF - timedelta(days=3)
    two = [PainEntry(earlier, 1, 1, 1, region="hip"), PainEntry(AS_OF, 1, 1, 2, region="hip")]
    assert pain_level(two, AS_OF)[0] is PainLevel.STEP_BACK
    three = [*two, PainEntry(earlier, 2, 2, 8, region="back")]
    assert pain_level(three, AS_OF)[0] is PainLevel.STEP_BACK


def test_a_morning_more_than_7_days_before_is_not_the_baseline():
    entries = [PainEntry(AS_OF - timedelta(days=8), 1, 1, 0), PainEntry(AS_OF, 1, 1, 2)]
    assert pain_level(entries, AS_OF)[0] is PainLevel.ALLOW


SEVERITY = {
    PainLevel.NONE_RECORDED: 0,
    PainLevel.ALLOW: 0,
    PainLevel.HOLD: 1,
    PainLevel.STEP_BACK: 2,
}
value_st = st.none() | st.integers(0, 10)
# Mornings recorded every time: the late-entry cases need two of them in a week.
mornings_st = st.lists(
    st.builds(
        PainEntry,
        st.integers(0, 10).map(lambda ago: AS_OF - timedelta(days=ago)),
        value_st,
        value_st,
        st.integers(0, 10),
    ),
    min_size=2,
    max_size=5,
)


def painful_entry(data: st.DataObject, pain: list[PainEntry]) -> PainEntry:
    """Too much pain during, or a next morning worse than a recorded morning of the 7 days
    before its day; on any day of the last 11, in the same region or another."""
    region = data.draw(st.sampled_from(["", "back"]))
    mornings = [e for e in pain if e.next_morning_0_10 is not None and e.next_morning_0_10 < 10]
    if mornings and data.draw(st.booleans()):
        base = data.draw(st.sampled_from(mornings))
        last_ago = (AS_OF - base.day).days - 1
        if last_ago >= 0:
            ago = data.draw(st.integers(max(0, last_ago - 6), last_ago))
            morning = data.draw(st.integers((base.next_morning_0_10 or 0) + 1, 10))
            during, after = data.draw(value_st), data.draw(value_st)
            return PainEntry(AS_OF - timedelta(days=ago), during, after, morning, region)
    day = AS_OF - timedelta(days=data.draw(st.integers(0, 10)))
    during, after, morning = data.draw(st.integers(6, 10)), data.draw(value_st), data.draw(value_st)
    return PainEntry(day, during, after, morning, region)


@settings(max_examples=300, deadline=None)
@given(runs_st, settings_st, pain_st | mornings_st, st.data())
def test_a_painful_day_entered_at_any_time_never_makes_the_next_run_longer(
    km_by_days_ago, setting, pain, data
):
    added = painful_entry(data, pain)
    done = history(km_by_days_ago)
    without = build_plan(done, setting, as_of=AS_OF, pain=pain)
    with_it = build_plan(done, setting, as_of=AS_OF, pain=[*pain, added])
    assert SEVERITY[with_it.pain_level] >= SEVERITY[without.pain_level]
    assert len(with_it.runs) == len(without.runs)
    if without.runs:
        assert with_it.runs[0].distance_m <= without.runs[0].distance_m
