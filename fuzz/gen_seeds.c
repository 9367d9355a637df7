/* SPDX-License-Identifier: MIT */
/*
 * Seed corpora of the fuzz targets, generated with our own encoders: ring images written by
 * the reference writer (reference/vmbp_ring.h), register values built with the setters,
 * SynIC slots from tests/vectors/, and the byte layouts of fuzz_format.h.
 *
 *   gen_seeds DIR           write DIR/fuzz_<target>/seed_<name> (the committed corpus)
 *   gen_seeds --check DIR   compare DIR with what would be written: every seed_ file must
 *                           be there with the same bytes, and no other seed_ file may be
 *                           (CTest fuzz.seeds, so the committed corpus cannot rot)
 *
 * Files not named seed_* in a corpus directory (crash reproducers, campaign finds) belong to
 * nobody here and are left alone.
 */
#include <vmbus_proto/vmbp_ring.h>

#include <vmbus_proto/cpuid.h>
#include <vmbus_proto/endian.h>
#include <vmbus_proto/hypercall.h>
#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/synic.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_format.h"
#include "vectors.h"

/* ---- output ---------------------------------------------------------------------------- */

static const char *out_dir;
static int check_mode, problems, written;
static char **names; /* "fuzz_x/seed_y" of every seed produced */
static size_t nnames;

static void die(const char *what)
{
    fprintf(stderr, "gen_seeds: %s\n", what);
    exit(2);
}

static void emit(const char *target, const char *name, const uint8_t *b, size_t n)
{
    char path[1024], rel[256];
    FILE *f;

    snprintf(rel, sizeof(rel), "fuzz_%s/seed_%s", target, name);
    snprintf(path, sizeof(path), "%s/%s", out_dir, rel);
    names = (char **)realloc(names, (nnames + 1) * sizeof(*names));
    if (!names || !(names[nnames] = strdup(rel)))
        die("out of memory");
    nnames++;
    if (check_mode) {
        uint8_t *have = (uint8_t *)malloc(n + 1);
        size_t got;

        f = fopen(path, "rb");
        if (!f || !have) {
            fprintf(stderr, "missing: %s\n", rel);
            problems++;
            free(have);
            if (f)
                fclose(f);
            return;
        }
        got = fread(have, 1, n + 1, f);
        fclose(f);
        if (got != n || memcmp(have, b, n) != 0) {
            fprintf(stderr, "differs: %s (%zu bytes, generated %zu)\n", rel, got, n);
            problems++;
        }
        free(have);
        return;
    }
    snprintf(path, sizeof(path), "%s/fuzz_%s", out_dir, target);
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die("cannot create a corpus directory");
    snprintf(path, sizeof(path), "%s/%s", out_dir, rel);
    f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0)
        die("cannot write a seed");
    written++;
}

/* In check mode: seed_ files on disk that the generator no longer makes. */
static void check_extra(void)
{
    DIR *d = opendir(out_dir), *t;
    struct dirent *e, *s;
    char path[1024], rel[512];
    size_t i;

    if (!d)
        die("cannot open the corpus directory");
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "fuzz_", 5) != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", out_dir, e->d_name);
        if (!(t = opendir(path)))
            continue;
        while ((s = readdir(t)) != NULL) {
            if (strncmp(s->d_name, "seed_", 5) != 0)
                continue;
            snprintf(rel, sizeof(rel), "%s/%s", e->d_name, s->d_name);
            for (i = 0; i < nnames && strcmp(names[i], rel) != 0; i++)
                ;
            if (i == nnames) {
                fprintf(stderr, "stale: %s (no longer generated)\n", rel);
                problems++;
            }
        }
        closedir(t);
    }
    closedir(d);
}

/* ---- byte buffers ---------------------------------------------------------------------- */

struct buf {
    uint8_t b[16384];
    size_t n;
};

static void put8(struct buf *B, uint32_t v)
{
    if (B->n >= sizeof(B->b))
        die("seed too large");
    B->b[B->n++] = (uint8_t)v;
}

static void put16(struct buf *B, uint32_t v)
{
    put8(B, v);
    put8(B, v >> 8);
}

static void put32(struct buf *B, uint32_t v)
{
    put16(B, v);
    put16(B, v >> 16);
}

static void put64(struct buf *B, uint64_t v)
{
    put32(B, (uint32_t)v);
    put32(B, (uint32_t)(v >> 32));
}

static void putn(struct buf *B, const void *p, size_t n)
{
    const uint8_t *s = (const uint8_t *)p;
    size_t i;

    for (i = 0; i < n; i++)
        put8(B, s[i]);
}

/* ---- ring images written by the reference writer --------------------------------------- */

struct img {
    uint8_t *mem;
    uint32_t size;
    struct vmbp_ring w;
};

static uint32_t size_code(uint32_t size)
{
    return size / 8u - 4u;
}

/* A ring of size data bytes whose writer starts at index start (0: reset). */
static void img_open(struct img *I, uint32_t size, uint32_t start, enum vmbp_ring_role role)
{
    enum vmbp_status st;

    I->size = size;
    I->mem = (uint8_t *)calloc(1, 4096u + size + 8u);
    if (!I->mem)
        die("out of memory");
    if (start) {
        vmbp_store_le32(I->mem, start);
        vmbp_store_le32(I->mem + 4, start);
    }
    st = vmbp_ring_init(&I->w, I->mem, 4096u + size, role, start ? 0u : VMBP_RING_F_RESET);
    if (st != VMBP_OK)
        die("img_open: vmbp_ring_init failed");
}

static void img_close(struct img *I)
{
    free(I->mem);
}

static void img_pkt(struct img *I, uint16_t type, uint16_t flags, uint64_t tid, const void *ext,
                    uint32_t ext_len, const void *data, uint32_t len)
{
    struct vmbp_pkt_out po;
    struct vmbp_seg segs[2];
    bool sig;

    po.type = type;
    po.flags = flags;
    po.ext_len = ext_len;
    po.trans_id = tid;
    segs[0].ptr = ext;
    segs[0].len = ext_len;
    segs[1].ptr = data;
    segs[1].len = len;
    if (vmbp_ring_write(&I->w, &po, segs, 2, &sig) != VMBP_OK)
        die("img_pkt: vmbp_ring_write failed");
}

static const uint8_t pattern[512] = {
    0x1f, 0x26, 0x2d, 0x34, 0x3b, 0x42, 0x49, 0x50, 0x57, 0x5e, 0x65, 0x6c, 0x73, 0x7a, 0x81,
    0x88, 0x8f, 0x96, 0x9d, 0xa4, 0xab, 0xb2, 0xb9, 0xc0, 0xc7, 0xce, 0xd5, 0xdc, 0xe3, 0xea};

/* Transfer-page extension: pageset id, then n ranges of (count, offset). */
static uint32_t ext_xfer(uint8_t *e, uint16_t pageset, uint32_t n)
{
    uint32_t i;

    memset(e, 0, 8u + 8u * n);
    vmbp_store_le16(e, pageset);
    vmbp_store_le32(e + 4, n);
    for (i = 0; i < n; i++) {
        vmbp_store_le32(e + 8 + 8 * i, 100u * (i + 1u));
        vmbp_store_le32(e + 12 + 8 * i, 4096u * i);
    }
    return 8u + 8u * n;
}

/* GPA-direct extension: n ranges, range i spanning i + 1 pages. */
static uint32_t ext_gpa(uint8_t *e, uint32_t n)
{
    uint32_t i, at = 8, p;

    memset(e, 0, 256);
    vmbp_store_le32(e + 4, n);
    for (i = 0; i < n; i++) {
        uint32_t bc = 4096u * i + 200u, bo = 100u;
        uint32_t pfns = vmbp_pkt_gpa_pfn_count(bo, bc);

        vmbp_store_le32(e + at, bc);
        vmbp_store_le32(e + at + 4, bo);
        at += 8;
        for (p = 0; p < pfns; p++, at += 8)
            vmbp_store_le64(e + at, 0x100000u + 16u * i + p);
    }
    return at;
}

/* ---- reader seeds ---------------------------------------------------------------------- */

struct rseed {
    uint8_t cfg;
    uint32_t size;
    uint32_t words[5];
    uint8_t ops[FZ_MAX_OPS][4];
    unsigned nops;
    const uint8_t *img;
    uint32_t imglen;
    struct buf stream;
};

static void rs_init(struct rseed *S, uint8_t cfg, uint32_t size)
{
    memset(S, 0, sizeof(*S));
    S->cfg = cfg;
    S->size = size;
    S->words[FZ_W_FEATURES] = 1;
}

static void rs_op(struct rseed *S, uint8_t code, uint8_t a0, uint8_t a1, uint8_t a2)
{
    if (S->nops == FZ_MAX_OPS)
        die("too many ops");
    S->ops[S->nops][0] = code;
    S->ops[S->nops][1] = a0;
    S->ops[S->nops][2] = a1;
    S->ops[S->nops][3] = a2;
    S->nops++;
}

#define RS_BIG 0xFF /* cap byte pair 0xFFFF: the whole ring */

static void rs_read(struct rseed *S)
{
    rs_op(S, FZ_ROP_READ, RS_BIG, RS_BIG, 0);
}

