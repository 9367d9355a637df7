/* SPDX-License-Identifier: MIT */
/*
 * fuzz_gpadl: GPADL split and reassembly (msg_gpadl.h). Input (fuzz_format.h):
 *   FZ_GOP_SPLIT: ranges from the input are laid out with vmbp_gpadl_plan_init(), every
 *     message is encoded, decoded and fed to a reassembler, which must give back exactly
 *     the input ranges; the plan's status, word and message counts follow an independent
 *     model of spec/msg_gpadl.md;
 *   FZ_GOP_SEQUENCE: a hostile host's (or guest's) sequence of GPADL_HEADER and GPADL_BODY
 *     messages, each decoded and fed to a reassembler of arbitrary capacity; an independent
 *     model of the reassembler predicts every status, the final state and the ranges.
 * Word storage is allocated with the exact capacity given, so ASan sees any write past it.
 */
#include <vmbus_proto/msg_dispatch.h>

#include "fuzz_format.h"
#include "fuzz_util.h"

#define MAXRANGES 64u

/* spec/msg_gpadl.md: pages a range spans */
static uint64_t pages_of(uint32_t bo, uint32_t bc)
{
    return ((uint64_t)bo + bc + 4095u) / 4096u;
}

/* ---- split ----------------------------------------------------------------------------- */

static void op_split(struct fz *in)
{
    struct vmbp_gpa_range ranges[MAXRANGES];
    uint64_t *pfns[MAXRANGES];
    struct vmbp_gpadl_plan plan;
    struct vmbp_gpadl_reasm ra;
    struct vmbp_ctx ctx;
    uint32_t relid = fz_u16(in) % 2100u, handle = fz_u32(in), nr = fz_u8(in), i, k, msg;
    uint32_t null_at = fz_u8(in), want_msgs = 0;
    uint64_t words = 0, *store = NULL;
    enum vmbp_status st, want = VMBP_OK;

    if (nr > MAXRANGES)
        nr = MAXRANGES;
    for (i = 0; i < nr; i++) {
        uint64_t pages, n;

        ranges[i].byte_count = fz_u32(in) >> (fz_u8(in) % 32u); /* small and huge counts */
        ranges[i].byte_offset = fz_u16(in) % 4200u;
        pages = pages_of(ranges[i].byte_offset, ranges[i].byte_count);
        /* the PFNs: exactly as many as the range spans (a plan that would read more is
         * refused before it reads any) */
        n = pages <= 8192u ? pages : 1u;
        pfns[i] = (uint64_t *)fz_malloc((size_t)n * 8u);
        for (k = 0; k < n; k++)
            pfns[i][k] = k < 64u ? fz_u64(in) : 0x100000u + k;
        ranges[i].pfns = i == null_at ? NULL : pfns[i];
    }
    ctx.version = VMBP_VERSION_5_3;
    ctx.features = 0;

    /* the model of vmbp_gpadl_plan_init */
    if (nr == 0)
        want = VMBP_E_GPADL_RANGE;
    for (i = 0; i < nr && want == VMBP_OK; i++) {
        if (ranges[i].byte_count == 0 || ranges[i].byte_offset >= 4096u)
            want = VMBP_E_GPADL_RANGE;
        else if (!ranges[i].pfns)
            want = VMBP_E_INVAL;
        else if ((words += 1u + pages_of(ranges[i].byte_offset, ranges[i].byte_count)) > 8191u)
            want = VMBP_E_GPADL_TOO_LARGE;
    }
    if (want == VMBP_OK)
        want_msgs = 1u + (words > 27u ? (uint32_t)((words - 27u + 28u - 1u) / 28u) : 0u);
    st = vmbp_gpadl_plan_init(&plan, relid, handle, nr == 0 && (handle & 1u) ? NULL : ranges,
                              nr);
    FZ_CHECK(st == want, "plan_init of %u ranges: 0x%x, the model 0x%x", nr, (unsigned)st,
             (unsigned)want);
    if (st != VMBP_OK)
        goto out;
    FZ_CHECK(plan.nwords == words && plan.nmsgs == want_msgs &&
                 plan.range_buflen == words * 8u && plan.rangecount == nr,
             "plan: %u words in %u messages, the model %llu in %u", plan.nwords, plan.nmsgs,
             (unsigned long long)words, want_msgs);

    store = (uint64_t *)fz_malloc(words * 8u);
    FZ_CHECK(vmbp_gpadl_reasm_init(&ra, store, words) == VMBP_OK, "reasm_init");
    for (msg = 0; msg < plan.nmsgs; msg++) {
        size_t need = 0, len = 0;
        uint8_t *buf, small[8];
        uint32_t carried = msg == 0 ? (words < 27u ? (uint32_t)words : 27u)
                                    : (uint32_t)(words - 27u - (msg - 1u) * 28u);
        struct vmbp_msg m;

        if (msg > 0 && carried > 28u)
            carried = 28u;
        st = vmbp_gpadl_plan_message(&plan, msg, small, 0, &need);
        FZ_CHECK(st == VMBP_E_NOSPACE && need == (msg ? 16u : 20u) + 8u * carried,
                 "message %u needs %zu bytes (0x%x)", msg, need, (unsigned)st);
        buf = (uint8_t *)fz_malloc(need);
        st = vmbp_gpadl_plan_message(&plan, msg, buf, need, &len);
        FZ_CHECK(st == VMBP_OK && len == need, "plan_message %u", msg);
        st = vmbp_msg_decode(buf, len, &ctx, VMBP_DIR_GUEST_TO_HOST, &m);
        if (msg == 0 && (relid < 1u || relid > 2047u)) {
            FZ_CHECK(st == VMBP_E_FIELD_RANGE, "header with channel %u: 0x%x", relid,
                     (unsigned)st);
            free(buf);
            goto out;
        }
        FZ_CHECK(st == VMBP_OK, "message %u of the plan does not decode: 0x%x", msg,
                 (unsigned)st);
        if (msg == 0)
            st = vmbp_gpadl_reasm_header(&ra, &m.u.gpadl_header);
        else
            st = vmbp_gpadl_reasm_body(&ra, &m.u.gpadl_body);
        FZ_CHECK(st == (msg + 1u == plan.nmsgs ? VMBP_OK : VMBP_E_PENDING),
                 "reassembly of message %u: 0x%x", msg, (unsigned)st);
        free(buf);
    }
    {
        size_t dummy = 0;

        FZ_CHECK(vmbp_gpadl_plan_message(&plan, plan.nmsgs, store, 0, &dummy) == VMBP_E_INVAL,
                 "message past the plan");
    }
    for (i = 0; i < nr; i++) {
        struct vmbp_gpa_range r;
        uint64_t pages = pages_of(ranges[i].byte_offset, ranges[i].byte_count);

        FZ_CHECK(vmbp_gpadl_reasm_range(&ra, i, &r) == VMBP_OK &&
                     r.byte_count == ranges[i].byte_count &&
                     r.byte_offset == ranges[i].byte_offset &&
                     memcmp(r.pfns, ranges[i].pfns, (size_t)pages * 8u) == 0,
                 "range %u does not come back as it was split", i);
    }
    {
        struct vmbp_gpa_range r;

        FZ_CHECK(vmbp_gpadl_reasm_range(&ra, nr, &r) == VMBP_E_INVAL, "range past the end");
    }
out:
    free(store);
    for (i = 0; i < nr; i++)
        free(pfns[i]);
}

