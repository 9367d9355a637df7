/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the fuzz targets: a data splitter over the input (little-endian fields taken
 * from the front, zeroes once it runs out) and the contract assertion.
 *
 * Harnesses assert contracts, not just the absence of crashes: FZ_CHECK prints what broke
 * and aborts, which every engine (libFuzzer, AFL++, the replay driver under CTest) reports
 * as a crash with the input that caused it. Everything a harness keeps lives in one input's
 * run: no state is carried from one input to the next.
 */
#ifndef VMBP_FUZZ_UTIL_H
#define VMBP_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bookkeeping loops of the harnesses are not coverage-instrumented: their comparisons
 * would only slow the engine down and steer it nowhere. */
#if defined(__clang__)
#define FZ_NOCOV __attribute__((no_sanitize("coverage"), noinline))
#else
#define FZ_NOCOV
#endif

#define FZ_CHECK(cond, ...)                                                                    \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "%s:%d: contract violated: %s: ", __FILE__, __LINE__, #cond);      \
            fprintf(stderr, __VA_ARGS__);                                                      \
            fputc('\n', stderr);                                                               \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

/* FZ_TRACE=1 in the environment: the ring and message targets print each call and its
 * result to stderr (to read what a corpus file does). */
static inline bool fz_trace(void)
{
    static int on = -1;

    if (on < 0)
        on = getenv("FZ_TRACE") != NULL;
    return on != 0;
}

/* The unread rest of the input. */
struct fz {
    const uint8_t *p;
    size_t n;
};

static inline uint8_t fz_u8(struct fz *f)
{
    if (f->n == 0)
        return 0;
    f->n--;
    return *f->p++;
}

static inline uint16_t fz_u16(struct fz *f)
{
    uint16_t lo = fz_u8(f);

    return (uint16_t)(lo | (uint16_t)(fz_u8(f) << 8));
}

static inline uint32_t fz_u32(struct fz *f)
{
    uint32_t lo = fz_u16(f);

    return lo | ((uint32_t)fz_u16(f) << 16);
}

static inline uint64_t fz_u64(struct fz *f)
{
    uint64_t lo = fz_u32(f);

    return lo | ((uint64_t)fz_u32(f) << 32);
}

/* Copy n bytes into dst; bytes past the end of the input are zero. Returns the bytes taken. */
static inline size_t fz_bytes(struct fz *f, void *dst, size_t n)
{
    size_t k = n < f->n ? n : f->n;

    if (k)
        memcpy(dst, f->p, k);
    if (n > k)
        memset((uint8_t *)dst + k, 0, n - k);
    f->p += k;
    f->n -= k;
    return k;
}

/* A sub-input of up to n bytes taken from the front. */
static inline struct fz fz_split(struct fz *f, size_t n)
{
    struct fz s;

    s.p = f->p;
    s.n = n < f->n ? n : f->n;
    f->p += s.n;
    f->n -= s.n;
    return s;
}

static inline uint32_t fz_le32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline void fz_put32(uint8_t *b, uint32_t v)
{
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
    b[2] = (uint8_t)(v >> 16);
    b[3] = (uint8_t)(v >> 24);
}

static inline uint64_t fz_le64(const uint8_t *b)
{
    return (uint64_t)fz_le32(b) | (uint64_t)fz_le32(b + 4) << 32;
}

static inline void fz_put64(uint8_t *b, uint64_t v)
{
    fz_put32(b, (uint32_t)v);
    fz_put32(b + 4, (uint32_t)(v >> 32));
}

static inline uint16_t fz_le16(const uint8_t *b)
{
    return (uint16_t)(b[0] | b[1] << 8);
}

static inline void fz_put16(uint8_t *b, uint16_t v)
{
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
}

static inline void *fz_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    FZ_CHECK(p != NULL, "out of memory (%zu bytes)", n);
    return p;
}

#endif /* VMBP_FUZZ_UTIL_H */
