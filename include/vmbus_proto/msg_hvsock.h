/* SPDX-License-Identifier: MIT */
/**
 * @file msg_hvsock.h
 * @brief hv_sock messages: TL_CONNECT_REQUEST (40 and 56 bytes), TL_CONNECT_RESULT, and the
 * hv_sock overlay of an offer's user data.
 *
 * A guest connects to a host service by sending TL_CONNECT_REQUEST; the host answers with
 * an offer flagged TLNPI_PROVIDER whose user data carries the hv_sock parameters, or with
 * TL_CONNECT_RESULT carrying a failure. Codec conventions as in msg_connect.h; the structs
 * and the codec are generated from gen/msg.toml (the blocks marked "generated").
 *
 * Sources: Linux `include/linux/hyperv.h` (`vmbus_channel_tl_connect_request`),
 * `net/vmw_vsock/hyperv_transport.c` (reads user data byte 0 as "connection from host");
 * OpenVMM `vm/devices/vmbus/vmbus_core/src/protocol.rs` (`TlConnectRequest[2]`,
 * `TlConnectResult`, `HvsockUserDefinedParameters`); mu_msvm
 * `MsvmPkg/VmbusDxe/ChannelMessages.h`. Specification: spec/msg_hvsock.md.
 */
#ifndef VMBP_MSG_HVSOCK_H
#define VMBP_MSG_HVSOCK_H

#include "endian.h"
#include "msg.h"
#include "msg_offer.h"
#include "port.h"
#include "status.h"
#include "version.h"

/** @defgroup vmbp_msg_hvsock hv_sock messages
 *  @brief TL_CONNECT_REQUEST, TL_CONNECT_RESULT and the hv_sock offer overlay.
 *  @{
 */

/** @brief hv_sock parameters before RS5: no silo ID (OpenVMM `HvsockParametersVersion`). */
#define VMBP_HVSOCK_VERSION_PRE_RS5 0u
/** @brief hv_sock parameters from RS5: with silo ID. */
#define VMBP_HVSOCK_VERSION_RS5 1u

/* @generated begin structs: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/**
 * @brief TL_CONNECT_REQUEST (40 bytes, from 4.0).
 */
struct vmbp_tl_connect_request_wire {
    struct vmbp_msg_header_wire hdr; /**< type 21 */
    uint8_t endpoint_id[16];         /**< Linux `guest_endpoint_id` */
    uint8_t service_id[16];          /**< Linux `host_service_id` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_request_wire) == 40,
                   vmbp_tl_connect_request_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_wire, hdr) == 0,
                   vmbp_tl_connect_request_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_wire, endpoint_id) == 8,
                   vmbp_tl_connect_request_endpoint_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_wire, service_id) == 24,
                   vmbp_tl_connect_request_service_id);

/**
 * @brief TL_CONNECT_REQUEST with the silo ID (56 bytes, from 5.2; OpenVMM
 * `TlConnectRequest2`, mu_msvm `SiloId`; not in Linux). Selected by length: a 40-byte
 * request is still accepted from 5.2 ("some clients send the old message", OpenVMM).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 16 | endpoint_id | the guest's endpoint |
 * | 24 | 16 | service_id | the host service |
 * | 40 | 16 | silo_id | the silo (5.2) |
 */
struct vmbp_tl_connect_request_silo_wire {
    struct vmbp_msg_header_wire hdr; /**< type 21 */
    uint8_t endpoint_id[16];         /**< the guest's endpoint */
    uint8_t service_id[16];          /**< the host service */
    uint8_t silo_id[16];             /**< the container (silo) to connect in */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_request_silo_wire) == 56,
                   vmbp_tl_connect_request_silo_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_silo_wire, hdr) == 0,
                   vmbp_tl_connect_request_silo_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_silo_wire, endpoint_id) == 8,
                   vmbp_tl_connect_request_silo_endpoint_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_silo_wire, service_id) == 24,
                   vmbp_tl_connect_request_silo_service_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_silo_wire, silo_id) == 40,
                   vmbp_tl_connect_request_silo_silo_id);

