/* SPDX-License-Identifier: MIT */
/* packet.h: descriptor codec, the descriptor rules, transfer-page and GPA-direct range
 * validators (overflow-safe), PFN counts and ring sizes. */
#include <vmbus_proto/packet.h>

#include "unit.h"

static void desc(struct vmbp_pkt_desc *d, uint16_t type, uint16_t off8, uint16_t len8,
                 uint16_t flags)
{
    d->type = type;
    d->offset8 = off8;
    d->len8 = len8;
    d->flags = flags;
    d->trans_id = 0;
}

START_TEST(descriptor_bytes_are_little_endian_and_round_trip)
{
    static const char *want = "06 00 02 00 05 00 01 00 88 77 66 55 44 33 22 11";
    unsigned char exp[16], got[16];
    struct vmbp_pkt_desc d, back;

    desc(&d, VMBP_PKT_DATA_INBAND, 2, 5, VMBP_PKT_FLAG_COMPLETION_REQUESTED);
    d.trans_id = 0x1122334455667788ull;
    ck_assert_int_eq(vmbp_test_unhex(want, exp, sizeof(exp)), 16);
    vmbp_pkt_desc_encode(&d, got);
    ck_assert_mem_eq(got, exp, 16);
    vmbp_pkt_desc_decode(got, &back);
    ck_assert_uint_eq(back.type, 6);
    ck_assert_uint_eq(back.offset8, 2);
    ck_assert_uint_eq(back.len8, 5);
    ck_assert_uint_eq(back.flags, 1);
    ck_assert(back.trans_id == 0x1122334455667788ull);
}
END_TEST

/* covers: VMBP-PKT-003 */
START_TEST(trailer_holds_the_start_offset_in_the_upper_half)
{
    unsigned char t[8], exp[8];

    vmbp_pkt_trailer_encode(0x12345678u, t);
    ck_assert_int_eq(vmbp_test_unhex("00000000 78563412", exp, sizeof(exp)), 8);
    ck_assert_mem_eq(t, exp, 8);
}
END_TEST

/* covers: VMBP-PKT-001 */
START_TEST(types_and_defaults)
{
    unsigned t;

    for (t = 0; t <= 0xFFFF; t++)
        if (vmbp_pkt_type_is_defined((uint16_t)t) != (t >= 1 && t <= 0xD))
            ck_abort_msg("type %u", t);
    ck_assert_uint_eq(VMBP_PKT_TYPES_CURRENT, (1u << 6) | (1u << 7) | (1u << 9) | (1u << 11));
    ck_assert_uint_eq(VMBP_PKT_TYPES_DEFINED, 0x3FFEu);
    ck_assert_uint_eq(VMBP_PKT_TYPE_BIT(40u), 0);
    /* names: those of the VMBP_PKT_<NAME> constants */
    {
        static const char *const names[] = {"INVALID",
                                            "SYNCH",
                                            "ADD_XFER_PAGESET",
                                            "RM_XFER_PAGESET",
                                            "ESTABLISH_GPADL",
                                            "TEARDOWN_GPADL",
                                            "DATA_INBAND",
                                            "DATA_XFER_PAGES",
                                            "DATA_GPADL",
                                            "DATA_GPA_DIRECT",
                                            "CANCEL_REQUEST",
                                            "COMPLETION",
                                            "DATA_ADDITIONAL_PKT",
                                            "ADDITIONAL_DATA"};

        for (t = 0; t < sizeof(names) / sizeof(names[0]); t++)
            ck_assert_str_eq(vmbp_pkt_type_name(t), names[t]);
        ck_assert_ptr_null(vmbp_pkt_type_name(0xE));
        ck_assert_ptr_null(vmbp_pkt_type_name(0x10006));
    }
}
END_TEST

/* The descriptor rules, written independently of the header, over a grid of values. */
static enum vmbp_status model(unsigned type, unsigned off8, unsigned len8, unsigned flags,
                              unsigned long avail, unsigned types)
{
    if (len8 < off8)
        return VMBP_E_RING_LEN_LT_OFFSET;
    if (off8 < 2)
        return VMBP_E_RING_OFFSET_SHORT;
    if ((unsigned long)len8 * 8ul + 8ul > avail)
        return VMBP_E_RING_PKT_OVERRUN;
    /* 0x0 and types above 0xD: always refused, whatever the mask says (VMBP-RING-016) */
    if (type == 0 || type > 0xD || !(types & (1u << type)))
        return VMBP_E_RING_PKT_TYPE;
    if (flags & ~1u)
        return VMBP_E_RING_PKT_FLAGS;
    if ((type == 7 || type == 9) && off8 < 3)
        return VMBP_E_RING_EXT_OFFSET;
    return VMBP_OK;
}