/* Take the image and the control words of a ring. */
static void rs_from(struct rseed *S, const struct img *I)
{
    unsigned i;
    static const uint32_t offs[5] = {0, 4, 8, 12, 64};

    for (i = 0; i < 5; i++)
        S->words[i] = vmbp_load_le32(I->mem + offs[i]);
    S->img = I->mem + 4096;
    S->imglen = I->size;
}

static void rs_emit(const char *target, const char *name, const struct rseed *S)
{
    struct buf *B = (struct buf *)calloc(1, sizeof(*B));
    unsigned i;

    if (!B)
        die("out of memory");
    put8(B, S->cfg);
    put16(B, size_code(S->size));
    for (i = 0; i < 5; i++)
        put32(B, S->words[i]);
    put8(B, S->nops);
    putn(B, S->ops, S->nops * 4u);
    put16(B, S->imglen);
    putn(B, S->img, S->imglen);
    putn(B, S->stream.b, S->stream.n);
    emit(target, name, B->b, B->n);
    free(B);
}

/* A ring of four packets of the current types, each kind of header extension. */
static void img_mixed(struct img *I, uint32_t size, uint32_t start, enum vmbp_ring_role wrole)
{
    uint8_t e[256];
    uint32_t n;

    img_open(I, size, start, wrole);
    img_pkt(I, VMBP_PKT_DATA_INBAND, VMBP_PKT_FLAG_COMPLETION_REQUESTED, 0x1122334455667788u,
            NULL, 0, pattern, 13);
    img_pkt(I, VMBP_PKT_COMPLETION, 0, 0x1122334455667788u, NULL, 0, pattern + 3, 8);
    n = ext_xfer(e, 1, 2);
    img_pkt(I, VMBP_PKT_DATA_XFER_PAGES, VMBP_PKT_FLAG_COMPLETION_REQUESTED, 7, e, n, pattern,
            4);
    n = ext_gpa(e, 2);
    img_pkt(I, VMBP_PKT_DATA_GPA_DIRECT, VMBP_PKT_FLAG_COMPLETION_REQUESTED, 8, e, n, pattern,
            24);
}

/* A one-packet image, then bytes of its descriptor or extension changed (violations). */
struct bad {
    const char *name;
    uint16_t type;
    uint32_t at;  /* byte offset in the packet to change */
    uint32_t len; /* 1, 2 or 4 */
    uint32_t val;
};

static const struct bad bads[] = {
    {"len_lt_offset", VMBP_PKT_DATA_INBAND, 4, 2, 1},
    {"offset_short", VMBP_PKT_DATA_INBAND, 2, 2, 1},
    {"pkt_overrun", VMBP_PKT_DATA_INBAND, 4, 2, 0x40},
    {"pkt_type_invalid", VMBP_PKT_DATA_INBAND, 0, 2, VMBP_PKT_INVALID},
    {"pkt_type_legacy", VMBP_PKT_DATA_INBAND, 0, 2, VMBP_PKT_ESTABLISH_GPADL},
    {"pkt_type_high", VMBP_PKT_DATA_INBAND, 0, 2, 0x8006},
    {"pkt_flags", VMBP_PKT_DATA_INBAND, 6, 2, 0x3},
    {"ext_offset", VMBP_PKT_DATA_XFER_PAGES, 2, 2, 2},
    {"xfer_range_count", VMBP_PKT_DATA_XFER_PAGES, 20, 4, 0},
    {"xfer_range_bounds", VMBP_PKT_DATA_XFER_PAGES, 20, 4, 3},
    {"gpa_range_count", VMBP_PKT_DATA_GPA_DIRECT, 20, 4, 0},
    {"gpa_range_bounds", VMBP_PKT_DATA_GPA_DIRECT, 24, 4, 8192},
    {"gpa_range_huge", VMBP_PKT_DATA_GPA_DIRECT, 24, 4, 0xFFFFFFFFu},
    {"gpa_count_bounds", VMBP_PKT_DATA_GPA_DIRECT, 20, 4, 0x20000000u},
};

static void rs_bad(const char *target, uint8_t cfg, enum vmbp_ring_role wrole,
                   const struct bad *b)
{
    struct img I;
    struct rseed S;
    uint8_t e[256];
    uint32_t n = 0;
    char name[64];

    img_open(&I, 256, 0, wrole);
    if (b->type == VMBP_PKT_DATA_XFER_PAGES)
        n = ext_xfer(e, 1, 1);
    else if (b->type == VMBP_PKT_DATA_GPA_DIRECT)
        n = ext_gpa(e, 1);
    img_pkt(&I, b->type, 0, 0x42, e, n, pattern, 16);
    if (b->len == 1)
        I.mem[4096 + b->at] = (uint8_t)b->val;
    else if (b->len == 2)
        vmbp_store_le16(I.mem + 4096 + b->at, (uint16_t)b->val);
    else
        vmbp_store_le32(I.mem + 4096 + b->at, b->val);
    rs_init(&S, cfg, 256);
    rs_from(&S, &I);
    rs_read(&S);
    rs_read(&S); /* a broken ring keeps failing */
    rs_op(&S, FZ_ROP_COMMIT, 0, 0, 0);
    snprintf(name, sizeof(name), "reject_%s", b->name);
    rs_emit(target, name, &S);
    img_close(&I);
}

