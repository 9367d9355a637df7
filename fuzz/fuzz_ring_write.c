/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ring_write: the writer (guest or host side) against a hostile reader: arbitrary
 * read_index, interrupt_mask, pending_send_sz and feature bits, written between calls or
 * rewritten before every read (FZ_CFG_RACE), and arbitrary packets and gather lists from
 * the caller. Input layout: fuzz_format.h.
 *
 * An independent model of the writer (spec/ring.md) predicts every status, signal, ready
 * flag and vmbp_ring_write_needed(); it sees the reader's words only through the values the
 * library read. After every call the ring must hold exactly what the model wrote: the
 * packet bytes (descriptor, gather list, zero padding, trailer) in the free space, the
 * write index and pending_send_sz; nothing else, and nothing at all on failure (all or
 * nothing). No shared byte may be read twice in a step, and a violation must break the
 * ring for good.
 */
#include "fuzz_ring.h"

struct fz_wmodel {
    uint32_t size;
    uint32_t priv;   /* end of the written batch */
    uint32_t pub;    /* write index published */
    uint32_t peer;   /* read index accepted */
    uint32_t needed; /* vmbp_ring_write_needed() */
    bool pending_set;
    enum vmbp_status state;
};

static enum vmbp_status wm_break(struct fz_wmodel *M, enum vmbp_status st)
{
    if (M->state == VMBP_OK)
        M->state = st;
    return M->state;
}

/* The reader can only have consumed published bytes: between the last accepted read index
 * and the published write index. */
static enum vmbp_status wm_load_r(struct fz_ring *R, struct fz_wmodel *M, unsigned s)
{
    uint32_t rd = fz_seen32(R, s, FZ_OFF_READ);

    if (rd >= M->size || rd % 8u)
        return wm_break(M, VMBP_E_RING_READ_INDEX);
    if (fz_dist(M->size, rd, M->pub) > fz_dist(M->size, M->peer, M->pub))
        return wm_break(M, VMBP_E_RING_READ_PAST_WRITE);
    M->peer = rd;
    return VMBP_OK;
}

static uint32_t wm_free(const struct fz_wmodel *M)
{
    return M->size - fz_dist(M->size, M->peer, M->priv) - 8u;
}

struct fz_wpkt {
    struct vmbp_pkt_out po;
    struct vmbp_seg *segs; /* exactly nsegs entries (or NULL) */
    size_t nsegs;
    uint8_t *body; /* the gather list's bytes, concatenated */
    uint32_t blen;
    bool null_ptr; /* a non-empty segment has a NULL pointer */
    bool huge;     /* the gather list is longer than any packet */
};

/* Build a packet from an op record and the stream. */
static void wm_make(struct fz_wpkt *P, const uint8_t *a, uint32_t size, struct fz *stream)
{
    size_t i, n = FZ_SEG_COUNT(a[5]);
    uint32_t body = ((uint32_t)a[3] | (uint32_t)a[4] << 8) % (size + 16u), at = 0;

    memset(P, 0, sizeof(*P));
    P->po.type = a[0];
    P->po.flags = a[1];
    P->po.ext_len = a[2];
    P->po.trans_id = fz_u64(stream);
    if (n == 0)
        body = 0;
    P->blen = body;
    P->body = (uint8_t *)fz_malloc(body);
    fz_bytes(stream, P->body, body);
    P->nsegs = n;
    if (n)
        P->segs = (struct vmbp_seg *)fz_malloc(n * sizeof(*P->segs));
    for (i = 0; i < n; i++) {
        uint32_t len, rest = body - at;

        if (i + 1 == n)
            len = rest;
        else if (i == 0)
            len = a[6] < rest ? a[6] : rest;
        else
            len = rest / (uint32_t)(n - i);
        P->segs[i].ptr = P->body + at;
        P->segs[i].len = len;
        if (len == 0 && (a[5] & FZ_SEG_NULL_EMPTY))
            P->segs[i].ptr = NULL;
        if (len != 0 && (a[5] & FZ_SEG_NULL_PTR) && !P->null_ptr) {
            P->segs[i].ptr = NULL;
            P->null_ptr = true;
        }
        at += len;
    }
    /* lengths beyond what any packet can hold: refused before a byte is read (the
     * pointers are the small body's, so ASan sees a read) */
    P->huge = false;
    if (n >= 1 && (a[5] & (FZ_SEG_HUGE | FZ_SEG_MAX_PAIR)) == FZ_SEG_HUGE) {
        P->segs[n - 1].ptr = P->body;
        P->segs[n - 1].len = VMBP_PKT_MAX_LEN + 1u;
        P->huge = true;
    } else if (n >= 2 && (a[5] & FZ_SEG_MAX_PAIR)) {
        P->segs[0].ptr = P->body;
        P->segs[0].len = (a[5] & FZ_SEG_HUGE) ? VMBP_PKT_MAX_LEN : VMBP_PKT_MAX_LEN - 8u;
        P->segs[1].ptr = P->body;
        P->segs[1].len = 8;
        P->huge = true;
    }
    if (a[5] & FZ_SEG_NULL_LIST) {
        free(P->segs);
        P->segs = NULL;
    }
}

