/* SPDX-License-Identifier: MIT */
/* msg_gpadl.h: range rules, split into messages at every boundary up to the 8190-page limit,
 * reassembly and its sequence rules, the small GPADL messages. */
#include <vmbus_proto/msg_gpadl.h>

#include "unit.h"

static const struct vmbp_ctx ctx53 = {0x00050003, 0};

static uint64_t pfns[VMBP_GPADL_MAX_WORDS + 8];

static void fill_pfns(void)
{
    unsigned i;

    for (i = 0; i < sizeof(pfns) / sizeof(pfns[0]); i++)
        pfns[i] = 0x100000000ull + i * 7u; /* above 4 GiB: the upper half matters too */
}

/* Split, encode, decode and reassemble; the result must equal the input ranges. */
static void round_trip(const struct vmbp_gpa_range *ranges, size_t n, uint32_t want_msgs)
{
    static uint64_t store[VMBP_GPADL_MAX_WORDS];
    struct vmbp_gpadl_plan plan;
    struct vmbp_gpadl_reasm r;
    uint32_t i, expect_words = 0;
    size_t k;

    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 0xE1E10, ranges, n), VMBP_OK);
    for (k = 0; k < n; k++)
        expect_words +=
            1u + (uint32_t)vmbp_gpa_range_pages(ranges[k].byte_offset, ranges[k].byte_count);
    ck_assert_uint_eq(plan.nwords, expect_words);
    ck_assert_uint_eq(plan.range_buflen, expect_words * 8u);
    ck_assert_uint_eq(plan.nmsgs, want_msgs);
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, VMBP_GPADL_MAX_WORDS), VMBP_OK);
    for (i = 0; i < plan.nmsgs; i++) {
        uint8_t buf[240];
        size_t len = 0;
        enum vmbp_status st;

        memset(buf, 0xEE, sizeof(buf));
        ck_assert_int_eq(vmbp_gpadl_plan_message(&plan, i, buf, sizeof(buf), &len), VMBP_OK);
        if (i == 0) {
            struct vmbp_gpadl_header h;
            uint32_t w = expect_words < 27 ? expect_words : 27;

            ck_assert_uint_eq(len, 20u + 8u * w);
            ck_assert_int_eq(vmbp_msg_gpadl_header_decode(buf, len, &ctx53, &h), VMBP_OK);
            ck_assert_uint_eq(h.nwords, w);
            st = vmbp_gpadl_reasm_header(&r, &h);
        } else {
            struct vmbp_gpadl_body b;
            uint32_t left = expect_words - 27u - 28u * (i - 1u);

            ck_assert_uint_eq(len, 16u + 8u * (left < 28 ? left : 28));
            ck_assert_uint_eq(vmbp_load_le32(buf + 8), 0); /* msgnumber 0 */
            ck_assert_int_eq(vmbp_msg_gpadl_body_decode(buf, len, &ctx53, &b), VMBP_OK);
            st = vmbp_gpadl_reasm_body(&r, &b);
        }
        ck_assert_int_eq(st, i + 1 == plan.nmsgs ? VMBP_OK : VMBP_E_PENDING);
    }
    ck_assert_int_eq(vmbp_gpadl_plan_message(&plan, plan.nmsgs, NULL, 0, NULL), VMBP_E_INVAL);
    ck_assert_uint_eq(r.state, VMBP_GPADL_REASM_COMPLETE);
    ck_assert_uint_eq(r.gpadl, 0xE1E10);
    ck_assert_uint_eq(r.child_relid, 7);
    for (k = 0; k < n; k++) {
        struct vmbp_gpa_range g;
        uint64_t p, pages = vmbp_gpa_range_pages(ranges[k].byte_offset, ranges[k].byte_count);

        ck_assert_int_eq(vmbp_gpadl_reasm_range(&r, (uint32_t)k, &g), VMBP_OK);
        ck_assert_uint_eq(g.byte_count, ranges[k].byte_count);
        ck_assert_uint_eq(g.byte_offset, ranges[k].byte_offset);
        for (p = 0; p < pages; p++)
            ck_assert_uint_eq(g.pfns[p], ranges[k].pfns[p]);
    }
    {
        struct vmbp_gpa_range g;

        ck_assert_int_eq(vmbp_gpadl_reasm_range(&r, (uint32_t)n, &g), VMBP_E_INVAL);
    }
}

