/* SPDX-License-Identifier: MIT */
/*
 * synic.h: register numbers and fields, layouts, message types, the slot snapshot, the
 * end-of-message protocol and the event flag scans.
 *
 * Every shared access goes through the instrumented layer (support/tshm.h), so the tests
 * can count the reads of each byte of a slot and let a simulated host rewrite it between
 * two accesses.
 */
#include "support/tshm.h"

#include <vmbus_proto/hvdef.h>
#include <vmbus_proto/synic.h>

#include "support/vectors.h"
#include "unit.h"

/* ---- register numbers ------------------------------------------------------------- */

/* covers: VMBP-SYNIC-001 */
START_TEST(x64_msr_numbers)
{
    unsigned i;

    /* Linux hvgdk_mini.h, OpenVMM hvdef, mu_msvm HvGuestMsr.h */
    ck_assert_uint_eq(VMBP_SYNIC_MSR_SCONTROL, 0x40000080u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_SVERSION, 0x40000081u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_SIEFP, 0x40000082u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_SIMP, 0x40000083u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_EOM, 0x40000084u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_SIRBP, 0x40000085u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_SINT0, 0x40000090u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_SINT15, 0x4000009Fu);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_SINT(2), 0x40000092u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_NESTED_SCONTROL, 0x40001080u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_NESTED_SVERSION, 0x40001081u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_NESTED_SIEFP, 0x40001082u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_NESTED_SIMP, 0x40001083u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_NESTED_EOM, 0x40001084u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_NESTED_SIRBP, 0x40001085u);
    ck_assert_uint_eq(VMBP_SYNIC_MSR_NESTED_SINT0, 0x40001090u);

    ck_assert_uint_eq(vmbp_synic_msr(VMBP_SYNIC_SCONTROL, 9), 0x40000080u);
    ck_assert_uint_eq(vmbp_synic_msr(VMBP_SYNIC_SVERSION, 0), 0x40000081u);
    ck_assert_uint_eq(vmbp_synic_msr(VMBP_SYNIC_SIEFP, 0), 0x40000082u);
    ck_assert_uint_eq(vmbp_synic_msr(VMBP_SYNIC_SIMP, 0), 0x40000083u);
    ck_assert_uint_eq(vmbp_synic_msr(VMBP_SYNIC_EOM, 0), 0x40000084u);
    ck_assert_uint_eq(vmbp_synic_msr(VMBP_SYNIC_SIRBP, 0), 0x40000085u);
    for (i = 0; i < 16; i++) {
        ck_assert_uint_eq(vmbp_synic_msr(VMBP_SYNIC_SINT, i), 0x40000090u + i);
        ck_assert_uint_eq(vmbp_synic_msr_nested(0x40000090u + i), 0x40001090u + i);
    }
    ck_assert_uint_eq(vmbp_synic_msr(VMBP_SYNIC_SINT, 16), 0);
    ck_assert_uint_eq(vmbp_synic_msr((enum vmbp_synic_register)7, 0), 0);
    ck_assert_uint_eq(vmbp_synic_msr_nested(VMBP_SYNIC_MSR_SIMP), VMBP_SYNIC_MSR_NESTED_SIMP);
    ck_assert_uint_eq(vmbp_synic_msr_nested(VMBP_SYNIC_MSR_EOM), VMBP_SYNIC_MSR_NESTED_EOM);
    ck_assert_uint_eq(vmbp_synic_msr_nested(0x40000001u), 0);

    /* hv_is_synic_msr / hv_is_sint_msr boundaries */
    ck_assert(!vmbp_synic_msr_is_synic(0x4000007Fu));
    ck_assert(vmbp_synic_msr_is_synic(0x40000080u));
    ck_assert(vmbp_synic_msr_is_synic(0x4000008Fu));
    ck_assert(vmbp_synic_msr_is_synic(0x4000009Fu));
    ck_assert(!vmbp_synic_msr_is_synic(0x400000A0u));
    ck_assert(!vmbp_synic_msr_is_sint(0x4000008Fu));
    ck_assert(vmbp_synic_msr_is_sint(0x40000090u));
    ck_assert(vmbp_synic_msr_is_sint(0x4000009Fu));
    ck_assert(!vmbp_synic_msr_is_sint(0x400000A0u));
}
END_TEST

/* covers: VMBP-SYNIC-001 */
START_TEST(arm64_register_names)
{
    unsigned i;

    ck_assert_uint_eq(vmbp_synic_reg_name(VMBP_SYNIC_SCONTROL, 0), 0x000A0010u);
    ck_assert_uint_eq(vmbp_synic_reg_name(VMBP_SYNIC_SVERSION, 0), 0x000A0011u);
    ck_assert_uint_eq(vmbp_synic_reg_name(VMBP_SYNIC_SIEFP, 0), 0x000A0012u);
    ck_assert_uint_eq(vmbp_synic_reg_name(VMBP_SYNIC_SIMP, 0), 0x000A0013u);
    ck_assert_uint_eq(vmbp_synic_reg_name(VMBP_SYNIC_EOM, 0), 0x000A0014u);
    ck_assert_uint_eq(vmbp_synic_reg_name(VMBP_SYNIC_SIRBP, 0), 0x000A0015u);
    for (i = 0; i < 16; i++)
        ck_assert_uint_eq(vmbp_synic_reg_name(VMBP_SYNIC_SINT, i), 0x000A0000u + i);
    ck_assert_uint_eq(vmbp_synic_reg_name(VMBP_SYNIC_SINT, 16), 0);
    ck_assert_uint_eq(vmbp_synic_reg_name((enum vmbp_synic_register)99, 0), 0);
}
END_TEST

START_TEST(constants)
{
    ck_assert_uint_eq(VMBP_SYNIC_SINT_COUNT, 16);
    ck_assert_uint_eq(VMBP_SYNIC_VMBUS_SINT, 2);
    ck_assert_uint_eq(VMBP_SYNIC_INTERCEPT_SINT, 0);
    ck_assert_uint_eq(VMBP_SYNIC_FIRST_VALID_VECTOR, 16);
    ck_assert_uint_eq(VMBP_SYNIC_VERSION_1, 1);
    ck_assert_uint_eq(VMBP_SYNIC_MESSAGE_SIZE, 256);
    ck_assert_uint_eq(VMBP_SYNIC_MESSAGE_PAYLOAD_MAX, 240);
    ck_assert_uint_eq(VMBP_SYNIC_EVENT_FLAGS_COUNT, 2048);
    ck_assert_uint_eq(VMBP_SYNIC_EVENT_FLAGS_BYTES, 256);
    ck_assert_uint_eq(VMBP_HV_PAGE_SIZE, 1u << VMBP_HV_PAGE_SHIFT);
}
END_TEST

