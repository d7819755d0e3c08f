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


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--stats", type=Path, required=True)
    for name in ("councils", "posts", "users", "duration", "workers", "threads"):
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
    block = "\n".join([START, *lines, END])
    text = DOC.read_text()
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text += "\n## Web: review queue and archive search (`make bench-web`)\n\n" + block + "\n"
    DOC.write_text(text)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
