"""Terminal tables shared by the commands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta, timezone

from rich.table import Table

from runcare.activities import Activity, Skipped

# A long list of skipped files is cut here, grouped by reason below it.
SKIPPED_LIST_MAX = 25


def local_start(activity: Activity) -> str:
    offset = activity.utc_offset_s
    if offset is None:
        return f"{activity.start:%Y-%m-%d %H:%M} UTC"
    local = activity.start.astimezone(timezone(timedelta(seconds=offset)))
    return f"{local:%Y-%m-%d %H:%M}"


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def maybe(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def activity_table(activities: Sequence[Activity]) -> Table:
    table = Table(title="Activities")
    table.add_column("Start", no_wrap=True)
    table.add_column("Sport")
    table.add_column("km", justify="right")
    table.add_column("Time", justify="right")
    table.add_column("Ascent m", justify="right")
    table.add_column("Avg HR", justify="right")
    table.add_column("Source", overflow="fold")
    for a in activities:
        table.add_row(
            local_start(a),
            a.sport.value.replace("_", " "),
            maybe(None if a.distance_m is None else a.distance_m / 1000, ".2f"),
            duration_text(a.duration_s),
            maybe(a.ascent_m, ".0f"),
            maybe(a.avg_hr_bpm, ".0f"),
            a.source,
        )
    return table


def skipped_lines(skipped: Sequence[Skipped]) -> list[str]:
    """One line per skipped file, up to ``SKIPPED_LIST_MAX``, then one per reason with a count."""
    lines = [f"skipped {item.source}: {item.reason}" for item in skipped[:SKIPPED_LIST_MAX]]
    rest = Counter(item.reason for item in skipped[SKIPPED_LIST_MAX:])
    lines += [f"skipped {count} more: {reason}" for reason, count in rest.most_common()]
    return lines


def skipped_table(skipped: Sequence[Skipped]) -> Table:
    table = Table(title="Skipped files")
    table.add_column("File", overflow="fold")
    table.add_column("Reason", overflow="fold")
    for item in skipped[:SKIPPED_LIST_MAX]:
        table.add_row(item.source, item.reason)
    rest = skipped[SKIPPED_LIST_MAX:]
    for reason, count in Counter(item.reason for item in rest).most_common():
        table.add_row(f"... and {count} more", reason)
    return table
