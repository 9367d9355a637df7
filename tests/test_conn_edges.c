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
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
                     VMBP_OK);
    ck_assert_uint_eq(h, 0xFFFFFFFEu);
    /* 0xFFFFFFFF is in use, 0 names no GPADL: 1 */
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
                     VMBP_OK);
    ck_assert_uint_eq(h, 1);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, 1, &gi), VMBP_OK);
    ck_assert_uint_eq(gi.handle, 1);
    ck_assert_uint_eq(gi.relid, 1);
    ck_assert_uint_eq(gi.state, VMBP_CONN_GPADL_CREATING);
    ck_assert_uint_eq(gi.pages, 0);
    ck_assert_int_eq(vmbp_conn_guest_gpadl(&t.g, 2, &gi), VMBP_E_SEQ_UNKNOWN_GPADL);
    /* 2 is taken by the caller: the one after skips it */
    ck_assert_int_eq(th_gpadl(&t, 1, 2, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
                     VMBP_OK);
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
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
    ck_assert_int_eq(th_gpadl(t, 2, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &h),
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
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE,
                              &ring),
                     VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, ring, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(th_open(&t, 1, 1, ring, 2), VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(th_gpadl(&t, 2, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &buf),
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
    uint8_t buf[VMBP_MSG_MAX_SIZE];
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
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &a),
                     VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(vmbp_conn_host_gpadl_complete(&t.h, 1, a, 0, &t.out), VMBP_OK);
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &b),
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
        torn |= t.out.events[i].kind == VMBP_CONN_EV_GPADL_TEARDOWN && t.out.events[i].gpadl == a;
        cancelled |= t.out.events[i].kind == VMBP_CONN_EV_CANCELLED && t.out.events[i].gpadl == b;
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
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE,
                              &ring),
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
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 60, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &big),
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
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &a),
                     VMBP_OK);
    ck_assert_int_eq(th_pump(&t, false), VMBP_OK);
    ck_assert_int_eq(th_gpadl(&t, 1, 0, 1, VMBP_CONN_GPADL_BUFFER,
                              VMBP_CONFIDENTIAL_MEM_PRIVATE, &b),
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
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(conn_edges_suite)
