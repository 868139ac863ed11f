#!/usr/bin/env bash
# The HTTP figures of SPEC §7 with wrk at 64 connections, on SQLite and on a throwaway
# PostgreSQL cluster, plus the store's 1,000-target batch, the cron engine and idle RSS.
#   bench/run.sh [SECONDS per wrk run, default 10]
#   RF_BENCH_BINARY=path/to/resolutionflow bench/run.sh   another build (e.g. an older commit)
# Prints one table; copy it into bench/README.md with the date.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
export BENCH_DIR=$PWD/bench
tmp=$(mktemp -d /tmp/rf-bench.XXXXXX)
chmod 755 "$tmp"
pid=
pg_started=0
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  ((pg_started)) && scripts/pg-cluster.sh stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

rows=()
row() { rows+=("| $1 | $2 | $3 |"); }

bin=${RF_BENCH_BINARY:-build/resolutionflow}
# The benchmark registers its own team and launches ~10,000 batches a run: open sign-up
# and a session quota it cannot reach (the quota is still counted on every launch, so its
# cost is in the figures). Builds from before issue 9 take neither flag.
extra_args=()
"$bin" serve --help 2>/dev/null | grep -q -- --registration &&
  extra_args=(--registration open --quota-sessions 1000000000)

start_server() {
  "$bin" serve --port 0 --database "$1" --no-scheduler "${extra_args[@]}" >"$tmp/out" 2>/dev/null &
  pid=$!
  for _ in $(seq 50); do
    grep -q listening "$tmp/out" 2>/dev/null && break
    sleep 0.1
  done
  port=$(grep -o '[0-9]*$' "$tmp/out")
  base=http://127.0.0.1:$port
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

wrk_run() {  # label, then wrk arguments
  local label=$1
  shift
  local line
  line=$(wrk -t2 -c64 -d"${secs}s" "$@" | grep RESULT)
  local rps p50 p99 errs non2xx
  rps=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$line")
  p50=$(sed 's/.*p50=\([0-9.]*\).*/\1/' <<<"$line")
  p99=$(sed 's/.*p99=\([0-9.]*\).*/\1/' <<<"$line")
  errs=$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$line")
  non2xx=$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<<"$line")
  row "$label" "$rps req/s" "p50 ${p50} ms, p99 ${p99} ms, errors ${errs} (non-2xx ${non2xx})"
  echo "$label: $line" >&2
  last_rps=$rps
}

http_suite() {  # database label, URL
  local db=$1
  start_server "$2"
  eval "$(node bench/seed.mjs "$base")"
  export TOKEN MAINT_ID
  wrk_run "$db: GET /health" -s bench/report.lua "$base/api/v1/health"
  local health=$last_rps
  wrk_run "$db: GET /trees/{id} (auth)" -s bench/report.lua -H "Authorization: Bearer $TOKEN" "$base/api/v1/trees/$TREE_ID"
  row "$db: /trees/{id} vs /health" "$((100 * last_rps / health)) %" "target ≥ 50 %"
  wrk_run "$db: GET /trees/?tree_type=maintenance (200 flows)" -s bench/report.lua -H "Authorization: Bearer $TOKEN" \
    "$base/api/v1/trees/?tree_type=maintenance"
  wrk_run "$db: POST /sessions/batch (50 targets)" -s bench/batch_report.lua "$base/api/v1/sessions/batch"
  stop_server
}

http_suite SQLite "sqlite:$tmp/bench.db"
pg_base=$(scripts/pg-cluster.sh start "$tmp/pg")
pg_started=1
http_suite PostgreSQL "$pg_base"

for db in SQLite PostgreSQL; do
  if [[ $db == SQLite ]]; then url=sqlite:$tmp/store.db; else url=${pg_base%/*}/postgres; fi
  line=$(RF_BENCH_DATABASE_URL=$url build/bench/store_bench --benchmark_filter='create_batch/1000' 2>/dev/null |
    grep create_batch/1000)
  row "$db: 1,000-target batch, one transaction" "$(awk '{print $2, $3}' <<<"$line")" "target < 50 ms"
done

line=$(build/bench/cron_bench --benchmark_filter='next_after' 2>/dev/null | grep -m1 'items_per_second' || true)
row "cron next_after (one core)" "$(grep -o 'items_per_second=[0-9.]*[kMG]*/s' <<<"$line" | cut -d= -f2)" "$(awk '{print $1}' <<<"$line")"

"$bin" serve --port 0 --database "sqlite:$tmp/idle.db" >"$tmp/out" 2>/dev/null &
pid=$!
sleep 3
row "idle RSS of serve (SQLite, scheduler on)" "$(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)" "target < 30 MB"
stop_server

echo
echo "$(date -u +%Y-%m-%d) on $(nproc) cores, wrk -t2 -c64 -d${secs}s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| measurement | figure | detail |"
echo "|---|---|---|"
printf '%s\n' "${rows[@]}"
