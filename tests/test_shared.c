/* SPDX-License-Identifier: MIT */
/* shared.h with its default (GCC/clang atomic) hooks. */
#include <vmbus_proto/shared.h>

#include "unit.h"

/* A word of "shared memory" with its bytes visible. */
union word {
    uint32_t w;
    unsigned char b[4];
};

/* covers: VMBP-CONV-001 */
START_TEST(stores_write_little_endian_bytes)
{
    union word x;

    vmbp_shared_store32(&x.w, 0x11223344u);
    ck_assert_uint_eq(x.b[0], 0x44);
    ck_assert_uint_eq(x.b[3], 0x11);
    vmbp_shared_store32_release(&x.w, 0xA1B2C3D4u);
    ck_assert_uint_eq(x.b[0], 0xD4);
    ck_assert_uint_eq(x.b[1], 0xC3);
    ck_assert_uint_eq(x.b[2], 0xB2);
    ck_assert_uint_eq(x.b[3], 0xA1);
}
END_TEST

START_TEST(loads_read_little_endian_bytes)
{
    union word x;

    x.b[0] = 0x78;
    x.b[1] = 0x56;
    x.b[2] = 0x34;
    x.b[3] = 0x12;
    ck_assert_uint_eq(vmbp_shared_load32(&x.w), 0x12345678u);
    ck_assert_uint_eq(vmbp_shared_load32_acquire(&x.w), 0x12345678u);
}
END_TEST

START_TEST(read_modify_write_operations)
{
    union word x;

    vmbp_shared_store32(&x.w, 5);
    ck_assert_uint_eq(vmbp_shared_xchg32(&x.w, 0x01020304u), 5u);
    ck_assert_uint_eq(x.b[0], 0x04);
    ck_assert(!vmbp_shared_cmpxchg32(&x.w, 7, 9));
    ck_assert_uint_eq(vmbp_shared_load32(&x.w), 0x01020304u);
    ck_assert(vmbp_shared_cmpxchg32(&x.w, 0x01020304u, 9));
    ck_assert_uint_eq(vmbp_shared_load32(&x.w), 9u);
    vmbp_shared_store32(&x.w, 0x80000101u);
    ck_assert_uint_eq(vmbp_shared_clear_bits32(&x.w, 0x80000001u), 0x80000101u);
    ck_assert_uint_eq(vmbp_shared_load32(&x.w), 0x100u);
    ck_assert_uint_eq(x.b[1], 0x01);
}
END_TEST

START_TEST(copies_move_exact_bytes)
{
    unsigned char shared[24], priv[24];
    size_t i;

    for (i = 0; i < sizeof(shared); i++)
        shared[i] = (unsigned char)i;
    memset(priv, 0, sizeof(priv));
    vmbp_shared_copy_from(priv, shared + 3, 17);
    ck_assert_mem_eq(priv, shared + 3, 17);
    ck_assert_uint_eq(priv[17], 0);
    memset(priv, 0xAB, sizeof(priv));
    vmbp_shared_copy_to(shared + 1, priv, 5);
    ck_assert_uint_eq(shared[0], 0);
    ck_assert_uint_eq(shared[5], 0xAB);
    ck_assert_uint_eq(shared[6], 6);
    vmbp_shared_mb();
}
END_TEST

static Suite *shared_suite(void)
{
    Suite *s = suite_create("shared");
    TCase *tc = tcase_create("default_hooks");

    tcase_add_test(tc, stores_write_little_endian_bytes);
    tcase_add_test(tc, loads_read_little_endian_bytes);
    tcase_add_test(tc, read_modify_write_operations);
    tcase_add_test(tc, copies_move_exact_bytes);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(shared_suite)
