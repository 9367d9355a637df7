/* SPDX-License-Identifier: MIT */
/*
 * fuzz_synic: what a guest takes from the hypervisor (or from a host it does not trust)
 * through the SynIC and neighbouring interfaces: message slots (snapshot, validation,
 * end-of-message), event flags (scan of a private copy, take from the live page),
 * register values (SynIC registers, hypercall control and result words, CPUID leaves).
 * Input: a sequence of ops (fuzz_format.h, FZ_SOP_*); the bytes after an op's own are the
 * racing host's, consumed before each shared read.
 *
 * Contracts, each against an independent model:
 * - a slot is read once (256 bytes, one copy) and the result is that copy's fields; the
 *   status follows spec/synic.md; the payload is copied only when valid, zero elsewhere;
 * - end-of-message: the slot type is cleared only when it still holds the snapshot's type,
 *   and the decision is the pending bit read after clearing;
 * - event scan: exactly the set flags from `first`, in order, flag 0 never, at most cap;
 * - event take: every reported channel was set in the value the atomic operation returned,
 *   in order, none twice, flag 0 never; exactly the taken bits are cleared, untaken flags
 *   stay set, and the status says whether any remain;
 * - registers: every field getter and setter agrees with the field tables, the tables
 *   cover each register exactly, and decode-then-encode gives back the value.
 */
#include "tshm.h" /* the instrumented accessors, before any vmbus_proto header */

#include <vmbus_proto/cpuid.h>
#include <vmbus_proto/hypercall.h>
#include <vmbus_proto/synic.h>

#include "fuzz_format.h"
#include "fuzz_util.h"

#define LOGMAX 160

struct sfz {
    struct fz *in;  /* ops and racing-host bytes */
    uint8_t *slot;  /* live message slot (256 bytes, shared) */
    uint8_t *flags; /* live event flags (256 bytes, shared) */
    bool race;
    /* shared reads of the current call, in order */
    size_t nlog;
    uint32_t log_off[LOGMAX]; /* byte offset in its region */
    uint32_t log_len[LOGMAX];
    uint32_t log_val[LOGMAX]; /* value of a 4-byte read */
    bool log_slot[LOGMAX];    /* region: slot or flags */
};

static void sfz_mutator(void *ctx, uint8_t *addr, size_t len)
{
    struct sfz *S = (struct sfz *)ctx;
    bool in_slot = addr >= S->slot && addr < S->slot + 256;
    uint8_t *base = in_slot ? S->slot : S->flags;

    if (S->race && len) {
        uint8_t c = fz_u8(S->in);

        if (c & 1u)
            fz_bytes(S->in, addr, len);
        else if (c & 2u)
            addr[fz_u8(S->in) % len] ^= fz_u8(S->in);
    }
    FZ_CHECK(S->nlog < LOGMAX, "more than %d shared reads in one call", LOGMAX);
    S->log_off[S->nlog] = (uint32_t)(addr - base);
    S->log_len[S->nlog] = (uint32_t)len;
    S->log_val[S->nlog] = len == 4 ? fz_le32(addr) : 0;
    S->log_slot[S->nlog] = in_slot;
    S->nlog++;
}

/* The model takes the next logged read and checks where it was. */
static uint32_t sfz_next(struct sfz *S, size_t *i, bool slot, uint32_t off, uint32_t len)
{
    FZ_CHECK(*i < S->nlog, "expected a %u-byte read at %u of the %s", len, off,
             slot ? "slot" : "flags");
    FZ_CHECK(S->log_slot[*i] == slot && S->log_off[*i] == off && S->log_len[*i] == len,
             "read %zu is %u bytes at %u of the %s; expected %u bytes at %u of the %s", *i,
             S->log_len[*i], S->log_off[*i], S->log_slot[*i] ? "slot" : "flags", len, off,
             slot ? "slot" : "flags");
    return S->log_val[(*i)++];
}

/* The message types of the table, independently of the header's lookup functions. */
struct sfz_type {
    uint32_t value;
    const char *name;
};
#define SFZ_TYPE(e, text) {(e), &(#e)[sizeof("VMBP_SYNIC_MSG_TYPE_") - 1]},
static const struct sfz_type sfz_types[] = {VMBP_SYNIC_MSG_TYPE_LIST(SFZ_TYPE)};
#undef SFZ_TYPE

