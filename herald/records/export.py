"""FOI export bundles: find third parties' personal data, redact it, write the ZIP.

Personal data is found by the screening engine's personal-data rules (`personal_data.identifiers`
and `personal_data.private_individuals`), run with the council's own policy and with the council's
representatives as known people, so a councillor or officer named in their public role is not a
finding (the engine makes that distinction). Each finding becomes a *class* of redaction (phone
number, email address, name, ...). Complainants' names and contact details, kept in their own
fields, are a class of their own. The Clerk confirms each class (redact or release) before the
bundle is built; a class found at build time that nobody confirmed is redacted.

The bundle is a ZIP with `records.csv`, `records.json` and `summary.html` (self-contained: no
scripts, styles inline in a <style> element, every value escaped). It is written to a temporary
file beside its final name and renamed only when complete: a failed build leaves nothing to
download.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import tempfile
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml
from django.conf import settings

from herald.core import clock

REDACTION_RULES = ("personal_data.identifiers", "personal_data.private_individuals")

#: Redaction classes: key -> label shown to the Clerk and written into "[redacted: label]".
CLASSES: dict[str, str] = {
    "phone": "phone number",
    "email": "email address",
    "name": "name of a private individual",
    "address": "home address or postcode",
    "id_number": "identity number (National Insurance, NHS, passport, driving licence)",
    "financial": "bank or card details",
    "vehicle": "vehicle registration",
    "date_of_birth": "date of birth",
    "ip_address": "IP address",
    "handle": "social media handle",
    "complainant": "complainant's name and contact details",
    "other": "other personal data",
}
SHORT = {"phone": "phone number", "email": "email address", "name": "name", "address": "address",
         "id_number": "identity number", "financial": "bank details", "vehicle": "vehicle registration",
         "date_of_birth": "date of birth", "ip_address": "IP address", "handle": "handle",
         "complainant": "complainant", "other": "personal data"}
_WHAT = {
    "email address": "email", "organisation email": "email",
    "mobile number": "phone", "landline number": "phone", "phone number": "phone", "non-geographic number": "phone",
    "National Insurance number": "id_number", "NHS number": "id_number", "passport number": "id_number",
    "driving licence number": "id_number", "social security number": "id_number",
    "IBAN": "financial", "payment card number": "financial", "bank sort code": "financial",
    "bank account number": "financial",
    "vehicle registration": "vehicle", "date of birth": "date_of_birth", "street address": "address",
    "postcode": "address", "IP address": "ip_address",
    "house reference": "address", "titled reference": "name", "full reference": "name", "relation reference": "name",
    "handle reference": "handle",
}
COMPLAINANT_FIELDS = ("complainant_name", "complainant_email", "complainant_phone")
MAX_EXAMPLES = 3
CSV_FIELDS = ("kind", "id", "date", "channel", "person", "summary", "text", "details")


def classify(evidence: str) -> str:
    """The redaction class of a screening finding, from its evidence ("mobile number: 07700 ...")."""
    return _WHAT.get(evidence.split(":", 1)[0].strip(), "other")


def replacement(cls: str) -> str:
    return f"[redacted: {SHORT.get(cls, 'personal data')}]"


# ----- finding personal data ---------------------------------------------------------------------

_screeners: dict[str, Any] = {}
_lock = threading.Lock()


def _screener(council):
    from herald.screening import Screener, load_policy

    version = council.active_policy
    key = (version.content_hash or hashlib.sha256(version.source_yaml.encode()).hexdigest()) if version else "seed"
    with _lock:
        if key not in _screeners:
            policy = (yaml.safe_load(version.source_yaml) or {}) if version else load_policy()
            _screeners[key] = Screener(policy, rules=list(REDACTION_RULES))
        return _screeners[key]


@dataclass
class Finder:
    """Finds personal-data spans in a council's texts (the screening engine, personal-data rules)."""

    council: Any
    screener: Any = None
    context: Any = None

    def __post_init__(self):
        from herald.people.models import Representative
        from herald.posts.screening import PERSON_ROLE
        from herald.screening import Context, KnownPerson

        self.screener = _screener(self.council)
        people = tuple(KnownPerson(name=r.name, role=PERSON_ROLE.get(r.kind, "other"))
                       for r in Representative.objects.filter(council=self.council).only("name", "kind"))
        self.context = Context(channel="official", known_people=people)
        self.limit = self.screener.settings.max_chars

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, class) of each personal-data span, overlaps merged (the first class wins)."""
        if not text or not text.strip():
            return []
        found: list[tuple[int, int, str]] = []
        for offset in range(0, len(text), self.limit):
            chunk = text[offset: offset + self.limit]
            for f in self.screener.screen(chunk, self.context).findings:
                for s in f.spans:
                    found.append((s.start + offset, s.end + offset, classify(f.evidence)))
        found.sort(key=lambda x: (x[0], -x[1]))
        merged: list[tuple[int, int, str]] = []
        for start, end, cls in found:
            if merged and start < merged[-1][1]:
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], end), last[2])
            else:
                merged.append((start, end, cls))
        return merged


def redact_text(text: str, spans: list[tuple[int, int, str]], redact: Callable[[str], bool]) -> str:
    out, pos = [], 0
    for start, end, cls in spans:
        if not redact(cls):
            continue
        out.append(text[pos:start])
        out.append(replacement(cls))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _texts(record: dict) -> Iterable[tuple[str, str]]:
    """(path, text) of each free-text value of a record that may hold third parties' personal data."""
    for key in ("summary", "text"):
        if isinstance(record.get(key), str):
            yield key, record[key]
    for key, value in (record.get("details") or {}).items():
        if key in COMPLAINANT_FIELDS:
            continue
        if isinstance(value, str):
            yield f"details.{key}", value
        elif isinstance(value, (dict, list)):
            yield f"details.{key}", json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass
