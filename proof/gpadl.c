/* SPDX-License-Identifier: MIT */
/*
 * Entry points for GPADL range data:
 * - proof_gpadl_reasm: the reassembler over any sequence of decoded GPADL_HEADER and
 *   GPADL_BODY messages (every field and word unknown, including word counts out of range),
 *   with storage of the maximum size and of a small size, then any range of the result;
 * - proof_gpadl_split: the split helper over any list of ranges (counts, offsets and PFNs
 *   unknown), then any message of the plan into a 240-byte buffer of unknown capacity.
 */
#include "proof.h"
#include <vmbus_proto/msg_gpadl.h>

#define SMALL_WORDS 40u
#define MAX_STEPS 300    /* enough messages to complete the largest GPADL (1 + 293) */
#define MAX_RANGES 4096u /* more than plan_init can accept (each range takes 2+ words) */

static uint64_t storage[VMBP_GPADL_MAX_WORDS];
static uint64_t small_storage[SMALL_WORDS];

static void feed(struct vmbp_gpadl_reasm *r)
{
    struct vmbp_gpadl_header h;
    struct vmbp_gpadl_body b;
    struct vmbp_gpa_range out;
    enum vmbp_status st;
    int steps = Frama_C_interval(0, MAX_STEPS), i;

    for (i = 0; i < steps; i++) {
        if (Frama_C_interval(0, 1)) {
            Frama_C_make_unknown((char *)&h, sizeof(h));
            st = vmbp_gpadl_reasm_header(r, &h);
        } else {
            Frama_C_make_unknown((char *)&b, sizeof(b));
            st = vmbp_gpadl_reasm_body(r, &b);
        }
    }
    st = vmbp_gpadl_reasm_range(r, PROOF_ANY_U32(), &out);
    (void)st;
}

void proof_gpadl_reasm(void)
{
    struct vmbp_gpadl_reasm r;

    if (vmbp_gpadl_reasm_init(&r, storage, PROOF_ANY_SIZE(0, VMBP_GPADL_MAX_WORDS)) == VMBP_OK)
        feed(&r);
    if (vmbp_gpadl_reasm_init(&r, small_storage, SMALL_WORDS) == VMBP_OK)
        feed(&r);
}

static uint64_t pfns[VMBP_GPADL_MAX_WORDS];
static struct vmbp_gpa_range ranges[MAX_RANGES] = {[0 ... MAX_RANGES - 1] = {0, 0, pfns}};
static uint8_t msg[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];

/* Any list of ranges: plan_init over every count and offset. */
void proof_gpadl_split_check(void)
{
    struct vmbp_gpadl_plan plan;
    uint32_t i;

    for (i = 0; i < MAX_RANGES; i++) {
        ranges[i].byte_count = PROOF_ANY_U32();
        ranges[i].byte_offset = PROOF_ANY_U32();
    }
    (void)vmbp_gpadl_plan_init(&plan, PROOF_ANY_U32(), PROOF_ANY_U32(), ranges,
                               PROOF_ANY_SIZE(0, MAX_RANGES));
}

/*
 * Every list plan_init accepts, then any of its messages. An accepted list has at most 8191
 * words, so each of its ranges spans at most 8190 pages: these inputs (each range on its
 * own within that size, the list unconstrained) include every accepted list. Every PFN
 * pointer refers to 8191 PFNs, more than any such range needs, as the API requires.
 */
void proof_gpadl_split(void)
{
    struct vmbp_gpadl_plan plan;
    size_t len = 0;
    uint32_t i, off;
    enum vmbp_status st;

    Frama_C_make_unknown((char *)pfns, sizeof(pfns));
    for (i = 0; i < MAX_RANGES; i++) {
        off = Frama_C_unsigned_int_interval(0, VMBP_HV_PAGE_SIZE - 1u);
        ranges[i].byte_offset = off;
        ranges[i].byte_count = Frama_C_unsigned_int_interval(1, 8190u * 4096u - off);
    }
    st = vmbp_gpadl_plan_init(&plan, PROOF_ANY_U32(), PROOF_ANY_U32(), ranges,
                              PROOF_ANY_SIZE(0, MAX_RANGES));
    if (st != VMBP_OK)
        return;
    st = vmbp_gpadl_plan_message(&plan, PROOF_ANY_U32(), msg, PROOF_ANY_SIZE(0, sizeof(msg)),
                                 &len);
    (void)st;
}
