/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect reg: decode a SynIC register, a hypercall control or result word, or a
 * Hyper-V CPUID leaf. Register layouts come from the field lists of synic.h, hypercall.h and
 * cpuid.h (struct vmbp_reg_desc), the same lists their layout assertions check.
 */
#include "inspect.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <vmbus_proto/cpuid.h>
#include <vmbus_proto/hypercall.h>
#include <vmbus_proto/synic.h>

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    unsigned long long x;

    if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    x = strtoull(s, &end, 0);
    if (errno || *end)
        return -1;
    *v = (uint64_t)x;
    return 0;
}

static void fields(struct vmbpi_out *o, const struct vmbp_reg_desc *d, uint64_t v)
{
    size_t i;
    char name[48], val[32], mean[160];

    vmbpi_arr_begin(o, "fields");
    for (i = 0; i < d->nfields; i++) {
        const struct vmbp_reg_field *f = &d->fields[i];
        uint64_t x = vmbp_reg_field_get(f, v);

        snprintf(val, sizeof(val), "0x%llx", (unsigned long long)x);
        if (f->width == 1) {
            /* a flag's meaning says what it does when set: say whether it is, as the
             * message fields do */
            snprintf(name, sizeof(name), "%s [%u]", f->name, f->shift);
            snprintf(mean, sizeof(mean), "%s: %s", f->meaning, x ? "yes" : "no");
            vmbpi_field(o, name, f->shift, f->width, val, mean);
        } else {
            snprintf(name, sizeof(name), "%s [%u:%u]", f->name, f->shift + f->width - 1,
                     f->shift);
            vmbpi_field(o, name, f->shift, f->width, val, f->meaning);
        }
    }
    vmbpi_arr_end(o);
    if (v & d->rsvdp)
        vmbpi_hex(o, "reserved_preserve_bits_set", v & d->rsvdp, 16);
    if (v & d->rsvdz)
        vmbpi_hex(o, "reserved_zero_bits_set", v & d->rsvdz, 16);
}

/* The status, and for a rejection the spec rule it breaks (NULL: none to name). */
static int finish(struct vmbpi_out *o, enum vmbp_status st, const char *rule)
{
    if (st != VMBP_OK && rule)
        vmbpi_str(o, "rule", rule);
    vmbpi_str(o, "status", vmbp_status_name(st));
    if (st != VMBP_OK)
        vmbpi_str(o, "meaning", vmbp_status_text(st));
    vmbpi_doc_end(o);
    return st == VMBP_OK ? VMBPI_EXIT_VALID : VMBPI_EXIT_INVALID;
}

static int synic(struct vmbpi_out *o, enum vmbp_synic_register reg, unsigned sint, uint64_t v,
                 bool arm64, const char *label)
{
    const struct vmbp_reg_desc *d = vmbp_synic_reg_desc(reg, arm64);
    enum vmbp_status st = vmbp_reg_check(d, v);
    const char *rule = "VMBP-SYNIC-001";

    vmbpi_doc_begin(o);
    vmbpi_str(o, "kind", "register");
    vmbpi_str(o, "register", label);
    vmbpi_str(o, "arch", arm64 ? "arm64" : "x64");
    if (arm64)
        vmbpi_hex(o, "arm64_register", vmbp_synic_reg_name(reg, sint), 8);
    else
        vmbpi_hex(o, "msr", vmbp_synic_msr(reg, sint), 8);
    vmbpi_hex(o, "value", v, 16);
    fields(o, d, v);
    if (reg == VMBP_SYNIC_SINT && vmbp_synic_sint_check(v, arm64) != VMBP_OK) {
        vmbpi_str(o, "note",
                  arm64 && vmbp_synic_sint_auto_eoi(v)
                      ? "auto-EOI set on arm64"
                      : "unmasked SINT with a vector below 16");
        if (st == VMBP_OK) {
            st = VMBP_E_FIELD_RANGE;
            rule = "VMBP-SYNIC-002";
        }
    }
    if (reg == VMBP_SYNIC_SIMP || reg == VMBP_SYNIC_SIEFP || reg == VMBP_SYNIC_SIRBP)
        vmbpi_hex(o, "page_gpa", vmbp_synic_page_gpa(v), 1);
    return finish(o, st, rule);
}

