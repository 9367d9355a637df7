/* SPDX-License-Identifier: MIT */
/**
 * @file confidential.h
 * @brief The Confidential VMBus decisions as pure functions: whether to establish it,
 * which SynIC each bring-up step and each later operation goes to, which pages are
 * encrypted or host-visible, and in which memory each offer's ring buffer and external
 * memory live.
 *
 * Nothing here does I/O. The caller collects facts (CPUID, or the arm64 equivalents:
 * cpuid.h), asks vmbp_confidential_decide() for a mode, asks
 * vmbp_confidential_plan_build() for a plan, and executes the plan's steps with its own
 * register accessors; vmbp_confidential_step_value() computes each value to write. The
 * spec is spec/confidential.md. tests/support/synic_bringup.h is a complete guest-side
 * bring-up written with these headers alone, and tests/test_confidential.c runs it against
 * a simulated hypervisor and paravisor in every mode, checking each register value.
 *
 * The modes (a guest's view):
 * - DIRECT: no paravisor. The guest programs the hypervisor SynIC with plain MSR or
 *   register accesses and hypercalls.
 * - RELAY: a paravisor in a hardware-isolated VM, without the Confidential VMBus. VMBus is
 *   the host's: the guest reaches the hypervisor SynIC past the paravisor (GHCB on SNP,
 *   tdcall on TDX) and uses the pages the paravisor provided (host-visible); the
 *   paravisor's copy of SINT2 has the proxy bit set, so the paravisor forwards the
 *   interrupts.
 * - CONFIDENTIAL: the guest's VMBus peer is the paravisor. The paravisor SynIC gets
 *   encrypted message and event pages, is enabled, and carries messages and EOM;
 *   HvPostMessage traps to the paravisor. The hypervisor SynIC stays configured for
 *   channels the paravisor relays from the host; SINT2 is programmed on both, without the
 *   proxy bit; the guest scans both event pages.
 * - PROBE: try CONFIDENTIAL; if the paravisor refuses INITIATE_CONTACT, reconfigure with
 *   the FALLBACK plan (host-visible hypervisor SIMP, proxy bit set on the paravisor's
 *   SINT2) and contact the host as in RELAY. This is the original documentation patch's
 *   method and mu_msvm's; Linux 6.19 replaced it with the CPUID bit.
 *
 * Where upstreams disagree, struct vmbp_confidential_policy names the choice:
 * - detection: the CPUID bit (Linux 6.19, series v5 and later) or the probe (documentation
 *   patch v1, mu_msvm);
 * - EOM of a message read from the hypervisor SIMP in CONFIDENTIAL mode: to the paravisor
 *   (Linux 6.19 `vmbus_signal_eom`) or to the SynIC the message came from (mu_msvm
 *   `EfiHvCompleteSintMessage`);
 * - HvSignalEvent in CONFIDENTIAL mode: to the hypervisor past the paravisor (Linux 6.19
 *   `vmbus_set_event`, mu_msvm `EfiHvSignalEvent`) or to the paravisor, which the
 *   Documentation says intercepts it (Linux `Documentation/virt/hyperv/coco.rst`);
 * - which message pages to poll in CONFIDENTIAL mode: both (Linux `vmbus_on_msg_dpc` runs
 *   for both) or the paravisor's only (mu_msvm).
 *
 * Sources: Linux 6.19 `drivers/hv/hv.c` (`hv_synic_alloc`, `hv_synic_init`,
 * `hv_hyp_synic_enable_regs`, `hv_para_synic_enable_regs`, `hv_synic_cleanup`,
 * `hv_post_message`), `drivers/hv/vmbus_drv.c` (`vmbus_bus_init`, `__vmbus_isr`),
 * `drivers/hv/connection.c` (`vmbus_set_event`), `drivers/hv/hyperv_vmbus.h`
 * (`vmbus_signal_eom`), `drivers/hv/channel_mgmt.c` (`vmbus_onoffer`),
 * `arch/x86/kernel/cpu/mshyperv.c` (`hv_set_non_nested_msr`, detection),
 * `Documentation/virt/hyperv/coco.rst`; the documentation patch "Documentation: hyperv:
 * Confidential VMBus" (April 2025) and the v5 cover letter; mu_msvm
 * `MsvmPkg/EfiHvDxe/EfiHvSynic.c`, `EfiHvConnection.c`, `EfiHvProtocol.c`,
 * `MsvmPkg/VmbusDxe/VmbusRoot.c`, `VmbusChannel.c`; OpenVMM `vmm_core/src/cpuid/mod.rs`,
 * `openhcl/underhill_core/src/worker.rs`, `vm/devices/vmbus/vmbus_channel/src/bus.rs`,
 * `vm/devices/vmbus/vmbus_relay/src/lib.rs`.
 */
#ifndef VMBP_CONFIDENTIAL_H
#define VMBP_CONFIDENTIAL_H

#include "cpuid.h"
#include "features.h"
#include "hvdef.h"
#include "hypercall.h"
#include "port.h"
#include "status.h"
#include "synic.h"
#include "version.h"

/** @defgroup vmbp_confidential Confidential VMBus
 *  @brief Mode decision, SynIC bring-up plans, offer memory decisions.
 *  @{
 */

/** @brief CPU architecture of the guest. */
enum vmbp_confidential_arch {
    VMBP_CONFIDENTIAL_ARCH_X64 = 1,  /**< x86-64: MSRs, CPUID */
    VMBP_CONFIDENTIAL_ARCH_ARM64 = 2 /**< arm64: HvCallSet/GetVpRegisters, no CPUID bit */
};

/** @brief What the guest knows about its VM (cpuid.h decodes the x64 leaves). */
struct vmbp_confidential_facts {
    uint8_t arch;                /**< `enum vmbp_confidential_arch` */
    uint8_t isolation_type;      /**< `VMBP_CPUID_ISOLATION_TYPE_*` (0x4000000C EBX 0-3) */
    bool paravisor_present;      /**< 0x4000000C EAX bit 0 */
    bool confidential_vmbus_bit; /**< 0x40000082 EAX bit 3 (x64; false on arm64) */
};

/** @brief How the Confidential VMBus is detected. */
enum vmbp_confidential_detect {
    /** The CPUID bit decides; no fallback (Linux 6.19; series v5+; OpenHCL sets the bit). */
    VMBP_CONFIDENTIAL_DETECT_CPUID = 0,
    /** Try a confidential contact whenever a paravisor is present in a hardware-isolated
     *  VM, fall back on refusal (documentation patch v1; mu_msvm `VmbusRoot.c`). */
    VMBP_CONFIDENTIAL_DETECT_PROBE = 1
};

