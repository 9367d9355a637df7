/* SPDX-License-Identifier: MIT */
/*
 * Entry points: the reference ring reader (both sides: guest receive ring and host
 * receive ring) over a ring of RING_PAGES data pages whose control page and data the peer
 * rewrites between any two accesses (shared_model.h), opened with any flags, then any
 * sequence of reader calls with a private buffer of any capacity.
 */
#include "proof.h"
#include <vmbus_proto/vmbp_ring.h>

#ifndef RING_PAGES
#define RING_PAGES 1
#endif
#define DATA_BYTES (RING_PAGES * 4096u)
#define RING_BYTES (VMBP_RING_CONTROL_SIZE + DATA_BYTES)

static uint64_t ring_mem[RING_BYTES / 8u]; /* 8-byte aligned, as vmbp_ring_init requires */
static uint8_t pkt_buf[DATA_BYTES];

void proof_ring_read(void)
{
    struct vmbp_ring r;
    struct vmbp_pkt_in pkt;
    struct vmbp_ring_view view;
    enum vmbp_ring_role role =
        Frama_C_nondet(0, 1) ? VMBP_RING_GUEST_RECV : VMBP_RING_HOST_RECV;
    enum vmbp_status st;
    bool flag, more;

    Frama_C_make_unknown((char *)ring_mem, sizeof(ring_mem));
    st = vmbp_ring_init(&r, ring_mem, RING_BYTES, role, PROOF_ANY_U32());
    if (st != VMBP_OK)
        return;
    while (Frama_C_interval(0, 1)) {
        size_t cap = PROOF_ANY_SIZE(0, sizeof(pkt_buf));

        switch (Frama_C_interval(0, 8)) {
        case 0:
            st = vmbp_ring_read(&r, pkt_buf, cap, &pkt, &flag);
            break;
        case 1:
            st = vmbp_ring_peek(&r, pkt_buf, cap, &pkt);
            break;
        case 2:
            st = vmbp_ring_peek_inplace(&r, &view, &pkt);
            break;
        case 3:
            st = vmbp_ring_commit(&r, &flag, &more);
            break;
        case 4:
            st = vmbp_ring_mask_begin(&r);
            break;
        case 5:
            st = vmbp_ring_commit(&r, NULL, Frama_C_interval(0, 1) ? &more : NULL);
            break;
        case 6:
            st = vmbp_ring_write_commit(&r, &flag); /* wrong end: VMBP_E_STATE */
            break;
        case 7:
            st = vmbp_ring_release(&r);
            break;
        default:
            st = vmbp_ring_state(&r);
            break;
        }
    }
    (void)st;
}
