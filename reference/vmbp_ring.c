/* SPDX-License-Identifier: MIT */
/*
 * Reference ring buffer (spec/ring.md). Every access to the ring goes through shared.h;
 * every value loaded from it is validated before use and only the validated local is used.
 * Freestanding: only the vmbus_proto headers (no libc).
 *
 * Barrier pairs (spec/ring.md, "Ordering"):
 *  [P] writer: data stores, then write_index store-release  /  reader: write_index
 *      load-acquire, then data loads.
 *  [C] reader: data loads, then read_index store-release  /  writer: read_index load-acquire,
 *      then data stores (the writer never overwrites bytes still being read).
 *  [W] writer: write_index store, full barrier, load interrupt_mask and read_index  /
 *      reader (commit): read_index and interrupt_mask stores, full barrier, load write_index.
 *  [F] reader (commit): read_index store, full barrier, load pending_send_sz and write_index /
 *      writer (pending_send_set): pending_send_sz store, full barrier, load read_index.
 * In [W] and [F] at least one side sees the other's store, so no wakeup is lost
 * (proof/spin/ checks it on a model with store buffers).
 */
#include <vmbus_proto/vmbp_ring.h>

#include <vmbus_proto/shared.h>

#define RING_WRITER(role) ((role) == VMBP_RING_GUEST_SEND || (role) == VMBP_RING_HOST_SEND)
#define RING_READER(role) ((role) == VMBP_RING_GUEST_RECV || (role) == VMBP_RING_HOST_RECV)
#define RING_KNOWN_FLAGS                                                                       \
    (VMBP_RING_F_RESET | VMBP_RING_F_TRUSTED | VMBP_RING_F_LEGACY_TYPES |                      \
     VMBP_RING_F_START_MASKED | VMBP_RING_F_START_UNMASKED)
#define RING_START_FLAGS (VMBP_RING_F_START_MASKED | VMBP_RING_F_START_UNMASKED)

/* r->mode, decided once from the role and kept with the state: which calls run, so that the
 * entry check of every call is one comparison. */
#define RING_MODE_NONE 0u   /* BROKEN, or init failed: every call returns r->state */
#define RING_MODE_WRITER 1u /* a writer end, OK */
#define RING_MODE_READER 2u /* a reader end, OK */
/* a reader end, OK, that released packets since its last writer decision (VMBP-RING-032):
 * every reader call but vmbp_ring_read() runs as in RING_MODE_READER (ring_runs_reader()),
 * which takes another path to decide for them too, so that its own path need not look */
#define RING_MODE_RELEASED (RING_MODE_READER | 4u)

/*
 * Code layout for GCC and clang, no effect on behaviour: the per-packet steps are inlined
 * into the public functions, and the steps taken only on a violation or a rare event stay
 * out of line, so the common path is straight code with few registers to save.
 */
#if defined(__GNUC__) || defined(__clang__)
#define RING_HOT static inline __attribute__((__always_inline__))
#define RING_COLD static __attribute__((__noinline__, __cold__))
#define RING_NOINLINE static __attribute__((__noinline__))
#define RING_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define RING_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define RING_HOT VMBP_INLINE
#define RING_COLD static
#define RING_NOINLINE static
#define RING_UNLIKELY(x) (x)
#define RING_LIKELY(x) (x)
#endif

/*
 * Record a violation: the ring becomes BROKEN with it, the first one sticks, and every later
 * call returns it. Called only on a ring found OK at the entry of the public call, which then
 * returns at once: st is both the ring's first violation and the call's status.
 */
RING_COLD enum vmbp_status ring_mark_broken(struct vmbp_ring *r, enum vmbp_status st)
{
    if (r->state == VMBP_OK)
        r->state = st;
    r->mode = RING_MODE_NONE;
    return st;
}

/* Whether the calls of an end of kind `mode` run on r (one test; see r->mode). */
RING_HOT bool ring_runs(const struct vmbp_ring *r, unsigned mode)
{
    return RING_LIKELY(r != NULL && r->mode == mode);
}

/* Whether the calls of a reader run on r: RING_MODE_READER or RING_MODE_RELEASED (one test). */
RING_HOT bool ring_runs_reader(const struct vmbp_ring *r)
{
    return RING_LIKELY(r != NULL && (r->mode & RING_MODE_READER) != 0);
}

/* Why they do not: no ring (VMBP_E_INVAL), BROKEN (its status), or the other end
 * (VMBP_E_STATE). */
RING_COLD enum vmbp_status ring_refused(const struct vmbp_ring *r)
{
    if (!r)
        return VMBP_E_INVAL;
    return r->state != VMBP_OK ? r->state : VMBP_E_STATE;
}

RING_HOT enum vmbp_status ring_break(struct vmbp_ring *r, enum vmbp_status st)
{
    /* (st is a violation, never VMBP_OK; said again so that compilers know it) */
    st = ring_mark_broken(r, st);
    return st != VMBP_OK ? st : VMBP_E_STATE;
}

/*
 * Index n bytes after idx (valid), wrapping; n <= size: ring.h's arithmetic (one conditional
 * subtraction, every size). No case needs the relation between idx and n, so the result's
 * bound is plain to see (and to an analyser).
 */
RING_HOT uint32_t ring_add(uint32_t size, uint32_t idx, uint32_t n)
{
    return vmbp_ring_index_add(size, idx, n);
}

/* Bytes from a to b going forward; both valid indices of a ring of `size` data bytes. */
RING_HOT uint32_t ring_dist(uint32_t size, uint32_t a, uint32_t b)
{
    return vmbp_ring_index_dist(size, a, b);
}

/* Copy n <= size bytes at ring offset off (valid) out of the ring, wrapping once. */
RING_NOINLINE void ring_get(volatile const uint8_t *data, uint32_t size, uint32_t off,
                            void *dst, uint32_t n)
{
    uint32_t first = size - off;

    if (n <= first) {
        vmbp_shared_copy_from(dst, data + off, n);
    } else {
        vmbp_shared_copy_from(dst, data + off, first);
        vmbp_shared_copy_from((uint8_t *)dst + first, data, n - first);
    }
}

