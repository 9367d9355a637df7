/* SPDX-License-Identifier: MIT */
/* vmbp_conn.h: the rules of spec/conn.md, one group per rule, each refusal checked for its
 * exact status, its rule and that it changed nothing. */
#include "conn_harness.h"
#include "unit.h"

static const uint32_t v60 = VMBP_VERSION_6_0, v53 = VMBP_VERSION_5_3;

/* ---- general ------------------------------------------------------------------------------ */

/* covers: VMBP-CONN-101 */
START_TEST(received_and_caller_decoded_messages_are_gated)
{
    struct th t;
    struct vmbp_msg m;
    struct vmbp_ctx rich = {VMBP_VERSION_6_0, VMBP_FEATURES_KNOWN};
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0;

    th_init(&t, NULL, 0);
    /* before negotiation only VERSION_RESPONSE gets past the codec */
    th_snap(&t);
    ck_assert(th_refused(&t, th_empty(&t, VMBP_MSG_ALL_OFFERS_DELIVERED), VMBP_E_NOT_NEGOTIATED,
                         "VMBP-CONN-101"));
    /* a guest message fed to the guest */
    th_up(&t, v53, 0, true);
    th_snap(&t);
    ck_assert(th_refused(&t, th_empty(&t, VMBP_MSG_REQUEST_OFFERS), VMBP_E_DIRECTION,
                         "VMBP-CONN-101"));
    /* decoded by the caller with a richer state: PAUSE_RESPONSE needs 6.0 */
    th_msg(&m, VMBP_MSG_PAUSE_RESPONSE);
    ck_assert_int_eq(vmbp_msg_encode(&m, buf, sizeof(buf), &len), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_decode(buf, len, &rich, VMBP_DIR_ANY, &m), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_VERSION,
                         "VMBP-CONN-101"));
    /* an offer with confidential flags decoded under 6.0 + 0x10, fed to a 5.3 guest */
    th_offer_msg(&m, 3, 3, 0, VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER);
    ck_assert_int_eq(vmbp_msg_encode(&m, buf, sizeof(buf), &len), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_decode(buf, len, &rich, VMBP_DIR_ANY, &m), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_CONFIDENTIAL,
                         "VMBP-CONN-113"));
    /* decoded by the caller with a poorer state: the 190-byte offer of 0.13, which a 5.3
     * guest's codec would refuse as too short */
    th_offer_msg(&m, 3, 3, 0, 0);
    m.variant = VMBP_MSGV_OFFER_CHANNEL_V1;
    m.u.offer.variant = VMBP_MSGV_OFFER_CHANNEL_V1;
    m.u.offer.is_dedicated_interrupt = 0;
    m.u.offer.connection_id = 0;
    ck_assert_int_eq(vmbp_msg_encode(&m, buf, sizeof(buf), &len), VMBP_OK);
    ck_assert_uint_eq(len, 190);
    ck_assert_int_eq(vmbp_msg_validate(buf, len, &t.g.ctx, VMBP_DIR_HOST_TO_GUEST),
                     VMBP_E_TRUNCATED);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_TRUNCATED,
                         "VMBP-CONN-101"));
    /* a struct no encoder takes: the offer's own variant is not the message's */
    th_offer_msg(&m, 3, 3, 0, 0);
    m.u.offer.variant = VMBP_MSGV_OFFER_CHANNEL_V1;
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_INVAL,
                         "VMBP-CONN-101"));
    /* a field this state's checks refuse: a relid past 2047 */
    th_offer_msg(&m, 3, 3, 0, 0);
    m.u.offer.child_relid = 4096;
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_FIELD_RANGE,
                         "VMBP-CONN-101"));
    /* a bad type and variant pair */
    th_msg(&m, VMBP_MSG_OFFER_CHANNEL);
    m.variant = VMBP_MSGV_GPADL_TORNDOWN;
    ck_assert_int_eq(vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_UNKNOWN_TYPE);
    /* what the guest emits passes the host's decoder: 156-byte fields need their features */
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    {
        struct vmbp_conn_open_params p;
        uint32_t ring = th_ring(&t, 2);

        memset(&p, 0, sizeof(p));
        p.relid = 2;
        p.ring_gpadl = ring;
        p.downstream_offset = 2;
        p.event_flag = 5;
        th_snap(&t);
        ck_assert(th_refused(&t, vmbp_conn_guest_open(&t.g, &p, &t.out), VMBP_E_FEATURE,
                             "VMBP-CHAN-002"));
    }
}
END_TEST

/* covers: VMBP-CONN-102 */
START_TEST(actions_need_a_connection_and_refusals_change_nothing)
{
    struct th t;
    struct vmbp_conn_event ev[1];
    struct vmbp_conn_msg msg[1];

    th_init(&t, NULL, 0);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_request_offers(&t.g, &t.out),
                         VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-109"));
    th_snap(&t);
    ck_assert(th_refused(&t, th_open(&t, 1, 1, 1, 1), VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-102"));
    ck_assert(th_refused(&t, vmbp_conn_guest_close(&t.g, 1, &t.out), VMBP_E_SEQ_CONN_STATE,
                         "VMBP-CONN-102"));
    ck_assert(th_refused(&t, vmbp_conn_guest_pause(&t.g, &t.out), VMBP_E_SEQ_CONN_STATE,
                         "VMBP-CONN-102"));
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_connection(&t.g, 1, 2, &t.out),
                         VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-102"));
    /* an output too small: VMBP_E_NOSPACE with the needs, nothing else */
    vmbp_conn_out_init(&t.out, msg, 0, ev, 1);
    th_snap(&t);
    ck_assert(th_refused(&t, th_connect(&t, &v60, 1, 0), VMBP_E_NOSPACE, NULL));
    ck_assert_uint_eq(t.out.msgs_needed, 1);
    /* statuses of the band are named and classified */
    ck_assert_uint_eq(VMBP_STATUS_BAND(VMBP_E_SEQ_OPEN_ID), 6);
    ck_assert_str_eq(vmbp_status_name(VMBP_E_SEQ_UNTRUSTED), "E_SEQ_UNTRUSTED");
    ck_assert_int_eq(vmbp_conn_guest_request_offers(NULL, &t.out), VMBP_E_INVAL);
}
END_TEST

/* ---- negotiation ------------------------------------------------------------------------- */

/* covers: VMBP-CONN-103 */
START_TEST(proposals_go_newest_first_then_stop)
{
    struct th t;
    const uint32_t vs[] = {VMBP_VERSION_6_0, VMBP_VERSION_5_2, VMBP_VERSION_3_0};
    const uint32_t bad[] = {VMBP_VERSION_5_2, VMBP_VERSION_6_0};
    const uint32_t old[] = {VMBP_VERSION_6_0, VMBP_VERSION_5_1, VMBP_VERSION_4_0};
    struct vmbp_conn_connect c;
    const struct vmbp_conn_event *e;

    th_init(&t, NULL, 0);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_connect(&t, bad, 2, 0), VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103"));
    ck_assert_int_eq(th_connect(&t, vs, 0, 0), VMBP_E_INVAL);
    ck_assert_int_eq(th_connect(&t, vs, 3, 0), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 8), VMBP_VERSION_6_0);
    /* one proposal at a time */
    th_snap(&t);
    ck_assert(th_refused(&t, th_connect(&t, vs, 3, 0), VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-103"));
    th_out_reset(&t);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 8), VMBP_VERSION_5_2);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_VERSION_REFUSED);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[1].data + 8), VMBP_VERSION_3_0);
    th_out_reset(&t);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 0);
    e = th_last_event(&t);
    ck_assert_int_eq(e->kind, VMBP_CONN_EV_CONNECT_FAILED);
    ck_assert_uint_eq(e->value, VMBP_VERSION_3_0);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
    /* the default list starts at 6.0 */
    th_out_reset(&t);
    ck_assert_int_eq(th_connect(&t, NULL, 0, 0), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 8), VMBP_VERSION_6_0);
    /* an isolated VM proposes nothing below 5.2 (VMBP-VER-005) */
    th_init(&t, th_plan(&t, false, VMBP_CONFIDENTIAL_MODE_RELAY), 0);
    ck_assert_int_eq(th_connect(&t, old, 3, 0), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, true, 0), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONNECT_FAILED);
    th_snap(&t);
    ck_assert(th_refused(&t, th_connect(&t, old + 1, 2, 0), VMBP_E_SEQ_VERSION_ORDER,
                         "VMBP-CONN-103"));
    /* both monitor pages or neither */
    memset(&c, 0, sizeof(c));
    c.monitor_page1 = 0x1000;
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_connect(&t.g, &c, &t.out), VMBP_E_FIELD_RANGE,
                         "VMBP-CONN-103"));
}
END_TEST

/* covers: VMBP-CONN-104 */
START_TEST(connection_ids_and_message_vp)
{
    struct th t;
    const uint32_t vs[] = {VMBP_VERSION_5_0, VMBP_VERSION_4_1};

    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, vs, 2, 0), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].connection_id, VMBP_MESSAGE_CONNECTION_ID_MULTICLIENT);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[1].connection_id, VMBP_MESSAGE_CONNECTION_ID);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x77, false, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[2].connection_id, VMBP_MESSAGE_CONNECTION_ID); /* below 5.0 */
    ck_assert_uint_eq(vmbp_conn_guest_message_vp(&t.g), 1);
    /* from 5.0 the response's ID */
    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, vs, 1, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_version(&t, 1, 0, 0, false, 0), VMBP_E_FIELD_RANGE, "VMBP-CONN-104"));
    ck_assert(th_refused(&t, th_version(&t, 1, 0, 0x1000000, false, 0), VMBP_E_FIELD_RANGE,
                         "VMBP-CONN-104"));
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2005, false, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[t.out.nmsgs - 1].connection_id, 0x2005);
    /* before 3.0 host messages arrive on VP 0 */
    th_init(&t, NULL, 0);
    {
        const uint32_t v24 = VMBP_VERSION_2_4;

        ck_assert_int_eq(th_connect(&t, &v24, 1, 0), VMBP_OK);
        ck_assert_int_eq(th_version(&t, 1, 0, 0, false, 0), VMBP_OK);
        ck_assert_uint_eq(vmbp_conn_guest_message_vp(&t.g), 0);
    }
}
END_TEST

