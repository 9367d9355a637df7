/* SPDX-License-Identifier: MIT */
/*
 * Single-thread figures of the reference ring: one packet written and read back at a time
 * (vmbp_ring_write + vmbp_ring_read), batches (write_add x B, one commit; peek x B, one
 * commit), and zero-copy peek on a trusted ring (write + peek_inplace + commit).
 *
 * Baselines, in the same run and alternating with the ring repetition by repetition:
 *  - memcpy: the same payload copied with two memcpy calls, into a buffer the size of the
 *    ring's data area at the offsets the ring's packets take, and out of it into the same
 *    destination (1.0 = as fast as the two copies);
 *  - the peer models of bench_peers.c on a ring of their own of the same size: DPDK-style
 *    (rte_vmbus_chan_send + rte_vmbus_chan_recv; batches: chan_send x B, chan_recv_raw x B
 *    and one chan_signal_read, as netvsc drains) and Linux-style (vmbus_sendpacket +
 *    vmbus_recvpacket; batches: vmbus_sendpacket x B, then foreach_vmbus_pkt, which closes
 *    the iteration once). Ratio = peer time / our time (>= 1: we are faster).
 * Times are thread CPU time (not wall time), medians over the repetitions.
 *
 * The ring is the host-to-guest one: the guest reader resets it (interrupt mask clear), the
 * host writer attaches. With the mask clear, every commit of the writer loads and checks the
 * read index to decide on the signal (the full signalling path); the peers take the same path.
 */
#include "bench.h"
#include "bench_peers.h"

#include <vmbus_proto/vmbp_ring.h>

#include <errno.h>
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
    uint8_t *mem;       /* control page + data area */
    struct vmbp_ring w; /* host writer */
    struct vmbp_ring r; /* guest reader */
};