/* Copy 0 < n < size bytes into the ring at offset off (valid), wrapping once; new offset. */
RING_HOT uint32_t ring_put(volatile uint8_t *data, uint32_t size, uint32_t off, const void *src,
                           size_t n)
{
    uint32_t first = size - off, len = (uint32_t)n;

    if (len < first) {
        vmbp_shared_copy_to(data + off, src, len);
        return off + len;
    }
    vmbp_shared_copy_to(data + off, src, first);
    if (len > first)
        vmbp_shared_copy_to(data, (const uint8_t *)src + first, len - first);
    return len - first;
}

/*
 * ring_put_packet() for a packet that crosses the end of the data area: its last two words lie
 * in the first 8 or more bytes (the trailer never wraps, the padding word may be the data
 * area's last), the descriptor may be split in two words, the data wraps once.
 */
RING_NOINLINE void ring_put_wrapped(volatile uint8_t *data, uint32_t size, uint32_t start,
                                    const uint8_t *head, const uint8_t *tail, const void *src,
                                    size_t body)
{
    static const uint8_t zero[8];
    uint32_t total = vmbp_pkt_ring_bytes(body), end = total - (size - start);

    if (body % 8u != 0)
        vmbp_shared_copy_to(data + (end >= 2u * VMBP_RING_ALIGN ? end - 2u * VMBP_RING_ALIGN
                                                                : size - VMBP_RING_ALIGN),
                            zero, 8);
    if (start > size - VMBP_PKT_DESC_SIZE) {
        /* two aligned words: the last of the data area and the first */
        vmbp_shared_copy_to(data + start, head, 8);
        vmbp_shared_copy_to(data, head + 8, 8);
    } else {
        vmbp_shared_copy_to(data + start, head, VMBP_PKT_DESC_SIZE);
    }
    vmbp_shared_copy_to(data + end - VMBP_PKT_TRAILER_SIZE, tail, VMBP_PKT_TRAILER_SIZE);
    if (src && body)
        (void)ring_put(data, size, ring_add(size, start, VMBP_PKT_DESC_SIZE), src, body);
}

/*
 * Write the packet with `body` bytes after its descriptor at `start` (valid): the zeroed word
 * that holds the data's last bytes and the padding (when the body does not end on 8 bytes),
 * the descriptor `head`, the trailer `tail`, then the body from `src` (NULL: the caller copies
 * it, from a gather list). A packet that does not cross the end of the data area, the common
 * case, has every piece at a fixed distance from `start`.
 */
RING_HOT void ring_put_packet(volatile uint8_t *data, uint32_t size, uint32_t start,
                              const uint8_t *head, const uint8_t *tail, const void *src,
                              size_t body)
{
    static const uint8_t zero[8];
    uint32_t total = vmbp_pkt_ring_bytes(body);
    volatile uint8_t *p = data + start;

    if (RING_UNLIKELY(total > size - start)) {
        ring_put_wrapped(data, size, start, head, tail, src, body);
        return;
    }
    if (body % 8u != 0)
        vmbp_shared_copy_to(p + total - 2u * VMBP_RING_ALIGN, zero, 8);
    vmbp_shared_copy_to(p, head, 8);
    vmbp_shared_copy_to(p + 8, head + 8, 8);
    vmbp_shared_copy_to(p + total - VMBP_PKT_TRAILER_SIZE, tail, VMBP_PKT_TRAILER_SIZE);
    if (src && body)
        vmbp_shared_copy_to(p + VMBP_PKT_DESC_SIZE, src, body);
}

/*
 * Copy the packet of `len` bytes at `start` (valid; len at most size - 8), after its
 * descriptor, into buf + 16, each byte read once: one copy when the packet does not cross the
 * end of the data area.
 */
RING_HOT void ring_get_body(volatile const uint8_t *data, uint32_t size, uint32_t start,
                            uint8_t *buf, uint32_t len)
{
    if (len <= VMBP_PKT_DESC_SIZE)
        return;
    if (RING_LIKELY(len <= size - start)) {
        vmbp_shared_copy_from(buf + VMBP_PKT_DESC_SIZE, data + start + VMBP_PKT_DESC_SIZE,
                              len - VMBP_PKT_DESC_SIZE);
        return;
    }
    ring_get(data, size, ring_add(size, start, VMBP_PKT_DESC_SIZE), buf + VMBP_PKT_DESC_SIZE,
             len - VMBP_PKT_DESC_SIZE);
}

enum vmbp_status vmbp_ring_init(struct vmbp_ring *r, void *ring_mem, size_t ring_bytes,
                                enum vmbp_ring_role role, uint32_t flags)
{
    volatile struct vmbp_ring_control_wire *ctl;
    size_t data_bytes;
    uint32_t w, rd, i, start;

    if (!r)
        return VMBP_E_INVAL;
    /* An object whose init failed refuses every call, whatever it held before. */
    VMBP_MEMSET(r, 0, sizeof(*r));
    r->state = VMBP_E_STATE;
    if (!ring_mem || ((uintptr_t)ring_mem % 8u) != 0 || (flags & ~RING_KNOWN_FLAGS) ||
        !(RING_WRITER(role) || RING_READER(role)) || ring_bytes < VMBP_RING_CONTROL_SIZE)
        return VMBP_E_INVAL;
    /* A reader states its initial mask, a writer has none (VMBP-RING-031). */
    start = flags & RING_START_FLAGS;
    if (RING_READER(role) ? start == 0 || start == RING_START_FLAGS : start != 0)
        return VMBP_E_INVAL;
    data_bytes = ring_bytes - VMBP_RING_CONTROL_SIZE;
    if (data_bytes > VMBP_RING_DATA_MAX || !vmbp_ring_size_valid((uint32_t)data_bytes))
        return VMBP_E_INVAL;

