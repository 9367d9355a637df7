#!/bin/sh
# SPDX-License-Identifier: MIT
# WP proofs, every run-time check (-wp-rte, unsigned overflow and downcasts included)
# discharged:
#   1. the contracts the Eva ring entry points rely on (proof/ring_contracts.h): the bodies
#      of the copy helpers of reference/vmbp_ring.c (ring_get, ring_put, ring_put_packet,
#      ring_put_wrapped, ring_get_body) keep them;
#   2. the index arithmetic of ring.h (proof/wp_index.c): results as specified, no wrap.
#
#   sh proof/wp.sh        exit 0 when every goal is proved
# The timeout is generous: z3 reports a goal it proves in about 2 s as an "Unknown error"
# when a loaded machine stretches it past a tight limit.
# Environment: FRAMAC (default frama-c), PROVERS (default z3,cvc4: each goal goes to both;
# z3 4.8 alone gives up ("Unknown error") on a few goals of the index arithmetic),
# OUT (default ./build-proof).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
framac=${FRAMAC:-frama-c}
provers=${PROVERS:-z3,cvc4}
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
    -cpp-extra-args=-I"$src/reference/include" -cpp-extra-args=-I"$here" \
    -cpp-extra-args=-include -cpp-extra-args="$here/proof.h" \
    -cpp-extra-args=-DPROOF_RING_CONTRACTS -kernel-warn-key typing:incompatible-types-call=inactive \
    "$src/reference/vmbp_ring.c" \
    -inline-calls vmbp_shared_copy_from,vmbp_shared_copy_to,ring_add,vmbp_ring_index_add,vmbp_pkt_ring_bytes \
    -warn-unsigned-overflow -warn-unsigned-downcast \
    -wp -wp-rte -wp-model Typed+cast -wp-fct ring_get,ring_put,ring_put_wrapped,ring_put_packet,ring_get_body -wp-prover "$provers" \
    -wp-par 2 -wp-timeout 90 > "$log" 2>&1; then
    rc=0
else
    rc=$?
fi
secs=$(( $(date +%s) - start ))
result() { # label log rc secs
    proved=$(sed -n 's/^\[wp\] Proved goals: *\([0-9]*\) \/ \([0-9]*\)$/\1 \2/p' "$2" | tail -n 1)
    set -- "$1" "$2" "$3" "$4" $proved
    if [ "$3" -ne 0 ] || [ $# -ne 6 ] || [ "$5" -ne "$6" ]; then
        grep -v '^\[wp\] \[.*\] Goal .*: Valid' "$2" | grep -A3 'Goal\|rror' | head -n 40
        echo "wp: $1: ${5:-?} of ${6:-?} goals proved ($4s) FAILED" >&2
        return 1
    fi
    echo "wp: $1: $5 of $6 goals proved with $provers ($4s)"
}
fail=0
result "ring copy helpers" "$log" "$rc" "$secs" || fail=1

log=$out/wp_index.log
fcts=$(sed -n 's/^[a-z_ 0-9]* \(wp_[a-z_0-9]*\)(.*/\1/p' "$here/wp_index.c" | paste -sd, -)
start=$(date +%s)
if "$framac" -c11 -machdep gcc_x86_64 -cpp-extra-args=-I"$src/include" \
    -cpp-extra-args=-I"$here" -cpp-extra-args=-include -cpp-extra-args="$here/proof.h" \
    "$here/wp_index.c" -inline-calls "vmbp_ring_avail,vmbp_ring_free,vmbp_ring_advance,\
vmbp_ring_read_index_check,vmbp_ring_write_index_check,vmbp_ring_pending_check,\
vmbp_ring_size_valid,vmbp_ring_index_valid,vmbp_ring_index_add,vmbp_ring_index_dist,\
vmbp_ring_read_index_accept,vmbp_ring_write_index_accept" \
    -warn-unsigned-overflow -warn-unsigned-downcast \
    -wp -wp-rte -wp-fct "$fcts" -wp-prover "$provers" -wp-par 2 -wp-timeout 90 \
    > "$log" 2>&1; then
    rc=0
else
    rc=$?
fi
result "ring.h index arithmetic" "$log" "$rc" "$(( $(date +%s) - start ))" || fail=1
exit "$fail"
