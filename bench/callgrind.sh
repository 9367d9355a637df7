#!/bin/sh
# SPDX-License-Identifier: MIT
# Instructions per operation, counted by valgrind --tool=callgrind: stable on a noisy machine.
#
#   bench/callgrind.sh [BUILD_DIR [OUT_DIR]]     (defaults: build-bench, bench/results)
#
# Runs the fixed loops of vmbp-bench (--icount) under callgrind and divides the inclusive
# instruction counts of the functions by the number of calls to them:
#   ring, per packet at 0, 64 and 1500 bytes: vmbp_ring_write, vmbp_ring_read, and the
#     baseline bench_copy2 (two memcpy calls of the payload); per call of the batch
#     functions vmbp_ring_write_add, vmbp_ring_peek and the two commits (one per 8 packets);
#     fixed overhead = write + read - bench_copy2 at the same size (target <= 280 at 64
#     bytes); the peer models' write + read (bench_peers.h) and their fixed overhead;
#   empty poll: vmbp_ring_read of an empty ring (target <= 40), and the peers' (a DPDK-style
#     rte_vmbus_chan_recv, a Linux-style vmbus_recvpacket finding nothing);
#   messages, per decode of each variant: the library's family decoder (bench_lib_<TYPE>),
#     vmbp_msg_decode (bench_dec_any), the OpenVMM-style decoder of the family
#     (bench_ovmm_<family>) and the hand-written one (bench_hand_<type>) of bench_msg_base.c.
# Writes OUT_DIR/callgrind.txt (the tables) and OUT_DIR/callgrind.json. Environment:
# VMBP_ICOUNT_N (loop count, default 20000), VMBP_ICOUNT_ONLY=ring (skip the messages) or
# msg (skip the ring).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
out=${2:-$root/bench/results}
bin=$build/bench/vmbp-bench
N=${VMBP_ICOUNT_N:-20000}
command -v valgrind > /dev/null || { echo "valgrind not found (apt-get install valgrind)"; exit 2; }
[ -x "$bin" ] || { echo "$bin not built (cmake -DVMBP_BUILD_BENCH=ON)"; exit 2; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Instructions per call of function $2 in callgrind output $1: its inclusive count divided by
# the calls its callers made (0 if absent). Run from a directory outside the source tree:
# there, callgrind_annotate names inlined header code as functions of their own and leaves it
# out of the caller's inclusive count.
per_call() {
  (cd "$tmp" && callgrind_annotate --tree=caller --inclusive=yes --threshold=100 --auto=no \
    "$1") 2> /dev/null |
    awk -v f=":$2 [" '
      /^ *$/ { calls = 0; next }
      / < / { if (match($0, /\([0-9,]+x\)/)) {
                n = substr($0, RSTART + 1, RLENGTH - 3); gsub(",", "", n); calls += n }
              next }
      / \* / && index($0, f) { v = $1; gsub(",", "", v)
                               printf "%.1f\n", calls ? v / calls : 0; found = 1; exit }
      END { if (!found) print 0 }'
}

txt=$out/callgrind.txt
json=$out/callgrind.json
# (dirty: a change outside bench/results, which the benchmark run itself rewrites)
rev=$(cd "$root" && git describe --always 2> /dev/null || echo unknown)
if [ -n "$(cd "$root" && git status --porcelain -- . ':!bench/results' 2> /dev/null)" ]; then
  rev=$rev-dirty
fi
{
  echo "Instructions per operation (valgrind --tool=callgrind, inclusive counts / calls)"
  echo "source $rev," \
    "$(valgrind --version), N = $N"
  "$bin" --info
  echo
  printf '%-6s %7s %7s %7s %8s %6s %6s %6s %8s %8s %7s %7s %6s %6s\n' bytes write read 'w+r' \
    '2 memcpy' fixed add peek commit_w commit_r 'dpdk' 'linux' dpdk_f linux_f
} > "$txt"
printf '{\n  "tool": "callgrind",\n  "n": %s,\n  "valgrind": "%s",\n  "build": "%s",\n  "ring": [\n' \
  "$N" "$(valgrind --version)" "$("$bin" --info | sed 's/"/'"'"'/g')" > "$json"

sep=""
ring_sizes="0 64 1500"
[ "${VMBP_ICOUNT_ONLY:-}" = msg ] && ring_sizes=""
for bytes in $ring_sizes; do
  cg=$tmp/ring.$bytes
  valgrind --tool=callgrind --callgrind-out-file="$cg" "$bin" --icount ring "$bytes" "$N" \
    > "$tmp/log" 2>&1 || { cat "$tmp/log"; echo "callgrind failed: ring $bytes"; exit 1; }
  w=$(per_call "$cg" vmbp_ring_write)
  r=$(per_call "$cg" vmbp_ring_read)
  c=$(per_call "$cg" bench_copy2)
  add=$(per_call "$cg" vmbp_ring_write_add)
  peek=$(per_call "$cg" vmbp_ring_peek)
  cw=$(per_call "$cg" vmbp_ring_write_commit)
  cr=$(per_call "$cg" vmbp_ring_commit)
  ds=$(per_call "$cg" dpdk_chan_send)
  dr=$(per_call "$cg" dpdk_chan_recv)
  ls=$(per_call "$cg" linux_sendpacket)
  lr=$(per_call "$cg" linux_recvpacket)
  wr=$(awk -v a="$w" -v b="$r" 'BEGIN { printf "%.1f", a + b }')
  fixed=$(awk -v a="$wr" -v b="$c" 'BEGIN { printf "%.1f", a - b }')
  dwr=$(awk -v a="$ds" -v b="$dr" 'BEGIN { printf "%.1f", a + b }')
  lwr=$(awk -v a="$ls" -v b="$lr" 'BEGIN { printf "%.1f", a + b }')
  dfix=$(awk -v a="$dwr" -v b="$c" 'BEGIN { printf "%.1f", a - b }')
  lfix=$(awk -v a="$lwr" -v b="$c" 'BEGIN { printf "%.1f", a - b }')
  printf '%-6s %7s %7s %7s %8s %6s %6s %6s %8s %8s %7s %7s %6s %6s\n' "$bytes" "$w" "$r" "$wr" \
    "$c" "$fixed" "$add" "$peek" "$cw" "$cr" "$dwr" "$lwr" "$dfix" "$lfix" >> "$txt"
  meets=true
  [ "$bytes" = 64 ] && meets=$(awk -v f="$fixed" 'BEGIN { print (f <= 280) ? "true" : "false" }')
  printf '%s    {"bytes": %s, "write": %s, "read": %s, "write_read": %s, "memcpy2": %s, "fixed": %s, "write_add": %s, "peek": %s, "write_commit_per_batch": %s, "commit_per_batch": %s, "dpdk_write_read": %s, "linux_write_read": %s, "dpdk_fixed": %s, "linux_fixed": %s, "target_fixed_64": 280, "meets_target": %s}' \
    "$sep" "$bytes" "$w" "$r" "$wr" "$c" "$fixed" "$add" "$peek" "$cw" "$cr" "$dwr" "$lwr" \
    "$dfix" "$lfix" "$meets" >> "$json"
  sep=",
"
done
cg=$tmp/poll
valgrind --tool=callgrind --callgrind-out-file="$cg" "$bin" --icount poll "$N" \
  > "$tmp/log" 2>&1 || { cat "$tmp/log"; echo "callgrind failed: poll"; exit 1; }
poll=$(per_call "$cg" vmbp_ring_read)
dpoll=$(per_call "$cg" dpdk_chan_recv)
lpoll=$(per_call "$cg" linux_recvpacket)
{
  echo
  echo "fixed = write + read - 2 memcpy (the baseline: two memcpy calls of the payload),"
  echo "target <= 280 at 64 bytes; add/peek per packet, commits per batch of 8 (batch path);"
  echo "dpdk, linux: the peer models' write + read (bench/bench_peers.h), dpdk_f, linux_f their"
  echo "fixed overhead."
  echo
  printf 'empty poll: vmbp_ring_read %s (target <= 40), dpdk %s, linux %s\n' "$poll" "$dpoll" \
    "$lpoll"
  echo
  printf '%-3s %-8s %-27s %5s %7s %8s %6s %6s %9s %9s %9s\n' '#' family variant bytes lib \
    dispatch ovmm hand 'ovmm/lib' 'hand/lib' 'lib/disp'
} >> "$txt"
printf '\n  ],\n  "empty_poll": {"read": %s, "dpdk": %s, "linux": %s, "target": 40, "meets_target": %s},\n' \
  "$poll" "$dpoll" "$lpoll" "$(awk -v f="$poll" 'BEGIN { print (f <= 40) ? "true" : "false" }')" \
  >> "$json"
printf '  "decode": [\n' >> "$json"

sep=""
"$bin" --icount msg list > "$tmp/list"
[ "${VMBP_ICOUNT_ONLY:-}" = ring ] && : > "$tmp/list"
while read -r idx family variant bytes fn ofn hfn; do
  cg=$tmp/msg.$idx
  valgrind --tool=callgrind --callgrind-out-file="$cg" "$bin" --icount msg "$idx" "$N" \
    > "$tmp/log" 2>&1 || { cat "$tmp/log"; echo "callgrind failed: message $variant"; exit 1; }
  d=$(per_call "$cg" "$fn")
  a=$(per_call "$cg" bench_dec_any)
  h=$(per_call "$cg" "$hfn")
  o=0
  [ "$ofn" = - ] || o=$(per_call "$cg" "$ofn")
  ro=$(awk -v o="$o" -v d="$d" 'BEGIN { if (o > 0) printf "%.2f", o / d; else print "-" }')
  rh=$(awk -v h="$h" -v d="$d" 'BEGIN { printf "%.2f", h / d }')
  ra=$(awk -v a="$a" -v d="$d" 'BEGIN { printf "%.2f", d / a }')
  printf '%-3s %-8s %-27s %5s %7s %8s %6s %6s %9s %9s %9s\n' "$idx" "$family" "$variant" \
    "$bytes" "$d" "$a" "$o" "$h" "$ro" "$rh" "$ra" >> "$txt"
  printf '%s    {"family": "%s", "variant": "%s", "bytes": %s, "lib": %s, "dispatch": %s, "ovmm": %s, "hand": %s}' \
    "$sep" "$family" "$variant" "$bytes" "$d" "$a" "$o" "$h" >> "$json"
  sep=",
"
done < "$tmp/list"
{
  echo
  echo "lib: the family decoder; dispatch: vmbp_msg_decode; ovmm: the OpenVMM-style decoder of"
  echo "the family (-: none takes the variant); hand: the hand-written decoder with the same"
  echo "checks. Instruction ratios, to read beside the timed ones of vmbp-bench (targets there:"
  echo "ovmm/lib >= 0.7, hand/lib >= 0.8, lib/dispatch >= 0.83)."
} >> "$txt"
printf '\n  ]\n}\n' >> "$json"
cat "$txt"
echo "written: $txt $json"
