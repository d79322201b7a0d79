"""The login throttle: slow guessing down without locking the clinic out.

Failed logins are counted over the last 15 minutes in two ways:

* per user name **and** address: after ``limit`` failures, that name from that address waits
  30 s before its next try, then 1 min, 2 min ... up to 15 min. Someone guessing Rita's
  password from one place is slowed to a handful of guesses an hour, while Rita's own
  password from any other address is never refused.
* per address, whatever the name, with four times the limit: a clinic behind one address
  (NAT) shares it, so this only slows the address down (1 s, 2 s ... at most a minute between
  tries), and a browser in which a person has logged in before (a signed "known login"
  cookie) is not slowed by it at all for that person.

While a wait runs, the password is not even checked, so waiting reveals nothing. Rows older
than a day are deleted whenever a failure is recorded; a successful login clears the
failures of its name and address.

The "Forgot your password?" form is throttled on its own rows (``ResetRequest``), so asking
for links never slows anybody's login down: ``limit`` requests an hour per e-mail address
typed (whoever asks) and four times as many per client address (whatever is typed). Every
well-formed request counts, whether an account has the address or not, so the answer says
nothing about who has an account.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import HttpRequest, HttpResponseBase
from django.utils.crypto import salted_hmac

from runcare.web.accounts.models import LoginAttempt, ResetRequest, reset_key, throttle_key

WINDOW = timedelta(minutes=15)
ADDRESS_LIMIT_FACTOR = 4


@dataclass(frozen=True)
class Backoff:
    """No wait below ``limit`` failures; then ``first_s``, doubling per failure, to ``max_s``."""

    limit: int
    first_s: float
    max_s: float

    def wait_s(self, failures: int) -> float:
        if failures < self.limit:
            return 0.0
        # The exponent is capped: a flood of failures must not overflow a float.
        return min(self.max_s, self.first_s * 2.0 ** min(failures - self.limit, 32))


def pair_backoff(limit: int) -> Backoff:
    return Backoff(limit=limit, first_s=30.0, max_s=WINDOW.total_seconds())


def address_backoff(limit: int) -> Backoff:
    return Backoff(limit=limit * ADDRESS_LIMIT_FACTOR, first_s=1.0, max_s=60.0)


def _remaining_s(failures: list[datetime], backoff: Backoff, now: datetime) -> float:
    wait_s = backoff.wait_s(len(failures))
    if wait_s <= 0:
        return 0.0
    return max(0.0, (max(failures) + timedelta(seconds=wait_s) - now).total_seconds())


def login_wait_s(username: str, ip: str | None, *, now: datetime, limit: int, known: bool) -> float:
    """Seconds this name must wait before trying from this address; 0 means try now.

    ``known``: this browser has logged in as this name before (see ``KNOWN_COOKIE``).
    """
    # No address (a misconfigured proxy) is counted as one address of its own.
    pair = LoginAttempt.objects.filter(
        username=throttle_key(username), ip_address=ip, at__gte=now - WINDOW
    )
    waits = [_remaining_s(list(pair.values_list("at", flat=True)), pair_backoff(limit), now)]
    if ip is not None and not known:
        from_address = LoginAttempt.objects.filter(ip_address=ip, at__gte=now - WINDOW)
        failures = list(from_address.values_list("at", flat=True))
        waits.append(_remaining_s(failures, address_backoff(limit), now))
    return max(waits)


# A browser that logged in as someone keeps a signed note of it, so that person is not slowed
# down by the failures of others behind the same address. It holds digests, not names.
KNOWN_COOKIE = "runcare_known"
KNOWN_SALT = "runcare.accounts.known-login"
KNOWN_MAX_AGE_S = 180 * 24 * 3600
KNOWN_MAX_NAMES = 8


def _digest(username: str) -> str:
    return salted_hmac(KNOWN_SALT, throttle_key(username)).hexdigest()[:20]


def _known_digests(request: HttpRequest) -> list[str]:
    value = request.get_signed_cookie(
        KNOWN_COOKIE, default="", salt=KNOWN_SALT, max_age=KNOWN_MAX_AGE_S
    )
    return [d for d in str(value).split(".") if d]


def is_known(request: HttpRequest, username: str) -> bool:
    return _digest(username) in _known_digests(request)


def remember_login(request: HttpRequest, response: HttpResponseBase, username: str) -> None:
    digests = [_digest(username), *(d for d in _known_digests(request) if d != _digest(username))]
    response.set_signed_cookie(
        KNOWN_COOKIE,
        ".".join(digests[:KNOWN_MAX_NAMES]),
        salt=KNOWN_SALT,
        max_age=KNOWN_MAX_AGE_S,
        httponly=True,
        secure=request.is_secure(),
        samesite="Lax",
    )


def _when(wait_s: float) -> str:
    if wait_s >= 90:
        return f"{round(wait_s / 60)} minutes"
    return f"{max(1, math.ceil(wait_s))} seconds"


def wait_message(wait_s: float) -> str:
    return (
        f"Too many failed attempts. Please wait {_when(wait_s)} before trying again. "
        "If you have forgotten your password, ask your therapist."
    )


RESET_WINDOW = timedelta(hours=1)


def _window_wait_s(times: list[datetime], limit: int, now: datetime) -> float:
    """Seconds until fewer than ``limit`` of ``times`` lie within the last ``RESET_WINDOW``
    (a request exactly an hour old has left it)."""
    if len(times) < limit:
        return 0.0
    # The limit-th newest request has to leave the window before another one is allowed.
    leaving = sorted(times, reverse=True)[limit - 1]
    return max(0.0, (leaving + RESET_WINDOW - now).total_seconds())


def reset_wait_s(email: str, ip: str | None, *, now: datetime, limit: int) -> float:
    """Seconds before a reset link may be asked for ``email`` from ``ip``; 0 means now."""
    recent = ResetRequest.objects.filter(at__gt=now - RESET_WINDOW)
    for_email = list(recent.filter(email_key=reset_key(email)).values_list("at", flat=True))
    # No address (a misconfigured proxy) is counted as one address of its own.
    from_address = list(recent.filter(ip_address=ip).values_list("at", flat=True))
    return max(
        _window_wait_s(for_email, limit, now),
        _window_wait_s(from_address, limit * ADDRESS_LIMIT_FACTOR, now),
    )


def reset_wait_message(wait_s: float) -> str:
    # The same words whether or not an account has the address: they must not tell.
    return (
        "A link to choose a new password has been asked for this e-mail address, or from "
        f"your network, several times in the last hour. Please wait {_when(wait_s)} before "
        "asking again. If an account has this address, the links asked for before are on "
        "their way: look in the spam folder too, or ask your therapist to send you a link."
    )
