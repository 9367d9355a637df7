/* SPDX-License-Identifier: MIT */
/*
 * The fault report of msg_dispatch.h: vmbp_msg_validate_fault() and
 * vmbp_msg_offer_overlay_fault() name the field a rejection is about (as the field tables
 * name it), its offset, size and value, what was allowed and the spec rule, for every class
 * of field-level rejection and for the framing and gating steps; the check tables agree with
 * the field tables; and over every vector of tests/vectors/msg/ the report has the status
 * vmbp_msg_validate() returns, and a field-level report names a field whose bytes hold the
 * value it reports.
 */
#include <stdbool.h>

#include <vmbus_proto/msg_dispatch.h>

#include "unit.h"
#include "vectors.h"

static const struct vmbp_ctx ctx53 = {VMBP_VERSION_5_3, 0};

/* Validate and return the report, with the status it came with. */
static struct vmbp_msg_fault fault_of(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                      enum vmbp_dir dir, enum vmbp_status want)
{
    struct vmbp_msg_fault f;

    memset(&f, 0x5A, sizeof(f));
    ck_assert_int_eq(vmbp_msg_validate_fault(buf, len, ctx, dir, &f), want);
    ck_assert_int_eq(vmbp_msg_validate(buf, len, ctx, dir), want);
    ck_assert_int_eq(f.status, want);
    return f;
}

/* A field-level report: field, offset, size, value and rule as given. */
static void expect_field(const struct vmbp_msg_fault *f, enum vmbp_msg_variant variant,
                         const char *field, uint32_t offset, uint32_t size, uint64_t value,
                         const char *rule)
{
    ck_assert_int_eq(f->variant, variant);
    ck_assert_ptr_nonnull(f->check);
    ck_assert_ptr_nonnull(f->field);
    ck_assert_str_eq(f->field->name, field);
    ck_assert_str_eq(f->check->field, field);
    ck_assert_uint_eq(f->offset, offset);
    ck_assert_uint_eq(f->size, size);
    ck_assert_uint_eq(f->value, value);
    ck_assert_str_eq(f->rule, rule);
    ck_assert_str_eq(f->check->rule, rule);
    ck_assert_int_eq(f->check->status, f->status);
    ck_assert(f->check->allowed && f->check->allowed[0]);
}

static size_t enc(const struct vmbp_msg *m, uint8_t *buf)
{
    size_t len = 0;

    ck_assert_int_eq(vmbp_msg_encode(m, buf, VMBP_SYNIC_MESSAGE_PAYLOAD_MAX, &len), VMBP_OK);
    return len;
}

/* covers: VMBP-MSG-009 VMBP-CHAN-006 */
START_TEST(relid_out_of_range_names_the_channel_id)
{
    uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    struct vmbp_msg m;
    struct vmbp_msg_fault f;
    size_t len;

    memset(&m, 0, sizeof(m));
    m.type = VMBP_MSG_CLOSE_CHANNEL;
    m.variant = VMBP_MSGV_CLOSE_CHANNEL;
    m.u.close_channel.child_relid = 0;
    len = enc(&m, b);
    f = fault_of(b, len, &ctx53, VMBP_DIR_ANY, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_CLOSE_CHANNEL, "child_relid", 8, 4, 0, "VMBP-CHAN-006");
    ck_assert_str_eq(f.check->allowed, "1..2047");
    ck_assert_int_eq(f.check->kind, VMBP_MSG_CHECK_RANGE);
    ck_assert_uint_eq(f.check->min, 1);
    ck_assert_uint_eq(f.check->max, 2047);
    ck_assert_ptr_null(f.check->when);

    m.u.close_channel.child_relid = 2048;
    len = enc(&m, b);
    f = fault_of(b, len, &ctx53, VMBP_DIR_ANY, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_CLOSE_CHANNEL, "child_relid", 8, 4, 2048, "VMBP-CHAN-006");

    /* a valid one: status OK, the variant, no check */
    m.u.close_channel.child_relid = 2047;
    len = enc(&m, b);
    f = fault_of(b, len, &ctx53, VMBP_DIR_ANY, VMBP_OK);
    ck_assert_int_eq(f.variant, VMBP_MSGV_CLOSE_CHANNEL);
    ck_assert_ptr_null(f.check);
    ck_assert_ptr_null(f.field);
    ck_assert_ptr_null(f.rule);
    ck_assert_int_eq(vmbp_msg_validate_fault(b, len, &ctx53, VMBP_DIR_ANY, NULL), VMBP_E_INVAL);
}
END_TEST

static struct vmbp_msg offer_msg(enum vmbp_msg_variant v)
{
    struct vmbp_msg m;

    memset(&m, 0, sizeof(m));
    m.type = VMBP_MSG_OFFER_CHANNEL;
    m.variant = v;
    m.u.offer.variant = v;
    m.u.offer.child_relid = 7;
    m.u.offer.monitor_id = 3;
    m.u.offer.monitor_allocated = 1;
    return m;
}

