/* SPDX-License-Identifier: MIT */
/* msg_connect.h: INITIATE_CONTACT forms, VERSION_RESPONSE forms, header-only messages,
 * MODIFY_CONNECTION, connection constants and formulas. */
#include <vmbus_proto/msg_connect.h>

#include "unit.h"

static const struct vmbp_ctx none = {0, 0};

/* A 40-byte INITIATE_CONTACT with the given version and bytes 16..23. */
static void ic_bytes(uint8_t *m, uint32_t version, const uint8_t b16[8])
{
    memset(m, 0, 56);
    vmbp_store_le32(m, 14);
    vmbp_store_le32(m + 8, version);
    vmbp_store_le32(m + 12, 3);
    memcpy(m + 16, b16, 8);
    vmbp_store_le64(m + 24, 0x1000);
    vmbp_store_le64(m + 32, 0x2000);
}

/* covers: VMBP-CONN-001 */
START_TEST(initiate_contact_form_follows_the_requested_version)
{
    static const uint8_t ipage[8] = {0x00, 0x40, 0x23, 0x01, 0, 0, 0, 0};
    static const uint8_t sint[8] = {2, 2, 0, 0, 0, 0, 0, 0};
    static const uint8_t feat[8] = {2, 0, 0, 0, 0x10, 0, 0, 0};
    static const uint8_t feat_cid[8] = {2, 0, 0, 0, 0x18, 0, 0, 0};
    struct vmbp_initiate_contact ic;
    uint8_t m[56];

    ic_bytes(m, 0x00040001, ipage);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic), VMBP_OK);
    ck_assert_int_eq(ic.variant, VMBP_MSGV_INITIATE_CONTACT_IPAGE);
    ck_assert_uint_eq(ic.interrupt_page, 0x01234000u);
    ck_assert_uint_eq(ic.target_sint, 0);
    ck_assert_uint_eq(ic.feature_flags, 0);
    ck_assert_uint_eq(ic.target_message_vp, 3);

    /* the same bytes requesting 5.0 are SINT 0x00 ... and reserved bytes 20-23 not zero */
    ic_bytes(m, 0x00050000, ipage);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic), VMBP_E_RSVD_NONZERO);
    ic_bytes(m, 0x00050002, sint);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic), VMBP_OK);
    ck_assert_int_eq(ic.variant, VMBP_MSGV_INITIATE_CONTACT_SINT);
    ck_assert_uint_eq(ic.target_sint, 2);
    ck_assert_uint_eq(ic.target_vtl, 2);
    ck_assert_uint_eq(ic.interrupt_page, 0);

    ic_bytes(m, 0x00050003, feat);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic), VMBP_E_RSVD_NONZERO);
    ic_bytes(m, 0x00060000, feat);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic), VMBP_OK);
    ck_assert_int_eq(ic.variant, VMBP_MSGV_INITIATE_CONTACT_FEATURES);
    ck_assert_uint_eq(ic.feature_flags, 0x10);

    /* CLIENT_ID requested: 56 bytes needed */
    ic_bytes(m, 0x00060000, feat_cid);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic), VMBP_E_TRUNCATED);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 55, &none, &ic), VMBP_E_TRUNCATED);
    m[40] = 0x64;
    m[55] = 0x0E;
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 56, &none, &ic), VMBP_OK);
    ck_assert_int_eq(ic.variant, VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID);
    ck_assert_uint_eq(ic.client_id.bytes[0], 0x64);
    ck_assert_uint_eq(ic.client_id.bytes[15], 0x0E);

    /* a future version is read in the 6.0 form; the host refuses it */
    ic_bytes(m, 0x00070000, feat);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic), VMBP_OK);
    ck_assert_int_eq(ic.variant, VMBP_MSGV_INITIATE_CONTACT_FEATURES);
    ck_assert(!vmbp_version_is_known(ic.version_requested));

    /* the helper */
    ck_assert_int_eq(vmbp_msg_initiate_contact_variant(0x0000000D, 0x08),
                     VMBP_MSGV_INITIATE_CONTACT_IPAGE);
    ck_assert_int_eq(vmbp_msg_initiate_contact_variant(0x00040001, 0),
                     VMBP_MSGV_INITIATE_CONTACT_IPAGE);
    ck_assert_int_eq(vmbp_msg_initiate_contact_variant(0x00050000, 0x08),
                     VMBP_MSGV_INITIATE_CONTACT_SINT);
    ck_assert_int_eq(vmbp_msg_initiate_contact_variant(0x00050003, 0),
                     VMBP_MSGV_INITIATE_CONTACT_SINT);
    ck_assert_int_eq(vmbp_msg_initiate_contact_variant(0x00060000, 0xF7),
                     VMBP_MSGV_INITIATE_CONTACT_FEATURES);
    ck_assert_int_eq(vmbp_msg_initiate_contact_variant(0x00060000, 0x08),
                     VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID);
}
END_TEST

