/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect schema: the protocol as data, from the library's own tables (VMBP_MSG_TABLE()
 * through vmbp_msg_type_lookup() and vmbp_msg_variant_lookup(), the field tables of
 * vmbp_msg_fields(), VMBP_VERSION_LIST, VMBP_FEATURE_LIST, VMBP_OFFER_FLAG_LIST,
 * VMBP_STATUS_LIST, the register descriptions of synic.h and hypercall.h, VMBP_PKT_TYPE_LIST)
 * and, where the library has a wire struct but no field table (the SynIC slot, the ring's
 * control page, the packet headers), from offsetof() and sizeof() of that struct.
 *
 * This file writes the JSON document (its JSON Schema: tests/inspect/schema.schema.json; a
 * test checks every offset and size in it against the structs); schema_md.c the Markdown
 * tables spec/ embeds.
 */
#include "schema.h"

#include <string.h>

#include <vmbus_proto/hypercall.h>
#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/packet.h>
#include <vmbus_proto/ring.h>
#include <vmbus_proto/synic.h>

#ifndef VMBPI_VERSION_STRING
#define VMBPI_VERSION_STRING "0.1.0"
#endif

/* The format of the JSON document; raised when a key changes meaning or goes away. */
#define VMBPI_SCHEMA_FORMAT 1

/* ---- the library's lists, expanded -------------------------------------------------- */

#define VMBPI_COUNT(...) +1u

#define VMBPI_X(e, maj, min, win, lnx, ovmm) {maj, min, win, lnx, ovmm},
const struct version_row vmbpi_versions[VMBP_VERSION_COUNT] = {VMBP_VERSION_LIST(VMBPI_X)};
#undef VMBPI_X

#define VMBPI_X(e, mask, ovmm, text) {&(#e)[sizeof("VMBP_FEATURE_") - 1], mask, ovmm, text},
const struct flag_row vmbpi_features[VMBPI_FEATURES] = {VMBP_FEATURE_LIST(VMBPI_X)};
#undef VMBPI_X
VMBP_STATIC_ASSERT(VMBPI_N(vmbpi_features) == VMBPI_FEATURES &&
                       (0u VMBP_FEATURE_LIST(VMBPI_COUNT)) == VMBPI_FEATURES,
                   vmbpi_features_all);
#define VMBPI_X(e, mask, text) {&(#e)[sizeof("VMBP_OFFER_FLAG_") - 1], mask, NULL, text},
static const struct flag_row offer_flags[] = {VMBP_OFFER_FLAG_LIST(VMBPI_X)};
#undef VMBPI_X

struct status_row {
    const char *name;
    unsigned value;
    const char *meaning;
};
#define VMBPI_X(e, value, text) {&(#e)[sizeof("VMBP_") - 1], value, text},
static const struct status_row statuses[] = {VMBP_STATUS_LIST(VMBPI_X)};
#undef VMBPI_X
#define VMBPI_X(e, value, text) {&(#e)[sizeof("VMBP_HV_STATUS_") - 1], value, text},
static const struct status_row hv_statuses[] = {VMBP_HV_STATUS_LIST(VMBPI_X)};
#undef VMBPI_X

#define VMBPI_X(e, text) {&(#e)[sizeof("VMBP_SYNIC_MSG_TYPE_") - 1], (e), text},
static const struct status_row synic_types[] = {VMBP_SYNIC_MSG_TYPE_LIST(VMBPI_X)};
#undef VMBPI_X

#define VMBPI_X(e) &(#e)[sizeof("VMBP_PKT_") - 1],
static const char *const pkt_types[] = {VMBP_PKT_TYPE_LIST(VMBPI_X)};
#undef VMBPI_X

/* ---- wire structs without a field table --------------------------------------------- */

struct layout_field {
    const char *name;
    size_t offset, size;
    const char *type; /* element type */
    size_t count;     /* elements, 1 for a scalar */
    const char *meaning;
};

struct layout {
    const char *name;
    size_t size;
    const struct layout_field *fields;
    size_t nfields;
};

#define VMBPI_F(W, m, type, count, meaning)                                                    \
    {                                                                                          \
#m, offsetof(struct W, m), sizeof(((struct W *)0)->m), type, count, meaning            \
    }

