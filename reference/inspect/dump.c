/* SPDX-License-Identifier: MIT */
/*
 * The text forms of vmbp-inspect's input (input.h), read a line at a time: the dumps, and the
 * choice between a dump and plain hexadecimal (plain.c), which the first line that holds
 * bytes makes.
 *
 * A dump line is, left to right (every part optional but the bytes):
 *   timestamp   "[  12.345678] " (dmesg), "Jan  1 12:00:00 " (syslog)
 *   prefix      print_hex_dump's prefix_str, the same on every line ("vmbus: ")
 *   address     "00000010: " (xxd, print_hex_dump), "00000010  " (hexdump -C, WinDbg),
 *               "0000020 " (od, octal, decimal or hex), "0x5555… <buf+16>:" (gdb),
 *               "00000000`00a1b2c0  " (WinDbg, 64-bit)
 *   bytes       groups of 2, 4, 8 … digits, all as wide as the first (the last may be
 *               shorter); "0x" prefixes (gdb); "-" between the 8th and 9th byte (WinDbg)
 *   ASCII       "|…|" (hexdump -C), ">…<" (od z), or after two spaces (xxd, WinDbg, kernel)
 * plus "*" lines (repeated lines squeezed by hexdump, od and xxd -a) and a last line with the
 * end offset only (hexdump, od). Lines that start with "#", "(gdb)" or a WinDbg prompt
 * ("0:000>", "kd>") are skipped.
 *
 * Formats: xxd(1), hexdump(1), od(1) as their manuals and outputs show them; the kernel's
 * lib/hexdump.c (hex_dump_to_buffer: groups of 1, 2, 4 or 8 bytes printed as numbers in
 * the CPU's byte order, ASCII column at rowsize * 2 + rowsize / groupsize + 1, and a line
 * whose length is not a multiple of the group size printed in single bytes); gdb's "x"
 * command; WinDbg's "d*" commands ("??" for memory it cannot read).
 */
#include "reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ---- dump lines ---------------------------------------------------------------------- */

struct dtok {
    unsigned off, n; /* bytes [off, off + n) of the line */
};

enum dkind { DL_DATA, DL_SQUEEZE, DL_END };

struct dline {
    enum dkind kind;
    bool ts;
    const char *prefix;
    size_t prefix_len;
    enum vmbpi_addr addr;
    char addr_s[24]; /* address digits (WinDbg's backtick removed) */
    bool zx, dash;
    unsigned width; /* digits of the first group */
    struct dtok tok[VMBPI_LINE_BYTES_MAX];
    unsigned ntok;
    uint8_t bytes[VMBPI_LINE_BYTES_MAX];
    unsigned nbytes;
    enum vmbpi_ascii ascii;
    size_t ascii_col;
    bool mem_ok, le_ok; /* the ASCII column matches the bytes in memory / group order */
    const char *why;    /* a definite error in an otherwise recognised line */
};

static bool printable(uint8_t b)
{
    return b >= 0x20 && b < 0x7F;
}

/* Whether the ASCII text matches the bytes, with the groups read in memory order (le false)
 * or as little-endian numbers. `trimmed`: trailing spaces may have been lost. */
static bool ascii_match(const struct dline *d, const char *a, size_t alen, bool le,
                        bool trimmed)
{
    unsigned t, j;

    if (alen > d->nbytes || (!trimmed && alen != d->nbytes) || alen == 0)
        return false;
    for (t = 0; t < d->ntok; t++) {
        for (j = 0; j < d->tok[t].n; j++) {
            unsigned pos = d->tok[t].off + j;
            uint8_t b = d->bytes[le ? d->tok[t].off + d->tok[t].n - 1 - j : pos];

            if (pos >= alen) {
                if (b != ' ')
                    return false;
            } else if (a[pos] != (printable(b) ? (char)b : '.')) {
                return false;
            }
        }
    }
    return true;
}

/* An ASCII column that starts between s[from] and s[to] (it may start with spaces) and runs
 * to the end of the line, as it is or without the trailing spaces a paste may have lost. */
