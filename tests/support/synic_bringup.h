/* SPDX-License-Identifier: MIT */
/*
 * SynIC and Confidential VMBus bring-up, written the way a guest (kernel, firmware) or a
 * paravisor's client writes it with vmbus_proto's headers and nothing else.
 *
 * Copy this file and replace struct bringup_platform by your primitives: on x64, DIRECT
 * register access is WRMSR/RDMSR of vmbp_synic_msr(reg, sint), GHCB is your SEV-SNP GHCB
 * MSR protocol, TDCALL your TDG.VP.VMCALL wrapper; on arm64, DIRECT is
 * HvCallSet/GetVpRegisters with vmbp_synic_reg_name(reg, sint). tests/test_confidential.c
 * runs this code against a simulated hypervisor and paravisor and checks every register
 * value it writes.
 *
 * Sequence (spec/confidential.md):
 *   1. bringup_connect(): decide the mode from the facts, build the plan, execute its steps
 *      (bringup_run_plan()), post INITIATE_CONTACT along the plan's post route, and on a
 *      refused confidential contact apply the fallback plan and contact the host.
 *   2. In the SINT2 interrupt: bringup_scan_events() takes the channel interrupts of every
 *      event page the plan names; bringup_poll_message() takes the next message of each
 *      message page, copies and validates it, frees the slot and writes EOM where the
 *      plan says.
 *   3. bringup_signal(): HvSignalEvent for a channel, along the plan's signal route.
 */
#ifndef VMBP_TESTS_SYNIC_BRINGUP_H
#define VMBP_TESTS_SYNIC_BRINGUP_H

#include <vmbus_proto/confidential.h>
#include <vmbus_proto/cpuid.h>
#include <vmbus_proto/hypercall.h>
#include <vmbus_proto/synic.h>

/* What the guest's environment provides. @synic is where the plan says the access goes;
 * @via how to get there (the platform must not second-guess it). */
struct bringup_platform {
    void *ctx;
    uint64_t (*read_reg)(void *ctx, uint8_t synic, uint8_t via, enum vmbp_synic_register reg,
                         unsigned sint);
    void (*write_reg)(void *ctx, uint8_t synic, uint8_t via, enum vmbp_synic_register reg,
                      unsigned sint, uint64_t value);
    /* slow hypercall whose input is the page at @input */
    uint16_t (*hypercall)(void *ctx, uint8_t synic, uint8_t via, uint16_t code,
                          const void *input);
    /* fast hypercall with one 8-byte input register */
    uint16_t (*hypercall_fast)(void *ctx, uint8_t synic, uint8_t via, uint16_t code,
                               uint64_t input);
    /* a zeroed 4 KiB page in memory of kind @mem (enum vmbp_confidential_mem), and its GPN */
    void *(*alloc_page)(void *ctx, uint8_t mem, uint64_t *gpn);
    /* map the host-visible page at @gpa (a page the paravisor provided) */
    void *(*map_shared)(void *ctx, uint64_t gpa);
};

/* Per-VP state of the guest. Pages are indexed by synic bit: [1] hypervisor, [2] paravisor. */
struct bringup_state {
    struct vmbp_confidential_facts facts;
    struct vmbp_confidential_policy policy;
    struct vmbp_confidential_plan plan;
    enum vmbp_confidential_mode mode; /* decided mode (PROBE until the contact settles) */
    uint64_t shared_gpa_boundary;     /* cpuid.h: vmbp_cpuid_isolation.shared_gpa_boundary */
    uint32_t vector;                  /* SINT2 vector */
    bool auto_eoi;
    uint64_t hyp_sint; /* the value last written to the hypervisor's SINT2 */
    volatile void *simp[3], *siefp[3];
    void *post_page[6]; /* HvPostMessage input page per memory kind */
};

/* Execute the steps of @plan in order. Each value is computed by
 * vmbp_confidential_step_value() from the register's current value (read first), so
 * reserved bits are preserved; a mirrored SINT starts from the hypervisor's value. */