static const char *call_name(uint16_t code)
{
    switch (code) {
    case VMBP_HVCALL_POST_MESSAGE:
        return "HvCallPostMessage";
    case VMBP_HVCALL_SIGNAL_EVENT:
        return "HvCallSignalEvent";
    case VMBP_HVCALL_SIGNAL_EVENT_DIRECT:
        return "HvCallSignalEventDirect";
    case VMBP_HVCALL_POST_MESSAGE_DIRECT:
        return "HvCallPostMessageDirect";
    default:
        return "not a VMBus hypercall";
    }
}

static int hypercall(struct vmbpi_out *o, bool control, uint64_t v)
{
    const struct vmbp_reg_desc *d =
        control ? vmbp_hypercall_control_desc() : vmbp_hypercall_result_desc();
    enum vmbp_status st = vmbp_reg_check(d, v);

    vmbpi_doc_begin(o);
    vmbpi_str(o, "kind", "register");
    vmbpi_str(o, "register", d->name);
    vmbpi_hex(o, "value", v, 16);
    fields(o, d, v);
    if (control) {
        vmbpi_str(o, "call", call_name(vmbp_hypercall_control_code(v)));
    } else {
        const char *s = vmbp_hv_status_name(vmbp_hypercall_result_status(v));

        vmbpi_str(o, "hv_status", s ? s : "unknown HV_STATUS");
    }
    return finish(o, st, "VMBP-HCALL-001");
}

/* "eax,ebx,ecx,edx" (missing registers are 0) */
static int parse_regs(const char *s, struct vmbp_cpuid_regs *r)
{
    uint32_t *slot[4];
    char buf[128], *tok, *save = NULL;
    int i = 0;

    slot[0] = &r->eax;
    slot[1] = &r->ebx;
    slot[2] = &r->ecx;
    slot[3] = &r->edx;
    memset(r, 0, sizeof(*r));
    if (strlen(s) >= sizeof(buf))
        return -1;
    strcpy(buf, s);
    for (tok = strtok_r(buf, ",:", &save); tok; tok = strtok_r(NULL, ",:", &save)) {
        uint64_t v;

        if (i == 4 || parse_u64(tok, &v) != 0 || v > 0xFFFFFFFFu)
            return -1;
        *slot[i++] = (uint32_t)v;
    }
    return i > 0 ? 0 : -1;
}

static void sig(struct vmbpi_out *o, const char *key, const struct vmbp_cpuid_regs *r, int n)
{
    uint32_t w[3];
    char s[13];
    int i;

    w[0] = n == 1 ? r->eax : r->ebx;
    w[1] = r->ecx;
    w[2] = r->edx;
    for (i = 0; i < 4 * n; i++) {
        char c = (char)(w[i / 4] >> (8 * (i % 4)));

        s[i] = isprint((unsigned char)c) ? c : '.';
    }
    s[4 * n] = 0;
    vmbpi_str(o, key, s);
}

