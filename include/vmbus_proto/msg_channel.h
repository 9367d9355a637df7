/* SPDX-License-Identifier: MIT */
/**
 * @file msg_channel.h
 * @brief Channel messages: OPEN_CHANNEL (148 and 156 bytes), OPEN_CHANNEL_RESULT,
 * CLOSE_CHANNEL, MODIFY_CHANNEL and its response, and the reserved-channel messages
 * OPEN_RESERVED_CHANNEL, CLOSE_RESERVED_CHANNEL, CLOSE_RESERVED_RESPONSE (types 18-20).
 *
 * Codec conventions as in msg_connect.h. The structs and the codec are generated from
 * gen/msg.toml (the blocks marked "generated").
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
#include "endian.h"
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

/* @generated begin structs: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/**
 * @brief OPEN_CHANNEL (148 bytes; 156 bytes on 6.0 with GUEST_SPECIFIED_SIGNAL_PARAMETERS
 * or CHANNEL_INTERRUPT_REDIRECTION negotiated: OpenVMM `OpenChannel2`, mu_msvm).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | child_relid | channel ID |
 * | 12 | 4 | open_id | echoed in OPEN_CHANNEL_RESULT |
 * | 16 | 4 | ring_buffer_gpadl | GPADL of both rings |
 * | 20 | 4 | target_vp | VP for the channel interrupt (2.4) |
 * | 24 | 4 | downstream_ring_buffer_page_offset | first page of the host-to-guest ring |
 * | 28 | 120 | user_data | passed to the host's device |
 * | 148 | 4 | connection_id | 156-byte form: guest's choice |
 * | 152 | 2 | event_flag | 156-byte form: guest's choice |
 * | 154 | 2 | flags | 156-byte form: VMBP_OPEN_FLAG_* |
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
VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_channel_wire) == 156, vmbp_open_channel_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, hdr) == 0, vmbp_open_channel_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, child_relid) == 8,
                   vmbp_open_channel_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, open_id) == 12,
                   vmbp_open_channel_open_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, ring_buffer_gpadl) == 16,
                   vmbp_open_channel_ring_buffer_gpadl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, target_vp) == 20,
                   vmbp_open_channel_target_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire,
                            downstream_ring_buffer_page_offset) == 24,
                   vmbp_open_channel_downstream_ring_buffer_page_offset);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, user_data) == 28,
                   vmbp_open_channel_user_data);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, connection_id) == 148,
                   vmbp_open_channel_connection_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, event_flag) == 152,
                   vmbp_open_channel_event_flag);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, flags) == 154,
                   vmbp_open_channel_flags);

/**
 * @brief OPEN_CHANNEL_RESULT (20 bytes).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | child_relid | channel ID |
 * | 12 | 4 | open_id | the request's open ID |
 * | 16 | 4 | status | NTSTATUS, 0: opened |
 */
struct vmbp_open_result_wire {
    struct vmbp_msg_header_wire hdr; /**< type 6 */
    uint32_t child_relid;            /**< channel ID */
    uint32_t open_id;                /**< the request's open_id */
    uint32_t status;                 /**< NTSTATUS; 0 success (VMBP_NTSTATUS_*) */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_result_wire) == 20, vmbp_open_result_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_result_wire, hdr) == 0, vmbp_open_result_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_result_wire, child_relid) == 8,
                   vmbp_open_result_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_result_wire, open_id) == 12,
                   vmbp_open_result_open_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_result_wire, status) == 16,
                   vmbp_open_result_status);

/**
 * @brief MODIFY_CHANNEL (16 bytes, from 4.1): retarget the channel interrupt.
 */
struct vmbp_modify_channel_wire {
    struct vmbp_msg_header_wire hdr; /**< type 22 */
    uint32_t child_relid;            /**< channel ID */
    uint32_t target_vp;              /**< new VP */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_channel_wire) == 16, vmbp_modify_channel_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_wire, hdr) == 0,
                   vmbp_modify_channel_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_wire, child_relid) == 8,
                   vmbp_modify_channel_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_wire, target_vp) == 12,
                   vmbp_modify_channel_target_vp);

/**
 * @brief MODIFY_CHANNEL_RESPONSE (16 bytes, from 5.3).
 */
struct vmbp_modify_channel_response_wire {
    struct vmbp_msg_header_wire hdr; /**< type 24 */
    uint32_t child_relid;            /**< channel ID */
    uint32_t status;                 /**< NTSTATUS */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_channel_response_wire) == 16,
                   vmbp_modify_channel_response_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_response_wire, hdr) == 0,
                   vmbp_modify_channel_response_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_response_wire, child_relid) == 8,
                   vmbp_modify_channel_response_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_channel_response_wire, status) == 12,
                   vmbp_modify_channel_response_status);

/**
 * @brief OPEN_RESERVED_CHANNEL (28 bytes, from 4.0; Linux `CHANNELMSG_18`, unused there).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | child_relid | channel ID |
 * | 12 | 4 | target_vp | VP |
 * | 16 | 4 | target_sint | SINT |
 * | 20 | 4 | ring_buffer_gpadl | GPADL holding both rings |
 * | 24 | 4 | downstream_ring_buffer_page_offset | page of the GPADL where the host-to-guest ring starts |
 */