/* Seeds of one reader target. wrole is the peer's writer role; race adds racing streams. */
static void reader_seeds(const char *target, enum vmbp_ring_role wrole, uint8_t xcfg, bool race)
{
    struct img I;
    struct rseed S;
    uint8_t e[256];
    unsigned i;
    char name[64];

    /* one in-band packet, read, then the ring is empty */
    img_open(&I, 256, 0, wrole);
    img_pkt(&I, VMBP_PKT_DATA_INBAND, 0, 1, NULL, 0, pattern, 5);
    rs_init(&S, xcfg, 256);
    rs_from(&S, &I);
    rs_read(&S);
    rs_read(&S);
    rs_op(&S, FZ_ROP_COMMIT, 0, 0, 1);
    rs_emit(target, "inband", &S);
    img_close(&I);

    /* every current type with its extension, peeked as a batch, one commit */
    img_mixed(&I, 512, 0, wrole);
    rs_init(&S, xcfg, 512);
    rs_from(&S, &I);
    for (i = 0; i < 5; i++)
        rs_op(&S, FZ_ROP_PEEK, RS_BIG, RS_BIG, 0);
    rs_op(&S, FZ_ROP_COMMIT, 0, 0, 0);
    rs_emit(target, "batch_mixed", &S);
    img_close(&I);

    /* a buffer too small, then none at all, then large enough */
    img_open(&I, 256, 0, wrole);
    img_pkt(&I, VMBP_PKT_DATA_INBAND, 0, 2, NULL, 0, pattern, 48);
    rs_init(&S, xcfg, 256);
    rs_from(&S, &I);
    rs_op(&S, FZ_ROP_PEEK, 16, 0, 0);
    rs_op(&S, FZ_ROP_READ, 0, 0, 0);
    rs_op(&S, FZ_ROP_READ, 64, 0, 0);
    rs_op(&S, FZ_ROP_READ, 64, 0, 0);
    rs_emit(target, "nospace", &S);
    img_close(&I);

    /* packets that wrap around the end of the data area (attach at the writer's index) */
    img_mixed(&I, 256, 200, wrole);
    rs_init(&S, xcfg | FZ_CFG_ATTACH, 256);
    rs_from(&S, &I);
    for (i = 0; i < 4; i++)
        rs_read(&S);
    rs_emit(target, "wrap", &S);
    img_close(&I);

    /* a trusted ring read in place, across the wrap */
    img_mixed(&I, 256, 232, wrole);
    rs_init(&S, xcfg | FZ_CFG_ATTACH | FZ_RCFG_TRUSTED, 256);
    rs_from(&S, &I);
    for (i = 0; i < 4; i++)
        rs_op(&S, FZ_ROP_PEEK_INPLACE, 0, 0, 0);
    rs_op(&S, FZ_ROP_COMMIT, 0, 0, 0);
    rs_op(&S, FZ_ROP_PEEK_INPLACE, 0, 0, 1);
    rs_emit(target, "trusted_inplace", &S);
    img_close(&I);

    /* legacy packet types, accepted with VMBP_RING_F_LEGACY_TYPES */
    img_open(&I, 256, 0, wrole);
    img_pkt(&I, VMBP_PKT_SYNCH, 0, 3, NULL, 0, pattern, 8);
    img_pkt(&I, VMBP_PKT_DATA_GPADL, 0, 4, NULL, 0, pattern, 8);
    img_pkt(&I, VMBP_PKT_ADDITIONAL_DATA, 0, 5, NULL, 0, pattern, 8);
    rs_init(&S, xcfg | FZ_RCFG_LEGACY, 256);
    rs_from(&S, &I);
    for (i = 0; i < 4; i++)
        rs_read(&S);
    rs_emit(target, "legacy_types", &S);
    img_close(&I);

    /* the writer waits for free space: the read that frees it must signal */
    img_open(&I, 256, 0, wrole);
    for (i = 0; i < 4; i++)
        img_pkt(&I, VMBP_PKT_DATA_INBAND, 0, i, NULL, 0, pattern, 32);
    rs_init(&S, xcfg, 256);
    rs_from(&S, &I);
    S.words[FZ_W_PENDING] = 96;
    rs_read(&S);
    rs_read(&S);
    rs_op(&S, FZ_ROP_HOST_WORD, FZ_W_PENDING, 255, 0); /* ring size - 1: masked to 248 */
    rs_read(&S);
    rs_emit(target, "pending_signal", &S);
    img_close(&I);

    /* interrupts masked while draining, unmasked with a packet still waiting */
    img_open(&I, 256, 0, wrole);
    img_pkt(&I, VMBP_PKT_DATA_INBAND, 0, 1, NULL, 0, pattern, 8);
    img_pkt(&I, VMBP_PKT_COMPLETION, 0, 1, NULL, 0, pattern, 8);
    rs_init(&S, xcfg, 256);
    rs_from(&S, &I);
    rs_op(&S, FZ_ROP_MASK_BEGIN, 0, 0, 0);
    rs_read(&S);
    rs_op(&S, FZ_ROP_COMMIT, 0, 0, 0); /* ends the batch: unmasks, finds the second */
    rs_op(&S, FZ_ROP_COMMIT_NO_MORE, 0, 0, 0);
    rs_read(&S);
    rs_op(&S, FZ_ROP_COMMIT, 0, 0, 1);
    rs_emit(target, "mask", &S);
    img_close(&I);

    /* an empty ring the host fills between calls */
    rs_init(&S, xcfg, 1024);
    rs_op(&S, FZ_ROP_READ, RS_BIG, RS_BIG, 0);
    rs_op(&S, FZ_ROP_HOST_PACKET, VMBP_PKT_DATA_INBAND, 2, 1);
    rs_read(&S);
    rs_op(&S, FZ_ROP_HOST_PACKET, VMBP_PKT_DATA_XFER_PAGES, 1, 0);
    rs_read(&S);
    rs_op(&S, FZ_ROP_HOST_PACKET, VMBP_PKT_DATA_GPA_DIRECT, 1, 0);
    rs_read(&S);
    rs_op(&S, FZ_ROP_HOST_PACKET, VMBP_PKT_COMPLETION, 0, 0);
    rs_op(&S, FZ_ROP_HOST_DATA, 2, 0, 2);
    rs_read(&S);
    rs_op(&S, FZ_ROP_WRONG_ROLE, 1, 0, 0);
    rs_op(&S, FZ_ROP_HOST_WORD, 0x80 | FZ_W_WRITE, 200, 0);
    rs_read(&S);
    put64(&S.stream, 0x0102030405060708u); /* trans_id of the first packet */
    put32(&S.stream, 0xA5A5A5A5u);
    put32(&S.stream, 0x5A5A5A5Au);
    put64(&S.stream, 9); /* second packet */
    put32(&S.stream, 0xC3C3C3C3u);
    put32(&S.stream, 0x3C3C3C3Cu);
    put16(&S.stream, 5000); /* GPA range: byte_count, byte_offset, PFN delta */
    put16(&S.stream, 4000);
    put8(&S.stream, 1);
    for (i = 0; i < 3; i++)
        put64(&S.stream, 0x2000u + i);
    rs_emit(target, "host_packets", &S);

    /* ring.h's arithmetic on its own: valid and invalid sizes and indices */
    rs_init(&S, xcfg, 256);
    {
        static const uint32_t w[][5] = {{256, 16, 8, 24, 64},      {256, 8, 16, 240, 250},
                                        {256, 4, 300, 8, 8},       {257, 0, 0, 0, 0},
                                        {0x80000000u, 8, 0, 8, 8}, {0x80000ff8u, 40, 8, 16, 99},
                                        {24, 0, 0, 0, 0},          {256, 248, 0, 16, 256}};

        for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
            unsigned k;

            rs_op(&S, FZ_ROP_ARITH, 0, 0, 0);
            for (k = 0; k < 5; k++)
                put32(&S.stream, w[i][k]);
        }
    }
    rs_emit(target, "arith", &S);

    /* the writer's index outside the ring, misaligned, or too far ahead; too few bytes */
    {
        static const uint32_t ws[] = {4, 256, 16};
        static const char *const wn[] = {"write_index_misaligned", "write_index_range",
                                         "avail_short"};

        for (i = 0; i < 3; i++) {
            rs_init(&S, xcfg, 256);
            S.words[FZ_W_WRITE] = ws[i];
            rs_read(&S);
            rs_op(&S, FZ_ROP_MASK_BEGIN, 0, 0, 0);
            snprintf(name, sizeof(name), "reject_%s", wn[i]);
            rs_emit(target, name, &S);
        }
        img_open(&I, 256, 0, wrole);
        img_pkt(&I, VMBP_PKT_DATA_INBAND, 0, 1, NULL, 0, pattern, 8);
        rs_init(&S, xcfg, 256);
        rs_from(&S, &I);
        rs_op(&S, FZ_ROP_PEEK, RS_BIG, RS_BIG, 0);            /* the packet is not released */
        rs_op(&S, FZ_ROP_HOST_WORD, 0x80 | FZ_W_WRITE, 2, 0); /* 240 bytes more: too many */
        rs_op(&S, FZ_ROP_PEEK, RS_BIG, RS_BIG, 0);
        rs_emit(target, "reject_write_index_ahead", &S);
        S.nops = 0;
        S.words[FZ_W_PENDING] = 1024; /* above the ring size */
        rs_read(&S);
        rs_emit(target, "reject_pending_sz", &S);
        img_close(&I);
    }
    for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++)
        rs_bad(target, xcfg, wrole, &bads[i]);

    /* the control page as the peer left it: indices checked on attach */
    img_mixed(&I, 512, 0, wrole);
    rs_init(&S, xcfg | FZ_CFG_ATTACH, 512);
    rs_from(&S, &I);
    rs_read(&S);
    rs_emit(target, "attach", &S);
    S.words[FZ_W_READ] = 12;
    rs_emit(target, "reject_attach_read_index", &S);
    S.words[FZ_W_WRITE] = 1000;
    rs_emit(target, "reject_attach_write_index", &S);
    img_close(&I);

    /* vmbp_ring_init's bad arguments */
    for (i = FZ_INIT_SHORT; i <= FZ_INIT_START; i++) {
        rs_init(&S, (uint8_t)(xcfg | i << FZ_CFG_INIT_SHIFT), 256);
        snprintf(name, sizeof(name), "init_bad_%u", i);
        rs_emit(target, name, &S);
    }

    if (!race)
        return;
    /* a racing peer: the write index moves under the reader, descriptor bytes change
     * between the copy and the validation's would-be second look, the size grows */
    img_mixed(&I, 512, 0, wrole);
    rs_init(&S, xcfg | FZ_CFG_RACE, 512);
    rs_from(&S, &I);
    S.words[FZ_W_WRITE] = 0;
    for (i = 0; i < 4; i++)
        rs_read(&S);
    if (xcfg & FZ_CFG_ATTACH) { /* vmbp_ring_init's two loads: indices as they are */
        put8(&S.stream, 0);
        put8(&S.stream, 0);
    }
    put8(&S.stream, 3); /* write_index += 8 * 9: the first two packets */
    put8(&S.stream, 9);
    put8(&S.stream, 0); /* descriptor as is */
    put8(&S.stream, 0); /* body as is */
    put8(&S.stream, 0); /* commit: feature bits as they are */
    put8(&S.stream, 0); /* pending_send_sz as is */
    put8(&S.stream, 2); /* next descriptor: xor its len8 (overrun) */
    put8(&S.stream, 4);
    put8(&S.stream, 1);
    rs_emit(target, "race_index_desc", &S);
    S.stream.n = 0;
    if (xcfg & FZ_CFG_ATTACH) {
        put8(&S.stream, 0);
        put8(&S.stream, 0);
    }
    put8(&S.stream, 1); /* write index replaced by the stream's bytes */
    put32(&S.stream, 0x88);
    put8(&S.stream, 1); /* descriptor replaced */
    vmbp_store_le16(e, VMBP_PKT_COMPLETION);
    vmbp_store_le16(e + 2, 2);
    vmbp_store_le16(e + 4, 4);
    vmbp_store_le16(e + 6, 0);
    vmbp_store_le64(e + 8, 77);
    putn(&S.stream, e, 16);
    rs_emit(target, "race_replace", &S);
    img_close(&I);
}

/* The ring images of tests/vectors/ring/ as reader seeds (attach to their indices). */
static void vector_seeds(const char *target)
{
    struct vmbp_vec_set set;
    size_t i;
    char name[96], *p;

    vmbp_vec_load(&set, "ring");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        const char *ds = vmbp_vec_field(v, "data_size");
        struct rseed S;
        uint32_t size, k;
        static const uint32_t offs[5] = {0, 4, 8, 12, 64};

        if (!ds || !vmbp_vec_get(v, "kind") || strcmp(vmbp_vec_get(v, "kind"), "ring") != 0)
            continue;
        size = (uint32_t)vmbp_vec_num(ds);
        if (size > 4096u || v->len != 4096u + size)
            continue;
        rs_init(&S, FZ_CFG_ATTACH, size);
        for (k = 0; k < 5; k++)
            S.words[k] = vmbp_load_le32(v->bytes + offs[k]);
        S.img = v->bytes + 4096;
        S.imglen = size;
        for (k = 0; k < 6; k++)
            rs_read(&S);
        snprintf(name, sizeof(name), "vec_%s", v->name);
        for (p = name; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
                *p = '_';
        rs_emit(target, name, &S);
    }
    vmbp_vec_free(&set);
}

