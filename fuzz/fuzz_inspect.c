/* SPDX-License-Identifier: MIT */
/*
 * fuzz_inspect: the input parsers of vmbp-inspect (reference/inspect/), called as the tool
 * calls them: hexadecimal text, channel messages and SynIC slots, ring images, register
 * names and values. Input: a selector byte, the options, then the bytes (fuzz_format.h).
 *
 * Contracts: every command returns one of the three exit statuses; JSON output is one
 * well-formed JSON document (checked by a strict parser here); text output is written; a
 * channel message given as such is valid (exit 0) exactly when vmbp_msg_validate() says so;
 * a single ring image's walk agrees with the reference reader (vmbp_ring_read() on a copy):
 * the same packets before the same verdict; the hex parser's output is exactly the digits'
 * bytes; nothing is read or written outside the exact-size input (ASan).
 */
#define _GNU_SOURCE 1
#include "inspect.h"
#include "input.h"

#include <vmbus_proto/msg_dispatch.h>

#include <vmbus_proto/vmbp_ring.h>

#include "fuzz_format.h"
#include "fuzz_util.h"

/* ---- a strict JSON checker ------------------------------------------------------------- */

struct js {
    const char *p, *end;
};

static void js_ws(struct js *J)
{
    while (J->p < J->end && (*J->p == ' ' || *J->p == '\n' || *J->p == '\t' || *J->p == '\r'))
        J->p++;
}

static bool js_lit(struct js *J, const char *lit)
{
    size_t n = strlen(lit);

    if ((size_t)(J->end - J->p) < n || memcmp(J->p, lit, n) != 0)
        return false;
    J->p += n;
    return true;
}

static bool js_string(struct js *J)
{
    if (J->p >= J->end || *J->p != '"')
        return false;
    for (J->p++; J->p < J->end; J->p++) {
        unsigned char c = (unsigned char)*J->p;

        if (c == '"') {
            J->p++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (++J->p >= J->end)
                return false;
            if (*J->p == 'u') {
                int k;

                for (k = 0; k < 4; k++)
                    if (++J->p >= J->end || !strchr("0123456789abcdefABCDEF", *J->p) || !*J->p)
                        return false;
            } else if (!strchr("\"\\/bfnrt", *J->p) || !*J->p) {
                return false;
            }
        }
    }
    return false;
}

static bool js_number(struct js *J)
{
    const char *s = J->p;

    if (J->p < J->end && *J->p == '-')
        J->p++;
    while (J->p < J->end && *J->p >= '0' && *J->p <= '9')
        J->p++;
    return J->p > s && J->p[-1] != '-';
}

static bool js_value(struct js *J, int depth)
{
    js_ws(J);
    if (depth > 64 || J->p >= J->end)
        return false;
    if (*J->p == '{' || *J->p == '[') {
        char close = *J->p == '{' ? '}' : ']';
        bool obj = close == '}', first = true;

        J->p++;
        for (;;) {
            js_ws(J);
            if (J->p < J->end && *J->p == close) {
                J->p++;
                return true;
            }
            if (!first) {
                if (J->p >= J->end || *J->p != ',')
                    return false;
                J->p++;
                js_ws(J);
            }
            first = false;
            if (obj) {
                if (!js_string(J))
                    return false;
                js_ws(J);
                if (J->p >= J->end || *J->p != ':')
                    return false;
                J->p++;
            }
            if (!js_value(J, depth + 1))
                return false;
        }
    }
    if (*J->p == '"')
        return js_string(J);
    if (js_lit(J, "true") || js_lit(J, "false") || js_lit(J, "null"))
        return true;
    return js_number(J);
}

static void check_json(const char *s, size_t n, const char *what)
{
    struct js J;

    J.p = s;
    J.end = s + n;
    FZ_CHECK(js_value(&J, 0), "%s: the JSON output does not parse (at byte %zu): %.*s", what,
             (size_t)(J.p - s), (int)(n < 400 ? n : 400), s);
    js_ws(&J);
    FZ_CHECK(J.p == J.end, "%s: bytes after the JSON document", what);
}

/* ---- the commands ---------------------------------------------------------------------- */

#define V_(sfx, maj, min, w, l, o) (((uint32_t)(maj) << 16) | (uint32_t)(min)),
static const uint32_t versions[] = {VMBP_VERSION_LIST(V_)};
#undef V_

