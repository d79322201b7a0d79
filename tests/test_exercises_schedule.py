"""The guided timer's schedule, computed from the doses."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.exercises import (
    PHASES,
    Dose,
    Program,
    ProgramItem,
    build_schedule,
    library,
    parse_program,
)
from runcare.exercises.schedule import GET_READY_S, SWITCH_SIDE_S


def _program(key: str, **dose: object) -> Program:
    return parse_program({"exercises": [{"exercise": key, **dose}]}, library())


def _timeline(program: Program) -> list[tuple[float, str, str | None, int, int | None]]:
    return [(p.start_s, p.phase, p.side, p.set, p.rep) for p in build_schedule(program).phases]


@pytest.mark.parametrize(
    ("dose", "expected", "total_s"),
    [
        (
            {"side": "none", "sets": 1, "reps": 2, "hold_s": 30, "relax_s": 5, "rest_s": 20},
            [
                (0.0, "get_ready", None, 1, None),
                (5.0, "hold", None, 1, 1),
                (35.0, "relax", None, 1, 1),
                (40.0, "hold", None, 1, 2),
                (70.0, "relax", None, 1, 2),
            ],
            75.0,
        ),
        (
            {"side": "both", "sets": 1, "reps": 1, "hold_s": 5, "relax_s": 10, "rest_s": 0},
            [
                (0.0, "get_ready", "left", 1, None),
                (5.0, "hold", "left", 1, 1),
                (10.0, "relax", "left", 1, 1),
                (20.0, "switch_side", "right", 1, None),
                (25.0, "hold", "right", 1, 1),
                (30.0, "relax", "right", 1, 1),
            ],
            40.0,
        ),
        (
            {"side": "right", "sets": 2, "reps": 2, "hold_s": 2, "relax_s": 0, "rest_s": 20},
            [
                (0.0, "get_ready", "right", 1, None),
                (5.0, "hold", "right", 1, 1),
                (7.0, "hold", "right", 1, 2),
                (9.0, "rest", "right", 2, None),
                (29.0, "hold", "right", 2, 1),
                (31.0, "hold", "right", 2, 2),
            ],
            33.0,
        ),
        (
            {"side": "both", "sets": 2, "reps": 1, "hold_s": 1.5, "relax_s": 2, "rest_s": 0},
            [
                (0.0, "get_ready", "left", 1, None),
                (5.0, "hold", "left", 1, 1),
                (6.5, "relax", "left", 1, 1),
                (8.5, "switch_side", "right", 1, None),
                (13.5, "hold", "right", 1, 1),
                (15.0, "relax", "right", 1, 1),
                (17.0, "hold", "left", 2, 1),
                (18.5, "relax", "left", 2, 1),
                (20.5, "switch_side", "right", 2, None),
                (25.5, "hold", "right", 2, 1),
                (27.0, "relax", "right", 2, 1),
            ],
            29.0,
        ),
    ],
)
def test_it_lays_out_the_exact_timeline(
    dose: dict[str, object], expected: list[tuple[object, ...]], total_s: float
) -> None:
    program = _program("kneeling-hip-flexor", **dose)
    assert _timeline(program) == expected
    assert build_schedule(program).total_s == total_s


def test_it_plays_exercises_one_after_the_other() -> None:
    program = parse_program(
        {
            "exercises": [
                {"exercise": "ql-side-stretch", "side": "left", "reps": 1, "relax_s": 0},
                {"exercise": "ais-glute", "side": "none", "reps": 1, "relax_s": 0},
            ]
        },
        library(),
    )
    schedule = build_schedule(program)
    assert [(p.exercise, p.phase, p.start_s) for p in schedule.phases] == [
        ("ql-side-stretch", "get_ready", 0.0),
        ("ql-side-stretch", "hold", 5.0),
        ("ais-glute", "get_ready", 35.0),
        ("ais-glute", "hold", 40.0),
    ]


def test_it_speaks_the_cues_of_the_seed_stretch() -> None:
    schedule = build_schedule(_program("resisted-hip-flexor-face-up", reps=1))
    cues = [p.cue for p in schedule.phases]
    assert cues[0].startswith("Resisted hip-flexor stretch, face up. Once, 5 seconds each side.")
    assert "Get ready, left leg first." in cues[0]
    assert cues[1] == "Left leg. 1 of 1. Lift against your hand... hold."
    assert cues[2] == "And relax; let it sink into the stretch."
    assert cues[3] == "Switch to the right leg."
    assert cues[4].startswith("Right leg. 1 of 1.")


def test_it_says_side_for_a_side_stretch_and_nothing_without_one() -> None:
    side = build_schedule(_program("ql-side-stretch", reps=1, relax_s=0))
    assert side.phases[1].cue.startswith("Left side. 1 of 1.")
    none = build_schedule(_program("ql-side-stretch", side="none", reps=1, relax_s=0))
    assert none.phases[0].cue.endswith("Get ready.")
    assert none.phases[1].cue.startswith("1 of 1. ")


def test_it_gives_the_json_shape_of_the_command_line() -> None:
    data = build_schedule(_program("ais-glute", side="left", reps=1)).as_json()
    assert data["total_s"] == 9.0
    assert data["phases"][0] == {
        "start_s": 0.0,
        "duration_s": GET_READY_S,
        "phase": "get_ready",
        "exercise": "ais-glute",
        "side": "left",
        "set": 1,
        "rep": None,
        "cue": data["phases"][0]["cue"],
    }
    assert data["phases"][0]["cue"]


_doses = st.builds(
    Dose,
    side=st.sampled_from(["both", "left", "right", "none"]),
    sets=st.integers(1, 10),
    reps=st.integers(1, 30),
    hold_s=st.sampled_from([0.5, 1.5, 2.0, 5.0, 30.0, 299.5]),
    relax_s=st.sampled_from([0.0, 0.5, 2.0, 10.0]),
    rest_s=st.sampled_from([0.0, 15.0, 600.0]),
    times_per_day=st.integers(1, 10),
)


@given(st.lists(st.tuples(st.sampled_from(sorted(library().exercises)), _doses), min_size=1))
def test_it_keeps_phases_contiguous_and_counts_every_hold(
    items: list[tuple[str, Dose]],
) -> None:
    program = Program("p", tuple(ProgramItem(library().exercises[k], d) for k, d in items))
    schedule = build_schedule(program)
    phases = schedule.phases
    assert phases[0].start_s == 0.0
    for before, after in itertools.pairwise(phases):
        assert after.start_s == before.end_s
    assert sum(p.duration_s for p in phases) == pytest.approx(schedule.total_s)
    assert phases[-1].end_s == schedule.total_s
    assert all(p.phase in PHASES and p.duration_s > 0 and p.cue for p in phases)
    holds = [p for p in phases if p.phase == "hold"]
    assert len(holds) == sum(d.sets * len(d.sides) * d.reps for _, d in items)
    assert sum(p.phase == "get_ready" for p in phases) == len(items)
    switches = sum(p.phase == "switch_side" for p in phases)
    assert switches == sum(d.sets for _, d in items if d.side == "both")
    assert all(p.duration_s == SWITCH_SIDE_S for p in phases if p.phase == "switch_side")
