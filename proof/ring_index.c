/* SPDX-License-Identifier: MIT */
#include "proof.h"
#include <vmbus_proto/ring.h>

void proof_ring_index(void)
{
    uint32_t size = PROOF_ANY_U32(), w = PROOF_ANY_U32(), r = PROOF_ANY_U32();
    uint32_t out = 0;
    enum vmbp_status st;
    bool b;

    b = vmbp_ring_size_valid(size);
    b = vmbp_ring_index_valid(size, w);
    st = vmbp_ring_avail(size, w, r, &out);
    st = vmbp_ring_free(size, w, r, &out);
    st = vmbp_ring_advance(size, w, PROOF_ANY_U32(), &out);
    out = vmbp_ring_index_add(size, w, r);
    out = vmbp_ring_index_dist(size, w, r);
    st = vmbp_ring_read_index_check(size, w, r, PROOF_ANY_U32());
    st = vmbp_ring_write_index_check(size, r, w, PROOF_ANY_U32());
    st = vmbp_ring_read_index_accept(size, w, r, PROOF_ANY_U32());
    st = vmbp_ring_write_index_accept(size, r, w, PROOF_ANY_U32());
    st = vmbp_ring_pending_check(size, PROOF_ANY_U32(), &out);
    b = vmbp_ring_writer_wakeup(PROOF_ANY_U32(), PROOF_ANY_U32(), PROOF_ANY_U32());
    b = vmbp_ring_reader_wakeup(PROOF_ANY_U32(), PROOF_ANY_U32(), PROOF_ANY_U32());
    (void)st;
    (void)b;
}