    VMBP_MEMSET(r, 0, sizeof(*r));
    ctl = (volatile struct vmbp_ring_control_wire *)ring_mem;
    r->ctl = ctl;
    r->data = (volatile uint8_t *)ring_mem + VMBP_RING_CONTROL_SIZE;
    r->size = (uint32_t)data_bytes;
    r->role = (uint8_t)role;
    r->mode = (uint8_t)(RING_WRITER(role) ? RING_MODE_WRITER : RING_MODE_READER);
    /* The largest body: the packet (descriptor, body, padding, trailer) fits in size - 8
     * bytes, i.e. the body in size - 32 (sizes are multiples of 8), and len8 describes it. */
    r->max_body = r->size - (VMBP_PKT_DESC_SIZE + VMBP_PKT_TRAILER_SIZE + VMBP_RING_ALIGN);
    if (r->max_body > VMBP_PKT_MAX_LEN - VMBP_PKT_DESC_SIZE)
        r->max_body = VMBP_PKT_MAX_LEN - VMBP_PKT_DESC_SIZE;
    r->flags = (uint8_t)flags;
    r->types =
        (flags & VMBP_RING_F_LEGACY_TYPES) ? VMBP_PKT_TYPES_DEFINED : VMBP_PKT_TYPES_CURRENT;
    r->state = VMBP_OK;

