""" "Why do my hips and lower back hurt after I run?", answered for one runner.

``explain`` puts together the runner's latest intake, the red-flag screen and the load
verdict. Red flags come first: when the screen says "see a doctor", the explanation holds
nothing else. Otherwise it says which muscles may be involved and why (the rules table in
``runcare.care.explain_rules``), what the training shows (the verdict's own reasons), what
usually helps, and when to see a doctor. Every sentence carries its sources. It explains;
it never diagnoses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from runcare.body import MUSCLE_NAMES, REGIONS, catalogue
from runcare.body.muscles import Fact, Source
from runcare.care.explain_rules import (
    HEADLINES,
    HELPS,
    HELPS_AFTER_SPIKE,
    HELPS_WHILE_RUNNING,
    NEARBY_MUSCLES,
    NO_MUSCLES,
    RULES,
    RUNNING,
    SEE_A_DOCTOR_IF,
    SOURCES,
    TEXTS,
    TRAINING_INTROS,
    Rule,
    Text,
)
from runcare.care.redflags import Question, ScreenResult
from runcare.load.verdict import Level, Verdict
from runcare.load.wording import day_text

Kind = Literal["see_doctor", "explanation", "nothing_marked"]


@dataclass(frozen=True)
class IntakeAnswers:
    """The parts of an intake the explanation reads.

    ``pain_0_10`` maps region keys (``runcare.body.REGIONS``) to 0-10 scores, 0 or missing
    meaning "not marked"; ``timing`` holds keys of ``runcare.care.TIMINGS``; ``pain_since``
    is ``None`` when the runner did not say.
    """

    pain_0_10: Mapping[str, int] = field(hash=False)
    timing: tuple[str, ...] = ()
    pain_since: date | None = None


@dataclass(frozen=True)
class Statement:
    """A sentence for the runner and the full citation of each of its sources.

    ``subject`` names what a fact of the muscle data is about ("Iliopsoas"), shown before
    the text; empty for our own sentences, which say it themselves.
    """

    text: str
    sources: tuple[str, ...]
    subject: str = ""


@dataclass(frozen=True)
class MarkedRegion:
    key: str
    label: str
    pain_0_10: int


@dataclass(frozen=True)
class Muscle:
    """A muscle that may be involved: its ``runcare.body`` key, name and plain description."""

    key: str
    name: str
    plain_name: str


@dataclass(frozen=True)
class Finding:
    """One rule that applied (or, for ``rule="nearby_muscles"``, one area no rule explained)."""

    rule: str
    title: str
    regions: tuple[MarkedRegion, ...]
    muscles: tuple[Muscle, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class DoctorFirst:
    """The screen said "see a doctor": ``when`` is ``today`` (urgent) or ``before_advice``."""

    level: str
    when: str
    headline: str
    message: str
    flagged: tuple[Question, ...]
    source: str


@dataclass(frozen=True)
class TrainingPart:
    """The load verdict as part of the explanation: its level, reason codes and words."""

    level: str
    codes: tuple[str, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Explanation:
    """The whole answer. With ``kind == "see_doctor"`` only ``doctor_first`` is filled."""

    as_of: date
    kind: Kind
    headline: str
    doctor_first: DoctorFirst | None = None
    intro: tuple[Statement, ...] = ()
    findings: tuple[Finding, ...] = ()
    training: TrainingPart | None = None
    helps: tuple[Statement, ...] = ()
    see_a_doctor_if: tuple[Statement, ...] = ()

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every sentence shown, in reading order (the doctor-first message aside)."""
        found = [s for f in self.findings for s in f.statements]
        training = self.training.statements if self.training else ()
        return (*self.intro, *found, *training, *self.helps, *self.see_a_doctor_if)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source cited, once, in the order first cited."""
        cited: dict[str, None] = {}
        if self.doctor_first is not None:
            cited[self.doctor_first.source] = None
        for statement in self.statements:
            for source in statement.sources:
                cited.setdefault(source, None)
        return tuple(cited)


def explain(
    intake: IntakeAnswers,
    screened: ScreenResult,
    verdict: Verdict | None,
    *,
    as_of: date,
) -> Explanation:
    """The explanation for ``intake`` as of ``as_of``.

    ``screened`` is ``runcare.care.redflags.screen`` of the intake's answers; ``verdict`` is
    the load verdict as of the same day, or ``None`` when no runs were given (the training
    part is then left out and says so).
    """
    if screened.stops_advice:
        return Explanation(as_of, "see_doctor", screened.headline, doctor_first(screened))
    marked = marked_regions(intake.pain_0_10)
    training = training_part(verdict)
    doctor = statements(SEE_A_DOCTOR_IF)
    intro = (statement(TEXTS["not_a_diagnosis"]), *pain_since(intake.pain_since, as_of))
    if not marked:
        # Nothing to explain, so no disclaimer about explaining; the training part still counts.
        return Explanation(
            as_of=as_of,
            kind="nothing_marked",
            headline=HEADLINES["nothing_marked"],
            intro=intro[1:],
            training=training,
            see_a_doctor_if=doctor,
        )
    return Explanation(
        as_of=as_of,
        kind="explanation",
        headline=HEADLINES["explanation"],
        intro=intro,
        findings=findings(marked, intake.timing),
        training=training,
        helps=statements(helps_for(intake.timing, verdict)),
        see_a_doctor_if=doctor,
    )


def doctor_first(screened: ScreenResult) -> DoctorFirst:
    return DoctorFirst(
        level=screened.level,
        when="today" if screened.level == "urgent" else "before_advice",
        headline=screened.headline,
        message=screened.message,
        flagged=screened.flagged,
        source=screened.source,
    )


def statement(text: Text, **values: str) -> Statement:
    """``text`` with its source keys resolved to citations and its blanks filled."""
    words = text.text.format(**values) if values else text.text
    return Statement(words, tuple(SOURCES[key] for key in text.sources))


def statements(keys: Iterable[str]) -> tuple[Statement, ...]:
    """The sentences for text keys: ``TEXTS`` keys or muscle-data facts (see ``Rule``)."""
    return tuple(body_fact(key) if ":" in key else statement(TEXTS[key]) for key in keys)


def citation(source: Source) -> str:
    return f"{source.publisher}, {source.title}, {source.url}"


def body_fact(key: str) -> Statement:
    """``muscle:KEY.FIELD`` or ``group:KEY.FIELD`` from the muscle data file, with its sources.

    Raises ``KeyError`` for an entry or field the data file does not have.
    """
    kind, _, rest = key.partition(":")
    entry, _, name = rest.partition(".")
    data = catalogue()
    if kind == "muscle":
        muscle = data.muscles[entry]
        subject = f"{_capital(muscle.name)} ({muscle.plain_name})"
        fact = getattr(muscle, name, None)
    elif kind == "group":
        group = data.groups[entry]
        subject = _capital(group.name)
        fact = getattr(group, name, None)
    else:
        raise KeyError(key)
    if not isinstance(fact, Fact):
        raise KeyError(key)
    return Statement(fact.text, tuple(citation(s) for s in data.sources_of(fact)), subject)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def area_of(region_key: str) -> str:
    """The region key without its side: ``hip_front_left`` -> ``hip_front``."""
    return region_key.removesuffix(f"_{REGIONS[region_key].side}")


def marked_regions(pain_0_10: Mapping[str, int]) -> tuple[MarkedRegion, ...]:
    """Regions scored above 0, worst first, then by name. Unknown keys are left out."""
    marked = (
        MarkedRegion(key, REGIONS[key].label, score)
        for key, score in pain_0_10.items()
        if score > 0 and key in REGIONS
    )
    return tuple(sorted(marked, key=lambda r: (-r.pain_0_10, r.label)))


def applies(rule: Rule, areas: frozenset[str], timing: Iterable[str]) -> bool:
    """Whether ``rule`` holds for the marked ``areas`` and the intake's ``timing``."""
    if not areas or not rule.areas <= areas:
        return False
    return not rule.timing or bool(rule.timing & set(timing))


