/* SPDX-License-Identifier: MIT */
/**
 * @file msg_connect.h
 * @brief Connection messages: INITIATE_CONTACT, VERSION_RESPONSE, REQUEST_OFFERS,
 * ALL_OFFERS_DELIVERED, UNLOAD, UNLOAD_COMPLETE, MODIFY_CONNECTION and its response, PAUSE,
 * PAUSE_RESPONSE, RESUME; the connection IDs, SINTs and connection states.
 *
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
/** @brief Largest connection ID: the hypervisor's are 24 bits (synic.h). */
#define VMBP_CONNECTION_ID_MAX VMBP_SYNIC_CONNECTION_ID_MAX

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

/**
 * @brief INITIATE_CONTACT below 5.0: the interrupt-page form (40 bytes).
 *
 * | offset | size | field                       | meaning                                  |
 * |--------|------|-----------------------------|------------------------------------------|
 * | 0      | 8    | hdr                         | type 14                                  |
 * | 8      | 4    | version_requested           | proposed version                         |
 * | 12     | 4    | target_message_vp           | VP for host messages (honoured from 3.0) |
 * | 16     | 8    | interrupt_page              | GPA of the shared interrupt page         |
 * | 24     | 8    | parent_to_child_monitor_gpa | monitor page 1                           |
 * | 32     | 8    | child_to_parent_monitor_gpa | monitor page 2                           |
 */
struct vmbp_initiate_contact_ipage_wire {
    struct vmbp_msg_header_wire hdr;      /**< type 14 */
    uint32_t version_requested;           /**< Linux `vmbus_version_requested` */
    uint32_t target_message_vp;           /**< Linux `target_vcpu` */
    uint64_t interrupt_page;              /**< Linux `interrupt_page` */
    uint64_t parent_to_child_monitor_gpa; /**< Linux `monitor_page1` */
    uint64_t child_to_parent_monitor_gpa; /**< Linux `monitor_page2` */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_ipage_wire) == 40, vmbp_ic_ipage_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire, hdr) == 0,
                   vmbp_ic_ipage_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire, version_requested) == 8,
                   vmbp_ic_ipage_version);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire, target_message_vp) == 12,
                   vmbp_ic_ipage_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire, interrupt_page) == 16,
                   vmbp_ic_ipage_page);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire,
                            parent_to_child_monitor_gpa) == 24,
                   vmbp_ic_ipage_mon1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_ipage_wire,
                            child_to_parent_monitor_gpa) == 32,
                   vmbp_ic_ipage_mon2);

/**
 * @brief INITIATE_CONTACT from 5.0: the SINT/VTL form (40 bytes); from 6.0 with feature flags
 * at offset 20 (below 6.0 those 4 bytes are reserved, zero).
 *
 * | offset | size | field                       | meaning                                   |
 * |--------|------|-----------------------------|-------------------------------------------|
 * | 8      | 4    | version_requested           | proposed version                          |
 * | 12     | 4    | target_message_vp           | VP for host messages                      |
 * | 16     | 1    | target_sint                 | SINT for host messages (5.0)              |
 * | 17     | 1    | target_vtl                  | VTL for host messages (honoured from 5.1) |
 * | 18     | 2    | rsvdz1                      | zero                                      |
 * | 20     | 4    | feature_flags               | requested feature flags (6.0), else zero  |
 * | 24     | 8    | parent_to_child_monitor_gpa | monitor page 1                            |
 * | 32     | 8    | child_to_parent_monitor_gpa | monitor page 2                            |
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
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_wire) == 40, vmbp_ic_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, hdr) == 0, vmbp_ic_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, version_requested) == 8,
                   vmbp_ic_version);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, target_message_vp) == 12,
                   vmbp_ic_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, target_sint) == 16,
                   vmbp_ic_sint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, target_vtl) == 17, vmbp_ic_vtl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, rsvdz1) == 18, vmbp_ic_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, feature_flags) == 20,
                   vmbp_ic_features);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, parent_to_child_monitor_gpa) ==
                       24,
                   vmbp_ic_mon1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_wire, child_to_parent_monitor_gpa) ==
                       32,
                   vmbp_ic_mon2);

/**
 * @brief INITIATE_CONTACT of 6.0 with feature CLIENT_ID requested: the 40-byte form followed
 * by the client ID GUID at offset 40 (56 bytes; OpenVMM `InitiateContact2`, mu_msvm
 * `ClientId`; Linux has no such form).
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
VMBP_STATIC_ASSERT(sizeof(struct vmbp_initiate_contact_client_id_wire) == 56, vmbp_ic2_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, hdr) == 0,
                   vmbp_ic2_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, version_requested) ==
                       8,
                   vmbp_ic2_version);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, target_message_vp) ==
                       12,
                   vmbp_ic2_vp);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, target_sint) == 16,
                   vmbp_ic2_sint);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, target_vtl) == 17,
                   vmbp_ic2_vtl);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, rsvdz1) == 18,
                   vmbp_ic2_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, feature_flags) == 20,
                   vmbp_ic2_features);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire,
                            parent_to_child_monitor_gpa) == 24,
                   vmbp_ic2_mon1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire,
                            child_to_parent_monitor_gpa) == 32,
                   vmbp_ic2_mon2);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_initiate_contact_client_id_wire, client_id) == 40,
                   vmbp_ic2_client_id);

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
 * @brief VERSION_RESPONSE, the base form (16 bytes; the only one Linux and QEMU know).
 *
 * | offset | size | field             | meaning                                              |
 * |--------|------|-------------------|------------------------------------------------------|
 * | 8      | 1    | version_supported | non-zero: the proposed version is accepted           |
 * | 9      | 1    | connection_state  | VMBP_CONNECTION_*; may be garbage from pre-2.4 hosts |
 * | 10     | 2    | rsvdz1            | padding; ignored (old hosts leave it uninitialised)  |
 * | 12     | 4    | msg_conn_id       | from 5.0: message connection ID for later messages   |
 */
