"""Members get an email (through a real SMTP server) once when a pre-election period starts."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from herald.core import clock
from herald.elections.notify import elections_notify_members
from herald.elections.services import election_create
from herald.records.events import EventType
from herald.records.models import AuditEvent


def _election_in_force(people):
    today = clock.today_in_london()
    poll = today + dt.timedelta(days=(3 - today.weekday()) % 7 + 7)
    return election_create(acting_user=people.clerk.user, council=people.council, kind="by_election",
                           polling_day=poll, notice_date=today - dt.timedelta(days=2), area="Stalbridge ward")


def test_members_are_emailed_once_when_a_period_starts(people, other_people, smtp_server,
                                                       django_capture_on_commit_callbacks):
    _election_in_force(people)
    with django_capture_on_commit_callbacks(execute=True):
        assert elections_notify_members() == 3  # chair, member, member2: the Members of Stalbridge only
    recipients = sorted(r for m in smtp_server for r in m["to"])
    assert recipients == sorted([people.chair.official_email, people.member.official_email,
                                 people.member2.official_email])
    assert "pre-election period" in smtp_server[0]["subject"]
    assert "Stalbridge ward" in smtp_server[0]["body"]
    with django_capture_on_commit_callbacks(execute=True):
        assert elections_notify_members() == 0
    assert len(smtp_server) == 3
    assert AuditEvent.objects.filter(event_type=EventType.ELECTION_MEMBERS_NOTIFIED).count() == 1


def test_no_email_before_the_period(people, smtp_server):
    today = clock.today_in_london()
    poll = today + dt.timedelta(days=(3 - today.weekday()) % 7 + 70)
    election_create(acting_user=people.clerk.user, council=people.council, kind="by_election", polling_day=poll,
                    area="Later ward")
    assert elections_notify_members() == 0


def test_nightly_runs_it(people, smtp_server, capsys):
    _election_in_force(people)
    call_command("nightly")
    assert "Pre-election emails sent: 3." in capsys.readouterr().out
