"""Log in and out, invite a runner, accept an invitation."""

from __future__ import annotations

import ipaddress
import math
import smtplib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from runcare.web.accounts import throttle
from runcare.web.accounts.decorators import therapist_required
from runcare.web.accounts.forms import InvitationForm, SettingsForm, SignUpForm
from runcare.web.accounts.models import Invitation, LoginAttempt, Role, User
from runcare.web.summaries.services import mark_changed


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from, for the login throttle.

    Behind a proxy every request comes from the proxy, so one address would count the whole
    clinic's failed logins and lock everybody out. The proxy appends the address it saw to
    ``X-Forwarded-For``; only that last entry is its word, the ones before are the client's.
    """
    address = request.META.get("REMOTE_ADDR")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        address = forwarded or address
    try:
        return str(ipaddress.ip_address(address or ""))
    except ValueError:
        return None


class ThrottledLoginView(auth_views.LoginView):
    """Django's login, slowed down after failures (rules in ``throttle``)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        username = str(request.POST.get("username", ""))
        now = timezone.now()
        ip = client_ip(request)
        wait_s = throttle.login_wait_s(
            username,
            ip,
            now=now,
            limit=settings.LOGIN_ATTEMPTS_PER_15_MIN,
            known=throttle.is_known(request, username),
        )
        if wait_s > 0:
            # The password is not checked while the wait runs, so waiting reveals nothing.
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, throttle.wait_message(wait_s))
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(math.ceil(wait_s))
            return response
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            LoginAttempt.forget(username, ip)
            throttle.remember_login(request, response, username)
        else:
            LoginAttempt.record_failure(username, ip, now=now)
        return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user.is_therapist:
        return redirect("clinic:client_list")
    return redirect("training:dashboard")


@therapist_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    therapist = request.user
    assert isinstance(therapist, User)
    sent: dict[str, object] = {}
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent = _issue(request, therapist, data["email"], data["display_name"])
        form = InvitationForm()
    return _invite_page(request, therapist, form, sent)


@therapist_required
@require_POST
def invite_again(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """A new link for an invitation not used yet (lost or expired); the old link stops."""
    therapist = request.user
    assert isinstance(therapist, User)
    with transaction.atomic():
        old = get_object_or_404(
            Invitation.objects.select_for_update(),
            pk=invitation_id,
            therapist=therapist,
            used_at__isnull=True,
        )
        email, name = old.email, old.display_name
        old.delete()
        sent = _issue(request, therapist, email, name)
    return _invite_page(request, therapist, InvitationForm(), sent)


def _issue(request: HttpRequest, therapist: User, email: str, name: str) -> dict[str, object]:
    _invitation, token = Invitation.issue(
        therapist, email, now=timezone.now(), days=settings.INVITATION_DAYS, display_name=name
    )
    link = request.build_absolute_uri(reverse("accounts:accept", args=[token]))
    return {"link": link, "emailed": send_invitation(therapist, email, link)}


def _invite_page(
    request: HttpRequest, therapist: User, form: InvitationForm, sent: dict[str, object]
) -> HttpResponse:
    pending = Invitation.objects.filter(therapist=therapist, used_at__isnull=True)
    context = {
        "form": form,
        "link": None,
        "emailed": False,
        **sent,
        "days": settings.INVITATION_DAYS,
        "pending": pending.order_by("-created_at"),
        "now": timezone.now(),
    }
    return render(request, "accounts/invite.html", context)


def send_invitation(therapist: User, email: str, link: str) -> bool:
    """Email the link; False when mail could not be sent (the page then shows it to copy)."""
    body = (
        f"{therapist.name} invites you to runcare, where you can tell her what hurts and "
        f"share your training.\n\nCreate your account here (the link works once and expires "
        f"in {settings.INVITATION_DAYS} days):\n{link}\n"
    )
    try:
        send_mail(f"{therapist.name} invites you to runcare", body, None, [email])
    except (OSError, smtplib.SMTPException):
        return False
    return True


# The link's token moves into the session at once, and the sign-up form lives at a URL
# without it, so the token never reaches access logs, Referer headers or browser history
# beyond the first request (the pattern of Django's password reset).
INVITATION_SESSION_KEY = "_runcare_invitation_token"


@require_GET
def accept(request: HttpRequest, token: str) -> HttpResponseBase:
    if Invitation.find_usable(token, now=timezone.now()) is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    request.session[INVITATION_SESSION_KEY] = token
    return redirect("accounts:join")


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponseBase:
    token = request.session.get(INVITATION_SESSION_KEY, "")
    invitation = Invitation.find_usable(token, now=timezone.now()) if token else None
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = SignUpForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Re-read under the transaction so two clicks cannot both use the link.
            fresh = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if fresh.used_at is not None:
                return render(request, "accounts/invitation_invalid.html", status=404)
            runner = User.objects.create_user(
                username=form.cleaned_data["username"],
                email=fresh.email,
                password=form.cleaned_data["password"],
                role=Role.RUNNER,
                therapist=fresh.therapist,
                display_name=fresh.display_name,
                # The browser's zone where it said; blank is the clinic's zone.
                time_zone=form.cleaned_data["time_zone"],
            )
            fresh.used_at = timezone.now()
            fresh.runner = runner
            fresh.save(update_fields=["used_at", "runner"])
        request.session.pop(INVITATION_SESSION_KEY, None)
        login(request, runner, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Start by telling your therapist what hurts.")
        return redirect("clinic:intake")
    return render(request, "accounts/accept.html", {"form": form, "invitation": invitation})


@login_required
@require_http_methods(["GET", "POST"])
def user_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = SettingsForm(request.POST or None, instance=user, default_zone=settings.TIME_ZONE)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if user.is_runner and "time_zone" in form.changed_data:
                # Her days, and so her verdict's as-of day, are counted in the new zone.
                mark_changed(user.pk)
        messages.success(request, "Your settings are saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})