/* ---- writer seeds ---------------------------------------------------------------------- */

struct wseed {
    uint8_t cfg;
    uint32_t size;
    uint32_t words[5];
    uint8_t ops[FZ_MAX_OPS][8];
    unsigned nops;
    struct buf stream;
};

static void ws_init(struct wseed *S, uint8_t cfg, uint32_t size)
{
    memset(S, 0, sizeof(*S));
    S->cfg = cfg;
    S->size = size;
}

static void ws_op(struct wseed *S, uint8_t code, uint8_t a0, uint8_t a1, uint8_t a2, uint8_t a3,
                  uint8_t a4, uint8_t a5, uint8_t a6)
{
    uint8_t *o;

    if (S->nops == FZ_MAX_OPS)
        die("too many ops");
    o = S->ops[S->nops++];
    o[0] = code;
    o[1] = a0;
    o[2] = a1;
    o[3] = a2;
    o[4] = a3;
    o[5] = a4;
    o[6] = a5;
    o[7] = a6;
}

/* A write of type with ext_len extension bytes and body bytes in all, nseg segments; the
 * stream gets the transaction ID and the body (a valid extension for types 7 and 9). */
static void ws_write(struct wseed *S, uint8_t code, uint16_t type, uint8_t flags, uint8_t ext,
                     uint16_t body, uint8_t shape, uint8_t split)
{
    uint8_t e[256];
    uint32_t i;

    ws_op(S, code, (uint8_t)type, flags, ext, (uint8_t)body, (uint8_t)(body >> 8), shape,
          split);
    put64(&S->stream, 0x0807060504030201u * type);
    if (type == VMBP_PKT_DATA_XFER_PAGES && ext >= 16)
        ext_xfer(e, 3, (ext - 8u) / 8u);
    else if (type == VMBP_PKT_DATA_GPA_DIRECT && ext >= 24)
        ext_gpa(e, 1);
    else
        memset(e, 0, sizeof(e));
    for (i = 0; i < body; i++)
        put8(&S->stream, i < ext ? e[i] : pattern[i % sizeof(pattern)]);
}

static void ws_emit(const char *name, const struct wseed *S)
{
    struct buf *B = (struct buf *)calloc(1, sizeof(*B));
    unsigned i;

    if (!B)
        die("out of memory");
    put8(B, S->cfg);
    put16(B, size_code(S->size));
    for (i = 0; i < 5; i++)
        put32(B, S->words[i]);
    put8(B, S->nops);
    putn(B, S->ops, S->nops * 8u);
    putn(B, S->stream.b, S->stream.n);
    emit("ring_write", name, B->b, B->n);
    free(B);
}

static void writer_seeds(void)
{
    struct wseed S;
    unsigned i;
    char name[64];

    /* every current type, gather lists of one to four segments, the reader signalled */
    for (i = 0; i < 2; i++) {
        ws_init(&S, i ? FZ_WCFG_HOST : 0, 512);
        ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 1, 0, 13, 1, 0);
        ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_COMPLETION, 0, 0, 40, 2, 7);
        ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_XFER_PAGES, 1, 24, 40, 3, 24);
        ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_GPA_DIRECT, 1, 24, 64, 4 | FZ_SEG_NULL_EMPTY,
                 0);
        ws_op(&S, FZ_WOP_NEEDED, 0, 0, 0, 0, 0, 0, 0);
        ws_emit(i ? "types_host" : "types_guest", &S);
    }

    /* a batch: three adds, one publish and one signal */
    ws_init(&S, 0, 256);
    for (i = 0; i < 3; i++)
        ws_write(&S, FZ_WOP_WRITE_ADD, VMBP_PKT_DATA_INBAND, 0, 0, 20, 1, 0);
    ws_op(&S, FZ_WOP_COMMIT, 0, 0, 0, 0, 0, 0, 0);
    ws_op(&S, FZ_WOP_COMMIT, 0, 0, 0, 0, 0, 0, 0);
    ws_emit("batch", &S);

    /* fill the ring, wait for space with pending_send_sz, the reader frees it */
    ws_init(&S, 0, 128);
    for (i = 0; i < 4; i++)
        ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 24, 1, 0);
    ws_op(&S, FZ_WOP_NEEDED, 0, 0, 0, 0, 0, 0, 0);
    ws_op(&S, FZ_WOP_PENDING_SET, 48, 0, 0, 0, 0, 0, 0);
    ws_op(&S, FZ_WOP_HOST_CONSUME, 2, 0, 0, 0, 0, 0, 0);
    ws_op(&S, FZ_WOP_PENDING_SET, 48, 0, 0, 0, 0, 0, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 24, 1, 0);
    ws_op(&S, FZ_WOP_PENDING_SET, 0, 0, 0, 1, 0, 0, 0);
    ws_op(&S, FZ_WOP_HOST_CONSUME, 9, 0, 0, 0, 0, 0, 0);
    for (i = 0; i < 3; i++)
        ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 24, 2, 5);
    ws_emit("full_pending", &S);

    /* the reader masked, then unmasked with a packet pending */
    ws_init(&S, 0, 256);
    S.words[FZ_W_MASK] = 1;
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 8, 1, 0);
    ws_op(&S, FZ_WOP_HOST_WORD, FZ_W_MASK, 0, 0, 0, 0, 0, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 8, 1, 0);
    ws_op(&S, FZ_WOP_HOST_CONSUME, 5, 0, 0, 0, 0, 0, 0);
    ws_write(&S, FZ_WOP_WRITE + FZ_WOP_COUNT, VMBP_PKT_DATA_INBAND, 0, 0, 8, 1, 0);
    ws_emit("mask_signal", &S);

    /* packets wrapping around the end, after attaching at the end of the ring */
    ws_init(&S, FZ_CFG_ATTACH, 256);
    S.words[FZ_W_WRITE] = S.words[FZ_W_READ] = 224;
    for (i = 0; i < 4; i++) {
        ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, (uint16_t)(20 + 8 * i), 2, 9);
        ws_op(&S, FZ_WOP_HOST_CONSUME, 1, 0, 0, 0, 0, 0, 0);
    }
    ws_emit("wrap", &S);

    /* bad packets and gather lists: VMBP_E_INVAL, the ring stays usable */
    ws_init(&S, 0, 256);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_INVALID, 0, 0, 8, 1, 0);
    ws_write(&S, FZ_WOP_WRITE, 14, 0, 0, 8, 1, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 2, 0, 8, 1, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 4, 8, 1, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_XFER_PAGES, 0, 0, 8, 1, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 16, 8, 1, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 8, 2 | FZ_SEG_NULL_PTR, 4);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 8, 1 | FZ_SEG_NULL_LIST, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 250, 1, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 16, 2 | FZ_SEG_HUGE, 8);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 16, 2 | FZ_SEG_MAX_PAIR, 8);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 16,
             2 | FZ_SEG_HUGE | FZ_SEG_MAX_PAIR, 8);
    ws_op(&S, FZ_WOP_PENDING_SET, 0, 1, 0, 0, 0, 0, 0);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 0, 0, 0);
    ws_op(&S, FZ_WOP_WRONG_ROLE, 1, 0, 0, 0, 0, 0, 0);
    ws_emit("bad_arguments", &S);

    /* the reader's index: misaligned, outside, and claiming bytes never written */
    {
        static const uint32_t rs[] = {4, 4096, 64};
        static const char *const rn[] = {"read_index_misaligned", "read_index_range",
                                         "read_past_write"};

        for (i = 0; i < 3; i++) {
            ws_init(&S, 0, 128);
            ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 16, 1, 0);
            ws_op(&S, FZ_WOP_HOST_WORD, FZ_W_READ, (uint8_t)rs[i], (uint8_t)(rs[i] >> 8), 0, 0,
                  0, 0);
            ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 16, 1, 0);
            ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 64, 1, 0);
            ws_op(&S, FZ_WOP_PENDING_SET, 8, 0, 0, 0, 0, 0, 0);
            snprintf(name, sizeof(name), "reject_%s", rn[i]);
            ws_emit(name, &S);
        }
    }

    /* attach: the indices in the page are checked */
    ws_init(&S, FZ_CFG_ATTACH, 256);
    S.words[FZ_W_WRITE] = 12;
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 8, 1, 0);
    ws_emit("reject_attach_write_index", &S);
    S.words[FZ_W_WRITE] = 16;
    S.words[FZ_W_READ] = 300;
    ws_emit("reject_attach_read_index", &S);

    /* a racing reader: read_index moves under the writer, the mask flips. The stream holds
     * each write's transaction ID and body, then the racing bytes of its shared reads. */
    ws_init(&S, FZ_CFG_RACE, 128);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 24, 1, 0);
    put8(&S.stream, 0); /* interrupt_mask as is */
    put8(&S.stream, 0); /* read_index as is: the reader is signalled */
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 24, 1, 0);
    put8(&S.stream, 0);
    put8(&S.stream, 3); /* read_index += 8 * 5: the first packet was read */
    put8(&S.stream, 5);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 24, 1, 0);
    put8(&S.stream, 1); /* the reader masks interrupts */
    put32(&S.stream, 1);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 24, 1, 0);
    put8(&S.stream, 3); /* the full ring: read_index += 8 * 9 */
    put8(&S.stream, 9);
    put8(&S.stream, 2); /* the mask cleared again (xor) */
    put8(&S.stream, 0);
    put8(&S.stream, 1);
    put8(&S.stream, 1); /* read_index replaced: claims bytes never written */
    put32(&S.stream, 64);
    ws_write(&S, FZ_WOP_WRITE, VMBP_PKT_DATA_INBAND, 0, 0, 24, 1, 0);
    ws_emit("race_reader", &S);

    for (i = FZ_INIT_SHORT; i <= FZ_INIT_START; i++) {
        ws_init(&S, (uint8_t)(i << FZ_CFG_INIT_SHIFT), 256);
        snprintf(name, sizeof(name), "init_bad_%u", i);
        ws_emit(name, &S);
    }
}

