/* SPDX-License-Identifier: MIT */
/*
 * The shared-memory accessor hooks (shared.h) as the analysis sees them: a malicious host
 * that may have rewritten any shared word between any two accesses.
 *
 * - Every access still happens at the address the code computes, so Eva checks that it lies
 *   inside the shared region (an out-of-bounds or misdirected access is an alarm).
 * - Every load, exchange and copy out of shared memory yields an unknown value (each byte
 *   any of 256), independently at every call: what was read before says nothing about what
 *   is read next. So no result can depend on two reads agreeing.
 * - Stores write the shared region; the host may overwrite them at once (the next load
 *   ignores them).
 * Included through VMBP_SHARED_HOOKS_HEADER after port.h and endian.h.
 */
#ifndef VMBP_PROOF_SHARED_MODEL_H
#define VMBP_PROOF_SHARED_MODEL_H

static uint32_t proof_shared_load32(const volatile uint32_t *p)
{
    uint32_t seen = *p; /* the access: must be a valid, readable shared word */

    (void)seen;
    return PROOF_ANY_U32();
}

static void proof_shared_store32(volatile uint32_t *p, uint32_t v)
{
    *p = v;
}

static uint32_t proof_shared_xchg32(volatile uint32_t *p, uint32_t v)
{
    uint32_t old = proof_shared_load32((const volatile uint32_t *)p);

    *p = v;
    return old;
}

static bool proof_shared_cmpxchg32(volatile uint32_t *p, uint32_t expected, uint32_t desired)
{
    if (proof_shared_load32((const volatile uint32_t *)p) != expected)
        return false;
    *p = desired;
    return true;
}

static uint32_t proof_shared_fetch_and32(volatile uint32_t *p, uint32_t mask)
{
    uint32_t old = proof_shared_load32((const volatile uint32_t *)p);

    *p = old & mask;
    return old;
}

/*
 * The copies: both ranges valid and separate; the private copy is initialised with
 * whatever the host wrote. The contracts say the same for WP (ring_contracts.h); Eva
 * checks them at every call and runs the bodies.
 */
/*@ requires dst_ok: \valid((uint8_t *)dst + (0 .. n - 1));
    requires src_ok: \valid_read((const volatile uint8_t *)src + (0 .. n - 1));
    requires apart: \separated((uint8_t *)dst + (0 .. n - 1),
                               (const volatile uint8_t *)src + (0 .. n - 1));
    assigns ((uint8_t *)dst)[0 .. n - 1]
        \from ((const volatile uint8_t *)src)[0 .. n - 1], Frama_C_entropy_source;
    assigns Frama_C_entropy_source \from Frama_C_entropy_source;
*/
static void proof_shared_copy_from(void *dst, const volatile void *src, size_t n)
{
    memcpy(dst, (const void *)src, n);
    Frama_C_make_unknown((char *)dst, n);
}

/*@ requires dst_ok: \valid((volatile uint8_t *)dst + (0 .. n - 1));
    requires src_ok: \valid_read((const uint8_t *)src + (0 .. n - 1));
    requires apart: \separated((volatile uint8_t *)dst + (0 .. n - 1),
                               (const uint8_t *)src + (0 .. n - 1));
    assigns ((volatile uint8_t *)dst)[0 .. n - 1] \from ((const uint8_t *)src)[0 .. n - 1];
*/
static void proof_shared_copy_to(volatile void *dst, const void *src, size_t n)
{
    memcpy((void *)dst, src, n);
}

#define VMBP_SHARED_LOAD32(p) proof_shared_load32((p))
#define VMBP_SHARED_LOAD32_ACQUIRE(p) proof_shared_load32((p))
#define VMBP_SHARED_STORE32(p, v) proof_shared_store32((p), (v))
#define VMBP_SHARED_STORE32_RELEASE(p, v) proof_shared_store32((p), (v))
#define VMBP_SHARED_XCHG32(p, v) proof_shared_xchg32((p), (v))
#define VMBP_SHARED_CMPXCHG32(p, o, n) proof_shared_cmpxchg32((p), (o), (n))
#define VMBP_SHARED_FETCH_AND32(p, m) proof_shared_fetch_and32((p), (m))
#define VMBP_SHARED_COPY_FROM(d, s, n) proof_shared_copy_from((d), (s), (n))
#define VMBP_SHARED_COPY_TO(d, s, n) proof_shared_copy_to((d), (s), (n))
#define VMBP_SHARED_MB() ((void)0)

/* reference/vmbp_ring.c is analysed with the contracts of its copy helpers */
#if defined(PROOF_RING_CONTRACTS)
#include "ring_contracts.h"
#endif

#endif
