#!/usr/bin/env bash
# Runs every test suite against real parts: the unit tests, the store suite on SQLite and
# on a throwaway PostgreSQL cluster, the HTTP API suite against the real binary on both
# databases, the scheduler's multi-process suite, and the web app's unit and end-to-end
# (headless Chromium) suites. Expects a build (make test builds first).
#
#   scripts/test.sh            everything
#   scripts/test.sh unit api   only the named suites (unit store api hostile scheduler fuzz web e2e)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
BUILD_DIR=${BUILD_DIR:-build}
export RF_BINARY=$root/$BUILD_DIR/resolutionflow
tmp=$(mktemp -d /tmp/rf-test.XXXXXX)
chmod 755 "$tmp"
pg_dir=$tmp/pg
pg_started=0

cleanup() {
  ((pg_started)) && scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

wanted=("$@")
want() {
  ((${#wanted[@]} == 0)) && return 0
  local w
  for w in "${wanted[@]}"; do [[ $w == "$1" ]] && return 0; done
  return 1
}

passed=0
failed=0
failures=()
suite() {
  local name=$1
  shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: ok ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - start)) s)"
  fi
}

# One throwaway PostgreSQL cluster for the whole run, started in this shell (not in a
# command substitution) so that cleanup knows about it.
PG_BASE_URL=
start_pg() {
  ((pg_started)) && return 0
  PG_BASE_URL=$(scripts/pg-cluster.sh start "$pg_dir") || return 1
  pg_started=1
}

# A fresh database per suite, so suites never see each other's rows.
pg_url() {
  psql -q "$PG_BASE_URL" -c "CREATE DATABASE $1" >/dev/null || return 1
  echo "${PG_BASE_URL%/*}/$1"
}

# Runs suite $1 with the PostgreSQL database $2 as RF_TEST_DATABASE_URL; a cluster that
# cannot start fails the suite instead of skipping it.
pg_suite() {
  local name=$1 db=$2
  shift 2
  local url
  if ! start_pg || ! url=$(pg_url "$db"); then
    failed=$((failed + 1))
    failures+=("$name (no PostgreSQL)")
    echo "=== $name: FAILED (could not start PostgreSQL)"
    return
  fi
  suite "$name" env RF_TEST_DATABASE_URL="$url" "$@"
}


if want unit; then
  suite "unit (ctest)" ctest --test-dir "$BUILD_DIR" --output-on-failure -j 2
fi
if want store; then
  suite "store on SQLite" env RF_TEST_DATABASE_URL="sqlite:$tmp/store.db" "$BUILD_DIR/rf_store_tests" --gtest_brief=1
  pg_suite "store on PostgreSQL" store_test "$BUILD_DIR/rf_store_tests" --gtest_brief=1
fi
if want api; then
  suite "API on SQLite" env RF_TEST_DATABASE_URL="sqlite:$tmp/api.db" node --test --test-concurrency=2 server/tests/api/
  pg_suite "API on PostgreSQL" api_test node --test --test-concurrency=2 server/tests/api/
fi
if want hostile; then
  suite "hostile input and faults on SQLite" env RF_TEST_DATABASE_URL="sqlite:$tmp/hostile.db" \
    node --test --test-concurrency=2 server/tests/hostile/
  pg_suite "hostile input and faults on PostgreSQL" hostile_test node --test --test-concurrency=2 server/tests/hostile/
fi
if want scheduler; then
  pg_suite "scheduler replicas on PostgreSQL" scheduler_test node --test --test-concurrency=1 server/tests/scheduler/
fi
if want fuzz; then
  # libFuzzer smoke: every target for a few seconds over its corpus (scripts/fuzz.sh 300
  # is the longer run).
  suite "fuzz smoke (libFuzzer, ASan, UBSan)" scripts/fuzz.sh "${RF_FUZZ_SECONDS:-5}"
fi
if want web && [[ -f web/package.json ]]; then
  suite "web lint (eslint, prettier)" bash -c "cd web && npm run lint --silent"
  suite "web unit (vitest)" bash -c "cd web && npm test --silent"
fi
if want e2e && [[ -f web/package.json ]]; then
  suite "web end-to-end (chromium)" bash -c "cd web && npm run e2e --silent"
fi

echo
((failed)) && echo "failed suites: ${failures[*]}"
echo "suites: $passed passed, $failed failed"
((failed == 0))
