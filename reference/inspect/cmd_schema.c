/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect schema: the protocol as data, from the library's own tables (VMBP_MSG_TABLE()
 * through vmbp_msg_type_lookup() and vmbp_msg_variant_lookup(), the field tables of
 * vmbp_msg_fields(), VMBP_VERSION_LIST, VMBP_FEATURE_LIST, VMBP_OFFER_FLAG_LIST,
 * VMBP_STATUS_LIST, the register descriptions of synic.h and hypercall.h, VMBP_PKT_TYPE_LIST)
 * and, where the library has a wire struct but no field table (the SynIC slot, the ring's
 * control page, the packet headers), from offsetof() and sizeof() of that struct.
 *
 * --json writes one document (its JSON Schema: tests/inspect/schema.schema.json; a test
 * checks every offset and size in it against the structs). --markdown writes the tables
 * spec/ embeds, each between markers naming it:
 *   <!-- BEGIN GENERATED NAME (vmbp-inspect schema --markdown) -->
 *   <!-- END GENERATED NAME -->
 * tests/inspect/spec_tables.py copies them into spec/ and checks that spec/ has them.
 */
#include "inspect.h"

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

struct version_row {
    unsigned major, minor;
    const char *windows, *linux_name, *openvmm;
};
#define VMBPI_X(sfx, maj, min, win, lnx, ovmm) {maj, min, win, lnx, ovmm},
static const struct version_row versions[] = {VMBP_VERSION_LIST(VMBPI_X)};
#undef VMBPI_X

struct flag_row {
    const char *name;
    uint32_t mask;
    const char *openvmm; /* features only */
    const char *meaning;
};
#define VMBPI_X(name, mask, ovmm, text) {#name, mask, ovmm, text},
static const struct flag_row features[] = {VMBP_FEATURE_LIST(VMBPI_X)};
#undef VMBPI_X
#define VMBPI_X(name, mask, text) {#name, mask, NULL, text},
static const struct flag_row offer_flags[] = {VMBP_OFFER_FLAG_LIST(VMBPI_X)};
#undef VMBPI_X

struct status_row {
    const char *name;
    unsigned value;
    const char *meaning;
};
#define VMBPI_X(name, value, text) {#name, value, text},
static const struct status_row statuses[] = {VMBP_STATUS_LIST(VMBPI_X)};
static const struct status_row hv_statuses[] = {VMBP_HV_STATUS_LIST(VMBPI_X)};
#undef VMBPI_X

#define VMBPI_X(name, text) {#name, VMBP_SYNIC_MSG_TYPE_##name, text},
static const struct status_row synic_types[] = {VMBP_SYNIC_MSG_TYPE_LIST(VMBPI_X)};
#undef VMBPI_X

#define VMBPI_X(name) #name,
static const char *const pkt_types[] = {VMBP_PKT_TYPE_LIST(VMBPI_X)};
#undef VMBPI_X

#define VMBPI_N(a) (sizeof(a) / sizeof((a)[0]))

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

#define VMBPI_F(W, m, type, count, meaning)                                                   \
    {#m, offsetof(struct W, m), sizeof(((struct W *)0)->m), type, count, meaning}

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

#define VMBPI_LAYOUT(name, W, tab) {name, sizeof(struct W), tab, VMBPI_N(tab)}
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
    static const char *const names[] = {"",           "dec",         "hex",        "bool",
                                        "msgtype",    "version",     "features",   "offer_flags",
                                        "open_flags", "pipe_flags",  "ntstatus",   "conn_state",
                                        "guid",       "bytes",       "pipe_type",  "words"};

    return fmt < VMBPI_N(names) && fmt > 0 ? names[fmt] : "unknown";
}

/* Wire type of a field: u8..u64 for integers, "guid", "bytes", "u64[]" for a word list. */
static const char *wire_type(const struct vmbp_msg_field *f)
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
    snprintf(buf, cap, "%u.%u", (unsigned)VMBP_VERSION_MAJOR(v), (unsigned)VMBP_VERSION_MINOR(v));
}

static const char *feature_name(uint32_t bit)
{
    size_t i;

    for (i = 0; i < VMBPI_N(features); i++)
        if (features[i].mask == bit)
            return features[i].name;
    return NULL;
}

