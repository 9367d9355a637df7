/* SPDX-License-Identifier: MIT */
/* Input loading for vmbp-inspect: see input.h. The text forms are in dump.c. */
#include "reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int vmbpi_rd_fail(struct vmbpi_reader *r, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (r->failed)
        return -1;
    r->failed = 1;
    n = snprintf(r->err, sizeof(r->err), "%s: ", r->name);
    if (n < 0 || (size_t)n >= sizeof(r->err))
        n = 0;
    va_start(ap, fmt);
    vsnprintf(r->err + n, sizeof(r->err) - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int too_large(struct vmbpi_reader *r)
{
    return vmbpi_rd_fail(r, "input too large (limit %zu bytes)", r->o.max);
}

int vmbpi_rd_put(struct vmbpi_reader *r, const uint8_t *p, size_t n)
{
    if (r->failed)
        return -1;
    r->fed_at_byte = r->fed;
    if (n > r->o.max - r->len)
        return too_large(r);
    while (n > 0) {
        size_t in_last = r->len % VMBPI_CHUNK, take;

        if (in_last == 0 && r->len / VMBPI_CHUNK == r->nchunks) {
            uint8_t *c;

            if (r->nchunks == r->chunks_cap) {
                size_t cap = r->chunks_cap ? r->chunks_cap * 2 : 16;
                uint8_t **nc = (uint8_t **)realloc(r->chunks, cap * sizeof(*nc));

                if (!nc)
                    return vmbpi_rd_fail(r, "out of memory");
                r->chunks = nc;
                r->chunks_cap = cap;
            }
            c = (uint8_t *)malloc(VMBPI_CHUNK);
            if (!c)
                return vmbpi_rd_fail(r, "out of memory");
            r->chunks[r->nchunks++] = c;
        }
        take = VMBPI_CHUNK - in_last;
        if (take > n)
            take = n;
        memcpy(r->chunks[r->len / VMBPI_CHUNK] + in_last, p, take);
        r->len += take;
        p += take;
        n -= take;
    }
    return 0;
}

int vmbpi_rd_record_begin(struct vmbpi_reader *r, unsigned long line)
{
    if (!r->o.records || r->failed)
        return r->failed ? -1 : 0;
    vmbpi_rd_record_end(r);
    if (r->nrecs == r->o.max_records)
        return vmbpi_rd_fail(r, "line %lu: more than %zu messages", line, r->o.max_records);
    if (r->nrecs == r->recs_cap) {
        size_t cap = r->recs_cap ? r->recs_cap * 2 : 16;
        struct vmbpi_record *nr = (struct vmbpi_record *)realloc(r->recs, cap * sizeof(*nr));

        if (!nr)
            return vmbpi_rd_fail(r, "out of memory");
        r->recs = nr;
        r->recs_cap = cap;
    }
    r->recs[r->nrecs].off = r->len;
    r->recs[r->nrecs].len = 0;
    r->recs[r->nrecs].line = line;
    r->nrecs++;
    r->rec_open = true;
    return 0;
}

void vmbpi_rd_record_end(struct vmbpi_reader *r)
{
    if (!r->rec_open)
        return;
    r->recs[r->nrecs - 1].len = r->len - r->recs[r->nrecs - 1].off;
    r->rec_open = false;
}

struct vmbpi_reader *vmbpi_reader_new(const char *name, const struct vmbpi_load_opts *opts)
{
    struct vmbpi_reader *r = (struct vmbpi_reader *)calloc(1, sizeof(*r));

    if (!r)
        return NULL;
    snprintf(r->name, sizeof(r->name), "%s", name);
    r->o = *opts;
    if (r->o.records && r->o.max_records == 0)
        r->o.max_records = 1;
    /* text may take VMBPI_TEXT_PER_BYTE characters a byte, and a little for comments */
    r->text_cap = (uint64_t)r->o.max * VMBPI_TEXT_PER_BYTE + 65536u;
    r->mode = opts->fmt == VMBPI_FMT_RAW   ? RD_RAW
              : opts->fmt == VMBPI_FMT_HEX ? RD_TEXT
                                           : RD_UNDECIDED;
    r->lineno = 1;
    r->pl.hi = -1;
    return r;
}

/* Bytes text may hold: printable ASCII, white space, and bytes >= 0x80 (UTF-8 comments). */
static bool is_text_byte(uint8_t c)
{
    return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int text_bytes(struct vmbpi_reader *r, const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n && !r->failed; i++) {
        uint8_t c = p[i];

        if (++r->fed > r->text_cap)
            return vmbpi_rd_fail(r,
                                 "text longer than %llu characters (%u a byte of the "
                                 "%zu-byte limit)",
                                 (unsigned long long)r->text_cap, VMBPI_TEXT_PER_BYTE,
                                 r->o.max);
        if (!is_text_byte(c))
            return vmbpi_rd_fail(r,
                                 "line %lu: byte 0x%02x is not text (binary data in a "
                                 "hexadecimal input?)",
                                 r->lineno, c);
        if (r->fed - r->fed_at_byte > VMBPI_TEXT_GAP_MAX)
            return vmbpi_rd_fail(r, "line %lu: %u characters in a row without a byte",
                                 r->lineno, VMBPI_TEXT_GAP_MAX);
        if (c == '\n') {
            if (r->long_line)
                vmbpi_text_long(r, r->line, r->linelen, true);
            else
                vmbpi_text_line(r, r->line, r->linelen);
            r->linelen = 0;
            r->long_line = false;
            r->lineno++;
            continue;
        }
        if (r->linelen == VMBPI_LINE_MAX) {
            /* only plain hexadecimal has lines this long: stream the rest of it */
            if (vmbpi_text_long(r, r->line, r->linelen, false) != 0)
                break;
            r->long_line = true;
            r->linelen = 0;
        }
        r->line[r->linelen++] = (char)c;
    }
    return r->failed ? -1 : 0;
}

static int raw_bytes(struct vmbpi_reader *r, const uint8_t *p, size_t n)
{
    r->fed += n;
    return vmbpi_rd_put(r, p, n);
}

static int decide(struct vmbpi_reader *r)
{
    size_t i;
    bool text = true;

    for (i = 0; i < r->nsniff; i++)
        if (!is_text_byte(r->sniff[i]))
            text = false;
    r->mode = text ? RD_TEXT : RD_RAW;
    return text ? text_bytes(r, r->sniff, r->nsniff) : raw_bytes(r, r->sniff, r->nsniff);
}

int vmbpi_reader_feed(struct vmbpi_reader *r, const uint8_t *p, size_t n)
{
    if (r->failed)
        return -1;
    if (r->mode == RD_UNDECIDED) {
        size_t take = VMBPI_SNIFF - r->nsniff;

        if (take > n)
            take = n;
        memcpy(r->sniff + r->nsniff, p, take);
        r->nsniff += take;
        p += take;
        n -= take;
        if (r->nsniff < VMBPI_SNIFF)
            return 0;
        if (decide(r) != 0)
            return -1;
    }
    if (n == 0)
        return 0;
    return r->mode == RD_RAW ? raw_bytes(r, p, n) : text_bytes(r, p, n);
}

int vmbpi_reader_finish(struct vmbpi_reader *r, struct vmbpi_input *in, char *err,
                        size_t errlen)
{
    size_t i, copied = 0;

    memset(in, 0, sizeof(*in));
    if (!r->failed && r->mode == RD_UNDECIDED)
        decide(r);
    if (!r->failed && r->mode == RD_TEXT) {
        if (r->linelen > 0 || r->long_line) {
            if (r->long_line)
                vmbpi_text_long(r, r->line, r->linelen, true);
            else
                vmbpi_text_line(r, r->line, r->linelen);
        }
        if (!r->failed)
            vmbpi_text_end(r);
    }
    if (!r->failed && r->fed == 0)
        vmbpi_rd_fail(r, "empty input");
    if (!r->failed && r->len == 0)
        vmbpi_rd_fail(r, "no bytes in the hexadecimal input");
    vmbpi_rd_record_end(r);
    if (!r->failed && r->o.records && r->mode == RD_RAW) {
        size_t step = r->o.raw_record ? r->o.raw_record : r->len, off;

        for (off = 0; off < r->len && !r->failed; off += step) {
            if (vmbpi_rd_record_begin(r, 0) != 0)
                break;
            r->recs[r->nrecs - 1].off = off;
            r->recs[r->nrecs - 1].len = r->len - off < step ? r->len - off : step;
            r->rec_open = false;
        }
    }
    if (!r->failed) {
        /* the exact-size copy, chunk by chunk, each chunk freed once copied */
        in->data = (uint8_t *)malloc(r->len);
        if (!in->data)
            vmbpi_rd_fail(r, "out of memory");
    }
    for (i = 0; i < r->nchunks; i++) {
        size_t take = r->len - copied < VMBPI_CHUNK ? r->len - copied : VMBPI_CHUNK;

        if (in->data && !r->failed)
            memcpy(in->data + copied, r->chunks[i], take);
        copied += take;
        free(r->chunks[i]);
        r->chunks[i] = NULL;
    }
    r->nchunks = 0;
    if (r->failed) {
        free(in->data);
        in->data = NULL;
        snprintf(err, errlen, "%s", r->err);
        return -1;
    }
    in->len = r->len;
    in->was_text = r->mode == RD_TEXT;
    snprintf(in->form, sizeof(in->form), "%s", r->mode == RD_TEXT ? r->form : "raw bytes");
    if (r->o.records) {
        in->recs = r->recs;
        in->nrecs = r->nrecs;
        r->recs = NULL;
        r->nrecs = 0;
    }
    if (err && errlen)
        err[0] = 0;
    return 0;
}

void vmbpi_reader_free(struct vmbpi_reader *r)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; i < r->nchunks; i++)
        free(r->chunks[i]);
    free(r->chunks);
    free(r->recs);
    free(r->scratch);
    free(r);
}

