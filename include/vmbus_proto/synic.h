/* SPDX-License-Identifier: MIT */
/**
 * @file synic.h
 * @brief The synthetic interrupt controller (SynIC) as VMBus uses it: registers, the
 * message page and its 256-byte slots, the event flags page, and the guest's side of the
 * message and event protocols.
 *
 * Every VMBus connection runs over a SynIC: host-to-guest channel messages arrive in the
 * SINT2 slot of the message page (SIMP), channel interrupts set bits in the SINT2 area of the
 * event flags page (SIEFP), and the guest frees a slot with the end-of-message protocol.
 * With the Confidential VMBus a guest drives two SynICs, the hypervisor's and the
 * paravisor's (confidential.h says which step goes where).
 *
 * Registers are 64-bit values. Each field is a `_SHIFT`/`_WIDTH` pair (bits.h) with small
 * get/set functions; `_RSVDP` masks are reserved bits a writer preserves (read, modify,
 * write), `_RSVDZ` masks reserved bits a writer sets to zero. Static assertions below prove
 * that the fields and reserved masks of every register are disjoint and cover all 64 bits.
 * x64 reaches the registers as MSRs (`VMBP_SYNIC_MSR_*`), arm64 through
 * HvCallGet/SetVpRegisters with register names (`VMBP_SYNIC_REG_*`). The only layout that
 * differs between the two is the SINT vector: 8 bits on x64, 10 bits on arm64.
 *
 * Shared memory (the message and event pages are host-writable, spec/trust.md) is touched
 * only through shared.h: vmbp_synic_slot_snapshot() copies a slot once and validates the
 * copy, vmbp_synic_slot_complete() runs the end-of-message protocol, and
 * vmbp_synic_event_take() test-and-clears the event flags.
 *
 * Sources: Linux `include/hyperv/hvgdk_mini.h`, `include/hyperv/hvhdk.h`,
 * `drivers/hv/hyperv_vmbus.h` (`vmbus_signal_eom`), `drivers/hv/vmbus_drv.c`
 * (`vmbus_chan_sched`, `vmbus_on_msg_dpc`); OpenVMM `vm/hv1/hvdef/src/lib.rs`; mu_msvm
 * `MsvmPkg/Include/Hv/HvGuestSyntheticInterrupts.h`, `HvGuestMsr.h`, `HvGuestHypercall.h`,
 * `MsvmPkg/EfiHvDxe/EfiHvSynic.c`; Hyper-V TLFS (`HV_MESSAGE_TYPE`).
 */
#ifndef VMBP_SYNIC_H
#define VMBP_SYNIC_H

#include "bits.h"
#include "endian.h"
#include "port.h"
#include "shared.h"
#include "status.h"

/** @defgroup vmbp_synic SynIC
 *  @brief SynIC registers, message slots, event flags, end-of-message.
 *  @{
 */

/* ------------------------------------------------------------------------------------ */
/** @name Constants
 *  @{ */

/** @brief Number of synthetic interrupt sources per SynIC (Linux `HV_SYNIC_SINT_COUNT`). */
#define VMBP_SYNIC_SINT_COUNT 16u
/** @brief The SINT VMBus uses for messages and channel events (Linux `VMBUS_MESSAGE_SINT`,
 *  `HV_SYNIC_VMBUS_SINT_INDEX`; mu_msvm `PcdVmbusSintIndex`). */
#define VMBP_SYNIC_VMBUS_SINT 2u
/** @brief The SINT the hypervisor uses for intercept messages (OpenVMM
 *  `HV_SYNIC_INTERCEPTION_SINT_INDEX`, Linux `HV_SYNIC_INTERCEPTION_SINT_INDEX`). */
#define VMBP_SYNIC_INTERCEPT_SINT 0u
/** @brief Largest connection or port ID: IDs are 24 bits, the upper 8 reserved (TLFS
 *  HV_CONNECTION_ID, Linux `hv_connection_id`, QEMU `HV_CONNECTION_ID_MASK`). */
#define VMBP_SYNIC_CONNECTION_ID_MAX 0x00FFFFFFu
/** @brief Lowest vector a SINT may use: "Valid SynIC vectors are 16-255" (Linux
 *  `HV_SYNIC_FIRST_VALID_VECTOR`). On arm64 the vector is an interrupt ID, and 16 is the
 *  first PPI, so the same lower bound holds. */
#define VMBP_SYNIC_FIRST_VALID_VECTOR 16u
/** @brief The SynIC version SVERSION reports (Linux `HV_SYNIC_VERSION_1`; OpenVMM reads 1). */
#define VMBP_SYNIC_VERSION_1 1u
/* SynIC pages and the GPNs of their registers are hypervisor pages (hvdef.h). */

/** @} */

/* ------------------------------------------------------------------------------------ */
/** @name x64 MSR numbers (Linux hvgdk_mini.h, OpenVMM hvdef, mu_msvm HvGuestMsr.h)
 *  @{ */

/** @brief SynIC control (global enable). */
#define VMBP_SYNIC_MSR_SCONTROL 0x40000080u
/** @brief SynIC version (read-only). */
#define VMBP_SYNIC_MSR_SVERSION 0x40000081u
/** @brief Event flags page (SIEFP). */
#define VMBP_SYNIC_MSR_SIEFP 0x40000082u
/** @brief Message page (SIMP). */
#define VMBP_SYNIC_MSR_SIMP 0x40000083u
/** @brief End of message (write-only). */
#define VMBP_SYNIC_MSR_EOM 0x40000084u
/** @brief Root-partition interrupt buffer page (SIRBP); VMBus guests do not use it. */
#define VMBP_SYNIC_MSR_SIRBP 0x40000085u
/** @brief SINT0; SINTn is VMBP_SYNIC_MSR_SINT0 + n, up to 0x4000009F. */
#define VMBP_SYNIC_MSR_SINT0 0x40000090u
/** @brief SINT15, the last SINT MSR. */
#define VMBP_SYNIC_MSR_SINT15 0x4000009Fu
/** @brief MSR of SINT @p n (0..15). */
#define VMBP_SYNIC_MSR_SINT(n) (VMBP_SYNIC_MSR_SINT0 + (uint32_t)(n))

/** @brief Distance from an MSR to its nested (L0 hypervisor) twin: a guest of a nested
 *  Hyper-V reaches the L0 SynIC at MSR + 0x1000 (Linux `hv_get_nested_msr`). */
#define VMBP_SYNIC_MSR_NESTED_OFFSET 0x1000u
/** @brief Nested SCONTROL (Linux `HV_X64_MSR_NESTED_SCONTROL`). */
#define VMBP_SYNIC_MSR_NESTED_SCONTROL 0x40001080u
/** @brief Nested SVERSION. */
#define VMBP_SYNIC_MSR_NESTED_SVERSION 0x40001081u
/** @brief Nested SIEFP. */
#define VMBP_SYNIC_MSR_NESTED_SIEFP 0x40001082u
/** @brief Nested SIMP. */
#define VMBP_SYNIC_MSR_NESTED_SIMP 0x40001083u
/** @brief Nested EOM. */
#define VMBP_SYNIC_MSR_NESTED_EOM 0x40001084u
/** @brief Nested SIRBP (mu_msvm `HvSyntheticMsrNestedSirb`; not in Linux). */
#define VMBP_SYNIC_MSR_NESTED_SIRBP 0x40001085u
/** @brief Nested SINT0; nested SINTn is this + n. */
#define VMBP_SYNIC_MSR_NESTED_SINT0 0x40001090u

/** @} */

/* ------------------------------------------------------------------------------------ */
/** @name arm64 register names for HvCallGet/SetVpRegisters (Linux, OpenVMM, mu_msvm)
 *  @{ */

/** @brief SINT0; SINTn is VMBP_SYNIC_REG_SINT0 + n. */
#define VMBP_SYNIC_REG_SINT0 0x000A0000u
/** @brief SCONTROL. */
#define VMBP_SYNIC_REG_SCONTROL 0x000A0010u
/** @brief SVERSION. */
#define VMBP_SYNIC_REG_SVERSION 0x000A0011u
/** @brief SIEFP (OpenVMM and mu_msvm call it `Sifp`). */
#define VMBP_SYNIC_REG_SIEFP 0x000A0012u
/** @brief SIMP (OpenVMM and mu_msvm call it `Sipp`). */
#define VMBP_SYNIC_REG_SIMP 0x000A0013u
/** @brief EOM. */
#define VMBP_SYNIC_REG_EOM 0x000A0014u
/** @brief SIRBP. */
#define VMBP_SYNIC_REG_SIRBP 0x000A0015u

/** @} */

/**
 * @brief The SynIC registers, arch-neutral. Map one to its x64 MSR with
 * vmbp_synic_msr() or to its arm64 register name with vmbp_synic_reg_name().
 */
