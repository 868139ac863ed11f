#!/usr/bin/env bash
# Bounded soak of the real binary: 1,000,000 mixed requests (reads, writes, 401/403/404/422)
# over keep-alive loopback connections, in three phases at 64, 128 and 256 connections.
# Passes only with zero 5xx, zero unexpected statuses and zero dropped connections; prints
# per-kind latency and the server's VmRSS before and after (from /proc/PID/status).
#
#   bench/soak.sh                                   SQLite (a fresh temp file)
#   bench/soak.sh --database postgresql://…/db      PostgreSQL
#   SOAK_REQUESTS=100000 bench/soak.sh              a shorter run
#   bench/soak.sh --url http://127.0.0.1:8000 --pid PID    attach to a running server
#
# Expects a build (RF_BINARY, default build/resolutionflow). Takes a few minutes on the
# 2-core development machine; it is not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export RF_BINARY=${RF_BINARY:-$PWD/build/resolutionflow}
if [[ ! -x $RF_BINARY && " $* " != *" --url "* ]]; then
  echo "soak: no server binary at $RF_BINARY (build it first, or set RF_BINARY)" >&2
  exit 2
fi
exec node bench/soak.mjs \
  --requests "${SOAK_REQUESTS:-1000000}" \
  --connections "${SOAK_CONNECTIONS:-64,128,256}" \
  --workers "${SOAK_WORKERS:-1}" \
  "$@"
