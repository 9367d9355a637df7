#!/bin/sh
# SPDX-License-Identifier: MIT
# CI smoke of the fuzz targets: every target SECONDS under libFuzzer with ASan + UBSan, and
# one ring target SECONDS under AFL++, PAR runs at a time (default 2), each seeded with the
# committed corpus (fuzz/run.sh does the runs).
#   sh fuzz/smoke.sh [SECONDS] [AFL_TARGET]          defaults: 60, ring_race
# Prints each run's summary line; a crash, leak or timeout prints its reproducer (path and
# hex dump) and makes the script exit non-zero once the other runs of its round are done.
# Environment: BUILD_ROOT (default ./build-fuzz-smoke), PAR.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
afl_target=${2:-ring_race}
par=${PAR:-2}
BUILD_ROOT=${BUILD_ROOT:-$src/build-fuzz-smoke}
export BUILD_ROOT
rm -rf "$BUILD_ROOT/work"
mkdir -p "$BUILD_ROOT"
start=$(date +%s)

# Both builds at once (separate build trees).
sh "$src/fuzz/run.sh" --build > "$BUILD_ROOT/build-libfuzzer.log" 2>&1 &
p1=$!
sh "$src/fuzz/run.sh" --build --afl "$afl_target" > "$BUILD_ROOT/build-afl.log" 2>&1 &
p2=$!
rc=0
wait "$p1" || rc=1
wait "$p2" || rc=1
if [ "$rc" -ne 0 ]; then
  cat "$BUILD_ROOT/build-libfuzzer.log" "$BUILD_ROOT/build-afl.log"
  echo "fuzz smoke: build FAILED"
  exit 1
fi
echo "fuzz smoke: built in $(( $(date +%s) - start ))s"

runs=""
for f in "$src"/fuzz/fuzz_*.c; do
  t=$(basename "$f" .c)
  [ -x "$BUILD_ROOT/libfuzzer/fuzz/$t" ] && runs="$runs $t:libfuzzer"
done
runs="$runs fuzz_$afl_target:afl"

failed=0 total=0
set -- $runs
while [ $# -gt 0 ]; do
  pids="" names=""
  i=0
  while [ "$i" -lt "$par" ] && [ $# -gt 0 ]; do
    t=${1%%:*} e=${1##*:}
    opt=""
    [ "$e" = afl ] && opt=--afl
    sh "$src/fuzz/run.sh" "$t" "$secs" $opt --no-build > "$BUILD_ROOT/smoke-$t-$e.log" 2>&1 &
    pids="$pids $!" names="$names $t:$e"
    i=$((i + 1))
    shift
  done
  j=1
  for p in $pids; do
    n=$(echo $names | cut -d' ' -f$j)
    t=${n%%:*} e=${n##*:}
    log=$BUILD_ROOT/smoke-$t-$e.log
    total=$((total + 1))
    if wait "$p"; then
      tail -n 1 "$log"
    else
      failed=$((failed + 1))
      sed -n '/ERROR\|contract violated\|SUMMARY\|REPRODUCER/,$p' "$log" | tail -n 80
    fi
    j=$((j + 1))
  done
  [ "$failed" -eq 0 ] || break
done
echo "fuzz smoke: $total runs of ${secs}s, $failed failed, $(( $(date +%s) - start ))s"
[ "$failed" -eq 0 ]
