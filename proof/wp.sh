#!/bin/sh
# SPDX-License-Identifier: MIT
# WP proofs of the contracts the Eva entry points rely on (proof/ring_contracts.h): the
# bodies of ring_get and ring_put in reference/vmbp_ring.c keep their contracts, with every
# run-time check (-wp-rte, unsigned overflow and downcasts included) discharged.
#
#   sh proof/wp.sh        exit 0 when every goal is proved
# Environment: FRAMAC (default frama-c), PROVERS (default z3; cvc4 works as well),
# OUT (default ./build-proof).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
framac=${FRAMAC:-frama-c}
provers=${PROVERS:-z3}
out=${OUT:-$PWD/build-proof}
mkdir -p "$out"
log=$out/wp.log

# WP reaches the provers through Why3; register those installed (a private configuration,
# so nothing outside the build directory changes).
WHY3CONFIG=$out/why3.conf
export WHY3CONFIG
why3 config detect > "$out/why3-detect.log" 2>&1 || { cat "$out/why3-detect.log"; exit 2; }

start=$(date +%s)
# The shared-copy wrappers of shared.h are inlined, so the goals meet the copy hooks'
# contracts (shared_model.h). Typed+cast: the copies pass uint8_t buffers as void *, a
# character type of the same representation.
if "$framac" -c11 -machdep gcc_x86_64 -cpp-extra-args=-I"$src/include" \
    -cpp-extra-args=-I"$src/reference" -cpp-extra-args=-I"$here" \
    -cpp-extra-args=-include -cpp-extra-args="$here/proof.h" \
    -cpp-extra-args=-DPROOF_RING_CONTRACTS -kernel-warn-key typing:incompatible-types-call=inactive \
    "$src/reference/vmbp_ring.c" -inline-calls vmbp_shared_copy_from,vmbp_shared_copy_to \
    -warn-unsigned-overflow -warn-unsigned-downcast \
    -wp -wp-rte -wp-model Typed+cast -wp-fct ring_get,ring_put -wp-prover "$provers" \
    -wp-par 2 -wp-timeout 20 > "$log" 2>&1; then
    rc=0
else
    rc=$?
fi
secs=$(( $(date +%s) - start ))
proved=$(sed -n 's/^\[wp\] Proved goals: *\([0-9]*\) \/ \([0-9]*\)$/\1 \2/p' "$log" | tail -n 1)
set -- $proved
if [ "$rc" -ne 0 ] || [ $# -ne 2 ] || [ "$1" -ne "$2" ]; then
    grep -v '^\[wp\] \[.*\] Goal .*: Valid' "$log" | grep -A3 'Goal\|rror' | head -n 40
    echo "wp: ring_get, ring_put: ${1:-?} of ${2:-?} goals proved (${secs}s) FAILED" >&2
    exit 1
fi
echo "wp: ring_get, ring_put: $1 of $2 goals proved with $provers (${secs}s)"
