/* SPDX-License-Identifier: MIT */
/*
 * Entry point: the fault report, vmbp_msg_validate_fault(), over a 240-byte buffer whose
 * bytes are all unknown, with an unknown length 0..240, negotiated version and features,
 * and accepted direction (in and out of range); and vmbp_msg_offer_overlay_fault() on an
 * offer of unknown bytes, for every overlay (and one past the last).
 *
 * The report looks the failing check up by the decoder's row in the check table (through
 * the variant's row map when its type's decoder makes the checks of several variants), the
 * field by the check's field index and a GPADL word by the index the decoder names. Those
 * indices are in bounds only together with the variant chosen earlier on the same path, so
 * run.sh keeps the paths apart up to the report (-eva-partition-history with
 * -eva-interprocedural-history): each state reaching vmbp_priv_msg_fault_resolve() then
 * holds one check of one variant.
 */
#include "proof.h"
#include <vmbus_proto/msg_dispatch.h>
#include "msg_input.h"

static uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];

void proof_msg_fault(void)
{
    struct vmbp_ctx ctx;
    struct vmbp_msg_fault fault;
    struct vmbp_offer offer;
    enum vmbp_msg_overlay which;
    size_t len;
    enum vmbp_dir dir;
    enum vmbp_status st;

    proof_any_msg(buf, sizeof(buf), &len, &ctx, &dir);

    st = vmbp_msg_validate_fault(buf, len, &ctx, dir, &fault);
    /* what the report says of itself, on every path (each state holds one check) */
    /*@ assert fault.status == st; */
    /*@ assert st == VMBP_OK ==> fault.check == \null && fault.field == \null; */
    /*@ assert fault.check != \null ==> fault.variant != VMBP_MSGV_NONE; */
    /*@ assert fault.check != \null ==> fault.field != \null && fault.rule != \null; */
    st = vmbp_msg_validate_fault(NULL, len, &ctx, dir, &fault);
    st = vmbp_msg_validate_fault(buf, len, NULL, dir, &fault);
    st = vmbp_msg_validate_fault(buf, len, &ctx, dir, NULL);

    /* the overlays of the user-defined area of any offer, and an unknown overlay */
    Frama_C_make_unknown((char *)&offer, sizeof(offer));
    which = (enum vmbp_msg_overlay)Frama_C_interval(0, (int)VMBP_MSG_OVERLAY_COUNT);
    st = vmbp_msg_offer_overlay_fault(&offer, which, &fault);
    /*@ assert st != VMBP_E_INVAL ==> fault.status == st && fault.variant == VMBP_MSGV_NONE; */
    /*@ assert fault.check != \null ==> fault.field != \null && fault.rule != \null; */
    st = vmbp_msg_offer_overlay_fault(NULL, which, &fault);
    st = vmbp_msg_offer_overlay_fault(&offer, which, NULL);
    (void)st;
}
