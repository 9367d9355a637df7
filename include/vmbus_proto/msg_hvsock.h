/* SPDX-License-Identifier: MIT */
/**
 * @file msg_hvsock.h
 * @brief hv_sock messages: TL_CONNECT_REQUEST (40 and 56 bytes), TL_CONNECT_RESULT, and the
 * hv_sock overlay of an offer's user data.
 *
 * A guest connects to a host service by sending TL_CONNECT_REQUEST; the host answers with
 * an offer flagged TLNPI_PROVIDER whose user data carries the hv_sock parameters, or with
 * TL_CONNECT_RESULT carrying a failure. Codec conventions as in msg_connect.h.
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

/**
 * @brief TL_CONNECT_REQUEST (40 bytes, from 4.0).
 *
 * | offset | size | field       | meaning                          |
 * |--------|------|-------------|----------------------------------|
 * | 8      | 16   | endpoint_id | the guest's endpoint             |
 * | 24     | 16   | service_id  | the host service to connect to   |
 */
struct vmbp_tl_connect_request_wire {
    struct vmbp_msg_header_wire hdr; /**< type 21 */
    uint8_t endpoint_id[16];         /**< Linux `guest_endpoint_id` */
    uint8_t service_id[16];          /**< Linux `host_service_id` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_request_wire) == 40, vmbp_tl_req_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_wire, hdr) == 0, vmbp_tl_req_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_wire, endpoint_id) == 8,
                   vmbp_tl_req_endpoint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_wire, service_id) == 24,
                   vmbp_tl_req_service);

/**
 * @brief TL_CONNECT_REQUEST with the silo ID (56 bytes, from 5.2; OpenVMM
 * `TlConnectRequest2`, mu_msvm `SiloId`; not in Linux). Selected by length: a 40-byte
 * request is still accepted from 5.2 ("some clients send the old message", OpenVMM).
 */
struct vmbp_tl_connect_request_silo_wire {
    struct vmbp_msg_header_wire hdr; /**< type 21 */
    uint8_t endpoint_id[16];         /**< the guest's endpoint */
    uint8_t service_id[16];          /**< the host service */
    uint8_t silo_id[16];             /**< the container (silo) to connect in */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_request_silo_wire) == 56, vmbp_tl_req2_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_silo_wire, hdr) == 0,
                   vmbp_tl_req2_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_silo_wire, endpoint_id) == 8,
                   vmbp_tl_req2_endpoint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_silo_wire, service_id) == 24,
                   vmbp_tl_req2_service);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_request_silo_wire, silo_id) == 40,
                   vmbp_tl_req2_silo);

/** @brief TL_CONNECT_REQUEST, decoded; @c silo_id only in the _SILO variant. */
struct vmbp_tl_connect_request {
    enum vmbp_msg_variant variant; /**< TL_CONNECT_REQUEST or TL_CONNECT_REQUEST_SILO */
    struct vmbp_guid endpoint_id;  /**< the guest's endpoint */
    struct vmbp_guid service_id;   /**< the host service */
    struct vmbp_guid silo_id;      /**< _SILO variant only */
};

/**
 * @brief TL_CONNECT_RESULT (44 bytes, from 4.1; OpenVMM `TL_CONNECT_REQUEST_RESULT`, Linux
 * `CHANNELMSG_TL_CONNECT_RESULT` without a handler).
 */
struct vmbp_tl_connect_result_wire {
    struct vmbp_msg_header_wire hdr; /**< type 23 */
    uint8_t endpoint_id[16];         /**< the request's endpoint */
    uint8_t service_id[16];          /**< the request's service */
    uint32_t status;                 /**< NTSTATUS, e.g. VMBP_NTSTATUS_CONNECTION_REFUSED */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_tl_connect_result_wire) == 44, vmbp_tl_res_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_result_wire, hdr) == 0, vmbp_tl_res_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_result_wire, endpoint_id) == 8,
                   vmbp_tl_res_endpoint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_result_wire, service_id) == 24,
                   vmbp_tl_res_service);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_tl_connect_result_wire, status) == 40,
                   vmbp_tl_res_status);

