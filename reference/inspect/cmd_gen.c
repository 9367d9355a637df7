/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect gen: sample messages, SynIC slots and ring images, made with the library's
 * own encoders and ring writer. They are the bundled samples of the demo
 * (reference/inspect/samples/, regenerated and compared by a test) and seed inputs.
 */
#include "inspect.h"

#include <stdlib.h>
#include <string.h>

#include <vmbus_proto/devices.h>
#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/synic.h>

#include <vmbus_proto/vmbp_ring.h>

const char *const vmbpi_gen_kinds[] = {"offer",
                                       "initiate-contact",
                                       "version-response",
                                       "slot",
                                       "gpadl-header",
                                       "gpadl-split",
                                       "open-channel",
                                       "ring",
                                       "ring-pair",
                                       "ring-corrupt",
                                       NULL};

/* Ring samples: one control page and 8 KiB of data per ring. */
#define GEN_RING_DATA 8192u
#define GEN_RING_BYTES (VMBP_RING_CONTROL_SIZE + GEN_RING_DATA)

static const struct vmbp_guid scsi_instance = {{0x9b, 0x3a, 0x2f, 0x1c, 0x42, 0x7d, 0x4e, 0x11,
                                                0x8a, 0x33, 0x00, 0x15, 0x5d, 0x01, 0x02,
                                                0x03}};

static enum vmbp_status gen_offer(uint8_t *buf, size_t cap, size_t *len)
{
    struct vmbp_offer off;
    const struct vmbp_device_info *scsi = vmbp_device_lookup(VMBP_DEVICE_SCSI);

    memset(&off, 0, sizeof(off));
    off.variant = VMBP_MSGV_OFFER_CHANNEL;
    off.interface_type = scsi->guid;
    off.interface_instance = scsi_instance;
    off.flags =
        VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER | VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY;
    off.child_relid = 7;
    off.monitor_id = VMBP_MONITOR_ID_INVALID;
    off.is_dedicated_interrupt = 1;
    off.connection_id = 0x2007; /* channel 7, SINT 2 (OpenVMM formula) */
    return vmbp_msg_offer_encode(&off, buf, cap, len);
}

static enum vmbp_status gen_initiate_contact(uint8_t *buf, size_t cap, size_t *len)
{
    struct vmbp_initiate_contact ic;

    memset(&ic, 0, sizeof(ic));
    ic.variant = VMBP_MSGV_INITIATE_CONTACT_FEATURES;
    ic.version_requested = VMBP_VERSION_6_0;
    ic.target_sint = VMBP_SYNIC_VMBUS_SINT;
    ic.feature_flags = VMBP_FEATURE_CONFIDENTIAL_CHANNELS;
    ic.parent_to_child_monitor_gpa = 0x1000000;
    ic.child_to_parent_monitor_gpa = 0x1001000;
    return vmbp_msg_initiate_contact_encode(&ic, buf, cap, len);
}

static enum vmbp_status gen_version_response(uint8_t *buf, size_t cap, size_t *len)
{
    struct vmbp_version_response vr;

    memset(&vr, 0, sizeof(vr));
    vr.variant = VMBP_MSGV_VERSION_RESPONSE_FEATURES;
    vr.version_supported = 1;
    vr.msg_conn_id = VMBP_MESSAGE_CONNECTION_ID_MULTICLIENT;
    vr.supported_features = VMBP_FEATURE_CONFIDENTIAL_CHANNELS | VMBP_FEATURE_CLIENT_ID;
    return vmbp_msg_version_response_encode(&vr, buf, cap, len);
}

static enum vmbp_status gen_slot(uint8_t *buf, size_t cap, size_t *len)
{
    uint8_t msg[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t n = 0;
    enum vmbp_status st;

    if (cap < VMBP_SYNIC_MESSAGE_SIZE) {
        *len = VMBP_SYNIC_MESSAGE_SIZE;
        return VMBP_E_NOSPACE;
    }
    st = gen_version_response(msg, sizeof(msg), &n);
    if (st != VMBP_OK)
        return st;
    memset(buf, 0, VMBP_SYNIC_MESSAGE_SIZE);
    vmbp_store_le32(buf + offsetof(struct vmbp_synic_message_wire, message_type),
                    VMBP_SYNIC_MSG_TYPE_VMBUS);
    buf[offsetof(struct vmbp_synic_message_wire, payload_size)] = (uint8_t)n;
    buf[offsetof(struct vmbp_synic_message_wire, message_flags)] =
        VMBP_SYNIC_MESSAGE_FLAG_PENDING;
    memcpy(buf + offsetof(struct vmbp_synic_message_wire, payload), msg, n);
    *len = VMBP_SYNIC_MESSAGE_SIZE;
    return VMBP_OK;
}

static enum vmbp_status gen_gpadl_header(uint8_t *buf, size_t cap, size_t *len)
{
    static const uint64_t pfns[6] = {0x12340, 0x12341, 0x12342, 0x12343, 0x12344, 0x12345};
    struct vmbp_gpa_range range;
    struct vmbp_gpadl_plan plan;
    enum vmbp_status st;