/* ---- SynIC seeds ----------------------------------------------------------------------- */

static void synic_seeds(void)
{
    struct vmbp_vec_set set;
    struct buf *B = (struct buf *)calloc(1, sizeof(*B));
    uint8_t flags[256];
    size_t i;
    unsigned k;
    char name[96], *p;

    if (!B)
        die("out of memory");
    /* the slots of tests/vectors/synic/, completed both ways */
    vmbp_vec_load(&set, "synic");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];

        if (v->len != 256)
            continue;
        B->n = 0;
        put8(B, FZ_SOP_SNAPSHOT);
        putn(B, v->bytes, 256);
        put8(B, 1 | 4); /* compare-exchange with the snapshot's type */
        put32(B, 0);
        put8(B, FZ_SOP_SNAPSHOT);
        putn(B, v->bytes, 256);
        put8(B, 2); /* plain store */
        put32(B, 0);
        snprintf(name, sizeof(name), "slot_%s", v->name);
        for (p = name; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
                *p = '_';
        emit("synic", name, B->b, B->n);
    }
    vmbp_vec_free(&set);

    /* a slot whose type changes before the compare-exchange (racing host) */
    B->n = 0;
    put8(B, FZ_SOP_SNAPSHOT);
    memset(flags, 0, sizeof(flags));
    vmbp_store_le32(flags, VMBP_SYNIC_MSG_TYPE_VMBUS);
    flags[4] = 24;
    flags[5] = VMBP_SYNIC_MESSAGE_FLAG_PENDING;
    putn(B, flags, 256);
    put8(B, 1 | 4 | 0x10);
    put32(B, 0);
    put8(B, 0); /* snapshot read as is */
    put8(B, 1); /* the type replaced before the compare-exchange */
    put32(B, (uint32_t)VMBP_SYNIC_MSG_TYPE_TIMER_EXPIRED);
    emit("synic", "slot_race_type", B->b, B->n);

    /* event flags: scans from 0 and from the middle, takes with room and without */
    memset(flags, 0, sizeof(flags));
    for (k = 0; k < 2048; k += 37)
        flags[k / 8] |= (uint8_t)(1u << (k % 8));
    flags[0] |= 1;
    flags[255] |= 0x80;
    B->n = 0;
    put8(B, FZ_SOP_SCAN);
    putn(B, flags, 256);
    put16(B, 0);
    put8(B, 255);
    put8(B, FZ_SOP_SCAN);
    putn(B, flags, 256);
    put16(B, 1000);
    put8(B, 3);
    put8(B, FZ_SOP_TAKE);
    putn(B, flags, 256);
    put8(B, 255);
    put8(B, 0);
    for (k = 0; k < 128; k++)
        put8(B, 0); /* no race */
    put8(B, FZ_SOP_TAKE);
    putn(B, flags, 256);
    put8(B, 5);
    put8(B, 1); /* own test-and-clear */
    for (k = 0; k < 64; k++)
        put32(B, k == 1 ? 0x00010000u : 0u);
    emit("synic", "event_flags", B->b, B->n);

    /* registers built with the setters */
    B->n = 0;
    put8(B, FZ_SOP_REGS);
    put64(B, vmbp_synic_sint_set_vector_x64(vmbp_synic_sint_set_auto_eoi(0, true), 0x30));
    put8(B, VMBP_SYNIC_SINT);
    put8(B, VMBP_SYNIC_VMBUS_SINT);
    put8(B, FZ_SOP_REGS);
    put64(B, vmbp_synic_page_set_enabled(vmbp_synic_page_set_gpn(0, 0x12345), true));
    put8(B, VMBP_SYNIC_SIMP);
    put8(B, 0);
    put8(B, FZ_SOP_REGS);
    put64(B, vmbp_synic_scontrol_set_enabled(0, true));
    put8(B, VMBP_SYNIC_SCONTROL);
    put8(B, 16);
    put8(B, FZ_SOP_REGS);
    put64(B, 0x40000084u);
    put8(B, VMBP_SYNIC_EOM);
    put8(B, 0);
    put8(B, FZ_SOP_REGS);
    put64(B, vmbp_synic_sint_set_vector_arm64(vmbp_synic_sint_set_masked(0, true), 0x3FF));
    put8(B, 7);
    put8(B, 20);
    emit("synic", "registers", B->b, B->n);

    /* hypercall words: a PostMessage and a rep call, results and statuses */
    B->n = 0;
    put8(B, FZ_SOP_HVCALL);
    put64(B, vmbp_hypercall_control(VMBP_HVCALL_POST_MESSAGE, false, 0, 0, 0));
    put64(B, 0);
    put16(B, VMBP_HV_STATUS_SUCCESS);
    put8(B, FZ_SOP_HVCALL);
    put64(B, vmbp_hypercall_control_set_nested(
                 vmbp_hypercall_control(VMBP_HVCALL_SIGNAL_EVENT, true, 3, 17, 5), true));
    put64(B, ((uint64_t)17 << 32) | VMBP_HV_STATUS_INSUFFICIENT_BUFFERS);
    put16(B, VMBP_HV_STATUS_INVALID_CONNECTION_ID);
    put8(B, FZ_SOP_HVCALL);
    put64(B, ~(uint64_t)0);
    put64(B, ~(uint64_t)0);
    put16(B, VMBP_HV_STATUS_INSUFFICIENT_MEMORY);
    emit("synic", "hypercall_words", B->b, B->n);

    /* CPUID: the Hyper-V and VS signatures, an SNP isolation leaf with a boundary */
    {
        struct vmbp_cpuid_isolation iso;
        struct vmbp_cpuid_regs r;

        B->n = 0;
        put8(B, FZ_SOP_CPUID);
        put32(B, VMBP_CPUID_LEAF_LIMITS);
        put32(B, VMBP_CPUID_SIG_MICR);
        put32(B, VMBP_CPUID_SIG_OSOF);
        put32(B, VMBP_CPUID_SIG_T_HV);
        put8(B, FZ_SOP_CPUID);
        put32(B, VMBP_CPUID_LEAF_VS_PROPERTIES);
        put32(B, VMBP_CPUID_SIG_MICR);
        put32(B, VMBP_CPUID_SIG_OSOF);
        put32(B, VMBP_CPUID_SIG_T_VS);
        memset(&iso, 0, sizeof(iso));
        iso.paravisor_present = true;
        iso.isolation_type = VMBP_CPUID_ISOLATION_TYPE_SNP;
        iso.boundary_active = true;
        iso.boundary_bits = 46;
        vmbp_cpuid_isolation_encode(&iso, &r);
        put8(B, FZ_SOP_CPUID);
        put32(B, r.eax);
        put32(B, r.ebx | VMBP_CPUID_FEATURES_EBX_ISOLATION);
        put32(B, r.ecx);
        put32(B, r.edx);
        put8(B, FZ_SOP_CPUID);
        put32(B, VMBP_CPUID_SIG_HV1 | VMBP_CPUID_FEATURES_EAX_ACCESS_SYNIC_REGS);
        put32(B, VMBP_CPUID_FEATURES_EBX_POST_MESSAGES | VMBP_CPUID_FEATURES_EBX_SIGNAL_EVENTS);
        put32(B, 0);
        put32(B, 0);
        emit("synic", "cpuid", B->b, B->n);
    }
    free(B);
}

/* ---- channel message seeds ------------------------------------------------------------- */

#define GS_VERSION(e, maj, min, w, l, o) (((uint32_t)(maj) << 16) | (uint32_t)(min)),
static const uint32_t gs_versions[] = {VMBP_VERSION_LIST(GS_VERSION)};

static uint8_t version_sel(uint32_t v)
{
    uint8_t i;

    for (i = 0; i < sizeof(gs_versions) / sizeof(gs_versions[0]); i++)
        if (gs_versions[i] == v)
            return (uint8_t)(i + 1u);
    return 0;
}

