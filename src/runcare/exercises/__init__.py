"""Home stretches: the library the product ships, programs, and the guided timer's schedule.

Framework-free: the web app stores programs and plays the schedule; the command line times it.
"""

from runcare.exercises.dose import DOSE_FIELDS, SIDES, Dose, DoseError, dose_from
from runcare.exercises.figures import figure_of, figures
from runcare.exercises.library import (
    DoseSource,
    Exercise,
    ExerciseDataError,
    Library,
    check_references,
    library,
    parse_library,
)
from runcare.exercises.program import (
    Program,
    ProgramError,
    ProgramItem,
    parse_program,
    read_program,
    single,
)
from runcare.exercises.schedule import PHASES, Phase, Schedule, build_schedule
from runcare.exercises.words import describe_dose

__all__ = [
    "DOSE_FIELDS",
    "PHASES",
    "SIDES",
    "Dose",
    "DoseError",
    "DoseSource",
    "Exercise",
    "ExerciseDataError",
    "Library",
    "Phase",
    "Program",
    "ProgramError",
    "ProgramItem",
    "Schedule",
    "build_schedule",
    "check_references",
    "describe_dose",
    "dose_from",
    "figure_of",
    "figures",
    "library",
    "parse_library",
    "parse_program",
    "read_program",
    "single",
]