/* covers: VMBP-RING-012 VMBP-RING-013 VMBP-RING-014 VMBP-RING-016 VMBP-RING-017 */
/* covers: VMBP-RING-018 */
START_TEST(descriptor_rules_match_the_model_on_a_grid)
{
    static const unsigned types[] = {0, 1, 5, 6, 7, 8, 9, 0xB, 0xD, 0xE, 31, 32, 0xFFFF};
    static const unsigned offs[] = {0, 1, 2, 3, 4, 100, 0xFFFE, 0xFFFF};
    static const unsigned lens[] = {0, 1, 2, 3, 4, 5, 99, 100, 101, 0x7FFF, 0xFFFF};
    static const unsigned flagv[] = {0, 1, 2, 3, 0x8000, 0xFFFF};
    static const unsigned long avails[] = {0,   8,   16,  24,     32,     40,
                                           808, 816, 824, 524288, 524296, 0xFFFFFFF8ul};
    static const unsigned masks[] = {VMBP_PKT_TYPES_CURRENT, VMBP_PKT_TYPES_DEFINED,
                                     0xFFFFFFFFu};
    size_t a, b, c, e, f, m;
    unsigned long n = 0;

    for (a = 0; a < sizeof(types) / sizeof(types[0]); a++)
        for (b = 0; b < sizeof(offs) / sizeof(offs[0]); b++)
            for (c = 0; c < sizeof(lens) / sizeof(lens[0]); c++)
                for (e = 0; e < sizeof(flagv) / sizeof(flagv[0]); e++)
                    for (f = 0; f < sizeof(avails) / sizeof(avails[0]); f++)
                        for (m = 0; m < 2; m++) {
                            struct vmbp_pkt_desc d;
                            enum vmbp_status got, want;

                            desc(&d, (uint16_t)types[a], (uint16_t)offs[b], (uint16_t)lens[c],
                                 (uint16_t)flagv[e]);
                            got = vmbp_pkt_desc_validate(&d, (uint32_t)avails[f], masks[m]);
                            want = model(types[a], offs[b], lens[c], flagv[e], avails[f],
                                         masks[m]);
                            if (got != want)
                                ck_abort_msg("type %u off8 %u len8 %u flags %u avail "
                                             "%lu: %s, want %s",
                                             types[a], offs[b], lens[c], flagv[e], avails[f],
                                             vmbp_status_str(got), vmbp_status_str(want));
                            n++;
                        }
    ck_assert_uint_eq(n, 13ul * 8 * 11 * 6 * 12 * 2);
}
END_TEST

/* covers: VMBP-PKT-004 */
START_TEST(pfn_count_is_pages_spanned_without_overflow)
{
    ck_assert_uint_eq(vmbp_pkt_gpa_pfn_count(0, 0), 0);
    ck_assert_uint_eq(vmbp_pkt_gpa_pfn_count(0, 1), 1);
    ck_assert_uint_eq(vmbp_pkt_gpa_pfn_count(0, 4096), 1);
    ck_assert_uint_eq(vmbp_pkt_gpa_pfn_count(0, 4097), 2);
    ck_assert_uint_eq(vmbp_pkt_gpa_pfn_count(4095, 1), 1);
    ck_assert_uint_eq(vmbp_pkt_gpa_pfn_count(4095, 2), 2);
    ck_assert_uint_eq(vmbp_pkt_gpa_pfn_count(100, 8192), 3);
    ck_assert_uint_eq(vmbp_pkt_gpa_pfn_count(0xFFFFFFFFu, 0xFFFFFFFFu), 0x200000u);
    ck_assert_uint_eq(vmbp_pkt_gpa_range_check(0, 1), VMBP_OK);
    ck_assert_uint_eq(vmbp_pkt_gpa_range_check(4095, 1), VMBP_OK);
    ck_assert_uint_eq(vmbp_pkt_gpa_range_check(4096, 1), VMBP_E_GPADL_RANGE);
    ck_assert_uint_eq(vmbp_pkt_gpa_range_check(0, 0), VMBP_E_GPADL_RANGE);
}
END_TEST

/* A packet image in private memory: descriptor, then header extension words. */
static unsigned char pkt[4096];

static void build(uint16_t type, uint16_t off8, uint16_t len8, uint32_t count)
{
    struct vmbp_pkt_desc d;

    memset(pkt, 0, sizeof(pkt));
    desc(&d, type, off8, len8, 0);
    vmbp_pkt_desc_encode(&d, pkt);
    vmbp_store_le32(pkt + 20, count);
}

