/* SPDX-License-Identifier: MIT */
/**
 * @file msg_connect.h
 * @brief Connection messages: INITIATE_CONTACT, VERSION_RESPONSE, REQUEST_OFFERS,
 * ALL_OFFERS_DELIVERED, UNLOAD, UNLOAD_COMPLETE, MODIFY_CONNECTION and its response, PAUSE,
 * PAUSE_RESPONSE, RESUME; the connection IDs, SINTs and connection states.
 *
 * The structs and the codec are generated from gen/msg.toml (the blocks marked "generated").
 * Every decoder here takes `(buf, len, ctx, out)`: @c buf is a private copy of the message
 * (never the SynIC slot itself), @c ctx the negotiated state, @c out is written only on
 * success and may be NULL to validate only. Every encoder takes `(in, buf, cap, len)`,
 * writes exactly the bytes of the variant named by `in->variant` (or implied by the
 * message type), zeroes every reserved and padding byte and reports the needed size in
 * `*len` with VMBP_E_NOSPACE. Encoders do not check field ranges: validate the result with
 * vmbp_msg_validate() where that matters.
 *
 * Sources: Linux `include/linux/hyperv.h`, `drivers/hv/connection.c`,
 * `drivers/hv/hyperv_vmbus.h`; OpenVMM `vm/devices/vmbus/vmbus_core/src/protocol.rs`,
 * `vmbus_server/src/lib.rs`, `vmbus_server/src/channels.rs`; mu_msvm
 * `MsvmPkg/VmbusDxe/ChannelMessages.h`, `VmbusRoot.c`. Specification: spec/msg_connect.md.
 */
#ifndef VMBP_MSG_CONNECT_H
#define VMBP_MSG_CONNECT_H

#include "endian.h"
#include "features.h"
#include "msg.h"
#include "port.h"
#include "status.h"
#include "synic.h"
#include "version.h"

/** @defgroup vmbp_msg_connect Connection messages
 *  @brief Version negotiation, offers request, unload, modify connection, pause/resume.
 *  @{
 */

/**
 * @brief The SINT VMBus messages and events arrive on (Linux `VMBUS_MESSAGE_SINT`, OpenVMM
 * `VMBUS_SINT`, `HV_SYNIC_VMBUS_SINT_INDEX`).
 */
#define VMBP_MSG_SINT 2u
/** @brief SINT of redirected channel interrupts (OpenVMM `REDIRECT_SINT`). */
#define VMBP_MSG_REDIRECT_SINT 7u
/** @brief VTL of redirected channel interrupts (OpenVMM `REDIRECT_VTL` = VTL2). */
#define VMBP_MSG_REDIRECT_VTL 2u
/**
 * @brief HvPostMessage `message_type` of every VMBus channel message (Linux: the literal 1
 * in `vmbus_post_msg`; OpenVMM and mu_msvm `VMBUS_MESSAGE_TYPE`).
 */
#define VMBP_MSG_HV_MESSAGE_TYPE 1u
/**
 * @brief Event connection ID of the pre-2.4 shared interrupt (Linux
 * `VMBUS_EVENT_CONNECTION_ID`, OpenVMM `SHARED_EVENT_CONNECTION_ID`).
 */
#define VMBP_EVENT_CONNECTION_ID 2u
/** @brief Monitor connection ID (Linux `VMBUS_MONITOR_CONNECTION_ID`). */
#define VMBP_MONITOR_CONNECTION_ID 3u
/**
 * @brief Message connection ID of a redirected server (OpenVMM
 * `VMBUS_MESSAGE_REDIRECT_CONNECTION_ID`): vmbp_msg_child_message_connection_id() with VP 0,
 * SINT 7, VTL 2.
 */
#define VMBP_MESSAGE_REDIRECT_CONNECTION_ID 0x00800074u

/** @brief VERSION_RESPONSE / MODIFY_CONNECTION_RESPONSE state: success. */
#define VMBP_CONNECTION_SUCCESSFUL 0u
/** @brief Connection state: failed for lack of resources. */
#define VMBP_CONNECTION_FAILED_LOW_RESOURCES 1u
/** @brief Connection state: failed for another reason. */
#define VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE 2u

/** @brief Largest SINT index (16 SINTs, synic.h). */
#define VMBP_SINT_MAX (VMBP_SYNIC_SINT_COUNT - 1u)
/** @brief Largest VTL value a 4-bit VTL field can hold (OpenVMM uses VTL 0..2). */
#define VMBP_VTL_MAX 15u

/* @generated begin structs: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/**
 * @brief INITIATE_CONTACT below 5.0: the interrupt-page form (40 bytes).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | version_requested | proposed version |
 * | 12 | 4 | target_message_vp | VP for host messages (honoured from 3.0) |
 * | 16 | 8 | interrupt_page | GPA of the shared interrupt page |
 * | 24 | 8 | parent_to_child_monitor_gpa | monitor page 1 |
 * | 32 | 8 | child_to_parent_monitor_gpa | monitor page 2 |
 */
struct vmbp_initiate_contact_ipage_wire {
    struct vmbp_msg_header_wire hdr;      /**< type 14 */
    uint32_t version_requested;           /**< Linux `vmbus_version_requested` */
    uint32_t target_message_vp;           /**< Linux `target_vcpu` */
    uint64_t interrupt_page;              /**< Linux `interrupt_page` */
    uint64_t parent_to_child_monitor_gpa; /**< Linux `monitor_page1` */
    uint64_t child_to_parent_monitor_gpa; /**< Linux `monitor_page2` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_ipage_wire) == 40,
                   vmbp_initiate_contact_ipage_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire, hdr) == 0,
                   vmbp_initiate_contact_ipage_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire, version_requested) == 8,
                   vmbp_initiate_contact_ipage_version_requested);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire, target_message_vp) == 12,
                   vmbp_initiate_contact_ipage_target_message_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire, interrupt_page) == 16,
                   vmbp_initiate_contact_ipage_interrupt_page);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire,
                            parent_to_child_monitor_gpa) == 24,
                   vmbp_initiate_contact_ipage_parent_to_child_monitor_gpa);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire,
                            child_to_parent_monitor_gpa) == 32,
                   vmbp_initiate_contact_ipage_child_to_parent_monitor_gpa);

/**
 * @brief INITIATE_CONTACT from 5.0: the SINT/VTL form (40 bytes); from 6.0 with feature flags
 * at offset 20 (below 6.0 those 4 bytes are reserved, zero).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | version_requested | proposed version |
 * | 12 | 4 | target_message_vp | VP for host messages |
 * | 16 | 1 | target_sint | SINT for host messages (5.0) |
 * | 17 | 1 | target_vtl | VTL for host messages (honoured from 5.1) |
 * | 18 | 2 | rsvdz1 | zero |
 * | 20 | 4 | feature_flags | requested feature flags (6.0), else zero |
 * | 24 | 8 | parent_to_child_monitor_gpa | monitor page 1 |
 * | 32 | 8 | child_to_parent_monitor_gpa | monitor page 2 |
 */
struct vmbp_initiate_contact_wire {
    struct vmbp_msg_header_wire hdr;      /**< type 14 */
    uint32_t version_requested;           /**< proposed version */
    uint32_t target_message_vp;           /**< Linux `target_vcpu` */
    uint8_t target_sint;                  /**< Linux `msg_sint` */
    uint8_t target_vtl;                   /**< Linux `msg_vtl` */
    uint8_t rsvdz1[2];                    /**< Linux `reserved`, OpenVMM `_padding` */
    uint32_t feature_flags;               /**< 6.0; reserved (zero) below */
    uint64_t parent_to_child_monitor_gpa; /**< Linux `monitor_page1` */
    uint64_t child_to_parent_monitor_gpa; /**< Linux `monitor_page2` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_wire) == 40, vmbp_initiate_contact_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, hdr) == 0,
                   vmbp_initiate_contact_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, version_requested) == 8,
                   vmbp_initiate_contact_version_requested);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, target_message_vp) == 12,
                   vmbp_initiate_contact_target_message_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, target_sint) == 16,
                   vmbp_initiate_contact_target_sint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, target_vtl) == 17,
                   vmbp_initiate_contact_target_vtl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, rsvdz1) == 18,
                   vmbp_initiate_contact_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, feature_flags) == 20,
                   vmbp_initiate_contact_feature_flags);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, parent_to_child_monitor_gpa) ==
                       24,
                   vmbp_initiate_contact_parent_to_child_monitor_gpa);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, child_to_parent_monitor_gpa) ==
                       32,
                   vmbp_initiate_contact_child_to_parent_monitor_gpa);

/**
 * @brief INITIATE_CONTACT of 6.0 with feature CLIENT_ID requested: the 40-byte form followed
 * by the client ID GUID at offset 40 (56 bytes; OpenVMM `InitiateContact2`, mu_msvm
 * `ClientId`; Linux has no such form).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 4 | version_requested | proposed version |
 * | 12 | 4 | target_message_vp | VP for host messages |
 * | 16 | 1 | target_sint | SINT for host messages |
 * | 17 | 1 | target_vtl | VTL for host messages |
 * | 18 | 2 | rsvdz1 | zero |
 * | 20 | 4 | feature_flags | requested feature flags |
 * | 24 | 8 | parent_to_child_monitor_gpa | monitor page 1 |
 * | 32 | 8 | child_to_parent_monitor_gpa | monitor page 2 |
 * | 40 | 16 | client_id | client kind |
 */
struct vmbp_initiate_contact_client_id_wire {
    struct vmbp_msg_header_wire hdr;      /**< type 14 */
    uint32_t version_requested;           /**< proposed version (6.0 or later) */
    uint32_t target_message_vp;           /**< VP for host messages */
    uint8_t target_sint;                  /**< SINT for host messages */
    uint8_t target_vtl;                   /**< VTL for host messages */
    uint8_t rsvdz1[2];                    /**< zero */
    uint32_t feature_flags;               /**< requested feature flags, CLIENT_ID among them */
    uint64_t parent_to_child_monitor_gpa; /**< monitor page 1 */
    uint64_t child_to_parent_monitor_gpa; /**< monitor page 2 */
    uint8_t client_id[16];                /**< kind of client (Windows, Linux, UEFI, ...) */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_client_id_wire) == 56,
                   vmbp_initiate_contact_client_id_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, hdr) == 0,
                   vmbp_initiate_contact_client_id_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, version_requested) ==
                       8,
                   vmbp_initiate_contact_client_id_version_requested);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, target_message_vp) ==
                       12,
                   vmbp_initiate_contact_client_id_target_message_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, target_sint) == 16,
                   vmbp_initiate_contact_client_id_target_sint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, target_vtl) == 17,
                   vmbp_initiate_contact_client_id_target_vtl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, rsvdz1) == 18,
                   vmbp_initiate_contact_client_id_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, feature_flags) == 20,
                   vmbp_initiate_contact_client_id_feature_flags);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire,
                            parent_to_child_monitor_gpa) == 24,
                   vmbp_initiate_contact_client_id_parent_to_child_monitor_gpa);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire,
                            child_to_parent_monitor_gpa) == 32,
                   vmbp_initiate_contact_client_id_child_to_parent_monitor_gpa);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, client_id) == 40,
                   vmbp_initiate_contact_client_id_client_id);

