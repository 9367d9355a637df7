/* SPDX-License-Identifier: MIT */
/*
 * fuzz_conn_guest: the guest machine (vmbp_conn.h) against a hostile host. The
 * input (fuzz_conn.h) is a sequence of guest actions and host messages; the messages are
 * built from the machine's own state (channel IDs, GPADL handles and open IDs it knows,
 * near misses, and values it does not know), so the engine spends its time on valid
 * messages in the wrong order, not on framing. Some are fed as bytes, some decoded by the
 * caller with a richer negotiated state than the machine's, and some as raw bytes.
 * With FZC_GCFG_REPLAY the guest's own messages are built the same way and replayed.
 *
 * Contracts, after every step (spec/conn.md):
 *   - the invariants hold (vmbp_conn_guest_check(), VMBP-CONN-129);
 *   - a refused call changed nothing: the machine and its tables are byte-for-byte what
 *     they were, nothing was appended, and the refusal names a rule (VMBP-CONN-102);
 *   - an accepted call names no rule, and every event it reports answers exactly one
 *     pending request (the ledger: no result nobody asked for, none delivered twice).
 */
#include "fuzz_conn.h"

#include <vmbus_proto/devices.h>

#include "fuzz_util.h"
#include "../reference/vmbp_conn_priv.h" /* the machine's flag bits */

#define NCHAN_MAX 8u
#define NGPADL_MAX 12u
#define OUT_MSGS 16u
#define OUT_EVENTS VMBP_CONN_GUEST_EVENTS_MAX(NCHAN_MAX, NGPADL_MAX)

struct state {
    struct vmbp_conn_guest g;
    struct vmbp_conn_gchan gc[NCHAN_MAX];
    struct vmbp_conn_ggpadl gg[NGPADL_MAX];
    struct vmbp_conn_msg msgs[OUT_MSGS];
    struct vmbp_conn_event events[OUT_EVENTS];
    struct fzc_ledger ledger;
    struct vmbp_confidential_plan plan;
    uint32_t nchan, ngpadl;
    uint32_t small_out;     /* capacity of the next call's output + 1 (0: full) */
    uint32_t last_released; /* a channel ID the guest released: a stale name */
    uint64_t pfns[16];
    bool replay;
};

static struct state S;

struct snap {
    struct vmbp_conn_guest g;
    struct vmbp_conn_gchan gc[NCHAN_MAX];
    struct vmbp_conn_ggpadl gg[NGPADL_MAX];
};

FZ_NOCOV static void snap_take(struct snap *s)
{
    memcpy(&s->g, &S.g, sizeof(s->g));
    memcpy(s->gc, S.gc, sizeof(s->gc));
    memcpy(s->gg, S.gg, sizeof(s->gg));
    s->g.rule = NULL;
}

FZ_NOCOV static bool snap_same(const struct snap *s)
{
    struct vmbp_conn_guest now;

    memcpy(&now, &S.g, sizeof(now));
    now.rule = NULL;
    return memcmp(&now, &s->g, sizeof(now)) == 0 && memcmp(S.gc, s->gc, sizeof(S.gc)) == 0 &&
           memcmp(S.gg, s->gg, sizeof(S.gg)) == 0;
}

/* An output for one call: the full arrays, or a tiny one (VMBP_E_NOSPACE paths). */
static void out_for_call(struct vmbp_conn_out *out)
{
    uint32_t cap = S.small_out ? S.small_out - 1u : 0u;

    vmbp_conn_out_init(out, S.msgs, S.small_out ? cap : OUT_MSGS, S.events,
                       S.small_out ? cap : OUT_EVENTS);
    S.small_out = 0;
}