/* covers: VMBP-CONN-105 */
START_TEST(failed_posts_of_the_contact)
{
    struct th t;
    const uint32_t vs[] = {VMBP_VERSION_6_0, VMBP_VERSION_5_3, VMBP_VERSION_4_1,
                           VMBP_VERSION_3_0};

    th_init(&t, NULL, 0);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_contact_failed(&t.g, 0x13, &t.out),
                         VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-105"));
    ck_assert_int_eq(th_connect(&t, vs, 4, 0x2f), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_SUCCESS, &t.out),
                     VMBP_E_INVAL);
    /* queue full: the same message again */
    ck_assert_int_eq(
        vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_INSUFFICIENT_BUFFERS, &t.out),
        VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[1].len, t.out.msgs[0].len);
    ck_assert_mem_eq(t.out.msgs[1].data, t.out.msgs[0].data, t.out.msgs[0].len);
    /* an old host: on below 5.0, connection ID 1 */
    ck_assert_int_eq(
        vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_INVALID_CONNECTION_ID, &t.out),
        VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[2].data + 8), VMBP_VERSION_4_1);
    ck_assert_uint_eq(t.out.msgs[2].connection_id, VMBP_MESSAGE_CONNECTION_ID);
    /* from 4.1, a failure with no older version below 5.0 ... still 3.0 left */
    ck_assert_int_eq(
        vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_INVALID_CONNECTION_ID, &t.out),
        VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[3].data + 8), VMBP_VERSION_3_0);
    ck_assert_int_eq(
        vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_INVALID_CONNECTION_ID, &t.out),
        VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONNECT_FAILED);
    /* any other failure: give up */
    th_out_reset(&t);
    ck_assert_int_eq(th_connect(&t, vs, 4, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_ACCESS_DENIED, &t.out),
                     VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONNECT_FAILED);
    ck_assert_uint_eq(th_last_event(&t)->status, VMBP_HV_STATUS_ACCESS_DENIED);
    /* PROBE: fall back, same version, no CONFIDENTIAL_CHANNELS */
    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_PROBE), 0);
    ck_assert_int_eq(th_connect(&t, vs, 1, 0x2f), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 20), 0x3f);
    ck_assert_int_eq(vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_ACCESS_DENIED, &t.out),
                     VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONTACT_FALLBACK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[1].data + 8), VMBP_VERSION_6_0);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[1].data + 20), 0x2f);
    /* a second refusal after the fallback ends it */
    ck_assert_int_eq(vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_ACCESS_DENIED, &t.out),
                     VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONNECT_FAILED);
    /* PROBE: INVALID_CONNECTION_ID refuses the confidential contact too: fall back, not down */
    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_PROBE), 0);
    ck_assert_int_eq(th_connect(&t, vs, 1, 0x2f), VMBP_OK);
    ck_assert_int_eq(
        vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_INVALID_CONNECTION_ID, &t.out),
        VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONTACT_FALLBACK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[1].data + 8), VMBP_VERSION_6_0);
}
END_TEST

/* covers: VMBP-CONN-106 */
START_TEST(connection_state_is_honoured_from_2_4)
{
    struct th t;
    const uint32_t vs[] = {VMBP_VERSION_5_3, VMBP_VERSION_5_2};
    const uint32_t v11 = VMBP_VERSION_1_1;

    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, vs, 2, 0), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(th_version(&t, 1, VMBP_CONNECTION_FAILED_LOW_RESOURCES, 1, false, 0),
                     VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 0); /* no further proposal */
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONNECT_FAILED);
    ck_assert_uint_eq(th_last_event(&t)->status, VMBP_CONNECTION_FAILED_LOW_RESOURCES);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
    /* below 2.4 the field may be garbage */
    ck_assert_int_eq(th_connect(&t, &v11, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0xA5, 0xdeadbeef, false, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_CONNECTED);
    ck_assert_uint_eq(vmbp_conn_guest_ctx(&t.g)->version, VMBP_VERSION_1_1);
}
END_TEST

/* covers: VMBP-CONN-107 */
START_TEST(features_requested_and_granted)
{
    struct th t;

    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, &v60, 1, 0x3f), VMBP_OK);
    /* no confidential contact: 0x10 is not requested */
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 20), 0x2f);
    ck_assert_int_eq(th_version(&t, 1, 0, 1, true, 0xff), VMBP_OK);
    ck_assert_uint_eq(vmbp_conn_guest_ctx(&t.g)->features, 0x2f);
    ck_assert_uint_eq(th_last_event(&t)->features, 0x2f);
    /* a 16-byte response at 6.0 grants nothing */
    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, &v60, 1, 0x2f), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 1, false, 0), VMBP_OK);
    ck_assert_uint_eq(vmbp_conn_guest_ctx(&t.g)->features, 0);
    /* a confidential contact asks for 0x10 */
    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL), 0);
    ck_assert_int_eq(th_connect(&t, &v60, 1, 0x01), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 20), 0x11);
    ck_assert_int_eq(th_version(&t, 1, 0, 1, true, 0x10), VMBP_OK);
    ck_assert_uint_eq(vmbp_conn_guest_ctx(&t.g)->features, 0x10);
    /* unknown feature bits are the caller's mistake */
    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, &v60, 1, 0x100), VMBP_E_INVAL);
}
END_TEST

/* VERSION_RESPONSE in the 40-byte form granting `features`, with monitor pages p1, p2. */
static enum vmbp_status monitor_response(struct th *t, uint32_t features, uint64_t p1,
                                         uint64_t p2)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_VERSION_RESPONSE);
    m.variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
    m.u.version_response.variant = m.variant;
    m.u.version_response.version_supported = 1;
    m.u.version_response.msg_conn_id = 0x2001;
    m.u.version_response.supported_features = features;
    m.u.version_response.parent_to_child_monitor_gpa = p1;
    m.u.version_response.child_to_parent_monitor_gpa = p2;
    return th_feed(t, &m);
}

static void connect_own_pages(struct th *t, uint32_t features)
{
    struct vmbp_conn_connect c;

    memset(&c, 0, sizeof(c));
    c.versions = &v60;
    c.nversions = 1;
    c.features = features;
    c.target_sint = VMBP_MSG_SINT;
    c.monitor_page1 = 0x70000;
    c.monitor_page2 = 0x71000;
    ck_assert_int_eq(vmbp_conn_guest_connect(&t->g, &c, &t->out), VMBP_OK);
}

/* covers: VMBP-CONN-140 VMBP-CONF-015 VMBP-CONF-016 VMBP-CONN-107 */
START_TEST(monitor_pages_from_the_host)
{
    struct th t;
    struct vmbp_conn_guest_config cfg;
    struct vmbp_confidential_plan *pl;
    uint64_t p1 = 0, p2 = 0;
    const uint32_t mp = VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;

    /* not isolated, requested: the host's pages, checked */
    th_init(&t, NULL, 0);
    ck_assert_int_eq(vmbp_conn_guest_monitor_pages(&t.g, &p1, &p2), VMBP_E_SEQ_CONN_STATE);
    connect_own_pages(&t, mp);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 20), mp);
    th_snap(&t);
    ck_assert(th_refused(&t, monitor_response(&t, mp, 0x5000, 0x5080), VMBP_E_MONITOR_PAGE,
                         "VMBP-CONN-140"));
    ck_assert(th_refused(&t, monitor_response(&t, mp, 0x5000, 0x5000), VMBP_E_MONITOR_PAGE,
                         "VMBP-CONN-140"));
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_CONTACTING);
    ck_assert_int_eq(monitor_response(&t, mp, 0, 0x6000), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_monitor_pages(&t.g, &p1, &p2), VMBP_OK);
    ck_assert(p1 == 0 && p2 == 0x6000);
    ck_assert_int_eq(vmbp_conn_guest_monitor_pages(&t.g, &p1, NULL), VMBP_E_INVAL);
    /* the host's pages stay */
    th_init(&t, NULL, 0);
    connect_own_pages(&t, mp | VMBP_FEATURE_MODIFY_CONNECTION);
    ck_assert_int_eq(monitor_response(&t, mp | VMBP_FEATURE_MODIFY_CONNECTION, 0, 0x6000),
                     VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_connection(&t.g, 0x80000, 0x81000, &t.out),
                         VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-140"));
    /* the feature not granted: the 40-byte form's pages are not the guest's to use */
    th_init(&t, NULL, 0);
    connect_own_pages(&t, mp);
    ck_assert_int_eq(monitor_response(&t, 0, 0x5000, 0x6000), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_monitor_pages(&t.g, &p1, &p2), VMBP_OK);
    ck_assert(p1 == 0x70000 && p2 == 0x71000);
    /* a MODIFY_CONNECTION the host accepts moves them; a refused one does not */
    th_init(&t, NULL, 0);
    connect_own_pages(&t, VMBP_FEATURE_MODIFY_CONNECTION);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, true, VMBP_FEATURE_MODIFY_CONNECTION),
                     VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_modify_connection(&t.g, 0x80000, 0x81000, &t.out),
                     VMBP_OK);
    {
        struct vmbp_msg m;

        th_msg(&m, VMBP_MSG_MODIFY_CONNECTION_RESPONSE);
        m.u.modify_connection_response.connection_state = VMBP_CONNECTION_FAILED_LOW_RESOURCES;
        ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
        ck_assert_int_eq(vmbp_conn_guest_monitor_pages(&t.g, &p1, &p2), VMBP_OK);
        ck_assert(p1 == 0x70000 && p2 == 0x71000);
        ck_assert_int_eq(vmbp_conn_guest_modify_connection(&t.g, 0x80000, 0x81000, &t.out),
                         VMBP_OK);
        m.u.modify_connection_response.connection_state = VMBP_CONNECTION_SUCCESSFUL;
        ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
        ck_assert_int_eq(vmbp_conn_guest_monitor_pages(&t.g, &p1, &p2), VMBP_OK);
        ck_assert(p1 == 0x80000 && p2 == 0x81000);
    }
    /* an isolated guest towards the host does not ask (VMBP-CONF-016) */
    pl = th_plan(&t, false, VMBP_CONFIDENTIAL_MODE_DIRECT);
    th_init(&t, pl, 0);
    connect_own_pages(&t, mp | VMBP_FEATURE_PAUSE_RESUME);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 20), VMBP_FEATURE_PAUSE_RESUME);
    /* a confidential contact asks, and the paravisor's pages lie below the boundary */
    memset(&cfg, 0, sizeof(cfg));
    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL), 0);
    cfg.channels = t.gc;
    cfg.nchannels = TH_NCHAN;
    cfg.gpadls = t.gg;
    cfg.ngpadls = TH_NGPADL;
    cfg.plan = &t.plan;
    cfg.shared_gpa_boundary = 0x3000;
    ck_assert_int_eq(vmbp_conn_guest_init(&t.g, &cfg), VMBP_E_INVAL); /* not a power of 2 */
    cfg.shared_gpa_boundary = 1ull << 46;
    ck_assert_int_eq(vmbp_conn_guest_init(&t.g, &cfg), VMBP_OK);
    connect_own_pages(&t, mp);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 20),
                      mp | VMBP_FEATURE_CONFIDENTIAL_CHANNELS);
    th_snap(&t);
    ck_assert(th_refused(&t, monitor_response(&t, mp, 0, (1ull << 46) | 0x6000),
                         VMBP_E_MONITOR_PAGE, "VMBP-CONN-140"));
    ck_assert_int_eq(monitor_response(&t, mp, 0, 0x6000), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-108 */
START_TEST(responses_only_to_pending_requests)
{
    struct th t;
    uint32_t ring;

    th_init(&t, NULL, 0);
    th_snap(&t);
    ck_assert(th_refused(&t, th_version(&t, 1, 0, 1, false, 0), VMBP_E_SEQ_NO_REQUEST,
                         "VMBP-CONN-108"));
    th_up(&t, v60, 0x3f, true);
    th_snap(&t);
    ck_assert(th_refused(&t, th_version(&t, 1, 0, 1, true, 0), VMBP_E_SEQ_NO_REQUEST,
                         "VMBP-CONN-108"));
    ck_assert(th_refused(&t, th_empty(&t, VMBP_MSG_PAUSE_RESPONSE), VMBP_E_SEQ_NO_REQUEST,
                         "VMBP-CONN-108"));
    {
        struct vmbp_msg m;

        th_msg(&m, VMBP_MSG_MODIFY_CONNECTION_RESPONSE);
        ck_assert(th_refused(&t, th_feed(&t, &m), VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
    }
    ck_assert(th_refused(&t, th_relid_msg(&t, VMBP_MSG_CLOSE_RESERVED_RESPONSE, 1),
                         VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
    /* answered once */
    ring = th_open_chan(&t, 1);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_open_result(&t, 1, 1, 0), VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
    ck_assert(
        th_refused(&t, th_created(&t, 1, ring, 0), VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
    ck_assert(th_refused(&t, th_torndown(&t, ring), VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
    ck_assert(th_refused(&t, th_modify_resp(&t, 1, 0), VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
}
END_TEST

/* ---- offers ----------------------------------------------------------------------------------- */

/* covers: VMBP-CONN-109 */
START_TEST(offers_follow_request_offers)
{
    struct th t;
    unsigned i;

    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, &v53, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 1, false, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, th_offer(&t, 1, 1, 0, 0), VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-109"));
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, t.out.nmsgs - 1), VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_REQUESTING);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_request_offers(&t.g, &t.out),
                         VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-109"));
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_OFFER, 1));
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_ALL_OFFERS_DELIVERED), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK); /* hot add */
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_READY);
    for (i = 3; i <= TH_NCHAN; i++)
        ck_assert_int_eq(th_offer(&t, i, (uint8_t)i, 0, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, th_offer(&t, 100, 100, 0, 0), VMBP_E_NOSPACE, "VMBP-CONN-109"));
}
END_TEST

/* covers: VMBP-CONN-110 */
START_TEST(all_offers_delivered_once)
{
    struct th t;

    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, &v53, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 1, false, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, th_empty(&t, VMBP_MSG_ALL_OFFERS_DELIVERED), VMBP_E_SEQ_CONN_STATE,
                         "VMBP-CONN-110"));
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_ALL_OFFERS_DELIVERED), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_ALL_OFFERS_DELIVERED);
    th_snap(&t);
    ck_assert(th_refused(&t, th_empty(&t, VMBP_MSG_ALL_OFFERS_DELIVERED), VMBP_E_SEQ_CONN_STATE,
                         "VMBP-CONN-110"));
}
END_TEST

