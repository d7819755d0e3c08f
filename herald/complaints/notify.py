"""Emails about complaints, sent after the service's transaction commits (never for a rolled-back change)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from herald.complaints.models import Case, Complaint
from herald.core import clock
from herald.people.capabilities import capabilities_for
from herald.people.models import Representative

log = logging.getLogger(__name__)


def _send(subject: str, lines: list[str], recipients: list[str]) -> None:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return
    body = "\n\n".join(lines)

    def send() -> None:
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # noqa: BLE001 - an email failure never undoes the change; it is logged
            log.exception("could not send email %r", subject)

    transaction.on_commit(send)


def status_url(complaint: Complaint) -> str:
    return f"{settings.HERALD_BASE_URL}/councils/{complaint.council.slug}/complaints/status"


def case_url(case: Case) -> str:
    return f"{settings.HERALD_BASE_URL}/complaints/{case.pk}/"


def emails_with(council, capability, *, exclude: Representative | None = None) -> list[str]:
    return [r.official_email for r in Representative.objects.filter(council=council, active=True)
            if capability in capabilities_for(r.roles) and (exclude is None or r.pk != exclude.pk)]


def tell_complainant(complaint: Complaint, subject: str, lines: list[str]) -> None:
    _send(f"{subject} ({complaint.reference})", [
        f"Dear {complaint.name},", *lines,
        f"Your reference is {complaint.reference}. See where your complaint is up to at {status_url(complaint)} "
        "with this reference and your email address.",
        complaint.council.name], [complaint.email])


def tell_handlers(case: Case, subject: str, lines: list[str], recipients: list[str]) -> None:
    _send(f"{subject}: {case.complaint.reference}", [*lines, f"See the case: {case_url(case)}"], recipients)


def tell_representative(rep: Representative, subject: str, lines: list[str]) -> None:
    _send(subject, [f"Dear {rep.name},", *lines, rep.council.name], [rep.official_email])


def date(value) -> str:
    return clock.format_date(value)
