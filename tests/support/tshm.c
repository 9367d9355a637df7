/* SPDX-License-Identifier: MIT */
/* Instrumented shared-memory accessor layer: see tshm.h. */
#include "tshm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TSHM_MAX_REGIONS 8

struct tshm_region {
    uint8_t *base;
    size_t len;
    uint16_t *reads;
    uint16_t *writes;
};

static struct tshm_region regions[TSHM_MAX_REGIONS];
static size_t nregions;
static bool strict;
static vmbp_tshm_mutator_fn mutator;
static void *mutator_ctx;
static vmbp_tshm_access_fn access_hook;
static void *access_ctx;
static size_t calls, stray_calls;

void vmbp_tshm_attach(void *base, size_t len)
{
    struct tshm_region *r;

    if (nregions == TSHM_MAX_REGIONS) {
        fprintf(stderr, "tshm: too many regions\n");
        abort();
    }
    r = &regions[nregions++];
    r->base = (uint8_t *)base;
    r->len = len;
    r->reads = (uint16_t *)calloc(len ? len : 1, sizeof(uint16_t));
    r->writes = (uint16_t *)calloc(len ? len : 1, sizeof(uint16_t));
    if (!r->reads || !r->writes)
        abort();
}

void vmbp_tshm_detach_all(void)
{
    size_t i;

    for (i = 0; i < nregions; i++) {
        free(regions[i].reads);
        free(regions[i].writes);
    }
    memset(regions, 0, sizeof(regions));
    nregions = 0;
    strict = false;
    mutator = NULL;
    mutator_ctx = NULL;
    access_hook = NULL;
    access_ctx = NULL;
    calls = stray_calls = 0;
}

void vmbp_tshm_reset_counts(void)
{
    size_t i;

    for (i = 0; i < nregions; i++) {
        memset(regions[i].reads, 0, regions[i].len * sizeof(uint16_t));
        memset(regions[i].writes, 0, regions[i].len * sizeof(uint16_t));
    }
    calls = stray_calls = 0;
}

void vmbp_tshm_set_strict(bool on)
{
    strict = on;
}

void vmbp_tshm_set_mutator(vmbp_tshm_mutator_fn fn, void *ctx)
{
    mutator = fn;
    mutator_ctx = ctx;
}

void vmbp_tshm_set_access_hook(vmbp_tshm_access_fn fn, void *ctx)
{
    access_hook = fn;
    access_ctx = ctx;
}

/* The region holding all of [p, p + n), or NULL. */
static struct tshm_region *find(const volatile void *p, size_t n)
{
    uintptr_t a = (uintptr_t)p;
    size_t i;

    for (i = 0; i < nregions; i++) {
        uintptr_t b = (uintptr_t)regions[i].base;

        if (a >= b && a - b <= regions[i].len && n <= regions[i].len - (a - b))
            return &regions[i];
    }
    return NULL;
}

static void account(const volatile void *p, size_t n, bool is_read, bool is_write)
{
    struct tshm_region *r = find(p, n);
    size_t off, i;

    calls++;
    if (!r) {
        stray_calls++;
        if (strict) {
            fprintf(stderr, "tshm: shared access of %zu bytes at %p outside every region\n", n,
                    (const void *)p);
            abort();
        }
        return;
    }
    off = (size_t)((uintptr_t)p - (uintptr_t)r->base);
    if (is_read && mutator)
        mutator(mutator_ctx, r->base + off, n);
    if (access_hook)
        access_hook(access_ctx, r->base + off, n, is_write);
    for (i = 0; i < n; i++) {
        if (is_read && r->reads[off + i] < UINT16_MAX)
            r->reads[off + i]++;
        if (is_write && r->writes[off + i] < UINT16_MAX)
            r->writes[off + i]++;
    }
}

static const struct tshm_region *find_byte(const void *addr)
{
    return find(addr, 1);
}

unsigned vmbp_tshm_reads_of(const void *addr)
{
    const struct tshm_region *r = find_byte(addr);

    return r ? r->reads[(uintptr_t)addr - (uintptr_t)r->base] : 0;
}

unsigned vmbp_tshm_writes_of(const void *addr)
{
    const struct tshm_region *r = find_byte(addr);

    return r ? r->writes[(uintptr_t)addr - (uintptr_t)r->base] : 0;
}

unsigned vmbp_tshm_max_reads(void)
{
    unsigned max = 0;
    size_t i, j;

    for (i = 0; i < nregions; i++)
        for (j = 0; j < regions[i].len; j++)
            if (regions[i].reads[j] > max)
                max = regions[i].reads[j];
    return max;
}

size_t vmbp_tshm_bytes_read(void)
{
    size_t n = 0, i, j;

    for (i = 0; i < nregions; i++)
        for (j = 0; j < regions[i].len; j++)
            n += regions[i].reads[j] != 0;
    return n;
}

size_t vmbp_tshm_calls(void)
{
    return calls;
}

size_t vmbp_tshm_stray_calls(void)
{
    return stray_calls;
}

uint32_t vmbp_tshm_load32(const volatile uint32_t *p)
{
    account(p, 4, true, false);
    return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

void vmbp_tshm_store32(volatile uint32_t *p, uint32_t v)
{
    account(p, 4, false, true);
    __atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

uint32_t vmbp_tshm_xchg32(volatile uint32_t *p, uint32_t v)
{
    account(p, 4, true, true);
    return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

bool vmbp_tshm_cmpxchg32(volatile uint32_t *p, uint32_t expected, uint32_t desired)
{
    account(p, 4, true, true);
    return __atomic_compare_exchange_n(p, &expected, desired, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

uint32_t vmbp_tshm_fetch_and32(volatile uint32_t *p, uint32_t mask)
{
    account(p, 4, true, true);
    return __atomic_fetch_and(p, mask, __ATOMIC_SEQ_CST);
}

void vmbp_tshm_copy_from(void *dst, const volatile void *src, size_t n)
{
    account(src, n, true, false);
    memcpy(dst, (const void *)src, n);
}

void vmbp_tshm_copy_to(volatile void *dst, const void *src, size_t n)
{
    account(dst, n, false, true);
    memcpy((void *)dst, src, n);
}

void vmbp_tshm_mb(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}
