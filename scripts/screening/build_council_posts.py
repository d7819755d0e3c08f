"""Write the council-posts suite to tests/screening/data/council_posts_{dev,heldout}.jsonl.

    .venv/bin/python scripts/screening/build_council_posts.py

Each line: {"id", "split", "text", "expect": "pass"|"flag", "clause", "category", "context"}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))

from screening import council_posts_flag, council_posts_heldout, council_posts_pass  # noqa: E402

OUT = REPO / "tests" / "screening" / "data"


def _rows(split: str, passes: list, flags: list) -> list[dict]:
    rows = []
    for i, text in enumerate(passes):
        rows.append({"id": f"{split}-pass-{i:03d}", "split": split, "text": text, "expect": "pass",
                     "clause": None, "category": None, "context": None})
    for i, item in enumerate(flags):
        text, clause, category = item[:3]
        context = item[3] if len(item) > 3 else None
        rows.append({"id": f"{split}-flag-{i:03d}", "split": split, "text": text, "expect": "flag",
                     "clause": clause, "category": category, "context": context})
    return rows


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    suites = {
        "dev": _rows("dev", council_posts_pass.posts(), council_posts_flag.posts()),
        "heldout": _rows("heldout", council_posts_heldout.PASS, council_posts_heldout.FLAG),
    }
    for split, rows in suites.items():
        texts = [r["text"] for r in rows]
        assert len(texts) == len(set(texts)), f"duplicate texts in {split}"
        path = OUT / f"council_posts_{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        n_pass = sum(r["expect"] == "pass" for r in rows)
        print(f"{path.relative_to(REPO)}: {n_pass} pass, {len(rows) - n_pass} flag")


if __name__ == "__main__":
    main()
