/* SPDX-License-Identifier: MIT */
/* vmbp_conn.h at its edges: bad arguments to every function, an output whose bookkeeping
 * the caller broke, fields only the codec refuses, replayed messages the machine does not
 * follow, handle wrap-around, the invariant checkers against corrupted tables, and host paths
 * a guest machine never takes (bad GPADL bodies, TL_CONNECT_REQUEST, messages decoded by
 * the caller with a richer state). */
#include "conn_harness.h"
#include "unit.h"
#include "../reference/vmbp_conn_priv.h" /* the private flag bits */

/* A host at `v` with a guest machine connected through it, offers requested and
 * delivered. */
static void pair_up(struct th *t, uint32_t v, uint32_t features)
{
    th_init(t, NULL, 0);
    th_host(t, 0, features);
    ck_assert_int_eq(th_connect(t, &v, 1, features), VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t->g, &t->out), VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    th_out_reset(t);
}

static void pair_offer(struct th *t, uint32_t relid)
{
    struct vmbp_msg m;

    th_offer_msg(&m, relid, (uint8_t)relid, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t->h, &m.u.offer, NULL, &t->out), VMBP_OK);
    ck_assert_int_eq(th_pump(t, false), VMBP_OK);
    th_out_reset(t);
}

/* covers: VMBP-CONN-101 */
START_TEST(null_arguments_are_refused_everywhere)
{
    struct th t;
    struct vmbp_conn_connect c;
    struct vmbp_conn_gpadl_params gp;
    struct vmbp_conn_open_params op;
    struct vmbp_msg m;
    struct vmbp_conn_chan_info ci;
    struct vmbp_conn_gpadl_info gi;
    uint8_t buf[8] = {0};
    uint32_t h = 0;

    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    th_host(&t, 0, 0);
    memset(&c, 0, sizeof(c));
    memset(&gp, 0, sizeof(gp));
    memset(&op, 0, sizeof(op));
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(vmbp_conn_guest_init(NULL, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_connect(NULL, &c, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_connect(&t.g, NULL, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_connect(&t.g, &c, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_contact_failed(NULL, 1, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_contact_failed(&t.g, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_create(NULL, &gp, &h, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_create(&t.g, NULL, &h, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_create(&t.g, &gp, &h, NULL), VMBP_E_INVAL);
    gp.nranges = 1; /* ranges NULL */
    ck_assert_int_eq(vmbp_conn_guest_gpadl_create(&t.g, &gp, &h, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_teardown(NULL, 1, 1, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_teardown(&t.g, 1, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_open(NULL, &op, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_open(&t.g, NULL, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_close(NULL, 1, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_close(&t.g, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_release(NULL, 1, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_release(&t.g, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(NULL, 1, 0, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_modify_channel(&t.g, 1, 0, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_modify_connection(NULL, 0, 0, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_modify_connection(&t.g, 0, 0, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_pause(NULL, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_resume(NULL, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_resume(&t.g, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_unload(NULL, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_unload(&t.g, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_receive(NULL, &m, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_receive(&t.g, NULL, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_receive(&t.g, &m, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_receive_bytes(NULL, buf, 8, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_receive_bytes(&t.g, NULL, 8, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_receive_bytes(&t.g, buf, 8, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_replay(NULL, &m, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_replay(&t.g, &m, NULL), VMBP_E_INVAL);
    ck_assert_ptr_null(vmbp_conn_guest_ctx(NULL));
    ck_assert_int_eq(vmbp_conn_guest_state(NULL), VMBP_CONN_DISCONNECTED);
    ck_assert_int_eq(vmbp_conn_guest_paused(NULL), 0);
    ck_assert_uint_eq(vmbp_conn_guest_message_vp(NULL), 0);
    ck_assert_int_eq(vmbp_conn_guest_chan(NULL, 1, &ci), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_init(NULL, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_offer(NULL, &m.u.offer, &h, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, NULL, &h, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, &h, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_rescind(NULL, 1, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_open_complete(NULL, 1, 0, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 1, 0, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(NULL, 1, 1, 0, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, 1, 0, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_receive(NULL, &m, false, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_receive(&t.h, NULL, false, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_receive(&t.h, &m, false, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_receive_bytes(NULL, buf, 8, false, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_receive_bytes(&t.h, NULL, 8, false, &t.out), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_receive_bytes(&t.h, buf, 8, false, NULL), VMBP_E_INVAL);
    ck_assert_ptr_null(vmbp_conn_host_ctx(NULL));
    ck_assert_int_eq(vmbp_conn_host_state(NULL), VMBP_CONN_DISCONNECTED);
    ck_assert_int_eq(vmbp_conn_host_chan(NULL, 1, &ci), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 1, 1, NULL), VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 0, &ci), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 1, 0, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    /* the machines are as they were */
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs + t.out.nevents, 0);
}
END_TEST

/* covers: VMBP-CONN-101 */
START_TEST(an_output_with_broken_bookkeeping_is_refused)
{
    struct th t;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_snap(&t);
    t.out.nmsgs = TH_MSGS + 1u; /* more used than there is */
    ck_assert_int_eq(th_connect(&t, NULL, 0, 0), VMBP_E_INVAL);
    ck_assert_ptr_null(vmbp_conn_guest_last_rule(&t.g));
    t.out.nmsgs = 0;
    t.out.nevents = TH_EVENTS + 1u;
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_5_3, 0, false), VMBP_E_INVAL);
    t.out.nevents = 0;
    ck_assert(th_unchanged(&t));
    ck_assert_int_eq(vmbp_conn_host_state(&t.h), VMBP_CONN_DISCONNECTED);
}
END_TEST

/* covers: VMBP-CONN-101 */
START_TEST(open_fields_the_codec_refuses_are_refused)
{
    struct th t;
    struct vmbp_conn_open_params p;
    uint32_t v = VMBP_VERSION_6_0, ring;

    th_init(&t, NULL, 0);
    th_up(&t, v, VMBP_FEATURES_OPEN_SIGNAL, true);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    ring = th_ring(&t, 2);
    memset(&p, 0, sizeof(p));
    p.relid = 2;
    p.open_id = 7;
    p.ring_gpadl = ring;
    p.downstream_offset = 2;
    p.flags = 0x8000; /* a reserved bit of the 156-byte form (VMBP-CHAN-002) */
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_open(&t.g, &p, &t.out), VMBP_E_RSVD_NONZERO,
                         "VMBP-CONN-101"));
    p.flags = VMBP_OPEN_FLAG_REDIRECT_INTERRUPT;
    ck_assert_int_eq(vmbp_conn_guest_open(&t.g, &p, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].len, 156);
}
END_TEST

/* covers: VMBP-CONN-121 */
START_TEST(gpadl_handles_wrap_past_zero)
{
    struct th t;
    struct vmbp_conn_gpadl_info gi;
    uint32_t h = 0;

    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_3, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    /* the caller took the last handle; the machine's next candidate is the one before */
    ck_assert_int_eq(th_gpadl(&t, 1, 0xFFFFFFFFu, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
                     VMBP_OK);
    t.g.next_gpadl = 0xFFFFFFFEu;
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    ck_assert_uint_eq(h, 0xFFFFFFFEu);
    /* 0xFFFFFFFF is in use, 0 names no GPADL: 1 */
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    ck_assert_uint_eq(h, 1);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, 1, &gi), VMBP_OK);
    ck_assert_uint_eq(gi.handle, 1);
    ck_assert_uint_eq(gi.relid, 1);
    ck_assert_uint_eq(gi.state, VMBP_CONN_GPADL_CREATING);
    ck_assert_uint_eq(gi.pages, 0);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, 2, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    /* 2 is taken by the caller: the one after skips it */
    ck_assert_int_eq(
        th_gpadl(&t, 1, 2, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    ck_assert_uint_eq(h, 3);
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
}
END_TEST

static enum vmbp_status replay(struct th *t, struct vmbp_msg *m)
{
    return vmbp_conn_guest_replay(&t->g, m, &t->out);
}

/* covers: VMBP-CONN-103 */
START_TEST(replayed_messages_the_machine_does_not_follow)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    /* a version this library does not know */
    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    m.u.initiate_contact.variant = m.variant;
    m.u.initiate_contact.version_requested = VMBP_MAKE_VERSION(5, 9);
    m.u.initiate_contact.target_sint = VMBP_MSG_SINT;
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103"));
    /* connected at 5.0 by replay; TL_CONNECT_REQUEST is followed as an accepted action */
    m.u.initiate_contact.version_requested = VMBP_VERSION_5_0;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, false, 0), VMBP_OK);
    th_msg(&m, VMBP_MSG_TL_CONNECT_REQUEST);
    m.variant = VMBP_MSGV_TL_CONNECT_REQUEST; /* the silo form is 6.0's */
    m.u.tl_connect_request.variant = m.variant;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_ptr_null(vmbp_conn_guest_last_rule(&t.g));
    /* a reserved channel: not followed */
    th_msg(&m, VMBP_MSG_OPEN_RESERVED_CHANNEL);
    m.u.open_reserved_channel.child_relid = 1;
    m.u.open_reserved_channel.downstream_ring_buffer_page_offset = 1;
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_UNSUPPORTED, "VMBP-CONN-101"));
}
END_TEST

/* covers: VMBP-CONN-103 VMBP-CONF-016 */
START_TEST(replay_of_a_contact_an_isolated_vm_may_not_make)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, th_plan(&t, false, VMBP_CONFIDENTIAL_MODE_DIRECT), VMBP_CONN_GUEST_F_REPLAY);
    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.variant = VMBP_MSGV_INITIATE_CONTACT_IPAGE;
    m.u.initiate_contact.variant = m.variant;
    m.u.initiate_contact.version_requested = VMBP_VERSION_4_0;
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103"));
    /* nor ask the host for its monitor pages (VMBP-CONF-016) */
    m.variant = VMBP_MSGV_INITIATE_CONTACT_FEATURES;
    m.u.initiate_contact.variant = m.variant;
    m.u.initiate_contact.version_requested = VMBP_VERSION_6_0;
    m.u.initiate_contact.target_sint = VMBP_MSG_SINT;
    m.u.initiate_contact.feature_flags = VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_FEATURE, "VMBP-CONF-016"));
    m.u.initiate_contact.feature_flags = 0;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
}
END_TEST

/* ---- the invariant checkers -------------------------------------------------------------- */

/* A guest with an open channel 1 (ring GPADL), an offered channel 2 with a buffer GPADL. */
static void rich_guest(struct th *t)
{
    uint32_t h = 0;

    th_init(t, NULL, 0);
    th_up(t, VMBP_VERSION_5_3, 0, true);
    (void)th_open_chan(t, 1);
    ck_assert_int_eq(th_offer(t, 2, 2, 0, 0), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(t, 2, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_OK);
    th_out_reset(t);
    ck_assert_int_eq(vmbp_conn_guest_check(&t->g), VMBP_OK);
    th_snap(t);
}

static struct vmbp_conn_gchan *gchan(struct th *t, uint32_t relid)
{
    unsigned i;

    for (i = 0; i < TH_NCHAN; i++)
        if (t->gc[i].relid == relid)
            return &t->gc[i];
    ck_abort_msg("no channel %u", relid);
    return NULL;
}

static struct vmbp_conn_ggpadl *ggpadl_of(struct th *t, uint32_t relid)
{
    unsigned i;

    for (i = 0; i < TH_NGPADL; i++)
        if (t->gg[i].handle && t->gg[i].relid == relid)
            return &t->gg[i];
    ck_abort_msg("no GPADL of %u", relid);
    return NULL;
}

/* The corruption is caught, then undone. */
static void corrupt_caught(struct th *t, int line)
{
    ck_assert_msg(vmbp_conn_guest_check(&t->g) == VMBP_E_STATE, "corruption of line %d missed",
                  line);
    memcpy(&t->g, &t->sg, sizeof(t->g));
    memcpy(t->gc, t->sgc, sizeof(t->gc));
    memcpy(t->gg, t->sgg, sizeof(t->gg));
    ck_assert_int_eq(vmbp_conn_guest_check(&t->g), VMBP_OK);
}
#define CAUGHT(t) corrupt_caught((t), __LINE__)

/* covers: VMBP-CONN-129 */
START_TEST(guest_checker_catches_corrupted_tables)
{
    struct th t;
    struct vmbp_conn_gchan *c;

    rich_guest(&t);
    gchan(&t, 2)->relid = VMBP_RELID_MAX + 1u;
    CAUGHT(&t);
    gchan(&t, 2)->flags = 0x80;
    CAUGHT(&t);
    gchan(&t, 2)->relid = 1; /* twice */
    CAUGHT(&t);
    gchan(&t, 2)->ring_gpadl = 5; /* OFFERED with a ring */
    CAUGHT(&t);
    c = gchan(&t, 1);
    c->state = VMBP_CONN_CHAN_OPENING;
    c->flags |= VMBP_CONN_CHAN_F_RESCINDED; /* a rescind cancels the open */
    CAUGHT(&t);
    gchan(&t, 1)->ring_gpadl = 0x1234; /* OPEN without its ring */
    CAUGHT(&t);
    gchan(&t, 1)->state = 9;
    CAUGHT(&t);
    ggpadl_of(&t, 2)->relid = 3; /* a GPADL of no channel */
    CAUGHT(&t);
    ggpadl_of(&t, 2)->handle = ggpadl_of(&t, 1)->handle; /* twice */
    CAUGHT(&t);
    ggpadl_of(&t, 2)->words_left = 1; /* only while replaying */
    CAUGHT(&t);
    ggpadl_of(&t, 2)->state = 9;
    CAUGHT(&t);
    t.g.nchan_live++;
    CAUGHT(&t);
    t.g.flags &= (uint8_t)~VMBP_PRIV_CONN_G_OFFERS_REQUESTED; /* channels unasked for */
    CAUGHT(&t);
    t.g.flags |= VMBP_PRIV_CONN_G_PAUSING | VMBP_PRIV_CONN_G_PAUSED;
    CAUGHT(&t);
    t.g.flags &= (uint8_t)~VMBP_PRIV_CONN_G_OFFERS_DELIVERED; /* READY without them */
    CAUGHT(&t);
    t.g.flags |= VMBP_PRIV_CONN_G_PROPOSAL_UNSENT;
    CAUGHT(&t);
    t.g.ctx.version = 0x12345;
    CAUGHT(&t);
    t.g.state = 9;
    CAUGHT(&t);
    /* before a connection: no channel, no version, no vindex past the proposals */
    th_init(&t, NULL, 0);
    th_snap(&t);
    t.g.ctx.version = VMBP_VERSION_5_3;
    CAUGHT(&t);
    ck_assert_int_eq(th_connect(&t, NULL, 0, 0), VMBP_OK);
    th_snap(&t);
    t.g.vindex = t.g.nversions;
    CAUGHT(&t);
}
END_TEST

static struct vmbp_conn_hchan *hchan(struct th *t, uint32_t relid)
{
    unsigned i;

    for (i = 0; i < TH_NCHAN; i++)
        if (t->hc[i].state != 0 && t->hc[i].offer.child_relid == relid)
            return &t->hc[i];
    ck_abort_msg("no host channel %u", relid);
    return NULL;
}

static struct vmbp_conn_hgpadl *hgpadl_of(struct th *t, uint32_t relid)
{
    unsigned i;

    for (i = 0; i < TH_NGPADL; i++)
        if (t->hg[i].handle && t->hg[i].relid == relid)
            return &t->hg[i];
    ck_abort_msg("no host GPADL of %u", relid);
    return NULL;
}

static struct vmbp_conn_host hsave;
static struct vmbp_conn_hchan hcsave[TH_NCHAN];
static struct vmbp_conn_hgpadl hgsave[TH_NGPADL];

static void hcorrupt_caught(struct th *t, int line)
{
    ck_assert_msg(vmbp_conn_host_check(&t->h) == VMBP_E_STATE, "corruption of line %d missed",
                  line);
    memcpy(&t->h, &hsave, sizeof(t->h));
    memcpy(t->hc, hcsave, sizeof(t->hc));
    memcpy(t->hg, hgsave, sizeof(t->hg));
    ck_assert_int_eq(vmbp_conn_host_check(&t->h), VMBP_OK);
}
#define HCAUGHT(t) hcorrupt_caught((t), __LINE__)

/* covers: VMBP-CONN-130 */
START_TEST(host_checker_catches_corrupted_tables)
{
    struct th t;
    uint32_t ring = 0, buf = 0;

    pair_up(&t, VMBP_VERSION_5_3, 0);
    pair_offer(&t, 1);
    pair_offer(&t, 2);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 2, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &buf),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
    memcpy(&hsave, &t.h, sizeof(hsave));
    memcpy(hcsave, t.hc, sizeof(hcsave));
    memcpy(hgsave, t.hg, sizeof(hgsave));
    hchan(&t, 2)->offer.child_relid = 1; /* twice */
    HCAUGHT(&t);
    hchan(&t, 2)->offer.child_relid = VMBP_RELID_MAX + 1u;
    HCAUGHT(&t);
    hchan(&t, 1)->flags |= VMBP_CONN_CHAN_F_RESCINDED; /* OPENING though rescinded */
    HCAUGHT(&t);
    hchan(&t, 1)->ring_gpadl = 0x1234; /* OPENING without its ring */
    HCAUGHT(&t);
    hchan(&t, 2)->state = 9;
    HCAUGHT(&t);
    hgpadl_of(&t, 2)->relid = 3; /* a GPADL of no channel */
    HCAUGHT(&t);
    hgpadl_of(&t, 2)->handle = ring; /* twice */
    HCAUGHT(&t);
    hgpadl_of(&t, 2)->state = VMBP_CONN_GPADL_TEARING_DOWN; /* a guest-only state */
    HCAUGHT(&t);
    t.h.ngpadl_live++;
    HCAUGHT(&t);
    t.h.state = VMBP_CONN_DISCONNECTED; /* channels sent, GPADLs, a version: all stale */
    HCAUGHT(&t);
    /* disconnected: no GPADL, nothing sent, no version */
    th_host(&t, 0, 0);
    pair_offer(&t, 1);
    memcpy(&hsave, &t.h, sizeof(hsave));
    memcpy(hcsave, t.hc, sizeof(hcsave));
    memcpy(hgsave, t.hg, sizeof(hgsave));
    hchan(&t, 1)->sent = 1;
    HCAUGHT(&t);
    t.h.paused = 1;
    HCAUGHT(&t);
    t.h.ctx.version = VMBP_VERSION_5_3;
    HCAUGHT(&t);
    t.h.trusted = 1;
    HCAUGHT(&t);
}
END_TEST

/* ---- host paths a guest machine never takes -------------------------------------------- */

/* covers: VMBP-CONN-134 */
START_TEST(host_refuses_a_gpadl_body_with_bad_range_data)
{
    struct th t;
    struct vmbp_msg m;
    unsigned i;

    pair_up(&t, VMBP_VERSION_5_3, 0);
    pair_offer(&t, 1);
    /* two ranges, 30 words: the first (26 pages) fills the header, the second's range
     * header comes in the body */
    th_msg(&m, VMBP_MSG_GPADL_HEADER);
    m.u.gpadl_header.child_relid = 1;
    m.u.gpadl_header.gpadl = 0x77;
    m.u.gpadl_header.range_buflen = 30u * 8u;
    m.u.gpadl_header.rangecount = 2;
    m.u.gpadl_header.nwords = VMBP_GPADL_HEADER_MAX_WORDS;
    m.u.gpadl_header.words[0] = 26u * 4096u;
    for (i = 1; i < VMBP_GPADL_HEADER_MAX_WORDS; i++)
        m.u.gpadl_header.words[i] = 0x100u + i;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs + t.out.nevents, 0);
    th_msg(&m, VMBP_MSG_GPADL_BODY);
    m.u.gpadl_body.gpadl = 0x77;
    m.u.gpadl_body.nwords = 3;
    m.u.gpadl_body.words[0] = ((uint64_t)5000u << 32) | 8192u; /* offset past the page */
    m.u.gpadl_body.words[1] = 0x200;
    m.u.gpadl_body.words[2] = 0x201;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_GPADL_RANGE);
    ck_assert(th_hrule(&t, "VMBP-GPADL-008"));
    /* answered with a failure, and forgotten */
    ck_assert_uint_eq(t.out.nmsgs, 1);
    ck_assert_uint_eq(th_msg_type(&t, 0), VMBP_MSG_GPADL_CREATED);
    ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 1, 0x77, NULL), VMBP_E_INVAL);
    {
        struct vmbp_conn_gpadl_info gi;

        ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 1, 0x77, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    }
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-134 */
START_TEST(host_reports_tl_connect_request)
{
    struct th t;
    struct vmbp_msg m;

    pair_up(&t, VMBP_VERSION_5_3, 0);
    th_msg(&m, VMBP_MSG_TL_CONNECT_REQUEST);
    m.variant = VMBP_MSGV_TL_CONNECT_REQUEST;
    m.u.tl_connect_request.variant = m.variant;
    m.u.tl_connect_request.service_id.bytes[0] = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.nevents, 1);
    ck_assert_uint_eq(t.out.events[0].kind, VMBP_CONN_EV_TL_CONNECT_REQUEST);
}
END_TEST

/* covers: VMBP-CONN-139 */
START_TEST(host_gates_messages_decoded_by_the_caller)
{
    struct th t;
    struct vmbp_msg m;
    struct vmbp_ctx rich = {VMBP_VERSION_6_0, VMBP_FEATURES_KNOWN};
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0;

    pair_up(&t, VMBP_VERSION_5_3, 0);
    th_msg(&m, VMBP_MSG_PAUSE);
    ck_assert_int_eq(vmbp_msg_encode(&m, buf, sizeof(buf), &len), VMBP_OK);
    ck_assert_int_eq(vmbp_msg_decode(buf, len, &rich, VMBP_DIR_ANY, &m), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_receive(&t.h, &m, false, &t.out), VMBP_E_VERSION);
    ck_assert(th_hrule(&t, "VMBP-CONN-139"));
    ck_assert_uint_eq(t.out.nmsgs + t.out.nevents, 0);
}
END_TEST

/* covers: VMBP-CONN-135 */
START_TEST(host_release_drops_the_channels_gpadls)
{
    struct th t;
    struct vmbp_msg m;
    uint32_t a = 0, b = 0, i;
    bool torn = false, cancelled = false;

    pair_up(&t, VMBP_VERSION_5_3, 0);
    pair_offer(&t, 1);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &a),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, a, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &b),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    /* a RELID_RELEASED the guest machine would not send (its channel is not rescinded):
     * the host drops the channel's GPADLs, created (torn down) and in the device
     * (cancelled) */
    th_msg(&m, VMBP_MSG_RELID_RELEASED);
    m.u.relid_released.child_relid = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    for (i = 0; i < t.out.nevents; i++) {
        torn |=
            t.out.events[i].kind == VMBP_CONN_EV_GPADL_TEARDOWN && t.out.events[i].gpadl == a;
        cancelled |=
            t.out.events[i].kind == VMBP_CONN_EV_CANCELLED && t.out.events[i].gpadl == b;
    }
    ck_assert(torn && cancelled);
    ck_assert_uint_eq(t.out.events[t.out.nevents - 1u].kind, VMBP_CONN_EV_RELEASED);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-103 */
START_TEST(guest_arguments_out_of_range)
{
    struct th t;
    uint32_t v = VMBP_VERSION_5_3;

    th_init(&t, NULL, 0);
    th_snap(&t);
    ck_assert_int_eq(th_connect(&t, &v, 0, 0), VMBP_E_INVAL); /* a list of none */
    ck_assert(th_unchanged(&t));
    th_up(&t, v, 0, true);
    th_snap(&t);
    /* channel ID 0 names no channel (an empty slot has it) */
    ck_assert(th_refused(&t, vmbp_conn_guest_close(&t.g, 0, &t.out), VMBP_E_SEQ_UNKNOWN_RELID,
                         "VMBP-CONN-120"));
}
END_TEST

/* covers: VMBP-CONN-133, VMBP-CONN-134 */
START_TEST(host_completions_and_messages_naming_nothing)
{
    struct th t;
    struct vmbp_msg m;
    uint32_t ring = 0, big = 0;

    pair_up(&t, VMBP_VERSION_5_3, 0);
    pair_offer(&t, 1);
    /* the device completes what was never asked */
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 5, 0, &t.out),
                     VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert(th_hrule(&t, "VMBP-CONN-133"));
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out),
                     VMBP_E_SEQ_NO_REQUEST); /* twice */
    ck_assert(th_hrule(&t, "VMBP-CONN-134"));
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    /* OPEN_CHANNEL of a channel never offered */
    th_msg(&m, VMBP_MSG_OPEN_CHANNEL);
    m.variant = VMBP_MSGV_OPEN_CHANNEL;
    m.u.open_channel.variant = m.variant;
    m.u.open_channel.child_relid = 9;
    m.u.open_channel.ring_buffer_gpadl = ring;
    m.u.open_channel.downstream_ring_buffer_page_offset = 2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert(th_hrule(&t, "VMBP-CONN-134"));
    ck_assert_uint_eq(t.out.nmsgs + t.out.nevents, 0);
    /* a GPADL of 60 pages: a header and two bodies, the first leaving it pending */
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 60, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &big),
        VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 3);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert(th_has_event(&t, VMBP_CONN_EV_GPADL_READY, 1));
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-134 */
START_TEST(host_gpadl_table_full)
{
    struct th t;
    struct vmbp_conn_host_config cfg;
    uint32_t a = 0, b = 0;

    th_init(&t, NULL, 0);
    memset(&cfg, 0, sizeof(cfg));
    cfg.channels = t.hc;
    cfg.nchannels = TH_NCHAN;
    cfg.gpadls = t.hg;
    cfg.ngpadls = 1;
    cfg.words = t.words;
    cfg.words_per_gpadl = TH_WORDS;
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &cfg), VMBP_OK);
    {
        uint32_t v = VMBP_VERSION_5_3;

        ck_assert_int_eq(th_connect(&t, &v, 1, 0), VMBP_OK);
    }
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    pair_offer(&t, 1);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &a),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &b),
        VMBP_OK);
    /* the host has no slot: GPADL_CREATED with a failure, which the guest takes */
    ck_assert_int_eq(th_pump(&t, false), VMBP_E_NOSPACE);
    ck_assert(th_hrule(&t, "VMBP-CONN-134"));
    ck_assert(th_has_event(&t, VMBP_CONN_EV_GPADL_CREATED, 1));
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, b, NULL), VMBP_E_INVAL);
    {
        struct vmbp_conn_gpadl_info gi;

        ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, b, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    }
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-101 */
START_TEST(messages_decoded_by_the_caller_are_gated)
{
    struct th t;
    struct vmbp_msg m;

    th_init(&t, NULL, 0);
    /* before negotiation, decoded by a caller that skipped the codec's state */
    th_offer_msg(&m, 1, 1, 0, 0);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_NOT_NEGOTIATED,
                         "VMBP-CONN-101"));
    /* a guest message handed to the guest */
    th_up(&t, VMBP_VERSION_6_0, 0, true);
    th_msg(&m, VMBP_MSG_UNLOAD);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_DIRECTION,
                         "VMBP-CONN-101"));
    /* a 6.0 message of a feature not negotiated */
    th_msg(&m, VMBP_MSG_MODIFY_CONNECTION_RESPONSE);
    ck_assert(th_refused(&t, vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_FEATURE,
                         "VMBP-CONN-101"));
}
END_TEST

/* covers: VMBP-CONN-103 VMBP-CONN-105 VMBP-CONN-118 VMBP-CONN-121 VMBP-CONN-127 */
START_TEST(guest_requests_refused_where_the_fuzzers_seldom_go)
{
    struct th t;
    const uint32_t new_only[] = {VMBP_VERSION_6_0, VMBP_VERSION_5_3};
    const uint32_t unknown[] = {0x00070000u};
    struct vmbp_conn_gpadl_info gi;
    uint32_t h = 0, i;

    /* a version this library does not know */
    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, unknown, 1, 0), VMBP_E_INVAL);
    /* an old host, but nothing below 5.0 to go on with */
    ck_assert_int_eq(th_connect(&t, new_only, 2, 0), VMBP_OK);
    ck_assert_int_eq(
        vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_INVALID_CONNECTION_ID, &t.out),
        VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONNECT_FAILED);
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
    /* probing for a paravisor that is not confidential after all: no fallback to make */
    th_init(&t, th_plan(&t, false, VMBP_CONFIDENTIAL_MODE_PROBE), 0);
    ck_assert_int_eq(th_connect(&t, new_only, 2, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_contact_failed(&t.g, VMBP_HV_STATUS_ACCESS_DENIED, &t.out),
                     VMBP_OK);
    ck_assert_int_eq(th_last_event(&t)->kind, VMBP_CONN_EV_CONNECT_FAILED);
    /* paused before asking for offers */
    th_init(&t, NULL, 0);
    ck_assert_int_eq(th_connect(&t, new_only, 1, VMBP_FEATURE_PAUSE_RESUME), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, true, VMBP_FEATURE_PAUSE_RESUME), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, &t.out), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_E_SEQ_PAUSED,
                         "VMBP-CONN-127"));
    /* the GPADL table full; handle 0 names nothing */
    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_3, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    for (i = 0; i < TH_NGPADL; i++)
        ck_assert_int_eq(
            th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
            VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(
        &t, th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
        VMBP_E_NOSPACE, "VMBP-CONN-121"));
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, 0, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    /* a ring whose range does not start at offset 0 has no ring pages */
    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_3, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    {
        struct vmbp_conn_gpadl_params p;
        struct vmbp_gpa_range r;

        memset(&p, 0, sizeof(p));
        r.byte_offset = 8;
        r.byte_count = 4096u;
        r.pfns = t.pfns;
        p.relid = 1;
        p.ranges = &r;
        p.nranges = 1;
        p.purpose = VMBP_CONN_GPADL_RING;
        p.mem = VMBP_CONFIDENTIAL_MEM_PRIVATE;
        th_snap(&t);
        ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_create(&t.g, &p, &h, &t.out),
                             VMBP_E_GPADL_RANGE, "VMBP-CONN-118"));
    }
}
END_TEST

/* covers: VMBP-CONN-128 */
START_TEST(unload_complete_cancels_every_kind_of_request)
{
    struct th t;
    uint32_t ring, buf = 0, k, seen = 0;
    const uint32_t v = VMBP_VERSION_6_0;

    th_init(&t, NULL, 0);
    th_up(&t, v, VMBP_FEATURE_PAUSE_RESUME, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 2, 2, 0, 0), VMBP_OK);
    ring = th_ring(&t, 1);
    ck_assert_int_eq(th_open(&t, 1, 9, ring, 2), VMBP_OK); /* open pending */
    ck_assert_int_eq(
        th_gpadl(&t, 2, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &buf),
        VMBP_OK);
    ck_assert_int_eq(th_created(&t, 2, buf, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_teardown(&t.g, 2, buf, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, &t.out), VMBP_OK); /* pause pending */
    ck_assert_int_eq(vmbp_conn_guest_unload(&t.g, &t.out), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_UNLOAD_COMPLETE), VMBP_OK);
    for (k = 0; k < t.out.nevents; k++)
        if (t.out.events[k].kind == VMBP_CONN_EV_CANCELLED)
            seen |= 1u << t.out.events[k].request;
    ck_assert_uint_eq(seen, (1u << VMBP_CONN_REQ_OPEN) | (1u << VMBP_CONN_REQ_GPADL_TEARDOWN) |
                                (1u << VMBP_CONN_REQ_PAUSE));
    ck_assert_int_eq(vmbp_conn_guest_state(&t.g), VMBP_CONN_DISCONNECTED);
}
END_TEST

static enum vmbp_status replay_header(struct th *t, uint32_t relid, uint32_t handle,
                                      uint16_t buflen, uint32_t nwords)
{
    struct vmbp_msg m;
    uint32_t i;

    th_msg(&m, VMBP_MSG_GPADL_HEADER);
    m.u.gpadl_header.child_relid = relid;
    m.u.gpadl_header.gpadl = handle;
    m.u.gpadl_header.range_buflen = buflen;
    m.u.gpadl_header.rangecount = 1;
    m.u.gpadl_header.nwords = nwords;
    if (nwords) /* as decoded: words past the message's are 0 */
        m.u.gpadl_header.words[0] = ((uint64_t)(buflen / 8u - 1u)) * 4096u;
    for (i = 1; i < nwords; i++)
        m.u.gpadl_header.words[i] = 0x100u + i;
    return replay(t, &m);
}

/* covers: VMBP-CONN-103 VMBP-CONN-121 VMBP-CONN-122 VMBP-CONN-127 VMBP-CONN-128 */
START_TEST(replayed_guest_messages_out_of_order)
{
    struct th t;
    struct vmbp_msg m, contact;
    uint32_t i;

    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    th_msg(&contact, VMBP_MSG_INITIATE_CONTACT);
    contact.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    contact.u.initiate_contact.variant = contact.variant;
    contact.u.initiate_contact.version_requested = VMBP_VERSION_5_3;
    contact.u.initiate_contact.target_sint = VMBP_MSG_SINT;
    ck_assert_int_eq(replay(&t, &contact), VMBP_OK);
    /* a second proposal before the first is answered */
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &contact), VMBP_E_SEQ_PENDING, "VMBP-CONN-103"));
    /* refused: the next proposal must be one of the older ones */
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &contact), VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103"));
    contact.u.initiate_contact.version_requested = VMBP_VERSION_5_2;
    ck_assert_int_eq(replay(&t, &contact), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, false, 0), VMBP_OK);
    /* connected: another contact is out of place */
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &contact), VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-103"));
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    /* a header before anything is connected is refused above; now a body for no GPADL */
    th_msg(&m, VMBP_MSG_GPADL_BODY);
    m.u.gpadl_body.gpadl = 5;
    m.u.gpadl_body.nwords = 1;
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_GPADL_SEQUENCE, "VMBP-CONN-122"));
    /* headers: a handle twice, then a full table */
    ck_assert_int_eq(replay_header(&t, 1, 5, 16, 2), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, replay_header(&t, 1, 5, 16, 2), VMBP_E_SEQ_GPADL_HANDLE,
                         "VMBP-CONN-121"));
    for (i = 1; i < TH_NGPADL; i++)
        ck_assert_int_eq(replay_header(&t, 1, 5 + i, 16, 2), VMBP_OK);
    th_snap(&t);
    ck_assert(
        th_refused(&t, replay_header(&t, 1, 100, 16, 2), VMBP_E_NOSPACE, "VMBP-CONN-121"));
    /* a header of a channel not offered (its check before the slot's) */
    ck_assert(th_refused(&t, replay_header(&t, 7, 101, 16, 2), VMBP_E_SEQ_UNKNOWN_RELID,
                         "VMBP-CONN-122"));
    /* connection-wide requests replayed */
    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    contact.variant = VMBP_MSGV_INITIATE_CONTACT_FEATURES;
    contact.u.initiate_contact.variant = contact.variant;
    contact.u.initiate_contact.version_requested = VMBP_VERSION_6_0;
    contact.u.initiate_contact.feature_flags =
        VMBP_FEATURE_PAUSE_RESUME | VMBP_FEATURE_MODIFY_CONNECTION;
    ck_assert_int_eq(replay(&t, &contact), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, true,
                                VMBP_FEATURE_PAUSE_RESUME | VMBP_FEATURE_MODIFY_CONNECTION),
                     VMBP_OK);
    th_msg(&m, VMBP_MSG_MODIFY_CONNECTION);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    th_msg(&m, VMBP_MSG_PAUSE);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_empty(&t, VMBP_MSG_PAUSE_RESPONSE), VMBP_OK);
    /* paused: no GPADL message */
    th_snap(&t);
    ck_assert(
        th_refused(&t, replay_header(&t, 1, 5, 16, 2), VMBP_E_SEQ_PAUSED, "VMBP-CONN-127"));
    th_msg(&m, VMBP_MSG_GPADL_BODY);
    m.u.gpadl_body.gpadl = 5;
    m.u.gpadl_body.nwords = 1;
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_SEQ_PAUSED, "VMBP-CONN-127"));
    th_msg(&m, VMBP_MSG_RESUME);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    th_msg(&m, VMBP_MSG_UNLOAD);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    /* unloading: only a new contact */
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-128"));
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
}
END_TEST