/** @brief Where EOM goes for a message read from the hypervisor SIMP in CONFIDENTIAL mode. */
enum vmbp_confidential_eom_policy {
    /** Always the paravisor (Linux 6.19 `vmbus_signal_eom`; the documentation patch: "Set
     *  the EOM MSR directly in the paravisor"). */
    VMBP_CONFIDENTIAL_EOM_PARAVISOR = 0,
    /** The SynIC whose page held the message (mu_msvm `EfiHvCompleteSintMessage` completes
     *  on the context it read from). */
    VMBP_CONFIDENTIAL_EOM_SOURCE = 1
};

/** @brief Where HvSignalEvent goes in CONFIDENTIAL mode. */
enum vmbp_confidential_signal_policy {
    /** The hypervisor, past the paravisor (Linux 6.19 `vmbus_set_event`: GHCB / tdcall
     *  whenever a paravisor is present; mu_msvm `EfiHvSignalEvent` uses the bypass). */
    VMBP_CONFIDENTIAL_SIGNAL_HYPERVISOR = 0,
    /** The paravisor, by a plain hypercall it intercepts (Linux `coco.rst`: "regular SynIC
     *  access by the guest is intercepted by the paravisor (... HvPostMessage and
     *  HvSignalEvent)"). */
    VMBP_CONFIDENTIAL_SIGNAL_PARAVISOR = 1
};

/** @brief Which message pages are polled in CONFIDENTIAL mode. */
enum vmbp_confidential_messages_policy {
    /** Both SIMPs, hypervisor first (Linux 6.19 `__vmbus_isr`, `vmbus_on_msg_dpc`). */
    VMBP_CONFIDENTIAL_MESSAGES_BOTH = 0,
    /** Only the paravisor's (mu_msvm `GetSintMessage(.., Confidential)`). */
    VMBP_CONFIDENTIAL_MESSAGES_PARAVISOR = 1
};

/** @brief The choices where upstreams disagree (see the file description). */
struct vmbp_confidential_policy {
    uint8_t detect;   /**< `enum vmbp_confidential_detect` */
    uint8_t eom;      /**< `enum vmbp_confidential_eom_policy` */
    uint8_t signal;   /**< `enum vmbp_confidential_signal_policy` */
    uint8_t messages; /**< `enum vmbp_confidential_messages_policy` */
};

/** @brief Mode of a VMBus connection (see the file description). */
enum vmbp_confidential_mode {
    VMBP_CONFIDENTIAL_MODE_DIRECT = 1,       /**< no paravisor: the hypervisor SynIC only */
    VMBP_CONFIDENTIAL_MODE_RELAY = 2,        /**< paravisor, host VMBus, proxied SINT2 */
    VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL = 3, /**< Confidential VMBus with the paravisor */
    VMBP_CONFIDENTIAL_MODE_PROBE = 4,        /**< try CONFIDENTIAL, FALLBACK on refusal */
    VMBP_CONFIDENTIAL_MODE_FALLBACK = 5      /**< plan kind only: the reconfiguration
                                                  after a refused confidential contact */
};

/** @brief A SynIC; the values are bits, so a set of SynICs is their OR. */
enum vmbp_confidential_synic {
    VMBP_CONFIDENTIAL_SYNIC_NONE = 0,       /**< no SynIC (unused route) */
    VMBP_CONFIDENTIAL_SYNIC_HYPERVISOR = 1, /**< the hypervisor's (untrusted) SynIC */
    VMBP_CONFIDENTIAL_SYNIC_PARAVISOR = 2   /**< the paravisor's (trusted) SynIC */
};

/** @brief How an access reaches its SynIC. */
enum vmbp_confidential_via {
    VMBP_CONFIDENTIAL_VIA_NONE = 0, /**< unused route */
    /** The plain instruction: WRMSR/RDMSR and the hypercall page on x64, HVC on arm64. It
     *  reaches the paravisor when one is present (the access traps to it), else the
     *  hypervisor. */
    VMBP_CONFIDENTIAL_VIA_DIRECT = 1,
    /** SEV-SNP: the GHCB protocol (MSR exits and GHCB hypercalls) reaches the hypervisor
     *  past the paravisor (Linux `hv_ghcb_msr_write`, `hv_ghcb_hypercall`). */
    VMBP_CONFIDENTIAL_VIA_GHCB = 2,
    /** TDX: TDG.VP.VMCALL reaches the hypervisor past the paravisor (Linux
     *  `hv_tdx_msr_write`, `hv_tdx_hypercall`). */
    VMBP_CONFIDENTIAL_VIA_TDCALL = 3
};

/** @brief The memory a page or buffer must be in. */
enum vmbp_confidential_mem {
    VMBP_CONFIDENTIAL_MEM_NONE = 0,         /**< no memory involved */
    VMBP_CONFIDENTIAL_MEM_PRIVATE = 1,      /**< ordinary guest memory: the VM is not
                                                 isolated, nothing is shared explicitly */
    VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE = 2, /**< allocated by the guest and made
                                                 host-visible (decrypted / shared) */
    VMBP_CONFIDENTIAL_MEM_ENCRYPTED = 3,    /**< allocated by the guest and kept
                                                 encrypted: only the guest and the
                                                 paravisor see it */
    VMBP_CONFIDENTIAL_MEM_PROVIDED = 4,     /**< not allocated: use the page the paravisor
                                                 already programmed into the register
                                                 (host-visible; check it with
                                                 vmbp_confidential_provided_page_check()) */
    VMBP_CONFIDENTIAL_MEM_BOUNCE = 5        /**< guest buffers are copied through
                                                 host-visible bounce buffers */
};

/** @brief The register a bring-up step writes. */
enum vmbp_confidential_op {
    VMBP_CONFIDENTIAL_OP_SIMP = 1,    /**< enable SIMP on its page */
    VMBP_CONFIDENTIAL_OP_SIEFP = 2,   /**< enable SIEFP on its page */
    VMBP_CONFIDENTIAL_OP_SINT = 3,    /**< program SINT2: vector, unmasked, auto-EOI, proxy */
    VMBP_CONFIDENTIAL_OP_SCONTROL = 4 /**< enable the SynIC */
};

