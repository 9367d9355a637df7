#!/bin/sh
# SPDX-License-Identifier: MIT
# Throughput against packet size, from a vmbp-bench JSON file, drawn with gnuplot to a PNG.
#
#   bench/plot.sh [JSON [PNG]]   (defaults: bench/results/vmbp-bench.json, .../throughput.png)
#
# Left: one thread, a packet written and read back (write + read, batches of 8, zero-copy
# peek) against the two-memcpy baseline and the peer models (DPDK-style, Linux-style,
# bench_peers.h) timed in the same run. Right: two threads on rings of 256 KiB and 1 MiB
# against the plain two-thread memcpy pipe and the DPDK-style model run as the same pipeline.
# Needs gnuplot (Debian: gnuplot-nox) and python3.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
json=${1:-$root/bench/results/vmbp-bench.json}
png=${2:-$root/bench/results/throughput.png}
command -v gnuplot > /dev/null || { echo "gnuplot not found (apt-get install gnuplot-nox)"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one data file per series: bytes GB/s
python3 - "$json" "$tmp" << 'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
out = sys.argv[2]
series = {}
def add(name, x, y):
    series.setdefault(name, []).append((x, y))
for r in doc["rows"]:
    g, b = r["group"], r["bytes"]
    # a peer's throughput: the same payload in the peer model's time
    peers = {p["name"]: b / p["ns"] for p in r.get("peers", []) if p["ns"] > 0}
    if g == "ring":
        add("ring", b, r["gbps"]); add("memcpy2", b, r["base_gbps"])
        for name, gbps in peers.items():
            add("ring_" + name, b, gbps)
    elif g in ("batch", "zerocopy"):
        add(g, b, r["gbps"])
    elif g == "pipe":
        k = r["ring_kib"]
        add("pipe%d" % k, b, r["gbps"]); add("pipebase%d" % k, b, r["base_gbps"])
        if "dpdk" in peers:
            add("pipedpdk%d" % k, b, peers["dpdk"])
for name, pts in series.items():
    with open("%s/%s.dat" % (out, name), "w") as f:
        for x, y in sorted(pts):
            f.write("%d %.4f\n" % (x, y))
m, c = doc["machine"], doc["compiler"]
with open("%s/title" % out, "w") as f:
    f.write("%s, %d cores; %s %s %s; %s" % (m["cpu"], m["cores"], c["id"], c["version"],
                                          c["flags"], doc["date"][:10]))
PY

title=$(cat "$tmp/title")
cd "$tmp"
gnuplot << GP
set terminal pngcairo noenhanced size 1400,560 font "sans,10"
set output "$png"
set multiplot layout 1,2 title "vmbp-bench: throughput against packet size ($title)"
set logscale x 2
set xlabel "payload bytes per packet"
set ylabel "GB/s (payload)"
set grid
set key top left
set xrange [48:24000]
set xtics (64, 256, 1500, 4096, 16384)
set title "one thread: write then read each packet"
plot "memcpy2.dat" with linespoints lw 2 dt 2 title "baseline: 2 x memcpy", \
     "ring_dpdk.dat" with linespoints lw 1 dt 3 title "DPDK-style model: write + read", \
     "ring_linux.dat" with linespoints lw 1 dt 3 title "Linux-style model: write + read", \
     "ring.dat" with linespoints lw 2 title "vmbp_ring_write + vmbp_ring_read", \
     "batch.dat" with linespoints lw 2 title "batches of 8 (write_add/peek, one commit)", \
     "zerocopy.dat" with linespoints lw 2 title "zero-copy peek (trusted ring)"
set title "two threads: producer and consumer"
plot "pipebase256.dat" with linespoints lw 2 dt 2 title "baseline: memcpy pipe, 256 KiB", \
     "pipedpdk256.dat" with linespoints lw 1 dt 3 title "DPDK-style model, 256 KiB", \
     "pipe256.dat" with linespoints lw 2 title "ring, 256 KiB", \
     "pipebase1024.dat" with linespoints lw 2 dt 2 title "baseline: memcpy pipe, 1 MiB", \
     "pipedpdk1024.dat" with linespoints lw 1 dt 3 title "DPDK-style model, 1 MiB", \
     "pipe1024.dat" with linespoints lw 2 title "ring, 1 MiB"
unset multiplot
GP
echo "written: $png"