def findings(marked: tuple[MarkedRegion, ...], timing: Iterable[str]) -> tuple[Finding, ...]:
    """The rules that apply, in table order, then one finding per area no rule explained.

    A rule whose areas were all explained by an earlier rule is skipped, so "front of hip
    and lower back" is not repeated as two single-area findings.
    """
    timing = tuple(timing)
    areas = frozenset(area_of(r.key) for r in marked)
    covered: set[str] = set()
    found: list[Finding] = []
    for rule in RULES:
        if applies(rule, areas, timing) and not (rule.areas and rule.areas <= covered):
            found.append(rule_finding(rule, marked))
            covered |= rule.areas
    leftover = dict.fromkeys(area_of(r.key) for r in marked if area_of(r.key) not in covered)
    found.extend(nearby_finding(area, marked) for area in leftover)
    return tuple(found)


def muscles(keys: Iterable[str]) -> tuple[Muscle, ...]:
    data = catalogue().muscles
    return tuple(
        Muscle(key, MUSCLE_NAMES[key], data[key].plain_name) for key in dict.fromkeys(keys)
    )


def rule_finding(rule: Rule, marked: tuple[MarkedRegion, ...]) -> Finding:
    return Finding(
        rule=rule.key,
        title=rule.title,
        regions=tuple(r for r in marked if area_of(r.key) in rule.areas),
        muscles=muscles(rule.muscles),
        statements=statements(rule.texts),
    )