/**
 * @brief TL_CONNECT_RESULT (44 bytes, from 4.1; OpenVMM `TL_CONNECT_REQUEST_RESULT`, Linux
 * `CHANNELMSG_TL_CONNECT_RESULT` without a handler).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 16 | endpoint_id | the request's endpoint |
 * | 24 | 16 | service_id | the request's service |
 * | 40 | 4 | status | NTSTATUS |
 */
struct vmbp_tl_connect_result_wire {
    struct vmbp_msg_header_wire hdr; /**< type 23 */
    uint8_t endpoint_id[16];         /**< the request's endpoint */
    uint8_t service_id[16];          /**< the request's service */
    uint32_t status;                 /**< NTSTATUS, e.g. VMBP_NTSTATUS_CONNECTION_REFUSED */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_result_wire) == 44,
                   vmbp_tl_connect_result_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_result_wire, hdr) == 0,
                   vmbp_tl_connect_result_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_result_wire, endpoint_id) == 8,
                   vmbp_tl_connect_result_endpoint_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_result_wire, service_id) == 24,
                   vmbp_tl_connect_result_service_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_result_wire, status) == 40,
                   vmbp_tl_connect_result_status);

/**
 * @brief The hv_sock overlay of an offer's user data (offer flag TLNPI_PROVIDER), at
 * message offset 60 (OpenVMM `HvsockUserDefinedParameters`, 28 bytes). @c version and
 * @c silo_id are not aligned: byte arrays, read through the byte accessors.
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 0 | 4 | pipe_type | VMBP_PIPE_TYPE_BYTE |
 * | 4 | 1 | is_for_guest_accept | 1: the host connects to a listening guest |
 * | 5 | 1 | is_for_guest_container | 1: for a container in the guest |
 * | 6 | 4 | version | VMBP_HVSOCK_VERSION_* |
 * | 10 | 16 | silo_id | RS5: the silo |
 * | 26 | 2 | rsvdz0 | RS5: zero |
 */
struct vmbp_offer_hvsock_wire {
    uint32_t pipe_type;             /**< pipe type */
    uint8_t is_for_guest_accept;    /**< Linux reads it as `conn_from_host` */
    uint8_t is_for_guest_container; /**< for a guest container */
    uint8_t version[4];             /**< little-endian u32 at an odd offset */
    uint8_t silo_id[16];            /**< GUID at an unaligned offset */
    uint8_t rsvdz0[2];              /**< OpenVMM `_padding` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_hvsock_wire) == 28, vmbp_offer_hvsock_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, pipe_type) == 0,
                   vmbp_offer_hvsock_pipe_type);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_accept) == 4,
                   vmbp_offer_hvsock_is_for_guest_accept);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_container) == 5,
                   vmbp_offer_hvsock_is_for_guest_container);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, version) == 6,
                   vmbp_offer_hvsock_version);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, silo_id) == 10,
                   vmbp_offer_hvsock_silo_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, rsvdz0) == 26,
                   vmbp_offer_hvsock_rsvdz0);

/**
 * @brief TL_CONNECT_REQUEST, decoded; @c silo_id only in the _SILO variant.
 */
struct vmbp_tl_connect_request {
    enum vmbp_msg_variant variant; /**< TL_CONNECT_REQUEST or TL_CONNECT_REQUEST_SILO */
    struct vmbp_guid endpoint_id;  /**< the guest's endpoint */
    struct vmbp_guid service_id;   /**< the host service */
    struct vmbp_guid silo_id;      /**< _SILO variant only */
};

/**
 * @brief TL_CONNECT_RESULT, decoded.
 */
struct vmbp_tl_connect_result {
    struct vmbp_guid endpoint_id; /**< the request's endpoint */
    struct vmbp_guid service_id;  /**< the request's service */
    uint32_t status;              /**< NTSTATUS, any value */
};

/**
 * @brief The hv_sock overlay, decoded.
 */
struct vmbp_offer_hvsock {
    uint32_t pipe_type;             /**< VMBP_PIPE_TYPE_BYTE or _MESSAGE */
    uint8_t is_for_guest_accept;    /**< 0 or 1 */
    uint8_t is_for_guest_container; /**< 0 or 1 */
    uint32_t version;               /**< VMBP_HVSOCK_VERSION_PRE_RS5 or _RS5 */
    struct vmbp_guid silo_id;       /**< RS5 only, else zero */
};

VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_request_silo_wire) == 56,
                   vmbp_msgv_tl_connect_request_silo_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_request_wire) == 40,
                   vmbp_msgv_tl_connect_request_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_result_wire) == 44,
                   vmbp_msgv_tl_connect_result_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_hvsock_wire) <= VMBP_OFFER_USER_DEFINED_SIZE,
                   vmbp_overlay_hvsock_size);
