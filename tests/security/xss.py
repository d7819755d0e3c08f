"""Stored-XSS world: a script payload in every free-text field, and a scanner for rendered pages."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from django.db import DatabaseError, models, transaction

from tests.security.helpers import herald_models

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"

# Columns that are not text people see as such: hashes, keys, encrypted blobs, stored file names
# and paths, the policy's YAML source (parsed, never shown raw), platform references, rule ids.
NOT_FREE_TEXT = ("hash", "key", "secret", "token", "password", "credential", "file_name", "path", "remote_id",
                 "rule_id", "target_type", "yaml", "sha256")


def free_text_fields(model) -> list[str]:
    """The model's free-text columns: TextField or a long CharField, without choices."""
    found = []
    for f in model._meta.concrete_fields:
        if f.choices or any(part in f.name for part in NOT_FREE_TEXT):
            continue
        if type(f) is models.TextField or (type(f) is models.CharField and (f.max_length or 0) >= 100):
            found.append(f.name)
    return found


def fill_every_free_text_field() -> dict[str, list[str]]:
    """Put the payload into every free-text column of every existing row. Returns what was filled
    (label -> fields), so a test can check that new models are reached too."""
    filled: dict[str, list[str]] = {}
    for model in herald_models():
        names = free_text_fields(model)
        if not names or not model.objects.exists():
            continue
        for name in names:
            try:
                with transaction.atomic():
                    model.objects.update(**{name: PAYLOAD})
            except DatabaseError:
                continue
            filled.setdefault(model._meta.label, []).append(name)
    return filled


def store_through_services(people) -> None:
    """The payload through the real services, where the text is also quoted elsewhere (screening
    findings quote the post, the audit trail copies names and reasons)."""
    from herald.complaints.services import complaint_submit
    from herald.elections.services import election_create
    from herald.people.services import representative_create, suspension_create
    from herald.posts.services import post_create_draft

    clerk = people.clerk.user
    representative_create(acting_user=clerk, council=people.council, name="Pat " + PAYLOAD, kind="volunteer",
                          roles=[], official_email="pat@example.org", organisation=PAYLOAD, job_title=PAYLOAD)
    post_create_draft(acting_user=clerk, council=people.council, author=people.clerk,
                      text=PAYLOAD + " Call Mrs Jones on 07700 900123 about her bins.", channels=[])
    complaint_submit(council=people.council, name=PAYLOAD, email="resident@example.org", about="representative",
                     about_detail=PAYLOAD, text="Rude reply: " + PAYLOAD)
    election_create(acting_user=clerk, council=people.council, kind="by_election", polling_day=dt.date(2027, 9, 16),
                    area=PAYLOAD, description=PAYLOAD, candidates=[PAYLOAD])
    suspension_create(acting_user=clerk, representative=people.volunteer, starts_at=dt.datetime.now(dt.timezone.utc),
                      ends_at=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2), reason=PAYLOAD)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        handlers = [name for name, _v in attrs if name.lower().startswith("on")]
        if handlers:
            self.problems.append(f"<{tag}> with an event handler attribute {handlers}")
        if tag == "script":
            self._in_script = True
            if any(name == "src" and value == "x" for name, value in attrs):
                self.problems.append("<script src=x>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(1)" in data:
            self.problems.append(f"a <script> element running {data.strip()[:40]!r}")


def unescaped(body: str) -> list[str]:
    """What in an HTML (or Atom) document would run the payload."""
    scanner = _Scanner()
    scanner.feed(body)
    scanner.close()
    problems = scanner.problems
    if "<script>alert(1)</script>" in body or "<img src=x onerror" in body:
        problems.append("the raw payload")
    return problems
