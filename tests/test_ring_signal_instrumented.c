/* SPDX-License-Identifier: MIT */
/*
 * The ring's signalling under controlled interleavings (spec/ring.md, "Signalling").
 *
 * One end runs its step (a sequence of calls); the instrumented accessor layer (tshm.h) stops
 * it before its k-th shared access and runs the other end's whole step there. Every k is
 * tried, from before the first access to after the last, in both directions. After each run
 * the test asks whether an end went to sleep with its condition true (a packet to read, or
 * the space it waits for) and no signal on its way: a lost wake-up.
 *
 * The ends run the canonical loops of the documentation (reference/examples/ring_loops.c);
 * the old batch pattern (drain, commit, sleep) runs beside them to show the wake-up it loses.
 * The interleavings are those of a sequentially consistent machine; the store buffers of a
 * real one (a store delayed past a later load) are the SPIN model's (proof/spin/).
 */
#include "unit.h"

#include "tshm.h"

#include "ring_loops.h"

#define CTL 4096u
#define SIZE 512u   /* data area: 15 packets of 32 ring bytes fill it */
#define BODY 8u     /* packet body: 16 + 8 + 8 = 32 ring bytes */
#define MAX_RUNS 64 /* injection points tried per scenario (asserted to be enough) */

static uint64_t mem[(CTL + SIZE) / 8u]; /* 8-byte aligned */

/* How the reader uses the interrupt mask. */
enum mask_use {
    MASK_NEVER,      /* guest reader, unmasked from init, never masks (Linux HV_CALL_DIRECT) */
    MASK_EACH_BATCH, /* guest reader masks before each drain (Linux HV_CALL_BATCHED) */
    MASK_AT_START    /* host reader opened masked (OpenVMM), never masks again */
};

static const char *const mask_names[] = {"never masked", "masked per batch", "opened masked"};

/* The reader's loop: the canonical one, or the old pattern that sleeps after its commit. */
enum reader_loop { LOOP_CANONICAL, LOOP_OLD };

/* Which end's code is running (whose signal a signal_peer() call is). */
enum ring_end { END_NONE, END_WRITER, END_READER };

struct world {
    struct ring_loop_env env; /* first: the loops' callbacks get the world */
    struct vmbp_ring w, r;
    enum mask_use mask;
    enum reader_loop loop;
    /* injection: before access `at` of the stepping end (1-based; 0: never), run `other` */
    unsigned at, count;
    bool busy, injected;
    enum ring_end busy_end;
    void (*other)(struct world *);
    /* what happened */
    unsigned written, got;
    bool reader_asleep, writer_asleep;
    bool signal_to_reader, signal_to_writer; /* decided after the setup */
    uint32_t needed;                         /* free bytes the sleeping writer waits for */
};

static void hook(void *ctx, const uint8_t *addr, size_t len, bool is_write)
{
    struct world *x = (struct world *)ctx;

    (void)addr;
    (void)len;
    (void)is_write;
    if (x->busy || x->injected)
        return;
    if (++x->count == x->at) {
        x->busy = true;
        x->other(x);
        x->busy = false;
        x->injected = true;
    }
}

static uint8_t rx_buf[64];

static void handle(struct ring_loop_env *env, const struct vmbp_pkt_in *pkt)
{
    struct world *x = (struct world *)env;

    ck_assert_uint_eq(pkt->trans_id, x->got + 1u);
    x->got++;
}

/* A signal the reader sends reaches the writer; one the writer sends reaches the reader. */
static void signal_peer(struct ring_loop_env *env)
{
    struct world *x = (struct world *)env;

    if (x->busy_end == END_READER)
        x->signal_to_writer = true;
    else
        x->signal_to_reader = true;
}

/* Open both ends of the ring; the side that allocates it resets it. */
static void open_ring(struct world *x, enum mask_use mask, enum reader_loop loop)
{
    memset(x, 0, sizeof(*x));
    memset(mem, 0xA5, sizeof(mem));
    x->env.handle = handle;
    x->env.signal_peer = signal_peer;
    x->mask = mask;
    x->loop = loop;
    vmbp_tshm_detach_all();
    vmbp_tshm_attach(mem, sizeof(mem));
    vmbp_tshm_set_strict(true);
    if (mask == MASK_AT_START) { /* guest writes, host reads (guest to host ring) */
        ck_assert_uint_eq(
            vmbp_ring_init(&x->w, mem, sizeof(mem), VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET),
            VMBP_OK);
        ck_assert_uint_eq(vmbp_ring_init(&x->r, mem, sizeof(mem), VMBP_RING_HOST_RECV,
                                         VMBP_RING_F_START_MASKED),
                          VMBP_OK);
    } else { /* host writes, guest reads (host to guest ring) */
        ck_assert_uint_eq(vmbp_ring_init(&x->r, mem, sizeof(mem), VMBP_RING_GUEST_RECV,
                                         VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED),
                          VMBP_OK);
        ck_assert_uint_eq(vmbp_ring_init(&x->w, mem, sizeof(mem), VMBP_RING_HOST_SEND, 0),
                          VMBP_OK);
    }
}

