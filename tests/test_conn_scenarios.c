/* SPDX-License-Identifier: MIT */
/* vmbp_conn.h against what the peers send: every legitimate sequence the anchors' hosts
 * produce (OpenVMM's server, whose sequencing the host machine follows; Hyper-V as Linux
 * documents it in channel_mgmt.c and connection.c) is accepted by the guest machine, and
 * what real guests send is accepted by the host machine. Each scenario names its source. */
#include "conn_harness.h"
#include "unit.h"

/* One guest message, as the host machine receives it. */
static enum vmbp_status to_host(struct th *t, const struct vmbp_msg *m)
{
    return th_hfeed(t, m, false);
}

/* Hyper-V on Windows Server 2022 speaks 5.3: Linux proposes 6.0 first (`vmbus_connect`,
 * newest first, default max_version 6.0), the host refuses, 5.3 is accepted and later
 * messages go to the host's msg_conn_id. Boot-time offers end with ALL_OFFERS_DELIVERED;
 * an SR-IOV VF is offered later (channel_mgmt.c `vmbus_onoffers_delivered`: offers "can be
 * received at any time after the all-offers-delivered message"). */
START_TEST(linux_against_a_5_3_host_with_a_late_vf)
{
    struct th t;
    const uint32_t linux_versions[] = {VMBP_VERSION_6_0, VMBP_VERSION_5_3, VMBP_VERSION_5_2,
                                       VMBP_VERSION_5_1, VMBP_VERSION_5_0, VMBP_VERSION_4_1,
                                       VMBP_VERSION_4_0, VMBP_VERSION_3_0, VMBP_VERSION_2_4};

    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, linux_versions, 9, 0), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].connection_id, VMBP_MESSAGE_CONNECTION_ID_MULTICLIENT);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[1].data + 8), VMBP_VERSION_5_3);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2004, false, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[2].connection_id, 0x2004);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);  /* SCSI */
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);  /* NIC */
    ck_assert_int_eq(th_offer(&t, 14, 3, 0, 0), VMBP_OK); /* KVP: IDs need not be dense */
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_ALL_OFFERS_DELIVERED), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 15, 4, 0, 0), VMBP_OK); /* the VF, hot added */
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_READY);
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
}
END_TEST

/* Hyper-V before 5.0 (Windows Server 2012 R2, 3.0) has no connection ID 4: posting a 5.x or
 * 6.0 proposal fails with HV_STATUS_INVALID_CONNECTION_ID, and Linux moves on
 * (connection.c `vmbus_post_msg`: "-EINVAL immediately"; the version loop goes on). The
 * host then refuses 4.1 and 4.0 and accepts 3.0, on connection ID 1. */
START_TEST(a_3_0_host_rejects_connection_id_4)
{
    struct th t;

    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, NULL, 0, 0), VMBP_OK);
    ck_assert_int_eq(
        vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_INVALID_CONNECTION_ID, &t.out),
        VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[1].data + 8), VMBP_VERSION_4_1);
    ck_assert_uint_eq(t.out.msgs[1].connection_id, VMBP_MESSAGE_CONNECTION_ID);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    ck_assert_uint_eq(vmbp_load_le32(t.out.msgs[3].data + 8), VMBP_VERSION_3_0);
    /* below 5.0 the last field carries the version (OpenVMM), not a connection ID */
    ck_assert_int_eq(th_version(&t, 1, 0, VMBP_VERSION_3_0, false, 0), VMBP_OK);
    ck_assert_uint_eq(vmbp_conn_guest_ctx(&t.g)->version, VMBP_VERSION_3_0);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[t.out.nmsgs - 1].connection_id, VMBP_MESSAGE_CONNECTION_ID);
}
END_TEST

/* The whole life of a channel against OpenVMM's server sequencing (vmbus_server
 * channels.rs): OpenHCL's client asks for 0x2F (vmbus_client lib.rs), the server grants
 * what it supports; GPADL, open with the echoed open ID, modify answered from Iron, close,
 * teardown, unload. */
