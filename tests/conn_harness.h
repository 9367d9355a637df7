/* SPDX-License-Identifier: MIT */
/*
 * Test scaffolding of the connection machines (tests/test_conn*.c): a guest machine with
 * its tables and output, host messages built from fields and fed as bytes, a snapshot to
 * prove a refused call changed nothing, and a host machine wired to the guest for the
 * scenarios. Everything is static inline over one struct per test.
 */
#ifndef VMBP_TESTS_CONN_HARNESS_H
#define VMBP_TESTS_CONN_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vmbus_proto/devices.h>
#include <vmbus_proto/vmbp_conn.h>

#define TH_NCHAN 8u
#define TH_NGPADL 16u

/* ---- probing (TH_PROBE) --------------------------------------------------------------------
 * With TH_PROBE defined before this header, every call of a machine's action or receive
 * function in the including file (and in the helpers below) is made first with an output
 * that has no room left: it must either complete needing no room, or return VMBP_E_NOSPACE
 * with the needs recorded and the machine, its tables and the output unchanged; then it is
 * made again with the output as it was. tests/test_conn_probed.c and
 * tests/test_conn_scenarios_probed.c run the suites that way (VMBP-CONN-101: a call refused
 * changes nothing). */
struct th_probe {
    struct vmbp_conn_guest g;
    struct vmbp_conn_gchan gc[TH_NCHAN];
    struct vmbp_conn_ggpadl gg[TH_NGPADL];
    struct vmbp_conn_host h;
    struct vmbp_conn_hchan hc[TH_NCHAN];
    struct vmbp_conn_hgpadl hg[TH_NGPADL];
    uint32_t msgs_cap, events_cap, nmsgs, nevents;
    unsigned long calls, nospace;
    enum vmbp_status st;
};
static struct th_probe th_p;

static inline void th_probe_fail(const char *what)
{
    fprintf(stderr, "probe: %s\n", what);
    abort();
}

static inline void th_probe_begin(const struct vmbp_conn_guest *g,
                                  const struct vmbp_conn_host *h, struct vmbp_conn_out *out)
{
    th_p.calls++;
    if (!out)
        return;
    if (g) {
        if (g->nchans > TH_NCHAN || g->ngpadls > TH_NGPADL)
            th_probe_fail("tables larger than the harness's");
        memcpy(&th_p.g, g, sizeof(*g));
        memcpy(th_p.gc, g->chans, g->nchans * sizeof(*g->chans));
        memcpy(th_p.gg, g->gpadls, g->ngpadls * sizeof(*g->gpadls));
    }
    if (h) {
        if (h->nchans > TH_NCHAN || h->ngpadls > TH_NGPADL)
            th_probe_fail("tables larger than the harness's");
        memcpy(&th_p.h, h, sizeof(*h));
        memcpy(th_p.hc, h->chans, h->nchans * sizeof(*h->chans));
        memcpy(th_p.hg, h->gpadls, h->ngpadls * sizeof(*h->gpadls));
    }
    th_p.msgs_cap = out->msgs_cap;
    th_p.events_cap = out->events_cap;
    th_p.nmsgs = out->nmsgs;
    th_p.nevents = out->nevents;
    /* no room left (a caller's broken bookkeeping is left as it is) */
    if (out->nmsgs <= out->msgs_cap && out->nevents <= out->events_cap) {
        out->msgs_cap = out->nmsgs;
        out->events_cap = out->nevents;
    }
}

/* Whether the call must be made again: it ran out of room. */
static inline bool th_probe_again(const struct vmbp_conn_guest *g,
                                  const struct vmbp_conn_host *h, struct vmbp_conn_out *out,
                                  enum vmbp_status st)
{
    struct vmbp_conn_guest a;
    struct vmbp_conn_host b;

