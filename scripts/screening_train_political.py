"""Train the political-content head (tou.5) — "reads like a politician's campaigning post".

    .venv/bin/python scripts/screening_train_political.py

Positives: UK MPs' tweets (SentiMP-21 UK, train split) and US politicians' posts
(political_social_media, all rows). Negatives: SMS ham and Davidson "neither" tweets (train
splits) and the dev split of our council-posts suite. The SentiMP test split and the held-out
council posts are never seen. Writes herald/screening/models/political_lr.json + .sha256 with
metrics. Build-time only (scikit-learn); the engine scores the weights in pure Python.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screening.datasets import davidson, political_us, sentimp_uk, sms_spam, split_of  # noqa: E402

from herald.screening.linear import LogisticModel  # noqa: E402

OUT = REPO / "herald" / "screening" / "models" / "political_lr.json"


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    uk = sentimp_uk()
    pos = [r["text"] for r in uk if split_of("uk-" + r["id"]) == "train"] + [r["text"] for r in political_us()]
    council = [json.loads(l) for l in (REPO / "tests/screening/data/council_posts_dev.jsonl").read_text().splitlines()]
    neg = ([r["text"] for r in sms_spam() if r["split"] == "train" and not r["spam"]]
           + [r["text"] for r in davidson() if r["split"] == "train" and r["class"] == 2]
           + [r["text"] for r in council if r["expect"] == "pass"] * 3)
    featurizer = LogisticModel(weights={}, intercept=0.0)
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1 for f in featurizer.features(t)} for t in pos + neg])
    y = [1] * len(pos) + [0] * len(neg)
    keep = X.sum(axis=0).A1 >= 3
    X = X[:, keep]
    names = [n for n, k in zip(vec.get_feature_names_out(), keep) if k]
    clf = LogisticRegression(C=0.5, solver="liblinear", max_iter=2000, class_weight="balanced", random_state=0)
    clf.fit(X, y)
    weights = {n: round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 0.02}
    model = LogisticModel(weights=weights, intercept=round(float(clf.intercept_[0]), 4))
    uk_test = [r["text"] for r in uk if split_of("uk-" + r["id"]) == "test"]
    ordinary = ([r["text"] for r in sms_spam() if r["split"] == "test" and not r["spam"]]
                + [r["text"] for r in davidson() if r["split"] == "test" and r["class"] == 2])
    metrics = {}
    for cut in (0.5, 0.7, 0.8, 0.9):
        metrics[str(cut)] = {
            "uk_mp_test_recall": round(sum(model.predict_proba(t) >= cut for t in uk_test) / len(uk_test), 4),
            "non_political_test_fpr": round(sum(model.predict_proba(t) >= cut for t in ordinary) / len(ordinary), 4),
        }
    artefact = {
        "name": "political_lr",
        "trained_on": "SentiMP-21 UK (train split: sha256('uk-'+tweet_id) >= 0.3), political_social_media (all), "
                      "SMS ham + Davidson class 2 (train splits), council_posts_dev ordinary posts (x3). Cut-off 0.9 (see docs/screening.md).",
        "features": "binary unigrams + bigrams (herald.screening.linear.LogisticModel)",
        "sklearn": "LogisticRegression(C=0.5, liblinear, class_weight=balanced), features seen >= 3 times",
        "metrics_by_cutoff": metrics,
        "n_uk_test": len(uk_test),
        "intercept": model.intercept,
        "weights": dict(sorted(weights.items())),
    }
    data = json.dumps(artefact, indent=0, sort_keys=True, ensure_ascii=False).encode("utf-8")
    OUT.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    OUT.with_suffix(".json.sha256").write_text(f"{digest}  {OUT.name}\n")
    print(json.dumps(metrics), len(weights), "features", f"{len(data) / 1024:.0f} KiB", digest)


if __name__ == "__main__":
    main()
