#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The tables spec/ embeds, generated from the library's tables by vmbp-inspect.

usage: spec_tables.py TOOL SRC_DIR --check     fail if a block in spec/ differs from what
                                               "TOOL schema --markdown" prints (CI)
       spec_tables.py TOOL SRC_DIR --update    rewrite the blocks in spec/

A block is everything between
    <!-- BEGIN GENERATED NAME (vmbp-inspect schema --markdown) -->
    <!-- END GENERATED NAME -->
in spec/*.md; the text around it is written by hand. Every block the tool prints must be in
exactly one page, and every block in a page must be one the tool prints.
"""
import glob
import os
import re
import subprocess
import sys

BEGIN = re.compile(r"^<!-- BEGIN GENERATED (\S+) \(vmbp-inspect schema --markdown\) -->$")
END = "<!-- END GENERATED %s -->"


def blocks_of(lines, where):
    """{name: (first, last)} line indices of the markers; raises on a broken block."""
    found = {}
    i = 0
    while i < len(lines):
        m = BEGIN.match(lines[i])
        if m:
            name = m.group(1)
            j = i + 1
            while j < len(lines) and lines[j] != END % name:
                if BEGIN.match(lines[j]):
                    raise ValueError("%s:%d: block %s has no end" % (where, i + 1, name))
                j += 1
            if j == len(lines):
                raise ValueError("%s:%d: block %s has no end" % (where, i + 1, name))
            if name in found:
                raise ValueError("%s:%d: block %s twice" % (where, i + 1, name))
            found[name] = (i, j)
            i = j
        elif lines[i].startswith("<!-- END GENERATED"):
            raise ValueError("%s:%d: an end without a beginning" % (where, i + 1))
        i += 1
    return found


def main(argv):
    if len(argv) != 4 or argv[3] not in ("--check", "--update"):
        print(__doc__)
        return 2
    tool, src, update = os.path.abspath(argv[1]), argv[2], argv[3] == "--update"
    p = subprocess.run([tool, "schema", "--markdown"], capture_output=True, timeout=60)
    if p.returncode != 0 or p.stderr:
        print("FAIL schema --markdown: exit %d: %s" % (p.returncode, p.stderr.decode()))
        return 1
    gen_lines = p.stdout.decode().split("\n")
    generated = {name: gen_lines[a:b + 1] for name, (a, b) in
                 blocks_of(gen_lines, "schema --markdown").items()}
    failures = 0
    placed = {}
    for path in sorted(glob.glob(os.path.join(src, "spec", "*.md"))):
        rel = os.path.relpath(path, src)
        with open(path) as fh:
            lines = fh.read().split("\n")
        try:
            found = blocks_of(lines, rel)
        except ValueError as e:
            print("FAIL %s" % e)
            failures += 1
            continue
        changed = False
        for name, (a, b) in sorted(found.items(), key=lambda kv: -kv[1][0]):
            if name not in generated:
                print("FAIL %s:%d: block %s is not one vmbp-inspect prints" % (rel, a + 1, name))
                failures += 1
                continue
            if name in placed:
                print("FAIL %s: block %s is also in %s" % (rel, name, placed[name]))
                failures += 1
            placed[name] = rel
            if lines[a:b + 1] != generated[name]:
                if update:
                    lines[a:b + 1] = generated[name]
                    changed = True
                    print("updated %s: %s" % (rel, name))
                else:
                    print("FAIL %s:%d: block %s differs from the tables (run "
                          "tests/inspect/spec_tables.py TOOL . --update)" % (rel, a + 1, name))
                    failures += 1
        if changed:
            with open(path, "w") as fh:
                fh.write("\n".join(lines))
    for name in sorted(set(generated) - set(placed)):
        print("FAIL block %s is in no page of spec/" % name)
        failures += 1
    print("spec tables: %d generated blocks, %d in spec/, %d failures" %
          (len(generated), len(placed), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
