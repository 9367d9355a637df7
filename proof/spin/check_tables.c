/* SPDX-License-Identifier: MIT */
/*
 * The SPIN model's decision table (tables.pml) held against the C library: each row names a
 * state of one end, the values its loads return and what the model decided; this program
 * builds that state with the library's own calls on a real ring, leaves the row's values in
 * the words the call loads, makes the call through the instrumented accessor layer (which
 * counts the loads) and compares the decision and the loads with the model's. It also
 * compares the call's control-page stores, loads and full barriers, in program order and
 * with their values, with the ones the model's inline makes (trace_hooks.h logs the C
 * code's): a barrier the C code drops or moves past a load fails here, not only in the
 * model's mutants.
 *
 * usage: check_tables [TABLE]   (default: standard input); exit 0 when every row agrees.
 * A unit of the model is 8 bytes; the ring's data area is SIZE units.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace_hooks.h"

#include <vmbus_proto/vmbp_ring.h>

#define UNIT 8u
#define CTL 4096u
#define MAX_DATA 4096u

static uint64_t mem[(CTL + MAX_DATA) / 8u];
static uint32_t data_units; /* SIZE of the table, taken from its largest index + 1 */
static unsigned long rows, bad;

/* ---- the C code's control-page accesses, in the model's notation ------------------------ */

static char trace[256];
static size_t trace_len;
static bool tracing;

/* The model's number of a control word (tables.pml), or -1. */
static int word_of(const volatile uint32_t *p)
{
    switch ((uintptr_t)p - (uintptr_t)mem) {
    case 0:
        return 0; /* write_index */
    case 4:
        return 1; /* read_index */
    case 8:
        return 2; /* interrupt_mask */
    case 12:
        return 3; /* pending_send_sz */
    case 64:
        return 4; /* feature_bits */
    default:
        return -1;
    }
}

/* " Sw=v", " Lw=v" or " M": indices and sizes in units, as in the model. */
static void log_op(char kind, const volatile uint32_t *p, uint32_t raw)
{
    uint32_t v = vmbp_le32_to_cpu(raw);
    int word = kind == 'M' ? 0 : word_of(p), n;

    if (!tracing)
        return;
    if (kind == 'M')
        n = snprintf(trace + trace_len, sizeof(trace) - trace_len, " M");
    else if (word < 0)
        n = snprintf(trace + trace_len, sizeof(trace) - trace_len, " %c@%lu=%u", kind,
                     (unsigned long)((uintptr_t)p - (uintptr_t)mem), v);
    else if ((word == 0 || word == 1 || word == 3) && v % UNIT == 0)
        n = snprintf(trace + trace_len, sizeof(trace) - trace_len, " %c%d=%u", kind, word,
                     v / UNIT);
    else if (word == 0 || word == 1 || word == 3)
        n = snprintf(trace + trace_len, sizeof(trace) - trace_len, " %c%d=%u bytes", kind, word,
                     v);
    else
        n = snprintf(trace + trace_len, sizeof(trace) - trace_len, " %c%d=%u", kind, word, v);
    if (n > 0 && (size_t)n < sizeof(trace) - trace_len)
        trace_len += (size_t)n;
}

uint32_t spin_trace_load32(const volatile uint32_t *p)
{
    uint32_t raw = vmbp_tshm_load32(p);

    log_op('L', p, raw);
    return raw;
}

void spin_trace_store32(volatile uint32_t *p, uint32_t v)
{
    log_op('S', p, v);
    vmbp_tshm_store32(p, v);
}

void spin_trace_mb(void)
{
    log_op('M', NULL, 0);
    vmbp_tshm_mb();
}

static void trace_begin(void)
{
    trace_len = 0;
    trace[0] = 0;
    tracing = true;
}

static volatile struct vmbp_ring_control_wire *ctl(void)
{
    return (volatile struct vmbp_ring_control_wire *)(void *)mem;
}

static void set_word(volatile uint32_t *w, uint32_t v)
{
    vmbp_store_le32((uint8_t *)(uintptr_t)w, v);
}

static unsigned loads_of(volatile const uint32_t *w)
{
    return vmbp_tshm_reads_of((const void *)(uintptr_t)w) != 0;
}

static size_t ring_bytes(void)
{
    return CTL + (size_t)data_units * UNIT;
}

/* A ring whose page says write_index w and read_index r (units); data zeroed. */
static void fresh(uint32_t w, uint32_t r)
{
    memset(mem, 0, sizeof(mem));
    vmbp_tshm_detach_all();
    vmbp_tshm_attach(mem, ring_bytes());
    vmbp_tshm_set_strict(true);
    set_word(&ctl()->write_index, w * UNIT);
    set_word(&ctl()->read_index, r * UNIT);
}

static void fail(const char *line, const char *what, long got)
{
    bad++;
    if (bad <= 20)
        fprintf(stderr, "check_tables: %s: C gives %s %ld\n", line, what, got);
}