/* covers: VMBP-RING-018 VMBP-RING-019 VMBP-PKT-005 */
START_TEST(transfer_page_ranges_must_fit_the_header)
{
    uint32_t n = 0, bc, bo;

    /* 2 ranges need 24 + 16 = 40 bytes before the data: offset8 5 */
    build(7, 5, 6, 2);
    vmbp_store_le32(pkt + 24, 100);
    vmbp_store_le32(pkt + 28, 200);
    vmbp_store_le32(pkt + 32, 300);
    vmbp_store_le32(pkt + 36, 400);
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 48, &n), VMBP_OK);
    ck_assert_uint_eq(n, 2);
    vmbp_pkt_xfer_range(pkt, 1, &bc, &bo);
    ck_assert_uint_eq(bc, 300);
    ck_assert_uint_eq(bo, 400);
    build(7, 5, 6, 3);
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 48, &n), VMBP_E_RING_RANGE_BOUNDS);
    build(7, 5, 6, 0);
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 48, &n), VMBP_E_RING_RANGE_COUNT);
    /* counts whose byte size overflows 32 bits */
    build(7, 5, 6, 0x20000001u);
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 48, &n), VMBP_E_RING_RANGE_BOUNDS);
    build(7, 5, 6, 0xFFFFFFFFu);
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 48, &n), VMBP_E_RING_RANGE_BOUNDS);
    /* no room for the header itself */
    build(7, 2, 6, 1);
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 48, &n), VMBP_E_RING_EXT_OFFSET);
    build(7, 3, 3, 1);
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 16, &n), VMBP_E_RING_EXT_OFFSET);
    build(7, 7, 7, 1); /* data offset beyond the bytes given */
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 48, &n), VMBP_E_RING_EXT_OFFSET);
    /* garbage in the reserved bytes is tolerated (OpenVMM) */
    build(7, 4, 4, 1);
    pkt[18] = 0xEE;
    pkt[19] = 0xFF;
    ck_assert_uint_eq(vmbp_pkt_xfer_validate(pkt, 32, NULL), VMBP_OK);
}
END_TEST

/* covers: VMBP-RING-018 VMBP-RING-019 VMBP-PKT-004 VMBP-PKT-005 */
START_TEST(gpa_direct_ranges_and_their_pfns_must_fit_the_header)
{
    uint32_t n = 0, next = 0;
    struct vmbp_pkt_gpa_range r;

    /* range 0: 5000 bytes at 100 -> 2 PFNs; range 1: 1 byte at 0 -> 1 PFN.
     * 24 + (8 + 16) + (8 + 8) = 64 bytes of header: offset8 8 */
    build(9, 8, 9, 2);
    vmbp_store_le32(pkt + 16, 0xDEADBEEFu); /* reserved garbage, tolerated */
    vmbp_store_le32(pkt + 24, 5000);
    vmbp_store_le32(pkt + 28, 100);
    vmbp_store_le64(pkt + 32, 0x1234);
    vmbp_store_le64(pkt + 40, 0x1235);
    vmbp_store_le32(pkt + 48, 1);
    vmbp_store_le32(pkt + 52, 0);
    vmbp_store_le64(pkt + 56, 0x99);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 72, &n), VMBP_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(vmbp_pkt_gpa_range_decode(pkt, 24, 64, &r, &next), VMBP_OK);
    ck_assert_uint_eq(r.byte_count, 5000);
    ck_assert_uint_eq(r.byte_offset, 100);
    ck_assert_uint_eq(r.pfn_count, 2);
    ck_assert_uint_eq(r.pfn_pos, 32);
    ck_assert_uint_eq(next, 48);
    /* one byte more in range 1 spills into a second PFN that is not there */
    vmbp_store_le32(pkt + 48, 4096);
    vmbp_store_le32(pkt + 52, 1);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 72, &n), VMBP_E_RING_RANGE_BOUNDS);
    /* a third range has no room for its head */
    vmbp_store_le32(pkt + 48, 1);
    vmbp_store_le32(pkt + 52, 0);
    vmbp_store_le32(pkt + 20, 3);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 72, &n), VMBP_E_RING_RANGE_BOUNDS);
    /* huge lengths: 2^21 PFNs, computed in 64 bits */
    vmbp_store_le32(pkt + 20, 1);
    vmbp_store_le32(pkt + 24, 0xFFFFFFFFu);
    vmbp_store_le32(pkt + 28, 0xFFFFFFFFu);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 72, &n), VMBP_E_RING_RANGE_BOUNDS);
    vmbp_store_le32(pkt + 20, 0);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 72, &n), VMBP_E_RING_RANGE_COUNT);
    vmbp_store_le32(pkt + 20, 0xFFFFFFFFu);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 72, &n), VMBP_E_RING_RANGE_BOUNDS);
    build(9, 2, 9, 1);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 72, &n), VMBP_E_RING_EXT_OFFSET);
    /* a range at the very end of the header area, an empty range (0 PFNs) */
    build(9, 4, 4, 1);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 32, &n), VMBP_OK);
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 32, NULL), VMBP_OK);
    /* the data offset past the bytes given */
    ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, 24, &n), VMBP_E_RING_EXT_OFFSET);
    ck_assert_uint_eq(vmbp_pkt_gpa_range_decode(pkt, 32, 32, &r, &next),
                      VMBP_E_RING_RANGE_BOUNDS);
    ck_assert_uint_eq(vmbp_pkt_gpa_range_decode(pkt, 40, 32, &r, &next),
                      VMBP_E_RING_RANGE_BOUNDS);
    /* an end before any range head could fit (no unsigned wrap in pos + 8 <= end) */
    ck_assert_uint_eq(vmbp_pkt_gpa_range_decode(pkt, 0, 4, &r, &next),
                      VMBP_E_RING_RANGE_BOUNDS);
}
END_TEST