/**
 * @brief VERSION_RESPONSE, the base form (16 bytes; the only one Linux and QEMU know).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 1 | version_supported | non-zero: the proposed version is accepted |
 * | 9 | 1 | connection_state | VMBP_CONNECTION_*; may be garbage from pre-2.4 hosts |
 * | 10 | 2 | rsvdz1 | padding; ignored (old hosts leave it uninitialised) |
 * | 12 | 4 | msg_conn_id | from 5.0: message connection ID for later messages |
 */
struct vmbp_version_response_wire {
    struct vmbp_msg_header_wire hdr; /**< type 15 */
    uint8_t version_supported;       /**< Linux `version_supported` */
    uint8_t connection_state;        /**< Linux `connection_state` */
    uint16_t rsvdz1;                 /**< Linux `padding`, mu_msvm `Pad` */
    /** Linux `msg_conn_id`, OpenVMM `selected_version_or_connection_id` */
    uint32_t msg_conn_id;
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_wire) == 16, vmbp_version_response_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, hdr) == 0,
                   vmbp_version_response_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, version_supported) == 8,
                   vmbp_version_response_version_supported);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, connection_state) == 9,
                   vmbp_version_response_connection_state);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, rsvdz1) == 10,
                   vmbp_version_response_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, msg_conn_id) == 12,
                   vmbp_version_response_msg_conn_id);

/**
 * @brief VERSION_RESPONSE with the host's supported feature flags (20 bytes; OpenVMM
 * `VersionResponse2`, mu_msvm `SupportedFeatures`), sent by 6.0 hosts that accept 6.0.
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 1 | version_supported | non-zero: accepted |
 * | 9 | 1 | connection_state | VMBP_CONNECTION_* |
 * | 10 | 2 | rsvdz1 | padding; ignored |
 * | 12 | 4 | msg_conn_id | message connection ID |
 * | 16 | 4 | supported_features | host's feature flags |
 */
struct vmbp_version_response_features_wire {
    struct vmbp_msg_header_wire hdr; /**< type 15 */
    uint8_t version_supported;       /**< non-zero: accepted */
    uint8_t connection_state;        /**< VMBP_CONNECTION_* */
    uint16_t rsvdz1;                 /**< ignored */
    uint32_t msg_conn_id;            /**< message connection ID */
    uint32_t supported_features;     /**< `VMBP_FEATURE_*` the host supports */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_features_wire) == 20,
                   vmbp_version_response_features_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, hdr) == 0,
                   vmbp_version_response_features_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, version_supported) == 8,
                   vmbp_version_response_features_version_supported);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, connection_state) == 9,
                   vmbp_version_response_features_connection_state);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, rsvdz1) == 10,
                   vmbp_version_response_features_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, msg_conn_id) == 12,
                   vmbp_version_response_features_msg_conn_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, supported_features) ==
                       16,
                   vmbp_version_response_features_supported_features);

/**
 * @brief VERSION_RESPONSE with host-provided monitor pages (40 bytes; OpenVMM
 * `VersionResponse3`), sent when the host provides the monitor pages
 * (SERVER_SPECIFIED_MONITOR_PAGES).
 *
 * | offset | size | field | meaning |
 * |---|---|---|---|
 * | 8 | 1 | version_supported | non-zero: accepted |
 * | 9 | 1 | connection_state | VMBP_CONNECTION_* |
 * | 10 | 2 | rsvdz1 | padding; ignored |
 * | 12 | 4 | msg_conn_id | message connection ID |
 * | 16 | 4 | supported_features | host's feature flags |
 * | 20 | 4 | rsvdz2 | padding; ignored (see spec/msg_connect.md) |
 * | 24 | 8 | parent_to_child_monitor_gpa | may be 0 |
 * | 32 | 8 | child_to_parent_monitor_gpa | non-zero when the pages are provided |
 */
struct vmbp_version_response_monitor_wire {
    struct vmbp_msg_header_wire hdr;      /**< type 15 */
    uint8_t version_supported;            /**< non-zero: accepted */
    uint8_t connection_state;             /**< VMBP_CONNECTION_* */
    uint16_t rsvdz1;                      /**< ignored */
    uint32_t msg_conn_id;                 /**< message connection ID */
    uint32_t supported_features;          /**< host's `VMBP_FEATURE_*` */
    uint32_t rsvdz2;                      /**< OpenVMM `_padding`; ignored */
    uint64_t parent_to_child_monitor_gpa; /**< host-provided monitor page 1 */
    uint64_t child_to_parent_monitor_gpa; /**< host-provided monitor page 2 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_monitor_wire) == 40,
                   vmbp_version_response_monitor_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, hdr) == 0,
                   vmbp_version_response_monitor_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, version_supported) == 8,
                   vmbp_version_response_monitor_version_supported);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, connection_state) == 9,
                   vmbp_version_response_monitor_connection_state);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, rsvdz1) == 10,
                   vmbp_version_response_monitor_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, msg_conn_id) == 12,
                   vmbp_version_response_monitor_msg_conn_id);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, supported_features) ==
                       16,
                   vmbp_version_response_monitor_supported_features);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, rsvdz2) == 20,
                   vmbp_version_response_monitor_rsvdz2);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire,
                            parent_to_child_monitor_gpa) == 24,
                   vmbp_version_response_monitor_parent_to_child_monitor_gpa);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire,
                            child_to_parent_monitor_gpa) == 32,
                   vmbp_version_response_monitor_child_to_parent_monitor_gpa);

/**
 * @brief MODIFY_CONNECTION (24 bytes; 6.0 with MODIFY_CONNECTION): the guest replaces the
 * monitor pages.
 */
struct vmbp_modify_connection_wire {
    struct vmbp_msg_header_wire hdr;      /**< type 25 */
    uint64_t parent_to_child_monitor_gpa; /**< new monitor page 1 */
    uint64_t child_to_parent_monitor_gpa; /**< new monitor page 2 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_connection_wire) == 24,
                   vmbp_modify_connection_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_wire, hdr) == 0,
                   vmbp_modify_connection_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_wire, parent_to_child_monitor_gpa) ==
                       8,
                   vmbp_modify_connection_parent_to_child_monitor_gpa);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_wire, child_to_parent_monitor_gpa) ==
                       16,
                   vmbp_modify_connection_child_to_parent_monitor_gpa);

/**
 * @brief MODIFY_CONNECTION_RESPONSE: **9 bytes** on the wire, the header and one byte.
 *
 * The C struct is 12 bytes because the header makes it 4-byte aligned; @c pad0 is that
 * alignment padding and is never sent (VMBP_MSG_MODIFY_CONNECTION_RESPONSE_SIZE).
 */
struct vmbp_modify_connection_response_wire {
    struct vmbp_msg_header_wire hdr; /**< type 26 */
    uint8_t connection_state;        /**< VMBP_CONNECTION_* */
    uint8_t pad0[3];                 /**< struct padding, not on the wire */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_connection_response_wire) == 12,
                   vmbp_modify_connection_response_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_response_wire, hdr) == 0,
                   vmbp_modify_connection_response_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_response_wire, connection_state) == 8,
                   vmbp_modify_connection_response_connection_state);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_response_wire, pad0) == 9,
                   vmbp_modify_connection_response_pad0);