static int cpuid(struct vmbpi_out *o, uint32_t leaf, const struct vmbp_cpuid_regs *r)
{
    enum vmbp_status st = VMBP_OK;
    const char *rule = "VMBP-CPUID-001";

    vmbpi_doc_begin(o);
    vmbpi_str(o, "kind", "cpuid");
    vmbpi_hex(o, "leaf", leaf, 8);
    vmbpi_hex(o, "eax", r->eax, 8);
    vmbpi_hex(o, "ebx", r->ebx, 8);
    vmbpi_hex(o, "ecx", r->ecx, 8);
    vmbpi_hex(o, "edx", r->edx, 8);
    switch (leaf) {
    case VMBP_CPUID_LEAF_VENDOR:
        sig(o, "vendor", r, 3);
        vmbpi_bool(o, "hyper_v", vmbp_cpuid_is_hyperv(r));
        vmbpi_hex(o, "max_leaf", r->eax, 8);
        if (!vmbp_cpuid_is_hyperv(r))
            st = VMBP_E_FIELD_RANGE;
        break;
    case VMBP_CPUID_LEAF_INTERFACE:
        sig(o, "interface", r, 1);
        vmbpi_bool(o, "hv1", vmbp_cpuid_interface_is_hv1(r));
        if (!vmbp_cpuid_interface_is_hv1(r))
            st = VMBP_E_FIELD_RANGE;
        break;
    case VMBP_CPUID_LEAF_FEATURES:
        vmbpi_bool(o, "access_synic_regs",
                   (r->eax & VMBP_CPUID_FEATURES_EAX_ACCESS_SYNIC_REGS) != 0);
        vmbpi_bool(o, "access_hypercall_msrs",
                   (r->eax & VMBP_CPUID_FEATURES_EAX_ACCESS_HYPERCALL_MSRS) != 0);
        vmbpi_bool(o, "access_vp_index",
                   (r->eax & VMBP_CPUID_FEATURES_EAX_ACCESS_VP_INDEX) != 0);
        vmbpi_bool(o, "post_messages", (r->ebx & VMBP_CPUID_FEATURES_EBX_POST_MESSAGES) != 0);
        vmbpi_bool(o, "signal_events", (r->ebx & VMBP_CPUID_FEATURES_EBX_SIGNAL_EVENTS) != 0);
        vmbpi_bool(o, "isolation", (r->ebx & VMBP_CPUID_FEATURES_EBX_ISOLATION) != 0);
        vmbpi_bool(o, "sint_polling", (r->edx & VMBP_CPUID_FEATURES_EDX_SINT_POLLING) != 0);
        vmbpi_bool(o, "vmbus_privileges", vmbp_cpuid_has_vmbus_privileges(r));
        if (!vmbp_cpuid_has_vmbus_privileges(r))
            st = VMBP_E_FIELD_RANGE;
        rule = "VMBP-CPUID-002";
        break;
    case VMBP_CPUID_LEAF_ENLIGHTENMENTS:
        vmbpi_bool(o, "auto_eoi_recommended", vmbp_cpuid_auto_eoi_recommended(r));
        vmbpi_bool(o, "nested", (r->eax & VMBP_CPUID_ENLIGHTENMENTS_EAX_NESTED) != 0);
        break;
    case VMBP_CPUID_LEAF_ISOLATION: {
        static const char *const types[] = {"NONE", "VBS", "SNP", "TDX", "CCA"};
        struct vmbp_cpuid_isolation iso;

        vmbp_cpuid_isolation_decode(r, &iso);
        vmbpi_bool(o, "paravisor_present", iso.paravisor_present);
        vmbpi_u64(o, "isolation_type", iso.isolation_type);
        vmbpi_str(o, "isolation_type_name",
                  iso.isolation_type < 5 ? types[iso.isolation_type] : "unknown");
        vmbpi_bool(o, "hardware_isolated",
                   vmbp_cpuid_isolation_is_hardware(iso.isolation_type));
        vmbpi_bool(o, "shared_gpa_boundary_active", iso.boundary_active);
        vmbpi_u64(o, "shared_gpa_boundary_bits", iso.boundary_bits);
        vmbpi_hex(o, "shared_gpa_boundary", iso.shared_gpa_boundary, 1);
        if ((r->eax & VMBP_CPUID_ISOLATION_EAX_RSVD) ||
            (r->ebx & VMBP_CPUID_ISOLATION_EBX_RSVD))
            st = VMBP_E_RSVD_NONZERO;
        rule = "VMBP-CPUID-003";
        break;
    }
    case VMBP_CPUID_LEAF_VS_VENDOR:
        sig(o, "vendor", r, 3);
        vmbpi_bool(o, "microsoft_vs", vmbp_cpuid_vs_vendor_ok(r));
        break;
    case VMBP_CPUID_LEAF_VS_INTERFACE:
        sig(o, "interface", r, 1);
        vmbpi_bool(o, "vs1", vmbp_cpuid_vs_interface_ok(r));
        break;
    case VMBP_CPUID_LEAF_VS_PROPERTIES:
        vmbpi_bool(o, "is_portable", (r->eax & VMBP_CPUID_VS_EAX_IS_PORTABLE) != 0);
        vmbpi_bool(o, "debug_device_present",
                   (r->eax & VMBP_CPUID_VS_EAX_DEBUG_DEVICE_PRESENT) != 0);
        vmbpi_bool(o, "extended_ioapic_rte", vmbp_cpuid_vs_extended_ioapic_rte(r));
        vmbpi_bool(o, "confidential_vmbus_available", vmbp_cpuid_vs_confidential_vmbus(r));
        break;
    default:
        vmbpi_str(o, "note", "a leaf VMBus code does not use");
        break;
    }
    return finish(o, st, rule);
}

