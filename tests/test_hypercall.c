/* SPDX-License-Identifier: MIT */
/* hypercall.h: control and result words, HV_STATUS values, the HvPostMessage and
 * HvSignalEvent encoders (byte-exact), the Direct layouts, the post-result rules. */
#include <vmbus_proto/hypercall.h>
#include <vmbus_proto/synic.h>

#include "unit.h"

static uint64_t mask_of(unsigned shift, unsigned width)
{
    return ((1ull << width) - 1) << shift;
}

/* covers: VMBP-HCALL-001 */
START_TEST(call_codes)
{
    /* Linux hvgdk_mini.h HVCALL_*, OpenVMM HypercallCode */
    ck_assert_uint_eq(VMBP_HVCALL_POST_MESSAGE, 0x5C);
    ck_assert_uint_eq(VMBP_HVCALL_SIGNAL_EVENT, 0x5D);
    ck_assert_uint_eq(VMBP_HVCALL_SIGNAL_EVENT_DIRECT, 0xC0);
    ck_assert_uint_eq(VMBP_HVCALL_POST_MESSAGE_DIRECT, 0xC1);
}
END_TEST

/* covers: VMBP-HCALL-001 VMBP-CONV-004 */
START_TEST(control_word_fields)
{
    unsigned bit;
    uint64_t c;

    /* field positions from OpenVMM hypercall::Control / Linux HV_HYPERCALL_* */
    ck_assert_uint_eq(VMBP_FIELD_MASK64(VMBP_HYPERCALL_CONTROL_CODE), mask_of(0, 16));
    ck_assert_uint_eq(VMBP_FIELD_MASK64(VMBP_HYPERCALL_CONTROL_FAST), 1ull << 16);
    ck_assert_uint_eq(VMBP_FIELD_MASK64(VMBP_HYPERCALL_CONTROL_VARHEAD), mask_of(17, 10));
    ck_assert_uint_eq(VMBP_FIELD_MASK64(VMBP_HYPERCALL_CONTROL_NESTED), 1ull << 31);
    ck_assert_uint_eq(VMBP_FIELD_MASK64(VMBP_HYPERCALL_CONTROL_REP_COUNT), mask_of(32, 12));
    ck_assert_uint_eq(VMBP_FIELD_MASK64(VMBP_HYPERCALL_CONTROL_REP_START), mask_of(48, 12));
    ck_assert_uint_eq(VMBP_HYPERCALL_CONTROL_RSVDZ,
                      mask_of(27, 4) | mask_of(44, 4) | mask_of(60, 4));

    ck_assert_uint_eq(vmbp_hypercall_control(VMBP_HVCALL_POST_MESSAGE, false, 0, 0, 0), 0x5C);
    /* Linux: HVCALL_SIGNAL_EVENT | HV_HYPERCALL_FAST_BIT */
    ck_assert_uint_eq(vmbp_hypercall_control(VMBP_HVCALL_SIGNAL_EVENT, true, 0, 0, 0),
                      0x1005Dull);
    c = vmbp_hypercall_control(0x1234, true, 0x3FF, 0xFFF, 0xABC);
    ck_assert_uint_eq(c, 0x1234ull | (1ull << 16) | (0x3FFull << 17) | (0xFFFull << 32) |
                             (0xABCull << 48));
    ck_assert_uint_eq(vmbp_hypercall_control_code(c), 0x1234);
    ck_assert(vmbp_hypercall_control_fast(c));
    ck_assert_uint_eq(vmbp_hypercall_control_varhead(c), 0x3FF);
    ck_assert_uint_eq(vmbp_hypercall_control_rep_count(c), 0xFFF);
    ck_assert_uint_eq(vmbp_hypercall_control_rep_start(c), 0xABC);
    ck_assert(!vmbp_hypercall_control_nested(c));
    c = vmbp_hypercall_control_set_nested(c, true);
    ck_assert(vmbp_hypercall_control_nested(c));
    ck_assert_uint_eq(c & (1ull << 31), 1ull << 31);
    ck_assert_uint_eq(vmbp_hypercall_control_set_nested(c, false) & (1ull << 31), 0);
    /* out-of-range arguments cannot reach reserved bits */
    c = vmbp_hypercall_control(0xFFFF, true, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu);
    ck_assert_uint_eq(c & VMBP_HYPERCALL_CONTROL_RSVDZ, 0);
    ck_assert_uint_eq(c & (1ull << 31), 0);
    ck_assert_int_eq(vmbp_hypercall_control_check(c), VMBP_OK);

    /* every single bit: reserved ones are refused, field bits accepted */
    for (bit = 0; bit < 64; bit++) {
        uint64_t v = 1ull << bit;
        bool rsvd = (bit >= 27 && bit <= 30) || (bit >= 44 && bit <= 47) || bit >= 60;

        ck_assert_int_eq(vmbp_hypercall_control_check(v), rsvd ? VMBP_E_RSVD_NONZERO : VMBP_OK);
    }
}
END_TEST