struct vmbp_version_response_wire {
    struct vmbp_msg_header_wire hdr; /**< type 15 */
    uint8_t version_supported;       /**< Linux `version_supported` */
    uint8_t connection_state;        /**< Linux `connection_state` */
    uint16_t rsvdz1;                 /**< Linux `padding`, mu_msvm `Pad` */
    /** Linux `msg_conn_id`, OpenVMM `selected_version_or_connection_id` */
    uint32_t msg_conn_id;
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_wire) == 16, vmbp_vr_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, hdr) == 0, vmbp_vr_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, version_supported) == 8,
                   vmbp_vr_supported);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, connection_state) == 9,
                   vmbp_vr_state);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, rsvdz1) == 10, vmbp_vr_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_wire, msg_conn_id) == 12,
                   vmbp_vr_conn);

/**
 * @brief VERSION_RESPONSE with the host's supported feature flags (20 bytes; OpenVMM
 * `VersionResponse2`, mu_msvm `SupportedFeatures`), sent by 6.0 hosts that accept 6.0.
 */
struct vmbp_version_response_features_wire {
    struct vmbp_msg_header_wire hdr; /**< type 15 */
    uint8_t version_supported;       /**< non-zero: accepted */
    uint8_t connection_state;        /**< VMBP_CONNECTION_* */
    uint16_t rsvdz1;                 /**< ignored */
    uint32_t msg_conn_id;            /**< message connection ID */
    uint32_t supported_features;     /**< `VMBP_FEATURE_*` the host supports */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_features_wire) == 20, vmbp_vr2_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, hdr) == 0,
                   vmbp_vr2_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, version_supported) == 8,
                   vmbp_vr2_supported);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, connection_state) == 9,
                   vmbp_vr2_state);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, rsvdz1) == 10,
                   vmbp_vr2_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, msg_conn_id) == 12,
                   vmbp_vr2_conn);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_features_wire, supported_features) ==
                       16,
                   vmbp_vr2_features);