/* covers: VMBP-FEAT-003 VMBP-FEAT-004 VMBP-FEAT-005 VMBP-OFFER-003 VMBP-OFFER-004 */
START_TEST(offer_rejections_name_flags_reserved_bits_and_ranges)
{
    const struct vmbp_ctx conf = {VMBP_VERSION_6_0, VMBP_FEATURE_CONFIDENTIAL_CHANNELS};
    const struct vmbp_ctx v013 = {VMBP_VERSION_0_13, 0};
    uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    struct vmbp_msg m = offer_msg(VMBP_MSGV_OFFER_CHANNEL);
    struct vmbp_msg_fault f;
    size_t len;

    /* the three rules of the offer flags, one check with three outcomes */
    m.u.offer.flags = VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER;
    len = enc(&m, b);
    f = fault_of(b, len, &ctx53, VMBP_DIR_HOST_TO_GUEST, VMBP_E_CONFIDENTIAL);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL, "flags", 56, 2, 0x2, "VMBP-FEAT-003");
    ck_assert_int_eq(f.check->kind, VMBP_MSG_CHECK_RULE);
    m.u.offer.flags = VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY;
    len = enc(&m, b);
    f = fault_of(b, len, &conf, VMBP_DIR_HOST_TO_GUEST, VMBP_E_CONFIDENTIAL_EXT);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL, "flags", 56, 2, 0x4, "VMBP-FEAT-004");
    m.u.offer.flags = VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY | 0x10u;
    len = enc(&m, b);
    f = fault_of(b, len, &conf, VMBP_DIR_HOST_TO_GUEST, VMBP_E_FEATURE);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL, "flags", 56, 2, 0x18, "VMBP-FEAT-005");

    /* reserved bits of byte 189 and of the word at 190: the masked value */
    m.u.offer.flags = 0;
    len = enc(&m, b);
    b[189] = 0x81;
    f = fault_of(b, len, &ctx53, VMBP_DIR_HOST_TO_GUEST, VMBP_E_RSVD_NONZERO);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL, "rsvdz2", 189, 1, 0x80, "VMBP-OFFER-003");
    ck_assert_int_eq(f.check->kind, VMBP_MSG_CHECK_ZERO);
    ck_assert_uint_eq(f.check->mask, 0xFE);
    b[189] = 1;
    vmbp_store_le16(b + 190, 0x0003);
    f = fault_of(b, len, &ctx53, VMBP_DIR_HOST_TO_GUEST, VMBP_E_RSVD_NONZERO);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL, "rsvdz3", 190, 2, 0x2, "VMBP-OFFER-003");

    /* ranges: the monitor ID only while allocated, the connection ID's 24 bits */
    vmbp_store_le16(b + 190, 1);
    b[188] = 200;
    f = fault_of(b, len, &ctx53, VMBP_DIR_HOST_TO_GUEST, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL, "monitor_id", 188, 1, 200, "VMBP-OFFER-004");
    ck_assert_ptr_nonnull(f.check->when);
    ck_assert_uint_eq(f.check->max, 127);
    b[189] = 0;
    ck_assert_int_eq(vmbp_msg_validate(b, len, &ctx53, VMBP_DIR_HOST_TO_GUEST), VMBP_OK);
    vmbp_store_le32(b + 192, 0x01000000u);
    f = fault_of(b, len, &ctx53, VMBP_DIR_HOST_TO_GUEST, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL, "connection_id", 192, 4, 0x01000000u,
                 "VMBP-OFFER-004");

    /* the 0.13 form: the same check, reported as the shorter variant's */
    m = offer_msg(VMBP_MSGV_OFFER_CHANNEL_V1);
    len = enc(&m, b);
    ck_assert_uint_eq(len, 190);
    b[189] = 0x03;
    f = fault_of(b, len, &v013, VMBP_DIR_HOST_TO_GUEST, VMBP_E_RSVD_NONZERO);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL_V1, "rsvdz2", 189, 1, 0x2, "VMBP-OFFER-003");
    b[189] = 1;
    vmbp_store_le32(b + 184, 0);
    f = fault_of(b, len, &v013, VMBP_DIR_HOST_TO_GUEST, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_OFFER_CHANNEL_V1, "child_relid", 184, 4, 0, "VMBP-OFFER-004");
}
END_TEST

/* covers: VMBP-CHAN-002 VMBP-CHAN-003 */
START_TEST(open_channel_rejections_name_the_signal_fields)
{
    const struct vmbp_ctx redirect = {VMBP_VERSION_6_0,
                                      VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION};
    const struct vmbp_ctx signal = {VMBP_VERSION_6_0,
                                    VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS};
    uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    struct vmbp_msg m;
    struct vmbp_msg_fault f;
    size_t len;

    memset(&m, 0, sizeof(m));
    m.type = VMBP_MSG_OPEN_CHANNEL;
    m.variant = VMBP_MSGV_OPEN_CHANNEL_SIGNAL;
    m.u.open_channel.variant = VMBP_MSGV_OPEN_CHANNEL_SIGNAL;
    m.u.open_channel.child_relid = 9;
    m.u.open_channel.downstream_ring_buffer_page_offset = 4;
    m.u.open_channel.connection_id = 0x55;
    len = enc(&m, b);
    ck_assert_uint_eq(len, 156);
    f = fault_of(b, len, &redirect, VMBP_DIR_GUEST_TO_HOST, VMBP_E_FEATURE);
    expect_field(&f, VMBP_MSGV_OPEN_CHANNEL_SIGNAL, "connection_id", 148, 4, 0x55,
                 "VMBP-CHAN-002");
    ck_assert_int_eq(f.check->kind, VMBP_MSG_CHECK_NEEDS_FEATURE);
    ck_assert_uint_eq(f.check->feature, VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS);
    vmbp_store_le32(b + 148, 0);
    vmbp_store_le16(b + 152, 3);
    f = fault_of(b, len, &redirect, VMBP_DIR_GUEST_TO_HOST, VMBP_E_FEATURE);
    expect_field(&f, VMBP_MSGV_OPEN_CHANNEL_SIGNAL, "event_flag", 152, 2, 3, "VMBP-CHAN-002");
    vmbp_store_le16(b + 152, 0);
    vmbp_store_le16(b + 154, 1);
    f = fault_of(b, len, &signal, VMBP_DIR_GUEST_TO_HOST, VMBP_E_FEATURE);
    expect_field(&f, VMBP_MSGV_OPEN_CHANNEL_SIGNAL, "flags", 154, 2, 1, "VMBP-CHAN-002");
    ck_assert_uint_eq(f.check->feature, VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION);
    vmbp_store_le16(b + 154, 0x0102);
    f = fault_of(b, len, &redirect, VMBP_DIR_GUEST_TO_HOST, VMBP_E_RSVD_NONZERO);
    expect_field(&f, VMBP_MSGV_OPEN_CHANNEL_SIGNAL, "rsvdz1", 154, 2, 0x0102, "VMBP-CHAN-002");
    vmbp_store_le16(b + 154, 0);
    vmbp_store_le16(b + 152, 2048);
    f = fault_of(b, len, &signal, VMBP_DIR_GUEST_TO_HOST, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_OPEN_CHANNEL_SIGNAL, "event_flag", 152, 2, 2048,
                 "VMBP-CHAN-003");
    /* the 148-byte form at 5.3: its own rows of the same checks */
    vmbp_store_le32(b + 24, 0);
    f = fault_of(b, 148, &ctx53, VMBP_DIR_GUEST_TO_HOST, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_OPEN_CHANNEL, "downstream_ring_buffer_page_offset", 24, 4, 0,
                 "VMBP-CHAN-003");
    ck_assert_str_eq(f.check->allowed, "non-zero");
}
END_TEST