START_TEST(openvmm_host_whole_channel_life)
{
    struct th t;
    const uint32_t v = VMBP_VERSION_6_0;
    struct vmbp_msg m;
    uint32_t ring = 0;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0x6F);
    th_offer_msg(&m, 0, 1, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_connect(&t, &v, 1, 0x2F), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_uint_eq(vmbp_conn_guest_ctx(&t.g)->features, 0x2F);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_READY);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 8, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(th_open(&t, 1, 0, ring, 4), VMBP_OK); /* OpenHCL's open ID is 0 */
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 1, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(&t.g, 1, 3, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_MODIFY_CHANNEL_RESULT, 1));
    ck_assert_int_eq(vmbp_conn_guest_close(&t.g, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_teardown(&t.g, 1, ring, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_GPADL_TORNDOWN, 1));
    ck_assert_int_eq(vmbp_conn_guest_unload(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
    ck_assert_int_eq(vmbp_conn_host_state(&t.h), VMBP_CONN_DISCONNECTED);
}
END_TEST

/* OpenVMM `revoke()`: a GPADL the device has not accepted yet fails (GPADL_CREATED with
 * STATUS_UNSUCCESSFUL) before the rescind; an open at the device gets no result; the guest
 * releases, and the device's channel may be offered again with the same ID
 * (`client_release_channel`, `Reoffered`). */
START_TEST(openvmm_revoke_fails_device_work_first)
{
    struct th t;
    const uint32_t v = VMBP_VERSION_5_3;
    struct vmbp_msg m;
    uint32_t ring = 0, buf = 0;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_offer_msg(&m, 5, 1, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_connect(&t, &v, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 5, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 5, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(th_open(&t, 5, 5, ring, 2), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 5, 0, 2, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &buf),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK); /* both at the device now */
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 5, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_GPADL_CREATED);
    ck_assert_int_eq(th_msg_type(&t, 1), VMBP_MSG_RESCIND_CHANNEL_OFFER);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_GPADL_CREATED, 5));
    ck_assert(th_has_event(&t, VMBP_CONN_EV_RESCIND, 5));
    ck_assert(th_has_event(&t, VMBP_CONN_EV_CANCELLED, 5)); /* the open */
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 5, 0, &t.out), VMBP_E_SEQ_NO_REQUEST);
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 5, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_offer_msg(&m, 5, 1, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_OFFER, 5));
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* OpenVMM `gpadl_completed`: a GPADL whose last body arrives after the channel was revoked
 * "is allowed ... immediately send a success response": GPADL_CREATED follows the rescind. */
START_TEST(openvmm_gpadl_created_after_the_rescind)
{
    struct th t;
    const uint32_t v = VMBP_VERSION_5_3;
    struct vmbp_msg m;
    uint32_t h = 0;
    struct vmbp_conn_msg body;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_offer_msg(&m, 2, 2, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_connect(&t, &v, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    /* 40 pages: a header and a body; the host takes the header, then revokes */
    ck_assert_int_eq(
        th_gpadl(&t, 2, 0, 40, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 2);
    body = t.out.msgs[1];
    ck_assert_int_eq(vmbp_conn_host_receive_bytes(&t.h, t.out.msgs[0].data, t.out.msgs[0].len,
                                                  false, &t.out),
                     VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 2, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 1); /* only the rescind: the GPADL is still in progress */
    ck_assert_int_eq(vmbp_conn_host_receive_bytes(&t.h, body.data, body.len, false, &t.out),
                     VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 1), VMBP_MSG_GPADL_CREATED);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_GPADL_CREATED, 2));
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 2, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 2, &(struct vmbp_conn_chan_info){0}),
                     VMBP_E_SEQ_UNKNOWN_RELID);
}
END_TEST

/* Sub-channels (netvsc, storvsc) are offered after the primary is open, with its class and
 * instance and a non-zero sub-channel index (Linux channel_mgmt.c `vmbus_process_offer`:
 * "Process the sub-channel"; OpenVMM `subchannel_index`). */
START_TEST(subchannels_after_the_primary_opens)
{
    struct th t;
    uint32_t i;

    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_3, 0, true);
    th_open_chan(&t, 1);
    for (i = 1; i <= 4; i++)
        ck_assert_int_eq(th_offer(&t, 20 + i, 1, (uint16_t)i, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
}
END_TEST

/* Offers and rescinds are ordered: "offer comes in first and then the rescind" (Linux
 * channel_mgmt.c `vmbus_onoffer_rescind`); a hot-removed device is rescinded before the
 * guest ever opens it, and released at once. */
START_TEST(hot_add_then_hot_remove)
{
    struct th t;

    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_3, 0, true);
    ck_assert_int_eq(th_offer(&t, 9, 9, 0, 0), VMBP_OK);
    ck_assert_int_eq(th_relid_msg(&t, VMBP_MSG_RESCIND_CHANNEL_OFFER, 9), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 9, &t.out), VMBP_OK);
    ck_assert_int_eq(th_msg_type(&t, 0), VMBP_MSG_RELID_RELEASED);
    ck_assert_int_eq(th_offer(&t, 9, 9, 0, 0), VMBP_OK);
}
END_TEST

/* OpenHCL as the paravisor of a hardware-isolated VM: a trusted contact gets
 * CONFIDENTIAL_CHANNELS (channels.rs `check_version_supported`); its own devices offer a
 * confidential ring ("All non-relay channels are capable of using a confidential ring
 * buffer", channels.rs), relayed host channels come with 0x2 and 0x4 stripped
 * (vmbus_relay lib.rs). Linux 6.19 requests 0x10 when confidential (connection.c). */