/**
 * @brief VERSION_RESPONSE with host-provided monitor pages (40 bytes; OpenVMM
 * `VersionResponse3`), sent when the host provides the monitor pages
 * (SERVER_SPECIFIED_MONITOR_PAGES).
 *
 * | offset | size | field                       | meaning                               |
 * |--------|------|-----------------------------|---------------------------------------|
 * | 16     | 4    | supported_features          | host's feature flags                  |
 * | 20     | 4    | rsvdz2                      | padding; ignored (see spec/msg_connect.md) |
 * | 24     | 8    | parent_to_child_monitor_gpa | may be 0                              |
 * | 32     | 8    | child_to_parent_monitor_gpa | non-zero when the pages are provided  |
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
VMBP_STATIC_ASSERT(sizeof(struct vmbp_version_response_monitor_wire) == 40, vmbp_vr3_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, hdr) == 0, vmbp_vr3_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, version_supported) == 8,
                   vmbp_vr3_supported);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, connection_state) == 9,
                   vmbp_vr3_state);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, rsvdz1) == 10,
                   vmbp_vr3_rsvdz1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, msg_conn_id) == 12,
                   vmbp_vr3_conn);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, supported_features) ==
                       16,
                   vmbp_vr3_features);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire, rsvdz2) == 20,
                   vmbp_vr3_rsvdz2);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire,
                            parent_to_child_monitor_gpa) == 24,
                   vmbp_vr3_mon1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_version_response_monitor_wire,
                            child_to_parent_monitor_gpa) == 32,
                   vmbp_vr3_mon2);

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
 * @brief A message that is only a header: REQUEST_OFFERS, ALL_OFFERS_DELIVERED, UNLOAD,
 * UNLOAD_COMPLETE (Linux `UNLOAD_RESPONSE`), PAUSE, PAUSE_RESPONSE, RESUME.
 */
struct vmbp_msg_empty {
    uint32_t type; /**< one of the seven header-only types */
};

/**
 * @brief MODIFY_CONNECTION (24 bytes; 6.0 with MODIFY_CONNECTION): the guest replaces the
 * monitor pages.
 */
struct vmbp_modify_connection_wire {
    struct vmbp_msg_header_wire hdr;      /**< type 25 */
    uint64_t parent_to_child_monitor_gpa; /**< new monitor page 1 */
    uint64_t child_to_parent_monitor_gpa; /**< new monitor page 2 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_connection_wire) == 24, vmbp_mc_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_wire, hdr) == 0, vmbp_mc_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_wire, parent_to_child_monitor_gpa) ==
                       8,
                   vmbp_mc_mon1);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_wire, child_to_parent_monitor_gpa) ==
                       16,
                   vmbp_mc_mon2);

/** @brief MODIFY_CONNECTION, decoded. */
struct vmbp_modify_connection {
    uint64_t parent_to_child_monitor_gpa; /**< new monitor page 1 */
    uint64_t child_to_parent_monitor_gpa; /**< new monitor page 2 */
};

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
VMBP_STATIC_ASSERT(sizeof(struct vmbp_modify_connection_response_wire) == 12, vmbp_mcr_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_response_wire, hdr) == 0,
                   vmbp_mcr_hdr);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_response_wire, connection_state) == 8,
                   vmbp_mcr_state);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_modify_connection_response_wire, pad0) == 9,
                   vmbp_mcr_pad0);
/** @brief Wire size of MODIFY_CONNECTION_RESPONSE (OpenVMM: 1-byte payload). */
#define VMBP_MSG_MODIFY_CONNECTION_RESPONSE_SIZE 9u

/** @brief MODIFY_CONNECTION_RESPONSE, decoded. */
struct vmbp_modify_connection_response {
    uint8_t connection_state; /**< VMBP_CONNECTION_*; not range-checked */
};

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
 * when CLIENT_ID is requested, else _FEATURES
 */
VMBP_INLINE enum vmbp_msg_variant vmbp_msg_initiate_contact_variant(uint32_t version_requested,
                                                                    uint32_t feature_flags)
{
    if (vmbp_version_has_interrupt_page(version_requested))
        return VMBP_MSGV_INITIATE_CONTACT_IPAGE;
    if (!vmbp_version_has_feature_flags(version_requested))
        return VMBP_MSGV_INITIATE_CONTACT_SINT;
    if ((feature_flags & (uint32_t)VMBP_FEATURE_CLIENT_ID) != 0)
        return VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID;
    return VMBP_MSGV_INITIATE_CONTACT_FEATURES;
}