/* ---- hostile sequences ----------------------------------------------------------------- */

struct rmodel {
    uint32_t state, nwords, have, gpadl, rangecount, cap;
    uint64_t *words;
};

/* spec/msg_gpadl.md: the range data of `total` words, `avail` of them present */
static enum vmbp_status walk(const uint64_t *w, uint32_t avail, uint32_t total, uint32_t count)
{
    uint64_t pos = 0;
    uint32_t r;

    for (r = 0; r < count; r++) {
        uint32_t bc, bo;

        if (pos >= total)
            return VMBP_E_LENGTH_FIELD;
        if (pos >= avail)
            return VMBP_OK;
        bc = (uint32_t)w[pos];
        bo = (uint32_t)(w[pos] >> 32);
        if (bc == 0 || bo >= 4096u)
            return VMBP_E_GPADL_RANGE;
        pos += 1u + pages_of(bo, bc);
        if (pos > total)
            return VMBP_E_LENGTH_FIELD;
    }
    return pos == total ? VMBP_OK : VMBP_E_LENGTH_FIELD;
}

static enum vmbp_status m_add(struct rmodel *M, const uint64_t *w, uint32_t n)
{
    uint32_t take = M->nwords - M->have, i;
    enum vmbp_status st;

    if (n < take)
        take = n;
    for (i = 0; i < take; i++)
        M->words[M->have + i] = w[i];
    M->have += take;
    st = walk(M->words, M->have, M->nwords, M->rangecount);
    if (st != VMBP_OK) {
        M->state = VMBP_GPADL_REASM_FAILED;
        return st;
    }
    if (M->have < M->nwords)
        return VMBP_E_PENDING;
    M->state = VMBP_GPADL_REASM_COMPLETE;
    return VMBP_OK;
}

