#!/usr/bin/env bash
# Scheduler under 100,000 active schedules: seeds hourly schedules spread over the hour,
# runs `resolutionflow serve` with the scheduler for a while, samples its RSS, and prints
# fire-lag percentiles (batch created_at minus the occurrence it fired for).
#   bench/scheduler.sh [N=100000] [SECONDS=130] [DATABASE_URL=sqlite:<tmp>]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
duration=${2:-130}
tmp=$(mktemp -d /tmp/rf-sched-bench.XXXXXX)
chmod 755 "$tmp"
url=${3:-sqlite:$tmp/sched.db}
pid=
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# Baseline: the same process with no schedules at all.
build/resolutionflow serve --port 0 --database "sqlite:$tmp/empty.db" --no-access-log >"$tmp/empty.out" 2>/dev/null &
pid=$!
sleep 2
empty_rss=$(rss_kb "$pid")
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=

build/bench/scheduler_seed seed "$url" "$n"
start_ms=$(($(date +%s%N) / 1000000))
build/resolutionflow serve --port 0 --database "$url" --no-access-log >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
min_rss=0 max_rss=0
for ((i = 0; i < duration; i++)); do
  sleep 1
  r=$(rss_kb "$pid")
  ((min_rss == 0 || r < min_rss)) && min_rss=$r
  ((r > max_rss)) && max_rss=$r
done
cpu_ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=
fires=$(grep -c " fired for " "$tmp/serve.err" || true)

echo "schedules: $n active; ran ${duration} s; $fires fires"
echo "RSS: ${empty_rss} KB with no schedules; ${min_rss}-${max_rss} KB with $n while firing"
echo "CPU: $((cpu_ticks * 1000 / $(getconf CLK_TCK))) ms of CPU for $fires fires (tick cost per fire: $(( fires ? cpu_ticks * 1000 * 1000 / $(getconf CLK_TCK) / fires : 0 )) us)"
build/bench/scheduler_seed report "$url" "$start_ms"