static const struct layout_field slot_fields[] = {
    VMBPI_F(vmbp_synic_message_wire, message_type, "u32", 1, "message type; 0 a free slot"),
    VMBPI_F(vmbp_synic_message_wire, payload_size, "u8", 1, "payload bytes, at most 240"),
    VMBPI_F(vmbp_synic_message_wire, message_flags, "u8", 1, "bit 0: message pending"),
    VMBPI_F(vmbp_synic_message_wire, rsvdz, "u8", 2, "reserved"),
    VMBPI_F(vmbp_synic_message_wire, sender, "u64", 1, "sender partition or port ID"),
    VMBPI_F(vmbp_synic_message_wire, payload, "u8", 240, "payload"),
};
static const struct layout_field control_fields[] = {
    VMBPI_F(vmbp_ring_control_wire, write_index, "u32", 1,
            "data offset of the next packet to write (writer)"),
    VMBPI_F(vmbp_ring_control_wire, read_index, "u32", 1,
            "data offset of the next packet to read (reader)"),
    VMBPI_F(vmbp_ring_control_wire, interrupt_mask, "u32", 1,
            "non-zero: do not signal the reader (reader)"),
    VMBPI_F(vmbp_ring_control_wire, pending_send_sz, "u32", 1,
            "free bytes the writer waits for, 0 none (writer)"),
    VMBPI_F(vmbp_ring_control_wire, rsvdz1, "u32", 12, "reserved"),
    VMBPI_F(vmbp_ring_control_wire, feature_bits, "u32", 1,
            "bit 0: the writer uses pending_send_sz (writer)"),
    VMBPI_F(vmbp_ring_control_wire, rsvdz2, "u32", 1007, "reserved to the end of the page"),
};
static const struct layout_field desc_fields[] = {
    VMBPI_F(vmbp_pkt_desc_wire, type, "u16", 1, "packet type"),
    VMBPI_F(vmbp_pkt_desc_wire, offset8, "u16", 1, "data offset in 8-byte units"),
    VMBPI_F(vmbp_pkt_desc_wire, len8, "u16", 1, "packet length in 8-byte units"),
    VMBPI_F(vmbp_pkt_desc_wire, flags, "u16", 1, "bit 0: completion requested"),
    VMBPI_F(vmbp_pkt_desc_wire, trans_id, "u64", 1, "transaction ID"),
};
static const struct layout_field trailer_fields[] = {
    VMBPI_F(vmbp_pkt_trailer_wire, rsvdz, "u32", 1, "zero"),
    VMBPI_F(vmbp_pkt_trailer_wire, start_offset, "u32", 1, "data offset of the packet"),
};
static const struct layout_field xfer_fields[] = {
    VMBPI_F(vmbp_pkt_xfer_wire, desc, "descriptor", 1, "packet descriptor, type 0x7"),
    VMBPI_F(vmbp_pkt_xfer_wire, xfer_pageset_id, "u16", 1, "transfer page set"),
    VMBPI_F(vmbp_pkt_xfer_wire, sender_owns_set, "u8", 1, "Linux; ignored"),
    VMBPI_F(vmbp_pkt_xfer_wire, rsvdz, "u8", 1, "reserved, ignored"),
    VMBPI_F(vmbp_pkt_xfer_wire, range_count, "u32", 1, "ranges that follow, at least 1"),
};
static const struct layout_field xfer_range_fields[] = {
    VMBPI_F(vmbp_pkt_xfer_range_wire, byte_count, "u32", 1, "bytes"),
    VMBPI_F(vmbp_pkt_xfer_range_wire, byte_offset, "u32", 1, "offset in the page set"),
};
static const struct layout_field gpa_direct_fields[] = {
    VMBPI_F(vmbp_pkt_gpa_direct_wire, desc, "descriptor", 1, "packet descriptor, type 0x9"),
    VMBPI_F(vmbp_pkt_gpa_direct_wire, rsvdz, "u32", 1, "reserved, ignored"),
    VMBPI_F(vmbp_pkt_gpa_direct_wire, range_count, "u32", 1, "ranges that follow, at least 1"),
};
static const struct layout_field pkt_gpa_range_fields[] = {
    VMBPI_F(vmbp_pkt_gpa_range_wire, byte_count, "u32", 1, "bytes"),
    VMBPI_F(vmbp_pkt_gpa_range_wire, byte_offset, "u32", 1, "offset into the first page"),
};
static const struct layout_field gpadl_range_fields[] = {
    VMBPI_F(vmbp_gpa_range_wire, byte_count, "u32", 1, "bytes, > 0"),
    VMBPI_F(vmbp_gpa_range_wire, byte_offset, "u32", 1, "offset into the first page, < 4096"),
};
#undef VMBPI_F