/**
 * @brief Decode INITIATE_CONTACT (valid in every connection state).
 *
 * The form follows the version the message requests and, from 6.0, whether it requests
 * CLIENT_ID (which then needs the 56-byte form: VMBP_E_TRUNCATED otherwise). A requested
 * version this library does not know is decoded like the nearest known form below it; the
 * host answers it with version_supported = 0. Checks: bytes 18-19 zero and, below 6.0,
 * bytes 20-23 zero (VMBP_E_RSVD_NONZERO); SINT and VTL at most 15 (VMBP_E_FIELD_RANGE).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state (any)
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check (msg.h, vmbp_msg_select())
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_initiate_contact_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                 struct vmbp_initiate_contact *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_initiate_contact m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_INITIATE_CONTACT, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_initiate_contact_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    VMBP_MEMSET(&m, 0, sizeof(m));
    m.variant = v;
    m.version_requested = VMBP_PRIV_LD32(p, vmbp_initiate_contact_wire, version_requested);
    m.target_message_vp = VMBP_PRIV_LD32(p, vmbp_initiate_contact_wire, target_message_vp);
    m.parent_to_child_monitor_gpa =
        VMBP_PRIV_LD64(p, vmbp_initiate_contact_wire, parent_to_child_monitor_gpa);
    m.child_to_parent_monitor_gpa =
        VMBP_PRIV_LD64(p, vmbp_initiate_contact_wire, child_to_parent_monitor_gpa);
    if (v == VMBP_MSGV_INITIATE_CONTACT_IPAGE) {
        m.interrupt_page = VMBP_PRIV_LD64(p, vmbp_initiate_contact_ipage_wire, interrupt_page);
        if (out)
            VMBP_MEMCPY(out, &m, sizeof(*out));
        return VMBP_OK;
    }
    m.target_sint = VMBP_PRIV_LD8(p, vmbp_initiate_contact_wire, target_sint);
    m.target_vtl = VMBP_PRIV_LD8(p, vmbp_initiate_contact_wire, target_vtl);
    if (v != VMBP_MSGV_INITIATE_CONTACT_SINT)
        m.feature_flags = VMBP_PRIV_LD32(p, vmbp_initiate_contact_wire, feature_flags);
    if (v == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID) {
        if (len < sizeof(struct vmbp_initiate_contact_client_id_wire))
            return VMBP_E_TRUNCATED; /* implied by the selection */
        VMBP_PRIV_LDG(p, vmbp_initiate_contact_client_id_wire, client_id, m.client_id);
    }
    if (!VMBP_PRIV_ZERO(p, vmbp_initiate_contact_wire, rsvdz1))
        return VMBP_E_RSVD_NONZERO;
    if (v == VMBP_MSGV_INITIATE_CONTACT_SINT &&
        VMBP_PRIV_LD32(p, vmbp_initiate_contact_wire, feature_flags) != 0)
        return VMBP_E_RSVD_NONZERO;
    if (m.target_sint > VMBP_SINT_MAX || m.target_vtl > VMBP_VTL_MAX)
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief Encode INITIATE_CONTACT in the form `in->variant` names, which must be the one
 * vmbp_msg_initiate_contact_variant() gives for the requested version and flags.
 * @param in  message; members the variant does not carry are not written
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives the bytes written, or needed with VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_NOSPACE, or VMBP_E_INVAL for a missing argument or a variant that
 * does not match the content
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_initiate_contact_encode(const struct vmbp_initiate_contact *in, void *buf, size_t cap,
                                 size_t *len)
{
    uint8_t *p = (uint8_t *)buf;
    enum vmbp_status st;

    if (!in || in->variant !=
                   vmbp_msg_initiate_contact_variant(in->version_requested, in->feature_flags))
        return VMBP_E_INVAL;
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_INITIATE_CONTACT, in->variant,
                                    vmbp_msg_variant_size(in->variant), buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_ST32(p, vmbp_initiate_contact_wire, version_requested, in->version_requested);
    VMBP_PRIV_ST32(p, vmbp_initiate_contact_wire, target_message_vp, in->target_message_vp);
    VMBP_PRIV_ST64(p, vmbp_initiate_contact_wire, parent_to_child_monitor_gpa,
                   in->parent_to_child_monitor_gpa);
    VMBP_PRIV_ST64(p, vmbp_initiate_contact_wire, child_to_parent_monitor_gpa,
                   in->child_to_parent_monitor_gpa);
    if (in->variant == VMBP_MSGV_INITIATE_CONTACT_IPAGE) {
        VMBP_PRIV_ST64(p, vmbp_initiate_contact_ipage_wire, interrupt_page, in->interrupt_page);
        return VMBP_OK;
    }
    VMBP_PRIV_ST8(p, vmbp_initiate_contact_wire, target_sint, in->target_sint);
    VMBP_PRIV_ST8(p, vmbp_initiate_contact_wire, target_vtl, in->target_vtl);
    if (in->variant != VMBP_MSGV_INITIATE_CONTACT_SINT)
        VMBP_PRIV_ST32(p, vmbp_initiate_contact_wire, feature_flags, in->feature_flags);
    if (in->variant == VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID)
        VMBP_PRIV_STG(p, vmbp_initiate_contact_client_id_wire, client_id, in->client_id);
    return VMBP_OK;
}