    if (!out)
        return false;
    out->msgs_cap = th_p.msgs_cap;
    out->events_cap = th_p.events_cap;
    if (st != VMBP_E_NOSPACE)
        return false;
    th_p.nospace++;
    if (out->nmsgs != th_p.nmsgs || out->nevents != th_p.nevents)
        th_probe_fail("refused for room but the output changed");
    if (g) {
        memcpy(&a, g, sizeof(a));
        a.rule = th_p.g.rule;
        if (memcmp(&a, &th_p.g, sizeof(a)) != 0 ||
            memcmp(th_p.gc, g->chans, g->nchans * sizeof(*g->chans)) != 0 ||
            memcmp(th_p.gg, g->gpadls, g->ngpadls * sizeof(*g->gpadls)) != 0)
            th_probe_fail("guest refused for room but changed");
    }
    if (h) {
        memcpy(&b, h, sizeof(b));
        b.rule = th_p.h.rule;
        if (memcmp(&b, &th_p.h, sizeof(b)) != 0 ||
            memcmp(th_p.hc, h->chans, h->nchans * sizeof(*h->chans)) != 0 ||
            memcmp(th_p.hg, h->gpadls, h->ngpadls * sizeof(*h->gpadls)) != 0)
            th_probe_fail("host refused for room but changed");
    }
    if (out->msgs_needed == 0 && out->events_needed == 0)
        th_probe_fail("refused for room, needing none");
    return true;
}

#define TH_PROBED(g, h, out, CALL)                                                             \
    (th_probe_begin((g), (h), (out)), th_p.st = (CALL),                                        \
     th_probe_again((g), (h), (out), th_p.st) ? (CALL) : th_p.st)

#ifdef TH_PROBE
/* The functions named here are called through TH_PROBED below this point (a macro's own name
 * is not expanded again inside it, so the call reaches the function). */
#define vmbp_conn_guest_connect(g, c, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_connect(g, c, o))
#define vmbp_conn_guest_contact_failed(g, s, o)                                                \
    TH_PROBED(g, NULL, o, vmbp_conn_guest_contact_failed(g, s, o))
#define vmbp_conn_guest_request_offers(g, o)                                                   \
    TH_PROBED(g, NULL, o, vmbp_conn_guest_request_offers(g, o))
#define vmbp_conn_guest_gpadl_create(g, p, hp, o)                                              \
    TH_PROBED(g, NULL, o, vmbp_conn_guest_gpadl_create(g, p, hp, o))
#define vmbp_conn_guest_gpadl_teardown(g, r, hd, o)                                            \
    TH_PROBED(g, NULL, o, vmbp_conn_guest_gpadl_teardown(g, r, hd, o))
#define vmbp_conn_guest_open(g, p, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_open(g, p, o))
#define vmbp_conn_guest_close(g, r, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_close(g, r, o))
#define vmbp_conn_guest_release(g, r, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_release(g, r, o))
#define vmbp_conn_guest_modify_channel(g, r, v, o)                                             \
    TH_PROBED(g, NULL, o, vmbp_conn_guest_modify_channel(g, r, v, o))
#define vmbp_conn_guest_modify_connection(g, a, b, o)                                          \
    TH_PROBED(g, NULL, o, vmbp_conn_guest_modify_connection(g, a, b, o))
#define vmbp_conn_guest_pause(g, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_pause(g, o))
#define vmbp_conn_guest_resume(g, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_resume(g, o))
#define vmbp_conn_guest_unload(g, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_unload(g, o))
#define vmbp_conn_guest_receive(g, m, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_receive(g, m, o))
#define vmbp_conn_guest_receive_bytes(g, b, n, o)                                              \
    TH_PROBED(g, NULL, o, vmbp_conn_guest_receive_bytes(g, b, n, o))
#define vmbp_conn_guest_replay(g, m, o) TH_PROBED(g, NULL, o, vmbp_conn_guest_replay(g, m, o))
#define vmbp_conn_host_offer(h, m, r, o) TH_PROBED(NULL, h, o, vmbp_conn_host_offer(h, m, r, o))
#define vmbp_conn_host_rescind(h, r, o) TH_PROBED(NULL, h, o, vmbp_conn_host_rescind(h, r, o))
#define vmbp_conn_host_open_complete(h, r, s, o)                                               \
    TH_PROBED(NULL, h, o, vmbp_conn_host_open_complete(h, r, s, o))
#define vmbp_conn_host_gpadl_complete(h, r, hd, s, o)                                          \
    TH_PROBED(NULL, h, o, vmbp_conn_host_gpadl_complete(h, r, hd, s, o))
#define vmbp_conn_host_receive(h, m, tr, o)                                                    \
    TH_PROBED(NULL, h, o, vmbp_conn_host_receive(h, m, tr, o))
