#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Macro and table rules of the public headers (CONTRIBUTING.md, "Headers"), which no compiler
checks:

- no macro whose body returns, jumps or breaks (`return`, `goto`, `break`, `continue`);
- no `#define` or `#undef` inside a function body;
- no `static` object inside a function body: tables that code walks are `static const` at
  file scope, once;
- no test switch: no `#ifndef VMBP_PRIV_...`/`#if VMBP_PRIV_...` default that a test could
  flip (a header's private macros are its own business, never an input);
- no name built by token pasting: a macro body pastes (`##`) only the field suffixes
  `_SHIFT`/`_WIDTH` (bits.h's accessors take the field's whole name), an integer suffix and
  the tag of VMBP_STATIC_ASSERT's C89 form; the lists carry whole enumerators, so a grep
  for a name finds every row and check that uses it;
- every function declared to return `enum vmbp_status` is marked `VMBP_MUST_CHECK` (here
  and in the reference headers under reference/include/);
- no compiler outside port.h: no other header (reference headers included) tests a
  compiler's macros or uses its extensions (attributes, pragmas, builtins, inline asm); what
  they need port.h defines once, as a hook a prelude can replace.

usage: check_rules.py SRC_DIR
"""
import os
import re
import sys

CONTROL = re.compile(r"\b(return|goto|break|continue)\b")
PASTE = re.compile(r"(\w*)\s*##\s*(\w*)")
PASTE_RIGHT = ("_SHIFT", "_WIDTH", "ULL")   # F##_SHIFT, x##ULL
PASTE_LEFT = ("vmbp_static_assert_",)       # port.h, without C11 _Static_assert
COMPILER = re.compile(r"\b(__GNUC__|__clang__|_MSC_VER|__declspec|__attribute__|_Pragma|"
                      r"__has_attribute|__has_builtin|__builtin_\w+|__atomic_\w+|__asm__|asm)\b")


def strip_comments_and_strings(text):
    """Blank out comments and string/char literals, keeping newlines and column positions."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def logical_lines(text):
    """(first line number, joined text) per logical line (backslash continuations joined)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        start, buf = i + 1, lines[i]
        while buf.endswith("\\") and i + 1 < len(lines):
            i += 1
            buf = buf[:-1] + " " + lines[i]
        yield start, buf
        i += 1


def check_file(path, name, errors):
    text = strip_comments_and_strings(open(path, encoding="utf-8").read())
    depth = 0        # brace depth, preprocessor lines excluded
    in_fn = False    # inside a function body (a top-level brace opened after a ')')
    last = ""        # last significant character outside preprocessor lines
    cxx = 0          # nesting inside "#if defined(__cplusplus)" (the extern "C" braces)
    for lineno, line in logical_lines(text):
        stripped = line.strip()
        where = "%s:%d" % (name, lineno)
        if stripped.startswith("#"):
            directive = re.match(r"#\s*(\w+)", stripped)
            d = directive.group(1) if directive else ""
            if cxx:
                cxx += 1 if d.startswith("if") else -1 if d == "endif" else 0
                continue
            if d.startswith("if") and "__cplusplus" in stripped:
                cxx = 1
                continue
            if d in ("define", "undef") and in_fn:
                errors.append("%s: #%s inside a function body" % (where, d))
            if d == "define":
                m = re.match(r"#\s*define\s+(\w+)(\([^)]*\))?\s*(.*)", stripped)
                if m and CONTROL.search(m.group(3)):
                    errors.append("%s: macro %s hides control flow" % (where, m.group(1)))
                for p in PASTE.finditer(m.group(3) if m else ""):
                    if p.group(2) not in PASTE_RIGHT and p.group(1) not in PASTE_LEFT:
                        errors.append("%s: macro %s builds a name by pasting %s"
                                      % (where, m.group(1), p.group(0)))
            if d in ("ifndef", "if", "ifdef") and re.search(r"\bVMBP_PRIV_\w*(CHECK|TEST)",
                                                          stripped):
                errors.append("%s: test switch in a public header: %s" % (where, stripped))
            continue
        if cxx:
            continue
        if in_fn and re.search(r"\bstatic\b", line):
            errors.append("%s: static object inside a function body" % where)
        for ch in line:
            if ch == "{":
                if depth == 0 and last == ")":
                    in_fn = True
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    in_fn = False
            if not ch.isspace():
                last = ch
    check_must_check(text, name, errors)
    check_compiler(text, name, errors)
    return errors


# A function returning a status: "enum vmbp_status" then a name and "(" at file scope.
STATUS_FN = re.compile(r"(?:^|[;}])\s*((?:[\w]+\s+)*?)enum\s+vmbp_status\s+(\w+)\s*\(",
                       re.M)


def check_compiler(text, name, errors):
    if name.endswith("/port.h"):
        return
    for m in COMPILER.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        errors.append("%s:%d: %s outside port.h" % (name, line, m.group(1)))


def check_must_check(text, name, errors):
    for m in STATUS_FN.finditer(text):
        if "VMBP_MUST_CHECK" not in m.group(1).split():
            line = text.count("\n", 0, m.start(2)) + 1
            errors.append("%s:%d: %s returns a status without VMBP_MUST_CHECK"
                          % (name, line, m.group(2)))


def main(src):
    inc = os.path.join(src, "include", "vmbus_proto")
    errors = []
    names = sorted(n for n in os.listdir(inc) if n.endswith(".h"))
    for n in names:
        check_file(os.path.join(inc, n), "include/vmbus_proto/" + n, errors)
    ref = os.path.join(src, "reference", "include", "vmbus_proto")
    for n in sorted(os.listdir(ref)) if os.path.isdir(ref) else []:
        if n.endswith(".h"):
            text = strip_comments_and_strings(open(os.path.join(ref, n), encoding="utf-8").read())
            check_must_check(text, "reference/include/vmbus_proto/" + n, errors)
            check_compiler(text, "reference/include/vmbus_proto/" + n, errors)
    for e in errors:
        print("error: " + e)
    print("header rules: %d headers, %d problems" % (len(names), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
