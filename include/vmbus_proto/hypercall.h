/* SPDX-License-Identifier: MIT */
/**
 * @file hypercall.h
 * @brief The hypercalls VMBus uses: the input control word, the result word, the HV_STATUS
 * values a VMBus path sees, and the inputs of HvPostMessage, HvSignalEvent and their
 * Direct variants.
 *
 * A guest sends a channel message with HvPostMessage (0x5C, a slow hypercall: the 256-byte
 * input lives in a page the caller names by GPA) and signals a channel with HvSignalEvent
 * (0x5D, a fast hypercall: the 8-byte input travels in a register). A paravisor relaying
 * for a guest uses the Direct variants (0xC0, 0xC1) to name the target VP, VTL and SINT.
 * How the call reaches its target (plain hypercall instruction, GHCB, tdcall) is decided by
 * confidential.h.
 *
 * Status words (`VMBP_HV_STATUS_*`) are wire values returned by the hypervisor or the
 * paravisor; they are never an `enum vmbp_status` (VMBP-CONV-005). The encoders here return
 * an `enum vmbp_status` and write the wire bytes with vmbp_store_le*.
 *
 * Sources: Linux `include/hyperv/hvgdk_mini.h` (`HVCALL_*`, `HV_HYPERCALL_*`,
 * `HV_STATUS_*`), `drivers/hv/hyperv_vmbus.h` (`hv_input_post_message`),
 * `drivers/hv/hv.c` (`hv_post_message`), `drivers/hv/connection.c` (`vmbus_post_msg`,
 * `vmbus_set_event`); OpenVMM `vm/hv1/hvdef/src/lib.rs` (`hypercall::Control`,
 * `HypercallOutput`, `PostMessage`, `SignalEvent`, `PostMessageDirect`, `SignalEventDirect`,
 * `HvError`); mu_msvm `MsvmPkg/Include/Hv/HvGuestHypercall.h`, `HvStatus.h`; Hyper-V TLFS
 * `HvCallPostMessage`.
 */
#ifndef VMBP_HYPERCALL_H
#define VMBP_HYPERCALL_H

#include "bits.h"
#include "endian.h"
#include "port.h"
#include "status.h"
#include "synic.h"

/** @defgroup vmbp_hypercall Hypercalls
 *  @brief Control and result words, HV_STATUS, HvPostMessage and HvSignalEvent inputs.
 *  @{
 */

/** @name Call codes
 *  @{ */

/** @brief HvCallPostMessage (slow; 256-byte input). */
#define VMBP_HVCALL_POST_MESSAGE 0x005Cu
/** @brief HvCallSignalEvent (fast; 8-byte input in a register). */
#define VMBP_HVCALL_SIGNAL_EVENT 0x005Du
/** @brief HvCallSignalEventDirect (16-byte input, 8-byte output). */
#define VMBP_HVCALL_SIGNAL_EVENT_DIRECT 0x00C0u
/** @brief HvCallPostMessageDirect (280-byte input). */
#define VMBP_HVCALL_POST_MESSAGE_DIRECT 0x00C1u

/** @} */

/** @name Input control word (64 bits)
 *  code 0-15, fast 16, variable header size 17-26 (in 8-byte units), reserved 27-30,
 *  nested 31, rep count 32-43, reserved 44-47, rep start 48-59, reserved 60-63. Reserved
 *  bits are zero (OpenVMM `Control`; Linux `HV_HYPERCALL_*`; mu_msvm `HV_HYPERCALL_INPUT`
 *  has no variable header field and keeps bits 17-30 reserved).
 *  @{ */

/** @brief Call code. */
#define VMBP_HYPERCALL_CONTROL_CODE_SHIFT 0
/** @brief Width of the call code. */
#define VMBP_HYPERCALL_CONTROL_CODE_WIDTH 16
/** @brief Fast (register-based) call. */
#define VMBP_HYPERCALL_CONTROL_FAST_SHIFT 16
/** @brief Width of the fast bit. */
#define VMBP_HYPERCALL_CONTROL_FAST_WIDTH 1
/** @brief Variable header size, in 8-byte units. */
#define VMBP_HYPERCALL_CONTROL_VARHEAD_SHIFT 17
/** @brief Width of the variable header size. */
#define VMBP_HYPERCALL_CONTROL_VARHEAD_WIDTH 10
/** @brief Nested: handled by the L0 hypervisor (Linux `HV_HYPERCALL_NESTED`). */
#define VMBP_HYPERCALL_CONTROL_NESTED_SHIFT 31
/** @brief Width of the nested bit. */
#define VMBP_HYPERCALL_CONTROL_NESTED_WIDTH 1
/** @brief Rep count (rep hypercalls). */
#define VMBP_HYPERCALL_CONTROL_REP_COUNT_SHIFT 32
/** @brief Width of the rep count. */
#define VMBP_HYPERCALL_CONTROL_REP_COUNT_WIDTH 12
/** @brief Rep start index. */
#define VMBP_HYPERCALL_CONTROL_REP_START_SHIFT 48
/** @brief Width of the rep start index. */
#define VMBP_HYPERCALL_CONTROL_REP_START_WIDTH 12
/** @brief Reserved, zero: bits 27-30, 44-47 and 60-63. */
#define VMBP_HYPERCALL_CONTROL_RSVDZ VMBP_U64(0xF000F00078000000)

/** @} */

/** @name Result word (64 bits)
 *  status 0-15, reserved 16-31, reps completed 32-43, reserved 44-63 (OpenVMM
 *  `HypercallOutput`, mu_msvm `HV_HYPERCALL_OUTPUT`, Linux `HV_HYPERCALL_RESULT_MASK`).
 *  @{ */