static bool ascii_column(const char *s, size_t from, size_t to, size_t n, struct dline *d)
{
    size_t m = n, j;
    int pass;

    while (m > to && vmbpi_is_ws((unsigned char)s[m - 1]))
        m--;
    for (pass = 0; pass < 2; pass++) {
        for (j = from; j <= to; j++) {
            size_t end = pass == 0 ? n : m;
            bool mem = ascii_match(d, s + j, end - j, false, pass == 1);
            bool le = ascii_match(d, s + j, end - j, true, pass == 1);

            if (mem || le) {
                d->ascii = ASC_COLUMN;
                d->ascii_col = j;
                d->mem_ok = mem;
                d->le_ok = le;
                return true;
            }
        }
    }
    return false;
}

/* Read a run of hex digits at s[i..n); returns its length. */
static size_t hex_run(const char *s, size_t i, size_t n)
{
    size_t k = i;

    while (k < n && vmbpi_hexv((unsigned char)s[k]) >= 0)
        k++;
    return k - i;
}

/* The bytes (and ASCII column) of a line from position i; 1 if it is a data line. */
static int parse_bytes(const char *s, size_t i, size_t n, struct dline *d, bool ascii_allowed)
{
    bool short_last = false;

    d->ntok = d->nbytes = 0;
    d->ascii = ASC_NONE;
    d->zx = d->dash = false;
    d->width = 0;
    for (;;) {
        size_t sp = 0, dig, k;
        bool zx = false;

        while (i < n && vmbpi_is_ws((unsigned char)s[i])) {
            i++;
            sp++;
        }
        if (i >= n) {
            /* an ASCII column of spaces only: the bytes are all 0x20 */
            if (d->ntok > 0 && ascii_allowed && sp >= 2 + d->nbytes &&
                ascii_match(d, s + n - d->nbytes, d->nbytes, false, false)) {
                d->ascii = ASC_COLUMN;
                d->ascii_col = n - d->nbytes;
                d->mem_ok = d->le_ok = true;
            }
            break;
        }
        if (d->ntok > 0 && sp >= 1 && (s[i] == '|' || s[i] == '>')) {
            /* "|...|" (hexdump -C), ">...<" (od z); or a column that starts with '|' */
            char close = s[i] == '|' ? '|' : '<';
            size_t m = n;

            while (m > i && vmbpi_is_ws((unsigned char)s[m - 1]))
                m--;
            if (m - i >= 2 && s[m - 1] == close) {
                d->mem_ok = ascii_match(d, s + i + 1, m - i - 2, false, false);
                d->le_ok = ascii_match(d, s + i + 1, m - i - 2, true, false);
                if (d->mem_ok || d->le_ok) {
                    d->ascii = close == '|' ? ASC_PIPE : ASC_ANGLE;
                    d->ascii_col = i;
                    return 1;
                }
                if (sp >= 2 && ascii_allowed && ascii_column(s, i - sp + 2, i, n, d))
                    return 1;
                d->ascii = close == '|' ? ASC_PIPE : ASC_ANGLE;
                d->ascii_col = i;
                d->why = "its ASCII column does not match its bytes";
                return 1;
            }
        }
        if (d->ntok > 0 && sp >= 2 && ascii_allowed && ascii_column(s, i - sp + 2, i, n, d))
            return 1;
        if (d->ntok > 0 && sp == 0) {
            /* WinDbg: "00-07" between the 8th and the 9th byte */
            if (s[i] != '-' || d->nbytes != 8 || d->width != 2)
                return 0;
            d->dash = true;
            i++;
        }
        if (short_last)
            return 0; /* a shorter group is the last one */
        if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
            zx = true;
            i += 2;
        }
        if (d->ntok > 0 && zx != d->zx)
            return 0;
        d->zx = zx;
        if (s[i] == '?') {
            k = i;
            while (k < n && s[k] == '?')
                k++;
            if (k - i >= 2 && (k == n || vmbpi_is_ws((unsigned char)s[k]) || s[k] == '-')) {
                d->why = "memory the debugger could not read ('?\?')";
                return 1;
            }
            return 0;
        }
        dig = hex_run(s, i, n);
        if (dig == 0 || dig % 2 || dig > 64)
            return 0;
        k = i + dig;
        if (k < n && !vmbpi_is_ws((unsigned char)s[k]) && s[k] != '-')
            return 0;
        if (d->ntok == 0) {
            d->width = (unsigned)dig;
        } else if (dig > d->width) {
            return 0;
        } else if (dig < d->width) {
            short_last = true;
        }
        if (d->nbytes + dig / 2 > VMBPI_LINE_BYTES_MAX)
            return 0;
        d->tok[d->ntok].off = d->nbytes;
        d->tok[d->ntok].n = (unsigned)(dig / 2);
        d->ntok++;
        for (; i < k; i += 2)
            d->bytes[d->nbytes++] = (uint8_t)(vmbpi_hexv((unsigned char)s[i]) << 4 |
                                              vmbpi_hexv((unsigned char)s[i + 1]));
    }
    return d->ntok > 0 ? 1 : 0;
}

