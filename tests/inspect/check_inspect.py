#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the vmbp-inspect tool.

usage: check_inspect.py TOOL SRC_DIR MODE [--update]
  golden   every case below, as text and as JSON, against tests/inspect/golden/; every JSON
           output parsed; exit statuses as listed (--update rewrites the golden files)
  samples  "gen KIND" reproduces each bundled sample in reference/inspect/samples/
  bad      bad inputs: one line on stderr, nothing on stdout, exit status 2
  corpus   the tool over every fuzz corpus file (text and JSON): no crash, no sanitizer
           report, exit status 0, 1 or 2, JSON that parses
"""
import json
import os
import subprocess
import sys
import tempfile

S = "reference/inspect/samples/"

# name, arguments, expected exit status
CASES = [
    ("offer", ["msg", S + "offer.hex", "--from", "host", "--features", "0x10"], 0),
    ("offer_without_feature", ["msg", S + "offer.hex", "--from", "host"], 1),
    ("offer_from_guest", ["msg", S + "offer.hex", "--from", "guest", "--features", "0x10"], 1),
    ("offer_before_negotiation", ["msg", S + "offer.hex", "--version", "none"], 1),
    ("initiate_contact", ["msg", S + "initiate-contact.hex", "--version", "none"], 0),
    ("version_response", ["msg", S + "version-response.hex", "--version", "none"], 0),
    ("slot", ["msg", S + "slot.hex", "--version", "none"], 0),
    ("slot_as_body", ["msg", S + "slot.hex", "--body"], 1),
    ("gpadl_header", ["msg", S + "gpadl-header.hex", "--from", "guest"], 0),
    ("open_channel", ["msg", S + "open-channel.hex", "--from", "guest", "--version", "5.3"], 0),
    ("ring", ["ring", S + "ring.bin"], 0),
    ("ring_host_role", ["ring", S + "ring.bin", "--role", "host", "--preview", "4"], 0),
    ("ring_pair", ["ring", S + "ring-pair.bin", "--pair"], 0),
    ("ring_corrupt", ["ring", S + "ring-corrupt.bin"], 1),
    ("reg_sint2", ["reg", "SINT2", "0x100f3"], 0),
    ("reg_sint_arm64", ["reg", "SINT2", "0x2f3", "--arch", "arm64"], 0),
    ("reg_sint_low_vector", ["reg", "SINT2", "0x5"], 1),
    ("reg_simp", ["reg", "SIMP", "0x12345001"], 0),
    ("reg_eom_nonzero", ["reg", "EOM", "1"], 1),
    ("reg_hcall_control", ["reg", "HCALL_CONTROL", "0x1005c"], 0),
    ("reg_hcall_control_rep", ["reg", "HCALL_CONTROL", "0x800000005c"], 0),
    ("reg_hcall_control_rsvdz", ["reg", "HCALL_CONTROL", "0x10000000005c"], 1),
    ("reg_hcall_result", ["reg", "HCALL_RESULT", "0x12"], 0),
    ("cpuid_isolation", ["reg", "CPUID.0x4000000C", "1,0xe2"], 0),
    ("cpuid_vs", ["reg", "CPUID.0x40000082", "0x8"], 0),
    ("cpuid_vendor", ["reg", "CPUID.0x40000000", "0x4000000c,0x7263694d,0x666f736f,0x76482074"], 0),
]
TEXT_ONLY = [("demo", [], 0), ("help", ["--help"], 0)]

KINDS = {"offer": "offer.hex", "initiate-contact": "initiate-contact.hex",
         "version-response": "version-response.hex", "slot": "slot.hex",
         "gpadl-header": "gpadl-header.hex", "open-channel": "open-channel.hex",
         "ring": "ring.bin", "ring-pair": "ring-pair.bin", "ring-corrupt": "ring-corrupt.bin"}


def run(tool, args, cwd, stdin=None):
    p = subprocess.run([tool] + args, cwd=cwd, input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def sanitizer_report(err):
    text = err.decode("utf-8", "replace")
    return "AddressSanitizer" in text or "runtime error" in text or "LeakSanitizer" in text


def golden(tool, src, update):
    gdir = os.path.join(src, "tests", "inspect", "golden")
    failures = 0
    checked = 0
    for name, args, want in CASES + TEXT_ONLY:
        for fmt in ("txt", "json"):
            if fmt == "json" and (name, args, want) in TEXT_ONLY:
                continue
            full = args + (["--json"] if fmt == "json" else [])
            rc, out, err = run(tool, full, src)
            path = os.path.join(gdir, "%s.%s" % (name, fmt))
            checked += 1
            if rc != want:
                print("FAIL %s.%s: exit %d, want %d: %s" % (name, fmt, rc, want, err.decode()))
                failures += 1
            if err:
                print("FAIL %s.%s: stderr: %s" % (name, fmt, err.decode()))
                failures += 1
            if fmt == "json":
                try:
                    json.loads(out)
                except ValueError as e:
                    print("FAIL %s.json: not JSON: %s" % (name, e))
                    failures += 1
            if update:
                os.makedirs(gdir, exist_ok=True)
                with open(path, "wb") as fh:
                    fh.write(out)
                continue
            if not os.path.exists(path):
                print("FAIL %s.%s: no golden file %s" % (name, fmt, path))
                failures += 1
            elif open(path, "rb").read() != out:
                print("FAIL %s.%s: output differs from %s" % (name, fmt, path))
                failures += 1
    print("golden: %d outputs checked, %d failures" % (checked, failures))
    return failures


def samples(tool, src):
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for kind, fname in sorted(KINDS.items()):
            out = os.path.join(tmp, fname)
            args = ["gen", kind, "-o", out] + (["--hex"] if fname.endswith(".hex") else [])
            rc, _, err = run(tool, args, src)
            want = open(os.path.join(src, S, fname), "rb").read()
            if rc != 0 or open(out, "rb").read() != want:
                print("FAIL gen %s does not reproduce %s (%d %s)" % (kind, fname, rc, err))
                failures += 1
    rc, _, err = run(tool, ["gen", "nonsense"], src)
    if rc != 2 or len(err.decode().strip().split("\n")) != 1:
        print("FAIL gen nonsense: exit %d" % rc)
        failures += 1
    print("samples: %d kinds reproduced, %d failures" % (len(KINDS), failures))
    return failures


def bad(tool, src):
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        def f(name, data):
            p = os.path.join(tmp, name)
            with open(p, "wb") as fh:
                fh.write(data)
            return p
        huge = os.path.join(tmp, "huge.bin")
        with open(huge, "wb") as fh:
            fh.truncate(65 * 1024 * 1024)
        ring = open(os.path.join(src, S, "ring.bin"), "rb").read()
        cases = [
            ("missing file", ["msg", os.path.join(tmp, "missing")], None),
            ("missing ring file", ["ring", os.path.join(tmp, "missing")], None),
            ("empty file", ["msg", f("empty", b"")], None),
            ("empty stdin", ["msg"], b""),
            ("empty ring", ["ring", f("empty2", b"")], None),
            ("truncated message", ["msg", f("short.bin", b"\x0e\x00\x00")], None),
            ("truncated hex message", ["msg", f("short.hex", b"0e 00 00 00")], None),
            ("truncated ring", ["ring", f("short_ring.bin", ring[:6000])], None),
            ("truncated ring pair", ["ring", f("pair.bin", ring[:12288 + 4096]), "--pair"], None),
            ("huge message", ["msg", huge], None),
            ("huge ring", ["ring", huge], None),
            ("garbage text", ["msg", f("garbage.txt", b"hello, world\n")], None),
            ("garbage binary", ["msg", f("garbage.bin", bytes(range(200, 256)) * 3)], None),
            ("not hex with --hex", ["msg", "--hex", f("nothex.txt", b"0e 00 zz")], None),
            ("odd hex digits", ["msg", "--hex", f("odd.hex", b"0e 00 0")], None),
            ("unknown option", ["msg", "--frobnicate"], b""),
            ("unknown command", ["frobnicate"], None),
            ("option without value", ["msg", "--version"], b""),
            ("unknown version", ["msg", "--version", "7.0", os.path.join(src, S, "offer.hex")], None),
            ("bad features", ["msg", "--features", "0xfffffffff"], b""),
            ("features below 6.0", ["msg", "--version", "5.3", "--features", "1"], b""),
            ("bad direction", ["msg", "--from", "nobody"], b""),
            ("two inputs", ["msg", "a", "b"], None),
            ("ring without file", ["ring"], None),
            ("unknown register", ["reg", "FOO", "1"], None),
            ("register value not a number", ["reg", "SINT2", "x"], None),
            ("negative register value", ["reg", "SINT2", "-1"], None),
            ("SINT out of range", ["reg", "SINT16", "1"], None),
            ("CPUID bad leaf", ["reg", "CPUID.x", "1"], None),
            ("CPUID too many registers", ["reg", "CPUID.0x40000082", "1,2,3,4,5"], None),
            ("reg without value", ["reg", "SINT2"], None),
            ("bad arch", ["reg", "SINT2", "1", "--arch", "mips"], None),
            ("gen without kind", ["gen"], None),
            ("gen unwritable", ["gen", "offer", "-o", os.path.join(tmp, "no", "such", "dir")], None),
        ]
        for name, args, stdin in cases:
            rc, out, err = run(tool, args, src, stdin)
            lines = err.decode("utf-8", "replace").strip().split("\n")
            ok = rc == 2 and len(lines) == 1 and lines[0].startswith("vmbp-inspect:") and not out
            if not ok or sanitizer_report(err):
                print("FAIL %s: exit %d, stderr %r, stdout %d bytes" % (name, rc, err, len(out)))
                failures += 1
    print("bad inputs: %d cases, %d failures" % (len(cases), failures))
    return failures


def corpus(tool, src):
    failures = 0
    n = 0
    root = os.path.join(src, "fuzz", "corpus")
    dirs = [("samples", os.path.join(src, S))]
    if os.path.isdir(root):
        dirs += [(t, os.path.join(root, t)) for t in sorted(os.listdir(root))]
    for target, d in dirs:
        if not os.path.isdir(d):
            continue
        if target == "samples":
            variants = [["msg"], ["ring"], ["ring", "--pair"]]
        elif target.startswith("fuzz_ring"):
            variants = [["ring"], ["ring", "--pair"]]
        elif target == "fuzz_synic":
            variants = [["msg", "--slot"], ["msg"]]
        else:
            variants = [["msg"], ["msg", "--version", "none"]]
        for fname in sorted(os.listdir(d)):
            path = os.path.join(d, fname)
            for v in variants:
                for js in ([], ["--json"]):
                    args = v[:1] + [path] + v[1:] + js
                    rc, out, err = run(tool, args, src)
                    n += 1
                    bad_json = False
                    if js and rc != 2:
                        try:
                            json.loads(out)
                        except ValueError:
                            bad_json = True
                    if rc not in (0, 1, 2) or sanitizer_report(err) or bad_json:
                        print("FAIL %s: exit %d%s\n%s" % (" ".join(args), rc,
                              " (bad JSON)" if bad_json else "", err.decode()[-2000:]))
                        failures += 1
    print("corpus: %d runs, %d failures" % (n, failures))
    return failures


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    tool, src, mode = os.path.abspath(argv[1]), argv[2], argv[3]
    if mode == "golden":
        return 1 if golden(tool, src, "--update" in argv) else 0
    if mode == "samples":
        return 1 if samples(tool, src) else 0
    if mode == "bad":
        return 1 if bad(tool, src) else 0
    if mode == "corpus":
        return 1 if corpus(tool, src) else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