static void op_sequence(struct fz *in)
{
    struct vmbp_gpadl_reasm ra;
    struct rmodel M;
    struct vmbp_ctx ctx;
    uint32_t cap = fz_u16(in) % 8200u, n = fz_u8(in) % 33u, i;
    uint64_t *store = (uint64_t *)fz_malloc((size_t)cap * 8u);

    memset(&M, 0, sizeof(M));
    M.words = (uint64_t *)fz_malloc(8191u * 8u);
    M.cap = cap > 8191u ? 8191u : cap;
    ctx.version = VMBP_VERSION_5_3;
    ctx.features = 0;
    FZ_CHECK(vmbp_gpadl_reasm_init(&ra, store, cap) == VMBP_OK, "reasm_init");
    for (i = 0; i < n; i++) {
        uint8_t buf[240];
        size_t len = fz_u8(in) % 241u;
        struct vmbp_msg m;
        enum vmbp_status st, want;

        fz_bytes(in, buf, len);
        if (fz_u8(in) & 1u) { /* most of the time a message of the right shape */
            fz_put32(buf,
                     (i == 0 || buf[4] == 0) ? VMBP_MSG_GPADL_HEADER : VMBP_MSG_GPADL_BODY);
            if (buf[0] == VMBP_MSG_GPADL_HEADER && len >= 12)
                fz_put32(buf + 8, 1u + buf[8] % 2047u);
        }
        if (vmbp_msg_decode(buf, len, &ctx, VMBP_DIR_GUEST_TO_HOST, &m) != VMBP_OK ||
            (m.type != VMBP_MSG_GPADL_HEADER && m.type != VMBP_MSG_GPADL_BODY))
            continue;
        if (m.type == VMBP_MSG_GPADL_HEADER) {
            const struct vmbp_gpadl_header *h = &m.u.gpadl_header;

            st = vmbp_gpadl_reasm_header(&ra, h);
            if (M.state != VMBP_GPADL_REASM_EMPTY) {
                M.state = VMBP_GPADL_REASM_FAILED;
                want = VMBP_E_GPADL_SEQUENCE;
            } else if (h->rangecount == 0) {
                want = VMBP_E_GPADL_RANGE;
            } else if ((h->range_buflen & 7u) || h->range_buflen < 16u * h->rangecount) {
                want = VMBP_E_LENGTH_FIELD;
            } else if (h->range_buflen / 8u > M.cap) {
                want = VMBP_E_NOSPACE;
            } else {
                M.state = VMBP_GPADL_REASM_COLLECTING;
                M.nwords = h->range_buflen / 8u;
                M.have = 0;
                M.gpadl = h->gpadl;
                M.rangecount = h->rangecount;
                want = m_add(&M, h->words, h->nwords);
            }
            if (want != VMBP_OK && want != VMBP_E_PENDING)
                M.state = VMBP_GPADL_REASM_FAILED;
        } else {
            const struct vmbp_gpadl_body *b = &m.u.gpadl_body;

            st = vmbp_gpadl_reasm_body(&ra, b);
            if (M.state != VMBP_GPADL_REASM_COLLECTING || b->gpadl != M.gpadl) {
                M.state = VMBP_GPADL_REASM_FAILED;
                want = VMBP_E_GPADL_SEQUENCE;
            } else {
                want = m_add(&M, b->words, b->nwords);
            }
        }
        FZ_CHECK(st == want && ra.state == M.state && ra.have == M.have,
                 "message %u (type %u): 0x%x state %u have %u, the model 0x%x state %u have %u",
                 i, m.type, (unsigned)st, ra.state, ra.have, (unsigned)want, M.state, M.have);
        if (fz_trace())
            fprintf(stderr, "message %u type %u len %zu: 0x%x state %u have %u/%u\n", i, m.type,
                    len, (unsigned)st, ra.state, ra.have, ra.nwords);
    }
    /* the ranges of a complete GPADL, or VMBP_E_STATE */
    for (i = 0; i <= (M.state == VMBP_GPADL_REASM_COMPLETE ? M.rangecount : 0u); i++) {
        struct vmbp_gpa_range r;
        enum vmbp_status st = vmbp_gpadl_reasm_range(&ra, i, &r);

        if (M.state != VMBP_GPADL_REASM_COMPLETE) {
            FZ_CHECK(st == VMBP_E_STATE, "range of an incomplete GPADL: 0x%x", (unsigned)st);
        } else if (i == M.rangecount) {
            FZ_CHECK(st == VMBP_E_INVAL, "range past the end: 0x%x", (unsigned)st);
        } else {
            uint32_t pos = 0, k;

            for (k = 0; k < i; k++)
                pos += 1u + (uint32_t)pages_of((uint32_t)(M.words[pos] >> 32),
                                               (uint32_t)M.words[pos]);
            FZ_CHECK(st == VMBP_OK && r.byte_count == (uint32_t)M.words[pos] &&
                         r.byte_offset == (uint32_t)(M.words[pos] >> 32) &&
                         r.pfns == store + pos + 1,
                     "range %u of the reassembled GPADL", i);
        }
    }
    free(store);
    free(M.words);
}

