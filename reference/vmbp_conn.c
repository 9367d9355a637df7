/* SPDX-License-Identifier: MIT */
/*
 * Connection state machines: what the guest and host machines share (spec/conn.md):
 * outputs, message encoding, gating of decoded messages, names.
 * Freestanding: only the vmbus_proto headers (no libc).
 */
#include "vmbp_conn_priv.h"

void vmbp_conn_out_init(struct vmbp_conn_out *out, struct vmbp_conn_msg *msgs,
                        uint32_t msgs_cap, struct vmbp_conn_event *events, uint32_t events_cap)
{
    if (!out)
        return;
    VMBP_MEMSET(out, 0, sizeof(*out));
    out->msgs = msgs;
    out->msgs_cap = msgs ? msgs_cap : 0;
    out->events = events;
    out->events_cap = events ? events_cap : 0;
}

void vmbp_conn_out_reset(struct vmbp_conn_out *out)
{
    if (!out)
        return;
    out->nmsgs = 0;
    out->nevents = 0;
    out->msgs_needed = 0;
    out->events_needed = 0;
}

enum vmbp_status vmbp_priv_conn_room(struct vmbp_conn_out *out, uint32_t msgs, uint32_t events)
{
    if (out->nmsgs > out->msgs_cap || out->nevents > out->events_cap)
        return VMBP_E_INVAL; /* the caller broke the output's bookkeeping */
    if (msgs > out->msgs_cap - out->nmsgs || events > out->events_cap - out->nevents) {
        out->msgs_needed = msgs;
        out->events_needed = events;
        return VMBP_E_NOSPACE;
    }
    return VMBP_OK;
}

enum vmbp_status vmbp_priv_conn_put(struct vmbp_conn_out *out, uint32_t slot, uint32_t conn_id,
                                    const struct vmbp_msg *m, const struct vmbp_ctx *ctx,
                                    enum vmbp_dir dir)
{
    struct vmbp_conn_msg *d = &out->msgs[out->nmsgs + slot];
    size_t len = 0;
    enum vmbp_status st = vmbp_msg_encode(m, d->data, sizeof(d->data), &len);

    if (st == VMBP_OK)
        st = vmbp_msg_validate(d->data, len, ctx, dir);
    if (st != VMBP_OK)
        return st;
    d->connection_id = conn_id;
    d->len = (uint32_t)len;
    return VMBP_OK;
}

struct vmbp_conn_event *vmbp_priv_conn_ev(struct vmbp_conn_out *out, uint32_t slot,
                                          enum vmbp_conn_event_kind kind)
{
    struct vmbp_conn_event *e = &out->events[out->nevents + slot];

    VMBP_MEMSET(e, 0, sizeof(*e));
    e->kind = (uint16_t)kind;
    return e;
}

void vmbp_priv_conn_commit(struct vmbp_conn_out *out, uint32_t n, uint32_t e)
{
    out->nmsgs += n;
    out->nevents += e;
}

enum vmbp_status vmbp_priv_conn_gate(const struct vmbp_msg *m, const struct vmbp_ctx *ctx,
                                     enum vmbp_dir from)
{
    const struct vmbp_msg_type_info *ti = vmbp_msg_type_lookup(m->type);
    const struct vmbp_msg_variant_info *vi = vmbp_msg_variant_lookup(m->variant);
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0;
    enum vmbp_status st;

    if (!ti || !vi || vi->type != m->type)
        return VMBP_E_UNKNOWN_TYPE;
    if (ti->dir != (uint8_t)from)
        return VMBP_E_DIRECTION;
    if (ctx->version == 0 && !ti->any_state)
        return VMBP_E_NOT_NEGOTIATED;
    if (vi->select != (uint8_t)VMBP_MSG_SELECT_CONTENT) { /* INITIATE_CONTACT: its content */
        if (ctx->version < vi->min_version)
            return VMBP_E_VERSION;
        if (vi->features != 0 && (ctx->features & vi->features) == 0)
            return VMBP_E_FEATURE;
    }
    /* then as the bytes the peer would have sent: the codec's own checks with this state,
     * so an older variant than the state selects (OFFER_CHANNEL_V1 at 6.0, as its bytes
     * would be: too short) or a field this state's checks refuse is refused as well */
    st = vmbp_msg_encode(m, buf, sizeof(buf), &len);
    if (st != VMBP_OK)
        return st;
    return vmbp_msg_validate(buf, len, ctx, from);
}