#define VMBPI_LAYOUT(name, W, tab)                                                             \
    {                                                                                          \
        name, sizeof(struct W), tab, VMBPI_N(tab)                                              \
    }
static const struct layout slot_layout =
    VMBPI_LAYOUT("synic_message_slot", vmbp_synic_message_wire, slot_fields);
static const struct layout ring_layouts[] = {
    VMBPI_LAYOUT("control_page", vmbp_ring_control_wire, control_fields),
    VMBPI_LAYOUT("packet_descriptor", vmbp_pkt_desc_wire, desc_fields),
    VMBPI_LAYOUT("packet_trailer", vmbp_pkt_trailer_wire, trailer_fields),
    VMBPI_LAYOUT("transfer_page_header", vmbp_pkt_xfer_wire, xfer_fields),
    VMBPI_LAYOUT("transfer_page_range", vmbp_pkt_xfer_range_wire, xfer_range_fields),
    VMBPI_LAYOUT("gpa_direct_header", vmbp_pkt_gpa_direct_wire, gpa_direct_fields),
    VMBPI_LAYOUT("gpa_range", vmbp_pkt_gpa_range_wire, pkt_gpa_range_fields),
};
static const struct layout gpadl_range_layout =
    VMBPI_LAYOUT("gpadl_range", vmbp_gpa_range_wire, gpadl_range_fields);
#undef VMBPI_LAYOUT

/* ---- message fields ------------------------------------------------------------------ */

static const char *kind_name(uint8_t kind)
{
    switch (kind) {
    case VMBP_MSG_FIELD_VALUE:
        return "value";
    case VMBP_MSG_FIELD_GUID:
        return "guid";
    case VMBP_MSG_FIELD_BYTES:
        return "bytes";
    case VMBP_MSG_FIELD_WORDS:
        return "words";
    case VMBP_MSG_FIELD_RSVDZ:
        return "reserved_zero";
    case VMBP_MSG_FIELD_RSVD_IGN:
        return "reserved_ignored";
    case VMBP_MSG_FIELD_HEADER:
        return "header";
    default:
        return "unknown";
    }
}

static const char *fmt_name(uint8_t fmt)
{
    static const char *const names[] = {"",           "dec",        "hex",       "bool",
                                        "msgtype",    "version",    "features",  "offer_flags",
                                        "open_flags", "pipe_flags", "ntstatus",  "conn_state",
                                        "guid",       "bytes",      "pipe_type", "words"};

    return fmt < VMBPI_N(names) && fmt > 0 ? names[fmt] : "unknown";
}

/* Wire type of a field: u8..u64 for integers, "guid", "bytes", "u64[]" for a word list. */
const char *vmbpi_wire_type(const struct vmbp_msg_field *f)
{
    switch (f->kind) {
    case VMBP_MSG_FIELD_GUID:
        return "guid";
    case VMBP_MSG_FIELD_BYTES:
        return "bytes";
    case VMBP_MSG_FIELD_WORDS:
        return "u64[]";
    default:
        break;
    }
    switch (f->size) {
    case 1:
        return "u8";
    case 2:
        return "u16";
    case 4:
        return "u32";
    case 8:
        return "u64";
    default:
        return "bytes";
    }
}

static bool is_integer(const struct vmbp_msg_field *f)
{
    return f->kind != VMBP_MSG_FIELD_GUID && f->kind != VMBP_MSG_FIELD_BYTES &&
           f->kind != VMBP_MSG_FIELD_WORDS;
}

/* "0x0000000d" -> "0.13" */
static void version_text(uint32_t v, char *buf, size_t cap)
{
    snprintf(buf, cap, "%u.%u", (unsigned)VMBP_VERSION_MAJOR(v),
             (unsigned)VMBP_VERSION_MINOR(v));
}

static const char *feature_name(uint32_t bit)
{
    size_t i;

    for (i = 0; i < VMBPI_N(vmbpi_features); i++)
        if (vmbpi_features[i].mask == bit)
            return vmbpi_features[i].name;
    return NULL;
}

/* The allowed values a field's kind implies: reserved-zero bits are 0, a header's type is
 * the message's, a flag is 0 or 1. Returns false when the table says nothing. */
