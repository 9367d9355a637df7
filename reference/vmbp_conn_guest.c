/* SPDX-License-Identifier: MIT */
/*
 * The guest (VMBus client) machine of spec/conn.md. Every public call checks everything
 * first, then writes its messages and events at the tail of the output, and only then
 * changes the state and counts the output: a refused call leaves no trace.
 * Freestanding: only the vmbus_proto headers (no libc).
 */
#include "vmbp_conn_priv.h"

#include <vmbus_proto/devices.h>

/* g->flags (vmbp_conn_priv.h) */
#define G_OFFERS_REQUESTED VMBP_PRIV_CONN_G_OFFERS_REQUESTED
#define G_OFFERS_DELIVERED VMBP_PRIV_CONN_G_OFFERS_DELIVERED
#define G_PAUSING VMBP_PRIV_CONN_G_PAUSING
#define G_PAUSED VMBP_PRIV_CONN_G_PAUSED
#define G_MODIFYING_CONN VMBP_PRIV_CONN_G_MODIFYING_CONN
#define G_PROPOSAL_UNSENT VMBP_PRIV_CONN_G_PROPOSAL_UNSENT
#define G_HOST_PAGES VMBP_PRIV_CONN_G_HOST_PAGES

#define CHAN_FLAGS_KNOWN                                                                       \
    (VMBP_CONN_CHAN_F_RESCINDED | VMBP_CONN_CHAN_F_MODIFYING | VMBP_CONN_CHAN_F_NO_INTERRUPT)

static enum vmbp_status refuse(struct vmbp_conn_guest *g, enum vmbp_status st, const char *rule)
{
    g->rule = rule;
    return st;
}

/* The rule of a host message the codec refused: the offer-flag checks are the offer's rule
 * (VMBP-CONN-113), the rest the codec's (VMBP-CONN-101). */
static const char *codec_rule(uint32_t type, enum vmbp_status st)
{
    if (type == VMBP_MSG_OFFER_CHANNEL &&
        (st == VMBP_E_CONFIDENTIAL || st == VMBP_E_CONFIDENTIAL_EXT || st == VMBP_E_FEATURE))
        return "VMBP-CONN-113";
    return "VMBP-CONN-101";
}

static enum vmbp_status accepted(struct vmbp_conn_guest *g)
{
    g->rule = NULL;
    return VMBP_OK;
}

static bool connected(const struct vmbp_conn_guest *g)
{
    return g->state == VMBP_CONN_CONNECTED || g->state == VMBP_CONN_REQUESTING ||
           g->state == VMBP_CONN_READY;
}

static struct vmbp_conn_gchan *chan_find(const struct vmbp_conn_guest *g, uint32_t relid)
{
    uint32_t i;

    if (relid == 0)
        return NULL;
    for (i = 0; i < g->nchans; i++)
        if (g->chans[i].relid == relid)
            return &g->chans[i];
    return NULL;
}

static struct vmbp_conn_ggpadl *gpadl_find(const struct vmbp_conn_guest *g, uint32_t handle)
{
    uint32_t i;

    if (handle == 0)
        return NULL;
    for (i = 0; i < g->ngpadls; i++)
        if (g->gpadls[i].handle == handle)
            return &g->gpadls[i];
    return NULL;
}

/* The connection ID of every guest message after INITIATE_CONTACT (VMBP-CONN-104). */
static uint32_t msg_conn(const struct vmbp_conn_guest *g)
{
    return vmbp_version_has_target_sint(g->ctx.version) ? g->msg_conn_id
                                                        : VMBP_MESSAGE_CONNECTION_ID;
}

/* Put one message of the current connection into output slot `slot`, or nothing when
 * replaying (the trace holds the message). */
static enum vmbp_status put(struct vmbp_conn_guest *g, struct vmbp_conn_out *out, bool emit,
                            uint32_t slot, const struct vmbp_msg *m)
{
    if (!emit)
        return VMBP_OK;
    return vmbp_priv_conn_put(out, slot, msg_conn(g), m, &g->ctx, VMBP_DIR_GUEST_TO_HOST);
}

/* Room for m (when emitting) and `events` events, and m encoded in the first free slot; not
 * committed. The codec refuses m only for what the caller gave (an open's flags): that is
 * VMBP-CONN-101. */
static enum vmbp_status send(struct vmbp_conn_guest *g, struct vmbp_conn_out *out, bool emit,
                             uint32_t events, const struct vmbp_msg *m)
{
    enum vmbp_status st = vmbp_priv_conn_room(out, emit ? 1u : 0u, events);

    if (st != VMBP_OK)
        return st;
    st = put(g, out, emit, 0, m);
    if (st != VMBP_OK)
        return refuse(g, st, "VMBP-CONN-101");
    return VMBP_OK;
}

/* A channel action is taken only on a connection that is not paused (VMBP-CONN-102,
 * VMBP-CONN-127). */
static enum vmbp_status action_allowed(struct vmbp_conn_guest *g)
{
    if (!connected(g))
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-102");
    if (g->flags & (G_PAUSING | G_PAUSED))
        return refuse(g, VMBP_E_SEQ_PAUSED, "VMBP-CONN-127");
    return VMBP_OK;
}

static void clear_tables(struct vmbp_conn_guest *g)
{
    VMBP_MEMSET(g->chans, 0, (size_t)g->nchans * sizeof(*g->chans));
    VMBP_MEMSET(g->gpadls, 0, (size_t)g->ngpadls * sizeof(*g->gpadls));
    g->nchan_live = 0;
    g->ngpadl_live = 0;
}

static void go_disconnected(struct vmbp_conn_guest *g)
{
    clear_tables(g);
    g->state = (uint8_t)VMBP_CONN_DISCONNECTED;
    g->flags = 0;
    g->ctx.version = 0;
    g->ctx.features = 0;
    g->msg_conn_id = VMBP_MESSAGE_CONNECTION_ID;
    g->message_vp = 0;
    g->nversions = 0;
    g->vindex = 0;
    g->monitor_page1 = 0;
    g->monitor_page2 = 0;
    g->modify_page1 = 0;
    g->modify_page2 = 0;
}

enum vmbp_status vmbp_conn_guest_init(struct vmbp_conn_guest *g,
                                      const struct vmbp_conn_guest_config *cfg)
{
    if (!g || !cfg || !cfg->channels || !cfg->gpadls || cfg->nchannels == 0 ||
        cfg->nchannels > VMBP_CONN_CHANNELS_MAX || cfg->ngpadls == 0 ||
        cfg->ngpadls > VMBP_CONN_GPADLS_MAX || (cfg->flags & ~VMBP_CONN_GUEST_F_REPLAY) != 0 ||
        (cfg->shared_gpa_boundary & (cfg->shared_gpa_boundary - 1u)) != 0)
        return VMBP_E_INVAL;
    VMBP_MEMSET(g, 0, sizeof(*g));
    g->chans = cfg->channels;
    g->nchans = cfg->nchannels;
    g->gpadls = cfg->gpadls;
    g->ngpadls = cfg->ngpadls;
    g->cfg_flags = (uint8_t)cfg->flags;
    g->next_gpadl = VMBP_CONN_GPADL_HANDLE_FIRST;
    g->boundary = cfg->shared_gpa_boundary;
    if (cfg->plan) {
        g->plan_mode = cfg->plan->mode;
        g->confidential = cfg->plan->confidential ? 1u : 0u;
        g->isolated = cfg->plan->isolated ? 1u : 0u;
        g->request_cc = cfg->plan->request_confidential_channels ? 1u : 0u;
    }
    go_disconnected(g);
    return VMBP_OK;
}

void vmbp_conn_guest_reset(struct vmbp_conn_guest *g)
{
    if (g) {
        go_disconnected(g);
        g->rule = NULL;
    }
}

/* ---- negotiation -------------------------------------------------------------------------- */

/* The features a 6.0 proposal requests: the wanted ones, CONFIDENTIAL_CHANNELS only on a
 * confidential contact (VMBP-CONF-013, vmbp_confidential_contact_features()). */
static uint32_t requested_features(uint32_t want, bool cc_on, uint32_t version)
{
    uint32_t cc = (uint32_t)VMBP_FEATURE_CONFIDENTIAL_CHANNELS;

    if (!vmbp_version_has_feature_flags(version))
        return 0;
    return cc_on ? (want | cc) : (want & ~cc);
}

/* The proposal of `version` into c: the contact fields of base (which may be c) with the
 * version, its features and its form. */
static void proposal_of(const struct vmbp_initiate_contact *base, uint32_t want, bool cc_on,
                        uint32_t version, struct vmbp_initiate_contact *c)
{
    if (c != base)
        VMBP_MEMCPY(c, base, sizeof(*c));
    c->version_requested = version;
    c->feature_flags = requested_features(want, cc_on, version);
    c->variant = vmbp_msg_initiate_contact_variant(version, c->feature_flags);
}

/* The proposal of `version` from the machine's contact. */
static void proposal(const struct vmbp_conn_guest *g, uint32_t version,
                     struct vmbp_initiate_contact *c)
{
    proposal_of(&g->contact, g->want_features, g->request_cc != 0, version, c);
}

/* Encode proposal c into output slot `slot` (posted to 1 or 4 by its version). */
static enum vmbp_status put_proposal(struct vmbp_conn_out *out, uint32_t slot,
                                     const struct vmbp_initiate_contact *c)
{
    struct vmbp_msg m;
    struct vmbp_ctx none = {0, 0};

    vmbp_priv_conn_msg_init(&m, VMBP_MSG_INITIATE_CONTACT);
    m.variant = c->variant;
    VMBP_MEMCPY(&m.u.initiate_contact, c, sizeof(*c));
    return vmbp_priv_conn_put(out, slot,
                              vmbp_version_contact_connection_id(c->version_requested), &m,
                              &none, VMBP_DIR_GUEST_TO_HOST);
}