void vmbp_priv_conn_msg_init(struct vmbp_msg *m, uint32_t type)
{
    VMBP_MEMSET(m, 0, sizeof(*m));
    m->type = type;
    m->variant = vmbp_msg_type_newest_variant(type);
    if (type == VMBP_MSG_REQUEST_OFFERS || type == VMBP_MSG_ALL_OFFERS_DELIVERED ||
        type == VMBP_MSG_UNLOAD || type == VMBP_MSG_UNLOAD_COMPLETE || type == VMBP_MSG_PAUSE ||
        type == VMBP_MSG_PAUSE_RESPONSE || type == VMBP_MSG_RESUME)
        m->u.empty.type = type;
}

/* ---- names ------------------------------------------------------------------------------ */

static const char *name_at(const char *const *tab, unsigned n, unsigned i)
{
    return i < n ? tab[i] : "?"; /* the tables have no holes */
}

const char *vmbp_conn_state_name(enum vmbp_conn_state s)
{
    static const char *const names[] = {"DISCONNECTED", "CONTACTING", "CONNECTED",
                                        "REQUESTING",   "READY",      "UNLOADING"};

    return name_at(names, sizeof(names) / sizeof(names[0]), (unsigned)s);
}

const char *vmbp_conn_chan_state_name(enum vmbp_conn_chan_state s)
{
    static const char *const names[] = {"FREE", "OFFERED",    "OPENING",
                                        "OPEN", "REGISTERED", "RELEASED"};

    return name_at(names, sizeof(names) / sizeof(names[0]), (unsigned)s);
}

const char *vmbp_conn_gpadl_state_name(enum vmbp_conn_gpadl_state s)
{
    static const char *const names[] = {"FREE", "CREATING", "CREATED", "TEARING_DOWN",
                                        "DEVICE"};

    return name_at(names, sizeof(names) / sizeof(names[0]), (unsigned)s);
}

const char *vmbp_conn_event_name(enum vmbp_conn_event_kind k)
{
    static const char *const names[] = {"NONE",
                                        "VERSION_REFUSED",
                                        "CONTACT_FALLBACK",
                                        "CONNECTED",
                                        "CONNECT_FAILED",
                                        "OFFER",
                                        "ALL_OFFERS_DELIVERED",
                                        "RESCIND",
                                        "OPEN_RESULT",
                                        "GPADL_CREATED",
                                        "GPADL_TORNDOWN",
                                        "MODIFY_CHANNEL_RESULT",
                                        "MODIFY_CONNECTION_RESULT",
                                        "PAUSED",
                                        "TL_CONNECT_RESULT",
                                        "CANCELLED",
                                        "DISCONNECTED",
                                        "CONTACT",
                                        "OPEN_REQUEST",
                                        "CLOSE",
                                        "GPADL_READY",
                                        "GPADL_TEARDOWN",
                                        "MODIFY_CHANNEL",
                                        "RELEASED",
                                        "RESUMED",
                                        "TL_CONNECT_REQUEST",
                                        "MODIFY_CONNECTION"};

    VMBP_STATIC_ASSERT(sizeof(names) / sizeof(names[0]) == VMBP_CONN_EV_COUNT,
                       vmbp_conn_event_names);
    return name_at(names, sizeof(names) / sizeof(names[0]), (unsigned)k);
}

const char *vmbp_conn_request_name(enum vmbp_conn_request r)
{
    static const char *const names[] = {
        "NONE",           "CONTACT",           "OPEN",  "GPADL_CREATE", "GPADL_TEARDOWN",
        "MODIFY_CHANNEL", "MODIFY_CONNECTION", "PAUSE", "UNLOAD"};

    return name_at(names, sizeof(names) / sizeof(names[0]), (unsigned)r);
}