/** @brief One register write of a bring-up plan. */
struct vmbp_confidential_step {
    uint8_t op;     /**< `enum vmbp_confidential_op` */
    uint8_t synic;  /**< `enum vmbp_confidential_synic`: whose register */
    uint8_t via;    /**< `enum vmbp_confidential_via` */
    uint8_t page;   /**< SIMP/SIEFP: `enum vmbp_confidential_mem` of the page; else NONE */
    uint8_t proxy;  /**< SINT: the proxy bit to write (0 or 1) */
    uint8_t mirror; /**< SINT: 1 if this write copies the value just written to the
                         hypervisor's SINT (with @c proxy), instead of modifying this
                         SynIC's own current value (Linux `hv_set_non_nested_msr`) */
};

/** @brief Where an operation goes, and the memory its input must be in. */
struct vmbp_confidential_route {
    uint8_t synic; /**< `enum vmbp_confidential_synic` */
    uint8_t via;   /**< `enum vmbp_confidential_via` */
    uint8_t input; /**< `enum vmbp_confidential_mem` of the hypercall input page (NONE for
                        register writes and fast calls) */
};

/** @brief Most steps a plan holds. */
#define VMBP_CONFIDENTIAL_MAX_STEPS 8u

/** @brief A bring-up plan and the routes of the operations that follow it. */
struct vmbp_confidential_plan {
    uint8_t mode;   /**< `enum vmbp_confidential_mode` (FALLBACK for a fallback plan) */
    uint8_t nsteps; /**< steps used */
    struct vmbp_confidential_step step[VMBP_CONFIDENTIAL_MAX_STEPS]; /**< in order */
    struct vmbp_confidential_route post;                             /**< HvPostMessage */
    struct vmbp_confidential_route signal;                           /**< HvSignalEvent */
    struct vmbp_confidential_route eom_hyp;  /**< EOM after a message from the hypervisor
                                                  SIMP */
    struct vmbp_confidential_route eom_para; /**< EOM after a message from the paravisor
                                                  SIMP (NONE if that page is not used) */
    uint8_t messages;  /**< SynICs whose SIMP SINT2 slot is polled (OR of synic bits) */
    uint8_t events;    /**< SynICs whose SIEFP SINT2 flags are scanned */
    bool confidential; /**< the connection is confidential: offers may use flags
                             0x2/0x4 */
    bool request_confidential_channels; /**< request feature 0x10 in INITIATE_CONTACT */
    bool isolated; /**< the VM is isolated: memory shared with the host must be made
                             host-visible */
};

/** @brief In which memory an offered channel's buffers live. */
struct vmbp_confidential_offer_memory {
    uint8_t ring;       /**< ring buffer GPADL: `enum vmbp_confidential_mem` */
    uint8_t gpadl;      /**< additional GPADLs (e.g. netvsc send/receive buffers) */
    uint8_t gpa_direct; /**< GPA-direct ranges in packets (storvsc, netvsc DMA) */
    bool pinned;        /**< external memory must be pinned (offer flag 0x8) */
};

/** @brief What to do after INITIATE_CONTACT was posted
 *  (vmbp_confidential_contact_outcome()). */
enum vmbp_confidential_contact {
    VMBP_CONFIDENTIAL_CONTACT_DONE = 0,         /**< posted; wait for VERSION_RESPONSE */
    VMBP_CONFIDENTIAL_CONTACT_RETRY = 1,        /**< queue full: post again later */
    VMBP_CONFIDENTIAL_CONTACT_NEXT_VERSION = 2, /**< try the next older version */
    VMBP_CONFIDENTIAL_CONTACT_FALLBACK = 3,     /**< apply the FALLBACK plan, contact the
                                                     host */
    VMBP_CONFIDENTIAL_CONTACT_FAIL = 4          /**< give up */
};

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief The policy of Linux 6.19: CPUID detection, EOM to the paravisor, HvSignalEvent to
 * the hypervisor, both message pages polled.
 * @return the policy
 */
VMBP_INLINE struct vmbp_confidential_policy vmbp_confidential_policy_linux(void)
{
    struct vmbp_confidential_policy p;

    p.detect = (uint8_t)VMBP_CONFIDENTIAL_DETECT_CPUID;
    p.eom = (uint8_t)VMBP_CONFIDENTIAL_EOM_PARAVISOR;
    p.signal = (uint8_t)VMBP_CONFIDENTIAL_SIGNAL_HYPERVISOR;
    p.messages = (uint8_t)VMBP_CONFIDENTIAL_MESSAGES_BOTH;
    return p;
}

/**
 * @brief The policy of mu_msvm: probe with fallback, EOM to the source SynIC, HvSignalEvent
 * to the hypervisor, only the paravisor's message page polled.
 * @return the policy
 */
VMBP_INLINE struct vmbp_confidential_policy vmbp_confidential_policy_mu_msvm(void)
{
    struct vmbp_confidential_policy p;

    p.detect = (uint8_t)VMBP_CONFIDENTIAL_DETECT_PROBE;
    p.eom = (uint8_t)VMBP_CONFIDENTIAL_EOM_SOURCE;
    p.signal = (uint8_t)VMBP_CONFIDENTIAL_SIGNAL_HYPERVISOR;
    p.messages = (uint8_t)VMBP_CONFIDENTIAL_MESSAGES_PARAVISOR;
    return p;
}

/** @cond VMBP_INTERNAL */
VMBP_INLINE bool vmbp_priv_conf_policy_ok(const struct vmbp_confidential_policy *p)
{
    return p->detect <= 1u && p->eom <= 1u && p->signal <= 1u && p->messages <= 1u;
}

/* The isolation types an arch can report: NONE and VBS everywhere, SNP and TDX on x64, CCA
 * on arm64. */
VMBP_INLINE bool vmbp_priv_conf_facts_ok(const struct vmbp_confidential_facts *f)
{
    uint8_t t = f->isolation_type;

    if (f->arch == (uint8_t)VMBP_CONFIDENTIAL_ARCH_X64)
        return t <= VMBP_CPUID_ISOLATION_TYPE_TDX;
    if (f->arch == (uint8_t)VMBP_CONFIDENTIAL_ARCH_ARM64)
        return t == VMBP_CPUID_ISOLATION_TYPE_NONE || t == VMBP_CPUID_ISOLATION_TYPE_VBS ||
               t == VMBP_CPUID_ISOLATION_TYPE_CCA;
    return false;
}
/** @endcond */

