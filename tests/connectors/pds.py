"""Start and stop the real local AT Protocol stack (PLC directory + PDS) for the Bluesky tests.

Installed by ``scripts/pds/install.sh`` into ``scripts/pds/node_modules`` and launched with
``scripts/pds/run-pds.mjs``; both servers listen on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PDS_DIR = REPO_ROOT / "scripts" / "pds"
PINNED = {"@atproto/pds": "0.4.217", "@did-plc/server": "0.0.1"}

# Never go through a proxy to reach loopback.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class PDSNotInstalled(RuntimeError):
    pass


def check_installed() -> None:
    """Raise PDSNotInstalled with instructions unless the pinned PDS is installed and built."""
    hint = "Run scripts/pds/install.sh (needs Node 20 and npm; about 1-2 minutes) and try again."
    if shutil.which("node") is None:
        raise PDSNotInstalled(f"Node.js is not on PATH, so the local Bluesky PDS cannot run. {hint}")
    modules = PDS_DIR / "node_modules"
    for package, version in PINNED.items():
        manifest = modules / package / "package.json"
        if not manifest.exists():
            raise PDSNotInstalled(f"The local Bluesky PDS is not installed ({package} missing). {hint}")
        found = json.loads(manifest.read_text()).get("version")
        if found != version:
            raise PDSNotInstalled(f"{package} is {found}, but {version} is pinned. {hint}")
    if not list((modules / "better-sqlite3" / "build" / "Release").glob("better_sqlite3.node")):
        raise PDSNotInstalled(f"better-sqlite3 was installed without its native build. {hint}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Account:
    handle: str
    password: str
    did: str
    email: str


class LocalPDS:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.pds_port = free_port()
        self.plc_port = free_port()
        self.admin_password = secrets.token_hex(12)
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = self.data_dir / "pds.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.pds_port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 60.0) -> "LocalPDS":
        check_installed()
        (self.data_dir / "blocks").mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "PDS_HOSTNAME": "localhost",
            "PDS_PORT": str(self.pds_port),
            "PLC_PORT": str(self.plc_port),
            "PDS_DID_PLC_URL": f"http://localhost:{self.plc_port}",
            "PDS_DATA_DIRECTORY": str(self.data_dir),
            "PDS_BLOBSTORE_DISK_LOCATION": str(self.data_dir / "blocks"),
            "PDS_JWT_SECRET": secrets.token_hex(16),
            "PDS_ADMIN_PASSWORD": self.admin_password,
            "PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX": secrets.token_hex(32),
            "PDS_DEV_MODE": "true",
            "PDS_INVITE_REQUIRED": "false",
            "LOG_ENABLED": "false",
            "PDS_EXIT_WITH_PARENT": str(os.getpid()),  # no orphan if the test run is killed
        }
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                ["node", str(PDS_DIR / "run-pds.mjs")],
                cwd=PDS_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The local PDS exited with {self.process.returncode}:\n{self.log_tail()}")
            if self.healthy():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"The local PDS did not become healthy in {timeout:.0f} s:\n{self.log_tail()}")

    def healthy(self) -> bool:
        try:
            with _opener.open(f"{self.url}/xrpc/_health", timeout=2) as response:
                return response.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM, wait; SIGKILL only if it does not stop in time."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGCONT)  # in case a test left it stopped
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def xrpc(self, method: str, nsid: str, *, params: dict | None = None, body: dict | None = None,
             token: str | None = None) -> dict:
        """A raw XRPC call, for setting up and checking tests independently of the connector."""
        url = f"{self.url}/xrpc/{nsid}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with _opener.open(request, timeout=10) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise XrpcHTTPError(exc.code, exc.read().decode(errors="replace")) from None
        return json.loads(raw) if raw else {}

    def create_account(self, handle: str, password: str | None = None) -> Account:
        password = password or secrets.token_urlsafe(16)
        email = f"{handle.split('.')[0]}@example.org"
        result = self.xrpc("POST", "com.atproto.server.createAccount",
                           body={"handle": handle, "email": email, "password": password})
        return Account(handle=result["handle"], password=password, did=result["did"], email=email)

    def session_token(self, account: Account) -> str:
        result = self.xrpc("POST", "com.atproto.server.createSession",
                           body={"identifier": account.handle, "password": account.password})
        return result["accessJwt"]


class XrpcHTTPError(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body

