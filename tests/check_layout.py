#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Wire-structure rules of spec/conventions.md (VMBP-CONV-011), checked on the sources.

covers: VMBP-CONV-011

Every `struct vmbp_*_wire` defined in include/vmbus_proto/ must
- contain only fixed-width integer members, arrays of them, or other `_wire` structs;
- be followed in the same header by VMBP_STATIC_ASSERT(sizeof(struct X) == ...) and by a
  VMBP_STATIC_ASSERT(offsetof(struct X, member) == ...) for each of its members.

usage: check_layout.py SRC_DIR
"""
import os
import re
import sys

STRUCT = re.compile(r"^struct (vmbp_\w+_wire)\s*\{(.*?)^\};", re.S | re.M)
MEMBER = re.compile(r"^\s*(?:const\s+)?(uint8_t|uint16_t|uint32_t|uint64_t|struct vmbp_\w+_wire)"
                    r"\s+(\w+)\s*(\[[^\]]+\])*\s*;")


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)


def main(src):
    inc = os.path.join(src, "include", "vmbus_proto")
    errors, nstructs, nfields = [], 0, 0
    for name in sorted(os.listdir(inc)):
        if not name.endswith(".h"):
            continue
        text = strip_comments(open(os.path.join(inc, name), encoding="utf-8").read())
        flat = re.sub(r"\s+", " ", text)
        for m in STRUCT.finditer(text):
            sname, body = m.group(1), m.group(2)
            nstructs += 1
            if not re.search(r"VMBP_STATIC_ASSERT\( ?sizeof\(struct %s\) ?==" % sname, flat):
                errors.append("%s: struct %s has no sizeof assertion" % (name, sname))
            for line in body.split("\n"):
                if not line.strip():
                    continue
                mm = MEMBER.match(line)
                if not mm:
                    errors.append("%s: struct %s: member not a fixed-width integer or wire "
                                  "struct: %s" % (name, sname, line.strip()))
                    continue
                field = mm.group(2)
                nfields += 1
                if not re.search(r"offsetof\(struct %s, ?%s\) ?==" % (sname, field), flat):
                    errors.append("%s: %s.%s has no offsetof assertion" % (name, sname, field))
    for e in errors:
        print("error: " + e)
    print("wire structs: %d, fields: %d, problems: %d" % (nstructs, nfields, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
