#!/usr/bin/env bash
# Serve Herald at http://127.0.0.1:8000 with a background task worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/herald worker &
WORKER=$!
# The nightly jobs, now and then every 24 hours (in production, use cron: docs/cli.md).
( while true; do .venv/bin/herald nightly >> var/nightly.log 2>&1 || true; sleep 86400; done ) &
NIGHTLY=$!
trap 'kill $WORKER $NIGHTLY 2>/dev/null || true' EXIT INT TERM
echo "Herald is at http://127.0.0.1:8000 (Ctrl+C to stop)"
.venv/bin/gunicorn herald.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile - --log-level warning
