/* SPDX-License-Identifier: MIT */
/*
 * Input of vmbp-inspect: a file or standard input, raw bytes or hexadecimal text in one of the
 * common dump forms, read in bounded memory.
 *
 * Raw or text is decided from the first bytes (text has no control byte but white space), or
 * forced. Text is plain hexadecimal (digits, white space, commas, colons, "0x" prefixes, "#"
 * comments) or a dump with offsets and an ASCII column: xxd, hexdump -C, od -tx1 (with or
 * without -A), the kernel's print_hex_dump() (with or without a dmesg timestamp, prefix,
 * offset or address and ASCII column), gdb "x/Nxb" and WinDbg "db". The form is taken from
 * the first line and every later line must have it; offsets must run on without a gap;
 * repeated lines squeezed to "*" are expanded from the offsets. Whatever could be read two
 * ways is refused with a message that says why, never guessed: groups of several bytes whose
 * byte order neither the dump form nor its ASCII column settles need --group-order.
 *
 * Memory: a raw regular file is read into a buffer of its size, refused by that size if it is
 * over the limit; other input is collected in fixed-size chunks up to the caller's limit and
 * copied once into an exact-size buffer. Text is consumed line by line (at most
 * VMBPI_LINE_MAX characters per dump line) and is refused past VMBPI_TEXT_PER_BYTE characters
 * per byte of the limit, or after VMBPI_TEXT_GAP_MAX characters in a row that hold no byte.
 * Reading stops at the first byte that makes the input unusable: the byte past the limit, a
 * byte that is not text in text input, a line that breaks the form.
 */
#ifndef VMBPI_INPUT_H
#define VMBPI_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest line of a dump form; plain hexadecimal lines may be longer. */
#define VMBPI_LINE_MAX 4096u
/* Text input may hold this many characters per byte of the limit (gdb needs about 12). */
#define VMBPI_TEXT_PER_BYTE 16u
/* Text that yields no byte for this many characters in a row is refused (endless blank lines,
 * spaces or comments). */
#define VMBPI_TEXT_GAP_MAX (1024u * 1024u)
/* Largest number of bytes one dump line may carry (xxd -c 256). */
#define VMBPI_LINE_BYTES_MAX 256u

enum vmbpi_format { VMBPI_FMT_AUTO, VMBPI_FMT_RAW, VMBPI_FMT_HEX };

/* How the digits of a multi-byte group (xxd -g4 "08000000", gdb x/xw "0x00000008") hold
 * their bytes: in memory order, or as a little- or big-endian number. */
enum vmbpi_order { VMBPI_ORDER_UNSTATED, VMBPI_ORDER_MEMORY, VMBPI_ORDER_LE, VMBPI_ORDER_BE };

struct vmbpi_load_opts {
    enum vmbpi_format fmt;
    enum vmbpi_order order;
    size_t max;         /* bytes accepted in all */
    bool records;       /* split the input into records (one message each) */
    size_t raw_record;  /* records mode, raw input: fixed record size */
    size_t max_records; /* records mode: most records accepted */
};

/* One record: a message given on its own line (plain hex), a dump of its own (a blank line or
 * an offset that starts over ends the one before), or a fixed-size piece of raw input. */
struct vmbpi_record {
    size_t off; /* into data */
    size_t len;
    unsigned long line; /* first line of the record (text), 0 for raw input */
};

struct vmbpi_input {
    uint8_t *data; /* malloc'd; exact size (sanitizers see any overread) */
    size_t len;
    bool was_text;
    char form[96];             /* how the input was read, e.g. "xxd", "raw bytes" */
    struct vmbpi_record *recs; /* records mode only; malloc'd */
    size_t nrecs;
};

/*
 * Load path ("-" is standard input). Returns 0, or nonzero with one line in err: a missing or
 * unreadable file, an empty input, more than opts->max bytes (a regular file is refused by its
 * size before it is read), text that is no dump form or breaks its form, or an ambiguity.
 */
int vmbpi_input_load(struct vmbpi_input *in, const char *path,
                     const struct vmbpi_load_opts *opts, char *err, size_t errlen);
/* The same from memory; name prefixes the messages. */
int vmbpi_input_parse(struct vmbpi_input *in, const char *name, const uint8_t *p, size_t n,
                      const struct vmbpi_load_opts *opts, char *err, size_t errlen);

/* Incremental form, for callers that read in pieces (the loader, the fuzz target). */
struct vmbpi_reader;
struct vmbpi_reader *vmbpi_reader_new(const char *name, const struct vmbpi_load_opts *opts);
/* Feed bytes; returns 0, or nonzero once the input is unusable (later calls fail too). */
int vmbpi_reader_feed(struct vmbpi_reader *r, const uint8_t *p, size_t n);
/* End of input: fills in and returns 0, or nonzero; err receives the reason either way. */
int vmbpi_reader_finish(struct vmbpi_reader *r, struct vmbpi_input *in, char *err,
                        size_t errlen);
void vmbpi_reader_free(struct vmbpi_reader *r);

void vmbpi_input_free(struct vmbpi_input *in);

/* Name of an order for messages and --group-order: "memory", "le", "be". */
const char *vmbpi_order_name(enum vmbpi_order o);

#endif /* VMBPI_INPUT_H */
