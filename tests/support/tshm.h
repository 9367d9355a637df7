/* SPDX-License-Identifier: MIT */
/*
 * Instrumented shared-memory accessor layer for tests and fuzzers.
 *
 * Compile code under test with -DVMBP_SHARED_HOOKS_HEADER='"tshm.h"' (or include this file
 * before any vmbus_proto header) and every VMBP_SHARED_* hook comes here. The layer
 * - counts the reads and writes of every byte of the registered shared regions, so a test
 *   can assert that each host-writable byte was read at most once per operation;
 * - calls an optional mutator before every read, which may rewrite the bytes about to be
 *   read: a host racing the reader, or a fuzzer feeding fresh bytes to every fetch;
 * - aborts on any shared access outside the registered regions when strict mode is on.
 * Single-threaded use only (the two-thread stress tests use the default layer).
 */
#ifndef VMBP_TESTS_TSHM_H
#define VMBP_TESTS_TSHM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Called before the layer reads [addr, addr + len) of a registered region; may change it. */
typedef void (*vmbp_tshm_mutator_fn)(void *ctx, uint8_t *addr, size_t len);
/* Called before every access to a registered region, read or write (after the mutator on a
 * read): a test runs the other end of a ring there, to place its steps between two shared
 * accesses of the code under test. */
typedef void (*vmbp_tshm_access_fn)(void *ctx, const uint8_t *addr, size_t len, bool is_write);

/* Register [base, base + len) as shared memory (at most 8 regions). */
void vmbp_tshm_attach(void *base, size_t len);
/* Forget every region, counter, mutator and the strict flag. */
void vmbp_tshm_detach_all(void);
/* Zero all read and write counters. */
void vmbp_tshm_reset_counts(void);
/* Abort (with a message) on accesses outside the registered regions. Default: off. */
void vmbp_tshm_set_strict(bool strict);
void vmbp_tshm_set_mutator(vmbp_tshm_mutator_fn fn, void *ctx);
void vmbp_tshm_set_access_hook(vmbp_tshm_access_fn fn, void *ctx);

/* Reads of one byte since the last reset (0 for unregistered addresses). */
unsigned vmbp_tshm_reads_of(const void *addr);
/* Writes of one byte since the last reset. */
unsigned vmbp_tshm_writes_of(const void *addr);
/* Largest per-byte read count over all regions since the last reset. */
unsigned vmbp_tshm_max_reads(void);
/* Number of distinct registered bytes read since the last reset. */
size_t vmbp_tshm_bytes_read(void);
/* Total accessor calls since the last reset, and those that fell outside all regions. */
size_t vmbp_tshm_calls(void);
size_t vmbp_tshm_stray_calls(void);

uint32_t vmbp_tshm_load32(const volatile uint32_t *p);
void vmbp_tshm_store32(volatile uint32_t *p, uint32_t v);
uint32_t vmbp_tshm_xchg32(volatile uint32_t *p, uint32_t v);
bool vmbp_tshm_cmpxchg32(volatile uint32_t *p, uint32_t expected, uint32_t desired);
uint32_t vmbp_tshm_fetch_and32(volatile uint32_t *p, uint32_t mask);
void vmbp_tshm_copy_from(void *dst, const volatile void *src, size_t n);
void vmbp_tshm_copy_to(volatile void *dst, const void *src, size_t n);
void vmbp_tshm_mb(void);

#ifdef __cplusplus
}
#endif

#define VMBP_SHARED_LOAD32(p) vmbp_tshm_load32(p)
#define VMBP_SHARED_LOAD32_ACQUIRE(p) vmbp_tshm_load32(p)
#define VMBP_SHARED_STORE32(p, v) vmbp_tshm_store32((p), (v))
#define VMBP_SHARED_STORE32_RELEASE(p, v) vmbp_tshm_store32((p), (v))
#define VMBP_SHARED_XCHG32(p, v) vmbp_tshm_xchg32((p), (v))
#define VMBP_SHARED_CMPXCHG32(p, o, n) vmbp_tshm_cmpxchg32((p), (o), (n))
#define VMBP_SHARED_FETCH_AND32(p, m) vmbp_tshm_fetch_and32((p), (m))
#define VMBP_SHARED_COPY_FROM(d, s, n) vmbp_tshm_copy_from((d), (s), (n))
#define VMBP_SHARED_COPY_TO(d, s, n) vmbp_tshm_copy_to((d), (s), (n))
#define VMBP_SHARED_MB() vmbp_tshm_mb()

#endif /* VMBP_TESTS_TSHM_H */
