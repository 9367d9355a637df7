/* SPDX-License-Identifier: MIT */
/* cpuid.h: leaf numbers, signatures, privilege bits, the isolation leaf, the VS leaves. */
#include <vmbus_proto/cpuid.h>
#include <vmbus_proto/endian.h>

#include "unit.h"

static struct vmbp_cpuid_regs regs(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    struct vmbp_cpuid_regs r;

    r.eax = a;
    r.ebx = b;
    r.ecx = c;
    r.edx = d;
    return r;
}

/* covers: VMBP-CPUID-001 */
START_TEST(leaves_and_signatures)
{
    struct vmbp_cpuid_regs r;

    ck_assert_uint_eq(VMBP_CPUID_LEAF_VENDOR, 0x40000000u);
    ck_assert_uint_eq(VMBP_CPUID_LEAF_INTERFACE, 0x40000001u);
    ck_assert_uint_eq(VMBP_CPUID_LEAF_FEATURES, 0x40000003u);
    ck_assert_uint_eq(VMBP_CPUID_LEAF_ENLIGHTENMENTS, 0x40000004u);
    ck_assert_uint_eq(VMBP_CPUID_LEAF_ISOLATION, 0x4000000Cu);
    ck_assert_uint_eq(VMBP_CPUID_LEAF_VS_VENDOR, 0x40000080u);
    ck_assert_uint_eq(VMBP_CPUID_LEAF_VS_INTERFACE, 0x40000081u);
    ck_assert_uint_eq(VMBP_CPUID_LEAF_VS_PROPERTIES, 0x40000082u);
    /* register values are the little-endian reading of the ASCII (OpenVMM from_le_bytes) */
    ck_assert_uint_eq(VMBP_CPUID_SIG_MICR, vmbp_load_le32("Micr"));
    ck_assert_uint_eq(VMBP_CPUID_SIG_OSOF, vmbp_load_le32("osof"));
    ck_assert_uint_eq(VMBP_CPUID_SIG_T_HV, vmbp_load_le32("t Hv"));
    ck_assert_uint_eq(VMBP_CPUID_SIG_T_VS, vmbp_load_le32("t VS"));
    ck_assert_uint_eq(VMBP_CPUID_SIG_HV1, vmbp_load_le32("Hv#1"));
    ck_assert_uint_eq(VMBP_CPUID_SIG_VS1, vmbp_load_le32("VS#1"));
    ck_assert_uint_eq(VMBP_CPUID_SIG_VS1,
                      0x31235356u); /* Linux HYPERV_VS_INTERFACE_EAX_SIGNATURE */

    r = regs(0x4000000C, VMBP_CPUID_SIG_MICR, VMBP_CPUID_SIG_OSOF, VMBP_CPUID_SIG_T_HV);
    ck_assert(vmbp_cpuid_is_hyperv(&r));
    r.eax = 0x40000004;
    ck_assert(!vmbp_cpuid_is_hyperv(&r)); /* max leaf below the TLFS minimum */
    r.eax = 0x40000005;
    ck_assert(vmbp_cpuid_is_hyperv(&r));
    r.edx = VMBP_CPUID_SIG_T_VS;
    ck_assert(!vmbp_cpuid_is_hyperv(&r));
    r = regs(VMBP_CPUID_SIG_HV1, 0, 0, 0);
    ck_assert(vmbp_cpuid_interface_is_hv1(&r));
    r.eax ^= 1;
    ck_assert(!vmbp_cpuid_interface_is_hv1(&r));

    /* OpenVMM vmm_core/src/cpuid/mod.rs: VS vendor leaf */
    r = regs(0x40000082, VMBP_CPUID_SIG_MICR, VMBP_CPUID_SIG_OSOF, VMBP_CPUID_SIG_T_VS);
    ck_assert(vmbp_cpuid_vs_vendor_ok(&r));
    r.eax = 0x40000081;
    ck_assert(!vmbp_cpuid_vs_vendor_ok(&r));
    r = regs(0x40000082, VMBP_CPUID_SIG_MICR, VMBP_CPUID_SIG_OSOF, VMBP_CPUID_SIG_T_HV);
    ck_assert(!vmbp_cpuid_vs_vendor_ok(&r));
    r = regs(VMBP_CPUID_SIG_VS1, 0, 0, 0);
    ck_assert(vmbp_cpuid_vs_interface_ok(&r));
    r = regs(0, 0, 0, 0);
    ck_assert(!vmbp_cpuid_vs_interface_ok(&r));
}
END_TEST