/* Writer step: the producer loop with one packet. It sleeps when the loop says so. */
static void writer_step(struct world *x)
{
    static const uint8_t body[BODY] = {1, 2, 3, 4, 5, 6, 7, 8};
    struct vmbp_pkt_out o = {VMBP_PKT_DATA_INBAND, 0, 0, 0};
    struct vmbp_seg sg = {body, sizeof(body)};
    size_t sent = 0;
    enum vmbp_status st;
    enum ring_end saved = x->busy_end;

    o.trans_id = x->written + 1u;
    x->busy_end = END_WRITER;
    st = ring_produce(&x->w, &o, &sg, 1, &sent, &x->env);
    x->busy_end = saved;
    x->written += (unsigned)sent;
    if (st == VMBP_E_RING_FULL) {
        x->writer_asleep = true;
        x->needed = vmbp_ring_write_needed(&x->w);
        return;
    }
    ck_assert_uint_eq(st, VMBP_OK);
}

/* Reader step: the consumer loop, or the old pattern that sleeps right after its commit,
 * whatever arrived meanwhile. */
static void reader_step(struct world *x)
{
    struct vmbp_pkt_in pkt;
    enum vmbp_status st;
    enum ring_end saved = x->busy_end;
    bool sig = false, more = false;

    x->busy_end = END_READER;
    x->env.buf = rx_buf;
    x->env.cap = sizeof(rx_buf);
    x->env.mask = x->mask == MASK_EACH_BATCH;
    if (x->loop == LOOP_CANONICAL) {
        ck_assert_uint_eq(ring_consume(&x->r, &x->env), VMBP_OK);
    } else {
        if (x->env.mask)
            ck_assert_uint_eq(vmbp_ring_mask_begin(&x->r), VMBP_OK);
        while ((st = vmbp_ring_peek(&x->r, rx_buf, sizeof(rx_buf), &pkt)) == VMBP_OK)
            handle(&x->env, &pkt);
        ck_assert_uint_eq(st, VMBP_E_RING_EMPTY);
        ck_assert_uint_eq(vmbp_ring_commit(&x->r, &sig, &more), VMBP_OK);
        if (sig)
            signal_peer(&x->env);
    }
    x->busy_end = saved;
    x->reader_asleep = true;
}

static uint32_t free_bytes(void)
{
    uint32_t w = vmbp_load_le32((const uint8_t *)mem), rd = vmbp_load_le32((uint8_t *)mem + 4);

    return SIZE - (w >= rd ? w - rd : SIZE - (rd - w)) - 8u;
}

/* Run `step` with `other` before its access number `at`, or after it when it has fewer. */
static void run_with(struct world *x, void (*step)(struct world *),
                     void (*other)(struct world *), unsigned at)
{
    x->at = at;
    x->count = 0;
    x->injected = false;
    x->other = other;
    vmbp_tshm_set_access_hook(hook, x);
    step(x);
    vmbp_tshm_set_access_hook(NULL, NULL);
    if (!x->injected) {
        x->injected = true;
        other(x);
    }
}

/* A reader asleep with a packet to read and no signal on its way. */
static bool reader_lost(const struct world *x)
{
    return x->reader_asleep && x->got < x->written && !x->signal_to_reader;
}

/* A writer asleep with its space free and no signal on its way. */
static bool writer_lost(const struct world *x)
{
    return x->writer_asleep && free_bytes() >= x->needed && !x->signal_to_writer;
}

/*
 * The reader drains a packet while the writer writes a second one before each of the
 * reader's shared accesses in turn (reader_first), or the other way round. Returns how many
 * interleavings lost the wake-up; *runs receives how many were tried.
 */
