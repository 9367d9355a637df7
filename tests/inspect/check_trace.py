#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of `vmbp-inspect trace` (reference/inspect/cmd_trace.c).

usage: check_trace.py TOOL SRC_DIR [--update]
  every case below, as text and as JSON, against tests/inspect/golden/trace_*; every JSON
  output parsed; exit statuses as listed; bad inputs give one line on stderr, nothing on
  stdout and exit status 2. --update rewrites the golden files.
"""
import json
import os
import subprocess
import sys
import tempfile

T = "tests/inspect/traces/"

# name, arguments, expected exit status
# covers: VMBP-CONN-108 VMBP-CONN-111 VMBP-CONN-113 VMBP-CONN-115 VMBP-CONN-122
CASES = [
    ("trace_out_of_order_open_result", ["trace", T + "out_of_order_open_result.trace"], 1),
    ("trace_linux_boot", ["trace", T + "linux_boot.trace"], 0),
    ("trace_reused_channel_id", ["trace", T + "reused_channel_id.trace"], 1),
    ("trace_confidential", ["trace", T + "confidential.trace", "--confidential"], 1),
    ("trace_confidential_not_confidential", ["trace", T + "confidential.trace"], 1),
    ("trace_isolated_gpadls", ["trace", T + "isolated_gpadls.trace", "--isolated"], 0),
    ("trace_offer_bad_relid", ["trace", T + "offer_bad_relid.trace"], 1),
]


def run(tool, args, cwd, stdin=None):
    p = subprocess.run([tool] + args, cwd=cwd, input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    tool, src, update = os.path.abspath(argv[1]), argv[2], "--update" in argv
    gdir = os.path.join(src, "tests", "inspect", "golden")
    failures = checked = 0
    for name, args, want in CASES:
        for fmt in ("txt", "json"):
            rc, out, err = run(tool, args + (["--json"] if fmt == "json" else []), src)
            path = os.path.join(gdir, "%s.%s" % (name, fmt))
            checked += 1
            if rc != want or err:
                print("FAIL %s.%s: exit %d (want %d) %s" % (name, fmt, rc, want, err.decode()))
                failures += 1
            if fmt == "json":
                try:
                    doc = json.loads(out)
                    if doc["valid"] != (want == 0):
                        print("FAIL %s.json: valid is %s" % (name, doc["valid"]))
                        failures += 1
                except (ValueError, KeyError) as e:
                    print("FAIL %s.json: %s" % (name, e))
                    failures += 1
            if update:
                with open(path, "wb") as fh:
                    fh.write(out)
            elif not os.path.exists(path) or open(path, "rb").read() != out:
                print("FAIL %s.%s: output differs from %s" % (name, fmt, path))
                failures += 1
    # the same trace in the binary form gives the same verdict
    with tempfile.TemporaryDirectory() as tmp:
        def f(name, data):
            p = os.path.join(tmp, name)
            with open(p, "wb") as fh:
                fh.write(data)
            return p
        binary = b""
        for line in open(os.path.join(src, T, "out_of_order_open_result.trace")):
            line = line.split("#")[0].split()
            if line:
                data = bytes.fromhex("".join(line[1:]))
                binary += bytes([1 if line[0] == "guest" else 2, len(data)]) + data
        rc, out, err = run(tool, ["trace", f("trace.bin", binary), "--json"], src)
        checked += 1
        if rc != 1 or json.loads(out)["first_violation"]["rule"] != "VMBP-CONN-108":
            print("FAIL binary trace: exit %d %s" % (rc, err.decode()))
            failures += 1
        rc, out, err = run(tool, ["trace", "-"], src, stdin=b"host 03000000 00000000\n")
        checked += 1
        if rc != 1 or b"E_DIRECTION" not in out:
            print("FAIL stdin trace: exit %d" % rc)
            failures += 1
        bad = [
            ("no file", ["trace"], None),
            ("missing file", ["trace", os.path.join(tmp, "missing")], None),
            ("empty", ["trace", f("empty", b"")], None),
            ("only comments", ["trace", f("comments", b"# nothing\n\n")], None),
            ("bad direction", ["trace", f("dir", b"both 03000000 00000000\n")], None),
            ("bad hex", ["trace", f("hex", b"guest 03 zz\n")], None),
            ("odd hex", ["trace", f("odd", b"guest 030\n")], None),
            ("no bytes", ["trace", f("nobytes", b"guest\n")], None),
            ("record too long", ["trace", f("long", b"guest " + b"00" * 256 + b"\n")], None),
            ("binary bad direction", ["trace", f("b1", b"\x05\x08" + bytes(8))], None),
            ("binary truncated", ["trace", f("b2", b"\x01\x10" + bytes(8))], None),
            ("unknown option", ["trace", "--frobnicate"], None),
            ("two inputs", ["trace", "a", "b"], None),
        ]
        for name, args, stdin in bad:
            rc, out, err = run(tool, args, src, stdin)
            lines = err.decode("utf-8", "replace").strip().split("\n")
            checked += 1
            if rc != 2 or out or len(lines) != 1 or not lines[0].startswith("vmbp-inspect:"):
                print("FAIL bad input %s: exit %d, stderr %r, stdout %d bytes" %
                      (name, rc, err, len(out)))
                failures += 1
    print("trace: %d checks, %d failures" % (checked, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
