/* SPDX-License-Identifier: MIT */
/*
 * vmbus_proto in EDK2 firmware (MSVC IA32/X64, clang, gcc): types, copies, 64-bit shifts and
 * the shared-memory hooks mapped to MdePkg's BaseLib, BaseMemoryLib and SynchronizationLib.
 *
 * A module that includes vmbus_proto (see VmbusProtoPkg.dec and the INFs beside it):
 *   [Packages]       MdePkg/MdePkg.dec  VmbusProtoPkg/VmbusProtoPkg.dec
 *   [LibraryClasses] BaseLib  BaseMemoryLib  SynchronizationLib
 *   [BuildOptions]   *_*_*_CC_FLAGS = -DVMBP_SYSTEM_HEADER=\"vmbp_edk2_prelude.h\"
 * The backslashes are part of the INF text: BaseTools copies the value into the generated
 * makefile as it is, and the shell that runs the compiler turns \" into the quotes the
 * #include needs (cl.exe reads \" the same way). The platform DSC maps SynchronizationLib
 * and the TimerLib that BaseSynchronizationLib uses (VmbusProtoPkg.dsc).
 *
 * Barriers. MdePkg's MemoryFence() is only a compiler barrier on X64 with GCC and empty
 * with MSVC, but the ring's signalling needs a full fence (a store ordered before a later
 * load: VMBP-RING-020, -021, -024). On x86 this prelude issues a locked add to the stack
 * (GCC and clang: `lock; addl $0,(%rsp)`, what Linux's virt_mb() does; MSVC: the
 * _InterlockedOr intrinsic on a local, the same locked instruction); elsewhere the
 * compiler's sequentially consistent fence. Acquire and release need only a compiler
 * barrier on x86 (stores are not reordered with older loads or stores there), and a real
 * fence on other architectures.
 *
 * EDK2 APIs used: Base.h (UINT8..UINT64, INT32, UINTN, BOOLEAN, VOID, NULL, OFFSET_OF),
 * BaseLib.h (LShiftU64, RShiftU64, MemoryFence), BaseMemoryLib.h (CopyMem, SetMem),
 * SynchronizationLib.h (InterlockedCompareExchange32); and the compilers' atomic exchange
 * (MSVC _InterlockedExchange, GCC and clang __atomic_exchange_n).
 */
#ifndef VMBP_EDK2_PRELUDE_H
#define VMBP_EDK2_PRELUDE_H

#include <Base.h>
#include <Library/BaseLib.h>
#include <Library/BaseMemoryLib.h>
#include <Library/SynchronizationLib.h>

typedef UINT8 uint8_t;
typedef UINT16 uint16_t;
typedef UINT32 uint32_t;
typedef UINT64 uint64_t;
typedef INT32 int32_t;
typedef UINTN size_t;
typedef UINTN uintptr_t;
#if !defined(__cplusplus)
typedef _Bool bool;
#define true 1
#define false 0
#endif
#define offsetof(type, member) OFFSET_OF(type, member)

/* Status-returning functions: GCC and clang warn when the status is dropped; MSVC has
 * only SAL's _Check_return_, which needs sal.h (not part of an EDK2 build). */
#if defined(__GNUC__) || defined(__clang__)
#define VMBP_MUST_CHECK __attribute__((__warn_unused_result__))
#else
#define VMBP_MUST_CHECK
#endif

#define VMBP_MEMCPY(dst, src, n) ((void)CopyMem((dst), (src), (n)))
#define VMBP_MEMSET(dst, byte, n) ((void)SetMem((dst), (n), (UINT8)(byte)))
/* IA32 MSVC turns 64-bit shifts by a variable into CRT calls (__allshl): use BaseLib's. */
#define VMBP_SHL64(v, n) LShiftU64((v), (UINTN)(n))
#define VMBP_SHR64(v, n) RShiftU64((v), (UINTN)(n))

#define VMBP_SHARED_LOAD32(p) (*(p))
#define VMBP_SHARED_LOAD32_ACQUIRE(p) vmbp_edk2_load_acquire32(p)
#define VMBP_SHARED_STORE32(p, v) ((void)(*(p) = (v)))
#define VMBP_SHARED_STORE32_RELEASE(p, v) vmbp_edk2_store_release32((p), (v))
#define VMBP_SHARED_XCHG32(p, v) vmbp_edk2_xchg32((p), (v))
#define VMBP_SHARED_CMPXCHG32(p, o, n) (InterlockedCompareExchange32((p), (o), (n)) == (o))
#define VMBP_SHARED_FETCH_AND32(p, m) vmbp_edk2_fetch_and32((p), (m))
#define VMBP_SHARED_COPY_FROM(d, s, n) vmbp_edk2_copy_from((d), (s), (n))
#define VMBP_SHARED_COPY_TO(d, s, n) vmbp_edk2_copy_to((d), (s), (n))
#define VMBP_SHARED_MB() vmbp_edk2_full_fence()