/* A pair at 6.0 with PAUSE_RESUME, channel 1 offered. */
static void pair_paused_ready(struct th *t)
{
    pair_up(t, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME);
    pair_offer(t, 1);
}

/* covers: VMBP-CONN-133 VMBP-CONN-134 VMBP-CONN-136 VMBP-CONN-138 */
START_TEST(host_device_completions)
{
    struct th t;
    struct vmbp_conn_chan_info ci;
    struct vmbp_conn_gpadl_info gi;
    struct vmbp_msg m;
    uint32_t ring = 0, buf = 0, k;
    bool open_cancelled = false, gpadl_cancelled = false;

    pair_paused_ready(&t);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    /* the device refuses the GPADL: freed, the guest told */
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 1, ring, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    /* an open with no interrupts, refused by the device: offered again */
    {
        struct vmbp_conn_open_params p;

        memset(&p, 0, sizeof(p));
        p.relid = 1;
        p.open_id = 3;
        p.ring_gpadl = ring;
        p.downstream_offset = 2;
        p.target_vp = VMBP_VP_INDEX_DISABLE_INTERRUPT;
        ck_assert_int_eq(vmbp_conn_guest_open(&t.g, &p, &t.out), VMBP_OK);
    }
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 1, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.flags & VMBP_CONN_CHAN_F_NO_INTERRUPT, VMBP_CONN_CHAN_F_NO_INTERRUPT);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 1, 1, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 1, &ci), VMBP_OK);
    ck_assert_uint_eq(ci.state, VMBP_CONN_CHAN_OFFERED);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    /* paused: the device's completions wait */
    ck_assert_int_eq(th_open(&t, 1, 4, ring, 2), VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &buf),
        VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_pause(&t.g, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 1, 0, &t.out), VMBP_E_SEQ_PAUSED);
    ck_assert(th_hrule(&t, "VMBP-CONN-136"));
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, buf, 0, &t.out), VMBP_E_SEQ_PAUSED);
    ck_assert(th_hrule(&t, "VMBP-CONN-136"));
    /* UNLOAD: the open and the GPADL the device holds are cancelled */
    th_msg(&m, VMBP_MSG_UNLOAD);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    for (k = 0; k < t.out.nevents; k++) {
        open_cancelled |= t.out.events[k].kind == VMBP_CONN_EV_CANCELLED &&
                          t.out.events[k].request == VMBP_CONN_REQ_OPEN;
        gpadl_cancelled |= t.out.events[k].kind == VMBP_CONN_EV_CANCELLED &&
                           t.out.events[k].request == VMBP_CONN_REQ_GPADL_CREATE &&
                           t.out.events[k].gpadl == buf;
    }
    ck_assert(open_cancelled && gpadl_cancelled);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-133 */
