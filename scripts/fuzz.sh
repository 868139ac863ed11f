#!/usr/bin/env bash
# Builds the libFuzzer targets (server/fuzz, clang + ASan + UBSan) in their own build
# directory and runs each for a bounded time over a copy of its corpus, so a run never
# writes into the repository. Exits non-zero when any target finds a crash, a sanitizer
# report, a broken contract check, a timeout or an out-of-memory.
#
#   scripts/fuzz.sh                  every target, 10 s each (the smoke run)
#   scripts/fuzz.sh 300              every target, 5 minutes each (the longer run)
#   scripts/fuzz.sh 60 fuzz_cron     only the named targets
#
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_JOBS (build jobs, default 2),
# RF_FUZZ_IGNORE (ids of reported contract checks to skip, see docs/fuzzing.md).
# Crashing inputs and logs stay in $FUZZ_BUILD_DIR/fuzz-out/<target>/ (git-ignored).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-10}
shift $(($# > 0 ? 1 : 0))
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: scripts/fuzz.sh [seconds per target] [target...]" >&2
  exit 2
fi
build=${FUZZ_BUILD_DIR:-build-fuzz}
[[ $build = /* ]] || build=$root/$build
jobs=${FUZZ_JOBS:-2}
all_targets=(fuzz_cron fuzz_cron_cli fuzz_json_body fuzz_tree_structure fuzz_query)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")

if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ not found (apt-get install clang; libFuzzer ships in libclang-rt-14-dev)" >&2
  exit 2
fi

echo "=== building fuzz targets in $build"
mkdir -p "$build"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DRF_FUZZ=ON -DRF_BUILD_TESTS=OFF \
  -DRF_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/fuzz-configure.log" 2>&1 ||
  { cat "$build/fuzz-configure.log"; exit 2; }
cmake --build "$build" --target "${targets[@]}" -j "$jobs" >/dev/null ||
  { cmake --build "$build" --target "${targets[@]}" -j 1; exit 2; }

work=$(mktemp -d /tmp/rf-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=()
printf '\n%-22s %12s %10s %14s  %s\n' target executions exec/s corpus status
for t in "${targets[@]}"; do
  bin=$build/fuzz/$t
  seeds=$root/server/fuzz/corpus/$t
  dict=$root/server/fuzz/$t.dict
  out=$build/fuzz-out/$t
  mkdir -p "$out" "$work/$t"
  [[ -d $seeds ]] && cp -r "$seeds/." "$work/$t/"
  before=$(find "$work/$t" -type f | wc -l)
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$out/")
  [[ -f $dict ]] && args+=(-dict="$dict")
  "$bin" "${args[@]}" "$work/$t" >"$out/last.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/last.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/last.log" | tail -1)
  after=$(find "$work/$t" -type f | wc -l)
  status="exit $rc"
  ((rc == 0)) && status="$status ok" || { status="$status FAILED"; failed+=("$t"); }
  printf '%-22s %12s %10s %14s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$before -> $after" "$status"
  if ((rc != 0)); then
    echo "--- $t: report (full log: $out/last.log)"
    grep -E -A40 -m1 '^(==[0-9]+==ERROR|RF_FUZZ_CHECK failed|.*runtime error:|ALARM|==[0-9]+== ERROR: libFuzzer)' \
      "$out/last.log" | head -60
    grep -E 'Test unit written to|^artifact_prefix' "$out/last.log" | tail -2
    echo "---"
  fi
done

if ((${#failed[@]})); then
  echo
  echo "fuzz: FAILED: ${failed[*]} (reproduce: $build/fuzz/<target> <crash file>)"
  exit 1
fi
echo
echo "fuzz: all ${#targets[@]} targets ran ${seconds} s each without a finding"
