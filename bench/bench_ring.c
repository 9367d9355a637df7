/* SPDX-License-Identifier: MIT */
/*
 * Single-thread figures of the reference ring: one packet written and read back at a time
 * (vmbp_ring_write + vmbp_ring_read), batches (write_add x B, one commit; peek x B, one
 * commit), and zero-copy peek on a trusted ring (write + peek_inplace + commit).
 *
 * Baseline, in the same run and alternating with the ring: the same payload copied with two
 * memcpy calls, into a buffer the size of the ring's data area at the offsets the ring's
 * packets take, and out of it into the same destination. The ratio baseline time / ring time
 * is then the share of memcpy speed the ring keeps (1.0 = as fast as the two copies).
 *
 * The ring is the host-to-guest one: the guest reader resets it (interrupt mask clear), the
 * host writer attaches. With the mask clear, every commit of the writer loads and checks the
 * read index to decide on the signal (the full signalling path).
 */
#include "bench.h"

#include <vmbus_proto/vmbp_ring.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RING_DATA (256u * 1024u)
#define BATCH 8u
#define MAX_PAYLOAD 16384u
#define OUT_CAP (VMBP_PKT_DESC_SIZE + MAX_PAYLOAD + 8u)

static const uint32_t sizes[] = {64, 256, 1500, 4096, 16384};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

struct st_ring {
    uint8_t *mem;        /* control page + data area */
    struct vmbp_ring w;  /* host writer */
    struct vmbp_ring r;  /* guest reader */
};

static uint8_t *payload; /* the source bytes */
static uint8_t *out;     /* the consumer's buffer */
static uint8_t *mid;     /* the baseline's stand-in for the ring's data area */
static uint32_t base_off;
static uint64_t next_id;

__attribute__((noreturn)) static void die(const char *what, int st)
{
    fprintf(stderr, "vmbp-bench: %s failed (status %d)\n", what, st);
    exit(1);
}

static void *alloc_zero(size_t n)
{
    void *p = aligned_alloc(4096, (n + 4095u) & ~(size_t)4095u);

    if (!p)
        die("allocation", 0);
    memset(p, 0, n);
    return p;
}

static void buffers(void)
{
    if (payload)
        return;
    payload = (uint8_t *)alloc_zero(MAX_PAYLOAD);
    out = (uint8_t *)alloc_zero(OUT_CAP);
    mid = (uint8_t *)alloc_zero(RING_DATA);
    memset(payload, 0x5A, MAX_PAYLOAD);
}

static void ring_open(struct st_ring *s, uint32_t reader_flags)
{
    size_t bytes = 4096u + RING_DATA;
    enum vmbp_status st;

    s->mem = (uint8_t *)alloc_zero(bytes);
    st = vmbp_ring_init(&s->r, s->mem, bytes, VMBP_RING_GUEST_RECV,
                        VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED | reader_flags);
    if (st == VMBP_OK)
        st = vmbp_ring_init(&s->w, s->mem, bytes, VMBP_RING_HOST_SEND, 0);
    if (st != VMBP_OK)
        die("vmbp_ring_init", (int)st);
}

static void ring_close(struct st_ring *s)
{
    free(s->mem);
    s->mem = NULL;
}

static void pkt_out(struct vmbp_pkt_out *o, struct vmbp_seg *sg, uint32_t n)
{
    o->type = VMBP_PKT_DATA_INBAND;
    o->flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
    o->ext_len = 0;
    o->trans_id = next_id++;
    sg->ptr = payload;
    sg->len = n;
}

/*
 * The baseline's copies take the positions the ring's packets take (continuing across the
 * wrap, split there as the ring splits them), so both see the same cache and 4 KiB-aliasing
 * behaviour.
 */
static uint32_t base_pos(uint32_t n)
{
    uint32_t need = VMBP_PKT_DESC_SIZE + ((n + 7u) & ~7u) + VMBP_PKT_TRAILER_SIZE;
    uint32_t pos = base_off + VMBP_PKT_DESC_SIZE;

    if (pos >= RING_DATA)
        pos -= RING_DATA;
    base_off += need;
    if (base_off >= RING_DATA)
        base_off -= RING_DATA;
    return pos;
}

static void base_in(uint32_t pos, uint32_t n)
{
    uint32_t first = RING_DATA - pos;

    if (n <= first) {
        memcpy(mid + pos, payload, n);
    } else {
        memcpy(mid + pos, payload, first);
        memcpy(mid, payload + first, n - first);
    }
}

