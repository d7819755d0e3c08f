#!/usr/bin/env bash
# Serve Herald at http://127.0.0.1:8000 with a background task worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/herald worker &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
echo "Herald is at http://127.0.0.1:8000 (Ctrl+C to stop)"
.venv/bin/gunicorn herald.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile - --log-level warning
