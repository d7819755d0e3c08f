"""Images and the personal-capacity assistant in the browser: a Member attaches a photo to a draft
with alt text, sees the screening findings about rights and children's consent, fixes the
declarations and submits; then checks a post for their own account. axe-core checks the upload
form with errors, the post with findings and the personal-check page with findings."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect

from herald.channels.services import channel_decide, channel_propose
from herald.people.services import policy_acknowledge
from herald.posts.models import Attachment, Post
from tests.browser.conftest import check_accessibility
from tests.browser.test_clerk_journey import sign_in

TEXT = "The new play area on Station Road opens on Saturday."
ALT = "Two children on the new swings, seen from behind"
ON_BEHALF = "The council will fix the potholes on Station Road next month, I promise."


def test_member_attaches_an_image_fixes_its_declarations_and_submits(page, people, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "swings.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (40, 140, 70)).save(buffer, format="JPEG")
    photo.write_bytes(buffer.getvalue())
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=[people.member], name="Town news", platform="bluesky",
                              kind="micro_blogging", use="council_service", purpose="News from the council.",
                              audience="general", handle="town.test", account_email="news@stalbridgetowncouncil.gov.uk",
                              logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    policy_acknowledge(acting_user=people.member.user, representative=people.member)

    sign_in(page, people.member.official_email)
    page.get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("link", name="Write a post").click()
    page.get_by_label("Text of the post").fill(TEXT)
    page.get_by_label("Town news (Bluesky)").check()
    page.get_by_role("button", name="Save and screen").click()
    expect(page.locator("#findings")).to_contain_text("Screening found nothing")

    page.get_by_role("link", name="Add an image").click()
    page.get_by_role("button", name="Attach and screen").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Describe the image in its alternative text")
    expect(summary).to_contain_text("Select yes if the image shows children")
    check_accessibility(page, "upload form with errors")

    page.set_input_files("#id_file", str(photo))
    page.get_by_label("Alternative text").fill(ALT)
    page.get_by_label("Not sure yet (screening asks for a check)").check()
    page.locator("#id_depicts_children").check()  # Yes
    page.locator("#id_consent_recorded_1").check()  # No
    page.get_by_role("button", name="Attach and screen").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The image is attached")
    findings = page.locator("#findings")
    expect(findings).to_contain_text("no parental consent is recorded")
    expect(findings).to_contain_text("no rights declaration")
    expect(findings.get_by_role("link", name="safeguarding").first).to_have_attribute(
        "href", "/councils/stalbridge/policy#safeguarding")
    thumbnail = page.get_by_role("img", name=ALT)
    expect(thumbnail).to_be_visible()
    # Served through the access-checked view: wait for the image to load, then check it decoded.
    width = thumbnail.evaluate("img => img.complete ? img.naturalWidth : new Promise(done => "
                               "{ img.addEventListener('load', () => done(img.naturalWidth)); "
                               "img.addEventListener('error', () => done(-1)); })")
    assert width == 320
    expect(page.locator("#images")).to_be_visible()
    check_accessibility(page, "post with an image and findings")

    attachment = Attachment.objects.get()
    page.get_by_role("link", name=f"Change the details of {attachment.filename}").click()
    check_accessibility(page, "change the image's details")
    page.get_by_label("Own work (yours or the Council's)").check()
    page.locator("#id_consent_recorded").check()  # Yes
    page.get_by_label("Who holds the consent forms").fill("Forms held by the Clerk, ref. PLAY-2026-04")
    page.get_by_role("button", name="Save and screen").click()
    expect(page.locator("#findings")).to_contain_text("Screening found nothing")
    expect(page.locator(f"#image-{attachment.pk}")).to_contain_text("parental consent recorded")

    page.get_by_role("button", name="Submit the post").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The Clerk will review it")
    post = Post.objects.get()
    assert post.state == "in_review" and post.version == 3
    assert page.js_errors == []


def test_member_checks_a_post_for_their_own_account(page, people):
    sign_in(page, people.member.official_email)
    page.get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("link", name="Check a post for your own account").click()
    expect(page.locator("#privacy")).to_contain_text("does not keep, publish or record this text")
    check_accessibility(page, "personal check")
    page.get_by_role("button", name="Check the text").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the text you want to check")
    check_accessibility(page, "personal check with errors")
    page.get_by_label("Text you want to post on your own account").fill(ON_BEHALF)
    page.get_by_role("button", name="Check the text").click()
    expect(page.locator("#findings")).to_contain_text("speak for the Council")
    expect(page.locator("#findings").get_by_role("link", name="ident.6")).to_have_attribute(
        "href", "/councils/stalbridge/policy#ident.6")
    expect(page.get_by_label("Text you want to post on your own account")).to_have_value(ON_BEHALF)
    check_accessibility(page, "personal check with findings")
    page.get_by_label("Text you want to post on your own account").fill("Lovely walk along the Stour this morning.")
    page.get_by_role("button", name="Check the text").click()
    expect(page.locator("#findings")).to_contain_text("Screening found nothing")
    assert not Post.objects.exists()
    assert page.js_errors == []
