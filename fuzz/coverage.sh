#!/bin/sh
# SPDX-License-Identifier: MIT
# Line and branch coverage of include/ and reference/ from the unit tests plus the fuzz
# corpora (committed corpus, and any campaign work directories given as arguments):
#   sh fuzz/coverage.sh [--check] [EXTRA_CORPUS_DIR...]
# Prints llvm-cov's per-file table (lines, branches), then for the validators, the ring and
# the connection machines (GAP_FILES, default below) every uncovered line and branch side merged over all binaries
# (coverage_gaps.py), and writes an HTML report. --check (CI) fails on an uncovered line or
# on an uncovered branch side not listed, with its reason, in fuzz/coverage_exceptions.txt.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
check=""
if [ "${1:-}" = --check ]; then
  check="--check $src/fuzz/coverage_exceptions.txt"
  shift
fi
root=${BUILD_ROOT:-$src/build-coverage}
prof=$root/profiles
llvm_cov=$(command -v llvm-cov || command -v llvm-cov-14)
llvm_profdata=$(command -v llvm-profdata || command -v llvm-profdata-14)
rm -rf "$prof" && mkdir -p "$prof"
flags="-fprofile-instr-generate -fcoverage-mapping -O0 -g"
CC=clang cmake -S "$src" -B "$root" -DCMAKE_BUILD_TYPE=Debug -DVMBP_BUILD_FUZZ=ON \
  -DVMBP_BUILD_DOCS=OFF -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" > /dev/null
cmake --build "$root" -j "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)" > "$root/build.log" 2>&1 ||
  { cat "$root/build.log"; exit 1; }
# %4m: every process of a binary merges into a pool of 4 files (one file per pid lost
# profiles when a pid came round again: pid_max may be 32768)
LLVM_PROFILE_FILE="$prof/%4m.profraw" ctest --test-dir "$root" -L "unit|fuzz|inspect" -j 2 > "$root/ctest.log" 2>&1 ||
  { cat "$root/ctest.log"; exit 1; }
for dir in "$@"; do
  for exe in "$root"/fuzz/fuzz_*; do
    [ -x "$exe" ] || continue
    case $dir in *$(basename "$exe")*) LLVM_PROFILE_FILE="$prof/%4m.profraw" "$exe" "$dir" > /dev/null ;; esac
  done
done
"$llvm_profdata" merge -sparse "$prof"/*.profraw -o "$root/merged.profdata"
objs=""
for exe in "$root"/tests/test_* "$root"/fuzz/fuzz_* "$root"/reference/*/vmbp-* "$root"/reference/vmbp-*; do
  [ -x "$exe" ] && [ -f "$exe" ] || continue
  if [ -z "$objs" ]; then objs=$exe; else objs="$objs -object $exe"; fi
done
# shellcheck disable=SC2086
"$llvm_cov" report -instr-profile="$root/merged.profdata" $objs -show-region-summary=false \
  "$src/include" "$src/reference" | sed "s|$src/||"
# shellcheck disable=SC2086
"$llvm_cov" show -format=html -output-dir="$root/html" -instr-profile="$root/merged.profdata" \
  $objs -show-branches=count "$src/include" "$src/reference" > /dev/null
gap_files=${GAP_FILES:-"reference/vmbp_ring.c include/vmbus_proto/ring.h include/vmbus_proto/packet.h
  include/vmbus_proto/synic.h include/vmbus_proto/msg.h include/vmbus_proto/msg_connect.h
  include/vmbus_proto/msg_offer.h include/vmbus_proto/msg_channel.h include/vmbus_proto/msg_gpadl.h
  include/vmbus_proto/msg_hvsock.h include/vmbus_proto/msg_dispatch.h
  reference/vmbp_conn.c reference/vmbp_conn_guest.c reference/vmbp_conn_host.c"}
echo
echo "Merged over binaries and inlined copies (coverage_gaps.py):"
# shellcheck disable=SC2086
python3 "$src/fuzz/coverage_gaps.py" $check "$llvm_cov" "$root/merged.profdata" "$objs" "$src" \
  $gap_files
echo "HTML report: $root/html/index.html"
