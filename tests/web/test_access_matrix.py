"""Every route, every role, anonymous, and another council's user: who gets in and who is refused.

A new route must be added to ROUTES (with who may use it) or test_every_route_is_classified fails.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, get_resolver

from herald.core import clock
from herald.people.capabilities import Capability, capabilities_for
from herald.people.services import interest_register, suspension_create

PUBLIC = "public"
SIGN_IN = "sign-in"  # part of signing in: open to anonymous people
API = "api"  # the REST API: bearer tokens only, so every session (signed in or not) gets a 401 (tests/api)
C = Capability

# route name -> (who, method)
ROUTES: dict[str, tuple[object, str]] = {
    "home": (PUBLIC, "GET"),
    "policy": (PUBLIC, "GET"),
    "council-home": (PUBLIC, "GET"),
    "council-policy": (PUBLIC, "GET"),
    "sign-in": (SIGN_IN, "GET"),
    "two-factor": (SIGN_IN, "GET"),
    "two-factor-setup": (SIGN_IN, "GET"),
    "sign-out": (SIGN_IN, "POST"),
    "set-password": (SIGN_IN, "GET"),
    "dashboard": (C.VIEW_DASHBOARD, "GET"),
    "account": (None, "GET"),
    "recovery-codes": (None, "GET"),
    "recovery-codes-new": (None, "POST"),
    "acknowledge-policy": (C.ACKNOWLEDGE_POLICY, "POST"),
    "people": (C.VIEW_PEOPLE, "GET"),
    "person-new": (C.MANAGE_PEOPLE, "GET"),
    "person": (C.VIEW_PEOPLE, "GET"),
    "person-edit": (C.MANAGE_PEOPLE, "GET"),
    "person-deactivate": (C.MANAGE_PEOPLE, "GET"),
    "person-reactivate": (C.MANAGE_PEOPLE, "POST"),
    "person-account": (C.MANAGE_PEOPLE, "POST"),
    "person-suspend": (C.SUSPEND_PUBLISHING, "GET"),
    "person-two-factor-reset": (C.MANAGE_PEOPLE, "POST"),
    "suspension-lift": (C.SUSPEND_PUBLISHING, "GET"),
    "interest-new": (C.MANAGE_PEOPLE, "GET"),
    "interest-remove": (C.MANAGE_PEOPLE, "POST"),
    "audit": (C.VIEW_AUDIT, "GET"),
    "audit-export": (C.EXPORT_AUDIT, "GET"),
}
# --- channels (routes of herald.web channel pages) ---
ROUTES.update({
    "public-channels": (PUBLIC, "GET"),
    "public-channel": (PUBLIC, "GET"),
    "news": (PUBLIC, "GET"),
    "news-feed": (PUBLIC, "GET"),
    "channels": (None, "GET"),
    "channel-new": (C.PROPOSE_CHANNELS, "GET"),
    "channel": (None, "GET"),
    "channel-edit": (C.MANAGE_CHANNELS, "GET"),
    "channel-decide": (C.MANAGE_CHANNELS, "GET"),
    "channel-reapprove": (C.MANAGE_CHANNELS, "POST"),
    "channel-credentials": (C.MANAGE_CHANNELS, "GET"),
    "channel-check": (C.MANAGE_CHANNELS, "POST"),
    "channel-complaints-info": (C.MANAGE_CHANNELS, "POST"),
})
# --- end channels ---
# --- elections (routes of herald.elections.urls) ---
ROUTES.update({
    "elections": (C.MANAGE_ELECTIONS, "GET"),
    "election-calendar": (C.VIEW_DASHBOARD, "GET"),
    "election-new": (C.MANAGE_ELECTIONS, "GET"),
    "election": (C.MANAGE_ELECTIONS, "GET"),
    "election-edit": (C.MANAGE_ELECTIONS, "GET"),
    "election-cancel": (C.MANAGE_ELECTIONS, "GET"),
    "council-elections-ics": (PUBLIC, "GET"),
})
# --- end elections ---
# --- posts (routes of herald.posts.urls; the object post is a draft by the Clerk) ---
ROUTES.update({
    "posts": (C.DRAFT_POSTS, "GET"),
    "post-new": (C.DRAFT_POSTS, "GET"),
    "post-review-queue": (C.REVIEW_POSTS, "GET"),
    "post-archive": (C.VIEW_POST_ARCHIVE, "GET"),
    "post-archive-export": (C.VIEW_POST_ARCHIVE, "GET"),
    "post": (C.VIEW_POST_ARCHIVE, "GET"),
    "post-history": (C.VIEW_POST_ARCHIVE, "GET"),
    "post-edit": (C.REVIEW_POSTS, "GET"),
    "post-submit": (C.REVIEW_POSTS, "POST"),
    "post-withdraw": (C.REVIEW_POSTS, "POST"),
    "post-schedule": (C.REVIEW_POSTS, "GET"),
    "post-decide": (C.REVIEW_POSTS, "GET"),
    "post-exception": (C.MANAGE_ELECTIONS, "GET"),
    "post-take-down": (C.TAKE_DOWN_POSTS, "GET"),
    "post-check-personal": (C.CHECK_PERSONAL_POSTS, "GET"),
    "post-attachment-new": (C.REVIEW_POSTS, "GET"),  # the author (the Clerk) only
    "post-attachment-edit": (C.REVIEW_POSTS, "GET"),
    "post-attachment-remove": (C.REVIEW_POSTS, "GET"),
    "post-attachment-file": (C.VIEW_POST_ARCHIVE, "GET"),  # whoever may read the post
})
# --- end posts ---
# --- api (herald.api.urls: the token pages and docs; herald-api: the REST API; the token is the Clerk's) ---
ROUTES.update({
    "api-tokens": (C.USE_API, "GET"),
    "api-token-new": (C.USE_API, "GET"),
    "api-token-created": (C.USE_API, "GET"),
    "api-token-revoke": (C.MANAGE_PEOPLE, "GET"),
    "api-docs": (PUBLIC, "GET"),
    "api-root": (PUBLIC, "GET"),
    "openapi-json": (PUBLIC, "GET"),
    "api-screen": (API, "POST"),
    "api-posts": (API, "GET"),
    "api-post": (API, "GET"),
    "api-post-submit": (API, "POST"),
    "api-post-withdraw": (API, "POST"),
    "api-post-schedule": (API, "POST"),
    "api-post-take-down": (API, "POST"),
    "api-post-publications": (API, "GET"),
    "api-review-queue": (API, "GET"),
    "api-post-approve": (API, "POST"),
    "api-post-reject": (API, "POST"),
    "api-post-request-changes": (API, "POST"),
    "api-channels": (API, "GET"),
})
# --- end api ---
# --- complaints (herald.complaints.urls; the object case is the Clerk's, about a Member not in ROLES) ---
SUBJECT = "subject"  # only the person complained about (after they are told): everyone else gets a 404
ROUTES.update({
    "complaint-new": (PUBLIC, "GET"),
    "complaint-sent": (PUBLIC, "GET"),
    "complaint-status": (PUBLIC, "GET"),
    "complaint-review-request": (PUBLIC, "POST"),
    "complaint-cases": (frozenset({C.HANDLE_COMPLAINTS, C.HANDLE_COMPLAINTS_ABOUT_CLERK, C.DECIDE_COMPLAINT_APPEALS}),
                        "GET"),
    "complaint-report": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-policy-review": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-case": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-acknowledge": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-note": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-file": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-route": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-tell": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-response": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-decide": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-enforce": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-appeal": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-appeal-decide": (C.HANDLE_COMPLAINTS, "GET"),
    "complaint-respond": (SUBJECT, "GET"),
})
# --- end complaints ---
# --- retention (herald.web.views.retention) ---
ROUTES.update({
    "retention": (C.MANAGE_RETENTION, "GET"),
    "retention-run": (C.MANAGE_RETENTION, "GET"),
})
# --- end retention ---
# --- policy review (herald.web policy pages; the objects are version 2 and a review item of our council) ---
ROUTES.update({
    "policy-admin": (C.MANAGE_POLICY, "GET"),
    "policy-adopt": (C.MANAGE_POLICY, "GET"),
    "policy-adopt-confirm": (C.MANAGE_POLICY, "POST"),
    "policy-version": (C.ACKNOWLEDGE_POLICY, "GET"),
    "policy-yaml": (C.ACKNOWLEDGE_POLICY, "GET"),
    "policy-review-item-new": (C.MANAGE_POLICY, "GET"),
    "policy-review-item": (C.MANAGE_POLICY, "GET"),
    "policy-review-item-close": (C.MANAGE_POLICY, "GET"),
})
# --- end policy review ---
# --- foi (herald.web.views.foi; the objects are an FOI request of our council with a ready export) ---
ROUTES.update({
    "foi-requests": (C.VIEW_FOI, "GET"),
    "foi-request-new": (C.MANAGE_FOI, "GET"),
    "foi-request": (C.VIEW_FOI, "GET"),
    "foi-request-search": (C.MANAGE_FOI, "GET"),
    "foi-request-respond": (C.MANAGE_FOI, "GET"),
    "foi-request-close": (C.MANAGE_FOI, "GET"),
    "foi-review-request": (C.MANAGE_FOI, "GET"),
    "foi-review-decide": (C.MANAGE_FOI, "GET"),
    "foi-export-start": (C.MANAGE_FOI, "POST"),
    "foi-export": (C.VIEW_FOI, "GET"),
    "foi-export-download": (C.VIEW_FOI, "GET"),
})
# --- end foi ---
ROLES = ("clerk", "chair", "officer", "member", "volunteer")


def _patterns() -> dict[str, tuple[str, URLPattern]]:
    """Every named route: 'namespace:name' -> (namespace, pattern)."""
    found = {}
    for include in get_resolver().url_patterns:
        for sub in getattr(include, "url_patterns", [include]):
            if isinstance(sub, URLPattern) and sub.name:
                found[sub.name] = (include.namespace, sub)
    return found


def _route_names() -> set[str]:
    return set(_patterns())


def test_every_route_is_classified():
    assert _route_names() == set(ROUTES), "classify new routes in ROUTES"


@pytest.fixture
def objects(people, settings, tmp_path):
    """A target representative (a Member) with a suspension and an interest, in the people's council."""
    target = people.member2
    suspension = suspension_create(acting_user=people.clerk.user, representative=target, starts_at=clock.now(),
                                   ends_at=clock.now() + dt.timedelta(days=3), reason="Test")
    interest = interest_register(acting_user=people.clerk.user, representative=target, category="land",
                                 description="A field", registered_on=dt.date(2024, 1, 1))
    found = {"slug": people.council.slug, "pk": target.pk, "suspension_pk": suspension.pk,
             "interest_pk": interest.pk, "uidb64": "MQ", "token": "bad-token"}
    # --- channels objects ---
    from herald.channels.services import channel_decide, channel_propose

    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              name="Town news on Bluesky", platform="bluesky", kind="micro_blogging",
                              use="council_service", purpose="News", audience="general", handle="town.test",
                              account_email="news@stalbridgetowncouncil.gov.uk", logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    found.update(channel_pk=channel.pk, action="suspend")
    # --- end channels objects ---
    # --- elections objects ---
    from herald.elections.services import election_create

    found["election_pk"] = election_create(acting_user=people.clerk.user, council=people.council, kind="by_election",
                                           polling_day=dt.date(2027, 7, 15), area="Stalbridge East ward").pk
    # --- end elections objects ---
    # --- posts objects ---
    from herald.posts.services import post_create_draft

    found.update(post_pk=post_create_draft(acting_user=people.clerk.user, council=people.council, author=people.clerk,
                                           text="The Hub is closed on Monday.", channels=[]).pk,
                 decision="reject")
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from herald.posts.models import Post
    from herald.posts.services import attachment_add

    settings.MEDIA_ROOT = tmp_path / "media"
    png = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 40)).save(png, format="PNG")
    found["attachment_pk"] = attachment_add(acting_user=people.clerk.user, post=Post.objects.get(pk=found["post_pk"]),
                                            upload=SimpleUploadedFile("hub.png", png.getvalue()),
                                            alt_text="The Hub's front door", rights="own_work",
                                            depicts_children=False).pk
    # --- end posts objects ---
    # --- api objects ---
    from herald.api.services import api_token_create

    found.update(token_pk=api_token_create(acting_user=people.clerk.user, representative=people.clerk,
                                           name="Clerk's script")[0].pk, post_id=found["post_pk"])
    # --- end api objects ---
    # --- complaints objects ---
    from herald.complaints.services import case_add_note, case_route, case_tell_subject, complaint_submit

    case = complaint_submit(council=people.council, name="Rita Resident", email="rita@example.com",
                            about="representative", about_detail="Cllr Second", text="Rude reply online.").complaint.case
    case_route(acting_user=people.clerk.user, case=case, route="standard", representative=target)
    case_tell_subject(acting_user=people.clerk.user, case=case, message="Please respond.")
    from herald.complaints.models import CaseFile

    case_add_note(acting_user=people.clerk.user, case=case, text="A letter",
                  upload=SimpleUploadedFile("letter.txt", b"Dear Clerk"))
    found.update(case_pk=case.pk, kind="removal", file_pk=CaseFile.objects.get(case=case).pk)
    # --- end complaints objects ---
    # --- foi objects ---
    from herald.records.foi import (foi_export_build, foi_export_confirm, foi_export_scan, foi_export_start,
                                    foi_request_open)

    settings.DATA_DIR = tmp_path
    foi_request = foi_request_open(acting_user=people.clerk.user, council=people.council, requester_name="Jo",
                                   requester_contact="jo@example.org", received_on=clock.today_in_london(),
                                   request_text="Posts this month")
    export = foi_export_start(acting_user=people.clerk.user, foi_request=foi_request)
    foi_export_scan(export_id=export.pk)
    export.refresh_from_db()
    foi_export_confirm(acting_user=people.clerk.user, export=export, decisions={c: "redact" for c in export.classes})
    foi_export_build(export_id=export.pk)
    found.update(foi_pk=foi_request.pk, export_pk=export.pk)
    # --- end foi objects ---
    # --- policy review objects ---
    from herald.policy.services import policy_review_item_create, policy_version_adopt
    from tests.policy.helpers import new_version_text

    found["number"] = policy_version_adopt(acting_user=people.clerk.user, council=people.council,
                                           text=new_version_text(), adopted_on=clock.today_in_london(),
                                           minute_reference="Minute 26/112").number  # 2: the other council has 1
    found["item_pk"] = policy_review_item_create(acting_user=people.clerk.user, council=people.council,
                                                 clauses=["tou.3"], notes="Review tou.3").pk
    # --- end policy review objects ---
    return found


