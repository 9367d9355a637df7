/* SPDX-License-Identifier: MIT */
/*
 * confidential.h: the decision functions over every combination of their inputs, each
 * against a table written from the sources; and the bring-up example
 * (support/synic_bringup.h) driven through a simulated hypervisor and paravisor in the
 * three cases (no paravisor; paravisor without the Confidential VMBus; Confidential VMBus)
 * plus the fallback, asserting every register value written.
 */
#include <vmbus_proto/confidential.h>
#include <vmbus_proto/msg_connect.h>

#include "support/synic_bringup.h"
#include "unit.h"

/* Short names for the tables. */
#define HYP VMBP_CONFIDENTIAL_SYNIC_HYPERVISOR
#define PARA VMBP_CONFIDENTIAL_SYNIC_PARAVISOR
#define DIR VMBP_CONFIDENTIAL_VIA_DIRECT
#define GHCB VMBP_CONFIDENTIAL_VIA_GHCB
#define TDC VMBP_CONFIDENTIAL_VIA_TDCALL
#define ESC 9 /* placeholder in tables: GHCB on SNP, tdcall on TDX */
#define M_NONE VMBP_CONFIDENTIAL_MEM_NONE
#define M_PRIV VMBP_CONFIDENTIAL_MEM_PRIVATE
#define M_HV VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE
#define M_ENC VMBP_CONFIDENTIAL_MEM_ENCRYPTED
#define M_PROV VMBP_CONFIDENTIAL_MEM_PROVIDED
#define M_BOUNCE VMBP_CONFIDENTIAL_MEM_BOUNCE
#define M_OWN 8 /* placeholder: PRIVATE when not isolated, HOST_VISIBLE when isolated */
/* placeholder: the RELAY post input, HOST_VISIBLE on TDX, PRIVATE on SNP */
#define M_POSTESC 7
#define X64 VMBP_CONFIDENTIAL_ARCH_X64
#define ARM64 VMBP_CONFIDENTIAL_ARCH_ARM64
#define I_NONE VMBP_CPUID_ISOLATION_TYPE_NONE
#define I_VBS VMBP_CPUID_ISOLATION_TYPE_VBS
#define I_SNP VMBP_CPUID_ISOLATION_TYPE_SNP
#define I_TDX VMBP_CPUID_ISOLATION_TYPE_TDX
#define I_CCA VMBP_CPUID_ISOLATION_TYPE_CCA

static struct vmbp_confidential_policy policy(unsigned detect, unsigned eom, unsigned signal,
                                              unsigned messages)
{
    struct vmbp_confidential_policy p;

    p.detect = (uint8_t)detect;
    p.eom = (uint8_t)eom;
    p.signal = (uint8_t)signal;
    p.messages = (uint8_t)messages;
    return p;
}

static struct vmbp_confidential_facts facts(unsigned arch, unsigned iso, bool pv, bool bit)
{
    struct vmbp_confidential_facts f;

    f.arch = (uint8_t)arch;
    f.isolation_type = (uint8_t)iso;
    f.paravisor_present = pv;
    f.confidential_vmbus_bit = bit;
    return f;
}

/* covers: VMBP-CONF-002 VMBP-CONF-003 */
START_TEST(policy_presets)
{
    struct vmbp_confidential_policy l = vmbp_confidential_policy_linux();
    struct vmbp_confidential_policy m = vmbp_confidential_policy_mu_msvm();

    /* Linux 6.19: CPUID bit, EOM to the paravisor, signal via GHCB/tdcall, both SIMPs */
    ck_assert_uint_eq(l.detect, VMBP_CONFIDENTIAL_DETECT_CPUID);
    ck_assert_uint_eq(l.eom, VMBP_CONFIDENTIAL_EOM_PARAVISOR);
    ck_assert_uint_eq(l.signal, VMBP_CONFIDENTIAL_SIGNAL_HYPERVISOR);
    ck_assert_uint_eq(l.messages, VMBP_CONFIDENTIAL_MESSAGES_BOTH);
    /* mu_msvm: probe + fallback, EOM on the source context, signal via bypass, para SIMP */
    ck_assert_uint_eq(m.detect, VMBP_CONFIDENTIAL_DETECT_PROBE);
    ck_assert_uint_eq(m.eom, VMBP_CONFIDENTIAL_EOM_SOURCE);
    ck_assert_uint_eq(m.signal, VMBP_CONFIDENTIAL_SIGNAL_HYPERVISOR);
    ck_assert_uint_eq(m.messages, VMBP_CONFIDENTIAL_MESSAGES_PARAVISOR);
}
END_TEST

/* ---- the mode decision ------------------------------------------------------------------ */

#define ANY (-1)
#define ISO(x) (1u << (x))
#define ISO_ALL 0xFFFFFFFFu

/* First matching row wins. iso is the set of isolation types 0..31 the row matches;
 * types 32..255 match the rows whose set has every bit from 5 up (the "invalid" rows and
 * ISO_ALL). */
struct decide_row {
    int arch, pv, bit, detect;
    uint32_t iso;
    enum vmbp_status st;
    int mode;
    const char *source;
};

static const struct decide_row decide_table[] = {
    {0, ANY, ANY, ANY, ISO_ALL, VMBP_E_INVAL, 0, "API: arch must be x64 or arm64"},
    {X64, ANY, ANY, ANY, ~(ISO(0) | ISO(1) | ISO(2) | ISO(3)), VMBP_E_FIELD_RANGE, 0,
     "OpenVMM HvPartitionIsolationType: SNP, TDX are x64; CCA arm64; > 4 undefined"},
    {ARM64, ANY, ANY, ANY, ~(ISO(0) | ISO(1) | ISO(4)), VMBP_E_FIELD_RANGE, 0,
     "same, for arm64"},
    {ANY, 0, ANY, ANY, ISO_ALL, VMBP_OK, VMBP_CONFIDENTIAL_MODE_DIRECT,
     "Linux hv_synic_alloc: no paravisor, the guest's own pages on the hypervisor SynIC; "
     "the CPUID bit promises a paravisor SynIC"},
    {ARM64, 1, ANY, ANY, ISO_ALL, VMBP_E_UNSUPPORTED, 0,
     "Linux 6.19: never confidential on arm64; coco.rst: CCA support expected in future"},
    {X64, 1, ANY, ANY, ISO(0) | ISO(1), VMBP_E_UNSUPPORTED, 0,
     "Linux hv_post_message: paravisor without SNP/TDX -> HV_STATUS_INVALID_PARAMETER"},
    {X64, 1, ANY, VMBP_CONFIDENTIAL_DETECT_PROBE, ISO(2) | ISO(3), VMBP_OK,
     VMBP_CONFIDENTIAL_MODE_PROBE,
     "documentation patch v1; mu_msvm VmbusRoot.c: Confidential = HW isolated && paravisor"},
    {X64, 1, 1, VMBP_CONFIDENTIAL_DETECT_CPUID, ISO(2) | ISO(3), VMBP_OK,
     VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL,
     "Linux 6.19 vmbus_bus_init: is_confidential = 0x40000082 EAX bit 3"},
    {X64, 1, 0, VMBP_CONFIDENTIAL_DETECT_CPUID, ISO(2) | ISO(3), VMBP_OK,
     VMBP_CONFIDENTIAL_MODE_RELAY,
     "Linux hv_set_non_nested_msr: paravisor, not confidential -> proxy"},
};

static bool cell(int want, int have)
{
    return want == ANY || want == have;
}

static bool iso_in(uint32_t set, unsigned iso)
{
    if (iso >= 32)
        return (set & 0xFFFFFFE0u) == 0xFFFFFFE0u;
    return ((set >> iso) & 1u) != 0;
}

/* covers: VMBP-CONF-001 VMBP-CONF-002 VMBP-CONF-003 VMBP-CONF-004 */
START_TEST(decide_over_every_input)
{
    unsigned arch, pv, iso, bit, det, rows = 0;

    for (arch = 0; arch <= 3; arch++)
        for (pv = 0; pv <= 1; pv++)
            for (iso = 0; iso <= 255; iso++)
                for (bit = 0; bit <= 1; bit++)
                    for (det = 0; det <= 1; det++) {
                        struct vmbp_confidential_facts f = facts(arch, iso, pv, bit);
                        struct vmbp_confidential_policy p = policy(det, 0, 0, 0);
                        enum vmbp_confidential_mode mode = (enum vmbp_confidential_mode)77;
                        enum vmbp_status st = vmbp_confidential_decide(&f, &p, &mode);
                        const struct decide_row *r = NULL;
                        size_t i;
                        int a = (arch == X64 || arch == ARM64) ? (int)arch : 0;

                        for (i = 0; i < sizeof(decide_table) / sizeof(decide_table[0]); i++) {
                            const struct decide_row *d = &decide_table[i];

                            if (cell(d->arch, a) && cell(d->pv, (int)pv) &&
                                cell(d->bit, (int)bit) && cell(d->detect, (int)det) &&
                                iso_in(d->iso, iso)) {
                                r = d;
                                break;
                            }
                        }
                        ck_assert_ptr_nonnull(r);
                        if (st != r->st || (st == VMBP_OK && (int)mode != r->mode) ||
                            (st != VMBP_OK && (int)mode != 77))
                            ck_abort_msg("arch %u pv %u iso %u bit %u detect %u: got %s/%d, "
                                         "row \"%s\"",
                                         arch, pv, iso, bit, det, vmbp_status_str(st),
                                         (int)mode, r->source);
                        rows++;
                    }
    ck_assert_uint_eq(rows, 4u * 2 * 256 * 2 * 2);
    {
        /* policy values outside their enums */
        struct vmbp_confidential_facts f = facts(X64, I_SNP, true, true);
        struct vmbp_confidential_policy bad[4];
        enum vmbp_confidential_mode mode;
        unsigned k;

        bad[0] = policy(2, 0, 0, 0);
        bad[1] = policy(0, 2, 0, 0);
        bad[2] = policy(0, 0, 2, 0);
        bad[3] = policy(0, 0, 0, 2);
        for (k = 0; k < 4; k++)
            ck_assert_int_eq(vmbp_confidential_decide(&f, &bad[k], &mode), VMBP_E_INVAL);
    }
}
END_TEST

