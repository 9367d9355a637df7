/* SPDX-License-Identifier: MIT */
/*
 * Baselines of the message decoders (bench_msg_base.h): OpenVMM-style decoders per family and
 * hand-written decoders per type. Each is called out of line through a function pointer, as
 * the library's decoders are in bench_msg.c.
 */
#include "bench_msg_base.h"

#include <stdio.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

/* ---- OpenVMM-style: header, variant row, length-checked copy ---------------------------- */

/*
 * OpenVMM's rows (openvmm protocol.rs `vmbus_messages!`): a row applies when the negotiated
 * version is at least its minimum (none negotiated is below every version; a minimum of 0
 * accepts that too), at least one of its features is negotiated, and for check_size rows the
 * payload is at least the struct; otherwise the next row is tried. The chosen row's struct is
 * read from the payload's prefix (too short: MessageTooSmall), the rest is returned.
 */
static inline int ovmm_row(const struct vmbp_ctx *ctx, uint32_t min_version, uint32_t features)
{
    if (min_version != 0 && (ctx->version == 0 || ctx->version < min_version))
        return 0;
    return features == 0 || (ctx->features & features) != 0;
}

static inline enum vmbp_status ovmm_take(const uint8_t *p, size_t len, uint32_t type,
                                         uint32_t size, struct bench_ovmm_msg *out)
{
    if (len - 8u < size)
        return VMBP_E_TRUNCATED;
    out->type = type;
    out->size = size;
    memcpy(out->body, p + 8, size);
    out->nrest = 0;
    return VMBP_OK;
}

/* The struct, then the range data after it, copied out as OpenVMM's server does next. */
static inline enum vmbp_status ovmm_take_rest(const uint8_t *p, size_t len, uint32_t type,
                                              uint32_t size, struct bench_ovmm_msg *out)
{
    size_t i, n;

    if (len - 8u < size)
        return VMBP_E_TRUNCATED;
    out->type = type;
    out->size = size;
    memcpy(out->body, p + 8, size);
    n = (len - 8u - size) / 8u;
    for (i = 0; i < n; i++)
        out->rest[i] = vmbp_load_le64(p + 8 + size + 8u * i);
    out->nrest = (uint32_t)n;
    return VMBP_OK;
}