/* ---- register fields ---------------------------------------------------------------- */

/* One row per field: where the sources put it, and the header's get/set for it. */
struct field_row {
    const char *name;
    unsigned shift, width; /* from the sources, written independently of the header */
    uint64_t header_mask;  /* VMBP_FIELD_MASK64 of the header's _SHIFT/_WIDTH */
    uint64_t (*get)(uint64_t);
    uint64_t (*set)(uint64_t, uint64_t);
};

static uint64_t get_scontrol_enable(uint64_t v)
{
    return vmbp_synic_scontrol_enabled(v);
}
static uint64_t set_scontrol_enable(uint64_t v, uint64_t x)
{
    return vmbp_synic_scontrol_set_enabled(v, x != 0);
}
static uint64_t get_sversion(uint64_t v)
{
    return vmbp_synic_sversion_version(v);
}
static uint64_t set_sversion(uint64_t v, uint64_t x)
{
    return VMBP_FIELD_SET64(VMBP_SYNIC_SVERSION_VERSION, v, x);
}
static uint64_t get_page_enable(uint64_t v)
{
    return vmbp_synic_page_enabled(v);
}
static uint64_t set_page_enable(uint64_t v, uint64_t x)
{
    return vmbp_synic_page_set_enabled(v, x != 0);
}
static uint64_t get_page_gpn(uint64_t v)
{
    return vmbp_synic_page_gpn(v);
}
static uint64_t set_page_gpn(uint64_t v, uint64_t x)
{
    return vmbp_synic_page_set_gpn(v, x);
}
static uint64_t get_vec_x64(uint64_t v)
{
    return vmbp_synic_sint_vector_x64(v);
}
static uint64_t set_vec_x64(uint64_t v, uint64_t x)
{
    return vmbp_synic_sint_set_vector_x64(v, (uint32_t)x);
}
static uint64_t get_vec_arm64(uint64_t v)
{
    return vmbp_synic_sint_vector_arm64(v);
}
static uint64_t set_vec_arm64(uint64_t v, uint64_t x)
{
    return vmbp_synic_sint_set_vector_arm64(v, (uint32_t)x);
}
static uint64_t get_masked(uint64_t v)
{
    return vmbp_synic_sint_masked(v);
}
static uint64_t set_masked(uint64_t v, uint64_t x)
{
    return vmbp_synic_sint_set_masked(v, x != 0);
}
static uint64_t get_aeoi(uint64_t v)
{
    return vmbp_synic_sint_auto_eoi(v);
}
static uint64_t set_aeoi(uint64_t v, uint64_t x)
{
    return vmbp_synic_sint_set_auto_eoi(v, x != 0);
}
static uint64_t get_poll(uint64_t v)
{
    return vmbp_synic_sint_polling(v);
}
static uint64_t set_poll(uint64_t v, uint64_t x)
{
    return vmbp_synic_sint_set_polling(v, x != 0);
}
static uint64_t get_asi(uint64_t v)
{
    return vmbp_synic_sint_as_intercept(v);
}
static uint64_t set_asi(uint64_t v, uint64_t x)
{
    return vmbp_synic_sint_set_as_intercept(v, x != 0);
}
static uint64_t get_proxy(uint64_t v)
{
    return vmbp_synic_sint_proxy(v);
}
static uint64_t set_proxy(uint64_t v, uint64_t x)
{
    return vmbp_synic_sint_set_proxy(v, x != 0);
}

#define M(F) VMBP_FIELD_MASK64(F)
static const struct field_row fields[] = {
    /* Linux hvhdk.h hv_synic_scontrol: enable bit 0 */
    {"SCONTROL.enable", 0, 1, M(VMBP_SYNIC_SCONTROL_ENABLE), get_scontrol_enable,
     set_scontrol_enable},
    /* TLFS / OpenVMM: SVERSION bits 0-31 */
    {"SVERSION.version", 0, 32, M(VMBP_SYNIC_SVERSION_VERSION), get_sversion, set_sversion},
    /* Linux hv_synic_simp / hv_synic_siefp / hv_synic_sirbp: enable 0, base 12-63 */
    {"SIMP.enable", 0, 1, M(VMBP_SYNIC_SIMP_ENABLE), get_page_enable, set_page_enable},
    {"SIMP.gpn", 12, 52, M(VMBP_SYNIC_SIMP_GPN), get_page_gpn, set_page_gpn},
    {"SIEFP.enable", 0, 1, M(VMBP_SYNIC_SIEFP_ENABLE), get_page_enable, set_page_enable},
    {"SIEFP.gpn", 12, 52, M(VMBP_SYNIC_SIEFP_GPN), get_page_gpn, set_page_gpn},
    {"SIRBP.enable", 0, 1, M(VMBP_SYNIC_SIRBP_ENABLE), get_page_enable, set_page_enable},
    {"SIRBP.gpn", 12, 52, M(VMBP_SYNIC_SIRBP_GPN), get_page_gpn, set_page_gpn},
    /* mu_msvm HV_SYNIC_SINT: x64 vector 8 bits, arm64 10 bits; masked 16 .. proxy 20 */
    {"SINT.vector(x64)", 0, 8, M(VMBP_SYNIC_SINT_VECTOR_X64), get_vec_x64, set_vec_x64},
    {"SINT.vector(arm64)", 0, 10, M(VMBP_SYNIC_SINT_VECTOR_ARM64), get_vec_arm64,
     set_vec_arm64},
    {"SINT.masked", 16, 1, M(VMBP_SYNIC_SINT_MASKED), get_masked, set_masked},
    {"SINT.auto_eoi", 17, 1, M(VMBP_SYNIC_SINT_AUTO_EOI), get_aeoi, set_aeoi},
    {"SINT.polling", 18, 1, M(VMBP_SYNIC_SINT_POLLING), get_poll, set_poll},
    {"SINT.as_intercept", 19, 1, M(VMBP_SYNIC_SINT_AS_INTERCEPT), get_asi, set_asi},
    {"SINT.proxy", 20, 1, M(VMBP_SYNIC_SINT_PROXY), get_proxy, set_proxy},
};
#undef M
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static uint64_t mask_of(unsigned shift, unsigned width)
{
    return (width == 64 ? ~0ull : ((1ull << width) - 1)) << shift;
}

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s;
}

