/* SPDX-License-Identifier: MIT */
/* version.h: the 11 versions, their names, negotiation order and every gated behaviour. */
#include <vmbus_proto/version.h>

#include "unit.h"

/* One row per version, written from the sources cited in spec/version.md:
 * value, interrupt page in INITIATE_CONTACT, target SINT (+conn ID 4), target VTL,
 * dedicated interrupts, reconnect, MODIFY_CHANNEL, its response, isolated-VM minimum,
 * feature flags (and confidential channels, modify connection, pause/resume). */
static const struct {
    uint32_t v;
    bool int_page, sint, vtl, dedicated, reconnect, modify, modify_resp, isolated, features;
} table[] = {
    {0x0000000D, 1, 0, 0, 0, 0, 0, 0, 0, 0}, /* 0.13 */
    {0x00010001, 1, 0, 0, 0, 0, 0, 0, 0, 0}, /* 1.1 */
    {0x00020004, 1, 0, 0, 1, 0, 0, 0, 0, 0}, /* 2.4 */
    {0x00030000, 1, 0, 0, 1, 1, 0, 0, 0, 0}, /* 3.0 */
    {0x00040000, 1, 0, 0, 1, 1, 0, 0, 0, 0}, /* 4.0 */
    {0x00040001, 1, 0, 0, 1, 1, 1, 0, 0, 0}, /* 4.1 */
    {0x00050000, 0, 1, 0, 1, 1, 1, 0, 0, 0}, /* 5.0 */
    {0x00050001, 0, 1, 1, 1, 1, 1, 0, 0, 0}, /* 5.1 */
    {0x00050002, 0, 1, 1, 1, 1, 1, 0, 1, 0}, /* 5.2 */
    {0x00050003, 0, 1, 1, 1, 1, 1, 1, 1, 0}, /* 5.3 */
    {0x00060000, 0, 1, 1, 1, 1, 1, 1, 1, 1}, /* 6.0 */
};
#define NVERS (sizeof(table) / sizeof(table[0]))

/* covers: VMBP-VER-001 */
START_TEST(encoding_and_the_known_set)
{
    ck_assert_uint_eq(VMBP_MAKE_VERSION(5, 3), 0x00050003u);
    ck_assert_uint_eq(VMBP_VERSION_MAJOR(0x00060000u), 6);
    ck_assert_uint_eq(VMBP_VERSION_MINOR(0x0000000Du), 13);
    ck_assert_int_eq(VMBP_VERSION_COUNT, 11);
    ck_assert_uint_eq((uint32_t)VMBP_VERSION_LATEST, 0x00060000u);
    ck_assert_uint_eq((uint32_t)VMBP_VERSION_4_1, 0x00040001u);
    ck_assert(!vmbp_version_is_known(0));
    ck_assert(!vmbp_version_is_known(0x00060001u));
    ck_assert(!vmbp_version_is_known(0x00070000u));
    ck_assert(!vmbp_version_is_known(0x000D0000u)); /* 0.13 byte-swapped in halves */
    ck_assert(!vmbp_version_is_known(0xFFFFFFFFu));
}
END_TEST

/* covers: VMBP-VER-001 VMBP-VER-004 VMBP-VER-005 VMBP-VER-006 VMBP-VER-007 VMBP-VER-008 */
START_TEST(predicates_match_the_table)
{
    size_t i = (size_t)_i;
    uint32_t v = table[i].v;

    ck_assert(vmbp_version_is_known(v));
    ck_assert_uint_eq(vmbp_version_has_interrupt_page(v), table[i].int_page);
    ck_assert_uint_eq(vmbp_version_has_target_sint(v), table[i].sint);
    ck_assert_uint_eq(vmbp_version_contact_connection_id(v), table[i].sint ? 4u : 1u);
    ck_assert_uint_eq(vmbp_version_has_target_vtl(v), table[i].vtl);
    ck_assert_uint_eq(vmbp_version_has_dedicated_interrupts(v), table[i].dedicated);
    ck_assert_uint_eq(vmbp_version_has_reconnect(v), table[i].reconnect);
    ck_assert_uint_eq(vmbp_version_has_modify_channel(v), table[i].modify);
    ck_assert_uint_eq(vmbp_version_has_modify_channel_response(v), table[i].modify_resp);
    ck_assert_uint_eq(vmbp_version_ok_for_isolated_vm(v), table[i].isolated);
    ck_assert_uint_eq(vmbp_version_has_feature_flags(v), table[i].features);
    ck_assert_uint_eq(vmbp_version_has_confidential_channels(v), table[i].features);
    ck_assert_uint_eq(vmbp_version_has_modify_connection(v), table[i].features);
    ck_assert_uint_eq(vmbp_version_has_pause_resume(v), table[i].features);
}
END_TEST

/* covers: VMBP-VER-002 */
START_TEST(proposals_go_newest_first_through_every_version)
{
    unsigned i;

    ck_assert_uint_eq(vmbp_version_proposal(0), 0x00060000u);
    ck_assert_uint_eq(vmbp_version_proposal(1), 0x00050003u);
    ck_assert_uint_eq(vmbp_version_proposal(10), 0x0000000Du);
    ck_assert_uint_eq(vmbp_version_proposal(11), 0);
    ck_assert_uint_eq(vmbp_version_proposal(~0u), 0);
    for (i = 0; i < NVERS; i++)
        ck_assert_uint_eq(vmbp_version_proposal(i), table[NVERS - 1 - i].v);
}
END_TEST

START_TEST(names_from_three_worlds)
{
    ck_assert_str_eq(vmbp_version_linux_name(0x00030000u), "VERSION_WIN8_1");
    ck_assert_str_eq(vmbp_version_openvmm_name(0x00060000u), "Copper");
    ck_assert_str_eq(vmbp_version_openvmm_name(0x00050003u), "Iron");
    ck_assert_str_eq(vmbp_version_windows_name(0x0000000Du), "Windows Server 2008");
    ck_assert_str_eq(vmbp_version_linux_name(0x00050002u), "VERSION_WIN10_V5_2");
    ck_assert_str_eq(vmbp_version_windows_name(0x00060001u), "unknown");
    ck_assert_str_eq(vmbp_version_linux_name(0), "unknown");
    ck_assert_str_eq(vmbp_version_openvmm_name(1), "unknown");
}
END_TEST

static Suite *version_suite(void)
{
    Suite *s = suite_create("version");
    TCase *tc = tcase_create("versions");

    tcase_add_test(tc, encoding_and_the_known_set);
    tcase_add_loop_test(tc, predicates_match_the_table, 0, (int)NVERS);
    tcase_add_test(tc, proposals_go_newest_first_through_every_version);
    tcase_add_test(tc, names_from_three_worlds);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(version_suite)
