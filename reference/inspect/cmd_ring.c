/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect ring: decode a ring image (a control page followed by the data area, as our
 * writer leaves it or as read from a uio_hv_generic channel's ring file: send ring then
 * receive ring) without changing it. Every unread packet between the read and the write
 * index is checked with the same rules the hardened reader applies (ring.h, packet.h); the
 * first rule broken is reported with its status and the file offset where it shows.
 */
#include "inspect.h"

#include <stdlib.h>
#include <string.h>

#include <vmbus_proto/hvdef.h>
#include <vmbus_proto/packet.h>
#include <vmbus_proto/ring.h>
#include <vmbus_proto/status.h>

/* Copy n bytes of the data area starting at ring offset pos, wrapping at size. */
static void ring_copy(const uint8_t *data, uint32_t size, uint32_t pos, uint8_t *dst,
                      uint32_t n)
{
    uint32_t first = size - pos < n ? size - pos : n;

    memcpy(dst, data + pos, first);
    memcpy(dst + first, data, n - first);
}

/* Where a ring rule broke: the control word or packet field, its value, what was allowed. */
struct ring_fault {
    const char *where;  /* "control page", "packet 3" */
    const char *field;  /* as the wire structs name it */
    size_t file_offset; /* of the field */
    uint64_t value;
    char allowed[128];
    long packet; /* 1-based, 0 for the control page */
    size_t packet_offset;
};

/* The rule of spec/ring.md a ring status stands for (read as an end attaching to the ring,
 * then reading every packet). */
static const char *ring_rule(enum vmbp_status st)
{
    switch (st) {
    case VMBP_E_RING_WRITE_INDEX:
    case VMBP_E_RING_READ_INDEX:
        return "VMBP-RING-010";
    case VMBP_E_RING_AVAIL_SHORT:
        return "VMBP-RING-011";
    case VMBP_E_RING_LEN_LT_OFFSET:
        return "VMBP-RING-012";
    case VMBP_E_RING_OFFSET_SHORT:
        return "VMBP-RING-013";
    case VMBP_E_RING_PKT_OVERRUN:
        return "VMBP-RING-014";
    case VMBP_E_RING_READ_PAST_WRITE:
        return "VMBP-RING-015";
    case VMBP_E_RING_PKT_TYPE:
        return "VMBP-RING-016";
    case VMBP_E_RING_PKT_FLAGS:
        return "VMBP-RING-017";
    case VMBP_E_RING_EXT_OFFSET:
        return "VMBP-RING-018";
    case VMBP_E_RING_RANGE_COUNT:
    case VMBP_E_RING_RANGE_BOUNDS:
        return "VMBP-RING-019";
    case VMBP_E_RING_PENDING_SZ:
        return "VMBP-RING-022";
    default:
        return NULL;
    }
}

static void report_fault(struct vmbpi_out *o, enum vmbp_status st, const struct ring_fault *f)
{
    const char *rule = ring_rule(st);

    vmbpi_obj_begin(o, "error");
    vmbpi_str(o, "status", vmbp_status_name(st));
    vmbpi_str(o, "meaning", vmbp_status_text(st));
    if (rule)
        vmbpi_str(o, "rule", rule);
    vmbpi_str(o, "where", f->where);
    if (f->packet > 0) {
        vmbpi_u64(o, "packet", (uint64_t)f->packet);
        vmbpi_hex(o, "packet_file_offset", f->packet_offset, 1);
    }
    vmbpi_str(o, "field", f->field);
    vmbpi_hex(o, "file_offset", f->file_offset, 1);
    vmbpi_u64(o, "value", f->value);
    vmbpi_str(o, "allowed", f->allowed);
    vmbpi_obj_end(o);
}

/* A control word's fault. */
static void control_fault(struct ring_fault *f, size_t base, const char *field, size_t off,
                          uint64_t value)
{
    memset(f, 0, sizeof(*f));
    f->where = "control page";
    f->field = field;
    f->file_offset = base + off;
    f->value = value;
}

/* The packet field that a descriptor or header status is about: each ring status names one
 * rule of one field (spec/ring.md VMBP-RING-011 to -019). */
