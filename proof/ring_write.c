/* SPDX-License-Identifier: MIT */
/*
 * Entry point: the reference ring writer (both sides: guest send ring and host send ring)
 * over a ring of RING_PAGES data pages whose control page and data the peer rewrites
 * between any two accesses (shared_model.h), opened with any flags, then any sequence of
 * writer calls: packets of any type, flags, header-extension length and transaction ID,
 * gathered from private buffers of unknown bytes.
 *
 * Gather lists: one segment of any length up to a little more than the data area (so that
 * packets too large for the ring are tried), or two to MAX_SEGS segments each shorter than
 * the data area (their sum may exceed it). The writer checks the sum before copying; Eva
 * cannot relate the lengths it reads again while copying to that sum, so a multi-segment
 * list with a segment longer than the whole data area is left out (it is rejected before
 * any copy). A segment with a NULL pointer is tried once, on its own.
 */
#include "proof.h"
#include <vmbus_proto/vmbp_ring.h>

#ifndef RING_PAGES
#define RING_PAGES 1
#endif
#define DATA_BYTES (RING_PAGES * 4096u)
#define RING_BYTES (VMBP_RING_CONTROL_SIZE + DATA_BYTES)
#define MAX_SEGS 3
#define SEG_BYTES (DATA_BYTES + 64u)

static uint64_t ring_mem[RING_BYTES / 8u]; /* 8-byte aligned, as vmbp_ring_init requires */
static uint8_t seg_buf[MAX_SEGS][SEG_BYTES];

static void any_packet(struct vmbp_pkt_out *pkt)
{
    pkt->type = (uint16_t)Frama_C_unsigned_int_interval(0, 0xFFFFu);
    pkt->flags = (uint16_t)Frama_C_unsigned_int_interval(0, 0xFFFFu);
    pkt->ext_len = PROOF_ANY_U32();
    pkt->trans_id = Frama_C_unsigned_long_long_interval(0, 0xFFFFFFFFFFFFFFFFull);
}

/* One writer call of any kind with this gather list. */
static void step(struct vmbp_ring *r, const struct vmbp_seg *segs, size_t nsegs)
{
    struct vmbp_pkt_out pkt;
    enum vmbp_status st;
    bool flag;

    any_packet(&pkt);
    switch (Frama_C_interval(0, 6)) {
    case 0:
        st = vmbp_ring_write(r, &pkt, segs, nsegs, &flag);
        break;
    case 1:
        st = vmbp_ring_write_add(r, &pkt, segs, nsegs);
        break;
    case 2:
        st = vmbp_ring_write_commit(r, &flag);
        break;
    case 3:
        st = vmbp_ring_pending_send_set(r, vmbp_ring_write_needed(r), &flag);
        break;
    case 4:
        st = vmbp_ring_pending_send_set(r, PROOF_ANY_U32(), &flag);
        break;
    case 5:
        st = vmbp_ring_commit(r, &flag, &flag); /* wrong end: VMBP_E_STATE */
        break;
    default:
        st = vmbp_ring_state(r);
        break;
    }
    (void)st;
}

void proof_ring_write(void)
{
    struct vmbp_ring r;
    struct vmbp_pkt_out pkt;
    struct vmbp_seg segs[MAX_SEGS], null_seg;
    enum vmbp_ring_role role =
        Frama_C_nondet(0, 1) ? VMBP_RING_GUEST_SEND : VMBP_RING_HOST_SEND;
    size_t i;

    Frama_C_make_unknown((char *)ring_mem, sizeof(ring_mem));
    Frama_C_make_unknown((char *)seg_buf, sizeof(seg_buf));
    if (vmbp_ring_init(&r, ring_mem, RING_BYTES, role, PROOF_ANY_U32()) != VMBP_OK)
        return;
    null_seg.ptr = NULL;
    null_seg.len = PROOF_ANY_SIZE(0, SEG_BYTES);
    any_packet(&pkt);
    (void)vmbp_ring_write_add(&r, &pkt, &null_seg, 1);
    while (Frama_C_interval(0, 1)) {
        if (Frama_C_interval(0, 1)) {
            segs[0].ptr = seg_buf[0];
            segs[0].len = PROOF_ANY_SIZE(0, SEG_BYTES);
            step(&r, segs, Frama_C_nondet(0, 1) ? 1 : 0);
        } else {
            for (i = 0; i < MAX_SEGS; i++) {
                segs[i].ptr = seg_buf[i];
                segs[i].len = PROOF_ANY_SIZE(0, DATA_BYTES - 1u);
            }
            step(&r, segs, PROOF_ANY_SIZE(2, MAX_SEGS));
        }
    }
}
