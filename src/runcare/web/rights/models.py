"""Erasure requests and the record that an erasure happened."""

from __future__ import annotations

from django.db import models

from runcare.web.accounts.models import User


class ErasureRequest(models.Model):
    """A runner asks her therapist to erase her account and everything of hers."""

    runner = models.OneToOneField(User, on_delete=models.CASCADE, related_name="erasure_request")
    requested_at = models.DateTimeField()


class Erasure(models.Model):
    """That a client was erased, by whom and when; never what was erased.

    The client is named by the number her account had, which identifies nobody once every
    row of hers is gone. The therapist's name is copied so the line still reads right after
    her own account is removed.
    """

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_name = models.CharField(max_length=150)
    therapist = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="erasures"
    )
    client_number = models.PositiveBigIntegerField()
    # Whether the client had asked for it herself (an ErasureRequest was open).
    requested_by_client = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-pk"]


def clients_set_aside(therapist: User) -> tuple[list[User], list[ErasureRequest]]:
    """``therapist``'s archived clients (latest first) and her clients' erasure requests
    (oldest first), from one query."""
    clients = (
        User.objects.filter(therapist=therapist)
        .filter(models.Q(archived_at__isnull=False) | models.Q(erasure_request__isnull=False))
        .select_related("erasure_request")
    )
    archived, requests = [], []
    for client in clients:
        if client.archived_at is not None:
            archived.append(client)
        request = getattr(client, "erasure_request", None)
        if request is not None:
            requests.append(request)
    archived.sort(key=lambda c: (c.archived_at, -c.pk), reverse=True)
    requests.sort(key=lambda r: (r.requested_at, r.pk))
    return archived, requests


def erasures_by(therapist: User, limit: int = 100) -> list[Erasure]:
    """The erasures of ``therapist``'s clients, newest first."""
    return list(Erasure.objects.filter(therapist=therapist)[:limit])