#define vmbp_conn_host_receive_bytes(h, b, n, tr, o)                                           \
    TH_PROBED(NULL, h, o, vmbp_conn_host_receive_bytes(h, b, n, tr, o))
#endif
#define TH_WORDS 600u
#define TH_MSGS 320u
#define TH_EVENTS 256u

struct th {
    struct vmbp_conn_guest g;
    struct vmbp_conn_gchan gc[TH_NCHAN];
    struct vmbp_conn_ggpadl gg[TH_NGPADL];
    struct vmbp_conn_host h;
    struct vmbp_conn_hchan hc[TH_NCHAN];
    struct vmbp_conn_hgpadl hg[TH_NGPADL];
    uint64_t words[TH_NGPADL * TH_WORDS];
    struct vmbp_conn_msg msgs[TH_MSGS];
    struct vmbp_conn_event events[TH_EVENTS];
    struct vmbp_conn_out out;
    struct vmbp_confidential_plan plan;
    uint64_t pfns[64];
    /* snapshot of the guest */
    struct vmbp_conn_guest sg;
    struct vmbp_conn_gchan sgc[TH_NCHAN];
    struct vmbp_conn_ggpadl sgg[TH_NGPADL];
    uint32_t snmsgs, snevents;
};

static inline void th_out_reset(struct th *t)
{
    vmbp_conn_out_init(&t->out, t->msgs, TH_MSGS, t->events, TH_EVENTS);
}

/* A guest with plan `plan` (NULL: none) and flags. */
static inline void th_init(struct th *t, const struct vmbp_confidential_plan *plan,
                           uint32_t flags)
{
    struct vmbp_conn_guest_config cfg;
    struct vmbp_confidential_plan pl;
    unsigned i;

    if (plan)
        pl = *plan; /* it may live in t */
    memset(t, 0, sizeof(*t));
    if (plan)
        t->plan = pl;
    for (i = 0; i < 64; i++)
        t->pfns[i] = 0x40000u + i;
    memset(&cfg, 0, sizeof(cfg));
    cfg.channels = t->gc;
    cfg.nchannels = TH_NCHAN;
    cfg.gpadls = t->gg;
    cfg.ngpadls = TH_NGPADL;
    cfg.plan = plan ? &t->plan : NULL;
    cfg.flags = flags;
    if (vmbp_conn_guest_init(&t->g, &cfg) != VMBP_OK)
        abort();
    th_out_reset(t);
}

/* A confidential plan (CONFIDENTIAL mode, isolated) or an isolated one without it. */
static inline struct vmbp_confidential_plan *th_plan(struct th *t, bool confidential,
                                                     enum vmbp_confidential_mode mode)
{
    memset(&t->plan, 0, sizeof(t->plan));
    t->plan.mode = (uint8_t)mode;
    t->plan.isolated = true;
    t->plan.confidential = confidential;
    t->plan.request_confidential_channels = confidential;
    return &t->plan;
}

static inline void th_snap(struct th *t)
{
    memcpy(&t->sg, &t->g, sizeof(t->g));
    memcpy(t->sgc, t->gc, sizeof(t->gc));
    memcpy(t->sgg, t->gg, sizeof(t->gg));
    t->snmsgs = t->out.nmsgs;
    t->snevents = t->out.nevents;
}

/* The guest equals the snapshot, its last rule aside. */
static inline bool th_unchanged(const struct th *t)
{
    struct vmbp_conn_guest a, b;

    memcpy(&a, &t->g, sizeof(a));
    memcpy(&b, &t->sg, sizeof(b));
    a.rule = b.rule = NULL;
    return memcmp(&a, &b, sizeof(a)) == 0 && memcmp(t->gc, t->sgc, sizeof(t->gc)) == 0 &&
           memcmp(t->gg, t->sgg, sizeof(t->gg)) == 0;
}

/* A call refused with `want` and `rule` that changed nothing since th_snap(). */
static inline bool th_refused(const struct th *t, enum vmbp_status got, enum vmbp_status want,
                              const char *rule)
{
    const char *r = vmbp_conn_guest_last_rule(&t->g);

    if (got != want) {
        fprintf(stderr, "status %s, want %s (rule %s)\n", vmbp_status_name(got),
                vmbp_status_name(want), r ? r : "none");
        return false;
    }
    if (!th_unchanged(t) || t->out.nmsgs != t->snmsgs || t->out.nevents != t->snevents) {
        fprintf(stderr, "refused with %s but changed\n", vmbp_status_name(got));
        return false;
    }
    if (rule && (!r || strcmp(r, rule) != 0)) {
        fprintf(stderr, "rule %s, want %s\n", r ? r : "none", rule);
        return false;
    }
    return vmbp_conn_guest_check(&t->g) == VMBP_OK;
}