START_TEST(openhcl_confidential_connection)
{
    struct th t;
    const uint32_t v = VMBP_VERSION_6_0;
    struct vmbp_msg m;
    struct vmbp_conn_chan_info ci;
    uint32_t ring = 0;

    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL), 0);
    th_host(&t, 0, VMBP_FEATURES_KNOWN);
    th_offer_msg(&m, 1, 1, 0, VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    th_offer_msg(&m, 2, 2, 0, 0); /* relayed */
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_connect(&t, &v, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, true), VMBP_OK);
    ck_assert_uint_eq(vmbp_conn_guest_ctx(&t.g)->features, 0x10);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, true), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 1, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.mem.ring, VMBP_CONFIDENTIAL_MEM_ENCRYPTED);
    ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 2, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.mem.ring, VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_ENCRYPTED, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, true), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, true), VMBP_OK);
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, true), VMBP_OK);
    /* an untrusted message on this connection is refused by the paravisor */
    ck_assert_int_eq(vmbp_conn_guest_close(&t.g, 2, &t.out), VMBP_E_SEQ_CHAN_STATE);
    th_msg(&m, VMBP_MSG_MODIFY_CHANNEL);
    m.u.modify_channel.child_relid = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNTRUSTED);
}
END_TEST

/* Detection by probing (mu_msvm `VmbusRootInitiateContact`, the documentation patch): the
 * confidential contact cannot be posted to the paravisor, the guest falls back, drops 0x10
 * and contacts the host, which offers its channels without confidential flags. */
START_TEST(probe_falls_back_to_the_host)
{
    struct th t;
    const uint32_t vs[] = {VMBP_VERSION_6_0, VMBP_VERSION_3_0};
    struct vmbp_msg m;

    th_init(&t, th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_PROBE), 0);
    th_host(&t, 0, 0x6F);
    th_offer_msg(&m, 1, 1, 0, VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(th_connect(&t, vs, 2, 0x08), VMBP_OK);
    th_out_reset(&t); /* the post failed: the host never sees it */
    ck_assert_int_eq(
        vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_INVALID_PARAMETER, &t.out),
        VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONTACT_FALLBACK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_CONNECTED);
    ck_assert_uint_eq(vmbp_conn_guest_ctx(&t.g)->features, 0x08);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_OFFER, 1));
}
END_TEST

/* OpenVMM's client stops for save: PAUSE, drain until PAUSE_RESPONSE, RESUME
 * (vmbus_client `handle_stop`); the server queues what it would send meanwhile
 * (channels.rs `MessageSender`, `handle_pause`). */
START_TEST(pause_for_save_then_resume)
{
    struct th t;
    const uint32_t v = VMBP_VERSION_6_0;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0x6F);
    ck_assert_int_eq(th_connect(&t, &v, 1, 0x2F), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_PAUSED, 0));
    th_offer_msg(&m, 3, 3, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_E_SEQ_PAUSED);
    ck_assert_int_eq(vmbp_conn_guest_resume(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_OFFER, 3));
}
END_TEST

/* UNLOAD crosses a hot add and a rescind the host already sent: the guest processes them,
 * then UNLOAD_COMPLETE (OpenVMM `request_disconnect` runs when UNLOAD is processed; Linux
 * `vmbus_initiate_unload` waits for the response). After the reconnect the host offers the
 * same IDs again ("Some guests expects channel IDs to stay consistent across hibernation",
 * `handle_request_offers`). */
START_TEST(unload_crossing_host_messages_then_reconnect)
{
    struct th t;
    const uint32_t v = VMBP_VERSION_5_3;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_offer_msg(&m, 4, 4, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_connect(&t, &v, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    /* the host sends, the guest unloads, neither has seen the other's yet */
    th_offer_msg(&m, 6, 6, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 4, &t.out), VMBP_OK);
    {
        struct vmbp_conn_msg host_msgs[2];
        uint32_t i;

        memcpy(host_msgs, t.out.msgs, sizeof(host_msgs));
        th_out_reset(&t);
        ck_assert_int_eq(vmbp_conn_guest_unload(&t.g, &t.out), VMBP_OK);
        for (i = 0; i < 2; i++)
            ck_assert_int_eq(vmbp_conn_guest_receive_bytes(&t.g, host_msgs[i].data,
                                                           host_msgs[i].len, &t.out),
                             VMBP_OK);
    }
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
    th_out_reset(&t);
    ck_assert_int_eq(th_connect(&t, &v, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_OFFER, 6));
    ck_assert(!th_has_event(&t, VMBP_CONN_EV_OFFER, 4)); /* revoked meanwhile */
}
END_TEST

/* Before 5.3 the host never answers MODIFY_CHANNEL (Linux `vmbus_send_modifychannel`
 * picks the path without a wait; OpenVMM `send_modify_channel_response` only from Iron). */
START_TEST(modify_before_5_3_is_not_answered)
{
    struct th t;
    const uint32_t v = VMBP_VERSION_5_2;
    struct vmbp_msg m;
    uint32_t ring = 0;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_offer_msg(&m, 1, 1, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_connect(&t, &v, 1, 0), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_E_SEQ_UNKNOWN_RELID); /* the offer is not in yet */
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 1, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(&t.g, 1, 2, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_MODIFY_CHANNEL, 1));
    ck_assert(!th_has_event(&t, VMBP_CONN_EV_MODIFY_CHANNEL_RESULT, 1));
}
END_TEST

