"""Mastodon connector, on ``Mastodon.py`` (pinned 2.3.3).

- publish: ``POST /api/v2/media`` per image (with its alt text as ``description``), then
  ``POST /api/v1/statuses`` with an ``Idempotency-Key`` header. Mastodon returns the original
  status for a repeated key, so a retry never posts twice, **for as long as the server
  remembers the key (one hour on Mastodon)**. Images are uploaded again on a retry; the unused
  copies are never attached and Mastodon removes them itself.
- delete: ``DELETE /api/v1/statuses/:id``.
- profile and health: ``GET /api/v1/accounts/verify_credentials``.

The client is built with ``version_check_mode="none"`` (no version probe when it is created)
and ``ratelimit_method="throw"`` (a 429 becomes ``RateLimited`` instead of sleeping inside the
call).

No Mastodon server can be installed on Herald's build machines; this connector is covered by
contract tests against a local HTTP stub (tests/connectors/test_mastodon_contract.py).

Plain Python: no Django imports.
"""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

import requests
from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from .base import Connector, Health, Profile, Publishable, RemoteRef, Secret
from .errors import AuthFailed, ConnectorError, NotFound, ProviderError, RateLimited, Rejected, Timeout, Unavailable

__all__ = ["MastodonConnector"]

USER_AGENT = "Herald (council social media publishing)"


class MastodonConnector(Connector):
    platform = "mastodon"
    max_images = 4
    max_image_bytes = 16 * 1024 * 1024  # Mastodon's default image limit
    allowed_image_types = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})

    def __init__(
        self,
        *,
        api_base_url: str,
        access_token: str | Secret,
        timeout: float = 10.0,
        visibility: str = "public",
        channel: str | None = None,
    ) -> None:
        """``api_base_url`` is the server (``https://social.example``); ``access_token`` a user
        token with ``read:accounts write:statuses write:media`` scopes; ``timeout`` in seconds
        per HTTP request."""
        super().__init__(channel=channel)
        self.api_base_url = api_base_url.rstrip("/")
        self.timeout = timeout
        self.visibility = visibility
        self._token = Secret(access_token)
        self._client = Mastodon(
            access_token=self._token.reveal(),
            api_base_url=self.api_base_url,
            request_timeout=timeout,
            version_check_mode="none",
            ratelimit_method="throw",
            user_agent=USER_AGENT,
        )

    # ----- hooks ---------------------------------------------------------------------------

    def _publish(self, item: Publishable, *, idempotency_key: str) -> RemoteRef:
        media_ids = []
        for index, image in enumerate(item.images):
            media = self._client.media_post(
                bytes(image.data),
                mime_type=image.mime_type,
                description=image.alt,
                file_name=f"image-{index + 1}",
            )
            media_ids.append(media["id"])
        status = self._client.status_post(
            item.text,
            media_ids=media_ids or None,
            visibility=self.visibility,
            language=item.language,
            idempotency_key=idempotency_key,
        )
        return RemoteRef(platform=self.platform, remote_id=str(status["id"]), url=status.get("url"))

    def _delete(self, ref: RemoteRef) -> None:
        self._client.status_delete(ref.remote_id)

    def _fetch_profile(self) -> Profile:
        account = self._client.account_verify_credentials()
        note_html = account.get("note") or ""
        note = _HtmlText.parse(note_html)
        links = list(note.links)
        for profile_field in account.get("fields") or []:
            value = _HtmlText.parse(profile_field.get("value") or "")
            links.extend(link for link in value.links if link not in links)
        return Profile(
            platform=self.platform,
            handle=str(account.get("acct") or account.get("username") or ""),
            display_name=account.get("display_name") or "",
            description=note.text,
            links=tuple(links),
            url=account.get("url"),
        )

    def _health(self) -> Health:
        account = self._client.account_verify_credentials()
        return Health(platform=self.platform, ok=True, detail=f"Signed in as @{account.get('acct')}.")

    def close(self) -> None:
        session = getattr(self._client, "session", None)
        if session is not None:
            session.close()

    def _translate_error(self, exc: Exception) -> ConnectorError | None:
        return _translate(exc, ratelimit_reset=getattr(self._client, "ratelimit_reset", None))

    def __repr__(self) -> str:
        return f"<MastodonConnector api_base_url={self.api_base_url!r} channel={self.channel!r}>"


def _api_status(exc: MastodonAPIError) -> int | None:
    # Mastodon.py raises ex_type('Mastodon API returned error', status_code, reason, error_msg)
    if len(exc.args) >= 2 and isinstance(exc.args[1], int):
        return exc.args[1]
    return None


def _api_reason(exc: MastodonAPIError) -> str | None:
    if len(exc.args) >= 4 and exc.args[3]:
        return str(exc.args[3])[:200]
    return None


def _translate(exc: Exception, *, ratelimit_reset: float | None = None) -> ConnectorError | None:
    details: dict[str, Any] = {"provider_error": type(exc).__name__}
    if isinstance(exc, MastodonAPIError):
        status = _api_status(exc)
        if status is not None:
            details["http_status"] = status
    else:
        status = None

    if isinstance(exc, MastodonRatelimitError):
        retry_after = None
        if ratelimit_reset:
            retry_after = max(float(ratelimit_reset) - time.time(), 0.0)
        return RateLimited("Mastodon is rate-limiting this account.", retry_after=retry_after, details=details)
    if isinstance(exc, MastodonNetworkError):
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, requests.Timeout):
            return Timeout("Mastodon did not answer in time.", details=details)
        return Unavailable("Mastodon could not be reached.", details=details)
    if isinstance(exc, MastodonUnauthorizedError) or status == 403:
        return AuthFailed("Mastodon refused the access token.", details=details)
    if isinstance(exc, MastodonNotFoundError):
        return NotFound("Mastodon has no such status or account.", details=details)
    if isinstance(exc, MastodonServerError):
        return Unavailable("Mastodon had a server error.", details=details)
    if isinstance(exc, MastodonAPIError):
        if status is not None and 400 <= status < 500:
            reason = _api_reason(exc)
            if reason:
                details["reason"] = reason
            return Rejected("Mastodon refused the request as invalid.", details=details)
        return ProviderError("Mastodon returned an unexpected answer.", details=details)
    if isinstance(exc, MastodonIllegalArgumentError):
        return Rejected("The post could not be sent to Mastodon as it is.", details=details)
    if isinstance(exc, (requests.Timeout,)):
        return Timeout("Mastodon did not answer in time.", details=details)
    if isinstance(exc, requests.ConnectionError):
        return Unavailable("Mastodon could not be reached.", details=details)
    if isinstance(exc, MastodonError):
        return ProviderError("Mastodon returned an unexpected answer.", details=details)
    return None


class _HtmlText(HTMLParser):
    """Text and link targets of the small HTML snippets Mastodon uses for notes and fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    @classmethod
    def parse(cls, html: str) -> "_HtmlText":
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href and href not in self.links:
                self.links.append(href)
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
