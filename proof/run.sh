#!/bin/sh
# SPDX-License-Identifier: MIT
# Proof of absence of run-time errors: Frama-C Eva over every entry point of proof/.
# covers: VMBP-TRUST-007 (no peer input leads to undefined behaviour)
#
#   sh proof/run.sh [NAME...]      run all entry points, or those named
#
# Prints one line per entry point (functions analysed, statements reached, alarms,
# unproven properties, seconds) and exits non-zero when any entry point has an alarm, an
# unproven or invalid property, a Frama-C error, or does not terminate. With a ring entry
# point it also runs proof/wp.sh (the contracts those entry points use) and fails with it.
# Environment: FRAMAC (default frama-c), JOBS (parallel analyses, default 2),
# OUT (logs and per-entry reports, default ./build-proof).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
framac=${FRAMAC:-frama-c}
jobs=${JOBS:-2}
out=${OUT:-$PWD/build-proof}
mkdir -p "$out"

if ! command -v "$framac" > /dev/null 2>&1; then
    echo "run.sh: $framac not found (Debian: apt-get install frama-c-base)" >&2
    exit 2
fi

# Checks on top of Eva's defaults (which already flag invalid memory accesses, reads of
# uninitialised or dangling values, signed overflow, division by zero, invalid shifts,
# float-to-int overflow and invalid bool/pointer conversions): signed downcasts, creating a
# pointer outside its object, right shifts of negative values.
common="-c11 -machdep gcc_x86_64 -cpp-extra-args=-I$src/include -cpp-extra-args=-I$src/reference/include
 -cpp-extra-args=-I$here -cpp-extra-args=-include -cpp-extra-args=$here/proof.h
 -warn-signed-downcast -warn-invalid-pointer -warn-right-shift-negative
 -eva -eva-no-show-progress -eva-msg-key=-initial-state,-final-states -eva-print-callstacks
 -eva-split-return auto -eva-auto-loop-unroll 32"
# Frama-C 25 warns when a 'T volatile *' argument meets a 'T const volatile *' parameter,
# which C allows (adding a qualifier); nothing else in the headers triggers this key.
common="$common -kernel-warn-key typing:incompatible-types-call=inactive"

# Options of the reference ring entry points: the index check inlined, so that a validated
# index is known valid where it is used (with the equality domain); the two copy helpers
# taken from their contracts (ring_contracts.h, proved by proof/wp.sh).
ring="-inline-calls vmbp_ring_index_valid,vmbp_ring_read_index_accept,vmbp_ring_write_index_accept -eva-domains equality -eva-use-spec ring_get,ring_put,ring_put_wrapped,ring_put_packet,ring_get_body"
ring="$ring -cpp-extra-args-per-file=$src/reference/vmbp_ring.c:-DPROOF_RING_CONTRACTS"

# name | entry function | sources (relative to proof/; "ring": the reference ring) | options
entries() {
    cat <<EOF
msg_validate|proof_msg_validate|msg_validate.c|-eva-precision 1 -eva-auto-loop-unroll 64
msg_fault|proof_msg_fault|msg_fault.c|-eva-precision 1 -eva-auto-loop-unroll 64 -eva-interprocedural-history -eva-partition-history 16
gpadl_reasm|proof_gpadl_reasm|gpadl.c|-eva-precision 1
gpadl_split_check|proof_gpadl_split_check|gpadl.c|-eva-precision 1 -eva-plevel 8200
gpadl_split|proof_gpadl_split|gpadl.c|-eva-precision 1 -eva-plevel 8200
synic|proof_synic|synic.c|-eva-precision 1 -eva-auto-loop-unroll 16
packet|proof_packet|packet.c|-eva-precision 1
ring_index|proof_ring_index|ring_index.c|-eva-precision 1
ring_read_1|proof_ring_read|ring_read.c ring|-eva-precision 1 -cpp-extra-args=-DRING_PAGES=1 $ring
ring_read_2|proof_ring_read|ring_read.c ring|-eva-precision 1 -cpp-extra-args=-DRING_PAGES=2 $ring
ring_read_3|proof_ring_read|ring_read.c ring|-eva-precision 1 -cpp-extra-args=-DRING_PAGES=3 $ring
ring_read_16|proof_ring_read|ring_read.c ring|-eva-precision 1 -cpp-extra-args=-DRING_PAGES=16 $ring
ring_write_1|proof_ring_write|ring_write.c ring|-eva-precision 1 -cpp-extra-args=-DRING_PAGES=1 $ring
ring_write_2|proof_ring_write|ring_write.c ring|-eva-precision 1 -cpp-extra-args=-DRING_PAGES=2 $ring
ring_write_3|proof_ring_write|ring_write.c ring|-eva-precision 1 -cpp-extra-args=-DRING_PAGES=3 $ring
ring_write_16|proof_ring_write|ring_write.c ring|-eva-precision 1 -cpp-extra-args=-DRING_PAGES=16 $ring
EOF
}

