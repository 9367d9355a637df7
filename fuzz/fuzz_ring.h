/* SPDX-License-Identifier: MIT */
/*
 * What the ring targets share: ring memory behind the instrumented accessor layer
 * (tests/support/tshm.h), a racing host, and the record of every shared read the library
 * makes, which the targets' models use as their only view of the peer's bytes.
 *
 * Steps: a library call starts a step, and so does every store of the index that end
 * publishes (read_index for a reader, write_index for a writer). Within a step no shared
 * byte may be read twice (VMBP-TRUST-002): the tshm mutator hook, called before every
 * shared read, checks it and records the value each byte had when it was read.
 *
 * Memory: `mirror` is what the ring must hold: every host write (between calls, and the
 * racing host's rewrites during them) goes to both, and the models apply the library's
 * expected stores to the mirror. After each call the ring must equal the mirror byte for
 * byte, so the library wrote exactly what the model predicted and nothing else.
 */
#ifndef VMBP_FUZZ_RING_H
#define VMBP_FUZZ_RING_H

#include <vmbus_proto/vmbp_ring.h>

#include "fuzz_format.h"
#include "fuzz_util.h"
#include "tshm.h"

#define FZ_CTL 4096u
#define FZ_CTL_WORDS 18u /* control words 0..17: byte offsets 0 to 71 (feature_bits at 64) */
#define FZ_STEPS 4u      /* steps a single library call may take */
#define FZ_OFF_WRITE 0u
#define FZ_OFF_READ 4u
#define FZ_OFF_MASK 8u
#define FZ_OFF_PENDING 12u
#define FZ_OFF_FEATURES 64u

struct fz_ring {
    uint8_t *alloc;    /* heap block holding the ring (ASan catches any access outside) */
    uint8_t *mem;      /* the ring: control page, then data area */
    uint8_t *mirror;   /* what the ring must hold */
    size_t len;        /* FZ_CTL + size */
    uint32_t size;     /* data area bytes */
    uint32_t own;      /* byte offset of the index this end publishes */
    bool race;         /* racing host on */
    struct fz *stream; /* racing-host and host-write bytes */
    /* the shared reads of the current library call */
    unsigned step;       /* step within the call */
    unsigned own_writes; /* tshm write count of the own index when the step began */
    uint32_t gstep;      /* step number over the whole input; 0 = never read */
    uint32_t *stamp;     /* per byte of the ring: gstep of its last read */
    uint8_t *val;        /* per byte: the value that read returned */
    size_t nread[FZ_STEPS];
    size_t expect[FZ_STEPS]; /* bytes the model says the library must read */
    uint32_t ctl[FZ_STEPS][FZ_CTL_WORDS];
    uint32_t ctl_read[FZ_STEPS]; /* bit i: control word i was read in that step */
    uint32_t gstep0;             /* gstep of the call's first step */
};

static inline uint32_t fz_dist(uint32_t size, uint32_t a, uint32_t b)
{
    return b >= a ? b - a : size - (a - b);
}

static inline uint32_t fz_add(uint32_t size, uint32_t idx, uint32_t n)
{
    return (uint32_t)(((uint64_t)idx + n) % size);
}

/*
 * spec/packet.md, VMBP-RING-019, on a header extension of len >= 8 bytes (a transfer-page or
 * GPA-direct packet's bytes after its 16-byte descriptor, up to the data offset): at least
 * one range, and the ranges (gpa: each followed by one PFN per 4 KiB page it spans) inside
 * the extension. The model of the reader's check and of the writer's.
 */
static inline enum vmbp_status fz_model_ext_ranges(const uint8_t *ext, uint32_t len, bool gpa,
                                                   uint32_t *count)
{
    uint32_t n = fz_le32(ext + 4), i;
    uint64_t pos = 8;

    *count = 0;
    if (n == 0)
        return VMBP_E_RING_RANGE_COUNT;
    if ((uint64_t)n * 8u > len - 8u)
        return VMBP_E_RING_RANGE_BOUNDS;
    for (i = 0; gpa && i < n; i++) {
        uint64_t pfns;

        if (pos + 8u > len)
            return VMBP_E_RING_RANGE_BOUNDS;
        pfns = ((uint64_t)fz_le32(ext + pos + 4) + fz_le32(ext + pos) + 4095u) / 4096u;
        if (pos + 8u + pfns * 8u > len)
            return VMBP_E_RING_RANGE_BOUNDS;
        pos += 8u + pfns * 8u;
    }
    *count = n;
    return VMBP_OK;
}

/* Data area of a size code (fuzz_format.h): every multiple of 8 from 32 to 4096 bytes, or
 * from FZ_SIZE_PAGES_FROM on 1 to 5 pages (12 and 20 KiB are not powers of two, and hosts
 * use such rings: the index arithmetic's general path). */
static inline uint32_t fz_size_from_code(uint16_t code)
{
    if (code >= FZ_SIZE_PAGES_FROM)
        return 4096u * (1u + code % 5u);
    return 8u * (4u + code % FZ_SIZE_MOD);
}