static void base_out(uint32_t pos, uint32_t n)
{
    uint32_t first = RING_DATA - pos;

    if (n <= first) {
        memcpy(out + VMBP_PKT_DESC_SIZE, mid + pos, n);
    } else {
        memcpy(out + VMBP_PKT_DESC_SIZE, mid + pos, first);
        memcpy(out + VMBP_PKT_DESC_SIZE + first, mid, n - first);
    }
}

/* The baseline step: two memcpy calls of n bytes, into the ring-sized buffer and out. */
static void copy2_step(uint32_t n)
{
    uint32_t pos = base_pos(n);

    base_in(pos, n);
    base_out(pos, n);
}

/* The baseline for instruction counts: the two memcpy calls alone. */
__attribute__((noinline)) void bench_copy2(void *d1, const void *s1, void *d2, const void *s2,
                                           size_t n)
{
    memcpy(d1, s1, n);
    memcpy(d2, s2, n);
}

/* One packet through the ring: write and publish, read and release. */
static void ring_step(struct st_ring *s, uint32_t n)
{
    struct vmbp_pkt_out o;
    struct vmbp_pkt_in in;
    struct vmbp_seg sg;
    bool sig;
    enum vmbp_status st;

    pkt_out(&o, &sg, n);
    st = vmbp_ring_write(&s->w, &o, &sg, 1, &sig);
    if (st != VMBP_OK)
        die("vmbp_ring_write", (int)st);
    st = vmbp_ring_read(&s->r, out, OUT_CAP, &in, &sig);
    if (st != VMBP_OK || in.trans_id != o.trans_id)
        die("vmbp_ring_read", (int)st);
}

/* BATCH packets: added, one commit; peeked, one commit. */
static void batch_step(struct st_ring *s, uint32_t n)
{
    struct vmbp_pkt_out o;
    struct vmbp_pkt_in in;
    struct vmbp_seg sg;
    uint32_t i;
    bool sig, more;
    enum vmbp_status st;

    for (i = 0; i < BATCH; i++) {
        pkt_out(&o, &sg, n);
        st = vmbp_ring_write_add(&s->w, &o, &sg, 1);
        if (st != VMBP_OK)
            die("vmbp_ring_write_add", (int)st);
    }
    st = vmbp_ring_write_commit(&s->w, &sig);
    if (st != VMBP_OK)
        die("vmbp_ring_write_commit", (int)st);
    for (i = 0; i < BATCH; i++) {
        st = vmbp_ring_peek(&s->r, out, OUT_CAP, &in);
        if (st != VMBP_OK)
            die("vmbp_ring_peek", (int)st);
    }
    st = vmbp_ring_commit(&s->r, &sig, &more);
    if (st != VMBP_OK)
        die("vmbp_ring_commit", (int)st);
}

static void batch_copy(uint32_t n)
{
    uint32_t pos[BATCH], i;

    for (i = 0; i < BATCH; i++) {
        pos[i] = base_pos(n);
        base_in(pos[i], n);
    }
    for (i = 0; i < BATCH; i++)
        base_out(pos[i], n);
}

/* One packet written, then handed out in place (trusted ring) and released. */
static void zerocopy_step(struct st_ring *s, uint32_t n)
{
    struct vmbp_pkt_out o;
    struct vmbp_pkt_in in;
    struct vmbp_ring_view v;
    struct vmbp_seg sg;
    bool sig, more;
    enum vmbp_status st;

    pkt_out(&o, &sg, n);
    st = vmbp_ring_write(&s->w, &o, &sg, 1, &sig);
    if (st != VMBP_OK)
        die("vmbp_ring_write", (int)st);
    st = vmbp_ring_peek_inplace(&s->r, &v, &in);
    if (st != VMBP_OK || in.trans_id != o.trans_id)
        die("vmbp_ring_peek_inplace", (int)st);
    bench_sink += v.part[0][VMBP_PKT_DESC_SIZE % v.len[0]]; /* the consumer looks at it */
    st = vmbp_ring_commit(&s->r, &sig, &more);
    if (st != VMBP_OK)
        die("vmbp_ring_commit", (int)st);
}

enum kind { K_SINGLE, K_BATCH, K_ZEROCOPY };

static void run_kind(struct st_ring *s, enum kind k, uint32_t n, unsigned long iters)
{
    unsigned long i;

    for (i = 0; i < iters; i++) {
        if (k == K_BATCH)
            batch_step(s, n);
        else if (k == K_ZEROCOPY)
            zerocopy_step(s, n);
        else
            ring_step(s, n);
    }
}