static const char *sfz_type_name(uint32_t t)
{
    size_t i;

    for (i = 0; i < sizeof(sfz_types) / sizeof(sfz_types[0]); i++)
        if (sfz_types[i].value == t)
            return sfz_types[i].name;
    return NULL;
}

static void op_snapshot(struct sfz *S)
{
    struct vmbp_synic_message out;
    uint8_t raw[256], how;
    uint32_t seen, i, pending;
    const char *name;
    enum vmbp_status st, want;
    size_t li = 0;
    bool eom = true;

    fz_bytes(S->in, S->slot, 256);
    how = fz_u8(S->in);
    seen = fz_u32(S->in);
    S->race = (how & 0x10u) != 0;
    memset(&out, 0xEE, sizeof(out));
    S->nlog = 0;
    st = vmbp_synic_slot_snapshot(S->slot, &out);
    (void)sfz_next(S, &li, true, 0, 256);
    FZ_CHECK(S->nlog == 1, "the slot was read %zu times", S->nlog);
    memcpy(raw, S->slot, 256); /* nothing writes the slot between the read and here */
    if (fz_le32(raw) == 0) /* a free slot is empty whatever its other bytes (VMBP-SYNIC-009) */
        FZ_CHECK(out.type == 0 && out.payload_size == 0 && out.flags == 0 && out.sender == 0,
                 "snapshot of a free slot is not empty");
    else
        FZ_CHECK(out.type == fz_le32(raw) && out.payload_size == raw[4] &&
                     out.flags == raw[5] && out.sender == fz_le64(raw + 8),
                 "snapshot fields differ from the bytes read");
    name = sfz_type_name(out.type);
    FZ_CHECK(vmbp_synic_msg_type_is_known(out.type) == (name != NULL), "is_known(0x%x)",
             out.type);
    FZ_CHECK((vmbp_synic_msg_type_name(out.type) == NULL) == (name == NULL) &&
                 (!name || strcmp(name, vmbp_synic_msg_type_name(out.type)) == 0),
             "type name of 0x%x", out.type);
    if (out.type == 0)
        want = VMBP_OK;
    else if (raw[4] > 240u)
        want = VMBP_E_LENGTH_FIELD;
    else if (!name)
        want = VMBP_E_UNKNOWN_TYPE;
    else
        want = VMBP_OK;
    FZ_CHECK(st == want, "snapshot: status 0x%x, the model expects 0x%x", (unsigned)st,
             (unsigned)want);
    for (i = 0; i < 240; i++) {
        uint8_t b = (want == VMBP_OK && out.type != 0 && i < raw[4]) ? raw[16 + i] : 0;

        FZ_CHECK(out.payload[i] == b, "payload byte %u is 0x%02x, expected 0x%02x", i,
                 out.payload[i], b);
    }

    /* end of message */
    if (how & 4u)
        seen = out.type;
    S->nlog = 0;
    li = 0;
    switch (how & 3u) {
    case 1: {
        uint32_t at;

        st = vmbp_synic_slot_complete(S->slot, seen, &eom);
        if (seen == 0) {
            FZ_CHECK(st == VMBP_E_STATE && !eom && S->nlog == 0, "complete(NONE)");
            break;
        }
        at = sfz_next(S, &li, true, 0, 4); /* the compare-exchange */
        if (at != seen) {
            FZ_CHECK(st == VMBP_E_STATE && !eom && fz_le32(S->slot) == at,
                     "complete: slot held 0x%x, not 0x%x: status 0x%x", at, seen, (unsigned)st);
            break;
        }
        pending = sfz_next(S, &li, true, 4, 4);
        FZ_CHECK(st == VMBP_OK && eom == (((pending >> 8) & 1u) != 0),
                 "complete: status 0x%x eom %d (pending word 0x%x)", (unsigned)st, eom,
                 pending);
        break;
    }
    case 2:
        eom = vmbp_synic_slot_complete_store(S->slot);
        pending = sfz_next(S, &li, true, 4, 4);
        FZ_CHECK(eom == (((pending >> 8) & 1u) != 0), "complete_store: eom %d", eom);
        break;
    default:
        break;
    }
    FZ_CHECK(li == S->nlog, "end of message: %zu shared reads, expected %zu", S->nlog, li);
    if ((how & 3u) == 2u || ((how & 3u) == 1u && st == VMBP_OK))
        FZ_CHECK(fz_le32(S->slot) == 0, "the slot type was not cleared");
    S->race = false;
}

