#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The [BuildOptions] of contrib/edk2's INFs, taken through the steps of a real EDK2 build.

1. BaseTools reads the line as its INF parser does (BaseTools/Source/Python/Workspace/
   MetaFileParser.py _BuildOptionParser, Common/StringUtils.py CleanString and
   GetSplitValueList): comments cut outside quotes, double quotes dropped from a line whose
   quoted text holds a '#', the key split from the value at the first '=' outside quotes
   and parentheses, the family prefix split at ':'. The value goes into the generated
   makefile unchanged (GNUmakefile: CC_FLAGS = ... value).
2. The compiler's argv: GNU make runs the recipe with /bin/sh (POSIX word splitting and
   quote removal); nmake runs cl.exe, whose command line is split by the Microsoft C
   runtime rules (backslash-quote is a literal quote).
3. Every -DVMBP_SYSTEM_HEADER in that argv is checked by the preprocessor itself:
   `#include VMBP_SYSTEM_HEADER` must find the prelude.
A value that loses its quotes on the way (-DVMBP_SYSTEM_HEADER="vmbp_edk2_prelude.h")
fails here in a second instead of in the UEFI build.

usage: check_edk2_buildoptions.py SRC_DIR
"""
import glob
import os
import re
import shlex
import subprocess
import sys
import tempfile


def clean_string(line):
    """CleanString(Line, BuildOption=True) of BaseTools, for the '#' comment character."""
    line = line.strip()
    in_dq = in_sq = comment_in_string = False
    for i, ch in enumerate(line):
        if ch == '"' and not in_sq:
            in_dq = not in_dq
        elif ch == "'" and not in_dq:
            in_sq = not in_sq
        elif ch == "#" and (in_sq or in_dq):
            comment_in_string = True
        elif ch == "#":
            line = line[:i]
            break
    if comment_in_string:
        line = line.replace('"', "")
        line = re.sub(r"(?<!\\)#", r"\\#", line)
    return line.strip()


def split_first(s, tag):
    """GetSplitValueList(s, tag, 1) of BaseTools: split at the first tag outside quotes and
    parentheses (a backslash inside quotes escapes the next character)."""
    esc = in_sq = in_dq = False
    depth = 0
    for i, ch in enumerate(s):
        if esc:
            esc = False
            continue
        if (not in_sq or not in_dq) and depth == 0 and ch == tag:
            return [s[:i].strip(), s[i + 1:].strip()]
        if ch == "\\" and (in_sq or in_dq):
            esc = True
        elif ch == '"' and not in_sq:
            in_dq = not in_dq
        elif ch == "'" and not in_dq:
            in_sq = not in_sq
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
    return [s.strip()]


def msvc_argv(cmdline):
    """Split a command line as the Microsoft C runtime does for cl.exe."""
    args, cur, i, in_q, have = [], "", 0, False, False
    while i < len(cmdline):
        ch = cmdline[i]
        if ch == "\\":
            j = i
            while j < len(cmdline) and cmdline[j] == "\\":
                j += 1
            nbs = j - i
            if j < len(cmdline) and cmdline[j] == '"':
                cur += "\\" * (nbs // 2)
                if nbs % 2:
                    cur += '"'
                    i = j + 1
                else:
                    i = j
                have = True
                continue
            cur += "\\" * nbs
            i = j
            have = True
            continue
        if ch == '"':
            in_q = not in_q
            have = True
        elif ch in " \t" and not in_q:
            if have:
                args.append(cur)
            cur, have = "", False
        else:
            cur += ch
            have = True
        i += 1
    if have:
        args.append(cur)
    return args


def build_options(inf):
    """(family, key, value) of every [BuildOptions] line."""
    out, section = [], None
    for line in open(inf, encoding="utf-8"):
        s = line.strip()
        if s.startswith("["):
            section = s.strip("[]").split(".")[0].strip().lower()
            continue
        if section != "buildoptions":
            continue
        s = clean_string(s)
        if not s:
            continue
        parts = split_first(s, "=")
        if len(parts) != 2:
            raise SystemExit("%s: [BuildOptions] line without a value: %s" % (inf, s))
        key, value = parts
        fam = split_first(key, ":")
        family, key = (fam[0], fam[1]) if len(fam) == 2 else ("", fam[0])
        if key.count("_") != 4:
            raise SystemExit("%s: %s is not TARGET_TOOLCHAIN_ARCH_TOOL_FLAGS" % (inf, key))
        out.append((family, key, value))
    return out


def main():
    src = sys.argv[1]
    infs = sorted(glob.glob(os.path.join(src, "contrib", "edk2", "**", "*.inf"), recursive=True))
    mock = os.path.join(src, "tests", "contrib", "mock", "edk2")
    prelude_dir = os.path.join(src, "contrib", "edk2", "Include")
    checked = failed = 0
    for inf in infs:
        rel = os.path.relpath(inf, src)
        opts = build_options(inf)
        if not any("VMBP_SYSTEM_HEADER" in v for _, _, v in opts):
            print("FAIL %s: no -DVMBP_SYSTEM_HEADER in [BuildOptions]" % rel)
            failed += 1
        for family, key, value in opts:
            for shell, argv in (("sh", shlex.split(value)), ("cl.exe", msvc_argv(value))):
                for arg in argv:
                    m = re.match(r"^[-/]DVMBP_SYSTEM_HEADER=(.*)$", arg)
                    if not m:
                        continue
                    checked += 1
                    with tempfile.TemporaryDirectory() as tmp:
                        tu = os.path.join(tmp, "t.c")
                        with open(tu, "w") as f:
                            f.write("#include VMBP_SYSTEM_HEADER\n")
                        r = subprocess.run(["gcc", "-E", "-nostdinc", "-I", mock, "-I", prelude_dir,
                                            "-D" + arg[2:], tu], capture_output=True, text=True)
                    if r.returncode != 0 or "vmbp_edk2_prelude.h" not in r.stdout:
                        print("FAIL %s: %s = %s reaches the compiler (%s) as %r, which does not "
                              "include the prelude:\n%s" % (rel, key, value, shell, arg,
                                                           r.stderr.strip()))
                        failed += 1
    print("edk2 build options: %d INFs, %d VMBP_SYSTEM_HEADER definitions checked (sh and "
          "cl.exe command lines), %d failed" % (len(infs), checked, failed))
    return 1 if failed or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