static unsigned reader_scenario(enum mask_use mask, enum reader_loop loop, bool reader_first,
                                unsigned *runs)
{
    unsigned at, lost = 0;
    struct world x;

    for (at = 1; at <= MAX_RUNS; at++) {
        open_ring(&x, mask, loop);
        writer_step(&x);
        x.signal_to_reader = false;
        if (reader_first)
            run_with(&x, reader_step, writer_step, at);
        else
            run_with(&x, writer_step, reader_step, at);
        /* a reader woken by the signal would drain the rest; one that sleeps never does */
        if (reader_lost(&x)) {
            lost++;
            fprintf(stderr, "lost wake-up: reader %s, %s loop, %s step at access %u\n",
                    mask_names[mask], loop == LOOP_OLD ? "old" : "canonical",
                    reader_first ? "writer" : "reader", at);
        }
        if (x.count < at) /* `other` ran after the last access: every point was tried */
            break;
    }
    ck_assert_uint_le(at, MAX_RUNS);
    *runs = at;
    vmbp_tshm_detach_all();
    return lost;
}

/* The writer waits for space while the reader drains (before each of the writer's accesses
 * in turn, or the other way round). */
static unsigned writer_scenario(enum mask_use mask, bool writer_first, unsigned *runs)
{
    unsigned at, lost = 0;
    struct world x;

    for (at = 1; at <= MAX_RUNS; at++) {
        open_ring(&x, mask, LOOP_CANONICAL);
        while (!x.writer_asleep)
            writer_step(&x);
        x.writer_asleep = false;
        x.signal_to_writer = false;
        if (writer_first)
            run_with(&x, writer_step, reader_step, at);
        else
            run_with(&x, reader_step, writer_step, at);
        if (writer_lost(&x)) {
            lost++;
            fprintf(stderr, "lost wake-up: writer waiting for %u bytes, %s step at access %u\n",
                    x.needed, writer_first ? "reader" : "writer", at);
        }
        if (x.count < at)
            break;
    }
    ck_assert_uint_le(at, MAX_RUNS);
    *runs = at;
    vmbp_tshm_detach_all();
    return lost;
}

/* The old batch pattern (drain, commit, sleep) loses a wake-up in every mask use: the
 * hazard the end-of-batch answer closes, and proof that the check above can see one.
 * covers: VMBP-RING-024 VMBP-RING-030 */
START_TEST(old_batch_pattern_loses_wakeup)
{
    unsigned runs, lost = reader_scenario((enum mask_use)_i, LOOP_OLD, true, &runs);

    ck_assert_uint_ge(runs, 4);
    ck_assert_uint_gt(lost, 0);
}
END_TEST

/* The canonical consumer loop loses none, whichever end runs inside the other.
 * covers: VMBP-RING-009 VMBP-RING-020 VMBP-RING-024 VMBP-RING-030 */
START_TEST(consumer_loop_loses_no_wakeup)
{
    unsigned runs1, runs2;

    ck_assert_uint_eq(reader_scenario((enum mask_use)_i, LOOP_CANONICAL, true, &runs1), 0);
    ck_assert_uint_eq(reader_scenario((enum mask_use)_i, LOOP_CANONICAL, false, &runs2), 0);
    ck_assert_uint_ge(runs1, 4);
    ck_assert_uint_ge(runs2, 4);
}
END_TEST

/* A writer that waits for space is signalled once the reader frees it.
 * covers: VMBP-RING-009 VMBP-RING-021 VMBP-RING-023 */
START_TEST(producer_loop_loses_no_wakeup)
{
    unsigned runs1, runs2;

    ck_assert_uint_eq(writer_scenario((enum mask_use)_i, true, &runs1), 0);
    ck_assert_uint_eq(writer_scenario((enum mask_use)_i, false, &runs2), 0);
    ck_assert_uint_ge(runs1, 4);
    ck_assert_uint_ge(runs2, 4);
}
END_TEST

/* ---- the calls themselves ------------------------------------------------------------- */

static uint32_t ctl_word(uint32_t off)
{
    return vmbp_load_le32((const uint8_t *)mem + off);
}

static void set_ctl_word(uint32_t off, uint32_t v)
{
    vmbp_store_le32((uint8_t *)mem + off, v);
}

/* A reader states its initial mask, exactly one of the two, and a writer none; the choice,
 * not the role, decides the word written, and a reader opened masked gets its first signal
 * only after the commit that unmasks it.
 * covers: VMBP-RING-031 VMBP-RING-002 */