    if (flags & VMBP_RING_F_RESET) {
        volatile uint32_t *word = &ctl->write_index;

        for (i = 0; i < VMBP_RING_CONTROL_SIZE / 4u; i++)
            vmbp_shared_store32(word + i, 0);
        vmbp_shared_store32(&ctl->feature_bits, VMBP_RING_FEATURE_PENDING_SEND_SZ);
    }
    if (RING_WRITER(role)) {
        vmbp_shared_store32(&ctl->pending_send_sz, 0);
        vmbp_shared_store32(&ctl->feature_bits, VMBP_RING_FEATURE_PENDING_SEND_SZ);
    } else {
        r->masked = (flags & VMBP_RING_F_START_MASKED) != 0;
        vmbp_shared_store32(&ctl->interrupt_mask, r->masked);
    }
    /* The stores above come before any later load of ours (the writer's first decision
     * sees them, or our first re-check sees its index). */
    vmbp_shared_mb();
    if (flags & VMBP_RING_F_RESET)
        return VMBP_OK;
    /* Attach: take the indices the other side left, once each, validated. */
    w = vmbp_shared_load32_acquire(&ctl->write_index);
    if (!vmbp_ring_index_valid(r->size, w))
        return ring_break(r, VMBP_E_RING_WRITE_INDEX);
    rd = vmbp_shared_load32_acquire(&ctl->read_index);
    if (!vmbp_ring_index_valid(r->size, rd))
        return ring_break(r, VMBP_E_RING_READ_INDEX);
    if (RING_WRITER(role)) {
        r->priv = r->pub = w;
        r->peer = rd;
    } else {
        r->priv = r->pub = rd;
        r->peer = w;
    }
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_state(const struct vmbp_ring *r)
{
    return r ? r->state : VMBP_E_INVAL;
}

/* ---- writer ------------------------------------------------------------------------- */

/*
 * Load the reader's index once and check it against what we published (VMBP-RING-015, the
 * rule of ring.h on our own state, valid by construction): valid, and no more bytes consumed
 * than were published.
 */
RING_HOT enum vmbp_status writer_load_peer(struct vmbp_ring *r)
{
    uint32_t rd = vmbp_shared_load32_acquire(&r->ctl->read_index);
    enum vmbp_status st = vmbp_ring_read_index_accept(r->size, r->pub, r->peer, rd);

    if (RING_UNLIKELY(st != VMBP_OK))
        return ring_break(r, st);
    r->peer = rd;
    return VMBP_OK;
}

/*
 * The space known from the last load of the read index is too small for `total` bytes:
 * load it again (VMBP-RING-015); VMBP_E_RING_FULL with the space to wait for if still short.
 */
RING_NOINLINE enum vmbp_status writer_make_room(struct vmbp_ring *r, uint32_t total)
{
    uint32_t size = r->size, start = r->priv;
    enum vmbp_status st = writer_load_peer(r);

    if (st != VMBP_OK)
        return st;
    if (total > size - ring_dist(size, r->peer, start) - VMBP_RING_ALIGN) {
        uint32_t unpublished = ring_dist(size, r->pub, start);

        /* The reader cannot free bytes it has not been shown: when the batch and the packet
         * together exceed what the ring can ever hold free, waiting would never end. */
        if (total > size - VMBP_RING_ALIGN - unpublished) {
            r->needed = 0;
            return VMBP_E_RING_BATCH_FULL;
        }
        r->needed = unpublished + total;
        return VMBP_E_RING_FULL;
    }
    return VMBP_OK;
}

/* Copy n bytes at offset off of the bytes a gather list describes into dst; the list holds at
 * least off + n bytes (its entries were checked). */
RING_NOINLINE void segs_read(const struct vmbp_seg *segs, size_t nsegs, size_t off,
                             uint8_t *dst, size_t n)
{
    size_t i, j = 0;

    /* byte by byte: every index is checked against the bound it indexes (n is 8) */
    for (i = 0; i < nsegs && j < n; i++) {
        const uint8_t *p = (const uint8_t *)segs[i].ptr;
        size_t len = segs[i].len;

        if (off >= len) {
            off -= len;
            continue;
        }
        for (; off < len && j < n; off++)
            dst[j++] = p[off];
        off = 0;
    }
}

/*
 * The header extension of a transfer-page or GPA-direct packet to write must pass the rules
 * the reader applies (VMBP-RING-019): at least one range, and the ranges (with a GPA range's
 * PFNs) inside the extension. The extension is read from the caller's gather list, 8 bytes at
 * a time; the walk takes at most ext_len / 8 steps.
 */
RING_NOINLINE enum vmbp_status writer_check_ext(const struct vmbp_pkt_out *pkt,
                                                const struct vmbp_seg *segs, size_t nsegs)
{
    uint8_t word[8] = {0}; /* every byte defined, whatever the list holds */
    uint32_t count, i, pos = 8, end = pkt->ext_len;

    segs_read(segs, nsegs, 0, word, 8);
    count = vmbp_load_le32(word + 4); /* range_count at descriptor offset 20 */
    if (count == 0 || count > (end - 8u) / 8u)
        return VMBP_E_INVAL;
    if (pkt->type == VMBP_PKT_DATA_XFER_PAGES)
        return VMBP_OK;
    for (i = 0; i < count; i++) {
        uint32_t pfns;

        if (pos > end - 8u)
            return VMBP_E_INVAL;
        segs_read(segs, nsegs, pos, word, 8);
        pfns = vmbp_pkt_gpa_pfn_count(vmbp_load_le32(word + 4), vmbp_load_le32(word));
        if (pfns > (end - pos - 8u) / 8u)
            return VMBP_E_INVAL;
        pos += 8u + pfns * 8u;
    }
    return VMBP_OK;
}

/* Copy a gather list of any length (entries checked) into the ring from offset off. */
RING_NOINLINE void writer_put_segs(volatile uint8_t *data, uint32_t size, uint32_t off,
                                   const struct vmbp_seg *segs, size_t nsegs)
{
    size_t i;

    for (i = 0; i < nsegs; i++)
        if (segs[i].len)
            off = ring_put(data, size, off, segs[i].ptr, segs[i].len);
}

/*
 * vmbp_ring_write_add(). All checks come first (all or nothing). Then the packet goes into
 * the ring: the word holding the padding zeroed (when the data does not end on 8 bytes), the
 * descriptor, the trailer, and the data last (over the padding word's data bytes); none of it
 * is visible to the reader before a commit publishes the index.
 */
RING_HOT enum vmbp_status writer_add(struct vmbp_ring *r, const struct vmbp_pkt_out *pkt,
                                     const struct vmbp_seg *segs, size_t nsegs, const bool fast,
                                     bool *general)
{
    volatile uint8_t *data;
    uint8_t head[VMBP_PKT_DESC_SIZE], tail[VMBP_PKT_TRAILER_SIZE];
    struct vmbp_pkt_desc d;
    size_t body = 0, i;
    uint32_t size, total, start;
    bool ranges;
    enum vmbp_status st;

    /* The fast path takes one piece, no pending_send_sz to clear: all else is general */
    if (fast && RING_UNLIKELY(nsegs != 1 || r->pending_set)) {
        *general = true;
        return VMBP_OK;
    }
    if (!pkt || (nsegs && !segs) || !vmbp_pkt_type_is_defined(pkt->type) ||
        (pkt->flags & ~VMBP_PKT_FLAG_COMPLETION_REQUESTED) || pkt->ext_len % 8u != 0)
        return VMBP_E_INVAL;
    ranges = pkt->type == VMBP_PKT_DATA_XFER_PAGES || pkt->type == VMBP_PKT_DATA_GPA_DIRECT;
    if (fast && RING_UNLIKELY(ranges)) { /* (the general path makes every check again) */
        *general = true;
        return VMBP_OK;
    }
    if (ranges && pkt->ext_len < 8u)
        return VMBP_E_INVAL;
    if (nsegs == 1) {       /* the common case, the loop below unrolled */
        body = segs[0].len; /* (its bound is checked with the ring's below) */
        if (body && !segs[0].ptr)
            return VMBP_E_INVAL;
    } else {
        for (i = 0; i < nsegs; i++) { /* body <= VMBP_PKT_MAX_LEN throughout */
            size_t len = segs[i].len;

            if (len > VMBP_PKT_MAX_LEN - body || (len && !segs[i].ptr))
                return VMBP_E_INVAL;
            body += len;
        }
    }
    /*
     * Malformed, or larger than the ring can ever hold: the packet (descriptor, body,
     * padding, trailer) must fit in size - 8 bytes, i.e. the body in size - 32 (sizes are
     * multiples of 8). Stated on the body, and the ring bytes computed from the checked
     * body, so that both bounds are plain where they are used.
     */
    if (pkt->ext_len > body || body > r->max_body)
        return VMBP_E_INVAL;
    size = r->size;
    total = vmbp_pkt_ring_bytes(body);
    if (!fast && RING_UNLIKELY(ranges)) { /* (the fast path left above) */
        st = writer_check_ext(pkt, segs, nsegs);
        if (st != VMBP_OK)
            return st;
    }

    start = r->priv;
    if (RING_UNLIKELY(total > size - ring_dist(size, r->peer, start) - VMBP_RING_ALIGN)) {
        if (fast) { /* the read index is loaded there */
            *general = true;
            return VMBP_OK;
        }
        st = writer_make_room(r, total);
        if (st != VMBP_OK)
            return st;
    }
    r->needed = 0;
    if (!fast && r->pending_set) {
        vmbp_shared_store32(&r->ctl->pending_send_sz, 0);
        r->pending_set = 0;
    }

    d.type = pkt->type;
    d.offset8 = (uint16_t)((VMBP_PKT_DESC_SIZE + pkt->ext_len) / 8u);
    d.len8 = (uint16_t)((total - VMBP_PKT_TRAILER_SIZE) / 8u);
    d.flags = pkt->flags;
    d.trans_id = pkt->trans_id;
    vmbp_pkt_desc_encode(&d, head);
    vmbp_pkt_trailer_encode(start, tail);
    data = r->data;
    r->priv = ring_add(size, start, total);
    if (fast || nsegs == 1) {
        ring_put_packet(data, size, start, head, tail, segs[0].ptr, body);
        return VMBP_OK;
    }
    ring_put_packet(data, size, start, head, tail, NULL, body);
    if (nsegs)
        writer_put_segs(data, size, ring_add(size, start, VMBP_PKT_DESC_SIZE), segs, nsegs);
    return VMBP_OK;
}

/* vmbp_ring_write_add() of a checked writer, every case. */
RING_NOINLINE enum vmbp_status writer_add_general(struct vmbp_ring *r,
                                                  const struct vmbp_pkt_out *pkt,
                                                  const struct vmbp_seg *segs, size_t nsegs)
{
    bool unused = false;

    return writer_add(r, pkt, segs, nsegs, false, &unused);
}

enum vmbp_status vmbp_ring_write_add(struct vmbp_ring *r, const struct vmbp_pkt_out *pkt,
                                     const struct vmbp_seg *segs, size_t nsegs)
{
    enum vmbp_status st;
    bool general = false;

    if (!ring_runs(r, RING_MODE_WRITER))
        return ring_refused(r);
    st = writer_add(r, pkt, segs, nsegs, true, &general);
    if (RING_UNLIKELY(general))
        return writer_add_general(r, pkt, segs, nsegs);
    return st;
}

/* vmbp_ring_write_commit() of a checked writer; *signal is already false. */
RING_HOT enum vmbp_status writer_commit(struct vmbp_ring *r, bool *signal)
{
    uint32_t old = r->pub, priv = r->priv, mask, rd;

    if (priv == old)
        return VMBP_OK;
    vmbp_shared_store32_release(&r->ctl->write_index, priv); /* [P] */
    r->pub = priv;
    vmbp_shared_mb(); /* [W] */
    mask = vmbp_shared_load32(&r->ctl->interrupt_mask);
    if (mask != 0)
        return VMBP_OK;
    rd = vmbp_shared_load32_acquire(&r->ctl->read_index);
    /*
     * Signal only if the reader had read everything before this batch (VMBP-RING-020): rd
     * equal to our previous write index, which is a read index the reader may take
     * (VMBP-RING-015), so it is accepted as it is. Any other value decides "no signal" and is
     * used for nothing else: the next space check loads the read index again and checks it.
     */
    if (vmbp_ring_reader_wakeup(old, rd, mask)) {
        r->peer = rd;
        if (signal)
            *signal = true;
    }
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_write_commit(struct vmbp_ring *r, bool *signal)
{
    if (signal)
        *signal = false;
    if (!ring_runs(r, RING_MODE_WRITER))
        return ring_refused(r);
    return writer_commit(r, signal);
}

/* vmbp_ring_write() of a checked writer, every case; *signal is already false. */
RING_NOINLINE enum vmbp_status writer_write_general(struct vmbp_ring *r,
                                                    const struct vmbp_pkt_out *pkt,
                                                    const struct vmbp_seg *segs, size_t nsegs,
                                                    bool *signal)
{
    enum vmbp_status st = writer_add_general(r, pkt, segs, nsegs);

    if (st != VMBP_OK)
        return st;
    return writer_commit(r, signal);
}

enum vmbp_status vmbp_ring_write(struct vmbp_ring *r, const struct vmbp_pkt_out *pkt,
                                 const struct vmbp_seg *segs, size_t nsegs, bool *signal)
{
    enum vmbp_status st;
    bool general = false;

    if (signal)
        *signal = false;
    if (!ring_runs(r, RING_MODE_WRITER))
        return ring_refused(r);
    st = writer_add(r, pkt, segs, nsegs, true, &general);
    if (RING_UNLIKELY(general))
        return writer_write_general(r, pkt, segs, nsegs, signal);
    if (st != VMBP_OK)
        return st;
    return writer_commit(r, signal);
}

uint32_t vmbp_ring_write_needed(const struct vmbp_ring *r)
{
    return r ? r->needed : 0;
}

enum vmbp_status vmbp_ring_pending_send_set(struct vmbp_ring *r, uint32_t bytes, bool *ready)
{
    uint32_t want;
    enum vmbp_status st;

    if (ready)
        *ready = false;
    if (!ring_runs(r, RING_MODE_WRITER))
        return ring_refused(r);
    if (bytes > r->size - VMBP_RING_ALIGN)
        return VMBP_E_INVAL;
    want = (bytes + 7u) & ~7u;
    vmbp_shared_store32(&r->ctl->pending_send_sz, want);
    r->pending_set = want != 0;
    if (want == 0) {
        if (ready)
            *ready = true;
        return VMBP_OK;
    }
    vmbp_shared_mb(); /* [F] */
    st = writer_load_peer(r);
    if (st != VMBP_OK)
        return st;
    if (ready)
        *ready = r->size - ring_dist(r->size, r->peer, r->pub) - VMBP_RING_ALIGN >= want;
    return VMBP_OK;
}

/* ---- reader ------------------------------------------------------------------------- */

/*
 * Load the writer's index once and check it (VMBP-RING-010, the rule of ring.h on our own
 * state, valid by construction): valid, and moved forward by no more than the free space the
 * writer had with our last published read index. An unchanged index is the one accepted
 * last time: nothing to check again.
 */
RING_HOT enum vmbp_status reader_take_peer(struct vmbp_ring *r, uint32_t w)
{
    enum vmbp_status st;

    if (w == r->peer)
        return VMBP_OK;
    st = vmbp_ring_write_index_accept(r->size, r->pub, r->peer, w);
    if (RING_UNLIKELY(st != VMBP_OK))
        return ring_break(r, st);
    r->peer = w;
    return VMBP_OK;
}

RING_HOT enum vmbp_status reader_load_peer(struct vmbp_ring *r)
{
    return reader_take_peer(r, vmbp_shared_load32_acquire(&r->ctl->write_index)); /* [P] */
}

/*
 * Is a packet there? Bytes we know of (priv != peer), or the write index, loaded once, moved.
 * (A kept descriptor is of a packet between priv and peer.)
 */
RING_HOT enum vmbp_status reader_poll(struct vmbp_ring *r)
{
    enum vmbp_status st;

    if (r->priv != r->peer)
        return VMBP_OK;
    st = reader_load_peer(r);
    if (st != VMBP_OK)
        return st;
    return r->priv != r->peer ? VMBP_OK : VMBP_E_RING_EMPTY;
}

/*
 * The descriptor of the packet reader_poll() found when none is kept, read once from the
 * ring and validated, as raw bytes (@p raw) and decoded (@p d).
 */
RING_HOT enum vmbp_status reader_desc_fetch(struct vmbp_ring *r, uint8_t *raw,
                                            struct vmbp_pkt_desc *d)
{
    enum vmbp_status st;
    uint32_t avail, size = r->size, priv = r->priv;

    avail = ring_dist(size, priv, r->peer);
    if (RING_UNLIKELY(avail < VMBP_PKT_DESC_SIZE + VMBP_PKT_TRAILER_SIZE))
        return ring_break(r, VMBP_E_RING_AVAIL_SHORT);
    if (RING_UNLIKELY(priv > size - VMBP_PKT_DESC_SIZE)) {
        /* two aligned words: the last of the data area and the first */
        vmbp_shared_copy_from(raw, r->data + priv, 8);
        vmbp_shared_copy_from(raw + 8, r->data, 8);
    } else {
        vmbp_shared_copy_from(raw, r->data + priv, VMBP_PKT_DESC_SIZE);
    }
    vmbp_pkt_desc_decode(raw, d);
    st = vmbp_pkt_desc_validate(d, avail, r->types);
    if (RING_UNLIKELY(st != VMBP_OK))
        return ring_break(r, st);
    return VMBP_OK;
}

/* The descriptor kept by an earlier call (VMBP_E_NOSPACE), taken now (reader_keep() keeps it
 * again), decoded (@p d) and as the 16 bytes it was read as (@p raw). */
RING_HOT void reader_desc_kept(struct vmbp_ring *r, uint8_t *raw, struct vmbp_pkt_desc *d)
{
    r->have_desc = 0;
    *d = r->desc;
    vmbp_pkt_desc_encode(d, raw);
}

/*
 * The descriptor of the packet reader_poll() found, validated, as raw bytes (@p raw) and
 * decoded (@p d): the copy kept from an earlier call, or read once from the ring.
 */
RING_HOT enum vmbp_status reader_desc(struct vmbp_ring *r, uint8_t *raw,
                                      struct vmbp_pkt_desc *d)
{
    if (RING_UNLIKELY(r->have_desc)) {
        reader_desc_kept(r, raw, d);
        return VMBP_OK;
    }
    return reader_desc_fetch(r, raw, d);
}

RING_HOT void reader_fill(struct vmbp_pkt_in *pkt, const struct vmbp_pkt_desc *d,
                          uint32_t count)
{
    pkt->type = d->type;
    pkt->flags = d->flags;
    pkt->len = (uint32_t)d->len8 * 8u;
    pkt->data_offset = (uint32_t)d->offset8 * 8u;
    pkt->range_count = count;
    pkt->trans_id = d->trans_id;
}

/*
 * The buffer is too small: keep the validated descriptor (the packet stays and is not read
 * again). It is kept decoded, so what was validated is what is used next time.
 */
RING_COLD enum vmbp_status reader_keep(struct vmbp_ring *r, struct vmbp_pkt_desc d,
                                       struct vmbp_pkt_in *pkt)
{
    r->desc = d;
    r->have_desc = 1;
    reader_fill(pkt, &d, 0);
    return VMBP_E_NOSPACE;
}

/* Copy the packet after its descriptor (already in buf) into buf, each byte read once. */
RING_HOT void reader_copy(const struct vmbp_ring *r, uint32_t priv, void *buf, uint32_t len)
{
    ring_get_body(r->data, r->size, priv, (uint8_t *)buf, len);
}

/* A transfer-page or GPA-direct packet: copy it, then validate its ranges on the copy. */
RING_NOINLINE enum vmbp_status reader_take_ranges(struct vmbp_ring *r, void *buf, uint32_t len,
                                                  struct vmbp_pkt_desc d,
                                                  struct vmbp_pkt_in *pkt)
{
    uint32_t count = 0;
    enum vmbp_status st;

    reader_copy(r, r->priv, buf, len);
    if (d.type == VMBP_PKT_DATA_XFER_PAGES)
        st = vmbp_pkt_xfer_validate(buf, len, &count);
    else
        st = vmbp_pkt_gpa_direct_validate(buf, len, &count);
    if (st != VMBP_OK)
        return ring_break(r, st);
    reader_fill(pkt, &d, count);
    r->priv = ring_add(r->size, r->priv, len + VMBP_PKT_TRAILER_SIZE);
    return VMBP_OK;
}

/*
 * reader_peek() once the descriptor is known: @p raw, its bytes, and @p d, decoded from them
 * and validated. A packet without ranges cannot fail once its descriptor is valid and the
 * buffer large enough: the state advances, then the bytes are copied.
 */
RING_HOT enum vmbp_status reader_peek_desc(struct vmbp_ring *r, void *buf, size_t cap,
                                           struct vmbp_pkt_in *pkt, const uint8_t *raw,
                                           struct vmbp_pkt_desc d)
{
    uint32_t len, priv;

    len = (uint32_t)d.len8 * 8u;
    if (RING_UNLIKELY(cap < len))
        return reader_keep(r, d, pkt);
    /* the descriptor as validated (its bytes), then the rest of the packet */
    VMBP_MEMCPY(buf, raw, VMBP_PKT_DESC_SIZE);
    if ((VMBP_PKT_TYPES_WITH_RANGES >> (d.type & 31u)) & 1u) /* (validated: type < 32) */
        return reader_take_ranges(r, buf, len, d, pkt);
    reader_fill(pkt, &d, 0);
    priv = r->priv;
    r->priv = ring_add(r->size, priv, len + VMBP_PKT_TRAILER_SIZE);
    reader_copy(r, priv, buf, len);
    return VMBP_OK;
}

/* reader_peek() of the descriptor kept by an earlier call (VMBP_E_NOSPACE). */
RING_NOINLINE enum vmbp_status reader_peek_kept(struct vmbp_ring *r, void *buf, size_t cap,
                                                struct vmbp_pkt_in *pkt)
{
    uint64_t raw[VMBP_PKT_DESC_SIZE / 8u];
    struct vmbp_pkt_desc d;

    reader_desc_kept(r, (uint8_t *)raw, &d);
    return reader_peek_desc(r, buf, cap, pkt, (const uint8_t *)raw, d);
}

/*
 * vmbp_ring_peek() of a checked reader: the kept descriptor out of line, so that the common
 * path copies the bytes it read instead of merging them with an encoded copy.
 */
RING_HOT enum vmbp_status reader_peek(struct vmbp_ring *r, void *buf, size_t cap,
                                      struct vmbp_pkt_in *pkt)
{
    uint64_t raw[VMBP_PKT_DESC_SIZE / 8u]; /* aligned: two words */
    struct vmbp_pkt_desc d;
    enum vmbp_status st;

    if (RING_UNLIKELY(r->have_desc))
        return reader_peek_kept(r, buf, cap, pkt);
    st = reader_desc_fetch(r, (uint8_t *)raw, &d);
    if (st != VMBP_OK)
        return st;
    return reader_peek_desc(r, buf, cap, pkt, (const uint8_t *)raw, d);
}

enum vmbp_status vmbp_ring_peek(struct vmbp_ring *r, void *buf, size_t cap,
                                struct vmbp_pkt_in *pkt)
{
    enum vmbp_status st;

    if (!ring_runs_reader(r))
        return ring_refused(r);
    if (!pkt || (!buf && cap))
        return VMBP_E_INVAL;
    st = reader_poll(r);
    if (st != VMBP_OK)
        return st;
    return reader_peek(r, buf, cap, pkt);
}

enum vmbp_status vmbp_ring_peek_inplace(struct vmbp_ring *r, struct vmbp_ring_view *view,
                                        struct vmbp_pkt_in *pkt)
{
    uint8_t raw[VMBP_PKT_DESC_SIZE];
    struct vmbp_pkt_desc d;
    uint32_t len, first;
    enum vmbp_status st;

    if (!ring_runs_reader(r))
        return ring_refused(r);
    if (!view || !pkt)
        return VMBP_E_INVAL;
    if (!(r->flags & VMBP_RING_F_TRUSTED))
        return VMBP_E_STATE;
    st = reader_poll(r);
    if (st != VMBP_OK)
        return st;
    st = reader_desc(r, raw, &d);
    if (st != VMBP_OK)
        return st;
    len = (uint32_t)d.len8 * 8u;
    first = r->size - r->priv;
    /* Trusted memory (not host-visible): handing out plain pointers is the point. */
    view->part[0] = (const uint8_t *)(uintptr_t)(r->data + r->priv);
    if (len <= first) {
        view->len[0] = len;
        view->part[1] = NULL;
        view->len[1] = 0;
    } else {
        view->len[0] = first;
        view->part[1] = (const uint8_t *)(uintptr_t)r->data;
        view->len[1] = len - first;
    }
    reader_fill(pkt, &d, 0);
    r->priv = ring_add(r->size, r->priv, len + VMBP_PKT_TRAILER_SIZE);
    return VMBP_OK;
}

/*
 * The writer waits for `pending` free bytes: did the `since` bytes consumed since the last
 * decision (at most size) lift the space across it? The space before is the smallest the
 * writer can have seen, with the read index of the last decision: the bytes now in the ring
 * plus those, none at all when that sum reaches the ring's (the writer has since written
 * over the space released in between, VMBP-RING-032).
 */
RING_NOINLINE enum vmbp_status reader_wakeup(struct vmbp_ring *r, uint32_t since,
                                             uint32_t pending, bool *signal)
{
    uint32_t size = r->size;
    /* The writer may have written since we last looked: its free space depends on it. */
    enum vmbp_status st = reader_load_peer(r);

    if (st != VMBP_OK)
        return st;
    if (signal) {
        uint32_t used = ring_dist(size, r->pub, r->peer);
        uint64_t used_before = (uint64_t)used + since + VMBP_RING_ALIGN;
        uint32_t before = used_before >= size ? 0 : size - (uint32_t)used_before;

        *signal = vmbp_ring_writer_wakeup(before, size - used - VMBP_RING_ALIGN, pending);
    }
    return VMBP_OK;
}

/*
 * The writer decision of reader_publish() after its barrier; old: the read index published
 * before, now r->pub.
 */
RING_HOT enum vmbp_status reader_decide(struct vmbp_ring *r, uint32_t old, bool *signal,
                                        bool *loaded)
{
    uint32_t features, raw, pending = 0, since;
    enum vmbp_status st;

    features = vmbp_shared_load32(&r->ctl->feature_bits);
    if (!(features & VMBP_RING_FEATURE_PENDING_SEND_SZ))
        return VMBP_OK;
    raw = vmbp_shared_load32(&r->ctl->pending_send_sz);
    if (raw == 0) /* the writer waits for nothing (the common case; 0 passes the check) */
        return VMBP_OK;
    st = vmbp_ring_pending_check(r->size, raw, &pending);
    if (RING_UNLIKELY(st != VMBP_OK))
        return ring_break(r, st);
    if (pending == 0)
        return VMBP_OK;
    *loaded = true;
    /* bytes consumed since the last decision: released ones (vmbp_ring_release; 0 unless
     * RING_MODE_RELEASED), then these (below 2^32: each term at most size <= 2^31) */
    since = r->undecided + ring_dist(r->size, old, r->pub);
    return reader_wakeup(r, since < r->size ? since : r->size, pending, signal);
}

/*
 * Publish the read index of a checked reader and decide whether to signal the writer
 * (VMBP-RING-021, for every packet consumed since the last decision: VMBP-RING-032);
 * *signal is already false. *loaded tells whether the decision loaded the write index
 * (after the barrier).
 */
RING_HOT enum vmbp_status reader_publish(struct vmbp_ring *r, bool *signal, bool *loaded)
{
    uint32_t old = r->pub, priv = r->priv;

    vmbp_shared_store32_release(&r->ctl->read_index, priv); /* [C] */
    r->pub = priv;
    vmbp_shared_mb(); /* [F] [W] */
    return reader_decide(r, old, signal, loaded);
}

/*
 * vmbp_ring_commit() of a checked reader, the end of a batch (VMBP-RING-030); *signal and
 * *more are already false. The mask we set is cleared with the read index store, before the
 * barrier; after it, packets wait if we know of some, or if the write index, loaded once
 * (the writer decision's load when it made one), moved. Packets consumed since the last
 * decision, released or not, are published again and decided on (VMBP-RING-032).
 */
RING_NOINLINE enum vmbp_status reader_end_batch(struct vmbp_ring *r, bool *signal, bool *more)
{
    enum vmbp_status st;
    bool loaded = false;

    if (r->masked) {
        vmbp_shared_store32(&r->ctl->interrupt_mask, 0);
        r->masked = 0;
        if (r->priv == r->pub && r->undecided == 0)
            vmbp_shared_mb(); /* [W] */
    }
    if (r->priv != r->pub || r->undecided != 0) {
        st = reader_publish(r, signal, &loaded);
        if (st != VMBP_OK)
            return st;
        r->undecided = 0; /* decided on */
        r->mode = RING_MODE_READER;
    }
    if (!loaded && r->priv == r->peer) {
        st = reader_load_peer(r); /* [W] */
        if (st != VMBP_OK)
            return st;
    }
    *more = r->priv != r->peer;
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_release(struct vmbp_ring *r)
{
    if (!ring_runs_reader(r))
        return ring_refused(r);
    if (r->priv != r->pub) {
        uint32_t since = r->undecided + ring_dist(r->size, r->pub, r->priv);

        /* (below 2^32: both terms are below size, which is at most 2^31) */
        r->undecided = since < r->size ? since : r->size;
        r->mode = RING_MODE_RELEASED;
        vmbp_shared_store32_release(&r->ctl->read_index, r->priv); /* [C] */
        r->pub = r->priv;
    }
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_commit(struct vmbp_ring *r, bool *signal, bool *more)
{
    if (signal)
        *signal = false;
    if (more)
        *more = false;
    if (!ring_runs_reader(r))
        return ring_refused(r);
    if (!more)
        return VMBP_E_INVAL;
    return reader_end_batch(r, signal, more);
}

/*
 * vmbp_ring_read() once the write index is known to be w (the last accepted one when bytes
 * were known, else loaded and moved): check it, copy the packet out, publish. Out of line,
 * so that an empty poll does not pay for the registers this needs.
 */
RING_NOINLINE enum vmbp_status reader_read_at(struct vmbp_ring *r, void *buf, size_t cap,
                                              struct vmbp_pkt_in *pkt, bool *signal, uint32_t w)
{
    enum vmbp_status st = reader_take_peer(r, w);
    bool loaded = false;

    if (st != VMBP_OK)
        return st;
    st = reader_peek(r, buf, cap, pkt);
    if (st != VMBP_OK)
        return st;
    return reader_publish(r, signal, &loaded);
}

/* vmbp_ring_read() of a checked reader; *signal is already false. */
RING_HOT enum vmbp_status reader_read(struct vmbp_ring *r, void *buf, size_t cap,
                                      struct vmbp_pkt_in *pkt, bool *signal)
{
    uint32_t w;

    if (!pkt || (!buf && cap))
        return VMBP_E_INVAL;
    w = r->peer;
    if (r->priv == w) {
        w = vmbp_shared_load32_acquire(&r->ctl->write_index); /* [P] */
        if (w == r->priv) /* unchanged: the index accepted last time, nothing to check */
            return VMBP_E_RING_EMPTY;
    }
    return reader_read_at(r, buf, cap, pkt, signal, w);
}

/*
 * vmbp_ring_read() on a ring that is not a reader in RING_MODE_READER: refused, or a reader
 * that released packets since its last decision, which this read's decision covers.
 */
RING_NOINLINE enum vmbp_status reader_read_other(struct vmbp_ring *r, void *buf, size_t cap,
                                                 struct vmbp_pkt_in *pkt, bool *signal)
{
    enum vmbp_status st;

    if (!r || r->mode != RING_MODE_RELEASED)
        return ring_refused(r);
    st = reader_read(r, buf, cap, pkt, signal);
    if (st == VMBP_OK) { /* published and decided on */
        r->undecided = 0;
        r->mode = RING_MODE_READER;
    }
    return st;
}

enum vmbp_status vmbp_ring_read(struct vmbp_ring *r, void *buf, size_t cap,
                                struct vmbp_pkt_in *pkt, bool *signal)
{
    if (signal)
        *signal = false;
    if (!ring_runs(r, RING_MODE_READER))
        return reader_read_other(r, buf, cap, pkt, signal);
    return reader_read(r, buf, cap, pkt, signal);
}

enum vmbp_status vmbp_ring_mask_begin(struct vmbp_ring *r)
{
    if (!ring_runs_reader(r))
        return ring_refused(r);
    vmbp_shared_store32(&r->ctl->interrupt_mask, 1);
    r->masked = 1;
    vmbp_shared_mb();
    return VMBP_OK;
}
