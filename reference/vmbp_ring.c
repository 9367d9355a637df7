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
 *      reader (mask_end): interrupt_mask store, full barrier, load write_index.
 *  [F] reader: read_index store, full barrier, load pending_send_sz and write_index  /
 *      writer (pending_send_set): pending_send_sz store, full barrier, load read_index.
 * In [W] and [F] at least one side sees the other's store, so no wakeup is lost.
 */
#include "vmbp_ring.h"

#include <vmbus_proto/shared.h>

#define RING_WRITER(role) ((role) == VMBP_RING_GUEST_SEND || (role) == VMBP_RING_HOST_SEND)
#define RING_READER(role) ((role) == VMBP_RING_GUEST_RECV || (role) == VMBP_RING_HOST_RECV)
#define RING_KNOWN_FLAGS (VMBP_RING_F_RESET | VMBP_RING_F_TRUSTED | VMBP_RING_F_LEGACY_TYPES)

/* Record the first violation; the ring stays BROKEN with it. */
static enum vmbp_status ring_break(struct vmbp_ring *r, enum vmbp_status st)
{
    if (r->state == VMBP_OK)
        r->state = st;
    return r->state;
}

/* Bytes from a to b going forward; both valid indices. */
static uint32_t ring_dist(const struct vmbp_ring *r, uint32_t a, uint32_t b)
{
    return b >= a ? b - a : r->size - (a - b);
}

static uint32_t ring_add(const struct vmbp_ring *r, uint32_t idx, uint32_t n)
{
    return n < r->size - idx ? idx + n : n - (r->size - idx);
}

/* Copy n <= size bytes at ring offset off (valid) out of the ring, wrapping once. */
static void ring_get(const struct vmbp_ring *r, uint32_t off, void *dst, uint32_t n)
{
    uint32_t first = r->size - off;

    if (n <= first) {
        vmbp_shared_copy_from(dst, r->data + off, n);
    } else {
        vmbp_shared_copy_from(dst, r->data + off, first);
        vmbp_shared_copy_from((uint8_t *)dst + first, r->data, n - first);
    }
}

/* Copy n < size bytes into the ring at offset off (valid), wrapping once; new offset. */
static uint32_t ring_put(const struct vmbp_ring *r, uint32_t off, const void *src, size_t n)
{
    uint32_t first = r->size - off, len = (uint32_t)n;

    if (len < first) {
        vmbp_shared_copy_to(r->data + off, src, len);
        return off + len;
    }
    vmbp_shared_copy_to(r->data + off, src, first);
    vmbp_shared_copy_to(r->data, (const uint8_t *)src + first, len - first);
    return len - first;
}

enum vmbp_status vmbp_ring_init(struct vmbp_ring *r, void *ring_mem, size_t ring_bytes,
                                enum vmbp_ring_role role, uint32_t flags)
{
    volatile struct vmbp_ring_control_wire *ctl;
    size_t data_bytes;
    uint32_t w, rd, i;

    if (!r || !ring_mem || ((uintptr_t)ring_mem % 8u) != 0 || (flags & ~RING_KNOWN_FLAGS) ||
        !(RING_WRITER(role) || RING_READER(role)) || ring_bytes < VMBP_RING_CONTROL_SIZE)
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
    r->flags = (uint8_t)flags;
    r->types = (flags & VMBP_RING_F_LEGACY_TYPES) ? VMBP_PKT_TYPES_DEFINED
                                                  : VMBP_PKT_TYPES_CURRENT;
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
        bool host = role == VMBP_RING_HOST_RECV;

        vmbp_shared_store32(&ctl->interrupt_mask, host ? 1u : 0u);
    }
    if (flags & VMBP_RING_F_RESET) {
        vmbp_shared_mb();
        return VMBP_OK;
    }
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

/* Load the reader's index once, check it against what we published (VMBP-RING-015). */
static enum vmbp_status writer_load_peer(struct vmbp_ring *r)
{
    uint32_t rd = vmbp_shared_load32_acquire(&r->ctl->read_index);
    enum vmbp_status st = vmbp_ring_read_index_check(r->size, r->pub, r->peer, rd);

    if (st != VMBP_OK)
        return ring_break(r, st);
    r->peer = rd;
    return VMBP_OK;
}

