"""Foster's monotony and strain over the last 7 calendar days."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcare.load.monotony import MONOTONY_CAP, monotony, strain


# EVIDENCE 1.4: mean 32.143, population SD 32.498; the published 0.989 and 222.5 are
# rounded from 0.98907 and 222.54.
def test_it_reproduces_the_worked_week() -> None:
    week = np.array([60.0, 0.0, 45.0, 0.0, 90.0, 30.0, 0.0])
    assert monotony(week)[-1] == pytest.approx(0.989, abs=5e-4)
    assert strain(week)[-1] == pytest.approx(222.5, abs=0.05)
    assert strain(week)[-1] == pytest.approx(225 * monotony(week)[-1])


@pytest.mark.parametrize(
    ("week", "expected"),
    [
        ([5.0] * 7, MONOTONY_CAP),  # SD 0 with a positive mean
        ([0.1] * 7, MONOTONY_CAP),  # SD 0 in exact arithmetic; float residue must not matter
        ([10.0] * 6 + [12.0], MONOTONY_CAP),  # more even than 10 still scores 10
        ([0.0] * 7, None),  # no load: undefined
        ([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], 1 / 7 / math.sqrt(6 / 49)),
        ([10.0, 0.0] * 3 + [10.0], (40 / 7) / statistics.pstdev([10.0, 0.0] * 3 + [10.0])),
    ],
)
def test_it_handles_the_edge_weeks(week: list[float], expected: float | None) -> None:
    value = monotony(np.array(week))[-1]
    if expected is None:
        assert math.isnan(value)
    else:
        assert value == pytest.approx(expected)


def test_it_is_undefined_before_seven_days() -> None:
    values = monotony(np.array([5.0, 0.0, 3.0, 0.0, 4.0, 6.0, 0.0, 2.0]))
    assert np.isnan(values[:6]).all()
    assert not np.isnan(values[6:]).any()
    assert np.isnan(strain(np.ones(6))).all()


def test_it_counts_rest_days_as_zeros() -> None:
    # Three runs of 10 in 7 days: the zeros are part of the week.
    week = [10.0, 0.0, 10.0, 0.0, 10.0, 0.0, 0.0]
    assert monotony(np.array(week))[-1] == pytest.approx(
        statistics.fmean(week) / statistics.pstdev(week)
    )


def reference(load: list[float], t: int) -> tuple[float | None, float | None]:
    if t < 6:
        return None, None
    week = load[t - 6 : t + 1]
    mean = sum(week) / 7
    if mean == 0:
        return None, None
    sd = math.sqrt(sum((x - mean) ** 2 for x in week) / 7)
    value = MONOTONY_CAP if sd == 0 else min(mean / sd, MONOTONY_CAP)
    return value, sum(week) * value


loads = st.lists(st.one_of(st.just(0.0), st.floats(0.1, 50.0)), max_size=60)


@settings(max_examples=120, deadline=None)
@given(loads)
def test_it_matches_a_plain_python_reference(values: list[float]) -> None:
    load = np.array(values, dtype=float)
    mono, strains = monotony(load), strain(load)
    for t in range(len(values)):
        expected_mono, expected_strain = reference(values, t)
        if expected_mono is None or expected_strain is None:
            assert math.isnan(mono[t])
            assert math.isnan(strains[t])
        else:
            assert mono[t] == pytest.approx(expected_mono, rel=1e-6)
            assert strains[t] == pytest.approx(expected_strain, rel=1e-6)


@settings(max_examples=60, deadline=None)
@given(loads, st.floats(0.001, 1000.0))
def test_it_is_unchanged_by_scaling_every_load(values: list[float], k: float) -> None:
    load = np.array(values, dtype=float)
    plain, scaled = monotony(load), monotony(load * k)
    assert (np.isnan(plain) == np.isnan(scaled)).all()
    assert np.allclose(plain, scaled, rtol=1e-9, equal_nan=True)
