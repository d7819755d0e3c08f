"""Asking every representative to acknowledge a newly adopted policy version (sent after the commit)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from herald.core import clock
from herald.people.models import Representative
from herald.policy.models import PolicyVersion

log = logging.getLogger(__name__)


def acknowledgement_message(version: PolicyVersion) -> tuple[str, str]:
    council = version.council
    base = settings.HERALD_BASE_URL
    subject = f"{council.name}: please read and acknowledge the new social media policy (version {version.number})"
    body = (
        f"Dear colleague,\n\n"
        f"On {clock.format_date(version.adopted_on)} the council adopted version {version.number} of its "
        f"{version.title} ({version.minute_reference}).\n\n"
        f"Please read it and acknowledge it from your dashboard. You cannot publish for the council until "
        f"you have.\n\n"
        f"What changed: {base}/policy/review/versions/{version.number}\n"
        f"The policy: {base}/councils/{council.slug}/policy\n"
        f"Your dashboard: {base}/dashboard\n\n"
        f"{council.name}\n"
    )
    return subject, body


def ask_to_acknowledge(version: PolicyVersion) -> int:
    """Email every active representative of the council once the adoption commits."""
    recipients = sorted({r.official_email for r in Representative.objects.filter(council=version.council, active=True)
                         if r.official_email})
    if not recipients:
        return 0
    subject, body = acknowledgement_message(version)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]

    def send() -> None:
        try:
            send_mass_mail(messages, fail_silently=False)
        except Exception:  # noqa: BLE001 - an email failure never undoes the adoption; it is logged
            log.exception("could not send the policy acknowledgement emails")

    transaction.on_commit(send)
    return len(recipients)
