/* SPDX-License-Identifier: MIT */
/**
 * @file msg.h
 * @brief VMBus channel messages: the 8-byte header, the one table of all message types and
 * their variants, version/feature/direction gating, the size rule and field descriptors.
 *
 * A channel message is the payload of a SynIC message (HvPostMessage message type 1): an
 * 8-byte header naming the type, then the type's fields, 240 bytes at most. This header is
 * the single source of truth for the 29 types: VMBP_MSG_TABLE() lists, per type, its number,
 * name, direction, whether it is valid before a version is negotiated and its Linux and
 * OpenVMM names, and per variant its selection rule, minimum version, feature flags and
 * size. Everything else (dispatch, names, the CLI, the docs, the tests) derives from it.
 *
 * The message families live in msg_connect.h, msg_offer.h, msg_channel.h, msg_gpadl.h and
 * msg_hvsock.h; each includes this header. msg_dispatch.h includes them all and provides
 * vmbp_msg_validate() and the generic decode/encode, so the include graph stays acyclic:
 * msg.h <- family headers <- msg_dispatch.h.
 *
 * Decoders never touch shared memory: they read a private buffer, once per byte, and a
 * caller receiving from a SynIC message slot first copies the slot (shared.h,
 * vmbp_shared_copy_from()) and decodes the copy.
 *
 * Sources: Linux `include/linux/hyperv.h` and `drivers/hv/channel_mgmt.c` (6.19), OpenVMM
 * `vm/devices/vmbus/vmbus_core/src/protocol.rs` and `protocol/macros.rs`, mu_msvm
 * `MsvmPkg/VmbusDxe/ChannelMessages.h`. Specification: spec/msg.md.
 */
#ifndef VMBP_MSG_H
#define VMBP_MSG_H

#include "endian.h"
#include "features.h"
#include "port.h"
#include "status.h"
#include "version.h"

/** @defgroup vmbp_msg Channel messages: header, type table, gating
 *  @brief The message header, VMBP_MSG_TABLE(), vmbp_msg_select() and field descriptors.
 *  @{
 */

/** @brief Size of the channel message header (type and padding). */
#define VMBP_MSG_HEADER_SIZE 8u
/**
 * @brief Largest channel message: the SynIC message payload (Linux
 * `HV_MESSAGE_PAYLOAD_BYTE_COUNT`, OpenVMM `MAX_MESSAGE_SIZE`; synic.h
 * `VMBP_SYNIC_MESSAGE_PAYLOAD_MAX`, which tests/test_msg.c checks it against).
 */
#define VMBP_MSG_MAX_SIZE 240u

/** @brief Wire status word: success (NTSTATUS `STATUS_SUCCESS`). */
#define VMBP_NTSTATUS_SUCCESS 0x00000000u
/** @brief Wire status word: generic failure (NTSTATUS `STATUS_UNSUCCESSFUL`, OpenVMM). */
#define VMBP_NTSTATUS_UNSUCCESSFUL 0x8000FFFFu
/**
 * @brief Wire status word: connection refused (NTSTATUS `STATUS_CONNECTION_REFUSED`, OpenVMM
 * `protocol.rs`, used in TL_CONNECT_RESULT).
 */
#define VMBP_NTSTATUS_CONNECTION_REFUSED 0xC0000236u

/**
 * @brief Smallest valid channel ID (relid). ID 0 is never a channel: Linux skips event bit 0
 * ("vmbus channel protocol msg"), OpenVMM allocates from 1.
 */
#define VMBP_RELID_MIN 1u
/**
 * @brief Largest valid channel ID: 2047, bounded by the 2048 event flags of a SINT (OpenVMM
 * `channels.rs` `MAX_CHANNELS`, Linux `MAX_CHANNEL_RELIDS` = 2048, mu_msvm
 * `VMBUS_MAX_CHANNELS`).
 */
#define VMBP_RELID_MAX 2047u
/** @brief Offer monitor ID meaning "no monitor" (OpenVMM `MonitorId::INVALID`). */
#define VMBP_MONITOR_ID_INVALID 0xFFu
/**
 * @brief Number of monitor IDs: 4 trigger groups of 32 (OpenVMM `MAX_MONITORS`; Linux
 * splits the ID into `monitorid / 32` and `monitorid % 32`).
 */
#define VMBP_MONITOR_ID_COUNT 128u

/**
 * @brief A GUID as its 16 wire bytes: the first three groups little-endian, as Windows
 * stores GUIDs (Linux `guid_t`, OpenVMM `Guid`, EFI `GUID`).
 */
struct vmbp_guid {
    uint8_t bytes[16]; /**< wire bytes */
};

/**
 * @brief Brace initializer of a `struct vmbp_guid` from the usual
 * `{d1-d2-d3-b0b1-b2b3b4b5b6b7}` parts: the first three groups are stored little-endian.
 * For static data: `static const struct vmbp_guid g = VMBP_GUID_INIT(0xba6163d9, ...);`.
 */
/* one brace initializer on as few lines as it fits, which clang-format 14 cannot do */
/* clang-format off */
#define VMBP_GUID_INIT(d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7)                             \
    {{(uint8_t)((d1)&0xFFu), (uint8_t)(((d1) >> 8) & 0xFFu), (uint8_t)(((d1) >> 16) & 0xFFu),  \
      (uint8_t)(((d1) >> 24) & 0xFFu), (uint8_t)((d2)&0xFFu), (uint8_t)(((d2) >> 8) & 0xFFu),  \
      (uint8_t)((d3)&0xFFu), (uint8_t)(((d3) >> 8) & 0xFFu), (uint8_t)(b0), (uint8_t)(b1),     \
      (uint8_t)(b2), (uint8_t)(b3), (uint8_t)(b4), (uint8_t)(b5), (uint8_t)(b6), (uint8_t)(b7)}}
/* clang-format on */

/**
 * @brief Who sends a message (VMBP_DIR_GUEST_TO_HOST, VMBP_DIR_HOST_TO_GUEST), or, passed to a
 * validator, which senders the caller accepts (VMBP_DIR_ANY accepts both).
 */
enum vmbp_dir {
    VMBP_DIR_GUEST_TO_HOST = 1, /**< guest (client) to host (server) */
    VMBP_DIR_HOST_TO_GUEST = 2, /**< host (server) to guest (client) */
    VMBP_DIR_ANY = 3            /**< either */
};

/**
 * @brief The message header (Linux `vmbus_channel_message_header`, OpenVMM `MessageHeader`).
 *
 * | offset | size | field   | meaning                                                    |
 * |--------|------|---------|------------------------------------------------------------|
 * | 0      | 4    | msgtype | message type, VMBP_MSG_OFFER_CHANNEL .. VMBP_MSG_RESUME    |
 * | 4      | 4    | rsvdz0  | padding; senders write 0, receivers ignore it (no peer checks it) |
 */
struct vmbp_msg_header_wire {
    uint32_t msgtype; /**< `enum vmbp_msg_type` */
    uint32_t rsvdz0;  /**< Linux `padding`, OpenVMM `padding`: written 0, ignored */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_msg_header_wire) == 8, vmbp_msg_header_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_msg_header_wire, msgtype) == 0, vmbp_msg_header_type);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_msg_header_wire, rsvdz0) == 4, vmbp_msg_header_rsvdz0);

/**
 * @brief The messages that carry only a channel ID (12 bytes): RESCIND_CHANNEL_OFFER,
 * CLOSE_CHANNEL, RELID_RELEASED, CLOSE_RESERVED_RESPONSE.
 */