START_TEST(init_takes_the_initial_mask_from_the_caller)
{
    static const struct {
        enum vmbp_ring_role role;
        uint32_t flags;
    } bad[] = {
        {VMBP_RING_GUEST_RECV, VMBP_RING_F_RESET},
        {VMBP_RING_HOST_RECV, 0},
        {VMBP_RING_GUEST_RECV, VMBP_RING_F_START_MASKED | VMBP_RING_F_START_UNMASKED},
        {VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED},
        {VMBP_RING_HOST_SEND, VMBP_RING_F_START_MASKED},
    };
    struct world x;
    struct vmbp_ring r;
    bool sig = true, more = false;
    size_t i;

    open_ring(&x, MASK_NEVER, LOOP_CANONICAL);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        set_ctl_word(8, 0x5A5A5A5Au);
        ck_assert_uint_eq(vmbp_ring_init(&r, mem, sizeof(mem), bad[i].role, bad[i].flags),
                          VMBP_E_INVAL);
        ck_assert_uint_eq(vmbp_ring_state(&r), VMBP_E_STATE);
        ck_assert_uint_eq(ctl_word(8), 0x5A5A5A5Au); /* nothing written */
    }
    /* the word follows the choice, on either side */
    ck_assert_uint_eq(
        vmbp_ring_init(&r, mem, sizeof(mem), VMBP_RING_HOST_RECV, VMBP_RING_F_START_UNMASKED),
        VMBP_OK);
    ck_assert_uint_eq(ctl_word(8), 0);
    ck_assert_uint_eq(
        vmbp_ring_init(&r, mem, sizeof(mem), VMBP_RING_GUEST_RECV, VMBP_RING_F_START_MASKED),
        VMBP_OK);
    ck_assert_uint_eq(ctl_word(8), 1);

    /* opened masked: no signal until the first end of batch, which finds the packet */
    open_ring(&x, MASK_AT_START, LOOP_CANONICAL);
    ck_assert_uint_eq(ctl_word(8), 1);
    writer_step(&x);
    ck_assert(!x.signal_to_reader);
    ck_assert_uint_eq(vmbp_ring_commit(&x.r, &sig, &more), VMBP_OK);
    ck_assert(!sig && more);
    ck_assert_uint_eq(ctl_word(8), 0);
    reader_step(&x);
    ck_assert_uint_eq(x.got, 1);
    writer_step(&x);
    ck_assert(x.signal_to_reader);
    vmbp_tshm_detach_all();
}
END_TEST

/* The end of a batch needs somewhere to say whether more packets wait: without it the call
 * does nothing. The other calls on the wrong end or a broken ring say so first.
 * covers: VMBP-RING-030 VMBP-RING-008 */
START_TEST(commit_requires_its_more_answer)
{
    struct world x;
    bool sig = true, more = true;

    open_ring(&x, MASK_EACH_BATCH, LOOP_CANONICAL);
    writer_step(&x);
    ck_assert_uint_eq(vmbp_ring_mask_begin(&x.r), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_peek(&x.r, rx_buf, sizeof(rx_buf), &(struct vmbp_pkt_in){0}),
                      VMBP_OK);
    vmbp_tshm_reset_counts();
    ck_assert_uint_eq(vmbp_ring_commit(&x.r, &sig, NULL), VMBP_E_INVAL);
    ck_assert(!sig);
    ck_assert_uint_eq(vmbp_tshm_calls(), 0); /* nothing read or written */
    ck_assert_uint_eq(ctl_word(4), 0);
    ck_assert_uint_eq(ctl_word(8), 1);
    ck_assert_uint_eq(vmbp_ring_state(&x.r), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_commit(&x.w, &sig, &more), VMBP_E_STATE);
    ck_assert(!sig && !more);
    more = true;
    ck_assert_uint_eq(vmbp_ring_commit(NULL, NULL, &more), VMBP_E_INVAL);
    ck_assert(!more);
    /* with it, the batch ends: published and unmasked */
    ck_assert_uint_eq(vmbp_ring_commit(&x.r, &sig, &more), VMBP_OK);
    ck_assert(!sig && !more);
    ck_assert_uint_eq(ctl_word(4), 32);
    ck_assert_uint_eq(ctl_word(8), 0);
    vmbp_tshm_detach_all();
}
END_TEST

