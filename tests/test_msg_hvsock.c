/* SPDX-License-Identifier: MIT */
/* msg_hvsock.h: TL_CONNECT_REQUEST forms, TL_CONNECT_RESULT, the hv_sock offer overlay. */
#include <vmbus_proto/msg_hvsock.h>

#include "unit.h"

static void tl_bytes(uint8_t *m)
{
    unsigned i;

    memset(m, 0, 64);
    m[0] = 21;
    for (i = 0; i < 48; i++)
        m[8 + i] = (uint8_t)(0x80 + i);
}

/* covers: VMBP-HVSOCK-001 */
START_TEST(tl_connect_request_forms)
{
    struct vmbp_ctx c40 = {0x00040000, 0}, c51 = {0x00050001, 0}, c52 = {0x00050002, 0},
                    c30 = {0x00030000, 0};
    struct vmbp_tl_connect_request r;
    uint8_t m[64], out[64];
    size_t len;

    tl_bytes(m);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_decode(m, 40, &c40, &r), VMBP_OK);
    ck_assert_int_eq(r.variant, VMBP_MSGV_TL_CONNECT_REQUEST);
    ck_assert_uint_eq(r.endpoint_id.bytes[0], 0x80);
    ck_assert_uint_eq(r.service_id.bytes[15], 0x80 + 31);
    ck_assert_uint_eq(r.silo_id.bytes[0], 0);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_decode(m, 56, &c51, &r), VMBP_OK);
    ck_assert_int_eq(r.variant, VMBP_MSGV_TL_CONNECT_REQUEST);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_decode(m, 56, &c52, &r), VMBP_OK);
    ck_assert_int_eq(r.variant, VMBP_MSGV_TL_CONNECT_REQUEST_SILO);
    ck_assert_uint_eq(r.silo_id.bytes[0], 0x80 + 32);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_decode(m, 55, &c52, &r), VMBP_OK);
    ck_assert_int_eq(r.variant, VMBP_MSGV_TL_CONNECT_REQUEST);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_decode(m, 39, &c52, &r), VMBP_E_TRUNCATED);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_decode(m, 40, &c30, &r), VMBP_E_VERSION);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_decode(m, 40, &c40, NULL), VMBP_OK);
    /* encode both forms */
    ck_assert_int_eq(vmbp_msg_tl_connect_request_decode(m, 56, &c52, &r), VMBP_OK);
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_tl_connect_request_encode(&r, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 56);
    ck_assert(memcmp(out, m, 56) == 0);
    r.variant = VMBP_MSGV_TL_CONNECT_REQUEST;
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_tl_connect_request_encode(&r, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 40);
    ck_assert(memcmp(out, m, 40) == 0);
    ck_assert_uint_eq(out[40], 0xEE);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_encode(&r, out, 39, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 40);
    r.variant = VMBP_MSGV_TL_CONNECT_RESULT;
    ck_assert_int_eq(vmbp_msg_tl_connect_request_encode(&r, out, 64, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_tl_connect_request_encode(NULL, out, 64, &len), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-HVSOCK-002 */
START_TEST(tl_connect_result)
{
    struct vmbp_ctx c41 = {0x00040001, 0}, c40 = {0x00040000, 0};
    struct vmbp_tl_connect_result r, r2;
    uint8_t out[64];
    size_t len;

    memset(&r, 0, sizeof(r));
    r.endpoint_id.bytes[0] = 1;
    r.service_id.bytes[15] = 2;
    r.status = VMBP_NTSTATUS_CONNECTION_REFUSED;
    ck_assert_int_eq(vmbp_msg_tl_connect_result_encode(&r, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 44);
    ck_assert_uint_eq(out[0], 23);
    ck_assert_uint_eq(vmbp_load_le32(out + 40), 0xC0000236u);
    ck_assert_int_eq(vmbp_msg_tl_connect_result_decode(out, len, &c41, &r2), VMBP_OK);
    ck_assert_uint_eq(r2.status, 0xC0000236u);
    ck_assert_uint_eq(r2.service_id.bytes[15], 2);
    ck_assert_int_eq(vmbp_msg_tl_connect_result_decode(out, len, &c40, &r2), VMBP_E_VERSION);
    ck_assert_int_eq(vmbp_msg_tl_connect_result_decode(out, 43, &c41, &r2), VMBP_E_TRUNCATED);
    ck_assert_int_eq(vmbp_msg_tl_connect_result_encode(&r, out, 43, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 44);
    ck_assert_int_eq(vmbp_msg_tl_connect_result_encode(NULL, out, 44, &len), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-HVSOCK-003 */
START_TEST(hvsock_overlay)
{
    struct vmbp_offer o;
    struct vmbp_offer_hvsock h, h2;
    unsigned i, v;
    size_t n;

    memset(&o, 0x77, sizeof(o)); /* the overlay setter leaves bytes past 28 alone */
    memset(&h, 0, sizeof(h));
    h.pipe_type = VMBP_PIPE_TYPE_BYTE;
    h.is_for_guest_accept = 1;
    h.version = VMBP_HVSOCK_VERSION_RS5;
    for (i = 0; i < 16; i++)
        h.silo_id.bytes[i] = (uint8_t)(0xA0 + i);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_set(&o, &h), VMBP_OK);
    ck_assert_uint_eq(o.user_defined[4], 1);
    ck_assert_uint_eq(vmbp_load_le32(o.user_defined + 6), 1);
    ck_assert_uint_eq(o.user_defined[10], 0xA0);
    ck_assert_uint_eq(o.user_defined[26] | o.user_defined[27], 0);
    ck_assert_uint_eq(o.user_defined[28], 0x77);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, &h2), VMBP_OK);
    ck_assert_uint_eq(h2.is_for_guest_accept, 1);
    ck_assert_uint_eq(h2.version, 1);
    ck_assert(vmbp_guid_equal(&h2.silo_id, &h.silo_id));
    /* padding */
    o.user_defined[27] = 1;
    ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, &h2), VMBP_E_RSVD_NONZERO);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_get(NULL, &h2), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_set(NULL, &h), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_set(&o, NULL), VMBP_E_INVAL);
    /* before RS5 the setter writes no silo: its bytes stay zero */
    h.version = 0;
    ck_assert_int_eq(vmbp_msg_offer_hvsock_set(&o, &h), VMBP_OK);
    for (i = 10; i < 26; i++)
        ck_assert_uint_eq(o.user_defined[i], 0);
    ck_assert_uint_eq(o.user_defined[28], 0x77);
    h.version = VMBP_HVSOCK_VERSION_RS5;
    ck_assert_int_eq(vmbp_msg_offer_hvsock_set(&o, &h), VMBP_OK);
    o.user_defined[27] = 1;
    /* before RS5 the silo and the padding are not read */
    vmbp_store_le32(o.user_defined + 6, 0);
    memset(&h2, 0x55, sizeof(h2));
    ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, &h2), VMBP_OK);
    ck_assert_uint_eq(h2.silo_id.bytes[0], 0);
    o.user_defined[27] = 0;
    for (v = 2; v < 10; v++) {
        vmbp_store_le32(o.user_defined + 6, v);
        ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, &h2), VMBP_E_FIELD_RANGE);
    }
    vmbp_store_le32(o.user_defined + 6, 1);
    for (v = 0; v < 256; v++) {
        o.user_defined[4] = (uint8_t)v;
        ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, &h2),
                         v <= 1 ? VMBP_OK : VMBP_E_FIELD_RANGE);
        o.user_defined[4] = 0;
        o.user_defined[5] = (uint8_t)v;
        ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, &h2),
                         v <= 1 ? VMBP_OK : VMBP_E_FIELD_RANGE);
        o.user_defined[5] = 0;
    }
    vmbp_store_le32(o.user_defined, 1);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, &h2), VMBP_E_FIELD_RANGE);
    vmbp_store_le32(o.user_defined, 4);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_get(&o, &h2), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_get(NULL, &h2), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_hvsock_set(&o, NULL), VMBP_E_INVAL);
    ck_assert_ptr_nonnull(vmbp_msg_offer_hvsock_fields(&n));
    ck_assert_uint_eq(n, 6);
}
END_TEST

START_TEST(field_tables_of_the_family)
{
    size_t n;

    ck_assert_ptr_nonnull(vmbp_msg_hvsock_fields(VMBP_MSGV_TL_CONNECT_REQUEST, &n));
    ck_assert_uint_eq(n, 4);
    ck_assert_ptr_nonnull(vmbp_msg_hvsock_fields(VMBP_MSGV_TL_CONNECT_REQUEST_SILO, &n));
    ck_assert_uint_eq(n, 5);
    ck_assert_ptr_nonnull(vmbp_msg_hvsock_fields(VMBP_MSGV_TL_CONNECT_RESULT, &n));
    ck_assert_uint_eq(n, 5);
    ck_assert_ptr_null(vmbp_msg_hvsock_fields(VMBP_MSGV_OFFER_CHANNEL, &n));
}
END_TEST

static Suite *msg_hvsock_suite(void)
{
    Suite *s = suite_create("msg_hvsock");
    TCase *tc = tcase_create("hvsock");

    tcase_add_test(tc, tl_connect_request_forms);
    tcase_add_test(tc, tl_connect_result);
    tcase_add_test(tc, hvsock_overlay);
    tcase_add_test(tc, field_tables_of_the_family);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(msg_hvsock_suite)
