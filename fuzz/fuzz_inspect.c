/* SPDX-License-Identifier: MIT */
/*
 * fuzz_inspect: the input readers and decoders of vmbp-inspect (reference/inspect/), called
 * as the tool calls them. Input: a selector byte, a flags byte, the operation's options, then
 * its bytes (fuzz_format.h). Operations (selector % 6):
 *   0 text    the input reader on the bytes as they are (raw, plain hex or a dump form)
 *   1 msg     a channel message or SynIC slot
 *   2 ring    a ring image
 *   3 reg     a register name and value
 *   4 dumps   the bytes written out in one of the dump forms, then read back
 *   5 gpadl   the bytes split into messages, reassembled as "msg --gpadl" does
 * and, once per process, "schema --json" and "schema --markdown".
 *
 * Contracts: every command returns one of the three exit statuses; JSON output is one
 * well-formed JSON document (checked by a strict parser here); text output is written; a
 * channel message given as such is valid (exit 0) exactly when vmbp_msg_validate() says so
 * and, for an offer with a pipe or hv_sock overlay, vmbp_msg_offer_overlay_fault() too, and a
 * rejected one is reported with an error record;
 * a single ring image's walk agrees with the reference reader (vmbp_ring_read() on a copy):
 * the same packets before the same verdict; the reader gives the same result however the
 * input is cut into pieces; plain hexadecimal reads as exactly its digits' bytes; every dump
 * form reads back to the bytes it was written from; nothing is read or written outside the
 * exact-size input (ASan).
 */
#define _GNU_SOURCE 1
#include "inspect.h"
#include "input.h"

#include <vmbus_proto/synic.h>

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

#define V_(e, maj, min, w, l, o) (((uint32_t)(maj) << 16) | (uint32_t)(min)),
static const uint32_t versions[] = {VMBP_VERSION_LIST(V_)};
#undef V_