/* A line from its data start (after timestamp and prefix): address, bytes, ASCII. */
static int parse_body(const char *s, size_t n, struct dline *d, bool kernel)
{
    size_t run, k, m = n;
    struct dline alt;

    while (m > 0 && vmbpi_is_ws((unsigned char)s[m - 1]))
        m--;
    d->addr = ADDR_NONE;
    d->addr_s[0] = 0;
    d->kind = DL_DATA;
    d->why = NULL;
    if (m == 1 && s[0] == '*') {
        d->kind = DL_SQUEEZE;
        return 1;
    }
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        /* gdb: 0x<address> [<symbol+offset>]: */
        run = hex_run(s, 2, n);
        k = 2 + run;
        while (k < n && vmbpi_is_ws((unsigned char)s[k]))
            k++;
        if (k < n && s[k] == '<') {
            while (k < n && s[k] != '>')
                k++;
            k++;
        }
        if (run >= 1 && run <= 16 && k < n && s[k] == ':') {
            d->addr = ADDR_GDB;
            memcpy(d->addr_s, s + 2, run);
            d->addr_s[run] = 0;
            return parse_bytes(s, k + 1, n, d, false);
        }
        return parse_bytes(s, 0, n, d, kernel);
    }
    run = hex_run(s, 0, n);
    if (run == 8 && n > 18 && s[8] == '`' && hex_run(s, 9, n) == 8 &&
        vmbpi_is_ws((unsigned char)s[17])) {
        d->addr = ADDR_WINDBG;
        memcpy(d->addr_s, s, 8);
        memcpy(d->addr_s + 8, s + 9, 8);
        d->addr_s[16] = 0;
        return parse_bytes(s, 17, n, d, true);
    }
    if (run >= 4 && run <= 16) {
        memcpy(d->addr_s, s, run);
        d->addr_s[run] = 0;
        if (run < n && s[run] == ':' &&
            (run + 1 == n || vmbpi_is_ws((unsigned char)s[run + 1]))) {
            d->addr = ADDR_COLON;
            return parse_bytes(s, run + 1, n, d, true);
        }
        if (run == m) {
            d->kind = DL_END; /* an end offset, if the dump's form has them */
            d->addr = ADDR_SPACE1;
            return 1;
        }
        if (vmbpi_is_ws((unsigned char)s[run])) {
            /* an address, if the groups after it are narrower or wider than it; a line of
             * equal groups is bytes (plain text checks for address columns) */
            alt = *d;
            k = run;
            while (k < n && vmbpi_is_ws((unsigned char)s[k]))
                k++;
            alt.addr = k - run >= 2 ? ADDR_SPACE2 : ADDR_SPACE1;
            if (parse_bytes(s, k, n, &alt, true) == 1 &&
                (alt.width != run || alt.ascii == ASC_PIPE || alt.ascii == ASC_ANGLE ||
                 alt.dash || alt.why)) {
                *d = alt;
                return 1;
            }
        }
    }
    d->addr_s[0] = 0;
    return parse_bytes(s, 0, n, d, kernel);
}

static bool is_prompt(const char *s, size_t n)
{
    size_t i = 0;

    if (n >= 5 && memcmp(s, "(gdb)", 5) == 0)
        return true;
    if (n >= 3 && memcmp(s, "kd>", 3) == 0)
        return true;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == 0 || i >= n || s[i] != ':')
        return false;
    i++;
    while (i < n && is_digit(s[i]))
        i++;
    return i < n && s[i] == '>';
}

/* Length of a leading timestamp: "[ ... ]", "<6>[ ... ]", "Jan  1 12:00:00 ",
 * "2024-01-01T12:00:00.123+00:00 "; 0 if none. */
