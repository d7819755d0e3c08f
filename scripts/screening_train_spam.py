"""Train the commercial-promotion head (tou.7) on the SMS Spam Collection, train split only.

    .venv/bin/python scripts/screening_train_spam.py

Writes herald/screening/models/commercial_spam_lr.json (weights, intercept, metrics on the
held-out test split) and prints its sha256, which the rule checks at load time. Needs
scikit-learn at build time only; the engine scores the exported weights in pure Python.
Deterministic: fixed split (hash of row id), liblinear solver, no randomness.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screening.datasets import sms_spam  # noqa: E402

from herald.screening.linear import LogisticModel  # noqa: E402

OUT = REPO / "herald" / "screening" / "models" / "commercial_spam_lr.json"


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = sms_spam()
    featurizer = LogisticModel(weights={}, intercept=0.0)
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "test"]
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1 for f in featurizer.features(r["text"])} for r in train])
    y = [int(r["spam"]) for r in train]
    # Keep features seen at least twice (smaller artefact, less overfitting).
    counts = X.sum(axis=0).A1
    keep = counts >= 2
    X = X[:, keep]
    names = [n for n, k in zip(vec.get_feature_names_out(), keep) if k]
    clf = LogisticRegression(C=2.0, solver="liblinear", max_iter=1000, random_state=0)
    clf.fit(X, y)
    weights = {n: round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 0.01}
    model = LogisticModel(weights=weights, intercept=round(float(clf.intercept_[0]), 4))
    tp = fp = fn = tn = 0
    for r in test:
        pred = model.predict_proba(r["text"]) >= 0.5
        tp += pred and r["spam"]
        fp += pred and not r["spam"]
        fn += (not pred) and r["spam"]
        tn += (not pred) and not r["spam"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    artefact = {
        "name": "commercial_spam_lr",
        "trained_on": "../shared/data/sms_spam/SMSSpamCollection (train split: sha256(row id) >= 0.3)",
        "features": "binary unigrams + bigrams of [a-z0-9£$%]+ tokens (herald.screening.linear.LogisticModel)",
        "sklearn": "LogisticRegression(C=2.0, solver=liblinear)",
        "metrics_test_split": {"n": len(test), "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                               "tp": tp, "fp": fp, "fn": fn, "tn": tn},
        "intercept": model.intercept,
        "weights": dict(sorted(weights.items())),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(artefact, indent=0, sort_keys=True, ensure_ascii=False).encode("utf-8")
    OUT.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (OUT.with_suffix(".json.sha256")).write_text(f"{digest}  {OUT.name}\n")
    print(json.dumps(artefact["metrics_test_split"]), len(weights), "features", f"{len(data)/1024:.0f} KiB", digest)


if __name__ == "__main__":
    main()
