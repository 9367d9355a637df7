/* SPDX-License-Identifier: MIT */
/**
 * @file msg_dispatch.h
 * @brief Any channel message: vmbp_msg_validate(), vmbp_msg_decode() into a tagged union,
 * vmbp_msg_encode() from it, and the field descriptors of any variant.
 *
 * This header sits on top of the message families (include order: msg.h, then
 * msg_connect.h, msg_offer.h, msg_channel.h, msg_gpadl.h, msg_hvsock.h, then this one), so
 * no family header depends on another family or on the dispatcher. Its requirements are
 * part of spec/msg.md.
 */
#ifndef VMBP_MSG_DISPATCH_H
#define VMBP_MSG_DISPATCH_H

#include "msg.h"
#include "msg_channel.h"
#include "msg_connect.h"
#include "msg_gpadl.h"
#include "msg_hvsock.h"
#include "msg_offer.h"
#include "port.h"
#include "status.h"
#include "version.h"

/** @defgroup vmbp_msg_dispatch Any message
 *  @brief Validate, decode and encode any channel message; field tables of any variant.
 *  @{
 */

/** @brief The decoded form of every message type; which member is valid follows @c type. */
union vmbp_msg_body {
    struct vmbp_offer offer;                                     /**< OFFER_CHANNEL */
    struct vmbp_rescind rescind;                                 /**< RESCIND_CHANNEL_OFFER */
    struct vmbp_msg_empty empty;                                 /**< the 7 header-only types */
    struct vmbp_open_channel open_channel;                       /**< OPEN_CHANNEL */
    struct vmbp_open_result open_result;                         /**< OPEN_CHANNEL_RESULT */
    struct vmbp_close_channel close_channel;                     /**< CLOSE_CHANNEL */
    struct vmbp_gpadl_header gpadl_header;                       /**< GPADL_HEADER */
    struct vmbp_gpadl_body gpadl_body;                           /**< GPADL_BODY */
    struct vmbp_gpadl_created gpadl_created;                     /**< GPADL_CREATED */
    struct vmbp_gpadl_teardown gpadl_teardown;                   /**< GPADL_TEARDOWN */
    struct vmbp_gpadl_torndown gpadl_torndown;                   /**< GPADL_TORNDOWN */
    struct vmbp_relid_released relid_released;                   /**< RELID_RELEASED */
    struct vmbp_initiate_contact initiate_contact;               /**< INITIATE_CONTACT */
    struct vmbp_version_response version_response;               /**< VERSION_RESPONSE */
    struct vmbp_open_reserved_channel open_reserved_channel;     /**< OPEN_RESERVED_CHANNEL */
    struct vmbp_close_reserved_channel close_reserved_channel;   /**< CLOSE_RESERVED_CHANNEL */
    struct vmbp_close_reserved_response close_reserved_response; /**< CLOSE_RESERVED_RESPONSE */
    struct vmbp_tl_connect_request tl_connect_request;           /**< TL_CONNECT_REQUEST */
    struct vmbp_modify_channel modify_channel;                   /**< MODIFY_CHANNEL */
    struct vmbp_tl_connect_result tl_connect_result;             /**< TL_CONNECT_RESULT */
    struct vmbp_modify_channel_response modify_channel_response; /**< MODIFY_CHANNEL_RESPONSE */
    struct vmbp_modify_connection modify_connection;             /**< MODIFY_CONNECTION */
    struct vmbp_modify_connection_response modify_connection_response; /**< its response */
};

/**
 * @brief Any decoded message. The field descriptors' host offsets are offsets into @c u
 * (every member starts at its beginning).
 */
struct vmbp_msg {
    uint32_t type; /**< message type */
    enum vmbp_msg_variant
        variant;           /**< variant; for multi-variant types equal to the member's */
    union vmbp_msg_body u; /**< the decoded fields */
};

