"""The council news feed: Herald's own public news page and Atom feed, as a connector."""

from __future__ import annotations

from typing import Any, Mapping

from django.conf import settings
from django.db import IntegrityError, transaction

from herald.connectors.base import Connector, Health, Profile, Publishable, RemoteRef
from herald.connectors.errors import NotFound
from herald.core import clock


class NewsFeedConnector(Connector):
    platform = "newsfeed"
    max_images = 0

    def __init__(self, *, channel_id: int, channel: str | None = None) -> None:
        super().__init__(channel=channel)
        self.channel_id = channel_id

    @classmethod
    def from_options(cls, *, platform: str, options: Mapping[str, Any]) -> "NewsFeedConnector":
        return cls(channel_id=int(options["channel_id"]), channel=options.get("channel"))

    def _channel(self):
        from herald.channels.models import Channel

        return Channel.objects.select_related("council").get(pk=self.channel_id)

    def _url(self, item) -> str:
        return f"{settings.HERALD_BASE_URL}/councils/{item.council.slug}/news#news-{item.pk}"

    def _publish(self, item: Publishable, *, idempotency_key: str) -> RemoteRef:
        from herald.channels.models import NewsItem

        channel = self._channel()
        existing = NewsItem.objects.filter(channel=channel, idempotency_key=idempotency_key).first()
        if existing is None:
            try:
                with transaction.atomic():
                    existing = NewsItem.objects.create(council=channel.council, channel=channel, text=item.text,
                                                       idempotency_key=idempotency_key, published_at=clock.now())
                    return RemoteRef(self.platform, str(existing.pk), self._url(existing))
            except IntegrityError:  # a concurrent attempt won
                existing = NewsItem.objects.get(channel=channel, idempotency_key=idempotency_key)
        return RemoteRef(self.platform, str(existing.pk), self._url(existing), replayed=True)

    def _delete(self, ref: RemoteRef) -> None:
        from herald.channels.models import NewsItem

        updated = NewsItem.objects.filter(pk=int(ref.remote_id), channel_id=self.channel_id,
                                          removed_at__isnull=True).update(removed_at=clock.now())
        if not updated:
            raise NotFound("That news item does not exist or was already removed.")

    def _fetch_profile(self) -> Profile:
        channel = self._channel()
        page = f"{settings.HERALD_BASE_URL}/councils/{channel.council.slug}/channels/{channel.pk}"
        return Profile(platform=self.platform, handle=channel.name, display_name=channel.council.name,
                       description=f"News from {channel.council.name}. Feedback and complaints: {page}",
                       links=(page,), url=f"{settings.HERALD_BASE_URL}/councils/{channel.council.slug}/news")

    def _health(self) -> Health:
        self._channel()
        return Health(platform=self.platform, ok=True, detail="Herald's own news page")
