"""A second version of the seed policy: tou.3 reworded, scope.discuss removed, a clause added, the
review interval changed."""

from __future__ import annotations

from herald.policy.services import SEED_POLICY

OLD_TOU3 = """      Social networking applications must not be used for actions that would put Council
      representatives in breach of Council codes of conduct or policies relating to Elected
      Members or staff."""
NEW_TOU3 = """      Social networking applications must never be used for actions that would put Council
      representatives in breach of the Council's codes of conduct or policies relating to Elected
      Members or staff."""
DISCUSS = """  - id: scope.discuss
    section: "2. Scope"
    title: Other online presence to discuss with the Clerk
    text: >-
      Many of the principles of this policy also apply to other types of online presence
      such as virtual worlds and RSS aggregation services and the use of these services
      should also be discussed with the Town Clerk.
"""
ADDED = """  - id: review.minutes
    section: "5. Policy Review"
    title: Review decisions are minuted
    text: Each review and its decision is recorded in the minutes of the meeting that made it.
"""


def seed_text() -> str:
    return SEED_POLICY.read_text(encoding="utf-8")


def new_version_text(base: str | None = None) -> str:
    text = base or seed_text()
    assert OLD_TOU3 in text and DISCUSS in text and "review_interval_months: 12" in text
    text = text.replace(OLD_TOU3, NEW_TOU3).replace(DISCUSS, "")
    text = text.replace("\n# What Herald enforces", "\n" + ADDED.rstrip("\n") + "\n\n# What Herald enforces", 1)
    return text.replace("review_interval_months: 12", "review_interval_months: 24")
