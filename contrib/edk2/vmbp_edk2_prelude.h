/* SPDX-License-Identifier: MIT */
/*
 * vmbus_proto in EDK2 firmware (MSVC IA32/X64, clang, gcc): types, copies, 64-bit shifts and
 * the shared-memory hooks mapped to MdePkg's BaseLib and BaseMemoryLib.
 *
 *   [BuildOptions]  *_*_*_CC_FLAGS = -DVMBP_SYSTEM_HEADER="vmbp_edk2_prelude.h"
 *   (with vmbus_proto/include and vmbus_proto/contrib/edk2 on the include path; the
 *   module's [LibraryClasses] need BaseLib and BaseMemoryLib)
 *
 * MemoryFence() must be a full fence (it orders a store before a later load: the ring's
 * signal decisions depend on it). Where a BaseLib's MemoryFence() is only a compiler
 * barrier, define VMBP_SHARED_MB before including vmbus_proto (x86: an `mfence`).
 *
 * EDK2 APIs used: Base.h (UINT8..UINT64, INT32, UINTN, BOOLEAN, VOID, NULL, OFFSET_OF),
 * BaseLib.h (LShiftU64, RShiftU64, MemoryFence, InterlockedCompareExchange32),
 * and the compiler's atomic exchange and AND (MSVC _InterlockedExchange/_InterlockedAnd,
 * GCC and clang __atomic builtins),
 * BaseMemoryLib.h (CopyMem, SetMem).
 */
#ifndef VMBP_EDK2_PRELUDE_H
#define VMBP_EDK2_PRELUDE_H

#include <Base.h>
#include <Library/BaseLib.h>
#include <Library/BaseMemoryLib.h>

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
#define VMBP_SHARED_COPY_FROM(d, s, n) ((void)CopyMem((d), (CONST VOID *)(UINTN)(s), (n)))
#define VMBP_SHARED_COPY_TO(d, s, n) ((void)CopyMem((VOID *)(UINTN)(d), (s), (n)))
#if !defined(VMBP_SHARED_MB)
#define VMBP_SHARED_MB() MemoryFence()
#endif

/* Aligned 32-bit accesses are single-copy atomic on every EDK2 target; the fences give the
 * ordering (acquire: fence after the load; release: fence before the store). */
static __inline uint32_t vmbp_edk2_load_acquire32(const volatile uint32_t *p)
{
    uint32_t v = *p;

    MemoryFence();
    return v;
}

static __inline void vmbp_edk2_store_release32(volatile uint32_t *p, uint32_t v)
{
    MemoryFence();
    *p = v;
}

/*
 * Exchange and AND on a word the host can write: one locked instruction each, so that a
 * host rewriting the word cannot make us retry forever (a compare-exchange loop could).
 * BaseLib has no such primitives; the compilers EDK2 builds with all provide them.
 */
#if defined(_MSC_VER)
long _InterlockedExchange(long volatile *target, long value);
long _InterlockedAnd(long volatile *target, long mask);
#pragma intrinsic(_InterlockedExchange)
#pragma intrinsic(_InterlockedAnd)
static __inline uint32_t vmbp_edk2_xchg32(volatile uint32_t *p, uint32_t v)
{
    return (uint32_t)_InterlockedExchange((long volatile *)p, (long)v);
}

static __inline uint32_t vmbp_edk2_fetch_and32(volatile uint32_t *p, uint32_t mask)
{
    return (uint32_t)_InterlockedAnd((long volatile *)p, (long)mask);
}
#else
static __inline uint32_t vmbp_edk2_xchg32(volatile uint32_t *p, uint32_t v)
{
    return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

static __inline uint32_t vmbp_edk2_fetch_and32(volatile uint32_t *p, uint32_t mask)
{
    return __atomic_fetch_and(p, mask, __ATOMIC_SEQ_CST);
}
#endif

#endif /* VMBP_EDK2_PRELUDE_H */
