"""Audit event types: one numbered enum, in blocks per domain (docs/audit.md lists each).

Numbers are stored in the audit trail: never renumber or reuse one.
"""

from django.db import models


class EventType(models.IntegerChoices):
    # 100 councils
    COUNCIL_CREATED = 101, "Council created"
    # 200 policy
    POLICY_VERSION_LOADED = 201, "Policy version loaded"
    POLICY_ACKNOWLEDGED = 202, "Policy acknowledged"
    # 300 people register
    REPRESENTATIVE_ADDED = 301, "Representative added"
    REPRESENTATIVE_UPDATED = 302, "Representative updated"
    REPRESENTATIVE_DEACTIVATED = 303, "Representative deactivated"
    PUBLISHING_SUSPENDED = 304, "Publishing rights suspended"
    SUSPENSION_LIFTED = 305, "Suspension lifted"
    INTEREST_REGISTERED = 306, "Interest registered"
    INTEREST_REMOVED = 307, "Interest removed"
    REPRESENTATIVE_REACTIVATED = 308, "Representative reactivated"
    # 400 sign-in and accounts
    SIGNED_IN = 401, "Signed in"
    SIGNED_OUT = 402, "Signed out"
    SIGN_IN_LOCKED_OUT = 403, "Sign-in locked out"
    ACCOUNT_CREATED = 404, "Sign-in account created"
    PASSWORD_SET = 405, "Password set"
    TWO_FACTOR_ENABLED = 406, "Two-factor authentication set up"
    RECOVERY_CODES_GENERATED = 407, "Recovery codes generated"
    RECOVERY_CODE_USED = 408, "Recovery code used"
    TWO_FACTOR_FAILED = 409, "Wrong two-factor code"
    TWO_FACTOR_RESET = 410, "Two-factor authentication reset"
    # 500 channels
    CHANNEL_PROPOSED = 501, "Channel proposed"
    CHANNEL_APPROVED = 502, "Channel approved"
    CHANNEL_REJECTED = 503, "Channel rejected"
    CHANNEL_ACTIVATED = 504, "Channel activated"
    CHANNEL_SUSPENDED = 505, "Channel suspended"
    CHANNEL_CLOSED = 506, "Channel closed"
    CHANNEL_REOPENED = 507, "Channel reopened"
    CHANNEL_UPDATED = 508, "Channel details changed"
    CHANNEL_CREDENTIALS_SET = 509, "Channel credentials set"
    CHANNEL_CHECKED = 510, "Channel compliance checked"
    CHANNEL_REAPPROVED = 511, "Channel re-approved for another year"
    CHANNEL_COMPLAINTS_INFO_CONFIRMED = 512, "Channel complaints information confirmed"
    CHANNEL_REGISTERED = 513, "Non-council channel registered"
    # 600 elections
    ELECTION_ADDED = 601, "Election added to the register"
    ELECTION_CHANGED = 602, "Election changed"
    ELECTION_CANCELLED = 603, "Election cancelled"
    ELECTION_MEMBERS_NOTIFIED = 604, "Members told a pre-election period has started"
    # 700 posts
    POST_DRAFTED = 701, "Post drafted"
    POST_EDITED = 702, "Post changed"
    POST_SUBMITTED = 703, "Post submitted"
    POST_APPROVED = 704, "Post approved"
    POST_REJECTED = 705, "Post rejected"
    POST_CHANGES_REQUESTED = 706, "Changes asked for on a post"
    POST_BLOCK_OVERRIDDEN = 707, "Screening block overridden by the Clerk"
    POST_SCHEDULED = 708, "Post scheduled"
    POST_DECISION_REFUSED = 709, "Decision on a post refused (it had changed)"
    PUBLICATION_PUBLISHED = 710, "Post published on a channel"
    PUBLICATION_FAILED = 711, "Publication failed"
    PUBLICATION_HELD = 712, "Publication held for a pre-election period"
    POST_TAKEN_DOWN = 713, "Post taken down"
    PRE_ELECTION_EXCEPTION_CONFIRMED = 714, "Pre-election exception confirmed"
    POST_APPROVAL_LAPSED = 715, "Post approval lapsed (its time passed unpublished)"
    POST_ARCHIVE_EXPORTED = 716, "Post archive exported"
    POST_WITHDRAWN = 717, "Post withdrawn from review by its author"
    # 900 records
    AUDIT_EXPORTED = 901, "Audit trail exported"