class Scan:
    """Classes of personal data found: counts, records concerned and a few examples each."""

    classes: dict[str, dict] = field(default_factory=dict)

    def add(self, cls: str, example: str) -> None:
        entry = self.classes.setdefault(cls, {"label": CLASSES.get(cls, cls), "count": 0, "records": 0,
                                              "examples": []})
        entry["count"] += 1
        example = " ".join(example.split())[:80]
        if example and example not in entry["examples"] and len(entry["examples"]) < MAX_EXAMPLES:
            entry["examples"].append(example)

    def record_seen(self, classes: set[str]) -> None:
        for cls in classes:
            self.classes[cls]["records"] += 1


def scan_record(finder: Finder, record: dict, scan: Scan) -> None:
    seen: set[str] = set()
    for _path, text in _texts(record):
        for start, end, cls in finder.spans(text):
            scan.add(cls, text[start:end])
            seen.add(cls)
    details = record.get("details") or {}
    for key in COMPLAINANT_FIELDS:
        if details.get(key):
            scan.add("complainant", details[key])
            seen.add("complainant")
    scan.record_seen(seen)


def redact_record(finder: Finder, record: dict, decisions: dict[str, str]) -> dict:
    """A copy of the record with each class redacted unless the Clerk chose to release it."""

    def redact(cls: str) -> bool:
        return decisions.get(cls, "redact") != "release"

    out = dict(record)
    details = dict(record.get("details") or {})
    for path, text in list(_texts(record)):
        new = redact_text(text, finder.spans(text), redact)
        if path.startswith("details."):
            key = path.split(".", 1)[1]
            if isinstance(details[key], str):
                details[key] = new
            elif new != text:
                details[key] = new  # structured data with something redacted: kept as redacted text
        else:
            out[path] = new
    for key in COMPLAINANT_FIELDS:
        if details.get(key) and redact("complainant"):
            details[key] = replacement("complainant")
    out["details"] = details
    return out


# ----- writing the bundle ------------------------------------------------------------------------


def export_dir() -> Path:
    path = Path(settings.DATA_DIR) / "foi"
    path.mkdir(parents=True, exist_ok=True)
    return path


def export_path(file_name: str) -> Path:
    """Where a finished bundle lives. Only names Herald made are ever passed here."""
    if not file_name or "/" in file_name or "\\" in file_name or file_name.startswith("."):
        raise ValueError("bad export file name")
    return export_dir() / file_name


def _plain(record: dict) -> dict:
    at = record["at"]
    return {"kind": record["kind"], "id": record["id"], "date": at.isoformat() if at else "",
            "channel": record["channel"], "person": record["person"], "summary": record["summary"],
            "text": record["text"], "details": record["details"]}


_STYLE = ("body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c;line-height:1.4}"
          "table{border-collapse:collapse;width:100%;margin-bottom:2em}th,td{border:1px solid #b1b4b6;"
          "padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f3f2f1}"
          ".text{white-space:pre-wrap;max-width:40em}caption{text-align:left;font-weight:bold;margin:.5em 0}")