START_TEST(host_rescinds_a_channel_never_offered)
{
    struct th t;
    struct vmbp_msg m;
    struct vmbp_conn_chan_info ci;
    struct vmbp_conn_host_config cfg;

    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_offer_msg(&m, 3, 3, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    /* not sent yet (no connection): simply forgotten, nothing to tell */
    ck_assert_int_eq(vmbp_conn_host_rescind(&t.h, 3, &t.out), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs + t.out.nevents, 0);
    ck_assert_int_eq(vmbp_conn_host_chan(&t.h, 3, &ci), VMBP_E_SEQ_UNKNOWN_RELID);
    /* versions the wrong way round */
    memset(&cfg, 0, sizeof(cfg));
    cfg.channels = t.hc;
    cfg.nchannels = TH_NCHAN;
    cfg.gpadls = t.hg;
    cfg.ngpadls = TH_NGPADL;
    cfg.words = t.words;
    cfg.words_per_gpadl = TH_WORDS;
    cfg.min_version = VMBP_VERSION_5_3;
    cfg.max_version = VMBP_VERSION_4_1;
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &cfg), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-CONN-101 */
START_TEST(bad_configurations_are_refused_one_field_at_a_time)
{
    struct th t;
    struct vmbp_conn_guest_config gc, g0;
    struct vmbp_conn_host_config hc, h0;
    unsigned i;

    memset(&t, 0, sizeof(t));
    memset(&g0, 0, sizeof(g0));
    g0.channels = t.gc;
    g0.nchannels = TH_NCHAN;
    g0.gpadls = t.gg;
    g0.ngpadls = TH_NGPADL;
    ck_assert_int_eq(vmbp_conn_guest_init(&t.g, &g0), VMBP_OK);
    for (i = 0; i < 7; i++) {
        gc = g0;
        switch (i) {
        case 0:
            gc.channels = NULL;
            break;
        case 1:
            gc.gpadls = NULL;
            break;
        case 2:
            gc.nchannels = 0;
            break;
        case 3:
            gc.nchannels = VMBP_CONN_CHANNELS_MAX + 1u;
            break;
        case 4:
            gc.ngpadls = 0;
            break;
        case 5:
            gc.ngpadls = VMBP_CONN_GPADLS_MAX + 1u;
            break;
        default:
            gc.flags = 2;
            break;
        }
        ck_assert_msg(vmbp_conn_guest_init(&t.g, &gc) == VMBP_E_INVAL, "guest field %u", i);
    }
    ck_assert_int_eq(vmbp_conn_guest_init(&t.g, NULL), VMBP_E_INVAL);
    memset(&h0, 0, sizeof(h0));
    h0.channels = t.hc;
    h0.nchannels = TH_NCHAN;
    h0.gpadls = t.hg;
    h0.ngpadls = TH_NGPADL;
    h0.words = t.words;
    h0.words_per_gpadl = TH_WORDS;
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &h0), VMBP_OK);
    for (i = 0; i < 14; i++) {
        hc = h0;
        switch (i) {
        case 0:
            hc.channels = NULL;
            break;
        case 1:
            hc.gpadls = NULL;
            break;
        case 2:
            hc.words = NULL;
            break;
        case 3:
            hc.nchannels = 0;
            break;
        case 4:
            hc.nchannels = VMBP_CONN_CHANNELS_MAX + 1u;
            break;
        case 5:
            hc.ngpadls = 0;
            break;
        case 6:
            hc.ngpadls = VMBP_CONN_GPADLS_MAX + 1u;
            break;
        case 7:
            hc.words_per_gpadl = 0;
            break;
        case 8:
            hc.words_per_gpadl = VMBP_GPADL_MAX_WORDS + 1u;
            break;
        case 9:
            hc.max_version = 0x00070000u;
            break;
        case 10:
            hc.min_version = 0x00070000u;
            break;
        case 11:
            hc.features = 0x100u;
            break;
        case 12:
            hc.msg_conn_id = VMBP_SYNIC_CONNECTION_ID_MAX + 1u;
            break;
        default:
            hc.min_version = VMBP_VERSION_6_0;
            hc.max_version = VMBP_VERSION_5_3;
            break;
        }
        ck_assert_msg(vmbp_conn_host_init(&t.h, &hc) == VMBP_E_INVAL, "host field %u", i);
    }
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, NULL), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-CONN-103 */
START_TEST(connect_arguments_one_at_a_time)
{
    struct th t;
    struct vmbp_conn_connect c;
    uint32_t vs[VMBP_VERSION_COUNT + 1u];
    unsigned i;

    th_init(&t, NULL, 0);
    for (i = 0; i < VMBP_VERSION_COUNT + 1u; i++)
        vs[i] = VMBP_VERSION_6_0;
    for (i = 0; i < 4; i++) {
        memset(&c, 0, sizeof(c));
        c.target_sint = VMBP_MSG_SINT;
        switch (i) {
        case 0:
            c.features = 0x100u;
            break;
        case 1:
            c.target_sint = VMBP_SINT_MAX + 1u;
            break;
        case 2:
            c.target_vtl = VMBP_VTL_MAX + 1u;
            break;
        default:
            c.versions = vs;
            c.nversions = VMBP_VERSION_COUNT + 1u;
            break;
        }
        th_snap(&t);
        ck_assert_msg(vmbp_conn_guest_connect(&t.g, &c, &t.out) == VMBP_E_INVAL, "arg %u", i);
        ck_assert(th_unchanged(&t));
    }
    ck_assert_int_eq(vmbp_conn_guest_monitor_pages(NULL, NULL, NULL), VMBP_E_INVAL);
    {
        uint64_t a;

        ck_assert_int_eq(vmbp_conn_guest_monitor_pages(&t.g, NULL, &a), VMBP_E_INVAL);
    }
}
END_TEST

