# Screening engine targets (included from the Makefile; PY is the venv python).
.PHONY: eval bench-screening screening-models screening-data test-screening

## eval: precision/recall/F1 per category on ../shared/data and the council-posts suite
eval: .venv/.installed
	$(PY) scripts/screening_eval.py --write-docs --json var/screening-eval.json

## bench-screening: throughput, latency, cold start, memory vs a Presidio baseline -> docs/performance.md
bench-screening: .venv/.installed
	$(PY) scripts/screening_bench.py

## screening-models: retrain the committed classifier heads from ../shared/data (deterministic)
screening-models: .venv/.installed
	$(PY) scripts/screening_train_spam.py
	$(PY) scripts/screening_train_political.py

## screening-data: rebuild the council-posts suite and functional hate tests from their sources
screening-data: .venv/.installed
	$(PY) scripts/screening/build_council_posts.py
	$(PY) scripts/screening/build_functional_hate.py

test-screening: .venv/.installed
	$(PY) -m pytest tests/screening -q