/* covers: VMBP-CONN-001 VMBP-CONN-002 VMBP-CONN-004 */
START_TEST(connection_rejections_name_reserved_bytes_sint_and_monitor_page)
{
    const struct vmbp_ctx none = {0, 0};
    uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    struct vmbp_msg m;
    struct vmbp_msg_fault f;
    size_t len;

    memset(&m, 0, sizeof(m));
    m.type = VMBP_MSG_INITIATE_CONTACT;
    m.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    m.u.initiate_contact.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    m.u.initiate_contact.version_requested = VMBP_VERSION_5_0;
    m.u.initiate_contact.target_sint = 2;
    len = enc(&m, b);
    vmbp_store_le32(b + 20, 0x10);
    f = fault_of(b, len, &none, VMBP_DIR_GUEST_TO_HOST, VMBP_E_RSVD_NONZERO);
    expect_field(&f, VMBP_MSGV_INITIATE_CONTACT_SINT, "rsvdz2", 20, 4, 0x10, "VMBP-CONN-001");
    vmbp_store_le32(b + 20, 0);
    b[17] = 16;
    f = fault_of(b, len, &none, VMBP_DIR_GUEST_TO_HOST, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_INITIATE_CONTACT_SINT, "target_vtl", 17, 1, 16, "VMBP-CONN-002");
    /* the CLIENT_ID form: bytes 18-19 are one reserved field, its value not a number */
    m.variant = VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID;
    m.u.initiate_contact.variant = VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID;
    m.u.initiate_contact.version_requested = VMBP_VERSION_6_0;
    m.u.initiate_contact.feature_flags = VMBP_FEATURE_CLIENT_ID;
    len = enc(&m, b);
    ck_assert_uint_eq(len, 56);
    b[19] = 1;
    f = fault_of(b, len, &none, VMBP_DIR_GUEST_TO_HOST, VMBP_E_RSVD_NONZERO);
    expect_field(&f, VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID, "rsvdz1", 18, 2, 0, "VMBP-CONN-001");

    /* VERSION_RESPONSE of 40 bytes announcing host monitor pages without a page */
    memset(&m, 0, sizeof(m));
    m.type = VMBP_MSG_VERSION_RESPONSE;
    m.variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
    m.u.version_response.variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
    m.u.version_response.version_supported = 1;
    m.u.version_response.supported_features = VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;
    len = enc(&m, b);
    f = fault_of(b, len, &none, VMBP_DIR_HOST_TO_GUEST, VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_VERSION_RESPONSE_MONITOR, "child_to_parent_monitor_gpa", 32, 8,
                 0, "VMBP-CONN-004");
    ck_assert_ptr_nonnull(f.check->when);
    ck_assert_str_eq(f.check->allowed, "non-zero");
}
END_TEST

