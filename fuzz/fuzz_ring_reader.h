/* SPDX-License-Identifier: MIT */
/*
 * The ring reader against a hostile writer: the engine of fuzz_ring_read (guest, host
 * writing between calls), fuzz_ring_race (guest, host rewriting bytes before every read)
 * and fuzz_ring_host (host side reading the guest's ring). Input layout: fuzz_format.h.
 *
 * An independent model of the reader (written from spec/ring.md and spec/packet.md, not
 * from the implementation) runs beside the library. It sees the peer's bytes only through
 * the values the library read (fuzz_ring.h), so it checks, for every call:
 * - the status, the packet fields, the signal and pending decisions, the view of
 *   vmbp_ring_peek_inplace();
 * - that the packet copied into the caller's buffer is exactly the bytes read, and that
 *   nothing was written to the buffer past the packet (or at all, when none is returned);
 * - that the library read exactly the words and bytes the rules need, none twice in a step;
 * - that it wrote only its own control words, with the values the rules give;
 * - that a violation breaks the ring with its status, and a broken ring keeps failing with
 *   that status without touching memory.
 */
#ifndef VMBP_FUZZ_RING_READER_H
#define VMBP_FUZZ_RING_READER_H

#include "fuzz_ring.h"

#define FZ_BUF_FILL 0xC3u

/* The reader model. */
struct fz_rmodel {
    uint32_t size;
    uint32_t types; /* accepted packet types */
    bool trusted;
    uint32_t priv;      /* next packet */
    uint32_t pub;       /* read index published */
    uint32_t undecided; /* bytes released (vmbp_ring_release) since the last decision */
    uint32_t peer;      /* write index accepted */
    uint32_t mask;      /* interrupt_mask we last stored */
    enum vmbp_status state;
    bool have_desc; /* a descriptor was read and validated but its packet not taken */
    uint8_t desc[16];
};

static inline enum vmbp_status fz_rm_break(struct fz_rmodel *M, enum vmbp_status st)
{
    if (M->state == VMBP_OK)
        M->state = st;
    return M->state;
}

/* A write index the writer could have published: aligned, inside, not past its room. */
static inline enum vmbp_status fz_rm_wcheck(const struct fz_rmodel *M, uint32_t w)
{
    uint32_t used = fz_dist(M->size, M->pub, M->peer);

    if (w >= M->size || w % 8u != 0)
        return VMBP_E_RING_WRITE_INDEX;
    if (used + fz_dist(M->size, M->peer, w) > M->size - 8u)
        return VMBP_E_RING_WRITE_INDEX;
    return VMBP_OK;
}

/* Load of write_index in step s; breaks the ring on a bad value. */
static inline enum vmbp_status fz_rm_load_w(struct fz_ring *R, struct fz_rmodel *M, unsigned s)
{
    uint32_t w = fz_seen32(R, s, FZ_OFF_WRITE);
    enum vmbp_status st = fz_rm_wcheck(M, w);

    if (st != VMBP_OK)
        return fz_rm_break(M, st);
    M->peer = w;
    return VMBP_OK;
}

/* spec/packet.md: the descriptor rules, in their order. */
static inline enum vmbp_status fz_rm_desc(const struct fz_rmodel *M, const uint8_t *d,
                                          uint32_t avail)
{
    uint32_t type = fz_le16(d), off8 = fz_le16(d + 2), len8 = fz_le16(d + 4);
    uint32_t flags = fz_le16(d + 6);

    if (len8 < off8)
        return VMBP_E_RING_LEN_LT_OFFSET;
    if (off8 < 2)
        return VMBP_E_RING_OFFSET_SHORT;
    if (len8 * 8u + 8u > avail)
        return VMBP_E_RING_PKT_OVERRUN;
    if (type > 31u || !((M->types >> type) & 1u))
        return VMBP_E_RING_PKT_TYPE;
    if (flags & ~1u)
        return VMBP_E_RING_PKT_FLAGS;
    if ((type == 7u || type == 9u) && off8 < 3u)
        return VMBP_E_RING_EXT_OFFSET;
    return VMBP_OK;
}

/* spec/packet.md: ranges of transfer-page (7) and GPA-direct (9) packets, on the copy. */
static inline enum vmbp_status fz_rm_ranges(const uint8_t *p, uint32_t *count)
{
    uint32_t type = fz_le16(p), end = fz_le16(p + 2) * 8u;

    *count = 0;
    if (type != 7u && type != 9u)
        return VMBP_OK;
    /* offset8 >= 3 was checked: the header is there */
    return fz_model_ext_ranges(p + 16, end - 16u, type == 9u, count);
}

/* spec/packet.md, the two range validators on their own: any buffer of len bytes, the
 * type not looked at. gpa: false for transfer-page rules, true for GPA-direct. */
