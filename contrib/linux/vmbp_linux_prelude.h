/* SPDX-License-Identifier: MIT */
/*
 * vmbus_proto inside the Linux kernel: types, copies and the shared-memory hooks mapped to
 * the kernel's own primitives. With the module directory laid out as README.md "Using it in
 * Linux" says (include/vmbus_proto/, contrib/linux/, reference/):
 *
 *   ccflags-y += -I$(src)/include -I$(src)/contrib/linux
 *   ccflags-y += -DVMBP_SYSTEM_HEADER='"vmbp_linux_prelude.h"'
 *
 * port.h includes this file instead of <stdint.h>/<stddef.h>/<stdbool.h>; the VMBP_SHARED_*
 * hooks defined here are seen by shared.h before its defaults. The ring talks to the
 * hypervisor or the host, so the virt_* barriers are used: they stay barriers in !SMP
 * builds, where smp_* would become compiler barriers.
 *
 * Kernel APIs used: <linux/types.h> (uint*_t, int32_t, size_t, uintptr_t, bool),
 * <linux/stddef.h> (NULL, true, false, offsetof), <linux/string.h> (memcpy, memset),
 * <linux/compiler.h> (READ_ONCE, WRITE_ONCE, barrier), <asm/barrier.h> (virt_load_acquire,
 * virt_store_release, virt_mb), <linux/atomic.h> (xchg, cmpxchg).
 */
#ifndef VMBP_LINUX_PRELUDE_H
#define VMBP_LINUX_PRELUDE_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <linux/atomic.h>

/* Status-returning functions: the kernel's own spelling of warn_unused_result. */
#define VMBP_MUST_CHECK __must_check
/* The dispatch's large decoders, kept out of line: the kernel's spelling. */
#define VMBP_OUTLINE static noinline __maybe_unused

#define VMBP_MEMCPY(dst, src, n) ((void)memcpy((dst), (src), (n)))
#define VMBP_MEMSET(dst, byte, n) ((void)memset((dst), (byte), (n)))
/* 64-bit shifts are native in the kernel on every architecture (libgcc helpers provided). */

#define VMBP_SHARED_LOAD32(p) READ_ONCE(*(p))
#define VMBP_SHARED_LOAD32_ACQUIRE(p) virt_load_acquire(p)
#define VMBP_SHARED_STORE32(p, v) WRITE_ONCE(*(p), (v))
#define VMBP_SHARED_STORE32_RELEASE(p, v) virt_store_release((p), (v))
#define VMBP_SHARED_XCHG32(p, v) xchg((p), (v))
#define VMBP_SHARED_CMPXCHG32(p, o, n) (cmpxchg((p), (o), (n)) == (o))
#define VMBP_SHARED_FETCH_AND32(p, m) vmbp_linux_fetch_and32((p), (m))
#define VMBP_SHARED_COPY_FROM(d, s, n) vmbp_linux_copy_from((d), (s), (n))
#define VMBP_SHARED_COPY_TO(d, s, n) vmbp_linux_copy_to((d), (s), (n))
#define VMBP_SHARED_MB() virt_mb()

/*
 * memcpy() from memory the host can write, fenced by compiler barriers: without the one
 * after it the compiler may drop the private copy and read the shared bytes again where
 * the copy is used (the compiler-made double fetch of Xen XSA-155); the one before keeps
 * the copy after the index load that validated it.
 */
static inline void vmbp_linux_copy_from(void *dst, const volatile void *src, size_t n)
{
    barrier();
    memcpy(dst, (const void *)src, n);
    barrier();
}

static inline void vmbp_linux_copy_to(volatile void *dst, const void *src, size_t n)
{
    barrier();
    memcpy((void *)dst, src, n);
    barrier();
}

/*
 * Atomic AND on a word the host can write (the SynIC event flags). The kernel has
 * atomic_fetch_and() only for atomic_t, and on x86 it is a compare-exchange loop too; a
 * host that rewrites the word between our load and our cmpxchg could keep such a loop
 * spinning for ever. So the loop is bounded: after VMBP_LINUX_CMPXCHG_TRIES contested
 * attempts nothing is cleared, and the return value shows the bits to clear as already
 * clear, so the caller takes none of them now; they stay set for the next scan.
 */
#define VMBP_LINUX_CMPXCHG_TRIES 16

static inline uint32_t vmbp_linux_fetch_and32(volatile uint32_t *p, uint32_t mask)
{
    uint32_t old = READ_ONCE(*p), seen;
    unsigned int i;

    for (i = 0; i < VMBP_LINUX_CMPXCHG_TRIES; i++) {
        seen = cmpxchg(p, old, old & mask);
        if (seen == old)
            return old;
        old = seen;
    }
    virt_mb(); /* the hook promises a full barrier, taken or not */
    return old & mask;
}

#endif /* VMBP_LINUX_PRELUDE_H */
