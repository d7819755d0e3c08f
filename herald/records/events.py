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
    # 900 records
    AUDIT_EXPORTED = 901, "Audit trail exported"
