/* SPDX-License-Identifier: MIT */
/*
 * Two-thread stress of the reference ring: a guest thread and a host thread on the two rings
 * of one channel, with the default (atomic) accessor layer, also run under ThreadSanitizer.
 *
 *  guest: writes data packets of random sizes 0-4000 bytes on the guest->host ring in
 *         batches of 1-8 (one publish each), reads completions on the host->guest ring;
 *  host:  reads the data packets in batches (peek ... commit, with a release after one packet
 *         in four at random), checks every byte against the generator, writes one
 *         completion per batch carrying (count, checksum).
 * Each thread sleeps on an event that only the other thread's signals wake, and only after
 * the commit that ends its receive batch (unmask and re-check) reported nothing more and
 * (when full) setting pending_send_sz reported the space missing: a lost
 * wakeup hangs the test (CTest's timeout fails it). Signals are counted and bounded: a reader
 * is signalled at most once per write commit, a writer at most once per pending_send_sz set.
 *
 * covers: VMBP-RING-009 VMBP-RING-007 VMBP-RING-020 VMBP-RING-021 VMBP-RING-023 VMBP-RING-024
 * covers: VMBP-RING-032
 *
 * The data areas default to 64 KiB each; any multiple of 8 can be given, e.g. 20 KiB and 12 KiB
 * (5 and 3 pages, not powers of two: the index arithmetic's general path).
 *
 * usage: ring_stress [PACKETS [SEED [G2H_BYTES H2G_BYTES]]]   (default 200000 packets, 64 KiB
 *        rings); exit 0 when all checks hold.
 */
#include <vmbus_proto/vmbp_ring.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DATA_BYTES (64u * 1024u)
#define MAX_PAYLOAD 4000u
#define MIN_G2H (16u + MAX_PAYLOAD + 8u + 8u) /* the largest data packet fits */
#define MIN_H2G 64u                           /* a completion (40 bytes) fits */

struct event {
    pthread_mutex_t m;
    pthread_cond_t c;
    unsigned long count;
};

static void event_signal(struct event *e)
{
    pthread_mutex_lock(&e->m);
    e->count++;
    pthread_cond_signal(&e->c);
    pthread_mutex_unlock(&e->m);
}

static unsigned long event_seen(struct event *e)
{
    unsigned long n;

    pthread_mutex_lock(&e->m);
    n = e->count;
    pthread_mutex_unlock(&e->m);
    return n;
}

static void event_wait(struct event *e, unsigned long seen)
{
    pthread_mutex_lock(&e->m);
    while (e->count == seen)
        pthread_cond_wait(&e->c, &e->m);
    pthread_mutex_unlock(&e->m);
}

struct side {
    struct vmbp_ring tx, rx;
    struct event ev; /* this side's interrupt */
    struct side *peer;
    unsigned long commits, reader_signals, writer_signals, pending_sets, waits;
};

static unsigned long total;
static uint64_t seed0;
static uint8_t *chan;
static struct side guest, host;
static int failed;

static void fail(const char *what, unsigned long seq)
{
    fprintf(stderr, "ring_stress: %s (packet %lu)\n", what, seq);
    failed = 1;
    exit(1);
}

static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static uint32_t size_of(unsigned long seq)
{
    return (uint32_t)(mix(seed0 ^ (seq * 2 + 1)) % (MAX_PAYLOAD + 1));
}

static void payload(unsigned long seq, uint8_t *p, uint32_t n)
{
    uint64_t s = mix(seed0 ^ (seq * 2)), v = 0;
    uint32_t i;

    for (i = 0; i < n; i++) {
        if (i % 8 == 0)
            v = s = mix(s);
        p[i] = (uint8_t)(v >> (8 * (i % 8)));
    }
}

static uint64_t checksum(uint64_t sum, const uint8_t *p, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++)
        sum = (sum ^ p[i]) * 0x100000001B3ull;
    return sum;
}

/* Write with the full-ring protocol; returns 1 if written, 0 if we must wait, -1 if the
 * unpublished batch must be committed first (it leaves no room even in an empty ring). */
static int try_add(struct side *s, const struct vmbp_pkt_out *o, const struct vmbp_seg *sg,
                   size_t n)
{
    for (;;) {
        bool ready = false;
        enum vmbp_status st = vmbp_ring_write_add(&s->tx, o, sg, n);

        if (st == VMBP_OK)
            return 1;
        if (st == VMBP_E_RING_BATCH_FULL)
            return -1;
        if (st != VMBP_E_RING_FULL)
            fail(vmbp_status_str(st), 0);
        st = vmbp_ring_pending_send_set(&s->tx, vmbp_ring_write_needed(&s->tx), &ready);
        if (st != VMBP_OK)
            fail(vmbp_status_str(st), 0);
        s->pending_sets++;
        if (!ready)
            return 0;
    }
}