/* ---- plans ----------------------------------------------------------------------------- */

struct step_row {
    uint8_t op, synic, via, page, proxy, mirror;
};

#define S_SIMP VMBP_CONFIDENTIAL_OP_SIMP
#define S_SIEFP VMBP_CONFIDENTIAL_OP_SIEFP
#define S_SINT VMBP_CONFIDENTIAL_OP_SINT
#define S_SCTL VMBP_CONFIDENTIAL_OP_SCONTROL

/* Linux hv_synic_init / hv_hyp_synic_enable_regs without a paravisor */
static const struct step_row direct_steps[] = {
    {S_SIMP, HYP, DIR, M_OWN, 0, 0},
    {S_SIEFP, HYP, DIR, M_OWN, 0, 0},
    {S_SINT, HYP, DIR, M_NONE, 0, 0},
    {S_SCTL, HYP, DIR, M_NONE, 0, 0},
};
/* Linux with a paravisor, not confidential: hypervisor registers via hv_ivm_msr_write,
 * pages the paravisor provided, SINT mirrored to the paravisor with proxy 1 */
static const struct step_row relay_steps[] = {
    {S_SIMP, HYP, ESC, M_PROV, 0, 0}, {S_SIEFP, HYP, ESC, M_PROV, 0, 0},
    {S_SINT, HYP, ESC, M_NONE, 0, 0}, {S_SINT, PARA, DIR, M_NONE, 1, 1},
    {S_SCTL, HYP, ESC, M_NONE, 0, 0},
};
/* Linux 6.19 hv_synic_init when confidential: para SIMP/SIEFP first (encrypted pages,
 * hv_synic_alloc allocates them without decrypting), then the hypervisor's, SINT without
 * proxy on both, SCONTROL through the paravisor */
static const struct step_row conf_steps[] = {
    {S_SIMP, PARA, DIR, M_ENC, 0, 0},  {S_SIEFP, PARA, DIR, M_ENC, 0, 0},
    {S_SIMP, HYP, ESC, M_PROV, 0, 0},  {S_SIEFP, HYP, ESC, M_PROV, 0, 0},
    {S_SINT, HYP, ESC, M_NONE, 0, 0},  {S_SINT, PARA, DIR, M_NONE, 0, 1},
    {S_SCTL, PARA, DIR, M_NONE, 0, 0},
};
/* documentation patch v1: "Set the proxy flag on SINT 2 for the paravisor"; SCONTROL as
 * Linux's relay plan writes it */
static const struct step_row fallback_steps[] = {
    {S_SINT, PARA, DIR, M_NONE, 1, 1},
    {S_SCTL, HYP, ESC, M_NONE, 0, 0},
};

struct route_row {
    uint8_t synic, via, input;
};

/* Routes of a plan: post, signal, eom_hyp, eom_para, messages, events, confidential,
 * request 0x10. For CONFIDENTIAL they depend on the policy: index eom * 4 + signal * 2 +
 * messages. */
struct routes_row {
    struct route_row post, signal, eom_hyp, eom_para;
    uint8_t messages, events;
    bool confidential, request;
};

static const struct routes_row direct_routes = {{HYP, DIR, M_OWN},
                                                {HYP, DIR, M_NONE},
                                                {HYP, DIR, M_NONE},
                                                {0, 0, 0},
                                                HYP,
                                                HYP,
                                                false,
                                                false};
/* Linux hv_post_message / vmbus_set_event / hv_set_msr(EOM) with a paravisor, not
 * confidential */
static const struct routes_row relay_routes = {{HYP, ESC, M_POSTESC},
                                               {HYP, ESC, M_NONE},
                                               {HYP, ESC, M_NONE},
                                               {0, 0, 0},
                                               HYP,
                                               HYP,
                                               false,
                                               false};
static const struct routes_row conf_routes[8] = {
    /* eom PARAVISOR (Linux), signal HYPERVISOR (Linux, mu_msvm), messages BOTH (Linux) */
    {{PARA, DIR, M_ENC},
     {HYP, ESC, M_NONE},
     {PARA, DIR, M_NONE},
     {PARA, DIR, M_NONE},
     HYP | PARA,
     HYP | PARA,
     true,
     true},
    /* messages PARAVISOR only (mu_msvm) */
    {{PARA, DIR, M_ENC},
     {HYP, ESC, M_NONE},
     {PARA, DIR, M_NONE},
     {PARA, DIR, M_NONE},
     PARA,
     HYP | PARA,
     true,
     true},
    /* signal PARAVISOR (coco.rst) */
    {{PARA, DIR, M_ENC},
     {PARA, DIR, M_NONE},
     {PARA, DIR, M_NONE},
     {PARA, DIR, M_NONE},
     HYP | PARA,
     HYP | PARA,
     true,
     true},
    {{PARA, DIR, M_ENC},
     {PARA, DIR, M_NONE},
     {PARA, DIR, M_NONE},
     {PARA, DIR, M_NONE},
     PARA,
     HYP | PARA,
     true,
     true},
    /* eom SOURCE (mu_msvm): a hypervisor-page message is completed on the hypervisor */
    {{PARA, DIR, M_ENC},
     {HYP, ESC, M_NONE},
     {HYP, ESC, M_NONE},
     {PARA, DIR, M_NONE},
     HYP | PARA,
     HYP | PARA,
     true,
     true},
    {{PARA, DIR, M_ENC},
     {HYP, ESC, M_NONE},
     {HYP, ESC, M_NONE},
     {PARA, DIR, M_NONE},
     PARA,
     HYP | PARA,
     true,
     true},
    {{PARA, DIR, M_ENC},
     {PARA, DIR, M_NONE},
     {HYP, ESC, M_NONE},
     {PARA, DIR, M_NONE},
     HYP | PARA,
     HYP | PARA,
     true,
     true},
    {{PARA, DIR, M_ENC},
     {PARA, DIR, M_NONE},
     {HYP, ESC, M_NONE},
     {PARA, DIR, M_NONE},
     PARA,
     HYP | PARA,
     true,
     true},
};

static uint8_t subst_via(uint8_t v, unsigned iso)
{
    return v == ESC ? (uint8_t)(iso == I_SNP ? GHCB : TDC) : v;
}

static uint8_t subst_mem(uint8_t m, unsigned iso)
{
    if (m == M_OWN)
        return iso == I_NONE ? M_PRIV : M_HV;
    if (m == M_POSTESC)
        return iso == I_TDX ? M_HV : M_PRIV;
    return m;
}

static void check_route(const struct vmbp_confidential_route *got, const struct route_row *w,
                        unsigned iso, const char *what)
{
    ck_assert_msg(got->synic == w->synic && got->via == subst_via(w->via, iso) &&
                      got->input == subst_mem(w->input, iso),
                  "%s: got %u/%u/%u", what, got->synic, got->via, got->input);
}

static void check_plan(const struct vmbp_confidential_plan *pl, unsigned mode, unsigned iso,
                       const struct step_row *steps, size_t nsteps,
                       const struct routes_row *routes)
{
    size_t i;

    ck_assert_uint_eq(pl->mode, mode);
    ck_assert_uint_eq(pl->nsteps, nsteps);
    for (i = 0; i < nsteps; i++) {
        const struct vmbp_confidential_step *g = &pl->step[i];
        const struct step_row *w = &steps[i];

        ck_assert_msg(g->op == w->op && g->synic == w->synic &&
                          g->via == subst_via(w->via, iso) &&
                          g->page == subst_mem(w->page, iso) && g->proxy == w->proxy &&
                          g->mirror == w->mirror,
                      "mode %u iso %u step %zu: %u %u %u %u %u %u", mode, iso, i, g->op,
                      g->synic, g->via, g->page, g->proxy, g->mirror);
    }
    check_route(&pl->post, &routes->post, iso, "post");
    check_route(&pl->signal, &routes->signal, iso, "signal");
    check_route(&pl->eom_hyp, &routes->eom_hyp, iso, "eom_hyp");
    check_route(&pl->eom_para, &routes->eom_para, iso, "eom_para");
    ck_assert_uint_eq(pl->messages, routes->messages);
    ck_assert_uint_eq(pl->events, routes->events);
    ck_assert_int_eq(pl->confidential, routes->confidential);
    ck_assert_int_eq(pl->request_confidential_channels, routes->request);
    ck_assert_int_eq(pl->isolated, iso != I_NONE);
}

