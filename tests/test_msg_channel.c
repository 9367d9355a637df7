/* SPDX-License-Identifier: MIT */
/* msg_channel.h: OPEN_CHANNEL forms and their feature rules, results, close, modify, and the
 * reserved-channel messages. */
#include <vmbus_proto/msg_channel.h>

#include "unit.h"

static void open_bytes(uint8_t *m, size_t n)
{
    unsigned i;

    memset(m, 0, 160);
    m[0] = 5;
    vmbp_store_le32(m + 8, 7);
    vmbp_store_le32(m + 12, 0x77);
    vmbp_store_le32(m + 16, 0xE1E10);
    vmbp_store_le32(m + 20, 2);
    vmbp_store_le32(m + 24, 5);
    for (i = 0; i < 120; i++)
        m[28 + i] = (uint8_t)(i * 3);
    if (n >= 156) {
        vmbp_store_le32(m + 148, 0x2007);
        vmbp_store_le16(m + 152, 7);
        vmbp_store_le16(m + 154, 1);
    }
}

/* covers: VMBP-CHAN-001 VMBP-CHAN-002 */
START_TEST(open_channel_form_and_feature_rules)
{
    uint8_t m[160];
    uint32_t f;
    unsigned conn, ev, flags;

    /* every combination of the two features, the three 156-byte fields set or not */
    for (f = 0; f < 4; f++)
        for (conn = 0; conn < 2; conn++)
            for (ev = 0; ev < 2; ev++)
                for (flags = 0; flags < 2; flags++) {
                    struct vmbp_ctx ctx = {0x00060000, f | 0x10};
                    struct vmbp_open_channel oc;
                    enum vmbp_status want;

                    open_bytes(m, 156);
                    vmbp_store_le32(m + 148, conn ? 0x1234u : 0);
                    vmbp_store_le16(m + 152, (uint16_t)(ev ? 9 : 0));
                    vmbp_store_le16(m + 154, (uint16_t)flags);
                    if (f == 0)
                        want = VMBP_OK; /* 148-byte form: the tail is trailing bytes */
                    else if ((conn || ev) && !(f & 1))
                        want = VMBP_E_FEATURE;
                    else if (flags && !(f & 2))
                        want = VMBP_E_FEATURE;
                    else
                        want = VMBP_OK;
                    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), want);
                    if (want == VMBP_OK) {
                        ck_assert_int_eq(oc.variant, f ? VMBP_MSGV_OPEN_CHANNEL_SIGNAL
                                                       : VMBP_MSGV_OPEN_CHANNEL);
                        ck_assert_uint_eq(oc.connection_id, f && conn ? 0x1234u : 0);
                    }
                    /* with either feature the 148-byte form is too short */
                    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 148, &ctx, NULL),
                                     f ? VMBP_E_TRUNCATED : VMBP_OK);
                }
    /* below 6.0 the features do not exist: always 148 bytes */
    {
        struct vmbp_ctx ctx = {0x00050003, 0xFF};
        struct vmbp_open_channel oc;

        open_bytes(m, 156);
        ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 148, &ctx, &oc), VMBP_OK);
        ck_assert_int_eq(oc.variant, VMBP_MSGV_OPEN_CHANNEL);
        ck_assert_uint_eq(oc.flags, 0);
    }
}
END_TEST

/* covers: VMBP-CHAN-002 VMBP-CHAN-003 VMBP-MSG-009 */
START_TEST(open_channel_fields)
{
    struct vmbp_ctx ctx = {0x00060000, 0x3};
    struct vmbp_open_channel oc;
    uint8_t m[160];
    unsigned b;

    open_bytes(m, 156);
    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_OK);
    ck_assert_uint_eq(oc.open_id, 0x77);
    ck_assert_uint_eq(oc.ring_buffer_gpadl, 0xE1E10);
    ck_assert_uint_eq(oc.downstream_ring_buffer_page_offset, 5);
    ck_assert_uint_eq(oc.user_data[119], (uint8_t)(119 * 3));
    ck_assert_uint_eq(oc.event_flag, 7);
    ck_assert_uint_eq(oc.flags, VMBP_OPEN_FLAG_REDIRECT_INTERRUPT);
    for (b = 1; b < 16; b++) {
        vmbp_store_le16(m + 154, (uint16_t)(1u << b));
        ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_E_RSVD_NONZERO);
    }
    vmbp_store_le16(m + 154, 0);
    vmbp_store_le16(m + 152, 2047);
    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_OK);
    vmbp_store_le16(m + 152, 2048);
    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_E_FIELD_RANGE);
    vmbp_store_le16(m + 152, 1);
    vmbp_store_le32(m + 148, 0x00FFFFFF);
    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_OK);
    vmbp_store_le32(m + 148, 0x01000000);
    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_E_FIELD_RANGE);
    vmbp_store_le32(m + 148, 1);
    vmbp_store_le32(m + 24, 0);
    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_E_FIELD_RANGE);
    vmbp_store_le32(m + 24, 1);
    vmbp_store_le32(m + 8, 0);
    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_E_FIELD_RANGE);
    vmbp_store_le32(m + 8, 2047);
    vmbp_store_le32(m + 20, VMBP_VP_INDEX_DISABLE_INTERRUPT);
    ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_OK);
    ck_assert_uint_eq(oc.target_vp, 0xFFFFFFFFu);
}
END_TEST