/* The accesses since trace_begin() against the row's (the text after its '|'). */
static void trace_check(const char *line, const char *want)
{
    tracing = false;
    if (strcmp(trace, want) == 0)
        return;
    bad++;
    if (bad <= 20)
        fprintf(stderr, "check_tables: %s: C accesses:%s\n", line, trace_len ? trace : " none");
}

/* Add a packet of `units` ring units (3: no body, 4: 8 bytes); 0 adds nothing. */
static enum vmbp_status add(struct vmbp_ring *w, uint32_t units)
{
    static const uint8_t body[8];
    struct vmbp_pkt_out o = {VMBP_PKT_DATA_INBAND, 0, 0, 7};
    struct vmbp_seg sg = {body, units * UNIT - VMBP_PKT_DESC_SIZE - VMBP_PKT_TRAILER_SIZE};

    if (units == 0)
        return VMBP_OK;
    return vmbp_ring_write_add(w, &o, &sg, 1);
}

static int status_code(enum vmbp_status st)
{
    return st == VMBP_OK                  ? 0
           : st == VMBP_E_RING_FULL       ? 1
           : st == VMBP_E_RING_BATCH_FULL ? 2
                                          : -1;
}

static void open_writer(struct vmbp_ring *w, uint32_t old, uint32_t r0)
{
    fresh(old, r0);
    if (vmbp_ring_init(w, mem, ring_bytes(), VMBP_RING_GUEST_SEND, 0) != VMBP_OK) {
        fprintf(stderr, "check_tables: writer attach at %u/%u failed\n", old, r0);
        exit(2);
    }
}

static void row_w(const char *line, const unsigned *v, const char *ops)
{
    unsigned r0 = v[0], old = v[1], s1 = v[2], s2 = v[3], mask = v[4], rd = v[5];
    struct vmbp_ring w;
    bool sig = false;

    open_writer(&w, old, r0);
    if (add(&w, s1) != VMBP_OK || add(&w, s2) != VMBP_OK)
        fail(line, "setup add failed", 0);
    set_word(&ctl()->interrupt_mask, mask);
    set_word(&ctl()->read_index, rd * UNIT);
    vmbp_tshm_reset_counts();
    trace_begin();
    if (vmbp_ring_write_commit(&w, &sig) != VMBP_OK)
        fail(line, "commit status", (long)vmbp_ring_state(&w));
    trace_check(line, ops);
    if (sig != (v[6] != 0))
        fail(line, "signal", sig);
    if (loads_of(&ctl()->interrupt_mask) != v[7])
        fail(line, "loads of interrupt_mask", loads_of(&ctl()->interrupt_mask));
    if (loads_of(&ctl()->read_index) != v[8])
        fail(line, "loads of read_index", loads_of(&ctl()->read_index));
}

static void row_a(const char *line, const unsigned *v, const char *ops)
{
    unsigned r0 = v[0], old = v[1], s1 = v[2], total = v[3], rd = v[4];
    struct vmbp_ring w;
    enum vmbp_status st;

    open_writer(&w, old, r0);
    if (add(&w, s1) != VMBP_OK)
        fail(line, "setup add failed", 0);
    set_word(&ctl()->read_index, rd * UNIT);
    vmbp_tshm_reset_counts();
    trace_begin();
    st = add(&w, total);
    trace_check(line, ops);
    if (status_code(st) != (int)v[5])
        fail(line, "status", status_code(st));
    if (vmbp_ring_write_needed(&w) != v[6] * UNIT)
        fail(line, "needed bytes", (long)vmbp_ring_write_needed(&w));
    if (loads_of(&ctl()->read_index) != v[7])
        fail(line, "loads of read_index", loads_of(&ctl()->read_index));
}

static void row_p(const char *line, const unsigned *v, const char *ops)
{
    unsigned r0 = v[0], old = v[1], want = v[2], rd = v[3];
    struct vmbp_ring w;
    bool ready = false;

    open_writer(&w, old, r0);
    set_word(&ctl()->read_index, rd * UNIT);
    vmbp_tshm_reset_counts();
    trace_begin();
    if (vmbp_ring_pending_send_set(&w, want * UNIT, &ready) != VMBP_OK)
        fail(line, "pending_send_set status", (long)vmbp_ring_state(&w));
    trace_check(line, ops);
    if (ready != (v[4] != 0))
        fail(line, "ready", ready);
    if (loads_of(&ctl()->read_index) != v[5])
        fail(line, "loads of read_index", loads_of(&ctl()->read_index));
}