int vmbpi_input_parse(struct vmbpi_input *in, const char *name, const uint8_t *p, size_t n,
                      const struct vmbpi_load_opts *opts, char *err, size_t errlen)
{
    struct vmbpi_reader *r = vmbpi_reader_new(name, opts);
    int rc;

    memset(in, 0, sizeof(*in));
    if (!r) {
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;
    }
    vmbpi_reader_feed(r, p, n);
    rc = vmbpi_reader_finish(r, in, err, errlen);
    vmbpi_reader_free(r);
    return rc;
}

/*
 * The rest of a raw regular file of `size` bytes, of which the reader has the first
 * VMBPI_SNIFF: read into one buffer of that size (no chunks, no copy), with the records
 * the reader would make.
 */
static int read_raw_file(struct vmbpi_reader *r, FILE *f, size_t size, struct vmbpi_input *in,
                         char *err, size_t errlen)
{
    uint8_t *data = (uint8_t *)malloc(size);
    size_t have = r->len, off;

    if (!data) {
        snprintf(err, errlen, "%s: out of memory", r->name);
        return -1;
    }
    memcpy(data, r->chunks[0], have);
    have += fread(data + have, 1, size - have, f);
    if (have != size || fgetc(f) != EOF) {
        free(data);
        snprintf(err, errlen, "%s: the file changed size while it was read", r->name);
        return -1;
    }
    memset(in, 0, sizeof(*in));
    if (r->o.records) {
        size_t step = r->o.raw_record ? r->o.raw_record : size, n = (size + step - 1) / step;

        if (n > r->o.max_records) {
            free(data);
            snprintf(err, errlen, "%s: more than %zu messages", r->name, r->o.max_records);
            return -1;
        }
        in->recs = (struct vmbpi_record *)calloc(n, sizeof(*in->recs));
        if (!in->recs) {
            free(data);
            snprintf(err, errlen, "%s: out of memory", r->name);
            return -1;
        }
        for (off = 0; off < size; off += step) {
            in->recs[in->nrecs].off = off;
            in->recs[in->nrecs].len = size - off < step ? size - off : step;
            in->nrecs++;
        }
    }
    in->data = data;
    in->len = size;
    snprintf(in->form, sizeof(in->form), "raw bytes");
    if (err && errlen)
        err[0] = 0;
    return 0;
}