/**
 * @brief INITIATE_CONTACT, decoded. Which members mean something depends on @c variant:
 * the others are zero after decoding and not written by the encoder.
 *
 * | variant                     | requested version | members                          |
 * |-----------------------------|-------------------|----------------------------------|
 * | INITIATE_CONTACT_IPAGE      | below 5.0         | interrupt_page                   |
 * | INITIATE_CONTACT_SINT       | 5.0 .. 5.3        | target_sint, target_vtl          |
 * | INITIATE_CONTACT_FEATURES   | 6.0, no CLIENT_ID | + feature_flags                  |
 * | INITIATE_CONTACT_CLIENT_ID  | 6.0, CLIENT_ID    | + client_id (56 bytes)           |
 *
 * version_requested, target_message_vp and the two monitor GPAs exist in every form.
 */
struct vmbp_initiate_contact {
    enum vmbp_msg_variant variant;        /**< one of the four INITIATE_CONTACT variants */
    uint32_t version_requested;           /**< proposed version (may be unknown to the host) */
    uint32_t target_message_vp;           /**< Linux `target_vcpu`, mu_msvm `TargetMessageVp` */
    uint64_t interrupt_page;              /**< IPAGE form only */
    uint8_t target_sint;                  /**< Linux `msg_sint`; 0..15 */
    uint8_t target_vtl;                   /**< Linux `msg_vtl`; 0..15 */
    uint32_t feature_flags;               /**< 6.0: requested `VMBP_FEATURE_*` */
    uint64_t parent_to_child_monitor_gpa; /**< Linux `monitor_page1` */
    uint64_t child_to_parent_monitor_gpa; /**< Linux `monitor_page2` */
    struct vmbp_guid client_id;           /**< CLIENT_ID form only */
};

/**
 * @brief VERSION_RESPONSE, decoded. The variant is chosen by length (OpenVMM's rule), so a
 * guest uses @c supported_features only through vmbp_features_negotiate() (empty below 6.0)
 * and the monitor GPAs only when SERVER_SPECIFIED_MONITOR_PAGES is negotiated.
 */
struct vmbp_version_response {
    enum vmbp_msg_variant variant;        /**< VERSION_RESPONSE, _FEATURES or _MONITOR */
    uint8_t version_supported;            /**< non-zero: accepted (Linux tests `!= 0`) */
    uint8_t connection_state;             /**< VMBP_CONNECTION_*; not range-checked */
    uint32_t msg_conn_id;                 /**< from 5.0: connection ID for later messages */
    uint32_t supported_features;          /**< _FEATURES and _MONITOR forms */
    uint64_t parent_to_child_monitor_gpa; /**< _MONITOR form */
    uint64_t child_to_parent_monitor_gpa; /**< _MONITOR form */
};

/**
 * @brief MODIFY_CONNECTION, decoded.
 */
struct vmbp_modify_connection {
    uint64_t parent_to_child_monitor_gpa; /**< new monitor page 1 */
    uint64_t child_to_parent_monitor_gpa; /**< new monitor page 2 */
};

/**
 * @brief MODIFY_CONNECTION_RESPONSE, decoded.
 */
struct vmbp_modify_connection_response {
    uint8_t connection_state; /**< VMBP_CONNECTION_*; not range-checked */
};

/**
 * @brief A message that is only a header: REQUEST_OFFERS, ALL_OFFERS_DELIVERED, UNLOAD,
 * UNLOAD_COMPLETE (Linux `UNLOAD_RESPONSE`), PAUSE, PAUSE_RESPONSE, RESUME.
 */
struct vmbp_msg_empty {
    uint32_t type; /**< one of the seven header-only types */
};

VMBP_STATIC_ASSERT(sizeof(struct vmbp_msg_header_wire) == 8, vmbp_msgv_request_offers_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_msg_header_wire) == 8,
                   vmbp_msgv_all_offers_delivered_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_client_id_wire) == 56,
                   vmbp_msgv_initiate_contact_client_id_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_wire) == 40,
                   vmbp_msgv_initiate_contact_features_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_wire) == 40,
                   vmbp_msgv_initiate_contact_sint_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_ipage_wire) == 40,
                   vmbp_msgv_initiate_contact_ipage_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_monitor_wire) == 40,
                   vmbp_msgv_version_response_monitor_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_features_wire) == 20,
                   vmbp_msgv_version_response_features_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_wire) == 16,
                   vmbp_msgv_version_response_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_msg_header_wire) == 8, vmbp_msgv_unload_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_msg_header_wire) == 8, vmbp_msgv_unload_complete_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_connection_wire) == 24,
                   vmbp_msgv_modify_connection_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_response_wire, pad0) == 9,
                   vmbp_msgv_modify_connection_response_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_msg_header_wire) == 8, vmbp_msgv_pause_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_msg_header_wire) == 8, vmbp_msgv_pause_response_size);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_msg_header_wire) == 8, vmbp_msgv_resume_size);
/* @generated end structs */

/** @brief Wire size of MODIFY_CONNECTION_RESPONSE (OpenVMM: 1-byte payload). */
#define VMBP_MSG_MODIFY_CONNECTION_RESPONSE_SIZE 9u

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Name of a connection state (VERSION_RESPONSE, MODIFY_CONNECTION_RESPONSE).
 * @param state the state byte
 * @return "SUCCESSFUL", "FAILED_LOW_RESOURCES", "FAILED_UNKNOWN_FAILURE", or NULL
 */
VMBP_INLINE const char *vmbp_connection_state_name(uint32_t state)
{
    switch (state) {
    case VMBP_CONNECTION_SUCCESSFUL:
        return "SUCCESSFUL";
    case VMBP_CONNECTION_FAILED_LOW_RESOURCES:
        return "FAILED_LOW_RESOURCES";
    case VMBP_CONNECTION_FAILED_UNKNOWN_FAILURE:
        return "FAILED_UNKNOWN_FAILURE";
    default:
        return NULL;
    }
}

/**
 * @brief Child message connection ID of a server on a non-standard SINT or VTL (OpenVMM
 * `vmbus_server/src/lib.rs` `get_child_message_connection_id`):
 * `4 | vtl << 22 | vp << 8 | sint << 4`.
 * Each input is cut to its field's width, so fields never overlap and the result stays a
 * 24-bit connection ID.
 * @param vp   VP index, 0..16383
 * @param sint SINT, 0..15
 * @param vtl  VTL, 0..3
 * @return the connection ID
 */
VMBP_INLINE uint32_t vmbp_msg_child_message_connection_id(uint32_t vp, uint32_t sint,
                                                          uint32_t vtl)
{
    return VMBP_MESSAGE_CONNECTION_ID_MULTICLIENT | ((vtl & 0x3u) << 22) |
           ((vp & 0x3FFFu) << 8) | ((sint & 0xFu) << 4);
}

/**
 * @brief Child event port ID of a channel on a non-standard SINT or VTL (OpenVMM
 * `get_child_event_port_id`): `2 | vtl << 22 | relid << 8 | sint << 4`.
 * Each input is cut to its field's width, as above.
 * @param relid channel ID, 1..2047
 * @param sint  SINT, 0..15
 * @param vtl   VTL, 0..3
 * @return the port ID
 */
VMBP_INLINE uint32_t vmbp_msg_child_event_port_id(uint32_t relid, uint32_t sint, uint32_t vtl)
{
    return VMBP_EVENT_CONNECTION_ID | ((vtl & 0x3u) << 22) | ((relid & 0x3FFFu) << 8) |
           ((sint & 0xFu) << 4);
}

/**
 * @brief The connection ID an OpenVMM host puts in a channel's offer (`protocol.rs`
 * `ConnectionId::new`): `relid | sint << 12 | vtl << 16`, SINT 2. Guests must not assume it:
 * they use the offer's @c connection_id.
 * Each input is cut to its field's width (relid 12 bits, SINT 4, VTL 8).
 * @param relid channel ID, 1..2047
 * @param sint  SINT, 0..15
 * @param vtl   VTL, 0..3
 * @return the connection ID
 */
VMBP_INLINE uint32_t vmbp_msg_channel_connection_id(uint32_t relid, uint32_t sint, uint32_t vtl)
{
    return (relid & 0xFFFu) | ((sint & 0xFu) << 12) | ((vtl & 0xFFu) << 16);
}

/**
 * @brief The INITIATE_CONTACT form a proposal takes (spec/msg_connect.md, VMBP-CONN-001).
 * @param version_requested proposed version
 * @param feature_flags     requested feature flags (ignored below 6.0)
 * @return VMBP_MSGV_INITIATE_CONTACT_IPAGE below 5.0, _SINT below 6.0, from 6.0 _CLIENT_ID
 * when CLIENT_ID is requested, else _FEATURES: the rows of the message table, as the decoder
 * reads them
 */
VMBP_INLINE enum vmbp_msg_variant vmbp_msg_initiate_contact_variant(uint32_t version_requested,
                                                                    uint32_t feature_flags)
{
    return vmbp_priv_msg_initiate_contact_form(version_requested, feature_flags);
}

/**
 * @brief Whether a VERSION_RESPONSE hands the guest host-provided monitor pages: the guest
 * requested SERVER_SPECIFIED_MONITOR_PAGES, the accepted 6.0 response carries it, and the
 * response is the 40-byte form. A shorter response, or padding that makes a short one look
 * long, never counts (OpenVMM's client reasons the same way).
 * @param r         decoded response
 * @param version   the version the guest proposed
 * @param requested feature flags the guest requested
 * @return true if the guest must use `r`'s monitor GPAs instead of its own
 */