static void op_scan(struct sfz *S)
{
    uint8_t flags[256];
    uint32_t first, cap, *ids, next = 0xFFFFFFFFu, f, n = 0, want_next;
    size_t got, i;

    fz_bytes(S->in, flags, sizeof(flags));
    first = fz_u16(S->in);
    cap = fz_u8(S->in);
    ids = (uint32_t *)fz_malloc(cap * sizeof(uint32_t));
    got = vmbp_synic_event_scan(flags, first, ids, cap, &next);
    for (f = first; f < 2048u; f++) {
        if (!((flags[f / 8u] >> (f % 8u)) & 1u) || f == 0)
            continue;
        if (n == cap)
            break;
        FZ_CHECK(n < got && ids[n] == f, "scan: id %u should be flag %u", n, f);
        n++;
    }
    want_next = f < 2048u ? f : 2048u;
    FZ_CHECK(got == n && next == want_next,
             "scan from %u cap %u: %zu ids next %u, expected %u "
             "next %u",
             first, cap, got, next, n, want_next);
    for (i = 0; i < got; i++)
        FZ_CHECK(ids[i] != 0, "scan reported flag 0");
    free(ids);
}

struct sfz_tac {
    struct sfz *S;
    uint32_t old[64]; /* value each word had at its test-and-clear */
    bool called[64];
};

/* A test-and-clear that lets the racing host set bits just before it (not through tshm). */
static uint32_t sfz_tac(volatile uint32_t *word, uint32_t mask, void *ctx)
{
    struct sfz_tac *T = (struct sfz_tac *)ctx;
    uint8_t *w = (uint8_t *)(uintptr_t)word;
    size_t i = (size_t)(w - T->S->flags) / 4u;
    uint32_t v = fz_le32(w) | fz_u32(T->S->in);

    FZ_CHECK(!T->called[i], "test-and-clear of word %zu twice", i);
    T->called[i] = true;
    T->old[i] = v;
    fz_put32(w, v & ~mask);
    return v;
}