static void row_r(const char *line, const unsigned *v, const char *ops)
{
    unsigned old = v[0], s1 = v[1], s2 = v[2], w0 = v[3], masked = v[4], feat = v[5];
    unsigned pss = v[6], wv = v[7], n = (s1 != 0 ? 1u : 0u) + (s2 != 0 ? 1u : 0u), i;
    uint8_t buf[64];
    struct vmbp_ring w, r;
    struct vmbp_pkt_in pkt;
    bool sig = false, more = false;

    /* the packets, written by a writer attached at the read index */
    open_writer(&w, old, old);
    if (add(&w, s1) != VMBP_OK || add(&w, s2) != VMBP_OK ||
        vmbp_ring_write_commit(&w, NULL) != VMBP_OK)
        fail(line, "setup write failed", 0);
    set_word(&ctl()->write_index, w0 * UNIT);
    if (vmbp_ring_init(&r, mem, ring_bytes(), VMBP_RING_HOST_RECV,
                       masked ? VMBP_RING_F_START_MASKED : VMBP_RING_F_START_UNMASKED) !=
        VMBP_OK) {
        fail(line, "reader attach failed", 0);
        return;
    }
    for (i = 0; i < n; i++)
        if (vmbp_ring_peek(&r, buf, sizeof(buf), &pkt) != VMBP_OK)
            fail(line, "setup peek failed", (long)vmbp_ring_state(&r));
    set_word(&ctl()->feature_bits, feat);
    set_word(&ctl()->pending_send_sz, pss * UNIT);
    set_word(&ctl()->write_index, wv * UNIT);
    vmbp_tshm_reset_counts();
    trace_begin();
    if (vmbp_ring_commit(&r, &sig, &more) != VMBP_OK)
        fail(line, "commit status", (long)vmbp_ring_state(&r));
    trace_check(line, ops);
    if (sig != (v[8] != 0))
        fail(line, "signal", sig);
    if (more != (v[9] != 0))
        fail(line, "more", more);
    if (loads_of(&ctl()->write_index) != v[10])
        fail(line, "loads of write_index", loads_of(&ctl()->write_index));
    if (vmbp_load_le32((const uint8_t *)mem + 8) != 0) /* the end of a batch unmasks */
        fail(line, "interrupt_mask after the commit", vmbp_load_le32((const uint8_t *)mem + 8));
}

static void row_b(const char *line, const unsigned *v, const char *ops)
{
    struct vmbp_ring r;
    enum vmbp_status st;

    fresh(0, 0);
    if (vmbp_ring_init(&r, mem, ring_bytes(), VMBP_RING_HOST_RECV,
                       v[0] ? VMBP_RING_F_START_MASKED : VMBP_RING_F_START_UNMASKED) !=
        VMBP_OK) {
        fail(line, "reader attach failed", 0);
        return;
    }
    trace_begin();
    st = vmbp_ring_mask_begin(&r);
    trace_check(line, ops);
    if (st != VMBP_OK)
        fail(line, "mask_begin status", (long)st);
}

int main(int argc, char **argv)
{
    static const struct {
        char kind;
        int fields; /* numbers on the line, outputs included */
        void (*run)(const char *, const unsigned *, const char *);
    } kinds[] = {
        {'W', 9, row_w}, {'A', 8, row_a}, {'P', 6, row_p}, {'R', 11, row_r}, {'B', 1, row_b}};
    enum { NKINDS = sizeof(kinds) / sizeof(kinds[0]) };
    FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
    char line[256];
    unsigned long per[NKINDS] = {0};
    size_t k;

    if (!in) {
        perror(argv[1]);
        return 2;
    }
    data_units = 0;
    if (!getenv("SPIN_SIZE") || (data_units = (uint32_t)atoi(getenv("SPIN_SIZE"))) < 4 ||
        data_units * UNIT > MAX_DATA) {
        fprintf(stderr, "check_tables: set SPIN_SIZE to the model's SIZE (units)\n");
        return 2;
    }
    while (fgets(line, sizeof(line), in)) {
        unsigned v[11];
        char *p = line + 1;
        const char *ops;
        int i, n = 0;

        line[strcspn(line, "\n")] = 0;
        for (k = 0; k < NKINDS && line[0] != kinds[k].kind; k++)
            ;
        if (k == NKINDS || line[1] != ' ')
            continue; /* not a row (spin's own lines) */
        for (i = 0; i < kinds[k].fields; i++) {
            char *end;

            while (*p == ' ' || *p == ':')
                p++;
            v[i] = (unsigned)strtoul(p, &end, 10);
            if (end == p)
                break;
            p = end;
            n++;
        }
        ops = strchr(p, '|');
        if (n != kinds[k].fields || !ops) {
            fprintf(stderr, "check_tables: malformed row: %s\n", line);
            return 2;
        }
        kinds[k].run(line, v, ops + 1);
        per[k]++;
        rows++;
    }
    vmbp_tshm_detach_all();
    printf("check_tables: %lu rows (writer commit %lu, add %lu, pending %lu, reader commit "
           "%lu, mask %lu), %lu disagree in a decision or in the order of stores, loads and "
           "barriers\n",
           rows, per[0], per[1], per[2], per[3], per[4], bad);
    for (k = 0; k < NKINDS; k++)
        if (per[k] == 0)
            return 1;
    return bad == 0 ? 0 : 1;
}
