/* SPDX-License-Identifier: MIT */
/* msg_offer.h: OFFER_CHANNEL (both sizes, every flag word, reserved bits, ranges), the pipe
 * overlay, RESCIND_CHANNEL_OFFER and RELID_RELEASED. */
#include <vmbus_proto/msg_offer.h>

#include "unit.h"

static void offer_bytes(uint8_t *m)
{
    unsigned i;

    memset(m, 0, 200);
    m[0] = 1;
    for (i = 0; i < 16; i++) {
        m[8 + i] = (uint8_t)(0x10 + i);
        m[24 + i] = (uint8_t)(0x30 + i);
    }
    for (i = 0; i < 120; i++)
        m[60 + i] = (uint8_t)i;
    vmbp_store_le16(m + 180, 1);
    vmbp_store_le32(m + 184, 7);
    m[188] = 3;
    m[189] = 1;
    vmbp_store_le16(m + 190, 1);
    vmbp_store_le32(m + 192, 0x2007);
}

/* covers: VMBP-OFFER-001 */
START_TEST(offer_sizes_by_version)
{
    struct vmbp_ctx c013 = {0x0000000D, 0}, c11 = {0x00010001, 0};
    struct vmbp_offer o;
    uint8_t m[200], out[200];
    size_t len;

    offer_bytes(m);
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &c11, &o), VMBP_OK);
    ck_assert_int_eq(o.variant, VMBP_MSGV_OFFER_CHANNEL);
    ck_assert_uint_eq(o.connection_id, 0x2007);
    ck_assert_uint_eq(o.is_dedicated_interrupt, 1);
    ck_assert_uint_eq(o.sub_channel_index, 1);
    ck_assert_uint_eq(o.interface_type.bytes[0], 0x10);
    ck_assert_uint_eq(o.interface_instance.bytes[15], 0x3F);
    ck_assert_uint_eq(o.user_defined[119], 119);
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 195, &c11, &o), VMBP_E_TRUNCATED);
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 190, &c013, &o), VMBP_OK);
    ck_assert_int_eq(o.variant, VMBP_MSGV_OFFER_CHANNEL_V1);
    ck_assert_uint_eq(o.connection_id, 0);
    ck_assert_uint_eq(o.is_dedicated_interrupt, 0);
    /* the 196-byte form sent to a 0.13 guest: the tail is not read, even if it is garbage */
    m[190] = 0xFF;
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &c013, &o), VMBP_OK);
    ck_assert_uint_eq(o.is_dedicated_interrupt, 0);
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 189, &c013, &o), VMBP_E_TRUNCATED);
    /* the V1 encoder writes 190 bytes */
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_offer_encode(&o, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 190);
    ck_assert(memcmp(out, m, 190) == 0);
    ck_assert_uint_eq(out[190], 0xEE);
}
END_TEST

/* The offer decoder applies features.h's offer-flag check to every 16-bit flag word. */
/* covers: VMBP-OFFER-002 VMBP-FEAT-003 VMBP-FEAT-004 VMBP-FEAT-005 VMBP-FEAT-006 */
START_TEST(offer_flags_every_word)
{
    static const struct vmbp_ctx ctxs[] = {
        {0x00050003, 0}, {0x00060000, 0x10}, {0x00060000, 0x90}};
    uint8_t m[200];
    size_t c;
    uint32_t f;

    offer_bytes(m);
    for (c = 0; c < sizeof(ctxs) / sizeof(ctxs[0]); c++)
        for (f = 0; f <= 0xFFFF; f++) {
            enum vmbp_status st;

            vmbp_store_le16(m + 56, (uint16_t)f);
            st = vmbp_msg_offer_decode(m, 196, &ctxs[c], NULL);
            if (st != vmbp_offer_flags_check((uint16_t)f, &ctxs[c]))
                ck_abort_msg("flags 0x%04x ctx %zu: %s", f, c, vmbp_status_str(st));
        }
}
END_TEST