/* Monitor pages the host gave pass the check of VMBP-CONF-015 (VMBP-CONN-140). */
FZ_NOCOV static void monitor_pages_usable(const char *what)
{
    struct vmbp_confidential_plan pl;
    uint64_t p1 = 0, p2 = 0;

    if (vmbp_conn_guest_monitor_pages(&S.g, &p1, &p2) != VMBP_OK ||
        !(S.g.flags & VMBP_PRIV_CONN_G_HOST_PAGES))
        return;
    memset(&pl, 0, sizeof(pl));
    pl.isolated = S.g.isolated != 0;
    pl.confidential = S.g.confidential != 0;
    FZ_CHECK(vmbp_confidential_monitor_pages_check(&pl, S.g.boundary, p1, p2) == VMBP_OK,
             "%s left monitor pages 0x%llx 0x%llx in use", what, (unsigned long long)p1,
             (unsigned long long)p2);
}

/* Check a call: refused changes nothing, accepted events settle the ledger. */
FZ_NOCOV static void settle(const struct snap *before, const struct vmbp_conn_out *out,
                            enum vmbp_status st, const char *what)
{
    uint32_t i;

    FZ_CHECK(vmbp_conn_guest_check(&S.g) == VMBP_OK, "invariants broken by %s (0x%x)", what,
             (unsigned)st);
    if (st != VMBP_OK) {
        FZ_CHECK(snap_same(before), "refused %s (%s) changed the machine", what,
                 vmbp_status_name(st));
        FZ_CHECK(out->nmsgs == 0 && out->nevents == 0, "refused %s left output", what);
        FZ_CHECK(st == VMBP_E_INVAL || st == VMBP_E_NOSPACE || vmbp_conn_guest_last_rule(&S.g),
                 "refused %s (%s) names no rule", what, vmbp_status_name(st));
        return;
    }
    FZ_CHECK(vmbp_conn_guest_last_rule(&S.g) == NULL, "accepted %s names a rule", what);
    monitor_pages_usable(what);
    for (i = 0; i < out->nevents; i++)
        FZ_CHECK(fzc_ledger_event(&S.ledger, &out->events[i]),
                 "%s: event %s (relid %u gpadl 0x%x req %u) answers nothing pending", what,
                 vmbp_conn_event_name((enum vmbp_conn_event_kind)out->events[i].kind),
                 out->events[i].relid, out->events[i].gpadl, out->events[i].request);
    for (i = 0; i < out->nmsgs; i++)
        FZ_CHECK(out->msgs[i].len >= 8u && out->msgs[i].len <= VMBP_SYNIC_MESSAGE_PAYLOAD_MAX,
                 "%s emitted a %u-byte message", what, out->msgs[i].len);
}

/* ---- picks from the machine's own state -------------------------------------------------- */

static uint32_t pick_relid(uint8_t a)
{
    uint32_t i, n = 0, k;

    switch (a % 5u) {
    case 0:
    case 1:
        for (i = 0; i < S.nchan; i++)
            n += S.gc[i].relid != 0;
        if (n == 0)
            return (uint32_t)(a >> 3) % 6u + 1u;
        k = (uint32_t)(a >> 3) % n;
        for (i = 0; i < S.nchan; i++)
            if (S.gc[i].relid && k-- == 0)
                return S.gc[i].relid;
        return 1;
    case 2:
        return (uint32_t)(a >> 3) % 6u + 1u;
    case 3:
        return S.last_released ? S.last_released : 2u;
    default:
        return (uint32_t)a * 9u + 1u; /* up to 2296: some past 2047 */
    }
}

static uint32_t pick_handle(uint8_t a, uint32_t *relid)
{
    uint32_t i, n = 0, k;

    if (a % 4u == 3u)
        return (a & 0x10u) ? 0u : VMBP_CONN_GPADL_HANDLE_FIRST + (uint32_t)(a >> 5);
    for (i = 0; i < S.ngpadl; i++)
        n += S.gg[i].handle != 0;
    if (n == 0)
        return VMBP_CONN_GPADL_HANDLE_FIRST + (uint32_t)(a >> 5);
    k = (uint32_t)(a >> 2) % n;
    for (i = 0; i < S.ngpadl; i++)
        if (S.gg[i].handle && k-- == 0) {
            if (relid && a % 4u != 2u)
                *relid = S.gg[i].relid;
            return S.gg[i].handle;
        }
    return 1;
}

