"""What the screener knows about a post besides its text: who writes it, where, when, with what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from .errors import InvalidInput

AUTHOR_KINDS = ("employee", "member", "partner", "contractor", "volunteer")
CHANNEL_KINDS = ("official", "personal")
AUDIENCES = ("general", "children")
RIGHTS = ("own_work", "licensed", "permission", "public_domain")
PERSON_ROLES = ("councillor", "staff", "candidate", "partner", "other")


@dataclass(frozen=True, slots=True)
class RegisteredInterest:
    """An entry in a Member's register of interests (employment, business, land, securities...)."""

    kind: str
    description: str
    names: tuple[str, ...] = ()  # names a post would use for it: "Hughes Plumbing", "Mill Farm"


@dataclass(frozen=True, slots=True)
class Author:
    kind: str = "employee"
    roles: tuple[str, ...] = ()
    name: str = ""
    interests: tuple[RegisteredInterest, ...] = ()


@dataclass(frozen=True, slots=True)
class Attachment:
    """Metadata of an image, video or document attached to a post."""

    filename: str = ""
    media_type: str = ""
    rights: str | None = None  # own_work | licensed | permission | public_domain | None (not declared)
    credit: str = ""
    depicts_children: bool = False
    consent_recorded: bool = False


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """Someone named in their public role: councillor, staff, candidate, partner contact."""

    name: str
    role: str = "councillor"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    author: Author = field(default_factory=Author)
    channel: str = "official"
    audience: str = "general"
    now: datetime | None = None
    attachments: tuple[Attachment, ...] = ()
    links: tuple[str, ...] = ()
    known_people: tuple[KnownPerson, ...] = ()
    pre_election: bool = False

    def __post_init__(self) -> None:
        if self.channel not in CHANNEL_KINDS:
            raise InvalidInput(f"channel must be one of {CHANNEL_KINDS}, not {self.channel!r}")
        if self.audience not in AUDIENCES:
            raise InvalidInput(f"audience must be one of {AUDIENCES}, not {self.audience!r}")

    @property
    def official(self) -> bool:
        return self.channel == "official"

    @property
    def member_personal(self) -> bool:
        """A Member (councillor) posting on their own account: ident.6 applies."""
        return self.channel == "personal" and self.author.kind == "member"

    def names_with_role(self, *roles: str) -> tuple[str, ...]:
        out: list[str] = []
        for person in self.known_people:
            if not roles or person.role in roles:
                out.append(person.name)
                out.extend(person.aliases)
        return tuple(out)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Context":
        """Build a context from plain JSON-like data (CLI, API, tests)."""
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise InvalidInput("context must be a mapping")
        author_data = data.get("author") or {}
        interests = tuple(
            RegisteredInterest(
                kind=str(i.get("kind", "other")),
                description=str(i.get("description", "")),
                names=tuple(_strs(i.get("names", ()))),
            )
            for i in (author_data.get("interests") or author_data.get("registered_interests") or ())
        )
        author = Author(
            kind=str(author_data.get("kind", "employee")),
            roles=tuple(_strs(author_data.get("roles", ()))),
            name=str(author_data.get("name", "")),
            interests=interests,
        )
        attachments = tuple(
            Attachment(
                filename=str(a.get("filename", "")),
                media_type=str(a.get("media_type", "")),
                rights=a.get("rights"),
                credit=str(a.get("credit", "") or ""),
                depicts_children=bool(a.get("depicts_children", False)),
                consent_recorded=bool(a.get("consent_recorded", False)),
            )
            for a in data.get("attachments", ())
        )
        people: list[KnownPerson] = []
        for p in list(data.get("known_people") or ()) + list(data.get("known_names") or ()):
            if isinstance(p, str):
                people.append(KnownPerson(name=p))
            else:
                people.append(
                    KnownPerson(
                        name=str(p["name"]),
                        role=str(p.get("role", "councillor")),
                        aliases=tuple(_strs(p.get("aliases", ()))),
                    )
                )
        now = data.get("now")
        if isinstance(now, str):
            try:
                now = datetime.fromisoformat(now)
            except ValueError as exc:
                raise InvalidInput(f"context.now is not an ISO date-time: {now!r}") from exc
        return cls(
            author=author,
            channel=str(data.get("channel", "official")),
            audience=str(data.get("audience", "general")),
            now=now,
            attachments=attachments,
            links=tuple(_strs(data.get("links", ()))),
            known_people=tuple(people),
            pre_election=bool(data.get("pre_election", False)),
        )


def _strs(values: Iterable[Any]) -> list[str]:
    return [str(v) for v in values or ()]


DEFAULT_CONTEXT = Context()
