"""The words around the numbers: the verdict's headline, the red-flag reminder, the sources."""

from __future__ import annotations

from runcare.load.daily import DayRow
from runcare.load.report import LoadReport
from runcare.load.spike import RunSpike
from runcare.load.verdict import Level
from runcare.report.numbers import fixed

HEADLINES = {
    Level.TOO_MUCH_TOO_SOON: "Yes: a recent run was a big step up. Too much, too soon.",
    Level.CAUTION: "No big single-run step up, but some weaker warning signs are high.",
    Level.OK: "No: your recent runs stayed within 10 % of your longest run of the month before.",
    Level.NOT_ENOUGH_DATA: "Not enough history yet to tell.",
}

LEVEL_LABELS = {
    Level.TOO_MUCH_TOO_SOON: "Too much too soon",
    Level.CAUTION: "Caution",
    Level.OK: "OK",
    Level.NOT_ENOUGH_DATA: "Not enough data",
}

# Shown before any training advice: red flags come first (EVIDENCE section 4, NICE NG59).
RED_FLAG_REMINDER = (
    "First: if you have new problems controlling your bladder or bowels, numbness between "
    "your legs or around your bottom, or weakness or numbness in both legs, see a doctor "
    "today. If your pain is constant at night or at rest, followed a fall or accident, "
    "keeps getting worse, or comes with fever or weight loss you cannot explain, see a "
    "doctor before more running advice. This report does not diagnose anything."
)

# The same warning signs for the therapist reading about a client.
RED_FLAG_REMINDER_ABOUT_A_CLIENT = (
    "Ask at every visit: new problems controlling the bladder or bowels, numbness between "
    "the legs or around the bottom, or weakness or numbness in both legs need a doctor "
    "today. Pain that is constant at night or at rest, followed a fall or accident, keeps "
    "getting worse, or comes with fever or weight loss they cannot explain needs a doctor "
    "before more running advice. runcare does not diagnose anything."
)

SOURCES = (
    "Frandsen et al. Br J Sports Med 2025;59(17):1203-1210, doi:10.1136/bjsports-2024-109380 "
    "(single-run spikes and injury, 5,205 runners).",
    "Nielsen et al. J Orthop Sports Phys Ther 2014;44(10):739-747 (weekly progression).",
    "Buist et al. Am J Sports Med 2008;36(1):33-39 (a 10 % rule programme did not prevent "
    "injuries).",
    "Gabbett. Br J Sports Med 2016;50:273-280 (ACWR zones, team sports).",
    "Lolli et al. Br J Sports Med 2019;53:921 (uncoupled ACWR).",
    "Williams et al. Br J Sports Med 2017;51:209-210 (EWMA ACWR).",
    "Impellizzeri et al. Sports Med 2021;51:581-592 (critique of ACWR).",
    "Banister impulse-response model; a = 1 - exp(-1/tau), tau 42 and 7 days.",
    "Foster. Med Sci Sports Exerc 1998 (monotony and strain).",
    "NICE NG59, low back pain and sciatica (red flags).",
)


# Where the verdict's first reason says more than its level, it chooses the words: a runner
# back after a break, or one with no recent run, reads why rather than a generic line.
REASON_HEADLINES = {
    "no_recent_runs": "No run in the last {window_days} days, so there is nothing recent to judge.",
    "no_baseline": (
        "A recent run had nothing to compare it with: after a break, start shorter than before it."
    ),
}
REASON_LABELS = {
    "no_recent_runs": "No recent runs",
    "no_baseline": "Caution: after a break",
}


def headline(report: LoadReport) -> str:
    """The verdict in one sentence, the first thing a runner reads."""
    reasons = report.verdict.reasons
    if reasons and reasons[0].code in REASON_HEADLINES:
        return REASON_HEADLINES[reasons[0].code].format(**reasons[0].values)
    return HEADLINES[report.verdict.level]


def verdict_label(report: LoadReport) -> str:
    """The verdict in a word or three, for a badge or a title."""
    reasons = report.verdict.reasons
    if reasons and reasons[0].code in REASON_LABELS:
        return REASON_LABELS[reasons[0].code]
    return LEVEL_LABELS[report.verdict.level]


def recent_spikes(report: LoadReport, days: int = 60) -> list[RunSpike]:
    """Spiking runs of the last ``days`` days, newest first."""
    return [
        run
        for run in reversed(report.runs)
        if run.is_spike and (report.as_of - run.day).days < days
    ]


def _number(value: float | None, places: int) -> str:
    return "not defined yet" if value is None else fixed(value, places)


def context_rows(row: DayRow, unit: str) -> list[tuple[str, str, str]]:
    """The as-of day's context metrics as (measure, value, source), for any report format.

    An undefined value reads "not defined yet"; ``unit`` is the report's load unit.
    """
    settling = "" if row.fitness_reliable else " (settling: < 126 days)"
    return [
        ("ACWR uncoupled 7:21", _number(row.acwr_uncoupled, 2), "Lolli et al. 2019"),
        ("ACWR coupled 7:28", _number(row.acwr_coupled, 2), "Gabbett 2016"),
        ("ACWR EWMA", _number(row.acwr_ewma, 2), "Williams et al. 2017"),
        ("Monotony (7 days)", _number(row.monotony, 2), "Foster 1998"),
        (f"Strain ({unit})", _number(row.strain, 0), "Foster 1998"),
        (f"Fitness ({unit}/day){settling}", _number(row.fitness, 1), "Banister model"),
        (f"Fatigue ({unit}/day)", _number(row.fatigue, 1), "Banister model"),
        ("Form", _number(row.form, 1), "Banister model"),
    ]