/** @brief TL_CONNECT_RESULT, decoded. */
struct vmbp_tl_connect_result {
    struct vmbp_guid endpoint_id; /**< the request's endpoint */
    struct vmbp_guid service_id;  /**< the request's service */
    uint32_t status;              /**< NTSTATUS, any value */
};

/**
 * @brief The hv_sock overlay of an offer's user data (offer flag TLNPI_PROVIDER), at
 * message offset 60 (OpenVMM `HvsockUserDefinedParameters`, 28 bytes). @c version and
 * @c silo_id are not aligned: byte arrays, read through the byte accessors.
 *
 * | offset | size | field                  | meaning                                      |
 * |--------|------|------------------------|----------------------------------------------|
 * | 60     | 4    | pipe_type              | VMBP_PIPE_TYPE_BYTE                          |
 * | 64     | 1    | is_for_guest_accept    | 1: the host connects to a listening guest    |
 * | 65     | 1    | is_for_guest_container | 1: for a container in the guest              |
 * | 66     | 4    | version                | VMBP_HVSOCK_VERSION_*                        |
 * | 70     | 16   | silo_id                | RS5: the silo                                |
 * | 86     | 2    | rsvdz0                 | RS5: zero                                    |
 */
struct vmbp_offer_hvsock_wire {
    uint32_t pipe_type;             /**< pipe type */
    uint8_t is_for_guest_accept;    /**< Linux reads it as `conn_from_host` */
    uint8_t is_for_guest_container; /**< for a guest container */
    uint8_t version[4];             /**< little-endian u32 at an odd offset */
    uint8_t silo_id[16];            /**< GUID at an unaligned offset */
    uint8_t rsvdz0[2];              /**< OpenVMM `_padding` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_hvsock_wire) == 28, vmbp_hvsock_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, pipe_type) == 0, vmbp_hvsock_pipe);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_accept) == 4,
                   vmbp_hvsock_accept);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, is_for_guest_container) == 5,
                   vmbp_hvsock_container);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, version) == 6, vmbp_hvsock_version);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, silo_id) == 10, vmbp_hvsock_silo);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_hvsock_wire, rsvdz0) == 26, vmbp_hvsock_rsvdz0);

/** @brief The hv_sock overlay, decoded. */
struct vmbp_offer_hvsock {
    uint32_t pipe_type;             /**< VMBP_PIPE_TYPE_BYTE or _MESSAGE */
    uint8_t is_for_guest_accept;    /**< 0 or 1 */
    uint8_t is_for_guest_container; /**< 0 or 1 */
    uint32_t version;               /**< VMBP_HVSOCK_VERSION_PRE_RS5 or _RS5 */
    struct vmbp_guid silo_id;       /**< RS5 only, else zero */
};

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Decode TL_CONNECT_REQUEST (from 4.0): the 56-byte form from 5.2 when the message
 * is at least 56 bytes, else the 40-byte form. No field checks.
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
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_tl_connect_request m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_TL_CONNECT_REQUEST, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_tl_connect_request_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    VMBP_MEMSET(&m, 0, sizeof(m));
    m.variant = v;
    VMBP_PRIV_LDG(p, vmbp_tl_connect_request_wire, endpoint_id, m.endpoint_id);
    VMBP_PRIV_LDG(p, vmbp_tl_connect_request_wire, service_id, m.service_id);
    if (v == VMBP_MSGV_TL_CONNECT_REQUEST_SILO) {
        if (len < sizeof(struct vmbp_tl_connect_request_silo_wire))
            return VMBP_E_TRUNCATED; /* implied by the selection */
        VMBP_PRIV_LDG(p, vmbp_tl_connect_request_silo_wire, silo_id, m.silo_id);
    }
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode TL_CONNECT_REQUEST in the form `in->variant` names (40 or 56 bytes).
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
    VMBP_PRIV_STG(p, vmbp_tl_connect_request_wire, endpoint_id, in->endpoint_id);
    VMBP_PRIV_STG(p, vmbp_tl_connect_request_wire, service_id, in->service_id);
    if (in->variant == VMBP_MSGV_TL_CONNECT_REQUEST_SILO)
        VMBP_PRIV_STG(p, vmbp_tl_connect_request_silo_wire, silo_id, in->silo_id);
    return VMBP_OK;
}

