/* SPDX-License-Identifier: MIT */
/* features.h: negotiation and the offer-flag check, exhaustively over the flag word. */
#include <vmbus_proto/features.h>

#include "unit.h"

static const uint32_t versions[] = {0,          0x0000000D, 0x00020004,
                                    0x00050002, 0x00050003, 0x00060000};

/* covers: VMBP-FEAT-001 VMBP-FEAT-002 */
START_TEST(negotiation_is_the_known_intersection_from_6_0)
{
    size_t i;

    for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        uint32_t v = versions[i];
        uint32_t want = v >= 0x00060000u ? 0x14u : 0u;

        ck_assert_uint_eq(vmbp_features_negotiate(v, 0x1Fu, 0x74u), want);
        /* bits nobody knows never survive, even if both sides claim them */
        ck_assert_uint_eq(vmbp_features_negotiate(v, 0xFFFFFF00u, 0xFFFFFFFFu), 0u);
        ck_assert_uint_eq(vmbp_features_negotiate(v, 0xFFu, 0xFFu),
                          v >= 0x00060000u ? 0xFFu : 0);
    }
}
END_TEST

/* covers: VMBP-FEAT-002 */
START_TEST(a_feature_counts_only_when_negotiated_on_6_0)
{
    struct vmbp_ctx c60 = {0x00060000u, 0x10u}, c53 = {0x00050003u, 0x10u};

    ck_assert(vmbp_ctx_has_feature(&c60, VMBP_FEATURE_CONFIDENTIAL_CHANNELS));
    ck_assert(!vmbp_ctx_has_feature(&c60, VMBP_FEATURE_PAUSE_RESUME));
    ck_assert(!vmbp_ctx_has_feature(&c60, 0x30u)); /* all bits asked must be there */
    ck_assert(!vmbp_ctx_has_feature(&c60, 0));
    ck_assert(!vmbp_ctx_has_feature(&c53, VMBP_FEATURE_CONFIDENTIAL_CHANNELS));
}
END_TEST

/* The rules of spec/features.md written independently of the header. */
static enum vmbp_status model(uint16_t flags, uint32_t version, uint32_t features)
{
    bool v6 = version >= 0x00060000u;

    if ((flags & 0x6) && !(v6 && (features & 0x10)))
        return VMBP_E_CONFIDENTIAL;
    if ((flags & 0x4) && !(flags & 0x2))
        return VMBP_E_CONFIDENTIAL_EXT;
    if ((flags & 0x8) && !(v6 && (features & 0x80)))
        return VMBP_E_FEATURE;
    return VMBP_OK;
}

/* covers: VMBP-FEAT-003 VMBP-FEAT-004 VMBP-FEAT-005 VMBP-FEAT-006 VMBP-FEAT-007 */
START_TEST(offer_check_over_every_flag_word)
{
    static const uint32_t feats[] = {0, 0x10, 0x80, 0x90, 0xFF};
    size_t vi, fi;
    uint32_t f;
    unsigned long checked = 0, wrong = 0;

    for (vi = 0; vi < sizeof(versions) / sizeof(versions[0]); vi++)
        for (fi = 0; fi < sizeof(feats) / sizeof(feats[0]); fi++) {
            struct vmbp_ctx ctx;

            ctx.version = versions[vi];
            ctx.features = feats[fi];
            for (f = 0; f <= 0xFFFF; f++) {
                enum vmbp_status got = vmbp_offer_flags_check((uint16_t)f, &ctx);

                checked++;
                if (got != model((uint16_t)f, ctx.version, ctx.features)) {
                    if (wrong++ == 0)
                        ck_abort_msg("flags 0x%04x version 0x%08x features 0x%02x: %s", f,
                                     ctx.version, ctx.features, vmbp_status_str(got));
                }
            }
        }
    ck_assert_uint_eq(checked, 6ul * 5ul * 65536ul);
    ck_assert_uint_eq(wrong, 0);
}
END_TEST

START_TEST(offer_check_named_cases)
{
    struct vmbp_ctx conf = {0x00060000u, 0x10u}, plain = {0x00060000u, 0x0Fu};
    struct vmbp_ctx old = {0x00050003u, 0};

    ck_assert_int_eq(vmbp_offer_flags_check(0x0002, &conf), VMBP_OK);
    ck_assert_int_eq(vmbp_offer_flags_check(0x0006, &conf), VMBP_OK);
    ck_assert_int_eq(vmbp_offer_flags_check(0x0004, &conf), VMBP_E_CONFIDENTIAL_EXT);
    ck_assert_int_eq(vmbp_offer_flags_check(0x0002, &plain), VMBP_E_CONFIDENTIAL);
    ck_assert_int_eq(vmbp_offer_flags_check(0x0002, &old), VMBP_E_CONFIDENTIAL);
    ck_assert_int_eq(vmbp_offer_flags_check(0x0008, &conf), VMBP_E_FEATURE);
    ck_assert_int_eq(vmbp_offer_flags_check(0x2011, &old), VMBP_OK);
    /* unknown bits are ignored */
    ck_assert_int_eq(vmbp_offer_flags_check(0xC0E0, &old), VMBP_OK);
}
END_TEST

/* covers: VMBP-FEAT-008 VMBP-FEAT-009 */
START_TEST(names)
{
    ck_assert_str_eq(vmbp_feature_name(0x10), "CONFIDENTIAL_CHANNELS");
    ck_assert_str_eq(vmbp_feature_name(0x80), "GPA_PINNING");
    ck_assert_ptr_null(vmbp_feature_name(0x100));
    ck_assert_ptr_null(vmbp_feature_name(0x3));
    ck_assert_str_eq(vmbp_offer_flag_name(0x2000), "TLNPI_PROVIDER");
    ck_assert_str_eq(vmbp_offer_flag_name(0x0002), "CONFIDENTIAL_RING_BUFFER");
    ck_assert_ptr_null(vmbp_offer_flag_name(0x0020));
    ck_assert_uint_eq(VMBP_FEATURES_KNOWN, 0xFFu);
    ck_assert_uint_eq(VMBP_OFFER_FLAGS_KNOWN, 0x271Fu);
}
END_TEST

static Suite *features_suite(void)
{
    Suite *s = suite_create("features");
    TCase *tc = tcase_create("flags");

    tcase_add_test(tc, negotiation_is_the_known_intersection_from_6_0);
    tcase_add_test(tc, a_feature_counts_only_when_negotiated_on_6_0);
    tcase_add_test(tc, offer_check_over_every_flag_word);
    tcase_add_test(tc, offer_check_named_cases);
    tcase_add_test(tc, names);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(features_suite)