/* covers: VMBP-CPUID-002 */
START_TEST(privileges_vmbus_needs)
{
    const uint32_t eax = (1u << 2) | (1u << 5), ebx = (1u << 4) | (1u << 5);
    struct vmbp_cpuid_regs r = regs(eax, ebx, 0, 0);
    unsigned bit;

    /* OpenVMM HvPartitionPrivilege: access_synic_msrs 2, access_hypercall_msrs 5,
     * post_messages 36, signal_events 37, isolation 54 (EBX = bits 32-63) */
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EAX_ACCESS_SYNIC_REGS, 1u << 2);
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EAX_ACCESS_HYPERCALL_MSRS, 1u << 5);
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EAX_ACCESS_VP_INDEX, 1u << 6);
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EBX_POST_MESSAGES, 1u << (36 - 32));
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EBX_SIGNAL_EVENTS, 1u << (37 - 32));
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EBX_ISOLATION, 1u << (54 - 32));
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EDX_SINT_POLLING, 1u << 17);
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EDX_DIRECT_SYNTHETIC_TIMERS, 1u << 19);
    ck_assert_uint_eq(VMBP_CPUID_FEATURES_EDX_XMM_FAST_HYPERCALL, 1u << 4);

    ck_assert(vmbp_cpuid_has_vmbus_privileges(&r));
    /* each required bit alone missing */
    for (bit = 0; bit < 32; bit++) {
        struct vmbp_cpuid_regs a = regs(eax & ~(1u << bit), ebx, 0, 0);
        struct vmbp_cpuid_regs b = regs(eax, ebx & ~(1u << bit), 0, 0);

        ck_assert_int_eq(vmbp_cpuid_has_vmbus_privileges(&a), !((eax >> bit) & 1u));
        ck_assert_int_eq(vmbp_cpuid_has_vmbus_privileges(&b), !((ebx >> bit) & 1u));
    }
    ck_assert(!vmbp_cpuid_has_isolation(&r));
    r.ebx |= 1u << 22;
    ck_assert(vmbp_cpuid_has_isolation(&r));
}
END_TEST

/* covers: VMBP-CPUID-005 */
START_TEST(auto_eoi_recommendation)
{
    struct vmbp_cpuid_regs r = regs(0, 0, 0, 0);

    ck_assert_uint_eq(VMBP_CPUID_ENLIGHTENMENTS_EAX_DEPRECATE_AUTO_EOI, 1u << 9);
    ck_assert_uint_eq(VMBP_CPUID_ENLIGHTENMENTS_EAX_NESTED, 1u << 12);
    ck_assert(vmbp_cpuid_auto_eoi_recommended(&r));
    r.eax = ~(1u << 9);
    ck_assert(vmbp_cpuid_auto_eoi_recommended(&r));
    r.eax = 1u << 9;
    ck_assert(!vmbp_cpuid_auto_eoi_recommended(&r));
}
END_TEST

/* covers: VMBP-CPUID-003 */
START_TEST(isolation_leaf_decodes_every_field)
{
    struct vmbp_cpuid_isolation iso, back;
    struct vmbp_cpuid_regs r, enc;
    uint32_t type, bits;

    ck_assert_uint_eq(VMBP_CPUID_ISOLATION_TYPE_NONE, 0);
    ck_assert_uint_eq(VMBP_CPUID_ISOLATION_TYPE_VBS, 1);
    ck_assert_uint_eq(VMBP_CPUID_ISOLATION_TYPE_SNP, 2);
    ck_assert_uint_eq(VMBP_CPUID_ISOLATION_TYPE_TDX, 3);
    ck_assert_uint_eq(VMBP_CPUID_ISOLATION_TYPE_CCA, 4);
    ck_assert_uint_eq(VMBP_CPUID_ISOLATION_EAX_RSVD, 0xFFFFFFFEu);
    ck_assert_uint_eq(VMBP_CPUID_ISOLATION_EBX_RSVD, 0xFFFFF010u);

    /* OpenHCL on SNP with vTOM at bit 46 (cvm_cpuid/snp.rs): paravisor, SNP, boundary on */
    r = regs(1, 2u | (1u << 5) | (46u << 6), 0, 0);
    vmbp_cpuid_isolation_decode(&r, &iso);
    ck_assert(iso.paravisor_present);
    ck_assert_uint_eq(iso.isolation_type, VMBP_CPUID_ISOLATION_TYPE_SNP);
    ck_assert(iso.boundary_active);
    ck_assert_uint_eq(iso.boundary_bits, 46);
    ck_assert_uint_eq(iso.shared_gpa_boundary, 1ull << 46);

    /* every type and boundary width, with reserved bits set: they are ignored */
    for (type = 0; type < 16; type++)
        for (bits = 0; bits < 64; bits++) {
            uint32_t ebx = type | (1u << 5) | (bits << 6);

            r = regs(0xFFFFFFFEu, ebx | VMBP_CPUID_ISOLATION_EBX_RSVD, 0xFFFFFFFFu,
                     0xFFFFFFFFu);
            vmbp_cpuid_isolation_decode(&r, &iso);
            ck_assert(!iso.paravisor_present);
            ck_assert_uint_eq(iso.isolation_type, type);
            ck_assert_uint_eq(iso.boundary_bits, bits);
            ck_assert_uint_eq(iso.shared_gpa_boundary, 1ull << bits);
            iso.paravisor_present = (type & 1) != 0;
            vmbp_cpuid_isolation_encode(&iso, &enc);
            ck_assert_uint_eq(enc.eax, (type & 1) ? 1u : 0u);
            ck_assert_uint_eq(enc.ebx, ebx);
            ck_assert_uint_eq(enc.ecx, 0);
            ck_assert_uint_eq(enc.edx, 0);
            vmbp_cpuid_isolation_decode(&enc, &back);
            ck_assert_int_eq(back.paravisor_present, iso.paravisor_present);
            ck_assert_uint_eq(back.isolation_type, type);
        }
    /* boundary bits without the active bit: no boundary */
    r = regs(1, 3u | (47u << 6), 0, 0);
    vmbp_cpuid_isolation_decode(&r, &iso);
    ck_assert(!iso.boundary_active);
    ck_assert_uint_eq(iso.shared_gpa_boundary, 0);
    ck_assert_uint_eq(iso.isolation_type, VMBP_CPUID_ISOLATION_TYPE_TDX);
}
END_TEST

