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

static void proof_shared_copy_from(void *dst, const volatile void *src, size_t n)
{
    memcpy(dst, (const void *)src, n);     /* both ranges valid and separate */
    Frama_C_make_unknown((char *)dst, n);  /* and the bytes are whatever the host wrote */
}

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

#endif
