"""Telling Members when a pre-election period starts (run by `herald nightly`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from herald.core import clock
from herald.elections.models import Election, Status
from herald.people.models import Kind, Representative
from herald.records.audit import audit_record
from herald.records.events import EventType


def _message(election: Election) -> tuple[str, str]:
    council = election.council
    subject = f"{council.name}: pre-election period from {clock.format_date(election.period_starts_at)}"
    body = (
        f"Dear Member,\n\n"
        f"The pre-election period for the {election.get_kind_display().lower()} on "
        f"{clock.format_date(election.polling_day)}{f' ({election.area})' if election.area else ''} has started. "
        f"It runs until {clock.format_datetime(election.period_ends_at)}.\n\n"
        f"During this period the council's official channels publish nothing politically controversial, "
        f"do not quote or picture candidates, and do not share party or politicians' content. Posts "
        f"already scheduled into the period are held until it ends, unless the Clerk confirms an exception.\n\n"
        f"The council's social media policy: {settings.HERALD_BASE_URL}/councils/{council.slug}/policy#elections\n\n"
        f"{council.name}\n"
    )
    return subject, body


def elections_notify_members(*, acting_user=None, at: dt.datetime | None = None) -> int:
    """Email every active Member once for each election whose pre-election period has started."""
    at = at or clock.now()
    sent = 0
    due = Election.objects.filter(status=Status.SCHEDULED, members_notified_at__isnull=True,
                                  period_starts_at__lte=at, period_ends_at__gt=at).select_related("council")
    for election in due:
        with transaction.atomic():
            election = Election.objects.select_for_update().get(pk=election.pk)
            if election.members_notified_at is not None:
                continue
            members = list(Representative.objects.filter(council=election.council, kind=Kind.MEMBER, active=True))
            subject, body = _message(election)
            messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [m.official_email]) for m in members]
            election.members_notified_at = at
            election.save(update_fields=["members_notified_at"])
            audit_record(council=election.council, actor=acting_user, event_type=EventType.ELECTION_MEMBERS_NOTIFIED,
                         target=election, data={"members": len(members)})
            transaction.on_commit(lambda messages=messages: send_mass_mail(messages, fail_silently=False))
        sent += len(members)
    return sent