static size_t timestamp(const char *s, size_t n)
{
    size_t i = 0;

    if (n > 2 && s[0] == '<' && is_digit(s[1])) {
        i = 1;
        while (i < n && is_digit(s[i]))
            i++;
        if (i >= n || s[i] != '>')
            return 0;
        i++;
    }
    if (i < n && s[i] == '[') {
        size_t k = i + 1;

        while (k < n && k < i + 64 && s[k] != ']' && s[k] != '[')
            k++;
        if (k >= n || s[k] != ']')
            return 0;
        k++;
        while (k < n && vmbpi_is_ws((unsigned char)s[k]))
            k++;
        return k;
    }
    if (n > 16 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' && s[2] >= 'a' &&
        s[2] <= 'z' && s[3] == ' ' && (s[4] == ' ' || is_digit(s[4])) && is_digit(s[5]) &&
        s[6] == ' ' && is_digit(s[7]) && is_digit(s[8]) && s[9] == ':' && is_digit(s[10]) &&
        is_digit(s[11]) && s[12] == ':' && is_digit(s[13]) && is_digit(s[14]) && s[15] == ' ')
        return 16;
    if (n > 20 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
        s[4] == '-' && is_digit(s[5]) && is_digit(s[6]) && s[7] == '-' && s[10] == 'T') {
        size_t k = 11;

        while (k < n && !vmbpi_is_ws((unsigned char)s[k]))
            k++;
        while (k < n && vmbpi_is_ws((unsigned char)s[k]))
            k++;
        return k;
    }
    return 0;
}

/* A whole line: timestamp, then the data start found after the prefix, if any. Returns 1 for
 * a dump line with at least one feature of a dump (an address, a timestamp, a prefix, an
 * ASCII column, WinDbg's dash), 0 otherwise (plain text, or not hexadecimal at all). */
static int parse_line(const char *s, size_t n, struct dline *d)
{
    size_t ts = timestamp(s, n), p;

    memset(d, 0, sizeof(*d));
    d->ts = ts > 0;
    /* a prefix is at most as long as the form keeps (struct vmbpi_form) */
    for (p = ts; p <= n && p - ts < sizeof(((struct vmbpi_form *)0)->prefix); p++) {
        if (p > ts) {
            /* a prefix ends at a token boundary; without a timestamp it ends in ':' */
            if (p == n || !vmbpi_is_ws((unsigned char)s[p - 1]) ||
                vmbpi_is_ws((unsigned char)s[p]))
                continue;
            if (!d->ts) {
                size_t e = p;

                while (e > ts && vmbpi_is_ws((unsigned char)s[e - 1]))
                    e--;
                if (s[e - 1] != ':')
                    continue;
            }
        }
        if (parse_body(s + p, n - p, d, d->ts || p > ts) == 1) {
            d->prefix = s + ts;
            d->prefix_len = p - ts;
            if (d->ascii_col)
                d->ascii_col += p;
            if (d->addr == ADDR_NONE && !d->ts && d->prefix_len == 0 && d->ascii == ASC_NONE &&
                !d->dash && d->kind == DL_DATA && !d->why)
                return 0; /* nothing but bytes: plain text */
            return 1;
        }
    }
    return 0;
}

/* ---- the dump as a whole -------------------------------------------------------------- */

/* The bases an od or hexdump offset column may be in: od -tx1 writes 7 octal (or, -Ad,
 * decimal) digits or 6 hex digits (-Ax); word dumps may be hexdump's (hex) or od's. */
static unsigned radix_bits(const char *a);

static unsigned offset_radices(const char *a, unsigned width)
{
    size_t n = strlen(a);

    if (width == 2 && n == 6)
        return radix_bits(a) & (1u << 16);
    if (width == 2 && n == 7)
        return radix_bits(a) & ((1u << 8) | (1u << 10));
    return radix_bits(a);
}

static unsigned radix_bits(const char *a)
{
    unsigned m = (1u << 8) | (1u << 10) | (1u << 16);
    size_t i;

    for (i = 0; a[i]; i++) {
        if (a[i] > '7' || !is_digit(a[i]))
            m &= ~(1u << 8);
        if (!is_digit(a[i]))
            m &= ~(1u << 10);
    }
    return m;
}

