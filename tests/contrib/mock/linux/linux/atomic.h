/* SPDX-License-Identifier: MIT */
/* Mock of the kernel's <linux/atomic.h> (xchg, cmpxchg: return the old value). */
#ifndef MOCK_LINUX_ATOMIC_H
#define MOCK_LINUX_ATOMIC_H
#define xchg(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define cmpxchg(p, o, n) __sync_val_compare_and_swap((p), (o), (n))
#endif