static struct vmbp_gpa_range one(uint32_t pages)
{
    struct vmbp_gpa_range g;

    g.byte_count = pages * 4096u;
    g.byte_offset = 0;
    g.pfns = pfns;
    return g;
}

/* covers: VMBP-GPADL-006 VMBP-GPADL-001 VMBP-GPADL-008 */
START_TEST(split_and_reassemble_at_every_boundary)
{
    static const uint32_t pages_list[] = {1, 2, 25, 26, 27, 28, 53, 54, 55, 82, 83, 1000};
    struct vmbp_gpa_range g;
    size_t i;

    fill_pfns();
    for (i = 0; i < sizeof(pages_list) / sizeof(pages_list[0]); i++) {
        uint32_t words = 1u + pages_list[i];
        uint32_t msgs = 1u + (words > 27 ? (words - 27u + 27u) / 28u : 0u);

        g = one(pages_list[i]);
        round_trip(&g, 1, msgs);
    }
    /* 26 PFNs fit the header: one message; 27 need a body with one PFN */
    g = one(26);
    round_trip(&g, 1, 1);
    g = one(27);
    round_trip(&g, 1, 2);
    /* 26 + 28: the body is full; one more needs a second body */
    g = one(54);
    round_trip(&g, 1, 2);
    g = one(55);
    round_trip(&g, 1, 3);
    /* an offset that makes a range span one more page */
    g.byte_count = 4096;
    g.byte_offset = 1;
    round_trip(&g, 1, 1);
    g.byte_count = 1;
    g.byte_offset = 4095;
    round_trip(&g, 1, 1);
}
END_TEST

/* covers: VMBP-GPADL-007 */
START_TEST(the_8190_page_limit)
{
    struct vmbp_gpadl_plan plan;
    struct vmbp_gpa_range g;

    fill_pfns();
    g = one(VMBP_GPADL_MAX_PFNS_ONE_RANGE);
    round_trip(&g, 1, 1u + (8191u - 27u + 27u) / 28u);
    ck_assert_uint_eq(1u + (8191u - 27u + 27u) / 28u, 293);
    /* 8191 pages: range_buflen would be 65536, which a u16 cannot hold */
    g = one(VMBP_GPADL_MAX_PFNS_ONE_RANGE + 1);
    memset(&plan, 0x5A, sizeof(plan));
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, &g, 1), VMBP_E_GPADL_TOO_LARGE);
    ck_assert_uint_eq(plan.nwords, 0x5A5A5A5Au); /* untouched */
    /* an offset pushing 8190 pages of bytes onto 8191 pages */
    g = one(VMBP_GPADL_MAX_PFNS_ONE_RANGE);
    g.byte_offset = 1;
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, &g, 1), VMBP_E_GPADL_TOO_LARGE);
    /* the largest byte count: no overflow, just too large */
    g.byte_count = 0xFFFFFFFFu;
    g.byte_offset = 0xFFF;
    ck_assert_uint_eq(vmbp_gpa_range_pages(0xFFF, 0xFFFFFFFFu), 0x100001u);
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, &g, 1), VMBP_E_GPADL_TOO_LARGE);
    /* two ranges that fit alone but not together */
    {
        struct vmbp_gpa_range two[2];

        two[0] = one(4094);
        two[1] = one(4094);
        ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, two, 2), VMBP_OK);
        ck_assert_uint_eq(plan.nwords, 8190);
        two[1] = one(4095);
        ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, two, 2), VMBP_OK);
        ck_assert_uint_eq(plan.nwords, 8191);
        ck_assert_uint_eq(plan.range_buflen, 65528);
        round_trip(two, 2, 293);
        two[1] = one(4096);
        ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, two, 2), VMBP_E_GPADL_TOO_LARGE);
    }
    ck_assert_uint_eq(VMBP_GPADL_RANGE_BUFLEN_MAX, 65528);
    ck_assert_uint_eq(VMBP_GPADL_MAX_WORDS, 8191);
}
END_TEST

