"""``runcare check --html``: one self-contained page (no scripts, no network), fit to print.

Everything is inline: the CSS, and the charts as SVG. The verdict comes first, after the
red-flag reminder.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from html import escape

from runcare.activities import Skipped
from runcare.load.daily import DayRow
from runcare.load.report import LoadReport
from runcare.load.series import MEASURES
from runcare.load.verdict import Level
from runcare.report import charts
from runcare.report.numbers import fixed
from runcare.report.summary import (
    RED_FLAG_REMINDER,
    SOURCES,
    context_rows,
    headline,
    recent_spikes,
    verdict_label,
)

LEVEL_CLASS = {
    Level.TOO_MUCH_TOO_SOON: "danger",
    Level.CAUTION: "warn",
    Level.OK: "ok",
    Level.NOT_ENOUGH_DATA: "muted",
}

CSS = """
*{box-sizing:border-box}
body{margin:0 auto;max-width:860px;padding:16px;font:16px/1.5 system-ui,-apple-system,
"Segoe UI",sans-serif;color:#1b1f24;background:#fff}
h1{font-size:1.5rem;line-height:1.25;margin:.2em 0}
h2{font-size:1.2rem;margin-top:1.6em;border-bottom:1px solid #c9d1d9}
.meta{color:#4a5560;font-size:.9rem}
.redflag{border-left:6px solid #a4001d;background:#fde8eb;padding:10px 14px;margin:12px 0}
.verdict{border:3px solid;border-radius:8px;padding:14px;margin:16px 0}
.verdict h2{border:0;margin:0 0 6px;font-size:1.3rem}
.headline{font-size:1.15rem;font-weight:600;margin:0 0 6px}
.danger{border-color:#a4001d;background:#fde8eb}.warn{border-color:#7a4b00;background:#fff4dc}
.ok{border-color:#1d6b32;background:#e6f4ea}.muted{border-color:#6b7680;background:#f3f5f7}
.reasons li{margin:6px 0}.source{color:#4a5560;font-size:.85rem}
figure{margin:16px 0}figcaption{font-size:.9rem;color:#4a5560}
svg.chart{width:100%;height:auto;max-width:720px;display:block}
svg .grid{stroke:#e1e5e9}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #d8dee4}
td.num,th.num{text-align:right}.scroll{overflow-x:auto}
footer{margin-top:2em;font-size:.85rem;color:#4a5560}
@media print{body{max-width:none}figure,table{break-inside:avoid}}
"""


def render_html(
    report: LoadReport,
    *,
    skipped: Sequence[Skipped] = (),
    generated_at: datetime,
    runner_name: str = "",
) -> str:
    """The whole report page; ``generated_at`` is printed in the footer (the clock is passed in).

    ``runner_name``, when given, says whose training it is (a therapist keeps several).
    """
    runner_name = runner_name.strip()
    whose = f" for {runner_name}" if runner_name else ""
    parts = [
        _head(report, runner_name),
        f'<p class="redflag" role="note">{escape(RED_FLAG_REMINDER)}</p>',
        _verdict(report),
        _spikes_table(report),
        _figure(charts.spikes_chart(report), charts.SPIKES_CAPTION),
        "<h2>Weekly distance</h2>",
        _figure(charts.weekly_chart(report), charts.WEEKLY_CAPTION),
        _weeks_table(report),
        "<h2>Context: weaker evidence</h2>",
        _today_table(report.days[-1] if report.days else None, report.unit),
        _figure(charts.acwr_chart(report), charts.ACWR_CAVEAT),
        _figure(charts.fitness_chart(report), charts.FITNESS_CAPTION),
        _skipped(skipped),
        _footer(generated_at),
    ]
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>runcare: training load{escape(whose)} as of {report.as_of:%d %B %Y}</title>"
        f"<style>{CSS}</style></head><body>" + "".join(parts) + "</body></html>"
    )


# Units in the words a reader uses, not the measure's short code.
UNIT_WORDS = {"km": "kilometres", "min": "minutes", "AU": "arbitrary units"}


def load_in_words(measure_name: str) -> str:
    """ "distance_km" -> "distance, in kilometres"; an unknown name is shown as it is."""
    measure = MEASURES.get(measure_name)
    if measure is None:
        return measure_name
    unit = UNIT_WORDS.get(measure.unit, measure.unit)
    return measure.label if unit.lower() in measure.label.lower() else f"{measure.label}, in {unit}"


def _head(report: LoadReport, runner_name: str) -> str:
    person = (
        f'<p class="runner">The training of <strong>{escape(runner_name)}</strong></p>'
        if runner_name
        else ""
    )
    return (
        f"<header><h1>Am I running too much too soon?</h1>{person}"
        f'<p class="meta">As of {report.as_of:%A %d %B %Y} · days in {escape(report.tz)} '
        f"where a file had no time zone · load measured as "
        f"{escape(load_in_words(report.load))}</p></header>"
    )


def _verdict(report: LoadReport) -> str:
    level = report.verdict.level
    reasons = "".join(
        f'<li>{escape(r.text)} <span class="source">({escape(r.source)})</span></li>'
        for r in report.verdict.reasons
    )
    return (
        f'<section class="verdict {LEVEL_CLASS[level]}" aria-labelledby="verdict">'
        f'<h2 id="verdict">{escape(verdict_label(report))}</h2>'
        f'<p class="headline">{escape(headline(report))}</p>'
        f'<ul class="reasons">{reasons}</ul></section>'
    )


def _spikes_table(report: LoadReport) -> str:
    rows = "".join(
        f"<tr><td>{run.day:%a %d %b %Y}</td><td class='num'>{(run.distance_m or 0) / 1000:.1f}"
        f"</td><td class='num'>{(run.longest_prev_30d_m or 0) / 1000:.1f}</td>"
        f"<td class='num'>{fixed(run.spike_pct or 0, sign=True)} %</td>"
        f"<td>{run.band.value}</td></tr>"
        for run in recent_spikes(report)
    )
    if not rows:
        return "<h2>Single-run spikes</h2><p>No spikes in the last 60 days.</p>"
    return (
        "<h2>Single-run spikes in the last 60 days</h2><div class='scroll'><table>"
        "<tr><th>Day</th><th class='num'>Run (km)</th><th class='num'>Longest of the 30 "
        "days before (km)</th><th class='num'>Longer by</th><th>Band</th></tr>"
        f"{rows}</table></div>"
    )


def _weeks_table(report: LoadReport) -> str:
    rows = "".join(
        f"<tr><td>{w.week_start:%d %b %Y}</td><td class='num'>{w.distance_m / 1000:.1f}</td>"
        f"<td class='num'>{w.duration_s / 3600:.1f}</td><td class='num'>{w.runs}</td>"
        f"<td class='num'>{_change(w.change_pct)}</td></tr>"
        for w in reversed(report.weeks[-12:])
    )
    return (
        "<div class='scroll'><table><tr><th>Week of</th><th class='num'>km</th>"
        "<th class='num'>hours</th><th class='num'>runs</th><th class='num'>change</th></tr>"
        f"{rows}</table></div>"
    )


def _change(pct: float | None) -> str:
    return "-" if pct is None else f"{fixed(pct, 1, sign=True)} %"


def _today_table(row: DayRow | None, unit: str) -> str:
    if row is None:
        return ""
    body = "".join(
        f"<tr><td>{escape(name)}</td><td class='num'>{escape(value)}</td>"
        f"<td class='source'>{escape(source)}</td></tr>"
        for name, value, source in context_rows(row, unit)
    )
    note = "" if row.fitness_reliable else f"<p class='source'>{charts.FITNESS_CAVEAT}</p>"
    return (
        f"<p>On {row.day:%d %B %Y}:</p><div class='scroll'><table>"
        f"<tr><th>Measure</th><th class='num'>Value</th><th>Source</th></tr>{body}"
        f"</table></div>{note}"
    )


def _figure(svg: str, caption: str) -> str:
    return f'<figure data-chart="">{svg}<figcaption>{escape(caption)}</figcaption></figure>'


def _skipped(skipped: Sequence[Skipped]) -> str:
    if not skipped:
        return ""
    counts = Counter(s.reason for s in skipped)
    items = "".join(f"<li>{n} file(s): {escape(reason)}</li>" for reason, n in counts.most_common())
    return f"<h2>Files not read ({len(skipped)})</h2><ul>{items}</ul>"


def _footer(generated_at: datetime) -> str:
    sources = "".join(f"<li>{escape(s)}</li>" for s in SOURCES)
    return (
        "<footer><h2>Sources</h2><ol>"
        f"{sources}</ol><p>Made by runcare on {generated_at:%d %B %Y %H:%M %Z}. runcare never "
        "diagnoses; it shows how your training changed, with the evidence behind each "
        "number.</p></footer>"
    )
