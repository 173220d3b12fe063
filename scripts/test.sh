#!/usr/bin/env bash
# make test: installs what the tests need, starts a throw-away PostgreSQL,
# runs every Go test on SQLite and PostgreSQL, then builds wat with its web
# console and runs the browser tests (Debian's Chromium, playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v aws >/dev/null 2>&1 || need_apt+=(awscli)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
# The report test that finds a font Debian installs (CJK, Korean, Thai and
# emoji need none: the binary has them).
[ -f /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf ] || need_apt+=(fonts-noto-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${need_apt[*]} from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing ${need_apt[*]}: install them (apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi

go mod download

pgdir=$(mktemp -d /tmp/wat-pg.XXXXXX)
chmod 755 "$pgdir"
cleanup() { bash scripts/testdb.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
url=$(bash scripts/testdb.sh start "$pgdir" | tail -n 1)
export WAT_TEST_DATABASE_URL="$url"
echo "PostgreSQL for tests: $url"

go test -count=1 -timeout 30m ./...

# The console: build it into the binary, then drive it in Chromium.
make --no-print-directory build
(cd web && npm test)
