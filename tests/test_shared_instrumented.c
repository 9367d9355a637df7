/* SPDX-License-Identifier: MIT */
/* shared.h routed through the instrumented test layer (tests/support/tshm.h): every access
 * is counted per byte, a mutator can race the reader, strays are detected. */
#include "support/tshm.h"

#include <vmbus_proto/shared.h>

#include "unit.h"

/* The registered region is the first half of a larger array, so that an access straddling
 * its end is still inside real memory. */
static uint32_t backing[16];
#define region backing
#define REGION_BYTES (8 * sizeof(uint32_t))

static void setup(void)
{
    memset(backing, 0, sizeof(backing));
    vmbp_tshm_attach(backing, REGION_BYTES);
}

static void teardown(void)
{
    vmbp_tshm_detach_all();
}

/* covers: VMBP-TRUST-002 */
START_TEST(every_read_is_counted_per_byte)
{
    unsigned char priv[8];
    const unsigned char *base = (const unsigned char *)region;

    (void)vmbp_shared_load32_acquire(&region[1]);
    vmbp_shared_copy_from(priv, base + 6, 8);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 3), 0);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 4), 1);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 5), 1);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 6), 2);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 7), 2);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 13), 1);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 14), 0);
    ck_assert_uint_eq(vmbp_tshm_max_reads(), 2);
    ck_assert_uint_eq(vmbp_tshm_bytes_read(), 10);
    vmbp_tshm_reset_counts();
    ck_assert_uint_eq(vmbp_tshm_max_reads(), 0);
}
END_TEST

START_TEST(writes_are_counted_and_rmw_counts_both)
{
    const unsigned char *base = (const unsigned char *)region;

    vmbp_shared_store32_release(&region[0], 1);
    (void)vmbp_shared_clear_bits32(&region[2], 1);
    ck_assert_uint_eq(vmbp_tshm_writes_of(base + 0), 1);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 0), 0);
    ck_assert_uint_eq(vmbp_tshm_writes_of(base + 8), 1);
    ck_assert_uint_eq(vmbp_tshm_reads_of(base + 8), 1);
    ck_assert_uint_eq(vmbp_tshm_calls(), 2);
}
END_TEST

static void flip(void *ctx, uint8_t *addr, size_t len)
{
    unsigned *n = (unsigned *)ctx;
    size_t i;

    for (i = 0; i < len; i++)
        addr[i] = (uint8_t)(addr[i] + 1);
    (*n)++;
}

START_TEST(mutator_changes_memory_before_each_read)
{
    unsigned calls = 0;

    vmbp_shared_store32(&region[3], 0x10101010u);
    vmbp_tshm_set_mutator(flip, &calls);
    ck_assert_uint_eq(vmbp_shared_load32(&region[3]), 0x11111111u);
    ck_assert_uint_eq(vmbp_shared_load32(&region[3]), 0x12121212u);
    vmbp_shared_store32(&region[3], 0);
    ck_assert_uint_eq(calls, 2);
}
END_TEST

START_TEST(stray_accesses_are_reported)
{
    uint32_t elsewhere = 0;

    (void)vmbp_shared_load32(&elsewhere);
    ck_assert_uint_eq(vmbp_tshm_stray_calls(), 1);
    /* An access straddling the end of a region is a stray too. */
    {
        unsigned char priv[8];
        vmbp_shared_copy_from(priv, (const unsigned char *)region + REGION_BYTES - 4, 8);
    }
    ck_assert_uint_eq(vmbp_tshm_stray_calls(), 2);
}
END_TEST

START_TEST(strict_mode_aborts_on_a_stray_access)
{
    uint32_t elsewhere = 0;

    vmbp_tshm_set_strict(true);
    (void)vmbp_shared_load32(&elsewhere);
}
END_TEST

static Suite *shared_instrumented_suite(void)
{
    Suite *s = suite_create("shared_instrumented");
    TCase *tc = tcase_create("tshm");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, every_read_is_counted_per_byte);
    tcase_add_test(tc, writes_are_counted_and_rmw_counts_both);
    tcase_add_test(tc, mutator_changes_memory_before_each_read);
    tcase_add_test(tc, stray_accesses_are_reported);
    if (getenv("CK_FORK") == NULL || strcmp(getenv("CK_FORK"), "no") != 0)
        tcase_add_test_raise_signal(tc, strict_mode_aborts_on_a_stray_access, SIGABRT);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(shared_instrumented_suite)
