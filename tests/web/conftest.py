"""Personas for every view that shows health data: a therapist, her runner, and a stranger
(another therapist's runner), who must get 404 wherever the runner's data is."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from runcare.web.accounts.models import Role, User

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test fixture


@dataclass
class Personas:
    therapist: User
    runner: User
    other_therapist: User
    stranger: User


def make_user(username: str, role: str, therapist: User | None = None) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        therapist=therapist,
        display_name=username.replace("_", " ").title(),
    )


@pytest.fixture
def personas(db: None) -> Personas:
    therapist = make_user("thea_therapist", Role.THERAPIST)
    other = make_user("olga_therapist", Role.THERAPIST)
    return Personas(
        therapist=therapist,
        runner=make_user("rita_runner", Role.RUNNER, therapist),
        other_therapist=other,
        stranger=make_user("sam_stranger", Role.RUNNER, other),
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def therapist_client(personas: Personas) -> Client:
    return client_for(personas.therapist)


@pytest.fixture
def runner_client(personas: Personas) -> Client:
    return client_for(personas.runner)


@pytest.fixture
def stranger_client(personas: Personas) -> Client:
    return client_for(personas.stranger)


@pytest.fixture
def other_therapist_client(personas: Personas) -> Client:
    return client_for(personas.other_therapist)
