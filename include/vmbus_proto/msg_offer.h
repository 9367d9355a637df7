/* SPDX-License-Identifier: MIT */
/**
 * @file msg_offer.h
 * @brief Offer messages: OFFER_CHANNEL (with the standard and named-pipe user-data
 * overlays), RESCIND_CHANNEL_OFFER and RELID_RELEASED.
 *
 * The structs and the codec are generated from gen/msg.toml (the blocks marked
 * "generated"). The hv_sock overlay of the user data is in msg_hvsock.h. Codec conventions as in
 * msg_connect.h: private buffer in, `out` written on success only (NULL validates), encoders
 * write the variant's exact bytes with zeroed reserved bytes.
 *
 * Sources: Linux `include/linux/hyperv.h` (`vmbus_channel_offer_channel`),
 * `drivers/hv/channel_mgmt.c` (`vmbus_onoffer`); OpenVMM
 * `vm/devices/vmbus/vmbus_core/src/protocol.rs` (`OfferChannel`, `PipeUserDefinedParameters`),
 * `vmbus_server/src/channels.rs` (`send_offer`); mu_msvm `MsvmPkg/VmbusDxe/ChannelMessages.h`
 * (`VMBUS_CHANNEL_OFFER_CHANNEL`). Specification: spec/msg_offer.md.
 */
#ifndef VMBP_MSG_OFFER_H
#define VMBP_MSG_OFFER_H

#include "features.h"
#include "endian.h"
#include "msg.h"
#include "port.h"
#include "status.h"
#include "synic.h"
#include "version.h"

/** @defgroup vmbp_msg_offer Offer messages
 *  @brief OFFER_CHANNEL and its overlays, RESCIND_CHANNEL_OFFER, RELID_RELEASED.
 *  @{
 */

/** @brief Size of an offer's user-defined data (Linux `MAX_USER_DEFINED_BYTES`). */
#define VMBP_OFFER_USER_DEFINED_SIZE 120u
/** @brief Pipe type: byte stream (Linux `VMBUS_PIPE_TYPE_BYTE`, OpenVMM `PipeType::BYTE`). */
#define VMBP_PIPE_TYPE_BYTE 0u
/** @brief Pipe type: messages (Linux `VMBUS_PIPE_TYPE_MESSAGE`, OpenVMM `PipeType::MESSAGE`). */
#define VMBP_PIPE_TYPE_MESSAGE 4u
/** @brief Pipe flag: the pipe supports GPA-direct transfers (OpenVMM `PipeFlags`). */
#define VMBP_PIPE_FLAG_GPA_DIRECT 0x1u

/* @generated begin structs: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/**
 * @brief OFFER_CHANNEL (196 bytes from 1.1; 190 bytes at 0.13, which ends before
 * @c is_dedicated_interrupt).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 16 | interface_type | device class GUID |
 * | 24 | 16 | interface_instance | device instance GUID |
 * | 40 | 16 | rsvdz1 | reserved; ignored (set by pre-2.4 hosts) |
 * | 56 | 2 | flags | `VMBP_OFFER_FLAG_*` (features.h) |
 * | 58 | 2 | mmio_megabytes | MMIO space the device needs, MiB |
 * | 60 | 120 | user_defined | standard, pipe or hv_sock overlay |
 * | 180 | 2 | sub_channel_index | 0: primary channel (from 2.4) |
 * | 182 | 2 | mmio_megabytes_optional | optional extra MMIO, MiB (Linux `reserved3`) |
 * | 184 | 4 | child_relid | channel ID, 1..2047 |
 * | 188 | 1 | monitor_id | monitor ID, 0..127, 0xFF none |
 * | 189 | 1 | monitor_allocated | bit 0; bits 1-7 zero |
 * | 190 | 2 | is_dedicated_interrupt | bit 0; bits 1-15 zero (from 1.1) |
 * | 192 | 4 | connection_id | connection ID for HvSignalEvent (from 1.1) |
 */