static void op_take(struct sfz *S)
{
    uint8_t init[256];
    uint32_t *ids, cap, bit, after[64];
    struct sfz_tac T;
    size_t n = 0, k = 0, li = 0, i;
    enum vmbp_status st, want = VMBP_OK;
    bool own_tac, tacked[64];

    fz_bytes(S->in, S->flags, 256);
    memcpy(init, S->flags, 256);
    cap = fz_u8(S->in);
    own_tac = (fz_u8(S->in) & 1u) != 0;
    memset(&T, 0, sizeof(T));
    memset(tacked, 0, sizeof(tacked));
    T.S = S;
    ids = (uint32_t *)fz_malloc(cap * sizeof(uint32_t));
    S->race = true;
    S->nlog = 0;
    st = vmbp_synic_event_take(S->flags, own_tac ? sfz_tac : NULL, &T, ids, cap, &n);
    S->race = false;
    for (i = 0; i < 64; i++)
        after[i] = fz_le32(init + i * 4u); /* words never read keep their bytes */
    /* replay the algorithm over the values read: one peek per word, then one atomic */
    for (i = 0; i < 64 && want == VMBP_OK; i++) {
        uint32_t peek = sfz_next(S, &li, false, (uint32_t)i * 4u, 4), mask = 0, old, got;
        size_t room = cap - k;

        after[i] = peek;
        if (peek == 0)
            continue;
        for (bit = 0; bit < 32; bit++) {
            if (!((peek >> bit) & 1u))
                continue;
            if (i == 0 && bit == 0) {
                mask |= 1u; /* flag 0: cleared, never reported, takes no room */
                continue;
            }
            if (room == 0)
                break;
            mask |= 1u << bit;
            room--;
        }
        if (mask == 0) {
            want = VMBP_E_NOSPACE;
            break;
        }
        tacked[i] = true;
        if (own_tac) {
            FZ_CHECK(T.called[i], "no test-and-clear of word %zu", i);
            old = T.old[i];
        } else {
            old = sfz_next(S, &li, false, (uint32_t)i * 4u, 4);
        }
        after[i] = old & ~mask;
        got = old & mask;
        for (bit = 0; bit < 32; bit++) {
            if (!((got >> bit) & 1u) || (i == 0 && bit == 0))
                continue;
            FZ_CHECK(k < n && ids[k] == i * 32u + bit, "take: id %zu should be flag %zu", k,
                     i * 32u + bit);
            k++;
        }
        if (mask != peek)
            want = VMBP_E_NOSPACE;
    }
    FZ_CHECK(li == S->nlog, "take: %zu shared reads, the model accounts for %zu", S->nlog, li);
    FZ_CHECK(st == want && n == k && n <= cap,
             "take (cap %u): status 0x%x with %zu ids, the "
             "model expects 0x%x with %zu",
             cap, (unsigned)st, n, (unsigned)want, k);
    for (i = 0; i < 64; i++) {
        FZ_CHECK(!own_tac || T.called[i] == tacked[i],
                 "test-and-clear of word %zu: %d, "
                 "the model: %d",
                 i, T.called[i], tacked[i]);
        FZ_CHECK(fz_le32(S->flags + i * 4u) == after[i],
                 "flags word %zu is 0x%x, expected "
                 "0x%x (only taken flags are cleared)",
                 i, fz_le32(S->flags + i * 4u), after[i]);
    }
    free(ids);
}

/* A register described by a field table: getters, coverage, reassembly, check. */
static void check_desc(const struct vmbp_reg_desc *d, uint64_t v)
{
    uint64_t seen = d->rsvdz | d->rsvdp, rebuilt = v & seen;
    size_t i;

    FZ_CHECK(d->bits == 64 && (d->rsvdz & d->rsvdp) == 0, "%s: reserved masks", d->name);
    for (i = 0; i < d->nfields; i++) {
        const struct vmbp_reg_field *f = &d->fields[i];
        uint64_t m = (f->width >= 64 ? ~0ull : ((1ull << f->width) - 1u)) << f->shift;

        FZ_CHECK(f->width >= 1 && f->shift + f->width <= 64 && (m & seen) == 0,
                 "%s.%s overlaps or overflows", d->name, f->name);
        seen |= m;
        FZ_CHECK(vmbp_reg_field_get(f, v) == (v & m) >> f->shift, "%s.%s get", d->name,
                 f->name);
        rebuilt |= vmbp_reg_field_get(f, v) << f->shift;
    }
    FZ_CHECK(seen == ~0ull, "%s: fields and reserved bits do not cover 64 bits", d->name);
    FZ_CHECK(rebuilt == v, "%s: fields do not rebuild the value", d->name);
    FZ_CHECK(vmbp_reg_check(d, v) == ((v & d->rsvdz) ? VMBP_E_RSVD_NONZERO : VMBP_OK),
             "%s: check", d->name);
}