static enum vmbp_status writer_check(const struct vmbp_ring *r)
{
    if (!r)
        return VMBP_E_INVAL;
    if (r->state != VMBP_OK)
        return r->state;
    return RING_WRITER(r->role) ? VMBP_OK : VMBP_E_STATE;
}

enum vmbp_status vmbp_ring_write_add(struct vmbp_ring *r, const struct vmbp_pkt_out *pkt,
                                     const struct vmbp_seg *segs, size_t nsegs)
{
    uint8_t head[VMBP_PKT_DESC_SIZE], tail[16];
    struct vmbp_pkt_desc d;
    size_t body = 0, i;
    uint32_t total, free_bytes, start, off, pad;
    enum vmbp_status st = writer_check(r);

    if (st != VMBP_OK)
        return st;
    if (!pkt || (nsegs && !segs) || !vmbp_pkt_type_is_defined(pkt->type) ||
        (pkt->flags & ~VMBP_PKT_FLAG_COMPLETION_REQUESTED) || pkt->ext_len % 8u != 0)
        return VMBP_E_INVAL;
    if ((pkt->type == VMBP_PKT_DATA_XFER_PAGES || pkt->type == VMBP_PKT_DATA_GPA_DIRECT) &&
        pkt->ext_len < 8u)
        return VMBP_E_INVAL;
    for (i = 0; i < nsegs; i++) {
        if (segs[i].len && !segs[i].ptr)
            return VMBP_E_INVAL;
        if (segs[i].len > VMBP_PKT_MAX_LEN || body + segs[i].len > VMBP_PKT_MAX_LEN)
            return VMBP_E_INVAL;
        body += segs[i].len;
    }
    total = vmbp_pkt_ring_bytes(body);
    if (total == 0 || pkt->ext_len > body || total > r->size - VMBP_RING_ALIGN)
        return VMBP_E_INVAL; /* malformed, or larger than the ring can ever hold */

    free_bytes = r->size - ring_dist(r, r->peer, r->priv) - VMBP_RING_ALIGN;
    if (total > free_bytes) {
        st = writer_load_peer(r);
        if (st != VMBP_OK)
            return st;
        free_bytes = r->size - ring_dist(r, r->peer, r->priv) - VMBP_RING_ALIGN;
        if (total > free_bytes) {
            r->needed = ring_dist(r, r->pub, r->priv) + total;
            return VMBP_E_RING_FULL;
        }
    }
    r->needed = 0;
    if (r->pending_set) {
        vmbp_shared_store32(&r->ctl->pending_send_sz, 0);
        r->pending_set = 0;
    }

    start = r->priv;
    d.type = pkt->type;
    d.offset8 = (uint16_t)((VMBP_PKT_DESC_SIZE + pkt->ext_len) / 8u);
    d.len8 = (uint16_t)((total - VMBP_PKT_TRAILER_SIZE) / 8u);
    d.flags = pkt->flags;
    d.trans_id = pkt->trans_id;
    vmbp_pkt_desc_encode(&d, head);
    off = ring_put(r, start, head, sizeof(head));
    for (i = 0; i < nsegs; i++)
        if (segs[i].len)
            off = ring_put(r, off, segs[i].ptr, segs[i].len);
    /* zero padding to 8, then the trailer, in one copy */
    pad = (uint32_t)((8u - body % 8u) % 8u);
    VMBP_MEMSET(tail, 0, sizeof(tail));
    vmbp_pkt_trailer_encode(start, tail + pad);
    (void)ring_put(r, off, tail, pad + VMBP_PKT_TRAILER_SIZE);
    r->priv = ring_add(r, start, total);
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_write_commit(struct vmbp_ring *r, bool *signal)
{
    uint32_t old, mask;
    enum vmbp_status st = writer_check(r);

    if (signal)
        *signal = false;
    if (st != VMBP_OK)
        return st;
    if (r->priv == r->pub)
        return VMBP_OK;
    old = r->pub;
    vmbp_shared_store32_release(&r->ctl->write_index, r->priv); /* [P] */
    r->pub = r->priv;
    vmbp_shared_mb(); /* [W] */
    mask = vmbp_shared_load32(&r->ctl->interrupt_mask);
    if (mask != 0)
        return VMBP_OK;
    st = writer_load_peer(r);
    if (st != VMBP_OK)
        return st;
    if (signal)
        *signal = vmbp_ring_reader_wakeup(old, r->peer, mask);
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_write(struct vmbp_ring *r, const struct vmbp_pkt_out *pkt,
                                 const struct vmbp_seg *segs, size_t nsegs, bool *signal)
{
    enum vmbp_status st = vmbp_ring_write_add(r, pkt, segs, nsegs);

    if (st != VMBP_OK) {
        if (signal)
            *signal = false;
        return st;
    }
    return vmbp_ring_write_commit(r, signal);
}

uint32_t vmbp_ring_write_needed(const struct vmbp_ring *r)
{
    return r ? r->needed : 0;
}

enum vmbp_status vmbp_ring_pending_send_set(struct vmbp_ring *r, uint32_t bytes, bool *ready)
{
    uint32_t want;
    enum vmbp_status st = writer_check(r);

    if (ready)
        *ready = false;
    if (st != VMBP_OK)
        return st;
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
        *ready = r->size - ring_dist(r, r->peer, r->pub) - VMBP_RING_ALIGN >= want;
    return VMBP_OK;
}

/* ---- reader ------------------------------------------------------------------------- */

static enum vmbp_status reader_check(const struct vmbp_ring *r)
{
    if (!r)
        return VMBP_E_INVAL;
    if (r->state != VMBP_OK)
        return r->state;
    return RING_READER(r->role) ? VMBP_OK : VMBP_E_STATE;
}

/* Load the writer's index once and check it (VMBP-RING-010). */
static enum vmbp_status reader_load_peer(struct vmbp_ring *r)
{
    uint32_t w = vmbp_shared_load32_acquire(&r->ctl->write_index); /* [P] */
    enum vmbp_status st = vmbp_ring_write_index_check(r->size, r->pub, r->peer, w);

    if (st != VMBP_OK)
        return ring_break(r, st);
    r->peer = w;
    return VMBP_OK;
}

/* Make the next packet's validated descriptor available in r->desc. */
static enum vmbp_status reader_next_desc(struct vmbp_ring *r, struct vmbp_pkt_desc *d)
{
    enum vmbp_status st;
    uint32_t avail;

    if (!r->have_desc) {
        if (r->priv == r->peer) {
            st = reader_load_peer(r);
            if (st != VMBP_OK)
                return st;
            if (r->priv == r->peer)
                return VMBP_E_RING_EMPTY;
        }
        avail = ring_dist(r, r->priv, r->peer);
        if (avail < VMBP_PKT_DESC_SIZE + VMBP_PKT_TRAILER_SIZE)
            return ring_break(r, VMBP_E_RING_AVAIL_SHORT);
        ring_get(r, r->priv, r->desc, VMBP_PKT_DESC_SIZE);
        vmbp_pkt_desc_decode(r->desc, d);
        st = vmbp_pkt_desc_validate(d, avail, r->types);
        if (st != VMBP_OK)
            return ring_break(r, st);
        r->have_desc = 1;
        return VMBP_OK;
    }
    vmbp_pkt_desc_decode(r->desc, d);
    return VMBP_OK;
}

static void reader_fill(struct vmbp_pkt_in *pkt, const struct vmbp_pkt_desc *d)
{
    pkt->type = d->type;
    pkt->flags = d->flags;
    pkt->len = (uint32_t)d->len8 * 8u;
    pkt->data_offset = (uint32_t)d->offset8 * 8u;
    pkt->range_count = 0;
    pkt->trans_id = d->trans_id;
}

enum vmbp_status vmbp_ring_peek(struct vmbp_ring *r, void *buf, size_t cap,
                                struct vmbp_pkt_in *pkt)
{
    struct vmbp_pkt_desc d;
    uint32_t len, count = 0;
    enum vmbp_status st = reader_check(r);

    if (st != VMBP_OK)
        return st;
    if (!pkt || (!buf && cap))
        return VMBP_E_INVAL;
    st = reader_next_desc(r, &d);
    if (st != VMBP_OK)
        return st;
    len = (uint32_t)d.len8 * 8u;
    if (cap < len) {
        reader_fill(pkt, &d);
        return VMBP_E_NOSPACE;
    }
    /* the descriptor as validated, then the rest of the packet, each byte read once */
    VMBP_MEMCPY(buf, r->desc, VMBP_PKT_DESC_SIZE);
    ring_get(r, ring_add(r, r->priv, VMBP_PKT_DESC_SIZE), (uint8_t *)buf + VMBP_PKT_DESC_SIZE,
             len - VMBP_PKT_DESC_SIZE);
    if (d.type == VMBP_PKT_DATA_XFER_PAGES)
        st = vmbp_pkt_xfer_validate(buf, len, &count);
    else if (d.type == VMBP_PKT_DATA_GPA_DIRECT)
        st = vmbp_pkt_gpa_direct_validate(buf, len, &count);
    if (st != VMBP_OK)
        return ring_break(r, st);
    reader_fill(pkt, &d);
    pkt->range_count = count;
    r->have_desc = 0;
    r->priv = ring_add(r, r->priv, len + VMBP_PKT_TRAILER_SIZE);
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_peek_inplace(struct vmbp_ring *r, struct vmbp_ring_view *view,
                                        struct vmbp_pkt_in *pkt)
{
    struct vmbp_pkt_desc d;
    uint32_t len, first;
    enum vmbp_status st = reader_check(r);

    if (st != VMBP_OK)
        return st;
    if (!view || !pkt)
        return VMBP_E_INVAL;
    if (!(r->flags & VMBP_RING_F_TRUSTED))
        return VMBP_E_STATE;
    st = reader_next_desc(r, &d);
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
    reader_fill(pkt, &d);
    r->have_desc = 0;
    r->priv = ring_add(r, r->priv, len + VMBP_PKT_TRAILER_SIZE);
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_commit(struct vmbp_ring *r, bool *signal)
{
    uint32_t old, features, pending = 0;
    enum vmbp_status st = reader_check(r);

    if (signal)
        *signal = false;
    if (st != VMBP_OK)
        return st;
    if (r->priv == r->pub)
        return VMBP_OK;
    old = r->pub;
    vmbp_shared_store32_release(&r->ctl->read_index, r->priv); /* [C] */
    r->pub = r->priv;
    vmbp_shared_mb(); /* [F] */
    features = vmbp_shared_load32(&r->ctl->feature_bits);
    if (!(features & VMBP_RING_FEATURE_PENDING_SEND_SZ))
        return VMBP_OK;
    st = vmbp_ring_pending_check(r->size, vmbp_shared_load32(&r->ctl->pending_send_sz),
                                 &pending);
    if (st != VMBP_OK)
        return ring_break(r, st);
    if (pending == 0)
        return VMBP_OK;
    /* The writer may have written since we last looked: its free space depends on it. */
    st = reader_load_peer(r);
    if (st != VMBP_OK)
        return st;
    if (signal) {
        uint32_t before = r->size - ring_dist(r, old, r->peer) - VMBP_RING_ALIGN;
        uint32_t after = r->size - ring_dist(r, r->pub, r->peer) - VMBP_RING_ALIGN;

        *signal = vmbp_ring_writer_wakeup(before, after, pending);
    }
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_read(struct vmbp_ring *r, void *buf, size_t cap,
                                struct vmbp_pkt_in *pkt, bool *signal)
{
    enum vmbp_status st = vmbp_ring_peek(r, buf, cap, pkt);

    if (st != VMBP_OK) {
        if (signal)
            *signal = false;
        return st;
    }
    return vmbp_ring_commit(r, signal);
}

enum vmbp_status vmbp_ring_mask_begin(struct vmbp_ring *r)
{
    enum vmbp_status st = reader_check(r);

    if (st != VMBP_OK)
        return st;
    vmbp_shared_store32(&r->ctl->interrupt_mask, 1);
    vmbp_shared_mb();
    return VMBP_OK;
}

enum vmbp_status vmbp_ring_mask_end(struct vmbp_ring *r, bool *pending)
{
    enum vmbp_status st = reader_check(r);

    if (pending)
        *pending = false;
    if (st != VMBP_OK)
        return st;
    vmbp_shared_store32(&r->ctl->interrupt_mask, 0);
    vmbp_shared_mb(); /* [W] */
    if (r->priv == r->peer) {
        st = reader_load_peer(r);
        if (st != VMBP_OK)
            return st;
    }
    if (pending)
        *pending = r->priv != r->peer;
    return VMBP_OK;
}