def nearby_finding(area: str, marked: tuple[MarkedRegion, ...]) -> Finding:
    """An area no rule explained: the muscles the region table lists under it, if any."""
    regions = tuple(r for r in marked if area_of(r.key) == area)
    found = muscles(m for r in regions for m in REGIONS[r.key].muscles)
    said = nearby_statement(found) if found else statement(NO_MUSCLES)
    title = _capital(REGIONS[regions[0].key].area)
    return Finding("nearby_muscles", title, regions, found, (said,))


def nearby_statement(found: tuple[Muscle, ...]) -> Statement:
    """The muscles under an area, cited by the sources of each one's "where it is" fact."""
    data = catalogue()
    cited = dict.fromkeys(
        citation(s) for m in found for s in data.sources_of(data.muscles[m.key].where)
    )
    text = NEARBY_MUSCLES.text.format(muscles=", ".join(m.name for m in found))
    return Statement(text, tuple(cited))


def training_part(verdict: Verdict | None) -> TrainingPart | None:
    """The verdict's level and reasons, in its own words, after one sentence of ours."""
    if verdict is None:
        return TrainingPart("none", (), statements(("no_training",)))
    intro = statement(TRAINING_INTROS[verdict.level.value])
    reasons = tuple(Statement(r.text, (r.source,)) for r in verdict.reasons)
    codes = tuple(r.code for r in verdict.reasons)
    return TrainingPart(verdict.level.value, codes, (intro, *reasons))


def helps_for(timing: Iterable[str], verdict: Verdict | None) -> tuple[str, ...]:
    """The keys of what usually helps: exercise first, then what this runner's case adds."""
    spike = verdict is not None and verdict.level is Level.TOO_MUCH_TOO_SOON
    running = bool(RUNNING & set(timing))
    return (
        *HELPS,
        *(HELPS_AFTER_SPIKE if spike else ()),
        *(HELPS_WHILE_RUNNING if running else ()),
    )


def pain_since(day: date | None, as_of: date) -> tuple[Statement, ...]:
    """How long the pain has lasted, from the intake; nothing for no date or a later date."""
    if day is None or day > as_of:
        return ()
    days = (as_of - day).days
    if days < 14:
        length = {0: "less than a day", 1: "1 day"}.get(days, f"{days} days")
    else:
        length = f"about {round(days / 7)} weeks"
    return (statement(TEXTS["pain_since"], day=f"{day_text(day)} {day.year}", weeks=length),)
