"""The plan as JSON (the shape ``runcare plan --json`` prints; docs/cli.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from runcare.plan.model import PainEntry, Plan, PlanError


def plan_to_json_dict(plan: Plan) -> dict[str, Any]:
    return {
        "as_of": plan.as_of.isoformat(),
        "status": plan.status.value,
        "runs": [
            {
                "day": run.day.isoformat(),
                "distance_m": run.distance_m,
                "cap_m": round(run.cap_m, 1),
                "why": run.why,
                **({"intervals": run.intervals} if run.intervals else {}),
            }
            for run in plan.runs
        ],
        "weeks": [
            {"week_start": week.week_start.isoformat(), "distance_m": week.distance_m}
            for week in plan.weeks
        ],
        "notes": list(plan.notes),
    }


PAIN_FIELDS = ("during_0_10", "after_0_10", "next_morning_0_10")


def pain_entries_from_json(data: Any) -> tuple[PainEntry, ...]:
    """``[{"day": "2024-05-20", "during_0_10": 4, ...}, ...]`` -> entries; PlanError naming
    the entry and field that is wrong."""
    if not isinstance(data, list):
        raise PlanError("pain: expected a JSON list of entries")
    return tuple(_entry(i, item) for i, item in enumerate(data))


def _entry(index: int, item: Any) -> PainEntry:
    where = f"pain entry {index + 1}"
    if not isinstance(item, dict):
        raise PlanError(f"{where}: expected an object")
    unknown = set(item) - {"day", "region", *PAIN_FIELDS}
    if unknown:
        raise PlanError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    try:
        day = date.fromisoformat(str(item["day"]))
    except (KeyError, ValueError):
        raise PlanError(f"{where}: day must be a date written YYYY-MM-DD") from None
    values = {name: item.get(name) for name in PAIN_FIELDS}
    for name, value in values.items():
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise PlanError(f"{where}: {name} must be a whole number from 0 to 10")
    region = item.get("region", "")
    if not isinstance(region, str):
        raise PlanError(f"{where}: region must be text")
    try:
        return PainEntry(day, region=region, **values)
    except PlanError as exc:
        raise PlanError(f"{where}: {exc}") from None