static void run_base(enum kind k, uint32_t n, unsigned long iters)
{
    unsigned long i;

    for (i = 0; i < iters; i++) {
        if (k == K_BATCH)
            batch_copy(n);
        else
            copy2_step(n);
    }
}

/* Iterations that take about one block. */
static unsigned long calibrate(struct st_ring *s, enum kind k, uint32_t n)
{
    unsigned long iters = 16;

    for (;;) {
        double t0 = bench_now_ns(), dt;

        run_kind(s, k, n, iters);
        dt = bench_now_ns() - t0;
        if (dt >= bench_opt.block_ms * 1e6 / 4 || iters > (1ul << 30))
            return (unsigned long)((double)iters * bench_opt.block_ms * 1e6 / dt) + 1;
        iters *= 4;
    }
}

static void measure(enum kind k, const char *group, double target_4k)
{
    struct st_ring s;
    size_t i;
    unsigned per = k == K_BATCH ? BATCH : 1;

    buffers();
    ring_open(&s, k == K_ZEROCOPY ? VMBP_RING_F_TRUSTED : 0);
    for (i = 0; i < NSIZES; i++) {
        uint32_t n = sizes[i];
        double t_ring[64], t_base[64], ratio[64];
        unsigned long iters;
        int rep;
        struct bench_row *row;

        iters = calibrate(&s, k, n); /* also the warm-up */
        run_base(k, n, iters);
        for (rep = 0; rep < bench_opt.reps; rep++) {
            double t0 = bench_now_ns(), t1, t2;

            run_kind(&s, k, n, iters);
            t1 = bench_now_ns();
            run_base(k, n, iters);
            t2 = bench_now_ns();
            t_ring[rep] = (t1 - t0) / (double)(iters * per);
            t_base[rep] = (t2 - t1) / (double)(iters * per);
            ratio[rep] = t_base[rep] / t_ring[rep];
        }
        row = bench_add_row(group);
        if (!row)
            break;
        snprintf(row->name, sizeof(row->name), "%s",
                 k == K_BATCH ? "write_add x8+commit, peek x8+commit"
                 : k == K_ZEROCOPY ? "write, peek_inplace+commit"
                                   : "write + read");
        row->bytes = n;
        row->ratio = bench_median(ratio, bench_opt.reps);
        row->ns = bench_median(t_ring, bench_opt.reps);
        row->base_ns = bench_median(t_base, bench_opt.reps);
        row->gbps = (double)n / row->ns;
        row->base_gbps = (double)n / row->base_ns;
        row->target = n == 4096 ? target_4k : 0;
    }
    if (vmbp_ring_state(&s.w) != VMBP_OK || vmbp_ring_state(&s.r) != VMBP_OK)
        die("ring state", 0);
    ring_close(&s);
}

void bench_ring_single(void)
{
    measure(K_SINGLE, "ring", 0.8);
}

void bench_ring_batch(void)
{
    measure(K_BATCH, "batch", 0);
}

void bench_ring_zerocopy(void)
{
    measure(K_ZEROCOPY, "zerocopy", 0);
}

/*
 * Fixed work for callgrind: n packets of `bytes` through the ring (vmbp_ring_write and
 * vmbp_ring_read), n baseline steps (bench_copy2: the two memcpy calls alone), and n / 8
 * batches (vmbp_ring_write_add, vmbp_ring_write_commit, vmbp_ring_peek, vmbp_ring_commit).
 * callgrind.sh divides the inclusive counts of those functions by their call counts.
 */
int bench_icount_ring(uint32_t bytes, unsigned long n)
{
    struct st_ring s;
    unsigned long i;

    if (bytes > MAX_PAYLOAD)
        return 2;
    buffers();
    ring_open(&s, 0);
    for (i = 0; i < n; i++)
        ring_step(&s, bytes);
    for (i = 0; i < n; i++) { /* the ring's positions (unsplit at the wrap) */
        uint32_t pos = base_pos(bytes);

        if (pos + bytes > RING_DATA)
            pos = 0;
        bench_copy2(mid + pos, payload, out + VMBP_PKT_DESC_SIZE, mid + pos, bytes);
    }
    for (i = 0; i < n / BATCH; i++)
        batch_step(&s, bytes);
    ring_close(&s);
    return 0;
}