/* The API's argument checks (VMBP_E_INVAL), once per input. */
static void bad_arguments(void)
{
    struct vmbp_gpadl_plan plan;
    struct vmbp_gpadl_reasm ra;
    struct vmbp_gpadl_header h;
    struct vmbp_gpadl_body b;
    struct vmbp_gpa_range r;
    uint64_t w[4];
    size_t len = 0;
    uint8_t buf[8];

    memset(&h, 0, sizeof(h));
    memset(&b, 0, sizeof(b));
    memset(&r, 0, sizeof(r));
    FZ_CHECK(vmbp_gpadl_plan_init(NULL, 1, 1, &r, 1) == VMBP_E_INVAL &&
                 vmbp_gpadl_plan_init(&plan, 1, 1, NULL, 1) == VMBP_E_INVAL &&
                 vmbp_gpadl_plan_init(&plan, 1, 1, NULL, 0) == VMBP_E_GPADL_RANGE,
             "plan_init arguments");
    FZ_CHECK(vmbp_gpadl_plan_init(&plan, 1, 1, &r, 0x10000u) == VMBP_E_GPADL_TOO_LARGE,
             "plan_init of 65536 ranges"); /* refused before any range is read */
    FZ_CHECK(vmbp_gpadl_plan_message(NULL, 0, buf, sizeof(buf), &len) == VMBP_E_INVAL,
             "plan_message(NULL)");
    FZ_CHECK(vmbp_gpadl_reasm_init(NULL, w, 4) == VMBP_E_INVAL &&
                 vmbp_gpadl_reasm_init(&ra, NULL, 4) == VMBP_E_INVAL &&
                 vmbp_gpadl_reasm_init(&ra, NULL, 0) == VMBP_OK,
             "reasm_init arguments");
    FZ_CHECK(vmbp_gpadl_reasm_init(&ra, w, 4) == VMBP_OK, "reasm_init");
    h.nwords = VMBP_GPADL_HEADER_MAX_WORDS + 1u;
    b.nwords = VMBP_GPADL_BODY_MAX_WORDS + 1u;
    FZ_CHECK(vmbp_gpadl_reasm_header(NULL, &h) == VMBP_E_INVAL &&
                 vmbp_gpadl_reasm_header(&ra, NULL) == VMBP_E_INVAL &&
                 vmbp_gpadl_reasm_header(&ra, &h) == VMBP_E_INVAL &&
                 vmbp_gpadl_reasm_body(NULL, &b) == VMBP_E_INVAL &&
                 vmbp_gpadl_reasm_body(&ra, NULL) == VMBP_E_INVAL &&
                 vmbp_gpadl_reasm_body(&ra, &b) == VMBP_E_INVAL &&
                 ra.state == VMBP_GPADL_REASM_EMPTY,
             "reasm arguments (and the reassembler untouched)");
    FZ_CHECK(vmbp_gpadl_reasm_range(NULL, 0, &r) == VMBP_E_INVAL &&
                 vmbp_gpadl_reasm_range(&ra, 0, NULL) == VMBP_E_INVAL,
             "reasm_range arguments");
    FZ_CHECK(vmbp_msg_gpadl_header_encode(&h, buf, sizeof(buf), &len) == VMBP_E_INVAL &&
                 vmbp_msg_gpadl_body_encode(&b, buf, sizeof(buf), &len) == VMBP_E_INVAL,
             "encoders with too many words");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz in = {data, size};

    bad_arguments();
    if (fz_u8(&in) & 1u)
        op_sequence(&in);
    else
        op_split(&in);
    return 0;
}
