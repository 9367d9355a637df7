/* SPDX-License-Identifier: MIT */
/**
 * @file cpuid.h
 * @brief The Hyper-V CPUID leaves a VMBus guest reads on x64: signatures, the privileges
 * VMBus needs, isolation configuration (0x4000000C) and the virtualization-stack leaves
 * (0x40000080-0x40000082) with the Confidential VMBus bit.
 *
 * Nothing here executes CPUID: the caller runs it (or, on arm64, reads the equivalent
 * synthetic registers) and passes the four registers in. Every decoder is a pure function
 * of (eax, ebx, ecx, edx). Inside a confidential VM the hypervisor leaves come from the
 * trusted paravisor when one is present (it intercepts them; Linux commit 7c8b6c326d83
 * comment), otherwise from the untrusted host: confidential.h takes that into account.
 *
 * Sources: OpenVMM `vm/hv1/hvdef/src/lib.rs` (`HV_CPUID_FUNCTION_*`,
 * `VIRTUALIZATION_STACK_CPUID_*`, `VS1_PARTITION_PROPERTIES_EAX_*`, `HvPartitionPrivilege`,
 * `HvFeatures`, `HvEnlightenmentInformation`, `HvIsolationConfiguration`,
 * `HvPartitionIsolationType`), `vmm_core/src/cpuid/mod.rs` (VS leaf values); Linux
 * `include/hyperv/hvgdk_mini.h` (`HYPERV_CPUID_*`, `HYPERV_VS_PROPERTIES_EAX_*`),
 * `arch/x86/kernel/cpu/mshyperv.c`; mu_msvm `MsvmPkg/Include/Hv/HvGuestCpuid.h`.
 */
#ifndef VMBP_CPUID_H
#define VMBP_CPUID_H

#include "bits.h"
#include "port.h"

/** @defgroup vmbp_cpuid Hyper-V CPUID
 *  @brief Leaves, signatures, privilege and isolation bits, the Confidential VMBus bit.
 *  @{
 */

/** @name Leaves
 *  @{ */

/** @brief Vendor and maximum leaf: EAX max leaf, EBX:ECX:EDX "Microsoft Hv". */
#define VMBP_CPUID_LEAF_VENDOR 0x40000000u
/** @brief Interface: EAX "Hv#1". */
#define VMBP_CPUID_LEAF_INTERFACE 0x40000001u
/** @brief Hypervisor version. */
#define VMBP_CPUID_LEAF_VERSION 0x40000002u
/** @brief Features: EAX:EBX partition privileges, EDX feature bits. */
#define VMBP_CPUID_LEAF_FEATURES 0x40000003u
/** @brief Enlightenment recommendations. */
#define VMBP_CPUID_LEAF_ENLIGHTENMENTS 0x40000004u
/** @brief Implementation limits. */
#define VMBP_CPUID_LEAF_LIMITS 0x40000005u
/** @brief Isolation configuration (OpenVMM `HV_CPUID_FUNCTION_MS_HV_ISOLATION_CONFIGURATION`,
 *  Linux `HYPERV_CPUID_ISOLATION_CONFIG`). */
#define VMBP_CPUID_LEAF_ISOLATION 0x4000000Cu
/** @brief Virtualization-stack vendor: EAX max VS leaf, EBX:ECX:EDX "Microsoft VS". */
#define VMBP_CPUID_LEAF_VS_VENDOR 0x40000080u
/** @brief Virtualization-stack interface: EAX "VS#1". */
#define VMBP_CPUID_LEAF_VS_INTERFACE 0x40000081u
/** @brief Virtualization-stack properties: EAX property bits (Linux
 *  `HYPERV_CPUID_VIRT_STACK_PROPERTIES`). */
#define VMBP_CPUID_LEAF_VS_PROPERTIES 0x40000082u

/** @} */

/** @name Signatures (the register values, little-endian ASCII)
 *  @{ */

/** @brief "Micr" (EBX of 0x40000000 and of 0x40000080). */
#define VMBP_CPUID_SIG_MICR 0x7263694Du
/** @brief "osof" (ECX of 0x40000000 and of 0x40000080). */
#define VMBP_CPUID_SIG_OSOF 0x666F736Fu
/** @brief "t Hv" (EDX of 0x40000000). */
#define VMBP_CPUID_SIG_T_HV 0x76482074u
/** @brief "t VS" (EDX of 0x40000080). */
#define VMBP_CPUID_SIG_T_VS 0x53562074u
/** @brief "Hv#1" (EAX of 0x40000001; Linux `HV_HYPERV_INTERFACE`... as the TLFS names it). */
#define VMBP_CPUID_SIG_HV1 0x31237648u
/** @brief "VS#1" (EAX of 0x40000081; Linux `HYPERV_VS_INTERFACE_EAX_SIGNATURE`). */
#define VMBP_CPUID_SIG_VS1 0x31235356u