/* @generated end structs */

#if defined(__cplusplus)
extern "C" {
#endif

/* @generated begin codec: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/** @cond VMBP_INTERNAL */
static const struct vmbp_msg_field vmbp_priv_fields_tl_connect_request_silo[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"endpoint_id", "the guest's endpoint",
     (uint16_t)(offsetof(struct vmbp_tl_connect_request_silo_wire, endpoint_id)), 16u,
     (uint16_t)offsetof(struct vmbp_tl_connect_request, endpoint_id),
     (uint8_t)VMBP_MSG_FIELD_GUID, (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"service_id", "the host service",
     (uint16_t)(offsetof(struct vmbp_tl_connect_request_silo_wire, service_id)), 16u,
     (uint16_t)offsetof(struct vmbp_tl_connect_request, service_id),
     (uint8_t)VMBP_MSG_FIELD_GUID, (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"silo_id", "the silo (5.2)",
     (uint16_t)(offsetof(struct vmbp_tl_connect_request_silo_wire, silo_id)), 16u,
     (uint16_t)offsetof(struct vmbp_tl_connect_request, silo_id), (uint8_t)VMBP_MSG_FIELD_GUID,
     (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
};
static const struct vmbp_msg_field vmbp_priv_fields_tl_connect_request[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"endpoint_id", "the guest's endpoint",
     (uint16_t)(offsetof(struct vmbp_tl_connect_request_wire, endpoint_id)), 16u,
     (uint16_t)offsetof(struct vmbp_tl_connect_request, endpoint_id),
     (uint8_t)VMBP_MSG_FIELD_GUID, (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"service_id", "the host service",
     (uint16_t)(offsetof(struct vmbp_tl_connect_request_wire, service_id)), 16u,
     (uint16_t)offsetof(struct vmbp_tl_connect_request, service_id),
     (uint8_t)VMBP_MSG_FIELD_GUID, (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
};
static const struct vmbp_msg_field vmbp_priv_fields_tl_connect_result[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"endpoint_id", "the request's endpoint",
     (uint16_t)(offsetof(struct vmbp_tl_connect_result_wire, endpoint_id)), 16u,
     (uint16_t)offsetof(struct vmbp_tl_connect_result, endpoint_id),
     (uint8_t)VMBP_MSG_FIELD_GUID, (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"service_id", "the request's service",
     (uint16_t)(offsetof(struct vmbp_tl_connect_result_wire, service_id)), 16u,
     (uint16_t)offsetof(struct vmbp_tl_connect_result, service_id),
     (uint8_t)VMBP_MSG_FIELD_GUID, (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"status", "NTSTATUS", (uint16_t)(offsetof(struct vmbp_tl_connect_result_wire, status)), 4u,
     (uint16_t)offsetof(struct vmbp_tl_connect_result, status), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_NTSTATUS, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};

VMBP_STATIC_ASSERT((VMBP_HVSOCK_VERSION_RS5) == 1u,
                   vmbp_msg_hvsock_table_vmbp_hvsock_version_rs5);
VMBP_STATIC_ASSERT((VMBP_PIPE_TYPE_BYTE) == 0u, vmbp_msg_hvsock_table_vmbp_pipe_type_byte);
VMBP_STATIC_ASSERT((VMBP_PIPE_TYPE_MESSAGE) == 4u,
                   vmbp_msg_hvsock_table_vmbp_pipe_type_message);

/* TL_CONNECT_REQUEST: the decoder of its variants: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_tl_connect_request(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_tl_connect_request *out, struct vmbp_msg_fault *fault)
{
    (void)ctx;
    (void)fault;
    if (len < (v == VMBP_MSGV_TL_CONNECT_REQUEST_SILO
                   ? sizeof(struct vmbp_tl_connect_request_silo_wire)
                   : sizeof(struct vmbp_tl_connect_request_wire)))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->variant = v;
        VMBP_MEMCPY(out->endpoint_id.bytes,
                    p + offsetof(struct vmbp_tl_connect_request_silo_wire, endpoint_id), 16);
        VMBP_MEMCPY(out->service_id.bytes,
                    p + offsetof(struct vmbp_tl_connect_request_silo_wire, service_id), 16);
        if (v == VMBP_MSGV_TL_CONNECT_REQUEST_SILO) {
            VMBP_MEMCPY(out->silo_id.bytes,
                        p + offsetof(struct vmbp_tl_connect_request_silo_wire, silo_id), 16);
        } else {
            VMBP_MEMSET(&out->silo_id, 0, sizeof(out->silo_id));
        }
    }
    return VMBP_OK;
}

/* TL_CONNECT_RESULT: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_tl_connect_result(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_tl_connect_result *out, struct vmbp_msg_fault *fault)
{
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_tl_connect_result_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        VMBP_MEMCPY(out->endpoint_id.bytes,
                    p + offsetof(struct vmbp_tl_connect_result_wire, endpoint_id), 16);
        VMBP_MEMCPY(out->service_id.bytes,
                    p + offsetof(struct vmbp_tl_connect_result_wire, service_id), 16);
        out->status = vmbp_load_le32(p + offsetof(struct vmbp_tl_connect_result_wire, status));
    }
    return VMBP_OK;
}

/* TL_CONNECT_REQUEST: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_tl_connect_request(const uint8_t *p, size_t len,
                                        const struct vmbp_ctx *ctx,
                                        struct vmbp_tl_connect_request *out,
                                        struct vmbp_msg_fault *fault,
                                        enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_tl_connect_request(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_tl_connect_request(p, len, ctx, v, out, fault);
}

/* TL_CONNECT_RESULT: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_tl_connect_result(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                       struct vmbp_tl_connect_result *out,
                                       struct vmbp_msg_fault *fault,
                                       enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_tl_connect_result(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_tl_connect_result(p, len, ctx, v, out, fault);
}

/** @endcond */

/**
 * @brief Decode TL_CONNECT_REQUEST.
 *
 * From 4.0: the 56-byte form from 5.2 when the message is at least 56 bytes, else the
 * 40-byte form (VMBP-HVSOCK-001). No field checks.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * no field checks.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_tl_connect_request_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                   struct vmbp_tl_connect_request *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_TL_CONNECT_REQUEST, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_tl_connect_request((const uint8_t *)buf, len, ctx, out, NULL,
                                                   &v);
}

/**
 * @brief Encode TL_CONNECT_REQUEST in the form `in->variant` names (56 or 40 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_tl_connect_request_encode(const struct vmbp_tl_connect_request *in, void *buf,
                                   size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_TL_CONNECT_REQUEST, in->variant,
                                    vmbp_msg_variant_size(in->variant), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_MEMCPY(p + offsetof(struct vmbp_tl_connect_request_silo_wire, endpoint_id),
                in->endpoint_id.bytes, 16);
    VMBP_MEMCPY(p + offsetof(struct vmbp_tl_connect_request_silo_wire, service_id),
                in->service_id.bytes, 16);
    if (in->variant == VMBP_MSGV_TL_CONNECT_REQUEST_SILO)
        VMBP_MEMCPY(p + offsetof(struct vmbp_tl_connect_request_silo_wire, silo_id),
                    in->silo_id.bytes, 16);
    return VMBP_OK;
}

/**
 * @brief Decode TL_CONNECT_RESULT.
 *
 * No field checks (VMBP-HVSOCK-002).
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * no field checks.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_tl_connect_result_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                  struct vmbp_tl_connect_result *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_TL_CONNECT_RESULT, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_tl_connect_result((const uint8_t *)buf, len, ctx, out, NULL,
                                                  &v);
}

/**
 * @brief Encode TL_CONNECT_RESULT (44 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_tl_connect_result_encode(const struct vmbp_tl_connect_result *in, void *buf,
                                  size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_TL_CONNECT_RESULT, VMBP_MSGV_TL_CONNECT_RESULT,
                                    sizeof(struct vmbp_tl_connect_result_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_MEMCPY(p + offsetof(struct vmbp_tl_connect_result_wire, endpoint_id),
                in->endpoint_id.bytes, 16);
    VMBP_MEMCPY(p + offsetof(struct vmbp_tl_connect_result_wire, service_id),
                in->service_id.bytes, 16);
    vmbp_store_le32(p + offsetof(struct vmbp_tl_connect_result_wire, status), in->status);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the hvsock family's variants (TL_CONNECT_REQUEST_SILO, TL_CONNECT_REQUEST, TL_CONNECT_RESULT).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL (and @p n untouched) for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_hvsock_fields(enum vmbp_msg_variant v,
                                                                size_t *n)
{
    const struct vmbp_msg_field *tab;
    size_t count;

    switch (v) {
    case VMBP_MSGV_TL_CONNECT_REQUEST_SILO:
        tab = vmbp_priv_fields_tl_connect_request_silo;
        count = sizeof(vmbp_priv_fields_tl_connect_request_silo) /
                sizeof(vmbp_priv_fields_tl_connect_request_silo[0]);
        break;
    case VMBP_MSGV_TL_CONNECT_REQUEST:
        tab = vmbp_priv_fields_tl_connect_request;
        count = sizeof(vmbp_priv_fields_tl_connect_request) /
                sizeof(vmbp_priv_fields_tl_connect_request[0]);
        break;
    case VMBP_MSGV_TL_CONNECT_RESULT:
        tab = vmbp_priv_fields_tl_connect_result;
        count = sizeof(vmbp_priv_fields_tl_connect_result) /
                sizeof(vmbp_priv_fields_tl_connect_result[0]);
        break;
    default:
        return NULL;
    }
    if (n)
        *n = count;
    return tab;
}

/** @cond VMBP_INTERNAL */
static const struct vmbp_msg_field vmbp_priv_fields_overlay_hvsock[] = {
    {"pipe_type", "pipe type",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_hvsock_wire, pipe_type)),
     4u, (uint16_t)offsetof(struct vmbp_offer_hvsock, pipe_type), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_PIPE_TYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"is_for_guest_accept", "1: the host connects to a listening guest socket",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_accept)),
     1u, (uint16_t)offsetof(struct vmbp_offer_hvsock, is_for_guest_accept),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_BOOL, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"is_for_guest_container", "1: for a container in the guest",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_container)),
     1u, (uint16_t)offsetof(struct vmbp_offer_hvsock, is_for_guest_container),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_BOOL, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"version", "parameters version: 0 pre-RS5, 1 RS5",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_hvsock_wire, version)),
     4u, (uint16_t)offsetof(struct vmbp_offer_hvsock, version), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"silo_id", "silo (RS5)",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_hvsock_wire, silo_id)),
     16u, (uint16_t)offsetof(struct vmbp_offer_hvsock, silo_id), (uint8_t)VMBP_MSG_FIELD_GUID,
     (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"rsvdz0", "padding (RS5), zero",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_hvsock_wire, rsvdz0)),
     2u, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_BYTES, (uint8_t)VMBP_MSG_ENDIAN_NONE},
};