static uint64_t addr_value(const char *a, unsigned radix)
{
    uint64_t v = 0;
    size_t i;

    for (i = 0; a[i]; i++)
        v = v * radix + (uint64_t)vmbpi_hexv((unsigned char)a[i]);
    return v;
}

static const char *form_name(const struct vmbpi_form *f)
{
    bool kernel = f->ts || f->prefix_len > 0;

    switch (f->addr) {
    case ADDR_GDB:
        return f->width == 2 ? "gdb x/xb" : "gdb x (words)";
    case ADDR_WINDBG:
        return f->width == 2 ? "WinDbg db" : "WinDbg dw/dd/dq";
    case ADDR_COLON:
        return kernel ? "print_hex_dump" : "xxd";
    case ADDR_SPACE2:
        if (f->ascii == ASC_PIPE)
            return "hexdump -C";
        if (f->dash || f->ascii == ASC_COLUMN)
            return f->width == 2 ? "WinDbg db" : "WinDbg dw/dd/dq";
        return f->width == 2 ? "hexdump -C" : "offset dump (words)";
    case ADDR_SPACE1:
        if (f->ascii == ASC_ANGLE)
            return "od -tx1z";
        return f->width == 2 ? "od -tx1" : "hexdump or od -x";
    default:
        return kernel ? "print_hex_dump" : "plain hex";
    }
}

static int establish(struct vmbpi_reader *r, const struct dline *d)
{
    struct vmbpi_form *f = &r->dm.f;
    unsigned gb = d->width / 2;

    memset(f, 0, sizeof(*f));
    f->ts = d->ts;
    memcpy(f->prefix, d->prefix, d->prefix_len); /* parse_line() keeps it shorter */
    f->prefix_len = d->prefix_len;
    f->addr = d->addr;
    f->zx = d->zx;
    f->dash = d->dash;
    f->width = d->width;
    f->ascii = d->ascii;
    f->ascii_col = d->ascii_col;
    f->row = d->nbytes;
    f->name = form_name(f);
    r->dm.radix_mask = f->addr == ADDR_SPACE1 ? offset_radices(d->addr_s, f->width) : 1u << 16;
    if (gb <= 1) {
        f->order = VMBPI_ORDER_MEMORY;
    } else if (r->o.order != VMBPI_ORDER_UNSTATED) {
        f->order = r->o.order;
    } else if (d->ascii != ASC_NONE && d->mem_ok != d->le_ok) {
        f->order = d->mem_ok ? VMBPI_ORDER_MEMORY : VMBPI_ORDER_LE;
    } else if (f->addr == ADDR_COLON && !f->ts && f->prefix_len == 0) {
        f->order = VMBPI_ORDER_MEMORY; /* xxd: groups are bytes in memory order (not -e) */
    } else {
        return vmbpi_rd_fail(r,
                             "line %lu: a dump in groups of %u bytes (%s): their byte order "
                             "is not stated; %s",
                             r->lineno, gb, f->name, vmbpi_order_hint);
    }
    r->dm.have_form = true;
    if (gb > 1)
        snprintf(r->form, sizeof(r->form), "%s, %u-byte groups, %s order", f->name, gb,
                 f->order == VMBPI_ORDER_MEMORY ? "memory"
                 : f->order == VMBPI_ORDER_LE   ? "little-endian"
                                                : "big-endian");
    else
        snprintf(r->form, sizeof(r->form), "%s", f->name);
    return 0;
}

static int form_error(struct vmbpi_reader *r, const char *what)
{
    return vmbpi_rd_fail(r, "line %lu is not in the %s form of the lines before it (%s)",
                         r->lineno, r->dm.f.name, what);
}