/* covers: VMBP-OFFER-003 VMBP-MSG-010 */
START_TEST(offer_reserved_bits)
{
    struct vmbp_ctx ctx = {0x00050003, 0};
    struct vmbp_offer o;
    uint8_t m[200], out[200];
    size_t len;
    unsigned b;

    offer_bytes(m);
    for (b = 1; b < 8; b++) {
        m[189] = (uint8_t)(1u | (1u << b));
        ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, &o), VMBP_E_RSVD_NONZERO);
    }
    m[189] = 0;
    for (b = 1; b < 16; b++) {
        vmbp_store_le16(m + 190, (uint16_t)(1u << b));
        ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, &o), VMBP_E_RSVD_NONZERO);
    }
    vmbp_store_le16(m + 190, 0);
    /* bytes 40-55 are ignored, and written back as zero */
    memset(m + 40, 0xA5, 16);
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, &o), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_offer_encode(&o, out, sizeof(out), &len), VMBP_OK);
    for (b = 40; b < 56; b++)
        ck_assert_uint_eq(out[b], 0);
    /* the flag bytes cannot be encoded with other values */
    o.monitor_allocated = 2;
    ck_assert_int_eq(vmbp_msg_offer_encode(&o, out, sizeof(out), &len), VMBP_E_INVAL);
    o.monitor_allocated = 1;
    o.is_dedicated_interrupt = 3;
    ck_assert_int_eq(vmbp_msg_offer_encode(&o, out, sizeof(out), &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_encode(NULL, out, sizeof(out), &len), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-OFFER-004 VMBP-MSG-009 */
START_TEST(offer_ranges)
{
    struct vmbp_ctx ctx = {0x00050003, 0};
    uint8_t m[200];
    uint32_t relid;
    unsigned id;

    offer_bytes(m);
    for (relid = 0; relid < 4100; relid++) {
        vmbp_store_le32(m + 184, relid);
        ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, NULL),
                         relid >= 1 && relid <= 2047 ? VMBP_OK : VMBP_E_FIELD_RANGE);
    }
    vmbp_store_le32(m + 184, 0xFFFFFFFFu);
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, NULL), VMBP_E_FIELD_RANGE);
    vmbp_store_le32(m + 184, 9);
    for (id = 0; id < 256; id++) {
        m[188] = (uint8_t)id;
        m[189] = 1;
        ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, NULL),
                         id < 128 ? VMBP_OK : VMBP_E_FIELD_RANGE);
        m[189] = 0; /* not allocated: the ID means nothing (OpenVMM sends 0xFF) */
        ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, NULL), VMBP_OK);
    }
    vmbp_store_le32(m + 192, 0x00FFFFFFu);
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, NULL), VMBP_OK);
    vmbp_store_le32(m + 192, 0x01000000u);
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, NULL), VMBP_E_FIELD_RANGE);
    /* at 0.13 there is no connection ID to check */
    ctx.version = 0x0000000D;
    ck_assert_int_eq(vmbp_msg_offer_decode(m, 196, &ctx, NULL), VMBP_OK);
}
END_TEST