def _url(name: str, objects: dict) -> str:
    from django.urls import reverse

    namespace, pattern = _patterns()[name]
    return reverse(f"{namespace}:{name}", kwargs={k: objects[k] for k in pattern.pattern.converters})


def _call(client, name, objects):
    method = ROUTES[name][1]
    url = _url(name, objects)
    return client.post(url) if method == "POST" else client.get(url)


# The objects take a while to make, so each test below walks many routes with one set of them and
# reports every route that fails. POST routes, which may change what later routes see, get fresh
# objects each (test_each_role_on_every_action).
STAFF_ROUTES = sorted(n for n, (who, _) in ROUTES.items() if who not in (PUBLIC, SIGN_IN, API))
STAFF_PAGES = [n for n in STAFF_ROUTES if ROUTES[n][1] == "GET"]
STAFF_ACTIONS = [n for n in STAFF_ROUTES if ROUTES[n][1] == "POST"]


def _anonymous_problem(client, objects, name) -> str | None:
    who = ROUTES[name][0]
    response = _call(client, name, objects)
    if who == API:
        ok = response.status_code == 401 and response.json()["code"] == "unauthenticated"
    elif who in (PUBLIC, SIGN_IN):
        ok = response.status_code in (200, 400) or (response.status_code == 302 and (
            "/sign-in" in response["Location"] or "/councils/" in response["Location"]))
    else:
        ok = response.status_code == 302 and response["Location"].startswith("/sign-in")
    return None if ok else f"{name}: {response.status_code} {response.get('Location', '')}"


