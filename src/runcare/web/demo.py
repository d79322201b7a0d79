"""Fill the clinic app with a demo therapist and three runners (``runcare serve --demo``).

* Mia, the demo generator's runner (``runcare.demo.history``): 20 weeks ending today, with
  the long run about 40 % over her 30-day longest one to two weeks ago: too much too soon.
* Jonas: a steady runner whose intake has warning signs (pain at night and at rest, getting
  worse for weeks): the red-flag client, who is told to see a doctor first.
* Mia also has a signed session from a week ago (``runcare.web.care.demo``), so the
  therapist's session history and the runner's "My sessions" page are not empty, and run
  settings with four weeks of pain after runs (``runcare.web.plan.demo``), so her plan,
  its changes and her progress chart are not empty.
* The therapist has opening hours (``runcare.web.booking.demo``); each runner had a session
  before and Mia and Lena have their next one booked (Jonas sees a doctor first). Lena also
  has one within a day of the first seeding, so ``runcare send-reminders`` has a reminder
  to send.
* The therapist's Q&A series (``runcare.web.posts.demo``): four published posts, one the
  answer to Mia's question, and a question of Lena's waiting in the inbox.
* Lena: a steady runner, the same four runs every week, so her verdict is "ok" by
  construction: no run is more than a few per cent over the longest of the month before,
  and every week is the same, so weekly change, ACWR and monotony stay low.

Their files go through the upload job's own services (``store_upload`` then ``run_import``),
so the demo exercises the path a real upload takes. Seeding is idempotent: accounts are
created once; a runner's history is imported once, and imported again (replacing the old
demo history) only when it was made on an earlier day, so that "too much too soon" stays
recent.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from runcare.activities.model import Sport
from runcare.care.redflags import QUESTIONS
from runcare.demo.generate import strava_title, write_demo_history
from runcare.demo.gpx_write import gpx_bytes
from runcare.demo.history import (
    HOME_TZ,
    SAMPLE_STEP_S,
    WEEKS,
    PlannedActivity,
    Recorder,
    Role,
    track_of,
)
from runcare.web.accounts.models import Role as UserRole
from runcare.web.accounts.models import User
from runcare.web.booking.demo import seed_appointments, seed_hours
from runcare.web.calendars.reminders import DEFAULT_BEFORE
from runcare.web.care.demo import seed_past_session
from runcare.web.clinic.models import Intake
from runcare.web.clinic.services import record_intake
from runcare.web.exercises.demo import seed_home_program
from runcare.web.plan.demo import seed_run_plan
from runcare.web.posts.demo import seed_posts
from runcare.web.summaries.services import refresh_stale
from runcare.web.training.models import ActivityRecord, Upload
from runcare.web.training.queries import runner_today
from runcare.web.training.services import run_import, store_upload, upload_root

# One password for every demo account, printed by ``runcare serve --demo``. Demo data only.
DEMO_PASSWORD = "runcare-demo-2025"  # noqa: S105
THERAPIST = "therapist"
TOO_MUCH = "mia"
RED_FLAG = "jonas"
FINE = "lena"


@dataclass(frozen=True)
class DemoRunner:
    username: str
    display_name: str
    history: str  # "demo" (the generator's story) or "steady"
    who: str
    seed: int
    intake: Mapping[str, Any]
    intake_by_therapist: bool = False


def _flags(*yes: str) -> dict[str, bool]:
    return {q.key: q.key in yes for q in QUESTIONS}


RUNNERS = (
    DemoRunner(
        TOO_MUCH,
        "Mia Schneider",
        "demo",
        "a runner, too much too soon",
        7,
        {
            "question": "Why do my hips and lower back hurt after I run?",
            "pain_0_10": {"hip_front_left": 5, "lower_back_left": 4, "buttock_left": 3},
            "timing": ["after_runs", "next_morning"],
            "years_running": Decimal("3"),
            "usual_weekly_km": Decimal("30"),
            "goal_race": "Berlin half marathon in April",
            "red_flags": _flags(),
        },
    ),
    DemoRunner(
        RED_FLAG,
        "Jonas Weber",
        "steady",
        "a runner with a red flag",
        23,
        {
            "question": "My lower back hurts all the time now, even in bed.",
            "pain_0_10": {"lower_back_left": 7, "lower_back_right": 6},
            "timing": ["at_rest", "at_night"],
            "years_running": Decimal("12"),
            "usual_weekly_km": Decimal("35"),
            "red_flags": _flags("night_rest_pain", "worsening"),
        },
        intake_by_therapist=True,
    ),
    DemoRunner(
        FINE,
        "Lena Fischer",
        "steady",
        "a runner whose training is fine",
        41,
        {
            "question": "The outside of my right hip is tight after long runs.",
            "pain_0_10": {"hip_outer_right": 2},
            "timing": ["after_runs"],
            "years_running": Decimal("6"),
            "usual_weekly_km": Decimal("30"),
            "goal_race": "",
            "red_flags": _flags(),
        },
    ),
)


# Each runner's last session (days ago) and the earliest day of the next (days ahead); the
# red-flag runner gets no next one (runcare.web.booking.demo).
DIARY = {TOO_MUCH: (7, 7), RED_FLAG: (12, 7), FINE: (21, 10)}


@dataclass
class SeedResult:
    created: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)

    @property
    def logins(self) -> list[tuple[str, str]]:
        """Every demo account's user name and who it is."""
        return [(THERAPIST, "the therapist"), *((r.username, r.who) for r in RUNNERS)]