/* covers: VMBP-GPADL-002 VMBP-GPADL-003 VMBP-GPADL-004 */
START_TEST(gpadl_rejections_name_the_count_the_length_and_the_range_word)
{
    uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    struct vmbp_msg_fault f;

    memset(b, 0, sizeof(b));
    vmbp_store_le32(b, VMBP_MSG_GPADL_HEADER);
    vmbp_store_le32(b + 8, 3);
    vmbp_store_le32(b + 12, 0xE1E10);
    vmbp_store_le16(b + 16, 24);
    vmbp_store_le16(b + 18, 0);
    f = fault_of(b, 44, &ctx53, VMBP_DIR_GUEST_TO_HOST, VMBP_E_GPADL_RANGE);
    expect_field(&f, VMBP_MSGV_GPADL_HEADER, "rangecount", 18, 2, 0, "VMBP-GPADL-002");
    vmbp_store_le16(b + 18, 1);
    vmbp_store_le16(b + 16, 12);
    f = fault_of(b, 44, &ctx53, VMBP_DIR_GUEST_TO_HOST, VMBP_E_LENGTH_FIELD);
    expect_field(&f, VMBP_MSGV_GPADL_HEADER, "range_buflen", 16, 2, 12, "VMBP-GPADL-002");
    /* two ranges of one page each: the second header word has its offset past the page */
    vmbp_store_le16(b + 16, 32);
    vmbp_store_le16(b + 18, 2);
    vmbp_store_le64(b + 20, VMBP_GPA_RANGE_WORD(4096, 0));
    vmbp_store_le64(b + 28, 0x1234);
    vmbp_store_le64(b + 36, VMBP_GPA_RANGE_WORD(8, 4096));
    vmbp_store_le64(b + 44, 0x5678);
    ck_assert_int_eq(vmbp_msg_validate(b, 52, &ctx53, VMBP_DIR_GUEST_TO_HOST),
                     VMBP_E_GPADL_RANGE);
    f = fault_of(b, 52, &ctx53, VMBP_DIR_GUEST_TO_HOST, VMBP_E_GPADL_RANGE);
    expect_field(&f, VMBP_MSGV_GPADL_HEADER, "words", 36, 8, VMBP_GPA_RANGE_WORD(8, 4096),
                 "VMBP-GPADL-003");
    ck_assert_uint_eq(f.index, 2);
    /* a first range of three pages in a list of three words: its PFNs do not fit */
    vmbp_store_le16(b + 16, 24);
    vmbp_store_le16(b + 18, 1);
    vmbp_store_le64(b + 20, VMBP_GPA_RANGE_WORD(8193, 0));
    f = fault_of(b, 44, &ctx53, VMBP_DIR_GUEST_TO_HOST, VMBP_E_LENGTH_FIELD);
    expect_field(&f, VMBP_MSGV_GPADL_HEADER, "words", 20, 8, VMBP_GPA_RANGE_WORD(8193, 0),
                 "VMBP-GPADL-004");
    ck_assert_uint_eq(f.index, 0);
}
END_TEST

/* covers: VMBP-MSG-003 VMBP-MSG-004 VMBP-MSG-005 VMBP-MSG-006 VMBP-MSG-007 */
START_TEST(framing_and_gating_name_their_rule)
{
    const struct vmbp_ctx none = {0, 0};
    const struct vmbp_ctx v60 = {VMBP_VERSION_6_0, 0};
    uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    struct vmbp_msg_fault f;

    memset(b, 0, sizeof(b));
    vmbp_store_le32(b, VMBP_MSG_UNLOAD);
    f = fault_of(b, 4, &ctx53, VMBP_DIR_ANY, VMBP_E_TRUNCATED);
    ck_assert_ptr_null(f.check);
    ck_assert_ptr_null(f.field);
    ck_assert_str_eq(f.rule, "VMBP-MSG-003");
    ck_assert_uint_eq(f.value, 4);
    ck_assert_uint_eq(f.size, 0);
    ck_assert_int_eq(f.variant, VMBP_MSGV_NONE);
    f = fault_of(b, 241, &ctx53, VMBP_DIR_ANY, VMBP_E_TOO_LONG);
    ck_assert_str_eq(f.rule, "VMBP-MSG-003");
    ck_assert_uint_eq(f.value, 241);
    /* the rest name the header's type */
    vmbp_store_le32(b, VMBP_MSG_TYPE_MAX + 1u);
    f = fault_of(b, 8, &ctx53, VMBP_DIR_ANY, VMBP_E_UNKNOWN_TYPE);
    ck_assert_str_eq(f.rule, "VMBP-MSG-004");
    ck_assert_str_eq(f.field->name, "msgtype");
    ck_assert_uint_eq(f.offset, 0);
    ck_assert_uint_eq(f.size, 4);
    ck_assert_uint_eq(f.value, VMBP_MSG_TYPE_MAX + 1u);
    vmbp_store_le32(b, VMBP_MSG_UNLOAD);
    f = fault_of(b, 8, &ctx53, VMBP_DIR_HOST_TO_GUEST, VMBP_E_DIRECTION);
    ck_assert_str_eq(f.rule, "VMBP-MSG-005");
    ck_assert_uint_eq(f.value, VMBP_MSG_UNLOAD);
    f = fault_of(b, 8, &none, VMBP_DIR_ANY, VMBP_E_NOT_NEGOTIATED);
    ck_assert_str_eq(f.rule, "VMBP-MSG-006");
    vmbp_store_le32(b, VMBP_MSG_PAUSE);
    f = fault_of(b, 8, &v60, VMBP_DIR_ANY, VMBP_E_FEATURE);
    ck_assert_str_eq(f.rule, "VMBP-MSG-007");
    ck_assert_ptr_null(f.check);
    ck_assert_str_eq(f.field->name, "msgtype");
    ck_assert_int_eq(f.variant, VMBP_MSGV_NONE);
    f = fault_of(b, 8, &ctx53, VMBP_DIR_ANY, VMBP_E_VERSION);
    ck_assert_str_eq(f.rule, "VMBP-MSG-007");
    /* the caller's mistakes name no rule */
    f = fault_of(b, 8, &ctx53, (enum vmbp_dir)0, VMBP_E_INVAL);
    ck_assert_ptr_null(f.rule);
    ck_assert_ptr_null(f.field);
}
END_TEST

