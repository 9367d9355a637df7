#!/bin/sh
# SPDX-License-Identifier: MIT
# Build every fuzz target the way OSS-Fuzz and ClusterFuzzLite do. Their
# projects/vmbus_proto/build.sh only calls this script. Inputs (environment):
#   CC CXX CFLAGS CXXFLAGS  compilers and flags (sanitizer + coverage flags included)
#   LIB_FUZZING_ENGINE      link flags or archive of the engine (libFuzzer, AFL++, honggfuzz)
#   OUT                     where the binaries go, with <target>.dict, <target>.options and
#                           <target>_seed_corpus.zip (files named by their sha1)
#   WORK (optional)         scratch directory
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
: "${CC:?}" "${CXX:?}" "${LIB_FUZZING_ENGINE:?}" "${OUT:?}"
work=${WORK:-$(mktemp -d)}
mkdir -p "$OUT" "$work"
cmake -S "$src" -B "$work/vmbp-build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="${CFLAGS:-}" -DCMAKE_CXX_FLAGS="${CXXFLAGS:-}" \
  -DVMBP_BUILD_FUZZ=ON -DVMBP_FUZZ_ENGINE=external -DVMBP_FUZZ_LINK_FLAGS="$LIB_FUZZING_ENGINE" \
  -DVMBP_BUILD_TESTS=OFF -DVMBP_BUILD_DOCS=OFF -DVMBP_WERROR=OFF
cmake --build "$work/vmbp-build" -j "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
n=0
for t in "$src"/fuzz/fuzz_*.c; do
  name=$(basename "$t" .c)
  cp "$work/vmbp-build/fuzz/$name" "$OUT/$name"
  [ -f "$src/fuzz/$name.dict" ] && cp "$src/fuzz/$name.dict" "$OUT/$name.dict"
  [ -f "$src/fuzz/$name.options" ] && cp "$src/fuzz/$name.options" "$OUT/$name.options"
  seeds=$work/seeds/$name
  rm -rf "$seeds" && mkdir -p "$seeds"
  for f in "$src/fuzz/corpus/$name"/*; do
    [ -f "$f" ] && cp "$f" "$seeds/$(sha1sum "$f" | cut -c1-40)"
  done
  rm -f "$OUT/${name}_seed_corpus.zip"
  (cd "$seeds" && python3 -m zipfile -c "$OUT/${name}_seed_corpus.zip" ./*)
  n=$((n + 1))
done
echo "oss-fuzz build: $n targets in $OUT"