/* covers: VMBP-SYNIC-001 VMBP-SYNIC-002 VMBP-CONV-004 */
START_TEST(every_field_round_trips_and_leaves_other_bits_alone)
{
    size_t i;
    unsigned k;
    uint64_t seed = 42;

    for (i = 0; i < NFIELDS; i++) {
        const struct field_row *f = &fields[i];
        uint64_t m = mask_of(f->shift, f->width);
        uint64_t maxv = m >> f->shift;
        static const uint64_t backgrounds[] = {0, ~0ull, 0x5555555555555555ull,
                                               0xAAAAAAAAAAAAAAAAull};

        ck_assert_msg(f->header_mask == m, "%s: header mask %llx, sources say %llx", f->name,
                      (unsigned long long)f->header_mask, (unsigned long long)m);
        for (k = 0; k < 4 + 64; k++) {
            uint64_t bg = k < 4 ? backgrounds[k] : lcg(&seed);
            uint64_t vals[4];
            unsigned j;

            vals[0] = 0;
            vals[1] = maxv;
            vals[2] = 1;
            vals[3] = lcg(&seed) & maxv;
            for (j = 0; j < 4; j++) {
                uint64_t v = f->set(bg, vals[j]);

                ck_assert_msg(f->get(v) == vals[j], "%s: set %llx got %llx", f->name,
                              (unsigned long long)vals[j], (unsigned long long)f->get(v));
                ck_assert_msg((v & ~m) == (bg & ~m), "%s: bits outside the field changed",
                              f->name);
                ck_assert_msg((v & m) == (vals[j] << f->shift), "%s: wrong bit position",
                              f->name);
            }
        }
    }
}
END_TEST

/* covers: VMBP-SYNIC-001 */
START_TEST(reserved_masks_match_the_sources_and_cover_each_register)
{
    /* RsvdP bits, written from the sources' layouts */
    ck_assert_uint_eq(VMBP_SYNIC_SCONTROL_RSVDP, mask_of(1, 63));
    ck_assert_uint_eq(VMBP_SYNIC_SVERSION_RSVDP, mask_of(32, 32));
    ck_assert_uint_eq(VMBP_SYNIC_SIMP_RSVDP, mask_of(1, 11));
    ck_assert_uint_eq(VMBP_SYNIC_SIEFP_RSVDP, mask_of(1, 11));
    ck_assert_uint_eq(VMBP_SYNIC_SIRBP_RSVDP, mask_of(1, 11));
    ck_assert_uint_eq(VMBP_SYNIC_EOM_RSVDZ, ~0ull);
    ck_assert_uint_eq(VMBP_SYNIC_EOM_VALUE, 0);
    ck_assert_uint_eq(VMBP_SYNIC_SINT_RSVDP_X64, mask_of(8, 8) | mask_of(21, 43));
    ck_assert_uint_eq(VMBP_SYNIC_SINT_RSVDP_ARM64, mask_of(10, 6) | mask_of(21, 43));

    /* the same facts the static assertions prove, checked at run time too */
    {
        const uint64_t sint_flags = mask_of(16, 5);
        const uint64_t regs[][3] = {
            {mask_of(0, 1), 0, VMBP_SYNIC_SCONTROL_RSVDP},
            {mask_of(0, 32), 0, VMBP_SYNIC_SVERSION_RSVDP},
            {mask_of(0, 1), mask_of(12, 52), VMBP_SYNIC_SIMP_RSVDP},
            {mask_of(0, 8), sint_flags, VMBP_SYNIC_SINT_RSVDP_X64},
            {mask_of(0, 10), sint_flags, VMBP_SYNIC_SINT_RSVDP_ARM64},
        };
        size_t i;

        for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
            ck_assert_uint_eq(regs[i][0] | regs[i][1] | regs[i][2], ~0ull);
            ck_assert_uint_eq(regs[i][0] & regs[i][1], 0);
            ck_assert_uint_eq(regs[i][0] & regs[i][2], 0);
            ck_assert_uint_eq(regs[i][1] & regs[i][2], 0);
        }
    }
}
END_TEST

/* covers: VMBP-SYNIC-001 */
START_TEST(setters_preserve_reserved_bits)
{
    uint64_t v;

    /* Linux reads SIMP, sets enable and base, writes back: bits 1-11 survive */
    v = vmbp_synic_page_set_gpn(vmbp_synic_page_set_enabled(VMBP_SYNIC_SIMP_RSVDP, true),
                                0x12345);
    ck_assert_uint_eq(v, 0x12345000ull | 0xFFEull | 1u);
    ck_assert_uint_eq(vmbp_synic_page_gpa(v), 0x12345000ull);
    ck_assert_uint_eq(vmbp_synic_page_gpn(v), 0x12345ull);
    ck_assert(vmbp_synic_page_gpn_fits(0xFFFFFFFFFFFFFull));
    ck_assert(!vmbp_synic_page_gpn_fits(0x10000000000000ull));
    /* SINT: reserved 8-15 and 21-63 survive a full reprogramming */
    v = VMBP_SYNIC_SINT_RSVDP_X64;
    v = vmbp_synic_sint_set_vector_x64(v, 0xF3);
    v = vmbp_synic_sint_set_masked(v, false);
    v = vmbp_synic_sint_set_auto_eoi(v, true);
    v = vmbp_synic_sint_set_proxy(v, true);
    ck_assert_uint_eq(v, VMBP_SYNIC_SINT_RSVDP_X64 | 0xF3u | (1ull << 17) | (1ull << 20));
    /* SCONTROL */
    ck_assert_uint_eq(vmbp_synic_scontrol_set_enabled(VMBP_SYNIC_SCONTROL_RSVDP, true), ~0ull);
    ck_assert_uint_eq(vmbp_synic_scontrol_set_enabled(~0ull, false), VMBP_SYNIC_SCONTROL_RSVDP);
    ck_assert(vmbp_synic_scontrol_enabled(1));
    ck_assert(!vmbp_synic_scontrol_enabled(VMBP_SYNIC_SCONTROL_RSVDP));
    ck_assert_uint_eq(vmbp_synic_sversion_version(0xFFFFFFFF00000001ull), 1);
}
END_TEST

/* covers: VMBP-SYNIC-002 */
START_TEST(sint_vector_ranges_per_arch)
{
    uint32_t v;

    for (v = 0; v < 2048; v++) {
        ck_assert_int_eq(vmbp_synic_sint_vector_valid_x64(v), v >= 16 && v <= 255);
        ck_assert_int_eq(vmbp_synic_sint_vector_valid_arm64(v), v >= 16 && v <= 1023);
    }
    ck_assert(!vmbp_synic_sint_vector_valid_x64(0xFFFFFFFFu));
    /* arm64 vector bits 8-9 are reserved bits on x64 */
    ck_assert_uint_eq(vmbp_synic_sint_vector_x64(vmbp_synic_sint_set_vector_arm64(0, 0x3F3)),
                      0xF3);
    ck_assert_uint_eq(vmbp_synic_sint_vector_arm64(vmbp_synic_sint_set_vector_arm64(0, 0x3F3)),
                      0x3F3);
}
END_TEST

