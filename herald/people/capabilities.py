"""What each role may do, as data (docs/roles.md documents every capability).

Access checks never test role names: they ask `has_capability(user, Capability.X)`.
"""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_PEOPLE = "view_people"
    MANAGE_PEOPLE = "manage_people"
    SUSPEND_PUBLISHING = "suspend_publishing"
    MANAGE_OWN_INTERESTS = "manage_own_interests"
    VIEW_AUDIT = "view_audit"
    EXPORT_AUDIT = "export_audit"
    MANAGE_POLICY = "manage_policy"
    ACKNOWLEDGE_POLICY = "acknowledge_policy"
    MANAGE_CHANNELS = "manage_channels"
    PROPOSE_CHANNELS = "propose_channels"
    MANAGE_ELECTIONS = "manage_elections"
    DRAFT_POSTS = "draft_posts"
    REVIEW_POSTS = "review_posts"
    TAKE_DOWN_POSTS = "take_down_posts"
    VIEW_POST_ARCHIVE = "view_post_archive"
    USE_API = "use_api"
    CHECK_PERSONAL_POSTS = "check_personal_posts"
    HANDLE_COMPLAINTS = "handle_complaints"
    HANDLE_COMPLAINTS_ABOUT_CLERK = "handle_complaints_about_clerk"
    DECIDE_COMPLAINT_APPEALS = "decide_complaint_appeals"
    VIEW_FOI = "view_foi"
    MANAGE_FOI = "manage_foi"
    MANAGE_RETENTION = "manage_retention"


DESCRIPTIONS: dict[Capability, str] = {
    Capability.VIEW_DASHBOARD: "See the council dashboard.",
    Capability.VIEW_PEOPLE: "See the people register.",
    Capability.MANAGE_PEOPLE: "Add, change and deactivate representatives; create sign-in accounts; "
                              "record anyone's registered interests.",
    Capability.SUSPEND_PUBLISHING: "Suspend and restore representatives' publishing rights.",
    Capability.MANAGE_OWN_INTERESTS: "Record and remove one's own registered interests.",
    Capability.VIEW_AUDIT: "Read the audit trail.",
    Capability.EXPORT_AUDIT: "Export the audit trail.",
    Capability.MANAGE_POLICY: "Run the policy review: review items, and adopting a new version of the council's "
                              "policy (clause-by-clause difference, decision and minute reference).",
    Capability.ACKNOWLEDGE_POLICY: "Acknowledge having read the current policy.",
    Capability.MANAGE_CHANNELS: "Approve, reject, suspend, close and reopen channels; run compliance checks; "
                                "set channel credentials.",
    Capability.PROPOSE_CHANNELS: "Propose a new channel (social networking application) for the Clerk's approval.",
    Capability.MANAGE_ELECTIONS: "Keep the elections register and confirm pre-election exceptions.",
    Capability.DRAFT_POSTS: "Write posts for the channels one may post on, see their screening and submit them.",
    Capability.REVIEW_POSTS: "Approve, reject or ask for changes to posts; override a screening block with a reason.",
    Capability.TAKE_DOWN_POSTS: "Take a published post down from its platforms, with a reason.",
    Capability.VIEW_POST_ARCHIVE: "Search the archive of submitted and published posts and their history.",
    Capability.USE_API: "Create and revoke one's own API tokens and use the REST API, with the same rights as "
                        "on the web.",
    Capability.CHECK_PERSONAL_POSTS: "Check text meant for one's own social media account against the policy "
                                     "(ident.6 and the Terms of Use); nothing is stored or published.",
    Capability.HANDLE_COMPLAINTS: "Handle complaints (except complaints about the Clerk): cases, deadlines, "
                                  "decisions, removals, suspensions, closures, referrals; the complaints report.",
    Capability.HANDLE_COMPLAINTS_ABOUT_CLERK: "Handle complaints about the Clerk (or anyone who handles complaints); "
                                              "such cases are hidden from the Clerk.",
    Capability.DECIDE_COMPLAINT_APPEALS: "Decide a review (appeal) of a complaint decision made by someone else.",
    Capability.VIEW_FOI: "Read the register of Freedom of Information requests, their searches and export bundles.",
    Capability.MANAGE_FOI: "Log and answer Freedom of Information requests: search the records, confirm redactions, "
                           "build export bundles, record internal reviews (legal holds follow each request).",
    Capability.MANAGE_RETENTION: "See the retention rules and what the next run would purge or anonymise (and what a "
                                  "legal hold keeps); run them now.",
}

EVERYONE = frozenset({Capability.ACKNOWLEDGE_POLICY, Capability.VIEW_DASHBOARD, Capability.DRAFT_POSTS,
                      Capability.CHECK_PERSONAL_POSTS, Capability.USE_API})

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    "clerk": frozenset(Capability) - {Capability.HANDLE_COMPLAINTS_ABOUT_CLERK},
    "chair": EVERYONE | {Capability.VIEW_PEOPLE, Capability.VIEW_AUDIT, Capability.MANAGE_OWN_INTERESTS,
                         Capability.VIEW_POST_ARCHIVE, Capability.HANDLE_COMPLAINTS_ABOUT_CLERK,
                         Capability.DECIDE_COMPLAINT_APPEALS, Capability.VIEW_FOI},
    "officer": EVERYONE | {Capability.VIEW_PEOPLE, Capability.PROPOSE_CHANNELS},
    "member": EVERYONE | {Capability.MANAGE_OWN_INTERESTS, Capability.PROPOSE_CHANNELS},
}

# Roles whose holders must use two-factor authentication.
TWO_FACTOR_ROLES = frozenset({"clerk", "chair"})


def capabilities_for(roles: list[str]) -> frozenset[Capability]:
    caps: frozenset[Capability] = EVERYONE
    for role in roles:
        caps |= ROLE_CAPABILITIES.get(role, frozenset())
    return caps