/* covers: VMBP-CONF-005 VMBP-CONF-006 VMBP-CONF-007 VMBP-CONF-009 VMBP-CONF-010 */
/* covers: VMBP-CONF-013 VMBP-CONF-014 */
START_TEST(plan_over_every_input)
{
    unsigned arch, pv, iso, mode, pol, checked = 0, ok = 0;

    for (arch = 0; arch <= 3; arch++)
        for (pv = 0; pv <= 1; pv++)
            for (iso = 0; iso <= 5; iso++)
                for (mode = 0; mode <= 6; mode++)
                    for (pol = 0; pol < 16; pol++) {
                        struct vmbp_confidential_facts f = facts(arch, iso, pv, false);
                        struct vmbp_confidential_policy p =
                            policy(pol >> 3, (pol >> 2) & 1, (pol >> 1) & 1, pol & 1);
                        struct vmbp_confidential_plan pl;
                        enum vmbp_status st, want;
                        bool iso_ok = arch == X64 ? iso <= 3 : (iso <= 1 || iso == 4);

                        memset(&pl, 0xA5, sizeof(pl));
                        st = vmbp_confidential_plan_build(
                            &f, &p, (enum vmbp_confidential_mode)mode, &pl);
                        /* the rules of VMBP-CONF-004/005, first match */
                        if ((arch != X64 && arch != ARM64) || mode < 1 || mode > 5)
                            want = VMBP_E_INVAL;
                        else if (!iso_ok)
                            want = VMBP_E_FIELD_RANGE;
                        else if ((mode == VMBP_CONFIDENTIAL_MODE_DIRECT) == (pv != 0))
                            want = VMBP_E_STATE;
                        else if (mode == VMBP_CONFIDENTIAL_MODE_DIRECT)
                            want = VMBP_OK;
                        else if (arch != X64 || (iso != I_SNP && iso != I_TDX))
                            want = VMBP_E_UNSUPPORTED;
                        else
                            want = VMBP_OK;
                        ck_assert_msg(st == want, "arch %u pv %u iso %u mode %u: %s", arch, pv,
                                      iso, mode, vmbp_status_str(st));
                        checked++;
                        if (st != VMBP_OK) {
                            ck_assert_uint_eq(pl.mode, 0xA5); /* untouched */
                            continue;
                        }
                        ok++;
                        switch (mode) {
                        case VMBP_CONFIDENTIAL_MODE_DIRECT:
                            check_plan(&pl, mode, iso, direct_steps, 4, &direct_routes);
                            break;
                        case VMBP_CONFIDENTIAL_MODE_RELAY:
                            check_plan(&pl, mode, iso, relay_steps, 5, &relay_routes);
                            break;
                        case VMBP_CONFIDENTIAL_MODE_FALLBACK:
                            check_plan(&pl, mode, iso, fallback_steps, 2, &relay_routes);
                            break;
                        default: /* CONFIDENTIAL and PROBE */
                            check_plan(&pl, mode, iso, conf_steps, 7, &conf_routes[pol & 7]);
                        }
                    }
    ck_assert_uint_eq(checked, 4u * 2 * 6 * 7 * 16);
    /* DIRECT: 2 archs x their valid isolation types (x64 4, arm64 3) x 16 policies;
     * RELAY/CONFIDENTIAL/PROBE/FALLBACK: x64 SNP and TDX x 16 policies */
    ck_assert_uint_eq(ok, 7u * 16 + 4u * 2 * 16);
}
END_TEST

/* covers: VMBP-CONF-006 VMBP-SYNIC-002 */
START_TEST(step_values)
{
    struct vmbp_confidential_step s;
    uint64_t v = 0;

    memset(&s, 0, sizeof(s));
    /* own page: enable, page number, RsvdP bits kept */
    s.op = S_SIMP;
    s.page = M_ENC;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0x7E0, 0x12345, 0, false, &v),
                     VMBP_OK);
    ck_assert_uint_eq(v, 0x12345000ull | 0x7E0 | 1);
    /* the old page number is replaced */
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0xABCDE000ull, 0x1, 0, false, &v),
                     VMBP_OK);
    ck_assert_uint_eq(v, 0x1001ull);
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0, 1ull << 52, 0, false, &v),
                     VMBP_E_FIELD_RANGE);
    /* provided page: only the enable bit is set */
    s.op = S_SIEFP;
    s.page = M_PROV;
    ck_assert_int_eq(
        vmbp_confidential_step_value(&s, X64, (1ull << 46) | 0x5000 | 0x2, 0x999, 0, false, &v),
        VMBP_OK);
    ck_assert_uint_eq(v, (1ull << 46) | 0x5000 | 0x3);
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0xFFE, 0, 0, false, &v),
                     VMBP_E_STATE);
    s.page = M_NONE;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0, 1, 0, false, &v), VMBP_E_INVAL);
    s.page = M_BOUNCE;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0, 1, 0, false, &v), VMBP_E_INVAL);

    /* SINT: vector, unmasked, auto-EOI, proxy; other bits kept (masked at reset) */
    s.op = S_SINT;
    s.page = M_NONE;
    s.proxy = 1;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0x210000, 0, 0xF3, true, &v),
                     VMBP_OK);
    ck_assert_uint_eq(v, 0x200000ull | (1u << 20) | (1u << 17) | 0xF3);
    s.proxy = 0;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, ~0ull, 0, 0x10, false, &v), VMBP_OK);
    ck_assert_uint_eq(v, (~0ull & ~0xFFull & ~(1ull << 16) & ~(1ull << 17) & ~(1ull << 20)) |
                             0x10);
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0, 0, 15, false, &v),
                     VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0, 0, 256, false, &v),
                     VMBP_E_FIELD_RANGE);
    /* arm64: 10-bit vector, no auto-EOI */
    ck_assert_int_eq(vmbp_confidential_step_value(&s, ARM64, 0x10000, 0, 0x3FF, false, &v),
                     VMBP_OK);
    ck_assert_uint_eq(v, 0x3FFull);
    ck_assert_int_eq(vmbp_confidential_step_value(&s, ARM64, 0, 0, 0x400, false, &v),
                     VMBP_E_FIELD_RANGE);
    ck_assert_int_eq(vmbp_confidential_step_value(&s, ARM64, 0, 0, 0x20, true, &v),
                     VMBP_E_FIELD_RANGE);
    s.proxy = 2;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0, 0, 0x20, false, &v),
                     VMBP_E_INVAL);
    /* SCONTROL */
    s.op = S_SCTL;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0xF0, 0, 0, false, &v), VMBP_OK);
    ck_assert_uint_eq(v, 0xF1);
    /* bad op, bad arch */
    s.op = 0;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, X64, 0, 0, 0x20, false, &v),
                     VMBP_E_INVAL);
    s.op = S_SCTL;
    ck_assert_int_eq(vmbp_confidential_step_value(&s, 0, 0, 0, 0x20, false, &v), VMBP_E_INVAL);
}
END_TEST

/* covers: VMBP-CONF-008 */
START_TEST(provided_page_checks)
{
    /* mu_msvm EfiHvpEnableSynicComponent: bypass (hypervisor) page must be at or above
     * the shared GPA boundary, a direct (paravisor) page below it; Linux masks vTOM. */
    static const struct {
        uint64_t reg;
        uint8_t synic;
        uint64_t boundary;
        enum vmbp_status st;
        uint64_t gpa;
    } rows[] = {
        {(1ull << 46) | 0x5000 | 1, HYP, 1ull << 46, VMBP_OK, 0x5000},
        {(1ull << 46) | 0x5000 | 0xFFE | 1, HYP, 1ull << 46, VMBP_OK, 0x5000},
        {0x5000 | 1, HYP, 1ull << 46, VMBP_E_FIELD_RANGE, 0},
        {0x5000 | 1, PARA, 1ull << 46, VMBP_OK, 0x5000},
        {(1ull << 46) | 0x5000 | 1, PARA, 1ull << 46, VMBP_E_FIELD_RANGE, 0},
        {(1ull << 46) | 0x5000, HYP, 1ull << 46, VMBP_E_STATE, 0}, /* not enabled */
        {1, HYP, 1ull << 46, VMBP_E_STATE, 0},                     /* page 0 */
        {0x5000 | 1, HYP, 0, VMBP_OK, 0x5000},                     /* no vTOM */
        {0x5000 | 1, PARA, 0, VMBP_OK, 0x5000},
        {0x5000 | 1, HYP, 3ull << 45, VMBP_E_INVAL, 0}, /* not a power of two */
        {0x5000 | 1, 0, 0, VMBP_E_INVAL, 0},
        {0x5000 | 1, 3, 0, VMBP_E_INVAL, 0},
    };
    size_t i;

    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        uint64_t gpa = 0xDEAD;
        enum vmbp_status st = vmbp_confidential_provided_page_check(rows[i].reg, rows[i].synic,
                                                                    rows[i].boundary, &gpa);

        ck_assert_msg(st == rows[i].st, "row %zu: %s", i, vmbp_status_str(st));
        ck_assert_uint_eq(gpa, st == VMBP_OK ? rows[i].gpa : 0xDEAD);
    }
}
END_TEST