/* The hvsock overlay's checks in order (VMBP-MSG-104), then the decoded struct. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_offer_hvsock_get(const struct vmbp_offer *offer, struct vmbp_offer_hvsock *out,
                               struct vmbp_msg_fault *fault)
{
    const uint8_t *p;
    uint32_t pipe_type;
    uint8_t is_for_guest_accept;
    uint8_t is_for_guest_container;
    uint32_t version;

    if (!offer)
        return VMBP_E_INVAL;
    p = offer->user_defined;
    pipe_type = vmbp_load_le32(p + offsetof(struct vmbp_offer_hvsock_wire, pipe_type));
    is_for_guest_accept = p[offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_accept)];
    is_for_guest_container = p[offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_container)];
    version = vmbp_load_le32(p + offsetof(struct vmbp_offer_hvsock_wire, version));
    if (version == VMBP_HVSOCK_VERSION_RS5 &&
        (!vmbp_priv_msg_zero(p + offsetof(struct vmbp_offer_hvsock_wire, rsvdz0), 2u)))
        return vmbp_priv_msg_fail(fault, VMBP_E_RSVD_NONZERO, 0u, 0u, 0u);
    if (pipe_type != VMBP_PIPE_TYPE_BYTE && pipe_type != VMBP_PIPE_TYPE_MESSAGE)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 1u, pipe_type, 0u);
    if (is_for_guest_accept > 1u)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 2u, is_for_guest_accept, 0u);
    if (is_for_guest_container > 1u)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 3u, is_for_guest_container, 0u);
    if (version > VMBP_HVSOCK_VERSION_RS5)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 4u, version, 0u);
    if (out) {
        out->pipe_type = pipe_type;
        out->is_for_guest_accept = is_for_guest_accept;
        out->is_for_guest_container = is_for_guest_container;
        out->version = version;
        if (version == VMBP_HVSOCK_VERSION_RS5) {
            VMBP_MEMCPY(out->silo_id.bytes,
                        p + offsetof(struct vmbp_offer_hvsock_wire, silo_id), 16);
        } else {
            VMBP_MEMSET(&out->silo_id, 0, sizeof(out->silo_id));
        }
    }
    return VMBP_OK;
}
/** @endcond */

