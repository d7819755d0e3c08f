"""End-to-end: the Bluesky connector against a real local PDS (@atproto/pds 0.4.217 + PLC).

Needs ``scripts/pds/install.sh``; the ``local_pds`` fixture fails with that instruction if the
PDS is missing. Everything listens on, and talks to, 127.0.0.1 only. There is no AppView, so
every check reads the repository through ``com.atproto.repo``/``com.atproto.sync`` endpoints.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import urllib.request

import pytest
from atproto_client.exceptions import InvokeTimeoutError

from herald.connectors import AuthFailed, Image, NotFound, Publishable, Rejected, Timeout, Unavailable
from herald.connectors.bluesky import BlueskyConnector, record_key_for

from .pds import LocalPDS, XrpcHTTPError

pytestmark = [pytest.mark.pds, pytest.mark.slow]

POST = "app.bsky.feed.post"
# A valid 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def bluesky(pds: LocalPDS, account, *, password: str | None = None, timeout: float = 10.0) -> BlueskyConnector:
    return BlueskyConnector(
        handle=account.handle,
        password=account.password if password is None else password,
        service_url=pds.url,
        timeout=timeout,
        channel="test-channel",
    )


def list_posts(pds: LocalPDS, did: str) -> list[dict]:
    return pds.xrpc("GET", "com.atproto.repo.listRecords", params={"repo": did, "collection": POST})["records"]


def get_record(pds: LocalPDS, uri: str) -> dict:
    _, _, did, collection, rkey = uri.split("/")
    return pds.xrpc("GET", "com.atproto.repo.getRecord", params={"repo": did, "collection": collection, "rkey": rkey})


def _proc_sockets(pid: int) -> list[tuple[str, str, str]]:
    """(state, local address, remote address) of the IPv4/IPv6 TCP sockets ``pid`` owns, from /proc."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    states = {"0A": "LISTEN", "01": "ESTABLISHED"}
    sockets = []
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and cols[9] in inodes:
                sockets.append((states.get(cols[3], cols[3]), _addr(cols[1], family), _addr(cols[2], family)))
    return sockets


def _addr(hex_addr: str, family: int) -> str:
    host, port = hex_addr.split(":")
    raw = bytes.fromhex(host)
    if family == socket.AF_INET:
        ip = socket.inet_ntop(family, raw[::-1])
    else:  # four little-endian 32-bit words
        ip = socket.inet_ntop(family, b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4)))
    return f"{ip}:{int(port, 16)}"


LOOPBACK = ("127.0.0.1:", "::1:", "::ffff:127.0.0.1:")


def test_pds_and_plc_listen_on_loopback_only(local_pds, pds_account):
    bluesky(local_pds, pds_account).health()  # make some traffic first
    expected = sorted([f"127.0.0.1:{local_pds.pds_port}", f"127.0.0.1:{local_pds.plc_port}"])

    sockets = _proc_sockets(local_pds.pid)
    assert sorted(local for state, local, _ in sockets if state == "LISTEN") == expected
    for state, local, remote in sockets:  # nothing but loopback, in either direction
        assert local.startswith(LOOPBACK), (state, local, remote)
        if state != "LISTEN":
            assert remote.startswith(LOOPBACK), (state, local, remote)

    if shutil.which("ss"):  # the same, as an operator would check it: ss -ltnp
        out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
        listening = [line.split()[3] for line in out.splitlines() if f"pid={local_pds.pid}," in line]
        assert sorted(listening) == expected


def test_publish_text_read_back_and_delete(local_pds, pds_account, caplog):
    caplog.set_level(logging.INFO, logger="herald.connectors")
    connector = bluesky(local_pds, pds_account)
    text = "The Town Council meets on Tuesday at 7pm. Agenda: https://example-tc.gov.uk/agenda #MillLane"

    ref = connector.publish(
        Publishable(text, links=("https://example-tc.gov.uk/agenda",)), idempotency_key="publication-1"
    )

    rkey = record_key_for("publication-1")
    assert ref.remote_id == f"at://{pds_account.did}/{POST}/{rkey}"
    assert ref.url == f"https://bsky.app/profile/{pds_account.did}/post/{rkey}"
    assert not ref.replayed
    record = get_record(local_pds, ref.remote_id)["value"]
    assert record["$type"] == POST
    assert record["text"] == text
    assert record["langs"] == ["en"]
    features = [f["features"][0] for f in record["facets"]]
    assert {"$type": "app.bsky.richtext.facet#link", "uri": "https://example-tc.gov.uk/agenda"} in features
    assert {"$type": "app.bsky.richtext.facet#tag", "tag": "MillLane"} in features
    assert [r["uri"] for r in list_posts(local_pds, pds_account.did)].count(ref.remote_id) == 1

    connector.delete(ref)

    with pytest.raises(XrpcHTTPError) as gone:
        get_record(local_pds, ref.remote_id)
    assert gone.value.status == 400 and "RecordNotFound" in gone.value.body
    assert ref.remote_id not in [r["uri"] for r in list_posts(local_pds, pds_account.did)]
    with pytest.raises(NotFound):
        connector.delete(ref)

    calls = [(r.operation, r.outcome) for r in caplog.records if r.name == "herald.connectors"]
    assert calls == [("publish", "ok"), ("delete", "ok"), ("delete", "error")]
    assert all(r.connector == "bluesky" and r.duration_ms >= 0 for r in caplog.records if r.name == "herald.connectors")