/**
 * @brief Decode VERSION_RESPONSE (valid in every connection state).
 *
 * The form is chosen by length: 40 bytes or more is _MONITOR, 20 or more _FEATURES, else the
 * 16-byte base form (OpenVMM `VersionResponse3/2/1` with `check_size`). The padding at 10
 * and 20 is ignored. A _MONITOR form announcing SERVER_SPECIFIED_MONITOR_PAGES with a zero
 * child-to-parent GPA is VMBP_E_FIELD_RANGE (OpenVMM: the host "must provide a non-zero"
 * one). The host provides monitor pages only when the guest requested that feature, the
 * response carries it and the form is _MONITOR: vmbp_msg_version_response_has_monitor_pages().
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state (any)
 * @param out decoded message, written on success only; may be NULL
 * @return VMBP_OK or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_msg_version_response_decode(const void *buf, size_t len, const struct vmbp_ctx *ctx,
                                 struct vmbp_version_response *out)
{
    const uint8_t *p = (const uint8_t *)buf;
    struct vmbp_version_response m;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_VERSION_RESPONSE, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_version_response_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    VMBP_MEMSET(&m, 0, sizeof(m));
    m.variant = v;
    m.version_supported = VMBP_PRIV_LD8(p, vmbp_version_response_wire, version_supported);
    m.connection_state = VMBP_PRIV_LD8(p, vmbp_version_response_wire, connection_state);
    m.msg_conn_id = VMBP_PRIV_LD32(p, vmbp_version_response_wire, msg_conn_id);
    if (v != VMBP_MSGV_VERSION_RESPONSE) {
        if (len < sizeof(struct vmbp_version_response_features_wire))
            return VMBP_E_TRUNCATED; /* implied by the selection */
        m.supported_features =
            VMBP_PRIV_LD32(p, vmbp_version_response_features_wire, supported_features);
    }
    if (v == VMBP_MSGV_VERSION_RESPONSE_MONITOR) {
        if (len < sizeof(struct vmbp_version_response_monitor_wire))
            return VMBP_E_TRUNCATED; /* implied by the selection */
        m.parent_to_child_monitor_gpa =
            VMBP_PRIV_LD64(p, vmbp_version_response_monitor_wire, parent_to_child_monitor_gpa);
        m.child_to_parent_monitor_gpa =
            VMBP_PRIV_LD64(p, vmbp_version_response_monitor_wire, child_to_parent_monitor_gpa);
    }
    if (v == VMBP_MSGV_VERSION_RESPONSE_MONITOR &&
        (m.supported_features & (uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES) != 0 &&
        m.child_to_parent_monitor_gpa == 0)
        return VMBP_E_FIELD_RANGE;
    if (out)
        VMBP_MEMCPY(out, &m, sizeof(*out));
    return VMBP_OK;
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

/**
 * @brief Encode VERSION_RESPONSE in the form `in->variant` names.
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
    VMBP_PRIV_ST8(p, vmbp_version_response_wire, version_supported, in->version_supported);
    VMBP_PRIV_ST8(p, vmbp_version_response_wire, connection_state, in->connection_state);
    VMBP_PRIV_ST32(p, vmbp_version_response_wire, msg_conn_id, in->msg_conn_id);
    if (in->variant != VMBP_MSGV_VERSION_RESPONSE)
        VMBP_PRIV_ST32(p, vmbp_version_response_features_wire, supported_features,
                       in->supported_features);
    if (in->variant == VMBP_MSGV_VERSION_RESPONSE_MONITOR) {
        VMBP_PRIV_ST64(p, vmbp_version_response_monitor_wire, parent_to_child_monitor_gpa,
                       in->parent_to_child_monitor_gpa);
        VMBP_PRIV_ST64(p, vmbp_version_response_monitor_wire, child_to_parent_monitor_gpa,
                       in->child_to_parent_monitor_gpa);
    }
    return VMBP_OK;
}

/** @cond VMBP_INTERNAL */
VMBP_INLINE bool vmbp_priv_msg_is_empty_type(uint32_t type)
{
    switch (type) {
    case VMBP_MSG_REQUEST_OFFERS:
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
    case VMBP_MSG_UNLOAD:
    case VMBP_MSG_UNLOAD_COMPLETE:
    case VMBP_MSG_PAUSE:
    case VMBP_MSG_PAUSE_RESPONSE:
    case VMBP_MSG_RESUME:
        return true;
    default:
        return false;
    }
}
/** @endcond */

/**
 * @brief Decode a header-only message (REQUEST_OFFERS, ALL_OFFERS_DELIVERED, UNLOAD,
 * UNLOAD_COMPLETE, PAUSE, PAUSE_RESPONSE, RESUME). Bytes after the header are ignored
 * (OpenVMM's own tests send ALL_OFFERS_DELIVERED with one extra byte).
 * @param buf message (private memory)
 * @param len bytes in @p buf
 * @param ctx negotiated state
 * @param out decoded message (its type), written on success only; may be NULL
 * @return VMBP_OK, VMBP_E_UNKNOWN_TYPE for a type that has fields, or the first failed check
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_msg_empty_decode(const void *buf, size_t len,
                                                                   const struct vmbp_ctx *ctx,
                                                                   struct vmbp_msg_empty *out)
{
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;
    uint32_t type;

    /* the caller's arguments first, as vmbp_msg_select() checks them */
    if (!buf || !ctx || (ctx->version != 0 && !vmbp_version_is_known(ctx->version)))
        return VMBP_E_INVAL;
    if (len < VMBP_MSG_HEADER_SIZE)
        return VMBP_E_TRUNCATED;
    if (len > VMBP_MSG_MAX_SIZE)
        return VMBP_E_TOO_LONG;
    type = vmbp_load_le32(buf);
    if (!vmbp_priv_msg_is_empty_type(type))
        return VMBP_E_UNKNOWN_TYPE;
    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, type, &v);
    if (st != VMBP_OK)
        return st;
    if (out)
        out->type = type;
    return VMBP_OK;
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
    if (!in || !vmbp_priv_msg_is_empty_type(in->type))
        return VMBP_E_INVAL;
    return vmbp_priv_msg_encode_begin(in->type, vmbp_msg_type_newest_variant(in->type),
                                      VMBP_MSG_HEADER_SIZE, buf, cap, len);
}