/* covers: VMBP-CONN-111 */
START_TEST(an_offer_never_reuses_a_live_channel_id)
{
    struct th t;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    ck_assert_int_eq(th_offer(&t, 5, 1, 0, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_offer(&t, 5, 2, 0, 0), VMBP_E_SEQ_RELID_IN_USE, "VMBP-CONN-111"));
    /* rescinded but not released: still live */
    ck_assert_int_eq(th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 5), VMBP_OK);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_offer(&t, 5, 2, 0, 0), VMBP_E_SEQ_RELID_IN_USE, "VMBP-CONN-111"));
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 5, &t.out), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 5, 2, 0, 0), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-112 */
START_TEST(a_second_offer_of_an_instance_is_refused)
{
    struct th t;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 7, 0, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_offer(&t, 2, 7, 0, 0), VMBP_E_SEQ_DUPLICATE_OFFER, "VMBP-CONN-112"));
    ck_assert_int_eq(th_offer(&t, 2, 7, 1, 0), VMBP_OK); /* a sub-channel */
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_offer(&t, 3, 7, 1, 0), VMBP_E_SEQ_DUPLICATE_OFFER, "VMBP-CONN-112"));
}
END_TEST

/* covers: VMBP-CONN-113 VMBP-CONF-011 */
START_TEST(confidential_offer_flags_need_the_negotiated_feature)
{
    struct th t;
    struct vmbp_conn_chan_info ci;
    const uint16_t ring = VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER,
                   ext = VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY;

    /* 6.0 without the feature */
    th_init(&t, NULL, 0);
    th_up(&t, v60, 0x2f, true);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_offer(&t, 1, 1, 0, ring), VMBP_E_CONFIDENTIAL, "VMBP-CONN-113"));
    /* the feature granted, but to a plan whose connection is not confidential: the codec
     * takes the flag, the decision at the offer does not */
    th_init(&t, th_plan(&t, false, VMBP_CONFIDENTIAL_MODE_RELAY), 0);
    t.plan.request_confidential_channels = true;
    th_init(&t, &t.plan, 0);
    th_up(&t, v60, 0x10, true);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_offer(&t, 1, 1, 0, ring), VMBP_E_CONFIDENTIAL, "VMBP-CONN-113"));
    /* confidential contact, feature requested but not granted */
    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL), 0);
    th_up(&t, v60, 0x2f, true);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_offer(&t, 1, 1, 0, ring), VMBP_E_CONFIDENTIAL, "VMBP-CONN-113"));
    /* granted: the memory decided at the offer */
    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL), 0);
    th_up(&t, v60, 0x10, true);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_offer(&t, 1, 1, 0, ext), VMBP_E_CONFIDENTIAL_EXT, "VMBP-CONN-113"));
    ck_assert(th_refused(&t,
                         th_offer(&t, 1, 1, 0, VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY),
                         VMBP_E_FEATURE, "VMBP-CONN-113"));
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, ring), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 1, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.mem.ring, VMBP_CONFIDENTIAL_MEM_ENCRYPTED);
    ck_assert_uint_eq(ci.mem.gpadl, VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, ring | ext), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 2, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.mem.gpadl, VMBP_CONFIDENTIAL_MEM_ENCRYPTED);
    ck_assert_int_eq(th_offer(&t, 3, 3, 0, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 3, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.mem.ring, VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE);
}
END_TEST

/* covers: VMBP-DEV-001 */
START_TEST(isolated_guest_takes_the_triaged_classes_only)
{
    struct th t;
    struct vmbp_msg m;
    const enum vmbp_device refused[] = {VMBP_DEVICE_IDE, VMBP_DEVICE_FC, VMBP_DEVICE_KEYBOARD,
                                        VMBP_DEVICE_VMBFS, VMBP_DEVICE_UNKNOWN};
    const enum vmbp_device taken[] = {VMBP_DEVICE_SCSI,      VMBP_DEVICE_NIC,
                                      VMBP_DEVICE_PCIE,      VMBP_DEVICE_TIMESYNC,
                                      VMBP_DEVICE_HEARTBEAT, VMBP_DEVICE_SHUTDOWN};
    uint32_t i, relid = 1;

    /* isolated (no confidential connection): the classes Linux triaged, and hv_sock */
    th_init(&t, th_plan(&t, false, VMBP_CONFIDENTIAL_MODE_RELAY), 0);
    th_up(&t, v53, 0, false);
    for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        th_offer_msg(&m, relid, (uint8_t)relid, 0, 0);
        if (refused[i] == VMBP_DEVICE_UNKNOWN)
            m.u.offer.interface_type.bytes[0] ^= 0xFF; /* a class in no list */
        else
            m.u.offer.interface_type = vmbp_device_lookup(refused[i])->guid;
        th_snap(&t);
        ck_assert(th_refused(&t, th_feed(&t, &m), VMBP_E_UNSUPPORTED, "VMBP-DEV-001"));
        /* the same class offered as an hv_sock endpoint is taken */
        m.u.offer.flags = VMBP_OFFER_FLAG_TLNPI_PROVIDER;
        ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
        relid++;
    }
    /* a fresh guest (the table holds 8 channels) */
    th_init(&t, th_plan(&t, false, VMBP_CONFIDENTIAL_MODE_RELAY), 0);
    th_up(&t, v53, 0, false);
    relid = 1;
    for (i = 0; i < sizeof(taken) / sizeof(taken[0]); i++, relid++) {
        th_offer_msg(&m, relid, (uint8_t)relid, 0, 0);
        m.u.offer.interface_type = vmbp_device_lookup(taken[i])->guid;
        ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
    }
    /* not isolated: every class */
    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, false);
    th_offer_msg(&m, 1, 1, 0, 0);
    m.u.offer.interface_type = vmbp_device_lookup(VMBP_DEVICE_IDE)->guid;
    ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-114 */
START_TEST(tl_connect_result_is_reported)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    th_msg(&m, VMBP_MSG_TL_CONNECT_RESULT);
    m.u.tl_connect_result.status = VMBP_NTSTATUS_CONNECTION_REFUSED;
    th_snap(&t);
    ck_assert(th_refused(&t, th_feed(&t, &m), VMBP_E_NOT_NEGOTIATED, "VMBP-CONN-101"));
    th_up(&t, v53, 0, false);
    ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_TL_CONNECT_RESULT);
    ck_assert_uint_eq(th_last_event(&t)->status, VMBP_NTSTATUS_CONNECTION_REFUSED);
}
END_TEST

/* ---- rescind, release --------------------------------------------------------------------- */

