"""Progress: pain per region week by week against distance, events marked, and the trend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from runcare.plan import DoneRun, PainEntry
from runcare.plan.progress import Trend, build_progress, pain_trend
from runcare.report.progress_chart import progress_chart, week_title

AS_OF = date(2024, 5, 23)  # Thursday; its week starts Monday 20 May


def entry(days_ago: int, worst: int, region: str = "") -> PainEntry:
    return PainEntry(AS_OF - timedelta(days=days_ago), worst, region=region)


@pytest.mark.parametrize(
    ("entries", "trend"),
    [
        ([], Trend.UNKNOWN),
        ([entry(2, 5)], Trend.UNKNOWN),
        ([entry(20, 5)], Trend.UNKNOWN),
        ([entry(20, 6), entry(2, 2)], Trend.BETTER),
        ([entry(20, 2), entry(2, 6)], Trend.WORSE),
        ([entry(20, 4), entry(2, 4), entry(3, 5)], Trend.SAME),
        # Exactly one point lower on average counts as better.
        ([entry(20, 5), entry(2, 4)], Trend.BETTER),
        # Older than 28 days, or later than as-of, does not count.
        ([entry(30, 9), entry(2, 2)], Trend.UNKNOWN),
        ([entry(20, 5), entry(-1, 0)], Trend.UNKNOWN),
    ],
)
def test_the_trend(entries: list[PainEntry], trend: Trend) -> None:
    assert pain_trend(entries, AS_OF) is trend


def test_it_groups_by_iso_week_and_region_and_marks_events() -> None:
    done = (
        DoneRun(date(2024, 5, 21), 8000.0, 8000.0),
        DoneRun(date(2024, 5, 22), 12000.0, 8000.0, spike_pct=50.0),
        DoneRun(date(2024, 5, 14), 5000.0, 5000.0),
    )
    pain = [
        entry(1, 6, "hip_front_left"),
        entry(2, 3, "hip_front_left"),
        entry(2, 2, "lower_back_left"),
        entry(9, 4, "hip_front_left"),
    ]
    found = build_progress(
        done,
        pain,
        as_of=AS_OF,
        session_days=[date(2024, 5, 20), date(2024, 6, 1)],
        plan_change_days=[date(2024, 5, 16)],
        weeks=3,
    )
    assert [w.week_start for w in found.weeks] == [
        date(2024, 5, 6),
        date(2024, 5, 13),
        date(2024, 5, 20),
    ]
    last, before = found.weeks[-1], found.weeks[-2]
    assert last.distance_m == 20000.0 and last.spikes == 1 and last.sessions == 1
    assert dict(last.pain_0_10) == {"hip_front_left": 6, "lower_back_left": 2}
    assert before.distance_m == 5000.0 and before.plan_changes == 1
    assert dict(before.pain_0_10) == {"hip_front_left": 4}
    assert found.regions == ("hip_front_left", "lower_back_left")
    title = week_title(last, {"hip_front_left": "Left front of hip"})
    assert "20.0 km" in title and "Left front of hip 6/10" in title and "1 spike" in title


def test_the_chart_is_an_svg_with_a_title_and_every_week() -> None:
    found = build_progress((), [entry(1, 6, "hip_front_left")], as_of=AS_OF, weeks=12)
    svg = progress_chart(found, {"hip_front_left": "Left front of hip"})
    tree = etree.fromstring(svg.encode())
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert tree.get("role") == "img"
    assert tree.find("s:title", ns).text == "Pain and weekly distance"
    assert len(tree.findall("s:rect", ns)) == 12
    assert "Left front of hip" in svg
    assert "style=" not in svg


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 100), st.floats(0, 1e6)), max_size=20),
    st.lists(st.tuples(st.integers(-3, 100), st.integers(0, 10), st.sampled_from(["", "a", "b"]))),
    st.integers(1, 30),
)
def test_any_history_draws_a_well_formed_chart(runs, pains, weeks) -> None:
    done = [DoneRun(AS_OF - timedelta(days=d), m, m) for d, m in runs]
    pain = [entry(d, v, r) for d, v, r in pains]
    found = build_progress(done, pain, as_of=AS_OF, weeks=weeks)
    assert len(found.weeks) == weeks
    etree.fromstring(progress_chart(found).encode())