/* covers: VMBP-CONF-010 VMBP-HCALL-005 */
START_TEST(contact_outcome_over_every_status)
{
    static const enum vmbp_confidential_mode modes[] = {
        VMBP_CONFIDENTIAL_MODE_DIRECT, VMBP_CONFIDENTIAL_MODE_RELAY,
        VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL, VMBP_CONFIDENTIAL_MODE_PROBE};
    unsigned st;
    size_t m;

    for (m = 0; m < 4; m++)
        for (st = 0; st <= 0xFFFF; st++) {
            bool probe = modes[m] == VMBP_CONFIDENTIAL_MODE_PROBE;
            enum vmbp_confidential_contact want;

            /* Linux vmbus_post_msg; mu_msvm VmbusRootInitiateContact retries without the
             * confidential control plane on any failure; the documentation patch */
            if (st == 0)
                want = VMBP_CONFIDENTIAL_CONTACT_DONE;
            else if (st == 0x0B || st == 0x13)
                want = VMBP_CONFIDENTIAL_CONTACT_RETRY;
            else if (probe)
                want = VMBP_CONFIDENTIAL_CONTACT_FALLBACK;
            else if (st == 0x12)
                want = VMBP_CONFIDENTIAL_CONTACT_NEXT_VERSION;
            else
                want = VMBP_CONFIDENTIAL_CONTACT_FAIL;
            if (vmbp_confidential_contact_outcome(modes[m], (uint16_t)st) != want)
                ck_abort_msg("mode %d status 0x%04x", (int)modes[m], st);
        }
}
END_TEST

static struct vmbp_confidential_plan plan_of(unsigned iso, bool pv, unsigned mode)
{
    struct vmbp_confidential_facts f =
        facts(X64, iso, pv, mode != VMBP_CONFIDENTIAL_MODE_RELAY);
    struct vmbp_confidential_policy p = vmbp_confidential_policy_linux();
    struct vmbp_confidential_plan pl;

    memset(&pl, 0xA5, sizeof(pl));
    ck_assert_uint_eq(
        vmbp_confidential_plan_build(&f, &p, (enum vmbp_confidential_mode)mode, &pl), VMBP_OK);
    return pl;
}

/* covers: VMBP-CONF-013 VMBP-CONF-016 */
START_TEST(contact_features)
{
    static const struct {
        unsigned iso;
        bool pv;
        unsigned mode;
        uint32_t from_ff; /* what 0xFF becomes */
    } rows[] = {
        /* not isolated: everything the guest wants but 0x10 */
        {I_NONE, false, VMBP_CONFIDENTIAL_MODE_DIRECT, 0xEF},
        /* isolated, the host is the peer: no 0x10, no host-chosen monitor pages (0x40) */
        {I_SNP, false, VMBP_CONFIDENTIAL_MODE_DIRECT, 0xAF},
        {I_SNP, true, VMBP_CONFIDENTIAL_MODE_RELAY, 0xAF},
        {I_TDX, true, VMBP_CONFIDENTIAL_MODE_RELAY, 0xAF},
        {I_SNP, true, VMBP_CONFIDENTIAL_MODE_FALLBACK, 0xAF},
        /* confidential: 0x10 added, the paravisor's monitor pages kept */
        {I_SNP, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL, 0xFF},
        {I_TDX, true, VMBP_CONFIDENTIAL_MODE_PROBE, 0xFF},
    };
    struct vmbp_confidential_plan pl;
    size_t i;

    memset(&pl, 0, sizeof(pl));
    pl.request_confidential_channels = true;
    ck_assert_uint_eq(vmbp_confidential_contact_features(&pl, 0x08), 0x18);
    ck_assert_uint_eq(vmbp_confidential_contact_features(&pl, 0xFF), 0xFF);
    pl.request_confidential_channels = false;
    ck_assert_uint_eq(vmbp_confidential_contact_features(&pl, 0x18), 0x08);
    ck_assert_uint_eq(vmbp_confidential_contact_features(&pl, 0xFF), 0xEF);
    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        pl = plan_of(rows[i].iso, rows[i].pv, rows[i].mode);
        ck_assert_msg(vmbp_confidential_contact_features(&pl, 0xFF) == rows[i].from_ff,
                      "row %zu: 0x%x", i, vmbp_confidential_contact_features(&pl, 0xFF));
        ck_assert_uint_eq(vmbp_confidential_contact_features(&pl, 0x40) & 0x40u,
                          rows[i].from_ff & 0x40u);
    }
}
END_TEST

/* Every rule of the check, one broken at a time, in each kind of plan.
 * covers: VMBP-CONF-015 */
START_TEST(monitor_pages_check)
{
    const uint64_t vtom = 1ull << 46, a = 0x12345000ull, b = 0x6789A000ull;
    struct vmbp_confidential_plan plain = plan_of(I_NONE, false, VMBP_CONFIDENTIAL_MODE_DIRECT);
    struct vmbp_confidential_plan relay = plan_of(I_SNP, true, VMBP_CONFIDENTIAL_MODE_RELAY);
    struct vmbp_confidential_plan conf =
        plan_of(I_SNP, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL);
    struct vmbp_confidential_plan iso_direct =
        plan_of(I_SNP, false, VMBP_CONFIDENTIAL_MODE_DIRECT);
    const struct vmbp_confidential_plan *all[] = {&plain, &relay, &conf, &iso_direct};
    size_t i;

    /* the form, whatever the plan: a non-zero aligned child-to-parent page, the other 0 or
     * another aligned page */
    for (i = 0; i < 4; i++) {
        const struct vmbp_confidential_plan *pl = all[i];
        uint64_t base = pl == &conf ? 0 : vtom; /* where the plan's pages must lie */

        ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(pl, vtom, 0, base | a),
                          VMBP_OK);
        ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(pl, vtom, base | b, base | a),
                          VMBP_OK);
        ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(pl, vtom, base | b, 0),
                          VMBP_E_MONITOR_PAGE);
        ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(pl, vtom, 0, 0),
                          VMBP_E_MONITOR_PAGE);
        ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(pl, vtom, 0, base | (a + 8)),
                          VMBP_E_MONITOR_PAGE);
        ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(pl, vtom, 0, base | (a + 4095)),
                          VMBP_E_MONITOR_PAGE);
        ck_assert_uint_eq(
            vmbp_confidential_monitor_pages_check(pl, vtom, base | (b + 1), base | a),
            VMBP_E_MONITOR_PAGE);
        ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(pl, vtom, base | a, base | a),
                          VMBP_E_MONITOR_PAGE);
        /* arguments */
        ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(pl, vtom | 1u, 0, base | a),
                          VMBP_E_INVAL);
    }
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(NULL, vtom, 0, a), VMBP_E_INVAL);

    /* not isolated: anywhere */
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&plain, 0, b, a), VMBP_OK);
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&plain, vtom, b, vtom | a),
                      VMBP_OK);
    /* the host's pages are host-visible: at or above the boundary, both of them */
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&relay, vtom, 0, a),
                      VMBP_E_MONITOR_PAGE);
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&relay, vtom, b, vtom | a),
                      VMBP_E_MONITOR_PAGE);
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&iso_direct, vtom, 0, a),
                      VMBP_E_MONITOR_PAGE);
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&relay, vtom, 0, vtom), VMBP_OK);
    /* ... and without a known boundary no host page can be told shared */
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&relay, 0, 0, a),
                      VMBP_E_MONITOR_PAGE);
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&iso_direct, 0, b, a),
                      VMBP_E_MONITOR_PAGE);
    /* the paravisor's pages are private: below the boundary, both of them */
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&conf, vtom, 0, vtom | a),
                      VMBP_E_MONITOR_PAGE);
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&conf, vtom, vtom | b, a),
                      VMBP_E_MONITOR_PAGE);
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&conf, vtom, 0, vtom - 4096u),
                      VMBP_OK);
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&conf, 0, b, a), VMBP_OK);
}
END_TEST

/* A 40-byte VERSION_RESPONSE from the wire to the decision: the pages are used only when
 * they were asked for, and then only if the check passes.
 * covers: VMBP-CONF-015 VMBP-CONF-016 */