/** @} */

/** @name Leaf 0x40000003: partition privileges (EAX = bits 0-31, EBX = bits 32-63) and
 *  features (EDX)
 *  Bit numbers within each register (OpenVMM `HvPartitionPrivilege` / `HvFeatures`,
 *  mu_msvm `HV_PARTITION_PRIVILEGE_MASK`).
 *  @{ */

/** @brief EAX bit 2: AccessSynicRegs (the SynIC MSRs). */
#define VMBP_CPUID_FEATURES_EAX_ACCESS_SYNIC_REGS (1u << 2)
/** @brief EAX bit 5: AccessHypercallMsrs (GUEST_OS_ID, HYPERCALL). */
#define VMBP_CPUID_FEATURES_EAX_ACCESS_HYPERCALL_MSRS (1u << 5)
/** @brief EAX bit 6: AccessVpIndex. */
#define VMBP_CPUID_FEATURES_EAX_ACCESS_VP_INDEX (1u << 6)
/** @brief EBX bit 4 (privilege bit 36): PostMessages (HvPostMessage). */
#define VMBP_CPUID_FEATURES_EBX_POST_MESSAGES (1u << 4)
/** @brief EBX bit 5 (privilege bit 37): SignalEvents (HvSignalEvent). */
#define VMBP_CPUID_FEATURES_EBX_SIGNAL_EVENTS (1u << 5)
/** @brief EBX bit 22 (privilege bit 54): Isolation: leaf 0x4000000C is meaningful (Linux
 *  `HV_ISOLATION`). */
#define VMBP_CPUID_FEATURES_EBX_ISOLATION (1u << 22)
/** @brief EDX bit 4: XMM registers available for fast hypercalls. */
#define VMBP_CPUID_FEATURES_EDX_XMM_FAST_HYPERCALL (1u << 4)
/** @brief EDX bit 17: SINT polling mode available. */
#define VMBP_CPUID_FEATURES_EDX_SINT_POLLING (1u << 17)
/** @brief EDX bit 19: direct synthetic timers. */
#define VMBP_CPUID_FEATURES_EDX_DIRECT_SYNTHETIC_TIMERS (1u << 19)

/** @} */

/** @name Leaf 0x40000004: enlightenment recommendations (EAX)
 *  @{ */

/** @brief EAX bit 9: do not use auto-EOI (Linux `HV_DEPRECATING_AEOI_RECOMMENDED`, OpenVMM
 *  `deprecate_auto_eoi`): a guest sets the SINT auto-EOI bit only when this is clear. */
#define VMBP_CPUID_ENLIGHTENMENTS_EAX_DEPRECATE_AUTO_EOI (1u << 9)
/** @brief EAX bit 12: running nested (Linux `HV_X64_HYPERV_NESTED`). */
#define VMBP_CPUID_ENLIGHTENMENTS_EAX_NESTED (1u << 12)

/** @} */

/** @name Leaf 0x4000000C: isolation configuration
 *  EAX bit 0 paravisor present, bits 1-31 reserved. EBX bits 0-3 isolation type, bit 4
 *  reserved, bit 5 shared GPA boundary active, bits 6-11 shared GPA boundary bits (the
 *  boundary is 1 << bits: the vTOM), bits 12-31 reserved. ECX and EDX reserved.
 *  @{ */

/** @brief EAX paravisor present. */
#define VMBP_CPUID_ISOLATION_EAX_PARAVISOR_SHIFT 0
/** @brief Width of the paravisor-present bit. */
#define VMBP_CPUID_ISOLATION_EAX_PARAVISOR_WIDTH 1
/** @brief EAX reserved bits. */
#define VMBP_CPUID_ISOLATION_EAX_RSVD 0xFFFFFFFEu
/** @brief EBX isolation type (`VMBP_CPUID_ISOLATION_TYPE_*`). */
#define VMBP_CPUID_ISOLATION_EBX_TYPE_SHIFT 0
/** @brief Width of the isolation type. */
#define VMBP_CPUID_ISOLATION_EBX_TYPE_WIDTH 4
/** @brief EBX shared GPA boundary active. */
#define VMBP_CPUID_ISOLATION_EBX_BOUNDARY_ACTIVE_SHIFT 5
/** @brief Width of the boundary-active bit. */
#define VMBP_CPUID_ISOLATION_EBX_BOUNDARY_ACTIVE_WIDTH 1
/** @brief EBX shared GPA boundary bits. */
#define VMBP_CPUID_ISOLATION_EBX_BOUNDARY_BITS_SHIFT 6
/** @brief Width of the boundary bits field. */
#define VMBP_CPUID_ISOLATION_EBX_BOUNDARY_BITS_WIDTH 6
/** @brief EBX reserved bits (4 and 12-31). */
#define VMBP_CPUID_ISOLATION_EBX_RSVD 0xFFFFF010u