static uint32_t chan_open_id(uint32_t relid)
{
    uint32_t i;

    for (i = 0; i < S.nchan; i++)
        if (S.gc[i].relid == relid)
            return S.gc[i].open_id;
    return 0;
}

/* ---- host messages ------------------------------------------------------------------------ */

static const uint32_t host_types[] = {VMBP_MSG_VERSION_RESPONSE,
                                      VMBP_MSG_OFFER_CHANNEL,
                                      VMBP_MSG_ALL_OFFERS_DELIVERED,
                                      VMBP_MSG_RESCIND_CHANNEL_OFFER,
                                      VMBP_MSG_OPEN_CHANNEL_RESULT,
                                      VMBP_MSG_GPADL_CREATED,
                                      VMBP_MSG_GPADL_TORNDOWN,
                                      VMBP_MSG_MODIFY_CHANNEL_RESPONSE,
                                      VMBP_MSG_MODIFY_CONNECTION_RESPONSE,
                                      VMBP_MSG_PAUSE_RESPONSE,
                                      VMBP_MSG_UNLOAD_COMPLETE,
                                      VMBP_MSG_TL_CONNECT_RESULT,
                                      VMBP_MSG_CLOSE_RESERVED_RESPONSE,
                                      VMBP_MSG_REQUEST_OFFERS /* wrong direction */};

static void build_host_msg(const uint8_t *a, struct vmbp_msg *m)
{
    uint32_t type = host_types[a[0] % (sizeof(host_types) / sizeof(host_types[0]))];
    uint32_t relid = pick_relid(a[1]);

    memset(m, 0, sizeof(*m));
    m->type = type;
    m->variant = vmbp_msg_type_newest_variant(type);
    switch (type) {
    case VMBP_MSG_VERSION_RESPONSE: {
        struct vmbp_version_response *v = &m->u.version_response;

        v->variant =
            (a[2] & 1u) ? VMBP_MSGV_VERSION_RESPONSE_FEATURES : VMBP_MSGV_VERSION_RESPONSE;
        if ((a[2] & 0x21u) == 0x21u) { /* the 40-byte form: pages good, bad, or either side
                                        * of the boundary */
            static const uint64_t pages[8] = {
                0, 0x6000, 0x7000, 0x6080, 0x100000, 0x101000, 0x100000 | 0x7000, 0x1234};

            v->variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
            v->parent_to_child_monitor_gpa = pages[a[5] & 7u];
            v->child_to_parent_monitor_gpa = pages[(a[5] >> 3) & 7u];
        }
        v->version_supported = (uint8_t)((a[2] & 2u) ? 0u : 1u);
        v->connection_state = (uint8_t)((a[2] & 4u) ? a[3] % 3u : 0u);
        v->msg_conn_id = (a[2] & 8u) ? 0u : (a[2] & 16u) ? 0x1000000u : 0x2000u + a[3];
        v->supported_features = a[4];
        m->variant = v->variant;
        break;
    }
    case VMBP_MSG_OFFER_CHANNEL: {
        struct vmbp_offer *o = &m->u.offer;

        o->variant = VMBP_MSGV_OFFER_CHANNEL;
        /* SCSI, which an isolated VM takes, or a class it refuses (VMBP-DEV-001) */
        if (a[5] & 8u)
            o->interface_type.bytes[0] = 0x11;
        else
            o->interface_type = vmbp_device_lookup(VMBP_DEVICE_SCSI)->guid;
        o->interface_instance.bytes[0] = (uint8_t)(a[2] % 4u);
        o->sub_channel_index = (uint16_t)(a[3] % 3u);
        o->flags = (uint16_t)(a[4] & 0x1Fu);
        o->child_relid = relid;
        o->monitor_id = (a[5] & 1u) ? 200u : VMBP_MONITOR_ID_INVALID;
        o->monitor_allocated = (uint8_t)((a[5] >> 1) & 1u);
        o->is_dedicated_interrupt = 1;
        o->connection_id = (a[5] & 4u) ? 0x1000000u : relid;
        break;
    }
    case VMBP_MSG_RESCIND_CHANNEL_OFFER:
        m->u.rescind.child_relid = relid;
        break;
    case VMBP_MSG_OPEN_CHANNEL_RESULT:
        m->u.open_result.child_relid = relid;
        m->u.open_result.open_id = (a[2] & 1u) ? a[3] : chan_open_id(relid);
        m->u.open_result.status = (a[2] & 2u) ? VMBP_NTSTATUS_UNSUCCESSFUL : 0u;
        break;
    case VMBP_MSG_GPADL_CREATED:
        m->u.gpadl_created.gpadl = pick_handle(a[2], &relid);
        m->u.gpadl_created.child_relid = relid;
        m->u.gpadl_created.creation_status = (a[3] & 1u) ? VMBP_NTSTATUS_UNSUCCESSFUL : 0u;
        break;
    case VMBP_MSG_GPADL_TORNDOWN:
        m->u.gpadl_torndown.gpadl = pick_handle(a[2], NULL);
        break;
    case VMBP_MSG_MODIFY_CHANNEL_RESPONSE:
        m->u.modify_channel_response.child_relid = relid;
        m->u.modify_channel_response.status = (a[2] & 1u) ? VMBP_NTSTATUS_UNSUCCESSFUL : 0u;
        break;
    case VMBP_MSG_MODIFY_CONNECTION_RESPONSE:
        m->u.modify_connection_response.connection_state = (uint8_t)(a[2] % 3u);
        break;
    case VMBP_MSG_TL_CONNECT_RESULT:
        m->u.tl_connect_result.status = VMBP_NTSTATUS_CONNECTION_REFUSED;
        break;
    case VMBP_MSG_CLOSE_RESERVED_RESPONSE:
        m->u.close_reserved_response.child_relid = relid;
        break;
    default: /* header-only types */
        m->u.empty.type = type;
        break;
    }
}