/* covers: VMBP-CONN-002 */
START_TEST(initiate_contact_sint_and_vtl_ranges)
{
    struct vmbp_initiate_contact ic;
    uint8_t b16[8] = {15, 15, 0, 0, 0, 0, 0, 0};
    uint8_t m[56];
    unsigned s;

    for (s = 0; s < 256; s++) {
        b16[0] = (uint8_t)s;
        b16[1] = 0;
        ic_bytes(m, 0x00050001, b16);
        ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic),
                         s <= 15 ? VMBP_OK : VMBP_E_FIELD_RANGE);
        b16[0] = 2;
        b16[1] = (uint8_t)s;
        ic_bytes(m, 0x00060000, b16);
        ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, NULL),
                         s <= 15 ? VMBP_OK : VMBP_E_FIELD_RANGE);
    }
    /* the interrupt-page form has no SINT: any byte is part of the GPA */
    b16[0] = 0xFF;
    b16[1] = 0xFF;
    ic_bytes(m, 0x00030000, b16);
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, NULL), VMBP_OK);
}
END_TEST

/* covers: VMBP-MSG-008 VMBP-CONV-002 */
START_TEST(initiate_contact_encoder_writes_only_the_form)
{
    struct vmbp_initiate_contact ic;
    uint8_t out[64], want[56];
    size_t len = 0;

    memset(&ic, 0, sizeof(ic));
    ic.version_requested = 0x00050003;
    ic.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    ic.target_message_vp = 1;
    ic.target_sint = 2;
    ic.target_vtl = 0;
    ic.interrupt_page = 0xFFFFFFFFFFFFFFFFull; /* not part of this form */
    ic.feature_flags = 0xFFFFFFFF;             /* neither */
    ic.client_id.bytes[0] = 0xAA;              /* neither */
    ic.parent_to_child_monitor_gpa = 0x1000;
    ic.child_to_parent_monitor_gpa = 0x2000;
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_initiate_contact_encode(&ic, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 40);
    memset(want, 0, sizeof(want));
    want[0] = 14;
    vmbp_store_le32(want + 8, 0x00050003);
    want[12] = 1;
    want[16] = 2;
    vmbp_store_le64(want + 24, 0x1000);
    vmbp_store_le64(want + 32, 0x2000);
    ck_assert(memcmp(out, want, 40) == 0);
    ck_assert_uint_eq(out[40], 0xEE);
    /* the variant must match the content */
    ic.variant = VMBP_MSGV_INITIATE_CONTACT_FEATURES;
    ck_assert_int_eq(vmbp_msg_initiate_contact_encode(&ic, out, sizeof(out), &len),
                     VMBP_E_INVAL);
    ic.version_requested = 0x00060000;
    ic.feature_flags = 0x10;
    ck_assert_int_eq(vmbp_msg_initiate_contact_encode(&ic, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 40);
    ck_assert_uint_eq(vmbp_load_le32(out + 20), 0x10);
    ic.feature_flags = 0x18;
    ck_assert_int_eq(vmbp_msg_initiate_contact_encode(&ic, out, sizeof(out), &len),
                     VMBP_E_INVAL);
    ic.variant = VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID;
    ck_assert_int_eq(vmbp_msg_initiate_contact_encode(&ic, out, 55, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 56);
    ck_assert_int_eq(vmbp_msg_initiate_contact_encode(&ic, out, 56, &len), VMBP_OK);
    ck_assert_uint_eq(out[40], 0xAA);
    ck_assert_int_eq(vmbp_msg_initiate_contact_encode(NULL, out, 56, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_initiate_contact_encode(&ic, out, 56, NULL), VMBP_E_INVAL);
}
END_TEST

static void vr_bytes(uint8_t *m, size_t n, uint32_t features)
{
    memset(m, 0, 64);
    m[0] = 15;
    m[8] = 1;
    vmbp_store_le32(m + 12, 4);
    if (n >= 20)
        vmbp_store_le32(m + 16, features);
    if (n >= 40) {
        vmbp_store_le64(m + 24, 0x5000);
        vmbp_store_le64(m + 32, 0x6000);
    }
}

/* covers: VMBP-CONN-003 VMBP-CONN-004 */
START_TEST(version_response_forms_and_monitor_pages)
{
    struct vmbp_ctx c60 = {0x00060000, 0x40};
    struct vmbp_version_response r;
    uint8_t m[64];

    vr_bytes(m, 16, 0);
    ck_assert_int_eq(vmbp_msg_version_response_decode(m, 16, &none, &r), VMBP_OK);
    ck_assert_int_eq(r.variant, VMBP_MSGV_VERSION_RESPONSE);
    ck_assert_uint_eq(r.msg_conn_id, 4);
    ck_assert_uint_eq(r.supported_features, 0);
    /* valid after negotiation too */
    ck_assert_int_eq(vmbp_msg_version_response_decode(m, 16, &c60, &r), VMBP_OK);
    vr_bytes(m, 20, 0x7F);
    ck_assert_int_eq(vmbp_msg_version_response_decode(m, 20, &none, &r), VMBP_OK);
    ck_assert_int_eq(r.variant, VMBP_MSGV_VERSION_RESPONSE_FEATURES);
    ck_assert_uint_eq(r.supported_features, 0x7F);
    ck_assert(!vmbp_msg_version_response_has_monitor_pages(&r, 0x00060000, 0x40));
    vr_bytes(m, 40, 0x7F);
    ck_assert_int_eq(vmbp_msg_version_response_decode(m, 40, &none, &r), VMBP_OK);
    ck_assert_int_eq(r.variant, VMBP_MSGV_VERSION_RESPONSE_MONITOR);
    ck_assert_uint_eq(r.child_to_parent_monitor_gpa, 0x6000);
    ck_assert(vmbp_msg_version_response_has_monitor_pages(&r, 0x00060000, 0x40));
    ck_assert(!vmbp_msg_version_response_has_monitor_pages(&r, 0x00060000, 0x3F));
    ck_assert(!vmbp_msg_version_response_has_monitor_pages(&r, 0x00050003, 0x40));
    r.version_supported = 0;
    ck_assert(!vmbp_msg_version_response_has_monitor_pages(&r, 0x00060000, 0x40));
    ck_assert(!vmbp_msg_version_response_has_monitor_pages(NULL, 0x00060000, 0x40));
    vmbp_store_le64(m + 32, 0);
    ck_assert_int_eq(vmbp_msg_version_response_decode(m, 40, &none, &r), VMBP_E_FIELD_RANGE);
    vr_bytes(m, 40, 0x3F); /* no monitor flag: a zero GPA is just a number */
    vmbp_store_le64(m + 32, 0);
    ck_assert_int_eq(vmbp_msg_version_response_decode(m, 40, &none, &r), VMBP_OK);
    /* padding is ignored, connection state is not range-checked */
    vr_bytes(m, 40, 0);
    m[9] = 0xEE;
    m[10] = m[11] = 0xCC;
    vmbp_store_le32(m + 20, 0xDEADBEEF);
    ck_assert_int_eq(vmbp_msg_version_response_decode(m, 40, &none, &r), VMBP_OK);
    ck_assert_uint_eq(r.connection_state, 0xEE);
}
END_TEST

/* covers: VMBP-MSG-008 VMBP-CONV-002 */
START_TEST(version_response_encoder)
{
    struct vmbp_version_response r;
    uint8_t out[48];
    size_t len;
    unsigned i;

    memset(&r, 0, sizeof(r));
    r.variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
    r.version_supported = 1;
    r.msg_conn_id = 4;
    r.supported_features = 0x40;
    r.parent_to_child_monitor_gpa = 1;
    r.child_to_parent_monitor_gpa = 2;
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_version_response_encode(&r, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 40);
    for (i = 4; i < 8; i++)
        ck_assert_uint_eq(out[i], 0);
    ck_assert_uint_eq(out[10] | out[11] | out[20] | out[21] | out[22] | out[23], 0);
    ck_assert_uint_eq(vmbp_load_le64(out + 32), 2);
    r.variant = VMBP_MSGV_VERSION_RESPONSE;
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_version_response_encode(&r, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 16);
    ck_assert_uint_eq(out[16], 0xEE); /* supported_features not written in the 16-byte form */
    r.variant = VMBP_MSGV_OFFER_CHANNEL;
    ck_assert_int_eq(vmbp_msg_version_response_encode(&r, out, sizeof(out), &len),
                     VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_version_response_encode(NULL, out, sizeof(out), &len),
                     VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-CONN-005 VMBP-MSG-008 */
START_TEST(header_only_messages)
{
    static const uint32_t types[] = {3, 4, 16, 17, 27, 28, 29};
    struct vmbp_ctx c60 = {0x00060000, 0x20};
    struct vmbp_msg_empty e;
    uint8_t out[16];
    size_t i, len;

    for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        e.type = types[i];
        memset(out, 0xEE, sizeof(out));
        ck_assert_int_eq(vmbp_msg_empty_encode(&e, out, sizeof(out), &len), VMBP_OK);
        ck_assert_uint_eq(len, 8);
        ck_assert_uint_eq(vmbp_load_le32(out), types[i]);
        ck_assert_uint_eq(vmbp_load_le32(out + 4), 0);
        ck_assert_uint_eq(out[8], 0xEE);
        e.type = 0;
        ck_assert_int_eq(vmbp_msg_empty_decode(out, 8, &c60, &e), VMBP_OK);
        ck_assert_uint_eq(e.type, types[i]);
        /* validation only: no decoded struct */
        ck_assert_int_eq(vmbp_msg_empty_decode(out, 8, &c60, NULL), VMBP_OK);
        ck_assert_int_eq(vmbp_msg_empty_encode(&e, out, 7, &len), VMBP_E_NOSPACE);
        ck_assert_uint_eq(len, 8);
    }
    /* a type with fields is not header-only */
    e.type = VMBP_MSG_RESCIND_CHANNEL_OFFER;
    ck_assert_int_eq(vmbp_msg_empty_encode(&e, out, sizeof(out), &len), VMBP_E_INVAL);
    vmbp_store_le32(out, VMBP_MSG_RESCIND_CHANNEL_OFFER);
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 12, &c60, &e), VMBP_E_UNKNOWN_TYPE);
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 7, &c60, &e), VMBP_E_TRUNCATED);
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 241, &c60, &e), VMBP_E_TOO_LONG);
    ck_assert_int_eq(vmbp_msg_empty_decode(NULL, 8, &c60, &e), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 8, NULL, &e), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_empty_encode(NULL, out, sizeof(out), &len), VMBP_E_INVAL);
    /* an unknown negotiated version is the caller's error, found before the message's own
     * (as every other decoder does; fuzz_msg found the difference) */
    c60.version = 0x00070000;
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 7, &c60, &e), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 12, &c60, &e), VMBP_E_INVAL);
    c60.version = VMBP_VERSION_6_0;
    /* gating: PAUSE needs 6.0 and PAUSE_RESUME */
    vmbp_store_le32(out, VMBP_MSG_PAUSE);
    c60.features = 0;
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 8, &c60, &e), VMBP_E_FEATURE);
    c60.version = 0x00050003;
    c60.features = 0x20;
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 8, &c60, &e), VMBP_E_VERSION);
    vmbp_store_le32(out, VMBP_MSG_UNLOAD_COMPLETE);
    c60.version = 0x0000000D;
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 8, &c60, &e), VMBP_E_VERSION);
    c60.version = 0x00010001;
    ck_assert_int_eq(vmbp_msg_empty_decode(out, 8, &c60, &e), VMBP_OK);
}
END_TEST