/**
 * @brief Decide the mode of the VMBus connection (spec/confidential.md, VMBP-CONF-001..004).
 *
 * | arch  | paravisor | isolation   | CPUID bit | detect | mode                      |
 * |-------|-----------|-------------|-----------|--------|---------------------------|
 * | any   | no        | valid       | any       | any    | DIRECT                    |
 * | x64   | yes       | SNP, TDX    | set       | CPUID  | CONFIDENTIAL              |
 * | x64   | yes       | SNP, TDX    | clear     | CPUID  | RELAY                     |
 * | x64   | yes       | SNP, TDX    | any       | PROBE  | PROBE                     |
 * | x64   | yes       | NONE, VBS   | any       | any    | VMBP_E_UNSUPPORTED        |
 * | arm64 | yes       | valid       | any       | any    | VMBP_E_UNSUPPORTED        |
 *
 * The CPUID bit is ignored without a paravisor: it promises a paravisor SynIC, and
 * without a paravisor the leaf comes from the untrusted host (Linux 6.19 trusts the bit
 * alone; its paravisor register accessors then refuse to run). A paravisor is visible in
 * 0x4000000C only in a hardware-isolated VM; with a paravisor but without SNP or TDX there
 * is no way past the paravisor (Linux `hv_post_message` answers
 * HV_STATUS_INVALID_PARAMETER). No upstream defines how an arm64 guest reaches the
 * hypervisor SynIC past a paravisor; Linux 6.19 never establishes the Confidential VMBus on
 * arm64 and `coco.rst` expects CCA guests to have it unconditionally in the future.
 * @param f    facts
 * @param p    policy (only @c detect matters here)
 * @param mode set to the mode on VMBP_OK
 * @return VMBP_OK; VMBP_E_INVAL (unknown arch or policy value); VMBP_E_FIELD_RANGE (an
 *         isolation type the arch cannot report: above 4, CCA on x64, SNP/TDX on arm64);
 *         VMBP_E_UNSUPPORTED (rows above)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_confidential_decide(const struct vmbp_confidential_facts *f,
                         const struct vmbp_confidential_policy *p,
                         enum vmbp_confidential_mode *mode)
{
    if ((f->arch != (uint8_t)VMBP_CONFIDENTIAL_ARCH_X64 &&
         f->arch != (uint8_t)VMBP_CONFIDENTIAL_ARCH_ARM64) ||
        !vmbp_priv_conf_policy_ok(p))
        return VMBP_E_INVAL;
    if (!vmbp_priv_conf_facts_ok(f))
        return VMBP_E_FIELD_RANGE;
    if (!f->paravisor_present) {
        *mode = VMBP_CONFIDENTIAL_MODE_DIRECT;
        return VMBP_OK;
    }
    if (f->arch != (uint8_t)VMBP_CONFIDENTIAL_ARCH_X64 ||
        (f->isolation_type != VMBP_CPUID_ISOLATION_TYPE_SNP &&
         f->isolation_type != VMBP_CPUID_ISOLATION_TYPE_TDX))
        return VMBP_E_UNSUPPORTED;
    if (p->detect == (uint8_t)VMBP_CONFIDENTIAL_DETECT_PROBE)
        *mode = VMBP_CONFIDENTIAL_MODE_PROBE;
    else
        *mode = f->confidential_vmbus_bit ? VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL
                                          : VMBP_CONFIDENTIAL_MODE_RELAY;
    return VMBP_OK;
}

/** @cond VMBP_INTERNAL */
VMBP_INLINE void
vmbp_priv_conf_step(struct vmbp_confidential_plan *pl, enum vmbp_confidential_op op,
                    enum vmbp_confidential_synic synic, enum vmbp_confidential_via via,
                    enum vmbp_confidential_mem page, unsigned proxy, unsigned mirror)
{
    struct vmbp_confidential_step *s = &pl->step[pl->nsteps++];

    s->op = (uint8_t)op;
    s->synic = (uint8_t)synic;
    s->via = (uint8_t)via;
    s->page = (uint8_t)page;
    s->proxy = (uint8_t)proxy;
    s->mirror = (uint8_t)mirror;
}

VMBP_INLINE void vmbp_priv_conf_route(struct vmbp_confidential_route *r,
                                      enum vmbp_confidential_synic synic,
                                      enum vmbp_confidential_via via,
                                      enum vmbp_confidential_mem input)
{
    r->synic = (uint8_t)synic;
    r->via = (uint8_t)via;
    r->input = (uint8_t)input;
}
/** @endcond */