/* FNV-1a of a vector's name: a choice of vectors that does not move when others are added. */
static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static void sanitize(char *name)
{
    char *p;

    for (p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            *p = '_';
}

/* One seed per message variant, re-encoded by our encoders from tests/vectors/msg, and one
 * per rejection status, as the vector has it. */
static void msg_seeds(void)
{
    struct vmbp_vec_set set;
    bool seen_var[VMBP_MSGV_COUNT];
    char seen_st[32][40];
    size_t nst = 0, i, k;
    struct buf *B = (struct buf *)calloc(1, sizeof(*B));
    char name[128];

    if (!B)
        die("out of memory");
    memset(seen_var, 0, sizeof(seen_var));
    vmbp_vec_load(&set, "msg");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        const char *ver = vmbp_vec_get(v, "version"), *feat = vmbp_vec_get(v, "features");
        const char *dirs = vmbp_vec_get(v, "direction"), *st = vmbp_vec_get(v, "status");
        struct vmbp_ctx ctx;
        enum vmbp_dir dir;
        struct vmbp_msg m;
        uint8_t enc[256];
        size_t len = 0;

        if (!ver || !dirs || !st || strcmp(vmbp_vec_get(v, "kind"), "msg") != 0)
            continue;
        ctx.version = vmbp_vec_version(ver);
        ctx.features = feat ? (uint32_t)vmbp_vec_num(feat) : 0u;
        dir = strcmp(dirs, "guest-to-host") == 0   ? VMBP_DIR_GUEST_TO_HOST
              : strcmp(dirs, "host-to-guest") == 0 ? VMBP_DIR_HOST_TO_GUEST
                                                   : VMBP_DIR_ANY;
        B->n = 0;
        put8(B, version_sel(ctx.version));
        put32(B, ctx.features);
        put8(B, dir);
        if (strcmp(st, "OK") == 0) {
            if (vmbp_msg_decode(v->bytes, v->len, &ctx, dir, &m) != VMBP_OK)
                die("an OK message vector does not decode");
            if (seen_var[m.variant])
                continue;
            seen_var[m.variant] = true;
            if (vmbp_msg_encode(&m, enc, sizeof(enc), &len) != VMBP_OK)
                die("a decoded message vector does not encode");
            putn(B, enc, len);
        } else {
            for (k = 0; k < nst && strcmp(seen_st[k], st) != 0; k++)
                ;
            if (k < nst || nst == 32)
                continue;
            snprintf(seen_st[nst++], sizeof(seen_st[0]), "%s", st);
            putn(B, v->bytes, v->len);
        }
        snprintf(name, sizeof(name), "%s", v->name);
        sanitize(name);
        emit("msg", name, B->b, B->n);
    }
    vmbp_vec_free(&set);
    free(B);
}

/* ---- GPADL seeds ----------------------------------------------------------------------- */

struct gs_range {
    uint32_t bc;
    uint16_t bo;
};

/* FZ split input: ranges given as byte count and offset; the first 64 PFNs of each from
 * the stream (the harness makes up the rest). */
static void gpadl_split(const char *name, uint16_t relid, uint32_t handle,
                        const struct gs_range *r, uint8_t n, uint8_t null_at)
{
    struct buf *B = (struct buf *)calloc(1, sizeof(*B));
    uint32_t i;
    uint64_t k, pages;

    if (!B)
        die("out of memory");
    put8(B, 0);
    put16(B, relid);
    put32(B, handle);
    put8(B, n);
    put8(B, null_at);
    for (i = 0; i < n; i++) {
        put32(B, r[i].bc);
        put8(B, 0); /* no shift */
        put16(B, r[i].bo);
        pages = vmbp_gpa_range_pages(r[i].bo, r[i].bc);
        for (k = 0; k < pages && k < 64u && pages <= 8192u; k++)
            put64(B, 0x200000u + 0x10u * i + k);
    }
    emit("gpadl", name, B->b, B->n);
    free(B);
}

/* A sequence input: the messages of a plan (as our split encodes them), reordered or
 * changed as `how` says. */
static void gpadl_sequence(const char *name, const struct gs_range *r, uint8_t n, uint16_t cap,
                           const char *how)
{
    struct vmbp_gpa_range ranges[8];
    uint64_t pfns[8][40];
    struct vmbp_gpadl_plan plan;
    struct buf *B = (struct buf *)calloc(1, sizeof(*B));
    uint8_t msgs[16][240];
    size_t lens[16], nm, i, k;
    uint32_t order[20], no = 0;

    if (!B || n > 8)
        die("gpadl_sequence");
    for (i = 0; i < n; i++) {
        for (k = 0; k < 40; k++)
            pfns[i][k] = 0x300000u + 0x40u * i + k;
        ranges[i].byte_count = r[i].bc;
        ranges[i].byte_offset = r[i].bo;
        ranges[i].pfns = pfns[i];
    }
    if (vmbp_gpadl_plan_init(&plan, 7, 0x1234, ranges, n) != VMBP_OK || plan.nmsgs > 16)
        die("gpadl_sequence: plan");
    nm = plan.nmsgs;
    for (i = 0; i < nm; i++)
        if (vmbp_gpadl_plan_message(&plan, (uint32_t)i, msgs[i], 240, &lens[i]) != VMBP_OK)
            die("gpadl_sequence: message");
    if (strcmp(how, "in_order") == 0 || strcmp(how, "small_storage") == 0) {
        for (i = 0; i < nm; i++)
            order[no++] = (uint32_t)i;
    } else if (strcmp(how, "body_first") == 0) {
        order[no++] = 1;
        order[no++] = 0;
    } else if (strcmp(how, "two_headers") == 0) {
        order[no++] = 0;
        order[no++] = 0;
    } else if (strcmp(how, "extra_body") == 0) {
        for (i = 0; i < nm; i++)
            order[no++] = (uint32_t)i;
        order[no++] = 1;
    } else if (strcmp(how, "other_handle") == 0) {
        vmbp_store_le32(msgs[1] + 12, 0x4321);
        order[no++] = 0;
        order[no++] = 1;
    } else if (strcmp(how, "full_bodies") == 0) { /* mu_msvm sends 240 bytes */
        for (i = 0; i < nm; i++) {
            memset(msgs[i] + lens[i], 0, 240 - lens[i]);
            lens[i] = 240;
            order[no++] = (uint32_t)i;
        }
    } else if (strcmp(how, "bad_range_in_body") == 0) { /* second range's header, zero count */
        vmbp_store_le64(msgs[1] + 16 + 8 * 4, 0);
        for (i = 0; i < nm; i++)
            order[no++] = (uint32_t)i;
    } else {
        die("gpadl_sequence: how");
    }
    put8(B, 1);
    put16(B, cap);
    put8(B, (uint8_t)no);
    for (i = 0; i < no; i++) {
        put8(B, (uint8_t)lens[order[i]]);
        putn(B, msgs[order[i]], lens[order[i]]);
        put8(B, 0); /* as is */
    }
    emit("gpadl", name, B->b, B->n);
    free(B);
}

static void gpadl_seeds(void)
{
    static const struct gs_range one[] = {{5 * 4096u - 100u, 100}};
    static const struct gs_range three[] = {{4096u, 0}, {100u, 4000}, {3 * 4096u, 12}};
    static const struct gs_range big[] = {{100u * 4096u, 0}};
    static const struct gs_range huge[] = {{8190u * 4096u + 1u, 0}};
    static const struct gs_range max1[] = {{8190u * 4096u, 0}};
    static const struct gs_range bad_count[] = {{0, 0}};
    static const struct gs_range bad_offset[] = {{100u, 4096}};
    static const struct gs_range seq[] = {{30u * 4096u, 0}, {2u * 4096u, 8}, {50u, 0}};

    gpadl_split("split_one_range", 7, 0x1000, one, 1, 0xFF);
    gpadl_split("split_three_ranges", 1, 0x1001, three, 3, 0xFF);
    gpadl_split("split_bodies", 2047, 0x1002, big, 1, 0xFF);
    gpadl_split("split_largest", 5, 0x1003, max1, 1, 0xFF);
    gpadl_split("split_too_large", 5, 0x1004, huge, 1, 0xFF);
    gpadl_split("split_no_ranges", 5, 0x1005, one, 0, 0xFF);
    gpadl_split("split_empty_range", 5, 0x1006, bad_count, 1, 0xFF);
    gpadl_split("split_offset_past_page", 5, 0x1007, bad_offset, 1, 0xFF);
    gpadl_split("split_null_pfns", 5, 0x1008, three, 3, 1);
    gpadl_split("split_channel_0", 0, 0x1009, one, 1, 0xFF);
    gpadl_sequence("seq_in_order", seq, 3, 8191, "in_order");
    gpadl_sequence("seq_small_storage", seq, 3, 20, "small_storage");
    gpadl_sequence("seq_body_first", seq, 3, 8191, "body_first");
    gpadl_sequence("seq_two_headers", seq, 3, 8191, "two_headers");
    gpadl_sequence("seq_extra_body", seq, 3, 8191, "extra_body");
    gpadl_sequence("seq_other_handle", seq, 3, 8191, "other_handle");
    gpadl_sequence("seq_full_bodies", seq, 3, 8191, "full_bodies");
    gpadl_sequence("seq_bad_range_in_body", seq, 3, 8191, "bad_range_in_body");
}