# Run one entry point; writes $out/NAME.log, $out/NAME.functions and $out/NAME.result.
analyse() { # name main files options
    name=$1 main=$2 files=$3 opts=$4
    log=$out/$name.log
    paths=
    for f in $files; do
        case $f in
        ring) paths="$paths $src/reference/vmbp_ring.c" ;;
        *) paths="$paths $here/$f" ;;
        esac
    done
    start=$(date +%s)
    # shellcheck disable=SC2086 # word splitting of the option lists is intended
    if "$framac" $common $opts -main "$main" $paths -then -metrics -metrics-eva-cover \
        > "$log" 2>&1; then
        rc=0
    else
        rc=$?
    fi
    secs=$(( $(date +%s) - start ))
    # Eva's summary: "N alarms generated" (or "0 alarms"), properties per kind
    alarms=$(sed -n 's/^ *\([0-9][0-9]*\) alarms\{0,1\} generated.*/\1/p' "$log" | tail -n 1)
    [ -n "$alarms" ] || alarms=$(grep -c '^\[eva:alarm\]' "$log" || true)
    red=$(grep -c '^\[eva:alarm\]' "$log" || true)
    unproven=$(awk '/^    (Assertions|Preconditions) /{u += $4; i += $6} END {print u + i}' "$log")
    functions=$(sed -n 's/^ *\([0-9][0-9]*\) functions\{0,1\} analyzed.*/\1/p' "$log" | head -n 1)
    stmts=$(sed -n 's/^ *[0-9]* stmts in analyzed functions, \([0-9]* stmts analyzed ([0-9.]*%)\)/\1/p' \
        "$log" | head -n 1)
    sed -n '/^\[metrics\] Statements analyzed by Eva/,/^\[/p' "$log" |
        sed -n 's/^  \([A-Za-z_][A-Za-z0-9_]*\): \([0-9]* stmts out of [0-9]*\).*/\1 \2/p' \
        > "$out/$name.functions"
    errors=$(sed -n 's/^ *by the Eva analyzer: *\([0-9]*\) errors.*/\1/p' "$log" | head -n 1)
    status=ok
    [ "$rc" -eq 0 ] || status="frama-c exit $rc"
    [ "${errors:-0}" -eq 0 ] || status="$errors Eva errors"
    grep -q 'NON TERMINATING' "$log" && status="entry point does not terminate"
    [ -n "$functions" ] || status="no Eva summary"
    [ "${alarms:-1}" -eq 0 ] && [ "$red" -eq 0 ] && [ "${unproven:-1}" -eq 0 ] ||
        [ "$status" != ok ] || status=alarms
    printf '%s|%s|%s|%s|%s|%s|%s\n' "$name" "${functions:-?}" "${stmts:-?}" "${alarms:-?}" \
        "${unproven:-?}" "$secs" "$status" > "$out/$name.result"
}

# Dispatch the selected entry points, at most $jobs at a time.
list=$out/entries.txt
entries > "$list"
if [ $# -gt 0 ]; then
    for want in "$@"; do
        grep -q "^$want|" "$list" || { echo "run.sh: no entry point $want" >&2; exit 2; }
    done
    pattern=$(printf '%s|' "$@" | sed 's/|$//')
    grep -E "^($pattern)\|" "$list" > "$list.sel"
    mv "$list.sel" "$list"
fi
total_start=$(date +%s)
running=0
while IFS='|' read -r name main files opts; do
    rm -f "$out/$name.result"
    analyse "$name" "$main" "$files" "$opts" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done < "$list"
wait

fail=0
printf '%-18s %9s %-27s %6s %9s %6s  %s\n' "entry point" functions "statements reached" alarms \
    unproven "secs" status
while IFS='|' read -r name main files opts; do
    if [ ! -f "$out/$name.result" ]; then
        printf '%-18s %s\n' "$name" "did not run"
        fail=1
        continue
    fi
    IFS='|' read -r n functions stmts alarms unproven secs status < "$out/$name.result"
    printf '%-18s %9s %-27s %6s %9s %6s  %s\n' "$n" "$functions" "$stmts" "$alarms" \
        "$unproven" "$secs" "$status"
    if [ "$status" != ok ]; then
        fail=1
        grep -A6 '^\[eva:alarm\]\|error\|Error' "$out/$name.log" | head -n 60 || true
    fi
done < "$list"
# The ring entry points take ring_get and ring_put from their contracts: prove them.
if grep -q '|ring|\| ring|' "$list"; then
    FRAMAC=$framac OUT=$out sh "$here/wp.sh" || fail=1
fi
echo "total: $(( $(date +%s) - total_start ))s with $jobs parallel analyses; logs in $out"
if [ "$fail" -ne 0 ]; then
    echo "FAILED: an entry point has alarms, unproven properties or errors" >&2
    exit 1
fi
echo "0 alarms and 0 unproven properties in every entry point"
