"""A real `herald worker` process killed with SIGKILL while it waits for the PDS to answer a
publication (the record is already written); a new worker, once the lease has passed, resumes the
publication: exactly one record on the PDS, and the post is published."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.connectors.test_bluesky_pds import list_posts
from tests.faults.proxy import FORWARD_THEN_HANG, FaultProxy

pytestmark = [pytest.mark.pds, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CREATE = "com.atproto.repo.createRecord"
WORKER = "from herald.cli import main; main(['herald', 'worker'])"
# The same worker command, in a process whose clock is 11 minutes ahead (past the 10-minute lease).
LATER_WORKER = ("import datetime as d, django.utils.timezone as tz; real = tz.now; "
                "tz.now = lambda: real() + d.timedelta(minutes=11); "
                "from herald.cli import main; main(['herald', 'worker', '--batch'])")


def _env(data_dir: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "herald.settings", "HERALD_DATA_DIR": str(data_dir),
           "HERALD_CONNECTOR_BACKENDS": "", "HERALD_EMAIL_HOST": "", "HERALD_LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)  # its own SQLite database, whichever database the suite runs on
    return env


def _world(env: dict, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.faults.world", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    line = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line.removeprefix("RESULT "))


def test_worker_killed_mid_publication_then_a_new_worker_resumes_it_once(local_pds, fresh_pds_account, tmp_path):
    account = fresh_pds_account
    env = _env(tmp_path / "herald")
    with FaultProxy(local_pds.url, hang_seconds=120) as proxy:
        proxy.on(CREATE, FORWARD_THEN_HANG, times=1)  # written on the PDS; the answer never comes
        ids = _world(env, "setup", proxy.url, account.handle, account.password)
        with open(tmp_path / "worker.log", "wb") as log:
            worker = subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, env=env, stdout=log,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        try:
            assert proxy.reached.wait(90), (tmp_path / "worker.log").read_text()[-3000:]
            assert worker.poll() is None
        finally:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(10)
        assert worker.returncode == -signal.SIGKILL
        proxy.release.set()

        killed = _world(env, "state", str(ids["publication"]))
        assert killed["state"] == "publishing" and killed["attempts"] == 1, killed
        assert len(list_posts(local_pds, account.did)) == 1  # on the PDS, unknown to Herald

        later = subprocess.run([sys.executable, "-c", LATER_WORKER], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=180)
        assert later.returncode == 0, later.stderr[-3000:]

    resumed = _world(env, "state", str(ids["publication"]))
    assert resumed["state"] == "published" and resumed["post_state"] == "published", resumed
    assert resumed["outcomes"] == ["interrupted", "replayed"], resumed
    assert resumed["published_events"] == 1 and resumed["audit_problem"] is None, resumed
    records = list_posts(local_pds, account.did)
    assert [r["uri"] for r in records] == [resumed["remote_id"]]
    assert proxy.count(CREATE) == 1
