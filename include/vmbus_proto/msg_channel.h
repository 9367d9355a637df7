/* SPDX-License-Identifier: MIT */
/**
 * @file msg_channel.h
 * @brief Channel messages: OPEN_CHANNEL (148 and 156 bytes), OPEN_CHANNEL_RESULT,
 * CLOSE_CHANNEL, MODIFY_CHANNEL and its response, and the reserved-channel messages
 * OPEN_RESERVED_CHANNEL, CLOSE_RESERVED_CHANNEL, CLOSE_RESERVED_RESPONSE (types 18-20).
 *
 * Codec conventions as in msg_connect.h.
 *
 * Sources: Linux `include/linux/hyperv.h` (`vmbus_channel_open_channel`, `_open_result`,
 * `_close_channel`, `_modifychannel[_response]`), `drivers/hv/channel.c`; OpenVMM
 * `vm/devices/vmbus/vmbus_core/src/protocol.rs` (`OpenChannel`, `OpenChannel2`,
 * `OpenReservedChannel`, `CloseReservedChannel`), `vmbus_server/src/channels.rs`; mu_msvm
 * `MsvmPkg/VmbusDxe/ChannelMessages.h`. Specification: spec/msg_channel.md.
 */
#ifndef VMBP_MSG_CHANNEL_H
#define VMBP_MSG_CHANNEL_H

#include "features.h"
#include "msg.h"
#include "port.h"
#include "status.h"
#include "synic.h"
#include "version.h"

/** @defgroup vmbp_msg_channel Channel messages
 *  @brief Open, close, modify, and the reserved channels.
 *  @{
 */

/**
 * @brief OPEN_CHANNEL / MODIFY_CHANNEL target VP meaning "no host-to-guest interrupts"
 * (OpenVMM `VP_INDEX_DISABLE_INTERRUPT`, mu_msvm `VMBUS_VP_INDEX_DISABLE_INTERRUPT`).
 * OpenVMM refuses it in MODIFY_CHANNEL (failure response).
 */
#define VMBP_VP_INDEX_DISABLE_INTERRUPT 0xFFFFFFFFu
/**
 * @brief OPEN_CHANNEL flag: deliver the channel's host-to-guest interrupt to the redirect VTL
 * and SINT (OpenVMM `OpenChannelFlags::redirect_interrupt`, mu_msvm
 * `VMBUS_OPEN_FLAG_REDIRECT_INTERRUPT`); needs CHANNEL_INTERRUPT_REDIRECTION.
 */
#define VMBP_OPEN_FLAG_REDIRECT_INTERRUPT 0x0001u
/** @brief Size of OPEN_CHANNEL's user data (Linux: `vmbus_open` refuses more than 120). */
#define VMBP_OPEN_USER_DATA_SIZE 120u
/** @brief Number of event flags of a SINT: a guest-specified event flag is below it
 *  (synic.h). */
#define VMBP_EVENT_FLAG_COUNT VMBP_SYNIC_EVENT_FLAGS_COUNT

/**
 * @brief OPEN_CHANNEL (148 bytes; 156 bytes on 6.0 with GUEST_SPECIFIED_SIGNAL_PARAMETERS
 * or CHANNEL_INTERRUPT_REDIRECTION negotiated: OpenVMM `OpenChannel2`, mu_msvm).
 *
 * | offset | size | field                              | meaning                            |
 * |--------|------|------------------------------------|------------------------------------|
 * | 8      | 4    | child_relid                        | channel ID                         |
 * | 12     | 4    | open_id                            | echoed in OPEN_CHANNEL_RESULT      |
 * | 16     | 4    | ring_buffer_gpadl                  | GPADL of both rings                |
 * | 20     | 4    | target_vp                          | VP for the channel interrupt (2.4) |
 * | 24     | 4    | downstream_ring_buffer_page_offset | first page of the host-to-guest ring |
 * | 28     | 120  | user_data                          | passed to the host's device        |
 * | 148    | 4    | connection_id                      | 156-byte form: guest's choice      |
 * | 152    | 2    | event_flag                         | 156-byte form: guest's choice      |
 * | 154    | 2    | flags                              | 156-byte form: VMBP_OPEN_FLAG_*    |
 */