/* Whether line d has the dump's form. */
static int same_form(struct vmbpi_reader *r, const struct dline *d)
{
    const struct vmbpi_form *f = &r->dm.f;
    unsigned gb = f->width / 2;

    if (d->ts != f->ts)
        return form_error(r, d->ts ? "a timestamp" : "no timestamp");
    if (d->prefix_len != f->prefix_len || memcmp(d->prefix, f->prefix, f->prefix_len) != 0)
        return form_error(r, "another prefix");
    if (d->kind != DL_DATA)
        return 0;
    if (d->addr != f->addr)
        return form_error(r, "another address column");
    if (d->zx != f->zx)
        return form_error(r, "0x prefixes differ");
    if (d->ascii != f->ascii)
        return form_error(r, f->ascii == ASC_NONE ? "an ASCII column"
                                                  : "no ASCII column, or one that does not "
                                                    "match its bytes");
    if (d->width != f->width) {
        /* print_hex_dump prints a line whose length is no multiple of the group size in
         * single bytes; xxd's last group may be shorter: both end the dump */
        if (!(d->width == 2 && d->nbytes % gb != 0) && d->width > f->width)
            return form_error(r, "groups of another width");
    } else if (d->ascii == ASC_COLUMN && d->ascii_col != f->ascii_col) {
        return form_error(r, "the ASCII column starts elsewhere");
    }
    if (f->dash && !d->dash && d->nbytes > 8)
        return form_error(r, "no '-' after the 8th byte");
    return 0;
}

static int emit_line(struct vmbpi_reader *r, const struct dline *d, uint8_t *row)
{
    enum vmbpi_order o = r->dm.f.order;
    unsigned t, j, k = 0;

    if (d->width != r->dm.f.width && d->width == 2)
        o = VMBPI_ORDER_MEMORY; /* single bytes */
    if (d->ascii != ASC_NONE) {
        if (o == VMBPI_ORDER_LE && !d->le_ok)
            return vmbpi_rd_fail(r,
                                 "line %lu: its ASCII column does not match the groups "
                                 "read as little-endian numbers",
                                 r->lineno);
        if (o != VMBPI_ORDER_LE && !d->mem_ok)
            return vmbpi_rd_fail(
                r,
                "line %lu: its ASCII column does not match the bytes read "
                "in memory order%s",
                r->lineno,
                d->le_ok ? " (they are little-endian numbers: --group-order le)" : "");
    }
    for (t = 0; t < d->ntok; t++)
        for (j = 0; j < d->tok[t].n; j++)
            row[k++] = d->bytes[o == VMBPI_ORDER_LE ? d->tok[t].off + d->tok[t].n - 1 - j
                                                    : d->tok[t].off + j];
    return vmbpi_rd_put(r, row, k);
}

/* Repeat the last row to fill `bytes` bytes (a "*" line; a whole number of rows). */
static int squeeze_fill(struct vmbpi_reader *r, uint64_t bytes)
{
    struct vmbpi_dump *m = &r->dm;
    uint64_t i;

    for (i = 0; i < bytes / m->last_row_n; i++)
        if (vmbpi_rd_put(r, m->last_row, m->last_row_n) != 0)
            return -1;
    return 0;
}

static int new_record(struct vmbpi_reader *r, const char *why)
{
    struct vmbpi_dump *m = &r->dm;

    if (!r->o.records && m->in_record)
        return vmbpi_rd_fail(r,
                             "line %lu %s: the input holds more than one dump (only "
                             "--gpadl reads several messages)",
                             r->lineno, why);
    vmbpi_rd_record_end(r);
    m->in_record = false;
    m->have_addr = false;
    m->squeeze = false;
    m->ended = false;
    m->prev_short = false;
    return 0;
}

/* Check line d's address against the line before; fill a squeeze. Returns 1 when the line
 * starts a new dump (an address that does not follow). */
