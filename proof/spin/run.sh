#!/bin/sh
# SPDX-License-Identifier: MIT
# The SPIN model of the ring's signalling (proof/README.md, "SPIN"):
#   sh proof/spin/run.sh CHECK_TABLES      (CHECK_TABLES: the built spin_check_tables)
# 1. ring.pml, exhaustively: every interleaving of the two ends, every store delay, every
#    choice of the loops; fails on a lost wake-up, a deadlock, or a statement of the ends
#    never reached. Prints the states, the depth and the time.
# 2. each mutant (a full barrier removed: the writer's, the reader's two, each of them, the
#    pending request's; the space before a decision taken from the last release instead of
#    the last decision, VMBP-RING-032) must fail; prints its counterexample in one line.
# 3. the model's decision table (tables.pml) against the C library (CHECK_TABLES): the
#    decisions, and the control-page stores, loads and full barriers of each call in order.
# covers: VMBP-RING-009 VMBP-RING-020 VMBP-RING-021 VMBP-RING-023 VMBP-RING-024 VMBP-RING-030
# Environment: SPIN_SIZE (data area in 8-byte units, default 8), SPIN_NPKT (packets, default
# 4), OUT (work directory, default ./build-spin).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
check_tables=${1:?usage: run.sh CHECK_TABLES}
case $check_tables in /*) ;; *) check_tables=$PWD/$check_tables ;; esac
size=${SPIN_SIZE:-8}
npkt=${SPIN_NPKT:-4}
out=${OUT:-$PWD/build-spin}
cc=${CC:-cc}
mkdir -p "$out"
cd "$out"
cp "$here/ring.pml" "$here/model.pml" "$here/decisions.pml" "$here/tables.pml" .

if ! command -v spin > /dev/null 2>&1; then
  echo "run.sh: spin not found (Debian: apt-get install spin)" >&2
  exit 2
fi

# Build the verifier of ring.pml with the given extra definitions into ./pan$2 (pan's
# compile-time options in $3).
build() { # defines suffix pan-options
  rm -f pan.c pan.h pan.m pan.b pan.t pan.p
  # shellcheck disable=SC2086 # the definitions are split on purpose
  spin -a -DSIZE="$size" -DNPKT="$npkt" $1 ring.pml > "spin$2.log" 2>&1 ||
    { cat "spin$2.log"; exit 1; }
  # shellcheck disable=SC2086
  $cc -O2 -DSAFETY -DCOLLAPSE -DMEMLIM=4096 $3 -w -o "pan$2" pan.c
}

# 1. the model
build "" "" ""
start=$(date +%s)
./pan -m100000 > pan.log 2>&1 || true
secs=$(( $(date +%s) - start ))
if ! grep -q "errors: 0" pan.log || grep -q "search not completed\|max search depth too small" pan.log; then
  cat pan.log
  echo "spin: FAILED: the model has a counterexample or the search was cut short"
  exit 1
fi
# every statement of the writer, the reader and the monitor is reached
for p in writer reader monitor; do
  if ! sed -n "/unreached in proctype $p\$/{n;p}" pan.log | grep -q "(0 of "; then
    sed -n "/unreached in proctype $p\$/,/of .* states)/p" pan.log
    echo "spin: FAILED: statements of $p never reached"
    exit 1
  fi
done
states=$(sed -n 's/^ *\([0-9][0-9]*\) states, stored.*/\1/p' pan.log)
depth=$(sed -n 's/.*depth reached \([0-9][0-9]*\).*/\1/p' pan.log)
transitions=$(sed -n 's/^ *\([0-9][0-9]*\) transitions.*/\1/p' pan.log)
echo "spin: ring.pml SIZE=$size NPKT=$npkt: no lost wake-up, no deadlock;" \
  "$states states, $transitions transitions, depth $depth, ${secs}s"

# 2. the mutants
fail=0
for m in NO_WRITER_MB NO_READER_MB NO_PUBLISH_MB NO_UNMASK_MB NO_PENDING_MB \
  SPACE_FROM_RELEASE; do
  build "-D$m" "_$m" -DREACH
  rm -f ring.pml.trail
  # -i: search again for shorter counterexamples, so that the one kept is short
  "./pan_$m" -m100000 -i > "pan_$m.log" 2>&1 || true
  if grep -q "errors: 0" "pan_$m.log" || [ ! -f ring.pml.trail ]; then
    echo "spin: FAILED: mutant $m has no counterexample"
    fail=1
    continue
  fi
  # What failed is read from the replay of the trail kept: with -i, pan names only the
  # first error it found, and a shorter trail found later may break another assertion.
  replay=$(spin -t -T -DSIZE="$size" -DNPKT="$npkt" "-D$m" ring.pml 2>&1)
  what=$(printf '%s\n' "$replay" | sed -n 's/^spin: text of failed assertion: //p')
  trace=$(printf '%s\n' "$replay" | tr -s ' \n\t' '   ' | sed 's/spin: .*//; s/ *$//')
  case $what in
  *r_waiting*) what="lost wake-up of the reader" ;;
  *w_waiting*) what="lost wake-up of the writer" ;;
  *)
    # a missing barrier must show as a lost wake-up, not as some other failure
    echo "spin: FAILED: mutant $m fails, but not by a lost wake-up: ${what:-invalid end state}: $trace"
    fail=1
    continue ;;
  esac
  echo "spin: mutant $m fails as it must: $what: $trace"
done
[ "$fail" -eq 0 ] || exit 1

# 3. the decision table against the C code
spin -T -DSIZE="$size" tables.pml > tables.txt 2>&1 || { cat tables.txt; exit 1; }
SPIN_SIZE=$size "$check_tables" tables.txt
