/* SPDX-License-Identifier: MIT */
/*
 * fuzz_conn_pair: a guest machine and a host machine (vmbp_conn.h) connected by
 * two in-order message queues, driven by a fuzzed scheduler (fuzz_conn.h): it interleaves
 * deliveries in both directions with guest actions, host offers, rescinds at any point,
 * device completions and unloads at any point, and failed posts of INITIATE_CONTACT.
 *
 * Contracts (spec/conn.md):
 *   - each machine refuses its peer's messages only where the protocol has a race: the
 *     host never refuses what the guest machine sends, the guest never refuses what the
 *     host machine sends, but for the answer to a modify its release cancelled
 *     (VMBP-CONN-108, VMBP-CONN-116);
 *   - both machines' invariants hold after every step (VMBP-CONN-129);
 *   - every guest request is answered or cancelled exactly once (the ledger);
 *   - after the queues drain and the host's device completes its work, both sides agree:
 *     connection state, version and features, every channel's state and every GPADL.
 */
#include "fuzz_conn.h"

#include <vmbus_proto/devices.h>

#include "fuzz_util.h"

#define NCHAN 12u
#define NGPADL 32u
#define WORDS 40u
#define QCAP 1024u
#define OUT_MSGS 64u
#define OUT_EVENTS VMBP_CONN_HOST_EVENTS_MAX(NCHAN, NGPADL)

struct queue {
    struct vmbp_conn_msg m[QCAP];
    uint32_t head, n;
};

struct pair {
    struct vmbp_conn_guest g;
    struct vmbp_conn_host h;
    struct vmbp_conn_gchan gc[NCHAN];
    struct vmbp_conn_ggpadl gg[NGPADL];
    struct vmbp_conn_hchan hc[NCHAN];
    struct vmbp_conn_hgpadl hg[NGPADL];
    uint64_t words[NGPADL * WORDS];
    struct queue to_host, to_guest;
    struct vmbp_conn_msg out_msgs[OUT_MSGS];
    struct vmbp_conn_event out_events[OUT_EVENTS];
    struct vmbp_conn_out out;
    struct fzc_ledger ledger;
    struct vmbp_confidential_plan plan;
    uint64_t pfns[16];
    bool trusted;
};

static struct pair P;

FZ_NOCOV static void enqueue(struct queue *q, const struct vmbp_conn_out *out)
{
    uint32_t i;

    for (i = 0; i < out->nmsgs; i++) {
        FZ_CHECK(q->n < QCAP, "queue overflow");
        q->m[(q->head + q->n) % QCAP] = out->msgs[i];
        q->n++;
    }
}

/* The output of a guest call: messages to the host's queue, events to the ledger. */
FZ_NOCOV static void guest_done(enum vmbp_status st)
{
    uint32_t i;

    FZ_CHECK(vmbp_conn_guest_check(&P.g) == VMBP_OK, "guest invariants after 0x%x",
             (unsigned)st);
    FZ_CHECK(st == VMBP_OK || (P.out.nmsgs == 0 && P.out.nevents == 0),
             "refused guest call 0x%x left output", (unsigned)st);
    for (i = 0; i < P.out.nevents; i++)
        FZ_CHECK(fzc_ledger_event(&P.ledger, &P.out.events[i]),
                 "guest event %s (relid %u, "
                 "gpadl 0x%x, request %u) answers nothing pending",
                 vmbp_conn_event_name((enum vmbp_conn_event_kind)P.out.events[i].kind),
                 P.out.events[i].relid, P.out.events[i].gpadl, P.out.events[i].request);
    enqueue(&P.to_host, &P.out);
    vmbp_conn_out_reset(&P.out);
}

FZ_NOCOV static void host_done(enum vmbp_status st)
{
    FZ_CHECK(vmbp_conn_host_check(&P.h) == VMBP_OK, "host invariants after 0x%x", (unsigned)st);
    enqueue(&P.to_guest, &P.out);
    vmbp_conn_out_reset(&P.out);
}

