#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the channel-message codec from gen/msg.toml.

    python3 gen/msggen.py SRC_DIR            rewrite the generated regions and files
    python3 gen/msggen.py SRC_DIR --check    fail (exit 1) when any of them is stale

The table (gen/msg.toml) holds every message type, variant, field and check. This script
writes, between the "@generated" markers of the headers, the type and variant enums, their
records and the variant selection (msg.h); the wire and decoded structs, field descriptors,
decoders, encoders and overlays of each family (msg_<family>.h); the union, the dispatch,
the check table and the fault report (msg_dispatch.h); and the fuzz dictionary
fuzz/fuzz_msg.dict. The output is passed through clang-format 14 (.clang-format), so that the
committed files are both generated and formatted. Needs Python 3.11 (tomllib).
"""
import os
import re
import subprocess
import textwrap
import sys
import tomllib

FAMILIES = ["connect", "offer", "channel", "gpadl", "hvsock"]
SCALAR = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}
CTYPE = {"u8": "uint8_t", "u16": "uint16_t", "u32": "uint32_t", "u64": "uint64_t"}
LOAD = {"u8": "{p}[{off}]", "u16": "vmbp_load_le16({p} + {off})",
        "u32": "vmbp_load_le32({p} + {off})", "u64": "vmbp_load_le64({p} + {off})"}
STORE = {"u8": "{p}[{off}] = (uint8_t)({v})", "u16": "vmbp_store_le16({p} + {off}, {v})",
         "u32": "vmbp_store_le32({p} + {off}, {v})", "u64": "vmbp_store_le64({p} + {off}, {v})"}
TYPE_MAX = {"u8": 0xFF, "u16": 0xFFFF, "u32": 0xFFFFFFFF, "u64": 0xFFFFFFFFFFFFFFFF}
FMT = ["dec", "hex", "bool", "msgtype", "version", "features", "offer_flags", "open_flags",
       "pipe_flags", "ntstatus", "conn_state", "guid", "bytes", "pipe_type", "words"]
KINDS = {"value": "VALUE", "guid": "GUID", "bytes": "BYTES", "words": "WORDS", "rsvdz": "RSVDZ",
         "ignored": "RSVD_IGN", "header": "HEADER"}
CHECK_KINDS = {"range": "RANGE", "zero": "ZERO", "one_of": "ONE_OF",
               "needs_feature": "NEEDS_FEATURE", "hook": "RULE"}
HEADER_SIZE = 8
MSG_MAX_SIZE = 240
SELECT = {"version": "VERSION", "size": "SIZE", "content": "CONTENT"}
DIRS = {"guest-to-host": "GUEST_TO_HOST", "host-to-guest": "HOST_TO_GUEST"}


class TableError(Exception):
    pass


def fail(msg):
    raise TableError(msg)


def parse_type(t):
    """'u32' -> ('u32', None); 'u8[16]' -> ('u8', '16'); 'hdr' -> ('hdr', None)."""
    m = re.match(r"^(\w+)(?:\[(\w+)\])?$", t)
    if not m:
        fail("bad type %r" % t)
    return m.group(1), m.group(2)


def version_const(v):
    if v == "any":
        return None
    maj, mnr = v.split(".")
    return "VMBP_VERSION_%s_%s" % (maj, mnr)


def version_value(v):
    if v == "any":
        return 0
    maj, mnr = v.split(".")
    return (int(maj) << 16) | int(mnr)


# ---- the model ----------------------------------------------------------------------------

class Member:
    def __init__(self, d, wire):
        self.name = d["name"]
        self.type = d["type"]
        self.note = d.get("note", "")
        self.doc = d.get("doc", "")
        self.wire = wire
        base, count = parse_type(self.type)
        self.base, self.count = base, count
        if base == "hdr":
            self.size, self.align = HEADER_SIZE, 4
        elif base in SCALAR:
            n = int(count) if count else 1
            self.size, self.align = SCALAR[base] * n, SCALAR[base]
        else:
            fail("%s.%s: unknown type %s" % (wire.name, self.name, self.type))
        self.offset = None

    def ctype_decl(self):
        if self.base == "hdr":
            return "struct vmbp_msg_header_wire %s" % self.name
        return "%s %s%s" % (CTYPE[self.base], self.name, "[%s]" % self.count if self.count else "")


class Wire:
    def __init__(self, d):
        self.name = d["name"]
        self.family = d["family"]
        self.doc = d["doc"]
        self.wire_only = set(d.get("wire_only", []))
        self.members = [Member(m, self) for m in d["members"]]
        off, align = 0, 1
        for m in self.members:
            off = (off + m.align - 1) // m.align * m.align
            m.offset = off
            off += m.size
            align = max(align, m.align)
        self.size = (off + align - 1) // align * align
        self.by_name = {m.name: m for m in self.members}
        self.is_overlay = not any(m.base == "hdr" for m in self.members)

    def member(self, name, where):
        if name not in self.by_name:
            fail("%s: %s has no member %s" % (where, self.name, name))
        return self.by_name[name]


class Decoded:
    def __init__(self, d):
        self.name = d["name"]
        self.family = d["family"]
        self.doc = d["doc"]
        self.members = d["members"]
        self.by_name = {m["name"]: m for m in self.members}

    def ctype_decl(self, m):
        t = m["type"]
        if t == "variant":
            return "enum vmbp_msg_variant %s" % m["name"]
        if t == "guid":
            return "struct vmbp_guid %s" % m["name"]
        base, count = parse_type(t)
        return "%s %s%s" % (CTYPE[base], m["name"], "[%s]" % count if count else "")


class Field:
    """A field descriptor of a variant or overlay (the header's two are implicit)."""

    def __init__(self, d, wire, where):
        self.name = d["name"]
        self.kind = d.get("kind", None)
        if self.kind == "words":  # the range data after the fixed part: no member
            m = Member({"name": self.name, "type": "u8[0]", "doc": d.get("doc", "")}, wire)
            m.offset = wire.size
        else:
            m = wire.member(d.get("member", self.name), where)
        self.member = m
        if self.kind is None:
            self.kind = "bytes" if m.count and m.base == "u8" and "type" not in d else "value"
        if self.kind not in KINDS:
            fail("%s: field %s: kind %s" % (where, self.name, self.kind))
        self.fmt = d.get("fmt", {"guid": "guid", "bytes": "bytes", "words": "words"}.get(
            self.kind, "hex"))
        if self.fmt not in FMT:
            fail("%s: field %s: fmt %s" % (where, self.name, self.fmt))
        self.mask = d.get("mask", 0)
        self.decode_masked = d.get("decode", "") == "masked"
        self.doc = d.get("doc", m.doc)
        self.host = None if self.kind in ("rsvdz", "ignored") else d.get("host", m.name)
        self.value_type = d.get("type", None)  # a u8[4] read as u32 (hv_sock version)
        self.words_max = d.get("max")
        self.words_limit = d.get("limit")
        self.when = d.get("when")
        if self.kind == "words":
            self.offset, self.size = m.offset, 0
        else:
            self.offset, self.size = m.offset, m.size
        if self.kind == "value" or self.kind == "rsvdz" or self.kind == "ignored":
            if self.value_type:
                self.scalar = self.value_type
            elif m.base in SCALAR and not m.count:
                self.scalar = m.base
            else:
                self.scalar = None  # a byte array (rsvdz of several bytes)
        else:
            self.scalar = None

    def wire_type(self):
        if self.kind == "guid":
            return "GUID"
        if self.kind == "words":
            return "WORDS64"
        if self.kind == "bytes" or self.scalar is None:
            return "BYTES"
        return self.scalar.upper()

    def endian(self):
        if self.kind == "guid":
            return "GUID"
        if self.kind == "words" or self.scalar in ("u16", "u32", "u64"):
            return "LITTLE"
        return "NONE"


class Check:
    def __init__(self, d, layout, where):
        self.kind = d["kind"]
        if self.kind not in CHECK_KINDS:
            fail("%s: check kind %s" % (where, self.kind))
        self.when = d.get("when")
        self.d = d
        if self.kind == "hook":
            self.hook = d["hook"]
            self.args = d.get("args")
            self.index = d.get("index", False)
            self.results = []
            for r in d["results"]:
                fname = r.get("field", d.get("field"))
                self.results.append({"status": r["status"], "rule": r["rule"],
                                     "allowed": r["allowed"],
                                     "field": layout.field(fname, where)})
            self.field = self.results[0]["field"]
        else:
            self.field = layout.field(d["field"], where)
            self.status, self.rule, self.allowed = d["status"], d["rule"], d["allowed"]
        if self.when:
            self.when_field = layout.field(self.when["field"], where)

    def fields(self):
        if self.kind == "hook":
            return [r["field"] for r in self.results]
        return [self.field]

    def rows(self):
        """The check-table rows of this check: one per result for a hook."""
        if self.kind == "hook":
            return [(r["field"], r["status"], r["rule"], r["allowed"]) for r in self.results]
        return [(self.field, self.status, self.rule, self.allowed)]


class Layout:
    """What variants and overlays share: a wire struct, fields and checks."""

    def field(self, name, where):
        for f in self.fields:
            if f.name == name:
                return f
        fail("%s: no field %s" % (where, name))


class Variant(Layout):
    def __init__(self, d, mtype, model):
        self.name = d["name"]
        self.type = mtype
        self.select = d["select"]
        if self.select not in SELECT:
            fail("%s: select %s" % (self.name, self.select))
        self.min_version = d["min_version"]
        self.features = d.get("features", [])
        if "features_name" in d:
            NAMED_FEATURES[tuple(self.features)] = (d["features_name"], d["features_doc"])
        self.size = d["size"]
        self.wire = model.wires[d["wire"]]
        self.rule = d["rule"]
        self.d = d

    def resolve(self, model):
        d = self.d
        where = "variant " + self.name
        if "base" in d:
            base = model.variants[d["base"]]
            base.resolve(model)
            self.fields = []
            docs = d.get("field_docs", {})
            for bf in base.fields:
                if bf.offset + bf.size > self.size:
                    continue
                f = Field(bf.src, self.wire, where)
                f.src = bf.src
                if f.name in docs:
                    f.doc = docs[f.name]
                self.fields.append(f)
            self.checks = []
            for bc in base.checks:
                if all(any(f.name == bf.name for f in self.fields) for bf in bc.fields()):
                    self.checks.append(Check(bc.d, self, where))
        else:
            self.fields = []
            for fd in d.get("fields", []):
                f = Field(fd, self.wire, where)
                f.src = fd
                self.fields.append(f)
            self.checks = [Check(c, self, where) for c in d.get("checks", [])]
        end = max([f.offset + (f.size or 0) for f in self.fields] + [HEADER_SIZE])
        if end != self.size and not any(f.kind == "words" for f in self.fields):
            fail("%s: fields end at %d, size is %d" % (where, end, self.size))
        if self.size > self.wire.size:
            fail("%s: size %d > sizeof(struct %s) %d" % (where, self.size, self.wire.name,
                                                         self.wire.size))

    @property
    def lower(self):
        return self.name.lower()


class Overlay(Layout):
    def __init__(self, d, model):
        self.name = d["name"]
        self.family = d["family"]
        self.wire = model.wires[d["wire"]]
        self.decoded = model.decoded[d["decoded"]]
        self.rule = d["rule"]
        self.doc = d["doc"]
        self.set_clears = d.get("set_clears")
        where = "overlay " + self.name
        self.fields = []
        for fd in d["fields"]:
            f = Field(fd, self.wire, where)
            f.src = fd
            self.fields.append(f)
        self.checks = [Check(c, self, where) for c in d.get("checks", [])]


class MsgType:
    def __init__(self, d, model):
        self.name = d["name"]
        self.number = d["number"]
        self.dir = d["dir"]
        if self.dir not in DIRS:
            fail("%s: dir %s" % (self.name, self.dir))
        self.any_state = d.get("any_state", False)
        self.linux = d["linux"]
        self.openvmm = d["openvmm"]
        self.family = d["family"]
        self.codec = d["codec"]
        self.decoded = model.decoded[d["decoded"]]
        self.member = d["member"]
        self.doc = d.get("doc", "")
        self.content = d.get("content")
        self.variants = [Variant(v, self, model) for v in d["variant"]]

    @property
    def lower(self):
        return self.name.lower()

    def has_variant_member(self):
        return "variant" in self.decoded.by_name


class Model:
    def __init__(self, table):
        self.wires = {}
        for w in table["wire"]:
            w = Wire(w)
            self.wires[w.name] = w
        hdr = Wire({"name": "vmbp_msg_header_wire", "family": "builtin", "doc": "",
                    "members": [{"name": "hdr", "type": "hdr"}]})
        self.wires[hdr.name] = hdr
        self.decoded = {d["name"]: Decoded(d) for d in table["decoded"]}
        self.types = sorted((MsgType(t, self) for t in table["type"]), key=lambda t: t.number)
        for i, t in enumerate(self.types):
            if t.number != i + 1:
                fail("types must be numbered 1, 2, ... (type %s is %d)" % (t.name, t.number))
        self.variants = {}
        self.variant_list = []
        for t in self.types:
            for v in t.variants:
                if v.name in self.variants:
                    fail("variant %s twice" % v.name)
                self.variants[v.name] = v
                self.variant_list.append(v)
        for v in self.variant_list:
            v.resolve(self)
            if v.features and v.select != "content" and version_value(v.min_version) < 0x60000:
                fail("%s: a feature-gated row must start at 6.0" % v.name)
        self.overlays = [Overlay(o, self) for o in table.get("overlay", [])]
        # check ids: every variant's rows, then every overlay's
        cid = 0
        for layout in self.variant_list + self.overlays:
            layout.first_check = cid
            for c in layout.checks:
                c.ids = list(range(cid, cid + len(c.rows())))
                cid += len(c.rows())
            layout.nchecks = cid - layout.first_check
        self.ncheck_rows = cid
        self.codecs = []
        for t in self.types:
            if t.codec not in [c for c, _ in self.codecs]:
                self.codecs.append((t.codec, [x for x in self.types if x.codec == t.codec]))

    def family_types(self, fam):
        return [t for t in self.types if t.family == fam]


# ---- helpers for the C text -----------------------------------------------------------------

def doc_block(text, indent=""):
    """A Doxygen block of @p text (paragraphs kept)."""
    lines = text.strip("\n").split("\n")
    out = [indent + "/**"]
    first = True
    for ln in lines:
        if first:
            out.append(indent + " * @brief " + ln if ln else indent + " *")
            first = False
        else:
            out.append((indent + " * " + ln).rstrip())
    out.append(indent + " */")
    return out


# Feature masks with a name of their own (a variant's `features_name`): the mask is written
# once, in its macro, and everything generated uses the name.
NAMED_FEATURES = {}


def features_expr(feats):
    if not feats:
        return "0u"
    if tuple(feats) in NAMED_FEATURES:
        return NAMED_FEATURES[tuple(feats)][0]
    return " | ".join("(uint32_t)VMBP_FEATURE_%s" % f for f in feats)


def gen_named_features():
    """The macros of the named feature masks, for the types block of msg.h."""
    L = []
    for feats, (name, doc) in NAMED_FEATURES.items():
        L += doc_block(doc)
        L.append("#define %s (%s)" % (name, " | ".join("(uint32_t)VMBP_FEATURE_%s" % f
                                                       for f in feats)))
        L.append("")
    return L


def status(s):
    return "VMBP_E_%s" % s


def off(wire, member):
    return "offsetof(struct %s, %s)" % (wire.name, member.name)


def uconst(v):
    if v > 0xFFFFFFFF:
        return "VMBP_U64(0x%X)" % v
    return "0x%Xu" % v if v > 9 else "%du" % v


def field_end_expr(v):
    """The decoder's own length bound of a variant: the end of its last wire member."""
    w = v.wire
    last = None
    for m in w.members:
        if m.name in w.wire_only:
            continue
        if m.offset + m.size <= v.size:
            last = m
    if last is None or (last.offset + last.size == w.size and not w.wire_only):
        return "sizeof(struct %s)" % w.name
    nxt = [m for m in w.members if m.offset == last.offset + last.size]
    if nxt:
        return "offsetof(struct %s, %s)" % (w.name, nxt[0].name)
    return "sizeof(struct %s)" % w.name


# ---- msg.h ----------------------------------------------------------------------------------

def mask_of(types):
    return sum(1 << t.number for t in types)


def gate_of(t):
    """What the selection of type @p t checks first: the minimum
    version and the features no variant can do without, as (version or None, features)."""
    if t.content:
        return None, []
    last = t.variants[-1]
    if len(t.variants) == 1:
        v = last
        return (None if v.min_version in ("any", "0.13") else v.min_version), v.features
    if last.features or last.select == "size":
        fail("%s: the last variant must be a plain version row" % t.name)
    mins = {v.min_version for v in t.variants}
    low = min(mins, key=lambda m: -1 if m == "any" else version_value(m))
    return (None if low in ("any", "0.13") else low), []


def gen_msg_types(model):
    L = gen_named_features()
    L += doc_block("""The message table: every type and every variant, one line each, generated from
gen/msg.toml (as everything below that says so).

Expand with two macros of your own:
- `T(type, number, dir, any_state, "Linux name", "OpenVMM name")` per type: @c type its
  `VMBP_MSG_*` enumerator, @c dir `VMBP_DIR_GUEST_TO_HOST` or `VMBP_DIR_HOST_TO_GUEST`,
  @c any_state 1 for the three types valid before a version is negotiated, the Linux name
  empty where Linux has none;
- `V(type, variant, select, min_version, features, size)` per variant, newest first:
  @c variant its `VMBP_MSGV_*` enumerator, @c select a `VMBP_MSG_SELECT_*` value,
  @c min_version a `VMBP_VERSION_*` value or 0 (any, including before negotiation),
  @c features a mask of which one must be negotiated (0: none), @c size the variant's size
  in bytes, header included.""")
    L.append("#define VMBP_MSG_TABLE(T, V) \\")
    rows = []
    for t in model.types:
        rows.append('T(VMBP_MSG_%s, %d, VMBP_DIR_%s, %d, "%s", "%s")'
                    % (t.name, t.number, DIRS[t.dir], 1 if t.any_state else 0, t.linux,
                       t.openvmm))
        for v in t.variants:
            minv = version_const(v.min_version) or "0"
            rows.append("V(VMBP_MSG_%s, VMBP_MSGV_%s, VMBP_MSG_SELECT_%s, %s, %s, %d)"
                        % (t.name, v.name, SELECT[v.select], minv, features_expr(v.features),
                           v.size))
    L += ["    %s \\" % r for r in rows[:-1]] + ["    " + rows[-1], ""]
    L += doc_block("""Message types (`msgtype` of the header), one per `T` row of VMBP_MSG_TABLE(). Type 0
is invalid (Linux `CHANNELMSG_INVALID`).""")
    L.append("enum vmbp_msg_type {")
    for t in model.types:
        L.append("    VMBP_MSG_%s = %d, /**< %s */" % (
            t.name, t.number, "Linux `%s`" % t.linux if t.linux else "not in Linux"))
    L.append("    /** The largest type number this library knows (types run 1 .. max). */")
    L.append("    VMBP_MSG_TYPE_MAX = %d" % len(model.types))
    L.append("};")
    L.append("")
    L += doc_block("""Message variants, one per `V` row of VMBP_MSG_TABLE(), numbered from 1 in table
order (0 is "none"). A decoded message says which variant it was; an encoder writes the
variant it is given.""")
    L.append("enum vmbp_msg_variant {")
    L.append("    VMBP_MSGV_NONE = 0, /**< no variant (not a valid message) */")
    for i, v in enumerate(model.variant_list):
        L.append("    VMBP_MSGV_%s = %d, /**< %s, %d bytes */" % (v.name, i + 1, v.type.name,
                                                              v.size))
    L.append("    /** One past the last variant. */")
    L.append("    VMBP_MSGV_COUNT = %d" % (len(model.variant_list) + 1))
    L.append("};")
    L.append("")
    g2h = sum(1 << t.number for t in model.types if t.dir == "guest-to-host")
    h2g = sum(1 << t.number for t in model.types if t.dir == "host-to-guest")
    if len(model.types) > 31:
        fail("more than 31 types: widen the sender masks")
    L.append("/** @cond VMBP_INTERNAL */")
    L.append("/* The types each side sends, as bits (bit n: type n), for the direction check. */")
    L.append("#define VMBP_PRIV_MSG_GUEST_TO_HOST_TYPES 0x%08Xu" % g2h)
    L.append("#define VMBP_PRIV_MSG_HOST_TO_GUEST_TYPES 0x%08Xu" % h2g)
    L.append("/* The types valid before a version is negotiated (VMBP-MSG-006). */")
    L.append("#define VMBP_PRIV_MSG_ANY_STATE_TYPES 0x%08Xu" % mask_of(
        t for t in model.types if t.any_state))
    L.append("/* The header-only types, which vmbp_msg_empty_decode() decodes. */")
    L.append("#define VMBP_PRIV_MSG_EMPTY_TYPES 0x%08Xu" % mask_of(
        t for t in model.types if t.codec == "empty"))
    L.append("/** @endcond */")
    L.append("")
    L.append("/** @brief Number of message types (%d). */" % len(model.types))
    L.append("#define VMBP_MSG_TYPE_COUNT %d" % len(model.types))
    L.append("/** @brief Number of message variants (%d). */" % len(model.variant_list))
    L.append("#define VMBP_MSG_VARIANT_COUNT %d" % len(model.variant_list))
    return L


def gen_msg_records(model):
    L = ["/** @cond VMBP_INTERNAL */",
         "/* The table as data: one record per type (index: type number) and per variant",
         " * (index: variant). */",
         "static const struct vmbp_msg_type_info vmbp_priv_msg_types[] = {",
         '    {0, 0, 0, 0, "INVALID", "CHANNELMSG_INVALID", "", "", 0},']
    for t in model.types:
        L.append('    {VMBP_MSG_%s, (uint8_t)VMBP_DIR_%s, %d, VMBP_MSGV_%s, "%s", "%s", "%s", '
                 '"msg_%s", %d},' % (t.name, DIRS[t.dir], 1 if t.any_state else 0,
                                     t.variants[0].name, t.name, t.linux, t.openvmm, t.family,
                                     len(t.variants)))
    L.append("};")
    L.append("static const struct vmbp_msg_variant_info vmbp_priv_msg_variants[] = {")
    L.append('    {0, 0, 0, 0, 0, "NONE", ""},')
    for v in model.variant_list:
        L.append('    {VMBP_MSG_%s, (uint8_t)VMBP_MSG_SELECT_%s, %d, %s, %s, "%s", "%s"},' % (
            v.type.name, SELECT[v.select], v.size,
            "(uint32_t)" + version_const(v.min_version) if v.min_version != "any" else "0u",
            features_expr(v.features), v.name, v.rule))
    L.append("};")
    L.append("/** @endcond */")
    return L


def select_cond(v, ver, feats, length, negotiated):
    """The condition of a variant row. With @p negotiated, the version is known to be one of the
    library's (0.13 or later), so a row of 0.13 needs no comparison."""
    conds = []
    if v.min_version != "any" and not (negotiated and v.min_version == "0.13"):
        conds.append("%s >= (uint32_t)%s" % (ver, version_const(v.min_version)))
    if v.features:
        conds.append("(%s & (%s)) != 0" % (feats, features_expr(v.features)))
    if v.select == "size":
        conds.append("%s >= %du" % (length, v.size))
    return " && ".join(conds)


def unused(body, names):
    """(void) lines for the parameters @p body does not use."""
    text = "\n".join(body)
    return ["(void)%s;" % n for n in names if not re.search(r"\b%s\b" % n, text)]


def select_body(t):
    """The statements of vmbp_priv_msg_select_<type>(): the version and features the type needs
    whatever its variant (constants, one test each), then its variant by content, or by
    version, features and length."""
    body = []
    ver, fs = gate_of(t)
    if ver:
        body.append("if (ctx->version < (uint32_t)%s)" % version_const(ver))
        body.append("    return VMBP_E_VERSION;")
    if fs:
        body.append("if ((ctx->features & (%s)) == 0)" % features_expr(fs))
        body.append("    return VMBP_E_FEATURE;")
    if t.content:
        vf = t.variants[0].wire.by_name[t.content["version"]]
        ff = t.variants[0].wire.by_name[t.content["features"]]
        smin = min(v.size for v in t.variants)
        body.append("if (len < %du) /* every form is this long: the fields read next are there */"
                    % smin)
        body.append("    return VMBP_E_TRUNCATED;")
        body.append("v = vmbp_priv_msg_%s_form(vmbp_load_le32(p + %du), vmbp_load_le32(p + %du));"
                    % (t.lower, vf.offset, ff.offset))
        for v in t.variants:
            if v.size > smin:
                body.append("if (v == VMBP_MSGV_%s && len < %du)" % (v.name, v.size))
                body.append("    return VMBP_E_TRUNCATED;")
        body.append("*variant = v;")
        body.append("return VMBP_OK;")
        body = ["enum vmbp_msg_variant v;", ""] + unused(body, ["ctx"]) + body
    else:
        for i, v in enumerate(t.variants):
            c = select_cond(v, "ctx->version", "ctx->features", "len", not t.any_state)
            if i == len(t.variants) - 1:
                c = ""  # the gate has checked what the last row needs
            elif len(t.variants) == 1:
                c = ""
            tail = []
            if v.select != "size" and v.size > HEADER_SIZE:
                tail = ["if (len < %du)" % v.size, "    return VMBP_E_TRUNCATED;"]
            tail += ["*variant = VMBP_MSGV_%s;" % v.name, "return VMBP_OK;"]
            if c:
                body.append("if (%s) {" % c)
                body += ["    " + x for x in tail]
                body.append("}")
            else:
                body += tail
                break
        body = unused(body, ["p", "len", "ctx"]) + body
    return body


def form_body(t):
    """The statements of vmbp_priv_msg_<type>_form(): the rows in order, those of one version
    nested under one test of it (a flat chain of tests that share a comparison is what clang
    turns into selects, computing the form without branches and testing it again later)."""
    body = []
    vs = t.variants
    i = 0
    while i < len(vs):
        j = i
        while j + 1 < len(vs) and vs[j + 1].min_version == vs[i].min_version:
            j += 1
        group = vs[i:j + 1]
        ver = select_cond(Row(vs[i].min_version, None), "version", "features", "len", False)
        if len(group) > 1 and ver and not group[-1].features:
            body.append("if (%s) {" % ver)
            for v in group[:-1]:
                body.append("    if (%s)" % select_cond(Row("any", v.features), "version",
                                                        "features", "len", False))
                body.append("        return VMBP_MSGV_%s;" % v.name)
            body.append("    return VMBP_MSGV_%s;" % group[-1].name)
            body.append("}")
            i = j + 1
            continue
        c = select_cond(vs[i], "version", "features", "len", False)
        if not c:
            body.append("return VMBP_MSGV_%s;" % vs[i].name)
            return body
        body.append("if (%s)" % c)
        body.append("    return VMBP_MSGV_%s;" % vs[i].name)
        i += 1
    body.append("return VMBP_MSGV_NONE;")
    return body


class Row:
    """A selection row's version and features alone, for select_cond()."""

    def __init__(self, min_version, features):
        self.min_version = min_version
        self.features = features
        self.select = "content"


def select_can_fail(t):
    """Whether the selection of type @p t can refuse a message the gate has passed."""
    return any("return VMBP_E_" in x for x in select_body(t))


def gen_msg_select(model):
    L = ["/** @cond VMBP_INTERNAL */"]
    for t in model.types:
        if t.content:
            L.append("/* The form %s takes for the version and features it requests. */" % t.name)
            L.append("VMBP_INLINE enum vmbp_msg_variant vmbp_priv_msg_%s_form(uint32_t version, "
                     "uint32_t features)" % t.lower)
            L.append("{")
            L += ["    " + x for x in form_body(t)]
            L.append("}")
            L.append("")
    for t in model.types:
        L.append("/* %s: the version and features it needs whatever its variant (VMBP-MSG-007), "
                 "then its variant by %s (VMBP-MSG-007, -003), after vmbp_priv_msg_frame(). */"
                 % (t.name, "content" if t.content else "version, features and length"))
        L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_%s("
                 "const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, "
                 "enum vmbp_msg_variant *variant)" % t.lower)
        L.append("{")
        body = select_body(t)
        L += ["    " + x if x else "" for x in body]
        L.append("}")
        L.append("")
    L.append("/* The variant of a framed message of a known type. */")
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_type("
             "uint32_t type, const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, "
             "enum vmbp_msg_variant *variant)")
    L.append("{")
    L.append("    switch (type) {")
    for t in model.types:
        L.append("    case VMBP_MSG_%s:" % t.name)
        if t is model.types[-1]:
            L.append("    default: /* vmbp_priv_msg_frame() admits the known types only */")
        L.append("        return vmbp_priv_msg_select_%s(p, len, ctx, variant);" % t.lower)
    L.append("    }")
    L.append("}")
    L.append("/** @endcond */")
    return L


# ---- msg_<family>.h: structs ------------------------------------------------------------------

def gen_wire(w):
    L = []
    doc = w.doc.strip("\n")
    rows = [m for m in w.members if m.base != "hdr" and m.name not in w.wire_only and m.doc]
    if len(rows) >= 3:
        base = 0
        hdr = "| offset | size | field | meaning |"
        table = [hdr, "|---|---|---|---|"]
        for m in rows:
            table.append("| %d | %d | %s | %s |" % (m.offset, m.size, m.name, m.doc))
        doc += "\n\n" + "\n".join(table)
    L += doc_block(doc)
    L.append("struct %s {" % w.name)
    for m in w.members:
        line = "    %s; /**< %s */" % (m.ctype_decl(), m.note or m.doc)
        if len(line) > 96:
            L.append("    /** %s */" % (m.note or m.doc))
            L.append("    %s;" % m.ctype_decl())
        else:
            L.append(line)
    L.append("};")
    tag = w.name[len("vmbp_"):-len("_wire")]
    L.append("VMBP_STATIC_ASSERT(sizeof(struct %s) == %d, vmbp_%s_size);" % (w.name, w.size, tag))
    for m in w.members:
        L.append("VMBP_STATIC_ASSERT(offsetof(struct %s, %s) == %d, vmbp_%s_%s);"
                 % (w.name, m.name, m.offset, tag, m.name))
    return L


def gen_decoded(d):
    L = doc_block(d.doc)
    L.append("struct %s {" % d.name)
    for m in d.members:
        L.append("    %s; /**< %s */" % (d.ctype_decl(m), m["doc"]))
    L.append("};")
    return L


def gen_structs(model, fam):
    L = []
    done = set()
    for w in model.wires.values():
        if w.family == fam:
            L += gen_wire(w) + [""]
            done.add(w.name)
    for d in model.decoded.values():
        if d.family == fam:
            L += gen_decoded(d) + [""]
    for t in model.family_types(fam):
        for v in t.variants:
            L.append("VMBP_STATIC_ASSERT(%s == %d, vmbp_msgv_%s_size);"
                     % (field_end_expr(v), v.size, v.lower))
    for o in model.overlays:
        if o.family == fam:
            L.append("VMBP_STATIC_ASSERT(sizeof(struct %s) <= VMBP_OFFER_USER_DEFINED_SIZE, "
                     "vmbp_overlay_%s_size);" % (o.wire.name, o.name))
    while L and L[-1] == "":
        L.pop()
    return L


# ---- msg_<family>.h: codec --------------------------------------------------------------------

HEADER_FIELDS = [
    '{"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER, '
    '(uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},',
    '{"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST, '
    '(uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32, '
    '(uint8_t)VMBP_MSG_ENDIAN_LITTLE},',
]


def cstr(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def field_row(f, layout, decoded, base_off=""):
    w = layout.wire
    if f.kind == "words":
        offset = "(uint16_t)sizeof(struct %s)" % w.name
        size = "0u"
    else:
        offset = "(uint16_t)(%s%s)" % (base_off, off(w, f.member))
        size = "%du" % f.size
    if f.host and f.host in decoded.by_name:
        host = "(uint16_t)offsetof(struct %s, %s)" % (decoded.name, f.host)
    else:
        host = "VMBP_MSG_FIELD_NO_HOST"
    return "{%s, %s, %s, %s, %s, (uint8_t)VMBP_MSG_FIELD_%s, (uint8_t)VMBP_MSG_FMT_%s, %s, " \
           "(uint8_t)VMBP_MSG_WIRE_%s, (uint8_t)VMBP_MSG_ENDIAN_%s}," % (
               cstr(f.name), cstr(f.doc), offset, size, host, KINDS[f.kind], f.fmt.upper(),
               uconst(f.mask) if f.mask else "0u", f.wire_type(), f.endian())


class Body:
    """The code of one variant (or overlay) decoder."""

    def __init__(self, layout, decoded, p="p"):
        self.layout = layout
        self.decoded = decoded
        self.p = p
        self.w = layout.wire
        self.early = []      # members loaded before the checks, in wire order
        self.words = None    # the words field, if any
        for f in layout.fields:
            if f.kind == "words":
                self.words = f
        need = set()
        in_args = set()  # members a hook reads from the decoded values
        for c in layout.checks:
            for f in c.fields():
                if f.kind != "words":  # a list is walked in the message, not copied first
                    need.add(f.member.name)
            if c.when:
                need.add(c.when_field.member.name)
            if c.kind == "hook":
                for a in (c.args or []):
                    for f in layout.fields:
                        if re.search(r"\b%s\b" % f.name, a):
                            need.add(f.member.name)
                            in_args.add(f.member.name)
        for f in layout.fields:
            if f.when:
                need.add(layout.field(f.when["field"], "when").member.name)
        self.words_local = self.words is not None and self.words.member.name in in_args
        if self.words and self.words.words_limit:
            need.add(self.words.words_limit)
        for m in self.w.members:
            if m.name in need and m.name != (self.words.member.name if self.words else None):
                if m.count and not any(f.member is m and f.value_type for f in layout.fields):
                    continue  # a byte array: checked in place (vmbp_priv_msg_zero)
                self.early.append(m)

    def member_type(self, m):
        for f in self.layout.fields:
            if f.member is m and f.value_type:
                return f.value_type
        return m.base

    def load(self, m):
        t = self.member_type(m)
        return LOAD[t].format(p=self.p, off=off(self.w, m))

    def value(self, f):
        """The value of field @p f as the checks see it (masked)."""
        m = f.member
        if f.mask:
            return "(%s & %s)" % (m.name, uconst(f.mask))
        return m.name


def named(d, key, value, asserts):
    """The C text of a table value: its named constant when the table gives one (with an
    assertion that the name has the value), else the number."""
    name = d.get(key + "_c")
    if name is None:
        return uconst(value)
    asserts.append((name, value))
    return name if re.match(r"^\w+$", name) else "(%s)" % name


ASSERTS = []


def cond_of(body, when):
    f = body.layout.field(when["field"], "when")
    if "mask" in when:
        return "(%s & %s) != 0" % (f.member.name, named(when, "mask", when["mask"], ASSERTS))
    return "%s == %s" % (f.member.name, named(when, "equals", when["equals"], ASSERTS))


def gen_checks(body, fault="fault"):
    L = []
    lay = body.layout
    hook_st = False
    for c in lay.checks:
        if c.kind == "hook":
            hook_st = True
            args = c.args if c.args is not None else [c.field.name, "ctx"]
            cargs = []
            for a in args:
                cargs.append(a)
            if c.index:
                cargs.append("&at")
            L.append("st = %s(%s);" % (c.hook, ", ".join(cargs)))
            L.append("if (st != VMBP_OK)")
            ids = c.ids
            sel = "%du" % ids[-1]
            for r, i in reversed(list(zip(c.results[:-1], ids[:-1]))):
                sel = "st == %s ? %du : %s" % (status(r["status"]), i, sel)
            val = "0u" if c.index else body.value(c.results[-1]["field"])
            if not c.index:
                for r in reversed(c.results[:-1]):
                    if r["field"] is not c.results[-1]["field"]:
                        val = "st == %s ? %s : %s" % (status(r["status"]), body.value(r["field"]),
                                                      val)
            idx = "at" if c.index else "0u"
            L.append("    return vmbp_priv_msg_fail(%s, st, %s, %s, %s);" % (fault, sel, val, idx))
            continue
        f = c.field
        x = body.value(f)
        scal = f.scalar
        if c.kind == "range":
            tmax = TYPE_MAX[scal]
            if f.mask:
                tmax = f.mask
            parts = []
            if c.d["min"] > 0:
                parts.append("%s < %s" % (x, named(c.d, "min", c.d["min"], ASSERTS))
                             if c.d["min"] > 1 or "min_c" in c.d else "%s == 0" % x)
            if c.d["max"] < tmax:
                parts.append("%s > %s" % (x, named(c.d, "max", c.d["max"], ASSERTS)))
            cond = " || ".join(parts)
        elif c.kind == "zero":
            if scal:
                cond = "%s != 0" % x
            else:
                cond = "!vmbp_priv_msg_zero(%s + %s, %du)" % (body.p, off(body.w, f.member),
                                                            f.size)
        elif c.kind == "one_of":
            names = c.d.get("values_c", [None] * len(c.d["values"]))
            cond = " && ".join("%s != %s" % (x, named({"v_c": n} if n else {}, "v", v, ASSERTS))
                               for v, n in zip(c.d["values"], names))
        elif c.kind == "needs_feature":
            bits = f.member.name if c.d["mask"] >= TYPE_MAX[scal] else "(%s & %s)" % (
                f.member.name, named(c.d, "mask", c.d["mask"], ASSERTS))
            cond = "%s != 0 && !vmbp_ctx_has_feature(ctx, (uint32_t)VMBP_FEATURE_%s)" % (
                bits, c.d["feature"])
        if c.when:
            cond = "%s && (%s)" % (cond_of(body, c.when), cond)
        val = x if scal else "0u"
        L.append("if (%s)" % cond)
        L.append("    return vmbp_priv_msg_fail(%s, %s, %du, %s, 0u);" % (
            fault, status(c.status), c.ids[0], val))
    return L, hook_st


def gen_stores(body, variant_name, msg_type, out="out"):
    """Stores into the decoded struct, after every check passed."""
    L = []
    lay, D, w, p = body.layout, body.decoded, body.w, body.p
    early = {m.name for m in body.early}
    for dm in D.members:
        name = dm["name"]
        if dm["type"] == "variant":
            L.append("%s->variant = VMBP_MSGV_%s;" % (out, variant_name))
            continue
        if name == "type" and D.name == "vmbp_msg_empty":
            L.append("%s->type = VMBP_MSG_%s;" % (out, msg_type))
            continue
        if body.words and name == "nwords":
            L.append("%s->nwords = nwords;" % out)
            continue
        if body.words and name == "words":
            if body.words_local:
                L.append("VMBP_MEMCPY(%s->words, words, sizeof(%s->words));" % (out, out))
            else:
                L.append("VMBP_MEMSET(%s->words, 0, sizeof(%s->words));" % (out, out))
                L.append("for (i = 0; i < n; i++)")
                L.append("    %s->words[i] = vmbp_load_le64(%s + sizeof(struct %s) + 8u * i);"
                         % (out, p, w.name))
            continue
        f = None
        for x in lay.fields:
            if x.host == name:
                f = x
                break
        if f is None:
            if dm["type"] == "guid" or "[" in dm["type"]:
                L.append("VMBP_MEMSET(&%s->%s, 0, sizeof(%s->%s));" % (out, name, out, name))
            else:
                L.append("%s->%s = 0;" % (out, name))
            continue
        m = f.member
        src = "%s + %s" % (p, off(w, m))
        cond = cond_of(body, f.when) if f.when else None
        if f.kind == "guid":
            st = ["VMBP_MEMCPY(%s->%s.bytes, %s, 16);" % (out, name, src)]
            zero = ["VMBP_MEMSET(&%s->%s, 0, sizeof(%s->%s));" % (out, name, out, name)]
        elif f.kind == "bytes":
            st = ["VMBP_MEMCPY(%s->%s, %s, %du);" % (out, name, src, m.size)]
            zero = ["VMBP_MEMSET(%s->%s, 0, %du);" % (out, name, m.size)]
        else:
            v = m.name if m.name in early else body.load(m)
            if f.decode_masked:
                v = "(%s)(%s & %s)" % (CTYPE[f.scalar], v, uconst(f.mask))
            st = ["%s->%s = %s;" % (out, name, v)]
            zero = ["%s->%s = 0;" % (out, name)]
        if cond:
            L.append("if (%s) {" % cond)
            L += ["    " + x for x in st]
            L.append("} else {")
            L += ["    " + x for x in zero]
            L.append("}")
        else:
            L += st
    return L


def gen_body_fn(model, v):
    t = v.type
    D = t.decoded
    body = Body(v, D)
    name = "vmbp_priv_msgv_%s" % v.lower
    L = ["/* %s (%d bytes, %s): its own length bound, the checks in order, then the decoded"
         % (v.name, v.size, v.rule),
         " * struct, written only when every check passed. */",
         "VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status %s(const uint8_t *p, size_t len, "
         "const struct vmbp_ctx *ctx, struct %s *out, struct vmbp_msg_fault *fault)" % (name, D.name),
         "{"]
    decl = []
    for m in body.early:
        decl.append("%s %s;" % (CTYPE[body.member_type(m)], m.name))
    checks, hook_st = gen_checks(body)
    if body.words:
        mx = body.words.words_max
        if body.words_local:
            decl.append("uint64_t words[%s];" % mx)
        decl.append("uint32_t nwords;")
        decl.append("size_t i, n;")
    if hook_st:
        decl.append("enum vmbp_status st;")
    if any(c.kind == "hook" and c.index for c in v.checks):
        decl.append("uint32_t at = 0;")
    code = []
    code.append("if (len < %s)" % field_end_expr(v))
    code.append("    return VMBP_E_TRUNCATED;")
    for m in body.early:
        code.append("%s = %s;" % (m.name, body.load(m)))
    if body.words:
        wn = body.words
        code.append("n = (len - sizeof(struct %s)) / 8u;" % v.wire.name)
        if wn.words_limit:
            code.append("if (n > (size_t)(%s / 8u))" % wn.words_limit)
            code.append("    n = (size_t)(%s / 8u);" % wn.words_limit)
        # a conditional expression, not an if: GCC would copy the stores that follow onto
        # the path that clamps (the zero fill of the words: 100 bytes more per decoder)
        code.append("/* the constant bound last: every reader sees n <= it */")
        code.append("n = n < %s ? n : %s;" % (wn.words_max, wn.words_max))
        code.append("nwords = (uint32_t)n;")
        if body.words_local:
            code.append("VMBP_MEMSET(words, 0, sizeof(words));")
            code.append("for (i = 0; i < n; i++)")
            code.append("    words[i] = vmbp_load_le64(p + sizeof(struct %s) + 8u * i);"
                        % v.wire.name)
    code += checks
    stores = gen_stores(body, v.name, t.name)
    if stores:
        code.append("if (out) {")
        code += ["    " + x for x in stores]
        code.append("}")
    code.append("return VMBP_OK;")
    pre = unused(code, ["p", "ctx", "out", "fault"])
    if decl:
        decl.append("")
    L += ["    " + x if x else "" for x in decl + pre + code]
    L.append("}")
    return L


def gen_type_decode(model, t):
    D = t.decoded
    L = ["/* %s: the variant, then its decoder. */" % t.name,
         "VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_decode_%s(const uint8_t *p, "
         "size_t len, const struct vmbp_ctx *ctx, struct %s *out, struct vmbp_msg_fault *fault, "
         "enum vmbp_msg_variant *variant)" % (t.lower, D.name),
         "{"]
    if len(t.variants) == 1 and not select_can_fail(t):
        # one variant, nothing to refuse after the gate: no status to test
        L.append("    *variant = VMBP_MSGV_%s;" % t.variants[0].name)
        L.append("    return vmbp_priv_msg_body_%s(p, len, ctx, VMBP_MSGV_%s, out, fault);"
                 % (t.lower, t.variants[0].name))
        L.append("}")
        return L
    L += ["    enum vmbp_msg_variant v = VMBP_MSGV_NONE;",
          "    enum vmbp_status st = vmbp_priv_msg_select_%s(p, len, ctx, &v);" % t.lower,
          "",
          "    if (st != VMBP_OK)",
          "        return st;",
          "    *variant = v;"]
    L.append("    return vmbp_priv_msg_body_%s(p, len, ctx, v, out, fault);" % t.lower)
    L.append("}")
    return L


def check_doc(layout):
    """The checks of a layout, in order, as Doxygen text."""
    rows = []
    for c in layout.checks:
        for (f, st, rule, allowed) in c.rows():
            rows.append("- %s: %s, else VMBP_E_%s (%s)%s" % (
                f.name, allowed, st, rule,
                "; only when %s" % c.when_text() if c.when else ""))
    return rows


def when_text(self):
    w = self.when
    if "mask" in w:
        return "%s has 0x%X" % (w["field"], w["mask"])
    return "%s is %d" % (w["field"], w["equals"])


Check.when_text = when_text


def gen_family_decoder(model, codec, types):
    t0 = types[0]
    D = t0.decoded
    L = []
    if codec == "empty":
        doc = ["Decode a header-only message (%s). Bytes after the header are ignored" %
               ", ".join(t.name for t in types),
               "(OpenVMM's own tests send ALL_OFFERS_DELIVERED with one extra byte)."]
    else:
        doc = ["Decode %s." % t0.name, ""]
        if t0.doc:
            doc += t0.doc.strip().split("\n") + [""]
        doc.append("In order: framing and gating (vmbp_msg_select()), the variant's size, then")
        rows = []
        seen = set()
        for v in t0.variants:
            for r in check_doc(v):
                if r not in seen:
                    seen.add(r)
                    rows.append(r)
        if rows:
            doc.append("the field checks:")
            doc += rows
        else:
            doc.append("no field checks.")
    doc += ["@param buf message (private memory)", "@param len bytes in @p buf",
            "@param ctx negotiated state",
            "@param out decoded message, written on success only; may be NULL",
            "@return VMBP_OK or the first failed check"]
    L += doc_block("\n".join(doc))
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_%s_decode(const void *buf, "
             "size_t len, const struct vmbp_ctx *ctx, struct %s *out)" % (codec, D.name))
    L.append("{")
    L.append("    enum vmbp_msg_variant v = VMBP_MSGV_NONE;")
    L.append("    uint32_t type = 0;")
    L.append("    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, %s, &type);"
             % ("0u, VMBP_PRIV_MSG_EMPTY_TYPES" if codec == "empty" else
                "VMBP_MSG_%s, 0u" % t0.name))
    L.append("")
    L.append("    if (st != VMBP_OK)")
    L.append("        return st;")
    if codec == "empty":
        # the header is the whole message: the type's version and features are left
        L.append("    switch (type) {")
        for t in types:
            L.append("    case VMBP_MSG_%s:" % t.name)
            if t is types[-1]:
                L.append("    default: /* vmbp_priv_msg_frame() admits these types only */")
            L.append("        return vmbp_priv_msg_decode_%s((const uint8_t *)buf, len, ctx, out, "
                     "NULL, &v);" % t.lower)
        L.append("    }")
    elif split_family_decoder(t0):
        # the decoder once per variant, the variant a constant: each copy has only its own
        # loads and checks, where one copy for all tests the variant again at each of them
        L.append("    st = vmbp_priv_msg_select_%s((const uint8_t *)buf, len, ctx, &v);" % t0.lower)
        L.append("    if (st != VMBP_OK)")
        L.append("        return st;")
        L.append("    switch (v) {")
        for v in t0.variants:
            if v is t0.variants[-1]:
                # no case of its own: a default no selection takes would be a branch no test
                # can take
                L.append("    default: /* VMBP_MSGV_%s: the selection gives no other */" % v.name)
            else:
                L.append("    case VMBP_MSGV_%s:" % v.name)
            L.append("        return vmbp_priv_msg_body_%s((const uint8_t *)buf, len, ctx, "
                     "VMBP_MSGV_%s, out, NULL);" % (t0.lower, v.name))
        L.append("    }")
    else:
        L.append("    return vmbp_priv_msg_decode_%s((const uint8_t *)buf, len, ctx, out, NULL, &v);"
                 % t0.lower)
    L.append("}")
    if codec == "empty":
        for t in types:
            L.append("")
            L += gen_empty_decoder(t)
    return L


def split_family_decoder(t):
    """Whether the family decoder of type @p t has one copy of the decoder per variant: for
    three variants or more, where the shared copy tests the variant at most of its fields (a
    one-type TU of a two-variant type would grow by about a tenth for it)."""
    return len(t.variants) > 2


def decoder_name(t):
    """The public decoder of type @p t: its family's, or for a header-only type its own."""
    return "vmbp_msg_%s_decode" % (t.lower if t.codec == "empty" else t.codec)


def gen_empty_decoder(t):
    """The decoder of one header-only type: vmbp_msg_empty_decode() with the type a constant,
    so that its framing and gating fold to a few comparisons."""
    D = t.decoded
    L = doc_block("\n".join([
        "Decode %s, a header-only message, as vmbp_msg_empty_decode() does for this type" % t.name,
        "only (another type is VMBP_E_UNKNOWN_TYPE). Bytes after the header are ignored.",
        "@param buf message (private memory)", "@param len bytes in @p buf",
        "@param ctx negotiated state",
        "@param out decoded message, written on success only; may be NULL",
        "@return VMBP_OK or the first failed check"]))
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status %s(const void *buf, size_t len, "
             "const struct vmbp_ctx *ctx, struct %s *out)" % (decoder_name(t), D.name))
    L.append("{")
    L.append("    enum vmbp_msg_variant v = VMBP_MSGV_NONE;")
    L.append("    uint32_t type = 0;")
    L.append("    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, "
             "VMBP_MSG_%s, 0u, &type);" % t.name)
    L.append("")
    L.append("    if (st != VMBP_OK)")
    L.append("        return st;")
    L.append("    return vmbp_priv_msg_decode_%s((const uint8_t *)buf, len, ctx, out, NULL, &v);"
             % t.lower)
    L.append("}")
    return L


def store_field(w, f, src_expr, p="p"):
    m = f.member
    dst = "%s + %s" % (p, off(w, m))
    if f.kind == "guid":
        return ["VMBP_MEMCPY(%s, %s.bytes, 16);" % (dst, src_expr)]
    if f.kind == "bytes":
        return ["VMBP_MEMCPY(%s, %s, %du);" % (dst, src_expr, m.size)]
    t = f.value_type or m.base
    return [STORE[t].format(p=p, off=off(w, m), v=src_expr) + ";"]


def gen_encoder(model, codec, types):
    t0 = types[0]
    D = t0.decoded
    L = []
    if codec == "empty":
        L += doc_block("\n".join([
            "Encode a header-only message.", "@param in  message (its type)",
            "@param buf output", "@param cap bytes available at @p buf",
            "@param len receives 8, the bytes written or needed",
            "@return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL for a type that has fields"]))
        L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_empty_encode("
                 "const struct vmbp_msg_empty *in, void *buf, size_t cap, size_t *len)")
        L.append("{")
        L.append("    if (!in)")
        L.append("        return VMBP_E_INVAL;")
        L.append("    switch (in->type) {")
        for t in types:
            L.append("    case VMBP_MSG_%s:" % t.name)
        L.append("        return vmbp_priv_msg_encode_begin(in->type, vmbp_msg_type_newest_variant("
                 "in->type), VMBP_MSG_HEADER_SIZE, buf, cap, len);")
        L.append("    default:")
        L.append("        return VMBP_E_INVAL;")
        L.append("    }")
        L.append("}")
        return L
    vs = t0.variants
    words = next((f for f in vs[0].fields if f.kind == "words"), None)
    size_doc = ("%d + 8 * `in->nwords` bytes" % vs[0].size if words else
                " or ".join("%d" % v.size for v in vs) + " bytes")
    doc = ["Encode %s%s (%s)." % (t0.name, " in the form `in->variant` names" if len(vs) > 1
                                   else "", size_doc)]
    pre = []
    masked = []
    for v in vs:
        for f in v.fields:
            if f.decode_masked and f.host not in [x.host for x in masked]:
                masked.append(f)
    for f in masked:
        pre.append("in->%s > %s" % (f.host, uconst(f.mask)))
    if t0.content:
        pre.append("in->variant != vmbp_priv_msg_%s_form(in->%s, in->%s)" % (
            t0.lower, t0.content["version"], t0.content["features"]))
        doc.append("The variant must be the one vmbp_msg_%s_variant() gives for the" % t0.lower)
        doc.append("requested version and flags; members it does not carry are not written.")
    if words:
        pre.append("in->nwords > %s" % words.words_max)
    doc += ["@param in  message%s" % ("; " + ", ".join("@c %s 0 or 1" % f.host for f in masked)
                                       if masked else ""),
            "@param buf output", "@param cap bytes available at @p buf",
            "@param len receives the bytes written, or needed with VMBP_E_NOSPACE",
            "@return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL"]
    L += doc_block("\n".join(doc))
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_%s_encode(const struct %s *in, "
             "void *buf, size_t cap, size_t *len)" % (codec, D.name))
    L.append("{")
    body = []
    body.append("if (%s)" % " || ".join(["!in"] + pre))
    body.append("    return VMBP_E_INVAL;")
    if len(vs) > 1:
        var, size = "in->variant", "vmbp_msg_variant_size(in->variant)"
    else:
        var, size = "VMBP_MSGV_%s" % vs[0].name, "sizeof(struct %s)" % vs[0].wire.name
        if field_end_expr(vs[0]) != "sizeof(struct %s)" % vs[0].wire.name:
            size = field_end_expr(vs[0])
    if words:
        size = "sizeof(struct %s) + 8u * in->nwords" % vs[0].wire.name
    body.append("st = vmbp_priv_msg_encode_begin(VMBP_MSG_%s, %s, %s, buf, cap, len);"
                % (t0.name, var, size))
    body.append("if (st != VMBP_OK)")
    body.append("    return st;")
    # every field of any variant, in wire order, guarded by the variants that carry it
    allf = []
    for v in vs:
        for f in v.fields:
            if f.kind in ("rsvdz", "ignored") or f.host is None:
                continue
            if any(x[0].host == f.host for x in allf):
                for x in allf:
                    if x[0].host == f.host:
                        x[1].append(v)
                continue
            allf.append((f, [v]))
    allf.sort(key=lambda x: x[0].offset)
    group, gcar = [], None

    def flush():
        if not group:
            return
        if len(gcar) < len(vs):
            cond = " || ".join("in->variant == VMBP_MSGV_%s" % c.name for c in gcar)
            body.append("if (%s) {" % cond if len(group) > 1 else "if (%s)" % cond)
            body.extend("    " + x for x in group)
            if len(group) > 1:
                body.append("}")
        else:
            body.extend(group)
        group.clear()

    for f, carriers in allf:
        if f.kind == "words":
            flush()
            body.append("for (i = 0; i < in->nwords; i++)")
            body.append("    vmbp_store_le64(p + sizeof(struct %s) + 8u * i, in->words[i]);"
                        % vs[0].wire.name)
            continue
        names = [c.name for c in carriers]
        if gcar is not None and names != [c.name for c in gcar]:
            flush()
        gcar = carriers
        group.extend(store_field(f.member.wire, f, "in->%s" % f.host))
    flush()
    body.append("return VMBP_OK;")
    decl = []
    if any(re.search(r"\bp\b", x) for x in body):
        decl.append("uint8_t *p = (uint8_t *)buf;")
    decl.append("enum vmbp_status st;")
    if words:
        decl.append("uint32_t i;")
    L += ["    " + x for x in decl] + [""] + ["    " + x if x else "" for x in body]
    L.append("}")
    return L


def gen_fields_fn(model, fam, layouts):
    L = []
    for v in layouts:
        D = v.type.decoded
        L.append("static const struct vmbp_msg_field vmbp_priv_fields_%s[] = {" % v.lower)
        L += ["    " + x for x in HEADER_FIELDS]
        for f in v.fields:
            L.append("    " + field_row(f, v, D))
        L.append("};")
    return L


def gen_overlay(model, o):
    D = o.decoded
    body = Body(o, D, p="p")
    base = "offsetof(struct vmbp_offer_wire, user_defined) + "
    L = ["/** @cond VMBP_INTERNAL */",
         "static const struct vmbp_msg_field vmbp_priv_fields_overlay_%s[] = {" % o.name]
    for f in o.fields:
        L.append("    " + field_row(f, o, D, base))
    L.append("};")
    L.append("")
    L.append("/* The %s overlay's checks in order (%s), then the decoded struct. */" % (
        o.name, o.rule))
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_offer_%s_get("
             "const struct vmbp_offer *offer, struct %s *out, struct vmbp_msg_fault *fault)"
             % (o.name, D.name))
    L.append("{")
    decl = ["const uint8_t *p;"]
    for m in body.early:
        decl.append("%s %s;" % (CTYPE[body.member_type(m)], m.name))
    saved = [c.ids for c in o.checks]
    for c in o.checks:
        c.ids = [i - o.first_check for i in c.ids]
    checks, hook_st = gen_checks(body)
    for c, ids in zip(o.checks, saved):
        c.ids = ids
    code = ["if (!offer)", "    return VMBP_E_INVAL;", "p = offer->user_defined;"]
    for m in body.early:
        code.append("%s = %s;" % (m.name, body.load(m)))
    code += checks
    stores = gen_stores(body, None, None)
    code.append("if (out) {")
    code += ["    " + x for x in stores]
    code.append("}")
    code.append("return VMBP_OK;")
    L += ["    " + x for x in decl] + [""] + ["    " + x if x else "" for x in code]
    L.append("}")
    L.append("/** @endcond */")
    L.append("")
    doc = ["Read the %s overlay of an offer's user data." % {"pipe": "named-pipe",
                                                             "hvsock": "hv_sock"}[o.name], ""]
    doc += o.doc.strip().split("\n") + ["", "Checks, in order:"] + check_doc(o)
    doc += ["@param offer decoded offer", "@param out   overlay, written on success only",
            "@return VMBP_OK, a failed check, VMBP_E_INVAL for NULL arguments"]
    L += doc_block("\n".join(doc))
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_offer_%s_get("
             "const struct vmbp_offer *offer, struct %s *out)" % (o.name, D.name))
    L.append("{")
    L.append("    if (!out)")
    L.append("        return VMBP_E_INVAL;")
    L.append("    return vmbp_priv_msg_offer_%s_get(offer, out, NULL);" % o.name)
    L.append("}")
    L.append("")
    # set
    doc = ["Write the %s overlay into an offer's user data (%s)." % (
        {"pipe": "named-pipe", "hvsock": "hv_sock"}[o.name],
        "its first %d bytes, zeroed first; the rest is left as it is" % o.set_clears
        if o.set_clears else "all %d bytes" % o.wire.size)]
    if any(f.when for f in o.fields):
        doc.append("Fields of another version (" + ", ".join(
            "%s when %s" % (f.name, when_text(type("W", (), {"when": f.when})()))
            for f in o.fields if f.when) + ") are not written.")
    doc += ["@param offer offer to modify", "@param in    overlay",
            "@return VMBP_OK, VMBP_E_INVAL for NULL arguments"]
    L += doc_block("\n".join(doc))
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_offer_%s_set("
             "struct vmbp_offer *offer, const struct %s *in)" % (o.name, D.name))
    L.append("{")
    L.append("    uint8_t *p;")
    L.append("")
    L.append("    if (!offer || !in)")
    L.append("        return VMBP_E_INVAL;")
    L.append("    p = offer->user_defined;")
    if o.set_clears:
        L.append("    VMBP_MEMSET(p, 0, %du);" % o.set_clears)
    for f in o.fields:
        if f.host is None:
            continue
        st = store_field(o.wire, f, "in->%s" % f.host)
        if f.when:
            L.append("    if (in->%s == %s)" % (f.when["field"], uconst(f.when["equals"])))
            L += ["        " + x for x in st]
        else:
            L += ["    " + x for x in st]
    L.append("    return VMBP_OK;")
    L.append("}")
    L.append("")
    L += doc_block("\n".join([
        "Field descriptors of the %s overlay (message offsets; host offsets into" % o.name,
        "`struct %s`)." % D.name, "@param n receives the number of entries (may be NULL)",
        "@return a static table"]))
    L.append("VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_offer_%s_fields(size_t *n)"
             % o.name)
    L.append("{")
    L.append("    if (n)")
    L.append("        *n = sizeof(vmbp_priv_fields_overlay_%s) / sizeof(vmbp_priv_fields_overlay_%s[0]);"
             % (o.name, o.name))
    L.append("    return vmbp_priv_fields_overlay_%s;" % o.name)
    L.append("}")
    return L


def gen_codec(model, fam):
    types = model.family_types(fam)
    variants = [v for t in types for v in t.variants]
    L = ["/** @cond VMBP_INTERNAL */"]
    L += gen_fields_fn(model, fam, variants)
    L.append("")
    ASSERTS.clear()
    bodies = []
    for t in types:
        bodies += gen_type_body(model, t) + [""]
    overlays = [x for o in model.overlays if o.family == fam for x in [""] + gen_overlay(model, o)]
    seen = set()
    for name, value in ASSERTS:
        if name in seen:
            continue
        seen.add(name)
        tag = re.sub(r"\W+", "_", name.replace("(uint32_t)", "")).strip("_").lower()
        L.append("VMBP_STATIC_ASSERT((%s) == %s, vmbp_msg_%s_table_%s);" % (name, uconst(value),
                                                                         fam, tag))
    if seen:
        L.append("")
    L += bodies
    for t in types:
        L += gen_type_decode(model, t) + [""]
    L.append("/** @endcond */")
    L.append("")
    for codec, ctypes in model.codecs:
        if ctypes[0].family != fam:
            continue
        L += gen_family_decoder(model, codec, ctypes) + [""]
        L += gen_encoder(model, codec, ctypes) + [""]
    # the family's field tables
    L += doc_block("\n".join([
        "Field descriptors of the %s family's variants (%s)." % (
            fam, ", ".join(v.name for v in variants)),
        "@param v variant", "@param n receives the number of entries (may be NULL)",
        "@return a static table, or NULL (and @p n untouched) for a variant of another family"]))
    L.append("VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_%s_fields(enum vmbp_msg_variant v, "
             "size_t *n)" % fam)
    L.append("{")
    L.append("    const struct vmbp_msg_field *tab;")
    L.append("    size_t count;")
    L.append("")
    L.append("    switch (v) {")
    for v in variants:
        L.append("    case VMBP_MSGV_%s:" % v.name)
        L.append("        tab = vmbp_priv_fields_%s;" % v.lower)
        L.append("        count = sizeof(vmbp_priv_fields_%s) / sizeof(vmbp_priv_fields_%s[0]);"
                 % (v.lower, v.lower))
        L.append("        break;")
    L.append("    default:")
    L.append("        return NULL;")
    L.append("    }")
    L.append("    if (n)")
    L.append("        *n = count;")
    L.append("    return tab;")
    L.append("}")
    L += overlays
    return L


# ---- msg_dispatch.h ---------------------------------------------------------------------------

def outlined(t):
    """Whether the dispatch calls the decoder of type @p t out of line: the types of more than
    50 bytes or with a word list, whose decoders need more registers than the others (inline,
    gcc or clang would save registers on every message's path)."""
    return any(v.size > 50 or any(f.kind == "words" for f in v.fields) for v in t.variants)


def shared_bodies(model, heavy):
    """The groups of types (two or more) whose decoders in the dispatch can be one: one variant
    chosen by version and features only, the same decoded members and the same body text but
    for their names, and the same features (the version may differ: the dispatch compares it
    with the type's row of vmbp_priv_msg_shared). Returns lists of types, lowest version first
    (that type's decoder is the group's), then in type order."""
    keys = {}
    for t in model.types:
        if t in heavy or len(t.variants) != 1 or t.content or t.variants[0].select != "version":
            continue
        body = gen_type_body(model, t)
        text = "\n".join(body[body.index("{"):])
        w = t.variants[0].wire
        names = [t.name, t.variants[0].name, t.decoded.name, w.name]
        names += [m.name for m in w.members] + [m["name"] for m in t.decoded.members]
        for i, n in enumerate(dict.fromkeys(names)):
            text = re.sub(r"\b%s\b" % re.escape(n), "@%d" % i, text)
        if t.decoded.name == "vmbp_msg_empty":
            text = "empty"
        # the same code on the same layouts: wire members and decoded members alike
        layout = (tuple((m.offset, m.type) for m in w.members),
                  tuple(m["type"] for m in t.decoded.members))
        keys.setdefault((text, layout, tuple(gate_of(t)[1])), []).append(t)
    return [sorted(g, key=lambda t: (version_value(gate_of(t)[0] or "any"), t.number))
            for g in keys.values() if len(g) > 1]


def gen_dispatch(model):
    L = []
    members = []
    for codec, ctypes in model.codecs:
        t = ctypes[0]
        members.append((t.decoded.name, t.member,
                        " / ".join(x.name for x in ctypes) if len(ctypes) < 3
                        else "the %d header-only types" % len(ctypes)))
    L += doc_block("The decoded form of every message type; which member is valid follows @c type.")
    L.append("union vmbp_msg_body {")
    for d, m, doc in members:
        L.append("    struct %s %s; /**< %s */" % (d, m, doc))
    L.append("};")
    L.append("")
    L += doc_block("""Any decoded message. The field descriptors' host offsets are offsets into @c u
(every member starts at its beginning).""")
    L.append("struct vmbp_msg {")
    L.append("    uint32_t type;                 /**< message type */")
    L.append("    enum vmbp_msg_variant variant; /**< variant; for multi-variant types equal to the member's */")
    L.append("    union vmbp_msg_body u;         /**< the decoded fields */")
    L.append("};")
    L.append("")
    L += doc_block("""The decoder of every type: `X(type, decode, encode, decoded struct tag, member of
union vmbp_msg_body, "family")`, in type order, for code that handles every type (the
benchmarks, the fuzz targets, the proof). The header-only types have a decoder each
(vmbp_msg_empty_decode() takes any of them) and share vmbp_msg_empty_encode().""")
    L.append("#define VMBP_MSG_CODEC_LIST(X) \\")
    rows = ['X(VMBP_MSG_%s, %s, vmbp_msg_%s_encode, %s, %s, "%s")' % (
        t.name, decoder_name(t), t.codec, t.decoded.name, t.member, t.family)
        for t in model.types]
    L += ["    %s \\" % r for r in rows[:-1]] + ["    " + rows[-1]]
    L.append("")
    L.append("/** @brief The user-data overlays of an offer (vmbp_msg_offer_overlay_fault()). */")
    L.append("enum vmbp_msg_overlay {")
    for i, o in enumerate(model.overlays):
        L.append("    VMBP_MSG_OVERLAY_%s = %d, /**< vmbp_msg_offer_%s_get() */" % (
            o.name.upper(), i + 1, o.name))
    L.append("    /** One past the last overlay. */")
    L.append("    VMBP_MSG_OVERLAY_COUNT = %d" % (len(model.overlays) + 1))
    L.append("};")
    L.append("")
    L.append("/** @cond VMBP_INTERNAL */")
    # the check table
    L.append("/* Every check of every variant and overlay, in decoder order; a variant's are a slice */")
    L.append("static const struct vmbp_msg_check vmbp_priv_msg_checks[] = {")
    for lay in model.variant_list + model.overlays:
        fields = ([None, None] if isinstance(lay, Variant) else []) + lay.fields
        L.append("    /* %s */" % (lay.name if isinstance(lay, Variant) else "overlay " + lay.name))
        for c in lay.checks:
            for (f, st, rule, allowed) in c.rows():
                idx = fields.index(f)
                kind = CHECK_KINDS[c.kind]
                mn = mx = msk = 0
                feat = "0u"
                vals = [0, 0, 0, 0]
                nv = 0
                if c.kind == "range":
                    mn, mx = c.d["min"], c.d["max"]
                elif c.kind == "zero":
                    msk = f.mask or (TYPE_MAX[f.scalar] if f.scalar else 0)
                elif c.kind == "needs_feature":
                    msk = c.d["mask"]
                    feat = "(uint32_t)VMBP_FEATURE_%s" % c.d["feature"]
                elif c.kind == "one_of":
                    nv = len(c.d["values"])
                    vals[:nv] = c.d["values"]
                when = cstr(c.when_text()) if c.when else "NULL"
                L.append("    {%s, %s, %s, %s, (uint16_t)VMBP_E_%s, (uint8_t)VMBP_MSG_CHECK_%s, %du, "
                         "%s, %s, %s, %s, {%s}, %du}," % (
                             cstr(f.name), cstr(rule), cstr(allowed), when, st, kind, idx, feat,
                             uconst(mn), uconst(mx), uconst(msk),
                             ", ".join(uconst(x) for x in vals), nv))
    L.append("};")
    L.append("")
    L.append("/* The rows of a variant's checks in the order its type's decoder names them, where it")
    L.append(" * decodes several variants and they differ (255: a check the variant does not make). */")
    for v in model.variant_list:
        if v.row_map != list(range(len(v.row_map))):
            L.append("static const uint8_t vmbp_priv_msg_rows_%s[] = {%s};" % (
                v.lower, ", ".join("%du" % x for x in v.row_map)))
    L.append("")
    L.append("/* Where the field and check tables of each variant (index) and overlay are. */")
    L.append("struct vmbp_priv_msg_layout {")
    L.append("    const struct vmbp_msg_field *fields;")
    L.append("    uint16_t nfields;")
    L.append("    uint16_t first_check;")
    L.append("    uint16_t nchecks;")
    L.append("    const uint8_t *rows; /* the decoder's row -> the variant's, NULL: the same */")
    L.append("};")
    L.append("static const struct vmbp_priv_msg_layout vmbp_priv_msg_layouts[] = {")
    L.append("    {NULL, 0, 0, 0, NULL},")
    for v in model.variant_list:
        rows = ("vmbp_priv_msg_rows_%s" % v.lower
                if v.row_map != list(range(len(v.row_map))) else "NULL")
        L.append("    {vmbp_priv_fields_%s, %d, %d, %d, %s}," % (v.lower, len(v.fields) + 2,
                                                              v.first_check, v.nchecks, rows))
    L.append("};")
    L.append("static const struct vmbp_priv_msg_layout vmbp_priv_msg_overlays[] = {")
    L.append("    {NULL, 0, 0, 0, NULL},")
    for o in model.overlays:
        L.append("    {vmbp_priv_fields_overlay_%s, %d, %d, %d, NULL}," % (
            o.name, len(o.fields), o.first_check, o.nchecks))
    L.append("};")
    L.append("VMBP_STATIC_ASSERT(sizeof(vmbp_priv_msg_layouts) / sizeof(vmbp_priv_msg_layouts[0]) =="
             " VMBP_MSGV_COUNT, vmbp_msg_layouts_count);")
    L.append("VMBP_STATIC_ASSERT(sizeof(vmbp_priv_msg_overlays) / sizeof(vmbp_priv_msg_overlays[0]) =="
             " VMBP_MSG_OVERLAY_COUNT, vmbp_msg_overlays_count);")
    L.append("")
    heavy = [t for t in model.types if outlined(t)]
    L.append("/* The decoders of the types with the most to do, into any message (out, not NULL,")
    L.append(" * written on success only), without a fault report: out of line, so that their")
    L.append(" * registers do not weigh on the dispatch of the others. */")
    for t in heavy:
        L.append("VMBP_OUTLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_any_%s("
                 "const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, struct vmbp_msg *out)"
                 % t.lower)
        L.append("{")
        L.append("    enum vmbp_msg_variant v = VMBP_MSGV_NONE;")
        L.append("    enum vmbp_status st = vmbp_priv_msg_decode_%s(p, len, ctx, &out->u.%s, NULL, &v);"
                 % (t.lower, t.member))
        L.append("")
        L.append("    if (st == VMBP_OK) {")
        L.append("        out->type = VMBP_MSG_%s;" % t.name)
        L.append("        out->variant = v;")
        L.append("    }")
        L.append("    return st;")
        L.append("}")
        L.append("")
    groups = shared_bodies(model, heavy)
    shared = {t.name: g for g in groups for t in g}
    L.append("/* Per type (the index) that shares its decoder in the dispatch with types of the same")
    L.append(" * wire shape, checks and features: the lowest version it needs (VMBP-MSG-007, as in")
    L.append(" * its vmbp_priv_msg_select_<type>(); 0: any) and its variant. */")
    L.append("struct vmbp_priv_msg_shared {")
    L.append("    uint32_t version;")
    L.append("    uint32_t variant;")
    L.append("};")
    L.append("static const struct vmbp_priv_msg_shared vmbp_priv_msg_shared[VMBP_MSG_TYPE_MAX + 1] = {")
    by_number = {t.number: t for t in model.types}
    for n in range(max(by_number) + 1):
        t = by_number.get(n)
        if t is not None and t.name in shared:
            ver = gate_of(t)[0]
            L.append("    {%s, VMBP_MSGV_%s}, /* %s */" % (
                "(uint32_t)" + version_const(ver) if ver else "0u", t.variants[0].name, t.name))
        else:
            L.append("    {0u, 0u}, /* %s */" % (t.name if t is not None else "no type"))
    L.append("};")
    L.append("")
    L.append("/* The decoder of a framed message of a known type into any message (out not NULL,")
    L.append(" * written on success only), without a fault report. The types of one wire shape,")
    L.append(" * the same checks and features share the decoder of the one that needs the lowest")
    L.append(" * version, after their own version test (vmbp_priv_msg_shared). */")
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_decode_known(uint32_t type, "
             "const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, struct vmbp_msg *out)")
    L.append("{")
    L.append("    enum vmbp_msg_variant v = VMBP_MSGV_NONE;")
    L.append("    enum vmbp_status st;")
    L.append("")
    L.append("    switch (type) {")
    done = set()
    order = []
    for t in model.types:
        if t.name in shared:
            if t.name in done:
                continue
            order.append(shared[t.name])
            done |= {x.name for x in shared[t.name]}
        else:
            order.append([t])
    # the default on a type of its own: a shared case indexes vmbp_priv_msg_shared by type
    last_own = [g for g in order if len(g) == 1][-1]
    for g in order:
        t = g[0]
        for x in g:
            L.append("    case VMBP_MSG_%s:" % x.name)
        if g is last_own:
            L.append("    default: /* vmbp_priv_msg_frame() admits the known types only */")
        if t in heavy:
            L.append("        return vmbp_priv_msg_any_%s(p, len, ctx, out);" % t.lower)
        elif len(g) > 1:
            if len({gate_of(x)[0] for x in g}) > 1:
                L.append("        if (ctx->version < vmbp_priv_msg_shared[type].version) {")
                L.append("            st = VMBP_E_VERSION;")
                L.append("            break;")
                L.append("        }")
            if t.decoded.name == "vmbp_msg_empty":
                L.append("        st = vmbp_priv_msg_select_%s(p, len, ctx, &v);" % t.lower)
                L.append("        if (st == VMBP_OK)")
                L.append("            out->u.%s.type = type;" % t.member)
            else:
                L.append("        st = vmbp_priv_msg_decode_%s(p, len, ctx, &out->u.%s, NULL, &v);"
                         % (t.lower, t.member))
            L.append("        v = (enum vmbp_msg_variant)vmbp_priv_msg_shared[type].variant;")
            L.append("        break;")
        else:
            L.append("        st = vmbp_priv_msg_decode_%s(p, len, ctx, &out->u.%s, NULL, &v);"
                     % (t.lower, t.member))
            L.append("        break;")
    L.append("    }")
    L.append("    if (st == VMBP_OK) {")
    L.append("        out->type = type;")
    L.append("        out->variant = v;")
    L.append("    }")
    L.append("    return st;")
    L.append("}")
    L.append("")
    L.append("/* The decoder of a framed message of a known type, with a fault report (fault may be")
    L.append(" * NULL); out (may be NULL) its union, converted to the type's member (every member")
    L.append(" * starts at the union's address, and NULL stays NULL). */")
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_decode_type(uint32_t type, "
             "const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, union vmbp_msg_body *out, "
             "struct vmbp_msg_fault *fault, enum vmbp_msg_variant *variant)")
    L.append("{")
    L.append("    switch (type) {")
    for t in model.types:
        L.append("    case VMBP_MSG_%s:" % t.name)
        L.append("        return vmbp_priv_msg_decode_%s(p, len, ctx, (struct %s *)(void *)out, fault, "
                 "variant);" % (t.lower, t.decoded.name))
    L.append("    default:")
    L.append("        return VMBP_E_UNKNOWN_TYPE;")
    L.append("    }")
    L.append("}")
    L.append("")
    L.append("/* The decoder of one variant, without framing or gating. */")
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_decode_as(enum vmbp_msg_variant v, "
             "const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, union vmbp_msg_body *out, "
             "struct vmbp_msg_fault *fault)")
    L.append("{")
    L.append("    switch (v) {")
    for v in model.variant_list:
        L.append("    case VMBP_MSGV_%s:" % v.name)
        L.append("        return vmbp_priv_msg_body_%s(p, len, ctx, VMBP_MSGV_%s, out ? &out->%s : "
                 "NULL, fault);" % (v.type.lower, v.name, v.type.member))
    L.append("    default:")
    L.append("        return VMBP_E_INVAL;")
    L.append("    }")
    L.append("}")
    L.append("")
    L.append("/* The encoder of any type; the variant is checked against the member's. */")
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_encode_type(const struct vmbp_msg *in, "
             "void *buf, size_t cap, size_t *len)")
    L.append("{")
    L.append("    switch (in->type) {")
    for codec, ctypes in model.codecs:
        t0 = ctypes[0]
        for t in ctypes:
            L.append("    case VMBP_MSG_%s:" % t.name)
        if codec == "empty":
            L.append("    {")
            L.append("        struct vmbp_msg_empty e; /* the type comes from the message */")
            L.append("")
            L.append("        e.type = in->type;")
            L.append("        return vmbp_msg_empty_encode(&e, buf, cap, len);")
            L.append("    }")
            continue
        if t0.has_variant_member():
            L.append("        if (in->u.%s.variant != in->variant)" % t0.member)
            L.append("            return VMBP_E_INVAL;")
        L.append("        return vmbp_msg_%s_encode(&in->u.%s, buf, cap, len);" % (codec, t0.member))
    L.append("    default:")
    L.append("        return VMBP_E_INVAL;")
    L.append("    }")
    L.append("}")
    L.append("")
    L.append("/* The overlay reader of an offer. */")
    L.append("VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_overlay_check("
             "const struct vmbp_offer *offer, enum vmbp_msg_overlay which, struct vmbp_msg_fault *fault)")
    L.append("{")
    L.append("    switch (which) {")
    for o in model.overlays:
        L.append("    case VMBP_MSG_OVERLAY_%s:" % o.name.upper())
        if o is model.overlays[-1]:
            L.append("    default: /* the public call admits the known overlays only */")
        L.append("        return vmbp_priv_msg_offer_%s_get(offer, NULL, fault);" % o.name)
    L.append("    }")
    L.append("}")
    L.append("/** @endcond */")
    return L


# ---- fuzz dictionary ------------------------------------------------------------------------

def c_list(src, header, macro):
    """The rows of an X-macro list of a header: [[arg, ...], ...]."""
    text = open(os.path.join(src, "include", "vmbus_proto", header), encoding="utf-8").read()
    m = re.search(r"#define %s\(X\)(.*?)\n\n" % macro, text, re.S)
    if not m:
        fail("%s: no %s" % (header, macro))
    body = m.group(1).replace("\\\n", " ")
    return [[a.strip() for a in re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", row)]
            for row in re.findall(r"X\((.*?)\)\s*(?=X\(|$)", body.strip())]


def after(name, prefix):
    """An enumerator of a list's row without its prefix: after("VMBP_VERSION_5_0", ...) = 5_0."""
    if not name.startswith(prefix):
        fail("%s: not a %s* enumerator" % (name, prefix))
    return name[len(prefix):]


def le_bytes(value, n):
    return "".join("\\x%02x" % ((value >> (8 * i)) & 0xFF) for i in range(n))


def gen_dict(model, src):
    L = ["# SPDX-License-Identifier: MIT",
         "# Dictionary of fuzz_msg: channel message types, versions, flags and sizes.",
         "# Generated by gen/msggen.py from gen/msg.toml, version.h and features.h: edit those.",
         "",
         "# message types 1..%d, u32 at offset 0 (spec/msg.md VMBP-MSG-001, VMBP-MSG-004)"
         % len(model.types)]
    for t in model.types:
        L.append('type_%s="%s"' % (t.lower, le_bytes(t.number, 4)))
    L += ["", "# protocol versions, u32 major << 16 | minor (spec/version.md; INITIATE_CONTACT "
          "offset 8, VMBP-MSG-007)"]
    for row in c_list(src, "version.h", "VMBP_VERSION_LIST"):
        L.append('version_%s="%s"' % (after(row[0], "VMBP_VERSION_"),
                                       le_bytes((int(row[1]) << 16) | int(row[2]), 4)))
    L += ["", "# feature flags, u32 (spec/features.md; INITIATE_CONTACT offset 20, "
          "VERSION_RESPONSE)"]
    for row in c_list(src, "features.h", "VMBP_FEATURE_LIST"):
        L.append('feature_%s="%s"' % (after(row[0], "VMBP_FEATURE_").lower(),
                                       le_bytes(int(row[1].rstrip("u"), 0), 4)))
    L += ["", "# offer flags, u16 (spec/features.md, spec/msg_offer.md)"]
    for row in c_list(src, "features.h", "VMBP_OFFER_FLAG_LIST"):
        L.append('offer_%s="%s"' % (after(row[0], "VMBP_OFFER_FLAG_").lower(),
                                     le_bytes(int(row[1].rstrip("u"), 0), 2)))
    sizes = sorted({v.size for v in model.variant_list if v.size > 8} | {240})
    L += ["", "# variant sizes, as lengths and range_buflen (spec/msg.md VMBP-MSG-003), and the "
          "240-byte maximum"]
    for n in sizes:
        L.append('size_%d="%s"' % (n, le_bytes(n, 2)))
    L += ["", "# channel IDs: first and last valid, first invalid (spec/msg.md VMBP-MSG-009)",
          'relid_1="%s"' % le_bytes(1, 4), 'relid_2047="%s"' % le_bytes(2047, 4),
          'relid_2048="%s"' % le_bytes(2048, 4),
          "", "# the values the checks of the table compare with (gen/msg.toml)"]
    seen = set()
    for lay in model.variant_list + model.overlays:
        for c in lay.checks:
            if c.kind not in ("range", "one_of"):
                continue
            f = c.field
            n = SCALAR.get(f.scalar, 4) if f.scalar else 4
            vals = ([c.d["max"], c.d["max"] + 1] if c.kind == "range" else c.d["values"])
            for v in vals:
                if v >= 1 << (8 * n) or (n, v) in seen or v in (2047, 2048):
                    continue
                seen.add((n, v))
                L.append('check_%d_%s="%s"' % (n * 8, ("%x" % v), le_bytes(v, n)))
    L += ["", "# input header: version index 0 (none), 10 (5.3) and 11 (6.0) (fuzz_format.h)",
          'vsel_none="\\x00"', 'vsel_5_3="\\x0a"', 'vsel_6_0="\\x0b"']
    return L


# ---- regions and files ------------------------------------------------------------------------

BEGIN = "/* @generated begin %s: gen/msggen.py from gen/msg.toml; edit the table, not this block */"
END = "/* @generated end %s */"


def wrap_comments(lines, width=96):
    """Wrap every comment line longer than @p width (clang-format leaves comments alone)."""
    out = []
    for ln in "\n".join(lines).split("\n"):
        m = re.match(r"^(\s*)/\* (.*) \*/$", ln)
        if len(ln) <= width or not m or "*/" in m.group(2):
            out.append(ln)
            continue
        ind = m.group(1)
        words = textwrap.wrap(m.group(2), width - len(ind) - 3, break_on_hyphens=False,
                              break_long_words=False)
        out.append(ind + "/* " + words[0])
        out += [ind + " * " + x for x in words[1:]]
        out[-1] += " */"
    return out


def splice(text, name, lines, path):
    lines = wrap_comments(lines)
    b, e = BEGIN % name, END % name
    i, j = text.find(b), text.find(e)
    if i < 0 or j < 0 or j < i:
        fail("%s: no region %s" % (path, name))
    return text[:i + len(b)] + "\n" + "\n".join(lines) + "\n" + text[j:]


def clang_format(path, text, src):
    cf = None
    for name in ("clang-format-14", "clang-format"):
        try:
            out = subprocess.run([name, "--version"], capture_output=True, text=True)
        except FileNotFoundError:
            continue
        if "version 14." in out.stdout:
            cf = name
            break
    if not cf:
        fail("clang-format 14 is needed (Debian 12: apt-get install clang-format)")
    r = subprocess.run([cf, "--style=file:%s" % os.path.join(src, ".clang-format"),
                        "--assume-filename=%s" % path], input=text, capture_output=True, text=True)
    if r.returncode != 0:
        fail("clang-format failed on %s: %s" % (path, r.stderr))
    return r.stdout


def outputs(model, src):
    """{relative path: new text} of every generated file."""
    inc = "include/vmbus_proto/"
    files = {}

    def region(path, name, lines):
        full = os.path.join(src, path)
        text = files.get(path) or open(full, encoding="utf-8").read()
        files[path] = splice(text, name, lines, path)

    region(inc + "msg.h", "types", gen_msg_types(model))
    region(inc + "msg.h", "records", gen_msg_records(model))
    region(inc + "msg.h", "select", gen_msg_select(model))
    for w in model.wires.values():
        pass
    region(inc + "msg.h", "wires", [x for w in model.wires.values() if w.family == "msg"
                                    for x in gen_wire(w) + [""]][:-1])
    for fam in FAMILIES:
        region(inc + "msg_%s.h" % fam, "structs", gen_structs(model, fam))
        region(inc + "msg_%s.h" % fam, "codec", gen_codec(model, fam))
    region(inc + "msg_dispatch.h", "dispatch", gen_dispatch(model))
    for path in list(files):
        files[path] = clang_format(path, files[path], src)
    files["fuzz/fuzz_msg.dict"] = "\n".join(gen_dict(model, src)) + "\n"
    return files


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2
    src = argv[1]
    check = "--check" in argv[2:]
    try:
        model = Model(tomllib.load(open(os.path.join(src, "gen", "msg.toml"), "rb")))
        files = outputs(model, src)
    except (TableError, KeyError) as e:
        print("gen/msg.toml: %s" % e)
        return 2
    stale = []
    for path, text in sorted(files.items()):
        full = os.path.join(src, path)
        old = open(full, encoding="utf-8").read() if os.path.exists(full) else ""
        if old == text:
            continue
        stale.append(path)
        if not check:
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
    if check:
        for path in stale:
            print("stale: %s (regenerate: python3 gen/msggen.py .)" % path)
        print("generated files: %d, stale: %d" % (len(files), len(stale)))
        return 1 if stale else 0
    print("generated files: %d, rewritten: %s" % (len(files), " ".join(stale) or "none"))
    return 0



# ---- one decoder per type, its variants merged --------------------------------------------

def vguard(vs, allv):
    """The condition that the variant is one of @p vs (None: every variant of the type)."""
    names = [v.name for v in vs]
    if len(vs) == len(allv):
        return None
    others = [v.name for v in allv if v.name not in names]
    if len(others) < len(names):
        return " && ".join("v != VMBP_MSGV_%s" % n for n in others)
    return " || ".join("v == VMBP_MSGV_%s" % n for n in names)


def pick(vs, allv, values, keys=None):
    """An expression of the per-variant @p values: one value, or a chain of conditionals.
    Variants whose @p keys are equal share the value of the first of them."""
    keys = keys or values
    groups = []
    for v, val, k in zip(vs, values, keys):
        for g in groups:
            if g[0] == k:
                g[2].append(v)
                break
        else:
            groups.append([k, val, [v]])
    if len(groups) == 1:
        return groups[0][1]
    expr = groups[-1][1]
    for k, val, gvs in reversed(groups[:-1]):
        expr = "%s ? %s : %s" % (vguard(gvs, vs), val, expr)
    return "(%s)" % expr


def check_key(c):
    import json
    return json.dumps(c.d, sort_keys=True) + "|" + ",".join(f.member.name for f in c.fields())


def merged_checks(vs):
    """The checks of the variants in one order that keeps each variant's own order:
    [(check of the first variant that has it, {variant name: check})]."""
    merged = []
    for v in vs:
        pos = -1
        for c in v.checks:
            k = check_key(c)
            j = next((i for i, (key, _, _) in enumerate(merged) if key == k), None)
            if j is None or j <= pos:
                merged.insert(pos + 1, (k, c, {}))
                j = pos + 1
            merged[j][2][v.name] = c
            pos = j
    return [(c, per) for _, c, per in merged]


def gen_type_body(model, t):
    D = t.decoded
    vs = t.variants
    bodies = {v.name: Body(v, D) for v in vs}
    name = "vmbp_priv_msg_body_%s" % t.lower
    L = ["/* %s: the decoder of its variant%s: the variant's own length bound, the checks in"
         % (t.name, "s" if len(vs) > 1 else ""),
         " * order, then the decoded struct, written only when every check passed. */",
         "VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status %s(const uint8_t *p, size_t len, "
         "const struct vmbp_ctx *ctx, enum vmbp_msg_variant v, struct %s *out, "
         "struct vmbp_msg_fault *fault)" % (name, D.name),
         "{"]
    decl, code = [], []
    # values the checks need, loaded before them
    early = []
    for v in vs:
        for m in bodies[v.name].early:
            if m.name not in [x[0] for x in early]:
                early.append((m.name, m, bodies[v.name].member_type(m)))
    for mname, m, mt in early:
        have = [v for v in vs if any(x.name == mname for x in bodies[v.name].early)]
        decl.append("%s %s%s;" % (CTYPE[mt], mname, "" if len(have) == len(vs) else " = 0"))
    words = bodies[vs[0].name].words
    wlocal = bodies[vs[0].name].words_local
    if words:
        if wlocal:
            decl.append("uint64_t words[%s];" % words.words_max)
        decl.append("uint32_t nwords;")
        decl.append("size_t i, n;")
    hooks = any(c.kind == "hook" for v in vs for c in v.checks)
    if hooks:
        decl.append("enum vmbp_status st;")
    if any(c.kind == "hook" and c.index for v in vs for c in v.checks):
        decl.append("uint32_t at = 0;")
    code.append("if (len < %s)" % pick(vs, vs, [field_end_expr(v) for v in vs],
                                        [v.size for v in vs]))
    code.append("    return VMBP_E_TRUNCATED;")
    for mname, m, mt in early:
        have = [v for v in vs if any(x.name == mname for x in bodies[v.name].early)]
        ms = [next(x for x in bodies[v.name].early if x.name == mname) for v in have]
        loads = [bodies[v.name].load(x) for v, x in zip(have, ms)]
        g = vguard(have, vs)
        val = pick(have, have, loads, [(x.offset, x.type) for x in ms])
        code.append(("%s = %s;" % (mname, val)) if g is None else
                    "if (%s)\n    %s = %s;" % (g, mname, val))
    if words:
        w0 = vs[0].wire
        code.append("n = (len - sizeof(struct %s)) / 8u;" % w0.name)
        if words.words_limit:
            code.append("if (n > (size_t)(%s / 8u))" % words.words_limit)
            code.append("    n = (size_t)(%s / 8u);" % words.words_limit)
        # a conditional expression, not an if: GCC would copy the stores that follow onto
        # the path that clamps (the zero fill of the words: 100 bytes more per decoder)
        code.append("/* the constant bound last: every reader sees n <= it */")
        code.append("n = n < %s ? n : %s;" % (words.words_max, words.words_max))
        code.append("nwords = (uint32_t)n;")
        if wlocal:
            code.append("VMBP_MEMSET(words, 0, sizeof(words));")
            code.append("for (i = 0; i < n; i++)")
            code.append("    words[i] = vmbp_load_le64(p + sizeof(struct %s) + 8u * i);" % w0.name)
    merged = merged_checks(vs)
    # the decoder names a check by its row among the type's merged rows; per variant, the map
    # from those rows to the variant's own (vmbp_priv_msg_fault_resolve())
    mrow = 0
    for c, per in merged:
        c.mrows = list(range(mrow, mrow + len(c.rows())))
        mrow += len(c.rows())
    for v in vs:
        local = {}
        k = 0
        for c in v.checks:
            for j in range(len(c.rows())):
                local[check_key(c) + "#%d" % j] = k
                k += 1
        v.row_map = []
        for c, per in merged:
            for j in range(len(c.rows())):
                v.row_map.append(local.get(check_key(c) + "#%d" % j, 255))
    for c, per in merged:
        have = [v for v in vs if v.name in per]
        g = vguard(have, vs)
        lines, _ = gen_checks_one(bodies[have[0].name], c, [per[v.name] for v in have], have)
        if g:
            # the guard goes in front of the first condition
            lines[0] = lines[0].replace("if (", "if ((%s) && " % g, 1) if lines[0].startswith(
                "if (") else lines[0]
            if not lines[0].startswith("if ((") :
                lines = ["if (%s) {" % g] + ["    " + x for x in lines] + ["}"]
        code += lines
    # stores
    st = []
    for dm in D.members:
        mname = dm["name"]
        if dm["type"] == "variant":
            st.append("out->variant = v;")
            continue
        if mname == "type" and D.name == "vmbp_msg_empty":
            st.append("out->type = VMBP_MSG_%s;" % t.name)
            continue
        groups = []
        for v in vs:
            b = bodies[v.name]
            text = "\n".join(gen_store_member(b, dm))
            key = re.sub(r"offsetof\(struct \w+, (\w+)\)", lambda mm: str(
                b.w.by_name[mm.group(1)].offset if mm.group(1) in b.w.by_name else mm.group(0)),
                text)
            for g in groups:
                if g[0] == key:
                    g[2].append(v)
                    break
            else:
                groups.append([key, text, [v]])
        groups = [(text, gvs) for key, text, gvs in groups]
        if len(groups) == 1:
            st += groups[0][0].split("\n")
        else:
            first = True
            for i, (text, gvs) in enumerate(groups):
                if i == len(groups) - 1:
                    st.append("} else {")
                else:
                    st.append("%s (%s) {" % ("if" if first else "} else if",
                                             vguard(gvs, vs)))
                first = False
                st += ["    " + x for x in text.split("\n")]
            st.append("}")
    if st:
        code.append("if (out) {")
        code += ["    " + x for x in "\n".join(st).split("\n")]
        code.append("}")
    code.append("return VMBP_OK;")
    code = "\n".join(code).split("\n")
    pre = unused(code, ["p", "ctx", "v", "out", "fault"])
    if decl:
        decl.append("")
    L += ["    " + x if x else "" for x in decl + pre + code]
    L.append("}")
    return L


def gen_checks_one(body, c, cs, vs):
    """The code of one merged check (@p cs: the check of each of the variants @p vs)."""
    saved, saved_ids = body.layout.checks, c.ids
    body.layout.checks = [c]
    c.ids = c.mrows
    try:
        lines, hook = gen_checks(body)
    finally:
        body.layout.checks, c.ids = saved, saved_ids
    # The id is the check's in the first variant that makes it: the fault report finds the
    # same check among the actual variant's (vmbp_priv_msg_fault_resolve()).
    return lines, hook


def zero_words(words_max, n):
    """Zero out->words (@p n words, the message's room after the fixed part) in pieces of at
    most 64 bytes: compilers expand those inline, while GCC fills a larger block with rep stos,
    slow to start."""
    L = ["/* in pieces of at most 64 bytes, which every compiler writes inline */"]
    for i in range(0, n, 8):
        size = "64u" if i + 8 <= n else "8u * (%s - %du)" % (words_max, i)
        L.append("VMBP_MEMSET(&out->words[%d], 0, %s);" % (i, size))
    return L


def gen_store_member(body, dm):
    """The store of decoded member @p dm for one variant (a zero when it lacks it)."""
    lay, w, p = body.layout, body.w, body.p
    name = dm["name"]
    early = {m.name for m in body.early}
    if body.words and name == "nwords":
        return ["out->nwords = nwords;"]
    if body.words and name == "words":
        if body.words_local:
            return ["VMBP_MEMCPY(out->words, words, sizeof(out->words));"]
        return zero_words(body.words.words_max, (MSG_MAX_SIZE - w.size) // 8) + [
            "VMBP_PRIV_PLAIN_LOOP",
            "for (i = 0; i < n; i++)",
            "    out->words[i] = vmbp_load_le64(p + sizeof(struct %s) + 8u * i);" % w.name]
    f = next((x for x in lay.fields if x.host == name), None)
    if f is None:
        if dm["type"] == "guid" or "[" in dm["type"]:
            return ["VMBP_MEMSET(&out->%s, 0, sizeof(out->%s));" % (name, name)]
        return ["out->%s = 0;" % name]
    m = f.member
    src = "%s + %s" % (p, off(w, m))
    if f.kind == "guid":
        st = ["VMBP_MEMCPY(out->%s.bytes, %s, 16);" % (name, src)]
        zero = ["VMBP_MEMSET(&out->%s, 0, sizeof(out->%s));" % (name, name)]
    elif f.kind == "bytes":
        st = ["VMBP_MEMCPY(out->%s, %s, %du);" % (name, src, m.size)]
        zero = ["VMBP_MEMSET(out->%s, 0, %du);" % (name, m.size)]
    else:
        val = m.name if m.name in early else body.load(m)
        if f.decode_masked:
            val = "(%s)(%s & %s)" % (CTYPE[f.scalar], val, uconst(f.mask))
        st = ["out->%s = %s;" % (name, val)]
        zero = ["out->%s = 0;" % name]
    if f.when:
        return ["if (%s) {" % cond_of(body, f.when)] + ["    " + x for x in st] + \
            ["} else {"] + ["    " + x for x in zero] + ["}"]
    return st


if __name__ == "__main__":
    sys.exit(main(sys.argv))