/* covers: VMBP-CPUID-003 */
START_TEST(hardware_isolation_types)
{
    uint32_t t;

    for (t = 0; t < 256; t++)
        ck_assert_int_eq(vmbp_cpuid_isolation_is_hardware(t), t == 2 || t == 3 || t == 4);
}
END_TEST

/* covers: VMBP-CPUID-004 */
START_TEST(vs_properties_confidential_vmbus_is_eax_bit_3)
{
    unsigned bit;

    /* Linux hvgdk_mini.h: HYPERV_VS_PROPERTIES_EAX_EXTENDED_IOAPIC_RTE BIT(2),
     * ..._CONFIDENTIAL_VMBUS_AVAILABLE BIT(3); OpenVMM VS1_PARTITION_PROPERTIES_EAX_* */
    ck_assert_uint_eq(VMBP_CPUID_VS_EAX_IS_PORTABLE, 0x1);
    ck_assert_uint_eq(VMBP_CPUID_VS_EAX_DEBUG_DEVICE_PRESENT, 0x2);
    ck_assert_uint_eq(VMBP_CPUID_VS_EAX_EXTENDED_IOAPIC_RTE, 0x4);
    ck_assert_uint_eq(VMBP_CPUID_VS_EAX_CONFIDENTIAL_VMBUS, 0x8);
    for (bit = 0; bit < 32; bit++) {
        struct vmbp_cpuid_regs r = regs(1u << bit, 0, 0, 0);
        struct vmbp_cpuid_regs other = regs(0, 1u << bit, 1u << bit, 1u << bit);

        ck_assert_int_eq(vmbp_cpuid_vs_confidential_vmbus(&r), bit == 3);
        ck_assert_int_eq(vmbp_cpuid_vs_extended_ioapic_rte(&r), bit == 2);
        ck_assert(!vmbp_cpuid_vs_confidential_vmbus(&other)); /* only EAX counts */
    }
    {
        /* what OpenHCL returns on a hardware-isolated VM with the relay: portable |
         * extended RTE | confidential VMBus */
        struct vmbp_cpuid_regs r = regs(0x1 | 0x4 | 0x8, 0, 0, 0);

        ck_assert(vmbp_cpuid_vs_confidential_vmbus(&r));
        ck_assert(vmbp_cpuid_vs_extended_ioapic_rte(&r));
    }
}
END_TEST

static Suite *cpuid_suite(void)
{
    Suite *s = suite_create("cpuid");
    TCase *tc = tcase_create("cpuid");

    tcase_add_test(tc, leaves_and_signatures);
    tcase_add_test(tc, privileges_vmbus_needs);
    tcase_add_test(tc, auto_eoi_recommendation);
    tcase_add_test(tc, isolation_leaf_decodes_every_field);
    tcase_add_test(tc, hardware_isolation_types);
    tcase_add_test(tc, vs_properties_confidential_vmbus_is_eax_bit_3);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(cpuid_suite)