/** @brief HV_STATUS of the call. */
#define VMBP_HYPERCALL_RESULT_STATUS_SHIFT 0
/** @brief Width of the status. */
#define VMBP_HYPERCALL_RESULT_STATUS_WIDTH 16
/** @brief Reps completed. */
#define VMBP_HYPERCALL_RESULT_REPS_SHIFT 32
/** @brief Width of the reps completed. */
#define VMBP_HYPERCALL_RESULT_REPS_WIDTH 12
/** @brief Reserved: bits 16-31 and 44-63. */
#define VMBP_HYPERCALL_RESULT_RSVD VMBP_U64(0xFFFFF000FFFF0000)

/** @} */

/** @brief Control word fields, `X(F, "name", "meaning")`, lowest first. */
#define VMBP_HYPERCALL_CONTROL_FIELDS(X)                                                       \
    X(VMBP_HYPERCALL_CONTROL_CODE, "code", "call code")                                        \
    X(VMBP_HYPERCALL_CONTROL_FAST, "fast", "inputs in registers")                              \
    X(VMBP_HYPERCALL_CONTROL_VARHEAD, "varhead", "variable header size, 8-byte units")         \
    X(VMBP_HYPERCALL_CONTROL_NESTED, "nested", "for the L0 hypervisor")                        \
    X(VMBP_HYPERCALL_CONTROL_REP_COUNT, "rep_count", "repetitions")                            \
    X(VMBP_HYPERCALL_CONTROL_REP_START, "rep_start", "first repetition")
/** @brief Result word fields, `X(F, "name", "meaning")`, lowest first. */
#define VMBP_HYPERCALL_RESULT_FIELDS(X)                                                        \
    X(VMBP_HYPERCALL_RESULT_STATUS, "status", "HV_STATUS of the call")                         \
    X(VMBP_HYPERCALL_RESULT_REPS, "reps", "repetitions completed")

VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_HYPERCALL_CONTROL_FIELDS, VMBP_HYPERCALL_CONTROL_RSVDZ,
                                   64),
                   vmbp_hypercall_control_covers);
VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_HYPERCALL_RESULT_FIELDS, VMBP_HYPERCALL_RESULT_RSVD,
                                   64),
                   vmbp_hypercall_result_covers);

/**
 * @brief HV_STATUS values: `X(VMBP_HV_STATUS_<NAME>, value, "meaning")`, in value order.
 *
 * The codes are the TLFS ones as OpenVMM `HvError` and mu_msvm `HvStatus.h` define them.
 * Those a VMBus path meets: HvPostMessage fails with INVALID_CONNECTION_ID (an old host
 * refusing connection ID 4; a paravisor port that does not exist), INSUFFICIENT_BUFFERS or
 * INSUFFICIENT_MEMORY (queue full: retry), INVALID_PARAMETER (bad size or type; also Linux's
 * result for a host-visible call on an isolation type without GHCB or tdcall),
 * OPERATION_DENIED (caller VTL too low for the port), ACCESS_DENIED (no PostMessages
 * privilege), INVALID_PORT_ID, INVALID_VP_INDEX and INVALID_SYNIC_STATE (target SynIC or
 * SIMP disabled).
 */
#define VMBP_HV_STATUS_LIST(X)                                                                 \
    X(VMBP_HV_STATUS_SUCCESS, 0x0000u, "success")                                              \
    X(VMBP_HV_STATUS_INVALID_HYPERCALL_CODE, 0x0002u, "invalid hypercall code")                \
    X(VMBP_HV_STATUS_INVALID_HYPERCALL_INPUT, 0x0003u, "invalid hypercall input")              \
    X(VMBP_HV_STATUS_INVALID_ALIGNMENT, 0x0004u, "invalid alignment")                          \
    X(VMBP_HV_STATUS_INVALID_PARAMETER, 0x0005u, "invalid parameter")                          \
    X(VMBP_HV_STATUS_ACCESS_DENIED, 0x0006u, "access denied")                                  \
    X(VMBP_HV_STATUS_INVALID_PARTITION_STATE, 0x0007u, "invalid partition state")              \
    X(VMBP_HV_STATUS_OPERATION_DENIED, 0x0008u, "operation denied")                            \
    X(VMBP_HV_STATUS_UNKNOWN_PROPERTY, 0x0009u, "unknown property")                            \
    X(VMBP_HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE, 0x000Au, "property value out of range")      \
    X(VMBP_HV_STATUS_INSUFFICIENT_MEMORY, 0x000Bu, "insufficient memory")                      \
    X(VMBP_HV_STATUS_PARTITION_TOO_DEEP, 0x000Cu, "partition too deep")                        \
    X(VMBP_HV_STATUS_INVALID_PARTITION_ID, 0x000Du, "invalid partition ID")                    \
    X(VMBP_HV_STATUS_INVALID_VP_INDEX, 0x000Eu, "invalid VP index")                            \
    X(VMBP_HV_STATUS_NOT_FOUND, 0x0010u, "not found")                                          \
    X(VMBP_HV_STATUS_INVALID_PORT_ID, 0x0011u, "invalid port ID")                              \
    X(VMBP_HV_STATUS_INVALID_CONNECTION_ID, 0x0012u, "invalid connection ID")                  \
    X(VMBP_HV_STATUS_INSUFFICIENT_BUFFERS, 0x0013u, "insufficient buffers")                    \
    X(VMBP_HV_STATUS_NOT_ACKNOWLEDGED, 0x0014u, "not acknowledged")                            \
    X(VMBP_HV_STATUS_INVALID_VP_STATE, 0x0015u, "invalid VP state")                            \
    X(VMBP_HV_STATUS_ACKNOWLEDGED, 0x0016u, "acknowledged")                                    \
    X(VMBP_HV_STATUS_INVALID_SAVE_RESTORE_STATE, 0x0017u, "invalid save/restore state")        \
    X(VMBP_HV_STATUS_INVALID_SYNIC_STATE, 0x0018u, "invalid SynIC state")                      \
    X(VMBP_HV_STATUS_OBJECT_IN_USE, 0x0019u, "object in use")                                  \
    X(VMBP_HV_STATUS_INVALID_PROXIMITY_DOMAIN_INFO, 0x001Au, "invalid proximity domain info")  \
    X(VMBP_HV_STATUS_NO_DATA, 0x001Bu, "no data")                                              \
    X(VMBP_HV_STATUS_INACTIVE, 0x001Cu, "inactive")                                            \
    X(VMBP_HV_STATUS_NO_RESOURCES, 0x001Du, "no resources")                                    \
    X(VMBP_HV_STATUS_FEATURE_UNAVAILABLE, 0x001Eu, "feature unavailable")                      \
    X(VMBP_HV_STATUS_PARTIAL_PACKET, 0x001Fu, "partial packet")                                \
    X(VMBP_HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED, 0x0020u,                                 \
      "processor feature not supported")                                                       \
    X(VMBP_HV_STATUS_INSUFFICIENT_BUFFER, 0x0033u, "insufficient buffer")                      \
    X(VMBP_HV_STATUS_INVALID_REGISTER_VALUE, 0x0050u, "invalid register value")                \
    X(VMBP_HV_STATUS_INVALID_VTL_STATE, 0x0051u, "invalid VTL state")                          \
    X(VMBP_HV_STATUS_OPERATION_FAILED, 0x0071u, "operation failed")                            \
    X(VMBP_HV_STATUS_TIMEOUT, 0x0078u, "timeout")                                              \
    X(VMBP_HV_STATUS_VTL_ALREADY_ENABLED, 0x0086u, "VTL already enabled")                      \
    X(VMBP_HV_STATUS_UNKNOWN_REGISTER_NAME, 0x0087u, "unknown register name")