/* covers: VMBP-CONN-115 */
START_TEST(a_rescind_cancels_the_open_and_keeps_gpadl_requests)
{
    struct th t;
    uint32_t ring, h2 = 0;
    const struct vmbp_conn_event *e;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    th_snap(&t);
    ck_assert(th_refused(&t, th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 9),
                         VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-115"));
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    ring = th_ring(&t, 1);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 2, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h2),
        VMBP_OK);
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 1), VMBP_OK);
    ck_assert_uint_eq(t.out.nevents, 2);
    ck_assert_int_eq(t.out.events[0].kind, VMBP_CONN_EV_RESCIND);
    e = &t.out.events[1];
    ck_assert_int_eq(e->kind, VMBP_CONN_EV_CANCELLED);
    ck_assert_int_eq(e->request, VMBP_CONN_REQ_OPEN);
    /* the GPADL being created is answered later */
    ck_assert_int_eq(th_created(&t, 1, h2, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 1),
                         VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-115"));
    ck_assert(
        th_refused(&t, th_open_result(&t, 1, 1, 0), VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
    /* an open without interrupts cancelled by the rescind leaves a plain closed channel */
    {
        struct vmbp_conn_open_params p;
        struct vmbp_conn_chan_info ci;

        ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
        memset(&p, 0, sizeof(p));
        p.relid = 2;
        p.ring_gpadl = th_ring(&t, 2);
        p.downstream_offset = 2;
        p.target_vp = VMBP_VP_INDEX_DISABLE_INTERRUPT;
        ck_assert_int_eq(vmbp_conn_guest_open(&t.g, &p, &t.out), VMBP_OK);
        ck_assert_int_eq(th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 2), VMBP_OK);
        ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 2, &ci), VMBP_OK);
        ck_assert_uint_eq(ci.flags, VMBP_CONN_CHAN_F_RESCINDED);
        ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
    }
}
END_TEST

/* covers: VMBP-CONN-116 */
START_TEST(after_a_rescind_close_then_release)
{
    struct th t;
    uint32_t ring, h2 = 0;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    ring = th_open_chan(&t, 1);
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(&t.g, 1, 3, &t.out), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 2, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h2),
        VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_release(&t.g, 1, &t.out), VMBP_E_SEQ_NOT_RESCINDED,
                         "VMBP-CONN-116"));
    ck_assert_int_eq(th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 1), VMBP_OK);
    th_out_reset(&t);
    th_snap(&t);
    ck_assert(th_refused(
        &t, th_gpadl(&t, 1, 0, 2, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, NULL),
        VMBP_E_SEQ_RESCINDED, "VMBP-CONN-116"));
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_channel(&t.g, 1, 4, &t.out),
                         VMBP_E_SEQ_RESCINDED, "VMBP-CONN-116"));
    ck_assert(th_refused(&t, vmbp_conn_guest_release(&t.g, 1, &t.out), VMBP_E_SEQ_CHAN_STATE,
                         "VMBP-CONN-116"));
    /* close: no CLOSE_CHANNEL to a host that revoked the channel */
    ck_assert_int_eq(vmbp_conn_guest_close(&t.g, 1, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 0);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_open(&t, 1, 1, ring, 2), VMBP_E_SEQ_RESCINDED, "VMBP-CONN-116"));
    /* a GPADL still being created holds the release */
    ck_assert(th_refused(&t, vmbp_conn_guest_release(&t.g, 1, &t.out), VMBP_E_SEQ_PENDING,
                         "VMBP-CONN-116"));
    ck_assert_int_eq(th_created(&t, 1, h2, 0), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_RELID_RELEASED);
    ck_assert_int_eq(t.out.events[0].kind, VMBP_CONN_EV_CANCELLED);
    ck_assert_int_eq(t.out.events[0].request, VMBP_CONN_REQ_MODIFY_CHANNEL);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, ring, &(struct vmbp_conn_gpadl_info){0}),
                     VMBP_E_SEQ_UNKNOWN_GPADL);
}
END_TEST

/* covers: VMBP-CONN-117 */
START_TEST(a_released_channel_names_nothing)
{
    struct th t;
    uint32_t ring;

    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_3, 0, true);
    ring = th_open_chan(&t, 4);
    ck_assert_int_eq(th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 4), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_close(&t.g, 4, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 4, &t.out), VMBP_OK);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_open_result(&t, 4, 4, 0), VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-119"));
    ck_assert(
        th_refused(&t, th_created(&t, 4, ring, 0), VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-122"));
    ck_assert(th_refused(&t, th_torndown(&t, ring), VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-123"));
    ck_assert(th_refused(&t, th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 4),
                         VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-115"));
    ck_assert(
        th_refused(&t, th_modify_resp(&t, 4, 0), VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-125"));
    ck_assert_int_eq(th_offer(&t, 4, 9, 0, 0), VMBP_OK);
}
END_TEST

/* ---- open, close --------------------------------------------------------------------------- */

/* covers: VMBP-CONN-118 */
START_TEST(open_needs_a_created_ring_gpadl_of_the_channel)
{
    struct th t;
    uint32_t ring, other, buf = 0, pending = 0;
    struct vmbp_conn_open_params p;

    th_init(&t, NULL, 0);
    th_up(&t, v60, 0x01, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    ring = th_ring(&t, 1);
    other = th_ring(&t, 2);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 3, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &buf),
        VMBP_OK);
    ck_assert_int_eq(th_created(&t, 1, buf, 0), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &pending),
        VMBP_OK);
    th_out_reset(&t);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_open(&t, 9, 1, ring, 2), VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-118"));
    ck_assert(
        th_refused(&t, th_open(&t, 1, 1, other, 2), VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-118"));
    ck_assert(
        th_refused(&t, th_open(&t, 1, 1, 0x99, 2), VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-118"));
    ck_assert(
        th_refused(&t, th_open(&t, 1, 1, pending, 2), VMBP_E_SEQ_GPADL_STATE, "VMBP-CONN-118"));
    ck_assert(th_refused(&t, th_open(&t, 1, 1, buf, 1), VMBP_E_FIELD_RANGE, "VMBP-CONN-118"));
    ck_assert(th_refused(&t, th_open(&t, 1, 1, ring, 0), VMBP_E_FIELD_RANGE, "VMBP-CONN-118"));
    ck_assert(th_refused(&t, th_open(&t, 1, 1, ring, 4), VMBP_E_FIELD_RANGE, "VMBP-CONN-118"));
    /* a ring GPADL is one range at offset 0 of at least 2 whole pages */
    ck_assert(th_refused(
        &t, th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, NULL),
        VMBP_E_GPADL_RANGE, "VMBP-CONN-118"));
    /* 6.0 with GUEST_SPECIFIED_SIGNAL_PARAMETERS: the 156-byte form */
    memset(&p, 0, sizeof(p));
    p.relid = 1;
    p.open_id = 77;
    p.ring_gpadl = ring;
    p.downstream_offset = 3;
    p.connection_id = 0x2001;
    p.event_flag = 9;
    ck_assert_int_eq(vmbp_conn_guest_open(&t.g, &p, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].len, 156);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_open(&t.g, &p, &t.out), VMBP_E_SEQ_CHAN_STATE,
                         "VMBP-CONN-118"));
}
END_TEST

/* covers: VMBP-CONN-119 */
START_TEST(open_result_matches_channel_and_open_id)
{
    struct th t;
    uint32_t ring;
    struct vmbp_conn_chan_info ci;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    ck_assert_int_eq(th_offer(&t, 3, 3, 0, 0), VMBP_OK);
    ring = th_ring(&t, 3);
    ck_assert_int_eq(th_open(&t, 3, 0x33, ring, 2), VMBP_OK);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_open_result(&t, 3, 0x34, 0), VMBP_E_SEQ_OPEN_ID, "VMBP-CONN-119"));
    ck_assert(th_refused(&t, th_open_result(&t, 5, 0x33, 0), VMBP_E_SEQ_UNKNOWN_RELID,
                         "VMBP-CONN-119"));
    ck_assert_int_eq(th_open_result(&t, 3, 0x33, VMBP_NTSTATUS_UNSUCCESSFUL), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_OPEN_RESULT);
    ck_assert_uint_eq(th_last_event(&t)->status, VMBP_NTSTATUS_UNSUCCESSFUL);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 3, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.state, VMBP_CONN_CHAN_OFFERED);
    ck_assert_uint_eq(ci.ring_gpadl, 0);
    ck_assert_int_eq(th_open(&t, 3, 0x35, ring, 2), VMBP_OK);
    ck_assert_int_eq(th_open_result(&t, 3, 0x35, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 3, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.state, VMBP_CONN_CHAN_OPEN);
    ck_assert_uint_eq(ci.open_id, 0x35);
}
END_TEST

/* covers: VMBP-CONN-120 */
START_TEST(close_an_open_channel_then_tear_its_ring_down)
{
    struct th t;
    uint32_t ring;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_close(&t.g, 1, &t.out), VMBP_E_SEQ_CHAN_STATE,
                         "VMBP-CONN-120"));
    ck_assert(th_refused(&t, vmbp_conn_guest_close(&t.g, 7, &t.out), VMBP_E_SEQ_UNKNOWN_RELID,
                         "VMBP-CONN-120"));
    ring = th_ring(&t, 1);
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_close(&t.g, 1, &t.out), VMBP_E_SEQ_CHAN_STATE,
                         "VMBP-CONN-120")); /* still opening */
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_teardown(&t.g, 1, ring, &t.out),
                         VMBP_E_SEQ_GPADL_STATE, "VMBP-CONN-123"));
    ck_assert_int_eq(th_open_result(&t, 1, 1, 0), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_guest_close(&t.g, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_CLOSE_CHANNEL);
    ck_assert_uint_eq(t.out.nevents, 0);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_teardown(&t.g, 1, ring, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 1), VMBP_MSG_GPADL_TEARDOWN);
}
END_TEST

/* ---- GPADLs -------------------------------------------------------------------------------- */

/* covers: VMBP-CONN-121 */
START_TEST(gpadl_handles_are_unique_and_counted_from_e1e10)
{
    struct th t;
    uint32_t a = 0, b = 0, c = 0;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 2, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &a),
        VMBP_OK);
    ck_assert_uint_eq(a, VMBP_CONN_GPADL_HANDLE_FIRST);
    /* a caller handle equal to the next one: the allocator skips it */
    ck_assert_int_eq(
        th_gpadl(&t, 2, a + 1, 2, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &b),
        VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 2, 0, 2, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &c),
        VMBP_OK);
    ck_assert_uint_eq(c, a + 2);
    th_snap(&t);
    ck_assert(th_refused(
        &t, th_gpadl(&t, 1, b, 2, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, NULL),
        VMBP_E_SEQ_GPADL_HANDLE, "VMBP-CONN-121"));
    /* a failed GPADL frees its handle */
    ck_assert_int_eq(th_created(&t, 1, a, VMBP_NTSTATUS_UNSUCCESSFUL), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, a, 2, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, NULL),
        VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-122 */
