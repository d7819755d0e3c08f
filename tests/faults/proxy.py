"""A fault-injecting HTTP proxy on 127.0.0.1, for the connector fault tests.

It stands in front of a real server (the local PDS), or of nothing at all, and per request either
passes it on or misbehaves: answers 500, hangs, passes it on and then answers 500, hangs or drops the
connection (the write happened, the answer is lost), or runs a callback (e.g. kill the PDS).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy to loopback

PASS, ERROR, HANG, FORWARD_THEN_ERROR, FORWARD_THEN_HANG, FORWARD_THEN_DROP, CALL_THEN_DROP = (
    "pass", "error", "hang", "forward_then_error", "forward_then_hang", "forward_then_drop", "call_then_drop")


class FaultProxy:
    def __init__(self, upstream: str | None = None, *, hang_seconds: float = 30.0) -> None:
        self.upstream = upstream.rstrip("/") if upstream else None
        self.hang_seconds = hang_seconds
        self.calls: list[tuple[str, str, str]] = []  # (method, path, what was done)
        self.rules: list[list] = []  # [substring of the path, action, times left (None: always)]
        self.default = PASS if upstream else ERROR
        self.reached = threading.Event()  # set when a rule other than PASS is applied
        self.release = threading.Event()  # ends every hang
        self.before_answer: Callable[[], None] | None = None  # runs after forwarding, for FORWARD_THEN_*
        self.callback: Callable[[], None] | None = None  # CALL_THEN_DROP: runs instead of forwarding
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def on(self, path_part: str, action: str, times: int | None = None) -> "FaultProxy":
        self.rules.append([path_part, action, times])
        return self

    def count(self, path_part: str, what: str | None = None) -> int:
        return sum(1 for _m, path, done in self.calls if path_part in path and (what is None or done == what))

    def __enter__(self) -> "FaultProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def _action(self, path: str) -> str:
        for rule in self.rules:
            part, action, times = rule
            if part in path and (times is None or times > 0):
                if times is not None:
                    rule[2] = times - 1
                return action
        return self.default

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

            def _error(self) -> None:
                self._answer(500, json.dumps({"error": "InternalServerError", "message": "Injected fault"}).encode())

            def _forward(self, body: bytes | None) -> tuple[int, bytes, str]:
                request = urllib.request.Request(proxy.upstream + self.path, data=body, method=self.command)
                for name in ("Authorization", "Content-Type", "Accept"):
                    if self.headers.get(name):
                        request.add_header(name, self.headers[name])
                try:
                    with _opener.open(request, timeout=30) as response:
                        return response.status, response.read(), response.headers.get("Content-Type", "")
                except urllib.error.HTTPError as exc:
                    return exc.code, exc.read(), exc.headers.get("Content-Type", "")

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                action = proxy._action(self.path)
                proxy.calls.append((self.command, self.path, action))
                if action != PASS:
                    proxy.reached.set()
                if action == ERROR or (action == PASS and proxy.upstream is None):
                    return self._error()
                if action == CALL_THEN_DROP:
                    if proxy.callback is not None:
                        proxy.callback()
                    self.close_connection = True
                    return
                if action == HANG:
                    proxy.release.wait(proxy.hang_seconds)
                    self.close_connection = True
                    return
                status, data, content_type = self._forward(body)
                if action == PASS:
                    return self._answer(status, data, content_type or "application/json")
                if proxy.before_answer is not None:
                    proxy.before_answer()
                if action == FORWARD_THEN_ERROR:
                    return self._error()
                if action == FORWARD_THEN_HANG:
                    proxy.release.wait(proxy.hang_seconds)
                self.close_connection = True  # FORWARD_THEN_DROP (or after a hang): no answer at all

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        return Handler