def _h(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass
class BundleInfo:
    size: int
    sha256: str
    counts: dict[str, int]


def write_bundle(*, path: Path, foi_request, scope, records: Iterable[dict], decisions: dict[str, str],
                 classes: dict[str, dict], kinds: dict[str, str], progress: Callable[[int], None] | None = None,
                 every: int = 500) -> BundleInfo:
    """Write the ZIP to `path` (atomically: a temporary file renamed at the end). `records` are
    already redacted. Returns the size, checksum and the number of records of each kind."""
    from herald.core.clock import format_date, format_datetime

    directory = path.parent
    counts: dict[str, int] = {k: 0 for k in kinds}
    with tempfile.TemporaryDirectory(dir=directory, prefix=".build-") as work:
        work_dir = Path(work)
        csv_file = open(work_dir / "records.csv", "w", encoding="utf-8", newline="")
        json_file = open(work_dir / "records.json", "w", encoding="utf-8")
        html_rows = open(work_dir / "rows.html", "w", encoding="utf-8")
        try:
            writer = csv.writer(csv_file)
            writer.writerow(CSV_FIELDS)
            json_file.write('{"request": ' + json.dumps(_request_meta(foi_request, scope, decisions),
                                                          ensure_ascii=False) + ',\n"records": [\n')
            current_kind, n = None, 0
            for record in records:
                row = _plain(record)
                if row["kind"] != current_kind:
                    if current_kind is not None:
                        html_rows.write("</tbody></table>\n")
                    current_kind = row["kind"]
                    html_rows.write(f'<table><caption>{_h(kinds.get(current_kind, current_kind))}</caption><thead><tr>'
                                    '<th scope="col">Date</th><th scope="col">Channel</th><th scope="col">Person</th>'
                                    '<th scope="col">Record</th><th scope="col">Text</th></tr></thead><tbody>\n')
                counts[row["kind"]] = counts.get(row["kind"], 0) + 1
                writer.writerow([row["kind"], row["id"], row["date"], row["channel"], row["person"], row["summary"],
                                 row["text"], json.dumps(row["details"], ensure_ascii=False, sort_keys=True)])
                json_file.write(("," if n else "") + json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                html_rows.write(f'<tr><td>{_h(format_datetime(record["at"]) if record["at"] else "")}</td>'
                                f'<td>{_h(row["channel"])}</td><td>{_h(row["person"])}</td>'
                                f'<td>{_h(row["summary"])}</td><td class="text">{_h(row["text"])}</td></tr>\n')
                n += 1
                if progress is not None and n % every == 0:
                    progress(n)
            if current_kind is not None:
                html_rows.write("</tbody></table>\n")
            json_file.write("]}\n")
        finally:
            csv_file.close()
            json_file.close()
            html_rows.close()
        summary = work_dir / "summary.html"
        with open(summary, "w", encoding="utf-8") as out:
            out.write(_summary_head(foi_request, scope, decisions, classes, counts, kinds, format_date))
            with open(work_dir / "rows.html", encoding="utf-8") as rows:
                for line in rows:
                    out.write(line)
            out.write("</main></body></html>\n")
        partial = directory / f".{path.name}.part"
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                zf.write(work_dir / "summary.html", "summary.html")
                zf.write(work_dir / "records.csv", "records.csv")
                zf.write(work_dir / "records.json", "records.json")
            digest = hashlib.sha256()
            with open(partial, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            os.replace(partial, path)
        finally:
            if partial.exists():
                partial.unlink()
    if progress is not None:
        progress(n)
    return BundleInfo(size=path.stat().st_size, sha256=digest.hexdigest(), counts=counts)


def _request_meta(foi_request, scope, decisions) -> dict:
    return {"reference": foi_request.reference, "council": foi_request.council.name,
            "received_on": foi_request.received_on.isoformat(), "due_on": foi_request.due_on.isoformat(),
            "request": foi_request.request_text, "scope": scope.as_dict(), "scope_described": scope.describe(),
            "redactions": {cls: decisions.get(cls, "redact") for cls in decisions},
            "exported_at": clock.now().isoformat()}


def _summary_head(foi_request, scope, decisions, classes, counts, kinds, format_date) -> str:
    title = f"Freedom of Information request {foi_request.reference}"
    parts = [
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title><style>{_STYLE}</style></head><body><main>",
        f"<h1>{_h(title)}</h1>",
        f"<p>{_h(foi_request.council.name)}. Received {_h(format_date(foi_request.received_on))}; "
        f"due {_h(format_date(foi_request.due_on))}. Exported {_h(clock.format_datetime(clock.now()))}.</p>",
        f'<h2>The request</h2><p class="text">{_h(foi_request.request_text)}</p>',
        f"<h2>Records searched</h2><p>{_h(scope.describe()[:1].upper() + scope.describe()[1:])}.</p>",
        '<table><caption>Records in this bundle</caption><thead><tr><th scope="col">Kind of record</th>'
        '<th scope="col">Number</th></tr></thead><tbody>',
    ]
    for kind, label in kinds.items():
        parts.append(f"<tr><td>{_h(label)}</td><td>{counts.get(kind, 0):,}</td></tr>")
    parts.append("</tbody></table><h2>Personal data</h2>")
    if classes:
        parts.append("<p>Third parties' personal data was found by Herald's screening rules and handled as the "
                     "Clerk confirmed:</p><ul>")
        for cls, entry in classes.items():
            verdict = "released" if decisions.get(cls) == "release" else "redacted"
            parts.append(f"<li>{_h(entry.get('label', cls))}: {entry.get('count', 0):,} found, {verdict}.</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>No third parties' personal data was found.</p>")
    parts.append("<p>Redacted text reads “[redacted: …]”. Full records are in records.csv and records.json.</p>"
                 "<h2>Records</h2>")
    return "\n".join(parts)