#if defined(__cplusplus)
extern "C" {
#endif

/** @cond VMBP_INTERNAL */
/* Run the family decoder of `type`; out may be NULL (validate only). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_body(uint32_t type, const void *buf, size_t len,
                          const struct vmbp_ctx *ctx, union vmbp_msg_body *out)
{
#define VMBP_PRIV_M(member) (out ? &out->member : NULL)
    switch (type) {
    case VMBP_MSG_OFFER_CHANNEL:
        return vmbp_msg_offer_decode(buf, len, ctx, VMBP_PRIV_M(offer));
    case VMBP_MSG_RESCIND_CHANNEL_OFFER:
        return vmbp_msg_rescind_decode(buf, len, ctx, VMBP_PRIV_M(rescind));
    case VMBP_MSG_REQUEST_OFFERS:
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
    case VMBP_MSG_UNLOAD:
    case VMBP_MSG_UNLOAD_COMPLETE:
    case VMBP_MSG_PAUSE:
    case VMBP_MSG_PAUSE_RESPONSE:
    case VMBP_MSG_RESUME:
        return vmbp_msg_empty_decode(buf, len, ctx, VMBP_PRIV_M(empty));
    case VMBP_MSG_OPEN_CHANNEL:
        return vmbp_msg_open_channel_decode(buf, len, ctx, VMBP_PRIV_M(open_channel));
    case VMBP_MSG_OPEN_CHANNEL_RESULT:
        return vmbp_msg_open_result_decode(buf, len, ctx, VMBP_PRIV_M(open_result));
    case VMBP_MSG_CLOSE_CHANNEL:
        return vmbp_msg_close_channel_decode(buf, len, ctx, VMBP_PRIV_M(close_channel));
    case VMBP_MSG_GPADL_HEADER:
        return vmbp_msg_gpadl_header_decode(buf, len, ctx, VMBP_PRIV_M(gpadl_header));
    case VMBP_MSG_GPADL_BODY:
        return vmbp_msg_gpadl_body_decode(buf, len, ctx, VMBP_PRIV_M(gpadl_body));
    case VMBP_MSG_GPADL_CREATED:
        return vmbp_msg_gpadl_created_decode(buf, len, ctx, VMBP_PRIV_M(gpadl_created));
    case VMBP_MSG_GPADL_TEARDOWN:
        return vmbp_msg_gpadl_teardown_decode(buf, len, ctx, VMBP_PRIV_M(gpadl_teardown));
    case VMBP_MSG_GPADL_TORNDOWN:
        return vmbp_msg_gpadl_torndown_decode(buf, len, ctx, VMBP_PRIV_M(gpadl_torndown));
    case VMBP_MSG_RELID_RELEASED:
        return vmbp_msg_relid_released_decode(buf, len, ctx, VMBP_PRIV_M(relid_released));
    case VMBP_MSG_INITIATE_CONTACT:
        return vmbp_msg_initiate_contact_decode(buf, len, ctx, VMBP_PRIV_M(initiate_contact));
    case VMBP_MSG_VERSION_RESPONSE:
        return vmbp_msg_version_response_decode(buf, len, ctx, VMBP_PRIV_M(version_response));
    case VMBP_MSG_OPEN_RESERVED_CHANNEL:
        return vmbp_msg_open_reserved_channel_decode(buf, len, ctx,
                                                     VMBP_PRIV_M(open_reserved_channel));
    case VMBP_MSG_CLOSE_RESERVED_CHANNEL:
        return vmbp_msg_close_reserved_channel_decode(buf, len, ctx,
                                                      VMBP_PRIV_M(close_reserved_channel));
    case VMBP_MSG_CLOSE_RESERVED_RESPONSE:
        return vmbp_msg_close_reserved_response_decode(buf, len, ctx,
                                                       VMBP_PRIV_M(close_reserved_response));
    case VMBP_MSG_TL_CONNECT_REQUEST:
        return vmbp_msg_tl_connect_request_decode(buf, len, ctx,
                                                  VMBP_PRIV_M(tl_connect_request));
    case VMBP_MSG_MODIFY_CHANNEL:
        return vmbp_msg_modify_channel_decode(buf, len, ctx, VMBP_PRIV_M(modify_channel));
    case VMBP_MSG_TL_CONNECT_RESULT:
        return vmbp_msg_tl_connect_result_decode(buf, len, ctx, VMBP_PRIV_M(tl_connect_result));
    case VMBP_MSG_MODIFY_CHANNEL_RESPONSE:
        return vmbp_msg_modify_channel_response_decode(buf, len, ctx,
                                                       VMBP_PRIV_M(modify_channel_response));
    case VMBP_MSG_MODIFY_CONNECTION:
        return vmbp_msg_modify_connection_decode(buf, len, ctx, VMBP_PRIV_M(modify_connection));
    case VMBP_MSG_MODIFY_CONNECTION_RESPONSE:
        return vmbp_msg_modify_connection_response_decode(
            buf, len, ctx, VMBP_PRIV_M(modify_connection_response));
    default:
        return VMBP_E_UNKNOWN_TYPE;
    }
#undef VMBP_PRIV_M
}
/** @endcond */

/**
 * @brief Validate any channel message against the negotiated state and the direction the
 * caller accepts: every check its decoder makes, nothing written.
 *
 * Order (VMBP-MSG-002): framing (8..240 bytes, a known type), direction, negotiation
 * state, version and features (choosing the variant), the variant's size, reserved fields,
 * field ranges. The first failure is returned.
 * @param buf message (private memory: copy a SynIC slot first)
 * @param len bytes in @p buf (the SynIC payload size)
 * @param ctx negotiated state (version 0 before negotiation)
 * @param dir senders the caller accepts
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_validate(const void *buf, size_t len, const struct vmbp_ctx *ctx, enum vmbp_dir dir)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_msg_select(buf, len, ctx, dir, &v);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_body(vmbp_msg_variant_type(v), buf, len, ctx, NULL);
}

/**
 * @brief Validate and decode any channel message.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param dir senders the caller accepts
 * @param out decoded message, written on success only
 * @return VMBP_OK or the first failed check (as vmbp_msg_validate()); VMBP_E_INVAL for a
 * NULL @p out
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_decode(const void *buf, size_t len,
                                                             const struct vmbp_ctx *ctx,
                                                             enum vmbp_dir dir,
                                                             struct vmbp_msg *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    if (!out)
        return VMBP_E_INVAL;
    st = vmbp_msg_select(buf, len, ctx, dir, &v);
    if (st != VMBP_OK)
        return st;
    st = vmbp_priv_msg_decode_body(vmbp_msg_variant_type(v), buf, len, ctx, &out->u);
    if (st != VMBP_OK)
        return st;
    out->type = vmbp_msg_variant_type(v);
    out->variant = v;
    return VMBP_OK;
}

/**
 * @brief Encode any message from its decoded form.
 *
 * For the five multi-variant types the member's own @c variant is written and must equal
 * `in->variant`; for the others `in->variant` must be the type's only variant.
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL (unknown type, inconsistent variant, or the
 * family encoder's own refusal)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_encode(const struct vmbp_msg *in,
                                                             void *buf, size_t cap, size_t *len)
{
    enum vmbp_msg_variant member = VMBP_MSGV_NONE;

    if (!in || vmbp_msg_variant_type(in->variant) != in->type)
        return VMBP_E_INVAL;
    switch (in->type) {
    case VMBP_MSG_OFFER_CHANNEL:
        member = in->u.offer.variant;
        break;
    case VMBP_MSG_OPEN_CHANNEL:
        member = in->u.open_channel.variant;
        break;
    case VMBP_MSG_INITIATE_CONTACT:
        member = in->u.initiate_contact.variant;
        break;
    case VMBP_MSG_VERSION_RESPONSE:
        member = in->u.version_response.variant;
        break;
    case VMBP_MSG_TL_CONNECT_REQUEST:
        member = in->u.tl_connect_request.variant;
        break;
    default:
        member = in->variant;
        break;
    }
    if (member != in->variant)
        return VMBP_E_INVAL;
    switch (in->type) {
    case VMBP_MSG_OFFER_CHANNEL:
        return vmbp_msg_offer_encode(&in->u.offer, buf, cap, len);
    case VMBP_MSG_RESCIND_CHANNEL_OFFER:
        return vmbp_msg_rescind_encode(&in->u.rescind, buf, cap, len);
    case VMBP_MSG_REQUEST_OFFERS:
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
    case VMBP_MSG_UNLOAD:
    case VMBP_MSG_UNLOAD_COMPLETE:
    case VMBP_MSG_PAUSE:
    case VMBP_MSG_PAUSE_RESPONSE:
    case VMBP_MSG_RESUME: {
        struct vmbp_msg_empty e;

        e.type = in->type;
        return vmbp_msg_empty_encode(&e, buf, cap, len);
    }
    case VMBP_MSG_OPEN_CHANNEL:
        return vmbp_msg_open_channel_encode(&in->u.open_channel, buf, cap, len);
    case VMBP_MSG_OPEN_CHANNEL_RESULT:
        return vmbp_msg_open_result_encode(&in->u.open_result, buf, cap, len);
    case VMBP_MSG_CLOSE_CHANNEL:
        return vmbp_msg_close_channel_encode(&in->u.close_channel, buf, cap, len);
    case VMBP_MSG_GPADL_HEADER:
        return vmbp_msg_gpadl_header_encode(&in->u.gpadl_header, buf, cap, len);
    case VMBP_MSG_GPADL_BODY:
        return vmbp_msg_gpadl_body_encode(&in->u.gpadl_body, buf, cap, len);
    case VMBP_MSG_GPADL_CREATED:
        return vmbp_msg_gpadl_created_encode(&in->u.gpadl_created, buf, cap, len);
    case VMBP_MSG_GPADL_TEARDOWN:
        return vmbp_msg_gpadl_teardown_encode(&in->u.gpadl_teardown, buf, cap, len);
    case VMBP_MSG_GPADL_TORNDOWN:
        return vmbp_msg_gpadl_torndown_encode(&in->u.gpadl_torndown, buf, cap, len);
    case VMBP_MSG_RELID_RELEASED:
        return vmbp_msg_relid_released_encode(&in->u.relid_released, buf, cap, len);
    case VMBP_MSG_INITIATE_CONTACT:
        return vmbp_msg_initiate_contact_encode(&in->u.initiate_contact, buf, cap, len);
    case VMBP_MSG_VERSION_RESPONSE:
        return vmbp_msg_version_response_encode(&in->u.version_response, buf, cap, len);
    case VMBP_MSG_OPEN_RESERVED_CHANNEL:
        return vmbp_msg_open_reserved_channel_encode(&in->u.open_reserved_channel, buf, cap,
                                                     len);
    case VMBP_MSG_CLOSE_RESERVED_CHANNEL:
        return vmbp_msg_close_reserved_channel_encode(&in->u.close_reserved_channel, buf, cap,
                                                      len);
    case VMBP_MSG_CLOSE_RESERVED_RESPONSE:
        return vmbp_msg_close_reserved_response_encode(&in->u.close_reserved_response, buf, cap,
                                                       len);
    case VMBP_MSG_TL_CONNECT_REQUEST:
        return vmbp_msg_tl_connect_request_encode(&in->u.tl_connect_request, buf, cap, len);
    case VMBP_MSG_MODIFY_CHANNEL:
        return vmbp_msg_modify_channel_encode(&in->u.modify_channel, buf, cap, len);
    case VMBP_MSG_TL_CONNECT_RESULT:
        return vmbp_msg_tl_connect_result_encode(&in->u.tl_connect_result, buf, cap, len);
    case VMBP_MSG_MODIFY_CHANNEL_RESPONSE:
        return vmbp_msg_modify_channel_response_encode(&in->u.modify_channel_response, buf, cap,
                                                       len);
    case VMBP_MSG_MODIFY_CONNECTION:
        return vmbp_msg_modify_connection_encode(&in->u.modify_connection, buf, cap, len);
    case VMBP_MSG_MODIFY_CONNECTION_RESPONSE:
        return vmbp_msg_modify_connection_response_encode(&in->u.modify_connection_response,
                                                          buf, cap, len);
    default:
        return VMBP_E_INVAL;
    }
}

/**
 * @brief Field descriptors of any variant (for tools: print every field with its name,
 * offset and meaning; for tests: compare decoded values by name).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, NULL for VMBP_MSGV_NONE and unknown values
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_fields(enum vmbp_msg_variant v, size_t *n)
{
    const struct vmbp_msg_field *f;

    f = vmbp_msg_connect_fields(v, n);
    if (!f)
        f = vmbp_msg_offer_fields(v, n);
    if (!f)
        f = vmbp_msg_channel_fields(v, n);
    if (!f)
        f = vmbp_msg_gpadl_fields(v, n);
    if (!f)
        f = vmbp_msg_hvsock_fields(v, n);
    return f;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_DISPATCH_H */