/* covers: VMBP-OFFER-005 VMBP-HVSOCK-003 */
START_TEST(overlay_rejections_name_their_field_at_its_message_offset)
{
    struct vmbp_offer o;
    struct vmbp_offer_hvsock hv;
    struct vmbp_msg_fault f;

    memset(&o, 0, sizeof(o));
    vmbp_store_le32(o.user_defined, 1); /* pipe type 1: neither byte nor message */
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(&o, VMBP_MSG_OVERLAY_PIPE, &f),
                     VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_NONE, "pipe_type", 60, 4, 1, "VMBP-OFFER-005");
    ck_assert_int_eq(f.check->kind, VMBP_MSG_CHECK_ONE_OF);
    ck_assert_uint_eq(f.check->nvalues, 2);
    ck_assert_uint_eq(f.check->values[1], VMBP_PIPE_TYPE_MESSAGE);
    vmbp_store_le32(o.user_defined, VMBP_PIPE_TYPE_MESSAGE);
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(&o, VMBP_MSG_OVERLAY_PIPE, &f), VMBP_OK);
    ck_assert_ptr_null(f.check);
    ck_assert_ptr_null(f.rule);

    memset(&hv, 0, sizeof(hv));
    hv.version = VMBP_HVSOCK_VERSION_RS5;
    ck_assert_int_eq(vmbp_msg_offer_hvsock_set(&o, &hv), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(&o, VMBP_MSG_OVERLAY_HVSOCK, &f), VMBP_OK);
    ck_assert_ptr_null(f.check);
    o.user_defined[27] = 0x40; /* byte 87: the padding after the silo ID */
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(&o, VMBP_MSG_OVERLAY_HVSOCK, &f),
                     VMBP_E_RSVD_NONZERO);
    expect_field(&f, VMBP_MSGV_NONE, "rsvdz0", 86, 2, 0, "VMBP-HVSOCK-003");
    o.user_defined[27] = 0;
    o.user_defined[4] = 2;
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(&o, VMBP_MSG_OVERLAY_HVSOCK, &f),
                     VMBP_E_FIELD_RANGE);
    expect_field(&f, VMBP_MSGV_NONE, "is_for_guest_accept", 64, 1, 2, "VMBP-HVSOCK-003");
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(NULL, VMBP_MSG_OVERLAY_HVSOCK, &f),
                     VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(&o, (enum vmbp_msg_overlay)0, &f),
                     VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(&o, VMBP_MSG_OVERLAY_COUNT, &f),
                     VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_offer_overlay_fault(&o, VMBP_MSG_OVERLAY_PIPE, NULL),
                     VMBP_E_INVAL);
    /* the tables of the overlays: unknown ones have none, the count is optional */
    ck_assert_ptr_null(vmbp_msg_overlay_fields((enum vmbp_msg_overlay)0, NULL));
    ck_assert_ptr_null(vmbp_msg_overlay_fields(VMBP_MSG_OVERLAY_COUNT, NULL));
    ck_assert_ptr_null(vmbp_msg_overlay_checks((enum vmbp_msg_overlay)0, NULL));
    ck_assert_ptr_null(vmbp_msg_overlay_checks(VMBP_MSG_OVERLAY_COUNT, NULL));
    ck_assert_ptr_eq(vmbp_msg_overlay_fields(VMBP_MSG_OVERLAY_PIPE, NULL),
                     vmbp_msg_offer_pipe_fields(NULL));
    ck_assert_ptr_eq(vmbp_msg_overlay_fields(VMBP_MSG_OVERLAY_HVSOCK, NULL),
                     vmbp_msg_offer_hvsock_fields(NULL));
    ck_assert_ptr_nonnull(vmbp_msg_overlay_checks(VMBP_MSG_OVERLAY_HVSOCK, NULL));
}
END_TEST

/* Every check names a field of its table, by name and index, with a rule and a text. */
static void check_table(const struct vmbp_msg_field *fields, size_t nf,
                        const struct vmbp_msg_check *checks, size_t nc, const char *what)
{
    size_t i;

    for (i = 0; i < nc; i++) {
        const struct vmbp_msg_check *c = &checks[i];

        ck_assert_msg(c->field_index < nf, "%s check %zu", what, i);
        ck_assert_str_eq(fields[c->field_index].name, c->field);
        ck_assert_msg(strncmp(c->rule, "VMBP-", 5) == 0, "%s: rule %s", what, c->rule);
        ck_assert_msg(c->allowed[0] != 0, "%s check %zu", what, i);
        /* field values (band 2), or a length field that disagrees with the message (band 1) */
        ck_assert(VMBP_STATUS_BAND(c->status) == 2 || c->status == VMBP_E_LENGTH_FIELD);
        ck_assert(c->kind >= VMBP_MSG_CHECK_RANGE && c->kind <= VMBP_MSG_CHECK_RULE);
        if (c->kind == VMBP_MSG_CHECK_RANGE)
            ck_assert_uint_le(c->min, c->max);
        if (c->kind == VMBP_MSG_CHECK_ONE_OF)
            ck_assert(c->nvalues >= 1 && c->nvalues <= 4);
        if (c->kind == VMBP_MSG_CHECK_NEEDS_FEATURE)
            ck_assert(c->feature != 0 && c->mask != 0);
    }
}

