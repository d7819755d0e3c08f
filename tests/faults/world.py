"""A whole Herald in its own data directory, driven from outside by the fault tests that need real
separate processes (a `herald worker` to kill). Run as ``python -m tests.faults.world COMMAND``
with HERALD_DATA_DIR set; prints JSON.

    setup SERVICE_URL HANDLE PASSWORD   migrate, make the council and a Bluesky channel, submit a post
    state PUBLICATION_ID                the publication, its attempts and the audit trail check
"""

from __future__ import annotations

import json
import os
import sys


def setup(service_url: str, handle: str, password: str) -> dict:
    from django.core.management import call_command

    from herald.people.services import policy_acknowledge
    from tests.conftest import make_council
    from tests.faults.conftest import bluesky_channel, submit

    call_command("migrate", verbosity=0)
    people = make_council("stalbridge", "Stalbridge Town Council", "stalbridgetowncouncil.gov.uk")
    for rep in (people.clerk, people.officer, people.member):
        policy_acknowledge(acting_user=rep.user, representative=rep)
    channel = bluesky_channel(people, service_url=service_url, handle=handle, password=password)
    post = submit(people, channel)
    return {"post": post.pk, "publication": post.publications.get().pk}


def state(publication_id: str) -> dict:
    from herald.posts.models import Publication
    from herald.records.audit import audit_verify
    from herald.records.events import EventType
    from herald.records.models import AuditEvent

    pub = Publication.objects.get(pk=int(publication_id))
    return {"state": pub.state, "attempts": pub.attempts, "remote_id": pub.remote_id,
            "outcomes": list(pub.attempt_log.order_by("number").values_list("outcome", flat=True)),
            "post_state": pub.post.state, "audit_problem": audit_verify(council=pub.council),
            "published_events": AuditEvent.objects.filter(event_type=EventType.PUBLICATION_PUBLISHED).count()}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herald.settings")
    import django

    django.setup()
    command, *args = sys.argv[1:]
    result = {"setup": setup, "state": state}[command](*args)
    print("RESULT " + json.dumps(result, default=str))


if __name__ == "__main__":
    main()
