"""Loading home programs: the current version, its exercises as the core's program (which
computes the timer's schedule and the dose words), and what a therapist may prescribe."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from runcare.exercises import (
    Dose,
    Program,
    ProgramItem,
    build_schedule,
    describe_dose,
    dose_from,
    figure_of,
    figures,
)
from runcare.web.accounts.models import User
from runcare.web.exercises.models import LibraryExercise, ProgramVersion
from runcare.web.media.figures import Figure


def library_for(therapist: User) -> QuerySet[LibraryExercise]:
    """The exercises a therapist may prescribe: the shipped ones and her own."""
    return LibraryExercise.objects.filter(Q(therapist=None) | Q(therapist=therapist))


def current_version(runner: User) -> ProgramVersion | None:
    return (
        ProgramVersion.objects.filter(runner=runner)
        .select_related("therapist")
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class ItemView:
    """One exercise of a program as a page and the handout show it."""

    index: int
    exercise: LibraryExercise
    dose: Dose
    dose_words: str
    figure: Figure | None


def _figure(row: LibraryExercise) -> Figure | None:
    if not row.figure or row.figure not in figures():
        return None
    drawing = figure_of(row.as_core())
    return Figure(credit=drawing.credit(), alt=drawing.alt, svg=drawing.svg)


@dataclass(frozen=True)
class ProgramView:
    version: ProgramVersion
    items: list[ItemView]
    program: Program

    @property
    def schedule_json(self) -> dict[str, Any]:
        """The timer's schedule, computed by the core; the browser only plays it."""
        return build_schedule(self.program).as_json()

    @property
    def times_per_day(self) -> int:
        """How often a day the whole program is due: its most frequent exercise."""
        return max((item.dose.times_per_day for item in self.items), default=1)


def program_view(version: ProgramVersion) -> ProgramView:
    """The version's exercises in order; an exercise since deleted from the library is
    left out rather than breaking the runner's page."""
    rows = LibraryExercise.objects.in_bulk([item["exercise"] for item in version.items])
    items: list[ItemView] = []
    for index, item in enumerate(version.items):
        row = rows.get(item["exercise"])
        if row is None:
            continue
        values = {k: v for k, v in item.items() if k != "exercise"}
        dose = dose_from(values, row.name, row.dose)
        words = describe_dose(dose, row.technique)
        items.append(ItemView(index, row, dose, words, _figure(row)))
    program = Program(
        "Home stretches",
        tuple(ProgramItem(i.exercise.as_core(), i.dose) for i in items),
    )
    return ProgramView(version, items, program)