static inline enum vmbp_status fz_rm_ext(const uint8_t *p, size_t len, bool gpa,
                                         uint32_t *count)
{
    uint32_t end;

    *count = 0;
    if (len < 24u)
        return VMBP_E_RING_EXT_OFFSET;
    end = fz_le16(p + 2) * 8u;
    if (end < 24u || end > len)
        return VMBP_E_RING_EXT_OFFSET;
    return fz_model_ext_ranges(p + 16, end - 16u, gpa, count);
}

/* The packet.h validators and range readers called directly on a packet, whole and cut to
 * cut bytes, against the model. */
static inline void fz_check_packet_api(const uint8_t *p, uint32_t len, uint32_t cut)
{
    uint32_t L[2], k, c, mc, i;
    enum vmbp_status st, want;
    const char *name = vmbp_pkt_type_name(fz_le16(p));

    FZ_CHECK((name != NULL) == (fz_le16(p) <= 13u), "vmbp_pkt_type_name(%u)", fz_le16(p));
    FZ_CHECK(vmbp_pkt_type_is_defined(fz_le16(p)) == (fz_le16(p) >= 1u && fz_le16(p) <= 13u),
             "vmbp_pkt_type_is_defined(%u)", fz_le16(p));
    L[0] = len;
    L[1] = cut;
    for (k = 0; k < 2; k++) {
        c = 0xEEEEEEEEu;
        st = vmbp_pkt_xfer_validate(p, L[k], (k & 1u) ? NULL : &c);
        want = fz_rm_ext(p, L[k], false, &mc);
        FZ_CHECK(st == want && (st != VMBP_OK || k || c == mc),
                 "vmbp_pkt_xfer_validate(len %u): 0x%x count %u, the model 0x%x count %u", L[k],
                 (unsigned)st, c, (unsigned)want, mc);
        if (st == VMBP_OK) {
            for (i = 0; i < mc; i++) {
                uint32_t bc, bo;

                vmbp_pkt_xfer_range(p, i, &bc, &bo);
                FZ_CHECK(bc == fz_le32(p + 24 + 8 * i) && bo == fz_le32(p + 28 + 8 * i),
                         "vmbp_pkt_xfer_range %u", i);
            }
        }
        c = 0xEEEEEEEEu;
        st = vmbp_pkt_gpa_direct_validate(p, L[k], (k & 1u) ? NULL : &c);
        want = fz_rm_ext(p, L[k], true, &mc);
        FZ_CHECK(st == want && (st != VMBP_OK || k || c == mc),
                 "vmbp_pkt_gpa_direct_validate(len %u): 0x%x count %u, the model 0x%x count %u",
                 L[k], (unsigned)st, c, (unsigned)want, mc);
        if (st == VMBP_OK) {
            uint32_t pos = 24, next, end = fz_le16(p + 2) * 8u;
            struct vmbp_pkt_gpa_range rr;

            for (i = 0; i < mc; i++) {
                struct vmbp_pkt_gpa_range r;
                uint32_t bc = fz_le32(p + pos), bo = fz_le32(p + pos + 4);

                FZ_CHECK(vmbp_pkt_gpa_range_decode(p, pos, end, &r, &next) == VMBP_OK &&
                             r.byte_count == bc && r.byte_offset == bo &&
                             r.pfn_count == vmbp_pkt_gpa_pfn_count(bo, bc) &&
                             r.pfn_count == (uint32_t)(((uint64_t)bo + bc + 4095u) / 4096u) &&
                             r.pfn_pos == pos + 8u && next == pos + 8u + 8u * r.pfn_count,
                         "vmbp_pkt_gpa_range_decode %u", i);
                FZ_CHECK(vmbp_pkt_gpa_range_check(bo, bc) ==
                             ((bc == 0 || bo >= 4096u) ? VMBP_E_GPADL_RANGE : VMBP_OK),
                         "vmbp_pkt_gpa_range_check");
                pos = next;
            }
            /* a range head that would not fit */
            FZ_CHECK(vmbp_pkt_gpa_range_decode(p, end, end, &rr, &next) ==
                         VMBP_E_RING_RANGE_BOUNDS,
                     "range decode at the end");
        }
    }
}

static inline void fz_rm_expect_pkt(const uint8_t *d, uint32_t count,
                                    const struct vmbp_pkt_in *pkt, const char *what)
{
    FZ_CHECK(pkt->type == fz_le16(d) && pkt->data_offset == fz_le16(d + 2) * 8u &&
                 pkt->len == fz_le16(d + 4) * 8u && pkt->flags == fz_le16(d + 6) &&
                 pkt->trans_id == fz_le64(d + 8) && pkt->range_count == count,
             "%s: packet fields differ from the descriptor read (type %u len %u)", what,
             pkt->type, pkt->len);
}

