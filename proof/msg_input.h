/* SPDX-License-Identifier: MIT */
/*
 * The input of the message entry points: a message the host wrote, of which nothing is
 * known. Included after proof.h and the message headers.
 */
#ifndef VMBP_PROOF_MSG_INPUT_H
#define VMBP_PROOF_MSG_INPUT_H

/* Every byte of buf unknown, its length 0..cap, the negotiated version and features any,
 * and the accepted senders in and out of range. */
static void proof_any_msg(uint8_t *buf, size_t cap, size_t *len, struct vmbp_ctx *ctx,
                          enum vmbp_dir *dir)
{
    Frama_C_make_unknown((char *)buf, cap);
    *len = PROOF_ANY_SIZE(0, cap);
    ctx->version = PROOF_ANY_U32();
    ctx->features = PROOF_ANY_U32();
    *dir = (enum vmbp_dir)Frama_C_interval(0, 4);
}

#endif