/* ---- host messages as bytes ------------------------------------------------------------- */

static inline enum vmbp_status th_feed(struct th *t, const struct vmbp_msg *m)
{
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0;

    if (vmbp_msg_encode(m, buf, sizeof(buf), &len) != VMBP_OK)
        abort();
    return vmbp_conn_guest_receive_bytes(&t->g, buf, len, &t->out);
}

static inline void th_msg(struct vmbp_msg *m, uint32_t type)
{
    memset(m, 0, sizeof(*m));
    m->type = type;
    m->variant = vmbp_msg_type_newest_variant(type);
    if (vmbp_msg_variant_size(m->variant) == VMBP_MSG_HEADER_SIZE)
        m->u.empty.type = type; /* the header-only types */
}

static inline enum vmbp_status th_empty(struct th *t, uint32_t type)
{
    struct vmbp_msg m;

    th_msg(&m, type);
    return th_feed(t, &m);
}

/* VERSION_RESPONSE: the 20-byte form with features when `with_features`. */
static inline enum vmbp_status th_version(struct th *t, uint8_t supported, uint8_t state,
                                          uint32_t conn_id, bool with_features,
                                          uint32_t features)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_VERSION_RESPONSE);
    m.variant =
        with_features ? VMBP_MSGV_VERSION_RESPONSE_FEATURES : VMBP_MSGV_VERSION_RESPONSE;
    m.u.version_response.variant = m.variant;
    m.u.version_response.version_supported = supported;
    m.u.version_response.connection_state = state;
    m.u.version_response.msg_conn_id = conn_id;
    m.u.version_response.supported_features = features;
    return th_feed(t, &m);
}

/* An offer of the SCSI class (one an isolated VM takes, VMBP-DEV-001), instance `inst`,
 * sub-channel `sub`, with offer flags. */
static inline void th_offer_msg(struct vmbp_msg *m, uint32_t relid, uint8_t inst, uint16_t sub,
                                uint16_t flags)
{
    th_msg(m, VMBP_MSG_OFFER_CHANNEL);
    m->u.offer.variant = VMBP_MSGV_OFFER_CHANNEL;
    m->u.offer.interface_type = vmbp_device_lookup(VMBP_DEVICE_SCSI)->guid;
    m->u.offer.interface_instance.bytes[0] = inst;
    m->u.offer.sub_channel_index = sub;
    m->u.offer.flags = flags;
    m->u.offer.child_relid = relid;
    m->u.offer.monitor_id = VMBP_MONITOR_ID_INVALID;
    m->u.offer.is_dedicated_interrupt = 1;
    m->u.offer.connection_id = 0x2000u + relid;
}

static inline enum vmbp_status th_offer(struct th *t, uint32_t relid, uint8_t inst,
                                        uint16_t sub, uint16_t flags)
{
    struct vmbp_msg m;

    th_offer_msg(&m, relid, inst, sub, flags);
    return th_feed(t, &m);
}

static inline enum vmbp_status th_relid_msg(struct th *t, uint32_t type, uint32_t relid)
{
    struct vmbp_msg m;

    th_msg(&m, type);
    m.u.rescind.child_relid = relid; /* every relid-only message has it first */
    if (type == VMBP_MSG_CLOSE_RESERVED_RESPONSE)
        m.u.close_reserved_response.child_relid = relid;
    return th_feed(t, &m);
}

static inline enum vmbp_status th_open_result(struct th *t, uint32_t relid, uint32_t open_id,
                                              uint32_t status)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_OPEN_CHANNEL_RESULT);
    m.u.open_result.child_relid = relid;
    m.u.open_result.open_id = open_id;
    m.u.open_result.status = status;
    return th_feed(t, &m);
}