struct vmbp_offer_wire {
    struct vmbp_msg_header_wire hdr;  /**< type 1 */
    uint8_t interface_type[16];       /**< Linux `if_type`, OpenVMM `interface_id` */
    uint8_t interface_instance[16];   /**< Linux `if_instance`, OpenVMM `instance_id` */
    uint32_t rsvdz1[4];               /**< Linux `reserved1/2` (u64), OpenVMM `rsvd` */
    uint16_t flags;                   /**< Linux `chn_flags` */
    uint16_t mmio_megabytes;          /**< MMIO MiB */
    uint8_t user_defined[120];        /**< Linux `u.std.user_def` / `u.pipe` */
    uint16_t sub_channel_index;       /**< OpenVMM `subchannel_index` */
    uint16_t mmio_megabytes_optional; /**< Linux `reserved3` */
    uint32_t child_relid;             /**< OpenVMM `channel_id` */
    uint8_t monitor_id;               /**< Linux `monitorid` */
    uint8_t monitor_allocated;        /**< bit 0 (Linux bit-field) */
    uint16_t is_dedicated_interrupt;  /**< bit 0; OpenVMM `is_dedicated` */
    uint32_t connection_id;           /**< Linux uses it as `sig_event` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_wire) == 196, vmbp_offer_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, hdr) == 0, vmbp_offer_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, interface_type) == 8,
                   vmbp_offer_interface_type);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, interface_instance) == 24,
                   vmbp_offer_interface_instance);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, rsvdz1) == 40, vmbp_offer_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, flags) == 56, vmbp_offer_flags);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, mmio_megabytes) == 58,
                   vmbp_offer_mmio_megabytes);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, user_defined) == 60,
                   vmbp_offer_user_defined);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, sub_channel_index) == 180,
                   vmbp_offer_sub_channel_index);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, mmio_megabytes_optional) == 182,
                   vmbp_offer_mmio_megabytes_optional);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, child_relid) == 184,
                   vmbp_offer_child_relid);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, monitor_id) == 188, vmbp_offer_monitor_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, monitor_allocated) == 189,
                   vmbp_offer_monitor_allocated);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, is_dedicated_interrupt) == 190,
                   vmbp_offer_is_dedicated_interrupt);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, connection_id) == 192,
                   vmbp_offer_connection_id);

/**
 * @brief The named-pipe overlay of the user data (offer flag NAMED_PIPE_MODE), at message
 * offset 60.
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 0 | 4 | pipe_type | VMBP_PIPE_TYPE_BYTE or VMBP_PIPE_TYPE_MESSAGE |
 * | 4 | 112 | pipe_user_defined | provider data |
 * | 116 | 4 | pipe_flags | VMBP_PIPE_FLAG_* (OpenVMM; Linux: user data) |
 */
struct vmbp_offer_pipe_wire {
    uint32_t pipe_type;             /**< Linux `pipe_mode`, OpenVMM `pipe_type` */
    uint8_t pipe_user_defined[112]; /**< OpenVMM `user_defined` */
    uint32_t pipe_flags;            /**< OpenVMM `flags` (`PipeFlags`) */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_pipe_wire) == 120, vmbp_offer_pipe_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_pipe_wire, pipe_type) == 0,
                   vmbp_offer_pipe_pipe_type);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_pipe_wire, pipe_user_defined) == 4,
                   vmbp_offer_pipe_pipe_user_defined);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_pipe_wire, pipe_flags) == 116,
                   vmbp_offer_pipe_pipe_flags);

/**
 * @brief OFFER_CHANNEL, decoded. The OFFER_CHANNEL_V1 variant (0.13) has no
 * @c is_dedicated_interrupt and @c connection_id: they decode as 0 and are not encoded.
 */
struct vmbp_offer {
    enum vmbp_msg_variant variant;       /**< OFFER_CHANNEL or OFFER_CHANNEL_V1 */
    struct vmbp_guid interface_type;     /**< device class (devices.h) */
    struct vmbp_guid interface_instance; /**< device instance */
    uint16_t flags;                      /**< `VMBP_OFFER_FLAG_*` (vmbp_offer_flags_check()) */
    uint16_t mmio_megabytes;             /**< MMIO MiB */
    uint8_t user_defined[120];           /**< device data, or an overlay (pipe, hv_sock) */
    uint16_t sub_channel_index;          /**< 0: primary channel */
    uint16_t mmio_megabytes_optional;    /**< optional extra MMIO MiB */
    uint32_t child_relid;                /**< channel ID, 1..2047 */
    uint8_t monitor_id;                  /**< 0..127 when allocated */
    uint8_t monitor_allocated;           /**< 0 or 1 */
    uint16_t is_dedicated_interrupt;     /**< 0 or 1 */
    uint32_t connection_id;              /**< at most 0xFFFFFF */
};

/**
 * @brief RESCIND_CHANNEL_OFFER (host withdraws a channel), decoded.
 */
struct vmbp_rescind {
    uint32_t child_relid; /**< channel ID */
};

/**
 * @brief RELID_RELEASED (guest frees the channel ID of a rescinded channel), decoded.
 */
struct vmbp_relid_released {
    uint32_t child_relid; /**< channel ID */
};