/* covers: VMBP-CONN-101 */
START_TEST(outputs_names_and_unknown_types)
{
    struct th t;
    struct vmbp_conn_out o;
    struct vmbp_msg m;
    unsigned i;

    vmbp_conn_out_init(&o, NULL, 4, NULL, 4); /* no arrays: no room */
    ck_assert_uint_eq(o.msgs_cap + o.events_cap, 0);
    for (i = 0; i <= VMBP_CONN_EV_COUNT; i++)
        ck_assert_ptr_nonnull(vmbp_conn_event_name((enum vmbp_conn_event_kind)i));
    for (i = 0; i <= 9; i++) {
        ck_assert_ptr_nonnull(vmbp_conn_request_name((enum vmbp_conn_request)i));
        ck_assert_ptr_nonnull(vmbp_conn_chan_state_name((enum vmbp_conn_chan_state)i));
        ck_assert_ptr_nonnull(vmbp_conn_gpadl_state_name((enum vmbp_conn_gpadl_state)i));
    }
    ck_assert_str_eq(vmbp_conn_request_name((enum vmbp_conn_request)9), "?");
    /* a message a caller built with a type or variant the codec does not know */
    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    memset(&m, 0, sizeof(m));
    m.type = 99;
    m.variant = VMBP_MSGV_UNLOAD;
    ck_assert_int_eq(vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_UNKNOWN_TYPE);
    ck_assert_int_eq(vmbp_conn_host_receive(&t.h, &m, false, &t.out), VMBP_E_UNKNOWN_TYPE);
    m.type = VMBP_MSG_UNLOAD;
    m.variant = (enum vmbp_msg_variant)999;
    ck_assert_int_eq(vmbp_conn_guest_receive(&t.g, &m, &t.out), VMBP_E_UNKNOWN_TYPE);
    ck_assert_int_eq(vmbp_conn_host_receive(&t.h, &m, false, &t.out), VMBP_E_UNKNOWN_TYPE);
}
END_TEST