enum vmbp_synic_register {
    VMBP_SYNIC_SCONTROL = 0, /**< global enable */
    VMBP_SYNIC_SVERSION = 1, /**< version, read-only */
    VMBP_SYNIC_SIEFP = 2,    /**< event flags page */
    VMBP_SYNIC_SIMP = 3,     /**< message page */
    VMBP_SYNIC_EOM = 4,      /**< end of message, write-only */
    VMBP_SYNIC_SIRBP = 5,    /**< root interrupt buffer page */
    VMBP_SYNIC_SINT = 6      /**< one of SINT0..15 (the index is a separate argument) */
};

/* ------------------------------------------------------------------------------------ */
/** @name SCONTROL
 *  Bit 0 enables the SynIC; bits 1-63 are reserved and preserved (Linux and OpenVMM
 *  read-modify-write the register).
 *  @{ */

/** @brief SCONTROL enable bit. */
#define VMBP_SYNIC_SCONTROL_ENABLE_SHIFT 0
/** @brief Width of the SCONTROL enable field. */
#define VMBP_SYNIC_SCONTROL_ENABLE_WIDTH 1
/** @brief Reserved, preserve: bits 1-63. */
#define VMBP_SYNIC_SCONTROL_RSVDP VMBP_U64(0xFFFFFFFFFFFFFFFE)

/** @} */

/** @name SVERSION
 *  Read-only. Bits 0-31 hold the version (1); bits 32-63 are reserved.
 *  @{ */

/** @brief SVERSION version field. */
#define VMBP_SYNIC_SVERSION_VERSION_SHIFT 0
/** @brief Width of the SVERSION version field. */
#define VMBP_SYNIC_SVERSION_VERSION_WIDTH 32
/** @brief Reserved, preserve: bits 32-63. */
#define VMBP_SYNIC_SVERSION_RSVDP VMBP_U64(0xFFFFFFFF00000000)

/** @} */

/** @name SIMP, SIEFP, SIRBP (one layout, "page registers")
 *  Bit 0 enables the page, bits 1-11 are reserved and preserved (Linux `preserved`, mu_msvm
 *  `Preserved`/`ReservedP`), bits 12-63 hold the guest page number (GPA >> 12).
 *  @{ */

/** @brief Page register enable bit. */
#define VMBP_SYNIC_PAGE_ENABLE_SHIFT 0
/** @brief Width of the page register enable field. */
#define VMBP_SYNIC_PAGE_ENABLE_WIDTH 1
/** @brief Page register guest page number (GPA >> 12). */
#define VMBP_SYNIC_PAGE_GPN_SHIFT 12
/** @brief Width of the page register GPN field. */
#define VMBP_SYNIC_PAGE_GPN_WIDTH 52
/** @brief Reserved, preserve: bits 1-11. */
#define VMBP_SYNIC_PAGE_RSVDP VMBP_U64(0x0000000000000FFE)

/** @brief SIMP enable (same as VMBP_SYNIC_PAGE_ENABLE_SHIFT). */
#define VMBP_SYNIC_SIMP_ENABLE_SHIFT VMBP_SYNIC_PAGE_ENABLE_SHIFT
/** @brief Width of the SIMP enable field. */
#define VMBP_SYNIC_SIMP_ENABLE_WIDTH VMBP_SYNIC_PAGE_ENABLE_WIDTH
/** @brief SIMP base page number. */
#define VMBP_SYNIC_SIMP_GPN_SHIFT VMBP_SYNIC_PAGE_GPN_SHIFT
/** @brief Width of the SIMP base page number. */
#define VMBP_SYNIC_SIMP_GPN_WIDTH VMBP_SYNIC_PAGE_GPN_WIDTH
/** @brief SIMP reserved, preserve. */
#define VMBP_SYNIC_SIMP_RSVDP VMBP_SYNIC_PAGE_RSVDP
/** @brief SIEFP enable. */
#define VMBP_SYNIC_SIEFP_ENABLE_SHIFT VMBP_SYNIC_PAGE_ENABLE_SHIFT
/** @brief Width of the SIEFP enable field. */
#define VMBP_SYNIC_SIEFP_ENABLE_WIDTH VMBP_SYNIC_PAGE_ENABLE_WIDTH
/** @brief SIEFP base page number. */
#define VMBP_SYNIC_SIEFP_GPN_SHIFT VMBP_SYNIC_PAGE_GPN_SHIFT
/** @brief Width of the SIEFP base page number. */
#define VMBP_SYNIC_SIEFP_GPN_WIDTH VMBP_SYNIC_PAGE_GPN_WIDTH
/** @brief SIEFP reserved, preserve. */
#define VMBP_SYNIC_SIEFP_RSVDP VMBP_SYNIC_PAGE_RSVDP
/** @brief SIRBP enable. */
#define VMBP_SYNIC_SIRBP_ENABLE_SHIFT VMBP_SYNIC_PAGE_ENABLE_SHIFT
/** @brief Width of the SIRBP enable field. */
#define VMBP_SYNIC_SIRBP_ENABLE_WIDTH VMBP_SYNIC_PAGE_ENABLE_WIDTH
/** @brief SIRBP base page number. */
#define VMBP_SYNIC_SIRBP_GPN_SHIFT VMBP_SYNIC_PAGE_GPN_SHIFT
/** @brief Width of the SIRBP base page number. */
#define VMBP_SYNIC_SIRBP_GPN_WIDTH VMBP_SYNIC_PAGE_GPN_WIDTH
/** @brief SIRBP reserved, preserve. */
#define VMBP_SYNIC_SIRBP_RSVDP VMBP_SYNIC_PAGE_RSVDP

/** @} */

/** @name EOM
 *  Write-only: writing it tells the SynIC the message slot was freed. No fields; Linux and
 *  mu_msvm write 0, so every bit is treated as reserved, must be zero.
 *  @{ */

/** @brief Reserved, zero: all bits. */
#define VMBP_SYNIC_EOM_RSVDZ VMBP_U64(0xFFFFFFFFFFFFFFFF)
/** @brief The value written to EOM. */
#define VMBP_SYNIC_EOM_VALUE VMBP_U64(0)

/** @} */

/** @name SINT0..SINT15
 *  x64: vector bits 0-7, reserved 8-15. arm64: vector bits 0-9, reserved 10-15 (mu_msvm
 *  `HV_SYNIC_SINT`). Both: masked 16, auto-EOI 17 (x64 only in practice: FreeBSD defines it
 *  0 on arm64, mu_msvm never sets it there), polling 18, as-intercept 19 (Linux and mu_msvm;
 *  OpenVMM leaves 19 reserved), proxy 20, reserved 21-63. Reserved bits are preserved
 *  (mu_msvm `ReservedP1`/`ReservedP2`).
 *  @{ */

/** @brief x64 SINT vector (8 bits). */
#define VMBP_SYNIC_SINT_VECTOR_X64_SHIFT 0
/** @brief Width of the x64 SINT vector. */
#define VMBP_SYNIC_SINT_VECTOR_X64_WIDTH 8
/** @brief arm64 SINT vector (10 bits: an interrupt ID). */
#define VMBP_SYNIC_SINT_VECTOR_ARM64_SHIFT 0
/** @brief Width of the arm64 SINT vector. */
#define VMBP_SYNIC_SINT_VECTOR_ARM64_WIDTH 10
/** @brief Masked: no interrupt is delivered. */
#define VMBP_SYNIC_SINT_MASKED_SHIFT 16
/** @brief Width of the masked bit. */
#define VMBP_SYNIC_SINT_MASKED_WIDTH 1
/** @brief Auto-EOI: the hypervisor ends the interrupt itself (x64). */
#define VMBP_SYNIC_SINT_AUTO_EOI_SHIFT 17
/** @brief Width of the auto-EOI bit. */
#define VMBP_SYNIC_SINT_AUTO_EOI_WIDTH 1
/** @brief Polling: no interrupt, the guest polls the slot. */
#define VMBP_SYNIC_SINT_POLLING_SHIFT 18
/** @brief Width of the polling bit. */
#define VMBP_SYNIC_SINT_POLLING_WIDTH 1
/** @brief As-intercept (Linux `as_intercept`, mu_msvm `AsIntercept`). */
#define VMBP_SYNIC_SINT_AS_INTERCEPT_SHIFT 19
/** @brief Width of the as-intercept bit. */
#define VMBP_SYNIC_SINT_AS_INTERCEPT_WIDTH 1
/**
 * @brief Proxy: set in the paravisor's copy of a SINT, the paravisor forwards this SINT's
 * interrupts from the hypervisor SynIC to the guest. Set for a paravisor VM without the
 * Confidential VMBus, clear with it (Linux `hv_set_non_nested_msr`, mu_msvm
 * `EfiHvConnectSint`).
 */
#define VMBP_SYNIC_SINT_PROXY_SHIFT 20
/** @brief Width of the proxy bit. */
#define VMBP_SYNIC_SINT_PROXY_WIDTH 1
/** @brief x64 reserved, preserve: bits 8-15 and 21-63. */
#define VMBP_SYNIC_SINT_RSVDP_X64 VMBP_U64(0xFFFFFFFFFFE0FF00)
/** @brief arm64 reserved, preserve: bits 10-15 and 21-63. */
#define VMBP_SYNIC_SINT_RSVDP_ARM64 VMBP_U64(0xFFFFFFFFFFE0FC00)