/* covers: VMBP-HCALL-001 */
START_TEST(result_word_fields)
{
    uint64_t r = 0xFFFFF123FFFF0012ull;

    ck_assert_uint_eq(VMBP_FIELD_MASK64(VMBP_HYPERCALL_RESULT_STATUS), mask_of(0, 16));
    ck_assert_uint_eq(VMBP_FIELD_MASK64(VMBP_HYPERCALL_RESULT_REPS), mask_of(32, 12));
    ck_assert_uint_eq(VMBP_HYPERCALL_RESULT_RSVD, mask_of(16, 16) | mask_of(44, 20));
    ck_assert_uint_eq(vmbp_hypercall_result_status(r), 0x12);
    ck_assert_uint_eq(vmbp_hypercall_result_reps(r), 0x123);
    ck_assert_uint_eq(vmbp_hypercall_result_status(0), VMBP_HV_STATUS_SUCCESS);
}
END_TEST

/* covers: VMBP-HCALL-004 VMBP-CONV-005 */
START_TEST(status_values)
{
    /* the codes VMBus paths see (OpenVMM HvError, mu_msvm HvStatus.h, TLFS) */
    ck_assert_int_eq(VMBP_HV_STATUS_SUCCESS, 0x0000);
    ck_assert_int_eq(VMBP_HV_STATUS_INVALID_HYPERCALL_CODE, 0x0002);
    ck_assert_int_eq(VMBP_HV_STATUS_INVALID_HYPERCALL_INPUT, 0x0003);
    ck_assert_int_eq(VMBP_HV_STATUS_INVALID_ALIGNMENT, 0x0004);
    ck_assert_int_eq(VMBP_HV_STATUS_INVALID_PARAMETER, 0x0005);
    ck_assert_int_eq(VMBP_HV_STATUS_ACCESS_DENIED, 0x0006);
    ck_assert_int_eq(VMBP_HV_STATUS_OPERATION_DENIED, 0x0008);
    ck_assert_int_eq(VMBP_HV_STATUS_INSUFFICIENT_MEMORY, 0x000B);
    ck_assert_int_eq(VMBP_HV_STATUS_INVALID_VP_INDEX, 0x000E);
    ck_assert_int_eq(VMBP_HV_STATUS_INVALID_PORT_ID, 0x0011);
    ck_assert_int_eq(VMBP_HV_STATUS_INVALID_CONNECTION_ID, 0x0012);
    ck_assert_int_eq(VMBP_HV_STATUS_INSUFFICIENT_BUFFERS, 0x0013);
    ck_assert_int_eq(VMBP_HV_STATUS_INVALID_SYNIC_STATE, 0x0018);
    ck_assert_int_eq(VMBP_HV_STATUS_OBJECT_IN_USE, 0x0019);
    ck_assert_int_eq(VMBP_HV_STATUS_TIMEOUT, 0x0078);
    ck_assert_str_eq(vmbp_hv_status_name(0x12), "INVALID_CONNECTION_ID");
    ck_assert_str_eq(vmbp_hv_status_name(0), "SUCCESS");
    ck_assert_ptr_null(vmbp_hv_status_name(0x0001));
    ck_assert_ptr_null(vmbp_hv_status_name(0xFFFF));
    /* values ascend, so none is defined twice */
    {
#define ROW(e, value, text) value,
        static const unsigned vals[] = {VMBP_HV_STATUS_LIST(ROW)};
#undef ROW
        size_t i;

        for (i = 1; i < sizeof(vals) / sizeof(vals[0]); i++)
            ck_assert_uint_lt(vals[i - 1], vals[i]);
    }
}
END_TEST