/* Every range-count and PFN combination of a small header area agrees with a model. */
/* covers: VMBP-RING-019 */
START_TEST(gpa_direct_validator_matches_a_model)
{
    uint32_t off8, count, bc;
    unsigned long checked = 0;

    for (off8 = 3; off8 <= 9; off8++)
        for (count = 0; count <= 6; count++)
            for (bc = 0; bc <= 3 * 4096u; bc += 1024u) {
                uint32_t end = off8 * 8u, pos = 24, i, n = 0;
                enum vmbp_status want = VMBP_OK;
                unsigned pfns = (bc + 4095u) / 4096u;

                build(9, (uint16_t)off8, (uint16_t)off8, count);
                for (i = 0; i < count && pos + 8 <= 72; i++) {
                    vmbp_store_le32(pkt + pos, bc);
                    pos += 8 + 8 * pfns;
                }
                if (count == 0)
                    want = VMBP_E_RING_RANGE_COUNT;
                else if (24 + 8 * count > end || 24 + count * (8 + 8 * pfns) > end)
                    want = VMBP_E_RING_RANGE_BOUNDS;
                ck_assert_uint_eq(vmbp_pkt_gpa_direct_validate(pkt, end, &n), want);
                if (want == VMBP_OK)
                    ck_assert_uint_eq(n, count);
                checked++;
            }
    ck_assert_uint_eq(checked, 7ul * 7 * 13);
}
END_TEST

START_TEST(ring_bytes_of_a_packet)
{
    ck_assert_uint_eq(vmbp_pkt_ring_bytes(0), 24);
    ck_assert_uint_eq(vmbp_pkt_ring_bytes(1), 32);
    ck_assert_uint_eq(vmbp_pkt_ring_bytes(8), 32);
    ck_assert_uint_eq(vmbp_pkt_ring_bytes(9), 40);
    ck_assert_uint_eq(vmbp_pkt_ring_bytes(VMBP_PKT_MAX_LEN - 16), VMBP_PKT_MAX_LEN + 8);
    ck_assert_uint_eq(vmbp_pkt_ring_bytes(VMBP_PKT_MAX_LEN - 15), 0);
    ck_assert_uint_eq(vmbp_pkt_ring_bytes((size_t)-1), 0);
}
END_TEST

static Suite *packet_suite(void)
{
    Suite *s = suite_create("packet");
    TCase *tc = tcase_create("packet");

    tcase_add_test(tc, descriptor_bytes_are_little_endian_and_round_trip);
    tcase_add_test(tc, trailer_holds_the_start_offset_in_the_upper_half);
    tcase_add_test(tc, types_and_defaults);
    tcase_add_test(tc, descriptor_rules_match_the_model_on_a_grid);
    tcase_add_test(tc, pfn_count_is_pages_spanned_without_overflow);
    tcase_add_test(tc, transfer_page_ranges_must_fit_the_header);
    tcase_add_test(tc, gpa_direct_ranges_and_their_pfns_must_fit_the_header);
    tcase_add_test(tc, gpa_direct_validator_matches_a_model);
    tcase_add_test(tc, ring_bytes_of_a_packet);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(packet_suite)