/* The racing host: rewrite [off, off + len) before the library reads it. */
FZ_NOCOV static inline void fz_race(struct fz_ring *R, size_t off, size_t len)
{
    uint8_t *m = R->mem + off;
    uint8_t c = fz_u8(R->stream);
    size_t i;

    switch (c % 4u) {
    case 0:
        return;
    case 1:
        fz_bytes(R->stream, m, len);
        break;
    case 2:
        i = fz_u8(R->stream) % len;
        m[i] ^= fz_u8(R->stream);
        break;
    default:
        if (len == 4) {
            int8_t k = (int8_t)fz_u8(R->stream);

            fz_put32(m, fz_le32(m) + (uint32_t)(8 * (int32_t)k));
        } else {
            i = fz_u8(R->stream) % len;
            m[i] = fz_u8(R->stream);
        }
        break;
    }
    memcpy(R->mirror + off, m, len);
}

FZ_NOCOV static inline void fz_ring_mutator(void *ctx, uint8_t *addr, size_t len)
{
    struct fz_ring *R = (struct fz_ring *)ctx;
    size_t off = (size_t)(addr - R->mem), i;
    unsigned w = vmbp_tshm_writes_of(R->mem + R->own);

    FZ_CHECK(addr >= R->mem && off <= R->len && len <= R->len - off,
             "shared read of %zu bytes at ring offset %zu", len, off);
    if (len == 0) /* an empty copy (a packet without a body) reads nothing */
        return;
    if (w != R->own_writes) { /* the library published its index: a new step */
        R->own_writes = w;
        R->step++;
        R->gstep++;
        FZ_CHECK(R->step < FZ_STEPS, "more than %u steps in one call", FZ_STEPS);
    }
    if (R->race)
        fz_race(R, off, len);
    for (i = 0; i < len; i++) {
        FZ_CHECK(R->stamp[off + i] != R->gstep,
                 "shared byte %zu read twice in one step (step %u of the call)", off + i,
                 R->step);
        R->stamp[off + i] = R->gstep;
        R->val[off + i] = addr[i];
    }
    R->nread[R->step] += len;
    if (off < FZ_CTL_WORDS * 4u && off % 4u == 0 && len == 4) {
        R->ctl[R->step][off / 4u] = fz_le32(addr);
        R->ctl_read[R->step] |= 1u << (off / 4u);
    }
}

/* Ring memory of a data area of size bytes (extra: slack bytes before the ring). */
static inline void fz_ring_open(struct fz_ring *R, uint32_t size, uint32_t own, bool race,
                                struct fz *stream, size_t extra)
{
    memset(R, 0, sizeof(*R));
    R->size = size;
    R->len = FZ_CTL + size;
    R->own = own;
    R->race = race;
    R->stream = stream;
    R->alloc = (uint8_t *)fz_malloc(R->len + extra);
    R->mem = R->alloc + extra;
    R->mirror = (uint8_t *)fz_malloc(R->len);
    R->stamp = (uint32_t *)calloc(R->len, sizeof(uint32_t));
    R->val = (uint8_t *)fz_malloc(R->len);
    FZ_CHECK(R->stamp != NULL, "out of memory");
    memset(R->alloc, 0, R->len + extra);
    memset(R->mirror, 0, R->len);
    vmbp_tshm_detach_all();
    vmbp_tshm_attach(R->mem, R->len);
    vmbp_tshm_set_strict(true);
    vmbp_tshm_set_mutator(fz_ring_mutator, R);
}

static inline void fz_ring_close(struct fz_ring *R)
{
    vmbp_tshm_detach_all();
    free(R->alloc);
    free(R->mirror);
    free(R->stamp);
    free(R->val);
}

/* A library call begins. */
FZ_NOCOV static inline void fz_call(struct fz_ring *R)
{
    R->gstep++;
    R->gstep0 = R->gstep;
    R->step = 0;
    R->own_writes = vmbp_tshm_writes_of(R->mem + R->own);
    memset(R->nread, 0, sizeof(R->nread));
    memset(R->expect, 0, sizeof(R->expect));
    memset(R->ctl_read, 0, sizeof(R->ctl_read));
}

/* Model side: the control word at byte offset off as the library read it in step s. */
static inline uint32_t fz_seen32(struct fz_ring *R, unsigned s, uint32_t off)
{
    FZ_CHECK(s < FZ_STEPS && (R->ctl_read[s] >> (off / 4u) & 1u),
             "the library did not read control word %u in step %u", off, s);
    R->expect[s] += 4;
    return R->ctl[s][off / 4u];
}

/* Model side: n data bytes from ring offset pos (wrapping) as read in step s. */
FZ_NOCOV static inline void fz_seen_data(struct fz_ring *R, unsigned s, uint32_t pos,
                                         uint8_t *dst, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++) {
        uint32_t at = FZ_CTL + (uint32_t)(((uint64_t)pos + i) % R->size);

        FZ_CHECK(R->stamp[at] == R->gstep0 + s,
                 "the library did not read data byte %u in step %u", at - FZ_CTL, s);
        dst[i] = R->val[at];
    }
    R->expect[s] += n;
}