static inline enum vmbp_status th_created(struct th *t, uint32_t relid, uint32_t handle,
                                          uint32_t status)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_GPADL_CREATED);
    m.u.gpadl_created.child_relid = relid;
    m.u.gpadl_created.gpadl = handle;
    m.u.gpadl_created.creation_status = status;
    return th_feed(t, &m);
}

static inline enum vmbp_status th_torndown(struct th *t, uint32_t handle)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_GPADL_TORNDOWN);
    m.u.gpadl_torndown.gpadl = handle;
    return th_feed(t, &m);
}

static inline enum vmbp_status th_modify_resp(struct th *t, uint32_t relid, uint32_t status)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_MODIFY_CHANNEL_RESPONSE);
    m.u.modify_channel_response.child_relid = relid;
    m.u.modify_channel_response.status = status;
    return th_feed(t, &m);
}

/* ---- guest steps ------------------------------------------------------------------------- */

/* Connect proposing versions vs[0..n) with features; no check. */
static inline enum vmbp_status th_connect(struct th *t, const uint32_t *vs, uint32_t n,
                                          uint32_t features)
{
    struct vmbp_conn_connect c;

    memset(&c, 0, sizeof(c));
    c.versions = vs;
    c.nversions = n;
    c.features = features;
    c.target_sint = VMBP_MSG_SINT;
    c.target_vp = 1;
    return vmbp_conn_guest_connect(&t->g, &c, &t->out);
}

/* Connected at `v` with `features` granted, offers requested and (if `all`) delivered. */
static inline void th_up(struct th *t, uint32_t v, uint32_t features, bool all)
{
    if (th_connect(t, &v, 1, features) != VMBP_OK ||
        th_version(t, 1, 0, 0x2001, vmbp_version_has_feature_flags(v), features) != VMBP_OK ||
        vmbp_conn_guest_request_offers(&t->g, &t->out) != VMBP_OK ||
        (all && th_empty(t, VMBP_MSG_ALL_OFFERS_DELIVERED) != VMBP_OK))
        abort();
    th_out_reset(t);
}

/* Create a GPADL of `pages` pages on relid; returns the status, the handle in *h. */
static inline enum vmbp_status th_gpadl(struct th *t, uint32_t relid, uint32_t handle,
                                        uint32_t pages, uint8_t purpose, uint8_t mem,
                                        uint32_t *h)
{
    struct vmbp_conn_gpadl_params p;
    struct vmbp_gpa_range r;

    memset(&p, 0, sizeof(p));
    r.byte_offset = 0;
    r.byte_count = pages * 4096u;
    r.pfns = t->pfns;
    p.relid = relid;
    p.handle = handle;
    p.ranges = &r;
    p.nranges = 1;
    p.purpose = purpose;
    p.mem = mem;
    return vmbp_conn_guest_gpadl_create(&t->g, &p, h, &t->out);
}

/* A created ring GPADL of 4 pages in private memory: its handle. */
static inline uint32_t th_ring(struct th *t, uint32_t relid)
{
    uint32_t h = 0;

    if (th_gpadl(t, relid, 0, 4, VMBP_CONN_GPADL_RING, VMBP_CONFIDENTIAL_MEM_PRIVATE, &h) !=
            VMBP_OK ||
        th_created(t, relid, h, 0) != VMBP_OK)
        abort();
    th_out_reset(t);
    return h;
}

static inline enum vmbp_status th_open(struct th *t, uint32_t relid, uint32_t open_id,
                                       uint32_t ring, uint32_t offset)
{
    struct vmbp_conn_open_params p;

    memset(&p, 0, sizeof(p));
    p.relid = relid;
    p.open_id = open_id;
    p.ring_gpadl = ring;
    p.downstream_offset = offset;
    p.target_vp = 0;
    return vmbp_conn_guest_open(&t->g, &p, &t->out);
}

/* An open channel relid (offered, ring created, opened). */
static inline uint32_t th_open_chan(struct th *t, uint32_t relid)
{
    uint32_t ring;

    if (th_offer(t, relid, (uint8_t)relid, 0, 0) != VMBP_OK)
        abort();
    ring = th_ring(t, relid);
    if (th_open(t, relid, relid, ring, 2) != VMBP_OK ||
        th_open_result(t, relid, relid, 0) != VMBP_OK)
        abort();
    th_out_reset(t);
    return ring;
}