/* covers: VMBP-SYNIC-002 */
START_TEST(sint_check_per_arch)
{
    const uint64_t masked = vmbp_synic_sint_set_masked(0, true);
    const uint64_t aeoi = vmbp_synic_sint_set_auto_eoi(0, true);

    /* unmasked: the vector decides */
    ck_assert_int_eq(vmbp_synic_sint_check(0x10, false), VMBP_OK);
    ck_assert_int_eq(vmbp_synic_sint_check(0x0F, false), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_synic_sint_check(0x3FF, true), VMBP_OK);
    ck_assert_int_eq(vmbp_synic_sint_check(0x0F, true), VMBP_E_FIELD_RANGE);
    /* x64 reads bits 0-7 only: 0x300 is vector 0 there, 768 on arm64 */
    ck_assert_int_eq(vmbp_synic_sint_check(0x300, false), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_synic_sint_check(0x300, true), VMBP_OK);
    /* masked: any vector, the reset value included */
    ck_assert_int_eq(vmbp_synic_sint_check(masked, false), VMBP_OK);
    ck_assert_int_eq(vmbp_synic_sint_check(masked, true), VMBP_OK);
    /* auto-EOI: allowed on x64, never on arm64, masked or not */
    ck_assert_int_eq(vmbp_synic_sint_check(aeoi | 0x30, false), VMBP_OK);
    ck_assert_int_eq(vmbp_synic_sint_check(aeoi | 0x30, true), VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_synic_sint_check(aeoi | masked, true), VMBP_E_FIELD_RANGE);
}
END_TEST

/* ---- layouts ------------------------------------------------------------------------ */

/* covers: VMBP-SYNIC-003 VMBP-SYNIC-007 VMBP-CONV-011 */
START_TEST(layouts)
{
    struct vmbp_synic_message_page_wire page;
    struct vmbp_synic_event_page_wire ev;
    volatile void *base = &page;

    ck_assert_uint_eq(sizeof(struct vmbp_synic_message_wire), 256);
    ck_assert_uint_eq(offsetof(struct vmbp_synic_message_wire, message_type), 0);
    ck_assert_uint_eq(offsetof(struct vmbp_synic_message_wire, payload_size), 4);
    ck_assert_uint_eq(offsetof(struct vmbp_synic_message_wire, message_flags), 5);
    ck_assert_uint_eq(offsetof(struct vmbp_synic_message_wire, rsvdz), 6);
    ck_assert_uint_eq(offsetof(struct vmbp_synic_message_wire, sender), 8);
    ck_assert_uint_eq(offsetof(struct vmbp_synic_message_wire, payload), 16);
    ck_assert_uint_eq(sizeof(page), 4096);
    ck_assert_uint_eq(sizeof(struct vmbp_synic_event_flags_wire), 256);
    ck_assert_uint_eq(sizeof(ev), 4096);
    ck_assert_ptr_eq((const void *)&ev.sint[2], (const void *)((const char *)&ev + 512));
    /* VMBus uses slot 2 at byte 512 (Linux: "which starts at byte 512") */
    ck_assert_ptr_eq((const void *)vmbp_synic_message_slot(base, 2),
                     (const void *)((char *)&page + 512));
    ck_assert_ptr_eq((const void *)vmbp_synic_message_slot(base, 15),
                     (const void *)((char *)&page + 15 * 256));
    ck_assert_ptr_null((const void *)vmbp_synic_message_slot(base, 16));
}
END_TEST

/* covers: VMBP-SYNIC-004 */
START_TEST(message_types)
{
    uint32_t t;
    unsigned known = 0;

    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_NONE, 0);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_VMBUS, 1);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_TIMER_EXPIRED, 0x80000010u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_UNMAPPED_GPA, 0x80000000u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_GPA_INTERCEPT, 0x80000001u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_HYPERCALL_INTERCEPT, 0x80000050u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_SYNIC_SINT_DELIVERABLE, 0x80000062u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_X64_IO_PORT_INTERCEPT, 0x80010000u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_MSR_INTERCEPT, 0x80010001u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_X64_CPUID_INTERCEPT, 0x80010002u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_REGISTER_INTERCEPT, 0x80010006u);
    ck_assert_uint_eq((uint32_t)VMBP_SYNIC_MSG_TYPE_X64_SEV_VMGEXIT_INTERCEPT, 0x80010013u);
    ck_assert_uint_eq(VMBP_SYNIC_MSG_TYPE_HYPERVISOR_MASK, 0x80000000u);
    ck_assert_str_eq(vmbp_synic_msg_type_name(0x80000010u), "TIMER_EXPIRED");
    ck_assert_str_eq(vmbp_synic_msg_type_name(1), "VMBUS");
    ck_assert_ptr_null(vmbp_synic_msg_type_name(2));
    /* every listed type by its own name */