static void packet_fault(struct ring_fault *f, enum vmbp_status st,
                         const struct vmbp_pkt_desc *d, const uint8_t *pkt, uint32_t avail,
                         uint32_t types, size_t data_base, uint32_t size, uint32_t pos)
{
    size_t off = offsetof(struct vmbp_pkt_desc_wire, len8);

    f->field = "len8";
    f->value = d->len8;
    switch (st) {
    case VMBP_E_RING_LEN_LT_OFFSET:
        snprintf(f->allowed, sizeof(f->allowed), "at least offset8 (%u)", d->offset8);
        break;
    case VMBP_E_RING_PKT_OVERRUN:
        snprintf(f->allowed, sizeof(f->allowed),
                 "at most %u: the packet and its 8-byte trailer within the %u bytes written",
                 avail >= VMBP_PKT_TRAILER_SIZE ? (avail - VMBP_PKT_TRAILER_SIZE) / 8u : 0u,
                 avail);
        break;
    case VMBP_E_RING_OFFSET_SHORT:
    case VMBP_E_RING_EXT_OFFSET:
        off = offsetof(struct vmbp_pkt_desc_wire, offset8);
        f->field = "offset8";
        f->value = d->offset8;
        snprintf(f->allowed, sizeof(f->allowed), "%s",
                 st == VMBP_E_RING_OFFSET_SHORT
                     ? "at least 2: the data after the 16-byte descriptor"
                     : "at least 3 and at most len8: room for the 24-byte header");
        break;
    case VMBP_E_RING_PKT_TYPE: {
        uint32_t t;
        size_t used = 0;

        off = offsetof(struct vmbp_pkt_desc_wire, type);
        f->field = "type";
        f->value = d->type;
        for (t = 0; t <= VMBP_PKT_TYPE_MAX && used < sizeof(f->allowed); t++)
            if (VMBP_PKT_TYPE_BIT(t) & types)
                used += (size_t)snprintf(f->allowed + used, sizeof(f->allowed) - used, "%s0x%x",
                                         used ? ", " : "one of ", (unsigned)t);
        break;
    }
    case VMBP_E_RING_PKT_FLAGS:
        off = offsetof(struct vmbp_pkt_desc_wire, flags);
        f->field = "flags";
        f->value = d->flags;
        snprintf(f->allowed, sizeof(f->allowed), "0 or 0x%x (completion requested)",
                 VMBP_PKT_FLAG_COMPLETION_REQUESTED);
        break;
    case VMBP_E_RING_RANGE_COUNT:
    case VMBP_E_RING_RANGE_BOUNDS:
        off = d->type == VMBP_PKT_DATA_XFER_PAGES
                  ? offsetof(struct vmbp_pkt_xfer_wire, range_count)
                  : offsetof(struct vmbp_pkt_gpa_direct_wire, range_count);
        f->field = "range_count";
        f->value = vmbp_load_le32(pkt + off);
        snprintf(f->allowed, sizeof(f->allowed), "%s",
                 st == VMBP_E_RING_RANGE_COUNT
                     ? "at least 1"
                     : "ranges (with their PFNs) that end by the data offset (offset8 * 8)");
        break;
    default:
        snprintf(f->allowed, sizeof(f->allowed), "%s", vmbp_status_text(st));
        break;
    }
    /* the field's place in the file: the packet may wrap at the end of the data area */
    f->file_offset = data_base + (size_t)(((uint64_t)pos + off) % size);
}

