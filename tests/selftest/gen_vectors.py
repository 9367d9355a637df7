#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn the text vectors of tests/vectors/ into C data for the self-test (vmbp_selftest.c).

The self-test runs where no file system is at hand (a kernel module, a UEFI application),
so the vectors are compiled in. Every build that runs it (CMake, the kernel module's
Kbuild, the EDK2 test script) generates the header from the .vec files at build time:
the .vec files stay the one source, and a new vector reaches every environment without a
regenerated file to commit.

Every vector of every family is emitted; a kind this script does not know is an error, so
a new kind of vector cannot silently go untested. Status, variant and overlay names become
C identifiers (VMBP_E_TRUNCATED, VMBP_MSGV_OPEN_CHANNEL), so a name the headers do not
define fails the build.

usage: gen_vectors.py VECTORS_DIR OUT_HEADER
"""
import os
import re
import sys


def die(where, what):
    sys.stderr.write("gen_vectors: %s: %s\n" % (where, what))
    sys.exit(1)


def load(vdir):
    """Every vector as (family, file, name, [(key, value)...], bytes)."""
    out = []
    for family in sorted(os.listdir(vdir)):
        fdir = os.path.join(vdir, family)
        if not os.path.isdir(fdir):
            continue
        for fname in sorted(os.listdir(fdir)):
            if not fname.endswith(".vec"):
                continue
            cur = None
            path = os.path.join(fdir, fname)
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if ":" not in line:
                    die("%s:%d" % (path, n), "not a key: value line")
                key, value = line.split(":", 1)
                key, value = key.strip(), value.strip()
                if key == "vector":
                    cur = {"family": family, "file": "%s/%s" % (family, fname), "name": value,
                           "kv": [], "hex": ""}
                    out.append(cur)
                elif cur is None:
                    die("%s:%d" % (path, n), "key before the first vector: line")
                elif key == "hex":
                    cur["hex"] += re.sub(r"\s+", "", value)
                else:
                    cur["kv"].append((key, value))
    for v in out:
        v["bytes"] = unhex(v["hex"], v)
    return out


def unhex(s, v):
    s = re.sub(r"\s+", "", s)
    if s in ("", "-"):
        return b""
    if len(s) % 2 or not re.fullmatch(r"[0-9a-fA-F]*", s):
        die(v["file"] + ":" + v["name"], "bad hex")
    return bytes.fromhex(s)


def get(v, key, required=True):
    for k, val in v["kv"]:
        if k == key:
            return val
    if required:
        die(v["file"] + ":" + v["name"], "no %s:" % key)
    return None


def fields(v):
    res = []
    for k, val in v["kv"]:
        if k == "field":
            name, _, value = val.partition("=")
            res.append((name.strip(), value.strip()))
    return res


def field(v, name):
    for n, val in fields(v):
        if n == name:
            return val
    die(v["file"] + ":" + v["name"], "no field %s" % name)


def num(s):
    return int(s, 0)


def version(s):
    if s == "none":
        return 0
    major, minor = s.split(".")
    return (int(major) << 16) | int(minor)


def guid(s):
    m = re.fullmatch(r"\{([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-"
                     r"([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}", s)
    if not m:
        return None
    a, b, c, d, e = m.groups()
    return (int(a, 16).to_bytes(4, "little") + int(b, 16).to_bytes(2, "little") +
            int(c, 16).to_bytes(2, "little") + bytes.fromhex(d + e))


class Out:
    def __init__(self):
        self.data = []   # definitions of byte and word arrays
        self.n = 0

    def bytes_ref(self, b):
        """A name for the bytes (NULL-safe: empty gives a one-byte array)."""
        self.n += 1
        name = "st_b%d" % self.n
        lines = [",".join("0x%02x" % x for x in b[i:i + 16]) for i in range(0, len(b), 16)]
        lines = lines or ["0"]
        self.data.append("static const uint8_t %s[] = {\n%s};" % (name, ",\n".join(lines)))
        return name

    def words_ref(self, w):
        self.n += 1
        name = "st_w%d" % self.n
        body = ", ".join("VMBP_U64(0x%x)" % x for x in w) if w else "0"
        self.data.append("static const uint64_t %s[] = {%s};" % (name, body))
        return name


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


DIRS = {"guest-to-host": "VMBP_DIR_GUEST_TO_HOST", "host-to-guest": "VMBP_DIR_HOST_TO_GUEST",
        "any": "VMBP_DIR_ANY"}


def status_id(s):
    if not re.fullmatch(r"[A-Z0-9_]+", s):
        die("status", "bad status name %r" % s)
    return "VMBP_" + s


def emit_msg(o, v):
    fl = []
    for name, value in fields(v):
        g = guid(value)
        if g is not None:
            fl.append("{%s, ST_FIELD_BYTES, 0, %s, %d, 0}" % (cstr(name), o.bytes_ref(g), 16))
        elif value.startswith("["):
            b = unhex(value.strip("[]"), v)
            fl.append("{%s, ST_FIELD_BYTES, 0, %s, %d, 0}" % (cstr(name), o.bytes_ref(b), len(b)))
        else:
            w = [num(x) for x in value.split()]
            kind = "ST_FIELD_WORDS" if len(w) != 1 else "ST_FIELD_NUM"
            fl.append("{%s, %s, VMBP_U64(0x%x), 0, %d, %s}" % (
                cstr(name), kind, w[0] if w else 0, len(w), o.words_ref(w)))
    o.n += 1
    fname = "st_f%d" % o.n
    o.data.append("static const struct st_field %s[] = {\n    %s};" % (
        fname, ",\n    ".join(fl) if fl else "{0, 0, 0, 0, 0, 0}"))
    enc = get(v, "encoded", False)
    enc_bytes = b"".join(unhex(val, v) for k, val in v["kv"] if k == "encoded")
    variant = get(v, "variant", False)
    overlay = get(v, "overlay", False)
    ov = {None: "ST_OVERLAY_NONE", "pipe": "ST_OVERLAY_PIPE", "hvsock": "ST_OVERLAY_HVSOCK"}
    if overlay not in ov:
        die(v["name"], "unknown overlay %s" % overlay)
    return ("{%s, %s, 0x%xu, 0x%xu, %s, %s, %s, %s, %uu, %s, %d, %s, %d, %s, %d}" % (
        cstr(v["name"]), cstr(v["file"]), version(get(v, "version")), num(get(v, "features")),
        DIRS[get(v, "direction")], status_id(get(v, "status")),
        "VMBP_MSGV_" + variant if variant else "VMBP_MSGV_NONE", ov[overlay],
        num(get(v, "type")), o.bytes_ref(v["bytes"]), len(v["bytes"]),
        o.bytes_ref(enc_bytes) if enc is not None else "0",
        len(enc_bytes) if enc is not None else -1, fname, len(fl)))


def parse_pkt(s, v):
    p = {"type": 0, "flags": 0, "trans_id": 0, "ext_len": 0, "len": 0, "data_offset": 0,
         "data": b""}
    for tok in s.split():
        k, _, val = tok.partition("=")
        if k == "data":
            p["data"] = unhex(val, v)
        elif k in p:
            p[k] = num(val)
        else:
            die(v["name"], "unknown packet key %s" % k)
    return p


def emit_pkts(o, v, key):
    pk = [parse_pkt(val, v) for k, val in v["kv"] if k == key]
    if not pk:
        return "0", 0
    o.n += 1
    name = "st_p%d" % o.n
    rows = []
    for p in pk:
        rows.append("{0x%x, 0x%x, %u, %u, %u, VMBP_U64(0x%x), %s, %u}" % (
            p["type"], p["flags"], p["ext_len"], p["len"], p["data_offset"], p["trans_id"],
            o.bytes_ref(p["data"]), len(p["data"])))
    o.data.append("static const struct st_pkt %s[] = {\n    %s};" % (name, ",\n    ".join(rows)))
    return name, len(pk)


def emit_ring(o, v):
    img = v["bytes"]
    # the image as runs of non-zero bytes (ring images are mostly zero)
    runs, i = [], 0
    while i < len(img):
        if img[i] == 0:
            i += 1
            continue
        j = i
        while j < len(img) and (img[j] != 0 or any(img[j:j + 8])):
            j += 1
        runs.append((i, img[i:j]))
        i = j
    o.n += 1
    rname = "st_r%d" % o.n
    o.data.append("static const struct st_run %s[] = {%s};" % (rname, ", ".join(
        "{%u, %u, %s}" % (off, len(b), o.bytes_ref(b)) for off, b in runs) or "{0, 0, 0}"))
    start = None
    for n, val in fields(v):
        if n == "start":
            start = num(val)
    wname, nw = emit_pkts(o, v, "write")
    rdname, nr = emit_pkts(o, v, "read")
    return "{%s, %u, %u, %d, %u, %s, %s, %u, %s, %u, %s, %u}" % (
        cstr(v["name"]), num(field(v, "data_size")), len(img), 1 if start is not None else 0,
        start or 0, status_id(get(v, "status")), rname, len(runs), wname, nw, rdname, nr)


def emit_slot(o, v):
    if len(v["bytes"]) != 256:
        die(v["name"], "a slot is 256 bytes")
    return "{%s, %s, 0x%xu, %u, 0x%xu, VMBP_U64(0x%x), %s}" % (
        cstr(v["name"]), status_id(get(v, "status")), num(field(v, "type")),
        num(field(v, "payload_size")), num(field(v, "flags")), num(field(v, "sender")),
        o.bytes_ref(v["bytes"]))


def emit_decide(o, v):
    ok = get(v, "status") == "OK"
    return "{%s, %u, %u, %u, %u, %u, %s, %u}" % (
        cstr(v["name"]), num(field(v, "arch")), num(field(v, "isolation_type")),
        num(field(v, "paravisor_present")), num(field(v, "confidential_vmbus_bit")),
        num(field(v, "detect")), status_id(get(v, "status")),
        num(field(v, "mode")) if ok else 0)


def emit_offer(o, v):
    ok = get(v, "status") == "OK"
    out = [num(field(v, k)) if ok else 0 for k in ("ring", "gpadl", "gpa_direct", "pinned")]
    return "{%s, %u, %u, %u, 0x%xu, 0x%xu, 0x%xu, %s, %u, %u, %u, %u}" % (
        cstr(v["name"]), num(field(v, "isolation_type")), num(field(v, "paravisor_present")),
        num(field(v, "confidential_vmbus_bit")), version(get(v, "version")),
        num(get(v, "features")), num(field(v, "flags")), status_id(get(v, "status")), *out)


KINDS = {
    "msg": ("st_msg_vec", "st_msg_vecs", emit_msg),
    "ring": ("st_ring_vec", "st_ring_vecs", emit_ring),
    "slot": ("st_slot_vec", "st_slot_vecs", emit_slot),
    "confidential-decide": ("st_decide_vec", "st_decide_vecs", emit_decide),
    "confidential-offer": ("st_offer_vec", "st_offer_vecs", emit_offer),
}


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    vecs = load(sys.argv[1])
    o = Out()
    rows = {k: [] for k in KINDS}
    for v in vecs:
        kind = get(v, "kind")
        if kind not in KINDS:
            die(v["file"] + ":" + v["name"], "kind %s has no check in the self-test" % kind)
        rows[kind].append(KINDS[kind][2](o, v))
    text = ["/* SPDX-License-Identifier: MIT */",
            "/* Generated by tests/selftest/gen_vectors.py from tests/vectors/ (%d vectors);"
            " do not edit. */" % len(vecs),
            "#define ST_VECTOR_COUNT %du" % len(vecs)]
    text += o.data
    for kind, (stype, arr, _) in KINDS.items():
        body = ",\n    ".join(rows[kind]) or "{0}"  # C has no empty array
        text.append("static const struct %s %s[] = {\n    %s};" % (stype, arr, body))
        text.append("#define %s_COUNT %du" % (arr.upper(), len(rows[kind])))
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(text) + "\n")
    os.replace(tmp, sys.argv[2])


if __name__ == "__main__":
    main()