struct vmbp_open_channel_wire {
    struct vmbp_msg_header_wire hdr; /**< type 5 */
    uint32_t child_relid;            /**< OpenVMM `channel_id` */
    uint32_t open_id;                /**< Linux `openid` */
    uint32_t ring_buffer_gpadl;      /**< Linux `ringbuffer_gpadlhandle` */
    uint32_t target_vp;              /**< VP, or VMBP_VP_INDEX_DISABLE_INTERRUPT */
    /** Linux `downstream_ringbuffer_pageoffset` */
    uint32_t downstream_ring_buffer_page_offset;
    uint8_t user_data[120]; /**< Linux `userdata` */
    uint32_t connection_id; /**< 156-byte form only */
    uint16_t event_flag;    /**< 156-byte form only */
    uint16_t flags;         /**< 156-byte form only */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_channel_wire) == 156, vmbp_open_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, hdr) == 0, vmbp_open_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, child_relid) == 8, vmbp_open_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, open_id) == 12, vmbp_open_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, ring_buffer_gpadl) == 16,
                   vmbp_open_gpadl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, target_vp) == 20, vmbp_open_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire,
                            downstream_ring_buffer_page_offset) == 24,
                   vmbp_open_downstream);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, user_data) == 28, vmbp_open_user);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, connection_id) == 148,
                   vmbp_open_conn);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, event_flag) == 152, vmbp_open_event);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, flags) == 154, vmbp_open_flags);

/** @brief OPEN_CHANNEL, decoded. The last three members exist in OPEN_CHANNEL_SIGNAL only. */
struct vmbp_open_channel {
    enum vmbp_msg_variant variant; /**< OPEN_CHANNEL or OPEN_CHANNEL_SIGNAL */
    uint32_t child_relid;          /**< channel ID, 1..2047 */
    uint32_t open_id;              /**< echoed in the result (Linux: the relid) */
    uint32_t ring_buffer_gpadl;    /**< ring GPADL handle */
    uint32_t target_vp;            /**< VP or VMBP_VP_INDEX_DISABLE_INTERRUPT */
    /** pages before the host-to-guest ring, > 0 */
    uint32_t downstream_ring_buffer_page_offset;
    uint8_t user_data[120]; /**< device-defined */
    uint32_t connection_id; /**< with GUEST_SPECIFIED_SIGNAL_PARAMETERS */
    uint16_t event_flag;    /**< with GUEST_SPECIFIED_SIGNAL_PARAMETERS */
    uint16_t flags;         /**< with CHANNEL_INTERRUPT_REDIRECTION */
};

/** @brief OPEN_CHANNEL_RESULT (20 bytes). */
struct vmbp_open_result_wire {
    struct vmbp_msg_header_wire hdr; /**< type 6 */
    uint32_t child_relid;            /**< channel ID */
    uint32_t open_id;                /**< the request's open_id */
    uint32_t status;                 /**< NTSTATUS; 0 success (VMBP_NTSTATUS_*) */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_result_wire) == 20, vmbp_open_result_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_result_wire, hdr) == 0, vmbp_open_result_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_result_wire, child_relid) == 8,
                   vmbp_open_result_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_result_wire, open_id) == 12, vmbp_open_result_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_result_wire, status) == 16,
                   vmbp_open_result_status);

/** @brief OPEN_CHANNEL_RESULT, decoded. */
struct vmbp_open_result {
    uint32_t child_relid; /**< channel ID */
    uint32_t open_id;     /**< the request's open_id */
    uint32_t status;      /**< NTSTATUS, any value (non-zero: failed) */
};

/** @brief CLOSE_CHANNEL (a vmbp_relid_msg_wire), decoded. */
struct vmbp_close_channel {
    uint32_t child_relid; /**< channel ID */
};

/** @brief MODIFY_CHANNEL (16 bytes, from 4.1): retarget the channel interrupt. */
struct vmbp_modify_channel_wire {
    struct vmbp_msg_header_wire hdr; /**< type 22 */
    uint32_t child_relid;            /**< channel ID */
    uint32_t target_vp;              /**< new VP */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_channel_wire) == 16, vmbp_modify_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_wire, hdr) == 0, vmbp_modify_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_wire, child_relid) == 8,
                   vmbp_modify_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_wire, target_vp) == 12, vmbp_modify_vp);