START_TEST(gpadl_messages_go_together_and_created_names_its_channel)
{
    struct th t;
    uint32_t h = 0, i;
    struct vmbp_conn_gpadl_params p;
    struct vmbp_gpa_range r;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(
        &t, th_gpadl(&t, 3, 0, 2, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, NULL),
        VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-122"));
    /* 60 pages: a header and two bodies */
    memset(&p, 0, sizeof(p));
    r.byte_offset = 0;
    r.byte_count = 60u * 4096u;
    r.pfns = t.pfns;
    p.relid = 1;
    p.ranges = &r;
    p.nranges = 1;
    p.purpose = VMBP_CONN_GPADL_BUFFER;
    p.mem = VMBP_CONFIDENTIAL_MEM_PRIVATE;
    ck_assert_int_eq(vmbp_conn_guest_gpadl_create(&t.g, &p, &h, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 3);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_GPADL_HEADER);
    for (i = 1; i < 3; i++)
        ck_assert_int_eq(th_msg_type(&t, i), VMBP_MSG_GPADL_BODY);
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_created(&t, 2, h, 0), VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-122"));
    ck_assert(
        th_refused(&t, th_created(&t, 1, h + 1, 0), VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-122"));
    ck_assert_int_eq(th_created(&t, 1, h, 0), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_GPADL_CREATED);
    /* a bad range list is the plan's refusal */
    r.byte_count = 0;
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_create(&t.g, &p, &h, &t.out),
                         VMBP_E_GPADL_RANGE, "VMBP-GPADL-007"));
}
END_TEST

/* covers: VMBP-CONN-123 */
START_TEST(teardown_and_torndown)
{
    struct th t;
    uint32_t ring, h = 0;

    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    ring = th_ring(&t, 1);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 2, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_teardown(&t.g, 1, h, &t.out),
                         VMBP_E_SEQ_GPADL_STATE, "VMBP-CONN-123"));
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_teardown(&t.g, 2, ring, &t.out),
                         VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-123"));
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_teardown(&t.g, 6, ring, &t.out),
                         VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-123"));
    ck_assert(
        th_refused(&t, th_torndown(&t, 0x123), VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-123"));
    ck_assert(th_refused(&t, th_torndown(&t, ring), VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
    ck_assert_int_eq(vmbp_conn_guest_gpadl_teardown(&t.g, 1, ring, &t.out), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_teardown(&t.g, 1, ring, &t.out),
                         VMBP_E_SEQ_GPADL_STATE, "VMBP-CONN-123"));
    ck_assert_int_eq(th_torndown(&t, ring), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_GPADL_TORNDOWN);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, ring, &(struct vmbp_conn_gpadl_info){0}),
                     VMBP_E_SEQ_UNKNOWN_GPADL);
}
END_TEST

/* covers: VMBP-CONN-124 VMBP-CONF-012 */
START_TEST(gpadls_in_the_memory_the_offer_demands)
{
    struct th t;
    uint32_t buf = 0, ring = 0;

    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL), 0);
    th_up(&t, v60, 0x10, true);
    /* ring confidential only: ring encrypted, buffers host-visible */
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(
        &t,
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE, NULL),
        VMBP_E_SEQ_GPADL_MEMORY, "VMBP-CONN-124"));
    ck_assert(th_refused(
        &t,
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_ENCRYPTED, NULL),
        VMBP_E_SEQ_GPADL_MEMORY, "VMBP-CONN-124"));
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE, &buf),
        VMBP_OK);
    ck_assert_int_eq(th_created(&t, 1, buf, 0), VMBP_OK);
    /* a host-visible buffer cannot serve as the encrypted ring */
    th_snap(&t);
    ck_assert(
        th_refused(&t, th_open(&t, 1, 1, buf, 2), VMBP_E_SEQ_GPADL_MEMORY, "VMBP-CONN-124"));
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_ENCRYPTED, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_created(&t, 1, ring, 0), VMBP_OK);
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    /* both flags: no host-visible GPADL at all */
    ck_assert_int_eq(th_offer(&t, 2, 2, 0,
                              VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER |
                                  VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY),
                     VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(
        &t,
        th_gpadl(&t, 2, 0, 4, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE, NULL),
        VMBP_E_SEQ_GPADL_MEMORY, "VMBP-CONN-124"));
    ck_assert_int_eq(th_gpadl(&t, 2, 0, 4, 0, VMBP_CONFIDENTIAL_MEM_ENCRYPTED, NULL),
                     VMBP_E_INVAL);
    ck_assert_int_eq(th_gpadl(&t, 2, 0, 4, VMBP_CONN_GPADL_BUFFER, 0, NULL), VMBP_E_INVAL);
}
END_TEST

/* ---- modify ------------------------------------------------------------------------------- */

/* covers: VMBP-CONN-125 VMBP-VER-006 */
START_TEST(modify_channel_rules)
{
    struct th t;
    struct vmbp_conn_open_params p;
    uint32_t ring;

    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_4_0, 0, true);
    th_open_chan(&t, 1);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_channel(&t.g, 1, 2, &t.out), VMBP_E_VERSION,
                         "VMBP-CONN-125"));
    /* 5.2: sent, no response expected */
    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_2, 0, true);
    th_open_chan(&t, 1);
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(&t.g, 1, 2, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(&t.g, 1, 3, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 1), VMBP_MSG_MODIFY_CHANNEL);
    /* 5.3: one at a time, answered */
    th_init(&t, NULL, 0);
    th_up(&t, v53, 0, true);
    th_open_chan(&t, 1);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_channel(&t.g, 1, 0xFFFFFFFFu, &t.out),
                         VMBP_E_FIELD_RANGE, "VMBP-CONN-125"));
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_channel(&t.g, 2, 1, &t.out),
                         VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-125"));
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_channel(&t.g, 9, 1, &t.out),
                         VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-125"));
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(&t.g, 1, 2, &t.out), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_channel(&t.g, 1, 3, &t.out),
                         VMBP_E_SEQ_PENDING, "VMBP-CONN-125"));
    ck_assert(
        th_refused(&t, th_modify_resp(&t, 9, 0), VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-125"));
    ck_assert_int_eq(th_modify_resp(&t, 1, VMBP_NTSTATUS_UNSUCCESSFUL), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_MODIFY_CHANNEL_RESULT);
    ck_assert_uint_eq(th_last_event(&t)->value, 2);
    ck_assert_uint_eq(th_last_event(&t)->status, VMBP_NTSTATUS_UNSUCCESSFUL);
    /* a channel opened without interrupts cannot be moved */
    ring = th_ring(&t, 2);
    memset(&p, 0, sizeof(p));
    p.relid = 2;
    p.ring_gpadl = ring;
    p.downstream_offset = 2;
    p.target_vp = VMBP_VP_INDEX_DISABLE_INTERRUPT;
    ck_assert_int_eq(vmbp_conn_guest_open(&t.g, &p, &t.out), VMBP_OK);
    ck_assert_int_eq(th_open_result(&t, 2, 0, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_channel(&t.g, 2, 1, &t.out),
                         VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-125"));
}
END_TEST

/* covers: VMBP-CONN-126 */
START_TEST(modify_connection_rules)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    th_up(&t, v60, 0x20, true);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_connection(&t.g, 1, 2, &t.out),
                         VMBP_E_FEATURE, "VMBP-CONN-126"));
    th_init(&t, NULL, 0);
    th_up(&t, v60, 0x04, true);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_connection(&t.g, 0, 0x2000, &t.out),
                         VMBP_E_FIELD_RANGE, "VMBP-CONN-126"));
    ck_assert_int_eq(vmbp_conn_guest_modify_connection(&t.g, 0x1000, 0x2000, &t.out), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_modify_connection(&t.g, 0x1000, 0x2000, &t.out),
                         VMBP_E_SEQ_PENDING, "VMBP-CONN-126"));
    th_msg(&m, VMBP_MSG_MODIFY_CONNECTION_RESPONSE);
    m.u.modify_connection_response.connection_state = 1;
    ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_MODIFY_CONNECTION_RESULT);
    ck_assert_uint_eq(th_last_event(&t)->status, 1);
}
END_TEST

/* covers: VMBP-CONN-127 */
START_TEST(pause_and_resume)
{
    struct th t;

    th_init(&t, NULL, 0);
    th_up(&t, v60, 0x04, true);
    th_snap(&t);
    ck_assert(
        th_refused(&t, vmbp_conn_guest_pause(&t.g, &t.out), VMBP_E_FEATURE, "VMBP-CONN-127"));
    th_init(&t, NULL, 0);
    th_up(&t, v60, 0x20, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_paused(&t.g), 1);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_pause(&t.g, &t.out), VMBP_E_SEQ_PAUSED,
                         "VMBP-CONN-127"));
    ck_assert(th_refused(&t, vmbp_conn_guest_resume(&t.g, &t.out), VMBP_E_SEQ_CONN_STATE,
                         "VMBP-CONN-127"));
    ck_assert(th_refused(
        &t, th_gpadl(&t, 1, 0, 2, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, NULL),
        VMBP_E_SEQ_PAUSED, "VMBP-CONN-127"));
    /* messages sent before the host saw PAUSE still come */
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_PAUSE_RESPONSE), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_PAUSED);
    ck_assert_int_eq(vmbp_conn_guest_paused(&t.g), 2);
    th_snap(&t);
    ck_assert(th_refused(&t, th_offer(&t, 3, 3, 0, 0), VMBP_E_SEQ_PAUSED, "VMBP-CONN-127"));
    ck_assert_int_eq(vmbp_conn_guest_resume(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, t.out.nmsgs - 1), VMBP_MSG_RESUME);
    ck_assert_int_eq(th_offer(&t, 3, 3, 0, 0), VMBP_OK);
    /* UNLOAD while paused resumes the host */
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_PAUSE_RESPONSE), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_unload(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_paused(&t.g), 0);
    ck_assert_int_eq(th_offer(&t, 4, 4, 0, 0), VMBP_OK);
    /* and a PAUSE answered after UNLOAD is accepted and ends nothing */
    th_init(&t, NULL, 0);
    th_up(&t, v60, 0x20, true);
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_unload(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_PAUSE_RESPONSE), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_paused(&t.g), 0);
}
END_TEST

