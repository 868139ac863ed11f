#!/usr/bin/env bash
# The one C++ formatter: clang-format 14 (Debian 12's `clang-format` package) with the
# repository's .clang-format, over the C++ sources under server/ and bench/.
#
#   scripts/format.sh                  format every file in place (what `make format` runs)
#   scripts/format.sh --check          change nothing; list the files that would change and
#                                      exit 1 if there are any, 0 if none
#   scripts/format.sh [--check] PATH…  only these files or directories
#
# The version is pinned because each clang-format release formats a little differently;
# CLANG_FORMAT=/path/to/clang-format-14 picks a specific binary.
set -euo pipefail
cd "$(dirname "$0")/.."

required_major=14

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

check=0
paths=()
for arg in "$@"; do
  case $arg in
    --check) check=1 ;;
    -h | --help) usage ;;
    -*) echo "format: unknown option $arg" >&2; usage ;;
    *) paths+=("$arg") ;;
  esac
done
((${#paths[@]})) || paths=(server bench)

find_clang_format() {
  local candidate
  for candidate in ${CLANG_FORMAT:-} clang-format-$required_major clang-format; do
    if command -v "$candidate" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if ! cf=$(find_clang_format); then
  echo "format: clang-format $required_major not found (apt-get install clang-format)" >&2
  exit 2
fi
version=$("$cf" --version 2>/dev/null || true)
major=$(sed -n 's/.*version \([0-9][0-9]*\)\..*/\1/p' <<<"$version")
if [[ $major != "$required_major" ]]; then
  echo "format: $cf is '$version'; clang-format $required_major is required (see .clang-format)" >&2
  exit 2
fi

files=()
for p in "${paths[@]}"; do
  if [[ -f $p ]]; then
    files+=("$p")
  elif [[ -d $p ]]; then
    while IFS= read -r -d '' f; do files+=("$f"); done < <(
      find "$p" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cc' \) -print0 | sort -z)
  else
    echo "format: no such file or directory: $p" >&2
    exit 2
  fi
done

if ((check)); then
  changed=()
  for f in "${files[@]}"; do
    "$cf" --style=file "$f" | cmp -s - "$f" || changed+=("$f")
  done
  if ((${#changed[@]})); then
    printf '%s\n' "${changed[@]}"
    echo "format: ${#changed[@]} of ${#files[@]} files are not formatted; run scripts/format.sh" \
      "(see one with: $cf --style=file FILE | diff -u FILE -)" >&2
    exit 1
  fi
  echo "format: ${#files[@]} files checked, all formatted" >&2
  exit 0
fi

((${#files[@]} == 0)) || "$cf" -i --style=file "${files[@]}"
echo "format: formatted ${#files[@]} files" >&2