/**
 * @brief Decode MODIFY_CONNECTION (6.0 with MODIFY_CONNECTION). No field checks: the host
 * answers unusable GPAs with a failure state.
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
    const uint8_t *p = (const uint8_t *)buf;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_MODIFY_CONNECTION, &v);
    if (st != VMBP_OK)
        return st;
    if (len < sizeof(struct vmbp_modify_connection_wire))
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    if (out) {
        out->parent_to_child_monitor_gpa =
            VMBP_PRIV_LD64(p, vmbp_modify_connection_wire, parent_to_child_monitor_gpa);
        out->child_to_parent_monitor_gpa =
            VMBP_PRIV_LD64(p, vmbp_modify_connection_wire, child_to_parent_monitor_gpa);
    }
    return VMBP_OK;
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
    VMBP_PRIV_ST64(p, vmbp_modify_connection_wire, parent_to_child_monitor_gpa,
                   in->parent_to_child_monitor_gpa);
    VMBP_PRIV_ST64(p, vmbp_modify_connection_wire, child_to_parent_monitor_gpa,
                   in->child_to_parent_monitor_gpa);
    return VMBP_OK;
}

/**
 * @brief Decode MODIFY_CONNECTION_RESPONSE (6.0 with MODIFY_CONNECTION, 9 bytes).
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
    const uint8_t *p = (const uint8_t *)buf;
    enum vmbp_msg_variant v = VMBP_MSGV_NONE;
    enum vmbp_status st;

    st = vmbp_priv_msg_select(buf, len, ctx, VMBP_DIR_ANY, VMBP_MSG_MODIFY_CONNECTION_RESPONSE,
                              &v);
    if (st != VMBP_OK)
        return st;
    if (len < VMBP_MSG_MODIFY_CONNECTION_RESPONSE_SIZE)
        return VMBP_E_TRUNCATED; /* implied by the selection; stated for the compiler */
    if (out)
        out->connection_state =
            VMBP_PRIV_LD8(p, vmbp_modify_connection_response_wire, connection_state);
    return VMBP_OK;
}

