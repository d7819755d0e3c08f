"""Readers for the labelled public datasets in ../shared/data (read in place, never copied).

Each reader yields plain records; splits are deterministic (a hash of the row id), so the
training script and the evaluation agree on which rows are held out.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = (REPO / ".." / "shared" / "data").resolve()


def data_dir() -> Path:
    if not SHARED_DATA.is_dir():
        raise SystemExit(f"labelled data not found at {SHARED_DATA} (expected ../shared/data beside the repo)")
    return SHARED_DATA


def split_of(key: str, test_share: float = 0.3) -> str:
    """'train' or 'test', fixed for a given key."""
    h = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if h < test_share else "train"


def sms_spam() -> list[dict]:
    rows = []
    path = data_dir() / "sms_spam" / "SMSSpamCollection"
    with path.open(encoding="utf-8", errors="replace") as fh:
        for i, line in enumerate(fh):
            if i == 0 and line.startswith("Label"):
                continue
            label, _, text = line.rstrip("\n").partition("\t")
            rows.append({"id": f"sms-{i}", "text": text, "spam": label == "spam", "split": split_of(f"sms-{i}")})
    return rows


def davidson() -> list[dict]:
    rows = []
    with (data_dir() / "davidson" / "labeled_data.csv").open(encoding="utf-8", errors="replace", newline="") as fh:
        for r in csv.DictReader(fh):
            rows.append({"id": f"dav-{r['']}", "text": r["tweet"], "class": int(r["class"]), "split": split_of(f"dav-{r['']}")})
    return rows


def presidio_synth() -> list[dict]:
    return json.loads((data_dir() / "presidio_synth" / "synth_dataset_v2.json").read_text(encoding="utf-8"))


def political_us() -> list[dict]:
    rows = []
    with (data_dir() / "political_social_media" / "political_social_media.csv").open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            rows.append({"id": f"pol-{i}", "text": r["text"], "partisan": r["bias"] == "partisan"})
    return rows


def sentimp_uk() -> list[dict]:
    rows = []
    with (data_dir() / "sentimp21_uk" / "uk_extended_full.csv").open(encoding="utf-8", errors="replace", newline="") as fh:
        for r in csv.DictReader(fh):
            rows.append({"id": r["tweet_id"], "text": r["full_text"], "party": r["mp_party"]})
    return rows