#define T_SYNIC_NAME(e, text)                                                                  \
    ck_assert_str_eq(vmbp_synic_msg_type_name(e), &(#e)[sizeof("VMBP_SYNIC_MSG_TYPE_") - 1]);
    VMBP_SYNIC_MSG_TYPE_LIST(T_SYNIC_NAME)
#undef T_SYNIC_NAME

    /* Only the listed values are known: scan the low range and the hypervisor ranges. */
    for (t = 0; t < 0x10000u; t++)
        known += vmbp_synic_msg_type_is_known(t);
    for (t = 0x80000000u; t < 0x80020000u; t++)
        known += vmbp_synic_msg_type_is_known(t);
    ck_assert_uint_eq(known, (unsigned)VMBP_SYNIC_MSG_TYPE_COUNT);
    ck_assert_uint_eq(VMBP_SYNIC_MSG_TYPE_COUNT, 42);
    ck_assert(!vmbp_synic_msg_type_is_known(0xFFFFFFFFu));
    ck_assert(!vmbp_synic_msg_type_is_known(0x7FFFFFFFu));
}
END_TEST

/* ---- slot snapshot ------------------------------------------------------------------ */

/* A message page in "shared" memory, registered with the instrumented layer. */
static union {
    struct vmbp_synic_message_page_wire page;
    uint64_t align;
} shm;
static uint8_t *const slot2 = (uint8_t *)&shm.page.slot[2];

static void shm_setup(void)
{
    memset(&shm, 0, sizeof(shm));
    vmbp_tshm_attach(&shm, sizeof(shm));
    vmbp_tshm_set_strict(true);
}

static void shm_teardown(void)
{
    vmbp_tshm_detach_all();
}

static void put_slot(uint32_t type, uint8_t size, uint8_t flags, uint64_t sender)
{
    unsigned i;

    vmbp_store_le32(slot2, type);
    slot2[4] = size;
    slot2[5] = flags;
    slot2[6] = 0;
    slot2[7] = 0;
    vmbp_store_le64(slot2 + 8, sender);
    for (i = 0; i < 240; i++)
        slot2[16 + i] = (uint8_t)(0xA0 + i);
}

/* covers: VMBP-SYNIC-004 VMBP-TRUST-002 */
START_TEST(snapshot_reads_each_byte_exactly_once)
{
    struct vmbp_synic_message m;
    unsigned i;

    put_slot(1, 24, 1, 0x1122334455667788ull);
    vmbp_tshm_reset_counts();
    ck_assert_int_eq(vmbp_synic_slot_snapshot(slot2, &m), VMBP_OK);
    ck_assert_uint_eq(vmbp_tshm_calls(), 1);
    for (i = 0; i < 256; i++)
        ck_assert_uint_eq(vmbp_tshm_reads_of(slot2 + i), 1);
    ck_assert_uint_eq(vmbp_tshm_bytes_read(), 256);
    ck_assert_uint_eq(vmbp_tshm_max_reads(), 1);
    ck_assert_uint_eq(vmbp_tshm_writes_of(slot2), 0);
    ck_assert_uint_eq(m.type, 1);
    ck_assert_uint_eq(m.payload_size, 24);
    ck_assert_uint_eq(m.flags, 1);
    ck_assert_uint_eq(m.sender, 0x1122334455667788ull);
    for (i = 0; i < 24; i++)
        ck_assert_uint_eq(m.payload[i], 0xA0 + i);
    for (; i < 240; i++)
        ck_assert_uint_eq(m.payload[i], 0); /* beyond payload_size: not copied */
}
END_TEST

struct race {
    unsigned calls;
    uint8_t size_on_read; /* the size the host puts there just before the read */
};

/* The host rewrites the slot before each read: the size, and every payload byte. */
static void racing_host(void *ctx, uint8_t *addr, size_t len)
{
    struct race *r = (struct race *)ctx;

    (void)len;
    r->calls++;
    if (addr == slot2) {
        slot2[4] = r->size_on_read;
        memset(slot2 + 16, 0x5A, 240);
    }
}

/* covers: VMBP-SYNIC-004 VMBP-TRUST-001 VMBP-TRUST-002 */
START_TEST(snapshot_validates_what_it_copied_not_what_is_there_later)
{
    struct vmbp_synic_message m;
    struct race r = {0, 16};

    put_slot(1, 8, 0, 0);
    vmbp_tshm_set_mutator(racing_host, &r);
    ck_assert_int_eq(vmbp_synic_slot_snapshot(slot2, &m), VMBP_OK);
    ck_assert_uint_eq(r.calls, 1); /* one read, one chance for the host */
    ck_assert_uint_eq(m.payload_size, 16);
    ck_assert_uint_eq(m.payload[0], 0x5A);
    ck_assert_uint_eq(m.payload[15], 0x5A);
    ck_assert_uint_eq(m.payload[16], 0);
    /* the host changes the slot afterwards: the copy does not follow */
    slot2[4] = 250;
    ck_assert_uint_eq(m.payload_size, 16);

    /* a host that makes the size invalid at the moment of the read is caught */
    r.size_on_read = 241;
    ck_assert_int_eq(vmbp_synic_slot_snapshot(slot2, &m), VMBP_E_LENGTH_FIELD);
    ck_assert_uint_eq(r.calls, 2);
    ck_assert_uint_eq(m.type, 1); /* header filled so the slot can be completed */
    ck_assert_uint_eq(m.payload_size, 241);
    ck_assert_uint_eq(m.payload[0], 0); /* payload not copied on failure */
}
END_TEST

/* A free slot is empty: every size the host may leave, with garbage around it.
 * covers: VMBP-SYNIC-009 VMBP-SYNIC-004 */
START_TEST(free_slot_is_empty_whatever_its_other_bytes)
{
    struct vmbp_synic_message m;
    unsigned size, i;
    bool eom = true;

    for (size = 0; size < 256; size++) {
        put_slot(VMBP_SYNIC_MSG_TYPE_NONE, (uint8_t)size, 0xFF, 0xFFFFFFFFFFFFFFFFull);
        memset(&m, 0xEE, sizeof(m));
        vmbp_tshm_reset_counts();
        ck_assert_int_eq(vmbp_synic_slot_snapshot(slot2, &m), VMBP_OK);
        ck_assert_uint_eq(vmbp_tshm_calls(), 1); /* read once, like any slot */
        ck_assert_uint_eq(m.type, VMBP_SYNIC_MSG_TYPE_NONE);
        ck_assert_uint_eq(m.payload_size, 0);
        ck_assert_uint_eq(m.flags, 0);
        ck_assert_uint_eq(m.sender, 0);
        for (i = 0; i < sizeof(m.payload); i++)
            ck_assert_uint_eq(m.payload[i], 0);
        /* and there is nothing to complete */
        ck_assert_int_eq(vmbp_synic_slot_complete(slot2, m.type, &eom), VMBP_E_STATE);
        ck_assert(!eom);
        ck_assert_uint_eq(vmbp_tshm_writes_of(slot2), 0);
    }
}
END_TEST

/* covers: VMBP-SYNIC-004 */
START_TEST(snapshot_vectors)
{
    struct vmbp_vec_set set;
    size_t i, checked = 0;

    vmbp_vec_load(&set, "synic");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        struct vmbp_synic_message m;
        enum vmbp_status st;
        const char *want = vmbp_vec_get(v, "status");

        if (strcmp(vmbp_vec_get(v, "kind"), "slot") != 0)
            continue;
        ck_assert_uint_eq(v->len, 256);
        memcpy(slot2, v->bytes, 256);
        st = vmbp_synic_slot_snapshot(slot2, &m);
        ck_assert_msg(strncmp(vmbp_status_str(st), want, strlen(want)) == 0 &&
                          vmbp_status_str(st)[strlen(want)] == ':',
                      "%s: got %s, want %s", v->name, vmbp_status_str(st), want);
        ck_assert_uint_eq(m.type, vmbp_vec_num(vmbp_vec_field(v, "type")));
        ck_assert_uint_eq(m.payload_size, vmbp_vec_num(vmbp_vec_field(v, "payload_size")));
        ck_assert_uint_eq(m.flags, vmbp_vec_num(vmbp_vec_field(v, "flags")));
        ck_assert_uint_eq(m.sender, vmbp_vec_num(vmbp_vec_field(v, "sender")));
        if (st == VMBP_OK && m.type != 0)
            ck_assert_int_eq(memcmp(m.payload, v->bytes + 16, m.payload_size), 0);
        checked++;
    }
    ck_assert_uint_eq(checked, 11);
    vmbp_vec_free(&set);
}
END_TEST

