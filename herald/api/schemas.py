"""Input and output schemas of the API. Inputs are strict: unknown fields, wrong types, text with
NUL characters or broken Unicode, and out-of-range numbers are refused with a 400 before any
service runs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

MAX_ID = 2**63 - 1
MAX_TEXT = 5000
MAX_REASON = 2000


def _safe_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text cannot contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text must be valid Unicode (it has an unpaired surrogate)") from None
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PostText = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_safe_text)]
Reason = Annotated[str, Field(max_length=MAX_REASON), AfterValidator(_safe_text)]
ChannelIds = Annotated[list[Id], Field(max_length=50)]


class In(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    code: str = Field(description="Machine-readable: invalid_request, unauthenticated, forbidden, not_found, "
                                  "conflict, invalid, rate_limited, server_error")
    message: str = Field(description="Plain English, meant for a person")
    details: dict[str, Any] = Field(description="More about the error, for example a message for each field")


# --- screening ---

class ScreenIn(In):
    text: PostText
    channel: Literal["official", "personal"] = Field(
        "official", description="official: a council channel; personal: a Member's own account")


class SpanOut(Schema):
    start: int
    end: int


class FindingOut(Schema):
    rule_id: str
    clause_id: str
    clause_url: str = Field(description="The clause in the council's published policy")
    category: str
    severity: Literal["block", "review", "advise"]
    message: str
    evidence: str
    span: SpanOut | None = Field(description="Where in the text (character offsets, end exclusive)")


class ScreenOut(Schema):
    verdict: Literal["pass", "review", "block"]
    policy_version: str
    engine_version: str
    pre_election: bool
    findings: list[FindingOut]


# --- channels and posts ---

class ChannelOut(Schema):
    id: int
    name: str
    platform: str
    kind: str
    official: bool
    audience: str
    handle: str


class ChannelRef(Schema):
    id: int
    name: str


class AuthorRef(Schema):
    id: int
    name: str


class ScreeningOut(Schema):
    verdict: Literal["pass", "review", "block"]
    post_version: int
    at: dt.datetime
    policy_version: int | None
    pre_election: bool
    findings: list[FindingOut]


class PostOut(Schema):
    id: int
    state: str
    state_label: str
    version: int = Field(description="Goes up each time the text or channels change; approvals name it")
    text: str
    verdict: str = Field(description="pass, review or block: the latest screening ('' before any)")
    author: AuthorRef
    channels: list[ChannelRef]
    editable: bool
    override_requested: bool
    scheduled_for: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    approved_version: int | None


class PostDetailOut(PostOut):
    screening: ScreeningOut | None


class PostCreateIn(In):
    text: PostText
    channels: ChannelIds = Field(default_factory=list, description="Ids from GET /api/channels")


class PostUpdateIn(In):
    text: PostText | None = Field(None, description="Leave out to keep the text")
    channels: ChannelIds | None = Field(None, description="Leave out to keep the channels")


class SubmitIn(In):
    request_override: bool = Field(False, description="Screening blocks the post: ask the Clerk to override")


class ApproveIn(In):
    version: Id = Field(description="The version of the post you read: approval is refused if it has changed")
    note: Reason = Field("", description="An optional note for the author")


class ScheduleIn(In):
    at: dt.datetime | None = Field(description="When it goes out, with its time zone (for example "
                                               "2026-12-01T09:30:00+00:00); null: as soon as it is approved")


class TakeDownIn(In):
    reason: Reason = Field(description="Why it is taken down: kept in the archive; the author is shown it")


class DecisionIn(In):
    reason: Reason = Field(description="Why: the author is shown it")
    version: Id | None = Field(None, description="The version you read (recommended)")


class PublicationOut(Schema):
    id: int
    channel: ChannelRef
    platform: str
    state: str
    state_label: str
    url: str
    attempts: int
    not_before: dt.datetime
    published_at: dt.datetime | None
    last_error_code: str


class Page(Schema):
    count: int = Field(description="How many there are in all")
    limit: int
    offset: int


class PostPage(Page):
    items: list[PostOut]


class ChannelPage(Page):
    items: list[ChannelOut]


class PublicationPage(Page):
    items: list[PublicationOut]


class PageIn(In):
    limit: int = Field(20, ge=1, le=100, description="At most 100")
    offset: int = Field(0, ge=0, le=1_000_000)


class PostListIn(PageIn):
    state: Literal["draft", "submitted", "in_review", "approved", "rejected", "changes_requested", "scheduled",
                   "published", "failed", "removed"] | None = None
