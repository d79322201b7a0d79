"""Account actions shared by the command line and the pages."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from runcare.web.accounts.models import Role, User


def create_therapist(username: str, password: str, *, email: str = "", name: str = "") -> User:
    """A new therapist account; ValidationError (with a message for a person) if it cannot be."""
    username = username.strip()
    if not username:
        raise ValidationError("A user name is needed.")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"The user name {username!r} is taken.")
    candidate = User(username=username, email=email, display_name=name)
    password_validation.validate_password(password, candidate)
    with transaction.atomic():
        return User.objects.create_user(
            username=username,
            password=password,
            email=email,
            display_name=name,
            role=Role.THERAPIST,
        )