static void op_host_msg(const uint8_t *a)
{
    struct vmbp_conn_out out;
    struct vmbp_msg m, d;
    struct vmbp_ctx rich = {VMBP_VERSION_6_0, VMBP_FEATURES_KNOWN};
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0;
    struct snap before;
    enum vmbp_status st;

    build_host_msg(a, &m);
    if (vmbp_msg_encode(&m, buf, sizeof(buf), &len) != VMBP_OK)
        return; /* a combination the encoder refuses (e.g. a field it checks) */
    out_for_call(&out);
    snap_take(&before);
    /* the caller's own decode, with a richer context than negotiated: the machine gates */
    if ((a[5] & 0xC0u) == 0xC0u &&
        vmbp_msg_decode(buf, len, &rich, VMBP_DIR_ANY, &d) == VMBP_OK)
        st = vmbp_conn_guest_receive(&S.g, &d, &out);
    else
        st = vmbp_conn_guest_receive_bytes(&S.g, buf, len, &out);
    settle(&before, &out, st, vmbp_msg_type_name(m.type));
}

static void op_raw(struct fz *in, uint8_t n)
{
    struct vmbp_conn_out out;
    uint8_t buf[256];
    struct snap before;
    enum vmbp_status st;
    uint32_t i;

    for (i = 0; i < n; i++)
        buf[i] = fz_u8(in);
    out_for_call(&out);
    snap_take(&before);
    st = vmbp_conn_guest_receive_bytes(&S.g, buf, n, &out);
    settle(&before, &out, st, "raw bytes");
}

/* ---- guest actions (or their messages replayed) ------------------------------------------- */

static void op_connect(const uint8_t *a, struct vmbp_conn_out *out, enum vmbp_status *st)
{
    struct vmbp_conn_connect c;
    uint32_t vs[11];

    memset(&c, 0, sizeof(c));
    c.nversions = fzc_versions(a[0], a[2], vs);
    c.versions = (a[3] & 1u) ? NULL : vs;
    if (a[3] & 2u) { /* not newest first */
        uint32_t t = vs[0];

        vs[0] = vs[c.nversions - 1u];
        vs[c.nversions - 1u] = t;
    }
    c.features = a[1];
    c.target_sint = (a[3] & 4u) ? 16u : VMBP_MSG_SINT;
    c.monitor_page1 = (a[3] & 8u) ? 0x10000u : 0u;
    c.monitor_page2 = (a[3] & 16u) ? 0x11000u : 0u;
    *st = vmbp_conn_guest_connect(&S.g, &c, out);
    if (*st == VMBP_OK)
        S.ledger.contact = 1;
}

