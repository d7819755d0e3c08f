"""Building a channel's connector from its settings and (decrypted) credentials."""

from __future__ import annotations

from django.conf import settings

from herald.channels.crypto import decrypt
from herald.channels.models import Channel, Platform
from herald.connectors.base import Connector
from herald.connectors.registry import build
from herald.core.errors import Conflict

# Which credentials each platform needs (names of the secret fields).
CREDENTIAL_FIELDS: dict[str, tuple[str, ...]] = {
    Platform.BLUESKY: ("password",),
    Platform.MASTODON: ("access_token",),
    Platform.NEWSFEED: (),
    Platform.OTHER: (),
}
DEFAULT_SERVICE = {Platform.BLUESKY: "https://bsky.social"}


def public_page_url(channel: Channel) -> str:
    """The channel's public page: purpose, who runs it, and feedback and complaints (ident.2)."""
    return f"{settings.HERALD_BASE_URL}/councils/{channel.council.slug}/channels/{channel.pk}"


def connector_for(channel: Channel) -> Connector:
    if channel.platform == Platform.OTHER:
        raise Conflict("This channel is managed by hand: Herald cannot connect to it.")
    label = f"{channel.council.slug}/{channel.pk}"
    if channel.platform == Platform.NEWSFEED:
        return build(channel.platform, {"channel_id": channel.pk, "channel": label},
                     backends=settings.HERALD_CONNECTOR_BACKENDS)
    secrets = decrypt(channel.credentials)
    missing = [f for f in CREDENTIAL_FIELDS[channel.platform] if not secrets.get(f)]
    if missing or not channel.handle and channel.platform == Platform.BLUESKY:
        raise Conflict("Enter the channel's handle and credentials before Herald can connect to it.")
    if channel.platform == Platform.BLUESKY:
        options = {"handle": channel.handle, "password": secrets["password"],
                   "service_url": channel.service_url or DEFAULT_SERVICE[Platform.BLUESKY]}
    else:
        if not channel.service_url:
            raise Conflict("Enter the Mastodon server's address (for example https://mastodon.social).")
        options = {"api_base_url": channel.service_url, "access_token": secrets["access_token"]}
    return build(channel.platform, {**options, "channel": label}, backends=settings.HERALD_CONNECTOR_BACKENDS)