static int follow_address(struct vmbpi_reader *r, const struct dline *d)
{
    struct vmbpi_dump *m = &r->dm;
    unsigned radix, ok = 0, sq = 0;
    uint64_t fills[17];

    if (r->dm.f.addr == ADDR_NONE || m->addr_unchecked || !m->have_addr)
        return 0;
    for (radix = 8; radix <= 16; radix++) {
        uint64_t exp, cur;

        if (!(m->radix_mask & radix_bits(d->addr_s) & (1u << radix)))
            continue;
        exp = addr_value(m->prev_addr, radix) + m->prev_n;
        cur = addr_value(d->addr_s, radix);
        fills[radix] = cur - exp;
        if (cur == exp)
            ok |= 1u << radix;
        else if (m->squeeze && cur > exp && m->last_row_n && (cur - exp) % m->last_row_n == 0)
            sq |= 1u << radix;
    }
    if (m->squeeze && sq) {
        uint64_t fill;

        /* od's 7-digit offsets are octal unless the lines say decimal (od -Ad) */
        if ((sq & (1u << 8)) && (sq & ~((1u << 8) | (1u << 10))) == 0)
            sq = 1u << 8;
        for (radix = 8; !(sq & (1u << radix)); radix++)
            ;
        fill = fills[radix];
        for (; radix <= 16; radix++)
            if ((sq & (1u << radix)) && fills[radix] != fill)
                return vmbpi_rd_fail(r,
                                     "line %lu: the offsets of lines %lu and %lu can be read "
                                     "in more than one base: the '*' between them is "
                                     "ambiguous",
                                     r->lineno, m->squeeze_line - 1, r->lineno);
        m->radix_mask &= sq;
        m->squeeze = false;
        return squeeze_fill(r, fill);
    }
    if (m->squeeze && !ok)
        return vmbpi_rd_fail(r,
                             "line %lu: its offset is not a whole number of lines after "
                             "the line before the '*' of line %lu",
                             r->lineno, m->squeeze_line);
    if (ok) {
        if (m->squeeze)
            return vmbpi_rd_fail(r, "line %lu: a '*' line with no line left out before it",
                                 r->lineno);
        m->radix_mask &= ok;
        return 0;
    }
    if ((r->dm.f.ts || r->dm.f.prefix_len > 0) && m->lines == 1 && !m->squeeze &&
        d->kind == DL_DATA) {
        /* print_hex_dump's DUMP_PREFIX_ADDRESS prints hashed pointers: no order in them */
        m->addr_unchecked = true;
        return 0;
    }
    return 1;
}

static int dump_line(struct vmbpi_reader *r, struct dline *d)
{
    struct vmbpi_dump *m = &r->dm;
    int rc;

    if (d->why)
        return vmbpi_rd_fail(r, "line %lu: %s", r->lineno, d->why);
    if (d->kind == DL_SQUEEZE) {
        if (!m->in_record || m->squeeze || m->f.addr == ADDR_NONE || m->addr_unchecked)
            return vmbpi_rd_fail(r,
                                 "line %lu: a '*' line where no offset can say how many "
                                 "lines it stands for",
                                 r->lineno);
        m->squeeze = true;
        m->squeeze_line = r->lineno;
        return 0;
    }
    if (d->kind == DL_END && m->f.addr != ADDR_SPACE1 && m->f.addr != ADDR_SPACE2) {
        /* a lone value in a dump whose lines have no such end offset */
        return form_error(r, "a lone value");
    }
    if (same_form(r, d) != 0)
        return -1;
    if (m->ended) {
        if (new_record(r, "follows the end offset of the dump before it") != 0)
            return -1;
    } else if (m->in_record) {
        rc = follow_address(r, d);
        if (rc < 0)
            return -1;
        if (rc == 1) {
            if (d->kind == DL_END)
                return vmbpi_rd_fail(r,
                                     "line %lu: the end offset %s does not follow the lines "
                                     "before it",
                                     r->lineno, d->addr_s);
            if (new_record(r, "has an offset that does not follow the line before it") != 0)
                return -1;
        } else if (d->kind == DL_DATA && m->prev_short &&
                   (m->f.addr == ADDR_NONE || m->addr_unchecked)) {
            /* without offsets, a short line is the last of its dump */
            if (new_record(r, "follows a line shorter than the first") != 0)
                return -1;
        }
    }
    if (d->kind == DL_END) {
        if (!m->in_record)
            return form_error(r, "an end offset with no lines before it");
        m->ended = true;
        vmbpi_rd_record_end(r);
        return 0;
    }
    if (!m->in_record) {
        if (r->o.records && vmbpi_rd_record_begin(r, r->lineno) != 0)
            return -1;
        m->in_record = true;
        m->lines = 0;
        m->addr_unchecked = false;
        m->radix_mask =
            m->f.addr == ADDR_SPACE1 ? offset_radices(d->addr_s, m->f.width) : 1u << 16;
    }
    if (emit_line(r, d, m->last_row) != 0)
        return -1;
    m->last_row_n = d->nbytes;
    m->prev_n = d->nbytes;
    m->prev_short = d->nbytes < m->f.row;
    snprintf(m->prev_addr, sizeof(m->prev_addr), "%s", d->addr_s);
    m->have_addr = d->addr_s[0] != 0;
    m->lines++;
    return 0;
}

/* ---- lines -------------------------------------------------------------------------- */