/** @brief HV_STATUS wire values (16 bits), in VMBP_HV_STATUS_LIST() order. */
enum vmbp_hv_status {
    VMBP_HV_STATUS_SUCCESS = 0x0000,                       /**< success */
    VMBP_HV_STATUS_INVALID_HYPERCALL_CODE = 0x0002,        /**< invalid hypercall code */
    VMBP_HV_STATUS_INVALID_HYPERCALL_INPUT = 0x0003,       /**< invalid hypercall input */
    VMBP_HV_STATUS_INVALID_ALIGNMENT = 0x0004,             /**< invalid alignment */
    VMBP_HV_STATUS_INVALID_PARAMETER = 0x0005,             /**< invalid parameter */
    VMBP_HV_STATUS_ACCESS_DENIED = 0x0006,                 /**< access denied */
    VMBP_HV_STATUS_INVALID_PARTITION_STATE = 0x0007,       /**< invalid partition state */
    VMBP_HV_STATUS_OPERATION_DENIED = 0x0008,              /**< operation denied */
    VMBP_HV_STATUS_UNKNOWN_PROPERTY = 0x0009,              /**< unknown property */
    VMBP_HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE = 0x000A,   /**< property value out of range */
    VMBP_HV_STATUS_INSUFFICIENT_MEMORY = 0x000B,           /**< insufficient memory */
    VMBP_HV_STATUS_PARTITION_TOO_DEEP = 0x000C,            /**< partition too deep */
    VMBP_HV_STATUS_INVALID_PARTITION_ID = 0x000D,          /**< invalid partition ID */
    VMBP_HV_STATUS_INVALID_VP_INDEX = 0x000E,              /**< invalid VP index */
    VMBP_HV_STATUS_NOT_FOUND = 0x0010,                     /**< not found */
    VMBP_HV_STATUS_INVALID_PORT_ID = 0x0011,               /**< invalid port ID */
    VMBP_HV_STATUS_INVALID_CONNECTION_ID = 0x0012,         /**< invalid connection ID */
    VMBP_HV_STATUS_INSUFFICIENT_BUFFERS = 0x0013,          /**< insufficient buffers */
    VMBP_HV_STATUS_NOT_ACKNOWLEDGED = 0x0014,              /**< not acknowledged */
    VMBP_HV_STATUS_INVALID_VP_STATE = 0x0015,              /**< invalid VP state */
    VMBP_HV_STATUS_ACKNOWLEDGED = 0x0016,                  /**< acknowledged */
    VMBP_HV_STATUS_INVALID_SAVE_RESTORE_STATE = 0x0017,    /**< invalid save/restore state */
    VMBP_HV_STATUS_INVALID_SYNIC_STATE = 0x0018,           /**< invalid SynIC state */
    VMBP_HV_STATUS_OBJECT_IN_USE = 0x0019,                 /**< object in use */
    VMBP_HV_STATUS_INVALID_PROXIMITY_DOMAIN_INFO = 0x001A, /**< invalid proximity domain info */
    VMBP_HV_STATUS_NO_DATA = 0x001B,                       /**< no data */
    VMBP_HV_STATUS_INACTIVE = 0x001C,                      /**< inactive */
    VMBP_HV_STATUS_NO_RESOURCES = 0x001D,                  /**< no resources */
    VMBP_HV_STATUS_FEATURE_UNAVAILABLE = 0x001E,           /**< feature unavailable */
    VMBP_HV_STATUS_PARTIAL_PACKET = 0x001F,                /**< partial packet */
    /** processor feature not supported */
    VMBP_HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED = 0x0020,
    VMBP_HV_STATUS_INSUFFICIENT_BUFFER = 0x0033,    /**< insufficient buffer */
    VMBP_HV_STATUS_INVALID_REGISTER_VALUE = 0x0050, /**< invalid register value */
    VMBP_HV_STATUS_INVALID_VTL_STATE = 0x0051,      /**< invalid VTL state */
    VMBP_HV_STATUS_OPERATION_FAILED = 0x0071,       /**< operation failed */
    VMBP_HV_STATUS_TIMEOUT = 0x0078,                /**< timeout */
    VMBP_HV_STATUS_VTL_ALREADY_ENABLED = 0x0086,    /**< VTL already enabled */
    VMBP_HV_STATUS_UNKNOWN_REGISTER_NAME = 0x0087   /**< unknown register name */
};