static void wm_free_pkt(struct fz_wpkt *P)
{
    free(P->segs);
    free(P->body);
}

/* The model of vmbp_ring_write_add. */
static enum vmbp_status wm_add(struct fz_ring *R, struct fz_wmodel *M, const struct fz_wpkt *P)
{
    uint32_t type = P->po.type, ext = P->po.ext_len, total, pad, n;
    uint8_t head[16], tail[16];

    if (M->state != VMBP_OK)
        return M->state;
    if ((P->nsegs && !P->segs) || type < 1u || type > 13u || (P->po.flags & ~1u) || ext % 8u ||
        ((type == 7u || type == 9u) && ext < 8u) || P->null_ptr || (P->huge && P->segs))
        return VMBP_E_INVAL;
    total = ((16u + P->blen + 7u) & ~7u) + 8u;
    if (ext > P->blen || total > M->size - 8u)
        return VMBP_E_INVAL;
    /* the writer refuses an extension the reader would reject (ext >= 8 was checked) */
    if ((type == 7u || type == 9u) &&
        fz_model_ext_ranges(P->body, ext, type == 9u, &n) != VMBP_OK)
        return VMBP_E_INVAL;
    if (total > wm_free(M)) {
        enum vmbp_status st = wm_load_r(R, M, 0);

        if (st != VMBP_OK)
            return st;
        if (total > wm_free(M)) {
            uint32_t unpublished = fz_dist(M->size, M->pub, M->priv);

            /* even an empty ring could not take the batch and the packet: commit first */
            if (total > M->size - 8u - unpublished) {
                M->needed = 0;
                return VMBP_E_RING_BATCH_FULL;
            }
            M->needed = unpublished + total;
            return VMBP_E_RING_FULL;
        }
    }
    M->needed = 0;
    if (M->pending_set) {
        fz_lib32(R, FZ_OFF_PENDING, 0);
        M->pending_set = false;
    }
    fz_put16(head, (uint16_t)type);
    fz_put16(head + 2, (uint16_t)((16u + ext) / 8u));
    fz_put16(head + 4, (uint16_t)((total - 8u) / 8u));
    fz_put16(head + 6, P->po.flags);
    fz_put64(head + 8, P->po.trans_id);
    pad = (8u - P->blen % 8u) % 8u;
    memset(tail, 0, sizeof(tail));
    fz_put32(tail + pad + 4, M->priv);
    fz_lib_data(R, M->priv, head, 16);
    fz_lib_data(R, fz_add(M->size, M->priv, 16), P->body, P->blen);
    fz_lib_data(R, fz_add(M->size, M->priv, 16u + P->blen), tail, pad + 8u);
    M->priv = fz_add(M->size, M->priv, total);
    return VMBP_OK;
}

