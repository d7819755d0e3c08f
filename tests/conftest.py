"""Shared fixtures: councils and representatives made through the real services."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Argon2 still, with test-sized cost (production settings are checked in tests/web); public pages
    not kept between requests (tests/web/test_public_cache.py turns that on)."""
    settings.PASSWORD_HASHERS = ["tests.hashers.CheapArgon2PasswordHasher"]
    settings.HERALD_PUBLIC_CACHE_SECONDS = 0


@dataclass
class People:
    council: object
    clerk: object
    chair: object
    officer: object
    member: object
    member2: object
    volunteer: object

    def by_role(self, name: str):
        return getattr(self, name)


def make_council(slug: str, name: str, domain: str):
    from herald.councils.services import council_create
    from herald.people.services import account_create, password_set, representative_create
    from herald.policy.services import SEED_POLICY, policy_load

    council = council_create(acting_user=None, name=name, slug=slug)
    text = SEED_POLICY.read_text().replace("stalbridgetowncouncil.gov.uk", domain)
    policy_load(acting_user=None, council=council, text=text, source="seed.yaml")
    spec = {
        "clerk": ("Tess Clerk", "employee", ["clerk"], f"clerk@{domain}"),
        "chair": ("Cllr Chair", "member", ["chair", "member"], f"chair@{domain}"),
        "officer": ("Olly Officer", "employee", ["officer"], f"officer@{domain}"),
        "member": ("Cllr Member", "member", ["member"], f"member@{domain}"),
        "member2": ("Cllr Second", "member", ["member"], f"second@{domain}"),
        "volunteer": ("Val Volunteer", "volunteer", [], f"val@volunteers-{slug}.org.uk"),
    }
    made = {}
    for key, (person, kind, roles, email) in spec.items():
        rep = representative_create(acting_user=None, council=council, name=person, kind=kind, roles=roles,
                                    official_email=email)
        user, _link = account_create(acting_user=None, representative=rep)
        password_set(acting_user=None, user=user, password=PASSWORD, confirm=PASSWORD)
        rep.refresh_from_db()
        made[key] = rep
    return People(council=council, **made)


@pytest.fixture
def people(db) -> People:
    return make_council("stalbridge", "Stalbridge Town Council", "stalbridgetowncouncil.gov.uk")


@pytest.fixture
def other_people(db) -> People:
    return make_council("milborne", "Milborne Parish Council", "milborneparishcouncil.gov.uk")


@pytest.fixture
def signed_in(client):
    """signed_in(rep) -> a test client signed in as that representative, two-factor done."""

    def sign_in(rep):
        client.force_login(rep.user)
        session = client.session
        session["herald_2fa_verified"] = True
        session.save()
        return client

    return sign_in


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1; Django sends to it. Yields the received messages."""
    import socket
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            message = message_from_bytes(envelope.content, policy=policy.default)
            received.append({"to": list(envelope.rcpt_tos), "subject": message["subject"],
                             "body": message.get_body(("plain",)).get_content()})
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    try:
        yield received
    finally:
        controller.stop()