/* Check a proposal list (VMBP-CONN-103): known versions, newest first, the isolated VM's
 * minimum applied; writes the kept versions to vs. */
static enum vmbp_status version_list(struct vmbp_conn_guest *g, const uint32_t *src, uint32_t n,
                                     uint32_t *vs, uint32_t *kept)
{
    uint32_t i, k = 0;

    if (n == 0 || n > VMBP_VERSION_COUNT)
        return VMBP_E_INVAL;
    for (i = 0; i < n; i++) {
        if (!vmbp_version_is_known(src[i]))
            return VMBP_E_INVAL;
        if (i > 0 && src[i] >= src[i - 1])
            return refuse(g, VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103");
        if (g->isolated && !vmbp_version_ok_for_isolated_vm(src[i]))
            continue; /* VMBP-VER-005 */
        vs[k++] = src[i];
    }
    if (k == 0)
        return refuse(g, VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103");
    *kept = k;
    return VMBP_OK;
}

/* The known versions from `newest` down, newest first. */
static uint32_t versions_from(uint32_t newest, uint32_t *vs)
{
#define VMBP_PRIV_CONN_V(e, maj, min, win, lnx, ovmm) VMBP_MAKE_VERSION(maj, min),
    static const uint32_t all[] = {VMBP_VERSION_LIST(VMBP_PRIV_CONN_V)}; /* oldest first */
#undef VMBP_PRIV_CONN_V
    uint32_t i, n = 0;

    for (i = VMBP_VERSION_COUNT; i > 0; i--)
        if (all[i - 1] <= newest)
            vs[n++] = all[i - 1];
    return n;
}

static enum vmbp_status connect_core(struct vmbp_conn_guest *g,
                                     const struct vmbp_conn_connect *c, bool emit,
                                     struct vmbp_conn_out *out)
{
    uint32_t vs[VMBP_VERSION_COUNT], n = 0, want;
    struct vmbp_initiate_contact ic;
    enum vmbp_status st;

    if (g->state != VMBP_CONN_DISCONNECTED)
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-103");
    if ((c->features & ~VMBP_FEATURES_KNOWN) != 0 || c->target_sint > VMBP_SINT_MAX ||
        c->target_vtl > VMBP_VTL_MAX)
        return VMBP_E_INVAL;
    if ((c->monitor_page1 == 0) != (c->monitor_page2 == 0)) /* both or neither (OpenVMM) */
        return refuse(g, VMBP_E_FIELD_RANGE, "VMBP-CONN-103");
    if (c->versions)
        st = version_list(g, c->versions, c->nversions, vs, &n);
    else
        st = version_list(g, vs, versions_from(VMBP_VERSION_LATEST, vs), vs, &n);
    if (st != VMBP_OK)
        return st;
    VMBP_MEMSET(&ic, 0, sizeof(ic));
    ic.target_message_vp = c->target_vp;
    ic.target_sint = c->target_sint;
    ic.target_vtl = c->target_vtl;
    ic.interrupt_page = c->interrupt_page;
    ic.parent_to_child_monitor_gpa = c->monitor_page1;
    ic.child_to_parent_monitor_gpa = c->monitor_page2;
    ic.client_id = c->client_id;
    want = c->features;
    if (g->isolated && !g->confidential) /* its peer is the host (VMBP-CONF-016) */
        want &= ~(uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;
    proposal_of(&ic, want, g->request_cc != 0, vs[0], &ic);
    st = vmbp_priv_conn_room(out, emit ? 1u : 0u, 0);
    if (st == VMBP_OK && emit)
        st = put_proposal(out, 0, &ic);
    if (st != VMBP_OK)
        return st;
    VMBP_MEMCPY(&g->contact, &ic, sizeof(ic));
    g->want_features = want;
    VMBP_MEMCPY(g->versions, vs, (size_t)n * sizeof(vs[0]));
    g->nversions = n;
    g->vindex = 0;
    g->state = (uint8_t)VMBP_CONN_CONTACTING;
    g->flags = 0;
    vmbp_priv_conn_commit(out, emit ? 1u : 0u, 0);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_connect(struct vmbp_conn_guest *g,
                                         const struct vmbp_conn_connect *c,
                                         struct vmbp_conn_out *out)
{
    if (!g || !c || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return connect_core(g, c, true, out);
}

/* Propose versions[index] after a refusal: the message, unless replaying, where the guest's
 * own INITIATE_CONTACT is awaited (vmbp_conn_guest_replay()). */
static enum vmbp_status next_proposal(struct vmbp_conn_guest *g, uint32_t index, uint32_t slot,
                                      struct vmbp_conn_out *out,
                                      struct vmbp_initiate_contact *c)
{
    proposal(g, g->versions[index], c);
    if (g->cfg_flags & VMBP_CONN_GUEST_F_REPLAY)
        return VMBP_OK;
    return put_proposal(out, slot, c);
}

static uint32_t proposal_msgs(const struct vmbp_conn_guest *g)
{
    return (g->cfg_flags & VMBP_CONN_GUEST_F_REPLAY) ? 0u : 1u;
}

static void commit_proposal(struct vmbp_conn_guest *g, uint32_t index,
                            const struct vmbp_initiate_contact *c)
{
    VMBP_MEMCPY(&g->contact, c, sizeof(*c));
    g->vindex = index;
    if (g->cfg_flags & VMBP_CONN_GUEST_F_REPLAY)
        g->flags |= G_PROPOSAL_UNSENT;
}

/* The connection attempt ended without a connection (VMBP-CONN-103, VMBP-CONN-106). */
static enum vmbp_status connect_failed(struct vmbp_conn_guest *g, struct vmbp_conn_out *out,
                                       uint32_t version, uint32_t status, bool refused)
{
    uint32_t nev = refused ? 2u : 1u, i = 0;
    enum vmbp_status st = vmbp_priv_conn_room(out, 0, nev);
    struct vmbp_conn_event *e;

    if (st != VMBP_OK)
        return st;
    if (refused) {
        e = vmbp_priv_conn_ev(out, i++, VMBP_CONN_EV_VERSION_REFUSED);
        e->value = version;
    }
    e = vmbp_priv_conn_ev(out, i, VMBP_CONN_EV_CONNECT_FAILED);
    e->value = version;
    e->status = status;
    go_disconnected(g);
    vmbp_priv_conn_commit(out, 0, nev);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_contact_failed(struct vmbp_conn_guest *g, uint16_t post_status,
                                                struct vmbp_conn_out *out)
{
    struct vmbp_initiate_contact c;
    struct vmbp_conn_event *e;
    enum vmbp_confidential_mode mode;
    enum vmbp_status st;
    uint32_t v, i, mp = (uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;

    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    if (g->state != VMBP_CONN_CONTACTING)
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-105");
    if (post_status == VMBP_HV_STATUS_SUCCESS)
        return VMBP_E_INVAL;
    v = g->versions[g->vindex];
    mode = g->plan_mode ? (enum vmbp_confidential_mode)g->plan_mode
                        : VMBP_CONFIDENTIAL_MODE_DIRECT;
    switch (vmbp_confidential_contact_outcome(mode, post_status)) {
    case VMBP_CONFIDENTIAL_CONTACT_RETRY:
        st = vmbp_priv_conn_room(out, 1, 0);
        if (st == VMBP_OK)
            st = put_proposal(out, 0, &g->contact);
        if (st != VMBP_OK)
            return st;
        vmbp_priv_conn_commit(out, 1, 0);
        return accepted(g);
    case VMBP_CONFIDENTIAL_CONTACT_NEXT_VERSION:
        /* an older host: every proposal from 5.0 fails alike, go on below 5.0 */
        for (i = g->vindex + 1; i < g->nversions; i++)
            if (!vmbp_version_has_target_sint(g->versions[i]))
                break;
        if (i >= g->nversions)
            return connect_failed(g, out, v, post_status, false);
        st = vmbp_priv_conn_room(out, 1, 1);
        if (st == VMBP_OK) {
            proposal(g, g->versions[i], &c);
            st = put_proposal(out, 0, &c);
        }
        if (st != VMBP_OK)
            return st;
        e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_VERSION_REFUSED);
        e->value = v;
        e->status = post_status;
        VMBP_MEMCPY(&g->contact, &c, sizeof(c));
        g->vindex = i;
        vmbp_priv_conn_commit(out, 1, 1);
        return accepted(g);
    case VMBP_CONFIDENTIAL_CONTACT_FALLBACK:
        if (!g->confidential)
            return connect_failed(g, out, v, post_status, false);
        st = vmbp_priv_conn_room(out, 1, 1);
        if (st == VMBP_OK) {
            proposal_of(&g->contact, g->want_features & ~mp, false, v, &c);
            st = put_proposal(out, 0, &c);
        }
        if (st != VMBP_OK)
            return st;
        e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_CONTACT_FALLBACK);
        e->value = v;
        e->status = post_status;
        VMBP_MEMCPY(&g->contact, &c, sizeof(c));
        g->want_features &= ~mp; /* the peer is the host now (VMBP-CONF-016) */
        g->request_cc = 0;
        g->confidential = 0;
        g->plan_mode = (uint8_t)VMBP_CONFIDENTIAL_MODE_FALLBACK;
        vmbp_priv_conn_commit(out, 1, 1);
        return accepted(g);
    default: /* FAIL (DONE is a success, refused above) */
        return connect_failed(g, out, v, post_status, false);
    }
}

static enum vmbp_status on_version_response(struct vmbp_conn_guest *g,
                                            const struct vmbp_version_response *vr,
                                            struct vmbp_conn_out *out)
{
    struct vmbp_initiate_contact c;
    struct vmbp_conn_event *e;
    enum vmbp_status st;
    uint32_t v, requested, features;
    uint64_t p1, p2;
    bool given = false;

    if (g->state != VMBP_CONN_CONTACTING || (g->flags & G_PROPOSAL_UNSENT))
        return refuse(g, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108");
    v = g->versions[g->vindex];
    if (vr->version_supported == 0) {
        if (g->vindex + 1 >= g->nversions)
            return connect_failed(g, out, v, 0, true);
        st = vmbp_priv_conn_room(out, proposal_msgs(g), 1);
        if (st == VMBP_OK)
            st = next_proposal(g, g->vindex + 1, 0, out, &c);
        if (st != VMBP_OK)
            return st;
        e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_VERSION_REFUSED);
        e->value = v;
        commit_proposal(g, g->vindex + 1, &c);
        vmbp_priv_conn_commit(out, proposal_msgs(g), 1);
        return accepted(g);
    }
    /* accepted; from 2.4 a failed connection state ends the attempt (VMBP-CONN-106) */
    if (vmbp_version_has_dedicated_interrupts(v) &&
        vr->connection_state != VMBP_CONNECTION_SUCCESSFUL)
        return connect_failed(g, out, v, vr->connection_state, false);
    if (vmbp_version_has_target_sint(v) &&
        (vr->msg_conn_id == 0 || vr->msg_conn_id > VMBP_SYNIC_CONNECTION_ID_MAX))
        return refuse(g, VMBP_E_FIELD_RANGE, "VMBP-CONN-104");
    requested = g->contact.feature_flags;
    p1 = g->contact.parent_to_child_monitor_gpa;
    p2 = g->contact.child_to_parent_monitor_gpa;
    if (vmbp_msg_version_response_has_monitor_pages(vr, v, requested)) {
        struct vmbp_confidential_plan pl; /* whom the pages come from, and the VM */

        VMBP_MEMSET(&pl, 0, sizeof(pl));
        pl.isolated = g->isolated != 0;
        pl.confidential = g->confidential != 0;
        p1 = vr->parent_to_child_monitor_gpa;
        p2 = vr->child_to_parent_monitor_gpa;
        st = vmbp_confidential_monitor_pages_check(&pl, g->boundary, p1, p2);
        if (st != VMBP_OK)
            return refuse(g, st, "VMBP-CONN-140");
        given = true;
    }
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    features = vmbp_features_negotiate(v, requested, vr->supported_features);
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_CONNECTED);
    e->value = v;
    e->features = features;
    g->ctx.version = v;
    g->ctx.features = features;
    g->msg_conn_id =
        vmbp_version_has_target_sint(v) ? vr->msg_conn_id : VMBP_MESSAGE_CONNECTION_ID;
    g->message_vp = vmbp_version_has_reconnect(v) ? g->contact.target_message_vp : 0;
    g->monitor_page1 = p1;
    g->monitor_page2 = p2;
    g->state = (uint8_t)VMBP_CONN_CONNECTED;
    g->flags = given ? G_HOST_PAGES : 0u;
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

/* ---- offers -------------------------------------------------------------------------------- */

static enum vmbp_status request_offers_core(struct vmbp_conn_guest *g, bool emit,
                                            struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st;

    if (g->flags & (G_PAUSING | G_PAUSED))
        return refuse(g, VMBP_E_SEQ_PAUSED, "VMBP-CONN-127");
    if (g->state != VMBP_CONN_CONNECTED)
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-109");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_REQUEST_OFFERS);
    st = send(g, out, emit, 0, &m);
    if (st != VMBP_OK)
        return st;
    g->state = (uint8_t)VMBP_CONN_REQUESTING;
    g->flags |= G_OFFERS_REQUESTED;
    vmbp_priv_conn_commit(out, emit ? 1u : 0u, 0);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_request_offers(struct vmbp_conn_guest *g,
                                                struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return request_offers_core(g, true, out);
}

/* Offers, rescinds and ALL_OFFERS_DELIVERED come after REQUEST_OFFERS, also in flight while
 * unloading (VMBP-CONN-109, VMBP-CONN-128): the flag is set in REQUESTING, READY and
 * UNLOADING only (vmbp_conn_guest_check()). */
static bool offers_phase(const struct vmbp_conn_guest *g)
{
    return (g->flags & G_OFFERS_REQUESTED) != 0;
}

static enum vmbp_status on_offer(struct vmbp_conn_guest *g, const struct vmbp_offer *o,
                                 struct vmbp_conn_out *out)
{
    struct vmbp_confidential_plan plan;
    struct vmbp_confidential_offer_memory mem;
    struct vmbp_conn_gchan *slot = NULL;
    struct vmbp_conn_event *e;
    enum vmbp_status st;
    uint32_t i;

    if (!offers_phase(g))
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-109");
    for (i = 0; i < g->nchans; i++) {
        const struct vmbp_conn_gchan *c = &g->chans[i];

        if (c->relid == 0) {
            if (!slot)
                slot = &g->chans[i];
            continue;
        }
        if (c->relid == o->child_relid)
            return refuse(g, VMBP_E_SEQ_RELID_IN_USE, "VMBP-CONN-111");
    }
    for (i = 0; i < g->nchans; i++) {
        const struct vmbp_conn_gchan *c = &g->chans[i];

        if (c->relid != 0 && c->sub_channel_index == o->sub_channel_index &&
            vmbp_guid_equal(&c->interface_type, &o->interface_type) &&
            vmbp_guid_equal(&c->interface_instance, &o->interface_instance))
            return refuse(g, VMBP_E_SEQ_DUPLICATE_OFFER, "VMBP-CONN-112");
    }
    /* an isolated VM takes only the classes triaged for it (Linux vmbus_is_valid_offer) */
    if (g->isolated && !vmbp_device_allowed_in_isolated_vm(&o->interface_type, o->flags))
        return refuse(g, VMBP_E_UNSUPPORTED, "VMBP-DEV-001");
    /* the memory the offer demands, decided once (VMBP-CONN-113, VMBP-CONF-011/012) */
    VMBP_MEMSET(&plan, 0, sizeof(plan));
    plan.confidential = g->confidential != 0;
    plan.isolated = g->isolated != 0;
    st = vmbp_confidential_offer_decide(o->flags, &g->ctx, &plan, &mem);
    if (st != VMBP_OK)
        return refuse(g, st, "VMBP-CONN-113");
    if (!slot)
        return refuse(g, VMBP_E_NOSPACE, "VMBP-CONN-109");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_OFFER);
    e->relid = o->child_relid;
    VMBP_MEMSET(slot, 0, sizeof(*slot));
    slot->relid = o->child_relid;
    slot->connection_id = o->connection_id;
    slot->offer_flags = o->flags;
    slot->sub_channel_index = o->sub_channel_index;
    slot->state = (uint8_t)VMBP_CONN_CHAN_OFFERED;
    slot->mem = mem;
    slot->interface_type = o->interface_type;
    slot->interface_instance = o->interface_instance;
    g->nchan_live++;
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

static enum vmbp_status on_all_offers(struct vmbp_conn_guest *g, struct vmbp_conn_out *out)
{
    enum vmbp_status st;

    if (!offers_phase(g) || (g->flags & G_OFFERS_DELIVERED))
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-110");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    (void)vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_ALL_OFFERS_DELIVERED);
    g->flags |= G_OFFERS_DELIVERED;
    if (g->state == VMBP_CONN_REQUESTING)
        g->state = (uint8_t)VMBP_CONN_READY;
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

static enum vmbp_status on_rescind(struct vmbp_conn_guest *g, uint32_t relid,
                                   struct vmbp_conn_out *out)
{
    struct vmbp_conn_gchan *c;
    struct vmbp_conn_event *e;
    enum vmbp_status st;
    uint32_t nev;

    if (!offers_phase(g))
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-115");
    c = chan_find(g, relid);
    if (!c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-115");
    if (c->flags & VMBP_CONN_CHAN_F_RESCINDED)
        return refuse(g, VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-115");
    nev = c->state == VMBP_CONN_CHAN_OPENING ? 2u : 1u;
    st = vmbp_priv_conn_room(out, 0, nev);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_RESCIND);
    e->relid = relid;
    if (c->state == VMBP_CONN_CHAN_OPENING) {
        /* the host answers no open of a revoked channel (OpenVMM revoke()) */
        e = vmbp_priv_conn_ev(out, 1, VMBP_CONN_EV_CANCELLED);
        e->request = (uint16_t)VMBP_CONN_REQ_OPEN;
        e->relid = relid;
        e->gpadl = c->ring_gpadl;
        c->state = (uint8_t)VMBP_CONN_CHAN_OFFERED;
        c->ring_gpadl = 0;
        c->open_id = 0;
        c->flags &= (uint8_t)~VMBP_CONN_CHAN_F_NO_INTERRUPT;
    }
    c->flags |= VMBP_CONN_CHAN_F_RESCINDED;
    vmbp_priv_conn_commit(out, 0, nev);
    return accepted(g);
}

/* ---- responses ----------------------------------------------------------------------------- */

static enum vmbp_status on_open_result(struct vmbp_conn_guest *g,
                                       const struct vmbp_open_result *r,
                                       struct vmbp_conn_out *out)
{
    struct vmbp_conn_gchan *c = chan_find(g, r->child_relid);
    struct vmbp_conn_event *e;
    enum vmbp_status st;

    if (!c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-119");
    if (c->state != VMBP_CONN_CHAN_OPENING)
        return refuse(g, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108");
    if (r->open_id != c->open_id)
        return refuse(g, VMBP_E_SEQ_OPEN_ID, "VMBP-CONN-119");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_OPEN_RESULT);
    e->relid = c->relid;
    e->gpadl = c->ring_gpadl;
    e->status = r->status;
    if (r->status == VMBP_NTSTATUS_SUCCESS) {
        c->state = (uint8_t)VMBP_CONN_CHAN_OPEN;
    } else {
        c->state = (uint8_t)VMBP_CONN_CHAN_OFFERED;
        c->ring_gpadl = 0;
        c->open_id = 0;
        c->flags &= (uint8_t)~VMBP_CONN_CHAN_F_NO_INTERRUPT;
    }
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

static void gpadl_free(struct vmbp_conn_guest *g, struct vmbp_conn_ggpadl *p)
{
    VMBP_MEMSET(p, 0, sizeof(*p));
    g->ngpadl_live--;
}

static enum vmbp_status on_gpadl_created(struct vmbp_conn_guest *g,
                                         const struct vmbp_gpadl_created *r,
                                         struct vmbp_conn_out *out)
{
    struct vmbp_conn_ggpadl *p = gpadl_find(g, r->gpadl);
    struct vmbp_conn_event *e;
    enum vmbp_status st;

    if (!p || p->relid != r->child_relid)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-122");
    if (p->state != VMBP_CONN_GPADL_CREATING || p->words_left != 0)
        return refuse(g, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_GPADL_CREATED);
    e->relid = p->relid;
    e->gpadl = p->handle;
    e->status = r->creation_status;
    if (r->creation_status == VMBP_NTSTATUS_SUCCESS)
        p->state = (uint8_t)VMBP_CONN_GPADL_CREATED;
    else
        gpadl_free(g, p);
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

static enum vmbp_status on_gpadl_torndown(struct vmbp_conn_guest *g, uint32_t handle,
                                          struct vmbp_conn_out *out)
{
    struct vmbp_conn_ggpadl *p = gpadl_find(g, handle);
    struct vmbp_conn_event *e;
    enum vmbp_status st;

    if (!p)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-123");
    if (p->state != VMBP_CONN_GPADL_TEARING_DOWN)
        return refuse(g, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_GPADL_TORNDOWN);
    e->relid = p->relid;
    e->gpadl = p->handle;
    gpadl_free(g, p);
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

static enum vmbp_status on_modify_response(struct vmbp_conn_guest *g,
                                           const struct vmbp_modify_channel_response *r,
                                           struct vmbp_conn_out *out)
{
    struct vmbp_conn_gchan *c = chan_find(g, r->child_relid);
    struct vmbp_conn_event *e;
    enum vmbp_status st;

    if (!c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-125");
    if (!(c->flags & VMBP_CONN_CHAN_F_MODIFYING))
        return refuse(g, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_MODIFY_CHANNEL_RESULT);
    e->relid = c->relid;
    e->value = c->modify_vp;
    e->status = r->status;
    c->flags &= (uint8_t)~VMBP_CONN_CHAN_F_MODIFYING;
    c->modify_vp = 0;
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

/* A response answering a connection-wide request: flag `bit` pending, event `kind`. */
static enum vmbp_status on_conn_response(struct vmbp_conn_guest *g, uint8_t bit,
                                         enum vmbp_conn_event_kind kind, uint32_t status,
                                         struct vmbp_conn_out *out)
{
    struct vmbp_conn_event *e;
    enum vmbp_status st;

    if (!(g->flags & bit))
        return refuse(g, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, kind);
    e->status = status;
    g->flags &= (uint8_t)~bit;
    if (bit == G_MODIFYING_CONN && status == VMBP_CONNECTION_SUCCESSFUL) {
        g->monitor_page1 = g->modify_page1; /* the host took the new pages */
        g->monitor_page2 = g->modify_page2;
    }
    /* PAUSE answered after UNLOAD was sent: the host resumes for UNLOAD (VMBP-CONN-127) */
    if (bit == G_PAUSING && g->state != VMBP_CONN_UNLOADING)
        g->flags |= G_PAUSED;
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

/* Events cancelling every pending request (UNLOAD_COMPLETE, VMBP-CONN-128). */
static uint32_t pending_count(const struct vmbp_conn_guest *g)
{
    uint32_t i, n = 0;

    for (i = 0; i < g->nchans; i++) {
        n += g->chans[i].relid && g->chans[i].state == VMBP_CONN_CHAN_OPENING;
        n += g->chans[i].relid && (g->chans[i].flags & VMBP_CONN_CHAN_F_MODIFYING);
    }
    for (i = 0; i < g->ngpadls; i++)
        n += g->gpadls[i].handle && g->gpadls[i].state != VMBP_CONN_GPADL_CREATED;
    n += (g->flags & G_MODIFYING_CONN) != 0;
    n += (g->flags & G_PAUSING) != 0;
    return n;
}

static void cancel_event(struct vmbp_conn_out *out, uint32_t *slot, enum vmbp_conn_request r,
                         uint32_t relid, uint32_t gpadl)
{
    struct vmbp_conn_event *e = vmbp_priv_conn_ev(out, (*slot)++, VMBP_CONN_EV_CANCELLED);

    e->request = (uint16_t)r;
    e->relid = relid;
    e->gpadl = gpadl;
}

/* The end of the connection: cancel what is pending, forget everything. Room for
 * pending_count() + 1 events checked by the caller. */
static uint32_t end_connection(struct vmbp_conn_guest *g, struct vmbp_conn_out *out)
{
    uint32_t i, slot = 0;

    for (i = 0; i < g->nchans; i++) {
        const struct vmbp_conn_gchan *c = &g->chans[i];

        if (c->relid && c->state == VMBP_CONN_CHAN_OPENING)
            cancel_event(out, &slot, VMBP_CONN_REQ_OPEN, c->relid, c->ring_gpadl);
        if (c->relid && (c->flags & VMBP_CONN_CHAN_F_MODIFYING))
            cancel_event(out, &slot, VMBP_CONN_REQ_MODIFY_CHANNEL, c->relid, 0);
    }
    for (i = 0; i < g->ngpadls; i++) {
        const struct vmbp_conn_ggpadl *p = &g->gpadls[i];

        if (p->handle && p->state == VMBP_CONN_GPADL_CREATING)
            cancel_event(out, &slot, VMBP_CONN_REQ_GPADL_CREATE, p->relid, p->handle);
        else if (p->handle && p->state == VMBP_CONN_GPADL_TEARING_DOWN)
            cancel_event(out, &slot, VMBP_CONN_REQ_GPADL_TEARDOWN, p->relid, p->handle);
    }
    if (g->flags & G_MODIFYING_CONN)
        cancel_event(out, &slot, VMBP_CONN_REQ_MODIFY_CONNECTION, 0, 0);
    if (g->flags & G_PAUSING)
        cancel_event(out, &slot, VMBP_CONN_REQ_PAUSE, 0, 0);
    (void)vmbp_priv_conn_ev(out, slot++, VMBP_CONN_EV_DISCONNECTED);
    go_disconnected(g);
    return slot;
}

static enum vmbp_status on_unload_complete(struct vmbp_conn_guest *g, struct vmbp_conn_out *out)
{
    enum vmbp_status st;
    uint32_t n;

    if (g->state != VMBP_CONN_UNLOADING)
        return refuse(g, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-128");
    st = vmbp_priv_conn_room(out, 0, pending_count(g) + 1u);
    if (st != VMBP_OK)
        return st;
    n = end_connection(g, out);
    vmbp_priv_conn_commit(out, 0, n);
    return accepted(g);
}

static enum vmbp_status on_tl_result(struct vmbp_conn_guest *g,
                                     const struct vmbp_tl_connect_result *r,
                                     struct vmbp_conn_out *out)
{
    struct vmbp_conn_event *e;
    enum vmbp_status st;

    /* a connection is up: the codec refuses the message before (VMBP-CONN-114) */
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_TL_CONNECT_RESULT);
    e->status = r->status;
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_receive(struct vmbp_conn_guest *g, const struct vmbp_msg *m,
                                         struct vmbp_conn_out *out)
{
    enum vmbp_status st;

    if (!g || !m || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    st = vmbp_priv_conn_gate(m, &g->ctx, VMBP_DIR_HOST_TO_GUEST);
    if (st != VMBP_OK)
        return refuse(g, st, codec_rule(m->type, st));
    /* after PAUSE_RESPONSE the host sends nothing until RESUME (VMBP-CONN-127); UNLOAD
     * ends the pause (vmbp_conn_guest_check()) */
    if (g->flags & G_PAUSED)
        return refuse(g, VMBP_E_SEQ_PAUSED, "VMBP-CONN-127");
    switch (m->type) {
    case VMBP_MSG_VERSION_RESPONSE:
        return on_version_response(g, &m->u.version_response, out);
    case VMBP_MSG_OFFER_CHANNEL:
        return on_offer(g, &m->u.offer, out);
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
        return on_all_offers(g, out);
    case VMBP_MSG_RESCIND_CHANNEL_OFFER:
        return on_rescind(g, m->u.rescind.child_relid, out);
    case VMBP_MSG_OPEN_CHANNEL_RESULT:
        return on_open_result(g, &m->u.open_result, out);
    case VMBP_MSG_GPADL_CREATED:
        return on_gpadl_created(g, &m->u.gpadl_created, out);
    case VMBP_MSG_GPADL_TORNDOWN:
        return on_gpadl_torndown(g, m->u.gpadl_torndown.gpadl, out);
    case VMBP_MSG_MODIFY_CHANNEL_RESPONSE:
        return on_modify_response(g, &m->u.modify_channel_response, out);
    case VMBP_MSG_MODIFY_CONNECTION_RESPONSE:
        return on_conn_response(g, G_MODIFYING_CONN, VMBP_CONN_EV_MODIFY_CONNECTION_RESULT,
                                m->u.modify_connection_response.connection_state, out);
    case VMBP_MSG_PAUSE_RESPONSE:
        return on_conn_response(g, G_PAUSING, VMBP_CONN_EV_PAUSED, 0, out);
    case VMBP_MSG_UNLOAD_COMPLETE:
        return on_unload_complete(g, out);
    case VMBP_MSG_TL_CONNECT_RESULT:
        return on_tl_result(g, &m->u.tl_connect_result, out);
    default: /* CLOSE_RESERVED_RESPONSE: reserved channels are never opened here */
        return refuse(g, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-108");
    }
}

enum vmbp_status vmbp_conn_guest_receive_bytes(struct vmbp_conn_guest *g, const void *buf,
                                               size_t len, struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st;

    if (!g || !buf || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    st = vmbp_msg_decode(buf, len, &g->ctx, VMBP_DIR_HOST_TO_GUEST, &m);
    if (st != VMBP_OK) {
        uint32_t type = 0;

        if (vmbp_msg_header_type(buf, len, &type) != VMBP_OK)
            type = 0;
        return refuse(g, st, codec_rule(type, st));
    }
    return vmbp_conn_guest_receive(g, &m, out);
}

/* ---- GPADLs -------------------------------------------------------------------------------- */

static bool handle_in_use(const struct vmbp_conn_guest *g, uint32_t h)
{
    return gpadl_find(g, h) != NULL;
}

/* The next free non-zero handle from next_gpadl up (VMBP-CONN-121). The loop ends: the
 * ngpadl_live handles in use block at most that many of the non-zero candidates, zero is
 * skipped once per wrap. */
static uint32_t handle_alloc(const struct vmbp_conn_guest *g)
{
    uint32_t h = g->next_gpadl;

    while (h == 0 || handle_in_use(g, h))
        h++;
    return h;
}

static struct vmbp_conn_ggpadl *gpadl_slot(const struct vmbp_conn_guest *g)
{
    uint32_t i;

    for (i = 0; i < g->ngpadls; i++)
        if (g->gpadls[i].handle == 0)
            return &g->gpadls[i];
    return NULL;
}

/* Pages of a GPADL a ring can use: one range at offset 0 of whole pages (OpenVMM
 * `AlignedGpadlView`), else 0. */
static uint32_t ring_pages(uint32_t nranges, uint32_t byte_offset, uint32_t byte_count)
{
    if (nranges != 1 || byte_offset != 0 || byte_count == 0 ||
        byte_count % VMBP_HV_PAGE_SIZE != 0)
        return 0;
    return byte_count / VMBP_HV_PAGE_SIZE;
}

/* Channel a GPADL request may name: live and not rescinded (VMBP-CONN-116, -122). */
static enum vmbp_status gpadl_channel(struct vmbp_conn_guest *g, uint32_t relid,
                                      struct vmbp_conn_gchan **c)
{
    *c = chan_find(g, relid);
    if (!*c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-122");
    if ((*c)->flags & VMBP_CONN_CHAN_F_RESCINDED)
        return refuse(g, VMBP_E_SEQ_RESCINDED, "VMBP-CONN-116");
    return VMBP_OK;
}

enum vmbp_status vmbp_conn_guest_gpadl_create(struct vmbp_conn_guest *g,
                                              const struct vmbp_conn_gpadl_params *p,
                                              uint32_t *handle, struct vmbp_conn_out *out)
{
    struct vmbp_gpadl_plan plan;
    struct vmbp_conn_gchan *c;
    struct vmbp_conn_ggpadl *slot;
    enum vmbp_status st;
    uint32_t h, i, pages = 0;
    uint8_t want;

    if (!g || !p || !out || (p->nranges != 0 && !p->ranges))
        return VMBP_E_INVAL;
    g->rule = NULL;
    if (p->purpose != VMBP_CONN_GPADL_RING && p->purpose != VMBP_CONN_GPADL_BUFFER)
        return VMBP_E_INVAL;
    if (p->mem != VMBP_CONFIDENTIAL_MEM_PRIVATE &&
        p->mem != VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE &&
        p->mem != VMBP_CONFIDENTIAL_MEM_ENCRYPTED)
        return VMBP_E_INVAL;
    st = action_allowed(g);
    if (st == VMBP_OK)
        st = gpadl_channel(g, p->relid, &c);
    if (st != VMBP_OK)
        return st;
    want = p->purpose == VMBP_CONN_GPADL_RING ? c->mem.ring : c->mem.gpadl;
    if (p->mem != want)
        return refuse(g, VMBP_E_SEQ_GPADL_MEMORY, "VMBP-CONN-124");
    if (p->purpose == VMBP_CONN_GPADL_RING) {
        pages = p->nranges == 1
                    ? ring_pages(1, p->ranges[0].byte_offset, p->ranges[0].byte_count)
                    : 0;
        if (pages < 2)
            return refuse(g, VMBP_E_GPADL_RANGE, "VMBP-CONN-118");
    }
    if (p->handle != 0 && handle_in_use(g, p->handle))
        return refuse(g, VMBP_E_SEQ_GPADL_HANDLE, "VMBP-CONN-121");
    slot = gpadl_slot(g);
    if (!slot)
        return refuse(g, VMBP_E_NOSPACE, "VMBP-CONN-121");
    h = p->handle != 0 ? p->handle : handle_alloc(g);
    st = vmbp_gpadl_plan_init(&plan, p->relid, h, p->ranges, p->nranges);
    if (st != VMBP_OK)
        return refuse(g, st, "VMBP-GPADL-007");
    /* the plan's messages are valid by construction (vmbp_gpadl_plan_init() checked the
     * ranges); the codec checks them again as the host will */
    st = vmbp_priv_conn_room(out, plan.nmsgs, 0);
    for (i = 0; st == VMBP_OK && i < plan.nmsgs; i++) {
        struct vmbp_conn_msg *d = &out->msgs[out->nmsgs + i];
        size_t len = 0;

        st = vmbp_gpadl_plan_message(&plan, i, d->data, sizeof(d->data), &len);
        if (st == VMBP_OK)
            st = vmbp_msg_validate(d->data, len, &g->ctx, VMBP_DIR_GUEST_TO_HOST);
        d->connection_id = msg_conn(g);
        d->len = (uint32_t)len;
    }
    if (st != VMBP_OK)
        return st;
    VMBP_MEMSET(slot, 0, sizeof(*slot));
    slot->handle = h;
    slot->relid = p->relid;
    slot->pages = p->purpose == VMBP_CONN_GPADL_RING ? pages : 0;
    slot->state = (uint8_t)VMBP_CONN_GPADL_CREATING;
    slot->mem = p->mem;
    g->ngpadl_live++;
    if (p->handle == 0)
        g->next_gpadl = h + 1u;
    if (handle)
        *handle = h;
    vmbp_priv_conn_commit(out, plan.nmsgs, 0);
    return accepted(g);
}

static enum vmbp_status teardown_core(struct vmbp_conn_guest *g, uint32_t relid,
                                      uint32_t handle, bool emit, struct vmbp_conn_out *out)
{
    struct vmbp_conn_gchan *c;
    struct vmbp_conn_ggpadl *p;
    struct vmbp_msg m;
    enum vmbp_status st = action_allowed(g);

    if (st != VMBP_OK)
        return st;
    c = chan_find(g, relid);
    if (!c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-123");
    p = gpadl_find(g, handle);
    if (!p || p->relid != relid)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-123");
    if (p->state != VMBP_CONN_GPADL_CREATED ||
        ((c->state == VMBP_CONN_CHAN_OPENING || c->state == VMBP_CONN_CHAN_OPEN) &&
         c->ring_gpadl == handle))
        return refuse(g, VMBP_E_SEQ_GPADL_STATE, "VMBP-CONN-123");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_GPADL_TEARDOWN);
    m.u.gpadl_teardown.child_relid = relid;
    m.u.gpadl_teardown.gpadl = handle;
    st = send(g, out, emit, 0, &m);
    if (st != VMBP_OK)
        return st;
    p->state = (uint8_t)VMBP_CONN_GPADL_TEARING_DOWN;
    vmbp_priv_conn_commit(out, emit ? 1u : 0u, 0);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_gpadl_teardown(struct vmbp_conn_guest *g, uint32_t relid,
                                                uint32_t handle, struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return teardown_core(g, relid, handle, true, out);
}

/* ---- open, close, release, modify ------------------------------------------------------- */

static enum vmbp_status open_core(struct vmbp_conn_guest *g,
                                  const struct vmbp_conn_open_params *p, bool emit,
                                  struct vmbp_conn_out *out)
{
    struct vmbp_conn_gchan *c;
    struct vmbp_conn_ggpadl *r;
    struct vmbp_open_channel *oc;
    struct vmbp_msg m;
    enum vmbp_status st = action_allowed(g);

    if (st != VMBP_OK)
        return st;
    c = chan_find(g, p->relid);
    if (!c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-118");
    if (c->flags & VMBP_CONN_CHAN_F_RESCINDED)
        return refuse(g, VMBP_E_SEQ_RESCINDED, "VMBP-CONN-116");
    if (c->state != VMBP_CONN_CHAN_OFFERED)
        return refuse(g, VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-118");
    r = gpadl_find(g, p->ring_gpadl);
    if (!r || r->relid != p->relid)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-118");
    if (r->state != VMBP_CONN_GPADL_CREATED)
        return refuse(g, VMBP_E_SEQ_GPADL_STATE, "VMBP-CONN-118");
    if (r->mem != VMBP_CONFIDENTIAL_MEM_NONE && r->mem != c->mem.ring)
        return refuse(g, VMBP_E_SEQ_GPADL_MEMORY, "VMBP-CONN-124");
    if (p->downstream_offset == 0 || p->downstream_offset >= r->pages)
        return refuse(g, VMBP_E_FIELD_RANGE, "VMBP-CONN-118");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_OPEN_CHANNEL);
    oc = &m.u.open_channel;
    oc->child_relid = p->relid;
    oc->open_id = p->open_id;
    oc->ring_buffer_gpadl = p->ring_gpadl;
    oc->target_vp = p->target_vp;
    oc->downstream_ring_buffer_page_offset = p->downstream_offset;
    VMBP_MEMCPY(oc->user_data, p->user_data, sizeof(oc->user_data));
    if (vmbp_version_has_feature_flags(g->ctx.version) &&
        (g->ctx.features & VMBP_FEATURES_OPEN_SIGNAL) != 0) {
        m.variant = VMBP_MSGV_OPEN_CHANNEL_SIGNAL;
        oc->connection_id = p->connection_id;
        oc->event_flag = p->event_flag;
        oc->flags = p->flags;
    } else {
        m.variant = VMBP_MSGV_OPEN_CHANNEL;
        if (p->connection_id != 0 || p->event_flag != 0 || p->flags != 0)
            return refuse(g, VMBP_E_FEATURE, "VMBP-CHAN-002");
    }
    oc->variant = m.variant;
    st = send(g, out, emit, 0, &m);
    if (st != VMBP_OK)
        return st;
    c->state = (uint8_t)VMBP_CONN_CHAN_OPENING;
    c->open_id = p->open_id;
    c->ring_gpadl = p->ring_gpadl;
    if (p->target_vp == VMBP_VP_INDEX_DISABLE_INTERRUPT)
        c->flags |= VMBP_CONN_CHAN_F_NO_INTERRUPT;
    vmbp_priv_conn_commit(out, emit ? 1u : 0u, 0);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_open(struct vmbp_conn_guest *g,
                                      const struct vmbp_conn_open_params *p,
                                      struct vmbp_conn_out *out)
{
    if (!g || !p || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return open_core(g, p, true, out);
}

static enum vmbp_status close_core(struct vmbp_conn_guest *g, uint32_t relid, bool emit,
                                   struct vmbp_conn_out *out)
{
    struct vmbp_conn_gchan *c;
    struct vmbp_msg m;
    enum vmbp_status st = action_allowed(g);
    bool post;

    if (st != VMBP_OK)
        return st;
    c = chan_find(g, relid);
    if (!c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-120");
    if (c->state != VMBP_CONN_CHAN_OPEN)
        return refuse(g, VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-120");
    /* a revoked channel is closed locally: the host ignores CLOSE_CHANNEL for it */
    post = emit && !(c->flags & VMBP_CONN_CHAN_F_RESCINDED);
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_CLOSE_CHANNEL);
    m.u.close_channel.child_relid = relid;
    st = send(g, out, post, 0, &m);
    if (st != VMBP_OK)
        return st;
    c->state = (uint8_t)VMBP_CONN_CHAN_OFFERED;
    c->ring_gpadl = 0;
    c->open_id = 0;
    c->flags &= (uint8_t)~VMBP_CONN_CHAN_F_NO_INTERRUPT;
    vmbp_priv_conn_commit(out, post ? 1u : 0u, 0);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_close(struct vmbp_conn_guest *g, uint32_t relid,
                                       struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return close_core(g, relid, true, out);
}

static enum vmbp_status release_core(struct vmbp_conn_guest *g, uint32_t relid, bool emit,
                                     struct vmbp_conn_out *out)
{
    struct vmbp_conn_gchan *c;
    struct vmbp_msg m;
    enum vmbp_status st = action_allowed(g);
    uint32_t i, nev;

    if (st != VMBP_OK)
        return st;
    c = chan_find(g, relid);
    if (!c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-116");
    if (!(c->flags & VMBP_CONN_CHAN_F_RESCINDED))
        return refuse(g, VMBP_E_SEQ_NOT_RESCINDED, "VMBP-CONN-116");
    if (c->state != VMBP_CONN_CHAN_OFFERED)
        return refuse(g, VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-116");
    for (i = 0; i < g->ngpadls; i++)
        if (g->gpadls[i].handle && g->gpadls[i].relid == relid &&
            g->gpadls[i].state != VMBP_CONN_GPADL_CREATED)
            return refuse(g, VMBP_E_SEQ_PENDING, "VMBP-CONN-116");
    nev = (c->flags & VMBP_CONN_CHAN_F_MODIFYING) ? 1u : 0u;
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_RELID_RELEASED);
    m.u.relid_released.child_relid = relid;
    st = send(g, out, emit, nev, &m);
    if (st != VMBP_OK)
        return st;
    if (nev) {
        uint32_t slot = 0;

        cancel_event(out, &slot, VMBP_CONN_REQ_MODIFY_CHANNEL, relid, 0);
    }
    for (i = 0; i < g->ngpadls; i++)
        if (g->gpadls[i].handle && g->gpadls[i].relid == relid)
            gpadl_free(g, &g->gpadls[i]); /* the host drops them with the channel */
    VMBP_MEMSET(c, 0, sizeof(*c));
    g->nchan_live--;
    vmbp_priv_conn_commit(out, emit ? 1u : 0u, nev);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_release(struct vmbp_conn_guest *g, uint32_t relid,
                                         struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return release_core(g, relid, true, out);
}

static enum vmbp_status modify_core(struct vmbp_conn_guest *g, uint32_t relid, uint32_t vp,
                                    bool emit, struct vmbp_conn_out *out)
{
    struct vmbp_conn_gchan *c;
    struct vmbp_msg m;
    enum vmbp_status st = action_allowed(g);
    bool answered;

    if (st != VMBP_OK)
        return st;
    if (!vmbp_version_has_modify_channel(g->ctx.version))
        return refuse(g, VMBP_E_VERSION, "VMBP-CONN-125");
    if (vp == VMBP_VP_INDEX_DISABLE_INTERRUPT)
        return refuse(g, VMBP_E_FIELD_RANGE, "VMBP-CONN-125");
    c = chan_find(g, relid);
    if (!c)
        return refuse(g, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-125");
    if (c->flags & VMBP_CONN_CHAN_F_RESCINDED)
        return refuse(g, VMBP_E_SEQ_RESCINDED, "VMBP-CONN-116");
    if (c->state != VMBP_CONN_CHAN_OPEN || (c->flags & VMBP_CONN_CHAN_F_NO_INTERRUPT))
        return refuse(g, VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-125");
    answered = vmbp_version_has_modify_channel_response(g->ctx.version);
    if (answered && (c->flags & VMBP_CONN_CHAN_F_MODIFYING))
        return refuse(g, VMBP_E_SEQ_PENDING, "VMBP-CONN-125");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_MODIFY_CHANNEL);
    m.u.modify_channel.child_relid = relid;
    m.u.modify_channel.target_vp = vp;
    st = send(g, out, emit, 0, &m);
    if (st != VMBP_OK)
        return st;
    if (answered) {
        c->flags |= VMBP_CONN_CHAN_F_MODIFYING;
        c->modify_vp = vp;
    }
    vmbp_priv_conn_commit(out, emit ? 1u : 0u, 0);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_modify_channel(struct vmbp_conn_guest *g, uint32_t relid,
                                                uint32_t target_vp, struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return modify_core(g, relid, target_vp, true, out);
}

/* Connection-wide requests: MODIFY_CONNECTION, PAUSE, RESUME, UNLOAD. */
static enum vmbp_status conn_request(struct vmbp_conn_guest *g, const struct vmbp_msg *m,
                                     bool emit, struct vmbp_conn_out *out)
{
    enum vmbp_status st = send(g, out, emit, 0, m);

    if (st == VMBP_OK)
        vmbp_priv_conn_commit(out, emit ? 1u : 0u, 0);
    return st;
}

static enum vmbp_status modify_connection_core(struct vmbp_conn_guest *g, uint64_t p1,
                                               uint64_t p2, bool emit,
                                               struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st = action_allowed(g);

    if (st != VMBP_OK)
        return st;
    if (!vmbp_ctx_has_feature(&g->ctx, (uint32_t)VMBP_FEATURE_MODIFY_CONNECTION))
        return refuse(g, VMBP_E_FEATURE, "VMBP-CONN-126");
    if (g->flags & G_MODIFYING_CONN)
        return refuse(g, VMBP_E_SEQ_PENDING, "VMBP-CONN-126");
    if (g->flags & G_HOST_PAGES) /* the host's pages stay (OpenVMM refuses to move them) */
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-140");
    if ((p1 == 0) != (p2 == 0)) /* both monitor pages or neither (OpenVMM) */
        return refuse(g, VMBP_E_FIELD_RANGE, "VMBP-CONN-126");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_MODIFY_CONNECTION);
    m.u.modify_connection.parent_to_child_monitor_gpa = p1;
    m.u.modify_connection.child_to_parent_monitor_gpa = p2;
    st = conn_request(g, &m, emit, out);
    if (st != VMBP_OK)
        return st;
    g->flags |= G_MODIFYING_CONN;
    g->modify_page1 = p1;
    g->modify_page2 = p2;
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_modify_connection(struct vmbp_conn_guest *g,
                                                   uint64_t monitor_page1,
                                                   uint64_t monitor_page2,
                                                   struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return modify_connection_core(g, monitor_page1, monitor_page2, true, out);
}

static enum vmbp_status pause_core(struct vmbp_conn_guest *g, bool emit,
                                   struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st = action_allowed(g);

    if (st != VMBP_OK)
        return st;
    if (!vmbp_ctx_has_feature(&g->ctx, (uint32_t)VMBP_FEATURE_PAUSE_RESUME))
        return refuse(g, VMBP_E_FEATURE, "VMBP-CONN-127");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_PAUSE);
    st = conn_request(g, &m, emit, out);
    if (st != VMBP_OK)
        return st;
    g->flags |= G_PAUSING;
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_pause(struct vmbp_conn_guest *g, struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return pause_core(g, true, out);
}

static enum vmbp_status resume_core(struct vmbp_conn_guest *g, bool emit,
                                    struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st;

    if (!connected(g) || !(g->flags & G_PAUSED))
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-127");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_RESUME);
    st = conn_request(g, &m, emit, out);
    if (st != VMBP_OK)
        return st;
    g->flags &= (uint8_t)~G_PAUSED;
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_resume(struct vmbp_conn_guest *g, struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return resume_core(g, true, out);
}

static enum vmbp_status unload_core(struct vmbp_conn_guest *g, bool emit,
                                    struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st;

    if (!connected(g))
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-128");
    /* 0.13 has no UNLOAD_COMPLETE: nothing would tell when the host's last message is in */
    if (g->ctx.version < (uint32_t)VMBP_VERSION_1_1)
        return refuse(g, VMBP_E_VERSION, "VMBP-CONN-128");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_UNLOAD);
    st = send(g, out, emit, 0, &m);
    if (st != VMBP_OK)
        return st;
    g->state = (uint8_t)VMBP_CONN_UNLOADING;
    g->flags &= (uint8_t)~G_PAUSED; /* the host resumes for UNLOAD */
    vmbp_priv_conn_commit(out, emit ? 1u : 0u, 0);
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_unload(struct vmbp_conn_guest *g, struct vmbp_conn_out *out)
{
    if (!g || !out)
        return VMBP_E_INVAL;
    g->rule = NULL;
    return unload_core(g, true, out);
}

/* ---- replay -------------------------------------------------------------------------------- */

/* INITIATE_CONTACT seen from the guest (VMBP-CONN-103). */
static enum vmbp_status replay_contact(struct vmbp_conn_guest *g,
                                       const struct vmbp_initiate_contact *ic,
                                       struct vmbp_conn_out *out)
{
    uint32_t w = ic->version_requested, i;
    uint32_t cc = (uint32_t)VMBP_FEATURE_CONFIDENTIAL_CHANNELS;
    uint32_t asked = vmbp_version_has_feature_flags(w) ? ic->feature_flags : 0;

    enum vmbp_status st;

    if (g->state != VMBP_CONN_DISCONNECTED && g->state != VMBP_CONN_CONTACTING)
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-103");
    if (g->state == VMBP_CONN_CONTACTING && !(g->flags & G_PROPOSAL_UNSENT))
        return refuse(g, VMBP_E_SEQ_PENDING, "VMBP-CONN-103");
    if (!vmbp_version_is_known(w))
        return refuse(g, VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103");
    if ((asked & cc) && !g->request_cc)
        return refuse(g, VMBP_E_FEATURE, "VMBP-CONF-013");
    if ((asked & (uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES) && g->isolated &&
        !g->confidential)
        return refuse(g, VMBP_E_FEATURE, "VMBP-CONF-016");
    if (g->state == VMBP_CONN_DISCONNECTED) {
        struct vmbp_conn_connect c;
        uint32_t vs[VMBP_VERSION_COUNT];

        VMBP_MEMSET(&c, 0, sizeof(c));
        c.nversions = versions_from(w, vs);
        c.versions = vs;
        c.features = asked & VMBP_FEATURES_KNOWN;
        c.target_vp = ic->target_message_vp;
        c.target_sint = ic->target_sint;
        c.target_vtl = ic->target_vtl;
        c.interrupt_page = ic->interrupt_page;
        c.monitor_page1 = ic->parent_to_child_monitor_gpa;
        c.monitor_page2 = ic->child_to_parent_monitor_gpa;
        c.client_id = ic->client_id;
        if (g->isolated && !vmbp_version_ok_for_isolated_vm(w))
            return refuse(g, VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103");
        st = connect_core(g, &c, false, out);
        if (st == VMBP_OK) { /* the features exactly as the guest asked */
            g->contact.feature_flags = asked;
            g->contact.variant = vmbp_msg_initiate_contact_variant(w, asked);
        }
        return st;
    }
    for (i = g->vindex; i < g->nversions; i++)
        if (g->versions[i] == w)
            break;
    if (i >= g->nversions)
        return refuse(g, VMBP_E_SEQ_VERSION_ORDER, "VMBP-CONN-103");
    g->want_features = asked & VMBP_FEATURES_KNOWN;
    proposal(g, w, &g->contact);
    g->contact.feature_flags = asked;
    g->contact.variant = vmbp_msg_initiate_contact_variant(w, asked);
    g->vindex = i;
    g->flags &= (uint8_t)~G_PROPOSAL_UNSENT;
    return accepted(g);
}

/* GPADL_HEADER seen from the guest: a GPADL whose memory the wire does not tell. */
static enum vmbp_status replay_header(struct vmbp_conn_guest *g,
                                      const struct vmbp_gpadl_header *h)
{
    struct vmbp_conn_gchan *c;
    struct vmbp_conn_ggpadl *slot;
    uint32_t total = h->range_buflen / 8u, pages;
    enum vmbp_status st = action_allowed(g);

    if (st == VMBP_OK)
        st = gpadl_channel(g, h->child_relid, &c);
    if (st != VMBP_OK)
        return st;
    if (h->gpadl == 0 || handle_in_use(g, h->gpadl))
        return refuse(g, VMBP_E_SEQ_GPADL_HANDLE, "VMBP-CONN-121");
    slot = gpadl_slot(g);
    if (!slot)
        return refuse(g, VMBP_E_NOSPACE, "VMBP-CONN-121");
    /* words past the message's are 0 (the decoder defines them): no pages then */
    pages = ring_pages(h->rangecount, (uint32_t)(h->words[0] >> 32),
                       (uint32_t)(h->words[0] & 0xFFFFFFFFu));
    VMBP_MEMSET(slot, 0, sizeof(*slot));
    slot->handle = h->gpadl;
    slot->relid = h->child_relid;
    slot->pages = pages;
    slot->words_left = total > h->nwords ? total - h->nwords : 0;
    slot->state = (uint8_t)VMBP_CONN_GPADL_CREATING;
    g->ngpadl_live++;
    return accepted(g);
}

static enum vmbp_status replay_body(struct vmbp_conn_guest *g, const struct vmbp_gpadl_body *b)
{
    struct vmbp_conn_ggpadl *p;
    enum vmbp_status st = action_allowed(g);

    if (st != VMBP_OK)
        return st;
    p = gpadl_find(g, b->gpadl);
    if (!p || p->state != VMBP_CONN_GPADL_CREATING || p->words_left == 0)
        return refuse(g, VMBP_E_GPADL_SEQUENCE, "VMBP-CONN-122");
    p->words_left -= b->nwords < p->words_left ? b->nwords : p->words_left;
    return accepted(g);
}

enum vmbp_status vmbp_conn_guest_replay(struct vmbp_conn_guest *g, const struct vmbp_msg *m,
                                        struct vmbp_conn_out *out)
{
    struct vmbp_conn_open_params op;
    enum vmbp_status st;

    if (!g || !m || !out || !(g->cfg_flags & VMBP_CONN_GUEST_F_REPLAY))
        return VMBP_E_INVAL;
    g->rule = NULL;
    st = vmbp_priv_conn_gate(m, &g->ctx, VMBP_DIR_GUEST_TO_HOST);
    if (st != VMBP_OK)
        return refuse(g, st, "VMBP-CONN-101");
    if (m->type != VMBP_MSG_INITIATE_CONTACT && g->state == VMBP_CONN_UNLOADING)
        return refuse(g, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-128");
    switch (m->type) {
    case VMBP_MSG_INITIATE_CONTACT:
        return replay_contact(g, &m->u.initiate_contact, out);
    case VMBP_MSG_REQUEST_OFFERS:
        return request_offers_core(g, false, out);
    case VMBP_MSG_GPADL_HEADER:
        return replay_header(g, &m->u.gpadl_header);
    case VMBP_MSG_GPADL_BODY:
        return replay_body(g, &m->u.gpadl_body);
    case VMBP_MSG_GPADL_TEARDOWN:
        return teardown_core(g, m->u.gpadl_teardown.child_relid, m->u.gpadl_teardown.gpadl,
                             false, out);
    case VMBP_MSG_OPEN_CHANNEL:
        VMBP_MEMSET(&op, 0, sizeof(op));
        op.relid = m->u.open_channel.child_relid;
        op.open_id = m->u.open_channel.open_id;
        op.ring_gpadl = m->u.open_channel.ring_buffer_gpadl;
        op.downstream_offset = m->u.open_channel.downstream_ring_buffer_page_offset;
        op.target_vp = m->u.open_channel.target_vp;
        op.connection_id = m->u.open_channel.connection_id;
        op.event_flag = m->u.open_channel.event_flag;
        op.flags = m->u.open_channel.flags;
        return open_core(g, &op, false, out);
    case VMBP_MSG_CLOSE_CHANNEL:
        return close_core(g, m->u.close_channel.child_relid, false, out);
    case VMBP_MSG_RELID_RELEASED:
        return release_core(g, m->u.relid_released.child_relid, false, out);
    case VMBP_MSG_MODIFY_CHANNEL:
        return modify_core(g, m->u.modify_channel.child_relid, m->u.modify_channel.target_vp,
                           false, out);
    case VMBP_MSG_MODIFY_CONNECTION:
        return modify_connection_core(g, m->u.modify_connection.parent_to_child_monitor_gpa,
                                      m->u.modify_connection.child_to_parent_monitor_gpa, false,
                                      out);
    case VMBP_MSG_PAUSE:
        return pause_core(g, false, out);
    case VMBP_MSG_RESUME:
        return resume_core(g, false, out);
    case VMBP_MSG_UNLOAD:
        return unload_core(g, false, out);
    case VMBP_MSG_TL_CONNECT_REQUEST:
        st = action_allowed(g);
        return st != VMBP_OK ? st : accepted(g);
    default: /* reserved channels (types 18, 19) */
        return refuse(g, VMBP_E_UNSUPPORTED, "VMBP-CONN-101");
    }
}

/* ---- queries ------------------------------------------------------------------------------- */

const struct vmbp_ctx *vmbp_conn_guest_ctx(const struct vmbp_conn_guest *g)
{
    return g ? &g->ctx : NULL;
}

enum vmbp_conn_state vmbp_conn_guest_state(const struct vmbp_conn_guest *g)
{
    return g ? (enum vmbp_conn_state)g->state : VMBP_CONN_DISCONNECTED;
}

int vmbp_conn_guest_paused(const struct vmbp_conn_guest *g)
{
    if (!g)
        return 0;
    if (g->flags & G_PAUSED)
        return 2;
    return (g->flags & G_PAUSING) ? 1 : 0;
}

enum vmbp_status vmbp_conn_guest_monitor_pages(const struct vmbp_conn_guest *g,
                                               uint64_t *parent_to_child,
                                               uint64_t *child_to_parent)
{
    if (!g || !parent_to_child || !child_to_parent)
        return VMBP_E_INVAL;
    if (g->state == VMBP_CONN_DISCONNECTED || g->state == VMBP_CONN_CONTACTING)
        return VMBP_E_SEQ_CONN_STATE;
    *parent_to_child = g->monitor_page1;
    *child_to_parent = g->monitor_page2;
    return VMBP_OK;
}

uint32_t vmbp_conn_guest_message_vp(const struct vmbp_conn_guest *g)
{
    return g ? g->message_vp : 0u;
}

enum vmbp_status vmbp_conn_guest_chan(const struct vmbp_conn_guest *g, uint32_t relid,
                                      struct vmbp_conn_chan_info *info)
{
    const struct vmbp_conn_gchan *c;

    if (!g || !info)
        return VMBP_E_INVAL;
    c = chan_find(g, relid);
    if (!c)
        return VMBP_E_SEQ_UNKNOWN_RELID;
    VMBP_MEMSET(info, 0, sizeof(*info));
    info->relid = c->relid;
    info->state = c->state;
    info->flags = c->flags;
    info->offer_flags = c->offer_flags;
    info->connection_id = c->connection_id;
    info->ring_gpadl = c->ring_gpadl;
    info->open_id = c->open_id;
    info->mem = c->mem;
    return VMBP_OK;
}

enum vmbp_status vmbp_conn_guest_gpadl(const struct vmbp_conn_guest *g, uint32_t handle,
                                       struct vmbp_conn_gpadl_info *info)
{
    const struct vmbp_conn_ggpadl *p;

    if (!g || !info)
        return VMBP_E_INVAL;
    p = gpadl_find(g, handle);
    if (!p)
        return VMBP_E_SEQ_UNKNOWN_GPADL;
    VMBP_MEMSET(info, 0, sizeof(*info));
    info->handle = p->handle;
    info->relid = p->relid;
    info->state = p->state;
    info->mem = p->mem;
    info->pages = p->pages;
    return VMBP_OK;
}

const char *vmbp_conn_guest_last_rule(const struct vmbp_conn_guest *g)
{
    return g ? g->rule : NULL;
}

/* ---- invariants (VMBP-CONN-129) ------------------------------------------------------------ */

static bool chan_ok(const struct vmbp_conn_guest *g, const struct vmbp_conn_gchan *c)
{
    const struct vmbp_conn_ggpadl *r;
    uint32_t j;

    if (c->relid > VMBP_RELID_MAX || (c->flags & ~CHAN_FLAGS_KNOWN)) /* 0 is an empty slot */
        return false;
    for (j = 0; j < g->nchans; j++)
        if (&g->chans[j] != c && g->chans[j].relid == c->relid)
            return false;
    switch (c->state) {
    case VMBP_CONN_CHAN_OFFERED:
        return c->ring_gpadl == 0 && c->open_id == 0 &&
               !(c->flags & VMBP_CONN_CHAN_F_NO_INTERRUPT);
    case VMBP_CONN_CHAN_OPENING:
        if (c->flags & VMBP_CONN_CHAN_F_RESCINDED) /* a rescind cancels the open */
            return false;
        /* fall through */
    case VMBP_CONN_CHAN_OPEN:
        r = gpadl_find(g, c->ring_gpadl);
        return r && r->relid == c->relid && r->state == VMBP_CONN_GPADL_CREATED &&
               c->mem.ring != 0;
    default:
        return false;
    }
}

static bool gpadl_ok(const struct vmbp_conn_guest *g, const struct vmbp_conn_ggpadl *p)
{
    uint32_t j;

    if (!chan_find(g, p->relid))
        return false;
    for (j = 0; j < g->ngpadls; j++)
        if (&g->gpadls[j] != p && g->gpadls[j].handle == p->handle)
            return false;
    if (p->words_left != 0 &&
        (!(g->cfg_flags & VMBP_CONN_GUEST_F_REPLAY) || p->state != VMBP_CONN_GPADL_CREATING))
        return false;
    return p->state == VMBP_CONN_GPADL_CREATING || p->state == VMBP_CONN_GPADL_CREATED ||
           p->state == VMBP_CONN_GPADL_TEARING_DOWN;
}

enum vmbp_status vmbp_conn_guest_check(const struct vmbp_conn_guest *g)
{
    uint32_t i, nc = 0, ng = 0;

    if (!g)
        return VMBP_E_INVAL;
    for (i = 0; i < g->nchans; i++) {
        if (g->chans[i].relid == 0)
            continue;
        nc++;
        if (!chan_ok(g, &g->chans[i]))
            return VMBP_E_STATE;
    }
    for (i = 0; i < g->ngpadls; i++) {
        if (g->gpadls[i].handle == 0)
            continue;
        ng++;
        if (!gpadl_ok(g, &g->gpadls[i]))
            return VMBP_E_STATE;
    }
    if (nc != g->nchan_live || ng != g->ngpadl_live)
        return VMBP_E_STATE;
    switch (g->state) {
    case VMBP_CONN_DISCONNECTED:
    case VMBP_CONN_CONTACTING:
        /* (no channel: no GPADL either, each was checked to have its channel) */
        if (nc || g->ctx.version != 0 || (g->flags & ~G_PROPOSAL_UNSENT))
            return VMBP_E_STATE;
        if (g->state == VMBP_CONN_CONTACTING && g->vindex >= g->nversions)
            return VMBP_E_STATE;
        return VMBP_OK;
    case VMBP_CONN_CONNECTED:
    case VMBP_CONN_REQUESTING:
    case VMBP_CONN_READY:
    case VMBP_CONN_UNLOADING:
        if (!vmbp_version_is_known(g->ctx.version) || (g->flags & G_PROPOSAL_UNSENT))
            return VMBP_E_STATE;
        if (nc && !(g->flags & G_OFFERS_REQUESTED)) /* every GPADL has its channel */
            return VMBP_E_STATE;
        if ((g->flags & G_OFFERS_REQUESTED) && g->state == VMBP_CONN_CONNECTED)
            return VMBP_E_STATE;
        if ((g->flags & G_PAUSED) && g->state == VMBP_CONN_UNLOADING)
            return VMBP_E_STATE;
        if ((g->flags & G_PAUSED) && (g->flags & G_PAUSING))
            return VMBP_E_STATE;
        if ((g->state == VMBP_CONN_READY) !=
            ((g->flags & G_OFFERS_DELIVERED) != 0 && g->state != VMBP_CONN_UNLOADING))
            return VMBP_E_STATE;
        return VMBP_OK;
    default:
        return VMBP_E_STATE;
    }
}