/* covers: VMBP-GPADL-003 */
START_TEST(plan_refuses_bad_ranges)
{
    struct vmbp_gpadl_plan plan;
    struct vmbp_gpa_range g[3];

    fill_pfns();
    g[0] = one(1);
    g[0].byte_count = 0;
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, g, 1), VMBP_E_GPADL_RANGE);
    g[0] = one(1);
    g[0].byte_offset = 4096;
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, g, 1), VMBP_E_GPADL_RANGE);
    g[0] = one(1);
    g[0].pfns = NULL;
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, g, 1), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, g, 0), VMBP_E_GPADL_RANGE);
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, NULL, 1), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_gpadl_plan_init(NULL, 7, 1, g, 1), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 1, g, 0x10000), VMBP_E_GPADL_TOO_LARGE);
}
END_TEST

/* Multi-range lists, ranges crossing message boundaries. */
/* covers: VMBP-GPADL-004 VMBP-GPADL-006 */
START_TEST(multi_range_round_trip)
{
    struct vmbp_gpa_range g[5];

    fill_pfns();
    g[0].byte_count = 100;
    g[0].byte_offset = 4000; /* spans 2 pages */
    g[0].pfns = pfns;
    g[1] = one(30); /* crosses from the header into the first body */
    g[1].pfns = pfns + 10;
    g[2].byte_count = 1;
    g[2].byte_offset = 0;
    g[2].pfns = pfns + 100;
    g[3] = one(27); /* its header word is the first word of a body */
    g[3].pfns = pfns + 200;
    g[4] = one(3);
    g[4].pfns = pfns + 300;
    /* words: 3 + 31 + 2 + 28 + 4 = 68 -> header 27, bodies 28 and 13 */
    round_trip(g, 5, 3);
}
END_TEST

/* The plan and the reassembler refer to caller memory: ranges that change after planning,
 * or storage that changes after reassembly, give wrong answers but never a read past a
 * range's PFNs or past the stored words (ASan: PFN arrays allocated at their exact size). */