/**
 * @brief Read the hv_sock overlay of an offer's user data.
 *
 * Offers with TLNPI_PROVIDER; the caller checks the flag. With PRE_RS5 the silo ID
 * decodes as zero.
 *
 * Checks, in order:
 * - rsvdz0: 0 (with version 1), else VMBP_E_RSVD_NONZERO (VMBP-HVSOCK-003); only when version is 1
 * - pipe_type: 0 (byte) or 4 (message), else VMBP_E_FIELD_RANGE (VMBP-HVSOCK-003)
 * - is_for_guest_accept: 0 or 1, else VMBP_E_FIELD_RANGE (VMBP-HVSOCK-003)
 * - is_for_guest_container: 0 or 1, else VMBP_E_FIELD_RANGE (VMBP-HVSOCK-003)
 * - version: 0 (pre-RS5) or 1 (RS5), else VMBP_E_FIELD_RANGE (VMBP-HVSOCK-003)
 * @param offer decoded offer
 * @param out   overlay, written on success only
 * @return VMBP_OK, a failed check, VMBP_E_INVAL for NULL arguments
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_hvsock_get(const struct vmbp_offer *offer, struct vmbp_offer_hvsock *out)
{
    if (!out)
        return VMBP_E_INVAL;
    return vmbp_priv_msg_offer_hvsock_get(offer, out, NULL);
}

/**
 * @brief Write the hv_sock overlay into an offer's user data (its first 28 bytes, zeroed first; the rest is left as it is).
 * Fields of another version (silo_id when version is 1) are not written.
 * @param offer offer to modify
 * @param in    overlay
 * @return VMBP_OK, VMBP_E_INVAL for NULL arguments
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_hvsock_set(struct vmbp_offer *offer, const struct vmbp_offer_hvsock *in)
{
    uint8_t *p;

    if (!offer || !in)
        return VMBP_E_INVAL;
    p = offer->user_defined;
    VMBP_MEMSET(p, 0, 28u);
    vmbp_store_le32(p + offsetof(struct vmbp_offer_hvsock_wire, pipe_type), in->pipe_type);
    p[offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_accept)] =
        (uint8_t)(in->is_for_guest_accept);
    p[offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_container)] =
        (uint8_t)(in->is_for_guest_container);
    vmbp_store_le32(p + offsetof(struct vmbp_offer_hvsock_wire, version), in->version);
    if (in->version == 1u)
        VMBP_MEMCPY(p + offsetof(struct vmbp_offer_hvsock_wire, silo_id), in->silo_id.bytes,
                    16);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the hvsock overlay (message offsets; host offsets into
 * `struct vmbp_offer_hvsock`).
 * @param n receives the number of entries (may be NULL)
 * @return a static table
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_offer_hvsock_fields(size_t *n)
{
    if (n)
        *n = sizeof(vmbp_priv_fields_overlay_hvsock) /
             sizeof(vmbp_priv_fields_overlay_hvsock[0]);
    return vmbp_priv_fields_overlay_hvsock;
}
/* @generated end codec */

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_HVSOCK_H */