/* ---- end of message ------------------------------------------------------------------ */

/* covers: VMBP-SYNIC-006 */
START_TEST(complete_clears_the_type_then_reports_pending)
{
    bool eom = true;
    unsigned i;

    put_slot(1, 16, 0, 0);
    vmbp_tshm_reset_counts();
    ck_assert_int_eq(vmbp_synic_slot_complete(slot2, 1, &eom), VMBP_OK);
    ck_assert(!eom);
    ck_assert_uint_eq(vmbp_load_le32(slot2), 0);
    /* exactly: one RMW of the type word, one read of the size/flags word, nothing else */
    for (i = 0; i < 4; i++) {
        ck_assert_uint_eq(vmbp_tshm_writes_of(slot2 + i), 1);
        ck_assert_uint_eq(vmbp_tshm_reads_of(slot2 + i), 1);
        ck_assert_uint_eq(vmbp_tshm_reads_of(slot2 + 4 + i), 1);
        ck_assert_uint_eq(vmbp_tshm_writes_of(slot2 + 4 + i), 0);
    }
    for (i = 8; i < 256; i++)
        ck_assert_uint_eq(vmbp_tshm_reads_of(slot2 + i) + vmbp_tshm_writes_of(slot2 + i), 0);
    ck_assert_uint_eq(slot2[4], 16); /* size and flags untouched */

    put_slot(1, 16, VMBP_SYNIC_MESSAGE_FLAG_PENDING, 0);
    ck_assert_int_eq(vmbp_synic_slot_complete(slot2, 1, &eom), VMBP_OK);
    ck_assert(eom);
    ck_assert_uint_eq(vmbp_load_le32(slot2), 0);
    /* flag bits other than bit 0 do not ask for EOM */
    put_slot(0x80000010u, 24, 0xFE, 0);
    ck_assert_int_eq(vmbp_synic_slot_complete(slot2, 0x80000010u, &eom), VMBP_OK);
    ck_assert(!eom);
}
END_TEST

/* The hypervisor tries to deliver the next message while the slot is still full and sets
 * message-pending: after the guest's snapshot, before the guest reads the flags. */
static void set_pending_on_flags_read(void *ctx, uint8_t *addr, size_t len)
{
    (void)ctx;
    if (addr == slot2 + 4 && len == 4)
        slot2[5] |= VMBP_SYNIC_MESSAGE_FLAG_PENDING;
}

/* covers: VMBP-SYNIC-006 */
START_TEST(complete_sees_pending_set_after_the_snapshot)
{
    struct vmbp_synic_message m;
    bool eom = false;

    put_slot(1, 16, 0, 0);
    ck_assert_int_eq(vmbp_synic_slot_snapshot(slot2, &m), VMBP_OK);
    ck_assert_uint_eq(m.flags, 0); /* the snapshot saw no pending message */
    vmbp_tshm_set_mutator(set_pending_on_flags_read, NULL);
    ck_assert_int_eq(vmbp_synic_slot_complete(slot2, m.type, &eom), VMBP_OK);
    ck_assert(eom); /* the re-read catches it: no lost message */
    vmbp_tshm_set_mutator(NULL, NULL);

    put_slot(1, 16, 0, 0);
    vmbp_tshm_set_mutator(set_pending_on_flags_read, NULL);
    ck_assert(vmbp_synic_slot_complete_store(slot2));
}
END_TEST

static void replace_type_before_rmw(void *ctx, uint8_t *addr, size_t len)
{
    (void)ctx;
    if (addr == slot2 && len == 4)
        vmbp_store_le32(slot2, 0x80000010u);
}

/* covers: VMBP-SYNIC-006 */
START_TEST(complete_refuses_a_slot_that_changed_type)
{
    bool eom = true;

    put_slot(1, 16, 1, 0);
    vmbp_tshm_set_mutator(replace_type_before_rmw, NULL);
    ck_assert_int_eq(vmbp_synic_slot_complete(slot2, 1, &eom), VMBP_E_STATE);
    ck_assert(!eom);
    ck_assert_uint_eq(vmbp_load_le32(slot2), 0x80000010u); /* not cleared */
    vmbp_tshm_set_mutator(NULL, NULL);
    /* a NONE snapshot has nothing to complete */
    ck_assert_int_eq(vmbp_synic_slot_complete(slot2, 0, &eom), VMBP_E_STATE);
    ck_assert(!eom);
    ck_assert_uint_eq(vmbp_load_le32(slot2), 0x80000010u);
}
END_TEST

/* covers: VMBP-SYNIC-006 */
START_TEST(complete_store_form)
{
    unsigned i;

    put_slot(1, 16, 0, 0);
    vmbp_tshm_reset_counts();
    ck_assert(!vmbp_synic_slot_complete_store(slot2));
    ck_assert_uint_eq(vmbp_load_le32(slot2), 0);
    for (i = 0; i < 4; i++) {
        ck_assert_uint_eq(vmbp_tshm_writes_of(slot2 + i), 1);
        ck_assert_uint_eq(vmbp_tshm_reads_of(slot2 + i), 0);
        ck_assert_uint_eq(vmbp_tshm_reads_of(slot2 + 4 + i), 1);
    }
    put_slot(1, 16, 1, 0);
    ck_assert(vmbp_synic_slot_complete_store(slot2));
}
END_TEST

/* ---- event flags ------------------------------------------------------------------------ */

static void set_flag(uint8_t *flags, uint32_t f)
{
    flags[f / 8] |= (uint8_t)(1u << (f % 8)); /* byte f/8, bit f%8: the LE word view */
}