    range.byte_count = 6 * 4096;
    range.byte_offset = 0;
    range.pfns = pfns;
    st = vmbp_gpadl_plan_init(&plan, 7, 0xE1E10, &range, 1);
    if (st != VMBP_OK)
        return st;
    return vmbp_gpadl_plan_message(&plan, 0, buf, cap, len);
}

/* A GPADL of two ranges, 60 words, as Linux would send it: GPADL_HEADER with 27 words and
 * two GPADL_BODY messages with 28 and 5, each in a SynIC message slot of its own. */
static enum vmbp_status gen_gpadl_split(uint8_t *buf, size_t cap, size_t *len)
{
    uint64_t ring_pfns[56], buf_pfns[2] = {0x2B000, 0x2B001};
    struct vmbp_gpa_range ranges[2];
    struct vmbp_gpadl_plan plan;
    enum vmbp_status st;
    uint32_t i;

    for (i = 0; i < 56; i++)
        ring_pfns[i] = 0x10A400u + i;
    ranges[0].byte_count = 56u * 4096u; /* a 224 KiB ring pair */
    ranges[0].byte_offset = 0;
    ranges[0].pfns = ring_pfns;
    ranges[1].byte_count = 5000; /* a buffer that starts 512 bytes into its page */
    ranges[1].byte_offset = 512;
    ranges[1].pfns = buf_pfns;
    st = vmbp_gpadl_plan_init(&plan, 7, 0xE1E11, ranges, 2);
    if (st != VMBP_OK)
        return st;
    *len = (size_t)plan.nmsgs * VMBP_SYNIC_MESSAGE_SIZE;
    if (cap < *len)
        return VMBP_E_NOSPACE;
    memset(buf, 0, *len);
    for (i = 0; i < plan.nmsgs; i++) {
        uint8_t *slot = buf + (size_t)i * VMBP_SYNIC_MESSAGE_SIZE;
        size_t n = 0;

        st = vmbp_gpadl_plan_message(&plan, i,
                                     slot + offsetof(struct vmbp_synic_message_wire, payload),
                                     VMBP_SYNIC_MESSAGE_PAYLOAD_MAX, &n);
        if (st != VMBP_OK)
            return st;
        vmbp_store_le32(slot + offsetof(struct vmbp_synic_message_wire, message_type),
                        VMBP_SYNIC_MSG_TYPE_VMBUS);
        slot[offsetof(struct vmbp_synic_message_wire, payload_size)] = (uint8_t)n;
    }
    return VMBP_OK;
}

static enum vmbp_status gen_open_channel(uint8_t *buf, size_t cap, size_t *len)
{
    struct vmbp_open_channel oc;

    memset(&oc, 0, sizeof(oc));
    oc.variant = VMBP_MSGV_OPEN_CHANNEL;
    oc.child_relid = 7;
    oc.open_id = 7;
    oc.ring_buffer_gpadl = 0xE1E10;
    oc.target_vp = 0;
    oc.downstream_ring_buffer_page_offset = 3;
    return vmbp_msg_open_channel_encode(&oc, buf, cap, len);
}

/* A host-to-guest ring as a guest finds it: an in-band request, a completion, a
 * transfer-page packet with two ranges and a GPA-direct packet with one range. */
static enum vmbp_status fill_ring(uint8_t *mem, bool reply_only)
{
    static const char hello[] = "VMBus says hello";
    struct vmbp_ring w;
    struct vmbp_pkt_out pkt;
    struct vmbp_seg seg[2];
    uint8_t ext[40];
    uint8_t data[64];
    bool signal = false;
    enum vmbp_status st;

    memset(mem, 0, GEN_RING_BYTES);
    st = vmbp_ring_init(&w, mem, GEN_RING_BYTES, VMBP_RING_HOST_SEND, VMBP_RING_F_RESET);
    if (st != VMBP_OK)
        return st;
    memset(&pkt, 0, sizeof(pkt));
    pkt.type = VMBP_PKT_DATA_INBAND;
    pkt.flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
    pkt.trans_id = 1;
    seg[0].ptr = hello;
    seg[0].len = sizeof(hello) - 1;
    st = vmbp_ring_write_add(&w, &pkt, seg, 1);
    if (st != VMBP_OK || reply_only)
        goto commit;

    pkt.type = VMBP_PKT_COMPLETION;
    pkt.flags = 0;
    pkt.trans_id = 0x1000;
    memset(data, 0, 8);
    vmbp_store_le32(data, 0);
    seg[0].ptr = data;
    seg[0].len = 8;
    st = vmbp_ring_write_add(&w, &pkt, seg, 1);
    if (st != VMBP_OK)
        goto commit;

