"""Offensive, sexual or profane content (tou.1): UK lexicon with allowlist + a trained model.

The model is `alt-profanity-check` (a linear SVM trained on tweets, shipped inside its wheel);
we verify its files' checksums, copy its weights into a pure-Python scorer (see `linear.py`) and
combine: a lexicon hit scores the term's weight; the model alone can only send a post to review,
because it scores harmless phrases such as "damn good cake" 0.79.
"""

from __future__ import annotations

import hashlib
from importlib import resources

from ..context import Context
from ..errors import ScreeningError
from ..findings import Finding
from ..lexicon import Lexicon, shared_lexicon
from ..linear import CalibratedLinearModel
from ..registry import Rule, register
from ..text import Document

PROFANITY_CHECK_SHA256 = {
    "model.joblib": "aeafc04849d4d93db4721cf30a86ebf22085595294b8a07d51918e7fa98f538b",
    "vectorizer.joblib": "19c5200dc6a41f026e0558e2f164f5fe8d8f58e502b46b37e4385037fcfa4831",
}
MODEL_ONLY_FACTOR = 0.52

_MODEL: CalibratedLinearModel | None = None


def load_profanity_model() -> CalibratedLinearModel:
    """Load alt-profanity-check's model from its wheel (checksummed) as a pure-Python scorer."""
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    try:
        folder = resources.files("profanity_check") / "data"
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency missing
        raise ScreeningError("alt-profanity-check is not installed (see requirements/screening.txt)") from exc
    for name, digest in PROFANITY_CHECK_SHA256.items():
        actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if actual != digest:
            raise ScreeningError(f"profanity model file {name} has checksum {actual}, expected {digest}")
    import warnings

    import joblib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with resources.as_file(folder / "vectorizer.joblib") as vpath:
            vectorizer = joblib.load(vpath)
        with resources.as_file(folder / "model.joblib") as mpath:
            model = joblib.load(mpath)
    idf = vectorizer.idf_
    folds = model.calibrated_classifiers_
    coefs = [c.estimator.coef_[0] for c in folds]
    weights = {
        word: (float(idf[col]),) + tuple(float(c[col]) for c in coefs)
        for word, col in vectorizer.vocabulary_.items()
    }
    _MODEL = CalibratedLinearModel(
        weights=weights,
        intercepts=tuple(float(c.estimator.intercept_[0]) for c in folds),
        calib_a=tuple(float(c.calibrators[0].a_) for c in folds),
        calib_b=tuple(float(c.calibrators[0].b_) for c in folds),
    )
    return _MODEL


@register
class OffensiveLanguageRule(Rule):
    id = "offensive.language"
    version = "1"
    clause_id = "tou.1"
    category = "offensive"
    description = (
        "Profane, sexual or offensive language: a UK lexicon (obfuscation-aware, with an allowlist "
        "of innocent words and place names) combined with the alt-profanity-check model."
    )

    def load(self) -> None:
        self.lexicon: Lexicon = shared_lexicon(("profanity", "sexual", "slur"), tuple(self.settings.allowlist))
        self.model = load_profanity_model() if self.rule_settings.options.get("model", True) else None
        self.loaded = True

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        hits = self.lexicon.find(doc)
        prob = self.model.predict_proba(doc.raw) if self.model is not None else 0.0
        out: list[Finding] = []
        if hits:
            best = max(hits, key=lambda h: h.term.weight)
            score = best.term.weight + (0.05 if best.obfuscated else 0.0)
            if prob >= 0.9 and score >= 0.5:
                score = max(score, 0.85)
            words = sorted({h.span.text for h in hits})
            kind = "sexual" if best.term.kind == "sexual" else ("a slur" if best.term.kind == "slur" else "profane")
            out.append(
                self.finding(
                    context,
                    score=score,
                    spans=[h.span for h in hits],
                    evidence=f"lexicon: {', '.join(words)}; model {prob:.2f}",
                    message=(
                        f"The post uses {kind} language ({', '.join(words)}), which is offensive material that "
                        "may bring the Council into disrepute."
                        if kind != "profane"
                        else f"The post uses profane language ({', '.join(words)}), which may bring the Council into disrepute."
                    ),
                )
            )
        elif prob >= 0.5 and not self.lexicon.allowlisted(doc):
            _, contrib = self.model.explain(doc.raw)
            top = [w for w, v in sorted(contrib.items(), key=lambda kv: -kv[1])[:3] if v > 0]
            out.append(
                self.finding(
                    context,
                    score=prob * MODEL_ONLY_FACTOR,
                    evidence=f"model {prob:.2f} (words: {', '.join(top)})",
                    message="The wording looks offensive to the language model; please check the tone.",
                )
            )
        return out
