/* SPDX-License-Identifier: MIT */
#include "proof.h"
#include <vmbus_proto/packet.h>

#define PKT_BUF 65536u

static uint8_t pkt[PKT_BUF];

void proof_packet(void)
{
    struct vmbp_pkt_desc d;
    struct vmbp_pkt_gpa_range gr;
    size_t len;
    uint32_t count = 0, i, bc, bo, pos, next;
    enum vmbp_status st;
    const char *name;

    Frama_C_make_unknown((char *)pkt, sizeof(pkt));
    len = PROOF_ANY_SIZE(0, PKT_BUF);

    vmbp_pkt_desc_decode(pkt, &d);
    st = vmbp_pkt_desc_validate(&d, PROOF_ANY_U32(), PROOF_ANY_U32());
    name = vmbp_pkt_type_name(PROOF_ANY_U32());

    st = vmbp_pkt_xfer_validate(pkt, len, &count);
    if (st == VMBP_OK) {
        i = Frama_C_unsigned_int_interval(0, count - 1u);
        vmbp_pkt_xfer_range(pkt, i, &bc, &bo);
    }
    st = vmbp_pkt_gpa_direct_validate(pkt, len, &count);
    if (st == VMBP_OK) {
        /* the data offset, which the validator found within len */
        uint32_t end = (uint32_t)vmbp_load_le16(pkt + 2) * 8u;

        if (end > len)
            return;
        pos = VMBP_PKT_EXT_HDR_SIZE;
        for (i = 0; i < count; i++) {
            st = vmbp_pkt_gpa_range_decode(pkt, pos, end, &gr, &next);
            if (st != VMBP_OK)
                break;
            st = vmbp_pkt_gpa_range_check(gr.byte_offset, gr.byte_count);
            pos = next;
        }
    }
    /* a range head at any position, with any end inside the packet (the contract) */
    st = vmbp_pkt_gpa_range_decode(pkt, PROOF_ANY_U32(),
                                   Frama_C_unsigned_int_interval(0, (uint32_t)len), &gr, &next);
    (void)vmbp_pkt_gpa_pfn_count(PROOF_ANY_U32(), PROOF_ANY_U32());
    (void)vmbp_pkt_ring_bytes(PROOF_ANY_SIZE(0, SIZE_MAX));
    (void)name;
}
