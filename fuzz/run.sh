#!/bin/sh
# SPDX-License-Identifier: MIT
# Run one fuzz target for a while: libFuzzer (default) or AFL++, with ASan + UBSan.
#   sh fuzz/run.sh TARGET SECONDS [--afl] [--jobs N] [--no-build]
#   sh fuzz/run.sh --build [--afl] [TARGET...]     build (all targets by default) and stop
# TARGET is "msg" or "fuzz_msg". The committed corpus fuzz/corpus/fuzz_TARGET seeds the run;
# new inputs go to the work directory (BUILD_ROOT, default ./build-fuzz), never into the
# repository: minimise and commit the interesting ones by hand. A crash, leak or timeout
# exits non-zero and prints the reproducer (path and hex dump). The last line is a summary:
#   TARGET ENGINE: execs=N execs_per_sec=N corpus=N crashes=N seconds=N
# --no-build runs the binary built before (several runs at once must not all rebuild it).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: $0 TARGET SECONDS [--afl] [--jobs N] [--no-build] | --build [--afl] [TARGET...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
engine=libfuzzer jobs=1 build_only=0 no_build=0 name="" secs=0 targets=""
if [ "$1" = --build ]; then
  build_only=1
  shift
else
  [ $# -ge 2 ] || usage
  name=fuzz_${1#fuzz_} secs=$2
  shift 2
fi
while [ $# -gt 0 ]; do
  case $1 in
    --afl) engine=afl ;;
    --jobs) jobs=$2; shift ;;
    --no-build) no_build=1 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) [ "$build_only" -eq 1 ] || usage; targets="$targets fuzz_${1#fuzz_}" ;;
  esac
  shift
done
root=${BUILD_ROOT:-$src/build-fuzz}
build=$root/$engine
mkdir -p "$root"

if [ "$engine" = libfuzzer ]; then cc=clang; else cc=afl-clang-fast; fi
if [ "$no_build" -eq 0 ]; then
  log=$root/$engine${name:+-$name}
  # (Re)configure every time: it is quick, and picks up new targets (CMake globs).
  CC=$cc cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVMBP_BUILD_FUZZ=ON \
    -DVMBP_FUZZ_ENGINE=$engine -DVMBP_SANITIZE=ON -DVMBP_BUILD_TESTS=OFF -DVMBP_BUILD_DOCS=OFF \
    -DVMBP_BUILD_TOOLS=ON > "$log-configure.log" 2>&1 || { cat "$log-configure.log"; exit 1; }
  if [ "$build_only" -eq 1 ] && [ -z "$targets" ]; then
    set -- # every target
  else
    set -- --target ${targets:-$name}
  fi
  par=$jobs
  [ "$build_only" -eq 1 ] && par=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
  cmake --build "$build" "$@" -j "$par" > "$log-build.log" 2>&1 || { cat "$log-build.log"; exit 1; }
fi
[ "$build_only" -eq 0 ] || { echo "built: $build/fuzz"; exit 0; }
work=$root/work/$engine/$name
mkdir -p "$work"
exe=$build/fuzz/$name
seeds=$src/fuzz/corpus/$name
dict=$src/fuzz/$name.dict
[ -d "$seeds" ] || { echo "no corpus $seeds" >&2; exit 2; }
dictopt=""
[ -f "$dict" ] && dictopt="-dict=$dict"
start=$(date +%s)

show_crash() { # file
  echo "REPRODUCER: $1 ($(wc -c < "$1") bytes)"
  od -An -tx1 -v "$1" | head -n 32
  echo "replay: $exe $1"
}

if [ "$engine" = libfuzzer ]; then
  mkdir -p "$work/corpus" "$work/artifacts"
  maxlen=$(sed -n 's/^max_len *= *//p' "$src/fuzz/$name.options" 2>/dev/null || true)
  set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" ${maxlen:+-max_len=$maxlen} $dictopt
  [ "$jobs" -gt 1 ] && set -- "$@" -fork="$jobs" -ignore_crashes=0
  rc=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$exe" "$@" "$work/corpus" "$seeds" > "$work/log.txt" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log.txt" | tail -n 1)
  if [ -z "$execs" ]; then # -fork prints no final stats: take its last progress line
    execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$work/log.txt" | tail -n 1)
    rate=$(( ${execs:-0} / ($(date +%s) - start + 1) ))
  fi
  crashes=$(find "$work/artifacts" -type f | wc -l)
  corpus=$(find "$work/corpus" "$seeds" -type f | wc -l)
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    tail -n 60 "$work/log.txt"
    for f in "$work"/artifacts/*; do [ -f "$f" ] && show_crash "$f"; done
    echo "$name libfuzzer: FAILED (exit $rc, $crashes artifacts)"
    exit 1
  fi
else
  out=$work/afl
  rm -rf "$out"
  export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_NO_AFFINITY=1 ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0
  xopt=""
  [ -f "$dict" ] && xopt="-x $dict"
  i=1
  # shellcheck disable=SC2086
  afl-fuzz -i "$seeds" -o "$out" -V "$secs" -t 1000 $xopt -M main -- "$exe" > "$work/afl-main.log" 2>&1 &
  pids=$!
  while [ "$i" -lt "$jobs" ]; do
    # shellcheck disable=SC2086
    afl-fuzz -i "$seeds" -o "$out" -V "$secs" -t 1000 $xopt -S "s$i" -- "$exe" > "$work/afl-s$i.log" 2>&1 &
    pids="$pids $!"
    i=$((i + 1))
  done
  rc=0
  for p in $pids; do wait "$p" || rc=$?; done
  execs=0 rate=0
  for st in "$out"/*/fuzzer_stats; do
    [ -f "$st" ] || continue
    e=$(sed -n 's/^execs_done *: *//p' "$st"); r=$(sed -n 's/^execs_per_sec *: *//p' "$st")
    execs=$((execs + e)); rate=$(awk "BEGIN{print $rate + $r}")
  done
  crashes=$(find "$out"/*/crashes "$out"/*/hangs -type f ! -name README.txt 2>/dev/null | wc -l)
  corpus=$(find "$out"/*/queue -maxdepth 1 -type f -name "id:*" 2>/dev/null | wc -l)
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ] || [ "$execs" -eq 0 ]; then
    tail -n 40 "$work/afl-main.log"
    for f in $(find "$out"/*/crashes "$out"/*/hangs -type f ! -name README.txt 2>/dev/null); do
      show_crash "$f"
    done
    echo "$name afl: FAILED (exit $rc, $crashes crashes or hangs, $execs execs)"
    exit 1
  fi
fi
echo "$name $engine: execs=${execs:-0} execs_per_sec=${rate:-0} corpus=$corpus crashes=0 seconds=$(( $(date +%s) - start ))"
