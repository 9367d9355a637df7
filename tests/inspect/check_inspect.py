#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the vmbp-inspect tool.

usage: check_inspect.py TOOL SRC_DIR MODE [--update]
  golden   every case below, as text and as JSON, against tests/inspect/golden/; every JSON
           output parsed; exit statuses as listed (--update rewrites the golden files)
  samples  "gen KIND" reproduces each bundled sample in reference/inspect/samples/
  bad      bad inputs: one line on stderr, nothing on stdout, exit status 2
  dumps    every dump form of tests/inspect/dumps/ (dumps.py) reads as the message it shows,
           and so does a fresh dump by the real program where it is installed; the
           ambiguous ones are refused with the reason
  memory   endless and huge inputs (/dev/zero, endless text, a sparse file of several GiB)
           are refused with exit status 2 in memory bounded by the command's limit (peak
           resident size from wait4)
  corpus   the tool over every named fuzz corpus file (seeds, reproducers; text and JSON):
           no crash, no sanitizer report, exit status 0, 1 or 2, JSON that parses
  vectors  every ring image of tests/vectors/ring/ (--any-size): the status the vector
           names, exit status 0 for OK and 1 for a rejection; without --any-size refused
"""
import json
import os
import re
import subprocess
import sys
import tempfile

S = "reference/inspect/samples/"
G = "tests/inspect/gpadl/"
R = "tests/inspect/rings/"
F = "tests/inspect/faults/"

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
    ("gpadl_header_alone", ["msg", G + "header.hex", "--from", "guest"], 0),
    ("gpadl_body_alone", ["msg", G + "body.hex", "--from", "guest"], 0),
    ("gpadl_header_bad_range", ["msg", G + "header_bad_range.hex"], 1),
    ("gpadl_split", ["msg", S + "gpadl-split.hex", "--gpadl", "--from", "guest"], 0),
    ("gpadl_split_slots", ["msg", G + "split.slots", "--gpadl"], 0),
    ("gpadl_split_xxd", ["msg", G + "split.xxd", "--gpadl"], 0),
    ("gpadl_split_kernel", ["msg", G + "split.kernel", "--gpadl"], 0),
    ("gpadl_missing_body", ["msg", G + "missing_body.hex", "--gpadl"], 1),
    ("gpadl_other_handle", ["msg", G + "other_handle.hex", "--gpadl"], 1),
    ("gpadl_body_first", ["msg", G + "body_first.hex", "--gpadl"], 1),
    ("gpadl_extra_body", ["msg", G + "extra_body.hex", "--gpadl"], 1),
    ("gpadl_bad_range", ["msg", G + "bad_range.hex", "--gpadl"], 1),
    ("gpadl_from_host", ["msg", G + "split.hex", "--gpadl", "--from", "host"], 1),
    # rejected messages: the decoder's fault report (field, offset, size, value, allowed, rule)
    # covers: VMBP-MSG-003 VMBP-MSG-005 VMBP-MSG-006 VMBP-MSG-007 VMBP-CHAN-002 VMBP-CHAN-003
    # covers: VMBP-OFFER-003 VMBP-OFFER-004 VMBP-OFFER-005 VMBP-HVSOCK-003 VMBP-FEAT-003
    # covers: VMBP-FEAT-005 VMBP-GPADL-002 VMBP-GPADL-003 VMBP-GPADL-008 VMBP-SYNIC-004
    ("fault_field_range", ["msg", F + "open_channel_relid.hex", "--from", "guest"], 1),
    ("fault_reserved", ["msg", F + "offer_rsvdz.hex", "--features", "0x10"], 1),
    ("fault_feature_bit", ["msg", F + "open_channel_redirect.hex", "--from", "guest",
                           "--features", "0x1"], 1),
    ("fault_feature_flag", ["msg", F + "offer_pinned.hex", "--features", "0x10"], 1),
    ("fault_feature_gate", ["msg", F + "pause.hex"], 1),
    ("fault_truncated", ["msg", F + "offer_truncated.hex"], 1),
    ("fault_too_long", ["msg", F + "offer_too_long.hex"], 1),
    ("fault_version", ["msg", F + "modify_channel.hex", "--from", "guest", "--version", "4.0"],
     1),
    ("fault_gpadl_range_buflen", ["msg", F + "gpadl_range_buflen.hex", "--from", "guest"], 1),
    ("fault_gpadl_range_buflen_reassembly", ["msg", F + "gpadl_range_buflen.hex", "--gpadl"], 1),
    ("fault_gpadl_body_range", ["msg", F + "gpadl_body_range.hex", "--gpadl"], 1),
    ("fault_overlay_pipe", ["msg", F + "offer_pipe_type.hex"], 1),
    ("fault_overlay_hvsock", ["msg", F + "offer_hvsock_accept.hex"], 1),
    ("offer_hvsock", ["msg", F + "offer_hvsock.hex"], 0),
    ("fault_slot_payload_size", ["msg", F + "slot_payload_size.hex", "--slot"], 1),
    ("ring", ["ring", S + "ring.bin"], 0),
    ("ring_host_role", ["ring", S + "ring.bin", "--role", "host", "--preview", "4"], 0),
    ("ring_pair", ["ring", S + "ring-pair.bin", "--pair"], 0),
    ("ring_corrupt", ["ring", S + "ring-corrupt.bin"], 1),
    ("ring_bad_write_index", ["ring", R + "write_index.bin"], 1),
    ("ring_bad_read_index", ["ring", R + "read_index.bin"], 1),
    ("ring_bad_pending_send_sz", ["ring", R + "pending_send_sz.bin"], 1),
    ("ring_avail_short", ["ring", R + "avail_short.bin"], 1),
    ("ring_bad_type", ["ring", R + "type.bin"], 1),
    ("ring_legacy_type", ["ring", R + "type.bin", "--legacy-types"], 0),
    ("ring_bad_flags", ["ring", R + "flags.bin"], 1),
    ("ring_overrun", ["ring", R + "overrun.bin"], 1),
    ("ring_no_ranges", ["ring", R + "range_count.bin"], 1),
    ("ring_ranges_past_data", ["ring", R + "range_bounds.bin"], 1),
    ("reg_sint2", ["reg", "SINT2", "0x100f3"], 0),
    ("reg_sint_arm64", ["reg", "SINT2", "0x2f3", "--arch", "arm64"], 0),
    ("reg_sint_low_vector", ["reg", "SINT2", "0x5"], 1),
    ("reg_sint_arm64_auto_eoi", ["reg", "SINT2", "0x20010", "--arch", "arm64"], 1),
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
         "gpadl-header": "gpadl-header.hex", "gpadl-split": "gpadl-split.hex",
         "open-channel": "open-channel.hex",
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
            # dumps that cannot be read, or not one way only
            ("dump with a line missing", ["msg", f("gap.xxd",
                b"00000000: 0800 0000 0000 0000 0700 0000 101e 0e00  ................\n"
                b"00000020: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n")], None),
            ("two dumps for one message", ["msg", f("two.xxd",
                b"00000000: 0300 0000 0000 0000                      ........\n"
                b"00000000: 0300 0000 0000 0000                      ........\n")], None),
            ("dump forms mixed", ["msg", f("mixed.txt",
                b"00000000: 0300 0000 0000 0000                      ........\n"
                b"00000008  00 00 00 00 00 00 00 00  |........|\n")], None),
            ("ASCII column that does not match", ["msg", f("asc.xxd",
                b"00000000: 0300 0000 0000 0000                      ......x.\n")], None),
            ("0x words in plain hex", ["msg", f("words.hex", b"0x00000003 0x00000000\n")], None),
            ("one-digit values", ["msg", f("digits.hex", b"3 0 0 0 0 0 0 0\n")], None),
            ("address column in plain hex", ["msg", f("dd.txt",
                b"00a1b2c0 00000003 00000000\n00a1b2c8 00000000 00000000\n")], None),
            ("unreadable memory", ["msg", f("q.windbg",
                b"00a1b2c0  03 00 00 00 ?? ?? ?? ??-00 00 00 00 00 00 00 00  ................\n")],
             None),
            ("binary after text", ["msg", "--hex", f("bin.hex", b"03 00 00 00\n\x00\x01")], None),
            ("a '*' without offsets", ["msg", f("sq.od", b" 03 00 00 00 00 00 00 00\n*\n")], None),
            ("a '*' at the end", ["msg", f("sq.hexdump",
                b"00000000  03 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
                b"*\n")], None),
            ("a dump line too long", ["msg", f("long.xxd",
                b"00000000: 0300 0000 0000 0000  ........" + b" " * 5000 + b"\n")], None),
            ("only comments", ["msg", f("comments.hex", b"# nothing here\n\n# still nothing\n")],
             None),
            ("endless blank text", ["msg", f("blank.hex", b" " * (2 << 20))], None),
            ("bad --group-order", ["msg", "--group-order", "middle"], b""),
            ("--gpadl with a message that is no GPADL message",
             ["msg", "--gpadl", os.path.join(src, G, "not_gpadl.hex")], None),
            ("--gpadl --body on raw input", ["msg", "--gpadl", "--body", "--raw", "-"], b"\x09"),
            ("--gpadl with a slot holding no message",
             ["msg", "--gpadl", f("free.slot", bytes(256))], None),
            ("schema with an argument", ["schema", "--yaml"], None),
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


def dumps(tool, src):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import dumps as forms

    failures = 0
    checked = 0
    rc, ref, err = run(tool, ["msg", S + "offer.hex"] + forms.ARGS, src)
    ref = ref.decode().split("\n")
    data = forms.message(tool)
    expect = {"xxd": "xxd, 2-byte groups, memory order", "xxd-g1": "xxd",
              "xxd-g4": "xxd, 4-byte groups, memory order",
              "xxd-e": "xxd, 4-byte groups, little-endian order", "hexdump-C": "hexdump -C",
              "hexdump": "hexdump, 2-byte groups, little-endian order, hex offsets",
              "od-An-tx1-v": "plain hex", "od-tx1": "od -tx1, octal offsets",
              "od-Ax-tx1z": "od -tx1z, hex offsets",
              "od-x": "od -x, 2-byte groups, little-endian order, octal offsets",
              "gdb-xb": "gdb x/xb", "kernel": "print_hex_dump", "kernel-address": "print_hex_dump",
              "kernel-g4": "print_hex_dump, 4-byte groups, little-endian order",
              "kernel-none": "print_hex_dump", "windbg-db": "WinDbg db"}

    def same(what, args, text_path):
        nonlocal failures, checked
        checked += 1
        rc, out, err = run(tool, ["msg", text_path] + forms.ARGS + args, src)
        lines = out.decode().split("\n")
        want = ref[:1] + ["input: " + expect[what]] + ref[2:]
        if rc != 0 or err or lines != want:
            print("FAIL %s: exit %d, %s\n%s" % (text_path, rc, err.decode(), "\n".join(
                a + "  |  " + b for a, b in zip(lines, want) if a != b)[:2000]))
            failures += 1

    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd, args, _ in forms.FORMS:
            same(name, args, os.path.join(src, forms.D, "offer." + name))
            fresh = forms.make(name, cmd, data, tmp)
            if fresh is None:
                print("note: %s is not installed: only the committed %s dump is read" %
                      (cmd if isinstance(cmd, str) else cmd[0], name))
                continue
            path = os.path.join(tmp, "fresh." + name)
            with open(path, "w") as fh:
                fh.write(fresh)
            same(name, args, path)
    for name, says in forms.AMBIGUOUS:
        checked += 1
        rc, out, err = run(tool, ["msg", os.path.join(src, forms.D, name)], src)
        text = err.decode()
        if rc != 2 or out or says not in text or len(text.strip().split("\n")) != 1:
            print("FAIL %s: exit %d, want 2 and '%s' in: %s" % (name, rc, says, text))
            failures += 1
    print("dumps: %d reads checked, %d failures" % (checked, failures))
    return failures


def peak_rss(tool, args, src, stdin=None, timeout=120):
    """Run the tool under GNU time (package "time"): (exit status, stderr, peak resident
    KiB, seconds). A child of this Python process would report Python's own size: Linux
    keeps the larger peak across fork and exec."""
    import time

    with tempfile.NamedTemporaryFile() as rss:
        start = time.monotonic()
        try:
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, tool] + args,
                               cwd=src, stdin=stdin or subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            return -9, b"(timeout)", 0, time.monotonic() - start
        secs = time.monotonic() - start
        text = open(rss.name).read().strip().split("\n")
    rc = p.returncode
    if text and text[0].startswith("Command exited with non-zero status"):
        text = text[1:]
    return rc, p.stderr, int(text[-1]), secs


def memory(tool, src):
    """Issue 19: the tool stops at the first byte past its limit, or at the size of a regular
    file, in memory bounded by the limit (msg 4 KiB, ring 64 MiB)."""
    mib = 1024
    # the limit, a quarter more (an AddressSanitizer build adds an eighth of the heap as
    # shadow, and a ring's packet buffer), and 16 MiB: in proportion to the limit, whatever
    # the input's size
    ring_bound = 64 * mib + 16 * mib + 16 * mib
    failures = 0
    rc, err, base, _ = peak_rss(tool, ["--version"], src)
    print("baseline: %d KiB resident (vmbp-inspect --version)" % base)
    with tempfile.TemporaryDirectory() as tmp:
        sparse = os.path.join(tmp, "sparse-4g.bin")
        with open(sparse, "wb") as fh:
            fh.truncate(4 << 30)
        at_limit = os.path.join(tmp, "ring-64m.bin")
        with open(at_limit, "wb") as fh:
            fh.truncate(64 << 20)  # zero indices: a valid empty ring of 64 MiB - 4 KiB
        endless_hex = ["sh", "-c", "yes 0000000000000000000000000000000000000000000000000000"]
        endless_blank = ["sh", "-c", "yes ''"]
        cases = [
            # name, args, stdin command, exit, bound on the peak above the baseline (KiB), says
            ("msg /dev/zero", ["msg", "/dev/zero"], None, 2, 8 * mib, "too large"),
            ("ring /dev/zero", ["ring", "/dev/zero"], None, 2, ring_bound, "too large"),
            ("msg, 4 GiB sparse file", ["msg", sparse], None, 2, 8 * mib, "too large"),
            ("ring, 4 GiB sparse file", ["ring", sparse], None, 2, 8 * mib, "too large"),
            ("msg --gpadl, 4 GiB sparse file", ["msg", "--gpadl", sparse], None, 2, 8 * mib,
             "too large"),
            ("ring, 64 MiB file (the limit)", ["ring", at_limit], None, 0, ring_bound, None),
            ("msg, endless hex on stdin", ["msg", "-"], endless_hex, 2, 8 * mib, "too large"),
            ("msg, endless blank lines on stdin", ["msg", "-"], endless_blank, 2, 8 * mib,
             "text longer than"),
            ("ring, endless blank lines on stdin", ["ring", "-"], endless_blank, 2, 8 * mib,
             "without a byte"),
            ("ring, endless zeros on stdin", ["ring", "-"], ["cat", "/dev/zero"], 2, ring_bound,
             "too large"),
            ("ring, endless hex on stdin", ["ring", "-"], endless_hex, 2, ring_bound,
             "too large"),
        ]
        for name, args, feeder, want, bound, says in cases:
            if feeder:
                feed = subprocess.Popen(feeder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                rc, err, peak, secs = peak_rss(tool, args, src, stdin=feed.stdout)
                feed.stdout.close()
                feed.kill()
                feed.wait()
            else:
                rc, err, peak, secs = peak_rss(tool, args, src)
            text = err.decode("utf-8", "replace").strip()
            ok = rc == want and peak - base <= bound and (says is None or says in text)
            if want == 2:
                ok = ok and len(text.split("\n")) == 1 and text.startswith("vmbp-inspect:")
            print("%s %s: exit %d, peak %d KiB (%+d KiB, bound %d), %.2f s%s" %
                  ("ok  " if ok else "FAIL", name, rc, peak, peak - base, bound, secs,
                   (": " + text) if text else ""))
            failures += 0 if ok else 1
    print("memory: %d cases, %d failures" % (len(cases), failures))
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
            if re.match(r"^[0-9a-f]{40}$", fname):
                continue  # campaign finds: fuzz.replay.<target> runs them
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


def vectors(tool, src):
    failures = checked = 0
    vdir = os.path.join(src, "tests", "vectors", "ring")
    for name in sorted(n for n in os.listdir(vdir) if n.endswith(".vec")):
        for block in open(os.path.join(vdir, name)).read().split("\n\n"):
            lines = block.strip().split("\n")
            vec = [ln[8:] for ln in lines if ln.startswith("vector: ")]
            if not vec:
                continue
            want = [ln[8:] for ln in lines if ln.startswith("status: ")][0]
            image = bytes.fromhex("".join(ln[5:] for ln in lines if ln.startswith("hex: ")))
            rc, out, _ = run(tool, ["ring", "-", "--any-size", "--json"], src, stdin=image)
            ring = json.loads(out.decode())["rings"][0] if rc in (0, 1) else {}
            got = ring.get("error", ring).get("status")
            if got != want or rc != (0 if want == "OK" else 1):
                failures += 1
                print("FAIL %s %s: exit %d, status %s, want %s" % (name, vec[0], rc, got, want))
            if run(tool, ["ring", "-"], src, stdin=image)[0] != 2:
                failures += 1
                print("FAIL %s %s: a %d-byte image taken without --any-size" %
                      (name, vec[0], len(image)))
            checked += 1
    print("vectors: %d ring images checked, %d failures" % (checked, failures))
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
    if mode == "dumps":
        return 1 if dumps(tool, src) else 0
    if mode == "memory":
        return 1 if memory(tool, src) else 0
    if mode == "vectors":
        return 1 if vectors(tool, src) else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