/* The allowed values a field's kind implies: reserved-zero bits are 0, a header's type is
 * the message's, a flag is 0 or 1. Returns false when the table says nothing. */
static bool allowed_text(const struct vmbp_msg_field *f, uint32_t type, char *buf, size_t cap)
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

    if (!allowed_text(f, type, buf, sizeof(buf)))
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

static void json_field(struct vmbpi_out *o, const struct vmbp_msg_field *f, uint32_t type)
{
    char buf[64];

    vmbpi_obj_begin(o, NULL);
    vmbpi_str(o, "name", f->name);
    vmbpi_u64(o, "offset", f->offset);
    vmbpi_u64(o, "size", f->size);
    vmbpi_bool(o, "variable_size", f->kind == VMBP_MSG_FIELD_WORDS);
    vmbpi_str(o, "kind", kind_name(f->kind));
    vmbpi_str(o, "type", wire_type(f));
    vmbpi_str(o, "endianness", is_integer(f) || f->kind == VMBP_MSG_FIELD_WORDS ? "little"
                               : f->kind == VMBP_MSG_FIELD_GUID                 ? "guid"
                                                                                : "none");
    if (f->mask) {
        snprintf(buf, sizeof(buf), "0x%x", (unsigned)f->mask);
        vmbpi_str(o, "mask", buf);
    }
    vmbpi_str(o, "format", fmt_name(f->fmt));
    vmbpi_str(o, "meaning", f->doc ? f->doc : "");
    json_allowed(o, f, type);
    if (f->host_offset != VMBP_MSG_FIELD_NO_HOST)
        vmbpi_u64(o, "decoded_offset", f->host_offset);
    vmbpi_obj_end(o);
}

static const char *select_name(uint8_t sel)
{
    return sel == VMBP_MSG_SELECT_SIZE ? "size" : sel == VMBP_MSG_SELECT_CONTENT ? "content"
                                                                                 : "version";
}

static bool variant_has_words(enum vmbp_msg_variant v)
{
    size_t nf = 0, i;
    const struct vmbp_msg_field *tab = vmbp_msg_fields(v, &nf);

    for (i = 0; tab && i < nf; i++)
        if (tab[i].kind == VMBP_MSG_FIELD_WORDS)
            return true;
    return false;
}