static void commit_tx(struct side *s)
{
    bool sig = false;
    enum vmbp_status st = vmbp_ring_write_commit(&s->tx, &sig);

    if (st != VMBP_OK)
        fail(vmbp_status_str(st), 0);
    s->commits++;
    if (sig) {
        s->reader_signals++;
        event_signal(&s->peer->ev);
    }
}

/* End a receive batch: publish, unmask, re-check. Returns whether more packets wait. */
static bool commit_rx(struct side *s)
{
    bool sig = false, more = false;
    enum vmbp_status st = vmbp_ring_commit(&s->rx, &sig, &more);

    if (st != VMBP_OK)
        fail(vmbp_status_str(st), 0);
    if (sig) {
        s->writer_signals++;
        event_signal(&s->peer->ev);
    }
    return more;
}

static void *guest_main(void *arg)
{
    static uint8_t out[MAX_PAYLOAD], in[64];
    struct side *s = &guest;
    unsigned long sent = 0, acked = 0, batch_seq = 0;
    uint64_t sum = 0xCBF29CE484222325ull, sum_at_end = 0;
    int blocked = 0;

    (void)arg;
    while (acked < total) {
        unsigned long seen = event_seen(&s->ev);
        int progress = 0;
        bool more = false;

        /* send a batch of 1-8 packets, one publish */
        if (sent < total) {
            unsigned k, want = (unsigned)(mix(seed0 ^ ~batch_seq++) % 8) + 1;
            unsigned long first = sent;

            blocked = 0;
            for (k = 0; k < want && sent < total; k++) {
                int added;
                struct vmbp_pkt_out o;
                struct vmbp_seg sg;
                uint32_t n = size_of(sent);

                payload(sent, out, n);
                o.type = VMBP_PKT_DATA_INBAND;
                o.flags = VMBP_PKT_FLAG_COMPLETION_REQUESTED;
                o.ext_len = 0;
                o.trans_id = sent;
                sg.ptr = out;
                sg.len = n;
                added = try_add(s, &o, &sg, 1);
                if (added == 0)
                    blocked = 1;
                if (added != 1)
                    break;
                sum = checksum(sum, out, n);
                sent++;
                progress = 1;
            }
            if (sent > first)
                commit_tx(s);
            if (sent == total)
                sum_at_end = sum;
        }
        /* completions */
        if (vmbp_ring_mask_begin(&s->rx) != VMBP_OK)
            fail("mask_begin", acked);
        for (;;) {
            struct vmbp_pkt_in pk;
            enum vmbp_status st = vmbp_ring_peek(&s->rx, in, sizeof(in), &pk);

            if (st == VMBP_E_RING_EMPTY)
                break;
            if (st != VMBP_OK || pk.type != VMBP_PKT_COMPLETION || pk.len != 32)
                fail("bad completion", acked);
            if (vmbp_load_le64(in + 16) < acked || vmbp_load_le64(in + 16) > sent)
                fail("completion count out of order", acked);
            acked = (unsigned long)vmbp_load_le64(in + 16);
            if (acked == total && vmbp_load_le64(in + 24) != sum_at_end)
                fail("checksum of all packets differs", acked);
            progress = 1;
        }
        more = commit_rx(s);
        if (progress || more || (sent < total && !blocked))
            continue;
        s->waits++;
        event_wait(&s->ev, seen);
    }
    return NULL;
}

static void *host_main(void *arg)
{
    static uint8_t in[16 + MAX_PAYLOAD + 8], want[MAX_PAYLOAD];
    struct side *s = &host;
    unsigned long got = 0, reported = 0;
    uint64_t sum = 0xCBF29CE484222325ull;

    (void)arg;
    while (reported < total) {
        unsigned long seen = event_seen(&s->ev);
        unsigned k;
        int progress = 0;
        bool more = false;

        if (vmbp_ring_mask_begin(&s->rx) != VMBP_OK)
            fail("mask_begin", got);
        for (k = 0; k < 64; k++) {
            struct vmbp_pkt_in pk;
            enum vmbp_status st = vmbp_ring_peek(&s->rx, in, sizeof(in), &pk);
            uint32_t n;

            if (st == VMBP_E_RING_EMPTY)
                break;
            if (st != VMBP_OK)
                fail(vmbp_status_str(st), got);
            n = size_of(got);
            if (pk.trans_id != got || pk.len - pk.data_offset != (n + 7) / 8 * 8 ||
                pk.flags != VMBP_PKT_FLAG_COMPLETION_REQUESTED)
                fail("wrong packet", got);
            payload(got, want, n);
            if (memcmp(in + pk.data_offset, want, n) != 0)
                fail("payload differs", got);
            sum = checksum(sum, in + pk.data_offset, n);
            got++;
            progress = 1;
            /* at random, give the space back at once; the commit decides for it */
            if ((mix(seed0 ^ ~(uint64_t)got) & 3u) == 0 && vmbp_ring_release(&s->rx) != VMBP_OK)
                fail("release", got);
        }
        more = commit_rx(s);
        if (got > reported) { /* one completion per batch */
            struct vmbp_pkt_out o;
            struct vmbp_seg sg;
            uint8_t c[16];

            vmbp_store_le64(c, got);
            vmbp_store_le64(c + 8, sum);
            o.type = VMBP_PKT_COMPLETION;
            o.flags = 0;
            o.ext_len = 0;
            o.trans_id = got;
            sg.ptr = c;
            sg.len = sizeof(c);
            if (try_add(s, &o, &sg, 1) == 1) {
                reported = got;
                commit_tx(s);
                progress = 1;
            }
        }
        if (progress || more)
            continue;
        s->waits++;
        event_wait(&s->ev, seen);
    }
    return NULL;
}