/* Packets the last command printed: each has one "ring_offset" (text and JSON). */
static unsigned out_packets;
static bool out_error; /* the output holds an error record */

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
    out_error = memmem(text, n, json ? "\"error\": {" : "error:\n", json ? 10 : 7) != NULL;
    out_packets = 0;
    for (const char *s = text;
         (s = memmem(s, n - (size_t)(s - text), "ring_offset", 11)) != NULL; s += 11)
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
    bool pend_bad =
        vmbp_ring_pending_check(
            size,
            vmbp_load_le32(img + offsetof(struct vmbp_ring_control_wire, pending_send_sz)),
            &pend_masked) != VMBP_OK;

    memcpy(mem, img, n);
    st = vmbp_ring_init(
        &rd, mem, n, opts->host ? VMBP_RING_HOST_RECV : VMBP_RING_GUEST_RECV,
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

/* ---- the input reader ------------------------------------------------------------------ */

#define FZ_TEXT_MAX 4096u /* byte limit of the reader in these runs */

static enum vmbpi_order order_of(unsigned bits)
{
    static const enum vmbpi_order o[] = {VMBPI_ORDER_UNSTATED, VMBPI_ORDER_MEMORY,
                                         VMBPI_ORDER_LE, VMBPI_ORDER_BE};

    return o[bits & 3u];
}

/* Read p[0..n) whole and again cut into pieces (sizes from `cut`): the same result. */
static int read_both(const uint8_t *p, size_t n, const struct vmbpi_load_opts *lo, uint8_t cut,
                     struct vmbpi_input *in, char *err, size_t errlen)
{
    struct vmbpi_input in2;
    char err2[400];
    struct vmbpi_reader *r = vmbpi_reader_new("fuzz", lo);
    size_t off = 0, k = 0;
    int rc, rc2;

    rc = vmbpi_input_parse(in, "fuzz", p, n, lo, err, errlen);
    FZ_CHECK(r != NULL, "reader");
    while (off < n) {
        size_t piece = 1u + (size_t)((cut * 7u + k * 13u) % (cut % 64u + 1u));

        if (piece > n - off)
            piece = n - off;
        vmbpi_reader_feed(r, p + off, piece);
        off += piece;
        k++;
    }
    rc2 = vmbpi_reader_finish(r, &in2, err2, sizeof(err2));
    vmbpi_reader_free(r);
    FZ_CHECK(rc == rc2, "reader: %d whole, %d in pieces (%s | %s)", rc, rc2, err, err2);
    if (rc != 0) {
        FZ_CHECK(strcmp(err, err2) == 0, "reader: '%s' whole, '%s' in pieces", err, err2);
        FZ_CHECK(err[0] != 0, "reader: a failure without a message");
        return rc;
    }
    FZ_CHECK(in->len == in2.len && memcmp(in->data, in2.data, in->len) == 0,
             "reader: other bytes in pieces");
    FZ_CHECK(strcmp(in->form, in2.form) == 0, "reader: form '%s' whole, '%s' in pieces",
             in->form, in2.form);
    FZ_CHECK(
        in->nrecs == in2.nrecs &&
            (in->nrecs == 0 || memcmp(in->recs, in2.recs, in->nrecs * sizeof(*in->recs)) == 0),
        "reader: other records in pieces");
    vmbpi_input_free(&in2);
    FZ_CHECK(in->len > 0 && in->len <= lo->max, "reader: %zu bytes, limit %zu", in->len,
             lo->max);
    if (lo->records) {
        size_t i, end = 0;

        FZ_CHECK(in->nrecs >= 1 && in->nrecs <= lo->max_records, "reader: %zu records",
                 in->nrecs);
        for (i = 0; i < in->nrecs; i++) {
            FZ_CHECK(in->recs[i].off >= end && in->recs[i].len <= in->len - in->recs[i].off,
                     "reader: record %zu out of order or out of the bytes", i);
            end = in->recs[i].off + in->recs[i].len;
        }
    }
    return 0;
}

static int hexdigit(uint8_t c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Plain hexadecimal is exactly its digits, in order, outside comments and 0x prefixes, from
 * the first line that is not blank, a comment or a debugger prompt. */
static void check_plain(const uint8_t *p, size_t n, const struct vmbpi_input *in)
{
    size_t i = 0, k = 0, digits = 0;
    bool started = false;

    while (i < n) {
        size_t e = i, b = i;

        while (e < n && p[e] != '\n')
            e++;
        while (b < e &&
               (p[b] == ' ' || p[b] == '\t' || p[b] == '\r' || p[b] == '\f' || p[b] == '\v'))
            b++;
        if (!started &&
            (b == e || p[b] == '#' || (e - b >= 5 && memcmp(p + b, "(gdb)", 5) == 0) ||
             (e - b >= 3 && memcmp(p + b, "kd>", 3) == 0))) {
            i = e + 1;
            continue;
        }
        if (!started && b < e && p[b] >= '0' && p[b] <= '9') {
            size_t q = b;

            while (q < e && p[q] >= '0' && p[q] <= '9')
                q++;
            if (q < e && p[q] == ':') {
                q++;
                while (q < e && p[q] >= '0' && p[q] <= '9')
                    q++;
                if (q < e && p[q] == '>') {
                    i = e + 1;
                    continue; /* a WinDbg prompt */
                }
            }
        }
        started = true;
        for (; i < e; i++) {
            uint8_t c = p[i];
            int v = hexdigit(c);

            if (c == '#')
                break;
            if (c == '0' && i + 1 < e && (p[i + 1] == 'x' || p[i + 1] == 'X') &&
                digits % 2 == 0 && (i == 0 || hexdigit(p[i - 1]) < 0)) {
                i++;
                continue;
            }
            if (v < 0)
                continue;
            if (digits % 2 == 0) {
                FZ_CHECK(k < in->len, "plain: more digits than bytes");
                FZ_CHECK((in->data[k] >> 4) == v, "plain: byte %zu high nibble", k);
            } else {
                FZ_CHECK((in->data[k] & 15) == v, "plain: byte %zu low nibble", k);
                k++;
            }
            digits++;
        }
        i = e + 1;
    }
    FZ_CHECK(digits % 2 == 0 && k == in->len, "plain: %zu digits for %zu bytes", digits,
             in->len);
}

static void op_text(uint8_t flags, uint8_t cut, const uint8_t *p, size_t n)
{
    struct vmbpi_load_opts lo;
    struct vmbpi_input in;
    char err[400];

    memset(&lo, 0, sizeof(lo));
    lo.fmt = (flags >> 1 & 3u) == 1u   ? VMBPI_FMT_RAW
             : (flags >> 1 & 3u) == 2u ? VMBPI_FMT_HEX
                                       : VMBPI_FMT_AUTO;
    lo.order = order_of(flags >> 3);
    lo.max = FZ_TEXT_MAX;
    lo.records = (flags & 0x20u) != 0;
    lo.raw_record = 256;
    lo.max_records = 64;
    if (read_both(p, n, &lo, cut, &in, err, sizeof(err)) != 0)
        return;
    if (strcmp(in.form, "plain hex") == 0 && lo.order != VMBPI_ORDER_LE)
        check_plain(p, n, &in);
    if (strcmp(in.form, "raw bytes") == 0)
        FZ_CHECK(in.len == n && memcmp(in.data, p, n) == 0, "raw: not the input's bytes");
    vmbpi_input_free(&in);
}

/* ---- dump forms, written as the tools write them, and read back ----------------------- */

enum dump_form {
    DF_XXD,        /* xxd */
    DF_XXD_G1,     /* xxd -g1 */
    DF_XXD_G4,     /* xxd -g4 */
    DF_XXD_E,      /* xxd -e: little-endian 4-byte groups */
    DF_HEXDUMP_C,  /* hexdump -C, repeated lines squeezed */
    DF_OD_AN,      /* od -An -tx1 -v */
    DF_OD,         /* od -tx1: octal offsets, repeated lines squeezed */
    DF_OD_AXZ,     /* od -Ax -tx1z */
    DF_KERNEL,     /* print_hex_dump, dmesg timestamp, prefix, offsets, ASCII, groups of 1 */
    DF_KERNEL_G4,  /* the same in groups of 4 (numbers, little-endian CPU) */
    DF_KERNEL_RAW, /* print_hex_dump, no offsets, no ASCII, rows of 32 */
    DF_GDB,        /* gdb x/Nxb */
    DF_WINDBG,     /* WinDbg db, 64-bit addresses */
    DF_PLAIN,      /* plain hex, xxd -p */
    DF_COUNT
};

static char asc(uint8_t b)
{
    return b >= 0x20 && b < 0x7F ? (char)b : '.';
}

static void write_xxd(FILE *f, const uint8_t *d, size_t n, unsigned g, bool le)
{
    size_t off, i;

    for (off = 0; off < n; off += 16) {
        size_t len = n - off < 16 ? n - off : 16;

        fprintf(f, "%08zx: ", off);
        for (i = 0; i < 16; i += g) {
            unsigned k, have = i < len ? (unsigned)(len - i < g ? len - i : g) : 0u;

            for (k = 0; k < g; k++) {
                if (!le) {
                    if (k < have)
                        fprintf(f, "%02x", d[off + i + k]);
                    else
                        fputs("  ", f);
                } else if (k < g - have) {
                    fputs("  ", f); /* right-aligned: the missing high bytes */
                } else {
                    fprintf(f, "%02x", d[off + i + (g - 1u - k)]);
                }
            }
            fputc(' ', f);
        }
        fputc(' ', f);
        for (i = 0; i < len; i++)
            fputc(asc(d[off + i]), f);
        fputc('\n', f);
    }
}

static void write_hexdump_c(FILE *f, const uint8_t *d, size_t n)
{
    size_t off, i;
    bool squeezing = false;

    for (off = 0; off < n; off += 16) {
        size_t len = n - off < 16 ? n - off : 16;

        if (off >= 16 && len == 16 && memcmp(d + off, d + off - 16, 16) == 0) {
            if (!squeezing)
                fputs("*\n", f);
            squeezing = true;
            continue;
        }
        squeezing = false;
        fprintf(f, "%08zx ", off);
        for (i = 0; i < 16; i++) {
            if (i == 8)
                fputc(' ', f);
            if (i < len)
                fprintf(f, " %02x", d[off + i]);
            else
                fputs("   ", f);
        }
        fputs("  |", f);
        for (i = 0; i < len; i++)
            fputc(asc(d[off + i]), f);
        fputs("|\n", f);
    }
    fprintf(f, "%08zx\n", n);
}

static void write_od(FILE *f, const uint8_t *d, size_t n, int radix, bool z, bool squeeze)
{
    size_t off, i;
    bool squeezing = false;

    for (off = 0; off < n; off += 16) {
        size_t len = n - off < 16 ? n - off : 16;

        if (squeeze && off >= 16 && len == 16 && memcmp(d + off, d + off - 16, 16) == 0) {
            if (!squeezing)
                fputs("*\n", f);
            squeezing = true;
            continue;
        }
        squeezing = false;
        if (radix == 8)
            fprintf(f, "%07zo", off);
        else if (radix == 16)
            fprintf(f, "%06zx", off);
        for (i = 0; i < len; i++)
            fprintf(f, " %02x", d[off + i]);
        if (z) {
            for (; i < 16; i++)
                fputs("   ", f);
            fputs("  >", f);
            for (i = 0; i < len; i++)
                fputc(asc(d[off + i]), f);
            fputc('<', f);
        }
        fputc('\n', f);
    }
    if (radix == 8)
        fprintf(f, "%07zo\n", n);
    else if (radix == 16)
        fprintf(f, "%06zx\n", n);
}

/* lib/hexdump.c: hex_dump_to_buffer() and print_hex_dump(), little-endian CPU. */
static void write_kernel(FILE *f, const uint8_t *d, size_t n, unsigned rowsize, unsigned gs,
                         bool offsets, bool ascii)
{
    size_t off, i;

    for (off = 0; off < n; off += rowsize) {
        size_t len = n - off < rowsize ? n - off : rowsize, lx = 0;
        unsigned g = len % gs ? 1u : gs, col = rowsize * 2u + rowsize / g + 1u;
        char line[256];

        for (i = 0; i < len; i += g) {
            uint64_t v = 0;
            unsigned k;

            for (k = 0; k < g; k++)
                v |= (uint64_t)d[off + i + k] << (8 * k);
            lx += (size_t)snprintf(line + lx, sizeof(line) - lx, "%s%0*llx", i ? " " : "",
                                   (int)(2 * g), (unsigned long long)v);
        }
        if (ascii) {
            while (lx < col)
                line[lx++] = ' ';
            for (i = 0; i < len; i++)
                line[lx++] = asc(d[off + i]);
        }
        line[lx] = 0;
        fprintf(f, "[%5zu.%06zu] hv_vmbus: gpadl: ", off / 7, off * 13 % 1000000);
        if (offsets)
            fprintf(f, "%.8zx: ", off);
        fprintf(f, "%s\n", line);
    }
}

static void write_gdb(FILE *f, const uint8_t *d, size_t n)
{
    size_t off, i;

    for (off = 0; off < n; off += 8) {
        fprintf(f, "0x%llx <buf", 0x555555558010ull + off);
        if (off)
            fprintf(f, "+%zu", off);
        fputs(">:", f);
        for (i = off; i < n && i < off + 8; i++)
            fprintf(f, "\t0x%02x", d[i]);
        fputc('\n', f);
    }
}

static void write_windbg(FILE *f, const uint8_t *d, size_t n)
{
    size_t off, i;

    fputs("0:000> db rcx L0n1\n", f);
    for (off = 0; off < n; off += 16) {
        size_t len = n - off < 16 ? n - off : 16;

        fprintf(f, "0000021d`4f8a%04zx ", 0x1230u + off);
        for (i = 0; i < 16; i++) {
            if (i < len)
                fprintf(f, "%c%02x", i == 8 ? '-' : ' ', d[off + i]);
            else
                fputs("   ", f);
        }
        fputs("  ", f);
        for (i = 0; i < len; i++)
            fputc(asc(d[off + i]), f);
        fputc('\n', f);
    }
}

static void write_plain(FILE *f, const uint8_t *d, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        fprintf(f, "%02x%s", d[i], i % 30 == 29 || i + 1 == n ? "\n" : "");
}

static void op_dumps(uint8_t flags, uint8_t cut, const uint8_t *d, size_t n)
{
    enum dump_form form = (enum dump_form)(flags % DF_COUNT);
    struct vmbpi_load_opts lo;
    struct vmbpi_input in;
    char *text = NULL, err[400];
    size_t len = 0;
    FILE *f;

    if (n == 0 || n > 1024)
        return;
    f = open_memstream(&text, &len);
    FZ_CHECK(f != NULL, "open_memstream");
    memset(&lo, 0, sizeof(lo));
    lo.max = FZ_TEXT_MAX;
    switch (form) {
    case DF_XXD:
        write_xxd(f, d, n, 2, false);
        break;
    case DF_XXD_G1:
        write_xxd(f, d, n, 1, false);
        break;
    case DF_XXD_G4:
        write_xxd(f, d, n, 4, false);
        break;
    case DF_XXD_E:
        write_xxd(f, d, n, 4, true);
        lo.order = VMBPI_ORDER_LE;
        break;
    case DF_HEXDUMP_C:
        write_hexdump_c(f, d, n);
        break;
    case DF_OD_AN:
        write_od(f, d, n, 0, false, false);
        break;
    case DF_OD:
        write_od(f, d, n, 8, false, true);
        break;
    case DF_OD_AXZ:
        write_od(f, d, n, 16, true, false);
        break;
    case DF_KERNEL:
        write_kernel(f, d, n, 16, 1, true, true);
        break;
    case DF_KERNEL_G4:
        write_kernel(f, d, n, 16, 4, true, true);
        lo.order = VMBPI_ORDER_LE;
        break;
    case DF_KERNEL_RAW:
        write_kernel(f, d, n, 32, 1, false, false);
        break;
    case DF_GDB:
        write_gdb(f, d, n);
        break;
    case DF_WINDBG:
        write_windbg(f, d, n);
        break;
    default:
        write_plain(f, d, n);
        break;
    }
    fclose(f);
    FZ_CHECK(read_both((const uint8_t *)text, len, &lo, cut, &in, err, sizeof(err)) == 0,
             "dump form %d of %zu bytes does not read back: %s\n%.*s", (int)form, n, err,
             (int)(len < 2000 ? len : 2000), text);
    FZ_CHECK(in.len == n && memcmp(in.data, d, n) == 0,
             "dump form %d (%s) reads back %zu other bytes", (int)form, in.form, in.len);
    vmbpi_input_free(&in);
    free(text);
}

/* ---- GPADL reassembly ------------------------------------------------------------------ */

struct gpadl_arg {
    const struct vmbpi_gpadl_msg *msgs;
    size_t n;
    struct vmbpi_msg_opts opts;
};

static int do_gpadl(struct vmbpi_out *o, const void *a)
{
    const struct gpadl_arg *g = (const struct gpadl_arg *)a;
    FILE *err = fopen("/dev/null", "w");
    int rc;

    FZ_CHECK(err != NULL, "/dev/null");
    rc = vmbpi_gpadl(o, g->msgs, g->n, &g->opts, err);
    fclose(err);
    return rc;
}

/* The rest of the input as messages: a u8 length, then that many bytes, repeated (a length
 * of 0 takes a whole 256-byte SynIC slot). */
static void op_gpadl(uint8_t flags, struct fz *in)
{
    struct vmbpi_gpadl_msg msgs[24];
    uint8_t *copies[24];
    struct gpadl_arg g;
    size_t k, n = 0;
    int rc;

    memset(&g, 0, sizeof(g));
    g.opts.version = VMBP_VERSION_6_0;
    g.opts.dir = (flags & 2u) ? VMBP_DIR_GUEST_TO_HOST : VMBP_DIR_ANY;
    while (in->n > 0 && n < 24) {
        size_t len = fz_u8(in);

        if (len == 0)
            len = VMBP_SYNIC_MESSAGE_SIZE;
        if (len > in->n)
            len = in->n;
        copies[n] = (uint8_t *)fz_malloc(len);
        fz_bytes(in, copies[n], len);
        msgs[n].p = copies[n];
        msgs[n].n = len;
        msgs[n].line = n + 1;
        n++;
    }
    g.msgs = msgs;
    g.n = n;
    run_out((flags & 1u) != 0, do_gpadl, &g, "gpadl", &rc);
    for (k = 0; k < n; k++)
        free(copies[k]);
}

/* ---- the schema ------------------------------------------------------------------------ */

static void schema_once(void)
{
    static bool done;
    char *text = NULL;
    size_t n = 0;
    FILE *f;

    if (done)
        return;
    done = true;
    f = open_memstream(&text, &n);
    FZ_CHECK(f != NULL, "open_memstream");
    FZ_CHECK(vmbpi_schema_json(f) == VMBPI_EXIT_VALID, "schema --json");
    fclose(f);
    check_json(text, n, "schema");
    free(text);
    f = open_memstream(&text, &n);
    FZ_CHECK(f != NULL, "open_memstream");
    FZ_CHECK(vmbpi_schema_markdown(f) == VMBPI_EXIT_VALID, "schema --markdown");
    fclose(f);
    FZ_CHECK(n > 0 && memmem(text, n, "<!-- END GENERATED", 18) != NULL, "schema --markdown");
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz in = {data, size};
    uint8_t sel = fz_u8(&in), flags = fz_u8(&in);
    bool json = (flags & 1u) != 0;
    int rc;

    schema_once();
    switch (sel % 6u) {
    case 0:
    case 4: {
        uint8_t cut = fz_u8(&in);
        uint8_t *p = (uint8_t *)fz_malloc(in.n);

        memcpy(p, in.p, in.n);
        if (sel % 6u == 0)
            op_text(flags, cut, p, in.n);
        else
            op_dumps(flags, cut, p, in.n);
        free(p);
        break;
    }
    case 5:
        op_gpadl(flags, &in);
        break;
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
            enum vmbp_status st;
            struct vmbp_msg dm;
            struct vmbp_msg_fault fault;

            ctx.version = m.opts.version;
            ctx.features = m.opts.features;
            st = vmbp_msg_validate(p, m.n, &ctx, (enum vmbp_dir)m.opts.dir);
            if (st == VMBP_OK &&
                vmbp_msg_decode(p, m.n, &ctx, (enum vmbp_dir)m.opts.dir, &dm) == VMBP_OK &&
                dm.type == VMBP_MSG_OFFER_CHANNEL &&
                (dm.u.offer.flags &
                 (VMBP_OFFER_FLAG_TLNPI_PROVIDER | VMBP_OFFER_FLAG_NAMED_PIPE_MODE)) != 0)
                st = vmbp_msg_offer_overlay_fault(
                    &dm.u.offer,
                    (dm.u.offer.flags & VMBP_OFFER_FLAG_TLNPI_PROVIDER)
                        ? VMBP_MSG_OVERLAY_HVSOCK
                        : VMBP_MSG_OVERLAY_PIPE,
                    &fault);
            FZ_CHECK(rc == (st == VMBP_OK ? VMBPI_EXIT_VALID : VMBPI_EXIT_INVALID),
                     "msg: exit %d disagrees with the library (%s)", rc, vmbp_status_name(st));
            FZ_CHECK(st == VMBP_OK || out_error, "msg: %s without an error record",
                     vmbp_status_name(st));
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
    case 3: {
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