static inline enum vmbp_status bringup_run_plan(const struct bringup_platform *pf,
                                                struct bringup_state *st,
                                                const struct vmbp_confidential_plan *plan)
{
    unsigned i;

    for (i = 0; i < plan->nsteps; i++) {
        const struct vmbp_confidential_step *s = &plan->step[i];
        enum vmbp_synic_register reg;
        uint64_t cur = 0, gpn = 0, val;
        void *own = NULL;
        enum vmbp_status rc;

        switch (s->op) {
        case VMBP_CONFIDENTIAL_OP_SIMP:
            reg = VMBP_SYNIC_SIMP;
            break;
        case VMBP_CONFIDENTIAL_OP_SIEFP:
            reg = VMBP_SYNIC_SIEFP;
            break;
        case VMBP_CONFIDENTIAL_OP_SINT:
            reg = VMBP_SYNIC_SINT;
            break;
        default:
            reg = VMBP_SYNIC_SCONTROL;
        }
        if (s->op == VMBP_CONFIDENTIAL_OP_SINT && s->mirror)
            cur = st->hyp_sint;
        else
            cur = pf->read_reg(pf->ctx, s->synic, s->via, reg, VMBP_SYNIC_VMBUS_SINT);
        if ((s->op == VMBP_CONFIDENTIAL_OP_SIMP || s->op == VMBP_CONFIDENTIAL_OP_SIEFP) &&
            s->page != VMBP_CONFIDENTIAL_MEM_PROVIDED)
            own = pf->alloc_page(pf->ctx, s->page, &gpn);
        rc = vmbp_confidential_step_value(s, st->facts.arch, cur, gpn, st->vector, st->auto_eoi,
                                          &val);
        if (rc != VMBP_OK)
            return rc;
        if (s->op == VMBP_CONFIDENTIAL_OP_SIMP || s->op == VMBP_CONFIDENTIAL_OP_SIEFP) {
            volatile void *page = own;

            if (s->page == VMBP_CONFIDENTIAL_MEM_PROVIDED) {
                uint64_t gpa;

                /* the value came from the untrusted hypervisor: check before mapping */
                rc = vmbp_confidential_provided_page_check(val, s->synic,
                                                           st->shared_gpa_boundary, &gpa);
                if (rc != VMBP_OK)
                    return rc;
                page = pf->map_shared(pf->ctx, gpa);
            }
            if (s->op == VMBP_CONFIDENTIAL_OP_SIMP)
                st->simp[s->synic] = page;
            else
                st->siefp[s->synic] = page;
        }
        pf->write_reg(pf->ctx, s->synic, s->via, reg, VMBP_SYNIC_VMBUS_SINT, val);
        if (s->op == VMBP_CONFIDENTIAL_OP_SINT &&
            s->synic == VMBP_CONFIDENTIAL_SYNIC_HYPERVISOR)
            st->hyp_sint = val;
    }
    return VMBP_OK;
}

/* HvPostMessage of a VMBus message along the plan's post route, from an input page in the
 * memory the route requires. Returns the HV_STATUS. */
static inline uint16_t bringup_post(const struct bringup_platform *pf, struct bringup_state *st,
                                    uint32_t connection_id, const void *msg, size_t len)
{
    const struct vmbp_confidential_route *r = &st->plan.post;
    size_t n;
    uint64_t gpn;

    if (st->post_page[r->input] == NULL)
        st->post_page[r->input] = pf->alloc_page(pf->ctx, r->input, &gpn);
    if (vmbp_hypercall_post_message_encode(connection_id, VMBP_SYNIC_MSG_TYPE_VMBUS, msg, len,
                                           st->post_page[r->input], 4096, &n) != VMBP_OK)
        return VMBP_HV_STATUS_INVALID_PARAMETER;
    return pf->hypercall(pf->ctx, r->synic, r->via, VMBP_HVCALL_POST_MESSAGE,
                         st->post_page[r->input]);
}

/* INITIATE_CONTACT for 6.0 (40 bytes: header, version, target VP, target SINT/VTL,
 * feature flags, two monitor page GPAs). msg_connect.h provides the full encoder; the
 * layout is spelled out here to keep this example self-contained. */
static inline size_t bringup_initiate_contact(uint8_t *buf, uint32_t features)
{
    VMBP_MEMSET(buf, 0, 40);
    vmbp_store_le32(buf + 0, 14); /* CHANNELMSG_INITIATE_CONTACT */
    vmbp_store_le32(buf + 8, (uint32_t)VMBP_VERSION_6_0);
    vmbp_store_le32(buf + 12, 0);             /* target VP */
    buf[16] = (uint8_t)VMBP_SYNIC_VMBUS_SINT; /* messages on SINT2 */
    buf[17] = 0;                              /* VTL 0 */
    vmbp_store_le32(buf + 20, features);
    return 40;
}