/* covers: VMBP-HCALL-002 VMBP-HCALL-006 VMBP-CONV-011 */
START_TEST(input_layouts)
{
    ck_assert_uint_eq(sizeof(struct vmbp_hypercall_post_message_wire), 256);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_wire, connection_id), 0);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_wire, rsvdz), 4);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_wire, message_type), 8);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_wire, payload_size), 12);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_wire, payload), 16);
    ck_assert_uint_eq(sizeof(struct vmbp_hypercall_signal_event_wire), 8);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_signal_event_wire, flag_number), 4);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_signal_event_wire, rsvdz), 6);
    /* OpenVMM hvdef PostMessageDirect (280) and SignalEventDirect (16) */
    ck_assert_uint_eq(sizeof(struct vmbp_hypercall_post_message_direct_wire), 280);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_direct_wire, vp_index), 8);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_direct_wire, vtl), 12);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_direct_wire, sint), 16);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_direct_wire, message), 20);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_post_message_direct_wire, pad2), 276);
    ck_assert_uint_eq(sizeof(struct vmbp_hypercall_signal_event_direct_wire), 16);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_vtl), 12);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_sint),
                      13);
    ck_assert_uint_eq(offsetof(struct vmbp_hypercall_signal_event_direct_wire, flag_number),
                      14);
    ck_assert_uint_eq(sizeof(struct vmbp_hypercall_signal_event_direct_output_wire), 8);
    ck_assert_uint_eq(VMBP_HYPERCALL_PARTITION_ID_SELF, ~0ull);
    ck_assert_uint_eq(VMBP_HYPERCALL_VP_INDEX_SELF, 0xFFFFFFFEu);
}
END_TEST

/* covers: VMBP-HCALL-002 VMBP-CONV-002 */
START_TEST(post_message_encodes_byte_exact)
{
    /* INITIATE_CONTACT 6.0 as a VMBus payload (40 bytes), to connection ID 4 */
    static const char *payload_hex = "0e000000 00000000 00000600 00000000"
                                     "02000000 10000000 00000000 00000000"
                                     "00000000 00000000";
    static const char *want_head = "04000000 00000000 01000000 28000000";
    unsigned char payload[64], want[16], buf[300];
    int plen = vmbp_test_unhex(payload_hex, payload, sizeof(payload));
    size_t len = 0, i;

    ck_assert_int_eq(plen, 40);
    ck_assert_int_eq(vmbp_test_unhex(want_head, want, sizeof(want)), 16);
    memset(buf, 0xFF, sizeof(buf)); /* garbage: the encoder must zero what it does not set */
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(4, VMBP_SYNIC_MSG_TYPE_VMBUS, payload,
                                                        (size_t)plen, buf, sizeof(buf), &len),
                     VMBP_OK);
    ck_assert_uint_eq(len, 256);
    ck_assert_int_eq(memcmp(buf, want, 16), 0);
    ck_assert_int_eq(memcmp(buf + 16, payload, 40), 0);
    for (i = 16 + 40; i < 256; i++)
        ck_assert_uint_eq(buf[i], 0);
    for (i = 256; i < sizeof(buf); i++)
        ck_assert_uint_eq(buf[i], 0xFF); /* nothing written past 256 */

    /* 240 bytes: the maximum */
    memset(payload, 0x77, sizeof(payload));
    {
        unsigned char big[240];

        memset(big, 0x42, sizeof(big));
        ck_assert_int_eq(
            vmbp_hypercall_post_message_encode(0xFFFFFF, 0x7FFFFFFF, big, 240, buf, 256, &len),
            VMBP_OK);
        ck_assert_uint_eq(vmbp_load_le32(buf), 0xFFFFFF);
        ck_assert_uint_eq(vmbp_load_le32(buf + 4), 0);
        ck_assert_uint_eq(vmbp_load_le32(buf + 8), 0x7FFFFFFF);
        ck_assert_uint_eq(vmbp_load_le32(buf + 12), 240);
        ck_assert_uint_eq(buf[16 + 239], 0x42);
    }
    /* no payload */
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(1, 1, NULL, 0, buf, 256, &len),
                     VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(buf + 12), 0);
    ck_assert_uint_eq(buf[16], 0);
}
END_TEST

/* covers: VMBP-HCALL-002 */
START_TEST(post_message_rejects)
{
    unsigned char p[241], buf[256];
    size_t len = 0;

    memset(p, 1, sizeof(p));
    memset(buf, 0xEE, sizeof(buf));
    /* Linux hv_post_message: -EMSGSIZE above 240 */
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(1, 1, p, 241, buf, 256, &len),
                     VMBP_E_TOO_LONG);
    /* TLFS HvCallPostMessage: type zero or with bit 31 set -> INVALID_PARAMETER */
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(1, 0, p, 8, buf, 256, &len),
                     VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(1, 0x80000010u, p, 8, buf, 256, &len),
                     VMBP_E_FIELD_RANGE);
    /* connection IDs are 24 bits */
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(0x01000000u, 1, p, 8, buf, 256, &len),
                     VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(1, 1, NULL, 8, buf, 256, &len),
                     VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(1, 1, p, 8, buf, 256, NULL),
                     VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(1, 1, p, 8, NULL, 256, &len),
                     VMBP_E_INVAL);
    ck_assert_uint_eq(buf[0], 0xEE); /* nothing written by a rejected call */
    len = 0;
    ck_assert_int_eq(vmbp_hypercall_post_message_encode(1, 1, p, 8, buf, 255, &len),
                     VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 256);
    ck_assert_uint_eq(buf[0], 0xEE);
}
END_TEST

