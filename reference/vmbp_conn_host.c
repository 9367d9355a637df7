/* SPDX-License-Identifier: MIT */
/*
 * The host (VMBus server) machine of spec/conn.md, following OpenVMM's server sequencing
 * (vm/devices/vmbus/vmbus_server/src/channels.rs): what it answers, what it refuses, what
 * it drops on a rescind or a new contact. Device work (open, GPADL acceptance) is the
 * caller's: the machine reports it as an event and waits for the completion call.
 * Freestanding: only the vmbus_proto headers (no libc).
 */
#include "vmbp_conn_priv.h"

#define HOST_CONN_ID 0u /* host messages go to the guest's SINT, not to a connection ID */

static enum vmbp_status refuse(struct vmbp_conn_host *h, enum vmbp_status st, const char *rule)
{
    h->rule = rule;
    return st;
}

static enum vmbp_status accepted(struct vmbp_conn_host *h)
{
    h->rule = NULL;
    return VMBP_OK;
}

static bool live(const struct vmbp_conn_hchan *c)
{
    return c->state != VMBP_CONN_CHAN_FREE;
}

/* A channel the guest may name: offered on this connection and not released (sent is set
 * in OFFERED, OPENING and OPEN only: vmbp_conn_host_check()). */
static bool offered(const struct vmbp_conn_hchan *c)
{
    return c->sent != 0;
}

static struct vmbp_conn_hchan *chan_find(const struct vmbp_conn_host *h, uint32_t relid)
{
    uint32_t i;

    if (relid == 0)
        return NULL;
    for (i = 0; i < h->nchans; i++)
        if (live(&h->chans[i]) && h->chans[i].offer.child_relid == relid)
            return &h->chans[i];
    return NULL;
}

static struct vmbp_conn_hgpadl *gpadl_find(const struct vmbp_conn_host *h, uint32_t handle)
{
    uint32_t i;

    if (handle == 0)
        return NULL;
    for (i = 0; i < h->ngpadls; i++)
        if (h->gpadls[i].handle == handle)
            return &h->gpadls[i];
    return NULL;
}

static enum vmbp_status put(struct vmbp_conn_host *h, struct vmbp_conn_out *out, uint32_t slot,
                            const struct vmbp_msg *m)
{
    return vmbp_priv_conn_put(out, slot, HOST_CONN_ID, m, &h->ctx, VMBP_DIR_HOST_TO_GUEST);
}

/* Answer GPADL_CREATED in output slot `slot`. */
static enum vmbp_status put_created(struct vmbp_conn_host *h, struct vmbp_conn_out *out,
                                    uint32_t slot, uint32_t relid, uint32_t handle,
                                    uint32_t status)
{
    struct vmbp_msg m;

    vmbp_priv_conn_msg_init(&m, VMBP_MSG_GPADL_CREATED);
    m.u.gpadl_created.child_relid = relid;
    m.u.gpadl_created.gpadl = handle;
    m.u.gpadl_created.creation_status = status;
    return put(h, out, slot, &m);
}

/* Room for nmsg messages (0 or 1) and nev events, and m encoded in the first free slot when
 * nmsg is 1; not committed. Every message the host machine builds is one its codec accepts
 * (the fields come from decoded messages and checked calls): a refusal here would be a bug
 * of this file, returned as it is with nothing changed. */
static enum vmbp_status send(struct vmbp_conn_host *h, struct vmbp_conn_out *out, uint32_t nmsg,
                             uint32_t nev, const struct vmbp_msg *m)
{
    enum vmbp_status st = vmbp_priv_conn_room(out, nmsg, nev);

    if (st == VMBP_OK && nmsg)
        st = put(h, out, 0, m);
    return st;
}

/* Empties a reassembler over its own storage. The arguments are never NULL, so the reset
 * cannot fail; its status is kept only to say so. */
static void reasm_reset(struct vmbp_gpadl_reasm *r, uint64_t *words, size_t cap)
{
    enum vmbp_status st = vmbp_gpadl_reasm_init(r, words, cap);

    (void)st;
}

static void gpadl_free(struct vmbp_conn_host *h, struct vmbp_conn_hgpadl *p)
{
    uint64_t *words = p->reasm.words;
    uint32_t cap = p->reasm.cap;

    VMBP_MEMSET(p, 0, sizeof(*p));
    reasm_reset(&p->reasm, words, cap);
    h->ngpadl_live--;
}

static void chan_clear_open(struct vmbp_conn_hchan *c)
{
    c->open_id = 0;
    c->ring_gpadl = 0;
    c->target_vp = 0;
    c->flags &= (uint8_t)~VMBP_CONN_CHAN_F_NO_INTERRUPT;
}

enum vmbp_status vmbp_conn_host_init(struct vmbp_conn_host *h,
                                     const struct vmbp_conn_host_config *cfg)
{
    uint32_t i, maxv, minv;

    if (!h || !cfg || !cfg->channels || !cfg->gpadls || !cfg->words || cfg->nchannels == 0 ||
        cfg->nchannels > VMBP_CONN_CHANNELS_MAX || cfg->ngpadls == 0 ||
        cfg->ngpadls > VMBP_CONN_GPADLS_MAX || cfg->words_per_gpadl == 0 ||
        cfg->words_per_gpadl > VMBP_GPADL_MAX_WORDS)
        return VMBP_E_INVAL;
    maxv = cfg->max_version ? cfg->max_version : (uint32_t)VMBP_VERSION_LATEST;
    minv = cfg->min_version ? cfg->min_version : (uint32_t)VMBP_VERSION_0_13;
    if (!vmbp_version_is_known(maxv) || !vmbp_version_is_known(minv) || minv > maxv ||
        (cfg->features & ~VMBP_FEATURES_KNOWN) != 0 ||
        cfg->msg_conn_id > VMBP_SYNIC_CONNECTION_ID_MAX)
        return VMBP_E_INVAL;
    if (cfg->monitor_page1 != 0 || cfg->monitor_page2 != 0) {
        struct vmbp_confidential_plan none; /* the rules of VMBP-CONF-015 but memory's */

        VMBP_MEMSET(&none, 0, sizeof(none));
        if (vmbp_confidential_monitor_pages_check(&none, 0, cfg->monitor_page1,
                                                  cfg->monitor_page2) != VMBP_OK)
            return VMBP_E_INVAL;
    }
    VMBP_MEMSET(h, 0, sizeof(*h));
    h->chans = cfg->channels;
    h->nchans = cfg->nchannels;
    h->gpadls = cfg->gpadls;
    h->ngpadls = cfg->ngpadls;
    h->words = cfg->words;
    h->words_per_gpadl = cfg->words_per_gpadl;
    h->max_version = maxv;
    h->min_version = minv;
    h->features = cfg->features;
    h->monitor_page1 = cfg->monitor_page1;
    h->monitor_page2 = cfg->monitor_page2;
    h->msg_conn_id = cfg->msg_conn_id ? cfg->msg_conn_id : VMBP_MESSAGE_CONNECTION_ID;
    VMBP_MEMSET(h->chans, 0, (size_t)h->nchans * sizeof(*h->chans));
    VMBP_MEMSET(h->gpadls, 0, (size_t)h->ngpadls * sizeof(*h->gpadls));
    for (i = 0; i < h->ngpadls; i++)
        reasm_reset(&h->gpadls[i].reasm, h->words + (size_t)i * h->words_per_gpadl,
                    h->words_per_gpadl);
    h->state = (uint8_t)VMBP_CONN_DISCONNECTED;
    return VMBP_OK;
}