/** @} */

/** @name Field lists
 *  One X-macro list per register, `X(F, "name", "meaning")` for each field `F` (with
 *  `F##_SHIFT` and `F##_WIDTH`), lowest bit first. The static assertions below prove with
 *  them that fields and reserved masks cover each register exactly, and
 *  vmbp_synic_reg_desc() builds the register descriptions tools print from the same lists.
 *  @{ */

/** @brief SCONTROL fields. */
#define VMBP_SYNIC_SCONTROL_FIELDS(X) X(VMBP_SYNIC_SCONTROL_ENABLE, "enable", "SynIC enabled")
/** @brief SVERSION fields. */
#define VMBP_SYNIC_SVERSION_FIELDS(X)                                                          \
    X(VMBP_SYNIC_SVERSION_VERSION, "version", "SynIC version (1)")
/** @brief SIMP, SIEFP and SIRBP fields. */
#define VMBP_SYNIC_PAGE_FIELDS(X)                                                              \
    X(VMBP_SYNIC_PAGE_ENABLE, "enable", "page enabled")                                        \
    X(VMBP_SYNIC_PAGE_GPN, "gpn", "guest page number of the page (GPA >> 12)")
/** @brief EOM has no fields. */
#define VMBP_SYNIC_EOM_FIELDS(X)
/** @cond VMBP_INTERNAL */
#define VMBP_PRIV_SINT_FLAG_FIELDS(X)                                                          \
    X(VMBP_SYNIC_SINT_MASKED, "masked", "no interrupt is delivered")                           \
    X(VMBP_SYNIC_SINT_AUTO_EOI, "auto_eoi", "the hypervisor performs the EOI")                 \
    X(VMBP_SYNIC_SINT_POLLING, "polling", "no interrupt; the guest polls the slot")            \
    X(VMBP_SYNIC_SINT_AS_INTERCEPT, "as_intercept", "deliver as an intercept")                 \
    X(VMBP_SYNIC_SINT_PROXY, "proxy", "the paravisor forwards the hypervisor's interrupts")
/** @endcond */
/** @brief SINT fields on x64 (8-bit vector). */
#define VMBP_SYNIC_SINT_X64_FIELDS(X)                                                          \
    X(VMBP_SYNIC_SINT_VECTOR_X64, "vector", "interrupt vector, 16..255")                       \
    VMBP_PRIV_SINT_FLAG_FIELDS(X)
/** @brief SINT fields on arm64 (10-bit vector: an interrupt ID). */
#define VMBP_SYNIC_SINT_ARM64_FIELDS(X)                                                        \
    X(VMBP_SYNIC_SINT_VECTOR_ARM64, "vector", "interrupt ID, 16..1023")                        \
    VMBP_PRIV_SINT_FLAG_FIELDS(X)

/** @} */

VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_SYNIC_SCONTROL_FIELDS, VMBP_SYNIC_SCONTROL_RSVDP, 64),
                   vmbp_synic_scontrol_covers);
VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_SYNIC_SVERSION_FIELDS, VMBP_SYNIC_SVERSION_RSVDP, 64),
                   vmbp_synic_sversion_covers);
VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_SYNIC_PAGE_FIELDS, VMBP_SYNIC_PAGE_RSVDP, 64),
                   vmbp_synic_page_covers);
VMBP_STATIC_ASSERT(VMBP_SYNIC_SIMP_RSVDP == VMBP_SYNIC_PAGE_RSVDP &&
                       VMBP_SYNIC_SIEFP_RSVDP == VMBP_SYNIC_PAGE_RSVDP &&
                       VMBP_SYNIC_SIRBP_RSVDP == VMBP_SYNIC_PAGE_RSVDP &&
                       VMBP_SYNIC_SIMP_GPN_SHIFT == VMBP_SYNIC_PAGE_GPN_SHIFT &&
                       VMBP_SYNIC_SIEFP_GPN_SHIFT == VMBP_SYNIC_PAGE_GPN_SHIFT &&
                       VMBP_SYNIC_SIRBP_GPN_SHIFT == VMBP_SYNIC_PAGE_GPN_SHIFT,
                   vmbp_synic_page_registers_share_a_layout);
VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_SYNIC_EOM_FIELDS, VMBP_SYNIC_EOM_RSVDZ, 64),
                   vmbp_synic_eom_covers);
VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_SYNIC_SINT_X64_FIELDS, VMBP_SYNIC_SINT_RSVDP_X64, 64),
                   vmbp_synic_sint_x64_covers);
VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_SYNIC_SINT_ARM64_FIELDS, VMBP_SYNIC_SINT_RSVDP_ARM64,
                                   64),
                   vmbp_synic_sint_arm64_covers);
/* The x64 vector is the low 8 bits of the arm64 one. */
VMBP_STATIC_ASSERT((VMBP_FIELD_MASK64(VMBP_SYNIC_SINT_VECTOR_X64) &
                    ~VMBP_FIELD_MASK64(VMBP_SYNIC_SINT_VECTOR_ARM64)) == 0,
                   vmbp_synic_sint_vector_nested);

/* ------------------------------------------------------------------------------------ */
/** @name Message slots and the message page
 *  @{ */

/** @brief Bytes of one message slot (Linux `HV_MESSAGE_SIZE`). */
#define VMBP_SYNIC_MESSAGE_SIZE 256u
/** @brief Largest payload of a message (Linux `HV_MESSAGE_PAYLOAD_BYTE_COUNT`). */
#define VMBP_SYNIC_MESSAGE_PAYLOAD_MAX 240u
/** @brief `message_flags` bit 0: the hypervisor has another message queued for this SINT;
 *  the guest writes EOM after freeing the slot (Linux `msg_pending`, OpenVMM
 *  `message_pending`). */
#define VMBP_SYNIC_MESSAGE_FLAG_PENDING 0x01u
/** @brief Mask of message types the hypervisor reserves for itself (TLFS
 *  `HV_MESSAGE_TYPE_HYPERVISOR_MASK`): a guest cannot post them. */
#define VMBP_SYNIC_MSG_TYPE_HYPERVISOR_MASK 0x80000000u

/**
 * @brief One message slot: the 256 bytes of SINT n at offset n * 256 of the message page.
 *
 * The header is 16 bytes; `sender` is the sending partition ID, or for port messages a
 * 24-bit port ID in its low bits (Linux union `sender`/`port`). Host-writable: read it only
 * through vmbp_synic_slot_snapshot().
 */
struct vmbp_synic_message_wire {
    uint32_t message_type; /**< `VMBP_SYNIC_MSG_TYPE_*`; 0 (NONE) marks a free slot */
    uint8_t payload_size;  /**< payload bytes, at most 240 */
    uint8_t message_flags; /**< bit 0: VMBP_SYNIC_MESSAGE_FLAG_PENDING; others reserved */
    uint8_t rsvdz[2];      /**< reserved */
    uint64_t sender;       /**< sender partition ID or port ID */
    uint8_t payload[240];  /**< payload, @c payload_size bytes used */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_synic_message_wire) == 256, vmbp_synic_message_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_message_wire, message_type) == 0,
                   vmbp_synic_message_type_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_message_wire, payload_size) == 4,
                   vmbp_synic_message_size_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_message_wire, message_flags) == 5,
                   vmbp_synic_message_flags_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_message_wire, rsvdz) == 6,
                   vmbp_synic_message_rsvdz_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_message_wire, sender) == 8,
                   vmbp_synic_message_sender_off);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_message_wire, payload) == 16,
                   vmbp_synic_message_payload_off);

/** @brief The message page (SIMP): one slot per SINT. */
struct vmbp_synic_message_page_wire {
    struct vmbp_synic_message_wire slot[16]; /**< slot n belongs to SINT n */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_synic_message_page_wire) == 4096,
                   vmbp_synic_message_page_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_message_page_wire, slot) == 0,
                   vmbp_synic_message_page_slot_off);

/*
 * Message types (the slot's message_type). NONE marks a free slot; VMBUS (1) is the type of every VMBus channel message (a literal in
 * Linux `vmbus_post_msg`, OpenVMM `vmbus_server` and mu_msvm, never named); the rest are
 * hypervisor messages (high bit set; TLFS `HV_MESSAGE_TYPE`, OpenVMM `HvMessageType`, Linux
 * `hv_message_type`). On SINT2 a VMBus guest sees VMBUS and, with legacy synthetic
 * timers on SINT2, TIMER_EXPIRED; the intercept types reach a paravisor on SINT0. Where
 * sources name a value differently the comment says so.
 */