/* covers: VMBP-CONN-118 VMBP-CONN-101 */
START_TEST(guest_gpadl_and_open_arguments)
{
    struct th t;
    struct vmbp_conn_gpadl_params p;
    struct vmbp_conn_open_params op;
    struct vmbp_gpa_range r;
    uint32_t h = 0, ring;

    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_3, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    memset(&p, 0, sizeof(p));
    r.byte_offset = 0;
    r.byte_count = 3u * 4096u + 8u; /* not whole pages */
    r.pfns = t.pfns;
    p.relid = 1;
    p.ranges = &r;
    p.nranges = 1;
    p.purpose = VMBP_CONN_GPADL_RING;
    p.mem = VMBP_CONFIDENTIAL_MEM_PRIVATE;
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_create(&t.g, &p, &h, &t.out),
                         VMBP_E_GPADL_RANGE, "VMBP-CONN-118"));
    /* no range at all: the plan refuses it */
    p.purpose = VMBP_CONN_GPADL_BUFFER;
    p.nranges = 0;
    p.ranges = NULL;
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_create(&t.g, &p, &h, &t.out),
                         VMBP_E_GPADL_RANGE, "VMBP-GPADL-007"));
    /* fields of the 156-byte form on a connection that has only the 148-byte one */
    ring = th_ring(&t, 1);
    memset(&op, 0, sizeof(op));
    op.relid = 1;
    op.ring_gpadl = ring;
    op.downstream_offset = 2;
    op.connection_id = 5;
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_open(&t.g, &op, &t.out), VMBP_E_FEATURE,
                         "VMBP-CHAN-002"));
    op.connection_id = 0;
    op.flags = VMBP_OPEN_FLAG_REDIRECT_INTERRUPT;
    ck_assert(th_refused(&t, vmbp_conn_guest_open(&t.g, &op, &t.out), VMBP_E_FEATURE,
                         "VMBP-CHAN-002"));
    ck_assert_int_eq(vmbp_conn_guest_open(&t.g, &op, NULL), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-CONN-103 VMBP-CONN-127 */
START_TEST(replay_edges)
{
    struct th t;
    struct vmbp_msg m;

    /* a non-replaying machine takes no replay */
    th_init(&t, NULL, 0);
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(replay(&t, &m), VMBP_E_INVAL);
    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    ck_assert_int_eq(vmbp_conn_guest_replay(&t.g, &m, NULL), VMBP_E_INVAL);
    /* a recorded contact with one monitor page: refused as the action would be */
    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.variant = VMBP_MSGV_INITIATE_CONTACT_FEATURES;
    m.u.initiate_contact.variant = m.variant;
    m.u.initiate_contact.version_requested = VMBP_VERSION_6_0;
    m.u.initiate_contact.target_sint = VMBP_MSG_SINT;
    m.u.initiate_contact.feature_flags = VMBP_FEATURE_PAUSE_RESUME;
    m.u.initiate_contact.child_to_parent_monitor_gpa = 0x5000;
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_FIELD_RANGE, "VMBP-CONN-103"));
    m.u.initiate_contact.child_to_parent_monitor_gpa = 0;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, true, VMBP_FEATURE_PAUSE_RESUME), VMBP_OK);
    th_msg(&m, VMBP_MSG_PAUSE);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    /* TL_CONNECT_REQUEST while pausing */
    th_msg(&m, VMBP_MSG_TL_CONNECT_REQUEST);
    m.variant = VMBP_MSGV_TL_CONNECT_REQUEST;
    m.u.tl_connect_request.variant = m.variant;
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_SEQ_PAUSED, "VMBP-CONN-127"));
    /* a ring header of two ranges has no ring pages */
    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    m.u.initiate_contact.variant = m.variant;
    m.u.initiate_contact.version_requested = VMBP_VERSION_5_3;
    m.u.initiate_contact.target_sint = VMBP_MSG_SINT;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, false, 0), VMBP_OK);
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    th_msg(&m, VMBP_MSG_GPADL_HEADER);
    m.u.gpadl_header.child_relid = 1;
    m.u.gpadl_header.gpadl = 9;
    m.u.gpadl_header.range_buflen = 32;
    m.u.gpadl_header.rangecount = 2;
    m.u.gpadl_header.nwords = 4;
    m.u.gpadl_header.words[0] = 4096;
    m.u.gpadl_header.words[1] = 0x100;
    m.u.gpadl_header.words[2] = 4096;
    m.u.gpadl_header.words[3] = 0x101;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    {
        struct vmbp_conn_gpadl_info gi;

        ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, 9, &gi), VMBP_OK);
        ck_assert_uint_eq(gi.pages, 0);
    }
}
END_TEST