/* covers: VMBP-OFFER-005 */
START_TEST(pipe_overlay)
{
    struct vmbp_offer o;
    struct vmbp_offer_pipe p, q;
    size_t n;
    unsigned i;
    uint32_t t;

    memset(&o, 0, sizeof(o));
    memset(&p, 0, sizeof(p));
    p.pipe_type = VMBP_PIPE_TYPE_MESSAGE;
    for (i = 0; i < 112; i++)
        p.pipe_user_defined[i] = (uint8_t)(0xF0 ^ i);
    p.pipe_flags = VMBP_PIPE_FLAG_GPA_DIRECT | 0x80000000u;
    ck_assert_int_eq(vmbp_msg_offer_pipe_set(&o, &p), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(o.user_defined), 4);
    ck_assert_uint_eq(vmbp_load_le32(o.user_defined + 116), 0x80000001u);
    ck_assert_uint_eq(o.user_defined[4], 0xF0);
    memset(&q, 0, sizeof(q));
    ck_assert_int_eq(vmbp_msg_offer_pipe_get(&o, &q), VMBP_OK);
    ck_assert_uint_eq(q.pipe_type, 4);
    ck_assert_uint_eq(q.pipe_flags, 0x80000001u); /* flag bits are not checked */
    ck_assert(memcmp(q.pipe_user_defined, p.pipe_user_defined, 112) == 0);
    for (t = 0; t < 16; t++) {
        vmbp_store_le32(o.user_defined, t);
        ck_assert_int_eq(vmbp_msg_offer_pipe_get(&o, &q),
                         t == 0 || t == 4 ? VMBP_OK : VMBP_E_FIELD_RANGE);
        /* a name exactly for the types the overlay accepts */
        ck_assert((vmbp_pipe_type_name(t) != NULL) == (t == 0 || t == 4));
    }
    ck_assert_str_eq(vmbp_pipe_type_name(VMBP_PIPE_TYPE_BYTE), "BYTE");
    ck_assert_str_eq(vmbp_pipe_type_name(VMBP_PIPE_TYPE_MESSAGE), "MESSAGE");
    ck_assert_ptr_null(vmbp_pipe_type_name(0xFFFFFFFFu));
    ck_assert_int_eq(vmbp_msg_offer_pipe_get(NULL, &q), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_pipe_set(&o, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_pipe_get(&o, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_pipe_set(NULL, &p), VMBP_E_INVAL);
    ck_assert_ptr_nonnull(vmbp_msg_offer_pipe_fields(&n));
    ck_assert_uint_eq(n, 3);
}
END_TEST

/* covers: VMBP-OFFER-006 VMBP-MSG-009 */
START_TEST(rescind_and_relid_released)
{
    struct vmbp_ctx ctx = {0x00040000, 0};
    struct vmbp_rescind r = {2047}, r2 = {0};
    struct vmbp_relid_released rr = {1}, rr2 = {0};
    uint8_t out[16];
    size_t len;

    ck_assert_int_eq(vmbp_msg_rescind_encode(&r, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 12);
    ck_assert_uint_eq(vmbp_load_le32(out), 2);
    ck_assert_int_eq(vmbp_msg_rescind_decode(out, len, &ctx, &r2), VMBP_OK);
    ck_assert_uint_eq(r2.child_relid, 2047);
    r.child_relid = 2048;
    ck_assert_int_eq(vmbp_msg_rescind_encode(&r, out, sizeof(out), &len), VMBP_OK);
    r2.child_relid = 5;
    ck_assert_int_eq(vmbp_msg_rescind_decode(out, len, &ctx, &r2), VMBP_E_FIELD_RANGE);
    ck_assert_uint_eq(r2.child_relid, 5);
    ck_assert_int_eq(vmbp_msg_relid_released_encode(&rr, out, 11, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 12);
    ck_assert_int_eq(vmbp_msg_relid_released_encode(&rr, out, 12, &len), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(out), 13);
    ck_assert_int_eq(vmbp_msg_relid_released_decode(out, len, &ctx, &rr2), VMBP_OK);
    ck_assert_uint_eq(rr2.child_relid, 1);
    /* the decoders check the type they decode */
    ck_assert_int_eq(vmbp_msg_rescind_decode(out, len, &ctx, &r2), VMBP_E_UNKNOWN_TYPE);
    ck_assert_int_eq(vmbp_msg_rescind_encode(NULL, out, 12, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_relid_released_encode(NULL, out, 12, &len), VMBP_E_INVAL);
}
END_TEST

START_TEST(field_tables_of_the_family)
{
    size_t n;

    ck_assert_ptr_nonnull(vmbp_msg_offer_fields(VMBP_MSGV_OFFER_CHANNEL, &n));
    ck_assert_uint_eq(n, 17);
    ck_assert_ptr_nonnull(vmbp_msg_offer_fields(VMBP_MSGV_OFFER_CHANNEL_V1, &n));
    ck_assert_uint_eq(n, 14);
    ck_assert_ptr_nonnull(vmbp_msg_offer_fields(VMBP_MSGV_RELID_RELEASED, &n));
    ck_assert_uint_eq(n, 3);
    ck_assert_ptr_null(vmbp_msg_offer_fields(VMBP_MSGV_CLOSE_CHANNEL, &n));
}
END_TEST

static Suite *msg_offer_suite(void)
{
    Suite *s = suite_create("msg_offer");
    TCase *tc = tcase_create("offer");

    tcase_add_test(tc, offer_sizes_by_version);
    tcase_add_test(tc, offer_flags_every_word);
    tcase_add_test(tc, offer_reserved_bits);
    tcase_add_test(tc, offer_ranges);
    tcase_add_test(tc, pipe_overlay);
    tcase_add_test(tc, rescind_and_relid_released);
    tcase_add_test(tc, field_tables_of_the_family);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(msg_offer_suite)