VMBP_INLINE bool
vmbp_msg_version_response_has_monitor_pages(const struct vmbp_version_response *r,
                                            uint32_t version, uint32_t requested)
{
    uint32_t f = (uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;

    return r != NULL && r->version_supported != 0 &&
           r->variant == VMBP_MSGV_VERSION_RESPONSE_MONITOR &&
           (vmbp_features_negotiate(version, requested, r->supported_features) & f) != 0;
}

/* @generated begin codec: gen/msggen.py from gen/msg.toml; edit the table, not this block */
/** @cond VMBP_INTERNAL */
static const struct vmbp_msg_field vmbp_priv_fields_request_offers[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_all_offers_delivered[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_initiate_contact_client_id[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"version_requested", "proposed protocol version",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire, version_requested)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, version_requested),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_VERSION, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_message_vp", "VP that receives host messages (honoured from 3.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire, target_message_vp)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_message_vp),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_sint", "SINT that receives host messages (5.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire, target_sint)), 1u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_sint),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"target_vtl", "VTL that receives host messages (honoured from 5.1)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire, target_vtl)), 1u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_vtl),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz1", "reserved, zero",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire, rsvdz1)), 2u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_BYTES, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"feature_flags", "requested feature flags (6.0), CLIENT_ID among them",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire, feature_flags)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, feature_flags),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_FEATURES, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"parent_to_child_monitor_gpa", "monitor page 1, host to guest (Linux monitor_page1)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire,
                         parent_to_child_monitor_gpa)),
     8u, (uint16_t)offsetof(struct vmbp_initiate_contact, parent_to_child_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_to_parent_monitor_gpa", "monitor page 2, guest to host (Linux monitor_page2)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire,
                         child_to_parent_monitor_gpa)),
     8u, (uint16_t)offsetof(struct vmbp_initiate_contact, child_to_parent_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"client_id", "client kind (Windows, Linux, UEFI, ...)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_client_id_wire, client_id)), 16u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, client_id), (uint8_t)VMBP_MSG_FIELD_GUID,
     (uint8_t)VMBP_MSG_FMT_GUID, 0u, (uint8_t)VMBP_MSG_WIRE_GUID,
     (uint8_t)VMBP_MSG_ENDIAN_GUID},
};
static const struct vmbp_msg_field vmbp_priv_fields_initiate_contact_features[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"version_requested", "proposed protocol version",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, version_requested)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, version_requested),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_VERSION, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_message_vp", "VP that receives host messages (honoured from 3.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, target_message_vp)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_message_vp),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_sint", "SINT that receives host messages (5.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, target_sint)), 1u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_sint),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"target_vtl", "VTL that receives host messages (honoured from 5.1)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, target_vtl)), 1u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_vtl),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz1", "reserved, zero",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, rsvdz1)), 2u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_BYTES, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"feature_flags", "requested feature flags (6.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, feature_flags)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, feature_flags),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_FEATURES, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"parent_to_child_monitor_gpa", "monitor page 1, host to guest (Linux monitor_page1)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, parent_to_child_monitor_gpa)), 8u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, parent_to_child_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_to_parent_monitor_gpa", "monitor page 2, guest to host (Linux monitor_page2)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, child_to_parent_monitor_gpa)), 8u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, child_to_parent_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_initiate_contact_sint[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"version_requested", "proposed protocol version",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, version_requested)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, version_requested),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_VERSION, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_message_vp", "VP that receives host messages (honoured from 3.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, target_message_vp)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_message_vp),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_sint", "SINT that receives host messages (5.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, target_sint)), 1u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_sint),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"target_vtl", "VTL that receives host messages (honoured from 5.1)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, target_vtl)), 1u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_vtl),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz1", "reserved, zero",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, rsvdz1)), 2u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_BYTES, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz2", "reserved below 6.0, zero",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, feature_flags)), 4u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVDZ, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"parent_to_child_monitor_gpa", "monitor page 1, host to guest (Linux monitor_page1)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, parent_to_child_monitor_gpa)), 8u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, parent_to_child_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_to_parent_monitor_gpa", "monitor page 2, guest to host (Linux monitor_page2)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_wire, child_to_parent_monitor_gpa)), 8u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, child_to_parent_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_initiate_contact_ipage[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"version_requested", "proposed protocol version",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_ipage_wire, version_requested)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, version_requested),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_VERSION, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"target_message_vp", "VP that receives host messages (honoured from 3.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_ipage_wire, target_message_vp)), 4u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, target_message_vp),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"interrupt_page", "GPA of the shared interrupt page (below 5.0)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_ipage_wire, interrupt_page)), 8u,
     (uint16_t)offsetof(struct vmbp_initiate_contact, interrupt_page),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"parent_to_child_monitor_gpa", "monitor page 1, host to guest (Linux monitor_page1)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_ipage_wire, parent_to_child_monitor_gpa)),
     8u, (uint16_t)offsetof(struct vmbp_initiate_contact, parent_to_child_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_to_parent_monitor_gpa", "monitor page 2, guest to host (Linux monitor_page2)",
     (uint16_t)(offsetof(struct vmbp_initiate_contact_ipage_wire, child_to_parent_monitor_gpa)),
     8u, (uint16_t)offsetof(struct vmbp_initiate_contact, child_to_parent_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_version_response_monitor[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"version_supported", "non-zero: the proposed version is accepted",
     (uint16_t)(offsetof(struct vmbp_version_response_monitor_wire, version_supported)), 1u,
     (uint16_t)offsetof(struct vmbp_version_response, version_supported),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"connection_state", "connection state (garbage from pre-2.4 hosts)",
     (uint16_t)(offsetof(struct vmbp_version_response_monitor_wire, connection_state)), 1u,
     (uint16_t)offsetof(struct vmbp_version_response, connection_state),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_CONN_STATE, 0u,
     (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz1", "padding, ignored: old hosts leave it uninitialised",
     (uint16_t)(offsetof(struct vmbp_version_response_monitor_wire, rsvdz1)), 2u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U16, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"msg_conn_id", "from 5.0: message connection ID for later messages",
     (uint16_t)(offsetof(struct vmbp_version_response_monitor_wire, msg_conn_id)), 4u,
     (uint16_t)offsetof(struct vmbp_version_response, msg_conn_id),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"supported_features", "feature flags the host supports",
     (uint16_t)(offsetof(struct vmbp_version_response_monitor_wire, supported_features)), 4u,
     (uint16_t)offsetof(struct vmbp_version_response, supported_features),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_FEATURES, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz2", "padding, ignored",
     (uint16_t)(offsetof(struct vmbp_version_response_monitor_wire, rsvdz2)), 4u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"parent_to_child_monitor_gpa", "host-provided monitor page 1 (may be 0)",
     (uint16_t)(offsetof(struct vmbp_version_response_monitor_wire,
                         parent_to_child_monitor_gpa)),
     8u, (uint16_t)offsetof(struct vmbp_version_response, parent_to_child_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_to_parent_monitor_gpa", "host-provided monitor page 2",
     (uint16_t)(offsetof(struct vmbp_version_response_monitor_wire,
                         child_to_parent_monitor_gpa)),
     8u, (uint16_t)offsetof(struct vmbp_version_response, child_to_parent_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_version_response_features[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"version_supported", "non-zero: the proposed version is accepted",
     (uint16_t)(offsetof(struct vmbp_version_response_features_wire, version_supported)), 1u,
     (uint16_t)offsetof(struct vmbp_version_response, version_supported),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"connection_state", "connection state (garbage from pre-2.4 hosts)",
     (uint16_t)(offsetof(struct vmbp_version_response_features_wire, connection_state)), 1u,
     (uint16_t)offsetof(struct vmbp_version_response, connection_state),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_CONN_STATE, 0u,
     (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz1", "padding, ignored: old hosts leave it uninitialised",
     (uint16_t)(offsetof(struct vmbp_version_response_features_wire, rsvdz1)), 2u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U16, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"msg_conn_id", "from 5.0: message connection ID for later messages",
     (uint16_t)(offsetof(struct vmbp_version_response_features_wire, msg_conn_id)), 4u,
     (uint16_t)offsetof(struct vmbp_version_response, msg_conn_id),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"supported_features", "feature flags the host supports",
     (uint16_t)(offsetof(struct vmbp_version_response_features_wire, supported_features)), 4u,
     (uint16_t)offsetof(struct vmbp_version_response, supported_features),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_FEATURES, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_version_response[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"version_supported", "non-zero: the proposed version is accepted",
     (uint16_t)(offsetof(struct vmbp_version_response_wire, version_supported)), 1u,
     (uint16_t)offsetof(struct vmbp_version_response, version_supported),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_DEC, 0u, (uint8_t)VMBP_MSG_WIRE_U8,
     (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"connection_state", "connection state (garbage from pre-2.4 hosts)",
     (uint16_t)(offsetof(struct vmbp_version_response_wire, connection_state)), 1u,
     (uint16_t)offsetof(struct vmbp_version_response, connection_state),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_CONN_STATE, 0u,
     (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
    {"rsvdz1", "padding, ignored: old hosts leave it uninitialised",
     (uint16_t)(offsetof(struct vmbp_version_response_wire, rsvdz1)), 2u,
     VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U16, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"msg_conn_id", "from 5.0: message connection ID for later messages",
     (uint16_t)(offsetof(struct vmbp_version_response_wire, msg_conn_id)), 4u,
     (uint16_t)offsetof(struct vmbp_version_response, msg_conn_id),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_unload[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_unload_complete[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_modify_connection[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"parent_to_child_monitor_gpa", "new monitor page 1",
     (uint16_t)(offsetof(struct vmbp_modify_connection_wire, parent_to_child_monitor_gpa)), 8u,
     (uint16_t)offsetof(struct vmbp_modify_connection, parent_to_child_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"child_to_parent_monitor_gpa", "new monitor page 2",
     (uint16_t)(offsetof(struct vmbp_modify_connection_wire, child_to_parent_monitor_gpa)), 8u,
     (uint16_t)offsetof(struct vmbp_modify_connection, child_to_parent_monitor_gpa),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_HEX, 0u, (uint8_t)VMBP_MSG_WIRE_U64,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_modify_connection_response[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"connection_state", "connection state",
     (uint16_t)(offsetof(struct vmbp_modify_connection_response_wire, connection_state)), 1u,
     (uint16_t)offsetof(struct vmbp_modify_connection_response, connection_state),
     (uint8_t)VMBP_MSG_FIELD_VALUE, (uint8_t)VMBP_MSG_FMT_CONN_STATE, 0u,
     (uint8_t)VMBP_MSG_WIRE_U8, (uint8_t)VMBP_MSG_ENDIAN_NONE},
};
static const struct vmbp_msg_field vmbp_priv_fields_pause[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_pause_response[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};
static const struct vmbp_msg_field vmbp_priv_fields_resume[] = {
    {"msgtype", "message type", 0, 4, VMBP_MSG_FIELD_NO_HOST, (uint8_t)VMBP_MSG_FIELD_HEADER,
     (uint8_t)VMBP_MSG_FMT_MSGTYPE, 0u, (uint8_t)VMBP_MSG_WIRE_U32,
     (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
    {"rsvdz0", "header padding: written 0, ignored", 4, 4, VMBP_MSG_FIELD_NO_HOST,
     (uint8_t)VMBP_MSG_FIELD_RSVD_IGN, (uint8_t)VMBP_MSG_FMT_HEX, 0u,
     (uint8_t)VMBP_MSG_WIRE_U32, (uint8_t)VMBP_MSG_ENDIAN_LITTLE},
};

VMBP_STATIC_ASSERT((VMBP_SINT_MAX) == 0xFu, vmbp_msg_connect_table_vmbp_sint_max);
VMBP_STATIC_ASSERT((VMBP_VTL_MAX) == 0xFu, vmbp_msg_connect_table_vmbp_vtl_max);
VMBP_STATIC_ASSERT(((uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES) == 0x40u,
                   vmbp_msg_connect_table_vmbp_feature_server_specified_monitor_pages);

/* REQUEST_OFFERS: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_request_offers(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  enum vmbp_msg_variant v, struct vmbp_msg_empty *out,
                                  struct vmbp_msg_fault *fault)
{
    (void)p;
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_msg_header_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->type = VMBP_MSG_REQUEST_OFFERS;
    }
    return VMBP_OK;
}

/* ALL_OFFERS_DELIVERED: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_all_offers_delivered(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_msg_empty *out, struct vmbp_msg_fault *fault)
{
    (void)p;
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_msg_header_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->type = VMBP_MSG_ALL_OFFERS_DELIVERED;
    }
    return VMBP_OK;
}

/* INITIATE_CONTACT: the decoder of its variants: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_initiate_contact(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    enum vmbp_msg_variant v, struct vmbp_initiate_contact *out,
                                    struct vmbp_msg_fault *fault)
{
    uint8_t target_sint = 0;
    uint8_t target_vtl = 0;
    uint32_t feature_flags = 0;

    (void)ctx;
    if (len < (v == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID
                   ? sizeof(struct vmbp_initiate_contact_client_id_wire)
                   : sizeof(struct vmbp_initiate_contact_wire)))
        return VMBP_E_TRUNCATED;
    if (v != VMBP_MSGV_INITIATE_CONTACT_IPAGE)
        target_sint = p[offsetof(struct vmbp_initiate_contact_client_id_wire, target_sint)];
    if (v != VMBP_MSGV_INITIATE_CONTACT_IPAGE)
        target_vtl = p[offsetof(struct vmbp_initiate_contact_client_id_wire, target_vtl)];
    if (v == VMBP_MSGV_INITIATE_CONTACT_SINT)
        feature_flags =
            vmbp_load_le32(p + offsetof(struct vmbp_initiate_contact_wire, feature_flags));
    if ((v != VMBP_MSGV_INITIATE_CONTACT_IPAGE) &&
        !vmbp_priv_msg_zero(p + offsetof(struct vmbp_initiate_contact_client_id_wire, rsvdz1),
                            2u))
        return vmbp_priv_msg_fail(fault, VMBP_E_RSVD_NONZERO, 0u, 0u, 0u);
    if ((v == VMBP_MSGV_INITIATE_CONTACT_SINT) && feature_flags != 0)
        return vmbp_priv_msg_fail(fault, VMBP_E_RSVD_NONZERO, 1u, feature_flags, 0u);
    if ((v != VMBP_MSGV_INITIATE_CONTACT_IPAGE) && target_sint > VMBP_SINT_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 2u, target_sint, 0u);
    if ((v != VMBP_MSGV_INITIATE_CONTACT_IPAGE) && target_vtl > VMBP_VTL_MAX)
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 3u, target_vtl, 0u);
    if (out) {
        out->variant = v;
        out->version_requested = vmbp_load_le32(
            p + offsetof(struct vmbp_initiate_contact_client_id_wire, version_requested));
        out->target_message_vp = vmbp_load_le32(
            p + offsetof(struct vmbp_initiate_contact_client_id_wire, target_message_vp));
        if (v != VMBP_MSGV_INITIATE_CONTACT_IPAGE) {
            out->interrupt_page = 0;
        } else {
            out->interrupt_page = vmbp_load_le64(
                p + offsetof(struct vmbp_initiate_contact_ipage_wire, interrupt_page));
        }
        if (v != VMBP_MSGV_INITIATE_CONTACT_IPAGE) {
            out->target_sint = target_sint;
        } else {
            out->target_sint = 0;
        }
        if (v != VMBP_MSGV_INITIATE_CONTACT_IPAGE) {
            out->target_vtl = target_vtl;
        } else {
            out->target_vtl = 0;
        }
        if (v == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID ||
            v == VMBP_MSGV_INITIATE_CONTACT_FEATURES) {
            out->feature_flags = vmbp_load_le32(
                p + offsetof(struct vmbp_initiate_contact_client_id_wire, feature_flags));
        } else {
            out->feature_flags = 0;
        }
        out->parent_to_child_monitor_gpa =
            vmbp_load_le64(p + offsetof(struct vmbp_initiate_contact_client_id_wire,
                                        parent_to_child_monitor_gpa));
        out->child_to_parent_monitor_gpa =
            vmbp_load_le64(p + offsetof(struct vmbp_initiate_contact_client_id_wire,
                                        child_to_parent_monitor_gpa));
        if (v == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID) {
            VMBP_MEMCPY(out->client_id.bytes,
                        p + offsetof(struct vmbp_initiate_contact_client_id_wire, client_id),
                        16);
        } else {
            VMBP_MEMSET(&out->client_id, 0, sizeof(out->client_id));
        }
    }
    return VMBP_OK;
}

/* VERSION_RESPONSE: the decoder of its variants: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_version_response(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    enum vmbp_msg_variant v, struct vmbp_version_response *out,
                                    struct vmbp_msg_fault *fault)
{
    uint32_t supported_features = 0;
    uint64_t child_to_parent_monitor_gpa = 0;

    (void)ctx;
    if (len < (v == VMBP_MSGV_VERSION_RESPONSE_MONITOR
                   ? sizeof(struct vmbp_version_response_monitor_wire)
               : v == VMBP_MSGV_VERSION_RESPONSE_FEATURES
                   ? sizeof(struct vmbp_version_response_features_wire)
                   : sizeof(struct vmbp_version_response_wire)))
        return VMBP_E_TRUNCATED;
    if (v == VMBP_MSGV_VERSION_RESPONSE_MONITOR)
        supported_features = vmbp_load_le32(
            p + offsetof(struct vmbp_version_response_monitor_wire, supported_features));
    if (v == VMBP_MSGV_VERSION_RESPONSE_MONITOR)
        child_to_parent_monitor_gpa =
            vmbp_load_le64(p + offsetof(struct vmbp_version_response_monitor_wire,
                                        child_to_parent_monitor_gpa));
    if ((v == VMBP_MSGV_VERSION_RESPONSE_MONITOR) &&
        (supported_features & ((uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES)) != 0 &&
        (child_to_parent_monitor_gpa == 0))
        return vmbp_priv_msg_fail(fault, VMBP_E_FIELD_RANGE, 0u, child_to_parent_monitor_gpa,
                                  0u);
    if (out) {
        out->variant = v;
        out->version_supported =
            p[offsetof(struct vmbp_version_response_monitor_wire, version_supported)];
        out->connection_state =
            p[offsetof(struct vmbp_version_response_monitor_wire, connection_state)];
        out->msg_conn_id = vmbp_load_le32(
            p + offsetof(struct vmbp_version_response_monitor_wire, msg_conn_id));
        if (v == VMBP_MSGV_VERSION_RESPONSE_MONITOR) {
            out->supported_features = supported_features;
        } else if (v == VMBP_MSGV_VERSION_RESPONSE_FEATURES) {
            out->supported_features = vmbp_load_le32(
                p + offsetof(struct vmbp_version_response_features_wire, supported_features));
        } else {
            out->supported_features = 0;
        }
        if (v == VMBP_MSGV_VERSION_RESPONSE_MONITOR) {
            out->parent_to_child_monitor_gpa =
                vmbp_load_le64(p + offsetof(struct vmbp_version_response_monitor_wire,
                                            parent_to_child_monitor_gpa));
        } else {
            out->parent_to_child_monitor_gpa = 0;
        }
        if (v == VMBP_MSGV_VERSION_RESPONSE_MONITOR) {
            out->child_to_parent_monitor_gpa = child_to_parent_monitor_gpa;
        } else {
            out->child_to_parent_monitor_gpa = 0;
        }
    }
    return VMBP_OK;
}

/* UNLOAD: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_unload(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                          enum vmbp_msg_variant v, struct vmbp_msg_empty *out,
                          struct vmbp_msg_fault *fault)
{
    (void)p;
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_msg_header_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->type = VMBP_MSG_UNLOAD;
    }
    return VMBP_OK;
}

/* UNLOAD_COMPLETE: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_unload_complete(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                   enum vmbp_msg_variant v, struct vmbp_msg_empty *out,
                                   struct vmbp_msg_fault *fault)
{
    (void)p;
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_msg_header_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->type = VMBP_MSG_UNLOAD_COMPLETE;
    }
    return VMBP_OK;
}

/* MODIFY_CONNECTION: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_modify_connection(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_modify_connection *out, struct vmbp_msg_fault *fault)
{
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_modify_connection_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->parent_to_child_monitor_gpa = vmbp_load_le64(
            p + offsetof(struct vmbp_modify_connection_wire, parent_to_child_monitor_gpa));
        out->child_to_parent_monitor_gpa = vmbp_load_le64(
            p + offsetof(struct vmbp_modify_connection_wire, child_to_parent_monitor_gpa));
    }
    return VMBP_OK;
}

/* MODIFY_CONNECTION_RESPONSE: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_priv_msg_body_modify_connection_response(
    const uint8_t *p, size_t len, const struct vmbp_ctx *ctx, enum vmbp_msg_variant v,
    struct vmbp_modify_connection_response *out, struct vmbp_msg_fault *fault)
{
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < offsetof(struct vmbp_modify_connection_response_wire, pad0))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->connection_state =
            p[offsetof(struct vmbp_modify_connection_response_wire, connection_state)];
    }
    return VMBP_OK;
}

/* PAUSE: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_pause(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                         enum vmbp_msg_variant v, struct vmbp_msg_empty *out,
                         struct vmbp_msg_fault *fault)
{
    (void)p;
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_msg_header_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->type = VMBP_MSG_PAUSE;
    }
    return VMBP_OK;
}

/* PAUSE_RESPONSE: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_pause_response(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                  enum vmbp_msg_variant v, struct vmbp_msg_empty *out,
                                  struct vmbp_msg_fault *fault)
{
    (void)p;
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_msg_header_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->type = VMBP_MSG_PAUSE_RESPONSE;
    }
    return VMBP_OK;
}

/* RESUME: the decoder of its variant: the variant's own length bound, the checks in
 * order, then the decoded struct, written only when every check passed. */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_body_resume(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                          enum vmbp_msg_variant v, struct vmbp_msg_empty *out,
                          struct vmbp_msg_fault *fault)
{
    (void)p;
    (void)ctx;
    (void)v;
    (void)fault;
    if (len < sizeof(struct vmbp_msg_header_wire))
        return VMBP_E_TRUNCATED;
    if (out) {
        out->type = VMBP_MSG_RESUME;
    }
    return VMBP_OK;
}

/* REQUEST_OFFERS: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_request_offers(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    struct vmbp_msg_empty *out, struct vmbp_msg_fault *fault,
                                    enum vmbp_msg_variant *variant)
{
    *variant = VMBP_MSGV_REQUEST_OFFERS;
    return vmbp_priv_msg_body_request_offers(p, len, ctx, VMBP_MSGV_REQUEST_OFFERS, out, fault);
}

/* ALL_OFFERS_DELIVERED: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_all_offers_delivered(const uint8_t *p, size_t len,
                                          const struct vmbp_ctx *ctx,
                                          struct vmbp_msg_empty *out,
                                          struct vmbp_msg_fault *fault,
                                          enum vmbp_msg_variant *variant)
{
    *variant = VMBP_MSGV_ALL_OFFERS_DELIVERED;
    return vmbp_priv_msg_body_all_offers_delivered(p, len, ctx, VMBP_MSGV_ALL_OFFERS_DELIVERED,
                                                   out, fault);
}

/* INITIATE_CONTACT: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_initiate_contact(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                      struct vmbp_initiate_contact *out,
                                      struct vmbp_msg_fault *fault,
                                      enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_initiate_contact(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_initiate_contact(p, len, ctx, v, out, fault);
}

/* VERSION_RESPONSE: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_version_response(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                      struct vmbp_version_response *out,
                                      struct vmbp_msg_fault *fault,
                                      enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_version_response(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_version_response(p, len, ctx, v, out, fault);
}

/* UNLOAD: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_unload(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                            struct vmbp_msg_empty *out, struct vmbp_msg_fault *fault,
                            enum vmbp_msg_variant *variant)
{
    *variant = VMBP_MSGV_UNLOAD;
    return vmbp_priv_msg_body_unload(p, len, ctx, VMBP_MSGV_UNLOAD, out, fault);
}

/* UNLOAD_COMPLETE: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_unload_complete(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                     struct vmbp_msg_empty *out, struct vmbp_msg_fault *fault,
                                     enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_unload_complete(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_unload_complete(p, len, ctx, v, out, fault);
}

/* MODIFY_CONNECTION: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_modify_connection(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                       struct vmbp_modify_connection *out,
                                       struct vmbp_msg_fault *fault,
                                       enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_modify_connection(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_modify_connection(p, len, ctx, v, out, fault);
}

/* MODIFY_CONNECTION_RESPONSE: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_modify_connection_response(const uint8_t *p, size_t len,
                                                const struct vmbp_ctx *ctx,
                                                struct vmbp_modify_connection_response *out,
                                                struct vmbp_msg_fault *fault,
                                                enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_modify_connection_response(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_modify_connection_response(p, len, ctx, v, out, fault);
}

/* PAUSE: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_pause(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                           struct vmbp_msg_empty *out, struct vmbp_msg_fault *fault,
                           enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_pause(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_pause(p, len, ctx, v, out, fault);
}

/* PAUSE_RESPONSE: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_pause_response(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                                    struct vmbp_msg_empty *out, struct vmbp_msg_fault *fault,
                                    enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_pause_response(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_pause_response(p, len, ctx, v, out, fault);
}

/* RESUME: the variant, then its decoder. */
VMBP_INLINE VMBP_ALWAYS_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_priv_msg_decode_resume(const uint8_t *p, size_t len, const struct vmbp_ctx *ctx,
                            struct vmbp_msg_empty *out, struct vmbp_msg_fault *fault,
                            enum vmbp_msg_variant *variant)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st = vmbp_priv_msg_select_resume(p, len, ctx, &v);

    if (st != VMBP_OK)
        return st;
    *variant = v;
    return vmbp_priv_msg_body_resume(p, len, ctx, v, out, fault);
}

/** @endcond */

/**
 * @brief Decode a header-only message (REQUEST_OFFERS, ALL_OFFERS_DELIVERED, UNLOAD, UNLOAD_COMPLETE, PAUSE, PAUSE_RESPONSE, RESUME). Bytes after the header are ignored
 * (OpenVMM's own tests send ALL_OFFERS_DELIVERED with one extra byte).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_empty_decode(const void *buf, size_t len,
                                                                   const struct vmbp_ctx *ctx,
                                                                   struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, 0u, VMBP_PRIV_MSG_EMPTY_TYPES, &type);

    if (st != VMBP_OK)
        return st;
    switch (type) {
    case VMBP_MSG_REQUEST_OFFERS:
        return vmbp_priv_msg_decode_request_offers((const uint8_t *)buf, len, ctx, out, NULL,
                                                   &v);
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
        return vmbp_priv_msg_decode_all_offers_delivered((const uint8_t *)buf, len, ctx, out,
                                                         NULL, &v);
    case VMBP_MSG_UNLOAD:
        return vmbp_priv_msg_decode_unload((const uint8_t *)buf, len, ctx, out, NULL, &v);
    case VMBP_MSG_UNLOAD_COMPLETE:
        return vmbp_priv_msg_decode_unload_complete((const uint8_t *)buf, len, ctx, out, NULL,
                                                    &v);
    case VMBP_MSG_PAUSE:
        return vmbp_priv_msg_decode_pause((const uint8_t *)buf, len, ctx, out, NULL, &v);
    case VMBP_MSG_PAUSE_RESPONSE:
        return vmbp_priv_msg_decode_pause_response((const uint8_t *)buf, len, ctx, out, NULL,
                                                   &v);
    case VMBP_MSG_RESUME:
    default: /* vmbp_priv_msg_frame() admits these types only */
        return vmbp_priv_msg_decode_resume((const uint8_t *)buf, len, ctx, out, NULL, &v);
    }
}

/**
 * @brief Decode REQUEST_OFFERS, a header-only message, as vmbp_msg_empty_decode() does for this type
 * only (another type is VMBP_E_UNKNOWN_TYPE). Bytes after the header are ignored.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_request_offers_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_REQUEST_OFFERS, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_request_offers((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Decode ALL_OFFERS_DELIVERED, a header-only message, as vmbp_msg_empty_decode() does for this type
 * only (another type is VMBP_E_UNKNOWN_TYPE). Bytes after the header are ignored.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_all_offers_delivered_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                     struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_ALL_OFFERS_DELIVERED, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_all_offers_delivered((const uint8_t *)buf, len, ctx, out, NULL,
                                                     &v);
}

/**
 * @brief Decode UNLOAD, a header-only message, as vmbp_msg_empty_decode() does for this type
 * only (another type is VMBP_E_UNKNOWN_TYPE). Bytes after the header are ignored.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_unload_decode(const void *buf, size_t len,
                                                                    const struct vmbp_ctx *ctx,
                                                                    struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_UNLOAD, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_unload((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Decode UNLOAD_COMPLETE, a header-only message, as vmbp_msg_empty_decode() does for this type
 * only (another type is VMBP_E_UNKNOWN_TYPE). Bytes after the header are ignored.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_unload_complete_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_UNLOAD_COMPLETE, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_unload_complete((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Decode PAUSE, a header-only message, as vmbp_msg_empty_decode() does for this type
 * only (another type is VMBP_E_UNKNOWN_TYPE). Bytes after the header are ignored.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_pause_decode(const void *buf, size_t len,
                                                                   const struct vmbp_ctx *ctx,
                                                                   struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_PAUSE, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_pause((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Decode PAUSE_RESPONSE, a header-only message, as vmbp_msg_empty_decode() does for this type
 * only (another type is VMBP_E_UNKNOWN_TYPE). Bytes after the header are ignored.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_pause_response_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                               struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_PAUSE_RESPONSE, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_pause_response((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Decode RESUME, a header-only message, as vmbp_msg_empty_decode() does for this type
 * only (another type is VMBP_E_UNKNOWN_TYPE). Bytes after the header are ignored.
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_resume_decode(const void *buf, size_t len,
                                                                    const struct vmbp_ctx *ctx,
                                                                    struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_RESUME, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_resume((const uint8_t *)buf, len, ctx, out, NULL, &v);
}

/**
 * @brief Encode a header-only message.
 * @param in  message (its type)
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives 8, the bytes written or needed
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL for a type that has fields
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_empty_encode(const struct vmbp_msg_empty *in, void *buf, size_t cap, size_t *len)
{
    if (!in)
        return VMBP_E_INVAL;
    switch (in->type) {
    case VMBP_MSG_REQUEST_OFFERS:
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
    case VMBP_MSG_UNLOAD:
    case VMBP_MSG_UNLOAD_COMPLETE:
    case VMBP_MSG_PAUSE:
    case VMBP_MSG_PAUSE_RESPONSE:
    case VMBP_MSG_RESUME:
        return vmbp_priv_msg_encode_begin(in->type, vmbp_msg_type_newest_variant(in->type),
                                          VMBP_MSG_HEADER_SIZE, buf, cap, len);
    default:
        return VMBP_E_INVAL;
    }
}

/**
 * @brief Decode INITIATE_CONTACT.
 *
 * The form follows the version the message requests and, from 6.0, whether it requests
 * CLIENT_ID (which then needs the 56-byte form: VMBP_E_TRUNCATED otherwise). A requested
 * version this library does not know is decoded like the nearest known form below it; the
 * host answers it with version_supported = 0 (VMBP-CONN-001).
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - rsvdz1: 0, else VMBP_E_RSVD_NONZERO (VMBP-CONN-001)
 * - target_sint: 0..15, else VMBP_E_FIELD_RANGE (VMBP-CONN-002)
 * - target_vtl: 0..15, else VMBP_E_FIELD_RANGE (VMBP-CONN-002)
 * - rsvdz2: 0 below 6.0, else VMBP_E_RSVD_NONZERO (VMBP-CONN-001)
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_initiate_contact_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                 struct vmbp_initiate_contact *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_INITIATE_CONTACT, 0u, &type);

    if (st != VMBP_OK)
        return st;
    st = vmbp_priv_msg_select_initiate_contact((const uint8_t *)buf, len, ctx, &v);
    if (st != VMBP_OK)
        return st;
    switch (v) {
    case VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID:
        return vmbp_priv_msg_body_initiate_contact(
            (const uint8_t *)buf, len, ctx, VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID, out, NULL);
    case VMBP_MSGV_INITIATE_CONTACT_FEATURES:
        return vmbp_priv_msg_body_initiate_contact(
            (const uint8_t *)buf, len, ctx, VMBP_MSGV_INITIATE_CONTACT_FEATURES, out, NULL);
    case VMBP_MSGV_INITIATE_CONTACT_SINT:
        return vmbp_priv_msg_body_initiate_contact((const uint8_t *)buf, len, ctx,
                                                   VMBP_MSGV_INITIATE_CONTACT_SINT, out, NULL);
    default: /* VMBP_MSGV_INITIATE_CONTACT_IPAGE: the selection gives no other */
        return vmbp_priv_msg_body_initiate_contact((const uint8_t *)buf, len, ctx,
                                                   VMBP_MSGV_INITIATE_CONTACT_IPAGE, out, NULL);
    }
}

/**
 * @brief Encode INITIATE_CONTACT in the form `in->variant` names (56 or 40 or 40 or 40 bytes).
 * The variant must be the one vmbp_msg_initiate_contact_variant() gives for the
 * requested version and flags; members it does not carry are not written.
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_initiate_contact_encode(const struct vmbp_initiate_contact *in, void *buf, size_t cap,
                                 size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in || in->variant != vmbp_priv_msg_initiate_contact_form(in->version_requested,
                                                                  in->feature_flags))
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_INITIATE_CONTACT, in->variant,
                                    vmbp_msg_variant_size(in->variant), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le32(
        p + offsetof(struct vmbp_initiate_contact_client_id_wire, version_requested),
        in->version_requested);
    vmbp_store_le32(
        p + offsetof(struct vmbp_initiate_contact_client_id_wire, target_message_vp),
        in->target_message_vp);
    if (in->variant == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID ||
        in->variant == VMBP_MSGV_INITIATE_CONTACT_FEATURES ||
        in->variant == VMBP_MSGV_INITIATE_CONTACT_SINT)
        p[offsetof(struct vmbp_initiate_contact_client_id_wire, target_sint)] =
            (uint8_t)(in->target_sint);
    if (in->variant == VMBP_MSGV_INITIATE_CONTACT_IPAGE)
        vmbp_store_le64(p + offsetof(struct vmbp_initiate_contact_ipage_wire, interrupt_page),
                        in->interrupt_page);
    if (in->variant == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID ||
        in->variant == VMBP_MSGV_INITIATE_CONTACT_FEATURES ||
        in->variant == VMBP_MSGV_INITIATE_CONTACT_SINT)
        p[offsetof(struct vmbp_initiate_contact_client_id_wire, target_vtl)] =
            (uint8_t)(in->target_vtl);
    if (in->variant == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID ||
        in->variant == VMBP_MSGV_INITIATE_CONTACT_FEATURES)
        vmbp_store_le32(
            p + offsetof(struct vmbp_initiate_contact_client_id_wire, feature_flags),
            in->feature_flags);
    vmbp_store_le64(
        p + offsetof(struct vmbp_initiate_contact_client_id_wire, parent_to_child_monitor_gpa),
        in->parent_to_child_monitor_gpa);
    vmbp_store_le64(
        p + offsetof(struct vmbp_initiate_contact_client_id_wire, child_to_parent_monitor_gpa),
        in->child_to_parent_monitor_gpa);
    if (in->variant == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID)
        VMBP_MEMCPY(p + offsetof(struct vmbp_initiate_contact_client_id_wire, client_id),
                    in->client_id.bytes, 16);
    return VMBP_OK;
}

/**
 * @brief Decode VERSION_RESPONSE.
 *
 * The form is chosen by length: 40 bytes or more is _MONITOR, 20 or more _FEATURES, else the
 * 16-byte base form (OpenVMM `VersionResponse3/2/1` with `check_size`). The padding at 10
 * and 20 is ignored. The host provides monitor pages only when the guest requested that
 * feature, the response carries it and the form is _MONITOR:
 * vmbp_msg_version_response_has_monitor_pages().
 *
 * In order: framing and gating (vmbp_msg_select()), the variant's size, then
 * the field checks:
 * - child_to_parent_monitor_gpa: non-zero, else VMBP_E_FIELD_RANGE (VMBP-CONN-004); only when supported_features has 0x40
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_version_response_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                 struct vmbp_version_response *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_VERSION_RESPONSE, 0u, &type);

    if (st != VMBP_OK)
        return st;
    st = vmbp_priv_msg_select_version_response((const uint8_t *)buf, len, ctx, &v);
    if (st != VMBP_OK)
        return st;
    switch (v) {
    case VMBP_MSGV_VERSION_RESPONSE_MONITOR:
        return vmbp_priv_msg_body_version_response(
            (const uint8_t *)buf, len, ctx, VMBP_MSGV_VERSION_RESPONSE_MONITOR, out, NULL);
    case VMBP_MSGV_VERSION_RESPONSE_FEATURES:
        return vmbp_priv_msg_body_version_response(
            (const uint8_t *)buf, len, ctx, VMBP_MSGV_VERSION_RESPONSE_FEATURES, out, NULL);
    default: /* VMBP_MSGV_VERSION_RESPONSE: the selection gives no other */
        return vmbp_priv_msg_body_version_response((const uint8_t *)buf, len, ctx,
                                                   VMBP_MSGV_VERSION_RESPONSE, out, NULL);
    }
}

/**
 * @brief Encode VERSION_RESPONSE in the form `in->variant` names (40 or 20 or 16 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_version_response_encode(const struct vmbp_version_response *in, void *buf, size_t cap,
                                 size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_VERSION_RESPONSE, in->variant,
                                    vmbp_msg_variant_size(in->variant), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    p[offsetof(struct vmbp_version_response_monitor_wire, version_supported)] =
        (uint8_t)(in->version_supported);
    p[offsetof(struct vmbp_version_response_monitor_wire, connection_state)] =
        (uint8_t)(in->connection_state);
    vmbp_store_le32(p + offsetof(struct vmbp_version_response_monitor_wire, msg_conn_id),
                    in->msg_conn_id);
    if (in->variant == VMBP_MSGV_VERSION_RESPONSE_MONITOR ||
        in->variant == VMBP_MSGV_VERSION_RESPONSE_FEATURES)
        vmbp_store_le32(
            p + offsetof(struct vmbp_version_response_monitor_wire, supported_features),
            in->supported_features);
    if (in->variant == VMBP_MSGV_VERSION_RESPONSE_MONITOR) {
        vmbp_store_le64(p + offsetof(struct vmbp_version_response_monitor_wire,
                                     parent_to_child_monitor_gpa),
                        in->parent_to_child_monitor_gpa);
        vmbp_store_le64(p + offsetof(struct vmbp_version_response_monitor_wire,
                                     child_to_parent_monitor_gpa),
                        in->child_to_parent_monitor_gpa);
    }
    return VMBP_OK;
}

/**
 * @brief Decode MODIFY_CONNECTION.
 *
 * No field checks: the host answers unusable GPAs with a failure state.
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
vmbp_msg_modify_connection_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                  struct vmbp_modify_connection *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st =
        vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_MODIFY_CONNECTION, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_modify_connection((const uint8_t *)buf, len, ctx, out, NULL,
                                                  &v);
}

/**
 * @brief Encode MODIFY_CONNECTION (24 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_modify_connection_encode(const struct vmbp_modify_connection *in, void *buf,
                                  size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_MODIFY_CONNECTION, VMBP_MSGV_MODIFY_CONNECTION,
                                    sizeof(struct vmbp_modify_connection_wire), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    vmbp_store_le64(
        p + offsetof(struct vmbp_modify_connection_wire, parent_to_child_monitor_gpa),
        in->parent_to_child_monitor_gpa);
    vmbp_store_le64(
        p + offsetof(struct vmbp_modify_connection_wire, child_to_parent_monitor_gpa),
        in->child_to_parent_monitor_gpa);
    return VMBP_OK;
}

/**
 * @brief Decode MODIFY_CONNECTION_RESPONSE.
 *
 * 9 bytes: the header and the connection state, which is not range-checked.
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
vmbp_msg_modify_connection_response_decode(const void *buf, size_t len,
                                           const struct vmbp_ctx *ctx,
                                           struct vmbp_modify_connection_response *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    uint32_t type = 0;
    enum vmbp_status st = vmbp_priv_msg_frame(buf, len, ctx, VMBP_DIR_ANY,
                                              VMBP_MSG_MODIFY_CONNECTION_RESPONSE, 0u, &type);

    if (st != VMBP_OK)
        return st;
    return vmbp_priv_msg_decode_modify_connection_response((const uint8_t *)buf, len, ctx, out,
                                                           NULL, &v);
}

/**
 * @brief Encode MODIFY_CONNECTION_RESPONSE (9 bytes).
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, VMBP_E_INVAL
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_modify_connection_response_encode(const struct vmbp_modify_connection_response *in,
                                           void *buf, size_t cap, size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in)
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(
        VMBP_MSG_MODIFY_CONNECTION_RESPONSE, VMBP_MSGV_MODIFY_CONNECTION_RESPONSE,
        offsetof(struct vmbp_modify_connection_response_wire, pad0), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    p[offsetof(struct vmbp_modify_connection_response_wire, connection_state)] =
        (uint8_t)(in->connection_state);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the connect family's variants (REQUEST_OFFERS, ALL_OFFERS_DELIVERED, INITIATE_CONTACT_CLIENT_ID, INITIATE_CONTACT_FEATURES, INITIATE_CONTACT_SINT, INITIATE_CONTACT_IPAGE, VERSION_RESPONSE_MONITOR, VERSION_RESPONSE_FEATURES, VERSION_RESPONSE, UNLOAD, UNLOAD_COMPLETE, MODIFY_CONNECTION, MODIFY_CONNECTION_RESPONSE, PAUSE, PAUSE_RESPONSE, RESUME).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL (and @p n untouched) for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_connect_fields(enum vmbp_msg_variant v,
                                                                 size_t *n)
{
    const struct vmbp_msg_field *tab;
    size_t count;

    switch (v) {
    case VMBP_MSGV_REQUEST_OFFERS:
        tab = vmbp_priv_fields_request_offers;
        count = sizeof(vmbp_priv_fields_request_offers) /
                sizeof(vmbp_priv_fields_request_offers[0]);
        break;
    case VMBP_MSGV_ALL_OFFERS_DELIVERED:
        tab = vmbp_priv_fields_all_offers_delivered;
        count = sizeof(vmbp_priv_fields_all_offers_delivered) /
                sizeof(vmbp_priv_fields_all_offers_delivered[0]);
        break;
    case VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID:
        tab = vmbp_priv_fields_initiate_contact_client_id;
        count = sizeof(vmbp_priv_fields_initiate_contact_client_id) /
                sizeof(vmbp_priv_fields_initiate_contact_client_id[0]);
        break;
    case VMBP_MSGV_INITIATE_CONTACT_FEATURES:
        tab = vmbp_priv_fields_initiate_contact_features;
        count = sizeof(vmbp_priv_fields_initiate_contact_features) /
                sizeof(vmbp_priv_fields_initiate_contact_features[0]);
        break;
    case VMBP_MSGV_INITIATE_CONTACT_SINT:
        tab = vmbp_priv_fields_initiate_contact_sint;
        count = sizeof(vmbp_priv_fields_initiate_contact_sint) /
                sizeof(vmbp_priv_fields_initiate_contact_sint[0]);
        break;
    case VMBP_MSGV_INITIATE_CONTACT_IPAGE:
        tab = vmbp_priv_fields_initiate_contact_ipage;
        count = sizeof(vmbp_priv_fields_initiate_contact_ipage) /
                sizeof(vmbp_priv_fields_initiate_contact_ipage[0]);
        break;
    case VMBP_MSGV_VERSION_RESPONSE_MONITOR:
        tab = vmbp_priv_fields_version_response_monitor;
        count = sizeof(vmbp_priv_fields_version_response_monitor) /
                sizeof(vmbp_priv_fields_version_response_monitor[0]);
        break;
    case VMBP_MSGV_VERSION_RESPONSE_FEATURES:
        tab = vmbp_priv_fields_version_response_features;
        count = sizeof(vmbp_priv_fields_version_response_features) /
                sizeof(vmbp_priv_fields_version_response_features[0]);
        break;
    case VMBP_MSGV_VERSION_RESPONSE:
        tab = vmbp_priv_fields_version_response;
        count = sizeof(vmbp_priv_fields_version_response) /
                sizeof(vmbp_priv_fields_version_response[0]);
        break;
    case VMBP_MSGV_UNLOAD:
        tab = vmbp_priv_fields_unload;
        count = sizeof(vmbp_priv_fields_unload) / sizeof(vmbp_priv_fields_unload[0]);
        break;
    case VMBP_MSGV_UNLOAD_COMPLETE:
        tab = vmbp_priv_fields_unload_complete;
        count = sizeof(vmbp_priv_fields_unload_complete) /
                sizeof(vmbp_priv_fields_unload_complete[0]);
        break;
    case VMBP_MSGV_MODIFY_CONNECTION:
        tab = vmbp_priv_fields_modify_connection;
        count = sizeof(vmbp_priv_fields_modify_connection) /
                sizeof(vmbp_priv_fields_modify_connection[0]);
        break;
    case VMBP_MSGV_MODIFY_CONNECTION_RESPONSE:
        tab = vmbp_priv_fields_modify_connection_response;
        count = sizeof(vmbp_priv_fields_modify_connection_response) /
                sizeof(vmbp_priv_fields_modify_connection_response[0]);
        break;
    case VMBP_MSGV_PAUSE:
        tab = vmbp_priv_fields_pause;
        count = sizeof(vmbp_priv_fields_pause) / sizeof(vmbp_priv_fields_pause[0]);
        break;
    case VMBP_MSGV_PAUSE_RESPONSE:
        tab = vmbp_priv_fields_pause_response;
        count = sizeof(vmbp_priv_fields_pause_response) /
                sizeof(vmbp_priv_fields_pause_response[0]);
        break;
    case VMBP_MSGV_RESUME:
        tab = vmbp_priv_fields_resume;
        count = sizeof(vmbp_priv_fields_resume) / sizeof(vmbp_priv_fields_resume[0]);
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

#endif /* VMBP_MSG_CONNECT_H */