/* The descriptor of the next packet (model side of reader_next_desc), in step 0. */
static inline enum vmbp_status fz_rm_next(struct fz_ring *R, struct fz_rmodel *M)
{
    enum vmbp_status st;
    uint32_t avail;

    if (M->have_desc)
        return VMBP_OK;
    if (M->priv == M->peer) {
        st = fz_rm_load_w(R, M, 0);
        if (st != VMBP_OK)
            return st;
        if (M->priv == M->peer)
            return VMBP_E_RING_EMPTY;
    }
    avail = fz_dist(M->size, M->priv, M->peer);
    if (avail < 24u)
        return fz_rm_break(M, VMBP_E_RING_AVAIL_SHORT);
    fz_seen_data(R, 0, M->priv, M->desc, 16);
    FZ_CHECK((vmbp_pkt_type_name(fz_le16(M->desc)) != NULL) == (fz_le16(M->desc) <= 13u),
             "vmbp_pkt_type_name(%u)", fz_le16(M->desc));
    st = fz_rm_desc(M, M->desc, avail);
    if (st != VMBP_OK)
        return fz_rm_break(M, st);
    M->have_desc = true;
    return VMBP_OK;
}

FZ_NOCOV static inline bool fz_buf_untouched(const uint8_t *buf, size_t from, size_t cap)
{
    /* all equal to the first, which is the fill byte */
    return from >= cap || (buf[from] == FZ_BUF_FILL &&
                           memcmp(buf + from, buf + from + 1, cap - from - 1) == 0);
}

/* vmbp_ring_peek (and the first half of vmbp_ring_read), checked against the model. */
/* Returns the model's peek result; with read, *lib_st and *lib_sig are the library's
 * result and signal, which the caller checks against the commit half when a packet came. */
static inline enum vmbp_status fz_r_peek(struct fz_ring *R, struct fz_rmodel *M,
                                         struct vmbp_ring *r, uint8_t a0, uint8_t a1,
                                         uint8_t a2, bool read, enum vmbp_status *lib_st,
                                         bool *lib_sig)
{
    uint32_t c16 = (uint32_t)a0 | (uint32_t)a1 << 8, len, count = 0;
    size_t cap = c16 >= 0xFF00u ? R->size : c16 == 1u ? 0u : c16;
    uint8_t *buf = cap ? (uint8_t *)fz_malloc(cap) : NULL;
    struct vmbp_pkt_in pkt, *pp = (a2 & 2u) ? NULL : &pkt;
    uint8_t *body;
    bool sig = true;
    enum vmbp_status st, want;
    const char *what = read ? "read" : "peek";

    if (buf)
        memset(buf, FZ_BUF_FILL, cap);
    memset(&pkt, 0, sizeof(pkt));
    fz_call(R);
    if (c16 == 1u) /* no buffer but a capacity: a bad argument */
        st = read ? vmbp_ring_read(r, NULL, 64, pp, (a2 & 1u) ? NULL : &sig)
                  : vmbp_ring_peek(r, NULL, 64, pp);
    else if (read)
        st = vmbp_ring_read(r, buf, cap, pp, (a2 & 1u) ? NULL : &sig);
    else
        st = vmbp_ring_peek(r, buf, cap, pp);
    *lib_st = st;
    *lib_sig = sig;

    if (M->state != VMBP_OK)
        want = M->state;
    else if (!pp || c16 == 1u)
        want = VMBP_E_INVAL;
    else
        want = fz_rm_next(R, M);
    if (want != VMBP_OK)
        goto no_packet;
    len = fz_le16(M->desc + 4) * 8u;
    if (cap < len) {
        want = VMBP_E_NOSPACE;
        FZ_CHECK(st == want, "%s: status 0x%x, the model expects NOSPACE", what, (unsigned)st);
        fz_rm_expect_pkt(M->desc, 0, &pkt, what);
        goto no_packet;
    }
    /* the packet: the validated descriptor, then the rest read once behind it */
    body = (uint8_t *)fz_malloc(len);
    memcpy(body, M->desc, 16);
    fz_seen_data(R, 0, fz_add(M->size, M->priv, 16), body + 16, len - 16u);
    FZ_CHECK(memcmp(buf, body, len) == 0, "%s: the packet returned is not the bytes read",
             what);
    FZ_CHECK(fz_buf_untouched(buf, len, cap), "%s: caller buffer written past the packet",
             what);
    fz_check_packet_api(body, len, (a0 ^ a1) % (len + 1u));
    want = fz_rm_ranges(body, &count);
    free(body);
    if (want != VMBP_OK) {
        want = fz_rm_break(M, want);
        FZ_CHECK(st == want, "%s: status 0x%x, the model expects 0x%x (ranges)", what,
                 (unsigned)st, (unsigned)want);
        if (read)
            FZ_CHECK(!sig || (a2 & 1u), "read: signal on failure");
        free(buf);
        return st;
    }
    if (!read)
        FZ_CHECK(st == VMBP_OK, "peek: status 0x%x, the model expects OK", (unsigned)st);
    fz_rm_expect_pkt(M->desc, count, &pkt, what);
    M->have_desc = false;
    M->priv = fz_add(M->size, M->priv, len + 8u);
    free(buf);
    return VMBP_OK;

no_packet:
    if (want != VMBP_E_NOSPACE)
        FZ_CHECK(st == want, "%s: status 0x%x, the model expects 0x%x", what, (unsigned)st,
                 (unsigned)want);
    FZ_CHECK(buf == NULL || fz_buf_untouched(buf, 0, cap),
             "%s: caller buffer written without a packet (status 0x%x)", what, (unsigned)st);
    if (read)
        FZ_CHECK(!sig || (a2 & 1u), "read: signal without a packet");
    free(buf);
    return want;
}