/* covers: VMBP-HCALL-003 VMBP-CONV-002 */
START_TEST(signal_event_encodes)
{
    uint64_t v = 0;
    unsigned char buf[8];
    unsigned char want[8];
    size_t len = 0;

    /* Linux channel->sig_event: the offer's connection ID, flag 0, as the fast register */
    ck_assert_int_eq(vmbp_hypercall_signal_event_value(0x00012345u, 0, &v), VMBP_OK);
    ck_assert_uint_eq(v, 0x12345ull);
    ck_assert_int_eq(vmbp_hypercall_signal_event_value(0x00FFFFFFu, 2047, &v), VMBP_OK);
    ck_assert_uint_eq(v, 0x000007FF00FFFFFFull);
    memset(buf, 0xCC, sizeof(buf));
    ck_assert_int_eq(vmbp_hypercall_signal_event_encode(0x00012345u, 5, buf, 8, &len), VMBP_OK);
    ck_assert_uint_eq(len, 8);
    ck_assert_int_eq(vmbp_test_unhex("45230100 05000000", want, 8), 8);
    ck_assert_int_eq(memcmp(buf, want, 8), 0);

    v = 77;
    ck_assert_int_eq(vmbp_hypercall_signal_event_value(0x01000000u, 0, &v), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_hypercall_signal_event_value(1, 2048, &v), VMBP_E_FIELD_RANGE);
    ck_assert_uint_eq(v, 77);
    ck_assert_int_eq(vmbp_hypercall_signal_event_encode(1, 2048, buf, 8, &len),
                     VMBP_E_FIELD_RANGE);
    len = 0;
    ck_assert_int_eq(vmbp_hypercall_signal_event_encode(1, 0, buf, 7, &len), VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 8);
    ck_assert_int_eq(vmbp_hypercall_signal_event_encode(1, 0, NULL, 8, &len), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_hypercall_signal_event_encode(1, 0, buf, 8, NULL), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-HCALL-006 VMBP-CONV-002 */
START_TEST(direct_inputs_encode_byte_exact)
{
    unsigned char buf[300], want[64];
    size_t len = 0, i;
    static const unsigned char pl[3] = {0xAA, 0xBB, 0xCC};

    memset(buf, 0xFF, sizeof(buf));
    ck_assert_int_eq(vmbp_hypercall_post_message_direct_encode(VMBP_HYPERCALL_PARTITION_ID_SELF,
                                                               7, 2, 2, 1, pl, 3, buf,
                                                               sizeof(buf), &len),
                     VMBP_OK);
    ck_assert_uint_eq(len, 280);
    ck_assert_int_eq(vmbp_test_unhex("ffffffff ffffffff 07000000 02000000 02000000"
                                     "01000000 03000000 00000000 00000000 aabbcc00",
                                     want, sizeof(want)),
                     40);
    ck_assert_int_eq(memcmp(buf, want, 40), 0);
    for (i = 40; i < 280; i++)
        ck_assert_uint_eq(buf[i], 0);
    ck_assert_uint_eq(buf[280], 0xFF);
    ck_assert_int_eq(
        vmbp_hypercall_post_message_direct_encode(1, 0, 0, 16, 1, pl, 3, buf, 280, &len),
        VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(
        vmbp_hypercall_post_message_direct_encode(1, 0, 0, 2, 0, pl, 3, buf, 280, &len),
        VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(
        vmbp_hypercall_post_message_direct_encode(1, 0, 0, 2, 1, pl, 241, buf, 280, &len),
        VMBP_E_TOO_LONG);
    ck_assert_int_eq(
        vmbp_hypercall_post_message_direct_encode(1, 0, 0, 2, 1, NULL, 1, buf, 280, &len),
        VMBP_E_INVAL);
    len = 0;
    ck_assert_int_eq(
        vmbp_hypercall_post_message_direct_encode(1, 0, 0, 2, 1, pl, 3, buf, 279, &len),
        VMBP_E_NOSPACE);
    ck_assert_uint_eq(len, 280);

    memset(buf, 0xEE, sizeof(buf));
    ck_assert_int_eq(vmbp_hypercall_signal_event_direct_encode(0x0102030405060708ull, 3, 0, 2,
                                                               0x7FF, buf, 16, &len),
                     VMBP_OK);
    ck_assert_uint_eq(len, 16);
    ck_assert_int_eq(vmbp_test_unhex("08070605 04030201 03000000 0002ff07", want, 16), 16);
    ck_assert_int_eq(memcmp(buf, want, 16), 0);
    ck_assert_uint_eq(buf[16], 0xEE);
    ck_assert_int_eq(vmbp_hypercall_signal_event_direct_encode(1, 0, 0, 2, 2048, buf, 16, &len),
                     VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_hypercall_signal_event_direct_encode(1, 0, 0, 16, 0, buf, 16, &len),
                     VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_hypercall_signal_event_direct_encode(1, 0, 0, 2, 0, buf, 15, &len),
                     VMBP_E_NOSPACE);
    ck_assert_int_eq(vmbp_hypercall_signal_event_direct_encode(1, 0, 0, 2, 0, buf, 16, NULL),
                     VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-HCALL-005 */
START_TEST(post_result_rules_over_every_status)
{
    /* Linux vmbus_post_msg, written as a table */
    unsigned st;

    for (st = 0; st <= 0xFFFF; st++) {
        enum vmbp_hypercall_post_action plain, contact, want_plain, want_contact;

        switch (st) {
        case 0x0000: /* SUCCESS */
            want_plain = want_contact = VMBP_HYPERCALL_POST_DONE;
            break;
        case 0x000B: /* INSUFFICIENT_MEMORY: -ENOBUFS, retried */
        case 0x0013: /* INSUFFICIENT_BUFFERS: -ENOBUFS, retried */
            want_plain = want_contact = VMBP_HYPERCALL_POST_RETRY;
            break;
        case 0x0012: /* INVALID_CONNECTION_ID: contact -> -EINVAL, next version */
            want_plain = VMBP_HYPERCALL_POST_FAIL;
            want_contact = VMBP_HYPERCALL_POST_NEXT_VERSION;
            break;
        default:
            want_plain = want_contact = VMBP_HYPERCALL_POST_FAIL;
        }
        plain = vmbp_hypercall_post_message_action((uint16_t)st, false);
        contact = vmbp_hypercall_post_message_action((uint16_t)st, true);
        if (plain != want_plain || contact != want_contact)
            ck_abort_msg("status 0x%04x: got %d/%d", st, plain, contact);
    }
}
END_TEST

/* covers: VMBP-CONV-004 */
START_TEST(word_descriptions_match_the_accessors)
{
    const struct vmbp_reg_desc *c = vmbp_hypercall_control_desc();
    const struct vmbp_reg_desc *r = vmbp_hypercall_result_desc();
    uint64_t x = 0x0123456789ABCDEFull;
    int n;

    ck_assert_uint_eq(c->nfields, 6);
    ck_assert_uint_eq(r->nfields, 2);
    ck_assert_str_eq(c->fields[4].name, "rep_count");
    for (n = 0; n < 1000; n++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        ck_assert_uint_eq(vmbp_reg_field_get(&c->fields[0], x), vmbp_hypercall_control_code(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&c->fields[1], x), vmbp_hypercall_control_fast(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&c->fields[2], x),
                          vmbp_hypercall_control_varhead(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&c->fields[3], x),
                          vmbp_hypercall_control_nested(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&c->fields[4], x),
                          vmbp_hypercall_control_rep_count(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&c->fields[5], x),
                          vmbp_hypercall_control_rep_start(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&r->fields[0], x),
                          vmbp_hypercall_result_status(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&r->fields[1], x), vmbp_hypercall_result_reps(x));
        ck_assert_int_eq(vmbp_reg_check(c, x) == VMBP_OK,
                         vmbp_hypercall_control_check(x) == VMBP_OK);
    }
}
END_TEST

static Suite *hypercall_suite(void)
{
    Suite *s = suite_create("hypercall");
    TCase *tc = tcase_create("hypercall");

    tcase_add_test(tc, word_descriptions_match_the_accessors);

    tcase_add_test(tc, call_codes);
    tcase_add_test(tc, control_word_fields);
    tcase_add_test(tc, result_word_fields);
    tcase_add_test(tc, status_values);
    tcase_add_test(tc, input_layouts);
    tcase_add_test(tc, post_message_encodes_byte_exact);
    tcase_add_test(tc, post_message_rejects);
    tcase_add_test(tc, signal_event_encodes);
    tcase_add_test(tc, direct_inputs_encode_byte_exact);
    tcase_add_test(tc, post_result_rules_over_every_status);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(hypercall_suite)