/* The model of vmbp_ring_write_commit: status, and the signal decision in *sig. */
static enum vmbp_status wm_commit(struct fz_ring *R, struct fz_wmodel *M, bool *sig)
{
    uint32_t old;

    *sig = false;
    if (M->state != VMBP_OK)
        return M->state;
    if (M->priv == M->pub)
        return VMBP_OK;
    old = M->pub;
    M->pub = M->priv;
    fz_lib32(R, FZ_OFF_WRITE, M->pub);
    if (fz_seen32(R, 1, FZ_OFF_MASK) != 0)
        return VMBP_OK;
    /* The read index decides the signal only: equal to the previous write index it is taken
     * (a valid index); any other value is not used, and checked when a space check loads
     * it (spec/ring.md, "Writing"). */
    if (fz_seen32(R, 1, FZ_OFF_READ) == old) {
        M->peer = old;
        *sig = true;
    }
    return VMBP_OK;
}

static enum vmbp_status w_write(struct fz_ring *R, struct fz_wmodel *M, struct vmbp_ring *r,
                                const uint8_t *a, bool commit, bool sig_null, struct fz *stream)
{
    struct fz_wpkt P;
    enum vmbp_status st, want;
    bool sig = true, want_sig = false;

    wm_make(&P, a, M->size, stream);
    fz_call(R);
    if (commit)
        st = vmbp_ring_write(r, &P.po, P.segs, P.nsegs, sig_null ? NULL : &sig);
    else
        st = vmbp_ring_write_add(r, &P.po, P.segs, P.nsegs);
    want = wm_add(R, M, &P);
    if (commit && want == VMBP_OK)
        want = wm_commit(R, M, &want_sig);
    FZ_CHECK(st == want, "%s: status 0x%x, the model expects 0x%x (type %u, %u bytes)",
             commit ? "write" : "write_add", (unsigned)st, (unsigned)want, P.po.type, P.blen);
    if (commit && !sig_null)
        FZ_CHECK(sig == want_sig, "write: signal %d, the model decides %d", sig, want_sig);
    wm_free_pkt(&P);
    return st;
}

/* FZ_WOP_HOST_CONSUME: an honest reader takes up to k published packets. */
static void w_host_consume(struct fz_ring *R, uint8_t k)
{
    uint32_t rd = fz_le32(R->mem + FZ_OFF_READ), w = fz_le32(R->mem + FZ_OFF_WRITE), i;

    if (rd >= R->size || rd % 8u || w >= R->size || w % 8u)
        return;
    for (i = 0; i < k && rd != w; i++) {
        uint32_t len8 = (uint32_t)R->mem[FZ_CTL + fz_add(R->size, rd, 4)] |
                        (uint32_t)R->mem[FZ_CTL + fz_add(R->size, rd, 5)] << 8;

        if (len8 < 2u || len8 * 8u + 8u > fz_dist(R->size, rd, w))
            break;
        rd = fz_add(R->size, rd, len8 * 8u + 8u);
    }
    fz_host32(R, FZ_OFF_READ, rd);
}