/** @brief Isolation type NONE. */
#define VMBP_CPUID_ISOLATION_TYPE_NONE 0u
/** @brief Isolation type VBS (software isolation). */
#define VMBP_CPUID_ISOLATION_TYPE_VBS 1u
/** @brief Isolation type SNP (AMD SEV-SNP). */
#define VMBP_CPUID_ISOLATION_TYPE_SNP 2u
/** @brief Isolation type TDX (Intel TDX). */
#define VMBP_CPUID_ISOLATION_TYPE_TDX 3u
/** @brief Isolation type CCA (Arm CCA; OpenVMM only). */
#define VMBP_CPUID_ISOLATION_TYPE_CCA 4u

/** @} */

/** @name Leaf 0x40000082: virtualization-stack properties (EAX)
 *  @{ */

/** @brief EAX bit 0: the partition is portable. */
#define VMBP_CPUID_VS_EAX_IS_PORTABLE (1u << 0)
/** @brief EAX bit 1: a synthetic debug device is present. */
#define VMBP_CPUID_VS_EAX_DEBUG_DEVICE_PRESENT (1u << 1)
/** @brief EAX bit 2: extended I/O APIC RTEs (15-bit APIC IDs in MSIs; Linux
 *  `HYPERV_VS_PROPERTIES_EAX_EXTENDED_IOAPIC_RTE`). */
#define VMBP_CPUID_VS_EAX_EXTENDED_IOAPIC_RTE (1u << 2)
/** @brief EAX bit 3: the Confidential VMBus is available (Linux
 *  `HYPERV_VS_PROPERTIES_EAX_CONFIDENTIAL_VMBUS_AVAILABLE`, OpenVMM
 *  `VS1_PARTITION_PROPERTIES_EAX_CONFIDENTIAL_VMBUS_AVAILABLE`). OpenHCL sets it exactly
 *  when the VM is hardware-isolated and the paravisor relays VMBus. */
#define VMBP_CPUID_VS_EAX_CONFIDENTIAL_VMBUS (1u << 3)

/** @} */

/** @brief Leaf 0x4000000C EAX fields, `X(F, "name", "meaning")`. */
#define VMBP_CPUID_ISOLATION_EAX_FIELDS(X)                                                     \
    X(VMBP_CPUID_ISOLATION_EAX_PARAVISOR, "paravisor_present", "a paravisor runs in VTL2")
/** @brief Leaf 0x4000000C EBX fields, `X(F, "name", "meaning")`. */
#define VMBP_CPUID_ISOLATION_EBX_FIELDS(X)                                                     \
    X(VMBP_CPUID_ISOLATION_EBX_TYPE, "isolation_type", "0 none, 1 VBS, 2 SNP, 3 TDX, 4 CCA")   \
    X(VMBP_CPUID_ISOLATION_EBX_BOUNDARY_ACTIVE, "shared_gpa_boundary_active",                  \
      "a shared GPA boundary (vTOM) is in use")                                                \
    X(VMBP_CPUID_ISOLATION_EBX_BOUNDARY_BITS, "shared_gpa_boundary_bits",                      \
      "the boundary is 1 << bits")

VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_CPUID_ISOLATION_EAX_FIELDS,
                                   VMBP_CPUID_ISOLATION_EAX_RSVD, 32),
                   vmbp_cpuid_isolation_eax_covers);
VMBP_STATIC_ASSERT(VMBP_REG_COVERS(VMBP_CPUID_ISOLATION_EBX_FIELDS,
                                   VMBP_CPUID_ISOLATION_EBX_RSVD, 32),
                   vmbp_cpuid_isolation_ebx_covers);

