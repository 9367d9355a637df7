/* SPDX-License-Identifier: MIT */
/**
 * @file msg.h
 * @brief VMBus channel messages: the 8-byte header, the message types and variants, their
 * selection by version, features and length, and the descriptors of fields and checks.
 *
 * A channel message is the payload of a SynIC message (HvPostMessage message type 1): an
 * 8-byte header naming the type, then the type's fields, 240 bytes at most. One table,
 * gen/msg.toml, holds every type (number, direction, whether it is valid before a version
 * is negotiated, Linux and OpenVMM names), every variant (selection rule, minimum version,
 * feature flags, size), every field and every check. The blocks marked "generated" here
 * and in the family headers are written from it by gen/msggen.py (a test fails when they
 * are stale): the enums and VMBP_MSG_TABLE(), the records behind vmbp_msg_type_lookup()
 * and vmbp_msg_variant_lookup(), the variant selection, and per family the wire and decoded
 * structs, field and check tables, decoders and encoders.
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
#include "synic.h"
#include "version.h"

/** @defgroup vmbp_msg Channel messages: header, type table, gating
 *  @brief The message header, VMBP_MSG_TABLE(), vmbp_msg_select() and field descriptors.
 *  @{
 */

/** @brief Size of the channel message header (type and padding). */
#define VMBP_MSG_HEADER_SIZE 8u
/* A channel message is at most VMBP_SYNIC_MESSAGE_PAYLOAD_MAX bytes, the payload of the SynIC
 * message that carries it (synic.h; OpenVMM `MAX_MESSAGE_SIZE`). */

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

/* @generated begin wires: gen/msggen.py from gen/msg.toml; edit the table, not this block */
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
                   vmbp_relid_msg_child_relid);
/* @generated end wires */

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

/* @generated begin types: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/**
 * @brief The features of which either selects the 156-byte OPEN_CHANNEL form (OpenVMM
 * `OpenChannel2`: guest-specified signal parameters or channel interrupt redirection).
 */
#define VMBP_FEATURES_OPEN_SIGNAL                                                              \
    ((uint32_t)VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS |                                \
     (uint32_t)VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION)

/**
 * @brief The message table: every type and every variant, one line each, generated from
 * gen/msg.toml (as everything below that says so).
 *
 * Expand with two macros of your own:
 * - `T(type, number, dir, any_state, "Linux name", "OpenVMM name")` per type: @c type its
 *   `VMBP_MSG_*` enumerator, @c dir `VMBP_DIR_GUEST_TO_HOST` or `VMBP_DIR_HOST_TO_GUEST`,
 *   @c any_state 1 for the three types valid before a version is negotiated, the Linux name
 *   empty where Linux has none;
 * - `V(type, variant, select, min_version, features, size)` per variant, newest first:
 *   @c variant its `VMBP_MSGV_*` enumerator, @c select a `VMBP_MSG_SELECT_*` value,
 *   @c min_version a `VMBP_VERSION_*` value or 0 (any, including before negotiation),
 *   @c features a mask of which one must be negotiated (0: none), @c size the variant's size
 *   in bytes, header included.
 */
