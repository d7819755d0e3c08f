# Web benchmarks (included from the Makefile). Not part of `make test`: timings are not tests.
.PHONY: bench-web

## bench-web: review queue + archive search, 100 councils x 10,000 posts on PostgreSQL, 20 users -> docs/performance.md
bench-web: setup
	scripts/bench/web.sh
