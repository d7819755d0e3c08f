#!/usr/bin/env bash
# Install the real local AT Protocol stack (PLC directory + PDS) used by the Bluesky connector
# tests into scripts/pds/node_modules (git-ignored). Idempotent: does nothing when the install
# is present, matches package.json/package-lock.json and the current Node version, and
# better-sqlite3's native module loads.
#
# Pins: @atproto/pds 0.4.217 (the last release that runs on Node 20) and @did-plc/server 0.0.1.
# npm 11 skips dependencies' install scripts unless allowed: package.json's "allowScripts"
# lets better-sqlite3 build its native module (compiled locally, ~45 s, against the headers
# in npm_config_nodedir, default /usr).
#
# Usage: scripts/pds/install.sh [--force]
set -euo pipefail
cd "$(dirname "$0")"

command -v node >/dev/null || { echo "install.sh: Node.js is required (Node 20 or later)" >&2; exit 1; }
command -v npm >/dev/null || { echo "install.sh: npm is required" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "install.sh: Node $(node --version) is too old; @atproto/pds 0.4.217 needs Node 20+" >&2
  exit 1
fi

stamp=node_modules/.herald-install-stamp
want="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1) node-$(node --version)"

installed_ok() {
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
    node -e "const D=require('better-sqlite3'); new D(':memory:').close(); require.resolve('@atproto/pds'); require.resolve('@did-plc/server')" 2>/dev/null
}

if [ "${1:-}" != "--force" ] && installed_ok; then
  echo "install.sh: local PDS already installed ($(node -p "require('@atproto/pds/package.json').version"))"
  exit 0
fi

# Build native modules against the local Node headers unless told otherwise.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
# Compile better-sqlite3 here rather than trying to download a prebuilt binary from GitHub
# (unreachable from Herald's build machines). npm 11 warns "Unknown env config build-from-source":
# expected; prebuild-install still reads it.
export npm_config_build_from_source=${npm_config_build_from_source:-true}

start=$(date +%s)
rm -f "$stamp"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

node -e "const D=require('better-sqlite3'); new D(':memory:').close()" || {
  echo "install.sh: better-sqlite3's native module did not build (is allowScripts in package.json honoured by this npm?)" >&2
  exit 1
}
want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1) node-$(node --version)"
echo "$want" > "$stamp"
echo "install.sh: local PDS installed in $(( $(date +%s) - start )) s"
