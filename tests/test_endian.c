/* SPDX-License-Identifier: MIT */
/* endian.h: little-endian loads and stores at every alignment and on any host byte order. */
#include <vmbus_proto/endian.h>

#include "unit.h"

static const unsigned char pattern[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF};

/* covers: VMBP-CONV-001 VMBP-CONV-012 */
START_TEST(load_reads_little_endian_at_every_offset)
{
    unsigned char buf[16 + 8];
    size_t off = (size_t)_i;

    memset(buf, 0xEE, sizeof(buf));
    memcpy(buf + off, pattern, sizeof(pattern));
    ck_assert_uint_eq(vmbp_load_le16(buf + off), 0x2301u);
    ck_assert_uint_eq(vmbp_load_le32(buf + off), 0x67452301u);
    ck_assert_uint_eq(vmbp_load_le64(buf + off), 0xEFCDAB8967452301ull);
}
END_TEST

/* covers: VMBP-CONV-001 VMBP-CONV-012 */
START_TEST(store_writes_little_endian_and_nothing_else)
{
    unsigned char buf[16 + 8];
    size_t off = (size_t)_i, i;

    memset(buf, 0xEE, sizeof(buf));
    vmbp_store_le64(buf + off, 0xEFCDAB8967452301ull);
    ck_assert_mem_eq(buf + off, pattern, 8);
    for (i = 0; i < sizeof(buf); i++)
        if (i < off || i >= off + 8)
            ck_assert_uint_eq(buf[i], 0xEE);

    memset(buf, 0xEE, sizeof(buf));
    vmbp_store_le32(buf + off, 0x67452301u);
    ck_assert_mem_eq(buf + off, pattern, 4);
    ck_assert_uint_eq(buf[off + 4], 0xEE);

    memset(buf, 0xEE, sizeof(buf));
    vmbp_store_le16(buf + off, 0x2301u);
    ck_assert_mem_eq(buf + off, pattern, 2);
    ck_assert_uint_eq(buf[off + 2], 0xEE);
    if (off > 0)
        ck_assert_uint_eq(buf[off - 1], 0xEE);
}
END_TEST

START_TEST(extremes_round_trip)
{
    static const uint64_t v64[] = {
        0, 1, 0x80, 0xFF, 0x8000000000000000ull, ~0ull, 0x0123456789ABCDEFull};
    unsigned char b[8];
    size_t i;

    for (i = 0; i < sizeof(v64) / sizeof(v64[0]); i++) {
        vmbp_store_le64(b, v64[i]);
        ck_assert_uint_eq(vmbp_load_le64(b), v64[i]);
        vmbp_store_le32(b, (uint32_t)v64[i]);
        ck_assert_uint_eq(vmbp_load_le32(b), (uint32_t)v64[i]);
        vmbp_store_le16(b, (uint16_t)v64[i]);
        ck_assert_uint_eq(vmbp_load_le16(b), (uint16_t)v64[i]);
    }
}
END_TEST

/* The native-value converters are the identity on little-endian hosts and a byte swap on
 * big-endian ones; checked against the compiler's own idea of the byte order. */
START_TEST(native_conversion_matches_host_order)
{
    uint32_t raw32;
    uint16_t raw16;
    uint64_t raw64;

    memcpy(&raw32, pattern, 4);
    memcpy(&raw16, pattern, 2);
    memcpy(&raw64, pattern, 8);
    ck_assert_uint_eq(vmbp_le32_to_cpu(raw32), 0x67452301u);
    ck_assert_uint_eq(vmbp_le16_to_cpu(raw16), 0x2301u);
    ck_assert_uint_eq(vmbp_le64_to_cpu(raw64), 0xEFCDAB8967452301ull);
    ck_assert_uint_eq(vmbp_cpu_to_le32(0x67452301u), raw32);
    ck_assert_uint_eq(vmbp_cpu_to_le16(0x2301u), raw16);
    ck_assert_uint_eq(vmbp_cpu_to_le64(0xEFCDAB8967452301ull), raw64);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    ck_assert(vmbp_host_is_big_endian());
    ck_assert_uint_eq(raw32, 0x01234567u);
#else
    ck_assert(!vmbp_host_is_big_endian());
    ck_assert_uint_eq(raw32, 0x67452301u);
#endif
}
END_TEST

static Suite *endian_suite(void)
{
    Suite *s = suite_create("endian");
    TCase *tc = tcase_create("load_store");

    tcase_add_loop_test(tc, load_reads_little_endian_at_every_offset, 0, 16);
    tcase_add_loop_test(tc, store_writes_little_endian_and_nothing_else, 0, 16);
    tcase_add_test(tc, extremes_round_trip);
    tcase_add_test(tc, native_conversion_matches_host_order);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(endian_suite)
