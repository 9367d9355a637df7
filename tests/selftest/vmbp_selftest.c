/* SPDX-License-Identifier: MIT */
/*
 * The self-test of vmbp_selftest.h. Written for every environment at once: no C library
 * (copies through VMBP_MEMCPY / VMBP_MEMSET, which the prelude maps), no struct assignment
 * or aggregate initialisation that a compiler could turn into a memcpy/memset call (UEFI
 * images have neither), no 64-bit division (IA32 firmware has no helper for it), C89
 * declarations (the kernel's -Wdeclaration-after-statement), small stack frames (the
 * kernel's -Wframe-larger-than): everything large lives in the caller's memory.
 *
 * Parts: the message vectors (validate, decode, every field from the decoded struct and
 * from the wire, re-encode byte for byte, encode from the named fields), the ring-image
 * vectors (our writer reproduces each image, our reader decodes it or rejects it with the
 * exact status), the SynIC slot vectors and the event-flag and end-of-message decisions on
 * live pages (the prelude's compare-exchange and atomic AND), the Confidential VMBus
 * decisions on their vectors, and the reference ring in both roles: a guest and a host end
 * on each of the two rings of a channel, hundreds of packets across wrap-around, single and
 * batched, a full ring with pending_send_sz, and corrupt indices rejected.
 * covers: VMBP-MSG-001 VMBP-MSG-008 VMBP-RING-010 VMBP-RING-020 VMBP-RING-023
 * covers: VMBP-SYNIC-004 VMBP-SYNIC-006 VMBP-CONF-001 VMBP-CONF-011
 */
#include "vmbp_selftest.h"

#include <vmbus_proto/vmbus_proto.h>

#include <vmbus_proto/vmbp_ring.h>

/* ---- compiled-in vectors (gen_vectors.py) ------------------------------------------- */

enum { ST_FIELD_NUM = 1, ST_FIELD_BYTES = 2, ST_FIELD_WORDS = 3 };
enum { ST_OVERLAY_NONE = 0, ST_OVERLAY_PIPE = 1, ST_OVERLAY_HVSOCK = 2 };

struct st_field {
    const char *name;
    uint8_t kind;          /* ST_FIELD_* */
    uint64_t num;          /* NUM */
    const uint8_t *bytes;  /* BYTES (GUIDs as their 16 wire bytes) */
    uint32_t n;            /* bytes, or words */
    const uint64_t *words; /* NUM and WORDS */
};

struct st_msg_vec {
    const char *name, *file;
    uint32_t version, features;
    enum vmbp_dir dir;
    enum vmbp_status status;
    enum vmbp_msg_variant variant;
    uint8_t overlay; /* ST_OVERLAY_* */
    uint32_t type;
    const uint8_t *bytes;
    uint32_t len;
    const uint8_t *encoded; /* what re-encoding gives, when it differs from bytes */
    int32_t encoded_len;    /* -1: no encoded line */
    const struct st_field *fields;
    uint32_t nfields;
};

struct st_run {
    uint32_t off, n;
    const uint8_t *bytes;
};

struct st_pkt {
    uint16_t type, flags;
    uint32_t ext_len, len, data_offset;
    uint64_t trans_id;
    const uint8_t *data;
    uint32_t n;
};

struct st_ring_vec {
    const char *name;
    uint32_t data_size, len;
    int has_start;
    uint32_t start;
    enum vmbp_status status;
    const struct st_run *runs;
    uint32_t nruns;
    const struct st_pkt *writes;
    uint32_t nwrites;
    const struct st_pkt *reads;
    uint32_t nreads;
};

struct st_slot_vec {
    const char *name;
    enum vmbp_status status;
    uint32_t type, payload_size, flags;
    uint64_t sender;
    const uint8_t *bytes; /* 256 */
};

struct st_decide_vec {
    const char *name;
    uint32_t arch, isolation_type, paravisor, bit, detect;
    enum vmbp_status status;
    uint32_t mode;
};

struct st_offer_vec {
    const char *name;
    uint32_t isolation_type, paravisor, bit, version, features, flags;
    enum vmbp_status status;
    uint32_t ring, gpadl, gpa_direct, pinned;
};

#include "vmbp_selftest_vectors.h"

/* ---- the run's state and its output ---------------------------------------------------- */

#define ST_MAX_FAIL_LINES 32u
#define ST_LINE 200u

/* Workspace layout (offsets into the caller's memory). */
#define ST_CTL 4096u
#define ST_RING_DATA 8192u
#define ST_RING_BYTES (ST_CTL + ST_RING_DATA)
#define ST_OFF_RING_A 0u                              /* guest -> host ring */
#define ST_OFF_RING_B (ST_OFF_RING_A + ST_RING_BYTES) /* host -> guest ring */
#define ST_OFF_IMAGE (ST_OFF_RING_B + ST_RING_BYTES)  /* ring-image vectors */
#define ST_IMAGE_MAX 8192u
#define ST_OFF_SIMP (ST_OFF_IMAGE + ST_IMAGE_MAX) /* SynIC message page */
#define ST_OFF_SIEFP (ST_OFF_SIMP + 4096u)        /* SynIC event flags page */
#define ST_OFF_TX (ST_OFF_SIEFP + 4096u)          /* private packet buffers */
#define ST_PKT_BUF 2048u
#define ST_OFF_RX (ST_OFF_TX + ST_PKT_BUF)
#define ST_OFF_MSG (ST_OFF_RX + ST_PKT_BUF)  /* struct vmbp_msg x 2 */
#define ST_OFF_OUT (ST_OFF_MSG + 4096u)      /* encoder output, expected bytes */
#define ST_OFF_SLOTCOPY (ST_OFF_OUT + 1024u) /* struct vmbp_synic_message */
#define ST_MEM_USED (ST_OFF_SLOTCOPY + 1024u)

