/* SPDX-License-Identifier: MIT */
/*
 * The canonical loops of the reference ring (ring_loops.c): what a consumer and a producer
 * do around vmbp_ring.h, with the caller's packet handling and signalling as callbacks.
 */
#ifndef VMBP_EXAMPLE_RING_LOOPS_H
#define VMBP_EXAMPLE_RING_LOOPS_H

#include <vmbus_proto/vmbp_ring.h>

/* The caller's side of a loop. */
struct ring_loop_env {
    void *buf;  /* consumer: private buffer for one packet */
    size_t cap; /* its bytes */
    bool mask;  /* consumer: mask interrupts while draining (fewer signals) */
    void (*handle)(struct ring_loop_env *env, const struct vmbp_pkt_in *pkt);
    void (*signal_peer)(struct ring_loop_env *env); /* event flag, monitor page or hypercall */
};

/* Drain the ring; VMBP_OK: wait for the writer's signal, then call again. */
enum vmbp_status ring_consume(struct vmbp_ring *rx, struct ring_loop_env *env);

/* Send a batch of n packets from *sent on; VMBP_OK: all sent; VMBP_E_RING_FULL: wait for
 * the reader's signal, then call again. */
enum vmbp_status ring_produce(struct vmbp_ring *tx, const struct vmbp_pkt_out *pkts,
                              const struct vmbp_seg *segs, size_t n, size_t *sent,
                              struct ring_loop_env *env);

#endif /* VMBP_EXAMPLE_RING_LOOPS_H */
