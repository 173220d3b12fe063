#!/usr/bin/env bash
# make bench: Go micro-benchmarks, then HTTP load runs against the real
# binary on SQLite and on PostgreSQL, then cold start. Numbers go to
# BENCHMARKS.md by hand, with the machine they came from.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-10s}
CLIENTS=${BENCH_CLIENTS:-16}

# BENCH_LOAD_ONLY=1: only the HTTP load runs and cold starts (the speed
# targets of the operations issue), not the Go benchmarks, reports, scan
# and console that follow them.
LOAD_ONLY=${BENCH_LOAD_ONLY:-}

if [ -z "$LOAD_ONLY" ]; then
  echo "== Go benchmarks"
  go test -run '^$' -bench . -benchmem -count 1 ./lens/... ./sigv4/ ./api/wire/ ./sqlstore/
  go test -run '^$' -bench 'ImportLens500KB|Authorize|LensLint50|LensReviewPDF|Scan300' -benchmem -count 1 ./internal/testserver/ ./service/ ./cmd/wat/ ./report/ ./scan/
fi

go build -o bin/watload ./internal/cmd/watload
work=$(mktemp -d /tmp/wat-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  bash scripts/testdb.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# start_wat DATA_DIR [extra flags...]: starts wat on a free port, sets $endpoint.
start_wat() {
  local dir=$1; shift
  # --rate-limit 0: the load runs measure the server, not the per-principal limit.
  ./bin/wat serve --listen 127.0.0.1:0 --data-dir "$dir" --log-level warn --rate-limit 0 "$@" >"$dir.out" 2>"$dir.err" &
  pids+=($!)
  for _ in $(seq 1 200); do
    endpoint=$(sed -n 's/^  endpoint: *\(http[^ ]*\).*/\1/p' "$dir.out" 2>/dev/null || true)
    [ -n "$endpoint" ] && curl -fs "$endpoint/healthz" >/dev/null && return 0
    sleep 0.05
  done
  echo "wat did not start:"; cat "$dir.err"; return 1
}

run_load() {
  local dir=$1
  ./bin/watload -endpoint "$endpoint" -credentials "$dir/credentials" -clients "$CLIENTS" -duration "$DURATION" -op update-answer
  # -bare: then the same signed GET against a bare net/http server (its own
  # process) returning a body of the same size; prints the ratio. The
  # default client replays requests signed before the run (as wrk would);
  # -client raw signs each request as it sends it through net/http, which
  # costs the load generator more CPU and so slows the bare server more: the
  # rounds before December 8 were measured with it.
  ./bin/watload -endpoint "$endpoint" -credentials "$dir/credentials" -clients "$CLIENTS" -duration "$DURATION" -op get-lens-review -bare
  ./bin/watload -endpoint "$endpoint" -credentials "$dir/credentials" -clients "$CLIENTS" -duration "$DURATION" -op get-lens-review -bare -client raw
  ./bin/watload -endpoint "$endpoint" -credentials "$dir/credentials" -clients "$CLIENTS" -duration "$DURATION" -op update-answer -spread
  # The SDK's client sometimes closes a connection under a response it is
  # reading (aws/aws-sdk-go-v2#1825, "use of closed network connection");
  # watload prints such failures, and the runs after this one still go on.
  ./bin/watload -endpoint "$endpoint" -credentials "$dir/credentials" -clients "$CLIENTS" -duration "$DURATION" -op update-answer -sdk ||
    echo "(the SDK run above reported failed requests)"
}

echo "== SQLite (synchronous=FULL), $CLIENTS clients, $DURATION each"
mkdir -p "$work/sqlite"
start_wat "$work/sqlite"
run_load "$work/sqlite"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
echo "== cold start to /healthz on the existing SQLite database"
./bin/watload -coldstart -bin ./bin/wat -data-dir "$work/sqlite" -runs 10

echo "== PostgreSQL, $CLIENTS clients, $DURATION each"
mkdir -p "$work/pg" "$work/pgdata"
url=$(TESTDB_DURABLE=1 bash scripts/testdb.sh start "$work/pg" | tail -n 1)
start_wat "$work/pgdata" --database-url "$url"
run_load "$work/pgdata"
echo "== PostgreSQL, GetLensReview through 1 replica, then round-robin over 3 replicas of the same database"
endpoints=$endpoint
for i in 2 3; do
  mkdir -p "$work/pgdata$i"
  cp "$work/pgdata/master.key" "$work/pgdata$i/" # one database, one master key
  start_wat "$work/pgdata$i" --database-url "$url"
  endpoints="$endpoints,$endpoint"
done
endpoint=${endpoints%%,*}
one=$(./bin/watload -endpoints "$endpoint" -credentials "$work/pgdata/credentials" -clients "$CLIENTS" -duration "$DURATION" -op get-lens-review)
three=$(./bin/watload -endpoints "$endpoints" -credentials "$work/pgdata/credentials" -clients "$CLIENTS" -duration "$DURATION" -op get-lens-review)
printf '%s\n%s\n' "$one" "$three"
rate() { sed -n 's/.*throughput=\([0-9]*\)\/s.*/\1/p'; }
echo "3 replicas / 1 replica = $(awk -v a="$(echo "$three" | rate)" -v b="$(echo "$one" | rate)" 'BEGIN { printf "%.2f", a / b }')"
for _ in 1 2 3; do kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; done
echo "== cold start to /healthz on the existing PostgreSQL database"
./bin/watload -coldstart -bin ./bin/wat -data-dir "$work/pgdata" -database-url "$url" -runs 10

[ -n "$LOAD_ONLY" ] && exit 0

echo "== consolidated report across 1,000 workloads, SQLite and PostgreSQL"
WAT_TEST_DATABASE_URL=$url go test -run '^$' -bench 'Consolidated' -benchtime 3x -count 1 ./internal/testserver/
WAT_TEST_DATABASE_URL=$url go test -run '^$' -bench 'CreateWorkloadFromTemplate' -count 1 ./internal/testserver/

bash scripts/bench_scan.sh

echo "== web console in Chromium: assets, cold load of the dashboard, answer to risk shown"
(cd web && node tests/perf.mjs)