def seed_demo(now: datetime) -> SeedResult:
    """Create (or bring up to date) the demo accounts, histories and intakes as of ``now``."""
    result = SeedResult()
    therapist = _account(THERAPIST, "Hanna Berg", UserRole.THERAPIST, None, result)
    seed_hours(therapist)
    for spec in RUNNERS:
        runner = _account(spec.username, spec.display_name, UserRole.RUNNER, therapist, result)
        today = runner_today(runner, now)
        if _needs_history(runner, today, now):
            _replace_history(runner, spec, today, now)
            result.imported.append(spec.username)
        if not Intake.objects.filter(runner=runner).exists():
            entered_by = therapist if spec.intake_by_therapist else runner
            data = {**spec.intake, "pain_since": today - timedelta(days=10)}
            record_intake(runner, entered_by, data, now)
        if spec.username == TOO_MUCH:
            seed_past_session(runner, therapist, now)
            seed_home_program(runner, therapist, now)
            seed_run_plan(runner, now, new_history=spec.username in result.imported)
        past, ahead = DIARY[spec.username]
        seed_appointments(
            runner,
            therapist,
            now,
            days_ago=past,
            next_in_days=ahead,
            # Inside the reminders' default window: the demo shows one going out.
            soon_within=DEFAULT_BEFORE if spec.username == FINE else None,
        )
    runners = {user.username: user for user in therapist.clients.all()}
    seed_posts(therapist, runners[TOO_MUCH], runners[FINE], now)
    # The intakes and pain above made their summaries stale: the demo list opens current.
    refresh_stale(now, User.objects.filter(therapist=therapist))
    return result


DEMO_TIME_ZONE = "Europe/Berlin"


def _account(
    username: str, name: str, role: str, therapist: User | None, result: SeedResult
) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            therapist=therapist,
            display_name=name,
            email=f"{username}@example.org",
            # The demo runners train around a lake in Berlin (runcare.demo.history).
            time_zone=DEMO_TIME_ZONE,
        )
        result.created.append(username)
    return user


def _needs_history(runner: User, today: date, now: datetime) -> bool:
    latest = Upload.objects.filter(runner=runner).order_by("-created_at").first()
    return latest is None or runner_today(runner, latest.created_at) < today


def _replace_history(runner: User, spec: DemoRunner, today: date, now: datetime) -> None:
    with tempfile.TemporaryDirectory(prefix="runcare-demo-") as tmp:
        folder = Path(tmp)
        paths: Sequence[Path]
        if spec.history == "demo":
            paths = write_demo_history(folder, end=today, seed=spec.seed).paths
        else:
            # Ending yesterday: nothing planned for later today, so nothing in the future.
            paths = write_steady_history(folder, end=today - timedelta(days=1), seed=spec.seed)
        files = [SimpleUploadedFile(path.name, path.read_bytes()) for path in paths]
        with transaction.atomic():
            _forget_history(runner)
            upload = store_upload(runner, runner, files, now)
    run_import(upload.pk, lambda: now)


def _forget_history(runner: User) -> None:
    for old in Upload.objects.filter(runner=runner):
        folder = upload_root() / old.stored_path
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            path.unlink()
        if folder.is_dir():
            folder.rmdir()
    ActivityRecord.objects.filter(runner=runner).delete()
    Upload.objects.filter(runner=runner).delete()


# The steady runner's week: the same four runs on the same weekdays (Monday = 0), in km.
STEADY_WEEK = {1: 6.0, 3: 7.0, 5: 5.0, 6: 12.0}
STEADY_NOISE_KM = 0.15
STEADY_PACE_S_PER_KM = (345.0, 360.0)


def steady_plan(end: date, *, seed: int) -> list[PlannedActivity]:
    """Twenty weeks of the same four runs a week, ending on ``end`` (inclusive)."""
    rng = random.Random(seed)
    first = end - timedelta(days=WEEKS * 7 - 1)
    plan = []
    for offset in range((end - first).days + 1):
        day = first + timedelta(days=offset)
        km = STEADY_WEEK.get(day.weekday())
        if km is None:
            continue
        km += rng.uniform(-STEADY_NOISE_KM, STEADY_NOISE_KM)
        steps = round(km * rng.uniform(*STEADY_PACE_S_PER_KM) / SAMPLE_STEP_S)
        plan.append(
            PlannedActivity(
                start=datetime.combine(day, time(7, rng.randint(0, 40)), tzinfo=HOME_TZ),
                sport=Sport.RUNNING,
                role=Role.LONG if day.weekday() == 6 else Role.EASY,
                distance_m=round(km * 1000.0, 1),
                moving_s=float(steps * SAMPLE_STEP_S),
                elapsed_s=float(steps * SAMPLE_STEP_S),
                target_hr_bpm=rng.randint(140, 150),
                route="lake",
                recorders=(Recorder.PHONE,),
                track_seed=rng.getrandbits(32),
            )
        )
    return plan


def write_steady_history(out_dir: Path, *, end: date, seed: int) -> Sequence[Path]:
    """The steady plan as the GPX files of a phone's Strava app, one per run."""
    paths = []
    for activity in steady_plan(end, seed=seed):
        path = out_dir / f"{activity.start:%Y-%m-%d}-run.gpx"
        samples = track_of(activity, Recorder.PHONE)
        path.write_bytes(gpx_bytes(samples, name=strava_title(activity), activity_type="running"))
        paths.append(path)
    return paths


def accounts_with_demo_password() -> list[str]:
    """The demo accounts that still open with the published demo password."""
    demo_names = [THERAPIST, *(runner.username for runner in RUNNERS)]
    users = User.objects.filter(username__in=demo_names).order_by("username")
    return [user.username for user in users if user.check_password(DEMO_PASSWORD)]
