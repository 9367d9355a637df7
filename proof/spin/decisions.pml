/* SPDX-License-Identifier: MIT */
/*
 * The decisions of the reference ring (reference/vmbp_ring.c), one inline each, shared by
 * the model (ring.pml) and the table it is checked against the C code with (tables.pml,
 * check_tables.c). Indices and sizes are in 8-byte units; SIZE is the data area.
 */
#ifndef SIZE
#define SIZE 8
#endif

/* units from index a forward to index b (ring_dist) */
#define DIST(a, b) ((b) >= (a) -> (b) - (a) : SIZE - ((a) - (b)))
/* free units with the writer at w and the reader at r: one unit stays empty (VMBP-RING-003) */
#define FREE(r, w) (SIZE - DIST(r, w) - 1)

#define ST_OK 0
#define ST_FULL 1
#define ST_BATCH_FULL 2
#define ST_EMPTY 3

/* Writer commit (VMBP-RING-020): signal only when the ring was empty before the batch (the
 * read index loaded after the barrier is the old write index) and the reader is unmasked. */
inline d_reader_wakeup(old, rd, mask, sig)
{
    sig = (mask == 0 && rd == old)
}

/* Writer add: does `total` fit beside the batch? Known space first; when short, the read
 * index is loaded (VMBP-RING-015) and the space computed again; still short: the batch and
 * the packet can never fit (BATCH_FULL) or the writer waits for `needed` (VMBP-RING-005). */
inline d_add_fits(priv, peer, total, fits)
{
    fits = (total <= FREE(peer, priv))
}

inline d_add_short(priv, pub, total, st, needed)
{
    if
    :: total > SIZE - 1 - DIST(pub, priv) -> st = ST_BATCH_FULL; needed = 0
    :: else -> st = ST_FULL; needed = DIST(pub, priv) + total
    fi
}

/* Writer pending_send_set (VMBP-RING-023): after the barrier, is the space already there? */
inline d_ready(rd, pub, want, ready)
{
    ready = (FREE(rd, pub) >= want)
}

/* Reader publish (VMBP-RING-021): with the feature bit and a non-zero pending_send_sz, did
 * the `since` units consumed since the last decision (VMBP-RING-032) lift the free space
 * (computed with the write index loaded after the barrier) across it? The space before is
 * SIZE - 1 - since - DIST(pub, w), none when that is not positive. */
inline d_writer_wakeup(since, pub, w, pss, sig)
{
    sig = (pss != 0 && SIZE - 1 < pss + since + DIST(pub, w) && pss <= FREE(pub, w))
}