    /* transfer pages: set 1, two ranges of the receive buffer */
    memset(ext, 0, sizeof(ext));
    vmbp_store_le16(ext + 0, 1);
    vmbp_store_le32(ext + 4, 2);
    vmbp_store_le32(ext + 8, 1514);
    vmbp_store_le32(ext + 12, 0);
    vmbp_store_le32(ext + 16, 60);
    vmbp_store_le32(ext + 20, 4096);
    pkt.type = VMBP_PKT_DATA_XFER_PAGES;
    pkt.flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
    pkt.trans_id = 2;
    pkt.ext_len = 24;
    memset(data, 0xA5, 16);
    seg[0].ptr = ext;
    seg[0].len = 24;
    seg[1].ptr = data;
    seg[1].len = 16;
    st = vmbp_ring_write_add(&w, &pkt, seg, 2);
    if (st != VMBP_OK)
        goto commit;

    /* GPA direct: one range of 6000 bytes at offset 512, so two pages */
    memset(ext, 0, sizeof(ext));
    vmbp_store_le32(ext + 4, 1);
    vmbp_store_le32(ext + 8, 6000);
    vmbp_store_le32(ext + 12, 512);
    vmbp_store_le64(ext + 16, 0x5A000);
    vmbp_store_le64(ext + 24, 0x5A001);
    pkt.type = VMBP_PKT_DATA_GPA_DIRECT;
    pkt.trans_id = 3;
    pkt.ext_len = 32;
    memset(data, 0x3C, 24);
    seg[0].ptr = ext;
    seg[0].len = 32;
    seg[1].ptr = data;
    seg[1].len = 24;
    st = vmbp_ring_write_add(&w, &pkt, seg, 2);
commit:
    if (st != VMBP_OK)
        return st;
    return vmbp_ring_write_commit(&w, &signal);
}

static enum vmbp_status gen_ring(uint8_t *buf, size_t cap, size_t *len, int which)
{
    size_t need = which == 1 ? 2u * GEN_RING_BYTES : GEN_RING_BYTES;
    enum vmbp_status st;

    *len = need;
    if (cap < need)
        return VMBP_E_NOSPACE;
    if (which == 1) {
        /* uio_hv_generic layout: the guest's send ring, then its receive ring */
        st = fill_ring(buf, true);
        if (st == VMBP_OK)
            st = fill_ring(buf + GEN_RING_BYTES, false);
        return st;
    }
    st = fill_ring(buf, false);
    if (st == VMBP_OK && which == 2) {
        /* the second packet's data offset now points inside its descriptor */
        uint32_t second = VMBP_PKT_DESC_SIZE + 16u + VMBP_PKT_TRAILER_SIZE;

        vmbp_store_le16(buf + VMBP_RING_CONTROL_SIZE + second + 2u, 1);
    }
    return st;
}

int vmbpi_gen(const char *kind, uint8_t **out, size_t *outlen, size_t *record, FILE *err)
{
    size_t cap = 2u * GEN_RING_BYTES, len = 0;
    uint8_t *buf = (uint8_t *)calloc(1, cap);
    enum vmbp_status st;

    if (!buf) {
        fprintf(err, "vmbp-inspect: out of memory\n");
        return VMBPI_EXIT_USAGE;
    }
    if (strcmp(kind, "offer") == 0)
        st = gen_offer(buf, cap, &len);
    else if (strcmp(kind, "initiate-contact") == 0)
        st = gen_initiate_contact(buf, cap, &len);
    else if (strcmp(kind, "version-response") == 0)
        st = gen_version_response(buf, cap, &len);
    else if (strcmp(kind, "slot") == 0)
        st = gen_slot(buf, cap, &len);
    else if (strcmp(kind, "gpadl-header") == 0)
        st = gen_gpadl_header(buf, cap, &len);
    else if (strcmp(kind, "gpadl-split") == 0)
        st = gen_gpadl_split(buf, cap, &len);
    else if (strcmp(kind, "open-channel") == 0)
        st = gen_open_channel(buf, cap, &len);
    else if (strcmp(kind, "ring") == 0)
        st = gen_ring(buf, cap, &len, 0);
    else if (strcmp(kind, "ring-pair") == 0)
        st = gen_ring(buf, cap, &len, 1);
    else if (strcmp(kind, "ring-corrupt") == 0)
        st = gen_ring(buf, cap, &len, 2);
    else {
        free(buf);
        fprintf(err, "vmbp-inspect: gen: unknown kind '%s' (see --help)\n", kind);
        return VMBPI_EXIT_USAGE;
    }
    if (st != VMBP_OK) {
        free(buf);
        fprintf(err, "vmbp-inspect: gen %s: %s\n", kind, vmbp_status_str(st));
        return VMBPI_EXIT_INVALID;
    }
    *out = buf;
    *outlen = len;
    *record = strcmp(kind, "gpadl-split") == 0 ? VMBP_SYNIC_MESSAGE_SIZE : 0;
    return VMBPI_EXIT_VALID;
}
