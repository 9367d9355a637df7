/* SPDX-License-Identifier: MIT */
/*
 * Plain hexadecimal input of vmbp-inspect (input.h), a character at a time so that a line
 * may be any length: digits in pairs, white space, commas, colons, "0x" prefixes (a 0x value
 * wider than a byte is a number: its byte order must be stated), "#" comments. A line that
 * looks like a dump line (an offset column) is refused rather than read as bytes.
 */
#include "reader.h"

#include <stdio.h>

const char vmbpi_order_hint[] =
    "give --group-order le (numbers in little-endian order: x86 and arm64 kernels and "
    "debuggers, hexdump, od -x, xxd -e), be, or memory, or dump single bytes "
    "(xxd -g1, hexdump -C, od -An -tx1, gdb x/xb, WinDbg db)";

static int plain_byte(struct vmbpi_reader *r, uint8_t b)
{
    struct vmbpi_plain *p = &r->pl;

    if (r->o.records && !r->rec_open && vmbpi_rd_record_begin(r, r->lineno) != 0)
        return -1;
    if (p->ntok > 1)
        p->bytes_after_first++;
    p->line_bytes = true;
    return vmbpi_rd_put(r, &b, 1);
}

static int plain_digit(struct vmbpi_reader *r, int v)
{
    struct vmbpi_plain *p = &r->pl;

    p->digits++;
    if (p->ntok == 1 && p->digits <= 16)
        p->first_value = p->first_value << 4 | (uint64_t)v;
    if (p->zx) {
        unsigned k = (p->digits - 1) / 2;

        if (k >= VMBPI_VALUE_MAX)
            return vmbpi_rd_fail(r, "line %lu: a 0x value wider than 64 bits", r->lineno);
        if (p->digits % 2)
            p->val[k] = (uint8_t)(v << 4);
        else
            p->val[k] = (uint8_t)(p->val[k] | v);
        return 0;
    }
    if (p->hi < 0) {
        p->hi = v;
        return 0;
    }
    v |= p->hi << 4;
    p->hi = -1;
    return plain_byte(r, (uint8_t)v);
}

/* The end of a token; `term` is the character that ended it (0 at the end of a line). */
static int plain_token_end(struct vmbpi_reader *r, int term)
{
    struct vmbpi_plain *p = &r->pl;
    unsigned k, n = p->digits / 2;

    if (p->digits % 2)
        return vmbpi_rd_fail(r,
                             "line %lu: a value with an odd number of digits (%u); "
                             "write every byte as two digits",
                             r->lineno, p->digits);
    if (p->zx && n > 1) {
        enum vmbpi_order o = r->o.order;

        if (o == VMBPI_ORDER_UNSTATED)
            return vmbpi_rd_fail(r,
                                 "line %lu: a 0x value of %u bytes: its byte order is not "
                                 "stated; %s",
                                 r->lineno, n, vmbpi_order_hint);
        for (k = 0; k < n; k++)
            if (plain_byte(r, p->val[o == VMBPI_ORDER_LE ? n - 1 - k : k]) != 0)
                return -1;
    } else if (p->zx && n == 1 && plain_byte(r, p->val[0]) != 0) {
        return -1;
    }
    if (p->ntok == 1) {
        p->first_digits = p->digits;
        p->first_colon = term == ':';
    } else if (p->other_width == 0) {
        p->other_width = p->digits;
    } else if (p->other_width != p->digits) {
        p->mixed = true;
    }
    p->digits = 0;
    p->zx = false;
    p->st = PL_SEP;
    return 0;
}