/**
 * @brief Build the plan of a mode (spec/confidential.md, VMBP-CONF-005..013).
 *
 * Steps, in order (H = hypervisor SynIC, P = paravisor SynIC, E = the escape past the
 * paravisor: GHCB on SNP, tdcall on TDX; D = direct):
 * - DIRECT: H.SIMP, H.SIEFP (own pages, host-visible in an isolated VM), H.SINT2 (proxy
 *   0), H.SCONTROL, all D. Post, signal, EOM: H via D.
 * - RELAY: H.SIMP, H.SIEFP (pages PROVIDED by the paravisor), H.SINT2 (proxy 0), all via
 *   E; then P.SINT2 via D mirroring that value with proxy 1; then H.SCONTROL via E. Post
 *   (input page host-visible on TDX, private on SNP: the GHCB call copies it), signal, EOM:
 *   H via E.
 * - CONFIDENTIAL and PROBE: P.SIMP, P.SIEFP (own pages, ENCRYPTED) via D; H.SIMP, H.SIEFP
 *   (PROVIDED) and H.SINT2 (proxy 0) via E; P.SINT2 via D mirroring with proxy 0;
 *   P.SCONTROL via D. Post: P via D (input page encrypted). Signal and EOM per policy.
 *   Both event pages are scanned.
 * - FALLBACK (after a refused confidential contact; the documentation patch): P.SINT2 via
 *   D mirroring with proxy 1, then H.SCONTROL via E (Linux's RELAY plan writes it; SCONTROL
 *   resets to enabled on Hyper-V, so mu_msvm and the documentation patch omit it). The
 *   hypervisor SIMP was already set up "up front" by the CONFIDENTIAL steps, as the patch
 *   allows. Routes become RELAY's; feature 0x10 is no longer requested.
 * @param f    facts (validated as in vmbp_confidential_decide())
 * @param p    policy
 * @param mode DIRECT, RELAY, CONFIDENTIAL, PROBE (same plan as CONFIDENTIAL) or FALLBACK
 * @param out  the plan, written on VMBP_OK
 * @return VMBP_OK; VMBP_E_INVAL (bad arch, policy or mode); VMBP_E_FIELD_RANGE (bad
 *         isolation type); VMBP_E_STATE (the mode contradicts the facts: DIRECT with a
 *         paravisor, any other mode without one); VMBP_E_UNSUPPORTED (a paravisor without
 *         an escape: not x64 SNP or TDX)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_confidential_plan_build(
    const struct vmbp_confidential_facts *f, const struct vmbp_confidential_policy *p,
    enum vmbp_confidential_mode mode, struct vmbp_confidential_plan *out)
{
    struct vmbp_confidential_plan pl;
    enum vmbp_confidential_via esc;
    enum vmbp_confidential_mem own;
    const enum vmbp_confidential_synic hyp = VMBP_CONFIDENTIAL_SYNIC_HYPERVISOR;
    const enum vmbp_confidential_synic para = VMBP_CONFIDENTIAL_SYNIC_PARAVISOR;
    const enum vmbp_confidential_via direct = VMBP_CONFIDENTIAL_VIA_DIRECT;

    if ((f->arch != (uint8_t)VMBP_CONFIDENTIAL_ARCH_X64 &&
         f->arch != (uint8_t)VMBP_CONFIDENTIAL_ARCH_ARM64) ||
        !vmbp_priv_conf_policy_ok(p) || mode < VMBP_CONFIDENTIAL_MODE_DIRECT ||
        mode > VMBP_CONFIDENTIAL_MODE_FALLBACK)
        return VMBP_E_INVAL;
    if (!vmbp_priv_conf_facts_ok(f))
        return VMBP_E_FIELD_RANGE;
    if ((mode == VMBP_CONFIDENTIAL_MODE_DIRECT) == f->paravisor_present)
        return VMBP_E_STATE;

    VMBP_MEMSET(&pl, 0, sizeof(pl));
    pl.mode = (uint8_t)mode;
    pl.isolated = f->isolation_type != VMBP_CPUID_ISOLATION_TYPE_NONE;
    own = pl.isolated ? VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE : VMBP_CONFIDENTIAL_MEM_PRIVATE;

    if (mode == VMBP_CONFIDENTIAL_MODE_DIRECT) {
        vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SIMP, hyp, direct, own, 0, 0);
        vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SIEFP, hyp, direct, own, 0, 0);
        vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SINT, hyp, direct,
                            VMBP_CONFIDENTIAL_MEM_NONE, 0, 0);
        vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SCONTROL, hyp, direct,
                            VMBP_CONFIDENTIAL_MEM_NONE, 0, 0);
        vmbp_priv_conf_route(&pl.post, hyp, direct, own);
        vmbp_priv_conf_route(&pl.signal, hyp, direct, VMBP_CONFIDENTIAL_MEM_NONE);
        vmbp_priv_conf_route(&pl.eom_hyp, hyp, direct, VMBP_CONFIDENTIAL_MEM_NONE);
        vmbp_priv_conf_route(&pl.eom_para, VMBP_CONFIDENTIAL_SYNIC_NONE,
                             VMBP_CONFIDENTIAL_VIA_NONE, VMBP_CONFIDENTIAL_MEM_NONE);
        pl.messages = (uint8_t)hyp;
        pl.events = (uint8_t)hyp;
        VMBP_MEMCPY(out, &pl, sizeof(*out));
        return VMBP_OK;
    }

    if (f->arch != (uint8_t)VMBP_CONFIDENTIAL_ARCH_X64)
        return VMBP_E_UNSUPPORTED;
    if (f->isolation_type == VMBP_CPUID_ISOLATION_TYPE_SNP)
        esc = VMBP_CONFIDENTIAL_VIA_GHCB;
    else if (f->isolation_type == VMBP_CPUID_ISOLATION_TYPE_TDX)
        esc = VMBP_CONFIDENTIAL_VIA_TDCALL;
    else
        return VMBP_E_UNSUPPORTED;

    if (mode == VMBP_CONFIDENTIAL_MODE_RELAY || mode == VMBP_CONFIDENTIAL_MODE_FALLBACK) {
        if (mode == VMBP_CONFIDENTIAL_MODE_RELAY) {
            vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SIMP, hyp, esc,
                                VMBP_CONFIDENTIAL_MEM_PROVIDED, 0, 0);
            vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SIEFP, hyp, esc,
                                VMBP_CONFIDENTIAL_MEM_PROVIDED, 0, 0);
            vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SINT, hyp, esc,
                                VMBP_CONFIDENTIAL_MEM_NONE, 0, 0);
        }
        vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SINT, para, direct,
                            VMBP_CONFIDENTIAL_MEM_NONE, 1, 1);
        vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SCONTROL, hyp, esc,
                            VMBP_CONFIDENTIAL_MEM_NONE, 0, 0);
        /* Linux hv_post_message: TDX uses the decrypted post_msg_page; SNP's GHCB call
         * copies the (private) input into the GHCB page. */
        vmbp_priv_conf_route(&pl.post, hyp, esc,
                             esc == VMBP_CONFIDENTIAL_VIA_TDCALL
                                 ? VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE
                                 : VMBP_CONFIDENTIAL_MEM_PRIVATE);
        vmbp_priv_conf_route(&pl.signal, hyp, esc, VMBP_CONFIDENTIAL_MEM_NONE);
        vmbp_priv_conf_route(&pl.eom_hyp, hyp, esc, VMBP_CONFIDENTIAL_MEM_NONE);
        vmbp_priv_conf_route(&pl.eom_para, VMBP_CONFIDENTIAL_SYNIC_NONE,
                             VMBP_CONFIDENTIAL_VIA_NONE, VMBP_CONFIDENTIAL_MEM_NONE);
        pl.messages = (uint8_t)hyp;
        pl.events = (uint8_t)hyp;
        VMBP_MEMCPY(out, &pl, sizeof(*out));
        return VMBP_OK;
    }

    /* CONFIDENTIAL, or the first attempt of PROBE. */
    vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SIMP, para, direct,
                        VMBP_CONFIDENTIAL_MEM_ENCRYPTED, 0, 0);
    vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SIEFP, para, direct,
                        VMBP_CONFIDENTIAL_MEM_ENCRYPTED, 0, 0);
    vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SIMP, hyp, esc,
                        VMBP_CONFIDENTIAL_MEM_PROVIDED, 0, 0);
    vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SIEFP, hyp, esc,
                        VMBP_CONFIDENTIAL_MEM_PROVIDED, 0, 0);
    vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SINT, hyp, esc, VMBP_CONFIDENTIAL_MEM_NONE, 0,
                        0);
    vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SINT, para, direct,
                        VMBP_CONFIDENTIAL_MEM_NONE, 0, 1);
    vmbp_priv_conf_step(&pl, VMBP_CONFIDENTIAL_OP_SCONTROL, para, direct,
                        VMBP_CONFIDENTIAL_MEM_NONE, 0, 0);
    vmbp_priv_conf_route(&pl.post, para, direct, VMBP_CONFIDENTIAL_MEM_ENCRYPTED);
    if (p->signal == (uint8_t)VMBP_CONFIDENTIAL_SIGNAL_PARAVISOR)
        vmbp_priv_conf_route(&pl.signal, para, direct, VMBP_CONFIDENTIAL_MEM_NONE);
    else
        vmbp_priv_conf_route(&pl.signal, hyp, esc, VMBP_CONFIDENTIAL_MEM_NONE);
    vmbp_priv_conf_route(&pl.eom_para, para, direct, VMBP_CONFIDENTIAL_MEM_NONE);
    if (p->eom == (uint8_t)VMBP_CONFIDENTIAL_EOM_SOURCE)
        vmbp_priv_conf_route(&pl.eom_hyp, hyp, esc, VMBP_CONFIDENTIAL_MEM_NONE);
    else
        vmbp_priv_conf_route(&pl.eom_hyp, para, direct, VMBP_CONFIDENTIAL_MEM_NONE);
    pl.messages = p->messages == (uint8_t)VMBP_CONFIDENTIAL_MESSAGES_PARAVISOR
                      ? (uint8_t)para
                      : (uint8_t)((unsigned)hyp | (unsigned)para);
    pl.events = (uint8_t)((unsigned)hyp | (unsigned)para);
    pl.confidential = true;
    pl.request_confidential_channels = true;
    VMBP_MEMCPY(out, &pl, sizeof(*out));
    return VMBP_OK;
}