/* covers: VMBP-CONN-128 */
START_TEST(unload_ends_everything_at_unload_complete)
{
    struct th t;
    const uint32_t v013 = VMBP_VERSION_0_13;
    uint32_t ring, h = 0, i, cancelled = 0;

    th_init(&t, NULL, 0);
    th_up(&t, v013, 0, true);
    th_snap(&t);
    ck_assert(
        th_refused(&t, vmbp_conn_guest_unload(&t.g, &t.out), VMBP_E_VERSION, "VMBP-CONN-128"));
    th_init(&t, NULL, 0);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_unload(&t.g, &t.out), VMBP_E_SEQ_CONN_STATE,
                         "VMBP-CONN-128"));
    th_up(&t, v60, 0x24, true);
    th_snap(&t);
    ck_assert(th_refused(&t, th_empty(&t, VMBP_MSG_UNLOAD_COMPLETE), VMBP_E_SEQ_NO_REQUEST,
                         "VMBP-CONN-128"));
    ring = th_open_chan(&t, 1);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(&t.g, 1, 2, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_teardown(&t.g, 1, ring, &t.out),
                     VMBP_E_SEQ_GPADL_STATE);
    ck_assert_int_eq(
        th_gpadl(&t, 2, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_modify_connection(&t.g, 0x1000, 0x2000, &t.out), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_guest_unload(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_UNLOAD);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_UNLOADING);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_close(&t.g, 1, &t.out), VMBP_E_SEQ_CONN_STATE,
                         "VMBP-CONN-102"));
    ck_assert(th_refused(&t, vmbp_conn_guest_unload(&t.g, &t.out), VMBP_E_SEQ_CONN_STATE,
                         "VMBP-CONN-128"));
    /* in flight: processed */
    ck_assert_int_eq(th_offer(&t, 3, 3, 0, 0), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_UNLOAD_COMPLETE), VMBP_OK);
    for (i = 0; i < t.out.nevents; i++)
        cancelled += t.out.events[i].kind == VMBP_CONN_EV_CANCELLED;
    ck_assert_uint_eq(cancelled, 3); /* the modify, the GPADL, the connection modify */
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_DISCONNECTED);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 1, &(struct vmbp_conn_chan_info){0}),
                     VMBP_E_SEQ_UNKNOWN_RELID);
    /* connect again */
    ck_assert_int_eq(th_connect(&t, &v60, 1, 0), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-129 */
START_TEST(invariants_hold_over_a_long_hostile_walk)
{
    struct th t;
    uint32_t seed = 12345u, step;
    enum vmbp_status st = VMBP_OK;

    th_init(&t, NULL, 0);
    for (step = 0; step < 20000u; step++) {
        uint32_t r, relid, k;

        seed = seed * 1103515245u + 12345u;
        r = seed >> 8;
        relid = (r >> 8) % 6u + 1u;
        k = r % 17u;
        th_out_reset(&t);
        switch (k) {
        case 0:
            (void)th_connect(&t, NULL, 0, r & 0x2f);
            break;
        case 1:
            (void)th_version(&t, (uint8_t)(r >> 4 & 1), 0, 1, r & 0x20, r >> 16);
            break;
        case 2:
            st = vmbp_conn_guest_request_offers(&t.g, &t.out);
            break;
        case 3:
            (void)th_offer(&t, relid, (uint8_t)(r >> 12 & 3), 0, 0);
            break;
        case 4:
            (void)th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, relid);
            break;
        case 5:
            (void)th_gpadl(&t, relid, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE,
                           NULL);
            break;
        case 6:
            (void)th_created(&t, relid, VMBP_CONN_GPADL_HANDLE_FIRST + (r >> 20 & 7), r & 1);
            break;
        case 7:
            (void)th_open(&t, relid, relid, VMBP_CONN_GPADL_HANDLE_FIRST + (r >> 20 & 7), 2);
            break;
        case 8:
            (void)th_open_result(&t, relid, relid, r & 1);
            break;
        case 9:
            st = vmbp_conn_guest_close(&t.g, relid, &t.out);
            break;
        case 10:
            st = vmbp_conn_guest_release(&t.g, relid, &t.out);
            break;
        case 11:
            st = vmbp_conn_guest_gpadl_teardown(
                &t.g, relid, VMBP_CONN_GPADL_HANDLE_FIRST + (r >> 20 & 7), &t.out);
            break;
        case 12:
            (void)th_torndown(&t, VMBP_CONN_GPADL_HANDLE_FIRST + (r >> 20 & 7));
            break;
        case 13:
            st = vmbp_conn_guest_unload(&t.g, &t.out);
            break;
        case 14:
            (void)th_empty(&t, VMBP_MSG_UNLOAD_COMPLETE);
            break;
        case 15:
            (void)th_empty(&t, VMBP_MSG_ALL_OFFERS_DELIVERED);
            break;
        default:
            st = vmbp_conn_guest_modify_channel(&t.g, relid, r & 3, &t.out);
            break;
        }
        (void)st; /* any outcome will do: the invariants below are what is checked */
        ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
    }
}
END_TEST

/* ---- names and queries -------------------------------------------------------------------- */

START_TEST(names_and_bad_arguments)
{
    struct th t;
    struct vmbp_conn_guest_config cfg;

    ck_assert_str_eq(vmbp_conn_state_name(VMBP_CONN_UNLOADING), "UNLOADING");
    ck_assert_str_eq(vmbp_conn_state_name((enum vmbp_conn_state)9), "?");
    ck_assert_str_eq(vmbp_conn_chan_state_name(VMBP_CONN_CHAN_RELEASED), "RELEASED");
    ck_assert_str_eq(vmbp_conn_gpadl_state_name(VMBP_CONN_GPADL_DEVICE), "DEVICE");
    ck_assert_str_eq(vmbp_conn_event_name(VMBP_CONN_EV_MODIFY_CONNECTION), "MODIFY_CONNECTION");
    ck_assert_str_eq(vmbp_conn_event_name(VMBP_CONN_EV_COUNT), "?");
    ck_assert_str_eq(vmbp_conn_request_name(VMBP_CONN_REQ_UNLOAD), "UNLOAD");
    memset(&cfg, 0, sizeof(cfg));
    ck_assert_int_eq(vmbp_conn_guest_init(&t.g, &cfg), VMBP_E_INVAL);
    cfg.channels = t.gc;
    cfg.nchannels = 1;
    cfg.gpadls = t.gg;
    cfg.ngpadls = 1;
    cfg.flags = 0x80;
    ck_assert_int_eq(vmbp_conn_guest_init(&t.g, &cfg), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_check(NULL), VMBP_E_INVAL);
    ck_assert_ptr_null(vmbp_conn_guest_last_rule(NULL));
    th_init(&t, NULL, 0);
    ck_assert_int_eq(vmbp_conn_guest_replay(&t.g, NULL, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(NULL, 1, NULL), VMBP_E_INVAL);
    vmbp_conn_guest_reset(&t.g);
    vmbp_conn_guest_reset(NULL);
    vmbp_conn_out_reset(NULL);
    vmbp_conn_out_init(NULL, NULL, 0, NULL, 0);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
}
END_TEST

/* ---- host -------------------------------------------------------------------------------- */

/* A host at `v` with a guest machine connected through it, offers requested. */
static void host_pair(struct th *t, uint32_t v, uint32_t host_features, uint32_t want)
{
    th_init(t, NULL, 0);
    th_host(t, 0, host_features);
    ck_assert_int_eq(th_connect(t, &v, 1, want), VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t->g, &t->out), VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    th_out_reset(t);
}

static void host_offer(struct th *t, uint32_t relid, uint8_t inst, uint16_t flags)
{
    struct vmbp_msg m;
    uint32_t got = 0;

    th_offer_msg(&m, relid, inst, 0, flags);
    ck_assert_int_eq(vmbp_conn_host_offer(&t->h, &m.u.offer, &got, &t->out), VMBP_OK);
    ck_assert_uint_eq(got, relid ? relid : got);
}

/* A guest ring GPADL created through the host (device accepts) and an open; returns the
 * ring handle. */
static uint32_t host_open(struct th *t, uint32_t relid)
{
    uint32_t ring = 0;

    ck_assert_int_eq(
        th_gpadl(t, relid, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t->h, relid, ring, 0, &t->out), VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    ck_assert_int_eq(th_open(t, relid, relid, ring, 2), VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t->h, relid, 0, &t->out), VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    th_out_reset(t);
    return ring;
}

/* covers: VMBP-CONN-130 */
START_TEST(host_answers_every_contact)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    th_host(&t, VMBP_VERSION_5_3, VMBP_FEATURES_KNOWN);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, 0, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].len, 16);
    ck_assert_uint_eq(t.out.msgs[0].data[8], 0); /* refused */
    ck_assert_uint_eq(th_last_event(&t)->status, 1);
    ck_assert_int_eq(vmbp_conn_host_state(&t.h), VMBP_CONN_DISCONNECTED);
    /* another SINT from 5.0, another VTL from 5.1 */
    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.u.initiate_contact.version_requested = VMBP_VERSION_5_1;
    m.u.initiate_contact.target_sint = 3;
    m.variant = m.u.initiate_contact.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    th_out_reset(&t);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].data[8], 0);
    m.u.initiate_contact.target_sint = 2;
    m.u.initiate_contact.target_vtl = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[1].data[8], 0);
    /* one monitor page: a failure from 2.4, a refusal below */
    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.u.initiate_contact.version_requested = VMBP_VERSION_2_4;
    m.u.initiate_contact.parent_to_child_monitor_gpa = 0x1000;
    m.variant = m.u.initiate_contact.variant = VMBP_MSGV_INITIATE_CONTACT_IPAGE;
    th_out_reset(&t);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].data[8], 1);
    ck_assert_uint_eq(t.out.msgs[0].data[9], VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE);
    ck_assert_int_eq(vmbp_conn_host_state(&t.h), VMBP_CONN_DISCONNECTED);
    m.u.initiate_contact.version_requested = VMBP_VERSION_1_1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[1].data[8], 0);
    /* confidential channels only for a trusted contact */
    th_host(&t, 0, VMBP_FEATURES_KNOWN);
    th_out_reset(&t);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, 0x3f, false), VMBP_OK);
    ck_assert_uint_eq(vmbp_conn_host_ctx(&t.h)->features, 0x2f);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, 0x3f, true), VMBP_OK);
    ck_assert_uint_eq(vmbp_conn_host_ctx(&t.h)->features, 0x3f);
    /* a new contact ends the connection first */
    host_pair(&t, VMBP_VERSION_5_3, 0, 0);
    th_out_reset(&t);
    host_offer(&t, 1, 1, 0);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    host_open(&t, 1);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_5_3, 0, false), VMBP_OK);
    ck_assert_int_eq(t.out.events[0].kind, VMBP_CONN_EV_CLOSE);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_GPADL_TEARDOWN, 1));
    ck_assert(th_has_event(&t, VMBP_CONN_EV_DISCONNECTED, 0));
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONTACT);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-131 */
START_TEST(host_version_response_forms)
{
    struct th t;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0x2f);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_5_3, 0, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].len, 16);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 12), 0x2001);
    th_out_reset(&t);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_4_1, 0, false), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 12), VMBP_VERSION_4_1);
    th_out_reset(&t);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, 0x21, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].len, 20);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 16), 0x21);
}
END_TEST