/** @brief Free slot. */
#define VMBP_SYNIC_MSG_TYPE_NONE 0x00000000u
/** @brief VMBus channel message. */
#define VMBP_SYNIC_MSG_TYPE_VMBUS 0x00000001u
/** @brief Unmapped GPA. */
#define VMBP_SYNIC_MSG_TYPE_UNMAPPED_GPA 0x80000000u
/** @brief GPA intercept. */
#define VMBP_SYNIC_MSG_TYPE_GPA_INTERCEPT 0x80000001u
/** @brief MMIO intercept (arm64, mu_msvm). */
#define VMBP_SYNIC_MSG_TYPE_MMIO_INTERCEPT 0x80000002u
/** @brief Unaccepted GPA. */
#define VMBP_SYNIC_MSG_TYPE_UNACCEPTED_GPA 0x80000003u
/** @brief GPA attribute intercept. */
#define VMBP_SYNIC_MSG_TYPE_GPA_ATTRIBUTE_INTERCEPT 0x80000004u
/** @brief Enable partition VTL intercept. */
#define VMBP_SYNIC_MSG_TYPE_ENABLE_PARTITION_VTL_INTERCEPT 0x80000005u
/** @brief Synthetic timer expired. */
#define VMBP_SYNIC_MSG_TYPE_TIMER_EXPIRED 0x80000010u
/** @brief Invalid VP register value. */
#define VMBP_SYNIC_MSG_TYPE_INVALID_VP_REGISTER_VALUE 0x80000020u
/** @brief Unrecoverable exception. */
#define VMBP_SYNIC_MSG_TYPE_UNRECOVERABLE_EXCEPTION 0x80000021u
/** @brief Unsupported feature. */
#define VMBP_SYNIC_MSG_TYPE_UNSUPPORTED_FEATURE 0x80000022u
/** @brief TLB page size mismatch. */
#define VMBP_SYNIC_MSG_TYPE_TLB_PAGE_SIZE_MISMATCH 0x80000023u
/** @brief IOMMU fault. */
#define VMBP_SYNIC_MSG_TYPE_IOMMU_FAULT 0x80000024u
/** @brief Event log buffer complete. */
#define VMBP_SYNIC_MSG_TYPE_EVENTLOG_BUFFER_COMPLETE 0x80000040u
/** @brief Hypercall intercept. */
#define VMBP_SYNIC_MSG_TYPE_HYPERCALL_INTERCEPT 0x80000050u
/** @brief SynIC event intercept. */
#define VMBP_SYNIC_MSG_TYPE_SYNIC_EVENT_INTERCEPT 0x80000060u
/** @brief SynIC SINT intercept. */
#define VMBP_SYNIC_MSG_TYPE_SYNIC_SINT_INTERCEPT 0x80000061u
/** @brief SynIC SINT deliverable. */
#define VMBP_SYNIC_MSG_TYPE_SYNIC_SINT_DELIVERABLE 0x80000062u
/** @brief Asynchronous call completion. */
#define VMBP_SYNIC_MSG_TYPE_ASYNC_CALL_COMPLETION 0x80000070u
/** @brief Scheduler VP signal bitset. */
#define VMBP_SYNIC_MSG_TYPE_SCHEDULER_VP_SIGNAL_BITSET 0x80000100u
/** @brief Scheduler VP signal pair. */
#define VMBP_SYNIC_MSG_TYPE_SCHEDULER_VP_SIGNAL_PAIR 0x80000101u
/** @brief X64 I/O port intercept (mu_msvm arm64: reset intercept). */
#define VMBP_SYNIC_MSG_TYPE_X64_IO_PORT_INTERCEPT 0x80010000u
/** @brief MSR intercept. */
#define VMBP_SYNIC_MSG_TYPE_MSR_INTERCEPT 0x80010001u
/** @brief X64 CPUID intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_CPUID_INTERCEPT 0x80010002u
/** @brief Exception intercept. */
#define VMBP_SYNIC_MSG_TYPE_EXCEPTION_INTERCEPT 0x80010003u
/** @brief X64 APIC EOI. */
#define VMBP_SYNIC_MSG_TYPE_X64_APIC_EOI 0x80010004u
/** @brief X64 legacy FP error (TLFS, Linux; OpenVMM: x64 IOMMU PRQ). */
#define VMBP_SYNIC_MSG_TYPE_X64_LEGACY_FP_ERROR 0x80010005u
/** @brief Register intercept (TLFS, OpenVMM; Linux and mu_msvm x64: IOMMU PRQ). */
#define VMBP_SYNIC_MSG_TYPE_REGISTER_INTERCEPT 0x80010006u
/** @brief X64 halt. */
#define VMBP_SYNIC_MSG_TYPE_X64_HALT 0x80010007u
/** @brief X64 interruption deliverable. */
#define VMBP_SYNIC_MSG_TYPE_X64_INTERRUPTION_DELIVERABLE 0x80010008u
/** @brief X64 SIPI intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_SIPI_INTERCEPT 0x80010009u
/** @brief X64 RDTSC intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_RDTSC_INTERCEPT 0x8001000Au
/** @brief X64 APIC SMI intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_APIC_SMI_INTERCEPT 0x8001000Bu
/** @brief Arm64 reset intercept (OpenVMM). */
#define VMBP_SYNIC_MSG_TYPE_ARM64_RESET_INTERCEPT 0x8001000Cu
/** @brief X64 APIC INIT/SIPI intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_APIC_INIT_SIPI_INTERCEPT 0x8001000Du
/** @brief X64 APIC write intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_APIC_WRITE_INTERCEPT 0x8001000Eu
/** @brief X64 proxy interrupt intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_PROXY_INTERRUPT_INTERCEPT 0x8001000Fu
/** @brief X64 isolation control register. */
#define VMBP_SYNIC_MSG_TYPE_X64_ISOLATION_CTRL_REG_INTERCEPT 0x80010010u
/** @brief X64 SNP guest request intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_SNP_GUEST_REQUEST_INTERCEPT 0x80010011u
/** @brief X64 exception trap intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_EXCEPTION_TRAP_INTERCEPT 0x80010012u
/** @brief X64 SEV VMGEXIT intercept. */
#define VMBP_SYNIC_MSG_TYPE_X64_SEV_VMGEXIT_INTERCEPT 0x80010013u

/** @brief The message types with their meanings: `X(VMBP_SYNIC_MSG_TYPE_<NAME>, "meaning")`. */
#define VMBP_SYNIC_MSG_TYPE_LIST(X)                                                            \
    X(VMBP_SYNIC_MSG_TYPE_NONE, "free slot")                                                   \
    X(VMBP_SYNIC_MSG_TYPE_VMBUS, "VMBus channel message")                                      \
    X(VMBP_SYNIC_MSG_TYPE_UNMAPPED_GPA, "unmapped GPA")                                        \
    X(VMBP_SYNIC_MSG_TYPE_GPA_INTERCEPT, "GPA intercept")                                      \
    X(VMBP_SYNIC_MSG_TYPE_MMIO_INTERCEPT, "MMIO intercept (arm64, mu_msvm)")                   \
    X(VMBP_SYNIC_MSG_TYPE_UNACCEPTED_GPA, "unaccepted GPA")                                    \
    X(VMBP_SYNIC_MSG_TYPE_GPA_ATTRIBUTE_INTERCEPT, "GPA attribute intercept")                  \
    X(VMBP_SYNIC_MSG_TYPE_ENABLE_PARTITION_VTL_INTERCEPT, "enable partition VTL intercept")    \
    X(VMBP_SYNIC_MSG_TYPE_TIMER_EXPIRED, "synthetic timer expired")                            \
    X(VMBP_SYNIC_MSG_TYPE_INVALID_VP_REGISTER_VALUE, "invalid VP register value")              \
    X(VMBP_SYNIC_MSG_TYPE_UNRECOVERABLE_EXCEPTION, "unrecoverable exception")                  \
    X(VMBP_SYNIC_MSG_TYPE_UNSUPPORTED_FEATURE, "unsupported feature")                          \
    X(VMBP_SYNIC_MSG_TYPE_TLB_PAGE_SIZE_MISMATCH, "TLB page size mismatch")                    \
    X(VMBP_SYNIC_MSG_TYPE_IOMMU_FAULT, "IOMMU fault")                                          \
    X(VMBP_SYNIC_MSG_TYPE_EVENTLOG_BUFFER_COMPLETE, "event log buffer complete")               \
    X(VMBP_SYNIC_MSG_TYPE_HYPERCALL_INTERCEPT, "hypercall intercept")                          \
    X(VMBP_SYNIC_MSG_TYPE_SYNIC_EVENT_INTERCEPT, "SynIC event intercept")                      \
    X(VMBP_SYNIC_MSG_TYPE_SYNIC_SINT_INTERCEPT, "SynIC SINT intercept")                        \
    X(VMBP_SYNIC_MSG_TYPE_SYNIC_SINT_DELIVERABLE, "SynIC SINT deliverable")                    \
    X(VMBP_SYNIC_MSG_TYPE_ASYNC_CALL_COMPLETION, "asynchronous call completion")               \
    X(VMBP_SYNIC_MSG_TYPE_SCHEDULER_VP_SIGNAL_BITSET, "scheduler VP signal bitset")            \
    X(VMBP_SYNIC_MSG_TYPE_SCHEDULER_VP_SIGNAL_PAIR, "scheduler VP signal pair")                \
    X(VMBP_SYNIC_MSG_TYPE_X64_IO_PORT_INTERCEPT,                                               \
      "x64 I/O port intercept (mu_msvm arm64: reset intercept)")                               \
    X(VMBP_SYNIC_MSG_TYPE_MSR_INTERCEPT, "MSR intercept")                                      \
    X(VMBP_SYNIC_MSG_TYPE_X64_CPUID_INTERCEPT, "x64 CPUID intercept")                          \
    X(VMBP_SYNIC_MSG_TYPE_EXCEPTION_INTERCEPT, "exception intercept")                          \
    X(VMBP_SYNIC_MSG_TYPE_X64_APIC_EOI, "x64 APIC EOI")                                        \
    X(VMBP_SYNIC_MSG_TYPE_X64_LEGACY_FP_ERROR,                                                 \
      "x64 legacy FP error (TLFS, Linux; OpenVMM: x64 IOMMU PRQ)")                             \
    X(VMBP_SYNIC_MSG_TYPE_REGISTER_INTERCEPT,                                                  \
      "register intercept (TLFS, OpenVMM; Linux and mu_msvm x64: IOMMU PRQ)")                  \
    X(VMBP_SYNIC_MSG_TYPE_X64_HALT, "x64 halt")                                                \
    X(VMBP_SYNIC_MSG_TYPE_X64_INTERRUPTION_DELIVERABLE, "x64 interruption deliverable")        \
    X(VMBP_SYNIC_MSG_TYPE_X64_SIPI_INTERCEPT, "x64 SIPI intercept")                            \
    X(VMBP_SYNIC_MSG_TYPE_X64_RDTSC_INTERCEPT, "x64 RDTSC intercept")                          \
    X(VMBP_SYNIC_MSG_TYPE_X64_APIC_SMI_INTERCEPT, "x64 APIC SMI intercept")                    \
    X(VMBP_SYNIC_MSG_TYPE_ARM64_RESET_INTERCEPT, "arm64 reset intercept (OpenVMM)")            \
    X(VMBP_SYNIC_MSG_TYPE_X64_APIC_INIT_SIPI_INTERCEPT, "x64 APIC INIT/SIPI intercept")        \
    X(VMBP_SYNIC_MSG_TYPE_X64_APIC_WRITE_INTERCEPT, "x64 APIC write intercept")                \
    X(VMBP_SYNIC_MSG_TYPE_X64_PROXY_INTERRUPT_INTERCEPT, "x64 proxy interrupt intercept")      \
    X(VMBP_SYNIC_MSG_TYPE_X64_ISOLATION_CTRL_REG_INTERCEPT, "x64 isolation control register")  \
    X(VMBP_SYNIC_MSG_TYPE_X64_SNP_GUEST_REQUEST_INTERCEPT, "x64 SNP guest request intercept")  \
    X(VMBP_SYNIC_MSG_TYPE_X64_EXCEPTION_TRAP_INTERCEPT, "x64 exception trap intercept")        \
    X(VMBP_SYNIC_MSG_TYPE_X64_SEV_VMGEXIT_INTERCEPT, "x64 SEV VMGEXIT intercept")