/**
 * @brief The value a bring-up step writes (VMBP-CONF-006, VMBP-CONF-007).
 *
 * - SIMP / SIEFP with an own page (PRIVATE, HOST_VISIBLE, ENCRYPTED): @p reg_now with
 *   enable set and the page number replaced by @p gpn; reserved bits preserved (Linux
 *   read-modify-write).
 * - SIMP / SIEFP with a PROVIDED page: @p reg_now with enable set; the page number the
 *   paravisor programmed is kept. A current page number of 0 means nothing was provided.
 * - SINT: @p reg_now with the vector, masked = 0, auto-EOI and the step's proxy bit. For a
 *   mirror step pass as @p reg_now the value the previous step wrote to the hypervisor's
 *   SINT (Linux writes the same value, proxy changed; mu_msvm likewise).
 * - SCONTROL: @p reg_now with enable set.
 * @param s        the step
 * @param arch     `enum vmbp_confidential_arch` (selects the SINT vector width)
 * @param reg_now  the register's current value (read it first), or for a mirror step the
 *                 hypervisor SINT value just written
 * @param gpn      page number of the guest's own page (SIMP / SIEFP with an own page)
 * @param vector   SINT vector (x64 16..255, arm64 16..1023)
 * @param auto_eoi SINT auto-EOI (x64: vmbp_cpuid_auto_eoi_recommended(); mu_msvm clears it
 *                 when isolated; must be false on arm64)
 * @param value    set to the value to write on VMBP_OK
 * @return VMBP_OK; VMBP_E_FIELD_RANGE (vector invalid for the arch, auto-EOI on arm64, gpn
 *         above 52 bits); VMBP_E_STATE (PROVIDED page not programmed); VMBP_E_INVAL (bad
 *         step or arch)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_confidential_step_value(const struct vmbp_confidential_step *s, uint8_t arch,
                             uint64_t reg_now, uint64_t gpn, uint32_t vector, bool auto_eoi,
                             uint64_t *value)
{
    uint64_t v = reg_now;

    if (arch != (uint8_t)VMBP_CONFIDENTIAL_ARCH_X64 &&
        arch != (uint8_t)VMBP_CONFIDENTIAL_ARCH_ARM64)
        return VMBP_E_INVAL;
    switch (s->op) {
    case VMBP_CONFIDENTIAL_OP_SIMP:
    case VMBP_CONFIDENTIAL_OP_SIEFP:
        if (s->page == (uint8_t)VMBP_CONFIDENTIAL_MEM_PROVIDED) {
            if (vmbp_synic_page_gpn(v) == 0)
                return VMBP_E_STATE;
        } else if (s->page == (uint8_t)VMBP_CONFIDENTIAL_MEM_PRIVATE ||
                   s->page == (uint8_t)VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE ||
                   s->page == (uint8_t)VMBP_CONFIDENTIAL_MEM_ENCRYPTED) {
            if (!vmbp_synic_page_gpn_fits(gpn))
                return VMBP_E_FIELD_RANGE;
            v = vmbp_synic_page_set_gpn(v, gpn);
        } else {
            return VMBP_E_INVAL;
        }
        *value = vmbp_synic_page_set_enabled(v, true);
        return VMBP_OK;
    case VMBP_CONFIDENTIAL_OP_SINT:
        if (arch == (uint8_t)VMBP_CONFIDENTIAL_ARCH_X64) {
            if (!vmbp_synic_sint_vector_valid_x64(vector))
                return VMBP_E_FIELD_RANGE;
            v = vmbp_synic_sint_set_vector_x64(v, vector);
        } else {
            if (!vmbp_synic_sint_vector_valid_arm64(vector) || auto_eoi)
                return VMBP_E_FIELD_RANGE;
            v = vmbp_synic_sint_set_vector_arm64(v, vector);
        }
        if (s->proxy > 1u)
            return VMBP_E_INVAL;
        v = vmbp_synic_sint_set_masked(v, false);
        v = vmbp_synic_sint_set_auto_eoi(v, auto_eoi);
        *value = vmbp_synic_sint_set_proxy(v, s->proxy != 0);
        return VMBP_OK;
    case VMBP_CONFIDENTIAL_OP_SCONTROL:
        *value = vmbp_synic_scontrol_set_enabled(v, true);
        return VMBP_OK;
    default:
        return VMBP_E_INVAL;
    }
}

/**
 * @brief Check a page the paravisor provided in a SIMP or SIEFP, as read back, and give
 * the address to map (VMBP-CONF-008; mu_msvm `EfiHvpEnableSynicComponent`, Linux
 * `hv_hyp_synic_enable_regs`).
 *
 * In a vTOM VM (the shared GPA boundary is non-zero) host-visible memory is the alias at
 * or above the boundary. A hypervisor SynIC page must be such an alias: the register was
 * read past the paravisor, from the untrusted hypervisor, and mapping a private page as
 * shared would let the host steer guest writes. Its mapping address is the GPA with the
 * boundary bit masked (Linux maps it decrypted). A paravisor SynIC page must be below the
 * boundary (private).
 * @param reg      the SIMP or SIEFP value read back
 * @param synic    whose register it is (`enum vmbp_confidential_synic`)
 * @param boundary shared GPA boundary (cpuid.h `shared_gpa_boundary`; 0 without vTOM)
 * @param gpa      set on VMBP_OK to the GPA to map (boundary bit cleared)
 * @return VMBP_OK; VMBP_E_STATE (page not enabled or page number 0); VMBP_E_FIELD_RANGE
 *         (a hypervisor page below the boundary, or a paravisor page at or above it);
 *         VMBP_E_INVAL (bad synic, or a boundary that is not a power of two)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_confidential_provided_page_check(uint64_t reg, uint8_t synic, uint64_t boundary,
                                      uint64_t *gpa)
{
    uint64_t a = vmbp_synic_page_gpa(reg);

    if ((synic != (uint8_t)VMBP_CONFIDENTIAL_SYNIC_HYPERVISOR &&
         synic != (uint8_t)VMBP_CONFIDENTIAL_SYNIC_PARAVISOR) ||
        (boundary & (boundary - 1u)) != 0)
        return VMBP_E_INVAL;
    if (!vmbp_synic_page_enabled(reg) || a == 0)
        return VMBP_E_STATE;
    if (boundary != 0) {
        bool above = a >= boundary;

        if (above != (synic == (uint8_t)VMBP_CONFIDENTIAL_SYNIC_HYPERVISOR))
            return VMBP_E_FIELD_RANGE;
    }
    *gpa = a & ~boundary;
    return VMBP_OK;
}

/**
 * @brief What to do after posting INITIATE_CONTACT under a plan (VMBP-CONF-010).
 *
 * Under PROBE, a refused confidential contact (any status other than success or a full
 * queue) means FALLBACK: mu_msvm retries "without confidential control plane" after any
 * PostMessage failure; the documentation patch: "If sending the InitiateContact message
 * using non-isolated HvPostMessage fails, the client must fall back". Otherwise the plain
 * rules of vmbp_hypercall_post_message_action() apply.
 * @param mode        the mode the contact was posted under
 * @param post_status HV_STATUS returned
 * @return the next action
 */