/*
 * vmbp_ring_commit (end: the end of a batch), or the second half of vmbp_ring_read: the
 * model's decisions. Publish the read index if it moved (the reads after it are in step 1),
 * and at the end of a batch clear the mask we set; then the writer decision, and at the end
 * of a batch whether more packets wait: known ones, or a write index loaded after the
 * barrier (the decision's load when it made one, else a load of its own).
 */
static inline void fz_r_commit(struct fz_ring *R, struct fz_rmodel *M, enum vmbp_status st,
                               bool sig, bool sig_null, bool end, bool more, const char *what)
{
    enum vmbp_status want = VMBP_OK;
    bool want_sig = false, want_more = false, loaded = false;
    uint32_t since, used, features, raw, pending, before, after;
    unsigned s = 0;

    if (M->state != VMBP_OK) {
        want = M->state;
        goto out;
    }
    if (end && M->mask) {
        M->mask = 0;
        fz_lib32(R, FZ_OFF_MASK, 0);
    }
    if (M->priv != M->pub || (end && M->undecided != 0)) {
        /* bytes consumed since the last decision: released ones, then these
         * (VMBP-RING-032) */
        since = M->undecided + fz_dist(M->size, M->pub, M->priv);
        if (since > M->size)
            since = M->size;
        M->undecided = 0;
        M->pub = M->priv;
        fz_lib32(R, FZ_OFF_READ, M->pub);
        s = 1;
        features = fz_seen32(R, s, FZ_OFF_FEATURES);
        if (features & 1u) {
            raw = fz_seen32(R, s, FZ_OFF_PENDING);
            if (raw > M->size) {
                want = fz_rm_break(M, VMBP_E_RING_PENDING_SZ);
                goto out;
            }
            pending = raw & ~7u;
            if (pending != 0) {
                want = fz_rm_load_w(R, M, s);
                if (want != VMBP_OK)
                    goto out;
                loaded = true;
                used = fz_dist(M->size, M->pub, M->peer);
                before =
                    (uint64_t)used + since + 8u >= M->size ? 0u : M->size - used - since - 8u;
                after = M->size - used - 8u;
                want_sig = before < pending && pending <= after;
            }
        }
    }
    if (end) {
        if (!loaded && M->priv == M->peer) {
            want = fz_rm_load_w(R, M, s);
            if (want != VMBP_OK)
                goto out;
        }
        want_more = M->priv != M->peer;
    }
out:
    FZ_CHECK(st == want, "%s: status 0x%x, the model expects 0x%x", what, (unsigned)st,
             (unsigned)want);
    if (!sig_null)
        FZ_CHECK(sig == want_sig, "%s: signal %d, the model decides %d", what, sig, want_sig);
    if (end)
        FZ_CHECK(more == want_more, "%s: more %d, the model says %d", what, more, want_more);
}

static inline void fz_r_inplace(struct fz_ring *R, struct fz_rmodel *M, struct vmbp_ring *r,
                                uint8_t a2)
{
    struct vmbp_ring_view view, *vp = (a2 & 1u) ? NULL : &view;
    struct vmbp_pkt_in pkt, *pp = (a2 & 2u) ? NULL : &pkt;
    enum vmbp_status st, want;
    uint32_t len, first;

    memset(&view, 0, sizeof(view));
    memset(&pkt, 0, sizeof(pkt));
    fz_call(R);
    st = vmbp_ring_peek_inplace(r, vp, pp);
    if (M->state != VMBP_OK)
        want = M->state;
    else if (!vp || !pp)
        want = VMBP_E_INVAL;
    else if (!M->trusted)
        want = VMBP_E_STATE;
    else
        want = fz_rm_next(R, M);
    FZ_CHECK(st == want, "peek_inplace: status 0x%x, the model expects 0x%x", (unsigned)st,
             (unsigned)want);
    if (want != VMBP_OK)
        return;
    len = fz_le16(M->desc + 4) * 8u;
    first = M->size - M->priv;
    fz_rm_expect_pkt(M->desc, 0, &pkt, "peek_inplace");
    FZ_CHECK(view.part[0] == R->mem + FZ_CTL + M->priv, "peek_inplace: first span");
    if (len <= first)
        FZ_CHECK(view.len[0] == len && view.part[1] == NULL && view.len[1] == 0,
                 "peek_inplace: one span of %u bytes expected", len);
    else
        FZ_CHECK(view.len[0] == first && view.part[1] == R->mem + FZ_CTL &&
                     view.len[1] == len - first,
                 "peek_inplace: two spans expected (%u + %u)", first, len - first);
    M->have_desc = false;
    M->priv = fz_add(M->size, M->priv, len + 8u);
}