/* covers: VMBP-CONN-129 */
START_TEST(guest_checker_catches_broken_links)
{
    struct th t;
    struct vmbp_conn_ggpadl *ring;

    rich_guest(&t);
    gchan(&t, 2)->open_id = 4; /* OFFERED with an open ID */
    CAUGHT(&t);
    gchan(&t, 2)->flags |= VMBP_CONN_CHAN_F_NO_INTERRUPT;
    CAUGHT(&t);
    ring = ggpadl_of(&t, 1);
    ring->relid = 2; /* the ring of another channel */
    CAUGHT(&t);
    ggpadl_of(&t, 1)->state = VMBP_CONN_GPADL_TEARING_DOWN;
    CAUGHT(&t);
    gchan(&t, 1)->mem.ring = 0;
    CAUGHT(&t);
    t.g.ngpadl_live--;
    CAUGHT(&t);
    t.g.state = VMBP_CONN_CONNECTED; /* channels, yet offers were asked for in CONNECTED */
    CAUGHT(&t);
    t.g.state = VMBP_CONN_UNLOADING;
    t.g.flags |= VMBP_PRIV_CONN_G_PAUSED; /* UNLOAD ends the pause */
    CAUGHT(&t);
    t.g.state = VMBP_CONN_DISCONNECTED; /* tables not empty */
    CAUGHT(&t);
    /* a replaying machine: range data pending only while creating */
    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    {
        struct vmbp_msg m;

        th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
        m.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
        m.u.initiate_contact.variant = m.variant;
        m.u.initiate_contact.version_requested = VMBP_VERSION_5_3;
        m.u.initiate_contact.target_sint = VMBP_MSG_SINT;
        ck_assert_int_eq(replay(&t, &m), VMBP_OK);
        ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, false, 0), VMBP_OK);
        th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
        ck_assert_int_eq(replay(&t, &m), VMBP_OK);
        ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
        ck_assert_int_eq(replay_header(&t, 1, 5, 240, 27), VMBP_OK); /* a body to come */
    }
    th_snap(&t);
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
    ggpadl_of(&t, 1)->state = VMBP_CONN_GPADL_CREATED;
    CAUGHT(&t);
    /* DISCONNECTED with a GPADL and no channel, or with flags */
    th_init(&t, NULL, 0);
    th_snap(&t);
    t.gg[0].handle = 7;
    t.gg[0].relid = 1;
    t.gg[0].state = VMBP_CONN_GPADL_CREATED;
    t.gc[0].relid = 1;
    t.gc[0].state = VMBP_CONN_CHAN_OFFERED;
    t.g.nchan_live = 1;
    t.g.ngpadl_live = 1;
    CAUGHT(&t);
    t.g.flags = VMBP_PRIV_CONN_G_OFFERS_REQUESTED;
    CAUGHT(&t);
}
END_TEST

/* A pair at v with channels 1 and 2 offered; out reset. */
static void pair2(struct th *t, uint32_t v)
{
    pair_up(t, v, 0);
    pair_offer(t, 1);
    pair_offer(t, 2);
}

static enum vmbp_status h_relid(struct th *t, uint32_t type, uint32_t relid)
{
    struct vmbp_msg m;

    th_msg(&m, type);
    m.u.rescind.child_relid = relid; /* every relid-only message has it first */
    return th_hfeed(t, &m, false);
}

static enum vmbp_status h_header(struct th *t, uint32_t relid, uint32_t handle,
                                 uint16_t rangecount, uint64_t w0, uint32_t total)
{
    struct vmbp_msg m;
    uint32_t i;

    th_msg(&m, VMBP_MSG_GPADL_HEADER);
    m.u.gpadl_header.child_relid = relid;
    m.u.gpadl_header.gpadl = handle;
    m.u.gpadl_header.range_buflen = (uint16_t)(total * 8u);
    m.u.gpadl_header.rangecount = rangecount;
    m.u.gpadl_header.nwords = total < 27u ? total : 27u;
    m.u.gpadl_header.words[0] = w0;
    for (i = 1; i < m.u.gpadl_header.nwords; i++)
        m.u.gpadl_header.words[i] = 0x300u + i;
    if (rangecount == 2) /* a second range of one page after the first's pfns */
        m.u.gpadl_header.words[total - 2u] = 4096;
    return th_hfeed(t, &m, false);
}

static enum vmbp_status h_open(struct th *t, uint32_t relid, uint32_t ring, uint32_t vp)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_OPEN_CHANNEL);
    m.variant = VMBP_MSGV_OPEN_CHANNEL;
    m.u.open_channel.variant = m.variant;
    m.u.open_channel.child_relid = relid;
    m.u.open_channel.open_id = relid;
    m.u.open_channel.ring_buffer_gpadl = ring;
    m.u.open_channel.downstream_ring_buffer_page_offset = 1;
    m.u.open_channel.target_vp = vp;
    return th_hfeed(t, &m, false);
}

static enum vmbp_status h_modify(struct th *t, uint32_t relid)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_MODIFY_CHANNEL);
    m.u.modify_channel.child_relid = relid;
    m.u.modify_channel.target_vp = 1;
    return th_hfeed(t, &m, false);
}

