/* SPDX-License-Identifier: MIT */
/**
 * @file shared.h
 * @brief The shared-memory accessor layer: the only code that touches host-writable memory.
 *
 * Ring control pages, ring data, SynIC message slots and event flags can be written by the
 * peer at any time (spec/trust.md). Every access to them goes through the functions below,
 * and each of those through one overridable hook macro, so that
 * - a kernel can map them to `READ_ONCE` / `smp_load_acquire` / `smp_store_release` /
 *   `smp_mb` and EDK2 to its BaseLib primitives (see `contrib/`);
 * - tests and fuzzers can replace them with an instrumented layer that counts the reads of
 *   every byte and lets a simulated host change memory between two reads.
 *
 * Overriding: define any of the `VMBP_SHARED_*` macros before including this header, or
 * define `VMBP_SHARED_HOOKS_HEADER` as a header name that defines them; the rest keep their
 * defaults. Defaults exist for GCC and clang (`__atomic` builtins, and port.h's
 * VMBP_FULL_BARRIER() for the barrier); other compilers must supply all hooks.
 *
 * Byte order: shared words are little-endian like every other wire value. The 32-bit hooks
 * move raw memory; the `vmbp_shared_*32` functions convert to and from host order.
 *
 * | hook                              | meaning                                             |
 * |-----------------------------------|-----------------------------------------------------|
 * | `VMBP_SHARED_LOAD32(p)`           | single-copy atomic load, no ordering                |
 * | `VMBP_SHARED_LOAD32_ACQUIRE(p)`   | load; later accesses are not moved before it        |
 * | `VMBP_SHARED_STORE32(p, v)`       | single-copy atomic store, no ordering               |
 * | `VMBP_SHARED_STORE32_RELEASE(p,v)`| store; earlier accesses are not moved after it      |
 * | `VMBP_SHARED_XCHG32(p, v)`        | atomic exchange, full barrier, returns old raw value|
 * | `VMBP_SHARED_CMPXCHG32(p, o, n)`  | atomic compare-exchange, full barrier, true if done |
 * | `VMBP_SHARED_FETCH_AND32(p, m)`   | atomic AND, full barrier, returns old raw value     |
 * | `VMBP_SHARED_COPY_FROM(d, s, n)`  | copy @p n bytes from shared @p s to private @p d    |
 * | `VMBP_SHARED_COPY_TO(d, s, n)`    | copy @p n bytes from private @p s to shared @p d    |
 * | `VMBP_SHARED_MB()`                | full barrier (orders a store before a later load)   |
 */
#ifndef VMBP_SHARED_H
#define VMBP_SHARED_H

#include "endian.h"
#include "port.h"

#if defined(VMBP_SHARED_HOOKS_HEADER)
#include VMBP_SHARED_HOOKS_HEADER
#endif

/** @defgroup vmbp_shared Shared-memory accessors
 *  @brief The single layer through which host-writable memory is read and written.
 *  @{
 */