VMBP_STATIC_ASSERT(ST_MEM_USED <= VMBP_SELFTEST_MEM_BYTES, st_workspace_fits);
VMBP_STATIC_ASSERT(2u * sizeof(struct vmbp_msg) <= 4096u, st_two_msgs_fit);
VMBP_STATIC_ASSERT(sizeof(struct vmbp_synic_message) <= 1024u, st_slot_copy_fits);

struct st {
    uint8_t *mem;
    vmbp_selftest_print_fn print;
    void *ctx;
    const char *part; /* what is being checked */
    const char *item; /* which vector or step */
    uint32_t passed, failed, part_checks;
    char line[ST_LINE];
    uint32_t len;
};

static void st_put(struct st *t, const char *s)
{
    while (*s && t->len + 1u < ST_LINE)
        t->line[t->len++] = *s++;
    t->line[t->len] = 0;
}

static void st_dec(struct st *t, uint32_t v)
{
    char d[11];
    uint32_t n = 0;

    do {
        d[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0 && n < sizeof(d));
    while (n > 0 && t->len + 1u < ST_LINE)
        t->line[t->len++] = d[--n];
    t->line[t->len] = 0;
}

static void st_hex(struct st *t, uint64_t v)
{
    static const char digits[] = "0123456789abcdef";
    int i, started = 0;

    st_put(t, "0x");
    for (i = 15; i >= 0; i--) {
        uint32_t nib = (uint32_t)VMBP_SHR64(v, (unsigned)i * 4u) & 0xFu;

        if (nib != 0 || started || i == 0) {
            char c[2];

            c[0] = digits[nib];
            c[1] = 0;
            st_put(t, c);
            started = 1;
        }
    }
}

static void st_flush(struct st *t)
{
    t->print(t->ctx, t->line);
    t->len = 0;
    t->line[0] = 0;
}

/* One check. On failure, one line: part, item, what, and (for numbers) got/want. */
static int st_check_num(struct st *t, int ok, const char *what, uint64_t got, uint64_t want)
{
    t->part_checks++;
    if (ok) {
        t->passed++;
        return 1;
    }
    t->failed++;
    if (t->failed <= ST_MAX_FAIL_LINES) {
        st_put(t, "FAIL ");
        st_put(t, t->part);
        st_put(t, " ");
        st_put(t, t->item ? t->item : "-");
        st_put(t, ": ");
        st_put(t, what);
        st_put(t, " got ");
        st_hex(t, got);
        st_put(t, " want ");
        st_hex(t, want);
        st_flush(t);
    }
    return 0;
}

static int st_eq(struct st *t, const char *what, uint64_t got, uint64_t want)
{
    return st_check_num(t, got == want, what, got, want);
}

static int st_true(struct st *t, const char *what, int cond)
{
    return st_check_num(t, cond, what, (uint64_t)(cond != 0), 1);
}

/* A status check prints the names of both statuses. */
static int st_status(struct st *t, const char *what, enum vmbp_status got,
                     enum vmbp_status want)
{
    if (got == want)
        return st_eq(t, what, 0, 0);
    t->part_checks++;
    t->failed++;
    if (t->failed <= ST_MAX_FAIL_LINES) {
        st_put(t, "FAIL ");
        st_put(t, t->part);
        st_put(t, " ");
        st_put(t, t->item ? t->item : "-");
        st_put(t, ": ");
        st_put(t, what);
        st_put(t, " got ");
        st_put(t, vmbp_status_str(got));
        st_put(t, " want ");
        st_put(t, vmbp_status_str(want));
        st_flush(t);
    }
    return 0;
}

static void st_part_begin(struct st *t, const char *part)
{
    t->part = part;
    t->item = 0;
    t->part_checks = 0;
}

static void st_part_end(struct st *t, uint32_t items, const char *what)
{
    st_put(t, "vmbp selftest: ");
    st_put(t, t->part);
    st_put(t, ": ");
    st_dec(t, items);
    st_put(t, " ");
    st_put(t, what);
    st_put(t, ", ");
    st_dec(t, t->part_checks);
    st_put(t, " checks");
    st_flush(t);
}

static int st_mem_eq(const void *a, const void *b, size_t n)
{
    const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
    size_t i;

    for (i = 0; i < n; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

/* ---- message vectors ------------------------------------------------------------------ */

/* The words of a decoded GPADL message. */
static uint64_t *st_msg_words(struct vmbp_msg *m, uint32_t **nwords)
{
    if (m->type == VMBP_MSG_GPADL_HEADER) {
        *nwords = &m->u.gpadl_header.nwords;
        return m->u.gpadl_header.words;
    }
    if (m->type == VMBP_MSG_GPADL_BODY) {
        *nwords = &m->u.gpadl_body.nwords;
        return m->u.gpadl_body.words;
    }
    *nwords = 0;
    return 0;
}

static uint32_t st_msg_len(const struct vmbp_msg *m)
{
    if (m->type == VMBP_MSG_GPADL_HEADER)
        return 20u + 8u * m->u.gpadl_header.nwords;
    if (m->type == VMBP_MSG_GPADL_BODY)
        return 16u + 8u * m->u.gpadl_body.nwords;
    return (uint32_t)vmbp_msg_variant_size(m->variant);
}

/* One listed field against a decoded struct (host) and the wire bytes. */
static void st_msg_field(struct st *t, const struct st_msg_vec *v, const struct st_field *vf,
                         const struct vmbp_msg_field *f, const void *host, struct vmbp_msg *m)
{
    uint64_t x = 0;
    uint32_t k;

    switch (f->kind) {
    case VMBP_MSG_FIELD_VALUE:
        if (!st_eq(t, "field kind", vf->kind, ST_FIELD_NUM))
            break;
        st_status(t, vf->name, vmbp_msg_field_host_get(f, host, &x), VMBP_OK);
        st_eq(t, vf->name, x, vf->num);
        x = 0;
        st_status(t, vf->name, vmbp_msg_field_wire_get(f, v->bytes, v->len, &x), VMBP_OK);
        st_eq(t, vf->name, x, vf->num);
        break;
    case VMBP_MSG_FIELD_GUID:
    case VMBP_MSG_FIELD_BYTES:
        if (!st_eq(t, "field kind", vf->kind, ST_FIELD_BYTES) ||
            !st_eq(t, vf->name, vf->n, f->kind == VMBP_MSG_FIELD_GUID ? 16u : f->size))
            break;
        st_true(t, vf->name,
                st_mem_eq((const uint8_t *)host + f->host_offset, vf->bytes, vf->n));
        st_true(t, vf->name,
                (uint32_t)f->offset + vf->n <= v->len &&
                    st_mem_eq(v->bytes + f->offset, vf->bytes, vf->n));
        break;
    case VMBP_MSG_FIELD_WORDS: {
        uint32_t *nwords;
        uint64_t *got = st_msg_words(m, &nwords);

        if (!st_true(t, "words of a GPADL message", got != 0))
            break;
        if (!st_eq(t, vf->name, *nwords, vf->n))
            break;
        for (k = 0; k < vf->n; k++) {
            st_eq(t, vf->name, got[k], vf->words[k]);
            st_eq(t, vf->name, vmbp_load_le64(v->bytes + f->offset + 8u * k), vf->words[k]);
        }
        break;
    }
    default:
        st_true(t, "listed field has a value kind", 0);
    }
}

/* The member variant of multi-variant types follows the message's (as the decoder sets
 * it), and the empty messages carry their type. */
static void st_set_member_variant(struct vmbp_msg *m)
{
    switch (m->type) {
    case VMBP_MSG_OFFER_CHANNEL:
        m->u.offer.variant = m->variant;
        break;
    case VMBP_MSG_OPEN_CHANNEL:
        m->u.open_channel.variant = m->variant;
        break;
    case VMBP_MSG_INITIATE_CONTACT:
        m->u.initiate_contact.variant = m->variant;
        break;
    case VMBP_MSG_VERSION_RESPONSE:
        m->u.version_response.variant = m->variant;
        break;
    case VMBP_MSG_TL_CONNECT_REQUEST:
        m->u.tl_connect_request.variant = m->variant;
        break;
    case VMBP_MSG_REQUEST_OFFERS:
    case VMBP_MSG_ALL_OFFERS_DELIVERED:
    case VMBP_MSG_UNLOAD:
    case VMBP_MSG_UNLOAD_COMPLETE:
    case VMBP_MSG_PAUSE:
    case VMBP_MSG_PAUSE_RESPONSE:
    case VMBP_MSG_RESUME:
        m->u.empty.type = m->type;
        break;
    default:
        break;
    }
}

/* A message built from the vector's named fields alone (not from the decoder). */
static void st_msg_build(struct st *t, const struct st_msg_vec *v, struct vmbp_msg *m)
{
    const struct vmbp_msg_field *tab, *f;
    size_t n;
    uint32_t i, k;

    VMBP_MEMSET(m, 0, sizeof(*m));
    m->type = v->type;
    m->variant = v->variant;
    st_set_member_variant(m);
    tab = vmbp_msg_fields(v->variant, &n);
    for (i = 0; tab && i < v->nfields; i++) {
        const struct st_field *vf = &v->fields[i];

        f = vmbp_msg_field_find(tab, n, vf->name);
        if (!f)
            continue; /* an overlay field: the user data carries it */
        switch (f->kind) {
        case VMBP_MSG_FIELD_VALUE:
            st_status(t, "set field", vmbp_msg_field_host_set(f, &m->u, vf->num), VMBP_OK);
            break;
        case VMBP_MSG_FIELD_GUID:
        case VMBP_MSG_FIELD_BYTES:
            VMBP_MEMCPY((uint8_t *)&m->u + f->host_offset, vf->bytes, vf->n);
            break;
        case VMBP_MSG_FIELD_WORDS: {
            uint32_t *nwords;
            uint64_t *w = st_msg_words(m, &nwords);

            if (!w)
                break;
            *nwords = vf->n;
            for (k = 0; k < vf->n; k++)
                w[k] = vf->words[k];
            break;
        }
        default:
            break;
        }
    }
}

static void st_msg_vector(struct st *t, const struct st_msg_vec *v, uint32_t *fields)
{
    static const uint8_t empty[1] = {0};
    struct vmbp_ctx ctx;
    struct vmbp_msg *m = (struct vmbp_msg *)(void *)(t->mem + ST_OFF_MSG);
    struct vmbp_msg *built = m + 1;
    uint8_t *out = t->mem + ST_OFF_OUT, *want = out + 256;
    struct vmbp_offer_pipe pipe;
    struct vmbp_offer_hvsock hv;
    const struct vmbp_msg_field *tab, *otab = 0, *f;
    const uint8_t *bytes = v->len ? v->bytes : empty;
    size_t n = 0, on = 0, len = 0;
    uint32_t i, wantlen;
    enum vmbp_status st;

    t->item = v->name;
    ctx.version = v->version;
    ctx.features = v->features;
    st = vmbp_msg_validate(bytes, v->len, &ctx, v->dir);
    if (v->overlay != ST_OVERLAY_NONE) {
        st_status(t, "offer under the overlay", st, VMBP_OK);
        st_status(t, "decode", vmbp_msg_decode(bytes, v->len, &ctx, v->dir, m), VMBP_OK);
        VMBP_MEMSET(&pipe, 0, sizeof(pipe));
        VMBP_MEMSET(&hv, 0, sizeof(hv));
        st = v->overlay == ST_OVERLAY_PIPE ? vmbp_msg_offer_pipe_get(&m->u.offer, &pipe)
                                           : vmbp_msg_offer_hvsock_get(&m->u.offer, &hv);
    }
    st_status(t, "validate", st, v->status);
    VMBP_MEMSET(m, 0xA5, sizeof(*m));
    st = vmbp_msg_decode(bytes, v->len, &ctx, v->dir, m);
    if (v->status != VMBP_OK) {
        if (v->overlay == ST_OVERLAY_NONE) {
            st_status(t, "decode", st, v->status);
            st_eq(t, "output untouched on failure", m->type, 0xA5A5A5A5u);
        }
        return;
    }
    if (!st_status(t, "decode", st, VMBP_OK))
        return;
    st_eq(t, "type", m->type, v->type);
    st_eq(t, "variant", (uint64_t)m->variant, (uint64_t)v->variant);

    /* every listed field, from the decoded struct and from the wire */
    tab = vmbp_msg_fields(m->variant, &n);
    if (!st_true(t, "field table", tab != 0))
        return;
    if (v->overlay == ST_OVERLAY_PIPE)
        otab = vmbp_msg_offer_pipe_fields(&on);
    else if (v->overlay == ST_OVERLAY_HVSOCK)
        otab = vmbp_msg_offer_hvsock_fields(&on);
    for (i = 0; i < v->nfields; i++) {
        const struct st_field *vf = &v->fields[i];
        const void *host = &m->u;

        f = vmbp_msg_field_find(tab, n, vf->name);
        if (!f && otab) {
            f = vmbp_msg_field_find(otab, on, vf->name);
            host = v->overlay == ST_OVERLAY_PIPE ? (const void *)&pipe : (const void *)&hv;
        }
        if (!st_true(t, vf->name, f != 0))
            continue;
        st_msg_field(t, v, vf, f, host, m);
        (*fields)++;
    }

    /* re-encoding writes the variant's bytes exactly, reserved and padding bytes zero */
    wantlen = st_msg_len(m);
    if (v->encoded_len >= 0) {
        st_eq(t, "encoded length", (uint32_t)v->encoded_len, wantlen);
        if (wantlen > 256u)
            return;
        VMBP_MEMCPY(want, v->encoded, wantlen);
    } else {
        if (!st_true(t, "variant fits the vector", wantlen <= v->len && wantlen <= 256u))
            return;
        VMBP_MEMCPY(want, bytes, wantlen);
    }
    VMBP_MEMSET(out, 0xEE, 256);
    st_status(t, "encode", vmbp_msg_encode(m, out, 255, &len), VMBP_OK);
    st_eq(t, "encoded length", len, wantlen);
    st_true(t, "re-encoding gives the vector's bytes", st_mem_eq(out, want, wantlen));
    st_eq(t, "nothing written past the message", out[wantlen], 0xEE);

    /* the encoder from the named fields alone */
    st_msg_build(t, v, built);
    VMBP_MEMSET(out, 0xEE, 256);
    len = 0;
    st_status(t, "encode the named fields", vmbp_msg_encode(built, out, 255, &len), VMBP_OK);
    st_eq(t, "encoded length", len, wantlen);
    st_true(t, "encoding the named fields gives the vector's bytes",
            st_mem_eq(out, want, wantlen));
}

static void st_msg_vectors(struct st *t)
{
    uint32_t i, fields = 0;

    st_part_begin(t, "msg");
    for (i = 0; i < ST_MSG_VECS_COUNT; i++)
        st_msg_vector(t, &st_msg_vecs[i], &fields);
    t->item = 0;
    st_true(t, "field values checked", fields > 0);
    st_part_end(t, ST_MSG_VECS_COUNT, "message vectors");
}

/* ---- ring-image vectors ------------------------------------------------------------------- */

static void st_image_load(uint8_t *mem, const struct st_ring_vec *v)
{
    uint32_t i;

    VMBP_MEMSET(mem, 0, v->len);
    for (i = 0; i < v->nruns; i++)
        VMBP_MEMCPY(mem + v->runs[i].off, v->runs[i].bytes, v->runs[i].n);
}

static int st_image_eq(const uint8_t *mem, const struct st_ring_vec *v)
{
    uint32_t i, r = 0, pos = 0;

    for (r = 0; r <= v->nruns; r++) {
        uint32_t zero_end = r < v->nruns ? v->runs[r].off : v->len;

        for (i = pos; i < zero_end; i++)
            if (mem[i] != 0)
                return 0;
        if (r == v->nruns)
            break;
        if (!st_mem_eq(mem + v->runs[r].off, v->runs[r].bytes, v->runs[r].n))
            return 0;
        pos = v->runs[r].off + v->runs[r].n;
    }
    return 1;
}

static void st_ring_vector(struct st *t, const struct st_ring_vec *v, uint32_t *images)
{
    uint8_t *img = t->mem + ST_OFF_IMAGE, *buf = t->mem + ST_OFF_RX;
    struct vmbp_ring r;
    struct vmbp_pkt_in in;
    enum vmbp_status st;
    uint32_t k;

    t->item = v->name;
    if (!st_true(t, "image fits", v->len <= ST_IMAGE_MAX && v->len == ST_CTL + v->data_size))
        return;
    /* our writer reproduces the image byte for byte */
    if (v->has_start) {
        VMBP_MEMSET(img, 0, v->len);
        vmbp_shared_store32((volatile uint32_t *)(void *)img, v->start);
        vmbp_shared_store32((volatile uint32_t *)(void *)(img + 4), v->start);
        st_status(t, "writer init", vmbp_ring_init(&r, img, v->len, VMBP_RING_GUEST_SEND, 0),
                  VMBP_OK);
        for (k = 0; k < v->nwrites; k++) {
            const struct st_pkt *p = &v->writes[k];
            struct vmbp_pkt_out o;
            struct vmbp_seg sg;

            o.type = p->type;
            o.flags = p->flags;
            o.ext_len = p->ext_len;
            o.trans_id = p->trans_id;
            sg.ptr = p->data;
            sg.len = p->n;
            st_status(t, "write_add", vmbp_ring_write_add(&r, &o, &sg, 1), VMBP_OK);
        }
        st_status(t, "write_commit", vmbp_ring_write_commit(&r, 0), VMBP_OK);
        st_true(t, "our writer reproduces the image", st_image_eq(img, v));
        (*images)++;
    }
    /* our reader decodes it, or rejects it with the vector's status */
    st_image_load(img, v);
    st = vmbp_ring_init(&r, img, v->len, VMBP_RING_GUEST_RECV, VMBP_RING_F_START_UNMASKED);
    if (st != VMBP_OK) { /* indices already bad when attaching */
        st_status(t, "reader init", st, v->status);
        return;
    }
    for (k = 0; k < v->nreads && st == VMBP_OK; k++) {
        const struct st_pkt *p = &v->reads[k];

        VMBP_MEMSET(buf, 0xA5, ST_PKT_BUF);
        st = vmbp_ring_read(&r, buf, ST_PKT_BUF, &in, 0);
        if (!st_status(t, "read", st, VMBP_OK))
            break;
        st_eq(t, "type", in.type, p->type);
        st_eq(t, "flags", in.flags, p->flags);
        st_eq(t, "trans_id", in.trans_id, p->trans_id);
        st_eq(t, "len", in.len, p->len);
        st_eq(t, "data_offset", in.data_offset, p->data_offset);
        st_eq(t, "data bytes", in.len - in.data_offset, (p->n + 7u) / 8u * 8u);
        st_true(t, "data",
                in.data_offset + p->n <= ST_PKT_BUF &&
                    st_mem_eq(buf + in.data_offset, p->data, p->n));
    }
    st = vmbp_ring_read(&r, buf, ST_PKT_BUF, &in, 0);
    st_status(t, "after the packets", st, v->status == VMBP_OK ? VMBP_E_RING_EMPTY : v->status);
}

static void st_ring_vectors(struct st *t)
{
    uint32_t i, images = 0;

    st_part_begin(t, "ring-image");
    for (i = 0; i < ST_RING_VECS_COUNT; i++)
        st_ring_vector(t, &st_ring_vecs[i], &images);
    t->item = 0;
    st_true(t, "images reproduced by the writer", images > 0);
    st_part_end(t, ST_RING_VECS_COUNT, "ring-image vectors");
}

/* ---- SynIC --------------------------------------------------------------------------------- */

static void st_synic(struct st *t)
{
    volatile uint8_t *simp = t->mem + ST_OFF_SIMP;
    volatile uint8_t *slot =
        (volatile uint8_t *)vmbp_synic_message_slot(simp, VMBP_SYNIC_VMBUS_SINT);
    uint8_t *flags =
        t->mem + ST_OFF_SIEFP + VMBP_SYNIC_VMBUS_SINT * VMBP_SYNIC_EVENT_FLAGS_BYTES;
    struct vmbp_synic_message *m =
        (struct vmbp_synic_message *)(void *)(t->mem + ST_OFF_SLOTCOPY);
    uint32_t ids[4], i;
    size_t n = 0;
    bool eom = false;

    st_part_begin(t, "synic");
    VMBP_MEMSET(t->mem + ST_OFF_SIMP, 0, 4096);
    st_eq(t, "SINT2 slot offset", (uint64_t)(uintptr_t)(slot - simp), 2u * 256u);
    /* the slot vectors, snapshot from a live message page */
    for (i = 0; i < ST_SLOT_VECS_COUNT; i++) {
        const struct st_slot_vec *v = &st_slot_vecs[i];
        enum vmbp_status st;

        t->item = v->name;
        vmbp_shared_copy_to(slot, v->bytes, 256);
        VMBP_MEMSET(m, 0, sizeof(*m));
        st = vmbp_synic_slot_snapshot(slot, m);
        st_status(t, "snapshot", st, v->status);
        st_eq(t, "type", m->type, v->type);
        st_eq(t, "payload_size", m->payload_size, v->payload_size);
        st_eq(t, "flags", m->flags, v->flags);
        st_eq(t, "sender", m->sender, v->sender);
        if (st == VMBP_OK && m->type != 0)
            st_true(t, "payload", st_mem_eq(m->payload, v->bytes + 16, m->payload_size));
    }
    /* end of message through the prelude's compare-exchange */
    t->item = "end of message";
    VMBP_MEMSET(t->mem + ST_OFF_SIMP, 0, 4096);
    vmbp_shared_store32((volatile uint32_t *)(volatile void *)slot, 1);
    vmbp_shared_store32((volatile uint32_t *)(volatile void *)(slot + 4),
                        16u | (VMBP_SYNIC_MESSAGE_FLAG_PENDING << 8));
    st_status(t, "complete a pending slot", vmbp_synic_slot_complete(slot, 1, &eom), VMBP_OK);
    st_true(t, "EOM due", eom);
    st_eq(t, "slot freed", vmbp_shared_load32((volatile uint32_t *)(volatile void *)slot), 0);
    st_status(t, "complete a slot already freed", vmbp_synic_slot_complete(slot, 1, &eom),
              VMBP_E_STATE);
    st_true(t, "no EOM", !eom);
    /* event flags through the prelude's atomic AND: flag 0 cleared and not reported */
    t->item = "event flags";
    VMBP_MEMSET(t->mem + ST_OFF_SIEFP, 0, 4096);
    vmbp_store_le32(flags, 0x21u);             /* flags 0 and 5 */
    vmbp_store_le32(flags + 4, 0x2u);          /* flag 33 */
    vmbp_store_le32(flags + 252, 0x80000000u); /* flag 2047 */
    st_status(t, "take into room for 1", vmbp_synic_event_take(flags, 0, 0, ids, 1, &n),
              VMBP_E_NOSPACE);
    st_eq(t, "taken", n, 1);
    st_eq(t, "first id", ids[0], 5);
    st_eq(t, "word 0 cleared", vmbp_load_le32(flags), 0);
    st_eq(t, "word 1 kept", vmbp_load_le32(flags + 4), 2);
    st_status(t, "take the rest", vmbp_synic_event_take(flags, 0, 0, ids, 4, &n), VMBP_OK);
    st_eq(t, "taken", n, 2);
    st_eq(t, "id", ids[0], 33);
    st_eq(t, "id", ids[1], 2047);
    st_eq(t, "words cleared", vmbp_load_le32(flags + 4) | vmbp_load_le32(flags + 252), 0);
    st_part_end(t, ST_SLOT_VECS_COUNT, "slot vectors, EOM and event-flag decisions");
}

/* ---- Confidential VMBus -------------------------------------------------------------------- */

static void st_facts(struct vmbp_confidential_facts *f, uint32_t arch, uint32_t iso,
                     uint32_t pv, uint32_t bit)
{
    f->arch = (uint8_t)arch;
    f->isolation_type = (uint8_t)iso;
    f->paravisor_present = pv != 0;
    f->confidential_vmbus_bit = bit != 0;
}

static void st_confidential(struct st *t)
{
    struct vmbp_confidential_facts f;
    struct vmbp_confidential_policy p = vmbp_confidential_policy_linux();
    struct vmbp_confidential_plan plan;
    struct vmbp_confidential_offer_memory om;
    enum vmbp_confidential_mode mode;
    struct vmbp_ctx ctx;
    enum vmbp_status st;
    uint32_t i;

    st_part_begin(t, "confidential");
    VMBP_MEMSET(&plan, 0, sizeof(plan));
    for (i = 0; i < ST_DECIDE_VECS_COUNT; i++) {
        const struct st_decide_vec *v = &st_decide_vecs[i];

        t->item = v->name;
        st_facts(&f, v->arch, v->isolation_type, v->paravisor, v->bit);
        p.detect = (uint8_t)v->detect;
        mode = (enum vmbp_confidential_mode)0;
        st = vmbp_confidential_decide(&f, &p, &mode);
        st_status(t, "decide", st, v->status);
        if (st == VMBP_OK)
            st_eq(t, "mode", (uint64_t)mode, v->mode);
        else
            st_eq(t, "mode untouched", (uint64_t)mode, 0);
    }
    p = vmbp_confidential_policy_linux();
    for (i = 0; i < ST_OFFER_VECS_COUNT; i++) {
        const struct st_offer_vec *v = &st_offer_vecs[i];

        t->item = v->name;
        st_facts(&f, VMBP_CONFIDENTIAL_ARCH_X64, v->isolation_type, v->paravisor, v->bit);
        if (!st_status(t, "decide", vmbp_confidential_decide(&f, &p, &mode), VMBP_OK) ||
            !st_status(t, "plan", vmbp_confidential_plan_build(&f, &p, mode, &plan), VMBP_OK))
            continue;
        ctx.version = v->version;
        ctx.features = v->features;
        VMBP_MEMSET(&om, 0x5A, sizeof(om));
        st = vmbp_confidential_offer_decide((uint16_t)v->flags, &ctx, &plan, &om);
        st_status(t, "offer", st, v->status);
        if (st != VMBP_OK)
            continue;
        st_eq(t, "ring memory", om.ring, v->ring);
        st_eq(t, "GPADL memory", om.gpadl, v->gpadl);
        st_eq(t, "GPA-direct memory", om.gpa_direct, v->gpa_direct);
        st_eq(t, "pinned", om.pinned ? 1u : 0u, v->pinned);
    }
    st_part_end(t, ST_DECIDE_VECS_COUNT + ST_OFFER_VECS_COUNT, "decision vectors");
}

/* ---- the reference ring in both roles --------------------------------------------------- */

static void st_fill(uint8_t *p, uint32_t n, uint32_t seed)
{
    uint32_t i;

    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(seed * 131u + i * 7u + (i >> 8));
}

/* Payload size of packet i: 1 to 700 bytes, every residue of 8 (so every padding). */
static uint32_t st_size(uint32_t i)
{
    return 1u + (i * 37u) % 700u;
}

/* Write one packet of the given size and seed. */
static enum vmbp_status st_send(struct st *t, struct vmbp_ring *r, uint16_t type, uint32_t n,
                                uint32_t seed, int add_only, bool *sig)
{
    struct vmbp_pkt_out o;
    struct vmbp_seg s[2];
    uint8_t *tx = t->mem + ST_OFF_TX;

    st_fill(tx, n, seed);
    o.type = type;
    o.flags = type == VMBP_PKT_DATA_INBAND ? (uint16_t)VMBP_PKT_FLAG_COMPLETION_REQUESTED : 0;
    o.ext_len = 0;
    o.trans_id = VMBP_U64(0x5e1f000000000000) | seed;
    /* two gather segments */
    s[0].ptr = tx;
    s[0].len = n / 2u;
    s[1].ptr = tx + n / 2u;
    s[1].len = n - n / 2u;
    if (add_only)
        return vmbp_ring_write_add(r, &o, s, 2);
    return vmbp_ring_write(r, &o, s, 2, sig);
}

/* Check a packet read into rx against what st_send wrote. */
static void st_received(struct st *t, const struct vmbp_pkt_in *in, uint16_t type, uint32_t n,
                        uint32_t seed)
{
    uint8_t *tx = t->mem + ST_OFF_TX, *rx = t->mem + ST_OFF_RX;

    st_eq(t, "type", in->type, type);
    st_eq(t, "trans_id", in->trans_id, VMBP_U64(0x5e1f000000000000) | seed);
    st_eq(t, "data_offset", in->data_offset, 16);
    st_eq(t, "length", in->len, 16u + (n + 7u) / 8u * 8u);
    st_fill(tx, n, seed);
    st_true(t, "payload", st_mem_eq(rx + 16, tx, n));
}

#define ST_FLOW_PACKETS 400u

static void st_ring_flow(struct st *t)
{
    uint8_t *a = t->mem + ST_OFF_RING_A, *b = t->mem + ST_OFF_RING_B;
    uint8_t *rx = t->mem + ST_OFF_RX;
    struct vmbp_ring gs, hr, hs,
        gr; /* guest send / host recv on A, host send / guest recv on B */
    struct vmbp_pkt_in in;
    uint32_t i, k, packets = 0, commits_a = 0, signals_a = 0, commits_b = 0, signals_b = 0;
    uint32_t rsignals = 0, bytes = 0, written;
    bool sig = false, more = true, ready = true;
    enum vmbp_status st;

    st_part_begin(t, "ring");
    t->item = "open";
    /* the guest allocates and resets both rings; the host attaches to them */
    VMBP_MEMSET(a, 0xCC, 2u * ST_RING_BYTES);
    st_status(t, "guest send",
              vmbp_ring_init(&gs, a, ST_RING_BYTES, VMBP_RING_GUEST_SEND, VMBP_RING_F_RESET),
              VMBP_OK);
    st_status(t, "guest recv",
              vmbp_ring_init(&gr, b, ST_RING_BYTES, VMBP_RING_GUEST_RECV,
                             VMBP_RING_F_RESET | VMBP_RING_F_START_UNMASKED),
              VMBP_OK);
    st_status(
        t, "host recv",
        vmbp_ring_init(&hr, a, ST_RING_BYTES, VMBP_RING_HOST_RECV, VMBP_RING_F_START_MASKED),
        VMBP_OK);
    st_status(t, "host send", vmbp_ring_init(&hs, b, ST_RING_BYTES, VMBP_RING_HOST_SEND, 0),
              VMBP_OK);
    /* the host starts masked; the commit before its first wait unmasks, finds nothing */
    st_status(t, "host unmask", vmbp_ring_commit(&hr, &sig, &more), VMBP_OK);
    st_true(t, "nothing more", !more);
    st_status(t, "empty", vmbp_ring_read(&hr, rx, ST_PKT_BUF, &in, &sig), VMBP_E_RING_EMPTY);

    /* requests guest -> host, completions host -> guest; every 4th round a batch of 3 */
    t->item = "requests and completions";
    for (i = 0; i < ST_FLOW_PACKETS; i += written) {
        written = (i % 4u == 3u) ? 3u : 1u;
        if (written == 3u) {
            for (k = 0; k < 3u; k++)
                st_status(t, "write_add",
                          st_send(t, &gs, VMBP_PKT_DATA_INBAND, st_size(i + k), i + k, 1, 0),
                          VMBP_OK);
            st_status(t, "write_commit", vmbp_ring_write_commit(&gs, &sig), VMBP_OK);
        } else {
            st_status(t, "write", st_send(t, &gs, VMBP_PKT_DATA_INBAND, st_size(i), i, 0, &sig),
                      VMBP_OK);
        }
        commits_a++;
        signals_a += sig ? 1u : 0u;
        for (k = 0; k < written; k++) {
            st = written == 3u ? vmbp_ring_peek(&hr, rx, ST_PKT_BUF, &in)
                               : vmbp_ring_read(&hr, rx, ST_PKT_BUF, &in, &sig);
            if (!st_status(t, "host read", st, VMBP_OK))
                return;
            if (written == 1u)
                rsignals += sig ? 1u : 0u;
            st_received(t, &in, VMBP_PKT_DATA_INBAND, st_size(i + k), i + k);
            bytes += in.len;
            packets++;
        }
        if (written == 3u) {
            st_status(t, "host: peek to the end", vmbp_ring_peek(&hr, rx, ST_PKT_BUF, &in),
                      VMBP_E_RING_EMPTY);
        } else {
            st_status(t, "host: ring drained", vmbp_ring_read(&hr, rx, ST_PKT_BUF, &in, &sig),
                      VMBP_E_RING_EMPTY);
        }
        /* the batch ends with a commit, which says whether to drain again before waiting */
        st_status(t, "host commit", vmbp_ring_commit(&hr, &sig, &more), VMBP_OK);
        rsignals += sig ? 1u : 0u;
        st_true(t, "host: nothing more", !more);
        /* one completion per round, carrying the last request's size and seed */
        k = i + written - 1u;
        st_status(t, "completion",
                  st_send(t, &hs, VMBP_PKT_COMPLETION, st_size(k) / 2u + 1u, k, 0, &sig),
                  VMBP_OK);
        commits_b++;
        signals_b += sig ? 1u : 0u;
        if (!st_status(t, "guest read", vmbp_ring_read(&gr, rx, ST_PKT_BUF, &in, &sig),
                       VMBP_OK))
            return;
        rsignals += sig ? 1u : 0u;
        st_received(t, &in, VMBP_PKT_COMPLETION, st_size(k) / 2u + 1u, k);
        bytes += in.len;
        packets++;
        st_status(t, "guest: ring drained", vmbp_ring_read(&gr, rx, ST_PKT_BUF, &in, &sig),
                  VMBP_E_RING_EMPTY);
        st_status(t, "guest commit", vmbp_ring_commit(&gr, &sig, &more), VMBP_OK);
        rsignals += sig ? 1u : 0u;
        st_true(t, "guest: nothing more", !more);
    }
    /* each commit found the ring empty and the reader unmasked: one signal each; no writer
     * waited for space: no reader signal */
    st_eq(t, "reader signals on ring A", signals_a, commits_a);
    st_eq(t, "reader signals on ring B", signals_b, commits_b);
    st_eq(t, "writer signals", rsignals, 0);
    st_true(t, "ring A wrapped around", bytes > 8u * ST_RING_DATA);
    st_status(t, "guest ring state", vmbp_ring_state(&gs), VMBP_OK);

    /* a full ring: the writer asks for space with pending_send_sz, the reader's commit that
     * frees it signals the writer */
    t->item = "full ring";
    for (k = 0; k < 64u; k++) {
        st = st_send(t, &gs, VMBP_PKT_DATA_INBAND, 600, 1000u + k, 0, &sig);
        if (st != VMBP_OK)
            break;
    }
    st_status(t, "write into a full ring", st, VMBP_E_RING_FULL);
    st_true(t, "ring took packets before it was full", k > 5u);
    st_true(t, "space needed", vmbp_ring_write_needed(&gs) >= 600u);
    st_status(t, "pending_send_set",
              vmbp_ring_pending_send_set(&gs, vmbp_ring_write_needed(&gs), &ready), VMBP_OK);
    st_true(t, "not ready yet", !ready);
    sig = false;
    for (i = 0; i < k && !sig; i++) {
        if (!st_status(t, "drain", vmbp_ring_read(&hr, rx, ST_PKT_BUF, &in, &sig), VMBP_OK))
            return;
        st_received(t, &in, VMBP_PKT_DATA_INBAND, 600, 1000u + i);
    }
    st_true(t, "reader signals the waiting writer", sig);
    st_status(t, "write after the signal",
              st_send(t, &gs, VMBP_PKT_DATA_INBAND, 600, 1000u + k, 0, &sig), VMBP_OK);

    for (i = 0; i < 64u; i++) {
        st = vmbp_ring_read(&hr, rx, ST_PKT_BUF, &in, &sig);
        if (st != VMBP_OK)
            break;
    }
    st_status(t, "drained", st, VMBP_E_RING_EMPTY);
    st_status(t, "end of the batch", vmbp_ring_commit(&hr, &sig, &more), VMBP_OK);
    st_true(t, "nothing more", !more);

    /* corrupt indices are rejected, and the ring stays broken (the reader loads the write
     * index when it has read everything it knew of) */
    t->item = "corrupt write index";
    vmbp_shared_store32((volatile uint32_t *)(void *)a, 4u); /* not 8-byte aligned */
    st_status(t, "host read", vmbp_ring_read(&hr, rx, ST_PKT_BUF, &in, &sig),
              VMBP_E_RING_WRITE_INDEX);
    st_status(t, "state", vmbp_ring_state(&hr), VMBP_E_RING_WRITE_INDEX);
    vmbp_shared_store32((volatile uint32_t *)(void *)a, 0u);
    st_status(t, "still broken", vmbp_ring_read(&hr, rx, ST_PKT_BUF, &in, &sig),
              VMBP_E_RING_WRITE_INDEX);
    t->item = "corrupt read index";
    vmbp_shared_store32((volatile uint32_t *)(void *)(b + 4),
                        ST_RING_DATA + 8u); /* past the end */
    st_status(t, "host write",
              st_send(t, &hs, VMBP_PKT_COMPLETION, ST_RING_DATA - 64u, 7, 0, &sig),
              VMBP_E_RING_READ_INDEX);
    st_status(t, "state", vmbp_ring_state(&hs), VMBP_E_RING_READ_INDEX);
    t->item = 0;
    st_part_end(t, packets, "packets through a guest and a host ring");
}

/* ---- entry ------------------------------------------------------------------------------- */

void vmbp_selftest_run(void *mem, size_t mem_bytes, vmbp_selftest_print_fn print, void *ctx,
                       struct vmbp_selftest_result *res)
{
    struct st t;

    VMBP_MEMSET(&t, 0, sizeof(t));
    t.mem = (uint8_t *)mem;
    t.print = print;
    t.ctx = ctx;
    st_part_begin(&t, "setup");
    if (st_true(&t, "working memory",
                mem && mem_bytes >= VMBP_SELFTEST_MEM_BYTES && ((uintptr_t)mem & 4095u) == 0)) {
        st_msg_vectors(&t);
        st_ring_vectors(&t);
        st_synic(&t);
        st_confidential(&t);
        st_ring_flow(&t);
    }
    st_put(&t, "vmbp selftest: ");
    st_dec(&t, ST_VECTOR_COUNT);
    st_put(&t, " vectors");
    st_flush(&t);
    st_dec(&t, t.passed);
    st_put(&t, " passed, ");
    st_dec(&t, t.failed);
    st_put(&t, " failed");
    st_flush(&t);
    res->passed = t.passed;
    res->failed = t.failed;
}