bool vmbpi_allowed_text(const struct vmbp_msg_field *f, uint32_t type, char *buf, size_t cap)
{
    if (f->kind == VMBP_MSG_FIELD_RSVDZ) {
        if (f->mask)
            snprintf(buf, cap, "bits 0x%x zero", (unsigned)f->mask);
        else
            snprintf(buf, cap, "0");
        return true;
    }
    if (f->kind == VMBP_MSG_FIELD_RSVD_IGN) {
        snprintf(buf, cap, "any (ignored)");
        return true;
    }
    if (f->kind == VMBP_MSG_FIELD_HEADER && f->fmt == VMBP_MSG_FMT_MSGTYPE) {
        snprintf(buf, cap, "%u", (unsigned)type);
        return true;
    }
    if (f->fmt == VMBP_MSG_FMT_BOOL) {
        snprintf(buf, cap, "0, 1");
        return true;
    }
    return false;
}

/* The same as data: {"values": [...]}, {"zero_bits": "0x.."} or {"ignored": true}. */
static void json_allowed(struct vmbpi_out *o, const struct vmbp_msg_field *f, uint32_t type)
{
    char buf[64];

    if (!vmbpi_allowed_text(f, type, buf, sizeof(buf)))
        return;
    vmbpi_obj_begin(o, "allowed");
    if (f->kind == VMBP_MSG_FIELD_RSVDZ) {
        uint64_t all = f->size >= 8 ? ~(uint64_t)0 : (((uint64_t)1 << (8u * f->size)) - 1u);

        vmbpi_hex(o, "zero_bits", f->mask ? f->mask : all, 1);
    } else if (f->kind == VMBP_MSG_FIELD_RSVD_IGN) {
        vmbpi_bool(o, "ignored", true);
    } else {
        vmbpi_arr_begin(o, "values");
        if (f->fmt == VMBP_MSG_FMT_BOOL) {
            vmbpi_u64(o, NULL, 0);
            vmbpi_u64(o, NULL, 1);
        } else {
            vmbpi_u64(o, NULL, type);
        }
        vmbpi_arr_end(o);
    }
    vmbpi_str(o, "text", buf);
    vmbpi_obj_end(o);
}

/* The checks the decoder makes on field `index` of a table, as data: "rules" (their rule
 * IDs, each once) and "checks" (rule, kind, status, allowed values in words and as data). */
static void json_checks(struct vmbpi_out *o, const struct vmbp_msg_check *checks, size_t nc,
                        size_t index)
{
    size_t i, j, n = 0;

    for (i = 0; i < nc; i++)
        n += checks[i].field_index == index;
    if (n == 0)
        return;
    vmbpi_arr_begin(o, "rules");
    for (i = 0; i < nc; i++) {
        bool seen = false;

        for (j = 0; j < i; j++)
            seen = seen || (checks[j].field_index == index &&
                            strcmp(checks[j].rule, checks[i].rule) == 0);
        if (checks[i].field_index == index && !seen)
            vmbpi_str(o, NULL, checks[i].rule);
    }
    vmbpi_arr_end(o);
    vmbpi_arr_begin(o, "checks");
    for (i = 0; i < nc; i++) {
        const struct vmbp_msg_check *c = &checks[i];

        if (c->field_index != index)
            continue;
        vmbpi_obj_begin(o, NULL);
        vmbpi_str(o, "rule", c->rule);
        vmbpi_str(o, "kind", vmbpi_check_kind_name(c->kind));
        vmbpi_str(o, "status", vmbp_status_name((enum vmbp_status)c->status));
        vmbpi_str(o, "allowed", c->allowed);
        if (c->when)
            vmbpi_str(o, "when", c->when);
        if (c->kind == VMBP_MSG_CHECK_RANGE) {
            vmbpi_hex(o, "min", c->min, 1);
            vmbpi_hex(o, "max", c->max, 1);
        }
        if (c->kind == VMBP_MSG_CHECK_ZERO || c->kind == VMBP_MSG_CHECK_NEEDS_FEATURE)
            vmbpi_hex(o, "mask", c->mask, 1);
        if (c->kind == VMBP_MSG_CHECK_NEEDS_FEATURE)
            vmbpi_hex(o, "feature", c->feature, 1);
        if (c->kind == VMBP_MSG_CHECK_ONE_OF) {
            vmbpi_arr_begin(o, "values");
            for (j = 0; j < c->nvalues && j < 4u; j++)
                vmbpi_hex(o, NULL, c->values[j], 1);
            vmbpi_arr_end(o);
        }
        vmbpi_obj_end(o);
    }
    vmbpi_arr_end(o);
}