#if VMBP_GNU_ATOMICS /* the compiler's atomics (port.h) */
#if !defined(VMBP_SHARED_LOAD32)
/** @brief Default: relaxed atomic load (Linux: `READ_ONCE`). */
#define VMBP_SHARED_LOAD32(p) VMBP_PRIV_ATOMIC_LOAD32(p)
#endif
#if !defined(VMBP_SHARED_LOAD32_ACQUIRE)
/** @brief Default: acquire load (Linux: `smp_load_acquire`). */
#define VMBP_SHARED_LOAD32_ACQUIRE(p) VMBP_PRIV_ATOMIC_LOAD32_ACQUIRE(p)
#endif
#if !defined(VMBP_SHARED_STORE32)
/** @brief Default: relaxed atomic store (Linux: `WRITE_ONCE`). */
#define VMBP_SHARED_STORE32(p, v) VMBP_PRIV_ATOMIC_STORE32((p), (v))
#endif
#if !defined(VMBP_SHARED_STORE32_RELEASE)
/** @brief Default: release store (Linux: `smp_store_release`). */
#define VMBP_SHARED_STORE32_RELEASE(p, v) VMBP_PRIV_ATOMIC_STORE32_RELEASE((p), (v))
#endif
#if !defined(VMBP_SHARED_XCHG32)
/** @brief Default: sequentially consistent exchange (Linux: `xchg`). */
#define VMBP_SHARED_XCHG32(p, v) VMBP_PRIV_ATOMIC_XCHG32((p), (v))
#endif
#if !defined(VMBP_SHARED_CMPXCHG32)
/** @cond VMBP_INTERNAL */
#define VMBP_PRIV_SHARED_DEFAULT_CMPXCHG 1
/** @endcond */
/** @brief Default: sequentially consistent strong compare-exchange (Linux: `cmpxchg`). */
#define VMBP_SHARED_CMPXCHG32(p, o, n) vmbp_priv_shared_cmpxchg32((p), (o), (n))
#endif
#if !defined(VMBP_SHARED_FETCH_AND32)
/** @brief Default: sequentially consistent fetch-and (Linux: `atomic_fetch_and`). */
#define VMBP_SHARED_FETCH_AND32(p, m) VMBP_PRIV_ATOMIC_FETCH_AND32((p), (m))
#endif
#if !defined(VMBP_SHARED_COPY_FROM)
/**
 * @brief Default: `VMBP_MEMCPY`, then a compiler barrier. The barrier stops the compiler from
 * dropping the private copy and reading the shared source again where the copy is used (the
 * compiler-made double fetch of Xen XSA-155).
 */
#define VMBP_SHARED_COPY_FROM(d, s, n)                                                         \
    (VMBP_MEMCPY((d), (const void *)(uintptr_t)(s), (n)), VMBP_PRIV_COMPILER_FENCE())
#endif
#if !defined(VMBP_SHARED_COPY_TO)
/** @brief Default: `VMBP_MEMCPY` (volatile dropped through `uintptr_t`, as memcpy takes plain
 *  pointers: the same conversion, without a cast-qual warning). */
#define VMBP_SHARED_COPY_TO(d, s, n) VMBP_MEMCPY((void *)(uintptr_t)(d), (s), (n))
#endif
#if !defined(VMBP_SHARED_MB)
/**
 * @brief Default: VMBP_FULL_BARRIER() of port.h (Linux: `virt_mb`): on x86 a locked add to
 * the stack, as Linux and DPDK, not the `mfence` clang makes of a sequentially consistent
 * fence.
 */
#define VMBP_SHARED_MB() VMBP_FULL_BARRIER()
#endif
#endif /* the compiler's atomics */

#if !defined(VMBP_SHARED_LOAD32) || !defined(VMBP_SHARED_LOAD32_ACQUIRE) ||                    \
    !defined(VMBP_SHARED_STORE32) || !defined(VMBP_SHARED_STORE32_RELEASE) ||                  \
    !defined(VMBP_SHARED_XCHG32) || !defined(VMBP_SHARED_CMPXCHG32) ||                         \
    !defined(VMBP_SHARED_FETCH_AND32) || !defined(VMBP_SHARED_COPY_FROM) ||                    \
    !defined(VMBP_SHARED_COPY_TO) || !defined(VMBP_SHARED_MB)
#error                                                                                         \
    "vmbus_proto: no default shared-memory accessors for this compiler; define the VMBP_SHARED_* hooks (see contrib/)"
#endif