/* covers: VMBP-CONN-141 VMBP-CONN-131 */
START_TEST(host_gives_monitor_pages_it_has)
{
    struct th t;
    struct vmbp_conn_host_config cfg;
    const uint32_t mp = VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;

    /* no pages configured: the feature is not granted */
    th_init(&t, NULL, 0);
    th_host(&t, 0, VMBP_FEATURES_KNOWN);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, mp | 1u, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].len, 20);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 16), 1u);
    /* with pages: the 40-byte form */
    memset(&cfg, 0, sizeof(cfg));
    cfg.channels = t.hc;
    cfg.nchannels = TH_NCHAN;
    cfg.gpadls = t.hg;
    cfg.ngpadls = TH_NGPADL;
    cfg.words = t.words;
    cfg.words_per_gpadl = TH_WORDS;
    cfg.features = VMBP_FEATURES_KNOWN;
    cfg.monitor_page1 = 0x9000;
    cfg.monitor_page2 = 0x9000; /* one page for both directions */
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &cfg), VMBP_E_INVAL);
    cfg.monitor_page1 = 0x9001;
    cfg.monitor_page2 = 0;
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &cfg), VMBP_E_INVAL);
    cfg.monitor_page1 = 0;
    cfg.monitor_page2 = 0xa000;
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &cfg), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, mp, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].len, 40);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 16), mp);
    ck_assert_uint_eq(vmbp_load_le64(t.out.msgs[0].data + 32), 0xa000);
    /* the guest machine takes them */
    th_init(&t, NULL, 0);
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &cfg), VMBP_OK);
    ck_assert_int_eq(th_connect(&t, &v60, 1, mp | VMBP_FEATURE_MODIFY_CONNECTION), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    {
        uint64_t p1 = 1, p2 = 0;

        ck_assert_int_eq(vmbp_conn_guest_monitor_pages(&t.g, &p1, &p2), VMBP_OK);
        ck_assert(p1 == 0 && p2 == 0xa000);
    }
    /* and keeps them: a MODIFY_CONNECTION is answered with a failure */
    {
        struct vmbp_msg m;

        th_out_reset(&t);
        th_msg(&m, VMBP_MSG_MODIFY_CONNECTION);
        m.u.modify_connection.parent_to_child_monitor_gpa = 0x1000;
        m.u.modify_connection.child_to_parent_monitor_gpa = 0x2000;
        ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_CONN_STATE);
        ck_assert(th_hrule(&t, "VMBP-CONN-141"));
        ck_assert_uint_eq(t.out.nmsgs, 1);
        ck_assert_uint_eq(t.out.msgs[0].data[8], VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE);
    }
}
END_TEST

/* covers: VMBP-CONN-132 VMBP-FEAT-007 */
START_TEST(host_offers_after_request_offers)
{
    struct th t;
    struct vmbp_msg m;
    struct vmbp_conn_chan_info ci;
    uint32_t relid = 0, i;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0x2f);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, 0x2f, false), VMBP_OK);
    th_out_reset(&t);
    host_offer(&t, 3, 3,
               VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER |
                   VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY);
    host_offer(&t, 1, 1, 0);
    ck_assert_uint_eq(t.out.nmsgs, 0); /* not before REQUEST_OFFERS */
    th_offer_msg(&m, 1, 9, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out),
                     VMBP_E_SEQ_RELID_IN_USE);
    ck_assert(th_hrule(&t, "VMBP-CONN-132"));
    th_offer_msg(&m, 5, 1, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out),
                     VMBP_E_SEQ_DUPLICATE_OFFER);
    th_offer_msg(&m, 5, 5, 0, 0);
    m.u.offer.monitor_allocated = 1;
    m.u.offer.monitor_id = 200;
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_E_INVAL);
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 3);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 184), 1); /* ID order */
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[1].data + 184), 3);
    ck_assert_uint_eq(vmbp_load_le16(t.out.msgs[1].data + 56), 0); /* flags cleared */
    ck_assert_int_eq(th_msg_type(&t, 2), VMBP_MSG_ALL_OFFERS_DELIVERED);
    ck_assert_int_eq(vmbp_conn_host_state(&t.h), VMBP_CONN_READY);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_CONN_STATE);
    ck_assert(th_hrule(&t, "VMBP-CONN-132"));
    /* hot add: sent at once, the lowest free ID when none is given */
    th_out_reset(&t);
    th_offer_msg(&m, 0, 4, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, &relid, &t.out), VMBP_OK);
    ck_assert_uint_eq(relid, 2);
    ck_assert_uint_eq(t.out.nmsgs, 1);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 2, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.state, VMBP_CONN_CHAN_OFFERED);
    for (i = 0; i < TH_NCHAN - 3u; i++) {
        th_offer_msg(&m, 0, (uint8_t)(10 + i), 0, 0);
        ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    }
    th_offer_msg(&m, 0, 50, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_E_NOSPACE);
}
END_TEST

/* covers: VMBP-CONN-133 */
START_TEST(host_rescind_and_the_races_it_causes)
{
    struct th t;
    uint32_t ring, h2 = 0;
    struct vmbp_msg m;

    host_pair(&t, VMBP_VERSION_5_3, 0, 0);
    host_offer(&t, 1, 1, 0);
    host_offer(&t, 2, 2, 0);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ring = host_open(&t, 1);
    /* a GPADL at the device and an open at the device on channel 2 */
    ck_assert_int_eq(
        th_gpadl(&t, 2, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h2),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 2, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 2);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_GPADL_CREATED);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 16), VMBP_NTSTATUS_UNSUCCESSFUL);
    ck_assert_int_eq(th_msg_type(&t, 1), VMBP_MSG_RESCIND_CHANNEL_OFFER);
    ck_assert_int_eq(t.out.events[0].kind, VMBP_CONN_EV_CANCELLED);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 2, h2, 0, &t.out),
                     VMBP_E_SEQ_UNKNOWN_GPADL);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 2, &t.out), VMBP_E_SEQ_RESCINDED);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 9, &t.out), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    /* an open at the device is dropped */
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    /* messages that crossed the rescind are no fault of the guest */
    th_msg(&m, VMBP_MSG_OPEN_CHANNEL);
    m.variant = m.u.open_channel.variant = VMBP_MSGV_OPEN_CHANNEL;
    m.u.open_channel.child_relid = 1;
    m.u.open_channel.ring_buffer_gpadl = ring;
    m.u.open_channel.downstream_ring_buffer_page_offset = 2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    th_msg(&m, VMBP_MSG_CLOSE_CHANNEL);
    m.u.close_channel.child_relid = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 0);
    th_msg(&m, VMBP_MSG_MODIFY_CHANNEL);
    m.u.modify_channel.child_relid = 1;
    m.u.modify_channel.target_vp = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_MODIFY_CHANNEL_RESPONSE);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 12), VMBP_NTSTATUS_UNSUCCESSFUL);
    th_msg(&m, VMBP_MSG_GPADL_HEADER);
    m.u.gpadl_header.child_relid = 1;
    m.u.gpadl_header.gpadl = 0x77;
    m.u.gpadl_header.rangecount = 1;
    m.u.gpadl_header.range_buflen = 16;
    m.u.gpadl_header.nwords = 2;
    m.u.gpadl_header.words[0] = VMBP_GPA_RANGE_WORD(4096u, 0u);
    m.u.gpadl_header.words[1] = 5;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 1), VMBP_MSG_GPADL_CREATED);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[1].data + 16), 0);
    th_msg(&m, VMBP_MSG_GPADL_TEARDOWN);
    m.u.gpadl_teardown.child_relid = 1;
    m.u.gpadl_teardown.gpadl = ring;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 2), VMBP_MSG_GPADL_TORNDOWN);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 1, 0, &t.out), VMBP_E_SEQ_NO_REQUEST);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-134 */
START_TEST(host_answers_refused_requests)
{
    struct th t;
    struct vmbp_msg m;
    uint32_t ring, h = 0;

    host_pair(&t, VMBP_VERSION_6_0, VMBP_FEATURES_KNOWN, 0x04);
    host_offer(&t, 1, 1, 0);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    th_msg(&m, VMBP_MSG_GPADL_HEADER);
    m.u.gpadl_header.child_relid = 7;
    m.u.gpadl_header.gpadl = 0x50;
    m.u.gpadl_header.rangecount = 1;
    m.u.gpadl_header.range_buflen = 16;
    m.u.gpadl_header.nwords = 2;
    m.u.gpadl_header.words[0] = VMBP_GPA_RANGE_WORD(4096u, 0u);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_GPADL_CREATED);
    ck_assert(th_hrule(&t, "VMBP-CONN-134"));
    m.u.gpadl_header.child_relid = 1;
    m.u.gpadl_header.words[0] = VMBP_GPA_RANGE_WORD(8192u, 0u); /* needs 2 PFNs */
    m.u.gpadl_header.range_buflen = 24;
    m.u.gpadl_header.nwords = 2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK); /* in progress: a body is owed */
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_GPADL_HANDLE);
    {
        struct vmbp_msg b;

        th_msg(&b, VMBP_MSG_GPADL_BODY);
        b.u.gpadl_body.gpadl = 0x51;
        b.u.gpadl_body.nwords = 1;
        ck_assert_int_eq(th_hfeed(&t, &b, false), VMBP_E_SEQ_UNKNOWN_GPADL);
    }
    ck_assert_uint_eq(t.out.nmsgs, 2);
    /* too large for the host's storage */
    m.u.gpadl_header.gpadl = 0x52;
    m.u.gpadl_header.range_buflen = (uint16_t)(8u * (TH_WORDS + 1u));
    m.u.gpadl_header.words[0] = VMBP_GPA_RANGE_WORD(TH_WORDS * 4096u, 0u);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_NOSPACE);
    /* OPEN_CHANNEL on a missing ring GPADL: answered with a failure */
    th_out_reset(&t);
    th_msg(&m, VMBP_MSG_OPEN_CHANNEL);
    m.variant = m.u.open_channel.variant = VMBP_MSGV_OPEN_CHANNEL;
    m.u.open_channel.child_relid = 1;
    m.u.open_channel.open_id = 5;
    m.u.open_channel.ring_buffer_gpadl = 0x99;
    m.u.open_channel.downstream_ring_buffer_page_offset = 2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_GPADL);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_OPEN_CHANNEL_RESULT);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 16), VMBP_NTSTATUS_UNSUCCESSFUL);
    /* a ring GPADL still at the device, then one split outside it */
    th_out_reset(&t);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    m.u.open_channel.ring_buffer_gpadl = h;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_GPADL_STATE);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, h, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    m.u.open_channel.downstream_ring_buffer_page_offset = 4;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_FIELD_RANGE);
    th_out_reset(&t);
    ring = h;
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 1, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    /* refusals without an answer */
    m.u.open_channel.downstream_ring_buffer_page_offset = 2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_CHAN_STATE);
    th_msg(&m, VMBP_MSG_GPADL_TEARDOWN);
    m.u.gpadl_teardown.child_relid = 1;
    m.u.gpadl_teardown.gpadl = ring;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_GPADL_STATE);
    m.u.gpadl_teardown.gpadl = 0x1234;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_GPADL);
    m.u.gpadl_teardown.child_relid = 6;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_RELID);
    th_msg(&m, VMBP_MSG_CLOSE_CHANNEL);
    m.u.close_channel.child_relid = 6;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_uint_eq(t.out.nmsgs, 0);
    /* modify: answered with a failure */
    th_msg(&m, VMBP_MSG_MODIFY_CHANNEL);
    m.u.modify_channel.child_relid = 1;
    m.u.modify_channel.target_vp = 0xFFFFFFFFu;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_FIELD_RANGE);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[0].data + 12), VMBP_NTSTATUS_UNSUCCESSFUL);
    m.u.modify_channel.child_relid = 6;
    m.u.modify_channel.target_vp = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_RELID);
    th_msg(&m, VMBP_MSG_MODIFY_CONNECTION);
    m.u.modify_connection.child_to_parent_monitor_gpa = 0x1000;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(th_msg_type(&t, t.out.nmsgs - 1), VMBP_MSG_MODIFY_CONNECTION_RESPONSE);
    ck_assert_uint_eq(t.out.msgs[t.out.nmsgs - 1].data[8],
                      VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE);
    /* close the channel, then close again */
    th_msg(&m, VMBP_MSG_CLOSE_CHANNEL);
    m.u.close_channel.child_relid = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CLOSE);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_CHAN_STATE);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-135 */