/* Packets the last command printed: each has one "ring_offset" (text and JSON). */
static unsigned out_packets;

static void run_out(bool json, int (*fn)(struct vmbpi_out *, const void *), const void *arg,
                    const char *what, int *rc)
{
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    struct vmbpi_out o;

    FZ_CHECK(f != NULL, "open_memstream");
    vmbpi_out_init(&o, f, json);
    *rc = fn(&o, arg);
    fclose(f);
    FZ_CHECK(*rc == VMBPI_EXIT_VALID || *rc == VMBPI_EXIT_INVALID || *rc == VMBPI_EXIT_USAGE,
             "%s: exit status %d", what, *rc);
    if (json && *rc != VMBPI_EXIT_USAGE)
        check_json(text, n, what);
    out_packets = 0;
    for (const char *s = text; (s = memmem(s, n - (size_t)(s - text), "ring_offset", 11)) != NULL;
         s += 11)
        out_packets++;
    free(text);
}

struct msg_arg {
    const uint8_t *p;
    size_t n;
    struct vmbpi_msg_opts opts;
};

static int do_msg(struct vmbpi_out *o, const void *a)
{
    const struct msg_arg *m = (const struct msg_arg *)a;

    return vmbpi_msg(o, m->p, m->n, &m->opts);
}

struct ring_arg {
    const uint8_t *p;
    size_t n;
    struct vmbpi_ring_opts opts;
};

static int do_ring(struct vmbpi_out *o, const void *a)
{
    const struct ring_arg *r = (const struct ring_arg *)a;

    return vmbpi_ring(o, r->p, r->n, &r->opts);
}

struct reg_arg {
    const char *name, *value;
    bool arm64;
    FILE *err;
};

static int do_reg(struct vmbpi_out *o, const void *a)
{
    const struct reg_arg *r = (const struct reg_arg *)a;

    return vmbpi_reg(o, r->name, r->value, r->arm64, r->err);
}

/*
 * The tool's ring walk is its own code (it reports file offsets and decodes up to the broken
 * packet); the reference reader, attached to a copy of the image, must read the packets the
 * tool printed and then agree: the ring drained when the tool found it valid, a violation
 * when the tool found one. A bad pending_send_sz is the exception: the tool reports it at
 * once, the reader only when a release makes it look (with the feature bit set).
 */
static void ring_cross_check(const uint8_t *img, size_t n, const struct vmbpi_ring_opts *opts,
                             int rc, unsigned printed)
{
    struct vmbp_ring rd;
    struct vmbp_pkt_in in;
    uint32_t size = (uint32_t)(n - VMBP_RING_CONTROL_SIZE), pend_masked;
    uint8_t *mem = (uint8_t *)fz_malloc(n), *buf = (uint8_t *)fz_malloc(size);
    enum vmbp_status st;
    unsigned got = 0;
    bool pend_bad = vmbp_ring_pending_check(
                        size, vmbp_load_le32(img + offsetof(struct vmbp_ring_control_wire,
                                                            pending_send_sz)),
                        &pend_masked) != VMBP_OK;

    memcpy(mem, img, n);
    st = vmbp_ring_init(&rd, mem, n, opts->host ? VMBP_RING_HOST_RECV : VMBP_RING_GUEST_RECV,
                        (opts->legacy ? VMBP_RING_F_LEGACY_TYPES : 0) |
                            (opts->host ? VMBP_RING_F_START_MASKED : VMBP_RING_F_START_UNMASKED));
    while (st == VMBP_OK) {
        st = vmbp_ring_read(&rd, buf, size, &in, NULL);
        if (st == VMBP_OK)
            got++;
        FZ_CHECK(got <= size / 24u, "ring: more packets than fit");
    }
    if (rc == VMBPI_EXIT_VALID) {
        FZ_CHECK(st == VMBP_E_RING_EMPTY, "ring: the tool found it valid, the reader %s",
                 vmbp_status_str(st));
        FZ_CHECK(got == printed, "ring: the tool printed %u packets, the reader read %u",
                 printed, got);
    } else if (!pend_bad) {
        FZ_CHECK(st != VMBP_E_RING_EMPTY, "ring: the tool found a violation, the reader none");
        FZ_CHECK(got == printed, "ring: the tool printed %u packets, the reader read %u",
                 printed, got);
    } else {
        FZ_CHECK(got <= printed + 1u, "ring: the reader read %u packets past the tool's %u",
                 got, printed);
    }
    free(buf);
    free(mem);
}