/* covers: VMBP-MSG-002 */
START_TEST(check_tables_agree_with_field_tables)
{
    unsigned v, total = 0;
    size_t nf = 0, nc = 0;

    for (v = 1; v < VMBP_MSGV_COUNT; v++) {
        const struct vmbp_msg_field *fields = vmbp_msg_fields((enum vmbp_msg_variant)v, &nf);
        const struct vmbp_msg_check *checks = vmbp_msg_checks((enum vmbp_msg_variant)v, &nc);

        ck_assert_ptr_nonnull(fields);
        ck_assert_ptr_nonnull(checks);
        check_table(fields, nf, checks, nc, vmbp_msg_variant_name((enum vmbp_msg_variant)v));
        total += (unsigned)nc;
    }
    ck_assert_uint_ge(total, 40);
    ck_assert_ptr_null(vmbp_msg_checks(VMBP_MSGV_NONE, &nc));
    ck_assert_ptr_null(vmbp_msg_checks(VMBP_MSGV_COUNT, NULL));
    ck_assert_ptr_nonnull(vmbp_msg_checks(VMBP_MSGV_UNLOAD, NULL));
    for (v = VMBP_MSG_OVERLAY_PIPE; v < VMBP_MSG_OVERLAY_COUNT; v++) {
        const struct vmbp_msg_field *fields =
            vmbp_msg_overlay_fields((enum vmbp_msg_overlay)v, &nf);
        const struct vmbp_msg_check *checks =
            vmbp_msg_overlay_checks((enum vmbp_msg_overlay)v, &nc);

        ck_assert_ptr_nonnull(fields);
        check_table(fields, nf, checks, nc, "overlay");
    }
    ck_assert_ptr_null(vmbp_msg_overlay_fields((enum vmbp_msg_overlay)0, NULL));
    ck_assert_ptr_null(vmbp_msg_overlay_checks(VMBP_MSG_OVERLAY_COUNT, NULL));
    ck_assert_ptr_eq(vmbp_msg_overlay_fields(VMBP_MSG_OVERLAY_PIPE, NULL),
                     vmbp_msg_offer_pipe_fields(NULL));
}
END_TEST

static enum vmbp_dir dir_of(const char *s)
{
    if (strcmp(s, "guest-to-host") == 0)
        return VMBP_DIR_GUEST_TO_HOST;
    if (strcmp(s, "host-to-guest") == 0)
        return VMBP_DIR_HOST_TO_GUEST;
    return VMBP_DIR_ANY;
}

/* covers: VMBP-MSG-002 */
START_TEST(every_vector_reports_its_status_and_the_field_behind_it)
{
    struct vmbp_vec_set set;
    size_t i, field_level = 0, steps = 0;

    vmbp_vec_load(&set, "msg");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        struct vmbp_ctx ctx;
        struct vmbp_msg_fault f;
        enum vmbp_dir dir = dir_of(vmbp_vec_get(v, "direction"));
        enum vmbp_status st;

        ctx.version = vmbp_vec_version(vmbp_vec_get(v, "version"));
        ctx.features = (uint32_t)vmbp_vec_num(vmbp_vec_get(v, "features"));
        st = vmbp_msg_validate_fault(v->bytes, v->len, &ctx, dir, &f);
        ck_assert_int_eq(st, vmbp_msg_validate(v->bytes, v->len, &ctx, dir));
        ck_assert_int_eq(f.status, st);
        if (st == VMBP_OK) {
            ck_assert_ptr_null(f.check);
            ck_assert_int_ne(f.variant, VMBP_MSGV_NONE);
            continue;
        }
        if (st == VMBP_E_INVAL) {
            /* an empty vector is a NULL buffer: an argument error, before any rule */
            ck_assert_msg(v->bytes == NULL, "%s: E_INVAL with bytes", v->name);
            ck_assert_ptr_null(f.rule);
            continue;
        }
        if (!f.check) {
            /* framing or gating: a rule of VMBP-MSG-002's first five steps */
            ck_assert_msg(f.rule != NULL, "%s: %s without a rule", v->name,
                          vmbp_status_name(st));
            ck_assert_int_eq(f.variant, VMBP_MSGV_NONE);
            steps++;
            continue;
        }
        field_level++;
        ck_assert_int_ne(f.variant, VMBP_MSGV_NONE);
        ck_assert_int_eq(f.check->status, st);
        ck_assert_str_eq(f.field->name, f.check->field);
        ck_assert_msg(f.offset + f.size <= v->len, "%s: %s at %u+%u past %zu", v->name,
                      f.field->name, f.offset, f.size, v->len);
        /* the reported value is the field's, as its descriptor reads it from the bytes */
        if (f.size <= 8 && f.field->kind != VMBP_MSG_FIELD_BYTES &&
            f.field->kind != VMBP_MSG_FIELD_WORDS && f.field->kind != VMBP_MSG_FIELD_GUID &&
            f.field->size == f.size &&
            f.size != 2u * (f.field->wire_type == VMBP_MSG_WIRE_BYTES)) {
            uint64_t x = 0;

            ck_assert_int_eq(vmbp_msg_field_wire_get(f.field, v->bytes, v->len, &x), VMBP_OK);
            ck_assert_msg(x == f.value, "%s: %s reported 0x%llx, the bytes hold 0x%llx",
                          v->name, f.field->name, (unsigned long long)f.value,
                          (unsigned long long)x);
        }
    }
    printf("fault reports: %zu field-level, %zu framing or gating\n", field_level, steps);
    ck_assert_uint_ge(field_level, 20);
    ck_assert_uint_ge(steps, 20);
    vmbp_vec_free(&set);
}
END_TEST

/* Write @p val into the field's bytes of @p b (little-endian, within the field's mask). */
static void field_put(const struct vmbp_msg_field *f, uint8_t *b, uint64_t val)
{
    uint64_t raw = 0;
    unsigned i;

    for (i = 0; i < f->size; i++)
        raw |= (uint64_t)b[f->offset + i] << (8 * i);
    raw = f->mask ? (raw & ~(uint64_t)f->mask) | (val & f->mask) : val;
    for (i = 0; i < f->size; i++)
        b[f->offset + i] = (uint8_t)(raw >> (8 * i));
}

