/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect internals: the command implementations, callable from the CLI, the tests
 * and the fuzz target. Every decoder works on a private, exact-size copy of the input and
 * reports through struct vmbpi_out (text or JSON).
 *
 * Exit status convention of every command: 0 the input is valid, 1 it was decoded but breaks
 * a rule (the status is printed), 2 unusable input or usage.
 */
#ifndef VMBPI_INSPECT_H
#define VMBPI_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "out.h"

#define VMBPI_EXIT_VALID 0
#define VMBPI_EXIT_INVALID 1
#define VMBPI_EXIT_USAGE 2

/*
 * Largest inputs accepted, in bytes (text input may be VMBPI_TEXT_PER_BYTE times longer):
 * a message or SynIC slot; the messages of one GPADL (at most 294 of them, each at most a
 * 256-byte slot); a ring image or a pair of them (uio_hv_generic ring files are a few MiB).
 */
#define VMBPI_MSG_MAX 4096u
#define VMBPI_GPADL_MSGS_MAX 512u
#define VMBPI_GPADL_INPUT_MAX (VMBPI_GPADL_MSGS_MAX * 256u)
#define VMBPI_RING_MAX (64u * 1024u * 1024u)

struct vmbpi_msg_opts {
    uint32_t version;  /* negotiated version, 0 = before negotiation */
    uint32_t features; /* negotiated feature flags */
    int dir;           /* enum vmbp_dir: who sent it */
    bool slot;         /* force: the input is a 256-byte SynIC message slot */
    bool body;         /* force: the input is a channel message */
    const char *input; /* how the input was read (input.h form), printed if not NULL */
};

struct vmbpi_ring_opts {
    bool host;         /* the image was taken by the host (VSP) rather than the guest */
    bool pair;         /* the image holds both rings (uio_hv_generic layout) */
    bool legacy;       /* accept every defined packet type, not only 6, 7, 9, 11 */
    bool any_size;     /* any data area the library accepts, not only whole pages */
    size_t preview;    /* payload bytes shown per packet */
    const char *input; /* how the input was read, printed if not NULL */
};

/* One message of a GPADL given to vmbpi_gpadl(). */
struct vmbpi_gpadl_msg {
    const uint8_t *p;
    size_t n;
    unsigned long line; /* where it starts in the input (text), 0 if unknown */
};

/* Whether the bytes look like a whole 256-byte SynIC message slot (by size, type and
 * payload size) rather than a channel message. */
bool vmbpi_msg_is_slot(const uint8_t *p, size_t n);
/* Decode a channel message or SynIC slot; returns an exit status. */
int vmbpi_msg(struct vmbpi_out *o, const uint8_t *p, size_t n,
              const struct vmbpi_msg_opts *opts);
/* Reassemble a GPADL from its messages (each a channel message or a SynIC slot); returns an
 * exit status: 0 complete and valid, 1 the first inconsistency, 2 a message that is no
 * GPADL_HEADER or GPADL_BODY. */
int vmbpi_gpadl(struct vmbpi_out *o, const struct vmbpi_gpadl_msg *msgs, size_t nmsgs,
                const struct vmbpi_msg_opts *opts, FILE *err);
/* GPADL_HEADER's ranges from `have` of the `total` words of range data; the range holding
 * word `bad` (a fault's index; UINT32_MAX for none) carries the problem text. */
void vmbpi_gpadl_ranges(struct vmbpi_out *o, const uint64_t *words, uint32_t have,
                        uint32_t total, uint32_t rangecount, uint32_t bad, const char *problem);
/* The range data of a GPADL_HEADER message (valid or not; fault: the library's report of
 * its rejection, or NULL), the PFNs of a GPADL_BODY. */
struct vmbp_ctx;
struct vmbp_msg_fault;
void vmbpi_gpadl_header_data(struct vmbpi_out *o, const uint8_t *p, size_t n,
                             const struct vmbp_ctx *ctx, const struct vmbp_msg_fault *fault);
void vmbpi_gpadl_body_data(struct vmbpi_out *o, const uint8_t *p, size_t n);
/* The library's report of a rejected message (or offer overlay, named by `overlay`) as the
 * "error" object: status, meaning, rule, the failed step or check, the field, its offset,
 * size and value, what was allowed. msg/len: the message the offsets refer to; ctx and dir:
 * the state and sender it was validated against. */
struct vmbp_msg_fault;
void vmbpi_msg_error(struct vmbpi_out *o, const struct vmbp_msg_fault *f, const uint8_t *msg,
                     size_t len, const struct vmbp_ctx *ctx, int dir, const char *overlay);
/* The same in one line, "child_relid @8 = 0x0, allowed 1..2047 (VMBP-CHAN-003)". */
void vmbpi_msg_fault_line(const struct vmbp_msg_fault *f, char *out, size_t cap);
/* "range", "zero", "one_of", "needs_feature" or "rule": enum vmbp_msg_check_kind. */
const char *vmbpi_check_kind_name(uint8_t kind);
/* The framing or gating step of VMBP-MSG-002 that failed ("length", "type", "direction",
 * "state", "version", "feature"), NULL for a field check. */
const char *vmbpi_fault_step(const struct vmbp_msg_fault *f);
/* Decode a ring image; returns an exit status. */
int vmbpi_ring(struct vmbpi_out *o, const uint8_t *p, size_t n,
               const struct vmbpi_ring_opts *opts);
/* Decode a register value; returns an exit status (2 for an unknown name). */
int vmbpi_reg(struct vmbpi_out *o, const char *name, const char *value, bool arm64, FILE *err);
/* The protocol description (vmbp-inspect schema) as JSON, or as the Markdown blocks spec/
 * embeds; returns an exit status. */
int vmbpi_schema_json(FILE *f);
int vmbpi_schema_markdown(FILE *f);
/* Write a sample: returns an exit status; bytes go to *buf (malloc'd), length to *len; a
 * sample made of SynIC slots sets *record to the slot size (else 0). */
int vmbpi_gen(const char *kind, uint8_t **buf, size_t *len, size_t *record, FILE *err);
/* Names of the sample kinds, NULL-terminated. */
extern const char *const vmbpi_gen_kinds[];

/* The whole command line: argv[0] is the program name. */
int vmbpi_main(int argc, char **argv, FILE *out, FILE *err);

#endif /* VMBPI_INSPECT_H */