/* covers: VMBP-MSG-008 VMBP-CONV-002 */
START_TEST(open_channel_encoder)
{
    struct vmbp_open_channel oc;
    uint8_t out[160], m[160];
    size_t len;

    open_bytes(m, 156);
    memset(&oc, 0, sizeof(oc));
    {
        struct vmbp_ctx ctx = {0x00060000, 0x3};

        ck_assert_int_eq(vmbp_msg_open_channel_decode(m, 156, &ctx, &oc), VMBP_OK);
    }
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_open_channel_encode(&oc, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 156);
    ck_assert(memcmp(out, m, 156) == 0);
    oc.variant = VMBP_MSGV_OPEN_CHANNEL; /* the 148-byte form drops the tail */
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_open_channel_encode(&oc, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 148);
    ck_assert(memcmp(out, m, 148) == 0);
    ck_assert_uint_eq(out[148], 0xEE);
    ck_assert_int_eq(vmbp_msg_open_channel_encode(&oc, out, 147, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 148);
    oc.variant = VMBP_MSGV_NONE;
    ck_assert_int_eq(vmbp_msg_open_channel_encode(&oc, out, sizeof(out), &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_open_channel_encode(NULL, out, sizeof(out), &len), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-CHAN-006 VMBP-CHAN-004 */
START_TEST(result_close_modify)
{
    struct vmbp_ctx ctx = {0x00050003, 0}, c52 = {0x00050002, 0}, c40 = {0x00040000, 0};
    struct vmbp_open_result r = {7, 0x77, VMBP_NTSTATUS_UNSUCCESSFUL}, r2;
    struct vmbp_close_channel cl = {9}, cl2;
    struct vmbp_modify_channel mc = {3, VMBP_VP_INDEX_DISABLE_INTERRUPT}, mc2;
    struct vmbp_modify_channel_response mr = {3, 0}, mr2;
    uint8_t out[32];
    size_t len;

    ck_assert_int_eq(vmbp_msg_open_result_encode(&r, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 20);
    ck_assert_int_eq(vmbp_msg_open_result_decode(out, len, &ctx, &r2), VMBP_OK);
    ck_assert_uint_eq(r2.status, 0x8000FFFFu);
    ck_assert_uint_eq(r2.open_id, 0x77);
    ck_assert_int_eq(vmbp_msg_close_channel_encode(&cl, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 12);
    ck_assert_uint_eq(out[0], 7);
    ck_assert_int_eq(vmbp_msg_close_channel_decode(out, len, &ctx, &cl2), VMBP_OK);
    ck_assert_uint_eq(cl2.child_relid, 9);
    ck_assert_int_eq(vmbp_msg_modify_channel_encode(&mc, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 16);
    ck_assert_int_eq(vmbp_msg_modify_channel_decode(out, len, &ctx, &mc2), VMBP_OK);
    ck_assert_uint_eq(mc2.target_vp, 0xFFFFFFFFu);
    ck_assert_int_eq(vmbp_msg_modify_channel_decode(out, len, &c40, &mc2), VMBP_E_VERSION);
    ck_assert_int_eq(vmbp_msg_modify_channel_response_encode(&mr, out, sizeof(out), &len),
                     VMBP_OK);
    ck_assert_int_eq(vmbp_msg_modify_channel_response_decode(out, len, &ctx, &mr2), VMBP_OK);
    ck_assert_uint_eq(mr2.child_relid, 3);
    ck_assert_int_eq(vmbp_msg_modify_channel_response_decode(out, len, &c52, &mr2),
                     VMBP_E_VERSION);
    mr.child_relid = 0;
    ck_assert_int_eq(vmbp_msg_modify_channel_response_encode(&mr, out, sizeof(out), &len),
                     VMBP_OK);
    ck_assert_int_eq(vmbp_msg_modify_channel_response_decode(out, len, &ctx, &mr2),
                     VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_msg_open_result_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_close_channel_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_modify_channel_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_modify_channel_response_encode(NULL, out, 32, &len),
                     VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-CHAN-005 */
START_TEST(reserved_channels)
{
    struct vmbp_ctx none = {0, 0}, c30 = {0x00030000, 0}, c40 = {0x00040000, 0};
    struct vmbp_open_reserved_channel o = {5, 1, 2, 0x1000, 9}, o2;
    struct vmbp_close_reserved_channel c = {5, 1, 2}, c2;
    struct vmbp_close_reserved_response r = {5}, r2;
    uint8_t out[32];
    size_t len;
    uint32_t s;

    ck_assert_int_eq(vmbp_msg_open_reserved_channel_encode(&o, out, sizeof(out), &len),
                     VMBP_OK);
    ck_assert_uint_eq(len, 28);
    ck_assert_int_eq(vmbp_msg_open_reserved_channel_decode(out, len, &c40, &o2), VMBP_OK);
    ck_assert_uint_eq(o2.downstream_ring_buffer_page_offset, 9);
    ck_assert_int_eq(vmbp_msg_open_reserved_channel_decode(out, len, &c30, &o2),
                     VMBP_E_VERSION);
    ck_assert_int_eq(vmbp_msg_open_reserved_channel_decode(out, len, &none, &o2),
                     VMBP_E_NOT_NEGOTIATED);
    for (s = 0; s < 40; s++) {
        o.target_sint = s;
        c.target_sint = s;
        ck_assert_int_eq(vmbp_msg_open_reserved_channel_encode(&o, out, sizeof(out), &len),
                         VMBP_OK);
        ck_assert_int_eq(vmbp_msg_open_reserved_channel_decode(out, len, &c40, NULL),
                         s <= 15 ? VMBP_OK : VMBP_E_FIELD_RANGE);
        ck_assert_int_eq(vmbp_msg_close_reserved_channel_encode(&c, out, sizeof(out), &len),
                         VMBP_OK);
        ck_assert_uint_eq(len, 20);
        ck_assert_int_eq(vmbp_msg_close_reserved_channel_decode(out, len, &none, NULL),
                         s <= 15 ? VMBP_OK : VMBP_E_FIELD_RANGE);
    }
    o.target_sint = 2;
    o.downstream_ring_buffer_page_offset = 0;
    ck_assert_int_eq(vmbp_msg_open_reserved_channel_encode(&o, out, sizeof(out), &len),
                     VMBP_OK);
    ck_assert_int_eq(vmbp_msg_open_reserved_channel_decode(out, len, &c40, NULL),
                     VMBP_E_FIELD_RANGE);
    c.target_sint = 2;
    ck_assert_int_eq(vmbp_msg_close_reserved_channel_encode(&c, out, sizeof(out), &len),
                     VMBP_OK);
    ck_assert_int_eq(vmbp_msg_close_reserved_channel_decode(out, len, &none, &c2), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_close_reserved_channel_decode(out, len, &c30, &c2), VMBP_OK);
    ck_assert_uint_eq(c2.target_vp, 1);
    ck_assert_int_eq(vmbp_msg_close_reserved_response_encode(&r, out, sizeof(out), &len),
                     VMBP_OK);
    ck_assert_uint_eq(len, 12);
    ck_assert_uint_eq(out[0], 20);
    ck_assert_int_eq(vmbp_msg_close_reserved_response_decode(out, len, &c40, &r2), VMBP_OK);
    ck_assert_uint_eq(r2.child_relid, 5);
    ck_assert_int_eq(vmbp_msg_close_reserved_response_decode(out, len, &c30, &r2),
                     VMBP_E_VERSION);
    ck_assert_int_eq(vmbp_msg_open_reserved_channel_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_close_reserved_channel_encode(NULL, out, 32, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_close_reserved_response_encode(NULL, out, 32, &len),
                     VMBP_E_INVAL);
}
END_TEST

START_TEST(field_tables_of_the_family)
{
    size_t n;

    ck_assert_ptr_nonnull(vmbp_msg_channel_fields(VMBP_MSGV_OPEN_CHANNEL, &n));
    ck_assert_uint_eq(n, 8);
    ck_assert_ptr_nonnull(vmbp_msg_channel_fields(VMBP_MSGV_OPEN_CHANNEL_SIGNAL, &n));
    ck_assert_uint_eq(n, 12);
    ck_assert_ptr_null(vmbp_msg_channel_fields(VMBP_MSGV_GPADL_BODY, &n));
    ck_assert_uint_eq(VMBP_VP_INDEX_DISABLE_INTERRUPT, 0xFFFFFFFFu);
    ck_assert_uint_eq(VMBP_OPEN_FLAG_REDIRECT_INTERRUPT, 1);
}
END_TEST

static Suite *msg_channel_suite(void)
{
    Suite *s = suite_create("msg_channel");
    TCase *tc = tcase_create("channel");

    tcase_add_test(tc, open_channel_form_and_feature_rules);
    tcase_add_test(tc, open_channel_fields);
    tcase_add_test(tc, open_channel_encoder);
    tcase_add_test(tc, result_close_modify);
    tcase_add_test(tc, reserved_channels);
    tcase_add_test(tc, field_tables_of_the_family);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(msg_channel_suite)