/** @brief The four registers of one CPUID leaf, as the caller read them. */
struct vmbp_cpuid_regs {
    uint32_t eax; /**< EAX */
    uint32_t ebx; /**< EBX */
    uint32_t ecx; /**< ECX */
    uint32_t edx; /**< EDX */
};

/** @brief Leaf 0x4000000C decoded. */
struct vmbp_cpuid_isolation {
    bool paravisor_present;       /**< EAX bit 0 */
    uint8_t isolation_type;       /**< EBX bits 0-3: `VMBP_CPUID_ISOLATION_TYPE_*` */
    bool boundary_active;         /**< EBX bit 5 */
    uint8_t boundary_bits;        /**< EBX bits 6-11 */
    uint64_t shared_gpa_boundary; /**< 1 << boundary_bits when active, else 0 */
};

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Whether leaf 0x40000000 names Microsoft Hv (EBX:ECX:EDX "Microsoft Hv") with a
 * maximum leaf of at least 0x40000005 (TLFS minimum).
 * @param r the registers of leaf 0x40000000
 * @return true for Hyper-V
 */
VMBP_INLINE bool vmbp_cpuid_is_hyperv(const struct vmbp_cpuid_regs *r)
{
    return r->ebx == VMBP_CPUID_SIG_MICR && r->ecx == VMBP_CPUID_SIG_OSOF &&
           r->edx == VMBP_CPUID_SIG_T_HV && r->eax >= VMBP_CPUID_LEAF_LIMITS;
}

/**
 * @brief Whether leaf 0x40000001 reports the Hyper-V interface "Hv#1".
 * @param r the registers of leaf 0x40000001
 * @return true for "Hv#1"
 */
VMBP_INLINE bool vmbp_cpuid_interface_is_hv1(const struct vmbp_cpuid_regs *r)
{
    return r->eax == VMBP_CPUID_SIG_HV1;
}

/**
 * @brief Whether a guest may run VMBus: it has the SynIC MSRs, PostMessages and
 * SignalEvents privileges (leaf 0x40000003; mu_msvm also requires the hypercall MSRs).
 * @param r the registers of leaf 0x40000003
 * @return true if all four privileges are present
 */
VMBP_INLINE bool vmbp_cpuid_has_vmbus_privileges(const struct vmbp_cpuid_regs *r)
{
    return (r->eax & VMBP_CPUID_FEATURES_EAX_ACCESS_SYNIC_REGS) != 0 &&
           (r->eax & VMBP_CPUID_FEATURES_EAX_ACCESS_HYPERCALL_MSRS) != 0 &&
           (r->ebx & VMBP_CPUID_FEATURES_EBX_POST_MESSAGES) != 0 &&
           (r->ebx & VMBP_CPUID_FEATURES_EBX_SIGNAL_EVENTS) != 0;
}

/**
 * @brief Whether the partition has the isolation privilege (leaf 0x40000003 EBX bit 22):
 * only then is leaf 0x4000000C meaningful (Linux reads it only then).
 * @param r the registers of leaf 0x40000003
 * @return true if isolated
 */
VMBP_INLINE bool vmbp_cpuid_has_isolation(const struct vmbp_cpuid_regs *r)
{
    return (r->ebx & VMBP_CPUID_FEATURES_EBX_ISOLATION) != 0;
}

/**
 * @brief Whether the SINT auto-EOI bit is recommended (leaf 0x40000004 EAX bit 9 clear;
 * Linux `hv_recommend_using_aeoi`).
 * @param r the registers of leaf 0x40000004
 * @return true if auto-EOI may be used
 */
VMBP_INLINE bool vmbp_cpuid_auto_eoi_recommended(const struct vmbp_cpuid_regs *r)
{
    return (r->eax & VMBP_CPUID_ENLIGHTENMENTS_EAX_DEPRECATE_AUTO_EOI) == 0;
}

/**
 * @brief Decode leaf 0x4000000C.
 * @param r   the registers of leaf 0x4000000C
 * @param out decoded fields; the boundary is 1 << bits only when active (Linux
 *            `ms_hyperv.shared_gpa_boundary`)
 */
