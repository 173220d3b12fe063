#!/usr/bin/env bash
# Builds the web console into web/dist/console, where the Go package web
# embeds it from. Installs the npm packages of the lockfile first when they
# are missing or older than it. Without npm, says so and builds nothing: the
# binary then serves the API and a page saying how to build the console.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: building wat without the web console (install Node.js 20+ and npm, then make build)" >&2
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