static void op_regs(struct sfz *S)
{
    uint64_t v = fz_u64(S->in);
    uint8_t regb = fz_u8(S->in), sint = fz_u8(S->in);
    enum vmbp_synic_register reg = (enum vmbp_synic_register)(regb % 9u); /* 7, 8: unknown */
    static const uint32_t msrs[7] = {0x40000080u, 0x40000081u, 0x40000082u, 0x40000083u,
                                     0x40000084u, 0x40000085u, 0x40000090u};
    static const uint32_t names[7] = {0x000A0010u, 0x000A0011u, 0x000A0012u, 0x000A0013u,
                                      0x000A0014u, 0x000A0015u, 0x000A0000u};
    uint32_t msr = vmbp_synic_msr(reg, sint), rn = vmbp_synic_reg_name(reg, sint), want, x;
    unsigned ri = (unsigned)reg;

    if (ri > 6u || (ri == 6u && sint >= 16u)) {
        FZ_CHECK(msr == 0 && rn == 0, "msr/name of register %u sint %u", ri, sint);
    } else {
        want = msrs[ri] + (ri == 6u ? sint : 0u);
        FZ_CHECK(msr == want, "msr of register %u sint %u: 0x%x", ri, sint, msr);
        FZ_CHECK(rn == names[ri] + (ri == 6u ? sint : 0u), "name of register %u", ri);
    }
    x = (uint32_t)v;
    FZ_CHECK(vmbp_synic_msr_is_synic(x) == (x >= 0x40000080u && x <= 0x4000009Fu), "is_synic");
    FZ_CHECK(vmbp_synic_msr_is_sint(x) == (x >= 0x40000090u && x <= 0x4000009Fu), "is_sint");
    FZ_CHECK(vmbp_synic_msr_nested(x) == (vmbp_synic_msr_is_synic(x) ? x + 0x1000u : 0u),
             "nested");

    if (ri <= 6u) {
        check_desc(vmbp_synic_reg_desc(reg, false), v);
        check_desc(vmbp_synic_reg_desc(reg, true), v);
    }
    FZ_CHECK((vmbp_synic_reg_desc(reg, false) != NULL) == (ri <= 6u) &&
                 (vmbp_synic_reg_desc(reg, true) != NULL) == (ri <= 6u),
             "reg_desc of register %u", ri);
    FZ_CHECK(vmbp_synic_scontrol_enabled(v) == (v & 1u) &&
                 vmbp_synic_scontrol_set_enabled(v, (v & 1u) != 0) == v &&
                 vmbp_synic_scontrol_set_enabled(v, !(v & 1u)) == (v ^ 1u),
             "scontrol");
    FZ_CHECK(vmbp_synic_sversion_version(v) == (uint32_t)v, "sversion");
    FZ_CHECK(vmbp_synic_page_enabled(v) == (v & 1u) && vmbp_synic_page_gpn(v) == v >> 12 &&
                 vmbp_synic_page_gpa(v) == (v & ~0xFFFull) &&
                 vmbp_synic_page_set_enabled(v, (v & 1u) != 0) == v &&
                 vmbp_synic_page_set_gpn(v, v >> 12) == v &&
                 vmbp_synic_page_set_gpn(v & 0xFFFu, v >> 12) == v &&
                 vmbp_synic_page_gpn_fits(v) == (v >> 52 == 0),
             "page register");
    FZ_CHECK(vmbp_synic_sint_vector_x64(v) == (v & 0xFFu) &&
                 vmbp_synic_sint_vector_arm64(v) == (v & 0x3FFu) &&
                 vmbp_synic_sint_set_vector_x64(v, (uint32_t)(v & 0xFFu)) == v &&
                 vmbp_synic_sint_set_vector_arm64(v, (uint32_t)(v & 0x3FFu)) == v &&
                 vmbp_synic_sint_set_vector_x64(v & ~0xFFull, (uint32_t)(v & 0xFFu)) == v,
             "sint vector");
    x = (uint32_t)(v >> 16);
    FZ_CHECK(vmbp_synic_sint_vector_valid_x64(x) == (x >= 16u && x <= 255u) &&
                 vmbp_synic_sint_vector_valid_arm64(x) == (x >= 16u && x <= 1023u),
             "vector validity of %u", x);
    FZ_CHECK(vmbp_synic_sint_masked(v) == ((v >> 16) & 1u) &&
                 vmbp_synic_sint_auto_eoi(v) == ((v >> 17) & 1u) &&
                 vmbp_synic_sint_polling(v) == ((v >> 18) & 1u) &&
                 vmbp_synic_sint_as_intercept(v) == ((v >> 19) & 1u) &&
                 vmbp_synic_sint_proxy(v) == ((v >> 20) & 1u),
             "sint flags");
    /* VMBP-SYNIC-002 from the bits: unmasked needs a vector >= 16, arm64 no auto-EOI */
    FZ_CHECK((vmbp_synic_sint_check(v, false) == VMBP_OK) ==
                     (((v >> 16) & 1u) != 0 || (v & 0xFFu) >= 16u) &&
                 (vmbp_synic_sint_check(v, true) == VMBP_OK) ==
                     (((v >> 17) & 1u) == 0 && (((v >> 16) & 1u) != 0 || (v & 0x3FFu) >= 16u)),
             "sint check");
    FZ_CHECK(vmbp_synic_sint_set_masked(v, !vmbp_synic_sint_masked(v)) == (v ^ (1ull << 16)) &&
                 vmbp_synic_sint_set_auto_eoi(v, !vmbp_synic_sint_auto_eoi(v)) ==
                     (v ^ (1ull << 17)) &&
                 vmbp_synic_sint_set_polling(v, !vmbp_synic_sint_polling(v)) ==
                     (v ^ (1ull << 18)) &&
                 vmbp_synic_sint_set_as_intercept(v, !vmbp_synic_sint_as_intercept(v)) ==
                     (v ^ (1ull << 19)) &&
                 vmbp_synic_sint_set_proxy(v, !vmbp_synic_sint_proxy(v)) == (v ^ (1ull << 20)),
             "sint setters");
}