#define VMBP_MSG_TABLE(T, V)                                                                   \
    T(VMBP_MSG_OFFER_CHANNEL, 1, VMBP_DIR_HOST_TO_GUEST, 0, "CHANNELMSG_OFFERCHANNEL",         \
      "OFFER_CHANNEL")                                                                         \
    V(VMBP_MSG_OFFER_CHANNEL, VMBP_MSGV_OFFER_CHANNEL, VMBP_MSG_SELECT_VERSION,                \
      VMBP_VERSION_1_1, 0u, 196)                                                               \
    V(VMBP_MSG_OFFER_CHANNEL, VMBP_MSGV_OFFER_CHANNEL_V1, VMBP_MSG_SELECT_VERSION,             \
      VMBP_VERSION_0_13, 0u, 190)                                                              \
    T(VMBP_MSG_RESCIND_CHANNEL_OFFER, 2, VMBP_DIR_HOST_TO_GUEST, 0,                            \
      "CHANNELMSG_RESCIND_CHANNELOFFER", "RESCIND_CHANNEL_OFFER")                              \
    V(VMBP_MSG_RESCIND_CHANNEL_OFFER, VMBP_MSGV_RESCIND_CHANNEL_OFFER,                         \
      VMBP_MSG_SELECT_VERSION, VMBP_VERSION_0_13, 0u, 12)                                      \
    T(VMBP_MSG_REQUEST_OFFERS, 3, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_REQUESTOFFERS",       \
      "REQUEST_OFFERS")                                                                        \
    V(VMBP_MSG_REQUEST_OFFERS, VMBP_MSGV_REQUEST_OFFERS, VMBP_MSG_SELECT_VERSION,              \
      VMBP_VERSION_0_13, 0u, 8)                                                                \
    T(VMBP_MSG_ALL_OFFERS_DELIVERED, 4, VMBP_DIR_HOST_TO_GUEST, 0,                             \
      "CHANNELMSG_ALLOFFERS_DELIVERED", "ALL_OFFERS_DELIVERED")                                \
    V(VMBP_MSG_ALL_OFFERS_DELIVERED, VMBP_MSGV_ALL_OFFERS_DELIVERED, VMBP_MSG_SELECT_VERSION,  \
      VMBP_VERSION_0_13, 0u, 8)                                                                \
    T(VMBP_MSG_OPEN_CHANNEL, 5, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_OPENCHANNEL",           \
      "OPEN_CHANNEL")                                                                          \
    V(VMBP_MSG_OPEN_CHANNEL, VMBP_MSGV_OPEN_CHANNEL_SIGNAL, VMBP_MSG_SELECT_VERSION,           \
      VMBP_VERSION_6_0, VMBP_FEATURES_OPEN_SIGNAL, 156)                                        \
    V(VMBP_MSG_OPEN_CHANNEL, VMBP_MSGV_OPEN_CHANNEL, VMBP_MSG_SELECT_VERSION,                  \
      VMBP_VERSION_0_13, 0u, 148)                                                              \
    T(VMBP_MSG_OPEN_CHANNEL_RESULT, 6, VMBP_DIR_HOST_TO_GUEST, 0,                              \
      "CHANNELMSG_OPENCHANNEL_RESULT", "OPEN_CHANNEL_RESULT")                                  \
    V(VMBP_MSG_OPEN_CHANNEL_RESULT, VMBP_MSGV_OPEN_CHANNEL_RESULT, VMBP_MSG_SELECT_VERSION,    \
      VMBP_VERSION_0_13, 0u, 20)                                                               \
    T(VMBP_MSG_CLOSE_CHANNEL, 7, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_CLOSECHANNEL",         \
      "CLOSE_CHANNEL")                                                                         \
    V(VMBP_MSG_CLOSE_CHANNEL, VMBP_MSGV_CLOSE_CHANNEL, VMBP_MSG_SELECT_VERSION,                \
      VMBP_VERSION_0_13, 0u, 12)                                                               \
    T(VMBP_MSG_GPADL_HEADER, 8, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_GPADL_HEADER",          \
      "GPADL_HEADER")                                                                          \
    V(VMBP_MSG_GPADL_HEADER, VMBP_MSGV_GPADL_HEADER, VMBP_MSG_SELECT_VERSION,                  \
      VMBP_VERSION_0_13, 0u, 20)                                                               \
    T(VMBP_MSG_GPADL_BODY, 9, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_GPADL_BODY",              \
      "GPADL_BODY")                                                                            \
    V(VMBP_MSG_GPADL_BODY, VMBP_MSGV_GPADL_BODY, VMBP_MSG_SELECT_VERSION, VMBP_VERSION_0_13,   \
      0u, 16)                                                                                  \
    T(VMBP_MSG_GPADL_CREATED, 10, VMBP_DIR_HOST_TO_GUEST, 0, "CHANNELMSG_GPADL_CREATED",       \
      "GPADL_CREATED")                                                                         \
    V(VMBP_MSG_GPADL_CREATED, VMBP_MSGV_GPADL_CREATED, VMBP_MSG_SELECT_VERSION,                \
      VMBP_VERSION_0_13, 0u, 20)                                                               \
    T(VMBP_MSG_GPADL_TEARDOWN, 11, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_GPADL_TEARDOWN",     \
      "GPADL_TEARDOWN")                                                                        \
    V(VMBP_MSG_GPADL_TEARDOWN, VMBP_MSGV_GPADL_TEARDOWN, VMBP_MSG_SELECT_VERSION,              \
      VMBP_VERSION_0_13, 0u, 16)                                                               \
    T(VMBP_MSG_GPADL_TORNDOWN, 12, VMBP_DIR_HOST_TO_GUEST, 0, "CHANNELMSG_GPADL_TORNDOWN",     \
      "GPADL_TORNDOWN")                                                                        \
    V(VMBP_MSG_GPADL_TORNDOWN, VMBP_MSGV_GPADL_TORNDOWN, VMBP_MSG_SELECT_VERSION,              \
      VMBP_VERSION_0_13, 0u, 12)                                                               \
    T(VMBP_MSG_RELID_RELEASED, 13, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_RELID_RELEASED",     \
      "REL_ID_RELEASED")                                                                       \
    V(VMBP_MSG_RELID_RELEASED, VMBP_MSGV_RELID_RELEASED, VMBP_MSG_SELECT_VERSION,              \
      VMBP_VERSION_0_13, 0u, 12)                                                               \
    T(VMBP_MSG_INITIATE_CONTACT, 14, VMBP_DIR_GUEST_TO_HOST, 1, "CHANNELMSG_INITIATE_CONTACT", \
      "INITIATE_CONTACT")                                                                      \
    V(VMBP_MSG_INITIATE_CONTACT, VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID,                         \
      VMBP_MSG_SELECT_CONTENT, VMBP_VERSION_6_0, (uint32_t)VMBP_FEATURE_CLIENT_ID, 56)         \
    V(VMBP_MSG_INITIATE_CONTACT, VMBP_MSGV_INITIATE_CONTACT_FEATURES, VMBP_MSG_SELECT_CONTENT, \
      VMBP_VERSION_6_0, 0u, 40)                                                                \
    V(VMBP_MSG_INITIATE_CONTACT, VMBP_MSGV_INITIATE_CONTACT_SINT, VMBP_MSG_SELECT_CONTENT,     \
      VMBP_VERSION_5_0, 0u, 40)                                                                \
    V(VMBP_MSG_INITIATE_CONTACT, VMBP_MSGV_INITIATE_CONTACT_IPAGE, VMBP_MSG_SELECT_CONTENT, 0, \
      0u, 40)                                                                                  \
    T(VMBP_MSG_VERSION_RESPONSE, 15, VMBP_DIR_HOST_TO_GUEST, 1, "CHANNELMSG_VERSION_RESPONSE", \
      "VERSION_RESPONSE")                                                                      \
    V(VMBP_MSG_VERSION_RESPONSE, VMBP_MSGV_VERSION_RESPONSE_MONITOR, VMBP_MSG_SELECT_SIZE, 0,  \
      0u, 40)                                                                                  \
    V(VMBP_MSG_VERSION_RESPONSE, VMBP_MSGV_VERSION_RESPONSE_FEATURES, VMBP_MSG_SELECT_SIZE, 0, \
      0u, 20)                                                                                  \
    V(VMBP_MSG_VERSION_RESPONSE, VMBP_MSGV_VERSION_RESPONSE, VMBP_MSG_SELECT_VERSION, 0, 0u,   \
      16)                                                                                      \
    T(VMBP_MSG_UNLOAD, 16, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_UNLOAD", "UNLOAD")           \
    V(VMBP_MSG_UNLOAD, VMBP_MSGV_UNLOAD, VMBP_MSG_SELECT_VERSION, VMBP_VERSION_0_13, 0u, 8)    \
    T(VMBP_MSG_UNLOAD_COMPLETE, 17, VMBP_DIR_HOST_TO_GUEST, 0, "CHANNELMSG_UNLOAD_RESPONSE",   \
      "UNLOAD_COMPLETE")                                                                       \
    V(VMBP_MSG_UNLOAD_COMPLETE, VMBP_MSGV_UNLOAD_COMPLETE, VMBP_MSG_SELECT_VERSION,            \
      VMBP_VERSION_1_1, 0u, 8)                                                                 \
    T(VMBP_MSG_OPEN_RESERVED_CHANNEL, 18, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_18",          \
      "OPEN_RESERVED_CHANNEL")                                                                 \
    V(VMBP_MSG_OPEN_RESERVED_CHANNEL, VMBP_MSGV_OPEN_RESERVED_CHANNEL,                         \
      VMBP_MSG_SELECT_VERSION, VMBP_VERSION_4_0, 0u, 28)                                       \
    T(VMBP_MSG_CLOSE_RESERVED_CHANNEL, 19, VMBP_DIR_GUEST_TO_HOST, 1, "CHANNELMSG_19",         \
      "CLOSE_RESERVED_CHANNEL")                                                                \
    V(VMBP_MSG_CLOSE_RESERVED_CHANNEL, VMBP_MSGV_CLOSE_RESERVED_CHANNEL,                       \
      VMBP_MSG_SELECT_VERSION, 0, 0u, 20)                                                      \
    T(VMBP_MSG_CLOSE_RESERVED_RESPONSE, 20, VMBP_DIR_HOST_TO_GUEST, 0, "CHANNELMSG_20",        \
      "CLOSE_RESERVED_RESPONSE")                                                               \
    V(VMBP_MSG_CLOSE_RESERVED_RESPONSE, VMBP_MSGV_CLOSE_RESERVED_RESPONSE,                     \
      VMBP_MSG_SELECT_VERSION, VMBP_VERSION_4_0, 0u, 12)                                       \
    T(VMBP_MSG_TL_CONNECT_REQUEST, 21, VMBP_DIR_GUEST_TO_HOST, 0,                              \
      "CHANNELMSG_TL_CONNECT_REQUEST", "TL_CONNECT_REQUEST")                                   \
    V(VMBP_MSG_TL_CONNECT_REQUEST, VMBP_MSGV_TL_CONNECT_REQUEST_SILO, VMBP_MSG_SELECT_SIZE,    \
      VMBP_VERSION_5_2, 0u, 56)                                                                \
    V(VMBP_MSG_TL_CONNECT_REQUEST, VMBP_MSGV_TL_CONNECT_REQUEST, VMBP_MSG_SELECT_VERSION,      \
      VMBP_VERSION_4_0, 0u, 40)                                                                \
    T(VMBP_MSG_MODIFY_CHANNEL, 22, VMBP_DIR_GUEST_TO_HOST, 0, "CHANNELMSG_MODIFYCHANNEL",      \
      "MODIFY_CHANNEL")                                                                        \
    V(VMBP_MSG_MODIFY_CHANNEL, VMBP_MSGV_MODIFY_CHANNEL, VMBP_MSG_SELECT_VERSION,              \
      VMBP_VERSION_4_1, 0u, 16)                                                                \
    T(VMBP_MSG_TL_CONNECT_RESULT, 23, VMBP_DIR_HOST_TO_GUEST, 0,                               \
      "CHANNELMSG_TL_CONNECT_RESULT", "TL_CONNECT_REQUEST_RESULT")                             \
    V(VMBP_MSG_TL_CONNECT_RESULT, VMBP_MSGV_TL_CONNECT_RESULT, VMBP_MSG_SELECT_VERSION,        \
      VMBP_VERSION_4_1, 0u, 44)                                                                \
    T(VMBP_MSG_MODIFY_CHANNEL_RESPONSE, 24, VMBP_DIR_HOST_TO_GUEST, 0,                         \
      "CHANNELMSG_MODIFYCHANNEL_RESPONSE", "MODIFY_CHANNEL_RESPONSE")                          \
    V(VMBP_MSG_MODIFY_CHANNEL_RESPONSE, VMBP_MSGV_MODIFY_CHANNEL_RESPONSE,                     \
      VMBP_MSG_SELECT_VERSION, VMBP_VERSION_5_3, 0u, 16)                                       \
    T(VMBP_MSG_MODIFY_CONNECTION, 25, VMBP_DIR_GUEST_TO_HOST, 0, "", "MODIFY_CONNECTION")      \
    V(VMBP_MSG_MODIFY_CONNECTION, VMBP_MSGV_MODIFY_CONNECTION, VMBP_MSG_SELECT_VERSION,        \
      VMBP_VERSION_6_0, (uint32_t)VMBP_FEATURE_MODIFY_CONNECTION, 24)                          \
    T(VMBP_MSG_MODIFY_CONNECTION_RESPONSE, 26, VMBP_DIR_HOST_TO_GUEST, 0, "",                  \
      "MODIFY_CONNECTION_RESPONSE")                                                            \
    V(VMBP_MSG_MODIFY_CONNECTION_RESPONSE, VMBP_MSGV_MODIFY_CONNECTION_RESPONSE,               \
      VMBP_MSG_SELECT_VERSION, VMBP_VERSION_6_0, (uint32_t)VMBP_FEATURE_MODIFY_CONNECTION, 9)  \
    T(VMBP_MSG_PAUSE, 27, VMBP_DIR_GUEST_TO_HOST, 0, "", "PAUSE")                              \
    V(VMBP_MSG_PAUSE, VMBP_MSGV_PAUSE, VMBP_MSG_SELECT_VERSION, VMBP_VERSION_6_0,              \
      (uint32_t)VMBP_FEATURE_PAUSE_RESUME, 8)                                                  \
    T(VMBP_MSG_PAUSE_RESPONSE, 28, VMBP_DIR_HOST_TO_GUEST, 0, "", "PAUSE_RESPONSE")            \
    V(VMBP_MSG_PAUSE_RESPONSE, VMBP_MSGV_PAUSE_RESPONSE, VMBP_MSG_SELECT_VERSION,              \
      VMBP_VERSION_6_0, (uint32_t)VMBP_FEATURE_PAUSE_RESUME, 8)                                \
    T(VMBP_MSG_RESUME, 29, VMBP_DIR_GUEST_TO_HOST, 0, "", "RESUME")                            \
    V(VMBP_MSG_RESUME, VMBP_MSGV_RESUME, VMBP_MSG_SELECT_VERSION, VMBP_VERSION_6_0,            \
      (uint32_t)VMBP_FEATURE_PAUSE_RESUME, 8)

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
/* The types each side sends, as bits (bit n: type n), for the direction check. */
#define VMBP_PRIV_MSG_GUEST_TO_HOST_TYPES 0x2A6D6BA8u
#define VMBP_PRIV_MSG_HOST_TO_GUEST_TYPES 0x15929456u
/* The types valid before a version is negotiated (VMBP-MSG-006). */
#define VMBP_PRIV_MSG_ANY_STATE_TYPES 0x0008C000u
/* The header-only types, which vmbp_msg_empty_decode() decodes. */
#define VMBP_PRIV_MSG_EMPTY_TYPES 0x38030018u
/** @endcond */

/** @brief Number of message types (29). */
#define VMBP_MSG_TYPE_COUNT 29
/** @brief Number of message variants (37). */
#define VMBP_MSG_VARIANT_COUNT 37
/* @generated end types */

/**
 * @brief Properties of one message type (a `T` row of VMBP_MSG_TABLE()), from
 * vmbp_msg_type_lookup().
 */
struct vmbp_msg_type_info {
    uint32_t type;            /**< type number */
    uint8_t dir;              /**< `enum vmbp_dir` of the sender */
    uint8_t any_state;        /**< 1: valid before a version is negotiated */
    uint16_t first_variant;   /**< its newest variant; the others follow it in the table */
    const char *name;         /**< our name, e.g. "OFFER_CHANNEL" */
    const char *linux_name;   /**< Linux `CHANNELMSG_*` name, "" if none */
    const char *openvmm_name; /**< OpenVMM `MessageType` name */
    const char *header;       /**< the header that declares its codec, e.g. "msg_channel" */
    uint8_t nvariants;        /**< number of its variants */
};

/**
 * @brief Properties of one message variant (a `V` row of VMBP_MSG_TABLE()), from
 * vmbp_msg_variant_lookup().
 */
struct vmbp_msg_variant_info {
    uint32_t type;        /**< type number */
    uint8_t select;       /**< `enum vmbp_msg_select` */
    uint16_t size;        /**< size in bytes, header included */
    uint32_t min_version; /**< minimum version, 0 for any (see the table) */
    uint32_t features;    /**< feature flags of which one is needed, 0 for none */
    const char *name;     /**< variant name, e.g. "OPEN_CHANNEL_SIGNAL" */
    const char *rule;     /**< the spec rule of its layout, e.g. "VMBP-MSG-108" */
};

/* @generated begin records: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/** @cond VMBP_INTERNAL */
/* The table as data: one record per type (index: type number) and per variant
 * (index: variant). */
static const struct vmbp_msg_type_info vmbp_priv_msg_types[] = {
    {0, 0, 0, 0, "INVALID", "CHANNELMSG_INVALID", "", "", 0},
    {VMBP_MSG_OFFER_CHANNEL, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0, VMBP_MSGV_OFFER_CHANNEL,
     "OFFER_CHANNEL", "CHANNELMSG_OFFERCHANNEL", "OFFER_CHANNEL", "msg_offer", 2},
    {VMBP_MSG_RESCIND_CHANNEL_OFFER, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0,
     VMBP_MSGV_RESCIND_CHANNEL_OFFER, "RESCIND_CHANNEL_OFFER",
     "CHANNELMSG_RESCIND_CHANNELOFFER", "RESCIND_CHANNEL_OFFER", "msg_offer", 1},
    {VMBP_MSG_REQUEST_OFFERS, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_REQUEST_OFFERS,
     "REQUEST_OFFERS", "CHANNELMSG_REQUESTOFFERS", "REQUEST_OFFERS", "msg_connect", 1},
    {VMBP_MSG_ALL_OFFERS_DELIVERED, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0,
     VMBP_MSGV_ALL_OFFERS_DELIVERED, "ALL_OFFERS_DELIVERED", "CHANNELMSG_ALLOFFERS_DELIVERED",
     "ALL_OFFERS_DELIVERED", "msg_connect", 1},
    {VMBP_MSG_OPEN_CHANNEL, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_OPEN_CHANNEL_SIGNAL,
     "OPEN_CHANNEL", "CHANNELMSG_OPENCHANNEL", "OPEN_CHANNEL", "msg_channel", 2},
    {VMBP_MSG_OPEN_CHANNEL_RESULT, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0,
     VMBP_MSGV_OPEN_CHANNEL_RESULT, "OPEN_CHANNEL_RESULT", "CHANNELMSG_OPENCHANNEL_RESULT",
     "OPEN_CHANNEL_RESULT", "msg_channel", 1},
    {VMBP_MSG_CLOSE_CHANNEL, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_CLOSE_CHANNEL,
     "CLOSE_CHANNEL", "CHANNELMSG_CLOSECHANNEL", "CLOSE_CHANNEL", "msg_channel", 1},
    {VMBP_MSG_GPADL_HEADER, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_GPADL_HEADER,
     "GPADL_HEADER", "CHANNELMSG_GPADL_HEADER", "GPADL_HEADER", "msg_gpadl", 1},
    {VMBP_MSG_GPADL_BODY, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_GPADL_BODY,
     "GPADL_BODY", "CHANNELMSG_GPADL_BODY", "GPADL_BODY", "msg_gpadl", 1},
    {VMBP_MSG_GPADL_CREATED, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0, VMBP_MSGV_GPADL_CREATED,
     "GPADL_CREATED", "CHANNELMSG_GPADL_CREATED", "GPADL_CREATED", "msg_gpadl", 1},
    {VMBP_MSG_GPADL_TEARDOWN, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_GPADL_TEARDOWN,
     "GPADL_TEARDOWN", "CHANNELMSG_GPADL_TEARDOWN", "GPADL_TEARDOWN", "msg_gpadl", 1},
    {VMBP_MSG_GPADL_TORNDOWN, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0, VMBP_MSGV_GPADL_TORNDOWN,
     "GPADL_TORNDOWN", "CHANNELMSG_GPADL_TORNDOWN", "GPADL_TORNDOWN", "msg_gpadl", 1},
    {VMBP_MSG_RELID_RELEASED, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_RELID_RELEASED,
     "RELID_RELEASED", "CHANNELMSG_RELID_RELEASED", "REL_ID_RELEASED", "msg_offer", 1},
    {VMBP_MSG_INITIATE_CONTACT, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 1,
     VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID, "INITIATE_CONTACT", "CHANNELMSG_INITIATE_CONTACT",
     "INITIATE_CONTACT", "msg_connect", 4},
    {VMBP_MSG_VERSION_RESPONSE, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 1,
     VMBP_MSGV_VERSION_RESPONSE_MONITOR, "VERSION_RESPONSE", "CHANNELMSG_VERSION_RESPONSE",
     "VERSION_RESPONSE", "msg_connect", 3},
    {VMBP_MSG_UNLOAD, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_UNLOAD, "UNLOAD",
     "CHANNELMSG_UNLOAD", "UNLOAD", "msg_connect", 1},
    {VMBP_MSG_UNLOAD_COMPLETE, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0, VMBP_MSGV_UNLOAD_COMPLETE,
     "UNLOAD_COMPLETE", "CHANNELMSG_UNLOAD_RESPONSE", "UNLOAD_COMPLETE", "msg_connect", 1},
    {VMBP_MSG_OPEN_RESERVED_CHANNEL, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0,
     VMBP_MSGV_OPEN_RESERVED_CHANNEL, "OPEN_RESERVED_CHANNEL", "CHANNELMSG_18",
     "OPEN_RESERVED_CHANNEL", "msg_channel", 1},
    {VMBP_MSG_CLOSE_RESERVED_CHANNEL, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 1,
     VMBP_MSGV_CLOSE_RESERVED_CHANNEL, "CLOSE_RESERVED_CHANNEL", "CHANNELMSG_19",
     "CLOSE_RESERVED_CHANNEL", "msg_channel", 1},
    {VMBP_MSG_CLOSE_RESERVED_RESPONSE, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0,
     VMBP_MSGV_CLOSE_RESERVED_RESPONSE, "CLOSE_RESERVED_RESPONSE", "CHANNELMSG_20",
     "CLOSE_RESERVED_RESPONSE", "msg_channel", 1},
    {VMBP_MSG_TL_CONNECT_REQUEST, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0,
     VMBP_MSGV_TL_CONNECT_REQUEST_SILO, "TL_CONNECT_REQUEST", "CHANNELMSG_TL_CONNECT_REQUEST",
     "TL_CONNECT_REQUEST", "msg_hvsock", 2},
    {VMBP_MSG_MODIFY_CHANNEL, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_MODIFY_CHANNEL,
     "MODIFY_CHANNEL", "CHANNELMSG_MODIFYCHANNEL", "MODIFY_CHANNEL", "msg_channel", 1},
    {VMBP_MSG_TL_CONNECT_RESULT, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0,
     VMBP_MSGV_TL_CONNECT_RESULT, "TL_CONNECT_RESULT", "CHANNELMSG_TL_CONNECT_RESULT",
     "TL_CONNECT_REQUEST_RESULT", "msg_hvsock", 1},
    {VMBP_MSG_MODIFY_CHANNEL_RESPONSE, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0,
     VMBP_MSGV_MODIFY_CHANNEL_RESPONSE, "MODIFY_CHANNEL_RESPONSE",
     "CHANNELMSG_MODIFYCHANNEL_RESPONSE", "MODIFY_CHANNEL_RESPONSE", "msg_channel", 1},
    {VMBP_MSG_MODIFY_CONNECTION, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0,
     VMBP_MSGV_MODIFY_CONNECTION, "MODIFY_CONNECTION", "", "MODIFY_CONNECTION", "msg_connect",
     1},
    {VMBP_MSG_MODIFY_CONNECTION_RESPONSE, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0,
     VMBP_MSGV_MODIFY_CONNECTION_RESPONSE, "MODIFY_CONNECTION_RESPONSE", "",
     "MODIFY_CONNECTION_RESPONSE", "msg_connect", 1},
    {VMBP_MSG_PAUSE, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_PAUSE, "PAUSE", "", "PAUSE",
     "msg_connect", 1},
    {VMBP_MSG_PAUSE_RESPONSE, (uint8_t)VMBP_DIR_HOST_TO_GUEST, 0, VMBP_MSGV_PAUSE_RESPONSE,
     "PAUSE_RESPONSE", "", "PAUSE_RESPONSE", "msg_connect", 1},
    {VMBP_MSG_RESUME, (uint8_t)VMBP_DIR_GUEST_TO_HOST, 0, VMBP_MSGV_RESUME, "RESUME", "",
     "RESUME", "msg_connect", 1},
};
static const struct vmbp_msg_variant_info vmbp_priv_msg_variants[] = {
    {0, 0, 0, 0, 0, "NONE", ""},
    {VMBP_MSG_OFFER_CHANNEL, (uint8_t)VMBP_MSG_SELECT_VERSION, 196, (uint32_t)VMBP_VERSION_1_1,
     0u, "OFFER_CHANNEL", "VMBP-MSG-101"},
    {VMBP_MSG_OFFER_CHANNEL, (uint8_t)VMBP_MSG_SELECT_VERSION, 190, (uint32_t)VMBP_VERSION_0_13,
     0u, "OFFER_CHANNEL_V1", "VMBP-MSG-102"},
    {VMBP_MSG_RESCIND_CHANNEL_OFFER, (uint8_t)VMBP_MSG_SELECT_VERSION, 12,
     (uint32_t)VMBP_VERSION_0_13, 0u, "RESCIND_CHANNEL_OFFER", "VMBP-MSG-105"},
    {VMBP_MSG_REQUEST_OFFERS, (uint8_t)VMBP_MSG_SELECT_VERSION, 8, (uint32_t)VMBP_VERSION_0_13,
     0u, "REQUEST_OFFERS", "VMBP-MSG-106"},
    {VMBP_MSG_ALL_OFFERS_DELIVERED, (uint8_t)VMBP_MSG_SELECT_VERSION, 8,
     (uint32_t)VMBP_VERSION_0_13, 0u, "ALL_OFFERS_DELIVERED", "VMBP-MSG-107"},
    {VMBP_MSG_OPEN_CHANNEL, (uint8_t)VMBP_MSG_SELECT_VERSION, 156, (uint32_t)VMBP_VERSION_6_0,
     VMBP_FEATURES_OPEN_SIGNAL, "OPEN_CHANNEL_SIGNAL", "VMBP-MSG-108"},
    {VMBP_MSG_OPEN_CHANNEL, (uint8_t)VMBP_MSG_SELECT_VERSION, 148, (uint32_t)VMBP_VERSION_0_13,
     0u, "OPEN_CHANNEL", "VMBP-MSG-109"},
    {VMBP_MSG_OPEN_CHANNEL_RESULT, (uint8_t)VMBP_MSG_SELECT_VERSION, 20,
     (uint32_t)VMBP_VERSION_0_13, 0u, "OPEN_CHANNEL_RESULT", "VMBP-MSG-110"},
    {VMBP_MSG_CLOSE_CHANNEL, (uint8_t)VMBP_MSG_SELECT_VERSION, 12, (uint32_t)VMBP_VERSION_0_13,
     0u, "CLOSE_CHANNEL", "VMBP-MSG-111"},
    {VMBP_MSG_GPADL_HEADER, (uint8_t)VMBP_MSG_SELECT_VERSION, 20, (uint32_t)VMBP_VERSION_0_13,
     0u, "GPADL_HEADER", "VMBP-MSG-112"},
    {VMBP_MSG_GPADL_BODY, (uint8_t)VMBP_MSG_SELECT_VERSION, 16, (uint32_t)VMBP_VERSION_0_13, 0u,
     "GPADL_BODY", "VMBP-MSG-113"},
    {VMBP_MSG_GPADL_CREATED, (uint8_t)VMBP_MSG_SELECT_VERSION, 20, (uint32_t)VMBP_VERSION_0_13,
     0u, "GPADL_CREATED", "VMBP-MSG-114"},
    {VMBP_MSG_GPADL_TEARDOWN, (uint8_t)VMBP_MSG_SELECT_VERSION, 16, (uint32_t)VMBP_VERSION_0_13,
     0u, "GPADL_TEARDOWN", "VMBP-MSG-115"},
    {VMBP_MSG_GPADL_TORNDOWN, (uint8_t)VMBP_MSG_SELECT_VERSION, 12, (uint32_t)VMBP_VERSION_0_13,
     0u, "GPADL_TORNDOWN", "VMBP-MSG-116"},
    {VMBP_MSG_RELID_RELEASED, (uint8_t)VMBP_MSG_SELECT_VERSION, 12, (uint32_t)VMBP_VERSION_0_13,
     0u, "RELID_RELEASED", "VMBP-MSG-117"},
    {VMBP_MSG_INITIATE_CONTACT, (uint8_t)VMBP_MSG_SELECT_CONTENT, 56,
     (uint32_t)VMBP_VERSION_6_0, (uint32_t)VMBP_FEATURE_CLIENT_ID, "INITIATE_CONTACT_CLIENT_ID",
     "VMBP-MSG-118"},
    {VMBP_MSG_INITIATE_CONTACT, (uint8_t)VMBP_MSG_SELECT_CONTENT, 40,
     (uint32_t)VMBP_VERSION_6_0, 0u, "INITIATE_CONTACT_FEATURES", "VMBP-MSG-119"},
    {VMBP_MSG_INITIATE_CONTACT, (uint8_t)VMBP_MSG_SELECT_CONTENT, 40,
     (uint32_t)VMBP_VERSION_5_0, 0u, "INITIATE_CONTACT_SINT", "VMBP-MSG-120"},
    {VMBP_MSG_INITIATE_CONTACT, (uint8_t)VMBP_MSG_SELECT_CONTENT, 40, 0u, 0u,
     "INITIATE_CONTACT_IPAGE", "VMBP-MSG-121"},
    {VMBP_MSG_VERSION_RESPONSE, (uint8_t)VMBP_MSG_SELECT_SIZE, 40, 0u, 0u,
     "VERSION_RESPONSE_MONITOR", "VMBP-MSG-122"},
    {VMBP_MSG_VERSION_RESPONSE, (uint8_t)VMBP_MSG_SELECT_SIZE, 20, 0u, 0u,
     "VERSION_RESPONSE_FEATURES", "VMBP-MSG-123"},
    {VMBP_MSG_VERSION_RESPONSE, (uint8_t)VMBP_MSG_SELECT_VERSION, 16, 0u, 0u,
     "VERSION_RESPONSE", "VMBP-MSG-124"},
    {VMBP_MSG_UNLOAD, (uint8_t)VMBP_MSG_SELECT_VERSION, 8, (uint32_t)VMBP_VERSION_0_13, 0u,
     "UNLOAD", "VMBP-MSG-125"},
    {VMBP_MSG_UNLOAD_COMPLETE, (uint8_t)VMBP_MSG_SELECT_VERSION, 8, (uint32_t)VMBP_VERSION_1_1,
     0u, "UNLOAD_COMPLETE", "VMBP-MSG-126"},
    {VMBP_MSG_OPEN_RESERVED_CHANNEL, (uint8_t)VMBP_MSG_SELECT_VERSION, 28,
     (uint32_t)VMBP_VERSION_4_0, 0u, "OPEN_RESERVED_CHANNEL", "VMBP-MSG-127"},
    {VMBP_MSG_CLOSE_RESERVED_CHANNEL, (uint8_t)VMBP_MSG_SELECT_VERSION, 20, 0u, 0u,
     "CLOSE_RESERVED_CHANNEL", "VMBP-MSG-128"},
    {VMBP_MSG_CLOSE_RESERVED_RESPONSE, (uint8_t)VMBP_MSG_SELECT_VERSION, 12,
     (uint32_t)VMBP_VERSION_4_0, 0u, "CLOSE_RESERVED_RESPONSE", "VMBP-MSG-129"},
    {VMBP_MSG_TL_CONNECT_REQUEST, (uint8_t)VMBP_MSG_SELECT_SIZE, 56, (uint32_t)VMBP_VERSION_5_2,
     0u, "TL_CONNECT_REQUEST_SILO", "VMBP-MSG-130"},
    {VMBP_MSG_TL_CONNECT_REQUEST, (uint8_t)VMBP_MSG_SELECT_VERSION, 40,
     (uint32_t)VMBP_VERSION_4_0, 0u, "TL_CONNECT_REQUEST", "VMBP-MSG-131"},
    {VMBP_MSG_MODIFY_CHANNEL, (uint8_t)VMBP_MSG_SELECT_VERSION, 16, (uint32_t)VMBP_VERSION_4_1,
     0u, "MODIFY_CHANNEL", "VMBP-MSG-132"},
    {VMBP_MSG_TL_CONNECT_RESULT, (uint8_t)VMBP_MSG_SELECT_VERSION, 44,
     (uint32_t)VMBP_VERSION_4_1, 0u, "TL_CONNECT_RESULT", "VMBP-MSG-133"},
    {VMBP_MSG_MODIFY_CHANNEL_RESPONSE, (uint8_t)VMBP_MSG_SELECT_VERSION, 16,
     (uint32_t)VMBP_VERSION_5_3, 0u, "MODIFY_CHANNEL_RESPONSE", "VMBP-MSG-134"},
    {VMBP_MSG_MODIFY_CONNECTION, (uint8_t)VMBP_MSG_SELECT_VERSION, 24,
     (uint32_t)VMBP_VERSION_6_0, (uint32_t)VMBP_FEATURE_MODIFY_CONNECTION, "MODIFY_CONNECTION",
     "VMBP-MSG-135"},
    {VMBP_MSG_MODIFY_CONNECTION_RESPONSE, (uint8_t)VMBP_MSG_SELECT_VERSION, 9,
     (uint32_t)VMBP_VERSION_6_0, (uint32_t)VMBP_FEATURE_MODIFY_CONNECTION,
     "MODIFY_CONNECTION_RESPONSE", "VMBP-MSG-136"},
    {VMBP_MSG_PAUSE, (uint8_t)VMBP_MSG_SELECT_VERSION, 8, (uint32_t)VMBP_VERSION_6_0,
     (uint32_t)VMBP_FEATURE_PAUSE_RESUME, "PAUSE", "VMBP-MSG-137"},
    {VMBP_MSG_PAUSE_RESPONSE, (uint8_t)VMBP_MSG_SELECT_VERSION, 8, (uint32_t)VMBP_VERSION_6_0,
     (uint32_t)VMBP_FEATURE_PAUSE_RESUME, "PAUSE_RESPONSE", "VMBP-MSG-138"},
    {VMBP_MSG_RESUME, (uint8_t)VMBP_MSG_SELECT_VERSION, 8, (uint32_t)VMBP_VERSION_6_0,
     (uint32_t)VMBP_FEATURE_PAUSE_RESUME, "RESUME", "VMBP-MSG-139"},
};
/** @endcond */
/* @generated end records */

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
    const struct vmbp_msg_type_info *ti = vmbp_msg_type_lookup(type);

    return ti ? (enum vmbp_msg_variant)ti->first_variant : VMBP_MSGV_NONE;
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

/**
 * @brief What a field's bytes are on the wire.
 */
enum vmbp_msg_wire_type {
    VMBP_MSG_WIRE_U8 = 1,     /**< unsigned 8-bit integer */
    VMBP_MSG_WIRE_U16 = 2,    /**< unsigned 16-bit integer */
    VMBP_MSG_WIRE_U32 = 3,    /**< unsigned 32-bit integer */
    VMBP_MSG_WIRE_U64 = 4,    /**< unsigned 64-bit integer */
    VMBP_MSG_WIRE_GUID = 5,   /**< GUID: 16 bytes, the first three groups little-endian */
    VMBP_MSG_WIRE_BYTES = 6,  /**< opaque bytes */
    VMBP_MSG_WIRE_WORDS64 = 7 /**< 64-bit little-endian words up to the message's end */
};

/**
 * @brief The byte order of a field.
 */
enum vmbp_msg_endian {
    VMBP_MSG_ENDIAN_NONE = 0,   /**< single bytes or opaque bytes: no order */
    VMBP_MSG_ENDIAN_LITTLE = 1, /**< little-endian (every VMBus integer, VMBP-CONV-001) */
    VMBP_MSG_ENDIAN_GUID = 2    /**< GUID: 32-, 16-, 16-bit groups little-endian, then bytes */
};

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
 * (msg_dispatch.h: vmbp_msg_fields() for any variant; vmbp_msg_checks() gives the checks
 * that constrain the fields, with their rule IDs and allowed values). The offsets are
 * offsetof() the `_wire` structs, generated with them from gen/msg.toml. The decoded struct
 * member of a VALUE field has the same width as the wire field.
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
    uint8_t wire_type;    /**< `enum vmbp_msg_wire_type` */
    uint8_t endian;       /**< `enum vmbp_msg_endian` */
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

/**
 * @brief How a check constrains its field (`struct vmbp_msg_check` @c kind).
 */
enum vmbp_msg_check_kind {
    VMBP_MSG_CHECK_RANGE = 1,         /**< @c min <= value <= @c max */
    VMBP_MSG_CHECK_ZERO = 2,          /**< the bits of @c mask (0: every byte) are zero */
    VMBP_MSG_CHECK_ONE_OF = 3,        /**< value is one of @c values */
    VMBP_MSG_CHECK_NEEDS_FEATURE = 4, /**< bits of @c mask set only with @c feature */
    VMBP_MSG_CHECK_RULE = 5           /**< a rule over several fields; see @c allowed */
};

/**
 * @brief One check a decoder makes on a field: what it allows, the status of a rejection
 * and the spec rule behind it.
 *
 * vmbp_msg_checks() gives the checks of a variant in the order the decoder makes them (the
 * first that fails decides the status); a field's rule IDs and allowed values are those of
 * the checks that name it. Generated from gen/msg.toml with the decoders, so the two cannot
 * disagree.
 */
struct vmbp_msg_check {
    const char *field;   /**< the field, as the variant's field table names it */
    const char *rule;    /**< the spec rule, e.g. "VMBP-MSG-009" */
    const char *allowed; /**< what the field may hold, in words, e.g. "1..2047" */
    const char *when;    /**< the condition under which the check applies, or NULL */
    uint16_t status;     /**< `enum vmbp_status` of a rejection */
    uint8_t kind;        /**< `enum vmbp_msg_check_kind` */
    uint8_t field_index; /**< index of the field in the variant's (or overlay's) field table */
    uint32_t feature;    /**< NEEDS_FEATURE: the `VMBP_FEATURE_*` the bits need */
    uint64_t min;        /**< RANGE: smallest allowed value */
    uint64_t max;        /**< RANGE: largest allowed value */
    uint64_t mask;       /**< ZERO, NEEDS_FEATURE: the bits concerned */
    uint64_t values[4];  /**< ONE_OF: the allowed values, @c nvalues of them */
    uint8_t nvalues;     /**< ONE_OF: number of @c values */
};

/**
 * @brief Why a message (or an offer overlay) was rejected, down to the field: filled by
 * vmbp_msg_validate_fault() and vmbp_msg_offer_overlay_fault() from the decoder's own checks.
 *
 * For a field check: @c check and @c field name the field as the tables do, @c offset and
 * @c size say where its bytes are, @c value is what the decoder read (masked with the field's
 * mask), and @c rule and `check->allowed` what rejected it. For the framing and gating steps
 * (VMBP-MSG-002 (1) to (5)) @c check is NULL and @c rule is the step's: a wrong type,
 * direction, state or version names the header's `msgtype` with the type as @c value; a wrong
 * length names no field and has the length as @c value.
 */
struct vmbp_msg_fault {
    enum vmbp_status status;            /**< the status the call returned */
    enum vmbp_msg_variant variant;      /**< the variant selected; VMBP_MSGV_NONE before */
    const struct vmbp_msg_check *check; /**< the failed check; NULL for framing and gating */
    const struct vmbp_msg_field *field; /**< the field concerned, or NULL */
    const char *rule;                   /**< the rule that rejects it, e.g. "VMBP-MSG-009" */
    uint32_t offset;                    /**< byte offset of the value in the message */
    uint32_t size;                      /**< bytes of the value (0: a length, a missing word) */
    uint64_t value;                     /**< the rejected value (integers; byte arrays: 0) */
    uint32_t index;                     /**< element of a list field (GPADL words) at fault */
    uint32_t check_id;                  /**< internal: the check's index in the library */
};

/** @cond VMBP_INTERNAL */
/* check_id of a fault no field check caused */
#define VMBP_PRIV_MSG_NO_CHECK 0xFFFFFFFFu

/* A field check failed: note which (when the caller asked) and return its status. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_fail(struct vmbp_msg_fault *fault,
                                                                enum vmbp_status st,
                                                                uint32_t check_id,
                                                                uint64_t value, uint32_t index)
{
    if (fault) {
        fault->check_id = check_id;
        fault->value = value;
        fault->index = index;
    }
    return st;
}

/* Whether n bytes are all zero. */
VMBP_INLINE bool vmbp_priv_msg_zero(const uint8_t *p, size_t n)
{
    size_t i;
    uint8_t acc = 0;

    for (i = 0; i < n; i++)
        acc = (uint8_t)(acc | p[i]);
    return acc == 0;
}

/* Start an encoding: the variant must belong to `type`; reports the size on NOSPACE;
 * zeroes the output and writes the header. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_encode_begin(uint32_t type,
                                                                        enum vmbp_msg_variant v,
                                                                        size_t size, void *buf,
                                                                        size_t cap, size_t *len)
{
    if (!len)
        return VMBP_E_INVAL;
    if (vmbp_msg_variant_type(v) != type || size > VMBP_SYNIC_MESSAGE_PAYLOAD_MAX)
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

/* @generated begin select: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/** @cond VMBP_INTERNAL */
/* The form INITIATE_CONTACT takes for the version and features it requests. */
VMBP_INLINE enum vmbp_msg_variant vmbp_priv_msg_initiate_contact_form(uint32_t version,
                                                                      uint32_t features)
{
    if (version >= (uint32_t)VMBP_VERSION_6_0) {
        if ((features & ((uint32_t)VMBP_FEATURE_CLIENT_ID)) != 0)
            return VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID;
        return VMBP_MSGV_INITIATE_CONTACT_FEATURES;
    }
    if (version >= (uint32_t)VMBP_VERSION_5_0)
        return VMBP_MSGV_INITIATE_CONTACT_SINT;
    return VMBP_MSGV_INITIATE_CONTACT_IPAGE;
}

/* OFFER_CHANNEL: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_offer_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                   enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version >= (uint32_t)VMBP_VERSION_1_1) {
        if (len < 196u)
            return VMBP_E_TRUNCATED;
        *variant = VMBP_MSGV_OFFER_CHANNEL;
        return VMBP_OK;
    }
    if (len < 190u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_OFFER_CHANNEL_V1;
    return VMBP_OK;
}

/* RESCIND_CHANNEL_OFFER: the version and features it needs whatever its variant (VMBP-MSG-007),
 * then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_rescind_channel_offer(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 12u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_RESCIND_CHANNEL_OFFER;
    return VMBP_OK;
}

/* REQUEST_OFFERS: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_request_offers(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)len;
    (void)ctx;
    *variant = VMBP_MSGV_REQUEST_OFFERS;
    return VMBP_OK;
}

/* ALL_OFFERS_DELIVERED: the version and features it needs whatever its variant (VMBP-MSG-007),
 * then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_all_offers_delivered(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)len;
    (void)ctx;
    *variant = VMBP_MSGV_ALL_OFFERS_DELIVERED;
    return VMBP_OK;
}

/* OPEN_CHANNEL: the version and features it needs whatever its variant (VMBP-MSG-007), then its
 * variant by version, features and length (VMBP-MSG-007, -003), after vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_open_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version >= (uint32_t)VMBP_VERSION_6_0 &&
        (ctx->features & (VMBP_FEATURES_OPEN_SIGNAL)) != 0) {
        if (len < 156u)
            return VMBP_E_TRUNCATED;
        *variant = VMBP_MSGV_OPEN_CHANNEL_SIGNAL;
        return VMBP_OK;
    }
    if (len < 148u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_OPEN_CHANNEL;
    return VMBP_OK;
}

/* OPEN_CHANNEL_RESULT: the version and features it needs whatever its variant (VMBP-MSG-007),
 * then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_open_channel_result(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 20u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_OPEN_CHANNEL_RESULT;
    return VMBP_OK;
}

/* CLOSE_CHANNEL: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_close_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                   enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 12u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_CLOSE_CHANNEL;
    return VMBP_OK;
}

/* GPADL_HEADER: the version and features it needs whatever its variant (VMBP-MSG-007), then its
 * variant by version, features and length (VMBP-MSG-007, -003), after vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_gpadl_header(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 20u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_GPADL_HEADER;
    return VMBP_OK;
}

/* GPADL_BODY: the version and features it needs whatever its variant (VMBP-MSG-007), then its
 * variant by version, features and length (VMBP-MSG-007, -003), after vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_gpadl_body(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 16u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_GPADL_BODY;
    return VMBP_OK;
}

/* GPADL_CREATED: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_gpadl_created(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                   enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 20u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_GPADL_CREATED;
    return VMBP_OK;
}

/* GPADL_TEARDOWN: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_gpadl_teardown(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 16u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_GPADL_TEARDOWN;
    return VMBP_OK;
}

/* GPADL_TORNDOWN: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_gpadl_torndown(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 12u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_GPADL_TORNDOWN;
    return VMBP_OK;
}

/* RELID_RELEASED: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_relid_released(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 12u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_RELID_RELEASED;
    return VMBP_OK;
}

/* INITIATE_CONTACT: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by content (VMBP-MSG-007, -003), after vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_initiate_contact(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                      enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v;

    (void)ctx;
    if (len < 40u) /* every form is this long: the fields read next are there */
        return VMBP_E_TRUNCATED;
    v = vmbp_priv_msg_initiate_contact_form(vmbp_load_le32(p + 8u), vmbp_load_le32(p + 20u));
    if (v == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID && len < 56u)
        return VMBP_E_TRUNCATED;
    *variant = v;
    return VMBP_OK;
}

