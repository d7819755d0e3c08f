"""End-to-end: a post with images, attached through Herald's services and published by the task
worker to the real local PDS. The record carries an `app.bsky.embed.images` embed with each
image's alt text; each blob is fetchable, has lost its EXIF/GPS metadata, fits Bluesky's 1 MB
limit, and a retry with the same idempotency key posts nothing new.

Unlike the rest of tests/connectors this needs Django (the posts pipeline)."""

from __future__ import annotations

import io
import random
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from herald.channels.services import channel_decide, channel_propose, channel_set_credentials
from herald.connectors.bluesky import BlueskyConnector
from herald.people.services import policy_acknowledge
from herald.posts import services
from herald.posts.models import Publication, State
from herald.posts.services.attachments import fit_image, publishable_for

from .test_bluesky_pds import get_record, list_posts

pytestmark = [pytest.mark.pds, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TEXT = "The new play area on Station Road is open. Details: https://stalbridge.gov.uk/play"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """tests/connectors/conftest.py turns this off for plain-Python tests; these use Django."""
    settings.PASSWORD_HASHERS = ["tests.hashers.CheapArgon2PasswordHasher"]


def big_photo_with_gps() -> bytes:
    """A 1.6-megapixel noisy JPEG (well over Bluesky's 1 MB) with a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"
    exif[0x8825] = {1: "N", 2: (50.0, 56.0, 12.5), 3: "W", 4: (2.0, 22.0, 48.0)}
    noise = random.Random(7).randbytes(1400 * 1150 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (1400, 1150), noise).save(buffer, format="JPEG", quality=95, exif=exif)
    return buffer.getvalue()


def small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def fetch_blob(pds, did: str, cid: str) -> bytes:
    url = f"{pds.url}/xrpc/com.atproto.sync.getBlob?did={did}&cid={cid}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as blob:
        return blob.read()


def test_post_with_images_reaches_the_real_pds_with_alt_text(people, local_pds, fresh_pds_account, settings,
                                                             tmp_path):
    settings.HERALD_CONNECTOR_BACKENDS = {}
    settings.MEDIA_ROOT = tmp_path / "media"
    account = fresh_pds_account
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=[people.officer], name="Stalbridge on Bluesky", platform="bluesky",
                              kind="micro_blogging", use="council_service", purpose="Council news.",
                              audience="general", handle=account.handle,
                              account_email="news@stalbridgetowncouncil.gov.uk", service_url=local_pds.url,
                              logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": account.password})
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    policy_acknowledge(acting_user=people.officer.user, representative=people.officer)

    officer = people.officer
    post = services.post_create_draft(acting_user=officer.user, council=people.council, author=officer, text=TEXT,
                                      channels=[channel])
    photo = services.attachment_add(acting_user=officer.user, post=post,
                                    upload=SimpleUploadedFile("IMG_2041.JPG", big_photo_with_gps()),
                                    alt_text="Swings and a slide on fresh green matting", rights="own_work",
                                    depicts_children=False)
    plan = services.attachment_add(acting_user=officer.user, post=post, upload=SimpleUploadedFile("plan.png", small_png()),
                                   alt_text="Plan of the play area", rights="own_work", depicts_children=False)
    assert photo.size > 1_000_000  # Bluesky's limit: the connector must get a smaller copy
    post.refresh_from_db()
    services.post_submit(acting_user=officer.user, post=post)  # an officer's clean post is published directly
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    pub = Publication.objects.get(post=post)
    assert pub.state == "published", (pub.last_error_code, pub.last_error_message)
    post.refresh_from_db()
    assert post.state == State.PUBLISHED
    record = get_record(local_pds, pub.remote_id)["value"]
    assert record["text"] == TEXT
    assert record["facets"][0]["features"][0]["uri"] == "https://stalbridge.gov.uk/play"
    embed = record["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    first, second = embed["images"]
    assert first["alt"] == "Swings and a slide on fresh green matting" and second["alt"] == "Plan of the play area"

    blob = fetch_blob(local_pds, account.did, first["image"]["ref"]["$link"])
    with photo.file.open("rb") as handle:
        expected = fit_image(handle.read(), photo.media_type, max_bytes=1_000_000,
                             allowed=BlueskyConnector.allowed_image_types)
    assert blob == expected[0] and len(blob) <= 1_000_000 and first["image"]["mimeType"] == "image/jpeg"
    assert b"SecretPhoneMaker" not in blob
    with Image.open(io.BytesIO(blob)) as shown:
        assert len(shown.getexif()) == 0
        assert (first["aspectRatio"]["width"], first["aspectRatio"]["height"]) == shown.size
    with plan.file.open("rb") as handle:
        assert fetch_blob(local_pds, account.did, second["image"]["ref"]["$link"]) == handle.read()  # unchanged

    # A retry of the same publication (same idempotency key) posts nothing new.
    connector = BlueskyConnector(handle=account.handle, password=account.password, service_url=local_pds.url)
    with connector:
        again = connector.publish(publishable_for(post, connector), idempotency_key=pub.idempotency_key)
    assert again.replayed and again.remote_id == pub.remote_id
    assert len(list_posts(local_pds, account.did)) == 1