def test_publish_image_with_alt_text(local_pds, pds_account):
    connector = bluesky(local_pds, pds_account)
    ref = connector.publish(
        Publishable("The new bus shelter on Station Road.",
                    images=(Image(PNG, alt="A glass bus shelter beside a red post box", mime_type="image/png",
                                  width=1, height=1),)),
        idempotency_key="publication-image-1",
    )

    record = get_record(local_pds, ref.remote_id)["value"]
    embed = record["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    [image] = embed["images"]
    assert image["alt"] == "A glass bus shelter beside a red post box"
    assert {k: image["aspectRatio"][k] for k in ("width", "height")} == {"width": 1, "height": 1}
    assert image["image"]["mimeType"] == "image/png"
    assert image["image"]["size"] == len(PNG)
    cid = image["image"]["ref"]["$link"]
    url = f"{local_pds.url}/xrpc/com.atproto.sync.getBlob?did={pds_account.did}&cid={cid}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as blob:
        assert blob.read() == PNG
    connector.delete(ref)


def test_replay_with_the_same_key_never_posts_twice(local_pds, fresh_pds_account):
    item = Publishable("Bin collections move to Wednesday this week.")
    first = bluesky(local_pds, fresh_pds_account).publish(item, idempotency_key="publication-2")
    again = bluesky(local_pds, fresh_pds_account).publish(item, idempotency_key="publication-2")  # e.g. after a crash
    assert again == first and again.replayed
    other = bluesky(local_pds, fresh_pds_account).publish(item, idempotency_key="publication-3")
    assert other != first
    uris = sorted(r["uri"] for r in list_posts(local_pds, fresh_pds_account.did))
    assert uris == sorted([first.remote_id, other.remote_id])


def test_answer_lost_after_the_write_is_found_not_reposted(local_pds, fresh_pds_account, monkeypatch):
    connector = bluesky(local_pds, fresh_pds_account)
    connector.health()  # log in
    client = connector._client
    real_create = client.com.atproto.repo.create_record

    def create_then_lose_the_answer(*args, **kwargs):
        real_create(*args, **kwargs)  # the PDS commits the record...
        raise InvokeTimeoutError()  # ...but the answer never arrives

    monkeypatch.setattr(client.com.atproto.repo, "create_record", create_then_lose_the_answer)

    ref = connector.publish(Publishable("Library opening hours change."), idempotency_key="publication-4")

    assert ref.replayed
    assert [r["uri"] for r in list_posts(local_pds, fresh_pds_account.did)] == [ref.remote_id]


def test_concurrent_attempt_that_won_is_returned(local_pds, fresh_pds_account, monkeypatch):
    item = Publishable("Road resurfacing on Church Street.")
    winner = bluesky(local_pds, fresh_pds_account).publish(item, idempotency_key="publication-5")
    loser = bluesky(local_pds, fresh_pds_account)
    real_find = loser._find_record
    stale = {"first": True}

    def stale_first_read(*args):
        if stale.pop("first", False):
            return None  # read before the winner's write landed
        return real_find(*args)

    monkeypatch.setattr(loser, "_find_record", stale_first_read)
    ref = loser.publish(item, idempotency_key="publication-5")  # createRecord hits the existing rkey
    assert ref == winner and ref.replayed
    assert len(list_posts(local_pds, fresh_pds_account.did)) == 1


def test_fetch_profile_reads_the_profile_record(local_pds, fresh_pds_account):
    connector = bluesky(local_pds, fresh_pds_account)
    empty = connector.fetch_profile()
    assert (empty.handle, empty.display_name, empty.description, empty.links) == (
        fresh_pds_account.handle, "", "", ())

    token = local_pds.session_token(fresh_pds_account)
    local_pds.xrpc("POST", "com.atproto.repo.putRecord", token=token, body={
        "repo": fresh_pds_account.did, "collection": "app.bsky.actor.profile", "rkey": "self",
        "record": {
            "$type": "app.bsky.actor.profile",
            "displayName": "Example Town Council",
            "description": "Official account. Feedback and complaints: example-tc.gov.uk/complaints",
        },
    })

    profile = connector.fetch_profile()
    assert profile.display_name == "Example Town Council"
    assert profile.description.endswith("example-tc.gov.uk/complaints")
    assert profile.links == ("https://example-tc.gov.uk/complaints",)
    assert profile.url == f"https://bsky.app/profile/{fresh_pds_account.handle}"


def test_health(local_pds, pds_account):
    health = bluesky(local_pds, pds_account).health()
    assert health.ok, health
    assert health.detail == f"Signed in as {pds_account.handle}."


def test_pds_rejects_invalid_posts(local_pds, pds_account):
    with pytest.raises(Rejected) as info:
        bluesky(local_pds, pds_account).publish(Publishable("x" * 301), idempotency_key="too-long")
    assert "300" in info.value.details["reason"]
    assert info.value.retryable is False


def test_wrong_password_is_auth_failed_and_never_leaks(local_pds, fresh_pds_account, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "wrong-password-8d1f0e"
    connector = bluesky(local_pds, fresh_pds_account, password=wrong)

    with pytest.raises(AuthFailed) as info:
        connector.publish(Publishable("Should not appear"), idempotency_key="publication-6")

    assert info.value.details["http_status"] == 401
    assert info.value.retryable is False
    health = connector.health()
    assert (health.ok, health.error_code) == (False, "auth_failed")
    assert list_posts(local_pds, fresh_pds_account.did) == []
    for text in (caplog.text, str(info.value), repr(info.value), repr(info.value.to_dict()), repr(connector)):
        assert wrong not in text
        assert fresh_pds_account.password not in text
    for record in caplog.records:
        assert wrong not in repr(vars(record))


def test_unknown_handle_is_not_found(local_pds):
    connector = BlueskyConnector(handle="nobody-here.test", password="whatever", service_url=local_pds.url)
    with pytest.raises(NotFound) as info:
        connector.publish(Publishable("x"), idempotency_key="k")
    assert info.value.retryable is False
    assert connector.health().error_code == "not_found"


def test_timeout_is_retryable_and_the_retry_posts_once(local_pds, fresh_pds_account):
    connector = bluesky(local_pds, fresh_pds_account, timeout=0.5)
    connector.health()  # logged in while the PDS answers
    item = Publishable("Christmas lights switch-on, Saturday 5pm.")
    os.kill(local_pds.pid, signal.SIGSTOP)  # the PDS hangs: connections are accepted, nothing answers
    try:
        with pytest.raises(Timeout) as info:
            connector.publish(item, idempotency_key="publication-7")
    finally:
        os.kill(local_pds.pid, signal.SIGCONT)
    assert info.value.retryable and info.value.code == "timeout"

    ref = connector.publish(item, idempotency_key="publication-7")
    assert [r["uri"] for r in list_posts(local_pds, fresh_pds_account.did)] == [ref.remote_id]


def test_stopped_pds_is_unavailable_and_retryable(tmp_path):
    pds = LocalPDS(tmp_path / "pds").start()
    try:
        account = pds.create_account("parish.test")
        connector = bluesky(pds, account, timeout=5)
        connector.publish(Publishable("Before the outage."), idempotency_key="before")
    finally:
        pds.stop()
    assert pds.process.returncode is not None  # really stopped (SIGTERM, waited)

    with pytest.raises(Unavailable) as info:
        connector.publish(Publishable("During the outage."), idempotency_key="during")
    assert type(info.value) is Unavailable
    assert info.value.retryable
    health = connector.health()
    assert (health.ok, health.error_code, health.retryable) == (False, "unavailable", True)


def test_sdk_login_needs_fetch_bsky_profile_false(local_pds, pds_account):
    """Pins why BlueskyConnector logs in with fetch_bsky_profile=False: with atproto 0.0.73 the
    default login then asks for app.bsky.actor.getProfile, which a PDS without an AppView
    answers with 400, and the whole login fails."""
    from atproto import Client
    from atproto_client.exceptions import BadRequestError

    with pytest.raises(BadRequestError) as info:
        Client(local_pds.url).login(pds_account.handle, pds_account.password)
    assert "app.bsky.actor.getProfile" in str(info.value)
    client = Client(local_pds.url)
    assert client.login(pds_account.handle, pds_account.password, fetch_bsky_profile=False) is None
    client.request.close()


def test_registry_builds_a_working_bluesky_connector(bluesky_options):
    from herald.connectors import build

    with build("bluesky", bluesky_options) as connector:
        ref = connector.publish(Publishable("Built from configuration."), idempotency_key="from-config")
        assert connector.health().ok
        connector.delete(ref)
