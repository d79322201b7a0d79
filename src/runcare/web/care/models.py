"""Protocol templates, session plans, doctor's visits, signed session notes and the audit log.

Steps are stored as the core's JSON form (``runcare.care.protocols.step_to_dict``) and read
back through the core, so the rules for a step live once, in the core.
"""

from __future__ import annotations

from django.db import models

from runcare.care.protocols import Step, Template, steps_from_list
from runcare.web.accounts.models import User


class NoteLockedError(Exception):
    """A signed note was about to change; only addenda may follow a signature."""


class ProtocolTemplate(models.Model):
    """One therapist's own template: a copy of the default she edits, or one of her own."""

    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="protocols")
    name = models.CharField(max_length=120)
    source = models.TextField(blank=True)
    steps = models.JSONField(default=list)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def core(self) -> Template:
        return Template(self.name, steps_from_list(self.steps), self.source)


class DoctorVisit(models.Model):
    """The therapist's dated record that a doctor has seen the runner after a red flag."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="doctor_visits")
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="doctor_visits_recorded"
    )
    seen_on = models.DateField()
    note = models.TextField()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at"]


class SessionPlan(models.Model):
    """A template fitted to one runner's findings, then edited by the therapist.

    ``steps`` holds each step's JSON with ``focus``: the painful region keys it meets.
    ``painful`` and the load verdict are the findings as they were when the plan was made.
    """

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="session_plans")
    therapist = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="plans_made"
    )
    template = models.ForeignKey(
        ProtocolTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    template_name = models.CharField(max_length=120)
    steps = models.JSONField(default=list)
    painful = models.JSONField(default=list)
    load_level = models.CharField(max_length=24, blank=True)
    load_headline = models.TextField(blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def core_steps(self) -> tuple[Step, ...]:
        return steps_from_list([_without_focus(s) for s in self.steps])

    def focus(self) -> list[list[str]]:
        return [list(s.get("focus", [])) for s in self.steps]


def _without_focus(stored: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in stored.items() if k != "focus"}


class SessionNote(models.Model):
    """A SOAP note of one session. Signing locks it; later changes are ``Addendum`` rows.

    ``given`` lists, per plan step, ``{"done": bool, "step": <step JSON with the dose actually
    given>}``. ``pain_before`` / ``pain_after`` map region keys to 0-10. ``version`` grows
    with every saved edit, so an edit or a signature made on a stale page is refused.
    """

    plan = models.OneToOneField(SessionPlan, on_delete=models.PROTECT, related_name="note")
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="session_notes")
    therapist = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="notes_written"
    )
    session_on = models.DateField()
    subjective = models.TextField(blank=True)
    pain_before = models.JSONField(default=dict)
    objective = models.TextField(blank=True)
    assessment = models.TextField(blank=True)
    plan_home = models.TextField(blank=True)
    plan_run_time = models.TextField(blank=True)
    plan_next_session = models.TextField(blank=True)
    given = models.JSONField(default=list)
    pain_after = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes_signed"
    )

    class Meta:
        ordering = ["-session_on", "-pk"]

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def save(self, *args: object, **kwargs: object) -> None:
        # The last line of defence: whatever the caller, a signed row never changes.
        if self.pk is not None and (
            SessionNote.objects.filter(pk=self.pk, signed_at__isnull=False).exists()
        ):
            raise NoteLockedError("This note is signed; add an addendum instead.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Addendum(models.Model):
    """A dated change to a signed note, by its author. Never edited or deleted."""

    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(max_length=150)
    created_at = models.DateTimeField()
    text = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    SIGN = "sign", "Signed"
    ADDENDUM = "addendum", "Added an addendum to"


class AuditEvent(models.Model):
    """Who saw or changed which client's plan or note, and when. Append only.

    Names are copied so that the record still reads right after an account is renamed
    or removed.
    """

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_name = models.CharField(max_length=150)
    runner = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    runner_name = models.CharField(max_length=150)
    # The therapist whose log shows the event: the runner's therapist at the time.
    therapist = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="audit_events"
    )
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    what = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