int vmbpi_input_load(struct vmbpi_input *in, const char *path,
                     const struct vmbpi_load_opts *opts, char *err, size_t errlen)
{
    static uint8_t buf[VMBPI_CHUNK];
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "standard input" : path;
    struct vmbpi_reader *r;
    struct stat sb;
    bool is_reg = false;
    FILE *f;
    int rc;

    memset(in, 0, sizeof(*in));
    f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    /* A regular file too large for any form is refused before a byte is read. */
    is_reg = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
    if (is_reg) {
        uint64_t size = (uint64_t)sb.st_size;
        uint64_t cap = opts->fmt == VMBPI_FMT_RAW
                           ? (uint64_t)opts->max
                           : (uint64_t)opts->max * VMBPI_TEXT_PER_BYTE + 65536u;

        if (size > cap) {
            snprintf(err, errlen, "%s: input too large (%llu bytes, limit %zu bytes%s)", name,
                     (unsigned long long)size, opts->max,
                     opts->fmt == VMBPI_FMT_RAW ? "" : " or 16 characters of text a byte");
            if (!is_stdin)
                fclose(f);
            return -1;
        }
    }
    r = vmbpi_reader_new(name, opts);
    if (!r) {
        if (!is_stdin)
            fclose(f);
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;
    }
    if (is_reg && (uint64_t)sb.st_size <= opts->max && sb.st_size > 0) {
        /* a regular file that may be raw: if it is, read it into a buffer of its size */
        size_t got = fread(buf, 1, VMBPI_SNIFF, f);

        if (vmbpi_reader_feed(r, buf, got) == 0 && r->mode == RD_RAW && got == VMBPI_SNIFF) {
            rc = read_raw_file(r, f, (size_t)sb.st_size, in, err, errlen);
            vmbpi_reader_free(r);
            if (!is_stdin)
                fclose(f);
            return rc;
        }
    }
    for (;;) {
        size_t got = fread(buf, 1, sizeof(buf), f);

        if (got > 0 && vmbpi_reader_feed(r, buf, got) != 0)
            break; /* the input is unusable: stop reading here */
        if (got < sizeof(buf)) {
            if (ferror(f))
                vmbpi_rd_fail(r, "read error: %s", strerror(errno));
            break;
        }
    }
    if (!is_stdin)
        fclose(f);
    rc = vmbpi_reader_finish(r, in, err, errlen);
    vmbpi_reader_free(r);
    return rc;
}

void vmbpi_input_free(struct vmbpi_input *in)
{
    free(in->data);
    free(in->recs);
    memset(in, 0, sizeof(*in));
}

const char *vmbpi_order_name(enum vmbpi_order o)
{
    switch (o) {
    case VMBPI_ORDER_MEMORY:
        return "memory";
    case VMBPI_ORDER_LE:
        return "le";
    case VMBPI_ORDER_BE:
        return "be";
    default:
        return "unstated";
    }
}