struct vmbp_open_reserved_channel_wire {
    struct vmbp_msg_header_wire hdr;             /**< type 18 */
    uint32_t child_relid;                        /**< OpenVMM `channel_id` */
    uint32_t target_vp;                          /**< VP for the channel's messages */
    uint32_t target_sint;                        /**< SINT, 0..15 */
    uint32_t ring_buffer_gpadl;                  /**< ring GPADL handle */
    uint32_t downstream_ring_buffer_page_offset; /**< OpenVMM `downstream_page_offset` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_reserved_channel_wire) == 28,
                   vmbp_open_reserved_channel_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, hdr) == 0,
                   vmbp_open_reserved_channel_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, child_relid) == 8,
                   vmbp_open_reserved_channel_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, target_vp) == 12,
                   vmbp_open_reserved_channel_target_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, target_sint) == 16,
                   vmbp_open_reserved_channel_target_sint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire, ring_buffer_gpadl) == 20,
                   vmbp_open_reserved_channel_ring_buffer_gpadl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_reserved_channel_wire,
                            downstream_ring_buffer_page_offset) == 24,
                   vmbp_open_reserved_channel_downstream_ring_buffer_page_offset);

/**
 * @brief CLOSE_RESERVED_CHANNEL (20 bytes; valid in every connection state: OpenVMM minimum
 * version 0; Linux `CHANNELMSG_19`, unused there).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | child_relid | channel ID |
 * | 12 | 4 | target_vp | VP for the response |
 * | 16 | 4 | target_sint | SINT for the response |
 */
struct vmbp_close_reserved_channel_wire {
    struct vmbp_msg_header_wire hdr; /**< type 19 */
    uint32_t child_relid;            /**< OpenVMM `channel_id` */
    uint32_t target_vp;              /**< VP for the response */
    uint32_t target_sint;            /**< SINT for the response, 0..15 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_close_reserved_channel_wire) == 20,
                   vmbp_close_reserved_channel_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_close_reserved_channel_wire, hdr) == 0,
                   vmbp_close_reserved_channel_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_close_reserved_channel_wire, child_relid) == 8,
                   vmbp_close_reserved_channel_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_close_reserved_channel_wire, target_vp) == 12,
                   vmbp_close_reserved_channel_target_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_close_reserved_channel_wire, target_sint) == 16,
                   vmbp_close_reserved_channel_target_sint);

/**
 * @brief OPEN_CHANNEL, decoded. The last three members exist in OPEN_CHANNEL_SIGNAL only.
 */
struct vmbp_open_channel {
    enum vmbp_msg_variant variant; /**< OPEN_CHANNEL or OPEN_CHANNEL_SIGNAL */
    uint32_t child_relid;          /**< channel ID, 1..2047 */
    uint32_t open_id;              /**< echoed in the result (Linux: the relid) */
    uint32_t ring_buffer_gpadl;    /**< ring GPADL handle */
    uint32_t target_vp;            /**< VP or VMBP_VP_INDEX_DISABLE_INTERRUPT */
    uint32_t
        downstream_ring_buffer_page_offset; /**< pages before the host-to-guest ring, > 0 */
    uint8_t user_data[120];                 /**< device-defined */
    uint32_t connection_id;                 /**< with GUEST_SPECIFIED_SIGNAL_PARAMETERS */
    uint16_t event_flag;                    /**< with GUEST_SPECIFIED_SIGNAL_PARAMETERS */
    uint16_t flags;                         /**< with CHANNEL_INTERRUPT_REDIRECTION */
};

/**
 * @brief OPEN_CHANNEL_RESULT, decoded.
 */
struct vmbp_open_result {
    uint32_t child_relid; /**< channel ID */
    uint32_t open_id;     /**< the request's open_id */
    uint32_t status;      /**< NTSTATUS, any value (non-zero: failed) */
};

/**
 * @brief CLOSE_CHANNEL (a vmbp_relid_msg_wire), decoded.
 */
struct vmbp_close_channel {
    uint32_t child_relid; /**< channel ID */
};

/**
 * @brief MODIFY_CHANNEL, decoded.
 */
struct vmbp_modify_channel {
    uint32_t child_relid; /**< channel ID */
    uint32_t target_vp;   /**< new VP (OpenVMM answers 0xFFFFFFFF with a failure) */
};

/**
 * @brief MODIFY_CHANNEL_RESPONSE, decoded.
 */
struct vmbp_modify_channel_response {
    uint32_t child_relid; /**< channel ID */
    uint32_t status;      /**< NTSTATUS, any value */
};

/**
 * @brief OPEN_RESERVED_CHANNEL, decoded.
 */
struct vmbp_open_reserved_channel {
    uint32_t child_relid;                        /**< channel ID */
    uint32_t target_vp;                          /**< VP */
    uint32_t target_sint;                        /**< SINT, 0..15 */
    uint32_t ring_buffer_gpadl;                  /**< ring GPADL handle */
    uint32_t downstream_ring_buffer_page_offset; /**< > 0 */
};

/**
 * @brief CLOSE_RESERVED_CHANNEL, decoded.
 */
struct vmbp_close_reserved_channel {
    uint32_t child_relid; /**< channel ID */
    uint32_t target_vp;   /**< VP for the response */
    uint32_t target_sint; /**< SINT for the response, 0..15 */
};

/**
 * @brief CLOSE_RESERVED_RESPONSE (a vmbp_relid_msg_wire, from 4.0; Linux `CHANNELMSG_20`), decoded.
 */
struct vmbp_close_reserved_response {
    uint32_t child_relid; /**< channel ID */
};

VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_channel_wire) == 156,
                   vmbp_msgv_open_channel_signal_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_open_channel_wire, connection_id) == 148,
                   vmbp_msgv_open_channel_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_result_wire) == 20,
                   vmbp_msgv_open_channel_result_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_relid_msg_wire) == 12, vmbp_msgv_close_channel_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_open_reserved_channel_wire) == 28,
                   vmbp_msgv_open_reserved_channel_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_close_reserved_channel_wire) == 20,
                   vmbp_msgv_close_reserved_channel_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_relid_msg_wire) == 12,
                   vmbp_msgv_close_reserved_response_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_channel_wire) == 16,
                   vmbp_msgv_modify_channel_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_channel_response_wire) == 16,
                   vmbp_msgv_modify_channel_response_size);