START_TEST(caller_memory_changed_afterwards)
{
    static uint64_t store[VMBP_GPADL_MAX_WORDS];
    struct vmbp_gpa_range g[2];
    struct vmbp_gpadl_plan plan;
    struct vmbp_gpadl_reasm r;
    struct vmbp_gpadl_header h;
    struct vmbp_gpadl_body b;
    uint64_t *p0 = malloc(30 * sizeof(uint64_t)), *p1 = malloc(30 * sizeof(uint64_t));
    uint8_t buf[240];
    size_t len = 0;
    unsigned i;

    ck_assert(p0 && p1);
    for (i = 0; i < 30; i++) {
        p0[i] = 0x1000 + i;
        p1[i] = 0x2000 + i;
    }
    g[0] = one(30);
    g[0].pfns = p0;
    g[1] = one(30);
    g[1].pfns = p1;
    /* 62 words: the header 27, bodies of 28 and 7 */
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 0x99, g, 2), VMBP_OK);
    ck_assert_uint_eq(plan.nmsgs, 3);
    /* both ranges shrink to one page: 4 words where the plan has 62 */
    g[0].byte_count = 4096;
    g[1].byte_count = 4096;
    ck_assert_int_eq(vmbp_gpadl_plan_message(&plan, 0, buf, sizeof(buf), &len), VMBP_OK);
    ck_assert_uint_eq(len, 20u + 8u * 27u);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(buf, len, &ctx53, &h), VMBP_E_LENGTH_FIELD);
    /* the 4 words there are, then zeros */
    ck_assert_uint_eq(vmbp_load_le64(buf + 20), 4096u);
    ck_assert_uint_eq(vmbp_load_le64(buf + 28), 0x1000);
    ck_assert_uint_eq(vmbp_load_le64(buf + 36), 4096u);
    ck_assert_uint_eq(vmbp_load_le64(buf + 44), 0x2000);
    for (i = 4; i < 27; i++)
        ck_assert_uint_eq(vmbp_load_le64(buf + 20 + 8 * i), 0);
    /* a body past every range: all zeros */
    ck_assert_int_eq(vmbp_gpadl_plan_message(&plan, 1, buf, sizeof(buf), &len), VMBP_OK);
    ck_assert_uint_eq(len, 16u + 8u * 28u);
    for (i = 0; i < 28; i++)
        ck_assert_uint_eq(vmbp_load_le64(buf + 16 + 8 * i), 0);

    /* a complete reassembly of two ranges whose first range word then grows past the
     * stored words: the second range is not found, VMBP_E_STATE */
    g[0].byte_count = 30 * 4096;
    g[1].byte_count = 30 * 4096;
    /* storage beyond the largest GPADL is not used */
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, (size_t)VMBP_GPADL_MAX_WORDS + 9u),
                     VMBP_OK);
    ck_assert_uint_eq(r.cap, VMBP_GPADL_MAX_WORDS);
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, VMBP_GPADL_MAX_WORDS), VMBP_OK);
    ck_assert_int_eq(vmbp_gpadl_plan_message(&plan, 0, buf, sizeof(buf), &len), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(buf, len, &ctx53, &h), VMBP_OK);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_PENDING);
    for (i = 1; i < 3; i++) {
        ck_assert_int_eq(vmbp_gpadl_plan_message(&plan, i, buf, sizeof(buf), &len), VMBP_OK);
        ck_assert_int_eq(vmbp_msg_gpadl_body_decode(buf, len, &ctx53, &b), VMBP_OK);
        ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), i == 2 ? VMBP_OK : VMBP_E_PENDING);
    }
    {
        struct vmbp_gpa_range out;

        ck_assert_int_eq(vmbp_gpadl_reasm_range(&r, 1, &out), VMBP_OK);
        ck_assert_ptr_eq(out.pfns, store + 32);
        store[0] = (uint64_t)(100u * 4096u); /* 100 pages claimed: past the 62 words */
        ck_assert_int_eq(vmbp_gpadl_reasm_range(&r, 0, &out), VMBP_OK);
        ck_assert_uint_eq(out.byte_count, 100u * 4096u);
        ck_assert_int_eq(vmbp_gpadl_reasm_range(&r, 1, &out), VMBP_E_STATE);
    }
    free(p0);
    free(p1);
}
END_TEST

static void header_msg(uint8_t *m, uint16_t buflen, uint16_t count, const uint64_t *w,
                       unsigned nw)
{
    unsigned i;

    memset(m, 0, 240);
    m[0] = 8;
    vmbp_store_le32(m + 8, 7);
    vmbp_store_le32(m + 12, 0x99);
    vmbp_store_le16(m + 16, buflen);
    vmbp_store_le16(m + 18, count);
    for (i = 0; i < nw; i++)
        vmbp_store_le64(m + 20 + 8 * i, w[i]);
}