/** @cond VMBP_INTERNAL */
/* Every row's enumerator has the row's value. */
#define VMBP_PRIV_HV_STATUS_VALUE(e, value, text) &&(e) == (value)
VMBP_STATIC_ASSERT(1 VMBP_HV_STATUS_LIST(VMBP_PRIV_HV_STATUS_VALUE), vmbp_hv_status_values);
/** @endcond */

/** @name Inputs
 *  @{ */

/* HvPostMessage's payload is at most VMBP_SYNIC_MESSAGE_PAYLOAD_MAX bytes (TLFS: "up to 240
 * bytes total"), a connection or port ID has the bits of VMBP_SYNIC_CONNECTION_ID_MAX, and
 * HvSignalEvent's flag number is below VMBP_SYNIC_EVENT_FLAGS_COUNT (synic.h). */
/** @brief "This partition" as a partition ID (OpenVMM `HV_PARTITION_ID_SELF`). */
#define VMBP_HYPERCALL_PARTITION_ID_SELF VMBP_U64(0xFFFFFFFFFFFFFFFF)
/** @brief "The calling VP" as a VP index (OpenVMM `HV_VP_INDEX_SELF`). */
#define VMBP_HYPERCALL_VP_INDEX_SELF 0xFFFFFFFEu

/**
 * @brief HvPostMessage input (256 bytes, 8-byte aligned, in one page). TLFS: the type is
 * non-zero with the top bit clear; only the first @c payload_size bytes are delivered.
 */
struct vmbp_hypercall_post_message_wire {
    uint32_t connection_id; /**< 24-bit connection ID, upper 8 bits zero */
    uint32_t rsvdz;         /**< reserved, zero */
    uint32_t message_type;  /**< type placed in the receiver's slot (VMBus: 1) */
    uint32_t payload_size;  /**< payload bytes, at most 240 */
    uint8_t payload[240];   /**< payload; encoders zero the unused tail */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_hypercall_post_message_wire) == 256,
                   vmbp_hypercall_post_message_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_wire, connection_id) == 0,
                   vmbp_hypercall_post_message_conn_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_wire, rsvdz) == 4,
                   vmbp_hypercall_post_message_rsvdz_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_wire, message_type) == 8,
                   vmbp_hypercall_post_message_type_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_wire, payload_size) == 12,
                   vmbp_hypercall_post_message_psize_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_wire, payload) == 16,
                   vmbp_hypercall_post_message_payload_off);

/**
 * @brief HvSignalEvent input (8 bytes). Sent as a fast hypercall: the 8 bytes, read as a
 * little-endian 64-bit value, are the first input register.
 */
struct vmbp_hypercall_signal_event_wire {
    uint32_t connection_id; /**< 24-bit connection ID of the event port */
    uint16_t flag_number;   /**< event flag to set in the target SINT, below 2048 */
    uint16_t rsvdz;         /**< reserved, zero */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_hypercall_signal_event_wire) == 8,
                   vmbp_hypercall_signal_event_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_wire, connection_id) == 0,
                   vmbp_hypercall_signal_event_conn_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_wire, flag_number) == 4,
                   vmbp_hypercall_signal_event_flag_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_wire, rsvdz) == 6,
                   vmbp_hypercall_signal_event_rsvdz_off);

/**
 * @brief HvPostMessageDirect input (280 bytes; OpenVMM `PostMessageDirect`): the message is
 * a whole 256-byte slot image at offset 20, so it is not 8-byte aligned: write it with
 * byte copies, never through a `struct vmbp_synic_message_wire` pointer.
 */
struct vmbp_hypercall_post_message_direct_wire {
    uint64_t partition_id; /**< target partition (VMBP_HYPERCALL_PARTITION_ID_SELF) */
    uint32_t vp_index;     /**< target VP */
    uint8_t vtl;           /**< target VTL */
    uint8_t pad0[3];       /**< padding, zero */
    uint8_t sint;          /**< target SINT */
    uint8_t pad1[3];       /**< padding, zero */
    uint8_t message[256];  /**< the slot image (header + payload) */
    uint32_t pad2;         /**< padding, zero */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_hypercall_post_message_direct_wire) == 280,
                   vmbp_hypercall_post_direct_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_direct_wire, partition_id) == 0,
                   vmbp_hypercall_post_direct_part_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_direct_wire, vp_index) == 8,
                   vmbp_hypercall_post_direct_vp_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_direct_wire, vtl) == 12,
                   vmbp_hypercall_post_direct_vtl_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_direct_wire, pad0) == 13,
                   vmbp_hypercall_post_direct_pad0_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_direct_wire, sint) == 16,
                   vmbp_hypercall_post_direct_sint_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_direct_wire, pad1) == 17,
                   vmbp_hypercall_post_direct_pad1_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_direct_wire, message) == 20,
                   vmbp_hypercall_post_direct_msg_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_post_message_direct_wire, pad2) == 276,
                   vmbp_hypercall_post_direct_pad2_off);