/* Decide, bring up, contact; fall back if a probed confidential contact is refused. */
static inline enum vmbp_status bringup_connect(const struct bringup_platform *pf,
                                               struct bringup_state *st, uint32_t features,
                                               uint16_t *hv_status)
{
    uint8_t msg[40];
    size_t len;
    enum vmbp_status rc;
    enum vmbp_confidential_contact next;

    rc = vmbp_confidential_decide(&st->facts, &st->policy, &st->mode);
    if (rc == VMBP_OK)
        rc = vmbp_confidential_plan_build(&st->facts, &st->policy, st->mode, &st->plan);
    if (rc == VMBP_OK)
        rc = bringup_run_plan(pf, st, &st->plan);
    if (rc != VMBP_OK)
        return rc;

    len =
        bringup_initiate_contact(msg, vmbp_confidential_contact_features(&st->plan, features));
    *hv_status =
        bringup_post(pf, st, vmbp_version_contact_connection_id(VMBP_VERSION_6_0), msg, len);
    next = vmbp_confidential_contact_outcome(st->mode, *hv_status);
    if (next == VMBP_CONFIDENTIAL_CONTACT_FALLBACK) {
        struct vmbp_confidential_plan fb;

        rc = vmbp_confidential_plan_build(&st->facts, &st->policy,
                                          VMBP_CONFIDENTIAL_MODE_FALLBACK, &fb);
        if (rc == VMBP_OK)
            rc = bringup_run_plan(pf, st, &fb);
        if (rc != VMBP_OK)
            return rc;
        /* the pages set up so far stay; the fallback plan's routes replace the old ones */
        st->plan = fb;
        st->mode = VMBP_CONFIDENTIAL_MODE_RELAY;
        len = bringup_initiate_contact(msg,
                                       vmbp_confidential_contact_features(&st->plan, features));
        *hv_status = bringup_post(pf, st, vmbp_version_contact_connection_id(VMBP_VERSION_6_0),
                                  msg, len);
        next = vmbp_confidential_contact_outcome(st->mode, *hv_status);
    } else if (st->mode == VMBP_CONFIDENTIAL_MODE_PROBE &&
               next == VMBP_CONFIDENTIAL_CONTACT_DONE) {
        st->mode = VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL;
    }
    return next == VMBP_CONFIDENTIAL_CONTACT_DONE ? VMBP_OK : VMBP_E_STATE;
}

/* Take the next message from the SINT2 slot of @synic's message page, if the plan polls
 * it: copy once, validate the copy, free the slot, write EOM where the plan says.
 * Returns VMBP_OK with out->type NONE when the slot is empty. */
static inline enum vmbp_status bringup_poll_message(const struct bringup_platform *pf,
                                                    struct bringup_state *st, uint8_t synic,
                                                    struct vmbp_synic_message *out)
{
    volatile void *slot;
    enum vmbp_status rc;
    bool eom = false;
    const struct vmbp_confidential_route *r;

    out->type = VMBP_SYNIC_MSG_TYPE_NONE;
    if (!(st->plan.messages & synic) || st->simp[synic] == NULL)
        return VMBP_OK;
    slot = vmbp_synic_message_slot(st->simp[synic], VMBP_SYNIC_VMBUS_SINT);
    rc = vmbp_synic_slot_snapshot(slot, out);
    if (out->type == VMBP_SYNIC_MSG_TYPE_NONE)
        return rc;
    /* a bad message is still taken off the slot, or the queue would stall (Linux) */
    if (vmbp_synic_slot_complete(slot, out->type, &eom) == VMBP_OK && eom) {
        r = synic == VMBP_CONFIDENTIAL_SYNIC_HYPERVISOR ? &st->plan.eom_hyp
                                                        : &st->plan.eom_para;
        pf->write_reg(pf->ctx, r->synic, r->via, VMBP_SYNIC_EOM, 0, VMBP_SYNIC_EOM_VALUE);
    }
    return rc;
}

/* Take the channel interrupts of every event page the plan scans (hypervisor first). */
static inline size_t bringup_scan_events(struct bringup_state *st, uint32_t *ids, size_t cap)
{
    size_t total = 0, n;
    uint8_t synic;

    for (synic = 1; synic <= 2; synic++) {
        enum vmbp_status taken;

        if (!(st->plan.events & synic) || st->siefp[synic] == NULL)
            continue;
        taken = vmbp_synic_event_take((volatile uint8_t *)st->siefp[synic] +
                                          VMBP_SYNIC_VMBUS_SINT * VMBP_SYNIC_EVENT_FLAGS_BYTES,
                                      NULL, NULL, ids + total, cap - total, &n);
        /* VMBP_E_NOSPACE only says some flags stay set for the next scan: the IDs taken
         * are reported either way */
        (void)taken;
        total += n;
    }
    return total;
}

/* HvSignalEvent for a channel (connection ID from its offer), along the plan's route. */
static inline uint16_t bringup_signal(const struct bringup_platform *pf,
                                      const struct bringup_state *st, uint32_t connection_id)
{
    uint64_t v;

    if (vmbp_hypercall_signal_event_value(connection_id, 0, &v) != VMBP_OK)
        return VMBP_HV_STATUS_INVALID_PARAMETER;
    return pf->hypercall_fast(pf->ctx, st->plan.signal.synic, st->plan.signal.via,
                              VMBP_HVCALL_SIGNAL_EVENT, v);
}

#endif /* VMBP_TESTS_SYNIC_BRINGUP_H */