/* VERSION_RESPONSE: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_version_response(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                      enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len >= 40u) {
        *variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
        return VMBP_OK;
    }
    if (len >= 20u) {
        *variant = VMBP_MSGV_VERSION_RESPONSE_FEATURES;
        return VMBP_OK;
    }
    if (len < 16u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_VERSION_RESPONSE;
    return VMBP_OK;
}

/* UNLOAD: the version and features it needs whatever its variant (VMBP-MSG-007), then its
 * variant by version, features and length (VMBP-MSG-007, -003), after vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_unload(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                            enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)len;
    (void)ctx;
    *variant = VMBP_MSGV_UNLOAD;
    return VMBP_OK;
}

/* UNLOAD_COMPLETE: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_unload_complete(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                     enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)len;
    if (ctx->version < (uint32_t)VMBP_VERSION_1_1)
        return VMBP_E_VERSION;
    *variant = VMBP_MSGV_UNLOAD_COMPLETE;
    return VMBP_OK;
}

/* OPEN_RESERVED_CHANNEL: the version and features it needs whatever its variant (VMBP-MSG-007),
 * then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_open_reserved_channel(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version < (uint32_t)VMBP_VERSION_4_0)
        return VMBP_E_VERSION;
    if (len < 28u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_OPEN_RESERVED_CHANNEL;
    return VMBP_OK;
}

/* CLOSE_RESERVED_CHANNEL: the version and features it needs whatever its variant
 * (VMBP-MSG-007), then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_close_reserved_channel(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)ctx;
    if (len < 20u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_CLOSE_RESERVED_CHANNEL;
    return VMBP_OK;
}

/* CLOSE_RESERVED_RESPONSE: the version and features it needs whatever its variant
 * (VMBP-MSG-007), then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_close_reserved_response(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version < (uint32_t)VMBP_VERSION_4_0)
        return VMBP_E_VERSION;
    if (len < 12u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_CLOSE_RESERVED_RESPONSE;
    return VMBP_OK;
}

/* TL_CONNECT_REQUEST: the version and features it needs whatever its variant (VMBP-MSG-007),
 * then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_tl_connect_request(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version < (uint32_t)VMBP_VERSION_4_0)
        return VMBP_E_VERSION;
    if (ctx->version >= (uint32_t)VMBP_VERSION_5_2 && len >= 56u) {
        *variant = VMBP_MSGV_TL_CONNECT_REQUEST_SILO;
        return VMBP_OK;
    }
    if (len < 40u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_TL_CONNECT_REQUEST;
    return VMBP_OK;
}

/* MODIFY_CHANNEL: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_modify_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version < (uint32_t)VMBP_VERSION_4_1)
        return VMBP_E_VERSION;
    if (len < 16u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_MODIFY_CHANNEL;
    return VMBP_OK;
}

/* TL_CONNECT_RESULT: the version and features it needs whatever its variant (VMBP-MSG-007),
 * then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_tl_connect_result(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                       enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version < (uint32_t)VMBP_VERSION_4_1)
        return VMBP_E_VERSION;
    if (len < 44u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_TL_CONNECT_RESULT;
    return VMBP_OK;
}

/* MODIFY_CHANNEL_RESPONSE: the version and features it needs whatever its variant
 * (VMBP-MSG-007), then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_modify_channel_response(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version < (uint32_t)VMBP_VERSION_5_3)
        return VMBP_E_VERSION;
    if (len < 16u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_MODIFY_CHANNEL_RESPONSE;
    return VMBP_OK;
}

/* MODIFY_CONNECTION: the version and features it needs whatever its variant (VMBP-MSG-007),
 * then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_modify_connection(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                       enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version < (uint32_t)VMBP_VERSION_6_0)
        return VMBP_E_VERSION;
    if ((ctx->features & ((uint32_t)VMBP_FEATURE_MODIFY_CONNECTION)) == 0)
        return VMBP_E_FEATURE;
    if (len < 24u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_MODIFY_CONNECTION;
    return VMBP_OK;
}

/* MODIFY_CONNECTION_RESPONSE: the version and features it needs whatever its variant
 * (VMBP-MSG-007), then its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_select_modify_connection_response(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    (void)p;
    if (ctx->version < (uint32_t)VMBP_VERSION_6_0)
        return VMBP_E_VERSION;
    if ((ctx->features & ((uint32_t)VMBP_FEATURE_MODIFY_CONNECTION)) == 0)
        return VMBP_E_FEATURE;
    if (len < 9u)
        return VMBP_E_TRUNCATED;
    *variant = VMBP_MSGV_MODIFY_CONNECTION_RESPONSE;
    return VMBP_OK;
}

/* PAUSE: the version and features it needs whatever its variant (VMBP-MSG-007), then its
 * variant by version, features and length (VMBP-MSG-007, -003), after vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_pause(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                           enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)len;
    if (ctx->version < (uint32_t)VMBP_VERSION_6_0)
        return VMBP_E_VERSION;
    if ((ctx->features & ((uint32_t)VMBP_FEATURE_PAUSE_RESUME)) == 0)
        return VMBP_E_FEATURE;
    *variant = VMBP_MSGV_PAUSE;
    return VMBP_OK;
}

/* PAUSE_RESPONSE: the version and features it needs whatever its variant (VMBP-MSG-007), then
 * its variant by version, features and length (VMBP-MSG-007, -003), after
 * vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_pause_response(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)len;
    if (ctx->version < (uint32_t)VMBP_VERSION_6_0)
        return VMBP_E_VERSION;
    if ((ctx->features & ((uint32_t)VMBP_FEATURE_PAUSE_RESUME)) == 0)
        return VMBP_E_FEATURE;
    *variant = VMBP_MSGV_PAUSE_RESPONSE;
    return VMBP_OK;
}

/* RESUME: the version and features it needs whatever its variant (VMBP-MSG-007), then its
 * variant by version, features and length (VMBP-MSG-007, -003), after vmbp_priv_msg_frame(). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_resume(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                            enum vmbp_msg_variant *variant)
{
    (void)p;
    (void)len;
    if (ctx->version < (uint32_t)VMBP_VERSION_6_0)
        return VMBP_E_VERSION;
    if ((ctx->features & ((uint32_t)VMBP_FEATURE_PAUSE_RESUME)) == 0)
        return VMBP_E_FEATURE;
    *variant = VMBP_MSGV_RESUME;
    return VMBP_OK;
}

/* The variant of a framed message of a known type. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_select_type(uint32_t type, const uint8_t *p, size_t len,
                          const struct vmbp_ctx *ctx, enum vmbp_msg_variant *variant)
{
    switch (type) {
    case VMBP_MSG_OFFER_CHANNEL:
        return vmbp_priv_msg_select_offer_channel(p, len, ctx, variant);
    case VMBP_MSG_RESCIND_CHANNEL_OFFER:
        return vmbp_priv_msg_select_rescind_channel_offer(p, len, ctx, variant);
    case VMBP_MSG_REQUEST_OFFERS:
        return vmbp_priv_msg_select_request_offers(p, len, ctx, variant);
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
        return vmbp_priv_msg_select_all_offers_delivered(p, len, ctx, variant);
    case VMBP_MSG_OPEN_CHANNEL:
        return vmbp_priv_msg_select_open_channel(p, len, ctx, variant);
    case VMBP_MSG_OPEN_CHANNEL_RESULT:
        return vmbp_priv_msg_select_open_channel_result(p, len, ctx, variant);
    case VMBP_MSG_CLOSE_CHANNEL:
        return vmbp_priv_msg_select_close_channel(p, len, ctx, variant);
    case VMBP_MSG_GPADL_HEADER:
        return vmbp_priv_msg_select_gpadl_header(p, len, ctx, variant);
    case VMBP_MSG_GPADL_BODY:
        return vmbp_priv_msg_select_gpadl_body(p, len, ctx, variant);
    case VMBP_MSG_GPADL_CREATED:
        return vmbp_priv_msg_select_gpadl_created(p, len, ctx, variant);
    case VMBP_MSG_GPADL_TEARDOWN:
        return vmbp_priv_msg_select_gpadl_teardown(p, len, ctx, variant);
    case VMBP_MSG_GPADL_TORNDOWN:
        return vmbp_priv_msg_select_gpadl_torndown(p, len, ctx, variant);
    case VMBP_MSG_RELID_RELEASED:
        return vmbp_priv_msg_select_relid_released(p, len, ctx, variant);
    case VMBP_MSG_INITIATE_CONTACT:
        return vmbp_priv_msg_select_initiate_contact(p, len, ctx, variant);
    case VMBP_MSG_VERSION_RESPONSE:
        return vmbp_priv_msg_select_version_response(p, len, ctx, variant);
    case VMBP_MSG_UNLOAD:
        return vmbp_priv_msg_select_unload(p, len, ctx, variant);
    case VMBP_MSG_UNLOAD_COMPLETE:
        return vmbp_priv_msg_select_unload_complete(p, len, ctx, variant);
    case VMBP_MSG_OPEN_RESERVED_CHANNEL:
        return vmbp_priv_msg_select_open_reserved_channel(p, len, ctx, variant);
    case VMBP_MSG_CLOSE_RESERVED_CHANNEL:
        return vmbp_priv_msg_select_close_reserved_channel(p, len, ctx, variant);
    case VMBP_MSG_CLOSE_RESERVED_RESPONSE:
        return vmbp_priv_msg_select_close_reserved_response(p, len, ctx, variant);
    case VMBP_MSG_TL_CONNECT_REQUEST:
        return vmbp_priv_msg_select_tl_connect_request(p, len, ctx, variant);
    case VMBP_MSG_MODIFY_CHANNEL:
        return vmbp_priv_msg_select_modify_channel(p, len, ctx, variant);
    case VMBP_MSG_TL_CONNECT_RESULT:
        return vmbp_priv_msg_select_tl_connect_result(p, len, ctx, variant);
    case VMBP_MSG_MODIFY_CHANNEL_RESPONSE:
        return vmbp_priv_msg_select_modify_channel_response(p, len, ctx, variant);
    case VMBP_MSG_MODIFY_CONNECTION:
        return vmbp_priv_msg_select_modify_connection(p, len, ctx, variant);
    case VMBP_MSG_MODIFY_CONNECTION_RESPONSE:
        return vmbp_priv_msg_select_modify_connection_response(p, len, ctx, variant);
    case VMBP_MSG_PAUSE:
        return vmbp_priv_msg_select_pause(p, len, ctx, variant);
    case VMBP_MSG_PAUSE_RESPONSE:
        return vmbp_priv_msg_select_pause_response(p, len, ctx, variant);
    case VMBP_MSG_RESUME:
    default: /* vmbp_priv_msg_frame() admits the known types only */
        return vmbp_priv_msg_select_resume(p, len, ctx, variant);
    }
}
/** @endcond */
/* @generated end select */

