#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Include discipline of include/vmbus_proto/ (CONTRIBUTING.md, "Headers"):

- every header sits in one layer of LAYERS and includes only headers of its own layer or
  below (port -> primitives -> layouts -> codecs -> dispatch -> umbrella), and the include
  graph has no cycle;
- a header includes what it uses: every vmbp_/VMBP_ name it uses that another header defines
  comes from a header it includes itself (not through a third one);
- and nothing else: every header it includes defines a name it uses (the umbrella excepted);
- the same two rules for the reference headers of reference/include/vmbus_proto/.

usage: check_includes.py SRC_DIR
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_rules import logical_lines, strip_comments_and_strings  # noqa: E402

# A new header gets a line here (a test fails until it has one).
LAYERS = {
    "port.h": 0,
    "status.h": 1, "bits.h": 1, "endian.h": 1, "shared.h": 1, "hvdef.h": 1,
    "version.h": 2, "features.h": 2, "synic.h": 2, "hypercall.h": 2, "cpuid.h": 2,
    "confidential.h": 2, "ring.h": 2, "packet.h": 2,
    "msg.h": 3, "msg_connect.h": 3, "msg_offer.h": 3, "msg_channel.h": 3, "msg_gpadl.h": 3,
    "msg_hvsock.h": 3, "devices.h": 3,
    "msg_dispatch.h": 4,
    "vmbus_proto.h": 5,
}
LAYER_NAMES = ["port", "primitives", "layouts", "codecs", "dispatch", "umbrella"]
NAME = re.compile(r"\b(?:vmbp|VMBP)_\w+")


def definitions(text):
    """Names a header defines: macros, enumerators, tags, functions, typedefs, tables."""
    names = set()
    body = []
    for _, line in logical_lines(text):
        s = line.strip()
        m = re.match(r"#\s*define\s+(\w+)", s)
        if m:
            names.add(m.group(1))
        if not s.startswith("#"):
            body.append(line)
    code = "\n".join(body)
    names.update(re.findall(r"\b(?:struct|union|enum)\s+(vmbp_\w+)\s*\{", code))
    for m in re.finditer(r"\benum\s+\w*\s*\{(.*?)\}", code, re.S):
        names.update(re.findall(r"(?:^|,)\s*(VMBP_\w+)\s*(?:=|,|$)", m.group(1), re.M))
    names.update(re.findall(r"\b(vmbp_\w+)\s*\([^;{]*\)\s*\{", code))
    names.update(re.findall(r"\btypedef\b[^;]*?\b(vmbp_\w+)\s*(?:\)\s*\(|;|\[)", code))
    names.update(re.findall(r"\bstatic\s+const\b[^;=]*?\b(vmbp_\w+)\s*(?:\[[^\]]*\])?\s*=", code))
    return names


def main(src):
    inc = os.path.join(src, "include", "vmbus_proto")
    headers = sorted(n for n in os.listdir(inc) if n.endswith(".h"))
    errors = []
    texts, includes, defs = {}, {}, {}
    for h in headers:
        raw = open(os.path.join(inc, h), encoding="utf-8").read()
        texts[h] = strip_comments_and_strings(raw)
        includes[h] = re.findall(r'^\s*#\s*include\s+"([^"]+)"', raw, re.M)
        defs[h] = definitions(texts[h])
        if h not in LAYERS:
            errors.append("%s: not in the layer table of tests/headers/check_includes.py" % h)
    owner = {}
    for h in headers:
        for n in defs[h]:
            owner.setdefault(n, set()).add(h)

    # layers and cycles
    for h in headers:
        for i in includes[h]:
            if i not in LAYERS or h not in LAYERS:
                continue
            if LAYERS[i] > LAYERS[h]:
                errors.append("%s (%s) includes %s of a higher layer (%s)" %
                              (h, LAYER_NAMES[LAYERS[h]], i, LAYER_NAMES[LAYERS[i]]))
    state = {}

    def visit(h, path):
        if state.get(h) == 1:
            errors.append("include cycle: " + " -> ".join(path[path.index(h):] + [h]))
            return
        if state.get(h) == 2:
            return
        state[h] = 1
        for i in includes.get(h, []):
            if i in includes:
                visit(i, path + [h])
        state[h] = 2

    for h in headers:
        visit(h, [])

    # include what you use, and nothing else
    for h in headers:
        if h == "vmbus_proto.h":
            continue
        used = set(NAME.findall(texts[h])) - defs[h]
        needed = set()
        for n in sorted(used):
            homes = owner.get(n, set()) - {h}
            if not homes:
                continue  # defined by the includer (hooks) or nowhere: not ours to check
            if not homes & set(includes[h]):
                errors.append("%s uses %s from %s without including it" %
                              (h, n, " or ".join(sorted(homes))))
            needed |= homes
        for i in includes[h]:
            if i in defs and i not in needed:
                errors.append("%s includes %s but uses nothing it defines" % (h, i))
    # the reference headers (reference/include/vmbus_proto/, above every layer) likewise
    # include, as <vmbus_proto/...>, every protocol header they use and no other
    ref = os.path.join(src, "reference", "include", "vmbus_proto")
    refs = sorted(n for n in os.listdir(ref) if n.endswith(".h")) if os.path.isdir(ref) else []
    for r in refs:
        raw = open(os.path.join(ref, r), encoding="utf-8").read()
        text = strip_comments_and_strings(raw)
        incs = re.findall(r"^\s*#\s*include\s+<vmbus_proto/([^>]+)>", raw, re.M)
        needed = set()
        for n in sorted(set(NAME.findall(text)) - definitions(text)):
            homes = owner.get(n, set())
            if not homes:
                continue
            if not homes & set(incs):
                errors.append("reference/include/vmbus_proto/%s uses %s from %s without "
                              "including it" % (r, n, " or ".join(sorted(homes))))
            needed |= homes
        for i in incs:
            if i in defs and i not in needed:
                errors.append("reference/include/vmbus_proto/%s includes %s but uses nothing "
                              "it defines" % (r, i))
    for e in errors:
        print("error: " + e)
    print("includes: %d headers, %d reference headers, %d problems"
          % (len(headers), len(refs), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
