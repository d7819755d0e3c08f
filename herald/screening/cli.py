"""`herald screen`: screen a text, stdin, or a CSV / JSON Lines file from the command line.

Pure Python (the Django management command only forwards to `add_arguments` and `run`), so it
can be tested and reused without Django. Exit status: 0 pass, 1 review, 2 block, 3 error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path
from typing import Any, Iterator, TextIO

from .context import Context
from .engine import Screener
from .errors import ScreeningError
from .findings import Report
from .loader import DEFAULT_POLICY, load_policy

EXIT = {"pass": 0, "review": 1, "block": 2}
EXIT_ERROR = 3
BATCH = 256


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", help="text to screen; '-' or nothing reads standard input")
    parser.add_argument("--file", type=Path, help="CSV or JSON Lines file with one post per row")
    parser.add_argument("--column", default="text", help="column / key holding the text (default: text)")
    parser.add_argument("--id-column", default=None, help="column / key identifying each row in the output")
    parser.add_argument("--context-column", default=None, help="column / key holding a JSON context per row")
    parser.add_argument("--policy", type=Path, default=DEFAULT_POLICY, help="policy YAML file (default: the Stalbridge seed)")
    parser.add_argument("--context", default=None, help="context as JSON, or @path to a JSON file")
    parser.add_argument("--channel", choices=["official", "personal"], default=None)
    parser.add_argument("--audience", choices=["general", "children"], default=None)
    parser.add_argument("--author-kind", choices=["employee", "member", "partner", "contractor", "volunteer"], default=None)
    parser.add_argument("--pre-election", action="store_true", default=None, help="a pre-election period is in force")
    parser.add_argument("--json", action="store_true", help="print JSON (one object per line for files)")
    parser.add_argument("--explain", action="store_true", help="show every rule's score, not only findings")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr for files")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="herald screen", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return parser


def _context(options: dict[str, Any]) -> Context:
    raw = options.get("context")
    data: dict[str, Any] = {}
    if raw:
        text = Path(raw[1:]).read_text(encoding="utf-8") if raw.startswith("@") else raw
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ScreeningError(f"--context is not valid JSON: {exc.msg}") from None
    if options.get("channel"):
        data["channel"] = options["channel"]
    if options.get("audience"):
        data["audience"] = options["audience"]
    if options.get("author_kind"):
        data.setdefault("author", {})["kind"] = options["author_kind"]
    if options.get("pre_election"):
        data["pre_election"] = True
    return Context.from_dict(data)


def _rows(path: Path, column: str, id_column: str | None, context_column: str | None) -> Iterator[tuple[str, str, Any]]:
    suffix = path.suffix.lower()
    with path.open("rb") as fh:
        raw = fh.read()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScreeningError(f"{path} is not valid UTF-8 (bad byte at {exc.start})") from None
    if suffix in (".jsonl", ".ndjson", ".json"):
        for n, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ScreeningError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or column not in obj:
                raise ScreeningError(f"{path}:{n}: no '{column}' key (use --column)")
            yield str(obj.get(id_column, n) if id_column else n), obj[column], obj.get(context_column) if context_column else None
    elif suffix in (".csv", ".tsv"):
        reader = csv.DictReader(io.StringIO(content), delimiter="\t" if suffix == ".tsv" else ",")
        if reader.fieldnames is None or column not in reader.fieldnames:
            raise ScreeningError(f"{path}: no '{column}' column (columns: {', '.join(reader.fieldnames or [])})")
        for n, row in enumerate(reader, 1):
            ctx = row.get(context_column) if context_column else None
            yield str(row.get(id_column, n) if id_column else n), row[column], json.loads(ctx) if ctx else None
    else:
        raise ScreeningError(f"{path}: use a .csv, .tsv or .jsonl file")


def _progress(stderr: TextIO, done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    rate = done / max(time.perf_counter() - started, 1e-9)
    stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} posts  {rate:,.0f}/s")
    stderr.flush()


def format_report(report: Report, *, explain: bool = False, label: str | None = None) -> str:
    lines = []
    head = f"{label}: " if label else ""
    lines.append(f"{head}{report.verdict.upper()}  ({len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}, policy {report.policy_version}, engine {report.engine_version})")
    if report.findings:
        lines.append(f"  {'severity':<8} {'clause':<12} {'score':>5}  {'rule':<34} explanation")
        for f in report.findings:
            lines.append(f"  {f.severity:<8} {f.clause_id:<12} {f.score:>5.2f}  {f.rule_id:<34} {f.message}")
            if f.evidence:
                lines.append(f"  {'':<8} {'':<12} {'':>5}  {'':<34} evidence: {f.evidence}")
    if explain and report.scores:
        lines.append("  rule scores:")
        for rule_id, score in sorted(report.scores.items()):
            lines.append(f"    {rule_id:<36} {score:.2f}")
    return "\n".join(lines)


def run(options: dict[str, Any], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Run the command; returns the exit status."""
    try:
        screener = Screener(load_policy(options.get("policy") or DEFAULT_POLICY))
        context = _context(options)
        explain = bool(options.get("explain"))
        as_json = bool(options.get("json"))
        path = options.get("file")
        if path is None:
            text = options.get("text")
            if text is None or text == "-":
                data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
                text = data  # bytes are decoded (and invalid UTF-8 rejected) by the engine
            report = screener.screen(text, context, explain=explain)
            stdout.write((json.dumps(report.to_dict()) if as_json else format_report(report, explain=explain)) + "\n")
            return EXIT[report.verdict]
        rows = list(_rows(Path(path), options.get("column") or "text", options.get("id_column"), options.get("context_column")))
        screener.warm_up()
        worst = "pass"
        counts = {"pass": 0, "review": 0, "block": 0}
        started = time.perf_counter()
        show_progress = not options.get("no_progress")
        for start in range(0, len(rows), BATCH):
            chunk = rows[start: start + BATCH]
            contexts = [Context.from_dict({**_as_dict(context), **ctx}) if ctx else context for _, _, ctx in chunk]
            reports = screener.screen_many([t for _, t, _ in chunk], contexts, explain=explain)
            for (row_id, _, _), report in zip(chunk, reports):
                counts[report.verdict] += 1
                if EXIT[report.verdict] > EXIT[worst]:
                    worst = report.verdict
                if as_json:
                    stdout.write(json.dumps({"id": row_id, **report.to_dict()}) + "\n")
                elif report.findings or explain:
                    stdout.write(format_report(report, explain=explain, label=f"row {row_id}") + "\n")
            if show_progress:
                _progress(stderr, min(start + BATCH, len(rows)), len(rows), started)
        if show_progress:
            stderr.write("\n")
        if not as_json:
            stdout.write(f"{len(rows)} posts: {counts['pass']} pass, {counts['review']} review, {counts['block']} block\n")
        return EXIT[worst]
    except (ScreeningError, OSError, ValueError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        stderr.write(f"error: {message}\n")
        return EXIT_ERROR


def _as_dict(context: Context) -> dict[str, Any]:
    from dataclasses import asdict

    data = asdict(context)
    data["now"] = context.now.isoformat() if context.now else None
    return data


def main(argv: list[str] | None = None) -> int:
    options = vars(build_parser().parse_args(argv))
    return run(options, sys.stdin, sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