static int plain_char(struct vmbpi_reader *r, int c)
{
    struct vmbpi_plain *p = &r->pl;
    int v;

    for (;;) {
        switch (p->st) {
        case PL_COMMENT:
            return 0;
        case PL_SEP:
            if (vmbpi_is_ws(c) || c == ',' || c == ':')
                return 0;
            if (c == '#') {
                p->st = PL_COMMENT;
                return 0;
            }
            if (vmbpi_hexv(c) < 0)
                break;
            p->ntok++;
            if (c == '0') {
                p->st = PL_ZERO;
                return 0;
            }
            p->st = PL_DIGITS;
            return plain_digit(r, vmbpi_hexv(c));
        case PL_ZERO:
            if (c == 'x' || c == 'X') {
                p->zx = true;
                p->st = PL_X;
                return 0;
            }
            p->st = PL_DIGITS;
            if (plain_digit(r, 0) != 0)
                return -1;
            continue; /* c again, as a character of the token */
        case PL_X:
            if (vmbpi_hexv(c) < 0)
                return vmbpi_rd_fail(r, "line %lu: '0x' without digits", r->lineno);
            p->st = PL_DIGITS;
            return plain_digit(r, vmbpi_hexv(c));
        case PL_DIGITS:
            v = vmbpi_hexv(c);
            if (v >= 0)
                return plain_digit(r, v);
            if (vmbpi_is_ws(c) || c == ',' || c == ':' || c == '#') {
                if (plain_token_end(r, c) != 0)
                    return -1;
                continue;
            }
            break;
        }
        if (c == '*')
            return vmbpi_rd_fail(r,
                                 "line %lu: a '*' line (repeated lines squeezed by od or "
                                 "hexdump) in a dump without offsets: the number of lines "
                                 "is lost; dump with -v",
                                 r->lineno);
        if (c >= 0x21 && c < 0x7F)
            return vmbpi_rd_fail(r,
                                 "line %lu: '%c' is not hexadecimal, and the line is not "
                                 "in a known dump form",
                                 r->lineno, c);
        return vmbpi_rd_fail(r, "line %lu: byte 0x%02x is not hexadecimal", r->lineno, c);
    }
}

static int plain_eol(struct vmbpi_reader *r)
{
    struct vmbpi_plain *p = &r->pl;

    if (p->st == PL_ZERO) {
        p->st = PL_DIGITS;
        if (plain_digit(r, 0) != 0)
            return -1;
    }
    if (p->st == PL_X)
        return vmbpi_rd_fail(r, "line %lu: '0x' without digits", r->lineno);
    if (p->st == PL_DIGITS && plain_token_end(r, 0) != 0)
        return -1;
    /* a dump line read as plain text would take its offset for bytes */
    if (p->ntok >= 1 && p->first_digits >= 4 && p->first_colon)
        return vmbpi_rd_fail(r,
                             "line %lu starts with an offset but is in no known dump "
                             "form (an ASCII column that does not match its bytes?)",
                             r->lineno);
    if (p->ntok >= 2 && p->first_digits >= 4 && !p->mixed && p->other_width == 2)
        return vmbpi_rd_fail(r,
                             "line %lu: its first value is wider than the bytes after "
                             "it: an offset column in a dump of no known form",
                             r->lineno);
    if (p->ntok >= 2 && p->first_digits >= 4 && p->first_digits <= 16) {
        if (p->have_prev) {
            p->addr_lines++;
            if (p->first_value == p->prev_value + p->prev_after)
                p->addr_like++;
            else
                p->addr_broken = true;
        }
        p->have_prev = true;
        p->prev_value = p->first_value;
        p->prev_after = p->bytes_after_first;
    } else if (p->ntok > 0) {
        p->addr_broken = true;
    }
    if (r->o.records && p->line_bytes)
        vmbpi_rd_record_end(r);
    p->st = PL_SEP;
    p->hi = -1;
    p->ntok = p->first_digits = p->other_width = 0;
    p->first_colon = p->mixed = p->line_bytes = false;
    p->first_value = 0;
    p->bytes_after_first = 0;
    return 0;
}

int vmbpi_plain_line(struct vmbpi_reader *r, const char *s, size_t n, bool eol)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (plain_char(r, (unsigned char)s[i]) != 0)
            return -1;
    return eol ? plain_eol(r) : 0;
}