int vmbpi_text_line(struct vmbpi_reader *r, const char *s, size_t n)
{
    size_t lead = 0;
    struct dline *d;

    if (r->failed)
        return -1;
    while (n > 0 && s[n - 1] == '\r')
        n--;
    if (!r->scratch) {
        /* one parsed line at a time, kept off the stack (about 2.5 KiB) */
        r->scratch = malloc(sizeof(struct dline));
        if (!r->scratch)
            return vmbpi_rd_fail(r, "out of memory");
    }
    d = (struct dline *)r->scratch;
    while (lead < n && vmbpi_is_ws((unsigned char)s[lead]))
        lead++;
    if (r->tmode == TX_PLAIN)
        return vmbpi_plain_line(r, s, n, true);
    if (lead == n) {
        /* a blank line ends a record */
        if (r->tmode == TX_DUMP && r->o.records && r->dm.in_record)
            return new_record(r, "");
        return 0;
    }
    if (s[lead] == '#' || is_prompt(s + lead, n - lead))
        return 0;
    /* a lone value starts no dump: it is plain text (or an end offset, later) */
    if (parse_line(s + lead, n - lead, d) == 1 && (r->tmode == TX_DUMP || d->kind != DL_END)) {
        if (r->tmode == TX_UNDECIDED) {
            if (d->kind == DL_SQUEEZE)
                return vmbpi_rd_fail(r, "line %lu: a dump cannot start with '*'", r->lineno);
            if (d->why)
                return vmbpi_rd_fail(r, "line %lu: %s", r->lineno, d->why);
            if (establish(r, d) != 0)
                return -1;
            r->tmode = TX_DUMP;
        }
        return dump_line(r, d);
    }
    if (r->tmode == TX_DUMP) {
        if (r->dm.f.addr == ADDR_NONE && !r->dm.f.ts && r->dm.f.prefix_len == 0)
            return form_error(r, "no ASCII column");
        return form_error(r, "not a line of the dump");
    }
    r->tmode = TX_PLAIN;
    snprintf(r->form, sizeof(r->form), "plain hex");
    return vmbpi_plain_line(r, s, n, true);
}

int vmbpi_text_long(struct vmbpi_reader *r, const char *s, size_t n, bool eol)
{
    if (r->failed)
        return -1;
    if (r->tmode == TX_DUMP)
        return vmbpi_rd_fail(r, "line %lu is longer than %u characters", r->lineno,
                             VMBPI_LINE_MAX);
    if (r->tmode == TX_UNDECIDED) {
        r->tmode = TX_PLAIN;
        snprintf(r->form, sizeof(r->form), "plain hex");
    }
    return vmbpi_plain_line(r, s, n, eol);
}

int vmbpi_text_end(struct vmbpi_reader *r)
{
    struct vmbpi_plain *p = &r->pl;
    struct vmbpi_dump *m = &r->dm;

    if (r->failed)
        return -1;
    if (r->tmode == TX_PLAIN && !p->addr_broken && p->addr_lines > 0 &&
        p->addr_like == p->addr_lines)
        return vmbpi_rd_fail(r, "the first value of every line counts the bytes before it: an "
                                "address column, in a dump of no known form");
    if (r->tmode == TX_DUMP && m->squeeze)
        return vmbpi_rd_fail(r, "the '*' of line %lu is not followed by an offset",
                             m->squeeze_line);
    if (r->tmode == TX_DUMP) {
        unsigned rm = m->radix_mask;

        vmbpi_rd_record_end(r);
        if (m->f.addr == ADDR_SPACE1 && (rm & (rm - 1u)) == 0 && rm != 0) {
            const char *radix = rm == 1u << 8 ? "octal" : rm == 1u << 10 ? "decimal" : "hex";
            /* the offsets' base tells a word dump of hexdump (hex) from one of od */
            const char *name = m->f.width == 2  ? m->f.name
                               : rm == 1u << 16 ? "hexdump"
                                                : "od -x";
            char rest[256];

            snprintf(rest, sizeof(rest), "%s%s, %s offsets", name, r->form + strlen(m->f.name),
                     radix);
            snprintf(r->form, sizeof(r->form), "%.80s", rest);
        }
    }
    if (r->tmode == TX_UNDECIDED)
        snprintf(r->form, sizeof(r->form), "text");
    return 0;
}