static bool deliver_to_host(void)
{
    struct vmbp_conn_msg *m;
    enum vmbp_status st;

    if (P.to_host.n == 0)
        return false;
    m = &P.to_host.m[P.to_host.head];
    P.to_host.head = (P.to_host.head + 1) % QCAP;
    P.to_host.n--;
    st = vmbp_conn_host_receive_bytes(&P.h, m->data, m->len, P.trusted, &P.out);
    FZ_CHECK(st == VMBP_OK, "host refused the guest's %s: %s (%s)",
             vmbp_msg_type_name(m->data[0]), vmbp_status_name(st),
             vmbp_conn_host_last_rule(&P.h));
    host_done(st);
    return true;
}

static bool deliver_to_guest(void)
{
    struct vmbp_conn_msg *m;
    enum vmbp_status st;
    uint32_t type, relid;

    if (P.to_guest.n == 0)
        return false;
    m = &P.to_guest.m[P.to_guest.head];
    P.to_guest.head = (P.to_guest.head + 1) % QCAP;
    P.to_guest.n--;
    type = m->data[0];
    relid = (uint32_t)m->data[8] | (uint32_t)m->data[9] << 8;
    st = vmbp_conn_guest_receive_bytes(&P.g, m->data, m->len, &P.out);
    if (st == VMBP_E_SEQ_UNKNOWN_RELID && type == VMBP_MSG_MODIFY_CHANNEL_RESPONSE &&
        relid <= VMBP_RELID_MAX && P.ledger.late_modify[relid] > 0) {
        P.ledger.late_modify[relid]--; /* answer to a modify the release cancelled */
    } else {
        FZ_CHECK(st == VMBP_OK, "guest refused the host's %s: %s (%s)",
                 vmbp_msg_type_name(type), vmbp_status_name(st),
                 vmbp_conn_guest_last_rule(&P.g));
    }
    guest_done(st);
    return true;
}

/* Picks among the machines' own tables (the harness owns their memory). */
static uint32_t pick_gchan(uint8_t a)
{
    uint32_t i, n = 0, k;

    for (i = 0; i < NCHAN; i++)
        n += P.gc[i].relid != 0;
    if (n == 0)
        return (uint32_t)a % 4u + 1u; /* a channel that does not exist */
    k = (uint32_t)a % n;
    for (i = 0; i < NCHAN; i++)
        if (P.gc[i].relid && k-- == 0)
            return P.gc[i].relid;
    return 0;
}

static const struct vmbp_conn_ggpadl *pick_ggpadl(uint8_t a, uint32_t relid)
{
    uint32_t i, n = 0, k;

    for (i = 0; i < NGPADL; i++)
        n += P.gg[i].handle != 0 && (!relid || P.gg[i].relid == relid);
    if (n == 0)
        return NULL;
    k = (uint32_t)a % n;
    for (i = 0; i < NGPADL; i++)
        if (P.gg[i].handle && (!relid || P.gg[i].relid == relid) && k-- == 0)
            return &P.gg[i];
    return NULL;
}

static void op_connect(const uint8_t *a)
{
    struct vmbp_conn_connect c;
    uint32_t vs[11];

    memset(&c, 0, sizeof(c));
    c.nversions = fzc_versions(a[0], a[2], vs);
    c.versions = vs;
    c.features = a[1] & VMBP_FEATURES_KNOWN & ~(uint32_t)VMBP_FEATURE_CLIENT_ID;
    c.target_sint = VMBP_MSG_SINT;
    c.target_vp = a[3] & 3u;
    if (a[4] & 1u) {
        c.monitor_page1 = 0x10000;
        c.monitor_page2 = 0x11000;
    }
    if (vmbp_conn_guest_connect(&P.g, &c, &P.out) == VMBP_OK) {
        FZ_CHECK(!P.ledger.contact, "two contacts");
        P.ledger.contact = 1;
        guest_done(VMBP_OK);
    } else {
        guest_done(VMBP_E_STATE);
    }
}