static void print_ranges(struct vmbpi_out *o, const uint8_t *pkt, const struct vmbp_pkt_desc *d,
                         uint32_t count)
{
    uint32_t i, pos = VMBP_PKT_EXT_HDR_SIZE;
    char buf[96];

    vmbpi_arr_begin(o, "ranges");
    for (i = 0; i < count; i++) {
        if (d->type == VMBP_PKT_DATA_XFER_PAGES) {
            uint32_t bc, bo;

            vmbp_pkt_xfer_range(pkt, i, &bc, &bo);
            snprintf(buf, sizeof(buf), "range %u: %u bytes at offset %u", i, bc, bo);
            if (o->json) {
                vmbpi_obj_begin(o, NULL);
                vmbpi_u64(o, "byte_count", bc);
                vmbpi_u64(o, "byte_offset", bo);
                vmbpi_obj_end(o);
            } else {
                vmbpi_str(o, NULL, buf);
            }
        } else {
            struct vmbp_pkt_gpa_range r;
            uint32_t j;

            if (vmbp_pkt_gpa_range_decode(pkt, pos, (uint32_t)d->offset8 * 8u, &r, &pos) !=
                VMBP_OK)
                break; /* validated before: cannot happen */
            if (o->json) {
                vmbpi_obj_begin(o, NULL);
                vmbpi_u64(o, "byte_count", r.byte_count);
                vmbpi_u64(o, "byte_offset", r.byte_offset);
                vmbpi_arr_begin(o, "pfns");
                for (j = 0; j < r.pfn_count && j < 64; j++)
                    vmbpi_hex(o, NULL, vmbp_load_le64(pkt + r.pfn_pos + 8u * j), 1);
                vmbpi_arr_end(o);
                vmbpi_obj_end(o);
            } else {
                snprintf(buf, sizeof(buf), "range %u: %u bytes at offset %u, %u PFNs", i,
                         r.byte_count, r.byte_offset, r.pfn_count);
                vmbpi_str(o, NULL, buf);
                for (j = 0; j < r.pfn_count && j < 64; j++)
                    vmbpi_hex(o, "  pfn", vmbp_load_le64(pkt + r.pfn_pos + 8u * j), 1);
            }
            if (vmbp_pkt_gpa_range_check(r.byte_offset, r.byte_count) != VMBP_OK)
                vmbpi_str(o, "note",
                          "empty range or offset beyond the first page (OpenVMM rejects it)");
        }
    }
    vmbpi_arr_end(o);
}