/* ---- vmbp-inspect seeds ---------------------------------------------------------------- */

/* A GPADL of two ranges split by the library, for op 5 of fuzz_inspect: each message as a
 * length byte and its bytes (or, `slots`, a 0 and a 256-byte SynIC slot holding it), in the
 * order `order` gives (a negative entry: that message with its handle changed). */
static void inspect_gpadl_seed(const char *name, const int *order, size_t norder, bool slots)
{
    uint64_t pfns[2][30];
    struct vmbp_gpa_range ranges[2];
    struct vmbp_gpadl_plan plan;
    struct buf *B = (struct buf *)calloc(1, sizeof(*B));
    size_t i, k;

    if (!B)
        die("out of memory");
    for (k = 0; k < 30; k++) {
        pfns[0][k] = 0x10A400u + k;
        pfns[1][k] = 0x2B000u + k;
    }
    ranges[0].byte_count = 30u * 4096u;
    ranges[0].byte_offset = 0;
    ranges[0].pfns = pfns[0];
    ranges[1].byte_count = 5000;
    ranges[1].byte_offset = 512;
    ranges[1].pfns = pfns[1];
    if (vmbp_gpadl_plan_init(&plan, 7, 0xE1E11, ranges, 2) != VMBP_OK || plan.nmsgs != 2)
        die("inspect_gpadl_seed: plan");
    put8(B, 5);
    put8(B, 3); /* JSON, from the guest */
    for (i = 0; i < norder; i++) {
        uint8_t m[240];
        size_t len = 0;
        int which = order[i] < 0 ? -order[i] - 1 : order[i];

        if (vmbp_gpadl_plan_message(&plan, (uint32_t)which, m, sizeof(m), &len) != VMBP_OK)
            die("inspect_gpadl_seed: message");
        if (order[i] < 0)
            vmbp_store_le32(m + 12, 0xE1E12);
        if (slots) {
            uint8_t slot[VMBP_SYNIC_MESSAGE_SIZE];

            memset(slot, 0, sizeof(slot));
            vmbp_store_le32(slot, VMBP_SYNIC_MSG_TYPE_VMBUS);
            slot[4] = (uint8_t)len;
            memcpy(slot + 16, m, len);
            put8(B, 0);
            putn(B, slot, sizeof(slot));
        } else {
            put8(B, (uint32_t)len);
            putn(B, m, len);
        }
    }
    emit("inspect", name, B->b, B->n);
    free(B);
}

/* Selector 0 text, 1 message or slot, 2 ring image, 3 register, 4 dump forms, 5 GPADL
 * reassembly; flags bit 0 JSON. */