static void json_field(struct vmbpi_out *o, const struct vmbp_msg_field *f, uint32_t type,
                       const struct vmbp_msg_check *checks, size_t nc, size_t index)
{
    char buf[64];

    vmbpi_obj_begin(o, NULL);
    vmbpi_str(o, "name", f->name);
    vmbpi_u64(o, "offset", f->offset);
    vmbpi_u64(o, "size", f->size);
    vmbpi_bool(o, "variable_size", f->kind == VMBP_MSG_FIELD_WORDS);
    vmbpi_str(o, "kind", kind_name(f->kind));
    vmbpi_str(o, "type", vmbpi_wire_type(f));
    vmbpi_str(o, "endianness",
              is_integer(f) || f->kind == VMBP_MSG_FIELD_WORDS ? "little"
              : f->kind == VMBP_MSG_FIELD_GUID                 ? "guid"
                                                               : "none");
    if (f->mask) {
        snprintf(buf, sizeof(buf), "0x%x", (unsigned)f->mask);
        vmbpi_str(o, "mask", buf);
    }
    vmbpi_str(o, "format", fmt_name(f->fmt));
    vmbpi_str(o, "meaning", f->doc ? f->doc : "");
    json_allowed(o, f, type);
    json_checks(o, checks, nc, index);
    if (f->host_offset != VMBP_MSG_FIELD_NO_HOST)
        vmbpi_u64(o, "decoded_offset", f->host_offset);
    vmbpi_obj_end(o);
}

const char *vmbpi_select_name(uint8_t sel)
{
    return sel == VMBP_MSG_SELECT_SIZE      ? "size"
           : sel == VMBP_MSG_SELECT_CONTENT ? "content"
                                            : "version";
}

bool vmbpi_variant_has_words(enum vmbp_msg_variant v)
{
    size_t nf = 0, i;
    const struct vmbp_msg_field *tab = vmbp_msg_fields(v, &nf);

    for (i = 0; tab && i < nf; i++)
        if (tab[i].kind == VMBP_MSG_FIELD_WORDS)
            return true;
    return false;
}

/* The page of spec/ a variant's family belongs to (the family header that describes it). */
const char *vmbpi_family_of(enum vmbp_msg_variant v)
{
    if (vmbp_msg_connect_fields(v, NULL))
        return "connect";
    if (vmbp_msg_offer_fields(v, NULL))
        return "offer";
    if (vmbp_msg_channel_fields(v, NULL))
        return "channel";
    if (vmbp_msg_gpadl_fields(v, NULL))
        return "gpadl";
    if (vmbp_msg_hvsock_fields(v, NULL))
        return "hvsock";
    return "";
}

static void json_variant(struct vmbpi_out *o, unsigned v)
{
    const struct vmbp_msg_variant_info *vi = vmbp_msg_variant_lookup((enum vmbp_msg_variant)v);
    size_t nf = 0, i;
    const struct vmbp_msg_field *tab = vmbp_msg_fields((enum vmbp_msg_variant)v, &nf);
    const struct vmbp_msg_check *checks;
    size_t nc = 0;
    char buf[32];
    uint32_t bit;

    vmbpi_obj_begin(o, NULL);
    vmbpi_str(o, "name", vi->name);
    vmbpi_u64(o, "number", v);
    vmbpi_str(o, "family", vmbpi_family_of((enum vmbp_msg_variant)v));
    vmbpi_str(o, "selection", vmbpi_select_name(vi->select));
    if (vi->min_version) {
        version_text(vi->min_version, buf, sizeof(buf));
        vmbpi_str(o, "min_version", buf);
    } else {
        vmbpi_str(o, "min_version", "any");
    }
    vmbpi_hex(o, "features_mask", vi->features, 2);
    vmbpi_arr_begin(o, "features_any_of");
    for (bit = 1; bit != 0 && bit <= vi->features; bit <<= 1)
        if (vi->features & bit)
            vmbpi_str(o, NULL, feature_name(bit) ? feature_name(bit) : "unknown");
    vmbpi_arr_end(o);
    vmbpi_u64(o, "size", vi->size);
    vmbpi_bool(o, "variable_size", vmbpi_variant_has_words((enum vmbp_msg_variant)v));
    checks = vmbp_msg_checks((enum vmbp_msg_variant)v, &nc);
    vmbpi_arr_begin(o, "fields");
    for (i = 0; tab && i < nf; i++)
        json_field(o, &tab[i], vi->type, checks, nc, i);
    vmbpi_arr_end(o);
    vmbpi_obj_end(o);
}