def test_anonymous(client, objects):
    problems = [p for name in sorted(ROUTES) if (p := _anonymous_problem(client, objects, name))]
    assert not problems, problems


def _role_problem(people, objects, signed_in, role, name) -> str | None:
    rep = people.by_role(role)
    who = ROUTES[name][0]
    caps = capabilities_for(rep.roles)
    allowed = who is None or (bool(who & caps) if isinstance(who, frozenset) else who in caps)
    response = _call(signed_in(rep), name, objects)
    if allowed:
        ok = response.status_code == 200 or (response.status_code == 302
                                              and not response["Location"].startswith("/sign-in"))
    else:
        ok = response.status_code in (403, 404)
    return None if ok else f"{role} {name} ({'allowed' if allowed else 'refused'}): {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_on_every_page(people, objects, signed_in, role):
    problems = [p for name in STAFF_PAGES if (p := _role_problem(people, objects, signed_in, role, name))]
    assert not problems, problems


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", STAFF_ACTIONS)
def test_each_role_on_every_action(people, objects, signed_in, role, name):
    assert _role_problem(people, objects, signed_in, role, name) is None


def test_another_councils_clerk_sees_nothing_of_ours(people, other_people, objects, signed_in):
    keys = {"pk", "file_pk", "suspension_pk", "interest_pk", "channel_pk", "election_pk", "post_pk", "case_pk",
            "token_pk", "number", "item_pk", "foi_pk", "export_pk"}
    client = signed_in(other_people.clerk)
    problems = []
    for name in STAFF_ROUTES:
        response = _call(client, name, objects)
        _namespace, pattern = _patterns()[name]
        if keys & set(pattern.pattern.converters):
            if response.status_code != 404:
                problems.append(f"{name}: {response.status_code}")
        elif response.status_code not in (200, 302):  # council-wide pages show only the other council's data
            problems.append(f"{name}: {response.status_code}")
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            body = response.content.decode()
            if people.member2.official_email in body or people.council.name in body:
                problems.append(f"{name}: shows our council's data")
    assert not problems, problems