/** @brief HvSignalEventDirect input (16 bytes; OpenVMM `SignalEventDirect`). */
struct vmbp_hypercall_signal_event_direct_wire {
    uint64_t target_partition; /**< target partition */
    uint32_t target_vp;        /**< target VP */
    uint8_t target_vtl;        /**< target VTL */
    uint8_t target_sint;       /**< target SINT */
    uint16_t flag_number;      /**< event flag, below 2048 */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_hypercall_signal_event_direct_wire) == 16,
                   vmbp_hypercall_signal_direct_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_partition) ==
                       0,
                   vmbp_hypercall_signal_direct_part_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_vp) == 8,
                   vmbp_hypercall_signal_direct_vp_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_vtl) == 12,
                   vmbp_hypercall_signal_direct_vtl_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_sint) == 13,
                   vmbp_hypercall_signal_direct_sint_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_direct_wire, flag_number) == 14,
                   vmbp_hypercall_signal_direct_flag_off);

/** @brief HvSignalEventDirect output (8 bytes; OpenVMM `SignalEventDirectOutput`). */
struct vmbp_hypercall_signal_event_direct_output_wire {
    uint8_t newly_signaled; /**< 1 if the flag was clear before */
    uint8_t rsvdz[7];       /**< reserved */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_hypercall_signal_event_direct_output_wire) == 8,
                   vmbp_hypercall_signal_direct_out_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_direct_output_wire,
                            newly_signaled) == 0,
                   vmbp_hypercall_signal_direct_out_new_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_hypercall_signal_event_direct_output_wire, rsvdz) == 1,
                   vmbp_hypercall_signal_direct_out_rsvdz_off);

/** @} */

/**
 * @brief What a caller of HvPostMessage does with the status it got back
 * (vmbp_hypercall_post_message_action()).
 */
enum vmbp_hypercall_post_action {
    VMBP_HYPERCALL_POST_DONE = 0,         /**< the message was posted */
    VMBP_HYPERCALL_POST_RETRY = 1,        /**< queue full: wait and post again */
    VMBP_HYPERCALL_POST_NEXT_VERSION = 2, /**< contact refused on this port: try the next
                                               older version (and its connection ID) */
    VMBP_HYPERCALL_POST_FAIL = 3          /**< give up */
};

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Build an input control word.
 * @param code      call code, e.g. VMBP_HVCALL_POST_MESSAGE
 * @param fast      fast (register) call
 * @param varhead   variable header size in 8-byte units (0..1023; higher bits are dropped)
 * @param rep_count rep count (0..4095; higher bits are dropped)
 * @param rep_start rep start index (0..4095; higher bits are dropped)
 * @return the control word, reserved bits and the nested bit zero
 */
VMBP_INLINE uint64_t vmbp_hypercall_control(uint16_t code, bool fast, uint32_t varhead,
                                            uint32_t rep_count, uint32_t rep_start)
{
    uint64_t v = 0;

    v = VMBP_FIELD_SET64(VMBP_HYPERCALL_CONTROL_CODE, v, code);
    v = VMBP_FIELD_SET64(VMBP_HYPERCALL_CONTROL_FAST, v, fast ? 1u : 0u);
    v = VMBP_FIELD_SET64(VMBP_HYPERCALL_CONTROL_VARHEAD, v, varhead);
    v = VMBP_FIELD_SET64(VMBP_HYPERCALL_CONTROL_REP_COUNT, v, rep_count);
    v = VMBP_FIELD_SET64(VMBP_HYPERCALL_CONTROL_REP_START, v, rep_start);
    return v;
}

/**
 * @brief A control word with the nested bit set or cleared (Linux sets it when `hv_nested`,
 * so that the L0 hypervisor handles the call).
 * @param control control word
 * @param nested  new nested bit
 * @return the control word
 */
VMBP_INLINE uint64_t vmbp_hypercall_control_set_nested(uint64_t control, bool nested)
{
    return VMBP_FIELD_SET64(VMBP_HYPERCALL_CONTROL_NESTED, control, nested ? 1u : 0u);
}

/**
 * @brief Call code of a control word.
 * @param control control word
 * @return the code
 */
VMBP_INLINE uint16_t vmbp_hypercall_control_code(uint64_t control)
{
    return (uint16_t)VMBP_FIELD_GET64(VMBP_HYPERCALL_CONTROL_CODE, control);
}

/**
 * @brief Fast bit of a control word.
 * @param control control word
 * @return true for a fast call
 */
VMBP_INLINE bool vmbp_hypercall_control_fast(uint64_t control)
{
    return VMBP_FIELD_GET64(VMBP_HYPERCALL_CONTROL_FAST, control) != 0;
}

/**
 * @brief Variable header size of a control word.
 * @param control control word
 * @return the size in 8-byte units
 */
VMBP_INLINE uint32_t vmbp_hypercall_control_varhead(uint64_t control)
{
    return (uint32_t)VMBP_FIELD_GET64(VMBP_HYPERCALL_CONTROL_VARHEAD, control);
}

/**
 * @brief Nested bit of a control word.
 * @param control control word
 * @return true if nested
 */