int vmbpi_reg(struct vmbpi_out *o, const char *name, const char *value, bool arm64, FILE *err)
{
    static const struct {
        const char *name;
        enum vmbp_synic_register reg;
    } regs[] = {{"SCONTROL", VMBP_SYNIC_SCONTROL}, {"SVERSION", VMBP_SYNIC_SVERSION},
                {"SIEFP", VMBP_SYNIC_SIEFP},       {"SIMP", VMBP_SYNIC_SIMP},
                {"EOM", VMBP_SYNIC_EOM},           {"SIRBP", VMBP_SYNIC_SIRBP}};
    uint64_t v = 0;
    size_t i;

    if (strncasecmp(name, "CPUID", 5) == 0) {
        uint64_t leaf;
        struct vmbp_cpuid_regs r;

        if ((name[5] != '.' && name[5] != ':') || parse_u64(name + 6, &leaf) != 0 ||
            leaf > 0xFFFFFFFFu) {
            fprintf(err, "vmbp-inspect: reg: CPUID names look like CPUID.0x4000000C\n");
            return VMBPI_EXIT_USAGE;
        }
        if (parse_regs(value, &r) != 0) {
            fprintf(err, "vmbp-inspect: reg: CPUID values are EAX[,EBX[,ECX[,EDX]]] (32-bit "
                         "numbers)\n");
            return VMBPI_EXIT_USAGE;
        }
        return cpuid(o, (uint32_t)leaf, &r);
    }
    if (parse_u64(value, &v) != 0) {
        fprintf(err, "vmbp-inspect: reg: '%s' is not a number\n", value);
        return VMBPI_EXIT_USAGE;
    }
    for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
        if (strcasecmp(name, regs[i].name) == 0)
            return synic(o, regs[i].reg, 0, v, arm64, regs[i].name);
    if (strncasecmp(name, "SINT", 4) == 0) {
        uint64_t n;

        if (parse_u64(name + 4, &n) != 0 || n >= VMBP_SYNIC_SINT_COUNT) {
            fprintf(err, "vmbp-inspect: reg: SINT names are SINT0 to SINT15\n");
            return VMBPI_EXIT_USAGE;
        }
        return synic(o, VMBP_SYNIC_SINT, (unsigned)n, v, arm64, name);
    }
    if (strcasecmp(name, "HCALL_CONTROL") == 0 || strcasecmp(name, "HYPERCALL_CONTROL") == 0)
        return hypercall(o, true, v);
    if (strcasecmp(name, "HCALL_RESULT") == 0 || strcasecmp(name, "HYPERCALL_RESULT") == 0)
        return hypercall(o, false, v);
    fprintf(err,
            "vmbp-inspect: reg: unknown register '%s' (SCONTROL, SVERSION, SIEFP, SIMP, "
            "EOM, SIRBP, SINT0..SINT15, HCALL_CONTROL, HCALL_RESULT, CPUID.<leaf>)\n",
            name);
    return VMBPI_EXIT_USAGE;
}