def test_another_councils_export_has_none_of_ours(people, other_people, signed_in):
    body = b"".join(signed_in(other_people.clerk).get("/audit/export").streaming_content).decode()
    assert "milborne" in body and "stalbridge" not in body and people.clerk.official_email not in body


@pytest.mark.parametrize("role", ["clerk", "chair"])
def test_two_factor_roles_without_two_factor_are_sent_to_sign_in(client, people, role):
    client.force_login(people.by_role(role).user)  # password only: no two-factor flag in the session
    response = client.get("/dashboard")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in")
    assert "_auth_user_id" not in client.session


def test_members_manage_their_own_interests_only(people, signed_in):
    client = signed_in(people.member)
    assert client.get(f"/people/{people.member.pk}/interests/new").status_code == 200
    assert client.get(f"/people/{people.member2.pk}/interests/new").status_code in (403, 404)
    assert client.get(f"/people/{people.member.pk}/").status_code == 200
    assert client.get(f"/people/{people.member2.pk}/").status_code in (403, 404)


def test_inactive_representatives_are_signed_out(people, signed_in):
    from herald.people.services import representative_deactivate

    client = signed_in(people.officer)
    representative_deactivate(acting_user=people.clerk.user, representative=people.officer, reason="Left")
    response = client.get("/dashboard")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in")