static void op_gpadl(const uint8_t *a, struct vmbp_conn_out *out, enum vmbp_status *st)
{
    struct vmbp_conn_gpadl_params p;
    struct vmbp_conn_chan_info ci;
    struct vmbp_gpa_range r[2];
    uint32_t handle = 0, pages = (uint32_t)a[1] % 7u;

    memset(&p, 0, sizeof(p));
    p.relid = pick_relid(a[0]);
    p.purpose = (uint8_t)(a[2] % 3u); /* 0 is not a purpose */
    p.mem = VMBP_CONFIDENTIAL_MEM_PRIVATE;
    if (vmbp_conn_guest_chan(&S.g, p.relid, &ci) == VMBP_OK)
        p.mem = p.purpose == VMBP_CONN_GPADL_RING ? ci.mem.ring : ci.mem.gpadl;
    if (a[2] & 0x10u)
        p.mem = (uint8_t)((a[2] >> 5) % 5u);
    r[0].byte_offset = (a[2] & 8u) ? 8u : 0u;
    r[0].byte_count = pages * 4096u;
    r[0].pfns = S.pfns;
    r[1] = r[0];
    p.ranges = r;
    p.nranges = (a[2] & 4u) ? 2u : 1u;
    p.handle = (a[3] & 1u) ? pick_handle(a[4], NULL) : 0u;
    *st = vmbp_conn_guest_gpadl_create(&S.g, &p, &handle, out);
    if (*st == VMBP_OK)
        FZ_CHECK(fzc_gpadl_add(&S.ledger, handle, VMBP_CONN_REQ_GPADL_CREATE),
                 "GPADL 0x%x pending twice", handle);
}

static void op_open(const uint8_t *a, struct vmbp_conn_out *out, enum vmbp_status *st)
{
    struct vmbp_conn_open_params p;
    uint32_t r = 0;

    memset(&p, 0, sizeof(p));
    p.relid = pick_relid(a[0]);
    r = p.relid;
    p.ring_gpadl = pick_handle(a[1], &r);
    p.downstream_offset = (uint32_t)a[2] % 5u;
    p.open_id = a[3];
    p.target_vp = (a[4] & 1u) ? VMBP_VP_INDEX_DISABLE_INTERRUPT : 0u;
    p.event_flag = (a[4] & 2u) ? 3u : 0u;
    *st = vmbp_conn_guest_open(&S.g, &p, out);
    if (*st == VMBP_OK) {
        FZ_CHECK(!S.ledger.open[p.relid], "open of %u twice", p.relid);
        S.ledger.open[p.relid] = 1;
    }
}

