"""The explanation's rules as data: sources, sentences and rule rows.

A rule row says: when these body areas are marked (any side, score above 0) and the pain
comes at one of these times, these muscles may be involved, and these sentences say why.
Every sentence names its sources here, so nothing is shown without one. The words explain;
they never diagnose: no disease names, "may" and "a common explanation" rather than "is".
"""

from __future__ import annotations

from dataclasses import dataclass

# Citations, by short key. The anatomy comes from the muscle data file (runcare.body), each
# fact with its own sources; the hip-flexor-to-back idea is a therapist's explanation.
SOURCES: dict[str, str] = {
    "therapist_explanation": (
        "A massage therapist's explanation for runners (The Comfort Zone Massage, "
        "'Q & A Running and Lower Back Pain'); a common explanation, not an established finding"
    ),
    "frandsen_2025": (
        "Frandsen et al. Br J Sports Med 2025;59(17):1203-1210, doi:10.1136/bjsports-2024-109380 "
        "(single-run spikes and running injuries, 5,205 runners)"
    ),
    "nice_ng59": (
        "NICE guideline NG59, Low back pain and sciatica in over 16s: assessment and "
        "management (2016, updated 2020), https://www.nice.org.uk/guidance/ng59"
    ),
    "silbernagel_2007": (
        "Silbernagel et al. Am J Sports Med 2007;35(6):897-906 (pain-monitoring model, "
        "Achilles tendon pain, 38 patients); used here for hips and back as an extrapolation"
    ),
    "runcare": "runcare convention",
    "intake": "Your own answers in the intake",
}


@dataclass(frozen=True)
class Text:
    """One sentence (or two) shown to the runner, with the keys of its sources."""

    text: str
    sources: tuple[str, ...]


RUNNING = frozenset({"during_runs", "after_runs", "next_morning"})
REST = frozenset({"at_rest", "at_night"})

TEXTS: dict[str, Text] = {
    "hip_flexors_back_link": Text(
        "A common explanation, though not an established finding, is that hip flexors that "
        "are tired or tight after running pull on the lower spine, so the lower back may ache "
        "as well as the front of the hip.",
        ("therapist_explanation",),
    ),
    "overuse": Text(
        "When pain comes with running, a common explanation is overuse: the muscles did more "
        "than they were used to. A single run much longer than any in the month before goes "
        "with more running injuries.",
        ("therapist_explanation", "frandsen_2025"),
    ),
    "rest_or_night": Text(
        "Pain at rest or at night is less typical of muscles that simply worked too hard. If "
        "it is there all the time at night or at rest, whatever position you are in, see a "
        "doctor before more running advice.",
        ("nice_ng59",),
    ),
    "next_morning": Text(
        "Pain that has not settled by the next morning is, in the pain-monitoring model, a "
        "sign that the last run was too much for now: step back a little.",
        ("silbernagel_2007",),
    ),
    "exercise_first": Text(
        "Exercise comes first. For low back pain, NICE recommends exercise, such as "
        "strengthening, stretching, aerobic or mind-body exercise, as the main treatment.",
        ("nice_ng59",),
    ),
    "hands_on_alongside": Text(
        "Massage and stretching, such as the resisted and assisted hip-flexor stretches a "
        "massage therapist gives, go alongside exercise: NICE recommends hands-on "
        "treatment only together with exercise, never on its own.",
        ("nice_ng59",),
    ),
    "keep_within_spike_limit": Text(
        "For now, keep each run within 10 % of your longest run of the 30 days before it: "
        "in a study of 5,205 runners, runs more than 10 % longer went with more injuries.",
        ("frandsen_2025", "runcare"),
    ),
    "pain_monitoring": Text(
        "If you keep running: pain during a run of at most 5 out of 10, settled by the next "
        "morning, is the limit one study used; there, running on did as well as resting. "
        "It was a study of Achilles tendon pain, so using it for the hips and back is an "
        "extrapolation.",
        ("silbernagel_2007",),
    ),
    "doctor_today_if": Text(
        "See a doctor today if you get new trouble controlling your bladder or bowels, "
        "numbness around your bottom or genitals, or weakness or numbness in both legs.",
        ("nice_ng59",),
    ),
    "doctor_first_if": Text(
        "See a doctor before more running advice if the pain is there all the time at night "
        "or at rest, started after a fall or a hard knock, keeps getting worse over weeks, "
        "or comes with fever, feeling unwell or weight loss you cannot explain.",
        ("nice_ng59",),
    ),
    "not_a_diagnosis": Text(
        "This is an explanation, not a diagnosis: only a doctor or physiotherapist who "
        "examines you can say what is wrong.",
        ("runcare",),
    ),
    "pain_since": Text("You have had this pain since {day} ({weeks}).", ("intake",)),
    "no_training": Text(
        "No runs were given, so the training part is left out. Add your watch files or "
        "export to see whether you ran too much too soon.",
        ("runcare",),
    ),
}

# The sentence for a marked area that no rule row explains; ``{muscles}`` is filled in from
# the region table (runcare.body), so the rows never repeat that table.
# Its sources are those of each muscle's "where it is" fact.
NEARBY_MUSCLES = Text(
    "Muscles under this area include {muscles}. They may be involved; your therapist can check.",
    (),
)
NO_MUSCLES = Text(
    "runcare's muscle table has no entry for this area yet; your therapist can check it.",
    ("runcare",),
)