START_TEST(host_release_rules)
{
    struct th t;
    struct vmbp_msg m;
    struct vmbp_conn_chan_info ci;

    host_pair(&t, VMBP_VERSION_5_3, 0, 0);
    host_offer(&t, 1, 1, 0);
    host_offer(&t, 2, 2, 0);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    host_open(&t, 1);
    th_msg(&m, VMBP_MSG_RELID_RELEASED);
    m.u.relid_released.child_relid = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_CHAN_STATE);
    ck_assert(th_hrule(&t, "VMBP-CONN-135"));
    m.u.relid_released.child_relid = 9;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_RELID);
    /* a closed channel released without a rescind stays registered */
    m.u.relid_released.child_relid = 2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_RELEASED);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 2, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.state, VMBP_CONN_CHAN_RELEASED);
    /* a revoked one frees its ID */
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_close(&t.g, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 1, &t.out), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 1, &t.out), VMBP_E_SEQ_UNKNOWN_RELID);
    m.u.relid_released.child_relid = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 1, &ci), VMBP_E_SEQ_UNKNOWN_RELID);
    host_offer(&t, 1, 7, 0);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-136 */
START_TEST(host_paused)
{
    struct th t;
    struct vmbp_msg m;

    host_pair(&t, VMBP_VERSION_6_0, VMBP_FEATURES_KNOWN, 0x20);
    host_offer(&t, 1, 1, 0);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_paused(&t.g), 2);
    th_out_reset(&t);
    th_msg(&m, VMBP_MSG_CLOSE_CHANNEL);
    m.u.close_channel.child_relid = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_PAUSED);
    ck_assert(th_hrule(&t, "VMBP-CONN-136"));
    th_offer_msg(&m, 2, 2, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_E_SEQ_PAUSED);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 1, &t.out), VMBP_E_SEQ_PAUSED);
    ck_assert_int_eq(vmbp_conn_guest_resume(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_RESUMED, 0));
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-137 */
START_TEST(host_trusted_connection_refuses_untrusted_messages)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    th_host(&t, 0, VMBP_FEATURES_KNOWN);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, 0x10, true), VMBP_OK);
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNTRUSTED);
    ck_assert(th_hrule(&t, "VMBP-CONN-137"));
    ck_assert_int_eq(th_hfeed(&t, &m, true), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-138 */
START_TEST(host_unload_ends_the_connection)
{
    struct th t;
    struct vmbp_conn_chan_info ci;

    host_pair(&t, VMBP_VERSION_5_3, 0, 0);
    host_offer(&t, 1, 1, 0);
    host_offer(&t, 2, 2, 0);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    host_open(&t, 1);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 2, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_guest_unload(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_CLOSE, 1));
    ck_assert(th_has_event(&t, VMBP_CONN_EV_GPADL_TEARDOWN, 1));
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
    ck_assert_int_eq(vmbp_conn_host_state(&t.h), VMBP_CONN_DISCONNECTED);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 1, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.state, VMBP_CONN_CHAN_REGISTERED);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 2, &ci), VMBP_E_SEQ_UNKNOWN_RELID);
    /* offered again on the next connection */
    host_pair(&t, VMBP_VERSION_5_3, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-139 */
START_TEST(host_refuses_the_wrong_direction)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_msg(&m, VMBP_MSG_VERSION_RESPONSE);
    m.variant = m.u.version_response.variant = VMBP_MSGV_VERSION_RESPONSE;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_DIRECTION);
    ck_assert(th_hrule(&t, "VMBP-CONN-139"));
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_NOT_NEGOTIATED);
    th_msg(&m, VMBP_MSG_OPEN_RESERVED_CHANNEL);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_5_3, 0, false), VMBP_OK);
    m.u.open_reserved_channel.child_relid = 1;
    m.u.open_reserved_channel.downstream_ring_buffer_page_offset = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_UNSUPPORTED);
    ck_assert_int_eq(vmbp_conn_host_receive(&t.h, NULL, false, &t.out), VMBP_E_INVAL);
}
END_TEST

START_TEST(host_queries_and_bad_arguments)
{
    struct th t;
    struct vmbp_conn_host_config cfg;
    struct vmbp_conn_gpadl_info gi;
    const struct vmbp_gpadl_reasm *ra;
    struct vmbp_gpa_range r;
    uint32_t ring;

    memset(&cfg, 0, sizeof(cfg));
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &cfg), VMBP_E_INVAL);
    host_pair(&t, VMBP_VERSION_5_3, 0, 0);
    host_offer(&t, 1, 1, 0);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ring = host_open(&t, 1);
    ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 1, ring, &gi), VMBP_OK);
    ck_assert_uint_eq(gi.state, VMBP_CONN_GPADL_CREATED);
    ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 2, ring, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    ra = vmbp_conn_host_gpadl_ranges(&t.h, 1, ring);
    ck_assert_ptr_nonnull(ra);
    ck_assert_int_eq(vmbp_gpadl_reasm_range(ra, 0, &r), VMBP_OK);
    ck_assert_uint_eq(r.byte_count, 4u * 4096u);
    ck_assert_ptr_null(vmbp_conn_host_gpadl_ranges(&t.h, 2, ring));
    ck_assert_ptr_null(vmbp_conn_host_gpadl_ranges(NULL, 1, ring));
    ck_assert_ptr_null(vmbp_conn_host_last_rule(NULL));
    ck_assert_int_eq(vmbp_conn_host_check(NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_gpadl(NULL, 1, 1, NULL), VMBP_E_INVAL);
}
END_TEST

static Suite *conn_suite(void)
{
    Suite *s = suite_create("conn");
    TCase *tc = tcase_create("guest");

    tcase_add_test(tc, received_and_caller_decoded_messages_are_gated);
    tcase_add_test(tc, actions_need_a_connection_and_refusals_change_nothing);
    tcase_add_test(tc, proposals_go_newest_first_then_stop);
    tcase_add_test(tc, connection_ids_and_message_vp);
    tcase_add_test(tc, failed_posts_of_the_contact);
    tcase_add_test(tc, connection_state_is_honoured_from_2_4);
    tcase_add_test(tc, features_requested_and_granted);
    tcase_add_test(tc, monitor_pages_from_the_host);
    tcase_add_test(tc, responses_only_to_pending_requests);
    tcase_add_test(tc, offers_follow_request_offers);
    tcase_add_test(tc, all_offers_delivered_once);
    tcase_add_test(tc, an_offer_never_reuses_a_live_channel_id);
    tcase_add_test(tc, a_second_offer_of_an_instance_is_refused);
    tcase_add_test(tc, confidential_offer_flags_need_the_negotiated_feature);
    tcase_add_test(tc, isolated_guest_takes_the_triaged_classes_only);
    tcase_add_test(tc, tl_connect_result_is_reported);
    tcase_add_test(tc, a_rescind_cancels_the_open_and_keeps_gpadl_requests);
    tcase_add_test(tc, after_a_rescind_close_then_release);
    tcase_add_test(tc, a_released_channel_names_nothing);
    tcase_add_test(tc, open_needs_a_created_ring_gpadl_of_the_channel);
    tcase_add_test(tc, open_result_matches_channel_and_open_id);
    tcase_add_test(tc, close_an_open_channel_then_tear_its_ring_down);
    tcase_add_test(tc, gpadl_handles_are_unique_and_counted_from_e1e10);
    tcase_add_test(tc, gpadl_messages_go_together_and_created_names_its_channel);
    tcase_add_test(tc, teardown_and_torndown);
    tcase_add_test(tc, gpadls_in_the_memory_the_offer_demands);
    tcase_add_test(tc, modify_channel_rules);
    tcase_add_test(tc, modify_connection_rules);
    tcase_add_test(tc, pause_and_resume);
    tcase_add_test(tc, unload_ends_everything_at_unload_complete);
    tcase_add_test(tc, invariants_hold_over_a_long_hostile_walk);
    tcase_add_test(tc, names_and_bad_arguments);
    suite_add_tcase(s, tc);
    tc = tcase_create("host");
    tcase_add_test(tc, host_answers_every_contact);
    tcase_add_test(tc, host_version_response_forms);
    tcase_add_test(tc, host_gives_monitor_pages_it_has);
    tcase_add_test(tc, host_offers_after_request_offers);
    tcase_add_test(tc, host_rescind_and_the_races_it_causes);
    tcase_add_test(tc, host_answers_refused_requests);
    tcase_add_test(tc, host_release_rules);
    tcase_add_test(tc, host_paused);
    tcase_add_test(tc, host_trusted_connection_refuses_untrusted_messages);
    tcase_add_test(tc, host_unload_ends_the_connection);
    tcase_add_test(tc, host_refuses_the_wrong_direction);
    tcase_add_test(tc, host_queries_and_bad_arguments);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(conn_suite)
