#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Uncovered lines and branch sides of some source files, merged over every binary and every
inlined copy of a header function (llvm-cov lists each instantiation on its own).

    coverage_gaps.py [--check EXCEPTIONS] LLVM_COV PROFDATA 'BIN [-object BIN...]' SRC_ROOT FILE...

Prints, per file: lines covered/total, branch sides covered/total (both merged), then each
uncovered line and each branch condition with a side never taken ("L:C true never" /
"false never"), with the source line, so a reviewer can say why it is not reachable.

With --check, exits 1 on any uncovered line, on an uncovered branch side that the exceptions
file does not list, and on a listed side that is now covered or gone. An exception is
"FILE|COLUMN|SIDE|REASON|SOURCE LINE": the source line stripped (last, as it may hold "|"),
so that entries survive code moving up and down, not a change of the condition itself.
"""
import json
import subprocess
import sys


def load_exceptions(path):
    allowed = {}
    for n, raw in enumerate(open(path).read().splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("|", 4)
        if len(parts) != 5 or not parts[3].strip():
            sys.exit("%s:%d: want FILE|COLUMN|SIDE|REASON|SOURCE LINE" % (path, n))
        allowed[(parts[0], int(parts[1]), parts[2], parts[4])] = n
    return allowed


def main():
    args = sys.argv[1:]
    allowed = None
    if args[:1] == ["--check"]:
        allowed = load_exceptions(args[1])
        args = args[2:]
    llvm_cov, prof, objs, root = args[:4]
    files = args[4:]
    failures = []
    seen = set()
    args = [llvm_cov, "export", "-format=text", "-instr-profile=" + prof] + objs.split()
    data = json.loads(subprocess.run(args + files, check=True, capture_output=True,
                                     text=True).stdout)["data"][0]
    show = subprocess.run([llvm_cov, "show", "-instr-profile=" + prof, "-show-instantiations=false",
                           "-show-line-counts"] + objs.split() + files, check=True,
                          capture_output=True, text=True).stdout
    # merged line counts from the show view: "  123|      0|text"
    lines = {}
    cur = None
    for raw in show.splitlines():
        if raw.startswith("/") and raw.endswith(":"):
            cur = raw[:-1]
            lines[cur] = {}
            continue
        parts = raw.split("|", 2)
        if cur is None or len(parts) < 3:
            continue
        num, cnt = parts[0].strip(), parts[1].strip()
        if not num.isdigit() or cnt == "":
            continue
        mult = 1
        if cnt[-1] in "kMGT":
            mult = {"k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}[cnt[-1]]
            cnt = cnt[:-1]
        try:
            val = float(cnt) * mult
        except ValueError:
            continue
        lines[cur][int(num)] = lines[cur].get(int(num), 0) + val
    # branches merged by location over every function record
    br = {}
    for fn in data["functions"]:
        names = fn["filenames"]
        for b in fn.get("branches", []):
            l1, c1, l2, c2, t, f, fid = b[0], b[1], b[2], b[3], b[4], b[5], b[6]
            key = (names[fid], l1, c1, l2, c2)
            a = br.setdefault(key, [0, 0])
            a[0] += t
            a[1] += f
    for path in files:
        full = path if path.startswith("/") else root + "/" + path
        src = open(full).read().splitlines()
        ln = lines.get(full, {})
        miss_l = sorted(n for n, c in ln.items() if c == 0)
        bs = sorted((k, v) for k, v in br.items() if k[0] == full)
        sides = 2 * len(bs)
        miss_b = [(k, v) for k, v in bs if v[0] == 0 or v[1] == 0]
        miss_s = sum((v[0] == 0) + (v[1] == 0) for _, v in bs)
        rel = full[len(root) + 1:] if full.startswith(root + "/") else full
        pl = 100.0 * (len(ln) - len(miss_l)) / len(ln) if ln else 100.0
        pb = 100.0 * (sides - miss_s) / sides if sides else 100.0
        print("%s: lines %d/%d (%.2f%%), branch sides %d/%d (%.2f%%)" %
              (rel, len(ln) - len(miss_l), len(ln), pl, sides - miss_s, sides, pb))
        for n in miss_l:
            print("  line %d never run: %s" % (n, src[n - 1].strip() if n <= len(src) else ""))
            failures.append("%s:%d: line never run" % (rel, n))
        for k, v in miss_b:
            side = "true" if v[0] == 0 else "false"
            if v[0] == 0 and v[1] == 0:
                side = "both sides"
            text = src[k[1] - 1].strip() if k[1] <= len(src) else ""
            key = (rel, k[2], side, text)
            listed = allowed is not None and key in allowed
            print("  %d:%d %s never: %s%s" % (k[1], k[2], side, text,
                                              " (listed)" if listed else ""))
            if listed:
                seen.add(key)
            else:
                failures.append("%s:%d:%d: %s side never taken, not in the exceptions" %
                                (rel, k[1], k[2], side))
    if allowed is None:
        return
    for key, n in sorted(allowed.items(), key=lambda kv: kv[1]):
        if key not in seen:
            failures.append("exceptions line %d: %s col %d %s side is taken now, or moved: "
                            "update the entry" % (n, key[0], key[1], key[2]))
    for f in failures:
        print("COVERAGE: " + f)
    if failures:
        sys.exit(1)
    print("coverage check: every line run; %d branch sides never taken, each listed with its "
          "reason" % len(seen))


if __name__ == "__main__":
    main()