@dataclass(frozen=True)
class Rule:
    """One row of the rules table.

    The rule applies when every area of ``areas`` is marked on at least one side and the
    intake's timing holds one of ``timing`` (empty: any timing, even none). ``areas`` are
    region keys without their side (``hip_front``); empty means "any marked area" and is
    used for rules about timing alone. ``muscles`` are keys of ``runcare.body.MUSCLE_NAMES``.
    ``texts`` are keys of ``TEXTS``, or facts of the muscle data file: ``muscle:KEY.FIELD``
    (``muscle:psoas_major.running``) and ``group:KEY.FIELD`` (``group:iliopsoas.summary``).
    """

    key: str
    title: str
    areas: frozenset[str]
    timing: frozenset[str]
    muscles: tuple[str, ...]
    texts: tuple[str, ...]


HIP_FLEXORS = ("psoas_major", "iliacus", "rectus_femoris", "sartorius")
HIP_FLEXOR_TEXTS = (
    "group:hip_flexors.summary",
    "group:iliopsoas.summary",
    "group:hip_flexors.running",
)

# Order matters: a rule is skipped when earlier rules already explained all of its areas,
# so the combined rows come before the single-area rows.
RULES: tuple[Rule, ...] = (
    Rule(
        "hip_front_and_low_back_with_running",
        "Front of the hip and lower back, with running",
        frozenset({"hip_front", "lower_back"}),
        RUNNING,
        HIP_FLEXORS,
        (*HIP_FLEXOR_TEXTS, "hip_flexors_back_link", "overuse"),
    ),
    Rule(
        "hip_front_with_running",
        "Front of the hip, with running",
        frozenset({"hip_front"}),
        RUNNING,
        HIP_FLEXORS,
        (*HIP_FLEXOR_TEXTS, "overuse"),
    ),
    Rule(
        "low_back_with_running",
        "Lower back, with running",
        frozenset({"lower_back"}),
        RUNNING,
        ("quadratus_lumborum", "erector_spinae", "psoas_major"),
        (
            "muscle:quadratus_lumborum.running",
            "muscle:erector_spinae.running",
            "muscle:psoas_major.where",
            "overuse",
        ),
    ),
    Rule(
        "buttock_with_running",
        "Buttock, with running",
        frozenset({"buttock"}),
        RUNNING,
        ("gluteus_medius", "gluteus_maximus", "piriformis"),
        (
            "muscle:gluteus_medius.running",
            "muscle:gluteus_maximus.running",
            "muscle:piriformis.running",
            "overuse",
        ),
    ),
    Rule(
        "outer_hip_with_running",
        "Outer hip, with running",
        frozenset({"hip_outer"}),
        RUNNING,
        ("gluteus_medius", "tfl_it_band"),
        ("muscle:gluteus_medius.running", "muscle:tfl_it_band.running", "overuse"),
    ),
    Rule(
        "outer_thigh_with_running",
        "Outer thigh, with running",
        frozenset({"thigh_outer"}),
        RUNNING,
        ("tfl_it_band",),
        ("muscle:tfl_it_band.where", "muscle:tfl_it_band.running", "overuse"),
    ),
    Rule(
        "front_thigh_with_running",
        "Front of the thigh, with running",
        frozenset({"thigh_front"}),
        RUNNING,
        ("rectus_femoris", "sartorius"),
        ("muscle:rectus_femoris.running", "muscle:sartorius.running", "overuse"),
    ),
    Rule(
        "pain_next_morning",
        "Pain the next morning",
        frozenset(),
        frozenset({"next_morning"}),
        (),
        ("next_morning",),
    ),
    Rule(
        "pain_at_rest_or_night",
        "Pain at rest or at night",
        frozenset(),
        REST,
        (),
        ("rest_or_night",),
    ),
)

# What usually helps, always shown after a clear screen when pain is marked.
HELPS: tuple[str, ...] = ("exercise_first", "hands_on_alongside")
# Shown only when the verdict found a single-run spike.
HELPS_AFTER_SPIKE: tuple[str, ...] = ("keep_within_spike_limit",)
# Shown only when the runner's pain comes with running.
HELPS_WHILE_RUNNING: tuple[str, ...] = ("pain_monitoring",)
SEE_A_DOCTOR_IF: tuple[str, ...] = ("doctor_today_if", "doctor_first_if")


# The first sentence of the training part, by verdict level; the verdict's own reasons follow
# in its words.
TRAINING_INTROS: dict[str, Text] = {
    "too_much_too_soon": Text(
        "A recent run was a big step up on the month before. In a study of 5,205 "
        "runners, runs more than 10 % longer than the longest of the 30 days before went with "
        "more running injuries.",
        ("frandsen_2025",),
    ),
    "caution": Text(
        "No run was a big single step up, but something in your recent training needs care.",
        ("runcare",),
    ),
    "ok": Text(
        "No recent run that could be compared was a big step up on the month "
        "before, so a sudden jump in distance is a less likely part of the story.",
        ("frandsen_2025",),
    ),
    "not_enough_data": Text(
        "Your runs cannot be judged yet.",
        ("runcare",),
    ),
}

HEADLINES: dict[str, str] = {
    "explanation": "Why it may hurt: a common explanation, not a diagnosis",
    "nothing_marked": "No pain marked, so there is nothing to explain yet",
}