static void op_gpadl(const uint8_t *a)
{
    struct vmbp_conn_gpadl_params p;
    struct vmbp_conn_chan_info ci;
    struct vmbp_gpa_range r;
    uint32_t handle = 0, pages = (uint32_t)a[1] % 6u + 1u;
    enum vmbp_status st;

    memset(&p, 0, sizeof(p));
    p.relid = pick_gchan(a[0]);
    p.purpose = (a[2] & 1u) ? VMBP_CONN_GPADL_BUFFER : VMBP_CONN_GPADL_RING;
    if (vmbp_conn_guest_chan(&P.g, p.relid, &ci) == VMBP_OK)
        p.mem = p.purpose == VMBP_CONN_GPADL_RING ? ci.mem.ring : ci.mem.gpadl;
    else
        p.mem = VMBP_CONFIDENTIAL_MEM_PRIVATE;
    if (a[2] & 2u)
        p.mem = (uint8_t)(a[2] % 3u + 1u); /* possibly the wrong memory */
    r.byte_offset = (a[2] & 4u) ? 16u : 0u;
    r.byte_count = pages * 4096u - r.byte_offset;
    r.pfns = P.pfns;
    p.ranges = &r;
    p.nranges = 1;
    p.handle = (a[2] & 8u) ? 0x100u + (a[3] & 7u) : 0u;
    st = vmbp_conn_guest_gpadl_create(&P.g, &p, &handle, &P.out);
    if (st == VMBP_OK)
        FZ_CHECK(fzc_gpadl_add(&P.ledger, handle, VMBP_CONN_REQ_GPADL_CREATE),
                 "GPADL 0x%x created twice", handle);
    guest_done(st);
}

static void op_open(const uint8_t *a)
{
    struct vmbp_conn_open_params p;
    const struct vmbp_conn_ggpadl *r;
    enum vmbp_status st;

    memset(&p, 0, sizeof(p));
    p.relid = pick_gchan(a[0]);
    r = pick_ggpadl(a[1], p.relid);
    p.ring_gpadl = r ? r->handle : 0x1234u;
    p.downstream_offset = (uint32_t)a[2] % 4u;
    p.open_id = a[3];
    p.target_vp = (a[4] & 1u) ? VMBP_VP_INDEX_DISABLE_INTERRUPT : 0u;
    st = vmbp_conn_guest_open(&P.g, &p, &P.out);
    if (st == VMBP_OK) {
        FZ_CHECK(!P.ledger.open[p.relid], "two opens of %u", p.relid);
        P.ledger.open[p.relid] = 1;
    }
    guest_done(st);
}

static void op_modify(const uint8_t *a)
{
    uint32_t relid = pick_gchan(a[0]);
    enum vmbp_status st = vmbp_conn_guest_modify_channel(&P.g, relid, a[1] & 3u, &P.out);

    if (st == VMBP_OK && vmbp_version_has_modify_channel_response(P.g.ctx.version)) {
        FZ_CHECK(!P.ledger.modify[relid], "two modifies of %u", relid);
        P.ledger.modify[relid] = 1;
    }
    guest_done(st);
}

static void op_host_offer(const uint8_t *a)
{
    struct vmbp_offer o;
    enum vmbp_status st;

    memset(&o, 0, sizeof(o));
    o.variant = VMBP_MSGV_OFFER_CHANNEL;
    /* SCSI: a class every guest takes, an isolated one too (VMBP-DEV-001) */
    o.interface_type = vmbp_device_lookup(VMBP_DEVICE_SCSI)->guid;
    o.interface_instance.bytes[0] = (uint8_t)(a[1] % 5u);
    o.sub_channel_index = (uint16_t)(a[2] % 3u);
    o.child_relid = (a[0] & 0x80u) ? 0u : (uint32_t)a[0] % 16u + 1u;
    o.flags = (uint16_t)(a[3] & 0x1Fu);
    if ((o.flags & VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY) &&
        !(o.flags & VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER))
        o.flags &= (uint16_t)~VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY;
    o.monitor_id = VMBP_MONITOR_ID_INVALID;
    o.is_dedicated_interrupt = 1;
    o.connection_id = 0x2000u + (a[0] & 0x7Fu);
    st = vmbp_conn_host_offer(&P.h, &o, NULL, &P.out);
    host_done(st);
}

