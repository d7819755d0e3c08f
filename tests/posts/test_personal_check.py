"""The personal-capacity assistant: text for one's own account, screened as "personal" (ident.6 for
Members, the Terms of Use for everyone). Nothing is stored, published or audited."""

from __future__ import annotations

import pytest

from herald.core.errors import ValidationFailed
from herald.posts.models import Post, ScreeningRun
from herald.posts.screening import screening_check_personal
from herald.records.models import AuditEvent

ON_BEHALF = "The council will fix the potholes on Station Road next month, I promise."
AGREED = "At last night's meeting the council agreed to resurface Station Road."
ABUSIVE = "Fuck the council, honestly."
PLAIN = "Lovely walk along the Stour this morning."


def _clauses(result) -> set[str]:
    return {f.clause_id for f in result.findings}


def test_a_member_speaking_for_the_council_gets_an_ident_6_finding(people):
    result = screening_check_personal(acting_user=people.member.user, text=ON_BEHALF)
    assert result.verdict == "review" and _clauses(result) == {"ident.6"}
    [finding] = result.findings
    assert "speak for the Council" in finding.message
    assert result.policy_version == people.council.active_policy


def test_a_member_reporting_an_agreed_decision_is_fine(people):
    assert screening_check_personal(acting_user=people.member.user, text=AGREED).verdict == "pass"


def test_ident_6_is_about_members_only(people):
    result = screening_check_personal(acting_user=people.officer.user, text=ON_BEHALF)
    assert "ident.6" not in _clauses(result)


def test_the_terms_of_use_apply_to_everyone(people):
    for rep in (people.member, people.volunteer):
        result = screening_check_personal(acting_user=rep.user, text=ABUSIVE)
        assert result.verdict == "block" and any(c.startswith("tou.") for c in _clauses(result))


def test_nothing_is_stored_or_audited(people):
    runs, events, posts = ScreeningRun.objects.count(), AuditEvent.objects.count(), Post.objects.count()
    screening_check_personal(acting_user=people.member.user, text=ON_BEHALF)
    assert (ScreeningRun.objects.count(), AuditEvent.objects.count(), Post.objects.count()) == (runs, events, posts)


def test_links_are_found(people):
    result = screening_check_personal(acting_user=people.member.user, text="Minutes: https://example.org/m.pdf")
    assert result.links == ("https://example.org/m.pdf",)


@pytest.mark.parametrize("text,message", [("", "Enter the text"), ("   \n", "Enter the text"),
                                          ("x" * 5001, "5000 characters or fewer")])
def test_bad_input(people, text, message):
    with pytest.raises(ValidationFailed) as info:
        screening_check_personal(acting_user=people.member.user, text=text)
    assert message in info.value.message and info.value.field == "text"


# ----- the page ---------------------------------------------------------------------------------


def test_page_shows_findings_with_clause_links_and_stores_nothing(people, signed_in):
    client = signed_in(people.member)
    page = client.get("/posts/check-personal").content.decode()
    assert "does not keep, publish or record this text" in page and "#ident.6" in page
    events = AuditEvent.objects.count()
    response = client.post("/posts/check-personal", {"text": ON_BEHALF})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="/councils/stalbridge/policy#ident.6">ident.6</a>' in body and "Station Road" in body
    assert AuditEvent.objects.count() == events and not ScreeningRun.objects.exists()


def test_page_says_when_nothing_is_found(people, signed_in):
    body = signed_in(people.member).post("/posts/check-personal", {"text": PLAIN}).content.decode()
    assert "Screening found nothing against the policy" in body


def test_page_refuses_empty_text(people, signed_in):
    response = signed_in(people.volunteer).post("/posts/check-personal", {"text": " "})
    assert response.status_code == 400 and "Enter the text you want to check" in response.content.decode()


def test_page_is_linked_from_the_posts_page_and_needs_signing_in(people, signed_in, client):
    assert client.get("/posts/check-personal").status_code == 302
    assert "/posts/check-personal" in signed_in(people.volunteer).get("/posts/").content.decode()