/* ---- sending offers -------------------------------------------------------------------- */

/* OFFER_CHANNEL of c for this connection: flags the connection lacks cleared
 * (VMBP-FEAT-007, OpenVMM `send_offer`). */
static void offer_msg(const struct vmbp_conn_host *h, const struct vmbp_offer *o,
                      struct vmbp_msg *m)
{
    vmbp_priv_conn_msg_init(m, VMBP_MSG_OFFER_CHANNEL);
    VMBP_MEMCPY(&m->u.offer, o, sizeof(*o));
    if (!vmbp_ctx_has_feature(&h->ctx, (uint32_t)VMBP_FEATURE_CONFIDENTIAL_CHANNELS))
        m->u.offer.flags &= (uint16_t)~VMBP_OFFER_FLAGS_CONFIDENTIAL;
    if (!vmbp_ctx_has_feature(&h->ctx, (uint32_t)VMBP_FEATURE_GPA_PINNING))
        m->u.offer.flags &= (uint16_t)~VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY;
    m->variant = h->ctx.version < (uint32_t)VMBP_VERSION_1_1 ? VMBP_MSGV_OFFER_CHANNEL_V1
                                                             : VMBP_MSGV_OFFER_CHANNEL;
    m->u.offer.variant = m->variant;
    if (m->variant == VMBP_MSGV_OFFER_CHANNEL_V1) {
        m->u.offer.is_dedicated_interrupt = 0;
        m->u.offer.connection_id = 0;
    }
}

static void offer_sent(struct vmbp_conn_hchan *c)
{
    c->sent = 1;
    c->state = (uint8_t)VMBP_CONN_CHAN_OFFERED;
    c->flags = 0;
    chan_clear_open(c);
}

enum vmbp_status vmbp_conn_host_offer(struct vmbp_conn_host *h, const struct vmbp_offer *offer,
                                      uint32_t *relid, struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *slot = NULL;
    struct vmbp_ctx all = {VMBP_VERSION_LATEST, VMBP_FEATURES_KNOWN};
    struct vmbp_offer o;
    struct vmbp_msg m;
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0;
    uint32_t i, r;
    bool now;
    enum vmbp_status st;

    if (!h || !offer || !out)
        return VMBP_E_INVAL;
    h->rule = NULL;
    VMBP_MEMCPY(&o, offer, sizeof(o));
    o.variant = VMBP_MSGV_OFFER_CHANNEL;
    r = o.child_relid;
    for (i = 0; i < h->nchans; i++) {
        const struct vmbp_conn_hchan *c = &h->chans[i];

        if (!live(c)) {
            if (!slot)
                slot = &h->chans[i];
            continue;
        }
        if (r != 0 && c->offer.child_relid == r)
            return refuse(h, VMBP_E_SEQ_RELID_IN_USE, "VMBP-CONN-132");
        if (c->offer.sub_channel_index == o.sub_channel_index &&
            vmbp_guid_equal(&c->offer.interface_type, &o.interface_type) &&
            vmbp_guid_equal(&c->offer.interface_instance, &o.interface_instance))
            return refuse(h, VMBP_E_SEQ_DUPLICATE_OFFER, "VMBP-CONN-132");
    }
    if (!slot)
        return refuse(h, VMBP_E_NOSPACE, "VMBP-CONN-132");
    if (r == 0) /* the lowest free ID: one of 1..nchans (at most 2047) is, a slot being free */
        for (r = VMBP_RELID_MIN; chan_find(h, r); r++)
            ;
    o.child_relid = r;
    /* the offer must be one a guest can decode on the richest connection */
    st = vmbp_msg_offer_encode(&o, buf, sizeof(buf), &len);
    if (st == VMBP_OK)
        st = vmbp_msg_offer_decode(buf, len, &all, NULL);
    if (st != VMBP_OK)
        return refuse(h, st == VMBP_E_FIELD_RANGE ? VMBP_E_INVAL : st, "VMBP-CONN-132");
    now = h->state == VMBP_CONN_READY;
    if (now && h->paused)
        return refuse(h, VMBP_E_SEQ_PAUSED, "VMBP-CONN-136");
    offer_msg(h, &o, &m);
    st = send(h, out, now ? 1u : 0u, 0, &m);
    if (st != VMBP_OK)
        return st;
    VMBP_MEMSET(slot, 0, sizeof(*slot));
    VMBP_MEMCPY(&slot->offer, &o, sizeof(o));
    slot->state = (uint8_t)VMBP_CONN_CHAN_REGISTERED;
    if (now)
        offer_sent(slot);
    h->nchan_live++;
    if (relid)
        *relid = r;
    vmbp_priv_conn_commit(out, now ? 1u : 0u, 0);
    return accepted(h);
}

/* ---- ending a connection --------------------------------------------------------------- */

static uint32_t end_events(const struct vmbp_conn_host *h)
{
    uint32_t i, n = 1;

    for (i = 0; i < h->nchans; i++)
        n += h->chans[i].state == VMBP_CONN_CHAN_OPEN ||
             h->chans[i].state == VMBP_CONN_CHAN_OPENING;
    for (i = 0; i < h->ngpadls; i++)
        n += h->gpadls[i].handle && (h->gpadls[i].state == VMBP_CONN_GPADL_CREATED ||
                                     h->gpadls[i].state == VMBP_CONN_GPADL_DEVICE);
    return n;
}

/* UNLOAD or a new INITIATE_CONTACT: every channel is closed and released, every GPADL
 * dropped (OpenVMM `request_disconnect`); channels revoked meanwhile go. Room for
 * end_events() events checked by the caller. */
