"""A home stretch's dose, and the one place its fields are checked.

The library's defaults, a program file and (through the web app) a therapist's override all
go through ``dose_from``, so a dose that passes here can always be scheduled and timed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

# "both" means the left side, then the right; "none" is one position with no side.
SIDES: tuple[str, ...] = ("both", "left", "right", "none")

# field: (smallest, largest, whole numbers only). The ceilings catch typing slips (300 reps)
# rather than judge a dose: a 5-minute hold or 10 sets is still allowed.
LIMITS: Mapping[str, tuple[float, float, bool]] = {
    "sets": (1, 10, True),
    "reps": (1, 30, True),
    "hold_s": (0.5, 300, False),
    "relax_s": (0, 300, False),
    "rest_s": (0, 600, False),
    "times_per_day": (1, 10, True),
}
DOSE_FIELDS: tuple[str, ...] = ("side", *LIMITS)


class DoseError(ValueError):
    """A dose field is missing or out of range; the message names the field."""


@dataclass(frozen=True)
class Dose:
    """How to do one exercise: ``side`` one of ``SIDES``; ``hold_s`` the hold (or the
    contraction, for contract-relax), ``relax_s`` the pause after each hold, ``rest_s`` the
    rest between sets, all in seconds."""

    side: str
    sets: int
    reps: int
    hold_s: float
    relax_s: float
    rest_s: float
    times_per_day: int

    @property
    def sides(self) -> tuple[str | None, ...]:
        """The sides in the order they are done; ``(None,)`` for a stretch without sides."""
        return {"both": ("left", "right"), "none": (None,)}.get(self.side, (self.side,))


def check_side(value: object, where: str) -> str:
    if not isinstance(value, str) or value not in SIDES:
        raise DoseError(f"{where} must be one of {', '.join(SIDES)}, not {value!r}.")
    return value


def check_number(name: str, value: object, where: str) -> float:
    """The checked value of dose field ``name``; raises ``DoseError`` naming ``where``."""
    low, high, whole = LIMITS[name]
    number: float | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, float) and not whole and math.isfinite(value):
        number = value
    if number is None or not low <= number <= high:
        kind = "a whole number" if whole else "a number of seconds"
        raise DoseError(f"{where} must be {kind} from {low:g} to {high:g}, not {value!r}.")
    return number


def dose_from(values: Mapping[str, object], where: str, default: Dose | None = None) -> Dose:
    """A dose from plain data (TOML, JSON, a form); a field left out takes ``default``'s.

    Raises ``DoseError`` naming ``where.field`` for an unknown, missing or bad field.
    """
    unknown = sorted(set(values) - set(DOSE_FIELDS))
    if unknown:
        raise DoseError(f"{where} has unknown field(s): {', '.join(unknown)}.")
    if default is None:
        missing = [name for name in DOSE_FIELDS if name not in values]
        if missing:
            raise DoseError(f"{where} lacks: {', '.join(missing)}.")
        default = Dose("none", 1, 1, 1.0, 0.0, 0.0, 1)
    side = check_side(values["side"], f"{where}.side") if "side" in values else default.side
    n = {
        name: check_number(name, values[name], f"{where}.{name}")
        if name in values
        else float(getattr(default, name))
        for name in LIMITS
    }
    return Dose(
        side=side,
        sets=int(n["sets"]),
        reps=int(n["reps"]),
        hold_s=n["hold_s"],
        relax_s=n["relax_s"],
        rest_s=n["rest_s"],
        times_per_day=int(n["times_per_day"]),
    )