/* Writer calls on a reader (VMBP_E_STATE), and NULL rings (VMBP_E_INVAL). */
static inline void fz_r_wrong_role(struct fz_ring *R, struct fz_rmodel *M, struct vmbp_ring *r,
                                   uint8_t a0)
{
    struct vmbp_pkt_out po;
    enum vmbp_status want = M->state != VMBP_OK ? M->state : VMBP_E_STATE;
    bool b = true;

    memset(&po, 0, sizeof(po));
    po.type = VMBP_PKT_DATA_INBAND;
    fz_call(R);
    FZ_CHECK(vmbp_ring_write_add(r, &po, NULL, 0) == want, "write_add on a reader");
    FZ_CHECK(vmbp_ring_write_commit(r, &b) == want && !b, "write_commit on a reader");
    b = true;
    FZ_CHECK(vmbp_ring_write(r, &po, NULL, 0, &b) == want && !b, "write on a reader");
    b = true;
    FZ_CHECK(vmbp_ring_pending_send_set(r, 8, &b) == want && !b,
             "pending_send_set on a reader");
    FZ_CHECK(vmbp_ring_write_needed(r) == 0, "write_needed on a reader");
    FZ_CHECK(vmbp_ring_state(r) == M->state, "state");
    if (a0 & 1u) {
        struct vmbp_pkt_in pkt;
        struct vmbp_ring_view view;
        uint8_t buf[8];

        b = true;
        FZ_CHECK(vmbp_ring_read(NULL, buf, sizeof(buf), &pkt, &b) == VMBP_E_INVAL && !b,
                 "read(NULL)");
        FZ_CHECK(vmbp_ring_peek(NULL, buf, sizeof(buf), &pkt) == VMBP_E_INVAL, "peek(NULL)");
        FZ_CHECK(vmbp_ring_peek_inplace(NULL, &view, &pkt) == VMBP_E_INVAL, "inplace(NULL)");
        bool more = true;

        b = true;
        FZ_CHECK(vmbp_ring_commit(NULL, &b, &more) == VMBP_E_INVAL && !b && !more,
                 "commit(NULL)");
        FZ_CHECK(vmbp_ring_mask_begin(NULL) == VMBP_E_INVAL, "mask_begin(NULL)");
        FZ_CHECK(vmbp_ring_write_add(NULL, &po, NULL, 0) == VMBP_E_INVAL, "write_add(NULL)");
        FZ_CHECK(vmbp_ring_write_commit(NULL, NULL) == VMBP_E_INVAL, "write_commit(NULL)");
        FZ_CHECK(vmbp_ring_write(NULL, &po, NULL, 0, NULL) == VMBP_E_INVAL, "write(NULL)");
        FZ_CHECK(vmbp_ring_pending_send_set(NULL, 8, NULL) == VMBP_E_INVAL, "pending(NULL)");
        FZ_CHECK(vmbp_ring_state(NULL) == VMBP_E_INVAL, "state(NULL)");
        FZ_CHECK(vmbp_ring_write_needed(NULL) == 0, "write_needed(NULL)");
    }
}

/* FZ_ROP_HOST_PACKET: the host appends one packet and publishes it. The descriptor is
 * well formed; a GPA-direct packet takes its one range from the stream and carries one PFN
 * fewer, as many, or one more than the range spans. */