static void json_messages(struct vmbpi_out *o)
{
    uint32_t t;

    vmbpi_arr_begin(o, "messages");
    for (t = 1; t <= (uint32_t)VMBP_MSG_TYPE_MAX; t++) {
        const struct vmbp_msg_type_info *ti = vmbp_msg_type_lookup(t);
        unsigned v;

        vmbpi_obj_begin(o, NULL);
        vmbpi_u64(o, "type", ti->type);
        vmbpi_str(o, "name", ti->name);
        vmbpi_str(o, "linux_name", ti->linux_name);
        vmbpi_str(o, "openvmm_name", ti->openvmm_name);
        vmbpi_str(o, "direction",
                  ti->dir == VMBP_DIR_GUEST_TO_HOST ? "guest_to_host" : "host_to_guest");
        vmbpi_bool(o, "valid_before_negotiation", ti->any_state != 0);
        vmbpi_arr_begin(o, "variants");
        for (v = ti->first_variant; v < (unsigned)VMBP_MSGV_COUNT; v++) {
            if (vmbp_msg_variant_type((enum vmbp_msg_variant)v) != t)
                break;
            json_variant(o, v);
        }
        vmbpi_arr_end(o);
        vmbpi_obj_end(o);
    }
    vmbpi_arr_end(o);
}

static void json_overlay(struct vmbpi_out *o, const char *name, const char *flag,
                         enum vmbp_msg_overlay which)
{
    size_t i, nf = 0, nc = 0;
    const struct vmbp_msg_field *tab = vmbp_msg_overlay_fields(which, &nf);
    const struct vmbp_msg_check *checks = vmbp_msg_overlay_checks(which, &nc);

    vmbpi_obj_begin(o, NULL);
    vmbpi_str(o, "name", name);
    vmbpi_str(o, "message", "OFFER_CHANNEL");
    vmbpi_str(o, "offer_flag", flag);
    vmbpi_arr_begin(o, "fields");
    for (i = 0; i < nf; i++)
        json_field(o, &tab[i], VMBP_MSG_OFFER_CHANNEL, checks, nc, i);
    vmbpi_arr_end(o);
    vmbpi_obj_end(o);
}

/* ---- the other parts ------------------------------------------------------------------ */

static void json_layout(struct vmbpi_out *o, const char *key, const struct layout *l)
{
    size_t i;

    vmbpi_obj_begin(o, key);
    vmbpi_str(o, "name", l->name);
    vmbpi_u64(o, "size", l->size);
    vmbpi_arr_begin(o, "fields");
    for (i = 0; i < l->nfields; i++) {
        const struct layout_field *f = &l->fields[i];

        vmbpi_obj_begin(o, NULL);
        vmbpi_str(o, "name", f->name);
        vmbpi_u64(o, "offset", f->offset);
        vmbpi_u64(o, "size", f->size);
        vmbpi_str(o, "type", f->type);
        vmbpi_u64(o, "count", f->count);
        vmbpi_str(o, "endianness",
                  f->type[0] == 'u' && strcmp(f->type, "u8") != 0 ? "little" : "none");
        vmbpi_str(o, "meaning", f->meaning);
        vmbpi_obj_end(o);
    }
    vmbpi_arr_end(o);
    vmbpi_obj_end(o);
}

static void json_register(struct vmbpi_out *o, const struct vmbp_reg_desc *d,
                          enum vmbp_synic_register reg, bool synic)
{
    size_t i;

    vmbpi_obj_begin(o, NULL);
    vmbpi_str(o, "name", d->name);
    vmbpi_u64(o, "bits", d->bits);
    if (synic) {
        unsigned count = reg == VMBP_SYNIC_SINT ? VMBP_SYNIC_SINT_COUNT : 1u;

        vmbpi_u64(o, "count", count);
        vmbpi_hex(o, "x64_msr", vmbp_synic_msr(reg, 0), 8);
        vmbpi_hex(o, "x64_nested_msr", vmbp_synic_msr_nested(vmbp_synic_msr(reg, 0)), 8);
        vmbpi_hex(o, "arm64_register", vmbp_synic_reg_name(reg, 0), 8);
    }
    vmbpi_arr_begin(o, "fields");
    for (i = 0; i < d->nfields; i++) {
        vmbpi_obj_begin(o, NULL);
        vmbpi_str(o, "name", d->fields[i].name);
        vmbpi_u64(o, "shift", d->fields[i].shift);
        vmbpi_u64(o, "width", d->fields[i].width);
        vmbpi_str(o, "meaning", d->fields[i].meaning);
        vmbpi_obj_end(o);
    }
    vmbpi_arr_end(o);
    vmbpi_hex(o, "reserved_zero", d->rsvdz, 16);
    vmbpi_hex(o, "reserved_preserve", d->rsvdp, 16);
    vmbpi_obj_end(o);
}