/** @cond VMBP_INTERNAL */
#define VMBP_PRIV_SYNIC_MSG_COUNT(e, text) +1
/** @endcond */

/** @brief Number of message types in VMBP_SYNIC_MSG_TYPE_LIST. */
#define VMBP_SYNIC_MSG_TYPE_COUNT (0 VMBP_SYNIC_MSG_TYPE_LIST(VMBP_PRIV_SYNIC_MSG_COUNT))

/** @} */

/* ------------------------------------------------------------------------------------ */
/** @name Event flags
 *  @{ */

/** @brief Event flags per SINT (Linux `HV_EVENT_FLAGS_COUNT`): channel IDs 0..2047. */
#define VMBP_SYNIC_EVENT_FLAGS_COUNT 2048u
/** @brief Bytes of one SINT's event flags (Linux `HV_EVENT_FLAGS_BYTE_COUNT`). */
#define VMBP_SYNIC_EVENT_FLAGS_BYTES 256u

/**
 * @brief The event flags of one SINT: 2048 bits, flag f in bit f % 32 of word f / 32
 * (little-endian words, so also bit f % 8 of byte f / 8). For VMBus flag f is channel
 * (relid) f; flag 0 stands for the channel-message port and is never a channel.
 */
struct vmbp_synic_event_flags_wire {
    uint32_t flags32[64]; /**< 64 little-endian words */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_synic_event_flags_wire) == 256,
                   vmbp_synic_event_flags_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_event_flags_wire, flags32) == 0,
                   vmbp_synic_event_flags_off);

/** @brief The event flags page (SIEFP): 256 bytes per SINT. */
struct vmbp_synic_event_page_wire {
    struct vmbp_synic_event_flags_wire sint[16]; /**< flags of SINT n */
};
VMBP_STATIC_ASSERT(sizeof(struct vmbp_synic_event_page_wire) == 4096,
                   vmbp_synic_event_page_size);
VMBP_STATIC_ASSERT(offsetof(struct vmbp_synic_event_page_wire, sint) == 0,
                   vmbp_synic_event_page_sint_off);

/**
 * @brief Atomic test-and-clear of bits in a live event flags word.
 *
 * Clears the bits of @p mask in @p word and returns the word's previous value (host
 * order). The default is vmbp_shared_clear_bits32(); a kernel may pass its own
 * (`sync_test_and_clear_bit` per bit, or an exchange).
 * @param word naturally aligned word of a live event flags page
 * @param mask bits to clear, host order
 * @param ctx  the caller's context, passed through
 * @return the previous value of the word, host order
 */
typedef uint32_t (*vmbp_synic_test_and_clear_fn)(volatile uint32_t *word, uint32_t mask,
                                                 void *ctx);

/** @} */

/**
 * @brief A message slot copied into private memory and decoded (host order).
 */
struct vmbp_synic_message {
    uint32_t type;        /**< message type; VMBP_SYNIC_MSG_TYPE_NONE for a free slot */
    uint8_t payload_size; /**< payload bytes, at most 240 once validated */
    uint8_t flags;        /**< message flags byte (bit 0: pending, as seen in the copy) */
    uint64_t sender;      /**< sender partition ID or port ID */
    uint8_t payload[240]; /**< the payload; only @c payload_size bytes are meaningful */
};

