"""``runcare check`` in a terminal: the verdict first, then the numbers behind it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from runcare.activities import Skipped
from runcare.load.report import LoadReport
from runcare.load.verdict import Level
from runcare.report.numbers import fixed
from runcare.report.summary import (
    RED_FLAG_REMINDER,
    context_rows,
    headline,
    recent_spikes,
    verdict_label,
)

STYLE = {
    Level.TOO_MUCH_TOO_SOON: "bold red",
    Level.CAUTION: "bold yellow",
    Level.OK: "bold green",
    Level.NOT_ENOUGH_DATA: "bold",
}
WEEKS_SHOWN = 8


def print_report(console: Console, report: LoadReport, skipped: Sequence[Skipped]) -> None:
    console.print(verdict_panel(report))
    console.print(Text(RED_FLAG_REMINDER, style="dim"))
    spikes = recent_spikes(report)
    if spikes:
        console.print(spikes_table(report))
    console.print(weeks_table(report))
    if report.days:
        console.print(context_table(report))
    if report.unmeasured:
        console.print(
            f"{len(report.unmeasured)} runs could not be measured as {report.load} "
            "and count as 0 on their day."
        )
    if skipped:
        counts = Counter(item.reason for item in skipped)
        files = "1 file" if len(skipped) == 1 else f"{len(skipped)} files"
        console.print(f"[bold]{files} skipped:[/bold]")
        for reason, count in counts.most_common(8):
            console.print(f"  {count} x {reason}")


def verdict_panel(report: LoadReport) -> Panel:
    level = report.verdict.level
    reasons = list(report.verdict.reasons)
    # A spike verdict opens with the runner's own run ("Your 18 km run on Sunday ..."):
    # the one sentence to read if nothing else is read.
    if level is Level.TOO_MUCH_TOO_SOON and reasons:
        first = reasons.pop(0)
        opening = Text(first.text, style=STYLE[level])
        opening.append(f"  ({first.source})", style="dim")
        lines = [opening]
    else:
        lines = [Text(headline(report), style=STYLE[level])]
    for reason in reasons:
        line = Text("• " + reason.text)
        line.append(f"  ({reason.source})", style="dim")
        lines.append(line)
    return Panel(
        Group(*lines),
        title=f"Am I running too much too soon? {verdict_label(report)}",
        subtitle=f"as of {report.as_of:%a %d %b %Y}",
        border_style=STYLE[level].split()[-1],
    )


def spikes_table(report: LoadReport) -> Table:
    table = Table(title="Runs longer than the longest of their previous 30 days (last 60 days)")
    for name in ("Day", "Run km", "30-day longest km", "Longer by", "Band"):
        table.add_column(name, justify="left" if name in {"Day", "Band"} else "right")
    for run in recent_spikes(report):
        table.add_row(
            f"{run.day:%a %d %b}",
            f"{(run.distance_m or 0) / 1000:.1f}",
            f"{(run.longest_prev_30d_m or 0) / 1000:.1f}",
            f"{fixed(run.spike_pct or 0, sign=True)} %",
            run.band.value,
        )
    table.caption = "Frandsen et al. 2025, BJSM"
    return table


def weeks_table(report: LoadReport) -> Table:
    table = Table(title=f"Last {WEEKS_SHOWN} weeks (Monday to Sunday)")
    for name in ("Week of", "km", "hours", "runs", "change"):
        table.add_column(name, justify="left" if name == "Week of" else "right")
    for week in report.weeks[-WEEKS_SHOWN:]:
        change = "-" if week.change_pct is None else f"{fixed(week.change_pct, 1, sign=True)} %"
        table.add_row(
            f"{week.week_start:%d %b %Y}" + ("" if week.complete else " (so far)"),
            f"{week.distance_m / 1000:.1f}",
            f"{week.duration_s / 3600:.1f}",
            str(week.runs),
            change,
        )
    table.caption = "Week-to-week change is weaker evidence (Nielsen et al. 2014)"
    return table


def context_table(report: LoadReport) -> Table:
    table = Table(title="Context (weaker evidence, never the verdict on its own)")
    table.add_column("Measure")
    table.add_column("Value", justify="right")
    table.add_column("Source", style="dim")
    for name, value, source in context_rows(report.days[-1], report.unit):
        table.add_row(name, value, source)
    table.caption = "ACWR zones come from team sports; see Impellizzeri et al. 2021"
    return table