static void op_hvcall(struct sfz *S)
{
    uint64_t c = fz_u64(S->in), res = fz_u64(S->in), rebuilt;
    uint16_t status = fz_u16(S->in);
    const char *name = vmbp_hv_status_name(status);
    enum vmbp_hypercall_post_action act;
    bool contact = (status & 1u) != 0;

    FZ_CHECK(vmbp_hypercall_control_check(c) ==
                 ((c & 0xF000F00078000000ull) ? VMBP_E_RSVD_NONZERO : VMBP_OK),
             "control check 0x%llx", (unsigned long long)c);
    FZ_CHECK(vmbp_hypercall_control_code(c) == (uint16_t)c &&
                 vmbp_hypercall_control_fast(c) == ((c >> 16) & 1u) &&
                 vmbp_hypercall_control_varhead(c) == ((c >> 17) & 0x3FFu) &&
                 vmbp_hypercall_control_nested(c) == ((c >> 31) & 1u) &&
                 vmbp_hypercall_control_rep_count(c) == ((c >> 32) & 0xFFFu) &&
                 vmbp_hypercall_control_rep_start(c) == ((c >> 48) & 0xFFFu),
             "control fields");
    rebuilt = vmbp_hypercall_control_set_nested(
        vmbp_hypercall_control(vmbp_hypercall_control_code(c), vmbp_hypercall_control_fast(c),
                               vmbp_hypercall_control_varhead(c),
                               vmbp_hypercall_control_rep_count(c),
                               vmbp_hypercall_control_rep_start(c)),
        vmbp_hypercall_control_nested(c));
    FZ_CHECK(rebuilt == (c & ~0xF000F00078000000ull), "control re-encode");
    check_desc(vmbp_hypercall_control_desc(), c);
    check_desc(vmbp_hypercall_result_desc(), res);
    FZ_CHECK(vmbp_hypercall_result_status(res) == (uint16_t)res &&
                 vmbp_hypercall_result_reps(res) == ((res >> 32) & 0xFFFu),
             "result fields");
    act = vmbp_hypercall_post_message_action(status, contact);
    switch (status) {
    case 0x0000:
        FZ_CHECK(act == VMBP_HYPERCALL_POST_DONE && name, "SUCCESS");
        break;
    case 0x000B: /* INSUFFICIENT_MEMORY */
    case 0x0013: /* INSUFFICIENT_BUFFERS */
        FZ_CHECK(act == VMBP_HYPERCALL_POST_RETRY && name, "retry statuses");
        break;
    case 0x0012: /* INVALID_CONNECTION_ID */
        FZ_CHECK(
            act == (contact ? VMBP_HYPERCALL_POST_NEXT_VERSION : VMBP_HYPERCALL_POST_FAIL) &&
                name,
            "INVALID_CONNECTION_ID");
        break;
    default:
        FZ_CHECK(act == VMBP_HYPERCALL_POST_FAIL, "status 0x%x: action %d", status, (int)act);
        break;
    }
}