static uint32_t end_connection(struct vmbp_conn_host *h, struct vmbp_conn_out *out)
{
    struct vmbp_conn_event *e;
    uint32_t i, n = 0;

    for (i = 0; i < h->nchans; i++) {
        struct vmbp_conn_hchan *c = &h->chans[i];

        if (c->state == VMBP_CONN_CHAN_OPEN) {
            e = vmbp_priv_conn_ev(out, n++, VMBP_CONN_EV_CLOSE);
            e->relid = c->offer.child_relid;
        } else if (c->state == VMBP_CONN_CHAN_OPENING) {
            e = vmbp_priv_conn_ev(out, n++, VMBP_CONN_EV_CANCELLED);
            e->request = (uint16_t)VMBP_CONN_REQ_OPEN;
            e->relid = c->offer.child_relid;
            e->gpadl = c->ring_gpadl;
        }
    }
    for (i = 0; i < h->ngpadls; i++) {
        struct vmbp_conn_hgpadl *p = &h->gpadls[i];

        if (!p->handle)
            continue;
        if (p->state == VMBP_CONN_GPADL_CREATED) {
            e = vmbp_priv_conn_ev(out, n++, VMBP_CONN_EV_GPADL_TEARDOWN);
            e->relid = p->relid;
            e->gpadl = p->handle;
        } else if (p->state == VMBP_CONN_GPADL_DEVICE) {
            e = vmbp_priv_conn_ev(out, n++, VMBP_CONN_EV_CANCELLED);
            e->request = (uint16_t)VMBP_CONN_REQ_GPADL_CREATE;
            e->relid = p->relid;
            e->gpadl = p->handle;
        }
        gpadl_free(h, p);
    }
    for (i = 0; i < h->nchans; i++) {
        struct vmbp_conn_hchan *c = &h->chans[i];

        if (!live(c))
            continue;
        if (c->flags & VMBP_CONN_CHAN_F_RESCINDED) {
            VMBP_MEMSET(c, 0, sizeof(*c));
            h->nchan_live--;
            continue;
        }
        c->state = (uint8_t)VMBP_CONN_CHAN_REGISTERED;
        c->sent = 0;
        c->flags = 0;
        chan_clear_open(c);
    }
    (void)vmbp_priv_conn_ev(out, n++, VMBP_CONN_EV_DISCONNECTED);
    h->state = (uint8_t)VMBP_CONN_DISCONNECTED;
    h->ctx.version = 0;
    h->ctx.features = 0;
    h->paused = 0;
    h->trusted = 0;
    h->pages_given = 0;
    return n;
}

/* ---- contact ---------------------------------------------------------------------------- */

static enum vmbp_status on_contact(struct vmbp_conn_host *h,
                                   const struct vmbp_initiate_contact *ic, bool trusted,
                                   struct vmbp_conn_out *out)
{
    struct vmbp_version_response vr;
    struct vmbp_msg m;
    struct vmbp_conn_event *e;
    struct vmbp_ctx none = {0, 0};
    enum vmbp_status st;
    uint32_t v = ic->version_requested, nev, n = 0, features = 0;
    uint32_t mp = (uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;
    bool supported, pages_ok, accept;

    supported = vmbp_version_is_known(v) && v >= h->min_version && v <= h->max_version;
    /* a guest VMBus client is on SINT 2, VTL 0 (OpenVMM forwards other VTLs, refuses other
     * SINTs) */
    if (vmbp_version_has_target_sint(v) && ic->target_sint != VMBP_MSG_SINT)
        supported = false;
    if (vmbp_version_has_target_vtl(v) && ic->target_vtl != 0)
        supported = false;
    /* both monitor pages or neither; a failure is reportable only from 2.4 */
    pages_ok = (ic->parent_to_child_monitor_gpa == 0) == (ic->child_to_parent_monitor_gpa == 0);
    if (!pages_ok && !vmbp_version_has_dedicated_interrupts(v))
        supported = false;
    accept = supported && pages_ok;
    if (accept && vmbp_version_has_feature_flags(v))
        features = ic->feature_flags & h->features & VMBP_FEATURES_KNOWN &
                   (trusted ? 0xFFFFFFFFu : ~(uint32_t)VMBP_FEATURE_CONFIDENTIAL_CHANNELS) &
                   (h->monitor_page2 ? 0xFFFFFFFFu : ~mp); /* no pages to give */
    VMBP_MEMSET(&vr, 0, sizeof(vr));
    vr.variant = VMBP_MSGV_VERSION_RESPONSE;
    if (supported) {
        vr.version_supported = 1;
        vr.connection_state = (uint8_t)(pages_ok ? VMBP_CONNECTION_SUCCESSFUL
                                                 : VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE);
        vr.msg_conn_id = vmbp_version_has_target_sint(v) ? h->msg_conn_id : v;
        if (vmbp_version_has_feature_flags(v)) {
            vr.variant = VMBP_MSGV_VERSION_RESPONSE_FEATURES;
            vr.supported_features = features;
        }
        if (features & mp) { /* the pages in the 40-byte form (VMBP-CONN-141) */
            vr.variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
            vr.parent_to_child_monitor_gpa = h->monitor_page1;
            vr.child_to_parent_monitor_gpa = h->monitor_page2;
        }
    }
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_VERSION_RESPONSE);
    m.variant = vr.variant;
    VMBP_MEMCPY(&m.u.version_response, &vr, sizeof(vr));
    nev = (h->state != VMBP_CONN_DISCONNECTED ? end_events(h) : 0u) + 1u;
    st = vmbp_priv_conn_room(out, 1, nev);
    if (st == VMBP_OK)
        st = vmbp_priv_conn_put(out, 0, HOST_CONN_ID, &m, &none, VMBP_DIR_HOST_TO_GUEST);
    if (st != VMBP_OK)
        return st;
    if (h->state != VMBP_CONN_DISCONNECTED)
        n = end_connection(h, out);
    e = vmbp_priv_conn_ev(out, n++, VMBP_CONN_EV_CONTACT);
    e->value = v;
    e->status = accept ? 0u : 1u;
    e->features = features;
    if (accept) {
        h->state = (uint8_t)VMBP_CONN_CONNECTED;
        h->ctx.version = v;
        h->ctx.features = features;
        h->trusted = trusted ? 1u : 0u;
        h->paused = 0;
        h->pages_given = (features & mp) ? 1u : 0u;
    }
    vmbp_priv_conn_commit(out, 1, n);
    return accepted(h);
}

static enum vmbp_status on_request_offers(struct vmbp_conn_host *h, struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st;
    uint32_t i, n = 0, k = 0, relid;

    if (h->state != VMBP_CONN_CONNECTED)
        return refuse(h, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-132");
    for (i = 0; i < h->nchans; i++)
        n += h->chans[i].state == VMBP_CONN_CHAN_REGISTERED;
    st = vmbp_priv_conn_room(out, n + 1u, 0);
    /* in channel ID order, so the guest sees the same order after every reconnect; every
     * live channel is REGISTERED here (vmbp_conn_host_check()), so the loop ends at the n-th
     * one, at most at 2047 */
    for (relid = VMBP_RELID_MIN; st == VMBP_OK && k < n; relid++) {
        struct vmbp_conn_hchan *c = chan_find(h, relid);

        if (!c)
            continue;
        offer_msg(h, &c->offer, &m);
        st = put(h, out, k++, &m);
    }
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_ALL_OFFERS_DELIVERED);
    if (st == VMBP_OK)
        st = put(h, out, k, &m);
    if (st != VMBP_OK)
        return st;
    for (i = 0; i < h->nchans; i++)
        if (h->chans[i].state == VMBP_CONN_CHAN_REGISTERED)
            offer_sent(&h->chans[i]);
    h->state = (uint8_t)VMBP_CONN_READY;
    vmbp_priv_conn_commit(out, n + 1u, 0);
    return accepted(h);
}