VMBP_INLINE enum vmbp_confidential_contact
vmbp_confidential_contact_outcome(enum vmbp_confidential_mode mode, uint16_t post_status)
{
    switch (vmbp_hypercall_post_message_action(post_status, true)) {
    case VMBP_HYPERCALL_POST_DONE:
        return VMBP_CONFIDENTIAL_CONTACT_DONE;
    case VMBP_HYPERCALL_POST_RETRY:
        return VMBP_CONFIDENTIAL_CONTACT_RETRY;
    case VMBP_HYPERCALL_POST_NEXT_VERSION:
        return mode == VMBP_CONFIDENTIAL_MODE_PROBE ? VMBP_CONFIDENTIAL_CONTACT_FALLBACK
                                                    : VMBP_CONFIDENTIAL_CONTACT_NEXT_VERSION;
    case VMBP_HYPERCALL_POST_FAIL:
        break;
    }
    return mode == VMBP_CONFIDENTIAL_MODE_PROBE ? VMBP_CONFIDENTIAL_CONTACT_FALLBACK
                                                : VMBP_CONFIDENTIAL_CONTACT_FAIL;
}

/**
 * @brief Decide an offer: accept or reject it, and in which memory its ring buffer and
 * external memory must be (VMBP-CONF-011, VMBP-CONF-012).
 *
 * Rejections, first match: flags 0x2/0x4 without 6.0 and feature 0x10
 * (VMBP_E_CONFIDENTIAL), 0x4 without 0x2 (VMBP_E_CONFIDENTIAL_EXT), 0x8 without GPA
 * pinning (VMBP_E_FEATURE) — vmbp_offer_flags_check() — then flags 0x2/0x4 on a
 * connection that is not confidential (VMBP_E_CONFIDENTIAL; Linux `vmbus_onoffer` checks
 * `vmbus_is_confidential()` too).
 *
 * Memory of an accepted offer:
 * - ring: ENCRYPTED with 0x2; otherwise HOST_VISIBLE in an isolated VM, PRIVATE if not
 *   (mu_msvm `VmbusChannel.c`; Linux 6.19 `__vmbus_establish_gpadl` decrypts unless
 *   confidential; OpenVMM `use_confidential_ring`).
 * - additional GPADLs: ENCRYPTED with 0x4; otherwise HOST_VISIBLE / PRIVATE (Linux
 *   commit 0a4534bdf29a, mu_msvm).
 * - GPA-direct ranges: ENCRYPTED with 0x4; otherwise BOUNCE in an isolated VM (mu_msvm
 *   `EmclDxe/Emcl.c`, commit 92305df; Linux bounces through swiotlb), PRIVATE if not
 *   isolated.
 * - pinned: with 0x8 (and GPA pinning negotiated).
 * @param flags offer flags from OFFER_CHANNEL
 * @param ctx   negotiated version and features
 * @param plan  the connection's plan (its @c confidential and @c isolated)
 * @param out   written on VMBP_OK
 * @return VMBP_OK, VMBP_E_CONFIDENTIAL, VMBP_E_CONFIDENTIAL_EXT or VMBP_E_FEATURE
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_confidential_offer_decide(uint16_t flags, const struct vmbp_ctx *ctx,
                               const struct vmbp_confidential_plan *plan,
                               struct vmbp_confidential_offer_memory *out)
{
    enum vmbp_status st = vmbp_offer_flags_check(flags, ctx);
    uint8_t shared = (uint8_t)(plan->isolated ? VMBP_CONFIDENTIAL_MEM_HOST_VISIBLE
                                              : VMBP_CONFIDENTIAL_MEM_PRIVATE);
    bool ext = (flags & (uint16_t)VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY) != 0;

    if (st != VMBP_OK)
        return st;
    if ((flags & VMBP_OFFER_FLAGS_CONFIDENTIAL) != 0 && !plan->confidential)
        return VMBP_E_CONFIDENTIAL;
    out->ring = (flags & (uint16_t)VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER) != 0
                    ? (uint8_t)VMBP_CONFIDENTIAL_MEM_ENCRYPTED
                    : shared;
    out->gpadl = ext ? (uint8_t)VMBP_CONFIDENTIAL_MEM_ENCRYPTED : shared;
    out->gpa_direct = ext ? (uint8_t)VMBP_CONFIDENTIAL_MEM_ENCRYPTED
                          : (uint8_t)(plan->isolated ? VMBP_CONFIDENTIAL_MEM_BOUNCE
                                                     : VMBP_CONFIDENTIAL_MEM_PRIVATE);
    out->pinned = (flags & (uint16_t)VMBP_OFFER_FLAG_REQUIRE_PINNED_EXTERNAL_MEMORY) != 0;
    return VMBP_OK;
}

/**
 * @brief The feature flags to request in INITIATE_CONTACT under a plan (VMBP-CONF-013,
 * VMBP-CONF-016): @p wanted, with CONFIDENTIAL_CHANNELS added when the plan requests it and
 * removed otherwise (mu_msvm adds it only for a confidential contact and drops it on
 * fallback; OpenVMM grants it only to a trusted contact), and SERVER_SPECIFIED_MONITOR_PAGES
 * removed when the VM is isolated and the contact goes to the host (RELAY, FALLBACK, an
 * isolated DIRECT).
 *
 * The host would choose the GPAs of pages the guest then writes as shared memory. Neither
 * anchor asks the host for them under isolation: Linux's isolated guest allocates its own
 * monitor pages, makes them host-visible and reports them with the shared GPA boundary set
 * (`drivers/hv/connection.c`, `vmbus_connect`, `vmbus_negotiate_version`), and OpenHCL's
 * client towards the host leaves the feature out (OpenVMM `vmbus_client/src/lib.rs`,
 * `SUPPORTED_FEATURE_FLAGS`; `vmbus_server/src/lib.rs`: "there is currently no way to
 * request server-allocated monitor pages from the relay host"). A confidential contact keeps
 * it: there the trusted paravisor allocates the pages in private memory, and without them
 * it turns monitored notification off ("the monitor pages must be allocated by the server,
 * not the guest, since the guest will provide shared pages which can't be used in this
 * case", `vmbus_server/src/lib.rs`; OpenHCL `virt_mshv_vtl` `allocate_monitor_page`).
 * @param plan   the plan in force
 * @param wanted the other features the guest wants
 * @return the flags to send
 */
