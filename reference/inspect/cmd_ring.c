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

#include <vmbus_proto/packet.h>
#include <vmbus_proto/ring.h>
#include <vmbus_proto/status.h>

/* Copy n bytes of the data area starting at ring offset pos, wrapping at size. */
static void ring_copy(const uint8_t *data, uint32_t size, uint32_t pos, uint8_t *dst, uint32_t n)
{
    uint32_t first = size - pos < n ? size - pos : n;

    memcpy(dst, data + pos, first);
    memcpy(dst + first, data, n - first);
}

static void report_error(struct vmbpi_out *o, enum vmbp_status st, size_t file_off,
                         const char *what)
{
    vmbpi_obj_begin(o, "error");
    vmbpi_str(o, "status", vmbp_status_name(st));
    vmbpi_str(o, "rule", vmbp_status_text(st));
    vmbpi_hex(o, "file_offset", file_off, 1);
    vmbpi_str(o, "where", what);
    vmbpi_obj_end(o);
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
    uint8_t *pkt = NULL;
    int rc = VMBPI_EXIT_VALID;

    vmbpi_obj_begin(o, o->json ? NULL : name);
    if (o->json)
        vmbpi_str(o, "ring", name);
    vmbpi_hex(o, "file_offset", base, 1);
    if (n <= VMBP_RING_CONTROL_SIZE || n - VMBP_RING_CONTROL_SIZE > VMBP_RING_DATA_MAX ||
        !vmbp_ring_size_valid((uint32_t)(n - VMBP_RING_CONTROL_SIZE))) {
        vmbpi_str(o, "status", "E_INVAL");
        vmbpi_str(o, "rule", "the image is not a 4096-byte control page followed by a data "
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
        report_error(o, st, base + (st == VMBP_E_RING_WRITE_INDEX ? 0u : 4u),
                     st == VMBP_E_RING_WRITE_INDEX ? "write_index" : "read_index");
        vmbpi_obj_end(o);
        return VMBPI_EXIT_INVALID;
    }
    vmbpi_u64(o, "bytes_used", used);
    vmbpi_u64(o, "bytes_free", size - used - VMBP_RING_ALIGN);
    vmbpi_u64(o, "fill_percent", (uint64_t)used * 100u / size);
    st = vmbp_ring_pending_check(size, pending, &pending_masked);
    if (st != VMBP_OK) {
        report_error(o, st, base + 12u, "pending_send_sz");
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

        if (used < VMBP_PKT_DESC_SIZE + VMBP_PKT_TRAILER_SIZE) {
            vmbpi_arr_end(o);
            report_error(o, VMBP_E_RING_AVAIL_SHORT, file_off, "packet descriptor");
            rc = VMBPI_EXIT_INVALID;
            goto out;
        }
        ring_copy(data, size, pos, pkt, VMBP_PKT_DESC_SIZE);
        vmbp_pkt_desc_decode(pkt, &d);
        st = vmbp_pkt_desc_validate(&d, used, types);
        if (st != VMBP_OK) {
            vmbpi_arr_end(o);
            snprintf(label, sizeof(label), "descriptor of packet %u", i + 1);
            report_error(o, st, file_off, label);
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
            snprintf(label, sizeof(label), "ranges of packet %u", i + 1);
            report_error(o, st, file_off + VMBP_PKT_EXT_HDR_SIZE - 8u, label);
            rc = VMBPI_EXIT_INVALID;
            goto out;
        }
        ring_copy(data, size, (uint32_t)(((uint64_t)pos + len) % size), tbuf, sizeof(tbuf));
        trailer_start = vmbp_load_le32(tbuf + offsetof(struct vmbp_pkt_trailer_wire,
                                                       start_offset));

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
            vmbpi_u64(o, "transfer_page_set",
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

int vmbpi_ring(struct vmbpi_out *o, const uint8_t *p, size_t n, const struct vmbpi_ring_opts *opts)
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
