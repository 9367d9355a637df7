/* SPDX-License-Identifier: MIT */
/**
 * @file port.h
 * @brief Portability prelude: integer types, inline and static-assert macros, memory hooks,
 * the compiler's atomics and full barrier.
 *
 * Every other header of vmbus_proto that uses a type, macro or hook of it includes it. It is
 * the only place that knows about compilers and environments.
 *
 * Environment contract (spec/conventions.md, VMBP-CONV-010):
 * - By default only `<stddef.h>`, `<stdint.h>` and, in C, `<stdbool.h>` are included. These
 *   are headers every freestanding C99 implementation provides; nothing of libc is used.
 * - Define `VMBP_SYSTEM_HEADER` (e.g. `-DVMBP_SYSTEM_HEADER='"my_prelude.h"'`) to include
 *   that file instead. It must provide `uint8_t`..`uint64_t`, `int32_t`, `size_t`,
 *   `uintptr_t`, `bool`, `true`, `false`, `NULL` and `offsetof`. `contrib/` has preludes for
 *   the Linux kernel and for EDK2.
 * - Define `VMBP_MEMCPY` / `VMBP_MEMSET` before inclusion to route the few bulk copies to
 *   your environment's primitives (EDK2: `CopyMem` / `SetMem`).
 * - Define `VMBP_MUST_CHECK` to your environment's spelling of "the caller must use the
 *   result" (Linux: `__must_check`), or to nothing; likewise `VMBP_OUTLINE` and
 *   `VMBP_ALWAYS_INLINE` (code size and speed only, never behaviour).
 * - Define `VMBP_ENDIAN_BYTEWISE` to assemble every little-endian value byte by byte, as
 *   compilers without GCC's byte-order macros do, instead of with loads and byte swaps: for
 *   static analysers, and for the tests that run that path on GCC and clang.
 *
 * This is the only header that tests which compiler it is on. What the others need of the
 * compiler (the must-check and inlining attributes, the byte-order builtins of endian.h, the
 * atomic builtins behind shared.h's default hooks) is defined here once.
 */
#ifndef VMBP_PORT_H
#define VMBP_PORT_H

/** @defgroup vmbp_port Portability prelude
 *  @brief Types, `VMBP_INLINE`, `VMBP_STATIC_ASSERT`, the memory hooks, VMBP_GNU_ATOMICS
 *  and VMBP_FULL_BARRIER().
 *  @{
 */

#if defined(VMBP_SYSTEM_HEADER)
#include VMBP_SYSTEM_HEADER
#else
#include <stddef.h>
#include <stdint.h>
#if !defined(__cplusplus)
#include <stdbool.h>
#endif
#endif

/**
 * @brief Header API version: bumped when a public declaration is added or changed,
 * so consumers can test for it with `#if`. Encoded as `(major << 16) | minor`.
 */
#define VMBP_API_VERSION 0x00010001u

/**
 * @def VMBP_INLINE
 * @brief Storage class of every function in the headers: internal linkage, inline.
 *
 * `static inline` in C99 and C++, `static __inline` for MSVC in C mode (which predates C99
 * `inline`), `static __inline__` for GNU C89.
 */
#if defined(VMBP_INLINE) && !defined(VMBP_DOXYGEN)
/* provided by the includer */
#elif defined(__cplusplus)
#define VMBP_INLINE static inline
#elif defined(_MSC_VER) && !defined(__clang__)
#define VMBP_INLINE static __inline
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define VMBP_INLINE static inline
#else
#define VMBP_INLINE static __inline__
#endif