#if defined(__cplusplus)
extern "C" {
#endif

/* ------------------------------------------------------------------------------------ */
/* Register numbers */

/**
 * @brief The x64 MSR of a SynIC register.
 * @param reg  register
 * @param sint SINT index for VMBP_SYNIC_SINT (0..15), ignored otherwise
 * @return the MSR number, or 0 for an unknown register or a SINT index above 15
 */
VMBP_INLINE uint32_t vmbp_synic_msr(enum vmbp_synic_register reg, unsigned sint)
{
    switch (reg) {
    case VMBP_SYNIC_SCONTROL:
        return VMBP_SYNIC_MSR_SCONTROL;
    case VMBP_SYNIC_SVERSION:
        return VMBP_SYNIC_MSR_SVERSION;
    case VMBP_SYNIC_SIEFP:
        return VMBP_SYNIC_MSR_SIEFP;
    case VMBP_SYNIC_SIMP:
        return VMBP_SYNIC_MSR_SIMP;
    case VMBP_SYNIC_EOM:
        return VMBP_SYNIC_MSR_EOM;
    case VMBP_SYNIC_SIRBP:
        return VMBP_SYNIC_MSR_SIRBP;
    case VMBP_SYNIC_SINT:
        return sint < VMBP_SYNIC_SINT_COUNT ? VMBP_SYNIC_MSR_SINT(sint) : 0u;
    }
    return 0;
}

/**
 * @brief The arm64 register name (HvCallGet/SetVpRegisters) of a SynIC register.
 * @param reg  register
 * @param sint SINT index for VMBP_SYNIC_SINT (0..15), ignored otherwise
 * @return the register name, or 0 for an unknown register or a SINT index above 15
 */
VMBP_INLINE uint32_t vmbp_synic_reg_name(enum vmbp_synic_register reg, unsigned sint)
{
    switch (reg) {
    case VMBP_SYNIC_SCONTROL:
        return VMBP_SYNIC_REG_SCONTROL;
    case VMBP_SYNIC_SVERSION:
        return VMBP_SYNIC_REG_SVERSION;
    case VMBP_SYNIC_SIEFP:
        return VMBP_SYNIC_REG_SIEFP;
    case VMBP_SYNIC_SIMP:
        return VMBP_SYNIC_REG_SIMP;
    case VMBP_SYNIC_EOM:
        return VMBP_SYNIC_REG_EOM;
    case VMBP_SYNIC_SIRBP:
        return VMBP_SYNIC_REG_SIRBP;
    case VMBP_SYNIC_SINT:
        return sint < VMBP_SYNIC_SINT_COUNT ? VMBP_SYNIC_REG_SINT0 + sint : 0u;
    }
    return 0;
}

/**
 * @brief Whether an x64 MSR is one of the SynIC MSRs, SCONTROL..SINT15
 * (0x40000080-0x4000009F; Linux `hv_is_synic_msr`). With a paravisor, these are the MSRs
 * whose plain access traps to the paravisor.
 * @param msr MSR number
 * @return true for 0x40000080..0x4000009F
 */
VMBP_INLINE bool vmbp_synic_msr_is_synic(uint32_t msr)
{
    return msr >= VMBP_SYNIC_MSR_SCONTROL && msr <= VMBP_SYNIC_MSR_SINT15;
}

/**
 * @brief Whether an x64 MSR is a SINT MSR (Linux `hv_is_sint_msr`).
 * @param msr MSR number
 * @return true for 0x40000090..0x4000009F
 */
VMBP_INLINE bool vmbp_synic_msr_is_sint(uint32_t msr)
{
    return msr >= VMBP_SYNIC_MSR_SINT0 && msr <= VMBP_SYNIC_MSR_SINT15;
}

/**
 * @brief The nested (L0) twin of a SynIC MSR: MSR + 0x1000 (Linux `hv_get_nested_msr`
 * maps SCONTROL, SVERSION, SIEFP, SIMP, EOM and the SINTs; mu_msvm adds SIRBP).
 * @param msr a SynIC MSR (vmbp_synic_msr_is_synic())
 * @return the nested MSR, or 0 when @p msr is not a SynIC MSR
 */
VMBP_INLINE uint32_t vmbp_synic_msr_nested(uint32_t msr)
{
    return vmbp_synic_msr_is_synic(msr) ? msr + VMBP_SYNIC_MSR_NESTED_OFFSET : 0u;
}

/* ------------------------------------------------------------------------------------ */
/* SCONTROL, SVERSION */

/**
 * @brief SCONTROL enable bit.
 * @param v register value
 * @return true if the SynIC is enabled
 */
VMBP_INLINE bool vmbp_synic_scontrol_enabled(uint64_t v)
{
    return VMBP_FIELD_GET64(VMBP_SYNIC_SCONTROL_ENABLE, v) != 0;
}

/**
 * @brief SCONTROL with the enable bit set or cleared; reserved bits are kept.
 * @param v      current value (read it first: reserved bits are preserved)
 * @param enable new enable bit
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_scontrol_set_enabled(uint64_t v, bool enable)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SCONTROL_ENABLE, v, enable ? 1u : 0u);
}

/**
 * @brief SVERSION version field.
 * @param v register value
 * @return the version (VMBP_SYNIC_VERSION_1 on every known hypervisor)
 */
VMBP_INLINE uint32_t vmbp_synic_sversion_version(uint64_t v)
{
    return (uint32_t)VMBP_FIELD_GET64(VMBP_SYNIC_SVERSION_VERSION, v);
}

/* ------------------------------------------------------------------------------------ */
/* SIMP, SIEFP, SIRBP */

/**
 * @brief Enable bit of a page register (SIMP, SIEFP or SIRBP).
 * @param v register value
 * @return true if the page is enabled
 */
VMBP_INLINE bool vmbp_synic_page_enabled(uint64_t v)
{
    return VMBP_FIELD_GET64(VMBP_SYNIC_PAGE_ENABLE, v) != 0;
}

/**
 * @brief Guest page number of a page register.
 * @param v register value
 * @return the page number (GPA >> 12)
 */
VMBP_INLINE uint64_t vmbp_synic_page_gpn(uint64_t v)
{
    return VMBP_FIELD_GET64(VMBP_SYNIC_PAGE_GPN, v);
}

/**
 * @brief Guest physical address of the page a page register names.
 * @param v register value
 * @return the GPA (page number << 12)
 */
VMBP_INLINE uint64_t vmbp_synic_page_gpa(uint64_t v)
{
    return v & VMBP_FIELD_MASK64(VMBP_SYNIC_PAGE_GPN);
}

/**
 * @brief A page register with its enable bit replaced; base and reserved bits are kept.
 * @param v      current value
 * @param enable new enable bit
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_page_set_enabled(uint64_t v, bool enable)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_PAGE_ENABLE, v, enable ? 1u : 0u);
}

/**
 * @brief A page register with its page number replaced; enable and reserved bits are kept.
 * @param v   current value
 * @param gpn new page number; must fit in 52 bits (vmbp_synic_page_gpn_fits())
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_page_set_gpn(uint64_t v, uint64_t gpn)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_PAGE_GPN, v, gpn);
}

/**
 * @brief Whether a page number fits the 52-bit GPN field.
 * @param gpn page number
 * @return true if it fits
 */
VMBP_INLINE bool vmbp_synic_page_gpn_fits(uint64_t gpn)
{
    return VMBP_FIELD_FITS64(VMBP_SYNIC_PAGE_GPN, gpn);
}

/* ------------------------------------------------------------------------------------ */
/* SINTx */

/**
 * @brief x64 SINT vector (bits 0-7).
 * @param v register value
 * @return the vector
 */
VMBP_INLINE uint32_t vmbp_synic_sint_vector_x64(uint64_t v)
{
    return (uint32_t)VMBP_FIELD_GET64(VMBP_SYNIC_SINT_VECTOR_X64, v);
}

/**
 * @brief arm64 SINT vector (bits 0-9).
 * @param v register value
 * @return the vector (interrupt ID)
 */
VMBP_INLINE uint32_t vmbp_synic_sint_vector_arm64(uint64_t v)
{
    return (uint32_t)VMBP_FIELD_GET64(VMBP_SYNIC_SINT_VECTOR_ARM64, v);
}

/**
 * @brief x64 SINT with the vector replaced; every other bit is kept.
 * @param v      current value
 * @param vector new vector, 16..255 (vmbp_synic_sint_vector_valid_x64())
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_sint_set_vector_x64(uint64_t v, uint32_t vector)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SINT_VECTOR_X64, v, vector);
}

/**
 * @brief arm64 SINT with the vector replaced; every other bit is kept.
 * @param v      current value
 * @param vector new vector, 16..1023 (vmbp_synic_sint_vector_valid_arm64())
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_sint_set_vector_arm64(uint64_t v, uint32_t vector)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SINT_VECTOR_ARM64, v, vector);
}

/**
 * @brief Whether @p vector can be programmed into an x64 SINT: 16..255.
 * @param vector candidate vector
 * @return true if valid
 */
VMBP_INLINE bool vmbp_synic_sint_vector_valid_x64(uint32_t vector)
{
    return vector >= VMBP_SYNIC_FIRST_VALID_VECTOR &&
           VMBP_FIELD_FITS64(VMBP_SYNIC_SINT_VECTOR_X64, vector);
}

/**
 * @brief Whether @p vector can be programmed into an arm64 SINT: 16..1023.
 * @param vector candidate vector
 * @return true if valid
 */
VMBP_INLINE bool vmbp_synic_sint_vector_valid_arm64(uint32_t vector)
{
    return vector >= VMBP_SYNIC_FIRST_VALID_VECTOR &&
           VMBP_FIELD_FITS64(VMBP_SYNIC_SINT_VECTOR_ARM64, vector);
}

/**
 * @brief SINT masked bit.
 * @param v register value
 * @return true if masked
 */
VMBP_INLINE bool vmbp_synic_sint_masked(uint64_t v)
{
    return VMBP_FIELD_GET64(VMBP_SYNIC_SINT_MASKED, v) != 0;
}

/**
 * @brief SINT auto-EOI bit.
 * @param v register value
 * @return true if auto-EOI
 */
VMBP_INLINE bool vmbp_synic_sint_auto_eoi(uint64_t v)
{
    return VMBP_FIELD_GET64(VMBP_SYNIC_SINT_AUTO_EOI, v) != 0;
}

/**
 * @brief SINT polling bit.
 * @param v register value
 * @return true if polling
 */
VMBP_INLINE bool vmbp_synic_sint_polling(uint64_t v)
{
    return VMBP_FIELD_GET64(VMBP_SYNIC_SINT_POLLING, v) != 0;
}

/**
 * @brief SINT as-intercept bit.
 * @param v register value
 * @return true if as-intercept
 */
VMBP_INLINE bool vmbp_synic_sint_as_intercept(uint64_t v)
{
    return VMBP_FIELD_GET64(VMBP_SYNIC_SINT_AS_INTERCEPT, v) != 0;
}

/**
 * @brief SINT proxy bit.
 * @param v register value
 * @return true if proxied
 */
VMBP_INLINE bool vmbp_synic_sint_proxy(uint64_t v)
{
    return VMBP_FIELD_GET64(VMBP_SYNIC_SINT_PROXY, v) != 0;
}

/**
 * @brief Check a SINT value a guest is about to write (VMBP-SYNIC-002): unmasked, it needs
 * a vector of 16 or more (the field's width bounds it by 255 on x64, 1023 on arm64); on
 * arm64 the auto-EOI bit is never set, masked or not (mu_msvm `HV_SYNIC_SINT`: "AutoEoi is
 * not possible on ARM").
 *
 * Reserved bits are vmbp_reg_check()'s (with vmbp_synic_reg_desc()).
 * @param v     the value
 * @param arm64 true for an arm64 SINT (vector bits 0-9), false for x64 (bits 0-7)
 * @return VMBP_OK, or VMBP_E_FIELD_RANGE
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_synic_sint_check(uint64_t v, bool arm64)
{
    uint32_t vector = arm64 ? vmbp_synic_sint_vector_arm64(v) : vmbp_synic_sint_vector_x64(v);

    if (arm64 && vmbp_synic_sint_auto_eoi(v))
        return VMBP_E_FIELD_RANGE;
    if (!vmbp_synic_sint_masked(v) && vector < VMBP_SYNIC_FIRST_VALID_VECTOR)
        return VMBP_E_FIELD_RANGE;
    return VMBP_OK;
}

/**
 * @brief SINT with the masked bit replaced; every other bit is kept.
 * @param v   current value
 * @param set new bit
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_sint_set_masked(uint64_t v, bool set)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SINT_MASKED, v, set ? 1u : 0u);
}

/**
 * @brief SINT with the auto-EOI bit replaced; every other bit is kept.
 * @param v   current value
 * @param set new bit
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_sint_set_auto_eoi(uint64_t v, bool set)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SINT_AUTO_EOI, v, set ? 1u : 0u);
}

/**
 * @brief SINT with the polling bit replaced; every other bit is kept.
 * @param v   current value
 * @param set new bit
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_sint_set_polling(uint64_t v, bool set)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SINT_POLLING, v, set ? 1u : 0u);
}

/**
 * @brief SINT with the as-intercept bit replaced; every other bit is kept.
 * @param v   current value
 * @param set new bit
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_sint_set_as_intercept(uint64_t v, bool set)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SINT_AS_INTERCEPT, v, set ? 1u : 0u);
}

/**
 * @brief SINT with the proxy bit replaced; every other bit is kept.
 * @param v   current value
 * @param set new bit
 * @return the value to write
 */
VMBP_INLINE uint64_t vmbp_synic_sint_set_proxy(uint64_t v, bool set)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SINT_PROXY, v, set ? 1u : 0u);
}