START_TEST(monitor_pages_from_a_version_response)
{
    const uint64_t vtom = 1ull << 46;
    struct vmbp_confidential_plan relay = plan_of(I_SNP, true, VMBP_CONFIDENTIAL_MODE_RELAY);
    struct vmbp_confidential_plan conf =
        plan_of(I_SNP, true, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL);
    struct vmbp_version_response in, out;
    struct vmbp_ctx ctx;
    uint8_t wire[64];
    size_t len = 0;
    uint32_t asked;

    memset(&ctx, 0, sizeof(ctx));
    memset(&in, 0, sizeof(in));
    in.variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
    in.version_supported = 1;
    in.msg_conn_id = 4;
    in.supported_features = 0x40u;
    in.child_to_parent_monitor_gpa = 0x7000u; /* private memory */
    ck_assert_uint_eq(vmbp_msg_version_response_encode(&in, wire, sizeof(wire), &len), VMBP_OK);
    ck_assert_uint_eq(len, 40);
    ck_assert_uint_eq(vmbp_msg_version_response_decode(wire, len, &ctx, &out), VMBP_OK);

    /* confidential: asked for, provided, private: used */
    asked = vmbp_confidential_contact_features(&conf, 0x40u);
    ck_assert(vmbp_msg_version_response_has_monitor_pages(&out, VMBP_VERSION_6_0, asked));
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&conf, vtom,
                                                            out.parent_to_child_monitor_gpa,
                                                            out.child_to_parent_monitor_gpa),
                      VMBP_OK);
    /* to the host: never asked for, so never used, whatever the host sends */
    asked = vmbp_confidential_contact_features(&relay, 0x40u);
    ck_assert(!vmbp_msg_version_response_has_monitor_pages(&out, VMBP_VERSION_6_0, asked));
    /* a caller that asks anyway still meets the check: a private page is refused */
    ck_assert(vmbp_msg_version_response_has_monitor_pages(&out, VMBP_VERSION_6_0, 0x40u));
    ck_assert_uint_eq(vmbp_confidential_monitor_pages_check(&relay, vtom,
                                                            out.parent_to_child_monitor_gpa,
                                                            out.child_to_parent_monitor_gpa),
                      VMBP_E_MONITOR_PAGE);
}
END_TEST

/* ---- offers ---------------------------------------------------------------------------- */

/* The rules, first match, as the sources state them. */
static enum vmbp_status offer_model(uint16_t flags, uint32_t version, uint32_t features,
                                    bool conf, bool iso,
                                    struct vmbp_confidential_offer_memory *m)
{
    bool v6 = version >= 0x00060000u;

    /* Linux vmbus_onoffer, features.h: confidential flags need 6.0 with feature 0x10 */
    if ((flags & 0x6) && !(v6 && (features & 0x10)))
        return VMBP_E_CONFIDENTIAL;
    /* Linux vmbus_onoffer: "the ring buffer isn't encrypted" */
    if ((flags & 0x4) && !(flags & 0x2))
        return VMBP_E_CONFIDENTIAL_EXT;
    /* OpenVMM send_offer: pinned external memory only with GPA pinning */
    if ((flags & 0x8) && !(v6 && (features & 0x80)))
        return VMBP_E_FEATURE;
    /* Linux vmbus_onoffer: !vmbus_is_confidential() */
    if ((flags & 0x6) && !conf)
        return VMBP_E_CONFIDENTIAL;
    /* mu_msvm VmbusChannel.c; Linux 6.19 channel.c (0a4534bdf29a); mu_msvm 92305df */
    m->ring = (flags & 0x2) ? M_ENC : (iso ? M_HV : M_PRIV);
    m->gpadl = (flags & 0x4) ? M_ENC : (iso ? M_HV : M_PRIV);
    m->gpa_direct = (flags & 0x4) ? M_ENC : (iso ? M_BOUNCE : M_PRIV);
    m->pinned = (flags & 0x8) != 0;
    return VMBP_OK;
}

/* covers: VMBP-CONF-011 VMBP-CONF-012 VMBP-FEAT-003 VMBP-FEAT-004 */
START_TEST(offer_decide_over_every_input)
{
    static const uint32_t versions[] = {0x00050003u, 0x00060000u};
    static const uint32_t feats[] = {0, 0x10, 0x80, 0x90};
    unsigned vi, fi, c, i;
    uint32_t f;
    unsigned long n = 0;

    for (vi = 0; vi < 2; vi++)
        for (fi = 0; fi < 4; fi++)
            for (c = 0; c < 2; c++)
                for (i = 0; i < 2; i++) {
                    struct vmbp_ctx ctx;
                    struct vmbp_confidential_plan pl;

                    ctx.version = versions[vi];
                    ctx.features = feats[fi];
                    memset(&pl, 0, sizeof(pl));
                    pl.confidential = c != 0;
                    pl.isolated = i != 0;
                    for (f = 0; f <= 0xFFFF; f++) {
                        struct vmbp_confidential_offer_memory got, want;
                        enum vmbp_status st, wst;

                        memset(&got, 0x5A, sizeof(got));
                        memset(&want, 0x5A, sizeof(want));
                        st = vmbp_confidential_offer_decide((uint16_t)f, &ctx, &pl, &got);
                        wst = offer_model((uint16_t)f, ctx.version, ctx.features, c, i, &want);
                        if (st != wst || memcmp(&got, &want, sizeof(got)) != 0)
                            ck_abort_msg("flags 0x%04x v %x f %x conf %u iso %u: %s", f,
                                         ctx.version, ctx.features, c, i, vmbp_status_str(st));
                        n++;
                    }
                }
    ck_assert_uint_eq(n, 2ul * 4 * 2 * 2 * 65536);
}
END_TEST

/* ---- the bring-up example against a simulated hypervisor and paravisor ----------------- */

#define NPAGES 16
#define REGS (6 + 16)         /* SCONTROL..SIRBP, then SINT0..15 */
#define BOUNDARY (1ull << 46) /* vTOM as OpenHCL sets it on SNP */
#define VEC 0xF3u             /* Linux HYPERVISOR_CALLBACK_VECTOR */
#define PAGE_GPN(i) (0x1000u + (unsigned)(i))
#define PAGE_GPA(i) ((uint64_t)PAGE_GPN(i) << 12)
#define HYP_SIMP_PAGE 14 /* pages the paravisor provided to the hypervisor SynIC */
#define HYP_SIEFP_PAGE 15

struct wr {
    uint8_t synic, via, reg, sint;
    uint64_t value;
};

struct post {
    uint8_t synic, via, input_mem;
    uint32_t conn, type, size, features;
};

struct fast {
    uint8_t synic, via;
    uint16_t code;
    uint64_t input;
};

static union {
    uint8_t b[4096];
    uint64_t align;
} pages[NPAGES];

struct sim {
    bool paravisor;
    unsigned iso;
    uint64_t reg[3][REGS]; /* [HYP], [PARA] */
    uint8_t kind[NPAGES];  /* enum vmbp_confidential_mem of each page; 0 = free */
    unsigned next_page;
    struct wr log[32];
    unsigned nlog;
    struct post posts[4];
    unsigned nposts;
    struct fast fasts[4];
    unsigned nfasts;
    uint16_t answer[3]; /* HV_STATUS the SynIC's owner answers a post with */
};

static unsigned reg_index(enum vmbp_synic_register reg, unsigned sint)
{
    return reg == VMBP_SYNIC_SINT ? 6u + sint : (unsigned)reg;
}

/* Where an access with @via really lands: a plain access traps to the paravisor if there is
 * one; GHCB works only on SNP, tdcall only on TDX, and only past a paravisor here. */
static uint8_t sim_target(struct sim *s, uint8_t synic, uint8_t via)
{
    uint8_t t = 0;

    if (via == DIR)
        t = s->paravisor ? PARA : HYP;
    else if (via == GHCB && s->paravisor && s->iso == I_SNP)
        t = HYP;
    else if (via == TDC && s->paravisor && s->iso == I_TDX)
        t = HYP;
    ck_assert_msg(t != 0, "via %u cannot be used here", via);
    ck_assert_msg(t == synic, "access for SynIC %u lands on %u", synic, t);
    return t;
}

static uint64_t sim_read(void *ctx, uint8_t synic, uint8_t via, enum vmbp_synic_register reg,
                         unsigned sint)
{
    struct sim *s = (struct sim *)ctx;

    return s->reg[sim_target(s, synic, via)][reg_index(reg, sint)];
}

static void sim_write(void *ctx, uint8_t synic, uint8_t via, enum vmbp_synic_register reg,
                      unsigned sint, uint64_t value)
{
    struct sim *s = (struct sim *)ctx;
    uint8_t t = sim_target(s, synic, via);
    struct wr *w;

    ck_assert_uint_lt(s->nlog, 32);
    w = &s->log[s->nlog++];
    w->synic = t;
    w->via = via;
    w->reg = (uint8_t)reg;
    w->sint = (uint8_t)(reg == VMBP_SYNIC_SINT ? sint : 0);
    w->value = value;
    if (reg != VMBP_SYNIC_EOM)
        s->reg[t][reg_index(reg, sint)] = value;
}

static int page_of(const void *p)
{
    int i;

    for (i = 0; i < NPAGES; i++)
        if ((const uint8_t *)p == pages[i].b)
            return i;
    return -1;
}

