"""Terminal tables shared by the commands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta, timezone, tzinfo

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


def short_path(text: str, width: int) -> str:
    """``text`` cut from the left to ``width`` characters: the file name is the part that
    tells files apart, the folders above it are the same for all ("…/export/run.fit")."""
    if len(text) <= width:
        return text
    if width < 2:
        return "…"[:width]
    tail = text[len(text) - width + 1 :]
    slash = tail.find("/")
    # Cut at a folder boundary when that still leaves the file name whole.
    if 0 <= slash < len(tail) - 1:
        tail = tail[slash:]
    return "…" + tail


# Between two columns of a table without borders: one space of padding on each side.
COLUMN_GAP = 2
# A source column narrower than this would show too little of any file name.
SOURCE_MIN_WIDTH = 16


def activity_table(activities: Sequence[Activity], tz: tzinfo, width: int = 80) -> Table:
    """One row per activity, ``width`` characters wide at most: start times all in ``tz``
    (named in the heading), long sources cut from the left."""
    headers = ("Start", "Sport", "km", "Time", "Up m", "Avg HR")
    rows = [
        (
            f"{a.start.astimezone(tz):%Y-%m-%d %H:%M}",
            a.sport.value.replace("_", " "),
            maybe(None if a.distance_m is None else a.distance_m / 1000, ".2f"),
            duration_text(a.duration_s),
            maybe(a.ascent_m, ".0f"),
            maybe(a.avg_hr_bpm, ".0f"),
        )
        for a in activities
    ]
    used = sum(max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers))
    source_width = max(SOURCE_MIN_WIDTH, width - used - COLUMN_GAP * len(headers))
    table = Table(
        title=f"Activities (start times in {tz})", box=None, pad_edge=False, header_style="bold"
    )
    for header in headers:
        table.add_column(header, justify="left" if header in {"Start", "Sport"} else "right")
    table.add_column("Source", no_wrap=True)
    for activity, row in zip(activities, rows, strict=True):
        table.add_row(*row, short_path(activity.source, source_width))
    return table


def skipped_lines(skipped: Sequence[Skipped]) -> list[str]:
    """One line per skipped file, up to ``SKIPPED_LIST_MAX``, then one per reason with a count."""
    lines = [f"skipped {item.source}: {item.reason}" for item in skipped[:SKIPPED_LIST_MAX]]
    rest = Counter(item.reason for item in skipped[SKIPPED_LIST_MAX:])
    lines += [f"skipped {count} more: {reason}" for reason, count in rest.most_common()]
    return lines


def skipped_table(skipped: Sequence[Skipped], width: int = 80) -> Table:
    table = Table(title="Skipped files", box=None, pad_edge=False, header_style="bold")
    table.add_column("File", no_wrap=True)
    table.add_column("Reason", overflow="fold")
    for item in skipped[:SKIPPED_LIST_MAX]:
        table.add_row(short_path(item.source, max(SOURCE_MIN_WIDTH, width // 2)), item.reason)
    rest = skipped[SKIPPED_LIST_MAX:]
    for reason, count in Counter(item.reason for item in rest).most_common():
        table.add_row(f"... and {count} more", reason)
    return table