static inline void fz_r_host_packet(struct fz_ring *R, uint8_t a0, uint8_t a1, uint8_t a2)
{
    uint8_t pkt[16 + 16 + 20 * 8 + 255 * 8 + 8];
    uint32_t type = a0 % 14u, ext = 0, total, w = fz_le32(R->mem + FZ_OFF_WRITE);
    uint32_t rd = fz_le32(R->mem + FZ_OFF_READ), data = (uint32_t)a1 * 8u;

    if (w >= R->size || w % 8u || rd >= R->size || rd % 8u)
        return; /* the page is not in a state the host can append to */
    memset(pkt, 0, sizeof(pkt));
    if (type == 7u) { /* transfer page header with one range */
        fz_put16(pkt + 16, 1);
        fz_put32(pkt + 20, 1);
        fz_put32(pkt + 24, data);
        ext = 16;
    } else if (type == 9u) { /* GPA direct with one range */
        uint32_t bc = fz_u16(R->stream), bo = fz_u16(R->stream) % 8192u, k = fz_u8(R->stream);
        uint32_t pfns = (bo + bc + 4095u) / 4096u + k % 3u;

        pfns = pfns ? pfns - 1u : 0u;
        fz_put32(pkt + 20, 1);
        fz_put32(pkt + 24, bc);
        fz_put32(pkt + 28, bo);
        fz_bytes(R->stream, pkt + 32, pfns * 8u);
        ext = 16u + pfns * 8u;
    }
    total = 16u + ext + data + 8u;
    if (total > R->size - fz_dist(R->size, rd, w) - 8u)
        return;
    fz_put16(pkt, (uint16_t)type);
    fz_put16(pkt + 2, (uint16_t)((16u + ext) / 8u));
    fz_put16(pkt + 4, (uint16_t)((16u + ext + data) / 8u));
    fz_put16(pkt + 6, a2);
    fz_bytes(R->stream, pkt + 8, 8);
    fz_bytes(R->stream, pkt + 16 + ext, data);
    fz_put32(pkt + total - 4u, w);
    fz_host_data(R, w, pkt, total);
    fz_host32(R, FZ_OFF_WRITE, fz_add(R->size, w, total));
}

/* FZ_ROP_ARITH: ring.h's pure functions on arbitrary values, against spec/ring.md. */
static inline void fz_r_arith(struct fz *st)
{
    uint32_t size = fz_u32(st), a = fz_u32(st), b = fz_u32(st), c = fz_u32(st), n = fz_u32(st);
    uint32_t out = 0xEEEEEEEEu, want_out = 0;
    bool sv = size >= 32u && size <= 0x80000000u && size % 8u == 0;
    bool av = sv && a < size && a % 8u == 0, bv = sv && b < size && b % 8u == 0;
    bool cv = sv && c < size && c % 8u == 0;
    enum vmbp_status s, want;

    /* small sizes are the interesting ones: make them likely */
    if (size & 0x80000000u && !(size == 0x80000000u)) {
        size = 32u + (size & 0x1FF8u);
        a %= size + 16u;
        b %= size + 16u;
        c %= size + 16u;
        n %= size + 16u;
        sv = true;
        av = a < size && a % 8u == 0;
        bv = b < size && b % 8u == 0;
        cv = c < size && c % 8u == 0;
    }
    FZ_CHECK(vmbp_ring_size_valid(size) == sv, "size_valid(%u)", size);
    FZ_CHECK(vmbp_ring_index_valid(size, a) == (a < size && a % 8u == 0), "index_valid(%u, %u)",
             size, a);
    /* avail(w = a, r = b) and free */
    s = vmbp_ring_avail(size, a, b, &out);
    want = !sv   ? VMBP_E_INVAL
           : !av ? VMBP_E_RING_WRITE_INDEX
           : !bv ? VMBP_E_RING_READ_INDEX
                 : VMBP_OK;
    want_out = want == VMBP_OK ? (a >= b ? a - b : size - (b - a)) : 0xEEEEEEEEu;
    FZ_CHECK(s == want && out == want_out, "avail(%u, %u, %u): 0x%x %u", size, a, b,
             (unsigned)s, out);
    out = 0xEEEEEEEEu;
    s = vmbp_ring_free(size, a, b, &out);
    FZ_CHECK(s == want && out == (want == VMBP_OK ? size - want_out - 8u : 0xEEEEEEEEu),
             "free(%u, %u, %u)", size, a, b);
    /* advance */
    out = 0xEEEEEEEEu;
    s = vmbp_ring_advance(size, a, n, &out);
    want = (sv && av && n < size && n % 8u == 0) ? VMBP_OK : VMBP_E_INVAL;
    FZ_CHECK(s == want && (want != VMBP_OK || out == (uint32_t)(((uint64_t)a + n) % size)),
             "advance(%u, %u, %u): 0x%x %u", size, a, n, (unsigned)s, out);
    /* the writer's check of a read index: w_pub = a, r_seen = b, r_new = c */
    s = vmbp_ring_read_index_check(size, a, b, c);
    if (!sv || !av || !bv)
        want = VMBP_E_INVAL;
    else if (!cv)
        want = VMBP_E_RING_READ_INDEX;
    else
        want =
            fz_dist(size, c, a) > fz_dist(size, b, a) ? VMBP_E_RING_READ_PAST_WRITE : VMBP_OK;
    FZ_CHECK(s == want, "read_index_check(%u, %u, %u, %u): 0x%x, the model 0x%x", size, a, b, c,
             (unsigned)s, (unsigned)want);
    /* the reader's check of a write index: r_pub = a, w_seen = b, w_new = c */
    s = vmbp_ring_write_index_check(size, a, b, c);
    if (!sv || !av || !bv)
        want = VMBP_E_INVAL;
    else if (!cv)
        want = VMBP_E_RING_WRITE_INDEX;
    else
        want = (uint64_t)fz_dist(size, a, b) + fz_dist(size, b, c) > size - 8u
                   ? VMBP_E_RING_WRITE_INDEX
                   : VMBP_OK;
    FZ_CHECK(s == want, "write_index_check(%u, %u, %u, %u): 0x%x, the model 0x%x", size, a, b,
             c, (unsigned)s, (unsigned)want);
    /* pending_send_sz, and the two wakeup predicates */
    out = 0xEEEEEEEEu;
    s = vmbp_ring_pending_check(size, n, &out);
    FZ_CHECK(n > size ? (s == VMBP_E_RING_PENDING_SZ && out == 0xEEEEEEEEu)
                      : (s == VMBP_OK && out == (n & ~7u)),
             "pending_check(%u, %u)", size, n);
    FZ_CHECK(vmbp_ring_writer_wakeup(a, b, n) == (n != 0 && a < n && n <= b),
             "writer_wakeup(%u, %u, %u)", a, b, n);
    FZ_CHECK(vmbp_ring_reader_wakeup(a, b, c) == (c == 0 && a == b), "reader_wakeup");
}