/** @cond VMBP_INTERNAL */
/* Every known type, as bits. */
#define VMBP_PRIV_MSG_ALL_TYPES                                                                \
    (VMBP_PRIV_MSG_GUEST_TO_HOST_TYPES | VMBP_PRIV_MSG_HOST_TO_GUEST_TYPES)

/* The status of a message vmbp_priv_msg_frame() refuses after its length: the first of
 * type, direction and negotiation state that fails, in the order of VMBP-MSG-002. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_frame_refusal(uint32_t t, uint32_t accept, uint32_t senders)
{
    if (t > 31u || ((accept >> t) & 1u) == 0)
        return VMBP_E_UNKNOWN_TYPE;
    if (((senders >> t) & 1u) == 0)
        return VMBP_E_DIRECTION;
    return VMBP_E_NOT_NEGOTIATED;
}

/* The framing steps of VMBP-MSG-002, in order, common to every type: arguments, length,
 * type, direction and negotiation state. The version and features the type needs come next,
 * first thing in its selection (vmbp_priv_msg_select_<type>()), where they are constants.
 * The type must be `expect`, or with `expect` 0 one of the types in the mask `accept`
 * (bit n: type n). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_frame(const void *buf, size_t len, const struct vmbp_ctx *ctx, enum vmbp_dir dir,
                    uint32_t expect, uint32_t accept, uint32_t *type)
{
    uint32_t t, valid, senders = 0;
    int all;

    if (!buf || !ctx || (unsigned)dir < 1u || (unsigned)dir > 3u)
        return VMBP_E_INVAL;
    if (ctx->version != 0 && !vmbp_version_is_known(ctx->version))
        return VMBP_E_INVAL;
    /* 8..240 bytes, one comparison */
    if (len - VMBP_MSG_HEADER_SIZE > VMBP_SYNIC_MESSAGE_PAYLOAD_MAX - VMBP_MSG_HEADER_SIZE)
        return len < VMBP_MSG_HEADER_SIZE ? VMBP_E_TRUNCATED : VMBP_E_TOO_LONG;
    t = vmbp_load_le32(buf);
    if (((unsigned)dir & (unsigned)VMBP_DIR_GUEST_TO_HOST) != 0)
        senders |= VMBP_PRIV_MSG_GUEST_TO_HOST_TYPES;
    if (((unsigned)dir & (unsigned)VMBP_DIR_HOST_TO_GUEST) != 0)
        senders |= VMBP_PRIV_MSG_HOST_TO_GUEST_TYPES;
    /* the types valid in the negotiation state, as a mask rather than a branch on the
     * version (which the compiler would copy each type's decoding into) */
    valid = senders & (ctx->version != 0 ? 0xFFFFFFFFu : VMBP_PRIV_MSG_ANY_STATE_TYPES);
    /* every type accepted, from both senders, after negotiation (vmbp_msg_decode() of a
     * VSC or VSP)? */
    all = expect == 0 && (accept & valid) == VMBP_PRIV_MSG_ALL_TYPES;
    if (expect != 0)
        accept = (uint32_t)1u << (expect & 31u);
    /* a known type the caller accepts, from a sender it accepts, valid in the negotiation
     * state: one bit test, or for all one range test that the dispatch's switch shares; the
     * refusal says which step failed */
    if (all ? t - 1u >= (uint32_t)VMBP_MSG_TYPE_MAX
            : t > 31u || (expect != 0 && t != expect) || (((accept & valid) >> t) & 1u) == 0)
        return vmbp_priv_msg_frame_refusal(t, accept, senders);
    *type = t;
    return VMBP_OK;
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
    uint32_t type = 0;
    enum vmbp_status st;

    if (!variant)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_frame(buf, len, ctx, dir, 0, VMBP_PRIV_MSG_ALL_TYPES, &type);
    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_select_type(type, (const uint8_t *)buf, len, ctx, variant);
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_H */