/* ---- rescind and completions ------------------------------------------------------------ */

enum vmbp_status vmbp_conn_host_rescind(struct vmbp_conn_host *h, uint32_t relid,
                                        struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *c;
    struct vmbp_conn_event *e;
    struct vmbp_msg m;
    enum vmbp_status st;
    uint32_t i, nmsg = 1, nev = 0, k = 0;

    if (!h || !out)
        return VMBP_E_INVAL;
    h->rule = NULL;
    c = chan_find(h, relid);
    if (!c)
        return refuse(h, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-133");
    if (c->flags & VMBP_CONN_CHAN_F_RESCINDED)
        return refuse(h, VMBP_E_SEQ_RESCINDED, "VMBP-CONN-133");
    if (!offered(c)) { /* never offered on this connection: just forget it */
        VMBP_MEMSET(c, 0, sizeof(*c));
        h->nchan_live--;
        return accepted(h);
    }
    if (h->paused)
        return refuse(h, VMBP_E_SEQ_PAUSED, "VMBP-CONN-136");
    for (i = 0; i < h->ngpadls; i++)
        if (h->gpadls[i].handle && h->gpadls[i].relid == relid &&
            h->gpadls[i].state == VMBP_CONN_GPADL_DEVICE) {
            nmsg++;
            nev++;
        }
    nev += c->state == VMBP_CONN_CHAN_OPENING;
    st = vmbp_priv_conn_room(out, nmsg, nev);
    /* GPADLs the device has not accepted yet fail before the rescind (OpenVMM revoke()) */
    for (i = 0; st == VMBP_OK && i < h->ngpadls; i++) {
        const struct vmbp_conn_hgpadl *p = &h->gpadls[i];

        if (p->handle && p->relid == relid && p->state == VMBP_CONN_GPADL_DEVICE)
            st = put_created(h, out, k++, relid, p->handle, VMBP_NTSTATUS_UNSUCCESSFUL);
    }
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_RESCIND_CHANNEL_OFFER);
    m.u.rescind.child_relid = relid;
    if (st == VMBP_OK)
        st = put(h, out, k, &m);
    if (st != VMBP_OK)
        return st;
    nev = 0;
    for (i = 0; i < h->ngpadls; i++) {
        struct vmbp_conn_hgpadl *p = &h->gpadls[i];

        if (!p->handle || p->relid != relid || p->state != VMBP_CONN_GPADL_DEVICE)
            continue;
        e = vmbp_priv_conn_ev(out, nev++, VMBP_CONN_EV_CANCELLED);
        e->request = (uint16_t)VMBP_CONN_REQ_GPADL_CREATE;
        e->relid = relid;
        e->gpadl = p->handle;
        gpadl_free(h, p);
    }
    if (c->state == VMBP_CONN_CHAN_OPENING) { /* its open is never answered */
        e = vmbp_priv_conn_ev(out, nev++, VMBP_CONN_EV_CANCELLED);
        e->request = (uint16_t)VMBP_CONN_REQ_OPEN;
        e->relid = relid;
        e->gpadl = c->ring_gpadl;
    }
    c->state = (uint8_t)VMBP_CONN_CHAN_OFFERED;
    chan_clear_open(c);
    c->flags = VMBP_CONN_CHAN_F_RESCINDED;
    vmbp_priv_conn_commit(out, k + 1u, nev);
    return accepted(h);
}

