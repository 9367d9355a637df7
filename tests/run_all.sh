#!/bin/sh
# SPDX-License-Identifier: MIT
# The whole test suite, as CI runs it (dependencies: sh .ci/deps.sh).
#   1. native build (gcc): unit suites, header checks, freestanding, consumers, lint,
#      requirement traceability, fuzz corpus replay, and the self-test as a Linux kernel
#      module (x86-64, arm64) and as a UEFI application (X64, IA32) booted under QEMU
#      (label realenv)                                                    -> ctest
#   2. the same unit suites with AddressSanitizer + UBSan (clang)         -> ctest
#   3. the unit suites cross-built for big-endian s390x, run under qemu   -> ctest
#   4. the two-thread ring stress test built with ThreadSanitizer (clang) -> ctest -L stress
#   5. fuzz smoke: every fuzz target 60 s under libFuzzer + ASan + UBSan, two at a time, and
#      fuzz_ring_race 60 s under AFL++ (fuzz/smoke.sh; FUZZ_SECONDS changes the 60)
#   6. coverage of the validators, the ring and the connection machines by the tests and
#      committed corpora: every line, and every branch side but those listed with their
#      reason (fuzz/coverage.sh --check)
#   7. the API and spec documentation (Doxygen, warnings are errors)
#   8. static analysis: Frama-C Eva, 0 alarms for every host input (proof/run.sh)
#   9. the SPIN model of the ring's signalling: exhaustive, its mutants must fail, its
#      decision table against the C code (proof/spin/run.sh; CTest proof.spin, label spin)
# Each stage prints ctest's summary line; the script stops at the first failure.
# Environment: JOBS (default: number of CPUs), BUILD_ROOT (default: ./build-ci).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
root=${BUILD_ROOT:-$src/build-ci}
jobs=${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
mkdir -p "$root"
summary=$root/summary.txt
: > "$summary"

stage() { printf '\n=== %s ===\n' "$*"; }
run_ctest() { # name build_dir [ctest args...]
  name=$1 dir=$2; shift 2
  start=$(date +%s)
  if ctest --test-dir "$dir" -j "$jobs" --output-on-failure "$@" > "$dir/ctest.log" 2>&1; then
    rc=0
  else
    rc=$?
  fi
  cat "$dir/ctest.log" | grep -E "^ *[0-9]+/[0-9]+ Test|tests passed|FAILED|Failed|\*\*\*" || true
  line=$(grep -E "tests passed" "$dir/ctest.log" || echo "no summary")
  echo "$name: $line ($(( $(date +%s) - start ))s)" >> "$summary"
  if [ "$rc" -ne 0 ]; then
    cat "$dir/ctest.log"
    echo "FAILED: $name"; cat "$summary"; exit 1
  fi
}

stage "native build (gcc)"
cmake -S "$src" -B "$root/native" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVMBP_BUILD_FUZZ=ON -DVMBP_BUILD_BENCH=ON > /dev/null
cmake --build "$root/native" -j "$jobs" > "$root/native-build.log" 2>&1 || { cat "$root/native-build.log"; exit 1; }
run_ctest "native (gcc)" "$root/native" -LE spin

stage "sanitizers (clang, ASan + UBSan)"
CC=clang cmake -S "$src" -B "$root/asan" -DCMAKE_BUILD_TYPE=Debug -DVMBP_SANITIZE=ON \
  -DVMBP_BUILD_FUZZ=ON -DVMBP_BUILD_DOCS=OFF > /dev/null
cmake --build "$root/asan" -j "$jobs" > "$root/asan-build.log" 2>&1 || { cat "$root/asan-build.log"; exit 1; }
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_ctest "sanitizers (clang asan+ubsan)" "$root/asan" -L "unit|fuzz|inspect"

stage "big-endian (s390x under qemu-user)"
cmake -S "$src" -B "$root/s390x" -DCMAKE_TOOLCHAIN_FILE="$src/cmake/toolchain-s390x.cmake" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVMBP_BUILD_DOCS=OFF -DVMBP_BUILD_FUZZ=ON > /dev/null
cmake --build "$root/s390x" -j "$jobs" > "$root/s390x-build.log" 2>&1 || { cat "$root/s390x-build.log"; exit 1; }
run_ctest "big-endian (s390x qemu)" "$root/s390x"

stage "ThreadSanitizer (clang): ring stress"
CC=clang cmake -S "$src" -B "$root/tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVMBP_SANITIZE_THREAD=ON \
  -DVMBP_BUILD_DOCS=OFF -DVMBP_STRESS_PACKETS=100000 > /dev/null
cmake --build "$root/tsan" -j "$jobs" --target ring_stress > "$root/tsan-build.log" 2>&1 || { cat "$root/tsan-build.log"; exit 1; }
TSAN_OPTIONS=halt_on_error=1:exitcode=66 run_ctest "thread sanitizer (clang tsan)" "$root/tsan" -L stress

stage "fuzz smoke (libFuzzer + ASan + UBSan per target, AFL++ on a ring target)"
start=$(date +%s)
if BUILD_ROOT="$root/fuzz" PAR=2 sh "$src/fuzz/smoke.sh" "${FUZZ_SECONDS:-60}" ring_race \
  > "$root/fuzz-smoke.log" 2>&1; then
  cat "$root/fuzz-smoke.log"
  echo "fuzz smoke: $(tail -n 1 "$root/fuzz-smoke.log" | sed 's/^fuzz smoke: //') ($(( $(date +%s) - start ))s)" >> "$summary"
else
  cat "$root/fuzz-smoke.log"; echo "FAILED: fuzz smoke"; cat "$summary"; exit 1
fi

stage "coverage (clang source-based: validators, ring and connection machines, every line)"
start=$(date +%s)
if BUILD_ROOT="$root/coverage" sh "$src/fuzz/coverage.sh" --check > "$root/coverage.log" 2>&1; then
  sed -n '/^Merged over/,$p' "$root/coverage.log"
  echo "coverage: $(grep '^coverage check:' "$root/coverage.log" | sed 's/^coverage check: //') ($(( $(date +%s) - start ))s)" >> "$summary"
else
  cat "$root/coverage.log"; echo "FAILED: coverage"; cat "$summary"; exit 1
fi

stage "documentation (Doxygen)"
start=$(date +%s)
if cmake --build "$root/native" --target docs > "$root/docs.log" 2>&1; then
  echo "docs: HTML in $root/native/docs/html, 0 warnings ($(( $(date +%s) - start ))s)" >> "$summary"
else
  cat "$root/docs.log"; echo "FAILED: docs"; exit 1
fi

stage "static analysis (Frama-C Eva)"
start=$(date +%s)
if JOBS=$jobs OUT="$root/proof" sh "$src/proof/run.sh" > "$root/proof.log" 2>&1; then
  cat "$root/proof.log"
  echo "static analysis (Frama-C Eva): $(grep -c '  ok$' "$root/proof.log") entry points, 0 alarms ($(( $(date +%s) - start ))s)" >> "$summary"
else
  cat "$root/proof.log"; echo "FAILED: static analysis"; cat "$summary"; exit 1
fi

stage "SPIN model of the ring's signalling (exhaustive; mutants must fail)"
start=$(date +%s)
if OUT="$root/spin" sh "$src/proof/spin/run.sh" "$root/native/tests/spin_check_tables" \
  > "$root/spin.log" 2>&1; then
  cat "$root/spin.log"
  echo "spin: $(sed -n 's/^spin: ring.pml [^:]*: //p' "$root/spin.log"); $(grep -c 'fails as it must' "$root/spin.log") mutants fail; $(sed -n 's/^check_tables: //p' "$root/spin.log") ($(( $(date +%s) - start ))s)" >> "$summary"
else
  cat "$root/spin.log"; echo "FAILED: spin"; cat "$summary"; exit 1
fi

stage "summary"
cat "$summary"
