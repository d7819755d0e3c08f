"""PostgreSQL restarted under a running Herald (PostgreSQL run only: scripts/with-postgres.sh tells
the tests where its throwaway cluster lives). Requests during the restart succeed or fail with the
plain error page; afterwards every request succeeds (connections are health-checked before reuse);
a write cut off by the restart leaves nothing half-written and the audit trail intact."""

from __future__ import annotations

import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, connections, transaction

from herald.complaints.models import Case, Complaint
from herald.complaints.services import complaint_submit
from herald.records.audit import audit_verify
from herald.records.models import AuditEvent

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def restart_database():
    data, bin_dir = os.environ.get("HERALD_TEST_PG_DATA"), os.environ.get("HERALD_TEST_PG_BIN")
    if connection.vendor != "postgresql" or not data or not bin_dir:
        pytest.skip("PostgreSQL only: run through scripts/with-postgres.sh (make test-postgres does)")
    as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    log = str(Path(data).parent / "server.log")

    def restart() -> None:
        # -m fast: every connection is cut, as in a crash or a failover. The options come from postmaster.opts.
        subprocess.run([*as_owner, f"{bin_dir}/pg_ctl", "-D", data, "-l", log, "-m", "fast", "-w", "restart"],
                       check=True, capture_output=True, timeout=120)

    yield restart
    connections.close_all()  # this thread's connection died with the restart


@pytest.fixture
def gunicorn(restart_database, tmp_path):
    """Herald under gunicorn (one sync worker, so one kept database connection) on the test database."""
    import socket
    import sys

    settings_dict = connection.settings_dict
    url = (f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/"
           f"{settings_dict['NAME']}")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, "HERALD_DATA_DIR": str(tmp_path), "HERALD_LOG_LEVEL": "WARNING"}
    log = open(tmp_path / "gunicorn.log", "wb")
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "herald.wsgi", "-b", f"127.0.0.1:{port}",
                               "-w", "1", "--timeout", "60"], cwd=Path(__file__).resolve().parents[2], env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                _get(base + "/policy")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError((tmp_path / "gunicorn.log").read_text()[-2000:])
        yield base
    finally:
        server.terminate()
        server.wait(20)
        log.close()


def _get(url: str) -> tuple[int, str]:
    try:
        with _opener.open(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _counts() -> tuple[int, int, int]:
    return Complaint.objects.count(), Case.objects.count(), AuditEvent.objects.count()


def test_the_first_request_after_a_restart_succeeds(gunicorn, people, restart_database):
    url = f"{gunicorn}/councils/{people.council.slug}/channels/"
    assert _get(url)[0] == 200  # the server now keeps its connection (CONN_MAX_AGE)
    restart_database()  # ...which the restart cuts
    assert [_get(url)[0] for _ in range(3)] == [200] * 3, "a kept connection was used without a health check"


def test_requests_during_a_restart_succeed_or_fail_cleanly(gunicorn, people, restart_database):
    url = f"{gunicorn}/councils/{people.council.slug}/channels/"
    assert _get(url)[0] == 200
    worker = threading.Thread(target=restart_database)
    worker.start()
    during = []
    while worker.is_alive():
        during.append(_get(url))
        time.sleep(0.05)
    worker.join()
    after = [_get(url) for _ in range(3)]
    for status, body in during + after:
        assert status in (200, 500), status
        assert "Traceback" not in body and "psycopg" not in body and "OperationalError" not in body
    assert [status for status, _ in after] == [200] * 3


def test_a_write_cut_off_by_the_restart_leaves_nothing_half_written(people, restart_database):
    before = _counts()
    with pytest.raises(DatabaseError):
        with transaction.atomic():
            complaint_submit(council=people.council, name="Rita Resident", email="rita@example.com",
                             about="other", text="The bins were not collected.")
            restart_database()
            Complaint.objects.count()  # the connection is gone: the transaction cannot commit
    connection.close()
    assert _counts() == before
    assert audit_verify(council=people.council) is None
    complaint_submit(council=people.council, name="Rita Resident", email="rita@example.com", about="other",
                     text="The bins were not collected.")  # the same write works once the database is back
    assert _counts()[:2] == (before[0] + 1, before[1] + 1)
    assert audit_verify(council=people.council) is None
