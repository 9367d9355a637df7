#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""vmbp-inspect schema --json against its JSON Schema, and the document against itself.

usage: check_schema.py TOOL SRC_DIR

The validator is python3-jsonschema (Debian package); the schema is
tests/inspect/schema.schema.json (draft 2020-12), itself checked against the meta-schema.
Beyond the schema: type numbers run 1, 2, 3 ...; variant names and numbers are unique;
every message field lies inside its variant (a variable-size list starts at its end); two
fields share a byte only if they split it by disjoint masks; every layout's fields lie
inside it without overlap; register fields and reserved bits cover the register once.
(The offsets and sizes against the C structs: tests/inspect/schema_layout.c.)

The "error" records of the golden outputs (tests/inspect/golden/*.json: msg, msg --gpadl,
trace) against tests/inspect/error.schema.json; a record with a field check names a field
of its variant (or overlay) in the schema document, with that check's rule among the
field's rules and its text among the field's allowed values; every golden output of a
rejected message (exit status 1) has one.
"""
import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is missing (sh .ci/deps.sh installs it)")
    sys.exit(1)


def error_records(node, out):
    """Every "error" object anywhere in a document."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "error" and isinstance(v, dict):
                out.append(v)
            error_records(v, out)
    elif isinstance(node, list):
        for v in node:
            error_records(v, out)
    return out


def check_errors(src, doc):
    """The golden outputs' error records against their JSON Schema and the schema export."""
    with open(os.path.join(src, "tests", "inspect", "error.schema.json")) as fh:
        schema = json.load(fh)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    fields = {}
    for m in doc["messages"]:
        for v in m["variants"]:
            for f in v["fields"]:
                fields.setdefault(f["name"], []).append(f)
    for o in doc["overlays"]:
        for f in o["fields"]:
            fields.setdefault(f["name"], []).append(f)
    problems, count = [], 0
    for path in sorted(glob.glob(os.path.join(src, "tests", "inspect", "golden", "*.json"))):
        name = os.path.basename(path)
        with open(path) as fh:
            out = json.load(fh)
        records = error_records(out, [])
        if out.get("status") not in (None, "OK") and not records \
                and not name.startswith("reg_") and not name.startswith("cpuid"):
            problems.append("%s: a rejected input without an error record" % name)
        for r in records:
            count += 1
            for e in validator.iter_errors(r):
                problems.append("%s: %s: %s" % (name, "/".join(str(x) for x in e.path),
                                                e.message))
            if "check" not in r:
                continue
            ok = any(r["rule"] in f.get("rules", []) and
                     any(c["allowed"] == r["allowed"] for c in f.get("checks", []))
                     for f in fields.get(r["field"], []))
            if not ok:
                problems.append("%s: %s (%s) is not a check of field %s in schema --json" %
                                (name, r["rule"], r["allowed"], r["field"]))
    return count, problems


def problems_of(doc):
    out = []

    def bytes_of(f):
        return range(f["offset"], f["offset"] + f["size"])

    types = [m["type"] for m in doc["messages"]]
    if types != list(range(1, len(types) + 1)):
        out.append("message types are not 1..%d in order: %s" % (len(types), types))
    names, numbers = set(), set()
    for m in doc["messages"]:
        for v in m["variants"]:
            if v["name"] in names or v["number"] in numbers:
                out.append("variant %s (%d) twice" % (v["name"], v["number"]))
            names.add(v["name"])
            numbers.add(v["number"])
            seen = {}
            for f in v["fields"]:
                where = "%s.%s" % (v["name"], f["name"])
                if f["variable_size"]:
                    if f["offset"] != v["size"] or not v["variable_size"]:
                        out.append("%s: a list that does not start at the end (%d)" %
                                   (where, v["size"]))
                    continue
                if f["offset"] + f["size"] > v["size"]:
                    out.append("%s: bytes %d..%d past the variant's %d" %
                               (where, f["offset"], f["offset"] + f["size"] - 1, v["size"]))
                mask = int(f.get("mask", "0x0"), 16) or (1 << (8 * f["size"])) - 1
                key = (f["offset"], f["size"])
                for b in bytes_of(f):
                    for (other, omask, okey) in seen.get(b, []):
                        if okey != key or (omask & mask):
                            out.append("%s and %s share byte %d" % (where, other, b))
                for b in bytes_of(f):
                    seen.setdefault(b, []).append((where, mask, key))
            if not v["fields"] or v["fields"][0]["name"] != "msgtype":
                out.append("%s: no message header" % v["name"])
            if v["fields"][0].get("allowed", {}).get("values") != [m["type"]]:
                out.append("%s: msgtype is not %d" % (v["name"], m["type"]))

    def layout(l):
        end = 0
        for f in l["fields"]:
            if f["offset"] < end:
                out.append("%s.%s overlaps the field before it" % (l["name"], f["name"]))
            end = f["offset"] + f["size"]
        if end > l["size"]:
            out.append("%s: fields end at %d, past %d" % (l["name"], end, l["size"]))

    layout(doc["gpadl_range"])
    layout(doc["synic"]["message_slot"])
    for k, v in doc["ring"].items():
        if isinstance(v, dict):
            layout(v)
    for reg in doc["synic"]["registers"] + doc["hypercalls"]["registers"]:
        bits = int(reg["reserved_zero"], 16) | int(reg["reserved_preserve"], 16)
        total = bin(int(reg["reserved_zero"], 16)).count("1") + \
            bin(int(reg["reserved_preserve"], 16)).count("1")
        for f in reg["fields"]:
            m = ((1 << f["width"]) - 1) << f["shift"]
            bits |= m
            total += f["width"]
        if bits != (1 << reg["bits"]) - 1 or total != reg["bits"]:
            out.append("register %s: fields and reserved bits do not cover it once" % reg["name"])
    return out


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    tool, src = os.path.abspath(argv[1]), argv[2]
    with open(os.path.join(src, "tests", "inspect", "schema.schema.json")) as fh:
        schema = json.load(fh)
    jsonschema.Draft202012Validator.check_schema(schema)
    p = subprocess.run([tool, "schema", "--json"], capture_output=True, timeout=60)
    if p.returncode != 0 or p.stderr:
        print("FAIL schema --json: exit %d: %s" % (p.returncode, p.stderr.decode()))
        return 1
    doc = json.loads(p.stdout)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc),
                    key=lambda e: list(e.path))
    for e in errors[:20]:
        print("FAIL %s: %s" % ("/".join(str(x) for x in e.path), e.message))
    problems = problems_of(doc)
    for pr in problems[:50]:
        print("FAIL %s" % pr)
    nfields = sum(len(v["fields"]) for m in doc["messages"] for v in m["variants"])
    print("schema: %d message types, %d variants, %d fields; %d schema errors, %d problems" %
          (len(doc["messages"]), sum(len(m["variants"]) for m in doc["messages"]), nfields,
           len(errors), len(problems)))
    nrec, eproblems = check_errors(src, doc)
    for pr in eproblems[:50]:
        print("FAIL %s" % pr)
    print("error records: %d in the golden outputs, %d problems" % (nrec, len(eproblems)))
    return 1 if errors or problems or eproblems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