/**
 * @brief The named-pipe overlay, decoded.
 */
struct vmbp_offer_pipe {
    uint32_t pipe_type;             /**< VMBP_PIPE_TYPE_BYTE or VMBP_PIPE_TYPE_MESSAGE */
    uint8_t pipe_user_defined[112]; /**< provider data */
    uint32_t pipe_flags;            /**< VMBP_PIPE_FLAG_*; other bits not checked */
};

VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_wire) == 196, vmbp_msgv_offer_channel_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, is_dedicated_interrupt) == 190,
                   vmbp_msgv_offer_channel_v1_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_relid_msg_wire) == 12,
                   vmbp_msgv_rescind_channel_offer_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_relid_msg_wire) == 12, vmbp_msgv_relid_released_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_offer_pipe_wire) <= VMBP_OFFER_USER_DEFINED_SIZE,
                   vmbp_overlay_pipe_size);
/* @generated end structs */

/** @brief Size of the 0.13 offer, which ends before @c is_dedicated_interrupt (mu_msvm
 * `VMBUS_CHANNEL_OFFER_CHANNEL_SIZE_PRE_WIN7`). */
#define VMBP_MSG_OFFER_V1_SIZE 190u
VMBP_STATIC_ASSERT(offsetof(struct vmbp_offer_wire, is_dedicated_interrupt) ==
                       VMBP_MSG_OFFER_V1_SIZE,
                   vmbp_offer_v1_size);

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Name of a pipe type (pipe overlay of a named-pipe offer).
 * @param type pipe_type
 * @return "BYTE", "MESSAGE", or NULL
 */
VMBP_INLINE const char *vmbp_pipe_type_name(uint32_t type)
{
    switch (type) {
    case VMBP_PIPE_TYPE_BYTE:
        return "BYTE";
    case VMBP_PIPE_TYPE_MESSAGE:
        return "MESSAGE";
    default:
        return NULL;
    }
}

