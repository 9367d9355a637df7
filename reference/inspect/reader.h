/* SPDX-License-Identifier: MIT */
/*
 * Internals of the input reader (input.c: bytes, records, raw or text, lines; dump.c: the
 * text forms). Not used outside those two files.
 */
#ifndef VMBPI_READER_H
#define VMBPI_READER_H

#include <stdarg.h>

#include "input.h"

/* Bytes are collected in chunks of this size (the last one may be smaller). */
#define VMBPI_CHUNK 65536u
/* Raw or text is decided from this many leading bytes (or all of a shorter input). */
#define VMBPI_SNIFF 512u
/* Most bytes one 0x-prefixed plain value may have. */
#define VMBPI_VALUE_MAX 8u

enum vmbpi_plain_state { PL_SEP, PL_ZERO, PL_X, PL_DIGITS, PL_COMMENT };

/* Plain hexadecimal, one character at a time (lines of any length). */
struct vmbpi_plain {
    enum vmbpi_plain_state st;
    int hi;                       /* pending high nibble of the current byte, -1 if none */
    unsigned digits;              /* digits of the current token */
    bool zx;                      /* the token has a 0x prefix */
    uint8_t val[VMBPI_VALUE_MAX]; /* a 0x token's bytes, kept until its end */
    /* shape of the current line, to recognise dump lines given as plain text */
    unsigned ntok, first_digits, other_width;
    bool first_colon, mixed, line_bytes;
    uint64_t first_value;
    size_t bytes_after_first;
    /* first tokens of consecutive lines that behave like addresses */
    bool have_prev;
    uint64_t prev_value;
    size_t prev_after;
    unsigned long addr_like, addr_lines;
    bool addr_broken;
};

enum vmbpi_addr { ADDR_NONE, ADDR_COLON, ADDR_SPACE1, ADDR_SPACE2, ADDR_GDB, ADDR_WINDBG };
enum vmbpi_ascii { ASC_NONE, ASC_COLUMN, ASC_PIPE, ASC_ANGLE };

/* The form of a dump, fixed by its first data line. */
struct vmbpi_form {
    bool ts;         /* dmesg or syslog timestamps */
    char prefix[64]; /* print_hex_dump prefix_str, identical on every line */
    size_t prefix_len;
    enum vmbpi_addr addr;
    bool zx, dash;
    unsigned width; /* digits per group */
    enum vmbpi_ascii ascii;
    size_t ascii_col;
    unsigned row;           /* bytes of a full line */
    enum vmbpi_order order; /* how groups are read (MEMORY for single bytes) */
    const char *name;
};

struct vmbpi_dump {
    bool have_form;
    struct vmbpi_form f;
    /* the dump so far */
    bool in_record;      /* a record is open */
    bool have_addr;      /* prev holds the last data line's address */
    bool addr_unchecked; /* hashed kernel pointers: addresses say nothing */
    unsigned radix_mask; /* od offsets: radices still possible (bit 8, 10, 16) */
    char prev_addr[24];  /* digits of the last data line's address */
    unsigned prev_n;     /* bytes of the last data line */
    bool prev_short;     /* the last line was shorter than a row: it must end */
    bool squeeze;        /* a "*" line waits for the next offset */
    bool ended;          /* an end-offset line closed the record */
    unsigned long squeeze_line;
    uint8_t last_row[VMBPI_LINE_BYTES_MAX];
    unsigned last_row_n;
    unsigned long lines; /* data lines of the dump */
};

struct vmbpi_reader {
    char name[128];
    struct vmbpi_load_opts o;
    /* the bytes, in chunks */
    uint8_t **chunks;
    size_t nchunks, chunks_cap, len;
    struct vmbpi_record *recs;
    size_t nrecs, recs_cap;
    bool rec_open;
    /* where we are */
    int failed;
    char err[320];
    enum { RD_UNDECIDED, RD_RAW, RD_TEXT } mode;
    uint8_t sniff[VMBPI_SNIFF];
    size_t nsniff;
    uint64_t fed, text_cap;
    uint64_t fed_at_byte; /* r->fed when the last byte was put */
    /* text */
    char line[VMBPI_LINE_MAX + 1];
    size_t linelen;
    unsigned long lineno; /* number of the line being read, from 1 */
    bool long_line;       /* the current line went past VMBPI_LINE_MAX (plain only) */
    bool cr;
    enum { TX_UNDECIDED, TX_PLAIN, TX_DUMP } tmode;
    struct vmbpi_plain pl;
    struct vmbpi_dump dm;
    void *scratch; /* dump.c's parsed line */
    char form[96];
};

/* Record an error (the first one wins); returns -1. */
int vmbpi_rd_fail(struct vmbpi_reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Append bytes; fails past the limit. */
int vmbpi_rd_put(struct vmbpi_reader *r, const uint8_t *p, size_t n);
/* Start a record at the current end (records mode), at text line `line`. */
int vmbpi_rd_record_begin(struct vmbpi_reader *r, unsigned long line);
/* Close the open record, if any. */
void vmbpi_rd_record_end(struct vmbpi_reader *r);

/* Characters of text: hexadecimal digits, white space within a line. */
static inline int vmbpi_hexv(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static inline bool vmbpi_is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

/* What to do about groups whose byte order is not stated (for messages). */
extern const char vmbpi_order_hint[];

/* plain.c: characters of a plain hexadecimal line, then (eol) its end. */
int vmbpi_plain_line(struct vmbpi_reader *r, const char *s, size_t n, bool eol);

/* dump.c: one complete text line (no newline), and the end of the text. */
int vmbpi_text_line(struct vmbpi_reader *r, const char *s, size_t n);
/* dump.c: characters of a line longer than VMBPI_LINE_MAX (plain text only). */
int vmbpi_text_long(struct vmbpi_reader *r, const char *s, size_t n, bool eol);
int vmbpi_text_end(struct vmbpi_reader *r);

#endif /* VMBPI_READER_H */
