"""A small stand-in for the parts of the Mastodon REST API the connector uses.

No Mastodon server can be installed on Herald's build machines, so the Mastodon connector is
tested against this stub: *contract tests* that pin the requests we send (paths, headers,
form fields) and how we read the answers Mastodon documents. It listens on 127.0.0.1 on a
random port. It implements Mastodon's documented ``Idempotency-Key`` behaviour: a repeated
key returns the status created the first time.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


@dataclass
class Fault:
    method: str
    path_prefix: str
    status: int = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (to provoke client timeouts)
    times: int = 1


class MastodonStub:
    """Thread-backed HTTP server. Use as a context manager or call start()/stop()."""

    def __init__(self, *, token: str = "test-token", max_characters: int = 500) -> None:
        self.token = token
        self.max_characters = max_characters
        self.requests: list[RecordedRequest] = []
        self.statuses: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.idempotency: dict[tuple[str, str], str] = {}  # (token, key) -> status id
        self.faults: list[Fault] = []
        self.account = {
            "id": "1",
            "username": "townclerk",
            "acct": "townclerk",
            "display_name": "Example Town Council",
            "note": '<p>Official account of Example Town Council.</p><p>Feedback and complaints: '
                    '<a href="https://example-tc.gov.uk/complaints" rel="nofollow noopener" target="_blank">'
                    'example-tc.gov.uk/complaints</a></p>',
            "url": "https://social.example/@townclerk",
            "fields": [
                {"name": "Website",
                 "value": '<a href="https://example-tc.gov.uk" rel="me nofollow noopener">example-tc.gov.uk</a>',
                 "verified_at": None},
            ],
        }
        self._ids = itertools.count(109_000_000_000_000_001)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----- lifecycle -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "MastodonStub":
        stub = self

        class Handler(_Handler):
            server_stub = stub

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="mastodon-stub", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "MastodonStub":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ----- test helpers --------------------------------------------------------------------

    def fail(self, method: str, path_prefix: str, status: int = 500, body: Any = None, *,
             headers: dict[str, str] | None = None, delay: float = 0.0, times: int = 1) -> None:
        self.faults.append(Fault(method, path_prefix, status, body, headers or {}, delay, times))

    def requests_to(self, method: str, path_prefix: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and r.path.startswith(path_prefix)]

    # ----- the API -------------------------------------------------------------------------

    def handle(self, request: RecordedRequest) -> tuple[int, Any, dict[str, str]]:
        for fault in list(self.faults):
            if fault.method == request.method and request.path.startswith(fault.path_prefix):
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                if fault.delay:
                    time.sleep(fault.delay)
                return fault.status, fault.body, fault.headers

        path = request.path.rstrip("/")
        if path == "/api/v1/instance":
            return 200, {"uri": "social.example", "version": "4.3.0"}, {}
        if path == "/api/v2/instance":
            return 200, {"domain": "social.example", "version": "4.3.0", "api_versions": {"mastodon": 2}}, {}

        if request.header("Authorization") != f"Bearer {self.token}":
            return 401, {"error": "The access token is invalid"}, {}

        if path == "/api/v1/accounts/verify_credentials" and request.method == "GET":
            return 200, self.account, {}
        if path in ("/api/v2/media", "/api/v1/media") and request.method == "POST":
            return self._media(request)
        if path == "/api/v1/statuses" and request.method == "POST":
            return self._post_status(request)
        if path.startswith("/api/v1/statuses/"):
            status_id = path.rsplit("/", 1)[1]
            status = self.statuses.get(status_id)
            if status is None:
                return 404, {"error": "Record not found"}, {}
            if request.method == "GET":
                return 200, status, {}
            if request.method == "DELETE":
                del self.statuses[status_id]
                return 200, {**status, "text": status["_text"]}, {}
        return 404, {"error": "Not found"}, {}

    def _media(self, request: RecordedRequest) -> tuple[int, Any, dict[str, str]]:
        upload = request.files.get("file")
        if upload is None:
            return 422, {"error": "Validation failed: File can't be blank"}, {}
        media_id = str(next(self._ids))
        media = {
            "id": media_id,
            "type": "image",
            "url": f"https://social.example/media/{media_id}.png",
            "preview_url": f"https://social.example/media/{media_id}_small.png",
            "description": (request.form.get("description") or [None])[0],
            "_bytes": len(upload["data"]),
            "_mime_type": upload["content_type"],
        }
        self.media[media_id] = media
        return 200, {k: v for k, v in media.items() if not k.startswith("_")}, {}

    def _post_status(self, request: RecordedRequest) -> tuple[int, Any, dict[str, str]]:
        key = request.header("Idempotency-Key")
        with self._lock:
            if key and (self.token, key) in self.idempotency:
                status_id = self.idempotency[(self.token, key)]
                return 200, self.statuses.get(status_id) or {"id": status_id}, {}
            text = (request.form.get("status") or [""])[0]
            media_ids = request.form.get("media_ids[]", [])
            if not text and not media_ids:
                return 422, {"error": "Validation failed: Text can't be blank"}, {}
            if len(text) > self.max_characters:
                return 422, {"error": f"Validation failed: Text character limit of {self.max_characters} exceeded"}, {}
            for media_id in media_ids:
                if media_id not in self.media:
                    return 422, {"error": "Validation failed: Media attachments are invalid"}, {}
            status_id = str(next(self._ids))
            status = {
                "id": status_id,
                "uri": f"https://social.example/users/townclerk/statuses/{status_id}",
                "url": f"https://social.example/@townclerk/{status_id}",
                "created_at": "2026-11-25T12:00:00.000Z",
                "content": f"<p>{text}</p>",
                "visibility": (request.form.get("visibility") or ["public"])[0],
                "language": (request.form.get("language") or [None])[0],
                "media_attachments": [
                    {k: v for k, v in self.media[m].items() if not k.startswith("_")} for m in media_ids
                ],
                "_text": text,
            }
            self.statuses[status_id] = status
            if key:
                self.idempotency[(self.token, key)] = status_id
            return 200, status, {}


class _Handler(BaseHTTPRequestHandler):
    server_stub: MastodonStub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = RecordedRequest(method=self.command, path=parts.path, headers=dict(self.headers.items()))
        request.form.update(parse_qs(parts.query))
        content_type = self.headers.get("Content-Type") or ""
        if content_type.startswith("application/x-www-form-urlencoded"):
            request.form.update(parse_qs(body.decode("utf-8"), keep_blank_values=True))
        elif content_type.startswith("application/json"):
            for key, value in json.loads(body or b"{}").items():
                request.form[key] = value if isinstance(value, list) else [value]
        elif content_type.startswith("multipart/form-data"):
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {content_type}\r\n\r\n".encode() + body
            )
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True) or b""
                if part.get_filename() is not None:
                    request.files[name] = {
                        "filename": part.get_filename(), "content_type": part.get_content_type(), "data": payload,
                    }
                else:
                    request.form.setdefault(name, []).append(payload.decode("utf-8"))
        stub = self.server_stub
        stub.requests.append(request)
        status, payload, headers = stub.handle(request)
        data = b"" if payload is None else json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # client gave up (timeout tests)
            pass

    do_GET = do_POST = do_DELETE = do_PUT = _dispatch
