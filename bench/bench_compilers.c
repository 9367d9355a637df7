/* SPDX-License-Identifier: MIT */
/*
 * The ring built by two compilers, in one program and one run: reference/vmbp_ring.c as this
 * build compiles it, and as the other compiler compiles it with the same flags
 * (VMBP_BENCH_OTHER_CC; bench/CMakeLists.txt renames that copy's public functions with the
 * prefix alt_). Each on a ring of its own, alternating repetition by repetition, thread CPU
 * time; ratio = other compiler's time / this one's (1.10: 10 % slower).
 *
 * Group "compiler": one packet written and read back, and batches of 8, at the sizes of the
 * ring group.
 */
#include "bench.h"

#include <vmbus_proto/vmbp_ring.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(VMBP_BENCH_OTHER_CC_ID)

/* The other compiler's copy (same declarations as vmbp_ring.h, renamed). */
enum vmbp_status alt_vmbp_ring_init(struct vmbp_ring *r, void *ring_mem, size_t ring_bytes,
                                    enum vmbp_ring_role role, uint32_t flags);
enum vmbp_status alt_vmbp_ring_write(struct vmbp_ring *r, const struct vmbp_pkt_out *pkt,
                                     const struct vmbp_seg *segs, size_t nsegs, bool *signal);
enum vmbp_status alt_vmbp_ring_write_add(struct vmbp_ring *r, const struct vmbp_pkt_out *pkt,
                                         const struct vmbp_seg *segs, size_t nsegs);
enum vmbp_status alt_vmbp_ring_write_commit(struct vmbp_ring *r, bool *signal);
enum vmbp_status alt_vmbp_ring_read(struct vmbp_ring *r, void *buf, size_t cap,
                                    struct vmbp_pkt_in *pkt, bool *signal);
enum vmbp_status alt_vmbp_ring_peek(struct vmbp_ring *r, void *buf, size_t cap,
                                    struct vmbp_pkt_in *pkt);
enum vmbp_status alt_vmbp_ring_commit(struct vmbp_ring *r, bool *signal, bool *more);

#define RING_DATA (256u * 1024u)
#define MAX_PAYLOAD 16384u
#define OUT_CAP (VMBP_PKT_DESC_SIZE + MAX_PAYLOAD + 8u)
#define BATCH 8u

static const uint32_t sizes[] = {64, 256, 1500, 4096, 16384};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

/* One build's entry points. */
struct impl {
    enum vmbp_status (*init)(struct vmbp_ring *, void *, size_t, enum vmbp_ring_role, uint32_t);
    enum vmbp_status (*write)(struct vmbp_ring *, const struct vmbp_pkt_out *,
                              const struct vmbp_seg *, size_t, bool *);
    enum vmbp_status (*write_add)(struct vmbp_ring *, const struct vmbp_pkt_out *,
                                  const struct vmbp_seg *, size_t);
    enum vmbp_status (*write_commit)(struct vmbp_ring *, bool *);
    enum vmbp_status (*read)(struct vmbp_ring *, void *, size_t, struct vmbp_pkt_in *, bool *);
    enum vmbp_status (*peek)(struct vmbp_ring *, void *, size_t, struct vmbp_pkt_in *);
    enum vmbp_status (*commit)(struct vmbp_ring *, bool *, bool *);
    uint8_t *mem;
    struct vmbp_ring w, r;
};

static uint8_t *payload, *out;
static uint64_t next_id;

__attribute__((noreturn)) static void die(const char *what, int st)
{
    fprintf(stderr, "vmbp-bench: compiler comparison: %s failed (status %d)\n", what, st);
    exit(1);
}

static void open_impl(struct impl *im)
{
    size_t bytes = 4096u + RING_DATA;
    enum vmbp_status st;

    im->mem = (uint8_t *)aligned_alloc(4096, bytes);
    if (!im->mem)
        die("allocation", 0);
    memset(im->mem, 0, bytes);
    st = im->init(&im->r, im->mem, bytes, VMBP_RING_GUEST_RECV,
                  VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED);
    if (st == VMBP_OK)
        st = im->init(&im->w, im->mem, bytes, VMBP_RING_HOST_SEND, 0);
    if (st != VMBP_OK)
        die("vmbp_ring_init", (int)st);
}