/* The last event appended, or NULL. */
static inline const struct vmbp_conn_event *th_last_event(const struct th *t)
{
    return t->out.nevents ? &t->out.events[t->out.nevents - 1u] : NULL;
}

static inline bool th_has_event(const struct th *t, enum vmbp_conn_event_kind k, uint32_t relid)
{
    uint32_t i;

    for (i = 0; i < t->out.nevents; i++)
        if (t->out.events[i].kind == k && (relid == 0 || t->out.events[i].relid == relid))
            return true;
    return false;
}

/* Type of message i of the output. */
static inline uint32_t th_msg_type(const struct th *t, uint32_t i)
{
    return i < t->out.nmsgs ? t->out.msgs[i].data[0] : 0u;
}

static inline bool th_rule(const struct th *t, const char *rule)
{
    const char *r = vmbp_conn_guest_last_rule(&t->g);

    return r && strcmp(r, rule) == 0;
}

/* ---- the host machine -------------------------------------------------------------------- */

static inline void th_host(struct th *t, uint32_t max_version, uint32_t features)
{
    struct vmbp_conn_host_config cfg;

    memset(&cfg, 0, sizeof(cfg));
    cfg.channels = t->hc;
    cfg.nchannels = TH_NCHAN;
    cfg.gpadls = t->hg;
    cfg.ngpadls = TH_NGPADL;
    cfg.words = t->words;
    cfg.words_per_gpadl = TH_WORDS;
    cfg.max_version = max_version;
    cfg.features = features;
    cfg.msg_conn_id = 0x2001;
    if (vmbp_conn_host_init(&t->h, &cfg) != VMBP_OK)
        abort();
}

/* A guest message (bytes from an encoded vmbp_msg) to the host. */
static inline enum vmbp_status th_hfeed(struct th *t, const struct vmbp_msg *m, bool trusted)
{
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0;

    if (vmbp_msg_encode(m, buf, sizeof(buf), &len) != VMBP_OK)
        abort();
    return vmbp_conn_host_receive_bytes(&t->h, buf, len, trusted, &t->out);
}

/* INITIATE_CONTACT of version v with features, SINT 2, no monitor pages. */
static inline enum vmbp_status th_hcontact(struct th *t, uint32_t v, uint32_t features,
                                           bool trusted)
{
    struct vmbp_msg m;

    th_msg(&m, VMBP_MSG_INITIATE_CONTACT);
    m.u.initiate_contact.version_requested = v;
    m.u.initiate_contact.feature_flags = vmbp_version_has_feature_flags(v) ? features : 0;
    m.u.initiate_contact.target_sint = vmbp_version_has_target_sint(v) ? VMBP_MSG_SINT : 0;
    m.u.initiate_contact.variant =
        vmbp_msg_initiate_contact_variant(v, m.u.initiate_contact.feature_flags);
    m.variant = m.u.initiate_contact.variant;
    return th_hfeed(t, &m, trusted);
}

/* Deliver every message of t->out to the other side, in order, until both are quiet;
 * returns the first refusal, or VMBP_OK. */
static inline enum vmbp_status th_pump(struct th *t, bool trusted)
{
    static struct vmbp_conn_msg q[TH_MSGS];
    uint32_t n, i, round;
    enum vmbp_status first = VMBP_OK;

    for (round = 0; round < 64 && t->out.nmsgs; round++) {
        n = t->out.nmsgs;
        memcpy(q, t->out.msgs, n * sizeof(q[0]));
        t->out.nmsgs = 0;
        for (i = 0; i < n; i++) {
            enum vmbp_status st;
            const struct vmbp_msg_type_info *ti = vmbp_msg_type_lookup(q[i].data[0]);

            if (ti && ti->dir == VMBP_DIR_GUEST_TO_HOST)
                st = vmbp_conn_host_receive_bytes(&t->h, q[i].data, q[i].len, trusted, &t->out);
            else
                st = vmbp_conn_guest_receive_bytes(&t->g, q[i].data, q[i].len, &t->out);
            if (st != VMBP_OK && first == VMBP_OK)
                first = st;
        }
    }
    return first;
}

static inline bool th_hrule(const struct th *t, const char *rule)
{
    const char *r = vmbp_conn_host_last_rule(&t->h);

    return r && strcmp(r, rule) == 0;
}

#endif /* VMBP_TESTS_CONN_HARNESS_H */