static void op_host_open_done(const uint8_t *a)
{
    uint32_t i, n = 0, k;

    for (i = 0; i < NCHAN; i++)
        n += P.hc[i].state == VMBP_CONN_CHAN_OPENING;
    if (n == 0)
        return;
    k = (uint32_t)a[0] % n;
    for (i = 0; i < NCHAN; i++)
        if (P.hc[i].state == VMBP_CONN_CHAN_OPENING && k-- == 0)
            host_done(vmbp_conn_host_open_complete(
                &P.h, P.hc[i].offer.child_relid,
                (a[1] & 1u) ? VMBP_NTSTATUS_UNSUCCESSFUL : VMBP_NTSTATUS_SUCCESS, &P.out));
}

static void op_host_gpadl_done(const uint8_t *a)
{
    uint32_t i, n = 0, k;

    for (i = 0; i < NGPADL; i++)
        n += P.hg[i].handle && P.hg[i].state == VMBP_CONN_GPADL_DEVICE;
    if (n == 0)
        return;
    k = (uint32_t)a[0] % n;
    for (i = 0; i < NGPADL; i++)
        if (P.hg[i].handle && P.hg[i].state == VMBP_CONN_GPADL_DEVICE && k-- == 0)
            host_done(vmbp_conn_host_gpadl_complete(
                &P.h, P.hg[i].relid, P.hg[i].handle,
                (a[1] & 1u) ? VMBP_NTSTATUS_UNSUCCESSFUL : VMBP_NTSTATUS_SUCCESS, &P.out));
}

static void op_host_rescind(const uint8_t *a)
{
    uint32_t i, n = 0, k;

    for (i = 0; i < NCHAN; i++)
        n += P.hc[i].state != VMBP_CONN_CHAN_FREE;
    if (n == 0)
        return;
    k = (uint32_t)a[0] % n;
    for (i = 0; i < NCHAN; i++)
        if (P.hc[i].state != VMBP_CONN_CHAN_FREE && k-- == 0)
            host_done(vmbp_conn_host_rescind(&P.h, P.hc[i].offer.child_relid, &P.out));
}

/* HvPostMessage of the INITIATE_CONTACT at the queue's head fails: the host never sees it. */
static void op_post_fails(const uint8_t *a)
{
    static const uint16_t statuses[] = {VMBP_HV_STATUS_INSUFFICIENT_BUFFERS,
                                        VMBP_HV_STATUS_INVALID_CONNECTION_ID,
                                        VMBP_HV_STATUS_ACCESS_DENIED};

    if (P.to_host.n == 0 || P.to_host.m[P.to_host.head].data[0] != VMBP_MSG_INITIATE_CONTACT)
        return;
    P.to_host.head = (P.to_host.head + 1) % QCAP;
    P.to_host.n--;
    guest_done(vmbp_conn_guest_contact_failed(&P.g, statuses[a[0] % 3u], &P.out));
}