/* Decode one ring (control page + data). Returns the exit status. */
static int one_ring(struct vmbpi_out *o, const uint8_t *img, size_t n, size_t base,
                    const char *name, const struct vmbpi_ring_opts *opts)
{
    const uint8_t *ctl = img, *data = img + VMBP_RING_CONTROL_SIZE;
    uint32_t size, w, r, mask, pending, features, used = 0, pos, i, pending_masked = 0;
    uint32_t types = opts->legacy ? VMBP_PKT_TYPES_DEFINED : VMBP_PKT_TYPES_CURRENT;
    enum vmbp_status st;
    struct ring_fault fault;
    uint8_t *pkt = NULL;
    int rc = VMBPI_EXIT_VALID;

    vmbpi_obj_begin(o, o->json ? NULL : name);
    if (o->json)
        vmbpi_str(o, "ring", name);
    vmbpi_hex(o, "file_offset", base, 1);
    if (n <= VMBP_RING_CONTROL_SIZE || n - VMBP_RING_CONTROL_SIZE > VMBP_RING_DATA_MAX ||
        !vmbp_ring_size_valid((uint32_t)(n - VMBP_RING_CONTROL_SIZE))) {
        vmbpi_str(o, "status", "E_INVAL");
        vmbpi_str(o, "meaning",
                  "the image is not a 4096-byte control page followed by a data "
                  "area of 32 bytes or more, a multiple of 8");
        vmbpi_obj_end(o);
        return VMBPI_EXIT_USAGE;
    }
    size = (uint32_t)(n - VMBP_RING_CONTROL_SIZE);
    w = vmbp_load_le32(ctl + offsetof(struct vmbp_ring_control_wire, write_index));
    r = vmbp_load_le32(ctl + offsetof(struct vmbp_ring_control_wire, read_index));
    mask = vmbp_load_le32(ctl + offsetof(struct vmbp_ring_control_wire, interrupt_mask));
    pending = vmbp_load_le32(ctl + offsetof(struct vmbp_ring_control_wire, pending_send_sz));
    features = vmbp_load_le32(ctl + offsetof(struct vmbp_ring_control_wire, feature_bits));

    vmbpi_u64(o, "data_size", size);
    if (size % VMBP_HV_PAGE_SIZE != 0)
        vmbpi_str(o, "note",
                  "the data area is not whole 4096-byte pages, as no host's ring is "
                  "(allowed: the library's tests use such rings)");
    vmbpi_obj_begin(o, "control");
    vmbpi_hex(o, "write_index", w, 8);
    vmbpi_hex(o, "read_index", r, 8);
    vmbpi_hex(o, "interrupt_mask", mask, 8);
    vmbpi_hex(o, "pending_send_sz", pending, 8);
    vmbpi_hex(o, "feature_bits", features, 8);
    vmbpi_bool(o, "pending_send_sz_supported",
               (features & VMBP_RING_FEATURE_PENDING_SEND_SZ) != 0);
    vmbpi_obj_end(o);

    st = vmbp_ring_avail(size, w, r, &used);
    if (st != VMBP_OK) {
        bool wi = st == VMBP_E_RING_WRITE_INDEX;

        control_fault(&fault, base, wi ? "write_index" : "read_index",
                      wi ? offsetof(struct vmbp_ring_control_wire, write_index)
                         : offsetof(struct vmbp_ring_control_wire, read_index),
                      wi ? w : r);
        snprintf(fault.allowed, sizeof(fault.allowed),
                 "below the data size (%u) and a multiple of %u", size, VMBP_RING_ALIGN);
        report_fault(o, st, &fault);
        vmbpi_obj_end(o);
        return VMBPI_EXIT_INVALID;
    }
    vmbpi_u64(o, "bytes_used", used);
    vmbpi_u64(o, "bytes_free", size - used - VMBP_RING_ALIGN);
    vmbpi_u64(o, "fill_percent", (uint64_t)used * 100u / size);
    st = vmbp_ring_pending_check(size, pending, &pending_masked);
    if (st != VMBP_OK) {
        control_fault(&fault, base, "pending_send_sz",
                      offsetof(struct vmbp_ring_control_wire, pending_send_sz), pending);
        snprintf(fault.allowed, sizeof(fault.allowed), "at most the data size (%u)", size);
        report_fault(o, st, &fault);
        rc = VMBPI_EXIT_INVALID;
    }

    pkt = (uint8_t *)malloc(size);
    if (!pkt) {
        vmbpi_obj_end(o);
        return VMBPI_EXIT_USAGE;
    }
    vmbpi_arr_begin(o, "packets");
    pos = r;
    /* Every packet takes at least 24 bytes: the loop is bounded by used / 24. */
    for (i = 0; used > 0 && i <= size / 24u; i++) {
        struct vmbp_pkt_desc d;
        uint32_t len, count = 0, trailer_start;
        uint8_t tbuf[VMBP_PKT_TRAILER_SIZE];
        size_t file_off = base + VMBP_RING_CONTROL_SIZE + pos;
        char label[64];

        snprintf(label, sizeof(label), "packet %u", i + 1);
        memset(&fault, 0, sizeof(fault));
        fault.where = label;
        fault.packet = (long)i + 1;
        fault.packet_offset = file_off;
        if (used < VMBP_PKT_DESC_SIZE + VMBP_PKT_TRAILER_SIZE) {
            vmbpi_arr_end(o);
            fault.field = "write_index";
            fault.file_offset = base + offsetof(struct vmbp_ring_control_wire, write_index);
            fault.value = w;
            snprintf(fault.allowed, sizeof(fault.allowed),
                     "the read index, or at least %u bytes past it (a descriptor and a "
                     "trailer): it is %u past",
                     VMBP_PKT_DESC_SIZE + VMBP_PKT_TRAILER_SIZE, used);
            report_fault(o, VMBP_E_RING_AVAIL_SHORT, &fault);
            rc = VMBPI_EXIT_INVALID;
            goto out;
        }
        ring_copy(data, size, pos, pkt, VMBP_PKT_DESC_SIZE);
        vmbp_pkt_desc_decode(pkt, &d);
        st = vmbp_pkt_desc_validate(&d, used, types);
        if (st != VMBP_OK) {
            vmbpi_arr_end(o);
            packet_fault(&fault, st, &d, pkt, used, types, base + VMBP_RING_CONTROL_SIZE, size,
                         pos);
            report_fault(o, st, &fault);
            rc = VMBPI_EXIT_INVALID;
            goto out;
        }
        len = (uint32_t)d.len8 * 8u;
        ring_copy(data, size, pos, pkt, len);
        if (d.type == VMBP_PKT_DATA_XFER_PAGES)
            st = vmbp_pkt_xfer_validate(pkt, len, &count);
        else if (d.type == VMBP_PKT_DATA_GPA_DIRECT)
            st = vmbp_pkt_gpa_direct_validate(pkt, len, &count);
        if (st != VMBP_OK) {
            vmbpi_arr_end(o);
            packet_fault(&fault, st, &d, pkt, used, types, base + VMBP_RING_CONTROL_SIZE, size,
                         pos);
            report_fault(o, st, &fault);
            rc = VMBPI_EXIT_INVALID;
            goto out;
        }
        ring_copy(data, size, (uint32_t)(((uint64_t)pos + len) % size), tbuf, sizeof(tbuf));
        trailer_start =
            vmbp_load_le32(tbuf + offsetof(struct vmbp_pkt_trailer_wire, start_offset));

        snprintf(label, sizeof(label), "packet %u", i + 1);
        vmbpi_obj_begin(o, o->json ? NULL : label);
        vmbpi_hex(o, "file_offset", file_off, 1);
        vmbpi_hex(o, "ring_offset", pos, 1);
        vmbpi_u64(o, "type", d.type);
        vmbpi_str(o, "type_name", vmbp_pkt_type_name(d.type));
        vmbpi_u64(o, "offset8", d.offset8);
        vmbpi_u64(o, "len8", d.len8);
        vmbpi_hex(o, "flags", d.flags, 4);
        vmbpi_bool(o, "completion_requested",
                   (d.flags & VMBP_PKT_FLAG_COMPLETION_REQUESTED) != 0);
        vmbpi_hex(o, "transaction_id", d.trans_id, 16);
        vmbpi_u64(o, "data_bytes", len - (uint32_t)d.offset8 * 8u);
        if (d.type == VMBP_PKT_DATA_XFER_PAGES) {
            vmbpi_u64(
                o, "transfer_page_set",
                vmbp_load_le16(pkt + offsetof(struct vmbp_pkt_xfer_wire, xfer_pageset_id)));
        }
        if (count)
            print_ranges(o, pkt, &d, count);
        vmbpi_bytes(o, "payload", pkt + (size_t)d.offset8 * 8u, len - (size_t)d.offset8 * 8u,
                    opts->preview);
        vmbpi_hex(o, "trailer_start_offset", trailer_start, 1);
        vmbpi_bool(o, "trailer_matches", trailer_start == pos);
        vmbpi_obj_end(o);

        used -= len + VMBP_PKT_TRAILER_SIZE;
        pos = (uint32_t)(((uint64_t)pos + len + VMBP_PKT_TRAILER_SIZE) % size);
    }
    vmbpi_arr_end(o);
    vmbpi_str(o, "status", rc == VMBPI_EXIT_VALID ? "OK" : "invalid");
out:
    free(pkt);
    vmbpi_obj_end(o);
    return rc;
}