VMBP_INLINE bool vmbp_hypercall_control_nested(uint64_t control)
{
    return VMBP_FIELD_GET64(VMBP_HYPERCALL_CONTROL_NESTED, control) != 0;
}

/**
 * @brief Rep count of a control word.
 * @param control control word
 * @return the rep count
 */
VMBP_INLINE uint32_t vmbp_hypercall_control_rep_count(uint64_t control)
{
    return (uint32_t)VMBP_FIELD_GET64(VMBP_HYPERCALL_CONTROL_REP_COUNT, control);
}

/**
 * @brief Rep start index of a control word.
 * @param control control word
 * @return the rep start index
 */
VMBP_INLINE uint32_t vmbp_hypercall_control_rep_start(uint64_t control)
{
    return (uint32_t)VMBP_FIELD_GET64(VMBP_HYPERCALL_CONTROL_REP_START, control);
}

/**
 * @brief Check a control word a paravisor or emulator received: reserved bits must be zero
 * (the hypervisor fails such a call with HV_STATUS_INVALID_HYPERCALL_INPUT).
 * @param control control word
 * @return VMBP_OK or VMBP_E_RSVD_NONZERO
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_hypercall_control_check(uint64_t control)
{
    return (control & VMBP_HYPERCALL_CONTROL_RSVDZ) != 0 ? VMBP_E_RSVD_NONZERO : VMBP_OK;
}

/**
 * @brief HV_STATUS of a result word.
 * @param result the value the hypercall returned
 * @return the status (`VMBP_HV_STATUS_*`)
 */
VMBP_INLINE uint16_t vmbp_hypercall_result_status(uint64_t result)
{
    return (uint16_t)VMBP_FIELD_GET64(VMBP_HYPERCALL_RESULT_STATUS, result);
}

/**
 * @brief Reps completed of a result word.
 * @param result the value the hypercall returned
 * @return the count
 */
VMBP_INLINE uint32_t vmbp_hypercall_result_reps(uint64_t result)
{
    return (uint32_t)VMBP_FIELD_GET64(VMBP_HYPERCALL_RESULT_REPS, result);
}

/** @cond VMBP_INTERNAL */
static const struct vmbp_reg_field vmbp_priv_hypercall_control_fields[] = {
    VMBP_HYPERCALL_CONTROL_FIELDS(VMBP_REG_FIELD_INIT)};
static const struct vmbp_reg_desc vmbp_priv_hypercall_control_desc = {
    "hypercall control",
    64,
    vmbp_priv_hypercall_control_fields,
    sizeof(vmbp_priv_hypercall_control_fields) / sizeof(vmbp_priv_hypercall_control_fields[0]),
    VMBP_HYPERCALL_CONTROL_RSVDZ,
    0};
static const struct vmbp_reg_field vmbp_priv_hypercall_result_fields[] = {
    VMBP_HYPERCALL_RESULT_FIELDS(VMBP_REG_FIELD_INIT)};
static const struct vmbp_reg_desc vmbp_priv_hypercall_result_desc = {
    "hypercall result",
    64,
    vmbp_priv_hypercall_result_fields,
    sizeof(vmbp_priv_hypercall_result_fields) / sizeof(vmbp_priv_hypercall_result_fields[0]),
    VMBP_HYPERCALL_RESULT_RSVD,
    0};