/* Each header-only type's own decoder is vmbp_msg_empty_decode() for that type: the same
 * status and output in every negotiated state and at every length, and VMBP_E_UNKNOWN_TYPE
 * for any other type (the codec list, the benchmarks and the fuzz targets use them). */
/* covers: VMBP-CONN-005 VMBP-MSG-004 */
START_TEST(header_only_types_have_decoders_of_their_own)
{
    typedef enum vmbp_status (*empty_fn)(const void *, size_t, const struct vmbp_ctx *,
                                         struct vmbp_msg_empty *);
    static const struct {
        uint32_t type;
        empty_fn fn;
    } own[] = {
        {VMBP_MSG_REQUEST_OFFERS, vmbp_msg_request_offers_decode},
        {VMBP_MSG_ALL_OFFERS_DELIVERED, vmbp_msg_all_offers_delivered_decode},
        {VMBP_MSG_UNLOAD, vmbp_msg_unload_decode},
        {VMBP_MSG_UNLOAD_COMPLETE, vmbp_msg_unload_complete_decode},
        {VMBP_MSG_PAUSE, vmbp_msg_pause_decode},
        {VMBP_MSG_PAUSE_RESPONSE, vmbp_msg_pause_response_decode},
        {VMBP_MSG_RESUME, vmbp_msg_resume_decode},
    };
    static const uint32_t versions[] = {0,           0x0000000Du, 0x00010001u,
                                        0x00050003u, 0x00060000u, 0x00070000u};
    static const uint32_t features[] = {0, 0x20, 0xFFFFFFFFu};
    static const size_t lens[] = {0, 7, 8, 9, 240, 241};
    uint8_t msg[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX + 1];
    size_t i, t, vi, fi, li;

    memset(msg, 0, sizeof(msg));
    for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
        for (t = 0; t <= 32; t++)
            for (vi = 0; vi < sizeof(versions) / sizeof(versions[0]); vi++)
                for (fi = 0; fi < sizeof(features) / sizeof(features[0]); fi++)
                    for (li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
                        struct vmbp_ctx ctx = {versions[vi], features[fi]};
                        struct vmbp_msg_empty a = {0xEEEEEEEEu}, b = {0xEEEEEEEEu};
                        enum vmbp_status sa, sb;

                        vmbp_store_le32(msg, (uint32_t)t);
                        sa = own[i].fn(msg, lens[li], &ctx, &a);
                        sb = vmbp_msg_empty_decode(msg, lens[li], &ctx, &b);
                        if (t == own[i].type) {
                            ck_assert_int_eq(sa, sb);
                            ck_assert_uint_eq(a.type, b.type);
                        } else if (sb == VMBP_OK || sb == VMBP_E_UNKNOWN_TYPE) {
                            /* framed, the type is not this decoder's */
                            ck_assert_int_eq(sa, VMBP_E_UNKNOWN_TYPE);
                            ck_assert_uint_eq(a.type, 0xEEEEEEEEu);
                        }
                        ck_assert_int_eq(own[i].fn(msg, lens[li], &ctx, NULL),
                                         t == own[i].type ? sb : sa);
                    }
    ck_assert_int_eq(vmbp_msg_unload_decode(NULL, 8, &(struct vmbp_ctx){0x00060000u, 0}, NULL),
                     VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_unload_decode(msg, 8, NULL, NULL), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-CONN-006 VMBP-MSG-008 */
START_TEST(modify_connection_and_its_9_byte_response)
{
    struct vmbp_ctx ctx = {0x00060000, 0x04};
    struct vmbp_modify_connection mc = {0x1111222233334444ull, 0x5555666677778888ull}, mc2;
    struct vmbp_modify_connection_response r = {2}, r2;
    uint8_t out[32];
    size_t len;

    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_modify_connection_encode(&mc, out, sizeof(out), &len), VMBP_OK);
    ck_assert_uint_eq(len, 24);
    ck_assert_uint_eq(vmbp_load_le64(out + 8), 0x1111222233334444ull);
    ck_assert_int_eq(vmbp_msg_modify_connection_decode(out, len, &ctx, &mc2), VMBP_OK);
    ck_assert_uint_eq(mc2.child_to_parent_monitor_gpa, 0x5555666677778888ull);
    memset(out, 0xEE, sizeof(out));
    ck_assert_int_eq(vmbp_msg_modify_connection_response_encode(&r, out, sizeof(out), &len),
                     VMBP_OK);
    ck_assert_uint_eq(len, 9);
    ck_assert_uint_eq(out[8], 2);
    ck_assert_uint_eq(out[9], 0xEE);
    r2.connection_state = 0;
    ck_assert_int_eq(vmbp_msg_modify_connection_response_decode(out, 9, &ctx, &r2), VMBP_OK);
    ck_assert_uint_eq(r2.connection_state, 2);
    ck_assert_int_eq(vmbp_msg_modify_connection_response_decode(out, 8, &ctx, &r2),
                     VMBP_E_TRUNCATED);
    ck_assert_int_eq(vmbp_msg_modify_connection_response_encode(&r, out, 8, &len),
                     VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 9);
    ctx.features = 0x3;
    ck_assert_int_eq(vmbp_msg_modify_connection_decode(out, 24, &ctx, &mc2),
                     VMBP_E_UNKNOWN_TYPE);
    vmbp_store_le32(out, VMBP_MSG_MODIFY_CONNECTION);
    ck_assert_int_eq(vmbp_msg_modify_connection_decode(out, 24, &ctx, &mc2), VMBP_E_FEATURE);
    ck_assert_int_eq(vmbp_msg_modify_connection_encode(NULL, out, 24, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_modify_connection_response_encode(NULL, out, 24, &len),
                     VMBP_E_INVAL);
}
END_TEST

START_TEST(decoders_write_nothing_on_failure)
{
    struct vmbp_initiate_contact ic;
    struct vmbp_version_response r;
    uint8_t m[64];
    static const uint8_t b16[8] = {16, 0, 0, 0, 0, 0, 0, 0};

    ic_bytes(m, 0x00050000, b16);
    memset(&ic, 0x5A, sizeof(ic));
    ck_assert_int_eq(vmbp_msg_initiate_contact_decode(m, 40, &none, &ic), VMBP_E_FIELD_RANGE);
    ck_assert_uint_eq(ic.version_requested, 0x5A5A5A5Au);
    vr_bytes(m, 16, 0);
    memset(&r, 0x5A, sizeof(r));
    ck_assert_int_eq(vmbp_msg_version_response_decode(m, 15, &none, &r), VMBP_E_TRUNCATED);
    ck_assert_uint_eq(r.msg_conn_id, 0x5A5A5A5Au);
}
END_TEST

START_TEST(connection_constants_and_formulas)
{
    ck_assert_uint_eq(VMBP_MSG_SINT, 2);
    ck_assert_uint_eq(VMBP_MSG_HV_MESSAGE_TYPE, 1);
    ck_assert_uint_eq(VMBP_MESSAGE_CONNECTION_ID, 1);
    ck_assert_uint_eq(VMBP_MESSAGE_CONNECTION_ID_MULTICLIENT, 4);
    ck_assert_uint_eq(VMBP_EVENT_CONNECTION_ID, 2);
    ck_assert_uint_eq(VMBP_MONITOR_CONNECTION_ID, 3);
    /* OpenVMM's redirect connection ID is the child formula at VP 0, SINT 7, VTL 2 */
    ck_assert_uint_eq(
        vmbp_msg_child_message_connection_id(0, VMBP_MSG_REDIRECT_SINT, VMBP_MSG_REDIRECT_VTL),
        VMBP_MESSAGE_REDIRECT_CONNECTION_ID);
    ck_assert_uint_eq(vmbp_msg_child_message_connection_id(3, 2, 0), 0x00000324u);
    ck_assert_uint_eq(vmbp_msg_child_event_port_id(7, 7, 2), 0x00800772u);
    ck_assert_uint_eq(vmbp_msg_channel_connection_id(7, VMBP_MSG_SINT, 0), 0x2007u);
    ck_assert_uint_eq(vmbp_msg_channel_connection_id(2047, 2, 2), 0x000227FFu);
    ck_assert_uint_eq(VMBP_CONNECTION_SUCCESSFUL, 0);
    ck_assert_uint_eq(VMBP_CONNECTION_FAILED_LOW_RESOURCES, 1);
    ck_assert_uint_eq(VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE, 2);
    ck_assert_str_eq(vmbp_connection_state_name(VMBP_CONNECTION_SUCCESSFUL), "SUCCESSFUL");
    ck_assert_str_eq(vmbp_connection_state_name(VMBP_CONNECTION_FAILED_LOW_RESOURCES),
                     "FAILED_LOW_RESOURCES");
    ck_assert_str_eq(vmbp_connection_state_name(VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE),
                     "FAILED_UNKNOWN_FAILURE");
    ck_assert_ptr_null(vmbp_connection_state_name(3));
    ck_assert_uint_eq(VMBP_SYNIC_CONNECTION_ID_MAX, 0x00FFFFFFu);
}
END_TEST

START_TEST(field_tables_of_the_family)
{
    size_t n;

    ck_assert_ptr_nonnull(vmbp_msg_connect_fields(VMBP_MSGV_INITIATE_CONTACT_IPAGE, &n));
    ck_assert_uint_eq(n, 7);
    ck_assert_ptr_nonnull(vmbp_msg_connect_fields(VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID, &n));
    ck_assert_uint_eq(n, 11);
    ck_assert_ptr_nonnull(vmbp_msg_connect_fields(VMBP_MSGV_PAUSE, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_nonnull(vmbp_msg_connect_fields(VMBP_MSGV_PAUSE, NULL));
    ck_assert_ptr_null(vmbp_msg_connect_fields(VMBP_MSGV_OFFER_CHANNEL, &n));
}
END_TEST

static Suite *msg_connect_suite(void)
{
    Suite *s = suite_create("msg_connect");
    TCase *tc = tcase_create("connect");

    tcase_add_test(tc, initiate_contact_form_follows_the_requested_version);
    tcase_add_test(tc, initiate_contact_sint_and_vtl_ranges);
    tcase_add_test(tc, initiate_contact_encoder_writes_only_the_form);
    tcase_add_test(tc, version_response_forms_and_monitor_pages);
    tcase_add_test(tc, version_response_encoder);
    tcase_add_test(tc, header_only_messages);
    tcase_add_test(tc, header_only_types_have_decoders_of_their_own);
    tcase_add_test(tc, modify_connection_and_its_9_byte_response);
    tcase_add_test(tc, decoders_write_nothing_on_failure);
    tcase_add_test(tc, connection_constants_and_formulas);
    tcase_add_test(tc, field_tables_of_the_family);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(msg_connect_suite)