const enum vmbp_synic_register vmbpi_synic_regs[VMBPI_SYNIC_REGS] = {
    VMBP_SYNIC_SCONTROL, VMBP_SYNIC_SVERSION, VMBP_SYNIC_SIEFP, VMBP_SYNIC_SIMP,
    VMBP_SYNIC_EOM,      VMBP_SYNIC_SIRBP,    VMBP_SYNIC_SINT};

static void json_named_values(struct vmbpi_out *o, const char *key,
                              const struct status_row *rows, size_t n, int digits)
{
    size_t i;

    vmbpi_arr_begin(o, key);
    for (i = 0; i < n; i++) {
        vmbpi_obj_begin(o, NULL);
        vmbpi_str(o, "name", rows[i].name);
        vmbpi_hex(o, "value", rows[i].value, digits);
        vmbpi_str(o, "meaning", rows[i].meaning);
        vmbpi_obj_end(o);
    }
    vmbpi_arr_end(o);
}

int vmbpi_schema_json(FILE *f)
{
    struct vmbpi_out o;
    size_t i;
    char buf[32];

    vmbpi_out_init(&o, f, true);
    vmbpi_doc_begin(&o);
    vmbpi_str(&o, "format", "vmbus_proto protocol description");
    vmbpi_u64(&o, "format_version", VMBPI_SCHEMA_FORMAT);
    vmbpi_str(&o, "generator", "vmbp-inspect " VMBPI_VERSION_STRING);
    vmbpi_str(&o, "byte_order", "little-endian");

    vmbpi_obj_begin(&o, "limits");
    vmbpi_u64(&o, "message_header_size", VMBP_MSG_HEADER_SIZE);
    vmbpi_u64(&o, "message_max_size", VMBP_SYNIC_MESSAGE_PAYLOAD_MAX);
    vmbpi_u64(&o, "synic_message_size", VMBP_SYNIC_MESSAGE_SIZE);
    vmbpi_u64(&o, "relid_min", VMBP_RELID_MIN);
    vmbpi_u64(&o, "relid_max", VMBP_RELID_MAX);
    vmbpi_u64(&o, "monitor_id_count", VMBP_MONITOR_ID_COUNT);
    vmbpi_u64(&o, "gpadl_page_size", VMBP_HV_PAGE_SIZE);
    vmbpi_u64(&o, "gpadl_header_max_words", VMBP_GPADL_HEADER_MAX_WORDS);
    vmbpi_u64(&o, "gpadl_body_max_words", VMBP_GPADL_BODY_MAX_WORDS);
    vmbpi_u64(&o, "gpadl_max_words", VMBP_GPADL_MAX_WORDS);
    vmbpi_u64(&o, "ring_control_size", VMBP_RING_CONTROL_SIZE);
    vmbpi_u64(&o, "ring_align", VMBP_RING_ALIGN);
    vmbpi_u64(&o, "ring_data_min", VMBP_RING_DATA_MIN);
    vmbpi_u64(&o, "ring_data_max", VMBP_RING_DATA_MAX);
    vmbpi_obj_end(&o);

    vmbpi_arr_begin(&o, "versions");
    for (i = 0; i < VMBPI_N(vmbpi_versions); i++) {
        vmbpi_obj_begin(&o, NULL);
        snprintf(buf, sizeof(buf), "%u.%u", vmbpi_versions[i].major, vmbpi_versions[i].minor);
        vmbpi_str(&o, "name", buf);
        vmbpi_hex(&o, "value",
                  VMBP_MAKE_VERSION(vmbpi_versions[i].major, vmbpi_versions[i].minor), 8);
        vmbpi_u64(&o, "major", vmbpi_versions[i].major);
        vmbpi_u64(&o, "minor", vmbpi_versions[i].minor);
        vmbpi_str(&o, "windows", vmbpi_versions[i].windows);
        vmbpi_str(&o, "linux_name", vmbpi_versions[i].linux_name);
        vmbpi_str(&o, "openvmm_name", vmbpi_versions[i].openvmm);
        vmbpi_obj_end(&o);
    }
    vmbpi_arr_end(&o);

    vmbpi_arr_begin(&o, "features");
    for (i = 0; i < VMBPI_N(vmbpi_features); i++) {
        vmbpi_obj_begin(&o, NULL);
        vmbpi_str(&o, "name", vmbpi_features[i].name);
        vmbpi_hex(&o, "mask", vmbpi_features[i].mask, 2);
        vmbpi_str(&o, "openvmm_name", vmbpi_features[i].openvmm);
        vmbpi_str(&o, "meaning", vmbpi_features[i].meaning);
        vmbpi_obj_end(&o);
    }
    vmbpi_arr_end(&o);

    vmbpi_arr_begin(&o, "offer_flags");
    for (i = 0; i < VMBPI_N(offer_flags); i++) {
        vmbpi_obj_begin(&o, NULL);
        vmbpi_str(&o, "name", offer_flags[i].name);
        vmbpi_hex(&o, "mask", offer_flags[i].mask, 4);
        vmbpi_str(&o, "meaning", offer_flags[i].meaning);
        vmbpi_obj_end(&o);
    }
    vmbpi_arr_end(&o);

    json_named_values(&o, "statuses", statuses, VMBPI_N(statuses), 4);
    json_messages(&o);
    vmbpi_arr_begin(&o, "overlays");
    json_overlay(&o, "pipe", "NAMED_PIPE_MODE", VMBP_MSG_OVERLAY_PIPE);
    json_overlay(&o, "hvsock", "TLNPI_PROVIDER", VMBP_MSG_OVERLAY_HVSOCK);
    vmbpi_arr_end(&o);
    json_layout(&o, "gpadl_range", &gpadl_range_layout);

    vmbpi_obj_begin(&o, "synic");
    json_layout(&o, "message_slot", &slot_layout);
    json_named_values(&o, "message_types", synic_types, VMBPI_N(synic_types), 8);
    vmbpi_arr_begin(&o, "registers");
    for (i = 0; i < VMBPI_N(vmbpi_synic_regs); i++)
        json_register(&o, vmbp_synic_reg_desc(vmbpi_synic_regs[i], false), vmbpi_synic_regs[i],
                      true);
    json_register(&o, vmbp_synic_reg_desc(VMBP_SYNIC_SINT, true), VMBP_SYNIC_SINT, true);
    vmbpi_arr_end(&o);
    vmbpi_obj_end(&o);

    vmbpi_obj_begin(&o, "hypercalls");
    vmbpi_arr_begin(&o, "registers");
    json_register(&o, vmbp_hypercall_control_desc(), VMBP_SYNIC_SCONTROL, false);
    json_register(&o, vmbp_hypercall_result_desc(), VMBP_SYNIC_SCONTROL, false);
    vmbpi_arr_end(&o);
    json_named_values(&o, "statuses", hv_statuses, VMBPI_N(hv_statuses), 4);
    vmbpi_obj_end(&o);

    vmbpi_obj_begin(&o, "ring");
    for (i = 0; i < VMBPI_N(ring_layouts); i++)
        json_layout(&o, ring_layouts[i].name, &ring_layouts[i]);
    vmbpi_arr_begin(&o, "packet_types");
    for (i = 0; i < VMBPI_N(pkt_types); i++) {
        vmbpi_obj_begin(&o, NULL);
        vmbpi_str(&o, "name", pkt_types[i]);
        vmbpi_hex(&o, "value", i, 1);
        vmbpi_bool(&o, "current", (VMBP_PKT_TYPES_CURRENT >> i) & 1u);
        vmbpi_obj_end(&o);
    }
    vmbpi_arr_end(&o);
    vmbpi_hex(&o, "packet_flag_completion_requested", VMBP_PKT_FLAG_COMPLETION_REQUESTED, 1);
    vmbpi_hex(&o, "feature_pending_send_sz", VMBP_RING_FEATURE_PENDING_SEND_SZ, 1);
    vmbpi_obj_end(&o);
    vmbpi_doc_end(&o);
    return ferror(f) ? VMBPI_EXIT_USAGE : VMBPI_EXIT_VALID;
}
