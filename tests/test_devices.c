/* SPDX-License-Identifier: MIT */
/* devices.h: class GUIDs (checked against their string form), names, the isolated-VM rule. */
#include <vmbus_proto/devices.h>

#include "unit.h"
#include "vectors.h"

static const struct {
    enum vmbp_device d;
    const char *guid;
    int linux_isolated;
} known[] = {
    {VMBP_DEVICE_IDE, "{32412632-86cb-44a2-9b5c-50d1417354f5}", 0},
    {VMBP_DEVICE_SCSI, "{ba6163d9-04a1-4d29-b605-72e2ffb1dc7f}", 1},
    {VMBP_DEVICE_FC, "{2f9bcc4a-0069-4af3-b76b-6fd0be528cda}", 0},
    {VMBP_DEVICE_NIC, "{f8615163-df3e-46c5-913f-f2d2f965ed0e}", 1},
    {VMBP_DEVICE_ND, "{8c2eaf3d-32a7-4b09-ab99-bd1f1c86b501}", 0},
    {VMBP_DEVICE_PCIE, "{44c4f61d-4444-4400-9d52-802e27ede19f}", 1},
    {VMBP_DEVICE_FRAMEBUFFER, "{da0a7802-e377-4aac-8e77-0558eb1073f8}", 0},
    {VMBP_DEVICE_VIDEO_3D, "{113560ea-48cd-4bd1-8828-fcec44e2b5d5}", 0},
    {VMBP_DEVICE_KEYBOARD, "{f912ad6d-2b17-48ea-bd65-f927a61c7684}", 0},
    {VMBP_DEVICE_MOUSE, "{cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a}", 0},
    {VMBP_DEVICE_KVP, "{a9a0f4e7-5a45-4d96-b827-8a841e8c03e6}", 0},
    {VMBP_DEVICE_TIMESYNC, "{9527e630-d0ae-497b-adce-e80ab0175caf}", 1},
    {VMBP_DEVICE_HEARTBEAT, "{57164f39-9115-4e78-ab55-382f3bd5422d}", 1},
    {VMBP_DEVICE_SHUTDOWN, "{0e0b6031-5213-4934-818b-38d90ced39db}", 1},
    {VMBP_DEVICE_FCOPY, "{34d14be3-dee4-41c8-9ae7-6b174977c192}", 0},
    {VMBP_DEVICE_VSS, "{35fa2e29-ea23-4236-96ae-3a6ebacba440}", 0},
    {VMBP_DEVICE_BALLOON, "{525074dc-8985-46e2-8057-a307dc18a502}", 0},
    {VMBP_DEVICE_AVMA1, "{f8e65716-3cb3-4a06-9a60-1889c5cccab5}", 0},
    {VMBP_DEVICE_AVMA2, "{3375baf4-9e15-4b30-b765-67acb10d607b}", 0},
    {VMBP_DEVICE_RDV, "{276aacf4-ac15-426c-98dd-7521ad3f01fe}", 0},
    {VMBP_DEVICE_VMBFS, "{c376c1c3-d276-48d2-90a9-c04748072c60}", 0},
};

/* covers: VMBP-DEV-002 */
START_TEST(guids_match_their_string_form)
{
    size_t i;

    ck_assert_uint_eq(sizeof(known) / sizeof(known[0]), VMBP_DEVICE_COUNT);
    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        struct vmbp_guid g;
        const struct vmbp_device_info *di = vmbp_device_lookup(known[i].d);

        ck_assert_int_eq(vmbp_vec_guid(known[i].guid, g.bytes), 0);
        ck_assert_ptr_nonnull(di);
        ck_assert_msg(vmbp_guid_equal(&di->guid, &g), "%s", di->name);
        ck_assert_int_eq(vmbp_device_from_guid(&g), known[i].d);
        ck_assert(di->source[0] != 0);
    }
}
END_TEST

/* covers: VMBP-DEV-001 */
START_TEST(isolated_vm_allow_list)
{
    size_t i;
    unsigned allowed = 0, msvm = 0;
    struct vmbp_guid unknown =
        VMBP_GUID_INIT(0x12345678, 0x1234, 0x5678, 1, 2, 3, 4, 5, 6, 7, 8);

    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        const struct vmbp_device_info *di = vmbp_device_lookup(known[i].d);
        bool a = vmbp_device_allowed_in_isolated_vm(&di->guid, 0);

        ck_assert_int_eq(a, known[i].linux_isolated);
        /* an hv_sock offer is allowed whatever its class GUID */
        ck_assert(vmbp_device_allowed_in_isolated_vm(&di->guid, 0x2010));
        allowed += a;
        msvm += di->msvm_isolated;
        if (di->msvm_isolated)
            ck_assert(di->linux_isolated); /* mu_msvm's list is a subset of Linux's */
    }
    ck_assert_uint_eq(allowed, 6);
    ck_assert_uint_eq(msvm, 3);
    ck_assert(!vmbp_device_allowed_in_isolated_vm(&unknown, 0x0011));
    ck_assert(vmbp_device_allowed_in_isolated_vm(&unknown, 0x2000));
    ck_assert(!vmbp_device_allowed_in_isolated_vm(NULL, 0));
}
END_TEST

START_TEST(names_and_unknowns)
{
    struct vmbp_guid zero = VMBP_GUID_INIT(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    ck_assert_str_eq(vmbp_device_name(VMBP_DEVICE_NIC), "nic");
    ck_assert_str_eq(vmbp_device_name(VMBP_DEVICE_VMBFS), "vmbfs");
    ck_assert_str_eq(vmbp_device_name(VMBP_DEVICE_UNKNOWN), "unknown");
    ck_assert_str_eq(vmbp_device_name(VMBP_DEVICE_END), "unknown");
    ck_assert_str_eq(vmbp_device_lookup(VMBP_DEVICE_VMBFS)->source, "HV_IMC_GUID");
    ck_assert_ptr_null(vmbp_device_lookup(VMBP_DEVICE_UNKNOWN));
    ck_assert_int_eq(vmbp_device_from_guid(&zero), VMBP_DEVICE_UNKNOWN);
    ck_assert_int_eq(vmbp_device_from_guid(NULL), VMBP_DEVICE_UNKNOWN);
}
END_TEST

static Suite *devices_suite(void)
{
    Suite *s = suite_create("devices");
    TCase *tc = tcase_create("devices");

    tcase_add_test(tc, guids_match_their_string_form);
    tcase_add_test(tc, isolated_vm_allow_list);
    tcase_add_test(tc, names_and_unknowns);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(devices_suite)
