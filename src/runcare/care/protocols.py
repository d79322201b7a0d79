"""Protocol templates: ordered steps of technique, target, side, position and dose.

A step names what is worked on by key: body areas of the pain map (the region key without
its side, e.g. ``buttock`` for ``buttock_left``/``buttock_right``, since the side is a field
of its own) and muscles (``MUSCLES``). The dose is split into separate fields (minutes, hold
seconds, reps, sets, resistance) because the same words mean different doses in different
methods (EVIDENCE.md section 3); the technique registry says which fields apply.

Every entry point (the data file, the web forms, the stored JSON) goes through
``step_from_dict`` / ``validate_step``: the rules live here once.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Literal

from runcare.body.regions import AREAS as BODY_AREAS
from runcare.body.regions import MUSCLE_NAMES
from runcare.care.techniques import DOSE_FIELDS, TECHNIQUES

StepSide = Literal["left", "right", "both", "none"]
SIDES: dict[str, str] = {
    "both": "Both sides",
    "left": "Left",
    "right": "Right",
    "none": "No side (midline)",
}
POSITIONS: dict[str, str] = {
    "prone": "Face down (prone)",
    "supine": "Face up (supine)",
    "side_lying": "Side-lying",
    "seated": "Seated",
    "standing": "Standing",
}
RESISTANCES: dict[str, str] = {"light": "Light", "moderate": "Moderate", "firm": "Firm"}

# The muscles a step may target and the pain map's areas (region keys without their side):
# the body's own tables, so a step and the pain map speak of the same things.
MUSCLES: dict[str, str] = MUSCLE_NAMES
AREAS: dict[str, str] = BODY_AREAS

# Upper bounds that catch a typing slip (a hold of 300 s, not 3000 s).
MAX_MINUTES = 90.0
MAX_HOLD_S = 300.0
MAX_REPS = 100
MAX_SETS = 20
MAX_NOTES = 1000
MAX_NAME = 120
MAX_STEPS = 40


class ProtocolError(ValueError):
    """A step or template that cannot be stored; the message is for the person who typed it.

    ``field`` names the offending field where there is one; ``step`` its 0-based position.
    """

    def __init__(self, message: str, field: str | None = None, step: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.step = step


@dataclass(frozen=True)
class Dose:
    """How much of a technique. ``None`` means "not set" (or does not apply).

    ``hold_s`` is the hold (or contraction) in seconds; with ``hold_max_s`` it is a range
    ("3-5 s"). ``reps`` are per side; ``resistance`` is a key of ``RESISTANCES``.
    """

    minutes: float | None = None
    hold_s: float | None = None
    hold_max_s: float | None = None
    reps: int | None = None
    sets: int | None = None
    resistance: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in DOSE_FIELDS}

    def is_empty(self) -> bool:
        return all(value is None for value in self.as_dict().values())


@dataclass(frozen=True)
class Step:
    """One step of a template or plan. ``regions`` are area keys, ``muscles`` muscle keys."""

    technique: str
    regions: tuple[str, ...] = ()
    muscles: tuple[str, ...] = ()
    side: StepSide = "both"
    position: str = "prone"
    dose: Dose = field(default_factory=Dose)
    notes: str = ""

    @property
    def technique_name(self) -> str:
        return TECHNIQUES[self.technique].name

    @property
    def target_names(self) -> tuple[str, ...]:
        return tuple(AREAS[a] for a in self.regions) + tuple(MUSCLES[m] for m in self.muscles)


@dataclass(frozen=True)
class Template:
    """A named, ordered list of steps. ``source`` says where the sequence comes from."""

    name: str
    steps: tuple[Step, ...]
    source: str = ""


def validate_step(step: Step, index: int | None = None) -> Step:
    """Return ``step`` unchanged if it can be stored; raise ``ProtocolError`` otherwise."""
    technique = TECHNIQUES.get(step.technique)
    if technique is None:
        raise ProtocolError(f"Unknown technique {step.technique!r}.", "technique", index)
    _check_targets(step, index)
    if step.side not in SIDES:
        raise ProtocolError(f"Side must be one of {', '.join(SIDES)}.", "side", index)
    if step.position not in POSITIONS:
        raise ProtocolError(f"Position must be one of {', '.join(POSITIONS)}.", "position", index)
    _check_dose(step.dose, technique.dose_fields, technique.name, index)
    if len(step.notes) > MAX_NOTES:
        raise ProtocolError(f"Notes are limited to {MAX_NOTES} characters.", "notes", index)
    return step


def _check_targets(step: Step, index: int | None) -> None:
    if not step.regions and not step.muscles:
        raise ProtocolError("Choose at least one body area or muscle.", "regions", index)
    for area in step.regions:
        if area not in AREAS:
            raise ProtocolError(f"Unknown body area {area!r}.", "regions", index)
    for muscle in step.muscles:
        if muscle not in MUSCLES:
            raise ProtocolError(f"Unknown muscle {muscle!r}.", "muscles", index)
    if len(set(step.regions)) != len(step.regions) or len(set(step.muscles)) != len(step.muscles):
        raise ProtocolError("An area or muscle is listed twice.", "regions", index)


_LIMITS: dict[str, tuple[float, float, str]] = {
    "minutes": (0.0, MAX_MINUTES, "Minutes"),
    "hold_s": (0.0, MAX_HOLD_S, "Hold (s)"),
    "hold_max_s": (0.0, MAX_HOLD_S, "Longest hold (s)"),
    "reps": (1, MAX_REPS, "Repetitions"),
    "sets": (1, MAX_SETS, "Sets"),
}


def _check_dose(dose: Dose, allowed: Sequence[str], name: str, index: int | None) -> None:
    for key, value in dose.as_dict().items():
        if value is None:
            continue
        if key not in allowed:
            raise ProtocolError(f"{_label(key)} does not apply to {name}.", key, index)
        if key == "resistance":
            if value not in RESISTANCES:
                raise ProtocolError(
                    f"Resistance must be one of {', '.join(RESISTANCES)}.", key, index
                )
            continue
        _check_number(key, value, index)
    if dose.hold_max_s is not None and (dose.hold_s is None or dose.hold_max_s < dose.hold_s):
        raise ProtocolError(
            "The longest hold needs a shortest hold no longer than it.", "hold_max_s", index
        )


def _label(key: str) -> str:
    return "Resistance" if key == "resistance" else _LIMITS[key][2]


def _check_number(key: str, value: object, index: int | None) -> None:
    low, high, label = _LIMITS[key]
    whole = key in ("reps", "sets")
    ok_type = isinstance(value, int) if whole else isinstance(value, int | float)
    if isinstance(value, bool) or not ok_type:
        kind = "a whole number" if whole else "a number"
        raise ProtocolError(f"{label} must be {kind}.", key, index)
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number) or number < low or number > high or (not whole and number == 0):
        bound = f"more than {low:g}" if not whole else f"at least {low:g}"
        raise ProtocolError(f"{label} must be {bound} and at most {high:g}.", key, index)


def validate_template(template: Template) -> Template:
    """Check the name and every step; the error names the step (1-based in its message)."""
    name = template.name.strip()
    if not name or len(name) > MAX_NAME:
        raise ProtocolError(f"A template needs a name of 1-{MAX_NAME} characters.", "name")
    if len(template.steps) > MAX_STEPS:
        raise ProtocolError(f"A template holds at most {MAX_STEPS} steps.", "steps")
    for index, step in enumerate(template.steps):
        try:
            validate_step(step, index)
        except ProtocolError as error:
            raise ProtocolError(f"Step {index + 1}: {error}", error.field, index) from error
    return replace(template, name=name)


def step_from_dict(data: Mapping[str, Any], index: int | None = None) -> Step:
    """A validated step from its stored or typed form (the data file's ``[[steps]]`` shape)."""
    unknown = sorted(set(data) - {*_STEP_KEYS, *DOSE_FIELDS})
    if unknown:
        raise ProtocolError(f"Unknown step field(s): {', '.join(unknown)}.", unknown[0], index)
    step = Step(
        technique=_text(data, "technique", "", index),
        regions=_keys(data, "regions", index),
        muscles=_keys(data, "muscles", index),
        side=_text(data, "side", "both", index),  # type: ignore[arg-type]
        position=_text(data, "position", "prone", index),
        dose=Dose(**{name: _dose_value(data.get(name)) for name in DOSE_FIELDS}),
        notes=_text(data, "notes", "", index).strip(),
    )
    return validate_step(step, index)


_STEP_KEYS = ("technique", "regions", "muscles", "side", "position", "notes")


def _text(data: Mapping[str, Any], key: str, default: str, index: int | None) -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ProtocolError(f"{key.capitalize()} must be text.", key, index)
    return value


def _keys(data: Mapping[str, Any], key: str, index: int | None) -> tuple[str, ...]:
    value = data.get(key, ())
    if value is None:
        return ()
    if isinstance(value, str) or not all(isinstance(item, str) for item in value):
        raise ProtocolError(f"{key.capitalize()} must be a list of keys.", key, index)
    return tuple(value)


def _dose_value(value: Any) -> Any:
    # Type and range are judged by validate_step; here only blanks become "not set".
    return None if value == "" else value


def step_to_dict(step: Step) -> dict[str, Any]:
    """The stored JSON form of a step; ``step_from_dict`` reads it back unchanged."""
    dose = {k: v for k, v in step.dose.as_dict().items() if v is not None}
    return {
        "technique": step.technique,
        "regions": list(step.regions),
        "muscles": list(step.muscles),
        "side": step.side,
        "position": step.position,
        **dose,
        "notes": step.notes,
    }


def steps_from_list(items: Sequence[Mapping[str, Any]]) -> tuple[Step, ...]:
    """Validated steps from stored JSON; the error says which step (1-based) is wrong."""
    steps = []
    for index, item in enumerate(items):
        try:
            steps.append(step_from_dict(item, index))
        except ProtocolError as error:
            raise ProtocolError(f"Step {index + 1}: {error}", error.field, index) from error
    return tuple(steps)


def template_from_toml(text: str) -> Template:
    """A template from the data file's TOML: ``name``, ``source`` and ``[[steps]]``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProtocolError(f"The template file is not valid TOML: {error}") from error
    raw_steps = data.get("steps", [])
    if not isinstance(raw_steps, list):
        raise ProtocolError("steps must be a list of [[steps]] tables.", "steps")
    template = Template(
        name=str(data.get("name", "")),
        steps=steps_from_list(raw_steps),
        source=str(data.get("source", "")),
    )
    return validate_template(template)


DEFAULT_TEMPLATE_FILE = "default_protocol.toml"


def default_template() -> Template:
    """The default session (EVIDENCE.md section 3), shipped in ``runcare/care/data``."""
    text = resources.files("runcare.care").joinpath("data", DEFAULT_TEMPLATE_FILE).read_text()
    return template_from_toml(text)


def dose_text(dose: Dose) -> str:
    """The dose in words: "5 min", "hold 3-5 s, 5 reps per side, 1 set, moderate resistance"."""
    parts: list[str] = []
    if dose.minutes is not None:
        parts.append(f"{dose.minutes:g} min")
    if dose.hold_s is not None:
        upper = f"-{dose.hold_max_s:g}" if dose.hold_max_s not in (None, dose.hold_s) else ""
        parts.append(f"hold {dose.hold_s:g}{upper} s")
    if dose.reps is not None:
        parts.append(f"{dose.reps} rep{'s' if dose.reps != 1 else ''} per side")
    if dose.sets is not None:
        parts.append(f"{dose.sets} set{'s' if dose.sets != 1 else ''}")
    if dose.resistance is not None:
        parts.append(f"{RESISTANCES[dose.resistance].lower()} resistance")
    return ", ".join(parts) or "no dose set"