static void step(uint8_t op, const uint8_t *a)
{
    uint32_t i, relid;
    enum vmbp_status st;

    switch (op % FZC_P_OP_COUNT) {
    case FZC_P_TO_HOST:
        for (i = 0; i <= (uint32_t)a[0] % 4u; i++)
            (void)deliver_to_host();
        break;
    case FZC_P_TO_GUEST:
        for (i = 0; i <= (uint32_t)a[0] % 4u; i++)
            (void)deliver_to_guest();
        break;
    case FZC_P_CONNECT:
        op_connect(a);
        break;
    case FZC_P_REQUEST_OFFERS:
        guest_done(vmbp_conn_guest_request_offers(&P.g, &P.out));
        break;
    case FZC_P_GPADL_CREATE:
        op_gpadl(a);
        break;
    case FZC_P_OPEN:
        op_open(a);
        break;
    case FZC_P_CLOSE:
        guest_done(vmbp_conn_guest_close(&P.g, pick_gchan(a[0]), &P.out));
        break;
    case FZC_P_TEARDOWN: {
        const struct vmbp_conn_ggpadl *p = pick_ggpadl(a[0], 0);

        if (!p)
            break;
        relid = p->relid;
        i = p->handle;
        st = vmbp_conn_guest_gpadl_teardown(&P.g, relid, i, &P.out);
        if (st == VMBP_OK)
            FZ_CHECK(fzc_gpadl_add(&P.ledger, i, VMBP_CONN_REQ_GPADL_TEARDOWN),
                     "teardown of 0x%x twice", i);
        guest_done(st);
        break;
    }
    case FZC_P_RELEASE:
        guest_done(vmbp_conn_guest_release(&P.g, pick_gchan(a[0]), &P.out));
        break;
    case FZC_P_MODIFY:
        op_modify(a);
        break;
    case FZC_P_MODIFY_CONN:
        st =
            vmbp_conn_guest_modify_connection(&P.g, 0x20000, (a[0] & 1u) ? 0 : 0x21000, &P.out);
        if (st == VMBP_OK)
            P.ledger.modify_conn = 1;
        guest_done(st);
        break;
    case FZC_P_PAUSE:
        st = vmbp_conn_guest_pause(&P.g, &P.out);
        if (st == VMBP_OK)
            P.ledger.pause = 1;
        guest_done(st);
        break;
    case FZC_P_RESUME:
        guest_done(vmbp_conn_guest_resume(&P.g, &P.out));
        break;
    case FZC_P_UNLOAD:
        st = vmbp_conn_guest_unload(&P.g, &P.out);
        if (st == VMBP_OK)
            P.ledger.unload = 1;
        guest_done(st);
        break;
    case FZC_P_HOST_OFFER:
        op_host_offer(a);
        break;
    case FZC_P_HOST_RESCIND:
        op_host_rescind(a);
        break;
    case FZC_P_HOST_OPEN_DONE:
        op_host_open_done(a);
        break;
    case FZC_P_HOST_GPADL_DONE:
        op_host_gpadl_done(a);
        break;
    case FZC_P_POST_FAILS:
        op_post_fails(a);
        break;
    default:
        break;
    }
}

/* Deliver everything, resume, let the device finish, until nothing moves. */
static void drain(void)
{
    static const uint8_t ok[FZC_ARGS] = {0, 0, 0, 0, 0, 0};
    uint32_t round, i;
    bool moved = true;

    for (round = 0; round < 256u && moved; round++) {
        moved = false;
        while (deliver_to_host())
            moved = true;
        while (deliver_to_guest())
            moved = true;
        if (vmbp_conn_guest_paused(&P.g) == 2) {
            guest_done(vmbp_conn_guest_resume(&P.g, &P.out));
            moved = true;
        }
        for (i = 0; i < NCHAN; i++)
            if (P.hc[i].state == VMBP_CONN_CHAN_OPENING) {
                op_host_open_done(ok);
                moved = true;
            }
        for (i = 0; i < NGPADL; i++)
            if (P.hg[i].handle && P.hg[i].state == VMBP_CONN_GPADL_DEVICE) {
                op_host_gpadl_done(ok);
                moved = true;
            }
        /* the guest's duty after a rescind: close, then release (VMBP-CONN-116) */
        for (i = 0; i < NCHAN && !moved; i++) {
            uint32_t relid = P.gc[i].relid;
            enum vmbp_status st;

            if (!relid || !(P.gc[i].flags & VMBP_CONN_CHAN_F_RESCINDED))
                continue;
            if (P.gc[i].state == VMBP_CONN_CHAN_OPEN) {
                st = vmbp_conn_guest_close(&P.g, relid, &P.out);
                FZ_CHECK(st == VMBP_OK, "closing rescinded %u: %s", relid,
                         vmbp_status_name(st));
                guest_done(st);
            }
            st = vmbp_conn_guest_release(&P.g, relid, &P.out);
            FZ_CHECK(st == VMBP_OK || st == VMBP_E_SEQ_CONN_STATE || st == VMBP_E_SEQ_PAUSED,
                     "releasing rescinded %u: %s", relid, vmbp_status_name(st));
            guest_done(st);
            moved = st == VMBP_OK;
        }
    }
    FZ_CHECK(!moved, "the pair did not settle");
}