static void guest_action(uint8_t op, const uint8_t *a)
{
    struct vmbp_conn_out out;
    struct snap before;
    enum vmbp_status st = VMBP_E_INVAL;
    uint32_t relid = 0, handle;
    static const uint16_t hv[] = {VMBP_HV_STATUS_INSUFFICIENT_BUFFERS,
                                  VMBP_HV_STATUS_INVALID_CONNECTION_ID,
                                  VMBP_HV_STATUS_ACCESS_DENIED, VMBP_HV_STATUS_SUCCESS};

    out_for_call(&out);
    snap_take(&before);
    switch (op) {
    case FZC_G_CONNECT:
        op_connect(a, &out, &st);
        break;
    case FZC_G_CONTACT_FAILED:
        st = vmbp_conn_guest_contact_failed(&S.g, hv[a[0] % 4u], &out);
        break;
    case FZC_G_REQUEST_OFFERS:
        st = vmbp_conn_guest_request_offers(&S.g, &out);
        break;
    case FZC_G_GPADL_CREATE:
        op_gpadl(a, &out, &st);
        break;
    case FZC_G_GPADL_TEARDOWN:
        handle = pick_handle(a[0], &relid);
        st = vmbp_conn_guest_gpadl_teardown(&S.g, relid ? relid : pick_relid(a[1]), handle,
                                            &out);
        if (st == VMBP_OK)
            FZ_CHECK(fzc_gpadl_add(&S.ledger, handle, VMBP_CONN_REQ_GPADL_TEARDOWN),
                     "teardown of 0x%x twice", handle);
        break;
    case FZC_G_OPEN:
        op_open(a, &out, &st);
        break;
    case FZC_G_CLOSE:
        st = vmbp_conn_guest_close(&S.g, pick_relid(a[0]), &out);
        break;
    case FZC_G_RELEASE:
        relid = pick_relid(a[0]);
        st = vmbp_conn_guest_release(&S.g, relid, &out);
        if (st == VMBP_OK)
            S.last_released = relid;
        break;
    case FZC_G_MODIFY:
        relid = pick_relid(a[0]);
        st = vmbp_conn_guest_modify_channel(&S.g, relid, (a[1] & 0x80u) ? 0xFFFFFFFFu : a[1],
                                            &out);
        if (st == VMBP_OK && vmbp_version_has_modify_channel_response(S.g.ctx.version)) {
            FZ_CHECK(!S.ledger.modify[relid], "modify of %u twice", relid);
            S.ledger.modify[relid] = 1;
        }
        break;
    case FZC_G_MODIFY_CONN:
        st = vmbp_conn_guest_modify_connection(&S.g, (a[0] & 1u) ? 0x30000u : 0u,
                                               (a[0] & 2u) ? 0x31000u : 0u, &out);
        if (st == VMBP_OK)
            S.ledger.modify_conn = 1;
        break;
    case FZC_G_PAUSE:
        st = vmbp_conn_guest_pause(&S.g, &out);
        if (st == VMBP_OK)
            S.ledger.pause = 1;
        break;
    case FZC_G_RESUME:
        st = vmbp_conn_guest_resume(&S.g, &out);
        break;
    case FZC_G_UNLOAD:
        st = vmbp_conn_guest_unload(&S.g, &out);
        if (st == VMBP_OK)
            S.ledger.unload = 1;
        break;
    default:
        return;
    }
    settle(&before, &out, st, "a guest action");
}