/* covers: VMBP-GPADL-001 VMBP-GPADL-002 VMBP-GPADL-003 VMBP-GPADL-004 */
START_TEST(header_range_rules)
{
    uint8_t m[240];
    struct vmbp_gpadl_header h;
    uint64_t w[8];

    w[0] = VMBP_GPA_RANGE_WORD(0x2000, 0);
    w[1] = 1;
    w[2] = 2;
    header_msg(m, 24, 1, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, &h), VMBP_OK);
    ck_assert_uint_eq(h.nwords, 3);
    /* the message length limits the words; range_buflen too */
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 43, &ctx53, &h), VMBP_OK);
    ck_assert_uint_eq(h.nwords, 2);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 240, &ctx53, &h), VMBP_OK);
    ck_assert_uint_eq(h.nwords, 3);
    ck_assert_uint_eq(h.words[3], 0);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 20, &ctx53, &h), VMBP_OK);
    ck_assert_uint_eq(h.nwords, 0);
    /* fixed-field rules */
    header_msg(m, 24, 0, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_GPADL_RANGE);
    header_msg(m, 25, 1, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_LENGTH_FIELD);
    header_msg(m, 0, 1, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_LENGTH_FIELD);
    header_msg(m, 8, 1, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_LENGTH_FIELD);
    header_msg(m, 0xFFF8, 0xFFFF, w, 3); /* 16 * 65535 does not fit a u16: checked in 32 bits */
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_LENGTH_FIELD);
    /* range rules: the first range is present, so it is checked even though more follows */
    w[0] = VMBP_GPA_RANGE_WORD(0, 0);
    header_msg(m, 0xFFF8, 1, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_GPADL_RANGE);
    w[0] = VMBP_GPA_RANGE_WORD(1, 4096);
    header_msg(m, 0xFFF8, 1, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_GPADL_RANGE);
    w[0] = VMBP_GPA_RANGE_WORD(1, 4095);
    header_msg(m, 24, 1, w, 3); /* spans 1 page, buflen says 2 PFNs */
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_LENGTH_FIELD);
    w[0] = VMBP_GPA_RANGE_WORD(2, 4095); /* spans 2 pages */
    header_msg(m, 24, 1, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_OK);
    w[0] = VMBP_GPA_RANGE_WORD(0xFFFFFFFFu, 0xFFF); /* 0x100001 pages */
    header_msg(m, 0xFFF8, 1, w, 3);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 44, &ctx53, NULL), VMBP_E_LENGTH_FIELD);
    /* two ranges where the second's header is bad */
    w[0] = VMBP_GPA_RANGE_WORD(4096, 0);
    w[1] = 5;
    w[2] = VMBP_GPA_RANGE_WORD(0, 0);
    w[3] = 6;
    header_msg(m, 32, 2, w, 4);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 52, &ctx53, NULL), VMBP_E_GPADL_RANGE);
    /* fewer ranges than rangecount fill the buffer */
    w[2] = VMBP_GPA_RANGE_WORD(4096, 0);
    header_msg(m, 32, 3, w, 4);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 52, &ctx53, NULL), VMBP_E_LENGTH_FIELD);
    header_msg(m, 48, 3, w, 4); /* the third range's header is not present yet: pending, OK */
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 52, &ctx53, NULL), VMBP_OK);
    /* channel ID */
    header_msg(m, 32, 2, w, 4);
    vmbp_store_le32(m + 8, 2048);
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 52, &ctx53, NULL), VMBP_E_FIELD_RANGE);
}
END_TEST

static void make_header(struct vmbp_gpadl_header *h, uint16_t buflen, uint16_t count,
                        const uint64_t *w, uint32_t nw)
{
    memset(h, 0, sizeof(*h));
    h->child_relid = 7;
    h->gpadl = 0x99;
    h->range_buflen = buflen;
    h->rangecount = count;
    h->nwords = nw;
    memcpy(h->words, w, nw * sizeof(uint64_t));
}

static void make_body(struct vmbp_gpadl_body *b, uint32_t gpadl, uint64_t first, uint32_t nw)
{
    uint32_t i;

    memset(b, 0, sizeof(*b));
    b->gpadl = gpadl;
    b->nwords = nw;
    for (i = 0; i < nw; i++)
        b->words[i] = first + i;
}

