/* SPDX-License-Identifier: MIT */
/* bits.h: field masks and get/set helpers, constant-expression popcount. */
#include <vmbus_proto/bits.h>

#include "unit.h"

/* A made-up register with a field at each edge and one in the middle. */
#define TREG_LOW_SHIFT 0
#define TREG_LOW_WIDTH 1
#define TREG_MID_SHIFT 12
#define TREG_MID_WIDTH 8
#define TREG_TOP_SHIFT 40
#define TREG_TOP_WIDTH 24
#define TREG_RSVD_MASK                                                                         \
    (~(VMBP_FIELD_MASK64(TREG_LOW) | VMBP_FIELD_MASK64(TREG_MID) | VMBP_FIELD_MASK64(TREG_TOP)))

VMBP_STATIC_ASSERT(VMBP_POPCOUNT64(VMBP_FIELD_MASK64(TREG_LOW)) +
                           VMBP_POPCOUNT64(VMBP_FIELD_MASK64(TREG_MID)) +
                           VMBP_POPCOUNT64(VMBP_FIELD_MASK64(TREG_TOP)) +
                           VMBP_POPCOUNT64(TREG_RSVD_MASK) ==
                       64,
                   treg_fields_disjoint_and_cover);

/* covers: VMBP-CONV-004 */
START_TEST(masks_have_the_declared_position_and_width)
{
    ck_assert_uint_eq(VMBP_FIELD_MASK64(TREG_LOW), 0x1ull);
    ck_assert_uint_eq(VMBP_FIELD_MASK64(TREG_MID), 0xFF000ull);
    ck_assert_uint_eq(VMBP_FIELD_MASK64(TREG_TOP), 0xFFFFFF0000000000ull);
    ck_assert_uint_eq(VMBP_LOWBITS64(1), 1u);
    ck_assert_uint_eq(VMBP_LOWBITS64(63), 0x7FFFFFFFFFFFFFFFull);
    ck_assert_uint_eq(VMBP_LOWBITS64(64), ~0ull);
    ck_assert_uint_eq(VMBP_LOWBITS32(1), 1u);
    ck_assert_uint_eq(VMBP_LOWBITS32(32), 0xFFFFFFFFu);
    ck_assert_uint_eq(VMBP_BIT64(63), 0x8000000000000000ull);
    ck_assert_uint_eq(VMBP_BIT32(31), 0x80000000u);
}
END_TEST

START_TEST(get_extracts_only_the_field)
{
    uint64_t v = 0xABCDEF0123456789ull;

    ck_assert_uint_eq(VMBP_FIELD_GET64(TREG_LOW, v), 1u);
    ck_assert_uint_eq(VMBP_FIELD_GET64(TREG_MID, v), 0x56u);
    ck_assert_uint_eq(VMBP_FIELD_GET64(TREG_TOP, v), 0xABCDEFu);
}
END_TEST

START_TEST(set_replaces_the_field_and_keeps_every_other_bit)
{
    uint64_t v = 0xABCDEF0123456789ull;

    ck_assert_uint_eq(VMBP_FIELD_SET64(TREG_MID, v, 0x12), 0xABCDEF0123412789ull);
    ck_assert_uint_eq(VMBP_FIELD_SET64(TREG_LOW, v, 0), 0xABCDEF0123456788ull);
    ck_assert_uint_eq(VMBP_FIELD_SET64(TREG_TOP, 0, 0xFFFFFF), 0xFFFFFF0000000000ull);
    /* Bits beyond the width are dropped, never spilled into neighbours. */
    ck_assert_uint_eq(VMBP_FIELD_SET64(TREG_MID, 0, 0x1FF), 0xFF000ull);
    ck_assert(VMBP_FIELD_FITS64(TREG_MID, 0xFF));
    ck_assert(!VMBP_FIELD_FITS64(TREG_MID, 0x100));
    ck_assert(VMBP_FIELD_FITS64(TREG_TOP, 0xFFFFFF));
    ck_assert(!VMBP_FIELD_FITS64(TREG_TOP, 0x1000000));
}
END_TEST

#define T32_F_SHIFT 4
#define T32_F_WIDTH 12
START_TEST(field32_helpers_match_their_64_bit_twins)
{
    uint32_t v = 0x89ABCDEFu;

    ck_assert_uint_eq(VMBP_FIELD_MASK32(T32_F), 0xFFF0u);
    ck_assert_uint_eq(VMBP_FIELD_GET32(T32_F, v), 0xCDEu);
    ck_assert_uint_eq(VMBP_FIELD_SET32(T32_F, v, 0x123), 0x89AB123Fu);
    ck_assert(VMBP_FIELD_FITS32(T32_F, 0xFFF));
    ck_assert(!VMBP_FIELD_FITS32(T32_F, 0x1000));
    ck_assert_uint_eq(VMBP_FIELD_GET32(T32_F, v), VMBP_FIELD_GET64(T32_F, v));
}
END_TEST

START_TEST(popcount_counts_every_bit)
{
    uint64_t x = 0;
    int i;

    for (i = 0; i < 64; i++) {
        x |= VMBP_BIT64(i);
        ck_assert_uint_eq(VMBP_POPCOUNT64(x), (uint64_t)(i + 1));
        ck_assert_uint_eq(VMBP_POPCOUNT64(VMBP_BIT64(i)), 1u);
    }
    ck_assert_uint_eq(VMBP_POPCOUNT64(0xF0F0F0F0F0F0F0F0ull), 32u);
}
END_TEST

START_TEST(runtime_shift_hooks_shift)
{
    volatile unsigned n = 33;

    ck_assert_uint_eq(VMBP_SHL64(1, n), 0x200000000ull);
    ck_assert_uint_eq(VMBP_SHR64(0x200000000ull, n), 1u);
}
END_TEST

static Suite *bits_suite(void)
{
    Suite *s = suite_create("bits");
    TCase *tc = tcase_create("fields");

    tcase_add_test(tc, masks_have_the_declared_position_and_width);
    tcase_add_test(tc, get_extracts_only_the_field);
    tcase_add_test(tc, set_replaces_the_field_and_keeps_every_other_bit);
    tcase_add_test(tc, field32_helpers_match_their_64_bit_twins);
    tcase_add_test(tc, popcount_counts_every_bit);
    tcase_add_test(tc, runtime_shift_hooks_shift);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(bits_suite)