static void *sim_alloc(void *ctx, uint8_t mem, uint64_t *gpn)
{
    struct sim *s = (struct sim *)ctx;
    unsigned i = s->next_page++;

    ck_assert_uint_lt(i, HYP_SIMP_PAGE);
    ck_assert(mem == M_PRIV || mem == M_HV || mem == M_ENC);
    s->kind[i] = mem;
    *gpn = PAGE_GPN(i);
    return pages[i].b;
}

static void *sim_map_shared(void *ctx, uint64_t gpa)
{
    struct sim *s = (struct sim *)ctx;
    int i;

    for (i = 0; i < NPAGES; i++)
        if (PAGE_GPA(i) == gpa) {
            ck_assert_uint_eq(s->kind[i], M_HV);
            return pages[i].b;
        }
    ck_abort_msg("no page at %llx", (unsigned long long)gpa);
    return NULL;
}

/* The page a SIMP/SIEFP of SynIC @t points at (what the owner writes messages into). */
static uint8_t *sim_page(struct sim *s, uint8_t t, enum vmbp_synic_register reg)
{
    uint64_t gpa = vmbp_synic_page_gpa(s->reg[t][reg]) & ~BOUNDARY;
    int i;

    ck_assert(vmbp_synic_page_enabled(s->reg[t][reg]));
    for (i = 0; i < NPAGES; i++)
        if (PAGE_GPA(i) == gpa)
            return pages[i].b;
    ck_abort_msg("SynIC %u has no page", t);
    return NULL;
}

/* The VMBus server behind SynIC @t answers INITIATE_CONTACT: VERSION_RESPONSE into slot 2
 * with message-pending set (another message queued), and a channel interrupt. */
static void sim_deliver_version_response(struct sim *s, uint8_t t, uint32_t relid)
{
    uint8_t *slot = sim_page(s, t, VMBP_SYNIC_SIMP) + 2 * 256;
    uint8_t *ev = sim_page(s, t, VMBP_SYNIC_SIEFP) + 2 * 256;

    memset(slot, 0, 256);
    vmbp_store_le32(slot, 1);
    slot[4] = 16;
    slot[5] = VMBP_SYNIC_MESSAGE_FLAG_PENDING;
    vmbp_store_le32(slot + 16, 15); /* VERSION_RESPONSE */
    slot[16 + 8] = 1;               /* version supported */
    vmbp_store_le32(slot + 16 + 12, 4);
    ev[relid / 8] |= (uint8_t)(1u << (relid % 8));
}

static uint16_t sim_hypercall(void *ctx, uint8_t synic, uint8_t via, uint16_t code,
                              const void *input)
{
    struct sim *s = (struct sim *)ctx;
    uint8_t t = sim_target(s, synic, via);
    const uint8_t *in = (const uint8_t *)input;
    struct post *p;
    int pg = page_of(input);

    ck_assert_uint_eq(code, VMBP_HVCALL_POST_MESSAGE);
    ck_assert_int_ge(pg, 0);
    ck_assert_uint_lt(s->nposts, 4);
    p = &s->posts[s->nposts++];
    p->synic = t;
    p->via = via;
    p->input_mem = s->kind[pg];
    p->conn = vmbp_load_le32(in);
    ck_assert_uint_eq(vmbp_load_le32(in + 4), 0);
    p->type = vmbp_load_le32(in + 8);
    p->size = vmbp_load_le32(in + 12);
    p->features = vmbp_load_le32(in + 16 + 20);
    if (s->answer[t] == VMBP_HV_STATUS_SUCCESS && vmbp_load_le32(in + 16) == 14)
        sim_deliver_version_response(s, t, t == HYP ? 5 : 9);
    return s->answer[t];
}

static uint16_t sim_fast(void *ctx, uint8_t synic, uint8_t via, uint16_t code, uint64_t input)
{
    struct sim *s = (struct sim *)ctx;
    struct fast *f;

    ck_assert_uint_lt(s->nfasts, 4);
    f = &s->fasts[s->nfasts++];
    f->synic = sim_target(s, synic, via);
    f->via = via;
    f->code = code;
    f->input = input;
    return VMBP_HV_STATUS_SUCCESS;
}

static struct sim the_sim;
static struct bringup_platform platform = {&the_sim, sim_read,  sim_write,     sim_hypercall,
                                           sim_fast, sim_alloc, sim_map_shared};

/* A fresh VM: SINT2 masked at reset with a reserved bit set that must survive; SCONTROL
 * off; with a paravisor, the hypervisor SIMP/SIEFP already name the host-visible pages the
 * paravisor provided (above vTOM, not yet enabled, a reserved bit set). */
static void sim_reset(bool paravisor, unsigned iso)
{
    memset(&the_sim, 0, sizeof(the_sim));
    memset(pages, 0, sizeof(pages));
    the_sim.paravisor = paravisor;
    the_sim.iso = iso;
    the_sim.reg[HYP][6 + 2] = 0x210000;  /* masked | reserved bit 21 */
    the_sim.reg[PARA][6 + 2] = 0x010000; /* masked */
    the_sim.reg[HYP][VMBP_SYNIC_SIMP] = 0x20;
    if (paravisor) {
        the_sim.kind[HYP_SIMP_PAGE] = M_HV;
        the_sim.kind[HYP_SIEFP_PAGE] = M_HV;
        the_sim.reg[HYP][VMBP_SYNIC_SIMP] = BOUNDARY | PAGE_GPA(HYP_SIMP_PAGE) | 0x2;
        the_sim.reg[HYP][VMBP_SYNIC_SIEFP] = BOUNDARY | PAGE_GPA(HYP_SIEFP_PAGE);
    }
}

static void init_state(struct bringup_state *st, unsigned iso, bool pv, bool bit,
                       struct vmbp_confidential_policy pol, bool auto_eoi)
{
    memset(st, 0, sizeof(*st));
    st->facts = facts(X64, iso, pv, bit);
    st->policy = pol;
    st->shared_gpa_boundary = pv ? BOUNDARY : 0;
    st->vector = VEC;
    st->auto_eoi = auto_eoi;
}

static void expect_log(const struct wr *want, unsigned n)
{
    unsigned i;

    ck_assert_uint_eq(the_sim.nlog, n);
    for (i = 0; i < n; i++) {
        const struct wr *g = &the_sim.log[i];

        ck_assert_msg(
            g->synic == want[i].synic && g->via == want[i].via && g->reg == want[i].reg &&
                g->sint == want[i].sint && g->value == want[i].value,
            "write %u: synic %u via %u reg %u sint %u value 0x%llx, want synic %u "
            "via %u reg %u value 0x%llx",
            i, g->synic, g->via, g->reg, g->sint, (unsigned long long)g->value, want[i].synic,
            want[i].via, want[i].reg, (unsigned long long)want[i].value);
    }
}

#define R_SCTL VMBP_SYNIC_SCONTROL
#define R_SIEFP VMBP_SYNIC_SIEFP
#define R_SIMP VMBP_SYNIC_SIMP
#define R_EOM VMBP_SYNIC_EOM
#define R_SINT VMBP_SYNIC_SINT