/* A peer model's ring (each model has its own, the same size as ours). */
struct peer_pair {
    uint8_t *mem;
    uint8_t *pkt_buffer; /* Linux: the channel's private packet copy */
    struct peer_ring tx, rx;
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

/* ---- the peer models -------------------------------------------------------------------- */

static void peers_open(struct peer_pair *p)
{
    size_t bytes = 4096u + RING_DATA;

    p->mem = (uint8_t *)alloc_zero(bytes);
    p->pkt_buffer = (uint8_t *)alloc_zero(OUT_CAP);
    /* the guest reader resets the ring, the host writer attaches */
    peer_ring_open(&p->rx, p->mem, bytes, true, p->pkt_buffer, OUT_CAP);
    peer_ring_open(&p->tx, p->mem, bytes, false, NULL, 0);
}

static void peers_close(struct peer_pair *p)
{
    free(p->mem);
    free(p->pkt_buffer);
}

/* rte_vmbus_chan_send, then rte_vmbus_chan_recv (data after the descriptor, signal_read). */
static void dpdk_step(struct peer_pair *p, uint32_t n)
{
    uint64_t id = next_id++, got = ~id;
    uint32_t len = OUT_CAP - VMBP_PKT_DESC_SIZE;
    bool sig = false;

    if (dpdk_chan_send(&p->tx, VMBP_PKT_DATA_INBAND, payload, n, id,
                       VMBP_PKT_FLAG_COMPLETION_REQUESTED, &sig) != 0)
        die("dpdk_chan_send", 0);
    sig = false;
    if (dpdk_chan_recv(&p->rx, out + VMBP_PKT_DESC_SIZE, &len, &got, &sig) != 0 || got != id)
        die("dpdk_chan_recv", 0);
}

/* vmbus_sendpacket, then vmbus_recvpacket (copy + clamp, copy out, iterator close). */
static void linux_step(struct peer_pair *p, uint32_t n)
{
    uint64_t id = next_id++, got = ~id;
    uint32_t len = 0;
    bool sig = false;

    if (linux_sendpacket(&p->tx, payload, n, id, VMBP_PKT_DATA_INBAND,
                         VMBP_PKT_FLAG_COMPLETION_REQUESTED, &sig) != 0)
        die("vmbus_sendpacket model", 0);
    if (linux_recvpacket(&p->rx, out + VMBP_PKT_DESC_SIZE, OUT_CAP - VMBP_PKT_DESC_SIZE, &len,
                         &got, &sig) != 0 ||
        got != id || len < n)
        die("vmbus_recvpacket model", 0);
}

/* BATCH packets: chan_send x B; chan_recv_raw x B, then one chan_signal_read (netvsc). */
static void dpdk_batch(struct peer_pair *p, uint32_t n)
{
    uint32_t i, bytes = 0;
    uint64_t first = next_id;
    bool sig = false;

    for (i = 0; i < BATCH; i++)
        if (dpdk_chan_send(&p->tx, VMBP_PKT_DATA_INBAND, payload, n, next_id++,
                           VMBP_PKT_FLAG_COMPLETION_REQUESTED, &sig) != 0)
            die("dpdk_chan_send", 0);
    for (i = 0; i < BATCH; i++) {
        uint32_t len = OUT_CAP;
        int got = dpdk_chan_recv_raw(&p->rx, out, &len);

        if (got <= 0 || vmbp_load_le64(out + 8) != first + i)
            die("dpdk_chan_recv_raw", got);
        bytes += (uint32_t)got;
    }
    sig = dpdk_chan_signal_read(&p->rx, bytes);
    bench_sink += sig;
}

/* BATCH packets: vmbus_sendpacket x B; foreach_vmbus_pkt (hv_pkt_iter_next closes). */
static void linux_batch(struct peer_pair *p, uint32_t n)
{
    const uint8_t *desc;
    uint64_t want = next_id;
    uint32_t i;
    bool sig = false;

    for (i = 0; i < BATCH; i++)
        if (linux_sendpacket(&p->tx, payload, n, next_id++, VMBP_PKT_DATA_INBAND,
                             VMBP_PKT_FLAG_COMPLETION_REQUESTED, &sig) != 0)
            die("vmbus_sendpacket model", 0);
    for (desc = linux_pkt_iter_first(&p->rx); desc; desc = linux_pkt_iter_next(&p->rx, desc))
        if (vmbp_load_le64(desc + 8) != want++)
            die("foreach_vmbus_pkt model", 0);
    if (want != next_id)
        die("foreach_vmbus_pkt model", 1);
    bench_sink += linux_pkt_iter_close(&p->rx);
}

/* ---- measurement ------------------------------------------------------------------------ */

enum kind { K_SINGLE, K_BATCH, K_ZEROCOPY };
enum impl { I_RING, I_COPY, I_DPDK, I_LINUX, NIMPL };

static void run_impl(struct st_ring *s, struct peer_pair *pp, enum impl im, enum kind k,
                     uint32_t n, unsigned long iters)
{
    struct peer_pair *p = pp ? &pp[im == I_LINUX] : NULL;
    unsigned long i;

    for (i = 0; i < iters; i++) {
        switch (im) {
        case I_RING:
            if (k == K_BATCH)
                batch_step(s, n);
            else if (k == K_ZEROCOPY)
                zerocopy_step(s, n);
            else
                ring_step(s, n);
            break;
        case I_COPY:
            if (k == K_BATCH)
                batch_copy(n);
            else
                copy2_step(n);
            break;
        case I_DPDK:
            if (k == K_BATCH)
                dpdk_batch(p, n);
            else
                dpdk_step(p, n);
            break;
        default:
            if (k == K_BATCH)
                linux_batch(p, n);
            else
                linux_step(p, n);
            break;
        }
    }
}

/* Iterations that take about one block. */
static unsigned long calibrate(struct st_ring *s, enum kind k, uint32_t n)
{
    unsigned long iters = 16;

    for (;;) {
        double t0 = bench_thread_ns(), dt;

        run_impl(s, NULL, I_RING, k, n, iters);
        dt = bench_thread_ns() - t0;
        if (dt >= bench_opt.block_ms * 1e6 / 4 || iters > (1ul << 30))
            return (unsigned long)((double)iters * bench_opt.block_ms * 1e6 / dt) + 1;
        iters *= 4;
    }
}

/* The targets: ring >= 1.0x DPDK and 1.3x Linux at every size; batches of 8 >= 1.3x
 * DPDK from 0 to 1500 bytes. */
static double peer_target(enum kind k, enum impl im, uint32_t n)
{
    if (k == K_SINGLE)
        return im == I_DPDK ? 1.0 : 1.3;
    if (k == K_BATCH && im == I_DPDK && n <= 1500)
        return 1.3;
    return 0;
}

static void measure(enum kind k, const char *group, double target_4k)
{
    static const char *const peer_name[NIMPL] = {"", "", "dpdk", "linux"};
    struct st_ring s;
    struct peer_pair p[2]; /* DPDK, Linux */
    size_t i;
    unsigned per = k == K_BATCH ? BATCH : 1;
    int nimpl = k == K_ZEROCOPY ? 2 : NIMPL; /* no peer reads in place */

    buffers();
    ring_open(&s, k == K_ZEROCOPY ? VMBP_RING_F_TRUSTED : 0);
    peers_open(&p[0]);
    peers_open(&p[1]);
    for (i = 0; i < NSIZES; i++) {
        uint32_t n = sizes[i];
        double t[NIMPL][64], ratio[NIMPL][64];
        unsigned long iters;
        int rep, im;
        struct bench_row *row;

        iters = calibrate(&s, k, n); /* also the warm-up */
        for (im = 1; im < nimpl; im++)
            run_impl(&s, p, (enum impl)im, k, n, iters);
        for (rep = 0; rep < bench_opt.reps; rep++) {
            for (im = 0; im < nimpl; im++) {
                double t0 = bench_thread_ns();

                run_impl(&s, p, (enum impl)im, k, n, iters);
                t[im][rep] = (bench_thread_ns() - t0) / (double)(iters * per);
            }
            for (im = 1; im < nimpl; im++)
                ratio[im][rep] = t[im][rep] / t[I_RING][rep];
        }
        row = bench_add_row(group);
        if (!row)
            break;
        snprintf(row->name, sizeof(row->name), "%s",
                 k == K_BATCH      ? "write_add x8+commit, peek x8+commit"
                 : k == K_ZEROCOPY ? "write, peek_inplace+commit"
                                   : "write + read");
        row->bytes = n;
        row->ratio = bench_median(ratio[I_COPY], bench_opt.reps);
        row->ns = bench_median(t[I_RING], bench_opt.reps);
        row->base_ns = bench_median(t[I_COPY], bench_opt.reps);
        row->gbps = (double)n / row->ns;
        row->base_gbps = (double)n / row->base_ns;
        row->target = n == 4096 ? target_4k : 0;
        for (im = I_DPDK; im < nimpl; im++) {
            struct bench_peer *pe = &row->peer[row->npeers++];

            pe->name = peer_name[im];
            pe->ns = bench_median(t[im], bench_opt.reps);
            pe->ratio = bench_median(ratio[im], bench_opt.reps);
            pe->target = peer_target(k, (enum impl)im, n);
        }
    }
    if (vmbp_ring_state(&s.w) != VMBP_OK || vmbp_ring_state(&s.r) != VMBP_OK)
        die("ring state", 0);
    ring_close(&s);
    peers_close(&p[0]);
    peers_close(&p[1]);
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
 * vmbp_ring_read), n baseline steps (bench_copy2: the two memcpy calls alone), n / 8
 * batches (vmbp_ring_write_add, vmbp_ring_write_commit, vmbp_ring_peek, vmbp_ring_commit),
 * then n packets through each peer model (dpdk_chan_send + dpdk_chan_recv,
 * linux_sendpacket + linux_recvpacket). callgrind.sh divides the inclusive counts of those
 * functions by their call counts.
 */
int bench_icount_ring(uint32_t bytes, unsigned long n)
{
    struct st_ring s;
    struct peer_pair p[2];
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
    peers_open(&p[0]);
    peers_open(&p[1]);
    for (i = 0; i < n; i++)
        dpdk_step(&p[0], bytes);
    for (i = 0; i < n; i++)
        linux_step(&p[1], bytes);
    peers_close(&p[0]);
    peers_close(&p[1]);
    return 0;
}

/*
 * Fixed work for callgrind: n polls of an empty ring (vmbp_ring_read returning
 * VMBP_E_RING_EMPTY) after one packet went through it, and the same for the peer models
 * (dpdk_chan_recv returning -EAGAIN, linux_recvpacket finding nothing).
 */
int bench_icount_poll(unsigned long n)
{
    struct st_ring s;
    struct peer_pair p[2];
    struct vmbp_pkt_in in;
    unsigned long i;

    buffers();
    ring_open(&s, 0);
    ring_step(&s, 64);
    for (i = 0; i < n; i++)
        if (vmbp_ring_read(&s.r, out, OUT_CAP, &in, NULL) != VMBP_E_RING_EMPTY)
            return 1;
    ring_close(&s);
    peers_open(&p[0]);
    peers_open(&p[1]);
    dpdk_step(&p[0], 64);
    linux_step(&p[1], 64);
    for (i = 0; i < n; i++) {
        uint32_t len = OUT_CAP;
        uint64_t id;
        bool sig = false;

        if (dpdk_chan_recv(&p[0].rx, out, &len, &id, &sig) != -EAGAIN ||
            linux_recvpacket(&p[1].rx, out, OUT_CAP, &len, &id, &sig) != 0 || len != 0)
            return 1;
    }
    peers_close(&p[0]);
    peers_close(&p[1]);
    return 0;
}