/* covers: VMBP-SYNIC-007 */
START_TEST(event_scan_of_a_private_copy)
{
    uint8_t flags[256];
    uint32_t ids[2048], next;
    static const uint32_t want[] = {1, 7, 8, 31, 32, 63, 64, 1000, 2046, 2047};
    size_t n, i;

    memset(flags, 0, sizeof(flags));
    ck_assert_uint_eq(vmbp_synic_event_scan(flags, 0, ids, 2048, &next), 0);
    ck_assert_uint_eq(next, 2048);
    set_flag(flags, 0); /* the message port flag: never a channel */
    ck_assert_uint_eq(vmbp_synic_event_scan(flags, 0, ids, 2048, &next), 0);
    ck_assert_uint_eq(next, 2048);
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        set_flag(flags, want[i]);
    n = vmbp_synic_event_scan(flags, 0, ids, 2048, &next);
    ck_assert_uint_eq(n, 10);
    for (i = 0; i < n; i++)
        ck_assert_uint_eq(ids[i], want[i]);
    ck_assert_uint_eq(next, 2048);

    /* a small array: resume where it stopped */
    n = vmbp_synic_event_scan(flags, 0, ids, 3, &next);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(ids[2], 8);
    ck_assert_uint_eq(next, 31);
    n = vmbp_synic_event_scan(flags, next, ids, 3, &next);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(ids[0], 31);
    ck_assert_uint_eq(ids[2], 63);
    n = vmbp_synic_event_scan(flags, next, ids, 100, &next);
    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(ids[3], 2047);
    ck_assert_uint_eq(next, 2048);
    /* start past the end, zero capacity */
    ck_assert_uint_eq(vmbp_synic_event_scan(flags, 5000, ids, 10, &next), 0);
    ck_assert_uint_eq(next, 2048);
    ck_assert_uint_eq(vmbp_synic_event_scan(flags, 0, ids, 0, &next), 0);
    ck_assert_uint_eq(next, 1);

    /* every flag set: 2047 channels, in order */
    memset(flags, 0xFF, sizeof(flags));
    n = vmbp_synic_event_scan(flags, 0, ids, 2048, &next);
    ck_assert_uint_eq(n, 2047);
    for (i = 0; i < n; i++)
        ck_assert_uint_eq(ids[i], i + 1);
}
END_TEST

static union {
    struct vmbp_synic_event_page_wire page;
    uint32_t align;
} evshm;
static uint8_t *const ev2 = (uint8_t *)&evshm.page.sint[2];

static void ev_setup(void)
{
    memset(&evshm, 0, sizeof(evshm));
    vmbp_tshm_attach(&evshm, sizeof(evshm));
    vmbp_tshm_set_strict(true);
}

static bool flag_is_set(uint32_t f)
{
    return (ev2[f / 8] >> (f % 8)) & 1u;
}

struct tac_log {
    unsigned calls;
    uint32_t masks[64];
};

static uint32_t logging_tac(volatile uint32_t *word, uint32_t mask, void *ctx)
{
    struct tac_log *l = (struct tac_log *)ctx;

    if (l->calls < 64)
        l->masks[l->calls] = mask;
    l->calls++;
    return vmbp_shared_clear_bits32(word, mask);
}

/* covers: VMBP-SYNIC-007 VMBP-SYNIC-008 */
START_TEST(event_take_clears_what_it_reports)
{
    uint32_t ids[64];
    size_t n, i;
    static const uint32_t want[] = {3, 33, 34, 100, 2047};
    struct tac_log log;

    set_flag(ev2, 0);
    for (i = 0; i < 5; i++)
        set_flag(ev2, want[i]);
    memset(&log, 0, sizeof(log));
    vmbp_tshm_reset_counts();
    ck_assert_int_eq(vmbp_synic_event_take(ev2, logging_tac, &log, ids, 64, &n), VMBP_OK);
    ck_assert_uint_eq(n, 5);
    for (i = 0; i < n; i++)
        ck_assert_uint_eq(ids[i], want[i]);
    for (i = 0; i < 256; i++)
        ck_assert_uint_eq(ev2[i], 0); /* all cleared, flag 0 included */
    /* one RMW per non-zero word (words 0, 1, 3, 63), with exactly the bits seen */
    ck_assert_uint_eq(log.calls, 4);
    ck_assert_uint_eq(log.masks[0], (1u << 0) | (1u << 3));
    ck_assert_uint_eq(log.masks[1], (1u << 1) | (1u << 2));
    ck_assert_uint_eq(log.masks[2], 1u << 4);
    ck_assert_uint_eq(log.masks[3], 1u << 31);
    /* zero words are read once and never written */
    ck_assert_uint_eq(vmbp_tshm_writes_of(ev2 + 8), 0);
    ck_assert_uint_eq(vmbp_tshm_reads_of(ev2 + 8), 1);
    ck_assert_uint_eq(vmbp_tshm_writes_of(ev2 + 4), 1);
    /* nothing outside SINT2's 256 bytes was touched */
    ck_assert_uint_eq(vmbp_tshm_reads_of(ev2 - 1), 0);
    ck_assert_uint_eq(vmbp_tshm_reads_of(ev2 + 256), 0);

    /* default hook: vmbp_shared_clear_bits32 */
    set_flag(ev2, 5);
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 64, &n), VMBP_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(ids[0], 5);
    ck_assert(!flag_is_set(5));
}
END_TEST

/* covers: VMBP-SYNIC-008 */
START_TEST(event_take_leaves_what_does_not_fit)
{
    uint32_t ids[3];
    size_t n;

    set_flag(ev2, 0);
    set_flag(ev2, 1);
    set_flag(ev2, 2);
    set_flag(ev2, 3);
    set_flag(ev2, 4);
    set_flag(ev2, 40);
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 3, &n), VMBP_E_NOSPACE);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(ids[0], 1);
    ck_assert_uint_eq(ids[2], 3);
    ck_assert(!flag_is_set(0) && !flag_is_set(1) && !flag_is_set(3));
    ck_assert(flag_is_set(4) && flag_is_set(40)); /* not taken: still pending */
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 3, &n), VMBP_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(ids[0], 4);
    ck_assert_uint_eq(ids[1], 40);
    /* full array exactly at a word boundary, more set further on */
    set_flag(ev2, 7);
    set_flag(ev2, 8);
    set_flag(ev2, 9);
    set_flag(ev2, 64);
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 3, &n), VMBP_E_NOSPACE);
    ck_assert_uint_eq(n, 3);
    ck_assert(flag_is_set(64));
    /* zero capacity takes nothing but flag 0 */
    set_flag(ev2, 0);
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 0, &n), VMBP_E_NOSPACE);
    ck_assert_uint_eq(n, 0);
    ck_assert(!flag_is_set(0) && flag_is_set(64));
    /* flag 0 and 64 set, room for 3: 64 reported, 0 cleared */
    set_flag(ev2, 0);
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 3, &n), VMBP_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(ids[0], 64);
    /* only flag 0 set, zero capacity: nothing to report, all taken */
    set_flag(ev2, 0);
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 0, &n), VMBP_OK);
    ck_assert(!flag_is_set(0));
}
END_TEST

/* Between the guest's peek at word 1 and its test-and-clear, the host sets flag 45 and
 * clears flag 33. */
static void host_flips_word1(void *ctx, uint8_t *addr, size_t len)
{
    unsigned *reads = (unsigned *)ctx;

    if (addr == ev2 + 4 && len == 4 && ++*reads == 2) {
        ev2[45 / 8] |= (uint8_t)(1u << (45 % 8));
        ev2[33 / 8] &= (uint8_t) ~(1u << (33 % 8));
    }
}

