#!/usr/bin/env bash
# make bench-web: web performance against gunicorn + PostgreSQL, results into docs/performance.md.
#  1. staff (issue 6): the review queue and archive search with COUNCILS x POSTS archived posts, USERS signed-in
#     Clerks for DURATION (locust, its own virtualenv under var/, pinned in scripts/bench/requirements.txt);
#  2. public pages (issue 9): anonymous readers of one council's public pages, wrk with CONNECTIONS connections;
#  3. complaint form (issue 9): residents sending complaints (wrk); every accepted one must be in the database.
# A throwaway PostgreSQL (scripts/with-postgres.sh); gunicorn on 127.0.0.1:8765.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNCILS=${COUNCILS:-100} POSTS=${POSTS:-10000} USERS=${USERS:-20} DURATION=${DURATION:-60s}
VENV=var/bench-venv
if [ ! -x "$VENV/bin/locust" ] || ! cmp -s scripts/bench/requirements.txt "$VENV/.installed"; then
  python3.11 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r scripts/bench/requirements.txt
  cp scripts/bench/requirements.txt "$VENV/.installed"
fi
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
  else echo "make bench-web needs wrk (Debian package wrk)"; exit 1; fi
fi
if [ "${1:-}" != "--inside" ]; then
  exec scripts/with-postgres.sh "$0" --inside
fi
export DJANGO_SETTINGS_MODULE=herald.settings HERALD_DATA_DIR=var/bench HERALD_SECRET_KEY=bench-only-secret HERALD_ALLOWED_HOSTS=127.0.0.1
# The complaint form's per-address limit would refuse a load test from one address.
export HERALD_COMPLAINTS_PER_HOUR=100000000
mkdir -p var/bench
.venv/bin/herald migrate --verbosity 0
echo "Seeding $COUNCILS councils x $POSTS posts..."
.venv/bin/python scripts/bench/seed_web.py --councils "$COUNCILS" --posts "$POSTS" --sessions var/bench/sessions.json
WORKERS=${WORKERS:-4} THREADS=${THREADS:-4}
.venv/bin/gunicorn herald.wsgi --bind 127.0.0.1:8765 --workers "$WORKERS" --threads "$THREADS" \
  --worker-class gthread --log-level warning >var/bench/gunicorn.log 2>&1 &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:8765/ && break; sleep 0.2; done
# Warm up (connections, caches), then measure.
HERALD_BENCH_SESSIONS=var/bench/sessions.json "$VENV/bin/locust" -f scripts/bench/locustfile.py --headless \
  -u "$USERS" -r "$USERS" -t 10s -H http://127.0.0.1:8765 --only-summary >/dev/null 2>&1 || true
HERALD_BENCH_SESSIONS=var/bench/sessions.json "$VENV/bin/locust" -f scripts/bench/locustfile.py --headless \
  -u "$USERS" -r "$USERS" -t "$DURATION" -H http://127.0.0.1:8765 --csv var/bench/web --only-summary
# Public pages and the complaint form of the first council.
SLUG=$(.venv/bin/python -c "import json; print(json.load(open('var/bench/sessions.json'))['sessions'][0]['council'])")
CHANNEL=$(.venv/bin/python -c "import json; print(json.load(open('var/bench/sessions.json'))['channel'])")
export HERALD_BENCH_PATHS="/councils/$SLUG/ /councils/$SLUG/policy /councils/$SLUG/channels/ /councils/$SLUG/channels/$CHANNEL /councils/$SLUG/news /councils/$SLUG/news.atom"
for p in $HERALD_BENCH_PATHS; do curl -sf -o /dev/null "http://127.0.0.1:8765$p" || { echo "GET $p failed"; exit 1; }; done
CONNECTIONS=${CONNECTIONS:-20} WRK_DURATION=${WRK_DURATION:-30s}
wrk -t2 -c"$CONNECTIONS" -d5s -s scripts/bench/public.lua http://127.0.0.1:8765 >/dev/null
PUBLIC=$(wrk -t2 -c"$CONNECTIONS" -d"$WRK_DURATION" -s scripts/bench/public.lua http://127.0.0.1:8765 | grep '^RESULT')
echo "public pages: $PUBLIC"
export HERALD_BENCH_FORM_PATH="/councils/$SLUG/complaints/new" HERALD_BENCH_CSRF=benchcsrfsecretbenchcsrfsecret00
BEFORE=$(.venv/bin/python -c "import django; django.setup(); from herald.complaints.models import Complaint; print(Complaint.objects.count())")
COMPLAINTS=$(wrk -t2 -c10 -d"$WRK_DURATION" -s scripts/bench/complaints.lua http://127.0.0.1:8765 | grep '^RESULT')
sleep 2
AFTER=$(.venv/bin/python -c "import django; django.setup(); from herald.complaints.models import Complaint; print(Complaint.objects.count())")
echo "complaints: $COMPLAINTS stored=$((AFTER - BEFORE))"
.venv/bin/python scripts/bench/report.py --stats var/bench/web_stats.csv --councils "$COUNCILS" --posts "$POSTS" \
  --users "$USERS" --duration "$DURATION" --workers "$WORKERS" --threads "$THREADS" \
  --public "$PUBLIC" --connections "$CONNECTIONS" --wrk-duration "$WRK_DURATION" \
  --complaints "$COMPLAINTS" --stored "$((AFTER - BEFORE))"