/* covers: VMBP-GPADL-008 VMBP-GPADL-004 VMBP-GPADL-001 */
START_TEST(reassembly_sequence_rules)
{
    static uint64_t store[64];
    struct vmbp_gpadl_reasm r;
    struct vmbp_gpadl_header h;
    struct vmbp_gpadl_body b;
    struct vmbp_gpa_range g;
    uint64_t w[27];
    uint32_t i;

    w[0] = VMBP_GPA_RANGE_WORD(30 * 4096, 0);
    for (i = 1; i < 27; i++)
        w[i] = 1000 + i;
    /* body before header */
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 64), VMBP_OK);
    make_body(&b, 0x99, 1, 4);
    ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), VMBP_E_GPADL_SEQUENCE);
    ck_assert_uint_eq(r.state, VMBP_GPADL_REASM_FAILED);
    /* a failed reassembly stays failed */
    make_header(&h, 248, 1, w, 27);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_GPADL_SEQUENCE);
    /* the normal path: 27 words, then a 240-byte body of which 4 words count */
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 64), VMBP_OK);
    ck_assert_int_eq(vmbp_gpadl_reasm_range(&r, 0, &g), VMBP_E_STATE);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_PENDING);
    ck_assert_int_eq(vmbp_gpadl_reasm_range(&r, 0, &g), VMBP_E_STATE);
    make_body(&b, 0x98, 1027, 4);
    ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), VMBP_E_GPADL_SEQUENCE); /* other handle */
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 64), VMBP_OK);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_PENDING);
    make_body(&b, 0x99, 1027, 2);
    ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), VMBP_E_PENDING);
    make_body(&b, 0x99, 1029, 28); /* mu_msvm: always 28 words, only 2 needed */
    ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), VMBP_OK);
    ck_assert_uint_eq(r.have, 31);
    ck_assert_int_eq(vmbp_gpadl_reasm_range(&r, 0, &g), VMBP_OK);
    ck_assert_uint_eq(g.byte_count, 30 * 4096);
    for (i = 0; i < 30; i++)
        ck_assert_uint_eq(g.pfns[i], 1001 + i);
    /* after completion */
    ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), VMBP_E_GPADL_SEQUENCE);
    /* a second header */
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 64), VMBP_OK);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_PENDING);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_GPADL_SEQUENCE);
    /* storage too small */
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 30), VMBP_OK);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_NOSPACE);
    /* a body completing a list whose second range is bad */
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 64), VMBP_OK);
    w[0] = VMBP_GPA_RANGE_WORD(26 * 4096, 0);
    make_header(&h, 248, 2, w, 27); /* range 1: 27 words, range 2 in the body */
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_PENDING);
    make_body(&b, 0x99, 0, 4);
    b.words[0] = VMBP_GPA_RANGE_WORD(4096, 4096);
    ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), VMBP_E_GPADL_RANGE);
    ck_assert_uint_eq(r.state, VMBP_GPADL_REASM_FAILED);
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 64), VMBP_OK);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_PENDING);
    b.words[0] = VMBP_GPA_RANGE_WORD(4096 * 2, 0); /* 2 pages + header = 3 words, 4 remain */
    ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), VMBP_E_LENGTH_FIELD);
    /* bad fixed fields in a hand-made header */
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 64), VMBP_OK);
    make_header(&h, 12, 1, w, 1);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_LENGTH_FIELD);
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, store, 64), VMBP_OK);
    make_header(&h, 16, 0, w, 1);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_GPADL_RANGE);
    /* caller errors */
    h.nwords = 28;
    ck_assert_int_eq(vmbp_gpadl_reasm_header(&r, &h), VMBP_E_INVAL);
    b.nwords = 29;
    ck_assert_int_eq(vmbp_gpadl_reasm_body(&r, &b), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_gpadl_reasm_init(NULL, store, 4), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_gpadl_reasm_init(&r, NULL, 4), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_gpadl_reasm_header(NULL, &h), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-GPADL-005 VMBP-MSG-008 */
START_TEST(body_encoding_and_msgnumber)
{
    struct vmbp_gpadl_body b, b2;
    uint8_t out[240];
    size_t len;

    make_body(&b, 0xE1E10, 0x1234567890ull, 28);
    b.msgnumber = 0xABCDEF01u;
    ck_assert_int_eq(vmbp_msg_gpadl_body_encode(&b, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 240);
    ck_assert_uint_eq(vmbp_load_le32(out + 8), 0xABCDEF01u);
    ck_assert_uint_eq(vmbp_load_le64(out + 16 + 27 * 8), 0x1234567890ull + 27);
    ck_assert_int_eq(vmbp_msg_gpadl_body_decode(out, len, &ctx53, &b2), VMBP_OK);
    ck_assert_uint_eq(b2.msgnumber, 0xABCDEF01u); /* carried, never checked */
    ck_assert_uint_eq(b2.nwords, 28);
    ck_assert_int_eq(vmbp_msg_gpadl_body_decode(out, 23, &ctx53, &b2), VMBP_OK);
    ck_assert_uint_eq(b2.nwords, 0);
    b.nwords = 29;
    ck_assert_int_eq(vmbp_msg_gpadl_body_encode(&b, out, sizeof(out), &len), VMBP_E_INVAL);
    b.nwords = 1;
    ck_assert_int_eq(vmbp_msg_gpadl_body_encode(&b, out, 23, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 24);
}
END_TEST

/* The decoded structs' words past nwords are zero, whatever the struct held before: a
 * caller never finds a previous message's words there. */
/* covers: VMBP-GPADL-001 */
START_TEST(words_past_nwords_are_zero)
{
    uint8_t m[240];
    struct vmbp_gpadl_header h;
    struct vmbp_gpadl_body b;
    uint64_t w[3];
    size_t i;

    w[0] = VMBP_GPA_RANGE_WORD(0x2000, 0);
    w[1] = 1;
    w[2] = 2;
    memset(m, 0xEE, sizeof(m));
    header_msg(m, 24, 1, w, 3);
    memset(&h, 0xA5, sizeof(h));
    ck_assert_int_eq(vmbp_msg_gpadl_header_decode(m, 240, &ctx53, &h), VMBP_OK);
    ck_assert_uint_eq(h.nwords, 3);
    ck_assert_uint_eq(h.words[2], 2);
    for (i = 3; i < VMBP_GPADL_HEADER_MAX_WORDS; i++)
        ck_assert_uint_eq(h.words[i], 0);
    make_body(&b, 7, 0x1000, 5);
    ck_assert_int_eq(vmbp_msg_gpadl_body_encode(&b, m, sizeof(m), &i), VMBP_OK);
    ck_assert_uint_eq(i, 56);
    memset(&b, 0xA5, sizeof(b));
    ck_assert_int_eq(vmbp_msg_gpadl_body_decode(m, 56, &ctx53, &b), VMBP_OK);
    ck_assert_uint_eq(b.nwords, 5);
    ck_assert_uint_eq(b.words[4], 0x1000 + 4);
    for (i = 5; i < VMBP_GPADL_BODY_MAX_WORDS; i++)
        ck_assert_uint_eq(b.words[i], 0);
}
END_TEST

/* covers: VMBP-GPADL-009 VMBP-MSG-009 */
START_TEST(created_teardown_torndown)
{
    struct vmbp_gpadl_created c = {7, 0xE1E10, VMBP_NTSTATUS_UNSUCCESSFUL}, c2;
    struct vmbp_gpadl_teardown t = {7, 0xE1E10}, t2;
    struct vmbp_gpadl_torndown d = {0xFFFFFFFFu}, d2;
    uint8_t out[32];
    size_t len;

    ck_assert_int_eq(vmbp_msg_gpadl_created_encode(&c, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 20);
    ck_assert_int_eq(vmbp_msg_gpadl_created_decode(out, len, &ctx53, &c2), VMBP_OK);
    ck_assert_uint_eq(c2.creation_status, 0x8000FFFFu);
    c.child_relid = 0;
    ck_assert_int_eq(vmbp_msg_gpadl_created_encode(&c, out, sizeof(out), &len), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_gpadl_created_decode(out, len, &ctx53, &c2), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_msg_gpadl_teardown_encode(&t, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 16);
    ck_assert_int_eq(vmbp_msg_gpadl_teardown_decode(out, len, &ctx53, &t2), VMBP_OK);
    ck_assert_uint_eq(t2.gpadl, 0xE1E10);
    t.child_relid = 2048;
    ck_assert_int_eq(vmbp_msg_gpadl_teardown_encode(&t, out, sizeof(out), &len), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_gpadl_teardown_decode(out, len, &ctx53, &t2), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_msg_gpadl_torndown_encode(&d, out, 11, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 12);
    ck_assert_int_eq(vmbp_msg_gpadl_torndown_encode(&d, out, 12, &len), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_gpadl_torndown_decode(out, len, &ctx53, &d2), VMBP_OK);
    ck_assert_uint_eq(d2.gpadl, 0xFFFFFFFFu);
    ck_assert_int_eq(vmbp_msg_gpadl_created_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_gpadl_teardown_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_gpadl_torndown_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_gpadl_header_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_gpadl_body_encode(NULL, out, 32, &len), VMBP_E_INVAL);
}
END_TEST

/* The header a Linux guest sends for a 2-page buffer, byte for byte (create_gpadl_header). */
/* covers: VMBP-GPADL-006 */
START_TEST(linux_style_header_bytes)
{
    static const uint8_t want[] = {
        0x08, 0,    0,    0, 0, 0, 0, 0, /* GPADL_HEADER */
        0x07, 0,    0,    0,             /* child_relid 7 */
        0x10, 0x1E, 0x0E, 0,             /* gpadl 0xE1E10 */
        0x18, 0,    0x01, 0,             /* range_buflen 24, rangecount 1 */
        0x00, 0x20, 0,    0, 0, 0, 0, 0, /* byte_count 0x2000, byte_offset 0 */
        0x45, 0x23, 0x01, 0, 0, 0, 0, 0, /* pfn 0x12345 */
        0x46, 0x23, 0x01, 0, 0, 0, 0, 0, /* pfn 0x12346 */
    };
    static const uint64_t p[2] = {0x12345, 0x12346};
    struct vmbp_gpadl_plan plan;
    struct vmbp_gpa_range g;
    uint8_t out[240];
    size_t len;

    g.byte_count = 0x2000;
    g.byte_offset = 0;
    g.pfns = p;
    ck_assert_int_eq(vmbp_gpadl_plan_init(&plan, 7, 0xE1E10, &g, 1), VMBP_OK);
    ck_assert_uint_eq(plan.nmsgs, 1);
    ck_assert_int_eq(vmbp_gpadl_plan_message(&plan, 0, out, 43, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, sizeof(want));
    ck_assert_int_eq(vmbp_gpadl_plan_message(&plan, 0, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, sizeof(want));
    ck_assert(memcmp(out, want, sizeof(want)) == 0);
    ck_assert_uint_eq(VMBP_GPADL_HEADER_MAX_PFNS, 26);
    ck_assert_uint_eq(VMBP_GPADL_BODY_MAX_WORDS, 28);
    ck_assert_uint_eq(VMBP_GPADL_HEADER_MAX_WORDS, 27);
}
END_TEST

START_TEST(field_tables_of_the_family)
{
    size_t n;
    const struct vmbp_msg_field *f = vmbp_msg_gpadl_fields(VMBP_MSGV_GPADL_HEADER, &n);

    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(f[6].name, "words");
    ck_assert_int_eq(f[6].kind, VMBP_MSG_FIELD_WORDS);
    ck_assert_uint_eq(f[6].offset, 20);
    ck_assert_ptr_null(vmbp_msg_gpadl_fields(VMBP_MSGV_OPEN_CHANNEL, &n));
}
END_TEST

static Suite *msg_gpadl_suite(void)
{
    Suite *s = suite_create("msg_gpadl");
    TCase *tc = tcase_create("gpadl");

    tcase_add_test(tc, split_and_reassemble_at_every_boundary);
    tcase_add_test(tc, the_8190_page_limit);
    tcase_add_test(tc, plan_refuses_bad_ranges);
    tcase_add_test(tc, multi_range_round_trip);
    tcase_add_test(tc, caller_memory_changed_afterwards);
    tcase_add_test(tc, header_range_rules);
    tcase_add_test(tc, reassembly_sequence_rules);
    tcase_add_test(tc, body_encoding_and_msgnumber);
    tcase_add_test(tc, words_past_nwords_are_zero);
    tcase_add_test(tc, created_teardown_torndown);
    tcase_add_test(tc, linux_style_header_bytes);
    tcase_add_test(tc, field_tables_of_the_family);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(msg_gpadl_suite)