/* Reader calls on a writer (VMBP_E_STATE), and NULL rings (VMBP_E_INVAL). */
static void w_wrong_role(struct fz_ring *R, struct fz_wmodel *M, struct vmbp_ring *r,
                         uint8_t a0)
{
    enum vmbp_status want = M->state != VMBP_OK ? M->state : VMBP_E_STATE;
    struct vmbp_pkt_in pkt;
    struct vmbp_ring_view view;
    uint8_t buf[64];
    bool b = true, more = true;

    fz_call(R);
    FZ_CHECK(vmbp_ring_read(r, buf, sizeof(buf), &pkt, &b) == want && !b, "read on a writer");
    FZ_CHECK(vmbp_ring_peek(r, buf, sizeof(buf), &pkt) == want, "peek on a writer");
    FZ_CHECK(vmbp_ring_peek_inplace(r, &view, &pkt) == want, "peek_inplace on a writer");
    b = true;
    FZ_CHECK(vmbp_ring_commit(r, &b, &more) == want && !b && !more, "commit on a writer");
    FZ_CHECK(vmbp_ring_mask_begin(r) == want, "mask_begin on a writer");
    if (a0 & 1u) {
        struct vmbp_pkt_out po;

        memset(&po, 0, sizeof(po));
        po.type = VMBP_PKT_DATA_INBAND;
        FZ_CHECK(vmbp_ring_write_add(NULL, &po, NULL, 0) == VMBP_E_INVAL, "write_add(NULL)");
        b = true;
        FZ_CHECK(vmbp_ring_write(NULL, &po, NULL, 0, &b) == VMBP_E_INVAL && !b, "write(NULL)");
        b = true;
        FZ_CHECK(vmbp_ring_write_commit(NULL, &b) == VMBP_E_INVAL && !b, "commit(NULL)");
        b = true;
        FZ_CHECK(vmbp_ring_pending_send_set(NULL, 8, &b) == VMBP_E_INVAL && !b,
                 "pending(NULL)");
        FZ_CHECK(vmbp_ring_write_needed(NULL) == 0, "write_needed(NULL)");
        /* a NULL packet is a bad argument on a healthy writer */
        FZ_CHECK(vmbp_ring_write_add(r, NULL, NULL, 0) ==
                     (M->state != VMBP_OK ? M->state : VMBP_E_INVAL),
                 "write_add(pkt NULL)");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz in = {data, size}, stream;
    struct fz_ring R;
    struct fz_wmodel M;
    struct vmbp_ring ring;
    uint8_t cfg = fz_u8(&in), ops[FZ_MAX_OPS][8];
    uint32_t dsize = fz_size_from_code(fz_u16(&in)), words[5], i, nops;
    enum vmbp_ring_role role =
        (cfg & FZ_WCFG_HOST) ? VMBP_RING_HOST_SEND : VMBP_RING_GUEST_SEND;
    bool attach = (cfg & FZ_CFG_ATTACH) != 0;
    enum vmbp_status st;

    for (i = 0; i < 5; i++)
        words[i] = fz_u32(&in);
    nops = fz_u8(&in);
    if (nops > FZ_MAX_OPS)
        nops = FZ_MAX_OPS;
    fz_bytes(&in, ops, nops * 8u);
    stream = in;

    fz_ring_open(&R, dsize, FZ_OFF_WRITE, (cfg & FZ_CFG_RACE) != 0, &stream, 8);
    if (fz_init_bad(&R, cfg >> FZ_CFG_INIT_SHIFT, role)) {
        fz_ring_close(&R);
        return 0;
    }
    memset(&M, 0, sizeof(M));
    M.size = dsize;
    if (attach)
        for (i = 0; i < 5; i++)
            fz_host32(&R, fz_word_off(i), words[i]);
    fz_call(&R);
    st = vmbp_ring_init(&ring, R.mem, R.len, role, attach ? 0u : VMBP_RING_F_RESET);
    if (attach) {
        uint32_t w = fz_seen32(&R, 0, FZ_OFF_WRITE), rd;

        if (w >= dsize || w % 8u) {
            M.state = VMBP_E_RING_WRITE_INDEX;
        } else {
            rd = fz_seen32(&R, 0, FZ_OFF_READ);
            if (rd >= dsize || rd % 8u)
                M.state = VMBP_E_RING_READ_INDEX;
            M.priv = M.pub = w;
            M.peer = rd;
        }
    } else {
        memset(R.mirror, 0, FZ_CTL);
    }
    fz_lib32(&R, FZ_OFF_PENDING, 0);
    fz_lib32(&R, FZ_OFF_FEATURES, 1);
    FZ_CHECK(st == M.state, "init: status 0x%x, the model expects 0x%x", (unsigned)st,
             (unsigned)M.state);
    if (fz_trace())
        fprintf(stderr, "init: size %u cfg 0x%x: status 0x%x\n", dsize, cfg, (unsigned)st);
    fz_call_done(&R, "init");
    if (!attach) /* the reader's words, as a hostile reader sets them after the reset */
        for (i = 0; i < 5; i++)
            if (i == FZ_W_READ || i == FZ_W_MASK)
                fz_host32(&R, fz_word_off(i), words[i]);

    for (i = 0; i < nops; i++) {
        const uint8_t *a = ops[i] + 1;
        uint8_t code = ops[i][0] % FZ_WOP_COUNT;
        bool null_out = (ops[i][0] / FZ_WOP_COUNT) & 1u, b = true, want_b = false;
        enum vmbp_status want;

        switch (code) {
        case FZ_WOP_WRITE:
        case FZ_WOP_WRITE_ADD:
            st = w_write(&R, &M, &ring, a, code == FZ_WOP_WRITE, null_out, &stream);
            break;
        case FZ_WOP_COMMIT:
            fz_call(&R);
            st = vmbp_ring_write_commit(&ring, null_out ? NULL : &b);
            want = wm_commit(&R, &M, &want_b);
            FZ_CHECK(st == want, "write_commit: status 0x%x, the model expects 0x%x",
                     (unsigned)st, (unsigned)want);
            if (!null_out)
                FZ_CHECK(b == want_b, "write_commit: signal %d, the model decides %d", b,
                         want_b);
            break;
        case FZ_WOP_PENDING_SET: {
            uint32_t bytes = (uint32_t)a[0] | (uint32_t)a[1] << 8 | (uint32_t)a[2] << 16, want8;

            fz_call(&R);
            st = vmbp_ring_pending_send_set(&ring, bytes, null_out ? NULL : &b);
            want = M.state;
            if (want == VMBP_OK && bytes > dsize - 8u)
                want = VMBP_E_INVAL;
            if (want == VMBP_OK) {
                want8 = (bytes + 7u) & ~7u;
                fz_lib32(&R, FZ_OFF_PENDING, want8);
                M.pending_set = want8 != 0;
                if (want8 == 0) {
                    want_b = true;
                } else {
                    want = wm_load_r(&R, &M, 0);
                    want_b =
                        want == VMBP_OK && dsize - fz_dist(dsize, M.peer, M.pub) - 8u >= want8;
                }
            }
            FZ_CHECK(st == want, "pending_send_set(%u): status 0x%x, the model expects 0x%x",
                     bytes, (unsigned)st, (unsigned)want);
            if (!null_out)
                FZ_CHECK(b == want_b, "pending_send_set: ready %d, the model decides %d", b,
                         want_b);
            break;
        }
        case FZ_WOP_NEEDED:
            fz_call(&R);
            FZ_CHECK(vmbp_ring_write_needed(&ring) == M.needed, "write_needed %u, model %u",
                     vmbp_ring_write_needed(&ring), M.needed);
            st = VMBP_OK;
            break;
        case FZ_WOP_HOST_WORD:
            fz_host_word(&R, a[0], a[1], a[2]);
            continue;
        case FZ_WOP_HOST_CONSUME:
            w_host_consume(&R, a[0]);
            continue;
        default:
            w_wrong_role(&R, &M, &ring, a[0]);
            st = M.state;
            break;
        }
        if (fz_trace())
            fprintf(stderr,
                    "op %u: code %u: status 0x%x, state 0x%x, priv %u pub %u peer %u "
                    "needed %u\n",
                    i, code, (unsigned)st, (unsigned)M.state, M.priv, M.pub, M.peer, M.needed);
        FZ_CHECK(!fz_is_ring_violation(st) || vmbp_ring_state(&ring) == st,
                 "a violation (0x%x) that did not break the ring", (unsigned)st);
        FZ_CHECK(vmbp_ring_state(&ring) == M.state, "state 0x%x, the model's 0x%x",
                 (unsigned)vmbp_ring_state(&ring), (unsigned)M.state);
        fz_call_done(&R, "writer call");
    }
    fz_ring_close(&R);
    return 0;
}