/* The largest value a scalar field holds: its mask, or all bits of its size. */
static uint64_t field_max(const struct vmbp_msg_field *f)
{
    if (f->mask)
        return f->mask;
    return f->size >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * f->size)) - 1u;
}

static int is_scalar(const struct vmbp_msg_field *f)
{
    return f->wire_type >= VMBP_MSG_WIRE_U8 && f->wire_type <= VMBP_MSG_WIRE_U64;
}

/* Values that break check @p c, at most four; 0 when the check's kind has no single-field
 * breach (RULE checks are driven by their own tests). */
static size_t breaches(const struct vmbp_msg_check *c, const struct vmbp_msg_field *f,
                       uint64_t out[4])
{
    uint64_t bits = c->mask ? c->mask : field_max(f), rest, v;
    size_t n = 0;

    switch (c->kind) {
    case VMBP_MSG_CHECK_RANGE:
        if (c->min > 0)
            out[n++] = c->min - 1u;
        if (c->max < field_max(f))
            out[n++] = c->max + 1u;
        break;
    case VMBP_MSG_CHECK_ZERO:
    case VMBP_MSG_CHECK_NEEDS_FEATURE:
        out[n++] = bits & (~bits + 1u); /* the lowest bit concerned, and the next one */
        rest = bits & (bits - 1u);
        if (rest != 0)
            out[n++] = rest & (~rest + 1u);
        break;
    case VMBP_MSG_CHECK_ONE_OF:
        for (v = 0; n < 2 && v <= field_max(f); v++) {
            size_t k;
            int listed = 0;

            for (k = 0; k < c->nvalues; k++)
                listed |= c->values[k] == v;
            if (!listed)
                out[n++] = v;
        }
        break;
    default:
        break;
    }
    return n;
}

/* Every single-field check of every variant, driven from the check table alone: take each
 * valid vector, break one field the way the check forbids, and expect exactly that check,
 * its status, the field's name, offset and size, the value written and the rule. Checks that
 * apply under a condition are reached from the vectors that meet it; every check must be
 * reached by at least one vector. */
/* covers: VMBP-MSG-002 VMBP-MSG-009 VMBP-MSG-010 */
START_TEST(every_field_check_rejects_its_field_alone)
{
    static unsigned hits[VMBP_MSGV_COUNT][32];
    struct vmbp_vec_set set;
    size_t i, k, n = 0, trials = 0;
    unsigned v;

    memset(hits, 0, sizeof(hits));
    vmbp_vec_load(&set, "msg");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *vec = &set.v[i];
        const struct vmbp_msg_check *checks;
        const struct vmbp_msg_field *fields;
        struct vmbp_msg_fault f;
        struct vmbp_ctx ctx;
        enum vmbp_dir dir = dir_of(vmbp_vec_get(vec, "direction"));
        size_t nf;

        ctx.version = vmbp_vec_version(vmbp_vec_get(vec, "version"));
        ctx.features = (uint32_t)vmbp_vec_num(vmbp_vec_get(vec, "features"));
        if (!vec->bytes ||
            vmbp_msg_validate_fault(vec->bytes, vec->len, &ctx, dir, &f) != VMBP_OK)
            continue;
        checks = vmbp_msg_checks(f.variant, &n);
        fields = vmbp_msg_fields(f.variant, &nf);
        ck_assert_uint_le(n, 32);
        for (k = 0; k < n; k++) {
            const struct vmbp_msg_check *c = &checks[k];
            const struct vmbp_msg_field *fd = &fields[c->field_index];
            uint64_t bad[4];
            size_t nb =
                is_scalar(fd) || c->kind == VMBP_MSG_CHECK_ZERO ? breaches(c, fd, bad) : 0;
            size_t j;

            for (j = 0; j < nb; j++) {
                uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
                struct vmbp_ctx cx = ctx;
                struct vmbp_msg_fault g;
                enum vmbp_status st;

                memcpy(b, vec->bytes, vec->len);
                if (is_scalar(fd))
                    field_put(fd, b, bad[j]);
                else
                    b[fd->offset + fd->size - 1u] = 1; /* a reserved byte array */
                if (c->kind == VMBP_MSG_CHECK_NEEDS_FEATURE)
                    cx.features &= ~c->feature;
                st = vmbp_msg_validate_fault(b, vec->len, &cx, dir, &g);
                trials++;
                if (g.check != c)
                    continue; /* a condition of the check not met, or the variant changed */
                ck_assert_msg(st == c->status, "%s %s: %s", vec->name, c->field,
                              vmbp_status_name(st));
                ck_assert_int_eq(g.variant, f.variant);
                ck_assert_ptr_eq(g.field, fd);
                ck_assert_str_eq(g.field->name, c->field);
                ck_assert_uint_eq(g.offset, fd->offset);
                ck_assert_uint_eq(g.size, fd->size);
                ck_assert_str_eq(g.rule, c->rule);
                if (is_scalar(fd))
                    ck_assert_msg(g.value == (fd->mask ? bad[j] & fd->mask : bad[j]),
                                  "%s %s: value 0x%llx for 0x%llx", vec->name, c->field,
                                  (unsigned long long)g.value, (unsigned long long)bad[j]);
                hits[f.variant][k]++;
            }
        }
    }
    for (v = 1; v < (unsigned)VMBP_MSGV_COUNT; v++) {
        const struct vmbp_msg_check *checks = vmbp_msg_checks((enum vmbp_msg_variant)v, &n);

        for (k = 0; k < n; k++)
            if (checks[k].kind != VMBP_MSG_CHECK_RULE)
                ck_assert_msg(hits[v][k] > 0, "%s: check %zu (%s, %s) never reached",
                              vmbp_msg_variant_name((enum vmbp_msg_variant)v), k,
                              checks[k].field, checks[k].rule);
    }
    printf("single-field breaches: %zu tried\n", trials);
    vmbp_vec_free(&set);
}
END_TEST