/* After the drain both sides agree (spec/conn.md, "Both machines"). */
static void agree(void)
{
    enum vmbp_conn_state gs = vmbp_conn_guest_state(&P.g), hs = vmbp_conn_host_state(&P.h);
    uint32_t i;

    FZ_CHECK(fzc_ledger_empty(&P.ledger), "requests left unanswered");
    FZ_CHECK(vmbp_conn_guest_paused(&P.g) == 0 && !P.h.paused, "still paused");
    if (gs == VMBP_CONN_DISCONNECTED) {
        FZ_CHECK(hs == VMBP_CONN_DISCONNECTED, "guest disconnected, host %s",
                 vmbp_conn_state_name(hs));
        return;
    }
    FZ_CHECK((gs == VMBP_CONN_CONNECTED && hs == VMBP_CONN_CONNECTED) ||
                 (gs == VMBP_CONN_READY && hs == VMBP_CONN_READY),
             "guest %s, host %s", vmbp_conn_state_name(gs), vmbp_conn_state_name(hs));
    FZ_CHECK(P.g.ctx.version == P.h.ctx.version && P.g.ctx.features == P.h.ctx.features,
             "negotiated %x/%x against %x/%x", P.g.ctx.version, P.g.ctx.features,
             P.h.ctx.version, P.h.ctx.features);
    if (P.g.ctx.features & (uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES) {
        uint64_t p1 = 0, p2 = 0;

        FZ_CHECK(vmbp_conn_guest_monitor_pages(&P.g, &p1, &p2) == VMBP_OK &&
                     p1 == P.h.monitor_page1 && p2 == P.h.monitor_page2,
                 "guest uses monitor pages 0x%llx 0x%llx, not the host's",
                 (unsigned long long)p1, (unsigned long long)p2);
    }
    for (i = 0; i < NCHAN; i++) {
        const struct vmbp_conn_hchan *hc = &P.hc[i];
        struct vmbp_conn_chan_info gi;
        uint32_t relid = hc->offer.child_relid;

        if (hc->state == VMBP_CONN_CHAN_FREE || !hc->sent)
            continue;
        FZ_CHECK(vmbp_conn_guest_chan(&P.g, relid, &gi) == VMBP_OK,
                 "host offered %u, the guest does not know it", relid);
        FZ_CHECK(gi.state == hc->state && (gi.flags & VMBP_CONN_CHAN_F_RESCINDED) ==
                                              (hc->flags & VMBP_CONN_CHAN_F_RESCINDED),
                 "channel %u: guest %s/%x, host %s/%x", relid,
                 vmbp_conn_chan_state_name((enum vmbp_conn_chan_state)gi.state), gi.flags,
                 vmbp_conn_chan_state_name((enum vmbp_conn_chan_state)hc->state), hc->flags);
        if (gi.state == VMBP_CONN_CHAN_OPEN)
            FZ_CHECK(gi.ring_gpadl == hc->ring_gpadl && gi.open_id == hc->open_id,
                     "channel %u open differently", relid);
    }
    for (i = 0; i < NCHAN; i++) {
        struct vmbp_conn_chan_info hi;

        if (P.gc[i].relid)
            FZ_CHECK(vmbp_conn_host_chan(&P.h, P.gc[i].relid, &hi) == VMBP_OK &&
                         hi.state != VMBP_CONN_CHAN_REGISTERED &&
                         hi.state != VMBP_CONN_CHAN_RELEASED,
                     "guest knows %u, the host does not", P.gc[i].relid);
    }
    for (i = 0; i < NGPADL; i++) {
        struct vmbp_conn_gpadl_info hi;

        if (!P.gg[i].handle)
            continue;
        FZ_CHECK(P.gg[i].state == VMBP_CONN_GPADL_CREATED, "GPADL 0x%x still %s",
                 P.gg[i].handle,
                 vmbp_conn_gpadl_state_name((enum vmbp_conn_gpadl_state)P.gg[i].state));
        FZ_CHECK(vmbp_conn_host_gpadl(&P.h, P.gg[i].relid, P.gg[i].handle, &hi) == VMBP_OK &&
                     hi.state == VMBP_CONN_GPADL_CREATED,
                 "GPADL 0x%x created on the guest only", P.gg[i].handle);
    }
    for (i = 0; i < NGPADL; i++)
        if (P.hg[i].handle)
            FZ_CHECK(P.hg[i].state == VMBP_CONN_GPADL_CREATED, "host GPADL 0x%x left %s",
                     P.hg[i].handle,
                     vmbp_conn_gpadl_state_name((enum vmbp_conn_gpadl_state)P.hg[i].state));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz in = {data, size};
    struct vmbp_conn_guest_config gcfg;
    struct vmbp_conn_host_config hcfg;
    uint8_t cfg = fz_u8(&in);
    uint32_t n, i;

    memset(&P, 0, sizeof(P));
    for (i = 0; i < 16u; i++)
        P.pfns[i] = 0x1000u + i;
    memset(&gcfg, 0, sizeof(gcfg));
    gcfg.channels = P.gc;
    gcfg.nchannels = NCHAN;
    gcfg.gpadls = P.gg;
    gcfg.ngpadls = NGPADL;
    if (cfg & FZC_PCFG_CONFIDENTIAL) {
        P.plan.mode = (uint8_t)VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL;
        P.plan.confidential = true;
        P.plan.request_confidential_channels = true;
        P.plan.isolated = true;
        P.trusted = true;
        gcfg.plan = &P.plan;
    }
    memset(&hcfg, 0, sizeof(hcfg));
    hcfg.channels = P.hc;
    hcfg.nchannels = NCHAN;
    hcfg.gpadls = P.hg;
    hcfg.ngpadls = NGPADL;
    hcfg.words = P.words;
    hcfg.words_per_gpadl = WORDS;
    hcfg.features = (cfg & FZC_PCFG_NO_FEATURES) ? 0u : VMBP_FEATURES_KNOWN;
    hcfg.max_version = (cfg & FZC_PCFG_OLD_HOST) ? (uint32_t)VMBP_VERSION_4_1
                       : (cfg & FZC_PCFG_V53)    ? (uint32_t)VMBP_VERSION_5_3
                                                 : 0u;
    hcfg.msg_conn_id = 0x2000u + (cfg >> 4);
    if (cfg & 0x10u) { /* the host has monitor pages to give (VMBP-CONN-141) */
        hcfg.monitor_page1 = (cfg & 0x20u) ? 0x4000u : 0u;
        hcfg.monitor_page2 = 0x5000u;
    }
    FZ_CHECK(vmbp_conn_guest_init(&P.g, &gcfg) == VMBP_OK, "guest init");
    FZ_CHECK(vmbp_conn_host_init(&P.h, &hcfg) == VMBP_OK, "host init");
    vmbp_conn_out_init(&P.out, P.out_msgs, OUT_MSGS, P.out_events, OUT_EVENTS);
    for (n = 0; n < FZC_MAX_OPS && in.n > 0; n++) {
        uint8_t op = fz_u8(&in), a[FZC_ARGS];

        for (i = 0; i < FZC_ARGS; i++)
            a[i] = fz_u8(&in);
        if (fz_trace())
            fprintf(stderr, "op %u (%u %u %u)\n", op % FZC_P_OP_COUNT, a[0], a[1], a[2]);
        step(op, a);
    }
    drain();
    agree();
    return 0;
}
