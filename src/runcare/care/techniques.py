"""The technique registry: what a protocol step can be, keyed by short stable strings.

Keys are stored with every template, plan and note, so they never change; names and
summaries may. Each technique says which dose fields apply to it, so a hold time cannot be
recorded for kneading or minutes for a contract-relax stretch. Sources are given where a
technique has a recognised description; EVIDENCE.md section 3 explains why the resisted
hip-flexor stretch of the seed session is recorded as contract-relax, not as AIS.
"""

from __future__ import annotations

from dataclasses import dataclass

# The dose fields a step may carry, in display order.
DOSE_FIELDS: tuple[str, ...] = ("minutes", "hold_s", "hold_max_s", "reps", "sets", "resistance")

_TIMED = ("minutes",)
_HELD = ("hold_s", "hold_max_s", "reps", "sets")
_RESISTED = (*_HELD, "resistance")


@dataclass(frozen=True)
class Technique:
    """One technique. ``dose_fields`` are the subset of ``DOSE_FIELDS`` that apply."""

    key: str
    name: str
    summary: str
    dose_fields: tuple[str, ...]
    source: str = ""


_ALL: tuple[Technique, ...] = (
    Technique(
        "compression",
        "Compression",
        "Broad, slow pressure with the palm or forearm to relax the muscles before deeper work.",
        _TIMED,
    ),
    Technique(
        "trigger_point",
        "Trigger point pressure",
        "Sustained pressure on a tender spot in a muscle until it eases, then release.",
        ("hold_s", "reps"),
        "Simons DG, Travell JG, Simons LS. Myofascial Pain and Dysfunction: The Trigger Point "
        "Manual, 2nd ed. (1999)",
    ),
    Technique(
        "kneading",
        "Kneading",
        "Lifting, squeezing and rolling the muscle (petrissage), working along its length.",
        _TIMED,
    ),
    Technique(
        "friction",
        "Friction",
        "Small, deep strokes across or along a tissue, such as the IT band down the side of "
        "the leg.",
        _TIMED,
        "Cyriax J. Textbook of Orthopaedic Medicine, vol. 1 (deep transverse friction)",
    ),
    Technique(
        "effleurage",
        "Effleurage",
        "Long gliding strokes to warm up or finish an area.",
        _TIMED,
    ),
    Technique(
        "pnf_contract_relax",
        "PNF contract-relax",
        "The client pushes against the therapist's resistance for a few seconds, relaxes, and "
        "the limb is taken a little further into the stretch.",
        _RESISTED,
        "Hindle KB et al. Proprioceptive Neuromuscular Facilitation (PNF): its mechanisms and "
        "effects on range of motion and muscular function. J Hum Kinet 2012;31:105-113",
    ),
    Technique(
        "hold_relax",
        "PNF hold-relax",
        "The client holds still against the therapist's resistance (no movement), then relaxes "
        "into the stretch.",
        _RESISTED,
        "Hindle KB et al. J Hum Kinet 2012;31:105-113",
    ),
    Technique(
        "muscle_energy",
        "Muscle energy technique",
        "A gentle, controlled contraction against the therapist's counterforce, then a new "
        "barrier is taken up.",
        _RESISTED,
        "Chaitow L. Muscle Energy Techniques, 4th ed. (2013)",
    ),
    Technique(
        "active_isolated_stretch",
        "Active isolated stretching (AIS)",
        "The client moves actively to the end of range, the stretch is held only 1.5-2 s, and "
        "it is repeated 8-10 times.",
        _HELD,
        "Mattes A. Active Isolated Stretching: The Mattes Method (2000)",
    ),
    Technique(
        "assisted_static_stretch",
        "Assisted static stretch",
        "The therapist takes the relaxed limb into a stretch and holds it there.",
        ("hold_s", "reps", "sets"),
    ),
    Technique(
        "static_stretch",
        "Static stretch",
        "The person eases into a stretch on their own and holds it still, breathing, without "
        "bouncing; a home stretch.",
        ("hold_s", "reps", "sets"),
        "American College of Sports Medicine. ACSM's Guidelines for Exercise Testing and "
        "Prescription, 10th ed. (2018)",
    ),
)

TECHNIQUES: dict[str, Technique] = {t.key: t for t in _ALL}