/**
 * @brief Encode MODIFY_CONNECTION_RESPONSE: exactly 9 bytes.
 * @param in  message
 * @param buf output
 * @param cap bytes available at @p buf
 * @param len receives 9, the bytes written or needed
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
    st = vmbp_priv_msg_encode_begin(VMBP_MSG_MODIFY_CONNECTION_RESPONSE,
                                    VMBP_MSGV_MODIFY_CONNECTION_RESPONSE,
                                    VMBP_MSG_MODIFY_CONNECTION_RESPONSE_SIZE, buf, cap, len);
    if (st != VMBP_OK)
        return st;
    VMBP_PRIV_ST8(p, vmbp_modify_connection_response_wire, connection_state,
                  in->connection_state);
    return VMBP_OK;
}

/**
 * @brief Field descriptors of the connection messages' variants (INITIATE_CONTACT_*,
 * VERSION_RESPONSE*, MODIFY_CONNECTION*, and the seven header-only types).
 * @param v variant
 * @param n receives the number of entries (may be NULL)
 * @return a static table, or NULL (and @p n untouched) for a variant of another family
 */
VMBP_INLINE const struct vmbp_msg_field *vmbp_msg_connect_fields(enum vmbp_msg_variant v,
                                                                 size_t *n)
{
#define VMBP_PRIV_W vmbp_initiate_contact_wire
#define VMBP_PRIV_H vmbp_initiate_contact
#define VMBP_PRIV_IC_HEAD                                                                      \
    VMBP_PRIV_HDR,                                                                             \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, version_requested, VALUE, VERSION,             \
                      "proposed protocol version"),                                            \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, target_message_vp, VALUE, DEC,                 \
                      "VP that receives host messages (honoured from 3.0)")
#define VMBP_PRIV_IC_SINT                                                                      \
    VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, target_sint, VALUE, DEC,                           \
                  "SINT that receives host messages (5.0)"),                                   \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, target_vtl, VALUE, DEC,                        \
                      "VTL that receives host messages (honoured from 5.1)"),                  \
        VMBP_PRIV_RSV(VMBP_PRIV_W, rsvdz1, "rsvdz1", RSVDZ, 0u, "reserved, zero")
#define VMBP_PRIV_IC_TAIL                                                                      \
    VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, parent_to_child_monitor_gpa, VALUE, HEX,           \
                  "monitor page 1, host to guest (Linux monitor_page1)"),                      \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, child_to_parent_monitor_gpa, VALUE, HEX,       \
                      "monitor page 2, guest to host (Linux monitor_page2)")
    static const struct vmbp_msg_field f_ic_ipage[] = {
        VMBP_PRIV_IC_HEAD,
        VMBP_PRIV_FLD(vmbp_initiate_contact_ipage_wire, VMBP_PRIV_H, interrupt_page, VALUE, HEX,
                      "GPA of the shared interrupt page (below 5.0)"),
        VMBP_PRIV_IC_TAIL};
    static const struct vmbp_msg_field f_ic_sint[] = {VMBP_PRIV_IC_HEAD, VMBP_PRIV_IC_SINT,
                                                      VMBP_PRIV_RSV(VMBP_PRIV_W, feature_flags,
                                                                    "rsvdz2", RSVDZ, 0u,
                                                                    "reserved below 6.0, zero"),
                                                      VMBP_PRIV_IC_TAIL};
    static const struct vmbp_msg_field f_ic_features[] = {
        VMBP_PRIV_IC_HEAD, VMBP_PRIV_IC_SINT,
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, feature_flags, VALUE, FEATURES,
                      "requested feature flags (6.0)"),
        VMBP_PRIV_IC_TAIL};
    static const struct vmbp_msg_field f_ic_client_id[] = {
        VMBP_PRIV_IC_HEAD, VMBP_PRIV_IC_SINT,
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, feature_flags, VALUE, FEATURES,
                      "requested feature flags (6.0), CLIENT_ID among them"),
        VMBP_PRIV_IC_TAIL,
        VMBP_PRIV_FLD(vmbp_initiate_contact_client_id_wire, VMBP_PRIV_H, client_id, GUID, GUID,
                      "client kind (Windows, Linux, UEFI, ...)")};
