/* SPDX-License-Identifier: MIT */
/*
 * Entry point: every channel-message validator and decoder over a 240-byte buffer whose
 * bytes are all unknown, with an unknown length 0..240, negotiated version and features,
 * and accepted direction (in and out of range). Also the field reader of every variant's
 * field table and the offer overlays (hv_sock, named pipe) of any decoded offer.
 */
#include "proof.h"
#include <vmbus_proto/msg_dispatch.h>
#include "msg_input.h"

static uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];

/* One statement per type of the codec list: its decoder into its member of the union. */
#define PROOF_DECODE(type, decode, encode, tag, member, family)                                \
    st = decode(buf, len, &ctx, &out.u.member);

void proof_msg_validate(void)
{
    struct vmbp_ctx ctx;
    struct vmbp_msg out;
    struct vmbp_offer offer;
    struct vmbp_offer_hvsock hvsock;
    struct vmbp_offer_pipe pipe;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    const struct vmbp_msg_field *tab;
    size_t len, nfields = 0, k;
    unsigned vi;
    uint32_t type = 0;
    uint64_t value = 0;
    enum vmbp_dir dir;
    enum vmbp_status st;

    proof_any_msg(buf, sizeof(buf), &len, &ctx, &dir);

    st = vmbp_msg_header_type(buf, len, &type);
    st = vmbp_msg_select(buf, len, &ctx, dir, &v);
    st = vmbp_msg_validate(buf, len, &ctx, dir);
    st = vmbp_msg_decode(buf, len, &ctx, dir, &out);
    st = vmbp_msg_validate(NULL, len, &ctx, dir);
    st = vmbp_msg_validate(buf, len, NULL, dir);
    st = vmbp_msg_decode(buf, len, &ctx, dir, NULL);

    /* each family decoder on its own, with any bytes (type included): the codec list of
     * msg_dispatch.h, one call per type (PROOF_DECODE above) */
    VMBP_MSG_CODEC_LIST(PROOF_DECODE)

    /* every variant's decoder without framing, on the same bytes (the fault report,
     * vmbp_msg_validate_fault(), is the entry point of msg_fault.c) */
    for (vi = 0; vi <= (unsigned)VMBP_MSGV_COUNT; vi++)
        st = vmbp_msg_decode_variant((enum vmbp_msg_variant)vi, buf, len, &ctx, &out);

    /* every field of every variant's table, read from the same unknown bytes */
    for (vi = 0; vi <= (unsigned)VMBP_MSGV_COUNT; vi++) {
        tab = vmbp_msg_fields((enum vmbp_msg_variant)vi, &nfields);
        for (k = 0; tab && k < nfields; k++)
            st = vmbp_msg_field_wire_get(&tab[k], buf, len, &value);
    }

    /* the overlays of the user-defined area of any offer */
    Frama_C_make_unknown((char *)&offer, sizeof(offer));
    st = vmbp_msg_offer_hvsock_get(&offer, &hvsock);
    st = vmbp_msg_offer_pipe_get(&offer, &pipe);
    (void)st;
}
