#!/usr/bin/env bash
# make bench-web: the review queue and archive search under load (issue 6 "Performance").
# A throwaway PostgreSQL (scripts/with-postgres.sh), COUNCILS x POSTS archived posts, gunicorn on
# 127.0.0.1:8765, locust (its own virtualenv under var/, pinned in scripts/bench/requirements.txt) with
# USERS concurrent users for DURATION; results into docs/performance.md (scripts/bench/report.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNCILS=${COUNCILS:-100} POSTS=${POSTS:-10000} USERS=${USERS:-20} DURATION=${DURATION:-60s}
VENV=var/bench-venv
if [ ! -x "$VENV/bin/locust" ] || ! cmp -s scripts/bench/requirements.txt "$VENV/.installed"; then
  python3.11 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r scripts/bench/requirements.txt
  cp scripts/bench/requirements.txt "$VENV/.installed"
fi
if [ "${1:-}" != "--inside" ]; then
  exec scripts/with-postgres.sh "$0" --inside
fi
export HERALD_DATA_DIR=var/bench HERALD_SECRET_KEY=bench-only-secret HERALD_ALLOWED_HOSTS=127.0.0.1
mkdir -p var/bench
.venv/bin/herald migrate --verbosity 0
echo "Seeding $COUNCILS councils x $POSTS posts..."
.venv/bin/python scripts/bench/seed_web.py --councils "$COUNCILS" --posts "$POSTS" --sessions var/bench/sessions.json
WORKERS=${WORKERS:-4} THREADS=${THREADS:-4}
.venv/bin/gunicorn herald.wsgi --bind 127.0.0.1:8765 --workers "$WORKERS" --threads "$THREADS" \
  --worker-class gthread --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:8765/ && break; sleep 0.2; done
# Warm up (connections, caches), then measure.
HERALD_BENCH_SESSIONS=var/bench/sessions.json "$VENV/bin/locust" -f scripts/bench/locustfile.py --headless \
  -u "$USERS" -r "$USERS" -t 10s -H http://127.0.0.1:8765 --only-summary >/dev/null 2>&1 || true
HERALD_BENCH_SESSIONS=var/bench/sessions.json "$VENV/bin/locust" -f scripts/bench/locustfile.py --headless \
  -u "$USERS" -r "$USERS" -t "$DURATION" -H http://127.0.0.1:8765 --csv var/bench/web --only-summary
.venv/bin/python scripts/bench/report.py --stats var/bench/web_stats.csv --councils "$COUNCILS" --posts "$POSTS" \
  --users "$USERS" --duration "$DURATION" --workers "$WORKERS" --threads "$THREADS"