/* The call ended: it read exactly what the model expected, and memory equals the mirror. */
FZ_NOCOV static inline void fz_call_done(struct fz_ring *R, const char *what)
{
    unsigned s;
    size_t i;

    for (s = 0; s < FZ_STEPS; s++)
        FZ_CHECK(R->nread[s] == R->expect[s],
                 "%s: step %u read %zu shared bytes, the model expects %zu", what, s,
                 R->nread[s], R->expect[s]);
    if (memcmp(R->mem, R->mirror, R->len) != 0) {
        for (i = 0; i < R->len && R->mem[i] == R->mirror[i]; i++)
            ;
        FZ_CHECK(0, "%s: ring byte %zu is 0x%02x, expected 0x%02x", what, i, R->mem[i],
                 R->mirror[i]);
    }
}

/* Host and model writes: both to memory (host) or to the mirror only (library, predicted). */
static inline void fz_host32(struct fz_ring *R, uint32_t off, uint32_t v)
{
    fz_put32(R->mem + off, v);
    fz_put32(R->mirror + off, v);
}

static inline void fz_lib32(struct fz_ring *R, uint32_t off, uint32_t v)
{
    fz_put32(R->mirror + off, v);
}

FZ_NOCOV static inline void fz_host_data(struct fz_ring *R, uint32_t pos, const uint8_t *src,
                                         uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++) {
        uint32_t at = FZ_CTL + (uint32_t)(((uint64_t)pos + i) % R->size);

        R->mem[at] = R->mirror[at] = src[i];
    }
}

FZ_NOCOV static inline void fz_lib_data(struct fz_ring *R, uint32_t pos, const uint8_t *src,
                                        uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++)
        R->mirror[FZ_CTL + (uint32_t)(((uint64_t)pos + i) % R->size)] = src[i];
}

static inline uint32_t fz_word_off(unsigned word)
{
    static const uint32_t offs[5] = {FZ_OFF_WRITE, FZ_OFF_READ, FZ_OFF_MASK, FZ_OFF_PENDING,
                                     FZ_OFF_FEATURES};

    return offs[word % 5u];
}

/* FZ_*OP_HOST_WORD */
static inline void fz_host_word(struct fz_ring *R, uint8_t a0, uint8_t a1, uint8_t a2)
{
    uint32_t v = (uint32_t)a1 | (uint32_t)a2 << 8;

    if (a0 & 0x80u)
        v *= 8u;
    fz_host32(R, fz_word_off(a0 & 0x7Fu), v);
}

static inline bool fz_is_ring_violation(enum vmbp_status st)
{
    return ((unsigned)st & 0xFF00u) == 0x0300u;
}

/*
 * Bad vmbp_ring_init arguments (FZ_INIT_*): each gives VMBP_E_INVAL and touches nothing.
 * Returns false when @p which is FZ_INIT_NONE (nothing was tried).
 */
/* The initial mask a reader states (VMBP-RING-031): the host's masked, the guest's not. */
static inline uint32_t fz_start_flag(enum vmbp_ring_role role)
{
    if (role == VMBP_RING_HOST_RECV)
        return VMBP_RING_F_START_MASKED;
    return role == VMBP_RING_GUEST_RECV ? VMBP_RING_F_START_UNMASKED : 0u;
}

static inline bool fz_init_bad(struct fz_ring *R, unsigned which, enum vmbp_ring_role role)
{
    struct vmbp_ring ring;
    struct vmbp_ring *r = &ring;
    void *mem = R->mem;
    size_t bytes = R->len;
    uint32_t flags = VMBP_RING_F_RESET | fz_start_flag(role);
    enum vmbp_status st;

    switch (which) {
    case FZ_INIT_NONE:
        return false;
    case FZ_INIT_SHORT:
        bytes = FZ_CTL - 8u;
        break;
    case FZ_INIT_ODD_SIZE:
        bytes = R->len - 4u;
        break;
    case FZ_INIT_TINY:
        bytes = FZ_CTL + VMBP_RING_DATA_MIN - 8u;
        break;
    case FZ_INIT_HUGE:
        bytes = (size_t)FZ_CTL + VMBP_RING_DATA_MAX + 8u; /* rejected before any access */
        break;
    case FZ_INIT_MISALIGN:
        mem = R->mem - 4; /* fz_ring_open was given 8 slack bytes */
        break;
    case FZ_INIT_FLAGS:
        flags |= 0x80u;
        break;
    case FZ_INIT_ROLE:
        role = (enum vmbp_ring_role)0;
        break;
    case FZ_INIT_NULL_RING:
        r = NULL;
        break;
    case FZ_INIT_START:
        flags ^= VMBP_RING_F_START_MASKED;
        break;
    default:
        mem = NULL;
        break;
    }
    fz_call(R);
    memset(&ring, 0x5A, sizeof(ring));
    st = vmbp_ring_init(r, mem, bytes, role, flags);
    FZ_CHECK(st == VMBP_E_INVAL, "vmbp_ring_init bad argument %u: status 0x%x", which,
             (unsigned)st);
    fz_call_done(R, "init (bad argument)");
    return true;
}

#endif /* VMBP_FUZZ_RING_H */