/* The header: at least 8 bytes (at most a SynIC payload), the type. */
static inline enum vmbp_status ovmm_header(const uint8_t *p, size_t len, uint32_t *type)
{
    if (len < 8u)
        return VMBP_E_TRUNCATED;
    if (len > VMBP_SYNIC_MESSAGE_PAYLOAD_MAX)
        return VMBP_E_TOO_LONG;
    *type = vmbp_load_le32(p);
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_ovmm_connect(const void *buf, size_t len,
                                             const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct bench_ovmm_msg *out = (struct bench_ovmm_msg *)o;
    uint32_t type;
    enum vmbp_status st = ovmm_header(p, len, &type);

    if (st != VMBP_OK)
        return st;
    switch (type) {
    case 3:  /* REQUEST_OFFERS */
    case 4:  /* ALL_OFFERS_DELIVERED */
    case 16: /* UNLOAD */
        if (!ovmm_row(ctx, VMBP_VERSION_0_13, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 0, out);
    case 17: /* UNLOAD_COMPLETE */
        if (!ovmm_row(ctx, VMBP_VERSION_1_1, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 0, out);
    case 14: /* InitiateContact2 (check_size), InitiateContact */
        if (len - 8u >= 48u)
            return ovmm_take(p, len, type, 48, out);
        return ovmm_take(p, len, type, 32, out);
    case 15: /* VersionResponse3, VersionResponse2 (check_size), VersionResponse */
        if (len - 8u >= 32u)
            return ovmm_take(p, len, type, 32, out);
        if (len - 8u >= 12u)
            return ovmm_take(p, len, type, 12, out);
        return ovmm_take(p, len, type, 8, out);
    case 25: /* MODIFY_CONNECTION */
        if (!ovmm_row(ctx, VMBP_VERSION_6_0, VMBP_FEATURE_MODIFY_CONNECTION))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 16, out);
    case 26: /* MODIFY_CONNECTION_RESPONSE */
        if (!ovmm_row(ctx, VMBP_VERSION_6_0, VMBP_FEATURE_MODIFY_CONNECTION))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 1, out);
    case 27: /* PAUSE */
    case 28: /* PAUSE_RESPONSE */
    case 29: /* RESUME */
        if (!ovmm_row(ctx, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 0, out);
    default:
        return VMBP_E_UNKNOWN_TYPE;
    }
}

NOINLINE enum vmbp_status bench_ovmm_offer(const void *buf, size_t len,
                                           const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct bench_ovmm_msg *out = (struct bench_ovmm_msg *)o;
    uint32_t type;
    enum vmbp_status st = ovmm_header(p, len, &type);

    if (st != VMBP_OK)
        return st;
    if (!ovmm_row(ctx, VMBP_VERSION_0_13, 0))
        return VMBP_E_VERSION;
    switch (type) {
    case 1: /* OFFER_CHANNEL */
        return ovmm_take(p, len, type, 188, out);
    case 2:  /* RESCIND_CHANNEL_OFFER */
    case 13: /* REL_ID_RELEASED */
        return ovmm_take(p, len, type, 4, out);
    default:
        return VMBP_E_UNKNOWN_TYPE;
    }
}

NOINLINE enum vmbp_status bench_ovmm_channel(const void *buf, size_t len,
                                             const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct bench_ovmm_msg *out = (struct bench_ovmm_msg *)o;
    uint32_t type;
    enum vmbp_status st = ovmm_header(p, len, &type);

    if (st != VMBP_OK)
        return st;
    switch (type) {
    case 5: /* OpenChannel2, OpenChannel */
        if (ovmm_row(ctx, VMBP_VERSION_6_0,
                     VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS |
                         VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION))
            return ovmm_take(p, len, type, 148, out);
        if (!ovmm_row(ctx, VMBP_VERSION_0_13, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 140, out);
    case 6: /* OPEN_CHANNEL_RESULT */
        if (!ovmm_row(ctx, VMBP_VERSION_0_13, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 12, out);
    case 7: /* CLOSE_CHANNEL */
        if (!ovmm_row(ctx, VMBP_VERSION_0_13, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 4, out);
    case 18: /* OPEN_RESERVED_CHANNEL */
        if (!ovmm_row(ctx, VMBP_VERSION_4_0, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 20, out);
    case 19: /* CLOSE_RESERVED_CHANNEL: any state */
        return ovmm_take(p, len, type, 12, out);
    case 20: /* CLOSE_RESERVED_RESPONSE */
        if (!ovmm_row(ctx, VMBP_VERSION_4_0, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 4, out);
    case 22: /* MODIFY_CHANNEL */
        if (!ovmm_row(ctx, VMBP_VERSION_4_1, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 8, out);
    case 24: /* MODIFY_CHANNEL_RESPONSE */
        if (!ovmm_row(ctx, VMBP_VERSION_5_3, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 8, out);
    default:
        return VMBP_E_UNKNOWN_TYPE;
    }
}

NOINLINE enum vmbp_status bench_ovmm_gpadl(const void *buf, size_t len,
                                           const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct bench_ovmm_msg *out = (struct bench_ovmm_msg *)o;
    uint32_t type;
    enum vmbp_status st = ovmm_header(p, len, &type);

    if (st != VMBP_OK)
        return st;
    if (!ovmm_row(ctx, VMBP_VERSION_0_13, 0))
        return VMBP_E_VERSION;
    switch (type) {
    case 8: /* GPADL_HEADER, then range data */
        return ovmm_take_rest(p, len, type, 12, out);
    case 9: /* GPADL_BODY, then range data */
        return ovmm_take_rest(p, len, type, 8, out);
    case 10: /* GPADL_CREATED */
        return ovmm_take(p, len, type, 12, out);
    case 11: /* GPADL_TEARDOWN */
        return ovmm_take(p, len, type, 8, out);
    case 12: /* GPADL_TORNDOWN */
        return ovmm_take(p, len, type, 4, out);
    default:
        return VMBP_E_UNKNOWN_TYPE;
    }
}

NOINLINE enum vmbp_status bench_ovmm_hvsock(const void *buf, size_t len,
                                            const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct bench_ovmm_msg *out = (struct bench_ovmm_msg *)o;
    uint32_t type;
    enum vmbp_status st = ovmm_header(p, len, &type);

    if (st != VMBP_OK)
        return st;
    switch (type) {
    case 21: /* TlConnectRequest2 (check_size), TlConnectRequest */
        if (ovmm_row(ctx, VMBP_VERSION_5_2, 0) && len - 8u >= 48u)
            return ovmm_take(p, len, type, 48, out);
        if (!ovmm_row(ctx, VMBP_VERSION_4_0, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 32, out);
    case 23: /* TL_CONNECT_REQUEST_RESULT */
        if (!ovmm_row(ctx, VMBP_VERSION_4_1, 0))
            return VMBP_E_VERSION;
        return ovmm_take(p, len, type, 36, out);
    default:
        return VMBP_E_UNKNOWN_TYPE;
    }
}

/* ---- hand-written: the library's checks, in its order, one function per type ------------ */

/* The versions the library knows (version.h). */
static inline int hand_known(uint32_t v)
{
    switch (v) {
    case VMBP_VERSION_0_13:
    case VMBP_VERSION_1_1:
    case VMBP_VERSION_2_4:
    case VMBP_VERSION_3_0:
    case VMBP_VERSION_4_0:
    case VMBP_VERSION_4_1:
    case VMBP_VERSION_5_0:
    case VMBP_VERSION_5_1:
    case VMBP_VERSION_5_2:
    case VMBP_VERSION_5_3:
    case VMBP_VERSION_6_0:
        return 1;
    default:
        return 0;
    }
}

/* Arguments, the negotiated version, 8..240 bytes, the expected type. */
static inline enum vmbp_status hand_head(const uint8_t *p, size_t len,
                                         const struct vmbp_ctx *ctx, uint32_t type)
{
    if (!p || !ctx)
        return VMBP_E_INVAL;
    if (ctx->version != 0 && !hand_known(ctx->version))
        return VMBP_E_INVAL;
    if (len < 8u)
        return VMBP_E_TRUNCATED;
    if (len > 240u)
        return VMBP_E_TOO_LONG;
    if (vmbp_load_le32(p) != type)
        return VMBP_E_UNKNOWN_TYPE;
    return VMBP_OK;
}

/* Negotiated, at least version min, and with features one of those bits. */
static inline enum vmbp_status hand_gate(const struct vmbp_ctx *ctx, uint32_t min,
                                         uint32_t features)
{
    if (ctx->version == 0)
        return VMBP_E_NOT_NEGOTIATED;
    if (ctx->version < min)
        return VMBP_E_VERSION;
    if (features != 0 && (ctx->features & features) == 0)
        return VMBP_E_FEATURE;
    return VMBP_OK;
}

static inline int hand_feature(const struct vmbp_ctx *ctx, uint32_t f)
{
    return ctx->version >= VMBP_VERSION_6_0 && (ctx->features & f) == f;
}

static inline int hand_relid_bad(uint32_t relid)
{
    return relid - 1u > 2046u;
}

/* The header-only types: the type is the whole message. */
static inline enum vmbp_status hand_empty(const void *buf, size_t len,
                                          const struct vmbp_ctx *ctx, void *o, uint32_t type,
                                          uint32_t min, uint32_t features)
{
    struct vmbp_msg_empty *out = (struct vmbp_msg_empty *)o;
    enum vmbp_status st = hand_head((const uint8_t *)buf, len, ctx, type);

    if (st != VMBP_OK)
        return st;
    st = hand_gate(ctx, min, features);
    if (st != VMBP_OK)
        return st;
    if (out)
        out->type = type;
    return VMBP_OK;
}

/* The types whose first field is a channel ID: the gate, the size, the ID. */
static inline enum vmbp_status hand_relid(const void *buf, size_t len,
                                          const struct vmbp_ctx *ctx, uint32_t *out,
                                          uint32_t type, uint32_t min, size_t size)
{
    const uint8_t *p = (const uint8_t *)buf;
    enum vmbp_status st = hand_head(p, len, ctx, type);
    uint32_t relid;

    if (st != VMBP_OK)
        return st;
    st = hand_gate(ctx, min, 0);
    if (st != VMBP_OK)
        return st;
    if (len < size)
        return VMBP_E_TRUNCATED;
    relid = vmbp_load_le32(p + 8);
    if (hand_relid_bad(relid))
        return VMBP_E_FIELD_RANGE;
    if (out)
        *out = relid;
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_request_offers(const void *b, size_t n,
                                                    const struct vmbp_ctx *c, void *o)
{
    return hand_empty(b, n, c, o, VMBP_MSG_REQUEST_OFFERS, 0, 0);
}

NOINLINE enum vmbp_status bench_hand_all_offers_delivered(const void *b, size_t n,
                                                          const struct vmbp_ctx *c, void *o)
{
    return hand_empty(b, n, c, o, VMBP_MSG_ALL_OFFERS_DELIVERED, 0, 0);
}

NOINLINE enum vmbp_status bench_hand_unload(const void *b, size_t n, const struct vmbp_ctx *c,
                                            void *o)
{
    return hand_empty(b, n, c, o, VMBP_MSG_UNLOAD, 0, 0);
}

NOINLINE enum vmbp_status bench_hand_unload_complete(const void *b, size_t n,
                                                     const struct vmbp_ctx *c, void *o)
{
    return hand_empty(b, n, c, o, VMBP_MSG_UNLOAD_COMPLETE, VMBP_VERSION_1_1, 0);
}

NOINLINE enum vmbp_status bench_hand_pause(const void *b, size_t n, const struct vmbp_ctx *c,
                                           void *o)
{
    return hand_empty(b, n, c, o, VMBP_MSG_PAUSE, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME);
}

NOINLINE enum vmbp_status bench_hand_pause_response(const void *b, size_t n,
                                                    const struct vmbp_ctx *c, void *o)
{
    return hand_empty(b, n, c, o, VMBP_MSG_PAUSE_RESPONSE, VMBP_VERSION_6_0,
                      VMBP_FEATURE_PAUSE_RESUME);
}

NOINLINE enum vmbp_status bench_hand_resume(const void *b, size_t n, const struct vmbp_ctx *c,
                                            void *o)
{
    return hand_empty(b, n, c, o, VMBP_MSG_RESUME, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME);
}

NOINLINE enum vmbp_status bench_hand_rescind(const void *b, size_t n, const struct vmbp_ctx *c,
                                             void *o)
{
    return hand_relid(b, n, c, o ? &((struct vmbp_rescind *)o)->child_relid : NULL,
                      VMBP_MSG_RESCIND_CHANNEL_OFFER, 0, 12);
}

NOINLINE enum vmbp_status bench_hand_close_channel(const void *b, size_t n,
                                                   const struct vmbp_ctx *c, void *o)
{
    return hand_relid(b, n, c, o ? &((struct vmbp_close_channel *)o)->child_relid : NULL,
                      VMBP_MSG_CLOSE_CHANNEL, 0, 12);
}

NOINLINE enum vmbp_status bench_hand_relid_released(const void *b, size_t n,
                                                    const struct vmbp_ctx *c, void *o)
{
    return hand_relid(b, n, c, o ? &((struct vmbp_relid_released *)o)->child_relid : NULL,
                      VMBP_MSG_RELID_RELEASED, 0, 12);
}

NOINLINE enum vmbp_status bench_hand_close_reserved_response(const void *b, size_t n,
                                                             const struct vmbp_ctx *c, void *o)
{
    return hand_relid(b, n, c,
                      o ? &((struct vmbp_close_reserved_response *)o)->child_relid : NULL,
                      VMBP_MSG_CLOSE_RESERVED_RESPONSE, VMBP_VERSION_4_0, 12);
}

NOINLINE enum vmbp_status bench_hand_offer(const void *buf, size_t len,
                                           const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_offer *out = (struct vmbp_offer *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_OFFER_CHANNEL);
    int v2;
    uint16_t flags, dedicated = 0;
    uint32_t relid, conn = 0;
    uint8_t monitor_id, allocated;

    if (st != VMBP_OK)
        return st;
    if (ctx->version == 0)
        return VMBP_E_NOT_NEGOTIATED;
    v2 = ctx->version >= VMBP_VERSION_1_1; /* 196 bytes from 1.1, 190 before */
    if (len < (v2 ? 196u : 190u))
        return VMBP_E_TRUNCATED;
    flags = vmbp_load_le16(p + 56);
    relid = vmbp_load_le32(p + 184);
    monitor_id = p[188];
    allocated = p[189];
    if (v2) {
        dedicated = vmbp_load_le16(p + 190);
        conn = vmbp_load_le32(p + 192);
    }
    if ((flags & (VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER |
                  VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY)) != 0 &&
        !hand_feature(ctx, VMBP_FEATURE_CONFIDENTIAL_CHANNELS))
        return VMBP_E_CONFIDENTIAL;
    if ((flags & VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY) != 0 &&
        (flags & VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER) == 0)
        return VMBP_E_CONFIDENTIAL_EXT;
    if ((flags & VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY) != 0 &&
        !hand_feature(ctx, VMBP_FEATURE_GPA_PINNING))
        return VMBP_E_FEATURE;
    if ((allocated & 0xFEu) != 0 || (dedicated & 0xFFFEu) != 0)
        return VMBP_E_RSVD_NONZERO;
    if (hand_relid_bad(relid))
        return VMBP_E_FIELD_RANGE;
    if ((allocated & 1u) != 0 && monitor_id > 127u)
        return VMBP_E_FIELD_RANGE;
    if (conn > 0xFFFFFFu)
        return VMBP_E_FIELD_RANGE;
    if (!out)
        return VMBP_OK;
    out->variant = v2 ? VMBP_MSGV_OFFER_CHANNEL : VMBP_MSGV_OFFER_CHANNEL_V1;
    memcpy(out->interface_type.bytes, p + 8, 16);
    memcpy(out->interface_instance.bytes, p + 24, 16);
    out->flags = flags;
    out->mmio_megabytes = vmbp_load_le16(p + 58);
    memcpy(out->user_defined, p + 60, 120);
    out->sub_channel_index = vmbp_load_le16(p + 180);
    out->mmio_megabytes_optional = vmbp_load_le16(p + 182);
    out->child_relid = relid;
    out->monitor_id = monitor_id;
    out->monitor_allocated = (uint8_t)(allocated & 1u);
    out->is_dedicated_interrupt = (uint16_t)(dedicated & 1u);
    out->connection_id = conn;
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_open_channel(const void *buf, size_t len,
                                                  const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_open_channel *out = (struct vmbp_open_channel *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_OPEN_CHANNEL);
    int sig;
    uint32_t relid, offset, conn = 0;
    uint16_t event_flag = 0, flags = 0;

    if (st != VMBP_OK)
        return st;
    if (ctx->version == 0)
        return VMBP_E_NOT_NEGOTIATED;
    sig = ctx->version >= VMBP_VERSION_6_0 &&
          (ctx->features & (VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS |
                            VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION)) != 0;
    if (len < (sig ? 156u : 148u))
        return VMBP_E_TRUNCATED;
    relid = vmbp_load_le32(p + 8);
    offset = vmbp_load_le32(p + 24);
    if (sig) {
        conn = vmbp_load_le32(p + 148);
        event_flag = vmbp_load_le16(p + 152);
        flags = vmbp_load_le16(p + 154);
        if ((conn != 0 || event_flag != 0) &&
            !hand_feature(ctx, VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS))
            return VMBP_E_FEATURE;
        if ((flags & 1u) != 0 && !hand_feature(ctx, VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION))
            return VMBP_E_FEATURE;
        if ((flags & 0xFFFEu) != 0)
            return VMBP_E_RSVD_NONZERO;
    }
    if (hand_relid_bad(relid) || offset == 0 || event_flag > 2047u || conn > 0xFFFFFFu)
        return VMBP_E_FIELD_RANGE;
    if (!out)
        return VMBP_OK;
    out->variant = sig ? VMBP_MSGV_OPEN_CHANNEL_SIGNAL : VMBP_MSGV_OPEN_CHANNEL;
    out->child_relid = relid;
    out->open_id = vmbp_load_le32(p + 12);
    out->ring_buffer_gpadl = vmbp_load_le32(p + 16);
    out->target_vp = vmbp_load_le32(p + 20);
    out->downstream_ring_buffer_page_offset = offset;
    memcpy(out->user_data, p + 28, 120);
    out->connection_id = conn;
    out->event_flag = event_flag;
    out->flags = flags;
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_open_result(const void *buf, size_t len,
                                                 const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_open_result *out = (struct vmbp_open_result *)o;
    enum vmbp_status st = hand_relid(buf, len, ctx, NULL, VMBP_MSG_OPEN_CHANNEL_RESULT, 0, 20u);

    if (st != VMBP_OK)
        return st;
    if (out) {
        out->child_relid = vmbp_load_le32(p + 8);
        out->open_id = vmbp_load_le32(p + 12);
        out->status = vmbp_load_le32(p + 16);
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_open_reserved_channel(const void *buf, size_t len,
                                                           const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_open_reserved_channel *out = (struct vmbp_open_reserved_channel *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_OPEN_RESERVED_CHANNEL);
    uint32_t relid, sint, offset;

    if (st != VMBP_OK)
        return st;
    st = hand_gate(ctx, VMBP_VERSION_4_0, 0);
    if (st != VMBP_OK)
        return st;
    if (len < 28u)
        return VMBP_E_TRUNCATED;
    relid = vmbp_load_le32(p + 8);
    sint = vmbp_load_le32(p + 16);
    offset = vmbp_load_le32(p + 24);
    if (hand_relid_bad(relid) || sint > 15u || offset == 0)
        return VMBP_E_FIELD_RANGE;
    if (out) {
        out->child_relid = relid;
        out->target_vp = vmbp_load_le32(p + 12);
        out->target_sint = sint;
        out->ring_buffer_gpadl = vmbp_load_le32(p + 20);
        out->downstream_ring_buffer_page_offset = offset;
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_close_reserved_channel(const void *buf, size_t len,
                                                            const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_close_reserved_channel *out = (struct vmbp_close_reserved_channel *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_CLOSE_RESERVED_CHANNEL);
    uint32_t relid, sint;

    if (st != VMBP_OK) /* valid in any state */
        return st;
    if (len < 20u)
        return VMBP_E_TRUNCATED;
    relid = vmbp_load_le32(p + 8);
    sint = vmbp_load_le32(p + 16);
    if (hand_relid_bad(relid) || sint > 15u)
        return VMBP_E_FIELD_RANGE;
    if (out) {
        out->child_relid = relid;
        out->target_vp = vmbp_load_le32(p + 12);
        out->target_sint = sint;
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_modify_channel(const void *buf, size_t len,
                                                    const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_modify_channel *out = (struct vmbp_modify_channel *)o;
    enum vmbp_status st =
        hand_relid(buf, len, ctx, NULL, VMBP_MSG_MODIFY_CHANNEL, VMBP_VERSION_4_1, 16u);

    if (st != VMBP_OK)
        return st;
    if (out) {
        out->child_relid = vmbp_load_le32(p + 8);
        out->target_vp = vmbp_load_le32(p + 12);
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_modify_channel_response(const void *buf, size_t len,
                                                             const struct vmbp_ctx *ctx,
                                                             void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_modify_channel_response *out = (struct vmbp_modify_channel_response *)o;
    enum vmbp_status st = hand_relid(buf, len, ctx, NULL, VMBP_MSG_MODIFY_CHANNEL_RESPONSE,
                                     VMBP_VERSION_5_3, 16u);

    if (st != VMBP_OK)
        return st;
    if (out) {
        out->child_relid = vmbp_load_le32(p + 8);
        out->status = vmbp_load_le32(p + 12);
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_gpadl_header(const void *buf, size_t len,
                                                  const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_gpadl_header *out = (struct vmbp_gpadl_header *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_GPADL_HEADER);
    uint32_t relid, total, avail, pos = 0, r, i;
    uint16_t buflen, count;

    if (st != VMBP_OK)
        return st;
    if (ctx->version == 0)
        return VMBP_E_NOT_NEGOTIATED;
    if (len < 20u)
        return VMBP_E_TRUNCATED;
    relid = vmbp_load_le32(p + 8);
    buflen = vmbp_load_le16(p + 16);
    count = vmbp_load_le16(p + 18);
    total = buflen / 8u;
    avail = (uint32_t)(len - 20u) / 8u;
    if (avail > total)
        avail = total;
    if (avail > 27u)
        avail = 27u;
    if (hand_relid_bad(relid))
        return VMBP_E_FIELD_RANGE;
    if (count == 0)
        return VMBP_E_GPADL_RANGE;
    if ((buflen & 7u) != 0 || buflen < 16u * count)
        return VMBP_E_LENGTH_FIELD;
    /* each range: a header word (byte count, byte offset), then one PFN per page */
    for (r = 0; r < count; r++) {
        uint64_t w, pages;

        if (pos >= total)
            return VMBP_E_LENGTH_FIELD;
        if (pos >= avail)
            break; /* the rest comes in GPADL_BODY messages */
        w = vmbp_load_le64(p + 20 + 8u * pos);
        if ((uint32_t)w == 0 || (w >> 32) >= 4096u)
            return VMBP_E_GPADL_RANGE;
        pages = ((w >> 32) + (uint32_t)w + 4095u) >> 12;
        if (pages > total - pos - 1u)
            return VMBP_E_LENGTH_FIELD;
        pos += 1u + (uint32_t)pages;
    }
    if (r == count && pos != total)
        return VMBP_E_LENGTH_FIELD;
    if (out) {
        out->child_relid = relid;
        out->gpadl = vmbp_load_le32(p + 12);
        out->range_buflen = buflen;
        out->rangecount = count;
        out->nwords = avail;
        for (i = 0; i < 27u; i++)
            out->words[i] = i < avail ? vmbp_load_le64(p + 20 + 8u * i) : 0;
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_gpadl_body(const void *buf, size_t len,
                                                const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_gpadl_body *out = (struct vmbp_gpadl_body *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_GPADL_BODY);
    uint32_t n, i;

    if (st != VMBP_OK)
        return st;
    if (ctx->version == 0)
        return VMBP_E_NOT_NEGOTIATED;
    if (len < 16u)
        return VMBP_E_TRUNCATED;
    n = (uint32_t)(len - 16u) / 8u;
    if (n > 28u)
        n = 28u;
    if (out) {
        out->msgnumber = vmbp_load_le32(p + 8);
        out->gpadl = vmbp_load_le32(p + 12);
        out->nwords = n;
        for (i = 0; i < 28u; i++)
            out->words[i] = i < n ? vmbp_load_le64(p + 16 + 8u * i) : 0;
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_gpadl_created(const void *buf, size_t len,
                                                   const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_gpadl_created *out = (struct vmbp_gpadl_created *)o;
    enum vmbp_status st = hand_relid(buf, len, ctx, NULL, VMBP_MSG_GPADL_CREATED, 0, 20u);

    if (st != VMBP_OK)
        return st;
    if (out) {
        out->child_relid = vmbp_load_le32(p + 8);
        out->gpadl = vmbp_load_le32(p + 12);
        out->creation_status = vmbp_load_le32(p + 16);
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_gpadl_teardown(const void *buf, size_t len,
                                                    const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_gpadl_teardown *out = (struct vmbp_gpadl_teardown *)o;
    enum vmbp_status st = hand_relid(buf, len, ctx, NULL, VMBP_MSG_GPADL_TEARDOWN, 0, 16u);

    if (st != VMBP_OK)
        return st;
    if (out) {
        out->child_relid = vmbp_load_le32(p + 8);
        out->gpadl = vmbp_load_le32(p + 12);
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_gpadl_torndown(const void *buf, size_t len,
                                                    const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_gpadl_torndown *out = (struct vmbp_gpadl_torndown *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_GPADL_TORNDOWN);

    if (st != VMBP_OK)
        return st;
    if (ctx->version == 0)
        return VMBP_E_NOT_NEGOTIATED;
    if (len < 12u)
        return VMBP_E_TRUNCATED;
    if (out)
        out->gpadl = vmbp_load_le32(p + 8);
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_initiate_contact(const void *buf, size_t len,
                                                      const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_initiate_contact *out = (struct vmbp_initiate_contact *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_INITIATE_CONTACT);
    enum vmbp_msg_variant v;
    uint32_t requested, flags;

    if (st != VMBP_OK) /* valid in any state */
        return st;
    if (len < 40u)
        return VMBP_E_TRUNCATED;
    /* the form follows the version and features the message requests */
    requested = vmbp_load_le32(p + 8);
    flags = vmbp_load_le32(p + 20);
    if (requested >= VMBP_VERSION_6_0)
        v = (flags & VMBP_FEATURE_CLIENT_ID) != 0 ? VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID
                                                  : VMBP_MSGV_INITIATE_CONTACT_FEATURES;
    else if (requested >= VMBP_VERSION_5_0)
        v = VMBP_MSGV_INITIATE_CONTACT_SINT;
    else
        v = VMBP_MSGV_INITIATE_CONTACT_IPAGE;
    if (v == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID && len < 56u)
        return VMBP_E_TRUNCATED;
    if (v != VMBP_MSGV_INITIATE_CONTACT_IPAGE) {
        if (p[18] != 0 || p[19] != 0 || (v == VMBP_MSGV_INITIATE_CONTACT_SINT && flags != 0))
            return VMBP_E_RSVD_NONZERO;
        if (p[16] > 15u || p[17] > 15u)
            return VMBP_E_FIELD_RANGE;
    }
    if (!out)
        return VMBP_OK;
    out->variant = v;
    out->version_requested = requested;
    out->target_message_vp = vmbp_load_le32(p + 12);
    out->interrupt_page = v == VMBP_MSGV_INITIATE_CONTACT_IPAGE ? vmbp_load_le64(p + 16) : 0;
    out->target_sint = v == VMBP_MSGV_INITIATE_CONTACT_IPAGE ? 0 : p[16];
    out->target_vtl = v == VMBP_MSGV_INITIATE_CONTACT_IPAGE ? 0 : p[17];
    out->feature_flags =
        v == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID || v == VMBP_MSGV_INITIATE_CONTACT_FEATURES
            ? flags
            : 0;
    out->parent_to_child_monitor_gpa = vmbp_load_le64(p + 24);
    out->child_to_parent_monitor_gpa = vmbp_load_le64(p + 32);
    if (v == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID)
        memcpy(out->client_id.bytes, p + 40, 16);
    else
        memset(out->client_id.bytes, 0, 16);
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_version_response(const void *buf, size_t len,
                                                      const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_version_response *out = (struct vmbp_version_response *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_VERSION_RESPONSE);
    uint32_t features = 0;
    uint64_t p2c = 0, c2p = 0;

    if (st != VMBP_OK) /* valid in any state; the form follows the length */
        return st;
    if (len < 16u)
        return VMBP_E_TRUNCATED;
    if (len >= 20u)
        features = vmbp_load_le32(p + 16);
    if (len >= 40u) {
        p2c = vmbp_load_le64(p + 24);
        c2p = vmbp_load_le64(p + 32);
        if ((features & VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES) != 0 && c2p == 0)
            return VMBP_E_FIELD_RANGE;
    }
    if (!out)
        return VMBP_OK;
    out->variant = len >= 40u   ? VMBP_MSGV_VERSION_RESPONSE_MONITOR
                   : len >= 20u ? VMBP_MSGV_VERSION_RESPONSE_FEATURES
                                : VMBP_MSGV_VERSION_RESPONSE;
    out->version_supported = p[8];
    out->connection_state = p[9];
    out->msg_conn_id = vmbp_load_le32(p + 12);
    out->supported_features = features;
    out->parent_to_child_monitor_gpa = p2c;
    out->child_to_parent_monitor_gpa = c2p;
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_modify_connection(const void *buf, size_t len,
                                                       const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_modify_connection *out = (struct vmbp_modify_connection *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_MODIFY_CONNECTION);

    if (st != VMBP_OK)
        return st;
    st = hand_gate(ctx, VMBP_VERSION_6_0, VMBP_FEATURE_MODIFY_CONNECTION);
    if (st != VMBP_OK)
        return st;
    if (len < 24u)
        return VMBP_E_TRUNCATED;
    if (out) {
        out->parent_to_child_monitor_gpa = vmbp_load_le64(p + 8);
        out->child_to_parent_monitor_gpa = vmbp_load_le64(p + 16);
    }
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_modify_connection_response(const void *buf, size_t len,
                                                                const struct vmbp_ctx *ctx,
                                                                void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_modify_connection_response *out = (struct vmbp_modify_connection_response *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_MODIFY_CONNECTION_RESPONSE);

    if (st != VMBP_OK)
        return st;
    st = hand_gate(ctx, VMBP_VERSION_6_0, VMBP_FEATURE_MODIFY_CONNECTION);
    if (st != VMBP_OK)
        return st;
    if (len < 9u)
        return VMBP_E_TRUNCATED;
    if (out)
        out->connection_state = p[8];
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_tl_connect_request(const void *buf, size_t len,
                                                        const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_tl_connect_request *out = (struct vmbp_tl_connect_request *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_TL_CONNECT_REQUEST);
    int silo;

    if (st != VMBP_OK)
        return st;
    if (ctx->version == 0)
        return VMBP_E_NOT_NEGOTIATED;
    silo = ctx->version >= VMBP_VERSION_5_2 && len >= 56u; /* the form by length from 5.2 */
    if (!silo) {
        if (ctx->version < VMBP_VERSION_4_0)
            return VMBP_E_VERSION;
        if (len < 40u)
            return VMBP_E_TRUNCATED;
    }
    if (!out)
        return VMBP_OK;
    out->variant = silo ? VMBP_MSGV_TL_CONNECT_REQUEST_SILO : VMBP_MSGV_TL_CONNECT_REQUEST;
    memcpy(out->endpoint_id.bytes, p + 8, 16);
    memcpy(out->service_id.bytes, p + 24, 16);
    if (silo)
        memcpy(out->silo_id.bytes, p + 40, 16);
    else
        memset(out->silo_id.bytes, 0, 16);
    return VMBP_OK;
}

NOINLINE enum vmbp_status bench_hand_tl_connect_result(const void *buf, size_t len,
                                                       const struct vmbp_ctx *ctx, void *o)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_tl_connect_result *out = (struct vmbp_tl_connect_result *)o;
    enum vmbp_status st = hand_head(p, len, ctx, VMBP_MSG_TL_CONNECT_RESULT);

    if (st != VMBP_OK)
        return st;
    st = hand_gate(ctx, VMBP_VERSION_4_1, 0);
    if (st != VMBP_OK)
        return st;
    if (len < 44u)
        return VMBP_E_TRUNCATED;
    if (out) {
        memcpy(out->endpoint_id.bytes, p + 8, 16);
        memcpy(out->service_id.bytes, p + 24, 16);
        out->status = vmbp_load_le32(p + 40);
    }
    return VMBP_OK;
}

/* nvariants: the variants of the type the two decoders were written for. */
#define BASE(type, nvariants, hand, ovmm)                                                      \
    {                                                                                          \
        type, nvariants, hand, #hand, ovmm, #ovmm                                              \
    }
static const struct bench_msg_base bases[] = {
    BASE(VMBP_MSG_OFFER_CHANNEL, 2, bench_hand_offer, bench_ovmm_offer),
    BASE(VMBP_MSG_RESCIND_CHANNEL_OFFER, 1, bench_hand_rescind, bench_ovmm_offer),
    BASE(VMBP_MSG_REQUEST_OFFERS, 1, bench_hand_request_offers, bench_ovmm_connect),
    BASE(VMBP_MSG_ALL_OFFERS_DELIVERED, 1, bench_hand_all_offers_delivered, bench_ovmm_connect),
    BASE(VMBP_MSG_OPEN_CHANNEL, 2, bench_hand_open_channel, bench_ovmm_channel),
    BASE(VMBP_MSG_OPEN_CHANNEL_RESULT, 1, bench_hand_open_result, bench_ovmm_channel),
    BASE(VMBP_MSG_CLOSE_CHANNEL, 1, bench_hand_close_channel, bench_ovmm_channel),
    BASE(VMBP_MSG_GPADL_HEADER, 1, bench_hand_gpadl_header, bench_ovmm_gpadl),
    BASE(VMBP_MSG_GPADL_BODY, 1, bench_hand_gpadl_body, bench_ovmm_gpadl),
    BASE(VMBP_MSG_GPADL_CREATED, 1, bench_hand_gpadl_created, bench_ovmm_gpadl),
    BASE(VMBP_MSG_GPADL_TEARDOWN, 1, bench_hand_gpadl_teardown, bench_ovmm_gpadl),
    BASE(VMBP_MSG_GPADL_TORNDOWN, 1, bench_hand_gpadl_torndown, bench_ovmm_gpadl),
    BASE(VMBP_MSG_RELID_RELEASED, 1, bench_hand_relid_released, bench_ovmm_offer),
    BASE(VMBP_MSG_INITIATE_CONTACT, 4, bench_hand_initiate_contact, bench_ovmm_connect),
    BASE(VMBP_MSG_VERSION_RESPONSE, 3, bench_hand_version_response, bench_ovmm_connect),
    BASE(VMBP_MSG_UNLOAD, 1, bench_hand_unload, bench_ovmm_connect),
    BASE(VMBP_MSG_UNLOAD_COMPLETE, 1, bench_hand_unload_complete, bench_ovmm_connect),
    BASE(VMBP_MSG_OPEN_RESERVED_CHANNEL, 1, bench_hand_open_reserved_channel,
         bench_ovmm_channel),
    BASE(VMBP_MSG_CLOSE_RESERVED_CHANNEL, 1, bench_hand_close_reserved_channel,
         bench_ovmm_channel),
    BASE(VMBP_MSG_CLOSE_RESERVED_RESPONSE, 1, bench_hand_close_reserved_response,
         bench_ovmm_channel),
    BASE(VMBP_MSG_TL_CONNECT_REQUEST, 2, bench_hand_tl_connect_request, bench_ovmm_hvsock),
    BASE(VMBP_MSG_MODIFY_CHANNEL, 1, bench_hand_modify_channel, bench_ovmm_channel),
    BASE(VMBP_MSG_TL_CONNECT_RESULT, 1, bench_hand_tl_connect_result, bench_ovmm_hvsock),
    BASE(VMBP_MSG_MODIFY_CHANNEL_RESPONSE, 1, bench_hand_modify_channel_response,
         bench_ovmm_channel),
    BASE(VMBP_MSG_MODIFY_CONNECTION, 1, bench_hand_modify_connection, bench_ovmm_connect),
    BASE(VMBP_MSG_MODIFY_CONNECTION_RESPONSE, 1, bench_hand_modify_connection_response,
         bench_ovmm_connect),
    BASE(VMBP_MSG_PAUSE, 1, bench_hand_pause, bench_ovmm_connect),
    BASE(VMBP_MSG_PAUSE_RESPONSE, 1, bench_hand_pause_response, bench_ovmm_connect),
    BASE(VMBP_MSG_RESUME, 1, bench_hand_resume, bench_ovmm_connect),
};

const struct bench_msg_base *bench_msg_base_of(uint32_t type)
{
    static uint32_t told; /* types already reported as stale, as bits */
    const struct vmbp_msg_type_info *ti = vmbp_msg_type_lookup(type);
    size_t i;

    for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
        if (bases[i].type != type)
            continue;
        /* a variant added to the table since: the baselines would disagree with the
         * library on its vectors, so the type is left out until they learn it */
        if (ti && ti->nvariants != bases[i].nvariants) {
            if ((told >> (type & 31u) & 1u) == 0)
                fprintf(stderr,
                        "bench: baselines of %s written for %u variants, the table has %u: "
                        "not measured\n",
                        ti->name, bases[i].nvariants, ti->nvariants);
            told |= 1u << (type & 31u);
            return NULL;
        }
        return &bases[i];
    }
    return NULL;
}