struct vmbp_relid_msg_wire {
    struct vmbp_msg_header_wire hdr; /**< type 2, 7, 13 or 20 */
    uint32_t child_relid;            /**< channel ID, 1..2047 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_relid_msg_wire) == 12, vmbp_relid_msg_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_relid_msg_wire, hdr) == 0, vmbp_relid_msg_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_relid_msg_wire, child_relid) == 8,
                   vmbp_relid_msg_relid);

/**
 * @brief How the variant of a message is chosen (OpenVMM `vmbus_messages!` rules).
 *
 * The variants of a type are tried newest first; the first whose conditions hold is used.
 */
enum vmbp_msg_select {
    /**
     * Negotiated version at least the row's minimum and, if the row names features, at least
     * one of them negotiated. A message shorter than the chosen row is rejected
     * (VMBP_E_TRUNCATED), no older row is tried.
     */
    VMBP_MSG_SELECT_VERSION = 0,
    /**
     * As VERSION, and the message at least as long as the row; a shorter one falls through
     * to the next row (OpenVMM `check_size: true`).
     */
    VMBP_MSG_SELECT_SIZE = 1,
    /**
     * Chosen by the message's own content: INITIATE_CONTACT, whose form depends on the
     * version it requests (minimum-version column) and the feature flags it carries
     * (feature column), since no version is negotiated when it arrives.
     */
    VMBP_MSG_SELECT_CONTENT = 2
};

/**
 * @brief The features of which either selects the 156-byte OPEN_CHANNEL form (OpenVMM
 * `OpenChannel2`: guest-specified signal parameters or channel interrupt redirection).
 */
#define VMBP_FEATURES_OPEN_SIGNAL                                                              \
    ((uint32_t)VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS |                                \
     (uint32_t)VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION)

/**
 * @brief The message table: every type and every variant, one line each.
 *
 * Expand with two macros of your own:
 * - `T(NAME, number, dir, any_state, "Linux name", "OpenVMM name")` per type: @c dir is
 *   `GUEST_TO_HOST` or `HOST_TO_GUEST` (pasted onto `VMBP_DIR_`), @c any_state is 1 for the
 *   three types valid before a version is negotiated (OpenVMM minimum version 0), the names
 *   are empty where the project has none;
 * - `V(NAME, VARIANT, select, min_version, features, size)` per variant, newest first:
 *   @c select is `VERSION`, `SIZE` or `CONTENT` (pasted onto `VMBP_MSG_SELECT_`),
 *   @c min_version is a `VMBP_VERSION_*` value or 0 (any, including before negotiation),
 *   @c features a `VMBP_FEATURE_*` mask of which one must be negotiated (0: none),
 *   @c size the variant's size in bytes, header included.
 *
 * Names follow OpenVMM and mu_msvm where Linux differs (Linux `UNLOAD_RESPONSE`,
 * `CHANNELMSG_18..20`, `TL_CONNECT_RESULT`); see spec/msg.md for the full comparison.
 */
#define VMBP_MSG_TABLE(T, V)                                                                   \
    T(OFFER_CHANNEL, 1, HOST_TO_GUEST, 0, "CHANNELMSG_OFFERCHANNEL", "OFFER_CHANNEL")          \
    V(OFFER_CHANNEL, OFFER_CHANNEL, VERSION, VMBP_VERSION_1_1, 0, 196)                         \
    V(OFFER_CHANNEL, OFFER_CHANNEL_V1, VERSION, VMBP_VERSION_0_13, 0, 190)                     \
    T(RESCIND_CHANNEL_OFFER, 2, HOST_TO_GUEST, 0, "CHANNELMSG_RESCIND_CHANNELOFFER",           \
      "RESCIND_CHANNEL_OFFER")                                                                 \
    V(RESCIND_CHANNEL_OFFER, RESCIND_CHANNEL_OFFER, VERSION, VMBP_VERSION_0_13, 0, 12)         \
    T(REQUEST_OFFERS, 3, GUEST_TO_HOST, 0, "CHANNELMSG_REQUESTOFFERS", "REQUEST_OFFERS")       \
    V(REQUEST_OFFERS, REQUEST_OFFERS, VERSION, VMBP_VERSION_0_13, 0, 8)                        \
    T(ALL_OFFERS_DELIVERED, 4, HOST_TO_GUEST, 0, "CHANNELMSG_ALLOFFERS_DELIVERED",             \
      "ALL_OFFERS_DELIVERED")                                                                  \
    V(ALL_OFFERS_DELIVERED, ALL_OFFERS_DELIVERED, VERSION, VMBP_VERSION_0_13, 0, 8)            \
    T(OPEN_CHANNEL, 5, GUEST_TO_HOST, 0, "CHANNELMSG_OPENCHANNEL", "OPEN_CHANNEL")             \
    V(OPEN_CHANNEL, OPEN_CHANNEL_SIGNAL, VERSION, VMBP_VERSION_6_0, VMBP_FEATURES_OPEN_SIGNAL, \
      156)                                                                                     \
    V(OPEN_CHANNEL, OPEN_CHANNEL, VERSION, VMBP_VERSION_0_13, 0, 148)                          \
    T(OPEN_CHANNEL_RESULT, 6, HOST_TO_GUEST, 0, "CHANNELMSG_OPENCHANNEL_RESULT",               \
      "OPEN_CHANNEL_RESULT")                                                                   \
    V(OPEN_CHANNEL_RESULT, OPEN_CHANNEL_RESULT, VERSION, VMBP_VERSION_0_13, 0, 20)             \
    T(CLOSE_CHANNEL, 7, GUEST_TO_HOST, 0, "CHANNELMSG_CLOSECHANNEL", "CLOSE_CHANNEL")          \
    V(CLOSE_CHANNEL, CLOSE_CHANNEL, VERSION, VMBP_VERSION_0_13, 0, 12)                         \
    T(GPADL_HEADER, 8, GUEST_TO_HOST, 0, "CHANNELMSG_GPADL_HEADER", "GPADL_HEADER")            \
    V(GPADL_HEADER, GPADL_HEADER, VERSION, VMBP_VERSION_0_13, 0, 20)                           \
    T(GPADL_BODY, 9, GUEST_TO_HOST, 0, "CHANNELMSG_GPADL_BODY", "GPADL_BODY")                  \
    V(GPADL_BODY, GPADL_BODY, VERSION, VMBP_VERSION_0_13, 0, 16)                               \
    T(GPADL_CREATED, 10, HOST_TO_GUEST, 0, "CHANNELMSG_GPADL_CREATED", "GPADL_CREATED")        \
    V(GPADL_CREATED, GPADL_CREATED, VERSION, VMBP_VERSION_0_13, 0, 20)                         \
    T(GPADL_TEARDOWN, 11, GUEST_TO_HOST, 0, "CHANNELMSG_GPADL_TEARDOWN", "GPADL_TEARDOWN")     \
    V(GPADL_TEARDOWN, GPADL_TEARDOWN, VERSION, VMBP_VERSION_0_13, 0, 16)                       \
    T(GPADL_TORNDOWN, 12, HOST_TO_GUEST, 0, "CHANNELMSG_GPADL_TORNDOWN", "GPADL_TORNDOWN")     \
    V(GPADL_TORNDOWN, GPADL_TORNDOWN, VERSION, VMBP_VERSION_0_13, 0, 12)                       \
    T(RELID_RELEASED, 13, GUEST_TO_HOST, 0, "CHANNELMSG_RELID_RELEASED", "REL_ID_RELEASED")    \
    V(RELID_RELEASED, RELID_RELEASED, VERSION, VMBP_VERSION_0_13, 0, 12)                       \
    T(INITIATE_CONTACT, 14, GUEST_TO_HOST, 1, "CHANNELMSG_INITIATE_CONTACT",                   \
      "INITIATE_CONTACT")                                                                      \
    V(INITIATE_CONTACT, INITIATE_CONTACT_CLIENT_ID, CONTENT, VMBP_VERSION_6_0,                 \
      VMBP_FEATURE_CLIENT_ID, 56)                                                              \
    V(INITIATE_CONTACT, INITIATE_CONTACT_FEATURES, CONTENT, VMBP_VERSION_6_0, 0, 40)           \
    V(INITIATE_CONTACT, INITIATE_CONTACT_SINT, CONTENT, VMBP_VERSION_5_0, 0, 40)               \
    V(INITIATE_CONTACT, INITIATE_CONTACT_IPAGE, CONTENT, 0, 0, 40)                             \
    T(VERSION_RESPONSE, 15, HOST_TO_GUEST, 1, "CHANNELMSG_VERSION_RESPONSE",                   \
      "VERSION_RESPONSE")                                                                      \
    V(VERSION_RESPONSE, VERSION_RESPONSE_MONITOR, SIZE, 0, 0, 40)                              \
    V(VERSION_RESPONSE, VERSION_RESPONSE_FEATURES, SIZE, 0, 0, 20)                             \
    V(VERSION_RESPONSE, VERSION_RESPONSE, VERSION, 0, 0, 16)                                   \
    T(UNLOAD, 16, GUEST_TO_HOST, 0, "CHANNELMSG_UNLOAD", "UNLOAD")                             \
    V(UNLOAD, UNLOAD, VERSION, VMBP_VERSION_0_13, 0, 8)                                        \
    T(UNLOAD_COMPLETE, 17, HOST_TO_GUEST, 0, "CHANNELMSG_UNLOAD_RESPONSE", "UNLOAD_COMPLETE")  \
    V(UNLOAD_COMPLETE, UNLOAD_COMPLETE, VERSION, VMBP_VERSION_1_1, 0, 8)                       \
    T(OPEN_RESERVED_CHANNEL, 18, GUEST_TO_HOST, 0, "CHANNELMSG_18", "OPEN_RESERVED_CHANNEL")   \
    V(OPEN_RESERVED_CHANNEL, OPEN_RESERVED_CHANNEL, VERSION, VMBP_VERSION_4_0, 0, 28)          \
    T(CLOSE_RESERVED_CHANNEL, 19, GUEST_TO_HOST, 1, "CHANNELMSG_19", "CLOSE_RESERVED_CHANNEL") \
    V(CLOSE_RESERVED_CHANNEL, CLOSE_RESERVED_CHANNEL, VERSION, 0, 0, 20)                       \
    T(CLOSE_RESERVED_RESPONSE, 20, HOST_TO_GUEST, 0, "CHANNELMSG_20",                          \
      "CLOSE_RESERVED_RESPONSE")                                                               \
    V(CLOSE_RESERVED_RESPONSE, CLOSE_RESERVED_RESPONSE, VERSION, VMBP_VERSION_4_0, 0, 12)      \
    T(TL_CONNECT_REQUEST, 21, GUEST_TO_HOST, 0, "CHANNELMSG_TL_CONNECT_REQUEST",               \
      "TL_CONNECT_REQUEST")                                                                    \
    V(TL_CONNECT_REQUEST, TL_CONNECT_REQUEST_SILO, SIZE, VMBP_VERSION_5_2, 0, 56)              \
    V(TL_CONNECT_REQUEST, TL_CONNECT_REQUEST, VERSION, VMBP_VERSION_4_0, 0, 40)                \
    T(MODIFY_CHANNEL, 22, GUEST_TO_HOST, 0, "CHANNELMSG_MODIFYCHANNEL", "MODIFY_CHANNEL")      \
    V(MODIFY_CHANNEL, MODIFY_CHANNEL, VERSION, VMBP_VERSION_4_1, 0, 16)                        \
    T(TL_CONNECT_RESULT, 23, HOST_TO_GUEST, 0, "CHANNELMSG_TL_CONNECT_RESULT",                 \
      "TL_CONNECT_REQUEST_RESULT")                                                             \
    V(TL_CONNECT_RESULT, TL_CONNECT_RESULT, VERSION, VMBP_VERSION_4_1, 0, 44)                  \
    T(MODIFY_CHANNEL_RESPONSE, 24, HOST_TO_GUEST, 0, "CHANNELMSG_MODIFYCHANNEL_RESPONSE",      \
      "MODIFY_CHANNEL_RESPONSE")                                                               \
    V(MODIFY_CHANNEL_RESPONSE, MODIFY_CHANNEL_RESPONSE, VERSION, VMBP_VERSION_5_3, 0, 16)      \
    T(MODIFY_CONNECTION, 25, GUEST_TO_HOST, 0, "", "MODIFY_CONNECTION")                        \
    V(MODIFY_CONNECTION, MODIFY_CONNECTION, VERSION, VMBP_VERSION_6_0,                         \
      VMBP_FEATURE_MODIFY_CONNECTION, 24)                                                      \
    T(MODIFY_CONNECTION_RESPONSE, 26, HOST_TO_GUEST, 0, "", "MODIFY_CONNECTION_RESPONSE")      \
    V(MODIFY_CONNECTION_RESPONSE, MODIFY_CONNECTION_RESPONSE, VERSION, VMBP_VERSION_6_0,       \
      VMBP_FEATURE_MODIFY_CONNECTION, 9)                                                       \
    T(PAUSE, 27, GUEST_TO_HOST, 0, "", "PAUSE")                                                \
    V(PAUSE, PAUSE, VERSION, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME, 8)                   \
    T(PAUSE_RESPONSE, 28, HOST_TO_GUEST, 0, "", "PAUSE_RESPONSE")                              \
    V(PAUSE_RESPONSE, PAUSE_RESPONSE, VERSION, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME, 8) \
    T(RESUME, 29, GUEST_TO_HOST, 0, "", "RESUME")                                              \
    V(RESUME, RESUME, VERSION, VMBP_VERSION_6_0, VMBP_FEATURE_PAUSE_RESUME, 8)

/**
 * @brief Message types (`msgtype` of the header), one per `T` row of VMBP_MSG_TABLE(). Type 0
 * is invalid (Linux `CHANNELMSG_INVALID`).
 */
enum vmbp_msg_type {
    VMBP_MSG_OFFER_CHANNEL = 1,               /**< Linux `CHANNELMSG_OFFERCHANNEL` */
    VMBP_MSG_RESCIND_CHANNEL_OFFER = 2,       /**< Linux `CHANNELMSG_RESCIND_CHANNELOFFER` */
    VMBP_MSG_REQUEST_OFFERS = 3,              /**< Linux `CHANNELMSG_REQUESTOFFERS` */
    VMBP_MSG_ALL_OFFERS_DELIVERED = 4,        /**< Linux `CHANNELMSG_ALLOFFERS_DELIVERED` */
    VMBP_MSG_OPEN_CHANNEL = 5,                /**< Linux `CHANNELMSG_OPENCHANNEL` */
    VMBP_MSG_OPEN_CHANNEL_RESULT = 6,         /**< Linux `CHANNELMSG_OPENCHANNEL_RESULT` */
    VMBP_MSG_CLOSE_CHANNEL = 7,               /**< Linux `CHANNELMSG_CLOSECHANNEL` */
    VMBP_MSG_GPADL_HEADER = 8,                /**< Linux `CHANNELMSG_GPADL_HEADER` */
    VMBP_MSG_GPADL_BODY = 9,                  /**< Linux `CHANNELMSG_GPADL_BODY` */
    VMBP_MSG_GPADL_CREATED = 10,              /**< Linux `CHANNELMSG_GPADL_CREATED` */
    VMBP_MSG_GPADL_TEARDOWN = 11,             /**< Linux `CHANNELMSG_GPADL_TEARDOWN` */
    VMBP_MSG_GPADL_TORNDOWN = 12,             /**< Linux `CHANNELMSG_GPADL_TORNDOWN` */
    VMBP_MSG_RELID_RELEASED = 13,             /**< Linux `CHANNELMSG_RELID_RELEASED` */
    VMBP_MSG_INITIATE_CONTACT = 14,           /**< Linux `CHANNELMSG_INITIATE_CONTACT` */
    VMBP_MSG_VERSION_RESPONSE = 15,           /**< Linux `CHANNELMSG_VERSION_RESPONSE` */
    VMBP_MSG_UNLOAD = 16,                     /**< Linux `CHANNELMSG_UNLOAD` */
    VMBP_MSG_UNLOAD_COMPLETE = 17,            /**< Linux `CHANNELMSG_UNLOAD_RESPONSE` */
    VMBP_MSG_OPEN_RESERVED_CHANNEL = 18,      /**< Linux `CHANNELMSG_18` */
    VMBP_MSG_CLOSE_RESERVED_CHANNEL = 19,     /**< Linux `CHANNELMSG_19` */
    VMBP_MSG_CLOSE_RESERVED_RESPONSE = 20,    /**< Linux `CHANNELMSG_20` */
    VMBP_MSG_TL_CONNECT_REQUEST = 21,         /**< Linux `CHANNELMSG_TL_CONNECT_REQUEST` */
    VMBP_MSG_MODIFY_CHANNEL = 22,             /**< Linux `CHANNELMSG_MODIFYCHANNEL` */
    VMBP_MSG_TL_CONNECT_RESULT = 23,          /**< Linux `CHANNELMSG_TL_CONNECT_RESULT` */
    VMBP_MSG_MODIFY_CHANNEL_RESPONSE = 24,    /**< Linux `CHANNELMSG_MODIFYCHANNEL_RESPONSE` */
    VMBP_MSG_MODIFY_CONNECTION = 25,          /**< not in Linux */
    VMBP_MSG_MODIFY_CONNECTION_RESPONSE = 26, /**< not in Linux */
    VMBP_MSG_PAUSE = 27,                      /**< not in Linux */
    VMBP_MSG_PAUSE_RESPONSE = 28,             /**< not in Linux */
    VMBP_MSG_RESUME = 29,                     /**< not in Linux */
    /** The largest type number this library knows (types run 1 .. max). */
    VMBP_MSG_TYPE_MAX = 29
};

/**
 * @brief Message variants, one per `V` row of VMBP_MSG_TABLE(), numbered from 1 in table
 * order (0 is "none"). A decoded message says which variant it was; an encoder writes the
 * variant it is given.
 */
enum vmbp_msg_variant {
    VMBP_MSGV_NONE = 0,                        /**< no variant (not a valid message) */
    VMBP_MSGV_OFFER_CHANNEL = 1,               /**< OFFER_CHANNEL, 196 bytes */
    VMBP_MSGV_OFFER_CHANNEL_V1 = 2,            /**< OFFER_CHANNEL, 190 bytes */
    VMBP_MSGV_RESCIND_CHANNEL_OFFER = 3,       /**< RESCIND_CHANNEL_OFFER, 12 bytes */
    VMBP_MSGV_REQUEST_OFFERS = 4,              /**< REQUEST_OFFERS, 8 bytes */
    VMBP_MSGV_ALL_OFFERS_DELIVERED = 5,        /**< ALL_OFFERS_DELIVERED, 8 bytes */
    VMBP_MSGV_OPEN_CHANNEL_SIGNAL = 6,         /**< OPEN_CHANNEL, 156 bytes */
    VMBP_MSGV_OPEN_CHANNEL = 7,                /**< OPEN_CHANNEL, 148 bytes */
    VMBP_MSGV_OPEN_CHANNEL_RESULT = 8,         /**< OPEN_CHANNEL_RESULT, 20 bytes */
    VMBP_MSGV_CLOSE_CHANNEL = 9,               /**< CLOSE_CHANNEL, 12 bytes */
    VMBP_MSGV_GPADL_HEADER = 10,               /**< GPADL_HEADER, 20 bytes */
    VMBP_MSGV_GPADL_BODY = 11,                 /**< GPADL_BODY, 16 bytes */
    VMBP_MSGV_GPADL_CREATED = 12,              /**< GPADL_CREATED, 20 bytes */
    VMBP_MSGV_GPADL_TEARDOWN = 13,             /**< GPADL_TEARDOWN, 16 bytes */
    VMBP_MSGV_GPADL_TORNDOWN = 14,             /**< GPADL_TORNDOWN, 12 bytes */
    VMBP_MSGV_RELID_RELEASED = 15,             /**< RELID_RELEASED, 12 bytes */
    VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID = 16, /**< INITIATE_CONTACT, 56 bytes */
    VMBP_MSGV_INITIATE_CONTACT_FEATURES = 17,  /**< INITIATE_CONTACT, 40 bytes */
    VMBP_MSGV_INITIATE_CONTACT_SINT = 18,      /**< INITIATE_CONTACT, 40 bytes */
    VMBP_MSGV_INITIATE_CONTACT_IPAGE = 19,     /**< INITIATE_CONTACT, 40 bytes */
    VMBP_MSGV_VERSION_RESPONSE_MONITOR = 20,   /**< VERSION_RESPONSE, 40 bytes */
    VMBP_MSGV_VERSION_RESPONSE_FEATURES = 21,  /**< VERSION_RESPONSE, 20 bytes */
    VMBP_MSGV_VERSION_RESPONSE = 22,           /**< VERSION_RESPONSE, 16 bytes */
    VMBP_MSGV_UNLOAD = 23,                     /**< UNLOAD, 8 bytes */
    VMBP_MSGV_UNLOAD_COMPLETE = 24,            /**< UNLOAD_COMPLETE, 8 bytes */
    VMBP_MSGV_OPEN_RESERVED_CHANNEL = 25,      /**< OPEN_RESERVED_CHANNEL, 28 bytes */
    VMBP_MSGV_CLOSE_RESERVED_CHANNEL = 26,     /**< CLOSE_RESERVED_CHANNEL, 20 bytes */
    VMBP_MSGV_CLOSE_RESERVED_RESPONSE = 27,    /**< CLOSE_RESERVED_RESPONSE, 12 bytes */
    VMBP_MSGV_TL_CONNECT_REQUEST_SILO = 28,    /**< TL_CONNECT_REQUEST, 56 bytes */
    VMBP_MSGV_TL_CONNECT_REQUEST = 29,         /**< TL_CONNECT_REQUEST, 40 bytes */
    VMBP_MSGV_MODIFY_CHANNEL = 30,             /**< MODIFY_CHANNEL, 16 bytes */
    VMBP_MSGV_TL_CONNECT_RESULT = 31,          /**< TL_CONNECT_RESULT, 44 bytes */
    VMBP_MSGV_MODIFY_CHANNEL_RESPONSE = 32,    /**< MODIFY_CHANNEL_RESPONSE, 16 bytes */
    VMBP_MSGV_MODIFY_CONNECTION = 33,          /**< MODIFY_CONNECTION, 24 bytes */
    VMBP_MSGV_MODIFY_CONNECTION_RESPONSE = 34, /**< MODIFY_CONNECTION_RESPONSE, 9 bytes */
    VMBP_MSGV_PAUSE = 35,                      /**< PAUSE, 8 bytes */
    VMBP_MSGV_PAUSE_RESPONSE = 36,             /**< PAUSE_RESPONSE, 8 bytes */
    VMBP_MSGV_RESUME = 37,                     /**< RESUME, 8 bytes */
    /** One past the last variant. */
    VMBP_MSGV_COUNT = 38
};

/** @cond VMBP_INTERNAL */
#define VMBP_PRIV_MSG_NONE_T(name, num, dir, any, lnx, ovmm)
#define VMBP_PRIV_MSG_NONE_V(name, var, sel, minv, feat, size)
#define VMBP_PRIV_MSG_TYPE_COUNT(name, num, dir, any, lnx, ovmm) +1
#define VMBP_PRIV_MSG_VARIANT_COUNT(name, var, sel, minv, feat, size) +1
/* Each row's enumerator has the row's number: a type its number, a variant its position. */
#define VMBP_PRIV_MSG_TYPE_VALUE(name, num, dir, any, lnx, ovmm)                               \
    VMBP_STATIC_ASSERT(VMBP_MSG_##name == (num), vmbp_msg_type_##name);
VMBP_MSG_TABLE(VMBP_PRIV_MSG_TYPE_VALUE, VMBP_PRIV_MSG_NONE_V)
#define VMBP_PRIV_MSG_VIDX(name, var, sel, minv, feat, size) VMBP_PRIV_VIDX_##var,
enum vmbp_priv_msg_vidx {
    VMBP_MSG_TABLE(VMBP_PRIV_MSG_NONE_T, VMBP_PRIV_MSG_VIDX) VMBP_PRIV_VIDX_END
};
#define VMBP_PRIV_MSG_VARIANT_VALUE(name, var, sel, minv, feat, size)                          \
    VMBP_STATIC_ASSERT((int)VMBP_MSGV_##var == (int)VMBP_PRIV_VIDX_##var + 1,                  \
                       vmbp_msg_variant_##var);
VMBP_MSG_TABLE(VMBP_PRIV_MSG_NONE_T, VMBP_PRIV_MSG_VARIANT_VALUE)
/** @endcond */

/** @brief Number of message types (29). */
#define VMBP_MSG_TYPE_COUNT (0 VMBP_MSG_TABLE(VMBP_PRIV_MSG_TYPE_COUNT, VMBP_PRIV_MSG_NONE_V))
/** @brief Number of message variants (37). */
#define VMBP_MSG_VARIANT_COUNT                                                                 \
    (0 VMBP_MSG_TABLE(VMBP_PRIV_MSG_NONE_T, VMBP_PRIV_MSG_VARIANT_COUNT))

/** @cond VMBP_INTERNAL */
/* Index of each type row among the type rows, and of every row in the whole table: they give
 * each type its first variant as a constant, and prove the type rows are numbered 1, 2, 3 ...
 * in table order. */
#define VMBP_PRIV_MSG_TIDX(name, num, dir, any, lnx, ovmm) VMBP_PRIV_TIDX_##name,
#define VMBP_PRIV_MSG_ROW_T(name, num, dir, any, lnx, ovmm) VMBP_PRIV_ROW_T_##name,
#define VMBP_PRIV_MSG_ROW_V(name, var, sel, minv, feat, size) VMBP_PRIV_ROW_V_##var,
enum vmbp_priv_msg_tidx {
    VMBP_MSG_TABLE(VMBP_PRIV_MSG_TIDX, VMBP_PRIV_MSG_NONE_V) VMBP_PRIV_TIDX_END
};
enum vmbp_priv_msg_row {
    VMBP_MSG_TABLE(VMBP_PRIV_MSG_ROW_T, VMBP_PRIV_MSG_ROW_V) VMBP_PRIV_ROW_END
};
/* first variant of a type = rows before its type row - type rows before it + 1 */
#define VMBP_PRIV_MSG_FIRST_VARIANT(name)                                                      \
    ((unsigned)VMBP_PRIV_ROW_T_##name - (unsigned)VMBP_PRIV_TIDX_##name + 1u)
#define VMBP_PRIV_MSG_SORTED(name, num, dir, any, lnx, ovmm)                                   \
    VMBP_STATIC_ASSERT((num) == (int)VMBP_PRIV_TIDX_##name + 1, vmbp_msg_row_order_##name);
VMBP_MSG_TABLE(VMBP_PRIV_MSG_SORTED, VMBP_PRIV_MSG_NONE_V)
/* Feature flags exist from 6.0 (vmbp_version_has_feature_flags()): a row gated on features
 * negotiated starts at 6.0 or later, so that the selection may test the features once the
 * version has passed. (A CONTENT row tests the flags the message carries.) */
#define VMBP_PRIV_MSG_FEATURE_ROW(name, var, sel, minv, feat, size)                            \
    VMBP_STATIC_ASSERT((feat) == 0 || VMBP_MSG_SELECT_##sel == VMBP_MSG_SELECT_CONTENT ||      \
                           (unsigned)(minv) >= (unsigned)VMBP_VERSION_6_0,                     \
                       vmbp_msg_feature_row_##var);
VMBP_MSG_TABLE(VMBP_PRIV_MSG_NONE_T, VMBP_PRIV_MSG_FEATURE_ROW)
/** @endcond */

VMBP_STATIC_ASSERT(VMBP_MSG_TYPE_COUNT == 29, vmbp_msg_type_count);
VMBP_STATIC_ASSERT(VMBP_MSG_VARIANT_COUNT == 37, vmbp_msg_variant_count);
VMBP_STATIC_ASSERT(VMBP_MSGV_COUNT == VMBP_MSG_VARIANT_COUNT + 1, vmbp_msg_variant_enum);

/** @brief Properties of one message type (a `T` row of VMBP_MSG_TABLE()). */
struct vmbp_msg_type_info {
    uint32_t type;            /**< type number */
    uint8_t dir;              /**< `enum vmbp_dir` of the sender */
    uint8_t any_state;        /**< 1: valid before a version is negotiated */
    uint16_t first_variant;   /**< its newest variant; the others follow it in the table */
    const char *name;         /**< our name, e.g. "OFFER_CHANNEL" */
    const char *linux_name;   /**< Linux `CHANNELMSG_*` name, "" if none */
    const char *openvmm_name; /**< OpenVMM `MessageType` name */
};

/** @brief Properties of one message variant (a `V` row of VMBP_MSG_TABLE()). */
struct vmbp_msg_variant_info {
    uint32_t type;        /**< type number */
    uint8_t select;       /**< `enum vmbp_msg_select` */
    uint16_t size;        /**< size in bytes, header included */
    uint32_t min_version; /**< minimum version, 0 for any (see the table) */
    uint32_t features;    /**< feature flags of which one is needed, 0 for none */
    const char *name;     /**< variant name, e.g. "OPEN_CHANNEL_SIGNAL" */
};

/** @cond VMBP_INTERNAL */
/* The table as data: one record per type (index: type number) and per variant (index:
 * variant), walked by the lookups below and the selection. */
#define VMBP_PRIV_MSG_TYPE_ROW(name, num, dir, any, lnx, ovmm)                                 \
    {                                                                                          \
        num,   (uint8_t)VMBP_DIR_##dir,                                                        \
        any,   (uint16_t)VMBP_PRIV_MSG_FIRST_VARIANT(name),                                    \
        #name, lnx,                                                                            \
        ovmm},
static const struct vmbp_msg_type_info vmbp_priv_msg_types[] = {
    {0, 0, 0, 0, "INVALID", "CHANNELMSG_INVALID", ""},
    VMBP_MSG_TABLE(VMBP_PRIV_MSG_TYPE_ROW, VMBP_PRIV_MSG_NONE_V)};
#define VMBP_PRIV_MSG_VARIANT_ROW(name, var, sel, minv, feat, size)                            \
    {VMBP_MSG_##name, (uint8_t)VMBP_MSG_SELECT_##sel, size, (uint32_t)(minv), feat, #var},
static const struct vmbp_msg_variant_info vmbp_priv_msg_variants[] = {
    {0, 0, 0, 0, 0, "NONE"}, VMBP_MSG_TABLE(VMBP_PRIV_MSG_NONE_T, VMBP_PRIV_MSG_VARIANT_ROW)};
/** @endcond */

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Name of a wire status word (NTSTATUS) this protocol uses.
 * @param status the status word of OPEN_CHANNEL_RESULT, GPADL_CREATED, TL_CONNECT_RESULT or
 * MODIFY_CHANNEL_RESPONSE
 * @return "STATUS_SUCCESS", "STATUS_UNSUCCESSFUL", "STATUS_CONNECTION_REFUSED", or NULL
 */
VMBP_INLINE const char *vmbp_ntstatus_name(uint32_t status)
{
    switch (status) {
    case VMBP_NTSTATUS_SUCCESS:
        return "STATUS_SUCCESS";
    case VMBP_NTSTATUS_UNSUCCESSFUL:
        return "STATUS_UNSUCCESSFUL";
    case VMBP_NTSTATUS_CONNECTION_REFUSED:
        return "STATUS_CONNECTION_REFUSED";
    default:
        return NULL;
    }
}

/**
 * @brief Whether two GUIDs are equal.
 * @param a first GUID
 * @param b second GUID
 * @return true if all 16 bytes match
 */
VMBP_INLINE bool vmbp_guid_equal(const struct vmbp_guid *a, const struct vmbp_guid *b)
{
    unsigned i;
    uint8_t diff = 0;

    for (i = 0; i < 16u; i++)
        diff = (uint8_t)(diff | (a->bytes[i] ^ b->bytes[i]));
    return diff == 0;
}

/**
 * @brief Properties of a message type.
 * @param type message type number
 * @return a static record, or NULL for types outside 1..29
 */
VMBP_INLINE const struct vmbp_msg_type_info *vmbp_msg_type_lookup(uint32_t type)
{
    if (type == 0 || type > (uint32_t)VMBP_MSG_TYPE_MAX)
        return NULL;
    return &vmbp_priv_msg_types[type];
}

/**
 * @brief Properties of a message variant.
 * @param v variant
 * @return a static record, or NULL for VMBP_MSGV_NONE and out-of-range values
 */
VMBP_INLINE const struct vmbp_msg_variant_info *vmbp_msg_variant_lookup(enum vmbp_msg_variant v)
{
    if ((unsigned)v == 0 || (unsigned)v >= (unsigned)VMBP_MSGV_COUNT)
        return NULL;
    return &vmbp_priv_msg_variants[(unsigned)v];
}

/**
 * @brief Our name of a message type, e.g. "GPADL_HEADER".
 * @param type message type number
 * @return a static string, or NULL for unknown types
 */
VMBP_INLINE const char *vmbp_msg_type_name(uint32_t type)
{
    const struct vmbp_msg_type_info *ti = vmbp_msg_type_lookup(type);

    return ti ? ti->name : NULL;
}

/**
 * @brief Name of a variant, e.g. "VERSION_RESPONSE_FEATURES".
 * @param v variant
 * @return a static string, or NULL for VMBP_MSGV_NONE and unknown values
 */
VMBP_INLINE const char *vmbp_msg_variant_name(enum vmbp_msg_variant v)
{
    const struct vmbp_msg_variant_info *vi = vmbp_msg_variant_lookup(v);

    return vi ? vi->name : NULL;
}

/**
 * @brief The message type a variant belongs to.
 * @param v variant
 * @return the type number, 0 for VMBP_MSGV_NONE and unknown values
 */
VMBP_INLINE uint32_t vmbp_msg_variant_type(enum vmbp_msg_variant v)
{
    const struct vmbp_msg_variant_info *vi = vmbp_msg_variant_lookup(v);

    return vi ? vi->type : 0;
}

/**
 * @brief Size of a variant on the wire, header included (for GPADL_HEADER and GPADL_BODY:
 * the fixed part before the range data).
 * @param v variant
 * @return bytes, 0 for VMBP_MSGV_NONE and unknown values
 */
VMBP_INLINE size_t vmbp_msg_variant_size(enum vmbp_msg_variant v)
{
    const struct vmbp_msg_variant_info *vi = vmbp_msg_variant_lookup(v);

    return vi ? vi->size : 0;
}

/**
 * @brief The newest variant of a type (its first table row); for the 24 types with one
 * variant, that variant.
 * @param type message type number
 * @return the variant, VMBP_MSGV_NONE for unknown types
 */
VMBP_INLINE enum vmbp_msg_variant vmbp_msg_type_newest_variant(uint32_t type)
{
    unsigned v;

    for (v = 1; v < (unsigned)VMBP_MSGV_COUNT; v++)
        if (vmbp_msg_variant_lookup((enum vmbp_msg_variant)v)->type == type)
            return (enum vmbp_msg_variant)v;
    return VMBP_MSGV_NONE;
}

/**
 * @brief Look a variant up by name (for tools and test vectors).
 * @param name variant name, e.g. "OPEN_CHANNEL_SIGNAL"
 * @return the variant, VMBP_MSGV_NONE if no variant has that name
 */
VMBP_INLINE enum vmbp_msg_variant vmbp_msg_variant_by_name(const char *name)
{
    unsigned v;

    if (!name)
        return VMBP_MSGV_NONE;
    for (v = 1; v < (unsigned)VMBP_MSGV_COUNT; v++) {
        const char *a = vmbp_msg_variant_lookup((enum vmbp_msg_variant)v)->name, *b = name;

        while (*a && *a == *b) {
            a++;
            b++;
        }
        if (*a == 0 && *b == 0)
            return (enum vmbp_msg_variant)v;
    }
    return VMBP_MSGV_NONE;
}

/**
 * @brief Read the type of a message from its header.
 * @param buf  message, @p len bytes (private memory)
 * @param len  bytes in @p buf
 * @param type receives the type number (not checked against the table)
 * @return VMBP_OK, VMBP_E_INVAL for NULL arguments, VMBP_E_TRUNCATED below 8 bytes
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_header_type(const void *buf, size_t len,
                                                                  uint32_t *type)
{
    if (!buf || !type)
        return VMBP_E_INVAL;
    if (len < VMBP_MSG_HEADER_SIZE)
        return VMBP_E_TRUNCATED;
    *type = vmbp_load_le32(buf);
    return VMBP_OK;
}

/** @cond VMBP_INTERNAL */
/* The selection bounds the length (at most 240 bytes, at least the chosen variant's size);
 * every decoder checks again against the wire struct it reads, so that a wrong table row
 * cannot make it read past a message, and so that compilers and the proof see the bound
 * where the loads are. Only tests/test_msg_decoder_bounds.c sets this to 0: the selection
 * then leaves the length to those second checks, which that test drives one by one. */
#ifndef VMBP_PRIV_SELECT_CHECKS_LENGTH
#define VMBP_PRIV_SELECT_CHECKS_LENGTH 1
#endif

/* Framing, type, direction, negotiation state, version, features and the variant's size, in
 * that order. expect_type 0 accepts any type; another value makes a different type
 * VMBP_E_UNKNOWN_TYPE before any other check of the body. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select(const void *buf, size_t len, const struct vmbp_ctx *ctx, enum vmbp_dir dir,
                     uint32_t expect_type, enum vmbp_msg_variant *variant)
{
    const uint8_t *p = (const uint8_t *)buf;
    const struct vmbp_msg_type_info *ti;
    uint32_t type, req_version = 0, req_features = 0;
    size_t min_size = VMBP_MSG_MAX_SIZE;
    enum vmbp_status miss = VMBP_E_VERSION;
    bool content_read = false;
    unsigned v;

    if (!buf || !ctx || !variant)
        return VMBP_E_INVAL;
    if ((unsigned)dir < 1u || (unsigned)dir > 3u)
        return VMBP_E_INVAL;
    if (ctx->version != 0 && !vmbp_version_is_known(ctx->version))
        return VMBP_E_INVAL;
    if (len < VMBP_MSG_HEADER_SIZE)
        return VMBP_E_TRUNCATED;
    if (VMBP_PRIV_SELECT_CHECKS_LENGTH && len > VMBP_MSG_MAX_SIZE)
        return VMBP_E_TOO_LONG;
    type = vmbp_load_le32(p);
    ti = vmbp_msg_type_lookup(type);
    if (!ti || (expect_type != 0 && type != expect_type))
        return VMBP_E_UNKNOWN_TYPE;
    if ((ti->dir & (unsigned)dir) == 0)
        return VMBP_E_DIRECTION;
    if (ctx->version == 0 && !ti->any_state)
        return VMBP_E_NOT_NEGOTIATED;
    /* a type's rows are contiguous in the table, newest first */
    for (v = ti->first_variant; v < (unsigned)VMBP_MSGV_COUNT; v++) {
        const struct vmbp_msg_variant_info *vi =
            vmbp_msg_variant_lookup((enum vmbp_msg_variant)v);

        if (vi->type != type)
            break;
        if (vi->select == (uint8_t)VMBP_MSG_SELECT_CONTENT) {
            if (!content_read) {
                /* every content-selected form is at least as long as the shortest: the
                 * version it requests (offset 8) and the flags it carries (offset 20) are
                 * present once that much is */
                unsigned w;

                for (w = v; w < (unsigned)VMBP_MSGV_COUNT; w++) {
                    const struct vmbp_msg_variant_info *wi =
                        vmbp_msg_variant_lookup((enum vmbp_msg_variant)w);

                    if (wi->type != type)
                        break;
                    if (wi->size < min_size)
                        min_size = wi->size;
                }
                if (VMBP_PRIV_SELECT_CHECKS_LENGTH && len < min_size)
                    return VMBP_E_TRUNCATED;
                if (len < 24u) /* the two fields read next */
                    return VMBP_E_TRUNCATED;
                req_version = vmbp_load_le32(p + 8);
                req_features = vmbp_load_le32(p + 20);
                content_read = true;
            }
            if (req_version < vi->min_version)
                continue;
            if (vi->features != 0 && (req_features & vi->features) == 0)
                continue;
        } else {
            if (ctx->version < vi->min_version) /* 0, before negotiation, below every row's */
                continue;
            if (vi->features != 0 && (ctx->features & vi->features) == 0) {
                miss = VMBP_E_FEATURE;
                continue;
            }
            if (VMBP_PRIV_SELECT_CHECKS_LENGTH && vi->select == (uint8_t)VMBP_MSG_SELECT_SIZE &&
                len < vi->size)
                continue;
        }
        if (VMBP_PRIV_SELECT_CHECKS_LENGTH && len < vi->size)
            return VMBP_E_TRUNCATED;
        *variant = (enum vmbp_msg_variant)v;
        return VMBP_OK;
    }
    return miss;
}

VMBP_INLINE bool vmbp_priv_msg_zero(const uint8_t *p, size_t n)
{
    size_t i;
    uint8_t acc = 0;

    for (i = 0; i < n; i++)
        acc = (uint8_t)(acc | p[i]);
    return acc == 0;
}

VMBP_INLINE bool vmbp_priv_relid_ok(uint32_t relid)
{
    return relid >= VMBP_RELID_MIN && relid <= VMBP_RELID_MAX;
}

/* Byte accessors at a wire struct's member offset: p is a uint8_t pointer to the message. */
#define VMBP_PRIV_OFF(W, m) offsetof(struct W, m)
#define VMBP_PRIV_LD8(p, W, m) ((p)[offsetof(struct W, m)])
#define VMBP_PRIV_LD16(p, W, m) vmbp_load_le16((p) + offsetof(struct W, m))
#define VMBP_PRIV_LD32(p, W, m) vmbp_load_le32((p) + offsetof(struct W, m))
#define VMBP_PRIV_LD64(p, W, m) vmbp_load_le64((p) + offsetof(struct W, m))
#define VMBP_PRIV_LDG(p, W, m, g) VMBP_MEMCPY((g).bytes, (p) + offsetof(struct W, m), 16)
#define VMBP_PRIV_ST8(p, W, m, v) ((p)[offsetof(struct W, m)] = (uint8_t)(v))
#define VMBP_PRIV_ST16(p, W, m, v) vmbp_store_le16((p) + offsetof(struct W, m), (v))
#define VMBP_PRIV_ST32(p, W, m, v) vmbp_store_le32((p) + offsetof(struct W, m), (v))
#define VMBP_PRIV_ST64(p, W, m, v) vmbp_store_le64((p) + offsetof(struct W, m), (v))
#define VMBP_PRIV_STG(p, W, m, g) VMBP_MEMCPY((p) + offsetof(struct W, m), (g).bytes, 16)
#define VMBP_PRIV_ZERO(p, W, m)                                                                \
    vmbp_priv_msg_zero((p) + offsetof(struct W, m), sizeof(((struct W *)0)->m))

/* Start an encoding: the variant must belong to `type`; reports the size on NOSPACE;
 * zeroes the output and writes the header. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_encode_begin(uint32_t type,
                                                                        enum vmbp_msg_variant v,
                                                                        size_t size, void *buf,
                                                                        size_t cap, size_t *len)
{
    if (!len)
        return VMBP_E_INVAL;
    if (vmbp_msg_variant_type(v) != type || size > VMBP_MSG_MAX_SIZE)
        return VMBP_E_INVAL;
    if (!buf || cap < size) {
        *len = size;
        return VMBP_E_NOSPACE;
    }
    VMBP_MEMSET(buf, 0, size);
    vmbp_store_le32(buf, type);
    *len = size;
    return VMBP_OK;
}
/** @endcond */

/** @cond VMBP_INTERNAL */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_relid_msg_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                           uint32_t type, uint32_t *relid)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, type, &v);
    uint32_t r;

    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_relid_msg_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    r = VMBP_PRIV_LD32((const uint8_t *)buf, vmbp_relid_msg_wire, child_relid);
    if (!vmbp_priv_relid_ok(r))
        return VMBP_E_FIELD_RANGE;
    if (relid)
        *relid = r;
    return VMBP_OK;
}

VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_relid_msg_encode(uint32_t type, uint32_t relid, void *buf, size_t cap, size_t *len)
{
    enum vmbp_status st =
        vmbp_priv_msg_encode_begin(type, vmbp_msg_type_newest_variant(type),
                                   sizeof(struct vmbp_relid_msg_wire), buf, cap, len);

    if (st == VMBP_OK)
        VMBP_PRIV_ST32((uint8_t *)buf, vmbp_relid_msg_wire, child_relid, relid);
    return st;
}
/** @endcond */

/**
 * @brief Check a message's framing and gating and choose its variant.
 *
 * In this order (spec/msg.md, VMBP-MSG-002..007): length 8..240 (VMBP_E_TRUNCATED,
 * VMBP_E_TOO_LONG), a known type (VMBP_E_UNKNOWN_TYPE), the direction the caller accepts
 * (VMBP_E_DIRECTION), before negotiation only INITIATE_CONTACT, VERSION_RESPONSE and
 * CLOSE_RESERVED_CHANNEL (VMBP_E_NOT_NEGOTIATED), a variant for the negotiated version and
 * features (VMBP_E_VERSION, VMBP_E_FEATURE), and the variant's minimum size
 * (VMBP_E_TRUNCATED). Reserved fields and field ranges are the decoders' business
 * (vmbp_msg_validate() in msg_dispatch.h runs them all).
 * @param buf     message (private memory), @p len bytes
 * @param len     bytes in @p buf (the SynIC payload size)
 * @param ctx     negotiated state (version 0 before negotiation)
 * @param dir     senders the caller accepts
 * @param variant receives the variant on success
 * @return VMBP_OK or the first failed check; VMBP_E_INVAL for NULL pointers, a @p dir outside
 * 1..3 or a @p ctx with an unknown non-zero version
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_select(const void *buf, size_t len,
                                                             const struct vmbp_ctx *ctx,
                                                             enum vmbp_dir dir,
                                                             enum vmbp_msg_variant *variant)
{
    return vmbp_priv_msg_select(buf, len, ctx, dir, 0, variant);
}

/**
 * @brief What a field descriptor describes.
 */
enum vmbp_msg_field_kind {
    VMBP_MSG_FIELD_VALUE = 1,    /**< little-endian unsigned integer of 1, 2, 4 or 8 bytes */
    VMBP_MSG_FIELD_GUID = 2,     /**< 16-byte GUID (wire bytes) */
    VMBP_MSG_FIELD_BYTES = 3,    /**< opaque bytes */
    VMBP_MSG_FIELD_WORDS = 4,    /**< variable list of 64-bit words up to the message's end */
    VMBP_MSG_FIELD_RSVDZ = 5,    /**< reserved, must be zero: a non-zero value is rejected */
    VMBP_MSG_FIELD_RSVD_IGN = 6, /**< reserved, written 0, ignored on receive (hosts fill it) */
    VMBP_MSG_FIELD_HEADER = 7    /**< part of the 8-byte message header */
};

/**
 * @brief How a tool should print a field's value.
 */
enum vmbp_msg_field_fmt {
    VMBP_MSG_FMT_DEC = 1,         /**< decimal */
    VMBP_MSG_FMT_HEX = 2,         /**< hexadecimal */
    VMBP_MSG_FMT_BOOL = 3,        /**< 0 or 1 */
    VMBP_MSG_FMT_MSGTYPE = 4,     /**< message type: vmbp_msg_type_name() */
    VMBP_MSG_FMT_VERSION = 5,     /**< protocol version: major.minor */
    VMBP_MSG_FMT_FEATURES = 6,    /**< feature flags: vmbp_feature_name() per bit */
    VMBP_MSG_FMT_OFFER_FLAGS = 7, /**< offer flags: vmbp_offer_flag_name() per bit */
    VMBP_MSG_FMT_OPEN_FLAGS = 8,  /**< OPEN_CHANNEL flags: VMBP_OPEN_FLAG_* */
    VMBP_MSG_FMT_PIPE_FLAGS = 9,  /**< pipe flags: VMBP_PIPE_FLAG_* */
    VMBP_MSG_FMT_NTSTATUS = 10,   /**< NTSTATUS: VMBP_NTSTATUS_* */
    VMBP_MSG_FMT_CONN_STATE = 11, /**< connection state: VMBP_CONNECTION_* */
    VMBP_MSG_FMT_GUID = 12,       /**< {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} */
    VMBP_MSG_FMT_BYTES = 13,      /**< hex dump */
    VMBP_MSG_FMT_PIPE_TYPE = 14,  /**< pipe type: VMBP_PIPE_TYPE_* */
    VMBP_MSG_FMT_WORDS = 15       /**< list of 64-bit words */
};

/** @brief `host_offset` of a field that has no member in the decoded struct. */
#define VMBP_MSG_FIELD_NO_HOST 0xFFFFu

/**
 * @brief One field of one message variant: where it is on the wire, where it is in the
 * decoded struct, what it is and how to print it.
 *
 * Each family header returns the table of a variant from its `vmbp_msg_<family>_fields()`
 * (msg_dispatch.h: vmbp_msg_fields() for any variant). The offsets are checked against the
 * `_wire` structs at compile time. The decoded struct member of a VALUE field has the same
 * width as the wire field.
 */
struct vmbp_msg_field {
    const char *name;     /**< field name, as in the wire and decoded structs */
    const char *doc;      /**< one-line meaning */
    uint16_t offset;      /**< byte offset from the start of the message */
    uint16_t size;        /**< bytes (0 for WORDS: up to the end of the message) */
    uint16_t host_offset; /**< offset in the decoded struct, VMBP_MSG_FIELD_NO_HOST if none */
    uint8_t kind;         /**< `enum vmbp_msg_field_kind` */
    uint8_t fmt;          /**< `enum vmbp_msg_field_fmt` */
    uint32_t mask;        /**< bits of the value that belong to this entry (0: all) */
};

/**
 * @brief Find a field in a table by name.
 * @param tab  field table
 * @param n    entries in @p tab
 * @param name field name
 * @return the entry, or NULL
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_field_find(const struct vmbp_msg_field *tab,
                                                             size_t n, const char *name)
{
    size_t i;

    if (!tab || !name)
        return NULL;
    for (i = 0; i < n; i++) {
        const char *a = tab[i].name, *b = name;

        while (*a && *a == *b) {
            a++;
            b++;
        }
        if (*a == 0 && *b == 0)
            return &tab[i];
    }
    return NULL;
}

/**
 * @brief Read an integer field (VALUE, RSVDZ, RSVD_IGN or HEADER of 1, 2, 4 or 8 bytes)
 * from the wire bytes of a message, masked with the field's mask.
 * @param f   field
 * @param buf message bytes (private memory)
 * @param len bytes in @p buf
 * @param val receives the value
 * @return VMBP_OK, VMBP_E_TRUNCATED if the field lies past @p len, VMBP_E_INVAL for other
 * kinds or sizes
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_field_wire_get(const struct vmbp_msg_field *f, const void *buf, size_t len,
                        uint64_t *val)
{
    const uint8_t *p = (const uint8_t *)buf;
    uint64_t v;

    if (!f || !buf || !val)
        return VMBP_E_INVAL;
    if (f->kind == (uint8_t)VMBP_MSG_FIELD_GUID || f->kind == (uint8_t)VMBP_MSG_FIELD_BYTES ||
        f->kind == (uint8_t)VMBP_MSG_FIELD_WORDS)
        return VMBP_E_INVAL;
    if ((size_t)f->offset + f->size > len)
        return VMBP_E_TRUNCATED;
    switch (f->size) {
    case 1:
        v = p[f->offset];
        break;
    case 2:
        v = vmbp_load_le16(p + f->offset);
        break;
    case 4:
        v = vmbp_load_le32(p + f->offset);
        break;
    case 8:
        v = vmbp_load_le64(p + f->offset);
        break;
    default:
        return VMBP_E_INVAL;
    }
    if (f->mask != 0)
        v &= f->mask;
    *val = v;
    return VMBP_OK;
}

/**
 * @brief Read a VALUE field from a decoded (host-order) struct.
 * @param f    field
 * @param host decoded struct of the field's message (or overlay)
 * @param val  receives the value
 * @return VMBP_OK, VMBP_E_INVAL if the field has no integer member in the decoded struct
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_field_host_get(const struct vmbp_msg_field *f, const void *host, uint64_t *val)
{
    const uint8_t *p = (const uint8_t *)host;
    uint16_t x16;
    uint32_t x32;

    if (!f || !host || !val || f->host_offset == VMBP_MSG_FIELD_NO_HOST ||
        f->kind != (uint8_t)VMBP_MSG_FIELD_VALUE)
        return VMBP_E_INVAL;
    p += f->host_offset;
    switch (f->size) {
    case 1:
        *val = *p;
        return VMBP_OK;
    case 2:
        VMBP_MEMCPY(&x16, p, 2);
        *val = x16;
        return VMBP_OK;
    case 4:
        VMBP_MEMCPY(&x32, p, 4);
        *val = x32;
        return VMBP_OK;
    case 8:
        VMBP_MEMCPY(val, p, 8);
        return VMBP_OK;
    default: /* a descriptor not from the tables */
        return VMBP_E_INVAL;
    }
}

/**
 * @brief Write a VALUE field of a decoded (host-order) struct, e.g. to build a message from
 * named values.
 * @param f    field
 * @param host decoded struct of the field's message (or overlay)
 * @param val  value; must fit the field's width
 * @return VMBP_OK, VMBP_E_INVAL if the field has no integer member or @p val does not fit
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_field_host_set(const struct vmbp_msg_field *f, void *host, uint64_t val)
{
    uint8_t *p = (uint8_t *)host;

    if (!f || !host || f->host_offset == VMBP_MSG_FIELD_NO_HOST ||
        f->kind != (uint8_t)VMBP_MSG_FIELD_VALUE)
        return VMBP_E_INVAL;
    p += f->host_offset;
    switch (f->size) {
    case 1:
        if (val > 0xFFu)
            return VMBP_E_INVAL;
        *p = (uint8_t)val;
        return VMBP_OK;
    case 2: {
        uint16_t x = (uint16_t)val;

        if (val > 0xFFFFu)
            return VMBP_E_INVAL;
        VMBP_MEMCPY(p, &x, 2);
        return VMBP_OK;
    }
    case 4: {
        uint32_t x = (uint32_t)val;

        if (val > 0xFFFFFFFFu)
            return VMBP_E_INVAL;
        VMBP_MEMCPY(p, &x, 4);
        return VMBP_OK;
    }
    case 8:
        VMBP_MEMCPY(p, &val, 8);
        return VMBP_OK;
    default: /* a descriptor not from the tables */
        return VMBP_E_INVAL;
    }
}

