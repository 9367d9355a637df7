/* SPDX-License-Identifier: MIT */
/*
 * The canonical loops of the reference ring, shown by vmbp_ring.h's documentation and run by
 * tests/test_ring_signal_instrumented.c under every interleaving of the two ends. An end
 * waits for its peer's signal only where the loop returns to say so; everywhere else a
 * packet or free space could arrive that no signal announces (spec/ring.md, "Signalling").
 */
#include "ring_loops.h"

/* [consumer] */
enum vmbp_status ring_consume(struct vmbp_ring *rx, struct ring_loop_env *env)
{
    struct vmbp_pkt_in pkt;
    enum vmbp_status st;
    bool signal, more;

    do {
        if (env->mask) { /* optional: the writer need not signal what we drain anyway */
            st = vmbp_ring_mask_begin(rx);
            if (st != VMBP_OK)
                return st;
        }
        while ((st = vmbp_ring_peek(rx, env->buf, env->cap, &pkt)) == VMBP_OK)
            env->handle(env, &pkt); /* a copy: the peer cannot change it */
        if (st != VMBP_E_RING_EMPTY)
            return st; /* VMBP_E_NOSPACE: pkt.len needs a larger buffer; else BROKEN */
        /* End of the batch: publish, unmask, full barrier, re-check. */
        st = vmbp_ring_commit(rx, &signal, &more);
        if (st != VMBP_OK)
            return st;
        if (signal)
            env->signal_peer(env); /* the writer waits for the space we freed */
    } while (more);
    return VMBP_OK; /* wait for the writer's signal, then call again */
}
/* [consumer] */

/* [producer] */
enum vmbp_status ring_produce(struct vmbp_ring *tx, const struct vmbp_pkt_out *pkts,
                              const struct vmbp_seg *segs, size_t n, size_t *sent,
                              struct ring_loop_env *env)
{
    enum vmbp_status st = VMBP_OK, cst;
    bool signal, ready;

    for (;;) {
        while (*sent < n &&
               (st = vmbp_ring_write_add(tx, &pkts[*sent], &segs[*sent], 1)) == VMBP_OK)
            (*sent)++;
        cst = vmbp_ring_write_commit(tx, &signal); /* one index store for the batch */
        if (cst != VMBP_OK)
            return cst;
        if (signal)
            env->signal_peer(env); /* the ring was empty and the reader unmasked */
        if (*sent == n)
            return VMBP_OK;
        if (st == VMBP_E_RING_BATCH_FULL)
            continue; /* the batch is published now: add the packet again */
        if (st != VMBP_E_RING_FULL)
            return st; /* VMBP_E_INVAL: a packet that can never be written; else BROKEN */
        /* Ask for a signal when the space is free, then look again (full barrier). */
        st = vmbp_ring_pending_send_set(tx, vmbp_ring_write_needed(tx), &ready);
        if (st != VMBP_OK)
            return st;
        if (!ready)
            return VMBP_E_RING_FULL; /* wait for the reader's signal, then call again */
    }
}
/* [producer] */