/* Case 1: no paravisor (Linux hv_synic_init on a plain VM). */
/* covers: VMBP-CONF-001 VMBP-CONF-005 VMBP-CONF-007 VMBP-SYNIC-006 */
START_TEST(bringup_without_paravisor)
{
    struct bringup_state st;
    struct vmbp_synic_message m;
    uint16_t hv = 0xFFFF;
    uint32_t ids[8];
    /* every value the guest must write, in order */
    const struct wr want[] = {
        {HYP, DIR, R_SIMP, 0, PAGE_GPA(0) | 0x20 | 1}, /* own page, RsvdP bit 5 kept */
        {HYP, DIR, R_SIEFP, 0, PAGE_GPA(1) | 1},
        {HYP, DIR, R_SINT, 2, 0x200000 | (1u << 17) | VEC}, /* unmasked, auto-EOI */
        {HYP, DIR, R_SCTL, 0, 1},
        {HYP, DIR, R_EOM, 0, 0}, /* after the VERSION_RESPONSE: pending was set */
    };

    sim_reset(false, I_NONE);
    init_state(&st, I_NONE, false, true /* ignored without a paravisor */,
               vmbp_confidential_policy_linux(), true);
    ck_assert_int_eq(bringup_connect(&platform, &st, 0x08, &hv), VMBP_OK);
    ck_assert_uint_eq(hv, 0);
    ck_assert_int_eq(st.mode, VMBP_CONFIDENTIAL_MODE_DIRECT);
    ck_assert_uint_eq(the_sim.kind[0], M_PRIV); /* not isolated: ordinary pages */
    ck_assert_uint_eq(the_sim.kind[1], M_PRIV);
    /* INITIATE_CONTACT to connection ID 4 on the hypervisor, 0x10 not requested */
    ck_assert_uint_eq(the_sim.nposts, 1);
    ck_assert_uint_eq(the_sim.posts[0].synic, HYP);
    ck_assert_uint_eq(the_sim.posts[0].via, DIR);
    ck_assert_uint_eq(the_sim.posts[0].conn, 4);
    ck_assert_uint_eq(the_sim.posts[0].type, 1);
    ck_assert_uint_eq(the_sim.posts[0].size, 40);
    ck_assert_uint_eq(the_sim.posts[0].features, 0x08);
    ck_assert_uint_eq(the_sim.posts[0].input_mem, M_PRIV);

    ck_assert_int_eq(bringup_poll_message(&platform, &st, HYP, &m), VMBP_OK);
    ck_assert_uint_eq(m.type, 1);
    ck_assert_uint_eq(vmbp_load_le32(m.payload), 15);
    ck_assert_int_eq(bringup_poll_message(&platform, &st, HYP, &m), VMBP_OK);
    ck_assert_uint_eq(m.type, 0); /* slot freed */
    ck_assert_int_eq(bringup_poll_message(&platform, &st, PARA, &m), VMBP_OK);
    ck_assert_uint_eq(m.type, 0);
    expect_log(want, 5);

    ck_assert_uint_eq(bringup_scan_events(&st, ids, 8), 1);
    ck_assert_uint_eq(ids[0], 5);
    ck_assert_uint_eq(bringup_signal(&platform, &st, 0x2005), 0);
    ck_assert_uint_eq(the_sim.fasts[0].synic, HYP);
    ck_assert_uint_eq(the_sim.fasts[0].via, DIR);
    ck_assert_uint_eq(the_sim.fasts[0].code, VMBP_HVCALL_SIGNAL_EVENT);
    ck_assert_uint_eq(the_sim.fasts[0].input, 0x2005);
    {
        /* offers: nothing confidential; ordinary memory */
        struct vmbp_ctx ctx = {0x00060000u, 0x08};
        struct vmbp_confidential_offer_memory om;

        ck_assert_int_eq(vmbp_confidential_offer_decide(0x0002, &ctx, &st.plan, &om),
                         VMBP_E_CONFIDENTIAL);
        ck_assert_int_eq(vmbp_confidential_offer_decide(0x0001, &ctx, &st.plan, &om), VMBP_OK);
        ck_assert_uint_eq(om.ring, M_PRIV);
        ck_assert_uint_eq(om.gpa_direct, M_PRIV);
    }
}
END_TEST

/* Case 1b: no paravisor in an SNP VM (fully enlightened): own pages made host-visible. */
/* covers: VMBP-CONF-007 */
START_TEST(bringup_without_paravisor_isolated)
{
    struct bringup_state st;
    uint16_t hv;
    const struct wr want[] = {
        {HYP, DIR, R_SIMP, 0, PAGE_GPA(0) | 0x20 | 1},
        {HYP, DIR, R_SIEFP, 0, PAGE_GPA(1) | 1},
        {HYP, DIR, R_SINT, 2, 0x200000 | VEC},
        {HYP, DIR, R_SCTL, 0, 1},
    };

    sim_reset(false, I_SNP);
    init_state(&st, I_SNP, false, false, vmbp_confidential_policy_linux(), false);
    ck_assert_int_eq(bringup_connect(&platform, &st, 0, &hv), VMBP_OK);
    ck_assert_uint_eq(the_sim.kind[0], M_HV);
    ck_assert_uint_eq(the_sim.kind[1], M_HV);
    ck_assert_uint_eq(the_sim.posts[0].input_mem, M_HV); /* decrypted input page */
    expect_log(want, 4);
}
END_TEST

/* Case 2: paravisor, no Confidential VMBus (Linux with a paravisor on SNP and TDX). */
/* covers: VMBP-CONF-002 VMBP-CONF-005 VMBP-CONF-006 VMBP-CONF-007 VMBP-CONF-008 */
START_TEST(bringup_paravisor_relay)
{
    unsigned k;

    for (k = 0; k < 2; k++) {
        unsigned iso = k ? I_TDX : I_SNP;
        uint8_t esc = k ? TDC : GHCB;
        struct bringup_state st;
        struct vmbp_synic_message m;
        uint16_t hv;
        uint32_t ids[8];
        const struct wr want[] = {
            /* the paravisor's pages: enable only, base and RsvdP bit 1 kept */
            {HYP, esc, R_SIMP, 0, BOUNDARY | PAGE_GPA(HYP_SIMP_PAGE) | 0x2 | 1},
            {HYP, esc, R_SIEFP, 0, BOUNDARY | PAGE_GPA(HYP_SIEFP_PAGE) | 1},
            {HYP, esc, R_SINT, 2, 0x200000 | VEC},
            /* the paravisor's copy: same value, proxy set */
            {PARA, DIR, R_SINT, 2, 0x200000 | (1u << 20) | VEC},
            {HYP, esc, R_SCTL, 0, 1},
            {HYP, esc, R_EOM, 0, 0},
        };

        sim_reset(true, iso);
        init_state(&st, iso, true, false, vmbp_confidential_policy_linux(), false);
        ck_assert_int_eq(bringup_connect(&platform, &st, 0x08, &hv), VMBP_OK);
        ck_assert_int_eq(st.mode, VMBP_CONFIDENTIAL_MODE_RELAY);
        ck_assert_uint_eq(the_sim.next_page, 1); /* only the post input page allocated */
        ck_assert_uint_eq(the_sim.posts[0].synic, HYP);
        ck_assert_uint_eq(the_sim.posts[0].via, esc);
        ck_assert_uint_eq(the_sim.posts[0].input_mem, k ? M_HV : M_PRIV);
        ck_assert_uint_eq(the_sim.posts[0].features, 0x08);
        ck_assert_int_eq(bringup_poll_message(&platform, &st, HYP, &m), VMBP_OK);
        ck_assert_uint_eq(m.type, 1);
        expect_log(want, 6);
        ck_assert_uint_eq(bringup_scan_events(&st, ids, 8), 1);
        ck_assert_uint_eq(ids[0], 5);
        bringup_signal(&platform, &st, 0x2005);
        ck_assert_uint_eq(the_sim.fasts[0].synic, HYP);
        ck_assert_uint_eq(the_sim.fasts[0].via, esc);
    }
}
END_TEST

/* Case 3: Confidential VMBus (Linux 6.19 with the CPUID bit), under three policies:
 * Linux 6.19; mu_msvm's choices (EOM on the source SynIC, only the paravisor's message
 * page polled); and EOM on the source SynIC with both pages polled. */