/** @brief MODIFY_CHANNEL, decoded. */
struct vmbp_modify_channel {
    uint32_t child_relid; /**< channel ID */
    uint32_t target_vp;   /**< new VP (OpenVMM answers 0xFFFFFFFF with a failure) */
};

/** @brief MODIFY_CHANNEL_RESPONSE (16 bytes, from 5.3). */
struct vmbp_modify_channel_response_wire {
    struct vmbp_msg_header_wire hdr; /**< type 24 */
    uint32_t child_relid;            /**< channel ID */
    uint32_t status;                 /**< NTSTATUS */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_channel_response_wire) == 16,
                   vmbp_modify_resp_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_response_wire, hdr) == 0,
                   vmbp_modify_resp_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_response_wire, child_relid) == 8,
                   vmbp_modify_resp_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_response_wire, status) == 12,
                   vmbp_modify_resp_status);

/** @brief MODIFY_CHANNEL_RESPONSE, decoded. */
struct vmbp_modify_channel_response {
    uint32_t child_relid; /**< channel ID */
    uint32_t status;      /**< NTSTATUS, any value */
};

/**
 * @brief OPEN_RESERVED_CHANNEL (28 bytes, from 4.0; Linux `CHANNELMSG_18`, unused there).
 */
struct vmbp_open_reserved_channel_wire {
    struct vmbp_msg_header_wire hdr;             /**< type 18 */
    uint32_t child_relid;                        /**< OpenVMM `channel_id` */
    uint32_t target_vp;                          /**< VP for the channel's messages */
    uint32_t target_sint;                        /**< SINT, 0..15 */
    uint32_t ring_buffer_gpadl;                  /**< ring GPADL handle */
    uint32_t downstream_ring_buffer_page_offset; /**< OpenVMM `downstream_page_offset` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_reserved_channel_wire) == 28, vmbp_orc_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, hdr) == 0, vmbp_orc_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, child_relid) == 8,
                   vmbp_orc_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, target_vp) == 12,
                   vmbp_orc_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, target_sint) == 16,
                   vmbp_orc_sint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, ring_buffer_gpadl) == 20,
                   vmbp_orc_gpadl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire,
                            downstream_ring_buffer_page_offset) == 24,
                   vmbp_orc_downstream);

/** @brief OPEN_RESERVED_CHANNEL, decoded. */
struct vmbp_open_reserved_channel {
    uint32_t child_relid;                        /**< channel ID */
    uint32_t target_vp;                          /**< VP */
    uint32_t target_sint;                        /**< SINT, 0..15 */
    uint32_t ring_buffer_gpadl;                  /**< ring GPADL handle */
    uint32_t downstream_ring_buffer_page_offset; /**< > 0 */
};

/**
 * @brief CLOSE_RESERVED_CHANNEL (20 bytes; valid in every connection state: OpenVMM minimum
 * version 0; Linux `CHANNELMSG_19`, unused there).
 */
struct vmbp_close_reserved_channel_wire {
    struct vmbp_msg_header_wire hdr; /**< type 19 */
    uint32_t child_relid;            /**< OpenVMM `channel_id` */
    uint32_t target_vp;              /**< VP for the response */
    uint32_t target_sint;            /**< SINT for the response, 0..15 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_close_reserved_channel_wire) == 20, vmbp_crc_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_close_reserved_channel_wire, hdr) == 0, vmbp_crc_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_close_reserved_channel_wire, child_relid) == 8,
                   vmbp_crc_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_close_reserved_channel_wire, target_vp) == 12,
                   vmbp_crc_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_close_reserved_channel_wire, target_sint) == 16,
                   vmbp_crc_sint);

/** @brief CLOSE_RESERVED_CHANNEL, decoded. */
struct vmbp_close_reserved_channel {
    uint32_t child_relid; /**< channel ID */
    uint32_t target_vp;   /**< VP for the response */
    uint32_t target_sint; /**< SINT for the response, 0..15 */
};

/**
 * @brief CLOSE_RESERVED_RESPONSE (a vmbp_relid_msg_wire, from 4.0; Linux `CHANNELMSG_20`),
 * decoded.
 */
struct vmbp_close_reserved_response {
    uint32_t child_relid; /**< channel ID */
};

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Decode OPEN_CHANNEL.
 *
 * The 156-byte form is required on 6.0 when GUEST_SPECIFIED_SIGNAL_PARAMETERS or
 * CHANNEL_INTERRUPT_REDIRECTION is negotiated (OpenVMM), else the 148-byte form is read.
 * Then, in order: a non-zero connection ID or event flag without
 * GUEST_SPECIFIED_SIGNAL_PARAMETERS, or the redirect flag without
 * CHANNEL_INTERRUPT_REDIRECTION (VMBP_E_FEATURE); flag bits 1-15 (VMBP_E_RSVD_NONZERO);
 * channel ID 1..2047, downstream page offset 0, event flag 2048 or above, connection ID
 * above 24 bits (VMBP_E_FIELD_RANGE).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_open_channel_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                             struct vmbp_open_channel *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_open_channel m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_OPEN_CHANNEL, &v);
    if (st != VMBP_OK)
        return st;
    if (len < offsetof(struct vmbp_open_channel_wire, connection_id))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    VMBP_MEMSET(&m, 0, sizeof(m));
    m.variant = v;
    m.child_relid = VMBP_PRIV_LD32(p, vmbp_open_channel_wire, child_relid);
    m.open_id = VMBP_PRIV_LD32(p, vmbp_open_channel_wire, open_id);
    m.ring_buffer_gpadl = VMBP_PRIV_LD32(p, vmbp_open_channel_wire, ring_buffer_gpadl);
    m.target_vp = VMBP_PRIV_LD32(p, vmbp_open_channel_wire, target_vp);
    m.downstream_ring_buffer_page_offset =
        VMBP_PRIV_LD32(p, vmbp_open_channel_wire, downstream_ring_buffer_page_offset);
    VMBP_MEMCPY(m.user_data, p + VMBP_PRIV_OFF(vmbp_open_channel_wire, user_data),
                VMBP_OPEN_USER_DATA_SIZE);
    if (v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) {
        if (len < sizeof(struct vmbp_open_channel_wire))
            return VMBP_E_TRUNCATED; /* implied by the selection */
        m.connection_id = VMBP_PRIV_LD32(p, vmbp_open_channel_wire, connection_id);
        m.event_flag = VMBP_PRIV_LD16(p, vmbp_open_channel_wire, event_flag);
        m.flags = VMBP_PRIV_LD16(p, vmbp_open_channel_wire, flags);
        if ((m.connection_id != 0 || m.event_flag != 0) &&
            !vmbp_ctx_has_feature(ctx,
                                  (uint32_t)VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS))
            return VMBP_E_FEATURE;
        if ((m.flags & VMBP_OPEN_FLAG_REDIRECT_INTERRUPT) != 0 &&
            !vmbp_ctx_has_feature(ctx, (uint32_t)VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION))
            return VMBP_E_FEATURE;
        if ((m.flags & (uint16_t)~VMBP_OPEN_FLAG_REDIRECT_INTERRUPT) != 0)
            return VMBP_E_RSVD_NONZERO;
    }
    if (!vmbp_priv_relid_ok(m.child_relid) || m.downstream_ring_buffer_page_offset == 0 ||
        m.event_flag >= VMBP_EVENT_FLAG_COUNT || m.connection_id > VMBP_SYNIC_CONNECTION_ID_MAX)
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode OPEN_CHANNEL in the form `in->variant` names (148 or 156 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_open_channel_encode(const struct vmbp_open_channel *in, void *buf, size_t cap,
                             size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_OPEN_CHANNEL, in->variant,
                                    vmbp_msg_variant_size(in->variant), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_ST32(p, vmbp_open_channel_wire, child_relid, in->child_relid);
    VMBP_PRIV_ST32(p, vmbp_open_channel_wire, open_id, in->open_id);
    VMBP_PRIV_ST32(p, vmbp_open_channel_wire, ring_buffer_gpadl, in->ring_buffer_gpadl);
    VMBP_PRIV_ST32(p, vmbp_open_channel_wire, target_vp, in->target_vp);
    VMBP_PRIV_ST32(p, vmbp_open_channel_wire, downstream_ring_buffer_page_offset,
                   in->downstream_ring_buffer_page_offset);
    VMBP_MEMCPY(p + VMBP_PRIV_OFF(vmbp_open_channel_wire, user_data), in->user_data,
                VMBP_OPEN_USER_DATA_SIZE);
    if (in->variant == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) {
        VMBP_PRIV_ST32(p, vmbp_open_channel_wire, connection_id, in->connection_id);
        VMBP_PRIV_ST16(p, vmbp_open_channel_wire, event_flag, in->event_flag);
        VMBP_PRIV_ST16(p, vmbp_open_channel_wire, flags, in->flags);
    }
    return VMBP_OK;
}

/**
 * @brief Decode OPEN_CHANNEL_RESULT. Checks the channel ID range (VMBP_E_FIELD_RANGE);
 * matching it and the open ID to a pending request is the caller's business.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_open_result_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                            struct vmbp_open_result *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_open_result m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_OPEN_CHANNEL_RESULT, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_open_result_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    m.child_relid = VMBP_PRIV_LD32(p, vmbp_open_result_wire, child_relid);
    m.open_id = VMBP_PRIV_LD32(p, vmbp_open_result_wire, open_id);
    m.status = VMBP_PRIV_LD32(p, vmbp_open_result_wire, status);
    if (!vmbp_priv_relid_ok(m.child_relid))
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode OPEN_CHANNEL_RESULT (20 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_open_result_encode(const struct vmbp_open_result *in, void *buf, size_t cap,
                            size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_OPEN_CHANNEL_RESULT, VMBP_MSGV_OPEN_CHANNEL_RESULT,
                                    sizeof(struct vmbp_open_result_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_ST32(p, vmbp_open_result_wire, child_relid, in->child_relid);
    VMBP_PRIV_ST32(p, vmbp_open_result_wire, open_id, in->open_id);
    VMBP_PRIV_ST32(p, vmbp_open_result_wire, status, in->status);
    return VMBP_OK;
}

/**
 * @brief Decode CLOSE_CHANNEL. Checks the channel ID range (VMBP_E_FIELD_RANGE).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_close_channel_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                              struct vmbp_close_channel *out)
{
    return vmbp_priv_relid_msg_decode(buf, len, ctx, VMBP_MSG_CLOSE_CHANNEL,
                                      out ? &out->child_relid : NULL);
}

/**
 * @brief Encode CLOSE_CHANNEL (12 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_close_channel_encode(const struct vmbp_close_channel *in, void *buf, size_t cap,
                              size_t *len)
{
    if (!in)
        return VMBP_E_INVAL;
    return vmbp_priv_relid_msg_encode(VMBP_MSG_CLOSE_CHANNEL, in->child_relid, buf, cap, len);
}

/**
 * @brief Decode MODIFY_CHANNEL (from 4.1). Checks the channel ID range
 * (VMBP_E_FIELD_RANGE); the target VP is not checked (a host answers an unusable one with a
 * failure status).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_modify_channel_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_modify_channel *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_modify_channel m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_MODIFY_CHANNEL, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_modify_channel_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    m.child_relid = VMBP_PRIV_LD32(p, vmbp_modify_channel_wire, child_relid);
    m.target_vp = VMBP_PRIV_LD32(p, vmbp_modify_channel_wire, target_vp);
    if (!vmbp_priv_relid_ok(m.child_relid))
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode MODIFY_CHANNEL (16 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_modify_channel_encode(const struct vmbp_modify_channel *in, void *buf, size_t cap,
                               size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_MODIFY_CHANNEL, VMBP_MSGV_MODIFY_CHANNEL,
                                    sizeof(struct vmbp_modify_channel_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_ST32(p, vmbp_modify_channel_wire, child_relid, in->child_relid);
    VMBP_PRIV_ST32(p, vmbp_modify_channel_wire, target_vp, in->target_vp);
    return VMBP_OK;
}

/**
 * @brief Decode MODIFY_CHANNEL_RESPONSE (from 5.3). Checks the channel ID range.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_modify_channel_response_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                        struct vmbp_modify_channel_response *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_modify_channel_response m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st =
        vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_MODIFY_CHANNEL_RESPONSE, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_modify_channel_response_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    m.child_relid = VMBP_PRIV_LD32(p, vmbp_modify_channel_response_wire, child_relid);
    m.status = VMBP_PRIV_LD32(p, vmbp_modify_channel_response_wire, status);
    if (!vmbp_priv_relid_ok(m.child_relid))
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode MODIFY_CHANNEL_RESPONSE (16 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_modify_channel_response_encode(const struct vmbp_modify_channel_response *in,
                                        void *buf, size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(
        VMBP_MSG_MODIFY_CHANNEL_RESPONSE, VMBP_MSGV_MODIFY_CHANNEL_RESPONSE,
        sizeof(struct vmbp_modify_channel_response_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_ST32(p, vmbp_modify_channel_response_wire, child_relid, in->child_relid);
    VMBP_PRIV_ST32(p, vmbp_modify_channel_response_wire, status, in->status);
    return VMBP_OK;
}

/**
 * @brief Decode OPEN_RESERVED_CHANNEL (from 4.0). Checks: channel ID 1..2047, SINT 0..15,
 * downstream page offset non-zero (VMBP_E_FIELD_RANGE).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_open_reserved_channel_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                      struct vmbp_open_reserved_channel *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_open_reserved_channel m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_OPEN_RESERVED_CHANNEL, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_open_reserved_channel_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    m.child_relid = VMBP_PRIV_LD32(p, vmbp_open_reserved_channel_wire, child_relid);
    m.target_vp = VMBP_PRIV_LD32(p, vmbp_open_reserved_channel_wire, target_vp);
    m.target_sint = VMBP_PRIV_LD32(p, vmbp_open_reserved_channel_wire, target_sint);
    m.ring_buffer_gpadl = VMBP_PRIV_LD32(p, vmbp_open_reserved_channel_wire, ring_buffer_gpadl);
    m.downstream_ring_buffer_page_offset =
        VMBP_PRIV_LD32(p, vmbp_open_reserved_channel_wire, downstream_ring_buffer_page_offset);
    if (!vmbp_priv_relid_ok(m.child_relid) || m.target_sint >= VMBP_SYNIC_SINT_COUNT ||
        m.downstream_ring_buffer_page_offset == 0)
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode OPEN_RESERVED_CHANNEL (28 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_open_reserved_channel_encode(const struct vmbp_open_reserved_channel *in, void *buf,
                                      size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(
        VMBP_MSG_OPEN_RESERVED_CHANNEL, VMBP_MSGV_OPEN_RESERVED_CHANNEL,
        sizeof(struct vmbp_open_reserved_channel_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_ST32(p, vmbp_open_reserved_channel_wire, child_relid, in->child_relid);
    VMBP_PRIV_ST32(p, vmbp_open_reserved_channel_wire, target_vp, in->target_vp);
    VMBP_PRIV_ST32(p, vmbp_open_reserved_channel_wire, target_sint, in->target_sint);
    VMBP_PRIV_ST32(p, vmbp_open_reserved_channel_wire, ring_buffer_gpadl,
                   in->ring_buffer_gpadl);
    VMBP_PRIV_ST32(p, vmbp_open_reserved_channel_wire, downstream_ring_buffer_page_offset,
                   in->downstream_ring_buffer_page_offset);
    return VMBP_OK;
}

/**
 * @brief Decode CLOSE_RESERVED_CHANNEL (valid in every connection state). Checks: channel
 * ID 1..2047, SINT 0..15 (VMBP_E_FIELD_RANGE).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state (any)
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_close_reserved_channel_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                       struct vmbp_close_reserved_channel *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_close_reserved_channel m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_CLOSE_RESERVED_CHANNEL, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_close_reserved_channel_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    m.child_relid = VMBP_PRIV_LD32(p, vmbp_close_reserved_channel_wire, child_relid);
    m.target_vp = VMBP_PRIV_LD32(p, vmbp_close_reserved_channel_wire, target_vp);
    m.target_sint = VMBP_PRIV_LD32(p, vmbp_close_reserved_channel_wire, target_sint);
    if (!vmbp_priv_relid_ok(m.child_relid) || m.target_sint >= VMBP_SYNIC_SINT_COUNT)
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode CLOSE_RESERVED_CHANNEL (20 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_close_reserved_channel_encode(const struct vmbp_close_reserved_channel *in, void *buf,
                                       size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(
        VMBP_MSG_CLOSE_RESERVED_CHANNEL, VMBP_MSGV_CLOSE_RESERVED_CHANNEL,
        sizeof(struct vmbp_close_reserved_channel_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_ST32(p, vmbp_close_reserved_channel_wire, child_relid, in->child_relid);
    VMBP_PRIV_ST32(p, vmbp_close_reserved_channel_wire, target_vp, in->target_vp);
    VMBP_PRIV_ST32(p, vmbp_close_reserved_channel_wire, target_sint, in->target_sint);
    return VMBP_OK;
}

/**
 * @brief Decode CLOSE_RESERVED_RESPONSE (from 4.0). Checks the channel ID range.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_close_reserved_response_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                        struct vmbp_close_reserved_response *out)
{
    return vmbp_priv_relid_msg_decode(buf, len, ctx, VMBP_MSG_CLOSE_RESERVED_RESPONSE,
                                      out ? &out->child_relid : NULL);
}

/**
 * @brief Encode CLOSE_RESERVED_RESPONSE (12 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_close_reserved_response_encode(const struct vmbp_close_reserved_response *in,
                                        void *buf, size_t cap, size_t *len)
{
    if (!in)
        return VMBP_E_INVAL;
    return vmbp_priv_relid_msg_encode(VMBP_MSG_CLOSE_RESERVED_RESPONSE, in->child_relid, buf,
                                      cap, len);
}

/**
 * @brief Field descriptors of the channel family's variants (OPEN_CHANNEL,
 * OPEN_CHANNEL_SIGNAL, OPEN_CHANNEL_RESULT, CLOSE_CHANNEL, MODIFY_CHANNEL,
 * MODIFY_CHANNEL_RESPONSE, OPEN_RESERVED_CHANNEL, CLOSE_RESERVED_CHANNEL,
 * CLOSE_RESERVED_RESPONSE).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_channel_fields(enum vmbp_msg_variant v,
                                                                 size_t *n)
{
#define VMBP_PRIV_W vmbp_open_channel_wire
#define VMBP_PRIV_H vmbp_open_channel
#define VMBP_PRIV_OPEN_HEAD                                                                    \
    VMBP_PRIV_HDR,                                                                             \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, child_relid, VALUE, DEC, "channel ID"),        \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, open_id, VALUE, HEX,                           \
                      "echoed in OPEN_CHANNEL_RESULT"),                                        \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, ring_buffer_gpadl, VALUE, HEX,                 \
                      "GPADL holding both rings"),                                             \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, target_vp, VALUE, HEX,                         \
                      "VP for the channel interrupt, 0xFFFFFFFF: none"),                       \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, downstream_ring_buffer_page_offset, VALUE,     \
                      DEC, "page of the GPADL where the host-to-guest ring starts"),           \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, user_data, BYTES, BYTES,                       \
                      "data for the host's device")
    static const struct vmbp_msg_field f_open[] = {VMBP_PRIV_OPEN_HEAD};
    static const struct vmbp_msg_field f_open_signal[] = {
        VMBP_PRIV_OPEN_HEAD,
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, connection_id, VALUE, HEX,
                      "guest-chosen connection ID (GUEST_SPECIFIED_SIGNAL_PARAMETERS)"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, event_flag, VALUE, DEC,
                      "guest-chosen event flag (GUEST_SPECIFIED_SIGNAL_PARAMETERS)"),
        VMBP_PRIV_FLDM(VMBP_PRIV_W, VMBP_PRIV_H, flags, 0x0001u, OPEN_FLAGS,
                       "open flags (CHANNEL_INTERRUPT_REDIRECTION)"),
        VMBP_PRIV_RSV(VMBP_PRIV_W, flags, "rsvdz1", RSVDZ, 0xFFFEu,
                      "open flag bits 1-15, zero")};
#undef VMBP_PRIV_W
#undef VMBP_PRIV_H
#undef VMBP_PRIV_OPEN_HEAD
    static const struct vmbp_msg_field f_result[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(vmbp_open_result_wire, vmbp_open_result, child_relid, VALUE, DEC,
                      "channel ID"),
        VMBP_PRIV_FLD(vmbp_open_result_wire, vmbp_open_result, open_id, VALUE, HEX,
                      "the request's open ID"),
        VMBP_PRIV_FLD(vmbp_open_result_wire, vmbp_open_result, status, VALUE, NTSTATUS,
                      "NTSTATUS, 0: opened")};
    static const struct vmbp_msg_field f_close[] = {
        VMBP_PRIV_HDR, VMBP_PRIV_FLD(vmbp_relid_msg_wire, vmbp_close_channel, child_relid,
                                     VALUE, DEC, "channel ID")};
    static const struct vmbp_msg_field f_modify[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(vmbp_modify_channel_wire, vmbp_modify_channel, child_relid, VALUE, DEC,
                      "channel ID"),
        VMBP_PRIV_FLD(vmbp_modify_channel_wire, vmbp_modify_channel, target_vp, VALUE, DEC,
                      "new VP for the channel interrupt")};
    static const struct vmbp_msg_field f_modify_resp[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(vmbp_modify_channel_response_wire, vmbp_modify_channel_response,
                      child_relid, VALUE, DEC, "channel ID"),
        VMBP_PRIV_FLD(vmbp_modify_channel_response_wire, vmbp_modify_channel_response, status,
                      VALUE, NTSTATUS, "NTSTATUS, 0: retargeted")};
#define VMBP_PRIV_W vmbp_open_reserved_channel_wire
#define VMBP_PRIV_H vmbp_open_reserved_channel
    static const struct vmbp_msg_field f_open_reserved[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, child_relid, VALUE, DEC, "channel ID"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, target_vp, VALUE, DEC, "VP"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, target_sint, VALUE, DEC, "SINT"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, ring_buffer_gpadl, VALUE, HEX,
                      "GPADL holding both rings"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, downstream_ring_buffer_page_offset, VALUE, DEC,
                      "page of the GPADL where the host-to-guest ring starts")};
#undef VMBP_PRIV_W
#undef VMBP_PRIV_H
#define VMBP_PRIV_W vmbp_close_reserved_channel_wire
#define VMBP_PRIV_H vmbp_close_reserved_channel
    static const struct vmbp_msg_field f_close_reserved[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, child_relid, VALUE, DEC, "channel ID"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, target_vp, VALUE, DEC, "VP for the response"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, target_sint, VALUE, DEC,
                      "SINT for the response")};
#undef VMBP_PRIV_W
#undef VMBP_PRIV_H
    static const struct vmbp_msg_field f_close_reserved_resp[] = {
        VMBP_PRIV_HDR, VMBP_PRIV_FLD(vmbp_relid_msg_wire, vmbp_close_reserved_response,
                                     child_relid, VALUE, DEC, "channel ID")};

    switch (v) {
    case VMBP_MSGV_OPEN_CHANNEL:
        VMBP_PRIV_RETURN_FIELDS(f_open, n);
    case VMBP_MSGV_OPEN_CHANNEL_SIGNAL:
        VMBP_PRIV_RETURN_FIELDS(f_open_signal, n);
    case VMBP_MSGV_OPEN_CHANNEL_RESULT:
        VMBP_PRIV_RETURN_FIELDS(f_result, n);
    case VMBP_MSGV_CLOSE_CHANNEL:
        VMBP_PRIV_RETURN_FIELDS(f_close, n);
    case VMBP_MSGV_MODIFY_CHANNEL:
        VMBP_PRIV_RETURN_FIELDS(f_modify, n);
    case VMBP_MSGV_MODIFY_CHANNEL_RESPONSE:
        VMBP_PRIV_RETURN_FIELDS(f_modify_resp, n);
    case VMBP_MSGV_OPEN_RESERVED_CHANNEL:
        VMBP_PRIV_RETURN_FIELDS(f_open_reserved, n);
    case VMBP_MSGV_CLOSE_RESERVED_CHANNEL:
        VMBP_PRIV_RETURN_FIELDS(f_close_reserved, n);
    case VMBP_MSGV_CLOSE_RESERVED_RESPONSE:
        VMBP_PRIV_RETURN_FIELDS(f_close_reserved_resp, n);
    default:
        return NULL;
    }
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_CHANNEL_H */