VMBP_INLINE uint32_t
vmbp_confidential_contact_features(const struct vmbp_confidential_plan *plan, uint32_t wanted)
{
    uint32_t cc = (uint32_t)VMBP_FEATURE_CONFIDENTIAL_CHANNELS;
    uint32_t f = plan->request_confidential_channels ? (wanted | cc) : (wanted & ~cc);

    if (plan->isolated && !plan->confidential)
        f &= ~(uint32_t)VMBP_FEATURE_SERVER_SPECIFIED_MONITOR_PAGES;
    return f;
}

/**
 * @brief Check the monitor pages a 40-byte VERSION_RESPONSE provides, before the guest
 * uses them (VMBP-CONF-015). Call it when vmbp_msg_version_response_has_monitor_pages()
 * says the response hands the guest its pages.
 *
 * - The child-to-parent page (the one the guest writes its triggers to) is non-zero, and
 *   every page given is 4 KiB aligned. The parent-to-child page may be 0: OpenVMM's server
 *   sends no monitored interrupts and leaves it 0; when given, it is not the same page.
 * - In an isolated VM the pages lie in the memory the peer may have: with a confidential
 *   contact (the paravisor allocated them in private memory) below the shared GPA
 *   boundary; with a contact to the host at or above it, the host-visible alias (map the
 *   GPA with the boundary bit cleared, as for a provided SynIC page, VMBP-CONF-008). Without
 *   a known boundary a contact to the host cannot tell shared pages from private ones, and
 *   the pages are refused; a confidential contact's pages are then taken as given.
 * @param plan            the plan the contact was made under (its @c isolated and
 *                        @c confidential)
 * @param boundary        shared GPA boundary (cpuid.h `shared_gpa_boundary`; 0 without vTOM)
 * @param parent_to_child the response's parent_to_child_monitor_gpa
 * @param child_to_parent the response's child_to_parent_monitor_gpa
 * @return VMBP_OK; VMBP_E_MONITOR_PAGE (a rule above broken); VMBP_E_INVAL (@p plan NULL,
 *         or a boundary that is not a power of two)
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status
vmbp_confidential_monitor_pages_check(const struct vmbp_confidential_plan *plan,
                                      uint64_t boundary, uint64_t parent_to_child,
                                      uint64_t child_to_parent)
{
    const uint64_t page = (uint64_t)VMBP_HV_PAGE_SIZE - 1u;

    if (plan == NULL || (boundary & (boundary - 1u)) != 0)
        return VMBP_E_INVAL;
    if (child_to_parent == 0 || (child_to_parent & page) != 0 ||
        (parent_to_child & page) != 0 || parent_to_child == child_to_parent)
        return VMBP_E_MONITOR_PAGE;
    if (!plan->isolated)
        return VMBP_OK;
    if (boundary == 0)
        return plan->confidential ? VMBP_OK : VMBP_E_MONITOR_PAGE;
    if (plan->confidential)
        return child_to_parent < boundary && parent_to_child < boundary ? VMBP_OK
                                                                        : VMBP_E_MONITOR_PAGE;
    return child_to_parent >= boundary && (parent_to_child == 0 || parent_to_child >= boundary)
               ? VMBP_OK
               : VMBP_E_MONITOR_PAGE;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_CONFIDENTIAL_H */
