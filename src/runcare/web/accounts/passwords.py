"""Changing and resetting passwords with Django's own views, forms and tokens.

A reset link carries Django's token: it is signed with the secret key over the user's
password hash, last login and e-mail, so it stops working once it has been used (the
password changed) and after ``PASSWORD_RESET_TIMEOUT`` seconds.
"""

from __future__ import annotations

import logging
import math
import smtplib
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse_lazy
from django.utils import timezone

from runcare.web.accounts import throttle
from runcare.web.accounts.models import ResetRequest, User
from runcare.web.accounts.views import client_ip

logger = logging.getLogger(__name__)

EMAIL_TEMPLATE = "accounts/password_reset_email.txt"
SUBJECT_TEMPLATE = "accounts/password_reset_subject.txt"


class ChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class ChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class ResetView(auth_views.PasswordResetView):
    """Asks for an e-mail address; says the same whether or not an account has it.

    Throttled per e-mail address and per client address (rules in ``throttle``), on rows of
    its own: asking for links never slows a login down.
    """

    template_name = "accounts/password_reset.html"
    email_template_name = EMAIL_TEMPLATE
    subject_template_name = SUBJECT_TEMPLATE
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"hours": settings.PASSWORD_RESET_TIMEOUT // 3600}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = str(request.POST.get("email", ""))
        wait_s = throttle.reset_wait_s(
            email, client_ip(request), now=timezone.now(), limit=settings.PASSWORD_RESETS_PER_HOUR
        )
        if wait_s <= 0:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.errors.clear()
        form.add_error(None, throttle.reset_wait_message(wait_s))
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(math.ceil(wait_s))
        return response

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # Counted before Django looks the address up, so every address counts alike.
        request = self.request
        ResetRequest.record(form.cleaned_data["email"], client_ip(request), now=timezone.now())
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class OneAccountResetForm(PasswordResetForm):
    """Django's reset mail for one given account, with sending errors left to the caller
    (Django's own form logs and hides them, so that a stranger learns nothing)."""

    def __init__(self, user: User) -> None:
        super().__init__({"email": user.email})
        self.user = user

    def get_users(self, email: str) -> Iterator[User]:
        yield self.user

    def send_mail(  # noqa: PLR0917 - Django's signature
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        EmailMultiAlternatives(subject, body, from_email, [to_email]).send()


def send_reset_link(request: HttpRequest, user: User) -> bool:
    """E-mail ``user`` a reset link, as the "Forgot your password?" page would.

    False when the account has no e-mail address or the mail could not be sent. The link
    is never shown to the sender: whoever holds it could take over the account.
    """
    form = OneAccountResetForm(user)
    if not user.email or not form.is_valid():
        return False
    try:
        form.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name=SUBJECT_TEMPLATE,
            email_template_name=EMAIL_TEMPLATE,
            extra_email_context={"hours": str(settings.PASSWORD_RESET_TIMEOUT // 3600)},
        )
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("Could not send a password reset e-mail: %s", exc)
        return False
    return True
