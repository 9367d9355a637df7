/* SPDX-License-Identifier: MIT */
/*
 * The shared-memory hooks check_tables.c builds the reference ring with: the instrumented
 * layer of the tests (tshm.h: load counts, strict bounds), with the 32-bit loads and stores
 * and the full barrier routed through check_tables.c first, which logs them in program order
 * so that each row's accesses can be compared with the model's (tables.pml).
 */
#ifndef VMBP_SPIN_TRACE_HOOKS_H
#define VMBP_SPIN_TRACE_HOOKS_H

#include "tshm.h"

#ifdef __cplusplus
extern "C" {
#endif

uint32_t spin_trace_load32(const volatile uint32_t *p);
void spin_trace_store32(volatile uint32_t *p, uint32_t v);
void spin_trace_mb(void);

#ifdef __cplusplus
}
#endif

/* Acquire and release become plain loads and stores: the model is of the full barriers
 * (proof/README.md, "The machine"). */
#undef VMBP_SHARED_LOAD32
#undef VMBP_SHARED_LOAD32_ACQUIRE
#undef VMBP_SHARED_STORE32
#undef VMBP_SHARED_STORE32_RELEASE
#undef VMBP_SHARED_MB
#define VMBP_SHARED_LOAD32(p) spin_trace_load32(p)
#define VMBP_SHARED_LOAD32_ACQUIRE(p) spin_trace_load32(p)
#define VMBP_SHARED_STORE32(p, v) spin_trace_store32((p), (v))
#define VMBP_SHARED_STORE32_RELEASE(p, v) spin_trace_store32((p), (v))
#define VMBP_SHARED_MB() spin_trace_mb()

#endif /* VMBP_SPIN_TRACE_HOOKS_H */