/* @generated end structs */

#if defined(__cplusplus)
extern "C" {
#endif

/* @generated begin codec: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/** @cond VMBP_INTERNAL */
static const struct vmbp_msg_field vmbp_priv_fields_open_channel_signal[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"open_id", "echoed in OPEN_CHANNEL_RESULT",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, open_id)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, open_id), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"ring_buffer_gpadl", "GPADL holding both rings",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, ring_buffer_gpadl)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, ring_buffer_gpadl),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_vp", "VP for the channel interrupt, 0xFFFFFFFF: none",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, target_vp)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, target_vp), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"downstream_ring_buffer_page_offset",
     "page of the GPADL where the host-to-guest ring starts",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, downstream_ring_buffer_page_offset)),
     4u, (uint16_t)offsetof(struct vmbp_open_channel, downstream_ring_buffer_page_offset),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"user_data", "data for the host's device",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, user_data)), 120u,
     (uint16_t)offsetof(struct vmbp_open_channel, user_data), (uint8_t)VMBP_MSG_FIELD_BYTES,
     (uint8_t)VMBP_MSG_FMT_BYTES, 0u, (uint8_t)VMBP_MSG_WIRE_BYTES,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"connection_id", "guest-chosen connection ID (GUEST_SPECIFIED_SIGNAL_PARAMETERS)",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, connection_id)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, connection_id), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"event_flag", "guest-chosen event flag (GUEST_SPECIFIED_SIGNAL_PARAMETERS)",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, event_flag)), 2u,
     (uint16_t)offsetof(struct vmbp_open_channel, event_flag), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"flags", "open flags (CHANNEL_INTERRUPT_REDIRECTION)",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, flags)), 2u,
     (uint16_t)offsetof(struct vmbp_open_channel, flags), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_OPEN_FLAGS, 1u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz1", "open flag bits 1-15, zero",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, flags)), 2u, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0xFFFEu,
     (uint8_t)VMBP_MSG_WIRE_U16, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_open_channel[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"open_id", "echoed in OPEN_CHANNEL_RESULT",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, open_id)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, open_id), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"ring_buffer_gpadl", "GPADL holding both rings",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, ring_buffer_gpadl)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, ring_buffer_gpadl),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_vp", "VP for the channel interrupt, 0xFFFFFFFF: none",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, target_vp)), 4u,
     (uint16_t)offsetof(struct vmbp_open_channel, target_vp), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"downstream_ring_buffer_page_offset",
     "page of the GPADL where the host-to-guest ring starts",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, downstream_ring_buffer_page_offset)),
     4u, (uint16_t)offsetof(struct vmbp_open_channel, downstream_ring_buffer_page_offset),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"user_data", "data for the host's device",
     (uint16_t)(offsetof(struct vmbp_open_channel_wire, user_data)), 120u,
     (uint16_t)offsetof(struct vmbp_open_channel, user_data), (uint8_t)VMBP_MSG_FIELD_BYTES,
     (uint8_t)VMBP_MSG_FMT_BYTES, 0u, (uint8_t)VMBP_MSG_WIRE_BYTES,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
};
static const struct vmbp_msg_field vmbp_priv_fields_open_channel_result[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_open_result_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_open_result, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"open_id", "the request's open ID",
     (uint16_t)(offsetof(struct vmbp_open_result_wire, open_id)), 4u,
     (uint16_t)offsetof(struct vmbp_open_result, open_id), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"status", "NTSTATUS, 0: opened",
     (uint16_t)(offsetof(struct vmbp_open_result_wire, status)), 4u,
     (uint16_t)offsetof(struct vmbp_open_result, status), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_NTSTATUS, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_close_channel[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID", (uint16_t)(offsetof(struct vmbp_relid_msg_wire, child_relid)),
     4u, (uint16_t)offsetof(struct vmbp_close_channel, child_relid),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_open_reserved_channel[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_open_reserved_channel_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_open_reserved_channel, child_relid),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_vp", "VP", (uint16_t)(offsetof(struct vmbp_open_reserved_channel_wire, target_vp)),
     4u, (uint16_t)offsetof(struct vmbp_open_reserved_channel, target_vp),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_sint", "SINT",
     (uint16_t)(offsetof(struct vmbp_open_reserved_channel_wire, target_sint)), 4u,
     (uint16_t)offsetof(struct vmbp_open_reserved_channel, target_sint),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"ring_buffer_gpadl", "GPADL holding both rings",
     (uint16_t)(offsetof(struct vmbp_open_reserved_channel_wire, ring_buffer_gpadl)), 4u,
     (uint16_t)offsetof(struct vmbp_open_reserved_channel, ring_buffer_gpadl),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"downstream_ring_buffer_page_offset",
     "page of the GPADL where the host-to-guest ring starts",
     (uint16_t)(offsetof(struct vmbp_open_reserved_channel_wire,
                         downstream_ring_buffer_page_offset)),
     4u,
     (uint16_t)offsetof(struct vmbp_open_reserved_channel, downstream_ring_buffer_page_offset),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_close_reserved_channel[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_close_reserved_channel_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_close_reserved_channel, child_relid),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_vp", "VP for the response",
     (uint16_t)(offsetof(struct vmbp_close_reserved_channel_wire, target_vp)), 4u,
     (uint16_t)offsetof(struct vmbp_close_reserved_channel, target_vp),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_sint", "SINT for the response",
     (uint16_t)(offsetof(struct vmbp_close_reserved_channel_wire, target_sint)), 4u,
     (uint16_t)offsetof(struct vmbp_close_reserved_channel, target_sint),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_close_reserved_response[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID", (uint16_t)(offsetof(struct vmbp_relid_msg_wire, child_relid)),
     4u, (uint16_t)offsetof(struct vmbp_close_reserved_response, child_relid),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_modify_channel[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_modify_channel_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_modify_channel, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_vp", "new VP for the channel interrupt",
     (uint16_t)(offsetof(struct vmbp_modify_channel_wire, target_vp)), 4u,
     (uint16_t)offsetof(struct vmbp_modify_channel, target_vp), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_modify_channel_response[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID",
     (uint16_t)(offsetof(struct vmbp_modify_channel_response_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_modify_channel_response, child_relid),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"status", "NTSTATUS, 0: retargeted",
     (uint16_t)(offsetof(struct vmbp_modify_channel_response_wire, status)), 4u,
     (uint16_t)offsetof(struct vmbp_modify_channel_response, status),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_NTSTATUS, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};

VMBP_STATIC_ASSERT((VMBP_OPEN_FLAG_REDIRECT_INTERRUPT) == 1u,
                   vmbp_msg_channel_table_vmbp_open_flag_redirect_interrupt);
VMBP_STATIC_ASSERT((VMBP_RELID_MIN) == 1u, vmbp_msg_channel_table_vmbp_relid_min);
VMBP_STATIC_ASSERT((VMBP_RELID_MAX) == 0x7FFu, vmbp_msg_channel_table_vmbp_relid_max);
VMBP_STATIC_ASSERT((VMBP_SYNIC_EVENT_FLAGS_COUNT - 1u) == 0x7FFu,
                   vmbp_msg_channel_table_vmbp_synic_event_flags_count_1u);
VMBP_STATIC_ASSERT((VMBP_SYNIC_CONNECTION_ID_MAX) == 0xFFFFFFu,
                   vmbp_msg_channel_table_vmbp_synic_connection_id_max);
VMBP_STATIC_ASSERT((VMBP_SYNIC_SINT_COUNT - 1u) == 0xFu,
                   vmbp_msg_channel_table_vmbp_synic_sint_count_1u);

/* OPEN_CHANNEL: the decoder of its variants: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_open_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                enum vmbp_msg_variant v, struct vmbp_open_channel *out,
                                struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;
    uint32_t downstream_ring_buffer_page_offset;
    uint32_t connection_id = 0;
    uint16_t event_flag = 0;
    uint16_t flags = 0;

    if (len < (v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL
                   ? sizeof(struct vmbp_open_channel_wire)
                   : offsetof(struct vmbp_open_channel_wire, connection_id)))
        return VMBP_E_TRUNCATED;
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_open_channel_wire, child_relid));
    downstream_ring_buffer_page_offset = vmbp_load_le32(
        p + offsetof(struct vmbp_open_channel_wire, downstream_ring_buffer_page_offset));
    if (v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL)
        connection_id =
            vmbp_load_le32(p + offsetof(struct vmbp_open_channel_wire, connection_id));
    if (v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL)
        event_flag = vmbp_load_le16(p + offsetof(struct vmbp_open_channel_wire, event_flag));
    if (v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL)
        flags = vmbp_load_le16(p + offsetof(struct vmbp_open_channel_wire, flags));
    if ((v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) && connection_id != 0 &&
        !vmbp_ctx_has_feature(ctx, (uint32_t)VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS))
        return vmbp_priv_msg_fail(fault, VMBP_E_FEATURE, 0u, connection_id, 0u);
    if ((v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) && event_flag != 0 &&
        !vmbp_ctx_has_feature(ctx, (uint32_t)VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS))
        return vmbp_priv_msg_fail(fault, VMBP_E_FEATURE, 1u, event_flag, 0u);
    if ((v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) &&
        (flags & VMBP_OPEN_FLAG_REDIRECT_INTERRUPT) != 0 &&
        !vmbp_ctx_has_feature(ctx, (uint32_t)VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION))
        return vmbp_priv_msg_fail(fault, VMBP_E_FEATURE, 2u, (flags & 1u), 0u);
    if ((v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) && (flags & 0xFFFEu) != 0)
        return vmbp_priv_msg_fail(fault, VMBP_E_RSVD_NONZERO, 3u, (flags & 0xFFFEu), 0u);
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 4u, child_relid, 0u);
    if (downstream_ring_buffer_page_offset == 0)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 5u,
                                  downstream_ring_buffer_page_offset, 0u);
    if ((v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) &&
        event_flag > (VMBP_SYNIC_EVENT_FLAGS_COUNT - 1u))
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 6u, event_flag, 0u);
    if ((v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) && connection_id > VMBP_SYNIC_CONNECTION_ID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 7u, connection_id, 0u);
    if (out) {
        out->variant = v;
        out->child_relid = child_relid;
        out->open_id = vmbp_load_le32(p + offsetof(struct vmbp_open_channel_wire, open_id));
        out->ring_buffer_gpadl =
            vmbp_load_le32(p + offsetof(struct vmbp_open_channel_wire, ring_buffer_gpadl));
        out->target_vp = vmbp_load_le32(p + offsetof(struct vmbp_open_channel_wire, target_vp));
        out->downstream_ring_buffer_page_offset = downstream_ring_buffer_page_offset;
        VMBP_MEMCPY(out->user_data, p + offsetof(struct vmbp_open_channel_wire, user_data),
                    120u);
        if (v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) {
            out->connection_id = connection_id;
        } else {
            out->connection_id = 0;
        }
        if (v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) {
            out->event_flag = event_flag;
        } else {
            out->event_flag = 0;
        }
        if (v == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) {
            out->flags = flags;
        } else {
            out->flags = 0;
        }
    }
    return VMBP_OK;
}

/* OPEN_CHANNEL_RESULT: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_open_channel_result(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                       enum vmbp_msg_variant v, struct vmbp_open_result *out,
                                       struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_open_result_wire))
        return VMBP_E_TRUNCATED;
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_open_result_wire, child_relid));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (out) {
        out->child_relid = child_relid;
        out->open_id = vmbp_load_le32(p + offsetof(struct vmbp_open_result_wire, open_id));
        out->status = vmbp_load_le32(p + offsetof(struct vmbp_open_result_wire, status));
    }
    return VMBP_OK;
}

/* CLOSE_CHANNEL: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_close_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                 enum vmbp_msg_variant v, struct vmbp_close_channel *out,
                                 struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_relid_msg_wire))
        return VMBP_E_TRUNCATED;
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_relid_msg_wire, child_relid));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (out) {
        out->child_relid = child_relid;
    }
    return VMBP_OK;
}

/* OPEN_RESERVED_CHANNEL: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_open_reserved_channel(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_open_reserved_channel *out, struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;
    uint32_t target_sint;
    uint32_t downstream_ring_buffer_page_offset;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_open_reserved_channel_wire))
        return VMBP_E_TRUNCATED;
    child_relid =
        vmbp_load_le32(p + offsetof(struct vmbp_open_reserved_channel_wire, child_relid));
    target_sint =
        vmbp_load_le32(p + offsetof(struct vmbp_open_reserved_channel_wire, target_sint));
    downstream_ring_buffer_page_offset =
        vmbp_load_le32(p + offsetof(struct vmbp_open_reserved_channel_wire,
                                    downstream_ring_buffer_page_offset));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (target_sint > (VMBP_SYNIC_SINT_COUNT - 1u))
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 1u, target_sint, 0u);
    if (downstream_ring_buffer_page_offset == 0)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 2u,
                                  downstream_ring_buffer_page_offset, 0u);
    if (out) {
        out->child_relid = child_relid;
        out->target_vp =
            vmbp_load_le32(p + offsetof(struct vmbp_open_reserved_channel_wire, target_vp));
        out->target_sint = target_sint;
        out->ring_buffer_gpadl = vmbp_load_le32(
            p + offsetof(struct vmbp_open_reserved_channel_wire, ring_buffer_gpadl));
        out->downstream_ring_buffer_page_offset = downstream_ring_buffer_page_offset;
    }
    return VMBP_OK;
}

/* CLOSE_RESERVED_CHANNEL: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_close_reserved_channel(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_close_reserved_channel *out, struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;
    uint32_t target_sint;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_close_reserved_channel_wire))
        return VMBP_E_TRUNCATED;
    child_relid =
        vmbp_load_le32(p + offsetof(struct vmbp_close_reserved_channel_wire, child_relid));
    target_sint =
        vmbp_load_le32(p + offsetof(struct vmbp_close_reserved_channel_wire, target_sint));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (target_sint > (VMBP_SYNIC_SINT_COUNT - 1u))
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 1u, target_sint, 0u);
    if (out) {
        out->child_relid = child_relid;
        out->target_vp =
            vmbp_load_le32(p + offsetof(struct vmbp_close_reserved_channel_wire, target_vp));
        out->target_sint = target_sint;
    }
    return VMBP_OK;
}

/* CLOSE_RESERVED_RESPONSE: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_close_reserved_response(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_close_reserved_response *out, struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_relid_msg_wire))
        return VMBP_E_TRUNCATED;
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_relid_msg_wire, child_relid));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (out) {
        out->child_relid = child_relid;
    }
    return VMBP_OK;
}

/* MODIFY_CHANNEL: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_modify_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  enum vmbp_msg_variant v, struct vmbp_modify_channel *out,
                                  struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_modify_channel_wire))
        return VMBP_E_TRUNCATED;
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_modify_channel_wire, child_relid));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (out) {
        out->child_relid = child_relid;
        out->target_vp =
            vmbp_load_le32(p + offsetof(struct vmbp_modify_channel_wire, target_vp));
    }
    return VMBP_OK;
}

/* MODIFY_CHANNEL_RESPONSE: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_modify_channel_response(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_modify_channel_response *out, struct vmbp_msg_fault *fault)
{
    uint32_t child_relid;

    (void)ctx;
    (void)v;
    if (len < sizeof(struct vmbp_modify_channel_response_wire))
        return VMBP_E_TRUNCATED;
    child_relid =
        vmbp_load_le32(p + offsetof(struct vmbp_modify_channel_response_wire, child_relid));
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_relid, 0u);
    if (out) {
        out->child_relid = child_relid;
        out->status =
            vmbp_load_le32(p + offsetof(struct vmbp_modify_channel_response_wire, status));
    }
    return VMBP_OK;
}

/* OPEN_CHANNEL: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_open_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  struct vmbp_open_channel *out, struct vmbp_msg_fault *fault,
                                  enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_open_channel(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_open_channel(p, len, ctx, v, out, fault);
}

/* OPEN_CHANNEL_RESULT: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_open_channel_result(const uint8_t *p, size_t len,
                                         const struct vmbp_ctx *ctx,
                                         struct vmbp_open_result *out,
                                         struct vmbp_msg_fault *fault,
                                         enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_open_channel_result(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_open_channel_result(p, len, ctx, v, out, fault);
}

/* CLOSE_CHANNEL: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_close_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                   struct vmbp_close_channel *out, struct vmbp_msg_fault *fault,
                                   enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_close_channel(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_close_channel(p, len, ctx, v, out, fault);
}

/* OPEN_RESERVED_CHANNEL: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_open_reserved_channel(const uint8_t *p, size_t len,
                                           const struct vmbp_ctx *ctx,
                                           struct vmbp_open_reserved_channel *out,
                                           struct vmbp_msg_fault *fault,
                                           enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_open_reserved_channel(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_open_reserved_channel(p, len, ctx, v, out, fault);
}

/* CLOSE_RESERVED_CHANNEL: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_close_reserved_channel(const uint8_t *p, size_t len,
                                            const struct vmbp_ctx *ctx,
                                            struct vmbp_close_reserved_channel *out,
                                            struct vmbp_msg_fault *fault,
                                            enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_close_reserved_channel(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_close_reserved_channel(p, len, ctx, v, out, fault);
}

/* CLOSE_RESERVED_RESPONSE: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_close_reserved_response(const uint8_t *p, size_t len,
                                             const struct vmbp_ctx *ctx,
                                             struct vmbp_close_reserved_response *out,
                                             struct vmbp_msg_fault *fault,
                                             enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_close_reserved_response(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_close_reserved_response(p, len, ctx, v, out, fault);
}

/* MODIFY_CHANNEL: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_modify_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    struct vmbp_modify_channel *out,
                                    struct vmbp_msg_fault *fault,
                                    enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_modify_channel(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_modify_channel(p, len, ctx, v, out, fault);
}

/* MODIFY_CHANNEL_RESPONSE: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_modify_channel_response(const uint8_t *p, size_t len,
                                             const struct vmbp_ctx *ctx,
                                             struct vmbp_modify_channel_response *out,
                                             struct vmbp_msg_fault *fault,
                                             enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_modify_channel_response(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_modify_channel_response(p, len, ctx, v, out, fault);
}

/** @endcond */

/**
 * @brief Decode OPEN_CHANNEL.
 *
 * The 156-byte form is required on 6.0 when GUEST_SPECIFIED_SIGNAL_PARAMETERS or
 * CHANNEL_INTERRUPT_REDIRECTION is negotiated (OpenVMM), else the 148-byte form is read
 * (VMBP-CHAN-001).
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - connection_id: 0 unless GUEST_SPECIFIED_SIGNAL_PARAMETERS is negotiated, else VMBP_E_FEATURE (VMBP-CHAN-002)
 * - event_flag: 0 unless GUEST_SPECIFIED_SIGNAL_PARAMETERS is negotiated, else VMBP_E_FEATURE (VMBP-CHAN-002)
 * - flags: REDIRECT_INTERRUPT (bit 0) only with CHANNEL_INTERRUPT_REDIRECTION negotiated, else VMBP_E_FEATURE (VMBP-CHAN-002)
 * - rsvdz1: 0, else VMBP_E_RSVD_NONZERO (VMBP-CHAN-002)
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-CHAN-003)
 * - downstream_ring_buffer_page_offset: non-zero, else VMBP_E_FIELD_RANGE (VMBP-CHAN-003)
 * - event_flag: 0..2047, else VMBP_E_FIELD_RANGE (VMBP-CHAN-003)
 * - connection_id: 0..0xFFFFFF (24 bits), else VMBP_E_FIELD_RANGE (VMBP-CHAN-003)
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
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_OPEN_CHANNEL, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_open_channel((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode OPEN_CHANNEL in the form `in->variant` names (156 or 148 bytes).
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
    vmbp_store_le32(p + offsetof(struct vmbp_open_channel_wire, child_relid), in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_open_channel_wire, open_id), in->open_id);
    vmbp_store_le32(p + offsetof(struct vmbp_open_channel_wire, ring_buffer_gpadl),
                    in->ring_buffer_gpadl);
    vmbp_store_le32(p + offsetof(struct vmbp_open_channel_wire, target_vp), in->target_vp);
    vmbp_store_le32(
        p + offsetof(struct vmbp_open_channel_wire, downstream_ring_buffer_page_offset),
        in->downstream_ring_buffer_page_offset);
    VMBP_MEMCPY(p + offsetof(struct vmbp_open_channel_wire, user_data), in->user_data, 120u);
    if (in->variant == VMBP_MSGV_OPEN_CHANNEL_SIGNAL) {
        vmbp_store_le32(p + offsetof(struct vmbp_open_channel_wire, connection_id),
                        in->connection_id);
        vmbp_store_le16(p + offsetof(struct vmbp_open_channel_wire, event_flag),
                        in->event_flag);
        vmbp_store_le16(p + offsetof(struct vmbp_open_channel_wire, flags), in->flags);
    }
    return VMBP_OK;
}

/**
 * @brief Decode OPEN_CHANNEL_RESULT.
 *
 * Matching the channel ID and the open ID to a pending request is the caller's business.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-CHAN-006)
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
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_OPEN_CHANNEL_RESULT, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_open_channel_result((const uint8_t *)buf, len, ctx, out, NULL,
                                                    &v);
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
    vmbp_store_le32(p + offsetof(struct vmbp_open_result_wire, child_relid), in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_open_result_wire, open_id), in->open_id);
    vmbp_store_le32(p + offsetof(struct vmbp_open_result_wire, status), in->status);
    return VMBP_OK;
}

/**
 * @brief Decode CLOSE_CHANNEL.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-CHAN-006)
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
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_CLOSE_CHANNEL, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_close_channel((const uint8_t *)buf, len, ctx, out, NULL, &v);
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
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_CLOSE_CHANNEL, VMBP_MSGV_CLOSE_CHANNEL,
                                    sizeof(struct vmbp_relid_msg_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_relid_msg_wire, child_relid), in->child_relid);
    return VMBP_OK;
}

/**
 * @brief Decode OPEN_RESERVED_CHANNEL.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-CHAN-005)
 * - target_sint: 0..15, else VMBP_E_FIELD_RANGE (VMBP-CHAN-005)
 * - downstream_ring_buffer_page_offset: non-zero, else VMBP_E_FIELD_RANGE (VMBP-CHAN-005)
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
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_OPEN_RESERVED_CHANNEL, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_open_reserved_channel((const uint8_t *)buf, len, ctx, out, NULL,
                                                      &v);
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
    vmbp_store_le32(p + offsetof(struct vmbp_open_reserved_channel_wire, child_relid),
                    in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_open_reserved_channel_wire, target_vp),
                    in->target_vp);
    vmbp_store_le32(p + offsetof(struct vmbp_open_reserved_channel_wire, target_sint),
                    in->target_sint);
    vmbp_store_le32(p + offsetof(struct vmbp_open_reserved_channel_wire, ring_buffer_gpadl),
                    in->ring_buffer_gpadl);
    vmbp_store_le32(p + offsetof(struct vmbp_open_reserved_channel_wire,
                                 downstream_ring_buffer_page_offset),
                    in->downstream_ring_buffer_page_offset);
    return VMBP_OK;
}

/**
 * @brief Decode CLOSE_RESERVED_CHANNEL.
 *
 * Valid in every connection state.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-CHAN-005)
 * - target_sint: 0..15, else VMBP_E_FIELD_RANGE (VMBP-CHAN-005)
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_close_reserved_channel_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                       struct vmbp_close_reserved_channel *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_CLOSE_RESERVED_CHANNEL, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_close_reserved_channel((const uint8_t *)buf, len, ctx, out,
                                                       NULL, &v);
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
    vmbp_store_le32(p + offsetof(struct vmbp_close_reserved_channel_wire, child_relid),
                    in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_close_reserved_channel_wire, target_vp),
                    in->target_vp);
    vmbp_store_le32(p + offsetof(struct vmbp_close_reserved_channel_wire, target_sint),
                    in->target_sint);
    return VMBP_OK;
}

/**
 * @brief Decode CLOSE_RESERVED_RESPONSE.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-CHAN-005)
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
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_CLOSE_RESERVED_RESPONSE, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_close_reserved_response((const uint8_t *)buf, len, ctx, out,
                                                        NULL, &v);
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
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_CLOSE_RESERVED_RESPONSE,
                                    VMBP_MSGV_CLOSE_RESERVED_RESPONSE,
                                    sizeof(struct vmbp_relid_msg_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_relid_msg_wire, child_relid), in->child_relid);
    return VMBP_OK;
}

/**
 * @brief Decode MODIFY_CHANNEL.
 *
 * The target VP is not checked (a host answers an unusable one with a failure status).
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-MSG-009)
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
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_MODIFY_CHANNEL, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_modify_channel((const uint8_t *)buf, len, ctx, out, NULL, &v);
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
    vmbp_store_le32(p + offsetof(struct vmbp_modify_channel_wire, child_relid),
                    in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_modify_channel_wire, target_vp), in->target_vp);
    return VMBP_OK;
}

/**
 * @brief Decode MODIFY_CHANNEL_RESPONSE.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-MSG-009)
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
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_MODIFY_CHANNEL_RESPONSE, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_modify_channel_response((const uint8_t *)buf, len, ctx, out,
                                                        NULL, &v);
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
    vmbp_store_le32(p + offsetof(struct vmbp_modify_channel_response_wire, child_relid),
                    in->child_relid);
    vmbp_store_le32(p + offsetof(struct vmbp_modify_channel_response_wire, status), in->status);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the channel family's variants (OPEN_CHANNEL_SIGNAL, OPEN_CHANNEL, OPEN_CHANNEL_RESULT, CLOSE_CHANNEL, OPEN_RESERVED_CHANNEL, CLOSE_RESERVED_CHANNEL, CLOSE_RESERVED_RESPONSE, MODIFY_CHANNEL, MODIFY_CHANNEL_RESPONSE).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL (and @p n untouched) for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_channel_fields(enum vmbp_msg_variant v,
                                                                 size_t *n)
{
    const struct vmbp_msg_field *tab;
    size_t count;

    switch (v) {
    case VMBP_MSGV_OPEN_CHANNEL_SIGNAL:
        tab = vmbp_priv_fields_open_channel_signal;
        count = sizeof(vmbp_priv_fields_open_channel_signal) /
                sizeof(vmbp_priv_fields_open_channel_signal[0]);
        break;
    case VMBP_MSGV_OPEN_CHANNEL:
        tab = vmbp_priv_fields_open_channel;
        count =
            sizeof(vmbp_priv_fields_open_channel) / sizeof(vmbp_priv_fields_open_channel[0]);
        break;
    case VMBP_MSGV_OPEN_CHANNEL_RESULT:
        tab = vmbp_priv_fields_open_channel_result;
        count = sizeof(vmbp_priv_fields_open_channel_result) /
                sizeof(vmbp_priv_fields_open_channel_result[0]);
        break;
    case VMBP_MSGV_CLOSE_CHANNEL:
        tab = vmbp_priv_fields_close_channel;
        count =
            sizeof(vmbp_priv_fields_close_channel) / sizeof(vmbp_priv_fields_close_channel[0]);
        break;
    case VMBP_MSGV_OPEN_RESERVED_CHANNEL:
        tab = vmbp_priv_fields_open_reserved_channel;
        count = sizeof(vmbp_priv_fields_open_reserved_channel) /
                sizeof(vmbp_priv_fields_open_reserved_channel[0]);
        break;
    case VMBP_MSGV_CLOSE_RESERVED_CHANNEL:
        tab = vmbp_priv_fields_close_reserved_channel;
        count = sizeof(vmbp_priv_fields_close_reserved_channel) /
                sizeof(vmbp_priv_fields_close_reserved_channel[0]);
        break;
    case VMBP_MSGV_CLOSE_RESERVED_RESPONSE:
        tab = vmbp_priv_fields_close_reserved_response;
        count = sizeof(vmbp_priv_fields_close_reserved_response) /
                sizeof(vmbp_priv_fields_close_reserved_response[0]);
        break;
    case VMBP_MSGV_MODIFY_CHANNEL:
        tab = vmbp_priv_fields_modify_channel;
        count = sizeof(vmbp_priv_fields_modify_channel) /
                sizeof(vmbp_priv_fields_modify_channel[0]);
        break;
    case VMBP_MSGV_MODIFY_CHANNEL_RESPONSE:
        tab = vmbp_priv_fields_modify_channel_response;
        count = sizeof(vmbp_priv_fields_modify_channel_response) /
                sizeof(vmbp_priv_fields_modify_channel_response[0]);
        break;
    default:
        return NULL;
    }
    if (n)
        *n = count;
    return tab;
}
/* @generated end codec */

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_CHANNEL_H */