/* The same work as the ring and batch groups (bench_ring.c), through one build's functions. */
static void step(struct impl *im, uint32_t n, int batch)
{
    struct vmbp_pkt_out o;
    struct vmbp_pkt_in in;
    struct vmbp_seg sg = {payload, n};
    bool sig, more;
    uint32_t i;

    o.type = VMBP_PKT_DATA_INBAND;
    o.flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
    o.ext_len = 0;
    if (!batch) {
        o.trans_id = next_id++;
        if (im->write(&im->w, &o, &sg, 1, &sig) != VMBP_OK)
            die("write", 0);
        if (im->read(&im->r, out, OUT_CAP, &in, &sig) != VMBP_OK || in.trans_id != o.trans_id)
            die("read", 0);
        return;
    }
    for (i = 0; i < BATCH; i++) {
        o.trans_id = next_id++;
        if (im->write_add(&im->w, &o, &sg, 1) != VMBP_OK)
            die("write_add", 0);
    }
    if (im->write_commit(&im->w, &sig) != VMBP_OK)
        die("write_commit", 0);
    for (i = 0; i < BATCH; i++)
        if (im->peek(&im->r, out, OUT_CAP, &in) != VMBP_OK)
            die("peek", 0);
    if (im->commit(&im->r, &sig, &more) != VMBP_OK)
        die("commit", 0);
}

static void run(struct impl *im, uint32_t n, int batch, unsigned long iters)
{
    unsigned long i;

    for (i = 0; i < iters; i++)
        step(im, n, batch);
}

void bench_compilers(void)
{
    struct impl im[2] = {
        {vmbp_ring_init,
         vmbp_ring_write,
         vmbp_ring_write_add,
         vmbp_ring_write_commit,
         vmbp_ring_read,
         vmbp_ring_peek,
         vmbp_ring_commit,
         NULL,
         {0},
         {0}},
        {alt_vmbp_ring_init,
         alt_vmbp_ring_write,
         alt_vmbp_ring_write_add,
         alt_vmbp_ring_write_commit,
         alt_vmbp_ring_read,
         alt_vmbp_ring_peek,
         alt_vmbp_ring_commit,
         NULL,
         {0},
         {0}},
    };
    int batch, k;
    size_t i;

    printf("compiler: the ring also built by %s, same flags\n", VMBP_BENCH_OTHER_CC_VERSION);
    payload = (uint8_t *)malloc(MAX_PAYLOAD);
    out = (uint8_t *)malloc(OUT_CAP);
    if (!payload || !out)
        die("allocation", 0);
    memset(payload, 0x5A, MAX_PAYLOAD);
    for (k = 0; k < 2; k++)
        open_impl(&im[k]);
    for (batch = 0; batch < 2; batch++) {
        for (i = 0; i < NSIZES; i++) {
            uint32_t n = sizes[i];
            unsigned per = batch ? BATCH : 1;
            unsigned long iters = 16;
            double t[2][64], ratio[64];
            struct bench_row *row;
            int rep;

            for (;;) { /* iterations for about one block; also the warm-up */
                double t0 = bench_thread_ns(), dt;

                run(&im[0], n, batch, iters);
                dt = bench_thread_ns() - t0;
                if (dt >= bench_opt.block_ms * 1e6 / 4 || iters > (1ul << 30)) {
                    iters = (unsigned long)((double)iters * bench_opt.block_ms * 1e6 / dt) + 1;
                    break;
                }
                iters *= 4;
            }
            run(&im[1], n, batch, iters);
            for (rep = 0; rep < bench_opt.reps; rep++) {
                for (k = 0; k < 2; k++) {
                    double t0 = bench_thread_ns();

                    run(&im[k], n, batch, iters);
                    t[k][rep] = (bench_thread_ns() - t0) / (double)(iters * per);
                }
                ratio[rep] = t[1][rep] / t[0][rep];
            }
            row = bench_add_row("compiler");
            if (!row)
                break;
            snprintf(row->name, sizeof(row->name), "%.12s: %.10s / this build",
                     batch ? "batch of 8" : "write + read", VMBP_BENCH_OTHER_CC_ID);
            row->bytes = n;
            row->ns = bench_median(t[0], bench_opt.reps);
            row->base_ns = bench_median(t[1], bench_opt.reps);
            /* here the "baseline" is the other compiler: ratio = its time / ours */
            row->ratio = bench_median(ratio, bench_opt.reps);
            row->gbps = (double)n / row->ns;
            row->base_gbps = (double)n / row->base_ns;
            row->target = 0;
        }
    }
    for (k = 0; k < 2; k++)
        free(im[k].mem);
    free(payload);
    free(out);
}

#else /* no other compiler configured */

void bench_compilers(void)
{
    printf("compiler: not built (configure with -DVMBP_BENCH_OTHER_CC=clang or =gcc)\n");
}

#endif