/**
 * @brief Decode TL_CONNECT_RESULT (from 4.1). No field checks.
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
    const uint8_t *p = (const uint8_t *)buf;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_TL_CONNECT_RESULT, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_tl_connect_result_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    if (out) {
        VMBP_PRIV_LDG(p, vmbp_tl_connect_result_wire, endpoint_id, out->endpoint_id);
        VMBP_PRIV_LDG(p, vmbp_tl_connect_result_wire, service_id, out->service_id);
        out->status = VMBP_PRIV_LD32(p, vmbp_tl_connect_result_wire, status);
    }
    return VMBP_OK;
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
    VMBP_PRIV_STG(p, vmbp_tl_connect_result_wire, endpoint_id, in->endpoint_id);
    VMBP_PRIV_STG(p, vmbp_tl_connect_result_wire, service_id, in->service_id);
    VMBP_PRIV_ST32(p, vmbp_tl_connect_result_wire, status, in->status);
    return VMBP_OK;
}

/**
 * @brief Read the hv_sock overlay of an offer's user data (offers with TLNPI_PROVIDER; the
 * caller checks the flag).
 *
 * Checks: for the RS5 version, bytes 86-87 zero (VMBP_E_RSVD_NONZERO); pipe type BYTE or
 * MESSAGE, the two booleans 0 or 1, version PRE_RS5 or RS5 (VMBP_E_FIELD_RANGE). With
 * PRE_RS5 the silo ID decodes as zero.
 * @param offer decoded offer
 * @param out   overlay, written on success only
 * @return VMBP_OK, a failed check, VMBP_E_INVAL for NULL arguments
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_hvsock_get(const struct vmbp_offer *offer, struct vmbp_offer_hvsock *out)
{
    const uint8_t *p;
    struct vmbp_offer_hvsock m;

    if (!offer || !out)
        return VMBP_E_INVAL;
    p = offer->user_defined;
    VMBP_MEMSET(&m, 0, sizeof(m));
    m.pipe_type = VMBP_PRIV_LD32(p, vmbp_offer_hvsock_wire, pipe_type);
    m.is_for_guest_accept = VMBP_PRIV_LD8(p, vmbp_offer_hvsock_wire, is_for_guest_accept);
    m.is_for_guest_container = VMBP_PRIV_LD8(p, vmbp_offer_hvsock_wire, is_for_guest_container);
    m.version = vmbp_load_le32(p + VMBP_PRIV_OFF(vmbp_offer_hvsock_wire, version));
    if (m.version == VMBP_HVSOCK_VERSION_RS5) {
        VMBP_PRIV_LDG(p, vmbp_offer_hvsock_wire, silo_id, m.silo_id);
        if (!VMBP_PRIV_ZERO(p, vmbp_offer_hvsock_wire, rsvdz0))
            return VMBP_E_RSVD_NONZERO;
    }
    if ((m.pipe_type != VMBP_PIPE_TYPE_BYTE && m.pipe_type != VMBP_PIPE_TYPE_MESSAGE) ||
        m.is_for_guest_accept > 1u || m.is_for_guest_container > 1u ||
        m.version > VMBP_HVSOCK_VERSION_RS5)
        return VMBP_E_FIELD_RANGE;
    VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Write the hv_sock overlay into an offer's user data (its first 28 bytes; the
 * rest is left as it is). The silo ID is written for the RS5 version only.
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
    VMBP_MEMSET(p, 0, sizeof(struct vmbp_offer_hvsock_wire));
    VMBP_PRIV_ST32(p, vmbp_offer_hvsock_wire, pipe_type, in->pipe_type);
    VMBP_PRIV_ST8(p, vmbp_offer_hvsock_wire, is_for_guest_accept, in->is_for_guest_accept);
    VMBP_PRIV_ST8(p, vmbp_offer_hvsock_wire, is_for_guest_container,
                  in->is_for_guest_container);
    vmbp_store_le32(p + VMBP_PRIV_OFF(vmbp_offer_hvsock_wire, version), in->version);
    if (in->version == VMBP_HVSOCK_VERSION_RS5)
        VMBP_PRIV_STG(p, vmbp_offer_hvsock_wire, silo_id, in->silo_id);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the hv_sock overlay (message offsets; host offsets into
 * `struct vmbp_offer_hvsock`).
 * @param n receives the number of entries (may be NULL)
 * @return a static table
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_offer_hvsock_fields(size_t *n)
{
    static const struct vmbp_msg_field tab[] = {
        VMBP_PRIV_OVL(vmbp_offer_hvsock_wire, vmbp_offer_hvsock, pipe_type, VALUE, PIPE_TYPE,
                      "pipe type"),
        VMBP_PRIV_OVL(vmbp_offer_hvsock_wire, vmbp_offer_hvsock, is_for_guest_accept, VALUE,
                      BOOL, "1: the host connects to a listening guest socket"),
        VMBP_PRIV_OVL(vmbp_offer_hvsock_wire, vmbp_offer_hvsock, is_for_guest_container, VALUE,
                      BOOL, "1: for a container in the guest"),
        VMBP_PRIV_OVL(vmbp_offer_hvsock_wire, vmbp_offer_hvsock, version, VALUE, DEC,
                      "parameters version: 0 pre-RS5, 1 RS5"),
        VMBP_PRIV_OVL(vmbp_offer_hvsock_wire, vmbp_offer_hvsock, silo_id, GUID, GUID,
                      "silo (RS5)"),
        {"rsvdz0", "padding (RS5), zero",
         (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                    offsetof(struct vmbp_offer_hvsock_wire, rsvdz0)),
         2u, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX,
         0u}};

    VMBP_PRIV_RETURN_FIELDS(tab, n);
}

/**
 * @brief Field descriptors of the hv_sock family's variants (TL_CONNECT_REQUEST,
 * TL_CONNECT_REQUEST_SILO, TL_CONNECT_RESULT).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_hvsock_fields(enum vmbp_msg_variant v,
                                                                size_t *n)
{
#define VMBP_PRIV_W vmbp_tl_connect_request_silo_wire
#define VMBP_PRIV_H vmbp_tl_connect_request
    static const struct vmbp_msg_field f_req[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, endpoint_id, GUID, GUID,
                      "the guest's endpoint"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, service_id, GUID, GUID, "the host service")};
    static const struct vmbp_msg_field f_req_silo[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, endpoint_id, GUID, GUID,
                      "the guest's endpoint"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, service_id, GUID, GUID, "the host service"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, silo_id, GUID, GUID, "the silo (5.2)")};
#undef VMBP_PRIV_W
#undef VMBP_PRIV_H
    static const struct vmbp_msg_field f_result[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(vmbp_tl_connect_result_wire, vmbp_tl_connect_result, endpoint_id, GUID,
                      GUID, "the request's endpoint"),
        VMBP_PRIV_FLD(vmbp_tl_connect_result_wire, vmbp_tl_connect_result, service_id, GUID,
                      GUID, "the request's service"),
        VMBP_PRIV_FLD(vmbp_tl_connect_result_wire, vmbp_tl_connect_result, status, VALUE,
                      NTSTATUS, "NTSTATUS")};

    switch (v) {
    case VMBP_MSGV_TL_CONNECT_REQUEST:
        VMBP_PRIV_RETURN_FIELDS(f_req, n);
    case VMBP_MSGV_TL_CONNECT_REQUEST_SILO:
        VMBP_PRIV_RETURN_FIELDS(f_req_silo, n);
    case VMBP_MSGV_TL_CONNECT_RESULT:
        VMBP_PRIV_RETURN_FIELDS(f_result, n);
    default:
        return NULL;
    }
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_HVSOCK_H */
