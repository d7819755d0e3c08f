"""Write the `make bench-web` results (locust's stats CSV) into docs/performance.md between markers."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "performance.md"
START, END = "<!-- bench-web:start -->", "<!-- bench-web:end -->"
TARGET_P95_MS = 150
PUBLIC_RPS, PUBLIC_P95_MS = 300, 100
COMPLAINTS_RPS = 50


def parse_result(line: str) -> dict[str, float]:
    """wrk's RESULT line from scripts/bench/*.lua: 'RESULT requests=... p95_ms=...'."""
    return {k: float(v) for k, v in (part.split("=") for part in line.split()[1:])}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--stats", type=Path, required=True)
    for name in ("councils", "posts", "users", "duration", "workers", "threads", "public", "connections",
                 "wrk-duration", "complaints", "stored"):
        p.add_argument(f"--{name}", required=True)
    a = p.parse_args()
    rows = list(csv.DictReader(a.stats.open()))
    lines = [
        f"Measured {dt.date.today():%-d %B %Y} by `make bench-web` on this machine ({os.cpu_count()} CPU cores, "
        f"Python {platform.python_version()}): PostgreSQL (throwaway cluster, `scripts/with-postgres.sh`), "
        f"{int(a.councils):,} councils × {int(a.posts):,} archived posts = {int(a.councils) * int(a.posts):,} posts; "
        f"gunicorn with {a.workers} workers × {a.threads} threads on 127.0.0.1; locust with {a.users} concurrent "
        f"signed-in Clerks (each of a different council, 0.5–1.5 s think time) for {a.duration} after a 10 s warm-up.",
        "",
        "| request | requests | failures | requests/s | median ms | p95 ms | p99 ms | max ms | p95 ≤ "
        f"{TARGET_P95_MS} ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        p95 = float(r["95%"])
        ok = "yes" if p95 <= TARGET_P95_MS and int(r["Failure Count"]) == 0 else "**no**"
        lines.append(f"| {r['Name']} | {int(r['Request Count']):,} | {r['Failure Count']} | "
                     f"{float(r['Requests/s']):.1f} | {float(r['Median Response Time']):.0f} | {p95:.0f} | "
                     f"{float(r['99%']):.0f} | {float(r['Max Response Time']):.0f} | {ok} |")
    pub, com = parse_result(a.public), parse_result(a.complaints)
    pub_rps, com_rps = pub["requests"] / pub["duration_s"], com["requests"] / com["duration_s"]
    accepted, stored = int(com["requests"] - com["errors"]), int(a.stored)
    lines += [
        "",
        f"Public pages and the complaint form (issue 9): wrk, 2 threads, {a.connections} connections for the pages "
        f"and 10 for the form, {a.wrk_duration} each after a 5 s warm-up, against the same gunicorn. The pages are "
        "one council's home, policy, channel list, a channel, news page and Atom feed, in turn. Each complaint has "
        "its own text and email address (so none is taken for a resend); the per-address limit is lifted for the "
        "test. 'Stored' counts the complaints in the database afterwards.",
        "",
        "| load | requests | errors | requests/s | median ms | p95 ms | p99 ms | target | met |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
        f"| public pages | {int(pub['requests']):,} | {int(pub['errors'])} | {pub_rps:.0f} | {pub['p50_ms']:.0f} | "
        f"{pub['p95_ms']:.0f} | {pub['p99_ms']:.0f} | ≥ {PUBLIC_RPS}/s at p95 ≤ {PUBLIC_P95_MS} ms | "
        f"{'yes' if pub_rps >= PUBLIC_RPS and pub['p95_ms'] <= PUBLIC_P95_MS and not pub['errors'] else '**no**'} |",
        f"| complaint form (POST) | {int(com['requests']):,} | {int(com['errors'])} | {com_rps:.0f} | "
        f"{com['p50_ms']:.0f} | {com['p95_ms']:.0f} | {com['p99_ms']:.0f} | ≥ {COMPLAINTS_RPS}/s, none lost | "
        f"{'yes' if com_rps >= COMPLAINTS_RPS and stored >= accepted else '**no**'} |",
        "",
        f"Complaints accepted (redirected to the confirmation): {accepted:,}; stored: {stored:,}; lost: "
        f"{max(accepted - stored, 0)}. (A request still in flight when wrk stops can be stored without being counted "
        "as accepted, so stored may exceed accepted.)",
    ]
    block = "\n".join([START, *lines, END])
    text = DOC.read_text()
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text += "\n## Web (`make bench-web`)\n\n" + block + "\n"
    DOC.write_text(text)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
