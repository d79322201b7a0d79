"""The red-flag screen: questions asked before any advice, and what the answers mean.

The questions follow the warning signs listed for low back pain in NICE NG59 (see
EVIDENCE.md section 4). A "yes" never produces a diagnosis: the outcome only says how soon
to see a doctor. The *questions* may have to name a condition ("Have you ever had cancer?")
so that a runner can answer them; the outcome messages never do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Level = Literal["none", "refer", "urgent"]

# Higher rank wins when several answers are "yes".
RANK: dict[Level, int] = {"none": 0, "refer": 1, "urgent": 2}

SOURCE = (
    "NICE guideline NG59, Low back pain and sciatica in over 16s: assessment and management "
    "(2016, updated 2020), https://www.nice.org.uk/guidance/ng59"
)


@dataclass(frozen=True)
class Question:
    """One yes/no question; a "yes" raises the outcome to ``level``."""

    key: str
    text: str
    level: Level


@dataclass(frozen=True)
class Outcome:
    """What a runner is told for a level: a headline and a plain explanation."""

    level: Level
    headline: str
    message: str


@dataclass(frozen=True)
class ScreenResult:
    """The screen's answer. ``flagged`` holds the questions answered "yes", urgent first."""

    level: Level
    flagged: tuple[Question, ...]
    headline: str
    message: str
    source: str = SOURCE

    @property
    def stops_advice(self) -> bool:
        """True when nothing but "see a doctor" may be shown."""
        return self.level != "none"


QUESTIONS: tuple[Question, ...] = (
    # Signs that the nerves at the bottom of the spine may be squeezed: same day.
    Question(
        "bladder_bowel",
        "Since this pain started, have you had new trouble passing urine, controlling your "
        "bladder or controlling your bowels?",
        "urgent",
    ),
    Question(
        "saddle_numbness",
        "Do you have numbness or tingling around your bottom, genitals or inner thighs "
        "(where you would sit on a saddle)?",
        "urgent",
    ),
    Question(
        "both_legs",
        "Do you have weakness, numbness or pins and needles in both legs?",
        "urgent",
    ),
    Question(
        "sexual_function",
        "Since this pain started, have you noticed new changes in sexual function, such as "
        "less feeling?",
        "urgent",
    ),
    # Reasons for a doctor to check before any treatment or running advice.
    Question("cancer_history", "Have you ever had cancer?", "refer"),
    Question("weight_loss", "Have you lost weight recently without trying to?", "refer"),
    Question(
        "fever_unwell",
        "Along with the pain, have you had a fever or chills, or felt generally unwell?",
        "refer",
    ),
    Question(
        "night_rest_pain",
        "Is the pain there all the time at night or when you rest, whatever position you are in?",
        "refer",
    ),
    Question(
        "trauma",
        "Did the pain start after a fall, a crash or another hard knock? Or after only a "
        "small knock, if you have thin bones (osteoporosis) or take steroid tablets?",
        "refer",
    ),
    Question(
        "age_new_pain",
        "Are you under 20 or over 50, and is this back pain new for you?",
        "refer",
    ),
    Question("worsening", "Has your pain kept getting worse over several weeks?", "refer"),
    Question(
        "immune_or_iv_drugs",
        "Is your immune system weakened (by an illness or by medicine), or have you ever "
        "injected drugs?",
        "refer",
    ),
)

QUESTIONS_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}

OUTCOMES: dict[Level, Outcome] = {
    "urgent": Outcome(
        "urgent",
        "See a doctor today",
        "Some of your answers need a doctor's attention today. Please see a doctor or go to "
        "an emergency department today; if you cannot, call your local emergency number. "
        "Do not wait for your next massage appointment.",
    ),
    "refer": Outcome(
        "refer",
        "See a doctor first",
        "One or more of your answers means a doctor should check you before any treatment "
        "or more running advice. Please book an appointment with your doctor and take your "
        "answers with you. Your therapist can see them too.",
    ),
    "none": Outcome(
        "none",
        "No warning signs in your answers",
        "None of your answers calls for a doctor first. If anything changes, answer the "
        "questions again.",
    ),
}


# The same outcomes in the words her therapist reads on the client's page: about the client,
# not to "you", and what the therapist does next.
CLIENT_OUTCOMES: dict[Level, Outcome] = {
    "urgent": Outcome(
        "urgent",
        "See a doctor today",
        "Some of their answers need a doctor's attention today: they were told to see a "
        "doctor or go to an emergency department today. Do not treat them until a doctor "
        "has seen them.",
    ),
    "refer": Outcome(
        "refer",
        "See a doctor first",
        "One or more of their answers means a doctor should check them before any treatment "
        "or more running advice; they were asked to book an appointment and take their "
        "answers with them. Record the doctor's visit before planning a session.",
    ),
    "none": Outcome(
        "none",
        "No warning signs in their answers",
        "None of their answers calls for a doctor first. Ask again if anything changes.",
    ),
}


def screen(answers: Mapping[str, bool]) -> ScreenResult:
    """Screen one set of yes/no answers, keyed by ``Question.key``.

    A missing key counts as "no": the form makes every question required, so only callers
    that screen a partial set (the command line) rely on it. An unknown key raises
    ``ValueError`` so that a renamed question cannot silently be ignored.
    """
    unknown = sorted(set(answers) - set(QUESTIONS_BY_KEY))
    if unknown:
        raise ValueError(f"unknown red-flag question(s): {', '.join(unknown)}")
    flagged = tuple(
        sorted(
            (q for q in QUESTIONS if answers.get(q.key) is True),
            key=lambda q: -RANK[q.level],
        )
    )
    level: Level = flagged[0].level if flagged else "none"
    outcome = OUTCOMES[level]
    return ScreenResult(level, flagged, outcome.headline, outcome.message)
