/* SPDX-License-Identifier: MIT */
/* status.h: one list, unique values in their bands, a string for each. */
#include <vmbus_proto/status.h>

#include "unit.h"

struct row {
    enum vmbp_status st;
    const char *name;
};

#define ROW(e, value, text) {(e), &(#e)[sizeof("VMBP_") - 1]},
static const struct row rows[] = {VMBP_STATUS_LIST(ROW)};
#undef ROW
#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* covers: VMBP-CONV-005 */
START_TEST(values_are_unique_and_in_their_band)
{
    size_t i, j;

    ck_assert_int_eq(VMBP_OK, 0);
    for (i = 0; i < NROWS; i++) {
        unsigned band = VMBP_STATUS_BAND(rows[i].st);

        ck_assert_uint_lt((unsigned)rows[i].st, (unsigned)VMBP_STATUS_BAND_END);
        if (rows[i].st != VMBP_OK) {
            ck_assert_uint_ge(band, 1);
            ck_assert_uint_le(band, 6);
            ck_assert_msg(strncmp(rows[i].name, "E_", 2) == 0, "%s", rows[i].name);
        }
        for (j = i + 1; j < NROWS; j++)
            ck_assert_msg(rows[i].st != rows[j].st, "%s == %s", rows[i].name, rows[j].name);
    }
}
END_TEST

START_TEST(every_status_has_its_own_string)
{
    size_t i;

    for (i = 0; i < NROWS; i++) {
        const char *s = vmbp_status_str(rows[i].st);

        ck_assert_ptr_nonnull(s);
        ck_assert_msg(strncmp(s, rows[i].name, strlen(rows[i].name)) == 0 &&
                          s[strlen(rows[i].name)] == ':',
                      "%s -> %s", rows[i].name, s);
    }
    ck_assert_str_eq(vmbp_status_str((enum vmbp_status)0x7777), "unknown status");
    ck_assert_str_eq(vmbp_status_str(VMBP_OK), "OK: success");
}
END_TEST

START_TEST(bands_classify)
{
    ck_assert_uint_eq(VMBP_STATUS_BAND(VMBP_E_TRUNCATED), 1);
    ck_assert_uint_eq(VMBP_STATUS_BAND(VMBP_E_VERSION), 2);
    ck_assert_uint_eq(VMBP_STATUS_BAND(VMBP_E_RING_WRITE_INDEX), 3);
    ck_assert_uint_eq(VMBP_STATUS_BAND(VMBP_E_RING_EMPTY), 4);
    ck_assert_uint_eq(VMBP_STATUS_BAND(VMBP_E_INVAL), 5);
    ck_assert(vmbp_status_is_ring_violation(VMBP_E_RING_PKT_TYPE));
    ck_assert(!vmbp_status_is_ring_violation(VMBP_E_RING_EMPTY));
    ck_assert(!vmbp_status_is_ring_violation(VMBP_OK));
}
END_TEST

static Suite *status_suite(void)
{
    Suite *s = suite_create("status");
    TCase *tc = tcase_create("list");

    tcase_add_test(tc, values_are_unique_and_in_their_band);
    tcase_add_test(tc, every_status_has_its_own_string);
    tcase_add_test(tc, bands_classify);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(status_suite)