static void inspect_seeds(void)
{
    struct buf *B = (struct buf *)calloc(1, sizeof(*B));
    struct vmbp_vec_set set;
    struct img I, J;
    size_t i;
    static const char *const regs[][2] = {
        {"SINT2", "0x1002f"},
        {"SIMP", "0x12345001"},
        {"SCONTROL", "1"},
        {"EOM", "0"},
        {"SVERSION", "0x1"},
        {"SINT15", "0x30"},
        {"HCALL_CONTROL", "0x1005c"},
        {"HCALL_RESULT", "0x0000000500000013"},
        {"CPUID.0x40000000", "0x4000000b,0x7263694d,0x666f736f,0x76482074"},
        {"CPUID.0x4000000C", "0x1,0xba2"},
        {"CPUID.0x40000082", "0x8"},
        {"SINT16", "1"},
        {"SIMP", "twelve"}};
    static const char hex[] = "# an UNLOAD message\n0x10000000 00000000\n"
                              "0e,00:00 00 # comment\r\n\t0X0A 0b";

    /* dumps as the tools print them: each read, or refused for the reason it gives */
    static const char *const dumps[][2] = {
        {"xxd", "00000000: 0e00 0000 0000 0000 0000 0600 0000 0000  ................\n"
                "00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n"
                "00000020: 0000 0000 0000 0000                      ........\n"},
        {"hexdump_c", "00000000  0e 00 00 00 00 00 00 00  00 00 06 00 00 00 00 00  |........"
                      "........|\n*\n00000020  00 00 00 00 00 00 00 00           |........|\n"
                      "00000028\n"},
        {"od", "0000000 0e 00 00 00 00 00 00 00 00 00 06 00 00 00 00 00\n"
               "0000020 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n*\n"
               "0000060 00 00 00 00 00 00 00 00\n0000070\n"},
        {"od_z", "000000 0e 00 00 00 00 00 00 00 00 00 06 00 41 42 43 44  >............ABCD<\n"
                 "000010\n"},
        {"kernel", "[    2.104217] hv_vmbus: msg: 00000000: 0e 00 00 00 00 00 00 00 00 00 06 "
                   "00 00 00 00 00  ................\n"
                   "[    2.104219] hv_vmbus: msg: 00000010: 00 00 00 00 00 00 00 00        "
                   "                  ........\n"},
        {"kernel_g4", "[    2.104217] hv_vmbus: msg: 00000000: 0000000e 00000000 00060000 "
                      "41424344  ............DCBA\n"},
        {"kernel_hashed", "<6>[ 9.1] vmbus: 9e3779b97f4a7c15: 0e 00 00 00 00 00 00 00\n"
                          "<6>[ 9.1] vmbus: 81af155173f23d65: 00 00 06 00 00 00 00 00\n"},
        {"gdb", "(gdb) x/16xb &msg\n0x555555558010 <msg>:\t0x0e\t0x00\t0x00\t0x00\t0x00"
                "\t0x00\t0x00\t0x00\n0x555555558018 <msg+8>:\t0x00\t0x00\t0x06\t0x00\t"
                "0x00\t0x00\t0x00\t0x00\n"},
        {"gdb_words", "0x7fffffffe3c0:\t0x0000000e\t0x00000000\t0x00060000\n"},
        {"windbg", "0:000> db rcx L10\n0000021d`4f8a1230  0e 00 00 00 00 00 00 00-00 00 06 00"
                   " 00 00 00 00  ................\n"},
        {"windbg_unreadable", "00a1b2c0  0e 00 00 00 ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  "
                              "....????????????\n"},
        {"xxd_e", "00000000: 0000000e 00000000 00060000 00000000  ................\n"
                  "00000010: 44434241                             ABCD\n"},
        {"squeeze_no_offsets", " 0e 00 00 00 00 00 00 00 00 00 06 00 00 00 00 00\n*\n"},
        {"plain_words", "0x0000000e 0x00000000 # UNLOAD, as numbers\n"},
        {"kernel_iso", "2026-01-01T12:00:00.123456+00:00 host kernel: vmbus: 00000000: 0e 00"
                       " 00 00 00 00 00 00\n"},
        {"address_column", "00a1b2c0 0000000e 00000000\n00a1b2c8 00000000 00000000\n"},
        {"windbg_dd", "0000021d`4f8a1230  0000000e 00000000 00060000 00000000\n"},
        {"windbg_no_dash", "00a1b2c0  0e 00 00 00 00 00 00 00-00 00 06 00 00 00 00 00  "
                           "................\n00a1b2d0  00 00 00 00 00 00 00 00 00 00 00 00 "
                           "00 00 00 00  ................\n"},
        {"squeeze_uneven", "00000000  0e 00 00 00 00 00 00 00  00 00 06 00 00 00 00 00  |..."
                           ".............|\n*\n00000018  00 00 00 00 00 00 00 00  "
                           "                         |........|\n"},
        {"squeeze_nothing", "00000000  0e 00 00 00 00 00 00 00  00 00 06 00 00 00 00 00  |.."
                            "..............|\n*\n00000010  00 00 00 00 00 00 00 00  "
                            "                         |........|\n"},
        {"two_dumps", "00000000  0e 00 00 00 00 00 00 00                           |........|"
                      "\n00000008\n00000000  0f 00 00 00 00 00 00 00                        "
                      "   |........|\n00000008\n"},
        {"short_then_more", "[1.0] vmbus: 0e 00 00 00 00 00 00 00 00 00 06 00 00 00 00 00\n"
                            "[1.0] vmbus: 00 00 00 00\n[1.0] vmbus: 0f 00 00 00 00 00 00 00\n"},
    };
    static const int in_order[] = {0, 1}, body_first[] = {1, 0}, other_handle[] = {0, -2},
                     extra[] = {0, 1, 1}, header_only[] = {0}, two_headers[] = {0, 0};

    if (!B)
        die("out of memory");
    B->n = 0;
    put8(B, 0);
    put8(B, 0);
    put8(B, 0); /* cut: read in single bytes too */
    putn(B, hex, sizeof(hex) - 1);
    emit("inspect", "hex", B->b, B->n);
    for (i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++) {
        char name[64];

        B->n = 0;
        put8(B, 0);
        /* records every other time; groups as little-endian numbers every third */
        put8(B, (uint8_t)((i % 2u == 0 ? 0x20u : 0u) | (i % 3u == 0 ? 0x10u : 0u)));
        put8(B, (uint8_t)(7u * i + 3u));
        putn(B, dumps[i][1], strlen(dumps[i][1]));
        snprintf(name, sizeof(name), "dump_%s", dumps[i][0]);
        emit("inspect", name, B->b, B->n);
    }
    /* lines longer than a dump line: plain text read a character at a time, and a dump line
     * over the limit */
    B->n = 0;
    put8(B, 0);
    put8(B, 0x20);
    put8(B, 5);
    for (i = 0; i < 3000; i++)
        putn(B, "0e", 2);
    putn(B, "\n00\n", 4);
    emit("inspect", "plain_long_line", B->b, B->n);
    B->n = 0;
    put8(B, 0);
    put8(B, 0);
    put8(B, 9);
    putn(B, dumps[0][1], 68);
    putn(B, "00000010:", 9);
    for (i = 0; i < 1400; i++)
        putn(B, " 00", 3);
    putn(B, "\n", 1);
    emit("inspect", "dump_long_line", B->b, B->n);
    /* every dump form the harness writes, from one offer */
    vmbp_vec_load(&set, "msg");
    for (i = 0; i < 14; i++) {
        const struct vmbp_vec *v = NULL;
        char name[64];
        size_t k;

        for (k = 0; k < set.n && !v; k++)
            if (set.v[k].len >= 190)
                v = &set.v[k];
        if (!v)
            die("no long message vector");
        B->n = 0;
        put8(B, 4);
        put8(B, (uint8_t)i);
        put8(B, (uint8_t)(11u * i + 1u));
        putn(B, v->bytes, v->len);
        snprintf(name, sizeof(name), "form_%zu", i);
        emit("inspect", name, B->b, B->n);
    }
    vmbp_vec_free(&set);
    inspect_gpadl_seed("gpadl_in_order", in_order, 2, false);
    inspect_gpadl_seed("gpadl_slots", in_order, 2, true);
    inspect_gpadl_seed("gpadl_body_first", body_first, 2, false);
    inspect_gpadl_seed("gpadl_other_handle", other_handle, 2, false);
    inspect_gpadl_seed("gpadl_extra_body", extra, 3, false);
    inspect_gpadl_seed("gpadl_header_only", header_only, 1, false);
    inspect_gpadl_seed("gpadl_two_headers", two_headers, 2, false);

    /* messages as channel messages (JSON and text) and slots: about one vector in 16,
     * chosen by a hash of its name, so that adding a vector changes no other seed */
    vmbp_vec_load(&set, "msg");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        uint32_t h = name_hash(v->name);
        char name[96];

        if (h % 16u != 0)
            continue;
        B->n = 0;
        put8(B, 1);
        put8(B, (uint8_t)((h >> 4) & 1u) | 4u); /* JSON or text; as a channel message */
        put8(B, version_sel(vmbp_vec_version(vmbp_vec_get(v, "version"))));
        put32(B, vmbp_vec_get(v, "features")
                     ? (uint32_t)vmbp_vec_num(vmbp_vec_get(v, "features"))
                     : 0u);
        put8(B, strcmp(vmbp_vec_get(v, "direction"), "guest-to-host") == 0 ? 0 : 1);
        putn(B, v->bytes, v->len);
        snprintf(name, sizeof(name), "msg_%s", v->name);
        sanitize(name);
        emit("inspect", name, B->b, B->n);
    }
    /* offers a field check or an overlay reader rejects (the error record of each kind),
     * and an hv_sock offer they accept: (offset, bytes) patches of a valid offer */
    {
        static const struct {
            const char *name;
            uint8_t patch[2][5]; /* offset, length, bytes (little-endian) */
        } offers[] = {
            {"offer_relid", {{184, 2, 0x88, 0x13}, {0}}},
            {"offer_rsvdz", {{189, 1, 0x02}, {0}}},
            {"offer_pinned", {{56, 1, 0x08}, {0}}},
            {"offer_pipe_type", {{56, 1, 0x10}, {60, 1, 0x07}}},
            {"offer_hvsock_accept", {{56, 2, 0x00, 0x20}, {64, 1, 0x02}}},
            {"offer_hvsock", {{56, 2, 0x00, 0x20}, {66, 1, 0x01}}},
        };
        const struct vmbp_vec *v = NULL;
        size_t k, j;

        for (k = 0; k < set.n && !v; k++)
            if (set.v[k].len == 196 && set.v[k].bytes[0] == 1)
                v = &set.v[k];
        if (!v)
            die("no OFFER_CHANNEL vector");
        for (k = 0; k < sizeof(offers) / sizeof(offers[0]); k++) {
            uint8_t m[196];
            char name[64];

            memcpy(m, v->bytes, sizeof(m));
            for (j = 0; j < 2; j++)
                if (offers[k].patch[j][1])
                    memcpy(m + offers[k].patch[j][0], &offers[k].patch[j][2],
                           offers[k].patch[j][1]);
            B->n = 0;
            put8(B, 1);
            put8(B, (k & 1u) | 4u); /* JSON every other; as a channel message */
            put8(B, version_sel(VMBP_VERSION_6_0));
            put32(B, 0x10); /* CONFIDENTIAL_CHANNELS */
            put8(B, 1);     /* from the host */
            putn(B, m, sizeof(m));
            snprintf(name, sizeof(name), "msg_%s", offers[k].name);
            emit("inspect", name, B->b, B->n);
        }
    }
    vmbp_vec_free(&set);
    vmbp_vec_load(&set, "synic");
    for (i = 0; i < set.n && i < 4; i++) {
        char name[96];

        B->n = 0;
        put8(B, 1);
        put8(B, 1);
        put8(B, 10); /* 5.3 */
        put32(B, 0);
        put8(B, 1);
        putn(B, set.v[i].bytes, set.v[i].len);
        snprintf(name, sizeof(name), "slot_%s", set.v[i].name);
        sanitize(name);
        emit("inspect", name, B->b, B->n);
    }
    vmbp_vec_free(&set);

    /* ring images: one ring, a pair (send ring then receive ring), legacy types */
    img_mixed(&I, 512, 0, VMBP_RING_GUEST_SEND);
    img_mixed(&J, 512, 488, VMBP_RING_HOST_SEND);
    B->n = 0;
    put8(B, 2);
    put8(B, 1);
    put8(B, 16);
    putn(B, I.mem, 4096 + 512);
    emit("inspect", "ring_json", B->b, B->n);
    B->n = 0;
    put8(B, 2);
    put8(B, 4 | 2);
    put8(B, 8);
    putn(B, I.mem, 4096 + 512);
    putn(B, J.mem, 4096 + 512);
    emit("inspect", "ring_pair_host", B->b, B->n);
    I.mem[4096 + 40] = VMBP_PKT_SYNCH; /* the second packet becomes legacy */
    B->n = 0;
    put8(B, 2);
    put8(B, 8 | 1);
    put8(B, 0);
    putn(B, I.mem, 4096 + 512);
    emit("inspect", "ring_legacy", B->b, B->n);
    vmbp_store_le16(I.mem + 4096 + 4, 0xFF); /* the first packet overruns */
    B->n = 0;
    put8(B, 2);
    put8(B, 1);
    put8(B, 0);
    putn(B, I.mem, 4096 + 512);
    emit("inspect", "ring_overrun", B->b, B->n);
    img_close(&I);
    img_close(&J);

    for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        char name[64];

        B->n = 0;
        put8(B, 3);
        put8(B, (uint8_t)((i & 1u) | (i == 5 ? 2u : 0u)));
        putn(B, regs[i][0], strlen(regs[i][0]) + 1);
        putn(B, regs[i][1], strlen(regs[i][1]));
        snprintf(name, sizeof(name), "reg_%s", regs[i][0]);
        for (char *q = name; *q; q++)
            *q = (char)((*q >= 'A' && *q <= 'Z') ? *q - 'A' + 'a' : *q);
        sanitize(name);
        snprintf(name + strlen(name), sizeof(name) - strlen(name), "_%zu", i);
        emit("inspect", name, B->b, B->n);
    }
    free(B);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--check") == 0) {
        check_mode = 1;
        out_dir = argv[2];
    } else if (argc == 2 && argv[1][0] != '-') {
        out_dir = argv[1];
        if (mkdir(out_dir, 0777) != 0 && errno != EEXIST)
            die("cannot create the output directory");
    } else {
        fprintf(stderr, "usage: %s DIR | --check DIR\n", argv[0]);
        return 2;
    }
    reader_seeds("ring_read", VMBP_RING_HOST_SEND, 0, false);
    vector_seeds("ring_read");
    reader_seeds("ring_race", VMBP_RING_HOST_SEND, 0, true);
    reader_seeds("ring_host", VMBP_RING_GUEST_SEND, FZ_CFG_ATTACH, true);
    writer_seeds();
    synic_seeds();
    msg_seeds();
    gpadl_seeds();
    inspect_seeds();
    if (check_mode) {
        check_extra();
        printf("gen_seeds: %zu seeds checked, %d problem(s)\n", nnames, problems);
        return problems != 0;
    }
    printf("gen_seeds: %d seeds written to %s\n", written, out_dir);
    return 0;
}
