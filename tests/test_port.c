/* SPDX-License-Identifier: MIT */
/* port.h: the memory hooks and their portable fallbacks. */
#include <vmbus_proto/port.h>

#include "unit.h"

VMBP_STATIC_ASSERT(sizeof(uint64_t) == 8, test_port_assert_at_file_scope);

START_TEST(copy_fallback_copies_exactly_n_bytes)
{
    unsigned char src[32], dst[34];
    size_t n = (size_t)_i, i;

    for (i = 0; i < sizeof(src); i++)
        src[i] = (unsigned char)(i * 7 + 1);
    memset(dst, 0xEE, sizeof(dst));
    vmbp_copy_bytes(dst + 1, src, n);
    ck_assert_uint_eq(dst[0], 0xEE);
    ck_assert_mem_eq(dst + 1, src, n);
    ck_assert_uint_eq(dst[n + 1], 0xEE);
}
END_TEST

START_TEST(fill_fallback_fills_exactly_n_bytes)
{
    unsigned char dst[34];
    size_t n = (size_t)_i, i;

    memset(dst, 0xEE, sizeof(dst));
    vmbp_fill_bytes(dst + 1, 0x1A5, n);
    ck_assert_uint_eq(dst[0], 0xEE);
    for (i = 0; i < n; i++)
        ck_assert_uint_eq(dst[i + 1], 0xA5);
    ck_assert_uint_eq(dst[n + 1], 0xEE);
}
END_TEST

START_TEST(default_hooks_match_the_fallbacks)
{
    unsigned char a[16], b[16], src[16];
    size_t i;

    for (i = 0; i < sizeof(src); i++)
        src[i] = (unsigned char)(0xF0 ^ i);
    VMBP_MEMCPY(a, src, sizeof(a));
    vmbp_copy_bytes(b, src, sizeof(b));
    ck_assert_mem_eq(a, b, sizeof(a));
    VMBP_MEMSET(a, 0x5A, sizeof(a));
    vmbp_fill_bytes(b, 0x5A, sizeof(b));
    ck_assert_mem_eq(a, b, sizeof(a));
}
END_TEST

START_TEST(block_scope_static_assert_compiles)
{
    VMBP_STATIC_ASSERT(sizeof(uint32_t) == 4, test_port_block_scope);
    ck_assert_uint_eq(VMBP_API_VERSION >> 16, 1u);
}
END_TEST

static Suite *port_suite(void)
{
    Suite *s = suite_create("port");
    TCase *tc = tcase_create("hooks");

    tcase_add_loop_test(tc, copy_fallback_copies_exactly_n_bytes, 0, 33);
    tcase_add_loop_test(tc, fill_fallback_fills_exactly_n_bytes, 0, 33);
    tcase_add_test(tc, default_hooks_match_the_fallbacks);
    tcase_add_test(tc, block_scope_static_assert_compiles);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(port_suite)
