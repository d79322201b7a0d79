"""A dose in words, for the program page, the handout and the terminal: one wording everywhere."""

from __future__ import annotations

from runcare.exercises.dose import Dose

_SIDES = {"both": " each side", "left": ", left side only", "right": ", right side only"}


def _s(seconds: float) -> str:
    return f"{seconds:g} s"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _rep(dose: Dose, technique: str) -> str:
    """One repetition: what a hold and a relax phase are for depends on the technique."""
    if technique in {"pnf_contract_relax", "hold_relax"}:
        rep = f"Push {_s(dose.hold_s)}"
        return rep + (f", then relax into the stretch {_s(dose.relax_s)}" if dose.relax_s else "")
    if technique == "active_isolated_stretch":
        rep = f"Hold {_s(dose.hold_s)} at the end of the movement"
        return rep + (f", back to the start in {_s(dose.relax_s)}" if dose.relax_s else "")
    return f"Hold {_s(dose.hold_s)}" + (f", relax {_s(dose.relax_s)}" if dose.relax_s else "")


def describe_dose(dose: Dose, technique: str) -> str:
    """E.g. "Hold 30 s, relax 5 s; twice each side; 2 sets, 20 s rest between. Once a day."

    ``technique`` is a key of the technique registry; it decides what the hold is called.
    """
    parts = [_rep(dose, technique), f"{_times(dose.reps)}{_SIDES.get(dose.side, '')}"]
    if dose.sets > 1:
        rest = f", {_s(dose.rest_s)} rest between" if dose.rest_s else ""
        parts.append(f"{dose.sets} sets{rest}")
    return "; ".join(parts) + f". {_times(dose.times_per_day).capitalize()} a day."