/* The family headers' field tables are the ones vmbp_msg_fields() returns, each for the
 * variants of its family and NULL for the others. */
/* covers: VMBP-MSG-002 */
START_TEST(family_field_tables_are_the_variant_tables)
{
    static const struct {
        const char *header;
        const struct vmbp_msg_field *(*fields)(enum vmbp_msg_variant, size_t *);
    } fam[] = {
        {"msg_connect", vmbp_msg_connect_fields}, {"msg_offer", vmbp_msg_offer_fields},
        {"msg_channel", vmbp_msg_channel_fields}, {"msg_gpadl", vmbp_msg_gpadl_fields},
        {"msg_hvsock", vmbp_msg_hvsock_fields},
    };
    unsigned v;
    size_t k;

    for (v = 0; v <= (unsigned)VMBP_MSGV_COUNT; v++) {
        const struct vmbp_msg_type_info *t =
            vmbp_msg_type_lookup(vmbp_msg_variant_type((enum vmbp_msg_variant)v));
        size_t n = 0, m = 0;
        const struct vmbp_msg_field *all = vmbp_msg_fields((enum vmbp_msg_variant)v, &n);

        for (k = 0; k < sizeof(fam) / sizeof(fam[0]); k++) {
            const struct vmbp_msg_field *tab = fam[k].fields((enum vmbp_msg_variant)v, &m);

            if (t && strcmp(t->header, fam[k].header) == 0) {
                ck_assert_ptr_eq(tab, all);
                ck_assert_uint_eq(m, n);
                ck_assert_ptr_eq(fam[k].fields((enum vmbp_msg_variant)v, NULL), all);
                ck_assert_ptr_eq(vmbp_msg_fields((enum vmbp_msg_variant)v, NULL), all);
            } else {
                ck_assert_ptr_null(tab);
            }
        }
        if (!t)
            ck_assert_ptr_null(all);
    }
}
END_TEST

/* A struct vmbp_msg whose variant disagrees with its member's is refused, for every variant
 * of every type with several variants: each is decoded from its first valid vector (so the
 * member's variant is the decoder's), then re-labelled as each other variant of its type. */
/* covers: VMBP-MSG-008 */
START_TEST(encode_refuses_a_variant_the_member_disagrees_with)
{
    struct vmbp_vec_set set;
    bool done[VMBP_MSGV_COUNT] = {false};
    uint8_t b[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0, i, want = 0, tried = 0;
    uint32_t t;

    for (t = 1; t <= (uint32_t)VMBP_MSG_TYPE_MAX; t++)
        if (vmbp_msg_type_lookup(t)->nvariants > 1)
            want += vmbp_msg_type_lookup(t)->nvariants;
    vmbp_vec_load(&set, "msg");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        const struct vmbp_msg_type_info *ti;
        struct vmbp_ctx ctx;
        struct vmbp_msg m;
        unsigned k;

        ctx.version = vmbp_vec_version(vmbp_vec_get(v, "version"));
        ctx.features = (uint32_t)vmbp_vec_num(vmbp_vec_get(v, "features"));
        if (vmbp_msg_decode(v->bytes, v->len, &ctx, VMBP_DIR_ANY, &m) != VMBP_OK ||
            done[m.variant])
            continue;
        ti = vmbp_msg_type_lookup(m.type);
        if (ti->nvariants < 2)
            continue;
        done[m.variant] = true;
        tried++;
        ck_assert_int_eq(vmbp_msg_encode(&m, b, sizeof(b), &len), VMBP_OK);
        for (k = 0; k < ti->nvariants; k++) {
            struct vmbp_msg other = m;

            other.variant = (enum vmbp_msg_variant)(ti->first_variant + k);
            if (other.variant == m.variant)
                continue;
            ck_assert_int_eq(vmbp_msg_encode(&other, b, sizeof(b), &len), VMBP_E_INVAL);
        }
    }
    vmbp_vec_free(&set);
    /* every variant of a multi-variant type has a valid vector */
    ck_assert_uint_eq(tried, want);
    ck_assert_uint_ge(tried, 2);
}
END_TEST

static Suite *msg_fault_suite(void)
{
    Suite *s = suite_create("msg_fault");
    TCase *tc = tcase_create("fault");

    tcase_add_test(tc, relid_out_of_range_names_the_channel_id);
    tcase_add_test(tc, offer_rejections_name_flags_reserved_bits_and_ranges);
    tcase_add_test(tc, open_channel_rejections_name_the_signal_fields);
    tcase_add_test(tc, connection_rejections_name_reserved_bytes_sint_and_monitor_page);
    tcase_add_test(tc, gpadl_rejections_name_the_count_the_length_and_the_range_word);
    tcase_add_test(tc, framing_and_gating_name_their_rule);
    tcase_add_test(tc, overlay_rejections_name_their_field_at_its_message_offset);
    tcase_add_test(tc, check_tables_agree_with_field_tables);
    tcase_add_test(tc, every_vector_reports_its_status_and_the_field_behind_it);
    tcase_add_test(tc, every_field_check_rejects_its_field_alone);
    tcase_add_test(tc, family_field_tables_are_the_variant_tables);
    tcase_add_test(tc, encode_refuses_a_variant_the_member_disagrees_with);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(msg_fault_suite)