/* The page of spec/ a variant's family belongs to (the family header that describes it). */
static const char *family_of(enum vmbp_msg_variant v)
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
    char buf[32];
    uint32_t bit;

    vmbpi_obj_begin(o, NULL);
    vmbpi_str(o, "name", vi->name);
    vmbpi_u64(o, "number", v);
    vmbpi_str(o, "family", family_of((enum vmbp_msg_variant)v));
    vmbpi_str(o, "selection", select_name(vi->select));
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
    vmbpi_bool(o, "variable_size", variant_has_words((enum vmbp_msg_variant)v));
    vmbpi_arr_begin(o, "fields");
    for (i = 0; tab && i < nf; i++)
        json_field(o, &tab[i], vi->type);
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
                         const struct vmbp_msg_field *tab, size_t nf)
{
    size_t i;

    vmbpi_obj_begin(o, NULL);
    vmbpi_str(o, "name", name);
    vmbpi_str(o, "message", "OFFER_CHANNEL");
    vmbpi_str(o, "offer_flag", flag);
    vmbpi_arr_begin(o, "fields");
    for (i = 0; i < nf; i++)
        json_field(o, &tab[i], VMBP_MSG_OFFER_CHANNEL);
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
        vmbpi_str(o, "endianness", f->type[0] == 'u' && strcmp(f->type, "u8") != 0 ? "little"
                                                                                   : "none");
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

static const enum vmbp_synic_register synic_regs[] = {
    VMBP_SYNIC_SCONTROL, VMBP_SYNIC_SVERSION, VMBP_SYNIC_SIEFP, VMBP_SYNIC_SIMP,
    VMBP_SYNIC_EOM,      VMBP_SYNIC_SIRBP,    VMBP_SYNIC_SINT};

static void json_named_values(struct vmbpi_out *o, const char *key, const struct status_row *rows,
                              size_t n, int digits)
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
    size_t i, nf = 0;
    char buf[32];

    vmbpi_out_init(&o, f, true);
    vmbpi_doc_begin(&o);
    vmbpi_str(&o, "format", "vmbus_proto protocol description");
    vmbpi_u64(&o, "format_version", VMBPI_SCHEMA_FORMAT);
    vmbpi_str(&o, "generator", "vmbp-inspect " VMBPI_VERSION_STRING);
    vmbpi_str(&o, "byte_order", "little-endian");

    vmbpi_obj_begin(&o, "limits");
    vmbpi_u64(&o, "message_header_size", VMBP_MSG_HEADER_SIZE);
    vmbpi_u64(&o, "message_max_size", VMBP_MSG_MAX_SIZE);
    vmbpi_u64(&o, "synic_message_size", VMBP_SYNIC_MESSAGE_SIZE);
    vmbpi_u64(&o, "relid_min", VMBP_RELID_MIN);
    vmbpi_u64(&o, "relid_max", VMBP_RELID_MAX);
    vmbpi_u64(&o, "monitor_id_count", VMBP_MONITOR_ID_COUNT);
    vmbpi_u64(&o, "gpadl_page_size", VMBP_GPADL_PAGE_SIZE);
    vmbpi_u64(&o, "gpadl_header_max_words", VMBP_GPADL_HEADER_MAX_WORDS);
    vmbpi_u64(&o, "gpadl_body_max_words", VMBP_GPADL_BODY_MAX_WORDS);
    vmbpi_u64(&o, "gpadl_max_words", VMBP_GPADL_MAX_WORDS);
    vmbpi_u64(&o, "ring_control_size", VMBP_RING_CONTROL_SIZE);
    vmbpi_u64(&o, "ring_align", VMBP_RING_ALIGN);
    vmbpi_u64(&o, "ring_data_min", VMBP_RING_DATA_MIN);
    vmbpi_u64(&o, "ring_data_max", VMBP_RING_DATA_MAX);
    vmbpi_obj_end(&o);

    vmbpi_arr_begin(&o, "versions");
    for (i = 0; i < VMBPI_N(versions); i++) {
        vmbpi_obj_begin(&o, NULL);
        snprintf(buf, sizeof(buf), "%u.%u", versions[i].major, versions[i].minor);
        vmbpi_str(&o, "name", buf);
        vmbpi_hex(&o, "value", VMBP_MAKE_VERSION(versions[i].major, versions[i].minor), 8);
        vmbpi_u64(&o, "major", versions[i].major);
        vmbpi_u64(&o, "minor", versions[i].minor);
        vmbpi_str(&o, "windows", versions[i].windows);
        vmbpi_str(&o, "linux_name", versions[i].linux_name);
        vmbpi_str(&o, "openvmm_name", versions[i].openvmm);
        vmbpi_obj_end(&o);
    }
    vmbpi_arr_end(&o);

    vmbpi_arr_begin(&o, "features");
    for (i = 0; i < VMBPI_N(features); i++) {
        vmbpi_obj_begin(&o, NULL);
        vmbpi_str(&o, "name", features[i].name);
        vmbpi_hex(&o, "mask", features[i].mask, 2);
        vmbpi_str(&o, "openvmm_name", features[i].openvmm);
        vmbpi_str(&o, "meaning", features[i].meaning);
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
    {
        const struct vmbp_msg_field *pipe = vmbp_msg_offer_pipe_fields(&nf);

        vmbpi_arr_begin(&o, "overlays");
        json_overlay(&o, "pipe", "NAMED_PIPE_MODE", pipe, nf);
        pipe = vmbp_msg_offer_hvsock_fields(&nf);
        json_overlay(&o, "hvsock", "TLNPI_PROVIDER", pipe, nf);
        vmbpi_arr_end(&o);
    }
    json_layout(&o, "gpadl_range", &gpadl_range_layout);

    vmbpi_obj_begin(&o, "synic");
    json_layout(&o, "message_slot", &slot_layout);
    json_named_values(&o, "message_types", synic_types, VMBPI_N(synic_types), 8);
    vmbpi_arr_begin(&o, "registers");
    for (i = 0; i < VMBPI_N(synic_regs); i++)
        json_register(&o, vmbp_synic_reg_desc(synic_regs[i], false), synic_regs[i], true);
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

/* ---- Markdown ------------------------------------------------------------------------ */

/* One table row: each cell with its '|' escaped; an empty cell is "| |". */
static void md_row(FILE *f, const char *const *cells, size_t n)
{
    size_t i;

    fputc('|', f);
    for (i = 0; i < n; i++) {
        const char *c = cells[i] ? cells[i] : "";

        if (*c)
            fputc(' ', f);
        for (; *c; c++) {
            if (*c == '|')
                fputc('\\', f);
            fputc(*c, f);
        }
        fputs(" |", f);
    }
    fputc('\n', f);
}

static void md_begin(FILE *f, const char *name)
{
    fprintf(f, "<!-- BEGIN GENERATED %s (vmbp-inspect schema --markdown) -->\n", name);
}

static void md_end(FILE *f, const char *name)
{
    fprintf(f, "<!-- END GENERATED %s -->\n", name);
}

/* The type table of spec/msg.md. */
static void md_types(FILE *f)
{
    uint32_t t;

    md_begin(f, "msg-types");
    fputs("| type | name | dir | variant | select | min version | features | size |\n"
          "|-----:|------|-----|---------|--------|-------------|----------|-----:|\n",
          f);
    for (t = 1; t <= (uint32_t)VMBP_MSG_TYPE_MAX; t++) {
        const struct vmbp_msg_type_info *ti = vmbp_msg_type_lookup(t);
        unsigned v, first = ti->first_variant, count = 0;

        for (v = first; v < (unsigned)VMBP_MSGV_COUNT &&
                        vmbp_msg_variant_type((enum vmbp_msg_variant)v) == t;
             v++)
            count++;
        for (v = first; v < first + count; v++) {
            const struct vmbp_msg_variant_info *vi =
                vmbp_msg_variant_lookup((enum vmbp_msg_variant)v);
            bool content = vi->select == VMBP_MSG_SELECT_CONTENT;
            char minv[32], feat[64], size[32], num[16];
            uint32_t bit;
            size_t used = 0;

            if (vi->min_version)
                snprintf(minv, sizeof(minv), "%s%u.%u", content ? "requests " : "",
                         (unsigned)VMBP_VERSION_MAJOR(vi->min_version),
                         (unsigned)VMBP_VERSION_MINOR(vi->min_version));
            else
                snprintf(minv, sizeof(minv), "any");
            feat[0] = 0;
            for (bit = 1; bit != 0 && bit <= vi->features; bit <<= 1)
                if (vi->features & bit)
                    used += (size_t)snprintf(feat + used, sizeof(feat) - used, "%s0x%02x",
                                             used ? " or " : (content ? "requests " : ""),
                                             (unsigned)bit);
            if (variant_has_words((enum vmbp_msg_variant)v))
                snprintf(size, sizeof(size), "%u + data", vi->size);
            else
                snprintf(size, sizeof(size), "%u", vi->size);
            snprintf(num, sizeof(num), "%u", (unsigned)t);
            {
                const char *cells[] = {v == first ? num : "",
                                       v == first ? ti->name : "",
                                       v != first                         ? ""
                                       : ti->dir == VMBP_DIR_GUEST_TO_HOST ? "G2H"
                                                                           : "H2G",
                                       count > 1 ? vi->name : "",
                                       select_name(vi->select),
                                       minv,
                                       feat,
                                       size};

                md_row(f, cells, VMBPI_N(cells));
            }
        }
    }
    md_end(f, "msg-types");
}

/* A field's row of a layout table. */
static void md_field_row(FILE *f, const struct vmbp_msg_field *fd, uint32_t type)
{
    char off[16], size[16], name[64], wtype[48], allowed[64];
    const char *cells[6];

    if (!allowed_text(fd, type, allowed, sizeof(allowed)))
        allowed[0] = 0;
    snprintf(off, sizeof(off), "%u", (unsigned)fd->offset);
    if (fd->kind == VMBP_MSG_FIELD_WORDS)
        snprintf(size, sizeof(size), "8·n");
    else
        snprintf(size, sizeof(size), "%u", (unsigned)fd->size);
    snprintf(name, sizeof(name), "`%s`", fd->name);
    if (fd->mask)
        snprintf(wtype, sizeof(wtype), "%s, bits 0x%x", wire_type(fd), (unsigned)fd->mask);
    else
        snprintf(wtype, sizeof(wtype), "%s", wire_type(fd));
    cells[0] = off;
    cells[1] = size;
    cells[2] = name;
    cells[3] = wtype;
    cells[4] = allowed;
    cells[5] = fd->doc;
    md_row(f, cells, 6);
}

static void md_table_head(FILE *f)
{
    fputs("| offset | size | field | type | allowed | meaning |\n"
          "|-------:|-----:|-------|------|---------|---------|\n",
          f);
}

/* The layouts of one family's variants (spec/msg_<family>.md). */
static void md_family(FILE *f, const char *family)
{
    char name[48];
    unsigned v;

    snprintf(name, sizeof(name), "layout-%s", family);
    md_begin(f, name);
    for (v = 1; v < (unsigned)VMBP_MSGV_COUNT; v++) {
        const struct vmbp_msg_variant_info *vi =
            vmbp_msg_variant_lookup((enum vmbp_msg_variant)v);
        size_t nf = 0, i;
        const struct vmbp_msg_field *tab = vmbp_msg_fields((enum vmbp_msg_variant)v, &nf);

        if (strcmp(family_of((enum vmbp_msg_variant)v), family) != 0)
            continue;
        fprintf(f, "\n**%s** (type %u, %u bytes%s):\n\n", vi->name, (unsigned)vi->type,
                vi->size, variant_has_words((enum vmbp_msg_variant)v) ? " and the data" : "");
        md_table_head(f);
        for (i = 0; tab && i < nf; i++)
            md_field_row(f, &tab[i], vi->type);
    }
    if (strcmp(family, "offer") == 0 || strcmp(family, "hvsock") == 0) {
        size_t nf = 0, i;
        const struct vmbp_msg_field *tab = strcmp(family, "offer") == 0
                                               ? vmbp_msg_offer_pipe_fields(&nf)
                                               : vmbp_msg_offer_hvsock_fields(&nf);

        fprintf(f, "\n**%s overlay** of OFFER_CHANNEL's user data (offer flag %s):\n\n",
                strcmp(family, "offer") == 0 ? "Named-pipe" : "hv_sock",
                strcmp(family, "offer") == 0 ? "NAMED_PIPE_MODE" : "TLNPI_PROVIDER");
        md_table_head(f);
        for (i = 0; i < nf; i++)
            md_field_row(f, &tab[i], VMBP_MSG_OFFER_CHANNEL);
    }
    fputc('\n', f);
    md_end(f, name);
}

static void md_versions(FILE *f)
{
    size_t i;

    md_begin(f, "versions");
    fputs("| version | value | Windows release | Linux name | OpenVMM name |\n"
          "|---------|-------|-----------------|------------|--------------|\n",
          f);
    for (i = 0; i < VMBPI_N(versions); i++)
        fprintf(f, "| %u.%u | 0x%08X | %s | %s | %s |\n", versions[i].major, versions[i].minor,
                (unsigned)VMBP_MAKE_VERSION(versions[i].major, versions[i].minor),
                versions[i].windows, versions[i].linux_name, versions[i].openvmm);
    md_end(f, "versions");
}

static void md_features(FILE *f)
{
    size_t i;

    md_begin(f, "features");
    fputs("| bit | mask | name | meaning |\n"
          "|-----|------|------|---------|\n",
          f);
    for (i = 0; i < VMBPI_N(features); i++) {
        unsigned bit = 0;

        while (bit < 31 && !(features[i].mask & (1u << bit)))
            bit++;
        fprintf(f, "| %u | 0x%02x | %s | %s |\n", bit, (unsigned)features[i].mask,
                features[i].name, features[i].meaning);
    }
    md_end(f, "features");
}

static void md_range(char *buf, size_t cap, unsigned lo, unsigned width)
{
    if (width == 1)
        snprintf(buf, cap, "%u", lo);
    else
        snprintf(buf, cap, "%u-%u", lo, lo + width - 1);
}

/* Reserved bits of a register as ranges, "1-11, 13". */
static void md_reserved(char *buf, size_t cap, uint64_t mask)
{
    size_t used = 0;
    unsigned b = 0;

    buf[0] = 0;
    while (b < 64 && used < cap) {
        unsigned e;

        if (!((mask >> b) & 1u)) {
            b++;
            continue;
        }
        e = b;
        while (e + 1 < 64 && ((mask >> (e + 1)) & 1u))
            e++;
        if (e > b)
            used += (size_t)snprintf(buf + used, cap - used, "%s%u-%u", used ? ", " : "", b, e);
        else
            used += (size_t)snprintf(buf + used, cap - used, "%s%u", used ? ", " : "", b);
        b = e + 1;
    }
}

static void md_synic(FILE *f)
{
    size_t i;

    md_begin(f, "synic-registers");
    fputs("| register | x64 MSR | nested x64 MSR | arm64 register name |\n"
          "|----------|---------|----------------|---------------------|\n",
          f);
    for (i = 0; i < VMBPI_N(synic_regs); i++) {
        enum vmbp_synic_register r = synic_regs[i];
        uint32_t msr = vmbp_synic_msr(r, 0);

        if (r == VMBP_SYNIC_SINT)
            fprintf(f, "| SINT0..15 | 0x%08X..%X | 0x%08X..%X | 0x%08X..%02X |\n", msr,
                    (unsigned)(vmbp_synic_msr(r, 15) & 0xFFu),
                    vmbp_synic_msr_nested(msr), (unsigned)(vmbp_synic_msr_nested(
                                                               vmbp_synic_msr(r, 15)) &
                                                           0xFFu),
                    vmbp_synic_reg_name(r, 0), (unsigned)(vmbp_synic_reg_name(r, 15) & 0xFFu));
        else
            fprintf(f, "| %s | 0x%08X | 0x%08X | 0x%08X |\n",
                    vmbp_synic_reg_desc(r, false)->name, msr, vmbp_synic_msr_nested(msr),
                    vmbp_synic_reg_name(r, 0));
    }
    md_end(f, "synic-registers");

    md_begin(f, "synic-register-fields");
    fputs("| register | bits | field | meaning |\n"
          "|----------|------|-------|---------|\n",
          f);
    for (i = 0; i < VMBPI_N(synic_regs) + 1; i++) {
        const struct vmbp_reg_desc *d =
            i < VMBPI_N(synic_regs) ? vmbp_synic_reg_desc(synic_regs[i], false)
                                    : vmbp_synic_reg_desc(VMBP_SYNIC_SINT, true);
        size_t k;
        char bits[16], rsv[128], name[48];

        for (k = 0; k < d->nfields; k++) {
            const char *cells[4];

            md_range(bits, sizeof(bits), d->fields[k].shift, d->fields[k].width);
            snprintf(name, sizeof(name), "`%s`", d->fields[k].name);
            cells[0] = k == 0 ? d->name : "";
            cells[1] = bits;
            cells[2] = name;
            cells[3] = d->fields[k].meaning;
            md_row(f, cells, 4);
        }
        if (d->rsvdp) {
            const char *cells[] = {d->nfields ? "" : d->name, rsv, "RsvdP",
                                   "reserved, preserved on write"};

            md_reserved(rsv, sizeof(rsv), d->rsvdp);
            md_row(f, cells, 4);
        }
        if (d->rsvdz) {
            const char *cells[] = {d->nfields ? "" : d->name, rsv, "RsvdZ",
                                   "reserved, written as zero"};

            md_reserved(rsv, sizeof(rsv), d->rsvdz);
            md_row(f, cells, 4);
        }
    }
    md_end(f, "synic-register-fields");
}

int vmbpi_schema_markdown(FILE *f)
{
    static const char *const families[] = {"connect", "offer", "channel", "gpadl", "hvsock"};
    size_t i;

    md_versions(f);
    md_features(f);
    md_types(f);
    for (i = 0; i < VMBPI_N(families); i++)
        md_family(f, families[i]);
    md_synic(f);
    return ferror(f) ? VMBPI_EXIT_USAGE : VMBPI_EXIT_VALID;
}
