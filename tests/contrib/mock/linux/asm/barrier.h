/* SPDX-License-Identifier: MIT */
/* Mock of the kernel's <asm/barrier.h> (the virt_* barriers). */
#ifndef MOCK_ASM_BARRIER_H
#define MOCK_ASM_BARRIER_H
#define virt_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define virt_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define virt_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#endif