#if defined(_MSC_VER)
/* The MSVC intrinsics used (clang provides them too with -fms-extensions). */
void _ReadWriteBarrier(void);
long _InterlockedExchange(long volatile *target, long value);
long _InterlockedOr(long volatile *target, long mask);
#pragma intrinsic(_ReadWriteBarrier)
#pragma intrinsic(_InterlockedExchange)
#pragma intrinsic(_InterlockedOr)
#define VMBP_EDK2_COMPILER_BARRIER() _ReadWriteBarrier()
#elif defined(__GNUC__) || defined(__clang__)
#define VMBP_EDK2_COMPILER_BARRIER() __asm__ __volatile__("" : : : "memory")
#else
#error "vmbp_edk2_prelude.h: add the compiler barrier and fence of this compiler"
#endif

#if defined(MDE_CPU_X64) || defined(MDE_CPU_IA32)
#define VMBP_EDK2_X86 1
#else
#define VMBP_EDK2_X86 0
#endif

/* Full fence: orders earlier loads and stores before later ones, a store before a later
 * load included (a locked instruction on x86). */
static __inline void vmbp_edk2_full_fence(void)
{
#if defined(_MSC_VER)
    long volatile word = 0;

    (void)_InterlockedOr(&word, 0);
#elif VMBP_EDK2_X86 && defined(MDE_CPU_X64)
    __asm__ __volatile__("lock; addl $0,(%%rsp)" : : : "memory", "cc");
#elif VMBP_EDK2_X86
    __asm__ __volatile__("lock; addl $0,(%%esp)" : : : "memory", "cc");
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/* Aligned 32-bit accesses are single-copy atomic on every EDK2 target; the barriers give
 * the ordering (acquire: after the load; release: before the store). */
static __inline uint32_t vmbp_edk2_load_acquire32(const volatile uint32_t *p)
{
    uint32_t v = *p;

#if VMBP_EDK2_X86
    VMBP_EDK2_COMPILER_BARRIER();
#else
    vmbp_edk2_full_fence();
#endif
    return v;
}

static __inline void vmbp_edk2_store_release32(volatile uint32_t *p, uint32_t v)
{
#if VMBP_EDK2_X86
    VMBP_EDK2_COMPILER_BARRIER();
#else
    vmbp_edk2_full_fence();
#endif
    *p = v;
}

/* CopyMem() from memory the host can write, between compiler barriers: the compiler may
 * not replace uses of the private copy by new reads of the shared bytes (GCC5 builds with
 * link-time optimisation, which can see through CopyMem). */
static __inline void vmbp_edk2_copy_from(void *dst, const volatile void *src, UINTN n)
{
    VMBP_EDK2_COMPILER_BARRIER();
    CopyMem(dst, (CONST VOID *)(UINTN)src, n);
    VMBP_EDK2_COMPILER_BARRIER();
}

static __inline void vmbp_edk2_copy_to(volatile void *dst, const void *src, UINTN n)
{
    VMBP_EDK2_COMPILER_BARRIER();
    CopyMem((VOID *)(UINTN)dst, src, n);
    VMBP_EDK2_COMPILER_BARRIER();
}

/* Exchange: one locked instruction (xchg), which a host writing the word cannot make us
 * retry. BaseLib has no exchange; the compilers EDK2 builds with all provide it. */
static __inline uint32_t vmbp_edk2_xchg32(volatile uint32_t *p, uint32_t v)
{
#if defined(_MSC_VER)
    return (uint32_t)_InterlockedExchange((long volatile *)p, (long)v);
#else
    return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
#endif
}

/*
 * Atomic AND on a word the host can write (the SynIC event flags). x86 has no fetch-and
 * instruction: compilers and InterlockedAnd loop on a compare-exchange, which a host that
 * rewrites the word could keep failing for ever. So the loop is bounded: after
 * VMBP_EDK2_CMPXCHG_TRIES contested attempts nothing is cleared and the return value shows
 * the bits to clear as already clear, so the caller takes none of them now; they stay set
 * for the next scan.
 */
#define VMBP_EDK2_CMPXCHG_TRIES 16u

static __inline uint32_t vmbp_edk2_fetch_and32(volatile uint32_t *p, uint32_t mask)
{
    uint32_t old = *p, seen;
    UINTN i;

    for (i = 0; i < VMBP_EDK2_CMPXCHG_TRIES; i++) {
        seen = InterlockedCompareExchange32(p, old, old & mask);
        if (seen == old)
            return old;
        old = seen;
    }
    vmbp_edk2_full_fence(); /* the hook promises a full barrier, taken or not */
    return old & mask;
}

#endif /* VMBP_EDK2_PRELUDE_H */