/* Replay mode: the guest's actions arrive as its messages (vmbp_conn_guest_replay()). */
static void guest_replay(uint8_t op, const uint8_t *a)
{
    struct vmbp_conn_out out;
    struct vmbp_msg m;
    struct snap before;
    enum vmbp_status st;
    uint32_t relid = pick_relid(a[0]), handle = 0;

    memset(&m, 0, sizeof(m));
    switch (op) {
    case FZC_G_CONNECT: {
        static const uint32_t vs[] = {VMBP_VERSION_6_0, VMBP_VERSION_5_3, VMBP_VERSION_5_0,
                                      VMBP_VERSION_4_1, VMBP_VERSION_3_0, VMBP_VERSION_1_1};
        struct vmbp_initiate_contact *ic = &m.u.initiate_contact;

        ic->version_requested = vs[a[0] % 6u];
        ic->feature_flags = vmbp_version_has_feature_flags(ic->version_requested)
                                ? (uint32_t)(a[1] & ~(uint32_t)VMBP_FEATURE_CLIENT_ID)
                                : 0u;
        ic->target_sint = VMBP_MSG_SINT;
        ic->variant =
            vmbp_msg_initiate_contact_variant(ic->version_requested, ic->feature_flags);
        m.type = VMBP_MSG_INITIATE_CONTACT;
        m.variant = ic->variant;
        break;
    }
    case FZC_G_REQUEST_OFFERS:
    case FZC_G_PAUSE:
    case FZC_G_RESUME:
    case FZC_G_UNLOAD:
        m.type = op == FZC_G_REQUEST_OFFERS ? VMBP_MSG_REQUEST_OFFERS
                 : op == FZC_G_PAUSE        ? VMBP_MSG_PAUSE
                 : op == FZC_G_RESUME       ? VMBP_MSG_RESUME
                                            : VMBP_MSG_UNLOAD;
        m.variant = vmbp_msg_type_newest_variant(m.type);
        m.u.empty.type = m.type;
        break;
    case FZC_G_GPADL_CREATE: {
        struct vmbp_gpadl_header *h = &m.u.gpadl_header;
        uint32_t pages = (uint32_t)a[1] % 40u + 1u, i;

        m.type = VMBP_MSG_GPADL_HEADER;
        h->child_relid = relid;
        h->gpadl = (a[3] & 1u) ? pick_handle(a[4], NULL) : 0x200u + a[4];
        h->rangecount = 1;
        h->range_buflen = (uint16_t)(8u * (pages + 1u));
        h->nwords = pages + 1u < 27u ? pages + 1u : 27u;
        h->words[0] = VMBP_GPA_RANGE_WORD(pages * 4096u, 0u);
        for (i = 1; i < h->nwords; i++)
            h->words[i] = 0x100u + i;
        break;
    }
    case FZC_G_GPADL_TEARDOWN:
        m.type = VMBP_MSG_GPADL_TEARDOWN;
        m.u.gpadl_teardown.gpadl = pick_handle(a[1], &relid);
        m.u.gpadl_teardown.child_relid = relid;
        break;
    case FZC_G_OPEN:
        m.type = VMBP_MSG_OPEN_CHANNEL;
        m.u.open_channel.child_relid = relid;
        m.u.open_channel.ring_buffer_gpadl = pick_handle(a[1], NULL);
        m.u.open_channel.downstream_ring_buffer_page_offset = (uint32_t)a[2] % 5u + 1u;
        m.u.open_channel.open_id = a[3];
        break;
    case FZC_G_CLOSE:
        m.type = VMBP_MSG_CLOSE_CHANNEL;
        m.u.close_channel.child_relid = relid;
        break;
    case FZC_G_RELEASE:
        m.type = VMBP_MSG_RELID_RELEASED;
        m.u.relid_released.child_relid = relid;
        break;
    case FZC_G_MODIFY:
        m.type = VMBP_MSG_MODIFY_CHANNEL;
        m.u.modify_channel.child_relid = relid;
        m.u.modify_channel.target_vp = a[1];
        break;
    case FZC_G_MODIFY_CONN:
        m.type = VMBP_MSG_MODIFY_CONNECTION;
        m.u.modify_connection.parent_to_child_monitor_gpa = 0x30000u;
        m.u.modify_connection.child_to_parent_monitor_gpa = 0x31000u;
        break;
    case FZC_G_CONTACT_FAILED: { /* a GPADL_BODY */
        m.type = VMBP_MSG_GPADL_BODY;
        m.u.gpadl_body.gpadl = pick_handle(a[1], NULL);
        m.u.gpadl_body.nwords = (uint32_t)a[2] % 29u;
        break;
    }
    default:
        return;
    }
    if (m.variant == VMBP_MSGV_NONE)
        m.variant = vmbp_msg_type_newest_variant(m.type);
    if (m.type == VMBP_MSG_OPEN_CHANNEL)
        m.u.open_channel.variant = m.variant;
    out_for_call(&out);
    snap_take(&before);
    handle = m.type == VMBP_MSG_GPADL_HEADER     ? m.u.gpadl_header.gpadl
             : m.type == VMBP_MSG_GPADL_TEARDOWN ? m.u.gpadl_teardown.gpadl
                                                 : 0u;
    st = vmbp_conn_guest_replay(&S.g, &m, &out);
    if (st == VMBP_OK) {
        switch (m.type) {
        case VMBP_MSG_INITIATE_CONTACT:
            S.ledger.contact = 1;
            break;
        case VMBP_MSG_GPADL_HEADER:
            FZ_CHECK(fzc_gpadl_add(&S.ledger, handle, VMBP_CONN_REQ_GPADL_CREATE), "header");
            break;
        case VMBP_MSG_GPADL_TEARDOWN:
            FZ_CHECK(fzc_gpadl_add(&S.ledger, handle, VMBP_CONN_REQ_GPADL_TEARDOWN),
                     "teardown");
            break;
        case VMBP_MSG_OPEN_CHANNEL:
            S.ledger.open[relid] = 1;
            break;
        case VMBP_MSG_MODIFY_CHANNEL:
            if (vmbp_version_has_modify_channel_response(S.g.ctx.version))
                S.ledger.modify[relid] = 1;
            break;
        case VMBP_MSG_MODIFY_CONNECTION:
            S.ledger.modify_conn = 1;
            break;
        case VMBP_MSG_PAUSE:
            S.ledger.pause = 1;
            break;
        case VMBP_MSG_UNLOAD:
            S.ledger.unload = 1;
            break;
        case VMBP_MSG_RELID_RELEASED:
            S.last_released = relid;
            break;
        default:
            break;
        }
    }
    settle(&before, &out, st, "a replayed guest message");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz in = {data, size};
    struct vmbp_conn_guest_config cfg;
    uint8_t c = fz_u8(&in);
    uint32_t n, i;

    memset(&S, 0, sizeof(S));
    for (i = 0; i < 16u; i++)
        S.pfns[i] = 0x2000u + i;
    S.replay = (c & FZC_GCFG_REPLAY) != 0;
    S.nchan = (c & FZC_GCFG_SMALL) ? 3u : NCHAN_MAX;
    S.ngpadl = (c & FZC_GCFG_SMALL) ? 4u : NGPADL_MAX;
    memset(&cfg, 0, sizeof(cfg));
    cfg.channels = S.gc;
    cfg.nchannels = S.nchan;
    cfg.gpadls = S.gg;
    cfg.ngpadls = S.ngpadl;
    cfg.flags = S.replay ? VMBP_CONN_GUEST_F_REPLAY : 0u;
    cfg.shared_gpa_boundary = (c & FZC_GCFG_BOUNDARY) ? 0x100000u : 0u;
    if (c & (FZC_GCFG_ISOLATED | FZC_GCFG_CONFIDENTIAL | FZC_GCFG_PROBE)) {
        S.plan.isolated = (c & FZC_GCFG_ISOLATED) != 0;
        S.plan.confidential = (c & FZC_GCFG_CONFIDENTIAL) != 0;
        S.plan.request_confidential_channels = S.plan.confidential;
        S.plan.mode =
            (uint8_t)((c & FZC_GCFG_PROBE)          ? VMBP_CONFIDENTIAL_MODE_PROBE
                      : (c & FZC_GCFG_CONFIDENTIAL) ? VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL
                                                    : VMBP_CONFIDENTIAL_MODE_RELAY);
        cfg.plan = &S.plan;
    }
    FZ_CHECK(vmbp_conn_guest_init(&S.g, &cfg) == VMBP_OK, "init");
    for (n = 0; n < FZC_MAX_OPS && in.n > 0; n++) {
        uint8_t op = (uint8_t)(fz_u8(&in) % FZC_G_OP_COUNT), a[FZC_ARGS];

        for (i = 0; i < FZC_ARGS; i++)
            a[i] = fz_u8(&in);
        if (fz_trace())
            fprintf(stderr, "op %u (%u %u %u %u)\n", op, a[0], a[1], a[2], a[3]);
        switch (op) {
        case FZC_G_HOST_MSG:
            op_host_msg(a);
            break;
        case FZC_G_RAW:
            op_raw(&in, a[0]);
            break;
        case FZC_G_SMALL_OUT:
            S.small_out = (uint32_t)a[0] % 4u + 1u;
            break;
        case FZC_G_RESET:
            vmbp_conn_guest_reset(&S.g);
            memset(&S.ledger, 0, sizeof(S.ledger));
            FZ_CHECK(vmbp_conn_guest_check(&S.g) == VMBP_OK, "reset");
            break;
        default:
            if (S.replay)
                guest_replay(op, a); /* FZC_G_CONTACT_FAILED replays a GPADL_BODY */
            else
                guest_action(op, a);
            break;
        }
    }
    return 0;
}