#if defined(__cplusplus)
extern "C" {
#endif

#if defined(VMBP_PRIV_SHARED_DEFAULT_CMPXCHG)
/** @cond VMBP_INTERNAL */
VMBP_INLINE bool vmbp_priv_shared_cmpxchg32(volatile uint32_t *p, uint32_t expected,
                                            uint32_t desired)
{
    return VMBP_PRIV_ATOMIC_CMPXCHG32(p, &expected, desired);
}
/** @endcond */
#endif

/**
 * @brief Read a little-endian 32-bit word of shared memory once, without ordering.
 * @param p naturally aligned word in shared memory
 * @return the value in host order
 */
VMBP_INLINE uint32_t vmbp_shared_load32(const volatile uint32_t *p)
{
    return vmbp_le32_to_cpu(VMBP_SHARED_LOAD32(p));
}

/**
 * @brief Read a little-endian 32-bit word of shared memory once, with acquire ordering:
 * data the peer wrote before publishing this word (with release) is visible afterwards.
 * @param p naturally aligned word in shared memory
 * @return the value in host order
 */
VMBP_INLINE uint32_t vmbp_shared_load32_acquire(const volatile uint32_t *p)
{
    return vmbp_le32_to_cpu(VMBP_SHARED_LOAD32_ACQUIRE(p));
}

/**
 * @brief Write a 32-bit word of shared memory (little-endian), without ordering.
 * @param p naturally aligned word in shared memory
 * @param v value in host order
 */
VMBP_INLINE void vmbp_shared_store32(volatile uint32_t *p, uint32_t v)
{
    VMBP_SHARED_STORE32(p, vmbp_cpu_to_le32(v));
}

/**
 * @brief Publish a 32-bit word of shared memory (little-endian) with release ordering:
 * everything written before is visible to a peer that reads this word with acquire.
 * @param p naturally aligned word in shared memory
 * @param v value in host order
 */
VMBP_INLINE void vmbp_shared_store32_release(volatile uint32_t *p, uint32_t v)
{
    VMBP_SHARED_STORE32_RELEASE(p, vmbp_cpu_to_le32(v));
}

/**
 * @brief Atomically replace a shared 32-bit word and return what it held.
 * @param p naturally aligned word in shared memory
 * @param v new value in host order
 * @return the previous value in host order
 */
VMBP_INLINE uint32_t vmbp_shared_xchg32(volatile uint32_t *p, uint32_t v)
{
    return vmbp_le32_to_cpu(VMBP_SHARED_XCHG32(p, vmbp_cpu_to_le32(v)));
}

/**
 * @brief Atomically replace a shared 32-bit word if it still holds @p expected.
 * @param p        naturally aligned word in shared memory
 * @param expected value the word must hold, in host order
 * @param desired  value stored if it does, in host order
 * @return true if the word held @p expected and now holds @p desired
 */
VMBP_INLINE bool vmbp_shared_cmpxchg32(volatile uint32_t *p, uint32_t expected,
                                       uint32_t desired)
{
    return VMBP_SHARED_CMPXCHG32(p, vmbp_cpu_to_le32(expected), vmbp_cpu_to_le32(desired));
}

/**
 * @brief Atomically clear the bits of @p mask in a shared 32-bit word.
 * @param p    naturally aligned word in shared memory
 * @param mask bits to clear, in host order
 * @return the previous value in host order (test it to learn which bits were set)
 */
VMBP_INLINE uint32_t vmbp_shared_clear_bits32(volatile uint32_t *p, uint32_t mask)
{
    return vmbp_le32_to_cpu(VMBP_SHARED_FETCH_AND32(p, vmbp_cpu_to_le32(~mask)));
}

/**
 * @brief Copy @p n bytes out of shared memory into private memory, reading each byte once.
 *
 * Validate and use only the private copy afterwards: the shared bytes may change at any
 * moment (spec/trust.md, VMBP-TRUST-002).
 * @param dst private destination
 * @param src shared source
 * @param n   byte count
 */
VMBP_INLINE void vmbp_shared_copy_from(void *dst, const volatile void *src, size_t n)
{
    VMBP_SHARED_COPY_FROM(dst, src, n);
}

/**
 * @brief Copy @p n bytes of private memory into shared memory.
 * @param dst shared destination
 * @param src private source
 * @param n   byte count
 */
VMBP_INLINE void vmbp_shared_copy_to(volatile void *dst, const void *src, size_t n)
{
    VMBP_SHARED_COPY_TO(dst, src, n);
}

/** @brief Full memory barrier: orders earlier loads and stores before later ones. */
VMBP_INLINE void vmbp_shared_mb(void)
{
    VMBP_SHARED_MB();
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_SHARED_H */