/** @cond VMBP_INTERNAL */
/* The register descriptions of vmbp_synic_reg_desc(), in enum vmbp_synic_register order with
 * the arm64 SINT last, and the message type names of vmbp_synic_msg_type_name(). */
static const struct vmbp_reg_field vmbp_priv_synic_scontrol_fields[] = {
    VMBP_SYNIC_SCONTROL_FIELDS(VMBP_REG_FIELD_INIT)};
static const struct vmbp_reg_field vmbp_priv_synic_sversion_fields[] = {
    VMBP_SYNIC_SVERSION_FIELDS(VMBP_REG_FIELD_INIT)};
static const struct vmbp_reg_field vmbp_priv_synic_page_fields[] = {
    VMBP_SYNIC_PAGE_FIELDS(VMBP_REG_FIELD_INIT)};
static const struct vmbp_reg_field vmbp_priv_synic_sint_x64_fields[] = {
    VMBP_SYNIC_SINT_X64_FIELDS(VMBP_REG_FIELD_INIT)};
static const struct vmbp_reg_field vmbp_priv_synic_sint_arm64_fields[] = {
    VMBP_SYNIC_SINT_ARM64_FIELDS(VMBP_REG_FIELD_INIT)};
#define VMBP_PRIV_SYNIC_DESC(name, tab, rsvdz, rsvdp)                                          \
    {                                                                                          \
        name, 64, tab, sizeof(tab) / sizeof((tab)[0]), rsvdz, rsvdp                            \
    }
static const struct vmbp_reg_desc vmbp_priv_synic_descs[] = {
    VMBP_PRIV_SYNIC_DESC("SCONTROL", vmbp_priv_synic_scontrol_fields, 0,
                         VMBP_SYNIC_SCONTROL_RSVDP),
    VMBP_PRIV_SYNIC_DESC("SVERSION", vmbp_priv_synic_sversion_fields, 0,
                         VMBP_SYNIC_SVERSION_RSVDP),
    VMBP_PRIV_SYNIC_DESC("SIEFP", vmbp_priv_synic_page_fields, 0, VMBP_SYNIC_PAGE_RSVDP),
    VMBP_PRIV_SYNIC_DESC("SIMP", vmbp_priv_synic_page_fields, 0, VMBP_SYNIC_PAGE_RSVDP),
    {"EOM", 64, NULL, 0, VMBP_SYNIC_EOM_RSVDZ, 0},
    VMBP_PRIV_SYNIC_DESC("SIRBP", vmbp_priv_synic_page_fields, 0, VMBP_SYNIC_PAGE_RSVDP),
    VMBP_PRIV_SYNIC_DESC("SINT (x64)", vmbp_priv_synic_sint_x64_fields, 0,
                         VMBP_SYNIC_SINT_RSVDP_X64),
    VMBP_PRIV_SYNIC_DESC("SINT (arm64)", vmbp_priv_synic_sint_arm64_fields, 0,
                         VMBP_SYNIC_SINT_RSVDP_ARM64)};