#if defined(__cplusplus)
}
#endif

/** @cond VMBP_INTERNAL */
/* Field-table builders. W: wire struct tag, H: decoded struct tag, m: member (same name in
 * both). The offsets come from offsetof on the wire struct, so a table cannot disagree with
 * the layout the static assertions fix. */
#define VMBP_PRIV_FSIZE(W, m) ((uint16_t)sizeof(((struct W *)0)->m))
#define VMBP_PRIV_FLD(W, H, m, kind, fmt, doc)                                                 \
    {                                                                                          \
#m, doc, (uint16_t)offsetof(struct W, m), VMBP_PRIV_FSIZE(W, m),                       \
            (uint16_t)offsetof(struct H, m), (uint8_t)VMBP_MSG_FIELD_##kind,                   \
            (uint8_t)VMBP_MSG_FMT_##fmt, 0u                                                    \
    }
#define VMBP_PRIV_FLDM(W, H, m, mask, fmt, doc)                                                \
    {                                                                                          \
#m, doc, (uint16_t)offsetof(struct W, m), VMBP_PRIV_FSIZE(W, m),                       \
            (uint16_t)offsetof(struct H, m), (uint8_t)VMBP_MSG_FIELD_VALUE,                    \
            (uint8_t)VMBP_MSG_FMT_##fmt, mask                                                  \
    }
#define VMBP_PRIV_RSV(W, m, name, kind, mask, doc)                                             \
    {                                                                                          \
        name, doc, (uint16_t)offsetof(struct W, m), VMBP_PRIV_FSIZE(W, m),                     \
            VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_##kind, (uint8_t)VMBP_MSG_FMT_HEX, \
            mask                                                                               \
    }
#define VMBP_PRIV_HDR                                                                          \
    {"msgtype",                                                                                \
     "message type",                                                                           \
     0,                                                                                        \
     4,                                                                                        \
     VMBP_MSG_FIELD_NO_HOST,                                                                   \
     (uint8_t)VMBP_MSG_FIELD_HEADER,                                                           \
     (uint8_t)VMBP_MSG_FMT_MSGTYPE,                                                            \
     0u},                                                                                      \
    {                                                                                          \
        "rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,          \
            (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u                    \
    }
#define VMBP_PRIV_RETURN_FIELDS(tab, n)                                                        \
    do {                                                                                       \
        if (n)                                                                                 \
            *(n) = sizeof(tab) / sizeof((tab)[0]);                                             \
        return tab;                                                                            \
    } while (0)
/** @endcond */

/** @} */

#endif /* VMBP_MSG_H */
