/* SPDX-License-Identifier: MIT */
/*
 * Every public enumerator that has a list row has one: each switch below takes one case per
 * row of its list and has no default, so the compiler (-Wswitch, an error in this file)
 * names an enumerator added to its enum without the row that gives its name and text. The
 * headers assert the other direction, that every row's enumerator has the row's value.
 */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic error "-Wswitch"
#endif

#include <vmbus_proto/vmbus_proto.h>

#include "unit.h"

#define CASE_STATUS(e, value, text) case e:
#define CASE_HV_STATUS(e, value, text) case e:
#define CASE_FEATURE(e, mask, name, text) case e:
#define CASE_OFFER_FLAG(e, mask, text) case e:
#define CASE_VERSION(e, major, minor, windows, linux_name, openvmm_name) case e:
#define CASE_DEVICE(e, s, d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7, li, mi, src) case e:

/* The sentinels (VMBP_STATUS_BAND_END, VMBP_DEVICE_UNKNOWN, VMBP_DEVICE_END) are not
 * statuses or classes: their cases are written out. */
static int status_listed(enum vmbp_status v)
{
    switch (v) {
    case VMBP_STATUS_BAND_END:
        return 0;
        VMBP_STATUS_LIST(CASE_STATUS)
        return 1;
    }
    return 0;
}

static int hv_status_listed(enum vmbp_hv_status v)
{
    switch (v) {
        VMBP_HV_STATUS_LIST(CASE_HV_STATUS)
        return 1;
    }
    return 0;
}

static int feature_listed(enum vmbp_feature v)
{
    switch (v) {
        VMBP_FEATURE_LIST(CASE_FEATURE)
        return 1;
    }
    return 0;
}

static int offer_flag_listed(enum vmbp_offer_flag v)
{
    switch (v) {
        VMBP_OFFER_FLAG_LIST(CASE_OFFER_FLAG)
        return 1;
    }
    return 0;
}

static int version_listed(enum vmbp_version v)
{
    switch (v) {
        VMBP_VERSION_LIST(CASE_VERSION)
        return 1;
    }
    return 0;
}

static int device_listed(enum vmbp_device v)
{
    switch (v) {
    case VMBP_DEVICE_UNKNOWN:
    case VMBP_DEVICE_END:
        return 0;
        VMBP_DEVICE_LIST(CASE_DEVICE)
        return 1;
    }
    return 0;
}

/* covers: VMBP-CONV-005 */
START_TEST(every_enumerator_has_its_row)
{
    /* the switches are the check; these calls keep them compiled and show each works */
    ck_assert(status_listed(VMBP_E_SEQ_UNTRUSTED));
    ck_assert(!status_listed(VMBP_STATUS_BAND_END));
    ck_assert(hv_status_listed(VMBP_HV_STATUS_SUCCESS));
    ck_assert(feature_listed(VMBP_FEATURE_GPA_PINNING));
    ck_assert(offer_flag_listed(VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER));
    ck_assert(version_listed(VMBP_VERSION_6_0));
    ck_assert(!version_listed((enum vmbp_version)0x00050004));
    ck_assert(device_listed(VMBP_DEVICE_SCSI));
    ck_assert(!device_listed(VMBP_DEVICE_UNKNOWN));
    ck_assert(!device_listed(VMBP_DEVICE_END));
}
END_TEST

static Suite *lists_suite(void)
{
    Suite *s = suite_create("lists");
    TCase *tc = tcase_create("lists");

    tcase_add_test(tc, every_enumerator_has_its_row);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(lists_suite)
