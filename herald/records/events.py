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
    # 600 elections
    # 900 records
    AUDIT_EXPORTED = 901, "Audit trail exported"