/* One buffer for the channel, the guest->host ring first, as a ring GPADL describes them. */
static void open_rings(uint32_t g2h, uint32_t h2g)
{
    size_t out = 4096u + g2h, in = 4096u + h2g;

    chan = (uint8_t *)aligned_alloc(4096, (out + in + 4095u) & ~(size_t)4095u);
    if (!chan)
        exit(2);
    memset(chan, 0, out + in);
    /* the guest allocates and resets both rings, then the host attaches */
    if (vmbp_ring_init(&guest.tx, chan, out, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET) ||
        vmbp_ring_init(&guest.rx, chan + out, in, VMBP_RING_GUEST_RECV,
                       VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED) ||
        vmbp_ring_init(&host.rx, chan, out, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED) ||
        vmbp_ring_init(&host.tx, chan + out, in, VMBP_RING_HOST_SEND, 0))
        fail("init", 0);
    guest.peer = &host;
    host.peer = &guest;
    pthread_mutex_init(&guest.ev.m, NULL);
    pthread_cond_init(&guest.ev.c, NULL);
    pthread_mutex_init(&host.ev.m, NULL);
    pthread_cond_init(&host.ev.c, NULL);
}

int main(int argc, char **argv)
{
    pthread_t g, h;
    struct timespec t0, t1;
    double secs, sig_total;
    uint32_t g2h = DATA_BYTES, h2g = DATA_BYTES;

    total = argc > 1 ? strtoul(argv[1], NULL, 0) : 200000ul;
    seed0 = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5EEDull;
    if (argc > 4) {
        g2h = (uint32_t)strtoul(argv[3], NULL, 0);
        h2g = (uint32_t)strtoul(argv[4], NULL, 0);
    }
    if (g2h < MIN_G2H || h2g < MIN_H2G || g2h % 8u || h2g % 8u || g2h > (1u << 30) ||
        h2g > (1u << 30)) {
        fprintf(stderr,
                "ring_stress: data sizes: multiples of 8, guest->host >= %u, "
                "host->guest >= %u\n",
                MIN_G2H, MIN_H2G);
        return 2;
    }
    open_rings(g2h, h2g);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (pthread_create(&g, NULL, guest_main, NULL) || pthread_create(&h, NULL, host_main, NULL))
        return 2;
    pthread_join(g, NULL);
    pthread_join(h, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

    /* bounds: a reader signal needs a commit, a writer signal a pending_send_sz set */
    if (guest.reader_signals > guest.commits || host.reader_signals > host.commits ||
        host.writer_signals > guest.pending_sets || guest.writer_signals > host.pending_sets)
        fail("more signals than their causes", total);
    if (vmbp_ring_state(&guest.tx) || vmbp_ring_state(&guest.rx) || vmbp_ring_state(&host.tx) ||
        vmbp_ring_state(&host.rx))
        fail("a ring is broken", total);
    sig_total = (double)(guest.reader_signals + guest.writer_signals + host.reader_signals +
                         host.writer_signals);
    printf("ring_stress: %lu packets (0-%u bytes, seed 0x%llx, rings of %u and %u data bytes) "
           "in %.2f s, checksums verified\n",
           total, MAX_PAYLOAD, (unsigned long long)seed0, g2h, h2g, secs);
    printf("  guest->host: %lu commits, %lu reader signals, %lu pending sets, %lu writer "
           "signals\n",
           guest.commits, guest.reader_signals, guest.pending_sets, host.writer_signals);
    printf("  host->guest: %lu commits, %lu reader signals, %lu pending sets, %lu writer "
           "signals\n",
           host.commits, host.reader_signals, host.pending_sets, guest.writer_signals);
    printf("  waits: guest %lu, host %lu; signals per 1000 packets: %.1f\n", guest.waits,
           host.waits, 1000.0 * sig_total / (double)total);
    free(chan);
    return failed;
}