/* What the end of a batch loads after its barrier: nothing more when it knows of packets
 * still to read; the write index once, shared with the writer decision when that needs it;
 * and the loaded index held to the reader's rule, the batch published and unmasked first.
 * vmbp_ring_read() publishes but leaves the mask and the re-check to the end of the batch.
 * covers: VMBP-RING-030 VMBP-RING-021 VMBP-RING-010 VMBP-TRUST-002 */
START_TEST(commit_rechecks_once_after_the_barrier)
{
    struct world x;
    struct vmbp_pkt_in pkt;
    bool sig = true, more = false;

    /* two packets, one peeked: more without a load */
    open_ring(&x, MASK_EACH_BATCH, LOOP_CANONICAL);
    writer_step(&x);
    writer_step(&x);
    ck_assert_uint_eq(vmbp_ring_mask_begin(&x.r), VMBP_OK);
    ck_assert_uint_eq(vmbp_ring_read(&x.r, rx_buf, sizeof(rx_buf), &pkt, &sig), VMBP_OK);
    ck_assert_uint_eq(ctl_word(4), 32);
    ck_assert_uint_eq(ctl_word(8), 1); /* a read is not the end of a batch */
    vmbp_tshm_reset_counts();
    ck_assert_uint_eq(vmbp_ring_commit(&x.r, &sig, &more), VMBP_OK);
    ck_assert(more && !sig);
    ck_assert_uint_eq(ctl_word(8), 0);
    ck_assert_uint_eq(vmbp_tshm_reads_of(mem), 0);

    /* the writer waits for space: the decision's load of the write index is the re-check's */
    ck_assert_uint_eq(vmbp_ring_peek(&x.r, rx_buf, sizeof(rx_buf), &pkt), VMBP_OK);
    set_ctl_word(12, 8);
    set_ctl_word(0, 96); /* the writer wrote two more (bytes not needed here) */
    vmbp_tshm_reset_counts();
    ck_assert_uint_eq(vmbp_ring_commit(&x.r, &sig, &more), VMBP_OK);
    ck_assert(more && !sig); /* 8 bytes were free before as after */
    ck_assert_uint_eq(vmbp_tshm_reads_of(mem), 1);
    ck_assert_uint_le(vmbp_tshm_max_reads(), 1);

    /* a bad write index found by the re-check breaks the ring after publish and unmask */
    open_ring(&x, MASK_AT_START, LOOP_CANONICAL);
    writer_step(&x);
    ck_assert_uint_eq(vmbp_ring_peek(&x.r, rx_buf, sizeof(rx_buf), &pkt), VMBP_OK);
    set_ctl_word(0, 36);
    more = true;
    ck_assert_uint_eq(vmbp_ring_commit(&x.r, &sig, &more), VMBP_E_RING_WRITE_INDEX);
    ck_assert(!more && !sig);
    ck_assert_uint_eq(ctl_word(4), 32);
    ck_assert_uint_eq(ctl_word(8), 0);
    ck_assert_uint_eq(vmbp_ring_state(&x.r), VMBP_E_RING_WRITE_INDEX);

    /* so does a bad pending_send_sz, before any re-check */
    open_ring(&x, MASK_NEVER, LOOP_CANONICAL);
    writer_step(&x);
    ck_assert_uint_eq(vmbp_ring_peek(&x.r, rx_buf, sizeof(rx_buf), &pkt), VMBP_OK);
    set_ctl_word(12, SIZE + 8);
    more = true;
    ck_assert_uint_eq(vmbp_ring_commit(&x.r, &sig, &more), VMBP_E_RING_PENDING_SZ);
    ck_assert(!more && !sig);
    vmbp_tshm_detach_all();
}
END_TEST

static Suite *ring_signal_suite(void)
{
    Suite *s = suite_create("ring_signal");
    TCase *tc = tcase_create("interleavings");

    tcase_add_loop_test(tc, old_batch_pattern_loses_wakeup, MASK_NEVER, MASK_AT_START + 1);
    tcase_add_loop_test(tc, consumer_loop_loses_no_wakeup, MASK_NEVER, MASK_AT_START + 1);
    tcase_add_loop_test(tc, producer_loop_loses_no_wakeup, MASK_NEVER, MASK_AT_START + 1);
    suite_add_tcase(s, tc);
    tc = tcase_create("calls");
    tcase_add_test(tc, init_takes_the_initial_mask_from_the_caller);
    tcase_add_test(tc, commit_requires_its_more_answer);
    tcase_add_test(tc, commit_rechecks_once_after_the_barrier);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(ring_signal_suite)
