/* SPDX-License-Identifier: MIT */
/**
 * @file msg_dispatch.h
 * @brief Any channel message: vmbp_msg_validate(), vmbp_msg_decode() into a tagged union,
 * vmbp_msg_encode() from it; the field and check tables of any variant, and the fault
 * report that names the field a rejection is about.
 *
 * This header sits on top of the message families (include order: msg.h, then
 * msg_connect.h, msg_offer.h, msg_channel.h, msg_gpadl.h, msg_hvsock.h, then this one), so
 * no family header depends on another family or on the dispatcher. Its requirements are
 * part of spec/msg.md; the union, the dispatch and the tables are generated from
 * gen/msg.toml (the block marked "generated").
 */
#ifndef VMBP_MSG_DISPATCH_H
#define VMBP_MSG_DISPATCH_H

#include "bits.h"
#include "endian.h"
#include "features.h"
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
 *  @brief Validate, decode and encode any channel message; field and check tables of any
 *  variant; the fault report.
 *  @{
 */

#if defined(__cplusplus)
extern "C" {
#endif

/* @generated begin dispatch: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/**
 * @brief The decoded form of every message type; which member is valid follows @c type.
 */
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
    struct vmbp_modify_connection_response
        modify_connection_response; /**< MODIFY_CONNECTION_RESPONSE */
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

/**
 * @brief The decoder of every type: `X(type, decode, encode, decoded struct tag, member of
 * union vmbp_msg_body, "family")`, in type order, for code that handles every type (the
 * benchmarks, the fuzz targets, the proof). The header-only types have a decoder each
 * (vmbp_msg_empty_decode() takes any of them) and share vmbp_msg_empty_encode().
 */
#define VMBP_MSG_CODEC_LIST(X)                                                                 \
    X(VMBP_MSG_OFFER_CHANNEL, vmbp_msg_offer_decode, vmbp_msg_offer_encode, vmbp_offer, offer, \
      "offer")                                                                                 \
    X(VMBP_MSG_RESCIND_CHANNEL_OFFER, vmbp_msg_rescind_decode, vmbp_msg_rescind_encode,        \
      vmbp_rescind, rescind, "offer")                                                          \
    X(VMBP_MSG_REQUEST_OFFERS, vmbp_msg_request_offers_decode, vmbp_msg_empty_encode,          \
      vmbp_msg_empty, empty, "connect")                                                        \
    X(VMBP_MSG_ALL_OFFERS_DELIVERED, vmbp_msg_all_offers_delivered_decode,                     \
      vmbp_msg_empty_encode, vmbp_msg_empty, empty, "connect")                                 \
    X(VMBP_MSG_OPEN_CHANNEL, vmbp_msg_open_channel_decode, vmbp_msg_open_channel_encode,       \
      vmbp_open_channel, open_channel, "channel")                                              \
    X(VMBP_MSG_OPEN_CHANNEL_RESULT, vmbp_msg_open_result_decode, vmbp_msg_open_result_encode,  \
      vmbp_open_result, open_result, "channel")                                                \
    X(VMBP_MSG_CLOSE_CHANNEL, vmbp_msg_close_channel_decode, vmbp_msg_close_channel_encode,    \
      vmbp_close_channel, close_channel, "channel")                                            \
    X(VMBP_MSG_GPADL_HEADER, vmbp_msg_gpadl_header_decode, vmbp_msg_gpadl_header_encode,       \
      vmbp_gpadl_header, gpadl_header, "gpadl")                                                \
    X(VMBP_MSG_GPADL_BODY, vmbp_msg_gpadl_body_decode, vmbp_msg_gpadl_body_encode,             \
      vmbp_gpadl_body, gpadl_body, "gpadl")                                                    \
    X(VMBP_MSG_GPADL_CREATED, vmbp_msg_gpadl_created_decode, vmbp_msg_gpadl_created_encode,    \
      vmbp_gpadl_created, gpadl_created, "gpadl")                                              \
    X(VMBP_MSG_GPADL_TEARDOWN, vmbp_msg_gpadl_teardown_decode, vmbp_msg_gpadl_teardown_encode, \
      vmbp_gpadl_teardown, gpadl_teardown, "gpadl")                                            \
    X(VMBP_MSG_GPADL_TORNDOWN, vmbp_msg_gpadl_torndown_decode, vmbp_msg_gpadl_torndown_encode, \
      vmbp_gpadl_torndown, gpadl_torndown, "gpadl")                                            \
    X(VMBP_MSG_RELID_RELEASED, vmbp_msg_relid_released_decode, vmbp_msg_relid_released_encode, \
      vmbp_relid_released, relid_released, "offer")                                            \
    X(VMBP_MSG_INITIATE_CONTACT, vmbp_msg_initiate_contact_decode,                             \
      vmbp_msg_initiate_contact_encode, vmbp_initiate_contact, initiate_contact, "connect")    \
    X(VMBP_MSG_VERSION_RESPONSE, vmbp_msg_version_response_decode,                             \
      vmbp_msg_version_response_encode, vmbp_version_response, version_response, "connect")    \
    X(VMBP_MSG_UNLOAD, vmbp_msg_unload_decode, vmbp_msg_empty_encode, vmbp_msg_empty, empty,   \
      "connect")                                                                               \
    X(VMBP_MSG_UNLOAD_COMPLETE, vmbp_msg_unload_complete_decode, vmbp_msg_empty_encode,        \
      vmbp_msg_empty, empty, "connect")                                                        \
    X(VMBP_MSG_OPEN_RESERVED_CHANNEL, vmbp_msg_open_reserved_channel_decode,                   \
      vmbp_msg_open_reserved_channel_encode, vmbp_open_reserved_channel,                       \
      open_reserved_channel, "channel")                                                        \
    X(VMBP_MSG_CLOSE_RESERVED_CHANNEL, vmbp_msg_close_reserved_channel_decode,                 \
      vmbp_msg_close_reserved_channel_encode, vmbp_close_reserved_channel,                     \
      close_reserved_channel, "channel")                                                       \
    X(VMBP_MSG_CLOSE_RESERVED_RESPONSE, vmbp_msg_close_reserved_response_decode,               \
      vmbp_msg_close_reserved_response_encode, vmbp_close_reserved_response,                   \
      close_reserved_response, "channel")                                                      \
    X(VMBP_MSG_TL_CONNECT_REQUEST, vmbp_msg_tl_connect_request_decode,                         \
      vmbp_msg_tl_connect_request_encode, vmbp_tl_connect_request, tl_connect_request,         \
      "hvsock")                                                                                \
    X(VMBP_MSG_MODIFY_CHANNEL, vmbp_msg_modify_channel_decode, vmbp_msg_modify_channel_encode, \
      vmbp_modify_channel, modify_channel, "channel")                                          \
    X(VMBP_MSG_TL_CONNECT_RESULT, vmbp_msg_tl_connect_result_decode,                           \
      vmbp_msg_tl_connect_result_encode, vmbp_tl_connect_result, tl_connect_result, "hvsock")  \
    X(VMBP_MSG_MODIFY_CHANNEL_RESPONSE, vmbp_msg_modify_channel_response_decode,               \
      vmbp_msg_modify_channel_response_encode, vmbp_modify_channel_response,                   \
      modify_channel_response, "channel")                                                      \
    X(VMBP_MSG_MODIFY_CONNECTION, vmbp_msg_modify_connection_decode,                           \
      vmbp_msg_modify_connection_encode, vmbp_modify_connection, modify_connection, "connect") \
    X(VMBP_MSG_MODIFY_CONNECTION_RESPONSE, vmbp_msg_modify_connection_response_decode,         \
      vmbp_msg_modify_connection_response_encode, vmbp_modify_connection_response,             \
      modify_connection_response, "connect")                                                   \
    X(VMBP_MSG_PAUSE, vmbp_msg_pause_decode, vmbp_msg_empty_encode, vmbp_msg_empty, empty,     \
      "connect")                                                                               \
    X(VMBP_MSG_PAUSE_RESPONSE, vmbp_msg_pause_response_decode, vmbp_msg_empty_encode,          \
      vmbp_msg_empty, empty, "connect")                                                        \
    X(VMBP_MSG_RESUME, vmbp_msg_resume_decode, vmbp_msg_empty_encode, vmbp_msg_empty, empty,   \
      "connect")

/** @brief The user-data overlays of an offer (vmbp_msg_offer_overlay_fault()). */
enum vmbp_msg_overlay {
    VMBP_MSG_OVERLAY_PIPE = 1,   /**< vmbp_msg_offer_pipe_get() */
    VMBP_MSG_OVERLAY_HVSOCK = 2, /**< vmbp_msg_offer_hvsock_get() */
    /** One past the last overlay. */
    VMBP_MSG_OVERLAY_COUNT = 3
};

/** @cond VMBP_INTERNAL */
/* Every check of every variant and overlay, in decoder order; a variant's are a slice */
static const struct vmbp_msg_check vmbp_priv_msg_checks[] = {
    /* OFFER_CHANNEL */
    {"flags",
     "VMBP-FEAT-003",
     "CONFIDENTIAL_RING_BUFFER (0x2) and CONFIDENTIAL_EXTERNAL_MEMORY (0x4) only with "
     "CONFIDENTIAL_CHANNELS negotiated",
     NULL,
     (uint16_t)VMBP_E_CONFIDENTIAL,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     5u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"flags",
     "VMBP-FEAT-004",
     "CONFIDENTIAL_EXTERNAL_MEMORY (0x4) only with CONFIDENTIAL_RING_BUFFER (0x2)",
     NULL,
     (uint16_t)VMBP_E_CONFIDENTIAL_EXT,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     5u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"flags",
     "VMBP-FEAT-005",
     "REQUIRE_PINNED_EXTERNAL_MEMORY (0x8) only with GPA_PINNING negotiated",
     NULL,
     (uint16_t)VMBP_E_FEATURE,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     5u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"rsvdz2",
     "VMBP-OFFER-003",
     "0",
     NULL,
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     13u,
     0u,
     0u,
     0u,
     0xFEu,
     {0u, 0u, 0u, 0u},
     0u},
    {"rsvdz3",
     "VMBP-OFFER-003",
     "0",
     NULL,
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     15u,
     0u,
     0u,
     0u,
     0xFFFEu,
     {0u, 0u, 0u, 0u},
     0u},
    {"child_relid",
     "VMBP-OFFER-004",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     10u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"monitor_id",
     "VMBP-OFFER-004",
     "0..127 when monitor_allocated",
     "monitor_allocated has 0x1",
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     11u,
     0u,
     0u,
     0x7Fu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"connection_id",
     "VMBP-OFFER-004",
     "0..0xFFFFFF (24 bits)",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     16u,
     0u,
     0u,
     0xFFFFFFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* OFFER_CHANNEL_V1 */
    {"flags",
     "VMBP-FEAT-003",
     "CONFIDENTIAL_RING_BUFFER (0x2) and CONFIDENTIAL_EXTERNAL_MEMORY (0x4) only with "
     "CONFIDENTIAL_CHANNELS negotiated",
     NULL,
     (uint16_t)VMBP_E_CONFIDENTIAL,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     5u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"flags",
     "VMBP-FEAT-004",
     "CONFIDENTIAL_EXTERNAL_MEMORY (0x4) only with CONFIDENTIAL_RING_BUFFER (0x2)",
     NULL,
     (uint16_t)VMBP_E_CONFIDENTIAL_EXT,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     5u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"flags",
     "VMBP-FEAT-005",
     "REQUIRE_PINNED_EXTERNAL_MEMORY (0x8) only with GPA_PINNING negotiated",
     NULL,
     (uint16_t)VMBP_E_FEATURE,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     5u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"rsvdz2",
     "VMBP-OFFER-003",
     "0",
     NULL,
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     13u,
     0u,
     0u,
     0u,
     0xFEu,
     {0u, 0u, 0u, 0u},
     0u},
    {"child_relid",
     "VMBP-OFFER-004",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     10u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"monitor_id",
     "VMBP-OFFER-004",
     "0..127 when monitor_allocated",
     "monitor_allocated has 0x1",
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     11u,
     0u,
     0u,
     0x7Fu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* RESCIND_CHANNEL_OFFER */
    {"child_relid",
     "VMBP-OFFER-006",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* REQUEST_OFFERS */
    /* ALL_OFFERS_DELIVERED */
    /* OPEN_CHANNEL_SIGNAL */
    {"connection_id",
     "VMBP-CHAN-002",
     "0 unless GUEST_SPECIFIED_SIGNAL_PARAMETERS is negotiated",
     NULL,
     (uint16_t)VMBP_E_FEATURE,
     (uint8_t)VMBP_MSG_CHECK_NEEDS_FEATURE,
     8u,
     (uint32_t)VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS,
     0u,
     0u,
     0xFFFFFFFFu,
     {0u, 0u, 0u, 0u},
     0u},
    {"event_flag",
     "VMBP-CHAN-002",
     "0 unless GUEST_SPECIFIED_SIGNAL_PARAMETERS is negotiated",
     NULL,
     (uint16_t)VMBP_E_FEATURE,
     (uint8_t)VMBP_MSG_CHECK_NEEDS_FEATURE,
     9u,
     (uint32_t)VMBP_FEATURE_GUEST_SPECIFIED_SIGNAL_PARAMETERS,
     0u,
     0u,
     0xFFFFu,
     {0u, 0u, 0u, 0u},
     0u},
    {"flags",
     "VMBP-CHAN-002",
     "REDIRECT_INTERRUPT (bit 0) only with CHANNEL_INTERRUPT_REDIRECTION negotiated",
     NULL,
     (uint16_t)VMBP_E_FEATURE,
     (uint8_t)VMBP_MSG_CHECK_NEEDS_FEATURE,
     10u,
     (uint32_t)VMBP_FEATURE_CHANNEL_INTERRUPT_REDIRECTION,
     0u,
     0u,
     1u,
     {0u, 0u, 0u, 0u},
     0u},
    {"rsvdz1",
     "VMBP-CHAN-002",
     "0",
     NULL,
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     11u,
     0u,
     0u,
     0u,
     0xFFFEu,
     {0u, 0u, 0u, 0u},
     0u},
    {"child_relid",
     "VMBP-CHAN-003",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"downstream_ring_buffer_page_offset",
     "VMBP-CHAN-003",
     "non-zero",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     6u,
     0u,
     1u,
     0xFFFFFFFFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"event_flag",
     "VMBP-CHAN-003",
     "0..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     9u,
     0u,
     0u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"connection_id",
     "VMBP-CHAN-003",
     "0..0xFFFFFF (24 bits)",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     8u,
     0u,
     0u,
     0xFFFFFFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* OPEN_CHANNEL */
    {"child_relid",
     "VMBP-CHAN-003",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"downstream_ring_buffer_page_offset",
     "VMBP-CHAN-003",
     "non-zero",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     6u,
     0u,
     1u,
     0xFFFFFFFFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* OPEN_CHANNEL_RESULT */
    {"child_relid",
     "VMBP-CHAN-006",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* CLOSE_CHANNEL */
    {"child_relid",
     "VMBP-CHAN-006",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* GPADL_HEADER */
    {"child_relid",
     "VMBP-MSG-009",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"rangecount",
     "VMBP-GPADL-002",
     "at least 1 range",
     NULL,
     (uint16_t)VMBP_E_GPADL_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     5u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"range_buflen",
     "VMBP-GPADL-002",
     "a multiple of 8, at least 16 per range",
     NULL,
     (uint16_t)VMBP_E_LENGTH_FIELD,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     4u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"words",
     "VMBP-GPADL-003",
     "a range header with byte count > 0 and byte offset < 4096",
     NULL,
     (uint16_t)VMBP_E_GPADL_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     6u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"words",
     "VMBP-GPADL-004",
     "each range followed by the PFNs it spans, the ranges filling range_buflen",
     NULL,
     (uint16_t)VMBP_E_LENGTH_FIELD,
     (uint8_t)VMBP_MSG_CHECK_RULE,
     6u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* GPADL_BODY */
    /* GPADL_CREATED */
    {"child_relid",
     "VMBP-GPADL-009",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* GPADL_TEARDOWN */
    {"child_relid",
     "VMBP-GPADL-009",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* GPADL_TORNDOWN */
    /* RELID_RELEASED */
    {"child_relid",
     "VMBP-OFFER-006",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* INITIATE_CONTACT_CLIENT_ID */
    {"rsvdz1",
     "VMBP-CONN-001",
     "0",
     NULL,
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     6u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"target_sint",
     "VMBP-CONN-002",
     "0..15",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     4u,
     0u,
     0u,
     0xFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"target_vtl",
     "VMBP-CONN-002",
     "0..15",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     5u,
     0u,
     0u,
     0xFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* INITIATE_CONTACT_FEATURES */
    {"rsvdz1",
     "VMBP-CONN-001",
     "0",
     NULL,
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     6u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"target_sint",
     "VMBP-CONN-002",
     "0..15",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     4u,
     0u,
     0u,
     0xFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"target_vtl",
     "VMBP-CONN-002",
     "0..15",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     5u,
     0u,
     0u,
     0xFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* INITIATE_CONTACT_SINT */
    {"rsvdz1",
     "VMBP-CONN-001",
     "0",
     NULL,
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     6u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"rsvdz2",
     "VMBP-CONN-001",
     "0 below 6.0",
     NULL,
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     7u,
     0u,
     0u,
     0u,
     0xFFFFFFFFu,
     {0u, 0u, 0u, 0u},
     0u},
    {"target_sint",
     "VMBP-CONN-002",
     "0..15",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     4u,
     0u,
     0u,
     0xFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"target_vtl",
     "VMBP-CONN-002",
     "0..15",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     5u,
     0u,
     0u,
     0xFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* INITIATE_CONTACT_IPAGE */
    /* VERSION_RESPONSE_MONITOR */
    {"child_to_parent_monitor_gpa",
     "VMBP-CONN-004",
     "non-zero",
     "supported_features has 0x40",
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     9u,
     0u,
     1u,
     VMBP_U64(0xFFFFFFFFFFFFFFFF),
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* VERSION_RESPONSE_FEATURES */
    /* VERSION_RESPONSE */
    /* UNLOAD */
    /* UNLOAD_COMPLETE */
    /* OPEN_RESERVED_CHANNEL */
    {"child_relid",
     "VMBP-CHAN-005",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"target_sint",
     "VMBP-CHAN-005",
     "0..15",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     4u,
     0u,
     0u,
     0xFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"downstream_ring_buffer_page_offset",
     "VMBP-CHAN-005",
     "non-zero",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     6u,
     0u,
     1u,
     0xFFFFFFFFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* CLOSE_RESERVED_CHANNEL */
    {"child_relid",
     "VMBP-CHAN-005",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"target_sint",
     "VMBP-CHAN-005",
     "0..15",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     4u,
     0u,
     0u,
     0xFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* CLOSE_RESERVED_RESPONSE */
    {"child_relid",
     "VMBP-CHAN-005",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* TL_CONNECT_REQUEST_SILO */
    /* TL_CONNECT_REQUEST */
    /* MODIFY_CHANNEL */
    {"child_relid",
     "VMBP-MSG-009",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* TL_CONNECT_RESULT */
    /* MODIFY_CHANNEL_RESPONSE */
    {"child_relid",
     "VMBP-MSG-009",
     "1..2047",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     1u,
     0x7FFu,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    /* MODIFY_CONNECTION */
    /* MODIFY_CONNECTION_RESPONSE */
    /* PAUSE */
    /* PAUSE_RESPONSE */
    /* RESUME */
    /* overlay pipe */
    {"pipe_type",
     "VMBP-OFFER-005",
     "0 (byte) or 4 (message)",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_ONE_OF,
     0u,
     0u,
     0u,
     0u,
     0u,
     {0u, 4u, 0u, 0u},
     2u},
    /* overlay hvsock */
    {"rsvdz0",
     "VMBP-HVSOCK-003",
     "0 (with version 1)",
     "version is 1",
     (uint16_t)VMBP_E_RSVD_NONZERO,
     (uint8_t)VMBP_MSG_CHECK_ZERO,
     5u,
     0u,
     0u,
     0u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"pipe_type",
     "VMBP-HVSOCK-003",
     "0 (byte) or 4 (message)",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_ONE_OF,
     0u,
     0u,
     0u,
     0u,
     0u,
     {0u, 4u, 0u, 0u},
     2u},
    {"is_for_guest_accept",
     "VMBP-HVSOCK-003",
     "0 or 1",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     1u,
     0u,
     0u,
     1u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"is_for_guest_container",
     "VMBP-HVSOCK-003",
     "0 or 1",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     2u,
     0u,
     0u,
     1u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
    {"version",
     "VMBP-HVSOCK-003",
     "0 (pre-RS5) or 1 (RS5)",
     NULL,
     (uint16_t)VMBP_E_FIELD_RANGE,
     (uint8_t)VMBP_MSG_CHECK_RANGE,
     3u,
     0u,
     0u,
     1u,
     0u,
     {0u, 0u, 0u, 0u},
     0u},
};

/* The rows of a variant's checks in the order its type's decoder names them, where it
 * decodes several variants and they differ (255: a check the variant does not make). */
static const uint8_t vmbp_priv_msg_rows_offer_channel_v1[] = {0u,   1u, 2u, 3u,
                                                              255u, 4u, 5u, 255u};
static const uint8_t vmbp_priv_msg_rows_open_channel[] = {255u, 255u, 255u, 255u,
                                                          0u,   1u,   255u, 255u};
static const uint8_t vmbp_priv_msg_rows_initiate_contact_client_id[] = {0u, 255u, 1u, 2u};
static const uint8_t vmbp_priv_msg_rows_initiate_contact_features[] = {0u, 255u, 1u, 2u};
static const uint8_t vmbp_priv_msg_rows_initiate_contact_ipage[] = {255u, 255u, 255u, 255u};
static const uint8_t vmbp_priv_msg_rows_version_response_features[] = {255u};
static const uint8_t vmbp_priv_msg_rows_version_response[] = {255u};

/* Where the field and check tables of each variant (index) and overlay are. */
struct vmbp_priv_msg_layout {
    const struct vmbp_msg_field *fields;
    uint16_t nfields;
    uint16_t first_check;
    uint16_t nchecks;
    const uint8_t *rows; /* the decoder's row -> the variant's, NULL: the same */
};
static const struct vmbp_priv_msg_layout vmbp_priv_msg_layouts[] = {
    {NULL, 0, 0, 0, NULL},
    {vmbp_priv_fields_offer_channel, 17, 0, 8, NULL},
    {vmbp_priv_fields_offer_channel_v1, 14, 8, 6, vmbp_priv_msg_rows_offer_channel_v1},
    {vmbp_priv_fields_rescind_channel_offer, 3, 14, 1, NULL},
    {vmbp_priv_fields_request_offers, 2, 15, 0, NULL},
    {vmbp_priv_fields_all_offers_delivered, 2, 15, 0, NULL},
    {vmbp_priv_fields_open_channel_signal, 12, 15, 8, NULL},
    {vmbp_priv_fields_open_channel, 8, 23, 2, vmbp_priv_msg_rows_open_channel},
    {vmbp_priv_fields_open_channel_result, 5, 25, 1, NULL},
    {vmbp_priv_fields_close_channel, 3, 26, 1, NULL},
    {vmbp_priv_fields_gpadl_header, 7, 27, 5, NULL},
    {vmbp_priv_fields_gpadl_body, 5, 32, 0, NULL},
    {vmbp_priv_fields_gpadl_created, 5, 32, 1, NULL},
    {vmbp_priv_fields_gpadl_teardown, 4, 33, 1, NULL},
    {vmbp_priv_fields_gpadl_torndown, 3, 34, 0, NULL},
    {vmbp_priv_fields_relid_released, 3, 34, 1, NULL},
    {vmbp_priv_fields_initiate_contact_client_id, 11, 35, 3,
     vmbp_priv_msg_rows_initiate_contact_client_id},
    {vmbp_priv_fields_initiate_contact_features, 10, 38, 3,
     vmbp_priv_msg_rows_initiate_contact_features},
    {vmbp_priv_fields_initiate_contact_sint, 10, 41, 4, NULL},
    {vmbp_priv_fields_initiate_contact_ipage, 7, 45, 0,
     vmbp_priv_msg_rows_initiate_contact_ipage},
    {vmbp_priv_fields_version_response_monitor, 10, 45, 1, NULL},
    {vmbp_priv_fields_version_response_features, 7, 46, 0,
     vmbp_priv_msg_rows_version_response_features},
    {vmbp_priv_fields_version_response, 6, 46, 0, vmbp_priv_msg_rows_version_response},
    {vmbp_priv_fields_unload, 2, 46, 0, NULL},
    {vmbp_priv_fields_unload_complete, 2, 46, 0, NULL},
    {vmbp_priv_fields_open_reserved_channel, 7, 46, 3, NULL},
    {vmbp_priv_fields_close_reserved_channel, 5, 49, 2, NULL},
    {vmbp_priv_fields_close_reserved_response, 3, 51, 1, NULL},
    {vmbp_priv_fields_tl_connect_request_silo, 5, 52, 0, NULL},
    {vmbp_priv_fields_tl_connect_request, 4, 52, 0, NULL},
    {vmbp_priv_fields_modify_channel, 4, 52, 1, NULL},
    {vmbp_priv_fields_tl_connect_result, 5, 53, 0, NULL},
    {vmbp_priv_fields_modify_channel_response, 4, 53, 1, NULL},
    {vmbp_priv_fields_modify_connection, 4, 54, 0, NULL},
    {vmbp_priv_fields_modify_connection_response, 3, 54, 0, NULL},
    {vmbp_priv_fields_pause, 2, 54, 0, NULL},
    {vmbp_priv_fields_pause_response, 2, 54, 0, NULL},
    {vmbp_priv_fields_resume, 2, 54, 0, NULL},
};
static const struct vmbp_priv_msg_layout vmbp_priv_msg_overlays[] = {
    {NULL, 0, 0, 0, NULL},
    {vmbp_priv_fields_overlay_pipe, 3, 54, 1, NULL},
    {vmbp_priv_fields_overlay_hvsock, 6, 55, 5, NULL},
};
VMBP_STATIC_ASSERT(sizeof(vmbp_priv_msg_layouts) / sizeof(vmbp_priv_msg_layouts[0]) ==
                       VMBP_MSGV_COUNT,
                   vmbp_msg_layouts_count);
VMBP_STATIC_ASSERT(sizeof(vmbp_priv_msg_overlays) / sizeof(vmbp_priv_msg_overlays[0]) ==
                       VMBP_MSG_OVERLAY_COUNT,
                   vmbp_msg_overlays_count);

/* The decoders of the types with the most to do, into any message (out, not NULL,
 * written on success only), without a fault report: out of line, so that their
 * registers do not weigh on the dispatch of the others. */
VMBP_OUTLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_any_offer_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                struct vmbp_msg *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st =
        vmbp_priv_msg_decode_offer_channel(p, len, ctx, &out->u.offer, NULL, &v);

    if (st == VMBP_OK) {
        out->type = VMBP_MSG_OFFER_CHANNEL;
        out->variant = v;
    }
    return st;
}

VMBP_OUTLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_any_open_channel(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_msg *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st =
        vmbp_priv_msg_decode_open_channel(p, len, ctx, &out->u.open_channel, NULL, &v);

    if (st == VMBP_OK) {
        out->type = VMBP_MSG_OPEN_CHANNEL;
        out->variant = v;
    }
    return st;
}

VMBP_OUTLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_any_gpadl_header(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_msg *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st =
        vmbp_priv_msg_decode_gpadl_header(p, len, ctx, &out->u.gpadl_header, NULL, &v);

    if (st == VMBP_OK) {
        out->type = VMBP_MSG_GPADL_HEADER;
        out->variant = v;
    }
    return st;
}

VMBP_OUTLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_any_gpadl_body(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                             struct vmbp_msg *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st =
        vmbp_priv_msg_decode_gpadl_body(p, len, ctx, &out->u.gpadl_body, NULL, &v);

    if (st == VMBP_OK) {
        out->type = VMBP_MSG_GPADL_BODY;
        out->variant = v;
    }
    return st;
}

VMBP_OUTLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_any_initiate_contact(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                   struct vmbp_msg *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st =
        vmbp_priv_msg_decode_initiate_contact(p, len, ctx, &out->u.initiate_contact, NULL, &v);

    if (st == VMBP_OK) {
        out->type = VMBP_MSG_INITIATE_CONTACT;
        out->variant = v;
    }
    return st;
}

VMBP_OUTLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_any_tl_connect_request(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                     struct vmbp_msg *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_decode_tl_connect_request(
        p, len, ctx, &out->u.tl_connect_request, NULL, &v);

    if (st == VMBP_OK) {
        out->type = VMBP_MSG_TL_CONNECT_REQUEST;
        out->variant = v;
    }
    return st;
}

/* Per type (the index) that shares its decoder in the dispatch with types of the same
 * wire shape, checks and features: the lowest version it needs (VMBP-MSG-007, as in
 * its vmbp_priv_msg_select_<type>(); 0: any) and its variant. */
struct vmbp_priv_msg_shared {
    uint32_t version;
    uint32_t variant;
};
static const struct vmbp_priv_msg_shared vmbp_priv_msg_shared[VMBP_MSG_TYPE_MAX + 1] = {
    {0u, 0u},                                                /* no type */
    {0u, 0u},                                                /* OFFER_CHANNEL */
    {0u, VMBP_MSGV_RESCIND_CHANNEL_OFFER},                   /* RESCIND_CHANNEL_OFFER */
    {0u, VMBP_MSGV_REQUEST_OFFERS},                          /* REQUEST_OFFERS */
    {0u, VMBP_MSGV_ALL_OFFERS_DELIVERED},                    /* ALL_OFFERS_DELIVERED */
    {0u, 0u},                                                /* OPEN_CHANNEL */
    {0u, VMBP_MSGV_OPEN_CHANNEL_RESULT},                     /* OPEN_CHANNEL_RESULT */
    {0u, VMBP_MSGV_CLOSE_CHANNEL},                           /* CLOSE_CHANNEL */
    {0u, 0u},                                                /* GPADL_HEADER */
    {0u, 0u},                                                /* GPADL_BODY */
    {0u, VMBP_MSGV_GPADL_CREATED},                           /* GPADL_CREATED */
    {0u, VMBP_MSGV_GPADL_TEARDOWN},                          /* GPADL_TEARDOWN */
    {0u, 0u},                                                /* GPADL_TORNDOWN */
    {0u, VMBP_MSGV_RELID_RELEASED},                          /* RELID_RELEASED */
    {0u, 0u},                                                /* INITIATE_CONTACT */
    {0u, 0u},                                                /* VERSION_RESPONSE */
    {0u, VMBP_MSGV_UNLOAD},                                  /* UNLOAD */
    {(uint32_t)VMBP_VERSION_1_1, VMBP_MSGV_UNLOAD_COMPLETE}, /* UNLOAD_COMPLETE */
    {0u, 0u},                                                /* OPEN_RESERVED_CHANNEL */
    {0u, 0u},                                                /* CLOSE_RESERVED_CHANNEL */
    {(uint32_t)VMBP_VERSION_4_0,
     VMBP_MSGV_CLOSE_RESERVED_RESPONSE},                    /* CLOSE_RESERVED_RESPONSE */
    {0u, 0u},                                               /* TL_CONNECT_REQUEST */
    {(uint32_t)VMBP_VERSION_4_1, VMBP_MSGV_MODIFY_CHANNEL}, /* MODIFY_CHANNEL */
    {0u, 0u},                                               /* TL_CONNECT_RESULT */
    {(uint32_t)VMBP_VERSION_5_3,
     VMBP_MSGV_MODIFY_CHANNEL_RESPONSE},                    /* MODIFY_CHANNEL_RESPONSE */
    {0u, 0u},                                               /* MODIFY_CONNECTION */
    {0u, 0u},                                               /* MODIFY_CONNECTION_RESPONSE */
    {(uint32_t)VMBP_VERSION_6_0, VMBP_MSGV_PAUSE},          /* PAUSE */
    {(uint32_t)VMBP_VERSION_6_0, VMBP_MSGV_PAUSE_RESPONSE}, /* PAUSE_RESPONSE */
    {(uint32_t)VMBP_VERSION_6_0, VMBP_MSGV_RESUME},         /* RESUME */
};

/* The decoder of a framed message of a known type into any message (out not NULL,
 * written on success only), without a fault report. The types of one wire shape,
 * the same checks and features share the decoder of the one that needs the lowest
 * version, after their own version test (vmbp_priv_msg_shared). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_known(uint32_t type, const uint8_t *p, size_t len,
                           const struct vmbp_ctx *ctx, struct vmbp_msg *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    switch (type) {
    case VMBP_MSG_OFFER_CHANNEL:
        return vmbp_priv_msg_any_offer_channel(p, len, ctx, out);
    case VMBP_MSG_RESCIND_CHANNEL_OFFER:
    case VMBP_MSG_CLOSE_CHANNEL:
    case VMBP_MSG_RELID_RELEASED:
    case VMBP_MSG_CLOSE_RESERVED_RESPONSE:
        if (ctx->version < vmbp_priv_msg_shared[type].version) {
            st = VMBP_E_VERSION;
            break;
        }
        st = vmbp_priv_msg_decode_rescind_channel_offer(p, len, ctx, &out->u.rescind, NULL, &v);
        v = (enum vmbp_msg_variant)vmbp_priv_msg_shared[type].variant;
        break;
    case VMBP_MSG_REQUEST_OFFERS:
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
    case VMBP_MSG_UNLOAD:
    case VMBP_MSG_UNLOAD_COMPLETE:
        if (ctx->version < vmbp_priv_msg_shared[type].version) {
            st = VMBP_E_VERSION;
            break;
        }
        st = vmbp_priv_msg_select_request_offers(p, len, ctx, &v);
        if (st == VMBP_OK)
            out->u.empty.type = type;
        v = (enum vmbp_msg_variant)vmbp_priv_msg_shared[type].variant;
        break;
    case VMBP_MSG_OPEN_CHANNEL:
        return vmbp_priv_msg_any_open_channel(p, len, ctx, out);
    case VMBP_MSG_OPEN_CHANNEL_RESULT:
    case VMBP_MSG_GPADL_CREATED:
        st = vmbp_priv_msg_decode_open_channel_result(p, len, ctx, &out->u.open_result, NULL,
                                                      &v);
        v = (enum vmbp_msg_variant)vmbp_priv_msg_shared[type].variant;
        break;
    case VMBP_MSG_GPADL_HEADER:
        return vmbp_priv_msg_any_gpadl_header(p, len, ctx, out);
    case VMBP_MSG_GPADL_BODY:
        return vmbp_priv_msg_any_gpadl_body(p, len, ctx, out);
    case VMBP_MSG_GPADL_TEARDOWN:
    case VMBP_MSG_MODIFY_CHANNEL:
    case VMBP_MSG_MODIFY_CHANNEL_RESPONSE:
        if (ctx->version < vmbp_priv_msg_shared[type].version) {
            st = VMBP_E_VERSION;
            break;
        }
        st = vmbp_priv_msg_decode_gpadl_teardown(p, len, ctx, &out->u.gpadl_teardown, NULL, &v);
        v = (enum vmbp_msg_variant)vmbp_priv_msg_shared[type].variant;
        break;
    case VMBP_MSG_GPADL_TORNDOWN:
        st = vmbp_priv_msg_decode_gpadl_torndown(p, len, ctx, &out->u.gpadl_torndown, NULL, &v);
        break;
    case VMBP_MSG_INITIATE_CONTACT:
        return vmbp_priv_msg_any_initiate_contact(p, len, ctx, out);
    case VMBP_MSG_VERSION_RESPONSE:
        st = vmbp_priv_msg_decode_version_response(p, len, ctx, &out->u.version_response, NULL,
                                                   &v);
        break;
    case VMBP_MSG_OPEN_RESERVED_CHANNEL:
        st = vmbp_priv_msg_decode_open_reserved_channel(
            p, len, ctx, &out->u.open_reserved_channel, NULL, &v);
        break;
    case VMBP_MSG_CLOSE_RESERVED_CHANNEL:
        st = vmbp_priv_msg_decode_close_reserved_channel(
            p, len, ctx, &out->u.close_reserved_channel, NULL, &v);
        break;
    case VMBP_MSG_TL_CONNECT_REQUEST:
        return vmbp_priv_msg_any_tl_connect_request(p, len, ctx, out);
    case VMBP_MSG_TL_CONNECT_RESULT:
        st = vmbp_priv_msg_decode_tl_connect_result(p, len, ctx, &out->u.tl_connect_result,
                                                    NULL, &v);
        break;
    case VMBP_MSG_MODIFY_CONNECTION:
        st = vmbp_priv_msg_decode_modify_connection(p, len, ctx, &out->u.modify_connection,
                                                    NULL, &v);
        break;
    case VMBP_MSG_MODIFY_CONNECTION_RESPONSE:
    default: /* vmbp_priv_msg_frame() admits the known types only */
        st = vmbp_priv_msg_decode_modify_connection_response(
            p, len, ctx, &out->u.modify_connection_response, NULL, &v);
        break;
    case VMBP_MSG_PAUSE:
    case VMBP_MSG_PAUSE_RESPONSE:
    case VMBP_MSG_RESUME:
        st = vmbp_priv_msg_select_pause(p, len, ctx, &v);
        if (st == VMBP_OK)
            out->u.empty.type = type;
        v = (enum vmbp_msg_variant)vmbp_priv_msg_shared[type].variant;
        break;
    }
    if (st == VMBP_OK) {
        out->type = type;
        out->variant = v;
    }
    return st;
}

/* The decoder of a framed message of a known type, with a fault report (fault may be
 * NULL); out (may be NULL) its union, converted to the type's member (every member
 * starts at the union's address, and NULL stays NULL). */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_type(uint32_t type, const uint8_t *p, size_t len,
                          const struct vmbp_ctx *ctx, union vmbp_msg_body *out,
                          struct vmbp_msg_fault *fault, enum vmbp_msg_variant *variant)
{
    switch (type) {
    case VMBP_MSG_OFFER_CHANNEL:
        return vmbp_priv_msg_decode_offer_channel(p, len, ctx, (struct vmbp_offer *)(void *)out,
                                                  fault, variant);
    case VMBP_MSG_RESCIND_CHANNEL_OFFER:
        return vmbp_priv_msg_decode_rescind_channel_offer(
            p, len, ctx, (struct vmbp_rescind *)(void *)out, fault, variant);
    case VMBP_MSG_REQUEST_OFFERS:
        return vmbp_priv_msg_decode_request_offers(
            p, len, ctx, (struct vmbp_msg_empty *)(void *)out, fault, variant);
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
        return vmbp_priv_msg_decode_all_offers_delivered(
            p, len, ctx, (struct vmbp_msg_empty *)(void *)out, fault, variant);
    case VMBP_MSG_OPEN_CHANNEL:
        return vmbp_priv_msg_decode_open_channel(
            p, len, ctx, (struct vmbp_open_channel *)(void *)out, fault, variant);
    case VMBP_MSG_OPEN_CHANNEL_RESULT:
        return vmbp_priv_msg_decode_open_channel_result(
            p, len, ctx, (struct vmbp_open_result *)(void *)out, fault, variant);
    case VMBP_MSG_CLOSE_CHANNEL:
        return vmbp_priv_msg_decode_close_channel(
            p, len, ctx, (struct vmbp_close_channel *)(void *)out, fault, variant);
    case VMBP_MSG_GPADL_HEADER:
        return vmbp_priv_msg_decode_gpadl_header(
            p, len, ctx, (struct vmbp_gpadl_header *)(void *)out, fault, variant);
    case VMBP_MSG_GPADL_BODY:
        return vmbp_priv_msg_decode_gpadl_body(
            p, len, ctx, (struct vmbp_gpadl_body *)(void *)out, fault, variant);
    case VMBP_MSG_GPADL_CREATED:
        return vmbp_priv_msg_decode_gpadl_created(
            p, len, ctx, (struct vmbp_gpadl_created *)(void *)out, fault, variant);
    case VMBP_MSG_GPADL_TEARDOWN:
        return vmbp_priv_msg_decode_gpadl_teardown(
            p, len, ctx, (struct vmbp_gpadl_teardown *)(void *)out, fault, variant);
    case VMBP_MSG_GPADL_TORNDOWN:
        return vmbp_priv_msg_decode_gpadl_torndown(
            p, len, ctx, (struct vmbp_gpadl_torndown *)(void *)out, fault, variant);
    case VMBP_MSG_RELID_RELEASED:
        return vmbp_priv_msg_decode_relid_released(
            p, len, ctx, (struct vmbp_relid_released *)(void *)out, fault, variant);
    case VMBP_MSG_INITIATE_CONTACT:
        return vmbp_priv_msg_decode_initiate_contact(
            p, len, ctx, (struct vmbp_initiate_contact *)(void *)out, fault, variant);
    case VMBP_MSG_VERSION_RESPONSE:
        return vmbp_priv_msg_decode_version_response(
            p, len, ctx, (struct vmbp_version_response *)(void *)out, fault, variant);
    case VMBP_MSG_UNLOAD:
        return vmbp_priv_msg_decode_unload(p, len, ctx, (struct vmbp_msg_empty *)(void *)out,
                                           fault, variant);
    case VMBP_MSG_UNLOAD_COMPLETE:
        return vmbp_priv_msg_decode_unload_complete(
            p, len, ctx, (struct vmbp_msg_empty *)(void *)out, fault, variant);
    case VMBP_MSG_OPEN_RESERVED_CHANNEL:
        return vmbp_priv_msg_decode_open_reserved_channel(
            p, len, ctx, (struct vmbp_open_reserved_channel *)(void *)out, fault, variant);
    case VMBP_MSG_CLOSE_RESERVED_CHANNEL:
        return vmbp_priv_msg_decode_close_reserved_channel(
            p, len, ctx, (struct vmbp_close_reserved_channel *)(void *)out, fault, variant);
    case VMBP_MSG_CLOSE_RESERVED_RESPONSE:
        return vmbp_priv_msg_decode_close_reserved_response(
            p, len, ctx, (struct vmbp_close_reserved_response *)(void *)out, fault, variant);
    case VMBP_MSG_TL_CONNECT_REQUEST:
        return vmbp_priv_msg_decode_tl_connect_request(
            p, len, ctx, (struct vmbp_tl_connect_request *)(void *)out, fault, variant);
    case VMBP_MSG_MODIFY_CHANNEL:
        return vmbp_priv_msg_decode_modify_channel(
            p, len, ctx, (struct vmbp_modify_channel *)(void *)out, fault, variant);
    case VMBP_MSG_TL_CONNECT_RESULT:
        return vmbp_priv_msg_decode_tl_connect_result(
            p, len, ctx, (struct vmbp_tl_connect_result *)(void *)out, fault, variant);
    case VMBP_MSG_MODIFY_CHANNEL_RESPONSE:
        return vmbp_priv_msg_decode_modify_channel_response(
            p, len, ctx, (struct vmbp_modify_channel_response *)(void *)out, fault, variant);
    case VMBP_MSG_MODIFY_CONNECTION:
        return vmbp_priv_msg_decode_modify_connection(
            p, len, ctx, (struct vmbp_modify_connection *)(void *)out, fault, variant);
    case VMBP_MSG_MODIFY_CONNECTION_RESPONSE:
        return vmbp_priv_msg_decode_modify_connection_response(
            p, len, ctx, (struct vmbp_modify_connection_response *)(void *)out, fault, variant);
    case VMBP_MSG_PAUSE:
        return vmbp_priv_msg_decode_pause(p, len, ctx, (struct vmbp_msg_empty *)(void *)out,
                                          fault, variant);
    case VMBP_MSG_PAUSE_RESPONSE:
        return vmbp_priv_msg_decode_pause_response(
            p, len, ctx, (struct vmbp_msg_empty *)(void *)out, fault, variant);
    case VMBP_MSG_RESUME:
        return vmbp_priv_msg_decode_resume(p, len, ctx, (struct vmbp_msg_empty *)(void *)out,
                                           fault, variant);
    default:
        return VMBP_E_UNKNOWN_TYPE;
    }
}

/* The decoder of one variant, without framing or gating. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_as(enum vmbp_msg_variant v, const uint8_t *p, size_t len,
                        const struct vmbp_ctx *ctx, union vmbp_msg_body *out,
                        struct vmbp_msg_fault *fault)
{
    switch (v) {
    case VMBP_MSGV_OFFER_CHANNEL:
        return vmbp_priv_msg_body_offer_channel(p, len, ctx, VMBP_MSGV_OFFER_CHANNEL,
                                                out ? &out->offer : NULL, fault);
    case VMBP_MSGV_OFFER_CHANNEL_V1:
        return vmbp_priv_msg_body_offer_channel(p, len, ctx, VMBP_MSGV_OFFER_CHANNEL_V1,
                                                out ? &out->offer : NULL, fault);
    case VMBP_MSGV_RESCIND_CHANNEL_OFFER:
        return vmbp_priv_msg_body_rescind_channel_offer(
            p, len, ctx, VMBP_MSGV_RESCIND_CHANNEL_OFFER, out ? &out->rescind : NULL, fault);
    case VMBP_MSGV_REQUEST_OFFERS:
        return vmbp_priv_msg_body_request_offers(p, len, ctx, VMBP_MSGV_REQUEST_OFFERS,
                                                 out ? &out->empty : NULL, fault);
    case VMBP_MSGV_ALL_OFFERS_DELIVERED:
        return vmbp_priv_msg_body_all_offers_delivered(
            p, len, ctx, VMBP_MSGV_ALL_OFFERS_DELIVERED, out ? &out->empty : NULL, fault);
    case VMBP_MSGV_OPEN_CHANNEL_SIGNAL:
        return vmbp_priv_msg_body_open_channel(p, len, ctx, VMBP_MSGV_OPEN_CHANNEL_SIGNAL,
                                               out ? &out->open_channel : NULL, fault);
    case VMBP_MSGV_OPEN_CHANNEL:
        return vmbp_priv_msg_body_open_channel(p, len, ctx, VMBP_MSGV_OPEN_CHANNEL,
                                               out ? &out->open_channel : NULL, fault);
    case VMBP_MSGV_OPEN_CHANNEL_RESULT:
        return vmbp_priv_msg_body_open_channel_result(
            p, len, ctx, VMBP_MSGV_OPEN_CHANNEL_RESULT, out ? &out->open_result : NULL, fault);
    case VMBP_MSGV_CLOSE_CHANNEL:
        return vmbp_priv_msg_body_close_channel(p, len, ctx, VMBP_MSGV_CLOSE_CHANNEL,
                                                out ? &out->close_channel : NULL, fault);
    case VMBP_MSGV_GPADL_HEADER:
        return vmbp_priv_msg_body_gpadl_header(p, len, ctx, VMBP_MSGV_GPADL_HEADER,
                                               out ? &out->gpadl_header : NULL, fault);
    case VMBP_MSGV_GPADL_BODY:
        return vmbp_priv_msg_body_gpadl_body(p, len, ctx, VMBP_MSGV_GPADL_BODY,
                                             out ? &out->gpadl_body : NULL, fault);
    case VMBP_MSGV_GPADL_CREATED:
        return vmbp_priv_msg_body_gpadl_created(p, len, ctx, VMBP_MSGV_GPADL_CREATED,
                                                out ? &out->gpadl_created : NULL, fault);
    case VMBP_MSGV_GPADL_TEARDOWN:
        return vmbp_priv_msg_body_gpadl_teardown(p, len, ctx, VMBP_MSGV_GPADL_TEARDOWN,
                                                 out ? &out->gpadl_teardown : NULL, fault);
    case VMBP_MSGV_GPADL_TORNDOWN:
        return vmbp_priv_msg_body_gpadl_torndown(p, len, ctx, VMBP_MSGV_GPADL_TORNDOWN,
                                                 out ? &out->gpadl_torndown : NULL, fault);
    case VMBP_MSGV_RELID_RELEASED:
        return vmbp_priv_msg_body_relid_released(p, len, ctx, VMBP_MSGV_RELID_RELEASED,
                                                 out ? &out->relid_released : NULL, fault);
    case VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID:
        return vmbp_priv_msg_body_initiate_contact(p, len, ctx,
                                                   VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID,
                                                   out ? &out->initiate_contact : NULL, fault);
    case VMBP_MSGV_INITIATE_CONTACT_FEATURES:
        return vmbp_priv_msg_body_initiate_contact(p, len, ctx,
                                                   VMBP_MSGV_INITIATE_CONTACT_FEATURES,
                                                   out ? &out->initiate_contact : NULL, fault);
    case VMBP_MSGV_INITIATE_CONTACT_SINT:
        return vmbp_priv_msg_body_initiate_contact(p, len, ctx, VMBP_MSGV_INITIATE_CONTACT_SINT,
                                                   out ? &out->initiate_contact : NULL, fault);
    case VMBP_MSGV_INITIATE_CONTACT_IPAGE:
        return vmbp_priv_msg_body_initiate_contact(p, len, ctx,
                                                   VMBP_MSGV_INITIATE_CONTACT_IPAGE,
                                                   out ? &out->initiate_contact : NULL, fault);
    case VMBP_MSGV_VERSION_RESPONSE_MONITOR:
        return vmbp_priv_msg_body_version_response(p, len, ctx,
                                                   VMBP_MSGV_VERSION_RESPONSE_MONITOR,
                                                   out ? &out->version_response : NULL, fault);
    case VMBP_MSGV_VERSION_RESPONSE_FEATURES:
        return vmbp_priv_msg_body_version_response(p, len, ctx,
                                                   VMBP_MSGV_VERSION_RESPONSE_FEATURES,
                                                   out ? &out->version_response : NULL, fault);
    case VMBP_MSGV_VERSION_RESPONSE:
        return vmbp_priv_msg_body_version_response(p, len, ctx, VMBP_MSGV_VERSION_RESPONSE,
                                                   out ? &out->version_response : NULL, fault);
    case VMBP_MSGV_UNLOAD:
        return vmbp_priv_msg_body_unload(p, len, ctx, VMBP_MSGV_UNLOAD,
                                         out ? &out->empty : NULL, fault);
    case VMBP_MSGV_UNLOAD_COMPLETE:
        return vmbp_priv_msg_body_unload_complete(p, len, ctx, VMBP_MSGV_UNLOAD_COMPLETE,
                                                  out ? &out->empty : NULL, fault);
    case VMBP_MSGV_OPEN_RESERVED_CHANNEL:
        return vmbp_priv_msg_body_open_reserved_channel(
            p, len, ctx, VMBP_MSGV_OPEN_RESERVED_CHANNEL,
            out ? &out->open_reserved_channel : NULL, fault);
    case VMBP_MSGV_CLOSE_RESERVED_CHANNEL:
        return vmbp_priv_msg_body_close_reserved_channel(
            p, len, ctx, VMBP_MSGV_CLOSE_RESERVED_CHANNEL,
            out ? &out->close_reserved_channel : NULL, fault);
    case VMBP_MSGV_CLOSE_RESERVED_RESPONSE:
        return vmbp_priv_msg_body_close_reserved_response(
            p, len, ctx, VMBP_MSGV_CLOSE_RESERVED_RESPONSE,
            out ? &out->close_reserved_response : NULL, fault);
    case VMBP_MSGV_TL_CONNECT_REQUEST_SILO:
        return vmbp_priv_msg_body_tl_connect_request(
            p, len, ctx, VMBP_MSGV_TL_CONNECT_REQUEST_SILO,
            out ? &out->tl_connect_request : NULL, fault);
    case VMBP_MSGV_TL_CONNECT_REQUEST:
        return vmbp_priv_msg_body_tl_connect_request(p, len, ctx, VMBP_MSGV_TL_CONNECT_REQUEST,
                                                     out ? &out->tl_connect_request : NULL,
                                                     fault);
    case VMBP_MSGV_MODIFY_CHANNEL:
        return vmbp_priv_msg_body_modify_channel(p, len, ctx, VMBP_MSGV_MODIFY_CHANNEL,
                                                 out ? &out->modify_channel : NULL, fault);
    case VMBP_MSGV_TL_CONNECT_RESULT:
        return vmbp_priv_msg_body_tl_connect_result(p, len, ctx, VMBP_MSGV_TL_CONNECT_RESULT,
                                                    out ? &out->tl_connect_result : NULL,
                                                    fault);
    case VMBP_MSGV_MODIFY_CHANNEL_RESPONSE:
        return vmbp_priv_msg_body_modify_channel_response(
            p, len, ctx, VMBP_MSGV_MODIFY_CHANNEL_RESPONSE,
            out ? &out->modify_channel_response : NULL, fault);
    case VMBP_MSGV_MODIFY_CONNECTION:
        return vmbp_priv_msg_body_modify_connection(p, len, ctx, VMBP_MSGV_MODIFY_CONNECTION,
                                                    out ? &out->modify_connection : NULL,
                                                    fault);
    case VMBP_MSGV_MODIFY_CONNECTION_RESPONSE:
        return vmbp_priv_msg_body_modify_connection_response(
            p, len, ctx, VMBP_MSGV_MODIFY_CONNECTION_RESPONSE,
            out ? &out->modify_connection_response : NULL, fault);
    case VMBP_MSGV_PAUSE:
        return vmbp_priv_msg_body_pause(p, len, ctx, VMBP_MSGV_PAUSE, out ? &out->empty : NULL,
                                        fault);
    case VMBP_MSGV_PAUSE_RESPONSE:
        return vmbp_priv_msg_body_pause_response(p, len, ctx, VMBP_MSGV_PAUSE_RESPONSE,
                                                 out ? &out->empty : NULL, fault);
    case VMBP_MSGV_RESUME:
        return vmbp_priv_msg_body_resume(p, len, ctx, VMBP_MSGV_RESUME,
                                         out ? &out->empty : NULL, fault);
    default:
        return VMBP_E_INVAL;
    }
}

/* The encoder of any type; the variant is checked against the member's. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_encode_type(const struct vmbp_msg *in, void *buf, size_t cap, size_t *len)
{
    switch (in->type) {
    case VMBP_MSG_OFFER_CHANNEL:
        if (in->u.offer.variant != in->variant)
            return VMBP_E_INVAL;
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
        struct vmbp_msg_empty e; /* the type comes from the message */

        e.type = in->type;
        return vmbp_msg_empty_encode(&e, buf, cap, len);
    }
    case VMBP_MSG_OPEN_CHANNEL:
        if (in->u.open_channel.variant != in->variant)
            return VMBP_E_INVAL;
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
        if (in->u.initiate_contact.variant != in->variant)
            return VMBP_E_INVAL;
        return vmbp_msg_initiate_contact_encode(&in->u.initiate_contact, buf, cap, len);
    case VMBP_MSG_VERSION_RESPONSE:
        if (in->u.version_response.variant != in->variant)
            return VMBP_E_INVAL;
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
        if (in->u.tl_connect_request.variant != in->variant)
            return VMBP_E_INVAL;
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

/* The overlay reader of an offer. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_overlay_check(const struct vmbp_offer *offer, enum vmbp_msg_overlay which,
                            struct vmbp_msg_fault *fault)
{
    switch (which) {
    case VMBP_MSG_OVERLAY_PIPE:
        return vmbp_priv_msg_offer_pipe_get(offer, NULL, fault);
    case VMBP_MSG_OVERLAY_HVSOCK:
    default: /* the public call admits the known overlays only */
        return vmbp_priv_msg_offer_hvsock_get(offer, NULL, fault);
    }
}
/** @endcond */
/* @generated end dispatch */

/** @cond VMBP_INTERNAL */
/* Framing, then the type's variant and decoder; out and fault may be NULL, not both given.
 * Without a fault report, the decoders write a scratch copy when out is NULL: validating and
 * decoding are one code path. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_any(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                         enum vmbp_dir dir, struct vmbp_msg *out, struct vmbp_msg_fault *fault)
{
    struct vmbp_msg scratch;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, dir, 0, VMBP_PRIV_MSG_ALL_TYPES, &type);

    if (st != VMBP_OK)
        return st;
    if (!fault)
        return vmbp_priv_msg_decode_known(type, (const uint8_t *)buf, len, ctx,
                                          out ? out : &scratch);
    /* the fault report's path: vmbp_msg_validate_fault(), which decodes nothing */
    st = vmbp_priv_msg_decode_type(type, (const uint8_t *)buf, len, ctx, NULL, fault, &v);
    fault->variant = v;
    return st;
}

/* The rule of a framing or gating step that rejected a message (VMBP-MSG-002 (1) to (5)). */
VMBP_INLINE const char *vmbp_priv_msg_step_rule(enum vmbp_status st)
{
    switch (st) {
    case VMBP_E_TRUNCATED:
    case VMBP_E_TOO_LONG:
        return "VMBP-MSG-003";
    case VMBP_E_UNKNOWN_TYPE:
        return "VMBP-MSG-004";
    case VMBP_E_DIRECTION:
        return "VMBP-MSG-005";
    case VMBP_E_NOT_NEGOTIATED:
        return "VMBP-MSG-006";
    case VMBP_E_VERSION:
    case VMBP_E_FEATURE:
        return "VMBP-MSG-007";
    default:
        return NULL;
    }
}

/* Fill in a fault from the check the decoder named (or from the step that failed). */
VMBP_INLINE void vmbp_priv_msg_fault_resolve(struct vmbp_msg_fault *fault, enum vmbp_status st,
                                             const struct vmbp_priv_msg_layout *layout,
                                             const uint8_t *p, size_t len, uint32_t base)
{
    const struct vmbp_msg_check *c;
    const struct vmbp_msg_field *f;

    fault->status = st;
    if (st == VMBP_OK)
        return;
    if (fault->check_id == VMBP_PRIV_MSG_NO_CHECK) {
        fault->rule = vmbp_priv_msg_step_rule(st);
        if (st == VMBP_E_TRUNCATED || st == VMBP_E_TOO_LONG) {
            fault->value = len;
        } else if (fault->rule) { /* framed: at least the header */
            fault->field = &vmbp_priv_msg_layouts[VMBP_MSGV_REQUEST_OFFERS].fields[0];
            fault->size = 4;
            fault->value = vmbp_load_le32(p);
        }
        return;
    }
    /* the decoder names the check by its row in the type's checks, the same row as the
     * variant's unless the type's decoder makes the checks of several variants */
    c = &vmbp_priv_msg_checks[layout->first_check +
                              (layout->rows ? layout->rows[fault->check_id] : fault->check_id)];
    f = &layout->fields[c->field_index];
    fault->check = c;
    fault->field = f;
    fault->rule = c->rule;
    fault->offset = f->offset;
    fault->size = f->size;
    if (f->kind == (uint8_t)VMBP_MSG_FIELD_WORDS) {
        /* a list: the word the check names, read where the decoder read it; a word the
         * list announces past the message's end is reported with size 0 and value 0 */
        fault->offset = f->offset + 8u * fault->index;
        fault->size = 0;
        fault->value = 0;
        if (fault->offset - base + 8u <= len) {
            fault->size = 8;
            fault->value = vmbp_load_le64(p + fault->offset - base);
        }
    }
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
    return vmbp_priv_msg_decode_any(buf, len, ctx, dir, NULL, NULL);
}

/**
 * @brief Validate any channel message as vmbp_msg_validate() does, and say why it was
 * rejected: the field, its offset and value, what was allowed and the spec rule.
 *
 * The report comes from the decoder's own checks (the same code vmbp_msg_validate() and
 * vmbp_msg_decode() run, with the same result), not from a second parser.
 * @param buf   message (private memory)
 * @param len   bytes in @p buf
 * @param ctx   negotiated state
 * @param dir   senders the caller accepts
 * @param fault receives the report (see struct vmbp_msg_fault); on success @c status is
 *              VMBP_OK and @c variant the variant
 * @return the status vmbp_msg_validate() returns; VMBP_E_INVAL (and @p fault untouched) when
 * @p fault is NULL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_validate_fault(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                        enum vmbp_dir dir, struct vmbp_msg_fault *fault)
{
    enum vmbp_status st;

    if (!fault)
        return VMBP_E_INVAL;
    VMBP_MEMSET(fault, 0, sizeof(*fault));
    fault->check_id = VMBP_PRIV_MSG_NO_CHECK;
    st = vmbp_priv_msg_decode_any(buf, len, ctx, dir, NULL, fault);
    vmbp_priv_msg_fault_resolve(fault, st, &vmbp_priv_msg_layouts[fault->variant],
                                (const uint8_t *)buf, len, 0);
    return st;
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
    if (!out)
        return VMBP_E_INVAL;
    return vmbp_priv_msg_decode_any(buf, len, ctx, dir, out, NULL);
}

/**
 * @brief Decode a message as a given variant: its own length bound and its field checks,
 * without the framing and gating steps.
 *
 * For a caller that has chosen the variant already (vmbp_msg_select(), or a tool showing a
 * message in the form a state would give it). The length is checked against the variant's
 * layout only (no 240-byte limit: a GPADL message's words are bounded by its decoded struct);
 * the header's type is not read.
 * @param v   variant
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state (the field rules that depend on features read it)
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK, VMBP_E_TRUNCATED when @p len is shorter than the variant, a failed field
 * check, or VMBP_E_INVAL for NULL arguments and unknown variants
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_decode_variant(enum vmbp_msg_variant v, const void *buf, size_t len,
                        const struct vmbp_ctx *ctx, struct vmbp_msg *out)
{
    enum vmbp_status st;

    if (!buf || !ctx)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_decode_as(v, (const uint8_t *)buf, len, ctx, out ? &out->u : NULL, NULL);
    if (st == VMBP_OK && out) {
        out->type = vmbp_msg_variant_type(v);
        out->variant = v;
    }
    return st;
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
    if (!in || vmbp_msg_variant_type(in->variant) != in->type)
        return VMBP_E_INVAL;
    return vmbp_priv_msg_encode_type(in, buf, cap, len);
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
    if ((unsigned)v == 0 || (unsigned)v >= (unsigned)VMBP_MSGV_COUNT)
        return NULL;
    if (n)
        *n = vmbp_priv_msg_layouts[v].nfields;
    return vmbp_priv_msg_layouts[v].fields;
}

/**
 * @brief The checks a variant's decoder makes, in order: per check the field it constrains
 * (`field_index` into vmbp_msg_fields()), what is allowed, the status of a rejection and the
 * spec rule. A field's rule IDs are those of the checks that name it.
 * @param v variant
 * @param n receives the number of entries (may be NULL; 0 for a variant without checks)
 * @return a static table (not NULL for a variant without checks), NULL for VMBP_MSGV_NONE
 * and unknown values
 */
VMBP_INLINE const struct vmbp_msg_check *vmbp_msg_checks(enum vmbp_msg_variant v, size_t *n)
{
    if ((unsigned)v == 0 || (unsigned)v >= (unsigned)VMBP_MSGV_COUNT)
        return NULL;
    if (n)
        *n = vmbp_priv_msg_layouts[v].nchecks;
    return &vmbp_priv_msg_checks[vmbp_priv_msg_layouts[v].first_check];
}

/**
 * @brief Field descriptors of an offer's user-data overlay (message offsets).
 * @param which overlay
 * @param n     receives the number of entries (may be NULL)
 * @return a static table, NULL for an unknown overlay
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_overlay_fields(enum vmbp_msg_overlay which,
                                                                 size_t *n)
{
    if ((unsigned)which == 0 || (unsigned)which >= (unsigned)VMBP_MSG_OVERLAY_COUNT)
        return NULL;
    if (n)
        *n = vmbp_priv_msg_overlays[which].nfields;
    return vmbp_priv_msg_overlays[which].fields;
}

/**
 * @brief The checks of an offer's user-data overlay, in the order its reader makes them.
 * @param which overlay
 * @param n     receives the number of entries (may be NULL)
 * @return a static table, NULL for an unknown overlay
 */
VMBP_INLINE const struct vmbp_msg_check *vmbp_msg_overlay_checks(enum vmbp_msg_overlay which,
                                                                 size_t *n)
{
    if ((unsigned)which == 0 || (unsigned)which >= (unsigned)VMBP_MSG_OVERLAY_COUNT)
        return NULL;
    if (n)
        *n = vmbp_priv_msg_overlays[which].nchecks;
    return &vmbp_priv_msg_checks[vmbp_priv_msg_overlays[which].first_check];
}

/**
 * @brief Read an offer's user-data overlay as vmbp_msg_offer_pipe_get() or
 * vmbp_msg_offer_hvsock_get() does, and say which field a rejection is about (offsets are
 * message offsets, as in the overlay's field table).
 * @param offer decoded offer
 * @param which overlay
 * @param fault receives the report; @c variant is VMBP_MSGV_NONE
 * @return the status the overlay's reader returns; VMBP_E_INVAL for NULL arguments or an
 * unknown overlay
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_offer_overlay_fault(const struct vmbp_offer *offer, enum vmbp_msg_overlay which,
                             struct vmbp_msg_fault *fault)
{
    enum vmbp_status st;

    if (!offer || !fault || (unsigned)which == 0 ||
        (unsigned)which >= (unsigned)VMBP_MSG_OVERLAY_COUNT)
        return VMBP_E_INVAL;
    VMBP_MEMSET(fault, 0, sizeof(*fault));
    fault->check_id = VMBP_PRIV_MSG_NO_CHECK;
    st = vmbp_priv_msg_overlay_check(offer, which, fault);
    vmbp_priv_msg_fault_resolve(fault, st, &vmbp_priv_msg_overlays[which], offer->user_defined,
                                sizeof(offer->user_defined),
                                (uint32_t)offsetof(struct vmbp_offer_wire, user_defined));
    return st;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_DISPATCH_H */