enum vmbp_status vmbp_conn_host_open_complete(struct vmbp_conn_host *h, uint32_t relid,
                                              uint32_t ntstatus, struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *c;
    struct vmbp_msg m;
    enum vmbp_status st;

    if (!h || !out)
        return VMBP_E_INVAL;
    h->rule = NULL;
    c = chan_find(h, relid);
    if (!c)
        return refuse(h, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-133");
    if (c->state != VMBP_CONN_CHAN_OPENING)
        return refuse(h, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-133");
    if (h->paused)
        return refuse(h, VMBP_E_SEQ_PAUSED, "VMBP-CONN-136");
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_OPEN_CHANNEL_RESULT);
    m.u.open_result.child_relid = relid;
    m.u.open_result.open_id = c->open_id;
    m.u.open_result.status = ntstatus;
    st = send(h, out, 1, 0, &m);
    if (st != VMBP_OK)
        return st;
    if (ntstatus == VMBP_NTSTATUS_SUCCESS) {
        c->state = (uint8_t)VMBP_CONN_CHAN_OPEN;
    } else {
        c->state = (uint8_t)VMBP_CONN_CHAN_OFFERED;
        chan_clear_open(c);
    }
    vmbp_priv_conn_commit(out, 1, 0);
    return accepted(h);
}

enum vmbp_status vmbp_conn_host_gpadl_complete(struct vmbp_conn_host *h, uint32_t relid,
                                               uint32_t handle, uint32_t ntstatus,
                                               struct vmbp_conn_out *out)
{
    struct vmbp_conn_hgpadl *p;
    enum vmbp_status st;

    if (!h || !out)
        return VMBP_E_INVAL;
    h->rule = NULL;
    p = gpadl_find(h, handle);
    if (!p || p->relid != relid)
        return refuse(h, VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-134");
    if (p->state != VMBP_CONN_GPADL_DEVICE)
        return refuse(h, VMBP_E_SEQ_NO_REQUEST, "VMBP-CONN-134");
    if (h->paused)
        return refuse(h, VMBP_E_SEQ_PAUSED, "VMBP-CONN-136");
    st = vmbp_priv_conn_room(out, 1, 0);
    if (st == VMBP_OK)
        st = put_created(h, out, 0, relid, handle, ntstatus);
    if (st != VMBP_OK)
        return st;
    if (ntstatus == VMBP_NTSTATUS_SUCCESS)
        p->state = (uint8_t)VMBP_CONN_GPADL_CREATED;
    else
        gpadl_free(h, p);
    vmbp_priv_conn_commit(out, 1, 0);
    return accepted(h);
}

/* ---- GPADLs ----------------------------------------------------------------------------- */

/* A GPADL's range data is complete: to the device, or on a revoked channel created at once
 * (OpenVMM `gpadl_completed`). Room for one message and one event checked by the caller. */
static void gpadl_complete_ranges(struct vmbp_conn_host *h, struct vmbp_conn_hgpadl *p,
                                  const struct vmbp_conn_hchan *c, struct vmbp_conn_out *out,
                                  uint32_t *nmsg, uint32_t *nev)
{
    struct vmbp_conn_event *e;

    if (c->flags & VMBP_CONN_CHAN_F_RESCINDED) {
        if (put_created(h, out, 0, p->relid, p->handle, VMBP_NTSTATUS_SUCCESS) == VMBP_OK) {
            p->state = (uint8_t)VMBP_CONN_GPADL_CREATED;
            *nmsg = 1;
        }
        return;
    }
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_GPADL_READY);
    e->relid = p->relid;
    e->gpadl = p->handle;
    p->state = (uint8_t)VMBP_CONN_GPADL_DEVICE;
    *nev = 1;
}

static enum vmbp_status on_gpadl_header(struct vmbp_conn_host *h,
                                        const struct vmbp_gpadl_header *hd,
                                        struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *c = chan_find(h, hd->child_relid);
    struct vmbp_conn_hgpadl *slot = NULL;
    enum vmbp_status st, why = VMBP_OK;
    const char *rule = NULL;
    uint32_t i, nmsg = 0, nev = 0;

    /* the refusal's answer, replaced below if the GPADL is taken */
    st = vmbp_priv_conn_room(out, 1, 1);
    if (st == VMBP_OK)
        st = put_created(h, out, 0, hd->child_relid, hd->gpadl, VMBP_NTSTATUS_UNSUCCESSFUL);
    if (st != VMBP_OK)
        return st;
    for (i = 0; i < h->ngpadls && !slot; i++)
        if (h->gpadls[i].handle == 0)
            slot = &h->gpadls[i];
    if (!c || !offered(c)) {
        why = VMBP_E_SEQ_UNKNOWN_RELID;
        rule = "VMBP-CONN-134";
    } else if (hd->gpadl == 0 || gpadl_find(h, hd->gpadl)) {
        why = VMBP_E_SEQ_GPADL_HANDLE;
        rule = "VMBP-CONN-134";
    } else if (!slot) {
        why = VMBP_E_NOSPACE;
        rule = "VMBP-CONN-134";
    } else {
        reasm_reset(&slot->reasm, slot->reasm.words, slot->reasm.cap);
        why = vmbp_gpadl_reasm_header(&slot->reasm, hd);
        rule = "VMBP-GPADL-008";
        if (why == VMBP_OK || why == VMBP_E_PENDING) {
            slot->handle = hd->gpadl;
            slot->relid = hd->child_relid;
            slot->state = (uint8_t)VMBP_CONN_GPADL_CREATING;
            h->ngpadl_live++;
            if (why == VMBP_OK)
                gpadl_complete_ranges(h, slot, c, out, &nmsg, &nev);
            vmbp_priv_conn_commit(out, nmsg, nev);
            return accepted(h);
        }
        reasm_reset(&slot->reasm, slot->reasm.words, slot->reasm.cap);
    }
    /* refused: the guest learns it from GPADL_CREATED (OpenVMM `handle_gpadl_header`) */
    vmbp_priv_conn_commit(out, 1, 0);
    return refuse(h, why, rule);
}

static enum vmbp_status on_gpadl_body(struct vmbp_conn_host *h, const struct vmbp_gpadl_body *b,
                                      struct vmbp_conn_out *out)
{
    struct vmbp_conn_hgpadl *p = gpadl_find(h, b->gpadl);
    enum vmbp_status st;
    uint32_t nmsg = 0, nev = 0;

    if (!p || p->state != VMBP_CONN_GPADL_CREATING)
        return refuse(h, VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-134");
    /* the refusal's answer, replaced below if the GPADL is complete */
    st = vmbp_priv_conn_room(out, 1, 1);
    if (st == VMBP_OK)
        st = put_created(h, out, 0, p->relid, b->gpadl, VMBP_NTSTATUS_UNSUCCESSFUL);
    if (st != VMBP_OK)
        return st;
    st = vmbp_gpadl_reasm_body(&p->reasm, b);
    if (st == VMBP_E_PENDING)
        return accepted(h);
    if (st == VMBP_OK) {
        gpadl_complete_ranges(h, p, chan_find(h, p->relid), out, &nmsg, &nev);
        vmbp_priv_conn_commit(out, nmsg, nev);
        return accepted(h);
    }
    /* invalid range data: the GPADL is refused and removed */
    gpadl_free(h, p);
    vmbp_priv_conn_commit(out, 1, 0);
    return refuse(h, st, "VMBP-GPADL-008");
}

/* Whether p is the ring of c's open (or opening) channel. */
static bool gpadl_is_live_ring(const struct vmbp_conn_hchan *c,
                               const struct vmbp_conn_hgpadl *p)
{
    return (c->state == VMBP_CONN_CHAN_OPEN || c->state == VMBP_CONN_CHAN_OPENING) &&
           c->ring_gpadl == p->handle;
}

static enum vmbp_status on_gpadl_teardown(struct vmbp_conn_host *h,
                                          const struct vmbp_gpadl_teardown *t,
                                          struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *c = chan_find(h, t->child_relid);
    struct vmbp_conn_hgpadl *p;
    struct vmbp_conn_event *e;
    struct vmbp_msg m;
    enum vmbp_status st;
    uint32_t nev;

    if (!c || !offered(c))
        return refuse(h, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-134");
    p = gpadl_find(h, t->gpadl);
    if (!p || p->relid != t->child_relid)
        return refuse(h, VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-134");
    if (p->state != VMBP_CONN_GPADL_CREATED || gpadl_is_live_ring(c, p))
        return refuse(h, VMBP_E_SEQ_GPADL_STATE, "VMBP-CONN-134");
    nev = (c->flags & VMBP_CONN_CHAN_F_RESCINDED) ? 0u : 1u;
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_GPADL_TORNDOWN);
    m.u.gpadl_torndown.gpadl = t->gpadl;
    st = send(h, out, 1, nev, &m);
    if (st != VMBP_OK)
        return st;
    if (nev) {
        e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_GPADL_TEARDOWN);
        e->relid = t->child_relid;
        e->gpadl = t->gpadl;
    }
    gpadl_free(h, p);
    vmbp_priv_conn_commit(out, 1, nev);
    return accepted(h);
}

/* ---- channels ----------------------------------------------------------------------------- */

/* OPEN_CHANNEL refused with an answer (OPEN_CHANNEL_RESULT failure). */
static enum vmbp_status open_fail(struct vmbp_conn_host *h, const struct vmbp_open_channel *oc,
                                  struct vmbp_conn_out *out, enum vmbp_status why,
                                  const char *rule)
{
    struct vmbp_msg m;
    enum vmbp_status st;

    vmbp_priv_conn_msg_init(&m, VMBP_MSG_OPEN_CHANNEL_RESULT);
    m.u.open_result.child_relid = oc->child_relid;
    m.u.open_result.open_id = oc->open_id;
    m.u.open_result.status = VMBP_NTSTATUS_UNSUCCESSFUL;
    st = send(h, out, 1, 0, &m);
    if (st != VMBP_OK)
        return st;
    vmbp_priv_conn_commit(out, 1, 0);
    return refuse(h, why, rule);
}

static enum vmbp_status on_open(struct vmbp_conn_host *h, const struct vmbp_open_channel *oc,
                                struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *c = chan_find(h, oc->child_relid);
    const struct vmbp_conn_hgpadl *p;
    struct vmbp_gpa_range r;
    struct vmbp_conn_event *e;
    enum vmbp_status st;
    uint32_t pages;

    if (!c || !offered(c))
        return refuse(h, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-134");
    if (c->flags & VMBP_CONN_CHAN_F_RESCINDED)
        return accepted(h); /* a race with the rescind: ignored (VMBP-CONN-133) */
    if (c->state != VMBP_CONN_CHAN_OFFERED)
        return refuse(h, VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-134");
    p = gpadl_find(h, oc->ring_buffer_gpadl);
    if (!p || p->relid != oc->child_relid)
        return open_fail(h, oc, out, VMBP_E_SEQ_UNKNOWN_GPADL, "VMBP-CONN-134");
    if (p->state != VMBP_CONN_GPADL_CREATED)
        return open_fail(h, oc, out, VMBP_E_SEQ_GPADL_STATE, "VMBP-CONN-134");
    /* the ring GPADL: one range at offset 0 of whole pages, split inside it (OpenVMM
     * `gpadl_ring.rs`) */
    st = vmbp_gpadl_reasm_range(&p->reasm, 0, &r);
    pages = (st == VMBP_OK && p->reasm.rangecount == 1 && r.byte_offset == 0 &&
             r.byte_count % VMBP_HV_PAGE_SIZE == 0)
                ? r.byte_count / VMBP_HV_PAGE_SIZE
                : 0;
    if (oc->downstream_ring_buffer_page_offset >= pages) /* 0: refused by the decoder */
        return open_fail(h, oc, out, VMBP_E_FIELD_RANGE, "VMBP-CONN-134");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_OPEN_REQUEST);
    e->relid = oc->child_relid;
    e->gpadl = oc->ring_buffer_gpadl;
    e->value = oc->target_vp;
    c->state = (uint8_t)VMBP_CONN_CHAN_OPENING;
    c->open_id = oc->open_id;
    c->ring_gpadl = oc->ring_buffer_gpadl;
    c->target_vp = oc->target_vp;
    if (oc->target_vp == VMBP_VP_INDEX_DISABLE_INTERRUPT)
        c->flags |= VMBP_CONN_CHAN_F_NO_INTERRUPT;
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(h);
}

static enum vmbp_status on_close(struct vmbp_conn_host *h, uint32_t relid,
                                 struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *c = chan_find(h, relid);
    struct vmbp_conn_event *e;
    enum vmbp_status st;

    if (!c || !offered(c))
        return refuse(h, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-134");
    if (c->flags & VMBP_CONN_CHAN_F_RESCINDED)
        return accepted(h); /* ignored (VMBP-CONN-133) */
    if (c->state != VMBP_CONN_CHAN_OPEN)
        return refuse(h, VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-134");
    st = vmbp_priv_conn_room(out, 0, 1);
    if (st != VMBP_OK)
        return st;
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_CLOSE);
    e->relid = relid;
    c->state = (uint8_t)VMBP_CONN_CHAN_OFFERED;
    chan_clear_open(c);
    vmbp_priv_conn_commit(out, 0, 1);
    return accepted(h);
}

static enum vmbp_status on_release(struct vmbp_conn_host *h, uint32_t relid,
                                   struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *c = chan_find(h, relid);
    struct vmbp_conn_event *e;
    enum vmbp_status st;
    uint32_t i, nev = 1;
    bool revoked;

    if (!c || !offered(c))
        return refuse(h, VMBP_E_SEQ_UNKNOWN_RELID, "VMBP-CONN-135");
    if (c->state != VMBP_CONN_CHAN_OFFERED)
        return refuse(h, VMBP_E_SEQ_CHAN_STATE, "VMBP-CONN-135");
    revoked = (c->flags & VMBP_CONN_CHAN_F_RESCINDED) != 0;
    for (i = 0; i < h->ngpadls; i++) {
        const struct vmbp_conn_hgpadl *p = &h->gpadls[i];

        nev += p->handle && p->relid == relid && !revoked &&
               (p->state == VMBP_CONN_GPADL_CREATED || p->state == VMBP_CONN_GPADL_DEVICE);
    }
    st = vmbp_priv_conn_room(out, 0, nev);
    if (st != VMBP_OK)
        return st;
    nev = 0;
    /* the channel's GPADLs go with it (OpenVMM `client_release_channel`) */
    for (i = 0; i < h->ngpadls; i++) {
        struct vmbp_conn_hgpadl *p = &h->gpadls[i];

        if (!p->handle || p->relid != relid)
            continue;
        if (!revoked && p->state == VMBP_CONN_GPADL_CREATED) {
            e = vmbp_priv_conn_ev(out, nev++, VMBP_CONN_EV_GPADL_TEARDOWN);
            e->relid = relid;
            e->gpadl = p->handle;
        } else if (!revoked && p->state == VMBP_CONN_GPADL_DEVICE) {
            e = vmbp_priv_conn_ev(out, nev++, VMBP_CONN_EV_CANCELLED);
            e->request = (uint16_t)VMBP_CONN_REQ_GPADL_CREATE;
            e->relid = relid;
            e->gpadl = p->handle;
        }
        gpadl_free(h, p);
    }
    e = vmbp_priv_conn_ev(out, nev++, VMBP_CONN_EV_RELEASED);
    e->relid = relid;
    if (revoked) {
        VMBP_MEMSET(c, 0, sizeof(*c));
        h->nchan_live--;
    } else {
        c->state = (uint8_t)VMBP_CONN_CHAN_RELEASED;
        c->sent = 0;
    }
    vmbp_priv_conn_commit(out, 0, nev);
    return accepted(h);
}

static enum vmbp_status on_modify(struct vmbp_conn_host *h,
                                  const struct vmbp_modify_channel *mc,
                                  struct vmbp_conn_out *out)
{
    struct vmbp_conn_hchan *c = chan_find(h, mc->child_relid);
    struct vmbp_conn_event *e;
    struct vmbp_msg m;
    enum vmbp_status st, why = VMBP_OK;
    const char *rule = "VMBP-CONN-134";
    bool answer = vmbp_version_has_modify_channel_response(h->ctx.version);
    uint32_t nmsg = answer ? 1u : 0u;
    bool race = c && offered(c) && (c->flags & VMBP_CONN_CHAN_F_RESCINDED);

    if (mc->target_vp == VMBP_VP_INDEX_DISABLE_INTERRUPT)
        why = VMBP_E_FIELD_RANGE;
    else if (!c || !offered(c))
        why = VMBP_E_SEQ_UNKNOWN_RELID;
    else if (race || c->state != VMBP_CONN_CHAN_OPEN ||
             (c->flags & VMBP_CONN_CHAN_F_NO_INTERRUPT))
        why = VMBP_E_SEQ_CHAN_STATE;
    /* from 5.3 every MODIFY_CHANNEL is answered, a refused one with a failure */
    vmbp_priv_conn_msg_init(&m, VMBP_MSG_MODIFY_CHANNEL_RESPONSE);
    m.u.modify_channel_response.child_relid = mc->child_relid;
    m.u.modify_channel_response.status =
        why == VMBP_OK ? VMBP_NTSTATUS_SUCCESS : VMBP_NTSTATUS_UNSUCCESSFUL;
    st = send(h, out, nmsg, why == VMBP_OK ? 1u : 0u, &m);
    if (st != VMBP_OK)
        return st;
    if (why != VMBP_OK) {
        vmbp_priv_conn_commit(out, nmsg, 0);
        /* a modify that crossed the rescind is no fault of the guest (VMBP-CONN-133) */
        return race ? accepted(h) : refuse(h, why, rule);
    }
    e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_MODIFY_CHANNEL);
    e->relid = mc->child_relid;
    e->value = mc->target_vp;
    c->target_vp = mc->target_vp;
    vmbp_priv_conn_commit(out, nmsg, 1);
    return accepted(h);
}

/* ---- connection-wide -------------------------------------------------------------------- */

static enum vmbp_status on_unload(struct vmbp_conn_host *h, struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st;
    bool answer = h->ctx.version >= (uint32_t)VMBP_VERSION_1_1;
    uint32_t n;

    vmbp_priv_conn_msg_init(&m, VMBP_MSG_UNLOAD_COMPLETE);
    st = send(h, out, answer ? 1u : 0u, end_events(h), &m);
    if (st != VMBP_OK)
        return st;
    n = end_connection(h, out);
    vmbp_priv_conn_commit(out, answer ? 1u : 0u, n);
    return accepted(h);
}

static enum vmbp_status on_modify_connection(struct vmbp_conn_host *h,
                                             const struct vmbp_modify_connection *mc,
                                             struct vmbp_conn_out *out)
{
    struct vmbp_conn_event *e;
    struct vmbp_msg m;
    enum vmbp_status st;
    bool ok = (mc->parent_to_child_monitor_gpa == 0) == (mc->child_to_parent_monitor_gpa == 0);
    bool given = h->pages_given != 0; /* the host's pages are not the guest's to move */

    vmbp_priv_conn_msg_init(&m, VMBP_MSG_MODIFY_CONNECTION_RESPONSE);
    ok = ok && !given;
    m.u.modify_connection_response.connection_state =
        (uint8_t)(ok ? VMBP_CONNECTION_SUCCESSFUL : VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE);
    st = send(h, out, 1, ok ? 1u : 0u, &m);
    if (st != VMBP_OK)
        return st;
    if (ok) {
        e = vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_MODIFY_CONNECTION);
        e->status = 0;
    }
    vmbp_priv_conn_commit(out, 1, ok ? 1u : 0u);
    if (given)
        return refuse(h, VMBP_E_SEQ_CONN_STATE, "VMBP-CONN-141");
    return ok ? accepted(h) : refuse(h, VMBP_E_FIELD_RANGE, "VMBP-CONN-134");
}

/* One event and no state: PAUSE's answer, RESUME, TL_CONNECT_REQUEST. */
static enum vmbp_status on_simple(struct vmbp_conn_host *h, uint32_t type,
                                  struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st;
    uint32_t nmsg = type == VMBP_MSG_PAUSE ? 1u : 0u;
    uint32_t nev =
        (type == VMBP_MSG_PAUSE || (type == VMBP_MSG_RESUME && !h->paused)) ? 0u : 1u;

    vmbp_priv_conn_msg_init(&m, VMBP_MSG_PAUSE_RESPONSE);
    st = send(h, out, nmsg, nev, &m);
    if (st != VMBP_OK)
        return st;
    if (type == VMBP_MSG_PAUSE) {
        h->paused = 1;
    } else if (type == VMBP_MSG_RESUME) {
        if (nev)
            (void)vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_RESUMED);
        h->paused = 0;
    } else {
        (void)vmbp_priv_conn_ev(out, 0, VMBP_CONN_EV_TL_CONNECT_REQUEST);
    }
    vmbp_priv_conn_commit(out, nmsg, nev);
    return accepted(h);
}

enum vmbp_status vmbp_conn_host_receive(struct vmbp_conn_host *h, const struct vmbp_msg *m,
                                        bool trusted, struct vmbp_conn_out *out)
{
    enum vmbp_status st;

    if (!h || !m || !out)
        return VMBP_E_INVAL;
    h->rule = NULL;
    st = vmbp_priv_conn_gate(m, &h->ctx, VMBP_DIR_GUEST_TO_HOST);
    if (st != VMBP_OK)
        return refuse(h, st, "VMBP-CONN-139");
    /* a trusted connection takes trusted messages only (OpenVMM `UntrustedMessage`) */
    if (h->trusted && !trusted) /* never set while disconnected (vmbp_conn_host_check()) */
        return refuse(h, VMBP_E_SEQ_UNTRUSTED, "VMBP-CONN-137");
    if (h->paused && m->type != VMBP_MSG_RESUME && m->type != VMBP_MSG_UNLOAD &&
        m->type != VMBP_MSG_INITIATE_CONTACT)
        return refuse(h, VMBP_E_SEQ_PAUSED, "VMBP-CONN-136");
    switch (m->type) {
    case VMBP_MSG_INITIATE_CONTACT:
        return on_contact(h, &m->u.initiate_contact, trusted, out);
    case VMBP_MSG_REQUEST_OFFERS:
        return on_request_offers(h, out);
    case VMBP_MSG_GPADL_HEADER:
        return on_gpadl_header(h, &m->u.gpadl_header, out);
    case VMBP_MSG_GPADL_BODY:
        return on_gpadl_body(h, &m->u.gpadl_body, out);
    case VMBP_MSG_GPADL_TEARDOWN:
        return on_gpadl_teardown(h, &m->u.gpadl_teardown, out);
    case VMBP_MSG_OPEN_CHANNEL:
        return on_open(h, &m->u.open_channel, out);
    case VMBP_MSG_CLOSE_CHANNEL:
        return on_close(h, m->u.close_channel.child_relid, out);
    case VMBP_MSG_RELID_RELEASED:
        return on_release(h, m->u.relid_released.child_relid, out);
    case VMBP_MSG_MODIFY_CHANNEL:
        return on_modify(h, &m->u.modify_channel, out);
    case VMBP_MSG_MODIFY_CONNECTION:
        return on_modify_connection(h, &m->u.modify_connection, out);
    case VMBP_MSG_UNLOAD:
        return on_unload(h, out);
    case VMBP_MSG_PAUSE:
    case VMBP_MSG_RESUME:
    case VMBP_MSG_TL_CONNECT_REQUEST:
        return on_simple(h, m->type, out);
    default: /* reserved channels (types 18, 19) */
        return refuse(h, VMBP_E_UNSUPPORTED, "VMBP-CONN-134");
    }
}

enum vmbp_status vmbp_conn_host_receive_bytes(struct vmbp_conn_host *h, const void *buf,
                                              size_t len, bool trusted,
                                              struct vmbp_conn_out *out)
{
    struct vmbp_msg m;
    enum vmbp_status st;

    if (!h || !buf || !out)
        return VMBP_E_INVAL;
    h->rule = NULL;
    st = vmbp_msg_decode(buf, len, &h->ctx, VMBP_DIR_GUEST_TO_HOST, &m);
    if (st != VMBP_OK)
        return refuse(h, st, "VMBP-CONN-139");
    return vmbp_conn_host_receive(h, &m, trusted, out);
}

/* ---- queries ------------------------------------------------------------------------------- */

const struct vmbp_ctx *vmbp_conn_host_ctx(const struct vmbp_conn_host *h)
{
    return h ? &h->ctx : NULL;
}

enum vmbp_conn_state vmbp_conn_host_state(const struct vmbp_conn_host *h)
{
    return h ? (enum vmbp_conn_state)h->state : VMBP_CONN_DISCONNECTED;
}

enum vmbp_status vmbp_conn_host_chan(const struct vmbp_conn_host *h, uint32_t relid,
                                     struct vmbp_conn_chan_info *info)
{
    const struct vmbp_conn_hchan *c;

    if (!h || !info)
        return VMBP_E_INVAL;
    c = chan_find(h, relid);
    if (!c)
        return VMBP_E_SEQ_UNKNOWN_RELID;
    VMBP_MEMSET(info, 0, sizeof(*info));
    info->relid = relid;
    info->state = c->state;
    info->flags = c->flags;
    info->offer_flags = c->offer.flags;
    info->connection_id = c->offer.connection_id;
    info->ring_gpadl = c->ring_gpadl;
    info->open_id = c->open_id;
    return VMBP_OK;
}

enum vmbp_status vmbp_conn_host_gpadl(const struct vmbp_conn_host *h, uint32_t relid,
                                      uint32_t handle, struct vmbp_conn_gpadl_info *info)
{
    const struct vmbp_conn_hgpadl *p;

    if (!h || !info)
        return VMBP_E_INVAL;
    p = gpadl_find(h, handle);
    if (!p || p->relid != relid)
        return VMBP_E_SEQ_UNKNOWN_GPADL;
    VMBP_MEMSET(info, 0, sizeof(*info));
    info->handle = handle;
    info->relid = relid;
    info->state = p->state;
    return VMBP_OK;
}

const struct vmbp_gpadl_reasm *vmbp_conn_host_gpadl_ranges(const struct vmbp_conn_host *h,
                                                           uint32_t relid, uint32_t handle)
{
    const struct vmbp_conn_hgpadl *p;

    if (!h)
        return NULL;
    p = gpadl_find(h, handle);
    if (!p || p->relid != relid || p->state == VMBP_CONN_GPADL_CREATING)
        return NULL;
    return &p->reasm;
}

const char *vmbp_conn_host_last_rule(const struct vmbp_conn_host *h)
{
    return h ? h->rule : NULL;
}

enum vmbp_status vmbp_conn_host_check(const struct vmbp_conn_host *h)
{
    uint32_t i, j, nc = 0, ng = 0;

    if (!h)
        return VMBP_E_INVAL;
    for (i = 0; i < h->nchans; i++) {
        const struct vmbp_conn_hchan *c = &h->chans[i];
        const struct vmbp_conn_hgpadl *r;

        if (!live(c))
            continue;
        nc++;
        for (j = i + 1; j < h->nchans; j++)
            if (live(&h->chans[j]) && h->chans[j].offer.child_relid == c->offer.child_relid)
                return VMBP_E_STATE;
        if (c->offer.child_relid < VMBP_RELID_MIN || c->offer.child_relid > VMBP_RELID_MAX)
            return VMBP_E_STATE;
        if (h->state == VMBP_CONN_DISCONNECTED && (c->sent || c->flags))
            return VMBP_E_STATE;
        if (c->sent && c->state != VMBP_CONN_CHAN_OFFERED &&
            c->state != VMBP_CONN_CHAN_OPENING && c->state != VMBP_CONN_CHAN_OPEN)
            return VMBP_E_STATE;
        if (h->state == VMBP_CONN_CONNECTED && c->state != VMBP_CONN_CHAN_REGISTERED)
            return VMBP_E_STATE;
        if (c->state == VMBP_CONN_CHAN_OPENING || c->state == VMBP_CONN_CHAN_OPEN) {
            r = gpadl_find(h, c->ring_gpadl);
            if ((c->flags & VMBP_CONN_CHAN_F_RESCINDED) || !r ||
                r->relid != c->offer.child_relid || r->state != VMBP_CONN_GPADL_CREATED)
                return VMBP_E_STATE;
        }
        if (c->state > VMBP_CONN_CHAN_RELEASED)
            return VMBP_E_STATE;
    }
    for (i = 0; i < h->ngpadls; i++) {
        const struct vmbp_conn_hgpadl *p = &h->gpadls[i];
        const struct vmbp_conn_hchan *c;

        if (!p->handle)
            continue;
        ng++;
        c = chan_find(h, p->relid);
        if (!c || !offered(c)) /* (nothing is offered while disconnected: checked above) */
            return VMBP_E_STATE;
        for (j = i + 1; j < h->ngpadls; j++)
            if (h->gpadls[j].handle == p->handle)
                return VMBP_E_STATE;
        if (p->state < VMBP_CONN_GPADL_CREATING || p->state > VMBP_CONN_GPADL_DEVICE ||
            p->state == VMBP_CONN_GPADL_TEARING_DOWN)
            return VMBP_E_STATE;
    }
    if (nc != h->nchan_live || ng != h->ngpadl_live)
        return VMBP_E_STATE;
    if (h->state == VMBP_CONN_DISCONNECTED && (h->ctx.version || h->paused || h->trusted))
        return VMBP_E_STATE;
    return VMBP_OK;
}