struct vmbp_priv_hv_status_row {
    uint16_t value;
    const char *name;
};
#define VMBP_PRIV_HV_STATUS_ROW(e, value, text)                                                \
    {(value), VMBP_PRIV_NAME_AFTER("VMBP_HV_STATUS_", #e)},
static const struct vmbp_priv_hv_status_row vmbp_priv_hv_status_names[] = {
    VMBP_HV_STATUS_LIST(VMBP_PRIV_HV_STATUS_ROW)};
/** @endcond */

/**
 * @brief Description of the hypercall control word, for tools and tests.
 * @return a static description
 */
VMBP_INLINE const struct vmbp_reg_desc *vmbp_hypercall_control_desc(void)
{
    return &vmbp_priv_hypercall_control_desc;
}

/**
 * @brief Description of the hypercall result word, for tools and tests.
 * @return a static description
 */
VMBP_INLINE const struct vmbp_reg_desc *vmbp_hypercall_result_desc(void)
{
    return &vmbp_priv_hypercall_result_desc;
}

/**
 * @brief Name of an HV_STATUS, e.g. "INVALID_CONNECTION_ID".
 * @param status wire status
 * @return a static string; NULL for a value not in VMBP_HV_STATUS_LIST
 */
VMBP_INLINE const char *vmbp_hv_status_name(uint16_t status)
{
    size_t i;

    for (i = 0; i < sizeof(vmbp_priv_hv_status_names) / sizeof(vmbp_priv_hv_status_names[0]);
         i++)
        if (vmbp_priv_hv_status_names[i].value == status)
            return vmbp_priv_hv_status_names[i].name;
    return NULL;
}

/**
 * @brief Encode the HvPostMessage input: exactly 256 bytes, reserved field and unused
 * payload tail zero (VMBP-CONV-002; mu_msvm zeroes the tail, Linux leaves it).
 * @param connection_id target connection ID (24 bits)
 * @param message_type  non-zero type with bit 31 clear (VMBus: VMBP_SYNIC_MSG_TYPE_VMBUS)
 * @param payload       payload bytes (may be NULL when @p payload_size is 0)
 * @param payload_size  payload length, at most 240
 * @param buf           output buffer (8-byte aligned and within one page when passed to
 *                      the hypervisor)
 * @param cap           capacity of @p buf
 * @param len           set to 256 on success and on VMBP_E_NOSPACE
 * @return VMBP_OK; VMBP_E_TOO_LONG (payload above 240, Linux `-EMSGSIZE`);
 *         VMBP_E_FIELD_RANGE (connection ID above 24 bits, type 0 or with bit 31 set: the
 *         hypervisor would answer HV_STATUS_INVALID_PARAMETER); VMBP_E_INVAL (NULL payload
 *         with a non-zero size, or NULL @p buf / @p len); VMBP_E_NOSPACE (@p cap below 256)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_hypercall_post_message_encode(uint32_t connection_id, uint32_t message_type,
                                   const void *payload, size_t payload_size, void *buf,
                                   size_t cap, size_t *len)
{
    uint8_t *b = (uint8_t *)buf;

    if (len == NULL || (payload == NULL && payload_size != 0))
        return VMBP_E_INVAL;
    if (payload_size > VMBP_SYNIC_MESSAGE_PAYLOAD_MAX)
        return VMBP_E_TOO_LONG;
    if ((connection_id & ~VMBP_SYNIC_CONNECTION_ID_MAX) != 0 || message_type == 0 ||
        (message_type & VMBP_SYNIC_MSG_TYPE_HYPERVISOR_MASK) != 0)
        return VMBP_E_FIELD_RANGE;
    *len = sizeof(struct vmbp_hypercall_post_message_wire);
    if (cap < sizeof(struct vmbp_hypercall_post_message_wire))
        return VMBP_E_NOSPACE;
    if (b == NULL)
        return VMBP_E_INVAL;
    VMBP_MEMSET(b, 0, sizeof(struct vmbp_hypercall_post_message_wire));
    vmbp_store_le32(b + offsetof(struct vmbp_hypercall_post_message_wire, connection_id),
                    connection_id);
    vmbp_store_le32(b + offsetof(struct vmbp_hypercall_post_message_wire, message_type),
                    message_type);
    vmbp_store_le32(b + offsetof(struct vmbp_hypercall_post_message_wire, payload_size),
                    (uint32_t)payload_size);
    if (payload_size != 0)
        VMBP_MEMCPY(b + offsetof(struct vmbp_hypercall_post_message_wire, payload), payload,
                    payload_size);
    return VMBP_OK;
}

/**
 * @brief Encode the HvSignalEvent input as the fast-call register value: connection ID in
 * bits 0-31, flag number in bits 32-47, zero above (Linux `channel->sig_event`, flag 0).
 * Its little-endian bytes are the 8-byte struct vmbp_hypercall_signal_event_wire.
 * @param connection_id event connection ID (24 bits; VMBus: the offer's connection ID)
 * @param flag_number   event flag, below 2048 (VMBus guests use 0)
 * @param value         set to the register value on success
 * @return VMBP_OK or VMBP_E_FIELD_RANGE
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_hypercall_signal_event_value(uint32_t connection_id, uint16_t flag_number, uint64_t *value)
{
    if ((connection_id & ~VMBP_SYNIC_CONNECTION_ID_MAX) != 0 ||
        flag_number >= VMBP_SYNIC_EVENT_FLAGS_COUNT)
        return VMBP_E_FIELD_RANGE;
    *value = (uint64_t)connection_id | ((uint64_t)flag_number << 32);
    return VMBP_OK;
}

/**
 * @brief Encode the HvSignalEvent input as its 8 wire bytes (for the slow form, or for a
 * GHCB hypercall that takes the input in memory, as Linux does on SNP).
 * @param connection_id event connection ID (24 bits)
 * @param flag_number   event flag, below 2048
 * @param buf           output buffer
 * @param cap           capacity of @p buf
 * @param len           set to 8 on success and on VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_FIELD_RANGE, VMBP_E_INVAL (NULL @p len or @p buf) or
 *         VMBP_E_NOSPACE
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_hypercall_signal_event_encode(uint32_t connection_id, uint16_t flag_number, void *buf,
                                   size_t cap, size_t *len)
{
    uint64_t v;
    enum vmbp_status st;

    if (len == NULL)
        return VMBP_E_INVAL;
    st = vmbp_hypercall_signal_event_value(connection_id, flag_number, &v);
    if (st != VMBP_OK)
        return st;
    *len = sizeof(struct vmbp_hypercall_signal_event_wire);
    if (cap < sizeof(struct vmbp_hypercall_signal_event_wire))
        return VMBP_E_NOSPACE;
    if (buf == NULL)
        return VMBP_E_INVAL;
    vmbp_store_le64(buf, v);
    return VMBP_OK;
}

/**
 * @brief Encode the HvPostMessageDirect input (280 bytes): the target, then a whole
 * 256-byte message slot image (type, payload size, flags 0, sender 0, payload) at offset
 * 20; padding and the unused payload tail zero. A paravisor uses it to deliver a message
 * into a given VP's SINT (OpenVMM `PostMessageDirect`).
 * @param partition_id target partition (VMBP_HYPERCALL_PARTITION_ID_SELF)
 * @param vp_index     target VP
 * @param vtl          target VTL
 * @param sint         target SINT, below 16
 * @param message_type type placed in the slot (non-zero)
 * @param payload      payload bytes (may be NULL when @p payload_size is 0)
 * @param payload_size payload length, at most 240
 * @param buf          output buffer
 * @param cap          capacity of @p buf
 * @param len          set to 280 on success and on VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_TOO_LONG, VMBP_E_FIELD_RANGE (SINT 16 or more, type 0),
 *         VMBP_E_INVAL or VMBP_E_NOSPACE
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_hypercall_post_message_direct_encode(
    uint64_t partition_id, uint32_t vp_index, uint8_t vtl, uint8_t sint, uint32_t message_type,
    const void *payload, size_t payload_size, void *buf, size_t cap, size_t *len)
{
    uint8_t *b = (uint8_t *)buf;
    uint8_t *m;

    if (len == NULL || (payload == NULL && payload_size != 0))
        return VMBP_E_INVAL;
    if (payload_size > VMBP_SYNIC_MESSAGE_PAYLOAD_MAX)
        return VMBP_E_TOO_LONG;
    if (sint >= VMBP_SYNIC_SINT_COUNT || message_type == 0)
        return VMBP_E_FIELD_RANGE;
    *len = sizeof(struct vmbp_hypercall_post_message_direct_wire);
    if (cap < sizeof(struct vmbp_hypercall_post_message_direct_wire))
        return VMBP_E_NOSPACE;
    if (b == NULL)
        return VMBP_E_INVAL;
    VMBP_MEMSET(b, 0, sizeof(struct vmbp_hypercall_post_message_direct_wire));
    vmbp_store_le64(b + offsetof(struct vmbp_hypercall_post_message_direct_wire, partition_id),
                    partition_id);
    vmbp_store_le32(b + offsetof(struct vmbp_hypercall_post_message_direct_wire, vp_index),
                    vp_index);
    b[offsetof(struct vmbp_hypercall_post_message_direct_wire, vtl)] = vtl;
    b[offsetof(struct vmbp_hypercall_post_message_direct_wire, sint)] = sint;
    /* the message is a slot image (synic.h, struct vmbp_synic_message_wire) */
    m = b + offsetof(struct vmbp_hypercall_post_message_direct_wire, message);
    vmbp_store_le32(m + offsetof(struct vmbp_synic_message_wire, message_type), message_type);
    m[offsetof(struct vmbp_synic_message_wire, payload_size)] = (uint8_t)payload_size;
    if (payload_size != 0)
        VMBP_MEMCPY(m + offsetof(struct vmbp_synic_message_wire, payload), payload,
                    payload_size);
    return VMBP_OK;
}

/**
 * @brief Encode the HvSignalEventDirect input (16 bytes; OpenVMM `SignalEventDirect`).
 * @param partition_id target partition
 * @param vp_index     target VP
 * @param vtl          target VTL
 * @param sint         target SINT, below 16
 * @param flag_number  event flag, below 2048
 * @param buf          output buffer
 * @param cap          capacity of @p buf
 * @param len          set to 16 on success and on VMBP_E_NOSPACE
 * @return VMBP_OK, VMBP_E_FIELD_RANGE, VMBP_E_INVAL or VMBP_E_NOSPACE
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_hypercall_signal_event_direct_encode(uint64_t partition_id, uint32_t vp_index, uint8_t vtl,
                                          uint8_t sint, uint16_t flag_number, void *buf,
                                          size_t cap, size_t *len)
{
    uint8_t *b = (uint8_t *)buf;

    if (len == NULL)
        return VMBP_E_INVAL;
    if (sint >= VMBP_SYNIC_SINT_COUNT || flag_number >= VMBP_SYNIC_EVENT_FLAGS_COUNT)
        return VMBP_E_FIELD_RANGE;
    *len = sizeof(struct vmbp_hypercall_signal_event_direct_wire);
    if (cap < sizeof(struct vmbp_hypercall_signal_event_direct_wire))
        return VMBP_E_NOSPACE;
    if (b == NULL)
        return VMBP_E_INVAL;
    vmbp_store_le64(
        b + offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_partition),
        partition_id);
    vmbp_store_le32(b + offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_vp),
                    vp_index);
    b[offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_vtl)] = vtl;
    b[offsetof(struct vmbp_hypercall_signal_event_direct_wire, target_sint)] = sint;
    vmbp_store_le16(b + offsetof(struct vmbp_hypercall_signal_event_direct_wire, flag_number),
                    flag_number);
    return VMBP_OK;
}

/**
 * @brief What to do after HvPostMessage returned @p status (Linux `vmbus_post_msg`).
 *
 * - SUCCESS: done.
 * - INSUFFICIENT_MEMORY, INSUFFICIENT_BUFFERS: the port's queue is full; retry after a
 *   delay (Linux retries up to 100 times with a doubling delay; mu_msvm returns
 *   EFI_NOT_READY to its caller).
 * - INVALID_CONNECTION_ID on INITIATE_CONTACT: an older host does not know connection ID 4;
 *   try the next older version (Linux `-EINVAL` moves the version loop on).
 * - anything else: fail.
 * A refused confidential contact is judged by vmbp_confidential_contact_outcome() in
 * confidential.h, which falls back instead.
 * @param status     HV_STATUS returned
 * @param is_contact the message was INITIATE_CONTACT
 * @return the action
 */
VMBP_INLINE enum vmbp_hypercall_post_action vmbp_hypercall_post_message_action(uint16_t status,
                                                                               bool is_contact)
{
    switch (status) {
    case VMBP_HV_STATUS_SUCCESS:
        return VMBP_HYPERCALL_POST_DONE;
    case VMBP_HV_STATUS_INSUFFICIENT_MEMORY:
    case VMBP_HV_STATUS_INSUFFICIENT_BUFFERS:
        return VMBP_HYPERCALL_POST_RETRY;
    case VMBP_HV_STATUS_INVALID_CONNECTION_ID:
        return is_contact ? VMBP_HYPERCALL_POST_NEXT_VERSION : VMBP_HYPERCALL_POST_FAIL;
    default:
        return VMBP_HYPERCALL_POST_FAIL;
    }
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_HYPERCALL_H */