#undef VMBP_PRIV_W
#undef VMBP_PRIV_H
#define VMBP_PRIV_W vmbp_version_response_monitor_wire
#define VMBP_PRIV_H vmbp_version_response
#define VMBP_PRIV_VR_HEAD                                                                      \
    VMBP_PRIV_HDR,                                                                             \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, version_supported, VALUE, DEC,                 \
                      "non-zero: the proposed version is accepted"),                           \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, connection_state, VALUE, CONN_STATE,           \
                      "connection state (garbage from pre-2.4 hosts)"),                        \
        VMBP_PRIV_RSV(VMBP_PRIV_W, rsvdz1, "rsvdz1", RSVD_IGN, 0u,                             \
                      "padding, ignored: old hosts leave it uninitialised"),                   \
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, msg_conn_id, VALUE, HEX,                       \
                      "from 5.0: message connection ID for later messages")
    static const struct vmbp_msg_field f_vr[] = {VMBP_PRIV_VR_HEAD};
    static const struct vmbp_msg_field f_vr_features[] = {
        VMBP_PRIV_VR_HEAD, VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, supported_features, VALUE,
                                         FEATURES, "feature flags the host supports")};
    static const struct vmbp_msg_field f_vr_monitor[] = {
        VMBP_PRIV_VR_HEAD,
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, supported_features, VALUE, FEATURES,
                      "feature flags the host supports"),
        VMBP_PRIV_RSV(VMBP_PRIV_W, rsvdz2, "rsvdz2", RSVD_IGN, 0u, "padding, ignored"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, parent_to_child_monitor_gpa, VALUE, HEX,
                      "host-provided monitor page 1 (may be 0)"),
        VMBP_PRIV_FLD(VMBP_PRIV_W, VMBP_PRIV_H, child_to_parent_monitor_gpa, VALUE, HEX,
                      "host-provided monitor page 2")};
#undef VMBP_PRIV_W
#undef VMBP_PRIV_H
    static const struct vmbp_msg_field f_mc[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(vmbp_modify_connection_wire, vmbp_modify_connection,
                      parent_to_child_monitor_gpa, VALUE, HEX, "new monitor page 1"),
        VMBP_PRIV_FLD(vmbp_modify_connection_wire, vmbp_modify_connection,
                      child_to_parent_monitor_gpa, VALUE, HEX, "new monitor page 2")};
    static const struct vmbp_msg_field f_mcr[] = {
        VMBP_PRIV_HDR,
        VMBP_PRIV_FLD(vmbp_modify_connection_response_wire, vmbp_modify_connection_response,
                      connection_state, VALUE, CONN_STATE, "connection state")};
    static const struct vmbp_msg_field f_empty[] = {VMBP_PRIV_HDR};

    switch (v) {
    case VMBP_MSGV_INITIATE_CONTACT_IPAGE:
        VMBP_PRIV_RETURN_FIELDS(f_ic_ipage, n);
    case VMBP_MSGV_INITIATE_CONTACT_SINT:
        VMBP_PRIV_RETURN_FIELDS(f_ic_sint, n);
    case VMBP_MSGV_INITIATE_CONTACT_FEATURES:
        VMBP_PRIV_RETURN_FIELDS(f_ic_features, n);
    case VMBP_MSGV_INITIATE_CONTACT_CLIENT_ID:
        VMBP_PRIV_RETURN_FIELDS(f_ic_client_id, n);
    case VMBP_MSGV_VERSION_RESPONSE:
        VMBP_PRIV_RETURN_FIELDS(f_vr, n);
    case VMBP_MSGV_VERSION_RESPONSE_FEATURES:
        VMBP_PRIV_RETURN_FIELDS(f_vr_features, n);
    case VMBP_MSGV_VERSION_RESPONSE_MONITOR:
        VMBP_PRIV_RETURN_FIELDS(f_vr_monitor, n);
    case VMBP_MSGV_MODIFY_CONNECTION:
        VMBP_PRIV_RETURN_FIELDS(f_mc, n);
    case VMBP_MSGV_MODIFY_CONNECTION_RESPONSE:
        VMBP_PRIV_RETURN_FIELDS(f_mcr, n);
    case VMBP_MSGV_REQUEST_OFFERS:
    case VMBP_MSGV_ALL_OFFERS_DELIVERED:
    case VMBP_MSGV_UNLOAD:
    case VMBP_MSGV_UNLOAD_COMPLETE:
    case VMBP_MSGV_PAUSE:
    case VMBP_MSGV_PAUSE_RESPONSE:
    case VMBP_MSGV_RESUME:
        VMBP_PRIV_RETURN_FIELDS(f_empty, n);
    default:
        return NULL;
    }
#undef VMBP_PRIV_IC_HEAD
#undef VMBP_PRIV_IC_SINT
#undef VMBP_PRIV_IC_TAIL
#undef VMBP_PRIV_VR_HEAD
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_MSG_CONNECT_H */
