#!/bin/sh
# SPDX-License-Identifier: MIT
# Every C source of the repository (git ls-files '*.c' '*.h') is formatted as .clang-format
# says, with clang-format 14 (the version Debian 12 ships: other versions format some
# constructs differently). Files still to be reformatted by their owners are listed in
# tests/format/pending.txt: the check fails on a file that differs and is not listed, and on a
# listed file that no longer differs (remove its line).
#   check_format.sh SRC_DIR            check
#   check_format.sh SRC_DIR FILE...    reformat the named files in place
set -eu
src=$1
shift
cf=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$cf" ]; then
  echo "clang-format not found (Debian: apt-get install clang-format)"; exit 2
fi
case $("$cf" --version) in
  *"version 14."*) ;;
  *) echo "need clang-format 14, found: $("$cf" --version)"; exit 2 ;;
esac
cd "$src"
if [ $# -gt 0 ]; then
  "$cf" -i --style=file "$@"
  exit 0
fi
pending=tests/format/pending.txt
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './build*' | sed 's|^\./||')
bad=0 listed=0 n=0
for f in $files; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  if grep -qx "$f" "$pending"; then
    listed=$((listed + 1))
    if "$cf" --style=file --dry-run -Werror "$f" > /dev/null 2>&1; then
      echo "$f is formatted: remove it from $pending"; bad=$((bad + 1))
    fi
  elif ! "$cf" --style=file --dry-run -Werror "$f" > /dev/null 2>&1; then
    echo "$f is not formatted (sh tests/format/check_format.sh . $f reformats it):"
    "$cf" --style=file "$f" | diff "$f" - | head -20 || true
    bad=$((bad + 1))
  fi
done
for f in $(grep -v '^#' "$pending" | grep -v '^$'); do
  [ -f "$f" ] || { echo "$pending lists $f, which does not exist"; bad=$((bad + 1)); }
done
echo "format: $n files, $listed still pending their owners, $bad problem(s)"
[ "$bad" -eq 0 ]