/* covers: VMBP-CONN-134 VMBP-CONN-135 */
START_TEST(host_refuses_what_names_the_wrong_thing)
{
    struct th t;
    uint32_t ring = 0, h2 = 0;
    struct vmbp_msg m;

    pair2(&t, VMBP_VERSION_5_3);
    /* GPADLs built by hand: 1's ring (2 pages) done, 2's ring at the device */
    ck_assert_int_eq(h_header(&t, 1, 0x50, 1, 2u * 4096u, 3), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, 0x50, 0, &t.out), VMBP_OK);
    ring = 0x50;
    ck_assert_int_eq(h_header(&t, 2, 0x51, 1, 2u * 4096u, 3), VMBP_OK);
    h2 = 0x51;
    /* the device completes with the wrong channel */
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, h2, 0, &t.out),
                     VMBP_E_SEQ_UNKNOWN_GPADL);
    ck_assert_ptr_null(vmbp_conn_host_gpadl_ranges(&t.h, 1, h2));
    /* teardown of a GPADL of another channel, and of one at the device */
    th_msg(&m, VMBP_MSG_GPADL_TEARDOWN);
    m.u.gpadl_teardown.child_relid = 1;
    m.u.gpadl_teardown.gpadl = h2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_GPADL);
    m.u.gpadl_teardown.child_relid = 2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_GPADL_STATE);
    /* a header with handle 0; a body for a created GPADL */
    th_out_reset(&t);
    ck_assert_int_eq(h_header(&t, 1, 0, 1, 4096u, 2), VMBP_E_SEQ_GPADL_HANDLE);
    ck_assert_uint_eq(t.out.nmsgs, 1); /* answered with a failure */
    th_msg(&m, VMBP_MSG_GPADL_BODY);
    m.u.gpadl_body.gpadl = ring;
    m.u.gpadl_body.nwords = 1;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_GPADL);
    /* opens: channel 1 with 2's GPADL; the modify of a channel not open */
    th_out_reset(&t);
    ck_assert_int_eq(h_open(&t, 1, h2, 0), VMBP_E_SEQ_UNKNOWN_GPADL);
    ck_assert_int_eq(h_modify(&t, 1), VMBP_E_SEQ_CHAN_STATE);
    /* open without interrupts: no modify either */
    ck_assert_int_eq(h_open(&t, 1, ring, VMBP_VP_INDEX_DISABLE_INTERRUPT), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_open_complete(&t.h, 1, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(h_modify(&t, 1), VMBP_E_SEQ_CHAN_STATE);
    /* a GPADL still being reassembled goes with its channel's release, silently */
    ck_assert_int_eq(h_header(&t, 2, 0x52, 1, 40u * 4096u, 41), VMBP_OK);
    ck_assert_ptr_null(vmbp_conn_host_gpadl_ranges(&t.h, 2, 0x52));
    th_out_reset(&t);
    ck_assert_int_eq(h_relid(&t, VMBP_MSG_RELID_RELEASED, 2), VMBP_OK);
    ck_assert_uint_eq(t.out.nevents, 2); /* the GPADL at the device cancelled, RELEASED */
    /* channel 2 released without a rescind: it names nothing now */
    th_out_reset(&t);
    ck_assert_int_eq(h_header(&t, 2, 0x53, 1, 4096u, 2), VMBP_E_SEQ_UNKNOWN_RELID);
    th_msg(&m, VMBP_MSG_GPADL_TEARDOWN);
    m.u.gpadl_teardown.child_relid = 2;
    m.u.gpadl_teardown.gpadl = h2;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_int_eq(h_open(&t, 2, h2, 0), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_int_eq(h_relid(&t, VMBP_MSG_CLOSE_CHANNEL, 2), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_int_eq(h_relid(&t, VMBP_MSG_RELID_RELEASED, 2), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_int_eq(h_modify(&t, 2), VMBP_E_SEQ_UNKNOWN_RELID);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-134 */
START_TEST(host_ring_shapes)
{
    struct th t;

    pair2(&t, VMBP_VERSION_5_3);
    /* two ranges; an offset; not whole pages: no ring in any of them */
    ck_assert_int_eq(h_header(&t, 1, 0x60, 2, 4096u, 4), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, 0x60, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(h_header(&t, 1, 0x61, 1, ((uint64_t)8u << 32) | 4096u, 3), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, 0x61, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(h_header(&t, 1, 0x62, 1, 4096u + 8u, 3), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, 0x62, 0, &t.out), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(h_open(&t, 1, 0x60, 0), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(h_open(&t, 1, 0x61, 0), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(h_open(&t, 1, 0x62, 0), VMBP_E_FIELD_RANGE);
    ck_assert_uint_eq(t.out.nmsgs, 3); /* each answered with a failure */
}
END_TEST

/* covers: VMBP-CONN-130 VMBP-CONN-132 VMBP-CONN-136 VMBP-CONN-138 */
START_TEST(host_connection_edges)
{
    struct th t;
    struct vmbp_msg m;
    struct vmbp_conn_host_config cfg;
    uint32_t k;
    bool torn = false;

    /* an offer of another class with the same instance and sub-channel is not a duplicate */
    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    th_offer_msg(&m, 1, 1, 0, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    m.u.offer.interface_type.bytes[0] = 0x22;
    m.u.offer.child_relid = 2;
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    /* an offer the encoder refuses (a flag byte that is not 0 or 1) */
    m.u.offer.interface_type.bytes[0] = 0x33;
    m.u.offer.child_relid = 3;
    m.u.offer.monitor_allocated = 2;
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_E_INVAL);
    ck_assert(th_hrule(&t, "VMBP-CONN-132"));
    /* versions this host does not take: unknown, older than its minimum */
    memset(&cfg, 0, sizeof(cfg));
    cfg.channels = t.hc;
    cfg.nchannels = TH_NCHAN;
    cfg.gpadls = t.hg;
    cfg.ngpadls = TH_NGPADL;
    cfg.words = t.words;
    cfg.words_per_gpadl = TH_WORDS;
    cfg.min_version = VMBP_VERSION_4_0;
    ck_assert_int_eq(vmbp_conn_host_init(&t.h, &cfg), VMBP_OK);
    th_out_reset(&t);
    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    m.u.initiate_contact.variant = m.variant;
    m.u.initiate_contact.version_requested = VMBP_MAKE_VERSION(5, 9);
    m.u.initiate_contact.target_sint = VMBP_MSG_SINT;
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[0].data[8], 0); /* not supported */
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_2_4, 0, false), VMBP_OK);
    ck_assert_uint_eq(t.out.msgs[1].data[8], 0);
    /* 0.13: UNLOAD has no answer */
    th_init(&t, NULL, 0);
    th_host(&t, 0, 0);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_0_13, 0, false), VMBP_OK);
    th_out_reset(&t);
    th_msg(&m, VMBP_MSG_UNLOAD);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs, 0);
    ck_assert_int_eq(vmbp_conn_host_state(&t.h), VMBP_CONN_DISCONNECTED);
    /* RESUME while not paused: nothing to report; a new contact while paused */
    pair_up(&t, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME);
    th_msg(&m, VMBP_MSG_RESUME);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    ck_assert_uint_eq(t.out.nmsgs + t.out.nevents, 0);
    pair_offer(&t, 1);
    ck_assert_int_eq(h_header(&t, 1, 0x70, 1, 4096u, 2), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, 0x70, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(h_header(&t, 1, 0x71, 1, 40u * 4096u, 41), VMBP_OK); /* reassembling */
    th_msg(&m, VMBP_MSG_PAUSE);
    ck_assert_int_eq(th_hfeed(&t, &m, false), VMBP_OK);
    th_out_reset(&t);
    ck_assert_int_eq(th_hcontact(&t, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME, false),
                     VMBP_OK);
    for (k = 0; k < t.out.nevents; k++)
        torn |= t.out.events[k].kind == VMBP_CONN_EV_GPADL_TEARDOWN &&
                t.out.events[k].gpadl == 0x70;
    ck_assert(torn);
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-130 */
START_TEST(host_checker_catches_broken_links)
{
    struct th t;
    uint32_t i;

    pair2(&t, VMBP_VERSION_5_3);
    ck_assert_int_eq(h_header(&t, 1, 0x50, 1, 2u * 4096u, 3), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, 0x50, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(h_header(&t, 2, 0x51, 1, 2u * 4096u, 3), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 2, 0x51, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(h_open(&t, 1, 0x50, 0), VMBP_OK);
    th_out_reset(&t);
    memcpy(&hsave, &t.h, sizeof(hsave));
    memcpy(hcsave, t.hc, sizeof(hcsave));
    memcpy(hgsave, t.hg, sizeof(hgsave));
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
    hchan(&t, 2)->offer.child_relid = 0; /* a live channel without an ID */
    HCAUGHT(&t);
    hchan(&t, 1)->ring_gpadl = 0x51; /* OPENING on another channel's GPADL */
    HCAUGHT(&t);
    hgpadl_of(&t, 1)->state = VMBP_CONN_GPADL_DEVICE; /* its ring not created */
    HCAUGHT(&t);
    hchan(&t, 2)->sent = 0; /* a GPADL of a channel not offered */
    HCAUGHT(&t);
    hgpadl_of(&t, 2)->state = 0; /* below CREATING */
    HCAUGHT(&t);
    hgpadl_of(&t, 2)->state = 9; /* past DEVICE */
    HCAUGHT(&t);
    t.h.nchan_live++;
    HCAUGHT(&t);
    hchan(&t, 2)->state = VMBP_CONN_CHAN_REGISTERED; /* sent, yet only registered */
    HCAUGHT(&t);
    t.h.state = VMBP_CONN_CONNECTED; /* offers out before REQUEST_OFFERS */
    HCAUGHT(&t);
    /* disconnected: no GPADL, no channel flags */
    th_host(&t, 0, 0);
    pair_offer(&t, 1);
    memcpy(&hsave, &t.h, sizeof(hsave));
    memcpy(hcsave, t.hc, sizeof(hcsave));
    memcpy(hgsave, t.hg, sizeof(hgsave));
    hchan(&t, 1)->flags = VMBP_CONN_CHAN_F_RESCINDED;
    HCAUGHT(&t);
    hchan(&t, 1)->state = 9;
    HCAUGHT(&t);
    for (i = 0; i < TH_NGPADL; i++)
        ck_assert_uint_eq(t.hg[i].handle, 0);
    t.hg[0].handle = 5;
    t.hg[0].relid = 1;
    t.hg[0].state = VMBP_CONN_GPADL_CREATED;
    t.h.ngpadl_live = 1;
    hchan(&t, 1)->sent = 1;
    hchan(&t, 1)->state = VMBP_CONN_CHAN_OFFERED;
    HCAUGHT(&t);
}
END_TEST

/* covers: VMBP-CONN-112 VMBP-CONN-118 VMBP-CONN-122 VMBP-CONF-016 */
START_TEST(more_shapes_both_sides)
{
    struct th t;
    struct vmbp_msg m;
    struct vmbp_conn_gpadl_params p;
    struct vmbp_gpa_range r[2];
    uint32_t h = 0, ring = 0, buf = 0, i;

    /* guest: another class with the same instance and sub-channel is another channel */
    th_init(&t, NULL, 0);
    th_up(&t, VMBP_VERSION_5_3, 0, true);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    th_offer_msg(&m, 2, 1, 0, 0);
    m.u.offer.interface_type.bytes[0] = 0x22;
    ck_assert_int_eq(th_feed(&t, &m), VMBP_OK);
    /* a ring GPADL of two ranges */
    memset(&p, 0, sizeof(p));
    for (i = 0; i < 2; i++) {
        r[i].byte_offset = 0;
        r[i].byte_count = 2u * 4096u;
        r[i].pfns = t.pfns;
    }
    p.relid = 1;
    p.ranges = r;
    p.nranges = 2;
    p.purpose = VMBP_CONN_GPADL_RING;
    p.mem = VMBP_CONFIDENTIAL_MEM_PRIVATE;
    th_snap(&t);
    ck_assert(th_refused(&t, vmbp_conn_guest_gpadl_create(&t.g, &p, &h, &t.out),
                         VMBP_E_GPADL_RANGE, "VMBP-CONN-118"));
    /* replay: 0x40 asked by a guest that may (not isolated; a confidential contact) */
    for (i = 0; i < 2; i++) {
        th_init(&t, i ? th_plan(&t, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL) : NULL,
                VMBP_CONN_GUEST_F_REPLAY);
        th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
        m.variant = VMBP_MSGV_INITIATE_CONTACT_FEATURES;
        m.u.initiate_contact.variant = m.variant;
        m.u.initiate_contact.version_requested = VMBP_VERSION_6_0;
        m.u.initiate_contact.target_sint = VMBP_MSG_SINT;
        m.u.initiate_contact.feature_flags =
            VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES |
            (i ? (uint32_t)VMBP_FEATURE_CONFIDENTIAL_CHANNELS : 0u);
        ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    }
    /* replay: a GPADL of a header and two bodies */
    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    m.u.initiate_contact.variant = m.variant;
    m.u.initiate_contact.version_requested = VMBP_VERSION_5_3;
    m.u.initiate_contact.target_sint = VMBP_MSG_SINT;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, false, 0), VMBP_OK);
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    th_msg(&m, VMBP_MSG_GPADL_HEADER);
    m.u.gpadl_header.child_relid = 1;
    m.u.gpadl_header.gpadl = 5;
    m.u.gpadl_header.range_buflen = 60u * 8u;
    m.u.gpadl_header.rangecount = 1;
    m.u.gpadl_header.nwords = 27;
    m.u.gpadl_header.words[0] = 59u * 4096u;
    for (i = 1; i < 27; i++)
        m.u.gpadl_header.words[i] = 0x100u + i;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    th_msg(&m, VMBP_MSG_GPADL_BODY);
    m.u.gpadl_body.gpadl = 5;
    m.u.gpadl_body.nwords = 28;
    for (i = 0; i < 28; i++)
        m.u.gpadl_body.words[i] = 0x200u + i;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    m.u.gpadl_body.nwords = 5;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_created(&t, 1, 5, 0), VMBP_OK);
    /* host: a sub-channel of an offered instance is another channel */
    th_init(&t, NULL, 0);
    th_host(&t, 0, VMBP_FEATURES_KNOWN);
    th_offer_msg(&m, 1, 1, 0, VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    th_offer_msg(&m, 2, 1, 1, 0);
    ck_assert_int_eq(vmbp_conn_host_offer(&t.h, &m.u.offer, NULL, &t.out), VMBP_OK);
    /* with GPA_PINNING negotiated the pinning flag goes out as registered */
    {
        uint32_t v = VMBP_VERSION_6_0;
        struct vmbp_conn_chan_info ci;

        ck_assert_int_eq(th_connect(&t, &v, 1, VMBP_FEATURE_GPA_PINNING), VMBP_OK);
        ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
        ck_assert_int_eq(vmbp_conn_guest_request_offers(&t.g, &t.out), VMBP_OK);
        ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
        ck_assert_int_eq(vmbp_conn_guest_chan(&t.g, 1, &ci), VMBP_OK);
        ck_assert_uint_eq(ci.offer_flags, VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY);
    }
    /* tear down a buffer GPADL of an open channel (not its ring) */
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &ring),
        VMBP_OK);
    ck_assert_int_eq(
        th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER, VMBP_CONFIDENTIAL_MEM_PRIVATE, &buf),
        VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, buf, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_gpadl_teardown(&t.g, 1, buf, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 1, buf, NULL), VMBP_E_INVAL);
    {
        struct vmbp_conn_gpadl_info gi;

        ck_assert_int_eq(vmbp_conn_host_gpadl(&t.h, 1, buf, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    }
    ck_assert_int_eq(vmbp_conn_host_check(&t.h), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_check(&t.g), VMBP_OK);
}
END_TEST

/* covers: VMBP-CONN-108 VMBP-CONN-121 VMBP-CONN-122 */
START_TEST(replayed_gpadls_and_answers_out_of_turn)
{
    struct th t;
    struct vmbp_msg m, contact;
    struct vmbp_conn_gpadl_info gi;
    uint32_t i;

    th_init(&t, NULL, VMBP_CONN_GUEST_F_REPLAY);
    th_msg(&contact, VMBP_MSG_INITIATE_CONTACT);
    contact.variant = VMBP_MSGV_INITIATE_CONTACT_SINT;
    contact.u.initiate_contact.variant = contact.variant;
    contact.u.initiate_contact.version_requested = VMBP_VERSION_5_3;
    contact.u.initiate_contact.target_sint = VMBP_MSG_SINT;
    ck_assert_int_eq(replay(&t, &contact), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 0, 0, 0, false, 0), VMBP_OK);
    /* refused; the guest's next proposal is not in the trace yet: nothing to answer */
    th_snap(&t);
    ck_assert(th_refused(&t, th_version(&t, 1, 0, 0x2001, false, 0), VMBP_E_SEQ_NO_REQUEST,
                         "VMBP-CONN-108"));
    contact.u.initiate_contact.version_requested = VMBP_VERSION_5_2;
    ck_assert_int_eq(replay(&t, &contact), VMBP_OK);
    ck_assert_int_eq(th_version(&t, 1, 0, 0x2001, false, 0), VMBP_OK);
    th_msg(&m, VMBP_MSG_REQUEST_OFFERS);
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    ck_assert_int_eq(th_offer(&t, 1, 1, 0, 0), VMBP_OK);
    /* a header with handle 0 */
    th_snap(&t);
    ck_assert(th_refused(&t, replay_header(&t, 1, 0, 16, 2), VMBP_E_SEQ_GPADL_HANDLE,
                         "VMBP-CONN-121"));
    /* a header with no range word in it: no ring pages; its body brings the rest */
    ck_assert_int_eq(replay_header(&t, 1, 4, 16, 0), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, 4, &gi), VMBP_OK);
    ck_assert_uint_eq(gi.pages, 0);
    /* a GPADL whose bodies are still to come is not created yet */
    ck_assert_int_eq(replay_header(&t, 1, 5, 240, 27), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, th_created(&t, 1, 5, 0), VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108"));
    th_msg(&m, VMBP_MSG_GPADL_BODY);
    m.u.gpadl_body.gpadl = 5;
    m.u.gpadl_body.nwords = 3;
    for (i = 0; i < 3; i++)
        m.u.gpadl_body.words[i] = 0x400u + i;
    ck_assert_int_eq(replay(&t, &m), VMBP_OK);
    /* complete: a body more is out of sequence, before and after GPADL_CREATED */
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_GPADL_SEQUENCE, "VMBP-CONN-122"));
    ck_assert_int_eq(th_created(&t, 1, 5, 0), VMBP_OK);
    th_snap(&t);
    ck_assert(th_refused(&t, replay(&t, &m), VMBP_E_GPADL_SEQUENCE, "VMBP-CONN-122"));
    /* the host's ranges of a handle it never saw */
    th_host(&t, 0, 0);
    ck_assert_ptr_null(vmbp_conn_host_gpadl_ranges(&t.h, 1, 0x9999));
}
END_TEST

static Suite *conn_edges_suite(void)
{
    Suite *s = suite_create("conn_edges");
    TCase *tc = tcase_create("edges");

    tcase_add_test(tc, null_arguments_are_refused_everywhere);
    tcase_add_test(tc, an_output_with_broken_bookkeeping_is_refused);
    tcase_add_test(tc, open_fields_the_codec_refuses_are_refused);
    tcase_add_test(tc, gpadl_handles_wrap_past_zero);
    tcase_add_test(tc, replayed_messages_the_machine_does_not_follow);
    tcase_add_test(tc, replay_of_a_contact_an_isolated_vm_may_not_make);
    tcase_add_test(tc, guest_checker_catches_corrupted_tables);
    tcase_add_test(tc, host_checker_catches_corrupted_tables);
    tcase_add_test(tc, host_refuses_a_gpadl_body_with_bad_range_data);
    tcase_add_test(tc, host_reports_tl_connect_request);
    tcase_add_test(tc, host_gates_messages_decoded_by_the_caller);
    tcase_add_test(tc, host_release_drops_the_channels_gpadls);
    tcase_add_test(tc, guest_arguments_out_of_range);
    tcase_add_test(tc, host_completions_and_messages_naming_nothing);
    tcase_add_test(tc, host_gpadl_table_full);
    tcase_add_test(tc, messages_decoded_by_the_caller_are_gated);
    tcase_add_test(tc, guest_requests_refused_where_the_fuzzers_seldom_go);
    tcase_add_test(tc, unload_complete_cancels_every_kind_of_request);
    tcase_add_test(tc, replayed_guest_messages_out_of_order);
    tcase_add_test(tc, host_device_completions);
    tcase_add_test(tc, host_rescinds_a_channel_never_offered);
    tcase_add_test(tc, bad_configurations_are_refused_one_field_at_a_time);
    tcase_add_test(tc, connect_arguments_one_at_a_time);
    tcase_add_test(tc, outputs_names_and_unknown_types);
    tcase_add_test(tc, guest_gpadl_and_open_arguments);
    tcase_add_test(tc, replay_edges);
    tcase_add_test(tc, guest_checker_catches_broken_links);
    tcase_add_test(tc, host_refuses_what_names_the_wrong_thing);
    tcase_add_test(tc, host_ring_shapes);
    tcase_add_test(tc, host_connection_edges);
    tcase_add_test(tc, host_checker_catches_broken_links);
    tcase_add_test(tc, more_shapes_both_sides);
    tcase_add_test(tc, replayed_gpadls_and_answers_out_of_turn);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(conn_edges_suite)