int vmbpi_ring(struct vmbpi_out *o, const uint8_t *p, size_t n,
               const struct vmbpi_ring_opts *opts)
{
    int rc, rc2;

    vmbpi_doc_begin(o);
    vmbpi_str(o, "kind", opts->pair ? "ring pair" : "ring");
    if (opts->input)
        vmbpi_str(o, "input", opts->input);
    vmbpi_arr_begin(o, "rings");
    if (!opts->pair) {
        rc = one_ring(o, p, n, 0, opts->host ? "host view" : "guest view", opts);
    } else if (n % 2 != 0) {
        rc = one_ring(o, p, n, 0, "pair", opts);
    } else {
        /* uio_hv_generic: the guest's send ring first, then its receive ring. */
        rc = one_ring(o, p, n / 2, 0,
                      opts->host ? "guest-to-host ring (host reads)"
                                 : "guest-to-host ring (guest send ring)",
                      opts);
        rc2 = one_ring(o, p + n / 2, n / 2, n / 2,
                       opts->host ? "host-to-guest ring (host writes)"
                                  : "host-to-guest ring (guest receive ring)",
                       opts);
        if (rc2 > rc)
            rc = rc2;
    }
    vmbpi_arr_end(o);
    vmbpi_doc_end(o);
    return rc;
}