/* One input: role is VMBP_RING_GUEST_RECV or VMBP_RING_HOST_RECV; race_cfg says whether
 * the cfg bit FZ_CFG_RACE decides the racing host (else race is forced to force_race). */
static inline int fz_reader_run(const uint8_t *data, size_t size, enum vmbp_ring_role role,
                                bool race_cfg, bool force_race)
{
    struct fz in = {data, size}, stream;
    struct fz_ring R;
    struct fz_rmodel M;
    struct vmbp_ring ring;
    uint8_t cfg = fz_u8(&in), ops[FZ_MAX_OPS][4];
    uint32_t dsize = fz_size_from_code(fz_u16(&in)), words[5], flags = 0, i, nops, imglen;
    bool attach = (cfg & FZ_CFG_ATTACH) != 0;
    bool race = race_cfg ? (cfg & FZ_CFG_RACE) != 0 : force_race;
    enum vmbp_status st;
    uint8_t img[4096];

    for (i = 0; i < 5; i++)
        words[i] = fz_u32(&in);
    nops = fz_u8(&in);
    if (nops > FZ_MAX_OPS)
        nops = FZ_MAX_OPS;
    fz_bytes(&in, ops, nops * 4u);
    imglen = fz_u16(&in);
    if (imglen > dsize)
        imglen = dsize;
    if (imglen > sizeof(img)) /* the image covers at most the first page */
        imglen = sizeof(img);
    imglen = (uint32_t)fz_bytes(&in, img, imglen);
    stream = in;

    fz_ring_open(&R, dsize, FZ_OFF_READ, race, &stream, 8);
    if (fz_init_bad(&R, cfg >> FZ_CFG_INIT_SHIFT, role)) {
        fz_ring_close(&R);
        return 0;
    }
    if (cfg & FZ_RCFG_TRUSTED)
        flags |= VMBP_RING_F_TRUSTED;
    if (cfg & FZ_RCFG_LEGACY)
        flags |= VMBP_RING_F_LEGACY_TYPES;
    flags |= fz_start_flag(role);
    memset(&M, 0, sizeof(M));
    M.size = dsize;
    M.types = (cfg & FZ_RCFG_LEGACY) ? 0x3FFEu : (1u << 6 | 1u << 7 | 1u << 9 | 1u << 11);
    M.trusted = (cfg & FZ_RCFG_TRUSTED) != 0;
    M.mask = role == VMBP_RING_HOST_RECV ? 1u : 0u;

    /* The host's page: written before init when attaching, after it otherwise. */
    if (attach) {
        for (i = 0; i < 5; i++)
            fz_host32(&R, fz_word_off(i), words[i]);
        fz_host_data(&R, 0, img, imglen);
    } else {
        flags |= VMBP_RING_F_RESET;
    }
    fz_call(&R);
    st = vmbp_ring_init(&ring, R.mem, R.len, role, flags);
    if (attach) {
        uint32_t w = fz_seen32(&R, 0, FZ_OFF_WRITE), rd;

        if (w >= dsize || w % 8u) {
            M.state = VMBP_E_RING_WRITE_INDEX;
        } else {
            rd = fz_seen32(&R, 0, FZ_OFF_READ);
            if (rd >= dsize || rd % 8u)
                M.state = VMBP_E_RING_READ_INDEX;
            M.priv = M.pub = rd;
            M.peer = w;
        }
    } else {
        memset(R.mirror, 0, FZ_CTL);
        fz_lib32(&R, FZ_OFF_FEATURES, 1);
    }
    fz_lib32(&R, FZ_OFF_MASK, M.mask);
    FZ_CHECK(st == M.state, "init: status 0x%x, the model expects 0x%x", (unsigned)st,
             (unsigned)M.state);
    FZ_CHECK(vmbp_ring_state(&ring) == M.state, "init: state");
    if (fz_trace())
        fprintf(stderr, "init: size %u cfg 0x%x: status 0x%x\n", dsize, cfg, (unsigned)st);
    fz_call_done(&R, "init");
    if (!attach) {
        for (i = 0; i < 5; i++)
            fz_host32(&R, fz_word_off(i), words[i]);
        fz_host_data(&R, 0, img, imglen);
    }

    for (i = 0; i < nops; i++) {
        uint8_t code = ops[i][0] % FZ_ROP_COUNT, a0 = ops[i][1], a1 = ops[i][2], a2 = ops[i][3];
        bool sig = true, more = true;

        switch (code) {
        case FZ_ROP_READ:
            if (fz_r_peek(&R, &M, &ring, a0, a1, a2, true, &st, &sig) == VMBP_OK)
                fz_r_commit(&R, &M, st, sig, (a2 & 1u) != 0, false, false,
                            "read (commit half)");
            break;
        case FZ_ROP_PEEK:
            (void)fz_r_peek(&R, &M, &ring, a0, a1, a2 & 2u, false, &st, &sig);
            if (a2 & 4u) { /* vmbp_ring_release: the read index store alone */
                fz_call_done(&R, "peek");
                fz_call(&R);
                st = vmbp_ring_release(&ring);
                FZ_CHECK(st == M.state, "release: 0x%x", (unsigned)st);
                if (M.state == VMBP_OK && M.priv != M.pub) {
                    M.undecided += fz_dist(M.size, M.pub, M.priv);
                    if (M.undecided > M.size)
                        M.undecided = M.size;
                    M.pub = M.priv;
                    fz_lib32(&R, FZ_OFF_READ, M.pub);
                }
            }
            break;
        case FZ_ROP_PEEK_INPLACE:
            fz_r_inplace(&R, &M, &ring, a2);
            break;
        case FZ_ROP_COMMIT:
            fz_call(&R);
            st = vmbp_ring_commit(&ring, (a2 & 1u) ? NULL : &sig, &more);
            fz_r_commit(&R, &M, st, sig, (a2 & 1u) != 0, true, more, "commit");
            break;
        case FZ_ROP_MASK_BEGIN:
            fz_call(&R);
            st = vmbp_ring_mask_begin(&ring);
            FZ_CHECK(st == M.state, "mask_begin: 0x%x", (unsigned)st);
            if (M.state == VMBP_OK) {
                M.mask = 1;
                fz_lib32(&R, FZ_OFF_MASK, 1);
            }
            break;
        case FZ_ROP_COMMIT_NO_MORE:
            fz_call(&R);
            st = vmbp_ring_commit(&ring, &sig, NULL);
            FZ_CHECK(st == (M.state != VMBP_OK ? M.state : VMBP_E_INVAL) && !sig,
                     "commit without more: status 0x%x", (unsigned)st);
            break;
        case FZ_ROP_HOST_WORD:
            fz_host_word(&R, a0, a1, a2);
            continue;
        case FZ_ROP_HOST_DATA: {
            uint8_t b[255];

            fz_bytes(&stream, b, a2);
            fz_host_data(&R, ((uint32_t)a0 | (uint32_t)a1 << 8) % dsize, b, a2);
            continue;
        }
        case FZ_ROP_WRONG_ROLE:
            fz_r_wrong_role(&R, &M, &ring, a0);
            break;
        case FZ_ROP_ARITH:
            fz_r_arith(&stream);
            continue;
        default:
            fz_r_host_packet(&R, a0, a1, a2);
            continue;
        }
        if (fz_trace())
            fprintf(stderr,
                    "op %u: code %u (%u %u %u): status 0x%x, state 0x%x, priv %u pub %u "
                    "peer %u\n",
                    i, code, a0, a1, a2, (unsigned)st, (unsigned)M.state, M.priv, M.pub,
                    M.peer);
        FZ_CHECK(!fz_is_ring_violation(st) || vmbp_ring_state(&ring) == st,
                 "a violation (0x%x) that did not break the ring", (unsigned)st);
        FZ_CHECK(vmbp_ring_state(&ring) == M.state, "state 0x%x, the model's 0x%x",
                 (unsigned)vmbp_ring_state(&ring), (unsigned)M.state);
        fz_call_done(&R, "reader call");
    }
    fz_ring_close(&R);
    return 0;
}

#endif /* VMBP_FUZZ_RING_READER_H */