/**
 * @def VMBP_STATIC_ASSERT(cond, tag)
 * @brief Compile-time assertion usable at file scope.
 *
 * @p tag is an identifier naming the fact; it appears in the diagnostic and, on compilers
 * without C11/C++11 assertions, in a `typedef char vmbp_static_assert_<tag>[1 or -1]`,
 * so it must be unique within a translation unit.
 */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define VMBP_STATIC_ASSERT(cond, tag) static_assert((cond), #tag)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define VMBP_STATIC_ASSERT(cond, tag) _Static_assert((cond), #tag)
#else
#define VMBP_STATIC_ASSERT(cond, tag) typedef char vmbp_static_assert_##tag[(cond) ? 1 : -1]
#endif

/** @cond VMBP_INTERNAL */
/* The name after its prefix, for name tables built from the lists whose rows carry whole
 * enumerators: VMBP_PRIV_NAME_AFTER("VMBP_", "VMBP_E_INVAL") is "E_INVAL", a constant. */
#define VMBP_PRIV_NAME_AFTER(prefix, str) (&(str)[sizeof(prefix) - 1u])
/** @endcond */

/**
 * @def VMBP_MUST_CHECK
 * @brief Marks a function whose result the caller must use: every function returning
 * `enum vmbp_status` carries it, so that a status dropped on the floor is a compiler warning.
 *
 * `__attribute__((__warn_unused_result__))` where the compiler has it (GCC, clang), SAL's
 * `_Check_return_` on MSVC when `<sal.h>` is in scope, else nothing. GCC warns even when the
 * result is cast to `void`: a caller that deliberately ignores a status keeps it in a
 * variable and says why.
 */
#if defined(VMBP_MUST_CHECK) && !defined(VMBP_DOXYGEN)
/* provided by the includer */
#elif defined(__has_attribute)
#if __has_attribute(__warn_unused_result__)
#define VMBP_MUST_CHECK __attribute__((__warn_unused_result__))
#else
#define VMBP_MUST_CHECK
#endif
#elif defined(__GNUC__)
#define VMBP_MUST_CHECK __attribute__((__warn_unused_result__))
#elif defined(_MSC_VER) && defined(_Check_return_)
#define VMBP_MUST_CHECK _Check_return_
#else
#define VMBP_MUST_CHECK
#endif

/**
 * @def VMBP_OUTLINE
 * @brief Storage class of a function kept out of line (Linux `static noinline
 * __maybe_unused`): the message dispatch's large decoders, one copy each behind its switch.
 *
 * `VMBP_INLINE` with `__attribute__((__noinline__))` on clang; on GCC, which warns of a
 * function both inline and noinline, `static` with `__attribute__((__noinline__,
 * __unused__))` (unused: no warning in a file that never calls it, as for an inline
 * function); `__declspec(noinline)` and `VMBP_INLINE` on MSVC; else `VMBP_INLINE`.
 */
#if defined(VMBP_OUTLINE) && !defined(VMBP_DOXYGEN)
/* provided by the includer */
#elif defined(__clang__)
#define VMBP_OUTLINE VMBP_INLINE __attribute__((__noinline__))
#elif defined(__GNUC__)
#define VMBP_OUTLINE static __attribute__((__noinline__, __unused__))
#elif defined(_MSC_VER)
#define VMBP_OUTLINE __declspec(noinline) VMBP_INLINE
#else
#define VMBP_OUTLINE VMBP_INLINE
#endif

/**
 * @def VMBP_ALWAYS_INLINE
 * @brief Inlines a function into every caller (Linux `__always_inline` without its
 * `inline`): a message type's variant selection and decoder, which clang would otherwise keep
 * as a call when a family decoder and the dispatch both use it, costing the family decoder
 * its straight line.
 *
 * `__attribute__((__always_inline__))` on GCC and clang, else nothing. Put after
 * `VMBP_INLINE`.
 */
#if defined(VMBP_ALWAYS_INLINE) && !defined(VMBP_DOXYGEN)
/* provided by the includer */
#elif defined(__GNUC__) || defined(__clang__)
#define VMBP_ALWAYS_INLINE __attribute__((__always_inline__))
#else
#define VMBP_ALWAYS_INLINE
#endif

/** @cond VMBP_INTERNAL */
/* Put before a loop that copies a message's words, to keep it a plain loop: clang would
 * vectorize it behind run-time overlap checks, or unroll it by four, several hundred bytes
 * of code in every decoder of a GPADL message for lists of at most 29 words. */
#if defined(__clang__)
#define VMBP_PRIV_PLAIN_LOOP                                                                   \
    _Pragma("clang loop vectorize(disable) interleave(disable) unroll(disable)")
#else
#define VMBP_PRIV_PLAIN_LOOP
#endif
/** @endcond */

/** @cond VMBP_INTERNAL */
/*
 * The compiler's builtins that endian.h and shared.h build on (GCC and clang). Elsewhere these
 * stay undefined: endian.h then assembles values byte by byte, and shared.h requires the
 * includer to supply its hooks.
 *
 * VMBP_PRIV_COPY_FIXED(d, s, n): a copy of a constant, small size (one unaligned access).
 * VMBP_PRIV_BYTEORDER_LITTLE / _BIG: the host byte order, when the compiler states it and
 *   neither VMBP_ENDIAN_BYTEWISE (for static analysers) nor Frama-C asks for the byte loops;
 *   VMBP_PRIV_BSWAP16/32/64 then reverse the bytes of a value.
 * VMBP_PRIV_ATOMIC_*: single-copy atomic accesses and fences (the GCC __atomic builtins).
 */
#if defined(__GNUC__) || defined(__clang__)
#define VMBP_PRIV_COPY_FIXED(d, s, n) __builtin_memcpy((d), (s), (n))
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&                             \
    defined(__ORDER_BIG_ENDIAN__) && !defined(VMBP_ENDIAN_BYTEWISE) && !defined(__FRAMAC__)
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define VMBP_PRIV_BYTEORDER_LITTLE 1
#elif __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define VMBP_PRIV_BYTEORDER_BIG 1
#endif
#endif
#define VMBP_PRIV_BSWAP16(x) __builtin_bswap16(x)
#define VMBP_PRIV_BSWAP32(x) __builtin_bswap32(x)
#define VMBP_PRIV_BSWAP64(x) __builtin_bswap64(x)
#define VMBP_PRIV_ATOMIC_LOAD32(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define VMBP_PRIV_ATOMIC_LOAD32_ACQUIRE(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define VMBP_PRIV_ATOMIC_STORE32(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define VMBP_PRIV_ATOMIC_STORE32_RELEASE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define VMBP_PRIV_ATOMIC_XCHG32(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define VMBP_PRIV_ATOMIC_CMPXCHG32(p, expected, desired)                                       \
    __atomic_compare_exchange_n((p), (expected), (desired), false, __ATOMIC_SEQ_CST,           \
                                __ATOMIC_SEQ_CST)
#define VMBP_PRIV_ATOMIC_FETCH_AND32(p, m) __atomic_fetch_and((p), (m), __ATOMIC_SEQ_CST)
#define VMBP_PRIV_COMPILER_FENCE() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define VMBP_PRIV_FULL_FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
/** @endcond */

/* The assertion mechanism itself works, and the types the wire layer relies on are exact. */
VMBP_STATIC_ASSERT(1, vmbp_static_assert_works);
VMBP_STATIC_ASSERT(sizeof(uint8_t) == 1 && sizeof(uint16_t) == 2, vmbp_port_u8_u16);
VMBP_STATIC_ASSERT(sizeof(uint32_t) == 4 && sizeof(uint64_t) == 8, vmbp_port_u32_u64);

/**
 * @def VMBP_MEMCPY(dst, src, n)
 * @brief Copy @p n bytes between non-overlapping private buffers.
 *
 * Default: the compiler builtin on GCC and clang (a hosted build resolves it to libc's
 * `memcpy`; a freestanding one must provide `memcpy`, as GCC requires anyway), otherwise a
 * byte loop. Never used on shared memory: see shared.h for that.
 */
#if !defined(VMBP_MEMCPY)
#if defined(__GNUC__) || defined(__clang__)
#define VMBP_MEMCPY(dst, src, n) ((void)__builtin_memcpy((dst), (src), (n)))
#else
#define VMBP_MEMCPY(dst, src, n) vmbp_copy_bytes((dst), (src), (n))
#endif
#endif

/**
 * @def VMBP_MEMSET(dst, byte, n)
 * @brief Fill @p n bytes of a private buffer with @p byte. Same defaults as VMBP_MEMCPY.
 */
#if !defined(VMBP_MEMSET)
#if defined(__GNUC__) || defined(__clang__)
#define VMBP_MEMSET(dst, byte, n) ((void)__builtin_memset((dst), (byte), (n)))
#else
#define VMBP_MEMSET(dst, byte, n) vmbp_fill_bytes((dst), (byte), (n))
#endif
#endif

/**
 * @def VMBP_GNU_ATOMICS
 * @brief 1 when the compiler has the GNU `__atomic` builtins (GCC, clang), else 0. The
 * default shared-memory accessors of shared.h are built on them; without them every
 * `VMBP_SHARED_*` hook must be supplied.
 */
#if defined(__GNUC__) || defined(__clang__)
#define VMBP_GNU_ATOMICS 1
#else
#define VMBP_GNU_ATOMICS 0
#endif

/**
 * @def VMBP_FULL_BARRIER()
 * @brief A full memory barrier (a store is visible before any later load is done), spelled
 * for this compiler and CPU: the default of shared.h's VMBP_SHARED_MB().
 *
 * - x86-64 with GCC or clang: `lock addl $0,-4(%rsp)`, Linux `smp_mb()` / `virt_mb()`
 *   (arch/x86/include/asm/barrier.h; DPDK `rte_smp_mb()` adds to -128(%rsp)). A locked
 *   add of 0 to a stack word orders like `mfence` for ordinary memory and costs less;
 *   `__atomic_thread_fence(__ATOMIC_SEQ_CST)` is `lock or` with gcc 12 but `mfence` with
 *   clang 14. The word is in the red zone of user code, so no live data is written.
 * - i386 with GCC or clang: `lock addl $0,(%esp)`, the word at the stack pointer (what gcc
 *   emits for the fence; no red zone below it on i386).
 * - other GCC and clang targets: `__atomic_thread_fence(__ATOMIC_SEQ_CST)` (arm64:
 *   `dmb ish`, as Linux `smp_mb()` and DPDK `rte_smp_mb()`).
 * - other compilers: not defined; shared.h then requires VMBP_SHARED_MB.
 */
#if VMBP_GNU_ATOMICS && defined(__x86_64__)
#define VMBP_FULL_BARRIER() __asm__ __volatile__("lock addl $0,-4(%%rsp)" ::: "memory", "cc")
#elif VMBP_GNU_ATOMICS && defined(__i386__)
#define VMBP_FULL_BARRIER() __asm__ __volatile__("lock addl $0,(%%esp)" ::: "memory", "cc")
#elif VMBP_GNU_ATOMICS
#define VMBP_FULL_BARRIER() VMBP_PRIV_FULL_FENCE()
#endif

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Portable byte-by-byte copy, the fallback of VMBP_MEMCPY.
 * @param dst destination, @p n bytes
 * @param src source, @p n bytes, not overlapping @p dst
 * @param n   byte count
 */
VMBP_INLINE void vmbp_copy_bytes(void *dst, const void *src, size_t n)
{
    uint8_t *d = (uint8_t *)dst;
    const uint8_t *s = (const uint8_t *)src;
    size_t i;

    for (i = 0; i < n; i++)
        d[i] = s[i];
}

/**
 * @brief Portable byte-by-byte fill, the fallback of VMBP_MEMSET.
 * @param dst  destination, @p n bytes
 * @param byte value stored in every byte (only the low 8 bits are used)
 * @param n    byte count
 */
VMBP_INLINE void vmbp_fill_bytes(void *dst, int byte, size_t n)
{
    uint8_t *d = (uint8_t *)dst;
    size_t i;

    for (i = 0; i < n; i++)
        d[i] = (uint8_t)(byte & 0xFF);
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_PORT_H */
