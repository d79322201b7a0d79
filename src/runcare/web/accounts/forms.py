from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.contrib.auth import password_validation

from runcare.web.accounts.models import User


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Runner's email")
    display_name = forms.CharField(label="Runner's name", max_length=120, required=False)


class SignUpForm(forms.Form):
    """The runner's own account, created from an invitation.

    ``email`` is the invitation's address: the password rules compare the password with it
    too, as they do for a therapist's account.
    """

    username = forms.CharField(max_length=150, label="User name")
    password = forms.CharField(widget=forms.PasswordInput, label="Password")
    password_again = forms.CharField(widget=forms.PasswordInput, label="Password again")
    # Filled by runcare/timezone.js with the browser's zone; empty without JavaScript.
    time_zone = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""}),
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That user name is taken; please choose another.")
        return username

    def clean_time_zone(self) -> str:
        """The browser's zone if it named one runcare knows, else blank (the clinic's zone).

        A hint from the browser, not an answer of the person's: an unknown name is dropped
        rather than shown as an error they could not fix.
        """
        name: str = self.cleaned_data.get("time_zone", "").strip()
        return name if name in known_time_zones() else ""

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", "The two passwords differ.")
        if password:
            candidate = User(username=data.get("username", ""), email=self.email)
            try:
                password_validation.validate_password(str(password), candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


def known_time_zones() -> set[str]:
    """The IANA zone names a person may choose ("Factory" and "localtime" are no places)."""
    return available_timezones() - {"Factory", "localtime"}


def time_zone_choices(default_name: str) -> list[tuple[str, str]]:
    names = sorted(known_time_zones())
    return [("", f"The clinic's zone ({default_name})"), *((n, n.replace("_", " ")) for n in names)]


class SettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    """A person's own settings: the name others see and the zone of their calendar days."""

    class Meta:
        model = User
        fields = ("display_name", "time_zone")
        labels = {"display_name": "Your name as others see it", "time_zone": "Your time zone"}

    def __init__(self, *args: Any, default_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget = forms.Select(
            choices=time_zone_choices(default_zone), attrs={"aria-describedby": "tz-help"}
        )