struct vmbp_priv_synic_msg_type_row {
    uint32_t type;
    const char *name;
};
#define VMBP_PRIV_SYNIC_MSG_ROW(e, text)                                                       \
    {(e), VMBP_PRIV_NAME_AFTER("VMBP_SYNIC_MSG_TYPE_", #e)},
static const struct vmbp_priv_synic_msg_type_row vmbp_priv_synic_msg_types[] = {
    VMBP_SYNIC_MSG_TYPE_LIST(VMBP_PRIV_SYNIC_MSG_ROW)};
/** @endcond */

/**
 * @brief Description of a SynIC register (fields, reserved bits), for tools and tests.
 * @param reg   the register; SIMP, SIEFP and SIRBP share one layout
 * @param arm64 true for the arm64 SINT layout (10-bit vector), false for x64
 * @return a static description; NULL for a value outside enum vmbp_synic_register
 */
VMBP_INLINE const struct vmbp_reg_desc *vmbp_synic_reg_desc(enum vmbp_synic_register reg,
                                                            bool arm64)
{
    unsigned i = (unsigned)reg;

    if (i > (unsigned)VMBP_SYNIC_SINT)
        return NULL;
    if (reg == VMBP_SYNIC_SINT && arm64)
        i++;
    return &vmbp_priv_synic_descs[i];
}

/* ------------------------------------------------------------------------------------ */
/* Message types */

/**
 * @brief Name of a message type, e.g. "TIMER_EXPIRED".
 * @param type message type
 * @return a static string; NULL for types not in the list
 */
VMBP_INLINE const char *vmbp_synic_msg_type_name(uint32_t type)
{
    size_t i;

    for (i = 0; i < sizeof(vmbp_priv_synic_msg_types) / sizeof(vmbp_priv_synic_msg_types[0]);
         i++)
        if (vmbp_priv_synic_msg_types[i].type == type)
            return vmbp_priv_synic_msg_types[i].name;
    return NULL;
}

/**
 * @brief Whether a message type is in VMBP_SYNIC_MSG_TYPE_LIST (NONE included).
 * @param type message type as in the slot
 * @return true for a known type
 */
VMBP_INLINE bool vmbp_synic_msg_type_is_known(uint32_t type)
{
    return vmbp_synic_msg_type_name(type) != NULL;
}

/* ------------------------------------------------------------------------------------ */
/* Message slots */

/**
 * @brief Address of the slot of SINT @p sint in a message page.
 * @param page the message page (4096 bytes, page-aligned)
 * @param sint SINT index
 * @return the slot (page + sint * 256), or NULL when @p sint is 16 or more
 */
VMBP_INLINE volatile void *vmbp_synic_message_slot(volatile void *page, unsigned sint)
{
    if (sint >= VMBP_SYNIC_SINT_COUNT)
        return NULL;
    return (volatile uint8_t *)page + (size_t)sint * VMBP_SYNIC_MESSAGE_SIZE;
}

/**
 * @brief Copy a message slot out of shared memory once and validate the copy.
 *
 * The 256 bytes are read exactly once, through vmbp_shared_copy_from(); every field below
 * comes from that private copy (spec/synic.md, VMBP-SYNIC-004). @p out receives the type,
 * size, flags and sender in every case, so that a caller can complete a rejected slot with
 * vmbp_synic_slot_complete() (Linux warns and sends EOM for a bad message; mu_msvm fails
 * fast). The payload is copied only on VMBP_OK and zeroed otherwise.
 *
 * A free slot (type NONE) is empty whatever the host left in its other bytes
 * (VMBP-SYNIC-009): VMBP_OK with `out->type == VMBP_SYNIC_MSG_TYPE_NONE` and every other
 * field of @p out zero, a `payload_size` above 240 included (Linux `vmbus_on_msg_dpc` stops
 * at the type; nothing else of the slot is looked at).
 * @param slot a live message slot (vmbp_synic_message_slot())
 * @param out  private result
 * @return VMBP_OK; VMBP_E_LENGTH_FIELD if payload_size > 240; VMBP_E_UNKNOWN_TYPE if the
 *         type is not in VMBP_SYNIC_MSG_TYPE_LIST
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_synic_slot_snapshot(const volatile void *slot, struct vmbp_synic_message *out)
{
    uint8_t raw[VMBP_SYNIC_MESSAGE_SIZE];

    vmbp_shared_copy_from(raw, slot, sizeof(raw));
    out->type = vmbp_load_le32(raw + offsetof(struct vmbp_synic_message_wire, message_type));
    out->payload_size = raw[offsetof(struct vmbp_synic_message_wire, payload_size)];
    out->flags = raw[offsetof(struct vmbp_synic_message_wire, message_flags)];
    out->sender = vmbp_load_le64(raw + offsetof(struct vmbp_synic_message_wire, sender));
    VMBP_MEMSET(out->payload, 0, sizeof(out->payload));
    if (out->type == (uint32_t)VMBP_SYNIC_MSG_TYPE_NONE) {
        out->payload_size = 0;
        out->flags = 0;
        out->sender = 0;
        return VMBP_OK;
    }
    if (out->payload_size > VMBP_SYNIC_MESSAGE_PAYLOAD_MAX)
        return VMBP_E_LENGTH_FIELD;
    if (!vmbp_synic_msg_type_is_known(out->type))
        return VMBP_E_UNKNOWN_TYPE;
    VMBP_MEMCPY(out->payload, raw + offsetof(struct vmbp_synic_message_wire, payload),
                out->payload_size);
    return VMBP_OK;
}

/** @cond VMBP_INTERNAL */
/* Read the pending bit after the slot type was cleared. By design this is a second read of
 * the slot's header word: the snapshot's copy of the flags is stale, because the hypervisor
 * sets message-pending when it fails to deliver a later message into the still-full slot,
 * possibly after the snapshot. Only that one bit is used. */
VMBP_INLINE bool vmbp_priv_synic_slot_pending(volatile void *slot)
{
    uint32_t w = vmbp_shared_load32((volatile uint32_t *)slot + 1);

    return ((w >> 8) & VMBP_SYNIC_MESSAGE_FLAG_PENDING) != 0;
}
/** @endcond */

/**
 * @brief End-of-message decision, compare-exchange form (Linux `vmbus_signal_eom`).
 *
 * 1. Atomically replace the slot's type @p seen_type (the snapshot's) with NONE. If the
 *    slot no longer holds @p seen_type, nothing is cleared and no EOM is due (Linux returns
 *    without EOM); the status says so.
 * 2. Full barrier, so the hypervisor sees the free slot before the flags are read: the
 *    compare-exchange is one by its hook's contract (Linux relies on that alone), and
 *    vmbp_shared_mb() keeps the order should a port's compare-exchange be weaker.
 * 3. Read the message-pending bit once more (see VMBP-SYNIC-006: it is set by the
 *    hypervisor after the snapshot, so it must be read after clearing the type).
 *
 * If @p eom comes back true, write 0 to EOM on the SynIC the plan names for it
 * (confidential.h): the hypervisor then delivers the next queued message.
 * @param slot      the live slot
 * @param seen_type the type of the snapshot taken from this slot (not NONE)
 * @param eom       set to whether EOM must be written
 * @return VMBP_OK, or VMBP_E_STATE when the slot did not hold @p seen_type (or it is NONE)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_synic_slot_complete(volatile void *slot, uint32_t seen_type, bool *eom)
{
    *eom = false;
    if (seen_type == (uint32_t)VMBP_SYNIC_MSG_TYPE_NONE ||
        !vmbp_shared_cmpxchg32((volatile uint32_t *)slot, seen_type,
                               (uint32_t)VMBP_SYNIC_MSG_TYPE_NONE))
        return VMBP_E_STATE;
    vmbp_shared_mb();
    *eom = vmbp_priv_synic_slot_pending(slot);
    return VMBP_OK;
}

/**
 * @brief End-of-message decision, plain-store form (mu_msvm `EfiHvCompleteSintMessage`,
 * FreeBSD `vmbus_msg_task`): store NONE in the type, full barrier, read message-pending.
 * @param slot the live slot
 * @return true if EOM must be written
 */
VMBP_INLINE bool vmbp_synic_slot_complete_store(volatile void *slot)
{
    vmbp_shared_store32((volatile uint32_t *)slot, (uint32_t)VMBP_SYNIC_MSG_TYPE_NONE);
    vmbp_shared_mb();
    return vmbp_priv_synic_slot_pending(slot);
}

/* ------------------------------------------------------------------------------------ */
/* Event flags */

/**
 * @brief Find the set flags of a private copy of one SINT's event flags, in order.
 *
 * Scans flags @p first .. 2047 of @p flags (256 bytes in private memory, e.g. copied with
 * vmbp_shared_copy_from()) and stores the numbers of set flags in @p ids, skipping flag 0
 * (the channel-message port, never a channel: Linux `vmbus_chan_sched`). Stops when @p cap
 * IDs are stored.
 * @param flags private copy of the 256 bytes of one SINT's event flags
 * @param first first flag to examine (0 for a fresh scan)
 * @param ids   output array of @p cap entries
 * @param cap   capacity of @p ids
 * @param next  set to the flag to resume from: 2048 when the scan finished
 * @return the number of IDs stored
 */
VMBP_INLINE size_t vmbp_synic_event_scan(const void *flags, uint32_t first, uint32_t *ids,
                                         size_t cap, uint32_t *next)
{
    const uint8_t *b = (const uint8_t *)flags;
    size_t n = 0;
    uint32_t f = first;

    while (f < VMBP_SYNIC_EVENT_FLAGS_COUNT) {
        uint32_t word = vmbp_load_le32(b + (f / 32u) * 4u) >> (f % 32u);

        if (word == 0) {
            f = (f / 32u + 1u) * 32u; /* rest of this word is clear */
            continue;
        }
        if (word & 1u) {
            if (f != 0) {
                if (n >= cap)
                    break;
                ids[n++] = f;
            }
        }
        f++;
    }
    *next = f < VMBP_SYNIC_EVENT_FLAGS_COUNT ? f : VMBP_SYNIC_EVENT_FLAGS_COUNT;
    return n;
}

/** @cond VMBP_INTERNAL */
VMBP_INLINE uint32_t vmbp_priv_synic_default_tac(volatile uint32_t *word, uint32_t mask,
                                                 void *ctx)
{
    (void)ctx;
    return vmbp_shared_clear_bits32(word, mask);
}
/** @endcond */

/**
 * @brief Take the set flags of one SINT's live event flags: test-and-clear each one, and
 * report the channel IDs that were set, in order.
 *
 * For each of the 64 words: one relaxed read selects the bits to take (at most as many as
 * still fit in @p ids), then @p tac atomically clears exactly those bits and returns the
 * word's previous value. Only bits that the atomic operation found set are reported, so a
 * host changing the word between the two accesses can neither make the guest report a
 * flag twice nor lose one: an untaken flag stays set for the next scan. Flag 0 is cleared
 * but never reported. Bits that did not fit stay set, and the status says so.
 * @param flags the live 256-byte event flags of one SINT (4-byte aligned)
 * @param tac   atomic test-and-clear; NULL selects vmbp_shared_clear_bits32()
 * @param ctx   passed to @p tac
 * @param ids   output array of @p cap entries
 * @param cap   capacity of @p ids
 * @param n     set to the number of IDs stored
 * @return VMBP_OK when every set flag was taken; VMBP_E_NOSPACE when @p ids filled up
 *         while set flags remained (call again after handling these)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_synic_event_take(volatile void *flags, vmbp_synic_test_and_clear_fn tac, void *ctx,
                      uint32_t *ids, size_t cap, size_t *n)
{
    volatile uint32_t *w = (volatile uint32_t *)flags;
    vmbp_synic_test_and_clear_fn clear = tac ? tac : vmbp_priv_synic_default_tac;
    uint32_t i;

    *n = 0;
    for (i = 0; i < VMBP_SYNIC_EVENT_FLAGS_BYTES / 4u; i++) {
        uint32_t peek = vmbp_shared_load32(&w[i]);
        uint32_t mask = 0, got, bit;
        size_t room = cap - *n;

        if (peek == 0)
            continue;
        for (bit = 0; bit < 32u; bit++) {
            uint32_t m = 1u << bit;

            if (!(peek & m))
                continue;
            if (i == 0 && bit == 0) {
                mask |= m; /* flag 0: cleared, not reported, takes no room */
                continue;
            }
            if (room == 0)
                break;
            mask |= m;
            room--;
        }
        if (mask == 0)
            return VMBP_E_NOSPACE;
        got = clear(&w[i], mask, ctx) & mask;
        /* got has at most `room` reportable bits, so *n stays below cap; the loop bound
         * states it for the compiler and for static analysers */
        for (bit = 0; bit < 32u && *n < cap; bit++)
            if ((got & (1u << bit)) && !(i == 0 && bit == 0))
                ids[(*n)++] = i * 32u + bit;
        if (mask != peek)
            return VMBP_E_NOSPACE;
    }
    return VMBP_OK;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_SYNIC_H */