/* @generated begin codec: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/** @cond VMBP_INTERNAL */
static const struct vmbp_msg_field vmbp_priv_fields_offer_channel[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"interface_type", "device class",
     (uint16_t)(offsetof(struct vmbp_offer_wire, interface_type)), 16u,
     (uint16_t)offsetof(struct vmbp_offer, interface_type), (uint8_t)VMBP_MSG_FIELD_GUID,
     (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"interface_instance", "device instance",
     (uint16_t)(offsetof(struct vmbp_offer_wire, interface_instance)), 16u,
     (uint16_t)offsetof(struct vmbp_offer, interface_instance), (uint8_t)VMBP_MSG_FIELD_GUID,
     (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"rsvdz1", "reserved, ignored: pre-2.4 hosts may set it",
     (uint16_t)(offsetof(struct vmbp_offer_wire, rsvdz1)), 16u, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_BYTES, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"flags", "offer flags", (uint16_t)(offsetof(struct vmbp_offer_wire, flags)), 2u,
     (uint16_t)offsetof(struct vmbp_offer, flags), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_OFFER_FLAGS, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"mmio_megabytes", "MMIO MiB", (uint16_t)(offsetof(struct vmbp_offer_wire, mmio_megabytes)),
     2u, (uint16_t)offsetof(struct vmbp_offer, mmio_megabytes), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"user_defined", "user data: standard, pipe or hv_sock overlay",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined)), 120u,
     (uint16_t)offsetof(struct vmbp_offer, user_defined), (uint8_t)VMBP_MSG_FIELD_BYTES,
     (uint8_t)VMBP_MSG_FMT_BYTES, 0u, (uint8_t)VMBP_MSG_WIRE_BYTES,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"sub_channel_index", "0: primary channel",
     (uint16_t)(offsetof(struct vmbp_offer_wire, sub_channel_index)), 2u,
     (uint16_t)offsetof(struct vmbp_offer, sub_channel_index), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"mmio_megabytes_optional", "optional extra MMIO MiB (Linux reserved3)",
     (uint16_t)(offsetof(struct vmbp_offer_wire, mmio_megabytes_optional)), 2u,
     (uint16_t)offsetof(struct vmbp_offer, mmio_megabytes_optional),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID, 1..2047",
     (uint16_t)(offsetof(struct vmbp_offer_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_offer, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"monitor_id", "monitor ID, 0..127, 0xFF none",
     (uint16_t)(offsetof(struct vmbp_offer_wire, monitor_id)), 1u,
     (uint16_t)offsetof(struct vmbp_offer, monitor_id), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"monitor_allocated", "the monitor ID is valid",
     (uint16_t)(offsetof(struct vmbp_offer_wire, monitor_allocated)), 1u,
     (uint16_t)offsetof(struct vmbp_offer, monitor_allocated), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_BOOL, 1u, (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz2", "bits 1-7 of byte 189, zero",
     (uint16_t)(offsetof(struct vmbp_offer_wire, monitor_allocated)), 1u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0xFEu,
     (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"is_dedicated_interrupt", "the channel has its own interrupt (from 1.1)",
     (uint16_t)(offsetof(struct vmbp_offer_wire, is_dedicated_interrupt)), 2u,
     (uint16_t)offsetof(struct vmbp_offer, is_dedicated_interrupt),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_BOOL, 1u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz3", "bits 1-15 of the word at 190, zero",
     (uint16_t)(offsetof(struct vmbp_offer_wire, is_dedicated_interrupt)), 2u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0xFFFEu,
     (uint8_t)VMBP_MSG_WIRE_U16, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"connection_id", "connection ID for HvSignalEvent (from 1.1)",
     (uint16_t)(offsetof(struct vmbp_offer_wire, connection_id)), 4u,
     (uint16_t)offsetof(struct vmbp_offer, connection_id), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_offer_channel_v1[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"interface_type", "device class",
     (uint16_t)(offsetof(struct vmbp_offer_wire, interface_type)), 16u,
     (uint16_t)offsetof(struct vmbp_offer, interface_type), (uint8_t)VMBP_MSG_FIELD_GUID,
     (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"interface_instance", "device instance",
     (uint16_t)(offsetof(struct vmbp_offer_wire, interface_instance)), 16u,
     (uint16_t)offsetof(struct vmbp_offer, interface_instance), (uint8_t)VMBP_MSG_FIELD_GUID,
     (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
    {"rsvdz1", "reserved, ignored: pre-2.4 hosts may set it",
     (uint16_t)(offsetof(struct vmbp_offer_wire, rsvdz1)), 16u, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_BYTES, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"flags", "offer flags", (uint16_t)(offsetof(struct vmbp_offer_wire, flags)), 2u,
     (uint16_t)offsetof(struct vmbp_offer, flags), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_OFFER_FLAGS, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"mmio_megabytes", "MMIO MiB", (uint16_t)(offsetof(struct vmbp_offer_wire, mmio_megabytes)),
     2u, (uint16_t)offsetof(struct vmbp_offer, mmio_megabytes), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"user_defined", "user data: standard, pipe or hv_sock overlay",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined)), 120u,
     (uint16_t)offsetof(struct vmbp_offer, user_defined), (uint8_t)VMBP_MSG_FIELD_BYTES,
     (uint8_t)VMBP_MSG_FMT_BYTES, 0u, (uint8_t)VMBP_MSG_WIRE_BYTES,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"sub_channel_index", "0: primary channel",
     (uint16_t)(offsetof(struct vmbp_offer_wire, sub_channel_index)), 2u,
     (uint16_t)offsetof(struct vmbp_offer, sub_channel_index), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"mmio_megabytes_optional", "optional extra MMIO MiB (Linux reserved3)",
     (uint16_t)(offsetof(struct vmbp_offer_wire, mmio_megabytes_optional)), 2u,
     (uint16_t)offsetof(struct vmbp_offer, mmio_megabytes_optional),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U16,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID, 1..2047",
     (uint16_t)(offsetof(struct vmbp_offer_wire, child_relid)), 4u,
     (uint16_t)offsetof(struct vmbp_offer, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"monitor_id", "monitor ID, 0..127, 0xFF none",
     (uint16_t)(offsetof(struct vmbp_offer_wire, monitor_id)), 1u,
     (uint16_t)offsetof(struct vmbp_offer, monitor_id), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"monitor_allocated", "the monitor ID is valid",
     (uint16_t)(offsetof(struct vmbp_offer_wire, monitor_allocated)), 1u,
     (uint16_t)offsetof(struct vmbp_offer, monitor_allocated), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_BOOL, 1u, (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz2", "bits 1-7 of byte 189, zero",
     (uint16_t)(offsetof(struct vmbp_offer_wire, monitor_allocated)), 1u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0xFEu,
     (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
};
static const struct vmbp_msg_field vmbp_priv_fields_rescind_channel_offer[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID", (uint16_t)(offsetof(struct vmbp_relid_msg_wire, child_relid)),
     4u, (uint16_t)offsetof(struct vmbp_rescind, child_relid), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_relid_released[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_relid", "channel ID", (uint16_t)(offsetof(struct vmbp_relid_msg_wire, child_relid)),
     4u, (uint16_t)offsetof(struct vmbp_relid_released, child_relid),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};

VMBP_STATIC_ASSERT((VMBP_RELID_MIN) == 1u, vmbp_msg_offer_table_vmbp_relid_min);
VMBP_STATIC_ASSERT((VMBP_RELID_MAX) == 0x7FFu, vmbp_msg_offer_table_vmbp_relid_max);
VMBP_STATIC_ASSERT((VMBP_MONITOR_ID_COUNT - 1u) == 0x7Fu,
                   vmbp_msg_offer_table_vmbp_monitor_id_count_1u);
VMBP_STATIC_ASSERT((VMBP_SYNIC_CONNECTION_ID_MAX) == 0xFFFFFFu,
                   vmbp_msg_offer_table_vmbp_synic_connection_id_max);
VMBP_STATIC_ASSERT((VMBP_PIPE_TYPE_BYTE) == 0u, vmbp_msg_offer_table_vmbp_pipe_type_byte);
VMBP_STATIC_ASSERT((VMBP_PIPE_TYPE_MESSAGE) == 4u, vmbp_msg_offer_table_vmbp_pipe_type_message);

/* OFFER_CHANNEL: the decoder of its variants: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_offer_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                 enum vmbp_msg_variant v, struct vmbp_offer *out,
                                 struct vmbp_msg_fault *fault)
{
    uint16_t flags;
    uint32_t child_relid;
    uint8_t monitor_id;
    uint8_t monitor_allocated;
    uint16_t is_dedicated_interrupt = 0;
    uint32_t connection_id = 0;
    enum vmbp_status st;

    if (len < (v == VMBP_MSGV_OFFER_CHANNEL
                   ? sizeof(struct vmbp_offer_wire)
                   : offsetof(struct vmbp_offer_wire, is_dedicated_interrupt)))
        return VMBP_E_TRUNCATED;
    flags = vmbp_load_le16(p + offsetof(struct vmbp_offer_wire, flags));
    child_relid = vmbp_load_le32(p + offsetof(struct vmbp_offer_wire, child_relid));
    monitor_id = p[offsetof(struct vmbp_offer_wire, monitor_id)];
    monitor_allocated = p[offsetof(struct vmbp_offer_wire, monitor_allocated)];
    if (v == VMBP_MSGV_OFFER_CHANNEL)
        is_dedicated_interrupt =
            vmbp_load_le16(p + offsetof(struct vmbp_offer_wire, is_dedicated_interrupt));
    if (v == VMBP_MSGV_OFFER_CHANNEL)
        connection_id = vmbp_load_le32(p + offsetof(struct vmbp_offer_wire, connection_id));
    st = vmbp_offer_flags_check(flags, ctx);
    if (st != VMBP_OK)
        return vmbp_priv_msg_fail(fault, st,
                                  st == VMBP_E_CONFIDENTIAL       ? 0u
                                  : st == VMBP_E_CONFIDENTIAL_EXT ? 1u
                                                                  : 2u,
                                  flags, 0u);
    if ((monitor_allocated & 0xFEu) != 0)
        return vmbp_priv_msg_fail(fault, VMBP_E_RSVD_NONZERO, 3u, (monitor_allocated & 0xFEu),
                                  0u);
    if ((v == VMBP_MSGV_OFFER_CHANNEL) && (is_dedicated_interrupt & 0xFFFEu) != 0)
        return vmbp_priv_msg_fail(fault, VMBP_E_RSVD_NONZERO, 4u,
                                  (is_dedicated_interrupt & 0xFFFEu), 0u);
    if (child_relid < VMBP_RELID_MIN || child_relid > VMBP_RELID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 5u, child_relid, 0u);
    if ((monitor_allocated & 1u) != 0 && (monitor_id > (VMBP_MONITOR_ID_COUNT - 1u)))
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 6u, monitor_id, 0u);
    if ((v == VMBP_MSGV_OFFER_CHANNEL) && connection_id > VMBP_SYNIC_CONNECTION_ID_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 7u, connection_id, 0u);
    if (out) {
        out->variant = v;
        VMBP_MEMCPY(out->interface_type.bytes,
                    p + offsetof(struct vmbp_offer_wire, interface_type), 16);
        VMBP_MEMCPY(out->interface_instance.bytes,
                    p + offsetof(struct vmbp_offer_wire, interface_instance), 16);
        out->flags = flags;
        out->mmio_megabytes =
            vmbp_load_le16(p + offsetof(struct vmbp_offer_wire, mmio_megabytes));
        VMBP_MEMCPY(out->user_defined, p + offsetof(struct vmbp_offer_wire, user_defined),
                    120u);
        out->sub_channel_index =
            vmbp_load_le16(p + offsetof(struct vmbp_offer_wire, sub_channel_index));
        out->mmio_megabytes_optional =
            vmbp_load_le16(p + offsetof(struct vmbp_offer_wire, mmio_megabytes_optional));
        out->child_relid = child_relid;
        out->monitor_id = monitor_id;
        out->monitor_allocated = (uint8_t)(monitor_allocated & 1u);
        if (v == VMBP_MSGV_OFFER_CHANNEL) {
            out->is_dedicated_interrupt = (uint16_t)(is_dedicated_interrupt & 1u);
        } else {
            out->is_dedicated_interrupt = 0;
        }
        if (v == VMBP_MSGV_OFFER_CHANNEL) {
            out->connection_id = connection_id;
        } else {
            out->connection_id = 0;
        }
    }
    return VMBP_OK;
}

/* RESCIND_CHANNEL_OFFER: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_rescind_channel_offer(const uint8_t *p, size_t len,
                                         const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
                                         struct vmbp_rescind *out, struct vmbp_msg_fault *fault)
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

/* RELID_RELEASED: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_relid_released(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  enum vmbp_msg_variant v, struct vmbp_relid_released *out,
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

/* OFFER_CHANNEL: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_offer_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                   struct vmbp_offer *out, struct vmbp_msg_fault *fault,
                                   enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_offer_channel(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_offer_channel(p, len, ctx, v, out, fault);
}

/* RESCIND_CHANNEL_OFFER: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_rescind_channel_offer(const uint8_t *p, size_t len,
                                           const struct vmbp_ctx *ctx, struct vmbp_rescind *out,
                                           struct vmbp_msg_fault *fault,
                                           enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_rescind_channel_offer(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_rescind_channel_offer(p, len, ctx, v, out, fault);
}

/* RELID_RELEASED: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_relid_released(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    struct vmbp_relid_released *out,
                                    struct vmbp_msg_fault *fault,
                                    enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_relid_released(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_relid_released(p, len, ctx, v, out, fault);
}

/** @endcond */

/**
 * @brief Decode OFFER_CHANNEL.
 *
 * Bytes 40-55 are ignored; the user data is not interpreted here
 * (vmbp_msg_offer_pipe_get(), vmbp_msg_offer_hvsock_get()).
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - flags: CONFIDENTIAL_RING_BUFFER (0x2) and CONFIDENTIAL_EXTERNAL_MEMORY (0x4) only with CONFIDENTIAL_CHANNELS negotiated, else VMBP_E_CONFIDENTIAL (VMBP-FEAT-003)
 * - flags: CONFIDENTIAL_EXTERNAL_MEMORY (0x4) only with CONFIDENTIAL_RING_BUFFER (0x2), else VMBP_E_CONFIDENTIAL_EXT (VMBP-FEAT-004)
 * - flags: REQUIRE_PINNED_EXTERNAL_MEMORY (0x8) only with GPA_PINNING negotiated, else VMBP_E_FEATURE (VMBP-FEAT-005)
 * - rsvdz2: 0, else VMBP_E_RSVD_NONZERO (VMBP-OFFER-003)
 * - rsvdz3: 0, else VMBP_E_RSVD_NONZERO (VMBP-OFFER-003)
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-OFFER-004)
 * - monitor_id: 0..127 when monitor_allocated, else VMBP_E_FIELD_RANGE (VMBP-OFFER-004); only when monitor_allocated has 0x1
 * - connection_id: 0..0xFFFFFF (24 bits), else VMBP_E_FIELD_RANGE (VMBP-OFFER-004)
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_offer_decode(const void *buf, size_t len,
                                                                   const struct vmbp_ctx *ctx,
                                                                   struct vmbp_offer *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_OFFER_CHANNEL, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_offer_channel((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode OFFER_CHANNEL in the form `in->variant` names (196 or 190 bytes).
 * @param in  message; @c monitor_allocated 0 or 1, @c is_dedicated_interrupt 0 or 1
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_encode(const struct vmbp_offer *in, void *buf, size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in || in->monitor_allocated > 1u || in->is_dedicated_interrupt > 1u)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_OFFER_CHANNEL, in->variant,
                                    vmbp_msg_variant_size(in->variant), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_MEMCPY(p + offsetof(struct vmbp_offer_wire, interface_type), in->interface_type.bytes,
                16);
    VMBP_MEMCPY(p + offsetof(struct vmbp_offer_wire, interface_instance),
                in->interface_instance.bytes, 16);
    vmbp_store_le16(p + offsetof(struct vmbp_offer_wire, flags), in->flags);
    vmbp_store_le16(p + offsetof(struct vmbp_offer_wire, mmio_megabytes), in->mmio_megabytes);
    VMBP_MEMCPY(p + offsetof(struct vmbp_offer_wire, user_defined), in->user_defined, 120u);
    vmbp_store_le16(p + offsetof(struct vmbp_offer_wire, sub_channel_index),
                    in->sub_channel_index);
    vmbp_store_le16(p + offsetof(struct vmbp_offer_wire, mmio_megabytes_optional),
                    in->mmio_megabytes_optional);
    vmbp_store_le32(p + offsetof(struct vmbp_offer_wire, child_relid), in->child_relid);
    p[offsetof(struct vmbp_offer_wire, monitor_id)] = (uint8_t)(in->monitor_id);
    p[offsetof(struct vmbp_offer_wire, monitor_allocated)] = (uint8_t)(in->monitor_allocated);
    if (in->variant == VMBP_MSGV_OFFER_CHANNEL) {
        vmbp_store_le16(p + offsetof(struct vmbp_offer_wire, is_dedicated_interrupt),
                        in->is_dedicated_interrupt);
        vmbp_store_le32(p + offsetof(struct vmbp_offer_wire, connection_id), in->connection_id);
    }
    return VMBP_OK;
}

/**
 * @brief Decode RESCIND_CHANNEL_OFFER.
 *
 * Whether the channel exists is the caller's business.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-OFFER-006)
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_rescind_decode(const void *buf,
                                                                     size_t len,
                                                                     const struct vmbp_ctx *ctx,
                                                                     struct vmbp_rescind *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_RESCIND_CHANNEL_OFFER, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_rescind_channel_offer((const uint8_t *)buf, len, ctx, out, NULL,
                                                      &v);
}

/**
 * @brief Encode RESCIND_CHANNEL_OFFER (12 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_rescind_encode(const struct vmbp_rescind *in, void *buf, size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_RESCIND_CHANNEL_OFFER,
                                    VMBP_MSGV_RESCIND_CHANNEL_OFFER,
                                    sizeof(struct vmbp_relid_msg_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_relid_msg_wire, child_relid), in->child_relid);
    return VMBP_OK;
}

/**
 * @brief Decode RELID_RELEASED.
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_relid: 1..2047, else VMBP_E_FIELD_RANGE (VMBP-OFFER-006)
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_relid_released_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_relid_released *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_RELID_RELEASED, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_relid_released((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode RELID_RELEASED (12 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_relid_released_encode(const struct vmbp_relid_released *in, void *buf, size_t cap,
                               size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_RELID_RELEASED, VMBP_MSGV_RELID_RELEASED,
                                    sizeof(struct vmbp_relid_msg_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(p + offsetof(struct vmbp_relid_msg_wire, child_relid), in->child_relid);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the offer family's variants (OFFER_CHANNEL, OFFER_CHANNEL_V1, RESCIND_CHANNEL_OFFER, RELID_RELEASED).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL (and @p n untouched) for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_offer_fields(enum vmbp_msg_variant v,
                                                               size_t *n)
{
    const struct vmbp_msg_field *tab;
    size_t count;

    switch (v) {
    case VMBP_MSGV_OFFER_CHANNEL:
        tab = vmbp_priv_fields_offer_channel;
        count =
            sizeof(vmbp_priv_fields_offer_channel) / sizeof(vmbp_priv_fields_offer_channel[0]);
        break;
    case VMBP_MSGV_OFFER_CHANNEL_V1:
        tab = vmbp_priv_fields_offer_channel_v1;
        count = sizeof(vmbp_priv_fields_offer_channel_v1) /
                sizeof(vmbp_priv_fields_offer_channel_v1[0]);
        break;
    case VMBP_MSGV_RESCIND_CHANNEL_OFFER:
        tab = vmbp_priv_fields_rescind_channel_offer;
        count = sizeof(vmbp_priv_fields_rescind_channel_offer) /
                sizeof(vmbp_priv_fields_rescind_channel_offer[0]);
        break;
    case VMBP_MSGV_RELID_RELEASED:
        tab = vmbp_priv_fields_relid_released;
        count = sizeof(vmbp_priv_fields_relid_released) /
                sizeof(vmbp_priv_fields_relid_released[0]);
        break;
    default:
        return NULL;
    }
    if (n)
        *n = count;
    return tab;
}

/** @cond VMBP_INTERNAL */
static const struct vmbp_msg_field vmbp_priv_fields_overlay_pipe[] = {
    {"pipe_type", "pipe type: 0 byte, 4 message",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_pipe_wire, pipe_type)),
     4u, (uint16_t)offsetof(struct vmbp_offer_pipe, pipe_type), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_PIPE_TYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"pipe_user_defined", "provider data",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_pipe_wire, pipe_user_defined)),
     112u, (uint16_t)offsetof(struct vmbp_offer_pipe, pipe_user_defined),
     (uint8_t)VMBP_MSG_FIELD_BYTES, (uint8_t)VMBP_MSG_FMT_BYTES, 0u,
     (uint8_t)VMBP_MSG_WIRE_BYTES, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"pipe_flags", "pipe flags (OpenVMM); Linux: user data",
     (uint16_t)(offsetof(struct vmbp_offer_wire, user_defined) +
                offsetof(struct vmbp_offer_pipe_wire, pipe_flags)),
     4u, (uint16_t)offsetof(struct vmbp_offer_pipe, pipe_flags), (uint8_t)VMBP_MSG_FIELD_VALUE,
     (uint8_t)VMBP_MSG_FMT_PIPE_FLAGS, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};

/* The pipe overlay's checks in order (VMBP-MSG-103), then the decoded struct. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_offer_pipe_get(const struct vmbp_offer *offer, struct vmbp_offer_pipe *out,
                             struct vmbp_msg_fault *fault)
{
    const uint8_t *p;
    uint32_t pipe_type;

    if (!offer)
        return VMBP_E_INVAL;
    p = offer->user_defined;
    pipe_type = vmbp_load_le32(p + offsetof(struct vmbp_offer_pipe_wire, pipe_type));
    if (pipe_type != VMBP_PIPE_TYPE_BYTE && pipe_type != VMBP_PIPE_TYPE_MESSAGE)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, pipe_type, 0u);
    if (out) {
        out->pipe_type = pipe_type;
        VMBP_MEMCPY(out->pipe_user_defined,
                    p + offsetof(struct vmbp_offer_pipe_wire, pipe_user_defined), 112u);
        out->pipe_flags = vmbp_load_le32(p + offsetof(struct vmbp_offer_pipe_wire, pipe_flags));
    }
    return VMBP_OK;
}
/** @endcond */

/**
 * @brief Read the named-pipe overlay of an offer's user data.
 *
 * Meaningful for offers with NAMED_PIPE_MODE (Linux also reads hv_sock offers through
 * it); the caller checks the flag.
 *
 * Checks, in order:
 * - pipe_type: 0 (byte) or 4 (message), else VMBP_E_FIELD_RANGE (VMBP-OFFER-005)
 * @param offer decoded offer
 * @param out   overlay, written on success only
 * @return VMBP_OK, a failed check, VMBP_E_INVAL for NULL arguments
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_pipe_get(const struct vmbp_offer *offer, struct vmbp_offer_pipe *out)
{
    if (!out)
        return VMBP_E_INVAL;
    return vmbp_priv_msg_offer_pipe_get(offer, out, NULL);
}

/**
 * @brief Write the named-pipe overlay into an offer's user data (all 120 bytes).
 * @param offer offer to modify
 * @param in    overlay
 * @return VMBP_OK, VMBP_E_INVAL for NULL arguments
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_pipe_set(struct vmbp_offer *offer, const struct vmbp_offer_pipe *in)
{
    uint8_t *p;

    if (!offer || !in)
        return VMBP_E_INVAL;
    p = offer->user_defined;
    vmbp_store_le32(p + offsetof(struct vmbp_offer_pipe_wire, pipe_type), in->pipe_type);
    VMBP_MEMCPY(p + offsetof(struct vmbp_offer_pipe_wire, pipe_user_defined),
                in->pipe_user_defined, 112u);
    vmbp_store_le32(p + offsetof(struct vmbp_offer_pipe_wire, pipe_flags), in->pipe_flags);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the pipe overlay (message offsets; host offsets into
 * `struct vmbp_offer_pipe`).
 * @param n receives the number of entries (may be NULL)
 * @return a static table
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_offer_pipe_fields(size_t *n)
{
    if (n)
        *n = sizeof(vmbp_priv_fields_overlay_pipe) / sizeof(vmbp_priv_fields_overlay_pipe[0]);
    return vmbp_priv_fields_overlay_pipe;
}
/* @generated end codec */

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_OFFER_H */