static void op_cpuid(struct sfz *S)
{
    struct vmbp_cpuid_regs r, back;
    struct vmbp_cpuid_isolation iso;

    r.eax = fz_u32(S->in);
    r.ebx = fz_u32(S->in);
    r.ecx = fz_u32(S->in);
    r.edx = fz_u32(S->in);
    vmbp_cpuid_isolation_decode(&r, &iso);
    FZ_CHECK(iso.paravisor_present == (r.eax & 1u) && iso.isolation_type == (r.ebx & 0xFu) &&
                 iso.boundary_active == ((r.ebx >> 5) & 1u) &&
                 iso.boundary_bits == ((r.ebx >> 6) & 0x3Fu) &&
                 iso.shared_gpa_boundary ==
                     (iso.boundary_active ? 1ull << iso.boundary_bits : 0u),
             "isolation decode");
    vmbp_cpuid_isolation_encode(&iso, &back);
    FZ_CHECK(back.eax == (r.eax & 1u) && back.ebx == (r.ebx & 0xFEFu) && back.ecx == 0 &&
                 back.edx == 0,
             "isolation re-encode");
    FZ_CHECK(vmbp_cpuid_isolation_is_hardware(r.ebx & 0xFu) ==
                 ((r.ebx & 0xFu) >= 2u && (r.ebx & 0xFu) <= 4u),
             "hardware isolation");
    FZ_CHECK(vmbp_cpuid_is_hyperv(&r) == (r.ebx == 0x7263694Du && r.ecx == 0x666F736Fu &&
                                          r.edx == 0x76482074u && r.eax >= 0x40000005u),
             "is_hyperv");
    FZ_CHECK(vmbp_cpuid_vs_vendor_ok(&r) == (r.ebx == 0x7263694Du && r.ecx == 0x666F736Fu &&
                                             r.edx == 0x53562074u && r.eax >= 0x40000082u),
             "vs vendor");
    FZ_CHECK(vmbp_cpuid_interface_is_hv1(&r) == (r.eax == 0x31237648u), "Hv#1");
    FZ_CHECK(vmbp_cpuid_vs_interface_ok(&r) == (r.eax == 0x31235356u), "VS#1");
    FZ_CHECK(vmbp_cpuid_has_vmbus_privileges(&r) ==
                 ((r.eax & 0x24u) == 0x24u && (r.ebx & 0x30u) == 0x30u),
             "privileges");
    FZ_CHECK(vmbp_cpuid_has_isolation(&r) == ((r.ebx >> 22) & 1u), "isolation privilege");
    FZ_CHECK(vmbp_cpuid_auto_eoi_recommended(&r) == !((r.eax >> 9) & 1u), "auto-EOI");
    FZ_CHECK(vmbp_cpuid_vs_confidential_vmbus(&r) == ((r.eax >> 3) & 1u) &&
                 vmbp_cpuid_vs_extended_ioapic_rte(&r) == ((r.eax >> 2) & 1u),
             "VS bits");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz in = {data, size};
    struct sfz S;
    unsigned n;

    memset(&S, 0, sizeof(S));
    S.in = &in;
    S.slot = (uint8_t *)fz_malloc(256);
    S.flags = (uint8_t *)fz_malloc(256);
    vmbp_tshm_detach_all();
    vmbp_tshm_attach(S.slot, 256);
    vmbp_tshm_attach(S.flags, 256);
    vmbp_tshm_set_strict(true);
    vmbp_tshm_set_mutator(sfz_mutator, &S);
    for (n = 0; n < FZ_MAX_OPS && in.n > 0; n++) {
        switch (fz_u8(&in) % FZ_SOP_COUNT) {
        case FZ_SOP_SNAPSHOT:
            op_snapshot(&S);
            break;
        case FZ_SOP_SCAN:
            op_scan(&S);
            break;
        case FZ_SOP_TAKE:
            op_take(&S);
            break;
        case FZ_SOP_REGS:
            op_regs(&S);
            break;
        case FZ_SOP_HVCALL:
            op_hvcall(&S);
            break;
        default:
            op_cpuid(&S);
            break;
        }
    }
    vmbp_tshm_detach_all();
    free(S.slot);
    free(S.flags);
    return 0;
}