VMBP_INLINE void vmbp_cpuid_isolation_decode(const struct vmbp_cpuid_regs *r,
                                             struct vmbp_cpuid_isolation *out)
{
    out->paravisor_present = VMBP_FIELD_GET32(VMBP_CPUID_ISOLATION_EAX_PARAVISOR, r->eax) != 0;
    out->isolation_type = (uint8_t)VMBP_FIELD_GET32(VMBP_CPUID_ISOLATION_EBX_TYPE, r->ebx);
    out->boundary_active =
        VMBP_FIELD_GET32(VMBP_CPUID_ISOLATION_EBX_BOUNDARY_ACTIVE, r->ebx) != 0;
    out->boundary_bits =
        (uint8_t)VMBP_FIELD_GET32(VMBP_CPUID_ISOLATION_EBX_BOUNDARY_BITS, r->ebx);
    out->shared_gpa_boundary =
        out->boundary_active ? VMBP_SHL64(VMBP_U64(1), out->boundary_bits) : 0;
}

/**
 * @brief Encode leaf 0x4000000C (for a paravisor or a test that answers CPUID).
 * @param in  fields (isolation_type must fit 4 bits and boundary_bits 6; extra bits are
 *            dropped); shared_gpa_boundary is ignored
 * @param out the registers; ECX and EDX are zero
 */
VMBP_INLINE void vmbp_cpuid_isolation_encode(const struct vmbp_cpuid_isolation *in,
                                             struct vmbp_cpuid_regs *out)
{
    uint32_t ebx = 0;

    ebx = VMBP_FIELD_SET32(VMBP_CPUID_ISOLATION_EBX_TYPE, ebx, in->isolation_type);
    ebx = VMBP_FIELD_SET32(VMBP_CPUID_ISOLATION_EBX_BOUNDARY_ACTIVE, ebx,
                           in->boundary_active ? 1u : 0u);
    ebx = VMBP_FIELD_SET32(VMBP_CPUID_ISOLATION_EBX_BOUNDARY_BITS, ebx, in->boundary_bits);
    out->eax = in->paravisor_present ? 1u : 0u;
    out->ebx = ebx;
    out->ecx = 0;
    out->edx = 0;
}

/**
 * @brief Whether an isolation type is hardware isolation (SNP, TDX or CCA): memory is
 * encrypted and host-visible memory must be shared explicitly (mu_msvm
 * `IsHardwareIsolated` covers SNP and TDX, the x64 types).
 * @param type isolation type
 * @return true for SNP, TDX and CCA
 */
VMBP_INLINE bool vmbp_cpuid_isolation_is_hardware(uint32_t type)
{
    return type == VMBP_CPUID_ISOLATION_TYPE_SNP || type == VMBP_CPUID_ISOLATION_TYPE_TDX ||
           type == VMBP_CPUID_ISOLATION_TYPE_CCA;
}

/**
 * @brief Whether leaf 0x40000080 names Microsoft VS ("Microsoft VS") with a maximum VS
 * leaf of at least 0x40000082.
 * @param r the registers of leaf 0x40000080
 * @return true if the VS leaves up to 0x40000082 exist
 */
VMBP_INLINE bool vmbp_cpuid_vs_vendor_ok(const struct vmbp_cpuid_regs *r)
{
    return r->ebx == VMBP_CPUID_SIG_MICR && r->ecx == VMBP_CPUID_SIG_OSOF &&
           r->edx == VMBP_CPUID_SIG_T_VS && r->eax >= VMBP_CPUID_LEAF_VS_PROPERTIES;
}

/**
 * @brief Whether leaf 0x40000081 reports "VS#1" (the v5 patch series checked it before
 * reading 0x40000082; Linux 6.19 reads 0x40000082 without it).
 * @param r the registers of leaf 0x40000081
 * @return true for "VS#1"
 */
VMBP_INLINE bool vmbp_cpuid_vs_interface_ok(const struct vmbp_cpuid_regs *r)
{
    return r->eax == VMBP_CPUID_SIG_VS1;
}

/**
 * @brief The Confidential VMBus bit: EAX bit 3 of leaf 0x40000082.
 * @param r the registers of leaf 0x40000082
 * @return true if the Confidential VMBus is available
 */
VMBP_INLINE bool vmbp_cpuid_vs_confidential_vmbus(const struct vmbp_cpuid_regs *r)
{
    return (r->eax & VMBP_CPUID_VS_EAX_CONFIDENTIAL_VMBUS) != 0;
}

/**
 * @brief The extended I/O APIC RTE bit: EAX bit 2 of leaf 0x40000082.
 * @param r the registers of leaf 0x40000082
 * @return true if set
 */
VMBP_INLINE bool vmbp_cpuid_vs_extended_ioapic_rte(const struct vmbp_cpuid_regs *r)
{
    return (r->eax & VMBP_CPUID_VS_EAX_EXTENDED_IOAPIC_RTE) != 0;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_CPUID_H */