/* covers: VMBP-SYNIC-008 */
START_TEST(event_take_reports_only_what_the_atomic_saw)
{
    uint32_t ids[8];
    size_t n;
    unsigned reads = 0;

    set_flag(ev2, 33);
    set_flag(ev2, 34);
    vmbp_tshm_set_mutator(host_flips_word1, &reads);
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 8, &n), VMBP_OK);
    ck_assert_uint_eq(reads, 2);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(ids[0], 34); /* 33 vanished before the atomic: not reported */
    ck_assert(flag_is_set(45));    /* set after the peek: left for the next scan */
    vmbp_tshm_set_mutator(NULL, NULL);
    ck_assert_int_eq(vmbp_synic_event_take(ev2, NULL, NULL, ids, 8, &n), VMBP_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(ids[0], 45);
}
END_TEST

/* The register descriptions tools print come from the same field lists as the coverage
 * assertions; check they agree with the typed accessors on arbitrary values. */
/* covers: VMBP-CONV-004 */
START_TEST(register_descriptions_match_the_accessors)
{
    static const enum vmbp_synic_register regs[] = {
        VMBP_SYNIC_SCONTROL, VMBP_SYNIC_SVERSION, VMBP_SYNIC_SIEFP, VMBP_SYNIC_SIMP,
        VMBP_SYNIC_EOM,      VMBP_SYNIC_SIRBP,    VMBP_SYNIC_SINT};
    uint64_t x = 0x9E3779B97F4A7C15ull;
    size_t r, i, n;
    int arm;

    for (arm = 0; arm < 2; arm++)
        for (r = 0; r < sizeof(regs) / sizeof(regs[0]); r++) {
            const struct vmbp_reg_desc *d = vmbp_synic_reg_desc(regs[r], arm != 0);
            uint64_t cover = d->rsvdz | d->rsvdp;

            ck_assert_uint_eq(d->bits, 64);
            ck_assert_uint_eq(d->rsvdz & d->rsvdp, 0);
            for (i = 0; i < d->nfields; i++) {
                uint64_t m = (~0ull >> (64 - d->fields[i].width)) << d->fields[i].shift;

                ck_assert_msg((cover & m) == 0, "%s.%s overlaps", d->name, d->fields[i].name);
                cover |= m;
            }
            ck_assert_msg(cover == ~0ull, "%s does not cover 64 bits", d->name);
        }
    ck_assert_str_eq(vmbp_synic_reg_desc(VMBP_SYNIC_SINT, false)->name, "SINT (x64)");
    ck_assert_str_eq(vmbp_synic_reg_desc(VMBP_SYNIC_SINT, true)->name, "SINT (arm64)");
    ck_assert_str_eq(vmbp_synic_reg_desc(VMBP_SYNIC_SIMP, false)->name, "SIMP");
    ck_assert_uint_eq(vmbp_synic_reg_desc(VMBP_SYNIC_EOM, false)->nfields, 0);
    ck_assert_ptr_null(vmbp_synic_reg_desc((enum vmbp_synic_register)99, false));
    for (n = 0; n < 1000; n++) {
        const struct vmbp_reg_desc *sx = vmbp_synic_reg_desc(VMBP_SYNIC_SINT, false);
        const struct vmbp_reg_desc *sa = vmbp_synic_reg_desc(VMBP_SYNIC_SINT, true);
        const struct vmbp_reg_desc *pg = vmbp_synic_reg_desc(VMBP_SYNIC_SIMP, false);

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        ck_assert_uint_eq(vmbp_reg_field_get(&sx->fields[0], x), vmbp_synic_sint_vector_x64(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&sa->fields[0], x),
                          vmbp_synic_sint_vector_arm64(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&sx->fields[1], x), vmbp_synic_sint_masked(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&sx->fields[5], x), vmbp_synic_sint_proxy(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&pg->fields[0], x), vmbp_synic_page_enabled(x));
        ck_assert_uint_eq(vmbp_reg_field_get(&pg->fields[1], x), vmbp_synic_page_gpn(x));
    }
    ck_assert_int_eq(vmbp_reg_check(vmbp_synic_reg_desc(VMBP_SYNIC_EOM, false), 0), VMBP_OK);
    ck_assert_int_eq(vmbp_reg_check(vmbp_synic_reg_desc(VMBP_SYNIC_EOM, false), 1),
                     VMBP_E_RSVD_NONZERO);
    /* preserved bits are not an error */
    ck_assert_int_eq(vmbp_reg_check(vmbp_synic_reg_desc(VMBP_SYNIC_SIMP, false), 0xFFE),
                     VMBP_OK);
}
END_TEST

static Suite *synic_suite(void)
{
    Suite *s = suite_create("synic");
    TCase *regs = tcase_create("registers");
    TCase *slots = tcase_create("slots");
    TCase *events = tcase_create("events");

    tcase_add_test(regs, register_descriptions_match_the_accessors);

    tcase_add_test(regs, x64_msr_numbers);
    tcase_add_test(regs, arm64_register_names);
    tcase_add_test(regs, constants);
    tcase_add_test(regs, every_field_round_trips_and_leaves_other_bits_alone);
    tcase_add_test(regs, reserved_masks_match_the_sources_and_cover_each_register);
    tcase_add_test(regs, setters_preserve_reserved_bits);
    tcase_add_test(regs, sint_vector_ranges_per_arch);
    tcase_add_test(regs, sint_check_per_arch);
    tcase_add_test(regs, layouts);
    tcase_add_test(regs, message_types);
    suite_add_tcase(s, regs);

    tcase_add_checked_fixture(slots, shm_setup, shm_teardown);
    tcase_add_test(slots, snapshot_reads_each_byte_exactly_once);
    tcase_add_test(slots, snapshot_validates_what_it_copied_not_what_is_there_later);
    tcase_add_test(slots, free_slot_is_empty_whatever_its_other_bytes);
    tcase_add_test(slots, snapshot_vectors);
    tcase_add_test(slots, complete_clears_the_type_then_reports_pending);
    tcase_add_test(slots, complete_sees_pending_set_after_the_snapshot);
    tcase_add_test(slots, complete_refuses_a_slot_that_changed_type);
    tcase_add_test(slots, complete_store_form);
    suite_add_tcase(s, slots);

    tcase_add_test(events, event_scan_of_a_private_copy);
    tcase_add_checked_fixture(events, ev_setup, shm_teardown);
    tcase_add_test(events, event_take_clears_what_it_reports);
    tcase_add_test(events, event_take_leaves_what_does_not_fit);
    tcase_add_test(events, event_take_reports_only_what_the_atomic_saw);
    suite_add_tcase(s, events);
    return s;
}

VMBP_TEST_MAIN(synic_suite)
