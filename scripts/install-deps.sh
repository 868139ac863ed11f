#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine is missing to build, run and test ResolutionFlow:
# Debian packages (compiler, libraries, PostgreSQL, Chromium) and the web app's npm
# packages. Idempotent: when everything is present it only checks, in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config ccache git ca-certificates tzdata
  libboost1.81-dev libsoci-dev libhowardhinnant-date-dev libsodium-dev libspdlog-dev libcli11-dev
  libsqlite3-dev libpq-dev libgtest-dev libbenchmark-dev libicu-dev
  postgresql chromium wrk
  clang libclang-rt-14-dev clang-format
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  # The Debian postgresql package starts a system cluster; the tests start their own.
fi

if ! command -v node >/dev/null || (( $(node -p 'process.versions.node.split(".")[0]') < 20 )); then
  echo "install-deps: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
if [[ -f web/package-lock.json ]]; then
  stamp=web/node_modules/.rf-lock-stamp
  if [[ ! -f $stamp ]] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "install-deps: npm ci (web)" >&2
    (cd web && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp web/package-lock.json "$stamp"
  fi
fi
