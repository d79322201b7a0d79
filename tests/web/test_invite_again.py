"""A therapist sends a new link for an invitation that was lost or has expired."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runcare.web.accounts.models import Invitation
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db


def test_it_sends_a_new_link_for_an_expired_invitation_and_stops_the_old_one(
    personas: Personas, therapist_client: Client
) -> None:
    long_ago = timezone.now() - timedelta(days=30)
    old, old_token = Invitation.issue(
        personas.therapist, "nia@example.org", now=long_ago, days=7, display_name="Nia"
    )
    page = therapist_client.get(reverse("accounts:invite")).content.decode()
    assert f'data-invitation="{old.pk}"' in page
    assert "expired" in page
    response = therapist_client.post(reverse("accounts:invite_again", args=[old.pk]))
    assert response.status_code == 200
    [message] = mail.outbox
    assert message.to == ["nia@example.org"]
    link = response.context["link"]
    assert link in message.body
    fresh = Invitation.objects.get()
    assert (fresh.email, fresh.display_name) == ("nia@example.org", "Nia")
    assert fresh.expires_at > timezone.now()
    assert Client().get(reverse("accounts:accept", args=[old_token])).status_code == 404
    assert Client().get(link).status_code == 302


def test_it_sends_again_only_the_therapists_own_unused_invitations(personas: Personas) -> None:
    mine, _ = Invitation.issue(personas.therapist, "a@example.org", now=timezone.now(), days=7)
    used, _ = Invitation.issue(personas.therapist, "b@example.org", now=timezone.now(), days=7)
    Invitation.objects.filter(pk=used.pk).update(used_at=timezone.now())
    for user in (personas.other_therapist, personas.runner, personas.stranger):
        response = client_for(user).post(reverse("accounts:invite_again", args=[mine.pk]))
        assert response.status_code == 404
    own = client_for(personas.therapist)
    assert own.post(reverse("accounts:invite_again", args=[used.pk])).status_code == 404
    assert own.get(reverse("accounts:invite_again", args=[mine.pk])).status_code == 405
    assert set(Invitation.objects.values_list("pk", flat=True)) == {mine.pk, used.pk}
    assert mail.outbox == []