static void op_hex(const uint8_t *p, size_t n)
{
    uint8_t *out = NULL;
    size_t outlen = 0, i, digits = 0, k = 0;
    char err[128];
    int rc = vmbpi_hex_parse(p, n, &out, &outlen, err, sizeof(err));

    if (rc == 0) {
        /* the bytes are the hex digits outside comments and "0x" prefixes, in pairs */
        for (i = 0; i < n; i++) {
            uint8_t c = p[i];
            int v = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;

            if (c == '#') {
                while (i < n && p[i] != '\n')
                    i++;
                continue;
            }
            if (c == '0' && i + 1 < n && (p[i + 1] == 'x' || p[i + 1] == 'X') && digits % 2 == 0) {
                i++;
                continue;
            }
            if (v < 0)
                continue;
            if (digits % 2 == 0) {
                FZ_CHECK(k < outlen, "hex: more digits than bytes");
                FZ_CHECK((out[k] >> 4) == v, "hex: byte %zu high nibble", k);
            } else {
                FZ_CHECK((out[k] & 15) == v, "hex: byte %zu low nibble", k);
                k++;
            }
            digits++;
        }
        FZ_CHECK(digits % 2 == 0 && k == outlen, "hex: %zu digits for %zu bytes", digits,
                 outlen);
    }
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz in = {data, size};
    uint8_t sel = fz_u8(&in), flags = fz_u8(&in);
    bool json = (flags & 1u) != 0;
    int rc;

    switch (sel % 4u) {
    case 0: {
        uint8_t *p = (uint8_t *)fz_malloc(in.n);

        memcpy(p, in.p, in.n);
        op_hex(p, in.n);
        free(p);
        break;
    }
    case 1: {
        struct msg_arg m;
        uint8_t vsel = fz_u8(&in);
        uint8_t *p;
        struct vmbp_ctx ctx;

        memset(&m, 0, sizeof(m));
        m.opts.version = vsel == 0 ? 0u : versions[(vsel - 1u) % (sizeof(versions) / 4u)];
        m.opts.features = fz_u32(&in);
        m.opts.dir = 1 + fz_u8(&in) % 3;
        m.opts.slot = (flags & 2u) != 0;
        m.opts.body = (flags & 4u) != 0;
        m.n = in.n < 512u ? in.n : 512u;
        p = (uint8_t *)fz_malloc(m.n);
        memcpy(p, in.p, m.n);
        m.p = p;
        run_out(json, do_msg, &m, "msg", &rc);
        if (m.opts.body) {
            ctx.version = m.opts.version;
            ctx.features = m.opts.features;
            FZ_CHECK(rc == (vmbp_msg_validate(p, m.n, &ctx, (enum vmbp_dir)m.opts.dir) == VMBP_OK
                                ? VMBPI_EXIT_VALID
                                : VMBPI_EXIT_INVALID),
                     "msg: exit %d disagrees with vmbp_msg_validate", rc);
        }
        free(p);
        break;
    }
    case 2: {
        struct ring_arg r;
        uint8_t *p;

        memset(&r, 0, sizeof(r));
        r.opts.host = (flags & 2u) != 0;
        r.opts.pair = (flags & 4u) != 0;
        r.opts.legacy = (flags & 8u) != 0;
        r.opts.preview = fz_u8(&in);
        r.n = in.n;
        p = (uint8_t *)fz_malloc(r.n);
        memcpy(p, in.p, r.n);
        r.p = p;
        run_out(json, do_ring, &r, "ring", &rc);
        if (!r.opts.pair && rc != VMBPI_EXIT_USAGE)
            ring_cross_check(p, r.n, &r.opts, rc, out_packets);
        free(p);
        break;
    }
    default: {
        struct reg_arg g;
        char *s = (char *)fz_malloc(in.n + 2u), *nul;
        FILE *err = fopen("/dev/null", "w");

        FZ_CHECK(err != NULL, "/dev/null");
        memcpy(s, in.p, in.n);
        s[in.n] = 0;
        s[in.n + 1u] = 0;
        nul = memchr(s, 0, in.n + 1u); /* name, NUL, value */
        g.name = s;
        g.value = nul + 1;
        g.arm64 = (flags & 2u) != 0;
        g.err = err;
        run_out(json, do_reg, &g, "reg", &rc);
        fclose(err);
        free(s);
        break;
    }
    }
    return 0;
}