/* covers: VMBP-CONF-002 VMBP-CONF-005 VMBP-CONF-006 VMBP-CONF-007 VMBP-CONF-009 */
/* covers: VMBP-CONF-012 VMBP-CONF-013 VMBP-CONF-014 */
START_TEST(bringup_confidential)
{
    unsigned pol;

    for (pol = 0; pol < 3; pol++) {
        struct vmbp_confidential_policy p = vmbp_confidential_policy_linux();
        struct bringup_state st;
        struct vmbp_synic_message m;
        uint16_t hv;
        uint32_t ids[8];
        uint8_t *hyp_slot = pages[HYP_SIMP_PAGE].b + 512;
        struct wr want[] = {
            {PARA, DIR, R_SIMP, 0, PAGE_GPA(0) | 1}, /* encrypted pages of the guest */
            {PARA, DIR, R_SIEFP, 0, PAGE_GPA(1) | 1},
            {HYP, TDC, R_SIMP, 0, BOUNDARY | PAGE_GPA(HYP_SIMP_PAGE) | 0x2 | 1},
            {HYP, TDC, R_SIEFP, 0, BOUNDARY | PAGE_GPA(HYP_SIEFP_PAGE) | 1},
            {HYP, TDC, R_SINT, 2, 0x200000 | VEC},
            {PARA, DIR, R_SINT, 2, 0x200000 | VEC}, /* no proxy */
            {PARA, DIR, R_SCTL, 0, 1},
            /* EOM for the timer message found on the hypervisor page (polled first):
             * Linux to the paravisor, the source rule to the hypervisor */
            {PARA, DIR, R_EOM, 0, 0},
            /* EOM for the VERSION_RESPONSE, which came from the paravisor */
            {PARA, DIR, R_EOM, 0, 0},
        };

        if (pol >= 1)
            p.eom = VMBP_CONFIDENTIAL_EOM_SOURCE;
        if (pol == 1)
            p.messages = VMBP_CONFIDENTIAL_MESSAGES_PARAVISOR;
        if (pol == 2) {
            want[7].synic = HYP;
            want[7].via = TDC;
        }
        sim_reset(true, I_TDX);
        the_sim.answer[HYP] = VMBP_HV_STATUS_INVALID_CONNECTION_ID; /* host must not see it */
        init_state(&st, I_TDX, true, true, p, false);
        ck_assert_int_eq(bringup_connect(&platform, &st, 0x08, &hv), VMBP_OK);
        ck_assert_int_eq(st.mode, VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL);
        ck_assert_uint_eq(the_sim.kind[0], M_ENC);
        ck_assert_uint_eq(the_sim.kind[1], M_ENC);
        ck_assert_uint_eq(the_sim.nposts, 1);
        ck_assert_uint_eq(the_sim.posts[0].synic, PARA);
        ck_assert_uint_eq(the_sim.posts[0].via, DIR);
        ck_assert_uint_eq(the_sim.posts[0].input_mem, M_ENC);
        ck_assert_uint_eq(the_sim.posts[0].features, 0x18); /* 0x10 requested */

        /* a synthetic timer message waits on the hypervisor page, pending set */
        vmbp_store_le32(hyp_slot, 0x80000010u);
        hyp_slot[4] = 24;
        hyp_slot[5] = 1;
        ck_assert_int_eq(bringup_poll_message(&platform, &st, HYP, &m), VMBP_OK);
        ck_assert_uint_eq(m.type, pol == 1 ? 0u : 0x80000010u);
        ck_assert_int_eq(bringup_poll_message(&platform, &st, PARA, &m), VMBP_OK);
        ck_assert_uint_eq(m.type, 1);
        ck_assert_uint_eq(vmbp_load_le32(m.payload + 12), 4);
        if (pol == 1) {
            want[7] = want[8];
            expect_log(want, 8);
            ck_assert_uint_eq(vmbp_load_le32(hyp_slot), 0x80000010u); /* left alone */
        } else {
            expect_log(want, 9);
            ck_assert_uint_eq(vmbp_load_le32(hyp_slot), 0);
        }

        /* channel interrupts on both event pages: 5 (hypervisor, relayed), 9 (paravisor) */
        pages[HYP_SIEFP_PAGE].b[512] |= 1u << 5;
        ck_assert_uint_eq(bringup_scan_events(&st, ids, 8), 2);
        ck_assert_uint_eq(ids[0], 5);
        ck_assert_uint_eq(ids[1], 9);
        /* HvSignalEvent goes to the hypervisor through tdcall (Linux vmbus_set_event) */
        bringup_signal(&platform, &st, 0x2005);
        ck_assert_uint_eq(the_sim.fasts[0].synic, HYP);
        ck_assert_uint_eq(the_sim.fasts[0].via, TDC);
        {
            struct vmbp_ctx ctx = {0x00060000u, 0x18};
            struct vmbp_confidential_offer_memory om;

            /* paravisor-offered channel: encrypted ring, external memory still shared */
            ck_assert_int_eq(vmbp_confidential_offer_decide(0x0002, &ctx, &st.plan, &om),
                             VMBP_OK);
            ck_assert_uint_eq(om.ring, M_ENC);
            ck_assert_uint_eq(om.gpadl, M_HV);
            ck_assert_uint_eq(om.gpa_direct, M_BOUNCE);
            ck_assert_int_eq(vmbp_confidential_offer_decide(0x0006, &ctx, &st.plan, &om),
                             VMBP_OK);
            ck_assert_uint_eq(om.gpadl, M_ENC);
            ck_assert_uint_eq(om.gpa_direct, M_ENC);
            /* relayed host channel: flags stripped by the relay, everything host-visible */
            ck_assert_int_eq(vmbp_confidential_offer_decide(0x0000, &ctx, &st.plan, &om),
                             VMBP_OK);
            ck_assert_uint_eq(om.ring, M_HV);
        }
    }
}
END_TEST

/* Case 4: the fallback of the documentation patch (and mu_msvm): the guest probes the
 * paravisor, the paravisor refuses INITIATE_CONTACT, the guest sets the proxy bit on the
 * paravisor's SINT2 and contacts the host through GHCB. */
/* covers: VMBP-CONF-003 VMBP-CONF-006 VMBP-CONF-010 VMBP-CONF-013 */
START_TEST(bringup_probe_falls_back)
{
    struct bringup_state st;
    struct vmbp_synic_message m;
    uint16_t hv;
    uint32_t ids[8];
    const struct wr want[] = {
        /* the confidential attempt */
        {PARA, DIR, R_SIMP, 0, PAGE_GPA(0) | 1},
        {PARA, DIR, R_SIEFP, 0, PAGE_GPA(1) | 1},
        {HYP, GHCB, R_SIMP, 0, BOUNDARY | PAGE_GPA(HYP_SIMP_PAGE) | 0x2 | 1},
        {HYP, GHCB, R_SIEFP, 0, BOUNDARY | PAGE_GPA(HYP_SIEFP_PAGE) | 1},
        {HYP, GHCB, R_SINT, 2, 0x200000 | VEC},
        {PARA, DIR, R_SINT, 2, 0x200000 | VEC},
        {PARA, DIR, R_SCTL, 0, 1},
        /* refused: reconfigure */
        {PARA, DIR, R_SINT, 2, 0x200000 | (1u << 20) | VEC},
        {HYP, GHCB, R_SCTL, 0, 1},
        /* the host's VERSION_RESPONSE is completed on the hypervisor */
        {HYP, GHCB, R_EOM, 0, 0},
    };

    sim_reset(true, I_SNP);
    the_sim.answer[PARA] = VMBP_HV_STATUS_INVALID_CONNECTION_ID; /* no confidential VMBus */
    init_state(&st, I_SNP, true, false, vmbp_confidential_policy_mu_msvm(), false);
    ck_assert_int_eq(bringup_connect(&platform, &st, 0x08, &hv), VMBP_OK);
    ck_assert_uint_eq(hv, 0);
    ck_assert_int_eq(st.mode, VMBP_CONFIDENTIAL_MODE_RELAY);
    ck_assert_uint_eq(the_sim.nposts, 2);
    ck_assert_uint_eq(the_sim.posts[0].synic, PARA);
    ck_assert_uint_eq(the_sim.posts[0].features, 0x18);
    ck_assert_uint_eq(the_sim.posts[0].input_mem, M_ENC);
    ck_assert_uint_eq(the_sim.posts[1].synic, HYP);
    ck_assert_uint_eq(the_sim.posts[1].via, GHCB);
    ck_assert_uint_eq(the_sim.posts[1].features, 0x08); /* 0x10 dropped */
    ck_assert_uint_eq(the_sim.posts[1].input_mem, M_PRIV);
    ck_assert_int_eq(bringup_poll_message(&platform, &st, PARA, &m), VMBP_OK);
    ck_assert_uint_eq(m.type, 0); /* the paravisor page is no longer polled */
    ck_assert_int_eq(bringup_poll_message(&platform, &st, HYP, &m), VMBP_OK);
    ck_assert_uint_eq(m.type, 1);
    expect_log(want, 10);
    ck_assert_uint_eq(bringup_scan_events(&st, ids, 8), 1);
    ck_assert_uint_eq(ids[0], 5);
    {
        struct vmbp_ctx ctx = {0x00060000u, 0x08};
        struct vmbp_confidential_offer_memory om;

        ck_assert_int_eq(vmbp_confidential_offer_decide(0x0002, &ctx, &st.plan, &om),
                         VMBP_E_CONFIDENTIAL);
    }
}
END_TEST

/* A hostile hypervisor answers the SIMP read with a private (below vTOM) page: the guest
 * refuses to map it and writes nothing more. */
/* covers: VMBP-CONF-008 */
START_TEST(bringup_refuses_a_private_page_from_the_hypervisor)
{
    struct bringup_state st;
    uint16_t hv = 0x7777;

    sim_reset(true, I_SNP);
    the_sim.reg[HYP][VMBP_SYNIC_SIMP] = PAGE_GPA(0) | 1;
    init_state(&st, I_SNP, true, false, vmbp_confidential_policy_linux(), false);
    ck_assert_int_eq(bringup_connect(&platform, &st, 0, &hv), VMBP_E_FIELD_RANGE);
    ck_assert_uint_eq(the_sim.nlog, 0);
    ck_assert_uint_eq(the_sim.nposts, 0);
    ck_assert_uint_eq(hv, 0x7777);
}
END_TEST

static Suite *confidential_suite(void)
{
    Suite *s = suite_create("confidential");
    TCase *dec = tcase_create("decisions");
    TCase *sim = tcase_create("bringup");

    tcase_add_test(dec, policy_presets);
    tcase_add_test(dec, decide_over_every_input);
    tcase_add_test(dec, plan_over_every_input);
    tcase_add_test(dec, step_values);
    tcase_add_test(dec, provided_page_checks);
    tcase_add_test(dec, contact_outcome_over_every_status);
    tcase_add_test(dec, contact_features);
    tcase_add_test(dec, monitor_pages_check);
    tcase_add_test(dec, monitor_pages_from_a_version_response);
    tcase_add_test(dec, offer_decide_over_every_input);
    suite_add_tcase(s, dec);

    tcase_add_test(sim, bringup_without_paravisor);
    tcase_add_test(sim, bringup_without_paravisor_isolated);
    tcase_add_test(sim, bringup_paravisor_relay);
    tcase_add_test(sim, bringup_confidential);
    tcase_add_test(sim, bringup_probe_falls_back);
    tcase_add_test(sim, bringup_refuses_a_private_page_from_the_hypervisor);
    suite_add_tcase(s, sim);
    return s;
}

VMBP_TEST_MAIN(confidential_suite)