/* Windows Server 2008 (0.13): offers are 190 bytes (mu_msvm
 * `VMBUS_CHANNEL_OFFER_CHANNEL_SIZE_PRE_WIN7`); OpenVMM sends 196 to V1 guests, "which will
 * ignore them" (`send_offer`). Both are accepted. */
START_TEST(a_0_13_host_offers_either_length)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_0_13, 0, true);
    th_offer_msg(&m, 1, 1, 0, 0);
    m.variant = m.u.offer.variant = VMBP_MSGV_OFFER_CHANNEL_V1;
    m.u.offer.is_dedicated_interrupt = 0;
    m.u.offer.connection_id = 0;
    ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK); /* 196 bytes */
}
END_TEST

/* What real guests send, as the host machine receives it. UEFI (mu_msvm VmbusChannel.c)
 * always posts 240-byte GPADL messages: OpenVMM uses only the words the GPADL still needs
 * ("some clients (e.g. UEFI) always pass the maximum message length"). Linux sends
 * CLOSECHANNEL for a channel the host rescinded (channel.c `vmbus_close_internal` does not
 * look at `rescind`); OpenVMM ignores it (`handle_close_channel`, Revoked). */
START_TEST(host_accepts_uefi_and_linux_habits)
{
    struct th t;
    struct vmbp_msg m;
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_offer_msg(&m, 1, 1, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, 0x08, false), VMBP_OK);
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(to_host(&t, &m), VMBP_OK);
    /* a one-page GPADL in a 240-byte GPADL_HEADER */
    th_msg(&m, VMBP_MSG_GPADL_HEADER);
    m.u.gpadl_header.child_relid = 1;
    m.u.gpadl_header.gpadl = 0x100;
    m.u.gpadl_header.rangecount = 1;
    m.u.gpadl_header.range_buflen = 16;
    m.u.gpadl_header.nwords = 2;
    m.u.gpadl_header.words[0] = VMBP_GPA_RANGE_WORD(4096u, 0u);
    m.u.gpadl_header.words[1] = 0x77;
    ck_assert_int_eq(vmbp_msg_encode(&m, buf, sizeof(buf), &len), VMBP_OK);
    memset(buf + len, 0xAB, sizeof(buf) - len);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_host_receive_bytes(&t.h, buf, sizeof(buf), false, &t.out),
                     VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_GPADL_READY);
    /* Linux closes a rescinded channel with CLOSECHANNEL */
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 1, &t.out), VMBP_OK);
    th_msg(&m, VMBP_MSG_CLOSE_CHANNEL);
    m.u.close_channel.child_relid = 1;
    ck_assert_int_eq(to_host(&t, &m), VMBP_OK);
    th_msg(&m, VMBP_MSG_RELID_RELEASED);
    m.u.relid_released.child_relid = 1;
    ck_assert_int_eq(to_host(&t, &m), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

static Suite *conn_scenarios_suite(void)
{
    Suite *s = suite_create("conn_scenarios");
    TCase *tc = tcase_create("peers");

    tcase_add_test(tc, linux_against_a_5_3_host_with_a_late_vf);
    tcase_add_test(tc, a_3_0_host_rejects_connection_id_4);
    tcase_add_test(tc, openvmm_host_whole_channel_life);
    tcase_add_test(tc, openvmm_revoke_fails_device_work_first);
    tcase_add_test(tc, openvmm_gpadl_created_after_the_rescind);
    tcase_add_test(tc, subchannels_after_the_primary_opens);
    tcase_add_test(tc, hot_add_then_hot_remove);
    tcase_add_test(tc, openhcl_confidential_connection);
    tcase_add_test(tc, probe_falls_back_to_the_host);
    tcase_add_test(tc, pause_for_save_then_resume);
    tcase_add_test(tc, unload_crossing_host_messages_then_reconnect);
    tcase_add_test(tc, modify_before_5_3_is_not_answered);
    tcase_add_test(tc, a_0_13_host_offers_either_length);
    tcase_add_test(tc, host_accepts_uefi_and_linux_habits);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(conn_scenarios_suite)
