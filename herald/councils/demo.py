"""The demo council: Stalbridge Town Council with a clerk, a chair, an officer, two Members and a volunteer."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction

from herald.councils.models import Council
from herald.councils.services import council_create
from herald.people.models import Representative
from herald.people.services import password_set, representative_create
from herald.people.services.accounts import account_create
from herald.policy.services import SEED_POLICY, policy_load

DEMO_SLUG = "stalbridge"
DEMO_PEOPLE = (
    # name, kind, roles, email, job title
    ("Teresa Watson", "employee", ["clerk"], "clerk@stalbridgetowncouncil.gov.uk", "Town Clerk"),
    ("Cllr Margaret Hale", "member", ["chair", "member"], "m.hale@stalbridgetowncouncil.gov.uk", "Chair of the Council"),
    ("Owen Price", "employee", ["officer"], "o.price@stalbridgetowncouncil.gov.uk", "Assistant Clerk"),
    ("Cllr David Ashby", "member", ["member"], "d.ashby@stalbridgetowncouncil.gov.uk", "Town Councillor"),
    ("Cllr Priya Nair", "member", ["member"], "p.nair@stalbridgetowncouncil.gov.uk", "Town Councillor"),
    ("Sam Turner", "volunteer", [], "sam.turner@stalbridge-volunteers.org.uk", "Community volunteer"),
)


@dataclass(frozen=True)
class DemoLogin:
    name: str
    roles: str
    email: str
    password: str


def demo_password() -> str:
    return "-".join(secrets.token_hex(3) for _ in range(4))


def demo_create(*, reset_passwords: bool = False) -> tuple[Council, list[DemoLogin]]:
    """Create the demo council if missing. Returns the sign-in details created (empty if it existed)."""
    with transaction.atomic():
        council = Council.objects.filter(slug=DEMO_SLUG).first()
        created = council is None
        if created:
            council = council_create(
                acting_user=None, name="Stalbridge Town Council", slug=DEMO_SLUG,
                address="TheHub@Stalbridge\nStation Rd, Stalbridge\nSturminster Newton, Dorset\nDT10 2RG",
                telephone="01963 364276", contact_email="clerk@stalbridgetowncouncil.gov.uk")
        policy_load(acting_user=None, council=council, text=SEED_POLICY.read_text(encoding="utf-8"),
                    source=str(SEED_POLICY.name))
        logins: list[DemoLogin] = []
        if not created and not reset_passwords:
            return council, logins
        if created:
            _demo_people(council)
            _demo_news_channel(council)
        for name, kind, roles, email, title in DEMO_PEOPLE:
            rep = Representative.objects.get(council=council, official_email=email)
            if rep.user is None:
                account_create(acting_user=None, representative=rep)
                rep.refresh_from_db()
            password = demo_password()
            password_set(acting_user=None, user=rep.user, password=password, confirm=password)
            logins.append(DemoLogin(name, rep.get_roles_display(), email, password))
        return council, logins


def _demo_people(council: Council) -> None:
    for name, kind, roles, email, title in DEMO_PEOPLE:
        representative_create(acting_user=None, council=council, name=name, kind=kind, roles=roles,
                              official_email=email, job_title=title)


def _demo_news_channel(council: Council) -> None:
    """The council's own news feed, approved and active, with a first item."""
    from herald.channels.connect import connector_for
    from herald.channels.services import channel_decide, channel_propose
    from herald.connectors.base import Publishable

    clerk = Representative.objects.get(council=council, official_email=DEMO_PEOPLE[0][3])
    channel = channel_propose(acting_user=None, council=council, owner=clerk, name="Stalbridge Town Council news",
                              platform="newsfeed", kind="blog", use="council_service", audience="general",
                              purpose="News about council services, meetings and events in Stalbridge.",
                              logo_use="uses_logo")
    channel_decide(acting_user=None, channel=channel, action="approve")
    channel_decide(acting_user=None, channel=channel, action="activate")
    with connector_for(channel) as feed:
        feed.publish(Publishable(text="Welcome to the Town Council's news page. Council meetings are held on the "
                                      "second Tuesday of each month at 7pm at TheHub@Stalbridge. All welcome."),
                     idempotency_key="demo-welcome")
